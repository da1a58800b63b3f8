// Routes of the catalogue (docs/api.md "Enforcement matter catalogue" onwards): handlers read the
// request and call the services; the rules live in domain/catalogue, domain/discretion and the
// services.
#include "domain/dates.hpp"
#include "http/download.hpp"
#include "http/input.hpp"
#include "modules/catalogue/benchmarks.hpp"
#include "modules/catalogue/matters.hpp"
#include "modules/laws/laws.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;
using people::object_schema;
using people::public_route;
using people::route;

namespace {

const json kString = {{"type", "string"}};
const json kInt = {{"type", "integer"}};
const json kBool = {{"type", "boolean"}};

json matter_schema(bool create) {
  json props = {
      {"name", kString},
      {"type", kString},
      {"field", kString},
      {"list", kString},
      {"township_kind", kString},
      {"basis",
       {{"type", "array"},
        {"items", object_schema({{"article_id", kInt}, {"clause", kString}}, {"article_id"})}}},
      {"flow",
       {{"type", "array"},
        {"items",
         object_schema({{"name", kString}, {"description", kString}, {"time_limit", kString}},
                       {"name"})}}},
      {"guide", {{"type", "object"}}},
      {"effective_from", kString},
      {"effective_until", kString},
      {"status", kString},
      {"sample", kBool},
      {"reason", kString}};
  if (create) {
    props["org_id"] = kInt;
    props["code"] = kString;
    return object_schema(props,
                         {"org_id", "code", "name", "type", "field", "basis", "effective_from"});
  }
  props["version"] = kInt;
  return object_schema(props,
                       {"name", "type", "field", "basis", "effective_from", "reason", "version"});
}

catalogue::MatterInput matter_input(Input& in) {
  catalogue::MatterInput m;
  if (in.has("org_id")) m.org_id = in.required_int("org_id", "实施主体", 1, INT64_MAX);
  m.code = in.optional_string("code", "事项编码", 40).value_or("");
  m.name = in.required_string("name", "事项名称", 200);
  m.type = in.required_string("type", "事项类型", 20);
  m.field = in.required_string("field", "执法领域", 30);
  m.list_kind = in.optional_string("list", "清单类别", 20).value_or("");
  m.township_kind = in.optional_string("township_kind", "适用乡镇", 10).value_or("");
  for (auto& c : in.object_list("basis", "设定依据", 30, {"article_id", "clause"})) {
    m.basis.push_back({c.required_int("article_id", "条文", 1, INT64_MAX),
                       c.optional_string("clause", "款项", 30).value_or("")});
  }
  for (auto& s : in.object_list("flow", "办理流程", 40, {"name", "description", "time_limit"})) {
    m.flow.push_back({s.required_string("name", "步骤名称", 60),
                      s.optional_text("description", "步骤说明", 500).value_or(""),
                      s.optional_string("time_limit", "时限", 60).value_or("")});
  }
  if (auto g = in.object(
          "guide", "服务指南",
          {"conditions", "materials", "time_limit", "fees", "place", "contact", "notes"})) {
    for (const auto& f : domain::guide_fields()) {
      std::string key(f.key);
      if (auto v = g->optional_text(key, f.label, 2000); v && !v->empty()) m.guide[key] = *v;
    }
  }
  m.effective_from = in.required_string("effective_from", "生效日期", 10);
  m.effective_until = in.optional_string("effective_until", "失效日期", 10);
  if (m.effective_until && m.effective_until->empty()) m.effective_until.reset();
  m.status = in.optional_string("status", "状态", 10).value_or("active");
  m.sample = in.optional_bool("sample", "示例").value_or(false);
  m.reason = in.optional_string("reason", "修改原因", 200).value_or("");
  return m;
}

catalogue::MatterFilter matter_filter(const http::Request& req) {
  catalogue::MatterFilter f;
  f.q = http::query_text(req, "q", "关键词", 50);
  f.field = http::query_text(req, "field", "执法领域", 30);
  f.type = http::query_enum(
      req, "type", "事项类型",
      {"licence", "penalty", "coercion", "inspection", "levy", "confirmation", "other"});
  f.level = http::query_enum(req, "level", "层级", {"city", "county", "township"});
  f.list = http::query_enum(req, "list", "清单类别", {"statutory", "delegated", "none"});
  f.township_kind = http::query_enum(req, "township_kind", "适用乡镇", {"town", "street", "all"});
  f.org_id = http::query_id(req, "org_id");
  f.county_id = http::query_id(req, "county_id");
  f.effective = http::query_bool(req, "effective");
  return f;
}

json benchmark_schema(bool create) {
  json article = object_schema({{"article_id", kInt}, {"clause", kString}}, {"article_id"});
  json level = object_schema({{"key", kString},
                              {"label", kString},
                              {"criteria", kString},
                              {"min", kInt},
                              {"max", kInt},
                              {"other", {{"type", "array"}, {"items", kString}}},
                              {"minor", kBool}},
                             {"key", "label", "min", "max"});
  json props = {{"code", kString},       {"org_id", kInt},
                {"field", kString},      {"violation", kString},
                {"violated", article},   {"penalty", article},
                {"fine_basis", kString}, {"statutory_min", kInt},
                {"statutory_max", kInt}, {"levels", {{"type", "array"}, {"items", level}}},
                {"sample", kBool},       {"source", kString},
                {"reason", kString}};
  if (!create) props["version"] = kInt;
  return object_schema(
      props, create ? json{"code", "org_id", "field", "violation", "violated", "penalty",
                           "fine_basis", "statutory_min", "statutory_max", "levels"}
                    : json{"org_id", "field", "violation", "violated", "penalty", "fine_basis",
                           "statutory_min", "statutory_max", "levels", "reason", "version"});
}

catalogue::BenchmarkInput benchmark_input(Input& in) {
  catalogue::BenchmarkInput b;
  b.code = in.optional_string("code", "基准编码", 40).value_or("");
  b.org_id = in.required_int("org_id", "发布机关", 1, INT64_MAX);
  b.field = in.required_string("field", "执法领域", 30);
  b.violation = in.required_string("violation", "违法行为", 300);
  auto article = [&](const std::string& name, const char* label, std::int64_t& id,
                     std::string& clause) {
    auto a = in.object(name, label, {"article_id", "clause"});
    if (!a) {
      raise(Error::invalid("input.invalid", std::string(label) + "不能为空", name + " is required",
                           name));
    }
    id = a->required_int("article_id", label, 1, INT64_MAX);
    clause = a->optional_string("clause", "款项", 30).value_or("");
  };
  article("violated", "违反条款", b.violated_article_id, b.violated_clause);
  article("penalty", "处罚依据", b.penalty_article_id, b.penalty_clause);
  b.fine_basis = in.required_string("fine_basis", "罚款方式", 10);
  constexpr std::int64_t kMax = 1'000'000'000'000'000;
  b.statutory_min = in.required_int("statutory_min", "法定下限", 0, kMax);
  b.statutory_max = in.required_int("statutory_max", "法定上限", 0, kMax);
  for (auto& l : in.object_list("levels", "裁量等级", 10,
                                {"key", "label", "criteria", "min", "max", "other", "minor"})) {
    domain::DiscretionLevel d;
    d.key = l.required_string("key", "等级标识", 20);
    d.label = l.required_string("label", "等级名称", 20);
    d.criteria = l.optional_text("criteria", "适用情形", 1000).value_or("");
    d.fine.min = l.required_int("min", "罚款下限", 0, kMax);
    d.fine.max = l.required_int("max", "罚款上限", 0, kMax);
    d.other = l.string_list("other", "其他处罚", 10, 100);
    d.minor = l.optional_bool("minor", "轻微").value_or(false);
    b.levels.push_back(std::move(d));
  }
  b.sample = in.optional_bool("sample", "示例").value_or(false);
  b.source = in.optional_string("source", "来源", 200).value_or("");
  b.reason = in.optional_string("reason", "修改原因", 200).value_or("");
  return b;
}

catalogue::LenientInput lenient_input(Input& in) {
  catalogue::LenientInput e;
  e.code = in.optional_string("code", "编码", 40).value_or("");
  e.kind = in.required_string("kind", "清单类别", 20);
  e.benchmark_id = in.required_int("benchmark_id", "裁量基准", 1, INT64_MAX);
  e.conditions = in.optional_text("conditions", "适用条件", 1000).value_or("");
  e.first_violation_only = in.optional_bool("first_violation_only", "首次违法").value_or(false);
  e.max_harm = in.optional_string("max_harm", "危害后果", 10).value_or("none");
  e.corrected_within_days = in.optional_int("corrected_within_days", "改正期限", 0, 365);
  e.basis = in.optional_string("basis", "依据", 300).value_or("");
  e.sample = in.optional_bool("sample", "示例").value_or(false);
  e.needs_confirmation = in.optional_bool("needs_confirmation", "需确认其他条件").value_or(true);
  e.status = in.optional_string("status", "状态", 10).value_or("active");
  return e;
}

catalogue::CatalogueFilter catalogue_filter(const http::Request& req) {
  catalogue::CatalogueFilter f;
  f.q = http::query_text(req, "q", "关键词", 50);
  f.field = http::query_text(req, "field", "执法领域", 30);
  f.kind = http::query_enum(req, "kind", "清单类别",
                            {"no_penalty", "lighter", "mitigated", "no_coercion"});
  f.org_id = http::query_id(req, "org_id");
  return f;
}

bool dry_run_of(const http::Request& req) {
  return http::query_bool(req, "dry_run").value_or(true);
}

http::Route with_query(http::Route r, std::vector<std::string> q) {
  r.query_params = std::move(q);
  return r;
}

}  // namespace

