import { getLoadedConfig, type Config } from './config';
import { startHistory } from './history';
import { configureNotify } from './notify';
import { installPeerStamp } from './lan/peer';
import { startPoller } from './snapshot-store';
import { recoverJobs, stopAllJobs } from './jobs';
import { rebuildJob } from './rebuild/kind';
import { holdPidFile } from './server-lock.mjs';
import { installShutdown, onShutdown } from './shutdown';
import { closeAllStreams } from './sse';

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
// Jobs an earlier process left behind: orphans if their process lives, else interrupted.
void recoverJobs([rebuildJob]);
// On SIGTERM: tell every event stream the server is stopping, stop the jobs it runs, exit in 5 s.
onShutdown('streams', () => closeAllStreams('server-stopping'));
onShutdown('jobs', stopAllJobs);
installShutdown();
