// Sending an .xlsx import (docs/api.md, Excel conventions) and keeping its refusal for the dialog: the bad
// rows (422 `import.rows`, sorted by row) or the one other reason (merged cells, a missing column, ...),
// which is also reported the usual way (message, sign-in on 401). Imports are all or nothing.
import { ref } from 'vue'
import { ApiError, reportApiError, type Query } from '@/api/http'
import { importRowErrors, uploadXlsx } from '@/api/files'
import type { ImportRowError } from '@/api/types'

export function useImportUpload() {
  const rowErrors = ref<ImportRowError[] | null>(null)
  const failure = ref('')

  function clearRefusal() {
    rowErrors.value = null
    failure.value = ''
  }

  /** The server's answer, or null when the file was refused (then `rowErrors` or `failure` says why). */
  async function upload<T>(action: string, file: File, query?: Query): Promise<T | null> {
    clearRefusal()
    try {
      return await uploadXlsx<T>(action, file, { silent: true, query })
    } catch (err) {
      const rows = err instanceof ApiError ? importRowErrors(err.problem) : null
      if (rows) {
        rowErrors.value = [...rows].sort((a, b) => a.row - b.row)
      } else {
        failure.value = err instanceof Error ? err.message : '导入失败'
        reportApiError(err)
      }
      return null
    }
  }

  return { rowErrors, failure, clearRefusal, upload }
}
