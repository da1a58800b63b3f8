#include "app/demo_cases.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "app/demo_rng.hpp"
#include "db/bulk.hpp"
#include "domain/case_rules.hpp"
#include "domain/dates.hpp"
#include "ledger/ledger.hpp"
#include "modules/cases/cases.hpp"
#include "modules/common/calendar.hpp"

namespace zhifa::app {
namespace {

using nlohmann::json;

struct Named {
  std::int64_t id = 0;
  std::string name;
};

// A body cases can be planned for: confirmed both years, with two officers certified for its
// field over the whole year, a qualified legal reviewer and penalty matters it may use.
struct Body {
  std::int64_t org_id = 0;
  std::string name, field, place;
  bool township = false;
  std::vector<std::int64_t> officers;
  std::vector<Named> reviewers, matters;
};

struct Step {
  std::string action, from, to, role, note;
  json data;
};

struct Plan {
  const Body* body = nullptr;
  const Named* matter = nullptr;
  std::string procedure, source, party_name, party_type, summary, act_date, discovered;
  std::vector<std::int64_t> officers;
  std::vector<Step> steps;
  std::string state = "lead", suspended_from;
  json penalty, noticed_penalty;
  bool review_required = false, review_passed = false;
  std::optional<std::string> filed_on, decision_due, decision_no, decided_on, service_due,
      served_on, payment_due;
  std::size_t decide_step = 0;  // index of the decision step, when there is one
};

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                     "徐", "孙", "胡", "朱", "高", "郭", "马", "梁", "宋", "郑",
                                     "韩", "冯", "董", "薛", "卫", "畅", "裴", "景", "关", "解"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                  "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚",
                                  "华", "建", "国", "晋", "文", "斌", "宏", "亮", "鹏", "辉"};
constexpr const char* kPartyGiven[] = {"秋", "桃", "柳", "菊", "兰", "梅", "松", "柏", "泉", "峰",
                                       "岚", "蓉", "萍", "莉", "燕", "琴", "德", "福", "贵", "禄",
                                       "顺", "喜", "春", "夏", "冬", "玉", "金", "银", "铁", "根"};
constexpr const char* kBrands[] = {"鑫源", "宏达", "盛世", "金鼎", "华盛", "永盛", "利民",
                                   "福瑞", "恒通", "天和", "晋缘", "河东", "嘉禾", "顺达",
                                   "兴隆", "德润", "康泰", "安康", "聚丰", "润泽"};

std::vector<std::string> trades_of(const std::string& field) {
  static const std::map<std::string, std::vector<std::string>> k = {
      {"market", {"超市", "食品店", "大药房", "餐饮有限公司", "商贸有限公司"}},
      {"urban", {"建筑工程有限公司", "广告有限公司", "餐馆", "物业服务有限公司"}},
      {"transport", {"运输有限公司", "物流有限公司", "驾驶员培训学校", "汽车维修部"}},
      {"agriculture", {"农资经营部", "种业有限公司", "养殖专业合作社"}},
      {"culture", {"网吧", "文化传媒有限公司", "歌舞娱乐有限公司", "书店"}},
      {"emergency", {"化工有限公司", "加油站", "烟花爆竹经营部", "建材有限公司"}},
      {"ecology", {"化工有限公司", "洗车场", "砖厂", "铸造有限公司"}},
      {"township", {"农家乐", "建材经营部", "养殖场", "汽车修理部"}}};
  auto it = k.find(field);
  return it == k.end() ? std::vector<std::string>{"有限公司"} : it->second;
}

template <typename T, std::size_t N>
const T& pick(Rng& rng, const T (&a)[N]) {
  return a[rng.below(static_cast<int>(N))];
}
template <typename T>
const T& pick(Rng& rng, const std::vector<T>& v) {
  return v[rng.below(static_cast<int>(v.size()))];
}

// "对未取得农药经营许可证经营农药的行政处罚" -> "未取得农药经营许可证经营农药".
std::string conduct_of(std::string name) {
  const std::string head = "对", tail = "的行政处罚";
  if (name.starts_with(head)) name = name.substr(head.size());
  if (name.ends_with(tail)) name = name.substr(0, name.size() - tail.size());
  return name;
}

std::int64_t ms_of(const std::string& date, int hour_shanghai) {
  return static_cast<std::int64_t>(domain::days_between("1970-01-01", date)) * 86'400'000 +
         static_cast<std::int64_t>(hour_shanghai - 8) * 3'600'000;
}

json penalty_json(const domain::Penalty& p) {
  json kinds = json::array();
  for (auto k : p.kinds) kinds.push_back(std::string(domain::to_string(k)));
  return {{"kinds", kinds}, {"fine_fen", p.fine_fen}, {"confiscation_fen", p.confiscation_fen}};
}

std::vector<Body> load_bodies(db::Tx& tx, const std::string& start, const std::string& today) {
  std::vector<Body> out;
  int y0 = domain::year_of(start), y1 = domain::year_of(today);
  for (auto r : tx.query(
           "SELECT b.org_id, o.name, b.fields, t.name, c.id, c.name FROM enforcement_bodies b JOIN "
           "orgs o ON o.id = b.org_id LEFT JOIN orgs t ON t.id = o.parent_id LEFT JOIN orgs c ON "
           "c.id = t.parent_id WHERE b.status = 'active' AND o.status = 'active' AND "
           "b.body_kind IN ('authorised', 'organ') AND "
           "(SELECT COUNT(*) FROM body_confirmations k WHERE k.org_id = b.org_id AND k.year IN "
           "(?, ?)) = ? ORDER BY o.path",
           {static_cast<std::int64_t>(y0), static_cast<std::int64_t>(y1),
            static_cast<std::int64_t>(y0 == y1 ? 1 : 2)})) {
    Body b;
    b.org_id = r.i64(0);
    b.name = r.str(1);
    b.field = r.str(2);
    b.township = b.field == "township";
    // Party names carry the place: the county for county and township bodies, else the city.
    b.place = b.township ? r.str(5) : r.str(3);
    if (b.place.size() > 9) b.place = b.place.substr(0, 9);
    if (b.township) {
      // The county's delegated list, adopted before the year began.
      for (auto m : tx.query(
               "SELECT m.id, m.name FROM matters m WHERE m.org_id = ? AND m.list_kind = "
               "'delegated' AND m.matter_type = 'penalty' AND m.status = 'active' AND "
               "m.effective_from <= ? AND (m.effective_until IS NULL OR m.effective_until >= ?) "
               "AND EXISTS (SELECT 1 FROM township_list_adoptions a WHERE a.county_id = m.org_id "
               "AND a.list_kind = 'delegated' AND a.effective_from <= ?) ORDER BY m.code",
               {r.i64(4), start, today, start})) {
        b.matters.push_back({m.i64(0), m.str(1)});
      }
    } else {
      for (auto m :
           tx.query("SELECT id, name FROM matters WHERE org_id = ? AND matter_type = 'penalty' AND "
                    "status = 'active' AND effective_from <= ? AND (effective_until IS NULL OR "
                    "effective_until >= ?) ORDER BY code",
                    {b.org_id, start, today})) {
        b.matters.push_back({m.i64(0), m.str(1)});
      }
    }
    if (b.matters.empty()) continue;
    // Investigators certified for the field from before the first case to after the last one.
    for (auto f : tx.query(
             "SELECT f.id, f.name, f.legal_reviewer, f.legal_qualified, EXISTS (SELECT 1 FROM "
             "certificates c WHERE c.officer_id = f.id AND c.state = 'issued' AND c.valid_from "
             "<= ? AND c.valid_until >= ? AND (',' || c.fields || ',') LIKE ?) FROM officers f "
             "WHERE f.org_id = ? AND f.status = 'active' ORDER BY f.id",
             {start, today, "%," + b.field + ",%", b.org_id})) {
      if (f.boolean(2)) {
        if (f.boolean(3)) b.reviewers.push_back({f.i64(0), f.str(1)});
      } else if (f.boolean(4)) {
        b.officers.push_back(f.i64(0));
      }
    }
    if (b.officers.size() >= 2 && !b.reviewers.empty()) out.push_back(std::move(b));
  }
  return out;
}

class Planner {
 public:
  Planner(const domain::WorkdayCalendar& cal, std::string today) : cal_(cal), today_(today) {}

