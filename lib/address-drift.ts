// One source for the address-drift facts, so the status page and the docs page say the same thing.

/** The troubleshooting section of the VM's own doc. */
export const TROUBLESHOOTING_DOCS = '/docs/mini-vm#troubleshooting';

/** What to do when the VM's address is not the one the config (the miniVmIp flag) expects. */
export const driftFixSteps = [
  'Check the address OrbStack gives the VM now: `orb list`.',
  'Update `miniVmIp` in `modules/flags/default.nix` to that address.',
  'Rebuild the configurations on bee and on the Mac mini.',
] as const;

/** The lasting fix: a name that follows the VM across OrbStack restarts. */
export const driftLastingFix = 'Better: point the Caddy hops at `mini-vm.orb.local`, which always resolves to the VM on the Mac mini, and this step is no longer needed.';
