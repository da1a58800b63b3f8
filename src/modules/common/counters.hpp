// Numbers that must never repeat (certificate numbers, exam tickets): one row per counter,
// incremented inside the caller's transaction, so a rolled-back import leaves no gap in use.
#pragma once

#include <string>

#include "db/db.hpp"

namespace zhifa::modules {

// The next value of counter `name` (1 the first time).
inline std::int64_t next_counter(db::Tx& tx, const std::string& name) {
  return tx.scalar_i64(
      "INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = "
      "counters.value + 1 RETURNING value",
      {name});
}

}  // namespace zhifa::modules
