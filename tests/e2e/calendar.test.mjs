// End-to-end: 工作日历 against a running `zhifa serve` with the demo data loaded. As the administrator:
// the menu entry lists the built-in years 2024–2026 as 内置 with the holiday counts GET /api/calendar gives,
// and a year's row opens its months (2025-01-28 放假, 2025-01-26 调休上班). Then 导入放假安排: the year
// defaults to the one after the last covered; a .json file like data/cn-workday-calendar.json fills the
// form from its first year not covered; a typed range expands to its days in the preview and a malformed
// date is refused before sending; a Wednesday given as 调休上班 is refused by the server (不是周末), shown
// in the dialog with the input kept, and no year is added.
//
// Never adds a year (the demo server is shared by the other tests): only the refusal path is sent.
// Run: ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/calendar.test.mjs
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { ADMIN_PASSWORD, ADMIN_USER, BASE_URL, annotateFailure, inputOf, launch, openMenu, signIn, tid, waitForText } from './helpers.mjs'

const pad = (n) => String(n).padStart(2, '0')
/** The first Wednesday of January of `year` after New Year's Day (a holiday), as YYYY-MM-DD. */
function firstWednesday(year) {
  for (let d = 2; d <= 8; d++) {
    if (new Date(Date.UTC(year, 0, d)).getUTCDay() === 3) return `${year}-01-${pad(d)}`
  }
  throw new Error('unreachable')
}

async function calendarOf(page) {
  const res = await page.request.get(`${BASE_URL}/api/calendar`)
  assert.equal(res.status(), 200, 'GET /api/calendar with the page session')
  return res.json()
}

