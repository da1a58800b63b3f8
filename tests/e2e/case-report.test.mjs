// End-to-end: 持证异常人员办案情况 (/cases/uncertified) — officers still on open cases who hold no certificate
// in force today for the case's field (GET /api/reports/uncertified-on-cases) — against a running
// `zhifa serve` with the demo data loaded.
//
// As the administrator. The first test adds, through the API, a case of the city market team
// (140800-ZF-SCJG) with two officers certified for the market field on 2026-06-15 and today, files it on
// 2026-06-15, then suspends (暂扣) the one market certificate of its first officer: the page, opened from the
// menu, lists that officer on that case with a red 暂扣 reason, and counts what the API counts. The
// certificate is reinstated in a finally block, so the server is left as found (the case stays, open; other
// e2e files do not depend on it). The second test stubs the report: no rows shows the empty state, an
// expired certificate an orange tag.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/case-report.test.mjs
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  BASE_URL,
  annotateFailure,
  apiOf,
  inputOf,
  launch,
  openMenu,
  rowsOf,
  signIn,
  tid,
  uniqueSuffix,
  waitForExactText,
  waitForText,
} from './helpers.mjs'

const BODY_CODE = '140800-ZF-SCJG'
const ON = '2026-06-15'
const REPORT_PATH = '/api/reports/uncertified-on-cases'
const EMPTY_TEXT = '当前没有持证异常仍在办案的人员'


/**
 * The city market team, a matter it may use and two officers (not legal reviewers) certified for the
 * market field on each of `days`, each with exactly one certificate for that field (so suspending it
 * leaves the officer without any, and the reason is the suspension).
 */
async function marketTeam(api, days) {
  const body = (await api.get(`/api/bodies?q=${encodeURIComponent(BODY_CODE)}`)).items.find((b) => b.code === BODY_CODE)
  assert.ok(body, `the demo has ${BODY_CODE}`)
  const matter = (await api.get(`/api/matters/usable?org_id=${body.org_id}`)).items.find((m) => m.field === 'market')
  assert.ok(matter, 'the team may use a market matter')
  const list = await api.get(`/api/officers?org_id=${body.org_id}&field=market&cert_state=issued&page=1&page_size=100`)
  const officers = []
  for (const o of list.items) {
    if (o.legal_reviewer) continue
    let all = true
    for (const d of days) all = all && (await api.get(`/api/officers/${o.id}/eligibility?field=market&date=${d}`)).certified
    if (!all) continue
    const detail = await api.get(`/api/officers/${o.id}`)
    const market = detail.certificates.filter((c) => (c.fields ?? []).includes('market'))
    if (market.length !== 1 || market[0].state !== 'issued') continue
    officers.push({ ...o, certificate: market[0] })
    if (officers.length === 2) break
  }
  assert.equal(officers.length, 2, 'the team has two officers certified for the market field, one certificate each')
  return { body, matter, officers }
}

