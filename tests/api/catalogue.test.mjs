// The enforcement catalogue over HTTP (docs/api.md "Legal basis library" onwards; DOMAIN.md §3):
// staff law entry and citing it, matters with citations, versions and diffs, scope, the tree and
// the list filters, township lists and their adoption, what a body may use on a date, discretion
// benchmarks and the "try it" decision, lenient-treatment lists, and the public portal.
// The imports and exports are in catalogue_import.test.mjs.
//
// The demo (zhifa demo --without-people) carries the catalogue; each test makes its own matters
// (unique codes) and reads the demo's only where it does not change it, except where noted.
import { test, before, after, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startServer, login, Client, assertProblem } from './harness.mjs'
import { todayShanghai, bodyIdsByCode, listAll } from './people_helpers.mjs'
import { enc, article, uniqueCode, matterEdit, matterDetail, mattersByCode, plusDays } from './catalogue_helpers.mjs'

const today = todayShanghai()
let srv, admin, city, yanhu, yongji, yongjiSfj, township, officer, anon
const body = {} // org code -> org id (bodies)
const county = {} // county code -> county id
let A122, A123, A35 // 《食品安全法》第一百二十二条, 第一百二十三条, 第三十五条

before(async () => {
  srv = await startServer()
  ;[admin, city, yanhu, yongji, yongjiSfj, township, officer] = await Promise.all(
    ['admin', 'sfj_city', 'yanhu_admin', 'yongji_admin', 'yongji_sfj', 'zhongcheng_staff', 'officer_demo'].map((u) => login(srv.url, u)))
  anon = new Client(srv.url)
  for (const q of ['ZF-SCJG', '140802001-ZFB', '140802100-ZFB', '140882100-ZFB', '140882001-ZFB', '140881100-ZFB']) {
    Object.assign(body, await bodyIdsByCode(admin, q))
  }
  const lists = await admin.get('/api/township-lists')
  assert.equal(lists.status, 200, lists.text)
  for (const c of lists.body) county[c.county_code] = c.county_id
  A122 = await article(officer, '《食品安全法》第一百二十二条')
  A123 = await article(officer, '《食品安全法》第一百二十三条')
  A35 = await article(officer, '《食品安全法》第三十五条')
})
after(async () => { await srv?.destroy() })

/** A POST /api/matters body for the city market team (a city-level matter), with `over`. */
function newMatter(over = {}) {
  return {
    org_id: body['140800-ZF-SCJG'],
    code: uniqueCode('TM'),
    name: '对未取得食品经营许可从事食品经营活动的行政处罚（测试）',
    type: 'penalty',
    field: 'market',
    basis: [{ article_id: A35.article_id, clause: '第一款' }, { article_id: A122.article_id, clause: '第一款' }],
    flow: [
      { name: '立案', description: '符合立案标准的，报负责人批准立案', time_limit: '发现之日起15日内' },
      { name: '调查取证', description: '两名以上执法人员调查', time_limit: '' },
      { name: '决定', description: '', time_limit: '立案之日起90日内' },
    ],
    guide: { conditions: '依职权启动', materials: '无需申请材料', fees: '不收费', place: '政务服务中心执法窗口', contact: '12345' },
    effective_from: '2024-01-01',
    ...over,
  }
}

async function createMatter(client, over = {}) {
  const r = await client.post('/api/matters', newMatter(over))
  assert.equal(r.status, 201, r.text)
  return r.body
}

// =============================================================================================
describe('the legal basis library: staff entry', () => {
  test('staff enter a local regulation article by article; it is cited from its effective date on', async () => {
    const title = `运城市测试管理条例${uniqueCode('L')}`
    const short = title.replace(/^运城市/, '')
    const law = { title, short_title: short, level: 'local', issuer: '运城市人民代表大会常务委员会', version_date: '2024-10-30', effective_date: '2025-01-01', field: 'urban' }
    assertProblem(assert, await officer.post('/api/laws', law), 403)
    assertProblem(assert, await city.post('/api/laws', { ...law, level: 'decree' }), 400, { field: 'level' })
    assertProblem(assert, await city.post('/api/laws', { ...law, effective_date: '2025-02-30' }), 400, { field: 'effective_date' })

    const r = await city.post('/api/laws', law)
    assert.equal(r.status, 201, r.text)
    const id = r.body.id
    assert.deepEqual([r.body.title, r.body.short_title, r.body.level, r.body.level_label, r.body.effective_date, r.body.version_date],
      [title, short, 'local', '地方性法规', '2025-01-01', '2024-10-30'])
    assert.deepEqual(r.body.articles, [])
    assertProblem(assert, await city.post('/api/laws', law), 409, { code: 'law.exists' })

    // Articles: number -> label 第N条; a second PUT of the same number replaces the text.
    const a1 = await city.put(`/api/laws/${id}/articles/12`, { chapter: '第三章 法律责任', text: '违反本条例规定的，处一百元以上五百元以下罚款。' })
    assert.equal(a1.status, 200, a1.text)
    const a2 = await city.put(`/api/laws/${id}/articles/12`, { chapter: '第三章 法律责任', text: '违反本条例第八条规定的，责令改正，处二百元以上一千元以下罚款。\n情节严重的，处一千元以上五千元以下罚款。' })
    assert.equal(a2.status, 200, a2.text)
    assert.equal((await city.put(`/api/laws/${id}/articles/3`, { chapter: '第一章 总则', text: '本条例适用于本市行政区域。' })).status, 200)
    assertProblem(assert, await officer.put(`/api/laws/${id}/articles/4`, { text: '越权录入' }), 403)
    assertProblem(assert, await city.put(`/api/laws/${id}/articles/5`, { chapter: '', text: '' }), 400)
    const got = await officer.get(`/api/laws/${id}`)
    assert.equal(got.status, 200, got.text)
    assert.deepEqual(got.body.articles.map((a) => [a.number, a.label]), [[3, '第三条'], [12, '第十二条']])
    const art12 = got.body.articles[1]
    assert.ok(art12.text.includes('\n情节严重的'), 'the replaced text, paragraphs joined by \\n')
    assert.equal(art12.chapter, '第三章 法律责任')
    assert.ok(Number.isInteger(art12.article_id))

    // The library lists it; the citation search finds the article by short title and Arabic numerals.
    const list = await officer.get(`/api/laws?q=${enc('测试管理条例')}`)
    assert.ok(list.body.items.some((l) => l.id === id && l.article_count === 2 && l.effective_date === '2025-01-01'), list.text)
    const hit = await article(officer, `《${short}》第12条`)
    assert.equal(hit.article_id, art12.article_id)
    assert.equal(hit.citation, `《${title}》第十二条`)

    // Cited by a matter: not before the law takes effect.
    const urban = (await bodyIdsByCode(admin, '140800-ZF-CSGL'))['140800-ZF-CSGL']
    const matter = { org_id: urban, type: 'penalty', field: 'urban', name: '对违反测试管理条例第八条的行政处罚', basis: [{ article_id: art12.article_id, clause: '第二款' }], flow: [], guide: {} }
    assertProblem(assert, await city.post('/api/matters', { ...matter, code: uniqueCode('TL'), effective_from: '2024-12-31' }), 400, { code: 'matter.before_law', field: 'effective_from' })
    const ok = await city.post('/api/matters', { ...matter, code: uniqueCode('TL'), effective_from: '2025-01-01' })
    assert.equal(ok.status, 201, ok.text)
    assert.equal(ok.body.basis[0].citation, `《${title}》第十二条第二款`)
    assert.equal(ok.body.basis[0].law_id, id)
    assert.ok(ok.body.basis[0].text.includes('第八条'), ok.body.basis[0].text)

    // Both kinds of entry are in the ledger.
    const events = await admin.get('/api/ledger/events?entity=law&page_size=50')
    const mine = events.body.items.filter((e) => e.entity_id === String(id)).map((e) => e.action)
    assert.ok(mine.includes('law.created'), JSON.stringify(mine))
    assert.ok(mine.filter((a) => /^law\.article/.test(a)).length >= 3, JSON.stringify(mine))
  })
})

