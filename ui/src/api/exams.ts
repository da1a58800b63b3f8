// Exam sessions (执法资格考试): candidates, the score sheet, scores, issuing the certificates of those who
// passed (docs/api.md "Exams").
import { http, type RequestOptions } from './http'
import { uploadXlsx } from './files'
import type { ExamDetail, ExamIssueResult, ExamSession, Page, ScoreImportResult } from './types'

export interface ExamQuery {
  year?: number
  page: number
  page_size: number
}

export interface ExamCreate {
  name: string
  /** YYYY-MM-DD */
  exam_date: string
  /** 0–100; the server's default is the `exam_pass_mark` setting (60). */
  pass_mark?: number
}

export const EXAMS_PATH = '/api/exams'

export const listExams = (q: ExamQuery) => http.get<Page<ExamSession>>(EXAMS_PATH, { ...q })
export const createExam = (body: ExamCreate, opts: RequestOptions = {}) => http.post<ExamSession>(EXAMS_PATH, body, opts)
export const fetchExam = (id: number) => http.get<ExamDetail>(`${EXAMS_PATH}/${id}`)
/** Each officer needs a certificate in state `applied`. */
export const addCandidates = (id: number, officerIds: number[], opts: RequestOptions = {}) =>
  http.post<ExamDetail>(`${EXAMS_PATH}/${id}/candidates`, { officer_ids: officerIds }, opts)
/** The sheet to fill: 准考证号, 姓名, 执法主体, 成绩. */
export const scoreSheetPath = (id: number) => `${EXAMS_PATH}/${id}/score-sheet.xlsx`
export const scoresPath = (id: number) => `${EXAMS_PATH}/${id}/scores`
export const importScores = (id: number, file: Blob, opts: RequestOptions = {}) =>
  uploadXlsx<ScoreImportResult>(scoresPath(id), file, opts)
/** Issues a certificate to every passed candidate whose certificate is `exam_passed`; `valid_from` defaults to today. */
export const issueCertificates = (id: number, validFrom?: string, opts: RequestOptions = {}) =>
  http.post<ExamIssueResult>(`${EXAMS_PATH}/${id}/issue`, validFrom ? { valid_from: validFrom } : {}, opts)
/** No more candidates or scores after this. */
export const closeExam = (id: number, opts: RequestOptions = {}) => http.post<ExamSession>(`${EXAMS_PATH}/${id}/close`, {}, opts)
