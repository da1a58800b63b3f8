// The working-day calendar (工作日历, docs/api.md "Working-day calendar"): the years whose official holiday
// arrangement (国务院办公厅放假安排) the server knows — compiled in (2024–2026) or imported by staff with
// system:calendar:manage when the State Council publishes the next year's. Deadlines in working days are
// counted on it; a date in a year it does not cover is refused, never guessed.
import { http, type RequestOptions } from './http'

export interface CalendarYear {
  year: number
  /** Compiled into the server (data/cn-workday-calendar.json), not imported. */
  builtin: boolean
  /** The notice the arrangement comes from, e.g. 国办发明电〔2024〕12号. */
  source: string
  /** Holidays (YYYY-MM-DD), weekend ones included. */
  off: string[]
  /** Weekend days that are worked (调休上班). */
  work: string[]
  /** When it was imported (epoch ms); null for a built-in year. */
  added_at: number | null
  /** Who imported it; null for a built-in year. */
  added_by: string | null
}

export interface CalendarList {
  covered: number[]
  years: CalendarYear[]
}

export interface CalendarYearInput {
  year: number
  off: string[]
  work: string[]
  source: string
}

export const CALENDAR_PATH = '/api/calendar'

export const fetchCalendar = (opts: Omit<RequestOptions, 'query'> = {}) => http.get<CalendarList>(CALENDAR_PATH, undefined, opts)

/** Refused (problem+json): calendar.year_exists 409, calendar.date / both / work_weekday / year_empty 400. */
export const addCalendarYear = (body: CalendarYearInput, opts: Omit<RequestOptions, 'body'> = {}) =>
  http.post<CalendarYear>(`${CALENDAR_PATH}/years`, body, opts)
