// Full-process records over HTTP (全过程记录): on-site records (笔录) made by two officers and kept
// encrypted; the audio-video rule that holds a case until a seizure, an enforcement measure, an
// inquiry in the questioning room or a service by leaving has its recording or a supervisor's
// exception; resumable evidence uploads checked by content; the chain of custody of every view,
// download, share and derivative, each in the ledger; and the data scope of all of it.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import http from 'node:http'
import { join } from 'node:path'
import { startServer, login, assertProblem, execSql, sleep } from './harness.mjs'
import { caseFixture, oker, stepper } from './case_helpers.mjs'
import {
  mp4, jpeg, wav, pdfLike, patchUpload, evidenceOf, recordBody, userWith, pdfText, squash,
  ledgerEventAt, sm3hex, sha256hex, filesUnder, fileSize,
} from './record_helpers.mjs'

const LIMIT = 1_000_000
const DEFAULT_AV = ['seizure', 'enforcement', 'inquiry:questioning_room', 'service:leave']

let srv, admin, fx, ok, step, handler, staff, officerDemo, two

before(async () => {
  srv = await startServer({ people: true, env: { ZHIFA_FILES_MAX_UPLOAD_BYTES: String(LIMIT) } })
  admin = await login(srv.url, 'admin')
  fx = await caseFixture(admin)
  ok = oker(admin)
  step = stepper(admin)
  two = [fx.officers[0].id, fx.officers[1].id]
  // A case handler of the same body with every case's data in scope, but no supervisor's right to
  // exempt a record from the audio-video rule.
  handler = await userWith(admin, srv.url, { key: 'rec_handler', permissions: ['case:case:list', 'case:handle'], orgId: fx.body.org_id })
  staff = await login(srv.url, 'zhongcheng_staff') // 盐湖区中城街道: handles cases, none of the city team's
  officerDemo = await login(srv.url, 'officer_demo') // no case role
})
after(async () => { await srv?.destroy() })

const filesDir = () => join(srv.dataDir, 'files')
const partOf = (uploadId) => join(filesDir(), 'uploads', `${uploadId}.part`)
const objectOf = (hex) => join(filesDir(), 'objects', hex.slice(0, 2), hex.slice(2, 4), hex)
const evidenceCount = () => Number(execSql(srv, 'SELECT COUNT(*) FROM evidence').trim())
const ledgerSize = async () => (await admin.get('/api/ledger/events?page_size=1')).body.total

async function newCase(party) {
  let c = (await admin.post('/api/cases', fx.lead({ party_name: party }))).body
  assert.ok(c?.id, 'case created')
  c = await ok(c, 'file')
  return c
}
const record = async (c, body) => {
  const r = await admin.post(`/api/cases/${c.id}/records`, body)
  assert.equal(r.status, 201, `${body.kind}: ${r.text}`)
  return r.body
}
const recordsOf = async (c, client = admin) => {
  const r = await client.get(`/api/cases/${c.id}/records`)
  assert.equal(r.status, 200, r.text)
  return r.body
}

test('a record is refused without two officers of the case or its body, with a time in the future, or without what its kind needs', async () => {
  const c = await newCase('笔录校验超市')
  const post = (b) => admin.post(`/api/cases/${c.id}/records`, b)
  const ledgerBefore = await ledgerSize()
  const now = Date.now()
  const otherBody = (await admin.get('/api/officers?field=ecology&page_size=5')).body.items.find((o) => o.org_id !== fx.body.org_id)
  assert.ok(otherBody, 'an officer of another body')

  assertProblem(assert, await post(recordBody('inspection', [fx.officers[0].id])), 422, { code: 'record.two_officers', field: 'officer_ids' })
  assertProblem(assert, await post(recordBody('inspection', [fx.officers[0].id, fx.officers[0].id])), 422, { code: 'record.two_officers' })
  assertProblem(assert, await post(recordBody('inspection', [fx.officers[0].id, otherBody.id])), 400, { code: 'record.officer', field: 'officer_ids' })
  assertProblem(assert, await post(recordBody('inspection', two, { ended_at: now + 3600_000 })), 400, { code: 'record.ended_at' })
  assertProblem(assert, await post(recordBody('inspection', two, { started_at: now + 3600_000, ended_at: now + 7200_000 })), 400, { code: 'record.started_at' })
  assertProblem(assert, await post(recordBody('inspection', two, { started_at: now - 3600_000, ended_at: now - 7200_000 })), 400, { code: 'record.ended_at' })
  assertProblem(assert, await post(recordBody('inspection', two, { kind: 'chat' })), 400, { code: 'record.kind', field: 'kind' })
  assertProblem(assert, await post(recordBody('inquiry', two, { content: { person: { name: ' ' }, qa: [{ q: '姓名?', a: '王某' }] } })), 400, { field: 'content.person.name' })
  assertProblem(assert, await post(recordBody('inquiry', two, { content: { person: { name: '王某' }, qa: [{ q: '货从哪里进的?', a: '' }] } })), 400, { code: 'record.qa' })
  assertProblem(assert, await post(recordBody('inspection', two, { content: {} })), 400, { code: 'record.findings' })
  assertProblem(assert, await post(recordBody('seizure', two, { content: { items: [{ name: '纯牛奶' }] } })), 400, { code: 'record.items' })
  assertProblem(assert, await post(recordBody('sampling', two, { content: { items: [] } })), 400, { code: 'record.items' })
  assertProblem(assert, await post(recordBody('enforcement', two, { content: { measure: '' } })), 400, { code: 'record.measure' })
  assertProblem(assert, await post(recordBody('service', two, { content: { document: '决定书', method: 'pigeon', recipient: '某某超市' } })), 400, { code: 'record.method' })
  assertProblem(assert, await post(recordBody('service', two, { content: { document: '决定书', method: 'direct' } })), 400, { code: 'record.service' })
  assertProblem(assert, await officerDemo.post(`/api/cases/${c.id}/records`, recordBody('inspection', two)), 403)

  assert.deepEqual((await recordsOf(c)).records, [], 'nothing was recorded')
  assert.equal(await ledgerSize(), ledgerBefore, 'refusals leave no ledger event')
})

