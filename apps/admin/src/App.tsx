import { CategoriesTable } from './CategoriesTable';

export function App() {
  return (
    <div className="layout">
      <header className="topbar">
        <a className="brand" href="/admin/">
          Stockpulse <span className="brand-tag">Admin</span>
        </a>
      </header>
      <main className="content">
        <h1>Catalog</h1>
        <section className="panel">
          <h2>Categories</h2>
          <CategoriesTable />
        </section>
      </main>
    </div>
  );
}
