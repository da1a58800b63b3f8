#include "modules/roles/roles_repo.hpp"

namespace zhifa::modules::roles {
namespace {

void load_details(db::Tx& tx, RoleRow& r) {
  for (auto p :
       tx.query("SELECT permission FROM role_permissions WHERE role_id = ? ORDER BY permission",
                {r.id})) {
    r.permissions.push_back(p.str(0));
  }
  for (auto o :
       tx.query("SELECT org_id FROM role_orgs WHERE role_id = ? ORDER BY org_id", {r.id})) {
    r.custom_org_ids.push_back(o.i64(0));
  }
}

std::vector<RoleRow> select(db::Tx& tx, const std::string& where, const db::Params& params) {
  std::vector<RoleRow> out;
  for (auto r : tx.query(
           "SELECT id, key, name, data_scope, remark, builtin FROM roles " + where + " ORDER BY id",
           params)) {
    RoleRow row;
    row.id = r.i64(0);
    row.key = r.str(1);
    row.name = r.str(2);
    row.data_scope = r.str(3);
    row.remark = r.str(4);
    row.builtin = r.boolean(5);
    out.push_back(std::move(row));
  }
  for (auto& r : out) load_details(tx, r);
  return out;
}

void write_details(db::Tx& tx, const RoleRow& r) {
  // Every signed-in user's cached grants may depend on this role (migrations/0003).
  tx.exec("UPDATE auth_versions SET roles_version = roles_version + 1 WHERE id = 1");
  tx.exec("DELETE FROM role_permissions WHERE role_id = ?", {r.id});
  tx.exec("DELETE FROM role_orgs WHERE role_id = ?", {r.id});
  for (const auto& p : r.permissions) {
    tx.exec("INSERT INTO role_permissions (role_id, permission) VALUES (?, ?)", {r.id, p});
  }
  for (auto o : r.custom_org_ids)
    tx.exec("INSERT INTO role_orgs (role_id, org_id) VALUES (?, ?)", {r.id, o});
}

}  // namespace

std::vector<RoleRow> all(db::Tx& tx) { return select(tx, "", {}); }

std::optional<RoleRow> find(db::Tx& tx, std::int64_t id) {
  auto rows = select(tx, "WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

bool key_taken(db::Tx& tx, const std::string& key, std::int64_t except_id) {
  return tx.scalar_i64("SELECT COUNT(*) FROM roles WHERE key = ? AND id <> ?", {key, except_id}) >
         0;
}

std::int64_t insert(db::Tx& tx, const RoleRow& r, std::int64_t now,
                    std::optional<std::int64_t> by) {
  RoleRow copy = r;
  copy.id = tx.insert(
      "INSERT INTO roles (key, name, data_scope, builtin, remark, created_at, created_by, "
      "updated_at, updated_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {r.key, r.name, r.data_scope, r.builtin, r.remark, now, by, now, by});
  write_details(tx, copy);
  return copy.id;
}

void update(db::Tx& tx, const RoleRow& r, std::int64_t now, std::int64_t by) {
  tx.exec(
      "UPDATE roles SET key = ?, name = ?, data_scope = ?, remark = ?, updated_at = ?, updated_by "
      "= ? WHERE id = ?",
      {r.key, r.name, r.data_scope, r.remark, now, by, r.id});
  write_details(tx, r);
}

}  // namespace zhifa::modules::roles
