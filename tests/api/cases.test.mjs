// Penalty cases over HTTP (first slice): a general-procedure case from lead to archive with a
// hearing and a legal review that first sends it back; the rules that refuse (simplified fine of
// 201 yuan, one officer, a heavier penalty after the defence); two decisions at once.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './harness.mjs'

import { caseFixture } from './case_helpers.mjs'

let srv, admin, body, matter, officers, reviewer, lead

before(async () => {
  srv = await startServer({ people: true })
  admin = await login(srv.url, 'admin')
  ;({ body, matter, officers, reviewer, lead } = await caseFixture(admin))
})
after(async () => { await srv?.stop() })

// Steps are recorded as taken on 15 June 2026: every deadline they set stays inside the official
// calendar (2024-2026); a deadline beyond it is refused, never guessed (a test below).
let day = '2026-06-15'
async function step(c, action, data = {}, note = '') {
  const r = await admin.post(`/api/cases/${c.id}/actions`, { action, version: c.version, note, data: { on: day, ...data } })
  return r
}

async function ok(c, action, data, note) {
  const r = await step(c, action, data, note)
  assert.equal(r.status, 200, `${action}: ${r.text}`)
  return r.body
}

test('a general case runs from lead to archive, with a hearing and a review that first sends it back', async () => {
  const created = await admin.post('/api/cases', lead())
  assert.equal(created.status, 201, created.text)
  let c = created.body
  assert.equal(c.state, 'lead')
  assert.ok(c.actions.some((a) => a.action === 'file'))
  c = await ok(c, 'file')
  assert.equal(c.state, 'investigating')
  assert.ok(c.decision_due > c.filed_on, 'the decision is due 90 days after filing')
  const intended = { kinds: ['fine'], fine_fen: 12_000_000 }  // 120,000 yuan: a hearing right
  c = await ok(c, 'notify', { penalty: intended })
  assert.equal(c.state, 'noticed')
  assert.equal(c.steps.at(-1).data.hearing_right, true)
  c = await ok(c, 'request_hearing')
  assert.equal(c.state, 'hearing')
  assert.equal(c.review_required, true, 'a hearing on major rights needs a legal review')
  // The decision may not be asked for before the review.
  const early = await step(c, 'submit_decision')
  assert.equal(early.status, 409, early.text)
  assert.equal(early.body.code, 'case.review_required')
  // The hearing: notified at least 7 working days ahead (19 June 2026 is the Dragon Boat holiday),
  // held before the case moves on.
  const unheard = await step(c, 'submit_review')
  assert.equal(unheard.body.code, 'case.hearing_not_held')
  const soon = await step(c, 'schedule_hearing', { hearing_on: '2026-06-24' })
  assert.equal(soon.status, 422, soon.text)
  assert.equal(soon.body.code, 'case.hearing_notice')
  assert.match(soon.body.message_zh, /2026-06-25.*第六十四条/)
  c = await ok(c, 'schedule_hearing', { hearing_on: '2026-06-25' })
  assert.equal(c.state, 'hearing')
  assert.equal((await step(c, 'submit_review', { on: '2026-06-24' })).body.code, 'case.hearing_not_held')
  day = '2026-06-25'
  c = await ok(c, 'submit_review')
  // An investigator may not review; the reviewer sends the case back with the points.
  const self = await step(c, 'review_correct', { reviewer_officer_id: officers[0].id }, '证据不足')
  assert.equal(self.status, 422, self.text)
  assert.equal(self.body.code, 'case.reviewer_not_staff')
  const noPoints = await step(c, 'review_correct', { reviewer_officer_id: reviewer.id })
  assert.equal(noPoints.status, 400, noPoints.text)
  c = await ok(c, 'review_correct', { reviewer_officer_id: reviewer.id }, '补充进货查验记录')
  assert.equal(c.state, 'investigating')
  c = await ok(c, 'notify', { penalty: intended })
  c = await ok(c, 'submit_review')
  c = await ok(c, 'review_agree', { reviewer_officer_id: reviewer.id })
  assert.equal(c.state, 'pending_decision')
  // A defence never makes the penalty heavier.
  const heavier = await step(c, 'decide', { penalty: { kinds: ['fine'], fine_fen: 13_000_000 } })
  assert.equal(heavier.status, 422, heavier.text)
  assert.equal(heavier.body.code, 'case.heavier')
  c = await ok(c, 'decide', { penalty: { kinds: ['fine'], fine_fen: 10_000_000 } })
  assert.equal(c.state, 'decided')
  assert.match(c.decision_no, /罚〔2026〕\d+号$/)
  // Electronic service needs the party's consent.
  const noConsent = await step(c, 'serve', { method: 'electronic' })
  assert.equal(noConsent.status, 422, noConsent.text)
  c = await ok(c, 'serve', { method: 'electronic', consent: true })
  assert.ok(c.payment_due, 'payment is due 15 days after service')
  c = await ok(c, 'record_payment')
  c = await ok(c, 'close')
  c = await ok(c, 'archive')
  assert.equal(c.state, 'archived')
  assert.equal(c.read_only, true)
  assert.deepEqual(c.actions, [])
  const after = await step(c, 'close')
  assert.equal(after.status, 409)
  assert.equal(after.body.code, 'case.read_only')
  // Every step is in the ledger.
  assert.deepEqual(c.steps.map((s) => s.action), ['register', 'file', 'notify', 'request_hearing',
    'schedule_hearing', 'submit_review', 'review_correct', 'notify', 'submit_review', 'review_agree',
    'decide', 'serve', 'record_payment', 'close', 'archive'], 'refused steps left no trace')
  for (const s of c.steps) assert.ok(s.ledger_seq > 0, JSON.stringify(s))
  // A step is never dated before the one it follows.
  day = '2026-06-15'
  let d = (await admin.post('/api/cases', lead({ party_name: '日期顺序' }))).body
  d = await ok(d, 'file', { on: '2026-06-10' })
  const back = await step(d, 'notify', { on: '2026-06-09', penalty: { kinds: ['warning'] } })
  assert.equal(back.status, 400, back.text)
  assert.equal(back.body.code, 'case.before_previous')
  assert.equal((await step(d, 'file', { on: '2026-05-31' })).status, 409, 'filed already')
  const undiscovered = (await admin.post('/api/cases', lead({ party_name: '发现之前立案' }))).body
  assert.equal((await step(undiscovered, 'file', { on: '2026-05-31' })).body.code, 'case.before_previous', 'not filed before it was discovered')
})

