#include "ledger/merkle.hpp"

#include <gtest/gtest.h>

namespace zhifa::ledger {
namespace {

using namespace merkle;

std::vector<Hash> make_leaves(std::size_t n) {
  std::vector<Hash> leaves;
  for (std::size_t i = 0; i < n; ++i) leaves.push_back(leaf_hash("leaf " + std::to_string(i)));
  return leaves;
}

Hash flipped(Hash h) {
  h[0] ^= 0x01;
  return h;
}

// The RFC 9162 definition of MTH, written the slow and obvious way, to check root() against.
Hash reference_root(const std::vector<Hash>& leaves, std::size_t from, std::size_t to) {
  std::size_t n = to - from;
  if (n == 0) return sm::sm3("");
  if (n == 1) return leaves[from];
  std::size_t k = 1;
  while (k * 2 < n) k *= 2;
  return node_hash(reference_root(leaves, from, from + k), reference_root(leaves, from + k, to));
}

TEST(Merkle, HashesFollowRfc9162Prefixes) {
  EXPECT_EQ(leaf_hash("abc"), sm::sm3(std::string("\0abc", 4)));
  Hash l = sm::sm3("l");
  Hash r = sm::sm3("r");
  std::string joined = "\x01";
  joined.append(reinterpret_cast<const char*>(l.data()), l.size());
  joined.append(reinterpret_cast<const char*>(r.data()), r.size());
  EXPECT_EQ(node_hash(l, r), sm::sm3(joined));
  EXPECT_EQ(root({}), sm::sm3(""));
  EXPECT_EQ(empty_root(), sm::sm3(""));
}

TEST(Merkle, RootMatchesTheDefinitionForSmallTrees) {
  auto leaves = make_leaves(20);
  for (std::size_t n = 0; n <= leaves.size(); ++n) {
    EXPECT_EQ(root(std::span(leaves).first(n)), reference_root(leaves, 0, n)) << n;
  }
  EXPECT_EQ(root(std::span(leaves).first(3)),
            node_hash(node_hash(leaves[0], leaves[1]), leaves[2]));
}

TEST(Merkle, EveryInclusionProofUpTo40LeavesVerifies) {
  auto leaves = make_leaves(40);
  for (std::uint64_t size = 1; size <= 40; ++size) {
    Hash r = root(std::span(leaves).first(size));
    for (std::uint64_t i = 0; i < size; ++i) {
      auto proof = inclusion_proof(i, size, leaves);
      ASSERT_TRUE(verify_inclusion(i, size, leaves[i], proof, r)) << i << "/" << size;
    }
  }
}

TEST(Merkle, TamperedInclusionProofsFail) {
  auto leaves = make_leaves(40);
  for (std::uint64_t size = 1; size <= 40; ++size) {
    Hash r = root(std::span(leaves).first(size));
    for (std::uint64_t i = 0; i < size; ++i) {
      auto proof = inclusion_proof(i, size, leaves);
      EXPECT_FALSE(verify_inclusion(i, size, leaves[i], proof, flipped(r)));
      EXPECT_FALSE(verify_inclusion(i, size, flipped(leaves[i]), proof, r));
      EXPECT_FALSE(verify_inclusion(size, size, leaves[i], proof, r));
      if (size > 1) {
        EXPECT_FALSE(verify_inclusion((i + 1) % size, size, leaves[i], proof, r));
      }
      for (std::size_t p = 0; p < proof.size(); ++p) {
        auto bad = proof;
        bad[p] = flipped(bad[p]);
        EXPECT_FALSE(verify_inclusion(i, size, leaves[i], bad, r));
      }
      auto longer = proof;
      longer.push_back(r);
      EXPECT_FALSE(verify_inclusion(i, size, leaves[i], longer, r));
      if (!proof.empty()) {
        proof.pop_back();
        EXPECT_FALSE(verify_inclusion(i, size, leaves[i], proof, r));
      }
    }
  }
}

TEST(Merkle, InclusionProofRejectsOutOfRangeArguments) {
  auto leaves = make_leaves(5);
  EXPECT_THROW(inclusion_proof(5, 5, leaves), std::invalid_argument);
  EXPECT_THROW(inclusion_proof(0, 6, leaves), std::invalid_argument);
  EXPECT_TRUE(inclusion_proof(0, 1, leaves).empty());
}

TEST(Merkle, EveryConsistencyProofUpTo40LeavesVerifies) {
  auto leaves = make_leaves(40);
  for (std::uint64_t n = 1; n <= 40; ++n) {
    Hash rn = root(std::span(leaves).first(n));
    for (std::uint64_t m = 1; m <= n; ++m) {
      Hash rm = root(std::span(leaves).first(m));
      auto proof = consistency_proof(m, n, leaves);
      ASSERT_TRUE(verify_consistency(m, n, rm, rn, proof)) << m << "->" << n;
    }
  }
}

TEST(Merkle, TamperedConsistencyProofsFail) {
  auto leaves = make_leaves(40);
  for (std::uint64_t n = 1; n <= 40; ++n) {
    Hash rn = root(std::span(leaves).first(n));
    for (std::uint64_t m = 1; m <= n; ++m) {
      Hash rm = root(std::span(leaves).first(m));
      auto proof = consistency_proof(m, n, leaves);
      EXPECT_FALSE(verify_consistency(m, n, flipped(rm), rn, proof)) << m << "->" << n;
      EXPECT_FALSE(verify_consistency(m, n, rm, flipped(rn), proof)) << m << "->" << n;
      for (std::size_t p = 0; p < proof.size(); ++p) {
        auto bad = proof;
        bad[p] = flipped(bad[p]);
        EXPECT_FALSE(verify_consistency(m, n, rm, rn, bad)) << m << "->" << n << " at " << p;
      }
      if (m < n) {
        EXPECT_FALSE(verify_consistency(m, n, rm, rn, {})) << m << "->" << n;
      }
    }
  }
  Hash r = root(std::span(leaves).first(3));
  EXPECT_FALSE(verify_consistency(0, 3, empty_root(), r, {}));
  EXPECT_FALSE(verify_consistency(4, 3, r, r, {}));
  EXPECT_THROW(consistency_proof(0, 3, leaves), std::invalid_argument);
  EXPECT_THROW(consistency_proof(4, 3, leaves), std::invalid_argument);
  EXPECT_THROW(consistency_proof(3, 41, leaves), std::invalid_argument);
}

TEST(CompactRange, RootEqualsFullRecomputationForEverySizeUpTo100) {
  auto leaves = make_leaves(100);
  CompactRange range;
  EXPECT_EQ(range.root(), empty_root());
  for (std::size_t n = 1; n <= leaves.size(); ++n) {
    range.append(leaves[n - 1]);
    ASSERT_EQ(range.size(), n);
    ASSERT_EQ(range.root(), root(std::span(leaves).first(n))) << n;
  }
}

TEST(CompactRange, SerialisedFormRoundTrips) {
  auto leaves = make_leaves(100);
  CompactRange range;
  EXPECT_EQ(range.serialize(), "0");
  for (const Hash& leaf : leaves) {
    auto copy = CompactRange::parse(range.serialize());
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->size(), range.size());
    EXPECT_EQ(copy->root(), range.root());
    copy->append(leaf);
    range.append(leaf);
    EXPECT_EQ(copy->serialize(), range.serialize());
  }
}

TEST(CompactRange, ParseRejectsMalformedText) {
  CompactRange range;
  for (const Hash& leaf : make_leaves(3)) range.append(leaf);
  std::string good = range.serialize();
  ASSERT_TRUE(CompactRange::parse(good));
  EXPECT_FALSE(CompactRange::parse(""));
  EXPECT_FALSE(CompactRange::parse("x"));
  EXPECT_FALSE(CompactRange::parse("1"));                   // one leaf needs one hash
  EXPECT_FALSE(CompactRange::parse("2" + good.substr(1)));  // two leaves need one hash
  EXPECT_FALSE(CompactRange::parse(good + ":"));
  EXPECT_FALSE(CompactRange::parse(good.substr(0, good.size() - 1)));
  EXPECT_FALSE(CompactRange::parse("-1"));
  EXPECT_FALSE(CompactRange::parse("0:"));
}

}  // namespace
}  // namespace zhifa::ledger
