// Publication of decisions (公示, DOMAIN.md §5.1) and the public portal's API (行政执法专栏): a
// decided case enters the queue with its deadline on the official working-day calendar; the
// publisher sees the masked public copy beside the decision as made; once published the public
// finds it by a word of its facts or its number, and anyone can check its SM3 against the signed
// ledger with their own tools (here: node and openssl) — until the stored text is altered in the
// database; flagged and exempt decisions never reach the portal; a withdrawal leaves a notice with
// the reason; bodies may publish automatically; licences and other decisions are entered by hand;
// settings are checked; publications are taken down at the end of their online period; scope and
// permissions hold; the search is limited per client; bad input is a clear 4xx, never a 500.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import {
  startServer, serveAgain, login, Client, assertProblem, execSql, BACKEND, REPO_ROOT, sleep,
} from './harness.mjs'
import { caseFixture, oker, ON } from './case_helpers.mjs'
import { recordBody, userWith, sm3hex } from './record_helpers.mjs'
import { sm2Verify, checkpointMessage, verifyInclusion, leafHash, canonicalEvent } from './ledger_crypto.mjs'

// ---------------------------------------------------------------------------------------------
// The official calendar (data/cn-workday-calendar.json), read here to compute the deadlines the
// server must give: a weekday is a working day unless listed off; a weekend day is not unless listed
// as a working day (调休).

const CAL = JSON.parse(readFileSync(join(REPO_ROOT, 'data/cn-workday-calendar.json'), 'utf8'))
const addDays = (d, n) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86400_000).toISOString().slice(0, 10)
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400_000)
function isWorkingDay(d) {
  const y = CAL.years[d.slice(0, 4)]
  assert.ok(y, `the official calendar covers ${d}`)
  if (y.off.includes(d)) return false
  if (y.work.includes(d)) return true
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay()
  return wd !== 0 && wd !== 6
}
function addWorkingDays(d, n) {
  let x = d
  for (let k = 0; k < n;) {
    x = addDays(x, 1)
    if (isWorkingDay(x)) k++
  }
  return x
}
/** Counting only Saturdays and Sundays: what a deadline would be without the calendar. */
function addWeekdays(d, n) {
  let x = d
  for (let k = 0; k < n;) {
    x = addDays(x, 1)
    const wd = new Date(`${x}T00:00:00Z`).getUTCDay()
    if (wd !== 0 && wd !== 6) k++
  }
  return x
}
/** The same day n years on (29 February becomes 28 February). */
function addYears(d, n) {
  const [y, m, day] = d.split('-').map(Number)
  const last = new Date(Date.UTC(y + n, m, 0)).getUTCDate()
  return `${y + n}-${String(m).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`
}
const shanghaiDate = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10)
const today = () => shanghaiDate(Date.now())

// ---------------------------------------------------------------------------------------------
// Personal data in a decision's facts, and what the public copy must show instead.

const PERSON = '张三丰' // the party, a natural person
const WITNESS = '赵铁柱' // questioned in an inquiry record of the case
// Markers in the facts are of rare characters: found only where they were written (and quickly).
const MARK = '貔貅牌鲟鱼酱' // a word of the facts nobody else uses: the public search finds it
const FACTS =
  `经查,当事人${PERSON}(身份证号140802199001011234,住址运城市盐湖区解放路1号3单元502室,联系电话13812345678,` +
  `座机0359-2345678)于2026年5月20日销售超过保质期的${MARK}十二瓶,货款经其银行账号6222020200112233445收取。` +
  `当事人称其患有糖尿病,无力经营。${WITNESS}在询问中证实上述事实。`
const RAW = ['140802199001011234', '13812345678', '0359-2345678', '6222020200112233445', '解放路', '502室', '糖尿病', PERSON, WITNESS]
const MASKED = ['张某', '140802********1234', '138****5678', '0359-****678', '运城市盐湖区***', '患有***', '赵某', MARK]

const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/
const MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/

let srv, admin, anon, fx, ok
const SETTINGS = { penalty_days: 7, licence_days: 7, other_days: 20, withdraw_days: 3, retention_years: 5, retention_years_person: 2, remind_days: 2, auto_publish: [] }

before(async () => {
  // The searches of this file would meet the portal's limit of 120 a minute: no limit on this server
  // (the limit has its own server below).
  srv = await startServer({ people: true, env: { ZHIFA_PORTAL_SEARCH_PER_MINUTE: '0' } })
  admin = await login(srv.url, 'admin')
  anon = new Client(srv.url)
  fx = await caseFixture(admin)
  ok = oker(admin)
})
after(async () => { await srv?.destroy() })

// ---------------------------------------------------------------------------------------------
// Helpers.

/** The desk's item of a decision, found by its number. */
async function queued(decisionNo, client = admin) {
  const r = await client.get(`/api/publications?q=${encodeURIComponent(decisionNo)}`)
  assert.equal(r.status, 200, r.text)
  const item = r.body.items.find((i) => i.decision_no === decisionNo)
  assert.ok(item, `${decisionNo} is on the desk: ${r.text.slice(0, 300)}`)
  return item
}
const detail = async (id, client = admin) => {
  const r = await client.get(`/api/publications/${id}`)
  assert.equal(r.status, 200, r.text)
  return r.body
}
async function publish(id, client = admin) {
  const p = await detail(id, client)
  const r = await client.post(`/api/publications/${id}/publish`, { version: p.version })
  assert.equal(r.status, 200, `publish ${id}: ${r.text}`)
  return r.body
}
/** Public search: the ids found. */
async function found(query) {
  const r = await anon.get(`/public/api/decisions?${query}`)
  assert.equal(r.status, 200, `${query}: ${r.text}`)
  return r.body.items.map((i) => i.id)
}
const q = (s) => `q=${encodeURIComponent(s)}`
/** Changes the database under the running server (SQLite waits for the server's writes to end). */
const sql = (statement) => execSql(srv, BACKEND === 'sqlite' ? `PRAGMA busy_timeout = 10000; ${statement}` : statement)
async function putSettings(patch) {
  const r = await admin.put('/api/settings/publication', { ...SETTINGS, ...patch })
  assert.equal(r.status, 200, r.text)
  return r.body
}

/** A simplified-procedure case of the city market team decided on the spot on ON. */
async function decidedOnSpot(extra = {}, data = {}) {
  let c = (await admin.post('/api/cases', fx.lead({ procedure: 'simplified', ...extra }))).body
  assert.ok(c?.id, 'case created')
  c = await ok(c, 'decide_on_spot', { penalty: { kinds: ['warning'] }, ...data })
  assert.equal(c.state, 'decided')
  return c
}

/** The person's case: general procedure, an inquiry record naming the witness, decided on ON. */
async function personCase(facts = FACTS, party = PERSON) {
  let c = (await admin.post('/api/cases', fx.lead({ party_type: 'person', party_name: party }))).body
  c = await ok(c, 'file')
  const rec = await admin.post(`/api/cases/${c.id}/records`, recordBody('inquiry', [fx.officers[0].id, fx.officers[1].id], {
    content: { person: { name: WITNESS, id_number: '140802198806061111', phone: '13900001111' }, qa: [{ q: '你看到了什么?', a: '看到当事人销售过期水饺。' }] },
  }))
  assert.equal(rec.status, 201, rec.text)
  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: 200_000 } })
  c = await ok(c, 'submit_decision')
  c = await ok(c, 'decide', { penalty: { kinds: ['fine'], fine_fen: 200_000 }, facts })
  assert.equal(c.state, 'decided')
  return c
}

