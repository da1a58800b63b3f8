// State of a server-paged table: rows, total, page, page size, loading, and the calls to reload.
import { reactive, ref, type Ref } from 'vue'
import type { Page } from '@/api/types'

export interface PagedList<T> {
  rows: Ref<T[]>
  total: Ref<number>
  loading: Ref<boolean>
  pager: { page: number; page_size: number }
  /** (Re)loads the current page. */
  load: () => Promise<void>
  /** New search: back to page 1. */
  search: () => Promise<void>
}

export function usePagedList<T>(fetchPage: (page: number, pageSize: number) => Promise<Page<T>>, pageSize = 20): PagedList<T> {
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const pager = reactive({ page: 1, page_size: pageSize })

  /** The latest call of `load`: an earlier call answering after it must not overwrite its rows. */
  let latest = 0

  async function load(): Promise<void> {
    const call = ++latest
    loading.value = true
    try {
      const res = await fetchPage(pager.page, pager.page_size)
      if (call !== latest) return // a newer search was made meanwhile (e.g. while the first page loaded)
      rows.value = res.items
      total.value = res.total
    } catch {
      // the client showed the error; keep the rows we had
    } finally {
      if (call === latest) loading.value = false
    }
  }

  function search(): Promise<void> {
    pager.page = 1
    return load()
  }

  return { rows, total, loading, pager, load, search }
}
