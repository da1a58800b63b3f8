#include "modules/publication/annual.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/case_rules.hpp"
#include "domain/dates.hpp"
#include "domain/doc_template.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/scope_sql.hpp"
#include "platform/sm.hpp"

namespace zhifa::modules::publication {
namespace {

using nlohmann::json;

const std::vector<domain::PenaltyKind>& kinds() {
  using K = domain::PenaltyKind;
  static const std::vector<K> k = {K::kWarning,
                                   K::kFine,
                                   K::kConfiscation,
                                   K::kSuspendLicence,
                                   K::kLowerQualification,
                                   K::kRevokeLicence,
                                   K::kRestrictActivity,
                                   K::kOrderClosure,
                                   K::kRestrictPractice,
                                   K::kDetention,
                                   K::kOther};
  return k;
}

struct Counts {
  std::int64_t licences = 0, penalties = 0, fines_fen = 0, confiscation_fen = 0, coercive = 0,
               levies = 0, inspections = 0;
  std::map<std::string, std::int64_t> by_kind;
};

// Milliseconds UTC of the first instant of `year` in Asia/Shanghai (UTC+8).
std::int64_t year_start_ms(int year) {
  return (domain::days_between("1970-01-01", std::to_string(year) + "-01-01") * 86'400LL -
          8 * 3600LL) *
         1000LL;
}

std::string due_of(int year) { return std::to_string(year + 1) + "-01-31"; }

}  // namespace

json AnnualService::compute(db::Tx& tx, int year) {
  std::string from = std::to_string(year) + "-01-01", to = std::to_string(year) + "-12-31";
  std::map<std::int64_t, Counts> by;
  for (auto r : tx.query("SELECT org_id, penalty FROM cases WHERE decided_on >= ? AND decided_on "
                         "<= ? AND penalty IS NOT NULL",
                         {from, to})) {
    auto& c = by[r.i64(0)];
    json p = json::parse(r.str(1), nullptr, false);
    if (!p.is_object()) continue;
    ++c.penalties;
    for (const auto& k : p.value("kinds", std::vector<std::string>{})) ++c.by_kind[k];
    c.fines_fen += p.value("fine_fen", std::int64_t{0});
    c.confiscation_fen += p.value("confiscation_fen", std::int64_t{0});
  }
  for (auto r : tx.query("SELECT org_id, kind, source FROM publications WHERE decided_on >= ? AND "
                         "decided_on <= ? AND kind <> 'penalty'",
                         {from, to})) {
    auto& c = by[r.i64(0)];
    if (r.str(1) == "licence") {
      ++c.licences;
    } else {
      std::string category = json::parse(r.str(2), nullptr, false).value("category", "");
      if (category == "levy") ++c.levies;
      if (category == "inspection") ++c.inspections;
      if (category == "coercive") ++c.coercive;
    }
  }
  // On-site records of the year: inspections, seizures and other coercive measures.
  for (auto r : tx.query(
           "SELECT c.org_id, r.kind, COUNT(*) FROM case_records r JOIN cases c ON c.id = "
           "r.case_id WHERE r.started_at >= ? AND r.started_at < ? AND r.supersedes IS NULL AND "
           "r.kind IN ('inspection', 'seizure', 'enforcement') GROUP BY c.org_id, r.kind",
           {year_start_ms(year), year_start_ms(year + 1)})) {
    auto& c = by[r.i64(0)];
    if (r.str(1) == "inspection") {
      c.inspections += r.i64(2);
    } else {
      c.coercive += r.i64(2);
    }
  }
  json bodies = json::array();
  Counts total;
  for (const auto& [org, c] : by) {
    auto o = tx.query("SELECT name FROM orgs WHERE id = ?", {org});
    json kinds_json = json::object();
    for (auto k : kinds()) {
      std::string key(domain::to_string(k));
      std::int64_t n = c.by_kind.count(key) ? c.by_kind.at(key) : 0;
      kinds_json[key] = n;
      total.by_kind[key] += n;
    }
    bodies.push_back({{"org_id", org},
                      {"name", o.empty() ? "" : o[0].str(0)},
                      {"licences", c.licences},
                      {"penalties", c.penalties},
                      {"by_kind", kinds_json},
                      {"fines_fen", c.fines_fen},
                      {"confiscation_fen", c.confiscation_fen},
                      {"coercive", c.coercive},
                      {"levies", c.levies},
                      {"inspections", c.inspections}});
    total.licences += c.licences;
    total.penalties += c.penalties;
    total.fines_fen += c.fines_fen;
    total.confiscation_fen += c.confiscation_fen;
    total.coercive += c.coercive;
    total.levies += c.levies;
    total.inspections += c.inspections;
  }
  json total_kinds = json::object();
  for (const auto& [k, n] : total.by_kind) total_kinds[k] = n;
  json kind_labels = json::array();
  for (auto k : kinds()) {
    kind_labels.push_back(
        {{"key", std::string(domain::to_string(k))}, {"label", std::string(domain::label_zh(k))}});
  }
  return {{"year", year},
          {"kinds", kind_labels},
          {"bodies", bodies},
          {"totals",
           {{"bodies", bodies.size()},
            {"licences", total.licences},
            {"penalties", total.penalties},
            {"by_kind", total_kinds},
            {"fines_fen", total.fines_fen},
            {"confiscation_fen", total.confiscation_fen},
            {"coercive", total.coercive},
            {"levies", total.levies},
            {"inspections", total.inspections}}}};
}

namespace {

json stored(const db::Row& r) {
  // year, state, data, data_sm3, generated_at, generated_by, reviewed_at, reviewed_by,
  // published_on, published_at, publish_seq
  json j = json::parse(r.str(2));
  int year = static_cast<int>(r.i64(0));
  j["state"] = r.str(1);
  j["data_sm3"] = r.str(3);
  j["generated_at"] = r.i64(4);
  j["reviewed_at"] = r.is_null(6) ? json(nullptr) : json(r.i64(6));
  j["published_on"] = r.is_null(8) ? json(nullptr) : json(r.str(8));
  j["publish_seq"] = r.is_null(10) ? json(nullptr) : json(r.i64(10));
  j["generated_by"] = r.is_null(11) ? json("系统") : json(r.str(11));
  j["reviewed_by"] = r.is_null(6) ? json(nullptr) : r.is_null(12) ? json("系统") : json(r.str(12));
  j["due_on"] = due_of(year);
  j["on_time"] = r.is_null(8) ? json(nullptr) : json(r.str(8) <= due_of(year));
  return j;
}

const char* kSelect =
    "SELECT year, state, data, data_sm3, generated_at, generated_by, reviewed_at, reviewed_by, "
    "published_on, published_at, publish_seq, (SELECT COALESCE(u.display_name, u.username) FROM "
    "users u WHERE u.id = generated_by), (SELECT COALESCE(u.display_name, u.username) FROM users "
    "u WHERE u.id = reviewed_by) FROM annual_reports WHERE year = ?";

Status check_year(int year, const std::string& today) {
  if (year < 2000 || year > domain::year_of(today)) {
    return Error::invalid("annual.year", "年度应在 2000 年至今年之间", "year out of range", "year");
  }
  return Ok{};
}

std::string yuan(std::int64_t fen) { return domain::yuan_amount(fen); }

}  // namespace

Result<json> AnnualService::get(const domain::Scope& scope, int year) {
  std::string today = domain::shanghai_date(env_.now());
  if (auto ok = check_year(year, today); !ok) return ok.error();
  auto tx = env_.db->read();
  auto rows = tx->query(kSelect, {year});
  json j;
  if (!rows.empty()) {
    j = stored(rows[0]);
  } else {
    j = AnnualService::compute(*tx, year);
    j["state"] = "none";
    j["due_on"] = due_of(year);
  }
  // Before it is published, a caller sees the bodies of their own area (and their totals).
  if (!scope.all && j["state"] != "published") {
    auto cond = org_scope(scope, "o", "");
    std::set<std::int64_t> visible;
    for (auto r : tx->query("SELECT o.id FROM orgs o WHERE " + cond.sql, cond.params)) {
      visible.insert(r.i64(0));
    }
    json kept = json::array();
    json totals = {{"bodies", 0},    {"licences", 0},         {"penalties", 0},
                   {"fines_fen", 0}, {"confiscation_fen", 0}, {"coercive", 0},
                   {"levies", 0},    {"inspections", 0},      {"by_kind", json::object()}};
    for (auto& b : j["bodies"]) {
      if (!visible.contains(b["org_id"].get<std::int64_t>())) continue;
      for (const char* k : {"licences", "penalties", "fines_fen", "confiscation_fen", "coercive",
                            "levies", "inspections"}) {
        totals[k] = totals[k].get<std::int64_t>() + b.value(k, std::int64_t{0});
      }
      for (const auto& [k, n] : b["by_kind"].items()) {
        totals["by_kind"][k] = totals["by_kind"].value(k, std::int64_t{0}) + n.get<std::int64_t>();
      }
      kept.push_back(std::move(b));
    }
    totals["bodies"] = kept.size();
    j["bodies"] = std::move(kept);
    j["totals"] = std::move(totals);
    j["scoped"] = true;
  }
  return j;
}

Result<json> AnnualService::get(int year) {
  domain::Scope everyone;
  everyone.all = true;
  return get(everyone, year);
}

Result<json> AnnualService::generate(const domain::Scope& scope, int year) {
  std::string today = domain::shanghai_date(env_.now());
  if (auto ok = check_year(year, today); !ok) return ok.error();
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto rows = tx.query("SELECT state FROM annual_reports WHERE year = ?", {year});
    if (!rows.empty() && rows[0].str(0) == "published") {
      return Error::conflict("annual.published", "该年度数据已公布,不能重新生成",
                             "the year is published", "year");
    }
    json data = AnnualService::compute(tx, year);
    std::string text = data.dump();
    std::string sm3 = sm::to_hex(sm::sm3(text));
    tx.exec("DELETE FROM annual_reports WHERE year = ?", {year});
    tx.exec(
        "INSERT INTO annual_reports (year, state, data, data_sm3, generated_at, "
        "generated_by) VALUES (?, 'draft', ?, ?, ?, ?)",
        {year, text, sm3, now, scope.user_id});
    record(tx, &scope, now, std::nullopt, "annual_report", std::to_string(year), "annual.generate",
           {{"year", year}, {"data_sm3", sm3}});
    return Ok{};
  });
  if (!r) return r.error();
  return get(year);
}