// =============================================================================================
describe('matters', () => {
  test('a citation resolves to one article of the library, in Chinese or Arabic numerals, full or short title', async () => {
    assert.equal(A122.citation, '《中华人民共和国食品安全法》第一百二十二条')
    assert.equal((await article(officer, '《中华人民共和国食品安全法》第122条')).article_id, A122.article_id)
    assert.notEqual(A123.article_id, A122.article_id)
  })

  test('a new matter is version 1 with its citations (texts), flow in order and service guide', async () => {
    const input = newMatter()
    const r = await city.post('/api/matters', input)
    assert.equal(r.status, 201, r.text)
    const m = r.body
    assert.equal(m.version, 1)
    assert.equal(m.code, input.code)
    assert.equal(m.org_id, body['140800-ZF-SCJG'])
    assert.equal(m.org_code, '140800-ZF-SCJG')
    assert.equal(m.org_name, '运城市市场监督管理综合行政执法队')
    assert.deepEqual([m.type, m.type_label, m.field, m.field_label], ['penalty', '行政处罚', 'market', '市场监管'])
    assert.deepEqual([m.level, m.level_label, m.list, m.township_kind], ['city', '市级', null, null])
    assert.deepEqual([m.effective_from, m.effective_until, m.effective, m.status, m.sample], ['2024-01-01', null, true, 'active', false])
    assert.deepEqual(m.basis.map((b) => b.citation), ['《中华人民共和国食品安全法》第三十五条第一款', '《中华人民共和国食品安全法》第一百二十二条第一款'])
    assert.deepEqual(m.basis.map((b) => [b.article_id, b.clause, b.label, b.law_short]),
      [[A35.article_id, '第一款', '第三十五条', '食品安全法'], [A122.article_id, '第一款', '第一百二十二条', '食品安全法']])
    assert.ok(m.basis[1].text.includes('未取得食品生产经营许可'), 'the article text comes with the detail')
    assert.deepEqual(m.flow.map((s) => s.name), ['立案', '调查取证', '决定'])
    assert.equal(m.flow[0].time_limit, '发现之日起15日内')
    assert.equal(m.guide.fees, '不收费')
    assert.equal(m.guide.notes, '', 'every guide key is present')
    assert.equal(m.updated_by_name, city.user.display_name)

    assert.deepEqual(await matterDetail(officer, m.id), m, 'everyone signed in reads the same detail')
    const [item] = await mattersByCode(officer, m.code)
    assert.equal(item.id, m.id)
    assert.equal(item.flow, undefined, 'the list has no flow')
    assert.equal(item.guide, undefined, 'the list has no guide')
    assert.ok(item.basis.every((b) => b.text === undefined && b.citation), JSON.stringify(item.basis))
  })

  test('an edit with a reason makes version 2; versions, an old version and the diff show what changed', async () => {
    const m = await createMatter(city)
    const edit = matterEdit(m, {
      name: '对未取得食品生产经营许可从事食品生产经营活动的行政处罚（测试）',
      basis: [{ article_id: A122.article_id, clause: '第一款' }, { article_id: A123.article_id, clause: '' }],
      flow: [...m.flow, { name: '送达', description: '七日内送达', time_limit: '7个工作日' }],
      reason: '依据调整',
    })
    const r = await city.put(`/api/matters/${m.id}`, edit)
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.version, 2)
    assert.equal(r.body.name, edit.name)
    assert.deepEqual(r.body.basis.map((b) => b.article_id), [A122.article_id, A123.article_id])

    const versions = await officer.get(`/api/matters/${m.id}/versions`)
    assert.equal(versions.status, 200, versions.text)
    assert.deepEqual(versions.body.map((v) => v.version), [2, 1], 'newest first')
    assert.equal(versions.body[0].reason, '依据调整')
    assert.equal(versions.body[0].created_by_name, city.user.display_name)
    assert.ok(Number.isInteger(versions.body[0].created_at))
    assert.deepEqual([...versions.body[0].changed].sort(), ['事项名称', '设定依据', '办理流程'].sort())

    const v1 = await officer.get(`/api/matters/${m.id}/versions/1`)
    assert.equal(v1.status, 200, v1.text)
    assert.equal(v1.body.name, m.name)
    assert.deepEqual(v1.body.basis.map((b) => b.article_id), [A35.article_id, A122.article_id])
    assert.deepEqual(v1.body.flow.map((s) => s.name), ['立案', '调查取证', '决定'])
    assertProblem(assert, await officer.get(`/api/matters/${m.id}/versions/9`), 404)

    const diff = await officer.get(`/api/matters/${m.id}/diff?from=1&to=2`)
    assert.equal(diff.status, 200, diff.text)
    assert.deepEqual([diff.body.from, diff.body.to], [1, 2])
    const by = Object.fromEntries(diff.body.changes.map((c) => [c.field, c]))
    assert.deepEqual(Object.keys(by).sort(), ['basis', 'flow', 'name'])
    assert.deepEqual([by.name.label, by.name.before, by.name.after], ['事项名称', m.name, edit.name])
    assert.equal(by.basis.label, '设定依据')
    assert.equal(by.basis.before, '《中华人民共和国食品安全法》第三十五条第一款;《中华人民共和国食品安全法》第一百二十二条第一款')
    assert.equal(by.basis.after, '《中华人民共和国食品安全法》第一百二十二条第一款;《中华人民共和国食品安全法》第一百二十三条')
    assert.match(by.flow.before, /^立案.* → 调查取证.* → 决定/)
    assert.match(by.flow.after, /决定.* → 送达/)
    assert.doesNotMatch(by.flow.before, /送达/)
    assert.deepEqual((await officer.get(`/api/matters/${m.id}/diff?from=2&to=1`)).body.changes.find((c) => c.field === 'name').after, m.name)
    assertProblem(assert, await officer.get(`/api/matters/${m.id}/diff?from=1&to=9`), 404)
    assertProblem(assert, await officer.get(`/api/matters/${m.id}/diff`), 400)
    assertProblem(assert, await officer.get('/api/matters/99999999'), 404)
    assertProblem(assert, await officer.get('/api/matters/99999999/versions'), 404)
  })

  test('a stale version is 409 matter.stale, an unchanged save 400 matter.unchanged, a change without a reason 400', async () => {
    const m = await createMatter(city)
    const v2 = await city.put(`/api/matters/${m.id}`, matterEdit(m, { name: `${m.name}二`, reason: '更名' }))
    assert.equal(v2.status, 200, v2.text)
    // Someone still editing version 1 saves: refused, nothing written.
    assertProblem(assert, await yanhu.put(`/api/matters/${m.id}`, matterEdit(m, { name: `${m.name}三`, reason: 'x' })), 403)
    assertProblem(assert, await admin.put(`/api/matters/${m.id}`, matterEdit(m, { name: `${m.name}三`, reason: '迟到的修改' })), 409, { code: 'matter.stale' })
    assertProblem(assert, await admin.put(`/api/matters/${m.id}`, matterEdit(v2.body, { reason: '什么也没改' })), 400, { code: 'matter.unchanged' })
    assertProblem(assert, await admin.put(`/api/matters/${m.id}`, matterEdit(v2.body, { name: `${m.name}四`, reason: '' })), 400, { field: 'reason' })
    const now = await matterDetail(admin, m.id)
    assert.equal(now.version, 2)
    assert.equal(now.name, `${m.name}二`)
    assert.equal((await admin.get(`/api/matters/${m.id}/versions`)).body.length, 2)
  })

  test('refused input: unknown article, before the law, until before from, code taken, bad type/field/name', async () => {
    const code = uniqueCode('TE')
    const bad = async (over, status, opts) => assertProblem(assert, await city.post('/api/matters', newMatter({ code, ...over })), status, opts)
    await bad({ basis: [{ article_id: 99999999 }] }, 400, { code: 'matter.article_unknown' })
    await bad({ basis: [{ article_id: A122.article_id }], effective_from: '2021-04-28' }, 400, { code: 'matter.before_law', field: 'effective_from' })
    await bad({ effective_from: '2024-06-01', effective_until: '2024-05-31' }, 400, { field: 'effective_until' })
    await bad({ type: 'fine' }, 400, { field: 'type' })
    await bad({ field: 'fishing' }, 400, { field: 'field' })
    await bad({ name: '' }, 400, { field: 'name' })
    await bad({ basis: [] }, 400, { field: 'basis' })
    await bad({ effective_from: '2024-02-30' }, 400, { field: 'effective_from' })
    await bad({ org_id: county['140881'] }, 400, { field: 'list' }) // a county holds township lists only
    assert.deepEqual(await mattersByCode(admin, code), [], 'nothing was stored')

    // The day the law took effect is fine (食品安全法 2021-04-29).
    const first = await city.post('/api/matters', newMatter({ code, basis: [{ article_id: A122.article_id }], effective_from: '2021-04-29' }))
    assert.equal(first.status, 201, first.text)
    // A code is unique within its holder (the demo's SCJG-CF-001 too), not across holders.
    await bad({}, 409, { code: 'matter.code_taken', field: 'code' })
    assertProblem(assert, await city.post('/api/matters', newMatter({ code: 'SCJG-CF-001' })), 409, { code: 'matter.code_taken' })
    const other = await city.post('/api/matters', newMatter({ code, org_id: body['140881-ZF-SCJG'] }))
    assert.equal(other.status, 201, other.text)
    assert.equal(other.body.level, 'county')
    assert.equal(other.body.county_name, '永济市')
    assert.equal((await mattersByCode(admin, code)).length, 2)
  })

  test('a county administrator changes the matters of their own county only', async () => {
    const cityMatter = await createMatter(city)
    const hejin = await createMatter(city, { org_id: body['140882-ZF-SCJG'] })
    // Another holder's matter: 403, whatever the body.
    assertProblem(assert, await yongji.put(`/api/matters/${cityMatter.id}`, matterEdit(cityMatter, { name: '越权修改', reason: 'x' })), 403)
    assertProblem(assert, await yongji.put(`/api/matters/${hejin.id}`, matterEdit(hejin, { name: '越权修改', reason: 'x' })), 403)
    assertProblem(assert, await yongji.post('/api/matters', newMatter({ org_id: body['140882-ZF-SCJG'] })), 403)
    assertProblem(assert, await yongji.post('/api/matters', newMatter({ org_id: body['140800-ZF-SCJG'] })), 403)
    assert.equal((await matterDetail(admin, hejin.id)).version, 1)

    // Their own county's team: create and edit.
    const own = await yongji.post('/api/matters', newMatter({ org_id: body['140881-ZF-SCJG'] }))
    assert.equal(own.status, 201, own.text)
    const edited = await yongji.put(`/api/matters/${own.body.id}`, matterEdit(own.body, { name: `${own.body.name}（永济）`, reason: '本县调整' }))
    assert.equal(edited.status, 200, edited.text)
    assert.equal(edited.body.version, 2)
    assert.equal(edited.body.updated_by_name, yongji.user.display_name)

    // Read-only roles read everything and change nothing.
    assertProblem(assert, await yongjiSfj.put(`/api/matters/${own.body.id}`, matterEdit(edited.body, { name: 'x', reason: 'x' })), 403)
    assertProblem(assert, await yongjiSfj.post('/api/matters', newMatter({ org_id: body['140881-ZF-SCJG'] })), 403)
    assertProblem(assert, await officer.post('/api/matters', newMatter()), 403)
    assertProblem(assert, await township.post('/api/matters', newMatter({ org_id: body['140802001-ZFB'] })), 403)
    assert.equal((await matterDetail(township, own.body.id)).version, 2)
  })

  test('a county administrator maintains their county\'s township list with the documented PUT body; the item stays in its list', async () => {
    // PUT /api/matters/{id} takes {name, type, field, basis, flow, guide, effective_from, effective_until,
    // status, reason, version}: no list. A township-list item keeps its list and township_kind.
    const list = await admin.get(`/api/matters?county_id=${county['140881']}&list=statutory&page_size=200`)
    const street = list.body.items.find((m) => m.township_kind === 'street')
    const item = await matterDetail(yongji, street.id)
    assertProblem(assert, await yanhu.put(`/api/matters/${item.id}`, matterEdit(item, { name: '越权', reason: 'x' })), 403)
    const g = await yongji.put(`/api/matters/${item.id}`, matterEdit(item, { guide: { ...item.guide, notes: '永济市补充说明' }, reason: '补充服务指南' }))
    assert.equal(g.status, 200, g.text)
    assert.equal(g.body.guide.notes, '永济市补充说明')
    assert.equal(g.body.version, item.version + 1)
    assert.deepEqual([g.body.org_id, g.body.level, g.body.list, g.body.township_kind, g.body.list_label],
      [county['140881'], 'township', 'statutory', 'street', '法定事项(街道)'])
    const counts = (await officer.get(`/api/township-lists?county_id=${county['140881']}`)).body[0].lists.map((l) => l.count)
    assert.deepEqual(counts, [20, 7, 55])
  })

  test('the tree counts matters by field and holder, in agreement with the list', async () => {
    await createMatter(city, { field: 'market' })
    const tree = await officer.get('/api/matters/tree')
    assert.equal(tree.status, 200, tree.text)
    const all = await officer.get('/api/matters?page_size=1')
    let sum = 0
    for (const node of tree.body) {
      assert.ok(node.field_label && node.count > 0, JSON.stringify(node).slice(0, 200))
      assert.equal(node.orgs.reduce((s, o) => s + o.count, 0), node.count, `${node.field}: holders add up`)
      const byField = await officer.get(`/api/matters?field=${node.field}&page_size=1`)
      assert.equal(byField.body.total, node.count, `${node.field}: the list agrees`)
      sum += node.count
    }
    assert.equal(sum, all.body.total, 'the fields add up to the catalogue')
    const market = tree.body.find((n) => n.field === 'market')
    const cityTeam = market.orgs.find((o) => o.org_id === body['140800-ZF-SCJG'])
    assert.equal(cityTeam.level, 'city')
    const team = await officer.get(`/api/matters?org_id=${body['140800-ZF-SCJG']}&field=market&page_size=1`)
    assert.equal(cityTeam.count, team.body.total)
    // The township lists: each county holds 20 + 7 + 55 items in its own node.
    const town = tree.body.find((n) => n.orgs.some((o) => o.org_id === county['140882']))
    const hejin = town.orgs.find((o) => o.org_id === county['140882'])
    assert.deepEqual([hejin.level, hejin.count], ['township', 82])
  })

  test('list filters: field, type, level, list, county, holder (with what is below it), q by code or by a cited law', async () => {
    const check = async (query, pred, label) => {
      const { items, total } = await listAll(officer, `/api/matters?${query}`)
      assert.ok(total > 0, `${label}: some`)
      assert.equal(items.length, total)
      for (const m of items) assert.ok(pred(m), `${label}: ${JSON.stringify(m).slice(0, 300)}`)
      return items
    }
    await check('field=ecology', (m) => m.field === 'ecology' && m.field_label === '生态环境', 'field')
    await check('type=licence', (m) => m.type === 'licence' && m.type_label === '行政许可', 'type')
    await check('level=city', (m) => m.level === 'city' && m.county_name === '市本级', 'level')
    const delegated = await check('list=delegated', (m) => m.list === 'delegated' && m.township_kind === 'all' && m.level === 'township', 'list')
    assert.equal(delegated.length, 13 * 55)
    const hejin = await check(`county_id=${county['140882']}&list=statutory`, (m) => m.county_name === '河津市' && m.list === 'statutory', 'county')
    assert.deepEqual([hejin.filter((m) => m.township_kind === 'town').length, hejin.filter((m) => m.township_kind === 'street').length], [20, 7])
    await check(`county_id=${county['140881']}`, (m) => m.county_name === '永济市', 'county_id')
    // org_id = the county: its teams' matters and its lists.
    const below = await check(`org_id=${county['140881']}&level=county`, (m) => m.county_name === '永济市' && m.level === 'county', 'org_id below')
    assert.ok(below.some((m) => m.org_code === '140881-ZF-SCJG'))
    await check(`org_id=${body['140881-ZF-SCJG']}`, (m) => m.org_id === body['140881-ZF-SCJG'], 'org_id')
    // q: a code, or the title of a cited law.
    const code = await check(`q=${enc('SCJG-CF-001')}`, (m) => m.code === 'SCJG-CF-001', 'q code')
    assert.ok(code.length >= 13, 'the city and every county team hold SCJG-CF-001')
    await check(`q=${enc('城镇燃气管理条例')}`, (m) => m.basis.some((b) => b.citation.includes('《城镇燃气管理条例》')), 'q law title')
    // effective: today's status.
    const m = await createMatter(city, { effective_from: plusDays(today, 30) })
    assert.equal(m.effective, false)
    const off = await officer.get(`/api/matters?effective=false&q=${enc(m.code)}`)
    assert.deepEqual(off.body.items.map((x) => x.id), [m.id])
    assert.equal((await officer.get(`/api/matters?effective=true&q=${enc(m.code)}`)).body.total, 0)
    // Every signed-in role reads the whole catalogue (政府信息公开).
    const totals = await Promise.all([admin, township, officer, yongjiSfj].map(async (c) => (await c.get('/api/matters?page_size=1')).body.total))
    assert.equal(new Set(totals).size, 1, JSON.stringify(totals))
    assertProblem(assert, await officer.get('/api/matters?type=fine'), 400, { field: 'type' })
  })
})

