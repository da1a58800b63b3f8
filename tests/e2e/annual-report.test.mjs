// End-to-end: 年度行政执法数据 (annual enforcement data) — the console's page (/publication/annual) and the
// portal's (/portal/annual) — against a running `zhifa serve` with the demo data loaded (last year
// published by the system, this year not yet generated).
//
// As the administrator, the console: the page opens on last year (published: its deadline, 31 January,
// and whether it was met); this year, picked in the year box, shows the state the API answers (for the
// demo 未生成: a preview), the deadline 31 January of next year, the totals as the API's (yuan with two
// decimals and thousands separators) and a table with a row per body and a 合计 row, sorted by penalties
// on a click. 生成 (confirmed) stores a draft; 审核通过 by the administrator who generated it is refused
// with the server's message (审核应由生成人以外的人员进行). Signed in as sfj_city (市司法局, who may
// review and publish): 审核通过 → 已审核待公布; 公布 is refused with the server's message (the year is not
// over); 导出 Excel downloads an .xlsx (its bytes start with "PK"). Then, signed out in a new browser
// context, the portal: last year is listed, its totals equal the public API's, the charts are drawn on
// canvases (pixels painted), the table has its 合计 row, and 下载 Excel answers 200 with an xlsx file.
// Last, on a 375-pixel-wide phone: the page fits the screen, and the year choice, the download link and
// the table's filter are named for screen readers.
//
// Each run leaves this year's report reviewed (not published: the year is open), so it can run again:
// 生成 starts a new draft from any state but published.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/annual-report.test.mjs
// Env: see helpers.mjs; ZHIFA_DEMO_PASSWORD, the demo accounts' password (default Zhifa@2026!). On failure
// a screenshot is written to test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  BASE_URL,
  TIMEOUT_MS,
  adminTest,
  annotateFailure,
  inputOf,
  launch,
  openMenu,
  openPortal,
  rowsOf,
  signIn,
  signOut,
  tid,
  waitForExactText,
  waitForText,
} from './helpers.mjs'

const DEMO_PASSWORD = process.env.ZHIFA_DEMO_PASSWORD || 'Zhifa@2026!'
/** 市司法局: holds publish:settings:manage (review and publish), did not generate. */
const REVIEWER = 'sfj_city'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The console's labels of the states (utils/annual.ts). */
const STATE_LABELS = { none: '未生成', draft: '已生成待审核', reviewed: '已审核待公布', published: '已公布' }

/** This year in China (the server's calendar). */
const thisYear = () => Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4))
/** Fen as the pages show yuan: "688,130.00". */
const yuan = (fen) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
/** A count as the pages show it: "16,209". */
const count = (n) => n.toLocaleString('zh-CN')

