// Discretion benchmarks (裁量基准) and the lenient-treatment lists (包容审慎清单), DOMAIN.md §3:
// stored with versions, checked by domain::check_benchmark, tried with domain::decide, imported
// from the layouts governments publish (one row per level) with a preview, and published on the
// portal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "domain/discretion.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules::catalogue {

struct BenchmarkInput {
  std::string code;
  std::int64_t org_id = 0;
  std::string field, violation;
  std::int64_t violated_article_id = 0, penalty_article_id = 0;
  std::string violated_clause, penalty_clause;
  std::string fine_basis = "fixed";  // fixed | gains | value
  std::int64_t statutory_min = 0, statutory_max = 0;
  std::vector<domain::DiscretionLevel> levels;
  bool sample = false;
  std::string source, reason;
};

struct LenientInput {
  std::string code, kind;
  std::int64_t benchmark_id = 0;
  std::string conditions;
  bool first_violation_only = false;
  std::string max_harm = "none";
  std::optional<std::int64_t> corrected_within_days;
  std::string basis;
  bool needs_confirmation = true;  // other conditions the officer must confirm (domain/discretion)
  bool sample = false;
  std::string status = "active";
};

struct CatalogueFilter {
  std::optional<std::string> q, field, kind;
  std::optional<std::int64_t> org_id;
};

// Inside the caller's transaction (service, import, demo loader); returns the id.
Result<std::int64_t> save_benchmark(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                    const BenchmarkInput& in, std::optional<std::int64_t> id,
                                    std::optional<std::int64_t> expected_version);
Result<std::int64_t> save_lenient(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                  const LenientInput& in, std::optional<std::int64_t> id);

// The benchmark as the domain function takes it, with its active lenient entries.
struct LoadedBenchmark {
  domain::Benchmark benchmark;
  std::vector<domain::LenientEntry> lenient;
};
std::optional<LoadedBenchmark> load_benchmark(db::Tx& tx, std::int64_t id);
// The circumstances as a case step records them ({first_violation, harm ('none' | 'minor' |
// 'serious'), corrected_in_days, no_fault, minor_14_to_18, lighter_reasons, aggravating_reasons,
// choose_mitigation, base_fen, confirmed_entries}); malformed values are refused with the field.
domain::Circumstances circumstances_from_json(const nlohmann::json& j, const std::string& path);

class BenchmarkService {
 public:
  explicit BenchmarkService(app::Env& env) : env_(env) {}

  nlohmann::json list(const CatalogueFilter& f, std::int64_t page, std::int64_t size,
                      bool public_view = false);
  Result<nlohmann::json> get(std::int64_t id, bool public_view = false);
  Result<nlohmann::json> create(const domain::Scope& scope, const BenchmarkInput& in);
  Result<nlohmann::json> update(const domain::Scope& scope, std::int64_t id,
                                const BenchmarkInput& in, std::int64_t expected_version);
  Result<nlohmann::json> versions(std::int64_t id);
  Result<nlohmann::json> decide(std::int64_t id, const std::string& level,
                                const domain::Circumstances& c);
  std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>> export_rows(
      const CatalogueFilter& f);
  Result<nlohmann::json> import(const domain::Scope& scope, std::string_view xlsx, bool dry_run);

  nlohmann::json lenient_list(const CatalogueFilter& f, std::int64_t page, std::int64_t size,
                              bool public_view = false);
  Result<nlohmann::json> lenient_get(std::int64_t id);
  Result<nlohmann::json> lenient_create(const domain::Scope& scope, const LenientInput& in);
  Result<nlohmann::json> lenient_update(const domain::Scope& scope, std::int64_t id,
                                        const LenientInput& in);
  std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>> lenient_export(
      const CatalogueFilter& f);
  Result<nlohmann::json> lenient_import(const domain::Scope& scope, std::string_view xlsx,
                                        bool dry_run);

 private:
  app::Env& env_;
};

std::string_view lenient_kind_label(std::string_view kind);

}  // namespace zhifa::modules::catalogue
