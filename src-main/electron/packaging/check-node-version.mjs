#!/usr/bin/env node
/**
 * `npm start` and `npm run package` first step: stops with one plain sentence when this Node is
 * older than what Electron's installer and rebuild tools need (their package.json `engines`), instead
 * of an install or ABI error further on. The tests, the CLI and the preview need less (package.json
 * `engines`), so this check is not part of them. Written for old Node versions too: no new syntax.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages whose Node requirement the desktop commands inherit. */
export const DESKTOP_TOOLS = ['electron', '@electron/rebuild', '@electron/get'];

/** `[major, minor, patch]` of a version (`22.12.0`, `v22.12.0`), or null. */
export function parseVersion(version) {
  const found = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version ?? '');
  return found ? [Number(found[1]), Number(found[2] ?? 0), Number(found[3] ?? 0)] : null;
}

/** The lowest version a range such as `>= 22.12.0` or `>=22.12.0` admits, or null for any other kind of range. */
export function minimumOf(range) {
  const found = /^\s*>=\s*(v?\d+(?:\.\d+){0,2})\s*$/.exec(range ?? '');
  return found ? parseVersion(found[1]) : null;
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/**
 * @param {string} command what the user ran, for the sentence
 * @param {string} current this Node's version (process.versions.node)
 * @param {{ name: string, range: string }[]} requirements each tool's engines.node
 * @returns {string | null} the sentence, or null when this Node is new enough
 */
export function nodeVersionProblem(command, current, requirements) {
  const now = parseVersion(current);
  let needed = null;
  let by = [];
  for (const { name, range } of requirements) {
    const min = minimumOf(range);
    if (!min) continue;
    if (!needed || compare(min, needed) > 0) {
      needed = min;
      by = [name];
    } else if (compare(min, needed) === 0) by.push(name);
  }
  if (!needed || !now || compare(now, needed) >= 0) return null;
  return (
    `${command} needs Node.js ${needed.join('.')} or newer (${by.join(', ')} require it); this is Node.js ${current}. ` +
    'Install a newer Node.js for the desktop app; the tests, the CLI and the preview run on this one (see "Desktop app" in README.md).'
  );
}

/** Each desktop tool's `engines.node`, as installed under `projectDir`. */
export function installedRequirements(projectDir) {
  const found = [];
  for (const name of DESKTOP_TOOLS) {
    const file = join(projectDir, 'node_modules', name, 'package.json');
    if (!existsSync(file)) continue;
    const range = JSON.parse(readFileSync(file, 'utf8')).engines?.node;
    if (typeof range === 'string') found.push({ name, range });
  }
  return found;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const project = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const problem = nodeVersionProblem(
    process.argv[2] ?? 'The desktop app',
    process.versions.node,
    installedRequirements(project),
  );
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