test('each kind of record is kept with its officers and certificates, in the ledger, its content encrypted at rest', async () => {
  const c = await newCase('笔录种类超市')
  const kinds = (await recordsOf(c)).record_kinds
  assert.deepEqual(kinds.map((k) => k.key), ['inquiry', 'inspection', 'sampling', 'preservation', 'seizure', 'enforcement', 'service'])
  const label = Object.fromEntries(kinds.map((k) => [k.key, k.label]))
  assert.equal(label.inquiry, '询问笔录')
  // kind, extra, expected variant, expected av_required under the default list
  const cases = [
    ['inquiry', {}, '', false],
    ['inquiry', { content: { person: { name: '李某' }, qa: [{ q: '问', a: '答' }], room: true } }, 'questioning_room', true],
    ['inspection', { officer_ids: [fx.officers[2].id, fx.officers[3].id] }, '', false], // officers of the body, not of the case
    ['sampling', {}, '', false],
    ['preservation', {}, '', false],
    ['seizure', {}, '', true],
    ['enforcement', {}, '', true],
    ['service', {}, 'direct', false],
    ['service', { content: { document: '行政处罚决定书', method: 'leave', recipient: '某某超市' } }, 'leave', true],
  ]
  const made = []
  for (const [kind, extra, variant, av] of cases) {
    const body = recordBody(kind, two, extra)
    const r = await record(c, body)
    made.push(r)
    const where = `${kind}/${variant}: ${JSON.stringify(r)}`
    assert.ok(r.id > 0, where)
    assert.equal(r.kind, kind)
    assert.equal(r.kind_label, label[kind], where)
    assert.equal(r.variant, variant, where)
    assert.equal(r.av_required, av, where)
    assert.deepEqual(r.content, body.content, where)
    assert.deepEqual([r.title, r.place, r.started_at, r.ended_at], [body.title, body.place, body.started_at, body.ended_at])
    const ids = body.officer_ids
    assert.deepEqual(r.officers.map((o) => o.id).sort(), [...ids].sort(), where)
    for (const o of r.officers) {
      const known = fx.officers.find((x) => x.id === o.id)
      assert.equal(o.name, known.name, where)
      assert.ok(o.cert_no, `${o.name} is named with the number of their certificate: ${where}`)
    }
    assert.ok(r.ledger_seq > 0, where)
    const ev = await ledgerEventAt(admin, r.ledger_seq)
    assert.deepEqual([ev.action, ev.entity, ev.entity_id], ['record.made', 'case', String(c.id)], where)
  }
  const list = await recordsOf(c)
  assert.deepEqual(list.records.map((r) => r.id), made.map((r) => r.id), 'the case lists its records in order')
  assert.deepEqual(list.records[0].content.person, made[0].content.person, 'read back decrypted')

  // At rest the content is ciphertext: neither the ID number, the phone nor the name appear.
  const stored = execSql(srv, `SELECT content FROM case_records WHERE id = ${made[0].id}`).trim()
  assert.ok(stored.length > 20, 'something is stored')
  for (const plain of ['140802199001011234', '13800000000', '王某某', '店长']) {
    assert.ok(!stored.includes(plain), `the stored content does not show ${plain}: ${stored.slice(0, 120)}`)
  }
  // A correction names the record it corrects; one of another case is refused.
  const other = await newCase('更正笔录超市')
  const fix = await record(c, recordBody('inspection', two, { supersedes: made[2].id, content: { findings: '更正:过期纯牛奶为十九箱。' } }))
  assert.equal(fix.supersedes, made[2].id)
  assertProblem(assert, await admin.post(`/api/cases/${other.id}/records`, recordBody('inspection', two, { supersedes: made[2].id })), 400, { code: 'record.supersedes' })
})

