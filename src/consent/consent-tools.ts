/**
 * Consent from the site's consent tool, without timers: Google Consent Mode v2 (the `gtag('consent',
 * …)` commands on `dataLayer`, those already there and those pushed later) and the IAB TCF v2.2 API
 * (`__tcfapi`). `decide(granted, final)` hears each answer; `final` is false for a default or a
 * banner still open, which grant but never withdraw (a returning visitor's "update" follows them).
 */
type Decide = (granted: boolean, final: boolean) => void;

interface TcfData {
  gdprApplies?: boolean;
  eventStatus?: string;
  purpose?: { consents?: Record<string, boolean> };
}
type TcfApi = (command: string, version: number, callback: (data: TcfData, success: boolean) => void) => void;

/** `gtag('consent', 'default' | 'update', { ad_storage: 'granted' | 'denied', … })`: storage follows `ad_storage`. */
function followGoogle(decide: Decide) {
  const w = window as { dataLayer?: unknown[] };
  const layer = (w.dataLayer ||= []);
  let updated = false;
  // Only what `gtag()` pushes: its `arguments` object. A plain object or an array that looks the same
  // is anything a page bridged onto `dataLayer` (a cross-origin frame's message, say), never consent.
  // Indexed, not destructured: an `arguments` object is iterable, but read the same way as before.
  const read = (command: unknown) => {
    if (Object.prototype.toString.call(command) != '[object Arguments]') return;
    const entry = command as { 0?: unknown; 1?: unknown; 2?: { ad_storage?: unknown } };
    const update = entry[1] == 'update';
    const storage = entry[0] == 'consent' && entry[2]?.ad_storage;
    // A default after an update (a late-loading tag) does not undo the visitor's answer.
    if (storage && (update || (entry[1] == 'default' && !updated))) {
      updated ||= update;
      decide(storage == 'granted', update);
    }
  };
  layer.forEach(read);
  const push = layer.push;
  layer.push = function (this: unknown[], ...commands: unknown[]) {
    const length = push.apply(this, commands);
    commands.forEach(read);
    return length;
  };
}

/** Purpose 1 ("store and/or access information on a device"), or GDPR not applying to this visitor. */
function followTcf(decide: Decide) {
  const listen = () => {
    const api = (window as { __tcfapi?: TcfApi }).__tcfapi;
    if (typeof api != 'function') return false;
    api('addEventListener', 2, (data, success) => {
      if (success) decide(data.gdprApplies === false || data.purpose?.consents?.[1] === true, data.eventStatus != 'cmpuishown');
    });
    return true;
  };
  // A consent tool's stub usually comes first; one added later is looked for once, at `load`.
  listen() || addEventListener('load', listen, { once: true });
}

/** Each follower by the value of the `consent` setting that asks for it. */
export { followGoogle as google, followTcf as tcf };
