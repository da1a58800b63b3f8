#include "platform/xlsx.hpp"

#include <expat.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

namespace zhifa::xlsx {
namespace {

Error not_xlsx() {
  return {ErrorKind::kUnsupportedMedia, "import.not_xlsx",
          "文件不是 Excel 工作簿(.xlsx),请用 Excel 或 WPS 另存为 .xlsx 后重新上传",
          "the file is not an Excel workbook (.xlsx)", "file"};
}

std::string_view local_name(const char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const char** atts, std::string_view local) {
  for (int i = 0; atts[i] != nullptr; i += 2) {
    if (local_name(atts[i]) == local) return atts[i + 1];
  }
  return nullptr;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

struct ParserCloser {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};

// Streams one part of the zip through an expat parser set up by the caller.
Status parse_entry(zip_t* z, const std::string& name, XML_Parser parser, const ReadLimits& limits,
                   const bool& overflow) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return not_xlsx();
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_entry_bytes) {
    return Error{ErrorKind::kTooLarge, "import.too_large", "工作簿解压后过大,请拆分后分批导入",
                 "the workbook is too large once uncompressed", "file"};
  }
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (f == nullptr) return not_xlsx();
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(f, zip_fclose);
  char buf[64 * 1024];
  std::size_t total = 0;
  for (;;) {
    zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) return not_xlsx();
    total += static_cast<std::size_t>(n);
    if (total > limits.max_entry_bytes) {
      return Error{ErrorKind::kTooLarge, "import.too_large", "工作簿解压后过大,请拆分后分批导入",
                   "the workbook is too large once uncompressed", "file"};
    }
    bool last = n == 0;
    if (XML_Parse(parser, buf, static_cast<int>(n), last ? 1 : 0) == XML_STATUS_ERROR) {
      return not_xlsx();
    }
    if (overflow) {
      return Error{ErrorKind::kTooLarge, "import.too_many_cells",
                   "工作表行数或单元格过多,请拆分后分批导入",
                   "the sheet has too many rows or cells", "file"};
    }
    if (last) break;
  }
  return Ok{};
}

// --- workbook.xml and its relationships: where the first sheet lives ---------------------------

struct WorkbookState {
  std::string first_sheet_name, first_sheet_rid;
};

void wb_start(void* ud, const char* name, const char** atts) {
  auto* s = static_cast<WorkbookState*>(ud);
  if (local_name(name) == "sheet" && s->first_sheet_rid.empty()) {
    const char* n = attr(atts, "name");
    const char* id = attr(atts, "id");
    if (n) s->first_sheet_name = n;
    if (id) s->first_sheet_rid = id;
  }
}

struct RelsState {
  std::map<std::string, std::string> targets;
};

void rels_start(void* ud, const char* name, const char** atts) {
  auto* s = static_cast<RelsState*>(ud);
  if (local_name(name) == "Relationship") {
    const char* id = attr(atts, "Id");
    const char* target = attr(atts, "Target");
    if (id && target) s->targets[id] = target;
  }
}

// --- sharedStrings.xml -------------------------------------------------------------------------

struct SharedState {
  std::vector<std::string> strings;
  std::string current;
  bool in_si = false, in_t = false;
  int in_phonetic = 0;
  std::size_t max = 0;
  bool overflow = false;
};

void ss_start(void* ud, const char* name, const char**) {
  auto* s = static_cast<SharedState*>(ud);
  auto n = local_name(name);
  if (n == "si") {
    s->in_si = true;
    s->current.clear();
  } else if (n == "rPh") {
    ++s->in_phonetic;
  } else if (n == "t" && s->in_si && s->in_phonetic == 0) {
    s->in_t = true;
  }
}

void ss_end(void* ud, const char* name) {
  auto* s = static_cast<SharedState*>(ud);
  auto n = local_name(name);
  if (n == "si") {
    s->in_si = false;
    if (s->strings.size() >= s->max) {
      s->overflow = true;
      return;
    }
    s->strings.push_back(std::move(s->current));
    s->current.clear();
  } else if (n == "rPh") {
    --s->in_phonetic;
  } else if (n == "t") {
    s->in_t = false;
  }
}

