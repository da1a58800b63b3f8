#include "modules/people/supervisors.hpp"

#include "domain/codes.hpp"
#include "domain/dates.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/org/org_repo.hpp"

namespace zhifa::modules::people {
namespace {

constexpr const char* kSelect =
    "SELECT s.id, s.kind, s.name, s.org_id, o.name, s.id_number_masked, s.phone_masked, "
    "s.certificate_number, s.qualification, s.employer, s.area, s.term_start, s.term_end, "
    "s.status";
constexpr const char* kFrom = " FROM supervisors s JOIN orgs o ON o.id = s.org_id";

std::string kind_label(const std::string& k) {
  return k == "staff" ? "行政执法监督人员" : k == "social" ? "社会监督员" : k;
}

nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json();
}

nlohmann::json to_json(const db::Row& r) {
  return {{"id", r.i64(0)},
          {"kind", r.str(1)},
          {"kind_label", kind_label(r.str(1))},
          {"name", r.str(2)},
          {"org_id", r.i64(3)},
          {"org_name", r.str(4)},
          {"id_number_masked", r.str(5)},
          {"phone_masked", r.str(6)},
          {"certificate_number", opt(r.opt_str(7))},
          {"qualification", r.str(8)},
          {"employer", r.str(9)},
          {"area", r.str(10)},
          {"term_start", opt(r.opt_str(11))},
          {"term_end", opt(r.opt_str(12))},
          {"status", r.str(13)},
          {"status_label", r.str(13) == "active" ? "在任" : "已离任"}};
}

std::string where_of(db::Tx& tx, const domain::Scope& scope, const SupervisorFilter& f,
                     db::Params& params) {
  auto cond = org_scope(scope, "o", "s.created_by");
  std::string w = " WHERE " + cond.sql;
  params = cond.params;
  if (f.kind) {
    w += " AND s.kind = ?";
    params.emplace_back(*f.kind);
  }
  if (f.status) {
    w += " AND s.status = ?";
    params.emplace_back(*f.status);
  }
  if (f.q && !f.q->empty()) {
    w += " AND s.name LIKE ? ESCAPE '\\'";
    params.emplace_back("%" + like_escape(*f.q) + "%");
  }
  if (f.org_id) {
    auto o = org::find(tx, *f.org_id);
    std::string path = o ? o->path : "/none/";
    w += " AND substr(o.path, 1, ?) = ?";
    params.emplace_back(static_cast<std::int64_t>(path.size()));
    params.emplace_back(path);
  }
  return w;
}

Status check_common(const SupervisorInput& in, const std::string& kind) {
  for (const auto* d : {&in.term_start, &in.term_end}) {
    if (*d && !d->value().empty()) {
      if (auto ok = domain::check_date(**d, d == &in.term_start ? "term_start" : "term_end"); !ok)
        return ok.error();
    }
  }
  if (in.term_start && in.term_end && !in.term_start->empty() && !in.term_end->empty() &&
      *in.term_end < *in.term_start) {
    return Error::invalid("supervisor.term", "任期结束日期不能早于开始日期",
                          "term_end is before term_start", "term_end");
  }
  if (kind == "social" &&
      (!in.term_start || in.term_start->empty() || !in.term_end || in.term_end->empty())) {
    return Error::invalid("supervisor.term", "社会监督员须填写聘任期限",
                          "a social supervisor needs a term", "term_end");
  }
  if (kind == "staff" && (!in.certificate_number || in.certificate_number->empty())) {
    return Error::invalid("supervisor.certificate", "行政执法监督人员须填写监督证号",
                          "a staff supervisor needs a supervision certificate number",
                          "certificate_number");
  }
  if (in.phone && !in.phone->empty()) {
    const auto& p = *in.phone;
    bool ok = p.size() == 11 && p[0] == '1';
    for (char c : p) ok = ok && c >= '0' && c <= '9';
    if (!ok) {
      return Error::invalid("supervisor.phone", "手机号码应为 11 位数字", "phone must be 11 digits",
                            "phone");
    }
  }
  if (in.status && *in.status != "active" && *in.status != "ended") {
    return Error::invalid("supervisor.status", "状态应为在任或已离任",
                          "status must be active or ended", "status");
  }
  return Ok{};
}

}  // namespace

