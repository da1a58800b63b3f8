// The one place the console talks to the server. Every call is same-origin `fetch` with the session
// cookie; writes carry `X-CSRF-Token`. Errors arrive as problem+json (docs/api.md "Errors"): the Chinese
// message is shown with ElMessage, the offending input (`field`) is marked on the open form when the
// caller passes its `fieldErrors`, 401 sends the user to /login and 403 `auth.must_change_password` to
// the change-password page. Callers get an `ApiError` to react to, or can ignore it. Files go through the
// same door: `http.upload` / `http.putFile` send a raw body (an .xlsx import, an officer's photo),
// `http.download` returns a blob (an export, a photo), and `sendWithProgress` sends a piece of a large
// file reporting the bytes sent (evidence uploads).
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
  /** A call of the public portal (no session): errors are shown, but never send anyone to sign in. */
  anonymous?: boolean
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
  if (opts.anonymous) {
    showError(err.message)
    return
  }
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

/**
 * Shows an error the caller first took with `silent` and then decided not to handle itself (message,
 * redirect to sign-in, ...), exactly as a call without `silent` would have.
 */
export function reportApiError(err: unknown): void {
  if (err instanceof ApiError) handleError(err, {})
}

interface Payload {
  body: BodyInit
  contentType: string
}

const ACCEPT_JSON = 'application/json, application/problem+json'

/** One call: headers, CSRF, the network error and the problem answer. Returns the successful response. */
async function send(
  method: string,
  path: string,
  opts: RequestOptions,
  payload?: Payload,
  accept = ACCEPT_JSON,
): Promise<Response> {
  const upper = method.toUpperCase()
  const headers: Record<string, string> = { Accept: accept }
  if (payload) headers['Content-Type'] = payload.contentType
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
      body: payload?.body,
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
  return res
}

async function readJson<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const payload = opts.body === undefined ? undefined : { body: JSON.stringify(opts.body), contentType: 'application/json' }
  return readJson<T>(await send(method, path, opts, payload))
}

/** A file the server sent, with the name from its `Content-Disposition` when there is one. */
export interface DownloadedFile {
  blob: Blob
  fileName: string
}

/** The file name of `Content-Disposition` (`filename*=UTF-8''…` preferred over `filename="…"`). */
function fileNameOf(res: Response): string {
  const cd = res.headers.get('Content-Disposition') ?? ''
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(cd)
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(cd)
  return plain?.[1]?.trim() ?? ''
}

async function download(path: string, opts: RequestOptions = {}): Promise<DownloadedFile> {
  const res = await send('GET', path, opts, undefined, '*/*')
  return { blob: await res.blob(), fileName: fileNameOf(res) }
}

/** What `sendWithProgress` takes besides the body. */
export interface ProgressOptions extends Omit<RequestOptions, 'body'> {
  headers?: Record<string, string>
  /** Bytes of this body sent so far (not the whole file's). */
  onProgress?: (loaded: number) => void
  /** Aborts the request; it then fails with an ApiError of code `aborted`. */
  signal?: AbortSignal
}

/**
 * Sends a raw body with XMLHttpRequest, so the caller can follow the bytes as they go (a piece of an
 * evidence file, `PATCH /api/uploads/{id}`). Answers the status and the JSON body; a refusal, a lost
 * connection (code `network`) and an abort (code `aborted`, never shown) throw an `ApiError` as
 * `request` does.
 */
export function sendWithProgress<T>(
  method: string,
  path: string,
  body: Blob,
  contentType: string,
  opts: ProgressOptions = {},
): Promise<{ status: number; body: T }> {
  const upper = method.toUpperCase()
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(upper, buildUrl(path, opts.query))
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', ACCEPT_JSON)
    xhr.setRequestHeader('Content-Type', contentType)
    if (WRITE_METHODS.has(upper)) {
      const token = hooks.csrfToken()
      if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    }
    for (const [k, v] of Object.entries(opts.headers ?? {})) xhr.setRequestHeader(k, v)
    clearFieldErrors(opts.fieldErrors)
    const onAbort = () => xhr.abort()
    const done = () => opts.signal?.removeEventListener('abort', onAbort)
    if (opts.signal) {
      if (opts.signal.aborted) {
        reject(new ApiError(0, { code: 'aborted' }, '已暂停上传'))
        return
      }
      opts.signal.addEventListener('abort', onAbort)
    }
    xhr.upload.onprogress = (e) => opts.onProgress?.(e.loaded)
    xhr.onabort = () => {
      done()
      reject(new ApiError(0, { code: 'aborted' }, '已暂停上传'))
    }
    xhr.onerror = () => {
      done()
      const err = new ApiError(0, { code: 'network' }, '无法连接服务器，请检查网络')
      if (!opts.silent) showError(err.message)
      reject(err)
    }
    xhr.onload = () => {
      done()
      let parsed: unknown = undefined
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        parsed = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve({ status: xhr.status, body: parsed as T })
        return
      }
      const problem = parsed && typeof parsed === 'object' ? (parsed as Problem) : {}
      const err = new ApiError(xhr.status, problem, `请求失败（HTTP ${xhr.status}）`)
      handleError(err, opts)
      reject(err)
    }
    xhr.send(body)
  })
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
  /** POST a file as the raw body (e.g. an .xlsx import) and read the JSON answer. */
  upload: async <T>(path: string, file: Blob, contentType: string, opts: Omit<RequestOptions, 'body'> = {}) =>
    readJson<T>(await send('POST', path, opts, { body: file, contentType })),
  /** PUT a file as the raw body (e.g. an officer's photo, replacing the old one) and read the JSON answer. */
  putFile: async <T>(path: string, file: Blob, contentType: string, opts: Omit<RequestOptions, 'body'> = {}) =>
    readJson<T>(await send('PUT', path, opts, { body: file, contentType })),
  /** GET a file (an export, a template, a PDF) as a blob. */
  download: (path: string, query?: Query, opts: Omit<RequestOptions, 'query'> = {}) => download(path, { ...opts, query }),
}
