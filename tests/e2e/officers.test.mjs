// End-to-end: 执法人员 against a running `zhifa serve` with the demo data loaded.
//
// The administrator registers an officer in 永济市乡村振兴局 (first with a mistyped ID number, which
// the server marks on the ID field), applies for a market-supervision certificate, records the passed
// exam and issues it. Asked whether the officer may act in 市场监管 today, the console says no: the body
// is newly set up and the demo leaves its confirmation for this year pending. Once the body is
// confirmed (POST /api/body-confirmations, made from the page with the session's CSRF token), the answer
// is 持有有效执法证.
//
// Needs fresh demo data: the year's confirmation of the body that this test makes cannot be undone, and
// a second run would find the body already confirmed.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/
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

const BODY_NAME = '永济市乡村振兴局'
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** GB 11643 check character of the first 17 digits. */
function idCheckDigit(first17) {
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * ID_WEIGHTS[i], 0)
  return ID_CHECK[sum % 11]
}

/** A synthetic but well-formed ID number: 永济市 region, born 1990-01-01, random sequence. */
function syntheticIdNumber() {
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0')
  const first17 = `14088119900101${seq}`
  return first17 + idCheckDigit(first17)
}

/** The same number with a wrong check character. */
function withWrongCheckDigit(id) {
  const right = ID_CHECK.indexOf(id[17])
  return id.slice(0, 17) + ID_CHECK[(right + 1) % ID_CHECK.length]
}

/** Today in Asia/Shanghai (the server's dates are Chinese calendar days) as YYYY-MM-DD. */
function todayInShanghai() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  )
}

/** Picks an option of an el-select (multiple): open it, click the option, close it by clicking `closeOn`. */
async function pickOption(page, selectId, optionId, closeOn) {
  await page.locator(`.el-select${tid(selectId)}`).click()
  const option = page.locator(tid(optionId))
  await option.waitFor({ state: 'visible' })
  await option.click()
  await closeOn.click() // not Escape: that would close the dialog
}

/** Types a date into an el-date-picker and confirms it with Enter. */
async function fillDate(page, id, day) {
  const input = inputOf(page, id)
  await input.click()
  await input.fill(day)
  await input.press('Enter')
}

async function clickAndWaitClosed(page, buttonId, dialogId) {
  await page.locator(tid(buttonId)).click()
  await page.locator(tid(dialogId)).waitFor({ state: 'hidden' })
}

