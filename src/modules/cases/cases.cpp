#include "modules/cases/cases.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "domain/case_flow.hpp"
#include "domain/case_rules.hpp"
#include "domain/case_settings.hpp"
#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/cases/case_settings_repo.hpp"
#include "modules/catalogue/benchmarks.hpp"
#include "modules/catalogue/matters.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/calendar.hpp"
#include "modules/common/counters.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/evidence/evidence.hpp"
#include "modules/org/org_repo.hpp"
#include "modules/people/people_repo.hpp"
#include "modules/publication/publication.hpp"

namespace zhifa::modules::cases {
namespace {

using domain::CaseRole;
using nlohmann::json;

Error rule_error(const domain::RuleCheck& r) {
  return Error{ErrorKind::kUnprocessable, r.code,
               r.article.empty() ? r.reason : r.reason + "(" + r.article + ")",
               "refused by " + r.code, "action"};
}

// The roles the caller holds on cases, from permissions.
std::vector<CaseRole> roles_of(const domain::Scope& s) {
  std::vector<CaseRole> out;
  if (s.has("case:handle")) out.push_back(CaseRole::kOfficer);
  if (s.has("case:approve")) out.push_back(CaseRole::kLeader);
  if (s.has("case:review")) out.push_back(CaseRole::kReviewer);
  return out;
}

domain::Penalty penalty_of(const json& j, bool organisation) {
  domain::Penalty p;
  for (const auto& k : j.value("kinds", std::vector<std::string>{})) {
    auto kind = domain::parse_penalty_kind(k);
    if (!kind) {
      raise(Error::invalid("case.penalty_kind", "未知的处罚种类: " + k, "unknown penalty kind",
                           "data.penalty.kinds"));
    }
    p.kinds.insert(*kind);
  }
  p.fine_fen = j.value("fine_fen", std::int64_t{0});
  p.confiscation_fen = j.value("confiscation_fen", std::int64_t{0});
  if (p.fine_fen < 0 || p.confiscation_fen < 0) {
    raise(
        Error::invalid("case.penalty_amount", "金额不能为负数", "negative amount", "data.penalty"));
  }
  p.organisation = organisation;
  return p;
}

json penalty_json(const domain::Penalty& p) {
  json kinds = json::array();
  for (auto k : p.kinds) kinds.push_back(std::string(domain::to_string(k)));
  return {{"kinds", kinds}, {"fine_fen", p.fine_fen}, {"confiscation_fen", p.confiscation_fen}};
}

struct CaseRow {
  std::int64_t id = 0, org_id = 0, version = 0;
  std::string org_name, org_path, procedure, state, suspended_from, source, summary, party_name,
      party_type, field, act_date, discovered;
  std::optional<std::string> act_end, filed_on, decision_due, decision_no, decided_on, service_due,
      served_on, payment_due, penalty, noticed_penalty;
  std::optional<std::int64_t> matter_id;
  bool grave_harm = false, review_required = false, review_passed = false;
  std::int64_t extension_days = 0;
  std::optional<std::string> extension_request, payment_plan, transfer;
  std::optional<std::string> disclosure_exempt, disclosure_note;  // 公示: never published
};

constexpr const char* kSelect =
    "SELECT c.id, c.org_id, o.name, o.path, c.procedure, c.state, COALESCE(c.suspended_from, ''), "
    "c.source, c.summary, c.party_name, c.party_type, c.field, c.act_date, c.act_end, "
    "c.discovered, "
    "c.grave_harm, c.penalty, c.noticed_penalty, c.review_required, c.review_passed, c.filed_on, "
    "c.decision_due, c.decision_no, c.decided_on, c.service_due, c.served_on, c.payment_due, "
    "c.matter_id, c.version, c.extension_days, c.extension_request, c.payment_plan, c.transfer, "
    "c.disclosure_exempt, c.disclosure_note FROM cases c JOIN orgs o ON o.id = c.org_id";

CaseRow to_row(const db::Row& r) {
  CaseRow c;
  c.id = r.i64(0);
  c.org_id = r.i64(1);
  c.org_name = r.str(2);
  c.org_path = r.str(3);
  c.procedure = r.str(4);
  c.state = r.str(5);
  c.suspended_from = r.str(6);
  c.source = r.str(7);
  c.summary = r.str(8);
  c.party_name = r.str(9);
  c.party_type = r.str(10);
  c.field = r.str(11);
  c.act_date = r.str(12);
  c.act_end = r.opt_str(13);
  c.discovered = r.str(14);
  c.grave_harm = r.boolean(15);
  c.penalty = r.opt_str(16);
  c.noticed_penalty = r.opt_str(17);
  c.review_required = r.boolean(18);
  c.review_passed = r.boolean(19);
  c.filed_on = r.opt_str(20);
  c.decision_due = r.opt_str(21);
  c.decision_no = r.opt_str(22);
  c.decided_on = r.opt_str(23);
  c.service_due = r.opt_str(24);
  c.served_on = r.opt_str(25);
  c.payment_due = r.opt_str(26);
  c.matter_id = r.opt_i64(27);
  c.version = r.i64(28);
  c.extension_days = r.i64(29);
  c.extension_request = r.opt_str(30);
  c.payment_plan = r.opt_str(31);
  c.transfer = r.opt_str(32);
  c.disclosure_exempt = r.opt_str(33);
  c.disclosure_note = r.opt_str(34);
  return c;
}

std::optional<CaseRow> find_case(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows = tx.query(std::string(kSelect) + " WHERE " + cond.sql + " AND c.id = ?", params);
  if (rows.empty()) return std::nullopt;
  return to_row(rows[0]);
}

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(); }

domain::FlowContext flow_of(const CaseRow& c) {
  domain::FlowContext ctx;
  ctx.review_required = c.review_required;
  ctx.review_passed = c.review_passed;
  ctx.suspended_from = c.suspended_from;
  ctx.extension_requested = c.extension_request.has_value();
  return ctx;
}

json case_json(const CaseRow& c) {
  return {{"id", c.id},
          {"org_id", c.org_id},
          {"org_name", c.org_name},
          {"procedure", c.procedure},
          {"state", c.state},
          {"state_label", domain::case_state_label(c.state)},
          {"source", c.source},
          {"summary", c.summary},
          {"party_name", c.party_name},
          {"party_type", c.party_type},
          {"field", c.field},
          {"field_label", domain::field_label(c.field)},
          {"matter_id", c.matter_id ? json(*c.matter_id) : json()},
          {"act_date", c.act_date},
          {"act_end", opt(c.act_end)},
          {"discovered", c.discovered},
          {"grave_harm", c.grave_harm},
          {"penalty", c.penalty ? json::parse(*c.penalty) : json()},
          {"noticed_penalty", c.noticed_penalty ? json::parse(*c.noticed_penalty) : json()},
          {"review_required", c.review_required},
          {"review_passed", c.review_passed},
          {"filed_on", opt(c.filed_on)},
          {"decision_due", opt(c.decision_due)},
          {"decision_no", opt(c.decision_no)},
          {"decided_on", opt(c.decided_on)},
          {"service_due", opt(c.service_due)},
          {"served_on", opt(c.served_on)},
          {"payment_due", opt(c.payment_due)},
          {"extension_days", c.extension_days},
          {"extension_request", c.extension_request ? json::parse(*c.extension_request) : json()},
          {"payment_plan", c.payment_plan ? json::parse(*c.payment_plan) : json()},
          {"transfer", c.transfer ? json::parse(*c.transfer) : json()},
          {"disclosure_exempt", c.disclosure_exempt ? json(*c.disclosure_exempt) : json()},
          {"disclosure_note", c.disclosure_note ? json(*c.disclosure_note) : json()},
          {"read_only", domain::is_read_only(c.state)},
          {"version", c.version}};
}

// The officers on the case, each with the eligibility rule's answer for the field on `date`.
std::vector<domain::OfficerOnCase> officers_on(db::Tx& tx, std::int64_t case_id,
                                               const std::string& field, const std::string& date) {
  std::vector<domain::OfficerOnCase> out;
  for (auto r : tx.query("SELECT f.id, f.name, f.org_id FROM case_officers co JOIN officers f ON "
                         "f.id = co.officer_id WHERE co.case_id = ? ORDER BY f.id",
                         {case_id})) {
    out.push_back({r.str(1), people::eligibility_of(tx, r.i64(0), r.i64(2), field, date)});
  }
  return out;
}

// The periods the case was suspended (APL 60: not counted), up to `on` for one still open.
std::vector<domain::Interval> suspensions(db::Tx& tx, std::int64_t case_id, const std::string& on) {
  std::vector<domain::Interval> paused;
  std::optional<std::string> since;
  auto add = [&](const std::string& from, const std::string& resumed_on) {
    if (resumed_on > from) paused.push_back({from, domain::previous_day(resumed_on)});
  };
  for (auto r : tx.query("SELECT action, data FROM case_steps WHERE case_id = ? AND action IN "
                         "('suspend', 'resume') ORDER BY id",
                         {case_id})) {
    std::string day = json::parse(r.str(1)).value("on", "");
    if (r.str(0) == "suspend") {
      since = day;
    } else if (since) {
      add(*since, day);
      since.reset();
    }
  }
  if (since) add(*since, on);
  return paused;
}

domain::TransferFacts transfer_of(const json& data) {
  const auto& t = data.value("transfer", json::object());
  domain::TransferFacts f;
  f.receiver_kind = t.value("receiver_kind", "");
  f.receiver = t.value("receiver", "");
  for (const auto& m : t.value("materials", std::vector<std::string>{})) f.materials.insert(m);
  f.no_items = t.value("no_items", false);
  f.no_inspection = t.value("no_inspection", false);
  return f;
}

json transfer_json(const domain::TransferFacts& f) {
  return {{"receiver_kind", f.receiver_kind},
          {"receiver", f.receiver},
          {"materials", f.materials},
          {"no_items", f.no_items},
          {"no_inspection", f.no_inspection}};
}

std::string date_of(const json& data, const std::string& key, const std::string& fallback) {
  std::string d = data.value(key, fallback);
  if (auto ok = domain::check_date(d, "data." + key); !ok) raise(ok.error());
  return d;
}

template <typename T>
T must(Result<T> r) {
  if (!r) raise(r.error());
  return std::move(r).take();
}

}  // namespace

