// Data scope: what each demo account sees and may change (DOMAIN.md §1–2: city, 13 county-level
// divisions, 147 townships; a county administrator manages only their own county).
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, assertProblem } from './harness.mjs'

let srv
let admin, yanhu, officer, sfj, staff
let adminTree
const org = {} // county name -> id
const role = {} // role key -> id
const userId = {} // username -> id
let yanhuSubtree // Set of org ids under 盐湖区 (inclusive)

function walk(nodes, fn, parents = []) {
  for (const n of nodes) {
    fn(n, parents)
    walk(n.children || [], fn, [...parents, n])
  }
}

function countKinds(tree) {
  const c = {}
  walk(tree, (n) => { c[n.kind] = (c[n.kind] || 0) + 1 })
  return c
}

before(async () => {
  srv = await startServer()
  admin = await login(srv.url, 'admin')
  ;[yanhu, officer, sfj, staff] = await Promise.all([
    login(srv.url, 'yanhu_admin'), login(srv.url, 'officer_demo'), login(srv.url, 'sfj_city'), login(srv.url, 'zhongcheng_staff'),
  ])
  adminTree = (await admin.get('/api/orgs/tree')).body
  walk(adminTree, (n) => { if (n.kind === 'county') org[n.name] = n.id })
  yanhuSubtree = new Set()
  walk(adminTree, (n, parents) => {
    if (n.id === org['盐湖区'] || parents.some((p) => p.id === org['盐湖区'])) yanhuSubtree.add(n.id)
  })
  for (const r of (await admin.get('/api/roles')).body.items) role[r.key] = r.id
  for (const u of (await admin.get('/api/users?page_size=200')).body.items) userId[u.username] = u.id
  assert.ok(org['盐湖区'] && org['永济市'] && role.admin && userId.yongji_admin)
})

after(async () => {
  await srv?.destroy()
})

describe('the city administrator (all data)', () => {
  test('sees 13 counties and 147 townships in /api/orgs/stats', async () => {
    const r = await admin.get('/api/orgs/stats')
    assert.equal(r.status, 200)
    assert.equal(r.body.county, 13)
    assert.equal(r.body.township, 147)
    assert.ok(r.body.body > 0 && r.body.department > 0)
  })

  test('sees the same in the tree: one city root, 13 counties, 147 townships', () => {
    assert.equal(adminTree.length, 1)
    assert.equal(adminTree[0].kind, 'city')
    assert.equal(adminTree[0].name, '运城市')
    const c = countKinds(adminTree)
    assert.equal(c.county, 13)
    assert.equal(c.township, 147)
    assert.equal(adminTree[0].children.filter((n) => n.kind === 'county').length, 13)
  })
})

