// @vitest-environment node
/**
 * The package's types as a developer's compiler sees them: each project in `consumers/` is copied
 * to a temporary folder with the packed package unpacked in its `node_modules`, beside links to the
 * package's dependencies and to its framework's types (React 18 and Preact 10 through the npm aliases
 * in package.json), and nothing else. Each compiles with no error in its own files or the package's
 * declaration files (`skipLibCheck` off); and with its `@ts-expect-error` comments made plain
 * comments, it fails exactly on the lines after them, at the word each comment names: the typings
 * are checked, not `any`.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifest, root, unpackInto } from './pack.js';

/** Each consumer, and its framework: the package name it installs under, and the devDependency that provides it. */
const CONSUMERS: Record<string, Record<string, string>> = {
  'react-19': { '@types/react': '@types/react' },
  'react-18': { '@types/react': '@types/react-18' },
  'preact-11': { preact: 'preact' },
  'preact-10': { preact: 'preact-10' },
  plain: {},
};

// `// @ts-expect-error word (why)`, or the same in a JSX comment: an error is expected on the next line, at `word`.
const DIRECTIVE = /(\/\/|\/\*) @ts-expect-error (\S+)/;

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'hotlinks-consumers-'));
  const names = Object.keys(CONSUMERS);
  unpackInto(names.map((name) => join(scratch, name, 'node_modules/hotlinks-embed')));
  for (const [name, framework] of Object.entries(CONSUMERS)) {
    cpSync(join(root, 'test/package/consumers', name), join(scratch, name), { recursive: true });
    const links = { ...Object.fromEntries(Object.keys(manifest.dependencies).map((dep) => [dep, dep])), ...framework };
    for (const [as, from] of Object.entries(links)) {
      const link = join(scratch, name, 'node_modules', as);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(root, 'node_modules', from), link, 'dir');
    }
  }
}, 120_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Problem {
  line: number;
  at: string;
  message: string;
}

const configOf = (dir: string) => {
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config || config.errors.length) throw new Error(`${dir}/tsconfig.json does not parse`);
  return config;
};

/**
 * The errors in the project's own files and in the package's declaration files (checking the
 * framework's as well would take most of a minute), or, with `only`, in that file alone.
 */
function compile(dir: string, only?: string, oldProgram?: ts.Program): { problems: Problem[]; program: ts.Program } {
  const { fileNames, options } = configOf(dir);
  const program = ts.createProgram({ rootNames: fileNames, options, oldProgram });
  const ours = (file: ts.SourceFile) =>
    file.fileName.startsWith(dir) && (!file.fileName.includes('/node_modules/') || file.fileName.includes('/node_modules/hotlinks-embed/'));
  const files = program.getSourceFiles().filter((file) => (only ? file.fileName == only : ours(file)));
  const diagnostics = [
    ...(only ? [] : [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]),
    ...files.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  const problems = diagnostics.map((d) => {
    const file = d.file?.fileName ?? '';
    const line = d.file && d.start != null ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    return {
      line: file.startsWith(dir) && !file.includes('node_modules') ? line : -1,
      at: `${file.replace(dir, '.')}:${line}: ${d.file && d.start != null ? d.file.text.slice(d.start, d.start + (d.length ?? 0)) : ''}`,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
    };
  });
  return { problems, program };
}

describe.each(Object.keys(CONSUMERS))('a %s project', (name) => {
  it("compiles with the package's types, and fails at each wrong attribute or argument type", { timeout: 120_000 }, () => {
    const dir = join(scratch, name);
    const { problems, program } = compile(dir);
    expect(problems).toEqual([]);

    const [app] = configOf(dir).fileNames;
    const source = readFileSync(app, 'utf8');
    const expected = source.split('\n').flatMap((text, index) => {
      const word = DIRECTIVE.exec(text)?.[2];
      return word ? [{ line: index + 2, word }] : [];
    });
    expect(expected.length).toBeGreaterThan(0);
    writeFileSync(app, source.replace(new RegExp(DIRECTIVE, 'g'), '$1 expected error: $2'));
    const unchecked = compile(dir, app, program).problems;
    const listed = unchecked.map((p) => `${p.at}\n  ${p.message}`).join('\n');
    expect(unchecked.map((p) => p.line).sort((a, b) => a - b), listed).toEqual(expected.map((e) => e.line));
    for (const { line, word } of expected) {
      const problem = unchecked.find((p) => p.line == line)!;
      expect(problem.at, listed).toContain(word);
    }
  });
});
