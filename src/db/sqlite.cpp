// SQLite driver: WAL mode, one writer connection (writers queue on a mutex; BEGIN IMMEDIATE), and a
// pool of reader connections that read consistent snapshots while the writer works.
#include <sqlite3.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>

#include "db/drivers.hpp"
#include "db/pool.hpp"

namespace zhifa::db {
namespace {

DbError error_from(sqlite3* conn, int rc, std::string_view sql) {
  int ext = conn ? sqlite3_extended_errcode(conn) : rc;
  std::string msg = conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc);
  msg += " [" + std::string(sql.substr(0, 200)) + "]";
  DbError::Kind kind = DbError::Kind::kOther;
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    kind = DbError::Kind::kUnique;
  } else if (ext == SQLITE_CONSTRAINT_FOREIGNKEY) {
    kind = DbError::Kind::kForeignKey;
  } else if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    kind = DbError::Kind::kBusy;
  }
  return DbError(kind, "sqlite: " + msg);
}

class Connection {
 public:
  Connection(const std::string& path, const Options& options, bool read_only) {
    int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &conn_, flags, nullptr);
    if (rc != SQLITE_OK) {
      DbError e = error_from(conn_, rc, "open " + path);
      sqlite3_close(conn_);
      throw DbError(DbError::Kind::kConnection, e.what());
    }
    sqlite3_extended_result_codes(conn_, 1);
    sqlite3_busy_timeout(conn_, options.busy_timeout_ms);
    if (!read_only) {
      run("PRAGMA journal_mode=WAL");
      run("PRAGMA synchronous=NORMAL");
    }
    run("PRAGMA foreign_keys=ON");
    // Pages are read through a memory map (no copy into the page cache per read) and each
    // connection keeps 32 MiB of them: a search over a large index otherwise spends a third of
    // its time in read() copying the same pages again.
    run("PRAGMA mmap_size=" + std::to_string(std::int64_t{1} << 31));
    run("PRAGMA cache_size=-32768");
  }
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(conn_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Transaction control through cached statements (sqlite3_exec would parse them every time).
  void begin(bool write) { query(write ? "BEGIN IMMEDIATE" : "BEGIN", {}, nullptr); }
  void commit() { query("COMMIT", {}, nullptr); }
  void rollback() { query("ROLLBACK", {}, nullptr); }

  void run(std::string_view sql) {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(conn_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : "";
      sqlite3_free(err);
      DbError e = error_from(conn_, rc, sql);
      throw DbError(e.kind(), e.what());
    }
  }

  Rows query(std::string_view sql, const Params& params, std::int64_t* changes) {
    sqlite3_stmt* stmt = prepare(sql);
    struct Reset {
      sqlite3_stmt* s;
      ~Reset() {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
      }
    } reset{stmt};
    bind(stmt, params, sql);
    Rows rows;
    int ncol = sqlite3_column_count(stmt);
    for (int i = 0; i < ncol; ++i) rows.columns.emplace_back(sqlite3_column_name(stmt, i));
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) throw error_from(conn_, rc, sql);
      std::vector<Value> row;
      row.reserve(static_cast<std::size_t>(ncol));
      for (int i = 0; i < ncol; ++i) row.push_back(column(stmt, i));
      rows.data.push_back(std::move(row));
    }
    if (changes) *changes = sqlite3_changes64(conn_);
    return rows;
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(conn_, key.c_str(), static_cast<int>(key.size()),
                                SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) throw error_from(conn_, rc, sql);
    if (cache_.size() > 500) {
      for (auto& [s, st] : cache_) sqlite3_finalize(st);
      cache_.clear();
    }
    cache_.emplace(std::move(key), stmt);
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, const Params& params, std::string_view sql) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      throw DbError(DbError::Kind::kOther,
                    "sqlite: parameter count mismatch [" + std::string(sql.substr(0, 200)) + "]");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
      int idx = static_cast<int>(i + 1);
      const Value& v = params[i].v;
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::nullptr_t>(v)) {
        rc = sqlite3_bind_null(stmt, idx);
      } else if (auto p = std::get_if<std::int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, idx, *p);
      } else if (auto p = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, idx, *p);
      } else if (auto p = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text64(stmt, idx, p->data(), p->size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) throw error_from(conn_, rc, sql);
    }
  }

  static Value column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
      case SQLITE_INTEGER:
        return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
      case SQLITE_FLOAT:
        return sqlite3_column_double(stmt, i);
      case SQLITE_NULL:
        return nullptr;
      default: {
        const void* p = sqlite3_column_blob(stmt, i);
        int n = sqlite3_column_bytes(stmt, i);
        return std::string(static_cast<const char*>(p ? p : ""), static_cast<std::size_t>(n));
      }
    }
  }

  sqlite3* conn_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

using SqliteTx = PooledTx<Connection, Dialect::kSqlite>;

class SqliteDb final : public Db {
 public:
  SqliteDb(const std::string& path, const Options& options) : path_(path) {
    writer_ = std::make_unique<Connection>(path, options, false);
    memory_ = path == ":memory:" || path.starts_with("file::memory:");
    if (!memory_) {
      for (int i = 0; i < std::max(1, options.pool_size); ++i) {
        readers_.add(std::make_unique<Connection>(path, options, true));
      }
    }
  }

  std::unique_ptr<Tx> write() override {
    writer_mutex_.lock();
    return std::make_unique<SqliteTx>(
        writer_.get(), [this] { writer_mutex_.unlock(); }, true);
  }

  std::unique_ptr<Tx> begin_read() override {
    if (memory_) {  // a private in-memory database has no other connections to read from
      writer_mutex_.lock();
      return std::make_unique<SqliteTx>(
          writer_.get(), [this] { writer_mutex_.unlock(); }, false);
    }
    auto [conn, release] = readers_.take();
    return std::make_unique<SqliteTx>(conn, std::move(release), false);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string describe() const override { return "sqlite:" + path_; }

 private:
  std::string path_;
  bool memory_ = false;
  std::unique_ptr<Connection> writer_;
  std::mutex writer_mutex_;
  ConnectionPool<Connection> readers_;
};

}  // namespace

std::unique_ptr<Db> open_sqlite(const std::string& path, const Options& options) {
  static std::once_flag configured;
  std::call_once(configured, [] {
    // Connections are never shared between threads at once (each is held by one Tx), so SQLite's
    // own per-connection mutexes are not needed; and memory statistics take a process-wide mutex
    // on every allocation, which made concurrent readers queue behind each other.
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
  return std::make_unique<SqliteDb>(path, options);
}

}  // namespace zhifa::db
