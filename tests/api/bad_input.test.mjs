// Bad input: every malformed, mistyped, overlong or unexpected request is a 400 problem that names
// the field at fault, in Chinese and English, and writes nothing. Limits of the HTTP layer (body
// size, header size, slow clients) and SQL metacharacters stored verbatim.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import { startServer, login, Client, rawRequest, parseRawResponse, assertProblem } from './harness.mjs'

let srv // default limits
let small // ZHIFA_HTTP_MAX_BODY_BYTES=2048, ZHIFA_HTTP_IDLE_SECONDS=2: only raw sockets and one fetch
let admin
const org = {}
const role = {}
let township // an org to PUT

const zh = (n) => '执'.repeat(n)

before(async () => {
  ;[srv, small] = await Promise.all([
    startServer(),
    startServer({ env: { ZHIFA_HTTP_MAX_BODY_BYTES: '2048', ZHIFA_HTTP_IDLE_SECONDS: '2' } }),
  ])
  admin = await login(srv.url, 'admin')
  for (const o of (await admin.get('/api/orgs?kind=county&page_size=50')).body.items) org[o.name] = o.id
  for (const r of (await admin.get('/api/roles')).body.items) role[r.key] = r.id
  township = (await admin.get(`/api/orgs?kind=township&parent_id=${org['永济市']}&page_size=1`)).body.items[0]
  assert.ok(township)
})

after(async () => {
  await Promise.all([srv?.destroy(), small?.destroy()])
})

/** What must not change when a request is refused. */
async function snapshot() {
  const [users, orgs, roles, cp, t] = await Promise.all([
    admin.get('/api/users?page_size=1'),
    admin.get('/api/orgs?page_size=1'),
    admin.get('/api/roles'),
    admin.get('/api/ledger/checkpoint'),
    admin.get(`/api/orgs?q=${encodeURIComponent(township.code)}`),
  ])
  return {
    users: users.body.total,
    orgs: orgs.body.total,
    roles: roles.body.items.length,
    ledger: cp.body.size,
    township: t.body.items.find((o) => o.id === township.id),
  }
}

const goodUser = () => ({ username: 'ok_user', display_name: '好用户', org_id: org['永济市'], role_ids: [role.officer] })
const goodOrg = () => ({ parent_id: org['永济市'], code: 'OK-ORG-1', name: '好机构', short_name: '好', kind: 'body' })
const goodOrgUpdate = () => ({ name: township.name, short_name: '', status: 'active' })
const goodRole = () => ({ key: 'ok_role', name: '好角色', data_scope: 'org', permissions: ['system:org:list'], remark: '' })

// [title, body (object or raw string), expected field (undefined: none checked; null: none allowed)]
const common = [
  ['malformed JSON', '{"name": "x",', null],
  ['truncated JSON', '{', null],
  ['a JSON array instead of an object', '[{"name": "x"}]', null],
  ['a JSON string instead of an object', '"hello"', null],
  ['null instead of an object', 'null', null],
  ['an empty body', '', null],
  ['invalid UTF-8 in a string', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), undefined],
]

