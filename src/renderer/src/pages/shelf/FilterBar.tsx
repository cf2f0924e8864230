import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperationOutput } from '@shared/api/contract';
import { PlatformSchema, ProductStatusSchema, type ProductStatus } from '@shared/api/domains/shelf';
import { useApi, useOnConnected, useStudioEvent } from '../../api/studio-api';
import { useCoalesced } from '../../data/use-coalesced';
import type { ShelfFilter } from './use-shelf-rows';

type Facets = OperationOutput<'shelf.facets'>;
export type StatusChoice = 'active' | 'all' | ProductStatus;

export const statusesOf = (choice: StatusChoice): ProductStatus[] | undefined =>
  choice === 'all' ? undefined : choice === 'active' ? ['draft', 'ready'] : [choice];

/** Search box and filters: city → county, category, platform, stock, status. */
export function FilterBar({
  filter,
  status,
  onChange,
}: {
  filter: ShelfFilter;
  status: StatusChoice;
  onChange(filter: ShelfFilter, status: StatusChoice): void;
}) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [facets, setFacets] = useState<Facets>();
  const load = () => void api.shelf.facets({}).then((r) => r.ok && setFacets(r.value));
  useOnConnected(load);
  const loadSoon = useCoalesced(load, 2000); // places and categories change rarely; stock changes often
  useStudioEvent('shelf.changed', loadSoon);
  const counties = facets?.cities.find((c) => c.city === filter.city)?.counties ?? [];
  const set = (patch: Partial<ShelfFilter>) => onChange({ ...filter, ...patch }, status);
  const orUndefined = (v: string) => (v === '' ? undefined : v);

  return (
    <div className="toolbar shelf-filters" role="search">
      <input
        type="search"
        className="shelf-query"
        data-testid="shelf-query"
        aria-label={t('filter.query')}
        placeholder={t('filter.queryPlaceholder')}
        value={filter.query ?? ''}
        onChange={(e) => set({ query: e.target.value })}
      />
      <select
        aria-label={t('field.originCity')}
        data-testid="filter-city"
        value={filter.city ?? ''}
        onChange={(e) => set({ city: orUndefined(e.target.value), county: undefined })}
      >
        <option value="">{t('filter.allCities')}</option>
        {facets?.cities.map((c) => (
          <option key={c.city} value={c.city}>
            {c.city}
          </option>
        ))}
      </select>
      <select
        aria-label={t('field.originCounty')}
        data-testid="filter-county"
        value={filter.county ?? ''}
        disabled={counties.length === 0}
        onChange={(e) => set({ county: orUndefined(e.target.value) })}
      >
        <option value="">{t('filter.allCounties')}</option>
        {counties.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select
        aria-label={t('field.category')}
        value={filter.category ?? ''}
        onChange={(e) => set({ category: orUndefined(e.target.value) })}
      >
        <option value="">{t('filter.allCategories')}</option>
        {facets?.categories.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select
        aria-label={t('filter.platform')}
        value={filter.platform ?? ''}
        onChange={(e) =>
          set({ platform: e.target.value === '' ? undefined : PlatformSchema.parse(e.target.value) })
        }
      >
        <option value="">{t('filter.allPlatforms')}</option>
        {PlatformSchema.options.map((p) => (
          <option key={p} value={p}>
            {t(`platform.${p}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('filter.stock')}
        value={filter.inStock === undefined ? '' : String(filter.inStock)}
        onChange={(e) => set({ inStock: e.target.value === '' ? undefined : e.target.value === 'true' })}
      >
        <option value="">{t('filter.anyStock')}</option>
        <option value="true">{t('filter.inStock')}</option>
        <option value="false">{t('filter.outOfStock')}</option>
      </select>
      <select
        aria-label={t('field.status')}
        data-testid="filter-status"
        value={status}
        onChange={(e) => onChange(filter, e.target.value as StatusChoice)}
      >
        <option value="active">{t('filter.active')}</option>
        {ProductStatusSchema.options.map((s) => (
          <option key={s} value={s}>
            {t(`status.${s}`)}
          </option>
        ))}
        <option value="all">{t('filter.allStatuses')}</option>
      </select>
    </div>
  );
}
