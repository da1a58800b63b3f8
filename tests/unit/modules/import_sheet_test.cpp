// Spreadsheet imports: the header, blank rows, trimming, one-decimal numbers and the error list
// that refuses a whole file (modules/common/import_sheet.hpp).
#include "modules/common/import_sheet.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace zhifa::modules {
namespace {

std::string sheet(const std::vector<std::vector<std::string>>& rows) {
  std::vector<xlsx::Column> cols;
  for (const auto& t : rows.at(0)) cols.push_back({t});
  std::vector<std::vector<std::string>> body(rows.begin() + 1, rows.end());
  return *xlsx::write_sheet("导入", cols, body);
}

TEST(ImportSheet, AMissingRequiredColumnIsNamedOnRowOne) {
  auto r =
      ImportSheet::open(sheet({{"姓名", "学时"}, {"张三", "8"}}), {"姓名", "身份证号码", "学时"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.rows");
  EXPECT_EQ(r.error().kind, ErrorKind::kUnprocessable);
  ASSERT_EQ(r.error().items.size(), 1u);
  EXPECT_EQ(r.error().items[0].row, 1);
  EXPECT_EQ(r.error().items[0].column, "身份证号码");
}

TEST(ImportSheet, ColumnsInAnyOrderBlankRowsSkippedCellsTrimmed) {
  auto r = ImportSheet::open(sheet({{"备注", " 学时 ", "姓名"},
                                    {"", "8", "\xE3\x80\x80张三 "},
                                    {"", "", ""},
                                    {"x", "4.5", "李四"}}),
                             {"姓名", "学时"});
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  ASSERT_EQ(r->rows().size(), 2u);
  EXPECT_EQ(r->rows()[0].excel_row, 2);
  EXPECT_EQ(r->rows()[1].excel_row, 4);  // row 3 was blank
  EXPECT_EQ(r->cell(r->rows()[0], "姓名"), "张三");
  EXPECT_EQ(r->cell(r->rows()[1], r->column("学时")), "4.5");
  EXPECT_EQ(r->cell(r->rows()[1], "没有这一列"), "");
  EXPECT_EQ(r->column("没有这一列"), ImportSheet::kNoColumn);
}

// A published list as governments lay it out: the benchmark's columns merged down its levels.
std::string merged_sheet() {
  std::string path = (std::filesystem::temp_directory_path() / "zhifa-merged-XXXXXX").string();
  int fd = mkstemp(path.data());
  ::close(fd);
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "基准");
  worksheet_write_string(ws, 0, 0, "基准编码", nullptr);
  worksheet_write_string(ws, 0, 1, "裁量等级", nullptr);
  worksheet_merge_range(ws, 1, 0, 2, 0, "DQ-118", nullptr);
  worksheet_write_string(ws, 1, 1, "一般", nullptr);
  worksheet_write_string(ws, 2, 1, "严重", nullptr);
  workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

TEST(ImportSheet, MergedCellsAreRefusedWithTheirRange) {
  auto bytes = merged_sheet();
  auto sheet = xlsx::read_first_sheet(bytes);
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->merged, (std::vector<std::string>{"A2:A3"}));
  EXPECT_EQ(sheet->rows.at(2).at(0), "");  // only the first cell of a merge holds the text
  auto r = ImportSheet::open(bytes, {"基准编码", "裁量等级"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.merged_cells");
  EXPECT_EQ(r.error().kind, ErrorKind::kUnprocessable);
  EXPECT_NE(r.error().message_zh.find("A2:A3"), std::string::npos) << r.error().message_zh;
}

TEST(ImportSheet, AHeaderWithoutRowsOrAnEmptySheetIsRefused) {
  auto r = ImportSheet::open(sheet({{"姓名"}}), {"姓名"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.empty");
}

TEST(ImportSheet, RowErrorsComeSortedByRowAndCapped) {
  RowErrors e;
  e.add(9, "学时", "b", "b");
  e.add(3, "姓名", "a", "a");
  for (int i = 0; i < 1500; ++i) e.add(100 + i, "x", "c", "c");
  auto err = e.to_error();
  EXPECT_EQ(err.items.size(), 1000u);
  EXPECT_EQ(err.items[0].row, 3);
  EXPECT_EQ(err.items[1].row, 9);
  EXPECT_NE(err.message_zh.find("1502"), std::string::npos) << "the message gives the full count";
}

TEST(ImportSheet, NumbersWithAtMostOneDecimal) {
  EXPECT_EQ(parse_tenths("60"), 600);
  EXPECT_EQ(parse_tenths("59.9"), 599);
  EXPECT_EQ(parse_tenths("59.999999999999993"), 600);  // Excel's binary noise
  EXPECT_EQ(parse_tenths("-1.5"), -15);
  EXPECT_FALSE(parse_tenths("59.95").has_value());
  EXPECT_FALSE(parse_tenths("六十").has_value());
  EXPECT_FALSE(parse_tenths("").has_value());
  EXPECT_FALSE(parse_tenths("1e400").has_value());
  EXPECT_EQ(tenths_text(600), "60");
  EXPECT_EQ(tenths_text(855), "85.5");
  EXPECT_EQ(tenths_text(-15), "-1.5");
}

}  // namespace
}  // namespace zhifa::modules
