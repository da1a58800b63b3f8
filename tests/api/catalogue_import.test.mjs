// Catalogue imports and exports over HTTP (docs/api.md: matters, benchmarks, lenient lists): the
// export is the import layout and comes back unchanged; dry_run previews creates and updates (with
// before/after) and writes nothing; dry_run=false applies them in one go, each update a new version
// with 修改原因 or 批量导入; any bad row, a missing column or merged cells refuse the whole file.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, Client, assertProblem } from './harness.mjs'
import { makeXlsx, readXlsx } from './xlsx.mjs'
import { XLSX, XLSX_CONTENT_TYPE, bodyIdsByCode, listAll } from './people_helpers.mjs'
import {
  enc, article, uniqueCode, matterDetail, mattersByCode, MATTER_REQUIRED, MATTER_OPTIONAL, BENCHMARK_COLUMNS,
  LENIENT_REQUIRED, sheetOf, objectsOf, rowErrors,
} from './catalogue_helpers.mjs'

let srv, admin, city, yongji, yongjiSfj, officer, anon
const body = {}
let countyYongji
let A35, A122, A123

before(async () => {
  srv = await startServer()
  ;[admin, city, yongji, yongjiSfj, officer] = await Promise.all(
    ['admin', 'sfj_city', 'yongji_admin', 'yongji_sfj', 'officer_demo'].map((u) => login(srv.url, u)))
  anon = new Client(srv.url)
  Object.assign(body, await bodyIdsByCode(admin, 'ZF-SCJG'))
  countyYongji = (await admin.get('/api/township-lists')).body.find((c) => c.county_code === '140881').county_id
  A35 = await article(officer, '《食品安全法》第三十五条')
  A122 = await article(officer, '《食品安全法》第一百二十二条')
  A123 = await article(officer, '《食品安全法》第一百二十三条')
})
after(async () => { await srv?.destroy() })

const importMatters = (client, sheet, dryRun = true) => client.post(`/api/matters/import?dry_run=${dryRun}`, Buffer.isBuffer(sheet) ? sheet : makeXlsx(sheet), XLSX)
const importBenchmarks = (client, sheet, dryRun = true) => client.post(`/api/benchmarks/import?dry_run=${dryRun}`, Buffer.isBuffer(sheet) ? sheet : makeXlsx(sheet), XLSX)
const importLenient = (client, sheet, dryRun = true) => client.post(`/api/lenient-entries/import?dry_run=${dryRun}`, Buffer.isBuffer(sheet) ? sheet : makeXlsx(sheet), XLSX)
const APPLIED = [200, 201]

async function download(client, path) {
  const r = await client.getBytes(path)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.headers.get('content-type'), XLSX_CONTENT_TYPE)
  assert.match(r.headers.get('content-disposition') || '', /^attachment;.*\.xlsx/)
  return r.bytes
}

/** A matter of the city market team, created through the API. */
async function createMatter(over = {}) {
  const r = await city.post('/api/matters', {
    org_id: body['140800-ZF-SCJG'],
    code: uniqueCode('TI'),
    name: '对食品经营者未按规定公示许可证的行政处罚（导入测试）',
    type: 'penalty',
    field: 'market',
    basis: [{ article_id: A35.article_id, clause: '第一款' }, { article_id: A122.article_id, clause: '第一款' }],
    flow: [
      { name: '立案', description: '报负责人批准', time_limit: '15日' },
      { name: '调查取证', description: '两名执法人员', time_limit: '' },
      { name: '决定', description: '', time_limit: '90日' },
    ],
    guide: { conditions: '依职权', fees: '不收费', contact: '12345' },
    effective_from: '2024-01-01',
    ...over,
  })
  assert.equal(r.status, 201, r.text)
  return r.body
}

/** The import row of a matter as the API returned it (required columns + 办理流程 + 修改原因). */
const matterRow = (m, over = {}) => ({
  实施主体编码: m.org_code,
  事项编码: m.code,
  事项名称: m.name,
  事项类型: m.type_label,
  执法领域: m.field_label,
  设定依据: m.basis.map((b) => b.citation).join(';'),
  生效日期: m.effective_from,
  办理流程: m.flow.map((s) => s.name).join(' → '),
  ...over,
})
const MATTER_COLUMNS = [...MATTER_REQUIRED, '办理流程', '修改原因']

