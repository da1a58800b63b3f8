// Shared set-up of the penalty-case API tests: the city market team of the demo, one of its penalty
// matters, six officers certified for the market field on the day the steps are dated, and a
// qualified legal reviewer apart from them.
import assert from 'node:assert/strict'

export const ON = '2026-06-15'

export async function caseFixture(admin, on = ON) {
  const bodies = await admin.get(`/api/bodies?q=${encodeURIComponent('140800-ZF-SCJG')}`)
  const body = bodies.body.items[0]
  assert.ok(body, bodies.text)
  const m = await admin.get(`/api/matters?org_id=${body.org_id}&q=SCJG-CF-001`)
  const matter = m.body.items.find((x) => x.org_id === body.org_id)
  assert.ok(matter, m.text)
  const list = await admin.get(`/api/officers?org_id=${body.org_id}&field=market&cert_state=issued&page_size=100`)
  const officers = []
  for (const o of list.body.items) {
    const e = await admin.get(`/api/officers/${o.id}/eligibility?field=market&date=${on}`)
    if (e.body.certified && !o.legal_reviewer) officers.push(o)
    if (officers.length === 6) break
  }
  assert.ok(officers.length >= 6, 'the demo team has certified officers')
  const reviewers = await admin.get(`/api/officers?org_id=${body.org_id}&legal_reviewer=true&page_size=100`)
  const reviewer = reviewers.body.items.find((o) => o.legal_qualified)
  assert.ok(reviewer, 'the demo team has a qualified legal reviewer')
  const lead = (extra = {}) => ({
    org_id: body.org_id,
    source: 'complaint',
    summary: '群众举报某超市销售过期食品',
    party_name: '某某超市',
    party_type: 'organisation',
    field: 'market',
    matter_id: matter.id,
    act_date: '2026-05-20',
    discovered: '2026-06-01',
    officer_ids: [officers[0].id, officers[1].id],
    ...extra,
  })
  return { body, matter, officers, reviewer, lead }
}

/** A step as `client`, dated `on` unless data says otherwise; answers the raw response. */
export function stepper(client) {
  return (c, action, data = {}, note = '') =>
    client.post(`/api/cases/${c.id}/actions`, { action, version: c.version, note, data: { on: ON, ...data } })
}

/** A step that must succeed; answers the case after it. */
export function oker(client) {
  const step = stepper(client)
  return async (c, action, data, note) => {
    const r = await step(c, action, data, note)
    assert.equal(r.status, 200, `${action}: ${r.text}`)
    return r.body
  }
}
