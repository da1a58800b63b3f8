// How the annual enforcement data (年度行政执法数据, docs/api.md "Annual enforcement data") reads on screen:
// the report's shape, the labels of its states, the count columns per body in the order shown, and money
// (integer fen) as yuan with two decimals and thousands separators. Shared by the console and the public
// portal, so it holds no calls to the server (api/annual.ts and api/portal.ts make them).

/** none: nothing stored yet (the answer is a preview computed now); then 生成 → 审核 → 公布. */
export type AnnualState = 'none' | 'draft' | 'reviewed' | 'published'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

export const ANNUAL_STATES: { value: AnnualState; label: string; tag: TagType }[] = [
  { value: 'none', label: '未生成', tag: 'info' },
  { value: 'draft', label: '已生成待审核', tag: 'warning' },
  { value: 'reviewed', label: '已审核待公布', tag: 'primary' },
  { value: 'published', label: '已公布', tag: 'success' },
]
export const annualStateLabel = (s: string) => ANNUAL_STATES.find((x) => x.value === s)?.label ?? s
export const annualStateTag = (s: string): TagType => ANNUAL_STATES.find((x) => x.value === s)?.tag ?? 'info'

/** A kind of penalty (警告、罚款、没收 …), a column of the report; `key` indexes `by_kind`. */
export interface PenaltyKindColumn {
  key: string
  label: string
}

/** The counts and sums of one body (or of all: `AnnualTotals`). Money in fen. */
export interface AnnualCounts {
  licences: number
  /** Penalty decisions; one decision may impose several kinds, so `by_kind` can add up to more. */
  penalties: number
  by_kind: Record<string, number>
  fines_fen: number
  confiscation_fen: number
  /** 行政强制 measures. */
  coercive: number
  /** 行政征收. */
  levies: number
  /** 行政检查. */
  inspections: number
}

export interface AnnualBodyRow extends AnnualCounts {
  org_id: number
  name: string
}

export interface AnnualTotals extends AnnualCounts {
  /** Bodies in the report. */
  bodies: number
}

export interface AnnualReport {
  year: number
  /** The last day to publish: 31 January of the next year. */
  due_on: string
  state: AnnualState
  /** SM3 of the stored data (absent in a preview). */
  data_sm3?: string | null
  /** Epoch ms. */
  generated_at?: number | null
  reviewed_at?: number | null
  published_on?: string | null
  /** Published by `due_on` (null until published). */
  on_time?: boolean | null
  /** The publication's event in the ledger. */
  publish_seq?: number | null
  kinds: PenaltyKindColumn[]
  bodies: AnnualBodyRow[]
  totals: AnnualTotals
}

/** A year on the portal's list. */
export interface PublishedYear {
  year: number
  published_on: string
  data_sm3: string
}

/** The count columns after the body's name, in the order shown (the kinds of penalty go after 行政处罚). */
export type CountKey = 'licences' | 'penalties' | 'coercive' | 'levies' | 'inspections'
export type MoneyKey = 'fines_fen' | 'confiscation_fen'

export const COUNT_COLUMNS: { key: CountKey; label: string; unit: string }[] = [
  { key: 'licences', label: '行政许可', unit: '件' },
  { key: 'penalties', label: '行政处罚', unit: '件' },
  { key: 'coercive', label: '行政强制', unit: '次' },
  { key: 'levies', label: '行政征收', unit: '件' },
  { key: 'inspections', label: '行政检查', unit: '次' },
]

export const MONEY_COLUMNS: { key: MoneyKey; label: string }[] = [
  { key: 'fines_fen', label: '罚款金额' },
  { key: 'confiscation_fen', label: '没收金额' },
]

export const kindCount = (c: AnnualCounts, key: string) => c.by_kind?.[key] ?? 0

/** The kinds with at least one penalty in the year (in the server's order). */
export const kindsInUse = (r: AnnualReport) => r.kinds.filter((k) => kindCount(r.totals, k.key) > 0)

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: true })
const countFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0, useGrouping: true })

/** 68813000 fen → "688,130.00" (yuan, without the unit: the column or the card says 元). */
export function fenAsYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—'
  return yuanFormat.format(fen / 100)
}

/** 16209 → "16,209". */
export function countText(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—'
  return countFormat.format(n)
}

/** The sums of some bodies' rows (a filtered table's 合计). */
export function sumRows(rows: AnnualBodyRow[]): AnnualCounts {
  const sum: AnnualCounts = { licences: 0, penalties: 0, by_kind: {}, fines_fen: 0, confiscation_fen: 0, coercive: 0, levies: 0, inspections: 0 }
  for (const r of rows) {
    sum.licences += r.licences
    sum.penalties += r.penalties
    sum.fines_fen += r.fines_fen
    sum.confiscation_fen += r.confiscation_fen
    sum.coercive += r.coercive
    sum.levies += r.levies
    sum.inspections += r.inspections
    for (const [k, n] of Object.entries(r.by_kind ?? {})) sum.by_kind[k] = (sum.by_kind[k] ?? 0) + n
  }
  return sum
}

/** The file the Excel export is saved as. */
export const annualXlsxName = (year: number) => `${year}年度行政执法数据.xlsx`
