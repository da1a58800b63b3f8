// Penalty cases, second slice over HTTP: the local settings of the case rules (hearing thresholds,
// review grounds, extensions per field), an extension of the decision deadline asked for and
// approved, a deferred or instalment payment, a transfer to the police with its materials, and
// the reason a lead is not filed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login } from './harness.mjs'
import { caseFixture, stepper, oker } from './case_helpers.mjs'

let srv, admin, fx, step, ok

before(async () => {
  srv = await startServer({ people: true })
  admin = await login(srv.url, 'admin')
  fx = await caseFixture(admin)
  step = stepper(admin)
  ok = oker(admin)
})
after(async () => { await srv?.stop() })

const MARKET = { days: 30, basis: '《市场监督管理行政处罚程序规定》' }

async function settings(change) {
  const now = (await admin.get('/api/settings/case-rules')).body
  const body = { hearing: now.hearing, review: now.review, extensions: now.extensions, ...change(now) }
  return admin.put('/api/settings/case-rules', body)
}

test('the case rules settings: defaults, refusals with the field, the ledger, and who may change them', async () => {
  const now = await admin.get('/api/settings/case-rules')
  assert.equal(now.status, 200, now.text)
  assert.equal(now.body.hearing.organisation_fine_fen, 10_000_000)
  assert.deepEqual(Object.keys(now.body.extensions), ['market'], 'the demo allows the market regulator its 30 days')
  assert.equal(now.body.extensions.market.days, 30)
  const bad = await settings(() => ({ hearing: { person_fine_fen: -1 } }))
  assert.equal(bad.status, 400, bad.text)
  assert.equal(bad.body.field, 'hearing.person_fine_fen')
  const noBasis = await settings(() => ({ extensions: { market: { days: 30 } } }))
  assert.equal(noBasis.body.field, 'extensions.market.basis')
  const officer = await login(srv.url, 'officer_demo')
  assert.equal((await officer.put('/api/settings/case-rules', { extensions: { market: MARKET } })).status, 403)
  const unchanged = await settings(() => ({}))
  assert.equal(unchanged.body.code, 'case_settings.unchanged')

  // A higher local threshold: a person fined 6,000 yuan then has no hearing right.
  assert.equal((await settings(() => ({ extensions: {} }))).status, 200)
  const raised = await settings((s) => ({ hearing: { ...s.hearing, person_fine_fen: 1_000_000 } }))
  assert.equal(raised.status, 200, raised.text)
  assert.ok(raised.body.updated_by)
  let c = (await admin.post('/api/cases', fx.lead({ party_type: 'person', party_name: '张某' }))).body
  c = await ok(c, 'file')
  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: 600_000 } })
  assert.equal(c.steps.at(-1).data.hearing_right, false)
  await settings((s) => ({ hearing: { ...s.hearing, person_fine_fen: 500_000 } }))
  const events = await admin.get('/api/ledger/events?entity=settings')
  assert.equal(events.body.items.filter((e) => e.action === 'settings.case_rules').length, 3)
})

test('an extension of the decision deadline: only where the sector allows, asked with a reason, approved by the leadership', async () => {
  let c = (await admin.post('/api/cases', fx.lead({ party_name: '延期测试超市' }))).body
  c = await ok(c, 'file')
  assert.equal(c.decision_due, '2026-09-14', '90 days end on Sunday 13 September')
  const none = await step(c, 'request_extension', { days: 20 }, '案情复杂')
  assert.equal(none.status, 422, none.text)
  assert.equal(none.body.code, 'case.extension_not_allowed')
  assert.match(none.body.message_zh, /第六十条/)

  assert.equal((await settings(() => ({ extensions: { market: MARKET } }))).status, 200)
  try {
    const noReason = await step(c, 'request_extension', { days: 20 })
    assert.equal(noReason.body.code, 'case.extension_reason')
    c = await ok(c, 'request_extension', { days: 20 }, '需对涉案食品进行抽样检验')
    assert.deepEqual([c.extension_request.days, c.decision_due], [20, '2026-09-14'])
    assert.equal((await step(c, 'request_extension', { days: 5 }, '再延')).body.code, 'case.extension_pending')
    c = await ok(c, 'approve_extension')
    assert.equal(c.extension_request, null)
    assert.equal(c.extension_days, 20)
    assert.equal(c.decision_due, '2026-10-08', '110 days after filing: 3 October is in the national holiday (1-7 October), so 8 October')
    const tooLong = await step(c, 'request_extension', { days: 11 }, '还要再查')
    assert.equal(tooLong.body.code, 'case.extension_too_long')
    // A decision after the extended deadline is refused; within it, taken.
    c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: 1_000_000 } })
    c = await ok(c, 'submit_decision', { on: '2026-07-01' })
    const late = await step(c, 'decide', { on: '2026-10-12', penalty: { kinds: ['fine'], fine_fen: 1_000_000 } })
    assert.equal(late.body.code, 'case.decision_late')
    c = await ok(c, 'decide', { on: '2026-09-20', penalty: { kinds: ['fine'], fine_fen: 1_000_000 } })
    assert.equal(c.state, 'decided')
  } finally {
    await settings(() => ({ extensions: {} }))
  }
})

