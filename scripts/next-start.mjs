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
  return ['--import', preload, path.join(root, 'node_modules/next/dist/bin/next'), 'start', '-H', host, '-p', String(port), '--keepAliveTimeout', KEEP_ALIVE_MS];
}

/**
 * How long an idle connection stays open. Node's default is 5 s; a client that reuses a
 * connection (a browser, a proxy in front, the test runner) then now and then sends a request on
 * one the server is closing that very moment, and gets a reset instead of an answer. Past a
 * minute that race is rare, and an idle socket costs the server next to nothing.
 */
export const KEEP_ALIVE_MS = '65000';
