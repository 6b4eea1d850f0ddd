/**
 * The package as npm publishes it: the files `npm pack` puts in the tarball, and the tarball itself
 * unpacked where a test needs an installed copy. Needs the build (`npm test` builds first).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = process.cwd();
export const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  [field: string]: unknown;
};

function requireBuild(): void {
  if (!existsSync(join(root, 'dist/esm/index.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
}

const npm = (...args: string[]): string =>
  execFileSync('npm', [...args, '--json', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: root, encoding: 'utf8', timeout: 60_000 });

/** The tarball's file paths, sorted. */
export function packedFiles(): string[] {
  requireBuild();
  const [pack] = JSON.parse(npm('pack', '--dry-run')) as [{ files: { path: string }[] }];
  return pack.files.map((file) => file.path).sort();
}

/** Packs the package and unpacks the tarball into each of `dirs` (as `npm install` lays it out). */
export function unpackInto(dirs: string[]): void {
  requireBuild();
  const scratch = mkdtempSync(join(tmpdir(), 'hotlinks-pack-'));
  try {
    const [pack] = JSON.parse(npm('pack', '--pack-destination', scratch)) as [{ filename: string }];
    for (const dir of dirs) {
      mkdirSync(dir, { recursive: true });
      execFileSync('tar', ['-xzf', join(scratch, pack.filename), '-C', dir, '--strip-components=1']);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
