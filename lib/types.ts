// Shapes shared by the server and the browser: the state words (lib/states.ts) and the snapshot
// (lib/snapshot/). Types only: nothing here runs.

export type { MachineState, NetworkCause, OrbState, ProbeCause, ServiceState } from './states';
export type * from './snapshot';