std::string decision_prefix(db::Tx& tx, std::int64_t org_id) {
  auto o = org::find(tx, org_id);
  if (!o) return "";
  if (!o->short_name.empty()) return o->short_name;
  const std::string& n = o->name;
  // 解州镇综合行政执法办公室 -> 解州镇综执.
  const std::string office = "综合行政执法办公室";
  if (auto at = n.find(office); at != std::string::npos && at > 0) return n.substr(0, at) + "综执";
  // 运城市市场监督管理综合行政执法队 -> 运城市场: the division's first two characters and the
  // next two of the body's own name.
  return n.size() >= 15 ? n.substr(0, 6) + n.substr(9, 6) : n;
}

std::string format_decision_number(const std::string& prefix, int year, std::int64_t n) {
  return prefix + "罚〔" + std::to_string(year) + "〕" + std::to_string(n) + "号";
}

std::string decision_counter(std::int64_t org_id, int year) {
  return "decision:" + std::to_string(org_id) + ":" + std::to_string(year);
}

std::string decision_number(db::Tx& tx, std::int64_t org_id, const std::string& date) {
  int year = domain::year_of(date);
  return format_decision_number(decision_prefix(tx, org_id), year,
                                next_counter(tx, decision_counter(org_id, year)));
}

std::string CaseService::today() const { return domain::shanghai_date(env_.now()); }

