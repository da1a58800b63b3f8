// Account rules through the service on both backends: scope, escalation, ledger.
#include "modules/users/users_service.hpp"

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "ledger/ledger.hpp"
#include "modules/auth/auth_service.hpp"
#include "support/test_env.hpp"

namespace zhifa::modules::users {
namespace {

class UsersTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<testing::TestEnv>(GetParam());
    if (t_->skipped()) GTEST_SKIP() << "ZHIFA_TEST_PG_URL is not set";
    ASSERT_TRUE(app::load_demo(*t_->env, false).ok());
    svc_ = std::make_unique<UsersService>(*t_->env);
  }
  domain::Scope scope_of(const std::string& username) {
    auto tx = t_->env->db->read();
    auto id = tx->scalar_i64("SELECT id FROM users WHERE username = ?", {username});
    return auth::AuthService(*t_->env).scope_of(id);
  }
  std::int64_t id_of(const std::string& table, const std::string& col, const std::string& v) {
    auto tx = t_->env->db->read();
    return tx->scalar_i64("SELECT id FROM " + table + " WHERE " + col + " = ?", {v});
  }
  std::unique_ptr<testing::TestEnv> t_;
  std::unique_ptr<UsersService> svc_;
};

TEST_P(UsersTest, CountyAdministratorSeesOnlyTheirCounty) {
  auto list = svc_->list(scope_of("yanhu_admin"), std::nullopt, {}, 1, 200);
  ASSERT_GE(list["total"].get<int>(), 2);  // yanhu_admin and the 中城街道 staff
  for (const auto& u : list["items"]) EXPECT_NE(u["username"], "yongji_admin");
}

TEST_P(UsersTest, SelfScopeSeesOnlyItself) {
  auto list = svc_->list(scope_of("officer_demo"), std::nullopt, {}, 1, 200);
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["username"], "officer_demo");
}

TEST_P(UsersTest, CreatedUserMustChangeThePasswordAndIsInTheLedger) {
  std::int64_t size_before = [&] {
    auto tx = t_->env->db->read();
    return ledger::size(*tx);
  }();
  UserInput in;
  in.username = "yj_clerk";
  in.display_name = "永济市办事员";
  in.org_id = id_of("orgs", "code", "140881");
  in.role_ids = {id_of("roles", "key", "county_admin")};
  auto r = svc_->create(scope_of("yongji_admin"), in);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_TRUE((*r)["user"]["must_change_password"].get<bool>());
  EXPECT_FALSE((*r)["initial_password"].get<std::string>().empty());
  auto tx = t_->env->db->read();
  EXPECT_EQ(ledger::size(*tx), size_before + 1);
}

TEST_P(UsersTest, CannotCreateUserInAnotherCounty) {
  UserInput in;
  in.username = "intruder";
  in.display_name = "越权";
  in.org_id = id_of("orgs", "code", "140881");  // 永济市
  in.role_ids = {id_of("roles", "key", "officer")};
  auto r = svc_->create(scope_of("yanhu_admin"), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "org_id");
}

TEST_P(UsersTest, CannotGrantTheAdministratorRole) {
  UserInput in;
  in.username = "wannabe";
  in.display_name = "提权";
  in.org_id = id_of("orgs", "code", "140802");
  in.role_ids = {id_of("roles", "key", "admin")};
  auto r = svc_->create(scope_of("yanhu_admin"), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kForbidden);
}

TEST_P(UsersTest, UserOfAnotherCountyLooksAbsent) {
  auto id = id_of("users", "username", "yongji_admin");
  auto r = svc_->set_status(scope_of("yanhu_admin"), id, "disabled");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
}

TEST_P(UsersTest, DuplicateUsernameIsAConflictOnTheField) {
  UserInput in;
  in.username = "admin";
  in.display_name = "重复";
  in.org_id = id_of("orgs", "code", "140800");
  in.role_ids = {id_of("roles", "key", "officer")};
  auto r = svc_->create(scope_of("admin"), in);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
  EXPECT_EQ(r.error().field, "username");
}

TEST_P(UsersTest, PhoneIsEncryptedAtRestAndMaskedInLists) {
  UserInput in;
  in.username = "yj_phone";
  in.display_name = "有手机号";
  in.org_id = id_of("orgs", "code", "140881");
  in.role_ids = {id_of("roles", "key", "officer")};
  in.phone = "13912345678";
  auto r = svc_->create(scope_of("yongji_admin"), in);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  auto tx = t_->env->db->read();
  auto raw = tx->query("SELECT phone FROM users WHERE username = 'yj_phone'")[0].str(0);
  EXPECT_EQ(raw.find("13912345678"), std::string::npos);
  tx.reset();
  auto list = svc_->list(scope_of("yongji_admin"), std::nullopt,
                         {std::nullopt, std::string("yj_phone"), std::nullopt}, 1, 20);
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["phone_masked"], "139****5678");
  EXPECT_FALSE(list["items"][0].contains("phone"));  // a county administrator may not see it whole
  auto admin_list = svc_->list(scope_of("admin"), std::nullopt,
                               {std::nullopt, std::string("yj_phone"), std::nullopt}, 1, 20);
  EXPECT_EQ(admin_list["items"][0]["phone"], "13912345678");
}

INSTANTIATE_TEST_SUITE_P(Backends, UsersTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace zhifa::modules::users
