// The demo's year of penalty cases is consistent with the rules the service applies: at least
// 20,000 cases across bodies and states; in a sample of them, every filed case has two officers
// certified for its field on the filing day, decided within its deadline, served within 7 working
// days, simplified fines within the limit; steps dated in order, before today, each in the ledger;
// decision numbers of a body run 1..n per year in the order of the decisions.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './harness.mjs'

let srv, admin

before(async () => {
  srv = await startServer({ people: true })
  admin = await login(srv.url, 'admin')
})
after(async () => { await srv?.stop() })

const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10)

test('a year of demo cases across bodies and states', async () => {
  const all = await admin.get('/api/cases?page_size=1')
  assert.ok(all.body.total >= 20000, `${all.body.total} cases`)
  const states = {}
  for (const s of ['lead', 'investigating', 'noticed', 'reviewing', 'pending_decision', 'decided', 'served', 'enforcing', 'closed', 'archived', 'dismissed', 'transferred', 'suspended']) {
    states[s] = (await admin.get(`/api/cases?state=${s}&page_size=1`)).body.total
  }
  for (const s of ['lead', 'pending_decision', 'served', 'enforcing', 'closed', 'archived', 'dismissed', 'transferred']) {
    assert.ok(states[s] > 0, `some cases are ${s}: ${JSON.stringify(states)}`)
  }
  // Asked what falls due, the list answers the soonest first.
  const due = await admin.get('/api/cases?state=pending_decision&due_before=2026-12-31&page_size=50')
  const dues = due.body.items.map((c) => c.decision_due)
  assert.ok(dues.length > 1 && dues.every((d) => d <= '2026-12-31'), due.text)
  assert.deepEqual(dues, [...dues].sort())
  assert.equal(due.body.total_capped, false)
  const board = await admin.get('/api/cases/deadlines?within=30')
  assert.ok(board.body.items.some((i) => i.overdue), 'the board has overdue deadlines')
  assert.ok(board.body.by_body.length > 10, 'across many bodies')
})

test('sampled demo cases keep the rules', async () => {
  const today = shanghaiToday()
  const total = (await admin.get('/api/cases?page_size=1')).body.total
  let checked = 0
  for (let page = 1; checked < 60; page += Math.max(1, Math.floor(total / 50 / 60))) {
    const list = await admin.get(`/api/cases?page=${page}&page_size=50`)
    const c = (await admin.get(`/api/cases/${list.body.items[page % 50].id}`)).body
    checked++
    const days = c.steps.map((s) => s.data.on)
    assert.deepEqual(days, [...days].sort(), `case ${c.id}: steps in date order`)
    assert.ok(days.every((d) => d < today), `case ${c.id}: no step today or later`)
    assert.ok(c.steps.every((s) => s.ledger_seq > 0))
    assert.equal(c.version, c.steps.length)
    assert.equal(c.steps.at(-1).to, c.state)
    assert.ok(c.officers.length >= 2, `case ${c.id}: two officers`)
    const acted = c.procedure === 'simplified' ? c.decided_on : c.filed_on
    if (acted) {
      for (const o of c.officers) {
        const e = await admin.get(`/api/officers/${o.id}/eligibility?field=${c.field}&date=${acted}`)
        assert.equal(e.body.certified, true, `case ${c.id}: ${o.name} certified on ${acted}: ${e.text}`)
      }
    }
    if (c.procedure === 'simplified' && c.penalty) {
      assert.ok(c.penalty.fine_fen <= (c.party_type === 'organisation' ? 300000 : 20000), `case ${c.id}`)
    }
    if (c.filed_on) {
      assert.ok(c.decision_due >= addDays(c.filed_on, 90), `case ${c.id}: 90 days at least`)
      if (c.decided_on) assert.ok(c.decided_on <= c.decision_due, `case ${c.id}: decided in time`)
    }
    if (c.served_on && c.procedure === 'general') assert.ok(c.served_on <= c.service_due, `case ${c.id}: served in time`)
    if (c.decision_no) assert.match(c.decision_no, /罚〔\d{4}〕\d+号$/)
  }
  const seq = (await admin.get(`/api/cases/${(await admin.get('/api/cases?state=archived&page_size=1')).body.items[0].id}`)).body.steps[0].ledger_seq
  const proof = await admin.get(`/api/ledger/proof/inclusion?seq=${seq}`)
  assert.equal(proof.status, 200, proof.text)
})

test('decision numbers of a body run 1..n per year in the order of the decisions', async () => {
  const bodies = await admin.get(`/api/bodies?q=${encodeURIComponent('140800-ZF-WHSC')}`)
  const body = bodies.body.items[0]
  const decided = []
  for (let page = 1; ; page++) {
    const r = await admin.get(`/api/cases?org_id=${body.org_id}&page=${page}&page_size=100`)
    decided.push(...r.body.items.filter((c) => c.decision_no))
    if (page * 100 >= r.body.total) break
  }
  assert.ok(decided.length > 20, `${decided.length} decisions`)
  const byYear = {}
  for (const c of decided) {
    const [, year, n] = c.decision_no.match(/〔(\d{4})〕(\d+)号$/)
    assert.equal(year, c.decided_on.slice(0, 4))
    ;(byYear[year] ??= []).push({ n: Number(n), on: c.decided_on })
  }
  for (const list of Object.values(byYear)) {
    list.sort((a, b) => a.n - b.n)
    assert.deepEqual(list.map((x) => x.n), list.map((_, i) => i + 1), 'gap-free from 1')
    const days = list.map((x) => x.on)
    assert.deepEqual(days, [...days].sort(), 'numbered in the order decided')
  }
})

test('a township officer lists only the cases of the office they belong to', async () => {
  const staff = await login(srv.url, 'zhongcheng_staff')
  const mine = await staff.get('/api/cases?page_size=100')
  assert.equal(mine.status, 200, mine.text)
  assert.ok(mine.body.total > 0, 'the demo gives 中城街道 cases')
  assert.ok(mine.body.items.every((c) => c.org_name === '中城街道综合行政执法办公室'), mine.text)
  const office = mine.body.items[0].org_id
  const all = await admin.get(`/api/cases?org_id=${office}&page_size=1`)
  assert.equal(mine.body.total, all.body.total)
  const archived = await staff.get('/api/cases?state=archived&page_size=1')
  assert.equal(archived.body.total, (await admin.get(`/api/cases?org_id=${office}&state=archived&page_size=1`)).body.total)
  // Someone else's case is not found, not shown.
  const other = (await admin.get('/api/cases?page_size=100')).body.items.find((c) => c.org_id !== office)
  assert.equal((await staff.get(`/api/cases/${other.id}`)).status, 404)
})
