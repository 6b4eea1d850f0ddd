// @vitest-environment node
/**
 * `npm ci` (what .ci/run installs with) refuses a package-lock.json that does not match package.json
 * or misses a package the tree needs. This lock once lacked other platforms' optional packages
 * (rollup's native builds for macOS and Windows), which only a fresh install notices: the lock must
 * list every dependency of every package it holds, optional ones included, where Node's resolution
 * would find it. A lock written from an empty node_modules (`rm -rf node_modules && npm install`) does.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

interface Entry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Entry;
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { lockfileVersion: number; packages: Record<string, Entry> };

/** Where Node would find `name` from the package at `path`: its own node_modules, then each parent's. */
function resolves(path: string, name: string): boolean {
  for (let base = path; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
    if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
  }
}

it("package-lock.json records package.json's dependencies as they are", () => {
  expect(lock.lockfileVersion).toBe(3);
  const root = lock.packages[''];
  for (const field of ['dependencies', 'optionalDependencies', 'devDependencies'] as const) {
    expect(root[field] ?? {}, field).toEqual(manifest[field] ?? {});
  }
});

it("package-lock.json holds every package's dependencies, every platform's optional ones included", () => {
  const missing: string[] = [];
  let checked = 0;
  for (const [path, entry] of Object.entries(lock.packages)) {
    const needs = { ...entry.dependencies, ...entry.optionalDependencies, ...(path == '' ? entry.devDependencies : {}) };
    for (const name of Object.keys(needs)) {
      checked++;
      if (!resolves(path, name)) missing.push(`${path || 'package.json'} needs ${name}`);
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(missing).toEqual([]);
});
