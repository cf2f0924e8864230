import type { Migration } from '../migration';
import { settingsMigration } from './0010-settings';
import { secretsMigration } from './0020-secrets';

/** Every migration, in order. New ones are appended here with a higher number. */
export const migrations: readonly Migration[] = [settingsMigration, secretsMigration];
