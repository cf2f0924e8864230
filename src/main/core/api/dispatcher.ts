import type { z } from 'zod';
import {
  isOperationName,
  operations,
  type OperationName,
  type OperationOutput,
  type OperationParsedInput,
} from '@shared/api/contract';
import type { Access } from '@shared/api/define';
import type { AccessRole } from '@shared/api/domains/settings';
import { ApiFailure, fail, ok, type ApiError, type Result } from '@shared/api/errors';
import { issueReason } from '@shared/api/field-names';
import { inputBoundIssues } from '@shared/api/input-bounds';
import { canRead, operationScopes, viewFor } from '@shared/api/read-scopes';
import { isDiskFull, type DiskGuard } from '../db/disk-guard';
import type { Logger } from '../logging/log-hub';

export type Role = AccessRole;
export type Transport = 'ipc' | 'ws' | 'http' | 'internal';

export interface CallContext {
  role: Role;
  transport: Transport;
  /** The access link's label (a guest's name, "tablet 2"); '' for the primary operator. */
  label?: string;
}

/** Only operators change anything; every other role is read-only. */
const roleAccess: Record<Role, readonly Access[]> = {
  operator: ['read', 'control'],
  prompter: ['read'],
  datadesk: ['read'],
  guest: ['read'],
};

export type Handler<K extends OperationName> = (
  input: OperationParsedInput<K>,
  ctx: CallContext,
) => OperationOutput<K> | Promise<OperationOutput<K>>;

export type Handlers = { [K in OperationName]: Handler<K> };

/** The single entry point of every transport: validate, authorise, run, and always answer with a Result. */
export class Dispatcher {
  constructor(
    private readonly handlers: Handlers,
    private readonly log: Logger,
    /** Where a full disk is reported (the database pill); the caller gets a translated error. */
    private readonly disk?: DiskGuard,
  ) {}

  async dispatch(name: unknown, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isOperationName(name)) {
      return fail({ code: 'unknown_operation', message: `Unknown operation ${JSON.stringify(name)}` });
    }
    const def = operations[name];
    if (!roleAccess[ctx.role].includes(def.access)) {
      return fail({
        code: 'forbidden',
        message: `${name} needs ${def.access} access; this client is ${ctx.role}`,
      });
    }
    if (!canRead(ctx.role, name)) {
      // Each role reads only what its own view shows (see read-scopes.ts).
      return fail({
        code: 'forbidden',
        message: `${name} is outside the ${ctx.role} view (read scope ${operationScopes[name]})`,
        key: 'common:access.notInScope',
      });
    }
    // Length, lone surrogates, blank secrets and nesting, for every operation at once.
    const bounds = inputBoundIssues(def.input as z.ZodType, rawInput ?? {});
    if (bounds.length > 0) {
      return fail({
        code: 'bad_request',
        message: `Invalid input for ${name}`,
        operation: name,
        issues: bounds,
      });
    }
    const parsed = (def.input as z.ZodType).safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail({
        code: 'bad_request',
        message: `Invalid input for ${name}`,
        operation: name,
        issues: parsed.error.issues.map(describeIssue),
      });
    }
    const handler = this.handlers[name] as (input: unknown, ctx: CallContext) => unknown;
    try {
      return ok(viewFor(name, (await handler(parsed.data, ctx)) as never, ctx));
    } catch (err) {
      if (err instanceof ApiFailure) return fail(err.toApiError());
      if (isDiskFull(err)) {
        this.disk?.report(err, `api:${name}`);
        return fail({ code: 'unavailable', message: `${name}: the disk is full`, key: 'disk.fullError' });
      }
      this.log.error(`operation ${name} failed`, { err, transport: ctx.transport });
      return fail({ code: 'internal', message: err instanceof Error ? err.message : String(err) });
    }
  }
}

/** A validation issue with a reason the UI can translate (`errors.issue.<reason>`) and where it happened. */
export function describeIssue(issue: z.core.$ZodIssue): NonNullable<ApiError['issues']>[number] {
  const path = issue.path.map(String).join('.');
  const params: Record<string, string | number> = {};
  const reason = issueReason(issue.code, 'origin' in issue ? String(issue.origin) : undefined);
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
    params.limit = typeof bound === 'bigint' ? Number(bound) : bound;
  } else if (issue.code === 'not_multiple_of') {
    params.limit = Number(issue.divisor);
  } else if (issue.code === 'unrecognized_keys') {
    params.keys = issue.keys.join(', ');
  }
  return { path, message: issue.message, reason, params };
}
