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
import { productLongNamesMigration } from './0630-product-long-names';
import { shopGatewayOriginMigration } from './0610-shop-gateway-origin';
import { showWindowsMigration } from './0620-show-windows';
import { importUndoPartsMigration } from './0640-import-undo-parts';
import { showdayReapplyMigration } from './0660-showday-reapply';
import { searchIndexUnchangedTextMigration } from './0670-search-index-unchanged-text';
import { priceAuditMigration } from './0650-price-audit';
import { slotPresenterRoleMigration } from './0730-slot-presenter-role';
import { settingsServerMigration } from './0770-settings-server';
import { eventMigration } from './0720-event';
import { obsOrientationMigration } from './0690-obs-orientation';
import { orderLineShowMigration } from './0780-order-line-show';
import { orderLineRemoteMigration } from './0785-order-line-remote';

/**
 * Every migration, in order. Up to 0599 each area numbered its own (core 0001-0099, shelf
 * 0100-0199, OBS 0200-0299, overlays 0300-0399, orders 0400-0499, show day 0500-0599); from 0600 on
 * there is one global sequence, in the order they run.
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
  // one global sequence from here on
  consoleAccessHashedMigration, // 0600: console tokens stored hashed
  shopGatewayOriginMigration, // 0610: a shop's gateway is an origin
  showWindowsMigration, // 0620: show on-air windows (orders attributed by time)
  productLongNamesMigration, // 0630: long product names stored whole
  importUndoPartsMigration, // 0640: chunked shelf import undo
  priceAuditMigration, // 0650: every price change, who/when/from where
  showdayReapplyMigration, // 0660: the console's automatic re-apply choice
  searchIndexUnchangedTextMigration, // 0670: full-text entry rewritten only when its text changed
  obsOrientationMigration, // 0690: an OBS connection's orientation; the other OBS a GO drives
  eventMigration, // 0720: event mode: outbox, stream cursor, booth shops, shelf revisions
  slotPresenterRoleMigration, // 0730: a slot's presenter role on the lower third
  settingsServerMigration, // 0770: the settings' console object is called server
  orderLineShowMigration, // 0780: order lines indexed by show (a booth's show GMV)
  orderLineRemoteMigration, // 0785: event mode: lines other booths sold count in no show of this studio
];
