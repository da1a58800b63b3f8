// People reports (统计): certified officers by group, certificates about to expire, the share of legal
// reviewers per body (docs/api.md "Reports"). The training-hours report is in trainings.ts.
import { http } from './http'
import type { CertifiedGroup, CertifiedReport, ExpiringCertificate, LegalReviewReport, Page } from './types'

export const CERTIFIED_REPORT_PATH = '/api/reports/certified'
export const EXPIRING_REPORT_PATH = '/api/reports/expiring'
export const LEGAL_REVIEW_REPORT_PATH = '/api/reports/legal-review'

/** Officers and those holding a valid certificate today, per county, body or field. */
export const certifiedReport = (group: CertifiedGroup) => http.get<CertifiedReport>(CERTIFIED_REPORT_PATH, { group })

export interface ExpiringQuery {
  /** Within this many days from today (the server's default is the `expiring_days` setting, 30). */
  days: number
  page: number
  page_size: number
}
export const expiringReport = (q: ExpiringQuery) => http.get<Page<ExpiringCertificate>>(EXPIRING_REPORT_PATH, { ...q })

/** `below`: only the bodies under the minimum share (`legal_review_min_percent`). */
export const legalReviewReport = (below: boolean) =>
  http.get<LegalReviewReport>(LEGAL_REVIEW_REPORT_PATH, { below: below || undefined })
