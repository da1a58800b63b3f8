// Shared by the browser tests: where the server is, how to start Chromium (and a signed-out page for the
// portal), sign in and out, find inputs and table rows by test id, wait for text, report a failure with
// a screenshot, and `adminTest`, the frame of a test signed in as the administrator. (Not a test file
// itself: `node --test tests/e2e/` runs only the *.test.mjs files.)
//
// Env: ZHIFA_URL (default http://127.0.0.1:8080), ZHIFA_ADMIN_PASSWORD (default Zhifa@2026!),
//      CHROMIUM (default /usr/bin/chromium).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.ZHIFA_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
export const ADMIN_USER = 'admin'
export const ADMIN_PASSWORD = process.env.ZHIFA_ADMIN_PASSWORD || 'Zhifa@2026!'
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url))
export const TIMEOUT_MS = 15_000

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * A new page (1400x900, zh-CN) in its own browser context, and what goes wrong in it: uncaught page errors
 * and failed API calls (4xx/5xx), except those `expected(response)` allows.
 */
async function watchedPage(browser, expected = () => false) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  const pageErrors = []
  page.on('pageerror', (err) => pageErrors.push(String(err)))
  const apiFailures = []
  page.on('response', (res) => {
    if (res.url().includes('/api/') && res.status() >= 400 && !expected(res)) apiFailures.push(`${res.status()} ${res.request().method()} ${res.url()}`)
  })
  return { page, pageErrors, apiFailures }
}

/**
 * Starts Chromium with one page and collects what goes wrong in it: uncaught page errors and failed API
 * calls (except the first look for a session, which is 401 when signed out, and the header bell's
 * GET /api/notifications answering 404, which hides the bell: a test stubs that answer).
 */
export async function launch() {
  mkdirSync(RESULTS_DIR, { recursive: true })
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  })
  const expected = (res) =>
    (res.status() === 401 && res.url().includes('/api/auth/me')) ||
    (res.status() === 404 && new URL(res.url()).pathname === '/api/notifications')
  return { browser, ...(await watchedPage(browser, expected)) }
}

/**
 * A page of the public portal in a new browser context (signed out, whoever is signed in elsewhere):
 * `{page, pageErrors, apiFailures}` — the last two as `launch` collects them, every failed call counted.
 */
export const openPortal = (browser) => watchedPage(browser)

/** Adds the step, URL, a screenshot (test-results/<name>-<step>.png) and recent errors to `err`. */
export async function annotateFailure(err, { page, name, step, pageErrors = [], apiFailures = [] }) {
  const file = `${RESULTS_DIR}${name}-${step}.png`
  await page.screenshot({ path: file, fullPage: true }).catch(() => {})
  const context = [`step: ${step}`, `url: ${page.url()}`, `screenshot: ${file}`]
  if (apiFailures.length) context.push(`API errors: ${apiFailures.slice(-10).join('; ')}`)
  if (pageErrors.length) context.push(`page errors: ${pageErrors.slice(-5).join('; ')}`)
  err.message = `${err.message}\n  ${context.join('\n  ')}`
  return err
}

export const tid = (id) => `[data-testid="${id}"]`
/** The body rows of an el-table, by its test id. */
export const rowsOf = (tableId) => `${tid(tableId)} .el-table__body tr`
/** The text input of an el-input: Element Plus puts the test id on the <input> itself or on its wrapper. */
export const inputOf = (page, id) => page.locator(`input${tid(id)}, textarea${tid(id)}, ${tid(id)} input, ${tid(id)} textarea`).first()

/** Types a date into an el-date-picker (test id on the input or its wrapper) and confirms it with Enter. */
export async function fillDate(page, id, day) {
  const input = inputOf(page, id)
  await input.click()
  await input.fill(day)
  await input.press('Enter')
}

