// The catalogue of enforcement matters (执法事项清单) and the township lists (DOMAIN.md §3): every
// change is a new version with who/when/why; imports preview their changes before applying them all
// at once. The catalogue is public information: reads are not scoped, changes need a scope that
// covers the holder.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "domain/catalogue.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules::catalogue {

struct CitationInput {
  std::int64_t article_id = 0;
  std::string clause;
};

struct MatterInput {
  std::int64_t org_id = 0;
  std::string code, name, type, field;
  std::string list_kind, township_kind;
  std::vector<CitationInput> basis;
  std::vector<domain::FlowStep> flow;
  std::map<std::string, std::string> guide;
  std::string effective_from;
  std::optional<std::string> effective_until;
  std::string status = "active";
  bool sample = false;
  std::string reason;
};

struct MatterFilter {
  std::optional<std::string> q, field, type, level, list, township_kind;
  std::optional<std::int64_t> org_id, county_id;
  std::optional<bool> effective;
};

// Stores a new matter or a new version of one inside the caller's transaction (the service, the
// import and the demo loader). `expected_version` guards against a concurrent save; an update that
// changes nothing is refused (matter.unchanged). Returns the matter id.
Result<std::int64_t> save_matter(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                 const MatterInput& in, std::optional<std::int64_t> id,
                                 std::optional<std::int64_t> expected_version);

// Records a county's adoption of a township list inside the caller's transaction.
Result<std::int64_t> adopt_list(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                std::int64_t county_id, const std::string& list,
                                const std::string& decision_no, const std::string& decided_on,
                                const std::string& effective_from);

// Whether body `org_id` may enforce matter `matter_id` on `date` (the rule of `usable`), inside the
// caller's transaction.
bool holds_matter(db::Tx& tx, std::int64_t org_id, std::int64_t matter_id, const std::string& date);

class MatterService {
 public:
  explicit MatterService(app::Env& env) : env_(env) {}

  nlohmann::json list(const MatterFilter& f, std::int64_t page, std::int64_t size);
  nlohmann::json tree();
  Result<nlohmann::json> get(std::int64_t id);
  Result<nlohmann::json> create(const domain::Scope& scope, const MatterInput& in);
  Result<nlohmann::json> update(const domain::Scope& scope, std::int64_t id, MatterInput in,
                                std::int64_t expected_version);
  Result<nlohmann::json> versions(std::int64_t id);
  Result<nlohmann::json> version(std::int64_t id, std::int64_t v);
  Result<nlohmann::json> diff(std::int64_t id, std::int64_t from, std::int64_t to);
  Result<nlohmann::json> usable(std::int64_t org_id, const std::string& date);
  std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>> export_rows(
      const MatterFilter& f);
  Result<nlohmann::json> import(const domain::Scope& scope, std::string_view xlsx, bool dry_run);

  nlohmann::json township_lists(std::optional<std::int64_t> county_id);
  Result<nlohmann::json> adopt(const domain::Scope& scope, std::int64_t county_id,
                               const std::string& list, const std::string& decision_no,
                               const std::string& decided_on, const std::string& effective_from);
  nlohmann::json adoptions(std::optional<std::int64_t> county_id);

  // The public portal: only what is in force today.
  nlohmann::json public_list(const MatterFilter& f, const std::optional<std::string>& county_code,
                             std::int64_t page, std::int64_t size);
  Result<nlohmann::json> public_get(std::int64_t id);
  nlohmann::json public_orgs(const std::optional<std::string>& county_code);
  nlohmann::json public_counties();  // the city (市本级) then its counties: {code, name}
  Result<nlohmann::json> public_township(const std::string& county_code);

 private:
  std::string today() const;
  app::Env& env_;
};

}  // namespace zhifa::modules::catalogue
