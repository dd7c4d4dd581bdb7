import { z } from 'zod';
import { maintenanceWindowSchema } from '../../notify/windows';
import { isTimeZone } from '../../notify/zoned-time';

// Quiet during maintenance: a job's window lasts its run plus settleSeconds; scheduled windows
// repeat on weekdays at a wall-clock time in the Mac mini's zone (or timeZone).
export const maintenanceSchema = z
  .object({
    settleSeconds: z.number().int().min(0).max(3600).default(120),
    timeZone: z.string().refine(isTimeZone, 'a time zone name such as Europe/Berlin').optional(),
    windows: z.array(maintenanceWindowSchema).default([]),
  })
  .strict()
  .default({ settleSeconds: 120, windows: [] });
