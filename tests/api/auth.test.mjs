// Sign-in, sessions, CSRF, lockout, forced password change, API tokens, operation log, disabling.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, Client, login, assertProblem, DEMO_PASSWORD, execSql, sm3 } from './harness.mjs'

let srv
let admin // signed-in admin client
const ids = {} // org and role ids by name/key

before(async () => {
  srv = await startServer()
  admin = await login(srv.url, 'admin')
  const counties = await admin.get('/api/orgs?kind=county&page_size=50')
  for (const o of counties.body.items) ids[o.name] = o.id
  const roles = await admin.get('/api/roles')
  for (const r of roles.body.items) ids['role:' + r.key] = r.id
  assert.ok(ids['永济市'] && ids['盐湖区'] && ids['role:officer'], 'demo orgs and roles are there')
})

after(async () => {
  await srv?.destroy()
})

async function userByName(username) {
  const r = await admin.get(`/api/users?q=${encodeURIComponent(username)}&page_size=200`)
  assert.equal(r.status, 200, r.text)
  return r.body.items.find((u) => u.username === username)
}

describe('sign in', () => {
  test('a good login sets an HttpOnly SameSite=Strict session cookie and returns the user and a csrf_token', async () => {
    const c = new Client(srv.url)
    const r = await c.signIn('sfj_city')
    assert.equal(r.status, 200, r.text)
    const setCookie = r.headers.getSetCookie().find((s) => s.startsWith('zhifa_session='))
    assert.ok(setCookie, 'zhifa_session cookie is set')
    assert.match(setCookie, /;\s*HttpOnly/i)
    assert.match(setCookie, /;\s*SameSite=Strict/i)
    assert.match(setCookie, /;\s*Path=\//i)
    assert.ok(typeof r.body.csrf_token === 'string' && r.body.csrf_token.length >= 16)
    const u = r.body.user
    assert.equal(u.username, 'sfj_city')
    for (const k of ['id', 'display_name', 'org_id', 'org_name', 'org_path', 'roles', 'permissions', 'data_scope']) {
      assert.ok(k in u, `user.${k} present`)
    }
    assert.equal(u.must_change_password, false)
    assert.ok(Array.isArray(u.org_path) && u.org_path.length >= 1 && u.org_path.every((o) => o.id && o.name))
    assert.deepEqual(u.roles.map((x) => x.key), ['city_supervisor'])
    assert.ok(u.permissions.includes('system:user:list'))
    assert.ok(!JSON.stringify(r.body).includes(c.cookies.get('zhifa_session')), 'the body does not repeat the cookie')

    const me = await c.get('/api/auth/me')
    assert.equal(me.status, 200)
    assert.equal(me.body.user.username, 'sfj_city')
    assert.equal(me.body.csrf_token, r.body.csrf_token)
  })

  test('a wrong password is 401 auth.bad_credentials in Chinese and English; an unknown user gets the same answer', async () => {
    const c = new Client(srv.url)
    const wrong = await c.signIn('officer_demo', 'Wrong@2026!x')
    assertProblem(assert, wrong, 401, { code: 'auth.bad_credentials' })
    assert.equal(wrong.headers.getSetCookie().filter((s) => /zhifa_session=[^;]/.test(s)).length, 0, 'no session cookie')
    const unknown = await c.signIn('no_such_user_x', 'Wrong@2026!x')
    assertProblem(assert, unknown, 401, { code: 'auth.bad_credentials' })
    assert.equal(unknown.body.message_zh, wrong.body.message_zh)
    assert.equal(unknown.body.message_en, wrong.body.message_en)
    assert.equal(unknown.body.title, wrong.body.title)
  })

  test('GET /api/auth/me without a cookie (or with a forged one) is 401', async () => {
    const anon = new Client(srv.url)
    assertProblem(assert, await anon.get('/api/auth/me'), 401)
    anon.cookies.set('zhifa_session', 'f'.repeat(64))
    assertProblem(assert, await anon.get('/api/auth/me'), 401)
    anon.cookies.set('zhifa_session', "'; DROP TABLE sessions; --")
    assertProblem(assert, await anon.get('/api/auth/me'), 401)
  })

  test('logout ends the session (204, cookie cleared, the old cookie no longer works)', async () => {
    const c = await login(srv.url, 'zhongcheng_staff')
    const cookie = c.cookies.get('zhifa_session')
    const r = await c.post('/api/auth/logout')
    assert.equal(r.status, 204, r.text)
    const cleared = r.headers.getSetCookie().find((s) => s.startsWith('zhifa_session='))
    assert.ok(cleared && /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(cleared), `cookie cleared: ${cleared}`)
    const stale = new Client(srv.url)
    stale.cookies.set('zhifa_session', cookie)
    assertProblem(assert, await stale.get('/api/auth/me'), 401)
  })
})

describe('CSRF', () => {
  test('writes with a cookie session and no X-CSRF-Token are 403 auth.csrf, and nothing is written', async () => {
    const before = await admin.get('/api/tokens')
    assertProblem(assert, await admin.post('/api/tokens', { name: 'no-csrf' }, { csrf: false }), 403, { code: 'auth.csrf' })
    assertProblem(assert, await admin.post('/api/tokens', { name: 'bad-csrf' }, { csrf: 'x'.repeat(48) }), 403, { code: 'auth.csrf' })
    assertProblem(assert, await admin.put(`/api/orgs/${ids['永济市']}`, { name: '改名' }, { csrf: false }), 403, { code: 'auth.csrf' })
    assertProblem(assert, await admin.post('/api/auth/logout', undefined, { csrf: false }), 403, { code: 'auth.csrf' })
    const after = await admin.get('/api/tokens')
    assert.equal(after.body.items.length, before.body.items.length)
    const org = await admin.get(`/api/orgs?q=${encodeURIComponent('永济市')}&kind=county`)
    assert.equal(org.body.items[0].name, '永济市')
    assert.equal((await admin.get('/api/auth/me')).status, 200, 'the session survived the refused logout')
  })
})

describe('lockout', () => {
  const c = new Client('http://unused')
  before(() => { c.baseUrl = srv.url })

  test('after 5 failures the account is locked (423 auth.locked) even with the right password', async () => {
    const statuses = []
    for (let i = 0; i < 5; i++) statuses.push((await c.signIn('yongji_sfj', `Wrong@2026!${i}`)).status)
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401])
    assert.ok([401, 423].includes(statuses[4]), `5th failure: ${statuses[4]}`)
    const locked = await c.signIn('yongji_sfj', DEMO_PASSWORD)
    assertProblem(assert, locked, 423, { code: 'auth.locked' })
    assert.equal(c.cookies.size, 0, 'no session while locked')
  })

  test('the login log shows the failed attempts and the refusal', async () => {
    const log = await admin.get('/api/logs/login?username=yongji_sfj&page_size=50')
    assert.equal(log.status, 200, log.text)
    const results = log.body.items.map((i) => i.result)
    assert.equal(results.filter((r) => r === 'bad_password').length, 5, JSON.stringify(results))
    assert.ok(results.includes('locked'), JSON.stringify(results))
    assert.equal(log.body.total, log.body.items.length)
    assert.ok(log.body.items.every((i) => i.username === 'yongji_sfj' && i.ip && typeof i.at === 'number'))
    const byResult = await admin.get('/api/logs/login?username=yongji_sfj&result=bad_password')
    assert.equal(byResult.body.total, 5)
  })

  test('the user list shows the account as locked, and ?status=locked finds it', async () => {
    const u = await userByName('yongji_sfj')
    assert.equal(u.status, 'locked')
    const lockedList = await admin.get('/api/users?status=locked&page_size=200')
    assert.equal(lockedList.status, 200, lockedList.text)
    assert.deepEqual(lockedList.body.items.map((x) => x.username), ['yongji_sfj'], 'GET /api/users?status=locked lists the locked account')
    const activeList = await admin.get('/api/users?status=active&page_size=200')
    assert.ok(!activeList.body.items.some((x) => x.username === 'yongji_sfj'), 'a locked account is not listed as active')
  })

  test('POST /api/users/{id}/unlock (204) lets it in again', async () => {
    const u = await userByName('yongji_sfj')
    const unlock = await admin.post(`/api/users/${u.id}/unlock`)
    assert.equal(unlock.status, 204, unlock.text)
    assert.equal((await userByName('yongji_sfj')).status, 'active')
    const ok = await c.signIn('yongji_sfj', DEMO_PASSWORD)
    assert.equal(ok.status, 200, ok.text)
  })
})

