// The certification exam (执法资格考试) over HTTP, end to end: officers registered and applying for
// certificates, a session and its yearly limit, candidates, the score sheet out and back in (all
// or nothing, row-by-row errors), the pass mark, bulk issue, eligibility once the body is
// confirmed, and the public officer search.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, assertProblem, execSql, Client, rawRequest, parseRawResponse } from './harness.mjs'
import { makeXlsx, makeZip, readXlsx } from './xlsx.mjs'
import { XLSX, XLSX_CONTENT_TYPE, personId, todayShanghai, addDays, addYears, bodyIdsByCode } from './people_helpers.mjs'

let srv, admin, city, yongji, yanhu, yongjiSfj
const today = todayShanghai()
const year = Number(today.slice(0, 4))
const body = {}
const who = {} // key -> {id, name, idNumber, certificateId}
let exam // the session under test (detail)
let tickets = {} // key -> ticket number
let issued = {} // key -> {number, valid_from, valid_until}

const PEOPLE = [
  // key, name, body code, region of the ID number
  ['pass60', '王及格', '140881-ZF-SCJG', '140881'],
  ['fail59', '李差点', '140881-ZF-SCJG', '140881'],
  ['good', '赵优秀', '140881-ZF-SCJG', '140881'],
  ['full', '钱满分', '140881-ZF-SCJG', '140881'],
  ['noapply', '孙未申', '140881-ZF-SCJG', '140881'],
  ['yanhu', '周盐湖', '140802001-ZFB', '140802'],
]
const CANDIDATES = ['pass60', 'fail59', 'good', 'full', 'yanhu']

const detail = async (c = city) => {
  const r = await c.get(`/api/exams/${exam.id}`)
  assert.equal(r.status, 200, r.text)
  return r.body
}
const certificateOf = async (key) => {
  const r = await admin.get(`/api/officers/${who[key].id}`)
  assert.equal(r.status, 200, r.text)
  return r.body.certificates.at(-1)
}
const ledgerCount = async (entity) => (await admin.get(`/api/ledger/events?entity=${entity}&page_size=1`)).body.total
const sheetRow = (key, score) => [tickets[key], who[key].name, '某执法主体', score]
const SHEET_HEAD = ['准考证号', '姓名', '执法主体', '成绩']

before(async () => {
  srv = await startServer()
  ;[admin, city, yongji, yanhu, yongjiSfj] = await Promise.all(
    ['admin', 'sfj_city', 'yongji_admin', 'yanhu_admin', 'yongji_sfj'].map((u) => login(srv.url, u)))
  Object.assign(body, await bodyIdsByCode(admin, '140881-'), await bodyIdsByCode(admin, '140802001-ZFB'))
})
after(async () => { await srv?.destroy() })

