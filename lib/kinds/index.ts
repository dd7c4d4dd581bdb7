import { http } from './http';
import { jellyfin } from './jellyfin';
import type { ServiceKindDef } from './kind';
import { mautrixBridge } from './mautrix-bridge';
import { synapse } from './synapse';

export type { ProbeSettings, ServiceKindDef } from './kind';

// Every kind of service the dashboard can probe. A new kind is one file beside these and one entry
// here; the config's `kind:` values come from this list.
const registry = [jellyfin, synapse, mautrixBridge, http] as const;

export type ServiceKind = (typeof registry)[number]['id'];

export const serviceKinds = registry.map((k) => k.id) as unknown as readonly [ServiceKind, ...ServiceKind[]];

const byId = new Map<string, ServiceKindDef>(registry.map((k) => [k.id, k]));

export function kindOf(kind: ServiceKind): ServiceKindDef {
  return byId.get(kind)!;
}
