#!/usr/bin/env node
// Measures the history store at steady state: every table full to its retention, for N services
// polled every P seconds. `node scripts/history-size.mjs [services=3] [pollSeconds=15] [hourDays=400]`
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';

const services = Number(process.argv[2] ?? 3);
const poll = Number(process.argv[3] ?? 15);
const ret = { rawHours: 24, minuteDays: 7, hourDays: Number(process.argv[4] ?? 400), incidentDays: 400, incidentsPerDay: 5 };
const src = fs.readFileSync(path.join(import.meta.dirname, '../lib/history/schema.ts'), 'utf8');
const ddl = /HISTORY_DDL = `([\s\S]*?)`;/.exec(src)[1];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-size-'));
const file = path.join(dir, 'h.sqlite');
const db = new Database(file);
db.pragma('journal_mode = WAL');
db.exec(ddl);
const now = Date.now();
const raw = db.prepare('INSERT INTO history_samples VALUES (?, ?, ?, ?, ?)');
const sum = (t) => db.prepare(`INSERT INTO ${t} VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
const minute = sum('history_minutes');
const hour = sum('history_hours');
const inc = db.prepare('INSERT INTO history_incidents (subject, kind, from_state, to_state, started_at, ended_at, reason, end_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
db.transaction(() => {
  for (let s = 0; s < services; s++) {
    const id = `service-${s}`;
    for (let t = now - ret.rawHours * 3600e3; t < now; t += poll * 1000) raw.run(id, t, 'up', 1, 20 + (t % 37));
    for (let t = now - ret.minuteDays * 86400e3; t < now; t += 60e3) minute.run(id, t, 60 / poll, 0, 0, 1200, 60 / poll, 80);
    for (let t = now - ret.hourDays * 86400e3; t < now; t += 3600e3) hour.run(id, t, 3600 / poll, 1, 0, 72000, 3600 / poll, 300);
  }
  for (let i = 0; i < ret.incidentDays * ret.incidentsPerDay; i++) {
    const t = now - i * (86400e3 / ret.incidentsPerDay);
    inc.run(`service-${i % services}`, 'service', 'up', 'down', t, t + 90e3, 'no answer: no response headers within 3000 ms', 'recovered (up)');
  }
})();
db.pragma('wal_checkpoint(TRUNCATE)');
db.close();
const mb = fs.statSync(file).size / 1024 / 1024;
console.log(`${services} services, poll ${poll} s, retention ${JSON.stringify(ret)}: ${mb.toFixed(1)} MB`);
fs.rmSync(dir, { recursive: true, force: true });
