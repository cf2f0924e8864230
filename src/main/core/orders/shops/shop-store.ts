import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { SignMethodSchema } from '@shared/api/domains/orders';
import type { SyncedPlatform } from '@shared/api/domains/shelf';
import { ApiFailure } from '@shared/api/errors';
import type { SecretStore } from '../../secrets/secret-store';

/** `pushKey`: Kuaishou's push message key (optional push receiver); Douyin push reuses appKey/appSecret. */
export const SECRET_NAMES = ['appSecret', 'signSecret', 'accessToken', 'refreshToken', 'pushKey'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type ShopSecrets = Partial<Record<SecretName, string>>;

const ConfigSchema = z.object({
  appKey: z.string().default(''),
  signMethod: z.enum(['md5', 'hmac-sha256']).default('md5'),
  gateway: z.string().default(''),
});

export interface ShopRecord {
  id: number;
  platform: SyncedPlatform;
  shopId: string;
  label: string;
  appKey: string;
  signMethod: z.infer<typeof SignMethodSchema>;
  gateway: string;
  simulated: boolean;
  enabled: boolean;
}

interface Row {
  id: number;
  platform: SyncedPlatform;
  shop_id: string;
  label: string;
  config: string;
  simulated: number;
  enabled: number;
}

const fromRow = (r: Row): ShopRecord => {
  const c = ConfigSchema.parse(JSON.parse(r.config));
  return {
    id: r.id,
    platform: r.platform,
    shopId: r.shop_id,
    label: r.label,
    appKey: c.appKey,
    signMethod: c.signMethod,
    gateway: c.gateway,
    simulated: r.simulated === 1,
    enabled: r.enabled === 1,
  };
};

const secretKey = (shop: number, name: SecretName) => `orders.shop.${shop}.${name}`;

/**
 * Platform shops: settings in the `shop` table, credentials sealed in the secret store (never in
 * `shop`, never in logs). Row and secrets change in one transaction.
 */
export class ShopStore {
  constructor(
    private readonly db: Database.Database,
    private readonly secrets: () => SecretStore,
  ) {}

  list(): ShopRecord[] {
    return this.db.prepare<[], Row>('SELECT * FROM shop ORDER BY platform, id').all().map(fromRow);
  }

  get(id: number): ShopRecord {
    const row = this.db.prepare<[number], Row>('SELECT * FROM shop WHERE id = ?').get(id);
    if (!row)
      throw new ApiFailure('not_found', `no shop ${id}`, { key: 'orders:errors.noShop', params: { id } });
    return fromRow(row);
  }

  /** Adds or edits a shop; secrets given replace the stored ones, omitted ones stay. */
  save(
    input: Omit<ShopRecord, 'id' | 'simulated' | 'enabled'> & { id?: number; simulated?: boolean },
    secrets: ShopSecrets,
  ): ShopRecord {
    const config = JSON.stringify({
      appKey: input.appKey,
      signMethod: input.signMethod,
      gateway: input.gateway,
    });
    return this.db.transaction(() => {
      const clash = this.db
        .prepare<[string, string, number], { id: number }>(
          'SELECT id FROM shop WHERE platform = ? AND shop_id = ? AND id <> ?',
        )
        .get(input.platform, input.shopId, input.id ?? -1);
      if (clash)
        throw new ApiFailure('conflict', `shop ${input.platform}/${input.shopId} exists`, {
          key: 'orders:errors.shopExists',
          params: { shopId: input.shopId },
        });
      let id = input.id;
      if (id === undefined) {
        id = (
          this.db
            .prepare(
              'INSERT INTO shop (platform, shop_id, label, config, simulated, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
            )
            .get(input.platform, input.shopId, input.label, config, input.simulated ? 1 : 0, Date.now()) as {
            id: number;
          }
        ).id;
      } else {
        this.get(id);
        this.db
          .prepare('UPDATE shop SET platform = ?, shop_id = ?, label = ?, config = ? WHERE id = ?')
          .run(input.platform, input.shopId, input.label, config, id);
      }
      const store = Object.values(secrets).some((v) => v !== undefined) ? this.secrets() : undefined;
      for (const name of SECRET_NAMES) {
        const value = secrets[name];
        if (value !== undefined) store!.set(secretKey(id, name), value);
      }
      return this.get(id);
    })();
  }

  setEnabled(id: number, enabled: boolean): ShopRecord {
    this.get(id);
    this.db.prepare('UPDATE shop SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id);
    return this.get(id);
  }

  remove(id: number): void {
    this.get(id);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM shop WHERE id = ?').run(id);
      if (this.hasSecretStore()) for (const name of SECRET_NAMES) this.secrets().delete(secretKey(id, name));
    })();
  }

  /** Which secrets are stored, without opening them. */
  secretsPresent(id: number): Record<SecretName, boolean> {
    const has = (n: SecretName) => this.hasSecretStore() && this.secrets().has(secretKey(id, n));
    return {
      appSecret: has('appSecret'),
      signSecret: has('signSecret'),
      accessToken: has('accessToken'),
      refreshToken: has('refreshToken'),
      pushKey: has('pushKey'),
    };
  }

  /** Opens a shop's secrets (for building its adapter only). */
  openSecrets(id: number): ShopSecrets {
    const store = this.secrets();
    const out: ShopSecrets = {};
    for (const name of SECRET_NAMES) {
      const v = store.get(secretKey(id, name));
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /** Persists a refreshed token pair atomically (both or neither), before the adapter uses it. */
  saveTokens(id: number, tokens: { accessToken: string; refreshToken: string }): void {
    const store = this.secrets();
    this.db.transaction(() => {
      store.set(secretKey(id, 'accessToken'), tokens.accessToken);
      store.set(secretKey(id, 'refreshToken'), tokens.refreshToken);
    })();
  }

  private hasSecretStore(): boolean {
    try {
      this.secrets();
      return true;
    } catch {
      return false;
    }
  }
}