void register_catalogue_routes(http::Router& router, app::Env& env) {
  auto matters = std::make_shared<catalogue::MatterService>(env);
  auto benchmarks = std::make_shared<catalogue::BenchmarkService>(env);
  auto laws_svc = std::make_shared<laws::LawService>(env);
  const std::string tag = "执法事项清单 matters";
  auto id_of = [](Context& ctx) { return http::parse_id(ctx.req.params["id"], "id"); };

  // --- legal basis library: staff entry ---
  router.add(route("POST", "/api/laws", "法律法规库 laws", "录入法律法规", "catalogue:law:manage",
                   object_schema({{"title", kString},
                                  {"short_title", kString},
                                  {"level", kString},
                                  {"issuer", kString},
                                  {"version_date", kString},
                                  {"effective_date", kString},
                                  {"field", kString}},
                                 {"title", "short_title", "level", "issuer", "version_date",
                                  "effective_date", "field"}),
                   "law.create", [laws_svc](Context& ctx) {
                     Input in(ctx.req.body, {"title", "short_title", "level", "issuer",
                                             "version_date", "effective_date", "field"});
                     laws::LawInput l;
                     l.title = in.required_string("title", "名称", 100);
                     l.short_title = in.required_string("short_title", "简称", 50);
                     l.level = in.required_string("level", "效力层级", 20);
                     l.issuer = in.required_string("issuer", "制定机关", 100);
                     l.version_date = in.required_string("version_date", "版本日期", 10);
                     l.effective_date = in.required_string("effective_date", "施行日期", 10);
                     l.field = in.required_string("field", "领域", 30);
                     return http::render(laws_svc->create(ctx.caller(), l), ctx.req, 201);
                   }));
  router.add(route(
      "PUT", "/api/laws/{id}/articles/{number}", "法律法规库 laws", "录入或修改条文",
      "catalogue:law:manage", object_schema({{"chapter", kString}, {"text", kString}}, {"text"}),
      "law.article", [laws_svc](Context& ctx) {
        Input in(ctx.req.body, {"chapter", "text"});
        auto number = http::parse_id(ctx.req.params["number"], "number");
        if (number > 9999) {
          raise(Error::invalid("law.article_number", "条文序号应在 1 至 9999 之间",
                               "article number must be 1..9999", "number"));
        }
        return http::render(
            laws_svc->put_article(ctx.caller(), http::parse_id(ctx.req.params["id"], "id"),
                                  static_cast<int>(number),
                                  in.optional_string("chapter", "章", 100).value_or(""),
                                  in.optional_text("text", "条文内容", 5000).value_or("")),
            ctx.req);
      }));

  // --- matters ---
  router.add(route("GET", "/api/matters", tag, "执法事项列表(可导出 Excel)",
                   "catalogue:matter:list",
                   {"q", "org_id", "county_id", "field", "type", "level", "list", "township_kind",
                    "effective", "page", "page_size", "format"},
                   [matters](Context& ctx) {
                     auto f = matter_filter(ctx.req);
                     if (http::wants_xlsx(ctx.req)) {
                       auto [cols, rows] = matters->export_rows(f);
                       return http::xlsx_download("执法事项清单", cols, rows);
                     }
                     auto page = http::page_of(ctx.req);
                     return Response::json_body(matters->list(f, page.page, page.size));
                   }));
  router.add(route("GET", "/api/matters/tree", tag, "执法事项目录树(领域/主体)",
                   "catalogue:matter:list", {},
                   [matters](Context&) { return Response::json_body(matters->tree()); }));
  router.add(route("GET", "/api/matters/usable", tag, "执法主体在某日可适用的执法事项",
                   "catalogue:matter:list", {"org_id", "date"}, [matters](Context& ctx) {
                     auto org = http::query_id(ctx.req, "org_id");
                     if (!org) {
                       raise(Error::invalid("input.required", "请指定执法主体",
                                            "org_id is required", "org_id"));
                     }
                     auto date = http::query_text(ctx.req, "date", "日期", 10);
                     return http::render(matters->usable(*org, date.value_or("")), ctx.req);
                   }));
  router.add(route(
      "GET", "/api/matters/{id}", tag, "执法事项详情", "catalogue:matter:list", {},
      [matters, id_of](Context& ctx) { return http::render(matters->get(id_of(ctx)), ctx.req); }));
  router.add(
      route("POST", "/api/matters", tag, "新增执法事项", "catalogue:matter:manage",
            matter_schema(true), "matter.create", [matters](Context& ctx) {
              Input in(ctx.req.body, {"org_id", "code", "name", "type", "field", "list",
                                      "township_kind", "basis", "flow", "guide", "effective_from",
                                      "effective_until", "status", "sample", "reason"});
              return http::render(matters->create(ctx.caller(), matter_input(in)), ctx.req, 201);
            }));
  router.add(route(
      "PUT", "/api/matters/{id}", tag, "修改执法事项(生成新版本)", "catalogue:matter:manage",
      matter_schema(false), "matter.update", [matters, id_of](Context& ctx) {
        Input in(ctx.req.body,
                 {"name", "type", "field", "list", "township_kind", "basis", "flow", "guide",
                  "effective_from", "effective_until", "status", "sample", "reason", "version"});
        auto version = in.required_int("version", "版本", 1, INT64_MAX);
        return http::render(matters->update(ctx.caller(), id_of(ctx), matter_input(in), version),
                            ctx.req);
      }));
  router.add(route("GET", "/api/matters/{id}/versions", tag, "执法事项版本历史",
                   "catalogue:matter:list", {}, [matters, id_of](Context& ctx) {
                     return http::render(matters->versions(id_of(ctx)), ctx.req);
                   }));
  router.add(route("GET", "/api/matters/{id}/versions/{v}", tag, "执法事项某一版本",
                   "catalogue:matter:list", {}, [matters, id_of](Context& ctx) {
                     return http::render(
                         matters->version(id_of(ctx), http::parse_id(ctx.req.params["v"], "v")),
                         ctx.req);
                   }));
  router.add(route("GET", "/api/matters/{id}/diff", tag, "两个版本的差异", "catalogue:matter:list",
                   {"from", "to"}, [matters, id_of](Context& ctx) {
                     auto from = http::query_id(ctx.req, "from");
                     auto to = http::query_id(ctx.req, "to");
                     if (!from || !to) {
                       raise(Error::invalid("input.required", "请指定要比较的两个版本",
                                            "from and to are required", "from"));
                     }
                     return http::render(matters->diff(id_of(ctx), *from, *to), ctx.req);
                   }));
  router.add(with_query(people::upload_route("/api/matters/import", tag,
                                             "导入执法事项(Excel,先预览后导入,全部或全不)",
                                             "catalogue:matter:manage", "matter.import",
                                             [matters](Context& ctx) {
                                               bool dry = dry_run_of(ctx.req);
                                               return http::render(
                                                   matters->import(ctx.caller(), ctx.req.body, dry),
                                                   ctx.req, dry ? 200 : 201);
                                             }),
                        {"dry_run"}));

  // --- township lists ---
  const std::string ttag = "乡镇执法事项 township lists";
  router.add(route("GET", "/api/township-lists", ttag, "各县乡镇法定、赋权事项清单及采用情况",
                   "catalogue:matter:list", {"county_id"}, [matters](Context& ctx) {
                     return Response::json_body(
                         matters->township_lists(http::query_id(ctx.req, "county_id")));
                   }));
  router.add(route("GET", "/api/township-lists/adoptions", ttag, "清单采用决定历史",
                   "catalogue:matter:list", {"county_id"}, [matters](Context& ctx) {
                     return Response::json_body(
                         matters->adoptions(http::query_id(ctx.req, "county_id")));
                   }));
  router.add(
      route("POST", "/api/township-lists/adoptions", ttag, "县级采用乡镇执法事项清单",
            "catalogue:township:adopt",
            object_schema({{"county_id", kInt},
                           {"list", {{"type", "string"}, {"enum", {"statutory", "delegated"}}}},
                           {"decision_no", kString},
                           {"decided_on", kString},
                           {"effective_from", kString}},
                          {"county_id", "list", "decision_no", "decided_on", "effective_from"}),
            "township_list.adopt", [matters](Context& ctx) {
              Input in(ctx.req.body,
                       {"county_id", "list", "decision_no", "decided_on", "effective_from"});
              auto county = in.required_int("county_id", "县(市、区)", 1, INT64_MAX);
              auto list = in.required_string("list", "清单", 20);
              auto no = in.required_string("decision_no", "决定文号", 100);
              auto decided = in.required_string("decided_on", "决定日期", 10);
              auto from = in.required_string("effective_from", "施行日期", 10);
              return http::render(matters->adopt(ctx.caller(), county, list, no, decided, from),
                                  ctx.req, 201);
            }));

  // --- benchmarks ---
  const std::string btag = "裁量基准 benchmarks";
  router.add(route(
      "GET", "/api/benchmarks", btag, "裁量基准列表(可导出 Excel)", "catalogue:benchmark:list",
      {"q", "field", "org_id", "page", "page_size", "format"}, [benchmarks](Context& ctx) {
        auto f = catalogue_filter(ctx.req);
        if (http::wants_xlsx(ctx.req)) {
          auto [cols, rows] = benchmarks->export_rows(f);
          return http::xlsx_download("行政处罚裁量基准", cols, rows);
        }
        auto page = http::page_of(ctx.req);
        return Response::json_body(benchmarks->list(f, page.page, page.size));
      }));
  router.add(route("GET", "/api/benchmarks/{id}", btag, "裁量基准详情", "catalogue:benchmark:list",
                   {}, [benchmarks, id_of](Context& ctx) {
                     return http::render(benchmarks->get(id_of(ctx)), ctx.req);
                   }));
  const std::vector<std::string> bfields = {
      "code",          "org_id",        "field",  "violation", "violated", "penalty", "fine_basis",
      "statutory_min", "statutory_max", "levels", "sample",    "source",   "reason",  "version"};
  router.add(route("POST", "/api/benchmarks", btag, "新增裁量基准", "catalogue:benchmark:manage",
                   benchmark_schema(true), "benchmark.create", [benchmarks, bfields](Context& ctx) {
                     Input in(ctx.req.body, bfields);
                     return http::render(benchmarks->create(ctx.caller(), benchmark_input(in)),
                                         ctx.req, 201);
                   }));
  router.add(route(
      "PUT", "/api/benchmarks/{id}", btag, "修改裁量基准(生成新版本)", "catalogue:benchmark:manage",
      benchmark_schema(false), "benchmark.update", [benchmarks, bfields, id_of](Context& ctx) {
        Input in(ctx.req.body, bfields);
        auto version = in.required_int("version", "版本", 1, INT64_MAX);
        return http::render(
            benchmarks->update(ctx.caller(), id_of(ctx), benchmark_input(in), version), ctx.req);
      }));
  router.add(route("GET", "/api/benchmarks/{id}/versions", btag, "裁量基准版本历史",
                   "catalogue:benchmark:list", {}, [benchmarks, id_of](Context& ctx) {
                     return http::render(benchmarks->versions(id_of(ctx)), ctx.req);
                   }));
  router.add(route(
      "POST", "/api/benchmarks/{id}/decide", btag, "裁量试算(给出处罚幅度、理由与依据)",
      "catalogue:benchmark:list",
      object_schema({{"level", kString},
                     {"organisation", kBool},
                     {"first_violation", kBool},
                     {"harm", {{"type", "string"}, {"enum", {"none", "minor", "serious"}}}},
                     {"corrected_in_days", kInt},
                     {"no_fault", kBool},
                     {"minor_14_to_18", kBool},
                     {"lighter_reasons", {{"type", "array"}, {"items", kString}}},
                     {"aggravating_reasons", {{"type", "array"}, {"items", kString}}},
                     {"choose_mitigation", kBool},
                     {"base_fen", kInt},
                     {"confirmed_entries", {{"type", "array"}, {"items", kString}}}},
                    {"level"}),
      "", [benchmarks, id_of](Context& ctx) {
        Input in(ctx.req.body,
                 {"level", "organisation", "first_violation", "harm", "corrected_in_days",
                  "no_fault", "minor_14_to_18", "lighter_reasons", "aggravating_reasons",
                  "choose_mitigation", "base_fen", "confirmed_entries"});
        domain::Circumstances c;
        auto level = in.required_string("level", "裁量等级", 20);
        c.organisation = in.optional_bool("organisation", "单位").value_or(false);
        c.first_violation = in.optional_bool("first_violation", "首次违法").value_or(false);
        auto harm = in.optional_string("harm", "危害后果", 10).value_or("none");
        if (harm != "none" && harm != "minor" && harm != "serious") {
          raise(Error::invalid("input.invalid", "危害后果应为无、轻微或严重",
                               "harm must be none, minor or serious", "harm"));
        }
        c.harm = harm == "minor"     ? domain::Harm::kMinor
                 : harm == "serious" ? domain::Harm::kSerious
                                     : domain::Harm::kNone;
        if (auto d = in.optional_int("corrected_in_days", "改正用时", 0, 3650)) {
          c.corrected_in_days = static_cast<int>(*d);
        }
        c.no_fault = in.optional_bool("no_fault", "无主观过错").value_or(false);
        c.minor_14_to_18 = in.optional_bool("minor_14_to_18", "未成年人").value_or(false);
        c.lighter_reasons = in.string_list("lighter_reasons", "从轻情节", 20, 100);
        c.aggravating_reasons = in.string_list("aggravating_reasons", "从重情节", 20, 100);
        c.choose_mitigation = in.optional_bool("choose_mitigation", "选择减轻").value_or(false);
        c.base_fen = in.optional_int("base_fen", "计罚基数", 0, 1'000'000'000'000'000).value_or(0);
        c.confirmed_entries = in.string_list("confirmed_entries", "已确认的清单条目", 50, 40);
        return http::render(benchmarks->decide(id_of(ctx), level, c), ctx.req);
      }));
  router.add(with_query(
      people::upload_route(
          "/api/benchmarks/import", btag, "导入裁量基准(Excel,每个等级一行,先预览后导入)",
          "catalogue:benchmark:manage", "benchmark.import",
          [benchmarks](Context& ctx) {
            bool dry = dry_run_of(ctx.req);
            return http::render(benchmarks->import(ctx.caller(), ctx.req.body, dry), ctx.req,
                                dry ? 200 : 201);
          }),
      {"dry_run"}));

  // --- lenient lists ---
  const std::string ltag = "包容审慎清单 lenient lists";
  router.add(route(
      "GET", "/api/lenient-entries", ltag, "包容审慎清单(可导出 Excel)", "catalogue:benchmark:list",
      {"kind", "field", "q", "page", "page_size", "format"}, [benchmarks](Context& ctx) {
        auto f = catalogue_filter(ctx.req);
        if (http::wants_xlsx(ctx.req)) {
          auto [cols, rows] = benchmarks->lenient_export(f);
          return http::xlsx_download("包容审慎监管执法清单", cols, rows);
        }
        auto page = http::page_of(ctx.req);
        return Response::json_body(benchmarks->lenient_list(f, page.page, page.size));
      }));
  const std::vector<std::string> lfields = {"code",
                                            "kind",
                                            "benchmark_id",
                                            "conditions",
                                            "first_violation_only",
                                            "max_harm",
                                            "corrected_within_days",
                                            "basis",
                                            "needs_confirmation",
                                            "sample",
                                            "status"};
  json lschema = object_schema({{"code", kString},
                                {"kind", kString},
                                {"benchmark_id", kInt},
                                {"conditions", kString},
                                {"first_violation_only", kBool},
                                {"max_harm", kString},
                                {"corrected_within_days", kInt},
                                {"basis", kString},
                                {"needs_confirmation", kBool},
                                {"sample", kBool},
                                {"status", kString}},
                               {"kind", "benchmark_id", "conditions", "basis"});
  router.add(route("POST", "/api/lenient-entries", ltag, "新增清单条目",
                   "catalogue:benchmark:manage", lschema, "lenient.create",
                   [benchmarks, lfields](Context& ctx) {
                     Input in(ctx.req.body, lfields);
                     return http::render(
                         benchmarks->lenient_create(ctx.caller(), lenient_input(in)), ctx.req, 201);
                   }));
  router.add(
      route("PUT", "/api/lenient-entries/{id}", ltag, "修改清单条目", "catalogue:benchmark:manage",
            lschema, "lenient.update", [benchmarks, lfields, id_of](Context& ctx) {
              Input in(ctx.req.body, lfields);
              return http::render(
                  benchmarks->lenient_update(ctx.caller(), id_of(ctx), lenient_input(in)), ctx.req);
            }));
  router.add(with_query(
      people::upload_route(
          "/api/lenient-entries/import", ltag, "导入包容审慎清单(Excel,先预览后导入)",
          "catalogue:benchmark:manage", "lenient.import",
          [benchmarks](Context& ctx) {
            bool dry = dry_run_of(ctx.req);
            return http::render(benchmarks->lenient_import(ctx.caller(), ctx.req.body, dry),
                                ctx.req, dry ? 200 : 201);
          }),
      {"dry_run"}));

  // --- public portal ---
  const std::string ptag = "行政执法专栏 portal";
  router.add(public_route(
      "GET", "/public/api/matters", ptag, "公开:执法事项清单检索",
      {"q", "county", "org_id", "field", "type", "page", "page_size"}, [matters](Context& ctx) {
        auto f = matter_filter(ctx.req);
        auto page = http::page_of(ctx.req);
        return Response::json_body(matters->public_list(
            f, http::query_text(ctx.req, "county", "县(市、区)", 20), page.page, page.size));
      }));
  router.add(public_route("GET", "/public/api/matters/{id}", ptag, "公开:执法事项详情", {},
                          [matters, id_of](Context& ctx) {
                            return http::render(matters->public_get(id_of(ctx)), ctx.req);
                          }));
  router.add(public_route("GET", "/public/api/matter-orgs", ptag, "公开:有事项的实施主体",
                          {"county"}, [matters](Context& ctx) {
                            return Response::json_body(matters->public_orgs(
                                http::query_text(ctx.req, "county", "县(市、区)", 20)));
                          }));
  router.add(public_route(
      "GET", "/public/api/counties", ptag, "公开:市本级与各县(市、区)", {},
      [matters](Context&) { return Response::json_body(matters->public_counties()); }));
  router.add(public_route("GET", "/public/api/township-lists", ptag,
                          "公开:县级采用的乡镇执法事项清单", {"county"}, [matters](Context& ctx) {
                            auto county = http::query_text(ctx.req, "county", "县(市、区)", 20);
                            if (!county) {
                              raise(Error::invalid("input.required", "请选择县(市、区)",
                                                   "county is required", "county"));
                            }
                            return http::render(matters->public_township(*county), ctx.req);
                          }));
  router.add(public_route("GET", "/public/api/benchmarks", ptag, "公开:裁量基准",
                          {"q", "field", "page", "page_size"}, [benchmarks](Context& ctx) {
                            auto page = http::page_of(ctx.req);
                            return Response::json_body(benchmarks->list(
                                catalogue_filter(ctx.req), page.page, page.size, true));
                          }));
  router.add(public_route("GET", "/public/api/benchmarks/{id}", ptag, "公开:裁量基准详情", {},
                          [benchmarks, id_of](Context& ctx) {
                            return http::render(benchmarks->get(id_of(ctx), true), ctx.req);
                          }));
  router.add(public_route("GET", "/public/api/lenient-entries", ptag, "公开:包容审慎清单",
                          {"kind", "q", "field", "page", "page_size"}, [benchmarks](Context& ctx) {
                            auto page = http::page_of(ctx.req);
                            return Response::json_body(benchmarks->lenient_list(
                                catalogue_filter(ctx.req), page.page, page.size, true));
                          }));
}

}  // namespace zhifa::modules
