// SQL for roles, their permissions and their custom org lists.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/db.hpp"

namespace zhifa::modules::roles {

struct RoleRow {
  std::int64_t id = 0;
  std::string key, name, data_scope, remark;
  bool builtin = false;
  std::vector<std::string> permissions;
  std::vector<std::int64_t> custom_org_ids;
};

std::vector<RoleRow> all(db::Tx& tx);
std::optional<RoleRow> find(db::Tx& tx, std::int64_t id);
bool key_taken(db::Tx& tx, const std::string& key, std::int64_t except_id);
std::int64_t insert(db::Tx& tx, const RoleRow& r, std::int64_t now, std::optional<std::int64_t> by);
void update(db::Tx& tx, const RoleRow& r, std::int64_t now, std::int64_t by);

}  // namespace zhifa::modules::roles
