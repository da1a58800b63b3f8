// End-to-end: 案件办理 (penalty cases) against a running `zhifa serve` with the demo data loaded.
//
// As the administrator (who holds every case role), through the pages only: 登记线索 for the city market
// team (140800-ZF-SCJG) with the first two officers offered for 市场监管, then every step from the case
// page (its deadlines stay inside the official calendar): 立案, 告知 a fine of 120,000 yuan (a hearing
// right), 登记听证申请, each dated 2026-06-15. Leaving the hearing stage before the hearing is refused
// (case.hearing_not_held); 通知听证时间 for 2026-06-24 is refused with the server's reason naming the
// earliest day, 2026-06-25 (seven working days; 19 June 2026 is the Dragon Boat holiday), and 2026-06-25
// is accepted and shown on the page and in the timeline. Every later step is dated 2026-06-25, the day of
// the hearing (a step dated before the one it follows is refused by the page): 提交法制审核, 退回补正 with
// a note, 告知 again, 提交审核, 审核通过, 决定 100,000 yuan, 送达, 缴款, 结案, 归档. The page then reads
// 已归档, offers no step, and the timeline lists every step with its ledger number. The case list filtered
// by 执法主体 and by 承办人员 (one of the case's officers) shows what GET /api/cases answers for the same
// query. Second: a simplified-procedure lead fined 201 yuan on the spot is refused with the server's
// reason (201 元, 第五十一条) and stays a lead.
//
// Adds two cases per run; other e2e files do not depend on them.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/cases.test.mjs
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import assert from 'node:assert/strict'
import { BASE_URL, adminTest, fillDate, inputOf, openMenu, tid, waitForExactText, waitForText } from './helpers.mjs'
import { ACTION_PATH, BODY_CODE, BODY_NAME, ON, act, actOk, closeStep, openStep } from './case_setup.mjs'

/** The hearing: the earliest day after a notice on `ON` (seven working days; 2026-06-19 is a holiday). */
const HEARING_ON = '2026-06-25'

/** 登记线索 from 案件列表; answers the new case's id (the page moves to the case). */
async function registerLead(page, { party, partyType, procedure, summary }) {
  await openMenu(page, 'cases', '/cases')
  await page.locator(tid('case-table')).waitFor({ state: 'visible' })
  await page.locator(tid('case-create')).click()
  const dialog = page.locator(tid('case-create-dialog'))
  await dialog.waitFor({ state: 'visible' })
  const title = dialog.locator('.el-dialog__title')

  // 执法主体: search by code, pick the city market team.
  await page.locator(`.el-select${tid('case-body')}`).click()
  await page.keyboard.type(BODY_CODE)
  const bodyOption = page.locator(tid(`case-body-option-${BODY_CODE}`))
  await bodyOption.waitFor({ state: 'visible' })
  assert.ok((await bodyOption.textContent()).includes(BODY_NAME), 'the code finds the city market team')
  await bodyOption.click()

  await page.locator(tid(`case-procedure-${procedure}`)).click()
  await inputOf(page, 'case-party-name').fill(party)
  await page.locator(tid(`case-party-type-${partyType}`)).click()
  await inputOf(page, 'case-summary').fill(summary)
  await waitForText(page, `.el-select${tid('case-field')}`, (t) => t.includes('市场监管'), 'the body\'s field is offered')

  // 执法事项: the first the body may use.
  await page.locator(`.el-select${tid('case-matter')}`).click()
  const matter = page.locator('.el-select-dropdown:visible [data-testid^="case-matter-option-"]').first()
  await matter.waitFor({ state: 'visible' })
  await matter.click()

  await fillDate(page, 'case-act-date', '2026-05-20')
  await title.click()
  await fillDate(page, 'case-discovered', '2026-06-01')
  await title.click()

  // 承办人员: the first two offered (certified for 市场监管).
  await page.locator(`.el-select${tid('case-officers')}`).click()
  const officers = page.locator(`.el-select-dropdown:visible [data-testid^="case-officer-option-"]`)
  await officers.nth(1).waitFor({ state: 'visible' })
  await officers.nth(0).click()
  await officers.nth(1).click()
  await title.click() // close the dropdown without Escape (that closes the dialog)

  const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/cases')
  await page.locator(tid('case-create-submit')).click()
  const res = await created
  assert.equal(res.status(), 201, `the lead is registered (${await res.text().catch(() => '')})`)
  const id = (await res.json()).id
  await page.waitForURL((url) => url.pathname === `/cases/${id}`)
  await waitForExactText(page, tid('case-state'), '线索登记', 'a new lead')
  await waitForExactText(page, tid('case-party'), party, 'the case page shows the party')
  return id
}

