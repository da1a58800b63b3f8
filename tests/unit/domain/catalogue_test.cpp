#include "domain/catalogue.hpp"

#include <gtest/gtest.h>

namespace zhifa::domain {
namespace {

MatterData sample() {
  MatterData m;
  m.name = "对未取得食品经营许可从事食品经营活动的行政处罚";
  m.type = "penalty";
  m.field = "market";
  m.basis = {{10, "第一款", "《中华人民共和国食品安全法》第三十五条第一款", "2021-04-29"},
             {11, "", "《中华人民共和国食品安全法》第一百二十二条", "2021-04-29"}};
  m.flow = {{"立案", "", ""}, {"调查取证", "两名以上执法人员", ""}, {"决定", "", "九十日内"}};
  m.guide = {{"fees", "不收费"}};
  m.effective_from = "2024-01-01";
  return m;
}

TEST(Catalogue, CitationsAsGovernmentsPublishThem) {
  auto r = parse_citations(
      "《食品安全法》第一百二十二条第一款;《中华人民共和国食品安全法实施条例》第75条");
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].law, "食品安全法");
  EXPECT_EQ((*r)[0].article, 122);
  EXPECT_EQ((*r)[0].clause, "第一款");
  EXPECT_EQ((*r)[1].law, "中华人民共和国食品安全法实施条例");
  EXPECT_EQ((*r)[1].article, 75);
  EXPECT_EQ((*r)[1].clause, "");
  // A citation without a title takes the previous one; full-width separators and spaces.
  auto same_law = parse_citations(" 《大气污染防治法》第八十一条、第一百一十八条第1款第二项；");
  ASSERT_TRUE(same_law.ok());
  ASSERT_EQ(same_law->size(), 2u);
  EXPECT_EQ((*same_law)[1].law, "大气污染防治法");
  EXPECT_EQ((*same_law)[1].article, 118);
  EXPECT_EQ((*same_law)[1].clause, "第一款第二项");
}

TEST(Catalogue, CitationsThatAreNotCitationsAreRefusedByName) {
  for (const char* bad : {"第一条", "《食品安全法》", "《食品安全法》第条",
                          "《食品安全法》第一百条之规定", "《食品安全法第一条", "随便写的依据"}) {
    auto r = parse_citations(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, "citation.invalid") << bad;
    EXPECT_NE(r.error().message_zh.find("引用"), std::string::npos) << bad;
  }
  auto empty = parse_citations(" ; ");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().code, "citation.empty");
}

TEST(Catalogue, MatterTypesAndLabels) {
  EXPECT_EQ(matter_types().size(), 7u);
  EXPECT_EQ(matter_type_of_label("行政处罚"), "penalty");
  EXPECT_EQ(matter_type_of_label("处罚"), "penalty");
  EXPECT_EQ(matter_type_of_label(" 行政许可 "), "licence");
  EXPECT_EQ(matter_type_of_label("其他"), "other");
  EXPECT_EQ(matter_type_of_label("其他行政权力"), "other");
  EXPECT_FALSE(matter_type_of_label("罚款").has_value());
  EXPECT_EQ(list_label("statutory", "street"), "法定事项(街道)");
  EXPECT_EQ(list_label("delegated", "all"), "赋权事项");
  EXPECT_TRUE(is_street_office("中城街道综合行政执法办公室"));
  EXPECT_FALSE(is_street_office("解州镇综合行政执法办公室"));
}

