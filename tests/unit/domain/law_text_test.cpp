#include "domain/law_text.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "platform/embedded.hpp"

namespace zhifa::domain {
namespace {

std::filesystem::path source(const std::string& rel) {
  const char* root = std::getenv("ZHIFA_SOURCE_DIR");
  return std::filesystem::path(root ? root : ".") / rel;
}

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(LawText, ChineseNumeralsBothWays) {
  EXPECT_EQ(chinese_number("一"), 1);
  EXPECT_EQ(chinese_number("十"), 10);
  EXPECT_EQ(chinese_number("十五"), 15);
  EXPECT_EQ(chinese_number("二十"), 20);
  EXPECT_EQ(chinese_number("一百零五"), 105);
  EXPECT_EQ(chinese_number("一百一十八"), 118);
  EXPECT_EQ(chinese_number("一百五十四"), 154);
  EXPECT_EQ(chinese_number("一千零二十"), 1020);
  EXPECT_FALSE(chinese_number("").has_value());
  EXPECT_FALSE(chinese_number("条").has_value());
  EXPECT_FALSE(chinese_number("12").has_value());
  for (int n = 1; n <= 2000; ++n) {
    EXPECT_EQ(chinese_number(chinese_numeral(n)), n) << n << " " << chinese_numeral(n);
  }
  EXPECT_EQ(chinese_numeral(118), "一百一十八");
  EXPECT_EQ(chinese_numeral(10), "十");
  EXPECT_EQ(chinese_numeral(110), "一百一十");
  EXPECT_EQ(chinese_numeral(105), "一百零五");
}

TEST(LawText, ParsesArticlesWithTheirParagraphsAndChapters) {
  auto law = parse_law_markdown(
      "# 示例法\n\n2020年1月1日 通过\n\n<!-- INFO END -->\n\n## 第一章 总则\n\n"
      "第一条 为了示例，制定本法。\n\n第二条 第一款。\n\n第二款。\n\n### 第一节 细则\n\n"
      "第三条 细则。\n\n## 第二章 法律责任\n\n第四条 违反本法第二条的，处罚款。\n");
  ASSERT_TRUE(law.ok()) << law.error().message_en;
  EXPECT_EQ(law->title, "示例法");
  ASSERT_EQ(law->articles.size(), 4u);
  EXPECT_EQ(law->articles[1].label, "第二条");
  EXPECT_EQ(law->articles[1].text, "第一款。\n第二款。");
  EXPECT_EQ(law->articles[2].chapter, "第一章 总则");
  EXPECT_EQ(law->articles[3].chapter, "第二章 法律责任");
  EXPECT_EQ(law->articles[3].text, "违反本法第二条的，处罚款。");
}

TEST(LawText, RefusesDamagedTexts) {
  EXPECT_FALSE(parse_law_markdown("第一条 没有标题。").ok());
  EXPECT_FALSE(parse_law_markdown("# 标题\n\n没有条文。").ok());
  auto gap = parse_law_markdown("# 标题\n\n第一条 一。\n\n第三条 三。\n");
  ASSERT_FALSE(gap.ok());
  EXPECT_NE(gap.error().message_zh.find("不连续"), std::string::npos);
}

// Every law the product carries parses into exactly the number of articles the shared index
// records, and the copy compiled into the binary is the shared file unchanged.
TEST(LawText, EveryCarriedLawMatchesTheSharedIndex) {
  auto index_text = embedded::file("data/laws/index.json");
  ASSERT_TRUE(index_text.has_value());
  auto index = nlohmann::json::parse(*index_text);
  auto shared_dir = source("../shared/data/laws");
  bool shared = std::filesystem::exists(shared_dir);
  int laws = 0;
  for (const auto& l : index.at("laws")) {
    std::string file = l.at("file");
    SCOPED_TRACE(file);
    auto text = embedded::file("data/laws/" + file);
    ASSERT_TRUE(text.has_value());
    auto law = parse_law_markdown(*text);
    ASSERT_TRUE(law.ok()) << law.error().message_zh;
    EXPECT_EQ(law->title, l.at("title").get<std::string>());
    EXPECT_EQ(static_cast<int>(law->articles.size()), l.at("articles").get<int>());
    for (const auto& a : law->articles) {
      EXPECT_FALSE(a.text.empty()) << a.label;
    }
    if (shared) {
      EXPECT_EQ(std::string(*text), read(shared_dir / file)) << "differs from ../shared";
    }
    ++laws;
  }
  EXPECT_EQ(laws, 32);
  // The article the discretion cases cite is where they say.
  auto apl = parse_law_markdown(*embedded::file("data/laws/行政处罚法(2021-01-22).md"));
  ASSERT_TRUE(apl.ok());
  EXPECT_TRUE(apl->articles[32].text.starts_with("违法行为轻微并及时改正"));  // 第三十三条
}

}  // namespace
}  // namespace zhifa::domain