test('a case waits for the recording of a seizure; a photo is not one; a video or sound file is', async () => {
  let c = await newCase('扣押录像超市')
  const seizure = await record(c, recordBody('seizure', two, { title: '查封扣押过期牛奶' }))
  assert.equal(seizure.av_required, true)
  let list = await recordsOf(c)
  assert.equal(list.av_check.allowed, false)
  assert.match(list.av_check.reason, /查封扣押过期牛奶/)
  assert.match(list.av_check.basis, /国办发〔2018〕118号/)

  const blocked = await step(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: 500_000 } })
  assertProblem(assert, blocked, 422, { code: 'case.av_missing' })
  assert.match(blocked.body.message_zh, /查封扣押过期牛奶/)
  const unchanged = (await admin.get(`/api/cases/${c.id}`)).body
  assert.deepEqual([unchanged.state, unchanged.version], [c.state, c.version], 'the refused step changed nothing')

  const photo = await evidenceOf(admin, c.id, 'scene.jpg', jpeg(), { record_id: seizure.id })
  assert.equal(photo.kind, 'photo')
  assert.equal((await recordsOf(c)).av_check.allowed, false, 'a photo is no audio-video recording')
  assertProblem(assert, await step(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: 500_000 } }), 422, { code: 'case.av_missing' })
  // A recording of another record does not count for this one.
  const inspection = await record(c, recordBody('inspection', two))
  await evidenceOf(admin, c.id, 'walk.mp4', mp4(), { record_id: inspection.id })
  assert.equal((await recordsOf(c)).av_check.allowed, false)

  const video = await evidenceOf(admin, c.id, 'DSJ0001.mp4', mp4(), { record_id: seizure.id, device: '执法记录仪 DSJ-0001', captured_at: '2026-06-15T09:30' })
  assert.deepEqual([video.kind, video.mime, video.record_id], ['video', 'video/mp4', seizure.id])
  list = await recordsOf(c)
  assert.equal(list.av_check.allowed, true, JSON.stringify(list.av_check))
  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: 500_000 } })
  assert.equal(c.state, 'noticed')

  // An enforcement measure recorded with sound only is covered too.
  const measure = await record(c, recordBody('enforcement', two))
  assertProblem(assert, await step(c, 'submit_decision'), 422, { code: 'case.av_missing' })
  const sound = await evidenceOf(admin, c.id, 'measure.wav', wav(), { record_id: measure.id })
  assert.equal(sound.kind, 'audio')
  c = await ok(c, 'submit_decision')
})

test('a supervisor may exempt a record from the audio-video rule with a reason; nobody else, and not where nothing is needed', async () => {
  let c = await newCase('留置送达超市')
  const leave = await record(c, recordBody('service', two, { title: '留置送达告知书', content: { document: '行政处罚事先告知书', method: 'leave', recipient: '某某超市' } }))
  const inspection = await record(c, recordBody('inspection', two))
  assert.equal(leave.av_required, true)
  assertProblem(assert, await step(c, 'notify', { penalty: { kinds: ['warning'] } }), 422, { code: 'case.av_missing' })
  const url = (r) => `/api/cases/${c.id}/records/${r.id}/av-exception`
  const reason = '执法记录仪电池耗尽,已由两名见证人签字见证'
  assertProblem(assert, await handler.post(url(leave), { reason }), 403)
  assertProblem(assert, await officerDemo.post(url(leave), { reason }), 403)
  assertProblem(assert, await admin.post(url(inspection), { reason }), 409, { code: 'av.not_required' })
  assertProblem(assert, await admin.post(url(leave), {}), 400)
  assertProblem(assert, await admin.post(`/api/cases/${c.id}/records/999999/av-exception`, { reason }), 404)
  assert.equal((await recordsOf(c)).exceptions.length, 0)

  const ex = await admin.post(url(leave), { reason })
  assert.equal(ex.status, 201, ex.text)
  assert.equal(ex.body.record_id, leave.id)
  assert.equal(ex.body.reason, reason)
  const ev = await ledgerEventAt(admin, ex.body.ledger_seq)
  assert.deepEqual([ev.action, ev.entity_id], ['record.av_exception', String(c.id)])
  const list = await recordsOf(c)
  assert.equal(list.exceptions.length, 1)
  assert.deepEqual([list.exceptions[0].record_id, list.exceptions[0].reason], [leave.id, reason])
  assert.equal(list.av_check.allowed, true)
  assertProblem(assert, await admin.post(url(leave), { reason }), 409, { code: 'av.exempted' })
  c = await ok(c, 'notify', { penalty: { kinds: ['warning'] } })
  assert.equal(c.state, 'noticed')
})

