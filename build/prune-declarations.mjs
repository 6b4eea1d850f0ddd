// Keeps, of the declaration files the TypeScript plugin writes, only those a developer's compiler can
// reach: the `types` of package.json's exports and the files they import, transitively. The others
// (the drop-in entries, lazy stand-ins and modules whose types no export mentions) would only be
// internal files in the published package. A hand-written declaration file in `rootDir` that a kept
// one imports (TypeScript emits none for it) is copied beside them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';

/** The `types` files named by `exports`, relative to `outDir`. */
function exportedTypes(outDir) {
  const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
  const types = [];
  const visit = (target) => {
    if (target && typeof target == 'object') {
      for (const [condition, value] of Object.entries(target)) {
        if (condition == 'types' && typeof value == 'string') types.push(value);
        else visit(value);
      }
    }
  };
  visit(exports);
  return types.map((file) => relative(outDir, file)).filter((file) => !file.startsWith('..'));
}

export default function pruneDeclarations({ outDir, rootDir }) {
  return {
    name: 'prune-declarations',
    generateBundle(_, bundle) {
      const declarations = Object.keys(bundle).filter((name) => name.endsWith('.d.ts'));
      const reached = new Set();
      const queue = exportedTypes(outDir).map((name) => [name, 'package.json']);
      while (queue.length) {
        const [name, from] = queue.pop();
        if (reached.has(name)) continue;
        let source = bundle[name]?.source;
        if (source == null && existsSync(join(rootDir, name))) {
          source = readFileSync(join(rootDir, name), 'utf8');
          this.emitFile({ type: 'asset', fileName: name, source });
        }
        if (source == null) this.error(`${from} refers to ${join(outDir, name)}, which the build did not write`);
        reached.add(name);
        const { importedFiles, referencedFiles } = ts.preProcessFile(String(source), true, true);
        for (const { fileName } of [...importedFiles, ...referencedFiles]) {
          if (!fileName.startsWith('.')) continue;
          queue.push([normalize(join(dirname(name), fileName)).replace(/\.js$/, '.d.ts'), join(outDir, name)]);
        }
      }
      for (const name of declarations) {
        if (!reached.has(name)) delete bundle[name];
      }
    },
  };
}