test('a leader rejects an extension with a reason; the request is gone and can be asked again', async () => {
  assert.equal((await settings(() => ({ extensions: { market: MARKET } }))).status, 200)
  try {
    let c = (await admin.post('/api/cases', fx.lead({ party_name: '不批准延期' }))).body
    c = await ok(c, 'file')
    c = await ok(c, 'request_extension', { days: 10 }, '等待检验结果')
    assert.equal((await step(c, 'reject_extension')).body.code, 'case.extension_reason')
    c = await ok(c, 'reject_extension', {}, '检验可在期限内完成')
    assert.deepEqual([c.extension_request, c.extension_days, c.decision_due], [null, 0, '2026-09-14'])
    c = await ok(c, 'request_extension', { days: 10 }, '检验结果推迟')
    assert.equal(c.extension_request.days, 10)
  } finally {
    await settings(() => ({ extensions: {} }))
  }
})

test('instalments on the party\'s application move the payment deadline; paying before the last one owes no late fee', async () => {
  let c = (await admin.post('/api/cases', fx.lead({ party_name: '分期缴纳' }))).body
  c = await ok(c, 'file', { on: '2026-06-01' })
  c = await ok(c, 'notify', { on: '2026-06-05', penalty: { kinds: ['fine'], fine_fen: 5_000_000 } })
  c = await ok(c, 'submit_decision', { on: '2026-06-25' })
  c = await ok(c, 'decide', { on: '2026-06-26', penalty: { kinds: ['fine'], fine_fen: 5_000_000 } })
  c = await ok(c, 'serve', { on: '2026-06-29' })
  assert.equal(c.payment_due, '2026-07-14')
  const plan = (instalments, extra = {}) => ({ on: '2026-07-06', plan: { kind: 'instalments', applied_on: '2026-07-03', instalments, ...extra } })
  const short = await step(c, 'defer_payment', plan([{ due: '2026-08-14', fine_fen: 2_000_000 }, { due: '2026-09-14', fine_fen: 2_000_000 }]))
  assert.equal(short.status, 422, short.text)
  assert.equal(short.body.code, 'case.plan_sum')
  assert.match(short.body.message_zh, /第六十六条/)
  const noApplication = await step(c, 'defer_payment', plan([{ due: '2026-08-14', fine_fen: 3_000_000 }, { due: '2026-09-14', fine_fen: 2_000_000 }], { applied_on: '' }))
  assert.equal(noApplication.body.code, 'case.plan_no_application')
  const officer = await login(srv.url, 'officer_demo')
  assert.equal((await officer.post(`/api/cases/${c.id}/actions`, { action: 'defer_payment', version: c.version, data: plan([]) })).status, 403)
  c = await ok(c, 'defer_payment', plan([{ due: '2026-08-14', fine_fen: 3_000_000 }, { due: '2026-09-14', fine_fen: 2_000_000 }]))
  assert.equal(c.state, 'served')
  assert.equal(c.payment_due, '2026-09-14')
  assert.equal(c.payment_plan.instalments.length, 2)
  c = await ok(c, 'record_payment', { on: '2026-09-10' })
  assert.equal(c.steps.at(-1).data.late_fee_fen, undefined, 'paid within the plan: no late fee')
})