  Plan plan(Rng& rng, const Body& body, const std::string& discovered) {
    Plan p;
    p.body = &body;
    p.matter = &pick(rng, body.matters);
    p.discovered = discovered;
    p.act_date = domain::add_days(discovered, -rng.below(60));
    static const char* kSources[] = {"inspection", "inspection", "inspection", "inspection",
                                     "complaint",  "complaint",  "complaint",  "grid",
                                     "own",        "transfer",   "referral"};
    p.source = pick(rng, kSources);
    p.party_type = rng.chance(60) ? "organisation" : "person";
    if (p.party_type == "organisation") {
      p.party_name = body.place + pick(rng, kBrands) + pick(rng, trades_of(body.field));
    } else {
      // Given names from characters no demo officer's name uses: a published decision's party
      // is never mistaken for an officer (the officers are public, the parties masked).
      p.party_name = std::string(pick(rng, kSurnames)) + pick(rng, kPartyGiven) +
                     (rng.chance(60) ? pick(rng, kPartyGiven) : "");
    }
    p.summary = "当事人" + p.party_name + "涉嫌" + conduct_of(p.matter->name);
    std::vector<std::int64_t> pool = body.officers;
    for (int i = 0; i < (rng.chance(10) && pool.size() > 2 ? 3 : 2); ++i) {
      int k = rng.below(static_cast<int>(pool.size()));
      p.officers.push_back(pool[k]);
      pool.erase(pool.begin() + k);
    }
    p.procedure = rng.chance(30) ? "simplified" : "general";
    plan_ = &p;
    step("register", "lead", "officer", discovered, json::object());
    if (p.procedure == "simplified") {
      simplified(rng);
    } else {
      general(rng);
    }
    return p;
  }

