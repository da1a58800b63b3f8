// Routes of training, supervisors and the people reports.
#include "http/download.hpp"
#include "http/input.hpp"
#include "modules/people/reports.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/people/supervisors.hpp"
#include "modules/people/training.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Input;
using http::Response;
using people::route;

namespace {

const nlohmann::json kDate = {{"type", "string"}, {"format", "date"}};

nlohmann::json text(int max) { return {{"type", "string"}, {"maxLength", max}}; }

people::SupervisorInput supervisor_input(Input& in, bool create) {
  people::SupervisorInput s;
  if (create) {
    s.kind = in.required_string("kind", "类别", 10);
    s.id_number = in.required_string("id_number", "身份证号码", 18);
  }
  s.name = in.required_string("name", "姓名", 30);
  s.org_id = in.required_int("org_id", "所属单位", 1, INT64_MAX);
  s.phone = in.optional_string("phone", "手机号码", 11);
  if (in.has("phone") && !s.phone) s.phone = "";
  s.certificate_number = in.optional_string("certificate_number", "监督证号", 40);
  s.qualification = in.optional_string("qualification", "资格", 100);
  s.employer = in.optional_string("employer", "工作单位", 100);
  s.area = in.optional_string("area", "监督区域", 100);
  s.term_start = in.optional_string("term_start", "任期开始", 10);
  s.term_end = in.optional_string("term_end", "任期结束", 10);
  if (!create) s.status = in.optional_string("status", "状态", 10);
  return s;
}

people::SupervisorFilter supervisor_filter(const http::Request& req) {
  people::SupervisorFilter f;
  f.kind = http::query_enum(req, "kind", "类别", {"staff", "social"});
  f.status = http::query_enum(req, "status", "状态", {"active", "ended"});
  f.q = http::query_text(req, "q", "姓名", 30);
  f.org_id = http::query_id(req, "org_id");
  return f;
}

}  // namespace

