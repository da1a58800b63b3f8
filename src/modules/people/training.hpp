// Training (培训, DOMAIN.md §2): classes with hours, attendance imported from the sign-in sheet
// (XLSX, all or nothing), each officer's hours in a year and the officers below the yearly
// minimum (`training_min_hours`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules::people {

struct NewTraining {
  std::string title, category, start_date, end_date;
  std::int64_t hours_tenths = 0;
};

using Table = std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>;

class TrainingService {
 public:
  explicit TrainingService(app::Env& env) : env_(env) {}

  nlohmann::json list(const domain::Scope& scope, std::optional<int> year, std::int64_t page,
                      std::int64_t size);
  Result<nlohmann::json> create(const domain::Scope& scope, const NewTraining& in);
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t id);
  Table attendance_template();
  Result<nlohmann::json> import_attendance(const domain::Scope& scope, std::int64_t id,
                                           std::string_view bytes);
  // Officers in scope with their hours in `year`; `below` keeps those under the minimum.
  nlohmann::json hours_report(const domain::Scope& scope, int year,
                              std::optional<std::int64_t> org_id, bool below, std::int64_t page,
                              std::int64_t size);
  Table hours_report_table(const domain::Scope& scope, int year, std::optional<std::int64_t> org_id,
                           bool below);
  int current_year() const;

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::people