// =============================================================================================
describe('township lists, adoption and usable matters', () => {
  test('every county holds a town list (20), a street list (7) and a delegated list (55), adopted 2024-04-01 except 河津市 delegated', async () => {
    const r = await township.get('/api/township-lists')
    assert.equal(r.status, 200, r.text)
    assert.equal(r.body.length, 13)
    for (const c of r.body) {
      const lists = Object.fromEntries(c.lists.map((l) => [`${l.list}/${l.township_kind}`, l]))
      assert.deepEqual(Object.keys(lists).sort(), ['delegated/all', 'statutory/street', 'statutory/town'], c.county_name)
      assert.deepEqual([lists['statutory/town'].count, lists['statutory/street'].count, lists['delegated/all'].count], [20, 7, 55], c.county_name)
      for (const [key, l] of Object.entries(lists)) {
        if (c.county_code === '140882' && key === 'delegated/all') {
          assert.equal(l.adoption, null, '河津市 has not adopted its delegated list')
        } else {
          assert.equal(l.adoption?.effective_from, '2024-04-01', `${c.county_name} ${key}`)
          assert.ok(l.adoption.decision_no && l.adoption.decided_on, JSON.stringify(l.adoption))
        }
      }
    }
    const one = await township.get(`/api/township-lists?county_id=${county['140881']}`)
    assert.deepEqual(one.body.map((c) => c.county_name), ['永济市'])
  })

  test('usable matters: a street office gets the street list, a town office the town list, both the delegated list, from the adoption date', async () => {
    const usable = async (code, date) => {
      const r = await township.get(`/api/matters/usable?org_id=${body[code]}${date ? `&date=${date}` : ''}`)
      assert.equal(r.status, 200, r.text)
      return r.body.items
    }
    const street = await usable('140802001-ZFB') // 中城街道
    const statutory = street.filter((m) => m.list === 'statutory')
    assert.deepEqual([statutory.length, street.filter((m) => m.list === 'delegated').length, street.length], [7, 55, 62])
    assert.ok(statutory.every((m) => m.township_kind === 'street' && m.code.startsWith('JDFD-')), JSON.stringify(statutory.map((m) => m.code)))
    const town = await usable('140802100-ZFB') // 解州镇
    const townStatutory = town.filter((m) => m.list === 'statutory')
    assert.deepEqual([townStatutory.length, town.length], [20, 75])
    assert.ok(townStatutory.every((m) => m.township_kind === 'town' && m.code.startsWith('XZFD-')))
    assert.ok(town.filter((m) => m.list === 'delegated').every((m) => m.code.startsWith('XZFQ-') && m.county_name === '盐湖区'))
    // The lists apply from the adoption's effective date.
    assert.equal((await usable('140802100-ZFB', '2024-03-31')).length, 0, 'the day before adoption: none of the lists')
    assert.equal((await usable('140802100-ZFB', '2024-04-01')).length, 75)
    // A township office's own matter counts, on any date it is in force.
    const own = await createMatter(admin, { org_id: body['140802100-ZFB'], field: 'township', effective_from: '2024-01-01' })
    assert.equal(own.level, 'township')
    assert.deepEqual((await usable('140802100-ZFB', '2024-03-31')).map((m) => m.id), [own.id])
    assert.equal((await usable('140802100-ZFB')).length, 76)
    // A city team: its own matters only.
    const team = await usable('140800-ZF-SCJG')
    assert.ok(team.length > 0 && team.every((m) => m.org_id === body['140800-ZF-SCJG'] && m.list === null))
    assertProblem(assert, await township.get(`/api/matters/usable?org_id=${body['140802100-ZFB']}&date=2024-13-01`), 400)
    assertProblem(assert, await township.get('/api/matters/usable'), 400, { field: 'org_id' })
  })

  test('河津市 adopts its delegated list: refused outside its scope; applies from its effective date; published once in force', async () => {
    const hejin = county['140882']
    const fancun = body['140882100-ZFB'] // 樊村镇 (a town of 河津市)
    const usableCount = async (date) => {
      const r = await officer.get(`/api/matters/usable?org_id=${fancun}${date ? `&date=${date}` : ''}`)
      assert.equal(r.status, 200, r.text)
      return r.body.items.length
    }
    const publicDelegated = async () => {
      const r = await anon.get('/public/api/township-lists?county=140882')
      assert.equal(r.status, 200, r.text)
      return r.body.lists.filter((l) => l.list === 'delegated')
    }
    const publicMatters = async () => (await listAll(anon, '/public/api/matters?county=140882')).items.filter((m) => m.list_label === '赋权事项').length
    const delegatedItem = (await officer.get(`/api/matters?county_id=${hejin}&list=delegated&page_size=1`)).body.items[0]
    assert.equal(delegatedItem.level, 'township')
    assertProblem(assert, await anon.get(`/public/api/matters/${delegatedItem.id}`), 404)
    assert.equal(await usableCount(), 20, 'before adoption: the town list only')
    assert.deepEqual(await publicDelegated(), [], 'an unadopted list is not published')
    assert.equal(await publicMatters(), 0)
    const pub = await anon.get('/public/api/township-lists?county=140882')
    assert.deepEqual(pub.body.lists.map((l) => [l.list, l.township_kind, l.items.length]).sort(), [['statutory', 'street', 7], ['statutory', 'town', 20]])

    const decision = { county_id: hejin, list: 'delegated', decision_no: '河政发〔2026〕1号', decided_on: today, effective_from: plusDays(today, 10) }
    assertProblem(assert, await yanhu.post('/api/township-lists/adoptions', decision), 403) // another county's administrator
    assertProblem(assert, await yongjiSfj.post('/api/township-lists/adoptions', decision), 403) // no permission
    assertProblem(assert, await officer.post('/api/township-lists/adoptions', decision), 403)
    assertProblem(assert, await admin.post('/api/township-lists/adoptions', { ...decision, effective_from: plusDays(today, -1) }), 400, { field: 'effective_from' })
    assertProblem(assert, await admin.post('/api/township-lists/adoptions', { ...decision, list: 'all' }), 400)
    assertProblem(assert, await admin.post('/api/township-lists/adoptions', { ...decision, county_id: body['140882-ZF-SCJG'] }), 400, { field: 'county_id' })
    assertProblem(assert, await admin.post('/api/township-lists/adoptions', { ...decision, decision_no: '' }), 400, { field: 'decision_no' })
    assert.equal((await admin.get(`/api/township-lists/adoptions?county_id=${hejin}`)).body.filter((a) => a.list === 'delegated').length, 0)

    // Adopted to take effect in ten days: not yet usable or published.
    const later = await admin.post('/api/township-lists/adoptions', decision)
    assert.equal(later.status, 201, later.text)
    assert.deepEqual([later.body.decision_no, later.body.effective_from, later.body.adopted_by_name], [decision.decision_no, decision.effective_from, admin.user.display_name])
    const listed = (await officer.get(`/api/township-lists?county_id=${hejin}`)).body[0].lists.find((l) => l.list === 'delegated')
    assert.equal(listed.adoption?.id, later.body.id)
    assert.equal(await usableCount(), 20)
    assert.equal(await usableCount(plusDays(today, 10)), 75, 'from its effective date: 55 more')
    assert.deepEqual(await publicDelegated(), [])

    // A new decision in force today supersedes it: usable and published now.
    const now = await admin.post('/api/township-lists/adoptions', { ...decision, decision_no: '河政发〔2026〕2号', effective_from: today })
    assert.equal(now.status, 201, now.text)
    assert.equal(await usableCount(), 75)
    const street = await officer.get(`/api/matters/usable?org_id=${body['140882001-ZFB']}`)
    assert.equal(street.body.items.length, 7 + 55, '城区街道: the street list and the delegated list')
    const history = await officer.get(`/api/township-lists/adoptions?county_id=${hejin}`)
    assert.deepEqual(history.body.filter((a) => a.list === 'delegated').map((a) => a.decision_no), ['河政发〔2026〕2号', '河政发〔2026〕1号'], 'newest first')
    const [published] = await publicDelegated()
    assert.equal(published?.items.length, 55)
    assert.equal(published.decision_no, '河政发〔2026〕2号')
    assert.equal(await publicMatters(), 55)
    const pubItem = await anon.get(`/public/api/matters/${delegatedItem.id}`)
    assert.equal(pubItem.status, 200, pubItem.text)
    assert.equal(pubItem.body.list, 'delegated')
    // A county administrator adopts their own county's lists (here a revision taking effect later).
    const own = await yongji.post('/api/township-lists/adoptions', { county_id: county['140881'], list: 'statutory', decision_no: '永政发〔2026〕9号', decided_on: today, effective_from: plusDays(today, 60) })
    assert.equal(own.status, 201, own.text)
    assert.equal(own.body.adopted_by_name, yongji.user.display_name)
    // The adoption is in the ledger.
    const events = await admin.get('/api/ledger/events?entity=township_list&page_size=20')
    assert.ok(events.body.items.filter((e) => e.action === 'township_list.adopted').length >= 3, events.text.slice(0, 400))

    // The list's adoption (GET /api/township-lists) is now the superseding decision, in force today,
    // not the earlier decision whose effective date lies ahead.
    const current = (await officer.get(`/api/township-lists?county_id=${hejin}`)).body[0].lists.find((l) => l.list === 'delegated')
    assert.equal(current.adoption?.decision_no, '河政发〔2026〕2号', JSON.stringify(current.adoption))
    assert.equal(current.adoption.effective_from, today)
  })
})

