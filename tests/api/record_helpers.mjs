// Shared bits of the full-process record tests (records, documents, upload_crash): files that look
// like what a body camera or a phone produces (only the leading bytes matter to the server's
// sniffing), resumable uploads, on-site records, PDF text, ledger look-ups and ZIP entries.
import assert from 'node:assert/strict'
import { randomBytes, createHash } from 'node:crypto'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync, rmSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client, DEMO_PASSWORD, sm3 } from './harness.mjs'
import { crc32, zipEntries as zipFiles } from './xlsx.mjs'

export const sm3hex = (buf) => sm3(buf).toString('hex')
export const sha256hex = (buf) => createHash('sha256').update(buf).digest('hex')

// --- files ------------------------------------------------------------------------------------

/** An MP4 (ISO base media: box size, "ftyp", brand isom) of `size` bytes. */
export const mp4 = (size = 6000) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), randomBytes(size - 12)])
/** A JPEG (FF D8 FF E0 … JFIF). */
export const jpeg = (size = 3000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), Buffer.from('JFIF\0'), randomBytes(size - 11)])
/** A WAV (RIFF … WAVE). */
export const wav = (size = 3000) => {
  const b = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt '), randomBytes(size - 16)])
  b.writeUInt32LE(size - 8, 4)
  return b
}
/** A PDF's first bytes. */
export const pdfLike = (size = 2000) => {
  const head = Buffer.from('%PDF-1.7\n')
  return Buffer.concat([head, randomBytes(size - head.length)])
}

// --- uploads ----------------------------------------------------------------------------------