void ss_text(void* ud, const char* text, int len) {
  auto* s = static_cast<SharedState*>(ud);
  if (s->in_t) s->current.append(text, static_cast<std::size_t>(len));
}

// --- the worksheet -----------------------------------------------------------------------------

struct SheetState {
  const std::vector<std::string>* shared = nullptr;
  std::vector<std::vector<std::string>>* rows = nullptr;
  std::vector<std::string>* merged = nullptr;
  const ReadLimits* limits = nullptr;
  std::size_t cells = 0;
  long row = -1;  // 0-based index of the current row
  long col = -1;  // 0-based index of the current cell
  std::string type;
  std::string value;
  bool in_v = false, in_is_t = false, in_is = false;
  bool overflow = false, bad_ref = false;
};

// "B12" -> column 1 (0-based); -1 when the reference has no letters.
long column_of(const char* ref) {
  long col = 0;
  bool any = false;
  for (const char* p = ref; *p; ++p) {
    char c = *p;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
    any = true;
    if (col > 16384) return -2;
  }
  return any ? col - 1 : -1;
}

void sh_start(void* ud, const char* name, const char** atts) {
  auto* s = static_cast<SheetState*>(ud);
  auto n = local_name(name);
  if (n == "row") {
    const char* r = attr(atts, "r");
    long next = s->row + 1;
    if (r) {
      char* end = nullptr;
      long v = std::strtol(r, &end, 10);
      if (end != r && v >= 1) next = v - 1;
    }
    if (next < s->row + 1) next = s->row + 1;  // rows go down only
    if (static_cast<std::size_t>(next) >= s->limits->max_rows) {
      s->overflow = true;
      return;
    }
    s->row = next;
    s->col = -1;
  } else if (n == "c") {
    const char* r = attr(atts, "r");
    long c = r ? column_of(r) : -1;
    if (c == -2) {
      s->bad_ref = true;
      c = -1;
    }
    s->col = c >= 0 ? c : s->col + 1;
    const char* t = attr(atts, "t");
    s->type = t ? t : "";
    s->value.clear();
  } else if (n == "mergeCell") {
    const char* ref = attr(atts, "ref");
    if (ref && s->merged && s->merged->size() < 1000) s->merged->push_back(ref);
  } else if (n == "v") {
    s->in_v = true;
  } else if (n == "is") {
    s->in_is = true;
  } else if (n == "t" && s->in_is) {
    s->in_is_t = true;
  }
}

void sh_end(void* ud, const char* name) {
  auto* s = static_cast<SheetState*>(ud);
  auto n = local_name(name);
  if (n == "v") {
    s->in_v = false;
  } else if (n == "t") {
    s->in_is_t = false;
  } else if (n == "is") {
    s->in_is = false;
  } else if (n == "c") {
    if (s->row < 0 || s->col < 0 || s->overflow) return;
    std::string text;
    if (s->type == "s") {
      char* end = nullptr;
      unsigned long idx = std::strtoul(s->value.c_str(), &end, 10);
      if (end != s->value.c_str() && idx < s->shared->size()) text = (*s->shared)[idx];
    } else if (s->type == "b") {
      text = s->value == "1" ? "TRUE" : "FALSE";
    } else {
      text = s->value;
    }
    if (text.empty()) return;
    if (++s->cells > s->limits->max_cells) {
      s->overflow = true;
      return;
    }
    auto& rows = *s->rows;
    if (rows.size() <= static_cast<std::size_t>(s->row)) rows.resize(s->row + 1);
    auto& row = rows[s->row];
    if (row.size() <= static_cast<std::size_t>(s->col)) row.resize(s->col + 1);
    row[s->col] = std::move(text);
  }
}

void sh_text(void* ud, const char* text, int len) {
  auto* s = static_cast<SheetState*>(ud);
  if (s->in_v || s->in_is_t) s->value.append(text, static_cast<std::size_t>(len));
}

std::unique_ptr<XML_ParserStruct, ParserCloser> new_parser() {
  return std::unique_ptr<XML_ParserStruct, ParserCloser>(XML_ParserCreate("UTF-8"));
}

