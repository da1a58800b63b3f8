#include "platform/answer_cache.hpp"

namespace zhifa {

AnswerCache::AnswerCache(std::size_t max_entries, std::size_t max_bytes)
    : max_entries_(max_entries), max_bytes_(max_bytes) {}

std::shared_ptr<const std::string> AnswerCache::get(const std::string& key,
                                                    std::int64_t generation) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.generation != generation) {
    ++misses_;
    return nullptr;
  }
  order_.splice(order_.begin(), order_, it->second.order);
  ++hits_;
  return it->second.answer;
}

void AnswerCache::put(const std::string& key, std::int64_t generation, std::string answer) {
  if (max_entries_ == 0 || answer.size() + key.size() > max_bytes_) return;
  std::lock_guard lock(mutex_);
  if (generation < newest_) return;
  if (generation > newest_) {
    entries_.clear();
    order_.clear();
    bytes_ = 0;
    newest_ = generation;
  }
  if (auto it = entries_.find(key); it != entries_.end()) {
    bytes_ -= it->second.answer->size() + key.size();
    order_.erase(it->second.order);
    entries_.erase(it);
  }
  bytes_ += answer.size() + key.size();
  order_.push_front(key);
  entries_.emplace(key, Entry{generation, std::make_shared<const std::string>(std::move(answer)),
                              order_.begin()});
  while (entries_.size() > max_entries_ || bytes_ > max_bytes_) evict_one();
}

void AnswerCache::evict_one() {
  const std::string& oldest = order_.back();
  auto it = entries_.find(oldest);
  bytes_ -= it->second.answer->size() + oldest.size();
  entries_.erase(it);
  order_.pop_back();
}

AnswerCache::Stats AnswerCache::stats() const {
  std::lock_guard lock(mutex_);
  return {hits_, misses_, entries_.size(), bytes_};
}

}  // namespace zhifa
