// Supervisors (监督人员): 行政执法监督人员 (staff) and 社会监督员 (social) (docs/api.md "Supervisors").
import { http, type RequestOptions } from './http'
import type { Page, Supervisor, SupervisorKind } from './types'

export interface SupervisorQuery {
  kind: SupervisorKind
  /** An org and the orgs below it. */
  org_id?: number
  /** Part of the name. */
  q?: string
  status?: Supervisor['status'] | ''
  page: number
  page_size: number
}

/** What both kinds share; the kind decides which of the optional ones apply. */
export interface SupervisorFields {
  name: string
  phone?: string
  org_id: number
  /** staff: 监督证号 */
  certificate_number?: string
  /** staff: 资格 */
  qualification?: string
  /** social: 工作单位 */
  employer?: string
  /** social: 监督区域 */
  area?: string
  /** social: term of office, YYYY-MM-DD */
  term_start?: string
  term_end?: string
}

export interface SupervisorCreate extends SupervisorFields {
  kind: SupervisorKind
  /** 18 characters, GB 11643 check digit. */
  id_number: string
}

/** The same fields as a creation but the kind and the ID number, plus the status. */
export interface SupervisorUpdate extends SupervisorFields {
  status: Supervisor['status']
}

export const SUPERVISORS_PATH = '/api/supervisors'

export const listSupervisors = (q: SupervisorQuery) => http.get<Page<Supervisor>>(SUPERVISORS_PATH, { ...q })
export const createSupervisor = (body: SupervisorCreate, opts: RequestOptions = {}) =>
  http.post<Supervisor>(SUPERVISORS_PATH, body, opts)
export const updateSupervisor = (id: number, body: SupervisorUpdate, opts: RequestOptions = {}) =>
  http.put<Supervisor>(`${SUPERVISORS_PATH}/${id}`, body, opts)
