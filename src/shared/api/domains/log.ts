import { z } from 'zod';
import { event, operation } from '../define';

export const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevelSchema>;

export const LogLineSchema = z.object({
  seq: z.number().int(),
  time: z.number().int(),
  level: LogLevelSchema,
  /** Named logger, e.g. `obs`, `orders:kuaishou`, `console`. */
  logger: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.unknown()).optional(),
});
export type LogLine = z.infer<typeof LogLineSchema>;

export const logOperations = {
  'log.recent': operation({
    summary: 'Recent lines from the in-memory log ring, oldest first.',
    input: z.strictObject({
      limit: z.number().int().min(1).max(2000).default(500),
      minLevel: LogLevelSchema.default('debug'),
      logger: z.string().max(100).optional(),
    }),
    output: z.object({ lines: z.array(LogLineSchema) }),
    errors: [],
    access: 'read',
  }),
};

export const logEvents = {
  'log.line': event({ summary: 'A new log line.', payload: LogLineSchema }),
};
