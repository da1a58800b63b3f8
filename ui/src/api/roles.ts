// Roles and the permission tree (docs/api.md "Roles and permissions").
import { http, type RequestOptions } from './http'
import type { DataScope, PermissionNode, Role } from './types'

export interface RoleSave {
  key: string
  name: string
  data_scope: DataScope
  custom_org_ids: number[]
  permissions: string[]
  remark: string
}

export const listRoles = () => http.get<{ items: Role[] }>('/api/roles')
export const createRole = (body: RoleSave, opts: RequestOptions = {}) => http.post<Role>('/api/roles', body, opts)
export const updateRole = (id: number, body: RoleSave, opts: RequestOptions = {}) =>
  http.put<Role>(`/api/roles/${id}`, body, opts)
export const fetchPermissionTree = () => http.get<PermissionNode[]>('/api/permissions')
