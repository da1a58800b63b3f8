// The tamper-evident ledger (全过程记录): every change of state appends one event to an append-only
// log whose events are the leaves of an RFC 9162 Merkle tree over SM3 (see merkle.hpp). The tables
// are in migrations/0002_ledger.sql.
//
// append() runs inside the caller's write transaction, so an event is recorded exactly when the
// change it describes commits. Ledger order is total: on PostgreSQL append() first takes a
// transaction-scoped advisory lock, so instances append one at a time; SQLite has one writer
// anyway. Sequence numbers start at 1 and have no gaps; the Merkle leaf index is seq - 1.
//
// Canonical event bytes (what the leaf hash covers), version 1. Integers are big-endian, i64 is
// two's complement 8 bytes, u32 is 4 bytes:
//   u8   0x01                              format version
//   i64  seq
//   i64  at_ms                             epoch milliseconds UTC
//   opt  actor_id                          u8 0x00 when NULL, else u8 0x01 then i64
//   str  actor_name                        u32 byte length, then the UTF-8 bytes
//   opt  org_id
//   str  entity
//   str  entity_id
//   str  action
//   32 bytes payload_digest                raw SM3 of the stored payload text
// leaf_hash = SM3(0x00 || canonical bytes). The payload is stored as nlohmann::json::dump() of the
// payload (compact, object keys sorted, UTF-8 unescaped) and payload_digest = SM3(that text), so an
// outside tool needs only the row's columns to recompute everything.
//
// A checkpoint is an SM2 signature (SM3, default ID "1234567812345678"; `openssl dgst -sm3 -verify
// pub.pem -sigopt distid:1234567812345678` checks it) over the text
//   "zhifa-ledger\n<size>\n<root hex>\n<time ms>\n".
// Proof requests out of range come back as Error values; a corrupt ledger_state or a log whose rows
// cannot back a proof is unexpected and raises ErrorException (code "ledger.corrupt"). verify()
// replays the whole log and names the first problem; run it in a read transaction (a snapshot).
//
// event_at() and events_for() read without a Scope: callers check access to the entity first.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/bulk.hpp"
#include "db/db.hpp"
#include "ledger/merkle.hpp"
#include "platform/error.hpp"

namespace zhifa::ledger {

struct Event {
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> actor_id;  // nullopt: the system
  std::string actor_name;
  std::optional<std::int64_t> org_id;
  std::string entity;     // e.g. "case"
  std::string entity_id;  // e.g. "3201"
  std::string action;     // e.g. "case.filed"
  nlohmann::json payload = nlohmann::json::object();
};

// An event as the log holds it.
struct StoredEvent {
  std::int64_t seq = 0;
  Event event;               // payload parsed from payload_text (a string if that is not JSON)
  std::string payload_text;  // exactly the text payload_digest covers
  Hash payload_digest{};
  Hash leaf_hash{};
  Hash root{};  // tree root over events 1..seq
};

// SM3 of payload.dump().
Hash payload_digest(const nlohmann::json& payload);
// The canonical bytes above. event.payload is not read: payload_digest stands for it.
std::string canonical_event(std::int64_t seq, const Event& event, const Hash& payload_digest);
Hash event_leaf_hash(std::int64_t seq, const Event& event, const Hash& payload_digest);

// Appends event inside tx (which must be a write transaction); returns its seq.
std::int64_t append(db::Tx& tx, const Event& event);

// Many appends in one transaction (a bulk load): the ledger is locked and its state read once, the
// events are written in multi-row inserts, and the rest and the state are written by finish().
// Nothing else may append in `tx` between the batch's construction and finish(); a batch not
// finished must not be committed.
class Batch {
 public:
  explicit Batch(db::Tx& tx);
  std::int64_t append(const Event& event);
  void finish();

 private:
  db::Tx& tx_;
  CompactRange range_;
  std::unique_ptr<db::BulkInsert> rows_;
};

// The current tree size (0 for an empty or never-used ledger) and root.
std::int64_t size(db::Tx& tx);
Hash current_root(db::Tx& tx);

Result<StoredEvent> event_at(db::Tx& tx, std::int64_t seq);
std::vector<StoredEvent> events_for(db::Tx& tx, std::string_view entity,
                                    std::string_view entity_id);

// First 16 hex characters of SM3(public key PEM): names the key a checkpoint was signed with.
std::string key_id_of(std::string_view public_key_pem);

// The SM2 key that signs checkpoints. Every instance of a deployment must use the same key file.
class Signer {
 public:
  // Loads the private key PEM at path; when no file exists there, generates a key and saves it with
  // mode 0600 (creating parent directories). Safe when several processes start at once.
  static Result<Signer> open(const std::filesystem::path& path);
  static Result<Signer> from_pem(std::string private_pem);

