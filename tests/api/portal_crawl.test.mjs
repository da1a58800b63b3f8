// The public portal (行政执法专栏) over the whole demo leaks no personal data: every GET route under
// /public/api that the OpenAPI document lists is called with its defaults and a few pages, the ids
// in its lists are followed to their detail pages (decisions, their proofs, matters, benchmarks),
// the ids of decisions the public must not see (queued, never published, withdrawn, taken down)
// are asked for too, and the portal's HTML pages and their scripts are fetched. No response may
// hold an 18-character ID number, a mainland mobile number or the full name of a natural person
// who is a party to a case of the demo; none may be a 500.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, login, Client, makeUiDir, REPO_ROOT } from './harness.mjs'

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/g
// Hashes, signatures (hex) and PEM keys are not personal data, but a hex hash may hold eleven
// digits in a row: they are blanked before the number patterns are applied.
const HEX_RUN = /\b[0-9a-fA-F]{40,}\b/g
const PEM = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g
const HAN_RUN = /[\u3400-\u9fff]+/g

// A decision search page holds at most 50; the other lists up to 200.
const PAGES = 3 // pages of each list beyond the first
const PROOFS = 6 // proofs are slow (the whole ledger is read): a few published, and the refusals
const DETAILS = 100 // details followed per route other than the decisions (all of those found)
const NAME_SEARCHES = 200 // party names searched for on the portal

let srv, admin, anon, uiDir
const partyNames = new Set() // natural persons' names, from the admin API
const maxNameLength = () => Math.max(...[...partyNames].map((n) => n.length))

before(async () => {
  // The built UI (its portal page and bundle) when there is one, copied: a build may replace it
  // while the crawl runs. Else the harness's small stand-in.
  const built = join(REPO_ROOT, 'ui/dist')
  if (existsSync(join(built, 'portal.html'))) {
    uiDir = mkdtempSync(join(tmpdir(), 'zhifa-ui-'))
    cpSync(built, uiDir, { recursive: true })
  } else {
    uiDir = makeUiDir()
  }
  // No search limit: the crawl would otherwise meet the portal's limit of 120 a minute.
  srv = await startServer({ people: true, uiDir, env: { ZHIFA_PORTAL_SEARCH_PER_MINUTE: '0' } })
  admin = await login(srv.url, 'admin')
  anon = new Client(srv.url)
  // Annual enforcement data on the portal: unless the demo published a year, last year's is
  // published here (generated, reviewed by another person), so its page has something to show.
  if (itemsOf((await anon.get('/public/api/annual-reports')).body).length === 0) {
    const year = new Date().getFullYear() - 1
    const supervisor = await login(srv.url, 'sfj_city')
    for (const [who, step] of [[admin, 'generate'], [supervisor, 'review'], [admin, 'publish']]) {
      const r = await who.post(`/api/annual-reports/${year}/${step}`, {})
      assert.equal(r.status, 200, `annual report ${step}: ${r.text}`)
    }
  }
})
after(async () => {
  await srv?.destroy()
  if (uiDir) rmSync(uiDir, { recursive: true, force: true })
})

/** Every natural-person party of the demo's cases (the case list has no party_type filter). */
async function collectPartyNames() {
  for (let page = 1; ; page++) {
    const r = await admin.get(`/api/cases?page=${page}&page_size=200`)
    assert.equal(r.status, 200, r.text)
    for (const c of r.body.items) if (c.party_type === 'person' && c.party_name.length >= 2) partyNames.add(c.party_name)
    if (page * 200 >= r.body.total || r.body.items.length === 0) break
  }
}

/** Where personal data shows in a response text: ["id_number 1408…", "mobile 138…", "name 张三"]. */
function leaksIn(text) {
  const found = []
  const scrubbed = text.replace(PEM, '#').replace(HEX_RUN, '#')
  for (const m of scrubbed.matchAll(ID_NUMBER)) found.push(`id_number ${m[0]}`)
  for (const m of scrubbed.matchAll(MOBILE)) found.push(`mobile ${m[0]}`)
  const longest = maxNameLength()
  for (const [run] of text.matchAll(HAN_RUN)) {
    for (let i = 0; i < run.length - 1; i++) {
      for (let n = 2; n <= longest && i + n <= run.length; n++) {
        const s = run.slice(i, i + n)
        if (partyNames.has(s)) found.push(`name ${s} in …${run.slice(Math.max(0, i - 8), i + n + 8)}…`)
      }
    }
  }
  return found
}

