// After `vite build`: the public portal's bundle must hold no console code. Follows every chunk
// dist/portal.html loads — its scripts and module preloads, then, transitively, every chunk a chunk names
// (static imports, `import()`, Vite's preload lists) — and fails when one of them
//   - contains an API path other than `/public/api/...` (the console's calls are `/api/...`), or
//   - is the console's entry chunk (the one dist/index.html loads).
// Prints what the portal loads before its first page (the entry and its preloads) and in all.
//
// Usage: node scripts/check-portal-bundle.mjs [dist dir, default ./dist]
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'))
const failures = []

/** The JS files an HTML page loads itself: `<script src>` and `<link rel="modulepreload" href>`. */
function scriptsOf(htmlFile) {
  const html = readFileSync(htmlFile, 'utf8')
  const found = []
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)) found.push(m[1])
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+\.js)"/g)) found.push(m[1])
  return found.map((src) => join(dist, src.replace(/^\//, '')))
}

/**
 * The chunks a chunk names: relative imports ("./x.js", static or dynamic) and the dist-relative paths of
 * Vite's preload lists ("assets/x.js").
 */
function chunksNamedIn(file, code) {
  const named = new Set()
  for (const m of code.matchAll(/["'`](\.{1,2}\/[\w.\-/]+\.js)["'`]/g)) named.add(resolve(dirname(file), m[1]))
  for (const m of code.matchAll(/["'`]\/?(assets\/[\w.\-/]+\.js)["'`]/g)) named.add(join(dist, m[1]))
  return [...named]
}

/** Every API path in `code` that is not under /public/api/, with a little context. */
function adminApiPaths(code) {
  const hits = []
  for (const m of code.matchAll(/\/api\//g)) {
    if (code.slice(Math.max(0, m.index - 7), m.index) === '/public') continue
    hits.push(code.slice(Math.max(0, m.index - 30), m.index + 40).replace(/\s+/g, ' '))
  }
  return hits
}

const portalHtml = join(dist, 'portal.html')
if (!existsSync(portalHtml)) {
  console.error(`check-portal-bundle: ${relative(process.cwd(), portalHtml)} is missing (was the portal entry built?)`)
  process.exit(1)
}
const consoleEntries = new Set(existsSync(join(dist, 'index.html')) ? scriptsOf(join(dist, 'index.html')).slice(0, 1) : [])

const initial = scriptsOf(portalHtml)
const seen = new Set()
const queue = [...initial]
while (queue.length) {
  const file = queue.shift()
  if (seen.has(file)) continue
  seen.add(file)
  const name = relative(dist, file)
  if (!existsSync(file)) {
    failures.push(`${name}: named by the portal but not in dist/`)
    continue
  }
  if (consoleEntries.has(file)) failures.push(`${name}: the console's entry chunk is reachable from portal.html`)
  const code = readFileSync(file, 'utf8')
  for (const hit of adminApiPaths(code)) failures.push(`${name}: calls a console API: …${hit}…`)
  queue.push(...chunksNamedIn(file, code))
}

const kb = (files) => (files.reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0) / 1024).toFixed(1)
console.log(`check-portal-bundle: portal.html loads ${initial.length} chunks up front (${kb(initial)} KiB), ${seen.size} in all (${kb([...seen])} KiB)`)
if (failures.length) {
  console.error('check-portal-bundle: the public portal bundle holds console code:')
  for (const f of failures) console.error(`  ${f}`)
  process.exit(1)
}
console.log('check-portal-bundle: no console code or API in the portal bundle')
