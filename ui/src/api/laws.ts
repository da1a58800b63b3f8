// The legal basis library (法律法规库): laws and regulations by article (docs/api.md). Staff with
// catalogue:law:manage also enter laws (local regulations, rules, normative documents) and their articles.
import { http, type RequestOptions } from './http'
import type { Page } from './types'

/** 效力层级: `law` 法律, `regulation` 行政法规, and for staff entry `local` 地方性法规, `rule` 规章, `normative` 规范性文件. */
export type LawLevel = 'law' | 'regulation' | 'local' | 'rule' | 'normative'

export const LAW_LEVEL_OPTIONS: { value: LawLevel; label: string }[] = [
  { value: 'law', label: '法律' },
  { value: 'regulation', label: '行政法规' },
  { value: 'local', label: '地方性法规' },
  { value: 'rule', label: '规章' },
  { value: 'normative', label: '规范性文件' },
]

export interface Law {
  id: number
  title: string
  short_title: string
  level: LawLevel
  level_label: string
  issuer: string
  version_date: string
  /** 施行日期 (YYYY-MM-DD); for the bundled texts the version date. */
  effective_date: string
  field: string
  article_count: number
}

export interface LawArticle {
  /** The id other records (matters, benchmarks) cite. */
  article_id: number
  number: number
  label: string
  chapter: string
  text: string
}

export interface LawDetail extends Omit<Law, 'article_count'> {
  articles: LawArticle[]
}

export interface ArticleHit extends LawArticle {
  law_id: number
  law_title: string
  citation: string
}

export const listLaws = (q: { q?: string; field?: string }) =>
  http.get<{ items: Law[]; total: number }>('/api/laws', { ...q })
export const fetchLaw = (id: number) => http.get<LawDetail>(`/api/laws/${id}`)
export const searchArticles = (q: { q: string; law_id?: number; page: number; page_size: number }) =>
  http.get<Page<ArticleHit>>('/api/law-articles', { ...q })

export interface LawCreate {
  title: string
  short_title: string
  level: LawLevel
  issuer: string
  version_date: string
  effective_date: string
  field: string
}

/** A new law (409 `law.exists` for the same title and version). */
export const createLaw = (body: LawCreate, opts: RequestOptions = {}) => http.post<Law>('/api/laws', body, opts)
/** Adds or replaces article `number` of a law (the label 第N条 is derived by the server). */
export const putArticle = (lawId: number, number: number, body: { chapter: string; text: string }, opts: RequestOptions = {}) =>
  http.put<LawArticle>(`/api/laws/${lawId}/articles/${number}`, body, opts)