 private:
  // Takes the step when its day has come (before today); otherwise the case waits.
  bool step(const std::string& action, const std::string& to, const std::string& role,
            const std::string& on, json data, const std::string& note = "") {
    if (on >= today_) return false;
    data["on"] = on;
    plan_->steps.push_back({action, plan_->state, to, role, note, std::move(data)});
    plan_->state = to;
    last_ = on;
    return true;
  }

  domain::Penalty penalty(Rng& rng, bool simplified) {
    domain::Penalty p;
    p.organisation = plan_->party_type == "organisation";
    if (simplified) {
      if (rng.chance(30)) {
        p.kinds.insert(domain::PenaltyKind::kWarning);
        return p;
      }
      static const int kPerson[] = {20, 50, 100, 200}, kOrg[] = {500, 1000, 2000, 3000};
      p.kinds.insert(domain::PenaltyKind::kFine);
      p.fine_fen = std::int64_t{100} * (p.organisation ? pick(rng, kOrg) : pick(rng, kPerson));
      return p;
    }
    if (rng.chance(5)) {
      p.kinds.insert(domain::PenaltyKind::kWarning);
      return p;
    }
    static const int kPerson[] = {500, 1000, 2000, 3000, 5000, 10000};
    static const int kOrg[] = {5000, 10000, 20000, 30000, 50000, 80000, 100000, 150000, 200000};
    p.kinds.insert(domain::PenaltyKind::kFine);
    p.fine_fen = std::int64_t{100} * (p.organisation ? pick(rng, kOrg) : pick(rng, kPerson));
    if (rng.chance(15)) {
      p.kinds.insert(domain::PenaltyKind::kConfiscation);
      p.confiscation_fen = std::int64_t{100} * rng.between(5, 300) * 100;
    }
    return p;
  }

