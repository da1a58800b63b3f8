// The procedure of a penalty case (domain/case_flow.hpp): the paths the law allows, and refusals
// by state, by role, for a missing legal review and for an archived case.
#include "domain/case_flow.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace zhifa::domain {
namespace {

using R = CaseRole;

// Runs the steps from `state`, expecting each to succeed; returns the final state.
std::string run(std::string state, const std::vector<std::pair<std::string, R>>& steps,
                FlowContext ctx = {}) {
  for (const auto& [action, role] : steps) {
    auto next = next_case_state(state, action, role, ctx);
    EXPECT_TRUE(next.ok()) << state << " --" << action << "--> " << next.error().message_zh;
    if (!next) return state;
    if (*next == "pending_decision" && action == "review_agree") ctx.review_passed = true;
    state = *next;
  }
  return state;
}

TEST(CaseFlow, AGeneralCaseWithAHearingAndAReviewThatFirstSendsItBack) {
  FlowContext ctx;
  ctx.review_required = true;
  std::string s = run("lead",
                      {{"file", R::kLeader},
                       {"notify", R::kOfficer},
                       {"request_hearing", R::kOfficer},
                       {"submit_review", R::kOfficer},
                       {"review_correct", R::kReviewer}},
                      ctx);
  EXPECT_EQ(s, "investigating");  // back to the officer with the points to correct
  s = run(s,
          {{"notify", R::kOfficer},
           {"submit_review", R::kOfficer},
           {"review_agree", R::kReviewer},
           {"refer_collective", R::kLeader}},
          ctx);
  EXPECT_EQ(s, "collective");
  ctx.review_passed = true;
  s = run(s,
          {{"decide", R::kLeader},
           {"serve", R::kOfficer},
           {"record_payment", R::kOfficer},
           {"close", R::kLeader},
           {"archive", R::kOfficer}},
          ctx);
  EXPECT_EQ(s, "archived");
  EXPECT_TRUE(is_read_only(s));
  EXPECT_TRUE(allowed_case_actions(s, R::kLeader, ctx).empty());
  auto again = next_case_state(s, "close", R::kLeader, ctx);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "case.read_only");
}

TEST(CaseFlow, TheSimplifiedProcedureDecidesOnTheSpot) {
  EXPECT_EQ(run("lead", {{"decide_on_spot", R::kOfficer},
                         {"serve", R::kOfficer},
                         {"record_payment", R::kOfficer},
                         {"close", R::kLeader}}),
            "closed");
}

TEST(CaseFlow, NoDecisionWithoutTheRequiredReview) {
  FlowContext ctx;
  ctx.review_required = true;
  auto r = next_case_state("noticed", "submit_decision", R::kOfficer, ctx);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "case.review_required");
  EXPECT_NE(r.error().message_zh.find("第五十八条"), std::string::npos);
  // The buttons follow: submit_review is offered, submit_decision is not.
  auto actions = allowed_case_actions("noticed", R::kOfficer, ctx);
  std::vector<std::string> keys;
  for (const auto& a : actions) keys.emplace_back(a.key);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "submit_review"), keys.end());
  EXPECT_EQ(std::find(keys.begin(), keys.end(), "submit_decision"), keys.end());
  // Without a required review the officer may go straight to the decision.
  EXPECT_EQ(*next_case_state("noticed", "submit_decision", R::kOfficer, {}), "pending_decision");
}

TEST(CaseFlow, EachActionBelongsToItsRole) {
  auto r = next_case_state("lead", "file", R::kOfficer, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "case.role");
  EXPECT_NE(r.error().message_zh.find("机关负责人"), std::string::npos);
  EXPECT_EQ(next_case_state("reviewing", "review_agree", R::kOfficer, {}).error().code,
            "case.role");
  // While the reviewer has it, the officers may only ask for more time.
  auto officer = allowed_case_actions("reviewing", R::kOfficer, {});
  ASSERT_EQ(officer.size(), 1u);
  EXPECT_EQ(officer[0].key, "request_extension");
  EXPECT_EQ(allowed_case_actions("reviewing", R::kReviewer, {}).size(), 3u);
}

TEST(CaseFlow, ActionsOutOfTurnAreRefusedByName) {
  auto r = next_case_state("investigating", "decide", R::kLeader, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "case.action_not_allowed");
  EXPECT_NE(r.error().message_zh.find("调查取证"), std::string::npos);
  EXPECT_EQ(next_case_state("lead", "fly", R::kLeader, {}).error().code, "case.action");
  EXPECT_EQ(next_case_state("nowhere", "file", R::kLeader, {}).error().code, "case.state");
}

TEST(CaseFlow, SuspensionReturnsToWhereTheCaseWas) {
  EXPECT_EQ(*next_case_state("hearing", "suspend", R::kLeader, {}), "suspended");
  FlowContext ctx;
  ctx.suspended_from = "hearing";
  EXPECT_EQ(*next_case_state("suspended", "resume", R::kLeader, ctx), "hearing");
  EXPECT_EQ(next_case_state("suspended", "resume", R::kLeader, {}).error().code, "case.resume");
  EXPECT_EQ(*next_case_state("suspended", "terminate", R::kLeader, ctx), "terminated");
  EXPECT_TRUE(is_finished("terminated"));
  EXPECT_FALSE(is_finished("suspended"));
}

TEST(CaseFlow, LeadsAreFiledDismissedOrPassedOn) {
  EXPECT_EQ(*next_case_state("lead", "dismiss", R::kLeader, {}), "dismissed");
  EXPECT_EQ(*next_case_state("lead", "pass_on", R::kLeader, {}), "passed_on");
  EXPECT_TRUE(is_read_only("dismissed"));
  EXPECT_EQ(*next_case_state("investigating", "transfer", R::kLeader, {}), "transferred");
  EXPECT_EQ(*next_case_state("reviewing", "review_transfer", R::kReviewer, {}), "transferred");
  EXPECT_EQ(*next_case_state("investigating", "withdraw", R::kLeader, {}), "withdrawn");
}

TEST(CaseFlow, EveryStateHasALabelAndEveryTransitionLeadsToAState) {
  for (const auto& s : case_states()) {
    EXPECT_FALSE(s.label.empty()) << s.key;
    for (auto role : {R::kOfficer, R::kLeader, R::kReviewer}) {
      FlowContext ctx;
      ctx.suspended_from = "investigating";
      for (const auto& a : allowed_case_actions(s.key, role, ctx)) {
        auto next = next_case_state(s.key, a.key, role, ctx);
        ASSERT_TRUE(next.ok());
        EXPECT_TRUE(is_case_state(*next)) << s.key << " --" << a.key << "--> " << *next;
        EXPECT_FALSE(a.label.empty());
      }
    }
  }
}

}  // namespace
}  // namespace zhifa::domain