test('officers: register, certificate from application to issue, eligibility before and after body confirmation', { timeout: 180_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()

  let step = 'start'
  const suffix = uniqueSuffix()
  const officerName = `测试执法员${suffix.slice(-5)}`
  const idNumber = syntheticIdNumber()
  const certNumber = `E2E-SCJG-${suffix}`
  const today = todayInShanghai()
  const year = Number(today.slice(0, 4))
  const validFrom = `${year}-01-01`
  const validUntil = `${year + 3}-12-31`

  try {
    step = 'sign-in'
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'open-page'
    await openMenu(page, 'officers', '/people/officers')
    await page.locator(tid('officer-table')).waitFor({ state: 'visible' })

    step = 'register-form'
    await page.locator(tid('officer-create')).click()
    const dialog = page.locator(tid('officer-dialog'))
    await dialog.waitFor({ state: 'visible' })
    await inputOf(page, 'officer-name').fill(officerName)
    await inputOf(page, 'officer-id-number').fill(withWrongCheckDigit(idNumber))
    // 所属执法主体: type to filter the tree-select (only bodies can be picked), then pick the market team.
    await page.locator(`.el-select${tid('officer-org')}`).click()
    await page.keyboard.type('永济市乡村')
    await page
      .locator('.officer-org-select-popper .el-tree-node__content')
      .filter({ hasText: new RegExp(`^\\s*${BODY_NAME}\\s*$`) })
      .first()
      .click()
    await inputOf(page, 'officer-post').fill('执法队员')
    await pickOption(page, 'officer-fields', 'officer-field-option-market', dialog.locator('.el-dialog__title'))

    step = 'register-wrong-check-digit'
    await page.locator(tid('officer-submit')).click()
    const idError = await waitForText(
      page,
      `${tid('officer-id-number-item')} .el-form-item__error`,
      (t) => t.includes('校验位'),
      'the ID field shows the server error',
    )
    assert.match(idError, /身份证/, `the error names the ID number (got ${JSON.stringify(idError)})`)
    assert.ok(await dialog.isVisible(), 'the dialog stays open')

    step = 'register'
    await inputOf(page, 'officer-id-number').fill(idNumber)
    await clickAndWaitClosed(page, 'officer-submit', 'officer-dialog')
    // the new officer opens in the drawer; close it and find the officer in the list instead
    const drawer = page.locator('.officer-drawer')
    await drawer.waitFor({ state: 'visible' })
    await drawer.locator('.el-drawer__close-btn').click()
    await drawer.waitFor({ state: 'hidden' })

    step = 'find-officer'
    await inputOf(page, 'officer-search-q').fill(officerName)
    await page.locator(tid('officer-search')).click()
    const row = page.locator(`${tid('officer-table')} .el-table__body tr`).filter({ hasText: officerName })
    await row.first().waitFor({ state: 'visible' })
    const rowText = await row.first().textContent()
    assert.match(rowText, new RegExp(BODY_NAME), 'the officer belongs to the body picked')
    assert.match(rowText, /市场监管/, 'the officer works in 市场监管')
    assert.ok(rowText.includes(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`), `the ID number is masked (row: ${rowText})`)
    assert.ok(!rowText.includes(idNumber), 'the full ID number is not in the list')
    await row.first().locator('td').nth(1).click() // the row itself, not the name link
    await drawer.waitFor({ state: 'visible' })
    await waitForText(page, '.officer-drawer .el-drawer__title', (t) => t.includes(officerName), 'drawer title')

    step = 'apply-certificate'
    await page.locator(tid('cert-apply')).click()
    await page.locator(tid('cert-apply-dialog')).waitFor({ state: 'visible' })
    const preset = await page.locator(`${tid('cert-apply-dialog')} .el-select__selection`).textContent()
    if (!preset.includes('市场监管')) {
      await pickOption(page, 'cert-apply-fields', 'cert-apply-field-option-market', page.locator(`${tid('cert-apply-dialog')} .el-dialog__title`))
    }
    await clickAndWaitClosed(page, 'cert-apply-submit', 'cert-apply-dialog')
    await waitForExactText(page, tid('cert-state'), '已申请', 'state after applying')

    step = 'pass-exam'
    await page.locator(tid('cert-event-pass_exam')).click()
    await page.locator(tid('cert-event-dialog')).waitFor({ state: 'visible' })
    await clickAndWaitClosed(page, 'cert-event-submit', 'cert-event-dialog')
    await waitForExactText(page, tid('cert-state'), '考试合格', 'state after the exam')

    step = 'issue'
    await page.locator(tid('cert-event-issue')).click()
    await page.locator(tid('cert-event-dialog')).waitFor({ state: 'visible' })
    await inputOf(page, 'cert-event-number').fill(certNumber)
    await fillDate(page, 'cert-event-valid-from', validFrom)
    await fillDate(page, 'cert-event-valid-until', validUntil)
    await page.locator(`${tid('cert-event-dialog')} .el-dialog__title`).click() // close any date panel
    await clickAndWaitClosed(page, 'cert-event-submit', 'cert-event-dialog')
    await waitForExactText(page, tid('cert-state'), '有效', 'state after issuing')
    await waitForExactText(page, tid('cert-number'), certNumber, 'certificate number')
    const timeline = await page.locator('.officer-drawer .el-timeline').first().textContent()
    for (const what of ['申领', '考试合格', '发证']) assert.ok(timeline.includes(what), `the history shows ${what} (got ${timeline})`)

    step = 'eligibility-unconfirmed'
    const eligibilityDate = await inputOf(page, 'eligibility-date').inputValue()
    assert.equal(eligibilityDate, today, 'the eligibility check asks about today')
    await page.locator(tid('eligibility-query')).click()
    const refused = await waitForText(page, tid('eligibility-result'), (t) => t.includes('主体资格'), 'eligibility before confirmation')
    assert.match(refused, /未经本年度主体资格确认/, `the answer names the missing confirmation (got ${refused})`)
    assert.equal(await page.locator(`${tid('eligibility-result')} .el-tag--danger`).count(), 1, 'the answer is shown in red')

    step = 'confirm-body'
    const confirmed = await page.evaluate(
      async ({ bodyName, year }) => {
        const me = await fetch('/api/auth/me', { credentials: 'same-origin' }).then((r) => r.json())
        const tree = await fetch('/api/orgs/tree', { credentials: 'same-origin' }).then((r) => r.json())
        const stack = [...tree]
        let body = null
        while (stack.length && !body) {
          const n = stack.pop()
          if (n.name === bodyName && n.kind === 'body') body = n
          stack.push(...(n.children ?? []))
        }
        if (!body) return { status: 0, text: `no body named ${bodyName}` }
        const res = await fetch('/api/body-confirmations', {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify({ year, org_ids: [body.id] }),
        })
        return { status: res.status, text: await res.text() }
      },
      { bodyName: BODY_NAME, year },
    )
    assert.ok(confirmed.status >= 200 && confirmed.status < 300, `the body is confirmed for ${year}: ${confirmed.status} ${confirmed.text}`)

    step = 'eligibility-confirmed'
    await page.locator(tid('eligibility-query')).click()
    const granted = await waitForText(page, tid('eligibility-result'), (t) => t.includes('持有有效执法证'), 'eligibility after confirmation')
    assert.ok(granted.includes(certNumber), `the answer names the certificate (got ${granted})`)
    assert.equal(await page.locator(`${tid('eligibility-result')} .el-tag--success`).count(), 1, 'the answer is shown in green')

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'officers', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
