// End-to-end: the admin console shell against a running `zhifa serve` (with the demo data loaded).
//
// An administrator signs in, sees the whole city's organisations (13 county-level divisions, 147
// townships), creates a county administrator for 永济市, and signs out. The new user signs in with the
// initial password, is made to change it, and then sees only 永济市's part of the tree.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test tests/e2e/
// Env: see helpers.mjs (ZHIFA_URL, ZHIFA_ADMIN_PASSWORD, CHROMIUM). On failure a screenshot is written to
// test-results/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  annotateFailure,
  inputOf,
  launch,
  openMenu,
  signIn,
  signOut,
  tid,
  TIMEOUT_MS,
  uniqueSuffix,
  waitForExactText,
} from './helpers.mjs'

// The city's divisions as the product ships them: 永济市 is one county-level city among 13.
const divisions = JSON.parse(readFileSync(new URL('../../data/yuncheng-divisions.json', import.meta.url), 'utf8'))
const YONGJI = divisions.counties.find((c) => c.name === '永济市')
const CITY_COUNTIES = 13 // 县级行政区
const CITY_TOWNSHIPS = 147 // 乡镇(街道)

/** Text of every node label the org tree shows (expanded levels only). */
async function treeLabels(page) {
  const labels = await page.locator(`${tid('org-tree')} .el-tree-node__content`).allTextContents()
  return labels.map((s) => s.trim())
}

async function waitForTreeNode(page, name) {
  await page
    .locator(`${tid('org-tree')} .el-tree-node__content`)
    .filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) })
    .first()
    .waitFor({ state: 'visible', timeout: TIMEOUT_MS })
}

test('admin shell: orgs, user creation, forced password change, county scope', { timeout: 180_000 }, async () => {
  assert.ok(YONGJI, 'data/yuncheng-divisions.json lists 永济市')
  assert.equal(divisions.counties.length, CITY_COUNTIES)
  assert.equal(divisions.counties.reduce((n, c) => n + c.townships.length, 0), CITY_TOWNSHIPS)
  const { browser, page, pageErrors, apiFailures } = await launch()

  let step = 'start'
  const suffix = uniqueSuffix()
  const username = `e2e_${suffix}`
  const newPassword = `Zf-${suffix}-Aa9!`

  try {
    step = 'admin-sign-in'
    await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
    assert.notEqual(new URL(page.url()).pathname, '/password', 'the admin account must not be waiting for a password change')
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'admin-orgs'
    await openMenu(page, 'orgs', '/system/orgs')
    await waitForExactText(page, tid('org-stats-county'), String(CITY_COUNTIES), 'county count for admin')
    await waitForExactText(page, tid('org-stats-township'), String(CITY_TOWNSHIPS), 'township count for admin')
    await waitForTreeNode(page, '永济市')
    await waitForTreeNode(page, '盐湖区')

    step = 'admin-create-user'
    await openMenu(page, 'users', '/system/users')
    await page.locator(tid('user-create')).click()
    const dialog = page.locator(tid('user-dialog'))
    await dialog.waitFor({ state: 'visible' })
    await inputOf(page, 'user-form-username').fill(username)
    await inputOf(page, 'user-form-display-name').fill(`测试${suffix.slice(-4)}`)

    // 所属机构: type to filter the tree-select, then pick 永济市 itself.
    await page.locator(`.el-select${tid('user-form-org')}`).click() // the tree inside also carries the id
    await page.keyboard.type('永济市')
    const orgPopper = page.locator('.user-org-select-popper')
    await orgPopper
      .locator('.el-tree-node__content')
      .filter({ hasText: /^\s*永济市\s*$/ })
      .first()
      .click()

    // 角色: 县级管理员 (key county_admin).
    await page.locator(`.el-select${tid('user-form-roles')}`).click()
    const roleOption = page.locator(tid('role-option-county_admin'))
    await roleOption.waitFor({ state: 'visible' })
    assert.equal((await roleOption.textContent()).trim(), '县级管理员', 'role county_admin is named 县级管理员')
    await roleOption.click()
    await dialog.locator('.el-dialog__title').click() // close the dropdown without Escape (that closes the dialog)

    await page.locator(tid('user-form-submit')).click()
    const pwText = page.locator(tid('initial-password'))
    await pwText.waitFor({ state: 'visible' })
    const initialPassword = (await pwText.textContent()).trim()
    assert.ok(initialPassword.length >= 8, `an initial password is shown (got ${JSON.stringify(initialPassword)})`)
    await page.locator(tid('initial-password-close')).click()

    step = 'admin-find-user'
    await inputOf(page, 'user-search-q').fill(username)
    await page.locator(tid('user-search')).click()
    const row = page.locator(`${tid('user-table')} .el-table__body tr`).filter({ hasText: username })
    await row.first().waitFor({ state: 'visible' })
    const rowText = await row.first().textContent()
    assert.match(rowText, /县级管理员/, 'the new user has the role 县级管理员')
    assert.match(rowText, /永济市/, 'the new user belongs to 永济市')

    step = 'admin-sign-out'
    await signOut(page)

    step = 'new-user-first-sign-in'
    await signIn(page, username, initialPassword)
    await page.waitForURL((url) => url.pathname === '/password')

    step = 'new-user-change-password'
    await inputOf(page, 'password-old').fill(initialPassword)
    await inputOf(page, 'password-new').fill(newPassword)
    await inputOf(page, 'password-confirm').fill(newPassword)
    await page.locator(tid('password-submit')).click()
    await page.waitForURL((url) => url.pathname !== '/password')
    if (new URL(page.url()).pathname === '/login') {
      // the server ended the session on the password change: sign in with the new password
      await signIn(page, username, newPassword)
    }
    assert.notEqual(new URL(page.url()).pathname, '/password', 'no further password change is asked for')
    await page.locator(tid('header-user')).waitFor({ state: 'visible' })

    step = 'county-admin-orgs'
    await openMenu(page, 'orgs', '/system/orgs')
    await waitForTreeNode(page, '永济市')
    await waitForExactText(page, tid('org-stats-county'), '1', 'county count for the county administrator')
    await waitForExactText(
      page,
      tid('org-stats-township'),
      String(YONGJI.townships.length),
      'township count for the county administrator',
    )
    const labels = await treeLabels(page)
    assert.ok(labels.includes('永济市'), 'the tree shows 永济市')
    assert.ok(!labels.includes('盐湖区'), `the tree must not show 盐湖区 (shows: ${labels.slice(0, 20).join(', ')})`)

    assert.deepEqual(pageErrors, [], 'no uncaught errors in the page')
  } catch (err) {
    throw await annotateFailure(err, { page, name: 'admin-shell', step, pageErrors, apiFailures })
  } finally {
    await browser.close()
  }
})
