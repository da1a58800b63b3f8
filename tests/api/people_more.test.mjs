// Officers in bulk (Excel import all or nothing, template, export), officer edits (legal reviewer
// rule), training and its hours report, supervisors (masked ID and phone, duplicates, scope), the
// people reports (certified, expiring, legal-review ratio), the officer's photo and permissions.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { deflateSync } from 'node:zlib'
import { startServer, login, assertProblem, execSql, Client } from './harness.mjs'
import { makeXlsx, readXlsx } from './xlsx.mjs'
import { XLSX, XLSX_CONTENT_TYPE, wrongCheck, personId, todayShanghai, addDays, listAll, bodyIdsByCode, orgIdByCode } from './people_helpers.mjs'

let srv, admin, city, yongji, yanhu, yongjiSfj, township
let county // the org id of 永济市 (a county, not a body)
let full // a second server with the whole demo (people: true)
const today = todayShanghai()
const year = Number(today.slice(0, 4))
const body = {}
const IMPORT_HEAD = ['姓名', '身份证号码', '执法主体编码', '职务', '执法领域', '法律职业资格']

/** An ID number of 永济市 whose check character is X (to send it as a lower-case x). */
function idWithX() {
  for (let n = 5000; ; n++) {
    const id = personId('140881', n)
    if (id.endsWith('X')) return id
  }
}

async function register(client, name, code, n, extra = {}) {
  const region = code.startsWith('140802') ? '140802' : '140881'
  const id = personId(region, n)
  const fields = extra.fields ?? (code.endsWith('-ZFB') ? ['township'] : ['market'])
  const r = await client.post('/api/officers', { name, id_number: id, org_id: body[code], fields, ...extra })
  assert.equal(r.status, 201, r.text)
  return { ...r.body, idNumber: id }
}

/** apply → pass_exam → issue with the given validity; returns the certificate. */
async function certify(client, officer, number, validFrom, validUntil, fields = officer.fields) {
  let r = await client.post(`/api/officers/${officer.id}/certificates`, { fields })
  assert.equal(r.status, 201, r.text)
  const cert = r.body.certificates.at(-1)
  r = await client.post(`/api/certificates/${cert.id}/events`, { event: 'pass_exam' })
  assert.equal(r.status, 200, r.text)
  r = await client.post(`/api/certificates/${cert.id}/events`, { event: 'issue', number, valid_from: validFrom, valid_until: validUntil })
  assert.equal(r.status, 200, r.text)
  return r.body.certificates.at(-1)
}

before(async () => {
  srv = await startServer()
  ;[admin, city, yongji, yanhu, yongjiSfj, township] = await Promise.all(
    ['admin', 'sfj_city', 'yongji_admin', 'yanhu_admin', 'yongji_sfj', 'zhongcheng_staff'].map((u) => login(srv.url, u)))
  Object.assign(body, await bodyIdsByCode(admin, '140881'), await bodyIdsByCode(admin, '140802'))
  county = await orgIdByCode(admin, '140881')
})
after(async () => { await srv?.destroy(); await full?.destroy() })

// ---------------------------------------------------------------------------------------------