test('工作日历: built-in years, their months, an import refused by the server', { timeout: 120_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let step = 'sign-in'
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    const before = await calendarOf(page)
    for (const y of [2024, 2025, 2026]) assert.ok(before.covered.includes(y), `the server covers ${y}`)

    step = 'open'
    await openMenu(page, 'calendar', '/system/calendar')
    await waitForText(page, tid('calendar-intro'), (t) => t.includes('第八十五条') && t.includes('拒绝计算'), 'the explanation')
    for (const y of [2024, 2025, 2026]) {
      const year = before.years.find((x) => x.year === y)
      assert.ok(year?.builtin, `${y} is built in`)
      await waitForText(page, tid(`calendar-year-${y}`), (t) => t === String(y), `the row of ${y}`)
      assert.equal((await page.locator(tid(`calendar-kind-${y}`)).textContent()).trim(), '内置', `${y} shows as 内置`)
      assert.equal((await page.locator(tid(`calendar-off-${y}`)).textContent()).trim(), String(year.off.length), `${y}: 放假天数`)
      assert.equal((await page.locator(tid(`calendar-work-${y}`)).textContent()).trim(), String(year.work.length), `${y}: 调休上班天数`)
    }
    const rowCount = before.years.length
    assert.equal(await page.locator(`${tid('calendar-table')} [data-testid^="calendar-year-"]`).count(), rowCount, 'one row a year')

    step = 'months'
    const row2025 = page.locator(`${tid('calendar-table')} .el-table__row`).filter({ has: page.locator(tid('calendar-year-2025')) })
    await row2025.locator('.el-table__expand-icon').click()
    const grid = page.locator(tid('calendar-grid-2025'))
    await grid.waitFor({ state: 'visible' })
    assert.equal(await grid.locator('.zf-cal-month').count(), 12, 'twelve months')
    assert.equal(await grid.locator('[data-date="2025-01-28"]').getAttribute('data-kind'), 'off', '除夕 2025-01-28 放假')
    assert.equal(await grid.locator('[data-date="2025-01-26"]').getAttribute('data-kind'), 'work', '2025-01-26 (Sunday) 调休上班')
    assert.equal(await grid.locator('[data-date="2025-03-01"]').getAttribute('data-kind'), 'rest', '2025-03-01 (Saturday) rests')
    assert.equal(await grid.locator('[data-date="2025-03-03"]').getAttribute('data-kind'), 'day', '2025-03-03 (Monday) works')
    const offIn2025 = await grid.locator('[data-kind="off"]').count()
    assert.equal(offIn2025, before.years.find((x) => x.year === 2025).off.length, 'every holiday of 2025 in red')

    step = 'dialog'
    await page.locator(tid('calendar-import')).click()
    const dialog = page.locator(tid('calendar-dialog'))
    await dialog.waitFor({ state: 'visible' })
    const yearInput = inputOf(page, 'calendar-form-year')
    assert.equal(await yearInput.inputValue(), String(Math.max(...before.covered) + 1), 'the year after the last covered')

    // The year sent: not covered (2031 unless someone added it), with a Wednesday as 调休上班.
    let year = 2031
    while (before.covered.includes(year)) year++
    const wednesday = firstWednesday(year)

    step = 'file'
    const file = {
      years: {
        2024: { off: ['2024-01-01'], work: [] },
        [year]: { off: [`${year}-01-01`, `${year}-05-01`, `${year}-10-01`], work: [] },
      },
    }
    await page.locator(tid('calendar-file')).setInputFiles({
      name: 'holidays.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    })
    await waitForText(page, tid('calendar-file-note'), (t) => t.includes(`${year} 年`), 'the file was read')
    assert.equal(await yearInput.inputValue(), String(year), 'the first year of the file not covered')
    await waitForText(page, tid('calendar-preview-off'), (t) => t === '3', 'the file’s three holidays')

    step = 'parse'
    const off = inputOf(page, 'calendar-form-off')
    await off.fill(`${year}-01-01\n${year}-02-05 ~ ${year}-02-11`)
    await waitForText(page, tid('calendar-preview-off'), (t) => t === '8', 'a range of 7 days plus New Year')
    const preview = page.locator(tid('calendar-preview-grid'))
    assert.equal(await preview.locator('[data-kind="off"]').count(), 8, 'the eight days red in the preview')
    await off.fill(`${year}-01-01, ${year}-02-30`)
    await waitForText(page, tid('calendar-parse-errors'), (t) => t.includes(`${year}-02-30`), 'a date that does not exist')
    assert.ok(await page.locator(tid('calendar-submit')).isDisabled(), 'nothing is sent while a date is malformed')
    await off.fill(`${year}-01-01\n${year}-02-05~${year}-02-11`)
    await waitForText(page, tid('calendar-preview-off'), (t) => t === '8', 'the range again')
    assert.equal(await page.locator(tid('calendar-parse-errors')).count(), 0, 'no parse error left')

    step = 'refused'
    await inputOf(page, 'calendar-form-source').fill('端到端测试（不应导入）')
    await inputOf(page, 'calendar-form-work').fill(wednesday)
    await waitForText(page, tid('calendar-preview-work'), (t) => t === '1', 'one worked day')
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/calendar/years') && r.request().method() === 'POST'),
      page.locator(tid('calendar-submit')).click(),
    ])
    assert.equal(res.status(), 400, 'the server refuses a weekday as 调休上班')
    assert.equal((await res.json()).code, 'calendar.work_weekday')
    const shown = await waitForText(page, tid('calendar-submit-error'), (t) => t.includes('不是周末'), 'the server’s refusal')
    assert.ok(shown.includes(wednesday), shown)
    assert.ok(await dialog.isVisible(), 'the dialog stays open')
    assert.equal(await inputOf(page, 'calendar-form-work').inputValue(), wednesday, 'the input is kept')
    assert.equal(await yearInput.inputValue(), String(year), 'the year is kept')

    step = 'unchanged'
    const after = await calendarOf(page)
    assert.deepEqual(after.covered, before.covered, 'no year added')
    assert.equal(after.years.length, before.years.length, 'no year added')
    await page.locator(`${tid('calendar-dialog')} .el-dialog__headerbtn`).click()
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(await page.locator(tid(`calendar-year-${year}`)).count(), 0, `${year} is not listed`)
    assert.equal(await page.locator(`${tid('calendar-table')} [data-testid^="calendar-year-"]`).count(), rowCount, 'the same rows')

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
    const unexpected = apiFailures.filter((f) => !/^400 POST .*\/api\/calendar\/years$/.test(f))
    assert.deepEqual(unexpected, [], 'no failed API calls but the refusal')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'calendar', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
