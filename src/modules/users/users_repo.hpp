// SQL for user accounts and their roles. Reads take the caller's Scope (users are visible through
// their org; a "self" scope sees only the caller).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/db.hpp"
#include "domain/access.hpp"

namespace zhifa::modules::users {

struct RoleRef {
  std::int64_t id = 0;
  std::string key, name, data_scope;
  std::vector<std::string> permissions;
};

struct UserRow {
  std::int64_t id = 0;
  std::string username, display_name;
  std::int64_t org_id = 0;
  std::string org_name, org_path, phone, status;
  bool must_change_password = false;
  std::int64_t locked_until = 0;
  std::optional<std::int64_t> last_login_at;
  std::int64_t created_at = 0;
  std::vector<RoleRef> roles;  // filled by list(); permissions not loaded
};

struct UserFilter {
  std::optional<std::string> org_path;  // the org's subtree
  std::optional<std::string> q;         // username or name contains
  std::optional<std::string>
      status;  // active | disabled | locked (active but locked until after now_ms)
  std::int64_t now_ms = 0;
};

std::vector<UserRow> list(db::Tx& tx, const domain::Scope& scope, const UserFilter& f,
                          std::int64_t limit, std::int64_t offset, std::int64_t& total);
std::optional<UserRow> find(db::Tx& tx, const domain::Scope& scope, std::int64_t id);
std::vector<RoleRef> roles_of(db::Tx& tx, std::int64_t user_id);
std::vector<RoleRef> roles_by_ids(db::Tx& tx, const std::vector<std::int64_t>& ids);
bool username_taken(db::Tx& tx, const std::string& username);
std::int64_t insert(db::Tx& tx, const std::string& username, const std::string& display_name,
                    std::int64_t org_id, const std::string& password_hash, const std::string& phone,
                    bool must_change, std::int64_t now, std::optional<std::int64_t> by);
void update(db::Tx& tx, std::int64_t id, const std::string& display_name, std::int64_t org_id,
            const std::string& phone, std::int64_t now, std::int64_t by);
void set_roles(db::Tx& tx, std::int64_t user_id, const std::vector<std::int64_t>& role_ids);
void set_status(db::Tx& tx, std::int64_t id, const std::string& status, std::int64_t now,
                std::int64_t by);
void unlock(db::Tx& tx, std::int64_t id, std::int64_t now, std::int64_t by);
void delete_sessions(db::Tx& tx, std::int64_t user_id);

}  // namespace zhifa::modules::users
