// HTTP face of the ledger: the event list (scoped by the event's org), signed checkpoints and the
// inclusion and consistency proofs anyone can check with their own SM3 implementation.
#include "http/input.hpp"
#include "ledger/ledger.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Response;
using nlohmann::json;

json list_events(db::Tx& tx, const domain::Scope& scope, const std::optional<std::string>& entity,
                 std::int64_t limit, std::int64_t offset) {
  auto cond = org_scope(scope, "o", "e.actor_id");
  std::string where = " WHERE " + cond.sql;
  db::Params params = cond.params;
  if (entity && !entity->empty()) {
    where += " AND e.entity = ?";
    params.emplace_back(*entity);
  }
  std::string from = " FROM ledger_events e LEFT JOIN orgs o ON o.id = e.org_id";
  std::int64_t total = 0;
  json items = json::array();
  for (auto r :
       fetch_page(tx,
                  "SELECT e.seq, e.at, e.actor_name, e.org_id, e.entity, e.entity_id, e.action, "
                  "e.payload_digest, e.leaf_hash, o.name",
                  from + where, " ORDER BY e.seq DESC", params, limit, offset, total)) {
    items.push_back({{"seq", r.i64(0)},
                     {"at", r.i64(1)},
                     {"actor", r.str(2)},
                     {"org_id", r.is_null(3) ? json(nullptr) : json(r.i64(3))},
                     {"entity", r.str(4)},
                     {"entity_id", r.str(5)},
                     {"action", r.str(6)},
                     {"digest", r.str(7)},
                     {"leaf_hash", r.str(8)},
                     {"org_name", r.str(9)}});
  }
  return {{"items", items}, {"total", total}};
}

std::int64_t int_param(const http::Request& req, const std::string& name, std::int64_t fallback) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return fallback;
  return http::parse_id(*v, name);
}

}  // namespace

void register_ledger_routes(http::Router& router, app::Env& env) {
  const std::string tag = "可信账本 ledger";
  router.add({"GET",
              "/api/ledger/events",
              tag,
              "账本事件",
              Access::kSignedIn,
              "ledger:event:list",
              "",
              nullptr,
              {"entity", "page", "page_size"},
              [&env](Context& ctx) {
                std::optional<std::string> entity;
                if (auto e = ctx.req.query_param("entity"))
                  entity = http::checked_text(*e, "entity", "对象类型", 32);
                auto page = http::page_of(ctx.req);
                auto tx = env.db->read();
                return Response::json_body(
                    list_events(*tx, ctx.caller(), entity, page.size, page.offset()));
              }});
  router.add({"GET",
              "/api/ledger/events/{seq}",
              tag,
              "单个账本事件(含原始载荷,可自行重算叶哈希)",
              Access::kSignedIn,
              "ledger:event:list",
              "",
              nullptr,
              {},
              [&env](Context& ctx) {
                auto seq = http::parse_id(ctx.req.params["seq"], "seq");
                auto tx = env.db->read();
                // The same scope as the list: the event's org, or the caller's own events.
                auto cond = org_scope(ctx.caller(), "o", "e.actor_id");
                db::Params params = cond.params;
                params.emplace_back(seq);
                if (tx->query("SELECT 1 FROM ledger_events e LEFT JOIN orgs o ON o.id = "
                              "e.org_id WHERE " +
                                  cond.sql + " AND e.seq = ?",
                              params)
                        .empty()) {
                  return http::problem(Error::not_found("账本事件", "ledger event"),
                                       ctx.req.request_id);
                }
                auto e = ledger::event_at(*tx, seq);
                if (!e) return http::problem(e.error(), ctx.req.request_id);
                return Response::json_body(ledger::to_json(*e));
              }});
  router.add({"GET",
              "/api/ledger/checkpoint",
              tag,
              "最新签名检查点(树大小、根哈希、SM2 签名)",
              Access::kSignedIn,
              "",
              "",
              nullptr,
              {},
              [&env](Context& ctx) {
                auto cp = db::with_write(*env.db, [&](db::Tx& tx) {
                  return ledger::make_checkpoint(tx, *env.signer, ctx.now_ms);
                });
                return Response::json_body(ledger::to_json(cp, env.signer->public_key_pem()));
              }});
  router.add(
      {"GET",
       "/api/ledger/proof/inclusion",
       tag,
       "包含证明(某事件在账本中)",
       Access::kSignedIn,
       "",
       "",
       nullptr,
       {"seq", "size"},
       [&env](Context& ctx) {
         auto tx = env.db->read();
         std::int64_t seq = int_param(ctx.req, "seq", 0);
         if (seq == 0)
           raise(Error::invalid("input.invalid", "缺少事件序号 seq", "seq is required", "seq"));
         std::int64_t size = int_param(ctx.req, "size", ledger::size(*tx));
         auto p = ledger::inclusion_proof(*tx, seq, size);
         if (!p) return http::problem(p.error(), ctx.req.request_id);
         return Response::json_body(ledger::to_json(*p));
       }});
  router.add(
      {"GET",
       "/api/ledger/proof/consistency",
       tag,
       "一致性证明(账本只增不改)",
       Access::kSignedIn,
       "",
       "",
       nullptr,
       {"from", "to"},
       [&env](Context& ctx) {
         auto tx = env.db->read();
         std::int64_t from = int_param(ctx.req, "from", 0);
         if (from == 0)
           raise(Error::invalid("input.invalid", "缺少起始大小 from", "from is required", "from"));
         std::int64_t to = int_param(ctx.req, "to", ledger::size(*tx));
         auto p = ledger::consistency_proof(*tx, from, to);
         if (!p) return http::problem(p.error(), ctx.req.request_id);
         return Response::json_body(ledger::to_json(*p));
       }});
}

}  // namespace zhifa::modules
