#include "db/db.hpp"

#include <algorithm>

#include "db/drivers.hpp"

namespace zhifa::db {

bool Row::is_null(std::size_t i) const {
  return std::holds_alternative<std::nullptr_t>(values_->at(i));
}

std::int64_t Row::i64(std::size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<std::int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<std::int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0 : std::stoll(*p);
  return 0;
}

double Row::f64(std::size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return p->empty() ? 0 : std::stod(*p);
  return 0;
}

std::string Row::str(std::size_t i) const {
  const Value& v = values_->at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<std::int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) return std::to_string(*p);
  return {};
}

std::optional<std::int64_t> Row::opt_i64(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

std::optional<std::string> Row::opt_str(std::size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

std::size_t Row::index(std::string_view column) const {
  auto it = std::find(columns_->begin(), columns_->end(), column);
  if (it == columns_->end())
    throw DbError(DbError::Kind::kOther, "no column " + std::string(column));
  return static_cast<std::size_t>(it - columns_->begin());
}

std::optional<std::vector<Value>> Tx::query_one(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.data.front());
}

std::int64_t Tx::scalar_i64(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty() || rows.data.front().empty()) return 0;
  return rows[0].i64(0);
}

std::int64_t Tx::insert(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) throw DbError(DbError::Kind::kOther, "INSERT returned no id");
  return rows[0].i64(0);
}

namespace {

thread_local Db* shared_db = nullptr;
thread_local Tx* shared_tx = nullptr;

// A view of the shared transaction: it forwards statements and leaves the ending to SharedRead.
class BorrowedTx final : public Tx {
 public:
  explicit BorrowedTx(Tx& tx) : tx_(tx) {}
  Rows query(std::string_view sql, const Params& params) override { return tx_.query(sql, params); }
  std::int64_t exec(std::string_view sql, const Params& params) override {
    return tx_.exec(sql, params);
  }
  void exec_script(std::string_view sql) override { tx_.exec_script(sql); }
  void commit() override {}
  Dialect dialect() const override { return tx_.dialect(); }

 private:
  Tx& tx_;
};

}  // namespace

std::unique_ptr<Tx> Db::read() {
  if (shared_db == this && shared_tx != nullptr) return std::make_unique<BorrowedTx>(*shared_tx);
  return begin_read();
}

SharedRead::SharedRead(Db& db) : tx_(db.read()), previous_db_(shared_db), previous_tx_(shared_tx) {
  shared_db = &db;
  shared_tx = tx_.get();
}

SharedRead::~SharedRead() {
  shared_db = previous_db_;
  shared_tx = previous_tx_;
  try {
    tx_->commit();
  } catch (...) {
  }
}

std::unique_ptr<Db> open(const std::string& url, const Options& options) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return open_postgres(url, options);
  }
  std::string path = url;
  if (path.starts_with("sqlite:")) path = path.substr(7);
  if (path.starts_with("//")) path = path.substr(2);
  if (path.empty()) throw DbError(DbError::Kind::kConnection, "empty database path");
  return open_sqlite(path, options);
}

}  // namespace zhifa::db