test('a correction does not shed the audio-video rule: a seizure "corrected" into an inspection still holds the case', async () => {
  const c = await newCase('更正规避录像超市')
  const seizure = await record(c, recordBody('seizure', two, { title: '扣押过期牛奶' }))
  assert.equal(seizure.av_required, true)
  // Correcting the seizure by a record of the same kind: the correction needs its recording too.
  const same = await record(c, recordBody('seizure', two, { supersedes: seizure.id, title: '扣押过期牛奶(更正)' }))
  assert.equal(same.av_required, true)
  assertProblem(assert, await step(c, 'notify', { penalty: { kinds: ['warning'] } }), 422, { code: 'case.av_missing' })
  // Correcting it by a record of a kind that needs none must not make the seizure disappear:
  // either the correction is refused, or the case still waits for the recording.
  const other = await admin.post(`/api/cases/${c.id}/records`, recordBody('inspection', two, { supersedes: same.id, content: { findings: '更正:仅现场检查,未扣押。' } }))
  const moved = await step(c, 'notify', { penalty: { kinds: ['warning'] } })
  assert.ok(
    (other.status >= 400 && other.status < 500) || moved.status === 422,
    `a seizure (record ${same.id}) corrected into an inspection: correction ${other.status} ${other.text.slice(0, 200)}; ` +
      `then the notify step answered ${moved.status} (expected the correction refused, or 422 case.av_missing)`,
  )
  if (moved.status === 422) assert.equal(moved.body.code, 'case.av_missing')
})

test('the local list of actions that need audio-video: defaults, unknown keys refused, only the settings manager changes it', async () => {
  const now = await admin.get('/api/settings/av-rules')
  assert.equal(now.status, 200, now.text)
  assert.deepEqual(now.body.settings.required, DEFAULT_AV)
  const keys = now.body.choices.map((x) => x.key)
  for (const k of [...DEFAULT_AV, 'inspection', 'sampling', 'preservation', 'inquiry', 'service']) assert.ok(keys.includes(k), k)

  assertProblem(assert, await admin.put('/api/settings/av-rules', { required: ['seizure', 'karaoke'] }), 400, { code: 'settings.av_unknown', field: 'required' })
  assertProblem(assert, await handler.put('/api/settings/av-rules', { required: ['seizure'] }), 403)
  assertProblem(assert, await officerDemo.put('/api/settings/av-rules', { required: ['seizure'] }), 403)
  assert.deepEqual((await admin.get('/api/settings/av-rules')).body.settings.required, DEFAULT_AV, 'unchanged')

  const c = await newCase('现场检查录像超市')
  try {
    const put = await admin.put('/api/settings/av-rules', { required: [...DEFAULT_AV, 'inspection'] })
    assert.equal(put.status, 200, put.text)
    assert.deepEqual(put.body.settings.required, [...DEFAULT_AV, 'inspection'])
    const events = (await admin.get('/api/ledger/events?entity=settings&page_size=20')).body.items
    assert.ok(events.some((e) => e.action === 'settings.av'), 'the change is in the ledger')
    const insp = await record(c, recordBody('inspection', two))
    assert.equal(insp.av_required, true, 'an inspection now needs its recording')
    assertProblem(assert, await step(c, 'notify', { penalty: { kinds: ['warning'] } }), 422, { code: 'case.av_missing' })
  } finally {
    const back = await admin.put('/api/settings/av-rules', { required: DEFAULT_AV })
    assert.equal(back.status, 200, back.text)
  }
  const later = await record(c, recordBody('inspection', two))
  assert.equal(later.av_required, false, 'back to the defaults')
})

