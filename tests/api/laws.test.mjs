// The legal basis library (法律法规库) over HTTP: the laws the demo carries, whole texts by article,
// and article search, for every signed-in role; nothing without a session.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, Client, assertProblem } from './harness.mjs'

let srv, officer
before(async () => {
  srv = await startServer()
  officer = await login(srv.url, 'officer_demo')
})
after(async () => { await srv?.stop() })

test('the library lists the 32 laws and regulations the fields rely on', async () => {
  const r = await officer.get('/api/laws')
  assert.equal(r.status, 200, r.text)
  assert.equal(r.body.total, 32)
  const apl = r.body.items.find((l) => l.short_title === '行政处罚法')
  assert.deepEqual([apl.title, apl.level, apl.version_date, apl.article_count],
    ['中华人民共和国行政处罚法', 'law', '2021-01-22', 86])
  const regulation = r.body.items.find((l) => l.title === '城镇燃气管理条例')
  assert.equal(regulation.level, 'regulation')
  assert.equal(regulation.issuer, '国务院')
  const market = await officer.get(`/api/laws?field=market&q=${encodeURIComponent('产品质量')}`)
  assert.deepEqual(market.body.items.map((l) => l.short_title), ['产品质量法'])
})

test('a law reads article by article, with chapters and every paragraph', async () => {
  const list = (await officer.get('/api/laws')).body.items
  const apl = list.find((l) => l.short_title === '行政处罚法')
  const r = await officer.get(`/api/laws/${apl.id}`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.body.articles.length, 86)
  const a33 = r.body.articles[32]
  assert.equal(a33.label, '第三十三条')
  assert.equal(a33.number, 33)
  assert.match(a33.chapter, /第四章/)
  assert.ok(a33.text.startsWith('违法行为轻微并及时改正'), a33.text)
  assert.ok(a33.text.includes('\n当事人有证据足以证明没有主观过错的'), 'the second paragraph (款) belongs to the article')
  assertProblem(assert, await officer.get('/api/laws/999999'), 404)
})

test('article search finds the text and gives the citation', async () => {
  const r = await officer.get(`/api/law-articles?q=${encodeURIComponent('初次违法且危害后果轻微')}`)
  assert.equal(r.status, 200, r.text)
  assert.equal(r.body.total, 1)
  assert.equal(r.body.items[0].citation, '《中华人民共和国行政处罚法》第三十三条')
  const fume = await officer.get(`/api/law-articles?q=${encodeURIComponent('油烟')}&page_size=50`)
  assert.ok(fume.body.items.some((a) => a.citation === '《中华人民共和国大气污染防治法》第一百一十八条'), fume.text)
  assertProblem(assert, await officer.get('/api/law-articles'), 400, { field: 'q' })
})

test('no session, no library', async () => {
  assert.equal((await new Client(srv.url).get('/api/laws')).status, 401)
})