Result<nlohmann::json> CaseService::create(const domain::Scope& scope, const LeadInput& in) {
  static const std::set<std::string> sources = {"complaint", "inspection", "grid",
                                                "transfer",  "referral",   "own"};
  if (!sources.count(in.source)) {
    return Error::invalid("case.source",
                          "线索来源应为投诉举报、检查发现、网格上报、移送、交办或自行发现",
                          "unknown source", "source");
  }
  if (in.procedure != "general" && in.procedure != "simplified") {
    return Error::invalid("case.procedure", "程序应为普通程序或简易程序", "unknown procedure",
                          "procedure");
  }
  if (in.party_type != "person" && in.party_type != "organisation") {
    return Error::invalid("case.party_type", "当事人类型应为自然人或单位", "unknown party type",
                          "party_type");
  }
  if (!domain::is_known_field(in.field)) {
    return Error::invalid("case.field", "执法领域不存在", "unknown field", "field");
  }
  if (auto ok = domain::check_date(in.act_date, "act_date"); !ok) return ok.error();
  if (auto ok = domain::check_date(in.discovered, "discovered"); !ok) return ok.error();
  std::int64_t now = env_.now();
  std::int64_t id = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto o = org::find(tx, in.org_id);
    if (!o || o->kind != "body" || !scope.covers({o->id, o->path})) {
      return Error::not_found("执法主体", "enforcement body");
    }
    for (auto officer : in.officer_ids) {
      if (tx.scalar_i64("SELECT COUNT(*) FROM officers WHERE id = ? AND org_id = ?",
                        {officer, in.org_id}) == 0) {
        return Error::invalid("case.officer", "承办人员应为本执法主体的执法人员",
                              "officers must belong to the body", "officer_ids");
      }
    }
    id = tx.insert(
        "INSERT INTO cases (org_id, procedure, state, source, summary, party_name, party_type, "
        "field, matter_id, act_date, act_end, discovered, grave_harm, version, created_at, "
        "created_by, updated_at, updated_by) VALUES (?, ?, 'lead', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "1, "
        "?, ?, ?, ?) RETURNING id",
        {in.org_id, in.procedure, in.source, in.summary, in.party_name, in.party_type, in.field,
         in.matter_id, in.act_date, in.act_end, in.discovered,
         static_cast<std::int64_t>(in.grave_harm ? 1 : 0), now, scope.user_id, now, scope.user_id});
    for (auto officer : in.officer_ids) {
      tx.exec("INSERT INTO case_officers (case_id, officer_id) VALUES (?, ?)", {id, officer});
    }
    auto seq = record(tx, &scope, now, in.org_id, "case", std::to_string(id), "case.lead",
                      {{"source", in.source},
                       {"summary", in.summary},
                       {"procedure", in.procedure},
                       {"officers", in.officer_ids}});
    tx.exec(
        "INSERT INTO case_steps (case_id, action, from_state, to_state, role, note, data, "
        "ledger_seq, at, by_user) VALUES (?, 'register', '', 'lead', 'officer', '', '{}', ?, ?, ?)",
        {id, seq, now, scope.user_id});
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, id);
}

constexpr std::int64_t kCountCap = 100'000;

nlohmann::json CaseService::list(const domain::Scope& scope, const CaseFilter& f, std::int64_t page,
                                 std::int64_t size) {
  auto tx = env_.db->read();
  // Every condition is on the case row, the scope as the set of bodies it covers: the count needs
  // no join, and each filter can use its index (a million cases: docs/performance.md).
  std::string where = " WHERE 1=1";
  db::Params params;
  if (!scope.all) {
    auto cond = org_scope(scope, "o", "");
    where += " AND c.org_id IN (SELECT o.id FROM orgs o WHERE " + cond.sql + ")";
    params = cond.params;
  }
  if (f.state) {
    where += " AND c.state = ?";
    params.emplace_back(*f.state);
  }
  if (f.org_id) {
    where += " AND c.org_id = ?";
    params.emplace_back(*f.org_id);
  }
  if (f.officer_id) {
    where += " AND c.id IN (SELECT co.case_id FROM case_officers co WHERE co.officer_id = ?)";
    params.emplace_back(*f.officer_id);
  }
  if (f.due_before) {
    where += " AND c.decision_due <= ?";
    params.emplace_back(*f.due_before);
  }
  if (f.q && !f.q->empty()) {
    where += " AND (" + sql_contains(*tx, "c.party_name") + " OR " +
             sql_contains(*tx, "c.summary") + ")";
    params.emplace_back(*f.q);
    params.emplace_back(*f.q);
  }
  std::string select(kSelect);
  std::string head = select.substr(0, select.find(" FROM "));
  std::string from = select.substr(select.find(" FROM "));
  std::int64_t total = 0;
  json items = json::array();
  // Due soonest first when asked what falls due; otherwise the newest first. The count stops at
  // kCountCap: past it a list is narrowed, not paged (the statistics count exactly).
  std::string order = f.due_before ? " ORDER BY c.decision_due, c.id" : " ORDER BY c.id DESC";
  std::string count_from = " FROM (SELECT 1 FROM cases c" + where + " LIMIT " +
                           std::to_string(kCountCap + 1) + ") capped";
  for (auto r : fetch_page(*tx, head, {}, from + where, order, params, size, (page - 1) * size,
                           total, count_from)) {
    items.push_back(case_json(to_row(r)));
  }
  bool capped = total > kCountCap;
  return {{"items", items}, {"total", capped ? kCountCap : total}, {"total_capped", capped}};
}

