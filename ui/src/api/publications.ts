// Publication of enforcement decisions (行政执法决定公示, docs/api.md "Publication"): the publisher's desk
// (the queue of decisions to publish, the masked public copy beside the decision as made, 审核发布 /
// 不予公开 / 撤回公示), decisions registered by hand (licences and other decisions; penalties enter the
// queue by themselves when a case is decided), the timeliness of each body, the reminders before a
// deadline passes, the settings (deadlines in working days, online retention in years, the bodies
// whose decisions are published without approval) and a case's never-publish flag.
// The masking itself is the server's (src/domain/masking.cpp): the console only shows what it made.
// A refused call answers problem+json with the Chinese reason (and the `field` of a form input).
import { http, type RequestOptions } from './http'
import type { Page } from './types'

export type PublicationState = 'queued' | 'published' | 'exempt' | 'withdrawn' | 'expired'
/** A desk tab: a state, or `overdue` (queued past its deadline). */
export type PublicationTab = PublicationState | 'overdue'
export type DecisionKind = 'penalty' | 'licence' | 'other'
export type PartyType = 'person' | 'organisation'
/** 不予公开的理由. */
export type ExemptReason = 'minor' | 'secret' | 'privacy'
/** 撤回的原因: the decision was changed, revoked or found void. */
export type WithdrawKind = 'changed' | 'revoked' | 'void'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** The desk's tabs, in the order shown. */
export const PUBLICATION_TABS: { value: PublicationTab; label: string; tag: TagType }[] = [
  { value: 'queued', label: '待公示', tag: 'warning' },
  { value: 'overdue', label: '已超期', tag: 'danger' },
  { value: 'published', label: '已公示', tag: 'success' },
  { value: 'exempt', label: '不予公开', tag: 'info' },
  { value: 'withdrawn', label: '已撤回', tag: 'danger' },
  { value: 'expired', label: '已下网', tag: 'info' },
]
export const isPublicationTab = (v: unknown): v is PublicationTab => PUBLICATION_TABS.some((t) => t.value === v)
export const publicationStateTag = (state: string): TagType => PUBLICATION_TABS.find((t) => t.value === state)?.tag ?? 'info'

export const DECISION_KINDS: { value: DecisionKind; label: string }[] = [
  { value: 'penalty', label: '行政处罚' },
  { value: 'licence', label: '行政许可' },
  { value: 'other', label: '其他行政执法决定' },
]
/** What may be registered by hand (penalties come from their cases). */
export const REGISTRABLE_KINDS = DECISION_KINDS.filter((k) => k.value !== 'penalty') as { value: 'licence' | 'other'; label: string }[]

export const EXEMPT_REASONS: { value: ExemptReason; label: string }[] = [
  { value: 'minor', label: '涉及未成年人' },
  { value: 'secret', label: '涉及国家秘密' },
  { value: 'privacy', label: '涉及个人隐私' },
]
export const exemptReasonLabel = (r: string | null | undefined) => EXEMPT_REASONS.find((x) => x.value === r)?.label ?? r ?? ''

export const WITHDRAW_KINDS: { value: WithdrawKind; label: string }[] = [
  { value: 'changed', label: '决定已变更' },
  { value: 'revoked', label: '决定已撤销' },
  { value: 'void', label: '决定被确认无效' },
]

export const partyTypeLabel = (t: string) => (t === 'person' ? '自然人' : '法人或其他组织')

/** One decision on the desk (the list's row; the detail adds to it). */
export interface PublicationSummary {
  id: number
  /** The penalty case it came from; null for a decision registered by hand. */
  case_id: number | null
  org_id: number
  org_name: string
  kind: DecisionKind
  kind_label: string
  state: PublicationState
  state_label: string
  decision_no: string
  decided_on: string
  /** The last day to publish (working days after the decision, by the settings). */
  due_on: string
  /** Calendar days to `due_on` (negative: past it); only while queued. */
  days_left?: number
  overdue: boolean
  /** The party's full name: staff only, never public. */
  party: string
  party_type: PartyType
  field: string
  field_label: string
  exempt_reason: ExemptReason | null
  published_on: string | null
  /** Published by its deadline (null while not published). */
  on_time: boolean | null
  /** Published by the body's automatic publication, not by a publisher. */
  auto_published: boolean
  /** The day it leaves the portal (retention). */
  expires_on: string | null
  withdrawn_on: string | null
  version: number
}

