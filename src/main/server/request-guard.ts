import net from 'node:net';
import type { IncomingMessage } from 'node:http';
import { decodeComponent, requestTarget } from '../core/net/http-safety';

export interface GuardOptions {
  port: number;
  /** When false (default), only loopback names are valid hosts. */
  lanAccess: boolean;
}

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 401 | 403; reason: string };

/**
 * DNS rebinding defence: a browser tricked into calling us through an attacker's domain
 * sends that domain in `Host`. Only loopback names, and IP literals when LAN access is on,
 * are accepted; a present `Origin` must be this same host.
 */
export function checkHostAndOrigin(req: Pick<IncomingMessage, 'headers'>, opts: GuardOptions): GuardVerdict {
  const host = req.headers.host;
  if (!host) return { ok: false, status: 400, reason: 'missing Host header' };
  if (!isAllowedHost(host, opts)) return { ok: false, status: 403, reason: `Host ${host} is not allowed` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host.toLowerCase()}`) {
    return { ok: false, status: 403, reason: `Origin ${origin} is not allowed` };
  }
  return { ok: true };
}

export function isAllowedHost(hostHeader: string, opts: GuardOptions): boolean {
  const parsed = splitHost(hostHeader.toLowerCase());
  if (!parsed || parsed.port !== opts.port) return false;
  const { hostname } = parsed;
  if (hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '::1') return true;
  // On the LAN, tablets reach us by IP address; names are refused because they can be rebound.
  return opts.lanAccess && net.isIP(hostname) !== 0;
}

function splitHost(host: string): { hostname: string; port: number } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d{1,5})$/.exec(host);
  if (!m) return undefined;
  const hostname = m[1]!.replace(/^\[|\]$/g, '');
  return { hostname, port: Number(m[2]) };
}

/**
 * The token from `Authorization: Bearer`, the `token` query parameter, or the console cookie.
 * Throws MalformedRequest for a target or cookie that cannot be parsed.
 */
export function presentedToken(
  req: Pick<IncomingMessage, 'headers' | 'url'>,
  cookieName: string,
): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  const query = requestTarget(req.url).searchParams.get('token');
  if (query) return query;
  return readCookie(req.headers.cookie, cookieName);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeComponent(v.join('='), `cookie ${name}`);
  }
  return undefined;
}
