// Roles: a key, a name, a data scope and permission keys. Anyone who may list roles sees them all
// (they are not org data); creating or editing one follows domain::can_grant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"

namespace zhifa::modules::roles {

struct RoleInput {
  std::string key;
  std::string name;
  std::string data_scope;
  std::vector<std::int64_t> custom_org_ids;
  std::vector<std::string> permissions;
  std::string remark;
  bool builtin = false;
};

// Creates a role inside tx; actor nullptr: the system.
Result<std::int64_t> create_in(db::Tx& tx, const domain::Scope* actor, const RoleInput& in,
                               std::int64_t now);

class RolesService {
 public:
  explicit RolesService(app::Env& env) : env_(env) {}
  nlohmann::json list();
  Result<nlohmann::json> create(const domain::Scope& scope, const RoleInput& in);
  Result<nlohmann::json> update(const domain::Scope& scope, std::int64_t id, const RoleInput& in);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::roles
