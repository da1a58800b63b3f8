// Enforcement bodies (执法主体) over HTTP: the registry and its filters, edits with their checks
// (kind, fields, GB 32100 credit code, unknown fields), scope between counties, the yearly
// qualification confirmation, the announcement PDF, the Excel export and the public portal list.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, assertProblem, Client } from './harness.mjs'
import { readXlsx } from './xlsx.mjs'
import { uscc, wrongUscc, todayShanghai, listAll, bodyIdsByCode, orgIdByCode, XLSX_CONTENT_TYPE } from './people_helpers.mjs'

let srv, admin, city, yongji, yanhu, yongjiSfj
let year // the server's current year (Asia/Shanghai)
const body = {} // org code -> org id (enforcement bodies)
const org = {} // org code -> org id (divisions)

const ITEM_KEYS = ['org_id', 'code', 'name', 'level', 'county_name', 'parent_name', 'kind', 'kind_label', 'legal_basis',
  'fields', 'credit_code', 'status', 'status_label', 'officer_count', 'certified_count', 'legal_reviewer_count', 'confirmed']

const put = (client, code, changes = {}) => client.put(`/api/bodies/${body[code]}`, {
  kind: 'organ', legal_basis: '《中华人民共和国行政处罚法》', fields: ['market'], status: 'active', ...changes,
})

before(async () => {
  srv = await startServer()
  ;[admin, city, yongji, yanhu, yongjiSfj] = await Promise.all(
    ['admin', 'sfj_city', 'yongji_admin', 'yanhu_admin', 'yongji_sfj'].map((u) => login(srv.url, u)))
  Object.assign(body, await bodyIdsByCode(admin, '140881'), await bodyIdsByCode(admin, '140802'), await bodyIdsByCode(admin, '140800-'))
  for (const code of ['140800', '140881', '140802']) org[code] = await orgIdByCode(admin, code)
  year = (await admin.get('/api/bodies?page_size=1')).body.year
})
after(async () => { await srv?.destroy() })

