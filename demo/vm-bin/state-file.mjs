import fs from 'node:fs';
import path from 'node:path';

// The simulated VM keeps its state as JSON files in DEMO_STATE_DIR.

/** The parsed file, or `fallback()` when it is missing or broken. */
export function readStateJson(dir, name, fallback) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
  } catch {
    return fallback();
  }
}

export function writeStateJson(dir, name, value) {
  fs.writeFileSync(path.join(dir, name), JSON.stringify(value));
}
