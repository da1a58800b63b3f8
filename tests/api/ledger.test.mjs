// The trusted ledger: every write appends an event; checkpoints are SM2-signed; inclusion and
// consistency proofs verify with an independent RFC 9162 implementation over SM3; `zhifa verify`
// finds a tampered event.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, assertProblem, runCli, storageArgs, execSql } from './harness.mjs'
import {
  sm2Verify, checkpointMessage, verifyInclusion, verifyConsistency, merkleRoot, leafHash, canonicalEvent,
} from './ledger_crypto.mjs'

let srv
let admin
const org = {}
const role = {}
let cp0 // checkpoint before this file's writes
let made = {} // ids of what the tests created

before(async () => {
  srv = await startServer()
  admin = await login(srv.url, 'admin')
  for (const o of (await admin.get('/api/orgs?kind=county&page_size=50')).body.items) org[o.name] = o.id
  for (const r of (await admin.get('/api/roles')).body.items) role[r.key] = r.id
  cp0 = (await admin.get('/api/ledger/checkpoint')).body
})

after(async () => {
  await srv?.destroy()
})

/** Every event, oldest first (the list is newest first, 200 per page). */
async function allEvents() {
  const out = []
  for (let page = 1; ; page++) {
    const r = await admin.get(`/api/ledger/events?page=${page}&page_size=200`)
    assert.equal(r.status, 200, r.text)
    out.push(...r.body.items)
    if (out.length >= r.body.total || r.body.items.length === 0) return { items: out.sort((a, b) => a.seq - b.seq), total: r.body.total }
  }
}

const HEX64 = /^[0-9a-f]{64}$/

describe('events', () => {
  test('creating an org, a user and a role appends one ledger event each', async () => {
    const o = await admin.post('/api/orgs', { parent_id: org['永济市'], code: 'LEDGER-ORG-1', name: '账本测试执法队', kind: 'body' })
    assert.equal(o.status, 201, o.text)
    const u = await admin.post('/api/users', { username: 'ledger_user', display_name: '账本用户', org_id: o.body.id, role_ids: [role.officer] })
    assert.equal(u.status, 201, u.text)
    const r = await admin.post('/api/roles', { key: 'ledger_role', name: '账本角色', data_scope: 'org', permissions: ['system:org:list'] })
    assert.equal(r.status, 201, r.text)
    made = { org: o.body.id, user: u.body.user.id, role: r.body.id }

    const ev = await admin.get('/api/ledger/events?page_size=3')
    assert.equal(ev.status, 200)
    assert.equal(ev.body.total, cp0.size + 3)
    const [role_, user_, org_] = ev.body.items // newest first
    assert.deepEqual([org_.entity, org_.action, org_.entity_id], ['org', 'org.created', String(made.org)])
    assert.deepEqual([user_.entity, user_.action, user_.entity_id], ['user', 'user.created', String(made.user)])
    assert.deepEqual([role_.entity, role_.action, role_.entity_id], ['role', 'role.created', String(made.role)])
    for (const e of ev.body.items) {
      assert.equal(e.actor, 'admin')
      assert.match(e.digest, HEX64)
      assert.ok(e.seq > cp0.size && typeof e.at === 'number')
    }
    assert.equal(org_.org_id, made.org)
    assert.equal(user_.org_id, made.org)
  })

  test('event items carry the documented fields (org_name, leaf_hash included)', async () => {
    const ev = await admin.get('/api/ledger/events?page_size=3')
    for (const e of ev.body.items) {
      for (const k of ['seq', 'at', 'actor', 'org_id', 'org_name', 'entity', 'entity_id', 'action', 'digest', 'leaf_hash']) {
        assert.ok(k in e, `event has ${k}`)
      }
      assert.match(e.leaf_hash, HEX64)
    }
    const org_ = ev.body.items.find((e) => e.entity === 'org')
    assert.equal(org_.org_name, '账本测试执法队')
  })

  test('?entity= filters the list', async () => {
    const r = await admin.get('/api/ledger/events?entity=role&page_size=200')
    assert.equal(r.status, 200)
    assert.ok(r.body.items.length >= 7, 'six built-in roles and ours')
    assert.ok(r.body.items.every((e) => e.entity === 'role'))
    assert.equal(r.body.total, r.body.items.length)
  })

  test('a failed write appends nothing', async () => {
    const before = (await admin.get('/api/ledger/events?page_size=1')).body.total
    const r = await admin.post('/api/orgs', { parent_id: org['永济市'], code: 'LEDGER-ORG-1', name: '重复编码', kind: 'body' })
    assert.equal(r.status, 409, r.text)
    assert.equal((await admin.get('/api/ledger/events?page_size=1')).body.total, before)
  })
})

