// SM3 hash (GB/T 32905-2016), enough to re-check ledger proofs in the browser. Small inputs only
// (a proof hashes 65-byte nodes), so clarity wins over speed.

const IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]

const rotl = (x: number, n: number): number => ((x << (n & 31)) | (x >>> (32 - (n & 31)))) >>> 0
const p0 = (x: number) => (x ^ rotl(x, 9) ^ rotl(x, 17)) >>> 0
const p1 = (x: number) => (x ^ rotl(x, 15) ^ rotl(x, 23)) >>> 0

function compress(v: number[], block: DataView, offset: number): void {
  const w = new Array<number>(68)
  const w1 = new Array<number>(64)
  for (let j = 0; j < 16; j++) w[j] = block.getUint32(offset + j * 4)
  for (let j = 16; j < 68; j++) {
    w[j] = (p1(w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15)) ^ rotl(w[j - 13], 7) ^ w[j - 6]) >>> 0
  }
  for (let j = 0; j < 64; j++) w1[j] = (w[j] ^ w[j + 4]) >>> 0

  let [a, b, c, d, e, f, g, h] = v
  for (let j = 0; j < 64; j++) {
    const t = j < 16 ? 0x79cc4519 : 0x7a879d8a
    const ss1 = rotl((rotl(a, 12) + e + rotl(t, j % 32)) >>> 0, 7)
    const ss2 = (ss1 ^ rotl(a, 12)) >>> 0
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c)
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g)
    const tt1 = ((ff >>> 0) + d + ss2 + w1[j]) >>> 0
    const tt2 = ((gg >>> 0) + h + ss1 + w[j]) >>> 0
    d = c
    c = rotl(b, 9)
    b = a
    a = tt1
    h = g
    g = rotl(f, 19)
    f = e
    e = p0(tt2)
  }
  const out = [a, b, c, d, e, f, g, h]
  for (let i = 0; i < 8; i++) v[i] = (v[i] ^ out[i]) >>> 0
}

export function sm3(data: Uint8Array): Uint8Array {
  const bitLen = data.length * 8
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000))
  view.setUint32(padded.length - 4, bitLen >>> 0)

  const v = [...IV]
  for (let off = 0; off < padded.length; off += 64) compress(v, view, off)
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  v.forEach((word, i) => outView.setUint32(i * 4, word))
  return out
}

export function hexToBytes(hex: string): Uint8Array | null {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) return null
  const out = new Uint8Array(hex.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16)
  return out
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
