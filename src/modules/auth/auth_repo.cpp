#include "modules/auth/auth_repo.hpp"

#include <map>

namespace zhifa::modules::auth {
namespace {

constexpr const char* kCredentialColumns =
    "SELECT id, username, password_hash, status, must_change_password, failed_attempts, "
    "locked_until, org_id FROM users ";

Credentials to_credentials(const db::Row& r) {
  return {r.i64(0), r.str(1), r.str(2), r.str(3), r.boolean(4), static_cast<int>(r.i64(5)),
          r.i64(6), r.i64(7)};
}

}  // namespace

std::optional<Credentials> find_credentials(db::Tx& tx, const std::string& username) {
  auto rows = tx.query(std::string(kCredentialColumns) + "WHERE username = ?", {username});
  if (rows.empty()) return std::nullopt;
  return to_credentials(rows[0]);
}

std::optional<Credentials> find_credentials_by_id(db::Tx& tx, std::int64_t id) {
  auto rows = tx.query(std::string(kCredentialColumns) + "WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return to_credentials(rows[0]);
}

int add_failure(db::Tx& tx, std::int64_t user_id) {
  tx.exec("UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ?", {user_id});
  return static_cast<int>(
      tx.scalar_i64("SELECT failed_attempts FROM users WHERE id = ?", {user_id}));
}

void lock_until(db::Tx& tx, std::int64_t user_id, std::int64_t until_ms) {
  tx.exec("UPDATE users SET locked_until = ?, failed_attempts = 0 WHERE id = ?",
          {until_ms, user_id});
}

void record_success(db::Tx& tx, std::int64_t user_id, std::int64_t now_ms) {
  tx.exec("UPDATE users SET failed_attempts = 0, locked_until = 0, last_login_at = ? WHERE id = ?",
          {now_ms, user_id});
}

void set_password(db::Tx& tx, std::int64_t user_id, const std::string& hash, bool must_change,
                  std::int64_t now_ms, std::int64_t by) {
  tx.exec(
      "UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ?, "
      "failed_attempts = 0, locked_until = 0, updated_at = ?, updated_by = ? WHERE id = ?",
      {hash, must_change, now_ms, now_ms, by, user_id});
}

void insert_login_log(db::Tx& tx, const std::string& username, std::optional<std::int64_t> user_id,
                      const std::string& ip, const std::string& user_agent,
                      const std::string& result, const std::string& message, std::int64_t now_ms) {
  tx.exec(
      "INSERT INTO login_logs (username, user_id, ip, user_agent, result, message, at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {username, user_id, ip, user_agent.substr(0, 300), result, message, now_ms});
}

void insert_session(db::Tx& tx, const std::string& id, std::int64_t user_id,
                    const std::string& csrf, std::int64_t now_ms, const std::string& ip,
                    const std::string& user_agent) {
  tx.exec(
      "INSERT INTO sessions (id, user_id, csrf_token, created_at, last_seen_at, ip, user_agent) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {id, user_id, csrf, now_ms, now_ms, ip, user_agent.substr(0, 300)});
}

void touch_session(db::Tx& tx, const std::string& id, std::int64_t now_ms) {
  tx.exec("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {now_ms, id});
}

void delete_session(db::Tx& tx, const std::string& id) {
  tx.exec("DELETE FROM sessions WHERE id = ?", {id});
}

void delete_user_sessions(db::Tx& tx, std::int64_t user_id, const std::string& except_id) {
  tx.exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?", {user_id, except_id});
}

std::int64_t insert_token(db::Tx& tx, std::int64_t user_id, const std::string& name,
                          const std::string& prefix, const std::string& hash, std::int64_t now_ms,
                          std::optional<std::int64_t> expires_at) {
  return tx.insert(
      "INSERT INTO api_tokens (user_id, name, prefix, token_hash, created_at, expires_at) "
      "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
      {user_id, name, prefix, hash, now_ms, expires_at});
}

std::optional<TokenRow> find_token(db::Tx& tx, const std::string& hash) {
  auto rows = tx.query(
      "SELECT t.id, t.user_id, t.expires_at, t.revoked_at, u.status, u.must_change_password "
      "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?",
      {hash});
  if (rows.empty()) return std::nullopt;
  auto r = rows[0];
  return TokenRow{r.i64(0), r.i64(1), r.opt_i64(2), r.opt_i64(3), r.str(4), r.boolean(5)};
}

void touch_token(db::Tx& tx, std::int64_t id, std::int64_t now_ms) {
  tx.exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now_ms, id});
}

db::Rows list_tokens(db::Tx& tx, std::int64_t user_id) {
  return tx.query(
      "SELECT id, name, prefix, created_at, last_used_at, expires_at FROM api_tokens "
      "WHERE user_id = ? AND revoked_at IS NULL ORDER BY id",
      {user_id});
}

bool revoke_token(db::Tx& tx, std::int64_t user_id, std::int64_t id, std::int64_t now_ms) {
  return tx.exec(
             "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS "
             "NULL",
             {now_ms, id, user_id}) > 0;
}

std::string division_path_of(db::Tx& tx, const std::string& org_path) {
  auto rows = tx.query(
      "SELECT path FROM orgs WHERE kind IN ('city', 'county', 'township') AND substr(?, 1, "
      "length(path)) = path ORDER BY level DESC LIMIT 1",
      {org_path});
  return rows.empty() ? std::string() : rows[0].str(0);
}

Grants load_grants(db::Tx& tx, std::int64_t user_id) {
  Grants g;
  auto own = tx.query(
      "SELECT u.username, o.id, o.path FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?",
      {user_id});
  if (own.empty()) return g;
  g.username = own[0].str(0);
  g.org = {own[0].i64(1), own[0].str(2), division_path_of(tx, own[0].str(2))};
  load_roles(tx, user_id, g);
  return g;
}

void load_roles(db::Tx& tx, std::int64_t user_id, Grants& g) {
  // Roles and their permissions in one query (runs on every request: keep it to one round trip).
  std::map<std::int64_t, domain::RoleGrant> roles;
  bool any_custom = false;
  for (auto r : tx.query(
           "SELECT r.id, r.data_scope, rp.permission FROM user_roles ur "
           "JOIN roles r ON r.id = ur.role_id LEFT JOIN role_permissions rp ON rp.role_id = r.id "
           "WHERE ur.user_id = ?",
           {user_id})) {
    auto& grant = roles[r.i64(0)];
    grant.scope = domain::parse_data_scope(r.str(1)).value_or(domain::DataScope::kSelf);
    any_custom = any_custom || grant.scope == domain::DataScope::kCustom;
    if (!r.is_null(2)) grant.permissions.push_back(r.str(2));
  }
  if (any_custom) {
    for (auto r : tx.query(
             "SELECT ro.role_id, o.id, o.path FROM role_orgs ro JOIN orgs o ON o.id = ro.org_id "
             "JOIN user_roles ur ON ur.role_id = ro.role_id WHERE ur.user_id = ?",
             {user_id})) {
      roles[r.i64(0)].custom_orgs.push_back({r.i64(1), r.str(2)});
    }
  }
  for (auto& [id, grant] : roles) g.roles.push_back(std::move(grant));
}

std::optional<SessionGrants> find_session(db::Tx& tx, const std::string& id) {
  auto rows = tx.query(
      "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at, u.status, "
      "u.must_change_password, "
      "u.username, o.id, o.path, u.grants_version, (SELECT roles_version FROM auth_versions WHERE "
      "id = 1) "
      "FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id WHERE s.id "
      "= ?",
      {id});
  if (rows.empty()) return std::nullopt;
  auto r = rows[0];
  SessionGrants out;
  out.session = SessionRow{r.i64(0), r.str(1), r.i64(2), r.i64(3), r.str(4), r.boolean(5)};
  out.grants.username = r.str(6);
  out.grants.org = {r.i64(7), r.str(8)};
  out.grants_version = r.i64(9);
  out.roles_version = r.i64(10);
  return out;
}

}  // namespace zhifa::modules::auth
