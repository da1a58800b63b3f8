#include "modules/people/exams.hpp"

#include <map>
#include <set>

#include "domain/certificate.hpp"
#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/counters.hpp"
#include "modules/common/import_sheet.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/org/org_repo.hpp"
#include "modules/people/people_service.hpp"

namespace zhifa::modules::people {
namespace {

constexpr const char* kSessionSelect =
    "SELECT s.id, s.name, s.org_id, o.name, s.exam_date, s.year, s.pass_mark, s.status, "
    "(SELECT COUNT(*) FROM exam_candidates x WHERE x.session_id = s.id), "
    "(SELECT COUNT(*) FROM exam_candidates x WHERE x.session_id = s.id AND x.score IS NOT NULL), "
    "(SELECT COUNT(*) FROM exam_candidates x WHERE x.session_id = s.id AND x.outcome = 'passed'), "
    "(SELECT COUNT(*) FROM exam_candidates x WHERE x.session_id = s.id AND x.outcome = 'failed'), "
    "(SELECT COUNT(*) FROM exam_candidates x JOIN certificates c ON c.id = x.certificate_id "
    " WHERE x.session_id = s.id AND x.outcome = 'passed' AND c.number IS NOT NULL)";
constexpr const char* kSessionFrom = " FROM exam_sessions s JOIN orgs o ON o.id = s.org_id";

struct Session {
  std::int64_t id = 0, org_id = 0, pass_mark = 0;
  std::string name, org_name, exam_date, status;
  int year = 0;
  std::int64_t candidates = 0, scored = 0, passed = 0, failed = 0, issued = 0;
};

Session to_session(const db::Row& r) {
  Session s;
  s.id = r.i64(0);
  s.name = r.str(1);
  s.org_id = r.i64(2);
  s.org_name = r.str(3);
  s.exam_date = r.str(4);
  s.year = static_cast<int>(r.i64(5));
  s.pass_mark = r.i64(6);
  s.status = r.str(7);
  s.candidates = r.i64(8);
  s.scored = r.i64(9);
  s.passed = r.i64(10);
  s.failed = r.i64(11);
  s.issued = r.i64(12);
  return s;
}

nlohmann::json session_json(const Session& s) {
  std::string status = s.status;
  if (status == "open" && s.candidates > 0 && s.scored == s.candidates) status = "scored";
  static const std::map<std::string, std::string> labels = {
      {"open", "报名中"}, {"scored", "成绩已导入"}, {"closed", "已结束"}};
  return {{"id", s.id},
          {"name", s.name},
          {"org_id", s.org_id},
          {"org_name", s.org_name},
          {"exam_date", s.exam_date},
          {"year", s.year},
          {"pass_mark", static_cast<double>(s.pass_mark) / 10.0},
          {"status", status},
          {"status_label", labels.at(status)},
          {"candidate_count", s.candidates},
          {"scored_count", s.scored},
          {"passed_count", s.passed},
          {"failed_count", s.failed},
          {"issued_count", s.issued}};
}

std::optional<Session> find_session(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "s.created_by");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows = tx.query(
      std::string(kSessionSelect) + kSessionFrom + " WHERE " + cond.sql + " AND s.id = ?", params);
  if (rows.empty()) return std::nullopt;
  return to_session(rows[0]);
}

struct Candidate {
  std::int64_t id = 0, officer_id = 0, certificate_id = 0;
  std::string ticket, officer_name, org_name, id_masked, fields, outcome, cert_state;
  std::optional<std::int64_t> score;
  std::optional<std::string> cert_number;
};

std::vector<Candidate> candidates_of(db::Tx& tx, std::int64_t session_id) {
  std::vector<Candidate> out;
  for (auto r :
       tx.query("SELECT x.id, x.officer_id, x.certificate_id, x.ticket_no, f.name, o.name, "
                "f.id_number_masked, c.fields, x.outcome, c.state, x.score, c.number "
                "FROM exam_candidates x JOIN officers f ON f.id = x.officer_id "
                "JOIN orgs o ON o.id = f.org_id JOIN certificates c ON c.id = x.certificate_id "
                "WHERE x.session_id = ? ORDER BY x.ticket_no",
                {session_id})) {
    Candidate c;
    c.id = r.i64(0);
    c.officer_id = r.i64(1);
    c.certificate_id = r.i64(2);
    c.ticket = r.str(3);
    c.officer_name = r.str(4);
    c.org_name = r.str(5);
    c.id_masked = r.str(6);
    c.fields = r.str(7);
    c.outcome = r.str(8);
    c.cert_state = r.str(9);
    c.score = r.opt_i64(10);
    c.cert_number = r.opt_str(11);
    out.push_back(std::move(c));
  }
  return out;
}

Error not_open() {
  return Error::conflict("exam.closed", "考试已结束,不能再报名或导入成绩",
                         "the exam session is closed");
}

// The division (county, or the city for city-level bodies) an org belongs to: the prefix of its
// certificate numbers.
std::string division_code(db::Tx& tx, const std::string& org_path) {
  auto rows = tx.query(
      "SELECT code FROM orgs WHERE kind IN ('city', 'county') AND substr(?, 1, length(path)) = "
      "path ORDER BY level DESC LIMIT 1",
      {org_path});
  return rows.empty() ? "000000" : rows[0].str(0);
}

std::string pad(std::int64_t v, int width) {
  std::string s = std::to_string(v);
  if (static_cast<int>(s.size()) < width)
    s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}

}  // namespace

