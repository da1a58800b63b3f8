// The public portal (行政执法专栏): published data only, no session (docs/api.md "Public portal", "Public
// catalogue", "Public disclosure"). Calls are `anonymous`: an error is shown, never a redirect to sign in;
// a page that shows the error itself asks `silent`. Only the portal (src/portal/) imports this module, and
// it calls nothing but `/public/api/...` — scripts/check-portal-bundle.mjs holds the portal's chunks to
// that.
import { http, type RequestOptions } from './http'
import type { Benchmark, LenientEntry, LenientKind } from './benchmarks'
import type { FlowStep, MatterBasis } from './matters'
import type { Checkpoint, InclusionProof, Page, PublicBodyPage, PublicOfficer } from './types'
import type { MatterGuide, MatterList, TownshipKind } from '@/utils/matters'
import type { AnnualReport, PublishedYear } from '@/utils/annual'

// ---- bodies and officers ----

export interface PublicBodyQuery {
  /** Omitted: the server picks the latest year with confirmations. */
  year?: number
  q?: string
  /** A county: its org code when the server lists `counties`, otherwise its name. */
  county?: string
  page: number
  page_size: number
}

export interface PublicOfficerQuery {
  /** A name or a certificate number. */
  q?: string
  /** Part of the body's name. */
  org?: string
  page: number
  page_size: number
}

export const listPublicBodies = (q: PublicBodyQuery, silent = false) =>
  http.get<PublicBodyPage>('/public/api/bodies', { ...q }, { anonymous: true, silent })
export const listPublicOfficers = (q: PublicOfficerQuery) =>
  http.get<Page<PublicOfficer>>('/public/api/officers', { ...q }, { anonymous: true })

// ---- the catalogue: matters, township lists ----

/** 市本级 (the city's code, e.g. 140800) or a county, for the portal's county filters. */
export interface PublicCounty {
  code: string
  name: string
}

/** A county-level division, not the city itself (GB/T 2260: the city's code ends in 00). */
export const isCounty = (c: PublicCounty) => !c.code.endsWith('00')

export interface PublicMatter {
  id: number
  code: string
  name: string
  type?: string
  type_label: string
  field?: string
  field_label: string
  org_name: string
  county_name: string
  level_label: string
  list_label: string
  citations: string[]
}

export interface PublicMatterDetail {
  id: number
  code: string
  name: string
  type?: string
  type_label: string
  field?: string
  field_label: string
  org_name: string
  county_name: string
  level_label: string
  list?: string | null
  list_label: string
  township_kind?: string | null
  basis: MatterBasis[]
  flow: FlowStep[]
  guide: MatterGuide
  version: number
  effective_from: string
  effective_until?: string | null
}

export interface PublicMatterQuery {
  q?: string
  /** County code (e.g. 140802), or the city's for 市本级. */
  county?: string
  org_id?: number
  field?: string
  type?: string
  page: number
  page_size: number
}

export interface PublicMatterOrg {
  org_id: number
  org_name: string
  count: number
}

/** A matter of a published township list. */
export type PublicTownshipMatter = Pick<PublicMatter, 'id' | 'code' | 'name' | 'type_label' | 'citations'>

/** A township list a county adopted, with the decision in force. */
export interface PublicTownshipList {
  list: MatterList
  township_kind: TownshipKind
  label: string
  decision_no: string
  decided_on: string
  effective_from: string
  items: PublicTownshipMatter[]
}

export interface PublicCountyLists {
  county_code: string
  county_name: string
  /** Only the lists adopted and in force. */
  lists: PublicTownshipList[]
}

export const fetchPublicCounties = () => http.get<PublicCounty[]>('/public/api/counties', undefined, { anonymous: true })
/** The count stops at 10,000: `total_capped` means "10,000 or more". */
export const listPublicMatters = (q: PublicMatterQuery) =>
  http.get<Page<PublicMatter> & { total_capped?: boolean }>('/public/api/matters', { ...q }, { anonymous: true })
export const fetchPublicMatter = (id: number | string, opts: RequestOptions = {}) =>
  http.get<PublicMatterDetail>(`/public/api/matters/${id}`, undefined, { ...opts, anonymous: true })
/** The holders with a count, for the portal's 实施主体 filter. */
export const listPublicMatterOrgs = (county?: string) =>
  http.get<PublicMatterOrg[]>('/public/api/matter-orgs', { county }, { anonymous: true, silent: true })
/** A county's adopted township lists in force, with their matters. */
export const fetchPublicTownshipLists = (county: string) =>
  http.get<PublicCountyLists>('/public/api/township-lists', { county }, { anonymous: true })

// ---- discretion benchmarks and lenient-treatment lists ----

export interface PublicBenchmarkQuery {
  q?: string
  field?: string
  page: number
  page_size: number
}

export interface PublicLenientQuery {
  kind?: LenientKind | ''
  q?: string
  page: number
  page_size: number
}

export const listPublicBenchmarks = (q: PublicBenchmarkQuery) =>
  http.get<Page<Benchmark>>('/public/api/benchmarks', { ...q }, { anonymous: true })
export const fetchPublicBenchmark = (id: number) => http.get<Benchmark>(`/public/api/benchmarks/${id}`, undefined, { anonymous: true })
export const listPublicLenientEntries = (q: PublicLenientQuery, silent = false) =>
  http.get<Page<LenientEntry>>('/public/api/lenient-entries', { ...q }, { anonymous: true, silent })

// ---- decisions (行政处罚等决定公示) ----

