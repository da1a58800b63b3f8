// 核验: checks a published decision in the browser, from nothing but what GET /public/api/decisions/{id}
// and its /proof answer, in five steps a reader can follow (each passes or fails on its own):
//   1 公示文本   SM3 of the text (UTF-8) is the hash the page, the proof and the ledger event name, and the
//                decision shown is the text's;
//   2 账本事件   SM3 of the event's stored payload is its payload_digest, and that payload names the text's
//                hash and this decision's publication;
//   3 叶子哈希   the leaf hash recomputed from the event's columns (canonical event bytes, version 1, see
//                src/ledger/ledger.hpp) is the proof's;
//   4 包含性证明 the audit path leads from the leaf to the proof's root (RFC 9162 with SM3), which is the
//                signed checkpoint's root at the same size;
//   5 签名       the checkpoint's SM2 signature over "zhifa-ledger\n<size>\n<root>\n<time>\n" holds under
//                the public key it names.
// Pure functions over the answers: no call, no clock.
import type { DecisionProof, LedgerEventRecord, PublishedDecision } from '@/api/portal'
import { rootFromInclusionPath } from '@/utils/merkle'
import { parseSm2PublicKeyPem, sm2Verify } from '@/utils/sm2'
import { bytesToHex, hexToBytes, sm3 } from '@/utils/sm3'

export type VerifyStepKey = 'text' | 'payload' | 'leaf' | 'path' | 'signature'

export interface VerifyStep {
  key: VerifyStepKey
  title: string
  ok: boolean
  /** What was checked, or what did not hold. */
  detail: string
  /** The values compared, for those who want to look (label → hex or text). */
  values: { label: string; value: string }[]
}

/** Format version of the canonical event bytes. */
const EVENT_FORMAT_V1 = 0x01
/** Domain separation of RFC 9162: a leaf is hashed as SM3(0x00 ‖ data). */
const LEAF_PREFIX = 0x00
/** The text an SM2 checkpoint signature covers (src/ledger/checkpoint.cpp). */
export const checkpointText = (size: number, root: string, timeMs: number) => `zhifa-ledger\n${size}\n${root}\n${timeMs}\n`

const utf8 = (s: string) => new TextEncoder().encode(s)
const sameHex = (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase()
const short = (hex: string) => (hex.length > 16 ? `${hex.slice(0, 16)}…` : hex)

/** Appends big-endian fields, as the ledger's canonical bytes are laid out. */
class ByteWriter {
  private parts: Uint8Array[] = []

  u8(v: number) {
    this.parts.push(new Uint8Array([v & 0xff]))
  }

  i64(v: number) {
    const b = new Uint8Array(8)
    new DataView(b.buffer).setBigInt64(0, BigInt(v))
    this.parts.push(b)
  }

  u32(v: number) {
    const b = new Uint8Array(4)
    new DataView(b.buffer).setUint32(0, v)
    this.parts.push(b)
  }

  /** u32 byte length, then the UTF-8 bytes. */
  str(s: string) {
    const b = utf8(s)
    this.u32(b.length)
    this.parts.push(b)
  }

  /** u8 0 when null, else u8 1 then i64. */
  optI64(v: number | null | undefined) {
    if (v === null || v === undefined) {
      this.u8(0)
      return
    }
    this.u8(1)
    this.i64(v)
  }

  raw(b: Uint8Array) {
    this.parts.push(b)
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.parts.reduce((n, p) => n + p.length, 0))
    let off = 0
    for (const p of this.parts) {
      out.set(p, off)
      off += p.length
    }
    return out
  }
}

