import { z } from 'zod';
import { isCidr } from './lan/cidr';

// Every object is strict: a misspelt key is an error, not a silently ignored setting.

const ms = (def: number, max = 24 * 3600_000) => z.number().int().min(1).max(max).default(def);

// Only http(s) URLs: probes must never be pointed at file:, data: or other schemes.
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL');

export const serviceKinds = ['jellyfin', 'synapse', 'mautrix-bridge', 'http'] as const;

const accessPath = z
  .object({
    via: z.string().regex(/^[a-z0-9][a-z0-9-]*$/i, 'a hop name such as direct, mini or bee'),
    url: httpUrl,
    label: z.string().optional(),
    admin: httpUrl.optional(), // that hop's Caddy admin API, e.g. http://localhost:2019 on the Mac mini
  })
  .strict();

export const serviceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'lower-case letters, digits and dashes'),
    name: z.string().min(1).max(80),
    kind: z.enum(serviceKinds),
    url: httpUrl,
    // Where "open" takes the browser; the probe URL is often only resolvable on the Mac mini.
    openUrl: httpUrl.optional(),
    timeoutMs: ms(3000, 60_000),
    expectStatus: z.number().int().min(100).max(599).optional(),
    // Secrets are named, never written here: an environment variable or a file holds the value.
    apiKeyEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    apiKeyFile: z.string().optional(),
    paths: z.array(accessPath).default([]),
  })
  .strict();

const machineSchema = z
  .object({
    name: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,62}$/, 'a machine name as orb prints it'),
    expectedAddress: z.string().optional(),
    services: z.array(serviceSchema).default([]),
  })
  .strict();

const checkSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: z.string().optional(),
    from: z.string().min(1), // "host" or a machine name
    target: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65535).optional(),
    method: z.enum(['tcp', 'ping']).optional(),
    expect: z.enum(['reachable', 'unreachable']),
    timeoutMs: ms(3000, 60_000),
    docs: z.string().optional(),
  })
  .strict();

const rebuildTargetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/),
    name: z.string().optional(),
    machine: z.string().optional(),
    // The argv that runs nixos-rebuild; {mode args} and the flake are appended, never interpolated into a shell.
    command: z.array(z.string().min(1)).min(1).optional(),
    flake: z.string().optional(),
  })
  .strict();

const webhookSchema = z
  .object({
    kind: z.enum(['json', 'ntfy']),
    url: httpUrl,
    tokenEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    timeoutMs: ms(5000, 60_000),
    retries: z.number().int().min(0).max(10).default(3),
  })
  .strict();

export const configSchema = z
  .object({
    title: z.string().max(80).default('mini-vm'),
    orb: z
      .object({ bin: z.string().optional(), timeoutMs: ms(5000, 120_000) })
      .strict()
      .default({ timeoutMs: 5000 }),
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
    rebuild: z
      .object({
        flake: z.string().optional(),
        timeoutMs: ms(3600_000, 24 * 3600_000),
        passwordFile: z.string().optional(),
        logCapBytes: z.number().int().min(1024).default(20 * 1024 * 1024),
        targets: z.array(rebuildTargetSchema).optional(),
      })
      .strict()
      .default({ timeoutMs: 3600_000, logCapBytes: 20 * 1024 * 1024 }),
    history: z
      .object({
        rawHours: z.number().min(1).default(24),
        minuteDays: z.number().min(1).default(7),
        hourDays: z.number().min(1).default(400),
        incidentDays: z.number().min(1).default(400),
      })
      .strict()
      .default({ rawHours: 24, minuteDays: 7, hourDays: 400, incidentDays: 400 }),
    notifications: z.array(webhookSchema).default([]),
    demo: z.object({ password: z.string().optional() }).strict().optional(),
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
  });

export type Config = z.infer<typeof configSchema>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
export type MachineConfig = Config['machines'][number];
export type CheckConfig = Config['checks'][number];
export type ServiceKind = (typeof serviceKinds)[number];

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
