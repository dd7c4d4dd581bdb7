// The scripts are plain .mjs on Node 20; the server's modules are TypeScript. jiti compiles those
// on the fly (cached in the OS temp folder), so a script validates a config with the very parser
// the server uses, and reads orb the way the server does, with no build step and no network.
import path from 'node:path';
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const libDir = path.resolve(import.meta.dirname, '../../lib');
const load = (name) => jiti.import(path.join(libDir, `${name}.ts`));

/** lib/config.ts: parseConfig, loadConfig (validated and resolved), resolveFrom, ConfigError… */
export const configModule = () => load('config');
/** lib/orb.ts: readOrb (orb status first, then orb list -f json, then the text table). */
export const orbModule = () => load('orb');
