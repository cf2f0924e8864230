import type { SystemInfo } from '@shared/api/domains/system';
import type { Handlers } from './dispatcher';
import type { LogHub } from '../logging/log-hub';
import type { StatusBoard } from '../services/service';

export interface SystemHandlerDeps {
  info(): SystemInfo;
  status: StatusBoard;
  logs: LogHub;
}

export const systemHandlers = (
  deps: SystemHandlerDeps,
): Pick<Handlers, 'system.info' | 'system.status' | 'log.recent'> => ({
  'system.info': () => deps.info(),
  'system.status': () => ({ services: deps.status.all() }),
  'log.recent': ({ limit, minLevel, logger }) => ({ lines: deps.logs.recent(limit, minLevel, logger) }),
});
