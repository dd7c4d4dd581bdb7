import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');

/**
 * The arguments for Node (process.execPath) to run `next start` so the dashboard knows the client
 * of every request, the first ones included: lib/lan/preload.mjs is loaded before Next.js (see
 * there). package.json's start script does the same by hand.
 * @param {string} host
 * @param {number | string} port
 * @returns {string[]}
 */
export function nextStartArgs(host, port) {
  const preload = pathToFileURL(path.join(root, 'lib/lan/preload.mjs')).href;
  return ['--import', preload, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', host, '-p', String(port)];
}
