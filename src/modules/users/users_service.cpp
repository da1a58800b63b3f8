#include "modules/users/users_service.hpp"

#include <regex>

#include "domain/password_policy.hpp"
#include "modules/auth/auth_repo.hpp"
#include "modules/common/audit.hpp"
#include "modules/org/org_repo.hpp"
#include "platform/secrets.hpp"

namespace zhifa::modules::users {
namespace {

Status check_username(const std::string& u) {
  static const std::regex kPattern("^[A-Za-z][A-Za-z0-9_.-]{2,31}$");
  if (!std::regex_match(u, kPattern)) {
    return Error::invalid(
        "user.username", "用户名须以字母开头,3–32 位字母、数字、下划线、点或短横线",
        "username: 3-32 letters, digits, _ . -, starting with a letter", "username");
  }
  return Ok{};
}

Status check_phone(const std::string& p) {
  static const std::regex kPattern("^1[3-9][0-9]{9}$");
  if (!p.empty() && !std::regex_match(p, kPattern)) {
    return Error::invalid("user.phone", "手机号格式不正确(11 位,以 1 开头)",
                          "phone must be an 11-digit mobile number", "phone");
  }
  return Ok{};
}

// The org must exist and lie within the actor's scope; the roles must exist and be grantable.
Status check_org_and_roles(db::Tx& tx, const domain::Scope* actor, std::int64_t org_id,
                           const std::vector<std::int64_t>& role_ids) {
  auto o = org::find(tx, org_id);
  if (!o || (actor && !actor->covers({o->id, o->path}))) {
    return Error::invalid("user.org", "所属机构不存在或无权访问", "org not found or not accessible",
                          "org_id");
  }
  if (role_ids.empty())
    return Error::invalid("user.roles", "至少选择一个角色", "at least one role is required",
                          "role_ids");
  auto roles = roles_by_ids(tx, role_ids);
  if (roles.size() != role_ids.size()) {
    return Error::invalid("user.roles", "角色不存在", "unknown role", "role_ids");
  }
  for (const auto& r : roles) {
    auto scope = domain::parse_data_scope(r.data_scope).value_or(domain::DataScope::kSelf);
    if (actor && !domain::can_grant(*actor, scope, r.permissions)) {
      return Error::forbidden("user.role_escalation",
                              "无权授予角色「" + r.name + "」(超出本人权限)",
                              "you may not grant role " + r.key + ": it exceeds your own rights");
    }
  }
  return Ok{};
}

// Phone numbers are personal data: encrypted at rest; an empty one stays empty.
std::string stored_phone(const FieldCipher& cipher, const std::string& phone) {
  return phone.empty() ? "" : cipher.encrypt(phone);
}

}  // namespace

Result<std::int64_t> create_in(db::Tx& tx, const domain::Scope* actor, const UserInput& in,
                               const std::string& password_hash, const FieldCipher& cipher,
                               std::int64_t now) {
  if (auto ok = check_username(in.username); !ok) return ok.error();
  if (auto ok = check_phone(in.phone); !ok) return ok.error();
  if (auto ok = check_org_and_roles(tx, actor, in.org_id, in.role_ids); !ok) return ok.error();
  if (username_taken(tx, in.username)) {
    return Error::conflict("user.username_taken", "用户名已存在: " + in.username,
                           "username already taken", "username");
  }
  std::optional<std::int64_t> by;
  if (actor) by = actor->user_id;
  std::int64_t id = insert(tx, in.username, in.display_name, in.org_id, password_hash,
                           stored_phone(cipher, in.phone), in.must_change_password, now, by);
  set_roles(tx, id, in.role_ids);
  record(tx, actor, now, in.org_id, "user", std::to_string(id), "user.created",
         {{"username", in.username},
          {"display_name", in.display_name},
          {"org_id", in.org_id},
          {"role_ids", in.role_ids}});
  return id;
}

nlohmann::json UsersService::to_json(const domain::Scope& scope, const UserRow& u,
                                     const std::vector<RoleRef>& user_roles) {
  // Built field by field: nlohmann's initializer lists copy every value again (measured: half the
  // cost of a user list was here).
  nlohmann::json roles = nlohmann::json::array();
  for (const auto& r : user_roles) {
    nlohmann::json role = nlohmann::json::object();
    role["id"] = r.id;
    role["key"] = r.key;
    role["name"] = r.name;
    roles.push_back(std::move(role));
  }
  nlohmann::json j = nlohmann::json::object();
  j["id"] = u.id;
  j["username"] = u.username;
  j["display_name"] = u.display_name;
  j["org_id"] = u.org_id;
  j["org_name"] = u.org_name;
  j["roles"] = std::move(roles);
  j["status"] = u.status == "active" && u.locked_until > env_.now() ? "locked" : u.status;
  std::string phone = u.phone.empty() ? "" : env_.cipher->decrypt(u.phone).value_or("");
  j["phone_masked"] = domain::mask_phone(phone);
  j["must_change_password"] = u.must_change_password;
  j["last_login_at"] = u.last_login_at ? nlohmann::json(*u.last_login_at) : nlohmann::json(nullptr);
  j["created_at"] = u.created_at;
  if (scope.has("system:user:view_phone")) j["phone"] = phone;
  return j;
}

nlohmann::json UsersService::list(const domain::Scope& scope, std::optional<std::int64_t> org_id,
                                  const UserFilter& filter, std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  UserFilter f = filter;
  f.now_ms = env_.now();
  if (org_id) {
    auto o = org::find(*tx, *org_id);
    f.org_path = o ? o->path : "/none/";
  }
  std::int64_t total = 0;
  auto rows = users::list(*tx, scope, f, size, (page - 1) * size, total);
  nlohmann::json items = nlohmann::json::array();
  for (const auto& u : rows) items.push_back(to_json(scope, u, u.roles));
  return {{"items", items}, {"total", total}};
}

Result<nlohmann::json> UsersService::create(const domain::Scope& scope, UserInput in) {
  std::string password = in.password.value_or(secrets::initial_password());
  auto ok = domain::check_password(password, in.username,
                                   {env_.config.security.password_min_length, 128}, "password");
  if (!ok) return ok.error();
  std::string hash = secrets::hash_password(password);
  std::int64_t now = env_.now();
  in.must_change_password = true;
  auto id = db::with_write(
      *env_.db, [&](db::Tx& tx) { return create_in(tx, &scope, in, hash, *env_.cipher, now); });
  if (!id) return id.error();
  auto tx = env_.db->read();
  return nlohmann::json{{"user", to_json(scope, *find(*tx, scope, *id), roles_of(*tx, *id))},
                        {"initial_password", password}};
}

Result<nlohmann::json> UsersService::update(const domain::Scope& scope, std::int64_t id,
                                            const UserInput& in) {
  if (auto ok = check_phone(in.phone); !ok) return ok.error();
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto u = find(tx, scope, id);
    if (!u) return Error::not_found("用户", "user");
    if (auto ok = check_org_and_roles(tx, &scope, in.org_id, in.role_ids); !ok) return ok.error();
    nlohmann::json before_roles = nlohmann::json::array();
    for (const auto& role : roles_of(tx, id)) before_roles.push_back(role.id);
    users::update(tx, id, in.display_name, in.org_id, stored_phone(*env_.cipher, in.phone), now,
                  scope.user_id);
    set_roles(tx, id, in.role_ids);
    record(
        tx, &scope, now, in.org_id, "user", std::to_string(id), "user.updated",
        {{"before",
          {{"display_name", u->display_name}, {"org_id", u->org_id}, {"role_ids", before_roles}}},
         {"after",
          {{"display_name", in.display_name}, {"org_id", in.org_id}, {"role_ids", in.role_ids}}}});
    return Ok{};
  });
  if (!r) return r.error();
  auto tx = env_.db->read();
  auto u = find(*tx, scope, id);
  if (!u) return nlohmann::json{{"id", id}};  // moved out of the caller's own scope
  return to_json(scope, *u, roles_of(*tx, id));
}

