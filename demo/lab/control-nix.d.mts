export interface NixLabReply {
  status: number;
  body: Record<string, unknown>;
}
export interface NixLab {
  /** The demo flake's checkout (rebuild.flake in the demo config). */
  flakeDir: string;
  /** Remake the checkout and the VM's generations and store, as when the lab starts. */
  reset(): void;
  handle(pathname: string, body?: Record<string, unknown>): NixLabReply | undefined;
}
export declare function createNixLab(stateDir: string): NixLab;
export declare function bumpVersion(v: string): string;