nlohmann::json SupervisorService::list(const domain::Scope& scope, const SupervisorFilter& f,
                                       std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = where_of(*tx, scope, f, params);
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r : fetch_page(*tx, kSelect, std::string(kFrom) + where, " ORDER BY o.code, s.id",
                           params, size, (page - 1) * size, total)) {
    items.push_back(to_json(r));
  }
  return {{"items", items}, {"total", total}};
}

Table SupervisorService::export_rows(const domain::Scope& scope, const SupervisorFilter& f) {
  auto tx = env_.db->read();
  db::Params params;
  std::string where = where_of(*tx, scope, f, params);
  std::int64_t total = 0;
  Table t;
  t.first = {{"类别", 16},     {"姓名", 12},     {"所属单位", 30}, {"身份证号码", 22},
             {"手机号码", 14}, {"监督证号", 18}, {"资格", 20},     {"工作单位", 24},
             {"监督区域", 20}, {"任期开始", 12}, {"任期结束", 12}, {"状态", 8}};
  for (auto r : fetch_page(*tx, kSelect, std::string(kFrom) + where, " ORDER BY o.code, s.id",
                           params, 1'000'000, 0, total)) {
    t.second.push_back({kind_label(r.str(1)), r.str(2), r.str(4), r.str(5), r.str(6),
                        r.opt_str(7).value_or(""), r.str(8), r.str(9), r.str(10),
                        r.opt_str(11).value_or(""), r.opt_str(12).value_or(""),
                        r.str(13) == "active" ? "在任" : "已离任"});
  }
  return t;
}

Result<nlohmann::json> SupervisorService::get(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto cond = org_scope(scope, "o", "s.created_by");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows =
      tx->query(std::string(kSelect) + kFrom + " WHERE " + cond.sql + " AND s.id = ?", params);
  if (rows.empty()) return Error::not_found("监督人员", "supervisor");
  return to_json(rows[0]);
}

Result<nlohmann::json> SupervisorService::create(const domain::Scope& scope,
                                                 const SupervisorInput& in) {
  if (in.kind != "staff" && in.kind != "social") {
    return Error::invalid("supervisor.kind", "类别应为行政执法监督人员或社会监督员",
                          "kind must be staff or social", "kind");
  }
  auto info = domain::parse_id_number(in.id_number, "id_number");
  if (!info) return info.error();
  if (auto ok = check_common(in, in.kind); !ok) return ok.error();
  std::string idn = in.id_number;
  if (idn.back() == 'x') idn.back() = 'X';
  std::string index = env_.cipher->blind_index(idn);
  std::int64_t now = env_.now();
  auto id = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::int64_t> {
    auto org = org::find(tx, in.org_id);
    if (!org || !scope.covers({org->id, org->path})) {
      return Error::invalid("supervisor.org", "所属单位不存在或无权访问",
                            "org not found or not accessible", "org_id");
    }
    if (tx.scalar_i64("SELECT COUNT(*) FROM supervisors WHERE kind = ? AND id_number_index = ?",
                      {in.kind, index}) > 0) {
      return Error::conflict("supervisor.duplicate",
                             "该身份证号码的" + kind_label(in.kind) + "已登记",
                             "already registered", "id_number");
    }
    std::optional<std::string> cert;
    if (in.kind == "staff") cert = in.certificate_number;
    if (cert && tx.scalar_i64("SELECT COUNT(*) FROM supervisors WHERE certificate_number = ?",
                              {*cert}) > 0) {
      return Error::conflict("supervisor.certificate_taken", "监督证号已被使用: " + *cert,
                             "certificate number already used", "certificate_number");
    }
    std::string phone = in.phone.value_or("");
    std::int64_t sid = tx.insert(
        "INSERT INTO supervisors (kind, org_id, name, id_number_enc, id_number_index, "
        "id_number_masked, phone_enc, phone_masked, certificate_number, qualification, employer, "
        "area, term_start, term_end, status, created_at, created_by, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
        {in.kind, in.org_id, in.name, env_.cipher->encrypt(idn), index, domain::mask_id_number(idn),
         phone.empty() ? std::string() : env_.cipher->encrypt(phone),
         phone.empty() ? std::string() : domain::mask_phone(phone), cert,
         in.qualification.value_or(""), in.employer.value_or(""), in.area.value_or(""),
         in.term_start, in.term_end, now, scope.user_id, now, scope.user_id});
    record(tx, &scope, now, in.org_id, "supervisor", std::to_string(sid), "supervisor.created",
           {{"kind", in.kind},
            {"name", in.name},
            {"id_number_masked", domain::mask_id_number(idn)},
            {"certificate_number", cert ? nlohmann::json(*cert) : nlohmann::json()}});
    return sid;
  });
  if (!id) return id.error();
  return get(scope, *id);
}

