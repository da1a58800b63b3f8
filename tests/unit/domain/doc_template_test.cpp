#include "domain/doc_template.hpp"

#include <gtest/gtest.h>

#include <set>

#include "platform/embedded.hpp"

namespace zhifa::domain {
namespace {

using nlohmann::json;

TEST(DocTemplate, OnlyKnownFieldsAndBlockTypesAreAccepted) {
  json t = {{"code", "decision"},
            {"name", "行政处罚决定书"},
            {"number", "decision"},
            {"blocks",
             {{{"type", "title"}, {"text", "{{org.name}}"}},
              {{"type", "paragraph"}, {"text", "当事人:{{party.name}}"}},
              {{"type", "table"},
               {"rows", json::array({json::array({"项目", "内容"}),
                                     json::array({"罚款", "{{penalty.fine_yuan}}"})})}}}}};
  auto ok = parse_template(t);
  ASSERT_TRUE(ok.ok()) << ok.error().message_zh;
  EXPECT_EQ(to_json(*ok)["blocks"].size(), 3u);
  t["blocks"][1]["text"] = "当事人:{{party.nmae}}";
  auto bad = parse_template(t);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "template.unknown_field");
  EXPECT_NE(bad.error().message_zh.find("party.nmae"), std::string::npos);
  t["blocks"][1] = {{"type", "marquee"}, {"text", "x"}};
  EXPECT_EQ(parse_template(t).error().code, "template.block_type");
  t["blocks"][1] = {{"type", "table"},
                    {"rows", json::array({json::array({"a", "b"}), json::array({"c"})})}};
  EXPECT_EQ(parse_template(t).error().code, "template.table");
}

TEST(DocTemplate, FillReplacesFieldsAndLeavesABlankForMissingOnes) {
  auto t = parse_template(
      json{{"code", "notice"},
           {"name", "告知书"},
           {"blocks",
            {{{"type", "paragraph"},
              {"text", "{{party.name}}:拟罚款{{penalty.fine_yuan}}元,{{facts}}"}}}}});
  ASSERT_TRUE(t.ok());
  auto blocks = fill(*t, {{"party.name", "某某超市"}, {"penalty.fine_yuan", "5,000.00"}});
  EXPECT_EQ(blocks[0].text, "某某超市:拟罚款5,000.00元,________");
}

TEST(DocTemplate, TheBundledTemplatesAllParse) {
  auto text = embedded::file("data/document-templates.json");
  ASSERT_TRUE(text.has_value());
  json bundle = json::parse(*text);
  std::set<std::string> codes;
  for (const auto& t : bundle["templates"]) {
    auto parsed = parse_template(t);
    ASSERT_TRUE(parsed.ok()) << t.value("code", "") << ": " << parsed.error().message_zh;
    codes.insert(parsed->code);
  }
  for (const char* c :
       {"filing_approval", "inquiry", "inspection", "notice", "hearing_notice", "review_opinion",
        "decision", "service_receipt", "closing_report", "transfer_letter"}) {
    EXPECT_TRUE(codes.count(c)) << c;
  }
}

TEST(Amounts, WrittenAsDocumentsWriteThem) {
  EXPECT_EQ(yuan_amount(500000), "5,000.00");
  EXPECT_EQ(yuan_amount(123456789), "1,234,567.89");
  EXPECT_EQ(yuan_amount(5), "0.05");
  EXPECT_EQ(yuan_capital(500000), "伍仟元整");
  EXPECT_EQ(yuan_capital(1000000), "壹万元整");
  EXPECT_EQ(yuan_capital(1050000), "壹万零伍佰元整");
  EXPECT_EQ(yuan_capital(10000100), "壹拾万零壹元整");
  // The 元 digit is 0: one 零 or none may be written (支付结算办法); we write none.
  EXPECT_EQ(yuan_capital(300050), "叁仟元伍角");
  EXPECT_EQ(yuan_capital(12345), "壹佰贰拾叁元肆角伍分");
  EXPECT_EQ(yuan_capital(100000000000), "壹拾亿元整");
  EXPECT_EQ(yuan_capital(0), "零元整");
  EXPECT_EQ(chinese_date("2026-06-05"), "2026年6月5日");
}

}  // namespace
}  // namespace zhifa::domain