describe('forced password change', () => {
  let created
  let newbie

  test('admin creates a user: 201 with an initial_password, must_change_password set', async () => {
    const r = await admin.post('/api/users', {
      username: 'newbie_auth',
      display_name: '新同事',
      org_id: ids['永济市'],
      role_ids: [ids['role:officer']],
    })
    assert.equal(r.status, 201, r.text)
    assert.ok(typeof r.body.initial_password === 'string' && r.body.initial_password.length >= 8)
    assert.equal(r.body.user.username, 'newbie_auth')
    assert.equal(r.body.user.must_change_password, true)
    created = r.body
  })

  test('until the password is changed every other /api call is 403 auth.must_change_password', async () => {
    newbie = new Client(srv.url)
    const r = await newbie.signIn('newbie_auth', created.initial_password)
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.user.must_change_password, true)
    const calls = [
      ['GET', '/api/orgs/stats'], ['GET', '/api/dicts'], ['GET', '/api/permissions'], ['GET', '/api/tokens'],
      ['GET', '/api/users'], ['GET', '/api/orgs/tree'], ['GET', '/api/ledger/checkpoint'],
      ['POST', '/api/tokens', { name: 'sneaky' }], ['GET', '/api/logs/login'],
    ]
    for (const [method, path, body] of calls) {
      const res = await newbie.request(method, path, body)
      assertProblem(assert, res, 403, { code: 'auth.must_change_password' })
    }
    const me = await newbie.get('/api/auth/me')
    assert.equal(me.status, 200, 'GET /api/auth/me stays available')
    assert.equal(me.body.user.must_change_password, true)
  })

  test('weak or wrong new passwords are refused with field new_password (old_password when the old one is wrong)', async () => {
    const old = created.initial_password
    const weak = ['Ab1!xyz', 'alllowercase1!', 'ALLUPPERCASE1!', 'NoDigitsHere!!', 'NoSymbols12345', 'My-newbie_auth-1A', old]
    for (const pw of weak) {
      const r = await newbie.post('/api/auth/password', { old_password: old, new_password: pw })
      assertProblem(assert, r, 400, { field: 'new_password' })
    }
    const tooShort = await newbie.post('/api/auth/password', { old_password: old, new_password: 'Ab1!' })
    assertProblem(assert, tooShort, 400, { field: 'new_password' })
    const wrongOld = await newbie.post('/api/auth/password', { old_password: 'Nope@2026!zz', new_password: 'Fresh@2026!ok' })
    assertProblem(assert, wrongOld, 400, { field: 'old_password' })
    assertProblem(assert, await newbie.get('/api/dicts'), 403, { code: 'auth.must_change_password' })
  })

  test('after POST /api/auth/password (204) the user works normally and signs in with the new password only', async () => {
    const second = await login(srv.url, 'newbie_auth', created.initial_password)
    const r = await newbie.post('/api/auth/password', { old_password: created.initial_password, new_password: 'Fresh@2026!ok' })
    assert.equal(r.status, 204, r.text)
    assert.equal((await newbie.get('/api/dicts')).status, 200, 'the same session goes on')
    assertProblem(assert, await second.get('/api/auth/me'), 401)
    const again = await login(srv.url, 'newbie_auth', 'Fresh@2026!ok')
    assert.equal(again.user.must_change_password, false)
    assert.equal((await again.get('/api/dicts')).status, 200)
    assert.equal((await again.get('/api/orgs/stats')).status, 200)
    const old = await new Client(srv.url).signIn('newbie_auth', created.initial_password)
    assertProblem(assert, old, 401, { code: 'auth.bad_credentials' })
  })
})

