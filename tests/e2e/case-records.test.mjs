// End-to-end: full-process records on the case page — evidence uploads, the chain of custody, the
// audio-video rule, documents made from templates — and the template page, against a running
// `zhifa serve` with the demo data loaded.
//
// As the administrator (who holds every case role, case:av:exempt and case:template:manage).
// (a) A case of the city market team (140800-ZF-SCJG) taken through the API to 已作出决定: on its page a
// photo (a real PNG) and a short video (an MP4 ftyp box) are uploaded with their details; both are listed
// with the SM3 the test computes of the bytes; the photo is viewed in place, and its chain of custody
// shows the collection and the viewing. 制作文书 → 行政处罚决定书 with the 违法事实 typed over the case's:
// the PDF downloaded through the page holds the party, the facts typed, the decision number and the
// fine (pdftotext, whitespace removed on both sides since lines wrap).
// (b) An executable renamed photo.jpg is refused: the dialog shows the server's message (415
// upload.content_type) and nothing is listed.
// (c) An inquiry held in the questioning room (made through 制作笔录) blocks the case: the page says
// why and the record reads 须音像记录; a video uploaded for that record turns it to 已有音像 and the
// warning goes. A seizure record without video gets an exception (登记例外) through the page.
// (d) An upload broken off half way (through the API) is listed as unfinished; choosing the same file
// again sends only the rest (Upload-Offset) and the stored file is the whole one.
// (e) 执法文书模板: the templates are listed, a field is inserted where the cursor is, and a block with
// an unknown {{field}} is refused with the server's message (nothing saved).
//
// Adds four cases per run; other e2e files do not depend on them. Templates are left unchanged.
//
// Run: (cd tests/e2e && npm ci) && ZHIFA_URL=http://127.0.0.1:8080 node --test --test-concurrency=1 tests/e2e/case-records.test.mjs
// Env: see helpers.mjs; needs pdftotext (poppler-utils). On failure a screenshot is written to test-results/.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BASE_URL, TIMEOUT_MS, adminTest, inputOf, openMenu, rowsOf, tid, waitForExactText, waitForText } from './helpers.mjs'
import { decidedCase, filedCase, marketTeam, openCase } from './case_setup.mjs'

const FINE_FEN = 300000

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
/** 64 KB starting with an MP4 ftyp box (isom). */
function mp4Bytes(tag) {
  const b = Buffer.alloc(64 * 1024)
  Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex').copy(b)
  b.write(tag, 64)
  return b
}
/** A Windows program (MZ header) to be renamed photo.jpg. */
function exeBytes() {
  const b = Buffer.alloc(4096)
  b.write('MZ')
  b.write('This program cannot be run in DOS mode.', 78)
  return b
}

const sm3 = (buf) => createHash('sm3').update(buf).digest('hex')
const short = (h) => `${h.slice(0, 8)}…${h.slice(-8)}`
/** Text without any whitespace (pdftotext wraps lines anywhere). */
const squash = (s) => s.replace(/\s+/g, '')

// ---- the case's records, through the API ----

/** A record made through the API, ended an hour ago, with the case's officers. */
async function record(api, c, kind, title, content) {
  const now = Date.now()
  const r = await api.post(`/api/cases/${c.id}/records`, {
    kind,
    title,
    place: '盐湖区某超市经营场所',
    started_at: now - 2 * 3600_000,
    ended_at: now - 3600_000,
    officer_ids: c.officers.map((o) => o.id),
    content,
  })
  assert.equal(r.status, 201, r.text)
  return r.body
}

// ---- the page ----

/** Opens the case page and waits for its records. */
async function openRecords(page, c) {
  await openCase(page, c)
  await page.locator(tid('rec-panel')).waitFor({ state: 'visible' })
}