describe('the registry of bodies', () => {
  test('the list carries the documented fields, pages through every body and agrees with /api/orgs/stats', async () => {
    assert.equal(year, Number(todayShanghai().slice(0, 4)), 'the default year is this year in Asia/Shanghai')
    const { items, total } = await listAll(admin, '/api/bodies')
    assert.equal(items.length, total)
    assert.equal(new Set(items.map((b) => b.org_id)).size, total, 'no body twice across pages')
    const stats = await admin.get('/api/orgs/stats')
    assert.equal(stats.body.body, total, 'as many bodies as orgs of kind body')
    for (const b of items) assert.deepEqual(Object.keys(b).sort(), [...ITEM_KEYS].sort(), JSON.stringify(b))
    const codes = items.map((b) => b.code)
    assert.deepEqual(codes, [...codes].sort(), 'ordered by code')
    const byCode = Object.fromEntries(items.map((b) => [b.code, b]))
    assert.equal(byCode['140800-SFJ'].level, 'city')
    assert.equal(byCode['140800-SFJ'].county_name, '市本级')
    assert.equal(byCode['140881-ZF-SCJG'].level, 'county')
    assert.equal(byCode['140881-ZF-SCJG'].county_name, '永济市')
    const township = items.find((b) => /^140881\d{3}-ZFB$/.test(b.code))
    assert.ok(township, 'a township body of 永济市')
    assert.equal(township.level, 'township')
    assert.equal(township.county_name, '永济市')
    for (const b of items) {
      assert.ok(['organ', 'authorised', 'entrusted'].includes(b.kind), b.code)
      assert.ok(['active', 'suspended', 'revoked'].includes(b.status), b.code)
      assert.ok(Array.isArray(b.fields))
      assert.equal(b.officer_count, 0, 'the demo without people has no officers')
    }
  })

  test('PUT refuses a bad kind, status, field, credit code or an unknown field, and changes nothing', async () => {
    const before = (await admin.get(`/api/bodies/${body['140881-ZF-WHSC']}`)).body
    const good = uscc('12140881MB1234567')
    const cases = [
      [{ kind: 'private' }, 'kind'],
      [{ status: 'dormant' }, 'status'],
      [{ fields: ['market', 'astrology'] }, 'fields'],
      [{ credit_code: wrongUscc(good) }, 'credit_code'],
      [{ credit_code: 'I2140881MB123456' + 'X' + 'Y' }, 'credit_code'], // I is not a credit code character
      [{ credit_code: good.slice(0, 17) }, 'credit_code'], // 17 characters
    ]
    for (const [changes, field] of cases) {
      assertProblem(assert, await put(admin, '140881-ZF-WHSC', changes), 400, { field })
    }
    assertProblem(assert, await put(admin, '140881-ZF-WHSC', { owner: 'x' }), 400, { field: 'owner' })
    assertProblem(assert, await admin.put(`/api/bodies/${body['140881-ZF-WHSC']}`, { legal_basis: 'x', fields: [], status: 'active' }), 400, { field: 'kind' })
    assertProblem(assert, await put(admin, '140881-ZF-WHSC', { kind: 'private' }), 400, { code: 'body.kind' })
    const after = (await admin.get(`/api/bodies/${body['140881-ZF-WHSC']}`)).body
    assert.deepEqual(after, before, 'the refused edits left the body as it was')
  })

  test('PUT registers kind, legal basis, fields and a valid credit code; a code is unique across bodies', async () => {
    const code = uscc('12140881MB1234567')
    const r = await put(admin, '140881-ZF-WHSC', { kind: 'authorised', legal_basis: '《中华人民共和国文化市场综合行政执法管理办法》', fields: ['culture', 'urban'], credit_code: code })
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.kind, 'authorised')
    assert.equal(r.body.kind_label, '法律法规授权组织')
    assert.deepEqual(r.body.fields, ['culture', 'urban'])
    assert.equal(r.body.credit_code, code)
    assert.equal(r.body.status, 'active')
    assert.deepEqual(r.body.confirmed_years, [])
    const detail = await admin.get(`/api/bodies/${body['140881-ZF-WHSC']}`)
    assert.equal(detail.body.legal_basis, '《中华人民共和国文化市场综合行政执法管理办法》')
    assert.equal(detail.body.credit_code, code)

    assertProblem(assert, await put(admin, '140881-ZF-JTYS', { credit_code: code }), 409, { code: 'body.credit_code_taken', field: 'credit_code' })
    assert.equal((await admin.get(`/api/bodies/${body['140881-ZF-JTYS']}`)).body.credit_code, null)
    // The same code again on its own body is no conflict.
    assert.equal((await put(admin, '140881-ZF-WHSC', { kind: 'authorised', fields: ['culture', 'urban'], credit_code: code })).status, 200)

    // A county administrator edits the bodies of its county.
    const own = await put(yongji, '140881-ZF-JTYS', { fields: ['transport'] })
    assert.equal(own.status, 200, own.text)
    assert.deepEqual(own.body.fields, ['transport'])

    const events = (await admin.get('/api/ledger/events?entity=body&page_size=50')).body.items
    assert.ok(events.some((e) => e.action === 'body.updated' && e.entity_id === String(body['140881-ZF-WHSC'])), JSON.stringify(events))
  })

  test('filters: org_id (its subtree), q, kind, field, status; a bad filter value is 400', async () => {
    const county = await listAll(admin, `/api/bodies?org_id=${org['140881']}`)
    assert.ok(county.total > 0)
    assert.ok(county.items.every((b) => b.code.startsWith('140881')), 'only 永济市 bodies')
    assert.ok(county.items.some((b) => b.level === 'township'), 'townships are below the county')
    assert.equal(county.total, (await listAll(yongji, '/api/bodies')).total, 'the same as the county administrator sees')

    const q = await listAll(admin, `/api/bodies?q=${encodeURIComponent('市场监督管理')}`)
    assert.ok(q.items.some((b) => b.code === '140881-ZF-SCJG'))
    assert.ok(q.items.every((b) => b.name.includes('市场监督管理') || b.code.includes('市场监督管理')))
    const qCode = await admin.get('/api/bodies?q=140881-ZF-SCJG')
    assert.deepEqual(qCode.body.items.map((b) => b.code), ['140881-ZF-SCJG'])

    const kind = await listAll(admin, '/api/bodies?kind=authorised')
    assert.ok(kind.items.some((b) => b.code === '140881-ZF-WHSC'))
    assert.ok(kind.items.every((b) => b.kind === 'authorised'))

    const field = await listAll(admin, '/api/bodies?field=urban')
    assert.ok(field.items.some((b) => b.code === '140881-ZF-WHSC'))
    assert.ok(field.items.every((b) => b.fields.includes('urban')))

    const both = await listAll(admin, `/api/bodies?org_id=${org['140881']}&kind=authorised&field=culture`)
    assert.ok(both.items.some((b) => b.code === '140881-ZF-WHSC'))
    assert.ok(both.items.every((b) => b.code.startsWith('140881') && b.kind === 'authorised' && b.fields.includes('culture')))

    assertProblem(assert, await admin.get('/api/bodies?kind=private'), 400, { field: 'kind' })
    assertProblem(assert, await admin.get('/api/bodies?status=dormant'), 400, { field: 'status' })
    assertProblem(assert, await admin.get('/api/bodies?year=1999'), 400, { field: 'year' })
    assertProblem(assert, await admin.get('/api/bodies?format=csv'), 400, { field: 'format' })
  })

  test('an org that is not a body is not found as a body', async () => {
    assertProblem(assert, await admin.get(`/api/bodies/${org['140881']}`), 404)
    assertProblem(assert, await admin.put(`/api/bodies/${org['140881']}`, { kind: 'organ', legal_basis: '', fields: ['market'], status: 'active' }), 404)
    assertProblem(assert, await admin.get('/api/bodies/999999'), 404)
  })
})

