#include "modules/catalogue/benchmarks.hpp"

#include "modules/catalogue/import_plan.hpp"

#include <map>
#include <set>

#include "domain/catalogue.hpp"
#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/import_sheet.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/laws/laws.hpp"
#include "modules/org/org_repo.hpp"

namespace zhifa::modules::catalogue {
namespace {

using nlohmann::json;

using domain::field_label;
using domain::field_of_label;

domain::FineBasis basis_of(const std::string& s) {
  return s == "gains"   ? domain::FineBasis::kGainsMultiple
         : s == "value" ? domain::FineBasis::kValueMultiple
                        : domain::FineBasis::kFixed;
}

std::string basis_label(const std::string& s) {
  return s == "gains" ? "违法所得倍数" : s == "value" ? "货值金额倍数" : "固定金额";
}

std::optional<std::string> basis_of_label(const std::string& s) {
  if (s == "固定金额" || s == "fixed" || s == "罚款金额") return "fixed";
  if (s == "违法所得倍数" || s == "gains") return "gains";
  if (s == "货值金额倍数" || s == "value") return "value";
  return std::nullopt;
}

struct KindDef {
  std::string_view key, label, short_label;
};
constexpr KindDef kKinds[] = {{"no_penalty", "不予处罚", "不予处罚"},
                              {"lighter", "从轻处罚", "从轻"},
                              {"mitigated", "减轻处罚", "减轻"},
                              {"no_coercion", "免予行政强制", "免予强制"}};

domain::LenientKind lenient_kind(const std::string& k) {
  return k == "lighter"       ? domain::LenientKind::kLighter
         : k == "mitigated"   ? domain::LenientKind::kMitigated
         : k == "no_coercion" ? domain::LenientKind::kNoCoercion
                              : domain::LenientKind::kNoPenalty;
}

// An amount as entered: yuan with up to 2 decimals (-> fen) or a multiple with up to 3 (->
// thousandths); "5000元", "1.5倍" and thousands separators accepted.
std::optional<std::int64_t> parse_scaled(std::string text, int decimals) {
  for (const char* suffix : {"元", "倍"}) {
    std::string s(suffix);
    if (text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0) {
      text.resize(text.size() - s.size());
    }
  }
  std::string clean;
  for (char c : text) {
    if (c != ',' && c != ' ') clean += c;
  }
  if (clean.empty()) return std::nullopt;
  std::int64_t whole = 0, frac = 0;
  int frac_digits = 0;
  bool dot = false;
  for (char c : clean) {
    if (c == '.') {
      if (dot) return std::nullopt;
      dot = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (!dot) {
      whole = whole * 10 + (c - '0');
      if (whole > 1'000'000'000'000) return std::nullopt;
    } else {
      if (frac_digits == decimals) {
        if (c != '0') {
          // Excel's binary noise (0.30000000000000004): round at the last kept digit.
          continue;
        }
        continue;
      }
      frac = frac * 10 + (c - '0');
      ++frac_digits;
    }
  }
  for (int i = frac_digits; i < decimals; ++i) frac *= 10;
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  return whole * scale + frac;
}

std::string scaled_text(std::int64_t v, int decimals) {
  std::int64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  std::string s = std::to_string(v / scale);
  std::int64_t frac = v % scale;
  if (frac) {
    std::string f = std::to_string(frac);
    while (static_cast<int>(f.size()) < decimals) f = "0" + f;
    while (!f.empty() && f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

json levels_json(const std::vector<domain::DiscretionLevel>& levels) {
  json a = json::array();
  for (const auto& l : levels) {
    a.push_back({{"key", l.key},
                 {"label", l.label},
                 {"criteria", l.criteria},
                 {"min", l.fine.min},
                 {"max", l.fine.max},
                 {"other", l.other},
                 {"minor", l.minor}});
  }
  return a;
}

std::vector<domain::DiscretionLevel> levels_of(const json& a, domain::FineBasis basis) {
  std::vector<domain::DiscretionLevel> out;
  for (const auto& l : a) {
    domain::DiscretionLevel d;
    d.key = l.value("key", "");
    d.label = l.value("label", "");
    d.criteria = l.value("criteria", "");
    d.fine = {basis, l.value("min", std::int64_t{0}), l.value("max", std::int64_t{0})};
    d.other = l.value("other", std::vector<std::string>{});
    d.minor = l.value("minor", false);
    out.push_back(std::move(d));
  }
  return out;
}

constexpr const char* kSelect =
    "SELECT b.id, b.code, b.org_id, o.name, b.field, b.violation, b.violated_article_id, "
    "b.violated_clause, b.penalty_article_id, b.penalty_clause, b.fine_basis, b.statutory_min, "
    "b.statutory_max, b.levels, b.sample, b.source, b.version, b.updated_at, "
    "COALESCE(u.display_name, '')";
constexpr const char* kFrom =
    " FROM benchmarks b JOIN orgs o ON o.id = b.org_id LEFT JOIN users u ON u.id = b.updated_by "
    "WHERE 1=1";

struct BenchmarkRow {
  std::int64_t id = 0, org_id = 0, violated = 0, penalty = 0, min = 0, max = 0, version = 0,
               updated_at = 0;
  std::string code, org_name, field, violation, violated_clause, penalty_clause, fine_basis, source,
      updated_by;
  std::vector<domain::DiscretionLevel> levels;
  bool sample = false;
};

BenchmarkRow to_row(const db::Row& r) {
  BenchmarkRow b;
  b.id = r.i64(0);
  b.code = r.str(1);
  b.org_id = r.i64(2);
  b.org_name = r.str(3);
  b.field = r.str(4);
  b.violation = r.str(5);
  b.violated = r.i64(6);
  b.violated_clause = r.str(7);
  b.penalty = r.i64(8);
  b.penalty_clause = r.str(9);
  b.fine_basis = r.str(10);
  b.min = r.i64(11);
  b.max = r.i64(12);
  b.levels = levels_of(json::parse(r.str(13)), basis_of(b.fine_basis));
  b.sample = r.boolean(14);
  b.source = r.str(15);
  b.version = r.i64(16);
  b.updated_at = r.i64(17);
  b.updated_by = r.str(18);
  return b;
}

std::optional<BenchmarkRow> find_benchmark(db::Tx& tx, std::int64_t id) {
  auto rows = tx.query(std::string(kSelect) + kFrom + " AND b.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return to_row(rows[0]);
}

json article_out(db::Tx& tx, std::int64_t id, const std::string& clause) {
  auto ref = laws::article_ref(tx, id, clause, "article_id");
  if (!ref) return {{"article_id", id}, {"clause", clause}, {"citation", ""}, {"text", ""}};
  return laws::article_json(*ref, true);
}

json benchmark_json(db::Tx& tx, const BenchmarkRow& b, bool public_view) {
  json j = {{"id", b.id},
            {"code", b.code},
            {"org_id", b.org_id},
            {"org_name", b.org_name},
            {"field", b.field},
            {"field_label", field_label(b.field)},
            {"violation", b.violation},
            {"violated", article_out(tx, b.violated, b.violated_clause)},
            {"penalty", article_out(tx, b.penalty, b.penalty_clause)},
            {"fine_basis", b.fine_basis},
            {"fine_basis_label", basis_label(b.fine_basis)},
            {"statutory_min", b.min},
            {"statutory_max", b.max},
            {"levels", levels_json(b.levels)},
            {"sample", b.sample},
            {"source", b.source},
            {"version", b.version},
            {"updated_at", b.updated_at}};
  if (!public_view) j["updated_by_name"] = b.updated_by;
  return j;
}

std::string filter_sql(db::Tx& tx, const CatalogueFilter& f, db::Params& params) {
  std::string w;
  if (f.q && !f.q->empty()) {
    w += " AND (" + sql_contains(tx, "b.violation") + " OR " + sql_contains(tx, "b.code") + ")";
    params.emplace_back(*f.q);
    params.emplace_back(*f.q);
  }
  if (f.field) {
    w += " AND b.field = ?";
    params.emplace_back(*f.field);
  }
  if (f.org_id) {
    w += " AND b.org_id = ?";
    params.emplace_back(*f.org_id);
  }
  return w;
}

json snapshot(const BenchmarkInput& in) {
  return {{"code", in.code},
          {"org_id", in.org_id},
          {"field", in.field},
          {"violation", in.violation},
          {"violated_article_id", in.violated_article_id},
          {"violated_clause", in.violated_clause},
          {"penalty_article_id", in.penalty_article_id},
          {"penalty_clause", in.penalty_clause},
          {"fine_basis", in.fine_basis},
          {"statutory_min", in.statutory_min},
          {"statutory_max", in.statutory_max},
          {"levels", levels_json(in.levels)},
          {"sample", in.sample},
          {"source", in.source}};
}

}  // namespace

std::string_view lenient_kind_label(std::string_view kind) {
  for (const auto& k : kKinds) {
    if (k.key == kind) return k.label;
  }
  return kind;
}

Result<std::int64_t> save_benchmark(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                    const BenchmarkInput& in, std::optional<std::int64_t> id,
                                    std::optional<std::int64_t> expected_version) {
  auto bad = [](std::string code, std::string zh, std::string en, std::string field) {
    return Error::invalid(std::move(code), std::move(zh), std::move(en), std::move(field));
  };
  if (in.code.empty()) return bad("benchmark.code", "请填写基准编码", "code is required", "code");
  if (in.violation.empty()) {
    return bad("benchmark.violation", "请填写违法行为", "violation is required", "violation");
  }
  if (!domain::is_known_field(in.field)) {
    return bad("benchmark.field", "执法领域不存在", "unknown field", "field");
  }
  if (in.fine_basis != "fixed" && in.fine_basis != "gains" && in.fine_basis != "value") {
    return bad("benchmark.fine_basis", "罚款方式应为固定金额、违法所得倍数或货值金额倍数",
               "fine_basis must be fixed, gains or value", "fine_basis");
  }
  auto violated = laws::article_ref(tx, in.violated_article_id, in.violated_clause, "violated");
  if (!violated) return violated.error();
  auto penalty = laws::article_ref(tx, in.penalty_article_id, in.penalty_clause, "penalty");
  if (!penalty) return penalty.error();
  domain::Benchmark b;
  b.code = in.code;
  b.violation = in.violation;
  b.statutory = {basis_of(in.fine_basis), in.statutory_min, in.statutory_max};
  b.levels = in.levels;
  for (auto& l : b.levels) l.fine.basis = b.statutory.basis;
  if (auto ok = domain::check_benchmark(b); !ok) return ok.error();
  std::set<std::string> keys;
  for (const auto& l : b.levels) {
    if (!keys.insert(l.key).second) {
      return bad("discretion.level", "裁量等级“" + l.label + "”重复", "a level is repeated",
                 "levels");
    }
  }
  auto o = org::find(tx, in.org_id);
  if (!o || o->kind != "body") {
    return bad("benchmark.org", "发布机关应为执法主体", "org_id must be an enforcement body",
               "org_id");
  }
  std::optional<std::int64_t> by =
      actor ? std::optional<std::int64_t>(actor->user_id) : std::nullopt;
  std::string levels = levels_json(b.levels).dump();
  std::int64_t bid = 0, version = 1;
  std::string reason = in.reason;
  if (!id) {
    if (actor && !actor->covers({o->id, o->path})) {
      return Error::forbidden("catalogue.scope", "无权为该主体发布裁量基准",
                              "the body is outside your data scope");
    }
    if (tx.scalar_i64("SELECT COUNT(*) FROM benchmarks WHERE code = ?", {in.code}) > 0) {
      return Error::conflict("benchmark.code_taken", "基准编码 " + in.code + " 已被使用",
                             "the code is taken", "code");
    }
    bid = tx.insert(
        "INSERT INTO benchmarks (code, org_id, field, violation, violated_article_id, "
        "violated_clause, penalty_article_id, penalty_clause, fine_basis, statutory_min, "
        "statutory_max, levels, sample, source, version, created_at, created_by, updated_at, "
        "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING id",
        {in.code, in.org_id, in.field, in.violation, in.violated_article_id, in.violated_clause,
         in.penalty_article_id, in.penalty_clause, in.fine_basis, in.statutory_min,
         in.statutory_max, levels, static_cast<std::int64_t>(in.sample ? 1 : 0), in.source, now, by,
         now, by});
    if (reason.empty()) reason = "新增裁量基准";
  } else {
    auto old = find_benchmark(tx, *id);
    if (!old) return Error::not_found("裁量基准", "benchmark");
    auto holder = org::find(tx, old->org_id);
    if (actor && holder && !actor->covers({holder->id, holder->path})) {
      return Error::forbidden("catalogue.scope", "无权修改该主体的裁量基准",
                              "the body is outside your data scope");
    }
    if (expected_version && *expected_version != old->version) {
      return Error::conflict("benchmark.stale",
                             "该裁量基准已被他人修改(当前为第 " + std::to_string(old->version) +
                                 " 版),请刷新后重新编辑",
                             "changed by someone else; reload", "version");
    }
    if (reason.empty()) {
      return bad("benchmark.reason", "请填写修改原因", "reason is required", "reason");
    }
    bid = *id;
    version = old->version + 1;
    tx.exec(
        "UPDATE benchmarks SET org_id = ?, field = ?, violation = ?, violated_article_id = ?, "
        "violated_clause = ?, penalty_article_id = ?, penalty_clause = ?, fine_basis = ?, "
        "statutory_min = ?, statutory_max = ?, levels = ?, sample = ?, source = ?, version = ?, "
        "updated_at = ?, updated_by = ? WHERE id = ?",
        {in.org_id, in.field, in.violation, in.violated_article_id, in.violated_clause,
         in.penalty_article_id, in.penalty_clause, in.fine_basis, in.statutory_min,
         in.statutory_max, levels, static_cast<std::int64_t>(in.sample ? 1 : 0), in.source, version,
         now, by, bid});
  }
  json snap = snapshot(in);
  tx.exec(
      "INSERT INTO benchmark_versions (benchmark_id, version, data, reason, created_at, "
      "created_by) VALUES (?, ?, ?, ?, ?, ?)",
      {bid, version, snap.dump(), reason, now, by});
  if (actor) {
    record(tx, actor, now, in.org_id, "benchmark", std::to_string(bid),
           version == 1 ? "benchmark.created" : "benchmark.changed",
           {{"code", in.code}, {"version", version}, {"reason", reason}, {"data", snap}});
  }
  return bid;
}

Result<std::int64_t> save_lenient(db::Tx& tx, const domain::Scope* actor, std::int64_t now,
                                  const LenientInput& in, std::optional<std::int64_t> id) {
  auto bad = [](std::string code, std::string zh, std::string en, std::string field) {
    return Error::invalid(std::move(code), std::move(zh), std::move(en), std::move(field));
  };
  if (in.code.empty()) return bad("lenient.code", "请填写清单编码", "code is required", "code");
  bool kind_ok = false;
  for (const auto& k : kKinds) kind_ok = kind_ok || k.key == in.kind;
  if (!kind_ok) {
    return bad("lenient.kind", "清单类别应为不予处罚、从轻处罚、减轻处罚或免予行政强制",
               "unknown kind", "kind");
  }
  if (in.conditions.empty()) {
    return bad("lenient.conditions", "请填写适用条件", "conditions are required", "conditions");
  }
  if (in.max_harm != "none" && in.max_harm != "minor") {
    return bad("lenient.max_harm", "危害后果应为无或轻微", "max_harm must be none or minor",
               "max_harm");
  }
  if (in.corrected_within_days &&
      (*in.corrected_within_days < 0 || *in.corrected_within_days > 365)) {
    return bad("lenient.days", "改正期限应在 0 至 365 日之间", "days out of range",
               "corrected_within_days");
  }
  if (in.basis.empty()) return bad("lenient.basis", "请填写依据", "basis is required", "basis");
  if (in.status != "active" && in.status != "withdrawn") {
    return bad("lenient.status", "状态应为有效或已废止", "status must be active or withdrawn",
               "status");
  }
  auto b = find_benchmark(tx, in.benchmark_id);
  if (!b) {
    return bad("lenient.benchmark", "对应的裁量基准不存在", "unknown benchmark", "benchmark_id");
  }
  auto holder = org::find(tx, b->org_id);
  if (actor && holder && !actor->covers({holder->id, holder->path})) {
    return Error::forbidden("catalogue.scope", "无权修改该主体的清单",
                            "the body is outside your data scope");
  }
  std::optional<std::int64_t> by =
      actor ? std::optional<std::int64_t>(actor->user_id) : std::nullopt;
  std::int64_t lid = 0;
  if (!id) {
    if (tx.scalar_i64("SELECT COUNT(*) FROM lenient_entries WHERE code = ?", {in.code}) > 0) {
      return Error::conflict("lenient.code_taken", "清单编码 " + in.code + " 已被使用",
                             "the code is taken", "code");
    }
    lid = tx.insert(
        "INSERT INTO lenient_entries (code, kind, benchmark_id, conditions, first_violation_only, "
        "max_harm, corrected_within_days, basis, needs_confirmation, sample, status, created_at, "
        "created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        {in.code, in.kind, in.benchmark_id, in.conditions,
         static_cast<std::int64_t>(in.first_violation_only ? 1 : 0), in.max_harm,
         in.corrected_within_days, in.basis,
         static_cast<std::int64_t>(in.needs_confirmation ? 1 : 0),
         static_cast<std::int64_t>(in.sample ? 1 : 0), in.status, now, by, now, by});
  } else {
    lid = *id;
    if (tx.exec("UPDATE lenient_entries SET kind = ?, benchmark_id = ?, conditions = ?, "
                "first_violation_only = ?, max_harm = ?, corrected_within_days = ?, basis = ?, "
                "needs_confirmation = ?, sample = ?, status = ?, updated_at = ?, updated_by = ? "
                "WHERE id = ?",
                {in.kind, in.benchmark_id, in.conditions,
                 static_cast<std::int64_t>(in.first_violation_only ? 1 : 0), in.max_harm,
                 in.corrected_within_days, in.basis,
                 static_cast<std::int64_t>(in.needs_confirmation ? 1 : 0),
                 static_cast<std::int64_t>(in.sample ? 1 : 0), in.status, now, by, lid}) == 0) {
      return Error::not_found("清单条目", "lenient entry");
    }
  }
  if (actor) {
    record(tx, actor, now, b->org_id, "lenient_entry", std::to_string(lid),
           id ? "lenient.changed" : "lenient.created",
           {{"code", in.code},
            {"kind", in.kind},
            {"benchmark", b->code},
            {"conditions", in.conditions},
            {"status", in.status}});
  }
  return lid;
}

std::optional<LoadedBenchmark> load_benchmark(db::Tx& tx, std::int64_t id) {
  auto b = find_benchmark(tx, id);
  if (!b) return std::nullopt;
  LoadedBenchmark out;
  auto& d = out.benchmark;
  d.code = b->code;
  d.violation = b->violation;
  auto v = laws::article_ref(tx, b->violated, b->violated_clause, "violated");
  auto p = laws::article_ref(tx, b->penalty, b->penalty_clause, "penalty");
  d.violated_article = v ? v->citation() : "";
  d.penalty_article = p ? p->citation() : "";
  d.statutory = {basis_of(b->fine_basis), b->min, b->max};
  d.levels = b->levels;
  for (auto r : tx.query("SELECT code, kind, first_violation_only, max_harm, "
                         "corrected_within_days, basis, needs_confirmation FROM lenient_entries "
                         "WHERE benchmark_id = ? AND status = 'active' ORDER BY code",
                         {id})) {
    domain::LenientEntry e;
    e.code = r.str(0);
    e.kind = lenient_kind(r.str(1));
    e.violation_code = b->code;
    e.first_violation_only = r.boolean(2);
    e.max_harm = r.str(3) == "minor" ? domain::Harm::kMinor : domain::Harm::kNone;
    e.corrected_within_days = r.is_null(4) ? -1 : static_cast<int>(r.i64(4));
    e.basis = r.str(5);
    e.needs_confirmation = r.boolean(6);
    out.lenient.push_back(std::move(e));
  }
  return out;
}

nlohmann::json BenchmarkService::list(const CatalogueFilter& f, std::int64_t page,
                                      std::int64_t size, bool public_view) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = filter_sql(*tx, f, params);
  std::int64_t total = 0;
  json items = json::array();
  for (auto r : fetch_page(*tx, kSelect, {}, std::string(kFrom) + where, " ORDER BY b.code", params,
                           size, (page - 1) * size, total)) {
    items.push_back(benchmark_json(*tx, to_row(r), public_view));
  }
  return {{"items", items}, {"total", total}};
}

Result<nlohmann::json> BenchmarkService::get(std::int64_t id, bool public_view) {
  auto tx = env_.db->read();
  auto b = find_benchmark(*tx, id);
  if (!b) return Error::not_found("裁量基准", "benchmark");
  json j = benchmark_json(*tx, *b, public_view);
  json lenient = json::array();
  for (auto r : tx->query("SELECT id, code, kind, conditions FROM lenient_entries WHERE "
                          "benchmark_id = ? AND status = 'active' ORDER BY code",
                          {id})) {
    lenient.push_back({{"id", r.i64(0)},
                       {"code", r.str(1)},
                       {"kind", r.str(2)},
                       {"kind_label", lenient_kind_label(r.str(2))},
                       {"conditions", r.str(3)}});
  }
  j["lenient"] = lenient;
  return j;
}

Result<nlohmann::json> BenchmarkService::create(const domain::Scope& scope,
                                                const BenchmarkInput& in) {
  std::int64_t id = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto saved = save_benchmark(tx, &scope, env_.now(), in, std::nullopt, std::nullopt);
    if (!saved) return saved.error();
    id = *saved;
    return Ok{};
  });
  if (!r) return r.error();
  return get(id);
}

Result<nlohmann::json> BenchmarkService::update(const domain::Scope& scope, std::int64_t id,
                                                const BenchmarkInput& in,
                                                std::int64_t expected_version) {
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto saved = save_benchmark(tx, &scope, env_.now(), in, id, expected_version);
    if (!saved) return saved.error();
    return Ok{};
  });
  if (!r) return r.error();
  return get(id);
}

