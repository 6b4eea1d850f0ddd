// Compiles the zod options schema (src/config/schema.ts) at build time into the module
// `virtual:hotlinks-options`: for each option its default, how to read it from an attribute, and a
// `check` function generated from the schema's JSON Schema. Browser bundles so validate against the
// same schema without shipping zod or a schema interpreter. Used by rollup.config.mjs and vitest.config.ts.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const VIRTUAL = 'virtual:hotlinks-options';
const RESOLVED = '\0' + VIRTUAL;

/** Transpiles the schema and its imports under src/config to node_modules/.cache and imports them. */
export async function loadOptionsJsonSchema() {
  const outDir = join(root, 'node_modules/.cache/hotlinks-embed', String(process.pid) + '-' + Date.now());
  mkdirSync(outDir, { recursive: true });
  for (const file of ['schema.ts', 'formats.ts']) {
    const source = readFileSync(join(root, 'src/config', file), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText.replace(/from '\.\/(\w+)(\.js)?'/g, "from './$1.mjs'");
    writeFileSync(join(outDir, file.replace('.ts', '.mjs')), js);
  }
  const { optionsSchema } = await import(pathToFileURL(join(outDir, 'schema.mjs')).href);
  rmSync(outDir, { recursive: true, force: true });
  const { z } = await import('zod');
  const { properties } = z.toJSONSchema(optionsSchema, { io: 'input' });
  for (const [key, property] of Object.entries(properties)) {
    if (!property.description) throw new Error(`options schema: "${key}" needs a description (it is the error message)`);
  }
  return properties;
}

const FORMATS = join(root, 'src/config/formats.ts');

/**
 * A JavaScript expression that is true when `v` satisfies JSON Schema `s`. It covers the keywords
 * the options schema uses and refuses any other, so a schema change cannot be checked loosely.
 */
export function compileCheck(s, v = 'v', depth = 0) {
  const known = ['type', 'enum', 'const', 'pattern', 'format', 'minimum', 'maximum', 'minItems', 'maxItems', 'minLength', 'maxLength', 'anyOf', 'items', 'default', 'description'];
  for (const keyword of Object.keys(s)) {
    if (!known.includes(keyword)) throw new Error(`options schema: the browser check cannot compile "${keyword}"`);
  }
  if (s.anyOf) return '(' + s.anyOf.map((branch) => compileCheck(branch, v, depth)).join('||') + ')';
  const all = [];
  const bound = (value, keyword, op) => s[keyword] != null && all.push(`${value}${op}${s[keyword]}`);
  if ('const' in s) all.push(`${v}===${JSON.stringify(s.const)}`);
  if (s.enum) all.push(`${JSON.stringify(s.enum)}.includes(${v})`);
  // `const` and `enum` already fix the type.
  switch ('const' in s || s.enum ? 'fixed' : s.type) {
    case 'fixed':
      break;
    case 'boolean':
      all.push(`typeof ${v}=="boolean"`);
      break;
    case 'integer':
      all.push(`Number.isInteger(${v})`);
      bound(v, 'minimum', '>=');
      bound(v, 'maximum', '<=');
      break;
    case 'array': {
      const item = 'v' + (depth + 1);
      all.push(`Array.isArray(${v})`);
      bound(v + '.length', 'minItems', '>=');
      bound(v + '.length', 'maxItems', '<=');
      // Spread, because `every` skips the holes of a sparse array (`[, 'a']`) that zod refuses.
      all.push(`[...${v}].every(${item}=>${compileCheck(s.items, item, depth + 1)})`);
      break;
    }
    case 'string':
      all.push(`typeof ${v}=="string"`);
      bound(v + '.length', 'minLength', '>=');
      bound(v + '.length', 'maxLength', '<=');
      if (s.pattern) all.push(`${new RegExp(s.pattern)}.test(${v})`);
      if (s.format) all.push(`formats.${s.format}(${v})`);
      break;
    default:
      throw new Error(`options schema: the browser check cannot compile type ${JSON.stringify(s.type)}`);
  }
  return '(' + all.join('&&') + ')';
}

/**
 * The module's source: `export default { key: { default, check, description? } }`. Options of the
 * same shape (three lists of parameter names, say) share one check function.
 */
export function compileOptions(properties, { descriptions = true } = {}) {
  const checks = [];
  const rules = Object.entries(properties).map(([key, s]) => {
    const body = compileCheck(s);
    const index = checks.includes(body) ? checks.indexOf(body) : checks.push(body) - 1;
    const fields = [`default:${JSON.stringify(s.default)}`, `check:c${index}`];
    if (descriptions) fields.push(`description:${JSON.stringify(s.description)}`);
    return `${JSON.stringify(key)}:{${fields.join(',')}}`;
  });
  return (
    `import * as formats from ${JSON.stringify(FORMATS)};\n` +
    checks.map((body, i) => `const c${i}=(v)=>${body};\n`).join('') +
    `export default {${rules.join(',\n')}};\n`
  );
}

/**
 * `descriptions: false` leaves out the descriptions (the "must be ..." part of error messages):
 * the drop-in scripts name the bad attribute and its value without them, to stay in budget.
 */
export default function hotlinksOptions({ descriptions = true } = {}) {
  return {
    name: 'hotlinks-options',
    resolveId(id) {
      return id === VIRTUAL ? RESOLVED : null;
    },
    async load(id) {
      if (id !== RESOLVED) return null;
      this.addWatchFile?.(join(root, 'src/config/schema.ts'));
      return compileOptions(await loadOptionsJsonSchema(), { descriptions });
    },
  };
}
