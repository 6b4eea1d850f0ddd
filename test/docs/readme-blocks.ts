/**
 * The code blocks of a README, type-checked as a reader would paste them: each ```ts, ```tsx, ```js
 * and ```jsx block, and the inline `<script>` of each ```html block, is a module of its own,
 * compiled strictly against this package's own types (`hotlinks-embed` resolves to the built
 * package through its `exports`) in the environment it runs in: a page (DOM, with the drop-in's
 * `window.HotLinks`), Node (`hotlinks-embed/server` imported), or Cloudflare Workers. ```json
 * blocks must parse. A problem is named by README line.
 *
 * An HTML comment on the line before a block says what the checker cannot guess:
 *   <!-- readme-check: skip (why: a fragment, pseudo-code...) -->   not checked; the reason is required
 *   <!-- readme-check: workers -->                                   checked as a Cloudflare Worker
 *   <!-- readme-check: node -->, <!-- readme-check: browser -->      the environment, named
 *   <!-- readme-check: examples/recipes/nextjs/proxy.ts -->          the block is that file, or a part of
 *     it, word for word: the recipes are type-checked and built by `npm run recipes` (in CI)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export type Environment = 'browser' | 'node' | 'workers';

export interface Block {
  /** The README line of the block's first line of code (1-based). */
  line: number;
  language: string;
  code: string;
  /** The environment, or `skip`, or a file of the repository it is part of, from the marker or guessed. */
  check: Environment | 'skip' | { file: string };
}

export interface Problem {
  /** `README.md:147`. */
  at: string;
  message: string;
}

const MARKER = /^<!--\s*readme-check:\s*(.*?)\s*-->$/;
const CODE = new Set(['ts', 'tsx', 'js', 'jsx', 'typescript', 'javascript']);

/** The blocks of `markdown` worth checking, and the problems of its markers. */
export function blocksOf(markdown: string): { blocks: Block[]; problems: { line: number; message: string }[] } {
  // `line` in problems is 0-based: the index in `lines`.
  const lines = markdown.split('\n');
  const blocks: Block[] = [];
  const problems: { line: number; message: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(\s*)(`{3,})(\S*)/);
    if (!open) continue;
    const [, indent, fence, language] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith(indent + fence)) end++;
    const body = lines.slice(i + 1, end).map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line));
    const marker = lines[i - 1]?.trim().match(MARKER)?.[1];
    let check: Block['check'] | undefined;
    if (marker != null) {
      if (/^skip\s*\(.+\)$/.test(marker)) check = 'skip';
      else if (['browser', 'node', 'workers'].includes(marker)) check = marker as Environment;
      else if (/^[\w.-]+(\/[\w.-]+)+$/.test(marker)) check = { file: marker };
      else problems.push({ line: i - 1, message: `readme-check marker "${marker}": say skip (why), browser, node, workers or a file's path` });
    }
    if (typeof check == 'object') {
      blocks.push({ line: i + 2, language, code: body.join('\n'), check });
    } else if (CODE.has(language)) {
      const code = body.join('\n');
      check ??= /from ['"]hotlinks-embed\/server['"]/.test(code) ? 'node' : 'browser';
      blocks.push({ line: i + 2, language: language.startsWith('type') ? 'ts' : language.startsWith('java') ? 'js' : language, code, check });
    } else if (language == 'html') {
      // Each inline script, at its own lines: what a page runs.
      const html = body.join('\n');
      for (const script of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        const type = script[1].match(/\btype\s*=\s*["']?([^"'\s>]+)/)?.[1] ?? 'text/javascript';
        if (/\bsrc\s*=/.test(script[1]) || !script[2].trim() || !['module', 'text/javascript'].includes(type)) continue;
        const before = html.slice(0, script.index! + script[0].indexOf('>') + 1);
        blocks.push({ line: i + 2 + before.split('\n').length - 1, language: 'js', code: script[2], check: check ?? 'browser' });
      }
    } else if (language == 'json') {
      try {
        JSON.parse(body.join('\n'));
      } catch (error) {
        problems.push({ line: i, message: `the json block does not parse: ${(error as Error).message}` });
      }
    }
  }
  return { blocks, problems };
}

const ROOT = process.cwd();

/** Lines without trailing spaces, and no blank lines at the ends. */
const normalized = (text: string) => text.replace(/[ \t]+$/gm, '').trim();

/** Why `code` is not, word for word, a part of the repository's `file`; nothing when it is. */
function partOf(code: string, file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(ROOT, file), 'utf8');
  } catch {
    return `the block names ${file}, which does not exist`;
  }
  if (!normalized(text).includes(normalized(code))) return `the block is not word for word in ${file}: copy it again from there`;
}

/** Compiler settings per environment: strict, as a careful project has them. */
const OPTIONS: Record<Environment, { options: ts.CompilerOptions; ambient: string[] }> = {
  browser: {
    options: { lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: [] },
    // A page with the drop-in on it has `window.HotLinks`.
    ambient: [join(ROOT, 'types/dropin.d.ts')],
  },
  node: { options: { lib: ['lib.es2022.d.ts'], types: ['node'] }, ambient: [] },
  workers: { options: { lib: ['lib.es2022.d.ts'], types: ['@cloudflare/workers-types'] }, ambient: [] },
};

/** Declaration files (the libraries', the package's), parsed once: most of a check's time. */
const parsed = new Map<string, ts.SourceFile | undefined>();

const COMMON: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  allowJs: true,
  checkJs: true,
  skipLibCheck: true,
  isolatedModules: true,
  noUncheckedSideEffectImports: false,
};

