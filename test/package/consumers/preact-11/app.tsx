// A Preact app that uses the Buy button, compiled against the packed package by
// test/package/typings.test.ts: it compiles as it is, and each line after a `@ts-expect-error`
// fails without it (the attributes are checked, not `any`).
import { useRef } from 'preact/hooks';
import type { HotlinkBuyButton } from 'hotlinks-embed';
import 'hotlinks-embed/define';

export function Offer() {
  const button = useRef<HotlinkBuyButton>(null);
  return (
    <section class="offer">
      <hotlink-buy-button
        ref={button}
        hotlink="https://pay.hotmart.com/A72242240H"
        offer="wlvonm69"
        mode="overlay"
        variant="orange"
        size="lg"
        price={197}
        currency="BRL"
        lang="pt-BR"
        sck="blog"
        src="sidebar"
        disabled={false}
        class="buy"
        onClick={(event) => console.log(event.currentTarget.hotlink)}
      >
        <a href="https://pay.hotmart.com/A72242240H?off=wlvonm69">Quero me inscrever</a>
      </hotlink-buy-button>
      <hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" price="197.90" size="sm" disabled />
      {/* @ts-expect-error variant ("purple" is none of the variants) */}
      <hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" variant="purple" />
      {/* @ts-expect-error price (a number or a string) */}
      <hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" price={true} />
      {/* @ts-expect-error mode ("popup" is none of the modes) */}
      <hotlink-buy-button hotlink="https://pay.hotmart.com/A72242240H" mode="popup" />
    </section>
  );
}
