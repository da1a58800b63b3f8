// Full-process records of a case (全过程记录): on-site records (笔录), evidence files with their chain of
// custody, the audio-video rule and resumable uploads (docs/api.md "Records and evidence").
// A record of a kind on the audio-video list (须全程音像记录) needs an audio or video file attached to it,
// or an exception registered by a supervisor; until then every step of the case is refused (422
// case.av_missing) and GET …/records says why in `av_check`.
// Evidence is uploaded in pieces: POST …/uploads opens an upload, PATCH /api/uploads/{id} with
// `Upload-Offset` sends the next piece (200 with the offset reached, 201 with the evidence item after the
// last one); a broken upload is resumed from GET /api/uploads/{id}'s offset.
import { ApiError, http, sendWithProgress, type RequestOptions } from './http'

export type RecordKind = 'inquiry' | 'inspection' | 'sampling' | 'preservation' | 'seizure' | 'enforcement' | 'service'
export type EvidenceKind = 'photo' | 'audio' | 'video' | 'document'
export type ServiceMethod = 'direct' | 'leave' | 'mail' | 'electronic' | 'agent' | 'announcement'

/** The kinds of record (as GET …/records `record_kinds` names them). */
export const RECORD_KINDS: { value: RecordKind; label: string }[] = [
  { value: 'inquiry', label: '询问笔录' },
  { value: 'inspection', label: '现场检查(勘验)笔录' },
  { value: 'sampling', label: '抽样取证记录' },
  { value: 'preservation', label: '先行登记保存证据' },
  { value: 'seizure', label: '查封、扣押现场笔录' },
  { value: 'enforcement', label: '行政强制措施/强制执行现场笔录' },
  { value: 'service', label: '送达记录' },
]
export const recordKindLabel = (k: string) => RECORD_KINDS.find((r) => r.value === k)?.label ?? k

export const EVIDENCE_KINDS: { value: EvidenceKind; label: string; tag: 'primary' | 'success' | 'warning' | 'info' }[] = [
  { value: 'photo', label: '照片', tag: 'primary' },
  { value: 'audio', label: '录音', tag: 'warning' },
  { value: 'video', label: '视频', tag: 'success' },
  { value: 'document', label: '文件', tag: 'info' },
]
export const evidenceKindLabel = (k: string) => EVIDENCE_KINDS.find((e) => e.value === k)?.label ?? k
export const evidenceKindTag = (k: string) => EVIDENCE_KINDS.find((e) => e.value === k)?.tag ?? 'info'

export const SERVICE_METHODS: { value: ServiceMethod; label: string }[] = [
  { value: 'direct', label: '直接送达' },
  { value: 'leave', label: '留置送达' },
  { value: 'mail', label: '邮寄送达' },
  { value: 'electronic', label: '电子送达' },
  { value: 'agent', label: '委托送达' },
  { value: 'announcement', label: '公告送达' },
]
export const serviceMethodLabel = (m: string) => SERVICE_METHODS.find((s) => s.value === m)?.label ?? m

/** What the chain of custody records (`entries[].action`). */
export const CUSTODY_ACTIONS: Record<string, string> = {
  collect: '采集入库',
  view: '查看',
  download: '下载',
  share: '共享',
  shared_download: '通过共享链接下载',
  derive: '制作衍生件',
}

export interface RecordOfficer {
  id: number
  name: string
  cert_no: string
}

export interface InquiryPerson {
  name: string
  gender?: string
  id_number?: string
  phone?: string
  address?: string
  /** 与案件的关系: 当事人、法定代表人、证人 … */
  relation?: string
}

export interface QaPair {
  q: string
  a: string
}

export interface RecordItem {
  name: string
  spec?: string
  quantity: string
}

/** `content` of a record; which parts are filled depends on the kind. */
export interface RecordContent {
  /** inquiry */
  person?: InquiryPerson
  qa?: QaPair[]
  /** inquiry: held in the questioning room */
  room?: boolean
  /** inspection */
  findings?: string
  present?: string
  /** sampling, preservation, seizure */
  items?: RecordItem[]
  /** enforcement */
  measure?: string
  /** service */
  document?: string
  method?: ServiceMethod
  recipient?: string
}