test('a simplified-procedure fine of 201 yuan is refused with the reason and the article', async () => {
  const created = await admin.post('/api/cases', lead({ procedure: 'simplified', party_type: 'person', party_name: '张某' }))
  assert.equal(created.status, 201, created.text)
  let c = created.body
  const r = await step(c, 'decide_on_spot', { penalty: { kinds: ['fine'], fine_fen: 20_100 } })
  assert.equal(r.status, 422, r.text)
  assert.equal(r.body.code, 'case.simplified_fine')
  assert.match(r.body.message_zh, /201 元/)
  assert.match(r.body.message_zh, /第五十一条/)
  const get = await admin.get(`/api/cases/${c.id}`)
  assert.equal(get.body.state, 'lead', 'nothing changed')
  assert.equal(get.body.version, c.version)
  c = await ok(c, 'decide_on_spot', { penalty: { kinds: ['fine'], fine_fen: 20_000 } })
  assert.equal(c.state, 'decided')
  // Cash on the spot only up to 100 yuan.
  const other = (await admin.post('/api/cases', lead({ procedure: 'simplified', party_type: 'person' }))).body
  const cash = await step(other, 'decide_on_spot', { penalty: { kinds: ['fine'], fine_fen: 15_000 }, cash_on_spot: true })
  assert.equal(cash.status, 422)
  assert.equal(cash.body.code, 'case.cash_on_spot')
})

test('a case needs two certified officers and an act within the limitation period', async () => {
  const one = (await admin.post('/api/cases', lead({ officer_ids: [officers[2].id] }))).body
  const r = await step(one, 'file')
  assert.equal(r.status, 422, r.text)
  assert.equal(r.body.code, 'case.officers')
  const old = (await admin.post('/api/cases', lead({ act_date: '2024-01-10', discovered: '2026-06-01' }))).body
  const late = await step(old, 'file')
  assert.equal(late.status, 422, late.text)
  assert.equal(late.body.code, 'case.limitation')
  assert.match(late.body.message_zh, /第三十六条/)
})

