import type { Migration } from '../migration';

/**
 * A shop's `gateway` setting is the gateway origin on every platform (the adapter appends the
 * platform's endpoint path). JD and Taobao shops used to save the whole endpoint URL
 * (`https://api.jd.com/routerjson`, `http://127.0.0.1:4100/router/rest`): those keep only the
 * origin. A value that is not a URL is left as it was (the shop's test connection says so).
 */
export const shopGatewayOriginMigration: Migration = {
  version: 610,
  name: 'shop-gateway-origin',
  up(db) {
    const rows = db.prepare('SELECT id, config FROM shop').all() as { id: number; config: string }[];
    const save = db.prepare('UPDATE shop SET config = ? WHERE id = ?');
    for (const row of rows) {
      let config: unknown;
      try {
        config = JSON.parse(row.config);
      } catch {
        continue;
      }
      if (typeof config !== 'object' || config === null) continue;
      const gateway = (config as { gateway?: unknown }).gateway;
      if (typeof gateway !== 'string' || gateway === '') continue;
      let origin: string;
      try {
        origin = new URL(gateway).origin;
      } catch {
        continue;
      }
      if (origin === 'null' || origin === gateway) continue;
      save.run(JSON.stringify({ ...config, gateway: origin }), row.id);
    }
  },
};
