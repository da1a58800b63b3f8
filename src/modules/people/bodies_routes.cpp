#include "http/download.hpp"
#include "http/input.hpp"
#include "modules/people/bodies.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Access;
using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;
using people::route;

namespace {

people::BodyFilter body_filter(const http::Request& req, int default_year) {
  people::BodyFilter f;
  f.org_id = http::query_id(req, "org_id");
  f.q = http::query_text(req, "q", "名称或编码", 50);
  f.kind = http::query_enum(req, "kind", "主体性质", {"organ", "authorised", "entrusted"});
  f.status = http::query_enum(req, "status", "状态", {"active", "suspended", "revoked"});
  f.field = http::query_text(req, "field", "执法领域", 30);
  f.confirmed = http::query_bool(req, "confirmed");
  f.year = http::query_year(req).value_or(default_year);
  return f;
}

}  // namespace

void register_body_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<people::BodyService>(env);
  const std::string tag = "执法主体 bodies";
  router.add(route("GET", "/api/bodies", tag, "执法主体列表(可导出 Excel)", "people:body:list",
                   {"org_id", "q", "kind", "status", "field", "confirmed", "year", "page",
                    "page_size", "format"},
                   [svc](Context& ctx) {
                     auto f = body_filter(ctx.req, svc->current_year());
                     if (http::wants_xlsx(ctx.req)) {
                       auto [cols, rows] = svc->export_rows(ctx.caller(), f);
                       return http::xlsx_download("执法主体", cols, rows);
                     }
                     auto page = http::page_of(ctx.req);
                     return Response::json_body(svc->list(ctx.caller(), f, page.page, page.size));
                   }));
  router.add(route(
      "GET", "/api/bodies/{id}", tag, "执法主体详情", "people:body:list", {}, [svc](Context& ctx) {
        return http::render(svc->get(ctx.caller(), http::parse_id(ctx.req.params["id"], "id")),
                            ctx.req);
      }));
  router.add(route(
      "PUT", "/api/bodies/{id}", tag, "登记或修改执法主体(性质、职权依据、领域、状态)",
      "people:body:manage",
      people::object_schema(
          {{"kind", {{"type", "string"}, {"enum", {"organ", "authorised", "entrusted"}}}},
           {"legal_basis", {{"type", "string"}, {"maxLength", 500}}},
           {"fields", people::kFieldsSchema},
           {"credit_code", {{"type", "string"}, {"maxLength", 18}}},
           {"status", {{"type", "string"}, {"enum", {"active", "suspended", "revoked"}}}}},
          {"kind", "legal_basis", "fields", "status"}),
      "body.update", [svc](Context& ctx) {
        Input in(ctx.req.body, {"kind", "legal_basis", "fields", "credit_code", "status"});
        people::BodyUpdate u;
        u.kind = in.required_string("kind", "主体性质", 20);
        u.legal_basis = in.optional_string("legal_basis", "职权依据", 500).value_or("");
        u.fields = in.string_list("fields", "执法领域", 20, 30);
        u.credit_code = in.optional_string("credit_code", "统一社会信用代码", 18);
        u.status = in.required_string("status", "状态", 20);
        return http::render(
            svc->update(ctx.caller(), http::parse_id(ctx.req.params["id"], "id"), u), ctx.req);
      }));
  router.add(route(
      "GET", "/api/body-confirmations/{year}/announcement.pdf", tag, "主体资格确认公告(PDF)",
      "people:body:list", {}, [svc](Context& ctx) {
        auto year = http::parse_id(ctx.req.params["year"], "year");
        if (year < 2000 || year > 2199) {
          raise(Error::invalid("input.invalid", "年度超出范围", "year out of range", "year"));
        }
        auto pdf = svc->announcement_pdf(ctx.caller(), static_cast<int>(year));
        if (!pdf) return http::problem(pdf.error(), ctx.req.request_id);
        return http::file_download(std::move(*pdf), "application/pdf",
                                   std::to_string(year) + "年度行政执法主体资格确认公告.pdf", true);
      }));
  router.add(people::public_route(
      "GET", "/public/api/bodies", "行政执法专栏 portal", "主体资格确认公告:当年确认的执法主体",
      {"year", "q", "county", "page", "page_size"}, [svc](Context& ctx) {
        auto page = http::page_of(ctx.req);
        return Response::json_body(svc->public_list(
            http::query_year(ctx.req), http::query_text(ctx.req, "q", "名称", 50),
            http::query_text(ctx.req, "county", "县(市、区)代码", 20), page.page, page.size));
      }));
}

}  // namespace zhifa::modules