const isPatch = (r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname.startsWith('/api/uploads/')

/**
 * Uploads one file through 上传证据 (or the given button): picks it, fills the details, 开始上传.
 * Answers the response of the last PATCH (201 with the evidence item, or the refusal).
 */
async function upload(page, { button = 'ev-upload', name, mimeType, buffer, title, device, place }) {
  await page.locator(tid(button)).click()
  const dialog = page.locator(tid('ev-upload-dialog'))
  await dialog.waitFor({ state: 'visible' })
  await page.locator(`${tid('ev-upload-file')} input[type=file]`).setInputFiles({ name, mimeType, buffer })
  await waitForText(page, tid('ev-upload-chosen'), (t) => t.includes(name), 'the chosen file is shown')
  if (title !== undefined) await inputOf(page, 'ev-upload-title').fill(title)
  if (device !== undefined) await inputOf(page, 'ev-upload-device').fill(device)
  if (place !== undefined) await inputOf(page, 'ev-upload-place').fill(place)
  const done = page.waitForResponse((r) => isPatch(r) && r.status() !== 200, { timeout: 30_000 })
  await page.locator(tid('ev-upload-submit')).click()
  const res = await done
  const body = await res.json().catch(() => ({}))
  if (res.status() === 201) await dialog.waitFor({ state: 'hidden' })
  return { status: res.status(), body }
}

/** The text of the evidence row of item `id` (cells joined by '|'), once listed. */
async function evidenceRow(page, id) {
  const row = page.locator(rowsOf('ev-table')).filter({ has: page.locator(tid(`ev-view-${id}`)) })
  await row.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS })
  return row.first().evaluate((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()).join('|'))
}