/** Waits until the element's trimmed text satisfies `ok`, then returns that text. */
export async function waitForText(page, selector, ok, what) {
  const deadline = Date.now() + TIMEOUT_MS
  let last = null
  while (Date.now() < deadline) {
    last = await page
      .locator(selector)
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => null)
    if (last !== null && ok(last.trim())) return last.trim()
    await page.waitForTimeout(200)
  }
  assert.fail(`${what}: ${selector} still reads ${JSON.stringify(last)} after ${TIMEOUT_MS} ms`)
}

export const waitForExactText = (page, selector, expected, what) =>
  waitForText(page, selector, (t) => t === expected, `${what} (expected ${JSON.stringify(expected)})`)

/** Waits for the table to show at least one row and returns the text of each row, cells joined by '|'. */
export async function tableRows(page, tableId, what) {
  await page
    .locator(rowsOf(tableId))
    .first()
    .waitFor({ state: 'visible', timeout: TIMEOUT_MS })
    .catch(() => assert.fail(`${what}: ${tableId} shows no rows`))
  return page
    .locator(rowsOf(tableId))
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()).join('|')))
}

/** The total of the pager under a table (「共 N 条」, in the same el-card), once it is not 0. */
export async function pagerTotal(page, tableId, what) {
  const pager = page.locator('.el-card').filter({ has: page.locator(tid(tableId)) }).locator('.el-pagination__total')
  const deadline = Date.now() + TIMEOUT_MS
  let last = ''
  while (Date.now() < deadline) {
    last = (await pager.textContent({ timeout: 1000 }).catch(() => '')) ?? ''
    const n = Number(/(\d+)/.exec(last)?.[1] ?? 0)
    if (n > 0) return n
    await page.waitForTimeout(200)
  }
  assert.fail(`${what}: the pager under ${tableId} reads ${JSON.stringify(last)}`)
}

export async function signIn(page, username, password) {
  await page.goto(`${BASE_URL}/login`)
  await inputOf(page, 'login-username').fill(username)
  await inputOf(page, 'login-password').fill(password)
  await page.locator(tid('login-submit')).click()
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: TIMEOUT_MS }).catch(async () => {
    const shown = await page
      .locator(tid('login-error'))
      .textContent({ timeout: 500 })
      .catch(() => '')
    assert.fail(`sign-in as ${username} did not leave /login${shown ? `: ${shown.trim()}` : ''}`)
  })
}

export async function signOut(page) {
  await page.locator(tid('logout')).click()
  await page.waitForURL((url) => url.pathname === '/login', { timeout: TIMEOUT_MS })
}

export async function openMenu(page, name, path) {
  const item = page.locator(tid(`menu-${name}`))
  await item.waitFor({ state: 'visible', timeout: TIMEOUT_MS }).catch(() => {
    assert.fail(`menu entry ${name} is not shown to this user`)
  })
  await item.click()
  await page.waitForURL((url) => url.pathname === path, { timeout: TIMEOUT_MS })
}

