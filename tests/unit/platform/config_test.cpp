#include "platform/config.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

namespace zhifa {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = fs::temp_directory_path() / ("zhifa-config-" + std::to_string(::getpid()) + ".toml");
  }
  void TearDown() override {
    fs::remove(path_);
    unsetenv("ZHIFA_HTTP_PORT");
    unsetenv("ZHIFA_LOCKOUT_MINUTES");
  }
  void write(const std::string& text) { std::ofstream(path_) << text; }
  fs::path path_;
};

TEST_F(ConfigTest, DefaultsFollowTheSecurityBaseline) {
  auto c = load_config("");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->security.login_max_failures, 5);
  EXPECT_EQ(c->security.lockout_minutes, 15);
  EXPECT_EQ(c->security.idle_timeout_minutes, 30);
  EXPECT_EQ(c->http.port, 8080);
  EXPECT_EQ(c->effective_database_url(), "sqlite:var/data/zhifa.db");
}

TEST_F(ConfigTest, TomlFileSetsValuesAndEnvironmentOverridesIt) {
  write("data_dir = \"/srv/zhifa\"\n[http]\nport = 9000\n[security]\nlockout_minutes = 30\n");
  setenv("ZHIFA_HTTP_PORT", "9100", 1);
  auto c = load_config(path_.string());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->data_dir, "/srv/zhifa");
  EXPECT_EQ(c->security.lockout_minutes, 30);
  EXPECT_EQ(c->http.port, 9100);
  EXPECT_EQ(c->effective_ledger_key_path(), "/srv/zhifa/ledger-sm2.pem");
}

TEST_F(ConfigTest, DatabaseUrlPicksTheBackend) {
  write("database_url = \"postgresql://zhifa@db/zhifa\"\n");
  auto c = load_config(path_.string());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->effective_database_url(), "postgresql://zhifa@db/zhifa");
}

TEST_F(ConfigTest, BrokenFileIsAClearError) {
  write("[http\nport = \n");
  auto c = load_config(path_.string());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().code, "config.parse");
  EXPECT_FALSE(c.error().message_zh.empty());
}

}  // namespace
}  // namespace zhifa
