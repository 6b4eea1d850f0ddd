/**
 * Checks option values against the JSON Schema that the build makes from `schema.ts`: the browser's
 * half of the one options schema (see the comment there for the subset it reads).
 */
import properties from 'virtual:hotlinks-options';
import { formats } from './formats';
import type { HotLinksOptions, ResolvedOptions } from './schema';

export type { HotLinksOptions, ResolvedOptions };

export interface JsonSchema {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  default?: unknown;
  description?: string;
}

const schema = properties as Record<string, JsonSchema>;

/** The option names, in the schema's order. */
export const optionNames = Object.keys(schema) as (keyof ResolvedOptions)[];

/** `!(n < undefined)` holds: an absent bound does not bind. */
const within = (n: number, min?: number, max?: number) => !(n < min!) && !(n > max!);

export function matches(s: JsonSchema, value: unknown): boolean {
  if (s.anyOf) return s.anyOf.some((branch) => matches(branch, value));
  const v = value as never;
  return (
    (!('const' in s) || v === s.const) &&
    (!s.enum || s.enum.includes(v)) &&
    (s.type == 'boolean'
      ? typeof v == 'boolean'
      : s.type == 'integer'
        ? Number.isInteger(v) && within(v, s.minimum, s.maximum)
        : s.type == 'array'
          ? Array.isArray(v) &&
            within((v as []).length, s.minItems, s.maxItems) &&
            // Spread, because `every` skips the holes of a sparse array (`[, 'a']`) that zod refuses.
            [...(v as [])].every((item) => matches(s.items!, item))
          : typeof v == 'string' &&
            within((v as string).length, s.minLength, s.maxLength) &&
            (!s.pattern || new RegExp(s.pattern).test(v)) &&
            (!s.format || formats[s.format](v)))
  );
}

/** Reads an attribute's text as the schema's type: lists are comma-separated, `data-debug` alone means true. */
export function fromAttribute(s: JsonSchema, text: string): unknown {
  const t = text.trim();
  return s.anyOf
    ? s.anyOf.map((branch) => fromAttribute(branch, text)).find((value, i) => matches(s.anyOf![i], value)) ?? text
    : s.type == 'array'
      ? t.split(',').map((item) => item.trim()).filter(Boolean)
      : s.type == 'boolean'
        ? t == '' || t == 'true' || (t != 'false' && text)
        : s.type == 'integer' && /^\d{1,9}$/.test(t)
          ? +t
          : t;
}

/** A value as the message shows it: quoted, and short (a URL parameter can be 10,000 characters). */
const shown = (value: unknown) => String(JSON.stringify(value)).slice(0, 80);

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
    if (!(key in schema) && input[key] !== undefined) reject(key, `is not an option (the options are ${optionNames.join(', ')})`);
  }
  for (const key of optionNames) {
    const s = schema[key];
    const value = input[key];
    if (value === undefined || matches(s, value)) resolved[key] = value ?? copyDefault(s.default);
    else {
      reject(key, s.description ? `must be ${s.description}, got ${shown(value)}` : `is not valid: ${shown(value)}`);
      resolved[key] = copyDefault(s.default);
    }
  }
  return resolved as ResolvedOptions;
}

const copyDefault = (value: unknown) => (Array.isArray(value) ? [...value] : value);

/** The drop-in's options: the script's `data-*` attributes, read by their `dataset` names. */
export function optionsFromDataset(dataset: DOMStringMap, reject: (key: string, problem: string) => void) {
  const input: Record<string, unknown> = {};
  for (const key of optionNames) {
    const text = dataset[key];
    if (text !== undefined) input[key] = fromAttribute(schema[key], text);
  }
  return resolveOptions(input, reject);
}

/** `cookieDays` → `data-cookie-days`, for messages about the drop-in's attributes. */
export const attributeName = (key: string) => 'data-' + key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