describe('scope between counties', () => {
  test('盐湖区 neither lists, reads, edits nor exports a 永济市 body', async () => {
    const own = await listAll(yanhu, '/api/bodies')
    assert.ok(own.total > 0)
    assert.ok(own.items.every((b) => b.code.startsWith('140802')), own.items.map((b) => b.code).join(' '))
    assert.equal((await yanhu.get(`/api/bodies?org_id=${org['140881']}`)).body.total, 0)
    assert.equal((await yanhu.get('/api/bodies?q=140881')).body.total, 0)

    const before = (await admin.get(`/api/bodies/${body['140881-ZF-SCJG']}`)).body
    assertProblem(assert, await yanhu.get(`/api/bodies/${body['140881-ZF-SCJG']}`), 404)
    assertProblem(assert, await put(yanhu, '140881-ZF-SCJG', { kind: 'entrusted', legal_basis: '越权修改' }), 404)
    assert.deepEqual((await admin.get(`/api/bodies/${body['140881-ZF-SCJG']}`)).body, before, 'unchanged')

    const x = await yanhu.getBytes('/api/bodies?format=xlsx')
    assert.equal(x.status, 200)
    const rows = readXlsx(x.bytes).rows.slice(1)
    assert.equal(rows.length, own.total)
    assert.ok(rows.every((r) => r[0].startsWith('140802')), 'the export holds only 盐湖区')
  })

  test('a county account cannot confirm another county\'s body', async () => {
    const r = await yongjiSfj.post('/api/body-confirmations', { year, org_ids: [body['140802-SFJ']] })
    assertProblem(assert, r, 400, { field: 'org_ids' })
    assert.equal((await admin.get(`/api/bodies/${body['140802-SFJ']}`)).body.confirmed, false)
  })

  test('the county justice bureau supervisor sees the bodies of its whole county', async () => {
    const codes = (await listAll(yongjiSfj, '/api/bodies')).items.map((b) => b.code)
    assert.ok(codes.includes('140881-ZF-SCJG'), codes.join(' '))
  })
})

