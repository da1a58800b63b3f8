// End-to-end smoke test of the people pages against a running `zhifa serve` with the demo data loaded.
//
// As the administrator, opens 执法主体 (and its 公告预览: the year's announcement PDF), 执法人员, 考试管理 (and
// a demo session's page), 培训管理 (both tabs), 监督人员 (both tabs), 统计报表 (each report and grouping),
// then, signed out in a new browser context, the public portal's two pages. Each must show the demo's
// rows, with no uncaught page error and no failed API call.
//
// Only reads: it can run before or after the other e2e files on the same server (it asserts nothing
// they change, e.g. the officer count is a lower bound).
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  BASE_URL,
  TIMEOUT_MS,
  annotateFailure,
  inputOf,
  launch,
  openMenu,
  openPortal,
  pagerTotal,
  rowsOf,
  signIn,
  tableRows,
  tid,
  waitForText,
} from './helpers.mjs'

const divisions = JSON.parse(readFileSync(new URL('../../data/yuncheng-divisions.json', import.meta.url), 'utf8'))
const COUNTY_NAMES = divisions.counties.map((c) => c.name) // the 13 county-level divisions
const DEMO_OFFICERS = 8854
const DEMO_STAFF_SUPERVISORS = 304
const RURAL_BUREAU = '乡村振兴局'
/** A field shown as its key (e.g. `labour`) instead of its Chinese label. */
const RAW_KEY = /(^|[|、\s])[a-z_]{3,}([|、\s]|$)/

/** Waits until no table of the page is loading (v-loading mask gone). */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null, { timeout: TIMEOUT_MS })
}

