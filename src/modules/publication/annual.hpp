// Annual enforcement data (年度行政执法数据, DOMAIN.md §5.1): for a year, per enforcement body, the
// licences, the penalties (by kind, with the fines and confiscations), the coercive measures, the
// levies and the inspections, counted from the data; generated, reviewed by a second person and
// published by 31 January of the next year (its SM3 in the ledger); an Excel export; the portal
// shows the published years.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "platform/error.hpp"

namespace zhifa::modules::publication {

class AnnualService {
 public:
  explicit AnnualService(app::Env& env) : env_(env) {}

  // The stored report of a year, or (state "none") what generating it now would give.
  // Before publication, a caller who does not see everything gets the bodies of their area.
  Result<nlohmann::json> get(const domain::Scope& scope, int year);
  Result<nlohmann::json> get(int year);
  Result<nlohmann::json> generate(const domain::Scope& scope, int year);
  Result<nlohmann::json> review(const domain::Scope& scope, int year);
  Result<nlohmann::json> publish(const domain::Scope& scope, int year);
  // The counts of a year from the data (what generate stores).
  static nlohmann::json compute(db::Tx& tx, int year);
  // The rows of the Excel export (one per body, then the total).
  static std::vector<std::vector<std::string>> rows(const nlohmann::json& report);
  static const std::vector<std::string>& titles();

  // 行政执法专栏: the published years, and one published year.
  nlohmann::json public_years();
  Result<nlohmann::json> public_get(int year);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::publication