Result<json> AnnualService::review(const domain::Scope& scope, int year) {
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto rows =
        tx.query("SELECT state, generated_by, data_sm3 FROM annual_reports WHERE year = ?", {year});
    if (rows.empty()) return Error::not_found("年度行政执法数据", "annual report");
    if (rows[0].str(0) != "draft") {
      return Error::conflict("annual.state", "只有生成后待审核的年度数据才能审核",
                             "only a draft is reviewed", "year");
    }
    if (rows[0].opt_i64(1) == scope.user_id) {
      return Error{ErrorKind::kUnprocessable, "annual.same_person", "审核应由生成人以外的人员进行",
                   "the reviewer must not be the generator", "year"};
    }
    tx.exec(
        "UPDATE annual_reports SET state = 'reviewed', reviewed_at = ?, reviewed_by = ? "
        "WHERE year = ?",
        {now, scope.user_id, year});
    record(tx, &scope, now, std::nullopt, "annual_report", std::to_string(year), "annual.review",
           {{"year", year}, {"data_sm3", rows[0].str(2)}});
    return Ok{};
  });
  if (!r) return r.error();
  return get(year);
}

Result<json> AnnualService::publish(const domain::Scope& scope, int year) {
  std::int64_t now = env_.now();
  std::string today = domain::shanghai_date(now);
  if (year >= domain::year_of(today)) {
    return Error{ErrorKind::kUnprocessable, "annual.year_open",
                 "年度结束后才能公布该年度的行政执法数据", "the year has not ended", "year"};
  }
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto rows = tx.query("SELECT state, data_sm3 FROM annual_reports WHERE year = ?", {year});
    if (rows.empty()) return Error::not_found("年度行政执法数据", "annual report");
    if (rows[0].str(0) != "reviewed") {
      return Error::conflict("annual.state", "年度数据须经审核后才能公布",
                             "only a reviewed report is published", "year");
    }
    auto seq = record(tx, &scope, now, std::nullopt, "annual_report", std::to_string(year),
                      "annual.publish",
                      {{"year", year},
                       {"data_sm3", rows[0].str(1)},
                       {"published_on", today},
                       {"due_on", due_of(year)}});
    tx.exec(
        "UPDATE annual_reports SET state = 'published', published_on = ?, published_at = ?, "
        "publish_seq = ? WHERE year = ?",
        {today, now, seq, year});
    return Ok{};
  });
  if (!r) return r.error();
  return get(year);
}

