// The tamper-evident ledger: events, the signed checkpoint, inclusion proofs (docs/api.md "Ledger").
import { http } from './http'
import type { Checkpoint, InclusionProof, LedgerEvent, Page } from './types'

export interface LedgerQuery {
  entity?: string
  page: number
  page_size: number
}

export const listLedgerEvents = (q: LedgerQuery) => http.get<Page<LedgerEvent>>('/api/ledger/events', { ...q })
export const fetchCheckpoint = () => http.get<Checkpoint>('/api/ledger/checkpoint')
export const fetchInclusionProof = (seq: number, size?: number) =>
  http.get<InclusionProof>('/api/ledger/proof/inclusion', { seq, size })