/** PATCH `bytes` to an upload at `offset` (tus-like). */
export function patchUpload(client, url, bytes, offset) {
  return client.patch(url, bytes, { headers: { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' } })
}

/** Starts an upload of `bytes` as `fileName` and sends it in `pieces` PATCHes; returns the last response. */
export async function uploadFile(client, caseId, fileName, bytes, extra = {}, pieces = 1) {
  const start = await client.post(`/api/cases/${caseId}/uploads`, { file_name: fileName, size: bytes.length, ...extra })
  assert.equal(start.status, 201, `start upload ${fileName}: ${start.text}`)
  const step = Math.ceil(bytes.length / pieces)
  let r
  for (let off = 0; off < bytes.length; off += step) {
    r = await patchUpload(client, start.body.url, bytes.subarray(off, off + step), off)
    if (off + step < bytes.length) assert.equal(r.status, 200, `piece at ${off} of ${fileName}: ${r.text}`)
  }
  return r
}

/** An upload that must be stored: answers the evidence item. */
export async function evidenceOf(client, caseId, fileName, bytes, extra = {}) {
  const r = await uploadFile(client, caseId, fileName, bytes, extra)
  assert.equal(r.status, 201, `upload ${fileName}: ${r.text}`)
  return r.body
}

/** Every file under dir (recursively), as paths relative to it. */
export function filesUnder(dir) {
  const out = []
  const walk = (d, rel) => {
    let entries = []
    try { entries = readdirSync(d, { withFileTypes: true }) } catch { return }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(d, e.name), rel + e.name + '/')
      else out.push(rel + e.name)
    }
  }
  walk(dir, '')
  return out.sort()
}
export const fileSize = (p) => { try { return statSync(p).size } catch { return -1 } }

// --- records ----------------------------------------------------------------------------------

const HOUR = 3600_000
/** A valid record body of `kind` (made in the last hours, two officers), with `extra` merged. */
export function recordBody(kind, officerIds, extra = {}) {
  const now = Date.now()
  const content = {
    inquiry: { person: { name: '王某某', id_number: '140802199001011234', phone: '13800000000' }, qa: [{ q: '你与本店是什么关系?', a: '我是店长。' }] },
    inspection: { findings: '货架上陈列超过保质期的纯牛奶二十箱。' },
    sampling: { items: [{ name: '纯牛奶', quantity: '6 盒', spec: '250ml' }] },
    preservation: { items: [{ name: '纯牛奶', quantity: '20 箱' }] },
    seizure: { items: [{ name: '过期纯牛奶', quantity: '20 箱', spec: '250ml×24' }] },
    enforcement: { measure: '查封冷库一间' },
    service: { document: '行政处罚事先告知书', method: 'direct', recipient: '某某超市' },
  }[kind]
  return { kind, title: `${kind} 笔录`, place: '运城市盐湖区解放路 1 号某某超市', started_at: now - 2 * HOUR, ended_at: now - HOUR, officer_ids: officerIds, content, ...extra }
}

// --- users ------------------------------------------------------------------------------------

/**
 * A signed-in user with the given permissions and data scope, created by admin (role, user,
 * password changed): for a refusal by permission that is not a refusal by scope.
 */
export async function userWith(admin, baseUrl, { key, permissions, scope = 'all', orgId }) {
  const role = await admin.post('/api/roles', { key, name: `测试角色 ${key}`, data_scope: scope, permissions })
  assert.equal(role.status, 201, role.text)
  const u = await admin.post('/api/users', { username: `u_${key}`, display_name: `测试用户 ${key}`, org_id: orgId, role_ids: [role.body.id] })
  assert.equal(u.status, 201, u.text)
  const c = new Client(baseUrl)
  assert.equal((await c.signIn(`u_${key}`, u.body.initial_password)).status, 200)
  const pw = await c.post('/api/auth/password', { old_password: u.body.initial_password, new_password: DEMO_PASSWORD })
  assert.equal(pw.status, 204, pw.text)
  return c
}

// --- PDFs, the ledger ---------------------------------------------------------------------------

/**
 * The text of a PDF by pdftotext (poppler-utils). raw: in content-stream order (-raw), for a line
 * whose wide gaps the default layout would read as columns.
 */
export function pdfText(bytes, { raw = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-pdf-'))
  try {
    const f = join(dir, 'doc.pdf')
    writeFileSync(f, bytes)
    const r = spawnSync('pdftotext', [...(raw ? ['-raw'] : []), '-enc', 'UTF-8', f, '-'], { encoding: 'utf8', timeout: 60_000 })
    if (r.error || r.status !== 0) throw new Error(`pdftotext failed: ${r.error || r.stderr}`)
    return r.stdout
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
/** Whitespace removed: PDF text wraps lines anywhere. */
export const squash = (s) => String(s).replace(/\s+/g, '')

/** The ledger event of `seq` from the event list (newest first, so page total - seq + 1 of size 1). */
export async function ledgerEventAt(admin, seq) {
  const top = await admin.get('/api/ledger/events?page_size=1')
  assert.equal(top.status, 200, top.text)
  const r = await admin.get(`/api/ledger/events?page_size=1&page=${top.body.total - seq + 1}`)
  assert.equal(r.status, 200, r.text)
  const e = r.body.items[0]
  assert.equal(e?.seq, seq, `event ${seq} in the list: ${r.text}`)
  return e
}

// --- ZIP (the case file): stored entries, read and changed in place -----------------------------
// CRC-32 and reading entries come from xlsx.mjs; the layout below (offsets of each header) is what
// changing an entry in place needs.

/** The entries of a ZIP from its central directory: [{name, method, flags, size, crc, cd, local, data}]. */
export function zipEntries(zip) {
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break }
  }
  assert.ok(eocd >= 0, 'a ZIP end of central directory')
  const count = zip.readUInt16LE(eocd + 10)
  let p = zip.readUInt32LE(eocd + 16)
  const out = []
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(p), 0x02014b50, 'central directory header')
    const flags = zip.readUInt16LE(p + 8)
    const method = zip.readUInt16LE(p + 10)
    const crc = zip.readUInt32LE(p + 16)
    const csize = zip.readUInt32LE(p + 20)
    const size = zip.readUInt32LE(p + 24)
    const n = zip.readUInt16LE(p + 28)
    const m = zip.readUInt16LE(p + 30)
    const k = zip.readUInt16LE(p + 32)
    const local = zip.readUInt32LE(p + 42)
    const name = zip.subarray(p + 46, p + 46 + n).toString('utf8')
    assert.equal(zip.readUInt32LE(local), 0x04034b50, `local header of ${name}`)
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    out.push({ name, method, flags, size, csize, crc, cd: p, local, data })
    p += 46 + n + m + k
  }
  return out
}

/** The bytes of an entry (read by the tests' own zip reader of xlsx.mjs). */
export function zipRead(zip, name) {
  const bytes = zipFiles(zip).get(name)
  assert.ok(bytes, `entry ${name}`)
  return bytes
}

/**
 * A copy of the ZIP with one stored entry's bytes changed in place by `mutate(Buffer)` (same length),
 * its CRC-32 updated in the local header, the data descriptor and the central directory: a
 * well-formed archive whose content differs, as someone editing the file would leave it.
 */
export function zipTamper(zip, name, mutate) {
  const out = Buffer.from(zip)
  const e = zipEntries(out).find((x) => x.name === name)
  assert.ok(e, `entry ${name}`)
  assert.equal(e.method, 0, `${name} is stored, not compressed`)
  const data = out.subarray(e.data, e.data + e.csize)
  const before = Buffer.from(data)
  mutate(data)
  assert.equal(data.length, before.length)
  assert.ok(!data.equals(before), 'the entry changed')
  const crc = crc32(data)
  out.writeUInt32LE(crc, e.local + 14)
  out.writeUInt32LE(crc, e.cd + 16)
  if (e.flags & 8) {
    const end = e.data + e.csize
    out.writeUInt32LE(crc, out.readUInt32LE(end) === 0x08074b50 ? end + 4 : end)
  }
  return out
}
