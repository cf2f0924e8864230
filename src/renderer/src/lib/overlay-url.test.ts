import { describe, expect, it } from 'vitest';
import { embeddedOverlayUrl, isLoopbackHost } from './overlay-url';

const page = 'http://127.0.0.1:4791/overlay/product-card?token=t%2Bk';

describe('overlay page URLs in the operator UI', () => {
  it('knows which hosts only this device can reach', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'LOCALHOST', 'app.localhost'])
      expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['192.168.1.20', 'studio.lan', '10.0.0.5', '[fe80::1]', '127.0.0.1.example.com'])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('keeps the URL on the studio computer', () => {
    for (const hostname of ['127.0.0.1', 'localhost', '[::1]', '']) {
      expect(embeddedOverlayUrl(page, { hostname, lanAccess: true }, false)).toEqual({
        url: page,
        reachable: true,
      });
    }
  });

  it('on a LAN tablet uses the host the UI came from, with the overlay port, token and parameters', () => {
    const r = embeddedOverlayUrl(page, { hostname: '192.168.1.20', lanAccess: true }, true, {
      orientation: 'portrait',
      viewer: 'preview',
    });
    const u = new URL(r.url);
    expect(u.host).toBe('192.168.1.20:4791');
    expect(u.pathname).toBe('/overlay/product-card');
    expect(u.searchParams.get('token')).toBe('t+k');
    expect(u.searchParams.get('orientation')).toBe('portrait');
    expect(u.searchParams.get('viewer')).toBe('preview');
    expect(r.reachable).toBe(true);
    // A name or an IPv6 address the tablet used works the same.
    expect(
      new URL(embeddedOverlayUrl(page, { hostname: 'studio.lan', lanAccess: true }, true).url).host,
    ).toBe('studio.lan:4791');
    expect(new URL(embeddedOverlayUrl(page, { hostname: '[fe80::1]', lanAccess: true }, true).url).host).toBe(
      '[fe80::1]:4791',
    );
  });

  it('says a LAN tablet cannot load it while the overlay server listens on loopback only', () => {
    const r = embeddedOverlayUrl(page, { hostname: '192.168.1.20', lanAccess: true }, false);
    expect(r.reachable).toBe(false);
    expect(new URL(r.url).hostname).toBe('192.168.1.20');
    // Without LAN access the console is not on the LAN: the URL is left alone, and not reachable either.
    expect(embeddedOverlayUrl(page, { hostname: '192.168.1.20', lanAccess: false }, true)).toEqual({
      url: page,
      reachable: false,
    });
  });
});
