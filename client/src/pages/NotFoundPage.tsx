import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <main id="main" className="page page--center">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to today</Link>
      </p>
    </main>
  );
}
