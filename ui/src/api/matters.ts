// The enforcement matter catalogue (执法事项清单) and the counties' township lists (乡镇执法事项清单)
// (docs/api.md "Enforcement matter catalogue", "Township lists"). Their public side is in api/portal.ts, their
// labels in utils/matters.ts.
import { http, type RequestOptions } from './http'
import type { Page } from './types'
import type { MatterGuide, MatterLevel, MatterList, MatterStatus, MatterType, TownshipKind } from '@/utils/matters'

export {
  GUIDE_FIELDS,
  MATTER_LEVELS,
  MATTER_LISTS,
  MATTER_STATUSES,
  MATTER_TYPE_TAG,
  MATTER_TYPES,
  matterListLabel,
  matterTypeLabel,
  TOWNSHIP_KINDS,
  townshipListLabel,
} from '@/utils/matters'
export type { MatterGuide, MatterLevel, MatterList, MatterStatus, MatterType, TownshipKind } from '@/utils/matters'

export const MATTERS_PATH = '/api/matters'
export const MATTER_IMPORT_PATH = '/api/matters/import'

/** One cited article: the library's article, optionally one clause (款) of it. */
export interface MatterBasis {
  article_id: number
  law_id: number
  law_title: string
  law_short: string
  /** 第一百二十二条 */
  label: string
  /** 第一款, or '' for the whole article. */
  clause: string
  /** 《中华人民共和国食品安全法》第一百二十二条第一款 */
  citation: string
  /** The article's text (paragraphs joined by \n); not in list rows. */
  text?: string
}

export interface FlowStep {
  name: string
  description: string
  time_limit: string
}

export const emptyGuide = (): MatterGuide => ({
  conditions: '',
  materials: '',
  time_limit: '',
  fees: '',
  place: '',
  contact: '',
  notes: '',
})

export interface Matter {
  id: number
  /** The holder: a body, or a county for township lists. */
  org_id: number
  org_name: string
  org_code: string
  county_name: string
  code: string
  name: string
  type: MatterType
  type_label: string
  field: string
  field_label: string
  level: MatterLevel
  level_label: string
  list: MatterList | null
  list_label: string
  township_kind: TownshipKind | null
  basis: MatterBasis[]
  /** YYYY-MM-DD */
  effective_from: string
  effective_until: string | null
  /** In force today. */
  effective: boolean
  status: MatterStatus
  /** 示例: not from a published list. */
  sample: boolean
  version: number
  updated_at: number
  updated_by_name: string
}

export interface MatterDetail extends Matter {
  flow: FlowStep[]
  guide: MatterGuide
}

export interface MatterQuery {
  q?: string
  org_id?: number
  county_id?: number
  field?: string
  type?: string
  level?: string
  list?: string
  /** A township list's townships: `town` 乡镇, `street` 街道 (statutory lists), `all` (the delegated list). */
  township_kind?: TownshipKind
  /** true: in force today; false: not (yet) or no longer. */
  effective?: boolean
  page: number
  page_size: number
}

export interface MatterTreeOrg {
  org_id: number
  org_name: string
  level: MatterLevel
  count: number
}

export interface MatterTreeField {
  field: string
  field_label: string
  count: number
  orgs: MatterTreeOrg[]
}

export interface MatterBasisInput {
  article_id: number
  clause?: string
}

export interface MatterCreate {
  org_id: number
  code: string
  name: string
  type: MatterType
  field: string
  list?: MatterList | null
  township_kind?: TownshipKind | null
  basis: MatterBasisInput[]
  flow: FlowStep[]
  guide: MatterGuide
  effective_from: string
  effective_until?: string | null
  reason?: string
}

export interface MatterUpdate {
  name: string
  type: MatterType
  field: string
  basis: MatterBasisInput[]
  flow: FlowStep[]
  guide: MatterGuide
  effective_from: string
  effective_until: string | null
  status: MatterStatus
  /** 修改原因 */
  reason: string
  /** The version the editor started from (409 `matter.stale` when someone saved since). */
  version: number
}

