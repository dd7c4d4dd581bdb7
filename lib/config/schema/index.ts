import { z } from 'zod';
import { isCidr } from '../../lan/cidr';
import { checkSchema } from './check';
import { historySchema } from './history';
import { maintenanceSchema } from './maintenance';
import { machineSchema, orbSchema } from './machine';
import { notificationsSchema } from './notifications';
import { rebuildSchema } from './rebuild';

// The config file's shape, one file per section; lib/config.ts loads and resolves it.

export { serviceKinds, serviceSchema, type ServiceConfig, type ServiceKind } from './service';
export type { MachineConfig, OrbConfig } from './machine';
export type { CheckConfig } from './check';
export type { MatrixNotifierConfig, NotifierConfig, WebhookNotifierConfig } from './notifications';

export const configSchema = z
  .object({
    // Names the dashboard: the header and every page title.
    title: z.string().min(1).max(80).default('mini-vm dashboard'),
    orb: orbSchema,
    pollIntervalMs: z.number().int().min(250).max(3600_000).default(15_000),
    // Network checks and VM addresses change with configuration, not from round to round.
    checkIntervalMs: z.number().int().min(250).max(3600_000).default(60_000),
    failuresBeforeDown: z.number().int().min(1).max(20).default(2),
    dataDir: z.string().optional(),
    allowedHosts: z.array(z.string().min(1)).optional(),
    allowedNetworks: z.array(z.string().refine(isCidr, 'a CIDR range such as 192.168.50.0/24 or fe80::/10')).optional(),
    docs: z.object({ dir: z.string().optional() }).strict().optional(),
    machines: z.array(machineSchema).default([]),
    checks: z.array(checkSchema).default([]),
    rebuild: rebuildSchema,
    history: historySchema,
    notifications: notificationsSchema,
    maintenance: maintenanceSchema,
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.machines.forEach((m, mi) =>
      m.services.forEach((s, si) => {
        if (seen.has(s.id)) {
          ctx.addIssue({ code: 'custom', path: ['machines', mi, 'services', si, 'id'], message: `duplicate service id "${s.id}"` });
        }
        seen.add(s.id);
      }),
    );
    cfg.notifications.forEach((n, ni) =>
      n.services?.forEach((s, si) => {
        if (!seen.has(s)) ctx.addIssue({ code: 'custom', path: ['notifications', ni, 'services', si], message: `no service has the id "${s}"` });
      }),
    );
    cfg.maintenance.windows.forEach((w, wi) =>
      w.services?.forEach((s, si) => {
        if (!seen.has(s)) ctx.addIssue({ code: 'custom', path: ['maintenance', 'windows', wi, 'services', si], message: `no service has the id "${s}"` });
      }),
    );
  });

export type Config = z.infer<typeof configSchema>;

// The built-in home lab, from the VM's own document: names only, never IP literals.
export const defaultConfigInput = {
  machines: [
    {
      name: 'mini-vm',
      services: [
        { id: 'jellyfin', name: 'Jellyfin', kind: 'jellyfin', url: 'http://mini-vm.orb.local:8096' },
        { id: 'synapse', name: 'Matrix Synapse', kind: 'synapse', url: 'http://mini-vm.orb.local:8008' },
      ],
    },
  ],
};
