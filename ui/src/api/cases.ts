// Penalty cases (行政处罚案件), first slice (docs/api.md "Penalty cases"). The procedure and its labels are
// src/domain/case_flow.cpp; a refused step answers 422 / 409 / 403 with the reason and the article in
// `message_zh`, and changes nothing.
import { http, type RequestOptions } from './http'
import type { EnforcementField, Page } from './types'

export type CaseProcedure = 'general' | 'simplified'
export type CaseSource = 'complaint' | 'inspection' | 'grid' | 'transfer' | 'referral' | 'own'
export type PartyType = 'person' | 'organisation'
export type PenaltyKind =
  | 'warning'
  | 'fine'
  | 'confiscation'
  | 'suspend_licence'
  | 'lower_qualification'
  | 'revoke_licence'
  | 'restrict_activity'
  | 'order_closure'
  | 'restrict_practice'
  | 'detention'
  | 'other'

/** The states of case_flow.cpp, in the order of the procedure. */
export const CASE_STATES: { value: string; label: string; tag: 'primary' | 'success' | 'info' | 'warning' | 'danger' }[] = [
  { value: 'lead', label: '线索登记', tag: 'info' },
  { value: 'investigating', label: '调查取证', tag: 'primary' },
  { value: 'noticed', label: '已告知(陈述申辩期)', tag: 'primary' },
  { value: 'hearing', label: '听证', tag: 'warning' },
  { value: 'reviewing', label: '法制审核', tag: 'warning' },
  { value: 'pending_decision', label: '待决定', tag: 'warning' },
  { value: 'collective', label: '集体讨论', tag: 'warning' },
  { value: 'decided', label: '已作出决定', tag: 'success' },
  { value: 'served', label: '已送达(履行期)', tag: 'success' },
  { value: 'enforcing', label: '强制执行', tag: 'danger' },
  { value: 'executed', label: '执行完毕', tag: 'success' },
  { value: 'closed', label: '已结案', tag: 'info' },
  { value: 'archived', label: '已归档', tag: 'info' },
  { value: 'suspended', label: '中止', tag: 'danger' },
  { value: 'terminated', label: '终止', tag: 'info' },
  { value: 'withdrawn', label: '撤销立案', tag: 'info' },
  { value: 'transferred', label: '已移送', tag: 'info' },
  { value: 'dismissed', label: '不予立案', tag: 'info' },
  { value: 'passed_on', label: '已移交其他机关', tag: 'info' },
]

export const caseStateTag = (state: string) => CASE_STATES.find((s) => s.value === state)?.tag ?? 'info'
export const caseStateLabel = (state: string) => CASE_STATES.find((s) => s.value === state)?.label ?? state

/** The actions of case_flow.cpp, and `register` (the lead itself), for the timeline. */
export const CASE_ACTION_LABELS: Record<string, string> = {
  register: '登记线索',
  file: '立案',
  dismiss: '不予立案',
  pass_on: '移交其他机关',
  decide_on_spot: '简易程序当场处罚',
  notify: '送达事先告知书',
  close_without_penalty: '不予处罚或违法事实不成立,结案',
  request_hearing: '登记听证申请',
  schedule_hearing: '通知听证时间',
  submit_review: '提交法制审核',
  submit_decision: '提请作出决定',
  review_agree: '审核通过',
  review_correct: '退回补正',
  review_transfer: '审核意见:移送',
  refer_collective: '提交集体讨论',
  decide: '作出处罚决定',
  serve: '送达决定书',
  record_payment: '登记缴款/履行',
  apply_enforcement: '申请强制执行',
  finish_enforcement: '强制执行完毕',
  close: '结案',
  archive: '归档',
  suspend: '中止调查',
  resume: '恢复调查',
  terminate: '终止调查',
  withdraw: '撤销立案',
  transfer: '移送',
  request_extension: '申请延长办案期限',
  approve_extension: '批准延长办案期限',
  reject_extension: '不批准延长办案期限',
  defer_payment: '批准暂缓或分期缴纳罚款',
}