Result<nlohmann::json> SupervisorService::update(const domain::Scope& scope, std::int64_t id,
                                                 const SupervisorInput& in) {
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto cond = org_scope(scope, "o", "s.created_by");
    db::Params params = cond.params;
    params.emplace_back(id);
    auto rows =
        tx.query(std::string(kSelect) + kFrom + " WHERE " + cond.sql + " AND s.id = ?", params);
    if (rows.empty()) return Error::not_found("监督人员", "supervisor");
    auto cur = rows[0];
    std::string kind = cur.str(1);
    SupervisorInput n = in;
    if (!n.certificate_number) n.certificate_number = cur.opt_str(7);
    if (!n.term_start) n.term_start = cur.opt_str(11);
    if (!n.term_end) n.term_end = cur.opt_str(12);
    if (auto ok = check_common(n, kind); !ok) return ok.error();
    auto org = org::find(tx, in.org_id);
    if (!org || !scope.covers({org->id, org->path})) {
      return Error::invalid("supervisor.org", "所属单位不存在或无权访问",
                            "org not found or not accessible", "org_id");
    }
    std::optional<std::string> cert = kind == "staff" ? n.certificate_number : std::nullopt;
    if (cert &&
        tx.scalar_i64("SELECT COUNT(*) FROM supervisors WHERE certificate_number = ? AND id <> ?",
                      {*cert, id}) > 0) {
      return Error::conflict("supervisor.certificate_taken", "监督证号已被使用: " + *cert,
                             "certificate number already used", "certificate_number");
    }
    db::Params p = {in.name,
                    in.org_id,
                    cert,
                    in.qualification.value_or(cur.str(8)),
                    in.employer.value_or(cur.str(9)),
                    in.area.value_or(cur.str(10)),
                    n.term_start,
                    n.term_end,
                    in.status.value_or(cur.str(13)),
                    now,
                    scope.user_id};
    std::string sql =
        "UPDATE supervisors SET name = ?, org_id = ?, certificate_number = ?, qualification = ?, "
        "employer = ?, area = ?, term_start = ?, term_end = ?, status = ?, updated_at = ?, "
        "updated_by = ?";
    if (in.phone) {
      sql += ", phone_enc = ?, phone_masked = ?";
      p.emplace_back(in.phone->empty() ? std::string() : env_.cipher->encrypt(*in.phone));
      p.emplace_back(in.phone->empty() ? std::string() : domain::mask_phone(*in.phone));
    }
    sql += " WHERE id = ?";
    p.emplace_back(id);
    tx.exec(sql, p);
    record(tx, &scope, now, in.org_id, "supervisor", std::to_string(id), "supervisor.updated",
           {{"name", in.name}, {"status", in.status.value_or(cur.str(13))}});
    return Ok{};
  });
  if (!r) return r.error();
  return get(scope, id);
}

}  // namespace zhifa::modules::people
