// End-to-end: 持证异常人员办案情况 (/cases/uncertified) — officers still on open cases who hold no certificate
// in force today for the case's field (GET /api/reports/uncertified-on-cases) — against a running
// `zhifa serve` with the demo data loaded.
//
// As the administrator. The first test adds, through the API, a case of the city market team
// (140800-ZF-SCJG) with two officers certified for the market field on 2026-06-15 and today, files it on
// 2026-06-15, then suspends (暂扣) the one market certificate of its first officer: the page, opened from the
// menu, lists that officer on that case with a red 暂扣 reason, and counts what the API counts. The
// certificate is reinstated when the test ends, pass or fail, so the server is left as found (the case
// stays, open; other e2e files do not depend on it). The second test stubs the report: no rows shows the
// empty state, an expired certificate an orange tag.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/case-report.test.mjs
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import assert from 'node:assert/strict'
import { adminTest, inputOf, openMenu, rowsOf, stubRoute, tid, waitForExactText, waitForText } from './helpers.mjs'
import { ON, advance, marketTeam, newLead } from './case_setup.mjs'

const REPORT_PATH = '/api/reports/uncertified-on-cases'
const EMPTY_TEXT = '当前没有持证异常仍在办案的人员'

adminTest('案件办理: 持证异常人员办案情况 lists an officer whose certificate is suspended, as the API does', {
  name: 'case-report',
  timeout: 180_000,
}, async ({ page, api, suffix, setStep, defer }) => {
  setStep('seed')
  const today = (await api.get(REPORT_PATH)).date
  const team = await marketTeam(api, { days: [ON, today], oneCertificate: true })
  const party = `某某超市${suffix}`
  const lead = await newLead(api, team, { party, summary: '监督检查发现销售不合格商品（E2E 持证异常）', source: 'inspection' })
  const theCase = await advance(api, lead, 'file')
  const before = await api.get(REPORT_PATH)
  assert.ok(!before.items.some((i) => i.case_id === theCase.id), 'both officers are certified: the case is not listed yet')

  setStep('suspend')
  const officer = team.officers[0]
  const r = await api.post(`/api/certificates/${officer.certificate.id}/events`, { event: 'suspend', reason: '年审不合格' })
  assert.equal(r.status, 200, r.text)
  const suspended = officer.certificate.id
  defer(async () => {
    const back = await api.post(`/api/certificates/${suspended}/events`, { event: 'reinstate', reason: '复查合格' })
    assert.equal(back.status, 200, `reinstating certificate ${suspended}: ${back.text}`)
  })
  const report = await api.get(REPORT_PATH)
  const rows = report.items.filter((i) => i.case_id === theCase.id)
  assert.equal(rows.length, 1, 'only the suspended officer is listed on the case')
  const want = rows[0]
  assert.equal(want.officer_id, officer.id)
  assert.equal(want.code, 'suspended')
  assert.equal(report.total, report.items.length)

  setStep('open')
  const answered = page.waitForResponse((res) => new URL(res.url()).pathname === REPORT_PATH)
  await openMenu(page, 'case-uncertified', '/cases/uncertified')
  assert.equal((await answered).status(), 200)
  await waitForText(page, tid('uncertified-note'), (t) => t.includes('第四十二条') && t.includes('暂扣、吊销或过期'), 'the explanation')
  await waitForExactText(page, tid('uncertified-count'), String(report.total), 'the count is the API total')
  await waitForText(page, tid('uncertified-date'), (t) => t.includes(report.date), 'the day checked')
  await waitForText(page, '.el-pagination__total', (t) => /(\d+)/.exec(t)?.[1] === String(report.total), 'the pager counts every row')

  setStep('row')
  await inputOf(page, 'uncertified-q').fill(party)
  const link = page.locator(`${tid('uncertified-case')}[data-case-id="${theCase.id}"]`)
  await link.waitFor({ state: 'visible' })
  assert.equal(await page.locator(rowsOf('uncertified-table')).count(), 1, 'the filter keeps the case\'s one row')
  const row = page.locator(rowsOf('uncertified-table')).first()
  const cells = (await row.locator('td').allTextContents()).map((t) => t.trim())
  assert.equal(cells[0], party, 'the case (party)')
  assert.equal(cells[1], want.org_name, 'the body')
  assert.equal(cells[2], want.state_label, 'the state')
  assert.equal(cells[3], officer.name, 'the officer whose certificate is suspended')
  assert.equal(cells[4], want.field_label, 'the field')
  assert.ok(cells[5].includes('暂扣'), `the reason says 暂扣: ${cells[5]}`)
  assert.ok(cells[5].includes(want.reason), `the server's reason: ${cells[5]}`)
  const tag = row.locator(tid('uncertified-tag'))
  assert.match(await tag.getAttribute('class'), /el-tag--danger/, 'a suspended certificate is tagged red')

  setStep('open-case')
  await link.click()
  await page.waitForURL((url) => url.pathname === `/cases/${theCase.id}`)
  await waitForExactText(page, tid('case-party'), party, 'the party opens its case')
})

adminTest('案件办理: 持证异常人员办案情况 shows the empty state, and an expired certificate in orange (stubbed)', {
  name: 'case-report-stub',
  timeout: 60_000,
  beforeSignIn: (page) => stubRoute(page, `**${REPORT_PATH}`, { status: 200, json: { date: '2026-11-28', total: 0, items: [] } }),
}, async ({ page, setStep, prepared: report }) => {
  setStep('empty')
  await openMenu(page, 'case-uncertified', '/cases/uncertified')
  await waitForExactText(page, tid('uncertified-count'), '0', 'nothing to count')
  await waitForText(page, tid('uncertified-empty'), (t) => t.includes(EMPTY_TEXT), 'the empty state')
  assert.equal(await page.locator(tid('uncertified-export')).isDisabled(), true, 'nothing to export')

  setStep('expired')
  report.answer = {
    status: 200,
    json: {
      date: '2026-11-28',
      total: 2,
      items: [
        { case_id: 1, party_name: '甲商行', org_name: '某执法队', state: 'investigating', state_label: '调查取证', officer_id: 1, officer_name: '张三', field_label: '市场监管', code: 'expired', reason: '执法证已过期(有效期至 2026-10-01)' },
        { case_id: 2, party_name: '乙商行', org_name: '某执法队', state: 'lead', state_label: '线索登记', officer_id: 2, officer_name: '李四', field_label: '市场监管', code: 'revoked', reason: '执法证已被吊销' },
      ],
    },
  }
  await page.locator(tid('uncertified-refresh')).click()
  await waitForExactText(page, tid('uncertified-count'), '2', 'two rows')
  await waitForExactText(page, tid('uncertified-severe-count'), '1', 'one revoked')
  const tags = page.locator(tid('uncertified-tag'))
  await tags.nth(1).waitFor({ state: 'visible' })
  assert.match(await tags.nth(0).getAttribute('class'), /el-tag--warning/, 'an expired certificate is tagged orange')
  assert.match(await tags.nth(1).getAttribute('class'), /el-tag--danger/, 'a revoked one red')
  assert.equal(await page.locator(tid('uncertified-empty')).count(), 0, 'no empty state with rows')
  assert.equal(await page.locator(tid('uncertified-export')).isDisabled(), false, 'rows to export')
})