test('an upload resumes where the server says it stopped and ends as evidence with its SM3 and SHA-256', async () => {
  const c = await newCase('续传超市')
  const rec = await record(c, recordBody('inspection', two))
  const bytes = mp4(300_000)
  const meta = { record_id: rec.id, title: '现场检查视频', captured_at: '2026-06-15T09:30', place: '某某超市仓库', device: 'DSJ-0002', collector: fx.officers[0].name }
  const start = await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'check.mp4', size: bytes.length, ...meta })
  assert.equal(start.status, 201, start.text)
  assert.deepEqual([start.body.offset, start.body.size], [0, bytes.length])
  assert.match(start.body.id, /^[0-9a-f]{16,}$/)
  assert.equal(start.body.url, `/api/uploads/${start.body.id}`)
  const url = start.body.url

  const p1 = await patchUpload(admin, url, bytes.subarray(0, 100_000), 0)
  assert.equal(p1.status, 200, p1.text)
  assert.deepEqual([p1.body.offset, p1.body.size, p1.body.complete], [100_000, bytes.length, false])
  const st = await admin.get(url)
  assert.equal(st.status, 200, st.text)
  assert.deepEqual([st.body.offset, st.body.size], [100_000, bytes.length])
  assert.equal(st.headers.get('upload-offset'), '100000')
  const pending = (await recordsOf(c)).uploads.find((u) => u.id === start.body.id)
  assert.ok(pending && pending.offset === 100_000 && pending.file_name === 'check.mp4', 'the case lists the unfinished upload')
  assert.equal(readFileSync(partOf(start.body.id)).length, 100_000, 'the part on disk')

  // Resent from the start, or ahead of what arrived: 409 naming the offset to continue from.
  const again = await patchUpload(admin, url, bytes.subarray(0, 100_000), 0)
  assertProblem(assert, again, 409, { code: 'upload.offset' })
  assert.match(again.body.message_zh, /100000/)
  assertProblem(assert, await patchUpload(admin, url, bytes.subarray(150_000, 200_000), 150_000), 409, { code: 'upload.offset' })
  assertProblem(assert, await admin.patch(url, bytes.subarray(100_000, 200_000), { headers: { 'content-type': 'application/offset+octet-stream' } }), 400)
  // Only who started an upload continues it.
  assertProblem(assert, await patchUpload(handler, url, bytes.subarray(100_000, 200_000), 100_000), 403, { code: 'upload.owner' })
  assert.equal((await admin.get(url)).body.offset, 100_000, 'nothing was appended by the refusals')

  const p2 = await patchUpload(admin, url, bytes.subarray(100_000, 200_000), 100_000)
  assert.equal(p2.body.offset, 200_000, p2.text)
  const evidenceBefore = evidenceCount()
  const done = await patchUpload(admin, url, bytes.subarray(200_000), 200_000)
  assert.equal(done.status, 201, done.text)
  const e = done.body
  assert.equal(e.sm3, sm3hex(bytes))
  assert.equal(e.sha256, sha256hex(bytes))
  assert.deepEqual([e.kind, e.mime, e.size, e.file_name, e.record_id, e.case_id], ['video', 'video/mp4', bytes.length, 'check.mp4', rec.id, c.id])
  assert.deepEqual([e.title, e.captured_at, e.place, e.device, e.collector], [meta.title, meta.captured_at, meta.place, meta.device, meta.collector])
  assert.equal(evidenceCount(), evidenceBefore + 1)
  assert.ok(e.ledger_seq > 0)
  const collected = await ledgerEventAt(admin, e.ledger_seq)
  assert.deepEqual([collected.action, collected.entity_id], ['evidence.collected', String(c.id)])

  // Stored once under its SM3, the part gone, the upload finished.
  assert.ok(readFileSync(objectOf(e.sm3)).equals(bytes), 'files/objects/ab/cd/<sm3> holds the bytes')
  assert.ok(!existsSync(partOf(start.body.id)), 'the part file is gone')
  assertProblem(assert, await admin.get(url), 404)
  assertProblem(assert, await patchUpload(admin, url, Buffer.from('x'), bytes.length), 404)
  const list = await recordsOf(c)
  assert.ok(!list.uploads.some((u) => u.id === start.body.id))
  assert.deepEqual(list.evidence.map((x) => x.id), [e.id])
  const got = await admin.get(`/api/evidence/${e.id}`)
  assert.equal(got.status, 200, got.text)
  assert.deepEqual([got.body.sm3, got.body.sha256, got.body.size], [e.sm3, e.sha256, e.size])
  assert.deepEqual(got.body.derivatives, [])
})

