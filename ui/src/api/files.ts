// Excel in and out (docs/api.md "People — … second slice", conventions): every list also answers
// `?format=xlsx` with the same filters (all matching rows, no paging); an import is a POST of the raw .xlsx
// file, all or nothing, and a sheet with bad rows answers 422 `import.rows` with the row-by-row errors.
import { http, type Query, type RequestOptions } from './http'
import type { ImportRowError } from './types'
import { saveBlob } from '@/utils/download'

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The problem code of an import refused because of bad rows (`errors` then lists them). */
export const IMPORT_ROWS_CODE = 'import.rows'

/** A list's filters as an export query: paging dropped, `format=xlsx` added. */
export function xlsxQuery(filters: Query): Query {
  const { page: _page, page_size: _pageSize, ...rest } = filters
  return { ...rest, format: 'xlsx' }
}

/**
 * Fetches a file with the session cookie and saves it. `fileName` wins over the server's
 * `Content-Disposition` name; with neither, the last segment of the path is used.
 */
export async function downloadFile(path: string, query?: Query, fileName?: string, opts: RequestOptions = {}): Promise<void> {
  const file = await http.download(path, query, opts)
  saveBlob(file.blob, fileName || file.fileName || path.split('/').pop() || 'download')
}

/** Uploads an .xlsx file as the body of a POST; the answer is the import's summary. */
export const uploadXlsx = <T>(path: string, file: Blob, opts: RequestOptions = {}) =>
  http.upload<T>(path, file, XLSX_MIME, opts)

/** The row errors of a refused import, or null when the error is something else. */
export function importRowErrors(problem: { code?: string; errors?: ImportRowError[] }): ImportRowError[] | null {
  return Array.isArray(problem.errors) && problem.errors.length > 0 ? problem.errors : null
}
