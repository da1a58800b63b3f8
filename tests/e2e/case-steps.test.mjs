// End-to-end: the second slice of 案件办理 — 办案规则设置 (/cases/rules), extending the decision deadline,
// transferring a case to the police with the materials of 《行政执法机关移送涉嫌犯罪案件的规定》第六条, and a
// step's inclusion proof in the ledger — against a running `zhifa serve` with the demo data loaded.
//
// As the administrator (who holds every case role). (a) The settings page shows what GET
// /api/settings/case-rules answers; the market field's extension is set to 30 days with a basis through
// the page, saved after the confirmation, and GET reflects it. (b) A case of the city market team
// (140800-ZF-SCJG), filed through the API on 2026-06-15, asks from its page for 20 more days with a reason
// (the page shows the pending request), the same administrator approves, and the decision deadline shown
// is the one GET answers: 20 days later (and any holiday after it), "已延长 20 日". (c) Another such case
// transferred to the police without the inspection report is refused with the server's reason (第六条)
// and stays 调查取证; with every material it is 已移送 and the page shows the receiver and materials.
// (d) A timeline step's "账本 #seq" opens the proof dialog; its root hash, leaf hash and path are what
// the API answers for the same event and tree size.
//
// The settings are shared by every test on the server: each test that changes them puts back what it
// found (through the API, when the test ends, pass or fail). Adds three cases per run; other e2e files do
// not depend on them.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/case-steps.test.mjs
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import assert from 'node:assert/strict'
import { TIMEOUT_MS, adminTest, inputOf, openMenu, tid, waitForExactText, waitForText } from './helpers.mjs'
import { ACTION_PATH, act, actOk, addDays, closeStep, filedCase, marketTeam, openCase } from './case_setup.mjs'

const RULES_PATH = '/api/settings/case-rules'
const PENALTY_KINDS = ['warning', 'fine', 'confiscation', 'suspend_licence', 'lower_qualification', 'revoke_licence',
  'restrict_activity', 'order_closure', 'restrict_practice', 'detention', 'other']
const HEARING_KEYS = ['person_fine_fen', 'organisation_fine_fen', 'person_confiscation_fen', 'organisation_confiscation_fen']
const MATERIALS = {
  transfer_letter: '涉嫌犯罪案件移送书',
  investigation_report: '涉嫌犯罪案件情况的调查报告',
  item_list: '涉案物品清单',
  inspection_report: '有关检验报告或者鉴定结论',
}
const RECEIVER = '运城市公安局盐湖分局'

const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)

// ---- the settings, and putting them back ----

/** The three parts PUT takes, as GET answered them. */
const settingsBody = (s) => ({ hearing: s.hearing, review: s.review, extensions: s.extensions })

/** Puts back `original` (unless nothing changed since); a failure to do so fails the test. */
async function restoreSettings(api, original) {
  if (!original) return
  const r = await api.put(RULES_PATH, settingsBody(original))
  assert.ok(r.status === 200 || (r.status === 400 && r.body?.code === 'case_settings.unchanged'), `restore the settings: ${r.text}`)
  const now = await api.get(RULES_PATH)
  assert.deepEqual(settingsBody(now), settingsBody(original), 'the settings are as they were')
}

/** Ticks or unticks an el-checkbox (test id on its label). */
async function setChecked(page, id, on) {
  const box = page.locator(tid(id))
  if ((await box.locator('input').isChecked()) !== on) await box.click()
}

const inputNumber = async (page, id) => Number(await inputOf(page, id).inputValue())