test('two decisions on one case at once: one wins, the other gets a conflict, numbers have no gap', async () => {
  let c = (await admin.post('/api/cases', lead({ officer_ids: [officers[3].id, officers[4].id] }))).body
  c = await ok(c, 'file')
  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: 100_000 } })
  c = await ok(c, 'submit_decision')
  const [a, b] = await Promise.all([
    step(c, 'decide', { penalty: { kinds: ['fine'], fine_fen: 100_000 } }),
    step(c, 'decide', { penalty: { kinds: ['fine'], fine_fen: 90_000 } }),
  ])
  const statuses = [a.status, b.status].sort()
  assert.deepEqual(statuses, [200, 409], `${a.text} ${b.text}`)
  const winner = a.status === 200 ? a.body : b.body
  const loser = a.status === 200 ? b.body : a.body
  assert.equal(loser.code, 'case.stale')
  const get = (await admin.get(`/api/cases/${c.id}`)).body
  assert.equal(get.decision_no, winner.decision_no)
  assert.equal(get.steps.filter((s) => s.action === 'decide').length, 1, 'one decision, not two')
  // The next decision of the body takes the next number: the loser used none.
  let d = (await admin.post('/api/cases', lead({ officer_ids: [officers[3].id, officers[4].id] }))).body
  d = await ok(d, 'file')
  d = await ok(d, 'notify', { penalty: { kinds: ['warning'] } })
  d = await ok(d, 'submit_decision')
  d = await ok(d, 'decide', { penalty: { kinds: ['warning'] } })
  const n = (no) => Number(no.match(/〕(\d+)号/)[1])
  assert.equal(n(d.decision_no), n(winner.decision_no) + 1)
})

test('a deadline beyond the official calendar is refused, not guessed; a step cannot be dated in the future', async () => {
  const c = (await admin.post('/api/cases', lead())).body
  const late = await step(c, 'file', { on: '2026-11-20' })  // 90 days later is in 2027
  assert.equal(late.status, 422, late.text)
  assert.equal(late.body.code, 'calendar.uncovered')
  const future = await step(c, 'file', { on: '2099-01-01' })
  assert.equal(future.status, 400, future.text)
  assert.equal(future.body.code, 'case.future')
  assert.equal((await admin.get(`/api/cases/${c.id}`)).body.state, 'lead')
})

test('the deadline board lists overdue and due cases per body and per officer', async () => {
  let c = (await admin.post('/api/cases', lead({ party_name: '期限看板测试', officer_ids: [officers[4].id, officers[5].id] }))).body
  c = await ok(c, 'file')  // on 2026-06-15: the decision was due 2026-09-13
  const board = await admin.get('/api/cases/deadlines?within=7')
  assert.equal(board.status, 200, board.text)
  const item = board.body.items.find((i) => i.case_id === c.id)
  assert.ok(item, board.text)
  assert.deepEqual([item.kind, item.due, item.overdue], ['decision', c.decision_due, true])
  assert.ok(item.days_left < 0)
  assert.deepEqual(item.officers, [officers[4].name, officers[5].name])
  const body_row = board.body.by_body.find((b) => b.name === body.name)
  assert.ok(body_row.overdue >= 1)
  assert.ok(board.body.by_officer.some((o) => o.name === officers[4].name && o.overdue >= 1))
  // Archived and closed cases have no open deadline.
  const archived = (await admin.get('/api/cases?state=archived')).body.items.map((x) => x.id)
  assert.ok(archived.length >= 1)
  assert.ok(board.body.items.every((i) => !archived.includes(i.case_id)))
  assert.equal((await admin.get('/api/cases/deadlines?within=999')).status, 400)
})

test('days of suspension do not count towards the 90-day decision deadline', async () => {
  let c = (await admin.post('/api/cases', lead({ act_date: '2026-05-01', discovered: '2026-05-20' }))).body
  c = await ok(c, 'file', { on: '2026-06-01' })
  assert.equal(c.decision_due, '2026-08-31', '90 days end on Sunday 30 August: the next working day')
  c = await ok(c, 'suspend', { on: '2026-06-10' })
  assert.equal(c.state, 'suspended')
  c = await ok(c, 'resume', { on: '2026-06-20' })
  assert.equal(c.state, 'investigating')
  assert.equal(c.decision_due, '2026-09-09', 'ten days later: 100 days after filing')
})

