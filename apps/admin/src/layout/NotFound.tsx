import { Link } from 'react-router';
import { Empty } from '../ui/states';

export function NotFound() {
  return (
    <Empty>
      <h1>Nothing here</h1>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </Empty>
  );
}