  void decided(const domain::Penalty& p, const std::string& on, const std::string& service_due) {
    plan_->penalty = penalty_json(p);
    plan_->decided_on = on;
    plan_->service_due = service_due;
    plan_->decide_step = plan_->steps.size() - 1;
  }

  // Service, payment or enforcement, closing and archive; from the decision on.
  void execute(Rng& rng, const domain::Penalty& p, bool simplified) {
    std::string served = last_;
    if (!simplified) {
      auto due = cal_.add_working_days(last_, rng.between(1, 6));
      if (!due) return;
      served = *due;
    }
    static const char* kMethods[] = {"in_person", "in_person", "in_person", "mail", "electronic"};
    std::string method = simplified ? "in_person" : pick(rng, kMethods);
    json data = {{"method", method}};
    if (method == "electronic") data["consent"] = true;
    if (!step("serve", "served", "officer", served, data)) return;
    plan_->served_on = served;
    auto pay_due = domain::payment_deadline(cal_, served);
    if (!pay_due) return;
    plan_->payment_due = *pay_due;
    int r = rng.below(100);
    if (p.fine_fen == 0 || r < 82) {
      std::string on = domain::add_days(served, p.fine_fen == 0 ? 0 : rng.between(0, 14));
      if (on > *pay_due) on = *pay_due;
      if (!step("record_payment", "executed", "officer", on, {{"paid_fen", p.fine_fen}})) return;
    } else if (r < 90) {
      std::string on = domain::add_days(*pay_due, rng.between(3, 30));
      int late = domain::days_between(*pay_due, on);
      std::int64_t fee = domain::late_fee(p.fine_fen, late);
      if (!step("record_payment", "executed", "officer", on,
                {{"paid_fen", p.fine_fen}, {"late_fee_fen", fee}},
                "逾期 " + std::to_string(late) + " 天缴纳,加处罚款 " + domain::yuan_text(fee))) {
        return;
      }
    } else if (r < 97) {
      if (!step("apply_enforcement", "enforcing", "officer",
                domain::add_days(*pay_due, rng.between(60, 100)), json::object(),
                "当事人逾期不履行,申请人民法院强制执行")) {
        return;
      }
      if (!step("finish_enforcement", "executed", "officer",
                domain::add_days(last_, rng.between(30, 90)), json::object())) {
        return;
      }
    } else {
      return;  // not paid yet: the payment deadline is overdue on the board
    }
    if (!step("close", "closed", "leader", domain::add_days(last_, rng.between(1, 10)),
              json::object())) {
      return;
    }
    step("archive", "archived", "officer", domain::add_days(last_, rng.between(5, 30)),
         json::object());
  }

  void simplified(Rng& rng) {
    auto p = penalty(rng, true);
    json data = {{"penalty", penalty_json(p)}};
    if (p.fine_fen > 0 && p.fine_fen <= 10000 && rng.chance(50)) data["cash_on_spot"] = true;
    step("decide_on_spot", "decided", "officer", plan_->discovered, data);
    decided(p, plan_->discovered, plan_->discovered);
    execute(rng, p, true);
  }