export interface CaseRecord {
  id: number
  kind: RecordKind
  kind_label: string
  /** questioning_room (inquiry), the service method (service), or ''. */
  variant: string
  title: string
  case_state: string
  /** epoch ms */
  started_at: number
  ended_at: number
  place: string
  officers: RecordOfficer[]
  content: RecordContent
  av_required: boolean
  /** The record this one corrects. */
  supersedes: number | null
  ledger_seq: number
  created_at: number
  created_by_name: string
}

export interface EvidenceItem {
  id: number
  case_id: number
  record_id: number | null
  /** The original of a derivative (e.g. a redacted copy). */
  derived_from: number | null
  /** What was done to the original. */
  derivation: string
  kind: EvidenceKind
  mime: string
  file_name: string
  size: number
  sm3: string
  sha256: string
  title: string
  /** 2026-05-01T09:30, or '' */
  captured_at: string
  place: string
  /** The body camera's number. */
  device: string
  collector: string
  ledger_seq: number
  created_at: number
  created_by_name: string
}

export interface EvidenceDetail extends EvidenceItem {
  derivatives: EvidenceItem[]
}

export interface AvException {
  id: number
  record_id: number
  reason: string
  at: number
  ledger_seq: number
  by_name: string
}

/** An upload of the caller not finished yet (resumed by choosing the same file again). */
export interface PendingUpload {
  id: string
  file_name: string
  size: number
  offset: number
  record_id: number | null
  created_at: number
}

export interface AvCheck {
  allowed: boolean
  /** Why the case may not move on, to show as is. */
  reason: string
  basis: string
}

export interface CaseRecords {
  case_id: number
  read_only: boolean
  records: CaseRecord[]
  evidence: EvidenceItem[]
  exceptions: AvException[]
  uploads: PendingUpload[]
  record_kinds: { key: RecordKind; label: string }[]
  av_check: AvCheck
  max_upload_bytes: number
}

export interface RecordCreate {
  kind: RecordKind
  title: string
  place: string
  started_at: number
  ended_at: number
  officer_ids: number[]
  content: RecordContent
  supersedes?: number
}

export interface UploadStart {
  file_name: string
  size: number
  record_id?: number
  derived_from?: number
  /** Required with derived_from: what was done (遮盖无关人员面部 …). */
  derivation?: string
  title?: string
  /** 2026-05-01T09:30 */
  captured_at?: string
  place?: string
  device?: string
  collector?: string
}

export interface UploadState {
  id: string
  offset: number
  size: number
  url?: string
  complete?: boolean
  file_name?: string
}

export interface CustodyEntry {
  id: number
  action: string
  actor_name: string
  detail: Record<string, unknown> | string | null
  ledger_seq: number
  at: number
}

export interface Custody {
  evidence: EvidenceItem
  entries: CustodyEntry[]
}

export interface Share {
  token: string
  /** Path on this server, e.g. /api/shared-evidence/… */
  url: string
  recipient: string
  expires_at: number
}

export interface AvRules {
  settings: { required: string[] }
  choices: { key: string; label: string }[]
}

export const AV_EXEMPT = 'case:av:exempt'
export const UPLOAD_OFFSET = 'upload.offset'
export const UPLOAD_ABORTED = 'aborted'
/** Bytes sent per PATCH. */
export const CHUNK_BYTES = 8 * 1024 * 1024

export const fetchRecords = (caseId: number, opts: RequestOptions = {}) => http.get<CaseRecords>(`/api/cases/${caseId}/records`, undefined, opts)
export const createRecord = (caseId: number, body: RecordCreate, opts: RequestOptions = {}) =>
  http.post<CaseRecord>(`/api/cases/${caseId}/records`, body, opts)