const isStep = (year, step) => (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/annual-reports/${year}/${step}`

/** Confirms the open ElMessageBox. */
async function confirmBox(page) {
  const box = page.locator('.el-message-box')
  await box.waitFor({ state: 'visible' })
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await box.waitFor({ state: 'hidden' })
}

/** Presses a step's button, confirms, and answers the server's response (status and JSON). */
async function step(page, year, name) {
  const answered = page.waitForResponse(isStep(year, name))
  await page.locator(tid(`annual-${name}`)).click()
  await confirmBox(page)
  const res = await answered
  return { status: res.status(), body: await res.json() }
}

const stateIs = (page, state, what) => waitForExactText(page, tid('annual-state'), STATE_LABELS[state], what)

/** The text of the table's 合计 row (the el-table footer), once it shows `expected` somewhere. */
const footerOf = (page, testid, expected, what) => waitForText(page, `${tid(testid)} .el-table__footer`, (t) => t.includes(expected), what)

/** Whether a chart's canvas has painted pixels (not only a blank canvas of the right size). */
const painted = (page, testid) =>
  page.locator(`${tid(testid)} canvas`).first().evaluate((c) => {
    if (!c.width || !c.height) return false
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true
    return false
  })

adminTest(
  '年度行政执法数据: generate, a refused review by the generator, review by another, a refused publication, Excel; the portal page',
  {
    name: 'annual-report',
    timeout: 180_000,
    allowFailures: {
      match: (f) => /^422 POST .*\/api\/annual-reports\/\d+\/(review|publish)$/.test(f),
      but: 'the refused review and publication',
      count: 2,
      counted: 'the review by the generator and the publication of an open year, each refused once',
    },
  },
  async ({ page, api, setStep }) => {
    const year = thisYear()
    const lastYear = year - 1

    setStep('seed')
    const before = await api.get(`/api/annual-reports/${year}`)
    assert.notEqual(before.state, 'published', 'this year cannot be published yet')
    assert.equal(before.due_on, `${year + 1}-01-31`, 'due by 31 January of next year')
    const last = await api.get(`/api/annual-reports/${lastYear}`)
    assert.equal(last.state, 'published', 'the demo published last year')

    // ---- last year, the page's default ----
    setStep('last-year')
    await openMenu(page, 'publication-annual', '/publication/annual')
    await stateIs(page, 'published', 'last year is shown first, published')
    await waitForExactText(page, tid('annual-due'), `${year}-01-31`, 'last year was due by 31 January')
    await waitForText(
      page,
      tid('annual-timeliness'),
      (t) => t.startsWith(last.on_time ? '按期公布' : '逾期公布') && t.includes(last.published_on),
      'whether it was published on time',
    )
    assert.equal(await page.locator(tid('annual-publish')).isDisabled(), true, 'a published year is not published again')
    assert.equal(await page.locator(tid('annual-generate')).isDisabled(), true, 'nor generated again')

    // ---- this year: the preview (or what an earlier run left) ----
    setStep('this-year')
    await page.locator(`.el-select${tid('annual-year')}`).click()
    await page.locator(tid(`annual-year-${year}`)).click()
    await page.waitForURL((url) => url.searchParams.get('year') === String(year))
    await stateIs(page, before.state, `this year is ${before.state}`)
    if (before.state === 'none') await page.locator(tid('annual-preview')).waitFor({ state: 'visible' })
    await waitForExactText(page, tid('annual-due'), `${year + 1}-01-31`, 'due by 31 January of next year')
    await waitForExactText(page, tid('annual-total-bodies'), count(before.totals.bodies), 'the bodies counted')
    await waitForExactText(page, tid('annual-total-penalties'), count(before.totals.penalties), 'the penalties counted')
    await waitForExactText(page, tid('annual-total-inspections'), count(before.totals.inspections), 'the inspections counted')
    await waitForExactText(page, tid('annual-total-fines_fen'), yuan(before.totals.fines_fen), 'the fines in yuan')
    await waitForExactText(page, tid('annual-total-confiscation_fen'), yuan(before.totals.confiscation_fen), 'the confiscations in yuan')
    const footer = await footerOf(page, 'annual-table', '合计', 'the 合计 row')
    for (const shown of [count(before.totals.penalties), yuan(before.totals.fines_fen), `${count(before.totals.bodies)} 个执法主体`]) {
      assert.ok(footer.includes(shown), `the 合计 row shows ${shown}: ${footer}`)
    }
    assert.equal(await page.locator(rowsOf('annual-table')).count(), before.bodies.length, 'a row per body')
    const headers = await page.locator(`${tid('annual-table')} thead th`).allTextContents()
    for (const k of before.kinds) assert.ok(headers.some((h) => h.includes(k.label)), `a column for ${k.label}`)

    // sorted by penalties, most first
    const most = Math.max(...before.bodies.map((b) => b.penalties))
    const leaders = before.bodies.filter((b) => b.penalties === most).map((b) => b.name)
    await page.locator(`${tid('annual-table')} thead th`).filter({ hasText: '行政处罚决定' }).locator('.sort-caret.descending').click()
    const firstRow = await page.locator(rowsOf('annual-table')).first().textContent()
    assert.ok(leaders.some((n) => firstRow.includes(n)), `the body with the most penalties (${leaders.join('/')}) comes first: ${firstRow}`)

    // ---- 生成, then 审核通过 by the generator: refused ----
    setStep('generate')
    const generated = await step(page, year, 'generate')
    assert.equal(generated.status, 200, `generated: ${JSON.stringify(generated.body)}`)
    assert.equal(generated.body.state, 'draft')
    await stateIs(page, 'draft', 'a draft waits for review')
    await page.locator(tid('annual-preview')).waitFor({ state: 'hidden' })
    await waitForText(page, tid('annual-generated-at'), (t) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(t), 'when it was generated')

    setStep('review-by-generator')
    const selfReview = await step(page, year, 'review')
    assert.equal(selfReview.status, 422, 'the generator may not review')
    assert.equal(selfReview.body.code, 'annual.same_person')
    await waitForExactText(page, tid('annual-refusal'), selfReview.body.message_zh, "the server's message is shown")
    assert.match(selfReview.body.message_zh, /生成人以外/)
    await stateIs(page, 'draft', 'still a draft')

    // ---- 审核通过 by 市司法局, then 公布: refused, the year is open ----
    setStep('sign-in-reviewer')
    await signOut(page)
    await signIn(page, REVIEWER, DEMO_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })
    await page.goto(`${BASE_URL}/publication/annual?year=${year}`)
    await stateIs(page, 'draft', 'the reviewer sees the draft')

    setStep('review')
    const reviewed = await step(page, year, 'review')
    assert.equal(reviewed.status, 200, `reviewed: ${JSON.stringify(reviewed.body)}`)
    assert.equal(reviewed.body.state, 'reviewed')
    await stateIs(page, 'reviewed', 'reviewed, waiting for publication')
    await waitForText(page, tid('annual-reviewed-at'), (t) => /^\d{4}-/.test(t), 'when it was reviewed')

    setStep('publish-open-year')
    const early = await step(page, year, 'publish')
    assert.equal(early.status, 422, 'an open year is not published')
    assert.equal(early.body.code, 'annual.year_open')
    await waitForExactText(page, tid('annual-refusal'), early.body.message_zh, "the server's message is shown")
    await stateIs(page, 'reviewed', 'still reviewed')
    assert.equal((await api.get(`/api/annual-reports/${year}`)).state, 'reviewed', 'the API agrees')

    setStep('export')
    const dir = mkdtempSync(join(tmpdir(), 'zhifa-e2e-'))
    try {
      const download = page.waitForEvent('download')
      await page.locator(tid('annual-export')).click()
      const file = await download
      assert.equal(file.suggestedFilename(), `${year}年度行政执法数据.xlsx`)
      const saved = join(dir, 'annual.xlsx')
      await file.saveAs(saved)
      assert.equal(readFileSync(saved).subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx (a zip) was downloaded')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }

    // ---- the portal, signed out ----
    const portal = await openPortal(page.context().browser())
    const pp = portal.page
    let portalStep = 'portal-open'
    try {
      const list = await (await pp.request.get(`${BASE_URL}/public/api/annual-reports`)).json()
      assert.ok(list.items.some((i) => i.year === lastYear), `last year is published: ${JSON.stringify(list.items)}`)
      assert.ok(!list.items.some((i) => i.year === year), 'this year is not')
      const pub = await (await pp.request.get(`${BASE_URL}/public/api/annual-reports/${lastYear}`)).json()

      await pp.goto(`${BASE_URL}/portal/annual`)
      await waitForExactText(pp, tid('portal-annual-heading'), '年度行政执法数据', 'the page heading')
      assert.match(await pp.locator(tid('portal-nav-annual')).getAttribute('class'), /\bactive\b/, 'its tab is lit')
      for (const i of list.items) await pp.locator(tid(`portal-annual-year-${i.year}`)).waitFor({ state: 'visible' })
      await pp.locator(tid(`portal-annual-year-${lastYear}`)).click()
      await pp.waitForURL((url) => url.searchParams.get('year') === String(lastYear))

      portalStep = 'portal-totals'
      await waitForExactText(pp, tid('portal-annual-published-on'), pub.published_on, 'the day it was published')
      await waitForExactText(pp, tid('portal-annual-total-bodies'), count(pub.totals.bodies), 'the bodies')
      await waitForExactText(pp, tid('portal-annual-total-penalties'), count(pub.totals.penalties), 'the penalties')
      await waitForExactText(pp, tid('portal-annual-total-licences'), count(pub.totals.licences), 'the licences')
      await waitForExactText(pp, tid('portal-annual-total-fines_fen'), yuan(pub.totals.fines_fen), 'the fines in yuan')
      const portalFooter = await footerOf(pp, 'portal-annual-table', '合计', 'the 合计 row')
      assert.ok(portalFooter.includes(count(pub.totals.penalties)) && portalFooter.includes(yuan(pub.totals.fines_fen)), portalFooter)

      portalStep = 'portal-charts'
      for (const chart of ['portal-annual-chart-kind', 'portal-annual-chart-acts', 'portal-annual-chart-penalties', 'portal-annual-chart-fines']) {
        await pp.locator(`${tid(chart)} canvas`).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS })
        await pp.waitForFunction((id) => document.querySelector(`[data-testid="${id}"] canvas`)?.width > 0, chart)
      }
      const deadline = Date.now() + TIMEOUT_MS
      while (!(await painted(pp, 'portal-annual-chart-kind')) && Date.now() < deadline) await pp.waitForTimeout(200)
      assert.ok(await painted(pp, 'portal-annual-chart-kind'), 'the penalties-by-kind chart is drawn')
      assert.ok(await painted(pp, 'portal-annual-chart-penalties'), 'the bodies-by-penalties chart is drawn')

      portalStep = 'portal-download'
      const link = pp.locator(tid('portal-annual-download'))
      const href = await link.getAttribute('href')
      assert.equal(href, `/public/api/annual-reports/${lastYear}?format=xlsx`)
      const xlsx = await pp.request.get(`${BASE_URL}${href}`)
      assert.equal(xlsx.status(), 200, 'the Excel link answers 200')
      assert.ok(xlsx.headers()['content-type'].startsWith(XLSX_TYPE), `an xlsx: ${xlsx.headers()['content-type']}`)
      assert.equal((await xlsx.body()).subarray(0, 2).toString('latin1'), 'PK', 'a zip')

      portalStep = 'portal-errors'
      assert.deepEqual(portal.pageErrors, [], 'no uncaught errors in the portal')
      assert.deepEqual(portal.apiFailures, [], 'no failed API calls in the portal')
    } catch (err) {
      throw await annotateFailure(err, { ...portal, name: 'annual-report-portal', step: portalStep })
    } finally {
      await pp.context().close()
    }
  },
)

test('年度行政执法数据 on a phone: fits 375 pixels; the year, the download and the filter are named', { timeout: 60_000 }, async () => {
  const { browser } = await launch()
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
  const phone = await context.newPage()
  phone.setDefaultTimeout(TIMEOUT_MS)
  const pageErrors = []
  phone.on('pageerror', (err) => pageErrors.push(String(err)))
  try {
    await phone.goto(`${BASE_URL}/portal/annual`)
    await phone.locator(`${tid('portal-annual-chart-penalties')} canvas`).first().waitFor({ state: 'visible' })
    await phone.locator(rowsOf('portal-annual-table')).first().waitFor({ state: 'visible' })
    const { scrollWidth, innerWidth } = await phone.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
    assert.ok(scrollWidth <= innerWidth, `no sideways scrolling: the page is ${scrollWidth} px wide on a ${innerWidth} px screen`)

    const years = phone.locator(tid('portal-annual-years'))
    const labelId = await years.getAttribute('aria-labelledby')
    assert.ok(labelId, 'the year choice is labelled')
    assert.equal((await phone.locator(`#${labelId}`).textContent()).trim(), '年度')
    assert.equal(await years.getAttribute('role'), 'radiogroup')
    assert.match(await phone.locator(tid('portal-annual-download')).getAttribute('aria-label'), /^下载 \d{4} 年度行政执法数据/)
    assert.equal(await inputOf(phone, 'portal-annual-q').getAttribute('aria-label'), '按执法主体名称筛选')
    const right = await phone.locator(tid('portal-annual-download')).evaluate((el) => el.getBoundingClientRect().right)
    assert.ok(right <= innerWidth, `the download link fits the screen (right edge ${right})`)
    assert.deepEqual(pageErrors, [], 'no uncaught errors on the phone')
  } catch (err) {
    throw await annotateFailure(err, { page: phone, name: 'annual-report-phone', step: 'phone', pageErrors })
  } finally {
    await browser.close()
  }
})