  void general(Rng& rng) {
    Plan& c = *plan_;
    int r = rng.below(100);
    std::string d = c.discovered;
    if (r < 5) {
      step("dismiss", "dismissed", "leader", domain::add_days(d, rng.between(1, 3)), json::object(),
           "经核查,违法事实不能成立,不予立案");
      return;
    }
    if (r < 7) {
      step("pass_on", "passed_on", "leader", domain::add_days(d, rng.between(1, 3)), json::object(),
           "不属于本机关管辖,已移交有管辖权的机关");
      return;
    }
    std::string filed = domain::add_days(d, rng.between(1, 5));
    auto due = domain::decision_deadline(cal_, filed, {}, 0);
    if (!due) return;  // the calendar does not reach the deadline yet: it stays a lead
    if (!step("file", "investigating", "leader", filed, json::object())) return;
    c.filed_on = filed;
    c.decision_due = *due;
    int r2 = rng.below(100);
    if (r2 < 2) {
      std::string from = domain::add_days(filed, rng.between(10, 20));
      if (!step("suspend", "suspended", "leader", from, json::object(),
                "当事人下落不明,案件中止调查")) {
        return;
      }
      c.suspended_from = "investigating";
      std::string resumed = domain::add_days(from, rng.between(10, 30));
      auto later =
          domain::decision_deadline(cal_, filed, {{from, domain::previous_day(resumed)}}, 0);
      if (!later ||
          !step("resume", "investigating", "leader", resumed, {{"decision_due", *later}})) {
        return;
      }
      c.suspended_from.clear();
      c.decision_due = *later;
    } else if (r2 < 5) {
      if (step("close_without_penalty", "closed", "leader",
               domain::add_days(filed, rng.between(20, 40)), json::object(),
               "违法事实不能成立,不予行政处罚")) {
        step("archive", "archived", "officer", domain::add_days(last_, rng.between(5, 20)),
             json::object());
      }
      return;
    } else if (r2 < 6) {
      step("terminate", "terminated", "leader", domain::add_days(filed, rng.between(15, 30)),
           json::object(), "当事人死亡(注销),终止调查");
      return;
    } else if (r2 < 7) {
      step("withdraw", "withdrawn", "leader", domain::add_days(filed, rng.between(5, 15)),
           json::object(), "立案依据不足,撤销立案");
      return;
    } else if (r2 < 8) {
      step("transfer", "transferred", "leader", domain::add_days(filed, rng.between(10, 30)),
           json::object(), "涉嫌犯罪,依法移送公安机关");
      return;
    }
    auto p = penalty(rng, false);
    domain::ReviewFacts facts;
    facts.penalty = p;
    facts.manual = rng.chance(8);
    facts.major_rights = p.fine_fen >= 5'000'000 && rng.chance(30);
    auto hearing = domain::hearing_right(p, domain::HearingThresholds{});
    if (!notify(rng, p, facts, hearing, domain::add_days(last_, rng.between(10, 40)))) return;
    std::string noticed_on = last_;
    bool heard = false;
    if (hearing.allowed && rng.chance(40)) {
      auto on = cal_.add_working_days(noticed_on, rng.between(1, 5));
      if (!on || !step("request_hearing", "hearing", "officer", *on, json::object())) return;
      c.review_required = true;
      heard = true;
    }
    std::string next = domain::add_days(last_, heard ? rng.between(10, 20) : rng.between(8, 15));
    if (c.review_required) {
      if (!step("submit_review", "reviewing", "officer", next, json::object())) return;
      const Named& reviewer = pick(rng, c.body->reviewers);
      json who = {{"reviewer_officer_id", reviewer.id}, {"reviewer_name", reviewer.name}};
      if (rng.chance(12)) {
        if (!step("review_correct", "investigating", "reviewer",
                  domain::add_days(last_, rng.between(2, 5)), who,
                  "证据不足:现场检查笔录缺少当事人签字,请补充调查后重新告知")) {
          return;
        }
        if (!notify(rng, p, facts, hearing, domain::add_days(last_, rng.between(5, 12)))) return;
        if (!step("submit_review", "reviewing", "officer",
                  domain::add_days(last_, rng.between(8, 12)), json::object())) {
          return;
        }
      }
      if (!step("review_agree", "pending_decision", "reviewer",
                domain::add_days(last_, rng.between(2, 5)), who, "事实清楚,证据确凿,程序合法")) {
        return;
      }
      c.review_passed = true;
    } else if (!step("submit_decision", "pending_decision", "officer", next, json::object())) {
      return;
    }
    if (p.fine_fen >= 10'000'000 && rng.chance(50)) {
      if (!step("refer_collective", "collective", "leader",
                domain::add_days(last_, rng.between(1, 3)), json::object())) {
        return;
      }
    }
    // A defence accepted: a lighter fine (never a heavier one).
    domain::Penalty decided_p = p;
    std::string note;
    if (p.fine_fen > 0 && rng.chance(15)) {
      decided_p.fine_fen = p.fine_fen / 100 * 80;
      note = "采纳当事人陈述申辩意见,从轻处罚";
    }
    std::string on = domain::add_days(last_, rng.between(1, 5) + (rng.chance(2) ? 100 : 0));
    if (on > *c.decision_due) return;  // past the deadline: refused, the case waits (overdue)
    auto service_due = domain::service_deadline(cal_, on);
    if (!service_due) return;
    if (!step("decide", "decided", "leader", on, {{"penalty", penalty_json(decided_p)}}, note)) {
      return;
    }
    decided(decided_p, on, *service_due);
    execute(rng, decided_p, false);
  }

