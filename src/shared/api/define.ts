import type { z } from 'zod';
import type { ErrorCode } from './errors';

/**
 * `read` operations are safe for read-only views (data desk, prompter);
 * `control` operations change the studio or what is on air.
 */
export type Access = 'read' | 'control';

export interface OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Error codes besides the ones every operation can return (bad_request, forbidden, internal...). */
  errors: readonly ErrorCode[];
  access: Access;
  summary: string;
}

export const operation = <I extends z.ZodType, O extends z.ZodType>(def: OperationDef<I, O>) => def;

export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
  summary: string;
}

export const event = <P extends z.ZodType>(def: EventDef<P>) => def;
