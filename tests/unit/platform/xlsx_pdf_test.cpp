#include <gtest/gtest.h>
#include <zip.h>

#include <string>

#include "platform/pdf.hpp"
#include "platform/xlsx.hpp"

namespace zhifa {
namespace {

// Builds an .xlsx by hand the way Excel and WPS write it (shared strings, rich text, phonetic
// runs, prefixed namespaces, rows with gaps), so the reader is not only tested against our writer.
std::string hand_made_xlsx(const std::string& sheet_xml, const std::string& shared_xml) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(src);
  zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  auto add = [&](const char* name, const std::string& text) {
    auto* copy = static_cast<char*>(malloc(text.size()));
    memcpy(copy, text.data(), text.size());
    zip_source_t* s = zip_source_buffer(z, copy, text.size(), 1);
    zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
  };
  add("[Content_Types].xml", "<Types/>");
  add("xl/workbook.xml",
      R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
      R"(<x:sheets><x:sheet name="成绩" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>)");
  add("xl/_rels/workbook.xml.rels",
      R"(<Relationships><Relationship Id="rId7" Target="/xl/worksheets/data.xml"/></Relationships>)");
  add("xl/worksheets/data.xml", sheet_xml);
  if (!shared_xml.empty()) add("xl/sharedStrings.xml", shared_xml);
  zip_close(z);
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  auto size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&err);
  return out;
}

TEST(Xlsx, WrittenSheetsReadBackCellForCell) {
  std::vector<xlsx::Column> cols = {{"姓名", 12}, {"身份证号码", 22}, {"成绩", 8, true}};
  std::vector<std::vector<std::string>> rows = {{"张三", "140802199001011234", "78.5"},
                                                {"李四", "14080219900101123X", ""},
                                                {"王五 & <赵六>", "", "100"}};
  auto bytes = xlsx::write_sheet("成绩单", cols, rows);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message_en;
  auto sheet = xlsx::read_first_sheet(*bytes);
  ASSERT_TRUE(sheet.ok()) << sheet.error().message_en;
  EXPECT_EQ(sheet->name, "成绩单");
  ASSERT_EQ(sheet->rows.size(), 4u);
  EXPECT_EQ(sheet->rows[0], (std::vector<std::string>{"姓名", "身份证号码", "成绩"}));
  EXPECT_EQ(sheet->rows[1], (std::vector<std::string>{"张三", "140802199001011234", "78.5"}));
  // An 18-digit ID number is text, never a rounded number.
  EXPECT_EQ(sheet->rows[2][1], "14080219900101123X");
  EXPECT_EQ(sheet->rows[2].size(), 2u);  // the empty score is absent
  EXPECT_EQ(sheet->rows[3][0], "王五 & <赵六>");
  EXPECT_EQ(sheet->rows[3][2], "100");
}

TEST(Xlsx, ReadsSharedRichAndInlineStringsAndKeepsRowNumbers) {
  std::string shared =
      R"(<sst><si><t>准考证号</t></si><si><r><t>张</t></r><r><t xml:space="preserve">三</t></r>)"
      R"(<rPh><t>ZHANG</t></rPh></si></sst>)";
  std::string sheet =
      R"(<worksheet><sheetData>)"
      R"(<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>成绩</t></is></c></row>)"
      R"(<row r="4"><c r="A4" t="str"><v>2026010001</v></c><c r="B4" t="s"><v>1</v></c>)"
      R"(<c r="C4"><v>59.999999999999993</v></c><c r="D4" t="b"><v>1</v></c></row>)"
      R"(</sheetData></worksheet>)";
  auto got = xlsx::read_first_sheet(hand_made_xlsx(sheet, shared));
  ASSERT_TRUE(got.ok()) << got.error().message_en;
  EXPECT_EQ(got->name, "成绩");
  ASSERT_EQ(got->rows.size(), 4u);
  EXPECT_EQ(got->rows[0], (std::vector<std::string>{"准考证号", "", "成绩"}));
  EXPECT_TRUE(got->rows[1].empty());
  EXPECT_EQ(got->rows[3][1], "张三");  // phonetic run left out
  EXPECT_EQ(got->rows[3][2], "59.999999999999993");
  EXPECT_EQ(got->rows[3][3], "TRUE");
}