describe('checkpoints', () => {
  let cp

  test('GET /api/ledger/checkpoint returns size, root, time, signature and public_key', async () => {
    const r = await admin.get('/api/ledger/checkpoint')
    assert.equal(r.status, 200, r.text)
    cp = r.body
    assert.equal(cp.size, cp0.size + 3)
    assert.match(cp.root, HEX64)
    assert.ok(Number.isInteger(cp.time) && cp.time > 1.6e12)
    assert.match(cp.signature, /^[0-9a-f]+$/)
    assert.match(cp.public_key, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/)
    assert.equal(cp.public_key, cp0.public_key, 'the same signing key')
    assert.match(cp.key_id || '', /^[0-9a-f]{8,}$/, 'key_id')
    const again = (await admin.get('/api/ledger/checkpoint')).body
    assert.deepEqual(again, cp, 'without new events the checkpoint does not change')
  })

  test('the SM2 signature verifies (independent JS SM2/SM3, ID 1234567812345678) and fails for a changed checkpoint', () => {
    assert.ok(sm2Verify(cp.public_key, checkpointMessage(cp), cp.signature), 'signature of the latest checkpoint')
    assert.ok(sm2Verify(cp0.public_key, checkpointMessage(cp0), cp0.signature), 'signature of the first checkpoint')
    assert.ok(!sm2Verify(cp.public_key, checkpointMessage({ ...cp, size: cp.size - 1 }), cp.signature), 'a changed size fails')
    assert.ok(!sm2Verify(cp.public_key, checkpointMessage({ ...cp, root: cp0.root }), cp.signature), 'a changed root fails')
  })

  test('the root is the RFC 9162 Merkle Tree Hash of every event, recomputed from the event records', async () => {
    const { items, total } = await allEvents()
    assert.equal(total, cp.size)
    assert.deepEqual(items.map((e) => e.seq), Array.from({ length: total }, (_, i) => i + 1), 'seq runs 1..size without gaps')
    const userIds = new Map((await admin.get('/api/users?page_size=200')).body.items.map((u) => [u.username, u.id]))
    userIds.set('system', null)
    const leaves = items.map((e) => {
      assert.ok(userIds.has(e.actor), `unknown actor ${e.actor}`)
      const leaf = leafHash(canonicalEvent({
        seq: e.seq, at: e.at, actorId: userIds.get(e.actor), actorName: e.actor, orgId: e.org_id,
        entity: e.entity, entityId: e.entity_id, action: e.action, digestHex: e.digest,
      }))
      if (e.leaf_hash) assert.equal(leaf.toString('hex'), e.leaf_hash, `leaf hash of seq ${e.seq}`)
      return leaf
    })
    assert.equal(merkleRoot(leaves).toString('hex'), cp.root)
    assert.equal(merkleRoot(leaves.slice(0, cp0.size)).toString('hex'), cp0.root, 'the earlier checkpoint too')
  })
})