test('uploads are refused above the size limit, beyond their declared size, and for executables or files that are not what their name says', async () => {
  const c = await newCase('拒收文件超市')
  assert.equal((await recordsOf(c)).max_upload_bytes, LIMIT)
  const start = (b) => admin.post(`/api/cases/${c.id}/uploads`, b)
  const big = await start({ file_name: 'huge.mp4', size: LIMIT + 1 })
  assertProblem(assert, big, 413, { code: 'evidence.too_large', field: 'size' })
  assert.match(big.body.message_zh, new RegExp(String(LIMIT)))
  assert.equal((await start({ file_name: 'limit.mp4', size: LIMIT })).status, 201, 'the limit itself is allowed')
  assertProblem(assert, await start({ file_name: 'empty.mp4', size: 0 }), 400, { code: 'evidence.size' })
  assertProblem(assert, await start({ file_name: '../../etc/passwd.jpg', size: 10 }), 400, { code: 'upload.file_name' })
  const other = await newCase('别案笔录超市')
  const otherRec = await record(other, recordBody('inspection', two))
  assertProblem(assert, await start({ file_name: 'x.jpg', size: 10, record_id: otherRec.id }), 400, { code: 'upload.record' })
  assertProblem(assert, await start({ file_name: 'x.jpg', size: 10, captured_at: '昨天上午' }), 400, { code: 'evidence.captured_at' })

  const evidenceBefore = evidenceCount()
  const objectsBefore = filesUnder(join(filesDir(), 'objects'))
  const over = await start({ file_name: 'short.jpg', size: 100 })
  assertProblem(assert, await patchUpload(admin, over.body.url, jpeg(200), 0), 413, { code: 'upload.beyond_size' })

  const refused = [
    ['setup.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]), /可执行/],
    ['clip.mp4', Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01'), Buffer.alloc(300, 1)]), /ELF/],
    ['notes.txt', Buffer.from('#!/bin/sh\n' + 'rm -rf / # not evidence\n'.repeat(10)), /脚本/],
    ['data.dat', Buffer.from('just some bytes that are no picture, sound, video or document. '.repeat(4)), /无法识别/],
    ['photo.jpg', pdfLike(), /\.jpg 与内容不符/],
    ['scan.pdf', jpeg(), /\.pdf 与内容不符/],
  ]
  for (const [name, bytes, why] of refused) {
    const s = await start({ file_name: name, size: bytes.length })
    assert.equal(s.status, 201, s.text)
    const r = await patchUpload(admin, s.body.url, bytes, 0)
    assertProblem(assert, r, 415, { code: 'upload.content_type' })
    assert.match(r.body.message_zh, why, `${name}: ${r.body.message_zh}`)
    assertProblem(assert, await admin.get(s.body.url), 404)
    assert.ok(!existsSync(partOf(s.body.id)), `${name}: the part is dropped`)
  }
  // A refused file is refused as soon as its first bytes arrive, not after the whole of it.
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200_000, 0x90)])
  const s = await start({ file_name: 'tool.mp4', size: exe.length })
  assertProblem(assert, await patchUpload(admin, s.body.url, exe.subarray(0, 1000), 0), 415, { code: 'upload.content_type' })
  assertProblem(assert, await admin.get(s.body.url), 404)
  assert.equal(evidenceCount(), evidenceBefore, 'no evidence from refused files')
  assert.deepEqual(filesUnder(join(filesDir(), 'objects')), objectsBefore, 'no stored object either')
})

test('an upload is cancelled with DELETE by whoever started it: the part goes, the upload cannot go on', async () => {
  const c = await newCase('取消上传超市')
  const bytes = mp4(50_000)
  const s = await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'cancel.mp4', size: bytes.length })
  assert.equal((await patchUpload(admin, s.body.url, bytes.subarray(0, 20_000), 0)).status, 200)
  assert.ok(existsSync(partOf(s.body.id)))
  const d = await admin.del(s.body.url)
  assert.ok([200, 204].includes(d.status), d.text)
  assertProblem(assert, await admin.get(s.body.url), 404)
  assert.ok(!existsSync(partOf(s.body.id)))
  assertProblem(assert, await patchUpload(admin, s.body.url, bytes.subarray(20_000), 20_000), 404)
  assert.deepEqual((await recordsOf(c)).uploads, [])

  // Only who started an upload cancels it, as only they continue it: a colleague of the body
  // cannot throw away someone's half-sent video.
  const t = await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'keep.mp4', size: bytes.length })
  assert.equal((await patchUpload(admin, t.body.url, bytes.subarray(0, 20_000), 0)).status, 200)
  assertProblem(assert, await handler.del(t.body.url), 403, { code: 'upload.owner' })
  const kept = await admin.get(t.body.url)
  assert.equal(kept.status, 200, `the upload survives another user's DELETE: ${kept.text}`)
  assert.equal(kept.body.offset, 20_000)
})

test('one upload, one connection at a time; a broken connection keeps what arrived', async () => {
  const c = await newCase('并发上传超市')
  const bytes = mp4(900_000)
  const s = await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'busy.mp4', size: bytes.length })
  assert.equal(s.status, 201, s.text)
  // A PATCH that announces the whole file but sends a third of it and stalls.
  const req = http.request(srv.url + s.body.url, {
    method: 'PATCH',
    headers: { cookie: admin.cookieHeader(), 'x-csrf-token': admin.csrf, 'upload-offset': '0', 'content-type': 'application/offset+octet-stream', 'content-length': String(bytes.length) },
  })
  const broken = new Promise((resolve) => { req.on('error', resolve); req.on('response', resolve) })
  req.write(bytes.subarray(0, 300_000))
  const deadline = Date.now() + 10_000
  while (fileSize(partOf(s.body.id)) < 300_000) {
    assert.ok(Date.now() < deadline, 'the first bytes arrive')
    await sleep(10)
  }
  // A second tab sending the same file meanwhile is told the upload is busy.
  assertProblem(assert, await patchUpload(admin, s.body.url, bytes.subarray(0, 1000), 0), 409, { code: 'upload.busy' })
  assertProblem(assert, await patchUpload(admin, s.body.url, bytes.subarray(300_000), 300_000), 409, { code: 'upload.busy' })
  req.destroy()
  await broken
  const st = await admin.get(s.body.url)
  assert.equal(st.body.offset, 300_000, `what arrived before the connection broke is kept: ${st.text}`)
  // The server lets go of the upload as soon as it sees the connection gone (a client retries).
  let done
  const until = Date.now() + 5000
  do {
    done = await patchUpload(admin, s.body.url, bytes.subarray(300_000), 300_000)
    if (done.status !== 409 || done.body.code !== 'upload.busy') break
    await sleep(50)
  } while (Date.now() < until)
  assert.equal(done.status, 201, done.text)
  assert.equal(done.body.sm3, sm3hex(bytes))
})