adminTest('笔录与证据: photo and video uploaded with their SM3, viewed, custody; the decision made and downloaded as PDF', {
  name: 'case-records-evidence',
  timeout: 180_000,
}, async ({ page, api, suffix, setStep, defer }) => {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-e2e-'))
  defer(() => rmSync(dir, { recursive: true, force: true }))

  setStep('case')
  const team = await marketTeam(api, { withReviewer: true })
  const party = `某某超市${suffix}`
  const c = await decidedCase(api, team, party, `销售过期食品（E2E 证据 ${suffix}）`, { fineFen: FINE_FEN })
  await openRecords(page, c)
  await waitForExactText(page, tid('case-state'), '已作出决定', 'decided')

  setStep('photo')
  const photo = await upload(page, { name: 'scene.png', mimeType: 'image/png', buffer: PNG, title: `货架照片${suffix}`, device: 'DSJ-0012', place: '盐湖区某超市' })
  assert.equal(photo.status, 201, JSON.stringify(photo.body))
  assert.equal(photo.body.kind, 'photo')
  assert.equal(photo.body.sm3, sm3(PNG), 'the server hashed the bytes sent')
  let row = await evidenceRow(page, photo.body.id)
  for (const want of ['照片', `货架照片${suffix}`, 'scene.png', 'DSJ-0012', '盐湖区某超市', short(sm3(PNG))]) assert.ok(row.includes(want), `${want} in ${row}`)
  assert.equal(await page.locator(`${rowsOf('ev-table')} ${tid('ev-sm3')}[data-sm3="${sm3(PNG)}"]`).count(), 1, 'the full SM3 is on the row')

  setStep('video')
  const video = mp4Bytes(suffix)
  const clip = await upload(page, { name: 'clip.mp4', mimeType: 'video/mp4', buffer: video, title: `执法记录仪视频${suffix}`, device: 'DSJ-0012' })
  assert.equal(clip.status, 201, JSON.stringify(clip.body))
  assert.equal(clip.body.kind, 'video')
  assert.equal(clip.body.sha256, createHash('sha256').update(video).digest('hex'))
  row = await evidenceRow(page, clip.body.id)
  for (const want of ['视频', `执法记录仪视频${suffix}`, 'clip.mp4', '64 KB', short(sm3(video))]) assert.ok(row.includes(want), `${want} in ${row}`)
  assert.equal(await page.locator(rowsOf('ev-table')).count(), 2, 'both files are listed')

  setStep('view')
  const viewed = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/evidence/${photo.body.id}/content` && r.status() === 200)
  await page.locator(tid(`ev-view-${photo.body.id}`)).click()
  await page.locator(tid('ev-preview-dialog')).waitFor({ state: 'visible' })
  await viewed
  await page.waitForFunction((sel) => document.querySelector(sel)?.naturalWidth === 1, tid('ev-preview-image'))
  await waitForExactText(page, tid('ev-preview-sm3'), sm3(PNG), 'the whole SM3 in the preview')
  await page.locator(tid('ev-preview-dialog')).locator('.el-dialog__headerbtn').click()
  await page.locator(tid('ev-preview-dialog')).waitFor({ state: 'hidden' })

  setStep('custody')
  const custodyAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/evidence/${photo.body.id}/custody`)
  await page.locator(tid(`ev-custody-${photo.body.id}`)).click()
  const custodyDialog = page.locator(tid('ev-custody-dialog'))
  await custodyDialog.waitFor({ state: 'visible' })
  const custody = await (await custodyAnswer).json()
  assert.deepEqual(custody.entries.map((e) => e.action).slice(0, 2), ['collect', 'view'], 'collected, then viewed')
  await page.locator(rowsOf('ev-custody-table')).nth(custody.entries.length - 1).waitFor({ state: 'visible' })
  const entries = await page.locator(rowsOf('ev-custody-table')).allTextContents()
  assert.equal(entries.length, custody.entries.length, 'one row per entry')
  assert.ok(entries[0].includes('采集入库') && entries[0].includes(`#${custody.entries[0].ledger_seq}`), entries[0])
  assert.ok(entries[1].includes('查看'), entries[1])
  const report = page.waitForEvent('download')
  await page.locator(tid('ev-custody-pdf')).click()
  const reportFile = join(dir, 'custody.pdf')
  await (await report).saveAs(reportFile)
  assert.equal(readFileSync(reportFile).subarray(0, 5).toString(), '%PDF-', 'the custody report is a PDF')
  await custodyDialog.locator('.el-dialog__headerbtn').click()
  await custodyDialog.waitFor({ state: 'hidden' })

  setStep('document')
  const facts = `经查，当事人${party}于2026年5月20日在其经营场所销售超过保质期的纯牛奶十二盒（E2E ${suffix}）。`
  await page.locator('#tab-documents').click()
  await page.locator(tid('doc-panel')).waitFor({ state: 'visible' })
  await page.locator(tid('doc-new')).click()
  const dialog = page.locator(tid('doc-make-dialog'))
  await dialog.waitFor({ state: 'visible' })
  const fieldsAnswer = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/cases/${c.id}/documents/fields`)
  await page.locator(tid('doc-template')).click()
  await page.locator(tid('doc-template-option-decision')).click()
  const fields = await (await fieldsAnswer).json()
  const factsInput = inputOf(page, 'doc-field-facts')
  await factsInput.waitFor({ state: 'visible' })
  assert.equal(await factsInput.inputValue(), fields.fields.find((f) => f.key === 'facts').value, 'the case\'s facts are shown first')
  await factsInput.fill(facts)
  const made = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/cases/${c.id}/documents`)
  await page.locator(tid('doc-make-submit')).click()
  const madeRes = await made
  const doc = await madeRes.json()
  assert.equal(madeRes.status(), 201, JSON.stringify(doc))
  assert.deepEqual(JSON.parse(madeRes.request().postData()).fields, { facts }, 'only the changed field is sent')
  assert.equal(doc.number, c.decision_no)
  await waitForExactText(page, tid('doc-made-number'), c.decision_no, 'the number of the document made')

  setStep('download')
  const downloaded = page.waitForEvent('download')
  await page.locator(tid('doc-made-download')).click()
  const file = join(dir, 'decision.pdf')
  await (await downloaded).saveAs(file)
  const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }))
  const fine = `${(FINE_FEN / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}元`
  for (const want of [party, facts, c.decision_no, fine]) assert.ok(text.includes(squash(want)), `the PDF holds ${want}:\n${text}`)
  assert.equal(createHash('sm3').update(readFileSync(file)).digest('hex'), doc.sm3, 'the file downloaded is the one stored')

  setStep('listed')
  await dialog.locator('.el-dialog__headerbtn').click()
  await dialog.waitFor({ state: 'hidden' })
  const docs = page.locator(rowsOf('doc-table')).filter({ hasText: c.decision_no })
  await docs.first().waitFor({ state: 'visible' })
  const docRow = await docs.first().textContent()
  assert.ok(docRow.includes('行政处罚决定书') && docRow.includes(short(doc.sm3)), docRow)
  assert.equal(await page.locator(tid('doc-package')).count(), 0, 'no 导出卷宗 before the case is finished')
})

