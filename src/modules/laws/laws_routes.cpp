#include "http/input.hpp"
#include "modules/laws/laws.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Response;
using people::route;

void register_law_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<laws::LawService>(env);
  const std::string tag = "法律法规库 laws";
  router.add(route("GET", "/api/laws", tag, "法律法规列表", "catalogue:law:list", {"q", "field"},
                   [svc](Context& ctx) {
                     return Response::json_body(
                         svc->list(http::query_text(ctx.req, "q", "名称", 50),
                                   http::query_text(ctx.req, "field", "执法领域", 30)));
                   }));
  router.add(route("GET", "/api/laws/{id}", tag, "法律法规全文(按条)", "catalogue:law:list", {},
                   [svc](Context& ctx) {
                     return http::render(svc->get(http::parse_id(ctx.req.params["id"], "id")),
                                         ctx.req);
                   }));
  router.add(route(
      "GET", "/api/law-articles", tag, "条文检索", "catalogue:law:list",
      {"q", "law_id", "page", "page_size"}, [svc](Context& ctx) {
        auto q = http::query_text(ctx.req, "q", "关键词", 50);
        if (!q) {
          raise(Error::invalid("input.required", "请输入要检索的关键词", "q is required", "q"));
        }
        auto page = http::page_of(ctx.req);
        return Response::json_body(
            svc->search_articles(*q, http::query_id(ctx.req, "law_id"), page.page, page.size));
      }));
}

}  // namespace zhifa::modules
