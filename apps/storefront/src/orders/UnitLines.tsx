/** "2 × Kettle" per line: what a parcel holds or a return sends back. */
export function UnitLines({
  lines,
  lineName,
}: {
  lines: readonly { orderDetailId: number; quantity: number }[];
  lineName: (orderDetailId: number) => string;
}) {
  return (
    <ul className="shipment-lines">
      {lines.map((line) => (
        <li key={line.orderDetailId}>
          {line.quantity} × {lineName(line.orderDetailId)}
        </li>
      ))}
    </ul>
  );
}
