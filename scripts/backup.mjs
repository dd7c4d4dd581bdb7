#!/usr/bin/env node
// `npm run backup -- [file]`: copy the dashboard's data (SQLite store, job logs, session key)
// into one .tar.gz, safely while the server runs.
import fs from 'node:fs';
import path from 'node:path';
import { backup, StoreError } from './install/store-archive.mjs';
import { dataDirOrExit, describeTables, reportErrors, storeArgs } from './install/store-cli.mjs';

const usage = `Usage: npm run backup -- [file] [--config <file>] [--force]
  file       the archive to write (default ./mini-vm-dashboard-backup-<date>.tar.gz)
  --config   the config the server runs with (default: DASHBOARD_CONFIG, then ~/.config/mini-vm-dashboard/config.yaml);
             DASHBOARD_DATA_DIR overrides its dataDir, as it does for the server
  --force    overwrite the file if it exists`;

const args = storeArgs(usage, { fileRequired: false });
const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
const file = path.resolve(args.file ?? `mini-vm-dashboard-backup-${stamp}.tar.gz`);
const dir = await dataDirOrExit(args);

await reportErrors('backup', async () => {
  if (fs.existsSync(file) && !args.force) throw new StoreError(`${file} already exists; run again with --force to overwrite it`);
  const m = await backup(dir, file);
  const logs = fs.existsSync(path.join(dir, 'jobs')) ? fs.readdirSync(path.join(dir, 'jobs')).length : 0;
  console.log(`wrote ${file} (${Math.round(fs.statSync(file).size / 1024)} KiB, mode 0600)`);
  console.log(`  store: ${describeTables(m.tables)}`);
  console.log(`  files: ${m.files.join(', ')}${logs ? ` (${logs} job log(s))` : ''}`);
  console.log('Restore it with: npm run restore -- <file> (with the server stopped)');
});
