// CSV export that Excel opens correctly: UTF-8 with a byte-order mark, CRLF line ends, every cell quoted
// when needed. Cells that start like a formula are prefixed with ' so a spreadsheet does not run them
// (CSV injection). Lists the server can export itself (`?format=xlsx`) use api/files.ts instead.
import { saveBlob } from './download'

export interface CsvColumn<T> {
  title: string
  value: (row: T) => unknown
}

const FORMULA_START = /^[=+\-@\t\r]/

function cell(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value)
  if (FORMULA_START.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => cell(c.title)).join(',')]
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','))
  return '\uFEFF' + lines.join('\r\n') + '\r\n'
}

export function downloadCsv<T>(fileName: string, columns: CsvColumn<T>[], rows: T[]): void {
  saveBlob(new Blob([toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' }), fileName)
}

/** Fetches every page of a list (page_size 200, the server's maximum), up to `limit` rows. */
export async function fetchAllPages<T>(
  fetchPage: (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>,
  limit = 10000,
): Promise<T[]> {
  const pageSize = 200
  const rows: T[] = []
  for (let page = 1; rows.length < limit; page++) {
    const { items, total } = await fetchPage(page, pageSize)
    rows.push(...items)
    if (items.length < pageSize || rows.length >= total) break
  }
  return rows.slice(0, limit)
}
