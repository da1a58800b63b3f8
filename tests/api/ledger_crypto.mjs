// An independent verifier for the ledger: RFC 9162 Merkle proofs over SM3 and SM2 signatures
// (GB/T 32918.2, with the default distinguishing ID "1234567812345678"), written from the standards
// in plain JavaScript so that it shares no code with the server. Node's crypto gives SM3 only: its
// crypto.verify() cannot do SM2 (it would need the ID-bound Z digest).
import { createHash, createPublicKey } from 'node:crypto'

export function sm3(...parts) {
  const h = createHash('sm3')
  for (const p of parts) h.update(p)
  return h.digest()
}

const hex = (b) => Buffer.from(b).toString('hex')
const unhex = (s) => Buffer.from(s, 'hex')

// ---------------------------------------------------------------------------------------------
// RFC 9162 §2.1: MTH, inclusion and consistency verification.

export const leafHash = (data) => sm3(Buffer.from([0x00]), data)
export const nodeHash = (l, r) => sm3(Buffer.from([0x01]), l, r)

/** The largest power of two strictly below n (n >= 2). */
function split(n) {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

/** Merkle Tree Hash of a list of leaf hashes (Buffers). */
export function merkleRoot(leaves) {
  if (leaves.length === 0) return sm3(Buffer.alloc(0))
  if (leaves.length === 1) return leaves[0]
  const k = split(leaves.length)
  return nodeHash(merkleRoot(leaves.slice(0, k)), merkleRoot(leaves.slice(k)))
}

/** RFC 9162 §2.1.3.2. index is 0-based. All hashes hex strings. */
export function verifyInclusion(index, size, leafHex, pathHex, rootHex) {
  if (index >= size) return false
  let fn = index
  let sn = size - 1
  let r = unhex(leafHex)
  for (const pHex of pathHex) {
    const p = unhex(pHex)
    if (sn === 0) return false
    if ((fn & 1) === 1 || fn === sn) {
      r = nodeHash(p, r)
      if ((fn & 1) === 0) {
        while ((fn & 1) === 0 && fn !== 0) {
          fn >>= 1
          sn >>= 1
        }
      }
    } else {
      r = nodeHash(r, p)
    }
    fn >>= 1
    sn >>= 1
  }
  return sn === 0 && hex(r) === rootHex
}

/** RFC 9162 §2.1.4.2. All hashes hex strings. */
export function verifyConsistency(first, second, firstRootHex, secondRootHex, pathHex) {
  if (first === 0 || first > second) return false
  if (first === second) return pathHex.length === 0 && firstRootHex === secondRootHex
  if (pathHex.length === 0) return false
  let path = pathHex.map(unhex)
  if ((first & (first - 1)) === 0) path = [unhex(firstRootHex), ...path]
  let fn = first - 1
  let sn = second - 1
  while ((fn & 1) === 1) {
    fn >>= 1
    sn >>= 1
  }
  let fr = path[0]
  let sr = path[0]
  for (const c of path.slice(1)) {
    if (sn === 0) return false
    if ((fn & 1) === 1 || fn === sn) {
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      if ((fn & 1) === 0) {
        while ((fn & 1) === 0 && fn !== 0) {
          fn >>= 1
          sn >>= 1
        }
      }
    } else {
      sr = nodeHash(sr, c)
    }
    fn >>= 1
    sn >>= 1
  }
  return hex(fr) === firstRootHex && hex(sr) === secondRootHex && sn === 0
}

// ---------------------------------------------------------------------------------------------
// SM2 signature verification (GB/T 32918.2-2016 §7), affine arithmetic over BigInt.

const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn
const A = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n
export const SM2_DEFAULT_ID = '1234567812345678'

const mod = (a, m) => ((a % m) + m) % m

function inv(a, m) {
  let [r0, r1] = [mod(a, m), m]
  let [s0, s1] = [1n, 0n]
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[s0, s1] = [s1, s0 - q * s1]
  }
  if (r0 !== 1n) throw new Error('not invertible')
  return mod(s0, m)
}

// Points are [x, y] or null (the point at infinity).
function add(p1, p2) {
  if (!p1) return p2
  if (!p2) return p1
  const [x1, y1] = p1
  const [x2, y2] = p2
  let l
  if (x1 === x2) {
    if (mod(y1 + y2, P) === 0n) return null
    l = mod((3n * x1 * x1 + A) * inv(2n * y1, P), P)
  } else {
    l = mod((y2 - y1) * inv(x2 - x1, P), P)
  }
  const x3 = mod(l * l - x1 - x2, P)
  return [x3, mod(l * (x1 - x3) - y1, P)]
}

