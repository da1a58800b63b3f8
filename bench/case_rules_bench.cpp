// The rule functions of a penalty case (domain/case_rules.hpp, domain/case_flow.hpp), issue
// "penalty cases": evaluations per second on one core. One iteration evaluates the rules a general
// case meets at its steps: officers, limitation, simplified limits, hearing right and periods, no
// heavier penalty, review requirement and reviewer, decision/service/payment deadlines, late fee
// and the state machine's next state. Run: build/zhifa_bench --benchmark_filter=CaseRules
#include <benchmark/benchmark.h>

#include "domain/case_flow.hpp"
#include "domain/case_rules.hpp"
#include "platform/embedded.hpp"

namespace {

using namespace zhifa::domain;

const WorkdayCalendar& calendar() {
  static WorkdayCalendar cal = [] {
    auto text = zhifa::embedded::file("data/cn-workday-calendar.json");
    return std::move(WorkdayCalendar::from_json(*text)).value();
  }();
  return cal;
}

void BM_CaseRulesPerCase(benchmark::State& state) {
  const auto& cal = calendar();
  Eligibility ok;
  ok.certified = true;
  std::vector<OfficerOnCase> officers = {{"张三", ok}, {"李四", ok}};
  LimitationFacts lim{"2025-03-01", std::nullopt, "2026-03-10", false};
  Penalty noticed{{PenaltyKind::kFine}, 800'000, 0, false};
  Penalty decided{{PenaltyKind::kFine}, 600'000, 0, false};
  ReviewFacts facts;
  facts.hearing_held = true;
  facts.major_rights = true;
  facts.penalty = decided;
  ReviewSettings settings;
  HearingThresholds thresholds;
  FlowContext ctx;
  ctx.review_required = true;
  ctx.review_passed = true;
  int rules = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(check_officers(officers));
    benchmark::DoNotOptimize(check_limitation(lim));
    benchmark::DoNotOptimize(check_simplified(decided));
    benchmark::DoNotOptimize(hearing_right(noticed, thresholds));
    benchmark::DoNotOptimize(check_hearing_request(cal, "2026-03-20", "2026-03-25"));
    benchmark::DoNotOptimize(check_hearing_notice(cal, "2026-03-26", "2026-04-09"));
    benchmark::DoNotOptimize(check_not_heavier(noticed, decided));
    benchmark::DoNotOptimize(review_required(facts, settings));
    benchmark::DoNotOptimize(check_reviewer(true, true, false));
    benchmark::DoNotOptimize(decision_deadline(cal, "2026-03-12", {}, 0));
    benchmark::DoNotOptimize(service_deadline(cal, "2026-05-06"));
    benchmark::DoNotOptimize(payment_deadline(cal, "2026-05-08"));
    benchmark::DoNotOptimize(late_fee(600'000, 12));
    benchmark::DoNotOptimize(next_case_state("pending_decision", "decide", CaseRole::kLeader, ctx));
    rules = 14;
  }
  state.counters["rules_per_case"] = rules;
  state.SetItemsProcessed(state.iterations() * rules);
}
BENCHMARK(BM_CaseRulesPerCase);

}  // namespace