export const PENALTY_KINDS: { value: PenaltyKind; label: string }[] = [
  { value: 'warning', label: '警告、通报批评' },
  { value: 'fine', label: '罚款' },
  { value: 'confiscation', label: '没收违法所得、没收非法财物' },
  { value: 'suspend_licence', label: '暂扣许可证件' },
  { value: 'lower_qualification', label: '降低资质等级' },
  { value: 'revoke_licence', label: '吊销许可证件' },
  { value: 'restrict_activity', label: '限制开展生产经营活动' },
  { value: 'order_closure', label: '责令停产停业、责令关闭' },
  { value: 'restrict_practice', label: '限制从业' },
  { value: 'detention', label: '行政拘留' },
  { value: 'other', label: '其他行政处罚' },
]
export const penaltyKindLabel = (k: string) => PENALTY_KINDS.find((p) => p.value === k)?.label ?? k

export const CASE_SOURCES: { value: CaseSource; label: string }[] = [
  { value: 'complaint', label: '投诉举报' },
  { value: 'inspection', label: '监督检查' },
  { value: 'grid', label: '网格巡查' },
  { value: 'transfer', label: '移送' },
  { value: 'referral', label: '上级交办' },
  { value: 'own', label: '自行发现' },
]

export const CASE_PROCEDURES: { value: CaseProcedure; label: string }[] = [
  { value: 'general', label: '普通程序' },
  { value: 'simplified', label: '简易程序' },
]

/** APL 58 review flags of `notify`'s `data.review`. */
export const REVIEW_FLAGS: { key: keyof ReviewFlags; label: string }[] = [
  { key: 'major_public_interest', label: '涉及重大公共利益' },
  { key: 'major_rights', label: '直接关系当事人或者第三人重大权益' },
  { key: 'complex', label: '案件情况疑难复杂、涉及多个法律关系' },
  { key: 'law_requires', label: '法律、法规规定应当进行法制审核' },
  { key: 'manual', label: '负责人决定审核' },
]

export interface ReviewFlags {
  major_public_interest?: boolean
  major_rights?: boolean
  complex?: boolean
  law_requires?: boolean
  manual?: boolean
}

/** `notify`'s `data.discretion`: the benchmark the officer checks the intended fine against (APL 34). */
export interface DiscretionInput {
  benchmark_id: number
  /** The level key of the benchmark (minor | general | serious | grave …). */
  level: string
  first_violation?: boolean
  harm?: 'none' | 'minor' | 'serious'
  /** Days after discovery it was corrected; left out: not corrected. */
  corrected_in_days?: number
  /** Illegal gains or goods value in fen, for a benchmark fined by a multiple. */
  base_fen?: number
  /** 偏离理由: with it a fine outside the range is accepted and the case needs a legal review. */
  reason?: string
}

/** What `notify` recorded of the benchmark (`data.discretion_result`). */
export interface DiscretionResult {
  /** The benchmark's code. */
  benchmark: string
  level: string
  outcome: 'no_penalty' | 'may_waive' | 'penalty' | string
  min_fen: number
  max_fen: number
  reasons: string[]
  /** Codes of the lenient-list entries that matched / that wait for the officer's confirmation. */
  lenient_matches: string[]
  lenient_candidates: string[]
  deviates: boolean
}

/** A step's `data.discretion_result`, or null; list entries read as codes whether sent as strings or objects. */
export function discretionResultOf(s: Pick<CaseStep, 'data'> | null | undefined): DiscretionResult | null {
  const r = s?.data?.discretion_result
  if (!r || typeof r !== 'object') return null
  const d = r as Record<string, unknown>
  const codes = (v: unknown): string[] =>
    Array.isArray(v)
      ? v
          .map((x) => (typeof x === 'string' ? x : x && typeof x === 'object' ? String((x as { code?: unknown }).code ?? '') : ''))
          .filter(Boolean)
      : []
  return {
    benchmark: typeof d.benchmark === 'string' ? d.benchmark : String(d.benchmark ?? ''),
    level: typeof d.level === 'string' ? d.level : '',
    outcome: typeof d.outcome === 'string' ? d.outcome : '',
    min_fen: typeof d.min_fen === 'number' ? d.min_fen : 0,
    max_fen: typeof d.max_fen === 'number' ? d.max_fen : 0,
    reasons: Array.isArray(d.reasons) ? d.reasons.filter((x): x is string => typeof x === 'string') : [],
    lenient_matches: codes(d.lenient_matches),
    lenient_candidates: codes(d.lenient_candidates),
    deviates: d.deviates === true,
  }
}

/** Fen as a bare yuan number, e.g. 500000 → "5,000" (for "5,000–50,000 元"). */
export const yuanNumber = (fen: number) => (fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })

