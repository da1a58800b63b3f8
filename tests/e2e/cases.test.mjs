// End-to-end: 案件办理 (penalty cases) against a running `zhifa serve` with the demo data loaded.
//
// As the administrator (who holds every case role), through the pages only: 登记线索 for the city market
// team (140800-ZF-SCJG) with the first two officers offered for 市场监管, then every step from the case
// page, each dated 2026-06-15 (its deadlines stay inside the official calendar): 立案, 告知 a fine of
// 120,000 yuan (a hearing right), 登记听证申请, 提交法制审核, 退回补正 with a note, 告知 again, 提交审核,
// 审核通过, 决定 100,000 yuan, 送达, 缴款, 结案, 归档. The page then reads 已归档, offers no step, and the
// timeline lists every step with its ledger number. Second: a simplified-procedure lead fined 201 yuan
// on the spot is refused with the server's reason (201 元, 第五十一条) and stays a lead.
//
// Adds two cases per run; other e2e files do not depend on them.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/cases.test.mjs
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  annotateFailure,
  inputOf,
  launch,
  openMenu,
  signIn,
  tid,
  uniqueSuffix,
  waitForExactText,
  waitForText,
} from './helpers.mjs'

const BODY_CODE = '140800-ZF-SCJG'
const BODY_NAME = '运城市市场监督管理综合行政执法队'
const ON = '2026-06-15'

/** Types a date into an el-date-picker (test id on the input or its wrapper) and confirms it with Enter. */
async function fillDate(page, id, day) {
  const input = inputOf(page, id)
  await input.click()
  await input.fill(day)
  await input.press('Enter')
}

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

/**
 * One step from the case page: its button, 办理日期, what `fill` enters, 确定. Answers the response of
 * POST /api/cases/{id}/actions; the dialog closes when it is 200.
 */
async function act(page, action, fill = async () => {}) {
  await page.locator(tid(`case-action-${action}`)).click()
  const dialog = page.locator(tid('case-action-dialog'))
  await dialog.waitFor({ state: 'visible' })
  await fillDate(page, 'case-action-on', ON)
  await dialog.locator('.el-dialog__title').click()
  await fill(dialog)
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/cases\/\d+\/actions$/.test(new URL(r.url()).pathname))
  await page.locator(tid('case-action-submit')).click()
  const res = await answered
  const body = await res.json().catch(() => ({}))
  if (res.status() === 200) {
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(body.steps.at(-1).action, action, `${action} is the last step`)
  }
  return { status: res.status(), body }
}

async function ok(page, action, fill) {
  const r = await act(page, action, fill)
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`)
  return r.body
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

test('案件办理: a general case from lead to archive through the pages, with a hearing and a review sent back', { timeout: 240_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let step = 'sign-in'
  const suffix = uniqueSuffix()
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'register'
    const party = `某某超市${suffix}`
    const id = await registerLead(page, { party, partyType: 'organisation', procedure: 'general', summary: `群众举报销售过期食品（E2E ${suffix}）` })

    step = 'file'
    let c = await ok(page, 'file')
    await waitForExactText(page, tid('case-state'), '调查取证', 'filed')
    await waitForExactText(page, tid('case-decision-due'), c.decision_due, 'the decision deadline is shown')
    assert.ok(c.decision_due > ON, c.decision_due)

    step = 'notify'
    c = await ok(page, 'notify', fine(120000))
    assert.equal(c.steps.at(-1).data.penalty.fine_fen, 12_000_000, 'the fine is sent in fen')
    assert.equal(c.steps.at(-1).data.hearing_right, true, 'a fine of 120,000 yuan carries a hearing right')
    await waitForExactText(page, tid('case-state'), '已告知(陈述申辩期)', 'noticed')

    step = 'hearing'
    await ok(page, 'request_hearing')
    await waitForExactText(page, tid('case-state'), '听证', 'hearing')

    step = 'submit-review'
    await ok(page, 'submit_review')
    await waitForExactText(page, tid('case-state'), '法制审核', 'reviewing')

    step = 'review-correct'
    const note = `补充进货查验记录（${suffix}）`
    c = await ok(page, 'review_correct', reviewer(note))
    assert.equal(c.steps.at(-1).note, note)
    await waitForExactText(page, tid('case-state'), '调查取证', 'sent back to investigation')

    step = 'notify-again'
    await ok(page, 'notify', fine(120000))
    step = 'submit-review-again'
    await ok(page, 'submit_review')
    step = 'review-agree'
    await ok(page, 'review_agree', reviewer())
    await waitForExactText(page, tid('case-state'), '待决定', 'pending the decision')

    step = 'decide'
    c = await ok(page, 'decide', fine(100000))
    assert.equal(c.penalty.fine_fen, 10_000_000)
    assert.match(c.decision_no, /罚〔2026〕\d+号$/)
    await waitForExactText(page, tid('case-decision-no'), c.decision_no, 'the decision number is shown')
    await waitForExactText(page, tid('case-service-due'), c.service_due, 'the service deadline is shown')

    step = 'serve'
    c = await ok(page, 'serve', async (dialog) => {
      await dialog.locator(tid('case-serve-in_person')).click()
    })
    await waitForExactText(page, tid('case-payment-due'), c.payment_due, 'the payment deadline is shown')

    step = 'pay-close-archive'
    await ok(page, 'record_payment')
    await ok(page, 'close')
    c = await ok(page, 'archive')

    step = 'archived'
    await waitForExactText(page, tid('case-state'), '已归档', 'archived')
    await page.locator(tid('case-no-actions')).waitFor({ state: 'visible' })
    assert.equal(await page.locator(`${tid('case-actions')} button`).count(), 0, 'no step is offered any more')
    const expected = ['register', 'file', 'notify', 'request_hearing', 'submit_review', 'review_correct', 'notify',
      'submit_review', 'review_agree', 'decide', 'serve', 'record_payment', 'close', 'archive']
    const shown = await page.locator(tid('case-step')).evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
    assert.deepEqual(shown, expected, 'the timeline lists every step in order')
    const texts = await page.locator(tid('case-step')).allTextContents()
    assert.ok(texts.every((t) => /账本 #\d+/.test(t)), 'every step shows its ledger number')
    assert.ok(texts[5].includes(note), 'the review note is shown')
    assert.ok(texts[9].includes(c.decision_no), 'the decision step shows the number')

    step = 'list'
    await openMenu(page, 'cases', '/cases')
    await inputOf(page, 'case-search-q').fill(party)
    await page.locator(tid('case-search-submit')).click()
    const row = page.locator(`${tid('case-row')}[data-case-id="${id}"]`)
    await row.waitFor({ state: 'visible' })
    await waitForExactText(page, tid(`case-state-${id}`), '已归档', 'the list shows the state')
    await row.click()
    await page.waitForURL((url) => url.pathname === `/cases/${id}`)
    await waitForExactText(page, tid('case-state'), '已归档', 'the row opens the case')

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
    assert.deepEqual(apiFailures, [], 'no failed API calls in the console')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'cases', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})

test('案件办理: a simplified-procedure fine of 201 yuan on the spot is refused with the reason and the article', { timeout: 120_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let step = 'sign-in'
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'register'
    await registerLead(page, { party: `张某${uniqueSuffix().slice(-4)}`, partyType: 'person', procedure: 'simplified', summary: '当场发现占道经营（E2E）' })

    step = 'decide-on-spot'
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

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
    const unexpected = apiFailures.filter((f) => !(f.startsWith('422 POST') && /\/api\/cases\/\d+\/actions$/.test(f)))
    assert.deepEqual(unexpected, [], 'no other failed API calls')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'cases-simplified', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
