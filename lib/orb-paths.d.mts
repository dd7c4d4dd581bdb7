/** Where orb may live, in the order they are tried: ORB_PATH first, then the usual install locations. */
export declare function orbCandidates(env?: Partial<NodeJS.ProcessEnv>): string[];
/** The first candidate that is an executable file, or null, with the places searched. */
export declare function findOrb(env?: Partial<NodeJS.ProcessEnv>): { bin: string | null; searched: string[] };
