// A server killed (SIGKILL) in the middle of an upload's PATCH: after a restart on the same data
// directory and database the upload reports how many bytes it kept (the part file on disk, never
// more than was sent), continues from there to the whole file with the right SM3, and the crash left
// no evidence row and no stored object behind.
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import http from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { startServer, serveAgain, login, execSql, sleep } from './harness.mjs'
import { caseFixture, oker } from './case_helpers.mjs'
import { mp4, patchUpload, sm3hex, sha256hex, filesUnder, fileSize } from './record_helpers.mjs'

let srv, again

after(async () => {
  await again?.stop()
  await srv?.destroy() // the first server is dead already: this removes its data dir and database
})

test('an upload survives a server killed mid-PATCH: it resumes from the offset on disk to the right SM3, and nothing is orphaned', async () => {
  srv = await startServer({ people: true })
  const admin = await login(srv.url, 'admin')
  const fx = await caseFixture(admin)
  const ok = oker(admin)
  let c = (await admin.post('/api/cases', fx.lead({ party_name: '断电续传超市' }))).body
  c = await ok(c, 'file')

  const objectsDir = join(srv.dataDir, 'files', 'objects')
  const evidenceRows = () => Number(execSql(srv, 'SELECT COUNT(*) FROM evidence').trim())
  const objects0 = filesUnder(objectsDir)
  const evidence0 = evidenceRows()

  const SIZE = 4 * 1024 * 1024
  const file = mp4(SIZE)
  const start = await admin.post(`/api/cases/${c.id}/uploads`, { file_name: 'DSJ0007.mp4', size: SIZE, title: '执法记录仪视频', device: 'DSJ-0007' })
  assert.equal(start.status, 201, start.text)
  const url = start.body.url
  const part = join(srv.dataDir, 'files', 'uploads', `${start.body.id}.part`)

  // A first piece arrives whole.
  const FIRST = 512 * 1024
  const p1 = await patchUpload(admin, url, file.subarray(0, FIRST), 0)
  assert.equal(p1.status, 200, p1.text)
  assert.equal(p1.body.offset, FIRST)

  // The second PATCH announces the rest of the file, sends 1.5 MiB of it, and the server dies while
  // reading it.
  const SENT = 1536 * 1024
  const req = http.request(srv.url + url, {
    method: 'PATCH',
    headers: {
      cookie: admin.cookieHeader(),
      'x-csrf-token': admin.csrf,
      'upload-offset': String(FIRST),
      'content-type': 'application/offset+octet-stream',
      'content-length': String(SIZE - FIRST),
    },
  })
  const answered = new Promise((resolve) => {
    req.on('response', (res) => resolve(`answered ${res.statusCode}`))
    req.on('error', (e) => resolve(e.code || String(e)))
  })
  req.write(file.subarray(FIRST, FIRST + SENT))
  const deadline = Date.now() + 15_000
  while (fileSize(part) < FIRST + 256 * 1024) {
    assert.ok(Date.now() < deadline, `the server writes what it reads to the part file (size ${fileSize(part)})`)
    await sleep(10)
  }
  srv.proc.kill('SIGKILL')
  const died = await srv.exited
  assert.equal(died.signal, 'SIGKILL')
  assert.notEqual(await answered, 'answered 201', 'the PATCH never completed')
  req.destroy()

  const kept = fileSize(part)
  assert.ok(kept >= FIRST && kept <= FIRST + SENT, `the part file keeps at most what was sent: ${kept}`)
  assert.equal(evidenceRows(), evidence0, 'no evidence row for the interrupted upload')
  assert.deepEqual(filesUnder(objectsDir), objects0, 'no stored object for the interrupted upload')

  // The same storage, a new process.
  again = await serveAgain(srv)
  const admin2 = await login(again.url, 'admin')
  const st = await admin2.get(url)
  assert.equal(st.status, 200, st.text)
  const offset = st.body.offset
  assert.equal(offset, fileSize(part), 'the offset reported is the size of the part on disk')
  assert.ok(offset <= FIRST + SENT, `never more than was sent: ${offset}`)
  assert.ok(offset >= FIRST, 'the first piece, answered 200, is kept')
  assert.equal(st.headers.get('upload-offset'), String(offset))
  assert.equal(st.body.size, SIZE)
  assert.ok(readFileSync(part).equals(file.subarray(0, offset)), 'the kept bytes are the file\'s first bytes')
  const listed = (await admin2.get(`/api/cases/${c.id}/records`)).body.uploads.find((u) => u.id === start.body.id)
  assert.equal(listed?.offset, offset, 'the case page offers to resume it')
  assert.equal(evidenceRows(), evidence0)
  assert.deepEqual(filesUnder(objectsDir), objects0)

  // Resumed from anywhere but the offset: refused. From the offset: finished in two pieces.
  const wrong = await patchUpload(admin2, url, file.subarray(offset + 1, offset + 1000), offset + 1)
  assert.equal(wrong.status, 409, wrong.text)
  assert.equal(wrong.body.code, 'upload.offset')
  const mid = offset + Math.floor((SIZE - offset) / 2)
  const p2 = await patchUpload(admin2, url, file.subarray(offset, mid), offset)
  assert.equal(p2.status, 200, p2.text)
  assert.equal(p2.body.offset, mid)
  const done = await patchUpload(admin2, url, file.subarray(mid), mid)
  assert.equal(done.status, 201, done.text)
  assert.equal(done.body.sm3, sm3hex(file), 'the SM3 of the whole file')
  assert.equal(done.body.sha256, sha256hex(file))
  assert.deepEqual([done.body.size, done.body.kind, done.body.file_name, done.body.device], [SIZE, 'video', 'DSJ0007.mp4', 'DSJ-0007'])

  // One row, one object (the file itself), the part gone.
  assert.equal(evidenceRows(), evidence0 + 1)
  const obj = `${done.body.sm3.slice(0, 2)}/${done.body.sm3.slice(2, 4)}/${done.body.sm3}`
  assert.deepEqual(filesUnder(objectsDir), [...objects0, obj].sort())
  assert.ok(readFileSync(join(objectsDir, obj)).equals(file))
  assert.ok(!existsSync(part), 'the part file is gone')
  assert.equal((await admin2.get(url)).status, 404)
  const served = await admin2.getBytes(`/api/evidence/${done.body.id}/content?download=1`)
  assert.equal(served.status, 200)
  assert.equal(sm3hex(served.bytes), done.body.sm3)
})
