import { z } from 'zod';
import { event, operation } from '../define';

export const ConsoleSettingsSchema = z.object({
  /** TCP port of the operator console (HTTP + WebSocket). */
  port: z.number().int().min(1024).max(65535),
  /** Opt-in: listen on all interfaces so tablets on the studio LAN can connect. */
  lanAccess: z.boolean(),
});

export const SettingsSchema = z.object({
  studioName: z.string().min(1).max(80),
  console: ConsoleSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z.strictObject({
  studioName: z.string().trim().min(1).max(80).optional(),
  console: z
    .strictObject({
      port: ConsoleSettingsSchema.shape.port.optional(),
      lanAccess: z.boolean().optional(),
    })
    .optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const ConsoleAccessSchema = z.object({
  /** Whether the console server is running in this process. */
  running: z.boolean(),
  /** URLs (token included) a browser or tablet can open; empty when not running. */
  urls: z.array(z.string()),
  lanAccess: z.boolean(),
  /** True when a changed port or LAN setting only applies after a restart. */
  restartRequired: z.boolean(),
});

export const settingsOperations = {
  'settings.get': operation({
    summary: 'Studio settings.',
    input: z.strictObject({}),
    output: SettingsSchema,
    errors: [],
    access: 'read',
  }),
  'settings.update': operation({
    summary: 'Change some settings; returns all settings after the change.',
    input: SettingsPatchSchema,
    output: SettingsSchema,
    errors: [],
    access: 'control',
  }),
  'console.access': operation({
    summary: 'How browsers and tablets reach the operator console (URLs carry the access token).',
    input: z.strictObject({}),
    output: ConsoleAccessSchema,
    errors: [],
    access: 'control',
  }),
  'console.rotateToken': operation({
    summary: 'Replace the console access token; every other browser must reconnect with the new URL.',
    input: z.strictObject({}),
    output: ConsoleAccessSchema,
    errors: [],
    access: 'control',
  }),
};

export const settingsEvents = {
  'settings.changed': event({ summary: 'Settings changed.', payload: SettingsSchema }),
};