/** Writes the checkpoint to files and asks openssl to check its SM2 signature. */
function opensslVerifies(cp) {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-sm2-'))
  try {
    writeFileSync(join(dir, 'pub.pem'), cp.public_key)
    writeFileSync(join(dir, 'msg'), checkpointMessage(cp))
    writeFileSync(join(dir, 'sig'), Buffer.from(cp.signature, 'hex'))
    const r = spawnSync('openssl', ['dgst', '-sm3', '-verify', join(dir, 'pub.pem'), '-sigopt', 'distid:1234567812345678',
      '-signature', join(dir, 'sig'), join(dir, 'msg')], { encoding: 'utf8' })
    assert.ok(!r.error, `openssl runs: ${r.error}`)
    return r.status === 0 && /Verified OK/.test(r.stdout)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Checks a published decision's proof the way anyone could: the text's SM3 is the one the ledger
 * event recorded, the event's payload is what its digest covers, its leaf hash is recomputed from the
 * canonical event bytes, the inclusion path leads to the checkpoint's root, and the checkpoint's SM2
 * signature verifies (in JavaScript and with openssl). Answers the checks that failed.
 */
function proofFailures(p, id) {
  const failures = []
  const e = p.event
  if (sm3hex(Buffer.from(p.text, 'utf8')) !== e.payload.text_sm3) failures.push('text_sm3')
  if (sm3hex(Buffer.from(e.payload_text, 'utf8')) !== e.payload_digest) failures.push('payload_digest')
  if (!isDeepStrictEqual(JSON.parse(e.payload_text), e.payload)) failures.push('payload')
  if (e.entity !== 'publication' || e.entity_id !== String(id) || e.action !== 'publication.publish') failures.push('event')
  const leaf = leafHash(canonicalEvent({
    seq: e.seq, at: e.at, actorId: e.actor_id, actorName: e.actor_name, orgId: e.org_id,
    entity: e.entity, entityId: e.entity_id, action: e.action, digestHex: e.payload_digest,
  })).toString('hex')
  if (leaf !== e.leaf_hash || leaf !== p.proof.leaf_hash) failures.push('leaf_hash')
  if (p.proof.seq !== e.seq || p.proof.leaf_index !== e.seq - 1) failures.push('seq')
  if (p.proof.size !== p.checkpoint.size || p.proof.root !== p.checkpoint.root) failures.push('checkpoint')
  if (!verifyInclusion(p.proof.leaf_index, p.checkpoint.size, leaf, p.proof.path, p.checkpoint.root)) failures.push('inclusion')
  if (!sm2Verify(p.checkpoint.public_key, checkpointMessage(p.checkpoint), p.checkpoint.signature)) failures.push('signature')
  if (!opensslVerifies(p.checkpoint)) failures.push('signature (openssl)')
  return failures
}

// State shared by the tests that follow one decision through its life.
let person // the person's case
let personPub // its publication id

// ---------------------------------------------------------------------------------------------

describe('the queue', () => {
  test('a case decided on the spot enters the queue, due 7 working days later on the official calendar', async () => {
    const c = await decidedOnSpot({ party_name: '运城市队列测试超市' })
    const item = await queued(c.decision_no)
    // 15 June 2026: the Dragon Boat Festival (19 June) is not a working day.
    const due = addWorkingDays(c.decided_on, 7)
    assert.notEqual(due, addWeekdays(c.decided_on, 7), 'the holiday moves this deadline')
    assert.deepEqual(
      [item.case_id, item.org_id, item.org_name, item.kind, item.state, item.decided_on, item.due_on, item.party, item.party_type, item.field],
      [c.id, fx.body.org_id, fx.body.name, 'penalty', 'queued', ON, due, '运城市队列测试超市', 'organisation', 'market'],
    )
    assert.equal(item.overdue, due < today())
    assert.equal(item.days_left, daysBetween(today(), due))
    assert.deepEqual([item.published_on, item.on_time, item.auto_published], [null, null, false])
    assert.ok(Number.isInteger(item.version))
    // Its filters find it; others do not.
    const list = async (query) => (await admin.get(`/api/publications?${query}&q=${encodeURIComponent(c.decision_no)}`)).body.items.map((i) => i.id)
    assert.deepEqual(await list(`state=queued&org_id=${fx.body.org_id}&kind=penalty`), [item.id])
    assert.deepEqual(await list('state=overdue'), due < today() ? [item.id] : [])
    assert.deepEqual(await list('state=published'), [])
    assert.deepEqual(await list('kind=licence'), [])
    // The tabs' counts agree with the lists.
    const all = (await admin.get('/api/publications?page_size=1')).body
    for (const s of ['queued', 'published', 'exempt', 'withdrawn', 'overdue']) {
      const n = (await admin.get(`/api/publications?state=${s}&page_size=1`)).body.total
      assert.equal(all.counts[s] ?? 0, n, `count of ${s}`)
    }
    // The queueing is in the ledger.
    const ev = await admin.get('/api/ledger/events?entity=publication&page_size=200')
    assert.ok(ev.body.items.some((e) => e.entity_id === String(item.id) && e.action === 'publication.queue'), 'publication.queue event')
  })

  test('a case decided by the general procedure enters the queue; the National Day holiday does not count', async () => {
    let c = (await admin.post('/api/cases', fx.lead({ party_name: '运城市国庆测试商行' }))).body
    c = await ok(c, 'file', { on: '2026-08-20' })
    c = await ok(c, 'notify', { on: '2026-09-01', penalty: { kinds: ['warning'] } })
    c = await ok(c, 'submit_decision', { on: '2026-09-01' })
    c = await ok(c, 'decide', { on: '2026-09-29', penalty: { kinds: ['warning'] } })
    const item = await queued(c.decision_no)
    const due = addWorkingDays('2026-09-29', 7)
    assert.ok(due > '2026-10-08', `the whole holiday is skipped: ${due}`)
    assert.deepEqual([item.state, item.decided_on, item.due_on], ['queued', '2026-09-29', due])
  })
})

describe('a decision through its life', () => {
  test('the publisher sees the masked public copy beside the decision as made', async () => {
    person = await personCase()
    const item = await queued(person.decision_no)
    personPub = item.id
    assert.equal(item.party, PERSON, 'the desk shows the party as recorded')
    const p = await detail(personPub)
    assert.equal(p.preview, true)
    assert.equal(p.public_sm3 ?? null, null, 'nothing is published yet')
    // The decision as made, unmasked, for the publisher.
    assert.equal(p.source.facts, FACTS)
    assert.equal(p.source.party, PERSON)
    assert.ok(p.masked_names.includes(PERSON) && p.masked_names.includes(WITNESS), `names to mask: ${p.masked_names}`)
    // The public copy.
    const pub = p.public
    assert.equal(pub.party, '张某')
    assert.equal(pub.party_type, 'person')
    assert.deepEqual([pub.decision_no, pub.decided_on, pub.kind_label, pub.field_label, pub.body], [person.decision_no, ON, '行政处罚', '市场监管', fx.body.name])
    assert.match(pub.title, /行政处罚决定书$/)
    assert.ok(pub.matter && pub.basis, 'the matter and its legal basis are stated')
    assert.match(pub.result, /罚款人民币2,?000\.00元/)
    for (const m of MASKED) assert.ok(pub.facts.includes(m), `public facts show ${m}: ${pub.facts}`)
    assert.match(pub.facts, /\*{4,}3445/, 'the bank account keeps its last four digits')
    const text = JSON.stringify(pub)
    for (const raw of RAW) assert.ok(!text.includes(raw), `the public copy hides ${raw}: ${text}`)
    assert.doesNotMatch(text, ID_NUMBER)
    assert.doesNotMatch(text, MOBILE)
  })

  test('an organisation stays named; its bank account is masked', async () => {
    const c = await decidedOnSpot({ party_name: '运城市晋南水饺有限公司' }, { facts: '当事人运城市晋南水饺有限公司在其经营场所销售过期水饺,货款经其对公账号 6222 0202 0011 2233 445 收取。' })
    const p = await detail((await queued(c.decision_no)).id)
    assert.equal(p.public.party, '运城市晋南水饺有限公司')
    assert.equal(p.public.party_type, 'organisation')
    assert.match(p.public.facts, /^当事人运城市晋南水饺有限公司在其经营场所销售过期水饺/)
    assert.doesNotMatch(p.public.facts, /6222 0202|0011 2233/)
    assert.match(p.public.facts, /\*{4,}3445/)
  })

  test('published: the public finds it by a word of its facts and by its number; the filters work', async () => {
    const preview = (await detail(personPub)).public
    const p = await publish(personPub)
    assert.equal(p.state, 'published')
    assert.equal(p.published_on, today())
    assert.equal(p.on_time, p.due_on >= today())
    assert.equal(p.auto_published, false)
    assert.ok(!p.preview, 'no longer a preview')
    assert.match(p.public_sm3, /^[0-9a-f]{64}$/)
    assert.ok(p.publish_seq > 0)
    assert.deepEqual(p.public, { ...preview, published_on: today() }, 'the public copy is the preview')
    assert.equal(p.url, `/portal/decisions/${personPub}`)
    // Not twice.
    assertProblem(assert, await admin.post(`/api/publications/${personPub}/publish`, { version: p.version }), 409, { code: 'publication.state' })

    // Found by a word of its facts, by its number and by part of it; not by what was masked.
    assert.deepEqual(await found(q(MARK)), [personPub])
    assert.deepEqual(await found(q(person.decision_no)), [personPub])
    // The number as a searcher may type it: other brackets, full-width digits, spaces around.
    const typed = person.decision_no.replace('〔', '[').replace('〕', ']').replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    assert.deepEqual(await found(q(`  ${typed} `)), [personPub], typed)
    assert.deepEqual(await found(`${q(person.decision_no)}&kind=licence`), [], 'a filter still applies')
    for (const hidden of [PERSON, WITNESS, '13812345678', '140802199001011234', '糖尿病', '6222020200112233445']) {
      assert.ok(!(await found(q(hidden))).includes(personPub), `not found by ${hidden}`)
    }
    // Filters, each with the keyword: they keep it or drop it.
    const by = async (f) => (await found(`${q(MARK)}&${f}`)).includes(personPub)
    assert.equal(await by('kind=penalty'), true)
    assert.equal(await by('kind=licence'), false)
    assert.equal(await by(`org_id=${fx.body.org_id}`), true)
    assert.equal(await by(`org_id=${fx.body.org_id + 1}`), false)
    assert.equal(await by('field=market'), true)
    assert.equal(await by('field=urban'), false)
    assert.equal(await by(`from=${ON}&to=${ON}`), true)
    assert.equal(await by(`from=${addDays(ON, 1)}`), false)
    assert.equal(await by(`to=${addDays(ON, -1)}`), false)
    // Filters alone (no keyword) keep to what they say.
    const market = await anon.get(`/public/api/decisions?field=market&org_id=${fx.body.org_id}&kind=penalty&from=2026-06-01&to=2026-06-30&page_size=50`)
    assert.equal(market.status, 200, market.text)
    assert.ok(market.body.items.length > 0)
    for (const i of market.body.items) {
      assert.deepEqual([i.body, i.kind, i.field_label], [fx.body.name, 'penalty', '市场监管'], JSON.stringify(i))
      assert.ok(i.decided_on >= '2026-06-01' && i.decided_on <= '2026-06-30', i.decided_on)
    }

    // The search item and the detail show the public copy only.
    const s = await anon.get(`/public/api/decisions?${q(MARK)}`)
    assert.match(s.headers.get('cache-control') || '', /public/)
    const hit = s.body.items[0]
    assert.deepEqual([hit.id, hit.decision_no, hit.body, hit.kind, hit.party, hit.decided_on, hit.published_on, hit.result],
      [personPub, person.decision_no, fx.body.name, 'penalty', '张某', ON, today(), preview.result])
    assert.equal(hit.title, preview.title)
    assert.ok(preview.facts.startsWith(hit.excerpt.replace(/\*+$/, '')), `the excerpt is the start of the public facts: ${hit.excerpt}`)
    const d = await anon.get(`/public/api/decisions/${personPub}`)
    assert.equal(d.status, 200, d.text)
    assert.match(d.headers.get('cache-control') || '', /public/)
    assert.equal(d.body.state, 'published')
    assert.deepEqual(d.body.decision, p.public)
    assert.deepEqual(JSON.parse(d.body.text), p.public, 'the text is the public copy')
    assert.equal(d.body.sm3, p.public_sm3)
    assert.equal(sm3hex(Buffer.from(d.body.text, 'utf8')), p.public_sm3)
    for (const raw of RAW) assert.ok(!d.text.includes(raw), `the portal hides ${raw}`)
    // The publication is in the ledger at publish_seq.
    const ev = await admin.get(`/api/ledger/events/${p.publish_seq}`)
    assert.equal(ev.status, 200, ev.text)
    assert.deepEqual([ev.body.entity, ev.body.entity_id, ev.body.action], ['publication', String(personPub), 'publication.publish'])
  })

  test('the proof verifies with independent SM3 and SM2 (node, openssl); the text altered in the database fails it', async () => {
    const r = await anon.get(`/public/api/decisions/${personPub}/proof`)
    assert.equal(r.status, 200, r.text)
    assert.match(r.headers.get('cache-control') || '', /public/)
    const p = r.body
    assert.equal(p.text, (await anon.get(`/public/api/decisions/${personPub}`)).body.text)
    assert.equal(p.event.seq, (await detail(personPub)).publish_seq)
    assert.deepEqual(proofFailures(p, personPub), [], 'everything verifies')
    // A tampered proof fails where it was changed (the checks are live).
    assert.deepEqual(proofFailures({ ...p, text: p.text.replace('张某', '李某') }, personPub), ['text_sm3'])
    assert.ok(proofFailures({ ...p, checkpoint: { ...p.checkpoint, size: p.checkpoint.size + 1 } }, personPub).includes('signature (openssl)'))

    // Someone edits the published text in the database (the fine, in words, made smaller).
    sql(`UPDATE publications SET public_text = replace(public_text, '贰仟元整', '贰拾元整') WHERE id = ${personPub}`)
    const after = (await anon.get(`/public/api/decisions/${personPub}/proof`)).body
    assert.match(after.text, /贰拾元整/, 'the portal serves what the database holds')
    assert.deepEqual(proofFailures(after, personPub), ['text_sm3'], 'the altered text no longer matches the SM3 in the signed ledger')
    const shown = (await anon.get(`/public/api/decisions/${personPub}`)).body
    assert.notEqual(sm3hex(Buffer.from(shown.text, 'utf8')), shown.sm3, 'the detail page\'s own check fails too')
    // Restored, it verifies again.
    sql(`UPDATE publications SET public_text = replace(public_text, '贰拾元整', '贰仟元整') WHERE id = ${personPub}`)
    assert.deepEqual(proofFailures((await anon.get(`/public/api/decisions/${personPub}/proof`)).body, personPub), [])
  })

  test('a decision published by the demo (by the system, no user) verifies too', async () => {
    const s = await anon.get('/public/api/decisions?kind=penalty&page_size=1&page=50')
    const id = s.body.items[0].id
    const p = (await anon.get(`/public/api/decisions/${id}/proof`)).body
    assert.deepEqual(proofFailures(p, id), [], JSON.stringify(p.event))
  })

  test('withdrawn: the portal shows the notice with the masked reason, the proof is gone (410), the search no longer finds it', async () => {
    const stats = (await anon.get('/public/api/decision-stats')).body
    const url = `/api/publications/${personPub}/withdraw`
    const reason = `经行政复议,复议机关认定对${PERSON}的处罚事实不清,撤销该决定`
    assertProblem(assert, await admin.post(url, { kind: 'cancelled', reason, changed_on: '2026-09-30' }), 400, { code: 'publication.withdraw_kind', field: 'kind' })
    assertProblem(assert, await admin.post(url, { kind: 'revoked', reason: '', changed_on: '2026-09-30' }), 400, { field: 'reason' })
    assertProblem(assert, await admin.post(url, { kind: 'revoked', reason, changed_on: addDays(today(), 1) }), 400, { field: 'changed_on' })
    assertProblem(assert, await admin.post(url, { kind: 'revoked', reason, changed_on: '2026-06-14' }), 400, { field: 'changed_on' })
    assertProblem(assert, await admin.post(url, { kind: 'revoked', reason, changed_on: '2026-02-30' }), 400, { field: 'changed_on' })
    assert.equal((await detail(personPub)).state, 'published', 'nothing refused changed it')

    // 30 September 2026: three working days later is after the National Day holiday.
    const r = await admin.post(url, { kind: 'revoked', reason, changed_on: '2026-09-30' })
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.state, 'withdrawn')
    assert.equal(r.body.withdrawn_on, today())
    const w = r.body.withdrawal
    assert.deepEqual([w.kind, w.changed_on, w.due_on, w.withdrawn_on], ['revoked', '2026-09-30', addWorkingDays('2026-09-30', 3), today()])
    assert.ok(w.due_on > '2026-10-08', w.due_on)

    const d = await anon.get(`/public/api/decisions/${personPub}`)
    assert.equal(d.status, 200, d.text)
    assert.equal(d.body.state, 'withdrawn')
    assert.equal(d.body.decision_no, person.decision_no)
    assert.deepEqual([d.body.withdrawal.kind, d.body.withdrawal.changed_on, d.body.withdrawal.withdrawn_on], ['revoked', '2026-09-30', today()])
    assert.equal(d.body.withdrawal.kind_label, '决定已撤销')
    assert.equal(d.body.withdrawal.reason, reason.replace(PERSON, '张某'), 'the reason is shown, the person masked')
    assert.ok(!d.text.includes(MARK) && !d.text.includes(PERSON), 'the decision itself is no longer shown')
    assertProblem(assert, await anon.get(`/public/api/decisions/${personPub}/proof`), 410, { code: 'publication.withdrawn' })
    assert.deepEqual(await found(q(MARK)), [])
    const after = (await anon.get('/public/api/decision-stats')).body
    assert.deepEqual([after.total, after.withdrawn], [stats.total - 1, stats.withdrawn + 1])
    // Not twice; an exempt or unknown decision is not withdrawn.
    assertProblem(assert, await admin.post(url, { kind: 'revoked', reason, changed_on: '2026-09-30' }), 409, { code: 'publication.state' })
    assertProblem(assert, await admin.post(`/api/publications/${personPub}/publish`, { version: r.body.version }), 409, { code: 'publication.state' })
    assertProblem(assert, await admin.post('/api/publications/99999999/withdraw', { kind: 'revoked', reason, changed_on: '2026-09-30' }), 404)
    const ev = await admin.get('/api/ledger/events?entity=publication&page_size=5')
    assert.ok(ev.body.items.some((e) => e.entity_id === String(personPub) && e.action === 'publication.withdraw'))
  })

  test('two publishers approve the same decision at once: one publishes it, the other is told it changed', async () => {
    const c = await decidedOnSpot({ party_name: '运城市并发公示测试店' })
    const item = await queued(c.decision_no)
    const sfjCity = await login(srv.url, 'sfj_city')
    const [a, b] = await Promise.all([
      admin.post(`/api/publications/${item.id}/publish`, { version: item.version }),
      sfjCity.post(`/api/publications/${item.id}/publish`, { version: item.version }),
    ])
    assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.text} ${b.text}`)
    const loser = a.status === 409 ? a : b
    assert.ok(['publication.stale', 'publication.state'].includes(loser.body.code), loser.text)
    const ev = await admin.get('/api/ledger/events?entity=publication&page_size=20')
    assert.equal(ev.body.items.filter((e) => e.entity_id === String(item.id) && e.action === 'publication.publish').length, 1, 'published once')
  })

  test('a decision withdrawn before it was published never reaches the portal', async () => {
    const c = await decidedOnSpot({ party_name: '运城市未公示撤回商行' }, { facts: '当事人销售过期的蝌蚪牌青梅酒。' })
    const item = await queued(c.decision_no)
    const r = await admin.post(`/api/publications/${item.id}/withdraw`, { kind: 'changed', reason: '决定已变更', changed_on: ON })
    assert.ok([200, 409].includes(r.status), r.text)
    assertProblem(assert, await anon.get(`/public/api/decisions/${item.id}`), 404)
    assertProblem(assert, await anon.get(`/public/api/decisions/${item.id}/proof`), 404)
    assert.deepEqual(await found(q('蝌蚪牌青梅酒')), [])
  })
})

describe('never published', () => {
  test('a case flagged before its decision is queued as exempt and cannot be published; clearing the flag queues it', async () => {
    let c = (await admin.post('/api/cases', fx.lead({ procedure: 'simplified', party_type: 'person', party_name: '钱小未' }))).body
    const flag = `/api/cases/${c.id}/disclosure`
    assertProblem(assert, await admin.post(flag, { reason: 'celebrity', note: '知名人士' }), 400, { code: 'publication.exempt_reason', field: 'reason' })
    assertProblem(assert, await admin.post(flag, { reason: 'minor' }), 400, { field: 'note' })
    assertProblem(assert, await admin.post('/api/cases/99999999/disclosure', { reason: 'minor', note: '未成年人' }), 404)
    const f = await admin.post(flag, { reason: 'minor', note: '当事人未满十八周岁' })
    assert.equal(f.status, 200, f.text)
    assert.equal(f.body.disclosure_exempt, 'minor')
    c = (await admin.get(`/api/cases/${c.id}`)).body
    c = await ok(c, 'decide_on_spot', { penalty: { kinds: ['warning'] }, facts: '当事人在校门口销售鹦鹉牌辣条。' })
    const item = await queued(c.decision_no)
    assert.deepEqual([item.state, item.exempt_reason], ['exempt', 'minor'])
    const p = await detail(item.id)
    assert.equal(p.exempt_label, '涉及未成年人')
    const refused = await admin.post(`/api/publications/${item.id}/publish`, { version: p.version })
    assert.ok([409, 422].includes(refused.status), refused.text)
    assert.ok(['publication.exempt', 'publication.state'].includes(refused.body.code), refused.text)
    assert.equal((await detail(item.id)).state, 'exempt')
    assertProblem(assert, await anon.get(`/public/api/decisions/${item.id}`), 404)
    assert.deepEqual(await found(q('鹦鹉牌辣条')), [])
    // Cleared, the decision is queued again and may be published.
    const clear = await admin.post(flag, { reason: null, note: '经核实当事人已成年' })
    assert.equal(clear.status, 200, clear.text)
    assert.equal(clear.body.disclosure_exempt, null)
    assert.equal((await detail(item.id)).state, 'queued')
    await publish(item.id)
    assert.deepEqual(await found(q('鹦鹉牌辣条')), [item.id])
  })

  test('a published decision flagged afterwards leaves the portal', async () => {
    const c = await decidedOnSpot({ party_name: '运城市隐私撤下测试店' }, { facts: '当事人销售孔雀牌腊肠。' })
    const item = await queued(c.decision_no)
    await publish(item.id)
    assert.deepEqual(await found(q('孔雀牌腊肠')), [item.id])
    const f = await admin.post(`/api/cases/${c.id}/disclosure`, { reason: 'privacy', note: '涉及第三人隐私' })
    assert.equal(f.status, 200, f.text)
    assert.equal((await detail(item.id)).state, 'exempt')
    assertProblem(assert, await anon.get(`/public/api/decisions/${item.id}`), 404)
    assertProblem(assert, await anon.get(`/public/api/decisions/${item.id}/proof`), 404)
    assert.deepEqual(await found(q('孔雀牌腊肠')), [])
    // A decision once published is not queued again by clearing the flag: it stays off the portal.
    // Taking the flag away is explained too.
    assertProblem(assert, await admin.post(`/api/cases/${c.id}/disclosure`, { reason: null, note: '' }), 400)
    const cleared = await admin.post(`/api/cases/${c.id}/disclosure`, { reason: null, note: '经核实不涉及隐私' })
    assert.equal(cleared.status, 200, cleared.text)
    assertProblem(assert, await anon.get(`/public/api/decisions/${item.id}`), 404)
  })

  test('the publisher exempts a queued decision (state secret) with a note; it is never shown', async () => {
    const c = await decidedOnSpot({ party_name: '运城市保密测试公司' }, { facts: '当事人违规存放骆驼牌帐篷。' })
    const item = await queued(c.decision_no)
    const url = `/api/publications/${item.id}/exempt`
    assertProblem(assert, await admin.post(url, { reason: 'boring', note: 'x' }), 400, { code: 'publication.exempt_reason', field: 'reason' })
    assertProblem(assert, await admin.post(url, { reason: 'secret', note: '' }), 400, { field: 'note' })
    const r = await admin.post(url, { reason: 'secret', note: '涉及国家秘密' })
    assert.equal(r.status, 200, r.text)
    assert.deepEqual([r.body.state, r.body.exempt_reason, r.body.exempt_note, r.body.exempt_label], ['exempt', 'secret', '涉及国家秘密', '涉及国家秘密'])
    assertProblem(assert, await admin.post(url, { reason: 'secret', note: '再次' }), 409, { code: 'publication.state' })
    const refused = await admin.post(`/api/publications/${item.id}/publish`, { version: r.body.version })
    assert.ok([409, 422].includes(refused.status), refused.text)
    assertProblem(assert, await admin.post(`/api/publications/${item.id}/withdraw`, { kind: 'void', reason: '无效', changed_on: ON }), 409, { code: 'publication.state' })
    assertProblem(assert, await anon.get(`/public/api/decisions/${item.id}`), 404)
    assert.deepEqual(await found(q('骆驼牌帐篷')), [])
    const exempt = (await admin.get(`/api/publications?state=exempt&q=${encodeURIComponent(c.decision_no)}`)).body.items
    assert.deepEqual(exempt.map((i) => i.id), [item.id])
  })
})

describe('settings, automatic publication, decisions entered by hand', () => {
  test('the settings: defaults, changes, and values refused with the field named', async () => {
    const r = await admin.get('/api/settings/publication')
    assert.equal(r.status, 200, r.text)
    for (const [k, v] of Object.entries(SETTINGS)) assert.deepEqual(r.body[k], v, `default ${k}`)
    const refused = [
      [{ retention_years: 3, retention_years_person: 4 }, 'retention_years_person'],
      [{ penalty_days: 0 }, 'penalty_days'],
      [{ licence_days: 61 }, 'licence_days'],
      [{ other_days: '20' }, 'other_days'],
      [{ withdraw_days: 1.5 }, 'withdraw_days'],
      [{ retention_years: 31 }, 'retention_years'],
      [{ remind_days: 11 }, 'remind_days'],
      [{ auto_publish: 'all' }, 'auto_publish'],
      [{ auto_publish: [0] }, 'auto_publish'],
      [{ auto_publish: [99999999] }, 'auto_publish'],
      [{ auto_publish: [1] }, 'auto_publish'], // 运城市 is a city, not an enforcement body
    ]
    for (const [patch, field] of refused) {
      const res = await admin.put('/api/settings/publication', { ...SETTINGS, ...patch })
      assertProblem(assert, res, 400, { field })
    }
    assertProblem(assert, await admin.put('/api/settings/publication', '[1,2]'), 400)
    assert.deepEqual((await admin.get('/api/settings/publication')).body, r.body, 'nothing refused was kept')
    const changed = await putSettings({ other_days: 15, remind_days: 5 })
    assert.deepEqual([changed.other_days, changed.remind_days], [15, 5])
    assert.deepEqual((await admin.get('/api/settings/publication')).body.other_days, 15)
    // The keys sent change; those left out keep what was stored.
    const one = await admin.put('/api/settings/publication', { penalty_days: 6 })
    assert.equal(one.status, 200, one.text)
    assert.deepEqual([one.body.penalty_days, one.body.other_days, one.body.remind_days], [6, 15, 5])
    const ev = await admin.get('/api/ledger/events?entity=settings&page_size=5')
    assert.ok(ev.body.items.some((e) => e.action === 'settings.publication'), 'the change is in the ledger')
    await putSettings({})
  })

  test('a body set to publish automatically has its decisions published the moment they are made', async () => {
    const s = await putSettings({ auto_publish: [fx.body.org_id] })
    assert.deepEqual(s.auto_publish, [fx.body.org_id])
    assert.deepEqual(s.auto_publish_bodies, [{ id: fx.body.org_id, name: fx.body.name }])
    try {
      const c = await decidedOnSpot({ party_name: '运城市自动公示测试店' }, { facts: '当事人销售麒麟牌汤圆。' })
      const item = await queued(c.decision_no)
      assert.deepEqual([item.state, item.auto_published, item.published_on], ['published', true, today()])
      assert.deepEqual(await found(q('麒麟牌汤圆')), [item.id])
      // A flagged case is not published, even so.
      let f = (await admin.post('/api/cases', fx.lead({ procedure: 'simplified', party_name: '运城市自动公示豁免店' }))).body
      assert.equal((await admin.post(`/api/cases/${f.id}/disclosure`, { reason: 'privacy', note: '涉及隐私' })).status, 200)
      f = (await admin.get(`/api/cases/${f.id}`)).body
      f = await ok(f, 'decide_on_spot', { penalty: { kinds: ['warning'] }, facts: '当事人销售饕餮牌粽子。' })
      assert.equal((await queued(f.decision_no)).state, 'exempt')
      assert.deepEqual(await found(q('饕餮牌粽子')), [])
    } finally {
      await putSettings({})
    }
    // Back to approval: the next decision waits.
    const c = await decidedOnSpot({ party_name: '运城市人工审核测试店' })
    assert.equal((await queued(c.decision_no)).state, 'queued')
  })

  test('a licence entered by hand is due 7 working days after it was granted; another decision 20 (settings)', async () => {
    const base = { org_id: fx.body.org_id, decided_on: '2026-09-29', party: '运城市晋南餐饮有限公司', party_type: 'organisation', field: 'market' }
    const lic = await admin.post('/api/publications', { ...base, kind: 'licence', decision_no: '运市监许〔2026〕公示测试1号', matter: '食品经营许可', content: '准予当事人从事食品经营(琥珀牌热食制售)。', basis: '《中华人民共和国食品安全法》第三十五条', result: '准予许可' })
    assert.equal(lic.status, 201, lic.text)
    assert.deepEqual([lic.body.kind, lic.body.state, lic.body.case_id, lic.body.due_on], ['licence', 'queued', null, addWorkingDays('2026-09-29', 7)])
    assert.equal(lic.body.public.title, `${fx.body.name}行政许可决定书`)
    const other = await admin.post('/api/publications', { ...base, kind: 'other', decision_no: '运市监决〔2026〕公示测试2号', content: '责令当事人限期改正。' })
    assert.equal(other.status, 201, other.text)
    assert.equal(other.body.due_on, addWorkingDays('2026-09-29', 20))
    await putSettings({ other_days: 15 })
    try {
      const third = await admin.post('/api/publications', { ...base, kind: 'other', decision_no: '运市监决〔2026〕公示测试3号', content: '责令改正。' })
      assert.equal(third.body.due_on, addWorkingDays('2026-09-29', 15), 'the setting decides')
    } finally {
      await putSettings({})
    }
    // A natural person's licence: the name is masked in the public copy; names given are masked too.
    const pl = await admin.post('/api/publications', { ...base, party: '李小龙', party_type: 'person', kind: 'licence', decision_no: '运市监许〔2026〕公示测试4号', content: '准予李小龙个体工商户食品经营许可,经办人王大锤。', names: ['王大锤'] })
    assert.equal(pl.status, 201, pl.text)
    assert.equal(pl.body.public.party, '李某')
    assert.equal(pl.body.public.facts, '准予李某个体工商户食品经营许可,经办人王某。')
    // Published, the portal finds it as a licence.
    await publish(lic.body.id)
    assert.deepEqual(await found(`${q('琥珀牌热食制售')}&kind=licence`), [lic.body.id])
    assert.deepEqual(await found(`${q('琥珀牌热食制售')}&kind=penalty`), [])

    const bad = [
      [{ kind: 'penalty' }, 'kind'],
      [{ kind: 'licence', decision_no: '' }, 'decision_no'],
      [{ kind: 'licence', content: undefined }, 'content'],
      [{ kind: 'licence', decided_on: addDays(today(), 1) }, 'decided_on'],
      [{ kind: 'licence', decided_on: '2026-13-45' }, 'decided_on'],
      [{ kind: 'licence', party_type: 'company' }, 'party_type'],
      [{ kind: 'licence', field: 'astrology' }, 'field'],
      [{ kind: 'licence', org_id: '4' }, 'org_id'],
    ]
    for (const [patch, field] of bad) {
      const body = { ...base, decision_no: '运市监许〔2026〕坏输入号', content: '内容', ...patch }
      assertProblem(assert, await admin.post('/api/publications', body), 400, { field })
    }
    // Not a body (a county), or unknown: not found.
    assertProblem(assert, await admin.post('/api/publications', { ...base, kind: 'licence', decision_no: 'x', content: 'y', org_id: 1 }), 404)
    assertProblem(assert, await admin.post('/api/publications', { ...base, kind: 'licence', decision_no: 'x', content: 'y', org_id: 99999999 }), 404)
    assert.equal((await admin.get(`/api/publications?q=${encodeURIComponent('坏输入号')}`)).body.total, 0, 'nothing refused was kept')
  })
})

describe('timeliness and reminders', () => {
  test('the share published on time per body counts each publication once, on time or late', async () => {
    const year = ON.slice(0, 4)
    const row = async () => {
      const r = await admin.get(`/api/publications/timeliness?year=${year}`)
      assert.equal(r.status, 200, r.text)
      assert.equal(r.body.year, Number(year))
      return r.body.bodies.find((b) => b.org_id === fx.body.org_id) || { total: 0, on_time: 0, late: 0, overdue: 0, waiting: 0 }
    }
    const c = await decidedOnSpot({ party_name: '运城市及时率测试店' }) // due in June: late when published now
    const lateId = (await queued(c.decision_no)).id
    const lic = await admin.post('/api/publications', { org_id: fx.body.org_id, kind: 'licence', decision_no: '运市监许〔2026〕及时率测试号', decided_on: today(), party: '运城市及时率测试公司', party_type: 'organisation', field: 'market', content: '准予许可。' })
    assert.equal(lic.status, 201, lic.text)
    const before = await row()
    assert.equal((await publish(lateId)).on_time, false)
    assert.equal((await publish(lic.body.id)).on_time, true)
    const afterRow = await row()
    const sameYear = today().slice(0, 4) === year
    assert.equal(afterRow.late, before.late + 1)
    assert.equal(afterRow.overdue, before.overdue - 1, 'no longer overdue')
    if (sameYear) {
      assert.equal(afterRow.on_time, before.on_time + 1)
      assert.equal(afterRow.waiting, before.waiting - 1)
      assert.equal(afterRow.total, before.total)
    }
    assert.equal(afterRow.rate, afterRow.on_time / (afterRow.on_time + afterRow.late + afterRow.overdue))
    assertProblem(assert, await admin.get('/api/publications/timeliness?year=abc'), 400, { field: 'year' })
    assertProblem(assert, await admin.get('/api/publications/timeliness?year=1900'), 400, { field: 'year' })
  })

  test('the publisher is reminded of decisions due within the reminder days and of those overdue', async () => {
    const yongji = (await admin.get('/api/orgs?kind=county&page_size=50')).body.items.find((o) => o.name === '永济市')
    assert.ok(yongji, 'the county of 永济市')
    const o = await admin.post('/api/orgs', { parent_id: yongji.id, code: 'PUB-REMIND-1', name: '公示提醒测试执法队', kind: 'body' })
    assert.equal(o.status, 201, o.text)
    const publisher = await userWith(admin, srv.url, { key: 'pub_remind', permissions: ['publish:queue:list', 'publish:approve'], scope: 'org', orgId: o.body.id })
    const base = { org_id: o.body.id, party: '永济市提醒测试公司', party_type: 'organisation', field: 'market', content: '准予许可。' }
    const soon = await publisher.post('/api/publications', { ...base, kind: 'licence', decision_no: '永提醒许〔2026〕1号', decided_on: today() })
    assert.equal(soon.status, 201, soon.text)
    const late = await publisher.post('/api/publications', { ...base, kind: 'other', decision_no: '永提醒决〔2026〕2号', decided_on: ON })
    assert.equal(late.status, 201, late.text)
    const reminders = async () => {
      const r = await publisher.get('/api/publications/reminders')
      assert.equal(r.status, 200, r.text)
      return r.body.items
    }
    try {
      await putSettings({ remind_days: 2 })
      let items = await reminders()
      assert.deepEqual(items.map((i) => i.publication_id), [late.body.id], 'a licence due in 7 working days is not yet reminded')
      assert.equal(items[0].overdue, true)
      assert.equal(items[0].due, late.body.due_on)
      assert.match(items[0].text, /已超期/)
      assert.ok(items[0].text.includes('永提醒决〔2026〕2号'), items[0].text)
      await putSettings({ remind_days: 10 })
      items = await reminders()
      // Those still to be published in time come first (a reminder is for a deadline not yet
      // passed), then the overdue; the counts of both come along.
      assert.deepEqual(items.map((i) => i.publication_id), [soon.body.id, late.body.id])
      assert.equal(items[0].overdue, false)
      assert.equal(items[0].days_left, daysBetween(today(), soon.body.due_on))
      const counts = (await publisher.get('/api/publications/reminders')).body
      assert.deepEqual([counts.due, counts.overdue], [1, 1])
      // Published, it is no longer a reminder.
      await publish(soon.body.id, publisher)
      assert.deepEqual((await reminders()).map((i) => i.publication_id), [late.body.id])
    } finally {
      await putSettings({})
    }
  })
})

describe('scope and permissions', () => {
  test('a county supervisor sees and publishes only their county\'s decisions', async () => {
    const orgs = new Map()
    for (let page = 1; ; page++) {
      const r = await admin.get(`/api/orgs?page=${page}&page_size=200`)
      for (const o of r.body.items) orgs.set(o.id, o)
      if (page * 200 >= r.body.total) break
    }
    const county = [...orgs.values()].find((o) => o.name === '永济市' && o.kind === 'county')
    const inCounty = (id) => {
      for (let o = orgs.get(id); o; o = orgs.get(o.parent_id)) if (o.id === county.id) return true
      return false
    }
    const sfj = await login(srv.url, 'yongji_sfj')
    const mine = await sfj.get('/api/publications?page_size=200')
    assert.equal(mine.status, 200, mine.text)
    assert.ok(mine.body.total > 0 && mine.body.total < (await admin.get('/api/publications?page_size=1')).body.total)
    for (const i of mine.body.items) assert.ok(inCounty(i.org_id), `${i.org_name} is in 永济市`)
    // The city team's decision: not found, whatever is asked.
    const c = await decidedOnSpot({ party_name: '运城市范围测试店' })
    const city = await queued(c.decision_no)
    assertProblem(assert, await sfj.get(`/api/publications/${city.id}`), 404)
    assertProblem(assert, await sfj.post(`/api/publications/${city.id}/publish`, { version: city.version }), 404)
    assertProblem(assert, await sfj.post(`/api/publications/${city.id}/exempt`, { reason: 'privacy', note: '隐私' }), 404)
    assertProblem(assert, await sfj.post(`/api/publications/${city.id}/withdraw`, { kind: 'void', reason: '无效', changed_on: ON }), 404)
    assertProblem(assert, await sfj.post('/api/publications', { kind: 'licence', org_id: fx.body.org_id, decision_no: '越权许〔2026〕1号', decided_on: ON, party: '某公司', party_type: 'organisation', field: 'market', content: '准予' }), 404)
    assert.equal((await sfj.get(`/api/publications?q=${encodeURIComponent(c.decision_no)}`)).body.total, 0)
    assert.equal((await detail(city.id)).state, 'queued', 'untouched')
    // One of their own they may publish.
    const own = (await sfj.get('/api/publications?state=queued&page_size=1')).body.items[0]
    assert.ok(own, 'the demo has a queued decision in 永济市')
    assert.equal((await publish(own.id, sfj)).state, 'published')
  })

  test('without publish:approve a publisher may look but not publish; without the desk, not even look', async () => {
    const viewer = await userWith(admin, srv.url, { key: 'pub_viewer', permissions: ['publish:queue:list'], orgId: fx.body.org_id })
    const c = await decidedOnSpot({ party_name: '运城市权限测试店' })
    const item = await queued(c.decision_no)
    assert.equal((await viewer.get(`/api/publications/${item.id}`)).status, 200)
    assert.equal((await viewer.get('/api/settings/publication')).status, 200)
    const refusals = [
      viewer.post(`/api/publications/${item.id}/publish`, { version: item.version }),
      viewer.post(`/api/publications/${item.id}/exempt`, { reason: 'privacy', note: '隐私' }),
      viewer.post(`/api/publications/${item.id}/withdraw`, { kind: 'void', reason: '无效', changed_on: ON }),
      viewer.post('/api/publications', { kind: 'licence', org_id: fx.body.org_id, decision_no: '无权许〔2026〕1号', decided_on: ON, party: '某公司', party_type: 'organisation', field: 'market', content: '准予' }),
      viewer.put('/api/settings/publication', SETTINGS),
      viewer.post('/api/publications/take-down', {}),
      viewer.post(`/api/cases/${c.id}/disclosure`, { reason: 'privacy', note: '隐私' }),
    ]
    for (const r of await Promise.all(refusals)) assertProblem(assert, r, 403)
    const sfj = await login(srv.url, 'yongji_sfj') // approves, but may not change the settings
    assertProblem(assert, await sfj.put('/api/settings/publication', SETTINGS), 403)
    const officer = await login(srv.url, 'officer_demo')
    assertProblem(assert, await officer.get('/api/publications'), 403)
    assertProblem(assert, await officer.get(`/api/publications/${item.id}`), 403)
    assert.equal((await anon.get('/api/publications')).status, 401)
    assert.equal((await detail(item.id)).state, 'queued', 'nothing refused changed it')
  })
})

describe('bad input', () => {
  test('searches with SQL or regex metacharacters, quotes and unusual Unicode are answered, and match nothing they should not', async () => {
    const all = (await anon.get('/public/api/decisions')).body.total
    const deskAll = (await admin.get('/api/publications?page_size=1')).body.total
    for (const s of [`%' OR 1=1 --`, `' OR '1'='1`, '.*[(', '"', '""', '\\', '*', 'NEAR(罚款 决定)', '罚款 OR 警告', '罚款" OR "1', '🙂🙃', 'e\u0301\u200d', '\u202eabc', '﷽', 'ｆｕｌｌ']) {
      const r = await anon.get(`/public/api/decisions?${q(s)}`)
      assert.equal(r.status, 200, `${JSON.stringify(s)}: ${r.text.slice(0, 300)}`)
      assert.ok(r.body.total < all, `${JSON.stringify(s)} does not match everything: ${r.body.total}`)
      const d = await admin.get(`/api/publications?${q(s)}`)
      assert.equal(d.status, 200, `desk ${JSON.stringify(s)}: ${d.text.slice(0, 300)}`)
    }
    // The injection matches nothing on the desk either (it is text, not SQL).
    assert.equal((await admin.get(`/api/publications?${q(`%' OR 1=1 --`)}`)).body.total, 0)
    assert.ok(deskAll > 0)
  })

  test('a 10,000-character search is a 400 naming q, with the limit; the page after the last is empty', async () => {
    const long = 'x'.repeat(10_000)
    const r = await anon.get(`/public/api/decisions?${q(long)}`)
    assertProblem(assert, r, 400, { field: 'q' })
    assert.match(r.body.message_zh, /\d+ 个字符/)
    assertProblem(assert, await admin.get(`/api/publications?${q(long)}`), 400, { field: 'q' })
    // 10,000 Chinese characters are 90,000 bytes of URL: refused as too large a request, clearly.
    const han = await anon.get(`/public/api/decisions?${q('罚'.repeat(10_000))}`)
    assert.ok([400, 414, 431].includes(han.status), `${han.status} ${han.text.slice(0, 200)}`)
    assertProblem(assert, han, han.status)
    // Far past the end: no items, the total kept.
    const first = await anon.get(`/public/api/decisions?${q('罚款')}`)
    const far = await anon.get(`/public/api/decisions?${q('罚款')}&page=999999`)
    assert.equal(far.status, 200, far.text)
    assert.deepEqual(far.body.items, [])
    assert.equal(far.body.total, first.body.total)
    const deskFar = await admin.get('/api/publications?page=999999')
    assert.equal(deskFar.status, 200, deskFar.text)
    assert.deepEqual(deskFar.body.items, [])
    assert.ok(deskFar.body.total > 0)
    // Beyond a cap (at most 10,000) the count stops and says so, the same for every search.
    const everything = (await anon.get('/public/api/decisions')).body
    assert.equal(everything.more, true, 'the demo has more published decisions than the count goes to')
    assert.ok(everything.total <= 10_000, `the cap: ${everything.total}`)
    assert.deepEqual([first.body.more, first.body.total], [true, everything.total], 'a common word is capped alike')
    const last = Math.ceil(everything.total / 20)
    assert.equal((await anon.get(`/public/api/decisions?page=${last}`)).body.items.length > 0, true, 'the last page counted has items')
    assert.deepEqual((await anon.get(`/public/api/decisions?page=${last + 1}`)).body.items, [])
  })

  test('page, page_size and dates out of range are 400s naming the parameter (or clamped), never a 500', async () => {
    for (const path of ['/public/api/decisions', '/api/publications']) {
      const client = path.startsWith('/public') ? anon : admin
      for (const p of ['page=0', 'page=-1', 'page=abc', 'page=1.5', 'page_size=0', 'page_size=-1']) {
        assertProblem(assert, await client.get(`${path}?${p}`), 400, { field: p.split('=')[0] })
      }
      const big = await client.get(`${path}?page_size=1000`)
      if (big.status === 200) assert.ok(big.body.items.length <= 200, 'clamped')
      else assertProblem(assert, big, 400, { field: 'page_size' })
      for (const p of ['kind=bogus', 'org_id=abc', 'org_id=-1']) assertProblem(assert, await client.get(`${path}?${p}`), 400, { field: p.split('=')[0] })
    }
    assertProblem(assert, await admin.get('/api/publications?state=lost'), 400, { field: 'state' })
    const clamped = await anon.get('/public/api/decisions?page_size=200')
    assert.equal(clamped.status, 200)
    assert.ok(clamped.body.items.length <= 50, 'the public pages are at most 50')
    for (const [p, field] of [['from=2026-13-45', 'from'], ['to=2026-02-30', 'to'], ['from=yesterday', 'from'], ['to=2026-6-1', 'to']]) {
      assertProblem(assert, await anon.get(`/public/api/decisions?${p}`), 400, { field })
    }
    const reversed = await anon.get('/public/api/decisions?from=2026-06-30&to=2026-06-01')
    assert.equal(reversed.status, 200, reversed.text)
    assert.equal(reversed.body.total, 0)
  })

  test('details and proofs: a non-numeric id is a 400, an unknown one a 404, never a 500', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '1e3', '0x10', '99999999999999999999']) {
      for (const path of [`/public/api/decisions/${id}`, `/public/api/decisions/${id}/proof`]) assertProblem(assert, await anon.get(path), 400, { field: 'id' })
      assertProblem(assert, await admin.get(`/api/publications/${id}`), 400, { field: 'id' })
    }
    for (const path of ['/public/api/decisions/99999999', '/public/api/decisions/99999999/proof']) assertProblem(assert, await anon.get(path), 404)
    assertProblem(assert, await admin.get('/api/publications/99999999'), 404)
    assertProblem(assert, await admin.post('/api/publications/99999999/publish', { version: 1 }), 404)
  })

  test('the version to publish must be an integer; malformed JSON is a 400; a stale version a 409', async () => {
    const c = await decidedOnSpot({ party_name: '运城市坏请求测试店' })
    const item = await queued(c.decision_no)
    const url = `/api/publications/${item.id}/publish`
    for (const body of [{}, { version: String(item.version) }, { version: 1.5 }, { version: null }, '{"version":', '[1]', 'null']) {
      assertProblem(assert, await admin.post(url, body), 400)
    }
    assertProblem(assert, await admin.post(url, { version: item.version + 7 }), 409, { code: 'publication.stale' })
    for (const body of ['{', '[]', 'null']) {
      assertProblem(assert, await admin.post(`/api/publications/${item.id}/withdraw`, body), 400)
      assertProblem(assert, await admin.post(`/api/publications/${item.id}/exempt`, body), 400)
      assertProblem(assert, await admin.post(`/api/cases/${c.id}/disclosure`, body), 400)
    }
    assertProblem(assert, await admin.post('/api/publications', '{"kind":'), 400)
    assert.equal((await detail(item.id)).state, 'queued', 'nothing refused changed it')
  })

  // A field of the wrong JSON type in a withdrawal, an exemption or a case's flag is a 400 naming
  // the field, like everywhere else (it once was a 500).
  test('withdraw, exempt and the case flag: a field of the wrong type is a 400 naming it, never a 500', async () => {
    const c = await decidedOnSpot({ party_name: '运城市类型错误测试店' })
    const item = await queued(c.decision_no)
    const tries = [
      ['withdraw', { kind: 7, reason: '理由', changed_on: ON }, 'kind'],
      ['withdraw', { kind: 'void', reason: ['理由'], changed_on: ON }, 'reason'],
      ['withdraw', { kind: 'void', reason: '理由', changed_on: 20260615 }, 'changed_on'],
      ['exempt', { reason: 5, note: '未成年人' }, 'reason'],
      ['exempt', { reason: 'minor', note: 5 }, 'note'],
      ['disclosure', { reason: 'minor', note: 5 }, 'note'],
      ['disclosure', { reason: null, note: null }, 'note'],
    ]
    const wrong = []
    for (const [what, body, field] of tries) {
      const url = what === 'disclosure' ? `/api/cases/${c.id}/disclosure` : `/api/publications/${item.id}/${what}`
      const r = await admin.post(url, body)
      if (r.status !== 400 || r.body?.field !== field) wrong.push(`POST ${url.replace(/\d+/, '{id}')} ${JSON.stringify(body)} → ${r.status} ${r.body?.code} (field ${r.body?.field})`)
    }
    assert.equal((await detail(item.id)).state, 'queued', 'nothing refused changed it')
    assert.deepEqual(wrong, [])
  })

  // {"reason": 5} is refused, not read as "no reason": a minor's case stays off the never-publish
  // list only by a request that means it.
  test('a case\'s flag is not cleared by a reason of the wrong type', async () => {
    let c = (await admin.post('/api/cases', fx.lead({ procedure: 'simplified', party_type: 'person', party_name: '吴小幼' }))).body
    assert.equal((await admin.post(`/api/cases/${c.id}/disclosure`, { reason: 'minor', note: '当事人未满十八周岁' })).status, 200)
    c = await ok((await admin.get(`/api/cases/${c.id}`)).body, 'decide_on_spot', { penalty: { kinds: ['warning'] } })
    const item = await queued(c.decision_no)
    assert.equal(item.state, 'exempt')
    const r = await admin.post(`/api/cases/${c.id}/disclosure`, { reason: 5, note: '类型错误' })
    assert.equal((await detail(item.id)).state, 'exempt', `still never published (the request answered ${r.status} ${r.text.slice(0, 200)})`)
    assertProblem(assert, r, 400, { field: 'reason' })
  })

  // Names to mask given as a string (not a list) are refused, never dropped (the person named
  // would be published in full).
  test('names to mask of the wrong type are refused, not dropped', async () => {
    const r = await admin.post('/api/publications', { kind: 'licence', org_id: fx.body.org_id, decision_no: '运市监许〔2026〕名单类型测试号', decided_on: ON, party: '运城市名单测试公司', party_type: 'organisation', field: 'market', content: '准予许可,经办人王大锤。', names: '王大锤' })
    if (r.status === 201) assert.ok(!r.body.public.facts.includes('王大锤'), `accepted, and the name is shown: ${r.body.public.facts}`)
    else assertProblem(assert, r, 400, { field: 'names' })
  })
})

// ---------------------------------------------------------------------------------------------
// Servers of their own: the search limit, and a clock a year and more in the past.

test('the public search is limited per client a minute: 429 with Retry-After; details are not limited', async () => {
  const limited = await startServer({ env: { ZHIFA_PORTAL_SEARCH_PER_MINUTE: '5' } })
  try {
    const client = new Client(limited.url)
    // The window is a minute of the clock: start well inside one.
    if (Date.now() % 60_000 > 50_000) await sleep(60_000 - (Date.now() % 60_000) + 200)
    for (let i = 0; i < 5; i++) assert.equal((await client.get(`/public/api/decisions?${q(`第${i}次`)}`)).status, 200)
    const r = await client.get('/public/api/decisions')
    assertProblem(assert, r, 429, { code: 'portal.rate_limited' })
    const retry = Number(r.headers.get('retry-after'))
    assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After: ${r.headers.get('retry-after')}`)
    assert.match(r.body.message_zh, /秒/)
    assert.equal((await client.get('/public/api/decisions/1')).status, 404, 'a detail is not a search')
    assert.equal((await client.get('/public/api/decision-stats')).status, 200)
    assert.equal((await client.get(`/public/api/decisions?${q('再来')}`)).status, 429, 'still limited')
  } finally {
    await limited.destroy()
  }
})


test('online for the years set (shorter for a natural person): once over, the decision is taken down and the portal answers 410', async () => {
  // Published 400 days ago (the server's clock pinned there), with one year online for natural
  // persons and three for others; then the server runs again on today's clock.
  const past = Date.now() - 400 * 86400_000
  const pastDay = shanghaiDate(past)
  const old = await startServer({ env: { ZHIFA_FAKE_NOW_MS: String(past), ZHIFA_PORTAL_SEARCH_PER_MINUTE: '0' } })
  let again
  try {
    const a = await login(old.url, 'admin')
    const bodies = await a.get(`/api/bodies?q=${encodeURIComponent('140800-ZF-SCJG')}`)
    const org = bodies.body.items[0].org_id
    const s = await a.put('/api/settings/publication', { ...SETTINGS, retention_years: 3, retention_years_person: 1 })
    assert.equal(s.status, 200, s.text)
    const base = { org_id: org, kind: 'licence', decided_on: pastDay, field: 'market' }
    const made = {}
    for (const [key, party, party_type] of [['person', '孙下架', 'person'], ['org', '运城市下架测试公司', 'organisation']]) {
      const r = await a.post('/api/publications', { ...base, party, party_type, decision_no: `运市监许〔${pastDay.slice(0, 4)}〕下架测试${key}号`, content: `准予${party}从事下架测试${key}经营。` })
      assert.equal(r.status, 201, r.text)
      const p = await a.post(`/api/publications/${r.body.id}/publish`, { version: r.body.version })
      assert.equal(p.status, 200, p.text)
      assert.equal(p.body.published_on, pastDay)
      made[key] = p.body
    }
    assert.equal(made.person.expires_on, addYears(pastDay, 1), 'a natural person: one year')
    assert.equal(made.org.expires_on, addYears(pastDay, 3), 'an organisation: three years')
    await old.stop()

    // Today: the job that runs when the server starts takes the person's decision down.
    again = await serveAgain(old, { env: { ZHIFA_PORTAL_SEARCH_PER_MINUTE: '0' } })
    const b = await login(again.url, 'admin')
    const pub = new Client(again.url)
    let state
    for (let i = 0; i < 50 && state !== 'expired'; i++) {
      state = (await b.get(`/api/publications/${made.person.id}`)).body.state
      if (state !== 'expired') await sleep(200)
    }
    assert.equal(state, 'expired', 'taken down by the job')
    assert.ok(again.logs.some((l) => /"job":"publication.take_down"/.test(l) && /"count":1\b/.test(l)), `the job logged it:\n${again.logs.join('\n')}`)
    assertProblem(assert, await pub.get(`/public/api/decisions/${made.person.id}`), 410, { code: 'publication.expired' })
    assertProblem(assert, await pub.get(`/public/api/decisions/${made.person.id}/proof`), 410, { code: 'publication.expired' })
    assert.deepEqual((await pub.get(`/public/api/decisions?${q('下架测试person')}`)).body.items, [])
    assert.equal((await pub.get(`/public/api/decisions/${made.org.id}`)).status, 200, 'the organisation\'s stays online')
    assert.deepEqual((await pub.get(`/public/api/decisions?${q('下架测试org')}`)).body.items.map((i) => i.id), [made.org.id])
    const expired = (await b.get('/api/publications?state=expired')).body
    assert.deepEqual(expired.items.map((i) => i.id), [made.person.id])
    // Nothing more to take down; an expired decision is neither published nor withdrawn again.
    const t = await b.post('/api/publications/take-down', {})
    assert.equal(t.status, 200, t.text)
    assert.deepEqual(t.body, { taken_down: 0 })
    const e = (await b.get(`/api/publications/${made.person.id}`)).body
    assertProblem(assert, await b.post(`/api/publications/${made.person.id}/publish`, { version: e.version }), 409, { code: 'publication.state' })
    assertProblem(assert, await b.post(`/api/publications/${made.person.id}/withdraw`, { kind: 'void', reason: '无效' }), 409, { code: 'publication.state' })
  } finally {
    await again?.stop()
    await old.destroy()
  }
})

test('POST /api/publications/take-down takes down what is past its online period, and only that', async () => {
  // The end of the online period moved to yesterday in the database, as the passing of the years
  // would leave it (the test above shows expires_on is computed at publication).
  const c = await decidedOnSpot({ party_name: '运城市手动下架测试店' }, { facts: '当事人销售蜻蜓牌青团。' })
  const id = (await queued(c.decision_no)).id
  await publish(id)
  const other = await decidedOnSpot({ party_name: '运城市仍在线测试店' }, { facts: '当事人销售翡翠牌青团。' })
  const otherId = (await queued(other.decision_no)).id
  await publish(otherId)
  sql(`UPDATE publications SET expires_on = '${addDays(today(), -1)}' WHERE id = ${id}`)
  const t = await admin.post('/api/publications/take-down', {})
  assert.equal(t.status, 200, t.text)
  assert.deepEqual(t.body, { taken_down: 1 })
  assert.equal((await detail(id)).state, 'expired')
  assertProblem(assert, await anon.get(`/public/api/decisions/${id}`), 410, { code: 'publication.expired' })
  assert.deepEqual(await found(q('蜻蜓牌青团')), [])
  assert.deepEqual(await found(q('翡翠牌青团')), [otherId])
  const ev = await admin.get('/api/ledger/events?entity=publication&page_size=5')
  assert.ok(ev.body.items.some((e) => e.entity_id === String(id) && e.action === 'publication.take_down'), 'in the ledger')
})

// ---------------------------------------------------------------------------------------------
// Masking in running text: what the rules of DOMAIN.md §5.1 promise for sentences as officers
// write them. Each row: the text, what must not be shown, what must still be shown.

test('masking in running text: other people\'s names after a label, landlines in brackets; the facts themselves kept', async () => {
  const rows = [
    // A name after a label is masked in a running sentence too, not only before a colon or a comma.
    ['投诉人王小明称其在该店购买到过期食品。', ['王小明'], ['投诉人王某']],
    ['证人李四海在场并签字确认。', ['李四海'], ['证人李某']],
    // A landline written with its area code in brackets.
    ['当事人联系电话(0359)2345678。', ['2345678'], []],
    // For a natural person 经营场所 is also an address label: the act that follows it is not one.
    ['当事人在其经营场所销售过期食品。', [], ['销售过期食品']],
  ]
  const failures = []
  for (const [i, [text, hidden, shown]] of rows.entries()) {
    const r = await admin.post('/api/publications', { kind: 'other', org_id: fx.body.org_id, decision_no: `运市监决〔2026〕脱敏测试${i}号`, decided_on: ON, party: '周福生', party_type: 'person', field: 'market', content: text })
    assert.equal(r.status, 201, r.text)
    const facts = r.body.public.facts
    for (const h of hidden) if (facts.includes(h)) failures.push(`${text} → ${facts}: shows ${h}`)
    for (const s of shown) if (!facts.includes(s)) failures.push(`${text} → ${facts}: lost ${s}`)
  }
  assert.deepEqual(failures, [])
})

// The desk's keyword search reads the decisions' text, not the stored JSON (whose field names
// would match every publication).
test('the desk\'s keyword matches the decisions, not the names of the fields they are stored under', async () => {
  for (const word of ['party_type', 'decided_on']) {
    const r = await admin.get(`/api/publications?${q(word)}&page_size=1`)
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.total, 0, `no decision mentions ${word}, yet ${r.body.total} match`)
  }
})