/** A step refused by the server with `status` and `code`: its message is shown in the dialog, then closed. */
async function refused(page, action, fill, on, status, code) {
  const r = await act(page, action, fill, on)
  assert.equal(r.status, status, `${action}: ${JSON.stringify(r.body)}`)
  assert.equal(r.body.code, code, `${action}: ${JSON.stringify(r.body)}`)
  const shown = await waitForText(page, tid('case-action-error'), (t) => t.length > 0, `${action}: the refusal is shown in the dialog`)
  assert.equal(shown, r.body.message_zh, 'the server\'s message, as is')
  await closeStep(page)
  return shown
}

/** Fills 听证日期 of the open 通知听证时间 dialog (whose hint states the rule). */
const hearingOn = (day) => async (dialog) => {
  const page = dialog.page()
  await waitForText(page, tid('case-hearing-hint'), (t) => t.includes('应当在举行听证的七个工作日前通知当事人'), 'the notice rule is shown')
  await fillDate(page, 'case-hearing-date', day)
  await dialog.locator('.el-dialog__title').click()
}

/** Types `text` into a remote el-select of the list's search form and picks the option with test id `option`. */
async function pickRemote(page, select, text, option, label) {
  await page.locator(`.el-select${tid(select)}`).click()
  await page.keyboard.type(text)
  const item = page.locator(`.el-select-dropdown:visible ${tid(option)}`)
  await item.waitFor({ state: 'visible' })
  await item.click()
  await waitForText(page, `.el-select${tid(select)}`, (t) => t.includes(label), `${select} shows ${label}`)
}

/**
 * 搜索 on the case list: the request carries `want` (query name → value, '' for absent), and the pager and
 * rows are what GET /api/cases answers to the same query with the page's session. Answers the API's page.
 */
async function searchMatchesApi(page, want, what) {
  const answered = page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/cases')
  await page.locator(tid('case-search-submit')).click()
  const res = await answered
  assert.equal(res.status(), 200, `${what}: the list answers`)
  const url = new URL(res.url())
  for (const [k, v] of Object.entries(want)) assert.equal(url.searchParams.get(k) ?? '', String(v), `${what}: ${k} is sent`)
  const api = await page.request.get(`${BASE_URL}/api/cases${url.search}`)
  assert.equal(api.status(), 200)
  const expected = await api.json()
  assert.ok(expected.total > 0, `${what}: some cases`)
  await waitForText(page, '.el-pagination__total', (t) => Number(/(\d+)/.exec(t)?.[1] ?? -1) === expected.total, `${what}: the pager counts ${expected.total}`)
  const ids = await page.locator(tid('case-row')).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-case-id'))))
  assert.deepEqual(ids, expected.items.map((c) => c.id), `${what}: the rows GET /api/cases answers, in its order`)
  return expected
}

/** Fills the penalty of the open step dialog: a fine of `yuan`. */
const fine = (yuan) => async (dialog) => {
  const box = dialog.locator(tid('case-kind-fine'))
  if (!(await box.locator('input').isChecked())) await box.click()
  const amount = inputOf(dialog.page(), 'case-fine')
  await amount.fill(String(yuan))
  await amount.press('Tab')
}

