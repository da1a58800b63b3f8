// End-to-end: 裁量基准 against a running `zhifa serve` with the demo data loaded. As the administrator:
// takes the first demo benchmark from the API, finds it in 裁量基准, opens it (articles, levels), and in
// 试算 picks a level with serious harm (so that no lenient-list entry applies) and sees the level's fine
// range in yuan ("5,000.00 元 至 20,000.00 元") with the outcome 处罚; then, signed out, finds the same
// benchmark in the public portal's 裁量基准 and opens it to its levels.
// Only reads (试算 stores nothing). Run: ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/benchmarks.test.mjs
import { test } from 'node:test'
import assert from 'node:assert/strict'
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
  signIn,
  tid,
  waitForText,
} from './helpers.mjs'

/** Illegal gains / goods value typed into 试算 when the benchmark counts the fine in multiples. */
const BASE_YUAN = 10000

const LEVEL_LABEL = { minor: '轻微', general: '一般', serious: '较重', grave: '严重' }
const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
/** As the console shows money (utils/discretion.ts formatYuan / formatFenRange). */
const yuan = (fen) => `${yuanFormat.format(fen / 100)} 元`
function fenRange(min, max) {
  if (min === 0 && max === 0) return '不罚款'
  if (min === max) return yuan(min)
  return `${yuan(min)} 至 ${yuan(max)}`
}

/** The level's range in fen, as domain::decide computes it for a case with no lighter or aggravating facts. */
function expectedRange(benchmark, level) {
  if (benchmark.fine_basis === 'fixed') return fenRange(level.min, level.max)
  const base = BASE_YUAN * 100
  return fenRange(Math.floor((base * level.min) / 1000), Math.floor((base * level.max) / 1000))
}

/** The first benchmark of the demo and its whole record, read with the admin's session. */
async function firstBenchmark(page) {
  return page.evaluate(async () => {
    const get = async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' })
      if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)
      return res.json()
    }
    const list = await get('/api/benchmarks?page=1&page_size=1')
    if (!list.items?.length) return null
    return get(`/api/benchmarks/${list.items[0].id}`)
  })
}

/**
 * Searches a list for a benchmark and waits for its row (`rowSelector`). The contract does not say what
 * `q` matches for benchmarks: the code first, then the violation.
 */
async function searchFor(page, qId, searchId, rowSelector, benchmark) {
  for (const q of [benchmark.code, benchmark.violation]) {
    await inputOf(page, qId).fill(q)
    await page.locator(tid(searchId)).click()
    const found = await page
      .locator(rowSelector)
      .first()
      .waitFor({ state: 'visible', timeout: TIMEOUT_MS / 2 })
      .then(() => true)
      .catch(() => false)
    if (found) return
  }
  assert.fail(`${benchmark.code} (${benchmark.violation}) is not found by the search`)
}