const crawl = { responses: 0, bytes: 0, byRoute: new Map(), leaks: [], errors: [] }

/** GET as the public (no session): counts it, checks it, answers it. */
async function fetchPublic(path, route = path) {
  const r = await anon.get(path)
  crawl.responses++
  crawl.bytes += Buffer.byteLength(r.text)
  crawl.byRoute.set(route, (crawl.byRoute.get(route) || 0) + 1)
  if (r.status >= 500) crawl.errors.push(`${path} → ${r.status} ${r.text.slice(0, 200)}`)
  // JSON bodies are read as parsed and written back (no \u escapes can hide a name).
  const text = r.body && typeof r.body === 'object' ? JSON.stringify(r.body) : r.text
  for (const l of leaksIn(text)) crawl.leaks.push(`${path}: ${l}`)
  return r
}

const itemsOf = (body) => (Array.isArray(body) ? body : Array.isArray(body?.items) ? body.items : [])

test('the leak check finds what it must (the patterns and the names are live)', async () => {
  await collectPartyNames()
  assert.ok(partyNames.size >= 300, `a few hundred natural-person parties in the demo: ${partyNames.size}`)
  const someone = [...partyNames][0]
  assert.deepEqual(leaksIn('身份证号140802199001011234。').length, 1)
  assert.deepEqual(leaksIn('身份证号14080219900101123X,').length, 1)
  assert.deepEqual(leaksIn('电话13812345678').length, 1)
  assert.equal(leaksIn(`当事人${someone}销售`).length >= 1, true, someone)
  assert.deepEqual(leaksIn(`当事人${someone[0]}某,身份证号140802********1234,电话138****5678`), [])
  assert.deepEqual(leaksIn('{"leaf_hash":"ab13812345678cd9f0e1d2c3b4a59687a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1"}'), [], 'hashes are blanked')
})

