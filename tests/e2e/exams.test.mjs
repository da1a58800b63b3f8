// End-to-end: run an exam session (考试管理) in the browser against a running `zhifa serve` with the demo
// data loaded.
//
// The administrator creates a session for today (pass mark 60), adds two officers whose certificate is
// `applied` (picked in the 添加考生 dialog), downloads the score sheet (an .xlsx naming both tickets), then
// imports scores: first a sheet with a score of 101 and an unknown ticket, which is refused row by row
// with nothing imported; then the filled-in sheet (85 and 59.5), which gives one 合格 and one 不合格.
// 批量发证 issues one certificate. In a new, signed-out browser context the public portal
// (/portal/officers) finds the passed officer by the certificate number, with no ID number anywhere,
// and does not find the failed one.
//
// Tolerates other e2e files on the same server (unique session name, officers picked at random among
// those still `applied` and not yet listed in the portal). The demo allows two sessions per organiser and
// year, so this file can run at most twice against one server.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { makeXlsx, readXlsx } from '../api/xlsx.mjs'
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  BASE_URL,
  TIMEOUT_MS,
  annotateFailure,
  fillDate,
  inputOf,
  launch,
  openMenu,
  signIn,
  tid,
  uniqueSuffix,
  waitForExactText,
  waitForText,
} from './helpers.mjs'

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const SHEET_HEAD = ['准考证号', '姓名', '执法主体', '成绩']
const PASS_SCORE = 85
const FAIL_SCORE = 59.5

/** Today in Asia/Shanghai (the server's dates are Chinese calendar days) as YYYY-MM-DD. */
function todayInShanghai() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  )
}

/**
 * Two officers with a certificate in `applied`, chosen at random (so that a second run on the same server
 * picks others), each the only officer of that name, not yet in the public portal and working for a body
 * confirmed this year: then the portal search by name proves something. Runs in the page, with the
 * admin's session.
 */
async function pickApplicants(page) {
  return page.evaluate(async () => {
    const get = async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' })
      if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)
      return res.json()
    }
    const applied = []
    for (let p = 1; ; p++) {
      const r = await get(`/api/officers?cert_state=applied&page=${p}&page_size=200`)
      applied.push(...r.items)
      if (r.items.length === 0 || applied.length >= r.total) break
    }
    for (let i = applied.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1))
      ;[applied[i], applied[j]] = [applied[j], applied[i]]
    }
    const picked = []
    for (const o of applied.slice(0, 40)) {
      if (picked.some((x) => x.name === o.name)) continue
      const q = encodeURIComponent(o.name)
      const same = (await get(`/api/officers?q=${q}&page_size=50`)).items.filter((x) => x.name === o.name)
      if (same.length !== 1) continue
      const published = (await get(`/public/api/officers?q=${q}&page_size=50`)).items.filter((x) => x.name === o.name)
      if (published.length !== 0) continue
      // the portal lists only officers of a body confirmed this year (the demo leaves some unconfirmed)
      const body = (await get(`/api/bodies?q=${encodeURIComponent(o.org_name)}&page_size=50`)).items.find((b) => b.org_id === o.org_id)
      if (!body?.confirmed || body.status !== 'active') continue
      picked.push({ id: o.id, name: o.name, org_name: o.org_name, id_number_masked: o.id_number_masked })
      if (picked.length === 2) break
    }
    return { total: applied.length, picked }
  })
}

/** Sets the file of the open import dialog (an el-upload with a hidden <input type=file>). */
async function chooseXlsx(page, name, buffer) {
  await page.locator(`${tid('exam-scores-import-file')} input[type=file]`).setInputFiles({ name, mimeType: XLSX_MIME, buffer })
  await page.locator(`${tid('exam-scores-import-file')} .el-upload-list__item`).filter({ hasText: name }).waitFor({ state: 'visible' })
}

async function openImportDialog(page) {
  await page.locator(tid('exam-import-scores')).click()
  await page.locator(tid('exam-scores-import-dialog')).waitFor({ state: 'visible' })
}

async function closeImportDialog(page) {
  const dialog = page.locator(tid('exam-scores-import-dialog'))
  await dialog.locator('.el-dialog__footer button').first().click() // 取消 / 完成
  await dialog.waitFor({ state: 'hidden' })
}