// =============================================================================================
describe('matter import and export', () => {
  test('the export is the import layout: a team\'s list and a county\'s township lists come back unchanged', async () => {
    const team = body['140881-ZF-SCJG']
    const listed = await listAll(officer, `/api/matters?org_id=${team}`)
    const bytes = await download(officer, `/api/matters?org_id=${team}&format=xlsx`)
    const { rows } = readXlsx(bytes)
    for (const c of [...MATTER_REQUIRED, ...MATTER_OPTIONAL.filter((c) => c !== '修改原因')]) assert.ok(rows[0].includes(c), `column ${c}: ${rows[0]}`)
    const objects = objectsOf(rows)
    assert.equal(objects.length, listed.total)
    assert.deepEqual(objects.map((o) => o.事项编码).sort(), listed.items.map((m) => m.code).sort())
    assert.ok(objects.every((o) => o.实施主体编码 === '140881-ZF-SCJG' && o.设定依据.startsWith('《')))

    const r = await importMatters(yongji, bytes)
    assert.equal(r.status, 200, r.text)
    assert.deepEqual([r.body.dry_run, r.body.rows, r.body.create, r.body.update, r.body.unchanged], [true, listed.total, 0, 0, listed.total])
    assert.ok(r.body.changes.every((c) => c.action === 'unchanged' && c.changes.length === 0), r.text.slice(0, 500))
    assert.deepEqual(r.body.changes.map((c) => c.row), objects.map((_, i) => i + 2))

    // Township lists: 清单类别 and 适用乡镇 go out and come back.
    const lists = readXlsx(await download(officer, `/api/matters?county_id=${countyYongji}&level=township&format=xlsx`)).rows
    const listObjects = objectsOf(lists)
    assert.equal(listObjects.length, 82)
    assert.deepEqual([...new Set(listObjects.map((o) => `${o.清单类别}/${o.适用乡镇}`))].sort(), ['法定事项/乡镇', '法定事项/街道', '赋权事项/全部'].sort())
    const back = await importMatters(yongji, makeXlsx(lists))
    assert.equal(back.status, 200, back.text)
    assert.deepEqual([back.body.unchanged, back.body.update, back.body.create], [82, 0, 0])

    // A matter with flow details and a guide: applying its own export changes nothing.
    const m = await createMatter()
    const one = await download(officer, `/api/matters?q=${enc(m.code)}&format=xlsx`)
    assert.equal(objectsOf(readXlsx(one).rows).length, 1)
    const applied = await importMatters(city, one, false)
    assert.ok(APPLIED.includes(applied.status), applied.text)
    assert.deepEqual([applied.body.dry_run, applied.body.unchanged, applied.body.update], [false, 1, 0])
    const after = await matterDetail(officer, m.id)
    assert.equal(after.version, 1)
    assert.deepEqual(after.flow, m.flow, 'step descriptions and time limits survive')
    assert.deepEqual(after.guide, m.guide)
  })

  test('dry_run previews creates and updates with before/after and writes nothing; dry_run=false applies them', async () => {
    const m1 = await createMatter()
    const m2 = await createMatter()
    const m3 = await createMatter()
    const newCode = uniqueCode('TN')
    const sheet = sheetOf(MATTER_COLUMNS, [
      matterRow(m1, { 事项名称: `${m1.name}（修订）`, 设定依据: '《食品安全法》第122条第一款;《中华人民共和国食品安全法》第一百二十三条', 修改原因: '依据调整' }),
      { 实施主体编码: '140881-ZF-SCJG', 事项编码: newCode, 事项名称: '食品经营日常监督检查（导入）', 事项类型: '行政检查', 执法领域: '市场监管',
        设定依据: '《中华人民共和国食品安全法》第一百二十二条', 生效日期: '2024-05-01', 办理流程: '制定计划→现场检查→处理' },
      matterRow(m2, { 事项名称: `${m2.name}（改名）` }),
      matterRow(m3),
    ])
    const preview = await importMatters(city, sheet)
    assert.equal(preview.status, 200, preview.text)
    const p = preview.body
    assert.deepEqual([p.dry_run, p.rows, p.create, p.update, p.unchanged], [true, 4, 1, 2, 1])
    assert.deepEqual(p.changes.map((c) => [c.row, c.code, c.action]), [[2, m1.code, 'update'], [3, newCode, 'create'], [4, m2.code, 'update'], [5, m3.code, 'unchanged']])
    const c1 = Object.fromEntries(p.changes[0].changes.map((c) => [c.field, c]))
    assert.deepEqual(Object.keys(c1).sort(), ['basis', 'name'])
    assert.deepEqual([c1.name.label, c1.name.before, c1.name.after], ['事项名称', m1.name, `${m1.name}（修订）`])
    assert.equal(c1.basis.before, '《中华人民共和国食品安全法》第三十五条第一款;《中华人民共和国食品安全法》第一百二十二条第一款')
    assert.equal(c1.basis.after, '《中华人民共和国食品安全法》第一百二十二条第一款;《中华人民共和国食品安全法》第一百二十三条')
    assert.equal(p.changes[1].name, '食品经营日常监督检查（导入）')

    // The preview wrote nothing.
    assert.deepEqual(await mattersByCode(officer, newCode), [])
    for (const m of [m1, m2]) {
      const d = await matterDetail(officer, m.id)
      assert.deepEqual([d.version, d.name], [1, m.name])
    }

    const applied = await importMatters(city, sheet, false)
    assert.ok(APPLIED.includes(applied.status), applied.text)
    assert.deepEqual([applied.body.dry_run, applied.body.rows, applied.body.create, applied.body.update, applied.body.unchanged], [false, 4, 1, 2, 1])
    const [created] = await mattersByCode(officer, newCode)
    assert.ok(created, 'the new matter exists')
    const n = await matterDetail(officer, created.id)
    assert.deepEqual([n.org_code, n.type, n.field, n.level, n.version, n.effective_from], ['140881-ZF-SCJG', 'inspection', 'market', 'county', 1, '2024-05-01'])
    assert.deepEqual(n.flow.map((s) => s.name), ['制定计划', '现场检查', '处理'])
    assert.deepEqual(n.basis.map((b) => b.article_id), [A122.article_id])

    const d1 = await matterDetail(officer, m1.id)
    assert.deepEqual([d1.version, d1.name], [2, `${m1.name}（修订）`])
    assert.deepEqual(d1.basis.map((b) => [b.article_id, b.clause]), [[A122.article_id, '第一款'], [A123.article_id, '']])
    assert.deepEqual(d1.flow, m1.flow, 'the same step names keep their descriptions')
    assert.deepEqual(d1.guide, m1.guide, 'guide columns absent from the sheet are kept')
    const v1 = (await officer.get(`/api/matters/${m1.id}/versions`)).body
    assert.deepEqual(v1.map((v) => [v.version, v.reason]), [[2, '依据调整'], [1, v1[1].reason]])
    assert.deepEqual([...v1[0].changed].sort(), ['事项名称', '设定依据'].sort())
    const v2 = (await officer.get(`/api/matters/${m2.id}/versions`)).body
    assert.deepEqual(v2.map((v) => [v.version, v.reason]), [[2, '批量导入'], [1, v2[1].reason]])
    assert.equal((await matterDetail(officer, m3.id)).version, 1)

    // The same file again: nothing left to do.
    const again = await importMatters(city, sheet)
    assert.deepEqual([again.body.create, again.body.update, again.body.unchanged], [0, 0, 4])
  })

  test('a file with any bad row is refused whole, with every error by row and column', async () => {
    const m = await createMatter()
    const good = uniqueCode('TG')
    const row = (over) => ({ 实施主体编码: '140800-ZF-SCJG', 事项编码: uniqueCode('TB'), 事项名称: '导入测试事项', 事项类型: '行政处罚', 执法领域: '市场监管', 设定依据: '《食品安全法》第一百二十二条', 生效日期: '2024-01-01', ...over })
    const sheet = sheetOf(MATTER_COLUMNS, [
      row({ 事项编码: good }), // 2: fine
      row({ 设定依据: '《食品安全法》第九百条' }), // 3: no such article
      row({ 实施主体编码: '140899-ZF-NONE' }), // 4: unknown holder
      row({ 事项类型: '行政奖励' }), // 5: unknown type
      row({ 生效日期: '2024/01/01' }), // 6: not a date
      row({ 生效日期: '2021-01-01' }), // 7: before 食品安全法 took effect (2021-04-29)
      row({ 事项编码: good }), // 8: the same holder and code twice
      row({ 执法领域: '渔业' }), // 9: unknown field
      row({ 设定依据: '食品安全法第一百二十二条' }), // 10: no 《》
      matterRow(m, { 事项名称: `${m.name}（不应保存）` }), // 11: a fine update
    ])
    const expected = ['3:设定依据', '4:实施主体编码', '5:事项类型', '6:生效日期', '7:生效日期', '8:事项编码', '9:执法领域', '10:设定依据'].sort()
    for (const dryRun of [true, false]) {
      const r = await importMatters(city, sheet, dryRun)
      assert.deepEqual(rowErrors(r), expected, r.text.slice(0, 1500))
      assert.ok(r.body.errors.find((e) => e.row === 3).message_zh.includes('第九百条'))
    }
    assert.deepEqual(await mattersByCode(officer, good), [], 'nothing created')
    const d = await matterDetail(officer, m.id)
    assert.deepEqual([d.version, d.name], [1, m.name], 'nothing updated')

    // A county administrator imports their county's matters only.
    const own = row({ 实施主体编码: '140881-ZF-SCJG' })
    const outside = row({ 实施主体编码: '140800-ZF-SCJG' })
    assert.deepEqual(rowErrors(await importMatters(yongji, sheetOf(MATTER_COLUMNS, [own, outside]))), ['3:实施主体编码'])
    const ok = await importMatters(yongji, sheetOf(MATTER_COLUMNS, [own]))
    assert.equal(ok.status, 200, ok.text)
    assert.equal(ok.body.create, 1)
  })

  test('a missing column or merged cells refuse the file; read-only roles may not import', async () => {
    const code = uniqueCode('TC')
    const rows = [
      { 实施主体编码: '140800-ZF-SCJG', 事项编码: code, 事项名称: '合并单元格测试一', 事项类型: '行政处罚', 执法领域: '市场监管', 设定依据: '《食品安全法》第一百二十二条', 生效日期: '2024-01-01' },
      { 实施主体编码: '140800-ZF-SCJG', 事项编码: `${code}B`, 事项名称: '合并单元格测试二', 事项类型: '行政处罚', 执法领域: '市场监管', 设定依据: '《食品安全法》第一百二十二条', 生效日期: '2024-01-01' },
    ]
    const missing = sheetOf(MATTER_REQUIRED.filter((c) => c !== '设定依据'), rows)
    for (const dryRun of [true, false]) {
      const r = await importMatters(city, missing, dryRun)
      assertProblem(assert, r, 422)
      assert.ok(r.text.includes('设定依据'), `the answer names the missing column: ${r.text.slice(0, 500)}`)
      if (r.body.code === 'import.rows') assert.deepEqual(r.body.errors.map((e) => [e.row, e.column]), [[1, '设定依据']])
    }
    // Published lists merge the holder cell over its rows: refused (A2:A3), though every value is there.
    const full = sheetOf(MATTER_REQUIRED, rows)
    const merged = full.map((r, i) => (i === 2 ? [null, ...r.slice(1)] : r))
    for (const dryRun of [true, false]) {
      assertProblem(assert, await importMatters(city, makeXlsx(merged, { mergeCells: ['A2:A3'] }), dryRun), 422, { code: 'import.merged_cells' })
      assertProblem(assert, await importMatters(city, makeXlsx(full, { mergeCells: ['D5:E5'] }), dryRun), 422, { code: 'import.merged_cells' })
    }
    assert.deepEqual(await mattersByCode(officer, code), [])
    // The same sheet without merges is fine.
    const ok = await importMatters(city, full)
    assert.equal(ok.status, 200, ok.text)
    assert.equal(ok.body.create, 2)

    assertProblem(assert, await importMatters(officer, full), 403)
    assertProblem(assert, await importMatters(yongjiSfj, full), 403)
    assertProblem(assert, await importMatters(anon, full), 401)
    assertProblem(assert, await anon.getBytes('/api/matters?format=xlsx'), 401)
  })
})

