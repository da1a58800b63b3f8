// Test support: a fresh, migrated database on either backend ("sqlite" always; "postgres" when
// ZHIFA_TEST_PG_URL is set, in a schema of its own that is dropped afterwards), and an app::Env
// around it with a clock the test moves by hand.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/env.hpp"
#include "db/db.hpp"

namespace zhifa::testing {

class TestDatabase {
 public:
  // Skips the current test (GTEST_SKIP semantics via skipped()) when the backend is unavailable.
  explicit TestDatabase(const std::string& backend);
  ~TestDatabase();
  bool skipped() const { return skipped_; }
  const std::string& url() const { return url_; }
  db::Db& db() { return *db_; }
  std::unique_ptr<db::Db> release() { return std::move(db_); }

 private:
  bool skipped_ = false;
  std::string url_, admin_url_, schema_;
  std::filesystem::path dir_;
  std::unique_ptr<db::Db> db_;
};

// An Env over a TestDatabase with a ManualClock starting at 2026-11-28T00:00:00Z.
struct TestEnv {
  explicit TestEnv(const std::string& backend);
  ~TestEnv();
  bool skipped() const { return database.skipped(); }
  ManualClock& clock() { return *manual_clock; }

  TestDatabase database;
  std::filesystem::path dir;
  std::shared_ptr<ManualClock> manual_clock;
  std::unique_ptr<app::Env> env;
};

inline constexpr std::int64_t kTestNow = 1795824000000;  // 2026-11-28T00:00:00Z

// The backends to run parameterised tests on.
inline const char* const kBackends[] = {"sqlite", "postgres"};

}  // namespace zhifa::testing
