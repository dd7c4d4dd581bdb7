export function hermeticGitEnv(when?: number): NodeJS.ProcessEnv;
export function git(dir: string, args: string[], opts?: { when?: number; input?: string }): string;
export function importCommits(dir: string, commits: { subject: string; when: number; files: Record<string, string | null> }[]): string[];
export function writeFiles(dir: string, files: Record<string, string | null>): void;
export function commitFiles(dir: string, files: Record<string, string | null>, message: string, when?: number): string;
export function initRepo(dir: string): void;