test('every view, download, share, shared download and derivative is in the custody chain and the ledger; the report lists them', async () => {
  const c = await newCase('保管链超市')
  const original = jpeg(40_000)
  const e = await evidenceOf(admin, c.id, 'shelf.jpg', original, { title: '货架陈列照片', captured_at: '2026-06-01T09:30', place: '某某超市货架', device: 'DSJ-0003', collector: fx.officers[0].name })
  const custody = async (id = e.id) => {
    const r = await admin.get(`/api/evidence/${id}/custody`)
    assert.equal(r.status, 200, r.text)
    return r.body
  }
  let chain = await custody()
  assert.equal(chain.evidence.id, e.id)
  assert.deepEqual(chain.entries.map((x) => x.action), ['collect'])
  assert.equal(chain.entries[0].detail.sm3, e.sm3)

  const view = await admin.getBytes(`/api/evidence/${e.id}/content`)
  assert.equal(view.status, 200)
  assert.ok(view.bytes.equals(original))
  assert.equal(view.headers.get('content-type'), 'image/jpeg')
  assert.match(view.headers.get('content-disposition') || '', /^inline/)
  const dl = await admin.getBytes(`/api/evidence/${e.id}/content?download=1`)
  assert.ok(dl.bytes.equals(original))
  assert.match(dl.headers.get('content-disposition') || '', /^attachment/)
  assert.match(dl.headers.get('content-disposition') || '', /shelf\.jpg/)

  const recipient = '运城市公安局盐湖分局'
  assertProblem(assert, await admin.post(`/api/evidence/${e.id}/shares`, { purpose: '移送' }), 400)
  const share = await admin.post(`/api/evidence/${e.id}/shares`, { recipient, purpose: '移送涉嫌犯罪案件', days: 7 })
  assert.equal(share.status, 201, share.text)
  assert.match(share.body.token, /^[0-9a-f]{48}$/)
  assert.equal(share.body.url, `/api/shared-evidence/${share.body.token}`)
  const shared = await fetch(srv.url + share.body.url) // no session: the police have no account
  assert.equal(shared.status, 200)
  assert.ok(Buffer.from(await shared.arrayBuffer()).equals(original))
  for (const bad of ['0'.repeat(48), share.body.token.slice(0, 47) + (share.body.token.endsWith('0') ? '1' : '0'), 'short']) {
    const r = await fetch(`${srv.url}/api/shared-evidence/${bad}`)
    assert.equal(r.status, 404, bad)
  }

  // A derivative (faces masked) is new evidence; the original stays as it was.
  const masked = jpeg(30_000)
  const stranger = await evidenceOf(admin, (await newCase('别案证据超市')).id, 'other.jpg', jpeg())
  assertProblem(assert, await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'masked.jpg', size: masked.length, derived_from: stranger.id, derivation: '裁剪' }), 400, { code: 'upload.derived_from' })
  const undescribed = await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'masked.jpg', size: masked.length, derived_from: e.id })
  assertProblem(assert, undescribed, 400, { code: 'upload.derivation' })
  const d = await evidenceOf(admin, c.id, 'masked.jpg', masked, { derived_from: e.id, derivation: '遮盖无关人员面部', title: '货架照片(遮盖面部)' })
  assert.deepEqual([d.derived_from, d.derivation, d.sm3], [e.id, '遮盖无关人员面部', sm3hex(masked)])
  assert.notEqual(d.id, e.id)
  const again = await admin.getBytes(`/api/evidence/${e.id}/content`)
  assert.ok(again.bytes.equals(original), 'the original bytes are unchanged')
  assert.equal(sm3hex(again.bytes), e.sm3)
  const detail = (await admin.get(`/api/evidence/${e.id}`)).body
  assert.deepEqual(detail.derivatives.map((x) => x.id), [d.id])

  chain = await custody()
  assert.deepEqual(chain.entries.map((x) => x.action), ['collect', 'view', 'download', 'share', 'shared_download', 'derive', 'view'])
  const byAction = Object.fromEntries(chain.entries.map((x) => [x.action, x]))
  assert.equal(byAction.share.detail.recipient, recipient)
  assert.equal(byAction.shared_download.actor_name, recipient)
  assert.equal(byAction.derive.detail.derivative_id, d.id)
  assert.equal(byAction.derive.detail.derivation, '遮盖无关人员面部')
  assert.ok(chain.entries.every((x) => x.actor_name && x.at > 0), 'who and when')
  const seqs = chain.entries.map((x) => x.ledger_seq)
  assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b))
  assert.equal(new Set(seqs).size, seqs.length)
  const events = (await admin.get('/api/ledger/events?entity=evidence&page_size=200')).body.items
  for (const x of chain.entries) {
    const ev = events.find((y) => y.seq === x.ledger_seq)
    assert.ok(ev, `custody entry ${x.action} has its ledger event ${x.ledger_seq}`)
    assert.deepEqual([ev.action, ev.entity, ev.entity_id], [`evidence.${x.action}`, 'evidence', String(e.id)])
  }
  assert.deepEqual((await custody(d.id)).entries.map((x) => x.action), ['collect'])

  // The custody report as a PDF.
  const pdf = await admin.getBytes(`/api/evidence/${e.id}/custody?format=pdf`)
  assert.equal(pdf.status, 200, pdf.text)
  assert.match(pdf.headers.get('content-type') || '', /^application\/pdf/)
  const text = squash(pdfText(pdf.bytes))
  for (const want of ['证据保管链记录', e.sm3, e.sha256, '货架陈列照片', 'DSJ-0003', recipient, '共享下载', '制作衍生件']) {
    assert.ok(text.includes(squash(want)), `the custody report shows ${want}`)
  }
  assertProblem(assert, await admin.get(`/api/evidence/${e.id}/custody?format=docx`), 400)
  assert.equal((await custody()).entries.length, 7, 'reading the chain is not itself a view of the file')
})