std::string resolve_target(const std::string& target) {
  if (target.starts_with("/")) return target.substr(1);
  std::string t = target;
  std::string base = "xl/";
  while (t.starts_with("../")) {
    t = t.substr(3);
    base = "";
  }
  return base + t;
}

// The worksheet is most of a workbook's bytes and the same few elements over and over: a small
// tokenizer reads it about four times faster than expat and drives the same handlers. It accepts
// well-formed XML without a DTD (a DOCTYPE is refused: no entity expansion), checks that tags
// nest, decodes the five predefined entities and character references, and skips comments and
// processing instructions.
Result<std::string> read_entry(zip_t* z, const std::string& name, const ReadLimits& limits) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat(z, name.c_str(), 0, &st) != 0) return not_xlsx();
  auto too_large = [] {
    return Error{ErrorKind::kTooLarge, "import.too_large", "工作簿解压后过大,请拆分后分批导入",
                 "the workbook is too large once uncompressed", "file"};
  };
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limits.max_entry_bytes) return too_large();
  zip_file_t* f = zip_fopen(z, name.c_str(), 0);
  if (f == nullptr) return not_xlsx();
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> closer(f, zip_fclose);
  std::string out;
  if (st.valid & ZIP_STAT_SIZE) out.reserve(static_cast<std::size_t>(st.size));
  char buf[64 * 1024];
  for (;;) {
    zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) return not_xlsx();
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > limits.max_entry_bytes) return too_large();
  }
  return out;
}

bool append_decoded(std::string_view text, std::string& out) {
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t amp = text.find('&', i);
    if (amp == std::string_view::npos) {
      out.append(text.substr(i));
      return true;
    }
    out.append(text.substr(i, amp - i));
    std::size_t semi = text.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 10) return false;
    std::string_view ent = text.substr(amp + 1, semi - amp - 1);
    if (ent == "lt")
      out.push_back('<');
    else if (ent == "gt")
      out.push_back('>');
    else if (ent == "amp")
      out.push_back('&');
    else if (ent == "quot")
      out.push_back('"');
    else if (ent == "apos")
      out.push_back('\'');
    else if (ent.size() > 1 && ent[0] == '#') {
      bool hex = ent[1] == 'x';
      std::string digits(ent.substr(hex ? 2 : 1));
      if (digits.empty()) return false;
      char* end = nullptr;
      unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (*end != '\0' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
      if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
      } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
      }
    } else {
      return false;  // no DTD: no other entity exists
    }
    i = semi + 1;
  }
  return true;
}

using StartFn = void (*)(void*, const char*, const char**);
using EndFn = void (*)(void*, const char*);
using TextFn = void (*)(void*, const char*, int);

