// Dictionaries of every enum the UI shows (docs/api.md "Dictionaries").
import { http } from './http'
import type { Dicts } from './types'

export const fetchDicts = () => http.get<Dicts>('/api/dicts', undefined, { silent: true })