describe('officer import', () => {
  let registered

  test('the template is an .xlsx with the import columns', async () => {
    const r = await yongji.getBytes('/api/officers/import-template.xlsx')
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('content-type'), XLSX_CONTENT_TYPE)
    assert.match(r.headers.get('content-disposition') || '', /^attachment;/)
    assert.deepEqual(readXlsx(r.bytes).rows[0], IMPORT_HEAD)
    assertProblem(assert, await yongjiSfj.getBytes('/api/officers/import-template.xlsx'), 403)
  })

  test('a sheet with any bad row is refused whole, with every row\'s errors', async () => {
    registered = await register(yongji, '已登记', '140881-ZF-SCJG', 1)
    const ledgerBefore = (await admin.get('/api/ledger/events?entity=officer&page_size=1')).body.total
    const dup = personId('140881', 11)
    const sheet = makeXlsx([
      IMPORT_HEAD,
      ['甲', dup, '140881-ZF-SCJG', '执法队员', '市场监管、城市管理', '是'], // 2: good
      ['乙', dup, '140881-ZF-SCJG', '执法队员', 'market', '否'], // 3: same ID as row 2
      ['丙', wrongCheck(personId('140881', 12)), '140881-ZF-SCJG', '', 'market', '否'], // 4: wrong check digit
      ['丁', registered.idNumber, '140881-ZF-SCJG', '', 'market', ''], // 5: already registered
      ['戊', personId('140881', 13), '140802001-ZFB', '', 'township', ''], // 6: another county's body
      ['己', personId('140881', 14), '140881-ZF-SCJG', '', '星象', '也许'], // 7: unknown field, bad 是/否
      ['庚', personId('140881', 15), '140881', '', 'market', ''], // 8: a county, not a body
      ['', personId('140881', 16), '140881-ZF-SCJG', '', 'market', ''], // 9: no name
      ['辛', '1.40881E+17', '140881-ZF-SCJG', '', 'market', ''], // 10: Excel's scientific notation
    ])
    const r = await yongji.post('/api/officers/import', sheet, XLSX)
    assertProblem(assert, r, 422, { code: 'import.rows', field: 'file' })
    const got = r.body.errors.map((e) => `${e.row}:${e.column}`).sort()
    assert.deepEqual(got, ['3:身份证号码', '4:身份证号码', '5:身份证号码', '6:执法主体编码', '7:执法领域', '7:法律职业资格',
      '8:执法主体编码', '9:姓名', '10:身份证号码'].sort(), r.text)
    for (const e of r.body.errors) assert.ok(e.message_zh && e.message_en, JSON.stringify(e))
    assert.match(r.body.errors.find((e) => e.row === 3).message_zh, /第 2 行/)
    assert.match(r.body.message_zh, /9/)

    const list = await yongji.get('/api/officers')
    assert.deepEqual(list.body.items.map((o) => o.name), ['已登记'], 'not a single row was imported')
    assert.equal((await admin.get('/api/ledger/events?entity=officer&page_size=1')).body.total, ledgerBefore)
  })

  test('a good sheet imports every row: field labels or keys, 是/否, a lower-case x', async () => {
    const x = idWithX()
    const sheet = makeXlsx([
      ['执法领域', '姓名', '身份证号码', '执法主体编码', '法律职业资格', '职务', '备注'], // any column order; extra columns ignored
      ['市场监管、城市管理', '甲', personId('140881', 11), '140881-ZF-SCJG', '是', '执法队员', '—'],
      ['township', '乙', personId('140881', 12), '140881001-ZFB', '否', '', ''],
      ['农业', '丙', x.slice(0, 17) + 'x', '140881-ZF-SCJG', '', '副队长', ''],
    ])
    const r = await yongji.post('/api/officers/import', sheet, XLSX)
    assert.equal(r.status, 201, r.text)
    assert.deepEqual(r.body, { imported: 3 })
    const list = (await yongji.get('/api/officers?page_size=200')).body.items
    const by = Object.fromEntries(list.map((o) => [o.name, o]))
    assert.deepEqual(by['甲'].fields, ['market', 'urban'])
    assert.equal(by['甲'].legal_qualified, true)
    assert.equal(by['甲'].post, '执法队员')
    assert.equal(by['乙'].org_id, body['140881001-ZFB'])
    assert.deepEqual(by['乙'].fields, ['township'])
    assert.equal(by['乙'].legal_qualified, false)
    assert.equal(by['丙'].id_number_masked, `140881********${x.slice(14)}`, 'the x is stored as X')
    assert.equal((await admin.get(`/api/officers/${by['丙'].id}`)).body.id_number, x)
    const ev = (await admin.get('/api/ledger/events?entity=officer_import')).body.items
    assert.equal(ev.length, 1)
    assert.equal(ev[0].action, 'officer.imported')
    // Importing the same file again: every row is now already registered.
    const again = await yongji.post('/api/officers/import', sheet, XLSX)
    assertProblem(assert, again, 422, { code: 'import.rows' })
    assert.deepEqual(again.body.errors.map((e) => e.row).sort(), [2, 3, 4])
  })

  test('not a workbook is 415; the permission is needed', async () => {
    assertProblem(assert, await yongji.post('/api/officers/import', Buffer.from('姓名,身份证号码\n张三,1\n'), XLSX), 415, { code: 'import.not_xlsx' })
    assertProblem(assert, await yongjiSfj.post('/api/officers/import', makeXlsx([IMPORT_HEAD]), XLSX), 403)
    assertProblem(assert, await yongji.post('/api/officers/import', makeXlsx([IMPORT_HEAD]), XLSX), 422, { code: 'import.empty' })
  })

  test('a sheet over 20,000 rows is refused (413) and nothing is imported', async () => {
    const before = (await admin.get('/api/officers?page_size=1')).body.total
    const rows = [IMPORT_HEAD]
    for (let i = 0; i < 20_001; i++) rows.push([`批量${i}`, personId('140881', 10_000 + i), '140881-ZF-SCJG', '', 'market', ''])
    const r = await yongji.post('/api/officers/import', makeXlsx(rows), XLSX)
    assertProblem(assert, r, 413, { field: 'file' })
    assert.equal((await admin.get('/api/officers?page_size=1')).body.total, before)
  })
})

// ---------------------------------------------------------------------------------------------

describe('officer export and edits', () => {
  test('the export holds the officers in scope, masked unless the caller may see ID numbers', async () => {
    await register(yanhu, '盐湖一', '140802001-ZFB', 21)
    const json = await listAll(yongji, '/api/officers')
    const r = await yongji.getBytes('/api/officers?format=xlsx')
    assert.equal(r.status, 200)
    assert.match(r.headers.get('content-disposition') || '', /^attachment;/)
    const { rows } = readXlsx(r.bytes)
    assert.deepEqual(rows[0], ['姓名', '性别', '身份证号码', '执法主体', '职务', '执法领域', '法律职业资格', '法制审核人员', '执法证号', '执法证状态', '有效期至', '状态'])
    assert.deepEqual(rows.slice(1).map((x) => [x[0], x[2], x[3]]), json.items.map((o) => [o.name, o.id_number_masked, o.org_name]))
    assert.ok(!rows.some((x) => x[0] === '盐湖一'), 'no officer of 盐湖区')
    assert.ok(rows.slice(1).every((x) => /^\d{6}\*{8}[\dX]{4}$/.test(x[2])), 'masked')
    const jia = rows.find((x) => x[0] === '甲')
    assert.deepEqual([jia[1], jia[5], jia[6], jia[11]], ['男', '市场监管、城市管理', '是', '在岗'])

    const full = readXlsx((await admin.getBytes('/api/officers?format=xlsx')).bytes).rows
    assert.equal(full.length - 1, (await admin.get('/api/officers')).body.total)
    assert.equal(full.find((x) => x[0] === '盐湖一')[2], personId('140802', 21), 'the administrator exports whole numbers')
    const filtered = readXlsx((await yongji.getBytes(`/api/officers?format=xlsx&org_id=${body['140881001-ZFB']}`)).bytes).rows
    assert.deepEqual(filtered.slice(1).map((x) => x[0]), ['乙'])
  })

  test('PUT: a new legal reviewer needs the legal qualification (409); other edits; scope', async () => {
    const list = (await yongji.get('/api/officers?page_size=200')).body.items
    const yi = list.find((o) => o.name === '乙') // not legal_qualified
    const jia = list.find((o) => o.name === '甲') // legal_qualified
    const r = await yongji.put(`/api/officers/${yi.id}`, { legal_reviewer: true, post: '法制审核员' })
    assertProblem(assert, r, 409, { code: 'officer.reviewer_unqualified', field: 'legal_reviewer' })
    let d = (await yongji.get(`/api/officers/${yi.id}`)).body
    assert.deepEqual([d.legal_reviewer, d.post], [false, ''], 'unchanged')

    let ok = await yongji.put(`/api/officers/${yi.id}`, { legal_qualified: true, legal_reviewer: true })
    assert.equal(ok.status, 200, ok.text)
    assert.deepEqual([ok.body.legal_qualified, ok.body.legal_reviewer], [true, true])
    ok = await yongji.put(`/api/officers/${jia.id}`, { legal_reviewer: true, post: '法制审核员', fields: ['market'], org_id: body['140881-ZF-WHSC'] })
    assert.equal(ok.status, 200, ok.text)
    assert.deepEqual([ok.body.legal_reviewer, ok.body.post, ok.body.org_id], [true, '法制审核员', body['140881-ZF-WHSC']])
    assert.deepEqual(ok.body.fields, ['market'])
    const reviewers = await yongji.get('/api/officers?legal_reviewer=true')
    assert.deepEqual(reviewers.body.items.map((o) => o.name).sort(), ['乙', '甲'].sort())

    // Leaving the post ends the review duty.
    ok = await yongji.put(`/api/officers/${yi.id}`, { status: 'left' })
    assert.equal(ok.status, 200, ok.text)
    assert.deepEqual([ok.body.status, ok.body.legal_reviewer], ['left', false])

    assertProblem(assert, await yongji.put(`/api/officers/${jia.id}`, { status: 'gone' }), 400, { field: 'status' })
    assertProblem(assert, await yongji.put(`/api/officers/${jia.id}`, { org_id: body['140802001-ZFB'] }), 400, { field: 'org_id' })
    assertProblem(assert, await yongji.put(`/api/officers/${jia.id}`, { org_id: county }), 400, { field: 'org_id' })
    assertProblem(assert, await yongji.put(`/api/officers/${jia.id}`, { fields: ['astrology'] }), 400, { field: 'fields' })
    assertProblem(assert, await yongji.put(`/api/officers/${jia.id}`, { name: '改名' }), 400, { field: 'name' })
    assertProblem(assert, await yanhu.put(`/api/officers/${jia.id}`, { post: '越权' }), 404)
    assertProblem(assert, await yongjiSfj.put(`/api/officers/${jia.id}`, { post: '越权' }), 403)
    d = (await admin.get(`/api/officers/${jia.id}`)).body
    assert.equal(d.post, '法制审核员', 'unchanged by the refused edits')

    const ev = (await admin.get('/api/ledger/events?entity=officer&page_size=20')).body.items
    assert.ok(ev.filter((e) => e.action === 'officer.updated').length >= 3, JSON.stringify(ev.map((e) => e.action)))
  })
})