describe('proofs', () => {
  let cp
  let leafBySeq

  before(async () => {
    cp = (await admin.get('/api/ledger/checkpoint')).body
    const { items } = await allEvents()
    leafBySeq = new Map(items.map((e) => [e.seq, e.leaf_hash]))
  })

  test('inclusion proofs verify against the signed root (RFC 9162 §2.1.3.2)', async () => {
    const seqs = [...new Set([1, 2, 3, 5, 64, 255, 256, 257, cp.size - 3, cp.size - 1, cp.size])].filter((s) => s >= 1 && s <= cp.size)
    for (const seq of seqs) {
      const r = await admin.get(`/api/ledger/proof/inclusion?seq=${seq}&size=${cp.size}`)
      assert.equal(r.status, 200, r.text)
      const p = r.body
      assert.equal(p.seq, seq)
      assert.equal(p.leaf_index, seq - 1, 'the Merkle leaf index is seq - 1')
      assert.equal(p.size, cp.size)
      assert.equal(p.root, cp.root)
      if (leafBySeq.get(seq)) assert.equal(p.leaf_hash, leafBySeq.get(seq))
      assert.ok(p.path.every((h) => HEX64.test(h)))
      assert.ok(verifyInclusion(seq - 1, cp.size, p.leaf_hash, p.path, cp.root), `inclusion of seq ${seq}`)
      if (p.path.length) {
        const bad = [...p.path]
        bad[0] = bad[0].replace(/^./, (c) => (c === '0' ? '1' : '0'))
        assert.ok(!verifyInclusion(seq - 1, cp.size, p.leaf_hash, bad, cp.root), 'a changed path fails')
        if (seq < cp.size) assert.ok(!verifyInclusion(seq, cp.size, p.leaf_hash, p.path, cp.root), 'a wrong index fails')
      }
    }
  })

  test('inclusion in an earlier tree verifies against that tree\'s checkpoint', async () => {
    const r = await admin.get(`/api/ledger/proof/inclusion?seq=7&size=${cp0.size}`)
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.root, cp0.root)
    assert.ok(verifyInclusion(6, cp0.size, r.body.leaf_hash, r.body.path, cp0.root))
  })

  test('the default size is the current tree', async () => {
    const r = await admin.get('/api/ledger/proof/inclusion?seq=1')
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.size, cp.size)
    assert.equal(r.body.root, cp.root)
  })

  test('a consistency proof between two signed checkpoints verifies (RFC 9162 §2.1.4.2)', async () => {
    const w = await admin.put(`/api/orgs/${made.org}`, { name: '账本测试执法队(改)' })
    assert.equal(w.status, 200, w.text)
    const cp2 = (await admin.get('/api/ledger/checkpoint')).body
    assert.equal(cp2.size, cp.size + 1)
    assert.ok(sm2Verify(cp2.public_key, checkpointMessage(cp2), cp2.signature))
    for (const [a, b] of [[cp0, cp2], [cp, cp2]]) {
      const r = await admin.get(`/api/ledger/proof/consistency?from=${a.size}&to=${b.size}`)
      assert.equal(r.status, 200, r.text)
      const p = r.body
      assert.equal(p.from, a.size)
      assert.equal(p.to, b.size)
      assert.equal(p.root_from, a.root)
      assert.equal(p.root_to, b.root)
      assert.ok(verifyConsistency(a.size, b.size, a.root, b.root, p.path), `consistency ${a.size} -> ${b.size}`)
      assert.ok(!verifyConsistency(a.size, b.size, a.root, b.root, p.path.slice(1)), 'a shortened proof fails')
      assert.ok(!verifyConsistency(a.size, b.size, cp.root === a.root ? cp0.root : cp.root, b.root, p.path), 'a wrong old root fails')
    }
  })

  test('consistency proofs verify for other sizes, powers of two included', async () => {
    const { items } = await allEvents()
    const leaves = items.map((e) => Buffer.from(e.leaf_hash, 'hex'))
    const n = leaves.length
    for (const m of [1, 2, 3, 64, 128, 255, 256, 257, n - 1, n]) {
      if (m < 1 || m > n) continue
      const r = await admin.get(`/api/ledger/proof/consistency?from=${m}&to=${n}`)
      assert.equal(r.status, 200, r.text)
      assert.equal(r.body.root_from, merkleRoot(leaves.slice(0, m)).toString('hex'), `root of ${m}`)
      assert.equal(r.body.root_to, merkleRoot(leaves).toString('hex'))
      assert.ok(verifyConsistency(m, n, r.body.root_from, r.body.root_to, r.body.path), `consistency ${m} -> ${n}`)
    }
  })

  test('bad proof requests are 400 problems naming the parameter', async () => {
    assertProblem(assert, await admin.get('/api/ledger/proof/inclusion'), 400, { field: 'seq' })
    assertProblem(assert, await admin.get('/api/ledger/proof/inclusion?seq=0'), 400, { field: 'seq' })
    assertProblem(assert, await admin.get('/api/ledger/proof/inclusion?seq=abc'), 400, { field: 'seq' })
    assertProblem(assert, await admin.get(`/api/ledger/proof/inclusion?seq=${cp.size + 100}`), 400, { field: 'seq' })
    assertProblem(assert, await admin.get(`/api/ledger/proof/inclusion?seq=5&size=${cp.size + 100}`), 400, { field: 'size' })
    assertProblem(assert, await admin.get('/api/ledger/proof/inclusion?seq=10&size=5'), 400, { field: 'seq' })
    assertProblem(assert, await admin.get('/api/ledger/proof/consistency'), 400, { field: 'from' })
    assertProblem(assert, await admin.get('/api/ledger/proof/consistency?from=10&to=5'), 400, { field: 'from' })
    assertProblem(assert, await admin.get(`/api/ledger/proof/consistency?from=1&to=${cp.size + 100}`), 400, { field: 'to' })
  })

  test('proofs need a signed-in caller', async () => {
    const r = await fetch(`${srv.url}/api/ledger/checkpoint`)
    assert.equal(r.status, 401)
  })
})