describe('password reset by an administrator', () => {
  test('POST /api/users/{id}/reset-password returns an initial_password, ends the sessions and forces a change', async () => {
    const victim = await login(srv.url, 'zhongcheng_staff')
    const u = await userByName('zhongcheng_staff')
    const r = await admin.post(`/api/users/${u.id}/reset-password`)
    assert.equal(r.status, 200, r.text)
    assert.ok(typeof r.body.initial_password === 'string' && r.body.initial_password.length >= 8)
    assertProblem(assert, await victim.get('/api/auth/me'), 401)
    assertProblem(assert, await new Client(srv.url).signIn('zhongcheng_staff', DEMO_PASSWORD), 401)
    const c = await login(srv.url, 'zhongcheng_staff', r.body.initial_password)
    assert.equal(c.user.must_change_password, true)
    assertProblem(assert, await c.get('/api/orgs/tree'), 403, { code: 'auth.must_change_password' })
    assert.equal((await userByName('zhongcheng_staff')).must_change_password, true)
  })
})

describe('session lifetime', () => {
  const sessionId = (c) => sm3(c.cookies.get('zhifa_session')).toString('hex')

  test('a session idle for longer than 30 minutes ends (401)', async () => {
    const c = await login(srv.url, 'sfj_city')
    assert.equal((await c.get('/api/auth/me')).status, 200)
    execSql(srv, `UPDATE sessions SET last_seen_at = last_seen_at - ${31 * 60_000} WHERE id = '${sessionId(c)}'`)
    assertProblem(assert, await c.get('/api/auth/me'), 401, { code: 'auth.required' })
  })

  test('a session older than 12 hours ends even when used', async () => {
    const c = await login(srv.url, 'sfj_city')
    execSql(srv, `UPDATE sessions SET created_at = created_at - ${13 * 3600_000} WHERE id = '${sessionId(c)}'`)
    assertProblem(assert, await c.get('/api/users?page_size=1'), 401)
  })
})

