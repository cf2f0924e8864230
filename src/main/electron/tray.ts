import { Menu, Tray, nativeImage, shell, type BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import { isLanguage, resources, type Language } from '@shared/i18n/resources';

const iconFile = fileURLToPath(new URL('../../resources/icon.png', import.meta.url));

export function trayLanguage(locale: string): Language {
  if (isLanguage(locale)) return locale;
  if (locale.startsWith('ug')) return 'ug';
  if (locale.startsWith('zh')) return 'zh-CN';
  return 'en';
}

/** Tray menu: bring the window back, open the browser console, quit. */
export function createTray(
  window: () => BrowserWindow | undefined,
  consoleUrl: () => string | undefined,
  locale: string,
  quit: () => void,
): Tray {
  const t = resources[trayLanguage(locale)].common.tray;
  const tray = new Tray(nativeImage.createFromPath(iconFile).resize({ width: 16, height: 16 }));
  tray.setToolTip('ShelfCast');
  const show = () => {
    const w = window();
    if (w) {
      if (w.isMinimized()) w.restore();
      w.show();
      w.focus();
    }
  };
  tray.on('click', show);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: t.show, click: show },
      {
        label: t.openConsole,
        click: () => {
          const url = consoleUrl();
          if (url) void shell.openExternal(url);
        },
      },
      { type: 'separator' },
      { label: t.quit, click: quit },
    ]),
  );
  return tray;
}
