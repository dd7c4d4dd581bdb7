import type http from 'node:http';

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse, condition: string, path: string) => void;

export declare class SimServer {
  constructor(name: string, handler: Handler, port?: number);
  name: string;
  port: number;
  condition: string;
  counts: Map<string, number>;
  readonly url: string;
  start(): Promise<SimServer>;
  setCondition(condition: string): Promise<void>;
  count(path: string): number;
  stop(): Promise<void>;
}

export declare function send(res: http.ServerResponse, status: number, type: string, body: string, headers?: Record<string, string>): void;
