// Discretion benchmarks (裁量基准) and the inclusive-prudent lists (包容审慎清单), for staff (docs/api.md
// "Discretion benchmarks", "Lenient-treatment lists"); the public portal's calls are in api/portal.ts.
// Money is in fen; a multiple is in thousandths of the illegal gains (`gains`) or goods value (`value`).
// Display helpers live in utils/discretion.ts.
import { http, type RequestOptions } from './http'
import type { Page } from './types'
import type { FineBasis, LenientKind } from '@/utils/discretion'

export type { FineBasis, LenientKind } from '@/utils/discretion'

export const BENCHMARKS_PATH = '/api/benchmarks'
export const BENCHMARK_IMPORT_PATH = '/api/benchmarks/import'
export const LENIENT_PATH = '/api/lenient-entries'
export const LENIENT_IMPORT_PATH = '/api/lenient-entries/import'

/** An article a benchmark cites, with its text. */
export interface CitedArticle {
  article_id: number
  citation: string
  /** '第一款' or '' */
  clause: string
  text: string
}

export interface BenchmarkLevel {
  /** minor | general | serious | grave (others are possible) */
  key: string
  /** 轻微 | 一般 | 较重 | 严重 */
  label: string
  /** The facts that place a case in this level (适用情形). */
  criteria: string
  /** Fen for `fixed`, thousandths for a multiple. */
  min: number
  max: number
  /** Other penalties: 警告, 没收违法所得 ... */
  other: string[]
  /** The level is 违法行为轻微 in the sense of APL 33. */
  minor: boolean
}

export interface Benchmark {
  id: number
  code: string
  org_id: number
  org_name: string
  field: string
  field_label: string
  violation: string
  violated: CitedArticle
  penalty: CitedArticle
  fine_basis: FineBasis
  statutory_min: number
  statutory_max: number
  levels: BenchmarkLevel[]
  sample: boolean
  source: string
  version: number
  updated_at: number
  /** Not in the public answers (no user names there). */
  updated_by_name?: string
  /** 固定金额 | 违法所得倍数 | 货值金额倍数 (sent by the server; not in docs/api.md). */
  fine_basis_label?: string
  /** The active lenient-list entries of this benchmark (GET /api/benchmarks/{id} only; not in docs/api.md). */
  lenient?: BenchmarkLenientRef[]
}

export interface BenchmarkLenientRef {
  id?: number
  code: string
  kind: LenientKind
  kind_label: string
  conditions: string
}

export interface BenchmarkQuery {
  q?: string
  field?: string
  org_id?: number
  page: number
  page_size: number
}

export interface BenchmarkWrite {
  code: string
  org_id: number
  field: string
  violation: string
  violated: { article_id: number; clause: string }
  penalty: { article_id: number; clause: string }
  fine_basis: FineBasis
  statutory_min: number
  statutory_max: number
  levels: BenchmarkLevel[]
  sample?: boolean
  source?: string
  /** 修改原因: required on a change. */
  reason?: string
}

export interface BenchmarkUpdate extends BenchmarkWrite {
  reason: string
  /** The version the editor started from. */
  version: number
}

export interface BenchmarkVersion {
  version: number
  reason: string
  created_at: number
  created_by_name: string
  /** Labels of what changed, when the server sends them. */
  changed?: string[]
  /** The benchmark as saved at this version (the server sends it; the UI compares neighbours). */
  data?: Record<string, unknown>
}

export type Harm = 'none' | 'minor' | 'serious'

/** The circumstances of a case, for 试算 (domain::decide). */
export interface DecideInput {
  level: string
  /** The party is an organisation (单位); else a natural person. */
  organisation: boolean
  first_violation: boolean
  harm: Harm
  /** Days after discovery it was corrected; null: not corrected. */
  corrected_in_days: number | null
  no_fault: boolean
  minor_14_to_18: boolean
  lighter_reasons: string[]
  aggravating_reasons: string[]
  choose_mitigation: boolean
  /** Illegal gains or goods value in fen, for a multiple range (0 otherwise). */
  base_fen: number
  /** Codes of list entries whose other conditions the officer confirmed (当事人符合该条件). */
  confirmed_entries: string[]
}

