// Many rows into one table with few round trips (bulk loads such as the demo): rows are buffered
// and written as multi-row INSERT statements of up to `rows_per_statement` rows. Call flush()
// before the rows are read or the transaction commits; the destructor does not write (it may run
// while an exception unwinds the transaction).
#pragma once

#include <string>
#include <vector>

#include "db/db.hpp"

namespace zhifa::db {

class BulkInsert {
 public:
  BulkInsert(Tx& tx, std::string table, std::vector<std::string> columns,
             std::size_t rows_per_statement = 200)
      : tx_(tx), table_(std::move(table)), columns_(std::move(columns)), max_(rows_per_statement) {}

  void add(Params row) {
    if (row.size() != columns_.size()) throw std::invalid_argument("bulk insert: row width");
    for (auto& p : row) params_.push_back(std::move(p));
    if (++rows_ == max_) flush();
  }

  void flush() {
    if (rows_ == 0) return;
    std::string sql = "INSERT INTO " + table_ + " (";
    std::string one = "(";
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      sql += (i ? ", " : "") + columns_[i];
      one += i ? ", ?" : "?";
    }
    one += ")";
    sql += ") VALUES ";
    for (std::size_t r = 0; r < rows_; ++r) sql += (r ? ", " : "") + one;
    tx_.exec(sql, params_);
    params_.clear();
    rows_ = 0;
  }

 private:
  Tx& tx_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t max_, rows_ = 0;
  Params params_;
};

}  // namespace zhifa::db