describe('a county administrator (盐湖区, org_and_below)', () => {
  test('sees exactly one county, 盐湖区, and its 21 townships, nothing of 永济市', async () => {
    const stats = await yanhu.get('/api/orgs/stats')
    assert.equal(stats.status, 200)
    assert.equal(stats.body.county, 1)
    assert.equal(stats.body.township, 21)
    assert.ok(!stats.body.city, 'the city itself is out of scope')
    const tree = (await yanhu.get('/api/orgs/tree')).body
    const c = countKinds(tree)
    assert.equal(c.county, 1)
    assert.equal(c.township, 21)
    assert.equal(c.city || 0, 0)
    assert.equal(tree.length, 1)
    assert.equal(tree[0].name, '盐湖区')
    const all = []
    walk(tree, (n) => all.push(n))
    assert.ok(all.every((n) => yanhuSubtree.has(n.id)), 'every node lies under 盐湖区')
    assert.ok(!all.some((n) => n.name.includes('永济')), 'no 永济市 node')
    const list = await yanhu.get('/api/orgs?page_size=200')
    assert.equal(list.body.total, all.length, 'the list and the tree agree')
    assert.ok(list.body.items.every((o) => yanhuSubtree.has(o.id)))
    const yongji = await yanhu.get(`/api/orgs?parent_id=${org['永济市']}`)
    assert.equal(yongji.status, 200)
    assert.equal(yongji.body.total, 0, 'filtering by a foreign parent shows nothing')
  })

  test('GET /api/users lists no user of another county', async () => {
    const r = await yanhu.get('/api/users?page_size=200')
    assert.equal(r.status, 200)
    const names = r.body.items.map((u) => u.username)
    assert.ok(names.includes('yanhu_admin') && names.includes('zhongcheng_staff'), JSON.stringify(names))
    for (const foreign of ['admin', 'sfj_city', 'yongji_admin', 'yongji_sfj', 'officer_demo']) {
      assert.ok(!names.includes(foreign), `${foreign} is out of scope`)
    }
    assert.ok(r.body.items.every((u) => yanhuSubtree.has(u.org_id)))
    assert.equal(r.body.total, r.body.items.length)
    const byOrg = await yanhu.get(`/api/users?org_id=${org['永济市']}`)
    assert.equal(byOrg.status, 200)
    assert.equal(byOrg.body.total, 0, 'an org_id filter outside the scope shows nobody')
    const byName = await yanhu.get('/api/users?q=yongji')
    assert.equal(byName.body.total, 0, 'searching a foreign username shows nobody')
  })

  test('cannot edit, disable, enable, unlock or reset a 永济市 user (404), and nothing changes', async () => {
    const id = userId.yongji_admin
    const edit = await yanhu.put(`/api/users/${id}`, { display_name: '被篡改', org_id: org['盐湖区'], role_ids: [role.officer] })
    assertProblem(assert, edit, 404)
    for (const action of ['disable', 'enable', 'unlock', 'reset-password']) {
      assertProblem(assert, await yanhu.post(`/api/users/${id}/${action}`), 404)
    }
    const u = (await admin.get('/api/users?q=yongji_admin')).body.items.find((x) => x.username === 'yongji_admin')
    assert.equal(u.display_name, '永济市管理员')
    assert.equal(u.status, 'active')
    assert.equal(u.org_id, org['永济市'])
    assert.equal(u.must_change_password, false)
  })

  test('cannot create a user in 永济市 (400, field org_id)', async () => {
    const r = await yanhu.post('/api/users', { username: 'sneak_yj', display_name: '越权', org_id: org['永济市'], role_ids: [role.officer] })
    assertProblem(assert, r, 400, { field: 'org_id' })
    const check = await admin.get('/api/users?q=sneak_yj')
    assert.equal(check.body.total, 0)
  })

  test('cannot grant the admin role or any all-data role (403)', async () => {
    for (const key of ['admin', 'city_supervisor']) {
      const r = await yanhu.post('/api/users', { username: `sneak_${key}`, display_name: '提权', org_id: org['盐湖区'], role_ids: [role[key]] })
      assertProblem(assert, r, 403)
    }
    const self = await yanhu.put(`/api/users/${userId.zhongcheng_staff}`, {
      display_name: '中城街道执法人员', org_id: org['盐湖区'], role_ids: [role.admin],
    })
    assertProblem(assert, self, 403)
    const me = await yanhu.get('/api/auth/me')
    assert.deepEqual(me.body.user.roles.map((r) => r.key), ['county_admin'])
    assert.equal((await admin.get('/api/users?q=sneak_')).body.total, 0)
  })

  test('can create a user in its own county', async () => {
    const r = await yanhu.post('/api/users', { username: 'yanhu_new', display_name: '盐湖新人', org_id: org['盐湖区'], role_ids: [role.officer] })
    assert.equal(r.status, 201, r.text)
    assert.equal(r.body.user.org_id, org['盐湖区'])
  })

  test('cannot create or edit organisations outside its county', async () => {
    const create = await yanhu.post('/api/orgs', { parent_id: org['永济市'], code: 'SNEAK-YJ-1', name: '越权机构', kind: 'body' })
    assertProblem(assert, create, 400, { field: 'parent_id' })
    const edit = await yanhu.put(`/api/orgs/${org['永济市']}`, { name: '被改名' })
    assertProblem(assert, edit, 404)
    const root = await yanhu.post('/api/orgs', { code: 'SNEAK-ROOT', name: '越权根', kind: 'city' })
    assert.ok(root.status === 403 || root.status === 400, root.text)
    const yj = (await admin.get(`/api/orgs?kind=county&q=${encodeURIComponent('永济')}`)).body.items[0]
    assert.equal(yj.name, '永济市')
  })

  test('cannot create roles (no system:role:create: 403)', async () => {
    const r = await yanhu.post('/api/roles', { key: 'yanhu_role', name: '盐湖角色', data_scope: 'org', permissions: [] })
    assertProblem(assert, r, 403, { code: 'auth.forbidden' })
  })
})

