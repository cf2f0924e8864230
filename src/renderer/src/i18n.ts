import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  defaultLanguage,
  isLanguage,
  namespaces,
  resources,
  textDirection,
  type Language,
} from '@shared/i18n/resources';

const STORAGE_KEY = 'shelfcast.language';

/** This device's language: each tablet or window keeps its own choice. */
export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : defaultLanguage;
  } catch {
    return defaultLanguage;
  }
}

export async function initI18n(): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: storedLanguage(),
    fallbackLng: false,
    ns: [...namespaces],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
  });
  applyDocumentLanguage(i18next.language as Language);
  i18next.on('languageChanged', (lng) => {
    if (!isLanguage(lng)) return;
    applyDocumentLanguage(lng);
    try {
      localStorage.setItem(STORAGE_KEY, lng);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  });
  return i18next;
}

function applyDocumentLanguage(lng: Language): void {
  document.documentElement.lang = lng;
  // The whole UI mirrors for Uyghur; layout uses logical CSS properties so it follows `dir`.
  document.documentElement.dir = textDirection(lng);
}
