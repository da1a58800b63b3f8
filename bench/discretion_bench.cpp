// The discretion function (domain/discretion.hpp), issue "catalogue and benchmarks": calls per
// second on one core (target >= 1 million/s), next to a baseline in the same run that only copies
// the inputs a call receives. Run: build/zhifa_bench --benchmark_filter=Discretion
#include <benchmark/benchmark.h>

#include "domain/discretion.hpp"

namespace {

using namespace zhifa::domain;

Benchmark oil_fume() {
  Benchmark b;
  b.code = "DQ-118";
  b.violation = "餐饮服务业经营者超过排放标准排放油烟";
  b.violated_article = "《中华人民共和国大气污染防治法》第八十一条第一款";
  b.penalty_article = "《中华人民共和国大气污染防治法》第一百一十八条第一款";
  b.statutory = {FineBasis::kFixed, 500000, 5000000};
  b.levels = {
      {"minor", "轻微", "", {FineBasis::kFixed, 500000, 1500000}, {}, true},
      {"general", "一般", "", {FineBasis::kFixed, 1500000, 3000000}, {}, false},
      {"serious", "较重", "", {FineBasis::kFixed, 3000000, 4000000}, {}, false},
      {"grave", "严重", "", {FineBasis::kFixed, 4000000, 5000000}, {"责令停业整治"}, false}};
  return b;
}

std::vector<LenientEntry> lists() {
  return {{"L1", LenientKind::kNoPenalty, "DQ-118", true, Harm::kNone, 7, "清单 1"},
          {"L2", LenientKind::kLighter, "DQ-118", true, Harm::kMinor, -1, "清单 2"},
          {"L3", LenientKind::kMitigated, "CP-50", false, Harm::kNone, 3, "清单 3"},
          {"L4", LenientKind::kNoCoercion, "DQ-118", true, Harm::kMinor, -1, "清单 4"},
          {"L5", LenientKind::kLighter, "XX-1", false, Harm::kSerious, -1, "清单 5"}};
}

Circumstances typical() {
  Circumstances c;
  c.first_violation = true;
  c.harm = Harm::kMinor;
  c.corrected_in_days = 20;
  c.lighter_reasons = {"主动消除违法行为危害后果"};
  return c;
}

void BM_DiscretionBaseline(benchmark::State& state) {
  auto b = oil_fume();
  auto l = lists();
  auto c = typical();
  for (auto _ : state) {
    Circumstances copy = c;
    benchmark::DoNotOptimize(copy);
    benchmark::DoNotOptimize(b);
    benchmark::DoNotOptimize(l);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DiscretionBaseline);

void BM_Discretion(benchmark::State& state) {
  auto b = oil_fume();
  auto l = lists();
  auto c = typical();
  for (auto _ : state) benchmark::DoNotOptimize(decide(b, "general", c, l));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Discretion);

}  // namespace