// ---------------------------------------------------------------------------------------------

describe('training', () => {
  let big, small
  let jia, bing
  const ATT_HEAD = ['姓名', '身份证号码', '学时']

  test('creating a class checks category, dates and hours; it needs training:manage', async () => {
    const good = { title: '行政执法人员公共法律知识培训', category: 'legal', start_date: `${year}-03-01`, end_date: `${year}-03-05`, hours: 40 }
    assertProblem(assert, await yongji.post('/api/trainings', { ...good, category: 'sports' }), 400, { field: 'category' })
    assertProblem(assert, await yongji.post('/api/trainings', { ...good, end_date: `${year}-02-28` }), 400, { field: 'end_date' })
    assertProblem(assert, await yongji.post('/api/trainings', { ...good, end_date: `${year + 1}-01-02` }), 400, { field: 'end_date' })
    assertProblem(assert, await yongji.post('/api/trainings', { ...good, hours: 0 }), 400, { field: 'hours' })
    assertProblem(assert, await yongji.post('/api/trainings', { ...good, hours: 12.25 }), 400, { field: 'hours' })
    assertProblem(assert, await yongji.post('/api/trainings', { ...good, start_date: `${year}-02-30` }), 400, { field: 'start_date' })
    assertProblem(assert, await yongjiSfj.post('/api/trainings', good), 403)

    let r = await yongji.post('/api/trainings', good)
    assert.equal(r.status, 201, r.text)
    big = r.body
    assert.deepEqual([big.category_label, big.hours, big.attendee_count, big.year], ['法律知识', 40, 0, year])
    r = await yongji.post('/api/trainings', { title: '执法技能实训', category: 'skills', start_date: `${year}-05-10`, end_date: `${year}-05-12`, hours: 20 })
    assert.equal(r.status, 201, r.text)
    small = r.body
    const list = await yongji.get(`/api/trainings?year=${year}`)
    assert.deepEqual(list.body.items.map((t) => t.id).sort(), [big.id, small.id].sort())
    assert.equal((await yanhu.get('/api/trainings')).body.total, 0, '盐湖区 sees no class of 永济市')
    assertProblem(assert, await yanhu.get(`/api/trainings/${big.id}`), 404)
  })

  test('attendance import: hours over the class hours, an unknown or out-of-scope person, a wrong name refuse the whole sheet', async () => {
    const t = await yongji.getBytes(`/api/trainings/${big.id}/attendance-template.xlsx`)
    assert.equal(t.status, 200)
    assert.deepEqual(readXlsx(t.bytes).rows[0], ATT_HEAD)

    const list = (await yongji.get('/api/officers?page_size=200')).body.items
    jia = list.find((o) => o.name === '甲')
    bing = list.find((o) => o.name === '丙')
    const jiaId = personId('140881', 11)
    const bingId = (await admin.get(`/api/officers/${bing.id}`)).body.id_number
    const sheet = makeXlsx([
      ATT_HEAD,
      ['甲', jiaId, 40], // 2: good
      ['丙', bingId, 40.5], // 3: more than the class's 40 hours
      ['无名', personId('140881', 999), 10], // 4: nobody with this ID number
      ['盐湖一', personId('140802', 21), 10], // 5: an officer of 盐湖区
      ['错名', bingId, 8], // 6: the name does not match (and row 3's person again)
      ['甲', jiaId, 'abc'], // 7: not a number (and the same person as row 2)
      ['丁', wrongCheck(personId('140881', 30)), 8], // 8: a broken ID number
    ])
    const r = await yongji.post(`/api/trainings/${big.id}/attendance`, sheet, XLSX)
    assertProblem(assert, r, 422, { code: 'import.rows' })
    const rows = new Set(r.body.errors.map((e) => e.row))
    assert.deepEqual([...rows].sort((a, b) => a - b), [3, 4, 5, 6, 7, 8], r.text)
    assert.ok(r.body.errors.some((e) => e.row === 3 && e.column === '学时'))
    assert.ok(r.body.errors.some((e) => e.row === 6 && e.column === '姓名'))
    assert.ok(r.body.errors.some((e) => e.row === 7 && e.column === '学时'))
    const d = (await yongji.get(`/api/trainings/${big.id}`)).body
    assert.deepEqual([d.attendee_count, d.attendees], [0, []], 'nothing recorded')
  })

  test('good attendance is recorded; a person is recorded once per class', async () => {
    const jiaId = personId('140881', 11)
    const bingId = (await admin.get(`/api/officers/${bing.id}`)).body.id_number
    let r = await yongji.post(`/api/trainings/${big.id}/attendance`, makeXlsx([ATT_HEAD, ['甲', jiaId, 40], ['丙', bingId.toLowerCase(), 12.5]]), XLSX)
    assert.equal(r.status, 201, r.text)
    assert.deepEqual(r.body, { imported: 2 })
    r = await yongji.post(`/api/trainings/${small.id}/attendance`, makeXlsx([ATT_HEAD, ['甲', jiaId, '20']]), XLSX)
    assert.equal(r.status, 201, r.text)
    const d = (await yongji.get(`/api/trainings/${big.id}`)).body
    assert.equal(d.attendee_count, 2)
    assert.deepEqual(d.attendees.map((a) => [a.officer_name, a.hours]).sort(), [['丙', 12.5], ['甲', 40]])
    assert.ok(d.attendees.every((a) => a.id_number === undefined))
    const again = await yongji.post(`/api/trainings/${big.id}/attendance`, makeXlsx([ATT_HEAD, ['甲', jiaId, 1]]), XLSX)
    assertProblem(assert, again, 422, { code: 'import.rows' })
    assertProblem(assert, await yongji.post(`/api/trainings/${big.id}/attendance`, Buffer.from('no'), XLSX), 415)
  })

  test('the yearly hours report: below 60 hours, with the hours missing', async () => {
    const all = await listAll(yongji, `/api/reports/training?year=${year}`)
    const active = (await listAll(yongji, '/api/officers?status=active')).items
    assert.equal(all.total, active.length, 'one row per active officer')
    const by = Object.fromEntries(all.items.map((i) => [i.officer_name, i]))
    assert.deepEqual([by['甲'].hours, by['甲'].missing], [60, 0], '40 + 20 hours')
    assert.deepEqual([by['丙'].hours, by['丙'].missing], [12.5, 47.5])
    assert.deepEqual([by['已登记'].hours, by['已登记'].missing], [0, 60])

    const below = await yongji.get(`/api/reports/training?year=${year}&below=true&page_size=200`)
    assert.equal(below.body.min_hours, 60)
    assert.equal(below.body.year, year)
    const names = below.body.items.map((i) => i.officer_name)
    assert.ok(!names.includes('甲'), 'exactly 60 hours is enough')
    assert.ok(names.includes('丙') && names.includes('已登记'))
    assert.ok(below.body.items.every((i) => i.hours < 60 && i.missing === 60 - i.hours))
    assert.deepEqual(below.body.items.map((i) => i.hours), [...below.body.items.map((i) => i.hours)].sort((a, b) => a - b), 'fewest hours first')

    const x = readXlsx((await yongji.getBytes(`/api/reports/training?year=${year}&below=true&format=xlsx`)).bytes).rows
    assert.deepEqual(x[0], ['姓名', '执法主体', `${year}年学时`, '差额学时'])
    assert.deepEqual(x.slice(1).map((r) => [r[0], Number(r[2]), Number(r[3])]), below.body.items.map((i) => [i.officer_name, i.hours, i.missing]))

    const lastYear = await yongji.get(`/api/reports/training?year=${year - 1}&page_size=200`)
    assert.ok(lastYear.body.items.every((i) => i.hours === 0), 'hours count per year')
    const yh = await yanhu.get(`/api/reports/training?year=${year}&page_size=200`)
    assert.deepEqual(yh.body.items.map((i) => i.officer_name), ['盐湖一'], '盐湖区 sees its own officers only')
  })
})

