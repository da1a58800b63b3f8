// The one place the console talks to the server. Every call is same-origin `fetch` with the session
// cookie; writes carry `X-CSRF-Token`. Errors arrive as problem+json (docs/api.md "Errors"): the Chinese
// message is shown with ElMessage, the offending input (`field`) is marked on the open form when the
// caller passes its `fieldErrors`, 401 sends the user to /login and 403 `auth.must_change_password` to
// the change-password page. Callers get an `ApiError` to react to, or can ignore it.
import { ElMessage } from 'element-plus'
import type { Problem } from './types'

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly field?: string
  readonly requestId?: string
  readonly problem: Problem

  constructor(status: number, problem: Problem, fallbackMessage: string) {
    super(problem.message_zh || problem.detail || fallbackMessage)
    this.name = 'ApiError'
    this.status = status
    this.code = problem.code || ''
    this.field = problem.field
    this.requestId = problem.request_id
    this.problem = problem
  }
}

/** Messages per form input, bound to `<el-form-item :error="errors.x">`. */
export type FieldErrors = Record<string, string>

type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Errors of the form being submitted: cleared before the call, `field` set from the answer. */
  fieldErrors?: FieldErrors
  /** Leave the error to the caller: no message, no redirect. */
  silent?: boolean
}

interface HttpHooks {
  csrfToken: () => string
  onUnauthorized: () => void
  onMustChangePassword: () => void
}

const hooks: HttpHooks = {
  csrfToken: () => '',
  onUnauthorized: () => {},
  onMustChangePassword: () => {},
}

/** Wires the client to the session store and the router (done once in main.ts). */
export function configureHttp(h: Partial<HttpHooks>): void {
  Object.assign(hooks, h)
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

function clearFieldErrors(errors?: FieldErrors): void {
  if (!errors) return
  for (const key of Object.keys(errors)) delete errors[key]
}

async function readProblem(res: Response): Promise<Problem> {
  const text = await res.text().catch(() => '')
  if (!text) return {}
  try {
    const body = JSON.parse(text) as unknown
    return body && typeof body === 'object' ? (body as Problem) : {}
  } catch {
    return {}
  }
}

function showError(message: string): void {
  ElMessage({ type: 'error', message, grouping: true, showClose: true })
}

function handleError(err: ApiError, opts: RequestOptions): void {
  if (opts.fieldErrors && err.field) opts.fieldErrors[err.field] = err.message
  if (opts.silent) return
  if (err.status === 401 && err.code !== 'auth.bad_credentials') {
    showError(err.problem.message_zh || '登录已失效，请重新登录')
    hooks.onUnauthorized()
    return
  }
  if (err.status === 403 && err.code === 'auth.must_change_password') {
    showError(err.problem.message_zh || '首次登录或密码已重置，请先修改密码')
    hooks.onMustChangePassword()
    return
  }
  showError(err.message)
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const upper = method.toUpperCase()
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  let body: string | undefined
  if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(opts.body)
  }
  if (WRITE_METHODS.has(upper)) {
    const token = hooks.csrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }
  clearFieldErrors(opts.fieldErrors)

  let res: Response
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method: upper,
      headers,
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    const err = new ApiError(0, { code: 'network' }, '无法连接服务器，请检查网络')
    if (!opts.silent) showError(err.message)
    throw err
  }

  if (!res.ok) {
    const problem = await readProblem(res)
    const err = new ApiError(res.status, problem, `请求失败（HTTP ${res.status}）`)
    handleError(err, opts)
    throw err
  }
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const http = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}