export interface MatterVersion {
  version: number
  reason: string
  created_at: number
  created_by_name: string
  /** Labels of the fields this version changed. */
  changed: string[]
}

/** One changed field, as display texts. */
export interface FieldChange {
  field: string
  label: string
  before: string
  after: string
}

export interface MatterDiff {
  from: number
  to: number
  changes: FieldChange[]
}

/** Answer of an import, in both modes (`dry_run` true: nothing stored yet). Benchmarks and lenient entries answer the same. */
export interface ImportPreview {
  dry_run: boolean
  rows: number
  create: number
  update: number
  unchanged: number
  changes: ImportPreviewRow[]
}

export interface ImportPreviewRow {
  /** Excel row number (1 = the header). */
  row: number
  code: string
  name: string
  action: 'create' | 'update' | 'unchanged'
  changes: FieldChange[]
}

export const STALE_CODE = 'matter.stale'
export const UNCHANGED_CODE = 'matter.unchanged'

export const listMatters = (q: MatterQuery, opts: RequestOptions = {}) =>
  http.get<Page<Matter>>(MATTERS_PATH, { ...q }, opts)
export const fetchMatterTree = () => http.get<MatterTreeField[]>('/api/matters/tree')
export const fetchMatter = (id: number, opts: RequestOptions = {}) => http.get<MatterDetail>(`/api/matters/${id}`, undefined, opts)
export const createMatter = (body: MatterCreate, opts: RequestOptions = {}) => http.post<MatterDetail>(MATTERS_PATH, body, opts)
export const updateMatter = (id: number, body: MatterUpdate, opts: RequestOptions = {}) =>
  http.put<MatterDetail>(`/api/matters/${id}`, body, opts)
export const fetchMatterVersions = (id: number) => http.get<MatterVersion[]>(`/api/matters/${id}/versions`)
export const fetchMatterVersion = (id: number, version: number) =>
  http.get<MatterDetail>(`/api/matters/${id}/versions/${version}`)
export const fetchMatterDiff = (id: number, from: number, to: number) =>
  http.get<MatterDiff>(`/api/matters/${id}/diff`, { from, to })
/** The matters a body may use on a date (its own, and its county's adopted township lists). */
export const fetchUsableMatters = (org_id: number, date?: string) =>
  http.get<{ items: Matter[] }>('/api/matters/usable', { org_id, date })

// ---- township lists ----

export interface TownshipAdoption {
  id: number
  /** 决定文号 */
  decision_no: string
  /** YYYY-MM-DD */
  decided_on: string
  /** 施行日期 */
  effective_from: string
  adopted_by_name: string
  adopted_at: number
  /** This decision's 施行日期 has come (sent with a list's latest adoption). */
  in_force?: boolean
}

/** An adoption in a county's history, newest first. */
export interface TownshipAdoptionRecord extends TownshipAdoption {
  county_id: number
  county_name: string
  list: MatterList
  list_label: string
}

export interface TownshipList {
  list: MatterList
  township_kind: TownshipKind
  label: string
  count: number
  /** Some adoption of the list is in force today: the county's townships may use it. */
  in_force: boolean
  /** The latest decision, which may be a later one not yet in force. */
  adoption: TownshipAdoption | null
}

export interface CountyLists {
  county_id: number
  county_code: string
  county_name: string
  lists: TownshipList[]
}

export interface AdoptionCreate {
  county_id: number
  list: MatterList
  decision_no: string
  decided_on: string
  effective_from: string
}

export const fetchTownshipLists = (county_id?: number) =>
  http.get<CountyLists[]>('/api/township-lists', { county_id })
export const adoptTownshipList = (body: AdoptionCreate, opts: RequestOptions = {}) =>
  http.post<TownshipAdoption>('/api/township-lists/adoptions', body, opts)
export const fetchAdoptions = (county_id: number) =>
  http.get<TownshipAdoptionRecord[]>('/api/township-lists/adoptions', { county_id })
