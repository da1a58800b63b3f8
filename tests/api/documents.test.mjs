// Official documents (执法文书) over HTTP: versioned templates whose fields are checked when saved;
// documents made from the case (the decision with the party, the facts, the legal basis, the
// decision number and the fine in figures and in capitals, as pdftotext reads it), numbered per
// body and year, stored under their SM3 and written to the ledger; and the case file (卷宗) of a
// closed case, which `zhifa verify --package` checks offline and which fails once anything in it
// is changed.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startServer, login, assertProblem, execSql, runCli } from './harness.mjs'
import { caseFixture, oker, stepper } from './case_helpers.mjs'
import {
  jpeg, evidenceOf, recordBody, pdfText, squash, ledgerEventAt, sm3hex, sha256hex, zipEntries, zipRead, zipTamper,
} from './record_helpers.mjs'

const CODES = ['closing_report', 'decision', 'filing_approval', 'hearing_notice', 'inquiry', 'inspection', 'notice',
  'review_opinion', 'service_receipt', 'transfer_letter']
const FACTS = '经查明,当事人于2026年5月20日在其经营场所销售超过保质期的蒙牛纯牛奶二十箱,货值金额一千二百元。'
const PARTY = '运城市盐湖区鑫源副食品有限公司'
const FINE = 500_000 // 5,000 yuan
const year = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())

let srv, admin, fx, ok, staff, two, tmp
// The case the decision test takes to a decision; the case file test closes it.
let decided, photo, photoBytes, docs