describe('yearly confirmation and the announcement', () => {
  test('no body confirmed for a year: the announcement is 409; a bad year is 400', async () => {
    assertProblem(assert, await admin.getBytes(`/api/body-confirmations/${year + 1}/announcement.pdf`), 409, { code: 'body.none_confirmed' })
    assertProblem(assert, await admin.getBytes('/api/body-confirmations/1999/announcement.pdf'), 400, { field: 'year' })
    assertProblem(assert, await admin.get('/api/body-confirmations'), 400, { field: 'year' })
  })

  test('a suspended body is refused, and the whole batch with it: nothing is confirmed', async () => {
    const s = await put(admin, '140881-ZF-NY', { fields: ['agriculture'], status: 'suspended' })
    assert.equal(s.status, 200, s.text)
    assert.equal(s.body.status_label, '暂停执法')
    const suspended = await listAll(admin, '/api/bodies?status=suspended')
    assert.ok(suspended.items.some((b) => b.code === '140881-ZF-NY'))
    assert.ok(suspended.items.every((b) => b.status === 'suspended'))

    const r = await city.post('/api/body-confirmations', { year, org_ids: [body['140881-ZF-SCJG'], body['140881-ZF-NY']] })
    assertProblem(assert, r, 409, { code: 'body.not_active', field: 'org_ids' })
    const list = await city.get(`/api/body-confirmations?year=${year}`)
    assert.equal(list.body.total, 0, `nothing half-confirmed: ${list.text}`)
    assert.equal((await admin.get(`/api/bodies/${body['140881-ZF-SCJG']}`)).body.confirmed, false)
  })

  test('the justice bureau confirms bodies for the year; the list, the detail and the filters follow', async () => {
    assertProblem(assert, await yongji.post('/api/body-confirmations', { year, org_ids: [body['140881-ZF-SCJG']] }), 403)
    assertProblem(assert, await city.post('/api/body-confirmations', { year, org_ids: [org['140881']] }), 400, { field: 'org_ids' })
    assertProblem(assert, await city.post('/api/body-confirmations', { year, org_ids: [] }), 400, { field: 'org_ids' })

    const ids = [body['140881-ZF-SCJG'], body['140881-ZF-WHSC'], body['140800-ZF-SCJG']]
    const r = await city.post('/api/body-confirmations', { year, org_ids: ids })
    assert.equal(r.status, 201, r.text)
    assert.equal(r.body.confirmed, 3)
    assert.equal((await city.post('/api/body-confirmations', { year, org_ids: [body['140881-ZF-SCJG']] })).status, 201, 'confirming again is harmless')

    const confirmed = await city.get(`/api/body-confirmations?year=${year}`)
    assert.deepEqual(confirmed.body.items.map((b) => b.org_id).sort((a, b) => a - b), [...ids].sort((a, b) => a - b), confirmed.text)
    const yj = await yongji.get(`/api/body-confirmations?year=${year}`)
    assert.deepEqual(yj.body.items.map((b) => b.org_id).sort((a, b) => a - b), [body['140881-ZF-SCJG'], body['140881-ZF-WHSC']].sort((a, b) => a - b))
    assert.equal((await yanhu.get(`/api/body-confirmations?year=${year}`)).body.total, 0, '盐湖区 sees none of them')

    const detail = await admin.get(`/api/bodies/${body['140881-ZF-SCJG']}`)
    assert.equal(detail.body.confirmed, true)
    assert.deepEqual(detail.body.confirmed_years, [year])
    const flagged = await listAll(admin, `/api/bodies?confirmed=true&year=${year}`)
    assert.deepEqual(flagged.items.map((b) => b.org_id).sort((a, b) => a - b), [...ids].sort((a, b) => a - b))
    assert.ok(flagged.items.every((b) => b.confirmed === true))
    const lastYear = await admin.get(`/api/bodies?q=140881-ZF-SCJG&year=${year - 1}`)
    assert.equal(lastYear.body.year, year - 1)
    assert.equal(lastYear.body.items[0].confirmed, false, 'confirmed for this year only')
    const unconfirmed = await admin.get(`/api/bodies?org_id=${org['140881']}&confirmed=false&page_size=200`)
    assert.ok(unconfirmed.body.items.every((b) => b.confirmed === false && !ids.includes(b.org_id)))

    const events = (await admin.get('/api/ledger/events?entity=body_confirmation')).body.items
    assert.ok(events.some((e) => e.action === 'body.confirmed' && e.entity_id === String(year)), JSON.stringify(events))
  })

  test('the announcement is a PDF download within the caller\'s scope', async () => {
    for (const c of [city, yongji, admin]) {
      const r = await c.getBytes(`/api/body-confirmations/${year}/announcement.pdf`)
      assert.equal(r.status, 200, r.text)
      assert.match(r.headers.get('content-type'), /^application\/pdf/)
      const cd = r.headers.get('content-disposition') || ''
      assert.match(cd, /^(inline|attachment);/, cd)
      assert.match(cd, /filename\*=UTF-8''.+\.pdf/, cd)
      assert.ok(decodeURIComponent(cd.split("UTF-8''")[1]).includes(`${year}年度行政执法主体资格确认公告`), cd)
      assert.equal(r.bytes.subarray(0, 5).toString('latin1'), '%PDF-')
      assert.ok(r.bytes.subarray(-1024).toString('latin1').includes('%%EOF'), 'a complete PDF')
      assert.ok(r.bytes.length > 1000)
    }
    // 盐湖区 has no confirmed body: its announcement would be empty, never 永济市's.
    assertProblem(assert, await yanhu.getBytes(`/api/body-confirmations/${year}/announcement.pdf`), 409, { code: 'body.none_confirmed' })
  })
})