// ---------------------------------------------------------------------------------------------

describe('supervisors', () => {
  const staffId = personId('140881', 401)
  const socialId = personId('140881', 402)
  const phone = '13812345678'
  let staff, social, yanhuStaff

  test('a staff supervisor needs a supervision certificate number, a social one a term; bad input is refused', async () => {
    const base = { name: '郑监督', id_number: staffId, org_id: body['140881-SFJ'], phone }
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { ...base, kind: 'staff' }), 400, { code: 'supervisor.certificate', field: 'certificate_number' })
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { ...base, kind: 'social', employer: '永济市某公司' }), 400, { code: 'supervisor.term', field: 'term_end' })
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { ...base, kind: 'social', term_start: `${year}-01-01`, term_end: `${year - 1}-12-31` }), 400, { field: 'term_end' })
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { ...base, kind: 'staff', certificate_number: 'JD1', phone: '1381234567' }), 400, { field: 'phone' })
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { ...base, kind: 'staff', certificate_number: 'JD1', id_number: wrongCheck(staffId) }), 400, { field: 'id_number' })
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { ...base, kind: 'auditor', certificate_number: 'JD1' }), 400, { field: 'kind' })
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { ...base, kind: 'staff', certificate_number: 'JD1', org_id: body['140802-SFJ'] }), 400, { field: 'org_id' })
    assertProblem(assert, await yongji.post('/api/supervisors', { ...base, kind: 'staff', certificate_number: 'JD1' }), 403)
    assert.equal((await city.get('/api/supervisors')).body.total, 0, 'nothing registered')
  })

  test('the ID number and the phone are masked, in JSON, in the export and in the database', async () => {
    let r = await yongjiSfj.post('/api/supervisors', { kind: 'staff', name: '郑监督', id_number: staffId, org_id: body['140881-SFJ'], phone,
      certificate_number: 'YJ-JD-0001', qualification: '法学本科' })
    assert.equal(r.status, 201, r.text)
    staff = r.body
    assert.equal(staff.kind_label, '行政执法监督人员')
    assert.equal(staff.id_number_masked, `${staffId.slice(0, 6)}********${staffId.slice(14)}`)
    assert.equal(staff.phone_masked, '138****5678')
    assert.equal(staff.certificate_number, 'YJ-JD-0001')
    assert.equal(staff.status, 'active')
    r = await yongjiSfj.post('/api/supervisors', { kind: 'social', name: '冯社会', id_number: socialId, org_id: body['140881-SFJ'],
      employer: '永济市某商会', area: '城西街道', term_start: `${year}-01-01`, term_end: `${year + 1}-12-31` })
    assert.equal(r.status, 201, r.text)
    social = r.body
    assert.deepEqual([social.kind_label, social.term_end, social.certificate_number, social.phone_masked], ['社会监督员', `${year + 1}-12-31`, null, ''])

    const list = await yongjiSfj.get('/api/supervisors')
    const texts = [list.text, JSON.stringify(staff), JSON.stringify((await yongjiSfj.get(`/api/supervisors/${staff.id}`)).body)]
    for (const t of texts) {
      assert.ok(!t.includes(staffId) && !t.includes(socialId) && !t.includes(phone), 'no whole ID number or phone')
    }
    for (const s of list.body.items) assert.ok(!('id_number' in s) && !('phone' in s))
    const x = readXlsx((await yongjiSfj.getBytes('/api/supervisors?format=xlsx')).bytes).rows
    assert.equal(x.length - 1, 2)
    const flat = x.flat().join('|')
    assert.ok(!flat.includes(staffId) && !flat.includes(phone), 'the export is masked too')
    assert.ok(flat.includes('138****5678'))
    const stored = execSql(srv, `SELECT id_number_enc || '|' || id_number_masked || '|' || phone_enc || '|' || phone_masked FROM supervisors WHERE id = ${staff.id}`)
    assert.ok(!stored.includes(staffId) && !stored.includes(phone), 'encrypted at rest')
  })

  test('the same person twice is 409; a certificate number is unique', async () => {
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { kind: 'staff', name: '郑监督', id_number: staffId, org_id: body['140881-SFJ'], certificate_number: 'YJ-JD-0002' }),
      409, { code: 'supervisor.duplicate', field: 'id_number' })
    assertProblem(assert, await yongjiSfj.post('/api/supervisors', { kind: 'staff', name: '陈另一', id_number: personId('140881', 403), org_id: body['140881-SFJ'], certificate_number: 'YJ-JD-0001' }),
      409, { field: 'certificate_number' })
    assert.equal((await yongjiSfj.get('/api/supervisors')).body.total, 2)
  })

  test('filters, edits and ending a term', async () => {
    assert.deepEqual((await yongjiSfj.get('/api/supervisors?kind=social')).body.items.map((s) => s.id), [social.id])
    assert.deepEqual((await yongjiSfj.get(`/api/supervisors?q=${encodeURIComponent('郑')}`)).body.items.map((s) => s.id), [staff.id])
    assertProblem(assert, await yongjiSfj.get('/api/supervisors?kind=auditor'), 400, { field: 'kind' })
    const r = await yongjiSfj.put(`/api/supervisors/${social.id}`, { name: '冯社会', org_id: body['140881-SFJ'], status: 'ended', area: '全市', phone: '13900001111' })
    assert.equal(r.status, 200, r.text)
    assert.deepEqual([r.body.status, r.body.status_label, r.body.area, r.body.phone_masked, r.body.term_end], ['ended', '已离任', '全市', '139****1111', `${year + 1}-12-31`])
    assertProblem(assert, await yongjiSfj.put(`/api/supervisors/${social.id}`, { name: '冯社会', org_id: body['140881-SFJ'], kind: 'staff' }), 400, { field: 'kind' })
    assertProblem(assert, await yongjiSfj.put(`/api/supervisors/${social.id}`, { name: '冯社会', org_id: body['140881-SFJ'], id_number: socialId }), 400, { field: 'id_number' })
    assert.deepEqual((await yongjiSfj.get('/api/supervisors?status=active')).body.items.map((s) => s.id), [staff.id])
    const ev = (await admin.get('/api/ledger/events?entity=supervisor')).body.items.map((e) => e.action)
    assert.deepEqual(ev.sort(), ['supervisor.created', 'supervisor.created', 'supervisor.updated'])
  })

  test('another county neither lists, reads nor edits them', async () => {
    const r = await city.post('/api/supervisors', { kind: 'staff', name: '盐湖监督', id_number: personId('140802', 404), org_id: body['140802-SFJ'], certificate_number: 'YH-JD-0001' })
    assert.equal(r.status, 201, r.text)
    yanhuStaff = r.body
    const yj = await yongjiSfj.get('/api/supervisors?page_size=200')
    assert.ok(!yj.body.items.some((s) => s.id === yanhuStaff.id), '永济市 does not see 盐湖区')
    assertProblem(assert, await yongjiSfj.get(`/api/supervisors/${yanhuStaff.id}`), 404)
    assertProblem(assert, await yongjiSfj.put(`/api/supervisors/${yanhuStaff.id}`, { name: '篡改', org_id: body['140881-SFJ'] }), 404)
    assert.equal((await city.get(`/api/supervisors/${yanhuStaff.id}`)).body.name, '盐湖监督')
    const x = readXlsx((await yongjiSfj.getBytes('/api/supervisors?format=xlsx')).bytes).rows
    assert.ok(!x.flat().includes('盐湖监督'))
    assert.equal((await city.get('/api/supervisors')).body.total, 3, 'the city sees all')
  })
})

