#include "modules/roles/roles_service.hpp"

#include <regex>

#include "modules/common/audit.hpp"
#include "modules/org/org_repo.hpp"
#include "modules/roles/roles_repo.hpp"

namespace zhifa::modules::roles {
namespace {

nlohmann::json to_json(const RoleRow& r) {
  return {{"id", r.id},
          {"key", r.key},
          {"name", r.name},
          {"data_scope", r.data_scope},
          {"remark", r.remark},
          {"builtin", r.builtin},
          {"permissions", r.permissions},
          {"custom_org_ids", r.custom_org_ids}};
}

Status validate(db::Tx& tx, const domain::Scope* actor, const RoleInput& in, std::int64_t id) {
  static const std::regex kKey("^[a-z][a-z0-9_]{1,31}$");
  if (!std::regex_match(in.key, kKey)) {
    return Error::invalid("role.key", "角色标识须以小写字母开头,2–32 位小写字母、数字或下划线",
                          "role key: 2-32 lower-case letters, digits or _", "key");
  }
  auto scope = domain::parse_data_scope(in.data_scope);
  if (!scope)
    return Error::invalid("role.data_scope", "数据权限范围不正确", "unknown data scope",
                          "data_scope");
  for (const auto& p : in.permissions) {
    if (!domain::is_known_permission(p)) {
      return Error::invalid("role.permission", "未知的权限标识: " + p, "unknown permission: " + p,
                            "permissions");
    }
  }
  if (*scope == domain::DataScope::kCustom && in.custom_org_ids.empty()) {
    return Error::invalid("role.custom_orgs", "自定义数据权限须至少选择一个机构",
                          "custom scope needs at least one org", "custom_org_ids");
  }
  for (auto oid : in.custom_org_ids) {
    auto o = org::find(tx, oid);
    if (!o || (actor && !actor->covers({o->id, o->path}))) {
      return Error::invalid("role.custom_orgs", "所选机构不存在或无权访问",
                            "org not found or not accessible", "custom_org_ids");
    }
  }
  if (actor && !domain::can_grant(*actor, *scope, in.permissions)) {
    return Error::forbidden("role.escalation", "不能创建或修改超出本人权限的角色",
                            "a role may not exceed your own rights");
  }
  if (key_taken(tx, in.key, id)) {
    return Error::conflict("role.key_taken", "角色标识已存在: " + in.key, "role key already exists",
                           "key");
  }
  return Ok{};
}

RoleRow to_row(const RoleInput& in, std::int64_t id) {
  RoleRow r;
  r.id = id;
  r.key = in.key;
  r.name = in.name;
  r.data_scope = in.data_scope;
  r.remark = in.remark;
  r.builtin = in.builtin;
  r.permissions = in.permissions;
  if (in.data_scope == "custom") r.custom_org_ids = in.custom_org_ids;
  return r;
}

}  // namespace

Result<std::int64_t> create_in(db::Tx& tx, const domain::Scope* actor, const RoleInput& in,
                               std::int64_t now) {
  if (auto ok = validate(tx, actor, in, 0); !ok) return ok.error();
  std::optional<std::int64_t> by;
  if (actor) by = actor->user_id;
  std::int64_t id = insert(tx, to_row(in, 0), now, by);
  record(tx, actor, now, std::nullopt, "role", std::to_string(id), "role.created",
         {{"key", in.key},
          {"name", in.name},
          {"data_scope", in.data_scope},
          {"permissions", in.permissions}});
  return id;
}

nlohmann::json RolesService::list() {
  auto tx = env_.db->read();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : all(*tx)) items.push_back(to_json(r));
  return {{"items", items}, {"total", items.size()}};
}

Result<nlohmann::json> RolesService::create(const domain::Scope& scope, const RoleInput& in) {
  std::int64_t now = env_.now();
  RoleInput copy = in;
  copy.builtin = false;
  auto id = db::with_write(*env_.db, [&](db::Tx& tx) { return create_in(tx, &scope, copy, now); });
  if (!id) return id.error();
  auto tx = env_.db->read();
  return to_json(*find(*tx, *id));
}

Result<nlohmann::json> RolesService::update(const domain::Scope& scope, std::int64_t id,
                                            const RoleInput& in) {
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto old = find(tx, id);
    if (!old) return Error::not_found("角色", "role");
    if (old->builtin && old->key != in.key) {
      return Error::conflict("role.builtin", "内置角色的标识不能修改",
                             "the key of a built-in role cannot change", "key");
    }
    auto old_scope = domain::parse_data_scope(old->data_scope).value_or(domain::DataScope::kSelf);
    if (!domain::can_grant(scope, old_scope, old->permissions)) {
      return Error::forbidden("role.escalation", "不能修改超出本人权限的角色",
                              "a role above your own rights cannot be edited");
    }
    if (auto ok = validate(tx, &scope, in, id); !ok) return ok.error();
    RoleRow row = to_row(in, id);
    row.builtin = old->builtin;
    roles::update(tx, row, now, scope.user_id);
    record(tx, &scope, now, std::nullopt, "role", std::to_string(id), "role.updated",
           {{"before", to_json(*old)}, {"after", to_json(row)}});
    return Ok{};
  });
  if (!r) return r.error();
  auto tx = env_.db->read();
  return to_json(*find(*tx, id));
}

}  // namespace zhifa::modules::roles