Result<nlohmann::json> CaseService::get(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto c = find_case(*tx, scope, id);
  if (!c) return Error::not_found("案件", "case");
  json j = case_json(*c);
  json officers = json::array();
  for (auto r : tx->query("SELECT f.id, f.name FROM case_officers co JOIN officers f ON f.id = "
                          "co.officer_id WHERE co.case_id = ? ORDER BY f.id",
                          {id})) {
    officers.push_back({{"id", r.i64(0)}, {"name", r.str(1)}});
  }
  j["officers"] = officers;
  json steps = json::array();
  for (auto r : tx->query("SELECT s.action, s.from_state, s.to_state, s.role, s.note, s.data, "
                          "s.ledger_seq, s.at, COALESCE(u.display_name, '') FROM case_steps s "
                          "LEFT JOIN users u ON u.id = s.by_user WHERE s.case_id = ? ORDER BY s.id",
                          {id})) {
    steps.push_back({{"action", r.str(0)},
                     {"from", r.str(1)},
                     {"to", r.str(2)},
                     {"to_label", domain::case_state_label(r.str(2))},
                     {"role", r.str(3)},
                     {"note", r.str(4)},
                     {"data", json::parse(r.str(5))},
                     {"ledger_seq", r.i64(6)},
                     {"at", r.i64(7)},
                     {"by_name", r.str(8)}});
  }
  j["steps"] = steps;
  json actions = json::array();
  auto ctx = flow_of(*c);
  for (auto role : roles_of(scope)) {
    for (const auto& a : domain::allowed_case_actions(c->state, role, ctx)) {
      actions.push_back({{"action", a.key}, {"label", a.label}, {"role", domain::to_string(role)}});
    }
  }
  j["actions"] = actions;
  return j;
}

Result<nlohmann::json> CaseService::act(const domain::Scope& scope, std::int64_t id,
                                        const ActionInput& in) {
  if (auto done = step(scope, id, in); !done) return done.error();
  return get(scope, id);
}

