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

const within = (n: number, min = -Infinity, max = Infinity) => n >= min && n <= max;

export function matches(s: JsonSchema, value: unknown): boolean {
  if (s.anyOf) return s.anyOf.some((branch) => matches(branch, value));
  if ('const' in s && value !== s.const) return false;
  if (s.enum && !s.enum.includes(value)) return false;
  switch (s.type) {
    case 'boolean':
      return typeof value == 'boolean';
    case 'integer':
      return Number.isInteger(value) && within(value as number, s.minimum, s.maximum);
    case 'array':
      return (
        Array.isArray(value) &&
        within(value.length, s.minItems, s.maxItems) &&
        value.every((item) => !s.items || matches(s.items, item))
      );
    case 'string':
      return (
        typeof value == 'string' &&
        within(value.length, s.minLength, s.maxLength) &&
        (!s.pattern || new RegExp(s.pattern).test(value)) &&
        (!s.format || !formats[s.format] || formats[s.format](value))
      );
  }
  return false;
}

/** Reads an attribute's text as the schema's type: lists are comma-separated, `data-debug` alone means true. */
export function fromAttribute(s: JsonSchema, text: string): unknown {
  if (s.anyOf) {
    for (const branch of s.anyOf) {
      const value = fromAttribute(branch, text);
      if (matches(branch, value)) return value;
    }
    return text;
  }
  const t = text.trim();
  if (s.type == 'array') return t.split(',').map((item) => item.trim()).filter(Boolean);
  if (s.type == 'boolean') return t == '' || t == 'true' ? true : t == 'false' ? false : text;
  if (s.type == 'integer' && /^\d{1,9}$/.test(t)) return Number(t);
  return s.type == 'string' ? t : text;
}

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
};

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
      reject(key, `must be ${s.description}, got ${shown(value)}`);
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