nlohmann::json ExamService::list(const domain::Scope& scope, std::optional<int> year,
                                 std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  auto cond = org_scope(scope, "o", "s.created_by");
  std::string where = " WHERE " + cond.sql;
  db::Params params = cond.params;
  if (year) {
    where += " AND s.year = ?";
    params.emplace_back(static_cast<std::int64_t>(*year));
  }
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r : fetch_page(*tx, kSessionSelect, std::string(kSessionFrom) + where,
                           " ORDER BY s.exam_date DESC, s.id DESC", params, size, (page - 1) * size,
                           total)) {
    items.push_back(session_json(to_session(r)));
  }
  return {{"items", items}, {"total", total}};
}

Result<nlohmann::json> ExamService::create(const domain::Scope& scope, const NewExam& in) {
  if (auto ok = domain::check_date(in.exam_date, "exam_date"); !ok) return ok.error();
  std::int64_t pass_mark = in.pass_mark_tenths.value_or(
      static_cast<std::int64_t>(env_.config.people.exam_pass_mark) * 10);
  if (pass_mark < 0 || pass_mark > 1000) {
    return Error::invalid("exam.pass_mark", "合格分数线应在 0 至 100 之间",
                          "pass mark must be between 0 and 100", "pass_mark");
  }
  int year = domain::year_of(in.exam_date);
  std::int64_t now = env_.now();
  auto id = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::int64_t> {
    auto org = org::find(tx, scope.org_id);
    if (!org) return Error::forbidden("exam.org", "账号未归属机构,不能组织考试", "no org");
    int per_year = env_.config.people.exam_sessions_per_year;
    if (tx.scalar_i64("SELECT COUNT(*) FROM exam_sessions WHERE org_id = ? AND year = ?",
                      {scope.org_id, static_cast<std::int64_t>(year)}) >= per_year) {
      return Error::conflict(
          "exam.too_many",
          std::to_string(year) + "年已组织 " + std::to_string(per_year) +
              " 次考试,达到每年考试次数上限(可在系统设置 people.exam_sessions_per_year 中调整)",
          "the yearly number of exam sessions is reached", "exam_date");
    }
    std::int64_t sid = tx.insert(
        "INSERT INTO exam_sessions (org_id, name, exam_date, year, pass_mark, status, created_at, "
        "created_by, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?) RETURNING id",
        {scope.org_id, in.name, in.exam_date, static_cast<std::int64_t>(year), pass_mark, now,
         scope.user_id, now});
    record(tx, &scope, now, scope.org_id, "exam", std::to_string(sid), "exam.created",
           {{"name", in.name}, {"exam_date", in.exam_date}, {"pass_mark", pass_mark / 10.0}});
    return sid;
  });
  if (!id) return id.error();
  return get(scope, *id);
}

