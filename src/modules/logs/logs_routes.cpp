#include "http/input.hpp"
#include "modules/logs/logs_repo.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Response;
using nlohmann::json;

logs::LogFilter read_filter(const http::Request& req, const char* result_name) {
  logs::LogFilter f;
  f.username = http::query_text(req, "username", "用户名", 32);
  f.result = http::query_text(req, result_name, "类型", 50);
  f.from_ms = http::query_id(req, "from");
  f.to_ms = http::query_id(req, "to");
  return f;
}

}  // namespace

void register_log_routes(http::Router& router, app::Env& env) {
  const std::string tag = "日志 logs";
  router.add({"GET",
              "/api/logs/login",
              tag,
              "登录日志",
              Access::kSignedIn,
              "log:login:list",
              "",
              nullptr,
              {"username", "result", "from", "to", "page", "page_size"},
              [&env](Context& ctx) {
                auto f = read_filter(ctx.req, "result");
                auto page = http::page_of(ctx.req);
                auto tx = env.db->read();
                std::int64_t total = 0;
                json items = json::array();
                for (auto r :
                     logs::login_logs(*tx, ctx.caller(), f, page.size, page.offset(), total)) {
                  items.push_back({{"id", r.i64(0)},
                                   {"username", r.str(1)},
                                   {"ip", r.str(2)},
                                   {"user_agent", r.str(3)},
                                   {"result", r.str(4)},
                                   {"message", r.str(5)},
                                   {"at", r.i64(6)}});
                }
                return Response::json_body({{"items", items}, {"total", total}});
              }});
  router.add({"GET",
              "/api/logs/operations",
              tag,
              "操作日志",
              Access::kSignedIn,
              "log:operation:list",
              "",
              nullptr,
              {"username", "action", "from", "to", "page", "page_size"},
              [&env](Context& ctx) {
                auto f = read_filter(ctx.req, "action");
                auto page = http::page_of(ctx.req);
                auto tx = env.db->read();
                std::int64_t total = 0;
                json items = json::array();
                for (auto r :
                     logs::operation_logs(*tx, ctx.caller(), f, page.size, page.offset(), total)) {
                  items.push_back({{"id", r.i64(0)},
                                   {"username", r.str(1)},
                                   {"method", r.str(2)},
                                   {"path", r.str(3)},
                                   {"action", r.str(4)},
                                   {"status", r.i64(5)},
                                   {"duration_ms", r.i64(6)},
                                   {"request_id", r.str(7)},
                                   {"at", r.i64(8)}});
                }
                return Response::json_body({{"items", items}, {"total", total}});
              }});
}

}  // namespace zhifa::modules