Result<nlohmann::json> BenchmarkService::versions(std::int64_t id) {
  auto tx = env_.db->read();
  if (!find_benchmark(*tx, id)) return Error::not_found("裁量基准", "benchmark");
  json out = json::array();
  for (auto r : tx->query(
           "SELECT v.version, v.reason, v.created_at, COALESCE(u.display_name, ''), v.data FROM "
           "benchmark_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.benchmark_id = "
           "? ORDER BY v.version DESC",
           {id})) {
    out.push_back({{"version", r.i64(0)},
                   {"reason", r.str(1)},
                   {"created_at", r.i64(2)},
                   {"created_by_name", r.str(3)},
                   {"data", json::parse(r.str(4))}});
  }
  return out;
}

domain::Circumstances circumstances_from_json(const nlohmann::json& j, const std::string& path) {
  auto bad = [&](const std::string& field, const std::string& zh) {
    raise(Error::invalid("input.invalid", zh, "malformed circumstance", path + "." + field));
  };
  domain::Circumstances c;
  auto flag = [&](const char* key, bool& target) {
    if (!j.contains(key)) return;
    if (!j[key].is_boolean()) bad(key, std::string(key) + " 应为是/否");
    target = j[key].get<bool>();
  };
  flag("first_violation", c.first_violation);
  flag("no_fault", c.no_fault);
  flag("minor_14_to_18", c.minor_14_to_18);
  flag("choose_mitigation", c.choose_mitigation);
  std::string harm = j.value("harm", "none");
  if (harm != "none" && harm != "minor" && harm != "serious")
    bad("harm", "危害后果应为无、轻微或严重");
  c.harm = harm == "minor"     ? domain::Harm::kMinor
           : harm == "serious" ? domain::Harm::kSerious
                               : domain::Harm::kNone;
  if (j.contains("corrected_in_days") && !j["corrected_in_days"].is_null()) {
    if (!j["corrected_in_days"].is_number_integer() || j["corrected_in_days"].get<int>() < 0) {
      bad("corrected_in_days", "改正用时应为非负整数(天)");
    }
    c.corrected_in_days = j["corrected_in_days"].get<int>();
  }
  if (j.contains("base_fen")) {
    if (!j["base_fen"].is_number_integer() || j["base_fen"].get<std::int64_t>() < 0) {
      bad("base_fen", "计罚基数应为非负整数(分)");
    }
    c.base_fen = j["base_fen"].get<std::int64_t>();
  }
  for (auto [key, target] :
       {std::pair<const char*, std::vector<std::string>*>{"lighter_reasons", &c.lighter_reasons},
        {"aggravating_reasons", &c.aggravating_reasons},
        {"confirmed_entries", &c.confirmed_entries}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_array()) bad(key, std::string(key) + " 应为列表");
    for (const auto& v : j[key]) {
      if (!v.is_string()) bad(key, std::string(key) + " 应为文本列表");
      target->push_back(v.get<std::string>());
    }
  }
  return c;
}

