// Routes of penalty cases (docs/api.md "Penalty cases"): handlers read the request and call
// CaseService; the procedure and the legal rules live in domain/case_flow and domain/case_rules.
#include "http/input.hpp"
#include "modules/cases/cases.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;
using people::object_schema;
using people::route;

void register_case_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<cases::CaseService>(env);
  const std::string tag = "行政处罚案件 cases";
  const json str = {{"type", "string"}};
  auto id_of = [](Context& ctx) { return http::parse_id(ctx.req.params["id"], "id"); };
  router.add(route("GET", "/api/cases", tag, "案件列表", "case:case:list",
                   {"state", "org_id", "officer_id", "due_before", "q", "page", "page_size"},
                   [svc](Context& ctx) {
                     cases::CaseFilter f;
                     f.state = http::query_text(ctx.req, "state", "状态", 30);
                     f.org_id = http::query_id(ctx.req, "org_id");
                     f.officer_id = http::query_id(ctx.req, "officer_id");
                     f.due_before = http::query_text(ctx.req, "due_before", "期限", 10);
                     f.q = http::query_text(ctx.req, "q", "关键词", 50);
                     auto page = http::page_of(ctx.req);
                     return Response::json_body(svc->list(ctx.caller(), f, page.page, page.size));
                   }));
  router.add(route("GET", "/api/cases/deadlines", tag, "办案期限看板(已超期与即将到期)",
                   "case:case:list", {"within"}, [svc](Context& ctx) {
                     auto within = http::query_id(ctx.req, "within").value_or(7);
                     if (within > 365) {
                       raise(Error::invalid("input.invalid", "天数应在 1 至 365 之间",
                                            "within must be 1..365", "within"));
                     }
                     return Response::json_body(
                         svc->deadlines(ctx.caller(), static_cast<int>(within)));
                   }));
  router.add(route("GET", "/api/settings/case-rules", tag,
                   "办案规则设置(听证标准、法制审核范围、各领域可延长的办案期限)", "case:case:list",
                   {}, [svc](Context&) { return Response::json_body(svc->settings()); }));
  router.add(route(
      "PUT", "/api/settings/case-rules", tag, "修改办案规则设置", "case:settings:manage",
      object_schema({{"hearing", {{"type", "object"}}},
                     {"review", {{"type", "object"}}},
                     {"extensions", {{"type", "object"}}}},
                    json::array()),
      "case.settings", [svc](Context& ctx) {
        auto body = json::parse(ctx.req.body, nullptr, false);
        if (body.is_discarded()) {
          raise(Error::invalid("input.invalid", "请求内容不是有效的 JSON", "the body is not JSON"));
        }
        return http::render(svc->put_settings(ctx.caller(), body), ctx.req);
      }));
  router.add(
      route("GET", "/api/reports/uncertified-on-cases", tag,
            "持证异常仍承办案件的执法人员(执法证暂扣、吊销、过期等)", "case:case:list", {},
            [svc](Context& ctx) { return Response::json_body(svc->uncertified(ctx.caller())); }));
  router.add(route("GET", "/api/notifications", tag, "我的办案提醒(期限将到、已超期、待法制审核)",
                   "case:case:list", {}, [svc](Context& ctx) {
                     return Response::json_body(svc->notifications(ctx.caller()));
                   }));
  router.add(route("GET", "/api/cases/{id}", tag, "案件详情(含办案步骤与可办理的操作)",
                   "case:case:list", {}, [svc, id_of](Context& ctx) {
                     return http::render(svc->get(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route(
      "POST", "/api/cases", tag, "登记案件线索", "case:handle",
      object_schema({{"org_id", {{"type", "integer"}}},
                     {"procedure", str},
                     {"source", str},
                     {"summary", str},
                     {"party_name", str},
                     {"party_type", str},
                     {"field", str},
                     {"matter_id", {{"type", "integer"}}},
                     {"act_date", str},
                     {"act_end", str},
                     {"discovered", str},
                     {"grave_harm", {{"type", "boolean"}}},
                     {"officer_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}}},
                    {"org_id", "source", "summary", "party_name", "party_type", "field", "act_date",
                     "discovered"}),
      "case.lead", [svc](Context& ctx) {
        Input in(ctx.req.body,
                 {"org_id", "procedure", "source", "summary", "party_name", "party_type", "field",
                  "matter_id", "act_date", "act_end", "discovered", "grave_harm", "officer_ids"});
        cases::LeadInput l;
        l.org_id = in.required_int("org_id", "执法主体", 1, INT64_MAX);
        l.procedure = in.optional_string("procedure", "程序", 20).value_or("general");
        l.source = in.required_string("source", "线索来源", 20);
        l.summary = in.optional_text("summary", "案情摘要", 2000).value_or("");
        l.party_name = in.required_string("party_name", "当事人", 100);
        l.party_type = in.required_string("party_type", "当事人类型", 20);
        l.field = in.required_string("field", "执法领域", 30);
        l.matter_id = in.optional_int("matter_id", "执法事项", 1, INT64_MAX);
        l.act_date = in.required_string("act_date", "违法行为发生日期", 10);
        l.act_end = in.optional_string("act_end", "违法行为终了日期", 10);
        l.discovered = in.required_string("discovered", "发现日期", 10);
        l.grave_harm = in.optional_bool("grave_harm", "危害生命健康安全或金融安全").value_or(false);
        l.officer_ids = in.id_list("officer_ids", "承办人员", 10);
        return http::render(svc->create(ctx.caller(), l), ctx.req, 201);
      }));
  router.add(route("POST", "/api/cases/{id}/actions", tag, "办理案件的一个环节(按状态与角色校验)",
                   "case:case:list",
                   object_schema({{"action", str},
                                  {"version", {{"type", "integer"}}},
                                  {"note", str},
                                  {"data", {{"type", "object"}}}},
                                 {"action", "version"}),
                   "case.act", [svc, id_of](Context& ctx) {
                     Input in(ctx.req.body, {"action", "version", "note", "data"});
                     cases::ActionInput a;
                     a.action = in.required_string("action", "操作", 40);
                     a.version = in.required_int("version", "版本", 1, INT64_MAX);
                     a.note = in.optional_text("note", "说明", 2000).value_or("");
                     auto body = json::parse(ctx.req.body);
                     if (body.contains("data")) {
                       if (!body["data"].is_object()) {
                         raise(Error::invalid("input.invalid", "data 必须是对象",
                                              "data must be an object", "data"));
                       }
                       a.data = body["data"];
                     }
                     return http::render(svc->act(ctx.caller(), id_of(ctx), a), ctx.req);
                   }));
}

}  // namespace zhifa::modules
