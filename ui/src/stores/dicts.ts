// Labels and tag colours for the enums the UI shows, from GET /api/dicts, with built-in defaults
// (utils/dicts.ts) so a page still reads well before (or without) the server's dictionaries.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { fetchDicts } from '@/api/dicts'
import type { DictItem, Dicts } from '@/api/types'
import { DICT_DEFAULTS as DEFAULTS } from '@/utils/dicts'

type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const TAG_TYPES = new Set<string>(['primary', 'success', 'info', 'warning', 'danger'])

export const useDictStore = defineStore('dicts', () => {
  const dicts = ref<Dicts>({ ...DEFAULTS })
  let loading: Promise<void> | null = null

  function load(): Promise<void> {
    loading ??= fetchDicts()
      .then((served) => {
        dicts.value = { ...DEFAULTS, ...served }
      })
      .catch(() => {
        loading = null // keep the defaults; try again next time a page asks
      })
    return loading
  }

  function options(type: string): DictItem[] {
    return dicts.value[type] ?? []
  }

  function find(type: string, value: unknown): DictItem | undefined {
    return options(type).find((d) => d.value === String(value))
  }

  function label(type: string, value: unknown): string {
    return find(type, value)?.label ?? String(value ?? '')
  }

  function tagType(type: string, value: unknown): TagType {
    const t = find(type, value)?.tag_type ?? 'info'
    return (TAG_TYPES.has(t) ? t : 'info') as TagType
  }

  return { dicts, load, options, label, tagType }
})
