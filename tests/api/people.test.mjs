// Officers and certificates over HTTP (DOMAIN.md §2): registration with a checked, encrypted ID
// number; the certificate's life; eligibility with its reason; scope between counties.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, assertProblem, execSql } from './harness.mjs'

// GB 11643 check digit, computed here independently of the server.
function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}
const wrongCheck = (id) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

let srv, admin, yongji, yanhu
const body = {} // org code -> id

before(async () => {
  srv = await startServer()
  ;[admin, yongji, yanhu] = await Promise.all([login(srv.url, 'admin'), login(srv.url, 'yongji_admin'), login(srv.url, 'yanhu_admin')])
  const list = (await admin.get('/api/orgs?kind=body&page_size=200&q=ZF-SCJG')).body.items
  for (const o of list) body[o.code] = o.id
  const county = (await admin.get('/api/orgs?kind=county&q=140881')).body.items[0]
  body['140881'] = county.id
})
after(async () => { await srv?.stop() })

describe('officers', () => {
  const id = idNumber('14088119850315123')
  let officerId

  test('a wrong ID check digit is refused on the field and nothing is written', async () => {
    const r = await yongji.post('/api/officers', { name: '张三', id_number: wrongCheck(id), org_id: body['140881-ZF-SCJG'], fields: ['market'] })
    assertProblem(assert, r, 400, { field: 'id_number' })
    assert.equal((await yongji.get('/api/officers')).body.total, 0)
  })

  test('registering gives a masked ID number; the clear number is never stored', async () => {
    const r = await yongji.post('/api/officers', { name: '张三', id_number: id, org_id: body['140881-ZF-SCJG'], post: '执法队员', fields: ['market'] })
    assert.equal(r.status, 201, r.text)
    officerId = r.body.id
    assert.equal(r.body.id_number_masked, `140881********${id.slice(14)}`)
    assert.equal(r.body.id_number, undefined, 'a county administrator does not see the whole number')
    const stored = execSql(srv, `SELECT id_number_enc || id_number_masked || id_number_index FROM officers WHERE id = ${officerId}`)
    assert.ok(!stored.includes(id), 'ID number in the clear in the database')
    const full = await admin.get(`/api/officers/${officerId}`)
    assert.equal(full.body.id_number, id, 'the administrator may see it')
  })

  test('the same person twice is a conflict; an org that is not a body is refused', async () => {
    assertProblem(assert, await yongji.post('/api/officers', { name: '张三', id_number: id, org_id: body['140881-ZF-SCJG'], fields: ['market'] }), 409, { field: 'id_number' })
    assertProblem(assert, await yongji.post('/api/officers', { name: '李四', id_number: idNumber('14088119850315234'), org_id: body['140881'], fields: ['market'] }), 400, { field: 'org_id' })
    assertProblem(assert, await yongji.post('/api/officers', { name: '李四', id_number: idNumber('14088119850315234'), org_id: body['140881-ZF-SCJG'], fields: ['astrology'] }), 400, { field: 'fields' })
  })

  test('another county neither sees nor changes the officer', async () => {
    assert.equal((await yanhu.get(`/api/officers/${officerId}`)).status, 404)
    assert.equal((await yanhu.get('/api/officers')).body.total, 0)
  })

  test('certificate: apply, exam, issue; eligibility follows, with the reason', async () => {
    let r = await yongji.post(`/api/officers/${officerId}/certificates`, { fields: ['market'] })
    assert.equal(r.status, 201, r.text)
    const cert = r.body.certificates[0]
    assert.equal(cert.state, 'applied')
    assertProblem(assert, await yongji.post(`/api/certificates/${cert.id}/events`, { event: 'issue', number: 'YJ-1', valid_from: '2026-01-01', valid_until: '2028-12-31' }), 409)
    r = await yongji.post(`/api/certificates/${cert.id}/events`, { event: 'pass_exam' })
    assert.equal(r.status, 200, r.text)
    assertProblem(assert, await yongji.post(`/api/certificates/${cert.id}/events`, { event: 'issue', number: 'YJ-1', valid_from: '2028-01-01', valid_until: '2026-12-31' }), 400, { field: 'valid_until' })
    r = await yongji.post(`/api/certificates/${cert.id}/events`, { event: 'issue', number: 'YJ-1', valid_from: '2026-01-01', valid_until: '2028-12-31' })
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.certificates[0].state, 'issued')
    assert.deepEqual(r.body.certificates[0].events.map((e) => e.event), ['apply', 'pass_exam', 'issue'])

    let e = await yongji.get(`/api/officers/${officerId}/eligibility?field=market&date=2026-11-28`)
    assert.equal(e.body.code, 'body_not_confirmed', e.text)
    assert.equal((await yongji.post('/api/body-confirmations', { year: 2026, org_ids: [body['140881-ZF-SCJG']] })).status, 403,
      'a county administrator does not confirm bodies')
    assert.equal((await admin.post('/api/body-confirmations', { year: 2026, org_ids: [body['140881-ZF-SCJG']] })).status, 201)
    const confirmed = await yongji.get('/api/body-confirmations?year=2026')
    assert.deepEqual(confirmed.body.items.map((b) => b.org_id), [body['140881-ZF-SCJG']], confirmed.text)
    assert.equal((await yanhu.get('/api/body-confirmations?year=2026')).body.total, 0, 'another county sees none of them')
    e = await yongji.get(`/api/officers/${officerId}/eligibility?field=market&date=2026-11-28`)
    assert.equal(e.body.certified, true, e.text)
    assert.equal(e.body.certificate_number, 'YJ-1')
    e = await yongji.get(`/api/officers/${officerId}/eligibility?field=transport&date=2026-11-28`)
    assert.equal(e.body.code, 'no_certificate_for_field')
    assertProblem(assert, await yongji.get(`/api/officers/${officerId}/eligibility?field=market&date=2026-02-30`), 400, { field: 'date' })

    r = await yongji.post(`/api/certificates/${cert.id}/events`, { event: 'suspend', reason: '年审不合格' })
    assert.equal(r.status, 200, r.text)
    e = await yongji.get(`/api/officers/${officerId}/eligibility?field=market&date=2026-11-28`)
    assert.equal(e.body.code, 'suspended')
    assert.match(e.body.reason_zh, /暂扣/)
  })

  test('certificate changes are in the ledger', async () => {
    const events = (await admin.get('/api/ledger/events?entity=certificate&page_size=50')).body.items
    assert.deepEqual(events.map((e) => e.action).reverse(),
      ['certificate.applied', 'certificate.pass_exam', 'certificate.issue', 'certificate.suspend'])
  })
})