test('裁量基准: open a demo benchmark, 试算 gives the range in yuan, the portal shows it', { timeout: 120_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let portal = null
  let portalErrors = []
  let portalApiFailures = []
  let step = 'sign-in'
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)

    step = 'demo-benchmark'
    const benchmark = await firstBenchmark(page)
    assert.ok(benchmark, 'the demo data has a discretion benchmark')
    assert.ok(benchmark.levels?.length > 0, `benchmark ${benchmark.code} has levels`)
    const level = benchmark.levels.find((l) => l.key === 'general' && l.max > 0) ?? benchmark.levels.find((l) => l.max > 0) ?? benchmark.levels[0]
    const levelName = level.label || LEVEL_LABEL[level.key] || level.key

    step = 'open-list'
    await openMenu(page, 'benchmarks', '/catalogue/benchmarks')
    await page.locator(`${tid('benchmark-table')} .el-table__body tr`).first().waitFor({ state: 'visible' })
    const rowSelector = `${tid('benchmark-row')}[data-code="${benchmark.code}"]`
    await searchFor(page, 'benchmark-search-q', 'benchmark-search', rowSelector, benchmark)

    step = 'open-benchmark'
    await page.locator(tid(`benchmark-open-${benchmark.id}`)).click()
    await waitForText(page, tid('benchmark-violation'), (t) => t === benchmark.violation, 'the benchmark drawer')
    const levels = await waitForText(page, tid('benchmark-levels'), (t) => t.includes(levelName), 'the levels table')
    assert.ok(levels.includes(levelName), levels)
    const penalty = await page.locator(tid('benchmark-penalty')).textContent()
    assert.ok(penalty.includes(benchmark.penalty.citation.slice(0, 6)), `the penalty article: ${penalty}`)

    step = 'try'
    await page.locator(tid('benchmark-try')).click()
    await page.locator(`.el-select${tid('try-level')}`).click()
    const option = page.locator(tid(`try-level-${level.key}`))
    await option.waitFor({ state: 'visible' })
    await option.click()
    // serious harm: no lenient-list entry (at most minor harm) and no 首违不罚 applies, so the level's range stands
    await page.locator(tid('try-harm')).getByText('严重', { exact: true }).click()
    if (benchmark.fine_basis !== 'fixed') {
      const base = inputOf(page, 'try-base')
      await base.fill(String(BASE_YUAN))
      await base.press('Tab')
    }
    await page.locator(tid('try-submit')).click()
    const outcome = await waitForText(page, tid('try-outcome'), (t) => t.length > 0, 'the outcome of 试算')
    assert.equal(outcome, '处罚', 'serious harm: a penalty')
    const range = await waitForText(page, tid('try-range'), (t) => t.length > 0, 'the permitted range')
    assert.equal(range, expectedRange(benchmark, level), `the ${levelName} range in yuan`)
    if (level.max > 0) assert.match(range, /\d\.\d{2} 元/, 'money in yuan with two decimals')
    const reasons = await page.locator(tid('try-reasons')).textContent()
    assert.ok(reasons.includes('裁量等级'), `the reasons name the level: ${reasons}`)

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
    assert.deepEqual(apiFailures, [], 'no failed API calls')

    // ---- the public portal, signed out ----
    step = 'portal'
    ;({ page: portal, pageErrors: portalErrors, apiFailures: portalApiFailures } = await openPortal(browser))
    await portal.goto(`${BASE_URL}/portal/benchmarks`)
    await waitForText(portal, tid('portal-benchmarks-heading'), (t) => t.includes('裁量基准'), 'the portal page')
    const portalRow = `${tid('portal-benchmark-row')}[data-code="${benchmark.code}"]`
    await searchFor(portal, 'portal-benchmarks-q', 'portal-benchmarks-search', portalRow, benchmark)

    step = 'portal-expand'
    const tr = portal.locator(`${tid('portal-benchmarks-table')} .el-table__body tr`).filter({ has: portal.locator(portalRow) })
    await tr.locator('.el-table__expand-icon').click()
    const shown = await waitForText(portal, tid(`portal-benchmark-levels-${benchmark.id}`), (t) => t.includes(levelName), 'the public levels')
    if (benchmark.fine_basis === 'fixed' && level.max > 0) assert.ok(shown.includes(yuan(level.max)), `the level's maximum in yuan: ${shown}`)
    const detail = await portal.locator(tid(`portal-benchmark-detail-${benchmark.id}`)).textContent()
    assert.ok(detail.includes('处罚依据'), 'the articles are shown')

    assert.deepEqual(portalErrors, [], 'no uncaught errors in the portal')
    assert.deepEqual(portalApiFailures, [], 'no failed portal API calls')
  } catch (err) {
    const target = step.startsWith('portal') && portal ? portal : page
    throw await annotateFailure(err, {
      page: target,
      name: 'benchmarks',
      step,
      pageErrors: target === page ? pageErrors : portalErrors,
      apiFailures: target === page ? apiFailures : portalApiFailures,
    })
  } finally {
    await browser.close()
  }
})