describe('Excel export', () => {
  test('?format=xlsx is an attachment holding exactly the rows of the JSON list', async () => {
    const json = await listAll(yongji, '/api/bodies')
    const r = await yongji.getBytes('/api/bodies?format=xlsx')
    assert.equal(r.status, 200)
    assert.equal(r.headers.get('content-type'), XLSX_CONTENT_TYPE)
    assert.match(r.headers.get('content-disposition') || '', /^attachment;.*filename\*=UTF-8''.+\.xlsx/)
    const { rows } = readXlsx(r.bytes)
    assert.deepEqual(rows[0], ['主体编码', '执法主体名称', '所属县(市、区)', '层级', '主体性质', '执法领域', '职权依据',
      '统一社会信用代码', '状态', '执法人员数', '持证人数', '法制审核人员数', `${year}年度资格确认`])
    const data = rows.slice(1)
    assert.equal(data.length, json.total)
    const level = { city: '市级', county: '县级', township: '乡级' }
    data.forEach((row, i) => {
      const b = json.items[i]
      assert.deepEqual(
        [row[0], row[1], row[2], row[3], row[4], row[6], row[7], row[8], row[9], row[12]],
        [b.code, b.name, b.county_name, level[b.level], b.kind_label, b.legal_basis, b.credit_code ?? '', b.status_label,
          String(b.officer_count), b.confirmed ? '已确认' : '未确认'],
        `row ${i + 2}`)
    })
    const whsc = data.find((row) => row[0] === '140881-ZF-WHSC')
    assert.equal(whsc[5], '文化市场、城市管理', 'fields as Chinese labels')
    assert.equal(whsc[7], (await admin.get(`/api/bodies/${body['140881-ZF-WHSC']}`)).body.credit_code)
  })

  test('the export takes the same filters', async () => {
    const json = await listAll(admin, `/api/bodies?org_id=${org['140881']}&confirmed=true&year=${year}`)
    const r = await admin.getBytes(`/api/bodies?format=xlsx&org_id=${org['140881']}&confirmed=true&year=${year}`)
    const rows = readXlsx(r.bytes).rows.slice(1)
    assert.deepEqual(rows.map((x) => x[0]), json.items.map((b) => b.code))
    assert.deepEqual(rows.map((x) => x[0]).sort(), ['140881-ZF-SCJG', '140881-ZF-WHSC'])
  })
})

