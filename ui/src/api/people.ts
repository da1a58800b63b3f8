// Enforcement officers (执法人员), their certificates (执法证) and the yearly confirmation of bodies
// (src/modules/people/people_routes.cpp).
import { http, type RequestOptions } from './http'
import { uploadXlsx } from './files'
import type { CertState, EnforcementField, Eligibility, ImportResult, Officer, OfficerDetail, Page } from './types'

export interface OfficerQuery {
  /** An org: its officers and those of the orgs below it. */
  org_id?: number
  /** Part of the name. */
  q?: string
  field?: EnforcementField | ''
  /** Officers whose current certificate is in this state (e.g. `applied`: waiting for the exam). */
  cert_state?: CertState | ''
  /** Only 法制审核人员. */
  legal_reviewer?: boolean
  page: number
  page_size: number
}

export interface OfficerCreate {
  name: string
  /** 18 characters, GB 11643 check digit. */
  id_number: string
  /** An enforcement body (org kind `body`) within the caller's scope. */
  org_id: number
  post?: string
  fields: EnforcementField[]
  legal_qualified?: boolean
}

export interface CertificateAction {
  /** One of the certificate's `allowed_events`. */
  event: string
  /** Required by every event but pass_exam, pass_review and issue. */
  reason?: string
  /** issue only: certificate number and validity (YYYY-MM-DD, inclusive). */
  number?: string
  valid_from?: string
  valid_until?: string
}

/** Every key optional: only what is sent changes. */
export interface OfficerUpdate {
  org_id?: number
  post?: string
  fields?: EnforcementField[]
  legal_qualified?: boolean
  /** 法制审核人员; needs `legal_qualified`. */
  legal_reviewer?: boolean
  status?: 'active' | 'left'
}

export const OFFICERS_PATH = '/api/officers'
export const OFFICER_IMPORT_PATH = '/api/officers/import'
export const OFFICER_IMPORT_TEMPLATE_PATH = '/api/officers/import-template.xlsx'

export const listOfficers = (q: OfficerQuery) => http.get<Page<Officer>>('/api/officers', { ...q })
export const createOfficer = (body: OfficerCreate, opts: RequestOptions = {}) =>
  http.post<OfficerDetail>('/api/officers', body, opts)
export const fetchOfficer = (id: number) => http.get<OfficerDetail>(`/api/officers/${id}`)
export const updateOfficer = (id: number, body: OfficerUpdate, opts: RequestOptions = {}) =>
  http.put<OfficerDetail>(`/api/officers/${id}`, body, opts)
/** Columns 姓名, 身份证号码, 执法主体编码, 职务, 执法领域, 法律职业资格 (是/否); all rows or none. */
export const importOfficers = (file: Blob, opts: RequestOptions = {}) => uploadXlsx<ImportResult>(OFFICER_IMPORT_PATH, file, opts)
export const applyCertificate = (officerId: number, fields: EnforcementField[], opts: RequestOptions = {}) =>
  http.post<OfficerDetail>(`/api/officers/${officerId}/certificates`, { fields }, opts)
export const actOnCertificate = (certificateId: number, body: CertificateAction, opts: RequestOptions = {}) =>
  http.post<OfficerDetail>(`/api/certificates/${certificateId}/events`, body, opts)
export const fetchEligibility = (officerId: number, field: EnforcementField, date: string, opts: RequestOptions = {}) =>
  http.get<Eligibility>(`/api/officers/${officerId}/eligibility`, { field, date }, opts)

// ---- the officer's photo (optional): JPEG or PNG, at most 2 MB; the server checks the bytes ----
/** The largest photo the server takes (over it: 413 `photo.too_large`). */
export const OFFICER_PHOTO_MAX_BYTES = 2 * 1024 * 1024
export const officerPhotoPath = (officerId: number) => `/api/officers/${officerId}/photo`
/** The photo as a blob (its content type is the image's); 404 when there is none. */
export const fetchOfficerPhoto = async (officerId: number, opts: RequestOptions = {}) =>
  (await http.download(officerPhotoPath(officerId), undefined, opts)).blob
/** Sets (or replaces) the photo: the raw file is the body; answers the officer (`has_photo: true`). */
export const uploadOfficerPhoto = (officerId: number, file: Blob, contentType: 'image/jpeg' | 'image/png', opts: RequestOptions = {}) =>
  http.putFile<OfficerDetail>(officerPhotoPath(officerId), file, contentType, opts)
/** Removes the photo (204); 404 when there is none. */
export const deleteOfficerPhoto = (officerId: number, opts: RequestOptions = {}) =>
  http.delete<void>(officerPhotoPath(officerId), opts)
/** Confirms bodies (主体资格确认) for a year; only active bodies can be confirmed. */
export const confirmBodies = (year: number, orgIds: number[], opts: RequestOptions = {}) =>
  http.post<{ year: number; confirmed: number }>('/api/body-confirmations', { year, org_ids: orgIds }, opts)
