#include "modules/auth/auth_service.hpp"

#include "domain/password_policy.hpp"
#include "modules/auth/auth_repo.hpp"
#include "modules/common/audit.hpp"
#include "platform/secrets.hpp"
#include "platform/sm.hpp"

namespace zhifa::modules::auth {
namespace {

constexpr std::int64_t kMinute = 60 * 1000;
// A session's last_seen_at is written at most this often, so reads stay reads.
constexpr std::int64_t kTouchEveryMs = 30 * 1000;

Error bad_credentials() {
  return {ErrorKind::kUnauthorized,
          "auth.bad_credentials",
          "用户名或密码错误",
          "wrong username or password",
          {}};
}

bool privileged(const domain::Scope& s) { return s.all || s.has("*"); }

}  // namespace

std::string session_id_of(const std::string& cookie_value) {
  return sm::to_hex(sm::sm3(cookie_value));
}

domain::Scope AuthService::scope_of(std::int64_t user_id) {
  auto tx = env_.db->read();
  Grants g = load_grants(*tx, user_id);
  return domain::make_scope(user_id, g.username, g.org, g.roles);
}

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const std::string& ip, const std::string& user_agent) {
  const auto& sec = env_.config.security;
  std::int64_t now = env_.now();
  std::optional<Credentials> cred;
  {
    auto tx = env_.db->read();
    cred = find_credentials(*tx, username);
  }
  auto log = [&](std::optional<std::int64_t> uid, const std::string& result,
                 const std::string& msg) {
    db::with_write(*env_.db, [&](db::Tx& tx) {
      insert_login_log(tx, username, uid, ip, user_agent, result, msg, now);
    });
  };
  if (!cred) {
    // Spend the same time as a real check, so response time does not tell which usernames exist.
    static const std::string kTimingHash = secrets::hash_password("zhifa-timing-equaliser");
    secrets::verify_password(kTimingHash, password);
    log(std::nullopt, "unknown_user", "用户不存在");
    return bad_credentials();
  }
  if (cred->locked_until > now) {
    std::int64_t minutes = (cred->locked_until - now + kMinute - 1) / kMinute;
    log(cred->id, "locked", "账号已锁定");
    return Error{ErrorKind::kLocked,
                 "auth.locked",
                 "连续登录失败次数过多,账号已锁定,请 " + std::to_string(minutes) + " 分钟后再试",
                 "account locked after repeated failures; try again in " + std::to_string(minutes) +
                     " minutes",
                 {}};
  }
  // The hash is checked outside any transaction: it is slow on purpose and must not hold the
  // writer.
  if (!secrets::verify_password(cred->password_hash, password)) {
    bool locked = false;
    db::with_write(*env_.db, [&](db::Tx& tx) {
      int failures = add_failure(tx, cred->id);
      if (failures >= sec.login_max_failures) {
        lock_until(tx, cred->id, now + sec.lockout_minutes * kMinute);
        locked = true;
      }
      insert_login_log(tx, username, cred->id, ip, user_agent, "bad_password",
                       locked ? "密码错误,账号已锁定" : "密码错误", now);
      if (locked) {
        record(tx, nullptr, now, cred->org_id, "user", std::to_string(cred->id), "user.locked",
               {{"username", username}, {"minutes", sec.lockout_minutes}});
      }
    });
    if (locked) {
      return Error{ErrorKind::kLocked,
                   "auth.locked",
                   "连续 " + std::to_string(sec.login_max_failures) + " 次登录失败,账号已锁定 " +
                       std::to_string(sec.lockout_minutes) + " 分钟",
                   "account locked for " + std::to_string(sec.lockout_minutes) + " minutes",
                   {}};
    }
    return bad_credentials();
  }
  // Only someone who knows the password learns that the account is disabled.
  if (cred->status == "disabled") {
    log(cred->id, "disabled", "账号已停用");
    return Error{
        ErrorKind::kForbidden, "auth.disabled", "账号已停用,请联系管理员", "account disabled", {}};
  }
  LoginResult out;
  out.cookie_value = secrets::random_hex(32);
  out.csrf_token = secrets::random_hex(24);
  out.user_id = cred->id;
  domain::Scope scope = scope_of(cred->id);
  db::with_write(*env_.db, [&](db::Tx& tx) {
    record_success(tx, cred->id, now);
    insert_session(tx, session_id_of(out.cookie_value), cred->id, out.csrf_token, now, ip,
                   user_agent);
    insert_login_log(tx, username, cred->id, ip, user_agent, "ok", "登录成功", now);
    if (privileged(scope)) {
      record(tx, &scope, now, cred->org_id, "user", std::to_string(cred->id), "auth.login",
             {{"username", username}, {"ip", ip}});
    }
  });
  return out;
}

