import { useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Field';
import { FilePicker } from '../../components/FilePicker';
import { PlatformSchema, ProductStatusSchema, type ProductDetail } from '@shared/api/domains/shelf';
import { useApi } from '../../api/studio-api';
import { ApiErrorText } from '../../components/ApiErrorText';
import { useAction } from '../../data/use-action';
import { needsPriceConfirm, PriceConfirm } from '../../components/PriceConfirm';
import {
  draftOf,
  emptyDraft,
  validateDraft,
  type DraftErrors,
  type ProductDraft,
} from '@shared/shelf/product-draft';
import { ProductImageThumb } from './ProductImageThumb';
import { fileToBase64, thumbnailBase64 } from '../../lib/files';
import type { UndoOffer } from '../../components/UndoBar';

type TextField = Exclude<keyof ProductDraft, 'status' | 'listings'>;
const TEXT_FIELDS: TextField[] = [
  'nameZh',
  'nameEn',
  'nameUg',
  'outerSku',
  'category',
  'originProvince',
  'originCity',
  'originCounty',
  'specification',
  'unit',
  'livePrice',
  'listPrice',
  'stock',
];

/** Create or edit one product: fields, platform listings, images; validated before it is sent. */
export function ProductForm({
  detail,
  onClose,
  onDeleted,
}: {
  detail: ProductDetail | null;
  onClose(saved: boolean): void;
  onDeleted(offer: UndoOffer): void;
}) {
  const { t } = useTranslation('shelf');
  const api = useApi();
  const [draft, setDraft] = useState<ProductDraft>(() => (detail ? draftOf(detail) : emptyDraft()));
  const [errors, setErrors] = useState<DraftErrors>({});
  const { error: apiError, setError: setApiError, run } = useAction();
  const [images, setImages] = useState(detail?.images ?? []);
  /** The event shelf revision the form shows (an edit of an event product is made from it). */
  const [eventRevision, setEventRevision] = useState(detail?.eventRevision);
  const set = (patch: Partial<ProductDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setListing = (i: number, patch: Partial<ProductDraft['listings'][number]>) =>
    setDraft((d) => ({ ...d, listings: d.listings.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));

  const save = async (e: FormEvent | null, confirmPriceFen?: number) => {
    e?.preventDefault();
    setApiError(undefined);
    const v = validateDraft(draft);
    if ('errors' in v) return setErrors(v.errors);
    setErrors({});
    const saved = await run(() =>
      detail
        ? api.shelf.update({
            id: detail.product.id,
            patch: v.product,
            listings: v.listings,
            confirmPriceFen,
            eventRevision,
          })
        : api.shelf.create({ product: v.product, listings: v.listings }),
    );
    if (saved) onClose(true);
  };

  /** After an event shelf conflict: the form shows the product as the event has it now. */
  const reload = async () => {
    if (!detail) return;
    const r = await api.shelf.get({ id: detail.product.id });
    if (!r.ok) return setApiError(r.error);
    setDraft(draftOf(r.value));
    setImages(r.value.images);
    setEventRevision(r.value.eventRevision);
    setErrors({});
    setApiError(undefined);
  };

  const remove = async () => {
    if (!detail) return;
    const deleted = await run(() => api.shelf.delete({ id: detail.product.id }));
    if (!deleted) return;
    onDeleted({ undoToken: deleted.undoToken, message: t('form.deleted', { name: detail.product.nameZh }) });
  };

  const dropImages = async (files: FileList | null) => {
    if (!detail || !files) return;
    for (const file of Array.from(files)) {
      const r = await api.shelf.addImage({
        productId: detail.product.id,
        fileName: file.name,
        contentBase64: await fileToBase64(file),
        thumbnailBase64: await thumbnailBase64(file),
      });
      if (!r.ok) return setApiError(r.error);
      setImages((list) => [...list, r.value]);
    }
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    void dropImages(e.dataTransfer.files);
  };

  const errorText = (key: string) => (errors[key] ? t(`form.error.${errors[key]}`) : undefined);
  /** A listing's error, under its row (a row has several controls, not one field). */
  const fieldError = (key: string) =>
    errors[key] ? (
      <span className="field-error" role="alert">
        {errorText(key)}
      </span>
    ) : null;

  return (
    <form
      className="card form product-form"
      noValidate
      onSubmit={(e) => void save(e)}
      data-testid="product-form"
    >
      <h2>{detail ? t('form.editTitle', { name: detail.product.nameZh }) : t('form.newTitle')}</h2>
      <div className="form-grid">
        {TEXT_FIELDS.map((f) => (
          <Field key={f} label={t(`field.${f}`)} error={errorText(f)} announce>
            <input
              data-testid={`form-${f}`}
              value={draft[f]}
              dir={f === 'nameUg' ? 'rtl' : f === 'nameEn' ? 'ltr' : undefined}
              inputMode={f === 'stock' || f.endsWith('Price') ? 'decimal' : undefined}
              aria-invalid={errors[f] ? true : undefined}
              onChange={(e) => set({ [f]: e.target.value })}
            />
          </Field>
        ))}
        <Field label={t('field.status')}>
          <select
            value={draft.status}
            onChange={(e) => set({ status: ProductStatusSchema.parse(e.target.value) })}
          >
            {ProductStatusSchema.options.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t('field.sellingPoints')}>
        <textarea
          rows={3}
          value={draft.sellingPoints}
          onChange={(e) => set({ sellingPoints: e.target.value })}
        />
      </Field>

      <fieldset className="listings">
        <legend>{t('form.listings')}</legend>
        {draft.listings.map((l, i) => (
          <div key={i} className="listing-row">
            <select
              aria-label={t('filter.platform')}
              value={l.platform}
              onChange={(e) => setListing(i, { platform: PlatformSchema.parse(e.target.value) })}
            >
              {PlatformSchema.options.map((p) => (
                <option key={p} value={p}>
                  {t(`platform.${p}`)}
                </option>
              ))}
            </select>
            <input
              aria-label={t('form.itemId')}
              placeholder={t('form.itemId')}
              dir="ltr"
              value={l.itemId}
              onChange={(e) => setListing(i, { itemId: e.target.value })}
            />
            <input
              aria-label={t('form.skuIds')}
              placeholder={t('form.skuIds')}
              dir="ltr"
              value={l.skuIds}
              onChange={(e) => setListing(i, { skuIds: e.target.value })}
            />
            <input
              aria-label={t('form.cartLinkNo')}
              placeholder={t('form.cartLinkNo')}
              className="narrow"
              value={l.cartLinkNo}
              onChange={(e) => setListing(i, { cartLinkNo: e.target.value })}
            />
            <button
              type="button"
              aria-label={t('form.removeListing')}
              onClick={() => set({ listings: draft.listings.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            {fieldError(`listing.${i}.itemId`)}
            {fieldError(`listing.${i}.cartLinkNo`)}
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set({
              listings: [
                ...draft.listings,
                { platform: 'kuaishou', itemId: '', skuIds: '', cartLinkNo: '', shopId: '' },
              ],
            })
          }
        >
          {t('form.addListing')}
        </button>
      </fieldset>

      {detail && (
        <div
          className="image-drop"
          onDragOver={(e) => e.preventDefault()}
          onDrop={onDrop}
          data-testid="image-drop"
        >
          <span>{t('form.imagesHelp')}</span>
          <FilePicker
            accept="image/png,image/jpeg,image/webp,image/gif"
            multiple
            onChange={(e) => void dropImages(e.target.files)}
          />
          <ul className="thumbs">
            {images.map((img) => (
              <li key={img.id}>
                <ProductImageThumb imageId={img.id} name={draft.nameZh} />
              </li>
            ))}
          </ul>
        </div>
      )}

      {needsPriceConfirm(apiError) && (
        <PriceConfirm
          error={apiError}
          onConfirm={(fen) => void save(null, fen)}
          onCancel={() => setApiError(undefined)}
        />
      )}
      {apiError && !needsPriceConfirm(apiError) && <ApiErrorText error={apiError} />}
      {apiError?.key === 'eventLive.shelfConflict' && detail && (
        <button type="button" data-testid="form-reload" onClick={() => void reload()}>
          {t('common:eventLive.reload')}
        </button>
      )}
      <div className="actions">
        <button type="submit" className="primary" data-testid="form-save">
          {t('form.save')}
        </button>
        <button type="button" onClick={() => onClose(false)}>
          {t('form.cancel')}
        </button>
        {detail && (
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('form.delete')}
          </button>
        )}
      </div>
    </form>
  );
}