TEST(Xlsx, RefusesWhatIsNotAWorkbook) {
  for (std::string bad : {std::string(""), std::string("姓名,身份证号码\n张三,1"),
                          std::string("PK\x03\x04garbage", 11), std::string("%PDF-1.7")}) {
    auto got = xlsx::read_first_sheet(bad);
    ASSERT_FALSE(got.ok());
    EXPECT_EQ(got.error().kind, ErrorKind::kUnsupportedMedia);
    EXPECT_EQ(got.error().code, "import.not_xlsx");
  }
  // A zip that is not a workbook (no xl/workbook.xml), and a workbook with broken XML.
  auto not_book = xlsx::read_first_sheet(hand_made_xlsx("<worksheet>", ""));
  ASSERT_FALSE(not_book.ok());
  EXPECT_EQ(not_book.error().code, "import.not_xlsx");
}

TEST(Xlsx, RefusesSheetsBeyondTheLimits) {
  std::string sheet = "<worksheet><sheetData>";
  for (int r = 1; r <= 50; ++r) {
    sheet += "<row r=\"" + std::to_string(r) + "\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
  }
  sheet += "</sheetData></worksheet>";
  auto bytes = hand_made_xlsx(sheet, "");
  xlsx::ReadLimits limits;
  limits.max_cells = 10;
  auto got = xlsx::read_first_sheet(bytes, limits);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kTooLarge);
  limits = {};
  limits.max_entry_bytes = 100;
  got = xlsx::read_first_sheet(bytes, limits);
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().kind, ErrorKind::kTooLarge);
  EXPECT_TRUE(xlsx::read_first_sheet(bytes).ok());
}

TEST(Xlsx, ColumnNames) {
  EXPECT_EQ(xlsx::column_name(0), "A");
  EXPECT_EQ(xlsx::column_name(25), "Z");
  EXPECT_EQ(xlsx::column_name(26), "AA");
  EXPECT_EQ(xlsx::column_name(701), "ZZ");
  EXPECT_EQ(xlsx::column_name(702), "AAA");
}

TEST(Pdf, RendersChineseTextWithEmbeddedCjkFontsAcrossPages) {
  pdf::Document doc;
  doc.title = "测试公告";
  doc.blocks.push_back(pdf::Block::title("运城市行政执法主体资格确认公告"));
  doc.blocks.push_back(pdf::Block::paragraph(std::string(40, 'x') + "根据有关规定,现予公告。"));
  std::vector<std::vector<std::string>> rows = {{"序号", "执法主体名称", "主体性质"}};
  for (int i = 1; i <= 120; ++i)
    rows.push_back({std::to_string(i), "运城市市场监督管理局", "行政机关"});
  doc.blocks.push_back(pdf::Block::table(rows, {1, 5, 2}));
  doc.blocks.push_back(pdf::Block::right("运城市司法局"));
  auto bytes = pdf::render(doc);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message_en;
  EXPECT_TRUE(bytes->starts_with("%PDF-"));
  EXPECT_NE(bytes->find("NotoSerifCJK"), std::string::npos) << "the CJK font is embedded";
  // 120 table rows do not fit on one A4 page: the table flows onto more pages.
  std::size_t pages = 0;
  for (std::size_t p = bytes->find("/Type /Page\n"); p != std::string::npos;
       p = bytes->find("/Type /Page\n", p + 1)) {
    ++pages;
  }
  if (pages == 0) {
    for (std::size_t p = bytes->find("/Type /Page"); p != std::string::npos;
         p = bytes->find("/Type /Page", p + 1)) {
      if (bytes->compare(p, 12, "/Type /Pages") != 0) ++pages;
    }
  }
  EXPECT_GE(pages, 3u);
}

}  // namespace
}  // namespace zhifa