before(async () => {
  srv = await startServer({ people: true })
  admin = await login(srv.url, 'admin')
  fx = await caseFixture(admin)
  ok = oker(admin)
  staff = await login(srv.url, 'zhongcheng_staff') // 盐湖区中城街道: none of the city team's cases
  two = [fx.officers[0].id, fx.officers[1].id]
  tmp = mkdtempSync(join(tmpdir(), 'zhifa-docs-'))
})
after(async () => {
  await srv?.destroy()
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

async function newCase(party) {
  let c = (await admin.post('/api/cases', fx.lead({ party_name: party }))).body
  assert.ok(c?.id, 'case created')
  c = await ok(c, 'file')
  return c
}
const generate = (c, body, client = admin) => client.post(`/api/cases/${c.id}/documents`, body)
async function made(c, body) {
  const r = await generate(c, body)
  assert.equal(r.status, 201, `${body.template}: ${r.text}`)
  return r.body
}
async function pdfOf(doc, download = true) {
  const r = await admin.getBytes(`/api/documents/${doc.id}/pdf${download ? '?download=1' : ''}`)
  assert.equal(r.status, 200, r.text)
  assert.match(r.headers.get('content-type') || '', /^application\/pdf/)
  return r
}

test('templates: ten of them, each save a new version, old versions kept, unknown fields and block types refused', async () => {
  const list = await admin.get('/api/document-templates')
  assert.equal(list.status, 200, list.text)
  assert.deepEqual(list.body.items.map((t) => t.code).sort(), CODES)
  assert.ok(list.body.items.every((t) => t.name && t.version === 1), list.text)
  const fieldKeys = list.body.fields.map((f) => f.key)
  for (const k of ['party.name', 'facts', 'basis.articles', 'penalty.fine_yuan', 'penalty.fine_capital', 'decision.number', 'doc.number']) {
    assert.ok(fieldKeys.includes(k), `field ${k} is offered`)
  }
  assert.ok(list.body.fields.every((f) => f.label), 'every field has a label')

  const v1 = await admin.get('/api/document-templates/hearing_notice')
  assert.equal(v1.status, 200, v1.text)
  assert.equal(v1.body.version, 1)
  assertProblem(assert, await admin.get('/api/document-templates/no_such_paper'), 404)
  const original = v1.body.template
  const note = '温馨提示:参加听证时请携带{{party.name}}的营业执照原件。'
  const put = await admin.put('/api/document-templates/hearing_notice', { name: original.name, number: original.number, blocks: [...original.blocks, { type: 'paragraph', text: note }] })
  assert.equal(put.status, 200, put.text)
  assert.equal(put.body.version, 2)
  const latest = (await admin.get('/api/document-templates/hearing_notice')).body
  assert.equal(latest.version, 2)
  assert.deepEqual(latest.template.blocks.at(-1), { type: 'paragraph', text: note })
  assert.deepEqual(latest.versions.map((v) => v.version), [2, 1])
  const old = await admin.get('/api/document-templates/hearing_notice?version=1')
  assert.equal(old.status, 200, old.text)
  assert.equal(old.body.version, 1)
  assert.deepEqual(old.body.template, original, 'version 1 is kept as it was')
  assert.equal((await admin.get('/api/document-templates')).body.items.find((t) => t.code === 'hearing_notice').version, 2)
  const saved = (await admin.get('/api/ledger/events?entity=doc_template&page_size=50')).body.items
  assert.ok(saved.some((e) => e.action === 'template.saved' && e.entity_id === 'hearing_notice' && e.actor === 'admin'), 'the save is in the ledger')

  // A misspelt field is refused naming it; so is one in a table cell. An unknown block type is a 400.
  const typo = await admin.put('/api/document-templates/hearing_notice', { name: original.name, blocks: [{ type: 'paragraph', text: '当事人:{{party.nmae}}' }] })
  assertProblem(assert, typo, 422, { code: 'template.unknown_field' })
  assert.match(typo.body.message_zh, /party\.nmae/)
  const cell = await admin.put('/api/document-templates/hearing_notice', { name: original.name, blocks: [{ type: 'table', rows: [['罚款', '{{penalty.amount}}']] }] })
  assertProblem(assert, cell, 422, { code: 'template.unknown_field' })
  assert.match(cell.body.message_zh, /penalty\.amount/)
  assertProblem(assert, await admin.put('/api/document-templates/hearing_notice', { name: original.name, blocks: [{ type: 'marquee', text: '滚动字幕' }] }), 400, { code: 'template.block_type' })
  assertProblem(assert, await admin.put('/api/document-templates/hearing_notice', { name: original.name, blocks: [] }), 400)
  assertProblem(assert, await staff.put('/api/document-templates/hearing_notice', { name: original.name, blocks: original.blocks }), 403)
  assert.equal((await admin.get('/api/document-templates/hearing_notice')).body.version, 2, 'refused saves make no version')

  // A document made now uses version 2 and shows the added paragraph.
  const c = await newCase('听证通知模板超市')
  const doc = await made(c, { template: 'hearing_notice' })
  assert.deepEqual([doc.template_code, doc.template_version], ['hearing_notice', 2])
  assert.match(doc.number, new RegExp(`听通〔${year()}〕1号$`))
  const text = squash(pdfText((await pdfOf(doc)).bytes))
  assert.ok(text.includes(squash('温馨提示:参加听证时请携带听证通知模板超市的营业执照原件。')), text.slice(0, 400))
})

test('the decision shows the party, the facts, the legal basis, the decision number and the fine; its bytes are the SM3 in the ledger', async () => {
  const matter = (await admin.get(`/api/matters/${fx.matter.id}`)).body
  const citations = matter.basis.map((b) => b.citation).filter(Boolean)
  assert.ok(citations.length >= 1, 'the matter cites its legal basis')

  let c = await newCase(PARTY)
  photoBytes = jpeg(20_000)
  photo = await evidenceOf(admin, c.id, 'shelf.jpg', photoBytes, { title: '货架过期牛奶照片' })
  const inspection = (await admin.post(`/api/cases/${c.id}/records`, recordBody('inspection', two))).body
  assert.ok(inspection.id)
  assertProblem(assert, await generate(c, { template: 'decision' }), 409, { code: 'document.no_decision' })
  assertProblem(assert, await generate(c, { template: 'no_such_paper' }), 404)

  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: FINE } })
  // Each notice (事先告知书) takes the next number of the body's 罚告 series for the year.
  const n1 = await made(c, { template: 'notice' })
  const n2 = await made(c, { template: 'notice' })
  assert.match(n1.number, new RegExp(`罚告〔${year()}〕1号$`), n1.number)
  assert.match(n2.number, new RegExp(`罚告〔${year()}〕2号$`), n2.number)
  assert.equal(n1.number.replace(/〔.*$/, ''), n2.number.replace(/〔.*$/, ''))
  assert.ok(squash(pdfText((await pdfOf(n2)).bytes)).includes(squash(n2.number)), 'the notice shows its number')

  c = await ok(c, 'submit_decision')
  c = await ok(c, 'decide', { penalty: { kinds: ['fine'], fine_fen: FINE } })
  assert.match(c.decision_no, /罚〔\d{4}〕\d+号$/)
  const unknown = await generate(c, { template: 'decision', fields: { fcats: FACTS } })
  assertProblem(assert, unknown, 422, { code: 'document.unknown_field', field: 'fields' })
  assert.match(unknown.body.message_zh, /fcats/)
  assertProblem(assert, await generate(c, { template: 'decision', fields: { facts: 42 } }), 400)

  const doc = await made(c, { template: 'decision', fields: { facts: FACTS } })
  assert.equal(doc.number, c.decision_no, 'the decision carries the decision number')
  assert.deepEqual([doc.template_code, doc.template_version, doc.case_id], ['decision', 1, c.id])
  assert.match(doc.sm3, /^[0-9a-f]{64}$/)
  const pdf = await pdfOf(doc)
  assert.match(pdf.headers.get('content-disposition') || '', /^attachment/)
  assert.equal(sm3hex(pdf.bytes), doc.sm3, 'the SM3 in the answer is that of the bytes served')
  assert.equal(sha256hex(pdf.bytes), doc.sha256)
  assert.equal(pdf.bytes.length, doc.size)
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-')
  const inline = await pdfOf(doc, false)
  assert.match(inline.headers.get('content-disposition') || '', /^inline/)
  assert.ok(inline.bytes.equals(pdf.bytes), 'the same file, viewed or downloaded')

  const text = squash(pdfText(pdf.bytes))
  const wants = { party: PARTY, facts: FACTS, number: c.decision_no, figures: '5,000.00', capitals: '伍仟元整', body: fx.body.name, evidence: '货架过期牛奶照片', date: '2026年6月15日', title: '行政处罚决定书' }
  citations.forEach((cite, i) => { wants[`basis ${i + 1}`] = cite })
  for (const [what, want] of Object.entries(wants)) {
    assert.ok(text.includes(squash(want)), `the decision shows the ${what} "${want}":\n${text.slice(0, 1500)}`)
  }

  // The ledger: document.generated with the same SM3.
  const ev = await ledgerEventAt(admin, doc.ledger_seq)
  assert.deepEqual([ev.action, ev.entity, ev.entity_id], ['document.generated', 'case', String(c.id)])
  const payload = JSON.parse(execSql(srv, `SELECT payload FROM ledger_events WHERE seq = ${doc.ledger_seq}`).trim())
  assert.deepEqual([payload.sm3, payload.sha256, payload.number, payload.template], [doc.sm3, doc.sha256, c.decision_no, 'decision'])
  assert.equal(sm3hex(Buffer.from(execSql(srv, `SELECT payload FROM ledger_events WHERE seq = ${doc.ledger_seq}`).replace(/\n$/, ''))), ev.digest)

  const list = await admin.get(`/api/cases/${c.id}/documents`)
  assert.equal(list.status, 200, list.text)
  assert.deepEqual(list.body.items.map((d) => [d.id, d.number]), [[n1.id, n1.number], [n2.id, n2.number], [doc.id, doc.number]])
  decided = c
  docs = [n1, n2, doc]
})

