// The demo home lab in its own process, so the load generator's event loop never slows the
// simulators the bench counts probe rounds at. Prints one JSON line when ready; SIGTERM stops it.
import { startLab } from '../../demo/lab/index.mjs';

const [stateDir, pollMs, timeoutMs] = process.argv.slice(2);
const lab = await startLab({ stateDir, pollIntervalMs: Number(pollMs), timeoutMs: Number(timeoutMs) });
process.stdout.write(`${JSON.stringify({ configPath: lab.configPath, controlUrl: lab.controlUrl })}\n`);
process.on('SIGTERM', async () => {
  await lab.stop();
  process.exit(0);
});
