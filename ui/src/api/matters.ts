// The enforcement matter catalogue (执法事项清单), the counties' township lists (乡镇执法事项清单) and
// their public side (docs/api.md "Enforcement matter catalogue", "Township lists", "Public catalogue").
// Public calls are `anonymous`: an error is shown, never a redirect to sign in.
import { http, type RequestOptions } from './http'
import type { ImportRowError, Page } from './types'

/** Button permissions of these pages (the server checks them again). */
export const MATTER_PERM = {
  /** 新增 / 编辑 / 导入 执法事项 */
  manage: 'catalogue:matter:manage',
  /** 采用乡镇清单 */
  adopt: 'catalogue:township:adopt',
} as const

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

/** Answer of an import, in both modes (`dry_run` true: nothing stored yet). Benchmarks answer the same. */
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

/** A row error of a refused import; the catalogue's contract names the texts `zh`/`en`. */
export type ImportRowProblem = ImportRowError & { zh?: string; en?: string }

/** An article found in the library, as a citation to pick. */
export interface ArticleHit {
  article_id: number
  law_id: number
  law_title: string
  number: number
  label: string
  chapter: string
  text: string
  citation: string
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

export const searchLawArticles = (q: { q: string; law_id?: number; page: number; page_size: number }) =>
  http.get<Page<ArticleHit>>('/api/law-articles', { ...q })

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
  /** Its 施行日期 has come (sent with a list's current adoption). */
  in_force?: boolean
}

/** An adoption in the history (the list it adopted is named when the server sends it). */
export interface TownshipAdoptionRecord extends TownshipAdoption {
  county_id?: number
  county_name?: string
  list?: MatterList
  list_label?: string
}

export interface TownshipList {
  list: MatterList
  township_kind: TownshipKind
  label: string
  count: number
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
export async function fetchAdoptions(county_id: number): Promise<TownshipAdoptionRecord[]> {
  const r = await http.get<TownshipAdoptionRecord[] | Page<TownshipAdoptionRecord>>('/api/township-lists/adoptions', { county_id })
  return Array.isArray(r) ? r : (r?.items ?? [])
}

// ---- public catalogue (no session) ----

/** The 13 county-level divisions of Yuncheng (GB/T 2260, data/yuncheng-divisions.json): the portal's county filter. */
export const YUNCHENG_COUNTIES: { code: string; name: string }[] = [
  { code: '140802', name: '盐湖区' },
  { code: '140821', name: '临猗县' },
  { code: '140822', name: '万荣县' },
  { code: '140823', name: '闻喜县' },
  { code: '140824', name: '稷山县' },
  { code: '140825', name: '新绛县' },
  { code: '140826', name: '绛县' },
  { code: '140827', name: '垣曲县' },
  { code: '140828', name: '夏县' },
  { code: '140829', name: '平陆县' },
  { code: '140830', name: '芮城县' },
  { code: '140881', name: '永济市' },
  { code: '140882', name: '河津市' },
]

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
  /** County code (e.g. 140802). */
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

export interface PublicTownshipList {
  list: string
  township_kind: string | null
  label: string
  count: number
  adoption: Partial<TownshipAdoption> | null
  matters: PublicMatter[]
}

export interface PublicCountyLists {
  county_code: string
  county_name: string
  lists: PublicTownshipList[]
}

export const listPublicMatters = (q: PublicMatterQuery) =>
  http.get<Page<PublicMatter>>('/public/api/matters', { ...q }, { anonymous: true })
export const fetchPublicMatter = (id: number | string, opts: RequestOptions = {}) =>
  http.get<PublicMatterDetail>(`/public/api/matters/${id}`, undefined, { ...opts, anonymous: true })

type Loose = Record<string, unknown>
const asItems = (r: unknown): Loose[] =>
  Array.isArray(r) ? (r as Loose[]) : Array.isArray((r as Loose | null)?.items) ? ((r as Loose).items as Loose[]) : []
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))

/** The holders with a count, for the portal's filter (read as `{org_id, org_name}` or `{id, name}`). */
export async function listPublicMatterOrgs(county?: string): Promise<PublicMatterOrg[]> {
  const r = await http.get<unknown>('/public/api/matter-orgs', { county }, { anonymous: true, silent: true })
  return asItems(r)
    .map((o) => ({ org_id: Number(o.org_id ?? o.id), org_name: str(o.org_name ?? o.name), count: Number(o.count ?? 0) }))
    .filter((o) => Number.isFinite(o.org_id) && o.org_name !== '')
}

/**
 * A county's adopted township lists with their matters. The contract gives no exact shape: an array of
 * counties (as the signed-in `/api/township-lists`), one county, or `{items}` are all read; a list's
 * matters may be `matters` or `items`.
 */
export async function fetchPublicTownshipLists(county: string): Promise<PublicCountyLists | null> {
  const r = await http.get<unknown>('/public/api/township-lists', { county }, { anonymous: true })
  let c: Loose | undefined
  if (r && typeof r === 'object' && !Array.isArray(r) && Array.isArray((r as Loose).lists)) c = r as Loose
  else {
    const all = asItems(r)
    c = all.find((x) => str(x.county_code ?? x.code) === county) ?? (all.length === 1 ? all[0] : undefined)
    // a flat array of lists
    if (!c && all.length > 0 && all.every((x) => 'list' in x)) c = { county_code: county, lists: all }
  }
  if (!c) return null
  const lists = asItems(c.lists).map((l) => ({
    list: str(l.list),
    township_kind: (l.township_kind as string | null) ?? null,
    label: str(l.label) || townshipListLabel(str(l.list), str(l.township_kind)),
    count: Number(l.count ?? asItems(l.matters ?? l.items).length),
    // the adopting decision: nested, or (as the server sends it) on the list itself
    adoption:
      (l.adoption as Partial<TownshipAdoption> | null | undefined) ??
      (l.decision_no ? { decision_no: str(l.decision_no), decided_on: str(l.decided_on), effective_from: str(l.effective_from) } : null),
    matters: asItems(l.matters ?? l.items).map((m) => ({
      ...(m as unknown as PublicMatter),
      citations: Array.isArray(m.citations) ? (m.citations as string[]) : [],
    })),
  }))
  return { county_code: str(c.county_code ?? c.code) || county, county_name: str(c.county_name ?? c.name), lists }
}
