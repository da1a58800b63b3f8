#include "ledger/merkle.hpp"

#include <bit>
#include <charconv>
#include <stdexcept>

namespace zhifa::ledger {
namespace merkle {
namespace {

constexpr char kLeafPrefix = 0x00;
constexpr char kNodePrefix = 0x01;

std::string_view bytes_of(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

// The largest power of two strictly below n (n >= 2): where RFC 9162 splits a tree of n leaves.
std::size_t split_point(std::size_t n) { return std::bit_floor(n - 1); }

void audit_path(std::uint64_t index, std::span<const Hash> leaves, std::vector<Hash>& out) {
  if (leaves.size() <= 1) return;
  std::size_t k = split_point(leaves.size());
  if (index < k) {
    audit_path(index, leaves.first(k), out);
    out.push_back(root(leaves.subspan(k)));
  } else {
    audit_path(index - k, leaves.subspan(k), out);
    out.push_back(root(leaves.first(k)));
  }
}

// Whether the verifier already holds the root of the subtree being proved (RFC 9162's flag b).
enum class OldRoot { kKnown, kInclude };

void subproof(std::uint64_t m, std::span<const Hash> leaves, OldRoot old_root,
              std::vector<Hash>& out) {
  if (m == leaves.size()) {
    if (old_root == OldRoot::kInclude) out.push_back(root(leaves));
    return;
  }
  std::size_t k = split_point(leaves.size());
  if (m <= k) {
    subproof(m, leaves.first(k), old_root, out);
    out.push_back(root(leaves.subspan(k)));
  } else {
    subproof(m - k, leaves.subspan(k), OldRoot::kInclude, out);
    out.push_back(root(leaves.first(k)));
  }
}

// Shifts fn and sn right together until fn is odd or zero (RFC 9162 §2.1.3.2 step 4.b.ii).
void shift_while_even(std::uint64_t& fn, std::uint64_t& sn) {
  while (fn != 0 && (fn & 1) == 0) {
    fn >>= 1;
    sn >>= 1;
  }
}

}  // namespace

Hash leaf_hash(std::string_view data) {
  sm::Sm3 h;
  h.update(std::string_view(&kLeafPrefix, 1));
  h.update(data);
  return h.final();
}

Hash node_hash(const Hash& left, const Hash& right) {
  sm::Sm3 h;
  h.update(std::string_view(&kNodePrefix, 1));
  h.update(bytes_of(left));
  h.update(bytes_of(right));
  return h.final();
}

Hash empty_root() { return sm::sm3(""); }

Hash root(std::span<const Hash> leaves) {
  if (leaves.empty()) return empty_root();
  if (leaves.size() == 1) return leaves[0];
  std::size_t k = split_point(leaves.size());
  return node_hash(root(leaves.first(k)), root(leaves.subspan(k)));
}

std::vector<Hash> inclusion_proof(std::uint64_t index, std::uint64_t size,
                                  std::span<const Hash> leaves) {
  if (index >= size || size > leaves.size()) {
    throw std::invalid_argument("inclusion_proof: need index < size <= number of leaves");
  }
  std::vector<Hash> out;
  audit_path(index, leaves.first(size), out);
  return out;
}

bool verify_inclusion(std::uint64_t index, std::uint64_t size, const Hash& leaf,
                      std::span<const Hash> proof, const Hash& root) {
  if (index >= size) return false;
  std::uint64_t fn = index;
  std::uint64_t sn = size - 1;
  Hash r = leaf;
  for (const Hash& p : proof) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = node_hash(p, r);
      shift_while_even(fn, sn);
    } else {
      r = node_hash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

std::vector<Hash> consistency_proof(std::uint64_t m, std::uint64_t n,
                                    std::span<const Hash> leaves) {
  if (m == 0 || m > n || n > leaves.size()) {
    throw std::invalid_argument("consistency_proof: need 0 < m <= n <= number of leaves");
  }
  std::vector<Hash> out;
  subproof(m, leaves.first(n), OldRoot::kKnown, out);
  return out;
}

bool verify_consistency(std::uint64_t m, std::uint64_t n, const Hash& root_m, const Hash& root_n,
                        std::span<const Hash> proof) {
  if (m == 0 || m > n) return false;
  if (m == n) return proof.empty() && root_m == root_n;
  if (proof.empty()) return false;
  std::vector<Hash> path;
  if (std::has_single_bit(m)) path.push_back(root_m);
  path.insert(path.end(), proof.begin(), proof.end());
  std::uint64_t fn = m - 1;
  std::uint64_t sn = n - 1;
  while ((fn & 1) == 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0];
  Hash sr = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    const Hash& c = path[i];
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      fr = node_hash(c, fr);
      sr = node_hash(c, sr);
      shift_while_even(fn, sn);
    } else {
      sr = node_hash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == root_m && sr == root_n && sn == 0;
}

}  // namespace merkle

void CompactRange::append(const Hash& leaf) {
  Hash h = leaf;
  for (std::uint64_t s = size_; (s & 1) == 1; s >>= 1) {
    h = merkle::node_hash(peaks_.back(), h);
    peaks_.pop_back();
  }
  peaks_.push_back(h);
  ++size_;
}

Hash CompactRange::root() const {
  if (peaks_.empty()) return merkle::empty_root();
  Hash h = peaks_.back();
  for (std::size_t i = peaks_.size() - 1; i-- > 0;) h = merkle::node_hash(peaks_[i], h);
  return h;
}

std::string CompactRange::serialize() const {
  std::string out = std::to_string(size_);
  for (const Hash& h : peaks_) out += ":" + sm::to_hex(h);
  return out;
}

std::optional<CompactRange> CompactRange::parse(std::string_view text) {
  CompactRange range;
  std::size_t colon = std::min(text.find(':'), text.size());
  std::string_view size_text = text.substr(0, colon);
  auto [end, ec] = std::from_chars(size_text.begin(), size_text.end(), range.size_);
  if (ec != std::errc() || end != size_text.end() || size_text.empty()) return std::nullopt;
  for (std::size_t pos = colon; pos < text.size();) {
    std::size_t next = std::min(text.find(':', pos + 1), text.size());
    auto h = sm::digest_from_hex(text.substr(pos + 1, next - pos - 1));
    if (!h) return std::nullopt;
    range.peaks_.push_back(*h);
    pos = next;
  }
  if (range.peaks_.size() != static_cast<std::size_t>(std::popcount(range.size_))) {
    return std::nullopt;
  }
  return range;
}

}  // namespace zhifa::ledger