/** The counts of the desk's tabs, in the caller's orgs (whatever the other filters). A state without
 * decisions may be left out. */
export type PublicationCounts = Partial<Record<PublicationTab, number>>

export interface PublicationPage extends Page<PublicationSummary> {
  page: number
  page_size: number
  counts: PublicationCounts
}

export interface PublicationQuery {
  state?: PublicationTab
  org_id?: number
  kind?: DecisionKind | ''
  /** Decision number, party or text. */
  q?: string
  page: number
  page_size: number
}

/** The decision as made (unmasked: staff only). */
export interface DecisionSource {
  kind: DecisionKind
  org_id: number
  /** The body's name. */
  body: string
  decision_no: string
  decided_on: string
  party: string
  party_type: PartyType
  field: string
  matter?: string
  /** 违法事实 / 决定内容. */
  facts?: string
  basis?: string
  result?: string
}

/** The masked copy the portal shows (as it will read once published, when `preview`). */
export interface DecisionPublic {
  title: string
  body: string
  decision_no: string
  kind: DecisionKind
  kind_label: string
  decided_on: string
  published_on: string
  party: string
  party_type: PartyType
  field: string
  field_label: string
  matter?: string
  facts?: string
  basis?: string
  result?: string
}

export interface Withdrawal {
  kind: WithdrawKind
  kind_label: string
  reason: string
  /** The day the decision was changed, revoked or found void. */
  changed_on: string
  /** The last day to withdraw (working days after `changed_on`). */
  due_on: string
  withdrawn_on: string
  on_time: boolean
}

export interface PublicationDetail extends PublicationSummary {
  source: DecisionSource
  /** The names (parties who are natural persons, other people named) the public copy hides. */
  masked_names: string[]
  public: DecisionPublic
  /** The public copy is a preview: not published yet. */
  preview?: boolean
  /** SM3 of the published text, and its event in the ledger. */
  public_sm3?: string
  publish_seq?: number
  exempt_label: string | null
  exempt_note: string | null
  withdrawal?: Withdrawal
  /** The portal's page of the decision (published or withdrawn). */
  url: string | null
}

/** POST /api/publications: a licence or other decision registered by hand. */
export interface PublicationCreate {
  kind: 'licence' | 'other'
  org_id: number
  decision_no: string
  decided_on: string
  party: string
  party_type: PartyType
  field: string
  matter?: string
  /** The decision's text (shown masked on the portal). */
  content: string
  basis?: string
  result?: string
  /** Other people named in the text, to mask besides the party. */
  names?: string[]
}

export interface WithdrawBody {
  kind: WithdrawKind
  reason: string
  /** YYYY-MM-DD; the server's default is today. */
  changed_on?: string
}

export interface BodyTimeliness {
  org_id: number
  org_name: string
  /** Decisions made in the year. */
  total: number
  on_time: number
  late: number
  /** Queued past the deadline. */
  overdue: number
  /** Queued, deadline not yet passed. */
  waiting: number
  exempt: number
  /** on_time / (on_time + late + overdue); null with nothing due. */
  rate: number | null
}

export interface Timeliness {
  year: number
  total: number
  on_time: number
  late: number
  overdue: number
  waiting: number
  rate: number | null
  /** Worst first. */
  bodies: BodyTimeliness[]
}

export interface PublicationReminder {
  publication_id: number
  org_name: string
  kind: 'publication'
  due: string
  overdue: boolean
  days_left: number
  /** The server's sentence, e.g. 【已超期 3 天】…决定 …号 应于 … 前公示. */
  text: string
}