test('a custody entry\'s ledger event can be fetched by its sequence number: GET /api/ledger/events/{seq}', async () => {
  const c = await newCase('账本单条超市')
  const e = await evidenceOf(admin, c.id, 'one.jpg', jpeg())
  assert.equal((await admin.getBytes(`/api/evidence/${e.id}/content`)).status, 200)
  const viewEntry = (await admin.get(`/api/evidence/${e.id}/custody`)).body.entries.find((x) => x.action === 'view')
  const r = await admin.get(`/api/ledger/events/${viewEntry.ledger_seq}`)
  assert.equal(r.status, 200, `GET /api/ledger/events/${viewEntry.ledger_seq}: ${r.status} ${r.text.slice(0, 300)}`)
  assert.equal(r.body.seq, viewEntry.ledger_seq)
  assert.equal(r.body.action, 'evidence.view')
  assert.equal(r.body.entity, 'evidence')
  assert.equal(r.body.entity_id, String(e.id))
})

test('a user of another county gets 404 for the case\'s records, uploads, evidence and documents, and leaves no trace in the custody chain', async () => {
  const c = await newCase('辖区隔离超市')
  const rec = await record(c, recordBody('inspection', two))
  const e = await evidenceOf(admin, c.id, 'scope.jpg', jpeg())
  const s = await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'pending.mp4', size: 5000 })
  const doc = await admin.post(`/api/cases/${c.id}/documents`, { template: 'inspection', record_id: rec.id })
  assert.equal(doc.status, 201, doc.text)
  // zhongcheng_staff handles cases, of 盐湖区中城街道 only.
  assert.equal((await staff.get('/api/cases?page_size=1')).status, 200, 'the staff member does see cases')
  const refusals = [
    ['GET', `/api/cases/${c.id}/records`],
    ['POST', `/api/cases/${c.id}/records`, recordBody('inspection', two)],
    ['POST', `/api/cases/${c.id}/uploads`, { file_name: 'x.jpg', size: 100 }],
    ['GET', `/api/uploads/${s.body.id}`],
    ['DELETE', `/api/uploads/${s.body.id}`],
    ['GET', `/api/evidence/${e.id}`],
    ['GET', `/api/evidence/${e.id}/content`],
    ['GET', `/api/evidence/${e.id}/content?download=1`],
    ['GET', `/api/evidence/${e.id}/custody`],
    ['GET', `/api/evidence/${e.id}/custody?format=pdf`],
    ['POST', `/api/evidence/${e.id}/shares`, { recipient: '某单位', purpose: '查看' }],
    ['GET', `/api/cases/${c.id}/documents`],
    ['POST', `/api/cases/${c.id}/documents`, { template: 'inspection', record_id: rec.id }],
    ['GET', `/api/documents/${doc.body.id}/pdf`],
    ['GET', `/api/documents/${doc.body.id}/pdf?download=1`],
  ]
  for (const [method, path, body] of refusals) {
    const r = await staff.request(method, path, body)
    assertProblem(assert, r, 404)
  }
  assertProblem(assert, await patchUpload(staff, s.body.url, mp4(5000), 0), 404)
  assert.equal((await admin.get(s.body.url)).status, 200, 'the upload is still there for its owner')
  const chain = (await admin.get(`/api/evidence/${e.id}/custody`)).body
  assert.deepEqual(chain.entries.map((x) => x.action), ['collect'], 'no view or download was logged')
  assert.equal((await admin.get(`/api/cases/${c.id}/documents`)).body.items.length, 1, 'no document was made')
})
