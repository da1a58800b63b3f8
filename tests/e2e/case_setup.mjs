// Shared by the case e2e files (not a test file itself): the demo's city market team — its body, a matter
// of the market field it may use, officers certified for that field on given days — cases of that team
// taken through the API to the state a test starts from, and the case page: opening a case and taking a
// step through its dialog.
import assert from 'node:assert/strict'
import { BASE_URL, fillDate, tid, waitForExactText } from './helpers.mjs'

/** The city market team of the demo: its code and name. */
export const BODY_CODE = '140800-ZF-SCJG'
export const BODY_NAME = '运城市市场监督管理综合行政执法队'
/** The day the cases are filed on (and each step is taken on, unless a test says otherwise). */
export const ON = '2026-06-15'
/** POST /api/cases/{id}/actions, a step of a case. */
export const ACTION_PATH = /\/api\/cases\/\d+\/actions$/

/** `day` (YYYY-MM-DD) plus `n` calendar days. */
export const addDays = (day, n) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

// ---- the team ----

/** Whether the officer holds a certificate for the market field on each of `days`. */
export async function certifiedOn(api, officer, days) {
  for (const d of days) {
    if (!(await api.get(`/api/officers/${officer.id}/eligibility?field=market&date=${d}`)).certified) return false
  }
  return true
}

/**
 * The city market team: `{body, matter, officers}` — its body, a matter of the market field it may use and
 * two of its officers (not legal reviewers, so that a reviewer can be picked for their cases) certified
 * for the market field on each of `days`.
 *
 * oneCertificate: only officers with exactly one market certificate, issued (given as `certificate`), so
 *   that suspending it leaves them without any.
 * withReviewer: also `reviewer`, a legally qualified reviewer of the team (undefined when there is none).
 */
export async function marketTeam(api, { days = [ON], oneCertificate = false, withReviewer = false } = {}) {
  const body = (await api.get(`/api/bodies?q=${encodeURIComponent(BODY_CODE)}`)).items.find((b) => b.code === BODY_CODE)
  assert.ok(body, `the demo has ${BODY_CODE}`)
  const matter = (await api.get(`/api/matters/usable?org_id=${body.org_id}`)).items.find((m) => m.field === 'market')
  assert.ok(matter, 'the team may use a market matter')
  const list = await api.get(`/api/officers?org_id=${body.org_id}&field=market&cert_state=issued&page=1&page_size=100`)
  const officers = []
  for (const o of list.items) {
    if (o.legal_reviewer || !(await certifiedOn(api, o, days))) continue
    if (oneCertificate) {
      const market = (await api.get(`/api/officers/${o.id}`)).certificates.filter((c) => (c.fields ?? []).includes('market'))
      if (market.length !== 1 || market[0].state !== 'issued') continue
      officers.push({ ...o, certificate: market[0] })
    } else {
      officers.push(o)
    }
    if (officers.length === 2) break
  }
  if (oneCertificate) assert.equal(officers.length, 2, 'the team has two officers certified for the market field, one certificate each')
  else assert.equal(officers.length, 2, 'the team has two certified officers')
  const team = { body, matter, officers }
  if (withReviewer) {
    const reviewers = await api.get(`/api/officers?org_id=${body.org_id}&legal_reviewer=true&page=1&page_size=100`)
    team.reviewer = reviewers.items.find((o) => o.legal_qualified)
  }
  return team
}

// ---- cases, through the API ----

/** A general-procedure lead of the team against an organisation, with the team's two officers. */
export async function newLead(api, team, { party, summary, source = 'complaint' }) {
  const created = await api.post('/api/cases', {
    org_id: team.body.org_id,
    procedure: 'general',
    source,
    summary,
    party_name: party,
    party_type: 'organisation',
    field: 'market',
    matter_id: team.matter.id,
    act_date: '2026-05-20',
    discovered: '2026-06-01',
    officer_ids: team.officers.map((o) => o.id),
  })
  assert.equal(created.status, 201, created.text)
  return created.body
}

