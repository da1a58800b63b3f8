#include "http/download.hpp"
#include "http/input.hpp"
#include "modules/people/people_service.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {
namespace {

using http::Access;
using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;

json object_schema(json properties, json required) {
  return {{"type", "object"},
          {"properties", properties},
          {"required", required},
          {"additionalProperties", false}};
}

const json kFieldsSchema = {{"type", "array"}, {"items", {{"type", "string"}}}};

}  // namespace

void register_people_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<people::PeopleService>(env);
  const std::string tag = "人员 people";
  router.add({"GET",
              "/api/officers",
              tag,
              "执法人员列表(按数据权限)",
              Access::kSignedIn,
              "people:officer:list",
              "",
              nullptr,
              {"org_id", "q", "field", "cert_state", "legal_reviewer", "status", "page",
               "page_size", "format"},
              [svc](Context& ctx) {
                people::OfficerFilter f;
                auto org_id = http::query_id(ctx.req, "org_id");
                f.q = http::query_text(ctx.req, "q", "姓名", 50);
                f.field = http::query_text(ctx.req, "field", "执法领域", 30);
                f.cert_state =
                    http::query_enum(ctx.req, "cert_state", "执法证状态",
                                     {"none", "applied", "exam_passed", "exam_failed", "issued",
                                      "suspended", "revoked", "cancelled", "expired"});
                f.legal_reviewer = http::query_bool(ctx.req, "legal_reviewer");
                f.status = http::query_enum(ctx.req, "status", "在岗状态", {"active", "left"});
                if (http::wants_xlsx(ctx.req)) {
                  auto [cols, rows] = svc->export_officers(ctx.caller(), org_id, f);
                  return http::xlsx_download("执法人员", cols, rows);
                }
                auto page = http::page_of(ctx.req);
                return Response::json_body(
                    svc->list_officers(ctx.caller(), org_id, f, page.page, page.size));
              }});
  router.add(
      {"POST",
       "/api/officers",
       tag,
       "登记执法人员",
       Access::kSignedIn,
       "people:officer:create",
       "officer.create",
       object_schema({{"name", {{"type", "string"}, {"maxLength", 30}}},
                      {"id_number", {{"type", "string"}, {"minLength", 18}, {"maxLength", 18}}},
                      {"org_id", {{"type", "integer"}}},
                      {"post", {{"type", "string"}, {"maxLength", 50}}},
                      {"fields", kFieldsSchema},
                      {"legal_qualified", {{"type", "boolean"}}}},
                     {"name", "id_number", "org_id", "fields"}),
       {},
       [svc](Context& ctx) {
         Input in(ctx.req.body,
                  {"name", "id_number", "org_id", "post", "fields", "legal_qualified"});
         people::NewOfficer o;
         o.name = in.required_string("name", "姓名", 30);
         o.id_number = in.required_string("id_number", "身份证号码", 18);
         o.org_id = in.required_int("org_id", "所属执法主体", 1, INT64_MAX);
         o.post = in.optional_string("post", "职务", 50).value_or("");
         o.fields = in.string_list("fields", "执法领域", 10, 20);
         o.legal_qualified = in.optional_bool("legal_qualified", "法律职业资格").value_or(false);
         return http::render(svc->create_officer(ctx.caller(), o), ctx.req, 201);
       }});
  router.add({"GET",
              "/api/officers/{id}",
              tag,
              "执法人员详情(含执法证及办理记录)",
              Access::kSignedIn,
              "people:officer:list",
              "",
              nullptr,
              {},
              [svc](Context& ctx) {
                return http::render(
                    svc->officer(ctx.caller(), http::parse_id(ctx.req.params["id"], "id")),
                    ctx.req);
              }});
  router.add(
      {"POST",
       "/api/officers/{id}/certificates",
       tag,
       "申领执法证",
       Access::kSignedIn,
       "people:certificate:manage",
       "certificate.apply",
       object_schema({{"fields", kFieldsSchema}}, {"fields"}),
       {},
       [svc](Context& ctx) {
         auto id = http::parse_id(ctx.req.params["id"], "id");
         Input in(ctx.req.body, {"fields"});
         return http::render(
             svc->apply_certificate(ctx.caller(), id, in.string_list("fields", "执法领域", 10, 20)),
             ctx.req, 201);
       }});
  router.add({"POST",
              "/api/certificates/{id}/events",
              tag,
              "执法证办理(考试、发证、年审、暂扣、恢复、吊销、注销、到期)",
              Access::kSignedIn,
              "people:certificate:manage",
              "certificate.event",
              object_schema({{"event", {{"type", "string"}}},
                             {"reason", {{"type", "string"}, {"maxLength", 200}}},
                             {"number", {{"type", "string"}, {"maxLength", 40}}},
                             {"valid_from", {{"type", "string"}, {"format", "date"}}},
                             {"valid_until", {{"type", "string"}, {"format", "date"}}}},
                            {"event"}),
              {},
              [svc](Context& ctx) {
                auto id = http::parse_id(ctx.req.params["id"], "id");
                Input in(ctx.req.body, {"event", "reason", "number", "valid_from", "valid_until"});
                people::CertificateAction a;
                a.event = in.required_string("event", "办理事项", 20);
                a.reason = in.optional_string("reason", "原因", 200).value_or("");
                a.number = in.optional_string("number", "证件编号", 40);
                a.valid_from = in.optional_string("valid_from", "有效期起", 10);
                a.valid_until = in.optional_string("valid_until", "有效期至", 10);
                return http::render(svc->act_on_certificate(ctx.caller(), id, a), ctx.req);
              }});
  router.add({"GET",
              "/api/officers/{id}/eligibility",
              tag,
              "执法资格查询(某日可否在某领域执法)",
              Access::kSignedIn,
              "people:officer:list",
              "",
              nullptr,
              {"field", "date"},
              [svc](Context& ctx) {
                auto id = http::parse_id(ctx.req.params["id"], "id");
                std::string field = http::checked_text(ctx.req.query_param("field").value_or(""),
                                                       "field", "执法领域", 20);
                std::string date = http::checked_text(ctx.req.query_param("date").value_or(""),
                                                      "date", "日期", 10);
                return http::render(svc->eligibility(ctx.caller(), id, field, date), ctx.req);
              }});
  router.add(
      {"GET",
       "/api/body-confirmations",
       tag,
       "某年度已确认的执法主体",
       Access::kSignedIn,
       "people:body:list",
       "",
       nullptr,
       {"year"},
       [svc](Context& ctx) {
         auto y = ctx.req.query_param("year");
         if (!y || y->empty()) {
           raise(Error::invalid("input.invalid", "缺少年度 year", "year is required", "year"));
         }
         auto year = http::parse_id(*y, "year");
         if (year < 2000 || year > 2199) {
           raise(Error::invalid("input.invalid", "年度超出范围", "year out of range", "year"));
         }
         return Response::json_body(svc->confirmations(ctx.caller(), static_cast<int>(year)));
       }});
  router.add({"POST",
              "/api/body-confirmations",
              tag,
              "年度执法主体资格确认",
              Access::kSignedIn,
              "people:body:confirm",
              "body.confirm",
              object_schema({{"year", {{"type", "integer"}}},
                             {"org_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}}},
                            {"year", "org_ids"}),
              {},
              [svc](Context& ctx) {
                Input in(ctx.req.body, {"year", "org_ids"});
                int year = static_cast<int>(in.required_int("year", "年度", 2000, 2199));
                return http::render(svc->confirm_bodies(ctx.caller(), year,
                                                        in.id_list("org_ids", "执法主体", 2000)),
                                    ctx.req, 201);
              }});
  router.add(people::route(
      "PUT", "/api/officers/{id}", tag,
      "修改执法人员(所属主体、职务、领域、法制审核人员、在岗状态)", "people:officer:update",
      object_schema({{"org_id", {{"type", "integer"}}},
                     {"post", {{"type", "string"}, {"maxLength", 50}}},
                     {"fields", kFieldsSchema},
                     {"legal_qualified", {{"type", "boolean"}}},
                     {"legal_reviewer", {{"type", "boolean"}}},
                     {"status", {{"type", "string"}, {"enum", {"active", "left"}}}}},
                    json::array()),
      "officer.update", [svc](Context& ctx) {
        Input in(ctx.req.body,
                 {"org_id", "post", "fields", "legal_qualified", "legal_reviewer", "status"});
        people::OfficerUpdate u;
        u.org_id = in.optional_int("org_id", "所属执法主体", 1, INT64_MAX);
        if (in.has("post")) u.post = in.optional_string("post", "职务", 50).value_or("");
        if (in.has("fields")) u.fields = in.string_list("fields", "执法领域", 20, 30);
        u.legal_qualified = in.optional_bool("legal_qualified", "法律职业资格");
        u.legal_reviewer = in.optional_bool("legal_reviewer", "法制审核人员");
        u.status = in.optional_string("status", "在岗状态", 10);
        return http::render(
            svc->update_officer(ctx.caller(), http::parse_id(ctx.req.params["id"], "id"), u),
            ctx.req);
      }));
  router.add(people::route("GET", "/api/officers/import-template.xlsx", tag,
                           "执法人员导入模板(Excel)", "people:officer:import", {}, [svc](Context&) {
                             auto [cols, rows] = svc->import_template();
                             return http::xlsx_download("执法人员导入模板", cols, rows);
                           }));
  router.add(people::upload_route(
      "/api/officers/import", tag, "导入执法人员(Excel,全部或全不)", "people:officer:import",
      "officer.import", [svc](Context& ctx) {
        return http::render(svc->import_officers(ctx.caller(), ctx.req.body), ctx.req, 201);
      }));
  router.add(people::public_route(
      "GET", "/public/api/officers", "行政执法专栏 portal", "执法人员查询(持有效执法证的人员)",
      {"q", "org", "page", "page_size"}, [svc](Context& ctx) {
        auto page = http::page_of(ctx.req);
        return Response::json_body(svc->public_officers(
            http::query_text(ctx.req, "q", "姓名或执法证号", 30),
            http::query_text(ctx.req, "org", "执法主体", 50), page.page, page.size));
      }));
  auto photo_route = [&](std::string method, std::string summary, std::string action,
                         http::Handler h) {
    std::string permission = method == "GET" ? "people:officer:list" : "people:officer:update";
    http::Route r{std::move(method),
                  "/api/officers/{id}/photo",
                  tag,
                  std::move(summary),
                  http::Access::kSignedIn,
                  std::move(permission),
                  std::move(action),
                  nullptr,
                  {},
                  std::move(h)};
    if (r.method == "PUT") r.request_schema = {{"x-media-type", "image/jpeg"}};
    return r;
  };
  router.add(photo_route(
      "PUT", "上传执法人员照片(JPG/PNG,不超过 2 MB)", "officer.photo", [svc](Context& ctx) {
        return http::render(
            svc->set_photo(ctx.caller(), http::parse_id(ctx.req.params["id"], "id"), ctx.req.body),
            ctx.req);
      }));
  router.add(photo_route("GET", "执法人员照片", "", [svc](Context& ctx) {
    auto p = svc->photo(ctx.caller(), http::parse_id(ctx.req.params["id"], "id"));
    if (!p) return http::problem(p.error(), ctx.req.request_id);
    Response r = Response::text(std::move(p->second), p->first);
    r.set_header("Cache-Control", "private, no-store");
    return r;
  }));
  router.add(photo_route("DELETE", "删除执法人员照片", "officer.photo_delete", [svc](Context& ctx) {
    return http::render(svc->delete_photo(ctx.caller(), http::parse_id(ctx.req.params["id"], "id")),
                        ctx.req);
  }));
}

}  // namespace zhifa::modules