std::string AuthService::division_of(db::Tx& tx, const std::string& org_path) {
  {
    std::lock_guard lock(cache_mutex_);
    auto it = divisions_.find(org_path);
    if (it != divisions_.end()) return it->second;
  }
  std::string division = division_path_of(tx, org_path);
  std::lock_guard lock(cache_mutex_);
  divisions_.emplace(org_path, division);
  return division;
}

std::optional<Caller> AuthService::from_session(const std::string& cookie_value) {
  if (cookie_value.size() != 64) return std::nullopt;
  const auto& sec = env_.config.security;
  std::int64_t now = env_.now();
  std::string id = session_id_of(cookie_value);
  std::optional<SessionGrants> found;
  {
    auto tx = env_.db->read();
    found = find_session(*tx, id);
    if (found) {
      found->grants.org.division_path = division_of(*tx, found->grants.org.path);
      found->grants.roles =
          roles_for(*tx, found->session.user_id, found->grants_version, found->roles_version);
    }
  }
  if (!found) return std::nullopt;
  const SessionRow& s = found->session;
  bool idle = now - s.last_seen_at > sec.idle_timeout_minutes * kMinute;
  bool old = now - s.created_at > sec.session_max_hours * 60 * kMinute;
  if (idle || old || s.status != "active") {
    db::with_write(*env_.db, [&](db::Tx& tx) { delete_session(tx, id); });
    return std::nullopt;
  }
  if (now - s.last_seen_at > kTouchEveryMs) {
    db::with_write(*env_.db, [&](db::Tx& tx) { touch_session(tx, id, now); });
  }
  const Grants& g = found->grants;
  return Caller{domain::make_scope(s.user_id, g.username, g.org, g.roles), id, s.csrf_token,
                s.must_change_password};
}

std::vector<domain::RoleGrant> AuthService::roles_for(db::Tx& tx, std::int64_t user_id,
                                                      std::int64_t grants_version,
                                                      std::int64_t roles_version) {
  {
    std::lock_guard lock(cache_mutex_);
    auto it = cache_.find(user_id);
    if (it != cache_.end() && it->second.grants_version == grants_version &&
        it->second.roles_version == roles_version) {
      return it->second.roles;
    }
  }
  Grants g;
  load_roles(tx, user_id, g);
  constexpr std::size_t kMaxCachedUsers = 50000;  // a city's staff fits many times over
  std::lock_guard lock(cache_mutex_);
  if (cache_.size() >= kMaxCachedUsers) cache_.clear();
  cache_[user_id] = CachedRoles{grants_version, roles_version, g.roles};
  return g.roles;
}

std::optional<Caller> AuthService::from_bearer(const std::string& token) {
  if (!token.starts_with("zf_") || token.size() > 100) return std::nullopt;
  std::int64_t now = env_.now();
  std::optional<TokenRow> t;
  {
    auto tx = env_.db->read();
    t = find_token(*tx, sm::to_hex(sm::sm3(token)));
  }
  if (!t || t->revoked_at || (t->expires_at && *t->expires_at <= now) || t->status != "active") {
    return std::nullopt;
  }
  db::with_write(*env_.db, [&](db::Tx& tx) { touch_token(tx, t->id, now); });
  return Caller{scope_of(t->user_id), "", "", t->must_change_password};
}

void AuthService::logout(const std::string& session_id) {
  db::with_write(*env_.db, [&](db::Tx& tx) { delete_session(tx, session_id); });
}

Status AuthService::change_password(const Caller& caller, const std::string& old_password,
                                    const std::string& new_password) {
  std::int64_t uid = caller.scope.user_id;
  std::optional<Credentials> cred;
  {
    auto tx = env_.db->read();
    cred = find_credentials_by_id(*tx, uid);
  }
  if (!cred) return Error::not_found("用户", "user");
  if (!secrets::verify_password(cred->password_hash, old_password)) {
    return Error::invalid("auth.bad_old_password", "原密码不正确", "the current password is wrong",
                          "old_password");
  }
  if (old_password == new_password) {
    return Error::invalid("password.same", "新密码不能与原密码相同", "the new password must differ",
                          "new_password");
  }
  auto ok = domain::check_password(new_password, cred->username,
                                   {env_.config.security.password_min_length, 128});
  if (!ok) return ok.error();
  std::string hash = secrets::hash_password(new_password);
  std::int64_t now = env_.now();
  db::with_write(*env_.db, [&](db::Tx& tx) {
    set_password(tx, uid, hash, false, now, uid);
    delete_user_sessions(tx, uid, caller.session_id);  // sign out everywhere else
    record(tx, &caller.scope, now, cred->org_id, "user", std::to_string(uid),
           "user.password_changed", nlohmann::json::object());
  });
  return Ok{};
}

