// End-to-end: the case desks of 案件办理 — 办案期限看板 (/cases/deadlines), 法制审核工作台 (/cases/review) and
// the deadline bell in the header — against a running `zhifa serve` with the demo data loaded.
//
// As the administrator. What the pages show is compared with the API answered to the same session
// (page.request): the board's counts, rows (in the server's order), the per-body and per-officer counts for
// 30 and then 3 days; the desk's 待审核 count and pager against the reviewing cases' total, one case's
// fine in yuan and its days past the decision deadline, and its 去审核 opening the case with the review
// steps offered. The bell: against the server when it has GET /api/notifications (badge = overdue + due,
// plus the publication reminders of GET /api/publications/reminders the administrator also gets; the
// first ten case reminders, 查看办案期限看板), hidden when it answers 404; and against a stubbed answer (12
// reminders, none, a 404 — the publication reminders stubbed as none, then 404 too).
//
// Each run adds, through the API, a case of the city market team (140800-ZF-SCJG) sent to legal review
// (filed, noticed a fine of 12,345.60 yuan, submitted, each step on 2026-06-15, so its decision deadline
// has passed), and — when nothing is due soon — a case filed 85 days ago (its decision due in about five
// days; skipped when that falls beyond the official calendar). Other e2e files do not depend on them.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/case-desks.test.mjs
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import assert from 'node:assert/strict'
import { BASE_URL, TIMEOUT_MS, adminTest, openMenu, pagerTotal, rowsOf, stubRoute, tableRows, tid, waitForExactText, waitForText } from './helpers.mjs'
import { ON, addDays, caseThrough, marketTeam } from './case_setup.mjs'

const FINE_FEN = 1_234_560
const FINE_TEXT = '12,345.6 元'
const KIND_LABELS = { decision: '作出决定', service: '送达决定书', payment: '缴纳罚款' }
const PAGE_SIZE = 20
/** The summary of the cases the board test adds. */
const SUMMARY = '群众举报销售过期食品（E2E 期限看板）'

/** The text of each row of a small el-table (all rows, however many). */
const allRows = (page, id) =>
  page.locator(rowsOf(id)).evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()).join('|')))

const leftText = (d) => (d.overdue ? `超期 ${-d.days_left} 天` : d.days_left === 0 ? '今日到期' : `剩 ${d.days_left} 天`)

/** Counts the board should show for an API answer. */
function expectedBoard(board) {
  const overdue = board.items.filter((i) => i.overdue).length
  const counts = (rows) => rows.map((r) => `${r.name}|${r.overdue}|${r.due}`).sort()
  return { overdue, due: board.items.length - overdue, byBody: counts(board.by_body), byOfficer: counts(board.by_officer) }
}

/** Picks `within` on the board, waits for its answer and checks the page against the API's. */
async function checkBoard(page, api, within) {
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === '/api/cases/deadlines' && new URL(r.url()).searchParams.get('within') === String(within),
  )
  await page.locator(tid(`deadline-within-${within}`)).click()
  assert.equal((await answered).status(), 200)
  const board = await api.get(`/api/cases/deadlines?within=${within}`)
  const want = expectedBoard(board)
  assert.ok(board.items.length > 0, `something is overdue or due within ${within} days`)
  await waitForExactText(page, tid('deadline-overdue-count'), String(want.overdue), `已超期 (${within} 天)`)
  await waitForExactText(page, tid('deadline-due-count'), String(want.due), `即将到期 (${within} 天)`)
  assert.equal(await pagerTotal(page, 'deadline-table', 'the board'), board.items.length, 'the pager counts every deadline')

  const rows = await tableRows(page, 'deadline-table', 'the board')
  assert.equal(rows.length, Math.min(PAGE_SIZE, board.items.length), 'the first page of deadlines')
  rows.forEach((row, i) => {
    const d = board.items[i]
    const cells = row.split('|')
    assert.equal(cells[0], d.party_name, `row ${i}: the party (the server's order)`)
    assert.equal(cells[1], d.org_name, `row ${i}: the body`)
    assert.equal(cells[2], d.state_label, `row ${i}: the state`)
    assert.equal(cells[3], KIND_LABELS[d.kind], `row ${i}: what is due`)
    assert.equal(cells[4], d.due, `row ${i}: the deadline`)
    assert.equal(cells[5], leftText(d), `row ${i}: the days left or past`)
  })
  if (want.overdue > 0) {
    const first = board.items.findIndex((i) => i.overdue)
    const tag = page.locator(rowsOf('deadline-table')).nth(first).locator(tid('deadline-left'))
    assert.match(await tag.getAttribute('class'), /el-tag--danger/, 'an overdue deadline is tagged red')
  }
  assert.deepEqual((await allRows(page, 'deadline-by-body')).sort(), want.byBody, '按执法主体')
  assert.deepEqual((await allRows(page, 'deadline-by-officer')).sort(), want.byOfficer, '按承办人员')
  return board
}