/** The canonical bytes of a ledger event (version 1), or null when a column is not of its type. */
export function canonicalEventBytes(e: LedgerEventRecord): Uint8Array | null {
  const digest = hexToBytes(e.payload_digest ?? '')
  const isInt = (v: unknown) => Number.isSafeInteger(v)
  if (!digest || digest.length !== 32 || !isInt(e.seq) || !isInt(e.at)) return null
  if ((e.actor_id !== null && !isInt(e.actor_id)) || (e.org_id !== null && !isInt(e.org_id))) return null
  if ([e.actor_name, e.entity, e.entity_id, e.action].some((s) => typeof s !== 'string')) return null
  const w = new ByteWriter()
  w.u8(EVENT_FORMAT_V1)
  w.i64(e.seq)
  w.i64(e.at)
  w.optI64(e.actor_id)
  w.str(e.actor_name)
  w.optI64(e.org_id)
  w.str(e.entity)
  w.str(e.entity_id)
  w.str(e.action)
  w.raw(digest)
  return w.bytes()
}

/** The leaf hash of an event: SM3(0x00 ‖ canonical bytes), hex; null when the columns are malformed. */
export function eventLeafHash(e: LedgerEventRecord): string | null {
  const body = canonicalEventBytes(e)
  if (!body) return null
  const buf = new Uint8Array(1 + body.length)
  buf[0] = LEAF_PREFIX
  buf.set(body, 1)
  return bytesToHex(sm3(buf))
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/** Fields of the decision shown that differ from the hashed text (by name). */
function shownButNotHashed(shown: object, text: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(shown), ...Object.keys(text)])
  return [...keys].filter((k) => JSON.stringify((shown as Record<string, unknown>)[k]) !== JSON.stringify(text[k]))
}

function stepText(detail: PublishedDecision, bundle: DecisionProof, textHash: string): VerifyStep {
  const ledgerHash = String(bundle.event?.payload?.text_sm3 ?? '')
  const parsed = parseObject(detail.text)
  const differing = parsed ? shownButNotHashed(detail.decision, parsed) : ['(公示文本不是 JSON 对象)']
  const problems: string[] = []
  if (!sameHex(textHash, detail.sm3)) problems.push('文本的 SM3 与页面给出的摘要不符')
  if (!sameHex(textHash, ledgerHash)) problems.push('文本的 SM3 与账本事件记载的摘要不符')
  if (bundle.text !== detail.text) problems.push('证明中的文本与页面的文本不同')
  if (differing.length) problems.push(`页面显示的内容与公示文本不一致（${differing.join('、')}）`)
  return {
    key: 'text',
    title: '公示文本摘要',
    ok: problems.length === 0,
    detail: problems.length ? problems.join('；') : '公示文本的 SM3 摘要与页面、账本事件记载的一致，页面显示的正是这份文本',
    values: [
      { label: '本机计算 SM3(公示文本)', value: textHash },
      { label: '页面给出的摘要', value: detail.sm3 ?? '' },
      { label: '账本事件记载的 text_sm3', value: ledgerHash },
    ],
  }
}

function stepPayload(id: number, event: LedgerEventRecord, textHash: string): VerifyStep {
  const payloadHash = bytesToHex(sm3(utf8(event.payload_text ?? '')))
  const payload = parseObject(event.payload_text ?? '')
  const problems: string[] = []
  if (!sameHex(payloadHash, event.payload_digest)) problems.push('事件内容的 SM3 与其 payload_digest 不符')
  if (!payload) problems.push('事件内容不是 JSON 对象')
  else if (!sameHex(payload.text_sm3, textHash)) problems.push('事件内容记载的 text_sm3 不是公示文本的摘要')
  if (event.entity !== 'publication' || event.entity_id !== String(id)) problems.push(`该事件不是本决定的公示记录（${event.entity} ${event.entity_id}）`)
  return {
    key: 'payload',
    title: '账本事件内容',
    ok: problems.length === 0,
    detail: problems.length ? problems.join('；') : `账本第 ${event.seq} 号事件（${event.action}）记载了本决定的公示及其文本摘要`,
    values: [
      { label: '本机计算 SM3(事件内容)', value: payloadHash },
      { label: 'payload_digest', value: event.payload_digest ?? '' },
    ],
  }
}