/** A short random tag for names that must not clash with an earlier run. */
export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`.slice(-10)
}

/** JSON calls with the page's session (cookie, and the CSRF token for writes). */
export async function apiOf(page) {
  const me = await page.request.get(`${BASE_URL}/api/auth/me`)
  assert.equal(me.status(), 200, 'signed in')
  const csrf = (await me.json()).csrf_token
  const call = async (method, path, body) => {
    const res = await page.request.fetch(`${BASE_URL}${path}`, {
      method,
      data: body,
      headers: body === undefined ? {} : { 'X-CSRF-Token': csrf },
    })
    const text = await res.text()
    let json = null
    try {
      json = JSON.parse(text)
    } catch {
      // not JSON
    }
    return { status: res.status(), body: json, text }
  }
  const get = async (path) => {
    const r = await call('GET', path)
    assert.equal(r.status, 200, `GET ${path}: ${r.text}`)
    return r.body
  }
  return { call, get, post: (path, body) => call('POST', path, body), put: (path, body) => call('PUT', path, body) }
}

/**
 * Answers every request of the page matching `pattern` with `stub.answer` (the options of route.fulfill);
 * the test changes `stub.answer` as it goes. Answers `stub`.
 */
export async function stubRoute(page, pattern, answer) {
  const stub = { answer }
  await page.route(pattern, (route) => route.fulfill(stub.answer))
  return stub
}

/**
 * A browser test signed in as the administrator: `test(title, {timeout}, …)` that starts Chromium
 * (`launch`), signs in, waits for the header and runs `body` with
 *
 *   page         the signed-in page;
 *   api          JSON calls with the page's session (`apiOf`, made on its first use);
 *   suffix       a `uniqueSuffix()` for names that must not clash with an earlier run;
 *   setStep(s)   names the step the test is at (it starts at 'sign-in');
 *   defer(fn)    runs `fn` after the test, pass or fail, before the browser closes (e.g. putting back
 *                settings the test changed); a failure there fails the test;
 *   pageErrors, apiFailures   what `launch` collects;
 *   prepared     what `beforeSignIn(page)` answered.
 *
 * When `body` is done the console must be clean: no uncaught page error, no failed API call but those
 * `allowFailures` lets through. A failure (of `body` or of those checks) is annotated by `annotateFailure`
 * with the step and a screenshot test-results/<name>-<step>.png.
 *
 * Options: `name` (of the screenshot, one per test), `timeout` (ms, default 120 000), `beforeSignIn(page)`
 * (e.g. `stubRoute`, before the first page is loaded), `allowFailures` — the failed API calls the test
 * provokes, as `launch` records them ("422 POST http://…/api/cases/7/actions"): either `(failure) => bool`,
 * checked as 'no other failed API calls', or `{match, but, count, counted}`, checked as
 * `no failed API calls but ${but}` and, with `count`, that exactly `count` calls matched (`counted` says what).
 */
export function adminTest(title, { name, timeout = 120_000, beforeSignIn, allowFailures }, body) {
  assert.ok(name, `${title}: a name for its screenshots`)
  test(title, { timeout }, async () => {
    const { browser, page, pageErrors, apiFailures } = await launch()
    let step = 'sign-in'
    const deferred = []
    const ctx = {
      page,
      pageErrors,
      apiFailures,
      api: lazyApi(page),
      suffix: uniqueSuffix(),
      setStep: (s) => {
        step = s
      },
      defer: (fn) => {
        deferred.push(fn)
      },
    }
    try {
      if (beforeSignIn) ctx.prepared = await beforeSignIn(page)
      await signIn(page, ADMIN_USER, ADMIN_PASSWORD)
      await page.locator(tid('header-user')).waitFor({ state: 'visible' })
      await body(ctx)
      assertCleanConsole(pageErrors, apiFailures, allowFailures)
    } catch (err) {
      throw await annotateFailure(err, { page, name, step, pageErrors, apiFailures })
    } finally {
      try {
        for (const fn of deferred.reverse()) await fn()
      } finally {
        await browser.close()
      }
    }
  })
}

/** `apiOf(page)`, asked for the session on the first call (a test that makes none asks nothing). */
function lazyApi(page) {
  let api = null
  const of = () => (api ??= apiOf(page))
  return {
    call: async (...args) => (await of()).call(...args),
    get: async (path) => (await of()).get(path),
    post: async (path, body) => (await of()).post(path, body),
    put: async (path, body) => (await of()).put(path, body),
  }
}

/** The end of an `adminTest`: no uncaught error, no failed API call but those allowed (see there). */
function assertCleanConsole(pageErrors, apiFailures, allowFailures) {
  assert.deepEqual(pageErrors, [], 'no uncaught errors in the console')
  if (!allowFailures) {
    assert.deepEqual(apiFailures, [], 'no failed API calls in the console')
    return
  }
  const { match, but, count, counted } = typeof allowFailures === 'function' ? { match: allowFailures } : allowFailures
  const unexpected = apiFailures.filter((f) => !match(f))
  assert.deepEqual(unexpected, [], but ? `no failed API calls but ${but}` : 'no other failed API calls')
  if (count !== undefined) assert.equal(apiFailures.length - unexpected.length, count, counted)
}
