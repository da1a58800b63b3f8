// Organisation tree, list and edits (docs/api.md "Organisation").
import { http, type RequestOptions } from './http'
import type { Org, OrgKind, OrgNode, OrgStats, Page } from './types'

export interface OrgQuery {
  parent_id?: number
  kind?: OrgKind | ''
  q?: string
  page: number
  page_size: number
}

export interface OrgCreate {
  parent_id: number | null
  code: string
  name: string
  short_name: string
  kind: OrgKind
}

export interface OrgUpdate {
  name: string
  short_name: string
  status: string
}

export const fetchOrgTree = () => http.get<OrgNode[]>('/api/orgs/tree')
export const fetchOrgStats = (opts: RequestOptions = {}) => http.get<OrgStats>('/api/orgs/stats', undefined, opts)
export const listOrgs = (q: OrgQuery) => http.get<Page<Org>>('/api/orgs', { ...q })
export const createOrg = (body: OrgCreate, opts: RequestOptions = {}) => http.post<Org>('/api/orgs', body, opts)
export const updateOrg = (id: number, body: OrgUpdate, opts: RequestOptions = {}) =>
  http.put<Org>(`/api/orgs/${id}`, body, opts)
