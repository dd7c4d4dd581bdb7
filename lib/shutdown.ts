import { processState } from './process-state';
// What the server does when it is told to stop (SIGTERM from launchd, Ctrl-C in the demo). Next's
// own handler closes the port and then waits for every open connection, which an event stream
// never closes by itself; the steps here end those streams and stop running jobs, and a
// deadline makes sure the process exits promptly whatever is still open.

type Step = () => void;

interface ShutdownState {
  steps: Map<string, Step>;
  installed: boolean;
  stopping: boolean;
}

const state = processState<ShutdownState>('shutdown', () => ({ steps: new Map(), installed: false, stopping: false }));

/** Run `step` when the server stops; a later step of the same name replaces it. */
export function onShutdown(name: string, step: Step): void {
  state.steps.set(name, step);
}

export function isStopping(): boolean {
  return state.stopping;
}

/** Listen for SIGTERM and SIGINT: run every step at once, and exit by `deadlineMs` at the latest. */
export function installShutdown(deadlineMs = 4000): void {
  if (state.installed) return;
  state.installed = true;
  const stop = (signal: NodeJS.Signals) => {
    if (state.stopping) return;
    state.stopping = true;
    for (const [name, step] of state.steps) {
      try {
        step();
      } catch (e) {
        console.error(`shutdown step ${name} failed`, e);
      }
    }
    setTimeout(() => process.exit(signal === 'SIGINT' ? 130 : 143), deadlineMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
