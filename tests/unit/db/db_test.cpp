// The Db interface behaves the same on SQLite and PostgreSQL: one suite, both backends.
#include "db/db.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "db/drivers.hpp"
#include "db/migrate.hpp"
#include "support/test_env.hpp"

namespace zhifa::db {
namespace {

class DbTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<testing::TestDatabase>(GetParam());
    if (t_->skipped()) GTEST_SKIP() << "ZHIFA_TEST_PG_URL is not set";
    with_write(t_->db(), [](Tx& tx) {
      tx.exec_script(
          adapt_sql("CREATE TABLE things (id {{pk}}, name TEXT NOT NULL UNIQUE, n BIGINT, x DOUBLE "
                    "PRECISION)",
                    tx.dialect()));
    });
  }
  Db& db() { return t_->db(); }
  std::unique_ptr<testing::TestDatabase> t_;
};

TEST_P(DbTest, InsertReturnsIdAndValuesRoundTrip) {
  std::int64_t id = with_write(db(), [](Tx& tx) {
    return tx.insert("INSERT INTO things (name, n, x) VALUES (?, ?, ?) RETURNING id",
                     {"运城市 '引号' \"双引号\" ?", 9007199254740993LL, 2.5});
  });
  auto rows = with_read(db(), [&](Tx& tx) {
    return tx.query("SELECT name, n, x, NULL FROM things WHERE id = ?", {id});
  });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].str(0), "运城市 '引号' \"双引号\" ?");
  EXPECT_EQ(rows[0].i64(1), 9007199254740993LL);
  EXPECT_DOUBLE_EQ(rows[0].f64(2), 2.5);
  EXPECT_TRUE(rows[0].is_null(3));
  EXPECT_EQ(rows[0].index("n"), 1u);
}

TEST_P(DbTest, TransactionWithoutCommitRollsBack) {
  {
    auto tx = db().write();
    tx->exec("INSERT INTO things (name) VALUES (?)", {"a"});
  }
  EXPECT_EQ(with_read(db(), [](Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM things"); }),
            0);
}

TEST_P(DbTest, RefusedResultRollsBack) {
  auto r = with_write(db(), [](Tx& tx) -> Status {
    tx.exec("INSERT INTO things (name) VALUES (?)", {"a"});
    return Error::invalid("x", "错", "wrong");
  });
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(with_read(db(), [](Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM things"); }),
            0);
}

TEST_P(DbTest, ThrowInsideWriteRollsBack) {
  EXPECT_THROW(with_write(db(),
                          [](Tx& tx) {
                            tx.exec("INSERT INTO things (name) VALUES (?)", {"a"});
                            throw std::runtime_error("boom");
                          }),
               std::runtime_error);
  EXPECT_EQ(with_read(db(), [](Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM things"); }),
            0);
}

TEST_P(DbTest, UniqueViolationIsReportedAsUnique) {
  with_write(db(), [](Tx& tx) { tx.exec("INSERT INTO things (name) VALUES (?)", {"a"}); });
  try {
    with_write(db(), [](Tx& tx) { tx.exec("INSERT INTO things (name) VALUES (?)", {"a"}); });
    FAIL() << "no error";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbError::Kind::kUnique);
  }
}

TEST_P(DbTest, ExecCountsChangedRows) {
  with_write(db(), [](Tx& tx) {
    tx.exec("INSERT INTO things (name, n) VALUES (?, ?)", {"a", 1});
    tx.exec("INSERT INTO things (name, n) VALUES (?, ?)", {"b", 1});
    EXPECT_EQ(tx.exec("UPDATE things SET n = 2 WHERE n = ?", {1}), 2);
  });
}

TEST_P(DbTest, QuestionMarkInsideQuotesIsNotAParameter) {
  auto rows = with_read(db(), [](Tx& tx) { return tx.query("SELECT '?' AS q, ? AS p", {"x"}); });
  EXPECT_EQ(rows[0].str(0), "?");
  EXPECT_EQ(rows[0].str(1), "x");
}

TEST_P(DbTest, ReadersSeeOnlyCommittedData) {
  auto writer = db().write();
  writer->exec("INSERT INTO things (name) VALUES (?)", {"pending"});
  EXPECT_EQ(with_read(db(), [](Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM things"); }),
            0);
  writer->commit();
  EXPECT_EQ(with_read(db(), [](Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM things"); }),
            1);
}

TEST_P(DbTest, ConcurrentWritersAllLand) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        with_write(db(), [&](Tx& tx) {
          tx.exec("INSERT INTO things (name) VALUES (?)",
                  {std::to_string(t) + "-" + std::to_string(i)});
        });
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(with_read(db(), [](Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM things"); }),
            100);
}

TEST_P(DbTest, MigrationsAreAppliedOnceAndDryRunChangesNothing) {
  auto again = migrate(db(), true);
  EXPECT_TRUE(again.pending.empty());
  EXPECT_GE(again.from_version, 2);
  EXPECT_EQ(migrate(db(), false).pending.size(), 0u);
}

TEST_P(DbTest, SharedReadGivesEveryReadOneSnapshot) {
  auto count = [&] {
    return with_read(db(), [](Tx& tx) { return tx.scalar_i64("SELECT COUNT(*) FROM things"); });
  };
  {
    SharedRead snapshot(db());
    EXPECT_EQ(count(), 0);
    with_write(db(), [](Tx& tx) { tx.exec("INSERT INTO things (name) VALUES (?)", {"later"}); });
    EXPECT_EQ(count(), 0);  // the snapshot was taken before the write
  }
  EXPECT_EQ(count(), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::Values("sqlite", "postgres"));

TEST(Placeholders, RewrittenForPostgresOutsideQuotes) {
  EXPECT_EQ(to_postgres_placeholders("SELECT ? , '?', \"a?\" WHERE x = ?"),
            "SELECT $1 , '?', \"a?\" WHERE x = $2");
}

TEST(Migrations, TokensAreAdaptedPerDialect) {
  EXPECT_EQ(adapt_sql("id {{pk}}", Dialect::kSqlite), "id INTEGER PRIMARY KEY AUTOINCREMENT");
  EXPECT_NE(adapt_sql("id {{pk}}", Dialect::kPostgres).find("IDENTITY"), std::string::npos);
  auto list = bundled_migrations(Dialect::kSqlite);
  ASSERT_GE(list.size(), 2u);
  for (std::size_t i = 1; i < list.size(); ++i) EXPECT_LT(list[i - 1].version, list[i].version);
}

}  // namespace
}  // namespace zhifa::db
