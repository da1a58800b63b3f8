// End-to-end test of 行政处罚等决定公示 on the public portal against a running `zhifa serve` with the demo data.
//
// As the administrator, through the API: a case of the city market team decided (警告 and a fine, against an
// organisation whose made-up name no other case has), its publication found on the publisher's desk by the
// decision number and published. Then, signed out in a new browser context, the portal: the decision found
// by its party's name on 执法决定公示, opened, 核验 passes all five steps in the browser; the same page with
// the answers altered as a changed database would give them (one character of the text; one byte of the
// checkpoint's signature) fails at the step that catches it. Searches with SQL and regex metacharacters
// show the empty result, not an error. Then the publication is withdrawn (revoked) through the API and the
// reloaded page shows the withdrawal notice with the reason instead of the text, with no 核验, and the
// proof answers 410. Last, on a 375-pixel-wide phone: the search box is there, named for screen readers,
// and the page does not scroll sideways; a 429 from searching too often shows the server's message.
//
// Writes one case and one publication (withdrawn at the end) under a unique name: it can run before or
// after the other e2e files on the same server.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE_URL, TIMEOUT_MS, adminTest, annotateFailure, inputOf, launch, openPortal, tid, waitForText } from './helpers.mjs'
import { decidedCase, marketTeam } from './case_setup.mjs'

/** The five steps of 核验, in the order the page shows them (portal/verifyDecision.ts). */
const STEPS = ['text', 'payload', 'leaf', 'path', 'signature']
const WITHDRAW_REASON = '该行政处罚决定已被依法撤销（端到端测试）'

/** A made-up company name no other case has: the run's suffix spelt in Chinese characters. */
function uniqueCompany(suffix) {
  const CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土日月星云山川河海林松竹梅兰菊'
  const spelt = [...suffix].map((ch) => CHARS[parseInt(ch, 36) % CHARS.length]).join('')
  return `运城${spelt}商贸有限公司`
}

/** Today in China (the server's calendar), YYYY-MM-DD. */
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })

/** Runs the search on 执法决定公示 for `q` and waits for its answer; answers the response. */
async function search(page, q) {
  await inputOf(page, 'portal-decisions-q').fill(q)
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/public/api/decisions' && r.request().method() === 'GET')
  await page.locator(tid('portal-decisions-search')).click()
  return answered
}

/** Presses 核验 and waits for the verdict; answers `{ok, title, steps: {key: ok}}`. */
async function verify(page) {
  await page.locator(tid('portal-decision-verify')).click()
  const verdict = page.locator(tid('portal-decision-verdict'))
  await verdict.waitFor({ state: 'visible', timeout: TIMEOUT_MS })
  const steps = {}
  for (const key of STEPS) steps[key] = await page.locator(tid(`portal-decision-step-${key}`)).getAttribute('data-ok')
  return { ok: await verdict.getAttribute('data-ok'), title: (await verdict.textContent()).trim(), steps }
}

/** Answers the page's next requests for `path` with the server's JSON changed by `change`. */
async function alterAnswer(page, path, change) {
  await page.route((url) => url.pathname === path, async (route) => {
    const res = await route.fetch()
    const body = await res.json()
    change(body)
    await route.fulfill({ response: res, json: body })
  })
}

