// The legal basis library (法律法规库): laws and regulations by article (docs/api.md).
import { http } from './http'
import type { Page } from './types'

export interface Law {
  id: number
  title: string
  short_title: string
  level: 'law' | 'regulation'
  level_label: string
  issuer: string
  version_date: string
  field: string
  article_count: number
}

export interface LawArticle {
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
