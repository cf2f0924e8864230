import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/studio-api';

/** A stored product image, fetched through the API (the console serves no files from the data directory). */
export function ProductImageThumb({ imageId, name }: { imageId: number; name: string }) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    let current = true;
    void api.shelf.image({ id: imageId }).then((r) => {
      if (current && r.ok) setSrc(`data:${r.value.mimeType};base64,${r.value.contentBase64}`);
    });
    return () => {
      current = false;
    };
  }, [api, imageId]);
  return src ? <img className="product-thumb" src={src} alt={t('form.imageAlt', { name })} /> : null;
}