adminTest('案件办理: 办案期限看板 and 法制审核工作台 show what the API answers; the bell follows the server', {
  name: 'case-desks',
  timeout: 240_000,
}, async ({ page, api, suffix, setStep }) => {
  setStep('seed')
  const today = (await api.get('/api/cases/deadlines?within=30')).today
  const soonFiled = addDays(today, -85)
  const team = await marketTeam(api, { days: [ON, soonFiled] })
  const reviewing = await caseThrough(api, team, {
    party: `某某商行${suffix}`,
    summary: SUMMARY,
    steps: [['file'], ['notify', { penalty: { kinds: ['fine'], fine_fen: FINE_FEN } }], ['submit_review']],
  })
  assert.ok(!reviewing.refused, reviewing.refused?.text)
  const review = reviewing.case
  assert.equal(review.state, 'reviewing')
  const board30 = await api.get('/api/cases/deadlines?within=30')
  if (!board30.items.some((i) => !i.overdue) && soonFiled >= '2026-06-01') {
    // Something due soon, when the calendar covers it (else the board only has overdue rows).
    const soon = await caseThrough(api, team, { party: `某某便利店${suffix}`, summary: SUMMARY, on: soonFiled, steps: [['file']] })
    if (soon.refused) assert.equal(soon.refused.body?.code, 'calendar.uncovered', soon.refused.text)
  }

  setStep('deadlines-30')
  await openMenu(page, 'case-deadlines', '/cases/deadlines')
  await page.locator(tid('deadline-table')).waitFor({ state: 'visible' })
  const board = await checkBoard(page, api, 30)
  const mine = board.items.find((i) => i.case_id === review.id)
  assert.ok(mine, 'the reviewing case is on the board')
  assert.equal(mine.kind, 'decision')
  assert.equal(mine.overdue, true, `decided by ${mine.due}, today ${board.today}`)
  await waitForText(page, tid('deadline-range'), (t) => t.includes(board.until), 'the board says until when it counts')
  assert.equal(new URL(page.url()).searchParams.get('within'), '30', 'the window is kept in the address')

  setStep('deadlines-3')
  await checkBoard(page, api, 3)

  setStep('deadlines-open')
  const first = (await api.get('/api/cases/deadlines?within=3')).items[0]
  await page.locator(tid('deadline-case')).first().click()
  await page.waitForURL((url) => url.pathname === `/cases/${first.case_id}`)
  await waitForExactText(page, tid('case-party'), first.party_name, 'the party opens its case')

  setStep('review-desk')
  await openMenu(page, 'case-review', '/cases/review')
  const total = (await api.get('/api/cases?state=reviewing&page=1&page_size=1')).total
  assert.ok(total >= 1, 'at least the case just sent to review')
  await waitForExactText(page, tid('review-pending-count'), String(total), '待审核')
  assert.equal(await pagerTotal(page, 'review-table', 'the desk'), total, 'the desk lists every reviewing case')
  assert.equal((await tableRows(page, 'review-table', 'the desk')).length, Math.min(PAGE_SIZE, total), 'the first page')
  const firstPage = (await api.get(`/api/cases?state=reviewing&page=1&page_size=${PAGE_SIZE}`)).items
  const shownIds = await page.locator(tid('review-row')).evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-case-id'))))
  assert.deepEqual(shownIds, firstPage.map((c) => c.id), 'the same cases, in the same order')

  setStep('review-row')
  await page.locator(`${tid('review-row')}[data-case-id="${review.id}"]`).waitFor({ state: 'visible' })
  await waitForExactText(page, tid(`review-fine-${review.id}`), FINE_TEXT, 'the noticed fine in yuan')
  await waitForExactText(page, tid(`review-left-${review.id}`), leftText(mine), 'the days past the decision deadline')
  await page.locator(tid(`review-open-${review.id}`)).click()
  await page.waitForURL((url) => url.pathname === `/cases/${review.id}`)
  await waitForExactText(page, tid('case-state'), '法制审核', 'the case waits for the review')
  for (const a of ['review_agree', 'review_correct', 'review_transfer']) {
    await page.locator(tid(`case-action-${a}`)).waitFor({ state: 'visible' })
  }

  setStep('bell')
  const server = await api.call('GET', '/api/notifications')
  // The bell also counts the decisions near or past their publication deadline (the administrator may list them).
  const publication = await api.call('GET', '/api/publications/reminders')
  const pubCount = publication.status === 200 ? publication.body.items.length : 0
  const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/notifications')
  await page.goto(`${BASE_URL}/`)
  assert.equal((await asked).status(), server.status, 'the bell asks the server')
  if (server.status === 404 && publication.status !== 200) {
    // A server without reminders: no bell, no message.
    await page.waitForTimeout(300)
    assert.equal(await page.locator(tid('notify-bell')).count(), 0, 'no bell when the server has no reminders')
    assert.equal(await page.locator('.el-message--error').count(), 0, 'and no error shown')
  } else {
    assert.equal(server.status, 200, server.text)
    const n = server.body
    const bell = page.locator(tid('notify-bell'))
    await bell.waitFor({ state: 'visible' })
    const count = n.overdue + n.due + pubCount
    if (count > 0) {
      await waitForExactText(page, `${tid('notify-badge')} sup`, count > 99 ? '99+' : String(count), 'the badge counts overdue and due (cases and publication)')
    }
    await bell.click()
    await page.locator(tid('notify-panel')).waitFor({ state: 'visible' })
    if (n.items.length > 0) {
      await page.locator(tid('notify-item')).first().waitFor({ state: 'visible' })
      assert.equal(await page.locator(tid('notify-item')).count(), Math.min(10, n.items.length), 'at most ten reminders')
      assert.equal((await page.locator(tid('notify-item')).first().textContent()).includes(n.items[0].text), true, 'the server\'s sentence')
    } else {
      await waitForExactText(page, tid('notify-empty'), '暂无待办期限', 'no reminders')
    }
    await page.locator(tid('notify-all')).click()
    await page.waitForURL((url) => url.pathname === '/cases/deadlines')
  }
})

