// Operations: health, readiness, metrics, request ids, access logs, the static UI (cache headers,
// SPA fallback, no path traversal), the OpenAPI document and `zhifa migrate --dry-run`.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  startServer, makeUiDir, Client, rawRequest, parseRawResponse, runCli, freshDatabase, storageArgs,
  assertProblem, REPO_ROOT, sleep,
} from './harness.mjs'

let srv
let uiDir
let anon

before(async () => {
  uiDir = makeUiDir()
  srv = await startServer({ uiDir })
  anon = new Client(srv.url)
})

after(async () => {
  await srv?.destroy()
  if (uiDir) rmSync(uiDir, { recursive: true, force: true })
})

describe('health, readiness and metrics', () => {
  test('GET /healthz answers 200 while the process is up', async () => {
    const r = await anon.get('/healthz')
    assert.equal(r.status, 200)
    assert.equal(r.body.status, 'ok')
  })

  test('GET /readyz answers 200 when the database is reachable', async () => {
    const r = await anon.get('/readyz')
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.status, 'ready')
  })

  test('GET /metrics is Prometheus text with zhifa_http_requests_total', async () => {
    await anon.get('/healthz')
    const r = await anon.get('/metrics')
    assert.equal(r.status, 200)
    assert.match(r.headers.get('content-type'), /^text\/plain/)
    assert.match(r.text, /^# TYPE zhifa_http_requests_total counter$/m)
    const m = /^zhifa_http_requests_total\{code="2xx"\} (\d+)$/m.exec(r.text)
    assert.ok(m, `no 2xx sample in:\n${r.text}`)
    assert.ok(Number(m[1]) >= 1, 'the 2xx counter counts the requests already served')
    // Every non-comment line is `name{labels} value`.
    for (const line of r.text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? ([-+0-9.eE]+|NaN|[+-]Inf)$/, `bad metrics line: ${line}`)
    }
  })
})

describe('request ids and access logs', () => {
  test('every response carries an X-Request-Id (2xx, 4xx, static, problem)', async () => {
    for (const path of ['/healthz', '/api/auth/me', '/api/no-such-route', '/', '/assets/app.js', '/api/users%zz']) {
      const r = await anon.get(path)
      const id = r.headers.get('x-request-id')
      assert.ok(id && /^[A-Za-z0-9_-]{1,64}$/.test(id), `${path} (${r.status}) has X-Request-Id ${id}`)
    }
  })

  test('a sane incoming X-Request-Id is echoed, an insane one replaced', async () => {
    const mine = 'api-test-' + Date.now().toString(36)
    let r = await anon.get('/api/no-such-route', { headers: { 'x-request-id': mine } })
    assert.equal(r.headers.get('x-request-id'), mine)
    assert.equal(r.body.request_id, mine, 'the problem body names the same request id')
    for (const bad of ['has space', 'x'.repeat(65), 'semi;colon', '<script>']) {
      r = await anon.get('/healthz', { headers: { 'x-request-id': bad } })
      const id = r.headers.get('x-request-id')
      assert.notEqual(id, bad)
      assert.match(id, /^[A-Za-z0-9_-]{1,64}$/)
    }
  })

  test('each request writes a JSON access log line on stdout with request_id and status', async () => {
    const mine = 'log-probe-' + Date.now().toString(36)
    await anon.get('/healthz', { headers: { 'x-request-id': mine } })
    await anon.get('/api/no-such-route', { headers: { 'x-request-id': mine + '-404' } })
    const find = (id) => srv.stdoutLines.map((l) => { try { return JSON.parse(l) } catch { return null } })
      .find((j) => j && j.request_id === id)
    let ok, nf
    for (let i = 0; i < 40 && !(ok && nf); i++) {
      ok = find(mine)
      nf = find(mine + '-404')
      if (!(ok && nf)) await sleep(50)
    }
    assert.ok(ok, `no access log line for ${mine} in:\n${srv.stdoutLines.slice(-10).join('\n')}`)
    assert.equal(ok.status, 200)
    assert.equal(ok.path, '/healthz')
    assert.equal(ok.method, 'GET')
    assert.ok(nf, 'the 404 is logged too')
    assert.equal(nf.status, 404)
  })
})

