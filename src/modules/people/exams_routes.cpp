#include "http/download.hpp"
#include "http/input.hpp"
#include "modules/people/exams.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Input;
using http::Response;
using people::route;

void register_exam_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<people::ExamService>(env);
  const std::string tag = "执法资格考试 exams";
  auto id_of = [](Context& ctx) { return http::parse_id(ctx.req.params["id"], "id"); };
  router.add(route("GET", "/api/exams", tag, "考试场次列表", "people:exam:list",
                   {"year", "page", "page_size"}, [svc](Context& ctx) {
                     auto page = http::page_of(ctx.req);
                     return Response::json_body(
                         svc->list(ctx.caller(), http::query_year(ctx.req), page.page, page.size));
                   }));
  router.add(route(
      "POST", "/api/exams", tag, "新建考试场次", "people:exam:manage",
      people::object_schema({{"name", {{"type", "string"}, {"maxLength", 60}}},
                             {"exam_date", {{"type", "string"}, {"format", "date"}}},
                             {"pass_mark", {{"type", "number"}, {"minimum", 0}, {"maximum", 100}}}},
                            {"name", "exam_date"}),
      "exam.create", [svc](Context& ctx) {
        Input in(ctx.req.body, {"name", "exam_date", "pass_mark"});
        people::NewExam e;
        e.name = in.required_string("name", "考试名称", 60);
        e.exam_date = in.required_string("exam_date", "考试日期", 10);
        e.pass_mark_tenths = in.optional_tenths("pass_mark", "合格分数线", 0, 1000);
        return http::render(svc->create(ctx.caller(), e), ctx.req, 201);
      }));
  router.add(route("GET", "/api/exams/{id}", tag, "考试详情与考生", "people:exam:list", {},
                   [svc, id_of](Context& ctx) {
                     return http::render(svc->get(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route("POST", "/api/exams/{id}/candidates", tag, "报名考生(执法证已申领的人员)",
                   "people:exam:manage",
                   people::object_schema(
                       {{"officer_ids", {{"type", "array"}, {"items", {{"type", "integer"}}}}}},
                       {"officer_ids"}),
                   "exam.candidates", [svc, id_of](Context& ctx) {
                     Input in(ctx.req.body, {"officer_ids"});
                     auto ids = in.id_list("officer_ids", "考生", 2000);
                     return http::render(svc->add_candidates(ctx.caller(), id_of(ctx), ids),
                                         ctx.req);
                   }));
  router.add(route("GET", "/api/exams/{id}/score-sheet.xlsx", tag, "下载成绩登记表(Excel)",
                   "people:exam:list", {}, [svc, id_of](Context& ctx) {
                     auto sheet = svc->score_sheet(ctx.caller(), id_of(ctx));
                     if (!sheet) return http::problem(sheet.error(), ctx.req.request_id);
                     return http::xlsx_download("成绩登记表", sheet->first, sheet->second);
                   }));
  router.add(people::upload_route(
      "/api/exams/{id}/scores", tag, "导入考试成绩(Excel,全部或全不)", "people:exam:manage",
      "exam.scores", [svc, id_of](Context& ctx) {
        return http::render(svc->import_scores(ctx.caller(), id_of(ctx), ctx.req.body), ctx.req);
      }));
  router.add(route("POST", "/api/exams/{id}/issue", tag, "为合格考生批量发证", "people:exam:manage",
                   people::object_schema({{"valid_from", {{"type", "string"}, {"format", "date"}}}},
                                         nlohmann::json::array()),
                   "exam.issue", [svc, id_of](Context& ctx) {
                     std::optional<std::string> from;
                     if (!ctx.req.body.empty()) {
                       Input in(ctx.req.body, {"valid_from"});
                       from = in.optional_string("valid_from", "发证日期", 10);
                     }
                     return http::render(svc->issue(ctx.caller(), id_of(ctx), from), ctx.req);
                   }));
  router.add(route("POST", "/api/exams/{id}/close", tag, "结束考试", "people:exam:manage",
                   nlohmann::json{{"type", "object"}}, "exam.close", [svc, id_of](Context& ctx) {
                     return http::render(svc->close(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
}

}  // namespace zhifa::modules
