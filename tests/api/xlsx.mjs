// A small, independent .xlsx writer and reader for the API tests: builds workbooks to upload to the
// import endpoints and reads the workbooks the export endpoints return, written from ECMA-376
// (SpreadsheetML, OPC) and the PKWARE APPNOTE in plain JavaScript so that it shares no code with
// the server's C++ (libxlsxwriter / libzip + expat). Only node:zlib and node:buffer are used.
//
//   makeXlsx(rows, { sheetName = 'Sheet1', sharedStrings = true, mergeCells = [] }) -> Buffer
//   readXlsx(bytes) -> { sheetName, rows }   rows[r][c]: cell text, '' for an empty cell
//   zipEntries(bytes) -> Map<name, Buffer>
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import { Buffer } from 'node:buffer'

// ---------------------------------------------------------------------------------------------
// CRC-32 (ISO 3309 / ITU-T V.42, reflected polynomial 0xEDB88320), as the zip format uses it.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

export function crc32(buf) {
  let c = 0xffffffff
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

// ---------------------------------------------------------------------------------------------
// Zip writing (APPNOTE 4.3): local headers + deflated data, central directory, end record.

const SIG_LOCAL = 0x04034b50
const SIG_CENTRAL = 0x02014b50
const SIG_EOCD = 0x06054b50
const SIG_ZIP64_EOCD = 0x06064b50
const SIG_ZIP64_LOCATOR = 0x07064b50
const FLAG_UTF8 = 0x0800 // general purpose bit 11: names are UTF-8
const DOS_TIME = 0 // 00:00:00
const DOS_DATE = (0 << 9) | (1 << 5) | 1 // 1980-01-01: fixed, so the same rows give the same bytes

/** A zip archive of [name, Buffer | string] entries, each deflated (method 8). */
export function makeZip(entries) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, content] of entries) {
    const nameBuf = Buffer.from(name, 'utf8')
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')
    const packed = deflateRawSync(data)
    const crc = crc32(data)

    const local = Buffer.alloc(30)
    local.writeUInt32LE(SIG_LOCAL, 0)
    local.writeUInt16LE(20, 4) // version needed to extract: 2.0 (deflate)
    local.writeUInt16LE(FLAG_UTF8, 6)
    local.writeUInt16LE(8, 8) // method: deflate
    local.writeUInt16LE(DOS_TIME, 10)
    local.writeUInt16LE(DOS_DATE, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBuf.length, 26)
    local.writeUInt16LE(0, 28) // extra field length

    const central = Buffer.alloc(46)
    central.writeUInt32LE(SIG_CENTRAL, 0)
    central.writeUInt16LE(20, 4) // version made by: 2.0, MS-DOS attribute compatibility
    central.writeUInt16LE(20, 6) // version needed to extract
    central.writeUInt16LE(FLAG_UTF8, 8)
    central.writeUInt16LE(8, 10)
    central.writeUInt16LE(DOS_TIME, 12)
    central.writeUInt16LE(DOS_DATE, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt16LE(0, 30) // extra field length
    central.writeUInt16LE(0, 32) // comment length
    central.writeUInt16LE(0, 34) // disk number start
    central.writeUInt16LE(0, 36) // internal attributes
    central.writeUInt32LE(0, 38) // external attributes
    central.writeUInt32LE(offset, 42) // offset of the local header

    locals.push(local, nameBuf, packed)
    centrals.push(central, nameBuf)
    offset += local.length + nameBuf.length + packed.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(SIG_EOCD, 0)
  eocd.writeUInt16LE(0, 4) // number of this disk
  eocd.writeUInt16LE(0, 6) // disk where the central directory starts
  eocd.writeUInt16LE(entries.length, 8) // entries on this disk
  eocd.writeUInt16LE(entries.length, 10) // entries in total
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16) // offset of the central directory
  eocd.writeUInt16LE(0, 20) // comment length
  return Buffer.concat([...locals, cd, eocd])
}

// ---------------------------------------------------------------------------------------------
// Zip reading, by the central directory (so data descriptors and stale local sizes don't matter).

function toBuffer(bytes) {
  if (Buffer.isBuffer(bytes)) return bytes
  if (bytes instanceof ArrayBuffer) return Buffer.from(bytes)
  if (ArrayBuffer.isView(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  throw new TypeError('expected a Buffer, Uint8Array or ArrayBuffer')
}

function findEocd(buf) {
  const last = buf.length - 22
  const first = Math.max(0, last - 0xffff) // the comment is at most 65535 bytes
  for (let i = last; i >= first; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) <= buf.length) return i
  }
  throw new Error('zip: no end of central directory record')
}

