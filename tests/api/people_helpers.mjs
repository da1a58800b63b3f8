// Shared bits of the people API tests (people_*.test.mjs): valid and broken identity numbers and
// credit codes computed here independently of the server, dates in Asia/Shanghai, lookups by code.
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Request options for an .xlsx upload (the raw workbook is the body). */
export const XLSX = { headers: { 'content-type': XLSX_CONTENT_TYPE } }

// GB 11643 check digit.
export function idNumber(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * w[i], 0)
  return first17 + '10X98765432'[sum % 11]
}

/** The same number with a wrong check digit. */
export const wrongCheck = (id) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

/** A distinct valid ID number per (region, n): born 1970+⌊n/1000⌋-01-01, sequence n % 1000. */
export function personId(region, n) {
  const year = 1970 + Math.floor(n / 1000)
  return idNumber(`${region}${year}0101${String(n % 1000).padStart(3, '0')}`)
}

// GB 32100 unified social credit code: 31 characters (no I, O, S, V, Z), weights 3^i mod 31.
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
export function uscc(first17) {
  let sum = 0
  let w = 1
  for (const ch of first17) {
    const v = USCC_CHARS.indexOf(ch)
    if (v < 0) throw new Error(`not a credit code character: ${ch}`)
    sum += v * w
    w = (w * 3) % 31
  }
  return first17 + USCC_CHARS[(31 - (sum % 31)) % 31]
}
export const wrongUscc = (code) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0')

/** Today in Asia/Shanghai as YYYY-MM-DD (what the server calls today). */
export function todayShanghai() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

const iso = (d) => d.toISOString().slice(0, 10)
const parse = (s) => new Date(`${s}T00:00:00Z`)
export const addDays = (s, n) => iso(new Date(parse(s).getTime() + n * 86_400_000))
export function addYears(s, n) {
  const d = parse(s)
  d.setUTCFullYear(d.getUTCFullYear() + n)
  return iso(d)
}

/** Every item of a paged list (page_size 200), following `total`. */
export async function listAll(client, path) {
  const items = []
  const sep = path.includes('?') ? '&' : '?'
  for (let page = 1; ; page++) {
    const r = await client.get(`${path}${sep}page=${page}&page_size=200`)
    if (r.status !== 200) throw new Error(`GET ${path} page ${page}: ${r.status} ${r.text}`)
    items.push(...r.body.items)
    if (items.length >= r.body.total || r.body.items.length === 0) return { items, total: r.body.total }
  }
}

/** org code -> org id for the enforcement bodies whose code or name contains q (all scope). */
export async function bodyIdsByCode(client, q) {
  const { items } = await listAll(client, `/api/bodies?q=${encodeURIComponent(q)}`)
  return Object.fromEntries(items.map((b) => [b.code, b.org_id]))
}

/** The id of an org (any kind) by its code. */
export async function orgIdByCode(client, code) {
  const r = await client.get(`/api/orgs?q=${encodeURIComponent(code)}&page_size=200`)
  const o = r.body.items?.find((x) => x.code === code)
  if (!o) throw new Error(`org ${code} not found: ${r.text}`)
  return o.id
}
