#include "modules/users/users_repo.hpp"

#include "modules/common/scope_sql.hpp"

#include <algorithm>
#include <map>

namespace zhifa::modules::users {
namespace {

constexpr const char* kSelect =
    "SELECT u.id, u.username, u.display_name, u.org_id, o.name, o.path, u.phone, u.status, "
    "u.must_change_password, u.locked_until, u.last_login_at, u.created_at";
const std::string kColumns = std::string(kSelect) + " FROM users u JOIN orgs o ON o.id = u.org_id ";

UserRow to_row(const db::Row& r) {
  UserRow u;
  u.id = r.i64(0);
  u.username = r.str(1);
  u.display_name = r.str(2);
  u.org_id = r.i64(3);
  u.org_name = r.str(4);
  u.org_path = r.str(5);
  u.phone = r.str(6);
  u.status = r.str(7);
  u.must_change_password = r.boolean(8);
  u.locked_until = r.i64(9);
  u.last_login_at = r.opt_i64(10);
  u.created_at = r.i64(11);
  return u;
}

std::vector<RoleRef> roles_where(db::Tx& tx, const std::string& where, const db::Params& params) {
  std::vector<RoleRef> out;
  for (auto r :
       tx.query("SELECT r.id, r.key, r.name, r.data_scope FROM roles r " + where + " ORDER BY r.id",
                params)) {
    out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), {}});
  }
  for (auto& role : out) {
    for (auto p :
         tx.query("SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission",
                  {role.id})) {
      role.permissions.push_back(p.str(0));
    }
  }
  return out;
}

}  // namespace

std::vector<UserRow> list(db::Tx& tx, const domain::Scope& scope, const UserFilter& f,
                          std::int64_t limit, std::int64_t offset, std::int64_t& total) {
  auto cond = org_scope(scope, "o", "u.id");
  std::string where = "WHERE " + cond.sql;
  db::Params params = cond.params;
  if (f.org_path) {
    where += " AND substr(o.path, 1, ?) = ?";
    params.emplace_back(static_cast<std::int64_t>(f.org_path->size()));
    params.emplace_back(*f.org_path);
  }
  if (f.q && !f.q->empty()) {
    where += " AND (u.username LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')";
    std::string pat = "%" + like_escape(*f.q) + "%";
    params.emplace_back(pat);
    params.emplace_back(pat);
  }
  if (f.status == "locked") {
    where += " AND u.status = 'active' AND u.locked_until > ?";
    params.emplace_back(f.now_ms);
  } else if (f.status == "active") {
    where += " AND u.status = 'active' AND u.locked_until <= ?";
    params.emplace_back(f.now_ms);
  } else if (f.status) {
    where += " AND u.status = ?";
    params.emplace_back(*f.status);
  }
  // The page of users and their roles in one statement: the page is a subquery, each user's
  // roles join onto it (one row per role), and the rows fold back into users here.
  std::string from_where = " FROM users u JOIN orgs o ON o.id = u.org_id " + where;
  db::Params page_params = params;
  page_params.emplace_back(limit);
  page_params.emplace_back(offset);
  auto rows = tx.query(
      "SELECT p.*, r.id, r.key, r.name, r.data_scope FROM (" + std::string(kSelect) + from_where +
          " ORDER BY u.id LIMIT ? OFFSET ?) p LEFT JOIN user_roles ur ON ur.user_id = p.id "
          "LEFT JOIN roles r ON r.id = ur.role_id ORDER BY p.id, r.id",
      page_params);
  std::vector<UserRow> out;
  for (auto r : rows) {
    if (out.empty() || out.back().id != r.i64(0)) out.push_back(to_row(r));
    if (!r.is_null(12))
      out.back().roles.push_back({r.i64(12), r.str(13), r.str(14), r.str(15), {}});
  }
  auto n = static_cast<std::int64_t>(out.size());
  total = offset == 0 && n < limit ? n : tx.scalar_i64("SELECT COUNT(*)" + from_where, params);
  return out;
}

std::optional<UserRow> find(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "u.id");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows = tx.query(std::string(kColumns) + "WHERE " + cond.sql + " AND u.id = ?", params);
  if (rows.empty()) return std::nullopt;
  return to_row(rows[0]);
}

std::vector<RoleRef> roles_of(db::Tx& tx, std::int64_t user_id) {
  return roles_where(tx, "JOIN user_roles ur ON ur.role_id = r.id WHERE ur.user_id = ?", {user_id});
}

std::vector<RoleRef> roles_by_ids(db::Tx& tx, const std::vector<std::int64_t>& ids) {
  std::vector<RoleRef> out;
  for (auto id : ids) {
    auto r = roles_where(tx, "WHERE r.id = ?", {id});
    if (!r.empty()) out.push_back(r.front());
  }
  return out;
}

bool username_taken(db::Tx& tx, const std::string& username) {
  return tx.scalar_i64("SELECT COUNT(*) FROM users WHERE username = ?", {username}) > 0;
}

std::int64_t insert(db::Tx& tx, const std::string& username, const std::string& display_name,
                    std::int64_t org_id, const std::string& password_hash, const std::string& phone,
                    bool must_change, std::int64_t now, std::optional<std::int64_t> by) {
  return tx.insert(
      "INSERT INTO users (username, display_name, org_id, password_hash, phone, status, "
      "must_change_password, "
      "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, "
      "?, ?) RETURNING id",
      {username, display_name, org_id, password_hash, phone, must_change, now, by, now, by});
}

void update(db::Tx& tx, std::int64_t id, const std::string& display_name, std::int64_t org_id,
            const std::string& phone, std::int64_t now, std::int64_t by) {
  tx.exec(
      "UPDATE users SET display_name = ?, org_id = ?, phone = ?, updated_at = ?, updated_by = ? "
      "WHERE id = ?",
      {display_name, org_id, phone, now, by, id});
}

void set_roles(db::Tx& tx, std::int64_t user_id, const std::vector<std::int64_t>& role_ids) {
  tx.exec("UPDATE users SET grants_version = grants_version + 1 WHERE id = ?", {user_id});
  tx.exec("DELETE FROM user_roles WHERE user_id = ?", {user_id});
  for (auto r : role_ids)
    tx.exec("INSERT INTO user_roles (user_id, role_id) VALUES (?, ?)", {user_id, r});
}

void set_status(db::Tx& tx, std::int64_t id, const std::string& status, std::int64_t now,
                std::int64_t by) {
  tx.exec("UPDATE users SET status = ?, updated_at = ?, updated_by = ? WHERE id = ?",
          {status, now, by, id});
}

void unlock(db::Tx& tx, std::int64_t id, std::int64_t now, std::int64_t by) {
  tx.exec(
      "UPDATE users SET locked_until = 0, failed_attempts = 0, updated_at = ?, updated_by = ? "
      "WHERE id = ?",
      {now, by, id});
}

void delete_sessions(db::Tx& tx, std::int64_t user_id) {
  tx.exec("DELETE FROM sessions WHERE user_id = ?", {user_id});
}

}  // namespace zhifa::modules::users