export interface Penalty {
  kinds: PenaltyKind[]
  fine_fen?: number
  confiscation_fen?: number
}

export interface CaseOfficer {
  id: number
  name: string
}

export interface CaseStep {
  action: string
  from: string
  to: string
  to_label: string
  role: string
  by_name: string
  /** epoch ms */
  at: number
  note: string
  data: Record<string, unknown>
  ledger_seq: number
}

/**
 * The hearing date of the case: `data.hearing_on` of its latest `schedule_hearing` step (APL 64: the party
 * is told at least 7 working days ahead; the case leaves the hearing stage on or after that day), or ''.
 */
export function scheduledHearing(steps: CaseStep[] | null | undefined): string {
  // The hearing of the latest request for one (a case heard again after 退回补正 needs a new date).
  for (const s of [...(steps ?? [])].reverse()) {
    if (s.action === 'request_hearing') return ''
    if (s.action === 'schedule_hearing' && typeof s.data?.hearing_on === 'string') return s.data.hearing_on
  }
  return ''
}

/**
 * The date the next step may not precede: `data.on` of the latest step after the registration, else the
 * day the lead was discovered (the server refuses earlier ones with 400 `case.before_previous`).
 */
export function previousStepDate(c: Pick<CaseDetail, 'steps' | 'discovered'> | null | undefined): string {
  if (!c) return ''
  for (const s of [...(c.steps ?? [])].reverse()) {
    if (s.action === 'register') continue
    return typeof s.data?.on === 'string' ? s.data.on : c.discovered
  }
  return c.discovered
}

export interface CaseAvailableAction {
  action: string
  label: string
  role: string
}

/** A request to extend the decision deadline awaiting the leadership (`request_extension`). */
export interface ExtensionRequest {
  days: number
  reason: string
  /** YYYY-MM-DD */
  on: string
}

/** One instalment of a fine (分期缴纳). */
export interface Instalment {
  /** YYYY-MM-DD */
  due: string
  fine_fen: number
}

export type PaymentPlanKind = 'deferral' | 'instalments'

export const PAYMENT_PLAN_KINDS: { value: PaymentPlanKind; label: string }[] = [
  { value: 'deferral', label: '暂缓缴纳' },
  { value: 'instalments', label: '分期缴纳' },
]
export const paymentPlanKindLabel = (k: string) => PAYMENT_PLAN_KINDS.find((p) => p.value === k)?.label ?? k

/** A deferred or instalment payment of the fine (APL 66), approved by `defer_payment` (`data.plan`). */
export interface PaymentPlan {
  kind: PaymentPlanKind
  /** The party's written application, YYYY-MM-DD. */
  applied_on: string
  /** deferral: the new last day. */
  until?: string
  /** instalments: two or more, ascending, adding up to the fine. */
  instalments?: Instalment[]
}

export type TransferReceiverKind = 'police' | 'agency'

export const TRANSFER_RECEIVER_KINDS: { value: TransferReceiverKind; label: string }[] = [
  { value: 'police', label: '移送公安机关（涉嫌犯罪）' },
  { value: 'agency', label: '移送其他有管辖权的机关' },
]

export type TransferMaterial = 'transfer_letter' | 'investigation_report' | 'item_list' | 'inspection_report'

/** The materials a transfer to the police carries (《行政执法机关移送涉嫌犯罪案件的规定》第六条). */
export const TRANSFER_MATERIALS: { value: TransferMaterial; label: string }[] = [
  { value: 'transfer_letter', label: '涉嫌犯罪案件移送书' },
  { value: 'investigation_report', label: '涉嫌犯罪案件情况的调查报告' },
  { value: 'item_list', label: '涉案物品清单' },
  { value: 'inspection_report', label: '有关检验报告或者鉴定结论' },
]
export const transferMaterialLabel = (k: string) => TRANSFER_MATERIALS.find((m) => m.value === k)?.label ?? k

/** Where a case went (`transfer`, `review_transfer`, `pass_on`: `data.transfer`). */
export interface TransferFacts {
  receiver_kind: TransferReceiverKind
  receiver: string
  materials: TransferMaterial[]
  /** No goods were involved: no list of them. */
  no_items: boolean
  /** Nothing was inspected or appraised. */
  no_inspection: boolean
}