describe('the exam flow', () => {
  test('officers are registered and apply for certificates through the API', async () => {
    let n = 100
    for (const [key, name, code, region] of PEOPLE) {
      const client = region === '140881' ? yongji : yanhu
      const idNumber = personId(region, n++)
      const fields = code.endsWith('-ZFB') ? ['township'] : ['market']
      const r = await client.post('/api/officers', { name, id_number: idNumber, org_id: body[code], fields })
      assert.equal(r.status, 201, r.text)
      who[key] = { id: r.body.id, name, idNumber }
      if (key === 'noapply') continue
      const c = await client.post(`/api/officers/${r.body.id}/certificates`, { fields })
      assert.equal(c.status, 201, c.text)
      assert.equal(c.body.certificates[0].state, 'applied')
      who[key].certificateId = c.body.certificates[0].id
    }
    const applied = await yongji.get('/api/officers?cert_state=applied')
    assert.deepEqual(applied.body.items.map((o) => o.name).sort(), ['李差点', '王及格', '赵优秀', '钱满分'].sort())
    assert.ok(applied.body.items.every((o) => o.certificate_state === 'applied' && o.certificate_number === null))
    const none = await yongji.get('/api/officers?cert_state=none')
    assert.deepEqual(none.body.items.map((o) => o.name), ['孙未申'])
    assert.deepEqual((await yanhu.get('/api/officers?cert_state=applied')).body.items.map((o) => o.name), ['周盐湖'])
  })

  test('a session is created by the justice bureau; bad input is refused; a county administrator may not', async () => {
    assertProblem(assert, await yongji.post('/api/exams', { name: '越权考试', exam_date: today }), 403)
    assertProblem(assert, await city.post('/api/exams', { name: '坏日期', exam_date: `${year}-02-30` }), 400, { field: 'exam_date' })
    assertProblem(assert, await city.post('/api/exams', { name: '坏分数线', exam_date: today, pass_mark: 101 }), 400, { field: 'pass_mark' })
    assertProblem(assert, await city.post('/api/exams', { exam_date: today }), 400, { field: 'name' })
    assertProblem(assert, await city.post('/api/exams', { name: 'x', exam_date: today, room: 'A1' }), 400, { field: 'room' })

    const r = await city.post('/api/exams', { name: `${year}年第一次行政执法资格考试`, exam_date: today })
    assert.equal(r.status, 201, r.text)
    exam = r.body
    assert.equal(exam.exam_date, today)
    assert.equal(exam.pass_mark, 60, 'the default pass mark')
    assert.equal(exam.status, 'open')
    assert.equal(exam.org_name, '运城市司法局')
    for (const k of ['candidate_count', 'scored_count', 'passed_count', 'failed_count', 'issued_count']) assert.equal(exam[k], 0, k)
    assert.deepEqual(exam.candidates, [])
  })

  test('at most two sessions a year per organiser: the third is 409 exam.too_many; next year is fine', async () => {
    const second = await city.post('/api/exams', { name: `${year}年第二次行政执法资格考试`, exam_date: `${year}-01-15` })
    assert.equal(second.status, 201, second.text)
    assertProblem(assert, await city.post('/api/exams', { name: `${year}年第三次`, exam_date: `${year}-12-30` }), 409, { code: 'exam.too_many', field: 'exam_date' })
    const next = await city.post('/api/exams', { name: `${year + 1}年第一次行政执法资格考试`, exam_date: `${year + 1}-03-01` })
    assert.equal(next.status, 201, next.text)
    // Another organiser has its own limit.
    const county = await yongjiSfj.post('/api/exams', { name: '永济市考试', exam_date: today })
    assert.equal(county.status, 201, county.text)

    const list = await city.get(`/api/exams?year=${year}`)
    assert.deepEqual(list.body.items.map((e) => e.id).sort((a, b) => a - b), [exam.id, second.body.id, county.body.id].sort((a, b) => a - b))
    assert.equal((await city.get(`/api/exams?year=${year + 1}`)).body.total, 1)
    assert.equal((await yanhu.get('/api/exams')).body.total, 0, '盐湖区 sees no session of the city or of 永济市')
    assertProblem(assert, await yanhu.get(`/api/exams/${exam.id}`), 404)
    assertProblem(assert, await yongjiSfj.get(`/api/exams/${exam.id}`), 404) // the county bureau does not see the city session
  })

  test('candidates need a certificate in state applied; a refused batch registers nobody', async () => {
    const r = await city.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [who.pass60.id, who.noapply.id] })
    assertProblem(assert, r, 409, { code: 'exam.not_applied', field: 'officer_ids' })
    assert.match(r.body.message_zh, /孙未申/)
    assert.equal((await detail()).candidates.length, 0, 'nothing half-registered')
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [999999] }), 400, { field: 'officer_ids' })
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [] }), 400, { field: 'officer_ids' })
    assertProblem(assert, await yongji.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [who.pass60.id] }), 403)
    assertProblem(assert, await yanhu.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [who.yanhu.id] }), 403)

    const ok = await city.post(`/api/exams/${exam.id}/candidates`, { officer_ids: CANDIDATES.map((k) => who[k].id) })
    assert.equal(ok.status, 200, ok.text)
    exam = ok.body
    assert.equal(exam.candidate_count, 5)
    assert.equal(exam.candidates.length, 5)
    const numbers = exam.candidates.map((c) => c.ticket_no)
    assert.equal(new Set(numbers).size, 5, 'unique ticket numbers')
    assert.deepEqual(numbers, [...numbers].sort(), 'listed by ticket number')
    for (const c of exam.candidates) {
      const key = CANDIDATES.find((k) => who[k].id === c.officer_id)
      assert.ok(key, JSON.stringify(c))
      tickets[key] = c.ticket_no
      assert.equal(c.officer_name, who[key].name)
      assert.equal(c.certificate_id, who[key].certificateId)
      assert.equal(c.score, null)
      assert.equal(c.outcome, 'pending')
      assert.equal(c.certificate_state, 'applied')
      assert.equal(c.certificate_number, null)
      assert.equal(c.id_number_masked, `${who[key].idNumber.slice(0, 6)}********${who[key].idNumber.slice(14)}`)
      assert.equal(c.id_number, undefined)
    }
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [who.good.id] }), 409, { code: 'exam.already_registered' })
    assert.equal((await detail()).candidate_count, 5)
  })

  test('the score sheet to fill lists every ticket', async () => {
    assertProblem(assert, await yanhu.getBytes(`/api/exams/${exam.id}/score-sheet.xlsx`), 404)
    const r = await city.getBytes(`/api/exams/${exam.id}/score-sheet.xlsx`)
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('content-type'), XLSX_CONTENT_TYPE)
    assert.match(r.headers.get('content-disposition') || '', /^attachment;.*filename\*=UTF-8''.+\.xlsx/)
    const { rows } = readXlsx(r.bytes)
    assert.deepEqual(rows[0], SHEET_HEAD)
    assert.deepEqual(rows.slice(1).map((x) => x.slice(0, 3)), exam.candidates.map((c) => [c.ticket_no, c.officer_name, c.org_name]))
    assert.ok(rows.slice(1).every((x) => (x[3] ?? '') === ''), 'no score yet')
  })

  test('a sheet with bad rows is refused whole with its row-by-row errors, and nothing changes', async () => {
    const ledgerBefore = await ledgerCount('certificate')
    const sheet = makeXlsx([
      SHEET_HEAD,
      sheetRow('pass60', 75), // row 2: a good row
      ['209999900001', '某某', '', 80], // row 3: no such ticket
      [tickets.fail59, '错名字', '', 70], // row 4: the name does not match
      sheetRow('good', 100.5), // row 5: out of range
      sheetRow('full', '八十'), // row 6: not a number
      sheetRow('pass60', 75), // row 7: the same ticket again
      sheetRow('yanhu', -1), // row 8: out of range
    ])
    const r = await city.post(`/api/exams/${exam.id}/scores`, sheet, XLSX)
    assertProblem(assert, r, 422, { code: 'import.rows' })
    assert.ok(Array.isArray(r.body.errors), r.text)
    for (const e of r.body.errors) {
      assert.ok(/[\u4e00-\u9fff]/.test(e.message_zh) && /^[\x20-\x7e]+$/.test(e.message_en), JSON.stringify(e))
    }
    const got = r.body.errors.map((e) => `${e.row}:${e.column}`).sort()
    assert.deepEqual(got, ['3:准考证号', '4:姓名', '5:成绩', '6:成绩', '7:准考证号', '8:成绩'].sort(), r.text)
    assert.ok(!r.body.errors.some((e) => e.row === 2), 'the good row has no error')

    // Nothing was written: no score, no outcome, certificates still applied, no ledger event.
    const d = await detail()
    assert.equal(d.scored_count, 0)
    assert.equal(d.status, 'open')
    for (const c of d.candidates) {
      assert.equal(c.score, null, c.officer_name)
      assert.equal(c.outcome, 'pending', c.officer_name)
      assert.equal(c.certificate_state, 'applied', c.officer_name)
    }
    for (const k of CANDIDATES) assert.equal((await certificateOf(k)).state, 'applied', k)
    assert.equal(await ledgerCount('certificate'), ledgerBefore)
    assert.equal(execSql(srv, 'SELECT COUNT(*) FROM exam_candidates WHERE score IS NOT NULL').trim(), '0')
  })

  test('a sheet without the score column, or without rows, is refused', async () => {
    const noColumn = await city.post(`/api/exams/${exam.id}/scores`, makeXlsx([['准考证号', '姓名'], [tickets.pass60, who.pass60.name]]), XLSX)
    assertProblem(assert, noColumn, 422, { code: 'import.rows' })
    assert.deepEqual(noColumn.body.errors.map((e) => [e.row, e.column]), [[1, '成绩']])
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/scores`, makeXlsx([SHEET_HEAD]), XLSX), 422)
    assert.equal((await detail()).scored_count, 0)
  })

  test('a file that is not XLSX is 415; a body over 4 MB is 413; nothing changes', async () => {
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/scores`, Buffer.from('准考证号,姓名,成绩\n'), XLSX), 415, { code: 'import.not_xlsx' })
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/scores`, makeZip([['hello.txt', 'not a workbook']]), XLSX), 415, { code: 'import.not_xlsx' })
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/scores`, Buffer.from('%PDF-1.5\n'), { headers: { 'content-type': 'application/pdf' } }), 415)

    const big = Buffer.alloc(5 * 1024 * 1024 + 7, 0x41)
    let status
    let parsed
    try {
      const r = await city.post(`/api/exams/${exam.id}/scores`, big, XLSX)
      status = r.status
      parsed = r
    } catch {
      // The server may close before the upload is through; ask again with the headers alone.
      const head = `POST /api/exams/${exam.id}/scores HTTP/1.1\r\nHost: x\r\nContent-Type: ${XLSX_CONTENT_TYPE}\r\n` +
        `Content-Length: ${big.length}\r\nCookie: ${city.cookieHeader()}\r\nX-CSRF-Token: ${city.csrf}\r\nConnection: close\r\n\r\n`
      const raw = await rawRequest(srv.port, head)
      status = parseRawResponse(raw.text).status
    }
    assert.equal(status, 413)
    if (parsed) assertProblem(assert, parsed, 413, { code: 'http.body_too_large' })
    assert.equal((await detail()).scored_count, 0)
    assert.equal(srv.exitCode, undefined, 'the server lives on')
  })

  test('another organiser\'s session is not found for scores, issue or close', async () => {
    const sheet = makeXlsx([SHEET_HEAD, sheetRow('pass60', 60)])
    assertProblem(assert, await yongjiSfj.post(`/api/exams/${exam.id}/scores`, sheet, XLSX), 404)
    assertProblem(assert, await yongjiSfj.post(`/api/exams/${exam.id}/issue`, {}), 404)
    assertProblem(assert, await yongjiSfj.post(`/api/exams/${exam.id}/close`, {}), 404)
    assertProblem(assert, await yongjiSfj.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [who.noapply.id] }), 404)
    assertProblem(assert, await city.post('/api/exams/999999/scores', sheet, XLSX), 404)
    const d = await detail()
    assert.deepEqual([d.status, d.scored_count, d.candidate_count], ['open', 0, 5])
  })

  test('a good sheet: exactly 60 passes, 59.9 fails; certificates move to exam_passed / exam_failed', async () => {
    assertProblem(assert, await yongji.post(`/api/exams/${exam.id}/scores`, makeXlsx([SHEET_HEAD, sheetRow('pass60', 60)]), XLSX), 403)
    const ledgerBefore = await ledgerCount('certificate')
    const sheet = makeXlsx([
      SHEET_HEAD,
      sheetRow('pass60', 60),
      sheetRow('fail59', 59.9),
      sheetRow('good', 85.5),
      sheetRow('full', '100'), // a text cell
      null, // a blank row is skipped
      sheetRow('yanhu', 72),
    ])
    const r = await city.post(`/api/exams/${exam.id}/scores`, sheet, XLSX)
    assert.equal(r.status, 200, r.text)
    assert.deepEqual(r.body, { imported: 5, passed: 4, failed: 1 })

    const d = await detail()
    const by = Object.fromEntries(d.candidates.map((c) => [c.officer_id, c]))
    const expect = { pass60: [60, 'passed', 'exam_passed'], fail59: [59.9, 'failed', 'exam_failed'], good: [85.5, 'passed', 'exam_passed'],
      full: [100, 'passed', 'exam_passed'], yanhu: [72, 'passed', 'exam_passed'] }
    for (const [k, [score, outcome, state]] of Object.entries(expect)) {
      const c = by[who[k].id]
      assert.deepEqual([c.score, c.outcome, c.certificate_state], [score, outcome, state], k)
      assert.equal((await certificateOf(k)).state, state, k)
    }
    assert.equal(d.status, 'scored')
    assert.deepEqual([d.scored_count, d.passed_count, d.failed_count, d.issued_count], [5, 4, 1, 0])
    assert.equal(await ledgerCount('certificate'), ledgerBefore + 5, 'one ledger event per certificate')
    const events = (await admin.get('/api/ledger/events?entity=certificate&page_size=5')).body.items
    assert.deepEqual(events.map((e) => e.action).sort(), ['certificate.fail_exam', ...Array(4).fill('certificate.pass_exam')].sort())
    const cert = await certificateOf('fail59')
    assert.match(cert.events.at(-1).reason, /59\.9/, 'the reason gives the score')

    const sheetNow = readXlsx((await city.getBytes(`/api/exams/${exam.id}/score-sheet.xlsx`)).bytes).rows
    assert.deepEqual(Object.fromEntries(sheetNow.slice(1).map((x) => [x[0], x[3]])),
      Object.fromEntries(CANDIDATES.map((k) => [tickets[k], String(expect[k][0])])))

    const again = await city.post(`/api/exams/${exam.id}/scores`, makeXlsx([SHEET_HEAD, sheetRow('pass60', 99)]), XLSX)
    assertProblem(assert, again, 422, { code: 'import.rows' })
    assert.deepEqual(again.body.errors.map((e) => [e.row, e.column]), [[2, '成绩']], 'already scored')
    assert.equal(by[who.pass60.id].score, 60)
  })

  test('bulk issue: the passed get unique numbers valid five years less a day', async () => {
    assertProblem(assert, await yongji.post(`/api/exams/${exam.id}/issue`, {}), 403)
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/issue`, { valid_from: addDays(today, -1) }), 400, { field: 'valid_from' })
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/issue`, { valid_from: `${year}-13-01` }), 400, { field: 'valid_from' })
    assert.equal((await detail()).issued_count, 0)

    const r = await city.post(`/api/exams/${exam.id}/issue`, {})
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.issued, 4)
    const until = addDays(addYears(today, 5), -1)
    const numbers = r.body.certificates.map((c) => c.number)
    assert.equal(new Set(numbers).size, 4, `unique numbers: ${numbers}`)
    assert.ok(numbers.every((n) => typeof n === 'string' && n.length > 0))
    assert.deepEqual(r.body.certificates.map((c) => c.officer_name).sort(), ['周盐湖', '王及格', '赵优秀', '钱满分'].sort())
    for (const c of r.body.certificates) {
      assert.equal(c.valid_from, today)
      assert.equal(c.valid_until, until, `five years less a day from ${today}`)
      const key = CANDIDATES.find((k) => who[k].name === c.officer_name)
      issued[key] = c
      const cert = await certificateOf(key)
      assert.deepEqual([cert.state, cert.number, cert.valid_from, cert.valid_until], ['issued', c.number, today, until], key)
    }
    assert.equal((await certificateOf('fail59')).state, 'exam_failed')
    assert.equal((await certificateOf('fail59')).number, null)
    const d = await detail()
    assert.equal(d.issued_count, 4)
    assert.ok(d.candidates.every((c) => (c.outcome === 'passed') === (c.certificate_number !== null)))

    assertProblem(assert, await city.post(`/api/exams/${exam.id}/issue`, {}), 409, { code: 'exam.nothing_to_issue' })
    const list = await yongji.get('/api/officers?cert_state=issued')
    assert.deepEqual(list.body.items.map((o) => o.certificate_number).sort(), [issued.pass60.number, issued.good.number, issued.full.number].sort())
    assert.ok(list.body.items.every((o) => o.valid_until === until))

    const events = (await admin.get('/api/ledger/events?entity=exam&page_size=50')).body.items.map((e) => e.action)
    for (const a of ['exam.created', 'exam.candidate_added', 'exam.scores_imported', 'exam.certificates_issued']) {
      assert.ok(events.includes(a), `${a} in ${events}`)
    }
    assert.equal(events.filter((a) => a === 'exam.candidate_added').length, 5)
    const certEvents = (await admin.get('/api/ledger/events?entity=certificate&page_size=4')).body.items
    assert.ok(certEvents.every((e) => e.action === 'certificate.issue'))
  })

  test('eligibility: certified once the body is confirmed for the year', async () => {
    const elig = (k, field = 'market', date = today) => yongji.get(`/api/officers/${who[k].id}/eligibility?field=${field}&date=${date}`)
    let e = await elig('pass60')
    assert.equal(e.status, 200, e.text)
    assert.equal(e.body.certified, false)
    assert.equal(e.body.code, 'body_not_confirmed')

    const c = await city.post('/api/body-confirmations', { year, org_ids: [body['140881-ZF-SCJG']] })
    assert.equal(c.status, 201, c.text)
    e = await elig('pass60')
    assert.deepEqual([e.body.certified, e.body.code, e.body.certificate_number], [true, 'ok', issued.pass60.number], e.text)
    assert.equal((await elig('full')).body.certified, true)
    e = await elig('fail59')
    assert.deepEqual([e.body.certified, e.body.code], [false, 'not_issued'], e.text)
    assert.equal((await elig('pass60', 'transport')).body.code, 'no_certificate_for_field')
    e = await elig('pass60', 'market', addDays(today, -1))
    if (addDays(today, -1).startsWith(String(year))) assert.equal(e.body.code, 'not_yet_valid', e.text)
    // 盐湖区's township body is not confirmed: its officer, though issued, is not certified.
    const y = await yanhu.get(`/api/officers/${who.yanhu.id}/eligibility?field=township&date=${today}`)
    assert.equal(y.body.code, 'body_not_confirmed', y.text)
  })

  test('the public officer search finds by name and by certificate number, never an ID number or a phone', async () => {
    const anon = new Client(srv.url)
    const byName = await anon.get(`/public/api/officers?q=${encodeURIComponent('王及格')}`)
    assert.equal(byName.status, 200, byName.text)
    assert.equal(byName.body.total, 1)
    const item = byName.body.items[0]
    assert.deepEqual(Object.keys(item).sort(), ['certificate_number', 'fields', 'name', 'org_name', 'valid_until'])
    assert.deepEqual([item.name, item.certificate_number, item.valid_until, item.org_name],
      ['王及格', issued.pass60.number, issued.pass60.valid_until, '永济市市场监督管理综合行政执法队'])
    assert.deepEqual(item.fields, ['market'])

    const byNumber = await anon.get(`/public/api/officers?q=${encodeURIComponent(issued.good.number)}`)
    assert.deepEqual(byNumber.body.items.map((o) => o.name), ['赵优秀'])
    assert.equal((await anon.get(`/public/api/officers?q=${encodeURIComponent('李差点')}`)).body.total, 0, 'failed: no certificate')
    assert.equal((await anon.get(`/public/api/officers?q=${encodeURIComponent('孙未申')}`)).body.total, 0)

    const all = await anon.get('/public/api/officers?page_size=200')
    // Four hold a valid certificate, but 盐湖区's township body is not confirmed this year: its
    // officer may not enforce and is not published.
    assert.equal(all.body.total, 3, all.text)
    assert.ok(!all.body.items.some((o) => o.org_name.includes('盐湖区')), all.text)
    for (const o of all.body.items) {
      assert.deepEqual(Object.keys(o).sort(), ['certificate_number', 'fields', 'name', 'org_name', 'valid_until'], JSON.stringify(o))
      assert.ok(!Object.keys(o).some((k) => /id_number|phone|mobile|masked/i.test(k)), JSON.stringify(o))
    }
    for (const k of Object.keys(who)) {
      const id = who[k].idNumber
      assert.ok(!all.text.includes(id) && !all.text.includes(id.slice(0, 6) + '*'), `no trace of ${k}'s ID number`)
    }
    assert.ok(!all.text.includes('****'), 'no masked values either')

    // A suspended certificate is no longer shown.
    const s = await yongji.post(`/api/certificates/${who.good.certificateId}/events`, { event: 'suspend', reason: '涉嫌违法执法,暂扣审查' })
    assert.equal(s.status, 200, s.text)
    assert.equal((await anon.get(`/public/api/officers?q=${encodeURIComponent(issued.good.number)}`)).body.total, 0)
  })

  test('a closed session takes no more candidates or scores', async () => {
    const extra = await yongji.post('/api/officers', { name: '吴迟到', id_number: personId('140881', 900), org_id: body['140881-ZF-SCJG'], fields: ['market'] })
    await yongji.post(`/api/officers/${extra.body.id}/certificates`, { fields: ['market'] })
    const r = await city.post(`/api/exams/${exam.id}/close`, {})
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.status, 'closed')
    assert.equal(r.body.status_label, '已结束')
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/candidates`, { officer_ids: [extra.body.id] }), 409, { code: 'exam.closed' })
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/scores`, makeXlsx([SHEET_HEAD, sheetRow('pass60', 90)]), XLSX), 409, { code: 'exam.closed' })
    assertProblem(assert, await city.post(`/api/exams/${exam.id}/close`, {}), 409, { code: 'exam.closed' })
    assert.equal((await detail()).candidate_count, 5)
  })

  test('the operation log has the imports, refused and accepted', async () => {
    const all = (await admin.get('/api/logs/operations?action=exam.scores&page_size=100')).body.items
    assert.ok(all.every((o) => o.method === 'POST' && /^\/api\/exams\/\d+\/scores$/.test(o.path)), JSON.stringify(all))
    const ops = all.filter((o) => o.path === `/api/exams/${exam.id}/scores`)
    const statuses = ops.map((o) => o.status)
    assert.ok(statuses.includes(200), `${statuses}`)
    assert.ok(statuses.includes(422), `${statuses}`)
    assert.ok(statuses.includes(415), `${statuses}`)
    assert.ok(statuses.includes(409), `${statuses}`)
  })
})
