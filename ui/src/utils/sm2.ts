// SM2 signature verification (GB/T 32918.2-2016, curve of GB/T 32918.5-2017) with SM3, enough to check
// the ledger's signed checkpoint in the browser: the public key as the server sends it (PEM
// SubjectPublicKeyInfo), the signature as DER `SEQUENCE { INTEGER r, INTEGER s }`, the default user ID
// "1234567812345678". Verification only (no secrets), so clarity wins over speed and constant time: BigInt
// arithmetic in Jacobian coordinates, [s]G + [t]P by one double-and-add pass over both scalars.
import { sm3 } from './sm3'

// ---- the curve (sm2p256v1) ----
const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn
const A = P - 3n
const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n
const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n
const GX = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n
const GY = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n

/** The user ID both sides use when none is agreed (GB/T 35276 §10; OpenSSL's `distid`). */
export const SM2_DEFAULT_ID = '1234567812345678'

/** A point in affine coordinates. */
export interface Sm2Point {
  x: bigint
  y: bigint
}

/** A point in Jacobian coordinates (x = X/Z², y = Y/Z³); Z = 0 is the point at infinity. */
interface Jacobian {
  X: bigint
  Y: bigint
  Z: bigint
}

const INFINITY: Jacobian = { X: 1n, Y: 1n, Z: 0n }

const mod = (a: bigint, m: bigint) => {
  const r = a % m
  return r < 0n ? r + m : r
}

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n
  let b = mod(base, m)
  let e = exp
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m
    b = (b * b) % m
    e >>= 1n
  }
  return result
}

/** a⁻¹ mod p (p prime, a ≠ 0): Fermat. */
const invP = (a: bigint) => modPow(a, P - 2n, P)

export function isOnCurve({ x, y }: Sm2Point): boolean {
  if (x < 0n || x >= P || y < 0n || y >= P) return false
  return mod(y * y - (x * x * x + A * x + B), P) === 0n
}

function double(p: Jacobian): Jacobian {
  if (p.Z === 0n || p.Y === 0n) return INFINITY
  const yy = (p.Y * p.Y) % P
  const s = (4n * p.X * yy) % P
  const z2 = (p.Z * p.Z) % P
  const m = mod(3n * p.X * p.X + A * z2 * z2, P)
  const x3 = mod(m * m - 2n * s, P)
  const y3 = mod(m * (s - x3) - 8n * yy * yy, P)
  const z3 = (2n * p.Y * p.Z) % P
  return { X: x3, Y: y3, Z: z3 }
}

function add(p: Jacobian, q: Jacobian): Jacobian {
  if (p.Z === 0n) return q
  if (q.Z === 0n) return p
  const z1z1 = (p.Z * p.Z) % P
  const z2z2 = (q.Z * q.Z) % P
  const u1 = (p.X * z2z2) % P
  const u2 = (q.X * z1z1) % P
  const s1 = (p.Y * z2z2 * q.Z) % P
  const s2 = (q.Y * z1z1 * p.Z) % P
  if (u1 === u2) return s1 === s2 ? double(p) : INFINITY
  const h = mod(u2 - u1, P)
  const r = mod(s2 - s1, P)
  const hh = (h * h) % P
  const hhh = (hh * h) % P
  const u1hh = (u1 * hh) % P
  const x3 = mod(r * r - hhh - 2n * u1hh, P)
  const y3 = mod(r * (u1hh - x3) - s1 * hhh, P)
  const z3 = (h * p.Z * q.Z) % P
  return { X: x3, Y: y3, Z: z3 }
}

const jacobian = ({ x, y }: Sm2Point): Jacobian => ({ X: x, Y: y, Z: 1n })

function affine(p: Jacobian): Sm2Point | null {
  if (p.Z === 0n) return null
  const zi = invP(p.Z)
  const zi2 = (zi * zi) % P
  return { x: (p.X * zi2) % P, y: (p.Y * zi2 * zi) % P }
}

/** [k1]P1 + [k2]P2 (Shamir's trick: one pass of doublings for both scalars); null for the point at infinity. */
function twoMultiply(k1: bigint, p1: Sm2Point, k2: bigint, p2: Sm2Point): Sm2Point | null {
  const j1 = jacobian(p1)
  const j2 = jacobian(p2)
  const both = add(j1, j2)
  const bits = Math.max(k1.toString(2).length, k2.toString(2).length)
  let r = INFINITY
  for (let i = bits - 1; i >= 0; i--) {
    r = double(r)
    const b1 = (k1 >> BigInt(i)) & 1n
    const b2 = (k2 >> BigInt(i)) & 1n
    if (b1 && b2) r = add(r, both)
    else if (b1) r = add(r, j1)
    else if (b2) r = add(r, j2)
  }
  return affine(r)
}

// ---- bytes ----

const bigintFrom = (bytes: Uint8Array): bigint => (bytes.length ? BigInt('0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')) : 0n)

function bytes32(v: bigint): Uint8Array {
  const out = new Uint8Array(32)
  let x = v
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(x & 0xffn)
    x >>= 8n
  }
  return out
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let off = 0
  for (const p of parts) {
    out.set(p, off)
    off += p.length
  }
  return out
}

// ---- DER (just the shapes needed here) ----

