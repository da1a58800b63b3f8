// Test harness for the Zhifa HTTP API suite: starts a real `zhifa serve` on a fresh data directory
// (and, for PostgreSQL, a fresh database), and talks to it like a browser or a script would.
//
// Run: ZHIFA_BIN=build/zhifa ZHIFA_BACKEND=sqlite node --test --test-concurrency=1 tests/api/*.test.mjs
//      ZHIFA_BACKEND=postgres ZHIFA_TEST_PG_URL=postgresql://zhifa@127.0.0.1:5432/postgres ...
// Env: ZHIFA_BIN (default build/zhifa), ZHIFA_BACKEND (sqlite | postgres), ZHIFA_TEST_PG_URL,
//      ZHIFA_TEST_KEEP=1 keeps data directories and databases for inspection.
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes, createHash } from 'node:crypto'
import { existsSync, mkdtempSync, rmSync, mkdirSync, writeFileSync, readdirSync, readFileSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join, dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url))
// A relative ZHIFA_BIN (build/zhifa) is taken from the directory the tests were started in: the
// zhifa subcommands run in temporary directories.
export const ZHIFA_BIN = process.env.ZHIFA_BIN ? resolve(process.env.ZHIFA_BIN) : join(REPO_ROOT, 'build/zhifa')
export const BACKEND = (process.env.ZHIFA_BACKEND || 'sqlite').toLowerCase()
export const PG_URL = process.env.ZHIFA_TEST_PG_URL || ''
export const DEMO_PASSWORD = 'Zhifa@2026!'
const KEEP = process.env.ZHIFA_TEST_KEEP === '1'

if (BACKEND !== 'sqlite' && BACKEND !== 'postgres') throw new Error(`ZHIFA_BACKEND must be sqlite or postgres, not ${BACKEND}`)
if (BACKEND === 'postgres' && !PG_URL) throw new Error('ZHIFA_BACKEND=postgres needs ZHIFA_TEST_PG_URL')

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// ---------------------------------------------------------------------------------------------
// The binary: the lead may be relinking it while we run; wait for it to reappear.

export async function waitForBinary(timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (!existsSync(ZHIFA_BIN)) {
    if (Date.now() > deadline) throw new Error(`zhifa binary not found at ${ZHIFA_BIN}`)
    await sleep(500)
  }
}

/** Runs a zhifa subcommand to completion: {code, signal, stdout, stderr, output}. */
export async function runCli(args, { env = {}, cwd, timeoutMs = 180_000 } = {}) {
  await waitForBinary()
  for (let attempt = 0; ; attempt++) {
    const r = spawnSync(ZHIFA_BIN, args, {
      env: { ...process.env, ...env },
      cwd: cwd || tmpdir(),
      encoding: 'utf8',
      timeout: timeoutMs,
    })
    // ETXTBSY/ENOENT/EACCES while the lead relinks the binary: retry a few times.
    if (r.error && ['ETXTBSY', 'ENOENT', 'EACCES'].includes(r.error.code) && attempt < 20) {
      await sleep(500)
      continue
    }
    if (r.error) throw r.error
    return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, output: r.stdout + r.stderr }
  }
}

// ---------------------------------------------------------------------------------------------
// Databases.

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-A', '-t', '-c', sql], { encoding: 'utf8', timeout: 60_000 })
  if (r.status !== 0) throw new Error(`psql failed (${sql}): ${r.stderr || r.error}`)
  return r.stdout
}

function pgUrlFor(dbName) {
  const u = new URL(PG_URL)
  u.pathname = '/' + dbName
  return u.toString()
}

/** A fresh, empty database for one test server: {dbUrl, drop()}; dbUrl is '' for SQLite. */
export function freshDatabase() {
  if (BACKEND !== 'postgres') return { dbUrl: '', drop() {} }
  const name = 'zhifa_t_' + randomBytes(6).toString('hex')
  psql(PG_URL, `CREATE DATABASE ${name}`)
  let dropped = false
  return {
    dbUrl: pgUrlFor(name),
    name,
    drop() {
      if (dropped || KEEP) return
      dropped = true
      psql(PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    },
  }
}

/** Runs SQL against a test server's database (sqlite3 CLI or psql). Returns stdout. */
export function execSql(server, sql) {
  if (BACKEND === 'postgres') return psql(server.dbUrl, sql)
  const r = spawnSync('sqlite3', [join(server.dataDir, 'zhifa.db'), sql], { encoding: 'utf8', timeout: 60_000 })
  if (r.status !== 0) throw new Error(`sqlite3 failed (${sql}): ${r.stderr || r.error}`)
  return r.stdout
}

/** The --data-dir / --database-url arguments of a server's storage. */
export function storageArgs({ dataDir, dbUrl }) {
  return dbUrl ? ['--data-dir', dataDir, '--database-url', dbUrl] : ['--data-dir', dataDir]
}

// ---------------------------------------------------------------------------------------------
// Servers.

const live = new Set()
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p))

