// A server component: the button is plain markup, rendered on the server as written, and the
// element (registered by ./hotlinks.tsx) upgrades it in the browser without a hydration mismatch.
export default function Page() {
  return (
    <main>
      <h1>Curso de fotografia</h1>
      <hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" offer="wlvonm69" price="197">
        <a href="https://pay.hotmart.com/A72242240H?off=wlvonm69">Quero me inscrever</a>
      </hotlink-buy-button>
    </main>
  );
}
