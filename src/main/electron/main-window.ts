import { BrowserWindow, session, shell } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CSP } from '../server/operator-server';

export const rendererIndex = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
export const rendererUrl = pathToFileURL(rendererIndex).href;
const preloadFile = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));

/** The operator window: isolated, sandboxed, no Node, strict CSP, no navigation or pop-ups. */
export function createMainWindow(): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // The overlay server's pages (framed by the Show page's composite preview) keep their own, stricter CSP.
    const own = Object.keys(details.responseHeaders ?? {}).some(
      (h) => h.toLowerCase() === 'content-security-policy',
    );
    if (own && details.url.startsWith('http://127.0.0.1:'))
      return callback({ responseHeaders: details.responseHeaders });
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });

  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'ShelfCast',
    backgroundColor: '#111318',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());

  win.webContents.setWindowOpenHandler(({ url }) => {
    // Pop-ups are refused; plain web links open in the user's browser.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(rendererUrl)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  void win.loadFile(rendererIndex);
  return win;
}
