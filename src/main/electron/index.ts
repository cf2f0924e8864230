import { app, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { fileURLToPath } from 'node:url';
import { OperatorServer } from '../server/operator-server';
import { keepRunningOnUncaught } from '../core/net/guarded';
import { startFailureMessage } from '../core/start-failure';
import { Studio } from '../core/studio';
import { environmentOptions } from '../core/studio-options';
import { forwardEvents, registerIpcBridge } from './ipc-bridge';
import { createMainWindow, rendererUrl } from './main-window';
import { SafeStorageSecretBox, safeStorageIsStrong } from './safe-storage-box';
import { createTray } from './tray';

/** The thin desktop shell: window, preload bridge, tray, single instance, keychain. All logic is in the core. */
app.setName('ShelfCast');
if (process.env.SHELFCAST_DATA_DIR) app.setPath('userData', process.env.SHELFCAST_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let studio: Studio | undefined;
  let consoleServer: OperatorServer | undefined;
  let quitting = false;

  const isTrustedSender = (e: IpcMainInvokeEvent) => (e.senderFrame?.url ?? '').startsWith(rendererUrl);

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app
    .whenReady()
    .then(async () => {
      const dataDir = app.getPath('userData');
      // The environment and flags are read here, once: the core gets them as options.
      const env = environmentOptions(process.env, process.argv);
      studio = new Studio({
        ...env,
        dataDir,
        mode: 'electron',
        // Without a strong safeStorage the core's key-file box (with env.secretKey, if given).
        ...(safeStorageIsStrong() ? { secretBox: new SafeStorageSecretBox() } : {}),
        runtime: { electron: process.versions.electron, chrome: process.versions.chrome },
      });
      // A live show cannot stop: a stray error is logged with its stack and the studio keeps running.
      keepRunningOnUncaught(process, studio.logs.logger('process'));
      consoleServer = new OperatorServer(studio, {
        staticDir: fileURLToPath(new URL('../renderer', import.meta.url)),
        failSoft: true,
      });
      studio.addService(consoleServer);
      await studio.start();
      if (env.demo) await studio.loadDemoIfEmpty();
      registerIpcBridge(studio, isTrustedSender);

      window = createMainWindow();
      const stopForwarding = forwardEvents(studio, window);
      window.on('closed', () => {
        stopForwarding();
        window = undefined;
      });
      createTray(
        () => window,
        () => (consoleServer?.port ? consoleServer.localUrl : undefined),
        app.getLocale(),
        () => app.quit(),
      );
    })
    .catch((err: unknown) => {
      console.error(startFailureMessage(err));
      app.exit(1);
    });

  app.on('before-quit', (event) => {
    if (quitting || !studio) return;
    event.preventDefault();
    quitting = true;
    void studio.stop().finally(() => app.quit());
  });

  // The tray keeps the studio (and the console for tablets) running with the window closed.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => {
    if (!window && studio?.running) window = createMainWindow();
  });
}