describe('logs and ledger of a county administrator', () => {
  let inScope
  before(async () => {
    inScope = new Set((await yanhu.get('/api/users?page_size=200')).body.items.map((u) => u.username))
  })

  test('the login log shows only sign-ins of users in 盐湖区', async () => {
    const r = await yanhu.get('/api/logs/login?page_size=200')
    assert.equal(r.status, 200, r.text)
    assert.ok(r.body.items.some((i) => i.username === 'yanhu_admin'))
    const foreign = r.body.items.filter((i) => !inScope.has(i.username)).map((i) => i.username)
    assert.deepEqual([...new Set(foreign)], [])
  })

  test('the operation log shows only operations of users in 盐湖区', async () => {
    const r = await yanhu.get('/api/logs/operations?page_size=200')
    assert.equal(r.status, 200, r.text)
    assert.ok(r.body.items.some((i) => i.username === 'yanhu_admin'), 'its own writes are there')
    const foreign = r.body.items.filter((i) => !inScope.has(i.username)).map((i) => i.username)
    assert.deepEqual([...new Set(foreign)], [])
  })

  test('the ledger event list shows only events of 盐湖区 organisations or its own', async () => {
    const mine = await yanhu.get('/api/ledger/events?page_size=200')
    assert.equal(mine.status, 200, mine.text)
    const all = await admin.get('/api/ledger/events?page_size=1')
    assert.ok(mine.body.total > 0 && mine.body.total < all.body.total, `${mine.body.total} of ${all.body.total}`)
    const foreign = mine.body.items.filter((e) => !(yanhuSubtree.has(e.org_id) || e.actor === 'yanhu_admin'))
    assert.deepEqual(foreign, [])
  })
})

describe('an officer (self scope)', () => {
  test('its role grants no user list: GET /api/users is 403', async () => {
    const me = await officer.get('/api/auth/me')
    assert.equal(me.body.user.data_scope, 'self')
    assert.ok(!me.body.user.permissions.includes('system:user:list'))
    assertProblem(assert, await officer.get('/api/users'), 403, { code: 'auth.forbidden' })
    assertProblem(assert, await officer.get('/api/orgs/tree'), 403, { code: 'auth.forbidden' })
  })

  test('with a self-scoped role that may list users, it sees only itself', async () => {
    const r = await admin.post('/api/roles', {
      key: 'self_viewer', name: '仅看本人', data_scope: 'self', permissions: ['system:user:list'], remark: '',
    })
    assert.equal(r.status, 201, r.text)
    const grant = await admin.put(`/api/users/${userId.officer_demo}`, {
      display_name: '市场监管执法人员', org_id: (await officer.get('/api/auth/me')).body.user.org_id,
      role_ids: [role.officer, r.body.id],
    })
    assert.equal(grant.status, 200, grant.text)
    const list = await officer.get('/api/users?page_size=200')
    assert.equal(list.status, 200, list.text)
    assert.deepEqual(list.body.items.map((u) => u.username), ['officer_demo'])
    assert.equal(list.body.total, 1)
    const stats = await officer.get('/api/orgs/stats')
    assert.equal(stats.body.county, 0)
    assert.equal(stats.body.township, 0)
  })
})

describe('a township officer (org_and_below at 中城街道综合行政执法办公室)', () => {
  test('sees only its own office in the tree', async () => {
    const tree = (await staff.get('/api/orgs/tree')).body
    const all = []
    walk(tree, (n) => all.push(n))
    assert.equal(all.length, 1, JSON.stringify(all.map((n) => n.name)))
    assert.equal(all[0].name, '中城街道综合行政执法办公室')
    assertProblem(assert, await staff.get('/api/users'), 403)
  })
})