// =============================================================================================
describe('discretion benchmarks', () => {
  let demo // SCJG-JZ-003 (fixed amounts: 轻微 0–500, 一般 500–1500, 较重 1500–2000 元)
  before(async () => {
    const r = await officer.get(`/api/benchmarks?q=${enc('SCJG-JZ-003')}`)
    demo = r.body.items.find((b) => b.code === 'SCJG-JZ-003')
    assert.ok(demo, r.text.slice(0, 300))
  })

  const newBenchmark = (over = {}) => ({
    code: uniqueCode('TB'),
    org_id: body['140800-ZF-SCJG'],
    field: 'market',
    violation: '测试：食品经营者未按规定公示食品经营许可证',
    violated: { article_id: A35.article_id, clause: '第一款' },
    penalty: { article_id: A122.article_id, clause: '第一款' },
    fine_basis: 'fixed',
    statutory_min: 5_000_000,
    statutory_max: 10_000_000,
    levels: [
      { key: 'general', label: '一般', criteria: '初次发现，经营时间短', min: 5_000_000, max: 7_000_000, other: ['没收违法所得'], minor: false },
      { key: 'serious', label: '较重', criteria: '经营时间长或者拒不改正', min: 7_000_000, max: 10_000_000, other: ['没收违法所得', '没收违法生产经营的食品'], minor: false },
    ],
    source: '测试基准',
    ...over,
  })

  test('the demo carries 44 benchmarks with their articles and ascending levels in fen', async () => {
    const { items, total } = await listAll(officer, '/api/benchmarks')
    assert.ok(total >= 44, String(total))
    const demoItems = items.filter((b) => /^[A-Z]+-JZ-\d{3}$/.test(b.code))
    assert.equal(demoItems.length, 44)
    for (const b of demoItems) {
      assert.ok(b.violated.citation.startsWith('《') && b.penalty.citation.startsWith('《'), b.code)
      assert.ok(['fixed', 'gains', 'value'].includes(b.fine_basis), b.code)
      let prev = null
      for (const l of b.levels) {
        assert.ok(l.min <= l.max && l.min >= b.statutory_min && l.max <= b.statutory_max, `${b.code} ${l.key}`)
        if (prev) assert.ok(l.min >= prev.max, `${b.code}: levels ascend`)
        prev = l
      }
    }
    const d = await officer.get(`/api/benchmarks/${demo.id}`)
    assert.equal(d.status, 200, d.text)
    assert.deepEqual(d.body.levels.map((l) => [l.key, l.min, l.max]), [['minor', 0, 50_000], ['general', 50_000, 150_000], ['serious', 150_000, 200_000]])
    assert.ok(d.body.penalty.text.length > 20, 'the penalty article text')
    assertProblem(assert, await officer.get('/api/benchmarks/99999999'), 404)
  })

  test('a benchmark is created and edited with versions; a range with min > max and overlapping levels are refused', async () => {
    const bad = async (over, code) => {
      const input = newBenchmark(over)
      assertProblem(assert, await city.post('/api/benchmarks', input), 400, code ? { code } : {})
      assert.equal((await officer.get(`/api/benchmarks?q=${enc(input.code)}`)).body.total, 0, 'nothing stored')
    }
    await bad({ levels: [{ key: 'general', label: '一般', min: 7_000_000, max: 6_000_000 }] }, 'discretion.range')
    await bad({ statutory_min: 10_000_000, statutory_max: 5_000_000, levels: [{ key: 'general', label: '一般', min: 5_000_000, max: 10_000_000 }] }, 'discretion.range')
    await bad({ levels: [{ key: 'general', label: '一般', min: 5_000_000, max: 8_000_000 }, { key: 'serious', label: '较重', min: 7_000_000, max: 10_000_000 }] }, 'discretion.overlap')
    await bad({ levels: [{ key: 'serious', label: '较重', min: 7_000_000, max: 10_000_000 }, { key: 'general', label: '一般', min: 5_000_000, max: 7_000_000 }] }, 'discretion.overlap')
    await bad({ levels: [{ key: 'general', label: '一般', min: 4_000_000, max: 7_000_000 }] }) // outside the statutory range
    await bad({ penalty: { article_id: 99999999 } }) // an unknown article
    assertProblem(assert, await officer.post('/api/benchmarks', newBenchmark()), 403)
    assertProblem(assert, await yongji.post('/api/benchmarks', newBenchmark()), 403, {}) // the city team is outside 永济市

    const input = newBenchmark()
    const r = await city.post('/api/benchmarks', input)
    assert.equal(r.status, 201, r.text)
    const b = r.body
    assert.deepEqual([b.code, b.version, b.fine_basis, b.statutory_min, b.statutory_max], [input.code, 1, 'fixed', 5_000_000, 10_000_000])
    assert.deepEqual(b.levels.map((l) => [l.key, l.label, l.min, l.max, l.other]), input.levels.map((l) => [l.key, l.label, l.min, l.max, l.other]))
    assert.equal(b.violated.citation, '《中华人民共和国食品安全法》第三十五条第一款')
    assert.equal(b.penalty.citation, '《中华人民共和国食品安全法》第一百二十二条第一款')
    assertProblem(assert, await city.post('/api/benchmarks', newBenchmark({ code: input.code })), 409)

    // PUT takes the same body plus reason and version.
    const edit = { ...input, levels: [input.levels[0], { ...input.levels[1], max: 9_000_000 }], reason: '调整较重等级上限', version: 1 }
    const u = await city.put(`/api/benchmarks/${b.id}`, edit)
    assert.equal(u.status, 200, u.text)
    assert.equal(u.body.version, 2)
    assert.equal(u.body.levels[1].max, 9_000_000)
    assertProblem(assert, await city.put(`/api/benchmarks/${b.id}`, { ...edit, reason: '迟到的修改' }), 409) // still at version 1
    assertProblem(assert, await city.put(`/api/benchmarks/${b.id}`, { ...edit, levels: [{ ...input.levels[0], max: 8_000_000 }, input.levels[1]], version: 2 }), 400, { code: 'discretion.overlap' })
    const versions = await officer.get(`/api/benchmarks/${b.id}/versions`)
    assert.equal(versions.status, 200, versions.text)
    assert.deepEqual(versions.body.map((v) => [v.version, v.reason]), [[2, '调整较重等级上限'], [1, versions.body[1].reason]])
    assert.equal((await officer.get(`/api/benchmarks/${b.id}`)).body.version, 2)
  })

  test('decide: the level\'s range in fen; lighter circumstances the lower half, aggravating the upper half', async () => {
    const decide = async (c) => {
      const r = await officer.post(`/api/benchmarks/${demo.id}/decide`, c)
      assert.equal(r.status, 200, r.text)
      return r.body
    }
    const plain = await decide({ level: 'general' })
    assert.deepEqual([plain.outcome, plain.min_fen, plain.max_fen], ['penalty', 50_000, 150_000])
    assert.equal(plain.outcome_label, '处罚')
    assert.ok(plain.articles.includes('《中华人民共和国食品安全法》第一百二十五条'), JSON.stringify(plain.articles))
    assert.ok(plain.articles.includes('《中华人民共和国食品安全法》第六十七条'), JSON.stringify(plain.articles))
    assert.ok(plain.reasons.some((r) => r.includes('一般')), JSON.stringify(plain.reasons))

    const lighter = await decide({ level: 'general', lighter_reasons: ['主动消除或者减轻违法行为危害后果'] })
    assert.deepEqual([lighter.min_fen, lighter.max_fen], [50_000, 100_000], 'the lower half of 500–1500 元')
    assert.ok(lighter.articles.includes('《中华人民共和国行政处罚法》第三十二条'), JSON.stringify(lighter.articles))
    const heavier = await decide({ level: 'general', aggravating_reasons: ['拒不配合调查'] })
    assert.deepEqual([heavier.min_fen, heavier.max_fen], [100_000, 150_000], 'the upper half')
    const both = await decide({ level: 'general', lighter_reasons: ['配合调查'], aggravating_reasons: ['多次违法'] })
    assert.deepEqual([both.min_fen, both.max_fen], [50_000, 150_000])
    for (const d of [plain, lighter, heavier, both]) assert.ok(d.min_fen >= 50_000 && d.max_fen <= 150_000, 'inside the level')

    const minor = await decide({ level: 'minor', harm: 'none', corrected_in_days: 3 })
    assert.deepEqual([minor.outcome, minor.min_fen, minor.max_fen], ['no_penalty', 0, 0])
    assert.ok(minor.articles.includes('《中华人民共和国行政处罚法》第三十三条第一款'), JSON.stringify(minor.articles))
    const noFault = await decide({ level: 'serious', no_fault: true })
    assert.equal(noFault.outcome, 'no_penalty')
    assert.ok(noFault.articles.includes('《中华人民共和国行政处罚法》第三十三条第二款'))

    assertProblem(assert, await officer.post(`/api/benchmarks/${demo.id}/decide`, { level: 'grave' }), 400, { field: 'level' })
    assertProblem(assert, await officer.post(`/api/benchmarks/${demo.id}/decide`, { level: 'general', choose_mitigation: true }), 400, { field: 'choose_mitigation' })
    assertProblem(assert, await officer.post(`/api/benchmarks/${demo.id}/decide`, { level: 'general', harm: 'huge' }), 400, { field: 'harm' })
    assertProblem(assert, await officer.post('/api/benchmarks/99999999/decide', { level: 'general' }), 404)

    // A multiple of the goods value: the base is required and the range is in fen of it.
    const value = (await listAll(officer, '/api/benchmarks')).items.find((b) => b.code === 'SCJG-JZ-005')
    assert.equal(value.fine_basis, 'value')
    const lvl = value.levels[0]
    assertProblem(assert, await officer.post(`/api/benchmarks/${value.id}/decide`, { level: lvl.key }), 400, { field: 'base_fen' })
    const v = await officer.post(`/api/benchmarks/${value.id}/decide`, { level: lvl.key, base_fen: 1_000_000 })
    assert.equal(v.status, 200, v.text)
    assert.deepEqual([v.body.min_fen, v.body.max_fen], [lvl.min * 1000, lvl.max * 1000], '1 万元 × the level\'s multiples')
  })

  test('decide: an entry needing confirmation is a candidate until confirmed; then it applies', async () => {
    // BYCF-001 (不予处罚, SCJG-JZ-003): first violation, harm at most minor, corrected within 10 days.
    const facts = { level: 'general', first_violation: true, harm: 'minor', corrected_in_days: 5 }
    const d1 = await officer.post(`/api/benchmarks/${demo.id}/decide`, facts)
    assert.equal(d1.status, 200, d1.text)
    assert.deepEqual(d1.body.lenient_candidates.map((e) => e.code), ['BYCF-001'])
    assert.deepEqual(d1.body.lenient_matches, [])
    assert.equal(d1.body.lenient_candidates[0].kind, 'no_penalty')
    assert.ok(d1.body.lenient_candidates[0].conditions.includes('初次违法'))
    assert.equal(d1.body.outcome, 'may_waive', '首违不罚: may go unpunished, not yet no penalty')
    assert.deepEqual([d1.body.min_fen, d1.body.max_fen], [50_000, 150_000])

    const d2 = await officer.post(`/api/benchmarks/${demo.id}/decide`, { ...facts, confirmed_entries: ['BYCF-001'] })
    assert.equal(d2.status, 200, d2.text)
    assert.deepEqual(d2.body.lenient_matches.map((e) => e.code), ['BYCF-001'])
    assert.deepEqual(d2.body.lenient_candidates, [])
    assert.deepEqual([d2.body.outcome, d2.body.min_fen, d2.body.max_fen], ['no_penalty', 0, 0])
    assert.ok(d2.body.articles.includes('《中华人民共和国行政处罚法》第三十三条第一款'), JSON.stringify(d2.body.articles))

    // MYQZ-001 (免予行政强制, no harm, corrected within 10 days): once confirmed, no coercive measure.
    const nc = { level: 'general', harm: 'none', corrected_in_days: 5 }
    const n1 = await officer.post(`/api/benchmarks/${demo.id}/decide`, nc)
    assert.deepEqual([n1.body.lenient_candidates.map((e) => e.code), n1.body.no_coercion], [['MYQZ-001'], false])
    const n2 = await officer.post(`/api/benchmarks/${demo.id}/decide`, { ...nc, confirmed_entries: ['MYQZ-001'] })
    assert.deepEqual([n2.body.lenient_matches.map((e) => [e.code, e.kind]), n2.body.no_coercion], [[['MYQZ-001', 'no_coercion']], true])
    assert.deepEqual([n2.body.outcome, n2.body.min_fen, n2.body.max_fen], ['penalty', 50_000, 150_000], 'still a penalty, in the level')

    // Conditions that do not hold: no candidate, whatever is confirmed.
    for (const other of [{ corrected_in_days: 11 }, { first_violation: false }, { harm: 'serious' }]) {
      const d = await officer.post(`/api/benchmarks/${demo.id}/decide`, { ...facts, ...other, confirmed_entries: ['BYCF-001'] })
      assert.equal(d.status, 200, d.text)
      assert.deepEqual([d.body.lenient_candidates, d.body.lenient_matches], [[], []], JSON.stringify(other))
      assert.equal(d.body.outcome === 'no_penalty', false, JSON.stringify(other))
    }
  })
})

