// Excel workbooks, the format our users live in (DESIGN.md: libxlsxwriter writes, libzip + expat
// read). Reading takes the first worksheet as a grid of cell texts; writing makes one sheet with a
// bold, frozen header row, text-formatted columns (so an 18-digit ID number stays text) and
// optional numeric columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::xlsx {

struct Sheet {
  std::string name;
  // rows[r][c]: the text of the cell at Excel row r+1, column c+1 ("" for an empty cell). Numbers
  // are their stored text ("78.5"), booleans "TRUE"/"FALSE", shared and inline strings their text.
  std::vector<std::vector<std::string>> rows;
  // Merged ranges ("A2:A5"): a merged cell's text is in its first cell only, the others read "".
  std::vector<std::string> merged;
};

struct ReadLimits {
  std::size_t max_entry_bytes = 64u << 20;  // uncompressed size of one XML part (zip bombs)
  std::size_t max_cells = 2'000'000;
  std::size_t max_rows = 200'000;
};

// The first worksheet of an .xlsx file. A body that is not an OOXML workbook is refused with
// kUnsupportedMedia ("import.not_xlsx"); one too large once uncompressed with kTooLarge.
Result<Sheet> read_first_sheet(std::string_view bytes, const ReadLimits& limits = {});

struct Column {
  std::string title;
  double width = 16;
  bool numeric = false;  // cells parse as numbers and are written as numbers
};

// One worksheet named `sheet_name` with `columns` as the header row and `rows` below it.
Result<std::string> write_sheet(const std::string& sheet_name, const std::vector<Column>& columns,
                                const std::vector<std::vector<std::string>>& rows);

// "A", "B", ..., "Z", "AA": the Excel name of a 0-based column index.
std::string column_name(std::size_t index);

inline constexpr std::string_view kContentType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace zhifa::xlsx
