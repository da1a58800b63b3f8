// Use cases of the organisation tree: the scoped tree, counts, lists, create and edit. Each write
// checks the caller's scope, the placement rule (domain/org.hpp) and appends a ledger event.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "modules/org/org_repo.hpp"

namespace zhifa::modules::org {

struct NewOrg {
  std::optional<std::int64_t> parent_id;
  std::string code;
  std::string name;
  std::string short_name;
  std::string kind;
  int sort = 0;
};

// Creates an org inside tx (the demo loader calls this directly). actor nullptr: the system, which
// may create anywhere.
Result<std::int64_t> create_in(db::Tx& tx, const domain::Scope* actor, const NewOrg& input,
                               std::int64_t now);

class OrgService {
 public:
  explicit OrgService(app::Env& env) : env_(env) {}
  nlohmann::json tree(const domain::Scope& scope);
  nlohmann::json stats(const domain::Scope& scope);
  nlohmann::json list(const domain::Scope& scope, const OrgFilter& filter, std::int64_t page,
                      std::int64_t size);
  Result<nlohmann::json> create(const domain::Scope& scope, const NewOrg& input);
  Result<nlohmann::json> update(const domain::Scope& scope, std::int64_t id,
                                const std::string& name, const std::string& short_name,
                                const std::string& status);

 private:
  app::Env& env_;
};

nlohmann::json to_json(const OrgRow& o);

}  // namespace zhifa::modules::org