Result<nlohmann::json> ExamService::get(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto s = find_session(*tx, scope, id);
  if (!s) return Error::not_found("考试", "exam session");
  nlohmann::json j = session_json(*s);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : candidates_of(*tx, id)) {
    auto state = domain::parse_cert_state(c.cert_state);
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : domain::split_fields(c.fields)) fields.push_back(f);
    list.push_back(
        {{"id", c.id},
         {"ticket_no", c.ticket},
         {"officer_id", c.officer_id},
         {"officer_name", c.officer_name},
         {"org_name", c.org_name},
         {"id_number_masked", c.id_masked},
         {"certificate_id", c.certificate_id},
         {"fields", fields},
         {"score",
          c.score ? nlohmann::json(static_cast<double>(*c.score) / 10.0) : nlohmann::json()},
         {"outcome", c.outcome},
         {"certificate_state", c.cert_state},
         {"certificate_state_label", state ? std::string(domain::label_zh(*state)) : c.cert_state},
         {"certificate_number",
          c.cert_number ? nlohmann::json(*c.cert_number) : nlohmann::json()}});
  }
  j["candidates"] = list;
  return j;
}

Result<nlohmann::json> ExamService::add_candidates(const domain::Scope& scope, std::int64_t id,
                                                   const std::vector<std::int64_t>& officer_ids) {
  if (officer_ids.empty()) {
    return Error::invalid("exam.no_candidates", "请选择考生", "no officers given", "officer_ids");
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto s = find_session(tx, scope, id);
    if (!s) return Error::not_found("考试", "exam session");
    if (s->status != "open") return not_open();
    std::set<std::int64_t> seen;
    for (auto oid : officer_ids) {
      if (!seen.insert(oid).second) continue;
      auto o = find_officer(tx, scope, oid);
      if (!o) {
        return Error::invalid("exam.officer", "执法人员不存在或无权访问: " + std::to_string(oid),
                              "officer not found", "officer_ids");
      }
      auto cert = tx.query(
          "SELECT id FROM certificates WHERE officer_id = ? AND state = 'applied' ORDER BY id DESC",
          {oid});
      if (cert.empty()) {
        return Error::conflict("exam.not_applied",
                               o->name + " 没有处于“已申领”状态的执法证申请,不能报名考试",
                               "the officer has no applied certificate", "officer_ids");
      }
      std::int64_t cid = cert[0].i64(0);
      if (tx.scalar_i64("SELECT COUNT(*) FROM exam_candidates WHERE certificate_id = ? AND "
                        "outcome = 'pending'",
                        {cid}) > 0) {
        return Error::conflict("exam.already_registered", o->name + " 已报名,等待考试成绩",
                               "the officer is already a candidate", "officer_ids");
      }
      std::int64_t seq = next_counter(tx, "exam-ticket:" + std::to_string(s->year));
      std::string ticket = std::to_string(s->year) + pad(s->id, 3) + pad(seq, 5);
      tx.exec(
          "INSERT INTO exam_candidates (session_id, officer_id, certificate_id, ticket_no, "
          "outcome, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
          {id, oid, cid, ticket, now});
      record(tx, &scope, now, o->org_id, "exam", std::to_string(id), "exam.candidate_added",
             {{"officer_id", oid}, {"certificate_id", cid}, {"ticket_no", ticket}});
    }
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, id);
}