test('fields add what the officer writes, never change what the case decided: no decision with another number, party or fine', async () => {
  let c = await newCase('文书字段篡改超市')
  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: FINE } })
  c = await ok(c, 'submit_decision')
  c = await ok(c, 'decide', { penalty: { kinds: ['fine'], fine_fen: FINE } })
  const fakes = { 'decision.number': '伪造罚〔2026〕1号', 'party.name': '张冠李戴有限公司', 'penalty.text': '罚款人民币50.00元(大写:伍拾元整)', 'penalty.fine_yuan': '50.00', 'penalty.fine_capital': '伍拾元整' }
  const r = await generate(c, { template: 'decision', fields: { facts: FACTS, ...fakes } })
  if (r.status !== 201) {
    assert.ok(r.status >= 400 && r.status < 500, `refused as a client error: ${r.status} ${r.text.slice(0, 300)}`)
    assert.match(r.body.code || '', /^document\./, r.text)
    return
  }
  // Accepted: then the decided values must win, whatever was sent.
  const text = squash(pdfText((await pdfOf(r.body)).bytes))
  for (const [key, fake] of Object.entries(fakes)) {
    assert.ok(!text.includes(squash(fake)), `the decision PDF must not print the supplied ${key} "${fake}" (the case was decided as ${c.decision_no}, 文书字段篡改超市, 5,000.00 元); POST answered 201 with number ${r.body.number}`)
  }
  for (const want of [c.decision_no, '文书字段篡改超市', '5,000.00', '伍仟元整', FACTS]) assert.ok(text.includes(squash(want)), `the decision shows ${want}`)
})