adminTest('案件办理: the bell shows a stubbed /api/notifications (ten of twelve, none) and hides on 404', {
  name: 'case-desks-bell',
  // The publication reminders are stubbed too (none, then 404), so that the bell speaks of cases only.
  beforeSignIn: async (page) => ({
    notifications: await stubRoute(page, '**/api/notifications', { status: 200, json: { overdue: 0, due: 0, items: [] } }),
    reminders: await stubRoute(page, '**/api/publications/reminders', { status: 200, json: { items: [] } }),
  }),
  allowFailures: (f) => /^404 GET .*\/api\/publications\/reminders$/.test(f),
}, async ({ page, api, setStep, prepared: { notifications, reminders } }) => {
  const some = (await api.get('/api/cases?page=1&page_size=1')).items[0]
  assert.ok(some, 'a case to point at (the test above adds one)')

  setStep('twelve')
  const items = Array.from({ length: 12 }, (_, i) => ({
    case_id: some.id,
    party_name: some.party_name,
    org_name: some.org_name,
    kind: i === 0 ? 'review' : 'decision',
    due: '2026-06-01',
    overdue: i < 11,
    days_left: i < 11 ? -(i + 1) : 2,
    text: `提醒${i + 1}：${some.party_name}案应于 2026-06-01 前作出决定`,
  }))
  notifications.answer = { status: 200, json: { overdue: 11, due: 1, items } }
  await page.reload()
  const bell = page.locator(tid('notify-bell'))
  await bell.waitFor({ state: 'visible' })
  await waitForExactText(page, `${tid('notify-badge')} sup`, '12', 'the badge: 11 overdue + 1 due')
  await bell.click()
  await page.locator(tid('notify-item')).first().waitFor({ state: 'visible' })
  await waitForText(page, tid('notify-summary'), (t) => t.replace(/\s+/g, '') === '已超期11件，即将到期1件', 'the summary')
  const texts = await page.locator(tid('notify-item')).allTextContents()
  assert.equal(texts.length, 10, 'the first ten')
  assert.ok(texts[0].includes(items[0].text) && texts[0].includes('法制审核'), texts[0])
  assert.ok(texts[1].includes('作出决定'), texts[1])
  assert.ok(texts[9].includes(items[9].text), texts[9])
  await page.locator(tid('notify-item')).nth(3).click()
  await page.waitForURL((url) => url.pathname === `/cases/${some.id}`)
  await waitForExactText(page, tid('case-party'), some.party_name, 'a reminder opens its case')

  setStep('none')
  notifications.answer = { status: 200, json: { overdue: 0, due: 0, items: [] } }
  await page.reload()
  await bell.waitFor({ state: 'visible' })
  assert.equal(await page.locator(`${tid('notify-badge')} sup`).isVisible(), false, 'no badge with nothing due')
  await bell.click()
  await waitForExactText(page, tid('notify-empty'), '暂无待办期限', 'nothing due')
  await page.locator(tid('notify-all')).click()
  await page.waitForURL((url) => url.pathname === '/cases/deadlines')

  setStep('not-found')
  notifications.answer = { status: 404, contentType: 'application/problem+json', body: JSON.stringify({ code: 'not_found', status: 404, message_zh: '接口不存在或无权访问' }) }
  reminders.answer = notifications.answer
  const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/notifications')
  await page.reload()
  assert.equal((await asked).status(), 404)
  await page.locator(tid('deadline-table')).waitFor({ state: 'visible' })
  await page.waitForTimeout(300)
  assert.equal(await page.locator(tid('notify-bell')).count(), 0, 'the bell hides on 404')
  assert.equal(await page.locator('.el-message--error').count(), 0, 'silently')
  // It stays hidden across pages (no new call).
  let again = 0
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/notifications') again++
  })
  await openMenu(page, 'cases', '/cases')
  await page.locator(tid('case-table')).waitFor({ state: 'visible', timeout: TIMEOUT_MS })
  assert.equal(again, 0, 'no further calls after a 404')
  assert.equal(await page.locator(tid('notify-bell')).count(), 0)
})