/** Searches the portal's officers for `q` and returns the rows once the answer is shown. */
async function portalSearch(portal, q) {
  await inputOf(portal, 'portal-officers-q').fill(q)
  const answered = portal.waitForResponse(
    (res) => res.url().includes('/public/api/officers') && new URL(res.url()).searchParams.get('q') === q,
  )
  await portal.locator(tid('portal-officers-search')).click()
  const res = await answered
  assert.equal(res.status(), 200, `the portal search for ${q} answers 200`)
  const total = (await res.json()).total
  await waitForExactText(portal, tid('portal-officers-total'), `共 ${total} 名持有有效执法证的执法人员`, `the total for ${q}`)
  await portal.waitForFunction((sel) => !document.querySelector(sel), `${tid('portal-officers-table')} .el-loading-mask:not([style*="display: none"])`)
  return tableRows(portal, 'portal-officers-table')
}

/** The text of each body row of a table (by test id), cells joined by '|'. */
async function tableRows(page, tableId) {
  return page
    .locator(`${tid(tableId)} .el-table__body tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()).join('|')))
}

test('exams: create a session, add candidates, score sheet out and in, issue, public portal', { timeout: 180_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  const portalErrors = []
  const portalApiFailures = []
  let portal = null

  let step = 'start'
  const suffix = uniqueSuffix()
  const today = todayInShanghai()
  const examName = `E2E考试${suffix}`

  try {
    step = 'sign-in'
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'pick-officers'
    const { total: appliedTotal, picked } = await pickApplicants(page)
    assert.ok(appliedTotal >= 2, `the demo has officers with an applied certificate (found ${appliedTotal})`)
    assert.equal(picked.length, 2, `two applicants with a unique name, not yet in the portal (of ${appliedTotal})`)
    const [passer, failer] = picked

    step = 'create-session'
    await openMenu(page, 'exams', '/people/exams')
    await page.locator(tid('exam-table')).waitFor({ state: 'visible' })
    await page.locator(tid('exam-create')).click()
    const createDialog = page.locator(tid('exam-dialog'))
    await createDialog.waitFor({ state: 'visible' })
    await inputOf(page, 'exam-name').fill(examName)
    await fillDate(page, 'exam-date', today)
    await createDialog.locator('.el-dialog__title').click() // close the date panel
    const passMark = inputOf(page, 'exam-pass-mark')
    await passMark.fill('60')
    await passMark.press('Tab')
    await page.locator(tid('exam-submit')).click()
    await page.waitForURL((url) => /^\/people\/exams\/\d+$/.test(url.pathname), { timeout: TIMEOUT_MS })
    await createDialog.waitFor({ state: 'hidden' })
    const examId = Number(new URL(page.url()).pathname.split('/').pop())
    await waitForExactText(page, tid('exam-title'), examName, 'the detail page shows the new session')
    await waitForExactText(page, tid('exam-pass-mark-value'), '60', 'pass mark')
    await waitForExactText(page, tid('exam-stat-candidates'), '0', 'no candidates yet')
    assert.match(await page.locator('.exam-head-card').textContent(), new RegExp(`考试日期：${today}`), 'the session is held today')

    step = 'add-candidates'
    await page.locator(tid('exam-add-candidates')).click()
    const addDialog = page.locator(tid('exam-candidates-dialog'))
    await addDialog.waitFor({ state: 'visible' })
    for (const o of picked) {
      await inputOf(page, 'exam-candidates-q').fill(o.name)
      await page.locator(tid('exam-candidates-search')).click()
      const option = page.locator(tid(`exam-candidate-option-${o.id}`))
      await option.waitFor({ state: 'visible' })
      const row = addDialog.locator('.el-table__body tr').filter({ has: option })
      await row.locator('td').first().locator('.el-checkbox').click()
    }
    await waitForExactText(page, tid('exam-candidates-picked'), '已选 2 人', 'both officers ticked (across searches)')
    await page.locator(tid('exam-candidates-submit')).click()
    await addDialog.waitFor({ state: 'hidden' })
    await waitForExactText(page, tid('exam-stat-candidates'), '2', 'two candidates')
    const ticket = {}
    for (const o of picked) {
      await waitForExactText(page, tid(`exam-candidate-name-${o.id}`), o.name, 'candidate name')
      ticket[o.id] = (await page.locator(tid(`exam-candidate-ticket-${o.id}`)).textContent()).trim()
      assert.ok(ticket[o.id], `${o.name} has a ticket number`)
      await waitForExactText(page, tid(`exam-candidate-score-${o.id}`), '—', 'no score yet')
      await waitForExactText(page, tid(`exam-candidate-outcome-${o.id}`), '待录入', 'outcome pending')
    }
    assert.notEqual(ticket[passer.id], ticket[failer.id], 'tickets differ')

    step = 'download-score-sheet'
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(tid('exam-score-sheet')).click()])
    assert.match(download.suggestedFilename(), /\.xlsx$/, `an .xlsx file (got ${download.suggestedFilename()})`)
    const sheet = readXlsx(await readFile(await download.path()))
    assert.deepEqual(sheet.rows[0].slice(0, 4), SHEET_HEAD, 'the score sheet header')
    const sheetRows = sheet.rows.slice(1).filter((r) => r.some((c) => c !== ''))
    assert.equal(sheetRows.length, 2, `one row per candidate (got ${JSON.stringify(sheet.rows)})`)
    for (const o of picked) {
      const r = sheetRows.find((x) => x[0] === ticket[o.id])
      assert.ok(r, `the sheet has ticket ${ticket[o.id]} (rows ${JSON.stringify(sheetRows)})`)
      assert.equal(r[1], o.name, 'the sheet names the candidate')
      assert.equal(r[3] ?? '', '', 'no score filled in yet')
    }
    const rowOf = (o) => sheetRows.find((x) => x[0] === ticket[o.id])

    step = 'import-bad-sheet'
    const bad = makeXlsx([
      SHEET_HEAD,
      [rowOf(passer)[0], rowOf(passer)[1], rowOf(passer)[2], 101], // row 2: out of range
      [rowOf(failer)[0], rowOf(failer)[1], rowOf(failer)[2], 70], // row 3: fine, but nothing may be imported
      [`NO-SUCH-${suffix}`, '查无此人', '某执法主体', 80], // row 4: unknown ticket
    ])
    await openImportDialog(page)
    await chooseXlsx(page, `bad-${suffix}.xlsx`, bad)
    await page.locator(tid('exam-scores-import-submit')).click()
    await page.locator(tid('exam-scores-import-errors')).waitFor({ state: 'visible' })
    const nothing = await waitForText(page, tid('exam-scores-import-nothing-imported'), (t) => t.length > 0, 'the refusal')
    assert.match(nothing, /未导入任何数据/, `the dialog says nothing was imported (got ${nothing})`)
    const errorRows = await tableRows(page, 'exam-scores-import-errors')
    assert.ok(errorRows.some((r) => r.startsWith('2|') && /成绩/.test(r)), `row 2 (score 101) is listed: ${JSON.stringify(errorRows)}`)
    assert.ok(errorRows.some((r) => r.startsWith('4|') && /准考证/.test(r)), `row 4 (unknown ticket) is listed: ${JSON.stringify(errorRows)}`)
    assert.ok(!errorRows.some((r) => r.startsWith('3|')), `row 3 is fine: ${JSON.stringify(errorRows)}`)
    assert.equal(await page.locator(tid('exam-scores-import-success')).count(), 0, 'no success line')
    await closeImportDialog(page)
    await page.locator(tid('exam-refresh')).click()
    await waitForExactText(page, tid('exam-stat-scored'), '0', 'nothing scored after the refused sheet')
    for (const o of picked) {
      await waitForExactText(page, tid(`exam-candidate-score-${o.id}`), '—', `${o.name} still has no score`)
      await waitForExactText(page, tid(`exam-candidate-outcome-${o.id}`), '待录入', `${o.name} still pending`)
    }

    step = 'import-good-sheet'
    const good = makeXlsx([
      SHEET_HEAD,
      ...sheetRows.map((r) => [r[0], r[1], r[2], r[0] === ticket[passer.id] ? PASS_SCORE : FAIL_SCORE]),
    ])
    await openImportDialog(page)
    assert.equal(await page.locator(tid('exam-scores-import-errors')).count(), 0, 'the reopened dialog starts clean')
    await chooseXlsx(page, `scores-${suffix}.xlsx`, good)
    await page.locator(tid('exam-scores-import-submit')).click()
    const summary = await waitForText(page, tid('exam-scores-import-success'), (t) => t.length > 0, 'the import summary')
    assert.match(summary, /导入 2 条/, `two scores imported (got ${summary})`)
    assert.match(summary, /合格 1 人/, `one passed (got ${summary})`)
    assert.match(summary, /不合格 1 人/, `one failed (got ${summary})`)
    await closeImportDialog(page)
    await waitForExactText(page, tid(`exam-candidate-score-${passer.id}`), String(PASS_SCORE), 'the passed score')
    await waitForExactText(page, tid(`exam-candidate-score-${failer.id}`), String(FAIL_SCORE), 'the failed score')
    await waitForExactText(page, tid(`exam-candidate-outcome-${passer.id}`), '合格', 'outcome of 85')
    await waitForExactText(page, tid(`exam-candidate-outcome-${failer.id}`), '不合格', 'outcome of 59.5')
    await waitForExactText(page, tid(`exam-candidate-cert-state-${passer.id}`), '考试合格', 'certificate after passing')
    await waitForExactText(page, tid(`exam-candidate-cert-state-${failer.id}`), '考试不合格', 'certificate after failing')
    await waitForExactText(page, tid('exam-stat-scored'), '2', 'two scored')
    await waitForExactText(page, tid('exam-stat-passed'), '1', 'one passed')
    await waitForExactText(page, tid('exam-stat-failed'), '1', 'one failed')

    step = 'issue'
    await page.locator(tid('exam-issue')).click()
    const issueDialog = page.locator(tid('exam-issue-dialog'))
    await issueDialog.waitFor({ state: 'visible' })
    assert.equal(await inputOf(page, 'exam-issue-valid-from').inputValue(), today, 'valid from today')
    await page.locator(tid('exam-issue-submit')).click()
    await waitForExactText(page, tid('exam-issue-count'), '1', 'one certificate issued')
    const issuedRows = await tableRows(page, 'exam-issue-table')
    assert.equal(issuedRows.length, 1, `one issued row: ${JSON.stringify(issuedRows)}`)
    const [issuedName, certNumber, validFrom, validUntil] = issuedRows[0].split('|')
    assert.equal(issuedName, passer.name, 'issued to the passed candidate')
    assert.ok(certNumber.length >= 6, `a certificate number is shown (got ${JSON.stringify(certNumber)})`)
    assert.equal(validFrom, today, 'valid from today')
    assert.ok(validUntil > today, `valid until a later day (got ${validUntil})`)
    await page.locator(tid('exam-issue-done')).click()
    await issueDialog.waitFor({ state: 'hidden' })
    await waitForExactText(page, tid(`exam-candidate-cert-number-${passer.id}`), certNumber, 'the number in the candidates table')
    await waitForExactText(page, tid(`exam-candidate-cert-state-${passer.id}`), '有效', 'certificate valid')
    await waitForExactText(page, tid('exam-stat-issued'), '1', 'one issued')
    assert.equal(await page.locator(tid(`exam-candidate-cert-number-${failer.id}`)).count(), 0, 'no number for the failed candidate')
    assert.ok(await page.locator(tid('exam-issue')).isDisabled(), '批量发证 has nothing left to issue')

    step = 'session-in-list'
    await page.locator(tid('exam-back')).click()
    await page.waitForURL((url) => url.pathname === '/people/exams')
    const listRow = page.locator(`${tid('exam-table')} .el-table__body tr`).filter({ has: page.locator(tid(`exam-view-${examId}`)) })
    await listRow.waitFor({ state: 'visible' })
    const listCells = (await listRow.locator('td').allTextContents()).map((t) => t.trim())
    assert.equal(listCells[0], examName, 'the session is listed')
    assert.deepEqual(listCells.slice(5, 10), ['2', '2', '1', '1', '1'], `counts in the list: ${JSON.stringify(listCells)}`)

    step = 'portal'
    const portalContext = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
    portal = await portalContext.newPage()
    portal.setDefaultTimeout(TIMEOUT_MS)
    portal.on('pageerror', (err) => portalErrors.push(String(err)))
    const publicAnswers = []
    portal.on('response', (res) => {
      if (res.url().includes('/api/') && res.status() >= 400) portalApiFailures.push(`${res.status()} ${res.request().method()} ${res.url()}`)
      if (res.url().includes('/public/api/officers')) publicAnswers.push(res.text().catch(() => ''))
    })
    await portal.goto(`${BASE_URL}/portal/officers`)
    await portal.locator(tid('portal-officers-table')).waitFor({ state: 'visible' })
    assert.equal(await portal.locator(tid('header-user')).count(), 0, 'nobody is signed in on the portal')
    await waitForText(portal, tid('portal-officers-total'), (t) => /^共 [1-9]\d* 名/.test(t), 'the first page of certificate holders')

    step = 'portal-by-number'
    const byNumber = await portalSearch(portal, certNumber)
    assert.equal(byNumber.length, 1, `one row: ${JSON.stringify(byNumber)}`)
    await waitForExactText(portal, tid('portal-officers-total'), '共 1 名持有有效执法证的执法人员', 'one officer for the number')
    const cells = byNumber[0].split('|')
    assert.equal(cells[0], passer.name, 'the row names the passed officer')
    assert.equal(cells[1], passer.org_name, 'and the body')
    assert.equal(cells[2], certNumber, 'and the certificate number')
    assert.equal(cells[4], validUntil, 'and the validity')
    const portalText = await portal.locator('body').innerText()
    assert.ok(!portalText.includes(passer.id_number_masked), 'not even the masked ID number is shown')
    assert.doesNotMatch(portalText, /\d{6}(\*{8}|\d{8})\d{3}[\dX]/, 'no ID number on the portal page')

    // A name search matches part of a name too (王强 finds 王强伟): only rows of exactly that name count.
    step = 'portal-failed-by-name'
    const failedRows = (await portalSearch(portal, failer.name)).filter((r) => r.split('|')[0] === failer.name)
    assert.deepEqual(failedRows, [], 'the failed candidate is not listed')

    step = 'portal-passed-by-name'
    const byName = (await portalSearch(portal, passer.name)).filter((r) => r.split('|')[0] === passer.name)
    assert.deepEqual(
      byName.map((r) => r.split('|').slice(1, 3)),
      [[passer.org_name, certNumber]],
      `the passed officer by name: ${JSON.stringify(byName)}`,
    )

    step = 'portal-failed-in-body'
    // nor when the search is narrowed to his body
    await inputOf(portal, 'portal-officers-org').fill(failer.org_name)
    const failedInBody = (await portalSearch(portal, failer.name)).filter((r) => r.split('|')[0] === failer.name)
    await inputOf(portal, 'portal-officers-org').fill('')
    assert.deepEqual(failedInBody, [], 'the failed candidate is not listed in his body either')

    step = 'portal-answers'
    const bodies = await Promise.all(publicAnswers)
    assert.ok(bodies.length >= 3, 'the portal asked the public API')
    for (const text of bodies) {
      assert.match(text, /"items"/, `a list was answered: ${text.slice(0, 200)}`)
      assert.doesNotMatch(text, /id_number|phone/, `the public answer carries no ID number or phone: ${text.slice(0, 300)}`)
    }
    assert.deepEqual(portalErrors, [], 'no uncaught errors in the portal')
    assert.deepEqual(portalApiFailures, [], 'no failed calls in the portal')

    step = 'errors'
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
    const unexpected = apiFailures.filter((f) => !(f.startsWith('422 POST') && f.endsWith(`/api/exams/${examId}/scores`)))
    assert.deepEqual(unexpected, [], 'no failed API calls but the refused sheet')
    assert.equal(apiFailures.length - unexpected.length, 1, 'the bad sheet was refused once (422)')
  } catch (err) {
    if (portal && step.startsWith('portal')) {
      throw await annotateFailure(err, { page: portal, name: 'exams', step, pageErrors: portalErrors, apiFailures: portalApiFailures })
    }
    throw await annotateFailure(err, { page, name: 'exams', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