// =============================================================================================
describe('benchmark import and export', () => {
  const level = (code, over) => ({
    基准编码: code, 执法领域: '市场监管', 违法行为: `导入测试：${code} 的违法行为`, 违反条款: '《食品安全法》第六十七条',
    处罚依据: '《中华人民共和国食品安全法》第125条', 罚款方式: '固定金额', 法定下限: '0', 法定上限: '2000元', 发布机关编码: '140800-ZF-SCJG', 来源: '导入测试', ...over,
  })
  const threeLevels = (code, over = {}) => [
    level(code, { 裁量等级: '轻微', 适用情形: '情形一', 罚款下限: '0', 罚款上限: '500', 其他处罚: '警告', 轻微: '是', ...over }),
    level(code, { 裁量等级: '一般', 适用情形: '情形二', 罚款下限: '500', 罚款上限: '1,500', ...over }),
    level(code, { 裁量等级: '较重', 适用情形: '情形三', 罚款下限: '1500元', 罚款上限: '2000', 其他处罚: '没收违法所得;责令停产停业', 轻微: '否', ...over }),
  ]
  const byCode = async (code) => (await officer.get(`/api/benchmarks?q=${enc(code)}`)).body.items.find((b) => b.code === code)

  test('the export imports back unchanged', async () => {
    const total = (await officer.get('/api/benchmarks?page_size=1')).body.total
    const bytes = await download(officer, '/api/benchmarks?format=xlsx')
    const rows = readXlsx(bytes).rows
    for (const c of BENCHMARK_COLUMNS.filter((c) => c !== '修改原因')) assert.ok(rows[0].includes(c), `column ${c}`)
    assert.equal(new Set(objectsOf(rows).map((o) => o.基准编码)).size, total)
    const r = await importBenchmarks(city, bytes)
    assert.equal(r.status, 200, r.text)
    assert.deepEqual([r.body.dry_run, r.body.create, r.body.update, r.body.unchanged], [true, 0, 0, total])
  })

  test('one row per level: rows with the same code form one benchmark; preview, apply, then an update', async () => {
    const a = uniqueCode('TBA')
    const b = uniqueCode('TBB')
    const sheet = sheetOf(BENCHMARK_COLUMNS, [
      ...threeLevels(a),
      level(b, { 违法行为: '导入测试：按货值金额倍数', 处罚依据: '《食品安全法》第一百二十四条', 罚款方式: '货值金额倍数', 法定下限: '5倍', 法定上限: '10', 裁量等级: '一般', 罚款下限: '5', 罚款上限: '7.5倍' }),
      level(b, { 违法行为: '导入测试：按货值金额倍数', 处罚依据: '《食品安全法》第一百二十四条', 罚款方式: '货值金额倍数', 法定下限: '5倍', 法定上限: '10', 裁量等级: '严重', 罚款下限: '7.5', 罚款上限: '10倍' }),
    ])
    const preview = await importBenchmarks(city, sheet)
    assert.equal(preview.status, 200, preview.text)
    assert.deepEqual([preview.body.dry_run, preview.body.create, preview.body.update, preview.body.unchanged], [true, 2, 0, 0])
    assert.deepEqual(preview.body.changes.map((c) => [c.row, c.code, c.action]), [[2, a, 'create'], [5, b, 'create']])
    assert.equal(await byCode(a), undefined, 'the preview stored nothing')

    const applied = await importBenchmarks(city, sheet, false)
    assert.ok(APPLIED.includes(applied.status), applied.text)
    assert.deepEqual([applied.body.dry_run, applied.body.create], [false, 2])
    const ba = await byCode(a)
    assert.deepEqual([ba.org_id, ba.field, ba.fine_basis, ba.statutory_min, ba.statutory_max, ba.version], [body['140800-ZF-SCJG'], 'market', 'fixed', 0, 200_000, 1])
    assert.deepEqual(ba.levels.map((l) => [l.key, l.label, l.criteria, l.min, l.max, l.other, l.minor]), [
      ['minor', '轻微', '情形一', 0, 50_000, ['警告'], true],
      ['general', '一般', '情形二', 50_000, 150_000, [], false],
      ['serious', '较重', '情形三', 150_000, 200_000, ['没收违法所得', '责令停产停业'], false],
    ], 'levels in row order, amounts in fen')
    assert.equal(ba.violated.citation, '《中华人民共和国食品安全法》第六十七条')
    assert.equal(ba.penalty.citation, '《中华人民共和国食品安全法》第一百二十五条')
    const bb = await byCode(b)
    assert.deepEqual([bb.fine_basis, bb.statutory_min, bb.statutory_max], ['value', 5000, 10_000])
    assert.deepEqual(bb.levels.map((l) => [l.key, l.min, l.max]), [['general', 5000, 7500], ['grave', 7500, 10_000]], 'multiples in thousandths')

    // An update: the preview names the changed part, with what it was and what it becomes.
    const changed = sheetOf(BENCHMARK_COLUMNS, [
      ...threeLevels(a).map((r, i) => (i === 1 ? { ...r, 罚款上限: '1200' } : i === 2 ? { ...r, 罚款下限: '1200' } : r)).map((r, i) => (i === 0 ? { ...r, 修改原因: '调整一般等级幅度' } : r)),
      ...sheet.slice(4).map((r) => Object.fromEntries(BENCHMARK_COLUMNS.map((c, i) => [c, r[i]]))),
    ])
    const up = await importBenchmarks(city, changed)
    assert.equal(up.status, 200, up.text)
    assert.deepEqual([up.body.create, up.body.update, up.body.unchanged], [0, 1, 1])
    const change = up.body.changes.find((c) => c.code === a)
    assert.equal(change.action, 'update')
    assert.deepEqual(change.changes.map((c) => c.label), ['裁量等级'])
    assert.notEqual(change.changes[0].before, change.changes[0].after, `the preview shows before and after: ${JSON.stringify(change.changes[0])}`)
    assert.equal((await byCode(a)).version, 1, 'the preview stored nothing')
    const done = await importBenchmarks(city, changed, false)
    assert.ok(APPLIED.includes(done.status), done.text)
    const after = await byCode(a)
    assert.equal(after.version, 2)
    assert.deepEqual(after.levels.map((l) => [l.min, l.max]), [[0, 50_000], [50_000, 120_000], [120_000, 200_000]])
    const versions = (await officer.get(`/api/benchmarks/${after.id}/versions`)).body
    assert.deepEqual(versions.map((v) => [v.version, v.reason]), [[2, '调整一般等级幅度'], [1, versions[1].reason]])
  })

  test('rows of one benchmark must agree; levels must be in range and ascending; nothing is stored otherwise', async () => {
    const c = uniqueCode('TBC')
    const inconsistent = threeLevels(c)
    inconsistent[1] = { ...inconsistent[1], 违法行为: '另一种违法行为' }
    inconsistent[2] = { ...inconsistent[2], 罚款方式: '违法所得倍数', 罚款下限: '1', 罚款上限: '2' }
    const r = await importBenchmarks(city, sheetOf(BENCHMARK_COLUMNS, inconsistent))
    const errs = rowErrors(r)
    assert.ok(errs.includes('3:违法行为'), JSON.stringify(errs))
    assert.ok(errs.includes('4:罚款方式'), JSON.stringify(errs))
    assert.ok(r.body.errors.find((e) => e.row === 3).message_zh.includes(c))

    const overlap = threeLevels(c).map((row, i) => (i === 1 ? { ...row, 罚款下限: '400' } : row))
    const reversed = threeLevels(c).map((row, i) => (i === 0 ? { ...row, 罚款下限: '600', 罚款上限: '500' } : row))
    const outside = threeLevels(c).map((row, i) => (i === 2 ? { ...row, 罚款上限: '3000' } : row))
    const badArticle = threeLevels(c).map((row) => ({ ...row, 处罚依据: '《食品安全法》第九百条' }))
    const badAmount = threeLevels(c).map((row, i) => (i === 1 ? { ...row, 罚款上限: '一千五百' } : row))
    for (const [label, rows, expect] of [
      ['overlapping levels', overlap, /^2:裁量等级$|^3:/],
      ['min > max', reversed, /^2:/],
      ['outside the statutory range', outside, /^2:裁量等级$|^4:/],
      ['unknown article', badArticle, /^2:处罚依据$/],
      ['not an amount', badAmount, /^3:罚款上限$/],
    ]) {
      for (const dryRun of [true, false]) {
        const e = rowErrors(await importBenchmarks(city, sheetOf(BENCHMARK_COLUMNS, rows), dryRun))
        assert.ok(e.some((x) => expect.test(x)), `${label}: ${JSON.stringify(e)}`)
      }
    }
    const missing = await importBenchmarks(city, sheetOf(BENCHMARK_COLUMNS.filter((x) => x !== '裁量等级'), threeLevels(c)))
    assertProblem(assert, missing, 422)
    assert.ok(missing.text.includes('裁量等级'), missing.text.slice(0, 400))
    assertProblem(assert, await importBenchmarks(city, makeXlsx(sheetOf(BENCHMARK_COLUMNS, threeLevels(c)), { mergeCells: ['A2:A4'] })), 422, { code: 'import.merged_cells' })
    assert.equal(await byCode(c), undefined, 'nothing stored')
    assertProblem(assert, await importBenchmarks(officer, sheetOf(BENCHMARK_COLUMNS, threeLevels(c))), 403)
  })

  test('the preview tells what applying would do: a row the apply refuses is refused by the preview too', async () => {
    // Without 发布机关编码 the benchmark belongs to the importer's own org; the administrator's is the
    // city (运城市), not an enforcement body, so the apply refuses the row. The preview must say so.
    const code = uniqueCode('TBD')
    const sheet = sheetOf(BENCHMARK_COLUMNS, threeLevels(code, { 发布机关编码: '' }))
    const applied = await importBenchmarks(admin, sheet, false)
    const preview = await importBenchmarks(admin, sheet, true)
    assert.equal(applied.status, 422, applied.text.slice(0, 400))
    assert.equal(preview.status, applied.status, `dry run ${preview.status} ${preview.text.slice(0, 300)} vs apply ${applied.status}`)
    assert.equal(await byCode(code), undefined)
  })
})

