// How discretion benchmarks (裁量基准) and the inclusive-prudent lists (包容审慎清单) read on screen
// (docs/api.md "Discretion benchmarks"): money travels in fen and is shown in yuan with two decimals
// ("5,000.00 元"); a multiple travels in thousandths of the illegal gains or goods value and is shown as
// "违法所得 5 倍" / "货值金额 0.5 倍". Also the fixed labels of levels, bases, harms and list kinds, and the
// conversions the editors need (yuan ↔ fen, 倍 ↔ thousandths).

export type FineBasis = 'fixed' | 'gains' | 'value'

export const FINE_BASIS_OPTIONS: { value: FineBasis; label: string; unit: string }[] = [
  { value: 'fixed', label: '固定金额', unit: '元' },
  { value: 'gains', label: '违法所得倍数', unit: '倍' },
  { value: 'value', label: '货值金额倍数', unit: '倍' },
]

/** What a multiple multiplies. */
export const BASE_LABEL: Record<string, string> = { gains: '违法所得', value: '货值金额' }

/** The usual levels, lightest first (key → 轻微/一般/较重/严重). */
export const LEVEL_OPTIONS: { value: string; label: string }[] = [
  { value: 'minor', label: '轻微' },
  { value: 'general', label: '一般' },
  { value: 'serious', label: '较重' },
  { value: 'grave', label: '严重' },
]

export const LEVEL_TAG: Record<string, 'success' | 'primary' | 'warning' | 'danger'> = {
  minor: 'success',
  general: 'primary',
  serious: 'warning',
  grave: 'danger',
}

/** A benchmark's article as cited: 《…》第N条 and the clause (第一款) unless the citation already ends in it. */
export function articleCitation(a: { citation?: string; clause?: string } | null | undefined): string {
  if (!a) return ''
  const c = a.citation ?? ''
  return a.clause && !c.endsWith(a.clause) ? `${c}${a.clause}` : c
}

export function levelLabel(key: string, label?: string): string {
  return label || LEVEL_OPTIONS.find((l) => l.value === key)?.label || key
}

export type LenientKind = 'no_penalty' | 'lighter' | 'mitigated' | 'no_coercion'

export const LENIENT_KINDS: { value: LenientKind; label: string; short: string; tag: 'success' | 'primary' | 'warning' | 'info' }[] = [
  { value: 'no_penalty', label: '不予处罚', short: '不予处罚', tag: 'success' },
  { value: 'lighter', label: '从轻处罚', short: '从轻', tag: 'primary' },
  { value: 'mitigated', label: '减轻处罚', short: '减轻', tag: 'warning' },
  { value: 'no_coercion', label: '免予行政强制', short: '免予强制', tag: 'info' },
]

export function lenientKindLabel(kind: string, label?: string): string {
  return label || LENIENT_KINDS.find((k) => k.value === kind)?.label || kind
}

export const HARM_LABEL: Record<string, string> = { none: '无危害后果', minor: '危害后果轻微', serious: '危害后果严重' }

/** Other penalties of the Administrative Penalty Law art. 9, offered as tags (free text is allowed too). */
export const OTHER_PENALTY_SUGGESTIONS = [
  '警告',
  '通报批评',
  '没收违法所得',
  '没收非法财物',
  '暂扣许可证件',
  '降低资质等级',
  '吊销许可证件',
  '限制开展生产经营活动',
  '责令停产停业',
  '责令关闭',
  '限制从业',
  '行政拘留',
  '责令改正',
]

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** 500000 fen → "5,000.00 元". */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  return `${yuanFormat.format(fen / 100)} 元`
}

/** 5000 → "5", 500 → "0.5", 1250 → "1.25". */
export function formatTimes(thousandths: number): string {
  return String(Number((thousandths / 1000).toFixed(3)))
}

/** One bound: "5,000.00 元" or "违法所得 5 倍". */
export function formatAmount(basis: string, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (basis === 'gains' || basis === 'value') return `${BASE_LABEL[basis]} ${formatTimes(value)} 倍`
  return formatYuan(value)
}

/** A range: "5,000.00 元 至 50,000.00 元", "违法所得 1 倍 至 5 倍", "不罚款" for 0–0. */
export function formatRange(basis: string, min: number | null | undefined, max: number | null | undefined): string {
  if (min === 0 && max === 0) return '不罚款'
  if (basis === 'gains' || basis === 'value') {
    if (min === null || min === undefined || max === null || max === undefined) return '—'
    return `${BASE_LABEL[basis]} ${formatTimes(min)} 倍 至 ${formatTimes(max)} 倍`
  }
  return `${formatYuan(min)} 至 ${formatYuan(max)}`
}

/** A fen range (what 试算 answers): "不罚款" for 0–0, one amount when both ends meet. */
export function formatFenRange(min: number, max: number): string {
  if (min === 0 && max === 0) return '不罚款'
  if (min === max) return formatYuan(min)
  return `${formatYuan(min)} 至 ${formatYuan(max)}`
}

/** Yuan as typed (number) → integer fen. */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100)
export const fenToYuan = (fen: number): number => fen / 100
/** 倍 as typed → thousandths. */
export const timesToThousandths = (times: number): number => Math.round(times * 1000)
export const thousandthsToTimes = (v: number): number => v / 1000

/** The editor's number (元 or 倍) → the API's integer (fen or thousandths). */
export function toApiAmount(basis: string, shown: number): number {
  return basis === 'fixed' ? yuanToFen(shown) : timesToThousandths(shown)
}

export function fromApiAmount(basis: string, value: number): number {
  return basis === 'fixed' ? fenToYuan(value) : thousandthsToTimes(value)
}