adminTest(
  '执法决定公示: decide, publish, find on the portal, verify in the browser, withdraw',
  { name: 'portal-decisions', timeout: 180_000 },
  async ({ page, api, suffix, setStep }) => {
    // ---- a decided case, published ----
    setStep('decide')
    const team = await marketTeam(api, { withReviewer: true })
    const party = uniqueCompany(suffix)
    const c = await decidedCase(api, team, party, `当事人${party}涉嫌销售超过保质期的食品`, { fineFen: 500_000 })

    setStep('publish')
    const desk = await api.get(`/api/publications?q=${encodeURIComponent(c.decision_no)}`)
    let pub = desk.items.find((p) => p.case_id === c.id)
    assert.ok(pub, `the decision ${c.decision_no} is on the publisher's desk: ${JSON.stringify(desk.items)}`)
    if (pub.state === 'queued') {
      const published = await api.post(`/api/publications/${pub.id}/publish`, { version: pub.version })
      assert.equal(published.status, 200, `publish: ${published.text}`)
      pub = published.body
    }
    assert.equal(pub.state, 'published', 'the decision is published')

    // ---- the portal, signed out ----
    const portal = await openPortal(page.context().browser())
    const pp = portal.page
    let portalStep = 'portal-search'
    try {
      await pp.goto(`${BASE_URL}/portal/decisions`)
      await waitForText(pp, tid('portal-decisions-heading'), (t) => t === '行政处罚等决定公示', 'the page heading')
      assert.match(await pp.locator(tid('portal-nav-decisions')).getAttribute('class'), /\bactive\b/, 'its tab is lit')
      const found = await search(pp, party)
      assert.equal(found.status(), 200, 'the search answers 200')
      const row = pp.locator(tid(`portal-decision-row-${pub.id}`))
      await row.waitFor({ state: 'visible' })
      const rowText = await row.innerText()
      assert.ok(rowText.includes(c.decision_no), `the row shows the number: ${rowText}`)
      assert.ok(rowText.includes(party), `the row shows the party (an organisation: not masked): ${rowText}`)
      assert.match(rowText, /罚款/, 'the row shows the result')
      assert.equal(await pp.locator('[data-testid^="portal-decision-row-"]').count(), 1, 'only this decision has that party')

      portalStep = 'portal-open'
      await pp.locator(tid(`portal-decision-link-${pub.id}`)).click()
      await pp.waitForURL((url) => url.pathname === `/portal/decisions/${pub.id}`)
      await waitForText(pp, tid('portal-decision-no'), (t) => t === c.decision_no, 'the decision page shows its number')
      await waitForText(pp, tid('portal-decision-party'), (t) => t.startsWith(party), 'the party')
      await waitForText(pp, tid('portal-decision-result'), (t) => t.includes('5,000.00'), 'the fine')
      assert.equal(await pp.locator(tid('portal-decision-proof-link')).getAttribute('href'), `/public/api/decisions/${pub.id}/proof`)

      portalStep = 'portal-verify'
      const verdict = await verify(pp)
      assert.deepEqual(verdict.steps, Object.fromEntries(STEPS.map((k) => [k, 'true'])), `every step passes: ${verdict.title}`)
      assert.equal(verdict.ok, 'true')
      assert.match(verdict.title, /^核验通过/)

      // the answers as a database altered after publication would give them: caught in the browser
      portalStep = 'portal-verify-altered-text'
      const alter = (s) => s.replace('保质期', '保鲜期')
      await alterAnswer(pp, `/public/api/decisions/${pub.id}`, (d) => {
        d.text = alter(d.text)
        d.decision.facts = alter(d.decision.facts)
      })
      await alterAnswer(pp, `/public/api/decisions/${pub.id}/proof`, (p) => {
        p.text = alter(p.text)
      })
      await pp.reload()
      await waitForText(pp, tid('portal-decision-facts'), (t) => t.includes('保鲜期'), 'the altered text is shown')
      const altered = await verify(pp)
      assert.equal(altered.ok, 'false', 'an altered text fails')
      assert.equal(altered.steps.text, 'false', 'at the text step')
      assert.match(altered.title, /第 1 步/)
      await pp.unrouteAll({ behavior: 'wait' })

      portalStep = 'portal-verify-altered-signature'
      await alterAnswer(pp, `/public/api/decisions/${pub.id}/proof`, (p) => {
        const sig = p.checkpoint.signature
        p.checkpoint.signature = sig.slice(0, -2) + (sig.slice(-2) === '00' ? '01' : '00')
      })
      await pp.reload()
      await waitForText(pp, tid('portal-decision-no'), (t) => t === c.decision_no, 'the page again')
      const forged = await verify(pp)
      assert.deepEqual(forged.steps, { text: 'true', payload: 'true', leaf: 'true', path: 'true', signature: 'false' }, 'only the signature fails')
      assert.match(forged.title, /第 5 步「检查点签名」未通过/)
      await pp.unrouteAll({ behavior: 'wait' })

      // ---- searches that are not words: an empty result, never an error ----
      portalStep = 'portal-metacharacters'
      await pp.goto(`${BASE_URL}/portal/decisions`)
      for (const q of [`%' OR 1=1 --`, '.*[(', `"; DROP TABLE publications; --`]) {
        const res = await search(pp, q)
        assert.equal(res.status(), 200, `${q}: 200`)
        await waitForText(pp, tid('portal-decisions-empty'), (t) => t.includes(q.trim()), `${q}: the empty result`)
        await waitForText(pp, tid('portal-decisions-total'), (t) => t.startsWith('共 0 件'), `${q}: the count`)
        assert.equal(await pp.locator(tid('portal-decisions-error')).count(), 0, `${q}: no error shown`)
      }

      // ---- withdrawn: the notice instead of the text ----
      portalStep = 'withdraw'
      const withdrawn = await api.post(`/api/publications/${pub.id}/withdraw`, { kind: 'revoked', reason: WITHDRAW_REASON, changed_on: today() })
      assert.equal(withdrawn.status, 200, `withdraw: ${withdrawn.text}`)

      portalStep = 'portal-withdrawn'
      await pp.goto(`${BASE_URL}/portal/decisions/${pub.id}`)
      await waitForText(pp, tid('portal-decision-withdrawn-title'), (t) => t === '本决定已撤回', 'the withdrawal notice')
      await waitForText(pp, tid('portal-decision-withdrawal-reason'), (t) => t.includes('依法撤销'), 'the reason')
      await waitForText(pp, tid('portal-decision-withdrawal-kind'), (t) => t.length > 0, 'the kind of withdrawal')
      assert.equal(await pp.locator(tid('portal-decision-verify')).count(), 0, 'no 核验 for a withdrawn decision')
      assert.equal(await pp.locator(tid('portal-decision-doc')).count(), 0, 'the text is not shown')
      const proof = await pp.request.get(`${BASE_URL}/public/api/decisions/${pub.id}/proof`)
      assert.equal(proof.status(), 410, 'the proof of a withdrawn decision answers 410')
      assert.equal((await proof.json()).code, 'publication.withdrawn')
      await pp.goto(`${BASE_URL}/portal/decisions`)
      const again = await search(pp, party)
      assert.equal(again.status(), 200)
      await waitForText(pp, tid('portal-decisions-empty'), (t) => t.includes(party), 'a withdrawn decision is no longer found')

      portalStep = 'portal-errors'
      assert.deepEqual(portal.pageErrors, [], 'no uncaught errors in the portal')
      assert.deepEqual(portal.apiFailures, [], 'no failed API calls in the portal')
    } catch (err) {
      throw await annotateFailure(err, { ...portal, name: 'portal-decisions', step: portalStep })
    } finally {
      await pp.context().close()
    }
  },
)

