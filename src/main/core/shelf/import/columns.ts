import type { ColumnMapping, ImportField } from '@shared/api/domains/shelf';

/**
 * Every importable column: the header our export writes (first) and the other headers Chinese and
 * English spreadsheets use for it. Matching is NFKC and ignores case, spaces, `_`/`-`, a `*` and a
 * trailing unit in brackets, so `价格（元）`, `库存【件】`, `Live price` and `live_price` all match.
 */
export const COLUMNS: Record<ImportField, readonly string[]> = {
  outerSku: [
    '外部编码',
    '商家编码',
    '商品编码',
    '外部sku编码',
    'sku编码',
    '货号',
    '编码',
    'outer sku code',
    'outer sku',
    'sku code',
    'code',
    'sku',
  ],
  nameZh: [
    '商品名称',
    '名称',
    '商品名',
    '品名',
    '商品',
    '产品名称',
    '中文名称',
    'name',
    'product name',
    'name zh',
  ],
  nameEn: ['英文名称', '英文名', 'english name', 'name en'],
  nameUg: ['维吾尔文名称', '维文名称', '维语名称', 'uyghur name', 'name ug'],
  sellingPoints: ['卖点', '商品卖点', '讲解要点', '话术', 'selling points', 'talking points'],
  category: ['类目', '分类', '品类', '商品分类', 'category'],
  originProvince: ['省', '省份', '产地省', 'province'],
  originCity: ['市', '州', '市州', '地市', '城市', '地区', '产地市', 'city', 'prefecture'],
  // the most specific origin column: a lone 产地/Origin column names the county
  originCounty: ['县', '区县', '区', '县区', '县市区', '产地县', 'county', 'district', '产地', 'origin'],
  specification: ['规格', '商品规格', 'spec', 'specification'],
  unit: ['单位', 'unit'],
  listPrice: ['原价', '划线价', '市场价', '标价', '日常价', 'list price'],
  livePrice: ['直播价', '价格', '售价', '现价', '到手价', 'price', 'live price'],
  stock: ['库存', '库存数量', '数量', 'stock', 'inventory', 'qty'],
  status: ['状态', '商品状态', 'status'],
  kuaishouItemId: ['快手商品id', 'kuaishou item id'],
  kuaishouSkuIds: ['快手sku id', '快手skuid', 'kuaishou sku ids'],
  kuaishouCartLink: ['快手链接号', '快手小黄车号', 'kuaishou cart link'],
  douyinItemId: ['抖音商品id', 'douyin item id'],
  douyinSkuIds: ['抖音sku id', '抖音skuid', 'douyin sku ids'],
  douyinCartLink: ['抖音链接号', '抖音小黄车号', 'douyin cart link'],
  jdItemId: ['京东商品id', 'jd item id'],
  jdSkuIds: ['京东sku id', '京东skuid', 'jd sku ids'],
  jdCartLink: ['京东链接号', 'jd cart link'],
  taobaoItemId: ['淘宝商品id', 'taobao item id'],
  taobaoSkuIds: ['淘宝sku id', '淘宝skuid', 'taobao sku ids'],
  taobaoCartLink: ['淘宝链接号', 'taobao cart link'],
};

export const FIELDS = Object.keys(COLUMNS) as ImportField[];

/** The header our export writes for a field. */
export const exportHeader = (field: ImportField): string => COLUMNS[field][0]!;

export const normaliseHeader = (h: string): string =>
  h
    .normalize('NFKC')
    .toLowerCase()
    .trim()
    .replace(/(?:\([^()]*\)|\[[^[\]]*\]|【[^【】]*】)$/, '')
    .replace(/[\s_\-*:]+/g, '');

/** Recognises headers; each field takes the first column that matches one of its names. */
export function recogniseColumns(headers: readonly string[]): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const mapping: ColumnMapping = {};
  const taken = new Set<number>();
  for (const field of FIELDS) {
    for (const name of COLUMNS[field].map(normaliseHeader)) {
      const i = normalised.findIndex((h, idx) => h === name && !taken.has(idx));
      if (i >= 0) {
        mapping[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  return mapping;
}
