// Sign-in rules over a real database on both backends, with a clock the test moves.
#include "modules/auth/auth_service.hpp"

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "modules/roles/roles_service.hpp"
#include "modules/users/users_service.hpp"
#include "support/test_env.hpp"

namespace zhifa::modules::auth {
namespace {

constexpr std::int64_t kMinute = 60'000;

class AuthTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<testing::TestEnv>(GetParam());
    if (t_->skipped()) GTEST_SKIP() << "ZHIFA_TEST_PG_URL is not set";
    ASSERT_TRUE(app::load_demo(*t_->env, false).ok());
    auth_ = std::make_unique<AuthService>(*t_->env);
  }
  Result<LoginResult> login(const std::string& user, const std::string& pw) {
    return auth_->login(user, pw, "127.0.0.1", "test");
  }
  std::unique_ptr<testing::TestEnv> t_;
  std::unique_ptr<AuthService> auth_;
};

TEST_P(AuthTest, RightPasswordGivesASessionThatIdentifiesTheUser) {
  auto r = login("yanhu_admin", app::kDemoPassword);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  auto caller = auth_->from_session(r->cookie_value);
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->scope.username, "yanhu_admin");
  EXPECT_EQ(caller->csrf_token, r->csrf_token);
  EXPECT_FALSE(caller->scope.all);
}

TEST_P(AuthTest, WrongPasswordAndUnknownUserLookTheSame) {
  auto a = login("yanhu_admin", "Wrong@2026!");
  auto b = login("nobody_here", "Wrong@2026!");
  ASSERT_FALSE(a.ok());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(a.error().code, "auth.bad_credentials");
  EXPECT_EQ(a.error().message_zh, b.error().message_zh);
}

TEST_P(AuthTest, FiveFailuresLockForFifteenMinutesThenTheAccountOpensAgain) {
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(login("yanhu_admin", "Wrong@2026!").error().code, "auth.bad_credentials");
  EXPECT_EQ(login("yanhu_admin", "Wrong@2026!").error().code, "auth.locked");
  EXPECT_EQ(login("yanhu_admin", app::kDemoPassword).error().code, "auth.locked");
  t_->clock().advance_ms(14 * kMinute);
  EXPECT_EQ(login("yanhu_admin", app::kDemoPassword).error().code, "auth.locked");
  t_->clock().advance_ms(2 * kMinute);
  EXPECT_TRUE(login("yanhu_admin", app::kDemoPassword).ok());
}

TEST_P(AuthTest, LockoutNumbersAreSettings) {
  t_->env->config.security.login_max_failures = 2;
  t_->env->config.security.lockout_minutes = 1;
  EXPECT_EQ(login("yanhu_admin", "Wrong@2026!").error().code, "auth.bad_credentials");
  EXPECT_EQ(login("yanhu_admin", "Wrong@2026!").error().code, "auth.locked");
  t_->clock().advance_ms(kMinute + 1);
  EXPECT_TRUE(login("yanhu_admin", app::kDemoPassword).ok());
}

TEST_P(AuthTest, SessionEndsAfterThirtyIdleMinutesButUseKeepsItAlive) {
  auto r = login("yanhu_admin", app::kDemoPassword);
  ASSERT_TRUE(r.ok());
  t_->clock().advance_ms(29 * kMinute);
  EXPECT_TRUE(auth_->from_session(r->cookie_value).has_value());  // used: idle time restarts
  t_->clock().advance_ms(29 * kMinute);
  EXPECT_TRUE(auth_->from_session(r->cookie_value).has_value());
  t_->clock().advance_ms(31 * kMinute);
  EXPECT_FALSE(auth_->from_session(r->cookie_value).has_value());
}

TEST_P(AuthTest, LogoutEndsTheSession) {
  auto r = login("yanhu_admin", app::kDemoPassword);
  auto c = auth_->from_session(r->cookie_value);
  auth_->logout(c->session_id);
  EXPECT_FALSE(auth_->from_session(r->cookie_value).has_value());
}