test('执法决定公示 on a phone: the search fits 375 pixels; searching too often shows why', { timeout: 60_000 }, async () => {
  const { browser } = await launch()
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, locale: 'zh-CN', isMobile: true, hasTouch: true })
  const phone = await context.newPage()
  phone.setDefaultTimeout(TIMEOUT_MS)
  const pageErrors = []
  phone.on('pageerror', (err) => pageErrors.push(String(err)))
  let step = 'phone-search'
  try {
    await phone.goto(`${BASE_URL}/portal/decisions`)
    const box = inputOf(phone, 'portal-decisions-q')
    await box.waitFor({ state: 'visible' })
    assert.equal(await box.getAttribute('aria-label'), '决定检索关键词', 'the search box is named for screen readers')
    await phone.locator('[data-testid^="portal-decision-row-"]').first().waitFor({ state: 'visible' })
    const { scrollWidth, innerWidth } = await phone.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }))
    assert.ok(scrollWidth <= innerWidth, `no sideways scrolling: the page is ${scrollWidth} px wide on a ${innerWidth} px screen`)
    const boxRight = await box.evaluate((el) => el.getBoundingClientRect().right)
    assert.ok(boxRight <= innerWidth, `the search box fits the screen (right edge ${boxRight})`)
    await phone.locator(tid('portal-decisions-search')).waitFor({ state: 'visible' })

    step = 'phone-rate-limited'
    const message = '查询过于频繁,请 42 秒后再试'
    await phone.route(
      (url) => url.pathname === '/public/api/decisions',
      (route) =>
        route.fulfill({
          status: 429,
          headers: { 'Retry-After': '42' },
          contentType: 'application/problem+json',
          body: JSON.stringify({ code: 'portal.rate_limited', status: 429, message_zh: message, detail: message }),
        }),
    )
    await search(phone, '食品')
    await waitForText(phone, tid('portal-decisions-error'), (t) => t.includes(message), 'the rate limit is explained')
    assert.deepEqual(pageErrors, [], 'no uncaught errors on the phone')
  } catch (err) {
    throw await annotateFailure(err, { page: phone, name: 'portal-decisions-phone', step, pageErrors })
  } finally {
    await browser.close()
  }
})
