import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

/**
 * How to run `next start` so the dashboard knows the client of every request, the first ones
 * included: Node with lib/lan/preload.mjs loaded before Next.js (see there). package.json's start
 * script does the same by hand. Spawn `command` with `args`.
 * @param {string} host
 * @param {number | string} port
 * @returns {{ command: string, args: string[] }}
 */
export function nextStart(host, port) {
  const preload = pathToFileURL(path.join(root, 'lib/lan/preload.mjs')).href;
  return { command: process.execPath, args: ['--import', preload, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', host, '-p', String(port)] };
}
