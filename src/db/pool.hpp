// What both drivers share: a fixed pool of connections handed out one per transaction, and the
// transaction that holds a connection until it commits or rolls back. A driver's connection type
// provides begin(bool write), commit(), rollback(), run(sql) and query(sql, params, changes*).
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "db/db.hpp"

namespace zhifa::db {

template <typename Conn>
class ConnectionPool {
 public:
  void add(std::unique_ptr<Conn> conn) {
    std::lock_guard lock(mutex_);
    free_.push_back(conn.get());
    owned_.push_back(std::move(conn));
  }
  // Waits for a free connection; the returned function gives it back.
  std::pair<Conn*, std::function<void()>> take() {
    Conn* conn = nullptr;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return !free_.empty(); });
      conn = free_.back();
      free_.pop_back();
    }
    return {conn, [this, conn] {
              {
                std::lock_guard lock(mutex_);
                free_.push_back(conn);
              }
              cv_.notify_one();
            }};
  }

 private:
  std::vector<std::unique_ptr<Conn>> owned_;
  std::vector<Conn*> free_;
  std::mutex mutex_;
  std::condition_variable cv_;
};

template <typename Conn, Dialect kDialect>
class PooledTx final : public Tx {
 public:
  // Begins on conn; `release` runs when the transaction ends (it returns conn to its pool).
  PooledTx(Conn* conn, std::function<void()> release, bool write)
      : conn_(conn), release_(std::move(release)) {
    try {
      conn_->begin(write);
    } catch (...) {
      release_();
      throw;
    }
  }
  ~PooledTx() override {
    if (!done_) {
      try {
        conn_->rollback();
      } catch (...) {
      }
    }
    release_();
  }
  PooledTx(const PooledTx&) = delete;
  PooledTx& operator=(const PooledTx&) = delete;

  Rows query(std::string_view sql, const Params& params) override {
    return conn_->query(sql, params, nullptr);
  }
  std::int64_t exec(std::string_view sql, const Params& params) override {
    std::int64_t changes = 0;
    conn_->query(sql, params, &changes);
    return changes;
  }
  void exec_script(std::string_view sql) override { conn_->run(sql); }
  void commit() override {
    conn_->commit();
    done_ = true;
  }
  Dialect dialect() const override { return kDialect; }

 private:
  Conn* conn_;
  std::function<void()> release_;
  bool done_ = false;
};

}  // namespace zhifa::db
