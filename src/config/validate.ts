/**
 * Options resolved against the one table (`options.ts`): by `init()`, by the drop-in from its
 * script tag's `data-*` attributes, and by the producer's server.
 */
import { DESCRIPTIONS, type HotLinksOptions, OPTIONS, type OptionName, type ResolvedOptions, type Rule } from './options.js';
import { shown } from './shown.js';

export type { HotLinksOptions, OptionName, ResolvedOptions };

/** The option names, in the table's order. */
export const optionNames = Object.keys(OPTIONS) as OptionName[];

/**
 * Attribute text as the type of the option's default: a comma-separated list, `true`/`false` (alone,
 * `data-debug` means true), a number (`data-cookie-days="forever"` stays text, which its check
 * takes), `false` for a name that can be turned off (`data-visit-param="false"`). What cannot be
 * read stays text, and fails the check.
 */
export function fromAttribute(fallback: unknown, text: string): unknown {
  const t = text.trim();
  return Array.isArray(fallback)
    ? t.split(',').map((item) => item.trim()).filter(Boolean)
    : typeof fallback == 'boolean'
      ? t == '' || t == 'true' || (t != 'false' && t)
      : typeof fallback == 'number' && /^\d{1,9}$/.test(t)
        ? +t
        : t != 'false' && t;
}

/**
 * `value` by its rule: itself when valid, the default when absent, and when invalid the default
 * after `reject` hears of it. The options and the Buy button's attributes are read by it alike.
 */
export function ruled<T>(value: unknown, [fallback, check]: Rule<T>, reject: () => void): T {
  if (value === undefined || check(value)) return value ?? fallback;
  reject();
  return fallback;
}

/**
 * Fills in defaults and checks every value. `reject(key, problem)` hears of each unknown or invalid
 * option, `problem` completing a sentence that starts with its name (`must be ..., got "abc"`);
 * the default is used. `written`: what the producer wrote, to show in messages (the drop-in's
 * attribute texts). Resolved options are frozen: what runs changes in the running state, never here.
 */
export function resolveOptions(
  input: Record<string, unknown>,
  reject: (key: string, problem: string) => void,
  written: Record<string, string> = {},
): ResolvedOptions {
  const resolved: Record<string, unknown> = {};
  for (const key in input) {
    if (!(key in OPTIONS) && input[key] !== undefined) reject(key, `is not an option (the options are ${optionNames.join(', ')})`);
  }
  for (const key of optionNames) {
    const kept = ruled(input[key], OPTIONS[key] as Rule<unknown>, () => {
      // The drop-ins carry no descriptions: they name the attribute and show what was written.
      const got = shown(written[key] ?? input[key]);
      reject(key, DROPIN ? `is not valid: ${got}` : `must be ${DESCRIPTIONS[key]}, got ${got}`);
    });
    resolved[key] = Array.isArray(kept) ? Object.freeze([...kept]) : kept;
  }
  return Object.freeze(resolved) as ResolvedOptions;
}

/** The drop-in's options: the script's `data-*` attributes, read by their `dataset` names. */
export function optionsFromDataset(dataset: DOMStringMap, reject: (key: string, problem: string) => void) {
  const input: Record<string, unknown> = {};
  const written: Record<string, string> = {};
  for (const key of optionNames) {
    const text = dataset[key];
    if (text !== undefined) input[key] = fromAttribute(OPTIONS[key][0], (written[key] = text));
  }
  return resolveOptions(input, reject, written);
}

/** `cookieDays` → `data-cookie-days`, for messages about the drop-in's attributes. */
export const attributeName = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