/** All file entries of a zip archive (stored or deflated), by name, CRC- and size-checked. */
export function zipEntries(bytes) {
  const buf = toBuffer(bytes)
  if (buf.length < 22) throw new Error('zip: too short')
  const eocd = findEocd(buf)
  let count = buf.readUInt16LE(eocd + 10)
  let cdSize = buf.readUInt32LE(eocd + 12)
  let cdOffset = buf.readUInt32LE(eocd + 16)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // ZIP64: the locator sits just before the end record and points at the ZIP64 end record.
    const loc = eocd - 20
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_ZIP64_LOCATOR) throw new Error('zip: ZIP64 locator missing')
    const z = Number(buf.readBigUInt64LE(loc + 8))
    if (buf.readUInt32LE(z) !== SIG_ZIP64_EOCD) throw new Error('zip: bad ZIP64 end record')
    count = Number(buf.readBigUInt64LE(z + 32))
    cdSize = Number(buf.readBigUInt64LE(z + 40))
    cdOffset = Number(buf.readBigUInt64LE(z + 48))
  }
  if (cdOffset + cdSize > buf.length) throw new Error('zip: central directory out of range')

  const out = new Map()
  let p = cdOffset
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== SIG_CENTRAL) throw new Error(`zip: bad central directory entry ${n}`)
    const flags = buf.readUInt16LE(p + 8)
    const method = buf.readUInt16LE(p + 10)
    const crc = buf.readUInt32LE(p + 16)
    let csize = buf.readUInt32LE(p + 20)
    let usize = buf.readUInt32LE(p + 24)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    let localOffset = buf.readUInt32LE(p + 42)
    // Bit 11 says UTF-8; otherwise CP437, which agrees with UTF-8 on the ASCII names OOXML uses.
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen)
    // ZIP64 extended information (0x0001): only the fields whose 32-bit value is 0xFFFFFFFF.
    for (let e = p + 46 + nameLen, end = e + extraLen; e + 4 <= end; ) {
      const id = buf.readUInt16LE(e)
      const len = buf.readUInt16LE(e + 2)
      if (id === 0x0001) {
        let q = e + 4
        if (usize === 0xffffffff) { usize = Number(buf.readBigUInt64LE(q)); q += 8 }
        if (csize === 0xffffffff) { csize = Number(buf.readBigUInt64LE(q)); q += 8 }
        if (localOffset === 0xffffffff) { localOffset = Number(buf.readBigUInt64LE(q)); q += 8 }
      }
      e += 4 + len
    }
    p += 46 + nameLen + extraLen + commentLen

    if (name.endsWith('/')) continue // a directory
    if (flags & 1) throw new Error(`zip: ${name} is encrypted`)
    if (out.has(name)) throw new Error(`zip: duplicate entry ${name}`)
    if (buf.readUInt32LE(localOffset) !== SIG_LOCAL) throw new Error(`zip: bad local header for ${name}`)
    const start = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28)
    if (start + csize > buf.length) throw new Error(`zip: ${name} runs past the end`)
    const raw = buf.subarray(start, start + csize)
    let data
    if (method === 0) data = Buffer.from(raw)
    else if (method === 8) data = inflateRawSync(raw)
    else throw new Error(`zip: ${name} uses unsupported method ${method}`)
    if (data.length !== usize) throw new Error(`zip: ${name} is ${data.length} bytes, directory says ${usize}`)
    if (crc32(data) !== crc) throw new Error(`zip: CRC mismatch in ${name}`)
    out.set(name, data)
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// XML text.

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; with the
// u flag a lone surrogate is one code point outside these ranges, so it goes too.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

/** Escapes text for element content or a double-quoted attribute, dropping non-XML characters. */
export function xmlEscape(s) {
  return String(s)
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;') // a literal CR would be normalised away by any XML parser
}

/** Decodes the five predefined entities and character references (after XML's line-end rule). */
export function xmlDecode(s) {
  return s.replace(/\r\n?/g, '\n').replace(/&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g, (m, dec, hex, named) => {
    if (named) return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[named]
    const cp = dec !== undefined ? parseInt(dec, 10) : parseInt(hex, 16)
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m
  })
}

// SpreadsheetML strings (ST_Xstring, ECMA-376 Part 1 §22.9.2.19) escape characters as _xHHHH_,
// and a literal "_xHHHH_" by escaping its underscore as _x005F_: Excel shows what these decode to.
const xstringEscape = (s) => s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
const xstringDecode = (s) => s.replace(/_x([0-9A-Fa-f]{4})_/g, (m, h) => String.fromCharCode(parseInt(h, 16)))

