/** A postal address, one line each, city line as "Boston, MA 02197". */
export function Address(props: {
  name?: string | null;
  line1: string;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode: string;
  country: string;
}) {
  const lines = [
    props.name,
    props.line1,
    props.line2,
    `${props.city}${props.region ? `, ${props.region}` : ''} ${props.postalCode}`,
    props.country,
  ].filter((line): line is string => Boolean(line));
  return (
    <address>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one address, in order
        <span key={i} className="address-line">
          {line}
        </span>
      ))}
    </address>
  );
}
