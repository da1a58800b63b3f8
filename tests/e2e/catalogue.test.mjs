// End-to-end: 执法事项清单 against a running `zhifa serve` with the demo data loaded.
//
// As the administrator: picks the city market team's demo matter SCJG-CF-001 through the API (no name is
// hard-coded), finds it on 执法事项清单 by its code, opens it, edits it — a new name and a flow step named
// for this run (or, on a later run, that step renamed) — with a 修改原因, and saves. The drawer shows the
// next version; 版本历史 lists it with the reason, and the diff of the last two versions shows the old name
// struck out and the new one. Then, signed out in a new browser context, the public portal's 执法事项清单
// finds the matter by code, and its page shows the new name, the new step in the flowchart and 第 N 版.
//
// Changes one demo matter (a new version per run); other e2e files do not depend on its name.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/catalogue.test.mjs
// Env: see helpers.mjs. On failure a screenshot is written to test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  BASE_URL,
  annotateFailure,
  inputOf,
  launch,
  openMenu,
  openPortal,
  signIn,
  signOut,
  tid,
  uniqueSuffix,
  waitForExactText,
  waitForText,
} from './helpers.mjs'

const CODE = 'SCJG-CF-001'
const HOLDER = '运城市市场监督管理综合行政执法队'
/** What an earlier run appended to the name, and how its flow step is named. */
const E2E_NAME_TAIL = /（E2E[^）]*）$/
const E2E_STEP = /^E2E核查/

/** The demo matter, chosen by code (the city team's when several holders use the code), in full. */
async function pickMatter(page) {
  return page.evaluate(
    async ({ code, holder }) => {
      const get = async (url) => {
        const res = await fetch(url, { credentials: 'same-origin' })
        if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)
        return res.json()
      }
      const list = await get(`/api/matters?q=${encodeURIComponent(code)}&page_size=50`)
      const same = list.items.filter((m) => m.code === code)
      const item = same.find((m) => m.org_name === holder) ?? same.find((m) => m.org_name.includes('市场监督')) ?? same[0]
      if (!item) return { found: list.items.map((m) => m.code) }
      return { matter: await get(`/api/matters/${item.id}`) }
    },
    { code: CODE, holder: HOLDER },
  )
}

/** The values of the flow step name inputs of the open edit dialog. */
const flowNameInputs = (page) =>
  page.locator(`${tid('matter-edit-dialog')} input[data-testid^="matter-flow-name-"], ${tid('matter-edit-dialog')} [data-testid^="matter-flow-name-"] input`)

