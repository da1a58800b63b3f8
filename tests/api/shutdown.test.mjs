// Graceful shutdown: SIGTERM lets in-flight requests finish, refuses new connections, closes idle
// ones, and exits 0.
import { test, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import { startServer, tryConnect, parseRawResponse, DEMO_PASSWORD, sleep } from './harness.mjs'

const servers = []
after(async () => {
  await Promise.all(servers.map((s) => s.destroy()))
})

/** Sends one raw request on an open socket and resolves with the whole response once the server closes. */
function sendAndCollect(sock, request) {
  return new Promise((resolve) => {
    const chunks = []
    sock.on('data', (c) => chunks.push(c))
    sock.on('close', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), at: Date.now() }))
    sock.on('error', () => {})
    sock.write(request)
  })
}

/** Resolves true when a log line matching re appears (or already has), false after timeoutMs. */
async function waitForLine(srv, re, timeoutMs) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (srv.logs.some((l) => re.test(l))) return true
    await sleep(2)
  }
  return false
}

describe('SIGTERM', () => {
  test('an in-flight login still gets its complete 200; new connections are refused; the process exits 0', async () => {
    const srv = await startServer()
    servers.push(srv)
    const sock = net.connect({ port: srv.port, host: '127.0.0.1' })
    await new Promise((r, j) => { sock.on('connect', r); sock.on('error', j) })
    // A first request on the same connection makes sure the server has accepted it.
    const warm = await new Promise((resolve) => {
      let buf = ''
      const onData = (c) => {
        buf += c
        if (/\r\n\r\n[\s\S]*\}/.test(buf)) { sock.off('data', onData); resolve(buf) }
      }
      sock.on('data', onData)
      sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n')
    })
    assert.match(warm, /^HTTP\/1\.1 200/)

    const body = JSON.stringify({ username: 'admin', password: DEMO_PASSWORD })
    const request = `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`
    const response = sendAndCollect(sock, request)
    await sleep(5) // right after the request is sent; argon2id keeps it in flight for ~100 ms
    const killedAt = Date.now()
    srv.kill('SIGTERM')
    // Once the server says it is stopping, a new connection must be refused.
    const draining = await waitForLine(srv, /"type":"shutdown"/, 3000)
    await sleep(20)
    const during = draining ? await tryConnect(srv.port) : 'no shutdown line'
    const { text, at } = await response
    const res = parseRawResponse(text)
    assert.equal(res.status, 200, `in-flight response: ${text.slice(0, 300)}`)
    assert.ok(at >= killedAt, 'the response came after SIGTERM (the request really was in flight)')
    assert.equal(Buffer.byteLength(res.body), Number(res.headers['content-length']), 'the body is complete')
    const json = JSON.parse(res.body)
    assert.equal(json.user.username, 'admin')
    assert.ok(json.csrf_token)
    assert.match(res.headers.connection || '', /close/i, 'the server says it closes the connection')
    assert.ok(draining, 'the server logs that it is shutting down')
    assert.notEqual(during, 'connected', 'no new connection is accepted while draining')

    const exited = await Promise.race([srv.exited, sleep(5000).then(() => null)])
    assert.ok(exited, 'the process exits within 5 s')
    assert.equal(exited.code, 0, `exit code (signal ${exited.signal})`)
    assert.equal(await tryConnect(srv.port), 'refused', 'new connections are refused afterwards')
  })

  test('idle keep-alive and half-sent connections do not hold the shutdown up', async () => {
    const srv = await startServer()
    servers.push(srv)
    const idle = await fetch(srv.url + '/healthz') // leaves a keep-alive connection in fetch's pool
    assert.equal(idle.status, 200)
    await idle.text()
    const half = net.connect({ port: srv.port, host: '127.0.0.1' })
    await new Promise((r) => half.on('connect', r))
    half.on('error', () => {})
    half.write('GET /heal')
    await sleep(50)
    const started = Date.now()
    srv.kill('SIGTERM')
    const exited = await Promise.race([srv.exited, sleep(5000).then(() => null)])
    half.destroy()
    assert.ok(exited, 'the process exits within 5 s despite idle connections')
    assert.ok(Date.now() - started < 3000, `took ${Date.now() - started} ms`)
    assert.equal(exited.code, 0)
    assert.ok(srv.logs.some((l) => /"type":"stopped"/.test(l)), 'logs that it stopped')
  })
})
