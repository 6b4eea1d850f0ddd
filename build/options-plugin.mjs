// Turns the zod options schema (src/config/schema.ts) into JSON Schema at build time and serves it
// as the module `virtual:hotlinks-options`, so browser bundles validate against the same schema
// without shipping zod. Used by rollup.config.mjs and vitest.config.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
    }).outputText.replace(/from '\.\/(\w+)'/g, "from './$1.mjs'");
    writeFileSync(join(outDir, file.replace('.ts', '.mjs')), js);
  }
  const { optionsSchema } = await import(pathToFileURL(join(outDir, 'schema.mjs')).href);
  const { z } = await import('zod');
  const { properties } = z.toJSONSchema(optionsSchema, { io: 'input' });
  for (const [key, property] of Object.entries(properties)) {
    if (!property.description) throw new Error(`options schema: "${key}" needs a description (it is the error message)`);
  }
  return properties;
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
      const properties = await loadOptionsJsonSchema();
      if (!descriptions) for (const property of Object.values(properties)) delete property.description;
      return `export default ${JSON.stringify(properties)};`;
    },
  };
}
