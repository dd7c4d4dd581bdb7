#!/usr/bin/env node
// `npm run doctor`: on the real Mac mini, capture the facts no public source pinned down
// (../shared/reference/verify-on-the-mac.md) into one markdown report, to become test fixtures.
// Read-only but for one harmless `sleep` it starts in the VM, to learn whether killing orb ends
// it (and then stops): it never stops or starts OrbStack or a service, and asks `orb status` first.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findOrb } from '../lib/orb-paths.mjs';
import { installChecks } from './doctor-install.mjs';
import { orbKillCheck } from './doctor-orb-kill.mjs';

const machine = process.argv[2] ?? 'mini-vm';
const out = process.argv[3] ?? 'doctor-report.md';
const { bin: orb, searched: candidates } = findOrb();

function run(bin, args, timeoutMs = 10_000) {
  return new Promise((resolve) => {
    let text = '';
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // The end of a long output is what says how it went (a build log, say).
    const add = (b) => {
      text = (text + b).slice(-64 * 1024);
    };
    child.stdout.on('data', add);
    child.stderr.on('data', add);
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      text += '\n[timed out]';
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: null, text: `[could not start: ${e.code}]` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, text });
    });
  });
}

async function get(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'manual' });
    const body = (await r.text()).slice(0, 2000);
    return { code: r.status, text: `HTTP ${r.status}\n${[...r.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}` };
  } catch (e) {
    return { code: null, text: `[no answer: ${e.cause?.code ?? e.message}]` };
  }
}

const sections = [];
const record = async (title, result) => sections.push(`### ${title}\n\nexit: ${result.code}\n\n\`\`\`\n${result.text.trim()}\n\`\`\`\n`);

sections.push(`# doctor report\n\n${new Date().toISOString()} on ${os.hostname()} (${os.platform()} ${os.release()})\n\norb candidates: ${candidates.join(', ')}\nfound: ${orb ?? 'none'}\n`);
if (orb) {
  await record('orb version', await run(orb, ['version']));
  const status = await run(orb, ['status']);
  await record('orb status', status);
  if (status.code === 0) {
    for (const args of [['list'], ['list', '-f', 'json'], ['list', '-q'], ['list', '-r', '-q'], ['info', machine], ['info', machine, '-f', 'json']]) {
      await record(`orb ${args.join(' ')}`, await run(orb, args));
    }
    const m = ['-m', machine];
    await record(`orb -m ${machine} -u root false (does orb pass the exit code through?)`, await run(orb, [...m, '-u', 'root', 'false']));
    await record(`orb -m ${machine} hostname -I`, await run(orb, [...m, 'hostname', '-I']));
    await record(`orb -m ${machine} ss -ltnp`, await run(orb, [...m, '-u', 'root', 'ss', '-ltnp']));
    await record(`orb -m ${machine} nixos-version --json`, await run(orb, [...m, 'nixos-version', '--json']));
    await record(`orb -m ${machine} readlink /run/current-system /run/booted-system`, await run(orb, [...m, 'readlink', '/run/current-system', '/run/booted-system']));
    await record(`orb -m ${machine} -u root nixos-rebuild list-generations --json`, await run(orb, [...m, '-u', 'root', 'nixos-rebuild', 'list-generations', '--json'], 30_000));
    await record(`orb -m ${machine} curl -s http://127.0.0.1:8096/System/Ping`, await run(orb, [...m, 'curl', '-s', 'http://127.0.0.1:8096/System/Ping']));
    await record(`does killing orb end the command inside ${machine}? (orb -m ${machine} sleep, then a signal to the orb client)`, await orbKillCheck(run, orb, machine));
  } else {
    sections.push('OrbStack is not running: skipped the commands that would start it.\n');
  }
}
for (const host of [`${machine}.orb.local`, 'localhost']) {
  for (const p of ['8096/health', '8096/System/Ping', '8096/System/Info/Public', '8008/health', '8008/_matrix/federation/v1/version']) {
    await record(`GET http://${host}:${p}`, await get(`http://${host}:${p}`));
  }
}
await record('GET http://localhost:2019/reverse_proxy/upstreams (Caddy admin)', await get('http://localhost:2019/reverse_proxy/upstreams'));

await installChecks(run, record);

fs.writeFileSync(out, sections.join('\n'));
console.log(`Wrote ${path.resolve(out)}. Review it for anything private before sharing it.`);
