// What changed between two versions of a text, character by character (Myers' O(ND) diff): used to
// mark, side by side, what the masked public copy of a decision hides (胡莉 → 胡某, an ID number's
// birth date → ********). The texts are mostly equal, so the common head and tail are cut first and
// the diff is given up (null) past `maxEdits` changes: the caller then shows the texts unmarked. Each
// changed run is then slid as far left as equal characters allow, so that 1408021[99001011]234 reads
// 140802[19900101]1234 (both mark the same kept text; the second lines up with the mask).

/** A run of a text, and whether it differs from the other version. */
export interface DiffPart {
  text: string
  changed: boolean
}

/** Splits `chars` into runs of equal `marks`. */
function partsOf(chars: string[], marks: boolean[]): DiffPart[] {
  const out: DiffPart[] = []
  for (let i = 0; i < chars.length; i++) {
    const last = out[out.length - 1]
    if (last && last.changed === marks[i]) last.text += chars[i]
    else out.push({ text: chars[i], changed: marks[i] })
  }
  return out
}

/** Slides each marked run left while the character before it equals its last one. */
function slideLeft(chars: string[], marks: boolean[]): void {
  let i = 0
  while (i < chars.length) {
    if (!marks[i]) {
      i++
      continue
    }
    let s = i
    let e = i
    while (e < chars.length && marks[e]) e++
    i = e
    while (s > 0 && !marks[s - 1] && chars[s - 1] === chars[e - 1]) {
      marks[e - 1] = false
      marks[s - 1] = true
      s--
      e--
    }
  }
}

/**
 * Marks the characters of `a` left out of `b` and those of `b` put in, for texts differing in at most
 * `maxEdits` inserted or deleted characters; otherwise null.
 */
export function diffMarks(a: string[], b: string[], maxEdits = 2000): { a: boolean[]; b: boolean[] } | null {
  const aMarks = a.map(() => false)
  const bMarks = b.map(() => false)
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++
  const A = a.slice(head, a.length - tail)
  const B = b.slice(head, b.length - tail)
  const n = A.length
  const m = B.length
  if (n === 0 || m === 0) {
    for (let i = 0; i < n; i++) aMarks[head + i] = true
    for (let j = 0; j < m; j++) bMarks[head + j] = true
    return { a: aMarks, b: bMarks }
  }
  const limit = Math.min(n + m, maxEdits)
  const offset = limit + 1
  const v = new Int32Array(2 * limit + 3)
  /** trace[d]: v as it was before step d, for k in [-(d+1), d+1] (index k + d + 1). */
  const trace: Int32Array[] = []
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2))
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1
      let y = x - k
      while (x < n && y < m && A[x] === B[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= n && y >= m) {
        backtrack(trace, d, n, m, (i) => (aMarks[head + i] = true), (j) => (bMarks[head + j] = true))
        slideLeft(a, aMarks)
        slideLeft(b, bMarks)
        return { a: aMarks, b: bMarks }
      }
    }
  }
  return null
}

/** Walks the trace back from (n, m), reporting each deleted index of A and inserted index of B. */
function backtrack(trace: Int32Array[], last: number, n: number, m: number, deleted: (i: number) => void, inserted: (j: number) => void) {
  let x = n
  let y = m
  for (let d = last; d > 0; d--) {
    const vPrev = trace[d]
    const at = (k: number) => vPrev[k + d + 1]
    const k = x - y
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1))
    const prevK = down ? k + 1 : k - 1
    const prevX = at(prevK)
    const prevY = prevX - prevK
    while (x > prevX && y > prevY) {
      x--
      y--
    }
    if (down) inserted(prevY)
    else deleted(prevX)
    x = prevX
    y = prevY
  }
}

/** Marks in `marks` every occurrence of each of `needles` in `chars`. */
function markAll(chars: string[], marks: boolean[], needles: string[]): void {
  for (const needle of needles) {
    const nc = Array.from(needle)
    if (nc.length === 0) continue
    for (let i = 0; i + nc.length <= chars.length; i++) {
      if (nc.every((c, j) => chars[i + j] === c)) for (let j = 0; j < nc.length; j++) marks[i + j] = true
    }
  }
}

/**
 * The two texts as runs, marked where they differ; `alsoA` / `alsoB` (e.g. the names to be masked and
 * their masked forms) are marked wherever they occur. When the texts differ too much to compare, only
 * those are marked.
 */
export function diffTexts(a: string, b: string, alsoA: string[] = [], alsoB: string[] = []): { a: DiffPart[]; b: DiffPart[] } {
  const ac = Array.from(a)
  const bc = Array.from(b)
  const marks = diffMarks(ac, bc) ?? { a: ac.map(() => false), b: bc.map(() => false) }
  markAll(ac, marks.a, alsoA)
  markAll(bc, marks.b, alsoB)
  return { a: partsOf(ac, marks.a), b: partsOf(bc, marks.b) }
}
