import type { MachineState, OrbState } from '../states';
import type { ServiceStatus } from './service';

/** A machine as orb reports it. Every field but the name may be missing. */
export interface OrbMachine {
  name: string;
  state: MachineState;
  rawState: string;
  distro?: string;
  version?: string;
  arch?: string;
  address?: string;
}

export interface AddressDrift {
  expected: string;
  observed: string | null;
  ok: boolean;
}

export interface MachineStatus extends Omit<OrbMachine, 'rawState'> {
  /** The state string exactly as orb printed it, when it was not one we know. */
  rawState?: string;
  reason: string;
  addressDrift?: AddressDrift;
  services: ServiceStatus[];
}

export interface OrbStackStatus {
  state: OrbState;
  reason?: string;
  /** Machines orb lists that the config does not name. */
  others?: { name: string; state: MachineState }[];
}
