import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Product } from '@shared/api/domains/shelf';
import { formatFen } from '@shared/api/domains/shelf-money';
import { useApi } from '../../api/studio-api';

/** Finds a product on the shelf (any query length, 枣 included) and adds it to the rundown. */
export function AddSlot({ onAdd }: { onAdd(product: Product): void }) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Product[]>([]);

  useEffect(() => {
    if (query.trim() === '') return;
    let current = true;
    void api.shelf
      .search({ query, statuses: ['draft', 'ready'], limit: 12 })
      .then((r) => current && r.ok && setFound(r.value.items));
    return () => {
      current = false;
    };
  }, [api, query]);

  return (
    <div className="card add-slot">
      <input
        type="search"
        value={query}
        aria-label={t('rundown.addSearch')}
        placeholder={t('rundown.addSearch')}
        data-testid="add-slot-query"
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul>
        {(query.trim() === '' ? [] : found).map((p) => (
          <li key={p.id}>
            <span>
              {p.nameZh}{' '}
              <small>{[p.originCounty, formatFen(p.livePriceFen)].filter(Boolean).join(' · ')}</small>
            </span>
            <button type="button" onClick={() => onAdd(p)} data-testid="add-slot">
              {t('rundown.add')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
