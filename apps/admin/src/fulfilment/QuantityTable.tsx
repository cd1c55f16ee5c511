import { count } from '../lib/format';
import { lineLabel, type OpenLine, openAtLocation } from './lines';

/** The lines with a quantity box each, what is open beside it and the line's problem under it. */
export function QuantityTable(props: {
  lines: readonly OpenLine[];
  typed: ReadonlyMap<number, string>;
  problems: ReadonlyMap<number, string>;
  locationId: number | null;
  verb: string;
  onChange: (orderDetailId: number, text: string) => void;
}) {
  return (
    <table className="table table-compact qty-table" aria-label={`Units to ${props.verb}`}>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col" className="num">
            Open
          </th>
          <th scope="col" className="num">
            To {props.verb}
          </th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line) => {
          const open = openAtLocation(line, props.locationId);
          const problem = props.problems.get(line.orderDetailId);
          const problemId = `qty-problem-${line.orderDetailId}`;
          return (
            <tr key={line.orderDetailId} data-order-detail-id={line.orderDetailId}>
              <td>
                <div className="cell-two-line">
                  <span>{lineLabel(line)}</span>
                  <span className="muted small">
                    {line.sku}
                    {line.openAt.length > 1 && props.locationId === null
                      ? ` · ${line.openAt.map((at) => `${count(at.quantity)} at ${at.locationName}`).join(', ')}`
                      : ''}
                  </span>
                </div>
              </td>
              <td className="num">{count(open)}</td>
              <td className="num">
                <input
                  className="qty-input"
                  inputMode="numeric"
                  aria-label={`Units of ${lineLabel(line)} to ${props.verb}`}
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? problemId : undefined}
                  value={props.typed.get(line.orderDetailId) ?? ''}
                  onChange={(event) => props.onChange(line.orderDetailId, event.target.value)}
                />
                {problem && (
                  <span id={problemId} className="field-error small qty-problem">
                    {problem}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
