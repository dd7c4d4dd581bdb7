// The words for states, and what each one counts as, decided once for the whole dashboard: the
// snapshot, the headline, the access chain, history, metrics and the docs all ask these
// predicates. Pure and free of server imports, so the browser can use it too.

export const serviceStates = ['up', 'degraded', 'starting', 'pending', 'down', 'unknown', 'vm-stopped'] as const;
export type ServiceState = (typeof serviceStates)[number];

export const machineStates = ['running', 'stopped', 'starting', 'stopping', 'paused', 'missing', 'unknown'] as const;
export type MachineState = (typeof machineStates)[number];

export const orbStates = ['running', 'stopped', 'not-installed', 'error'] as const;
export type OrbState = (typeof orbStates)[number];

/**
 * The service gave an HTTP answer, healthy or not. That confirms a host and port the docs name,
 * and it ends an outage: a service that answers is no longer down, even while it starts.
 */
export const answers = (s: ServiceState): boolean => s === 'up' || s === 'degraded' || s === 'starting';

/**
 * Usable: counted as available for uptime and as up in the metrics. Starting is not usable yet,
 * so it is not counted either way.
 */
export const isAvailable = (s: ServiceState): boolean => s === 'up' || s === 'degraded';

/** Counted as unavailable for uptime: no answer, or its VM not running (it could not be used). */
export const isUnavailable = (s: ServiceState): boolean => s === 'down' || s === 'vm-stopped';

/** The probe failed: down, or pending (failed, but not yet often enough to count as down). */
export const probeFailed = (s: ServiceState): boolean => s === 'down' || s === 'pending';

/** Not probed (its VM is not running), or the probe itself failed: nothing is known. */
export const untested = (s: ServiceState): boolean => s === 'vm-stopped' || s === 'unknown';

/**
 * An access path works when it reaches the service as the service is: a path to a service that
 * is starting works (the service, not the path, is starting). A degraded answer through a hop is
 * most often that hop's proxy answering 502, so it counts as broken. The chain's tick and the
 * headline's "broken access path" both come from here.
 */
export const pathWorks = (s: ServiceState): boolean => s === 'up' || s === 'starting';
export const pathBroken = (s: ServiceState): boolean => !untested(s) && !pathWorks(s);

export const machineRuns = (s: MachineState): boolean => s === 'running';

/**
 * orb says the machine is not running: stopped, paused, on its way up or down, or not there at
 * all. That is one outage of the machine (one incident, one headline), not one per service: the
 * services of a machine orb lists as down are not probed (lib/status.ts). `unknown` is not down:
 * orb could not tell, so its services are probed and speak for themselves.
 */
export const machineDown = (s: MachineState): boolean => s !== 'running' && s !== 'unknown';

/** Why a request got no usable HTTP answer (lib/probes/http.ts). */
export const networkCauses = [
  'timeout',
  'refused',
  'dns',
  'reset',
  'unreachable',
  'tls',
  'not-http',
  'network',
  'blocked',
  'bad-url',
  'redirect-elsewhere',
  'too-many-redirects',
  'bad-redirect',
] as const;
export type NetworkCause = (typeof networkCauses)[number];

/** Why a probe came to its state: a network cause, or what the answer said, or why it was not probed. */
export const probeCauses = [
  ...networkCauses,
  // An answer that is not a healthy one.
  'status',
  'auth',
  'body',
  'unhealthy',
  'wizard',
  'wrong-product',
  'starting',
  'not-live',
  'not-ready',
  // Healthy, in the words of each kind of service.
  'healthy',
  'no-version',
  'ready',
  'expected-status',
  // Not probed, or the probe itself broke.
  'probe-error',
  'orb-stopped',
  'machine-not-running',
] as const;
export type ProbeCause = (typeof probeCauses)[number];

export const isNetworkCause = (c: ProbeCause): c is NetworkCause => (networkCauses as readonly string[]).includes(c);