// =============================================================================================
describe('lenient-treatment lists', () => {
  test('29 demo entries in four kinds, all needing confirmation; counts by kind stay whole under a kind filter', async () => {
    const r = await officer.get('/api/lenient-entries?page_size=200')
    assert.equal(r.status, 200, r.text)
    const demo = r.body.items.filter((e) => /^(BYCF|CQCF|JQCF|MYQZ)-\d{3}$/.test(e.code))
    assert.equal(demo.length, 29)
    const prefix = { no_penalty: 'BYCF', lighter: 'CQCF', mitigated: 'JQCF', no_coercion: 'MYQZ' }
    const labels = { no_penalty: '不予处罚', lighter: '从轻处罚', mitigated: '减轻处罚', no_coercion: '免予行政强制' }
    for (const e of demo) {
      assert.ok(e.code.startsWith(prefix[e.kind]), `${e.code} is ${e.kind}`)
      assert.equal(e.kind_label, labels[e.kind])
      assert.equal(e.needs_confirmation, true, e.code)
      assert.equal(e.status, 'active')
      assert.ok(e.benchmark_code && e.violation && e.conditions && e.basis, e.code)
    }
    const counts = r.body.counts
    assert.deepEqual(Object.keys(counts).sort(), Object.keys(prefix).sort())
    assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), r.body.total)
    for (const kind of Object.keys(prefix)) {
      const k = await officer.get(`/api/lenient-entries?kind=${kind}&page_size=200`)
      assert.equal(k.body.total, counts[kind], kind)
      assert.ok(k.body.items.every((e) => e.kind === kind))
      assert.deepEqual(k.body.counts, counts, `${kind}: the tabs keep their counts`)
    }
    assertProblem(assert, await officer.get('/api/lenient-entries?kind=maybe'), 400, { field: 'kind' })
  })

  test('an entry is created, refused when wrong, withdrawn; decide and the public list follow', async () => {
    const bench = (await officer.get(`/api/benchmarks?q=${enc('SCJG-JZ-003')}`)).body.items.find((b) => b.code === 'SCJG-JZ-003')
    const code = uniqueCode('CQCF-T')
    const entry = {
      code, kind: 'lighter', benchmark_id: bench.id, conditions: '测试：危害后果轻微的，从轻处罚', first_violation_only: false,
      max_harm: 'minor', basis: '《中华人民共和国行政处罚法》第三十二条', needs_confirmation: false,
    }
    assertProblem(assert, await officer.post('/api/lenient-entries', entry), 403)
    assertProblem(assert, await city.post('/api/lenient-entries', { ...entry, kind: 'amnesty' }), 400, { field: 'kind' })
    assertProblem(assert, await city.post('/api/lenient-entries', { ...entry, max_harm: 'serious' }), 400, { field: 'max_harm' })
    assertProblem(assert, await city.post('/api/lenient-entries', { ...entry, benchmark_id: 99999999 }), 400, { field: 'benchmark_id' })
    assertProblem(assert, await city.post('/api/lenient-entries', { ...entry, conditions: '' }), 400, { field: 'conditions' })
    assertProblem(assert, await yongji.post('/api/lenient-entries', entry), 403) // a city benchmark
    const before = (await officer.get('/api/lenient-entries')).body.counts

    const r = await city.post('/api/lenient-entries', entry)
    assert.equal(r.status, 201, r.text)
    assert.deepEqual([r.body.code, r.body.kind, r.body.kind_label, r.body.benchmark_code, r.body.needs_confirmation, r.body.status, r.body.corrected_within_days],
      [code, 'lighter', '从轻处罚', 'SCJG-JZ-003', false, 'active', null])
    assertProblem(assert, await city.post('/api/lenient-entries', entry), 409)
    const after = (await officer.get('/api/lenient-entries')).body.counts
    assert.equal(after.lighter, before.lighter + 1)
    assert.ok((await officer.get(`/api/benchmarks/${bench.id}`)).body.lenient.some((e) => e.code === code))

    // Its conditions hold and it needs no confirmation: it applies (lighter: the lower half).
    const facts = { level: 'serious', harm: 'minor' }
    const d = await officer.post(`/api/benchmarks/${bench.id}/decide`, facts)
    assert.equal(d.status, 200, d.text)
    assert.deepEqual(d.body.lenient_matches.map((e) => e.code), [code])
    assert.deepEqual([d.body.min_fen, d.body.max_fen], [150_000, 175_000])

    // Withdrawn: gone from decide, the benchmark and the public list; kept in the staff list.
    const w = await city.put(`/api/lenient-entries/${r.body.id}`, { ...entry, status: 'withdrawn' })
    assert.equal(w.status, 200, w.text)
    assert.equal(w.body.status, 'withdrawn')
    const d2 = await officer.post(`/api/benchmarks/${bench.id}/decide`, facts)
    assert.deepEqual(d2.body.lenient_matches, [])
    assert.deepEqual([d2.body.min_fen, d2.body.max_fen], [150_000, 200_000])
    assert.ok(!(await officer.get(`/api/benchmarks/${bench.id}`)).body.lenient.some((e) => e.code === code))
    const pub = await anon.get(`/public/api/lenient-entries?q=${enc(code)}`)
    assert.equal(pub.status, 200, pub.text)
    assert.equal(pub.body.total, 0)
    const staff = await officer.get(`/api/lenient-entries?q=${enc(code)}`)
    assert.deepEqual(staff.body.items.map((e) => e.status), ['withdrawn'])
  })
})