test('the bell tells handlers of overdue and due deadlines and reviewers of cases awaiting review', async () => {
  // Filed in June 2025: due before any demo case, so first among the most urgent.
  const list = await admin.get(`/api/officers?org_id=${body.org_id}&field=market&page_size=100`)
  const early = []
  for (const o of list.body.items) {
    if (o.legal_reviewer) continue
    const e = await admin.get(`/api/officers/${o.id}/eligibility?field=market&date=2025-06-02`)
    if (e.body.certified) early.push(o.id)
    if (early.length === 2) break
  }
  assert.equal(early.length, 2)
  let c = (await admin.post('/api/cases', lead({ party_name: '提醒测试', act_date: '2025-05-01', discovered: '2025-05-20', officer_ids: early }))).body
  const at = (on) => ({ on })
  c = await ok(c, 'file', at('2025-06-02'))
  c = await ok(c, 'notify', { ...at('2025-06-20'), penalty: { kinds: ['fine'], fine_fen: 500000 }, review: { manual: true } })
  c = await ok(c, 'submit_review', at('2025-06-30'))
  const n = await admin.get('/api/notifications')
  assert.equal(n.status, 200, n.text)
  const mine = n.body.items.filter((i) => i.case_id === c.id)
  assert.deepEqual(mine.map((i) => i.kind), ['review'], 'one notice for a case in review: the review')
  assert.ok(mine.every((i) => i.overdue && i.due === c.decision_due && i.text.includes('已超期') && i.text.includes('提醒测试')), n.text)
  assert.equal(n.body.overdue + n.body.due >= mine.length, true)
  const dues = n.body.items.map((i) => i.due)
  assert.deepEqual(dues, [...dues].sort(), 'the most urgent first')
  // Someone without a case role hears nothing of cases.
  const officer = await login(srv.url, 'officer_demo')
  const theirs = await officer.get('/api/notifications')
  assert.ok(theirs.status === 403 || theirs.body.items.every((i) => i.case_id !== c.id), theirs.text)
})

test('a role acts only in its own steps', async () => {
  const officer = await login(srv.url, 'officer_demo')
  const r = await officer.post('/api/cases', lead())
  assert.equal(r.status, 403, r.text)
})

// Last in the file: it adds a year to this server's calendar.
test('once the next year is added from its notice, a deadline running into it is counted, not refused', async () => {
  const cal = await admin.get('/api/calendar')
  assert.equal(cal.status, 200, cal.text)
  assert.deepEqual(cal.body.covered, [2024, 2025, 2026])
  assert.ok(cal.body.years.every((y) => y.builtin && y.off.length > 0))
  const c = (await admin.post('/api/cases', lead({ party_name: '跨年期限测试' }))).body
  const refused = await step(c, 'file', { on: '2026-11-20' })
  assert.equal(refused.body.code, 'calendar.uncovered')
  assert.match(refused.body.message_zh, /工作日历/)

  // Test dates, not the real arrangement: 18 February 2027 (a Thursday) is made a holiday.
  const year = { year: 2027, off: ['2027-01-01', '2027-02-18'], work: ['2027-02-20'], source: '测试用通知' }
  const weekday = await admin.post('/api/calendar/years', { ...year, work: ['2027-02-17'] })
  assert.equal(weekday.status, 400, weekday.text)
  assert.equal(weekday.body.code, 'calendar.work_weekday')
  const stray = await admin.post('/api/calendar/years', { ...year, off: ['2028-01-01'] })
  assert.equal(stray.body.code, 'calendar.date')
  assert.deepEqual((await admin.get('/api/calendar')).body.covered, [2024, 2025, 2026], 'nothing refused was kept')
  const officer = await login(srv.url, 'officer_demo')
  assert.equal((await officer.post('/api/calendar/years', year)).status, 403)

  const added = await admin.post('/api/calendar/years', year)
  assert.equal(added.status, 201, added.text)
  assert.deepEqual([added.body.builtin, added.body.source, added.body.off], [false, '测试用通知', year.off])
  assert.ok(added.body.added_by)
  assert.equal((await admin.post('/api/calendar/years', year)).body.code, 'calendar.year_exists')

  // 20 November 2026 + 90 days = Thursday 18 February 2027, now a holiday: the next working day.
  const filed = await ok(c, 'file', { on: '2026-11-20' })
  assert.equal(filed.decision_due, '2027-02-19')
  const events = await admin.get('/api/ledger/events?entity=calendar')
  assert.ok(events.body.items.some((e) => e.entity_id === '2027'), events.text)
})
