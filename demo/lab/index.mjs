import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { alertsConfig, createAlertSims } from './control-alerts.mjs';
import { MATRIX_DEMO } from './matrix-sim.mjs';
import { hopConditions, hopSimCondition, startHops } from './hops.mjs';
import { orbConditions, renderOrb, writeAtomic } from './orb-state.mjs';
import { bridge, jellyfin, JELLYFIN_DEMO_KEY, synapse } from './services.mjs';
import { SimServer } from './sim-server.mjs';
import { createNixLab } from './control-nix.mjs';
import { createVmControl } from './control-vm.mjs';
import { killVmProcesses, rebuildControl, resetRebuild } from './rebuild-control.mjs';

export const demoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The VM's address as the seed document gives it (the interface address inside the VM). */
export const VM_ADDRESS = '192.168.139.245';

export const serviceConditions = ['up', 'refuse', 'hang', 'starting', 'unhealthy', 'garbage', 'wizard', 'auth'];

function initialLab() {
  return {
    orb: 'running',
    machines: {
      'mini-vm': { state: 'running', address: VM_ADDRESS },
      ubuntu: { state: 'stopped', image: { distro: 'ubuntu', version: 'noble', arch: 'arm64', variant: 'default' } },
    },
    // What the simulated VM reaches (demo/vm-bin/ping, nc); like the real one, not the key light.
    vmReach: ['localhost', '127.0.0.1'],
  };
}

/**
 * Start the simulated home lab on loopback: a fake orb, Jellyfin, Synapse and a mautrix bridge,
 * plus a small control API through which tests change their conditions.
 */
export async function startLab({ stateDir: dir, ports = {}, pollIntervalMs = 15000, checkIntervalMs, timeoutMs = 3000, extraConfig = '', alerts: alertOpts = {} } = {}) {
  const stateDir = path.resolve(dir);
  fs.mkdirSync(stateDir, { recursive: true });
  const sims = {};
  sims.jellyfin = await new SimServer('jellyfin', jellyfin(() => sims.jellyfin.port), ports.jellyfin ?? 0).start();
  // The Matrix client API (alerts) is served by the Synapse simulator's own port, as on the real server.
  const alerts = createAlertSims();
  sims.synapse = await new SimServer('synapse', alerts.withMatrix(synapse()), ports.synapse ?? 0).start();
  sims.telegram = await new SimServer('telegram', bridge(), ports.bridge ?? 0).start();
  const { hops, miniAdmin, resetStats: resetHopStats } = await startHops(sims.jellyfin, ports.hops);
  // The simulated VM's units, journal and vitals, and the Mac's volume (demo/lab/control-vm.mjs).
  const vm = createVmControl({ stateDir, sims });
  await vm.reset();
  await alerts.start({ matrixServer: sims.synapse, sinkPort: ports.sink });

  let lab = initialLab();
  const render = () => {
    renderOrb(stateDir, demoRoot, lab);
    writeAtomic(path.join(stateDir, 'vm-reach'), lab.vmReach.map((t) => `${t}\n`).join(''));
  };
  render();
  resetRebuild(stateDir);
  const nixLab = createNixLab(stateDir);

  // The API key lives in a file the config names, as it would on the Mac mini.
  fs.writeFileSync(path.join(stateDir, 'jellyfin.key'), `${JELLYFIN_DEMO_KEY}\n`, { mode: 0o600 });
  // So is the alert bot's access token (the demo's own, not a secret).
  fs.writeFileSync(path.join(stateDir, 'matrix.token'), `${MATRIX_DEMO.token}\n`, { mode: 0o600 });
  const configPath = path.join(stateDir, 'dashboard.config.yaml');
  // The checks stay last: a test's extraConfig may add entries to that list.
  const alerting = alertsConfig(stateDir, alerts.info(), alertOpts);
  fs.writeFileSync(configPath, demoConfig({ stateDir, sims, hops, miniAdmin, pollIntervalMs, checkIntervalMs, timeoutMs, flakeDir: nixLab.flakeDir, alerting }) + extraConfig);

  const control = http.createServer((req, res) => handleControl(req, res).catch((e) => reply(res, 500, { error: String(e) })));
  async function handleControl(req, res) {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/state') {
      return reply(res, 200, { lab, services: Object.fromEntries(Object.entries(sims).map(([k, s]) => [k, s.condition])), hops: Object.fromEntries(Object.entries(hops).map(([k, h]) => [k, h.condition])) });
    }
    if (req.method === 'GET' && url.pathname === '/stats') {
      return reply(res, 200, Object.fromEntries(Object.entries(sims).map(([k, s]) => [k, Object.fromEntries(s.counts)])));
    }
    const body = req.method === 'POST' ? await readJson(req) : {};
    const alertReply = await alerts.control(req.method, url.pathname, body);
    if (alertReply) return reply(res, alertReply.status, alertReply.body);
    const rebuild = rebuildControl(stateDir, req.method, url.pathname, body);
    if (rebuild) return reply(res, ...rebuild);
    if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' });
    if (url.pathname === '/reset') {
      lab = initialLab();
      render();
      resetRebuild(stateDir);
      nixLab.reset();
      await Promise.all([...Object.values(sims), ...Object.values(hops)].map((s) => s.setCondition('up')));
      await vm.reset();
      for (const s of Object.values(sims)) s.counts.clear();
      resetHopStats();
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === '/stats/reset') {
      for (const s of Object.values(sims)) s.counts.clear();
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === '/orb') {
      if (!orbConditions.includes(body.condition)) return reply(res, 400, { error: `condition must be one of ${orbConditions.join(', ')}` });
      lab.orb = body.condition;
      render();
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === '/machine') {
      const m = lab.machines[body.name ?? 'mini-vm'];
      if (!m) return reply(res, 404, { error: 'no such machine' });
      if (body.state) m.state = body.state;
      if (body.address !== undefined) m.address = body.address || undefined;
      render();
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === '/hop') {
      const hop = hops[body.name];
      if (!hop) return reply(res, 404, { error: `no hop ${body.name}; one of ${Object.keys(hops).join(', ')}` });
      if (!hopConditions.includes(body.condition)) return reply(res, 400, { error: `condition must be one of ${hopConditions.join(', ')}` });
      await hop.setCondition(hopSimCondition(body.condition));
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === '/vm-reach') {
      if (typeof body.target !== 'string' || !/^[a-zA-Z0-9.:-]{1,253}$/.test(body.target)) return reply(res, 400, { error: 'target must be a host name or address' });
      lab.vmReach = lab.vmReach.filter((t) => t !== body.target);
      if (body.reachable) lab.vmReach.push(body.target);
      render();
      return reply(res, 200, { ok: true });
    }
    if (url.pathname === '/service') {
      const sim = sims[body.id];
      if (!sim) return reply(res, 404, { error: `no service ${body.id}` });
      if (!serviceConditions.includes(body.condition)) return reply(res, 400, { error: `condition must be one of ${serviceConditions.join(', ')}` });
      await sim.setCondition(body.condition);
      return reply(res, 200, { ok: true });
    }
    const nix = nixLab.handle(url.pathname, body);
    if (nix) return reply(res, nix.status, nix.body);
    const vmReply = await vm.handle(url.pathname, body);
    if (vmReply) return reply(res, vmReply.status, vmReply.body);
    return reply(res, 404, { error: 'unknown control' });
  }
  await new Promise((r) => control.listen(ports.control ?? 0, '127.0.0.1', r));

  return {
    stateDir,
    configPath,
    sims,
    hops,
    miniAdmin,
    alerts: alerts.info(),
    controlUrl: `http://127.0.0.1:${control.address().port}`,
    /** The Mac's df for `df -P -k <volume>`, answering from the lab (for host.volumes). */
    hostDf: vm.hostDfPath,
    async stop() {
      vm.stop();
      await new Promise((r) => control.close(() => r()));
      control.closeAllConnections?.();
      killVmProcesses(stateDir);
      await Promise.all([...Object.values(sims), ...Object.values(hops), miniAdmin, alerts].map((s) => s.stop()));
    },
  };
}