adminTest('笔录与证据: an executable renamed photo.jpg is refused with the server\'s message', {
  name: 'case-records-refused',
  allowFailures: (f) => f.startsWith('415 PATCH') && f.includes('/api/uploads/'),
}, async ({ page, api, suffix, setStep }) => {
  setStep('case')
  const team = await marketTeam(api)
  const c = await filedCase(api, team, `某某网吧${suffix}`, `擅自经营（E2E 拒收 ${suffix}）`)
  await openRecords(page, c)

  setStep('refused')
  const r = await upload(page, { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: exeBytes(), title: '现场照片' })
  assert.equal(r.status, 415, JSON.stringify(r.body))
  assert.equal(r.body.code, 'upload.content_type')
  const shown = await waitForText(page, tid('ev-upload-error'), (t) => t.length > 0, 'the refusal is shown in the dialog')
  assert.equal(shown, r.body.message_zh, 'the server\'s message, as is')
  await page.locator(tid('ev-upload-dialog')).locator('.el-dialog__headerbtn').click()
  await page.locator(tid('ev-upload-dialog')).waitFor({ state: 'hidden' })
  const after = await api.get(`/api/cases/${c.id}/records`)
  assert.deepEqual(after.evidence, [], 'nothing was stored')
  assert.deepEqual(after.uploads, [], 'the refused upload is gone')
  await waitForText(page, `${tid('ev-table')} .el-table__empty-text`, (t) => t === '尚未上传证据', 'the list stays empty')
})