Result<nlohmann::json> BenchmarkService::decide(std::int64_t id, const std::string& level,
                                                const domain::Circumstances& c) {
  auto tx = env_.db->read();
  auto loaded = load_benchmark(*tx, id);
  if (!loaded) return Error::not_found("裁量基准", "benchmark");
  auto d = domain::decide(loaded->benchmark, level, c, loaded->lenient);
  if (!d) return d.error();
  auto entries = [&](const std::vector<std::string>& codes) {
    json out = json::array();
    for (const auto& code : codes) {
      for (auto r :
           tx->query("SELECT kind, conditions FROM lenient_entries WHERE code = ?", {code})) {
        out.push_back({{"code", code},
                       {"kind", r.str(0)},
                       {"kind_label", lenient_kind_label(r.str(0))},
                       {"conditions", r.str(1)}});
      }
    }
    return out;
  };
  json matches = entries(d->lenient_matches);
  static const std::map<std::string, std::string> labels = {
      {"no_penalty", "不予处罚"}, {"may_waive", "可以不予处罚(首违不罚)"}, {"penalty", "处罚"}};
  std::string outcome(domain::to_string(d->outcome));
  return json{{"outcome", outcome},
              {"outcome_label", labels.count(outcome) ? labels.at(outcome) : outcome},
              {"min_fen", d->min_fen},
              {"max_fen", d->max_fen},
              {"other", d->other},
              {"reasons", d->reasons},
              {"articles", d->articles},
              {"lenient_matches", matches},
              {"lenient_candidates", entries(d->lenient_candidates)},
              {"no_coercion", d->no_coercion}};
}

