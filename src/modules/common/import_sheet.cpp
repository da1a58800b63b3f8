#include "modules/common/import_sheet.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace zhifa::modules {
namespace {

std::string trim(std::string s) {
  auto is_space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && is_space(static_cast<unsigned char>(s[i]))) ++i;
  s.erase(0, i);
  // Full-width spaces (U+3000) that Chinese input methods leave around titles and names.
  const std::string ideographic = "\xE3\x80\x80";
  while (s.starts_with(ideographic)) s.erase(0, 3);
  while (s.ends_with(ideographic)) s.erase(s.size() - 3);
  return s;
}

}  // namespace

Result<ImportSheet> ImportSheet::open(std::string_view body,
                                      const std::vector<std::string>& required,
                                      const std::vector<std::string>& optional,
                                      std::size_t max_rows) {
  xlsx::ReadLimits limits;
  limits.max_rows = max_rows + 1;
  auto sheet = xlsx::read_first_sheet(body, limits);
  if (!sheet) return sheet.error();
  ImportSheet out;
  if (!sheet->merged.empty()) {
    // Published lists merge the cells a group of rows shares; an import needs every row complete.
    std::string ranges;
    for (std::size_t i = 0; i < sheet->merged.size() && i < 5; ++i) {
      ranges += (i ? "、" : "") + sheet->merged[i];
    }
    if (sheet->merged.size() > 5) ranges += " 等";
    return Error{ErrorKind::kUnprocessable, "import.merged_cells",
                 "表格含有合并单元格(" + ranges + "),请取消合并并在每一行填写完整后再导入",
                 "the sheet has merged cells (" + ranges + "); unmerge them and fill every row",
                 "file"};
  }
  if (sheet->rows.empty()) {
    return Error{ErrorKind::kUnprocessable, "import.empty", "工作表为空:第一行应为列标题",
                 "the sheet is empty: the first row must hold the column titles", "file"};
  }
  const auto& header = sheet->rows[0];
  for (std::size_t c = 0; c < header.size(); ++c) {
    std::string t = trim(header[c]);
    if (!t.empty() && !out.index_.count(t)) out.index_[t] = c;
  }
  RowErrors errors;
  for (const auto& title : required) {
    if (!out.index_.count(title)) {
      errors.add(1, title, "缺少列“" + title + "”", "missing column \"" + title + "\"");
    }
  }
  (void)optional;  // documented for callers; absent optional columns read as ""
  if (!errors.empty()) return errors.to_error();
  for (std::size_t r = 1; r < sheet->rows.size(); ++r) {
    bool blank = true;
    for (const auto& c : sheet->rows[r]) {
      if (!trim(c).empty()) {
        blank = false;
        break;
      }
    }
    if (blank) continue;
    out.rows_.push_back({static_cast<int>(r + 1), std::move(sheet->rows[r])});
  }
  if (out.rows_.empty()) {
    return Error{ErrorKind::kUnprocessable, "import.empty", "工作表没有数据行",
                 "the sheet has no data rows", "file"};
  }
  return out;
}

std::size_t ImportSheet::column(const std::string& title) const {
  auto it = index_.find(title);
  return it == index_.end() ? kNoColumn : it->second;
}

std::string ImportSheet::cell(const ImportRow& row, std::size_t column) const {
  if (column >= row.cells.size()) return "";
  return trim(row.cells[column]);
}

std::string ImportSheet::cell(const ImportRow& row, const std::string& title) const {
  auto it = index_.find(title);
  if (it == index_.end() || it->second >= row.cells.size()) return "";
  return trim(row.cells[it->second]);
}

void RowErrors::add(int row, std::string column, std::string zh, std::string en) {
  items_.push_back({row, std::move(column), std::move(zh), std::move(en)});
}

Error RowErrors::to_error() const {
  Error e{
      ErrorKind::kUnprocessable, "import.rows",
      "导入文件有 " + std::to_string(items_.size()) + " 处错误,未导入任何数据;请按行修改后重新导入",
      std::to_string(items_.size()) + " problems in the file; nothing was imported", "file"};
  std::vector<Error::Item> sorted = items_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Error::Item& a, const Error::Item& b) { return a.row < b.row; });
  for (std::size_t i = 0; i < sorted.size() && i < 1000; ++i) e.items.push_back(sorted[i]);
  return e;
}

std::optional<std::int64_t> parse_tenths(const std::string& text) {
  if (text.empty() || text.size() > 24) return std::nullopt;
  char* end = nullptr;
  double d = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || *end != '\0' || !std::isfinite(d)) return std::nullopt;
  double tenths = d * 10;
  double rounded = std::round(tenths);
  if (std::fabs(tenths - rounded) > 1e-6) return std::nullopt;  // more than one decimal
  if (std::fabs(rounded) > 1e12) return std::nullopt;
  return static_cast<std::int64_t>(rounded);
}

std::string tenths_text(std::int64_t tenths) {
  std::string sign = tenths < 0 ? "-" : "";
  std::int64_t a = tenths < 0 ? -tenths : tenths;
  std::string s = sign + std::to_string(a / 10);
  if (a % 10 != 0) s += "." + std::to_string(a % 10);
  return s;
}

}  // namespace zhifa::modules
