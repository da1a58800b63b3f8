// The enforcement matter catalogue (执法事项清单), the counties' township lists (乡镇执法事项清单) and
// their public side (docs/api.md "Enforcement matter catalogue", "Township lists", "Public catalogue").
// Public calls are `anonymous`: an error is shown, never a redirect to sign in.
import { http, type RequestOptions } from './http'
import type { Page } from './types'

export const MATTERS_PATH = '/api/matters'
export const MATTER_IMPORT_PATH = '/api/matters/import'

export type MatterType = 'licence' | 'penalty' | 'coercion' | 'inspection' | 'levy' | 'confirmation' | 'other'
export type MatterLevel = 'city' | 'county' | 'township'
export type MatterList = 'statutory' | 'delegated'
export type TownshipKind = 'town' | 'street' | 'all'
export type MatterStatus = 'active' | 'repealed'

export const MATTER_TYPES: { value: MatterType; label: string }[] = [
  { value: 'licence', label: '行政许可' },
  { value: 'penalty', label: '行政处罚' },
  { value: 'coercion', label: '行政强制' },
  { value: 'inspection', label: '行政检查' },
  { value: 'levy', label: '行政征收' },
  { value: 'confirmation', label: '行政确认' },
  { value: 'other', label: '其他行政权力' },
]

export const MATTER_LEVELS: { value: MatterLevel; label: string }[] = [
  { value: 'city', label: '市级' },
  { value: 'county', label: '县级' },
  { value: 'township', label: '乡级' },
]

export const MATTER_LISTS: { value: MatterList; label: string }[] = [
  { value: 'statutory', label: '法定' },
  { value: 'delegated', label: '赋权' },
]

export const TOWNSHIP_KINDS: { value: TownshipKind; label: string }[] = [
  { value: 'town', label: '乡镇' },
  { value: 'street', label: '街道' },
  { value: 'all', label: '全部乡镇(街道)' },
]

export const MATTER_STATUSES: { value: MatterStatus; label: string }[] = [
  { value: 'active', label: '有效' },
  { value: 'repealed', label: '已废止' },
]

/** Tag colour per matter type. */
export const MATTER_TYPE_TAG: Record<string, 'primary' | 'success' | 'info' | 'warning' | 'danger'> = {
  licence: 'success',
  penalty: 'danger',
  coercion: 'warning',
  inspection: 'primary',
  levy: 'info',
  confirmation: 'info',
  other: 'info',
}

export const matterTypeLabel = (t: string) => MATTER_TYPES.find((x) => x.value === t)?.label ?? t
export const matterListLabel = (l: string | null | undefined) =>
  l ? (MATTER_LISTS.find((x) => x.value === l)?.label ?? l) : ''

/** The name of a township list, as the server labels it: 法定事项(乡镇), 法定事项(街道), 赋权事项. */
export function townshipListLabel(list: string | null | undefined, kind: string | null | undefined): string {
  if (list === 'delegated') return '赋权事项'
  if (list === 'statutory') return kind === 'street' ? '法定事项(街道)' : kind === 'town' ? '法定事项(乡镇)' : '法定事项'
  return ''
}

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

/** 服务指南 */
export interface MatterGuide {
  conditions: string
  materials: string
  time_limit: string
  fees: string
  place: string
  contact: string
  notes: string
}

export const GUIDE_FIELDS: { key: keyof MatterGuide; label: string; long?: boolean }[] = [
  { key: 'conditions', label: '申请条件', long: true },
  { key: 'materials', label: '申请材料', long: true },
  { key: 'time_limit', label: '办理时限' },
  { key: 'fees', label: '收费标准' },
  { key: 'place', label: '办理地点' },
  { key: 'contact', label: '咨询电话' },
  { key: 'notes', label: '备注', long: true },
]

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

// ---- public catalogue (no session) ----

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