test('people pages and the portal show the demo data', { timeout: 120_000 }, async () => {
  const started = Date.now()
  const { browser, page, pageErrors, apiFailures } = await launch()
  let portal = null
  let portalErrors = []
  let portalApiFailures = []
  let step = 'start'

  try {
    step = 'sign-in'
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    // ---- 执法主体 ----
    step = 'bodies'
    await openMenu(page, 'bodies', '/people/bodies')
    const bodyRows = await tableRows(page, 'body-table', '执法主体')
    assert.ok(bodyRows.some((r) => r.includes('已确认')), `bodies confirmed this year are shown: ${bodyRows.slice(0, 3).join(' / ')}`)
    const bodyTotal = await pagerTotal(page, 'body-table', '执法主体')
    assert.ok(bodyTotal > 100, `the city's bodies are listed (total ${bodyTotal})`)
    assert.doesNotMatch(bodyRows.join('\n'), RAW_KEY, 'field tags show labels, not keys')

    step = 'bodies-search'
    // the counties' 乡村振兴局 are left unconfirmed by the demo (officers.test.mjs confirms 永济市's)
    await inputOf(page, 'body-search-q').fill(RURAL_BUREAU)
    await page.locator(tid('body-search')).click()
    await waitForText(page, rowsOf('body-table'), (t) => t.includes(RURAL_BUREAU), 'the search result')
    await settled(page)
    const bureaus = await tableRows(page, 'body-table', RURAL_BUREAU)
    assert.equal(bureaus.length, COUNTY_NAMES.length, `one per county: ${bureaus.join(' / ')}`)
    assert.ok(bureaus.every((r) => r.includes(RURAL_BUREAU)), 'only the bureaus are listed')
    assert.ok(bureaus.filter((r) => r.includes('未确认')).length >= COUNTY_NAMES.length - 1, `unconfirmed: ${bureaus.join(' / ')}`)

    step = 'bodies-announcement'
    const pdfAnswer = page.waitForResponse((res) => /\/api\/body-confirmations\/\d{4}\/announcement\.pdf/.test(res.url()))
    await page.locator(tid('body-announcement')).click()
    await page.locator(tid('body-announcement-dialog')).waitFor({ state: 'visible' })
    const pdf = await pdfAnswer
    assert.equal(pdf.status(), 200, 'announcement.pdf answers 200')
    assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/, 'as a PDF')
    const frame = page.locator(tid('body-announcement-frame'))
    await frame.waitFor({ state: 'attached' })
    const src = await frame.getAttribute('src')
    assert.match(src, /^blob:/, 'the preview shows the PDF from a blob: URL')
    const blob = await page.evaluate(async (url) => {
      const b = await (await fetch(url)).blob()
      return { type: b.type, size: b.size, head: new TextDecoder('latin1').decode(await b.slice(0, 5).arrayBuffer()) }
    }, src)
    assert.deepEqual([blob.type, blob.head], ['application/pdf', '%PDF-'], 'the blob is the PDF')
    assert.ok(blob.size > 10_000, `the PDF has content (${blob.size} bytes)`)
    assert.ok(await page.locator(tid('body-announcement-download')).isEnabled(), '下载 PDF is enabled')
    await page.locator(`${tid('body-announcement-dialog')} .el-dialog__headerbtn`).click()
    await page.locator(tid('body-announcement-dialog')).waitFor({ state: 'hidden' })

    // ---- 执法人员 ----
    step = 'officers'
    await openMenu(page, 'officers', '/people/officers')
    const officerRows = await tableRows(page, 'officer-table', '执法人员')
    assert.ok(officerRows.length >= 10, `a page of officers (${officerRows.length} rows)`)
    const officerTotal = await pagerTotal(page, 'officer-table', '执法人员')
    assert.ok(officerTotal >= DEMO_OFFICERS, `the demo's ${DEMO_OFFICERS} officers (total ${officerTotal})`)
    assert.ok(officerRows.some((r) => /\d{6}\*{8}[\dX]{4}/.test(r)), 'ID numbers are shown masked')

    // ---- 考试管理 ----
    step = 'exams'
    await openMenu(page, 'exams', '/people/exams')
    const examRows = await tableRows(page, 'exam-table', '考试管理')
    const demoExam = examRows.find((r) => r.includes('运城市司法局'))
    assert.ok(demoExam, `this year's demo session held by 运城市司法局: ${examRows.join(' / ')}`)

    step = 'exam-detail'
    const demoRow = page.locator(rowsOf('exam-table')).filter({ hasText: '运城市司法局' }).first()
    await demoRow.locator('td').first().locator('button').click()
    await page.waitForURL((url) => /^\/people\/exams\/\d+$/.test(url.pathname))
    await waitForText(page, tid('exam-title'), (t) => t === demoExam.split('|')[0], 'the demo session opens')
    const candidateRows = await tableRows(page, 'exam-candidates-table', '考生')
    const candidates = Number(await page.locator(tid('exam-stat-candidates')).textContent())
    assert.ok(candidates > 0 && candidateRows.length === candidates, `every candidate is listed (${candidateRows.length} of ${candidates})`)
    assert.ok(candidateRows.some((r) => r.includes('合格')), 'outcomes are shown')

    // ---- 培训管理 ----
    step = 'trainings'
    await openMenu(page, 'trainings', '/people/trainings')
    const classRows = await tableRows(page, 'training-table', '培训班')
    assert.ok(classRows.length > 0)
    assert.ok((await pagerTotal(page, 'training-table', '培训班')) > 0)

    step = 'training-hours'
    await page.locator(tid('training-tab-hours')).click()
    const hourRows = await tableRows(page, 'training-hours-table', '学时不足')
    assert.ok(hourRows.length > 0, 'officers short of training hours are listed')
    const hoursNote = await waitForText(page, '.el-tab-pane:not([style*="display: none"]) .toolbar .text-muted', (t) => t.includes('学时'), 'the minimum')
    assert.match(hoursNote, /不少于\s*60\s*学时/, `the minimum of 60 hours is stated (got ${hoursNote})`)
    assert.ok((await pagerTotal(page, 'training-hours-table', '学时不足')) > 0)

    // ---- 监督人员 ----
    step = 'supervisors-staff'
    await openMenu(page, 'supervisors', '/people/supervisors')
    await tableRows(page, 'supervisor-table', '行政执法监督人员')
    assert.equal(await pagerTotal(page, 'supervisor-table', '行政执法监督人员'), DEMO_STAFF_SUPERVISORS, 'the demo staff supervisors')

    step = 'supervisors-social'
    await page.locator(tid('supervisor-tab-social')).click()
    // the table is re-keyed per tab: wait until it shows social supervisors (their term column)
    await waitForText(page, `${rowsOf('supervisor-table')}`, (t) => /\d{4}-\d{2}-\d{2}\s*至/.test(t), '社会监督员 rows')
    const socialTotal = await pagerTotal(page, 'supervisor-table', '社会监督员')
    assert.ok(socialTotal > 0 && socialTotal < DEMO_STAFF_SUPERVISORS, `social supervisors (total ${socialTotal})`)

    // ---- 统计报表 ----
    step = 'report-certified-county'
    await openMenu(page, 'people-reports', '/people/reports')
    const byCounty = await tableRows(page, 'report-certified-table', '持证统计（县）')
    for (const county of COUNTY_NAMES) {
      assert.ok(byCounty.some((r) => r.split('|')[0] === county), `${county} is in the report: ${byCounty.map((r) => r.split('|')[0]).join('、')}`)
    }
    const summary = await waitForText(page, tid('report-certified-summary'), (t) => t.includes('持证率'), 'the totals')
    assert.match(summary, /执法人员\s*\d{4,}\s*人/, `the total of officers (got ${summary})`)

    for (const [group, label] of [
      ['body', '执法主体'],
      ['field', '执法领域'],
    ]) {
      step = `report-certified-${group}`
      const answered = page.waitForResponse((res) => res.url().includes(`/api/reports/certified?group=${group}`) && res.ok())
      await page.locator(`${tid('report-certified-group')} label`).filter({ hasText: label }).click()
      await answered
      await settled(page)
      await waitForText(page, `${tid('report-certified-table')} thead`, (t) => t.includes(label), `the ${label} column`)
      const rows = await tableRows(page, 'report-certified-table', `持证统计（${label}）`)
      assert.ok(!rows.some((r) => COUNTY_NAMES.includes(r.split('|')[0])), `grouped by ${label}, not by county`)
      if (group === 'field') assert.doesNotMatch(rows.map((r) => r.split('|')[0]).join('\n'), /^[a-z_]+$/m, 'fields by label')
    }

    step = 'report-expiring'
    await page.locator(tid('report-tab-expiring')).click()
    const expiring = await tableRows(page, 'report-expiring-table', '证件到期预警')
    assert.ok(expiring.every((r) => /\d+ 天/.test(r)), 'days left are shown')
    assert.ok((await pagerTotal(page, 'report-expiring-table', '证件到期预警')) > 0)

    step = 'report-legal-review'
    await page.locator(tid('report-tab-legal-review')).click()
    const legal = await tableRows(page, 'report-legal-table', '法制审核人员比例')
    assert.ok(legal.length > 0)
    assert.ok(legal.some((r) => COUNTY_NAMES.some((c) => r.includes(c))), 'bodies of the counties are listed')
    await waitForText(page, tid('report-legal-summary'), (t) => /不少于.*5%/.test(t), 'the 5% minimum is stated')

    // ---- the public portal, signed out ----
    step = 'portal-bodies'
    ;({ page: portal, pageErrors: portalErrors, apiFailures: portalApiFailures } = await openPortal(browser))
    await portal.goto(`${BASE_URL}/portal/bodies`)
    await waitForText(portal, tid('portal-bodies-heading'), (t) => /^\d{4}年度/.test(t), 'the announcement heading')
    const publicBodies = await tableRows(portal, 'portal-bodies-table', '主体资格确认公告')
    const publicBodyTotal = Number(await portal.locator(tid('portal-bodies-total')).textContent())
    assert.ok(publicBodyTotal > 100, `the confirmed bodies are announced (${publicBodyTotal})`)
    assert.ok(publicBodies.every((r) => r.split('|')[2]), 'each body names its county (or 市本级)')
    assert.doesNotMatch(publicBodies.join('\n'), RAW_KEY, 'the portal shows field labels, not keys')

    step = 'portal-bodies-search'
    await inputOf(portal, 'portal-bodies-q').fill(RURAL_BUREAU)
    await portal.locator(tid('portal-bodies-search')).click()
    const announced = await waitForText(portal, tid('portal-bodies-total'), (t) => t === '0' || t === '1', 'unconfirmed bodies are not announced')
    const announcedRows = await portal
      .locator(rowsOf('portal-bodies-table'))
      .evaluateAll((trs) => trs.map((tr) => tr.textContent))
    assert.equal(announcedRows.length, Number(announced))
    assert.ok(announcedRows.every((r) => r.includes('永济市乡村振兴局')), `only a bureau confirmed by another test: ${announcedRows}`)

    step = 'portal-officers'
    await portal.locator(tid('portal-nav-officers')).click()
    await portal.waitForURL((url) => url.pathname === '/portal/officers')
    const publicOfficers = await tableRows(portal, 'portal-officers-table', '执法人员查询')
    const officersNote = await waitForText(portal, tid('portal-officers-total'), (t) => /共 [1-9]\d* 名/.test(t), 'the holders of a certificate')
    assert.ok(Number(/\d+/.exec(officersNote)[0]) > 5000, `most demo officers hold a valid certificate (${officersNote})`)
    assert.doesNotMatch(publicOfficers.join('\n'), RAW_KEY, 'the portal shows field labels, not keys')
    assert.doesNotMatch(await portal.locator('body').innerText(), /\d{6}(\*{8}|\d{8})\d{3}[\dX]/, 'no ID number on the portal')

    step = 'errors'
    assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
    assert.deepEqual(apiFailures, [], 'no failed API calls in the console')
    assert.deepEqual(portalErrors, [], 'no uncaught errors in the portal')
    assert.deepEqual(portalApiFailures, [], 'no failed API calls in the portal')
    assert.ok(Date.now() - started < 60_000, `the walk through the pages took ${Date.now() - started} ms`)
  } catch (err) {
    if (portal && step.startsWith('portal')) {
      throw await annotateFailure(err, { page: portal, name: 'people-pages', step, pageErrors: portalErrors, apiFailures: portalApiFailures })
    }
    throw await annotateFailure(err, { page, name: 'people-pages', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