describe('API tokens', () => {
  let token
  let tokenId

  test('POST /api/tokens returns a zf_ token once; the list shows only its prefix', async () => {
    const r = await admin.post('/api/tokens', { name: 'ci-pipeline', expires_days: 30 })
    assert.equal(r.status, 201, r.text)
    assert.match(r.body.token, /^zf_[A-Za-z0-9]{16,}$/)
    assert.ok(r.body.id)
    token = r.body.token
    tokenId = r.body.id
    const list = await admin.get('/api/tokens')
    assert.equal(list.status, 200)
    const mine = list.body.items.find((t) => t.id === tokenId)
    assert.ok(mine, 'the new token is listed')
    assert.equal(mine.name, 'ci-pipeline')
    assert.ok(token.startsWith(mine.prefix) && mine.prefix.length < token.length)
    assert.ok(mine.expires_at > Date.now() + 29 * 86400_000)
    assert.ok(!list.text.includes(token), 'the full token is never shown again')
  })

  test('a bearer token works without cookie or CSRF token, reads and writes', async () => {
    const bot = new Client(srv.url, { bearer: token })
    const me = await bot.get('/api/auth/me')
    assert.equal(me.status, 200, me.text)
    assert.equal(me.body.user.username, 'admin')
    const users = await bot.get('/api/users?page_size=1')
    assert.equal(users.status, 200)
    const created = await bot.post('/api/orgs', {
      parent_id: ids['永济市'], code: 'T-BEARER-1', name: '令牌创建的执法队', kind: 'body',
    })
    assert.equal(created.status, 201, created.text)
    const list = await admin.get('/api/tokens')
    assert.ok(list.body.items.find((t) => t.id === tokenId).last_used_at, 'last_used_at is recorded')
  })

  test('an expired token is 401', async () => {
    const r = await admin.post('/api/tokens', { name: 'short-lived', expires_days: 1 })
    assert.equal(r.status, 201, r.text)
    const bot = new Client(srv.url, { bearer: r.body.token })
    assert.equal((await bot.get('/api/users?page_size=1')).status, 200)
    execSql(srv, `UPDATE api_tokens SET expires_at = ${Date.now() - 1000} WHERE id = ${r.body.id}`)
    assertProblem(assert, await bot.get('/api/users?page_size=1'), 401)
  })

  test('bad token requests are 400 with the field named', async () => {
    assertProblem(assert, await admin.post('/api/tokens', { name: '' }), 400, { field: 'name' })
    assertProblem(assert, await admin.post('/api/tokens', { name: 'x', expires_days: -1 }), 400, { field: 'expires_days' })
    assertProblem(assert, await admin.post('/api/tokens', { name: 'x', expires_days: 99999 }), 400, { field: 'expires_days' })
    assertProblem(assert, await admin.post('/api/tokens', { name: 'x', scope: 'all' }), 400, { field: 'scope' })
  })

  test('an unknown or malformed bearer token is 401', async () => {
    for (const t of ['zf_' + '0'.repeat(40), 'not-a-token', token.slice(0, -1)]) {
      assertProblem(assert, await new Client(srv.url, { bearer: t }).get('/api/users'), 401)
    }
  })

  test('DELETE /api/tokens/{id} revokes it (204), then the token is 401', async () => {
    const r = await admin.del(`/api/tokens/${tokenId}`)
    assert.equal(r.status, 204, r.text)
    assertProblem(assert, await new Client(srv.url, { bearer: token }).get('/api/users'), 401)
    const again = await admin.del(`/api/tokens/${tokenId}`)
    assert.equal(again.status, 404, 'revoking twice is 404')
  })

  test('one user cannot revoke another user\'s token', async () => {
    const sfj = await login(srv.url, 'sfj_city')
    const t = await sfj.post('/api/tokens', { name: 'sfj-own' })
    assert.equal(t.status, 201, t.text)
    const r = await admin.del(`/api/tokens/${t.body.id}`)
    assert.equal(r.status, 404)
    assert.equal((await new Client(srv.url, { bearer: t.body.token }).get('/api/users?page_size=1')).status, 200)
  })
})

