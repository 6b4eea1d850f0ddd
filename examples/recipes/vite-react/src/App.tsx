import { checkoutUrl, getAttribution } from 'hotlinks-embed';
import { useEffect, useState } from 'react';

const HOTLINK = 'https://pay.hotmart.com/A72242240H';

/** The visitor's affiliate code, kept current (`hotlinks-change` fires when it may have changed). */
function useAffiliate(): string | null {
  const [affiliate, setAffiliate] = useState(() => getAttribution()?.affiliate ?? null);
  useEffect(() => {
    const update = () => setAffiliate(getAttribution()?.affiliate ?? null);
    document.addEventListener('hotlinks-change', update);
    return () => document.removeEventListener('hotlinks-change', update);
  }, []);
  return affiliate;
}

export function App() {
  const affiliate = useAffiliate();

  // Just before the visitor leaves for checkout; `event.preventDefault()` would keep them here.
  useEffect(() => {
    const onCheckout = (event: GlobalEventHandlersEventMap['hotlinks-checkout']) => console.log('checkout:', event.detail.url);
    document.addEventListener('hotlinks-checkout', onCheckout);
    return () => document.removeEventListener('hotlinks-checkout', onCheckout);
  }, []);

  return (
    <main>
      <h1>Curso de fotografia</h1>
      <hotlink-buy-button hotlink={HOTLINK} offer="wlvonm69" price="197" variant="orange" size="lg">
        Quero me inscrever
      </hotlink-buy-button>
      {/* Your own button: the checkout URL with the visitor's affiliate code, computed on click. */}
      <button type="button" onClick={() => location.assign(checkoutUrl(HOTLINK, { off: 'wlvonm69' }))}>
        Comprar com Pix
      </button>
      <p>Afiliado: {affiliate ?? 'nenhum'}</p>
    </main>
  );
}