namespace {

const std::vector<std::string> kBenchRequired = {"基准编码", "执法领域", "违法行为", "违反条款",
                                                 "处罚依据", "罚款方式", "法定下限", "法定上限",
                                                 "裁量等级", "适用情形", "罚款下限", "罚款上限"};
const std::vector<std::string> kBenchOptional = {"其他处罚", "轻微", "发布机关编码",
                                                 "示例",     "来源", "修改原因"};

struct LevelKey {
  std::string_view key, label;
};
constexpr LevelKey kLevelKeys[] = {
    {"minor", "轻微"}, {"general", "一般"}, {"serious", "较重"}, {"grave", "严重"}};

std::string level_key_of(const std::string& label) {
  for (const auto& l : kLevelKeys) {
    if (l.label == label || l.key == label) return std::string(l.key);
  }
  return label;  // a benchmark may name its own levels
}

std::string yes_no(bool b) { return b ? "是" : "否"; }

}  // namespace

std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>
BenchmarkService::export_rows(const CatalogueFilter& f) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = filter_sql(*tx, f, params);
  std::vector<xlsx::Column> cols = {
      {"基准编码", 16}, {"执法领域", 10}, {"违法行为", 36}, {"违反条款", 36}, {"处罚依据", 36},
      {"罚款方式", 12}, {"法定下限", 12}, {"法定上限", 12}, {"裁量等级", 8},  {"适用情形", 40},
      {"罚款下限", 12}, {"罚款上限", 12}, {"其他处罚", 24}, {"轻微", 6},      {"发布机关编码", 18},
      {"示例", 6},      {"来源", 30}};
  std::vector<std::vector<std::string>> rows;
  for (auto r :
       tx->query(std::string(kSelect) + ", o.code" + kFrom + where + " ORDER BY b.code", params)) {
    auto b = to_row(r);
    std::string org_code = r.str(19);
    auto violated = laws::article_ref(*tx, b.violated, b.violated_clause, "violated");
    auto penalty = laws::article_ref(*tx, b.penalty, b.penalty_clause, "penalty");
    int dec = b.fine_basis == "fixed" ? 2 : 3;
    for (const auto& l : b.levels) {
      std::string other;
      for (const auto& o : l.other) other += (other.empty() ? "" : ";") + o;
      rows.push_back({b.code, field_label(b.field), b.violation,
                      violated ? violated->citation() : "", penalty ? penalty->citation() : "",
                      basis_label(b.fine_basis), scaled_text(b.min, dec), scaled_text(b.max, dec),
                      l.label, l.criteria, scaled_text(l.fine.min, dec),
                      scaled_text(l.fine.max, dec), other, yes_no(l.minor), org_code,
                      yes_no(b.sample), b.source});
    }
  }
  return {cols, rows};
}