bool scan_xml(std::string_view xml, void* ud, StartFn on_start, EndFn on_end, TextFn on_text,
              const bool& stop) {
  std::vector<std::string> stack;
  std::string name, text, value;
  std::vector<std::string> attr_store;
  std::vector<const char*> attrs;
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t i = 0;
  bool root_seen = false;
  while (i < xml.size()) {
    if (stop) return true;
    std::size_t lt = xml.find('<', i);
    if (lt == std::string_view::npos) lt = xml.size();
    if (lt > i) {
      std::string_view chunk = xml.substr(i, lt - i);
      if (stack.empty()) {
        for (char c : chunk) {
          if (!is_space(c)) return false;  // text outside the root element
        }
      } else {
        text.clear();
        if (!append_decoded(chunk, text)) return false;
        on_text(ud, text.data(), static_cast<int>(text.size()));
      }
    }
    if (lt >= xml.size()) break;
    std::string_view rest = xml.substr(lt);
    if (rest.starts_with("<?")) {
      std::size_t e = xml.find("?>", lt + 2);
      if (e == std::string_view::npos) return false;
      i = e + 2;
      continue;
    }
    if (rest.starts_with("<!--")) {
      std::size_t e = xml.find("-->", lt + 4);
      if (e == std::string_view::npos) return false;
      i = e + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      std::size_t e = xml.find("]]>", lt + 9);
      if (e == std::string_view::npos || stack.empty()) return false;
      on_text(ud, xml.data() + lt + 9, static_cast<int>(e - lt - 9));
      i = e + 3;
      continue;
    }
    if (rest.starts_with("<!")) return false;  // DOCTYPE and the like
    std::size_t gt = xml.find('>', lt);
    if (gt == std::string_view::npos) return false;
    std::string_view tag = xml.substr(lt + 1, gt - lt - 1);
    if (!tag.empty() && tag[0] == '/') {
      std::string_view n = tag.substr(1);
      while (!n.empty() && is_space(n.back())) n.remove_suffix(1);
      if (stack.empty() || stack.back() != n) return false;
      name.assign(n);
      stack.pop_back();
      on_end(ud, name.c_str());
      i = gt + 1;
      continue;
    }
    bool self_closing = !tag.empty() && tag.back() == '/';
    if (self_closing) tag.remove_suffix(1);
    std::size_t p = 0;
    while (p < tag.size() && !is_space(tag[p])) ++p;
    if (p == 0) return false;
    name.assign(tag.substr(0, p));
    attr_store.clear();
    // Attributes: name="value" or name='value'; values may hold '>' only escaped (Excel does).
    while (p < tag.size()) {
      while (p < tag.size() && is_space(tag[p])) ++p;
      if (p >= tag.size()) break;
      std::size_t eq = tag.find('=', p);
      if (eq == std::string_view::npos) return false;
      std::string_view an = tag.substr(p, eq - p);
      while (!an.empty() && is_space(an.back())) an.remove_suffix(1);
      std::size_t q = eq + 1;
      while (q < tag.size() && is_space(tag[q])) ++q;
      if (q >= tag.size() || (tag[q] != '"' && tag[q] != '\'')) return false;
      std::size_t close = tag.find(tag[q], q + 1);
      if (close == std::string_view::npos || an.empty()) return false;
      value.clear();
      if (!append_decoded(tag.substr(q + 1, close - q - 1), value)) return false;
      attr_store.emplace_back(an);
      attr_store.push_back(value);
      p = close + 1;
    }
    attrs.clear();
    for (const auto& a : attr_store) attrs.push_back(a.c_str());
    attrs.push_back(nullptr);
    if (stack.empty() && root_seen) return false;  // a second root element
    root_seen = true;
    on_start(ud, name.c_str(), attrs.data());
    if (self_closing) {
      on_end(ud, name.c_str());
    } else {
      stack.push_back(name);
    }
    i = gt + 1;
  }
  return stack.empty() && root_seen;
}

}  // namespace

std::string column_name(std::size_t index) {
  std::string out;
  std::size_t n = index + 1;
  while (n > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    n = (n - 1) / 26;
  }
  return out;
}

Result<Sheet> read_first_sheet(std::string_view bytes, const ReadLimits& limits) {
  // An OOXML workbook is a zip archive: it starts with a local file header.
  if (bytes.size() < 4 || bytes.substr(0, 4) != std::string_view("PK\x03\x04", 4)) {
    return not_xlsx();
  }
  zip_error_t zerr;
  zip_error_init(&zerr);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &zerr);
  if (src == nullptr) {
    zip_error_fini(&zerr);
    return not_xlsx();
  }
  zip_t* raw = zip_open_from_source(src, ZIP_RDONLY, &zerr);
  zip_error_fini(&zerr);
  if (raw == nullptr) {
    zip_source_free(src);
    return not_xlsx();
  }
  ZipPtr z(raw);
  const bool no_overflow = false;

  WorkbookState wb;
  {
    auto p = new_parser();
    XML_SetUserData(p.get(), &wb);
    XML_SetStartElementHandler(p.get(), wb_start);
    if (auto s = parse_entry(z.get(), "xl/workbook.xml", p.get(), limits, no_overflow); !s) {
      return s.error();
    }
  }
  std::string sheet_path = "xl/worksheets/sheet1.xml";
  if (!wb.first_sheet_rid.empty()) {
    RelsState rels;
    auto p = new_parser();
    XML_SetUserData(p.get(), &rels);
    XML_SetStartElementHandler(p.get(), rels_start);
    if (parse_entry(z.get(), "xl/_rels/workbook.xml.rels", p.get(), limits, no_overflow)) {
      auto it = rels.targets.find(wb.first_sheet_rid);
      if (it != rels.targets.end()) sheet_path = resolve_target(it->second);
    }
  }

  SharedState shared;
  shared.max = limits.max_cells;
  if (zip_name_locate(z.get(), "xl/sharedStrings.xml", 0) >= 0) {
    auto p = new_parser();
    XML_SetUserData(p.get(), &shared);
    XML_SetElementHandler(p.get(), ss_start, ss_end);
    XML_SetCharacterDataHandler(p.get(), ss_text);
    if (auto s = parse_entry(z.get(), "xl/sharedStrings.xml", p.get(), limits, shared.overflow);
        !s) {
      return s.error();
    }
  }

  Sheet sheet;
  sheet.name = wb.first_sheet_name;
  SheetState st;
  st.shared = &shared.strings;
  st.rows = &sheet.rows;
  st.merged = &sheet.merged;
  st.limits = &limits;
  auto xml = read_entry(z.get(), sheet_path, limits);
  if (!xml) return xml.error();
  if (!scan_xml(*xml, &st, sh_start, sh_end, sh_text, st.overflow)) return not_xlsx();
  if (st.overflow) {
    return Error{ErrorKind::kTooLarge, "import.too_many_cells",
                 "工作表行数或单元格过多,请拆分后分批导入", "the sheet has too many rows or cells",
                 "file"};
  }
  if (st.bad_ref) return not_xlsx();
  return sheet;
}