Status CaseService::step(const domain::Scope& scope, std::int64_t id, const ActionInput& in) {
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto calendar = working_calendar(tx);
    const auto& cal = *calendar;
    const auto settings = load_case_settings(tx);
    auto found = find_case(tx, scope, id);
    if (!found) return Error::not_found("案件", "case");
    CaseRow c = *found;
    if (in.version != c.version) {
      return Error::conflict(
          "case.stale",
          "案件已被他人办理(当前为第 " + std::to_string(c.version) + " 版),请刷新后再操作",
          "the case changed since it was loaded", "version");
    }
    // The role: the first of the caller's roles that may take the action; otherwise the most
    // telling refusal (the state or the review before "not your role").
    // 全过程记录: an on-site action that requires audio-video has it (or an exception) before the
    // case moves on.
    if (auto av = evidence::check_case_av(tx, id); !av.allowed) return rule_error(av);
    auto ctx = flow_of(c);
    auto roles = roles_of(scope);
    if (roles.empty()) {
      return Error::forbidden("case.role", "您没有办理案件的权限", "no case role");
    }
    std::optional<Result<std::string>> next;
    CaseRole role = roles[0];
    for (auto candidate : roles) {
      auto n = domain::next_case_state(c.state, in.action, candidate, ctx);
      if (n) {
        next = std::move(n);
        role = candidate;
        break;
      }
      if (!next || next->error().code == "case.role") next = std::move(n);
    }
    if (!*next) return next->error();
    std::string to = **next;
    // The day the step was taken: today, or an earlier day recorded afterwards; never later.
    std::string on = date_of(in.data, "on", today());
    if (on > today()) {
      return Error::invalid("case.future", "办案环节的日期不能晚于今天",
                            "the step's date is in the future", "data.on");
    }
    // Steps follow one another: none is dated before the one it follows.
    auto last = tx.query(
        "SELECT data FROM case_steps WHERE case_id = ? AND action <> 'register' ORDER BY id DESC "
        "LIMIT 1",
        {c.id});
    std::string previous =
        last.empty() ? c.discovered : json::parse(last[0].str(0)).value("on", c.discovered);
    if (on < previous) {
      return Error::invalid("case.before_previous",
                            "办案环节的日期不能早于上一环节(" + previous + ")",
                            "the step is dated before the step it follows", "data.on");
    }
    json data = in.data;
    bool organisation = c.party_type == "organisation";
    std::string sets;  // extra SET clauses
    db::Params set_params;
    auto set = [&](const std::string& column, db::Param v) {
      sets += ", " + column + " = ?";
      set_params.push_back(std::move(v));
    };
    auto require = [&](const domain::RuleCheck& check) {
      if (!check.allowed) raise(rule_error(check));
    };

    if (in.action == "file" || in.action == "decide_on_spot") {
      if (in.action == "file" && c.procedure != "general") {
        return Error::conflict("case.procedure", "简易程序案件应当场作出处罚决定,不需立案",
                               "a simplified case is decided on the spot", "action");
      }
      if (in.action == "decide_on_spot" && c.procedure != "simplified") {
        return Error::conflict("case.procedure", "普通程序案件不能当场作出处罚决定",
                               "only a simplified case is decided on the spot", "action");
      }
      int year = domain::year_of(on);
      bool holds = !c.matter_id || catalogue::holds_matter(tx, c.org_id, *c.matter_id, on);
      require(domain::check_body(people::body_confirmed(tx, c.org_id, year),
                                 people::body_active(tx, c.org_id), holds));
      // Certified on the day they act (the filing or the on-the-spot decision).
      require(domain::check_officers(officers_on(tx, c.id, c.field, on)));
      auto lim =
          must(domain::check_limitation({c.act_date, c.act_end, c.discovered, c.grave_harm}));
      require(lim.check);
      if (in.action == "file") {
        set("filed_on", on);
        set("decision_due", must(domain::decision_deadline(cal, on, {}, 0)));
      } else {
        auto p = penalty_of(data.value("penalty", json::object()), organisation);
        require(domain::check_simplified(p));
        if (data.value("cash_on_spot", false)) require(domain::check_cash_on_spot(p.fine_fen));
        set("penalty", penalty_json(p).dump());
        std::string no = decision_number(tx, c.org_id, on);
        set("decision_no", no);
        set("decided_on", on);
        set("service_due", on);
        data["decision_no"] = no;
      }
    } else if (in.action == "notify") {
      auto p = penalty_of(data.value("penalty", json::object()), organisation);
      if (p.kinds.empty()) {
        return Error::invalid("case.penalty", "请写明拟作出的行政处罚", "the intended penalty",
                              "data.penalty");
      }
      auto hearing = domain::hearing_right(p, settings.hearing);
      data["hearing_right"] = hearing.allowed;
      data["hearing_reason"] = hearing.reason;
      data["hearing_request_until"] = must(domain::hearing_request_deadline(cal, on));
      domain::ReviewFacts facts;
      const auto& rf = data.value("review", json::object());
      facts.major_public_interest = rf.value("major_public_interest", false);
      facts.major_rights = rf.value("major_rights", false);
      facts.complex = rf.value("complex", false);
      facts.law_requires = rf.value("law_requires", false);
      facts.manual = rf.value("manual", false);
      facts.penalty = p;
      auto review = domain::review_required(facts, settings.review);
      // The benchmark the officer chose: the fine within its range, or a written reason and then
      // a legal review; a lenient-list match is recorded either way.
      if (data.contains("discretion")) {
        const json dj = data["discretion"];
        if (!dj.is_object()) {
          return Error::invalid("input.invalid", "裁量情形应为对象", "discretion must be an object",
                                "data.discretion");
        }
        auto loaded = catalogue::load_benchmark(tx, dj.value("benchmark_id", std::int64_t{0}));
        if (!loaded) {
          return Error::invalid("case.benchmark", "所选裁量基准不存在", "no such benchmark",
                                "data.discretion.benchmark_id");
        }
        auto circ = catalogue::circumstances_from_json(dj, "data.discretion");
        circ.organisation = organisation;
        auto d =
            must(domain::decide(loaded->benchmark, dj.value("level", ""), circ, loaded->lenient));
        auto dc = domain::check_discretion(p, d, loaded->benchmark.code, dj.value("reason", ""));
        require(dc.check);
        data["discretion_result"] = {{"benchmark", loaded->benchmark.code},
                                     {"level", dj.value("level", "")},
                                     {"outcome", domain::to_string(d.outcome)},
                                     {"min_fen", d.min_fen},
                                     {"max_fen", d.max_fen},
                                     {"reasons", d.reasons},
                                     {"lenient_matches", d.lenient_matches},
                                     {"lenient_candidates", d.lenient_candidates},
                                     {"deviates", dc.deviates}};
        if (dc.deviates) {
          review.required = true;
          review.reasons.push_back("偏离裁量基准:" + dj.value("reason", std::string()));
        }
      }
      data["review_reasons"] = review.reasons;
      set("noticed_penalty", penalty_json(p).dump());
      set("review_required", static_cast<std::int64_t>(review.required ? 1 : 0));
      set("review_passed", std::int64_t{0});
    } else if (in.action == "request_hearing") {
      auto notice = tx.query(
          "SELECT data FROM case_steps WHERE case_id = ? AND action = 'notify' "
          "ORDER BY id DESC LIMIT 1",
          {c.id});
      auto noticed = notice.empty() ? json::object() : json::parse(notice[0].str(0));
      if (!noticed.value("hearing_right", false)) {
        return Error{ErrorKind::kUnprocessable, "case.no_hearing_right",
                     "告知的处罚不属于听证范围(《中华人民共和国行政处罚法》第六十三条)",
                     "the noticed penalty carries no hearing right", "action"};
      }
      std::string served = noticed.value("on", c.filed_on.value_or(on));
      require(must(domain::check_hearing_request(cal, served, on)));
      // A hearing held after the hearing became known: the review rule of APL 58 (二).
      set("review_required", std::int64_t{1});
      set("review_passed", std::int64_t{0});
    } else if (in.action == "schedule_hearing") {
      // The party is told at least 7 working days ahead (APL 64, 85).
      std::string hearing_on = date_of(data, "hearing_on", "");
      require(must(domain::check_hearing_notice(cal, on, hearing_on)));
    } else if (c.state == "hearing" &&
               (in.action == "submit_review" || in.action == "submit_decision")) {
      // The case leaves the hearing stage once the hearing, duly notified, has been held.
      // The hearing of this request: one scheduled after the latest request for a hearing.
      auto held = tx.query(
          "SELECT data FROM case_steps WHERE case_id = ? AND action = 'schedule_hearing' AND id > "
          "(SELECT COALESCE(MAX(id), 0) FROM case_steps WHERE case_id = ? AND action = "
          "'request_hearing') ORDER BY id DESC LIMIT 1",
          {c.id, c.id});
      std::string hearing_on =
          held.empty() ? "" : json::parse(held[0].str(0)).value("hearing_on", "");
      if (hearing_on.empty() || hearing_on > on) {
        return Error{ErrorKind::kUnprocessable, "case.hearing_not_held",
                     hearing_on.empty() ? "当事人要求听证的,应当通知听证时间并组织听证后再提交"
                                          "(《中华人民共和国行政处罚法》第六十四条)"
                                        : "听证定于 " + hearing_on + " 举行,举行后方可提交",
                     "the hearing has not been held", "action"};
      }
      data["hearing_on"] = hearing_on;
    } else if (in.action == "review_agree" || in.action == "review_correct" ||
               in.action == "review_transfer") {
      auto reviewer_id = data.value("reviewer_officer_id", std::int64_t{0});
      auto rows = tx.query(
          "SELECT org_id, legal_reviewer, legal_qualified FROM officers WHERE "
          "id = ?",
          {reviewer_id});
      bool staff = !rows.empty() && rows[0].i64(0) == c.org_id && rows[0].boolean(1);
      bool qualified = !rows.empty() && rows[0].boolean(2);
      bool investigator = tx.scalar_i64(
                              "SELECT COUNT(*) FROM case_officers WHERE case_id = ? "
                              "AND officer_id = ?",
                              {c.id, reviewer_id}) > 0;
      require(domain::check_reviewer(staff, qualified, investigator));
      if (in.action == "review_correct" && in.note.empty()) {
        return Error::invalid("case.review_points", "退回补正时请写明需要补正的问题",
                              "give the points to correct", "note");
      }
      set("review_passed", static_cast<std::int64_t>(in.action == "review_agree" ? 1 : 0));
      if (in.action == "review_transfer") {
        auto facts = transfer_of(data);
        require(domain::check_transfer(facts));
        set("transfer", transfer_json(facts).dump());
      }
    } else if (in.action == "decide") {
      auto p = penalty_of(data.value("penalty", json::object()), organisation);
      // Within the benchmark range the notice was checked against, unless the notice already
      // deviated with a reason and went through the review.
      auto notice = tx.query(
          "SELECT data FROM case_steps WHERE case_id = ? AND action = 'notify' ORDER BY id DESC "
          "LIMIT 1",
          {c.id});
      if (!notice.empty()) {
        auto dr = json::parse(notice[0].str(0)).value("discretion_result", json());
        if (dr.is_object() && !dr.value("deviates", false)) {
          domain::Decision d;
          d.outcome = dr.value("outcome", "") == "no_penalty" ? domain::DecisionOutcome::kNoPenalty
                                                              : domain::DecisionOutcome::kPenalty;
          d.min_fen = dr.value("min_fen", std::int64_t{0});
          d.max_fen = dr.value("max_fen", std::int64_t{0});
          auto dc = domain::check_discretion(p, d, dr.value("benchmark", ""), "");
          if (!dc.check.allowed) {
            dc.check.reason = dc.check.reason.substr(0, dc.check.reason.find(";")) +
                              ";确需偏离的,应当写明理由重新告知并经法制审核";
            require(dc.check);
          }
        }
      }
      if (c.noticed_penalty) {
        auto noticed = penalty_of(json::parse(*c.noticed_penalty), organisation);
        require(domain::check_not_heavier(noticed, p));
      }
      if (c.decision_due && on > *c.decision_due) {
        return Error{ErrorKind::kUnprocessable, "case.decision_late",
                     "已超过作出决定的期限 " + *c.decision_due +
                         "(《中华人民共和国行政处罚法》第六十条);本领域规章允许延长的,"
                         "应在期限届满前申请并经批准",
                     "past the decision deadline", "action"};
      }
      std::string no = decision_number(tx, c.org_id, on);
      set("penalty", penalty_json(p).dump());
      set("decision_no", no);
      set("decided_on", on);
      set("service_due", must(domain::service_deadline(cal, on)));
      data["decision_no"] = no;
    } else if (in.action == "serve") {
      if (data.value("method", "in_person") == "electronic") {
        require(domain::check_electronic_service(data.value("consent", false)));
      }
      set("served_on", on);
      set("payment_due", must(domain::payment_deadline(cal, on)));
    } else if (in.action == "record_payment") {
      if (c.payment_due && on > *c.payment_due && c.penalty) {
        auto p = json::parse(*c.penalty);
        int late = domain::days_between(*c.payment_due, on);
        data["late_fee_fen"] = domain::late_fee(p.value("fine_fen", std::int64_t{0}), late);
      }
    } else if (in.action == "suspend") {
      set("suspended_from", c.state);
    } else if (in.action == "resume") {
      set("suspended_from", nullptr);
      // Days of suspension do not count (APL 60): the decision falls due later by those days.
      if (c.filed_on) {
        std::string due = must(domain::decision_deadline(
            cal, *c.filed_on, suspensions(tx, c.id, on), static_cast<int>(c.extension_days)));
        set("decision_due", due);
        data["decision_due"] = due;
      }
    } else if (in.action == "request_extension") {
      int days = data.value("days", 0);
      require(domain::check_extension(settings, c.field, days, static_cast<int>(c.extension_days)));
      if (in.note.empty()) {
        return Error::invalid("case.extension_reason", "请写明申请延长办案期限的理由",
                              "give the reason", "note");
      }
      set("extension_request", json{{"days", days}, {"reason", in.note}, {"on", on}}.dump());
    } else if (in.action == "approve_extension" || in.action == "reject_extension") {
      auto req = json::parse(*c.extension_request);
      int days = req.value("days", 0);
      data["days"] = days;
      set("extension_request", nullptr);
      if (in.action == "approve_extension") {
        // The settings may have changed since the request: the rule is applied on approval.
        require(
            domain::check_extension(settings, c.field, days, static_cast<int>(c.extension_days)));
        int total = static_cast<int>(c.extension_days) + days;
        std::string due = must(domain::decision_deadline(cal, c.filed_on.value_or(on),
                                                         suspensions(tx, c.id, on), total));
        set("extension_days", static_cast<std::int64_t>(total));
        set("decision_due", due);
        data["decision_due"] = due;
      } else if (in.note.empty()) {
        return Error::invalid("case.extension_reason", "不批准时请写明理由", "give the reason",
                              "note");
      }
    } else if (in.action == "defer_payment") {
      const auto& pj = data.value("plan", json::object());
      domain::PaymentPlan plan;
      plan.kind = pj.value("kind", "");
      plan.until = pj.value("until", "");
      plan.applied_on = pj.value("applied_on", "");
      for (const auto& i : pj.value("instalments", json::array())) {
        plan.instalments.push_back({i.value("due", ""), i.value("fine_fen", std::int64_t{0})});
      }
      std::int64_t fine =
          c.penalty ? json::parse(*c.penalty).value("fine_fen", std::int64_t{0}) : 0;
      auto checked = must(domain::check_payment_plan(plan, fine, c.payment_due.value_or(on), on));
      require(checked.check);
      set("payment_plan", pj.dump());
      set("payment_due", checked.last_day);
      data["payment_due"] = checked.last_day;
    } else if (in.action == "transfer" || in.action == "pass_on") {
      auto facts = transfer_of(data);
      require(domain::check_transfer(facts));
      set("transfer", transfer_json(facts).dump());
    } else if (in.action == "dismiss" && in.note.empty()) {
      return Error::invalid("case.reason", "不予立案时请写明理由", "give the reason", "note");
    }
    data["on"] = on;
    std::string sql =
        "UPDATE cases SET state = ?, version = version + 1, updated_at = ?, "
        "updated_by = ?" +
        sets + " WHERE id = ? AND version = ?";
    db::Params params = {to, now, scope.user_id};
    params.insert(params.end(), set_params.begin(), set_params.end());
    params.emplace_back(c.id);
    params.emplace_back(c.version);
    if (tx.exec(sql, params) == 0) {
      return Error::conflict("case.stale", "案件已被他人办理,请刷新后再操作",
                             "the case changed meanwhile", "version");
    }
    auto seq = record(tx, &scope, now, c.org_id, "case", std::to_string(c.id), "case." + in.action,
                      {{"from", c.state},
                       {"to", to},
                       {"role", domain::to_string(role)},
                       {"note", in.note},
                       {"data", data}});
    tx.exec(
        "INSERT INTO case_steps (case_id, action, from_state, to_state, role, note, data, "
        "ledger_seq, at, by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {c.id, in.action, c.state, to, std::string(domain::to_string(role)), in.note, data.dump(),
         seq, now, scope.user_id});
    // 公示: a decision enters the publication queue the moment it is made.
    if (to == "decided" && c.state != "decided") {
      publication::PublicationService(env_).enqueue_case(tx, &scope, c.id, now);
    }
    return Ok{};
  });
  return r;
}

