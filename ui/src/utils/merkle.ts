// Re-checks a ledger inclusion proof in the browser: RFC 9162 §2.1.3.2 with SM3, node hash
// H(0x01 ‖ left ‖ right) (see the ledger section of DESIGN.md).
import type { InclusionProof } from '@/api/types'
import { bytesToHex, hexToBytes, sm3 } from './sm3'

function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length)
  buf[0] = 0x01
  buf.set(left, 1)
  buf.set(right, 1 + left.length)
  return sm3(buf)
}

/** Root hash implied by `leafHash` at `index` in a tree of `size` leaves, or null if the path does not fit. */
export function rootFromInclusionPath(index: number, size: number, leafHash: Uint8Array, path: Uint8Array[]): Uint8Array | null {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return null
  let fn = index
  let sn = size - 1
  let r = leafHash
  for (const p of path) {
    if (sn === 0) return null
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2)
          sn = Math.floor(sn / 2)
        }
      }
    } else {
      r = nodeHash(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  return sn === 0 ? r : null
}

/**
 * true when the path leads from the leaf hash to the root, false when it does not, null when the proof
 * is not in a form this check understands (hashes not 32-byte hex). The leaf's position is the proof's
 * `leaf_index` when given; otherwise `seq - 1` (events are numbered from 1), or `seq` if numbered from 0.
 */
export function verifyInclusion(proof: InclusionProof): boolean | null {
  const leaf = hexToBytes(proof.leaf_hash ?? '')
  const root = hexToBytes(proof.root ?? '')
  const path = (proof.path ?? []).map(hexToBytes)
  if (!leaf || leaf.length !== 32 || !root || root.length !== 32) return null
  if (path.some((p) => !p || p.length !== 32)) return null
  const want = bytesToHex(root)
  const indexes = typeof proof.leaf_index === 'number' ? [proof.leaf_index] : [proof.seq - 1, proof.seq]
  for (const index of indexes) {
    const got = rootFromInclusionPath(index, proof.size, leaf, path as Uint8Array[])
    if (got && bytesToHex(got) === want) return true
  }
  return false
}