// Last resort when a test file dies without running its `after` hooks.
process.on('exit', () => {
  for (const s of live) {
    try { s.proc.kill('SIGKILL') } catch {}
    try { s.cleanupSync() } catch {}
  }
})

/** Writes a small built UI (index.html + assets/app.js) into a temp dir and returns its path. */
export function makeUiDir() {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-ui-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>Zhifa 执法</title></head><body><div id="app">zhifa-test-index</div></body></html>\n')
  writeFileSync(join(dir, 'assets/app.js'), 'console.log("zhifa-test-asset")\n')
  return dir
}

/**
 * Creates a fresh data dir (and database), loads the demo data, starts `zhifa serve --port 0` and
 * waits for its ready line. Returns {url, port, dataDir, dbUrl, proc, logs, exited, stop(), kill(),
 * destroy()}. `logs` collects stdout lines (JSON access logs) and stderr lines.
 * The demo is loaded without its people data (`zhifa demo --without-people`: orgs, bodies and
 * accounts only) unless `people: true` asks for the whole demo (officers, certificates, exams,
 * training, supervisors, confirmations).
 */
export async function startServer({ env = {}, uiDir, demo = true, people = false, readyTimeoutMs = 30_000 } = {}) {
  await waitForBinary()
  const dataDir = mkdtempSync(join(tmpdir(), 'zhifa-api-'))
  const db = freshDatabase()
  const storage = storageArgs({ dataDir, dbUrl: db.dbUrl })
  const cleanupSync = () => {
    if (KEEP) return
    try { db.drop() } catch (e) { console.error(String(e)) }
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    if (demo) {
      const r = await runCli(['demo', ...storage, ...(people ? [] : ['--without-people'])], { env, cwd: dataDir })
      if (r.code !== 0) throw new Error(`zhifa demo failed (${r.code}): ${r.output}`)
    }
  } catch (e) {
    cleanupSync()
    throw e
  }
  const args = ['serve', ...storage, '--port', '0']
  if (uiDir) args.push('--ui-dir', uiDir)
  // cwd = the data dir, so the default ui/dist of a developer's checkout is not picked up.
  // setpriv --pdeathsig (util-linux) execs zhifa in the same process, which gets SIGTERM should this
  // test process die without running its hooks: no server outlives its test file.
  const [cmd, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'TERM', '--', ZHIFA_BIN, ...args]] : [ZHIFA_BIN, args]
  const proc = spawn(cmd, argv, { env: { ...process.env, ...env }, cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'] })
  const server = {
    dataDir,
    dbUrl: db.dbUrl,
    proc,
    logs: [],
    stdoutLines: [],
    exitCode: undefined,
    exitSignal: undefined,
    cleanupSync,
  }
  live.add(server)
  server.exited = new Promise((resolve) => {
    proc.on('exit', (code, signal) => {
      server.exitCode = code
      server.exitSignal = signal
      resolve({ code, signal })
    })
  })
  const lineReader = (stream, sink) => {
    let buf = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk) => {
      buf += chunk
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 1)
        server.logs.push(line)
        if (sink) sink.push(line)
        server.onLine?.(line)
      }
    })
  }
  lineReader(proc.stdout, server.stdoutLines)
  lineReader(proc.stderr, null)

  const ready = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not ready after ${readyTimeoutMs} ms:\n${server.logs.join('\n')}`)), readyTimeoutMs)
    const check = (line) => {
      try {
        const j = JSON.parse(line)
        if (j.type === 'ready') {
          clearTimeout(timer)
          server.onLine = null
          resolve(j)
        }
      } catch {}
    }
    server.onLine = check
    for (const l of server.stdoutLines) check(l)
    server.exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`server exited before ready (code ${code}, signal ${signal}):\n${server.logs.join('\n')}`))
    })
  }).catch(async (e) => {
    proc.kill('SIGKILL')
    await server.exited
    live.delete(server)
    cleanupSync()
    throw e
  })
  server.port = ready.port
  server.url = `http://127.0.0.1:${ready.port}`
  server.kill = (signal = 'SIGTERM') => proc.kill(signal)
  /** SIGTERM, then SIGKILL after timeoutMs; resolves to {code, signal}. */
  server.stop = async (timeoutMs = 15_000) => {
    if (server.exitCode === undefined && server.exitSignal === undefined) {
      proc.kill('SIGTERM')
      const t = setTimeout(() => proc.kill('SIGKILL'), timeoutMs)
      await server.exited
      clearTimeout(t)
    }
    return { code: server.exitCode, signal: server.exitSignal }
  }
  /** Stops the server and removes its data dir and database. */
  server.destroy = async () => {
    await server.stop()
    live.delete(server)
    cleanupSync()
  }
  return server
}

