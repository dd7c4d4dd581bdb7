// What `npm run backup` and `npm run restore` share: their flags and where the data directory is.
import { parseArgs } from 'node:util';
import { serverDataDir } from './dashboard-config.mjs';
import { StoreError } from './store-archive.mjs';

/** Parse `<file> [--config f] [--force]`; exits with the usage on a mistake. */
export function storeArgs(usage, { fileRequired }) {
  try {
    const { values, positionals } = parseArgs({ allowPositionals: true, options: { config: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    if (positionals.length > 1 || (fileRequired && positionals.length === 0)) throw new Error(fileRequired ? 'name one backup file' : 'name at most one file');
    return { ...values, file: positionals[0] };
  } catch (e) {
    console.error(`${e.message}\n\n${usage}`);
    process.exit(2);
  }
}

/** The data directory a server with this config uses, said out loud; the script ends on errors. */
export async function dataDirOrExit(args) {
  try {
    const { dir, source } = await serverDataDir(args.config);
    console.log(`data directory: ${dir} (config: ${source}${process.env.DASHBOARD_DATA_DIR ? ', DASHBOARD_DATA_DIR' : ''})`);
    return dir;
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}

export const describeTables = (tables) => Object.entries(tables).map(([t, n]) => `${t} ${n}`).join(', ') || 'no tables';

/** Run the body; a StoreError is one clear line and exit 1. */
export async function reportErrors(name, body) {
  try {
    await body();
  } catch (e) {
    if (!(e instanceof StoreError)) throw e;
    console.error(`${name}: ${e.message}`);
    process.exitCode = 1;
  }
}