function mul(k, pt) {
  let r = null
  let q = pt
  while (k > 0n) {
    if (k & 1n) r = add(r, q)
    q = add(q, q)
    k >>= 1n
  }
  return r
}

const onCurve = ([x, y]) => mod(y * y - (x * x * x + A * x + B), P) === 0n
const big = (buf) => BigInt('0x' + (Buffer.from(buf).toString('hex') || '0'))
const be32 = (n) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex')

/** The uncompressed public point of an SM2 SubjectPublicKeyInfo PEM. */
export function sm2PublicPoint(pem) {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' })
  const pt = der.subarray(der.length - 65)
  if (pt[0] !== 0x04) throw new Error('expected an uncompressed EC point')
  const point = [big(pt.subarray(1, 33)), big(pt.subarray(33))]
  if (!onCurve(point)) throw new Error('the public key is not on the SM2 curve')
  return point
}

/** DER ECDSA-Sig-Value {r, s} -> [r, s]. */
function parseDerSignature(der) {
  let i = 0
  const readLen = () => {
    let len = der[i++]
    if (len & 0x80) {
      const n = len & 0x7f
      len = 0
      for (let k = 0; k < n; k++) len = (len << 8) | der[i++]
    }
    return len
  }
  if (der[i++] !== 0x30) throw new Error('signature is not a DER SEQUENCE')
  const total = readLen()
  if (i + total !== der.length) throw new Error('bad DER length')
  const ints = []
  for (let k = 0; k < 2; k++) {
    if (der[i++] !== 0x02) throw new Error('expected DER INTEGER')
    const len = readLen()
    ints.push(big(der.subarray(i, i + len)))
    i += len
  }
  return ints
}

/** Z_A = SM3(ENTL_A || ID_A || a || b || xG || yG || xA || yA). */
function zDigest(id, [xA, yA]) {
  const idBuf = Buffer.from(id, 'utf8')
  const entl = Buffer.alloc(2)
  entl.writeUInt16BE(idBuf.length * 8)
  return sm3(entl, idBuf, be32(A), be32(B), be32(GX), be32(GY), be32(xA), be32(yA))
}

/** Verifies a DER (hex) SM2 signature of message with the PEM public key. */
export function sm2Verify(publicKeyPem, message, signatureHex, id = SM2_DEFAULT_ID) {
  const PA = sm2PublicPoint(publicKeyPem)
  const [r, s] = parseDerSignature(unhex(signatureHex))
  if (r < 1n || r >= N || s < 1n || s >= N) return false
  const e = big(sm3(zDigest(id, PA), Buffer.from(message)))
  const t = mod(r + s, N)
  if (t === 0n) return false
  const pt = add(mul(s, [GX, GY]), mul(t, PA))
  if (!pt) return false
  return mod(e + pt[0], N) === r
}

// ---------------------------------------------------------------------------------------------
// The ledger's canonical event bytes (src/ledger/ledger.cpp canonical_event, format version 1).

function u64(v) {
  const b = Buffer.alloc(8)
  b.writeBigInt64BE(BigInt(v))
  return b
}
function str(s) {
  const body = Buffer.from(s, 'utf8')
  const len = Buffer.alloc(4)
  len.writeUInt32BE(body.length)
  return Buffer.concat([len, body])
}
const opt = (v) => (v === null || v === undefined ? Buffer.from([0]) : Buffer.concat([Buffer.from([1]), u64(v)]))

/** Canonical bytes of an event: version, seq, at, actor_id?, actor_name, org_id?, entity, entity_id, action, payload digest. */
export function canonicalEvent({ seq, at, actorId, actorName, orgId, entity, entityId, action, digestHex }) {
  return Buffer.concat([
    Buffer.from([1]), u64(seq), u64(at), opt(actorId), str(actorName), opt(orgId), str(entity), str(entityId), str(action),
    unhex(digestHex),
  ])
}

/** The message a checkpoint signs (src/ledger/checkpoint.cpp checkpoint_message). */
export const checkpointMessage = ({ size, root, time }) => `zhifa-ledger\n${size}\n${root}\n${time}\n`
