// User accounts (docs/api.md "Users").
import { http, type RequestOptions } from './http'
import type { CurrentUser, Page, User } from './types'

export interface UserQuery {
  org_id?: number
  q?: string
  status?: string
  page: number
  page_size: number
}

export interface UserCreate {
  username: string
  display_name: string
  org_id: number
  role_ids: number[]
  phone?: string
}

export type UserUpdate = Omit<UserCreate, 'username'>

export const listUsers = (q: UserQuery) => http.get<Page<User>>('/api/users', { ...q })
export const createUser = (body: UserCreate, opts: RequestOptions = {}) =>
  http.post<{ user: CurrentUser | User; initial_password: string }>('/api/users', body, opts)
export const updateUser = (id: number, body: UserUpdate, opts: RequestOptions = {}) =>
  http.put<User>(`/api/users/${id}`, body, opts)
export const disableUser = (id: number) => http.post<void>(`/api/users/${id}/disable`)
export const enableUser = (id: number) => http.post<void>(`/api/users/${id}/enable`)
export const unlockUser = (id: number) => http.post<void>(`/api/users/${id}/unlock`)
export const resetUserPassword = (id: number) =>
  http.post<{ initial_password: string }>(`/api/users/${id}/reset-password`)
