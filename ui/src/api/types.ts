// Shapes of the JSON the server returns, as written in docs/api.md. Times are epoch milliseconds (UTC).

export interface Page<T> {
  items: T[]
  total: number
}

/** Common list query: `page` is 1-based, `page_size` at most 200. */
export interface PageQuery {
  page: number
  page_size: number
}

export interface RoleRef {
  id: number
  key: string
  name: string
}

export type DataScope = 'all' | 'custom' | 'org' | 'org_and_below' | 'division_and_below' | 'self'

export interface CurrentUser {
  id: number
  username: string
  display_name: string
  org_id: number
  org_name: string
  org_path: { id: number; name: string }[]
  roles: RoleRef[]
  permissions: string[]
  data_scope: DataScope
  must_change_password: boolean
}

export interface Session {
  user: CurrentUser
  csrf_token: string
}

export type OrgKind = 'city' | 'county' | 'township' | 'body' | 'department'

export interface OrgNode {
  id: number
  code: string
  name: string
  kind: OrgKind
  level: number
  parent_id: number | null
  children?: OrgNode[]
}

export interface OrgStats {
  county: number
  township: number
  body: number
  department: number
}

export interface Org {
  id: number
  code: string
  name: string
  short_name: string
  kind: OrgKind
  level: number
  parent_id: number | null
  parent_name: string
  status: string
  created_at: number
}

export interface User {
  id: number
  username: string
  display_name: string
  org_id: number
  org_name: string
  roles: RoleRef[]
  status: 'active' | 'disabled' | 'locked'
  phone_masked: string
  /** Full number; the server sends it only to holders of system:user:view_phone. */
  phone?: string
  must_change_password: boolean
  last_login_at: number | null
  created_at: number
}

export interface Role {
  id: number
  key: string
  name: string
  data_scope: DataScope
  custom_org_ids: number[]
  permissions: string[]
  builtin: boolean
  remark: string
}

export interface PermissionNode {
  key: string
  name: string
  type: 'menu' | 'button'
  children?: PermissionNode[]
}

export interface DictItem {
  value: string
  label: string
  tag_type: string
}

export type Dicts = Record<string, DictItem[]>

export interface LoginLog {
  id: number
  username: string
  ip: string
  user_agent: string
  result: 'ok' | 'bad_password' | 'locked' | 'disabled' | 'unknown_user'
  message: string
  at: number
}

export interface OperationLog {
  id: number
  username: string
  method: string
  path: string
  action: string
  status: number
  duration_ms: number
  request_id: string
  at: number
}

export interface LedgerEvent {
  seq: number
  at: number
  actor: string
  org_id: number
  entity: string
  entity_id: string | number
  action: string
  digest: string
}

export interface Checkpoint {
  size: number
  root: string
  time: number
  signature: string
  public_key: string
}

export interface InclusionProof {
  seq: number
  size: number
  /** 0-based position of the leaf (the server sends it; not in docs/api.md). */
  leaf_index?: number
  leaf_hash: string
  path: string[]
  root: string
}

/** Enforcement field key (执法领域), e.g. `market`; labels in the `enforcement_field` dictionary. */
export type EnforcementField = string

export type CertState =
  | 'applied'
  | 'exam_passed'
  | 'exam_failed'
  | 'issued'
  | 'suspended'
  | 'revoked'
  | 'cancelled'
  | 'expired'

export interface Officer {
  id: number
  name: string
  /** The enforcement body (org kind `body`) the officer belongs to. */
  org_id: number
  org_name: string
  id_number_masked: string
  gender: 'male' | 'female'
  post: string
  fields: EnforcementField[]
  legal_qualified: boolean
  /** 法制审核人员: reviews major enforcement decisions; needs the legal professional qualification. */
  legal_reviewer?: boolean
  /** `active` 在职 | `left` 离职 */
  status: string
  created_at: number
  /** The officer's current certificate (null when there is none). */
  certificate_number?: string | null
  certificate_state?: CertState | null
  certificate_state_label?: string | null
  /** YYYY-MM-DD, inclusive. */
  valid_until?: string | null
}

/** One step in a certificate's life; `event` is `apply` for the application itself (`from` is then ""). */
export interface CertificateEvent {
  event: string
  from: string
  to: string
  reason: string
  at: number
  /** Username of whoever recorded it. */
  by: string
}

export interface Certificate {
  id: number
  number: string | null
  state: CertState
  state_label: string
  fields: EnforcementField[]
  /** YYYY-MM-DD, set when issued. */
  valid_from: string | null
  /** YYYY-MM-DD, inclusive. */
  valid_until: string | null
  /** What may happen next, as buttons. */
  allowed_events: { event: string; label: string }[]
  events: CertificateEvent[]
}

export interface OfficerDetail extends Officer {
  /** Full ID number; the server sends it only to holders of people:officer:view_id. */
  id_number?: string
  certificates: Certificate[]
  /** An officer's photo is on file (GET /api/officers/{id}/photo). */
  has_photo: boolean
}

/** "May this officer act in this field on this date?" */
export interface Eligibility {
  officer_id: number
  field: EnforcementField
  date: string
  certified: boolean
  /** ok, body_not_active, body_not_confirmed, no_certificate_for_field, not_issued, not_yet_valid, expired, suspended, revoked, cancelled */
  code: string
  reason_zh: string
  reason_en: string
  /** The certificate the answer rests on; "" when there is none. */
  certificate_number: string
}

/** RFC 9457 problem+json body with the project's extensions. */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  code?: string
  message_zh?: string
  message_en?: string
  field?: string
  request_id?: string
  /** 422 `import.rows`: every bad row of a refused import. */
  errors?: ImportRowError[]
}