// ---------------------------------------------------------------------------------------------
// HTTP client with a cookie jar and CSRF handling.

/**
 * `zhifa serve` again on the storage of `old` (a server from startServer, stopped or not: its data
 * directory and, for PostgreSQL, its database), with extra environment. Answers {url, logs, stop()}.
 */
export async function serveAgain(old, { env = {}, timeoutMs = 30_000 } = {}) {
  await waitForBinary()
  const args = ['serve', ...storageArgs(old), '--port', '0']
  const [cmd, argv] = SETPRIV ? [SETPRIV, ['--pdeathsig', 'TERM', '--', ZHIFA_BIN, ...args]] : [ZHIFA_BIN, args]
  const proc = spawn(cmd, argv, { cwd: old.dataDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  const logs = []
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })))
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`restarted server not ready:\n${logs.join('\n')}`)), timeoutMs)
    let buf = ''
    proc.stdout.setEncoding('utf8')
    proc.stdout.on('data', (chunk) => {
      buf += chunk
      let i
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i)
        buf = buf.slice(i + 1)
        logs.push(line)
        try {
          const j = JSON.parse(line)
          if (j.type === 'ready') { clearTimeout(timer); resolve(j.port) }
        } catch {}
      }
    })
    proc.stderr.setEncoding('utf8')
    proc.stderr.on('data', (c) => logs.push(c))
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`restarted server exited (${code}, ${signal}):\n${logs.join('\n')}`)) })
  }).catch((e) => { proc.kill('SIGKILL'); throw e })
  let done = false
  return {
    url: `http://127.0.0.1:${port}`,
    logs,
    async stop() {
      if (done) return
      done = true
      proc.kill('SIGTERM')
      const t = setTimeout(() => proc.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(t)
    },
  }
}

export class Client {
  constructor(baseUrl, { bearer } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.cookies = new Map()
    this.csrf = ''
    this.bearer = bearer || ''
    this.user = null
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  }

  absorbCookies(headers) {
    for (const c of headers.getSetCookie?.() ?? []) {
      const [pair, ...attrs] = c.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const maxAge = attrs.map((a) => a.trim()).find((a) => /^max-age=/i.test(a))
      if (value === '' || (maxAge && Number(maxAge.split('=')[1]) <= 0)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
  }

  /**
   * Sends a request. body: object (sent as JSON) or string/Buffer (sent as is). Options: headers,
   * csrf (false: omit the X-CSRF-Token header; string: send that), cookies (false: send none).
   * Returns {status, headers, body, text, requestId}; body is parsed JSON when the response is JSON.
   * With binary: true the response is also kept as bytes (a Buffer); text and body are then only
   * filled in for a JSON answer (e.g. a problem), so a download can be checked byte for byte.
   */
  async request(method, path, body, { headers = {}, csrf = true, cookies = true, binary = false } = {}) {
    const h = { ...headers }
    if (cookies && this.cookies.size) h.cookie = this.cookieHeader()
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`
    const write = !['GET', 'HEAD'].includes(method)
    if (write && csrf !== false && (typeof csrf === 'string' || this.csrf)) {
      h['x-csrf-token'] = typeof csrf === 'string' ? csrf : this.csrf
    }
    let payload
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) payload = body
      else payload = JSON.stringify(body)
      if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json'
    }
    const res = await fetch(this.baseUrl + path, { method, headers: h, body: payload, redirect: 'manual' })
    this.absorbCookies(res.headers)
    const ct = res.headers.get('content-type') || ''
    let bytes
    let text
    if (binary) {
      bytes = Buffer.from(await res.arrayBuffer())
      text = /json/.test(ct) ? bytes.toString('utf8') : ''
    } else {
      text = await res.text()
    }
    let parsed = text
    if (/json/.test(ct) && text) {
      try { parsed = JSON.parse(text) } catch { parsed = text }
    }
    const out = { status: res.status, headers: res.headers, body: parsed, text, requestId: res.headers.get('x-request-id') }
    if (binary) out.bytes = bytes
    return out
  }

  get(path, opts) { return this.request('GET', path, undefined, opts) }
  /** GET for a download (xlsx, pdf): {status, headers, bytes: Buffer, body/text when JSON}. */
  getBytes(path, opts) { return this.request('GET', path, undefined, { ...opts, binary: true }) }
  post(path, body, opts) { return this.request('POST', path, body, opts) }
  put(path, body, opts) { return this.request('PUT', path, body, opts) }
  patch(path, body, opts) { return this.request('PATCH', path, body, opts) }
  del(path, opts) { return this.request('DELETE', path, undefined, opts) }

  /** Signs in; keeps the session cookie and CSRF token. Returns the login response. */
  async signIn(username, password = DEMO_PASSWORD) {
    const r = await this.post('/api/auth/login', { username, password }, { csrf: false })
    if (r.status === 200 && r.body && typeof r.body === 'object') {
      this.csrf = r.body.csrf_token
      this.user = r.body.user
    }
    return r
  }
}

/** Signs in and returns the client; throws unless the sign-in succeeds. */
export async function login(baseUrl, username, password = DEMO_PASSWORD) {
  const c = new Client(baseUrl)
  const r = await c.signIn(username, password)
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text}`)
  return c
}

// ---------------------------------------------------------------------------------------------
// Raw TCP, for what fetch will not send (un-normalised paths, half requests, huge headers).

/**
 * Sends `data` (string or Buffer) on a fresh TCP connection and collects everything until the
 * server closes or timeoutMs passes. Returns {text, status, closed, elapsedMs, error}.
 */
export function rawRequest(port, data, { timeoutMs = 5000, host = '127.0.0.1', endAfterWrite = false } = {}) {
  return new Promise((resolve) => {
    const started = Date.now()
    const chunks = []
    let settled = false
    const sock = net.connect({ port, host })
    const finish = (closed, error) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      sock.destroy()
      const text = Buffer.concat(chunks).toString('utf8')
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text)
      resolve({ text, status: m ? Number(m[1]) : null, closed, elapsedMs: Date.now() - started, error })
    }
    const timer = setTimeout(() => finish(false), timeoutMs)
    sock.on('connect', () => {
      sock.write(data)
      if (endAfterWrite) sock.end()
    })
    sock.on('data', (c) => chunks.push(c))
    sock.on('end', () => finish(true))
    sock.on('close', () => finish(true))
    sock.on('error', (e) => finish(true, e))
  })
}

