// Appends the ledger event for a change of state, inside the use case's write transaction.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "db/db.hpp"
#include "domain/access.hpp"

namespace zhifa::modules {

// actor: the caller (nullptr: the system). Returns the event's seq.
std::int64_t record(db::Tx& tx, const domain::Scope* actor, std::int64_t now_ms,
                    std::optional<std::int64_t> org_id, std::string entity, std::string entity_id,
                    std::string action, nlohmann::json payload);

}  // namespace zhifa::modules
