// The count of each tab of a list under the current search (e.g. the four lenient lists), for the tab
// labels 「不予处罚（12）」: the shown tab's from its own page (`counts[k] = total`), the others asked for
// with `countOf` (one row each). A count that could not be read is left out of the label.
import { reactive, type Ref } from 'vue'

export function useTabCounts<K extends string>(tabs: readonly { value: K; label: string }[], current: Ref<K>, countOf: (tab: K) => Promise<number>) {
  const counts = reactive(Object.fromEntries(tabs.map((t) => [t.value, null]))) as Record<K, number | null>

  /** The other tabs' counts. */
  async function loadCounts() {
    await Promise.all(
      tabs
        .filter((t) => t.value !== current.value)
        .map(async (t) => {
          try {
            counts[t.value] = await countOf(t.value)
          } catch {
            counts[t.value] = null
          }
        }),
    )
  }

  const tabLabel = (t: { value: K; label: string }) => (counts[t.value] === null ? t.label : `${t.label}（${counts[t.value]}）`)

  return { counts, loadCounts, tabLabel }
}
