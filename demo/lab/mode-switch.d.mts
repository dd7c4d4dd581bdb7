export interface ModeSwitch {
  readonly mode: string;
  readonly times: number | null;
  set(body: { mode?: unknown; times?: unknown }): string | null;
  take(kinds?: string[]): string;
  reset(): void;
}
export declare function modeSwitch(modes: string[]): ModeSwitch;
