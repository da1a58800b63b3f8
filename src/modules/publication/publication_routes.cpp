// Routes of publication (docs/api.md "Publication"): the publisher's desk under /api/publications,
// the case's never-publish flag, the settings, and the public side under /public/api/decisions
// (published data only; searches limited per client address). Handlers read the request and
// call PublicationService.
#include "domain/dates.hpp"
#include "http/download.hpp"
#include "http/input.hpp"
#include "http/rate_limit.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/publication/annual.hpp"
#include "modules/publication/publication.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Response;
using nlohmann::json;
using people::object_schema;
using people::public_route;
using people::route;

namespace {

json body_of(Context& ctx) {
  auto body = json::parse(ctx.req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    raise(Error::invalid("input.invalid", "请求内容不是有效的 JSON 对象",
                         "the body is not a JSON object"));
  }
  return body;
}

const json kStr = {{"type", "string"}};
const json kInt = {{"type", "integer"}};

}  // namespace

void register_publication_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<publication::PublicationService>(env);
  auto limiter = std::make_shared<http::RateLimiter>(env.config.portal.search_per_minute);
  const std::string tag = "公示 publication";
  const std::string ptag = "行政执法专栏 portal";
  auto id_of = [](Context& ctx) { return http::parse_id(ctx.req.params["id"], "id"); };

  router.add(route(
      "GET", "/api/publications", tag, "公示审核台:待公示、已公示、不予公开、已撤回",
      "publish:queue:list", {"state", "org_id", "kind", "q", "page", "page_size"},
      [svc](Context& ctx) {
        publication::DeskFilter f;
        f.state =
            http::query_enum(ctx.req, "state", "状态",
                             {"queued", "published", "exempt", "withdrawn", "expired", "overdue"});
        f.org_id = http::query_id(ctx.req, "org_id");
        f.kind = http::query_enum(ctx.req, "kind", "决定类别", {"penalty", "licence", "other"});
        f.q = http::query_text(ctx.req, "q", "关键词", 50);
        auto page = http::page_of(ctx.req);
        return Response::json_body(svc->list(ctx.caller(), f, page.page, page.size));
      }));
  router.add(route("POST", "/api/publications", tag, "登记行政许可或其他行政执法决定(进入公示队列)",
                   "publish:approve",
                   object_schema({{"kind", kStr},
                                  {"org_id", kInt},
                                  {"decision_no", kStr},
                                  {"decided_on", kStr},
                                  {"party", kStr},
                                  {"party_type", kStr},
                                  {"field", kStr},
                                  {"matter", kStr},
                                  {"content", kStr},
                                  {"basis", kStr},
                                  {"result", kStr},
                                  {"category", kStr},
                                  {"names", {{"type", "array"}, {"items", kStr}}}},
                                 {"kind", "org_id", "decision_no", "decided_on", "party",
                                  "party_type", "field", "content"}),
                   "publication.create", [svc](Context& ctx) {
                     auto r = svc->create(ctx.caller(), body_of(ctx));
                     if (!r) return http::problem(r.error(), ctx.req.request_id);
                     return Response::json_body(*r, 201);
                   }));
  router.add(route(
      "GET", "/api/publications/timeliness", tag, "公示及时率:各执法主体按期公示的比例、逾期未公示",
      "publish:queue:list", {"year"}, [svc](Context& ctx) {
        int year = http::query_year(ctx.req).value_or(std::stoi(svc->today().substr(0, 4)));
        return Response::json_body(svc->timeliness(ctx.caller(), year));
      }));
  router.add(route("GET", "/api/publications/{id}", tag, "公示决定详情(含脱敏预览)",
                   "publish:queue:list", {}, [svc, id_of](Context& ctx) {
                     return http::render(svc->get(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route(
      "POST", "/api/publications/{id}/publish", tag, "审核通过并发布公示", "publish:approve",
      object_schema({{"version", kInt}}, {"version"}), "publication.publish",
      [svc, id_of](Context& ctx) {
        auto body = body_of(ctx);
        if (!body.contains("version") || !body["version"].is_number_integer()) {
          raise(Error::invalid("input.invalid", "缺少版本号", "version is required", "version"));
        }
        return http::render(
            svc->publish(ctx.caller(), id_of(ctx), body["version"].get<std::int64_t>()), ctx.req);
      }));
  router.add(route("POST", "/api/publications/{id}/exempt", tag,
                   "不予公开(涉及未成年人、国家秘密、个人隐私)", "publish:approve",
                   object_schema({{"reason", kStr}, {"note", kStr}}, {"reason", "note"}),
                   "publication.exempt", [svc, id_of](Context& ctx) {
                     auto body = body_of(ctx);
                     return http::render(svc->exempt(ctx.caller(), id_of(ctx), body), ctx.req);
                   }));
  router.add(route(
      "POST", "/api/publications/{id}/withdraw", tag, "撤回公示(决定变更、撤销或被确认无效)",
      "publish:approve",
      object_schema({{"kind", kStr}, {"reason", kStr}, {"changed_on", kStr}}, {"kind", "reason"}),
      "publication.withdraw", [svc, id_of](Context& ctx) {
        return http::render(svc->withdraw(ctx.caller(), id_of(ctx), body_of(ctx)), ctx.req);
      }));
  router.add(route(
      "POST", "/api/cases/{id}/disclosure", tag,
      "标记案件不予公开(未成年人、国家秘密、个人隐私)或取消标记", "case:handle",
      object_schema({{"reason", {{"type", {"string", "null"}}}}, {"note", kStr}}, json::array()),
      "case.disclosure", [svc, id_of](Context& ctx) {
        return http::render(svc->flag_case(ctx.caller(), id_of(ctx), body_of(ctx)), ctx.req);
      }));
  router.add(route("GET", "/api/settings/publication", tag,
                   "公示设置(公示期限、撤回期限、网上公示期限、自动发布的主体)",
                   "publish:queue:list", {},
                   [svc](Context&) { return Response::json_body(svc->settings()); }));
  router.add(route("PUT", "/api/settings/publication", tag, "修改公示设置",
                   "publish:settings:manage",
                   object_schema({{"penalty_days", kInt},
                                  {"licence_days", kInt},
                                  {"other_days", kInt},
                                  {"withdraw_days", kInt},
                                  {"retention_years", kInt},
                                  {"retention_years_person", kInt},
                                  {"remind_days", kInt},
                                  {"auto_publish", {{"type", "array"}, {"items", kInt}}}},
                                 json::array()),
                   "publication.settings", [svc](Context& ctx) {
                     return http::render(svc->put_settings(ctx.caller(), body_of(ctx)), ctx.req);
                   }));
  router.add(route("POST", "/api/publications/take-down", tag,
                   "立即撤下超过网上公示期限的决定(平时由后台任务每小时执行)",
                   "publish:settings:manage", json::object(), "publication.take_down",
                   [svc](Context&) {
                     return Response::json_body({{"taken_down", svc->take_down_expired()}});
                   }));
  router.add(
      route("GET", "/api/publications/reminders", tag, "公示到期提醒", "publish:queue:list", {},
            [svc](Context& ctx) { return Response::json_body(svc->reminders(ctx.caller())); }));

  // ---- 年度行政执法数据 ----
  auto annual = std::make_shared<publication::AnnualService>(env);
  auto year_of = [](Context& ctx) {
    return static_cast<int>(http::parse_id(ctx.req.params["year"], "year"));
  };
  auto annual_xlsx = [](const json& report) {
    std::vector<xlsx::Column> cols;
    for (const auto& t : publication::AnnualService::titles()) {
      cols.push_back({t, t == "执法主体" ? 40.0 : 14.0, t != "执法主体"});
    }
    return http::xlsx_download(std::to_string(report["year"].get<int>()) + "年度行政执法数据", cols,
                               publication::AnnualService::rows(report));
  };
  router.add(route("GET", "/api/annual-reports/{year}", tag,
                   "年度行政执法数据(未生成时为按现有数据的预览;?format=xlsx 导出)",
                   "publish:queue:list", {"format"}, [annual, year_of, annual_xlsx](Context& ctx) {
                     auto r = annual->get(ctx.caller(), year_of(ctx));
                     if (r && http::wants_xlsx(ctx.req)) return annual_xlsx(*r);
                     return http::render(r, ctx.req);
                   }));
  for (const auto& [verb, summary] : std::vector<std::pair<std::string, std::string>>{
           {"generate", "生成年度行政执法数据"},
           {"review", "审核年度行政执法数据(生成人以外)"},
           {"publish", "公布年度行政执法数据"}}) {
    router.add(route("POST", "/api/annual-reports/{year}/" + verb, tag, summary,
                     "publish:settings:manage", json::object(), "annual." + verb,
                     [annual, year_of, v = verb](Context& ctx) {
                       int year = year_of(ctx);
                       auto r = v == "generate" ? annual->generate(ctx.caller(), year)
                                : v == "review" ? annual->review(ctx.caller(), year)
                                                : annual->publish(ctx.caller(), year);
                       return http::render(r, ctx.req);
                     }));
  }
  router.add(
      public_route("GET", "/public/api/annual-reports", ptag, "公开:已公布的年度行政执法数据", {},
                   [annual](Context&) { return Response::json_body(annual->public_years()); }));
  router.add(public_route("GET", "/public/api/annual-reports/{year}", ptag,
                          "公开:某年度行政执法数据(?format=xlsx 下载 Excel)", {"format"},
                          [annual, year_of, annual_xlsx](Context& ctx) {
                            auto r = annual->public_get(year_of(ctx));
                            if (r && http::wants_xlsx(ctx.req)) return annual_xlsx(*r);
                            return http::render(r, ctx.req);
                          }));

  // ---- 行政执法专栏 ----
  router.add(public_route(
      "GET", "/public/api/decisions", ptag,
      "公开:行政执法决定检索(全文,按主体、领域、类别、日期筛选;每个地址每分钟有次数限制)",
      {"q", "org_id", "field", "kind", "from", "to", "page", "page_size"},
      [svc, limiter, &env](Context& ctx) {
        int retry = 0;
        if (!limiter->allow(ctx.req.remote_ip, env.now(), retry)) {
          auto r = http::problem({ErrorKind::kTooMany,
                                  "portal.rate_limited",
                                  "查询过于频繁,请 " + std::to_string(retry) + " 秒后再试",
                                  "too many searches; retry later",
                                  {}},
                                 ctx.req.request_id);
          r.set_header("Retry-After", std::to_string(retry));
          return r;
        }
        publication::PublicQuery q;
        q.q = http::query_text(ctx.req, "q", "关键词", 100).value_or("");
        q.org_id = http::query_id(ctx.req, "org_id");
        q.field = http::query_text(ctx.req, "field", "执法领域", 40);
        q.kind = http::query_enum(ctx.req, "kind", "决定类别", {"penalty", "licence", "other"});
        q.from = http::query_text(ctx.req, "from", "起始日期", 10);
        q.to = http::query_text(ctx.req, "to", "截止日期", 10);
        for (const auto* d : {&q.from, &q.to}) {
          if (*d && !d->value().empty() && !domain::is_valid_date(**d)) {
            raise(Error::invalid("input.date", "日期格式应为 YYYY-MM-DD", "bad date",
                                 d == &q.from ? "from" : "to"));
          }
        }
        if (q.from && q.from->empty()) q.from.reset();
        if (q.to && q.to->empty()) q.to.reset();
        auto page = http::page_of(ctx.req);
        q.page = page.page;
        q.size = std::min<std::int64_t>(page.size, 50);
        return Response::text(svc->public_search(q), "application/json; charset=utf-8");
      }));
  router.add(public_route(
      "GET", "/public/api/decisions/{id}", ptag,
      "公开:行政执法决定(脱敏公示文本;已撤回的显示撤回公告)", {},
      [svc, id_of](Context& ctx) { return http::render(svc->public_get(id_of(ctx)), ctx.req); }));
  router.add(public_route(
      "GET", "/public/api/decisions/{id}/proof", ptag,
      "公开:公示文本的可信账本存在性证明与签名检查点(任何人可自行核验)", {},
      [svc, id_of](Context& ctx) { return http::render(svc->public_proof(id_of(ctx)), ctx.req); }));
  router.add(public_route("GET", "/public/api/decision-stats", ptag, "公开:行政执法决定公示统计",
                          {},
                          [svc](Context&) { return Response::json_body(svc->public_stats()); }));
}

}  // namespace zhifa::modules
