// Training classes (培训), their attendance, and who is short of the yearly hours (docs/api.md "Training").
import { http, type RequestOptions } from './http'
import { uploadXlsx } from './files'
import type { ImportResult, Page, Training, TrainingCategory, TrainingDetail, TrainingHoursPage } from './types'

export interface TrainingQuery {
  year?: number
  page: number
  page_size: number
}

export interface TrainingCreate {
  title: string
  category: TrainingCategory
  /** YYYY-MM-DD */
  start_date: string
  end_date: string
  hours: number
}

export interface TrainingHoursQuery {
  year?: number
  org_id?: number
  /** Only officers below the yearly minimum (`training_min_hours`). */
  below?: boolean
  page: number
  page_size: number
}

export const TRAININGS_PATH = '/api/trainings'
export const TRAINING_REPORT_PATH = '/api/reports/training'

export const listTrainings = (q: TrainingQuery) => http.get<Page<Training>>(TRAININGS_PATH, { ...q })
export const createTraining = (body: TrainingCreate, opts: RequestOptions = {}) =>
  http.post<Training>(TRAININGS_PATH, body, opts)
export const fetchTraining = (id: number) => http.get<TrainingDetail>(`${TRAININGS_PATH}/${id}`)
export const attendanceTemplatePath = (id: number) => `${TRAININGS_PATH}/${id}/attendance-template.xlsx`
export const attendancePath = (id: number) => `${TRAININGS_PATH}/${id}/attendance`
/** Columns 姓名, 身份证号码, 学时 (at most the class hours); all rows or none. */
export const importAttendance = (id: number, file: Blob, opts: RequestOptions = {}) =>
  uploadXlsx<ImportResult>(attendancePath(id), file, opts)
export const trainingHours = (q: TrainingHoursQuery) => http.get<TrainingHoursPage>(TRAINING_REPORT_PATH, { ...q })
