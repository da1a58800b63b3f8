// Official documents of a case (执法文书), their templates and the case file (docs/api.md "Documents").
// A template is a list of blocks (title, paragraph, table …) whose text carries {{field}} placeholders;
// each save is a new version. A document is made from the latest version with the case's values (which
// the officer may override), rendered to PDF, stored with its SM3 and recorded in the ledger.
import { http, type RequestOptions } from './http'

export type BlockType = 'title' | 'heading' | 'paragraph' | 'right' | 'table' | 'space' | 'seal'

export const BLOCK_TYPES: { value: BlockType; label: string; hint: string }[] = [
  { value: 'title', label: '标题', hint: '居中加粗，如文书名称、机关名称' },
  { value: 'heading', label: '小标题', hint: '段落之上的小标题' },
  { value: 'paragraph', label: '正文段落', hint: '首行缩进的正文' },
  { value: 'right', label: '右对齐', hint: '如文号' },
  { value: 'table', label: '表格', hint: '审批表等的栏目' },
  { value: 'space', label: '空行', hint: '留出空白' },
  { value: 'seal', label: '落款印章', hint: '右下角的机关名称、日期；换行分开' },
]
export const blockTypeLabel = (t: string) => BLOCK_TYPES.find((b) => b.value === t)?.label ?? t

export interface TemplateBlock {
  type: BlockType
  text?: string
  /** table: rows of cells, all rows the same width */
  rows?: string[][]
  /** table: relative column widths, one per column */
  widths?: number[]
}

export interface DocTemplateBody {
  code?: string
  name: string
  /** '' no number; 'decision' the case's decision number; else the prefix of the document's own number (罚告 …). */
  number: string
  /** The record kind the document is made from (inquiry, inspection), or ''. */
  record_kind: string
  blocks: TemplateBlock[]
}

export interface TemplateField {
  key: string
  label: string
}

export interface TemplateSummary {
  code: string
  name: string
  version: number
  /** epoch ms */
  updated_at: number
  number: string
  record_kind: string
}

export interface TemplateList {
  items: TemplateSummary[]
  fields: TemplateField[]
}

export interface TemplateVersion {
  version: number
  created_at: number
  by: string
}

export interface TemplateDetail {
  template: DocTemplateBody & { code: string }
  version: number
  versions: TemplateVersion[]
  fields: TemplateField[]
}

export interface FieldValue extends TemplateField {
  value: string
  /** Narrative fields (违法事实, opinions …) may be written; the rest come from the case. */
  editable: boolean
}

export interface DocumentFields {
  code: string
  name: string
  fields: FieldValue[]
}

export interface CaseDocument {
  id: number
  case_id: number
  name: string
  /** The document's number (文号), or '' */
  number: string
  record_id: number | null
  sm3: string
  sha256: string
  size: number
  ledger_seq: number
  created_at: number
  created_by_name: string
  template_code: string
  template_version: number
}

export interface DocumentCreate {
  template: string
  record_id?: number
  /** Values that override the case's. */
  fields?: Record<string, string>
}

export const TEMPLATE_MANAGE = 'case:template:manage'
export const NO_DECISION = 'document.no_decision'

/** The case states from which the case file (卷宗) may be exported. */
export const FINISHED_STATES = new Set(['closed', 'archived', 'terminated', 'withdrawn', 'transferred', 'dismissed', 'passed_on'])

/** 使用决定书文号 / 自编文号「罚告」/ 无文号 */
export function numberRuleText(number: string): string {
  if (!number) return '无文号'
  if (number === 'decision') return '使用决定书文号'
  return `自编文号（字头“${number}”）`
}

export const listTemplates = (opts: RequestOptions = {}) => http.get<TemplateList>('/api/document-templates', undefined, opts)
export const fetchTemplate = (code: string, version?: number, opts: RequestOptions = {}) =>
  http.get<TemplateDetail>(`/api/document-templates/${encodeURIComponent(code)}`, { version }, opts)
export const saveTemplate = (code: string, body: DocTemplateBody, opts: RequestOptions = {}) =>
  http.put<{ template: DocTemplateBody; version: number }>(`/api/document-templates/${encodeURIComponent(code)}`, body, opts)

export const listDocuments = (caseId: number, opts: RequestOptions = {}) =>
  http.get<{ items: CaseDocument[] }>(`/api/cases/${caseId}/documents`, undefined, opts)
export const documentFields = (caseId: number, template: string, recordId?: number | null, opts: RequestOptions = {}) =>
  http.get<DocumentFields>(`/api/cases/${caseId}/documents/fields`, { template, record_id: recordId ?? undefined }, opts)
export const createDocument = (caseId: number, body: DocumentCreate, opts: RequestOptions = {}) =>
  http.post<CaseDocument>(`/api/cases/${caseId}/documents`, body, opts)
/** The PDF inline (preview) or as an attachment. */
export const documentPdfUrl = (id: number, download = false) => `/api/documents/${id}/pdf${download ? '?download=1' : ''}`
export const casePackageUrl = (caseId: number) => `/api/cases/${caseId}/package`
