/**
 * Resolves options against the rules the build compiles from `schema.ts`
 * (`build/options-plugin.mjs`): the browser's half of the one options schema.
 */
import compiled from 'virtual:hotlinks-options';
import type { HotLinksOptions, ResolvedOptions } from './schema.js';
import { shown } from './shown.js';

export type { HotLinksOptions, ResolvedOptions };

export interface OptionRule {
  /** Its type also says how the option's attribute text is read (see `fromAttribute`). */
  default: unknown;
  /** Whether a value is valid: the zod schema's verdict, compiled. */
  check(value: unknown): boolean;
  /** What a valid value is, for error messages; left out of the drop-ins. */
  description?: string;
}

export const rules = compiled as Record<keyof ResolvedOptions, OptionRule>;

/** The option names, in the schema's order. */
export const optionNames = Object.keys(rules) as (keyof ResolvedOptions)[];

/**
 * Attribute text as the type of the option's default: a comma-separated list, `true`/`false` (alone,
 * `data-debug` means true), a number (`data-cookie-days="forever"` stays text, which its check
 * takes), `false` for a name that can be turned off (`data-visit-param="false"`). What cannot be
 * read stays text, and fails the check.
 */
export function fromAttribute(rule: OptionRule, text: string): unknown {
  const t = text.trim();
  const type = typeof rule.default;
  return Array.isArray(rule.default)
    ? t.split(',').map((item) => item.trim()).filter(Boolean)
    : type == 'boolean'
      ? t == '' || t == 'true' || (t != 'false' && t)
      : type == 'number' && /^\d{1,9}$/.test(t)
        ? +t
        : t != 'false' && t;
}


const copy = (value: unknown) => (Array.isArray(value) ? [...value] : value);

/**
 * Fills in defaults and checks every value. `reject(key, problem)` hears of each unknown or invalid
 * option, `problem` completing a sentence that starts with its name (`must be ..., got "abc"`);
 * the default is used.
 */
export function resolveOptions(
  input: Record<string, unknown>,
  reject: (key: string, problem: string) => void,
  /** What the producer wrote, to show in messages (the drop-in's attribute texts). */
  written: Record<string, string> = {},
): ResolvedOptions {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!(key in rules) && input[key] !== undefined) reject(key, `is not an option (the options are ${optionNames.join(', ')})`);
  }
  for (const key of optionNames) {
    const rule = rules[key];
    const value = input[key];
    const valid = value === undefined || rule.check(value);
    if (!valid) {
      const got = shown(written[key] ?? value);
      reject(key, rule.description ? `must be ${rule.description}, got ${got}` : `is not valid: ${got}`);
    }
    resolved[key] = valid ? (value ?? copy(rule.default)) : copy(rule.default);
  }
  return resolved as ResolvedOptions;
}

/** The drop-in's options: the script's `data-*` attributes, read by their `dataset` names. */
export function optionsFromDataset(dataset: DOMStringMap, reject: (key: string, problem: string) => void) {
  const input: Record<string, unknown> = {};
  const written: Record<string, string> = {};
  for (const key of optionNames) {
    const text = dataset[key];
    if (text !== undefined) input[key] = fromAttribute(rules[key], (written[key] = text));
  }
  return resolveOptions(input, reject, written);
}

/** `cookieDays` → `data-cookie-days`, for messages about the drop-in's attributes. */
export const attributeName = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
