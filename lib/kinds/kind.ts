import type { ProbeResult } from '../types';

/** The part of a service's resolved settings a probe uses (the API key is already read). */
export interface ProbeSettings {
  timeoutMs: number;
  expectStatus?: number;
  apiKey?: string;
}

/** Everything the dashboard knows about one kind of service. One file per kind; lib/kinds/index.ts lists them. */
export interface ServiceKindDef<Id extends string = string> {
  /** What `kind:` says in the config. */
  id: Id;
  /** How the page names the kind; it reaches the browser as ServiceStatus.kindLabel. */
  label: string;
  defaults: {
    /** A service's timeoutMs when the config gives none. */
    timeoutMs: number;
    /** The systemd unit it usually runs as inside the VM; none where there is no usual one. */
    unit?: string;
  };
  /** Probe one URL (the service's, or one of its access paths). Never throws, never waits past the timeout. */
  probe(url: string, settings: ProbeSettings): Promise<ProbeResult>;
  /** What the service is doing, asked only after a probe that found it available (Jellyfin's streams). */
  activity?(url: string, settings: ProbeSettings): Promise<string | undefined>;
}

/** Keeps the id's literal type, so the config's enum of kinds can be derived from the registry. */
export const defineKind = <const Id extends string>(def: ServiceKindDef<Id>): ServiceKindDef<Id> => def;
