import type { SyncedPlatform } from '@shared/api/domains/shelf';

/** A push reduced to what it means to us: "order X of shop S changed; fetch it again". */
export interface RefetchRequest {
  platform: SyncedPlatform;
  shopId: string;
  orderId: string;
  /** The platform's event id (Kuaishou eventId, Douyin msg_id), the dedupe key. */
  eventId: string;
  /** The platform's event name or tag, for logs (e.g. kwaishop_order_paySuccess, 101). */
  event: string;
}

/**
 * Called once per new event. Must be quick (enqueue a re-fetch, do not perform it): Kuaishou wants
 * the reply within 3 s. Throwing makes the receiver answer with a failure so the platform retries.
 */
export type OnRefetch = (req: RefetchRequest) => void | Promise<void>;

/** Why a push was refused, told apart for the reply and the log. */
export class PushRejected extends Error {
  constructor(
    readonly reason: 'bad_signature' | 'bad_ciphertext' | 'bad_body' | 'unknown_app',
    message: string,
  ) {
    super(message);
    this.name = 'PushRejected';
  }
}