adminTest('笔录与证据: a record that needs audio-video blocks the case until a video is attached; 登记例外', {
  name: 'case-records-av',
}, async ({ page, api, suffix, setStep }) => {
  const rules = await api.get('/api/settings/av-rules')

  setStep('case')
  const team = await marketTeam(api)
  const c = await filedCase(api, team, `某某批发部${suffix}`, `销售不合格产品（E2E 音像 ${suffix}）`)
  const seizure = await record(api, c, 'seizure', `扣押过期牛奶${suffix}`, { items: [{ name: '纯牛奶', spec: '250ml', quantity: '12盒' }] })
  assert.ok(seizure.av_required, 'the settings ask for audio-video of a seizure (the default)')
  await openRecords(page, c)

  setStep('record form')
  // an inquiry in the questioning room, made through 制作笔录: from two hours ago to one hour ago (Beijing time)
  const minute = (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
  const startMs = Math.floor((Date.now() - 2 * 3600_000) / 60_000) * 60_000
  await page.locator(tid('rec-new')).click()
  const form = page.locator(tid('rec-form-dialog'))
  await form.waitFor({ state: 'visible' })
  await page.locator(tid('rec-form-kind')).click()
  await page.locator(tid('rec-form-kind-inquiry')).click()
  await inputOf(page, 'rec-form-title').fill(`对负责人的询问${suffix}`)
  await inputOf(page, 'rec-form-place').fill('执法队询问室')
  for (const [id, ms] of [['rec-form-start', startMs], ['rec-form-end', startMs + 40 * 60_000]]) {
    const input = inputOf(page, id)
    await input.click()
    await input.fill(minute(ms))
    await input.press('Enter')
    await form.locator('.el-dialog__title').click()
  }
  await inputOf(page, 'rec-form-person-name').fill('王某')
  await inputOf(page, 'rec-form-person-relation').fill('负责人')
  await page.locator(tid('rec-form-room')).click()
  await waitForText(page, tid('rec-form-av-hint'), (t) => t.includes('全程音像记录'), 'the form says the inquiry needs audio-video')
  await inputOf(page, 'rec-form-q-0').fill('你店内的纯牛奶从何处进货？')
  await inputOf(page, 'rec-form-a-0').fill('从某批发市场进货。')
  const saved = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/cases/${c.id}/records`)
  await page.locator(tid('rec-form-submit')).click()
  const savedRes = await saved
  const inquiry = await savedRes.json()
  assert.equal(savedRes.status(), 201, JSON.stringify(inquiry))
  await form.waitFor({ state: 'hidden' })
  assert.equal(inquiry.kind, 'inquiry')
  assert.equal(inquiry.started_at, startMs, 'the start as typed, Beijing time')
  assert.equal(inquiry.ended_at, startMs + 40 * 60_000)
  assert.deepEqual(inquiry.officers.map((o) => o.id).sort(), c.officers.map((o) => o.id).sort(), 'the case\'s officers')
  assert.deepEqual(inquiry.content, {
    person: { name: '王某', relation: '负责人' },
    qa: [{ q: '你店内的纯牛奶从何处进货？', a: '从某批发市场进货。' }],
    room: true,
  })
  assert.equal(inquiry.variant, 'questioning_room')
  assert.equal(inquiry.av_required, rules.settings.required.includes('inquiry:questioning_room') || rules.settings.required.includes('inquiry'))
  assert.ok(inquiry.av_required, 'the settings ask for audio-video in the questioning room (the default)')
  const check = (await api.get(`/api/cases/${c.id}/records`)).av_check
  assert.equal(check.allowed, false)

  setStep('blocked')
  const warned = await waitForText(page, tid('case-av-missing'), (t) => t.includes(check.reason), 'the case page says why the case is blocked')
  assert.ok(warned.includes(inquiry.title) && warned.includes(seizure.title), warned)
  const badge = (r) => `${rowsOf('rec-table')}:has(${tid(`rec-upload-${r.id}`)}) ${tid('rec-av')}`
  await waitForExactText(page, badge(inquiry), '须音像记录', 'the inquiry lacks its video')
  await waitForExactText(page, badge(seizure), '须音像记录', 'the seizure lacks its video')

  setStep('video')
  const r = await upload(page, { button: `rec-upload-${inquiry.id}`, name: 'inquiry.mp4', mimeType: 'video/mp4', buffer: mp4Bytes(suffix), title: '询问全程录像' })
  assert.equal(r.status, 201, JSON.stringify(r.body))
  assert.equal(r.body.record_id, inquiry.id, 'the video belongs to the record')
  await waitForExactText(page, badge(inquiry), '已有音像', 'the inquiry has its video')

  setStep('exempt')
  await page.locator(tid(`rec-exempt-${seizure.id}`)).click()
  await page.locator(tid('rec-exempt-dialog')).waitFor({ state: 'visible' })
  await inputOf(page, 'rec-exempt-reason').fill(`执法记录仪电量耗尽，由当事人签字确认（${suffix}）`)
  const exempted = page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/av-exception'))
  await page.locator(tid('rec-exempt-submit')).click()
  assert.equal((await exempted).status(), 201)
  await page.locator(tid('rec-exempt-dialog')).waitFor({ state: 'hidden' })
  await waitForExactText(page, badge(seizure), '已登记例外', 'the seizure has its exception')
  await page.locator(tid('case-av-missing')).waitFor({ state: 'hidden' })
  assert.equal((await api.get(`/api/cases/${c.id}/records`)).av_check.allowed, true, 'the case may move on')
})

adminTest('笔录与证据: an upload broken off is continued by choosing the same file again', {
  name: 'case-records-resume',
}, async ({ page, api, suffix, setStep }) => {
  const csrf = (await api.get('/api/auth/me')).csrf_token

  setStep('half')
  const team = await marketTeam(api)
  const c = await filedCase(api, team, `某某商行${suffix}`, `虚假宣传（E2E 续传 ${suffix}）`)
  const video = mp4Bytes(suffix)
  const half = 40_000
  const started = await api.post(`/api/cases/${c.id}/uploads`, { file_name: 'long.mp4', size: video.length, title: `现场录像${suffix}`, device: 'DSJ-0099' })
  assert.equal(started.status, 201, started.text)
  const first = await page.request.fetch(`${BASE_URL}${started.body.url}`, {
    method: 'PATCH',
    data: video.subarray(0, half),
    headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
  })
  assert.equal(first.status(), 200, await first.text())

  setStep('listed')
  await openRecords(page, c)
  const pending = page.locator(tid('ev-pending-item')).filter({ hasText: 'long.mp4' })
  await pending.waitFor({ state: 'visible' })
  const percent = `${Math.floor((half / video.length) * 100)}%`
  assert.ok((await pending.textContent()).includes(percent), await pending.textContent())

  setStep('continue')
  await pending.locator(tid('ev-pending-resume')).click()
  await page.locator(tid('ev-upload-dialog')).waitFor({ state: 'visible' })
  await page.locator(`${tid('ev-upload-file')} input[type=file]`).setInputFiles({ name: 'long.mp4', mimeType: 'video/mp4', buffer: video })
  await waitForText(page, tid('ev-upload-continuing'), (t) => t.includes(percent), 'the dialog says where it goes on from')
  const done = page.waitForResponse((r) => isPatch(r), { timeout: 30_000 })
  await page.locator(tid('ev-upload-submit')).click()
  const res = await done
  const item = await res.json()
  assert.equal(res.status(), 201, JSON.stringify(item))
  assert.equal(res.request().headers()['upload-offset'], String(half), 'only the rest was sent')
  assert.equal(item.sm3, sm3(video), 'the stored file is the whole file')
  assert.equal(item.title, `现场录像${suffix}`, 'the details given the first time')
  await page.locator(tid('ev-upload-dialog')).waitFor({ state: 'hidden' })
  const row = await evidenceRow(page, item.id)
  assert.ok(row.includes(short(sm3(video))) && row.includes('DSJ-0099'), row)
  await page.locator(tid('ev-pending')).waitFor({ state: 'hidden' })
})

adminTest('执法文书模板: fields are inserted at the cursor; an unknown {{field}} is refused with the server\'s message', {
  name: 'case-records-templates',
  allowFailures: (f) => f.startsWith('422 PUT'),
}, async ({ page, api, setStep }) => {
  const before = await api.get('/api/document-templates/notice')

  setStep('list')
  await openMenu(page, 'case-templates', '/cases/templates')
  await page.locator(tid('tpl-item-notice')).click()
  await page.waitForFunction((sel) => document.querySelector(sel)?.value === '行政处罚事先告知书', `input${tid('tpl-name')}`)
  const blocks = page.locator(tid('tpl-block'))
  assert.equal(await blocks.count(), before.template.blocks.length, 'one editor per block')

  setStep('insert')
  await page.locator(tid('tpl-block-add-0')).click()
  const text = inputOf(page, 'tpl-block-text-1')
  await text.fill('当事人：')
  await text.press('End')
  await page.locator(tid('tpl-field-party.name')).click()
  assert.equal(await text.inputValue(), '当事人：{{party.name}}', 'the field went where the cursor was')
  await text.press('End')
  await text.type('，{{foo.bar}}')

  setStep('refused')
  await page.locator(tid('tpl-save')).click()
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && new URL(r.url()).pathname === '/api/document-templates/notice')
  await page.locator('.el-message-box__btns .el-button--primary').click()
  const res = await saved
  const problem = await res.json()
  assert.equal(res.status(), 422, JSON.stringify(problem))
  assert.equal(problem.code, 'template.unknown_field')
  await waitForExactText(page, tid('tpl-error'), problem.message_zh, 'the server\'s message, as is')
  assert.ok(problem.message_zh.includes('foo.bar'), problem.message_zh)
  const after = await api.get('/api/document-templates/notice')
  assert.equal(after.version, before.version, 'nothing was saved')
})
