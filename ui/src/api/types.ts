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

export type DataScope = 'all' | 'custom' | 'org' | 'org_and_below' | 'self'

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
  status: string
  created_at: number
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
}

/** "May this officer act in this field on this date?" */
export interface Eligibility {
  officer_id: number
  field: EnforcementField
  date: string
  certified: boolean
  /** ok, body_not_confirmed, no_certificate_for_field, not_issued, not_yet_valid, expired, suspended, revoked, cancelled */
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
}