TEST(Catalogue, AMatterIsCheckedBeforeItIsStored) {
  EXPECT_TRUE(check_matter(sample()).ok());
  auto code_of = [](MatterData m) {
    auto r = check_matter(m);
    return r.ok() ? std::string("ok") : r.error().code;
  };
  auto m = sample();
  m.name = "  ";
  EXPECT_EQ(code_of(m), "matter.name");
  m = sample();
  m.type = "fine";
  EXPECT_EQ(code_of(m), "matter.type");
  m = sample();
  m.field = "weather";
  EXPECT_EQ(code_of(m), "matter.field");
  m = sample();
  m.basis.clear();
  EXPECT_EQ(code_of(m), "matter.basis");
  m = sample();
  m.basis.push_back(m.basis[0]);
  EXPECT_EQ(code_of(m), "matter.basis_repeated");
  m = sample();
  m.flow.push_back({"", "无名步骤", ""});
  EXPECT_EQ(code_of(m), "matter.flow");
  m = sample();
  m.effective_until = "2023-12-31";
  EXPECT_EQ(code_of(m), "matter.dates");
  m = sample();
  m.effective_from = "2024-02-30";
  EXPECT_NE(code_of(m), "ok");
  // Not in force before the law it cites.
  m = sample();
  m.effective_from = "2021-04-28";
  EXPECT_EQ(code_of(m), "matter.before_law");
  m.effective_from = "2021-04-29";
  EXPECT_EQ(code_of(m), "ok");
  // A township list names the townships it applies to.
  m = sample();
  m.list_kind = "statutory";
  EXPECT_EQ(code_of(m), "matter.list");
  m.township_kind = "street";
  EXPECT_EQ(code_of(m), "ok");
  m.list_kind = "delegated";
  EXPECT_EQ(code_of(m), "matter.list");
  m.township_kind = "all";
  EXPECT_EQ(code_of(m), "ok");
}

TEST(Catalogue, InForceBetweenItsDatesWhileActive) {
  auto m = sample();
  m.effective_until = "2025-12-31";
  EXPECT_FALSE(in_force(m, "2023-12-31"));
  EXPECT_TRUE(in_force(m, "2024-01-01"));
  EXPECT_TRUE(in_force(m, "2025-12-31"));
  EXPECT_FALSE(in_force(m, "2026-01-01"));
  m.status = "repealed";
  EXPECT_FALSE(in_force(m, "2024-06-01"));
}

TEST(Catalogue, TheDiffNamesEachChangedFieldWithBothTexts) {
  auto a = sample();
  EXPECT_TRUE(diff_matters(a, a).empty());
  auto b = a;
  b.name += "(修订)";
  b.basis.pop_back();
  b.flow.insert(b.flow.begin() + 2, {"法制审核", "", "五个工作日"});
  b.guide["fees"] = "";
  b.guide["contact"] = "12345";
  b.effective_until = "2026-12-31";
  auto d = diff_matters(a, b);
  std::vector<std::string> fields;
  for (const auto& c : d) fields.push_back(c.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "basis", "flow", "guide.fees",
                                              "guide.contact", "effective_until"}));
  EXPECT_EQ(
      d[1].before,
      "《中华人民共和国食品安全法》第三十五条第一款;《中华人民共和国食品安全法》第一百二十二条");
  EXPECT_EQ(d[1].after, "《中华人民共和国食品安全法》第三十五条第一款");
  EXPECT_EQ(d[2].after,
            "立案 → 调查取证(两名以上执法人员) → 法制审核(五个工作日) → 决定(九十日内)");
  EXPECT_EQ(d[3].label, "服务指南·收费标准");
  EXPECT_EQ(d[3].before, "不收费");
  EXPECT_EQ(d[3].after, "");
  EXPECT_EQ(d[5].before, "");
  EXPECT_EQ(d[5].after, "2026-12-31");
}

TEST(Catalogue, FlowTextRoundTrips) {
  auto steps = parse_flow("立案 → 调查取证->审查 > 决定\n送达");
  ASSERT_EQ(steps.size(), 5u);
  EXPECT_EQ(steps[2].name, "审查");
  EXPECT_EQ(flow_text(steps), "立案 → 调查取证 → 审查 → 决定 → 送达");
  EXPECT_EQ(parse_flow(flow_text(steps)), steps);
  EXPECT_TRUE(parse_flow("  ").empty());
}

}  // namespace
}  // namespace zhifa::domain