/** The server answers at most this many reminders (the earliest deadlines first). */
export const REMINDERS_LIMIT = 50

export interface PublicationSettings {
  /** Working days after the decision to publish it. */
  penalty_days: number
  licence_days: number
  other_days: number
  /** Working days after a change to withdraw the publication. */
  withdraw_days: number
  /** Years online after publication; for a natural person no longer than `retention_years`. */
  retention_years: number
  retention_years_person: number
  /** Working days before a deadline the publisher is reminded (0: on the day). */
  remind_days: number
  /** Bodies whose decisions are published without approval. */
  auto_publish: number[]
}

export interface PublicationSettingsAnswer extends PublicationSettings {
  auto_publish_bodies: { id: number; name: string }[]
}

/** The answer of POST /api/cases/{id}/disclosure. */
export interface CaseDisclosure {
  case_id: number
  disclosure_exempt: ExemptReason | null
  disclosure_note: string
}

/** The desk's menu key: who may list decisions, and read reminders and settings. */
export const PUBLISH_QUEUE_LIST = 'publish:queue:list'
/** 409: the decision changed since it was loaded. */
export const PUBLICATION_STALE = 'publication.stale'

const BASE = '/api/publications'

export const listPublications = (q: PublicationQuery, opts: RequestOptions = {}) =>
  http.get<PublicationPage>(BASE, { ...q }, opts)
export const fetchPublication = (id: number, opts: RequestOptions = {}) => http.get<PublicationDetail>(`${BASE}/${id}`, undefined, opts)
export const publishDecision = (id: number, version: number, opts: RequestOptions = {}) =>
  http.post<PublicationDetail>(`${BASE}/${id}/publish`, { version }, opts)
export const exemptDecision = (id: number, body: { reason: ExemptReason; note: string }, opts: RequestOptions = {}) =>
  http.post<PublicationDetail>(`${BASE}/${id}/exempt`, body, opts)
export const withdrawDecision = (id: number, body: WithdrawBody, opts: RequestOptions = {}) =>
  http.post<PublicationDetail>(`${BASE}/${id}/withdraw`, body, opts)
export const createPublication = (body: PublicationCreate, opts: RequestOptions = {}) => http.post<PublicationDetail>(BASE, body, opts)
export const fetchTimeliness = (year: number, opts: RequestOptions = {}) =>
  http.get<Timeliness>(`${BASE}/timeliness`, { year }, opts)
export const fetchPublicationReminders = (opts: RequestOptions = {}) =>
  http.get<{ items: PublicationReminder[] }>(`${BASE}/reminders`, undefined, opts)
export const fetchPublicationSettings = (opts: RequestOptions = {}) =>
  http.get<PublicationSettingsAnswer>('/api/settings/publication', undefined, opts)
export const savePublicationSettings = (body: PublicationSettings, opts: RequestOptions = {}) =>
  http.put<PublicationSettingsAnswer>('/api/settings/publication', body, opts)
/** Runs the retention job now: takes down what is past its online period. */
export const takeDownExpired = (opts: RequestOptions = {}) => http.post<{ taken_down: number }>(`${BASE}/take-down`, {}, opts)
/** Flags a case never to be published (its publication becomes 不予公开), or clears the flag (`reason` null). */
export const setCaseDisclosure = (caseId: number, body: { reason: ExemptReason | null; note: string }, opts: RequestOptions = {}) =>
  http.post<CaseDisclosure>(`/api/cases/${caseId}/disclosure`, body, opts)

/** The rate 0..1 as a percentage with one decimal ("90.8%"), or "—". */
export function ratePercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`
}

/** 剩 3 天 / 今日到期 / 超期 5 天 for a queued decision's deadline. */
export function daysLeftText(daysLeft: number | undefined | null): string {
  if (daysLeft === undefined || daysLeft === null) return ''
  if (daysLeft < 0) return `超期 ${-daysLeft} 天`
  return daysLeft === 0 ? '今日到期' : `剩 ${daysLeft} 天`
}