describe('operation log', () => {
  test('the writes show in GET /api/logs/operations with method, path, action, status and request id', async () => {
    const w = await admin.put(`/api/orgs/${ids['永济市']}`, { name: '永济市', short_name: '永济' })
    assert.equal(w.status, 200, w.text)
    const r = await admin.get('/api/logs/operations?username=admin&page_size=200')
    assert.equal(r.status, 200, r.text)
    assert.ok(r.body.items.every((i) => i.username.includes('admin')), 'the username filter holds')
    const items = r.body.items.filter((i) => i.username === 'admin')
    const put = items.find((i) => i.request_id === w.requestId)
    assert.ok(put, `the PUT (request ${w.requestId}) is logged`)
    assert.equal(put.method, 'PUT')
    assert.equal(put.path, `/api/orgs/${ids['永济市']}`)
    assert.equal(put.status, 200)
    assert.equal(put.username, 'admin')
    assert.ok(put.action)
    const actions = items.map((i) => i.action)
    for (const a of ['user.create', 'token.create', 'token.revoke', 'user.unlock']) {
      assert.ok(actions.includes(a), `${a} in ${JSON.stringify([...new Set(actions)])}`)
    }
    assert.ok(items.some((i) => i.action === 'user.create' && i.status === 201 && i.method === 'POST' && i.path === '/api/users'))
    assert.ok(!items.some((i) => i.method === 'GET'), 'reads are not operations')
    // from is inclusive, to exclusive (epoch ms).
    const at = put.at
    const window = async (q) => (await admin.get(`/api/logs/operations?username=admin&page_size=200&${q}`)).body.items.some((i) => i.request_id === w.requestId)
    assert.equal(await window(`from=${at}&to=${at + 1}`), true, 'from=at&to=at+1 includes it')
    assert.equal(await window(`from=${at + 1}`), false, 'from after it excludes it')
    assert.equal(await window(`to=${at}`), false, 'to is exclusive')
  })
})

describe('disabled users', () => {
  let u

  test('disabling a user ends its sessions and tokens, and it cannot sign in', async () => {
    const victim = await login(srv.url, 'yongji_admin')
    const tok = await victim.post('/api/tokens', { name: 'before-disable' })
    assert.equal(tok.status, 201, tok.text)
    u = await userByName('yongji_admin')
    const d = await admin.post(`/api/users/${u.id}/disable`)
    assert.equal(d.status, 204, d.text)
    assert.equal((await userByName('yongji_admin')).status, 'disabled')
    assertProblem(assert, await victim.get('/api/auth/me'), 401)
    assertProblem(assert, await new Client(srv.url, { bearer: tok.body.token }).get('/api/users'), 401)
    const again = await new Client(srv.url).signIn('yongji_admin')
    assert.ok(again.status === 401 || again.status === 403, `disabled sign-in: ${again.status}`)
    assertProblem(assert, again, again.status)
    assert.equal(again.headers.getSetCookie().filter((s) => /zhifa_session=[^;]/.test(s)).length, 0)
    const log = await admin.get('/api/logs/login?username=yongji_admin&result=disabled')
    assert.ok(log.body.total >= 1, 'the refused sign-in is logged as disabled')
  })

  test('with a wrong password a disabled account gets the same 401 as an unknown user (no account probing)', async () => {
    const wrongPw = await new Client(srv.url).signIn('yongji_admin', 'Wrong@2026!zz')
    const unknown = await new Client(srv.url).signIn('no_such_user_y', 'Wrong@2026!zz')
    assertProblem(assert, wrongPw, 401, { code: 'auth.bad_credentials' })
    assert.equal(wrongPw.body.message_zh, unknown.body.message_zh)
  })

  test('enabling it lets it sign in again', async () => {
    assert.equal((await admin.post(`/api/users/${u.id}/enable`)).status, 204)
    assert.equal((await new Client(srv.url).signIn('yongji_admin')).status, 200)
  })

  test('an administrator cannot disable their own account', async () => {
    const r = await admin.post(`/api/users/${admin.user.id}/disable`)
    assert.ok(r.status >= 400 && r.status < 500, r.text)
    assert.equal((await admin.get('/api/auth/me')).status, 200)
  })
})
