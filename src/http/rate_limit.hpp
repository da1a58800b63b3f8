// A per-client limit on requests a minute (the portal's search): a fixed one-minute window per
// key, in memory, shared by the server's threads. Keys are client addresses; the table forgets
// windows that ended.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace zhifa::http {

class RateLimiter {
 public:
  explicit RateLimiter(int per_minute) : per_minute_(per_minute) {}

  // true when `key` may make one more request at `now_ms` (and counts it); seconds to wait in
  // `retry_after` otherwise.
  bool allow(const std::string& key, std::int64_t now_ms, int& retry_after) {
    if (per_minute_ <= 0) return true;
    std::int64_t window = now_ms / 60'000;
    std::lock_guard lock(mu_);
    if (window != last_sweep_) {
      for (auto it = counts_.begin(); it != counts_.end();) {
        it = it->second.window < window ? counts_.erase(it) : std::next(it);
      }
      last_sweep_ = window;
    }
    auto& c = counts_[key];
    if (c.window != window) c = {window, 0};
    if (c.count >= per_minute_) {
      retry_after = static_cast<int>(60 - (now_ms / 1000) % 60);
      return false;
    }
    ++c.count;
    return true;
  }

 private:
  struct Count {
    std::int64_t window = 0;
    int count = 0;
  };
  int per_minute_;
  std::mutex mu_;
  std::unordered_map<std::string, Count> counts_;
  std::int64_t last_sweep_ = -1;
};

}  // namespace zhifa::http
