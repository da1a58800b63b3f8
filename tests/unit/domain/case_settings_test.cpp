#include "domain/case_settings.hpp"

#include <gtest/gtest.h>

#include "domain/case_flow.hpp"

namespace zhifa::domain {
namespace {

using nlohmann::json;

TEST(CaseSettings, DefaultsRoundTripAndLocalValuesReplaceThem) {
  CaseSettings d;
  auto back = parse_case_settings(to_json(d));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(to_json(*back), to_json(d));
  auto s = parse_case_settings(json::parse(R"({
    "hearing": {"person_fine_fen": 1000000},
    "review": {"fine_fen": 5000000, "kinds": ["revoke_licence"]},
    "extensions": {"market": {"days": 30, "basis": "《市场监督管理行政处罚程序规定》"}}})"));
  ASSERT_TRUE(s.ok()) << s.error().message_zh;
  EXPECT_EQ(s->hearing.person_fine_fen, 1000000);
  EXPECT_EQ(s->hearing.organisation_fine_fen, HearingThresholds{}.organisation_fine_fen);
  EXPECT_EQ(s->review.kinds, std::set<PenaltyKind>{PenaltyKind::kRevokeLicence});
  // The thresholds decide the hearing right: a person fined 6,000 yuan has none under 10,000.
  Penalty p{{PenaltyKind::kFine}, 600000, 0, false};
  EXPECT_FALSE(hearing_right(p, s->hearing).allowed);
  EXPECT_TRUE(hearing_right(p, HearingThresholds{}).allowed);
}

TEST(CaseSettings, BadSettingsAreRefusedWithTheField) {
  auto field = [](const char* text) {
    auto r = parse_case_settings(json::parse(text));
    return r.ok() ? std::string("ok") : r.error().field;
  };
  EXPECT_EQ(field(R"({"hearing": {"person_fine_fen": 0}})"), "hearing.person_fine_fen");
  EXPECT_EQ(field(R"({"hearing": {"person_fine_fen": 12.5}})"), "hearing.person_fine_fen");
  EXPECT_EQ(field(R"({"review": {"kinds": ["beheading"]}})"), "review.kinds");
  EXPECT_EQ(field(R"({"extensions": {"nowhere": {"days": 30, "basis": "x"}}})"),
            "extensions.nowhere");
  EXPECT_EQ(field(R"({"extensions": {"market": {"days": 400, "basis": "x"}}})"),
            "extensions.market.days");
  EXPECT_EQ(field(R"({"extensions": {"market": {"days": 30}}})"), "extensions.market.basis");
  EXPECT_EQ(field(R"({"colour": "red"})"), "colour");
}

TEST(CaseSettings, ExtensionOnlyWhereTheSectorAllowsAndNoFurther) {
  CaseSettings s;
  s.extensions["market"] = {30, "《市场监督管理行政处罚程序规定》"};
  auto none = check_extension(s, "urban", 10, 0);
  EXPECT_FALSE(none.allowed);
  EXPECT_EQ(none.code, "case.extension_not_allowed");
  EXPECT_NE(none.article.find("第六十条"), std::string::npos);
  EXPECT_TRUE(check_extension(s, "market", 30, 0).allowed);
  auto more = check_extension(s, "market", 11, 20);
  EXPECT_FALSE(more.allowed);
  EXPECT_EQ(more.code, "case.extension_too_long");
  EXPECT_EQ(more.article, "《市场监督管理行政处罚程序规定》");
  EXPECT_FALSE(check_extension(s, "market", 0, 0).allowed);
}

TEST(CaseSettings, ExtensionIsAskedOnceAndDecidedByTheLeadership) {
  FlowContext ctx;
  EXPECT_EQ(*next_case_state("noticed", "request_extension", CaseRole::kOfficer, ctx), "noticed");
  auto early = next_case_state("noticed", "approve_extension", CaseRole::kLeader, ctx);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, "case.no_extension_request");
  ctx.extension_requested = true;
  EXPECT_EQ(next_case_state("noticed", "request_extension", CaseRole::kOfficer, ctx).error().code,
            "case.extension_pending");
  EXPECT_EQ(next_case_state("noticed", "approve_extension", CaseRole::kOfficer, ctx).error().code,
            "case.role");
  EXPECT_EQ(*next_case_state("noticed", "approve_extension", CaseRole::kLeader, ctx), "noticed");
  EXPECT_FALSE(next_case_state("decided", "request_extension", CaseRole::kOfficer, ctx).ok());
  EXPECT_EQ(*next_case_state("served", "defer_payment", CaseRole::kLeader, ctx), "served");
}

TEST(CaseSettings, PaymentPlansOnTheApplicationAddingUpToTheFine) {
  PaymentPlan d{"deferral", "2026-07-31", {}, "2026-07-01"};
  auto ok = check_payment_plan(d, 500000, "2026-07-10", "2026-07-02");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->check.allowed);
  EXPECT_EQ(ok->last_day, "2026-07-31");
  EXPECT_NE(ok->check.article.find("第六十六条"), std::string::npos);
  auto code = [](const PaymentPlan& p, std::int64_t fine) {
    auto r = check_payment_plan(p, fine, "2026-07-10", "2026-07-02");
    return r.ok() ? r->check.code : r.error().code;
  };
  EXPECT_EQ(code({"deferral", "2026-07-05", {}, "2026-07-01"}, 500000), "case.plan_not_later");
  EXPECT_EQ(code({"deferral", "2026-07-31", {}, ""}, 500000), "case.plan_no_application");
  EXPECT_EQ(code({"deferral", "2026-07-31", {}, "2026-07-03"}, 500000),
            "case.plan_application_later");
  EXPECT_EQ(code({"deferral", "2026-07-31", {}, "2026-07-01"}, 0), "case.plan_no_fine");
  PaymentPlan i{"instalments", "", {{"2026-08-01", 300000}, {"2026-09-01", 200000}}, "2026-07-01"};
  EXPECT_EQ(code(i, 500000), "ok");
  EXPECT_EQ(check_payment_plan(i, 500000, "2026-07-10", "2026-07-02")->last_day, "2026-09-01");
  EXPECT_EQ(code(i, 600000), "case.plan_sum");
  PaymentPlan one{"instalments", "", {{"2026-08-01", 500000}}, "2026-07-01"};
  EXPECT_EQ(code(one, 500000), "case.plan_instalments");
  PaymentPlan back{
      "instalments", "", {{"2026-09-01", 300000}, {"2026-08-01", 200000}}, "2026-07-01"};
  EXPECT_EQ(code(back, 500000), "case.plan_order");
  EXPECT_EQ(code({"someday", "", {}, "2026-07-01"}, 500000), "case.plan_kind");
}