export const exemptRecord = (caseId: number, recordId: number, reason: string, opts: RequestOptions = {}) =>
  http.post<AvException>(`/api/cases/${caseId}/records/${recordId}/av-exception`, { reason }, opts)

export const startUpload = (caseId: number, body: UploadStart, opts: RequestOptions = {}) =>
  http.post<UploadState>(`/api/cases/${caseId}/uploads`, body, opts)
export const uploadState = (id: string, opts: RequestOptions = {}) => http.get<UploadState>(`/api/uploads/${id}`, undefined, opts)
export const cancelUpload = (id: string, opts: RequestOptions = {}) => http.delete<unknown>(`/api/uploads/${id}`, opts)

/**
 * Sends `file` from byte `from` on, CHUNK_BYTES at a time; `onProgress` gets the bytes the server holds
 * (or is receiving). A 409 upload.offset (the server holds another count, e.g. after a lost answer) is
 * put right once from GET /api/uploads/{id}. Answers the evidence item; other refusals throw (silent).
 */
export async function sendUpload(
  id: string,
  file: Blob,
  from: number,
  onProgress: (sent: number) => void,
  signal?: AbortSignal,
): Promise<EvidenceItem> {
  let offset = from
  let resynced = false
  for (;;) {
    const end = Math.min(offset + CHUNK_BYTES, file.size)
    const start = offset
    try {
      const r = await sendWithProgress<EvidenceItem | UploadState>('PATCH', `/api/uploads/${id}`, file.slice(start, end), 'application/offset+octet-stream', {
        headers: { 'Upload-Offset': String(start) },
        onProgress: (n) => onProgress(start + n),
        signal,
        silent: true,
      })
      if (r.status === 201) return r.body as EvidenceItem
      offset = (r.body as UploadState).offset
      onProgress(offset)
      resynced = false
    } catch (err) {
      if (err instanceof ApiError && err.code === UPLOAD_OFFSET && !resynced) {
        resynced = true
        offset = (await uploadState(id, { silent: true })).offset
        onProgress(offset)
        continue
      }
      throw err
    }
  }
}

export const fetchEvidence = (id: number, opts: RequestOptions = {}) => http.get<EvidenceDetail>(`/api/evidence/${id}`, undefined, opts)
/** The file itself: inline (counted as "view" in the chain of custody), or as an attachment ("download"). */
export const evidenceContentUrl = (id: number, download = false) => `/api/evidence/${id}/content${download ? '?download=1' : ''}`
export const fetchCustody = (id: number, opts: RequestOptions = {}) => http.get<Custody>(`/api/evidence/${id}/custody`, undefined, opts)
export const custodyPdfPath = (id: number) => `/api/evidence/${id}/custody`
export const shareEvidence = (id: number, body: { recipient: string; purpose: string; days: number }, opts: RequestOptions = {}) =>
  http.post<Share>(`/api/evidence/${id}/shares`, body, opts)

export const AV_RULES_PATH = '/api/settings/av-rules'
export const fetchAvRules = (opts: RequestOptions = {}) => http.get<AvRules>(AV_RULES_PATH, undefined, opts)
export const saveAvRules = (required: string[], opts: RequestOptions = {}) => http.put<AvRules>(AV_RULES_PATH, { required }, opts)

/** Whether a record of this kind and variant needs an audio-video record under `required` (the settings). */
export function avRequiredFor(required: string[], kind: string, variant: string): boolean {
  return required.includes(kind) || (variant !== '' && required.includes(`${kind}:${variant}`))
}

/** 1.5 MB, 320 KB, 12 字节 */
export function fileSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return ''
  if (bytes < 1024) return `${bytes} 字节`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = bytes / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toLocaleString('zh-CN', { maximumFractionDigits: v < 10 ? 2 : 1 })} ${units[i]}`
}

/** The first and last 8 hex digits of a hash: 6be5f209…6b0c6031 */
export const shortHash = (h: string) => (h && h.length > 20 ? `${h.slice(0, 8)}…${h.slice(-8)}` : h)
