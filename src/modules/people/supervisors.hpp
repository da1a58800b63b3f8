// Supervisors (DOMAIN.md §2): staff supervisors (行政执法监督人员, with their supervision
// certificate and qualification) and appointed social supervisors (社会监督员, with employer, area
// and term). They observe and report; they do not enforce. ID numbers and phones are encrypted at
// rest and masked in lists.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "modules/people/training.hpp"

namespace zhifa::modules::people {

struct SupervisorInput {
  std::string kind;       // staff | social (create only)
  std::string id_number;  // create only
  std::string name;
  std::optional<std::string> phone;
  std::int64_t org_id = 0;
  std::optional<std::string> certificate_number, qualification, employer, area, term_start,
      term_end, status;
};

struct SupervisorFilter {
  std::optional<std::string> kind, q, status;
  std::optional<std::int64_t> org_id;
};

class SupervisorService {
 public:
  explicit SupervisorService(app::Env& env) : env_(env) {}
  nlohmann::json list(const domain::Scope& scope, const SupervisorFilter& f, std::int64_t page,
                      std::int64_t size);
  Table export_rows(const domain::Scope& scope, const SupervisorFilter& f);
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> create(const domain::Scope& scope, const SupervisorInput& in);
  Result<nlohmann::json> update(const domain::Scope& scope, std::int64_t id,
                                const SupervisorInput& in);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::people