test('the notice (事先告知书) states the intended penalty of the notify step, and leaves no blank where the party has no hearing right', async () => {
  let c = await newCase('告知书内容超市')
  await evidenceOf(admin, c.id, 'notice.jpg', jpeg(), { title: '进货单据照片' })
  c = await ok(c, 'notify', { penalty: { kinds: ['fine'], fine_fen: FINE } }, '当事人销售超过保质期的纯牛奶二十箱')
  assert.equal(c.steps.at(-1).data.hearing_right, false, 'a fine of 5,000 yuan on a company carries no hearing right')
  const n = await made(c, { template: 'notice' })
  assert.match(n.number, new RegExp(`罚告〔${year()}〕\\d+号$`))
  const raw = pdfText((await pdfOf(n)).bytes)
  const text = squash(raw)
  for (const want of [n.number, '告知书内容超市', '当事人销售超过保质期的纯牛奶二十箱', '进货单据照片', '陈述、申辩']) {
    assert.ok(text.includes(squash(want)), `the notice shows ${want}`)
  }
  // APL art. 44: the party is told the penalty intended.
  assert.ok(text.includes('罚款人民币5,000.00元') && text.includes('伍仟元整'), `the notice states the intended fine of 5,000.00 yuan (伍仟元整):\n${raw}`)
  assert.ok(!text.includes('________'), `no field of the notice is left blank:\n${raw}`)
})

test('a record is printed as its own document: the inquiry shows the person, the questions and answers and the officers', async () => {
  const c = await newCase('询问笔录文书超市')
  const inquiry = (await admin.post(`/api/cases/${c.id}/records`, recordBody('inquiry', two, {
    content: { person: { name: '赵某某', id_number: '140802198506061238' }, qa: [{ q: '这批牛奶是从哪里进货的?', a: '从运城某批发市场进的货。' }] },
  }))).body
  const inspection = (await admin.post(`/api/cases/${c.id}/records`, recordBody('inspection', two))).body
  assertProblem(assert, await generate(c, { template: 'inquiry' }), 400, { code: 'document.record' })
  assertProblem(assert, await generate(c, { template: 'inquiry', record_id: inspection.id }), 400, { code: 'document.record_kind' })
  const other = await newCase('别案询问超市')
  assertProblem(assert, await generate(other, { template: 'inquiry', record_id: inquiry.id }), 404)
  const doc = await made(c, { template: 'inquiry', record_id: inquiry.id })
  assert.equal(doc.record_id, inquiry.id)
  const text = squash(pdfText((await pdfOf(doc)).bytes))
  for (const want of ['赵某某', '这批牛奶是从哪里进货的?', '从运城某批发市场进的货。', fx.officers[0].name, fx.officers[1].name, inquiry.officers[0].cert_no]) {
    assert.ok(text.includes(squash(want)), `the inquiry record shows ${want}`)
  }
})

