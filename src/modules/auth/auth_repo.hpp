// SQL for sign-in: users' credentials, sessions, API tokens, login log and the role grants that
// make a caller's scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/db.hpp"
#include "domain/access.hpp"

namespace zhifa::modules::auth {

struct Credentials {
  std::int64_t id = 0;
  std::string username;
  std::string password_hash;
  std::string status;
  bool must_change_password = false;
  int failed_attempts = 0;
  std::int64_t locked_until = 0;
  std::int64_t org_id = 0;
};

struct SessionRow {
  std::int64_t user_id = 0;
  std::string csrf_token;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;
  std::string status;
  bool must_change_password = false;
};

struct TokenRow {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  std::optional<std::int64_t> expires_at;
  std::optional<std::int64_t> revoked_at;
  std::string status;
  bool must_change_password = false;
};

std::optional<Credentials> find_credentials(db::Tx& tx, const std::string& username);
std::optional<Credentials> find_credentials_by_id(db::Tx& tx, std::int64_t id);
// Adds one failure; returns the new count.
int add_failure(db::Tx& tx, std::int64_t user_id);
void lock_until(db::Tx& tx, std::int64_t user_id, std::int64_t until_ms);
void record_success(db::Tx& tx, std::int64_t user_id, std::int64_t now_ms);
void set_password(db::Tx& tx, std::int64_t user_id, const std::string& hash, bool must_change,
                  std::int64_t now_ms, std::int64_t by);

void insert_login_log(db::Tx& tx, const std::string& username, std::optional<std::int64_t> user_id,
                      const std::string& ip, const std::string& user_agent,
                      const std::string& result, const std::string& message, std::int64_t now_ms);

void insert_session(db::Tx& tx, const std::string& id, std::int64_t user_id,
                    const std::string& csrf, std::int64_t now_ms, const std::string& ip,
                    const std::string& user_agent);
void touch_session(db::Tx& tx, const std::string& id, std::int64_t now_ms);
void delete_session(db::Tx& tx, const std::string& id);
void delete_user_sessions(db::Tx& tx, std::int64_t user_id, const std::string& except_id);

std::int64_t insert_token(db::Tx& tx, std::int64_t user_id, const std::string& name,
                          const std::string& prefix, const std::string& hash, std::int64_t now_ms,
                          std::optional<std::int64_t> expires_at);
std::optional<TokenRow> find_token(db::Tx& tx, const std::string& hash);
void touch_token(db::Tx& tx, std::int64_t id, std::int64_t now_ms);
db::Rows list_tokens(db::Tx& tx, std::int64_t user_id);
bool revoke_token(db::Tx& tx, std::int64_t user_id, std::int64_t id, std::int64_t now_ms);

// The user's org and role grants, from which domain::make_scope builds the Scope.
struct Grants {
  std::string username;
  domain::OrgRef org;
  std::vector<domain::RoleGrant> roles;
};
Grants load_grants(db::Tx& tx, std::int64_t user_id);
// The path of the nearest city/county/township at or above an org (by its path); "" if none.
std::string division_path_of(db::Tx& tx, const std::string& org_path);
// Fills g.roles for the user (two queries at most).
void load_roles(db::Tx& tx, std::int64_t user_id, Grants& g);

// A session with its user's name, org and the versions of their grants (migrations/0003): what
// every signed-in request reads; the roles themselves only when the caller's copy is stale.
struct SessionGrants {
  SessionRow session;
  Grants grants;  // roles not loaded
  std::int64_t grants_version = 0;
  std::int64_t roles_version = 0;
};
std::optional<SessionGrants> find_session(db::Tx& tx, const std::string& id);

}  // namespace zhifa::modules::auth
