// Login and operation logs (docs/api.md "Logs").
import { http } from './http'
import type { LoginLog, OperationLog, Page } from './types'

export interface LogQuery {
  username?: string
  /** Login log only. */
  result?: string
  /** Operation log only. */
  action?: string
  /** Epoch ms, inclusive. */
  from?: number
  /** Epoch ms, exclusive. */
  to?: number
  page: number
  page_size: number
}

export const listLoginLogs = (q: LogQuery) => http.get<Page<LoginLog>>('/api/logs/login', { ...q })
export const listOperationLogs = (q: LogQuery) => http.get<Page<OperationLog>>('/api/logs/operations', { ...q })
