/**
 * Resolves options against the rules the build compiles from `schema.ts`
 * (`build/options-plugin.mjs`): the browser's half of the one options schema.
 */
import compiled from 'virtual:hotlinks-options';
import type { HotLinksOptions, ResolvedOptions } from './schema';

export type { HotLinksOptions, ResolvedOptions };

export interface OptionRule {
  default: unknown;
  /** How the option's attribute text is read: see `readers`. */
  read: 'array' | 'boolean' | 'integer' | 'string';
  /** Whether a value is valid: the zod schema's verdict, compiled. */
  check(value: unknown): boolean;
  /** What a valid value is, for error messages; left out of the drop-ins. */
  description?: string;
}

export const rules = compiled as Record<keyof ResolvedOptions, OptionRule>;

/** The option names, in the schema's order. */
export const optionNames = Object.keys(rules) as (keyof ResolvedOptions)[];

/** Attribute text as the option's type; what cannot be read stays text, and fails its check. */
const readers: Record<OptionRule['read'], (text: string) => unknown> = {
  array: (text) => text.split(',').map((item) => item.trim()).filter(Boolean),
  // `data-debug` alone means true.
  boolean: (text) => text == '' || text == 'true' || (text != 'false' && text),
  integer: (text) => (/^\d{1,9}$/.test(text) ? +text : text),
  string: (text) => text,
};

export const fromAttribute = (rule: OptionRule, text: string) => readers[rule.read](text.trim());

/** A value as the message shows it: quoted, and short (a URL parameter can be 10,000 characters). */
const shown = (value: unknown) => String(JSON.stringify(value)).slice(0, 80);

const copy = (value: unknown) => (Array.isArray(value) ? [...value] : value);

/**
 * Fills in defaults and checks every value. `reject(key, problem)` hears of each unknown or invalid
 * option, `problem` completing a sentence that starts with its name (`must be ..., got "abc"`);
 * the default is used.
 */
export function resolveOptions(
  input: Record<string, unknown>,
  reject: (key: string, problem: string) => void,
): ResolvedOptions {
  const resolved: Record<string, unknown> = {};
  for (const key of Object.keys(input)) {
    if (!(key in rules) && input[key] !== undefined) reject(key, `is not an option (the options are ${optionNames.join(', ')})`);
  }
  for (const key of optionNames) {
    const rule = rules[key];
    const value = input[key];
    const valid = value === undefined || rule.check(value);
    if (!valid) reject(key, rule.description ? `must be ${rule.description}, got ${shown(value)}` : `is not valid: ${shown(value)}`);
    resolved[key] = valid ? (value ?? copy(rule.default)) : copy(rule.default);
  }
  return resolved as ResolvedOptions;
}

/** The drop-in's options: the script's `data-*` attributes, read by their `dataset` names. */
export function optionsFromDataset(dataset: DOMStringMap, reject: (key: string, problem: string) => void) {
  const input: Record<string, unknown> = {};
  for (const key of optionNames) {
    const text = dataset[key];
    if (text !== undefined) input[key] = fromAttribute(rules[key], text);
  }
  return resolveOptions(input, reject);
}

/** `cookieDays` → `data-cookie-days`, for messages about the drop-in's attributes. */
export const attributeName = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
