#include "platform/answer_cache.hpp"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace zhifa {
namespace {

std::string get(AnswerCache& c, const std::string& key, std::int64_t generation) {
  auto a = c.get(key, generation);
  return a ? *a : "<none>";
}

TEST(AnswerCache, AnAnswerIsGivenAgainOnlyForTheGenerationItWasReadFrom) {
  AnswerCache c(10, 1 << 20);
  EXPECT_EQ(get(c, "q=食品", 1), "<none>");
  c.put("q=食品", 1, "[1,2]");
  EXPECT_EQ(get(c, "q=食品", 1), "[1,2]");
  EXPECT_EQ(get(c, "q=罚款", 1), "<none>");
  // The data changed: the old answer is not given, whoever asks.
  EXPECT_EQ(get(c, "q=食品", 2), "<none>");
  // A reader that began before the change comes back with an old answer: not kept once a newer
  // generation is seen; and a newer answer drops the older ones.
  c.put("q=罚款", 2, "[3]");
  c.put("q=食品", 1, "[1,2]");
  EXPECT_EQ(get(c, "q=食品", 1), "<none>");
  EXPECT_EQ(get(c, "q=罚款", 2), "[3]");
  c.put("q=消防", 3, "[4]");
  EXPECT_EQ(c.stats().entries, 1u);
  EXPECT_EQ(get(c, "q=罚款", 2), "<none>");
  auto s = c.stats();
  EXPECT_EQ(s.hits, 2u);
  EXPECT_EQ(s.misses, 5u);
}

TEST(AnswerCache, TheLeastRecentlyUsedGoFirstByCountAndBySize) {
  AnswerCache c(3, 1 << 20);
  c.put("a", 1, "A");
  c.put("b", 1, "B");
  c.put("c", 1, "C");
  EXPECT_EQ(get(c, "a", 1), "A");  // a is now the most recent
  c.put("d", 1, "D");
  EXPECT_EQ(get(c, "b", 1), "<none>");
  EXPECT_EQ(get(c, "a", 1), "A");
  EXPECT_EQ(get(c, "c", 1), "C");
  EXPECT_EQ(get(c, "d", 1), "D");
  EXPECT_EQ(c.stats().entries, 3u);

  AnswerCache small(100, 30);  // bytes of keys and answers
  small.put("k1", 1, std::string(10, 'x'));
  small.put("k2", 1, std::string(10, 'y'));
  EXPECT_EQ(small.stats().bytes, 24u);
  small.put("k3", 1, std::string(10, 'z'));  // 36 bytes: k1 goes
  EXPECT_EQ(get(small, "k1", 1), "<none>");
  EXPECT_EQ(get(small, "k3", 1), std::string(10, 'z'));
  small.put("k2", 1, "short");  // replaced, not counted twice
  EXPECT_EQ(small.stats().bytes, 12u + 7u);
  small.put("huge", 1, std::string(100, 'h'));  // larger than the whole cache: not kept
  EXPECT_EQ(get(small, "huge", 1), "<none>");
  EXPECT_EQ(get(small, "k2", 1), "short");

  AnswerCache off(0, 1 << 20);
  off.put("a", 1, "A");
  EXPECT_EQ(get(off, "a", 1), "<none>");
  EXPECT_EQ(off.stats().entries, 0u);
}

TEST(AnswerCache, ManyThreadsAtOnce) {
  AnswerCache c(50, 1 << 20);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&c, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string key = "q" + std::to_string(i % 80);
        std::int64_t generation = 1 + i / 500;
        if (auto a = c.get(key, generation)) {
          EXPECT_EQ(*a, key + "@" + std::to_string(generation));
        } else {
          c.put(key, generation, key + "@" + std::to_string(generation));
        }
        (void)t;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_LE(c.stats().entries, 50u);
}

}  // namespace
}  // namespace zhifa
