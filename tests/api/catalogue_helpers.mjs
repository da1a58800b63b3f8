// Shared bits of the catalogue API tests (catalogue*.test.mjs): article lookups through the
// library's citation search, unique matter codes, request bodies built from what the API returned,
// and the sheet layouts of the three imports as docs/api.md names their columns.
import assert from 'node:assert/strict'

export const enc = encodeURIComponent

/** The article a citation names (《食品安全法》第一百二十二条), found by GET /api/law-articles?q=. */
export async function article(client, citation) {
  const r = await client.get(`/api/law-articles?q=${enc(citation)}`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.body.total, 1, `${citation} resolves to exactly one article: ${r.text.slice(0, 400)}`)
  assert.ok(Number.isInteger(r.body.items[0].article_id), r.text.slice(0, 400))
  return r.body.items[0]
}

let seq = 0
/** A matter/benchmark/entry code no demo record and no other test uses. */
export const uniqueCode = (prefix = 'TST') => `${prefix}-${String(++seq).padStart(3, '0')}${Math.random().toString(36).slice(2, 5).toUpperCase()}`

/** The PUT /api/matters/{id} body that saves `detail` as it is (plus `over`). */
export function matterEdit(detail, over = {}) {
  return {
    name: detail.name,
    type: detail.type,
    field: detail.field,
    basis: detail.basis.map(({ article_id, clause }) => ({ article_id, clause })),
    flow: detail.flow.map(({ name, description, time_limit }) => ({ name, description, time_limit })),
    guide: { ...detail.guide },
    effective_from: detail.effective_from,
    effective_until: detail.effective_until,
    status: detail.status,
    version: detail.version,
    ...over,
  }
}

/** GET /api/matters/{id}, asserting 200. */
export async function matterDetail(client, id) {
  const r = await client.get(`/api/matters/${id}`)
  assert.equal(r.status, 200, r.text)
  return r.body
}

/** The staff list's items whose code is `code` (q matches codes). */
export async function mattersByCode(client, code) {
  const r = await client.get(`/api/matters?q=${enc(code)}&page_size=200`)
  assert.equal(r.status, 200, r.text)
  return r.body.items.filter((m) => m.code === code)
}

/** Dates as YYYY-MM-DD, computed in UTC from a YYYY-MM-DD. */
export const plusDays = (s, n) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

// ---------------------------------------------------------------------------------------------
// Import layouts (docs/api.md).

export const MATTER_REQUIRED = ['实施主体编码', '事项编码', '事项名称', '事项类型', '执法领域', '设定依据', '生效日期']
export const MATTER_OPTIONAL = ['失效日期', '清单类别', '适用乡镇', '办理流程', '申请条件', '申请材料', '办理时限', '收费标准',
  '办理地点', '咨询电话', '备注', '修改原因']

export const BENCHMARK_COLUMNS = ['基准编码', '执法领域', '违法行为', '违反条款', '处罚依据', '罚款方式', '法定下限', '法定上限',
  '裁量等级', '适用情形', '罚款下限', '罚款上限', '其他处罚', '轻微', '发布机关编码', '示例', '来源', '修改原因']

export const LENIENT_REQUIRED = ['清单类别', '编码', '基准编码', '适用条件', '首次违法', '危害后果', '改正期限(日)', '依据']

/** rows of objects keyed by column title -> [header, ...rows] in the order of `columns`. */
export function sheetOf(columns, objects) {
  return [columns, ...objects.map((o) => columns.map((c) => (o[c] === undefined ? null : o[c])))]
}

/** A sheet (header + rows, as readXlsx returns) -> objects keyed by the header's titles. */
export function objectsOf(rows) {
  const [head, ...rest] = rows
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])))
}

/** Asserts a 422 import.rows answer and returns its errors as "row:column" strings, sorted. */
export function rowErrors(res) {
  assert.equal(res.status, 422, res.text?.slice(0, 600))
  assert.equal(res.body.code, 'import.rows', res.text?.slice(0, 600))
  assert.ok(Array.isArray(res.body.errors) && res.body.errors.length > 0, res.text?.slice(0, 600))
  for (const e of res.body.errors) {
    assert.ok(Number.isInteger(e.row), JSON.stringify(e))
    assert.ok(/[\u4e00-\u9fff]/.test(e.message_zh ?? ''), `a Chinese message: ${JSON.stringify(e)}`)
    // The English message may quote the cell or the column title (Chinese); it is English otherwise.
    assert.ok(/[A-Za-z]{3,}/.test(e.message_en ?? ''), `an English message: ${JSON.stringify(e)}`)
  }
  return res.body.errors.map((e) => `${e.row}:${e.column}`).sort()
}
