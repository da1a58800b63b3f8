// Sign-in and who the caller is: password login with lockout, sessions stored in the database
// (so any instance can serve any user) with an idle timeout and a CSRF token, bearer API tokens,
// forced password change. Every number is a setting in SecuritySettings.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "platform/error.hpp"

namespace zhifa::modules::auth {

struct Caller {
  domain::Scope scope;
  std::string session_id;  // SM3 of the cookie; empty for bearer tokens
  std::string csrf_token;  // empty for bearer tokens
  bool must_change_password = false;
};

struct LoginResult {
  std::string cookie_value;
  std::string csrf_token;
  std::int64_t user_id = 0;
};

class AuthService {
 public:
  explicit AuthService(app::Env& env) : env_(env) {}

  Result<LoginResult> login(const std::string& username, const std::string& password,
                            const std::string& ip, const std::string& user_agent);
  // nullopt when the session is unknown, idle too long, too old, or its user is disabled.
  std::optional<Caller> from_session(const std::string& cookie_value);
  std::optional<Caller> from_bearer(const std::string& token);
  void logout(const std::string& session_id);
  Status change_password(const Caller& caller, const std::string& old_password,
                         const std::string& new_password);

  // {user: {...}, csrf_token} for /api/auth/me and the login response.
  nlohmann::json describe(std::int64_t user_id, const std::string& csrf_token);

  nlohmann::json list_tokens(const Caller& caller);
  Result<nlohmann::json> create_token(const Caller& caller, const std::string& name,
                                      int expires_days);
  Status revoke_token(const Caller& caller, std::int64_t id);

  domain::Scope scope_of(std::int64_t user_id);

 private:
  // Roles of a user as last read, with the versions they were read at (migrations/0003). Valid
  // exactly while both versions in the database are unchanged, on every instance.
  struct CachedRoles {
    std::int64_t grants_version = 0;
    std::int64_t roles_version = 0;
    std::vector<domain::RoleGrant> roles;
  };
  std::vector<domain::RoleGrant> roles_for(db::Tx& tx, std::int64_t user_id,
                                           std::int64_t grants_version, std::int64_t roles_version);

  app::Env& env_;
  std::mutex cache_mutex_;
  std::unordered_map<std::int64_t, CachedRoles> cache_;
  // Org path -> the path of its division (city/county/township). A path names one place in the
  // tree for good (a moved org gets a new path), so entries never go stale.
  std::string division_of(db::Tx& tx, const std::string& org_path);
  std::unordered_map<std::string, std::string> divisions_;
};

std::string session_id_of(const std::string& cookie_value);

}  // namespace zhifa::modules::auth