nlohmann::json CaseService::deadlines(const domain::Scope& scope, int within_days) {
  auto tx = env_.db->read();
  std::string d = today();
  std::string until = domain::add_days(d, within_days);
  auto cond = org_scope(scope, "o", "");
  // Which deadline is open in which states.
  const std::string due =
      "CASE WHEN c.state IN ('investigating', 'noticed', 'hearing', 'reviewing', "
      "'pending_decision', 'collective') THEN c.decision_due WHEN c.state = 'decided' THEN "
      "c.service_due WHEN c.state = 'served' THEN c.payment_due END";
  const std::string kind =
      "CASE WHEN c.state = 'decided' THEN 'service' WHEN c.state = 'served' THEN 'payment' ELSE "
      "'decision' END";
  db::Params params = cond.params;
  params.emplace_back(until);
  json items = json::array();
  std::map<std::string, std::pair<int, int>> by_body;  // name -> (overdue, due)
  std::map<std::string, std::pair<int, int>> by_officer;
  for (auto r :
       tx->query("SELECT c.id, c.party_name, o.name, c.state, " + kind + ", " + due +
                     " AS due FROM cases c JOIN orgs o ON o.id = c.org_id WHERE " + cond.sql +
                     " AND " + due + " IS NOT NULL AND " + due + " <= ? ORDER BY due, c.id",
                 params)) {
    bool overdue = r.str(5) < d;
    json officers = json::array();
    for (auto f : tx->query("SELECT f.name FROM case_officers co JOIN officers f ON f.id = "
                            "co.officer_id WHERE co.case_id = ? ORDER BY f.id",
                            {r.i64(0)})) {
      officers.push_back(f.str(0));
      auto& o = by_officer[f.str(0)];
      (overdue ? o.first : o.second)++;
    }
    auto& b = by_body[r.str(2)];
    (overdue ? b.first : b.second)++;
    items.push_back({{"case_id", r.i64(0)},
                     {"party_name", r.str(1)},
                     {"org_name", r.str(2)},
                     {"state", r.str(3)},
                     {"state_label", domain::case_state_label(r.str(3))},
                     {"kind", r.str(4)},
                     {"due", r.str(5)},
                     {"overdue", overdue},
                     {"days_left", domain::days_between(d, r.str(5))},
                     {"officers", officers}});
  }
  auto counts = [](const std::map<std::string, std::pair<int, int>>& m) {
    json a = json::array();
    for (const auto& [name, c] : m) {
      a.push_back({{"name", name}, {"overdue", c.first}, {"due", c.second}});
    }
    return a;
  };
  return {{"today", d},
          {"until", until},
          {"items", items},
          {"by_body", counts(by_body)},
          {"by_officer", counts(by_officer)}};
}

