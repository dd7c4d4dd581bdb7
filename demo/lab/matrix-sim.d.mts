import type http from 'node:http';
import type { SimServer } from './sim-server.mjs';

export declare const matrixModes: string[];
export declare const MATRIX_DEMO: Readonly<{ serverName: string; user: string; token: string; roomId: string; alias: string }>;

export interface MatrixMessage {
  eventId: string;
  txnId: string;
  sender: string;
  at: string;
  content: Record<string, unknown>;
}

export interface MatrixAttempt {
  at: string;
  kind: 'send' | 'alias' | 'messages' | 'whoami';
  status: number | 'hang' | 'dropped' | 'garbage';
  errcode?: string;
  txnId?: string;
  eventId?: string;
}

export interface MatrixReceived {
  mode: string;
  times: number | null;
  retryAfterMs: number;
  roomId: string;
  alias: string;
  messages: MatrixMessage[];
  attempts: MatrixAttempt[];
}

export interface MatrixSim {
  demo: typeof MATRIX_DEMO;
  handle(req: http.IncomingMessage, res: http.ServerResponse, path: string): boolean;
  setMode(body: { mode?: unknown; times?: unknown; retryAfterMs?: unknown }): string | null;
  received(): MatrixReceived;
  reset(): void;
  readonly mode: string;
}

export declare function createMatrixSim(demo?: typeof MATRIX_DEMO): MatrixSim;
export declare function withMatrix(matrix: MatrixSim, fallback: (req: http.IncomingMessage, res: http.ServerResponse, condition: string, path: string) => void): (req: http.IncomingMessage, res: http.ServerResponse, condition: string, path: string) => void;
export declare function startMatrixSim(port?: number, demo?: typeof MATRIX_DEMO): Promise<{ matrix: MatrixSim; server: SimServer }>;
