// @vitest-environment node
/**
 * One options table: the configuration tables of docs/CONTRACT.md, README.md and README.pt-BR.md
 * are the ones src/config/options.ts gives (its defaults and its comments), so none can drift.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCS, options, table, withTable } from '../../scripts/options-docs.mjs';
import { OPTIONS } from '../../src/config/options';

describe('the options table in the docs', () => {
  it.each(Object.entries(DOCS))('%s shows exactly the table of src/config/options.ts (`npm run options -- --write` rewrites it)', async (doc, language) => {
    const text = readFileSync(doc, 'utf8');
    expect(withTable(text, doc, table(await options(), language as 'en' | 'pt'))).toBe(text);
  });

  it('every option has its attribute, default and meaning in both languages, in the table order', async () => {
    const list = await options();
    expect(list.map((o) => o.name)).toEqual(Object.keys(OPTIONS));
    for (const option of list) {
      expect(option.en.length, option.name).toBeGreaterThan(10);
      expect(option.pt.length, option.name).toBeGreaterThan(10);
    }
    expect(table(list, 'en')).toContain('| `data-cookie-days` | `60` | The cookie\'s lifetime: 1 to 400 days');
    expect(table(list, 'pt')).toContain('| `data-cross-domain` | nenhum | Os seus outros sites');
  });

  it('a table that differs is found: a changed default, a missing row', async () => {
    const list = await options();
    const doc = readFileSync('README.md', 'utf8');
    for (const altered of [doc.replace('| `data-cookie-days` | `60` |', '| `data-cookie-days` | `90` |'), doc.replace(/\n\| `data-debug`[^\n]*/, '')]) {
      expect(withTable(altered, 'README.md', table(list, 'en'))).not.toBe(altered);
    }
  });
});