interface DerItem {
  tag: number
  /** The contents (without tag and length). */
  body: Uint8Array
  /** Offset just after this item in the buffer it was read from. */
  end: number
}

/** One DER TLV at `offset` (definite lengths only), or null when it does not fit. */
function readDer(buf: Uint8Array, offset: number): DerItem | null {
  if (offset + 2 > buf.length) return null
  const tag = buf[offset]
  let len = buf[offset + 1]
  let pos = offset + 2
  if (len & 0x80) {
    const n = len & 0x7f
    if (n === 0 || n > 4 || pos + n > buf.length) return null
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + buf[pos + i]
    pos += n
  }
  if (pos + len > buf.length) return null
  return { tag, body: buf.subarray(pos, pos + len), end: pos + len }
}

const TAG_INTEGER = 0x02
const TAG_BIT_STRING = 0x03
const TAG_OID = 0x06
const TAG_SEQUENCE = 0x30

/** id-ecPublicKey (1.2.840.10045.2.1) and sm2p256v1 (1.2.156.10197.1.301), as DER OID contents. */
const OID_EC_PUBLIC_KEY = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
const OID_SM2P256V1 = [0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x82, 0x2d]
const sameBytes = (a: Uint8Array, b: number[]) => a.length === b.length && a.every((v, i) => v === b[i])

function base64Bytes(b64: string): Uint8Array | null {
  try {
    const bin = atob(b64)
    return Uint8Array.from(bin, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

/**
 * The public point of an SM2 key in PEM (`-----BEGIN PUBLIC KEY-----`, SubjectPublicKeyInfo with
 * id-ecPublicKey and the sm2p256v1 curve, uncompressed point), or null if it is not one or the point is not
 * on the curve.
 */
export function parseSm2PublicKeyPem(pem: string): Sm2Point | null {
  const m = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem)
  if (!m) return null
  const der = base64Bytes(m[1].replace(/\s+/g, ''))
  if (!der) return null
  const spki = readDer(der, 0)
  if (!spki || spki.tag !== TAG_SEQUENCE || spki.end !== der.length) return null
  const alg = readDer(spki.body, 0)
  if (!alg || alg.tag !== TAG_SEQUENCE) return null
  const keyType = readDer(alg.body, 0)
  const curve = keyType && readDer(alg.body, keyType.end)
  if (!keyType || keyType.tag !== TAG_OID || !sameBytes(keyType.body, OID_EC_PUBLIC_KEY)) return null
  if (!curve || curve.tag !== TAG_OID || !sameBytes(curve.body, OID_SM2P256V1)) return null
  const bits = readDer(spki.body, alg.end)
  if (!bits || bits.tag !== TAG_BIT_STRING || bits.end !== spki.body.length) return null
  // 0 unused bits, then 0x04 ‖ x ‖ y
  const point = bits.body
  if (point.length !== 66 || point[0] !== 0x00 || point[1] !== 0x04) return null
  const key = { x: bigintFrom(point.subarray(2, 34)), y: bigintFrom(point.subarray(34, 66)) }
  return isOnCurve(key) ? key : null
}

/** r and s of a DER signature, or null if it is not `SEQUENCE { INTEGER, INTEGER }` with nothing after it. */
export function parseDerSignature(der: Uint8Array): { r: bigint; s: bigint } | null {
  const seq = readDer(der, 0)
  if (!seq || seq.tag !== TAG_SEQUENCE || seq.end !== der.length) return null
  const r = readDer(seq.body, 0)
  const s = r && readDer(seq.body, r.end)
  if (!r || !s || r.tag !== TAG_INTEGER || s.tag !== TAG_INTEGER || s.end !== seq.body.length) return null
  // positive INTEGERs (a leading 0x80 bit would make them negative)
  if (!r.body.length || !s.body.length || r.body[0] & 0x80 || s.body[0] & 0x80) return null
  return { r: bigintFrom(r.body), s: bigintFrom(s.body) }
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5). */
export function sm2UserHash(key: Sm2Point, id: string = SM2_DEFAULT_ID): Uint8Array {
  const idBytes = new TextEncoder().encode(id)
  const entl = idBytes.length * 8
  return sm3(
    concat(
      new Uint8Array([(entl >> 8) & 0xff, entl & 0xff]),
      idBytes,
      bytes32(A),
      bytes32(B),
      bytes32(GX),
      bytes32(GY),
      bytes32(key.x),
      bytes32(key.y),
    ),
  )
}

/**
 * Whether `signature` (DER) is a valid SM2 signature of `message` by `key` for user `id`
 * (GB/T 32918.2 §7): e = SM3(Z_A ‖ M), t = (r + s) mod n, (x1, y1) = [s]G + [t]P, R = (e + x1) mod n = r.
 */
export function sm2Verify(key: Sm2Point, message: Uint8Array, signature: Uint8Array, id: string = SM2_DEFAULT_ID): boolean {
  if (!isOnCurve(key)) return false
  const sig = parseDerSignature(signature)
  if (!sig) return false
  const { r, s } = sig
  if (r < 1n || r >= N || s < 1n || s >= N) return false
  const t = (r + s) % N
  if (t === 0n) return false
  const e = bigintFrom(sm3(concat(sm2UserHash(key, id), message)))
  const point = twoMultiply(s, { x: GX, y: GY }, t, key)
  if (!point) return false
  return (e + point.x) % N === r
}
