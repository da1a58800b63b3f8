// The rules of a penalty case, from a data file of cases and expected answers
// (tests/unit/domain/data/case_rules.json), on the official calendar compiled into the binary.
#include "domain/case_rules.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "platform/embedded.hpp"

namespace zhifa::domain {
namespace {

using nlohmann::json;

json cases() {
  const char* root = std::getenv("ZHIFA_SOURCE_DIR");
  std::ifstream in(std::filesystem::path(root ? root : ".") /
                   "tests/unit/domain/data/case_rules.json");
  EXPECT_TRUE(in) << "set ZHIFA_SOURCE_DIR to the source tree";
  return json::parse(in);
}

const WorkdayCalendar& calendar() {
  static WorkdayCalendar cal = [] {
    auto text = embedded::file("data/cn-workday-calendar.json");
    return std::move(WorkdayCalendar::from_json(*text)).value();
  }();
  return cal;
}

Penalty penalty_of(const json& j) {
  Penalty p;
  for (const auto& k : j.value("kinds", std::vector<std::string>{})) {
    auto kind = parse_penalty_kind(k);
    EXPECT_TRUE(kind.has_value()) << k;
    if (kind) p.kinds.insert(*kind);
  }
  p.fine_fen = j.value("fine", std::int64_t{0});
  p.confiscation_fen = j.value("confiscation", std::int64_t{0});
  p.organisation = j.value("organisation", false);
  return p;
}

// The common expectations of a RuleCheck: allowed, its code, a reason that names what it should,
// and an article of the law whenever it refuses.
void expect_check(const RuleCheck& r, const json& t) {
  EXPECT_EQ(r.allowed, t.at("allowed").get<bool>());
  if (t.contains("code")) {
    EXPECT_EQ(r.code, t.at("code").get<std::string>());
  }
  if (!r.allowed) {
    EXPECT_FALSE(r.reason.empty());
    EXPECT_NE(r.article.find("《中华人民共和国行政处罚法》"), std::string::npos) << r.article;
  }
  if (t.contains("mentions")) {
    EXPECT_NE(r.reason.find(t.at("mentions").get<std::string>()), std::string::npos) << r.reason;
  }
}

TEST(CaseRules, AtLeastTwoCertifiedOfficers) {
  auto c = cases();  // kept alive: the loop iterates inside it
  for (const auto& t : c.at("officers")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    std::vector<OfficerOnCase> officers;
    for (const auto& o : t.at("officers")) {
      Eligibility e;
      e.certified = o[1].get<bool>();
      e.reason_zh = o[2].get<std::string>();
      officers.push_back({o[0].get<std::string>(), e});
    }
    expect_check(check_officers(officers), t);
  }
}

TEST(CaseRules, LimitationOfTwoOrFiveYears) {
  auto c = cases();
  for (const auto& t : c.at("limitation")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    LimitationFacts f;
    f.act_date = t.at("act");
    if (t.contains("act_end")) f.act_end = t.at("act_end").get<std::string>();
    f.discovered = t.at("discovered");
    f.grave_harm = t.value("grave", false);
    auto r = check_limitation(f);
    if (t.contains("error")) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, t.at("error").get<std::string>());
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    expect_check(r->check, t);
    EXPECT_EQ(r->last_day, t.at("last_day").get<std::string>());
  }
}

TEST(CaseRules, SimplifiedProcedureAndCashOnTheSpot) {
  auto c = cases();
  for (const auto& t : c.at("simplified")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    expect_check(check_simplified(penalty_of(t)), t);
  }
  for (const auto& t : c.at("cash_on_spot")) {
    expect_check(check_cash_on_spot(t.at("fine").get<std::int64_t>()), t);
  }
}

TEST(CaseRules, HearingRightsAndTheirWorkingDayPeriods) {
  auto c = cases();
  for (const auto& t : c.at("hearing_right")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    auto r = hearing_right(penalty_of(t), HearingThresholds{});
    EXPECT_EQ(r.allowed, t.at("right").get<bool>());
    EXPECT_NE(r.article.find("第六十三条"), std::string::npos);
    if (t.contains("mentions")) {
      EXPECT_NE(r.reason.find(t.at("mentions").get<std::string>()), std::string::npos);
    }
  }
  for (const auto& t : c.at("hearing_request")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    auto r = check_hearing_request(calendar(), t.at("served").get<std::string>(),
                                   t.at("requested").get<std::string>());
    ASSERT_TRUE(r.ok());
    expect_check(*r, t);
  }
  for (const auto& t : c.at("hearing_notice")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    auto r = check_hearing_notice(calendar(), t.at("notified").get<std::string>(),
                                  t.at("hearing").get<std::string>());
    ASSERT_TRUE(r.ok());
    expect_check(*r, t);
  }
  for (const auto& t : c.at("not_heavier")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    expect_check(check_not_heavier(penalty_of(t.at("noticed")), penalty_of(t.at("decided"))), t);
  }
}

TEST(CaseRules, LegalReviewAndTheReviewer) {
  auto c = cases();
  for (const auto& t : c.at("review")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    const auto& j = t.at("facts");
    ReviewFacts f;
    f.major_public_interest = j.value("major_public_interest", false);
    f.hearing_held = j.value("hearing_held", false);
    f.major_rights = j.value("major_rights", false);
    f.complex = j.value("complex", false);
    f.law_requires = j.value("law_requires", false);
    f.manual = j.value("manual", false);
    f.penalty = penalty_of(j);
    ReviewSettings s;
    s.fine_fen = t.value("fine_threshold", std::int64_t{0});
    auto r = review_required(f, s);
    EXPECT_EQ(r.required, t.at("required").get<bool>());
    EXPECT_EQ(r.reasons.empty(), !r.required) << "a requirement always says why";
  }
  for (const auto& t : c.at("reviewer")) {
    expect_check(check_reviewer(t.at("staff"), t.at("qualified"), t.at("investigator")), t);
  }
}

TEST(CaseRules, DeadlinesOnTheOfficialCalendar) {
  auto c = cases();
  for (const auto& t : c.at("decision_deadline")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    std::vector<Interval> suspensions;
    for (const auto& s : t.value("suspensions", json::array())) {
      suspensions.push_back({s[0].get<std::string>(), s[1].get<std::string>()});
    }
    auto r = decision_deadline(calendar(), t.at("filed").get<std::string>(), suspensions,
                               t.value("extension", 0));
    if (t.value("error", false)) {
      EXPECT_FALSE(r.ok());
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    EXPECT_EQ(*r, t.at("expect").get<std::string>());
  }
  for (const auto& t : c.at("service_deadline")) {
    auto r = service_deadline(calendar(), t.at("decided").get<std::string>());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, t.at("expect").get<std::string>());
  }
  for (const auto& t : c.at("payment_deadline")) {
    SCOPED_TRACE(t.at("name").get<std::string>());
    auto r = payment_deadline(calendar(), t.at("served").get<std::string>());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, t.at("expect").get<std::string>());
  }
  for (const auto& t : c.at("late_fee")) {
    EXPECT_EQ(late_fee(t.at("fine"), t.at("days")), t.at("expect").get<std::int64_t>());
  }
  EXPECT_FALSE(check_electronic_service(false).allowed);
  EXPECT_TRUE(check_electronic_service(true).allowed);
}

TEST(CaseRules, TheBodyMustBeConfirmedActiveAndHoldTheMatter) {
  EXPECT_TRUE(check_body(true, true, true).allowed);
  EXPECT_EQ(check_body(false, true, true).code, "case.body_not_confirmed");
  EXPECT_EQ(check_body(true, false, true).code, "case.body_not_active");
  EXPECT_EQ(check_body(true, true, false).code, "case.matter_not_held");
}

}  // namespace
}  // namespace zhifa::domain
