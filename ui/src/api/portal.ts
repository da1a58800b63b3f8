// The public portal (行政执法专栏): published data only, no session (docs/api.md "Public portal"). Calls are
// `anonymous`: an error is shown, never a redirect to sign in.
import { http } from './http'
import type { Page, PublicBodyPage, PublicOfficer } from './types'

export interface PublicBodyQuery {
  /** Omitted: the server picks the latest year with confirmations. */
  year?: number
  q?: string
  /** A county: its org code when the server lists `counties`, otherwise its name. */
  county?: string
  page: number
  page_size: number
}

export interface PublicOfficerQuery {
  /** A name or a certificate number. */
  q?: string
  /** Part of the body's name. */
  org?: string
  page: number
  page_size: number
}

export const listPublicBodies = (q: PublicBodyQuery, silent = false) =>
  http.get<PublicBodyPage>('/public/api/bodies', { ...q }, { anonymous: true, silent })
export const listPublicOfficers = (q: PublicOfficerQuery) =>
  http.get<Page<PublicOfficer>>('/public/api/officers', { ...q }, { anonymous: true })