Result<std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>>
ExamService::score_sheet(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto s = find_session(*tx, scope, id);
  if (!s) return Error::not_found("考试", "exam session");
  std::vector<xlsx::Column> cols = {
      {"准考证号", 16}, {"姓名", 12}, {"执法主体", 36}, {"成绩", 10, true}};
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : candidates_of(*tx, id)) {
    rows.push_back({c.ticket, c.officer_name, c.org_name, c.score ? tenths_text(*c.score) : ""});
  }
  return std::make_pair(cols, rows);
}

Result<nlohmann::json> ExamService::import_scores(const domain::Scope& scope, std::int64_t id,
                                                  std::string_view bytes) {
  auto sheet = ImportSheet::open(bytes, {"准考证号", "姓名", "成绩"});
  if (!sheet) return sheet.error();
  std::int64_t now = env_.now();
  std::int64_t passed = 0, failed = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto s = find_session(tx, scope, id);
    if (!s) return Error::not_found("考试", "exam session");
    if (s->status != "open") return not_open();
    std::map<std::string, Candidate> by_ticket;
    for (auto& c : candidates_of(tx, id)) by_ticket.emplace(c.ticket, std::move(c));
    RowErrors errors;
    std::map<std::string, int> seen;  // ticket -> first row
    struct Scored {
      const Candidate* c;
      std::int64_t score;
    };
    std::vector<Scored> scored;
    for (const auto& row : sheet->rows()) {
      std::string ticket = sheet->cell(row, "准考证号");
      std::string name = sheet->cell(row, "姓名");
      std::string score_text = sheet->cell(row, "成绩");
      int n = row.excel_row;
      if (ticket.empty()) {
        errors.add(n, "准考证号", "准考证号为空", "ticket number is empty");
        continue;
      }
      auto [it, fresh] = seen.emplace(ticket, n);
      if (!fresh) {
        errors.add(n, "准考证号",
                   "准考证号 " + ticket + " 重复(与第 " + std::to_string(it->second) + " 行相同)",
                   "duplicate ticket " + ticket + " (also row " + std::to_string(it->second) + ")");
        continue;
      }
      auto c = by_ticket.find(ticket);
      if (c == by_ticket.end()) {
        errors.add(n, "准考证号", "本场考试没有准考证号为 " + ticket + " 的考生",
                   "no candidate with ticket " + ticket + " in this session");
        continue;
      }
      if (name != c->second.officer_name) {
        errors.add(n, "姓名",
                   "姓名“" + name + "”与准考证号对应的考生“" + c->second.officer_name + "”不一致",
                   "name does not match the candidate of this ticket");
      }
      auto score = parse_tenths(score_text);
      if (score_text.empty()) {
        errors.add(n, "成绩", "成绩为空", "score is empty");
      } else if (!score) {
        errors.add(n, "成绩", "成绩“" + score_text + "”不是数字(最多一位小数)",
                   "score is not a number with at most one decimal");
      } else if (*score < 0 || *score > 1000) {
        errors.add(n, "成绩", "成绩 " + score_text + " 超出 0~100 的范围", "score out of 0..100");
      } else if (c->second.outcome != "pending") {
        errors.add(n, "成绩", c->second.officer_name + " 已有成绩,不能重复导入",
                   "the candidate already has a score");
      } else if (c->second.cert_state != "applied") {
        errors.add(n, "成绩", c->second.officer_name + " 的执法证申请状态已变化,不能登记成绩",
                   "the candidate's certificate is no longer applied");
      } else {
        scored.push_back({&c->second, *score});
      }
    }
    if (!errors.empty()) return errors.to_error();
    for (const auto& sc : scored) {
      bool pass = sc.score >= s->pass_mark;
      tx.exec("UPDATE exam_candidates SET score = ?, outcome = ? WHERE id = ?",
              {sc.score, pass ? "passed" : "failed", sc.c->id});
      auto cert = find_certificate(tx, sc.c->certificate_id);
      auto officer = find_officer(tx, scope, sc.c->officer_id);
      if (!cert || !officer) return Error::not_found("执法人员", "officer");
      CertificateAction a;
      a.event = pass ? "pass_exam" : "fail_exam";
      a.reason = s->name + " 成绩 " + tenths_text(sc.score) + " 分(合格线 " +
                 tenths_text(s->pass_mark) + " 分)";
      if (auto ok = transition_certificate(
              tx, scope, *cert, *officer,
              pass ? domain::CertEvent::kPassExam : domain::CertEvent::kFailExam, a, now);
          !ok) {
        return ok.error();
      }
      (pass ? passed : failed)++;
    }
    record(tx, &scope, now, s->org_id, "exam", std::to_string(id), "exam.scores_imported",
           {{"rows", scored.size()}, {"passed", passed}, {"failed", failed}});
    return Ok{};
  });
  if (!r) return r.error();
  return nlohmann::json{{"imported", passed + failed}, {"passed", passed}, {"failed", failed}};
}