export type DecisionOutcome = 'no_penalty' | 'may_waive' | 'penalty'

export interface LenientMatch {
  code: string
  kind: LenientKind
  kind_label: string
  conditions?: string
}

export interface Decision {
  outcome: DecisionOutcome
  outcome_label: string
  min_fen: number
  max_fen: number
  other: string[]
  reasons: string[]
  articles: string[]
  lenient_matches: LenientMatch[]
  /** Entries whose first-violation, harm and correction conditions hold but whose other facts wait for
   * the officer's confirmation (`confirmed_entries`). */
  lenient_candidates: LenientMatch[]
  no_coercion: boolean
}

export interface LenientEntry {
  id: number
  code: string
  kind: LenientKind
  kind_label: string
  benchmark_id: number
  benchmark_code: string
  violation: string
  field: string
  field_label: string
  /** 适用条件 */
  conditions: string
  first_violation_only: boolean
  /** The worst harm the entry allows. */
  max_harm: 'none' | 'minor'
  /** Corrected within N days; null: correction not required. */
  corrected_within_days: number | null
  /** The article or document the entry rests on. */
  basis: string
  /** The conditions hold facts beyond first violation / harm / correction that an officer must confirm
   * before 试算 applies the entry (default true). */
  needs_confirmation?: boolean
  sample: boolean
  status: 'active' | 'withdrawn'
  updated_at: number
}

export interface LenientQuery {
  kind?: LenientKind | ''
  field?: string
  q?: string
  page: number
  page_size: number
}

export interface LenientWrite {
  code: string
  kind: LenientKind
  benchmark_id: number
  conditions: string
  first_violation_only: boolean
  max_harm: 'none' | 'minor'
  corrected_within_days: number | null
  basis: string
  needs_confirmation?: boolean
  sample?: boolean
}

export interface LenientUpdate extends LenientWrite {
  status: 'active' | 'withdrawn'
}

// ---- staff ----
export const listBenchmarks = (q: BenchmarkQuery) => http.get<Page<Benchmark>>(BENCHMARKS_PATH, { ...q })
export const fetchBenchmark = (id: number, opts: RequestOptions = {}) => http.get<Benchmark>(`${BENCHMARKS_PATH}/${id}`, undefined, opts)
export const createBenchmark = (body: BenchmarkWrite, opts: RequestOptions = {}) => http.post<Benchmark>(BENCHMARKS_PATH, body, opts)
export const updateBenchmark = (id: number, body: BenchmarkUpdate, opts: RequestOptions = {}) =>
  http.put<Benchmark>(`${BENCHMARKS_PATH}/${id}`, body, opts)
/** Newest first. Read as a bare array or as `{items}`, whichever the server sends. */
export async function fetchBenchmarkVersions(id: number, opts: RequestOptions = {}): Promise<BenchmarkVersion[]> {
  const r = await http.get<BenchmarkVersion[] | { items: BenchmarkVersion[] }>(`${BENCHMARKS_PATH}/${id}/versions`, undefined, opts)
  return Array.isArray(r) ? r : (r?.items ?? [])
}
/** 试算: the permitted penalty for the circumstances (nothing is stored). */
export const decideBenchmark = (id: number, body: DecideInput, opts: RequestOptions = {}) =>
  http.post<Decision>(`${BENCHMARKS_PATH}/${id}/decide`, body, opts)

export const listLenientEntries = (q: LenientQuery, opts: RequestOptions = {}) =>
  http.get<Page<LenientEntry>>(LENIENT_PATH, { ...q }, opts)
export const createLenientEntry = (body: LenientWrite, opts: RequestOptions = {}) => http.post<LenientEntry>(LENIENT_PATH, body, opts)
export const updateLenientEntry = (id: number, body: LenientUpdate, opts: RequestOptions = {}) =>
  http.put<LenientEntry>(`${LENIENT_PATH}/${id}`, body, opts)