// =============================================================================================
describe('the public portal', () => {
  test('only matters in force are published; a matter repealed or moved into the future disappears', async () => {
    const inForce = await createMatter(city)
    const future = await createMatter(city, { effective_from: plusDays(today, 30) })
    const expired = await createMatter(city, { effective_from: '2024-01-01', effective_until: '2024-06-30' })
    const repealed = await createMatter(city)
    const published = async (m) => (await anon.get(`/public/api/matters?q=${enc(m.code)}`)).body.items.map((x) => x.id)

    const list = await anon.get(`/public/api/matters?q=${enc(inForce.code)}`)
    assert.equal(list.status, 200, list.text)
    assert.deepEqual(list.body.items.map((x) => x.id), [inForce.id])
    const item = list.body.items[0]
    assert.deepEqual([item.code, item.name, item.type_label, item.field_label, item.org_name, item.county_name, item.level_label],
      [inForce.code, inForce.name, '行政处罚', '市场监管', '运城市市场监督管理综合行政执法队', '市本级', '市级'])
    assert.deepEqual(item.citations, inForce.basis.map((b) => b.citation))
    const detail = await anon.get(`/public/api/matters/${inForce.id}`)
    assert.equal(detail.status, 200, detail.text)
    assert.equal(detail.body.updated_by_name, undefined, 'no user names in public')
    assert.ok(!JSON.stringify(detail.body).includes(city.user.display_name), 'no user names anywhere')
    assert.deepEqual(detail.body.flow.map((s) => s.name), ['立案', '调查取证', '决定'])
    assert.equal(detail.body.guide.fees, '不收费')
    assert.ok(detail.body.basis[0].text.length > 10, 'basis texts')
    assert.deepEqual([detail.body.version, detail.body.effective_from], [1, '2024-01-01'])

    for (const m of [future, expired]) {
      assert.deepEqual(await published(m), [], m.code)
      assertProblem(assert, await anon.get(`/public/api/matters/${m.id}`), 404)
    }
    // Repealed, or moved into the future by an edit: gone from the portal.
    const r1 = await city.put(`/api/matters/${repealed.id}`, matterEdit(repealed, { status: 'repealed', reason: '上位法修改，予以废止' }))
    assert.equal(r1.status, 200, r1.text)
    assert.equal(r1.body.effective, false)
    const r2 = await city.put(`/api/matters/${inForce.id}`, matterEdit(inForce, { effective_from: plusDays(today, 1), reason: '推迟施行' }))
    assert.equal(r2.status, 200, r2.text)
    for (const m of [repealed, inForce]) {
      assert.deepEqual(await published(m), [], m.code)
      assertProblem(assert, await anon.get(`/public/api/matters/${m.id}`), 404)
    }
    // Staff still read all four.
    for (const m of [inForce, future, expired, repealed]) assert.equal((await matterDetail(officer, m.id)).effective, false, m.code)
  })

  test('public matter filters and holders; county township lists as adopted', async () => {
    const yongjiAll = await listAll(anon, '/public/api/matters?county=140881')
    assert.ok(yongjiAll.total > 82, String(yongjiAll.total))
    assert.ok(yongjiAll.items.every((m) => m.county_name === '永济市'))
    const orgs = await anon.get('/public/api/matter-orgs?county=140881')
    assert.equal(orgs.status, 200, orgs.text)
    assert.equal(orgs.body.reduce((s, o) => s + o.count, 0), yongjiAll.total, 'the holders add up')
    assert.ok(orgs.body.some((o) => o.org_name === '永济市' && o.count === 82), JSON.stringify(orgs.body))
    const cityLevel = await listAll(anon, '/public/api/matters?county=140800')
    assert.ok(cityLevel.total > 0 && cityLevel.items.every((m) => m.county_name === '市本级'))
    const licences = await listAll(anon, '/public/api/matters?type=licence&field=market')
    assert.ok(licences.total > 0 && licences.items.every((m) => m.type_label === '行政许可' && m.field_label === '市场监管'))
    const team = await listAll(anon, `/public/api/matters?org_id=${body['140881-ZF-SCJG']}`)
    assert.ok(team.total > 0 && team.items.every((m) => m.org_name === '永济市市场监督管理综合行政执法队'))

    const t = await anon.get('/public/api/township-lists?county=140881')
    assert.equal(t.status, 200, t.text)
    assert.equal(t.body.county_name, '永济市')
    assert.deepEqual(t.body.lists.map((l) => [l.list, l.township_kind, l.items.length]).sort(),
      [['delegated', 'all', 55], ['statutory', 'street', 7], ['statutory', 'town', 20]])
    assert.ok(t.body.lists.every((l) => l.effective_from === '2024-04-01' && l.decision_no))
    assert.ok(t.body.lists[0].items[0].citations.length > 0)
    assertProblem(assert, await anon.get('/public/api/township-lists?county=999999'), 404)
    assertProblem(assert, await anon.get('/public/api/township-lists'), 400, { field: 'county' })
  })

  test('a suspended body\'s matters leave the portal and return when it is active again', async () => {
    const id = body['140881-ZF-SCJG']
    const b = await admin.get(`/api/bodies/${id}`)
    assert.equal(b.status, 200, b.text)
    const put = (status) => admin.put(`/api/bodies/${id}`, { kind: b.body.kind, legal_basis: b.body.legal_basis, fields: b.body.fields, status })
    const count = async () => (await anon.get(`/public/api/matters?org_id=${id}&page_size=1`)).body.total
    const before = await count()
    assert.ok(before > 0)
    const sample = (await anon.get(`/public/api/matters?org_id=${id}&page_size=1`)).body.items[0]
    const s1 = await put('suspended')
    assert.equal(s1.status, 200, s1.text)
    assert.equal(await count(), 0)
    assertProblem(assert, await anon.get(`/public/api/matters/${sample.id}`), 404)
    assert.ok(!(await anon.get('/public/api/matter-orgs?county=140881')).body.some((o) => o.org_id === id))
    assert.equal((await officer.get(`/api/matters?org_id=${id}&page_size=1`)).body.total >= before, true, 'staff still read them')
    const s2 = await put('active')
    assert.equal(s2.status, 200, s2.text)
    assert.equal(await count(), before)
  })

  test('benchmarks and lenient lists are public, without user names; the staff API needs a session', async () => {
    const staffBench = await officer.get('/api/benchmarks?page_size=1')
    const pub = await anon.get('/public/api/benchmarks?page_size=200')
    assert.equal(pub.status, 200, pub.text)
    assert.equal(pub.body.total, staffBench.body.total)
    assert.ok(pub.body.items.every((b) => b.updated_by_name === undefined && b.levels.length > 0))
    const market = await anon.get('/public/api/benchmarks?field=market&page_size=200')
    assert.ok(market.body.total > 0 && market.body.items.every((b) => b.field === 'market'))
    const one = await anon.get(`/public/api/benchmarks/${pub.body.items[0].id}`)
    assert.equal(one.status, 200, one.text)
    assert.equal(one.body.updated_by_name, undefined)
    assert.ok(one.body.penalty.citation)

    const lenient = await anon.get('/public/api/lenient-entries?page_size=200')
    assert.equal(lenient.status, 200, lenient.text)
    const staffActive = (await listAll(officer, '/api/lenient-entries')).items.filter((e) => e.status === 'active')
    assert.equal(lenient.body.total, staffActive.length)
    assert.ok(lenient.body.items.every((e) => e.status === 'active'))
    const np = await anon.get('/public/api/lenient-entries?kind=no_penalty&page_size=200')
    assert.ok(np.body.total > 0 && np.body.items.every((e) => e.kind === 'no_penalty'))

    for (const path of ['/api/matters', '/api/matters/tree', '/api/benchmarks', '/api/lenient-entries', '/api/township-lists', `/api/matters/usable?org_id=${body['140802100-ZFB']}`]) {
      assertProblem(assert, await anon.get(path), 401)
    }
    assertProblem(assert, await anon.post('/api/matters', newMatter()), 401)
    assertProblem(assert, await anon.post(`/api/benchmarks/${pub.body.items[0].id}/decide`, { level: 'general' }), 401)
  })
})