test('every public endpoint and page over the demo: no ID number, no mobile number, no natural person\'s name, no 500', async () => {
  const started = Date.now()
  assert.ok(partyNames.size > 0, 'the names were collected by the test before')
  const doc = await anon.get('/api/openapi.json')
  assert.equal(doc.status, 200, doc.text)
  const routes = Object.entries(doc.body.paths)
    .filter(([p, ops]) => p.startsWith('/public/api/') && ops.get)
    .map(([p, ops]) => ({ path: p, params: (ops.get.parameters || []).map((x) => x.name) }))
  const listRoutes = routes.filter((r) => !r.path.includes('{'))
  const detailRoutes = routes.filter((r) => r.path.includes('{'))
  assert.ok(routes.some((r) => r.path === '/public/api/decisions'), 'the decision search is in the document')
  assert.ok(detailRoutes.some((r) => r.path === '/public/api/decisions/{id}/proof'), 'and the proof')

  // Values for required filters: the counties of the portal.
  const counties = itemsOf((await fetchPublic('/public/api/counties')).body).map((c) => c.code)
  assert.ok(counties.length > 1, 'the portal lists counties')
  // list path -> {id: ids of its items, year: years of its items}: what its detail routes take
  const ids = new Map()
  const addIds = (path, body) => {
    const keys = ids.get(path) || { id: new Set(), year: new Set() }
    for (const it of itemsOf(body)) {
      for (const k of ['id', 'year']) if (Number.isInteger(it?.[k])) keys[k].add(it[k])
    }
    ids.set(path, keys)
  }

  for (const r of listRoutes) {
    const variants = ['']
    if (r.params.includes('county')) variants.push(...counties.slice(0, 3).map((c) => `county=${c}`), `county=${counties.at(-1)}`)
    if (r.path === '/public/api/decisions') {
      // Decisions of natural persons (张某) and each kind, besides the default order.
      variants.push(`q=${encodeURIComponent('某')}`, 'kind=penalty', 'kind=licence', 'kind=other', 'field=market')
    }
    for (const v of variants) {
      const first = await fetchPublic(`${r.path}${v ? `?${v}` : ''}`, r.path)
      addIds(r.path, first.body)
      if (!r.params.includes('page')) continue
      const size = r.path === '/public/api/decisions' ? 50 : 200
      const total = Number(first.body?.total) || 0
      const pages = Math.ceil(total / size)
      const wanted = new Set([2, 3, 1 + PAGES, pages].filter((p) => p >= 1 && p <= Math.min(pages, 10000 / size)))
      for (const p of [1, ...wanted]) {
        const page = await fetchPublic(`${r.path}?${v ? `${v}&` : ''}page=${p}&page_size=${size}`, r.path)
        assert.equal(page.status, 200, `${r.path}?${v} page ${p}: ${page.text.slice(0, 200)}`)
        addIds(r.path, page.body)
      }
    }
  }

  // The decisions the public must not see: queued, withdrawn, taken down, never published.
  const hidden = []
  for (const state of ['queued', 'exempt', 'withdrawn', 'expired']) {
    const r = await admin.get(`/api/publications?state=${state}&page_size=20`)
    assert.equal(r.status, 200, r.text)
    hidden.push(...r.body.items.map((i) => ({ id: i.id, state })))
  }
  assert.ok(hidden.some((h) => h.state === 'withdrawn') && hidden.some((h) => h.state === 'queued'), 'the demo has withdrawn and queued decisions')
  const decisionIds = [...ids.get('/public/api/decisions').id]
  assert.ok(decisionIds.length >= 100, `decisions found by the lists: ${decisionIds.length}`)

  for (const r of detailRoutes) {
    const [, list, key] = r.path.match(/^(.*)\/\{(\w+)\}/)
    let targets = [...(ids.get(list)?.[key] || [])]
    if (r.path.endsWith('/proof')) targets = targets.slice(0, PROOFS - 2)
    else if (list !== '/public/api/decisions') targets = targets.slice(0, DETAILS)
    assert.ok(targets.length > 0, `ids to follow for ${r.path}`)
    for (const id of targets) {
      const d = await fetchPublic(r.path.replace(`{${key}}`, id), r.path)
      assert.equal(d.status, 200, `${r.path} ${id}: ${d.text.slice(0, 200)}`)
    }
    if (list === '/public/api/decisions') {
      const hiddenTargets = r.path.endsWith('/proof') ? hidden.filter((h) => h.state === 'withdrawn').slice(0, 2) : hidden
      for (const h of hiddenTargets) {
        const d = await fetchPublic(r.path.replace('{id}', h.id), r.path)
        if (h.state === 'queued' || h.state === 'exempt') assert.equal(d.status, 404, `${h.state} ${h.id}: ${d.text.slice(0, 200)}`)
        if (h.state === 'expired') assert.equal(d.status, 410, `${h.state} ${h.id}: ${d.text.slice(0, 200)}`)
        if (h.state === 'withdrawn') assert.equal(d.status, r.path.endsWith('/proof') ? 410 : 200, `${h.state} ${h.id}: ${d.text.slice(0, 200)}`)
      }
    }
  }

  // The portal's pages (a single-page app: the shell and its scripts).
  const pages = ['/portal', '/portal/decisions', `/portal/decisions/${decisionIds[0]}`]
  const scripts = new Set()
  for (const p of pages) {
    const r = await fetchPublic(p, 'portal page')
    assert.equal(r.status, 200, `${p}: ${r.text.slice(0, 200)}`)
    for (const m of r.text.matchAll(/<(?:script|link)[^>]+(?:src|href)="(\/[^"]+\.(?:js|css))"/g)) scripts.add(m[1])
  }
  for (const s of scripts) {
    const r = await fetchPublic(s, 'portal asset')
    assert.equal(r.status, 200, `${s}: ${r.status}`)
  }

  // The search index holds every published decision: a party's full name must find none of them.
  const found = []
  for (const name of [...partyNames].filter((n) => n.length >= 3).slice(0, NAME_SEARCHES)) {
    const r = await fetchPublic(`/public/api/decisions?q=${encodeURIComponent(name)}`, '/public/api/decisions (by a party\'s name)')
    if (r.body?.total > 0) found.push(`${name}: ${r.body.items.map((i) => `${i.id} ${i.party}`).join(', ')}`)
  }
  assert.deepEqual(found, [], 'natural persons found on the portal by their names')

  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`crawled ${crawl.responses} responses, ${(crawl.bytes / 1e6).toFixed(2)} MB in ${seconds} s; names checked: ${partyNames.size}`)
  for (const [route, n] of crawl.byRoute) console.log(`  ${String(n).padStart(5)}  ${route}`)
  for (const r of routes) assert.ok(crawl.byRoute.get(r.path) > 0, `${r.path} was crawled`)
  assert.deepEqual(crawl.errors, [], 'no 500')
  assert.deepEqual(crawl.leaks.slice(0, 50), [], `personal data in public responses (${crawl.leaks.length} in all)`)
})