test('a transfer to the police carries the materials of article 6; a lead is not filed without a reason', async () => {
  let c = (await admin.post('/api/cases', fx.lead({ party_name: '涉嫌犯罪移送' }))).body
  c = await ok(c, 'file')
  const transfer = (materials, extra = {}) => ({ transfer: { receiver_kind: 'police', receiver: '运城市公安局盐湖分局', materials, ...extra } })
  const missing = await step(c, 'transfer', transfer(['transfer_letter', 'investigation_report', 'item_list']))
  assert.equal(missing.status, 422, missing.text)
  assert.equal(missing.body.code, 'case.transfer_materials')
  assert.match(missing.body.message_zh, /检验报告或者鉴定结论.*第六条/)
  assert.equal((await admin.get(`/api/cases/${c.id}`)).body.state, 'investigating')
  c = await ok(c, 'transfer', transfer(['transfer_letter', 'investigation_report', 'item_list'], { no_inspection: true }), '涉嫌生产销售伪劣产品罪')
  assert.equal(c.state, 'transferred')
  assert.equal(c.transfer.receiver, '运城市公安局盐湖分局')

  const l = (await admin.post('/api/cases', fx.lead({ party_name: '不予立案' }))).body
  assert.equal((await step(l, 'dismiss')).body.code, 'case.reason')
  const passOn = await step(l, 'pass_on', { transfer: { receiver_kind: 'agency', receiver: '' } })
  assert.equal(passOn.body.code, 'case.transfer_receiver')
  const passed = await ok(l, 'pass_on', { transfer: { receiver_kind: 'agency', receiver: '运城市生态环境局' } }, '属于生态环境部门管辖')
  assert.equal(passed.state, 'passed_on')
})

test('an officer whose certificate is suspended while still on an open case shows in the supervisor\'s report', async () => {
  // An officer of the team not used by the other tests, certified today.
  const list = await admin.get(`/api/officers?org_id=${fx.body.org_id}&field=market&cert_state=issued&page_size=100`)
  const used = new Set(fx.officers.map((o) => o.id))
  let spare
  for (const o of list.body.items) {
    if (used.has(o.id) || o.legal_reviewer) continue
    const e = await admin.get(`/api/officers/${o.id}/eligibility?field=market&date=2026-06-15`)
    if (e.body.certified) { spare = o; break }
  }
  assert.ok(spare)
  let c = (await admin.post('/api/cases', fx.lead({ party_name: '持证异常测试', officer_ids: [fx.officers[0].id, spare.id] }))).body
  c = await ok(c, 'file')
  const before = await admin.get('/api/reports/uncertified-on-cases')
  assert.equal(before.status, 200, before.text)
  assert.ok(!before.body.items.some((i) => i.case_id === c.id))
  const cert = (await admin.get(`/api/officers/${spare.id}`)).body.certificates.find((x) => x.state === 'issued')
  const r = await admin.post(`/api/certificates/${cert.id}/events`, { event: 'suspend', reason: '年审不合格' })
  assert.equal(r.status, 200, r.text)
  try {
    const after = await admin.get('/api/reports/uncertified-on-cases')
    const row = after.body.items.find((i) => i.case_id === c.id)
    assert.ok(row, after.text)
    assert.deepEqual([row.officer_id, row.code, row.state], [spare.id, 'suspended', 'investigating'])
    assert.match(row.reason, /暂扣/)
    assert.ok(!after.body.items.some((i) => i.case_id === c.id && i.officer_id === fx.officers[0].id))
    // A finished case is no longer a concern.
    c = await ok(c, 'withdraw', {}, '立案依据不足')
    assert.ok(!(await admin.get('/api/reports/uncertified-on-cases')).body.items.some((i) => i.case_id === c.id))
  } finally {
    await admin.post(`/api/certificates/${cert.id}/events`, { event: 'reinstate', reason: '复查合格' })
  }
})