const endpoints = [
  {
    name: 'POST /api/users',
    send: (body) => admin.post('/api/users', body),
    cases: [
      ['a number for username', () => ({ ...goodUser(), username: 123 }), 'username'],
      ['a number for display_name', () => ({ ...goodUser(), display_name: 42 }), 'display_name'],
      ['a string for org_id', () => ({ ...goodUser(), org_id: String(org['永济市'] ?? 1) }), 'org_id'],
      ['a float for org_id', () => ({ ...goodUser(), org_id: 1.5 }), 'org_id'],
      ['a string for role_ids', () => ({ ...goodUser(), role_ids: '1' }), 'role_ids'],
      ['strings inside role_ids', () => ({ ...goodUser(), role_ids: ['1'] }), 'role_ids'],
      ['an object for phone', () => ({ ...goodUser(), phone: { n: 1 } }), 'phone'],
      ['display_name of 51 Chinese characters', () => ({ ...goodUser(), display_name: zh(51) }), 'display_name'],
      ['username of 33 characters', () => ({ ...goodUser(), username: 'u' + 'x'.repeat(32) }), 'username'],
      ['an unknown field', () => ({ ...goodUser(), is_admin: true }), 'is_admin'],
      ['an unknown field password', () => ({ ...goodUser(), password: 'Zhifa@2026!' }), 'password'],
      ['an empty username', () => ({ ...goodUser(), username: '' }), 'username'],
      ['a blank display_name', () => ({ ...goodUser(), display_name: '   ' }), 'display_name'],
      ['a missing username', () => ((({ username, ...rest }) => rest)(goodUser())), 'username'],
      ['a missing org_id', () => ((({ org_id, ...rest }) => rest)(goodUser())), 'org_id'],
      ['empty role_ids', () => ({ ...goodUser(), role_ids: [] }), 'role_ids'],
      ['an unknown role id', () => ({ ...goodUser(), role_ids: [987654] }), 'role_ids'],
      ['an unknown org id', () => ({ ...goodUser(), org_id: 987654 }), 'org_id'],
      ['a bad username pattern', () => ({ ...goodUser(), username: '1abc' }), 'username'],
      ['a SQL-ish username', () => ({ ...goodUser(), username: "x'; DROP TABLE users; --" }), 'username'],
      ['a bad phone', () => ({ ...goodUser(), phone: '12345' }), 'phone'],
      ['a control character in display_name', () => ({ ...goodUser(), display_name: 'a\u0000b' }), 'display_name'],
      ['a number too big for JSON doubles in org_id', () => '{"username":"big_n","display_name":"x","org_id":1e400,"role_ids":[1]}', undefined],
      ['an integer beyond 64 bits in org_id', () => '{"username":"big_n","display_name":"x","org_id":99999999999999999999999,"role_ids":[1]}', 'org_id'],
      ['an integer just beyond int64 in role_ids', () => '{"username":"big_n","display_name":"x","org_id":1,"role_ids":[9223372036854775808]}', 'role_ids'],
      ['a newline in display_name', () => ({ ...goodUser(), display_name: 'a\nb' }), 'display_name'],
    ],
  },
  {
    name: 'POST /api/orgs',
    send: (body) => admin.post('/api/orgs', body),
    cases: [
      ['a number for name', () => ({ ...goodOrg(), name: 7 }), 'name'],
      ['a number for code', () => ({ ...goodOrg(), code: 140999 }), 'code'],
      ['a string for parent_id', () => ({ ...goodOrg(), parent_id: String(org['永济市'] ?? 1) }), 'parent_id'],
      ['an array for kind', () => ({ ...goodOrg(), kind: ['body'] }), 'kind'],
      ['name of 101 Chinese characters', () => ({ ...goodOrg(), name: zh(101) }), 'name'],
      ['name of 101 ASCII characters', () => ({ ...goodOrg(), name: 'n'.repeat(101) }), 'name'],
      ['short_name of 51 characters', () => ({ ...goodOrg(), short_name: zh(51) }), 'short_name'],
      ['code of 33 characters', () => ({ ...goodOrg(), code: 'C'.repeat(33) }), 'code'],
      ['an unknown field', () => ({ ...goodOrg(), path: '/1/' }), 'path'],
      ['an empty name', () => ({ ...goodOrg(), name: '' }), 'name'],
      ['an empty code', () => ({ ...goodOrg(), code: '  ' }), 'code'],
      ['a missing kind', () => ((({ kind, ...rest }) => rest)(goodOrg())), 'kind'],
      ['an unknown kind', () => ({ ...goodOrg(), kind: 'planet' }), 'kind'],
      ['an unknown parent', () => ({ ...goodOrg(), parent_id: 987654 }), 'parent_id'],
      ['a township under a township', () => ({ ...goodOrg(), parent_id: township?.id, kind: 'township' }), 'parent_id'],
      ['a negative parent_id', () => ({ ...goodOrg(), parent_id: -1 }), 'parent_id'],
    ],
  },
  {
    name: 'PUT /api/orgs/{id}',
    send: (body) => admin.put(`/api/orgs/${township.id}`, body),
    cases: [
      ['a number for name', () => ({ ...goodOrgUpdate(), name: 1 }), 'name'],
      ['a boolean for status', () => ({ ...goodOrgUpdate(), status: true }), 'status'],
      ['name of 101 Chinese characters', () => ({ ...goodOrgUpdate(), name: zh(101) }), 'name'],
      ['short_name of 51 characters', () => ({ ...goodOrgUpdate(), short_name: 's'.repeat(51) }), 'short_name'],
      ['an unknown field', () => ({ ...goodOrgUpdate(), parent_id: 1 }), 'parent_id'],
      ['an unknown field code', () => ({ ...goodOrgUpdate(), code: 'X' }), 'code'],
      ['an empty name', () => ({ ...goodOrgUpdate(), name: '' }), 'name'],
      ['a missing name', () => ({ short_name: 'x' }), 'name'],
      ['an unknown status', () => ({ ...goodOrgUpdate(), status: 'deleted' }), 'status'],
    ],
  },
  {
    name: 'POST /api/roles',
    send: (body) => admin.post('/api/roles', body),
    cases: [
      ['a number for key', () => ({ ...goodRole(), key: 5 }), 'key'],
      ['a number for name', () => ({ ...goodRole(), name: 5 }), 'name'],
      ['a string for permissions', () => ({ ...goodRole(), permissions: 'system:org:list' }), 'permissions'],
      ['numbers inside permissions', () => ({ ...goodRole(), permissions: [1] }), 'permissions'],
      ['a string for custom_org_ids', () => ({ ...goodRole(), data_scope: 'custom', custom_org_ids: '1' }), 'custom_org_ids'],
      ['name of 51 Chinese characters', () => ({ ...goodRole(), name: zh(51) }), 'name'],
      ['remark of 201 characters', () => ({ ...goodRole(), remark: zh(201) }), 'remark'],
      ['an unknown field', () => ({ ...goodRole(), builtin: true }), 'builtin'],
      ['an empty key', () => ({ ...goodRole(), key: '' }), 'key'],
      ['an empty name', () => ({ ...goodRole(), name: '' }), 'name'],
      ['a missing data_scope', () => ((({ data_scope, ...rest }) => rest)(goodRole())), 'data_scope'],
      ['a bad key pattern', () => ({ ...goodRole(), key: 'Bad Key' }), 'key'],
      ['an unknown data_scope', () => ({ ...goodRole(), data_scope: 'everything' }), 'data_scope'],
      ['an unknown permission', () => ({ ...goodRole(), permissions: ['system:root'] }), 'permissions'],
      ['custom scope without orgs', () => ({ ...goodRole(), data_scope: 'custom', custom_org_ids: [] }), 'custom_org_ids'],
      ['custom scope with an unknown org', () => ({ ...goodRole(), data_scope: 'custom', custom_org_ids: [987654] }), 'custom_org_ids'],
    ],
  },
]

