import type { Migration } from '../migration';
import { settingsMigration } from './0010-settings';
import { secretsMigration } from './0020-secrets';
import { consoleAccessMigration } from './0030-console-access';
import { shelfMigration } from './0100-shelf';
import { overlaysMigration } from './0300-overlays';
import { ordersMigration } from './0400-orders';
import { orderRawPagesMigration } from './0401-order-raw-pages';
import { orderRawZstdMigration } from './0402-order-raw-zstd';
import { orderPushEventsMigration } from './0450-order-push-events';
import { shelfSearchMigration } from './0101-shelf-search';
import { obsMigration } from './0200-obs';
import { showdayMigration } from './0500-showday';
import { consoleAccessHashedMigration } from './0600-console-access-hashed';
import { priceAuditMigration } from './0650-price-audit';

/**
 * Every migration, in order. Each area numbers its own: core 0001-0099, shelf 0100-0199,
 * OBS 0200-0299, overlays 0300-0399, orders 0400-0499, show day 0500-0599.
 */
export const migrations: readonly Migration[] = [
  settingsMigration,
  secretsMigration,
  consoleAccessMigration,
  // shelf
  shelfMigration,
  shelfSearchMigration,
  // obs
  obsMigration,
  // overlays
  overlaysMigration,
  // orders
  ordersMigration,
  orderRawPagesMigration,
  orderRawZstdMigration,
  orderPushEventsMigration, // 0450-0499: order push receivers (keep sync-engine migrations 0401-0449 above)
  // show day
  showdayMigration,
  // access hardening
  consoleAccessHashedMigration,
  // price audit (shelf prices changed while a show is open, issue 20)
  priceAuditMigration,
];
