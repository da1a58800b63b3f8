#include "app/demo_people.hpp"

#include <map>

#include "app/demo_rng.hpp"
#include "domain/access.hpp"
#include "domain/codes.hpp"
#include "domain/dates.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/counters.hpp"

namespace zhifa::app {
namespace {

constexpr const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                     "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗",
                                     "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧",
                                     "程", "柴", "薛", "卫", "畅", "裴", "景", "关", "解", "荆"};
constexpr const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
                                  "勇", "艳", "杰", "娟", "涛", "明", "超", "秀", "霞", "平",
                                  "刚", "桂", "华", "建", "国", "晋", "文", "斌", "宏", "亮",
                                  "鹏", "辉", "瑞", "晨", "博", "雪", "婷", "志", "宇", "凯"};

std::string person_name(Rng& rng) {
  std::string n = kSurnames[rng.below(static_cast<int>(std::size(kSurnames)))];
  n += kGiven[rng.below(static_cast<int>(std::size(kGiven)))];
  if (rng.chance(70)) n += kGiven[rng.below(static_cast<int>(std::size(kGiven)))];
  return n;
}

// A synthetic ID number: region + a birth date walked per region so none repeats + order code
// `order` (98 or 99) + a gender digit + the GB 11643 check digit.
class IdMaker {
 public:
  std::string make(const std::string& region, const std::string& order, bool male) {
    int k = counters_[region + order]++;
    // 11 and 12,775 are coprime: k * 11 mod 12,775 visits every day of 35 years once.
    std::string birth = domain::add_days("1965-01-01", (k * 11) % 12775);
    std::string first17 = region + birth.substr(0, 4) + birth.substr(5, 2) + birth.substr(8, 2) +
                          order + std::to_string(male ? 1 + 2 * (k % 5) : 2 * (k % 5));
    return first17 + domain::id_number_check_digit(first17);
  }

 private:
  std::map<std::string, int> counters_;
};

struct Officer {
  std::int64_t id = 0;
  int body = 0;            // index in bodies
  std::string cert_state;  // "" = none
  std::int64_t cert_id = 0;
  std::string valid_from;
};

std::int64_t day_ms(const std::string& date, const std::string& today, std::int64_t now) {
  return now - static_cast<std::int64_t>(domain::days_between(date, today)) * 86'400'000LL;
}

}  // namespace