adminTest('办案规则设置: the page shows the settings and saves a field\'s extension', { name: 'case-steps-rules' }, async ({ page, api, suffix, setStep, defer }) => {
  const basis = `《市场监督管理行政处罚程序规定》第六十四条（E2E ${suffix}）`
  const original = await api.get(RULES_PATH)
  defer(() => restoreSettings(api, original))

  setStep('shown')
  await openMenu(page, 'case-rules', '/cases/rules')
  await page.locator(tid('rules-ext-table')).waitFor({ state: 'visible' })
  const deadline = Date.now() + TIMEOUT_MS
  while ((await inputNumber(page, 'rules-hearing-person_fine_fen')) !== original.hearing.person_fine_fen / 100 && Date.now() < deadline) {
    await page.waitForTimeout(200)
  }
  for (const key of HEARING_KEYS) {
    assert.equal(await inputNumber(page, `rules-hearing-${key}`), original.hearing[key] / 100, `听证标准 ${key} in yuan`)
  }
  assert.equal(await inputNumber(page, 'rules-review-fine'), original.review.fine_fen / 100, '法制审核: the amount in yuan')
  for (const k of PENALTY_KINDS) {
    assert.equal(await page.locator(tid(`rules-review-kind-${k}`)).locator('input').isChecked(), original.review.kinds.includes(k), `法制审核: ${k}`)
  }
  const fields = Object.keys(original.extensions)
  assert.equal(await page.locator(`${tid('rules-ext-table')} .el-table__body tr`).count(), fields.length, 'one row per field with an extension')
  for (const [i, f] of fields.entries()) {
    assert.equal(await inputNumber(page, `rules-ext-days-${i}`), original.extensions[f].days, `${f}: days`)
    assert.equal(await inputOf(page, `rules-ext-basis-${i}`).inputValue(), original.extensions[f].basis, `${f}: basis`)
  }
  if (original.updated_at) {
    await waitForText(page, tid('rules-updated'), (t) => t.startsWith('最后修改') && t.includes(original.updated_by ?? ''), '最后修改')
  }

  setStep('edit')
  let row = fields.indexOf('market')
  if (row < 0) {
    row = fields.length
    await page.locator(tid('rules-ext-add')).click()
    await page.locator(`.el-select${tid(`rules-ext-field-${row}`)}`).click()
    const option = page.locator(`.el-select-dropdown:visible ${tid('rules-ext-field-option-market')}`)
    await option.waitFor({ state: 'visible' })
    await option.click()
    await waitForText(page, `.el-select${tid(`rules-ext-field-${row}`)}`, (t) => t.includes('市场监管'), 'the market field is picked')
  }
  const days = inputOf(page, `rules-ext-days-${row}`)
  await days.fill('30')
  await days.press('Tab')
  await inputOf(page, `rules-ext-basis-${row}`).fill(basis)

  setStep('save')
  await page.locator(tid('rules-save')).click()
  const box = page.locator('.el-message-box')
  await box.waitFor({ state: 'visible' })
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === RULES_PATH)
  await box.locator('.el-button--primary').click()
  const res = await saved
  assert.equal(res.status(), 200, `saved: ${await res.text().catch(() => '')}`)

  setStep('saved')
  const now = await api.get(RULES_PATH)
  assert.deepEqual(now.extensions.market, { days: 30, basis }, 'GET answers the new extension')
  assert.deepEqual(now.hearing, original.hearing, 'the hearing thresholds are unchanged')
  assert.deepEqual(now.review, original.review, 'the review settings are unchanged')
  for (const f of fields) if (f !== 'market') assert.deepEqual(now.extensions[f], original.extensions[f], `${f} is unchanged`)
  await waitForText(page, tid('rules-updated'), (t) => t.startsWith('最后修改') && t.includes(now.updated_by), '最后修改 names who saved')
})

