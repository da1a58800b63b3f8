// Sign-in, session and password (docs/api.md "Sessions and CSRF").
import { http, type RequestOptions } from './http'
import type { Session } from './types'

export const login = (username: string, password: string, opts: RequestOptions = {}) =>
  http.post<Session>('/api/auth/login', { username, password }, opts)

/** The signed-in user and a CSRF token; 401 when there is no live session. */
export const fetchMe = (opts: RequestOptions = {}) => http.get<Session>('/api/auth/me', undefined, opts)

export const logout = () => http.post<void>('/api/auth/logout', undefined, { silent: true })

export const changePassword = (old_password: string, new_password: string, opts: RequestOptions = {}) =>
  http.post<void>('/api/auth/password', { old_password, new_password }, opts)
