// The discretion function (domain/discretion.hpp), issue "catalogue and benchmarks": calls per
// second on one core (target >= 1 million/s), next to a baseline in the same run that only copies
// the inputs a call receives; BM_DiscretionDemoSet cycles through every level of every benchmark of
// the demo (as stored, with their lenient entries) under varied circumstances.
// Run: build/zhifa_bench --benchmark_filter=Discretion
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/demo.hpp"
#include "app/env.hpp"
#include "domain/discretion.hpp"
#include "modules/catalogue/benchmarks.hpp"

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

struct DemoCall {
  const zhifa::modules::catalogue::LoadedBenchmark* b;
  std::string level;
  Circumstances c;
};

// Every (benchmark, level) of the demo with four sets of circumstances each.
std::vector<DemoCall>& demo_calls() {
  static std::vector<zhifa::modules::catalogue::LoadedBenchmark> loaded;
  static std::vector<DemoCall> calls;
  if (!calls.empty()) return calls;
  auto dir = std::filesystem::temp_directory_path() / "zhifa-discretion-bench";
  std::filesystem::remove_all(dir);
  zhifa::Config config;
  config.data_dir = dir.string();
  auto env = std::move(zhifa::app::open_env(config)).value();
  (void)zhifa::app::load_demo(*env, false);
  {
    auto tx = env->db->read();
    for (auto r : tx->query("SELECT id FROM benchmarks ORDER BY id")) {
      if (auto b = zhifa::modules::catalogue::load_benchmark(*tx, r.i64(0))) {
        loaded.push_back(std::move(*b));
      }
    }
  }
  env.reset();
  std::filesystem::remove_all(dir);
  for (const auto& b : loaded) {
    for (const auto& l : b.benchmark.levels) {
      Circumstances plain;
      plain.base_fen = 5'000'000;
      Circumstances first = plain;
      first.first_violation = true;
      first.harm = Harm::kMinor;
      first.corrected_in_days = 5;
      Circumstances lighter = plain;
      lighter.lighter_reasons = {"主动消除违法行为危害后果"};
      Circumstances worse = plain;
      worse.aggravating_reasons = {"拒不配合调查"};
      worse.harm = Harm::kSerious;
      for (auto* c : {&plain, &first, &lighter, &worse}) {
        calls.push_back({&b, l.key, *c});
      }
    }
  }
  return calls;
}

void BM_DiscretionDemoSet(benchmark::State& state) {
  auto& calls = demo_calls();
  std::size_t i = 0, errors = 0;
  for (auto _ : state) {
    const auto& call = calls[i];
    auto r = decide(call.b->benchmark, call.level, call.c, call.b->lenient);
    if (!r) ++errors;
    benchmark::DoNotOptimize(r);
    if (++i == calls.size()) i = 0;
  }
  state.counters["calls_in_set"] = static_cast<double>(calls.size());
  state.counters["refused"] = static_cast<double>(errors);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DiscretionDemoSet);

}  // namespace
