// Events: canonical bytes, append, reads, proofs and their JSON. Checkpoints and the signer are in
// checkpoint.cpp, the replay in verify.cpp.
#include "ledger/ledger.hpp"

#include <bit>

#include <fmt/format.h>

#include <limits>
#include <stdexcept>

#include "ledger/rows.hpp"

namespace zhifa::ledger {
namespace {

// Any number; it only has to be the same for every instance (migrations use 7236001).
constexpr std::int64_t kLedgerLockKey = 7236002;
constexpr std::uint8_t kFormatVersion = 1;

void put_u8(std::string& out, std::uint8_t v) { out.push_back(static_cast<char>(v)); }

void put_i64(std::string& out, std::int64_t v) {
  auto u = static_cast<std::uint64_t>(v);
  for (int shift = 56; shift >= 0; shift -= 8) put_u8(out, static_cast<std::uint8_t>(u >> shift));
}

void put_optional(std::string& out, const std::optional<std::int64_t>& v) {
  put_u8(out, v ? 1 : 0);
  if (v) put_i64(out, *v);
}

void put_string(std::string& out, std::string_view s) {
  if (s.size() > std::numeric_limits<std::uint32_t>::max()) {
    throw std::invalid_argument("ledger event field longer than 4 GiB");
  }
  auto n = static_cast<std::uint32_t>(s.size());
  for (int shift = 24; shift >= 0; shift -= 8) put_u8(out, static_cast<std::uint8_t>(n >> shift));
  out.append(s);
}

void lock_ledger(db::Tx& tx) {
  if (tx.dialect() == db::Dialect::kPostgres) {
    tx.query("SELECT pg_advisory_xact_lock(?)", {kLedgerLockKey});
  }
}

CompactRange state_for_append(db::Tx& tx) {
  if (auto range = detail::read_state(tx)) return *range;
  tx.exec("INSERT INTO ledger_state (id, size, frontier) VALUES (1, 0, ?)",
          {CompactRange().serialize()});
  return CompactRange();
}

void insert_event(db::Tx& tx, std::int64_t seq, const Event& e, const std::string& payload,
                  const Hash& digest, const Hash& leaf, const Hash& root) {
  tx.exec(
      "INSERT INTO ledger_events (seq, at, actor_id, actor_name, org_id, entity, entity_id, "
      "action, payload, payload_digest, leaf_hash, root) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
      "?)",
      {seq, e.at_ms, e.actor_id, e.actor_name, e.org_id, e.entity, e.entity_id, e.action, payload,
       sm::to_hex(digest), sm::to_hex(leaf), sm::to_hex(root)});
}

StoredEvent stored_event(const db::Row& row) {
  detail::EventRow r = detail::event_row(row);
  StoredEvent out;
  out.seq = r.seq;
  out.event = std::move(r.event);
  out.event.payload = nlohmann::json::parse(r.payload_text, nullptr, false);
  if (out.event.payload.is_discarded()) out.event.payload = r.payload_text;
  out.payload_text = std::move(r.payload_text);
  out.payload_digest = detail::hash_column(r.payload_digest, "ledger_events.payload_digest");
  out.leaf_hash = detail::hash_column(r.leaf_hash, "ledger_events.leaf_hash");
  out.root = detail::hash_column(r.root, "ledger_events.root");
  return out;
}

// Leaf hashes of events 1..tree_size, checked to be complete.
std::vector<Hash> read_leaves(db::Tx& tx, std::int64_t tree_size) {
  db::Rows rows =
      tx.query("SELECT seq, leaf_hash FROM ledger_events WHERE seq <= ? ORDER BY seq", {tree_size});
  std::vector<Hash> leaves;
  leaves.reserve(rows.size());
  for (db::Row row : rows) {
    if (row.i64(0) != static_cast<std::int64_t>(leaves.size()) + 1) {
      detail::raise_corrupt(fmt::format("event {} is missing", leaves.size() + 1));
    }
    leaves.push_back(detail::hash_column(row.str(1), "ledger_events.leaf_hash"));
  }
  if (static_cast<std::int64_t>(leaves.size()) != tree_size) {
    detail::raise_corrupt(fmt::format("event {} is missing", leaves.size() + 1));
  }
  return leaves;
}

Error size_out_of_range(std::string_view field, std::int64_t value, std::int64_t n) {
  return Error::invalid(
      "ledger.out_of_range", fmt::format("树大小 {} 超出范围:账本现有 {} 条事件", value, n),
      fmt::format("tree size {} is out of range: the ledger has {} events", value, n),
      std::string(field));
}

Error seq_out_of_range(std::string_view field, std::int64_t value, std::int64_t max) {
  return Error::invalid("ledger.out_of_range",
                        fmt::format("序号 {} 超出范围,应在 1 到 {} 之间", value, max),
                        fmt::format("{} {} is out of range: expected 1 to {}", field, value, max),
                        std::string(field));
}

nlohmann::json hex_list(const std::vector<Hash>& hashes) {
  nlohmann::json out = nlohmann::json::array();
  for (const Hash& h : hashes) out.push_back(sm::to_hex(h));
  return out;
}

nlohmann::json optional_json(const std::optional<std::int64_t>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

Hash payload_digest(const nlohmann::json& payload) { return sm::sm3(payload.dump()); }

std::string canonical_event(std::int64_t seq, const Event& event, const Hash& payload_digest) {
  std::string out;
  put_u8(out, kFormatVersion);
  put_i64(out, seq);
  put_i64(out, event.at_ms);
  put_optional(out, event.actor_id);
  put_string(out, event.actor_name);
  put_optional(out, event.org_id);
  put_string(out, event.entity);
  put_string(out, event.entity_id);
  put_string(out, event.action);
  out.append(reinterpret_cast<const char*>(payload_digest.data()), payload_digest.size());
  return out;
}

Hash event_leaf_hash(std::int64_t seq, const Event& event, const Hash& payload_digest) {
  return merkle::leaf_hash(canonical_event(seq, event, payload_digest));
}

std::int64_t append(db::Tx& tx, const Event& event) {
  lock_ledger(tx);
  CompactRange range = state_for_append(tx);
  auto seq = static_cast<std::int64_t>(range.size()) + 1;
  std::string payload = event.payload.dump();
  Hash digest = sm::sm3(payload);
  Hash leaf = event_leaf_hash(seq, event, digest);
  range.append(leaf);
  insert_event(tx, seq, event, payload, digest, leaf, range.root());
  tx.exec("UPDATE ledger_state SET size = ?, frontier = ? WHERE id = 1", {seq, range.serialize()});
  return seq;
}

Batch::Batch(db::Tx& tx) : tx_(tx) {
  lock_ledger(tx_);
  range_ = state_for_append(tx_);
  rows_ = std::make_unique<db::BulkInsert>(
      tx_, "ledger_events",
      std::vector<std::string>{"seq", "at", "actor_id", "actor_name", "org_id", "entity",
                               "entity_id", "action", "payload", "payload_digest", "leaf_hash",
                               "root"});
}

std::int64_t Batch::append(const Event& event) {
  auto seq = static_cast<std::int64_t>(range_.size()) + 1;
  std::string payload = event.payload.dump();
  Hash digest = sm::sm3(payload);
  Hash leaf = event_leaf_hash(seq, event, digest);
  range_.append(leaf);
  rows_->add({seq, event.at_ms, event.actor_id, event.actor_name, event.org_id, event.entity,
              event.entity_id, event.action, payload, sm::to_hex(digest), sm::to_hex(leaf),
              sm::to_hex(range_.root())});
  return seq;
}

void Batch::finish() {
  rows_->flush();
  tx_.exec("UPDATE ledger_state SET size = ?, frontier = ? WHERE id = 1",
           {static_cast<std::int64_t>(range_.size()), range_.serialize()});
}

std::int64_t size(db::Tx& tx) {
  auto range = detail::read_state(tx);
  return range ? static_cast<std::int64_t>(range->size()) : 0;
}

Hash current_root(db::Tx& tx) {
  auto range = detail::read_state(tx);
  return range ? range->root() : merkle::empty_root();
}

Result<StoredEvent> event_at(db::Tx& tx, std::int64_t seq) {
  db::Rows rows = tx.query(
      fmt::format("SELECT {} FROM ledger_events WHERE seq = ?", detail::kEventColumns), {seq});
  if (rows.empty()) return Error::not_found("账本事件", "ledger event");
  return stored_event(rows[0]);
}

std::vector<StoredEvent> events_for(db::Tx& tx, std::string_view entity,
                                    std::string_view entity_id) {
  db::Rows rows = tx.query(fmt::format("SELECT {} FROM ledger_events WHERE entity = ? AND "
                                       "entity_id = ? ORDER BY seq",
                                       detail::kEventColumns),
                           {entity, entity_id});
  std::vector<StoredEvent> out;
  for (db::Row row : rows) out.push_back(stored_event(row));
  return out;
}

Result<InclusionProof> inclusion_proof(db::Tx& tx, std::int64_t seq, std::int64_t tree_size) {
  std::int64_t n = size(tx);
  if (tree_size < 1 || tree_size > n) return size_out_of_range("size", tree_size, n);
  if (seq < 1 || seq > tree_size) return seq_out_of_range("seq", seq, tree_size);
  std::vector<Hash> leaves = read_leaves(tx, tree_size);
  auto index = static_cast<std::uint64_t>(seq - 1);
  return InclusionProof{seq, tree_size, leaves[index],
                        merkle::inclusion_proof(index, leaves.size(), leaves),
                        merkle::root(leaves)};
}

Hash ProofCache::subtree(std::uint64_t begin, std::uint64_t end) {
  std::uint64_t n = end - begin;
  if (n == 1) return leaves_[begin];
  bool complete = (n & (n - 1)) == 0 && n >= 64;
  std::uint64_t key = complete ? (begin << 6) | static_cast<std::uint64_t>(std::countr_zero(n)) : 0;
  if (complete) {
    if (auto it = subtrees_.find(key); it != subtrees_.end()) return it->second;
  }
  std::uint64_t k = std::bit_floor(n - 1);  // the largest power of two below n (RFC 9162 2.1.1)
  Hash h = merkle::node_hash(subtree(begin, begin + k), subtree(begin + k, end));
  if (complete) subtrees_.emplace(key, h);
  return h;
}

void ProofCache::path(std::uint64_t index, std::uint64_t begin, std::uint64_t end,
                      std::vector<Hash>& out) {
  // RFC 9162 2.1.3.1 PATH(m, D[n]), the deepest sibling first.
  std::uint64_t n = end - begin;
  if (n <= 1) return;
  std::uint64_t k = std::bit_floor(n - 1);
  if (index < begin + k) {
    path(index, begin, begin + k, out);
    out.push_back(subtree(begin + k, end));
  } else {
    path(index, begin + k, end, out);
    out.push_back(subtree(begin, begin + k));
  }
}

Result<InclusionProof> ProofCache::inclusion_proof(db::Tx& tx, std::int64_t seq,
                                                   std::int64_t tree_size) {
  std::int64_t n = size(tx);
  if (tree_size < 1 || tree_size > n) return size_out_of_range("size", tree_size, n);
  if (seq < 1 || seq > tree_size) return seq_out_of_range("seq", seq, tree_size);
  std::lock_guard lock(mu_);
  auto have = static_cast<std::int64_t>(leaves_.size());
  if (have < tree_size) {
    db::Rows rows =
        tx.query("SELECT seq, leaf_hash FROM ledger_events WHERE seq > ? AND seq <= ? ORDER BY seq",
                 {have, tree_size});
    for (db::Row row : rows) {
      if (row.i64(0) != static_cast<std::int64_t>(leaves_.size()) + 1) {
        detail::raise_corrupt(fmt::format("event {} is missing", leaves_.size() + 1));
      }
      leaves_.push_back(detail::hash_column(row.str(1), "ledger_events.leaf_hash"));
    }
    if (static_cast<std::int64_t>(leaves_.size()) < tree_size) {
      detail::raise_corrupt(fmt::format("event {} is missing", leaves_.size() + 1));
    }
  }
  auto index = static_cast<std::uint64_t>(seq - 1);
  auto end = static_cast<std::uint64_t>(tree_size);
  InclusionProof p{seq, tree_size, leaves_[index], {}, subtree(0, end)};
  path(index, 0, end, p.path);
  return p;
}

Result<ConsistencyProof> consistency_proof(db::Tx& tx, std::int64_t from, std::int64_t to) {
  std::int64_t n = size(tx);
  if (to < 1 || to > n) return size_out_of_range("to", to, n);
  if (from < 1 || from > to) return seq_out_of_range("from", from, to);
  std::vector<Hash> leaves = read_leaves(tx, to);
  auto m = static_cast<std::uint64_t>(from);
  return ConsistencyProof{from, to, merkle::consistency_proof(m, leaves.size(), leaves),
                          merkle::root(std::span(leaves).first(m)), merkle::root(leaves)};
}

nlohmann::json to_json(const InclusionProof& proof) {
  return {{"seq", proof.seq},
          {"leaf_index", proof.seq - 1},
          {"size", proof.size},
          {"leaf_hash", sm::to_hex(proof.leaf_hash)},
          {"path", hex_list(proof.path)},
          {"root", sm::to_hex(proof.root)}};
}

nlohmann::json to_json(const ConsistencyProof& proof) {
  return {{"from", proof.from},
          {"to", proof.to},
          {"path", hex_list(proof.path)},
          {"root_from", sm::to_hex(proof.root_from)},
          {"root_to", sm::to_hex(proof.root_to)}};
}

nlohmann::json to_json(const StoredEvent& e) {
  return {{"seq", e.seq},
          {"at", e.event.at_ms},
          {"actor_id", optional_json(e.event.actor_id)},
          {"actor_name", e.event.actor_name},
          {"org_id", optional_json(e.event.org_id)},
          {"entity", e.event.entity},
          {"entity_id", e.event.entity_id},
          {"action", e.event.action},
          {"payload", e.event.payload},
          {"payload_text", e.payload_text},
          {"payload_digest", sm::to_hex(e.payload_digest)},
          {"leaf_hash", sm::to_hex(e.leaf_hash)},
          {"root", sm::to_hex(e.root)}};
}

}  // namespace zhifa::ledger