describe('public portal', () => {
  test('/public/api/bodies needs no sign-in and shows the confirmed bodies only, with published fields only', async () => {
    const anon = new Client(srv.url)
    const r = await anon.get(`/public/api/bodies?year=${year}&page_size=200`)
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.year, year)
    assert.ok(r.body.years.includes(year))
    const confirmed = await listAll(admin, `/api/bodies?confirmed=true&year=${year}`)
    assert.equal(r.body.total, confirmed.total)
    assert.deepEqual(r.body.items.map((b) => b.name).sort(), confirmed.items.map((b) => b.name).sort())
    for (const b of r.body.items) {
      assert.deepEqual(Object.keys(b).sort(), ['county_name', 'fields', 'kind_label', 'legal_basis', 'name'], JSON.stringify(b))
    }
    const whsc = r.body.items.find((b) => b.name === confirmed.items.find((x) => x.code === '140881-ZF-WHSC').name)
    assert.equal(whsc.kind_label, '法律法规授权组织')
    assert.deepEqual(whsc.fields, ['culture', 'urban'])
    assert.ok(!r.text.includes((await admin.get(`/api/bodies/${body['140881-ZF-WHSC']}`)).body.credit_code), 'no credit code')
    const ny = (await admin.get(`/api/bodies/${body['140881-ZF-NY']}`)).body.name
    assert.ok(!r.body.items.some((b) => b.name === ny), 'an unconfirmed (suspended) body is not published')

    const byDefault = await anon.get('/public/api/bodies')
    assert.equal(byDefault.body.year, year, 'the latest confirmed year by default')
    const q = await anon.get(`/public/api/bodies?year=${year}&q=${encodeURIComponent('文化市场')}`)
    assert.deepEqual(q.body.items.map((b) => b.name), [whsc.name])
    const yh = await anon.get(`/public/api/bodies?year=${year}&county=140802`)
    assert.equal(yh.body.total, 0, '盐湖区 has none confirmed')
    const yj = await anon.get(`/public/api/bodies?year=${year}&county=140881`)
    assert.equal(yj.body.total, 2)
    assert.ok(yj.body.items.every((b) => b.county_name === '永济市'))
    const none = await anon.get(`/public/api/bodies?year=${year + 1}`)
    assert.equal(none.status, 200)
    assert.equal(none.body.total, 0)
    assert.deepEqual(none.body.items, [])
  })

  test('a body revoked after its confirmation leaves the public list and the announcement', async () => {
    const anon = new Client(srv.url)
    const code = '140881-JG-SLJ' // 永济市水利局
    const name = (await admin.get(`/api/bodies/${body[code]}`)).body.name
    assert.equal((await city.post('/api/body-confirmations', { year, org_ids: [body[code]] })).status, 201)
    const listed = async () => (await anon.get(`/public/api/bodies?year=${year}&q=${encodeURIComponent(name)}`)).body.total
    assert.equal(await listed(), 1, 'confirmed: published')
    const revoked = await put(admin, code, { fields: ['water'], status: 'revoked' })
    assert.equal(revoked.status, 200, revoked.text)
    assert.equal(revoked.body.confirmed, true, 'the confirmation itself stays on record')
    assert.equal(await listed(), 0, 'revoked: no longer published')
    const pdf = await city.getBytes(`/api/body-confirmations/${year}/announcement.pdf`)
    assert.equal(pdf.status, 200)
    assert.ok(pdf.bytes.subarray(0, 5).toString() === '%PDF-')
    assert.equal((await put(admin, code, { fields: ['water'], status: 'active' })).status, 200)
    assert.equal(await listed(), 1, 'active again: published again')
  })

  test('the signed-in API stays closed to the anonymous caller', async () => {
    const anon = new Client(srv.url)
    assertProblem(assert, await anon.get('/api/bodies'), 401)
    assertProblem(assert, await anon.get(`/api/bodies/${body['140881-ZF-SCJG']}`), 401)
    assertProblem(assert, await anon.getBytes(`/api/body-confirmations/${year}/announcement.pdf`), 401)
  })
})