describe('concurrent writes', () => {
  test('20 concurrent org creations and 4 user creations all succeed and leave a gapless, consistent ledger', async () => {
    const before = (await admin.get('/api/ledger/checkpoint')).body
    const writes = [
      ...Array.from({ length: 20 }, (_, i) => admin.post('/api/orgs', { parent_id: org['永济市'], code: `CONC-${i}`, name: `并发执法队${i}`, kind: 'body' })),
      ...Array.from({ length: 4 }, (_, i) => admin.post('/api/users', { username: `conc_user${i}`, display_name: '并发用户', org_id: org['永济市'], role_ids: [role.officer] })),
    ]
    const statuses = (await Promise.all(writes)).map((r) => r.status)
    assert.deepEqual(statuses, Array(24).fill(201))
    const cp = (await admin.get('/api/ledger/checkpoint')).body
    assert.equal(cp.size, before.size + 24)
    assert.ok(sm2Verify(cp.public_key, checkpointMessage(cp), cp.signature))
    const { items } = await allEvents()
    assert.deepEqual(items.map((e) => e.seq), Array.from({ length: cp.size }, (_, i) => i + 1))
    assert.equal(merkleRoot(items.map((e) => Buffer.from(e.leaf_hash, 'hex'))).toString('hex'), cp.root)
    const p = (await admin.get(`/api/ledger/proof/consistency?from=${before.size}&to=${cp.size}`)).body
    assert.ok(verifyConsistency(before.size, cp.size, before.root, cp.root, p.path))
  })
})

describe('zhifa verify', () => {
  test('on the untouched ledger it exits 0', async () => {
    await srv.stop()
    const r = await runCli(['verify', ...storageArgs(srv)])
    assert.equal(r.code, 0, r.output)
    assert.match(r.stdout, /verified/i)
  })

  test('an edited action (payload untouched) is found and named; restored, the ledger verifies again', async () => {
    const original = execSql(srv, 'SELECT action FROM ledger_events WHERE seq=9').trim()
    assert.match(original, /^[a-z_.]+$/)
    execSql(srv, "UPDATE ledger_events SET action='user.deleted' WHERE seq=9")
    let r = await runCli(['verify', ...storageArgs(srv)])
    assert.equal(r.code, 1, r.output)
    assert.match(r.output, /\bseq 9\b/)
    execSql(srv, `UPDATE ledger_events SET action='${original}' WHERE seq=9`)
    r = await runCli(['verify', ...storageArgs(srv)])
    assert.equal(r.code, 0, r.output)
  })

  test('after one event\'s payload is edited in the database it exits 1 naming seq 5', async () => {
    execSql(srv, "UPDATE ledger_events SET payload='{}' WHERE seq=5")
    const r = await runCli(['verify', ...storageArgs(srv)])
    assert.equal(r.code, 1, r.output)
    assert.match(r.output, /\bseq 5\b/)
    assert.doesNotMatch(r.output, /\bseq (?!5\b)\d+/, 'names the tampered event, not another')
  })
})