  bool notify(Rng&, const domain::Penalty& p, domain::ReviewFacts facts,
              const domain::RuleCheck& hearing, const std::string& on) {
    auto until = domain::hearing_request_deadline(cal_, on);
    if (!until) return false;
    auto review = domain::review_required(facts, domain::ReviewSettings{});
    json data = {{"penalty", penalty_json(p)},
                 {"hearing_right", hearing.allowed},
                 {"hearing_reason", hearing.reason},
                 {"hearing_request_until", *until},
                 {"review_reasons", review.reasons}};
    if (!step("notify", "noticed", "officer", on, data)) return false;
    plan_->noticed_penalty = penalty_json(p);
    plan_->review_required = review.required;
    plan_->review_passed = false;
    return true;
  }

  const domain::WorkdayCalendar& cal_;
  std::string today_;
  Plan* plan_ = nullptr;
  std::string last_;
};

std::optional<std::string> opt(const std::optional<std::string>& s) { return s; }

}  // namespace

Result<CaseDemoReport> load_demo_cases(db::Tx& tx, std::int64_t now, const std::string& today) {
  CaseDemoReport report;
  const std::string start = domain::add_days(today, -365);
  auto bodies = load_bodies(tx, start, today);
  if (bodies.empty()) return report;
  // City teams see the most cases, county teams fewer, township offices a few each.
  std::vector<int> weights;
  int total_weight = 0;
  for (const auto& b : bodies) {
    int w = b.township ? 2 : b.place.find("运城市") == 0 ? 30 : 12;
    weights.push_back(w);
    total_weight += w;
  }
  auto calendar = modules::working_calendar(tx);
  Planner planner(*calendar, today);
  Rng rng;
  std::vector<Plan> plans;
  plans.reserve(kDemoCases);
  for (int i = 0; i < kDemoCases; ++i) {
    int w = rng.below(total_weight);
    std::size_t k = 0;
    while (w >= weights[k]) w -= weights[k++];
    plans.push_back(planner.plan(rng, bodies[k], domain::add_days(start, rng.below(365))));
  }
  std::stable_sort(plans.begin(), plans.end(),
                   [](const Plan& a, const Plan& b) { return a.discovered < b.discovered; });
  // Decision numbers per body and year, in the order the decisions were made.
  std::vector<Plan*> decided;
  for (auto& p : plans) {
    if (p.decided_on) decided.push_back(&p);
  }
  std::stable_sort(decided.begin(), decided.end(),
                   [](const Plan* a, const Plan* b) { return *a->decided_on < *b->decided_on; });
  {
    std::map<std::int64_t, std::string> prefixes;
    std::map<std::pair<std::int64_t, int>, std::int64_t> last;
    for (auto* p : decided) {
      auto org = p->body->org_id;
      if (!prefixes.count(org)) prefixes[org] = modules::cases::decision_prefix(tx, org);
      int year = domain::year_of(*p->decided_on);
      auto& n = last[{org, year}];
      if (n == 0) {
        n = tx.scalar_i64("SELECT COALESCE(MAX(value), 0) FROM counters WHERE name = ?",
                          {modules::cases::decision_counter(org, year)});
      }
      p->decision_no = modules::cases::format_decision_number(prefixes[org], year, ++n);
      p->steps[p->decide_step].data["decision_no"] = *p->decision_no;
    }
    for (const auto& [key, n] : last) {
      tx.exec(
          "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET "
          "value = excluded.value",
          {modules::cases::decision_counter(key.first, key.second), n});
    }
  }
  ledger::Batch events(tx);
  db::BulkInsert officers(tx, "case_officers", {"case_id", "officer_id"});
  db::BulkInsert steps(
      tx, "case_steps",
      {"case_id", "action", "from_state", "to_state", "role", "note", "data", "ledger_seq", "at"});
  // Case rows first, in chunks with ids taken in order, so the steps that follow find them.
  db::BulkInsert cases(tx, "cases",
                       {"id",
                        "org_id",
                        "procedure",
                        "state",
                        "suspended_from",
                        "source",
                        "summary",
                        "party_name",
                        "party_type",
                        "field",
                        "matter_id",
                        "act_date",
                        "discovered",
                        "penalty",
                        "noticed_penalty",
                        "review_required",
                        "review_passed",
                        "filed_on",
                        "decision_due",
                        "decision_no",
                        "decided_on",
                        "service_due",
                        "served_on",
                        "payment_due",
                        "version",
                        "created_at",
                        "updated_at"},
                       100);
  std::int64_t id = tx.scalar_i64("SELECT COALESCE(MAX(id), 0) FROM cases");
  const std::int64_t first_id = id + 1;
  auto text = [](const json& j) -> std::optional<std::string> {
    return j.is_null() ? std::nullopt : std::optional<std::string>(j.dump());
  };
  for (const auto& p : plans) {
    cases.add({++id,
               p.body->org_id,
               p.procedure,
               p.state,
               p.suspended_from.empty() ? std::optional<std::string>() : p.suspended_from,
               p.source,
               p.summary,
               p.party_name,
               p.party_type,
               p.body->field,
               p.matter->id,
               p.act_date,
               p.discovered,
               text(p.penalty),
               text(p.noticed_penalty),
               static_cast<std::int64_t>(p.review_required ? 1 : 0),
               static_cast<std::int64_t>(p.review_passed ? 1 : 0),
               opt(p.filed_on),
               opt(p.decision_due),
               opt(p.decision_no),
               opt(p.decided_on),
               opt(p.service_due),
               opt(p.served_on),
               opt(p.payment_due),
               static_cast<std::int64_t>(p.steps.size()),
               ms_of(p.discovered, 9),
               ms_of(p.steps.back().data["on"].get<std::string>(), 17)});
  }
  cases.flush();
  if (tx.dialect() == db::Dialect::kPostgres) {
    tx.query("SELECT setval(pg_get_serial_sequence('cases', 'id'), ?)", {id});
  }
  id = first_id - 1;
  for (const auto& p : plans) {
    ++id;
    for (auto officer : p.officers) officers.add({id, officer});
    for (const auto& s : p.steps) {
      ledger::Event e;
      e.at_ms = now;
      e.actor_name = "system";
      e.org_id = p.body->org_id;
      e.entity = "case";
      e.entity_id = std::to_string(id);
      if (s.action == "register") {
        e.action = "case.lead";
        e.payload = {{"source", p.source},
                     {"summary", p.summary},
                     {"procedure", p.procedure},
                     {"officers", p.officers},
                     {"demo", true}};
      } else {
        e.action = "case." + s.action;
        e.payload = {{"from", s.from}, {"to", s.to},     {"role", s.role},
                     {"note", s.note}, {"data", s.data}, {"demo", true}};
      }
      std::int64_t seq = events.append(e);
      steps.add({id, s.action, s.from, s.to, s.role, s.note, s.data.dump(), seq,
                 ms_of(s.data["on"].get<std::string>(), 10)});
      report.steps++;
    }
    report.cases++;
  }
  officers.flush();
  steps.flush();
  events.finish();
  return report;
}

}  // namespace zhifa::app