// ---------------------------------------------------------------------------------------------

describe('reports', () => {
  const until10 = addDays(today, 10)
  let before
  let expiring, far, expired
  const report = async (client, group) => {
    const r = await client.get(`/api/reports/certified?group=${group}`)
    assert.equal(r.status, 200, r.text)
    return r.body
  }
  const item = (rep, label) => rep.items.find((i) => i.label === label) ?? { officers: 0, certified: 0 }

  test('certified: by county, by body and by field, counting a certificate valid today', async () => {
    before = { county: await report(city, 'county'), body: await report(city, 'body'), field: await report(city, 'field') }
    const a = await register(yongji, '褚有证', '140881-ZF-JTYS', 301, { fields: ['transport'] })
    const b = await register(yongji, '卫将到期', '140881-ZF-JTYS', 302, { fields: ['transport'] })
    const c = await register(yongji, '蒋过期', '140881-ZF-JTYS', 303, { fields: ['transport'] })
    const d = await register(yongji, '沈未生效', '140881-ZF-JTYS', 304, { fields: ['transport'] })
    const e = await register(yanhu, '韩盐湖', '140802001-ZFB', 305)
    await certify(yongji, a, 'RPT-0001', addDays(today, -100), addDays(today, 400))
    expiring = await certify(yongji, b, 'RPT-0002', addDays(today, -300), until10)
    expired = await certify(yongji, c, 'RPT-0003', addDays(today, -400), addDays(today, -1))
    await certify(yongji, d, 'RPT-0004', addDays(today, 1), addDays(today, 500))
    far = await certify(yanhu, e, 'RPT-0005', addDays(today, -10), addDays(today, 100))

    const county = await report(city, 'county')
    assert.equal(county.group, 'county')
    const delta = (rep, prev, label) => [item(rep, label).officers - item(prev, label).officers, item(rep, label).certified - item(prev, label).certified]
    assert.deepEqual(delta(county, before.county, '永济市'), [4, 2], '4 officers, 2 certified today (valid, expiring)')
    assert.deepEqual(delta(county, before.county, '盐湖区'), [1, 1])
    assert.equal(county.total_officers - before.county.total_officers, 5)
    assert.equal(county.total_certified - before.county.total_certified, 3)
    assert.equal(county.items.reduce((s, i) => s + i.officers, 0), county.total_officers)
    assert.ok(county.items.every((i) => i.certified <= i.officers))

    const byBody = await report(city, 'body')
    assert.deepEqual(delta(byBody, before.body, '永济市交通运输综合行政执法队'), [4, 2])
    assert.equal(byBody.total_officers, county.total_officers)
    const byField = await report(city, 'field')
    assert.deepEqual(delta(byField, before.field, '交通运输'), [4, 2])
    assert.equal(item(byField, '交通运输').key, 'transport')

    const own = await report(yongji, 'county')
    assert.deepEqual(own.items.map((i) => i.label), ['永济市'], '永济市 sees itself only')
    assert.equal(own.total_officers, item(county, '永济市').officers)
    assertProblem(assert, await city.get('/api/reports/certified?group=planet'), 400, { field: 'group' })
    const x = readXlsx((await city.getBytes('/api/reports/certified?group=county&format=xlsx')).bytes).rows
    assert.deepEqual(x[0], ['县(市、区)', '在岗执法人员', '持有效执法证', '持证率(%)'])
    assert.deepEqual(x.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2])]), county.items.map((i) => [i.label, i.officers, i.certified]))
  })

  test('expiring within N days (inclusive), with the days left', async () => {
    let r = await city.get('/api/reports/expiring?days=30')
    assert.equal(r.status, 200, r.text)
    assert.deepEqual(r.body.items.map((i) => i.number), ['RPT-0002'])
    const i = r.body.items[0]
    assert.deepEqual([i.officer_name, i.certificate_id, i.valid_until, i.days_left, i.org_name],
      ['卫将到期', expiring.id, until10, 10, '永济市交通运输综合行政执法队'])
    assert.deepEqual((await city.get('/api/reports/expiring')).body.items.map((x) => x.number), ['RPT-0002'], '30 days by default')
    assert.deepEqual((await city.get('/api/reports/expiring?days=10')).body.items.map((x) => x.number), ['RPT-0002'], 'the last day counts')
    assert.equal((await city.get('/api/reports/expiring?days=9')).body.total, 0)
    r = await city.get('/api/reports/expiring?days=100')
    assert.deepEqual(r.body.items.map((x) => x.number), ['RPT-0002', 'RPT-0005'], 'soonest first; the expired one is not listed')
    assert.deepEqual((await yongji.get('/api/reports/expiring?days=100')).body.items.map((x) => x.number), ['RPT-0002'], 'scoped')
    assert.ok(far && expired)
    assertProblem(assert, await city.get('/api/reports/expiring?days=367'), 400, { field: 'days' })
    assertProblem(assert, await city.get('/api/reports/expiring?days=-1'), 400, { field: 'days' })
    const x = readXlsx((await city.getBytes('/api/reports/expiring?days=100&format=xlsx')).bytes).rows
    assert.deepEqual(x.slice(1).map((row) => row[2]), ['RPT-0002', 'RPT-0005'])
  })

  test('legal review: a body below 5% reviewers is flagged; exactly 5% is not', async () => {
    // 20 officers with 1 reviewer (5%) in one body, 21 with 1 (4.8%) in another.
    const rows = [IMPORT_HEAD]
    for (let i = 0; i < 20; i++) rows.push([`城管${i}`, personId('140881', 3000 + i), '140881-ZF-CSGL', '', 'urban', i === 0 ? '是' : '否'])
    for (let i = 0; i < 21; i++) rows.push([`农业${i}`, personId('140881', 3100 + i), '140881-ZF-NY', '', 'agriculture', i === 0 ? '是' : '否'])
    const imp = await yongji.post('/api/officers/import', makeXlsx(rows), XLSX)
    assert.equal(imp.status, 201, imp.text)
    assert.equal(imp.body.imported, 41)
    for (const name of ['城管0', '农业0']) {
      const o = (await yongji.get(`/api/officers?q=${encodeURIComponent(name)}`)).body.items.find((x) => x.name === name)
      const r = await yongji.put(`/api/officers/${o.id}`, { legal_reviewer: true })
      assert.equal(r.status, 200, r.text)
    }
    const all = await city.get('/api/reports/legal-review')
    assert.equal(all.status, 200, all.text)
    assert.equal(all.body.min_percent, 5)
    const by = Object.fromEntries(all.body.items.map((i) => [i.org_id, i]))
    const csgl = by[body['140881-ZF-CSGL']]
    const ny = by[body['140881-ZF-NY']]
    assert.deepEqual([csgl.officers, csgl.reviewers, csgl.percent, csgl.below], [20, 1, 5, false])
    assert.deepEqual([ny.officers, ny.reviewers, ny.percent, ny.below], [21, 1, 4.8, true])
    assert.equal(ny.county_name, '永济市')
    assert.ok(all.body.items.every((i) => i.officers > 0), 'bodies without officers are not listed')
    assert.ok(all.body.items.every((i) => i.below === (i.reviewers * 100 < 5 * i.officers)))

    const below = await city.get('/api/reports/legal-review?below=true')
    const ids = below.body.items.map((i) => i.org_id)
    assert.ok(ids.includes(body['140881-ZF-NY']))
    assert.ok(!ids.includes(body['140881-ZF-CSGL']))
    assert.ok(below.body.items.every((i) => i.below))
    const yh = await yanhu.get('/api/reports/legal-review')
    assert.ok(yh.body.items.length > 0 && yh.body.items.every((i) => i.county_name === '盐湖区'), '盐湖区 sees no 永济市 body')
    const x = readXlsx((await city.getBytes('/api/reports/legal-review?below=true&format=xlsx')).bytes).rows
    assert.equal(x.length - 1, below.body.items.length)
    assert.ok(x.some((row) => row[0] === ny.name && row[4] === '4.8' && row[5].startsWith('低于')), JSON.stringify(x))
  })
})

