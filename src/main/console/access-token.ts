import crypto from 'node:crypto';
import type { SettingsStore } from '../core/settings/settings-store';

const TOKEN_KEY = 'console.token';

/** The per-install console token, created on first use. */
export function consoleToken(settings: SettingsStore): string {
  const existing = settings.getValue(TOKEN_KEY);
  if (existing) return existing;
  return rotateConsoleToken(settings);
}

export function rotateConsoleToken(settings: SettingsStore): string {
  const token = crypto.randomBytes(24).toString('base64url');
  settings.setValue(TOKEN_KEY, token);
  return token;
}

/** Constant-time comparison so a token cannot be guessed byte by byte from response timing. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = crypto.createHash('sha256').update(expected).digest();
  const b = crypto.createHash('sha256').update(given).digest();
  return crypto.timingSafeEqual(a, b);
}
