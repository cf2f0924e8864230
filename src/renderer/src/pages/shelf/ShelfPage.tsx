import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductDetail } from '@shared/api/domains/shelf';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { BulkBar } from './BulkBar';
import { FilterBar, statusesOf, type StatusChoice } from './FilterBar';
import { ImportWizard } from './ImportWizard';
import { ProductForm } from './ProductForm';
import { ProductTable } from './ProductTable';
import { downloadFile } from '../../lib/download';
import { UndoBar, type UndoOffer } from '../../components/UndoBar';
import { useShelfRows, type ShelfFilter } from './use-shelf-rows';
import './shelf.css';

/** The shelf: every product of the studio, searchable and filterable, with edit, import and export. */
export function ShelfPage() {
  const { t } = useTranslation('shelf');
  const { t: tc } = useTranslation();
  const api = useApi();
  const [filter, setFilter] = useState<ShelfFilter>({ query: '' });
  const [status, setStatus] = useState<StatusChoice>('active');
  const rows = useShelfRows({ ...filter, statuses: statusesOf(status) });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<ProductDetail | null | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  const [undo, setUndo] = useState<UndoOffer | null>(null);
  const { error, run } = useAction();
  const unfiltered =
    !filter.query && !filter.city && !filter.category && !filter.platform && filter.inStock === undefined;

  const open = async (id: number) => {
    const detail = await run(() => api.shelf.get({ id }));
    if (detail) setEditing(detail);
  };
  const toggle = (id: number, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const runUndo = async (offer: UndoOffer) => {
    setUndo(null);
    await run(() => api.shelf.undo({ undoToken: offer.undoToken }));
  };
  const exportAs = async (format: 'csv' | 'xlsx') => {
    const file = await run(() => api.shelf.export({ format }));
    if (file) downloadFile(file);
  };
  const loadDemo = async () => {
    await run(() => api.shelf.loadDemo({}));
  };

  return (
    <section className="page shelf-page" data-testid="page-shelf">
      <header className="page-header shelf-header">
        <div>
          <h1>{tc('page.shelf.title')}</h1>
          <p>{tc('page.shelf.description')}</p>
        </div>
        <div className="actions">
          <button type="button" className="primary" onClick={() => setEditing(null)} data-testid="shelf-new">
            {t('actions.new')}
          </button>
          <button type="button" onClick={() => setImporting(true)} data-testid="shelf-import">
            {t('actions.import')}
          </button>
          <button type="button" onClick={() => void exportAs('csv')}>
            {t('actions.exportCsv')}
          </button>
          <button type="button" onClick={() => void exportAs('xlsx')}>
            {t('actions.exportXlsx')}
          </button>
        </div>
      </header>

      {importing && <ImportWizard onClose={() => setImporting(false)} />}
      {editing !== undefined && (
        <ProductForm
          key={editing?.product.id ?? 'new'}
          detail={editing}
          onClose={() => setEditing(undefined)}
          onDeleted={(offer) => {
            setEditing(undefined);
            setUndo(offer);
          }}
        />
      )}

      <FilterBar
        filter={filter}
        status={status}
        onChange={(f, s) => {
          setFilter(f);
          setStatus(s);
          setSelected(new Set()); // bulk actions only ever touch rows the operator can see
        }}
      />
      {selected.size > 0 && (
        <BulkBar
          ids={[...selected]}
          onDone={(offer) => {
            setSelected(new Set());
            if (offer) setUndo(offer);
          }}
        />
      )}
      {error && <ApiErrorText error={error} />}
      <p className="shelf-count" role="status" data-testid="shelf-count">
        {rows.total === null ? tc('common.loading') : t('table.count', { count: rows.total })}
      </p>
      {rows.total === 0 && unfiltered && status === 'active' ? (
        <div className="empty-state" data-testid="shelf-empty">
          <p>{t('empty.text')}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void loadDemo()} data-testid="load-demo">
              {t('empty.loadDemo')}
            </button>
            <button type="button" onClick={() => setImporting(true)}>
              {t('actions.import')}
            </button>
          </div>
        </div>
      ) : (
        <ProductTable
          total={rows.total ?? 0}
          rowAt={rows.rowAt}
          ensureRange={rows.ensureRange}
          selected={selected}
          onToggle={toggle}
          onOpen={(p) => void open(p.id)}
        />
      )}
      {undo && <UndoBar offer={undo} onUndo={() => void runUndo(undo)} onClose={() => setUndo(null)} />}
    </section>
  );
}
