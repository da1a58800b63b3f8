// The Merkle tree of RFC 9162 (Certificate Transparency v2) with SM3 as the hash. Pure functions
// over values: no database, no clock. The tree functions live in ledger::merkle (merkle::root,
// merkle::inclusion_proof, ...) so they do not read like the ledger's database-backed functions.
//
// A leaf's hash is SM3(0x00 || data), an interior node's SM3(0x01 || left || right), and the root
// of the empty tree SM3(""). Trees of any size are split at the largest power of two below the size
// (RFC 9162 §2.1.1), so a tree's shape depends only on its size. Functions that build proofs take
// the leaf hashes (not the data) and a tree size; only the first `size` leaves are used, so a proof
// for an older tree can be made from a longer list. Leaf indexes are 0-based here (the ledger's seq
// is index + 1). The verify functions follow RFC 9162 §2.1.3.2 and §2.1.4.2 step by step, so an
// outside verifier written from the RFC agrees with them.
//
// CompactRange keeps only the roots of the perfect subtrees that make up a tree of n leaves (one
// per set bit of n, largest first): appending a leaf is O(log n) and so is computing the root, and
// its text form is small enough to store in one row next to the log.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "platform/sm.hpp"

namespace zhifa::ledger {

using Hash = sm::Digest;

namespace merkle {

Hash leaf_hash(std::string_view data);
Hash node_hash(const Hash& left, const Hash& right);
Hash empty_root();

// The root over all the given leaf hashes.
Hash root(std::span<const Hash> leaves);

// Audit path for leaf `index` in the tree of the first `size` leaves, leaf-side first.
// Requires index < size <= leaves.size(); throws std::invalid_argument otherwise.
std::vector<Hash> inclusion_proof(std::uint64_t index, std::uint64_t size,
                                  std::span<const Hash> leaves);
bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf,
                      std::span<const Hash> proof, const Hash& root);

// Proof that the tree of the first m leaves is a prefix of the tree of the first n leaves.
// Requires 0 < m <= n <= leaves.size(); throws std::invalid_argument otherwise. Empty when m == n.
std::vector<Hash> consistency_proof(std::uint64_t m, std::uint64_t n, std::span<const Hash> leaves);
// For m == n the proof must be empty and the roots equal; m == 0 never verifies (nothing to prove).
bool verify_consistency(std::uint64_t m, std::uint64_t n, const Hash& root_m, const Hash& root_n,
                        std::span<const Hash> proof);

}  // namespace merkle

class CompactRange {
 public:
  CompactRange() = default;

  void append(const Hash& leaf);
  std::uint64_t size() const { return size_; }
  Hash root() const;

  // "<size>" followed by ":<hex>" for each subtree root, largest subtree first; "0" when empty.
  std::string serialize() const;
  // nullopt when the text is malformed or the number of hashes does not match the size.
  static std::optional<CompactRange> parse(std::string_view text);

 private:
  std::uint64_t size_ = 0;
  std::vector<Hash> peaks_;  // roots of perfect subtrees, largest (leftmost) first
};

}  // namespace zhifa::ledger
