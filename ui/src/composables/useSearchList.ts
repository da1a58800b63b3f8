// A paged list under a search form: the form's `filter` (`blank()` at first and on 重置), the rows
// (usePagedList), and `searched` — whether the rows shown answer a search with some filter set, for the
// empty text. `runSearch` starts again from page 1; `onSearch` runs with every search and reset (e.g. to
// count the other tabs).
import { reactive, ref } from 'vue'
import type { Page } from '@/api/types'
import { usePagedList } from './usePagedList'

const isSet = (v: unknown) => (typeof v === 'string' ? v.trim() !== '' : v !== null && v !== undefined)

export function useSearchList<F extends object, T>(
  blank: () => F,
  fetchPage: (filter: F, page: number, pageSize: number) => Promise<Page<T>>,
  onSearch?: () => void,
) {
  const filter = reactive(blank()) as F
  const searched = ref(false)
  const list = usePagedList<T>((page, size) => {
    searched.value = Object.values(filter).some(isSet)
    return fetchPage(filter, page, size)
  })

  function runSearch() {
    void list.search()
    onSearch?.()
  }

  function resetSearch() {
    Object.assign(filter, blank())
    runSearch()
  }

  return { ...list, list, filter, searched, runSearch, resetSearch }
}
