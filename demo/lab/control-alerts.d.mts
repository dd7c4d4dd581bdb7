import type http from 'node:http';
import type { SimServer } from './sim-server.mjs';
import type { MatrixSim } from './matrix-sim.mjs';
import type { Sink } from './ntfy-sink.mjs';

export interface AlertSimsInfo {
  homeserver: string;
  roomId: string;
  alias: string;
  user: string;
  token: string;
  sinkUrl: string;
}

export interface ControlReply {
  status: number;
  body: unknown;
}

export interface AlertSims {
  matrix: MatrixSim;
  sink: Sink;
  withMatrix(fallback: (req: http.IncomingMessage, res: http.ServerResponse, condition: string, path: string) => void): (req: http.IncomingMessage, res: http.ServerResponse, condition: string, path: string) => void;
  start(opts: { matrixServer: SimServer; sinkPort?: number }): Promise<void>;
  info(): AlertSimsInfo;
  control(method: string | undefined, path: string, body?: Record<string, unknown>): Promise<ControlReply | undefined>;
  stop(): Promise<void>;
}

export declare function createAlertSims(): AlertSims;

export interface AlertOptions {
  settleSeconds?: number;
  retries?: number;
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  remindEveryMinutes?: number;
}

export declare function alertsConfig(stateDir: string, info: AlertSimsInfo, opts?: AlertOptions): string;