/** One bad cell of an import; `row` is the Excel row number (1 = the header). */
export interface ImportRowError {
  row: number
  column: string
  message_zh: string
  message_en?: string
}

// ---- second slice of the people issue: bodies, exams, training, supervisors, reports, portal ----

/** `organ` 行政机关 | `authorised` 法律法规授权组织 | `entrusted` 受委托组织 */
export type BodyKind = 'organ' | 'authorised' | 'entrusted'
/** `active` 正常 | `suspended` 暂停 | `revoked` 撤销 */
export type BodyStatus = 'active' | 'suspended' | 'revoked'

/** An enforcement body (执法主体): an org of kind `body` with what makes it one. */
export interface Body {
  org_id: number
  code: string
  name: string
  level: 'city' | 'county' | 'township'
  county_name: string
  parent_name: string
  kind: BodyKind
  kind_label: string
  legal_basis: string
  fields: EnforcementField[]
  /** 统一社会信用代码 (GB 32100). */
  credit_code: string | null
  status: BodyStatus
  status_label: string
  officer_count: number
  certified_count: number
  legal_reviewer_count: number
  /** Confirmed (主体资格确认) for the list's `year`. */
  confirmed: boolean
}

export interface BodyDetail extends Body {
  confirmed_years: number[]
}

/** A page of bodies, with the year `confirmed` speaks of. */
export interface BodyPage extends Page<Body> {
  year: number
}

/** `open` 进行中 | `scored` 已录入成绩 | `closed` 已结束 */
export type ExamStatus = 'open' | 'scored' | 'closed'

/** An exam session (执法资格考试). */
export interface ExamSession {
  id: number
  name: string
  /** The organiser. */
  org_id: number
  org_name: string
  /** YYYY-MM-DD */
  exam_date: string
  pass_mark: number
  status: ExamStatus
  status_label: string
  candidate_count: number
  scored_count: number
  passed_count: number
  failed_count: number
  issued_count: number
}

export type ExamOutcome = 'pending' | 'passed' | 'failed'

export interface ExamCandidate {
  id: number
  ticket_no: string
  officer_id: number
  officer_name: string
  org_name: string
  id_number_masked: string
  certificate_id: number
  fields: EnforcementField[]
  score: number | null
  outcome: ExamOutcome
  certificate_state: CertState
  certificate_state_label: string
  certificate_number: string | null
}

export interface ExamDetail extends ExamSession {
  candidates: ExamCandidate[]
}

export interface IssuedCertificate {
  officer_name: string
  number: string
  valid_from: string
  valid_until: string
}

export interface ExamIssueResult {
  issued: number
  certificates: IssuedCertificate[]
}

export interface ScoreImportResult {
  imported: number
  passed: number
  failed: number
}

export interface ImportResult {
  imported: number
}

/** `legal` 法律知识 | `professional` 业务知识 | `skills` 执法技能 */
export type TrainingCategory = 'legal' | 'professional' | 'skills'

/** A training class (培训班). */
export interface Training {
  id: number
  title: string
  org_id: number
  org_name: string
  category: TrainingCategory
  category_label: string
  start_date: string
  end_date: string
  hours: number
  attendee_count: number
}

export interface TrainingAttendee {
  officer_id: number
  officer_name: string
  org_name: string
  hours: number
}

export interface TrainingDetail extends Training {
  attendees: TrainingAttendee[]
}

/** An officer's training hours in a year, and how many are missing to the minimum. */
export interface TrainingHours {
  officer_id: number
  officer_name: string
  org_name: string
  hours: number
  missing: number
}

export interface TrainingHoursPage extends Page<TrainingHours> {
  year: number
  min_hours: number
}

/** `staff` 行政执法监督人员 | `social` 社会监督员 */
export type SupervisorKind = 'staff' | 'social'

export interface Supervisor {
  id: number
  kind: SupervisorKind
  kind_label: string
  name: string
  org_id: number
  org_name: string
  id_number_masked: string
  phone_masked: string
  /** staff: 监督证号 */
  certificate_number: string | null
  /** staff: 资格 */
  qualification: string | null
  /** social: 工作单位 */
  employer: string | null
  /** social: 监督区域 */
  area: string | null
  /** social: term of office, YYYY-MM-DD */
  term_start: string | null
  term_end: string | null
  /** `active` 在职 | `ended` 已离任 */
  status: 'active' | 'ended'
  status_label: string
}

export type CertifiedGroup = 'county' | 'body' | 'field'

export interface CertifiedRow {
  key: string
  label: string
  officers: number
  certified: number
}

export interface CertifiedReport {
  group: CertifiedGroup
  items: CertifiedRow[]
  total_officers: number
  total_certified: number
}

export interface ExpiringCertificate {
  officer_id: number
  officer_name: string
  org_name: string
  certificate_id: number
  number: string
  valid_until: string
  days_left: number
}

export interface LegalReviewRow {
  org_id: number
  name: string
  county_name: string
  officers: number
  reviewers: number
  percent: number
  below: boolean
}

export interface LegalReviewReport {
  min_percent: number
  items: LegalReviewRow[]
}

/** A confirmed body as the public portal shows it. */
export interface PublicBody {
  name: string
  county_name: string
  kind_label: string
  legal_basis: string
  fields: EnforcementField[]
}

export interface PublicBodyPage extends Page<PublicBody> {
  year: number
  years: number[]
  /**
   * The counties to filter by (`county=<code>`). Not in docs/api.md; the server being written sends it.
   * Without it the portal filters by the county names it has seen.
   */
  counties?: { code: string; name: string }[]
}

/** A certified officer as the public portal shows it (never an ID number or a phone). */
export interface PublicOfficer {
  name: string
  org_name: string
  certificate_number: string
  fields: EnforcementField[]
  valid_until: string
}