  const std::string& public_key_pem() const { return public_pem_; }
  const std::string& key_id() const { return key_id_; }
  // SM2 signature of message, DER as hex.
  std::string sign(std::string_view message) const;

 private:
  Signer(std::string private_pem, std::string public_pem);
  std::string private_pem_;
  std::string public_pem_;
  std::string key_id_;
};

struct Checkpoint {
  std::int64_t size = 0;
  Hash root{};
  std::int64_t time_ms = 0;
  std::string signature;  // hex DER
  std::string key_id;
};

std::string checkpoint_message(std::int64_t size, const Hash& root, std::int64_t time_ms);
bool checkpoint_signature_ok(const Checkpoint& checkpoint, std::string_view public_key_pem);

// Signs the current tree head and stores it, unless a checkpoint for this size exists already, in
// which case that one is returned unchanged. Works on an empty ledger (size 0, root SM3("")).
Checkpoint make_checkpoint(db::Tx& tx, const Signer& signer, std::int64_t now_ms);
std::optional<Checkpoint> latest_checkpoint(db::Tx& tx);

struct InclusionProof {
  std::int64_t seq = 0;
  std::int64_t size = 0;
  Hash leaf_hash{};
  std::vector<Hash> path;
  Hash root{};  // root of the tree of `size` events
};

// Inclusion proofs for a long-running reader that answers many of them (the public portal):
// keeps the leaf hashes read so far and the hashes of complete subtrees of 64 leaves or more —
// in an append-only log neither ever changes — so a proof reads only the events appended since
// the last one and hashes a few partial ranges instead of the whole log. One per database; safe
// to share between threads.
class ProofCache {
 public:
  Result<InclusionProof> inclusion_proof(db::Tx& tx, std::int64_t seq, std::int64_t tree_size);

 private:
  Hash subtree(std::uint64_t begin, std::uint64_t end);
  void path(std::uint64_t index, std::uint64_t begin, std::uint64_t end, std::vector<Hash>& out);
  std::mutex mu_;
  std::vector<Hash> leaves_;
  std::unordered_map<std::uint64_t, Hash> subtrees_;  // (begin << 6) | log2(size)
};

struct ConsistencyProof {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::vector<Hash> path;
  Hash root_from{};
  Hash root_to{};
};

// Proof that event seq is in the tree of the first tree_size events
// (1 <= seq <= tree_size <= size(tx)). Clients usually ask for the size of a checkpoint they hold.
Result<InclusionProof> inclusion_proof(db::Tx& tx, std::int64_t seq, std::int64_t tree_size);
// Proof that the tree of `from` events is a prefix of the tree of `to` (1 <= from <= to <=
// size(tx)).
Result<ConsistencyProof> consistency_proof(db::Tx& tx, std::int64_t from, std::int64_t to);

struct VerifyReport {
  bool ok = true;
  std::int64_t events_checked = 0;       // events found sound before the first problem
  std::int64_t checkpoints_checked = 0;  // checkpoints found sound before the first problem
  // The first problem, when !ok:
  std::int64_t seq = 0;                         // the event concerned; 0 when not one event
  std::optional<std::int64_t> checkpoint_size;  // set when the problem is a checkpoint
  std::string code;  // "gap", "payload_digest", "leaf_hash", "root", "state", "checkpoint_root",
                     // "checkpoint_signature", "checkpoint_beyond_end"
  std::string problem_zh;
  std::string problem_en;
};

// Replays every event in seq order and every checkpoint against the recomputed tree.
VerifyReport verify(db::Tx& tx, const std::string& public_key_pem);

// JSON for the HTTP API; hashes and signatures as lower-case hex.
// {size, root, time, signature, key_id, public_key}
nlohmann::json to_json(const Checkpoint& checkpoint, std::string_view public_key_pem);
// {seq, leaf_index, size, leaf_hash, path, root}
nlohmann::json to_json(const InclusionProof& proof);
// {from, to, path, root_from, root_to}
nlohmann::json to_json(const ConsistencyProof& proof);
// {seq, at, actor_id, actor_name, org_id, entity, entity_id, action, payload, payload_text,
//  payload_digest, leaf_hash, root}
nlohmann::json to_json(const StoredEvent& event);

}  // namespace zhifa::ledger