function stepLeaf(bundle: DecisionProof): VerifyStep {
  const leaf = eventLeafHash(bundle.event)
  const problems: string[] = []
  if (!leaf) problems.push('事件字段格式不正确，无法计算叶子哈希')
  else {
    if (!sameHex(leaf, bundle.proof.leaf_hash)) problems.push('由事件字段计算的叶子哈希与证明中的不符')
    if (!sameHex(leaf, bundle.event.leaf_hash)) problems.push('由事件字段计算的叶子哈希与事件记载的不符')
  }
  return {
    key: 'leaf',
    title: '账本叶子哈希',
    ok: problems.length === 0,
    detail: problems.length ? problems.join('；') : '由事件的序号、时间、操作人、机构、对象、动作和内容摘要计算的叶子哈希与证明一致',
    values: [
      { label: '本机计算叶子哈希', value: leaf ?? '' },
      { label: '证明中的叶子哈希', value: bundle.proof.leaf_hash ?? '' },
    ],
  }
}

function stepPath(bundle: DecisionProof): VerifyStep {
  const { proof, checkpoint, event } = bundle
  const index = event.seq - 1 // events are numbered from 1; the leaf index is seq - 1
  const leaf = hexToBytes(proof.leaf_hash ?? '')
  const path = (proof.path ?? []).map(hexToBytes)
  const problems: string[] = []
  let computed = ''
  if (proof.seq !== event.seq || (typeof proof.leaf_index === 'number' && proof.leaf_index !== index)) {
    problems.push('证明的位置与事件序号不符')
  }
  if (!leaf || leaf.length !== 32 || path.some((p) => !p || p.length !== 32)) problems.push('证明中的哈希格式不正确')
  else {
    const root = rootFromInclusionPath(index, proof.size, leaf, path as Uint8Array[])
    computed = root ? bytesToHex(root) : ''
    if (!root) problems.push('审计路径的长度与账本规模不符')
    else if (!sameHex(computed, proof.root)) problems.push('沿审计路径计算的根哈希与证明中的不符')
  }
  if (!sameHex(proof.root, checkpoint.root) || proof.size !== checkpoint.size) problems.push('证明的根哈希或规模与签名检查点不一致')
  return {
    key: 'path',
    title: '包含性证明',
    ok: problems.length === 0,
    detail: problems.length
      ? problems.join('；')
      : `沿 ${path.length} 个节点的审计路径算得的根哈希，与含 ${checkpoint.size} 个事件的签名检查点的根哈希一致`,
    values: [
      { label: '本机计算根哈希', value: computed },
      { label: '检查点根哈希', value: checkpoint.root ?? '' },
    ],
  }
}

function stepSignature(bundle: DecisionProof): VerifyStep {
  const { checkpoint } = bundle
  const key = parseSm2PublicKeyPem(checkpoint.public_key ?? '')
  const signature = hexToBytes(checkpoint.signature ?? '')
  const message = checkpointText(checkpoint.size, checkpoint.root, checkpoint.time)
  const problems: string[] = []
  if (!key) problems.push('公钥不是有效的 SM2 公钥')
  else if (!signature || !signature.length) problems.push('签名格式不正确')
  else if (!sm2Verify(key, utf8(message), signature)) problems.push('签名与检查点内容不符')
  return {
    key: 'signature',
    title: '检查点签名',
    ok: problems.length === 0,
    detail: problems.length
      ? problems.join('；')
      : `检查点（${new Date(checkpoint.time).toLocaleString('zh-CN', { hour12: false })}）的 SM2 签名有效（密钥 ${checkpoint.key_id}）`,
    values: [
      { label: '签名内容', value: message.replace(/\n/g, '\\n') },
      { label: '签名', value: short(checkpoint.signature ?? '') },
    ],
  }
}

/** The five steps of 核验, in order. */
export function verifyPublishedDecision(detail: PublishedDecision, bundle: DecisionProof): VerifyStep[] {
  const textHash = bytesToHex(sm3(utf8(detail.text ?? '')))
  return [stepText(detail, bundle, textHash), stepPayload(detail.id, bundle.event, textHash), stepLeaf(bundle), stepPath(bundle), stepSignature(bundle)]
}