// ---------------------------------------------------------------------------------------------

describe('officer photo', () => {
  const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const JPEG_SIG = Buffer.from([0xff, 0xd8, 0xff, 0xe0])
  const MB2 = 2 * 1024 * 1024
  const as = (type) => ({ headers: { 'content-type': type } })
  let officer
  let path

  function crc32(buf) {
    let c = ~0
    for (const b of buf) {
      c ^= b
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1))
    }
    return ~c >>> 0
  }
  function chunk(type, data) {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(td))
    return Buffer.concat([len, td, crc])
  }
  /** A real 1×1 RGB PNG: signature, IHDR, IDAT, IEND. */
  function tinyPng() {
    const ihdr = Buffer.alloc(13)
    ihdr.writeUInt32BE(1, 0) // width
    ihdr.writeUInt32BE(1, 4) // height
    ihdr[8] = 8 // bit depth
    ihdr[9] = 2 // colour type: RGB
    const idat = deflateSync(Buffer.from([0, 0x1f, 0x3a, 0x60])) // filter byte + one pixel
    return Buffer.concat([PNG_SIG, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
  }
  /** `size` bytes starting with the JPEG signature. */
  function jpegOf(size) {
    const b = Buffer.alloc(size, 0x5a)
    JPEG_SIG.copy(b)
    return b
  }
  async function stored(client = yongji) {
    return client.getBytes(path)
  }

  test('a PNG is stored and read back byte for byte; has_photo follows it', async () => {
    officer = await register(yongji, '照片甲', '140881-ZF-SCJG', 601)
    path = `/api/officers/${officer.id}/photo`
    assert.equal(officer.has_photo, false, 'a new officer has no photo')
    assertProblem(assert, await stored(), 404)

    const png = tinyPng()
    const r = await yongji.put(path, png, as('image/png'))
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.id, officer.id, 'the answer is the officer')
    assert.equal(r.body.has_photo, true)
    assert.ok(Array.isArray(r.body.certificates), 'the whole officer detail')
    assert.equal((await yongji.get(`/api/officers/${officer.id}`)).body.has_photo, true)

    const g = await stored()
    assert.equal(g.status, 200)
    assert.match(g.headers.get('content-type') || '', /^image\/png\b/)
    assert.ok(g.bytes.equals(png), `the same ${png.length} bytes (got ${g.bytes.length})`)
    const byAdmin = await stored(admin)
    assert.equal(byAdmin.status, 200)
    assert.ok(byAdmin.bytes.equals(png), 'the city-wide administrator reads it too')
  })

  test('a new upload replaces the photo; exactly 2 MB is accepted', async () => {
    const small = jpegOf(64)
    let r = await yongji.put(path, small, as('image/jpeg'))
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.has_photo, true)
    let g = await stored()
    assert.match(g.headers.get('content-type') || '', /^image\/jpeg\b/)
    assert.ok(g.bytes.equals(small))

    const limit = jpegOf(MB2)
    r = await yongji.put(path, limit, as('image/jpeg'))
    assert.equal(r.status, 200, r.text)
    g = await stored()
    assert.equal(g.bytes.length, MB2)
    assert.ok(g.bytes.equals(limit))
  })

  test('not an image is 415 photo.type; over 2 MB is 413 photo.too_large; the photo stays', async () => {
    const png = tinyPng()
    assert.equal((await yongji.put(path, png, as('image/png'))).status, 200)
    assertProblem(assert, await yongji.put(path, '这不是照片，只是一段文字。', as('text/plain')), 415, { code: 'photo.type' })
    assertProblem(assert, await yongji.put(path, Buffer.from('plain text, labelled as a PNG'), as('image/png')), 415, { code: 'photo.type' })
    assertProblem(assert, await yongji.put(path, jpegOf(MB2 + 1), as('image/jpeg')), 413, { code: 'photo.too_large' })
    const g = await stored()
    assert.equal(g.status, 200)
    assert.match(g.headers.get('content-type') || '', /^image\/png\b/)
    assert.ok(g.bytes.equals(png), 'the refused uploads changed nothing')
  })

  test('another county sees no such officer (404); permissions; CSRF', async () => {
    const png = tinyPng()
    assertProblem(assert, await yanhu.getBytes(path), 404)
    assertProblem(assert, await yanhu.put(path, jpegOf(32), as('image/jpeg')), 404)
    assertProblem(assert, await yanhu.del(path), 404)
    assertProblem(assert, await yongjiSfj.put(path, jpegOf(32), as('image/jpeg')), 403, { code: 'auth.forbidden' })
    assertProblem(assert, await yongjiSfj.del(path), 403, { code: 'auth.forbidden' })
    assertProblem(assert, await township.getBytes(path), 403, { code: 'auth.forbidden' })
    assertProblem(assert, await new Client(srv.url).getBytes(path), 401)
    assertProblem(assert, await yongji.put(path, jpegOf(32), { ...as('image/jpeg'), csrf: false }), 403, { code: 'auth.csrf' })
    assertProblem(assert, await yongji.del(path, { csrf: false }), 403, { code: 'auth.csrf' })
    assertProblem(assert, await yongji.getBytes('/api/officers/999999/photo'), 404)
    const g = await stored()
    assert.ok(g.bytes.equals(png), 'still the photo of the previous test')
    assert.equal((await yongji.get(`/api/officers/${officer.id}`)).body.has_photo, true)
  })

  test('DELETE is 204; then GET is 404, has_photo false, and a second DELETE 404', async () => {
    const r = await yongji.del(path)
    assert.equal(r.status, 204, r.text)
    assertProblem(assert, await stored(), 404)
    assert.equal((await yongji.get(`/api/officers/${officer.id}`)).body.has_photo, false)
    assertProblem(assert, await yongji.del(path), 404)
  })
})

