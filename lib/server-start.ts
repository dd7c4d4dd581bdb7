import { getLoadedConfig } from './config';
import { startHistory } from './history';
import { configureNotify } from './notify';
import { checkSecretFiles } from './config-secrets';
import { installPeerStamp } from './lan/peer';
import { startPoller } from './snapshot-store';
import { recoverJobs, stopAllJobs } from './jobs';
import { rebuildJob } from './rebuild/kind';
import { installShutdown, onShutdown } from './shutdown';
import { closeAllStreams } from './sse';

// Validate the config first and refuse to run half-configured: one clear line, then exit.
try {
  const loaded = getLoadedConfig();
  checkSecretFiles(loaded);
  configureNotify(loaded.config.notifications);
  const { source } = loaded;
  console.log(`mini-vm dashboard: config from ${source}`);
} catch (e) {
  console.error(`mini-vm dashboard: invalid configuration: ${(e as Error).message}`);
  process.exit(78);
}
// Before the first request: proxy.ts trusts only addresses stamped by the server itself.
installPeerStamp();
// Before the first round, so the first snapshot is already recorded.
startHistory();
startPoller();
// Jobs an earlier process left behind: orphans if their process lives, else interrupted.
void recoverJobs([rebuildJob]);
// On SIGTERM: tell every event stream the server is stopping, stop the jobs it runs, exit in 5 s.
onShutdown('streams', () => closeAllStreams('server-stopping'));
onShutdown('jobs', stopAllJobs);
installShutdown();
