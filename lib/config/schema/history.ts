import { z } from 'zod';

export const historySchema = z
  .object({
    rawHours: z.number().min(1).default(24),
    minuteDays: z.number().min(1).default(7),
    hourDays: z.number().min(1).default(400),
    incidentDays: z.number().min(1).default(400),
  })
  .strict()
  .default({ rawHours: 24, minuteDays: 7, hourDays: 400, incidentDays: 400 });
