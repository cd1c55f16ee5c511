import { Categories } from './Categories';

export function App() {
  return (
    <>
      <header className="site-header">
        <div className="container">
          <a className="brand" href="/">
            <span className="brand-mark" aria-hidden="true" />
            Stockpulse
          </a>
          <span className="tagline">Live stock, honest counts</span>
        </div>
      </header>
      <main className="container">
        <h1>Shop by category</h1>
        <Categories />
      </main>
    </>
  );
}
