#include "domain/discretion.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

namespace zhifa::domain {
namespace {

using nlohmann::json;

json load_cases() {
  const char* root = std::getenv("ZHIFA_SOURCE_DIR");
  std::ifstream in(std::filesystem::path(root ? root : ".") /
                   "tests/unit/domain/data/discretion.json");
  EXPECT_TRUE(in.good()) << "set ZHIFA_SOURCE_DIR to the source tree";
  return json::parse(in);
}

FineRange range_of(const json& j) {
  std::string basis = j.at("basis");
  return {basis == "fixed"   ? FineBasis::kFixed
          : basis == "gains" ? FineBasis::kGainsMultiple
                             : FineBasis::kValueMultiple,
          j.at("min").get<std::int64_t>(), j.at("max").get<std::int64_t>()};
}

Harm harm_of(const std::string& h) {
  return h == "none" ? Harm::kNone : h == "minor" ? Harm::kMinor : Harm::kSerious;
}

Benchmark benchmark_of(const std::string& code, const json& j) {
  Benchmark b;
  b.code = code;
  b.violation = j.at("violation");
  b.violated_article = j.at("violated_article");
  b.penalty_article = j.at("penalty_article");
  b.statutory = range_of(j.at("statutory"));
  for (const auto& l : j.at("levels")) {
    DiscretionLevel level;
    level.key = l.at("key");
    level.label = l.at("label");
    level.criteria = l.value("criteria", "");
    level.fine = range_of(l.at("fine"));
    level.other = l.value("other", std::vector<std::string>{});
    level.minor = l.value("minor", false);
    b.levels.push_back(level);
  }
  return b;
}

std::vector<LenientEntry> lenient_of(const json& j) {
  static const std::map<std::string, LenientKind> kinds = {
      {"no_penalty", LenientKind::kNoPenalty},
      {"lighter", LenientKind::kLighter},
      {"mitigated", LenientKind::kMitigated},
      {"no_coercion", LenientKind::kNoCoercion}};
  std::vector<LenientEntry> out;
  for (const auto& e : j) {
    out.push_back({e.at("code"), kinds.at(e.at("kind")), e.at("violation"),
                   e.at("first_violation_only"), harm_of(e.at("max_harm")),
                   e.at("corrected_within_days"), e.at("basis"),
                   e.value("needs_confirmation", false)});
  }
  return out;
}

Circumstances circumstances_of(const json& c) {
  Circumstances out;
  out.first_violation = c.value("first_violation", false);
  out.harm = harm_of(c.value("harm", "none"));
  if (c.contains("corrected_in_days")) out.corrected_in_days = c.at("corrected_in_days").get<int>();
  out.no_fault = c.value("no_fault", false);
  out.minor_14_to_18 = c.value("minor_14_to_18", false);
  out.lighter_reasons = c.value("lighter", std::vector<std::string>{});
  out.aggravating_reasons = c.value("aggravating", std::vector<std::string>{});
  out.choose_mitigation = c.value("choose_mitigation", false);
  out.base_fen = c.value("base_fen", std::int64_t{0});
  out.confirmed_entries = c.value("confirmed", std::vector<std::string>{});
  return out;
}

TEST(Discretion, CasesFromTheDataFile) {
  json data = load_cases();
  std::map<std::string, Benchmark> benchmarks;
  for (auto& [code, b] : data.at("benchmarks").items()) {
    benchmarks.emplace(code, benchmark_of(code, b));
    EXPECT_TRUE(check_benchmark(benchmarks.at(code)).ok()) << code;
  }
  auto lenient = lenient_of(data.at("lenient"));
  int n = 0;
  for (const auto& t : data.at("cases")) {
    ++n;
    std::string name = t.at("name");
    SCOPED_TRACE(name);
    auto r = decide(benchmarks.at(t.at("benchmark")), t.at("level").get<std::string>(),
                    circumstances_of(t.at("c")), lenient);
    const auto& e = t.at("expect");
    if (e.contains("error")) {
      ASSERT_FALSE(r.ok());
      EXPECT_EQ(r.error().code, e.at("error").get<std::string>());
      EXPECT_FALSE(r.error().message_zh.empty());
      continue;
    }
    ASSERT_TRUE(r.ok()) << r.error().message_en;
    EXPECT_EQ(to_string(r->outcome), e.at("outcome").get<std::string>());
    EXPECT_EQ(r->min_fen, e.at("min").get<std::int64_t>());
    EXPECT_EQ(r->max_fen, e.at("max").get<std::int64_t>());
    EXPECT_FALSE(r->reasons.empty()) << "a decision always says why";
    for (const auto& a : e.value("articles", std::vector<std::string>{})) {
      EXPECT_NE(std::find(r->articles.begin(), r->articles.end(), a), r->articles.end()) << a;
    }
    if (e.contains("lenient")) {
      EXPECT_EQ(r->lenient_matches, e.at("lenient").get<std::vector<std::string>>());
    }
    if (e.contains("candidates")) {
      EXPECT_EQ(r->lenient_candidates, e.at("candidates").get<std::vector<std::string>>());
    }
    if (e.contains("other")) {
      EXPECT_EQ(r->other, e.at("other").get<std::vector<std::string>>());
    }
    EXPECT_EQ(r->no_coercion, e.value("no_coercion", false));
    // The benchmark's own articles are always cited.
    EXPECT_EQ(r->articles.at(0), benchmarks.at(t.at("benchmark")).violated_article);
  }
  EXPECT_GE(n, 20);
}

Benchmark two_levels() {
  Benchmark b;
  b.code = "T";
  b.statutory = {FineBasis::kFixed, 100, 1000};
  b.levels = {{"a", "一般", "", {FineBasis::kFixed, 100, 500}, {}, false},
              {"b", "严重", "", {FineBasis::kFixed, 500, 1000}, {}, false}};
  return b;
}

TEST(Discretion, InconsistentBenchmarksAreRefusedByName) {
  EXPECT_TRUE(check_benchmark(two_levels()).ok());
  auto b = two_levels();
  b.levels[0].fine = {FineBasis::kFixed, 600, 500};  // minimum above maximum
  EXPECT_NE(check_benchmark(b).error().message_zh.find("一般"), std::string::npos);
  EXPECT_EQ(check_benchmark(b).error().code, "discretion.range");
  b = two_levels();
  b.levels[1].fine.min = 400;  // overlaps the first level
  EXPECT_NE(check_benchmark(b).error().message_zh.find("重叠"), std::string::npos);
  EXPECT_EQ(check_benchmark(b).error().code, "discretion.overlap");
  b = two_levels();
  b.levels[1].fine.max = 2000;  // beyond the law
  EXPECT_NE(check_benchmark(b).error().message_zh.find("超出法定"), std::string::npos);
  EXPECT_EQ(check_benchmark(b).error().code, "discretion.outside");
  b = two_levels();
  b.levels[0].fine.basis = FineBasis::kGainsMultiple;
  EXPECT_FALSE(check_benchmark(b).ok());
  b = two_levels();
  b.statutory = {FineBasis::kFixed, 1000, 100};
  EXPECT_EQ(check_benchmark(b).error().code, "discretion.range");
  // decide refuses to work from an inconsistent benchmark.
  b = two_levels();
  b.levels[1].fine.min = 400;
  EXPECT_FALSE(decide(b, "a", {}, {}).ok());
}

// Not a speed test (that is bench/): the function is cheap enough to call per keystroke in the
// "try it" panel and on every decision; this guards against an accidental quadratic.
TEST(Discretion, ManyCallsStayCheap) {
  auto b = two_levels();
  Circumstances c;
  c.lighter_reasons = {"主动消除危害后果"};
  std::int64_t sum = 0;
  for (int i = 0; i < 10000; ++i) sum += decide(b, i % 2 ? "a" : "b", c, {})->max_fen;
  EXPECT_EQ(sum, 5000 * 300 + 5000 * 750);
}

}  // namespace
}  // namespace zhifa::domain
