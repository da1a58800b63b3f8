// Annual enforcement data (年度行政执法数据, docs/api.md "Annual enforcement data"): per body, the year's
// licences, penalties (by kind, with the fines and confiscations), coercive measures, levies and
// inspections. GET answers the stored report of the year or, when none is stored, a preview computed now
// (state `none`); `?format=xlsx` is the same as an Excel file. 生成 stores a draft from the data as it is
// now (again while not published), 审核 needs a draft and someone other than who generated it, 公布 needs
// a reviewed report and the year to be over; it is due by 31 January of the next year.
// A refusal answers problem+json with the Chinese reason (the codes below).
// The shapes and labels are utils/annual.ts (shared with the portal), re-exported here.
import { http, type RequestOptions } from './http'
import type { AnnualReport } from '@/utils/annual'

export * from '@/utils/annual'

/** 400: the year is not between 2000 and this year. */
export const ANNUAL_YEAR = 'annual.year'
/** 409: 生成 of a published year. */
export const ANNUAL_PUBLISHED = 'annual.published'
/** 409: the step does not fit the state (审核 of what is not a draft, 公布 of what is not reviewed). */
export const ANNUAL_STATE = 'annual.state'
/** 422: the reviewer generated the report. */
export const ANNUAL_SAME_PERSON = 'annual.same_person'
/** 422: 公布 before the year is over. */
export const ANNUAL_YEAR_OPEN = 'annual.year_open'

/** The first year the server keeps. */
export const ANNUAL_FIRST_YEAR = 2000

/** The steps, as the path names them. */
export type AnnualStep = 'generate' | 'review' | 'publish'

export const annualReportPath = (year: number) => `/api/annual-reports/${year}`

export const fetchAnnualReport = (year: number, opts: RequestOptions = {}) => http.get<AnnualReport>(annualReportPath(year), undefined, opts)
/** 生成 / 审核通过 / 公布: answers the report as stored after the step. */
export const advanceAnnualReport = (year: number, step: AnnualStep, opts: RequestOptions = {}) =>
  http.post<AnnualReport>(`${annualReportPath(year)}/${step}`, {}, opts)