for (const ep of endpoints) {
  describe(`${ep.name}: bad input is a 400 problem and writes nothing`, () => {
    let before0
    before(async () => { before0 = await snapshot() })
    after(async () => {
      assert.deepEqual(await snapshot(), before0, `${ep.name}: refused requests wrote nothing`)
    })
    for (const [title, body, field] of [...common, ...ep.cases]) {
      test(title, async () => {
        const r = await ep.send(typeof body === 'function' ? body() : body)
        assertProblem(assert, r, 400, field === null ? { noField: true } : field === undefined ? {} : { field })
      })
    }
    test('nothing was written (users, orgs, roles, ledger size, the target org)', async () => {
      assert.deepEqual(await snapshot(), before0)
    })
  })
}

describe('values at the limits are accepted (characters are counted, not bytes)', () => {
  test('an org name of exactly 100 Chinese characters and short_name of 50', async () => {
    const r = await admin.post('/api/orgs', { ...goodOrg(), code: 'LIMIT-100', name: zh(100), short_name: zh(50) })
    assert.equal(r.status, 201, r.text)
    assert.equal(r.body.name, zh(100))
  })

  test('a user display_name of exactly 50 Chinese characters', async () => {
    const r = await admin.post('/api/users', { ...goodUser(), username: 'limit_50', display_name: zh(50) })
    assert.equal(r.status, 201, r.text)
    assert.equal(r.body.user.display_name, zh(50))
  })

  test('a role name of 50 and remark of 200 Chinese characters', async () => {
    const r = await admin.post('/api/roles', { ...goodRole(), key: 'limit_role', name: zh(50), remark: zh(200) })
    assert.equal(r.status, 201, r.text)
    assert.equal(r.body.remark, zh(200))
  })
})

