import type http from 'node:http';
import type { SimServer } from './sim-server.mjs';

export declare const sinkModes: string[];

export interface SinkMessage {
  id: string;
  at: string;
  path: string;
  /** Whether an Authorization header came (its value is never kept). */
  authorized: boolean;
  kind: 'ntfy' | 'json';
  topic?: string;
  title?: string;
  priority?: number;
  tags?: string[];
  message?: string;
  json?: unknown;
  valid?: boolean;
  text?: string;
}

export interface Sink {
  handle(req: http.IncomingMessage, res: http.ServerResponse, condition: string, path: string): void;
  setMode(body: { mode?: unknown; times?: unknown }): string | null;
  received(): { mode: string; times: number | null; received: SinkMessage[] };
  reset(): void;
}

export declare function createSink(): Sink;
export declare function startNtfySink(port?: number): Promise<{ sink: Sink; server: SimServer }>;
