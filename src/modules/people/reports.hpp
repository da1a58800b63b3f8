// People reports (DOMAIN.md §2) and alerts: certified officers by county, body or field;
// certificates expiring soon; legal-review staff against the minimum ratio per body.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "modules/people/training.hpp"

namespace zhifa::modules::people {

class ReportService {
 public:
  explicit ReportService(app::Env& env) : env_(env) {}
  // group: county | body | field.
  nlohmann::json certified(const domain::Scope& scope, const std::string& group);
  Table certified_table(const domain::Scope& scope, const std::string& group);
  nlohmann::json expiring(const domain::Scope& scope, int days, std::int64_t page,
                          std::int64_t size);
  Table expiring_table(const domain::Scope& scope, int days);
  nlohmann::json legal_review(const domain::Scope& scope, bool below_only);
  Table legal_review_table(const domain::Scope& scope, bool below_only);
  int default_expiring_days() const { return env_.config.people.expiring_days; }

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::people