Status UsersService::set_status(const domain::Scope& scope, std::int64_t id,
                                const std::string& status) {
  if (id == scope.user_id) {
    return Error::conflict("user.self", "不能停用或启用自己的账号",
                           "you cannot change your own account status");
  }
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto u = find(tx, scope, id);
    if (!u) return Error::not_found("用户", "user");
    users::set_status(tx, id, status, now, scope.user_id);
    if (status == "disabled") delete_sessions(tx, id);
    record(tx, &scope, now, u->org_id, "user", std::to_string(id),
           status == "disabled" ? "user.disabled" : "user.enabled", {{"username", u->username}});
    return Ok{};
  });
}

Status UsersService::unlock(const domain::Scope& scope, std::int64_t id) {
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto u = find(tx, scope, id);
    if (!u) return Error::not_found("用户", "user");
    users::unlock(tx, id, now, scope.user_id);
    record(tx, &scope, now, u->org_id, "user", std::to_string(id), "user.unlocked",
           {{"username", u->username}});
    return Ok{};
  });
}

Result<nlohmann::json> UsersService::reset_password(const domain::Scope& scope, std::int64_t id) {
  std::string password = secrets::initial_password();
  std::string hash = secrets::hash_password(password);
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto u = find(tx, scope, id);
    if (!u) return Error::not_found("用户", "user");
    auth::set_password(tx, id, hash, /*must_change=*/true, now, scope.user_id);
    delete_sessions(tx, id);
    record(tx, &scope, now, u->org_id, "user", std::to_string(id), "user.password_reset",
           {{"username", u->username}});
    return Ok{};
  });
  if (!r) return r.error();
  return nlohmann::json{{"initial_password", password}};
}

}  // namespace zhifa::modules::users
