export declare const PID_FILE: string;
/** Write `<dir>/server.pid` for this process and remove it when the process exits; null when it cannot be written. */
export declare function holdPidFile(dir: string, pid?: number): string | null;
/** The live server holding this data directory, or null (no pid file, or one a crash left behind). */
export declare function runningServer(dir: string): { pid: number; startedAt: string } | null;