// ---------------------------------------------------------------------------------------------

describe('permissions', () => {
  test('an account without the permission gets 403 auth.forbidden; the anonymous caller 401', async () => {
    const denied = [
      [yanhu, 'GET', '/api/supervisors'],
      [yanhu, 'POST', '/api/supervisors', { kind: 'staff', name: 'x', id_number: personId('140802', 1), org_id: body['140802-SFJ'], certificate_number: 'X' }],
      [yongji, 'POST', '/api/exams', { name: 'x', exam_date: today }],
      [yongji, 'POST', '/api/body-confirmations', { year, org_ids: [body['140881-ZF-SCJG']] }],
      [yongjiSfj, 'PUT', `/api/bodies/${body['140881-SFJ']}`, { kind: 'organ', legal_basis: '', fields: ['other'], status: 'active' }],
      [yongjiSfj, 'POST', '/api/trainings', { title: 'x', category: 'legal', start_date: today, end_date: today, hours: 1 }],
      [yongjiSfj, 'POST', '/api/officers', { name: 'x', id_number: personId('140881', 7), org_id: body['140881-SFJ'], fields: ['other'] }],
      [township, 'GET', '/api/bodies'],
      [township, 'GET', '/api/officers'],
      [township, 'GET', '/api/exams'],
      [township, 'GET', '/api/trainings'],
      [township, 'GET', '/api/reports/certified'],
      [township, 'GET', '/api/reports/expiring'],
      [township, 'GET', '/api/reports/legal-review'],
      [township, 'GET', '/api/reports/training'],
      [township, 'GET', '/api/supervisors?format=xlsx'],
      [township, 'GET', '/api/officers?format=xlsx'],
    ]
    for (const [client, method, path, payload] of denied) {
      const r = await client.request(method, path, payload)
      assertProblem(assert, r, 403, { code: 'auth.forbidden' })
      assert.ok(!r.headers.get('content-disposition'), `${method} ${path}: no download`)
    }
    const anon = new Client(srv.url)
    for (const path of ['/api/officers', '/api/exams', '/api/trainings', '/api/supervisors', '/api/reports/certified', '/api/officers/import-template.xlsx']) {
      assertProblem(assert, await anon.get(path), 401)
    }
    assert.equal((await anon.get('/public/api/officers')).status, 200, 'the portal is public')
  })
})