describe('static UI', () => {
  test('/assets/* is served with an immutable, long-lived Cache-Control', async () => {
    const r = await anon.get('/assets/app.js')
    assert.equal(r.status, 200)
    assert.match(r.text, /zhifa-test-asset/)
    assert.match(r.headers.get('content-type') || '', /javascript/)
    const cc = r.headers.get('cache-control') || ''
    assert.match(cc, /immutable/)
    assert.match(cc, /max-age=\d{6,}/)
  })

  test('index.html is served with Cache-Control: no-cache', async () => {
    for (const path of ['/', '/index.html']) {
      const r = await anon.get(path)
      assert.equal(r.status, 200, path)
      assert.match(r.text, /zhifa-test-index/, path)
      assert.match(r.headers.get('content-type') || '', /^text\/html/, path)
      assert.match(r.headers.get('cache-control') || '', /no-cache/, path)
      assert.doesNotMatch(r.headers.get('cache-control') || '', /immutable/, path)
    }
  })

  test('SPA fallback: GET /system/users returns index.html (no-cache)', async () => {
    const r = await anon.get('/system/users')
    assert.equal(r.status, 200)
    assert.match(r.text, /zhifa-test-index/)
    assert.match(r.headers.get('content-type') || '', /^text\/html/)
    assert.match(r.headers.get('cache-control') || '', /no-cache/)
  })

  test('a missing asset file is a 404, not index.html', async () => {
    const r = await anon.get('/assets/missing-0123.js')
    assert.equal(r.status, 404)
    assert.doesNotMatch(r.text, /zhifa-test-index/)
  })

  test('unknown /api paths are 404 problems, never the SPA index', async () => {
    const r = await anon.get('/api/system/users')
    assertProblem(assert, r, 404)
    assert.doesNotMatch(r.text, /zhifa-test-index/)
  })

  const traversals = [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2fetc%2fpasswd',
    '/assets/../../../../etc/passwd',
    '/%2E%2E/%2E%2E/%2E%2E/etc/passwd',
    '//etc/passwd',
    '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/..%5c..%5c..%5cetc%5cpasswd',
  ]
  for (const path of traversals) {
    test(`path traversal ${path} gives 4xx and never the file`, async () => {
      const raw = await rawRequest(srv.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`)
      const r = parseRawResponse(raw.text)
      assert.ok(r.status >= 400 && r.status < 500, `expected 4xx, got ${r.status}: ${raw.text.slice(0, 200)}`)
      assert.doesNotMatch(r.body, /root:.*:0:0:/)
      assert.doesNotMatch(r.body, /zhifa-test-index/, 'not even the SPA index')
    })
  }
})

describe('OpenAPI', () => {
  let doc
  before(async () => {
    const r = await anon.get('/api/openapi.json')
    assert.equal(r.status, 200)
    doc = r.body
  })

  test('/api/openapi.json is an OpenAPI 3 document', () => {
    assert.match(String(doc.openapi), /^3\./)
    assert.ok(doc.info?.title && doc.info?.version)
    assert.equal(typeof doc.paths, 'object')
  })

  test('every route registered in src/modules is documented in paths', () => {
    const dir = join(REPO_ROOT, 'src/modules')
    const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.cpp')).map((f) => join(dir, String(f)))
    const routes = []
    const re = /router\.add\(\s*\{\s*"(GET|POST|PUT|PATCH|DELETE|HEAD)"\s*,\s*"([^"]+)"/g
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(re)) routes.push({ method: m[1], path: m[2], file: f })
    }
    assert.ok(routes.length >= 25, `found only ${routes.length} routes: the scan is broken`)
    assert.ok(routes.some((r) => r.path === '/api/openapi.json'), 'registry.cpp is scanned too')
    const missing = routes.filter((r) => !doc.paths[r.path]?.[r.method.toLowerCase()])
    assert.deepEqual(missing.map((r) => `${r.method} ${r.path}`), [], 'routes missing from openapi paths')
  })

  test('every documented /api route of docs/api.md is in paths', () => {
    const md = readFileSync(join(REPO_ROOT, 'docs/api.md'), 'utf8')
    const re = /`(GET|POST|PUT|PATCH|DELETE) (\/[^`?\s]*)/g
    const documented = [...md.matchAll(re)].map((m) => ({ method: m[1], path: m[2] }))
    assert.ok(documented.length >= 15)
    const missing = documented.filter((r) => !doc.paths[r.path]?.[r.method.toLowerCase()])
    assert.deepEqual(missing.map((r) => `${r.method} ${r.path}`), [])
  })

  test('every operation has a summary and a tag', () => {
    const bad = []
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.summary || !Array.isArray(op.tags) || op.tags.length === 0 || !op.tags[0]) bad.push(`${method} ${path}`)
      }
    }
    assert.deepEqual(bad, [])
  })
})

describe('zhifa migrate --dry-run', () => {
  const listed = (out) => [...out.matchAll(/^\s+(\d+)\s+\S+/gm)].map((m) => Number(m[1]))
  // Every numbered migration in the source tree (the binary carries them all).
  const bundled = [...new Set(readdirSync(join(REPO_ROOT, 'migrations'))
    .map((f) => f.match(/^(\d+)_.*\.sql$/)).filter(Boolean).map((m) => Number(m[1])))].sort((a, b) => a - b)

  test('on a fresh data dir it lists every migration and applies nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhifa-mig-'))
    const db = freshDatabase()
    try {
      const args = ['migrate', '--dry-run', ...storageArgs({ dataDir: dir, dbUrl: db.dbUrl })]
      let r = await runCli(args)
      assert.equal(r.code, 0, r.output)
      assert.ok(bundled.length >= 3, 'the source tree has its migrations')
      assert.deepEqual(listed(r.stdout), bundled, r.output)
      r = await runCli(args)
      assert.deepEqual(listed(r.stdout), bundled, `a dry run applies nothing: ${r.output}`)
    } finally {
      db.drop()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  test('on a data dir that does not exist yet it lists every migration', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'zhifa-mig-'))
    const db = freshDatabase()
    try {
      const r = await runCli(['migrate', '--dry-run', ...storageArgs({ dataDir: join(parent, 'new-data'), dbUrl: db.dbUrl })])
      assert.equal(r.code, 0, r.output)
      assert.deepEqual(listed(r.stdout), bundled, r.output)
    } finally {
      db.drop()
      rmSync(parent, { recursive: true, force: true })
    }
  })

  test('on a migrated data dir it lists none', async () => {
    const r = await runCli(['migrate', '--dry-run', ...storageArgs(srv)])
    assert.equal(r.code, 0, r.output)
    assert.deepEqual(listed(r.stdout), [], r.output)
    assert.match(r.stdout, /\b0\b/, 'reports 0 pending')
  })
})