namespace {

// The benchmark as a person reads it, field by field, for the import preview.
std::vector<std::pair<std::string, std::string>> display_texts(db::Tx& tx,
                                                               const BenchmarkInput& b) {
  auto cite = [&](std::int64_t id, const std::string& clause) {
    auto ref = laws::article_ref(tx, id, clause, "article");
    return ref ? ref->citation() : std::string();
  };
  int dec = b.fine_basis == "fixed" ? 2 : 3;
  std::string unit = b.fine_basis == "fixed" ? " 元" : " 倍";
  auto range = [&](std::int64_t lo, std::int64_t hi) {
    return scaled_text(lo, dec) + "–" + scaled_text(hi, dec) + unit;
  };
  std::string levels;
  for (const auto& l : b.levels) {
    if (!levels.empty()) levels += ";";
    levels += l.label + " " + range(l.fine.min, l.fine.max);
    if (!l.criteria.empty()) levels += "(" + l.criteria + ")";
    for (const auto& o : l.other) levels += " +" + o;
  }
  auto org = org::find(tx, b.org_id);
  return {{"发布机关", org ? org->name : ""},
          {"执法领域", field_label(b.field)},
          {"违法行为", b.violation},
          {"违反条款", cite(b.violated_article_id, b.violated_clause)},
          {"处罚依据", cite(b.penalty_article_id, b.penalty_clause)},
          {"罚款方式", basis_label(b.fine_basis)},
          {"法定幅度", range(b.statutory_min, b.statutory_max)},
          {"裁量等级", levels},
          {"示例", yes_no(b.sample)},
          {"来源", b.source}};
}

using PlannedBenchmark = PlannedRow<BenchmarkInput>;

Result<std::vector<PlannedBenchmark>> plan_benchmarks(db::Tx& tx, const domain::Scope& scope,
                                                      std::string_view body) {
  auto sheet = ImportSheet::open(body, kBenchRequired, kBenchOptional, 20'000);
  if (!sheet) return sheet.error();
  RowErrors errors;
  std::vector<PlannedBenchmark> plan;
  std::map<std::string, std::size_t> at;
  std::map<std::string, int> first_row;
  for (const auto& row : sheet->rows()) {
    auto cell = [&](const std::string& t) { return sheet->cell(row, t); };
    auto fail = [&](const std::string& col, const std::string& zh, const std::string& en) {
      errors.add(row.excel_row, col, zh, en);
    };
    std::string code = cell("基准编码");
    if (code.empty()) {
      fail("基准编码", "基准编码不能为空", "code is required");
      continue;
    }
    bool first = !at.count(code);
    if (first) {
      at[code] = plan.size();
      first_row[code] = row.excel_row;
      PlannedBenchmark p;
      p.row = row.excel_row;
      p.input.code = code;
      plan.push_back(std::move(p));
    }
    auto& in = plan[at[code]].input;
    std::size_t errors_before = errors.size();
    // The benchmark's own columns: read on its first row, the same on every later row.
    auto same = [&](const std::string& col, const std::string& value, const std::string& seen) {
      if (!first && value != seen) {
        fail(col,
             "同一基准(" + code + ")各行的“" + col + "”应一致(见第 " +
                 std::to_string(first_row[code]) + " 行)",
             "rows of one benchmark must agree on " + col);
      }
    };
    std::string field_text = cell("执法领域");
    auto field = field_of_label(field_text);
    if (!field) {
      fail("执法领域", "执法领域“" + field_text + "”不存在", "unknown field");
    } else if (first) {
      in.field = *field;
    } else {
      same("执法领域", *field, in.field);
    }
    if (first) {
      in.violation = cell("违法行为");
      if (in.violation.empty()) fail("违法行为", "违法行为不能为空", "violation is required");
    } else {
      same("违法行为", cell("违法行为"), in.violation);
    }
    auto article = [&](const std::string& col, std::int64_t& id, std::string& clause) {
      auto cites = domain::parse_citations(cell(col));
      if (!cites || cites->size() != 1) {
        fail(col, cites ? col + "应只引用一条条文" : cites.error().message_zh,
             cites ? "exactly one citation" : cites.error().message_en);
        return;
      }
      auto ref = laws::resolve(tx, (*cites)[0], col);
      if (!ref) {
        fail(col, ref.error().message_zh, ref.error().message_en);
        return;
      }
      if (first) {
        id = ref->article_id;
        clause = ref->clause;
      } else if (id != ref->article_id || clause != ref->clause) {
        same(col, "x", "y");
      }
    };
    article("违反条款", in.violated_article_id, in.violated_clause);
    article("处罚依据", in.penalty_article_id, in.penalty_clause);
    auto basis = basis_of_label(cell("罚款方式"));
    if (!basis) {
      fail("罚款方式", "罚款方式应为固定金额、违法所得倍数或货值金额倍数", "unknown fine basis");
      continue;
    }
    if (first) {
      in.fine_basis = *basis;
    } else {
      same("罚款方式", *basis, in.fine_basis);
    }
    int dec = *basis == "fixed" ? 2 : 3;
    auto amount = [&](const std::string& col) -> std::int64_t {
      auto v = parse_scaled(cell(col), dec);
      if (!v) {
        fail(col, col + "“" + cell(col) + "”不是有效的" + (dec == 2 ? "金额(元)" : "倍数"),
             col + " is not a number");
        return 0;
      }
      return *v;
    };
    std::int64_t smin = amount("法定下限"), smax = amount("法定上限");
    if (first) {
      in.statutory_min = smin;
      in.statutory_max = smax;
    } else if (smin != in.statutory_min || smax != in.statutory_max) {
      same("法定下限", "x", "y");
    }
    domain::DiscretionLevel l;
    l.label = cell("裁量等级");
    l.key = level_key_of(l.label);
    if (l.label.empty()) fail("裁量等级", "裁量等级不能为空", "level is required");
    l.criteria = cell("适用情形");
    l.fine = {basis_of(*basis), amount("罚款下限"), amount("罚款上限")};
    for (auto piece : std::vector<std::string>{cell("其他处罚")}) {
      std::string cur;
      auto flush = [&] {
        if (!cur.empty()) l.other.push_back(cur);
        cur.clear();
      };
      for (std::size_t i = 0; i < piece.size();) {
        if (piece[i] == ';') {
          flush();
          ++i;
        } else if (piece.compare(i, 3, "\xEF\xBC\x9B") == 0) {  // full-width ;
          flush();
          i += 3;
        } else {
          cur += piece[i++];
        }
      }
      flush();
    }
    l.minor = cell("轻微") == "是" || (cell("轻微").empty() && l.key == "minor");
    in.levels.push_back(std::move(l));
    if (first) {
      std::string org_code = cell("发布机关编码");
      if (!org_code.empty()) {
        auto o = org::find_by_code(tx, org_code);
        if (!o || o->kind != "body") {
          fail("发布机关编码", "找不到编码为“" + org_code + "”的执法主体", "unknown body");
        } else if (!scope.covers({o->id, o->path})) {
          fail("发布机关编码", "无权为“" + o->name + "”发布裁量基准", "body outside your scope");
        } else {
          in.org_id = o->id;
        }
      } else {
        auto own = org::find(tx, scope.org_id);
        if (!own || own->kind != "body") {
          fail("发布机关编码", "请填写发布机关编码(您所在的机构不是执法主体)",
               "give the publishing body's code");
        } else {
          in.org_id = own->id;
        }
      }
      in.sample = cell("示例") == "是";
      in.source = cell("来源");
      in.reason = cell("修改原因");
    }
    (void)errors_before;
  }
  // Whole benchmarks: levels in order within the law's range; the comparison with what is stored.
  for (auto& p : plan) {
    auto& in = p.input;
    p.name = in.violation;
    domain::Benchmark b;
    b.statutory = {basis_of(in.fine_basis), in.statutory_min, in.statutory_max};
    b.levels = in.levels;
    if (auto ok = domain::check_benchmark(b); !ok) {
      errors.add(p.row, "裁量等级", "基准 " + in.code + ":" + ok.error().message_zh,
                 ok.error().message_en);
      continue;
    }
    auto existing = tx.query("SELECT id FROM benchmarks WHERE code = ?", {in.code});
    if (existing.empty()) {
      p.action = "create";
      continue;
    }
    p.id = existing[0].i64(0);
    auto old = find_benchmark(tx, *p.id);
    if (old && !sheet->has_column("发布机关编码")) in.org_id = old->org_id;
    if (old && !sheet->has_column("来源")) in.source = old->source;
    BenchmarkInput before;
    if (old) {
      before.code = old->code;
      before.org_id = old->org_id;
      before.field = old->field;
      before.violation = old->violation;
      before.violated_article_id = old->violated;
      before.violated_clause = old->violated_clause;
      before.penalty_article_id = old->penalty;
      before.penalty_clause = old->penalty_clause;
      before.fine_basis = old->fine_basis;
      before.statutory_min = old->min;
      before.statutory_max = old->max;
      before.levels = old->levels;
      before.sample = old->sample;
      before.source = old->source;
    }
    auto was = display_texts(tx, before), now_texts = display_texts(tx, in);
    for (std::size_t k = 0; k < was.size(); ++k) {
      if (was[k].second != now_texts[k].second) {
        p.changes.push_back({was[k].first, was[k].first, was[k].second, now_texts[k].second});
      }
    }
    p.action = p.changes.empty() ? "unchanged" : "update";
    if (in.reason.empty()) in.reason = "批量导入";
  }
  if (!errors.empty()) return errors.to_error();
  return plan;
}

}  // namespace

Result<nlohmann::json> BenchmarkService::import(const domain::Scope& scope, std::string_view body,
                                                bool dry_run) {
  return run_import<BenchmarkInput>(
      env_, scope, dry_run, [&](db::Tx& tx) { return plan_benchmarks(tx, scope, body); },
      [&](db::Tx& tx, std::int64_t now, const PlannedBenchmark& p) {
        return save_benchmark(tx, &scope, now, p.input, p.id, std::nullopt);
      },
      "benchmark", "benchmark.imported");
}

// --- lenient lists -------------------------------------------------------------------------------

namespace {

constexpr const char* kLenientSelect =
    "SELECT e.id, e.code, e.kind, e.benchmark_id, b.code, b.violation, b.field, e.conditions, "
    "e.first_violation_only, e.max_harm, e.corrected_within_days, e.basis, e.sample, e.status, "
    "e.updated_at, e.needs_confirmation";
constexpr const char* kLenientFrom =
    " FROM lenient_entries e JOIN benchmarks b ON b.id = e.benchmark_id WHERE 1=1";

json lenient_json(const db::Row& r) {
  return {{"id", r.i64(0)},
          {"code", r.str(1)},
          {"kind", r.str(2)},
          {"kind_label", lenient_kind_label(r.str(2))},
          {"benchmark_id", r.i64(3)},
          {"benchmark_code", r.str(4)},
          {"violation", r.str(5)},
          {"field", r.str(6)},
          {"field_label", field_label(r.str(6))},
          {"conditions", r.str(7)},
          {"first_violation_only", r.boolean(8)},
          {"max_harm", r.str(9)},
          {"corrected_within_days", r.is_null(10) ? json() : json(r.i64(10))},
          {"basis", r.str(11)},
          {"sample", r.boolean(12)},
          {"status", r.str(13)},
          {"updated_at", r.i64(14)},
          {"needs_confirmation", r.boolean(15)}};
}

std::string lenient_filter(db::Tx& tx, const CatalogueFilter& f, db::Params& params,
                           bool public_view) {
  std::string w;
  if (public_view) w += " AND e.status = 'active'";
  if (f.kind) {
    w += " AND e.kind = ?";
    params.emplace_back(*f.kind);
  }
  if (f.field) {
    w += " AND b.field = ?";
    params.emplace_back(*f.field);
  }
  if (f.q && !f.q->empty()) {
    w += " AND (" + sql_contains(tx, "b.violation") + " OR " + sql_contains(tx, "e.conditions") +
         " OR " + sql_contains(tx, "e.code") + ")";
    params.emplace_back(*f.q);
    params.emplace_back(*f.q);
    params.emplace_back(*f.q);
  }
  return w;
}

}  // namespace

nlohmann::json BenchmarkService::lenient_list(const CatalogueFilter& f, std::int64_t page,
                                              std::int64_t size, bool public_view) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = lenient_filter(*tx, f, params, public_view);
  std::int64_t total = 0;
  json items = json::array();
  for (auto r : fetch_page(*tx, kLenientSelect, {}, std::string(kLenientFrom) + where,
                           " ORDER BY e.code", params, size, (page - 1) * size, total)) {
    items.push_back(lenient_json(r));
  }
  // Counts by kind, for the tabs.
  json counts = json::object();
  for (const auto& k : kKinds) counts[std::string(k.key)] = 0;
  CatalogueFilter no_kind = f;
  no_kind.kind.reset();
  db::Params cp;
  std::string cw = lenient_filter(*tx, no_kind, cp, public_view);
  for (auto r : tx->query(
           "SELECT e.kind, COUNT(*)" + std::string(kLenientFrom) + cw + " GROUP BY e.kind", cp)) {
    counts[r.str(0)] = r.i64(1);
  }
  return {{"items", items}, {"total", total}, {"counts", counts}};
}

