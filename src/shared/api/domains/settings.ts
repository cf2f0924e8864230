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

/**
 * Who a console client is. `operator` controls everything; `prompter` (anchor prompter),
 * `datadesk` (dashboard) and `guest` (a guest's own products) only read.
 */
export const ConsoleRoleSchema = z.enum(['operator', 'prompter', 'datadesk', 'guest']);
export type ConsoleRole = z.infer<typeof ConsoleRoleSchema>;

export const RoleLinkSchema = z.object({
  id: z.number().int().positive(),
  role: ConsoleRoleSchema,
  /** Who or what the link is for, e.g. a guest's name or "tablet 2". */
  label: z.string(),
  /**
   * The link with its token: only in the answer to `console.createRoleLink` (shown once; the
   * studio keeps only a hash of the token), empty in every other answer.
   */
  url: z.string(),
  createdAt: z.number().int(),
});
export type RoleLink = z.infer<typeof RoleLinkSchema>;

export const ConsoleAccessSchema = z.object({
  /** Whether the console server is running in this process. */
  running: z.boolean(),
  /**
   * Launch links for this run of the studio (they end when it stops or the token is replaced);
   * a browser that opens one gets a session cookie. Empty when not running.
   */
  urls: z.array(z.string()),
  lanAccess: z.boolean(),
  /** The port the console really listens on (a `--port` or a busy 4790 differs from the setting); null when not running. */
  port: z.number().int().nullable().default(null),
  /** True when a changed port or LAN setting only applies after a restart. */
  restartRequired: z.boolean(),
  /**
   * Only in the answer to `console.rotateToken`: the new long-lived operator token for scripts
   * and control surfaces (`Authorization: Bearer`). Shown once; only its hash is kept.
   */
  token: z.string().optional(),
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
  'console.whoami': operation({
    summary: 'The role and label of the calling client.',
    input: z.strictObject({}),
    output: z.object({ role: ConsoleRoleSchema, label: z.string() }),
    errors: [],
    access: 'read',
  }),
  'console.roleLinks': operation({
    summary: 'Access links for other devices and roles (prompter, data desk, guests, extra operators).',
    input: z.strictObject({}),
    output: z.array(RoleLinkSchema),
    errors: ['unavailable'],
    access: 'control',
  }),
  'console.createRoleLink': operation({
    summary: 'Make a new access link for a role; each link has its own token and can be revoked alone.',
    input: z.strictObject({ role: ConsoleRoleSchema, label: z.string().trim().max(80).default('') }),
    output: RoleLinkSchema,
    errors: ['unavailable'],
    access: 'control',
  }),
  'console.revokeRoleLink': operation({
    summary: 'Revoke an access link; devices using it are disconnected at once.',
    input: z.strictObject({ id: z.number().int().positive() }),
    output: z.object({ revoked: RoleLinkSchema }),
    errors: ['not_found', 'unavailable'],
    access: 'control',
  }),
};

export const settingsEvents = {
  'settings.changed': event({ summary: 'Settings changed.', payload: SettingsSchema }),
};