Result<std::string> write_sheet(const std::string& sheet_name, const std::vector<Column>& columns,
                                const std::vector<std::vector<std::string>>& rows) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = fs::temp_directory_path(ec);
  if (ec) return Error::internal("no temporary directory for the workbook");
  std::string tmpl = (dir / "zhifa-xlsx-XXXXXX").string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) return Error::internal("cannot create a temporary workbook file");
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() {
      std::error_code e;
      std::filesystem::remove(path, e);
    }
  } remove_file{tmpl};

  lxw_workbook_options options{};
  // Up to 50,000 rows the workbook keeps strings shared, as Excel writes them (smaller files);
  // beyond, rows go to disk as written so exports of any size fit in memory.
  options.constant_memory = rows.size() > 50'000 ? LXW_TRUE : LXW_FALSE;
  std::string tmpdir = dir.string();
  options.tmpdir = tmpdir.data();
  lxw_workbook* wb = workbook_new_opt(tmpl.c_str(), &options);
  if (wb == nullptr) return Error::internal("cannot start a workbook");

  // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
  std::string name;
  for (char c : sheet_name) {
    if (std::strchr("[]:*?/\\", c) == nullptr) name.push_back(c);
  }
  if (name.empty()) name = "Sheet1";
  while (name.size() > 31) {  // cut at a UTF-8 boundary
    name.pop_back();
    while (!name.empty() && (static_cast<unsigned char>(name.back()) & 0xC0) == 0x80)
      name.pop_back();
    if (!name.empty() && static_cast<unsigned char>(name.back()) >= 0xC0) name.pop_back();
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  for (std::size_t c = 0; c < columns.size(); ++c) {
    auto col = static_cast<lxw_col_t>(c);
    worksheet_set_column(ws, col, col, columns[c].width, columns[c].numeric ? nullptr : text);
  }
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), columns[c].title.c_str(), header);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    auto row = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < rows[r].size() && c < columns.size(); ++c) {
      const std::string& v = rows[r][c];
      if (v.empty()) continue;
      auto col = static_cast<lxw_col_t>(c);
      if (columns[c].numeric) {
        char* end = nullptr;
        double d = std::strtod(v.c_str(), &end);
        if (end != v.c_str() && *end == '\0') {
          worksheet_write_number(ws, row, col, d, nullptr);
          continue;
        }
      }
      worksheet_write_string(ws, row, col, v.c_str(), text);
    }
  }
  worksheet_freeze_panes(ws, 1, 0);
  if (!columns.empty()) {
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows.size()),
                         static_cast<lxw_col_t>(columns.size() - 1));
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return Error::internal("cannot write the workbook");
  std::ifstream in(tmpl, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace zhifa::xlsx