describe('the city supervisor (sfj_city: read-only, all data)', () => {
  test('can list every user but not create one (403)', async () => {
    const list = await sfj.get('/api/users?page_size=200')
    assert.equal(list.status, 200)
    const names = list.body.items.map((u) => u.username)
    for (const n of ['admin', 'yanhu_admin', 'yongji_admin', 'officer_demo']) assert.ok(names.includes(n), n)
    const before = list.body.total
    const r = await sfj.post('/api/users', { username: 'sfj_made', display_name: '监督员建的', org_id: org['永济市'], role_ids: [role.officer] })
    assertProblem(assert, r, 403, { code: 'auth.forbidden' })
    assertProblem(assert, await sfj.post(`/api/users/${userId.yongji_admin}/disable`), 403, { code: 'auth.forbidden' })
    assertProblem(assert, await sfj.put(`/api/orgs/${org['永济市']}`, { name: 'x' }), 403, { code: 'auth.forbidden' })
    assert.equal((await sfj.get('/api/users?page_size=1')).body.total, before)
  })

  test('sees the whole city', async () => {
    const r = await sfj.get('/api/orgs/stats')
    assert.equal(r.body.county, 13)
    assert.equal(r.body.township, 147)
  })
})

describe('fields and filters of the lists', () => {
  test('GET /api/users items carry the documented fields; a county administrator sees only the masked phone', async () => {
    const r = await yanhu.post('/api/users', { username: 'phone_user', display_name: '有手机号', org_id: org['盐湖区'], role_ids: [role.officer], phone: '13812345678' })
    assert.equal(r.status, 201, r.text)
    const list = await yanhu.get('/api/users?q=phone_user')
    const u = list.body.items[0]
    for (const k of ['id', 'username', 'display_name', 'org_id', 'org_name', 'roles', 'status', 'phone_masked', 'must_change_password', 'last_login_at', 'created_at']) {
      assert.ok(k in u, `users item has ${k}`)
    }
    assert.equal(u.phone_masked, '138****5678')
    assert.ok(!('phone' in u), 'no full phone without system:user:view_phone')
    assert.ok(!list.text.includes('13812345678'), 'the full number appears nowhere')
    assert.ok(!('password_hash' in u) && !list.text.includes('$argon2'), 'no password hash')
    assert.deepEqual(u.roles.map((x) => x.key), ['officer'])
    assert.equal(u.status, 'active')
    assert.equal(u.must_change_password, true)
  })

  test('GET /api/orgs items carry the documented fields', async () => {
    const r = await admin.get(`/api/orgs?parent_id=${org['盐湖区']}&kind=township&page_size=5`)
    assert.equal(r.status, 200)
    assert.equal(r.body.total, 21)
    assert.equal(r.body.items.length, 5, 'page_size is honoured')
    for (const o of r.body.items) {
      for (const k of ['id', 'code', 'name', 'short_name', 'kind', 'level', 'parent_id', 'parent_name', 'status', 'created_at']) {
        assert.ok(k in o, `orgs item has ${k}`)
      }
      assert.equal(o.parent_id, org['盐湖区'])
      assert.equal(o.parent_name, '盐湖区')
      assert.equal(o.kind, 'township')
    }
    const page2 = await admin.get(`/api/orgs?parent_id=${org['盐湖区']}&kind=township&page_size=5&page=2`)
    assert.equal(page2.body.items.length, 5)
    assert.ok(!page2.body.items.some((o) => r.body.items.some((p) => p.id === o.id)), 'pages do not overlap')
  })

  test('GET /api/users?org_id= includes the org\'s whole subtree', async () => {
    const r = await admin.get(`/api/users?org_id=${org['盐湖区']}&page_size=200`)
    const names = r.body.items.map((u) => u.username)
    assert.ok(names.includes('yanhu_admin') && names.includes('zhongcheng_staff'), JSON.stringify(names))
    assert.ok(!names.includes('yongji_admin'))
  })

  test('GET /api/dicts and GET /api/permissions have the documented shape', async () => {
    const d = (await officer.get('/api/dicts')).body
    for (const k of ['org_kind', 'data_scope', 'user_status', 'login_result']) {
      assert.ok(Array.isArray(d[k]) && d[k].every((e) => e.value && e.label && 'tag_type' in e), k)
    }
    assert.deepEqual(d.org_kind.map((e) => e.value), ['city', 'county', 'township', 'body', 'department'])
    assert.deepEqual(d.user_status.map((e) => e.value).sort(), ['active', 'disabled', 'locked'])
    const p = (await admin.get('/api/permissions')).body
    const keys = []
    walk(p, (n) => { keys.push(n.key); assert.ok(['menu', 'button'].includes(n.type) && n.name, n.key) })
    for (const k of ['system:user:list', 'system:user:create', 'system:org:list', 'log:login:list', 'ledger:event:list']) assert.ok(keys.includes(k), k)
  })
})