test('the case file: refused while the case is open; once closed a ZIP that zhifa verify --package accepts, and rejects once a file or the manifest is changed', async () => {
  assert.ok(decided, 'the decision test ran')
  let c = decided
  assertProblem(assert, await admin.get(`/api/cases/${c.id}/package`), 409, { code: 'package.not_closed' })
  c = await ok(c, 'serve')
  c = await ok(c, 'record_payment')
  c = await ok(c, 'close')
  assert.equal(c.state, 'closed')
  assertProblem(assert, await staff.get(`/api/cases/${c.id}/package`), 404)

  const res = await admin.getBytes(`/api/cases/${c.id}/package`)
  assert.equal(res.status, 200, res.text)
  assert.match(res.headers.get('content-type') || '', /^application\/zip/)
  const zip = res.bytes
  const names = zipEntries(zip).map((e) => e.name)
  const evidenceEntry = `evidence/${photo.id}-shelf.jpg`
  for (const n of ['manifest.json', 'manifest.sig', 'catalogue.pdf', 'records.json', 'timeline.json', evidenceEntry]) {
    assert.ok(names.includes(n), `the case file has ${n}: ${names.join(', ')}`)
  }
  assert.equal(names.filter((n) => n.startsWith('documents/')).length, docs.length, 'every document')
  assert.ok(zipRead(zip, evidenceEntry).equals(photoBytes), 'the evidence as collected')
  const manifest = JSON.parse(zipRead(zip, 'manifest.json').toString('utf8'))
  const file = join(tmp, 'case.zip')
  writeFileSync(file, zip)
  const good = await runCli(['verify', '--package', file])
  assert.equal(good.code, 0, `verify of the untouched case file: code ${good.code} signal ${good.signal}\n${good.output}`)
  assert.match(good.output, /卷宗校验通过/)

  // One evidence file changed (its ZIP entry well-formed, CRC updated): refused, naming the file.
  const altered = join(tmp, 'altered.zip')
  writeFileSync(altered, zipTamper(zip, evidenceEntry, (b) => { b[100] ^= 0xff }))
  const bad = await runCli(['verify', '--package', altered])
  assert.equal(bad.code, 1, `verify of a changed evidence file: code ${bad.code} signal ${bad.signal}\n${bad.output}`)
  assert.ok(bad.output.includes(evidenceEntry), `the report names ${evidenceEntry}:\n${bad.output}`)
  assert.doesNotMatch(bad.output, /卷宗校验通过/)

  // The manifest changed by one digit: the signature fails.
  const edited = join(tmp, 'edited.zip')
  writeFileSync(edited, zipTamper(zip, 'manifest.json', (b) => {
    const at = b.indexOf('"generated_at"')
    assert.ok(at >= 0)
    const digit = b.indexOf(String(manifest.generated_at), at) + String(manifest.generated_at).length - 1
    b[digit] = b[digit] === 0x30 ? 0x31 : 0x30
  }))
  const sig = await runCli(['verify', '--package', edited])
  assert.equal(sig.code, 1, `verify of an edited manifest: code ${sig.code} signal ${sig.signal}\n${sig.output}`)
  assert.match(sig.output, /清单签名无效|manifest signature invalid/)

  // What the manifest states: every file, as an object with its path and SM3.
  assert.equal(manifest.case.decision_no, c.decision_no)
  assert.equal(manifest.case.party, PARTY)
  for (const f of manifest.files) {
    assert.ok(f && typeof f === 'object' && !Array.isArray(f) && typeof f.path === 'string', `each manifest file is an object with a path: ${JSON.stringify(f)}`)
    assert.equal(sm3hex(zipRead(zip, f.path)), f.sm3, `${f.path} has the SM3 the manifest states`)
  }
  assert.deepEqual(manifest.files.map((f) => f.path).sort(), names.filter((n) => !n.startsWith('manifest.')).sort(), 'the manifest lists every file')
  for (const d of docs) assert.ok(manifest.files.some((f) => f.sm3 === d.sm3 && f.event_seq === d.ledger_seq), `document ${d.number} with its ledger event`)
  const records = JSON.parse(zipRead(zip, 'records.json').toString('utf8'))
  assert.equal(records.length, 1)
  assert.equal(records[0].content.findings, recordBody('inspection', two).content.findings)
  const catalogue = squash(pdfText(zipRead(zip, 'catalogue.pdf'), { raw: true }))
  for (const want of ['卷内目录', PARTY, c.decision_no, '货架过期牛奶照片']) assert.ok(catalogue.includes(squash(want)), `the catalogue shows ${want}`)

  // Archived: still exported; nothing more is added to it.
  c = await ok(c, 'archive')
  const again = await admin.getBytes(`/api/cases/${c.id}/package`)
  assert.equal(again.status, 200, again.text)
  assertProblem(assert, await admin.post(`/api/cases/${c.id}/records`, recordBody('inspection', two)), 409, { code: 'case.read_only' })
  assertProblem(assert, await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'late.jpg', size: 100 }), 409, { code: 'case.read_only' })
})