adminTest('案件办理: an extension of the decision deadline asked for and approved from the case page', {
  name: 'case-steps-extension',
  timeout: 180_000,
}, async ({ page, api, suffix, setStep, defer }) => {
  setStep('settings')
  // The market field must allow 20 more days (as the test above sets it; put back when the test ends).
  const original = await api.get(RULES_PATH)
  if ((original.extensions.market?.days ?? 0) < 20) {
    defer(() => restoreSettings(api, original))
    const set = await api.put(RULES_PATH, {
      ...settingsBody(original),
      extensions: { ...original.extensions, market: { days: 30, basis: `《市场监督管理行政处罚程序规定》第六十四条（E2E ${suffix}）` } },
    })
    assert.equal(set.status, 200, set.text)
  }

  setStep('case')
  const team = await marketTeam(api)
  const c = await filedCase(api, team, `某某食品店${suffix}`, `群众举报销售过期食品（E2E 延长期限 ${suffix}）`)
  const oldDue = c.decision_due
  assert.ok(oldDue, 'a filed case has a decision deadline')
  await openCase(page, c)
  await waitForExactText(page, tid('case-decision-due'), oldDue, 'the deadline before')
  assert.equal(await page.locator(tid('case-extension-days')).count(), 0, 'not extended yet')

  setStep('request')
  const reason = `案情复杂，需补充检验鉴定（${suffix}）`
  let r = await actOk(page, 'request_extension', async (dialog) => {
    const days = inputOf(dialog.page(), 'case-ext-days')
    await days.fill('20')
    await days.press('Tab')
    await inputOf(dialog.page(), 'case-note').fill(reason)
  })
  assert.deepEqual({ days: r.extension_request?.days, reason: r.extension_request?.reason }, { days: 20, reason })
  assert.equal(r.decision_due, oldDue, 'a request alone does not move the deadline')
  const pending = await waitForText(page, tid('case-extension-request'), (t) => t.includes('延期申请待批准'), 'the pending request is shown')
  assert.ok(pending.includes('20 日') && pending.includes(reason), pending)
  await page.locator(tid('case-action-approve_extension')).waitFor({ state: 'visible' })

  setStep('approve')
  r = await actOk(page, 'approve_extension')
  const now = await api.get(`/api/cases/${c.id}`)
  assert.equal(now.extension_days, 20, 'GET: 20 days extended')
  assert.equal(now.extension_request, null, 'GET: no request pending')
  assert.equal(r.decision_due, now.decision_due)
  await waitForExactText(page, tid('case-decision-due'), now.decision_due, 'the page shows the deadline GET answers')
  await waitForExactText(page, tid('case-extension-days'), '已延长 20 日', 'the days extended')
  assert.equal(await page.locator(tid('case-extension-request')).count(), 0, 'the request is no longer pending')
  // 90 days from filing, then 20 more (a last day on a holiday moves to the next working day).
  const raw = addDays(c.filed_on, 110)
  assert.ok(now.decision_due >= raw && daysBetween(raw, now.decision_due) <= 10, `due ${now.decision_due}, ${raw} + holidays`)
  assert.ok(daysBetween(oldDue, now.decision_due) >= 20 - 3, `moved from ${oldDue} to ${now.decision_due}`)
  if (oldDue === addDays(c.filed_on, 90) && now.decision_due === raw) assert.equal(daysBetween(oldDue, now.decision_due), 20)
  const texts = await page.locator(tid('case-step')).allTextContents()
  assert.ok(texts.at(-1).includes(`作出决定期限：${now.decision_due}`), texts.at(-1))
})