test('案件办理: 持证异常人员办案情况 lists an officer whose certificate is suspended, as the API does', { timeout: 180_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let step = 'sign-in'
  const suffix = uniqueSuffix()
  let api = null
  let suspended = null
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })
    api = await apiOf(page)

    step = 'seed'
    const today = (await api.get(REPORT_PATH)).date
    const team = await marketTeam(api, [ON, today])
    const party = `某某超市${suffix}`
    const created = await api.post('/api/cases', {
      org_id: team.body.org_id,
      procedure: 'general',
      source: 'inspection',
      summary: '监督检查发现销售不合格商品（E2E 持证异常）',
      party_name: party,
      party_type: 'organisation',
      field: 'market',
      matter_id: team.matter.id,
      act_date: '2026-05-20',
      discovered: '2026-06-01',
      officer_ids: team.officers.map((o) => o.id),
    })
    assert.equal(created.status, 201, created.text)
    const filed = await api.post(`/api/cases/${created.body.id}/actions`, { action: 'file', version: created.body.version, data: { on: ON } })
    assert.equal(filed.status, 200, filed.text)
    const theCase = filed.body
    const before = await api.get(REPORT_PATH)
    assert.ok(!before.items.some((i) => i.case_id === theCase.id), 'both officers are certified: the case is not listed yet')

    step = 'suspend'
    const officer = team.officers[0]
    const r = await api.post(`/api/certificates/${officer.certificate.id}/events`, { event: 'suspend', reason: '年审不合格' })
    assert.equal(r.status, 200, r.text)
    suspended = officer.certificate.id
    const report = await api.get(REPORT_PATH)
    const rows = report.items.filter((i) => i.case_id === theCase.id)
    assert.equal(rows.length, 1, 'only the suspended officer is listed on the case')
    const want = rows[0]
    assert.equal(want.officer_id, officer.id)
    assert.equal(want.code, 'suspended')
    assert.equal(report.total, report.items.length)

    step = 'open'
    const answered = page.waitForResponse((res) => new URL(res.url()).pathname === REPORT_PATH)
    await openMenu(page, 'case-uncertified', '/cases/uncertified')
    assert.equal((await answered).status(), 200)
    await waitForText(page, tid('uncertified-note'), (t) => t.includes('第四十二条') && t.includes('暂扣、吊销或过期'), 'the explanation')
    await waitForExactText(page, tid('uncertified-count'), String(report.total), 'the count is the API total')
    await waitForText(page, tid('uncertified-date'), (t) => t.includes(report.date), 'the day checked')
    await waitForText(page, '.el-pagination__total', (t) => /(\d+)/.exec(t)?.[1] === String(report.total), 'the pager counts every row')

    step = 'row'
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

    step = 'open-case'
    await link.click()
    await page.waitForURL((url) => url.pathname === `/cases/${theCase.id}`)
    await waitForExactText(page, tid('case-party'), party, 'the party opens its case')

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
    assert.deepEqual(apiFailures, [], 'no failed API calls in the console')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'case-report', step, pageErrors, apiFailures })
  } finally {
    try {
      if (api && suspended !== null) {
        const r = await api.post(`/api/certificates/${suspended}/events`, { event: 'reinstate', reason: '复查合格' })
        assert.equal(r.status, 200, `reinstating certificate ${suspended}: ${r.text}`)
      }
    } finally {
      await browser.close()
    }
  }
})

test('案件办理: 持证异常人员办案情况 shows the empty state, and an expired certificate in orange (stubbed)', { timeout: 60_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let step = 'sign-in'
  let answer = { date: '2026-11-28', total: 0, items: [] }
  await page.route(`**${REPORT_PATH}`, (route) => route.fulfill({ status: 200, json: answer }))
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'empty'
    await openMenu(page, 'case-uncertified', '/cases/uncertified')
    await waitForExactText(page, tid('uncertified-count'), '0', 'nothing to count')
    await waitForText(page, tid('uncertified-empty'), (t) => t.includes(EMPTY_TEXT), 'the empty state')
    assert.equal(await page.locator(tid('uncertified-export')).isDisabled(), true, 'nothing to export')

    step = 'expired'
    answer = {
      date: '2026-11-28',
      total: 2,
      items: [
        { case_id: 1, party_name: '甲商行', org_name: '某执法队', state: 'investigating', state_label: '调查取证', officer_id: 1, officer_name: '张三', field_label: '市场监管', code: 'expired', reason: '执法证已过期(有效期至 2026-10-01)' },
        { case_id: 2, party_name: '乙商行', org_name: '某执法队', state: 'lead', state_label: '线索登记', officer_id: 2, officer_name: '李四', field_label: '市场监管', code: 'revoked', reason: '执法证已被吊销' },
      ],
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

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
    assert.deepEqual(apiFailures, [], 'no failed API calls in the console')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'case-report-stub', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