export interface PenaltyCase {
  id: number
  org_id: number
  org_name: string
  procedure: CaseProcedure
  source: CaseSource
  summary: string
  party_name: string
  party_type: PartyType
  field: EnforcementField
  field_label: string
  matter_id: number | null
  act_date: string
  act_end: string | null
  discovered: string
  grave_harm: boolean
  state: string
  state_label: string
  filed_on: string | null
  decision_due: string | null
  decided_on: string | null
  decision_no: string | null
  service_due: string | null
  served_on: string | null
  payment_due: string | null
  /** Days the decision deadline was extended by, in all. */
  extension_days?: number
  extension_request?: ExtensionRequest | null
  payment_plan?: PaymentPlan | null
  transfer?: TransferFacts | null
  /** 公示: the case is never published (minor | secret | privacy), with the note; null when not. */
  disclosure_exempt?: string | null
  disclosure_note?: string | null
  penalty: Penalty | null
  noticed_penalty: Penalty | null
  review_required: boolean
  review_passed: boolean
  read_only: boolean
  version: number
}

export interface CaseDetail extends PenaltyCase {
  officers: CaseOfficer[]
  steps: CaseStep[]
  actions: CaseAvailableAction[]
}

export interface CaseQuery {
  state?: string
  org_id?: number
  officer_id?: number
  /** YYYY-MM-DD */
  due_before?: string
  q?: string
  page: number
  page_size: number
}

export interface CaseCreate {
  org_id: number
  procedure: CaseProcedure
  source: CaseSource
  summary: string
  party_name: string
  party_type: PartyType
  field: EnforcementField | string
  matter_id?: number | null
  act_date: string
  act_end?: string | null
  discovered: string
  grave_harm?: boolean
  officer_ids: number[]
}

export interface CaseActionBody {
  action: string
  /** The version the page loaded (409 `case.stale` when someone acted since). */
  version: number
  note?: string
  data?: Record<string, unknown>
}

export const CASE_STALE = 'case.stale'
export const CASES_PATH = '/api/cases'

export const listCases = (q: CaseQuery, opts: RequestOptions = {}) => http.get<Page<PenaltyCase>>(CASES_PATH, { ...q }, opts)
export const fetchCase = (id: number, opts: RequestOptions = {}) => http.get<CaseDetail>(`${CASES_PATH}/${id}`, undefined, opts)
export const createCase = (body: CaseCreate, opts: RequestOptions = {}) => http.post<CaseDetail>(CASES_PATH, body, opts)
export const caseAction = (id: number, body: CaseActionBody, opts: RequestOptions = {}) =>
  http.post<CaseDetail>(`${CASES_PATH}/${id}/actions`, body, opts)

/** Yuan as typed (up to 2 decimals) to whole fen. */
export const toFen = (yuanAmount: number | null | undefined) => Math.round((yuanAmount ?? 0) * 100)

/** Fen as yuan, e.g. 12000000 → "120,000 元". */
export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '' : `${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`

/** 警告、罚款 120,000 元 */
export function penaltyText(p: Penalty | null | undefined): string {
  if (!p) return ''
  const parts = (p.kinds ?? []).map((k) => (k === 'fine' && p.fine_fen ? `罚款 ${yuan(p.fine_fen)}` : penaltyKindLabel(k)))
  if (p.confiscation_fen) parts.push(`没收 ${yuan(p.confiscation_fen)}`)
  return parts.join('、')
}

// ---- 办案期限 (GET /api/cases/deadlines) and the header's reminders (GET /api/notifications) ----

/** Which deadline of a case is open: the decision (APL 60), serving it (APL 61), paying the fine (APL 67). */
export type DeadlineKind = 'decision' | 'service' | 'payment'

export const DEADLINE_KINDS: { value: DeadlineKind; label: string }[] = [
  { value: 'decision', label: '作出决定' },
  { value: 'service', label: '送达决定书' },
  { value: 'payment', label: '缴纳罚款' },
]
export const deadlineKindLabel = (k: string) => DEADLINE_KINDS.find((d) => d.value === k)?.label ?? (k === 'review' ? '法制审核' : k)

export interface CaseDeadline {
  case_id: number
  party_name: string
  org_name: string
  state: string
  state_label: string
  kind: DeadlineKind
  /** YYYY-MM-DD */
  due: string
  overdue: boolean
  /** Days from today to `due`; negative when overdue. */
  days_left: number
  /** Names of the case's officers. */
  officers: string[]
}

/** Counts per enforcement body or per officer. */
export interface DeadlineCount {
  name: string
  overdue: number
  due: number
}