Result<nlohmann::json> ExamService::issue(const domain::Scope& scope, std::int64_t id,
                                          std::optional<std::string> valid_from) {
  std::string from = valid_from.value_or(domain::shanghai_date(env_.now()));
  if (auto ok = domain::check_date(from, "valid_from"); !ok) return ok.error();
  std::string until =
      domain::previous_day(domain::add_years(from, env_.config.people.certificate_valid_years));
  std::int64_t now = env_.now();
  nlohmann::json issued = nlohmann::json::array();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto s = find_session(tx, scope, id);
    if (!s) return Error::not_found("考试", "exam session");
    if (from < s->exam_date) {
      return Error::invalid("exam.valid_from", "发证日期不能早于考试日期 " + s->exam_date,
                            "certificates cannot be valid before the exam", "valid_from");
    }
    for (const auto& c : candidates_of(tx, id)) {
      if (c.outcome != "passed" || c.cert_state != "exam_passed") continue;
      auto cert = find_certificate(tx, c.certificate_id);
      auto officer = find_officer(tx, scope, c.officer_id);
      if (!cert || !officer) continue;  // outside the caller's scope: not theirs to issue
      std::string prefix = division_code(tx, officer->org_path) + from.substr(0, 4);
      std::string number;
      do {
        number = prefix + pad(next_counter(tx, "certificate:" + prefix), 5);
      } while (certificate_number_taken(tx, number));
      CertificateAction a;
      a.event = "issue";
      a.reason = s->name + " 合格,批量发证";
      a.number = number;
      a.valid_from = from;
      a.valid_until = until;
      if (auto ok =
              transition_certificate(tx, scope, *cert, *officer, domain::CertEvent::kIssue, a, now);
          !ok) {
        return ok.error();
      }
      issued.push_back({{"officer_id", c.officer_id},
                        {"officer_name", c.officer_name},
                        {"number", number},
                        {"valid_from", from},
                        {"valid_until", until}});
    }
    if (issued.empty()) {
      return Error::conflict("exam.nothing_to_issue", "没有待发证的合格考生",
                             "no passed candidate is waiting for a certificate");
    }
    record(tx, &scope, now, s->org_id, "exam", std::to_string(id), "exam.certificates_issued",
           {{"count", issued.size()}, {"valid_from", from}, {"valid_until", until}});
    return Ok{};
  });
  if (!r) return r.error();
  return nlohmann::json{{"issued", issued.size()}, {"certificates", issued}};
}

Result<nlohmann::json> ExamService::close(const domain::Scope& scope, std::int64_t id) {
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto s = find_session(tx, scope, id);
    if (!s) return Error::not_found("考试", "exam session");
    if (s->status == "closed") return not_open();
    tx.exec("UPDATE exam_sessions SET status = 'closed', updated_at = ? WHERE id = ?", {now, id});
    record(tx, &scope, now, s->org_id, "exam", std::to_string(id), "exam.closed", {});
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, id);
}

}  // namespace zhifa::modules::people
