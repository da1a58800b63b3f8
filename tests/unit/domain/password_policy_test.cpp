#include "domain/password_policy.hpp"

#include <gtest/gtest.h>

namespace zhifa::domain {
namespace {

TEST(Password, StrongPasswordPasses) {
  EXPECT_TRUE(check_password("Zhifa@2026!", "admin", {}).ok());
}

TEST(Password, ShortPasswordIsRefusedNamingTheField) {
  auto r = check_password("Ab1!", "admin", {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "new_password");
  EXPECT_NE(r.error().message_zh.find("8"), std::string::npos);
}

TEST(Password, EachCharacterClassIsRequired) {
  EXPECT_FALSE(check_password("zhifa@2026!", "", {}).ok());  // no upper
  EXPECT_FALSE(check_password("ZHIFA@2026!", "", {}).ok());  // no lower
  EXPECT_FALSE(check_password("Zhifa@abcd!", "", {}).ok());  // no digit
  EXPECT_FALSE(check_password("Zhifa20261", "", {}).ok());   // no symbol
}

TEST(Password, UsernameInsideIsRefusedWhateverTheCase) {
  EXPECT_FALSE(check_password("xYanhu_Admin1!", "yanhu_admin", {}).ok());
}

TEST(Password, MinimumLengthIsASetting) {
  EXPECT_FALSE(check_password("Zhifa@2026!", "", {12, 128}).ok());
  EXPECT_TRUE(check_password("Zhifa@2026!xy", "", {12, 128}).ok());
}

}  // namespace
}  // namespace zhifa::domain
