import { z } from 'zod';

/** Every error code an operation may return. Clients branch on these, never on message text. */
export const errorCodes = [
  'bad_request',
  'unknown_operation',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'unavailable',
  'timeout',
  'internal',
] as const;

export const ErrorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ApiErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** English text for logs and developers; the UI translates `code` (and `key` when present). */
  message: z.string(),
  /** An i18n key with a more specific, translated explanation. */
  key: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** The operation whose input failed validation: the UI names `issues` paths by its schema. */
  operation: z.string().optional(),
  /** Where validation failed: one entry per bad field. */
  issues: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        /** Translatable reason: a key under `errors.issue` (e.g. `too_small_number`), with its params. */
        reason: z.string().optional(),
        params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      }),
    )
    .optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (error: ApiError): Result<never> => ({ ok: false, error });

/** Thrown inside the core to end an operation with a typed error. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<ApiError, 'key' | 'params' | 'issues'> = {},
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  toApiError(): ApiError {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
