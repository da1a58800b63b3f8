// Internal to src/ledger: how the ledger's rows are read, shared by ledger.cpp, checkpoint.cpp and
// verify.cpp. Values are kept as stored (hex text), because verify() must judge rows that may have
// been edited by hand; the other readers convert with hash_column(), which raises on garbage.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/db.hpp"
#include "ledger/ledger.hpp"

namespace zhifa::ledger::detail {

inline constexpr std::string_view kEventColumns =
    "seq, at, actor_id, actor_name, org_id, entity, entity_id, action, payload, payload_digest, "
    "leaf_hash, root";

struct EventRow {
  std::int64_t seq = 0;
  Event event;  // payload left empty: payload_text stands for it
  std::string payload_text;
  std::string payload_digest;
  std::string leaf_hash;
  std::string root;
};

// Reads a row selected with kEventColumns.
EventRow event_row(const db::Row& row);

struct CheckpointRow {
  std::int64_t size = 0;
  std::string root;
  std::int64_t at = 0;
  std::string signature;
  std::string key_id;
};

// tail: what follows "SELECT ... FROM ledger_checkpoints", e.g. "ORDER BY size".
std::vector<CheckpointRow> read_checkpoints(db::Tx& tx, std::string_view tail,
                                            const db::Params& params = {});

// The stored tree state; nullopt when the ledger has never been written. Raises "ledger.corrupt"
// when the frontier does not parse or disagrees with the size.
std::optional<CompactRange> read_state(db::Tx& tx);

// A stored hash; raises ErrorException "ledger.corrupt" when it is not 64 hex characters.
Hash hash_column(const std::string& hex, std::string_view what);

[[noreturn]] void raise_corrupt(std::string_view what_en);

}  // namespace zhifa::ledger::detail
