import type { CheckConfig, Config } from '../config-schema';
import { resolveOrbBin, type OrbReport } from '../orb';
import { machineRuns } from '../states';
import type { CheckStatus } from '../types';
import { judge, NETWORK_DOCS } from './expectation';
import { fromMachine, pingFromHost, safeTarget, tcpFromHost, type Observation } from './probe-reach';

/** Run every configured network check in parallel. Targets come from the config only. */
export function runChecks(config: Config, orb: OrbReport): Promise<CheckStatus[]> {
  return Promise.all(config.checks.map((c) => runCheck(config, c, orb)));
}

async function runCheck(config: Config, c: CheckConfig, orb: OrbReport): Promise<CheckStatus> {
  let obs: Observation;
  try {
    obs = await observe(config, c, orb);
  } catch (e) {
    console.error(`check ${c.id} failed unexpectedly`, e);
    obs = { observed: 'unknown', detail: 'the check itself failed; see the dashboard log' };
  }
  const verdict = judge(c.expect, obs.observed, obs.detail);
  return {
    id: c.id,
    ...(c.name ? { name: c.name } : {}),
    from: c.from,
    target: c.target,
    ...(c.port !== undefined ? { port: c.port } : {}),
    expect: c.expect,
    observed: obs.observed,
    ok: verdict.ok,
    reason: verdict.reason,
    checkedAt: new Date().toISOString(),
    // Only a path on this site or an http(s) page becomes a link.
    docs: c.docs && /^(\/(?!\/)|https?:\/\/)/.test(c.docs) ? c.docs : NETWORK_DOCS,
  };
}

function observe(config: Config, c: CheckConfig, orb: OrbReport): Promise<Observation> {
  if (!safeTarget(c.target)) return Promise.resolve({ observed: 'unknown', detail: 'the target is not a host name or address' });
  const method = c.method ?? (c.port !== undefined ? 'tcp' : 'ping');
  if (method === 'tcp' && c.port === undefined) return Promise.resolve({ observed: 'unknown', detail: 'a TCP check needs a port' });
  const port = method === 'tcp' ? c.port : undefined;
  if (c.from === 'host') return port !== undefined ? tcpFromHost(c.target, port, c.timeoutMs) : pingFromHost(c.target, c.timeoutMs);

  // From inside a machine: only when orb says it runs, so a check never starts a stopped VM.
  if (orb.state !== 'running') return Promise.resolve({ observed: 'unknown', detail: `not run: OrbStack is ${orb.state}` });
  const listed = orb.machines?.find((m) => m.name === c.from);
  if (orb.machines && !listed) return Promise.resolve({ observed: 'unknown', detail: `not run: orb has no machine named ${c.from}` });
  if (listed && !machineRuns(listed.state)) return Promise.resolve({ observed: 'unknown', detail: `not run: ${c.from} is ${listed.state}` });
  const { bin } = resolveOrbBin(config.orb.bin);
  if (!bin) return Promise.resolve({ observed: 'unknown', detail: 'not run: the orb CLI was not found' });
  return fromMachine(bin, c.from, c.target, port, c.timeoutMs);
}