test('a case heard again after the review sent it back needs a new hearing date', async () => {
  let c = (await admin.post('/api/cases', fx.lead({ party_name: '二次听证' }))).body
  const big = { penalty: { kinds: ['fine'], fine_fen: 12_000_000 } }
  c = await ok(c, 'file', { on: '2026-06-15' })
  c = await ok(c, 'notify', { on: '2026-06-15', ...big })
  c = await ok(c, 'request_hearing', { on: '2026-06-16' })
  c = await ok(c, 'schedule_hearing', { on: '2026-06-16', hearing_on: '2026-06-26' })
  c = await ok(c, 'submit_review', { on: '2026-06-26' })
  c = await ok(c, 'review_correct', { on: '2026-06-29', reviewer_officer_id: fx.reviewer.id }, '补充听证笔录')
  c = await ok(c, 'notify', { on: '2026-07-01', ...big })
  c = await ok(c, 'request_hearing', { on: '2026-07-02' })
  const old = await step(c, 'submit_review', { on: '2026-07-20' })
  assert.equal(old.status, 422, old.text)
  assert.equal(old.body.code, 'case.hearing_not_held', 'the first hearing does not count for the second request')
  c = await ok(c, 'schedule_hearing', { on: '2026-07-02', hearing_on: '2026-07-13' })
  c = await ok(c, 'submit_review', { on: '2026-07-13' })
  assert.equal(c.steps.at(-1).data.hearing_on, '2026-07-13')
})

test('the intended fine keeps to the chosen discretion benchmark, or carries a written reason and goes to review', async () => {
  const found = await admin.get('/api/benchmarks?q=SCJG-JZ-001')
  const bench = found.body.items.find((b) => b.code === 'SCJG-JZ-001')
  assert.ok(bench, found.text)
  const range = await admin.post(`/api/benchmarks/${bench.id}/decide`, { level: 'general', organisation: true })
  assert.equal(range.status, 200, range.text)
  const { min_fen: min, max_fen: max } = range.body
  assert.ok(min > 0 && max > min)
  let c = (await admin.post('/api/cases', fx.lead({ party_name: '裁量基准测试' }))).body
  c = await ok(c, 'file')
  const discretion = { benchmark_id: bench.id, level: 'general', first_violation: true }
  const over = await step(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: max + 100 }, discretion })
  assert.equal(over.status, 422, over.text)
  assert.equal(over.body.code, 'case.discretion_outside')
  assert.match(over.body.message_zh, /SCJG-JZ-001.*第三十四条/)
  const bad = await step(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: min }, discretion: { ...discretion, harm: 'fatal' } })
  assert.equal(bad.status, 400, bad.text)
  assert.equal(bad.body.field, 'data.discretion.harm')

  // Within the range: recorded with what the benchmark said, no review for it.
  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: min }, discretion })
  const result = c.steps.at(-1).data.discretion_result
  assert.deepEqual([result.benchmark, result.min_fen, result.max_fen, result.deviates], ['SCJG-JZ-001', min, max, false])
  assert.ok(Array.isArray(result.lenient_matches) && Array.isArray(result.lenient_candidates))
  assert.equal(c.review_required, false)
  // The decision keeps to it too: lower than the range needs a new notice with a reason.
  c = await ok(c, 'submit_decision', { on: '2026-06-25' })
  const low = await step(c, 'decide', { on: '2026-06-26', penalty: { kinds: ['fine'], fine_fen: min - 100 } })
  assert.equal(low.status, 422, low.text)
  assert.equal(low.body.code, 'case.discretion_outside')
  assert.match(low.body.message_zh, /重新告知/)

  // Outside it with a written reason: allowed, and the case must pass a legal review.
  let d = (await admin.post('/api/cases', fx.lead({ party_name: '偏离裁量基准' }))).body
  d = await ok(d, 'file')
  d = await ok(d, 'notify', { penalty: { kinds: ['fine'], fine_fen: max + 100 }, discretion: { ...discretion, reason: '当事人拒不改正且转移证据' } })
  assert.equal(d.review_required, true)
  assert.ok(d.steps.at(-1).data.review_reasons.some((r) => r.includes('偏离裁量基准')))
  assert.equal((await step(d, 'submit_decision', { on: '2026-06-25' })).body.code, 'case.review_required')
})
