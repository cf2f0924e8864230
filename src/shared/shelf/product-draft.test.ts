import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, validateDraft } from './product-draft';

describe('product edit form validation', () => {
  it('names each bad field: missing name, bad prices, bad stock, listing without item id, bad cart link', () => {
    const v = validateDraft({
      ...emptyDraft(),
      livePrice: '面议',
      listPrice: '39.999',
      stock: '-1',
      listings: [{ platform: 'kuaishou', itemId: ' ', skuIds: '', cartLinkNo: '三号', shopId: '' }],
    });
    expect(v).toEqual({
      errors: {
        nameZh: 'required',
        livePrice: 'price',
        listPrice: 'price',
        stock: 'count',
        'listing.0.itemId': 'required',
        'listing.0.cartLinkNo': 'cartLink',
      },
    });
  });

  it('turns typed text into the operation input, money in fen', () => {
    const v = validateDraft({
      ...emptyDraft(),
      nameZh: ' 和田大枣 ',
      livePrice: '￥３９.９',
      stock: '１,２００',
      outerSku: 'HT-9',
      listings: [{ platform: 'douyin', itemId: '3581', skuIds: '1, 2|3', cartLinkNo: '5号链接', shopId: '' }],
    });
    expect(v).toMatchObject({
      product: {
        nameZh: '和田大枣',
        livePriceFen: 3990,
        listPriceFen: 3990,
        stock: 1200,
        outerSku: 'HT-9',
        nameEn: null,
      },
      listings: [
        { platform: 'douyin', itemId: '3581', skuIds: ['1', '2', '3'], cartLinkNo: 5, outerSku: 'HT-9' },
      ],
    });
  });

  it('round-trips a stored product through the draft unchanged', () => {
    const product = {
      id: 1,
      nameZh: '静宁苹果',
      nameEn: null,
      nameUg: null,
      sellingPoints: '脆甜',
      category: '水果',
      originProvince: '甘肃省',
      originCity: '平凉市',
      originCounty: '静宁县',
      specification: '5kg',
      unit: '箱',
      listPriceFen: 8900,
      livePriceFen: 5990,
      stock: 3,
      status: 'ready' as const,
      outerSku: 'GS-042',
      createdAt: 1,
      updatedAt: 2,
    };
    const v = validateDraft(draftOf({ product, listings: [], images: [] }));
    const { id: _i, createdAt: _c, updatedAt: _u, ...input } = product;
    expect(v).toEqual({ product: input, listings: [] });
  });
});