nlohmann::json CaseService::uncertified(const domain::Scope& scope) {
  auto tx = env_.db->read();
  std::string d = today();
  auto cond = org_scope(scope, "o", "");
  db::Params params = cond.params;
  params.emplace_back(d);
  params.emplace_back(d);
  json items = json::array();
  // Open cases (leads included: officers are already on them) whose officer holds no certificate
  // in force today for the case's field; the eligibility rule then says why.
  for (auto r : tx->query(
           "SELECT c.id, c.party_name, o.name, c.state, f.id, f.name, f.org_id, c.field FROM "
           "cases c JOIN orgs o ON o.id = c.org_id JOIN case_officers co ON co.case_id = c.id JOIN "
           "officers f ON f.id = co.officer_id WHERE " +
               cond.sql +
               " AND c.state NOT IN ('closed', 'archived', 'terminated', 'withdrawn', "
               "'transferred', 'dismissed', 'passed_on') AND NOT EXISTS (SELECT 1 FROM "
               "certificates x WHERE x.officer_id = f.id AND x.state = 'issued' AND x.valid_from "
               "<= ? AND x.valid_until >= ? AND (',' || x.fields || ',') LIKE ('%,' || c.field || "
               "',%')) ORDER BY c.id, f.id",
           params)) {
    auto e = people::eligibility_of(*tx, r.i64(4), r.i64(6), r.str(7), d);
    items.push_back({{"case_id", r.i64(0)},
                     {"party_name", r.str(1)},
                     {"org_name", r.str(2)},
                     {"state", r.str(3)},
                     {"state_label", domain::case_state_label(r.str(3))},
                     {"officer_id", r.i64(4)},
                     {"officer_name", r.str(5)},
                     {"field_label", domain::field_label(r.str(7))},
                     {"code", e.code},
                     {"reason", e.reason_zh}});
  }
  return {{"date", d}, {"items", items}, {"total", items.size()}};
}

