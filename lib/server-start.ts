import { getLoadedConfig, type Config } from './config';
import { startHistory } from './history';
import { configureNotify } from './notify';
import { installPeerStamp } from './lan/peer';
import { startPoller } from './snapshot-store';
import { recoverInterruptedRuns } from './rebuild/store';
import { holdPidFile } from './server-lock.mjs';

// Validate the config first and refuse to run half-configured: one clear line, then exit.
// Loading resolves it too: a secret file that cannot be read stops the server here.
function loadOrExit(): Config {
  try {
    const loaded = getLoadedConfig();
    console.log(`mini-vm dashboard: config from ${loaded.source}`);
    return loaded.config;
  } catch (e) {
    console.error(`mini-vm dashboard: invalid configuration: ${(e as Error).message}`);
    process.exit(78);
  }
}
const config = loadOrExit();
// So `npm run restore` can tell that this data directory is in use.
holdPidFile(config.dataDir!);
// Before the first request is handled: proxy.ts trusts only addresses stamped by the server itself.
if (!installPeerStamp()) console.warn('mini-vm dashboard: started without lib/lan/preload.mjs, so requests that arrive while it starts are refused (403); start it with `npm start`.');
// Before the first round, so the first snapshot is already recorded.
configureNotify(config);
startHistory(config);
startPoller(config);
recoverInterruptedRuns();
