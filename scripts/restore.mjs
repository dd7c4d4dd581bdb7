#!/usr/bin/env node
// `npm run restore -- <file>`: put a backup back into the data directory the server would use.
// Refuses while a server has that directory; existing data is moved aside (--force), not deleted.
import path from 'node:path';
import { dataDirOrExit, describeTables, reportErrors, storeArgs } from './install/store-cli.mjs';
import { restoreInto } from './install/store-restore.mjs';

const usage = `Usage: npm run restore -- <file> [--config <file>] [--force]
  file       an archive written by npm run backup
  --config   the config the server runs with (default: DASHBOARD_CONFIG, then ~/.config/mini-vm-dashboard/config.yaml);
             DASHBOARD_DATA_DIR overrides its dataDir, as it does for the server
  --force    when the data directory already holds data, move it aside and restore`;

const args = storeArgs(usage, { fileRequired: true });
const dir = await dataDirOrExit(args);

await reportErrors('restore', async () => {
  const r = restoreInto(path.resolve(args.file), dir, { force: args.force });
  console.log(`restored ${args.file} (made ${r.manifest.createdAt} on ${r.manifest.host}) into ${dir}`);
  console.log(`  store: ${describeTables(r.tables)}`);
  if (r.keptAs) console.log(`  the data that was there is kept in ${r.keptAs}`);
  console.log('Start the server again: npm run service -- start (or npm start)');
});
