import type { z } from 'zod';

/** A check on a zod schema as zod 4 keeps it (`_zod.def` of each entry of `checks`). */
export interface ZodCheckDef {
  check: string;
  format?: string;
  origin?: string;
}

/**
 * The parts of a zod 4 schema's internal definition the contract walkers read (input bounds,
 * field names): what a schema wraps, holds or is made of.
 */
export interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  getter?: () => z.ZodType;
  format?: string;
  checks?: { _zod: { def: ZodCheckDef } }[];
}

export const zodDef = (schema: z.ZodType): ZodDef =>
  (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