describe('ids and query parameters', () => {
  test('a non-numeric id in the path is 400 (field id); an unknown id is 404', async () => {
    assertProblem(assert, await admin.put('/api/orgs/abc', goodOrgUpdate()), 400, { field: 'id' })
    assertProblem(assert, await admin.put('/api/orgs/1e3', goodOrgUpdate()), 400, { field: 'id' })
    assertProblem(assert, await admin.put('/api/orgs/-5', goodOrgUpdate()), 400, { field: 'id' })
    assertProblem(assert, await admin.put('/api/orgs/99999999999999999999', goodOrgUpdate()), 400, { field: 'id' })
    assertProblem(assert, await admin.put('/api/orgs/987654', goodOrgUpdate()), 404)
    assertProblem(assert, await admin.post('/api/users/abc/disable'), 400, { field: 'id' })
  })

  test('bad paging and filters are 400 with the field named', async () => {
    assertProblem(assert, await admin.get('/api/users?page_size=201'), 400, { field: 'page_size' })
    assertProblem(assert, await admin.get('/api/users?page_size=0'), 400, { field: 'page_size' })
    assertProblem(assert, await admin.get('/api/users?page=0'), 400, { field: 'page' })
    assertProblem(assert, await admin.get('/api/users?page=abc'), 400, { field: 'page' })
    assertProblem(assert, await admin.get('/api/users?org_id=abc'), 400, { field: 'org_id' })
    assertProblem(assert, await admin.get(`/api/users?q=${'q'.repeat(51)}`), 400, { field: 'q' })
    assertProblem(assert, await admin.get('/api/orgs?parent_id=x'), 400, { field: 'parent_id' })
    assertProblem(assert, await admin.get('/api/logs/login?from=yesterday'), 400, { field: 'from' })
  })
})

describe('SQL metacharacters are plain text', () => {
  const meta = `'; DROP TABLE users; -- " OR 1=1 -- %_\\`
  let created

  test('every text field of an org stores and reads back verbatim', async () => {
    const body = { parent_id: org['永济市'], code: `Q'";--%_\\1`, name: `机构 ${meta}`, short_name: meta, kind: 'body' }
    const r = await admin.post('/api/orgs', body)
    assert.equal(r.status, 201, r.text)
    created = r.body
    for (const k of ['code', 'name', 'short_name']) assert.equal(r.body[k], body[k], k)
    const back = await admin.get(`/api/orgs?q=${encodeURIComponent(body.code)}`)
    assert.equal(back.status, 200)
    assert.equal(back.body.total, 1)
    for (const k of ['code', 'name', 'short_name']) assert.equal(back.body.items[0][k], body[k], k)
    const upd = await admin.put(`/api/orgs/${created.id}`, { name: `改 ${meta}`, short_name: `" OR ""="`, status: 'active' })
    assert.equal(upd.status, 200, upd.text)
    assert.equal(upd.body.name, `改 ${meta}`)
    assert.equal(upd.body.short_name, `" OR ""="`)
  })

  test('a user display_name stores and reads back verbatim', async () => {
    const r = await admin.post('/api/users', { username: 'meta_user', display_name: meta, org_id: created.id, role_ids: [role.officer] })
    assert.equal(r.status, 201, r.text)
    assert.equal(r.body.user.display_name, meta)
    const back = await admin.get(`/api/users?q=${encodeURIComponent(meta)}`)
    assert.equal(back.body.total, 1)
    assert.equal(back.body.items[0].display_name, meta)
    assert.equal(back.body.items[0].org_name, `改 ${meta}`)
    const all = await admin.get('/api/users?page_size=200')
    assert.ok(all.body.total >= 8, 'the users table is still there')
  })

  for (const ch of ['%', '_', '\\']) {
    test(`searching q=${ch} matches only a literal ${ch}`, async () => {
      const orgs = await admin.get(`/api/orgs?q=${encodeURIComponent(ch)}&page_size=200`)
      assert.equal(orgs.status, 200)
      assert.ok(orgs.body.total >= 1, 'finds the org that has it')
      assert.ok(orgs.body.items.every((o) => o.name.includes(ch) || o.code.includes(ch)),
        JSON.stringify(orgs.body.items.map((o) => [o.code, o.name]).slice(0, 5)))
      const users = await admin.get(`/api/users?q=${encodeURIComponent(ch)}&page_size=200`)
      assert.ok(users.body.items.every((u) => u.username.includes(ch) || u.display_name.includes(ch)),
        JSON.stringify(users.body.items.map((u) => [u.username, u.display_name])))
    })
  }

  test('a raw, unencoded q=% is refused or matched literally, never a wildcard', async () => {
    const total = (await admin.get('/api/orgs?page_size=1')).body.total
    const r = await admin.get('/api/orgs?q=%&page_size=200')
    if (r.status === 400) return assertProblem(assert, r, 400)
    assert.equal(r.status, 200)
    assert.ok(r.body.total < total, `q=% returned ${r.body.total} of ${total} orgs: the malformed parameter was ignored`)
    assert.ok(r.body.items.every((o) => o.name.includes('%') || o.code.includes('%')))
  })
})