describe('role editing cannot escalate', () => {
  let editor
  before(async () => {
    const r = await admin.post('/api/roles', {
      key: 'role_editor', name: '角色维护员', data_scope: 'org_and_below',
      permissions: ['system:role:list', 'system:role:update', 'system:user:list', 'system:org:list'],
    })
    assert.equal(r.status, 201, r.text)
    const g = await admin.put(`/api/users/${userId.yongji_admin}`, {
      display_name: '永济市管理员', org_id: org['永济市'], role_ids: [role.county_admin, r.body.id],
    })
    assert.equal(g.status, 200, g.text)
    role.role_editor = r.body.id
    editor = await login(srv.url, 'yongji_admin')
  })

  const roleBody = async (key) => {
    const r = (await admin.get('/api/roles')).body.items.find((x) => x.key === key)
    return { key: r.key, name: r.name, data_scope: r.data_scope, custom_org_ids: r.custom_org_ids, permissions: r.permissions, remark: r.remark }
  }

  test('cannot add a permission it lacks, or *, to a role (403)', async () => {
    const b = await roleBody('county_admin')
    for (const extra of ['system:role:create', 'system:user:view_phone', '*']) {
      const r = await editor.put(`/api/roles/${role.county_admin}`, { ...b, permissions: [...b.permissions, extra] })
      assertProblem(assert, r, 403)
    }
    assert.deepEqual(await roleBody('county_admin'), b)
  })

  test('cannot widen a role to all or custom data (403)', async () => {
    const b = await roleBody('role_editor')
    assertProblem(assert, await editor.put(`/api/roles/${role.role_editor}`, { ...b, data_scope: 'all' }), 403)
    assertProblem(assert, await editor.put(`/api/roles/${role.role_editor}`, { ...b, data_scope: 'custom', custom_org_ids: [org['永济市']] }), 403)
    assert.deepEqual(await roleBody('role_editor'), b)
  })

  test('cannot edit the admin role at all (403)', async () => {
    const b = await roleBody('admin')
    assertProblem(assert, await editor.put(`/api/roles/${role.admin}`, { ...b, name: '被改的管理员' }), 403)
    assert.deepEqual(await roleBody('admin'), b)
  })

  test('the key of a built-in role cannot change', async () => {
    const b = await roleBody('officer')
    const r = await admin.put(`/api/roles/${role.officer}`, { ...b, key: 'officer2' })
    assert.ok(r.status === 409 || r.status === 400, r.text)
    assert.equal(r.body.field, 'key')
  })
})

describe('roles', () => {
  test('creating a role with an unknown permission is 400, field permissions', async () => {
    const r = await admin.post('/api/roles', { key: 'bogus_perm', name: '未知权限', data_scope: 'org', permissions: ['system:user:list', 'system:nuke'] })
    assertProblem(assert, r, 400, { field: 'permissions' })
    const roles = await admin.get('/api/roles')
    assert.ok(!roles.body.items.some((x) => x.key === 'bogus_perm'))
  })

  test('creating a role with an unknown data scope is 400, field data_scope', async () => {
    const r = await admin.post('/api/roles', { key: 'bogus_scope', name: '未知范围', data_scope: 'galaxy', permissions: [] })
    assertProblem(assert, r, 400, { field: 'data_scope' })
  })

  test('a custom-scope role covers exactly the chosen orgs', async () => {
    const r = await admin.post('/api/roles', {
      key: 'yongji_reader', name: '永济查看', data_scope: 'custom', custom_org_ids: [org['永济市']], permissions: ['system:org:list'],
    })
    assert.equal(r.status, 201, r.text)
    assert.deepEqual(r.body.custom_org_ids, [org['永济市']])
    assert.equal(r.body.builtin, false)
    const listed = (await admin.get('/api/roles')).body.items.find((x) => x.key === 'yongji_reader')
    assert.deepEqual(listed.permissions, ['system:org:list'])
  })
})