Status load_demo_people(Env& env, db::Tx& tx, const std::vector<DemoBody>& bodies, std::int64_t now,
                        DemoReport& report) {
  Rng rng;
  IdMaker ids;
  const std::string today = domain::shanghai_date(now);
  const int year = domain::year_of(today);
  const std::string y = std::to_string(year), last = std::to_string(year - 1);

  // --- how many officers each body has: weights scaled to exactly kDemoOfficers -------------
  std::vector<int> weight(bodies.size());
  long total_weight = 0;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const auto& b = bodies[i];
    bool city = b.county < 0;
    int w = 10;
    if (b.code.find("-SFJ") != std::string::npos)
      w = city ? 12 : 6;
    else if (b.code.find("-ZF-") != std::string::npos)
      w = city ? 60 : 28;
    else if (b.code.find("-JG-GAJ") != std::string::npos)
      w = city ? 30 : 16;
    else if (b.code.find("-JG-") != std::string::npos)
      w = city ? 14 : 9;
    weight[i] = w;
    total_weight += w;
  }
  std::vector<int> count(bodies.size());
  int assigned = 0;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    count[i] = static_cast<int>(static_cast<long>(weight[i]) * kDemoOfficers / total_weight);
    assigned += count[i];
  }
  for (std::size_t i = 0; assigned < kDemoOfficers; i = (i + 1) % bodies.size(), ++assigned) {
    ++count[i];
  }

  // --- officers ------------------------------------------------------------------------------
  static const char* kTeamPosts[] = {"执法队员", "执法队员", "执法队员", "中队长", "副大队长"};
  static const char* kAgencyPosts[] = {"科员", "科员", "副科长", "科长", "执法人员"};
  std::vector<Officer> officers;
  officers.reserve(kDemoOfficers);
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const auto& b = bodies[i];
    std::string region = b.code.substr(0, 6);
    bool team = b.code.find("-ZF-") != std::string::npos || b.code.ends_with("-ZFB");
    // Every ninth body with officers keeps no legal-review staff: it shows in the ratio report.
    bool no_reviewers = i % 9 == 4;
    int reviewers = no_reviewers ? 0 : (count[i] * 6 + 99) / 100;
    for (int k = 0; k < count[i]; ++k) {
      bool male = rng.chance(68);
      std::string id = ids.make(region, "99", male);
      bool reviewer = k < reviewers;
      bool qualified = reviewer || rng.chance(8);
      std::string post = team ? kTeamPosts[rng.below(5)] : kAgencyPosts[rng.below(5)];
      if (reviewer) post = "法制审核人员";
      std::int64_t oid = tx.insert(
          "INSERT INTO officers (org_id, name, id_number_enc, id_number_index, id_number_masked, "
          "gender, post, fields, legal_qualified, legal_reviewer, status, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id",
          {b.id, person_name(rng), env.cipher->encrypt(id), env.cipher->blind_index(id),
           domain::mask_id_number(id), male ? "male" : "female", post, b.field, qualified, reviewer,
           now, now});
      officers.push_back({oid, static_cast<int>(i), "", 0, ""});
    }
  }

  // --- certificates in realistic states --------------------------------------------------------
  std::map<std::string, std::string> division_of_region;  // certificate number prefixes
  auto event = [&](std::int64_t cert, const char* ev, const char* from, const char* to,
                   const std::string& reason, std::int64_t at) {
    tx.exec(
        "INSERT INTO certificate_events (certificate_id, event, from_state, to_state, reason, at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {cert, ev, from, to, reason, at});
  };
  for (auto& o : officers) {
    const auto& b = bodies[o.body];
    int r = rng.below(1000);
    if (r < 20) continue;  // no certificate yet (new staff)
    std::string state, from, until;
    if (r < 40) {
      state = "applied";
    } else if (r < 50) {
      state = "exam_failed";
    } else {
      if (r < 65) {  // expiring within 30 days
        until = domain::add_days(today, 1 + rng.below(30));
        from = domain::add_years(domain::add_days(until, 1), -5);
      } else if (r < 85) {  // expired
        until = domain::add_days(today, -1 - rng.below(200));
        from = domain::add_years(domain::add_days(until, 1), -5);
      } else {
        from = domain::add_days(today, -rng.below(1700) - 1);
        until = domain::previous_day(domain::add_years(from, 5));
      }
      state = r < 85    ? (r < 65 ? "issued" : "expired")
              : r < 110 ? "suspended"
              : r < 125 ? "revoked"
                        : "issued";
    }
    std::int64_t applied_at = from.empty() ? now - (5 + rng.below(60)) * 86'400'000LL
                                           : day_ms(domain::add_days(from, -40), today, now);
    std::optional<std::string> number;
    if (!from.empty()) {
      std::string prefix = b.code.substr(0, 6) + from.substr(0, 4);
      std::int64_t seq = modules::next_counter(tx, "certificate:" + prefix);
      std::string s = std::to_string(seq);
      number = prefix + std::string(s.size() < 5 ? 5 - s.size() : 0, '0') + s;
    }
    std::int64_t cid = tx.insert(
        "INSERT INTO certificates (officer_id, number, state, fields, valid_from, valid_until, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {o.id, number, state, b.field,
         from.empty() ? std::optional<std::string>() : std::optional<std::string>(from),
         until.empty() ? std::optional<std::string>() : std::optional<std::string>(until),
         applied_at, now});
    o.cert_id = cid;
    o.cert_state = state;
    tx.exec("UPDATE officers SET cert_id = ?, cert_state = ? WHERE id = ?", {cid, state, o.id});
    o.valid_from = from;
    event(cid, "apply", "", "applied", "", applied_at);
    if (state == "exam_failed") {
      event(cid, "fail_exam", "applied", "exam_failed", "考试成绩未达合格线",
            applied_at + 86'400'000LL * 20);
      continue;
    }
    if (state == "applied") continue;
    std::int64_t issued_at = day_ms(from, today, now);
    event(cid, "pass_exam", "applied", "exam_passed", "", issued_at - 86'400'000LL * 10);
    event(cid, "issue", "exam_passed", "issued", "考试合格,发证", issued_at);
    if (state == "suspended") {
      event(cid, "suspend", "issued", "suspended", "年度考核不合格,暂扣执法证",
            now - 86'400'000LL * (10 + rng.below(100)));
    } else if (state == "revoked") {
      event(cid, "revoke", "issued", "revoked", "违法违纪,收回执法证",
            now - 86'400'000LL * (10 + rng.below(300)));
    } else if (state == "expired") {
      event(cid, "expire", "issued", "expired", "有效期届满",
            day_ms(domain::add_days(until, 1), today, now));
    }
    if (state == "issued" || state == "suspended") report.certified += state == "issued";
  }
  report.officers = static_cast<int>(officers.size());

  // --- past exam sessions, organised by the city justice bureau ---------------------------------
  std::int64_t city_sfj = bodies[0].id;
  struct Session {
    std::string name, date;
    std::int64_t id = 0;
  };
  std::vector<Session> sessions = {{last + "年上半年行政执法人员资格考试", last + "-05-17"},
                                   {last + "年下半年行政执法人员资格考试", last + "-11-15"},
                                   {y + "年上半年行政执法人员资格考试", y + "-05-16"}};
  if (sessions.back().date > today) sessions.pop_back();
  for (auto& s : sessions) {
    s.id = tx.insert(
        "INSERT INTO exam_sessions (org_id, name, exam_date, year, pass_mark, status, created_at, "
        "updated_at) VALUES (?, ?, ?, ?, 600, 'closed', ?, ?) RETURNING id",
        {city_sfj, s.name, s.date, static_cast<std::int64_t>(domain::year_of(s.date)),
         day_ms(s.date, today, now), now});
  }
  std::map<std::int64_t, int> ticket_seq;
  auto candidate = [&](const Session& s, const Officer& o, std::int64_t score, bool passed) {
    int seq = ++ticket_seq[s.id];
    std::string sid = std::to_string(s.id), q = std::to_string(seq);
    std::string ticket = s.date.substr(0, 4) +
                         std::string(3 - std::min<std::size_t>(3, sid.size()), '0') + sid +
                         std::string(5 - std::min<std::size_t>(5, q.size()), '0') + q;
    tx.exec(
        "INSERT INTO exam_candidates (session_id, officer_id, certificate_id, ticket_no, score, "
        "outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {s.id, o.id, o.cert_id, ticket, score, passed ? "passed" : "failed",
         day_ms(s.date, today, now)});
  };
  for (const auto& o : officers) {
    if (o.cert_id == 0 || o.cert_state == "applied") continue;
    if (o.cert_state == "exam_failed") {
      if (!sessions.empty()) candidate(sessions.back(), o, 300 + rng.below(290), false);
      continue;
    }
    // The session that preceded the certificate's issue, when it is one of ours.
    const Session* before = nullptr;
    for (const auto& s : sessions) {
      if (s.date <= o.valid_from) before = &s;
    }
    if (before && domain::days_between(before->date, o.valid_from) <= 200) {
      candidate(*before, o, 600 + rng.below(401), true);
    }
  }
  for (const auto& s : sessions) {
    std::string key = "exam-ticket:" + s.date.substr(0, 4);
    tx.exec(
        "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = "
        "counters.value + excluded.value",
        {key, static_cast<std::int64_t>(ticket_seq[s.id])});
  }

  // --- training: last year everyone reached 60 hours; this year some have not yet ------------
  struct Class {
    std::int64_t id = 0;
    int county = -2;  // -2: everyone, -1: city-level bodies, else a county
    std::int64_t hours = 0;
    int year = 0;
    int attend_percent = 100;
  };
  std::vector<Class> classes;
  std::vector<std::int64_t> sfj_of_county;
  for (const auto& b : bodies) {
    if (b.code.ends_with("-SFJ") && b.county >= 0) sfj_of_county.push_back(b.id);
  }
  for (int yr : {year - 1, year}) {
    std::string ys = std::to_string(yr);
    bool current = yr == year;
    auto add_class = [&](std::int64_t org, const std::string& title, const char* category,
                         const std::string& start, const std::string& end, std::int64_t hours,
                         int county, int percent) {
      std::int64_t id = tx.insert(
          "INSERT INTO training_classes (org_id, title, category, start_date, end_date, year, "
          "hours, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {org, title, category, start, end, static_cast<std::int64_t>(yr), hours, now});
      classes.push_back({id, county, hours, yr, percent});
    };
    add_class(city_sfj, ys + "年度全市行政执法人员公共法律知识培训", "legal", ys + "-03-16",
              ys + "-03-18", 240, -2, 100);
    add_class(city_sfj, ys + "年度市直执法部门业务知识培训", "professional", ys + "-06-08",
              ys + "-06-10", 200, -1, current ? 90 : 100);
    add_class(city_sfj, ys + "年度市直执法部门执法技能培训", "skills", ys + "-09-14", ys + "-09-15",
              160, -1, current ? 88 : 100);
    for (std::size_t c = 0; c < sfj_of_county.size(); ++c) {
      add_class(sfj_of_county[c], ys + "年度行政执法业务知识培训", "professional", ys + "-06-15",
                ys + "-06-17", 200, static_cast<int>(c), current ? 90 : 100);
      add_class(sfj_of_county[c], ys + "年度执法技能实训", "skills", ys + "-09-21", ys + "-09-22",
                160, static_cast<int>(c), current ? 88 : 100);
    }
  }
  for (const auto& cl : classes) {
    for (const auto& o : officers) {
      int county = bodies[o.body].county;
      if (cl.county != -2 && cl.county != county) continue;
      if (!rng.chance(cl.attend_percent)) continue;
      tx.exec(
          "INSERT INTO training_attendance (class_id, officer_id, hours, created_at) VALUES (?, ?, "
          "?, ?)",
          {cl.id, o.id, cl.hours, now});
    }
  }

  // --- supervisors ----------------------------------------------------------------------------
  std::vector<std::pair<std::int64_t, std::string>> sfj_bodies;  // id, region
  for (const auto& b : bodies) {
    if (b.code.ends_with("-SFJ")) sfj_bodies.emplace_back(b.id, b.code.substr(0, 6));
  }
  int staff = 0;
  for (std::size_t i = 0; i < sfj_bodies.size(); ++i) {
    int n = i == 0 ? kDemoStaffSupervisors - 20 * static_cast<int>(sfj_bodies.size() - 1) : 20;
    for (int k = 0; k < n; ++k, ++staff) {
      bool male = rng.chance(60);
      std::string id = ids.make(sfj_bodies[i].second, "98", male);
      std::string seq = std::to_string(k + 1);
      std::string cert = "晋监" + sfj_bodies[i].second + std::string(4 - seq.size(), '0') + seq;
      tx.exec(
          "INSERT INTO supervisors (kind, org_id, name, id_number_enc, id_number_index, "
          "id_number_masked, certificate_number, qualification, status, created_at, updated_at) "
          "VALUES ('staff', ?, ?, ?, ?, ?, ?, '行政执法监督资格考试合格', 'active', ?, ?)",
          {sfj_bodies[i].first, person_name(rng), env.cipher->encrypt(id),
           env.cipher->blind_index(id), domain::mask_id_number(id), cert, now, now});
    }
  }
  static const char* kEmployers[] = {"运城市人大代表", "运城市政协委员",     "盐湖区律师事务所律师",
                                     "运城学院教师",   "社区居民委员会委员", "个体工商户代表",
                                     "企业职工代表",   "新闻媒体记者"};
  static const char* kAreas[] = {"盐湖区", "临猗县", "万荣县", "闻喜县", "稷山县", "新绛县", "绛县",
                                 "垣曲县", "夏县",   "平陆县", "芮城县", "永济市", "河津市"};
  for (int k = 0; k < kDemoSocialSupervisors; ++k) {
    bool male = rng.chance(55);
    std::string id = ids.make("140802", "98", male);
    std::string phone =
        "1990359" + std::string(4 - std::to_string(k + 1).size(), '0') + std::to_string(k + 1);
    tx.exec(
        "INSERT INTO supervisors (kind, org_id, name, id_number_enc, id_number_index, "
        "id_number_masked, phone_enc, phone_masked, employer, area, term_start, term_end, status, "
        "created_at, updated_at) VALUES ('social', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, "
        "?)",
        {city_sfj, person_name(rng), env.cipher->encrypt(id), env.cipher->blind_index(id),
         domain::mask_id_number(id), env.cipher->encrypt(phone), domain::mask_phone(phone),
         kEmployers[k % std::size(kEmployers)], kAreas[k % std::size(kAreas)], y + "-01-01",
         std::to_string(year + 2) + "-12-31", now, now});
  }
  report.staff_supervisors = staff;
  report.social_supervisors = kDemoSocialSupervisors;

  // --- the yearly confirmation: every active body, last year and this year; two county
  // departments are suspended this year and so not confirmed (they cannot open new cases).
  int suspended = 0;
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    const auto& b = bodies[i];
    bool suspend = suspended < 2 && b.county == 5 + suspended * 3 &&
                   b.code.find("-JG-NYJ") != std::string::npos;
    tx.exec(
        "INSERT INTO body_confirmations (org_id, year, confirmed_at, confirmed_by) VALUES (?, ?, "
        "?, NULL)",
        {b.id, static_cast<std::int64_t>(year - 1), day_ms(last + "-02-20", today, now)});
    if (suspend) {
      tx.exec("UPDATE enforcement_bodies SET status = 'suspended' WHERE org_id = ?", {b.id});
      ++suspended;
      continue;
    }
    // The counties' rural revitalisation bureaus are newly set up: their confirmation is pending.
    if (b.code.find("-JG-XCZX") != std::string::npos) continue;
    tx.exec(
        "INSERT INTO body_confirmations (org_id, year, confirmed_at, confirmed_by) VALUES (?, ?, "
        "?, NULL)",
        {b.id, static_cast<std::int64_t>(year),
         day_ms(y + "-02-20", today, now) > now ? now : day_ms(y + "-02-20", today, now)});
  }

  modules::record(tx, nullptr, now, bodies[0].id, "demo", "people", "demo.people_loaded",
                  {{"officers", report.officers},
                   {"certified", report.certified},
                   {"exam_sessions", sessions.size()},
                   {"training_classes", classes.size()},
                   {"staff_supervisors", staff},
                   {"social_supervisors", kDemoSocialSupervisors},
                   {"confirmed_year", year}});
  return Ok{};
}

}  // namespace zhifa::app