function demoConfig({ stateDir, sims, hops, miniAdmin, pollIntervalMs, checkIntervalMs, timeoutMs, flakeDir, alerting }) {
  return `# Written by demo/lab: the dashboard pointed at the simulated home lab on loopback.
title: mini-vm (demo)
orb: { bin: ${JSON.stringify(path.join(stateDir, 'orb'))}, timeoutMs: 3000 }
pollIntervalMs: ${pollIntervalMs}
${checkIntervalMs ? `checkIntervalMs: ${checkIntervalMs}\n` : ''}dataDir: ${JSON.stringify(path.join(stateDir, 'data'))}
rebuild: { flake: ${JSON.stringify(flakeDir)} }
machines:
  - name: mini-vm
    expectedAddress: ${VM_ADDRESS}
    services:
      - id: jellyfin
        name: Jellyfin
        kind: jellyfin
        url: "${sims.jellyfin.url}"
        timeoutMs: ${timeoutMs}
        apiKeyFile: ${JSON.stringify(path.join(stateDir, 'jellyfin.key'))}
        # Innermost first: straight to the VM, through mini's Caddy, through bee's Caddy (then mini's).
        paths:
          - { via: direct, url: "${sims.jellyfin.url}" }
          - { via: mini, url: "${hops.mini.url}", admin: "${miniAdmin.url}" }
          - { via: bee, url: "${hops.bee.url}" }
      - { id: synapse, name: Matrix Synapse, kind: synapse, url: "${sims.synapse.url}", timeoutMs: ${timeoutMs} }
      - { id: telegram, name: Telegram bridge, kind: mautrix-bridge, url: "${sims.telegram.url}", timeoutMs: ${timeoutMs} }
${alerting}# From the host these are real TCP connects to loopback; from mini-vm they run in the simulated VM
# (demo/vm-bin), which sends nothing: the key light address is never contacted.
checks:
  - { id: host-jellyfin, name: Mac mini reaches Jellyfin, from: host, target: 127.0.0.1, port: ${sims.jellyfin.port}, expect: reachable, timeoutMs: ${timeoutMs} }
  - { id: host-synapse, name: Mac mini reaches Synapse, from: host, target: 127.0.0.1, port: ${sims.synapse.port}, expect: reachable, timeoutMs: ${timeoutMs} }
  - { id: vm-key-light, name: mini-vm cannot reach the key light, from: mini-vm, target: 169.254.1.144, method: ping, expect: unreachable, timeoutMs: ${timeoutMs} }
`;
}

function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 65536) throw new Error('body too large');
  }
  return text ? JSON.parse(text) : {};
}
