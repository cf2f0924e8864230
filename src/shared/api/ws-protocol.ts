import { z } from 'zod';
import type { ApiError, Result } from './errors';

/** Frames of the WebSocket bridge. Client → server frames are validated; bad frames get an error frame. */
export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('call'),
    id: z.number().int().nonnegative(),
    op: z.string().max(100),
    input: z.unknown(),
  }),
  z.object({ type: z.literal('subscribe'), event: z.string().max(100) }),
  z.object({ type: z.literal('unsubscribe'), event: z.string().max(100) }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export type ServerFrame =
  | { type: 'hello'; protocol: 1; role: string }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown }
  | { type: 'error'; error: ApiError };

export const WS_PATH = '/api/ws';
export const HTTP_API_PREFIX = '/api/v1/';
/** `POST /api/upload?name=…`: a file for import as the raw body, streamed (not through a WebSocket frame). */
export const UPLOAD_PATH = '/api/upload';
