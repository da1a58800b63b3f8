#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace zhifa {

// Recent answers to public questions (the portal's decision search), each kept with the
// generation of the data it was read from: an answer is given again only for that generation,
// so a change to the data (which moves the generation in its own transaction) is seen by the
// next question, never a stale answer. Least recently used answers go first when more than
// `max_entries` or `max_bytes` are kept. Thread-safe; 0 entries keeps none.
class AnswerCache {
 public:
  AnswerCache(std::size_t max_entries, std::size_t max_bytes);

  // The answer kept for `key` at `generation`, or null.
  std::shared_ptr<const std::string> get(const std::string& key, std::int64_t generation);
  // Keeps `answer`; an answer read from an older generation than one already seen is not kept,
  // and a newer generation drops every answer kept before it.
  void put(const std::string& key, std::int64_t generation, std::string answer);

  struct Stats {
    std::uint64_t hits = 0, misses = 0;
    std::size_t entries = 0, bytes = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::int64_t generation;
    std::shared_ptr<const std::string> answer;
    std::list<std::string>::iterator order;
  };
  void evict_one();

  std::size_t max_entries_, max_bytes_;
  mutable std::mutex mutex_;
  std::list<std::string> order_;  // most recently used first
  std::unordered_map<std::string, Entry> entries_;
  std::int64_t newest_ = 0;
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace zhifa