nlohmann::json CaseService::settings() {
  auto tx = env_.db->read();
  json out = domain::to_json(load_case_settings(*tx));
  auto rows = tx->query(
      "SELECT s.updated_at, COALESCE(u.display_name, '') FROM settings s LEFT JOIN users u ON "
      "u.id = s.updated_by WHERE s.key = ?",
      {std::string(kCaseRulesKey)});
  out["updated_at"] = rows.empty() ? json() : json(rows[0].i64(0));
  out["updated_by"] = rows.empty() ? json() : json(rows[0].str(1));
  return out;
}

Result<nlohmann::json> CaseService::put_settings(const domain::Scope& scope,
                                                 const nlohmann::json& body) {
  auto parsed = domain::parse_case_settings(body);
  if (!parsed) return parsed.error();
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto before = domain::to_json(load_case_settings(tx));
    auto after = domain::to_json(*parsed);
    if (before == after) {
      return Error::invalid("case_settings.unchanged", "设置没有变化", "nothing changed");
    }
    save_case_settings(tx, *parsed, now, scope.user_id);
    record(tx, &scope, now, std::nullopt, "settings", kCaseRulesKey, "settings.case_rules",
           {{"before", before}, {"after", after}});
    return Ok{};
  });
  if (!r) return r.error();
  return settings();
}

nlohmann::json CaseService::notifications(const domain::Scope& scope) {
  json items = json::array();
  auto sentence = [](const json& i, const std::string& what) {
    int left = i["days_left"].get<int>();
    std::string when = left < 0    ? "已超期 " + std::to_string(-left) + " 天"
                       : left == 0 ? "今天到期"
                                   : "还剩 " + std::to_string(left) + " 天";
    return "【" + when + "】" + i["party_name"].get<std::string>() + "案应于 " +
           i["due"].get<std::string>() + " 前" + what;
  };
  if (scope.has("case:handle") || scope.has("case:approve")) {
    static const std::map<std::string, std::string> what = {
        {"decision", "作出处罚决定"}, {"service", "送达处罚决定书"}, {"payment", "缴纳罚款"}};
    json board = deadlines(scope, 7);  // kept alive: the loop runs over its items
    for (auto& i : board["items"]) {
      i["text"] = sentence(i, what.at(i["kind"].get<std::string>()));
      items.push_back(std::move(i));
    }
  }
  if (scope.has("case:review")) {
    auto tx = env_.db->read();
    std::string d = today();
    auto cond = org_scope(scope, "o", "");
    for (auto r : tx->query("SELECT c.id, c.party_name, o.name, c.decision_due FROM cases c JOIN "
                            "orgs o ON o.id = c.org_id WHERE " +
                                cond.sql +
                                " AND c.state = 'reviewing' ORDER BY c.decision_due, c.id LIMIT 50",
                            cond.params)) {
      std::string due = r.opt_str(3).value_or(d);
      json i = {{"case_id", r.i64(0)},
                {"party_name", r.str(1)},
                {"org_name", r.str(2)},
                {"kind", "review"},
                {"due", due},
                {"overdue", due < d},
                {"days_left", domain::days_between(d, due)}};
      i["text"] = sentence(i, "完成法制审核(作出决定期限)");
      items.push_back(std::move(i));
    }
  }
  // A case awaiting review is one notice for someone who reviews: the review, not its deadline.
  std::set<std::int64_t> in_review;
  for (const auto& i : items) {
    if (i["kind"] == "review") in_review.insert(i["case_id"].get<std::int64_t>());
  }
  json kept = json::array();
  for (auto& i : items) {
    if (i["kind"] != "decision" || !in_review.count(i["case_id"].get<std::int64_t>())) {
      kept.push_back(std::move(i));
    }
  }
  items = std::move(kept);
  std::stable_sort(items.begin(), items.end(), [](const json& a, const json& b) {
    return a["due"].get<std::string>() < b["due"].get<std::string>();
  });
  int overdue = 0;
  for (const auto& i : items) overdue += i["overdue"].get<bool>() ? 1 : 0;
  int due = static_cast<int>(items.size()) - overdue;
  if (items.size() > 50) items.erase(items.begin() + 50, items.end());
  return {{"overdue", overdue}, {"due", due}, {"items", items}};
}

}  // namespace zhifa::modules::cases
