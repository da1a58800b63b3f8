// Routes of the working-day calendar (docs/api.md "Working-day calendar"): handlers read the
// request and call CalendarService; the checks of a year are domain::WorkdayCalendar::check_year.
#include "http/input.hpp"
#include "modules/calendar/calendar_service.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;
using people::object_schema;
using people::route;

void register_calendar_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<calendar::CalendarService>(env);
  const std::string tag = "工作日历 calendar";
  const json dates = {{"type", "array"}, {"items", {{"type", "string"}}}};
  router.add(route("GET", "/api/calendar", tag, "工作日历(已覆盖的年份及其放假、调休日期)",
                   "system:calendar:list", {},
                   [svc](Context&) { return Response::json_body(svc->list()); }));
  router.add(route("POST", "/api/calendar/years", tag, "导入一年的放假安排(国务院办公厅通知)",
                   "system:calendar:manage",
                   object_schema({{"year", {{"type", "integer"}}},
                                  {"off", dates},
                                  {"work", dates},
                                  {"source", {{"type", "string"}}}},
                                 {"year", "off", "source"}),
                   "calendar.add_year", [svc](Context& ctx) {
                     Input in(ctx.req.body, {"year", "off", "work", "source"});
                     calendar::YearInput y;
                     y.year = static_cast<int>(in.required_int("year", "年份", 2000, 2100));
                     for (auto& d : in.string_list("off", "放假日期", 80, 10)) y.off.insert(d);
                     for (auto& d : in.string_list("work", "调休上班日期", 30, 10)) {
                       y.work.insert(d);
                     }
                     y.source = in.required_string("source", "通知文号", 200);
                     return http::render(svc->add(ctx.caller(), y), ctx.req, 201);
                   }));
}

}  // namespace zhifa::modules
