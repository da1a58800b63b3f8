// Use cases of user accounts: scoped list, create (with a generated initial password the user must
// change), edit, disable/enable, unlock, reset password. Nobody grants a role wider than their own
// (domain::can_grant) or acts on a user outside their scope. Every write is in the ledger.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "modules/users/users_repo.hpp"
#include "platform/field_crypto.hpp"

namespace zhifa::modules::users {

struct UserInput {
  std::string username;  // create only
  std::string display_name;
  std::int64_t org_id = 0;
  std::vector<std::int64_t> role_ids;
  std::string phone;                    // plain; stored encrypted (platform/field_crypto.hpp)
  std::optional<std::string> password;  // create only; generated when absent
  bool must_change_password = true;     // create only; false for the demo accounts
};

// Creates a user inside tx; actor nullptr: the system (demo loader, `zhifa user`).
Result<std::int64_t> create_in(db::Tx& tx, const domain::Scope* actor, const UserInput& in,
                               const std::string& password_hash, const FieldCipher& cipher,
                               std::int64_t now);

class UsersService {
 public:
  explicit UsersService(app::Env& env) : env_(env) {}
  nlohmann::json list(const domain::Scope& scope, std::optional<std::int64_t> org_id,
                      const UserFilter& f, std::int64_t page, std::int64_t size);
  Result<nlohmann::json> create(const domain::Scope& scope, UserInput in);
  Result<nlohmann::json> update(const domain::Scope& scope, std::int64_t id, const UserInput& in);
  Status set_status(const domain::Scope& scope, std::int64_t id, const std::string& status);
  Status unlock(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> reset_password(const domain::Scope& scope, std::int64_t id);

 private:
  nlohmann::json to_json(const domain::Scope& scope, const UserRow& u,
                         const std::vector<RoleRef>& roles);
  app::Env& env_;
};

}  // namespace zhifa::modules::users