Result<nlohmann::json> BenchmarkService::lenient_get(std::int64_t id) {
  auto tx = env_.db->read();
  auto rows = tx->query(std::string(kLenientSelect) + kLenientFrom + " AND e.id = ?", {id});
  if (rows.empty()) return Error::not_found("清单条目", "lenient entry");
  return lenient_json(rows[0]);
}

Result<nlohmann::json> BenchmarkService::lenient_create(const domain::Scope& scope,
                                                        const LenientInput& in) {
  std::int64_t id = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto saved = save_lenient(tx, &scope, env_.now(), in, std::nullopt);
    if (!saved) return saved.error();
    id = *saved;
    return Ok{};
  });
  if (!r) return r.error();
  return lenient_get(id);
}

Result<nlohmann::json> BenchmarkService::lenient_update(const domain::Scope& scope, std::int64_t id,
                                                        const LenientInput& in) {
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto old = tx.query("SELECT code FROM lenient_entries WHERE id = ?", {id});
    if (old.empty()) return Error::not_found("清单条目", "lenient entry");
    LenientInput input = in;
    input.code = old[0].str(0);
    auto saved = save_lenient(tx, &scope, env_.now(), input, id);
    if (!saved) return saved.error();
    return Ok{};
  });
  if (!r) return r.error();
  return lenient_get(id);
}

