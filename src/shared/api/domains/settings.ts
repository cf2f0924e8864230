import { z } from 'zod';
import { event, operation } from '../define';

export const ServerSettingsSchema = z.object({
  /** TCP port of the operator server (HTTP + WebSocket). */
  port: z.number().int().min(1024).max(65535),
  /** Opt-in: listen on all interfaces so tablets on the studio LAN can connect. */
  lanAccess: z.boolean(),
});

export const EventSettingsSchema = z.object({
  /**
   * Be an event's director with a local nats-server (what `--event-server` does): started at once
   * when switched on and at every start; stopped when switched off. Unset: off.
   */
  server: z.boolean(),
});

export const SettingsSchema = z.object({
  studioName: z.string().min(1).max(80),
  server: ServerSettingsSchema,
  event: EventSettingsSchema.optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const SettingsPatchSchema = z.strictObject({
  studioName: z.string().trim().min(1).max(80).optional(),
  server: z
    .strictObject({
      port: ServerSettingsSchema.shape.port.optional(),
      lanAccess: z.boolean().optional(),
    })
    .optional(),
  event: z.strictObject({ server: z.boolean() }).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/**
 * Who a console client is. `operator` controls everything; `prompter` (anchor prompter),
 * `datadesk` (dashboard) and `guest` (a guest's own products) only read.
 */
export const AccessRoleSchema = z.enum(['operator', 'prompter', 'datadesk', 'guest']);
export type AccessRole = z.infer<typeof AccessRoleSchema>;

export const RoleLinkSchema = z.object({
  id: z.number().int().positive(),
  role: AccessRoleSchema,
  /** Who or what the link is for, e.g. a guest's name or "tablet 2". */
  label: z.string(),
  /**
   * The link with its token: only in the answer to `access.createRoleLink` (shown once; the
   * studio keeps only a hash of the token), empty in every other answer.
   */
  url: z.string(),
  createdAt: z.number().int(),
});
export type RoleLink = z.infer<typeof RoleLinkSchema>;

export const AccessStateSchema = z.object({
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
   * Only in the answer to `access.rotateToken`: the new long-lived operator token for scripts
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
    errors: ['conflict'],
    access: 'control',
  }),
  'access.access': operation({
    summary: 'How browsers and tablets reach the operator server (URLs carry the access token).',
    input: z.strictObject({}),
    output: AccessStateSchema,
    errors: [],
    access: 'control',
  }),
  'access.rotateToken': operation({
    summary: 'Replace the console access token; every other browser must reconnect with the new URL.',
    input: z.strictObject({}),
    output: AccessStateSchema,
    errors: [],
    access: 'control',
  }),
  'access.whoami': operation({
    summary: 'The role and label of the calling client.',
    input: z.strictObject({}),
    output: z.object({ role: AccessRoleSchema, label: z.string() }),
    errors: [],
    access: 'read',
  }),
  'access.roleLinks': operation({
    summary: 'Access links for other devices and roles (prompter, data desk, guests, extra operators).',
    input: z.strictObject({}),
    output: z.array(RoleLinkSchema),
    errors: ['unavailable'],
    access: 'control',
  }),
  'access.createRoleLink': operation({
    summary: 'Make a new access link for a role; each link has its own token and can be revoked alone.',
    input: z.strictObject({ role: AccessRoleSchema, label: z.string().trim().max(80).default('') }),
    output: RoleLinkSchema,
    errors: ['unavailable'],
    access: 'control',
  }),
  'access.revokeRoleLink': operation({
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