/**
 * Type-checks the blocks of each named markdown text. Each block is a module of its own (so two
 * blocks may both declare `options`), a virtual file beside the README so that `hotlinks-embed`
 * resolves to this package.
 */
export function checkReadmes(readmes: Record<string, string>): Problem[] {
  const problems: Problem[] = [];
  const virtual = new Map<string, { readme: string; block: Block }>();
  for (const [name, markdown] of Object.entries(readmes)) {
    const found = blocksOf(markdown);
    problems.push(...found.problems.map(({ line, message }) => ({ at: `${name}:${line + 1}`, message })));
    for (const block of found.blocks) {
      if (block.check == 'skip') continue;
      if (typeof block.check == 'object') {
        const missing = partOf(block.code, block.check.file);
        if (missing) problems.push({ at: `${name}:${block.line}`, message: missing });
        continue;
      }
      // `export {}` after the code: a module, whatever the block imports, without moving its lines.
      virtual.set(join(ROOT, `${name}.line-${block.line}.${block.language}`), { readme: name, block });
    }
  }
  for (const environment of Object.keys(OPTIONS) as Environment[]) {
    const files = [...virtual].filter(([, { block }]) => block.check == environment);
    if (!files.length) continue;
    const options = { ...COMMON, ...OPTIONS[environment].options };
    const host = ts.createCompilerHost(options);
    const text = (file: string) => {
      const entry = virtual.get(file);
      return entry && `${entry.block.code}\nexport {};\n`;
    };
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (file, language, ...rest) => {
      const code = text(file);
      if (code != null) return ts.createSourceFile(file, code, language, true);
      // The libraries' declarations, parsed once for every environment and every call.
      const key = `${file}\0${JSON.stringify(language)}`;
      if (!parsed.has(key)) parsed.set(key, getSourceFile.call(host, file, language, ...rest));
      return parsed.get(key);
    };
    host.fileExists = (file) => virtual.has(file) || fileExists.call(host, file);
    host.readFile = (file) => text(file) ?? readFile.call(host, file);
    const program = ts.createProgram({ rootNames: [...files.map(([file]) => file), ...OPTIONS[environment].ambient], options, host });
    for (const [file, { readme, block }] of files) {
      const source = program.getSourceFile(file)!;
      for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
        const line = d.start == null ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        problems.push({ at: `${readme}:${block.line + line}`, message: `TS${d.code} (${environment}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}` });
      }
    }
  }
  const line = (problem: Problem) => Number(problem.at.slice(problem.at.lastIndexOf(':') + 1));
  return problems.sort((a, b) => a.at.slice(0, a.at.lastIndexOf(':')).localeCompare(b.at.slice(0, b.at.lastIndexOf(':'))) || line(a) - line(b));
}