adminTest('案件办理: a transfer to the police needs the materials of 第六条; with them the case is 已移送', {
  name: 'case-steps-transfer',
  timeout: 180_000,
  allowFailures: (f) => f.startsWith('422 POST') && ACTION_PATH.test(f),
}, async ({ page, api, suffix, setStep }) => {
  setStep('case')
  const team = await marketTeam(api)
  const c = await filedCase(api, team, `某某药房${suffix}`, `涉嫌销售假药（E2E 移送 ${suffix}）`)
  await openCase(page, c)
  await waitForExactText(page, tid('case-state'), '调查取证', 'filed')

  const transferForm = (materials) => async (dialog) => {
    const p = dialog.page()
    await p.locator(tid('case-transfer-kind-police')).click()
    await inputOf(p, 'case-transfer-receiver-input').fill(RECEIVER)
    for (const m of Object.keys(MATERIALS)) await setChecked(p, `case-transfer-material-${m}`, materials.includes(m))
    await inputOf(p, 'case-note').fill(`涉嫌生产、销售假药罪（${suffix}）`)
  }

  setStep('refused')
  const r = await act(page, 'transfer', transferForm(['transfer_letter', 'investigation_report', 'item_list']))
  assert.equal(r.status, 422, JSON.stringify(r.body))
  assert.equal(r.body.code, 'case.transfer_materials')
  const shown = await waitForText(page, tid('case-action-error'), (t) => t.length > 0, 'the refusal is shown in the dialog')
  assert.equal(shown, r.body.message_zh, 'the server\'s message, as is')
  assert.ok(shown.includes('第六条') && shown.includes(MATERIALS.inspection_report), shown)
  await closeStep(page)
  await waitForExactText(page, tid('case-state'), '调查取证', 'nothing changed on the page')
  const still = await api.get(`/api/cases/${c.id}`)
  assert.equal(still.state, 'investigating', 'nothing changed on the server')
  assert.equal(still.version, c.version)
  assert.equal(still.transfer, null)

  setStep('transferred')
  const done = await actOk(page, 'transfer', transferForm(Object.keys(MATERIALS)))
  assert.equal(done.state, 'transferred')
  assert.deepEqual(done.transfer, {
    receiver_kind: 'police',
    receiver: RECEIVER,
    materials: Object.keys(MATERIALS).sort(),
    no_items: false,
    no_inspection: false,
  })
  await waitForExactText(page, tid('case-state'), '已移送', 'transferred')
  await waitForExactText(page, tid('case-transfer-receiver'), RECEIVER, 'the receiver is shown')
  const materials = await page.locator(tid('case-transfer-materials')).textContent()
  for (const label of Object.values(MATERIALS)) assert.ok(materials.includes(label), `${label} in ${materials}`)
})

adminTest('案件办理: a step\'s 账本 # opens its inclusion proof, as the API answers it', {
  name: 'case-steps-proof',
}, async ({ page, api, suffix, setStep }) => {
  setStep('case')
  const team = await marketTeam(api)
  const c = await filedCase(api, team, `某某餐馆${suffix}`, `无证经营（E2E 账本证明 ${suffix}）`)
  await openCase(page, c)
  const fileStep = c.steps.at(-1)
  assert.equal(fileStep.action, 'file')

  setStep('open')
  const link = page.locator(`${tid('case-step-ledger')}[data-seq="${fileStep.ledger_seq}"]`)
  await waitForExactText(page, `${tid('case-step-ledger')}[data-seq="${fileStep.ledger_seq}"]`, `账本 #${fileStep.ledger_seq}`, 'the step shows its ledger number')
  const proved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/ledger/proof/inclusion', { timeout: 30_000 })
  await link.click()
  const dialog = page.locator(tid('ledger-proof-dialog'))
  await dialog.waitFor({ state: 'visible' })
  await waitForText(page, tid('ledger-proof-explain'), (t) => t.includes('篡改任何一步都会使根哈希不一致'), 'the dialog says what the proof means')
  const res = await proved
  assert.equal(res.status(), 200, await res.text().catch(() => ''))
  const asked = new URL(res.url()).searchParams
  assert.equal(asked.get('seq'), String(fileStep.ledger_seq), 'the proof of the step\'s event')

  setStep('compare')
  const size = (await res.json()).size
  const want = await api.get(`/api/ledger/proof/inclusion?seq=${fileStep.ledger_seq}&size=${size}`)
  const root = await waitForText(page, tid('ledger-proof-root'), (t) => /^[0-9a-f]{64}$/i.test(t), 'the root hash')
  assert.equal(root, want.root, 'the root hash is the API\'s')
  await waitForExactText(page, tid('ledger-proof-seq'), String(fileStep.ledger_seq), '事件序号')
  await waitForExactText(page, tid('ledger-proof-size'), String(want.size), '树大小')
  await waitForExactText(page, tid('ledger-proof-leaf'), want.leaf_hash, '叶子哈希')
  const path = await page.locator(`${tid('ledger-proof-path')} li`).allTextContents()
  assert.deepEqual(path.map((h) => h.trim()), want.path, '审计路径')
  await waitForText(page, tid('ledger-proof-verified'), (t) => t.includes('一致') && !t.includes('不一致'), 'the browser re-computes the same root')
})