describe('routes and paths', () => {
  test('an unknown route is a 404 problem', async () => {
    for (const p of ['/api/nope', '/api/users/1/bogus', '/api', '/nope']) {
      assertProblem(assert, await admin.get(p), 404)
    }
    assertProblem(assert, await admin.post('/api/nope', {}), 404)
  })

  test('a known path with the wrong method is a 4xx problem naming the method', async () => {
    const r = await admin.del('/api/users')
    assert.ok(r.status >= 400 && r.status < 500 && r.status !== 404, `got ${r.status}`)
    assertProblem(assert, r, r.status, { code: 'http.method_not_allowed' })
    const p = await admin.patch(`/api/orgs/${township.id}`, { name: 'x' })
    assertProblem(assert, p, r.status, { code: 'http.method_not_allowed' })
  })

  test('the wrong method answers 405 Method Not Allowed (RFC 9110)', async () => {
    const r = await admin.del('/api/users')
    assert.equal(r.status, 405, r.text)
  })

  test('invalid percent-encoding in the path is 400', async () => {
    for (const p of ['/api/users%zz', '/api/orgs/%', '/api/orgs/%4', '/api/users%00', '/healthz%G0']) {
      assertProblem(assert, await admin.get(p), 400)
    }
  })
})

describe('hostile JSON', () => {
  test('JSON nested 100 000 deep is a 400 on the public login route, and the server lives on', async () => {
    const anon = new Client(srv.url)
    for (const body of ['['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)]) {
      const r = await anon.post('/api/auth/login', body, { csrf: false })
      assertProblem(assert, r, 400)
    }
    assert.equal((await anon.get('/healthz')).status, 200)
  })

  test('duplicate keys do not smuggle a second value past validation', async () => {
    const r = await admin.post('/api/orgs', '{"parent_id":' + org['永济市'] + ',"code":"DUP-1","name":"好名字","name":"' + zh(101) + '","kind":"body"}')
    if (r.status === 400) return assertProblem(assert, r, 400)
    assert.equal(r.status, 201, r.text)
    assert.ok([...r.body.name].length <= 100, 'the stored name respects the limit')
  })
})

