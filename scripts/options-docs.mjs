#!/usr/bin/env node
/**
 * `npm run options`: the configuration tables of docs/CONTRACT.md, README.md and README.pt-BR.md,
 * written from the one options table (src/config/options.ts): each option's attribute, its default
 * and its meaning (the option's comment; `@pt` for Portuguese). The tables sit between
 * `<!-- options:begin -->` and `<!-- options:end -->`.
 *
 *   npm run options              exits 1, naming the file, when a table differs (test/config/options-docs.test.ts)
 *   npm run options -- --write   rewrites them
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = join(ROOT, 'src/config/options.ts');

/** Where each language's table goes. */
export const DOCS = { 'docs/CONTRACT.md': 'en', 'README.md': 'en', 'README.pt-BR.md': 'pt' };
const BEGIN = '<!-- options:begin -->';
const END = '<!-- options:end -->';

/** Each option's name, default and meanings, in the table's order. */
export async function options() {
  const text = readFileSync(SOURCE, 'utf8');
  const { code } = await transform(text, { loader: 'ts', format: 'esm' });
  const { OPTIONS } = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
  const file = ts.createSourceFile(SOURCE, text, ts.ScriptTarget.ES2022, true);
  const meanings = {};
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && node.name.getText() == 'OPTIONS') {
      const literal = node.initializer.expression ?? node.initializer;
      for (const property of literal.properties) {
        const [doc] = ts.getJSDocCommentsAndTags(property);
        const comment = (doc && ts.getTextOfJSDocComment(doc.comment)) ?? '';
        const pt = doc?.tags?.find((tag) => tag.tagName.text == 'pt');
        meanings[property.name.getText()] = { en: comment.replace(/\s+/g, ' ').trim(), pt: ts.getTextOfJSDocComment(pt?.comment)?.replace(/\s+/g, ' ').trim() };
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return Object.entries(OPTIONS).map(([name, [fallback]]) => {
    if (!meanings[name]?.en || !meanings[name]?.pt) throw new Error(`src/config/options.ts: option ${name} needs a comment in English and an @pt line`);
    return { name, fallback, ...meanings[name] };
  });
}

const attribute = (name) => 'data-' + name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
const none = { en: 'none', pt: 'nenhum' };
const shownDefault = (fallback, language) =>
  fallback === undefined || (Array.isArray(fallback) && !fallback.length) ? none[language] : '`' + (Array.isArray(fallback) ? fallback.join(',') : String(fallback)) + '`';
/** A meaning as a table cell: its sentence, without the final period. */
const cell = (text) => text.replace(/\.$/, '').replace(/\|/g, '\\|');

/** The markdown table in `language`. */
export function table(list, language) {
  const head = language == 'pt' ? '| atributo | padrão | o que faz |' : '| attribute | default | meaning |';
  const rows = list.map(({ name, fallback, en, pt }) => `| \`${attribute(name)}\` | ${shownDefault(fallback, language)} | ${cell(language == 'pt' ? pt : en)} |`);
  return [head, '| --- | --- | --- |', ...rows].join('\n');
}

/** `text` with its table (between the markers) replaced; throws when the markers are missing. */
export function withTable(text, doc, rendered) {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`${doc}: no ${BEGIN} … ${END} markers for the options table`);
  return text.slice(0, begin + BEGIN.length) + '\n' + rendered + '\n' + text.slice(end);
}

if (process.argv[1] && fileURLToPath(import.meta.url) == process.argv[1]) {
  const list = await options();
  let stale = 0;
  for (const [doc, language] of Object.entries(DOCS)) {
    const path = join(ROOT, doc);
    const text = readFileSync(path, 'utf8');
    const next = withTable(text, doc, table(list, language));
    if (next == text) continue;
    if (process.argv.includes('--write')) writeFileSync(path, next);
    else {
      stale++;
      console.error(`${doc}: the options table differs from src/config/options.ts; \`npm run options -- --write\` rewrites it`);
    }
  }
  process.exit(stale ? 1 : 0);
}