export type PublicDecisionKind = 'penalty' | 'licence' | 'other'

export const DECISION_KINDS: { value: PublicDecisionKind; label: string }[] = [
  { value: 'penalty', label: '行政处罚' },
  { value: 'licence', label: '行政许可' },
  { value: 'other', label: '其他决定' },
]

/** The most rows one page of decisions may ask for. */
export const DECISION_PAGE_SIZE_MAX = 50
/** The longest keyword the search takes (longer: 400). */
export const DECISION_QUERY_MAX = 100

export interface PublicDecisionQuery {
  /** Words of the title, number, party, facts or result. */
  q?: string
  /** The deciding body's org. */
  org_id?: number
  field?: string
  kind?: PublicDecisionKind | ''
  /** Published on or after (YYYY-MM-DD). */
  from?: string
  /** Published on or before (YYYY-MM-DD). */
  to?: string
  page: number
  page_size: number
}

/** One published decision in the search results; `party` is masked. */
export interface PublicDecisionRow {
  id: number
  title: string
  decision_no: string
  /** The deciding body's name. */
  body: string
  kind: PublicDecisionKind
  kind_label: string
  field_label: string
  party: string
  decided_on: string
  published_on: string
  result: string
  excerpt: string
}

export interface PublicDecisionPage extends Page<PublicDecisionRow> {
  /** The count stops at 10,000: `more` means there are more than `total`. */
  more: boolean
  page: number
  page_size: number
}

/** The public copy of a decision, as it was hashed (the fields of `text`). */
export interface PublicDecision {
  title: string
  body: string
  decision_no: string
  kind: PublicDecisionKind
  kind_label: string
  decided_on: string
  published_on: string
  party: string
  party_type: string
  field: string
  field_label: string
  matter: string
  facts: string
  basis: string
  result: string
}

export interface PublishedDecision {
  id: number
  state: 'published'
  decision: PublicDecision
  /** The exact canonical JSON whose SM3 the ledger holds. */
  text: string
  /** SM3 of `text` (hex). */
  sm3: string
  /** The day the page is taken down. */
  expires_on: string
  proof_url: string
}

export interface DecisionWithdrawal {
  /** changed / revoked / void … */
  kind: string
  kind_label: string
  reason: string
  /** The day the decision was changed, revoked or found void. */
  changed_on: string
  withdrawn_on: string
}

export interface WithdrawnDecision {
  id: number
  state: 'withdrawn'
  title: string
  decision_no: string
  body: string
  published_on: string
  withdrawal: DecisionWithdrawal
}

export type PublicDecisionDetail = PublishedDecision | WithdrawnDecision

/** A ledger event with the columns its leaf hash covers (src/ledger/ledger.hpp, canonical event bytes). */
export interface LedgerEventRecord {
  seq: number
  /** Epoch milliseconds. */
  at: number
  actor_id: number | null
  actor_name: string
  org_id: number | null
  entity: string
  entity_id: string
  action: string
  payload: Record<string, unknown>
  /** The stored payload text; `payload_digest` is its SM3. */
  payload_text: string
  payload_digest: string
  leaf_hash: string
  /** The ledger's root after this event. */
  root: string
}

export interface SignedCheckpoint extends Checkpoint {
  key_id: string
}

/** What anyone needs to check a published decision: its text, its ledger event, the path, the signed root. */
export interface DecisionProof {
  id: number
  text: string
  event: LedgerEventRecord
  proof: InclusionProof
  checkpoint: SignedCheckpoint
}

export interface DecisionStats {
  total: number
  withdrawn: number
  by_kind: { kind: string; label: string; count: number }[]
  by_field: { field: string; label: string; count: number }[]
  /** Month YYYY-MM, oldest first. */
  by_month: { month: string; count: number }[]
  /** The 20 bodies with the most. */
  by_body: { org_id: number; name: string; count: number }[]
}

export const decisionProofUrl = (id: number | string) => `/public/api/decisions/${id}/proof`

export const listPublicDecisions = (q: PublicDecisionQuery, opts: RequestOptions = {}) =>
  http.get<PublicDecisionPage>('/public/api/decisions', { ...q }, { ...opts, anonymous: true })
export const fetchPublicDecision = (id: number | string, opts: RequestOptions = {}) =>
  http.get<PublicDecisionDetail>(`/public/api/decisions/${id}`, undefined, { ...opts, anonymous: true })
export const fetchDecisionProof = (id: number | string, opts: RequestOptions = {}) =>
  http.get<DecisionProof>(decisionProofUrl(id), undefined, { ...opts, anonymous: true })
export const fetchDecisionStats = (opts: RequestOptions = {}) =>
  http.get<DecisionStats>('/public/api/decision-stats', undefined, { ...opts, anonymous: true })

// ---- annual enforcement data (年度行政执法数据) ----

/** The Excel file of a published year (an ordinary link: the browser downloads it). */
export const publicAnnualXlsxUrl = (year: number) => `/public/api/annual-reports/${year}?format=xlsx`

/** The published years (the order is the server's). */
export const listPublishedYears = (opts: RequestOptions = {}) =>
  http.get<{ items: PublishedYear[] }>('/public/api/annual-reports', undefined, { ...opts, anonymous: true })
/** A published year's report (404 when the year is not published). */
export const fetchPublishedAnnualReport = (year: number, opts: RequestOptions = {}) =>
  http.get<AnnualReport>(`/public/api/annual-reports/${year}`, undefined, { ...opts, anonymous: true })