/**
 * The elements and text of an XML document, in order: {open, name, attrs, empty} for a start or
 * empty-element tag, {close, name} for an end tag (also after an empty element), {text} for
 * decoded character data. Names lose their namespace prefix; attrs keep theirs and are also
 * indexed by local name ('r:id' is attrs['r:id'] and attrs.id) unless that would clash.
 */
function* xmlEvents(xml) {
  const re = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE(?:[^>[]|\[[^\]]*\])*>|<(\/?)([\w.:-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/g
  for (let m; (m = re.exec(xml)) !== null; ) {
    const [, cdata, slash, qname, attrText, selfClose, text] = m
    if (text !== undefined) yield { text: xmlDecode(text) }
    else if (cdata !== undefined) yield { text: cdata.replace(/\r\n?/g, '\n') }
    else if (qname !== undefined) {
      const name = qname.slice(qname.indexOf(':') + 1)
      if (slash) { yield { close: true, name }; continue }
      const attrs = {}
      for (const a of attrText.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const value = xmlDecode(a[2] ?? a[3])
        attrs[a[1]] = value
        const local = a[1].slice(a[1].indexOf(':') + 1)
        if (!(local in attrs)) attrs[local] = value
      }
      yield { open: true, name, attrs, empty: !!selfClose }
      if (selfClose) yield { close: true, name }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Writing a workbook.

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const REL_TYPE = (t) => `${NS_REL}/${t}`
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/** "A", "B", ..., "Z", "AA", ... for a 0-based column index. */
export function columnName(index) {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** 0-based column index of "A", "AB", ...: the inverse of columnName. */
export function columnIndex(letters) {
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

const STYLES_XML = XML_DECL +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>'

/**
 * A one-sheet .xlsx workbook. rows[r][c] is a string (a text cell), a finite number (a numeric
 * cell), a boolean (a TRUE/FALSE cell) or null/undefined (no cell); a null row is an empty row.
 * Strings go to xl/sharedStrings.xml (t="s") or, with sharedStrings: false, inline (t="inlineStr").
 * mergeCells lists ranges ("A2:A3") written as the sheet's <mergeCells> element (ECMA-376 Part 1
 * §18.3.1.55), as Excel does for merged cells: the first cell keeps the value, the others are empty.
 */
export function makeXlsx(rows, { sheetName = 'Sheet1', sharedStrings = true, mergeCells = [] } = {}) {
  if (!Array.isArray(rows)) throw new TypeError('makeXlsx: rows must be an array of arrays')
  // Excel refuses (and "repairs") a workbook whose sheet name breaks these rules.
  if (typeof sheetName !== 'string' || sheetName.length < 1 || sheetName.length > 31 || /[\\/?*[\]:]/.test(sheetName)) {
    throw new RangeError(`makeXlsx: invalid sheet name ${JSON.stringify(sheetName)}`)
  }

  const sst = new Map() // text -> index
  let sstCount = 0
  let maxCol = -1
  let maxRow = -1
  const rowXml = []
  rows.forEach((row, r) => {
    if (row == null) return
    if (!Array.isArray(row)) throw new TypeError(`makeXlsx: row ${r} is not an array`)
    const cells = []
    row.forEach((v, c) => {
      if (v == null) return
      const ref = columnName(c) + (r + 1)
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new RangeError(`makeXlsx: ${ref} is ${v}, which a cell cannot hold`)
        cells.push(`<c r="${ref}"><v>${v}</v></c>`)
      } else if (typeof v === 'boolean') {
        cells.push(`<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`)
      } else if (typeof v === 'string') {
        const text = xstringEscape(v.replace(NOT_XML_CHAR, ''))
        if (sharedStrings) {
          if (!sst.has(text)) sst.set(text, sst.size)
          sstCount++
          cells.push(`<c r="${ref}" t="s"><v>${sst.get(text)}</v></c>`)
        } else {
          cells.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(text)}</t></is></c>`)
        }
      } else {
        throw new TypeError(`makeXlsx: ${ref} is a ${typeof v}; use a string, number, boolean or null`)
      }
      maxCol = Math.max(maxCol, c)
      maxRow = r
    })
    if (cells.length) rowXml.push(`<row r="${r + 1}">${cells.join('')}</row>`)
  })

  const dimension = maxRow < 0 ? 'A1' : `A1:${columnName(maxCol)}${maxRow + 1}`
  if (!Array.isArray(mergeCells)) throw new TypeError('makeXlsx: mergeCells must be an array of ranges')
  for (const ref of mergeCells) {
    if (typeof ref !== 'string' || !/^[A-Z]{1,3}[1-9]\d*:[A-Z]{1,3}[1-9]\d*$/.test(ref)) {
      throw new RangeError(`makeXlsx: invalid merge range ${JSON.stringify(ref)}`)
    }
  }
  // <mergeCells> follows <sheetData> (CT_Worksheet's sequence).
  const mergeXml = mergeCells.length
    ? `<mergeCells count="${mergeCells.length}">${mergeCells.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`
    : ''
  const sheetXml = XML_DECL +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<dimension ref="${dimension}"/>` +
    (rowXml.length ? `<sheetData>${rowXml.join('')}</sheetData>` : '<sheetData/>') +
    mergeXml +
    '</worksheet>'

  const workbookXml = XML_DECL +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    '</workbook>'

  const rels = [
    ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
    ['rId2', 'styles', 'styles.xml'],
  ]
  if (sharedStrings) rels.push(['rId3', 'sharedStrings', 'sharedStrings.xml'])
  const workbookRels = XML_DECL +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rels.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL_TYPE(type)}" Target="${target}"/>`).join('') +
    '</Relationships>'

  const rootRels = XML_DECL +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL_TYPE('officeDocument')}" Target="xl/workbook.xml"/>` +
    '</Relationships>'

  const contentTypes = XML_DECL +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
    `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
    (sharedStrings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` : '') +
    '</Types>'

  const entries = [
    ['[Content_Types].xml', contentTypes],
    ['_rels/.rels', rootRels],
    ['xl/workbook.xml', workbookXml],
    ['xl/_rels/workbook.xml.rels', workbookRels],
    ['xl/worksheets/sheet1.xml', sheetXml],
    ['xl/styles.xml', STYLES_XML],
  ]
  if (sharedStrings) {
    const sis = [...sst.keys()].map((t) => `<si><t xml:space="preserve">${xmlEscape(t)}</t></si>`)
    entries.push(['xl/sharedStrings.xml', XML_DECL +
      `<sst xmlns="${NS_MAIN}" count="${sstCount}" uniqueCount="${sst.size}">${sis.join('')}</sst>`])
  }
  return makeZip(entries)
}

// ---------------------------------------------------------------------------------------------
// Reading a workbook.

/** A zip part by name: exactly, else case-insensitively (OPC part names are case-insensitive). */
function part(entries, name) {
  if (entries.has(name)) return entries.get(name).toString('utf8')
  const lower = name.toLowerCase()
  for (const [k, v] of entries) if (k.toLowerCase() === lower) return v.toString('utf8')
  return undefined
}

/** The relationships of a part ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"): Id -> {type, target}. */
function relationships(entries, partName) {
  const slash = partName.lastIndexOf('/')
  const dir = partName.slice(0, slash + 1)
  const xml = part(entries, `${dir}_rels/${partName.slice(slash + 1)}.rels`)
  const rels = new Map()
  if (xml === undefined) return rels
  for (const ev of xmlEvents(xml)) {
    if (!ev.open || ev.name !== 'Relationship' || ev.attrs.TargetMode === 'External') continue
    rels.set(ev.attrs.Id, { type: ev.attrs.Type || '', target: resolvePart(dir, ev.attrs.Target || '') })
  }
  return rels
}

/** A relationship target resolved against the source part's folder, as a zip entry name. */
function resolvePart(dir, target) {
  const path = target.startsWith('/') ? target.slice(1) : dir + target
  const out = []
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop()
    else if (seg !== '.' && seg !== '') out.push(seg)
  }
  return out.join('/')
}

/** The text of each <si>: its <t>, or its rich-text runs' <t>s, without phonetic runs (<rPh>). */
function readSharedStrings(xml) {
  const strings = []
  let cur = null
  let inT = 0
  let inRPh = 0
  for (const ev of xmlEvents(xml)) {
    if (ev.open) {
      if (ev.name === 'si') cur = ''
      else if (ev.name === 't') inT++
      else if (ev.name === 'rPh') inRPh++
    } else if (ev.close) {
      if (ev.name === 'si') { strings.push(xstringDecode(cur ?? '')); cur = null }
      else if (ev.name === 't') inT--
      else if (ev.name === 'rPh') inRPh--
    } else if (cur !== null && inT > 0 && inRPh === 0) {
      cur += ev.text
    }
  }
  return strings
}

/**
 * The first worksheet of an .xlsx workbook: { sheetName, rows }, with rows[r][c] the text of the
 * cell at Excel row r+1, column c+1 as a string — shared/inline/formula strings as their text,
 * numbers as stored ("78.5"), booleans "TRUE"/"FALSE" — and '' for a missing cell. The grid is
 * rectangular: as many rows as the last row with a non-empty cell and as wide as the widest.
 */
export function readXlsx(bytes) {
  const entries = zipEntries(bytes)

  // _rels/.rels -> workbook -> its rels -> the first <sheet>'s worksheet part.
  const rootRels = relationships(entries, '')
  const office = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'))
  const workbookName = office ? office.target : 'xl/workbook.xml'
  const workbookXml = part(entries, workbookName)
  if (workbookXml === undefined) throw new Error(`xlsx: no workbook part (${workbookName})`)
  let sheet = null
  for (const ev of xmlEvents(workbookXml)) {
    if (ev.open && ev.name === 'sheet') { sheet = ev.attrs; break }
  }
  if (!sheet) throw new Error('xlsx: the workbook has no sheets')
  const wbRels = relationships(entries, workbookName)
  const sheetRel = wbRels.get(sheet['r:id'] ?? sheet.id)
  if (!sheetRel) throw new Error(`xlsx: no relationship for the first sheet (${sheet['r:id'] ?? sheet.id})`)
  const sheetXml = part(entries, sheetRel.target)
  if (sheetXml === undefined) throw new Error(`xlsx: missing worksheet part ${sheetRel.target}`)

  const sstRel = [...wbRels.values()].find((r) => r.type.endsWith('/sharedStrings'))
  const sstXml = part(entries, sstRel ? sstRel.target : 'xl/sharedStrings.xml')
  const sst = sstXml === undefined ? [] : readSharedStrings(sstXml)

  // Walk <row>/<c>; a cell's value is its <v> or, for inline strings, the <t>s of its <is>.
  const cells = [] // [row, col, text]
  let rowIndex = -1
  let colIndex = -1
  let cell = null // { r, c, t, v, is }
  let inV = false
  let inIs = false
  let inT = 0
  let inRPh = 0
  for (const ev of xmlEvents(sheetXml)) {
    if (ev.open) {
      if (ev.name === 'row') {
        rowIndex = ev.attrs.r ? parseInt(ev.attrs.r, 10) - 1 : rowIndex + 1
        colIndex = -1
      } else if (ev.name === 'c') {
        const m = /^([A-Za-z]{1,3})(\d+)$/.exec(ev.attrs.r || '')
        if (ev.attrs.r && !m) throw new Error(`xlsx: bad cell reference ${ev.attrs.r}`)
        colIndex = m ? columnIndex(m[1]) : colIndex + 1
        if (m) rowIndex = parseInt(m[2], 10) - 1
        cell = { r: rowIndex, c: colIndex, t: ev.attrs.t || 'n', v: '', is: '' }
      } else if (cell && ev.name === 'v') inV = true
      else if (cell && ev.name === 'is') inIs = true
      else if (inIs && ev.name === 't') inT++
      else if (inIs && ev.name === 'rPh') inRPh++
    } else if (ev.close) {
      if (ev.name === 'c' && cell) {
        let text
        switch (cell.t) {
          case 's': {
            if (cell.v.trim() === '') { text = ''; break }
            const i = Number(cell.v.trim())
            if (!Number.isInteger(i) || i < 0 || i >= sst.length) {
              throw new Error(`xlsx: ${columnName(cell.c)}${cell.r + 1} has bad shared string index ${cell.v}`)
            }
            text = sst[i]
            break
          }
          case 'inlineStr': text = xstringDecode(cell.is); break
          case 'str': text = xstringDecode(cell.v); break
          case 'b': text = cell.v.trim() === '1' ? 'TRUE' : cell.v.trim() === '0' ? 'FALSE' : cell.v; break
          default: text = cell.v // n, e, d: as stored
        }
        cells.push([cell.r, cell.c, text])
        cell = null
      } else if (ev.name === 'v') inV = false
      else if (ev.name === 'is') inIs = false
      else if (inIs && ev.name === 't') inT--
      else if (inIs && ev.name === 'rPh') inRPh--
    } else if (cell) {
      if (inV) cell.v += ev.text
      else if (inIs && inT > 0 && inRPh === 0) cell.is += ev.text
    }
  }

  // Cells without text (formatted blanks) don't stretch the grid.
  const filled = cells.filter(([, , text]) => text !== '')
  const height = filled.reduce((n, [r]) => Math.max(n, r + 1), 0)
  const width = filled.reduce((n, [, c]) => Math.max(n, c + 1), 0)
  const rows = Array.from({ length: height }, () => new Array(width).fill(''))
  for (const [r, c, text] of filled) rows[r][c] = text
  return { sheetName: sheet.name ?? '', rows }
}