namespace {

const std::vector<std::string> kLenientRequired = {
    "清单类别", "编码", "基准编码", "适用条件", "首次违法", "危害后果", "改正期限(日)", "依据"};

std::optional<std::string> kind_of_label(const std::string& s) {
  for (const auto& k : kKinds) {
    if (k.key == s || k.label == s || k.short_label == s) return std::string(k.key);
  }
  return std::nullopt;
}

}  // namespace

std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>
BenchmarkService::lenient_export(const CatalogueFilter& f) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = lenient_filter(*tx, f, params, false);
  std::vector<xlsx::Column> cols = {{"清单类别", 12},       {"编码", 14},         {"基准编码", 16},
                                    {"违法行为", 36},       {"适用条件", 40},     {"首次违法", 8},
                                    {"危害后果", 8},        {"改正期限(日)", 10}, {"依据", 36},
                                    {"需确认其他条件", 12}, {"示例", 6},          {"状态", 8}};
  std::vector<std::vector<std::string>> rows;
  for (auto r :
       tx->query(std::string(kLenientSelect) + kLenientFrom + where + " ORDER BY e.code", params)) {
    rows.push_back({std::string(lenient_kind_label(r.str(2))), r.str(1), r.str(4), r.str(5),
                    r.str(7), yes_no(r.boolean(8)), r.str(9) == "minor" ? "轻微" : "无",
                    r.is_null(10) ? "" : std::to_string(r.i64(10)), r.str(11),
                    yes_no(r.boolean(15)), yes_no(r.boolean(12)),
                    r.str(13) == "active" ? "有效" : "已废止"});
  }
  return {cols, rows};
}