/** Sends step `action` of case `c` (at its version), dated `on`: answers the response. */
const postStep = (api, c, action, data = {}, on = ON) =>
  api.post(`/api/cases/${c.id}/actions`, { action, version: c.version, data: { on, ...data } })

/** Takes step `action` of case `c`, dated `on`; it must succeed. Answers the case after it. */
export async function advance(api, c, action, data = {}, on = ON) {
  const r = await postStep(api, c, action, data, on)
  assert.equal(r.status, 200, `${action}: ${r.text}`)
  return r.body
}

/** A lead of the team, then `steps` ([action, data]) each dated `on`. Answers `{case}`, or `{refused, case}` at the first step refused. */
export async function caseThrough(api, team, { party, summary, on = ON, steps }) {
  let c = await newLead(api, team, { party, summary })
  for (const [action, data = {}] of steps) {
    const r = await postStep(api, c, action, data, on)
    if (r.status !== 200) return { refused: r, case: c }
    c = r.body
  }
  return { case: c }
}

/** A lead of the team filed on `ON` (调查取证). */
export async function filedCase(api, team, party, summary) {
  const filed = await advance(api, await newLead(api, team, { party, summary }), 'file')
  assert.equal(filed.state, 'investigating')
  return filed
}

/**
 * A case of the team taken to 已作出决定 on `ON`: filed, noticed and decided 警告 and a fine of `fineFen`,
 * through a legal review (by `team.reviewer`: see `marketTeam`) when the settings ask for one.
 */
export async function decidedCase(api, team, party, summary, { fineFen }) {
  const penalty = { kinds: ['warning', 'fine'], fine_fen: fineFen }
  let c = await filedCase(api, team, party, summary)
  c = await advance(api, c, 'notify', { penalty, review: {} })
  if (c.review_required) {
    assert.ok(team.reviewer, 'the team has a qualified legal reviewer')
    c = await advance(api, c, 'submit_review')
    c = await advance(api, c, 'review_agree', { reviewer_officer_id: team.reviewer.id })
  } else {
    c = await advance(api, c, 'submit_decision')
  }
  c = await advance(api, c, 'decide', { penalty })
  assert.equal(c.state, 'decided')
  assert.ok(c.decision_no, 'the decision has a number')
  return c
}

// ---- the case page ----

/** Opens the case page and waits for the case. */
export async function openCase(page, c) {
  await page.goto(`${BASE_URL}/cases/${c.id}`)
  await waitForExactText(page, tid('case-party'), c.party_name, 'the case page shows the party')
}

/** Opens the dialog of a step from the case page, 办理日期 `on`, then what `fill` enters. Answers the dialog. */
export async function openStep(page, action, fill = async () => {}, on = ON) {
  await page.locator(tid(`case-action-${action}`)).click()
  const dialog = page.locator(tid('case-action-dialog'))
  await dialog.waitFor({ state: 'visible' })
  await fillDate(page, 'case-action-on', on)
  await dialog.locator('.el-dialog__title').click()
  await fill(dialog)
  return dialog
}

/** Closes the step dialog with its × (nothing sent). */
export async function closeStep(page) {
  await page.locator(tid('case-action-dialog')).locator('.el-dialog__headerbtn').click()
  await page.locator(tid('case-action-dialog')).waitFor({ state: 'hidden' })
}

/**
 * One step from the case page: its button, 办理日期 `on`, what `fill` enters, 确定. Answers the response of
 * POST /api/cases/{id}/actions (`{status, body}`); the dialog closes when it is 200.
 */
export async function act(page, action, fill = async () => {}, on = ON) {
  const dialog = await openStep(page, action, fill, on)
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && ACTION_PATH.test(new URL(r.url()).pathname))
  await page.locator(tid('case-action-submit')).click()
  const res = await answered
  const body = await res.json().catch(() => ({}))
  if (res.status() === 200) {
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(body.steps.at(-1).action, action, `${action} is the last step`)
  }
  return { status: res.status(), body }
}

/** `act`, which must succeed: answers the case after the step. */
export async function actOk(page, action, fill, on = ON) {
  const r = await act(page, action, fill, on)
  assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`)
  return r.body
}
