#include "modules/people/reports.hpp"

#include <map>

#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"

namespace zhifa::modules::people {
namespace {

// The county an org belongs to, from its path: "/city/county/..." -> the county row (or the
// city for city-level bodies).
constexpr const char* kCountyOf =
    "(SELECT d.name FROM orgs d WHERE d.kind IN ('city', 'county') AND substr(o.path, 1, "
    "length(d.path)) = d.path ORDER BY d.level DESC LIMIT 1)";

struct Count {
  std::string key, label;
  std::int64_t officers = 0, certified = 0;
};

struct Counts {
  std::vector<Count> groups;
  std::int64_t officers = 0, certified = 0;  // people counted once
};

Counts certified_counts(db::Tx& tx, const domain::Scope& scope, const std::string& group,
                        const std::string& today) {
  auto cond = org_scope(scope, "o", "");
  // The county of each body once (not once per officer).
  std::map<std::int64_t, std::pair<std::string, std::string>> body;  // id -> name, county
  for (auto r : tx.query(std::string("SELECT o.id, o.name, ") + kCountyOf +
                             " FROM orgs o WHERE o.kind = 'body' AND " + cond.sql,
                         cond.params)) {
    body[r.i64(0)] = {r.str(1), r.str(2)};
  }
  // Per officer: whether they hold a valid certificate today (one pass over the certificates).
  db::Params params = {today, today};
  params.insert(params.end(), cond.params.begin(), cond.params.end());
  std::string sql =
      "SELECT f.org_id, f.fields, CASE WHEN v.officer_id IS NULL THEN 0 ELSE 1 END FROM officers "
      "f JOIN orgs o ON o.id = f.org_id LEFT JOIN (SELECT DISTINCT officer_id FROM certificates "
      "WHERE state = 'issued' AND valid_from <= ? AND valid_until >= ?) v ON v.officer_id = f.id "
      "WHERE f.status = 'active' AND " +
      cond.sql + " ORDER BY o.code";
  Counts out;
  std::map<std::string, Count> by;
  std::vector<std::string> order;
  for (auto r : tx.query(sql, params)) {
    bool ok = r.i64(2) > 0;
    out.officers++;
    if (ok) out.certified++;
    std::vector<std::string> keys;
    if (group == "field") {
      keys = domain::split_fields(r.str(1));
    } else {
      auto it = body.find(r.i64(0));
      std::string name = it == body.end() ? "" : it->second.first;
      std::string county = it == body.end() ? "" : it->second.second;
      keys.push_back(group == "county" ? county : name);
    }
    for (const auto& k : keys) {
      auto [it, fresh] = by.emplace(k, Count{k, k, 0, 0});
      if (fresh) order.push_back(k);
      it->second.officers++;
      if (ok) it->second.certified++;
    }
  }
  if (group == "field") {
    for (const auto& f : domain::enforcement_fields()) {
      auto it = by.find(std::string(f.key));
      if (it == by.end()) continue;
      it->second.label = std::string(f.name_zh);
      out.groups.push_back(it->second);
    }
  } else {
    for (const auto& k : order) out.groups.push_back(by[k]);
    if (group == "body") {
      std::stable_sort(out.groups.begin(), out.groups.end(),
                       [](const Count& a, const Count& b) { return a.officers > b.officers; });
    }
  }
  return out;
}

constexpr const char* kExpiringSelect =
    "SELECT f.id, f.name, o.name, c.id, c.number, c.valid_until";

std::string expiring_from(const domain::Scope& scope, const std::string& today,
                          const std::string& until, db::Params& params) {
  auto cond = org_scope(scope, "o", "");
  params = {today, until};
  params.insert(params.end(), cond.params.begin(), cond.params.end());
  return " FROM certificates c JOIN officers f ON f.id = c.officer_id JOIN orgs o ON o.id = "
         "f.org_id WHERE c.state = 'issued' AND c.valid_until >= ? AND c.valid_until <= ? AND "
         "f.status = 'active' AND " +
         cond.sql;
}

struct Ratio {
  std::int64_t org_id = 0;
  std::string name, county;
  std::int64_t officers = 0, reviewers = 0;
  double percent = 0;
  bool below = false;
};

std::vector<Ratio> ratios(db::Tx& tx, const domain::Scope& scope, int min_percent,
                          bool below_only) {
  auto cond = org_scope(scope, "o", "");
  std::vector<Ratio> out;
  for (auto r : tx.query(
           std::string("SELECT o.id, o.name, ") + kCountyOf +
               ", (SELECT COUNT(*) FROM officers f WHERE f.org_id = o.id AND f.status = "
               "'active'), (SELECT COUNT(*) FROM officers f WHERE f.org_id = o.id AND f.status = "
               "'active' AND f.legal_reviewer = 1) FROM orgs o WHERE o.kind = 'body' AND " +
               cond.sql + " ORDER BY o.code",
           cond.params)) {
    Ratio x;
    x.org_id = r.i64(0);
    x.name = r.str(1);
    x.county = r.str(2);
    x.officers = r.i64(3);
    x.reviewers = r.i64(4);
    if (x.officers == 0) continue;  // a body without officers has nothing to review
    x.percent = 100.0 * static_cast<double>(x.reviewers) / static_cast<double>(x.officers);
    // Integer comparison: reviewers / officers >= min% <=> reviewers * 100 >= min * officers.
    x.below = x.reviewers * 100 < static_cast<std::int64_t>(min_percent) * x.officers;
    if (below_only && !x.below) continue;
    out.push_back(x);
  }
  return out;
}

std::string percent_text(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", p);
  return buf;
}

}  // namespace

nlohmann::json ReportService::certified(const domain::Scope& scope, const std::string& group) {
  auto tx = env_.db->read();
  auto counts = certified_counts(*tx, scope, group, domain::shanghai_date(env_.now()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : counts.groups) {
    items.push_back(
        {{"key", c.key}, {"label", c.label}, {"officers", c.officers}, {"certified", c.certified}});
  }
  return {{"group", group},
          {"items", items},
          {"total_officers", counts.officers},
          {"total_certified", counts.certified}};
}

Table ReportService::certified_table(const domain::Scope& scope, const std::string& group) {
  auto tx = env_.db->read();
  Table t;
  std::string title = group == "county" ? "县(市、区)" : group == "body" ? "执法主体" : "执法领域";
  t.first = {
      {title, 36}, {"在岗执法人员", 14, true}, {"持有效执法证", 14, true}, {"持证率(%)", 12, true}};
  for (const auto& c :
       certified_counts(*tx, scope, group, domain::shanghai_date(env_.now())).groups) {
    double rate =
        c.officers ? 100.0 * static_cast<double>(c.certified) / static_cast<double>(c.officers) : 0;
    t.second.push_back(
        {c.label, std::to_string(c.officers), std::to_string(c.certified), percent_text(rate)});
  }
  return t;
}

nlohmann::json ReportService::expiring(const domain::Scope& scope, int days, std::int64_t page,
                                       std::int64_t size) {
  auto tx = env_.db->read();
  std::string today = domain::shanghai_date(env_.now());
  std::string until = domain::previous_day(domain::add_days(today, days + 1));
  db::Params params;
  std::string from = expiring_from(scope, today, until, params);
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r : fetch_page(*tx, kExpiringSelect, from, " ORDER BY c.valid_until, c.id", params,
                           size, (page - 1) * size, total)) {
    items.push_back({{"officer_id", r.i64(0)},
                     {"officer_name", r.str(1)},
                     {"org_name", r.str(2)},
                     {"certificate_id", r.i64(3)},
                     {"number", r.str(4)},
                     {"valid_until", r.str(5)},
                     {"days_left", domain::days_between(today, r.str(5))}});
  }
  return {{"items", items}, {"total", total}, {"days", days}, {"until", until}};
}

Table ReportService::expiring_table(const domain::Scope& scope, int days) {
  auto tx = env_.db->read();
  std::string today = domain::shanghai_date(env_.now());
  std::string until = domain::previous_day(domain::add_days(today, days + 1));
  db::Params params;
  std::string from = expiring_from(scope, today, until, params);
  std::int64_t total = 0;
  Table t;
  t.first = {
      {"姓名", 12}, {"执法主体", 36}, {"执法证号", 18}, {"有效期至", 12}, {"剩余天数", 10, true}};
  for (auto r : fetch_page(*tx, kExpiringSelect, from, " ORDER BY c.valid_until, c.id", params,
                           1'000'000, 0, total)) {
    t.second.push_back({r.str(1), r.str(2), r.str(4), r.str(5),
                        std::to_string(domain::days_between(today, r.str(5)))});
  }
  return t;
}

nlohmann::json ReportService::legal_review(const domain::Scope& scope, bool below_only) {
  auto tx = env_.db->read();
  int min = env_.config.people.legal_review_min_percent;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& x : ratios(*tx, scope, min, below_only)) {
    items.push_back({{"org_id", x.org_id},
                     {"name", x.name},
                     {"county_name", x.county},
                     {"officers", x.officers},
                     {"reviewers", x.reviewers},
                     {"percent", std::round(x.percent * 10) / 10},
                     {"below", x.below}});
  }
  return {{"min_percent", min}, {"items", items}, {"total", items.size()}};
}

Table ReportService::legal_review_table(const domain::Scope& scope, bool below_only) {
  auto tx = env_.db->read();
  int min = env_.config.people.legal_review_min_percent;
  Table t;
  t.first = {{"执法主体", 36},           {"所属县(市、区)", 14}, {"在岗执法人员", 12, true},
             {"法制审核人员", 12, true}, {"占比(%)", 10, true},  {"是否达标", 10}};
  for (const auto& x : ratios(*tx, scope, min, below_only)) {
    t.second.push_back({x.name, x.county, std::to_string(x.officers), std::to_string(x.reviewers),
                        percent_text(x.percent),
                        x.below ? "低于 " + std::to_string(min) + "%" : "达标"});
  }
  return t;
}

}  // namespace zhifa::modules::people