const std::vector<std::string>& AnnualService::titles() {
  static const std::vector<std::string> t = [] {
    std::vector<std::string> v = {"执法主体", "行政许可(件)", "行政处罚(件)"};
    for (auto k : kinds()) v.push_back(std::string(domain::label_zh(k)) + "(件)");
    for (const char* s :
         {"罚款金额(元)", "没收金额(元)", "行政强制措施(件)", "行政征收(件)", "行政检查(次)"}) {
      v.emplace_back(s);
    }
    return v;
  }();
  return t;
}

std::vector<std::vector<std::string>> AnnualService::rows(const json& report) {
  std::vector<std::vector<std::string>> out;
  auto line = [&](const std::string& name, const json& b) {
    std::vector<std::string> row = {name, std::to_string(b.value("licences", 0)),
                                    std::to_string(b.value("penalties", 0))};
    for (auto k : kinds()) {
      row.push_back(std::to_string(b["by_kind"].value(std::string(domain::to_string(k)), 0)));
    }
    auto plain = [](std::string s) {
      s.erase(std::remove(s.begin(), s.end(), ','), s.end());
      return s;
    };
    row.push_back(plain(yuan(b.value("fines_fen", std::int64_t{0}))));
    row.push_back(plain(yuan(b.value("confiscation_fen", std::int64_t{0}))));
    row.push_back(std::to_string(b.value("coercive", 0)));
    row.push_back(std::to_string(b.value("levies", 0)));
    row.push_back(std::to_string(b.value("inspections", 0)));
    out.push_back(std::move(row));
  };
  for (const auto& b : report["bodies"]) line(b.value("name", ""), b);
  line("合计", report["totals"]);
  return out;
}

json AnnualService::public_years() {
  auto tx = env_.db->read();
  json years = json::array();
  for (auto r : tx->query("SELECT year, published_on, data_sm3 FROM annual_reports WHERE state = "
                          "'published' ORDER BY year DESC")) {
    years.push_back({{"year", r.i64(0)}, {"published_on", r.str(1)}, {"data_sm3", r.str(2)}});
  }
  return {{"items", years}};
}

Result<json> AnnualService::public_get(int year) {
  auto tx = env_.db->read();
  auto rows = tx->query(std::string(kSelect) + " AND state = 'published'", {year});
  if (rows.empty()) return Error::not_found("已公布的年度行政执法数据", "published annual data");
  json j = stored(rows[0]);
  j.erase("generated_at");
  j.erase("reviewed_at");
  return j;
}

}  // namespace zhifa::modules::publication