TEST(CaseSettings, ATransferToThePoliceCarriesTheMaterialsOfArticleSix) {
  TransferFacts f{"police", "运城市公安局盐湖分局", {"transfer_letter", "investigation_report"}};
  auto missing = check_transfer(f);
  EXPECT_FALSE(missing.allowed);
  EXPECT_NE(missing.reason.find("涉案物品清单"), std::string::npos);
  EXPECT_EQ(missing.article, "《行政执法机关移送涉嫌犯罪案件的规定》第六条");
  f.no_items = true;
  f.no_inspection = true;
  EXPECT_TRUE(check_transfer(f).allowed);
  EXPECT_EQ(check_transfer({"police", "", {}}).code, "case.transfer_receiver");
  EXPECT_TRUE(check_transfer({"agency", "运城市生态环境局", {}}).allowed);
  EXPECT_EQ(check_transfer({"court", "x", {}}).code, "case.transfer_kind");
}

TEST(CaseSettings, TheFineKeepsToTheBenchmarkOrGivesAReason) {
  Decision d;
  d.min_fen = 5'000'000;
  d.max_fen = 7'000'000;
  Penalty in{{PenaltyKind::kFine}, 6'000'000, 0, true};
  EXPECT_TRUE(check_discretion(in, d, "SCJG-JZ-001", "").check.allowed);
  EXPECT_FALSE(check_discretion(in, d, "SCJG-JZ-001", "").deviates);
  Penalty over{{PenaltyKind::kFine}, 8'000'000, 0, true};
  auto refused = check_discretion(over, d, "SCJG-JZ-001", "");
  EXPECT_FALSE(refused.check.allowed);
  EXPECT_EQ(refused.check.code, "case.discretion_outside");
  EXPECT_NE(refused.check.reason.find("SCJG-JZ-001"), std::string::npos);
  EXPECT_NE(refused.check.article.find("第三十四条"), std::string::npos);
  auto reasoned = check_discretion(over, d, "SCJG-JZ-001", "拒不改正");
  EXPECT_TRUE(reasoned.check.allowed);
  EXPECT_TRUE(reasoned.deviates);
  // Where the benchmark says no penalty, any penalty deviates; a warning within a fine's range
  // (no fine at all) does not.
  Decision none;
  none.outcome = DecisionOutcome::kNoPenalty;
  EXPECT_FALSE(
      check_discretion({{PenaltyKind::kWarning}, 0, 0, true}, none, "X", "").check.allowed);
  EXPECT_TRUE(check_discretion({{PenaltyKind::kWarning}, 0, 0, true}, d, "X", "").check.allowed);
}

}  // namespace
}  // namespace zhifa::domain
