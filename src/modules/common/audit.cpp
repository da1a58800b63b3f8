#include "modules/common/audit.hpp"

#include "ledger/ledger.hpp"

namespace zhifa::modules {

std::int64_t record(db::Tx& tx, const domain::Scope* actor, std::int64_t now_ms,
                    std::optional<std::int64_t> org_id, std::string entity, std::string entity_id,
                    std::string action, nlohmann::json payload) {
  ledger::Event e;
  e.at_ms = now_ms;
  if (actor) {
    e.actor_id = actor->user_id;
    e.actor_name = actor->username;
  } else {
    e.actor_name = "system";
  }
  e.org_id = org_id;
  e.entity = std::move(entity);
  e.entity_id = std::move(entity_id);
  e.action = std::move(action);
  e.payload = std::move(payload);
  return ledger::append(tx, e);
}

}  // namespace zhifa::modules