Result<nlohmann::json> BenchmarkService::lenient_import(const domain::Scope& scope,
                                                        std::string_view body, bool dry_run) {
  using Planned = PlannedRow<LenientInput>;
  auto plan_fn = [&](db::Tx& tx) -> Result<std::vector<Planned>> {
    auto sheet =
        ImportSheet::open(body, kLenientRequired, {"需确认其他条件", "示例", "状态"}, 20'000);
    if (!sheet) return sheet.error();
    RowErrors errors;
    std::vector<Planned> plan;
    std::set<std::string> seen;
    for (const auto& row : sheet->rows()) {
      auto cell = [&](const std::string& t) { return sheet->cell(row, t); };
      auto fail = [&](const std::string& col, const std::string& zh, const std::string& en) {
        errors.add(row.excel_row, col, zh, en);
      };
      Planned p;
      p.row = row.excel_row;
      auto& in = p.input;
      auto kind = kind_of_label(cell("清单类别"));
      if (!kind) {
        fail("清单类别", "清单类别应为不予处罚、从轻处罚、减轻处罚或免予行政强制", "unknown kind");
      } else {
        in.kind = *kind;
      }
      in.code = cell("编码");
      if (in.code.empty()) fail("编码", "编码不能为空", "code is required");
      if (!in.code.empty() && !seen.insert(in.code).second) {
        fail("编码", "编码 " + in.code + " 在表格中重复", "duplicate code");
      }
      auto b = tx.query("SELECT id, violation, org_id FROM benchmarks WHERE code = ?",
                        {cell("基准编码")});
      if (b.empty()) {
        fail("基准编码", "找不到基准编码“" + cell("基准编码") + "”", "unknown benchmark");
      } else {
        in.benchmark_id = b[0].i64(0);
        p.name = b[0].str(1);
        auto o = org::find(tx, b[0].i64(2));
        if (o && !scope.covers({o->id, o->path})) {
          fail("基准编码", "无权修改该基准的清单", "benchmark outside your scope");
        }
      }
      in.conditions = cell("适用条件");
      if (in.conditions.empty()) fail("适用条件", "适用条件不能为空", "conditions are required");
      std::string fv = cell("首次违法");
      if (fv != "是" && fv != "否") fail("首次违法", "首次违法应填是或否", "must be 是 or 否");
      in.first_violation_only = fv == "是";
      std::string harm = cell("危害后果");
      if (harm != "无" && harm != "轻微") fail("危害后果", "危害后果应填无或轻微", "none or minor");
      in.max_harm = harm == "轻微" ? "minor" : "none";
      std::string days = cell("改正期限(日)");
      if (!days.empty()) {
        bool digits = days.size() <= 3 && std::all_of(days.begin(), days.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
        if (!digits) {
          fail("改正期限(日)", "改正期限应为 0 至 365 的整数(日)", "days must be 0..365");
        } else {
          in.corrected_within_days = std::stoll(days);
        }
      }
      in.basis = cell("依据");
      if (in.basis.empty()) fail("依据", "依据不能为空", "basis is required");
      in.sample = cell("示例") == "是";
      in.needs_confirmation = cell("需确认其他条件") != "否";
      in.status = cell("状态") == "已废止" ? "withdrawn" : "active";
      auto existing = tx.query(
          "SELECT id, kind, benchmark_id, conditions, first_violation_only, max_harm, "
          "corrected_within_days, basis, sample, status, needs_confirmation FROM lenient_entries "
          "WHERE code = ?",
          {in.code});
      if (existing.empty()) {
        p.action = "create";
      } else {
        auto e = existing[0];
        p.id = e.i64(0);
        auto change = [&](const char* label, const std::string& before, const std::string& after) {
          if (before != after) p.changes.push_back({label, label, before, after});
        };
        auto days = [](std::optional<std::int64_t> d) {
          return d ? std::to_string(*d) + " 日" : std::string("不要求改正");
        };
        change("清单类别", std::string(lenient_kind_label(e.str(1))),
               std::string(lenient_kind_label(in.kind)));
        change("基准编码",
               tx.query("SELECT code FROM benchmarks WHERE id = ?", {e.i64(2)})[0].str(0),
               cell("基准编码"));
        change("适用条件", e.str(3), in.conditions);
        change("首次违法", yes_no(e.boolean(4)), yes_no(in.first_violation_only));
        change("危害后果", e.str(5) == "minor" ? "轻微" : "无",
               in.max_harm == "minor" ? "轻微" : "无");
        change("改正期限(日)", days(e.opt_i64(6)), days(in.corrected_within_days));
        change("依据", e.str(7), in.basis);
        change("示例", yes_no(e.boolean(8)), yes_no(in.sample));
        change("状态", e.str(9) == "active" ? "有效" : "已废止",
               in.status == "active" ? "有效" : "已废止");
        change("需确认其他条件", yes_no(e.boolean(10)), yes_no(in.needs_confirmation));
        p.action = p.changes.empty() ? "unchanged" : "update";
      }
      plan.push_back(std::move(p));
    }
    if (!errors.empty()) return errors.to_error();
    return plan;
  };
  return run_import<LenientInput>(
      env_, scope, dry_run, plan_fn,
      [&](db::Tx& tx, std::int64_t now, const Planned& p) {
        return save_lenient(tx, &scope, now, p.input, p.id);
      },
      "lenient_entry", "lenient.imported");
}

}  // namespace zhifa::modules::catalogue
