import type { Handler } from './sim-server.mjs';

export declare function jellyfin(port: () => number): Handler;
export declare function synapse(): Handler;
export declare function bridge(): Handler;
export declare const JELLYFIN_DEMO_KEY: string;
