import { dataDir, getLoadedConfig } from './config';
import { startHistory } from './history';
import { checkSecretFiles } from './config-secrets';
import { installPeerStamp } from './lan/peer';
import { startPoller } from './snapshot-store';
import { recoverInterruptedRuns } from './rebuild/store';
import { holdPidFile } from './server-lock.mjs';

// Validate the config first and refuse to run half-configured: one clear line, then exit.
try {
  const loaded = getLoadedConfig();
  checkSecretFiles(loaded);
  const { source } = loaded;
  console.log(`mini-vm dashboard: config from ${source}`);
} catch (e) {
  console.error(`mini-vm dashboard: invalid configuration: ${(e as Error).message}`);
  process.exit(78);
}
// So `npm run restore` can tell that this data directory is in use.
holdPidFile(dataDir());
// Before the first request: proxy.ts trusts only addresses stamped by the server itself.
installPeerStamp();
// Before the first round, so the first snapshot is already recorded.
startHistory();
startPoller();
recoverInterruptedRuns();