/** Parses one raw HTTP/1.1 response: {status, headers (lower-case), body}. */
export function parseRawResponse(text) {
  const idx = text.indexOf('\r\n\r\n')
  const head = idx >= 0 ? text.slice(0, idx) : text
  const body = idx >= 0 ? text.slice(idx + 4) : ''
  const [statusLine, ...lines] = head.split('\r\n')
  const headers = {}
  for (const l of lines) {
    const c = l.indexOf(':')
    if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim()
  }
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine || '')
  return { status: m ? Number(m[1]) : null, headers, body }
}

/** Resolves 'refused' when a TCP connect is refused, 'connected' when it is accepted. */
export function tryConnect(port, host = '127.0.0.1', timeoutMs = 2000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host })
    const t = setTimeout(() => { sock.destroy(); resolve('timeout') }, timeoutMs)
    sock.on('connect', () => { clearTimeout(t); sock.destroy(); resolve('connected') })
    sock.on('error', (e) => { clearTimeout(t); resolve(e.code === 'ECONNREFUSED' ? 'refused' : `error:${e.code}`) })
  })
}

// ---------------------------------------------------------------------------------------------
// Assertions shared by the files.

/** Asserts an RFC 9457 problem response as docs/api.md describes it. */
export function assertProblem(assert, res, status, { code, field, noField = false } = {}) {
  const where = `${res.status} ${res.text?.slice(0, 300)}`
  assert.equal(res.status, status, `status: ${where}`)
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, `content-type: ${where}`)
  assert.equal(typeof res.body, 'object', `problem body is JSON: ${where}`)
  assert.equal(res.body.status, status, `body.status: ${where}`)
  assert.equal(typeof res.body.code, 'string', `code: ${where}`)
  assert.ok(res.body.message_zh && /[\u4e00-\u9fff]/.test(res.body.message_zh), `message_zh is Chinese: ${where}`)
  assert.ok(res.body.message_en && /^[\x20-\x7e]+$/.test(res.body.message_en), `message_en is English: ${where}`)
  assert.ok(res.body.type && res.body.title, `type and title: ${where}`)
  assert.ok(res.body.request_id, `request_id: ${where}`)
  assert.equal(res.body.request_id, res.headers.get('x-request-id'), `request_id equals X-Request-Id: ${where}`)
  if (code) assert.equal(res.body.code, code, `code: ${where}`)
  if (field !== undefined) assert.equal(res.body.field, field, `field: ${where}`)
  if (noField) assert.equal(res.body.field, undefined, `no field expected: ${where}`)
}

export const sm3 = (...parts) => {
  const h = createHash('sm3')
  for (const p of parts) h.update(p)
  return h.digest()
}

export { readdirSync, readFileSync, join, dirname, mkdtempSync, rmSync, tmpdir }
