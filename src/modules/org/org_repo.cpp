#include "modules/org/org_repo.hpp"

#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"

namespace zhifa::modules::org {
namespace {

constexpr const char* kSelect =
    "SELECT o.id, o.parent_id, o.code, o.name, o.short_name, o.kind, o.level, o.path, o.status, "
    "o.sort, "
    "o.created_at, COALESCE(p.name, '')";
const std::string kColumns =
    std::string(kSelect) + " FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id ";

OrgRow to_row(const db::Row& r) {
  OrgRow o;
  o.id = r.i64(0);
  o.parent_id = r.opt_i64(1);
  o.code = r.str(2);
  o.name = r.str(3);
  o.short_name = r.str(4);
  o.kind = r.str(5);
  o.level = static_cast<int>(r.i64(6));
  o.path = r.str(7);
  o.status = r.str(8);
  o.sort = static_cast<int>(r.i64(9));
  o.created_at = r.i64(10);
  o.parent_name = r.str(11);
  return o;
}

}  // namespace

std::vector<OrgRow> all_in_scope(db::Tx& tx, const domain::Scope& scope) {
  auto cond = org_scope(scope, "o", "");
  std::vector<OrgRow> out;
  for (auto r :
       tx.query(std::string(kColumns) + "WHERE " + cond.sql + " ORDER BY o.level, o.sort, o.code",
                cond.params)) {
    out.push_back(to_row(r));
  }
  return out;
}

std::vector<OrgRow> list(db::Tx& tx, const domain::Scope& scope, const OrgFilter& f,
                         std::int64_t limit, std::int64_t offset, std::int64_t& total) {
  auto cond = org_scope(scope, "o", "");
  std::string where = " WHERE " + cond.sql;
  db::Params params = cond.params;
  if (f.parent_id) {
    where += " AND o.parent_id = ?";
    params.emplace_back(*f.parent_id);
  }
  if (f.kind) {
    where += " AND o.kind = ?";
    params.emplace_back(*f.kind);
  }
  if (f.q && !f.q->empty()) {
    where += " AND (o.name LIKE ? ESCAPE '\\' OR o.code LIKE ? ESCAPE '\\')";
    std::string pat = "%" + like_escape(*f.q) + "%";
    params.emplace_back(pat);
    params.emplace_back(pat);
  }
  std::vector<OrgRow> out;
  for (auto r :
       fetch_page(tx, kSelect, " FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id" + where,
                  " ORDER BY o.level, o.sort, o.code", params, limit, offset, total)) {
    out.push_back(to_row(r));
  }
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> count_by_kind(db::Tx& tx,
                                                                const domain::Scope& scope) {
  auto cond = org_scope(scope, "o", "");
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (auto r :
       tx.query("SELECT o.kind, COUNT(*) FROM orgs o WHERE " + cond.sql + " GROUP BY o.kind",
                cond.params)) {
    out.emplace_back(r.str(0), r.i64(1));
  }
  return out;
}

std::optional<OrgRow> find(db::Tx& tx, std::int64_t id) {
  auto rows = tx.query(std::string(kColumns) + "WHERE o.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return to_row(rows[0]);
}

std::optional<OrgRow> find_by_code(db::Tx& tx, const std::string& code) {
  auto rows = tx.query(std::string(kColumns) + "WHERE o.code = ?", {code});
  if (rows.empty()) return std::nullopt;
  return to_row(rows[0]);
}

std::int64_t insert(db::Tx& tx, const OrgRow& o, std::int64_t now, std::optional<std::int64_t> by) {
  std::int64_t id = tx.insert(
      "INSERT INTO orgs (parent_id, code, name, short_name, kind, level, path, sort, status, "
      "created_at, "
      "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, '', ?, 'active', ?, ?, ?, ?) "
      "RETURNING id",
      {o.parent_id, o.code, o.name, o.short_name, o.kind, o.level, o.sort, now, by, now, by});
  std::string path = o.path + std::to_string(id) + "/";
  tx.exec("UPDATE orgs SET path = ? WHERE id = ?", {path, id});
  return id;
}

void update(db::Tx& tx, std::int64_t id, const std::string& name, const std::string& short_name,
            const std::string& status, std::int64_t now, std::int64_t by) {
  tx.exec(
      "UPDATE orgs SET name = ?, short_name = ?, status = ?, updated_at = ?, updated_by = ? WHERE "
      "id = ?",
      {name, short_name, status, now, by, id});
}

}  // namespace zhifa::modules::org