test('执法事项清单: search, edit with a reason, version history and diff, public portal', { timeout: 180_000 }, async () => {
  const { browser, page, pageErrors, apiFailures } = await launch()
  let portal = null
  let portalErrors = []
  let portalApiFailures = []
  let step = 'sign-in'
  const suffix = uniqueSuffix()
  try {
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'pick-matter'
    const picked = await pickMatter(page)
    assert.ok(picked.matter, `the demo has matter ${CODE} (found ${JSON.stringify(picked.found)})`)
    const before = picked.matter
    assert.equal(before.status, 'active', `${CODE} is active`)
    assert.ok(before.effective, `${CODE} is in force today (the portal shows only those)`)
    const id = before.id
    const baseName = before.name.replace(E2E_NAME_TAIL, '')
    const newName = `${baseName}（E2E${suffix}）`
    const stepName = `E2E核查${suffix}`
    const reason = `E2E 测试：修改事项名称并调整办理流程（${suffix}）`
    const nextVersion = before.version + 1

    step = 'search'
    await openMenu(page, 'matters', '/catalogue/matters')
    await page.locator(tid('matter-table')).waitFor({ state: 'visible' })
    await inputOf(page, 'matter-search').fill(CODE)
    const searched = page.waitForResponse(
      (res) => new URL(res.url()).pathname === '/api/matters' && new URL(res.url()).searchParams.get('q') === CODE,
    )
    await page.locator(tid('matter-search-submit')).click()
    assert.equal((await searched).status(), 200, 'the search answers 200')
    const rowLink = page.locator(tid(`matter-row-${id}`))
    await rowLink.waitFor({ state: 'visible' })
    assert.equal((await rowLink.textContent()).trim(), before.name, 'the row shows the matter')

    step = 'open'
    await rowLink.click()
    await page.locator(tid('matter-drawer')).waitFor({ state: 'visible' })
    await waitForExactText(page, tid('matter-drawer-name'), before.name, 'the drawer shows the matter')
    await waitForExactText(page, tid('matter-drawer-version'), `第 ${before.version} 版`, 'the current version')

    step = 'edit'
    await page.locator(tid('matter-edit')).click()
    const dialog = page.locator(tid('matter-edit-dialog'))
    await dialog.waitFor({ state: 'visible' })
    const nameInput = inputOf(page, 'matter-name')
    assert.equal(await nameInput.inputValue(), before.name, 'the form starts from the matter')
    await nameInput.fill(newName)
    const names = await flowNameInputs(page).evaluateAll((els) => els.map((e) => e.value))
    assert.equal(names.length, (before.flow ?? []).length, 'the form has every flow step')
    let at = names.findIndex((n) => E2E_STEP.test(n))
    if (at < 0) {
      await page.locator(tid('matter-flow-add')).click()
      at = names.length
      await flowNameInputs(page).nth(at).waitFor({ state: 'visible' })
    }
    await flowNameInputs(page).nth(at).fill(stepName)
    await inputOf(page, `matter-flow-limit-${at}`).fill('1个工作日')
    const stepCount = Math.max(names.length, at + 1)
    await inputOf(page, 'matter-reason').fill(reason)

    step = 'save'
    const saved = page.waitForResponse((res) => res.request().method() === 'PUT' && new URL(res.url()).pathname === `/api/matters/${id}`)
    await page.locator(tid('matter-save')).click()
    const res = await saved
    assert.equal(res.status(), 200, `the change is saved (${res.status()} ${await res.text().catch(() => '')})`)
    assert.equal((await res.json()).version, nextVersion, 'a new version')
    await dialog.waitFor({ state: 'hidden' })
    await waitForExactText(page, tid('matter-drawer-name'), newName, 'the drawer shows the new name')
    await waitForExactText(page, tid('matter-drawer-version'), `第 ${nextVersion} 版`, 'the drawer shows the new version')

    step = 'history'
    await page.locator(tid('matter-history')).click()
    const entry = await waitForText(page, tid(`matter-version-${nextVersion}`), (t) => t.includes(reason), 'the new version in the history')
    assert.match(entry, new RegExp(`第 ${nextVersion} 版`), entry)
    assert.match(entry, /事项名称/, `the entry names the changed fields: ${entry}`)
    assert.match(entry, /办理流程/, `the entry names the changed fields: ${entry}`)
    await page.locator(tid(`matter-version-${before.version}`)).waitFor({ state: 'visible' })
    const diff = await waitForText(page, tid('version-diff'), (t) => t.includes(newName), 'the diff of the last two versions')
    assert.ok(diff.includes('事项名称'), `the diff lists 事项名称: ${diff}`)
    assert.ok(diff.includes(stepName), `the diff shows the new step: ${diff}`)
    const struck = await page.locator(`${tid('version-diff')} .before`).allTextContents()
    assert.ok(struck.some((t) => t.includes(before.name)), `the old name is shown as before: ${JSON.stringify(struck)}`)
    const added = await page.locator(`${tid('version-diff')} .after`).allTextContents()
    assert.ok(added.some((t) => t.includes(newName)), `the new name is shown as after: ${JSON.stringify(added)}`)

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
    assert.deepEqual(apiFailures, [], 'no failed API calls in the console')

    step = 'sign-out'
    await page.locator(`${tid('matter-drawer')} .el-drawer__close-btn`).click() // the header is under the drawer
    await page.locator(tid('matter-drawer')).waitFor({ state: 'hidden' })
    await signOut(page)

    // ---- the public portal, signed out ----
    step = 'portal-search'
    ;({ page: portal, pageErrors: portalErrors, apiFailures: portalApiFailures } = await openPortal(browser))
    await portal.goto(`${BASE_URL}/portal/matters`)
    await portal.locator(tid('portal-matters-table')).waitFor({ state: 'visible' })
    await inputOf(portal, 'portal-matters-q').fill(CODE)
    const found = portal.waitForResponse(
      (r) => new URL(r.url()).pathname === '/public/api/matters' && new URL(r.url()).searchParams.get('q') === CODE,
    )
    await portal.locator(tid('portal-matters-search')).click()
    assert.equal((await found).status(), 200, 'the portal search answers 200')
    const portalRow = portal.locator(tid(`portal-matter-row-${id}`))
    await waitForExactText(portal, tid(`portal-matter-row-${id}`), newName, 'the portal lists the new name')

    step = 'portal-detail'
    await portalRow.click()
    await portal.waitForURL((url) => url.pathname === `/portal/matters/${id}`)
    await waitForExactText(portal, tid('portal-matter-title'), newName, 'the detail page shows the new name')
    const version = await waitForText(portal, tid('portal-matter-version'), (t) => t.includes('起施行'), 'the version line')
    assert.ok(version.startsWith(`第 ${nextVersion} 版，自 ${before.effective_from} 起施行`), `the version line: ${version}`)
    const steps = portal.locator(`${tid('portal-matter-flow')} ${tid('portal-matter-flow-step')}`)
    await steps.first().waitFor({ state: 'visible' })
    assert.equal(await steps.count(), stepCount, 'the flowchart has every step')
    assert.ok((await steps.nth(at).textContent()).includes(stepName), 'the flowchart shows the new step in its place')
    const basis = await waitForText(portal, tid('portal-matter-basis'), (t) => t.includes('《'), 'the legal basis')
    for (const b of before.basis ?? []) assert.ok(basis.includes(b.citation), `the portal cites ${b.citation}`)
    assert.ok(!(await portal.locator('body').textContent()).includes(reason), 'the portal shows no edit reasons or user names')

    assert.deepEqual(portalErrors, [], 'no uncaught errors in the portal')
    assert.deepEqual(portalApiFailures, [], 'no failed API calls in the portal')
  } catch (err) {
    const failed = portal && step.startsWith('portal') ? portal : page
    throw await annotateFailure(err, {
      page: failed,
      name: 'catalogue',
      step,
      pageErrors: failed === page ? pageErrors : portalErrors,
      apiFailures: failed === page ? apiFailures : portalApiFailures,
    })
  } finally {
    await browser.close()
  }
})