export interface CaseDeadlines {
  /** YYYY-MM-DD */
  today: string
  /** The last day counted as 即将到期. */
  until: string
  /** Overdue, or due by `until`, earliest first. */
  items: CaseDeadline[]
  by_body: DeadlineCount[]
  by_officer: DeadlineCount[]
}

export const CASE_DEADLINES_PATH = '/api/cases/deadlines'
/** Overdue deadlines and those due within `within` days (1–365), in the caller's scope. */
export const listDeadlines = (within: number, opts: RequestOptions = {}) =>
  http.get<CaseDeadlines>(CASE_DEADLINES_PATH, { within }, opts)

export interface CaseNotification {
  case_id: number
  party_name: string
  org_name: string
  kind: DeadlineKind | 'review'
  /** YYYY-MM-DD */
  due: string
  overdue: boolean
  days_left: number
  /** A sentence to show as is. */
  text: string
}

export interface CaseNotifications {
  overdue: number
  due: number
  items: CaseNotification[]
}

export const NOTIFICATIONS_PATH = '/api/notifications'
/** The caller's case reminders (the header bell). A server without it answers 404. */
export const listNotifications = (opts: RequestOptions = {}) => http.get<CaseNotifications>(NOTIFICATIONS_PATH, undefined, opts)

// ---- 持证异常人员办案情况 (GET /api/reports/uncertified-on-cases) ----

/**
 * Why an officer holds no certificate in force today for the case's field (the eligibility rule's code):
 * 'suspended' / 'revoked' (暂扣 / 吊销), 'expired', 'no_certificate_for_field', 'body_not_confirmed', …
 */
export type UncertifiedCode = 'suspended' | 'revoked' | 'expired' | 'no_certificate_for_field' | 'body_not_confirmed' | (string & {})

/** An officer still on an open case who holds no certificate in force today for its field. */
export interface UncertifiedOnCase {
  case_id: number
  party_name: string
  org_name: string
  state: string
  state_label: string
  officer_id: number
  officer_name: string
  field_label: string
  code: UncertifiedCode
  /** Why, in Chinese, to show as is. */
  reason: string
}

export interface UncertifiedOnCases {
  /** YYYY-MM-DD: the day the certificates were checked against. */
  date: string
  total: number
  /** By case, then officer. */
  items: UncertifiedOnCase[]
}

export const UNCERTIFIED_ON_CASES_PATH = '/api/reports/uncertified-on-cases'
/** Officers on open cases in the caller's scope without a certificate in force today for the case's field. */
export const listUncertifiedOnCases = (opts: RequestOptions = {}) =>
  http.get<UncertifiedOnCases>(UNCERTIFIED_ON_CASES_PATH, undefined, opts)

// ---- 办案规则设置 (GET / PUT /api/settings/case-rules) ----

/** The permission to change the case rules. */
export const CASE_SETTINGS_MANAGE = 'case:settings:manage'

/** 较大数额: from these amounts a fine or confiscation carries a hearing right (APL 63). */
export interface HearingThresholds {
  person_fine_fen: number
  organisation_fine_fen: number
  person_confiscation_fen: number
  organisation_confiscation_fen: number
}

/** Legal review beyond APL 58: a fine at or above `fine_fen` (0: not by amount), these penalty kinds. */
export interface ReviewSettings {
  fine_fen: number
  kinds: PenaltyKind[]
}

/** How long the decision deadline of a field may be extended, and the rule that allows it. */
export interface ExtensionRule {
  days: number
  basis: string
}

export interface CaseRulesBody {
  hearing: HearingThresholds
  review: ReviewSettings
  /** Enforcement field → rule; a field not listed cannot extend. */
  extensions: Record<string, ExtensionRule>
}

export interface CaseRules extends CaseRulesBody {
  /** epoch ms, null before the first change */
  updated_at: number | null
  updated_by: string | null
}

export const CASE_RULES_PATH = '/api/settings/case-rules'
export const fetchCaseRules = (opts: RequestOptions = {}) => http.get<CaseRules>(CASE_RULES_PATH, undefined, opts)
/** All three parts; 400 case_settings.invalid (with `field`) or case_settings.unchanged. */
export const saveCaseRules = (body: CaseRulesBody, opts: RequestOptions = {}) => http.put<CaseRules>(CASE_RULES_PATH, body, opts)
