#include "app/demo_catalogue.hpp"

#include <nlohmann/json.hpp>

#include "domain/law_text.hpp"
#include "modules/catalogue/benchmarks.hpp"
#include "modules/catalogue/matters.hpp"
#include "modules/laws/laws.hpp"
#include "modules/org/org_repo.hpp"
#include "platform/embedded.hpp"

namespace zhifa::app {
namespace {

using nlohmann::json;
namespace cat = modules::catalogue;

Result<json> data_file(const std::string& name) {
  auto text = embedded::file("data/catalogue/" + name);
  if (!text) return Error::internal("data/catalogue/" + name + " missing from the binary");
  return json::parse(*text);
}

Result<modules::laws::ArticleRef> cite(db::Tx& tx, const json& c) {
  domain::CitationRef ref;
  ref.law = c.at("law").get<std::string>();
  ref.article = c.at("article").get<int>();
  ref.clause = c.value("clause", "");
  ref.text = "《" + ref.law + "》第" + domain::chinese_numeral(ref.article) + "条" + ref.clause;
  return modules::laws::resolve(tx, ref, "basis");
}

// Amounts of the data files: yuan (fixed) or multiples; stored as fen or thousandths.
std::int64_t scaled(const json& v, const std::string& basis) {
  double x = v.get<double>() * (basis == "fixed" ? 100.0 : 1000.0);
  return static_cast<std::int64_t>(x + 0.5);
}

Status with_context(const Error& e, const std::string& what) {
  return Error::internal("demo catalogue: " + what + ": " + e.message_zh);
}

}  // namespace

Result<CatalogueReport> load_demo_catalogue(db::Tx& tx, std::int64_t now) {
  CatalogueReport report;
  auto matters = data_file("matters.json");
  if (!matters) return matters.error();
  auto township = data_file("township.json");
  if (!township) return township.error();
  auto benchmarks = data_file("benchmarks.json");
  if (!benchmarks) return benchmarks.error();
  auto lenient = data_file("lenient.json");
  if (!lenient) return lenient.error();

  auto city = tx.query("SELECT id, code, name FROM orgs WHERE kind = 'city' ORDER BY id LIMIT 1");
  if (city.empty()) return Error::internal("demo catalogue: no city");
  std::string city_code = city[0].str(1);
  auto counties =
      tx.query("SELECT id, code, name FROM orgs WHERE kind = 'county' ORDER BY sort, code");

  auto build = [&](const json& m, std::int64_t org_id, const std::string& field,
                   const std::string& effective_from) -> Result<cat::MatterInput> {
    cat::MatterInput in;
    in.org_id = org_id;
    in.code = m.at("code");
    in.name = m.at("name");
    in.type = m.at("type");
    in.field = field;
    for (const auto& c : m.at("basis")) {
      auto ref = cite(tx, c);
      if (!ref) return with_context(ref.error(), in.code).error();
      in.basis.push_back({ref->article_id, ref->clause});
    }
    const json& flow = m.contains("flow") ? m["flow"] : (*matters)["flows"][in.type];
    for (const auto& s : flow) {
      in.flow.push_back(
          {s.value("name", ""), s.value("description", ""), s.value("time_limit", "")});
    }
    const json& guide = m.contains("guide") ? m["guide"] : (*matters)["guides"][in.type];
    for (const auto& [k, v] : guide.items()) {
      if (v.is_string() && !v.get<std::string>().empty()) in.guide[k] = v.get<std::string>();
    }
    in.effective_from = m.value("effective_from", effective_from);
    in.sample = m.value("sample", true);
    in.reason = "示例数据导入";
    return in;
  };
  auto fill_place = [&](cat::MatterInput& in, const std::string& holder) {
    if (!in.guide.count("place")) in.guide["place"] = holder + "(政务服务中心执法窗口)";
    if (!in.guide.count("contact")) in.guide["contact"] = "12345 政务服务便民热线";
  };

  // The teams' matters: the city team and each county team of the same field.
  for (const auto& [team, list] : (*matters)["teams"].items()) {
    std::vector<std::pair<std::int64_t, std::string>> holders;
    if (auto o = modules::org::find_by_code(tx, city_code + "-ZF-" + team)) {
      holders.emplace_back(o->id, o->name);
    }
    for (auto c : counties) {
      if (auto o = modules::org::find_by_code(tx, c.str(1) + "-ZF-" + team)) {
        holders.emplace_back(o->id, o->name);
      }
    }
    for (const auto& [org_id, name] : holders) {
      for (const auto& m : list) {
        auto in = build(m, org_id, m.at("field"), "2024-01-01");
        if (!in) return in.error();
        fill_place(*in, name);
        auto saved = cat::save_matter(tx, nullptr, now, *in, std::nullopt, std::nullopt);
        if (!saved) return with_context(saved.error(), in->code).error();
        report.matters++;
      }
    }
  }

  // Township lists, held by each county, adopted by county decision.
  const auto& adoption = (*township)["adoption"];
  std::string effective = adoption.at("effective_from");
  std::string decided = adoption.at("decided_on");
  int county_index = 0;
  for (auto c : counties) {
    std::int64_t county_id = c.i64(0);
    std::string county_name = c.str(2);
    auto add = [&](const json& items, const std::string& list, const std::string& kind) -> Status {
      for (const auto& m : items) {
        auto in = build(m, county_id, "township", effective);
        if (!in) return in.error();
        in->list_kind = list;
        in->township_kind = kind;
        fill_place(*in, county_name + "各乡镇(街道)综合行政执法办公室");
        auto saved = cat::save_matter(tx, nullptr, now, *in, std::nullopt, std::nullopt);
        if (!saved) return with_context(saved.error(), in->code);
        report.township_matters++;
      }
      return Ok{};
    };
    if (auto ok = add((*township)["statutory"]["town"], "statutory", "town"); !ok)
      return ok.error();
    if (auto ok = add((*township)["statutory"]["street"], "statutory", "street"); !ok) {
      return ok.error();
    }
    if (auto ok = add((*township)["delegated"], "delegated", "all"); !ok) return ok.error();
    // 文号 like 盐政发〔2024〕3号: the county's first character.
    std::string abbr = county_name.substr(0, 3);
    ++county_index;
    bool last = county_index == static_cast<int>(counties.size());
    for (const char* list : {"statutory", "delegated"}) {
      if (last && std::string(list) == "delegated") continue;  // pending: shows adoption at work
      std::string no =
          abbr + "政发〔2024〕" + std::to_string(county_index * 2 + (list[0] == 'd')) + "号";
      auto a = cat::adopt_list(tx, nullptr, now, county_id, list, no, decided, effective);
      if (!a) return with_context(a.error(), county_name).error();
      report.adoptions++;
    }
  }

  // Benchmarks, published by the city team of their field.
  for (const auto& b : (*benchmarks)["benchmarks"]) {
    cat::BenchmarkInput in;
    in.code = b.at("code");
    auto o = modules::org::find_by_code(tx, city_code + "-ZF-" + b.at("team").get<std::string>());
    if (!o) return Error::internal("demo catalogue: no team for " + in.code);
    in.org_id = o->id;
    in.field = b.at("field");
    in.violation = b.at("violation");
    auto v = cite(tx, b.at("violated"));
    if (!v) return with_context(v.error(), in.code).error();
    auto p = cite(tx, b.at("penalty"));
    if (!p) return with_context(p.error(), in.code).error();
    in.violated_article_id = v->article_id;
    in.violated_clause = v->clause;
    in.penalty_article_id = p->article_id;
    in.penalty_clause = p->clause;
    in.fine_basis = b.at("fine_basis");
    in.statutory_min = scaled(b.at("statutory").at("min"), in.fine_basis);
    in.statutory_max = scaled(b.at("statutory").at("max"), in.fine_basis);
    for (const auto& l : b.at("levels")) {
      domain::DiscretionLevel d;
      d.key = l.at("key");
      d.label = l.at("label");
      d.criteria = l.value("criteria", "");
      d.fine.min = scaled(l.at("min"), in.fine_basis);
      d.fine.max = scaled(l.at("max"), in.fine_basis);
      d.other = l.value("other", std::vector<std::string>{});
      d.minor = l.value("minor", false);
      in.levels.push_back(std::move(d));
    }
    in.sample = b.value("sample", true);
    in.source = b.value("source", "");
    in.reason = "示例数据导入";
    auto saved = cat::save_benchmark(tx, nullptr, now, in, std::nullopt, std::nullopt);
    if (!saved) return with_context(saved.error(), in.code).error();
    report.benchmarks++;
  }

  for (const auto& e : (*lenient)["entries"]) {
    cat::LenientInput in;
    in.code = e.at("code");
    in.kind = e.at("kind");
    in.benchmark_id = tx.scalar_i64("SELECT id FROM benchmarks WHERE code = ?",
                                    {e.at("benchmark").get<std::string>()});
    in.conditions = e.at("conditions");
    in.first_violation_only = e.value("first_violation_only", false);
    in.max_harm = e.value("max_harm", "none");
    if (e.contains("corrected_within_days") && e["corrected_within_days"].is_number()) {
      in.corrected_within_days = e["corrected_within_days"].get<std::int64_t>();
    }
    in.basis = e.at("basis");
    in.sample = e.value("sample", true);
    in.needs_confirmation = e.value("needs_confirmation", true);
    auto saved = cat::save_lenient(tx, nullptr, now, in, std::nullopt);
    if (!saved) return with_context(saved.error(), in.code).error();
    report.lenient++;
  }
  return report;
}

}  // namespace zhifa::app