/** Picks the first legal reviewer offered (the case's own officers are not offered). */
const reviewer = (note) => async (dialog) => {
  const page = dialog.page()
  await page.locator(`.el-select${tid('case-reviewer')}`).click()
  const option = page.locator(`.el-select-dropdown:visible [data-testid^="case-reviewer-option-"]`).first()
  await option.waitFor({ state: 'visible' })
  await option.click()
  if (note) await inputOf(page, 'case-note').fill(note)
}

adminTest('案件办理: a general case from lead to archive through the pages, with a hearing and a review sent back', {
  name: 'cases',
  timeout: 240_000,
  allowFailures: {
    match: (f) => f.startsWith('422 POST') && ACTION_PATH.test(new URL(f.split(' ')[2]).pathname),
    but: 'the refused steps',
    count: 3,
    counted: 'the three refusals of the hearing',
  },
}, async ({ page, suffix, setStep }) => {
  setStep('register')
  const party = `某某超市${suffix}`
  const id = await registerLead(page, { party, partyType: 'organisation', procedure: 'general', summary: `群众举报销售过期食品（E2E ${suffix}）` })

  setStep('file')
  let c = await actOk(page, 'file')
  await waitForExactText(page, tid('case-state'), '调查取证', 'filed')
  await waitForExactText(page, tid('case-decision-due'), c.decision_due, 'the decision deadline is shown')
  assert.ok(c.decision_due > ON, c.decision_due)

  setStep('notify')
  c = await actOk(page, 'notify', fine(120000))
  assert.equal(c.steps.at(-1).data.penalty.fine_fen, 12_000_000, 'the fine is sent in fen')
  assert.equal(c.steps.at(-1).data.hearing_right, true, 'a fine of 120,000 yuan carries a hearing right')
  await waitForExactText(page, tid('case-state'), '已告知(陈述申辩期)', 'noticed')

  setStep('hearing')
  await actOk(page, 'request_hearing')
  await waitForExactText(page, tid('case-state'), '听证', 'hearing')
  await waitForExactText(page, tid('case-hearing-tag'), '尚未通知听证时间', 'no hearing date yet')

  setStep('hearing-not-held')
  // The party asked for a hearing: the case does not move on before it is held.
  await refused(page, 'submit_review', undefined, ON, 422, 'case.hearing_not_held')
  await waitForExactText(page, tid('case-state'), '听证', 'still hearing')

  setStep('hearing-too-soon')
  const soon = await refused(page, 'schedule_hearing', hearingOn('2026-06-24'), ON, 422, 'case.hearing_notice')
  assert.ok(soon.includes(HEARING_ON), `the refusal names the earliest day: ${soon}`)
  assert.equal(await page.locator(tid('case-hearing-on')).count(), 0, 'no hearing date was recorded')

  setStep('schedule-hearing')
  c = await actOk(page, 'schedule_hearing', hearingOn(HEARING_ON))
  assert.equal(c.steps.at(-1).data.hearing_on, HEARING_ON)
  assert.equal(c.state, 'hearing', 'the case stays in the hearing stage')
  await waitForExactText(page, tid('case-hearing-on'), HEARING_ON, 'the hearing date is shown')
  await waitForExactText(page, tid('case-hearing-tag'), `听证定于 ${HEARING_ON}`, 'next to the state')
  const scheduled = await page.locator(tid('case-step')).last().textContent()
  assert.ok(scheduled.includes(`听证日期：${HEARING_ON}`), `the timeline shows the hearing date: ${scheduled}`)

  setStep('before-hearing')
  // Dated the day before the hearing: not held yet.
  await refused(page, 'submit_review', undefined, '2026-06-24', 422, 'case.hearing_not_held')

  setStep('submit-review')
  await actOk(page, 'submit_review', undefined, HEARING_ON)
  await waitForExactText(page, tid('case-state'), '法制审核', 'reviewing')

  setStep('review-correct')
  const note = `补充进货查验记录（${suffix}）`
  c = await actOk(page, 'review_correct', reviewer(note), HEARING_ON)
  assert.equal(c.steps.at(-1).note, note)
  await waitForExactText(page, tid('case-state'), '调查取证', 'sent back to investigation')

  setStep('before-previous')
  // A step dated before the one it follows: the page says so and sends nothing.
  let sent = 0
  const count = (r) => {
    if (r.method() === 'POST' && ACTION_PATH.test(new URL(r.url()).pathname)) sent++
  }
  page.on('request', count)
  await openStep(page, 'notify', fine(120000), ON)
  await page.locator(tid('case-action-submit')).click()
  const early = await waitForText(page, tid('case-action-error'), (t) => t.length > 0, 'the page refuses an earlier date')
  assert.ok(early.includes(`不能早于上一环节（${HEARING_ON}）`), early)
  page.off('request', count)
  assert.equal(sent, 0, 'nothing was sent')
  await closeStep(page)

  setStep('notify-again')
  await actOk(page, 'notify', fine(120000), HEARING_ON)
  setStep('submit-review-again')
  await actOk(page, 'submit_review', undefined, HEARING_ON)
  setStep('review-agree')
  await actOk(page, 'review_agree', reviewer(), HEARING_ON)
  await waitForExactText(page, tid('case-state'), '待决定', 'pending the decision')

  setStep('decide')
  c = await actOk(page, 'decide', fine(100000), HEARING_ON)
  assert.equal(c.penalty.fine_fen, 10_000_000)
  assert.match(c.decision_no, /罚〔2026〕\d+号$/)
  await waitForExactText(page, tid('case-decision-no'), c.decision_no, 'the decision number is shown')
  await waitForExactText(page, tid('case-service-due'), c.service_due, 'the service deadline is shown')

  setStep('serve')
  c = await actOk(page, 'serve', async (dialog) => {
    await dialog.locator(tid('case-serve-in_person')).click()
  }, HEARING_ON)
  await waitForExactText(page, tid('case-payment-due'), c.payment_due, 'the payment deadline is shown')

  setStep('pay-close-archive')
  await actOk(page, 'record_payment', undefined, HEARING_ON)
  await actOk(page, 'close', undefined, HEARING_ON)
  c = await actOk(page, 'archive', undefined, HEARING_ON)

  setStep('archived')
  await waitForExactText(page, tid('case-state'), '已归档', 'archived')
  await page.locator(tid('case-no-actions')).waitFor({ state: 'visible' })
  assert.equal(await page.locator(`${tid('case-actions')} button`).count(), 0, 'no step is offered any more')
  const expected = ['register', 'file', 'notify', 'request_hearing', 'schedule_hearing', 'submit_review', 'review_correct',
    'notify', 'submit_review', 'review_agree', 'decide', 'serve', 'record_payment', 'close', 'archive']
  const shown = await page.locator(tid('case-step')).evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
  assert.deepEqual(shown, expected, 'the timeline lists every step in order')
  const texts = await page.locator(tid('case-step')).allTextContents()
  assert.ok(texts.every((t) => /账本 #\d+/.test(t)), 'every step shows its ledger number')
  assert.ok(texts[4].includes(`听证日期：${HEARING_ON}`), 'the hearing date is shown')
  assert.ok(texts[5].includes(`已于 ${HEARING_ON} 举行听证`), 'the review follows the hearing held')
  assert.ok(texts[6].includes(note), 'the review note is shown')
  assert.ok(texts[10].includes(c.decision_no), 'the decision step shows the number')
  assert.ok(texts.slice(5).every((t) => t.includes(`办理日期：${HEARING_ON}`)), 'every later step is dated the day of the hearing')
  await waitForExactText(page, tid('case-hearing-on'), HEARING_ON, 'the hearing date stays shown')

  setStep('list-body')
  await openMenu(page, 'cases', '/cases')
  await page.locator(tid('case-table')).waitFor({ state: 'visible' })
  const all = await (await page.request.get(`${BASE_URL}/api/cases?page=1&page_size=1`)).json()
  const orgId = c.org_id
  await pickRemote(page, 'case-search-body', BODY_CODE, `case-search-body-option-${BODY_CODE}`, BODY_NAME)
  const byBody = await searchMatchesApi(page, { org_id: orgId, officer_id: '' }, '执法主体')
  assert.ok(byBody.total < all.total, `the body narrows the list (${byBody.total} of ${all.total})`)
  assert.ok(byBody.items.every((i) => i.org_id === orgId), 'only the body\'s cases')

  setStep('list-officer')
  const officer = c.officers[0]
  await pickRemote(page, 'case-search-officer', officer.name, `case-search-officer-option-${officer.id}`, officer.name)
  const byBoth = await searchMatchesApi(page, { org_id: orgId, officer_id: officer.id }, '执法主体 + 承办人员')
  assert.ok(byBoth.total <= byBody.total, `the officer narrows it further (${byBoth.total} of ${byBody.total})`)
  assert.equal(byBoth.items[0]?.id, id, 'the case just archived is the officer\'s newest')
  // Without the body: the officer's cases wherever they are.
  await page.locator(`.el-select${tid('case-search-body')}`).hover()
  await page.locator(`.el-select${tid('case-search-body')} .el-select__clear`).click()
  await waitForText(page, `.el-select${tid('case-search-officer')}`, (t) => t.includes(officer.name), 'the officer stays picked')
  const byOfficer = await searchMatchesApi(page, { org_id: '', officer_id: officer.id }, '承办人员')
  assert.ok(byOfficer.total < all.total, `the officer narrows the list (${byOfficer.total} of ${all.total})`)
  await page.locator(tid('case-search-reset')).click()

  setStep('list')
  await inputOf(page, 'case-search-q').fill(party)
  await page.locator(tid('case-search-submit')).click()
  const row = page.locator(`${tid('case-row')}[data-case-id="${id}"]`)
  await row.waitFor({ state: 'visible' })
  await waitForExactText(page, tid(`case-state-${id}`), '已归档', 'the list shows the state')
  await row.click()
  await page.waitForURL((url) => url.pathname === `/cases/${id}`)
  await waitForExactText(page, tid('case-state'), '已归档', 'the row opens the case')
})

adminTest('案件办理: a simplified-procedure fine of 201 yuan on the spot is refused with the reason and the article', {
  name: 'cases-simplified',
  allowFailures: (f) => f.startsWith('422 POST') && ACTION_PATH.test(f),
}, async ({ page, suffix, setStep }) => {
  setStep('register')
  await registerLead(page, { party: `张某${suffix.slice(-4)}`, partyType: 'person', procedure: 'simplified', summary: '当场发现占道经营（E2E）' })

  setStep('decide-on-spot')
  const r = await act(page, 'decide_on_spot', fine(201))
  assert.equal(r.status, 422, JSON.stringify(r.body))
  assert.equal(r.body.code, 'case.simplified_fine')
  const shown = await waitForText(page, tid('case-action-error'), (t) => t.length > 0, 'the refusal is shown in the dialog')
  assert.ok(shown.includes('201 元'), `the reason names the amount: ${shown}`)
  assert.ok(shown.includes('第五十一条'), `the reason cites the article: ${shown}`)
  assert.equal(shown, r.body.message_zh, 'the server\'s message, as is')
  await page.locator(tid('case-action-dialog')).locator('.el-dialog__headerbtn').click()
  await waitForExactText(page, tid('case-state'), '线索登记', 'nothing changed')
  assert.equal(await page.locator(tid('case-step')).count(), 1, 'only the registration is recorded')
})
