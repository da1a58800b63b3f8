// Enforcement bodies (执法主体) and their yearly confirmation (docs/api.md "Enforcement bodies"). The
// confirmation itself is `confirmBodies` in people.ts (first slice).
import { http, type RequestOptions } from './http'
import type { Body, BodyDetail, BodyKind, BodyPage, BodyStatus, EnforcementField } from './types'

export interface BodyQuery {
  /** An org: the bodies at or below it. */
  org_id?: number
  /** Part of the name. */
  q?: string
  kind?: BodyKind | ''
  field?: EnforcementField | ''
  status?: BodyStatus | ''
  /** The year `confirmed` speaks of; the server's default is this year (Asia/Shanghai). */
  year?: number
  page: number
  page_size: number
}

export interface BodyUpdate {
  kind: BodyKind
  legal_basis: string
  fields: EnforcementField[]
  /** 统一社会信用代码, 18 characters (GB 32100); left out when empty. */
  credit_code?: string
  status: BodyStatus
}

export const BODIES_PATH = '/api/bodies'

export const listBodies = (q: BodyQuery) => http.get<BodyPage>(BODIES_PATH, { ...q })
export const fetchBody = (orgId: number) => http.get<BodyDetail>(`${BODIES_PATH}/${orgId}`)
/** Answers the list item (without `confirmed_years`). */
export const updateBody = (orgId: number, body: BodyUpdate, opts: RequestOptions = {}) =>
  http.put<Body>(`${BODIES_PATH}/${orgId}`, body, opts)
/** The 主体资格确认公告 of a year as a PDF. */
export const announcementPath = (year: number) => `/api/body-confirmations/${year}/announcement.pdf`
export const fetchAnnouncement = (year: number) => http.download(announcementPath(year))