// =============================================================================================
describe('lenient list import and export', () => {
  const entry = (over) => ({
    清单类别: '从轻处罚', 编码: uniqueCode('TLI'), 基准编码: 'SCJG-JZ-003', 适用条件: '导入测试：初次违法，主动改正的',
    首次违法: '是', 危害后果: '轻微', '改正期限(日)': '10', 依据: '《中华人民共和国行政处罚法》第三十二条', ...over,
  })
  const COLUMNS = [...LENIENT_REQUIRED, '需确认其他条件', '示例', '状态']
  const find = async (code) => (await officer.get(`/api/lenient-entries?q=${enc(code)}`)).body.items.find((e) => e.code === code)

  test('the export imports back unchanged; new entries are previewed, applied and counted by kind', async () => {
    const list = await officer.get('/api/lenient-entries?page_size=200')
    const bytes = await download(officer, '/api/lenient-entries?format=xlsx')
    const rows = readXlsx(bytes).rows
    for (const c of LENIENT_REQUIRED) assert.ok(rows[0].includes(c), `column ${c}`)
    assert.equal(rows.length - 1, list.body.total)
    const same = await importLenient(city, bytes)
    assert.equal(same.status, 200, same.text)
    assert.deepEqual([same.body.create, same.body.update, same.body.unchanged], [0, 0, list.body.total])

    const e1 = entry()
    const e2 = entry({ 清单类别: '免予行政强制', 首次违法: '否', 危害后果: '无', '改正期限(日)': '', 需确认其他条件: '否', 依据: '《中华人民共和国行政强制法》第五条' })
    const sheet = sheetOf(COLUMNS, [e1, e2])
    const preview = await importLenient(city, sheet)
    assert.equal(preview.status, 200, preview.text)
    assert.deepEqual([preview.body.dry_run, preview.body.create, preview.body.update], [true, 2, 0])
    assert.deepEqual(preview.body.changes.map((c) => [c.row, c.code, c.action]), [[2, e1.编码, 'create'], [3, e2.编码, 'create']])
    assert.equal(await find(e1.编码), undefined, 'the preview stored nothing')
    assert.deepEqual((await officer.get('/api/lenient-entries')).body.counts, list.body.counts)

    const applied = await importLenient(city, sheet, false)
    assert.ok(APPLIED.includes(applied.status), applied.text)
    const counts = (await officer.get('/api/lenient-entries')).body.counts
    assert.deepEqual(counts, { ...list.body.counts, lighter: list.body.counts.lighter + 1, no_coercion: list.body.counts.no_coercion + 1 })
    const got1 = await find(e1.编码)
    assert.deepEqual([got1.kind, got1.benchmark_code, got1.first_violation_only, got1.max_harm, got1.corrected_within_days, got1.needs_confirmation, got1.status],
      ['lighter', 'SCJG-JZ-003', true, 'minor', 10, true, 'active'], 'needs_confirmation defaults to 是')
    const got2 = await find(e2.编码)
    assert.deepEqual([got2.kind, got2.first_violation_only, got2.max_harm, got2.corrected_within_days, got2.needs_confirmation], ['no_coercion', false, 'none', null, false])

    // Withdrawn by a later import: an update naming 状态; gone from the public list.
    const withdraw = await importLenient(city, sheetOf(COLUMNS, [{ ...e1, 状态: '已废止' }, e2]))
    assert.deepEqual([withdraw.body.update, withdraw.body.unchanged], [1, 1])
    assert.deepEqual(withdraw.body.changes[0].changes.map((c) => c.label), ['状态'])
    const done = await importLenient(city, sheetOf(COLUMNS, [{ ...e1, 状态: '已废止' }, e2]), false)
    assert.ok(APPLIED.includes(done.status), done.text)
    assert.equal((await find(e1.编码)).status, 'withdrawn')
    assert.equal((await anon.get(`/public/api/lenient-entries?q=${enc(e1.编码)}`)).body.total, 0)
    assert.equal((await anon.get(`/public/api/lenient-entries?q=${enc(e2.编码)}`)).body.total, 1)
  })

  test('bad rows and a missing column refuse the file; nothing is stored', async () => {
    const good = entry()
    const sheet = sheetOf(COLUMNS, [
      good, // 2
      entry({ 基准编码: 'NO-SUCH-JZ' }), // 3
      entry({ 首次违法: '可能' }), // 4
      entry({ 危害后果: '严重' }), // 5
      entry({ '改正期限(日)': '十天' }), // 6
      entry({ 清单类别: '从宽处理' }), // 7
      entry({ 编码: good.编码 }), // 8: twice in the file
      entry({ 适用条件: '' }), // 9
    ])
    for (const dryRun of [true, false]) {
      assert.deepEqual(rowErrors(await importLenient(city, sheet, dryRun)),
        ['3:基准编码', '4:首次违法', '5:危害后果', '6:改正期限(日)', '7:清单类别', '8:编码', '9:适用条件'].sort())
    }
    const missing = await importLenient(city, sheetOf(LENIENT_REQUIRED.filter((c) => c !== '依据'), [good]))
    assertProblem(assert, missing, 422)
    assert.ok(missing.text.includes('依据'), missing.text.slice(0, 400))
    assert.equal(await find(good.编码), undefined)
    assertProblem(assert, await importLenient(yongjiSfj, sheetOf(COLUMNS, [good])), 403)
  })
})
