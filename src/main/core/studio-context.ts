import type Database from 'better-sqlite3';
import type { OperationName } from '@shared/api/contract';
import type { DiskGuard } from './db/disk-guard';
import type { Handlers } from './api/dispatcher';
import type { EventHub } from './event-hub';
import type { LogHub } from './logging/log-hub';
import type { SecretStore } from './secrets/secret-store';
import type { StatusBoard, StudioService } from './services/service';
import type { SettingsStore } from './settings/settings-store';

/** What every area of the core (shelf, OBS, overlays, orders) gets from the studio. */
export interface StudioContext {
  readonly logs: LogHub;
  readonly events: EventHub;
  readonly status: StatusBoard;
  /** null when the studio runs in memory (tests). */
  readonly dataDir: string | null;
  readonly mode: 'electron' | 'headless';
  /** The disk state: background writers report a full disk here instead of throwing. */
  readonly disk: DiskGuard;
  /** The open database; throws before start(). Services use it from their start() on. */
  db(): Database.Database;
  settings(): SettingsStore;
  /** Sealed secrets; throws when no secret box is configured (in-memory studio without one). */
  secrets(): SecretStore;
}

/** An area of the core: its services (started in order after the database) and its API handlers. */
export interface StudioModule<K extends OperationName = never> {
  services: StudioService[];
  handlers: Pick<Handlers, K>;
}
