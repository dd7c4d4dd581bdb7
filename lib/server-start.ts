import { getLoadedConfig } from './config';
import { startHistory } from './history';
import { checkSecretFiles } from './secrets';
import { startPoller } from './snapshot-store';
import { recoverInterruptedRuns } from './rebuild/store';

// Validate the config first and refuse to run half-configured: one clear line, then exit.
try {
  const { source, config } = getLoadedConfig();
  checkSecretFiles(config);
  console.log(`mini-vm dashboard: config from ${source}`);
} catch (e) {
  console.error(`mini-vm dashboard: invalid configuration\n  ${(e as Error).message}`);
  process.exit(78);
}
// Before the first round, so the first snapshot is already recorded.
startHistory();
startPoller();
recoverInterruptedRuns();