TEST_P(AuthTest, PasswordChangeChecksTheOldOneAndTheRules) {
  auto r = login("yanhu_admin", app::kDemoPassword);
  auto c = auth_->from_session(r->cookie_value);
  EXPECT_EQ(auth_->change_password(*c, "Wrong@2026!", "Better@2027#").error().field,
            "old_password");
  EXPECT_EQ(auth_->change_password(*c, app::kDemoPassword, "short").error().field, "new_password");
  EXPECT_TRUE(auth_->change_password(*c, app::kDemoPassword, "Better@2027#").ok());
  EXPECT_FALSE(login("yanhu_admin", app::kDemoPassword).ok());
  EXPECT_TRUE(login("yanhu_admin", "Better@2027#").ok());
}

TEST_P(AuthTest, BearerTokenWorksUntilRevoked) {
  auto r = login("admin", app::kDemoPassword);
  auto c = auth_->from_session(r->cookie_value);
  auto created = auth_->create_token(*c, "集成", 30);
  ASSERT_TRUE(created.ok());
  std::string token = (*created)["token"];
  EXPECT_TRUE(token.starts_with("zf_"));
  auto via_token = auth_->from_bearer(token);
  ASSERT_TRUE(via_token.has_value());
  EXPECT_EQ(via_token->scope.username, "admin");
  EXPECT_TRUE(via_token->csrf_token.empty());
  EXPECT_TRUE(auth_->revoke_token(*c, (*created)["id"]).ok());
  EXPECT_FALSE(auth_->from_bearer(token).has_value());
}

TEST_P(AuthTest, ExpiredTokenIsRefused) {
  auto r = login("admin", app::kDemoPassword);
  auto c = auth_->from_session(r->cookie_value);
  auto created = auth_->create_token(*c, "短期", 1);
  t_->clock().advance_ms(24 * 60 * kMinute + 1);
  EXPECT_FALSE(auth_->from_bearer((*created)["token"]).has_value());
}

TEST_P(AuthTest, RoleChangesReachSignedInUsersOnEveryInstanceAtOnce) {
  auto r = login("yanhu_admin", app::kDemoPassword);
  AuthService other_instance(*t_->env);  // a second server on the same database
  ASSERT_TRUE(auth_->from_session(r->cookie_value)->scope.has("system:user:create"));
  ASSERT_TRUE(other_instance.from_session(r->cookie_value)->scope.has("system:user:create"));

  auto admin = login("admin", app::kDemoPassword);
  auto admin_scope = auth_->from_session(admin->cookie_value)->scope;
  modules::roles::RolesService roles(*t_->env);
  std::int64_t role_id = [&] {
    auto tx = t_->env->db->read();
    return tx->scalar_i64("SELECT id FROM roles WHERE key = 'county_admin'");
  }();
  auto updated = roles.update(
      admin_scope, role_id,
      {"county_admin", "县级管理员", "org_and_below", {}, {"system:user:list"}, "", false});
  ASSERT_TRUE(updated.ok()) << updated.error().message_en;

  EXPECT_FALSE(auth_->from_session(r->cookie_value)->scope.has("system:user:create"));
  EXPECT_FALSE(other_instance.from_session(r->cookie_value)->scope.has("system:user:create"));
  EXPECT_TRUE(other_instance.from_session(r->cookie_value)->scope.has("system:user:list"));
}

TEST_P(AuthTest, ChangingAUsersRolesReachesTheirSessionAtOnce) {
  auto r = login("yanhu_admin", app::kDemoPassword);
  ASSERT_FALSE(auth_->from_session(r->cookie_value)->scope.self_only);
  auto admin = login("admin", app::kDemoPassword);
  auto admin_scope = auth_->from_session(admin->cookie_value)->scope;
  auto tx = t_->env->db->read();
  std::int64_t user_id = tx->scalar_i64("SELECT id FROM users WHERE username = 'yanhu_admin'");
  std::int64_t org_id = tx->scalar_i64("SELECT org_id FROM users WHERE username = 'yanhu_admin'");
  std::int64_t officer = tx->scalar_i64("SELECT id FROM roles WHERE key = 'officer'");
  tx.reset();
  modules::users::UsersService users(*t_->env);
  modules::users::UserInput in;
  in.display_name = "盐湖区管理员";
  in.org_id = org_id;
  in.role_ids = {officer};
  ASSERT_TRUE(users.update(admin_scope, user_id, in).ok());
  EXPECT_TRUE(auth_->from_session(r->cookie_value)->scope.self_only);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace zhifa::modules::auth