void register_more_people_routes(http::Router& router, app::Env& env) {
  auto training = std::make_shared<people::TrainingService>(env);
  auto supervisors = std::make_shared<people::SupervisorService>(env);
  auto reports = std::make_shared<people::ReportService>(env);
  auto id_of = [](Context& ctx) { return http::parse_id(ctx.req.params["id"], "id"); };

  const std::string ttag = "执法培训 training";
  router.add(route("GET", "/api/trainings", ttag, "培训班列表", "people:training:list",
                   {"year", "page", "page_size"}, [training](Context& ctx) {
                     auto page = http::page_of(ctx.req);
                     return Response::json_body(training->list(
                         ctx.caller(), http::query_year(ctx.req), page.page, page.size));
                   }));
  router.add(route(
      "POST", "/api/trainings", ttag, "新增培训班", "people:training:manage",
      people::object_schema(
          {{"title", text(60)},
           {"category", {{"type", "string"}, {"enum", {"legal", "professional", "skills"}}}},
           {"start_date", kDate},
           {"end_date", kDate},
           {"hours", {{"type", "number"}, {"minimum", 0.1}, {"maximum", 500}}}},
          {"title", "category", "start_date", "end_date", "hours"}),
      "training.create", [training](Context& ctx) {
        Input in(ctx.req.body, {"title", "category", "start_date", "end_date", "hours"});
        people::NewTraining t;
        t.title = in.required_string("title", "培训名称", 60);
        t.category = in.required_string("category", "培训类别", 20);
        t.start_date = in.required_string("start_date", "开始日期", 10);
        t.end_date = in.required_string("end_date", "结束日期", 10);
        auto hours = in.optional_tenths("hours", "学时", 1, 5000);
        if (!hours)
          raise(Error::invalid("input.required", "学时不能为空", "hours is required", "hours"));
        t.hours_tenths = *hours;
        return http::render(training->create(ctx.caller(), t), ctx.req, 201);
      }));
  router.add(route("GET", "/api/trainings/{id}", ttag, "培训班详情与签到学时",
                   "people:training:list", {}, [training, id_of](Context& ctx) {
                     return http::render(training->get(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route("GET", "/api/trainings/{id}/attendance-template.xlsx", ttag,
                   "签到学时导入模板(Excel)", "people:training:list", {}, [training](Context&) {
                     auto [cols, rows] = training->attendance_template();
                     return http::xlsx_download("培训签到学时", cols, rows);
                   }));
  router.add(people::upload_route(
      "/api/trainings/{id}/attendance", ttag, "导入签到学时(Excel,全部或全不)",
      "people:training:manage", "training.attendance", [training, id_of](Context& ctx) {
        return http::render(training->import_attendance(ctx.caller(), id_of(ctx), ctx.req.body),
                            ctx.req, 201);
      }));
  router.add(route(
      "GET", "/api/reports/training", ttag, "年度培训学时(可只看不足的人员)",
      "people:training:list", {"year", "org_id", "below", "page", "page_size", "format"},
      [training](Context& ctx) {
        int year = http::query_year(ctx.req).value_or(training->current_year());
        auto org_id = http::query_id(ctx.req, "org_id");
        bool below = http::query_bool(ctx.req, "below").value_or(false);
        if (http::wants_xlsx(ctx.req)) {
          auto [cols, rows] = training->hours_report_table(ctx.caller(), year, org_id, below);
          return http::xlsx_download(
              std::to_string(year) + (below ? "年培训学时不足人员" : "年培训学时"), cols, rows);
        }
        auto page = http::page_of(ctx.req);
        return Response::json_body(
            training->hours_report(ctx.caller(), year, org_id, below, page.page, page.size));
      }));

  const std::string stag = "监督人员 supervisors";
  nlohmann::json props = {{"name", text(30)},           {"org_id", {{"type", "integer"}}},
                          {"phone", text(11)},          {"certificate_number", text(40)},
                          {"qualification", text(100)}, {"employer", text(100)},
                          {"area", text(100)},          {"term_start", kDate},
                          {"term_end", kDate}};
  nlohmann::json create_props = props;
  create_props["kind"] = {{"type", "string"}, {"enum", {"staff", "social"}}};
  create_props["id_number"] = text(18);
  nlohmann::json update_props = props;
  update_props["status"] = {{"type", "string"}, {"enum", {"active", "ended"}}};
  router.add(
      route("GET", "/api/supervisors", stag, "监督人员列表(可导出 Excel)", "people:supervisor:list",
            {"kind", "status", "q", "org_id", "page", "page_size", "format"},
            [supervisors](Context& ctx) {
              auto f = supervisor_filter(ctx.req);
              if (http::wants_xlsx(ctx.req)) {
                auto [cols, rows] = supervisors->export_rows(ctx.caller(), f);
                return http::xlsx_download("监督人员", cols, rows);
              }
              auto page = http::page_of(ctx.req);
              return Response::json_body(supervisors->list(ctx.caller(), f, page.page, page.size));
            }));
  router.add(route("POST", "/api/supervisors", stag, "登记监督人员", "people:supervisor:manage",
                   people::object_schema(create_props, {"kind", "name", "id_number", "org_id"}),
                   "supervisor.create", [supervisors](Context& ctx) {
                     Input in(ctx.req.body,
                              {"kind", "id_number", "name", "org_id", "phone", "certificate_number",
                               "qualification", "employer", "area", "term_start", "term_end"});
                     return http::render(
                         supervisors->create(ctx.caller(), supervisor_input(in, true)), ctx.req,
                         201);
                   }));
  router.add(route("GET", "/api/supervisors/{id}", stag, "监督人员详情", "people:supervisor:list",
                   {}, [supervisors, id_of](Context& ctx) {
                     return http::render(supervisors->get(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route(
      "PUT", "/api/supervisors/{id}", stag, "修改监督人员", "people:supervisor:manage",
      people::object_schema(update_props, {"name", "org_id"}), "supervisor.update",
      [supervisors, id_of](Context& ctx) {
        Input in(ctx.req.body, {"name", "org_id", "phone", "certificate_number", "qualification",
                                "employer", "area", "term_start", "term_end", "status"});
        return http::render(
            supervisors->update(ctx.caller(), id_of(ctx), supervisor_input(in, false)), ctx.req);
      }));

  const std::string rtag = "人员统计 reports";
  router.add(route("GET", "/api/reports/certified", rtag, "持证情况统计(按县、主体、领域)",
                   "people:report:list", {"group", "format"}, [reports](Context& ctx) {
                     std::string group =
                         http::query_enum(ctx.req, "group", "统计口径", {"county", "body", "field"})
                             .value_or("county");
                     if (http::wants_xlsx(ctx.req)) {
                       auto [cols, rows] = reports->certified_table(ctx.caller(), group);
                       return http::xlsx_download("持证情况统计", cols, rows);
                     }
                     return Response::json_body(reports->certified(ctx.caller(), group));
                   }));
  router.add(route(
      "GET", "/api/reports/expiring", rtag, "即将到期的执法证", "people:report:list",
      {"days", "page", "page_size", "format"}, [reports](Context& ctx) {
        int days = reports->default_expiring_days();
        if (auto d = http::query_id(ctx.req, "days")) {
          if (*d > 366) {
            raise(Error::invalid("input.invalid", "天数最多 366", "days at most 366", "days"));
          }
          days = static_cast<int>(*d);
        }
        if (http::wants_xlsx(ctx.req)) {
          auto [cols, rows] = reports->expiring_table(ctx.caller(), days);
          return http::xlsx_download(std::to_string(days) + "天内到期的执法证", cols, rows);
        }
        auto page = http::page_of(ctx.req);
        return Response::json_body(reports->expiring(ctx.caller(), days, page.page, page.size));
      }));
  router.add(route("GET", "/api/reports/legal-review", rtag, "法制审核人员占比(低于下限的主体)",
                   "people:report:list", {"below", "format"}, [reports](Context& ctx) {
                     bool below = http::query_bool(ctx.req, "below").value_or(false);
                     if (http::wants_xlsx(ctx.req)) {
                       auto [cols, rows] = reports->legal_review_table(ctx.caller(), below);
                       return http::xlsx_download("法制审核人员占比", cols, rows);
                     }
                     return Response::json_body(reports->legal_review(ctx.caller(), below));
                   }));
}

}  // namespace zhifa::modules