nlohmann::json AuthService::describe(std::int64_t user_id, const std::string& csrf_token) {
  auto tx = env_.db->read();
  auto u = tx->query(
      "SELECT u.id, u.username, u.display_name, u.org_id, o.name, o.path, u.must_change_password "
      "FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = ?",
      {user_id});
  if (u.empty()) return nullptr;
  auto r = u[0];
  nlohmann::json path = nlohmann::json::array();
  std::string p = r.str(5);
  for (std::size_t i = 1; i < p.size();) {
    auto j = p.find('/', i);
    std::int64_t oid = std::stoll(p.substr(i, j - i));
    auto o = tx->query("SELECT name FROM orgs WHERE id = ?", {oid});
    if (!o.empty()) path.push_back({{"id", oid}, {"name", o[0].str(0)}});
    i = j + 1;
  }
  nlohmann::json roles = nlohmann::json::array();
  for (auto rr :
       tx->query("SELECT r.id, r.key, r.name FROM roles r JOIN user_roles ur ON ur.role_id = r.id "
                 "WHERE ur.user_id = ? ORDER BY r.id",
                 {user_id})) {
    roles.push_back({{"id", rr.i64(0)}, {"key", rr.str(1)}, {"name", rr.str(2)}});
  }
  Grants g = load_grants(*tx, user_id);
  domain::Scope scope = domain::make_scope(user_id, g.username, g.org, g.roles);
  nlohmann::json perms = nlohmann::json::array();
  if (scope.has("*")) {
    for (const auto& d : domain::permission_catalogue()) perms.push_back(d.key);
  } else {
    for (const auto& k : scope.permissions) perms.push_back(k);
  }
  nlohmann::json user = {{"id", r.i64(0)},
                         {"username", r.str(1)},
                         {"display_name", r.str(2)},
                         {"org_id", r.i64(3)},
                         {"org_name", r.str(4)},
                         {"org_path", path},
                         {"roles", roles},
                         {"permissions", perms},
                         {"data_scope", scope.describe()},
                         {"must_change_password", r.boolean(6)}};
  return {{"user", user}, {"csrf_token", csrf_token}};
}

nlohmann::json AuthService::list_tokens(const Caller& caller) {
  auto tx = env_.db->read();
  nlohmann::json items = nlohmann::json::array();
  for (auto r : auth::list_tokens(*tx, caller.scope.user_id)) {
    items.push_back(
        {{"id", r.i64(0)},
         {"name", r.str(1)},
         {"prefix", r.str(2)},
         {"created_at", r.i64(3)},
         {"last_used_at", r.is_null(4) ? nlohmann::json(nullptr) : nlohmann::json(r.i64(4))},
         {"expires_at", r.is_null(5) ? nlohmann::json(nullptr) : nlohmann::json(r.i64(5))}});
  }
  return {{"items", items}};
}

Result<nlohmann::json> AuthService::create_token(const Caller& caller, const std::string& name,
                                                 int expires_days) {
  std::string token = "zf_" + secrets::random_hex(20);
  std::int64_t now = env_.now();
  std::optional<std::int64_t> expires;
  if (expires_days > 0) expires = now + static_cast<std::int64_t>(expires_days) * 24 * 60 * kMinute;
  std::int64_t id = db::with_write(*env_.db, [&](db::Tx& tx) {
    std::int64_t tid = insert_token(tx, caller.scope.user_id, name, token.substr(0, 8),
                                    sm::to_hex(sm::sm3(token)), now, expires);
    record(tx, &caller.scope, now, caller.scope.org_id, "api_token", std::to_string(tid),
           "token.created", {{"name", name}, {"prefix", token.substr(0, 8)}});
    return tid;
  });
  return nlohmann::json{{"id", id}, {"token", token}, {"name", name}};
}

Status AuthService::revoke_token(const Caller& caller, std::int64_t id) {
  std::int64_t now = env_.now();
  bool done = db::with_write(*env_.db, [&](db::Tx& tx) {
    bool ok = auth::revoke_token(tx, caller.scope.user_id, id, now);
    if (ok) {
      record(tx, &caller.scope, now, caller.scope.org_id, "api_token", std::to_string(id),
             "token.revoked", nlohmann::json::object());
    }
    return ok;
  });
  if (!done) return Error::not_found("令牌", "token");
  return Ok{};
}

}  // namespace zhifa::modules::auth