/** Asserts that a server is still up and serving after a refused request. */
async function assertAlive(server, after) {
  await new Promise((r) => setTimeout(r, 300))
  assert.ok(server.exitCode === undefined && server.exitSignal === undefined,
    `the server died after ${after}: exit code ${server.exitCode}, signal ${server.exitSignal}; last output:\n${server.logs.slice(-3).join('\n')}`)
  const r = await rawRequest(server.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')
  assert.equal(r.status, 200, `the server does not answer /healthz after ${after}`)
}

// Ordered so that a refusal that kills the server shows as its own failure, not as a cascade.
describe('HTTP limits', () => {
  test('a body just under the limit is not refused for its size', async () => {
    const body = JSON.stringify({ username: 'x', password: 'y'.repeat(1500) })
    const r = await rawRequest(small.port, `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
    assert.ok(r.status && r.status !== 413, `got ${r.status}`)
  })

  test('a slow client sending half a request line is disconnected within a few seconds (idle 2 s)', async () => {
    const r = await rawRequest(small.port, 'GET /heal', { timeoutMs: 8000 })
    assert.ok(!r.error || r.error.code !== 'ECONNREFUSED', 'the server is up')
    assert.ok(r.closed, `still connected after ${r.elapsedMs} ms`)
    assert.ok(r.elapsedMs < 6000, `closed after ${r.elapsedMs} ms`)
    assert.ok(r.elapsedMs >= 1000, `closed too early (${r.elapsedMs} ms): the idle timeout is 2 s`)
  })

  test('a client trickling one header byte every 300 ms is still disconnected in time', async () => {
    const started = Date.now()
    const closed = await new Promise((resolve) => {
      const sock = net.connect({ port: small.port, host: '127.0.0.1' })
      const data = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ' + 'z'.repeat(100)
      let i = 0
      const timer = setInterval(() => { if (i < data.length && !sock.destroyed) sock.write(data[i++]) }, 300)
      const done = (v) => { clearInterval(timer); clearTimeout(limit); sock.destroy(); resolve(v) }
      const limit = setTimeout(() => done(false), 10_000)
      sock.on('close', () => done(true))
      sock.on('end', () => done(true))
      sock.on('error', () => done(true))
    })
    assert.ok(closed, 'a trickling client is not kept forever')
    const ms = Date.now() - started
    assert.ok(ms >= 1000 && ms < 8000, `closed after ${ms} ms`)
  })

  test('a connection that sends nothing is closed after the idle time', async () => {
    const r = await rawRequest(small.port, '', { timeoutMs: 8000 })
    assert.ok(r.closed && r.elapsedMs >= 1000 && r.elapsedMs < 6000, `closed=${r.closed} after ${r.elapsedMs} ms`)
  })

  test('a garbage request line is a 400, and the server lives on', async () => {
    const r = await rawRequest(srv.port, 'HELLO THERE\r\n\r\n')
    assert.equal(r.status, 400, r.text)
    await assertAlive(srv, 'a garbage request line')
  })

  test('a body bigger than ZHIFA_HTTP_MAX_BODY_BYTES (2048) is 413, and the server lives on', async () => {
    const body = JSON.stringify({ username: 'big', display_name: 'x'.repeat(4000), org_id: 1, role_ids: [1] })
    const res = await fetch(small.url + '/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const text = await res.text()
    assert.equal(res.status, 413, text)
    assert.match(res.headers.get('content-type') || '', /problem\+json/)
    const j = JSON.parse(text)
    assert.ok(j.message_zh && j.message_en)
    await assertAlive(small, 'answering 413')
  })

  test('a header over 16 KiB is refused with 431 or 400, and the server lives on', async () => {
    const raw = await rawRequest(srv.port, `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(17 * 1024)}\r\nConnection: close\r\n\r\n`)
    assert.ok([400, 431].includes(raw.status), `got ${raw.status}: ${raw.text.slice(0, 200)}`)
    await assertAlive(srv, 'refusing a 17 KiB header')
    const many = Array.from({ length: 400 }, (_, i) => `X-H${i}: ${'b'.repeat(50)}`).join('\r\n')
    const raw2 = await rawRequest(srv.port, `GET /healthz HTTP/1.1\r\nHost: x\r\n${many}\r\nConnection: close\r\n\r\n`)
    assert.ok([400, 431].includes(raw2.status), `many headers: got ${raw2.status}`)
    await assertAlive(srv, 'refusing 400 headers')
  })
})
