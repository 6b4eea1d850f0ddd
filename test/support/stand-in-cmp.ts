/**
 * A consent tool that speaks the IAB TCF v2.2 API as real CMPs do, for tests: `__tcfapi(command, 2,
 * callback)`; `addEventListener` calls back at once with the current TCData (`tcloaded` for a
 * returning visitor, `cmpuishown` while the banner is up) and again after each user action
 * (`useractioncomplete`), always with `success = true`. Self-contained (no imports, no outer
 * names), so a browser test can put it in a page as `(${installStandInCmp})(…)`.
 */
export interface StandInCmp {
  /** The visitor answers the banner: purpose id → consent. */
  userAction(consents: Record<number, boolean>): void;
  /** How many listeners are registered. */
  listeners(): number;
}

export function installStandInCmp(setup: { gdprApplies: boolean; known?: Record<number, boolean> }): StandInCmp {
  type Callback = (data: unknown, success: boolean) => void;
  const listeners = new Map<number, Callback>();
  let nextId = 0;
  let eventStatus = !setup.gdprApplies || setup.known ? 'tcloaded' : 'cmpuishown';
  let consents: Record<number, boolean> = setup.known ?? {};
  const tcData = (listenerId: number) => ({
    tcString: setup.gdprApplies ? 'CPXxRfAPXxRfAAfKABENB-CgAAAAAAAAAAYgAAAAAAAA' : '',
    tcfPolicyVersion: 4,
    cmpId: 300,
    cmpVersion: 1,
    gdprApplies: setup.gdprApplies,
    eventStatus,
    cmpStatus: 'loaded',
    listenerId,
    isServiceSpecific: true,
    useNonStandardTexts: false,
    publisherCC: 'PT',
    purposeOneTreatment: false,
    purpose: { consents: setup.gdprApplies ? { ...consents } : {}, legitimateInterests: {} },
    vendor: { consents: {}, legitimateInterests: {} },
    specialFeatureOptins: {},
    publisher: { consents: {}, legitimateInterests: {}, customPurpose: { consents: {}, legitimateInterests: {} }, restrictions: {} },
  });
  (window as unknown as { __tcfapi: unknown }).__tcfapi = (command: string, version: number, callback: Callback, parameter?: unknown) => {
    if (version != 2 || typeof callback != 'function') return;
    if (command == 'ping') {
      callback({ gdprApplies: setup.gdprApplies, cmpLoaded: true, cmpStatus: 'loaded', displayStatus: eventStatus == 'cmpuishown' ? 'visible' : 'hidden', apiVersion: '2.2', cmpVersion: 1, cmpId: 300, gvlVersion: 300, tcfPolicyVersion: 4 }, true);
    } else if (command == 'addEventListener') {
      const id = ++nextId;
      listeners.set(id, callback);
      callback(tcData(id), true);
    } else if (command == 'removeEventListener') {
      callback(listeners.delete(parameter as number), true);
    } else {
      callback(null, false);
    }
  };
  return {
    userAction(answer) {
      eventStatus = 'useractioncomplete';
      consents = answer;
      for (const [id, callback] of listeners) callback(tcData(id), true);
    },
    listeners: () => listeners.size,
  };
}