// ---------------------------------------------------------------------------------------------

describe('the whole demo (startServer({ people: true }))', () => {
  test('it holds people data; the portal publishes no ID number or phone; counties stay apart', async () => {
    full = await startServer({ people: true })
    const [fa, fyanhu] = await Promise.all([login(full.url, 'admin'), login(full.url, 'yanhu_admin')])
    for (const path of ['/api/officers', '/api/exams', '/api/trainings', '/api/supervisors']) {
      const r = await fa.get(`${path}?page_size=1`)
      assert.equal(r.status, 200, r.text)
      assert.ok(r.body.total > 0, `${path} has data`)
    }
    const thisYear = await fa.get(`/api/body-confirmations?year=${year}`)
    assert.ok(thisYear.body.total > 0, 'bodies confirmed for this year')

    const anon = new Client(full.url)
    const pub = await anon.get('/public/api/officers?page_size=200')
    assert.equal(pub.status, 200)
    assert.ok(pub.body.total > 0)
    for (const o of pub.body.items) {
      assert.deepEqual(Object.keys(o).sort(), ['certificate_number', 'fields', 'name', 'org_name', 'valid_until'], JSON.stringify(o))
    }
    assert.ok(!/\d{6}\*{4,}|\d{3}\*{4}\d{4}/.test(pub.text), 'nothing masked, let alone whole')
    const bodies = await anon.get(`/public/api/bodies?year=${year}&page_size=1`)
    assert.equal(bodies.body.total, thisYear.body.total, 'the portal lists the confirmed bodies')

    const own = new Set((await listAll(fyanhu, '/api/bodies')).items.map((b) => b.org_id))
    const officers = await listAll(fyanhu, '/api/officers')
    assert.ok(officers.items.every((o) => own.has(o.org_id)), '盐湖区 sees its own officers only')
    const sup = await listAll(fa, '/api/supervisors')
    assert.ok(sup.items.every((s) => !('id_number' in s) && !('phone' in s)))
  })
})
