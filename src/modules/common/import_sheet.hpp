// Spreadsheet imports, all or nothing: the sheet is checked row by row, every problem is collected
// with its Excel row number and column, and if there is any the whole file is refused (422
// "import.rows" with the list) before a single row is written.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules {

struct ImportRow {
  int excel_row = 0;  // 2 = the first data row
  std::vector<std::string> cells;
};

class ImportSheet {
 public:
  // Reads the first sheet; the first row must hold every `required` title (extra columns are
  // ignored, order is free, spaces around titles do not matter). Blank rows are skipped.
  static Result<ImportSheet> open(std::string_view body, const std::vector<std::string>& required,
                                  const std::vector<std::string>& optional = {},
                                  std::size_t max_rows = 20'000);

  const std::vector<ImportRow>& rows() const { return rows_; }
  // The trimmed text of a column in a row ("" when the column is absent or the cell empty).
  std::string cell(const ImportRow& row, const std::string& title) const;
  // The same by column index (column() once, then cell() per row: no lookup by title).
  static constexpr std::size_t kNoColumn = static_cast<std::size_t>(-1);
  std::size_t column(const std::string& title) const;
  std::string cell(const ImportRow& row, std::size_t column) const;
  bool has_column(const std::string& title) const { return index_.count(title) > 0; }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<ImportRow> rows_;
};

class RowErrors {
 public:
  void add(int row, std::string column, std::string zh, std::string en);
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  // 422 import.rows with every item (the first 1,000 listed; the message gives the count).
  Error to_error() const;

 private:
  std::vector<Error::Item> items_;
};

// Parses a number with at most one decimal (e.g. a score or hours) into tenths; nullopt when the
// text is not such a number. Excel's binary noise (59.999999999999993) rounds to the tenth.
std::optional<std::int64_t> parse_tenths(const std::string& text);

// "78.5" / "60" from tenths.
std::string tenths_text(std::int64_t tenths);

}  // namespace zhifa::modules
