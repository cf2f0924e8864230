/** The shelf edit form's state and its validation: pure, shared so it is tested under Node. */
import type { ListingInput, Platform, ProductDetail, ProductInput } from '@shared/api/domains/shelf';
import { formatFen, parseCartLink, parseCount, parseMoneyToFen } from '@shared/api/domains/shelf-money';

/** The edit form's state: what the operator typed, as text, until it validates. */
export interface ProductDraft {
  nameZh: string;
  nameEn: string;
  nameUg: string;
  sellingPoints: string;
  category: string;
  originProvince: string;
  originCity: string;
  originCounty: string;
  specification: string;
  unit: string;
  listPrice: string;
  livePrice: string;
  stock: string;
  status: ProductInput['status'];
  outerSku: string;
  listings: { platform: Platform; itemId: string; skuIds: string; cartLinkNo: string; shopId: string }[];
}

export type DraftErrors = Partial<Record<string, string>>;

export const emptyDraft = (): ProductDraft => ({
  nameZh: '',
  nameEn: '',
  nameUg: '',
  sellingPoints: '',
  category: '',
  originProvince: '',
  originCity: '',
  originCounty: '',
  specification: '',
  unit: '',
  listPrice: '',
  livePrice: '',
  stock: '0',
  status: 'draft',
  outerSku: '',
  listings: [],
});

export const draftOf = ({ product: p, listings }: ProductDetail): ProductDraft => ({
  nameZh: p.nameZh,
  nameEn: p.nameEn ?? '',
  nameUg: p.nameUg ?? '',
  sellingPoints: p.sellingPoints,
  category: p.category,
  originProvince: p.originProvince,
  originCity: p.originCity,
  originCounty: p.originCounty,
  specification: p.specification,
  unit: p.unit,
  listPrice: formatFen(p.listPriceFen),
  livePrice: formatFen(p.livePriceFen),
  stock: String(p.stock),
  status: p.status,
  outerSku: p.outerSku ?? '',
  listings: listings.map((l) => ({
    platform: l.platform,
    itemId: l.itemId,
    skuIds: l.skuIds.join(', '),
    cartLinkNo: l.cartLinkNo === null ? '' : String(l.cartLinkNo),
    shopId: l.shopId,
  })),
});

/**
 * Checks the draft with the importer's own rules (money in fen, counts, cart links) and returns
 * either the operation input or, per field, an i18n key of the `form.error` group.
 */
export function validateDraft(
  d: ProductDraft,
): { product: ProductInput; listings: ListingInput[] } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  if (d.nameZh.trim() === '') errors.nameZh = 'required';
  const live = parseMoneyToFen(d.livePrice);
  if (live === null) errors.livePrice = 'price';
  const list = d.listPrice.trim() === '' ? live : parseMoneyToFen(d.listPrice);
  if (list === null) errors.listPrice = 'price';
  const stock = parseCount(d.stock === '' ? '0' : d.stock);
  if (stock === null) errors.stock = 'count';
  const listings: ListingInput[] = d.listings.map((l, i) => {
    if (l.itemId.trim() === '') errors[`listing.${i}.itemId`] = 'required';
    const link = l.cartLinkNo.trim() === '' ? null : parseCartLink(l.cartLinkNo);
    if (l.cartLinkNo.trim() !== '' && link === null) errors[`listing.${i}.cartLinkNo`] = 'cartLink';
    return {
      platform: l.platform,
      platformLabel: '',
      shopId: l.shopId,
      itemId: l.itemId.trim(),
      skuIds: l.skuIds.split(/[|,;，；\s]+/).filter(Boolean),
      outerSku: d.outerSku.trim(),
      cartLinkNo: link,
    };
  });
  if (Object.keys(errors).length > 0) return { errors };
  return {
    product: {
      nameZh: d.nameZh.trim(),
      nameEn: d.nameEn.trim() || null,
      nameUg: d.nameUg.trim() || null,
      sellingPoints: d.sellingPoints,
      category: d.category.trim(),
      originProvince: d.originProvince.trim(),
      originCity: d.originCity.trim(),
      originCounty: d.originCounty.trim(),
      specification: d.specification.trim(),
      unit: d.unit.trim(),
      listPriceFen: list!,
      livePriceFen: live!,
      stock: stock!,
      status: d.status,
      outerSku: d.outerSku.trim() || null,
    },
    listings,
  };
}
