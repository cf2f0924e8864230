import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logging/log-hub';

/**
 * Defensive parsing shared by every HTTP server of the studio (console, overlays, order push).
 * Anything a client sends (request line, path, query, cookies, headers) is parsed here without
 * ever throwing a raw TypeError/URIError: malformed input becomes a MalformedRequest, which the
 * servers answer with 400 and a body.
 */
export class MalformedRequest extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MalformedRequest';
  }
}

/** Longest request target accepted (browsers and OBS stay far below). */
export const MAX_TARGET_LENGTH = 8 * 1024;

/**
 * The request target (`/path?query`) as a URL. The target is always read as a path on our own
 * origin, never as the host of `//evil.example`; a path that starts with `//` (`//`, `//[`,
 * `/.//evil.example`) is refused as malformed rather than throwing `Invalid URL`.
 */
export function requestTarget(raw: string | undefined): URL {
  const target = raw ?? '/';
  if (target.length > MAX_TARGET_LENGTH) throw new MalformedRequest('request target is too long');
  if (!target.startsWith('/')) throw new MalformedRequest('request target must start with /');
  let url: URL;
  try {
    url = new URL(`http://request.invalid${target}`);
  } catch {
    throw new MalformedRequest('request target is not a valid path');
  }
  if (url.host !== 'request.invalid') throw new MalformedRequest('request target is not a valid path');
  // `//host/...` (also after dot segments: `/.//host`) reads as another origin to browsers.
  if (url.pathname.startsWith('//')) throw new MalformedRequest('path starts with //');
  return url;
}

/** decodeURIComponent that reports bad percent-encoding (`%ff`) as malformed input. */
export function decodeComponent(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new MalformedRequest(`${what} is not valid percent-encoding`);
  }
}

/**
 * A Location for a redirect to our own origin. Leading slashes (and backslashes, which browsers
 * treat alike) collapse into one, so `/.//evil.example` can never become `//evil.example`.
 */
export function sameOriginLocation(pathname: string, search = ''): string {
  return '/' + pathname.replace(/^[/\\]+/, '') + search;
}

/** Writes a plain-text refusal on a raw socket (WebSocket upgrades, client errors) and closes it. */
export function refuseSocket(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(`${text}\n`, 'utf8');
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\n` +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n` +
      body.toString('utf8'),
  );
}

const clientErrorStatus = (code: string | undefined): number =>
  code === 'HPE_HEADER_OVERFLOW'
    ? 431
    : code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT'
      ? 408
      : 400;

/**
 * Requests Node's parser refuses (bad request line, header, chunking) get a status and a body
 * instead of a bare close; the refusal is logged at debug level (scanners are noisy).
 */
export function answerClientErrors(server: http.Server, log: Logger, label: string): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      socket.destroy();
      return;
    }
    const status = clientErrorStatus(err.code);
    log.debug('malformed request refused', { code: err.code, status });
    refuseSocket(socket, status, `${label}: malformed request (${err.code ?? 'bad request'})`);
  });
}
