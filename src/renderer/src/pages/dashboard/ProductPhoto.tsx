import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/studio-api';

/** Photos already fetched (data URLs by image id): figures refresh every few hundred ms, photos do not change. */
const fetched = new Map<number, string>();

/** A product's photo on the dashboard, fetched once per image; a lettered tile without one. */
export function ProductPhoto({ imageId, name }: { imageId: number | null; name: string }) {
  const { t } = useTranslation('showday');
  const api = useApi();
  const [src, setSrc] = useState<string | undefined>(() =>
    imageId === null ? undefined : fetched.get(imageId),
  );
  useEffect(() => {
    if (imageId === null || fetched.has(imageId)) return;
    let current = true;
    void api.shelf.image({ id: imageId }).then((r) => {
      if (!r.ok) return;
      const url = `data:${r.value.mimeType};base64,${r.value.contentBase64}`;
      if (fetched.size > 200) fetched.clear();
      fetched.set(imageId, url);
      if (current) setSrc(url);
    });
    return () => {
      current = false;
    };
  }, [api, imageId]);
  return src ? (
    <img className="dash-photo" src={src} alt={t('figures2.photoOf', { name })} />
  ) : (
    <span className="dash-photo dash-photo-none" aria-hidden="true">
      {[...name][0] ?? ''}
    </span>
  );
}
