import { z } from 'zod';
import { event, operation } from '../define';

export const ServiceNameSchema = z.enum([
  'database',
  'obs',
  'overlays',
  'orders',
  'server',
  'showday',
  'secrets',
  'event',
]);
export type ServiceName = z.infer<typeof ServiceNameSchema>;

/** `idle` = nothing configured yet; `ok` = working; `warning` = degraded; `error` = needs the operator. */
export const ServiceStateSchema = z.enum(['starting', 'idle', 'ok', 'warning', 'error', 'stopped']);
export type ServiceState = z.infer<typeof ServiceStateSchema>;

export const ServiceStatusSchema = z.object({
  name: ServiceNameSchema,
  state: ServiceStateSchema,
  /** i18n key (namespace `common`) describing the state, with its params. */
  detailKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  since: z.number().int(),
});
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

export const SystemInfoSchema = z.object({
  app: z.literal('ShelfCast'),
  version: z.string(),
  mode: z.enum(['electron', 'headless']),
  versions: z.object({
    node: z.string(),
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    sqlite: z.string(),
    schema: z.number().int(),
  }),
  platform: z.string(),
  arch: z.string(),
  dataDir: z.string(),
  startedAt: z.number().int(),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;

export const systemOperations = {
  'system.info': operation({
    summary: 'Versions, run mode and data directory of the running studio core.',
    input: z.strictObject({}),
    output: SystemInfoSchema,
    errors: [],
    access: 'read',
  }),
  'system.status': operation({
    summary: 'Current status of every studio service.',
    input: z.strictObject({}),
    output: z.object({ services: z.array(ServiceStatusSchema) }),
    errors: [],
    access: 'read',
  }),
};

export const systemEvents = {
  'system.statusChanged': event({
    summary: 'A service changed state.',
    payload: ServiceStatusSchema,
  }),
};
