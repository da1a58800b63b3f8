// SQL for the organisation tree. Reads take the caller's Scope.
#pragma once

#include <optional>
#include <string>

#include "db/db.hpp"
#include "domain/access.hpp"

namespace zhifa::modules::org {

struct OrgRow {
  std::int64_t id = 0;
  std::optional<std::int64_t> parent_id;
  std::string code, name, short_name, kind;
  int level = 0;
  std::string path, status;
  int sort = 0;
  std::int64_t created_at = 0;
  std::string parent_name;
};

struct OrgFilter {
  std::optional<std::int64_t> parent_id;
  std::optional<std::string> kind;
  std::optional<std::string> q;  // name or code contains
};

std::vector<OrgRow> all_in_scope(db::Tx& tx, const domain::Scope& scope);
std::vector<OrgRow> list(db::Tx& tx, const domain::Scope& scope, const OrgFilter& f,
                         std::int64_t limit, std::int64_t offset, std::int64_t& total);
std::vector<std::pair<std::string, std::int64_t>> count_by_kind(db::Tx& tx,
                                                                const domain::Scope& scope);
// Unscoped lookup by id, for writes that check scope themselves with Scope::covers.
std::optional<OrgRow> find(db::Tx& tx, std::int64_t id);
std::optional<OrgRow> find_by_code(db::Tx& tx, const std::string& code);
std::int64_t insert(db::Tx& tx, const OrgRow& row, std::int64_t now,
                    std::optional<std::int64_t> by);
void update(db::Tx& tx, std::int64_t id, const std::string& name, const std::string& short_name,
            const std::string& status, std::int64_t now, std::int64_t by);

}  // namespace zhifa::modules::org
