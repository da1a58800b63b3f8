// The thin database interface every repository uses. Two drivers implement it: SQLite (embedded,
// WAL, one writer and a reader pool) and PostgreSQL (libpq, connection pool).
//
// SQL is written once in the subset both dialects share, with `?` placeholders (the PostgreSQL
// driver rewrites them to $1..$n). Values are NULL, 64-bit integers, doubles or text; booleans are
// stored as 0/1 integers and times as epoch milliseconds, so both backends read back the same
// types. A Tx that is destroyed without commit() rolls back. Driver failures throw DbError.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace zhifa::db {

enum class Dialect { kSqlite, kPostgres };

using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// Builds a Value from the C++ types repositories pass as parameters.
struct Param {
  Value v;
  Param(std::nullptr_t) : v(nullptr) {}                       // NOLINT
  Param(int x) : v(static_cast<std::int64_t>(x)) {}           // NOLINT
  Param(long x) : v(static_cast<std::int64_t>(x)) {}          // NOLINT
  Param(long long x) : v(static_cast<std::int64_t>(x)) {}     // NOLINT
  Param(unsigned x) : v(static_cast<std::int64_t>(x)) {}      // NOLINT
  Param(bool x) : v(static_cast<std::int64_t>(x ? 1 : 0)) {}  // NOLINT
  Param(double x) : v(x) {}                                   // NOLINT
  Param(const char* x) : v(std::string(x)) {}                 // NOLINT
  Param(std::string x) : v(std::move(x)) {}                   // NOLINT
  Param(std::string_view x) : v(std::string(x)) {}            // NOLINT
  template <typename T>
  Param(const std::optional<T>& x) : v(nullptr) {  // NOLINT
    if (x) v = Param(*x).v;
  }
};
using Params = std::vector<Param>;

class DbError : public std::runtime_error {
 public:
  enum class Kind { kOther, kUnique, kForeignKey, kBusy, kConnection };
  DbError(Kind kind, const std::string& what) : std::runtime_error(what), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Row {
 public:
  Row(const std::vector<std::string>* columns, const std::vector<Value>* values)
      : columns_(columns), values_(values) {}
  std::size_t size() const { return values_->size(); }
  bool is_null(std::size_t i) const;
  std::int64_t i64(std::size_t i) const;  // NULL reads as 0
  double f64(std::size_t i) const;
  std::string str(std::size_t i) const;  // NULL reads as ""
  bool boolean(std::size_t i) const { return i64(i) != 0; }
  std::optional<std::int64_t> opt_i64(std::size_t i) const;
  std::optional<std::string> opt_str(std::size_t i) const;
  std::size_t index(std::string_view column) const;  // throws when absent
  const Value& at(std::size_t i) const { return values_->at(i); }

 private:
  const std::vector<std::string>* columns_;
  const std::vector<Value>* values_;
};

class Rows {
 public:
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> data;
  std::size_t size() const { return data.size(); }
  bool empty() const { return data.empty(); }
  Row operator[](std::size_t i) const { return Row(&columns, &data.at(i)); }
  class Iterator {
   public:
    Iterator(const Rows* rows, std::size_t i) : rows_(rows), i_(i) {}
    Row operator*() const { return (*rows_)[i_]; }
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& o) const { return i_ != o.i_; }

   private:
    const Rows* rows_;
    std::size_t i_;
  };
  Iterator begin() const { return {this, 0}; }
  Iterator end() const { return {this, data.size()}; }
};

class Tx {
 public:
  virtual ~Tx() = default;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Runs a statement; returns the number of rows changed.
  virtual std::int64_t exec(std::string_view sql, const Params& params = {}) = 0;
  // Runs several statements without parameters (migrations).
  virtual void exec_script(std::string_view sql) = 0;
  virtual void commit() = 0;
  virtual Dialect dialect() const = 0;

  // Helpers built on query().
  std::optional<std::vector<Value>> query_one(std::string_view sql, const Params& params = {});
  std::int64_t scalar_i64(std::string_view sql, const Params& params = {});
  // Runs an INSERT ... RETURNING id and returns the id.
  std::int64_t insert(std::string_view sql, const Params& params = {});
};

struct Options {
  int pool_size = 8;            // readers (SQLite) or connections (PostgreSQL)
  int busy_timeout_ms = 10000;  // SQLite: how long a writer waits for the lock
};

class Db {
 public:
  virtual ~Db() = default;
  // A transaction that may write. SQLite serialises writers; PostgreSQL uses READ COMMITTED.
  virtual std::unique_ptr<Tx> write() = 0;
  // A read-only transaction with a consistent snapshot. Inside a SharedRead on this thread, a view
  // of that one transaction (its commit() does nothing).
  std::unique_ptr<Tx> read();
  virtual Dialect dialect() const = 0;
  virtual std::string describe() const = 0;  // e.g. "sqlite:/var/zhifa/zhifa.db" (no password)

 protected:
  virtual std::unique_ptr<Tx> begin_read() = 0;
};

// Makes every read() of `db` on this thread, while it lives, share one read transaction: a GET
// request reads the caller's session, grants and the data from one snapshot with one BEGIN/COMMIT.
// Only for work that runs on one thread without suspending (a request handler); writes still get
// their own transactions.
class SharedRead {
 public:
  explicit SharedRead(Db& db);
  ~SharedRead();
  SharedRead(const SharedRead&) = delete;
  SharedRead& operator=(const SharedRead&) = delete;

 private:
  std::unique_ptr<Tx> tx_;
  Db* previous_db_;
  Tx* previous_tx_;
};

// url: "sqlite:PATH", a plain path ending in .db, or "postgresql://..." / "postgres://...".
std::unique_ptr<Db> open(const std::string& url, const Options& options = {});

// Runs fn inside a write transaction and commits it; rolls back when fn throws.
// A returned value with ok() == false (a refused Result) also rolls back.
template <typename Fn>
auto with_write(Db& db, Fn&& fn) {
  auto tx = db.write();
  if constexpr (std::is_void_v<decltype(fn(*tx))>) {
    fn(*tx);
    tx->commit();
  } else {
    auto r = fn(*tx);
    if constexpr (requires { r.ok(); }) {
      if (!r.ok()) return r;
    }
    tx->commit();
    return r;
  }
}

template <typename Fn>
auto with_read(Db& db, Fn&& fn) {
  auto tx = db.read();
  return fn(*tx);
}

}  // namespace zhifa::db
