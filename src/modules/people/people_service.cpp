#include "modules/people/people_service.hpp"

#include "domain/codes.hpp"
#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/import_sheet.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"
#include "modules/org/org_repo.hpp"
#include "platform/sm.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <exception>
#include <thread>
#include <unordered_map>

namespace zhifa::modules::people {
namespace {

nlohmann::json fields_json(const std::string& joined) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : domain::split_fields(joined)) out.push_back(f);
  return out;
}

nlohmann::json opt(const std::optional<std::string>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json officer_json(const OfficerRow& o) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = o.id;
  j["name"] = o.name;
  j["org_id"] = o.org_id;
  j["org_name"] = o.org_name;
  j["id_number_masked"] = o.id_number_masked;
  j["gender"] = o.gender;
  j["post"] = o.post;
  j["fields"] = fields_json(o.fields);
  j["legal_qualified"] = o.legal_qualified;
  j["legal_reviewer"] = o.legal_reviewer;
  j["status"] = o.status;
  j["certificate_id"] = o.cert_id ? nlohmann::json(*o.cert_id) : nlohmann::json();
  j["certificate_number"] = opt(o.cert_number);
  j["certificate_state"] = opt(o.cert_state);
  auto st = o.cert_state ? domain::parse_cert_state(*o.cert_state) : std::nullopt;
  j["certificate_state_label"] =
      st ? nlohmann::json(std::string(domain::label_zh(*st))) : nlohmann::json();
  j["valid_until"] = opt(o.cert_valid_until);
  j["created_at"] = o.created_at;
  return j;
}

nlohmann::json certificate_json(db::Tx& tx, const CertificateRow& c) {
  nlohmann::json j = nlohmann::json::object();
  j["id"] = c.id;
  j["number"] = opt(c.number);
  j["state"] = c.state;
  auto state = domain::parse_cert_state(c.state);
  j["state_label"] = state ? std::string(domain::label_zh(*state)) : c.state;
  j["fields"] = fields_json(c.fields);
  j["valid_from"] = opt(c.valid_from);
  j["valid_until"] = opt(c.valid_until);
  nlohmann::json allowed = nlohmann::json::array();
  if (state) {
    for (auto e : domain::allowed_cert_events(*state)) {
      allowed.push_back({{"event", domain::to_string(e)}, {"label", domain::label_zh(e)}});
    }
  }
  j["allowed_events"] = allowed;
  nlohmann::json events = nlohmann::json::array();
  for (auto r : certificate_events(tx, c.id)) {
    events.push_back({{"event", r.str(0)},
                      {"from", r.str(1)},
                      {"to", r.str(2)},
                      {"reason", r.str(3)},
                      {"at", r.i64(4)},
                      {"by", r.str(5)}});
  }
  j["events"] = events;
  return j;
}

}  // namespace

Result<nlohmann::json> PeopleService::create_officer(const domain::Scope& scope,
                                                     const NewOfficer& in) {
  auto id_info = domain::parse_id_number(in.id_number, "id_number");
  if (!id_info) return id_info.error();
  if (auto ok = domain::check_fields(in.fields); !ok) return ok.error();
  std::string id_number = in.id_number;
  if (id_number.back() == 'x') id_number.back() = 'X';
  std::string index = env_.cipher->blind_index(id_number);
  std::int64_t now = env_.now();
  auto id = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::int64_t> {
    auto body = org::find(tx, in.org_id);
    if (!body || !scope.covers({body->id, body->path})) {
      return Error::invalid("officer.org", "所属执法主体不存在或无权访问",
                            "body not found or not accessible", "org_id");
    }
    if (body->kind != "body") {
      return Error::invalid("officer.org", "执法人员须隶属于执法主体(机关或执法队)",
                            "an officer belongs to a body", "org_id");
    }
    if (id_number_taken(tx, index)) {
      return Error::conflict("officer.duplicate", "该身份证号码的执法人员已登记",
                             "an officer with this ID number exists", "id_number");
    }
    OfficerRow o;
    o.org_id = in.org_id;
    o.name = in.name;
    o.id_number_enc = env_.cipher->encrypt(id_number);
    o.id_number_masked = domain::mask_id_number(id_number);
    o.gender = id_info->male ? "male" : "female";
    o.post = in.post;
    o.fields = domain::join_fields(in.fields);
    o.legal_qualified = in.legal_qualified;
    std::int64_t oid = insert_officer(tx, o, index, now, scope.user_id);
    record(tx, &scope, now, in.org_id, "officer", std::to_string(oid), "officer.created",
           {{"name", in.name},
            {"id_number_masked", o.id_number_masked},
            {"fields", in.fields},
            {"post", in.post}});
    return oid;
  });
  if (!id) return id.error();
  return officer(scope, *id);
}

nlohmann::json PeopleService::list_officers(const domain::Scope& scope,
                                            std::optional<std::int64_t> org_id,
                                            const OfficerFilter& filter, std::int64_t page,
                                            std::int64_t size) {
  auto tx = env_.db->read();
  OfficerFilter f = filter;
  if (org_id) {
    auto o = org::find(*tx, *org_id);
    f.org_path = o ? o->path : "/none/";
  }
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& o : people::list_officers(*tx, scope, f, size, (page - 1) * size, total))
    items.push_back(officer_json(o));
  return {{"items", items}, {"total", total}};
}

Result<nlohmann::json> PeopleService::officer(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto o = find_officer(*tx, scope, id);
  if (!o) return Error::not_found("执法人员", "officer");
  nlohmann::json j = officer_json(*o);
  if (scope.has("people:officer:view_id"))
    j["id_number"] = env_.cipher->decrypt(o->id_number_enc).value_or("");
  nlohmann::json certs = nlohmann::json::array();
  for (const auto& c : certificates_of(*tx, id)) certs.push_back(certificate_json(*tx, c));
  j["certificates"] = certs;
  j["has_photo"] =
      tx->scalar_i64("SELECT COUNT(*) FROM officer_photos WHERE officer_id = ?", {id}) > 0;
  return j;
}

Result<nlohmann::json> PeopleService::apply_certificate(const domain::Scope& scope,
                                                        std::int64_t officer_id,
                                                        const std::vector<std::string>& fields) {
  if (auto ok = domain::check_fields(fields); !ok) return ok.error();
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto o = find_officer(tx, scope, officer_id);
    if (!o) return Error::not_found("执法人员", "officer");
    std::int64_t cid = insert_certificate(tx, officer_id, domain::join_fields(fields), now);
    insert_certificate_event(tx, cid, "apply", "", "applied", "", now, scope.user_id);
    record(tx, &scope, now, o->org_id, "certificate", std::to_string(cid), "certificate.applied",
           {{"officer_id", officer_id}, {"fields", fields}});
    return Ok{};
  });
  if (!r) return r.error();
  return officer(scope, officer_id);
}

Result<nlohmann::json> PeopleService::act_on_certificate(const domain::Scope& scope,
                                                         std::int64_t certificate_id,
                                                         const CertificateAction& a) {
  auto event = domain::parse_cert_event(a.event);
  if (!event)
    return Error::invalid("certificate.event", "未知的办理事项: " + a.event,
                          "unknown event: " + a.event, "event");
  if (*event == domain::CertEvent::kIssue) {
    if (!a.number || a.number->empty()) {
      return Error::invalid("certificate.number", "发证须填写证件编号",
                            "a certificate number is required", "number");
    }
    if (!a.valid_from || !a.valid_until) {
      return Error::invalid("certificate.dates", "发证须填写有效期", "validity dates are required",
                            "valid_until");
    }
    if (auto ok = domain::check_date(*a.valid_from, "valid_from"); !ok) return ok.error();
    if (auto ok = domain::check_date(*a.valid_until, "valid_until"); !ok) return ok.error();
    if (*a.valid_until < *a.valid_from) {
      return Error::invalid("certificate.dates", "有效期截止日期不能早于起始日期",
                            "valid_until is before valid_from", "valid_until");
    }
  } else if (a.reason.empty() && *event != domain::CertEvent::kPassExam &&
             *event != domain::CertEvent::kPassReview) {
    return Error::invalid("certificate.reason", "请填写办理原因", "a reason is required", "reason");
  }
  std::int64_t now = env_.now();
  std::int64_t officer_id = 0;
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto c = find_certificate(tx, certificate_id);
    std::optional<OfficerRow> o;
    if (c) o = find_officer(tx, scope, c->officer_id);
    if (!c || !o) return Error::not_found("执法证", "certificate");
    officer_id = o->id;
    return transition_certificate(tx, scope, *c, *o, *event, a, now);
  });
  if (!r) return r.error();
  return officer(scope, officer_id);
}

Status transition_certificate(db::Tx& tx, const domain::Scope& scope, CertificateRow& c,
                              const OfficerRow& o, domain::CertEvent event,
                              const CertificateAction& a, std::int64_t now) {
  auto from = domain::parse_cert_state(c.state);
  if (!from) return Error::internal("unknown certificate state " + c.state);
  auto to = domain::apply_cert_event(*from, event);
  if (!to) return to.error();
  if (event == domain::CertEvent::kIssue) {
    if (certificate_number_taken(tx, *a.number)) {
      return Error::conflict("certificate.number_taken", "证件编号已被使用: " + *a.number,
                             "certificate number already used", "number");
    }
    c.number = a.number;
    c.valid_from = a.valid_from;
    c.valid_until = a.valid_until;
  }
  std::string event_key(domain::to_string(event));
  std::string from_key(domain::to_string(*from)), to_key(domain::to_string(*to));
  c.state = to_key;
  update_certificate(tx, c, now);
  insert_certificate_event(tx, c.id, event_key, from_key, to_key, a.reason, now, scope.user_id);
  nlohmann::json payload = {
      {"officer_id", o.id}, {"from", from_key}, {"to", to_key}, {"reason", a.reason}};
  if (c.number) payload["number"] = *c.number;
  record(tx, &scope, now, o.org_id, "certificate", std::to_string(c.id), "certificate." + event_key,
         payload);
  return Ok{};
}

Result<nlohmann::json> PeopleService::eligibility(const domain::Scope& scope,
                                                  std::int64_t officer_id, const std::string& field,
                                                  const std::string& date) {
  if (auto ok = domain::check_date(date, "date"); !ok) return ok.error();
  if (!domain::is_known_field(field)) {
    return Error::invalid("fields.unknown", "未知的执法领域: " + field, "unknown enforcement field",
                          "field");
  }
  auto tx = env_.db->read();
  auto o = find_officer(*tx, scope, officer_id);
  if (!o) return Error::not_found("执法人员", "officer");
  auto e = eligibility_of(*tx, officer_id, o->org_id, field, date);
  return nlohmann::json{{"officer_id", officer_id},
                        {"field", field},
                        {"date", date},
                        {"certified", e.certified},
                        {"code", e.code},
                        {"reason_zh", e.reason_zh},
                        {"reason_en", e.reason_en},
                        {"certificate_number", e.certificate_number}};
}

nlohmann::json PeopleService::confirmations(const domain::Scope& scope, int year) {
  auto tx = env_.db->read();
  nlohmann::json items = nlohmann::json::array();
  for (const auto& c : confirmed_bodies(*tx, scope, year)) {
    items.push_back({{"org_id", c.org_id}, {"name", c.name}, {"confirmed_at", c.confirmed_at}});
  }
  return {{"year", year}, {"items", items}, {"total", items.size()}};
}

Result<nlohmann::json> PeopleService::confirm_bodies(const domain::Scope& scope, int year,
                                                     const std::vector<std::int64_t>& org_ids) {
  if (org_ids.empty())
    return Error::invalid("body.none", "请选择要确认的执法主体", "no bodies given", "org_ids");
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    for (auto id : org_ids) {
      auto o = org::find(tx, id);
      if (!o || !scope.covers({o->id, o->path}) || o->kind != "body") {
        return Error::invalid("body.unknown", "执法主体不存在或无权确认: " + std::to_string(id),
                              "body not found or not yours to confirm", "org_ids");
      }
      auto status = tx.query("SELECT status FROM enforcement_bodies WHERE org_id = ?", {id});
      if (!status.empty() && status[0].str(0) != "active") {
        return Error::conflict("body.not_active",
                               o->name + " 处于暂停或撤销状态,不能确认执法主体资格",
                               "a suspended or revoked body cannot be confirmed", "org_ids");
      }
      confirm_body(tx, id, year, now, scope.user_id);
    }
    record(tx, &scope, now, scope.org_id, "body_confirmation", std::to_string(year),
           "body.confirmed", {{"year", year}, {"org_ids", org_ids}});
    return Ok{};
  });
  if (!r) return r.error();
  return nlohmann::json{{"year", year}, {"confirmed", org_ids.size()}};
}

Result<nlohmann::json> PeopleService::update_officer(const domain::Scope& scope, std::int64_t id,
                                                     const OfficerUpdate& in) {
  if (in.fields) {
    if (auto ok = domain::check_fields(*in.fields); !ok) return ok.error();
  }
  if (in.status && *in.status != "active" && *in.status != "left") {
    return Error::invalid("officer.status", "状态应为在岗(active)或离岗(left)",
                          "status must be active or left", "status");
  }
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto o = find_officer(tx, scope, id);
    if (!o) return Error::not_found("执法人员", "officer");
    OfficerRow n = *o;
    if (in.org_id && *in.org_id != o->org_id) {
      auto body = org::find(tx, *in.org_id);
      if (!body || !scope.covers({body->id, body->path}) || body->kind != "body") {
        return Error::invalid("officer.org", "所属执法主体不存在或无权访问",
                              "body not found or not accessible", "org_id");
      }
      n.org_id = *in.org_id;
    }
    if (in.post) n.post = *in.post;
    if (in.fields) n.fields = domain::join_fields(*in.fields);
    if (in.legal_qualified) n.legal_qualified = *in.legal_qualified;
    if (in.legal_reviewer) n.legal_reviewer = *in.legal_reviewer;
    if (in.status) n.status = *in.status;
    // DOMAIN.md §2 (APL 58): a person doing legal review for the first time holds the national
    // legal professional qualification.
    if (n.legal_reviewer && !o->legal_reviewer && !n.legal_qualified) {
      return Error::conflict(
          "officer.reviewer_unqualified", "初次从事法制审核的人员须取得国家统一法律职业资格",
          "a new legal reviewer must hold the legal professional qualification", "legal_reviewer");
    }
    if (n.status == "left") n.legal_reviewer = false;
    tx.exec(
        "UPDATE officers SET org_id = ?, post = ?, fields = ?, legal_qualified = ?, "
        "legal_reviewer = ?, status = ?, updated_at = ?, updated_by = ? WHERE id = ?",
        {n.org_id, n.post, n.fields, n.legal_qualified, n.legal_reviewer, n.status, now,
         scope.user_id, id});
    nlohmann::json changes = nlohmann::json::object();
    if (n.org_id != o->org_id) changes["org_id"] = {o->org_id, n.org_id};
    if (n.post != o->post) changes["post"] = {o->post, n.post};
    if (n.fields != o->fields) changes["fields"] = {o->fields, n.fields};
    if (n.legal_qualified != o->legal_qualified)
      changes["legal_qualified"] = {o->legal_qualified, n.legal_qualified};
    if (n.legal_reviewer != o->legal_reviewer)
      changes["legal_reviewer"] = {o->legal_reviewer, n.legal_reviewer};
    if (n.status != o->status) changes["status"] = {o->status, n.status};
    record(tx, &scope, now, n.org_id, "officer", std::to_string(id), "officer.updated", changes);
    return Ok{};
  });
  if (!r) return r.error();
  return officer(scope, id);
}

namespace {

long utf8_chars(std::string_view s) {
  long n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::string field_labels(const std::string& joined) {
  std::string out;
  for (const auto& k : domain::split_fields(joined)) {
    for (const auto& f : domain::enforcement_fields()) {
      if (f.key == k) out += (out.empty() ? "" : "、") + std::string(f.name_zh);
    }
  }
  return out;
}

// "市场监管、城市管理" or "market,urban" -> keys; nullopt names the first unknown part.
std::optional<std::vector<std::string>> parse_field_labels(const std::string& text,
                                                           std::string& unknown) {
  std::vector<std::string> out;
  std::string norm = text;
  for (const char* sep : {"、", "，", ",", "；", ";", "/"}) {
    std::size_t pos;
    while ((pos = norm.find(sep)) != std::string::npos) norm.replace(pos, std::strlen(sep), "|");
  }
  std::size_t start = 0;
  while (start <= norm.size()) {
    std::size_t end = norm.find('|', start);
    if (end == std::string::npos) end = norm.size();
    std::string part = norm.substr(start, end - start);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    if (!part.empty()) {
      bool found = false;
      for (const auto& f : domain::enforcement_fields()) {
        if (f.key == part || f.name_zh == part) {
          out.emplace_back(f.key);
          found = true;
          break;
        }
      }
      if (!found) {
        unknown = part;
        return std::nullopt;
      }
    }
    start = end + 1;
  }
  return out;
}

const std::vector<xlsx::Column>& import_columns() {
  static const std::vector<xlsx::Column> k = {{"姓名", 12},         {"身份证号码", 22},
                                              {"执法主体编码", 18}, {"职务", 16},
                                              {"执法领域", 24},     {"法律职业资格", 14}};
  return k;
}

}  // namespace

std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>
PeopleService::import_template() {
  return {import_columns(),
          {{"张三(示例,导入前请删除本行)", "", "140800-ZF-SCJG", "执法队员", "市场监管、城市管理",
            "否"}}};
}

std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>>
PeopleService::export_officers(const domain::Scope& scope, std::optional<std::int64_t> org_id,
                               const OfficerFilter& filter) {
  auto tx = env_.db->read();
  OfficerFilter f = filter;
  if (org_id) {
    auto o = org::find(*tx, *org_id);
    f.org_path = o ? o->path : "/none/";
  }
  std::int64_t total = 0;
  std::vector<xlsx::Column> cols = {{"姓名", 12},         {"性别", 6},          {"身份证号码", 22},
                                    {"执法主体", 36},     {"职务", 16},         {"执法领域", 24},
                                    {"法律职业资格", 12}, {"法制审核人员", 12}, {"执法证号", 18},
                                    {"执法证状态", 12},   {"有效期至", 12},     {"状态", 8}};
  bool full_id = scope.has("people:officer:view_id");
  std::vector<std::vector<std::string>> rows;
  for (const auto& o : people::list_officers(*tx, scope, f, 1'000'000, 0, total)) {
    auto st = o.cert_state ? domain::parse_cert_state(*o.cert_state) : std::nullopt;
    rows.push_back({o.name, o.gender == "male" ? "男" : "女",
                    full_id ? env_.cipher->decrypt(o.id_number_enc).value_or(o.id_number_masked)
                            : o.id_number_masked,
                    o.org_name, o.post, field_labels(o.fields), o.legal_qualified ? "是" : "否",
                    o.legal_reviewer ? "是" : "否", o.cert_number.value_or(""),
                    st ? std::string(domain::label_zh(*st)) : "", o.cert_valid_until.value_or(""),
                    o.status == "active" ? "在岗" : "离岗"});
  }
  return {cols, rows};
}

Result<nlohmann::json> PeopleService::import_officers(const domain::Scope& scope,
                                                      std::string_view bytes) {
  auto sheet = ImportSheet::open(bytes, {"姓名", "身份证号码", "执法主体编码", "执法领域"},
                                 {"职务", "法律职业资格"});
  if (!sheet) return sheet.error();
  struct Prepared {
    OfficerRow o;
    std::string clear_id;  // encrypted and indexed below, then cleared
    std::string index;
    std::string org_code;
    int row = 0;
  };
  // Checks and encryption outside the transaction: the write lock is held only to insert.
  RowErrors errors;
  std::vector<Prepared> rows;
  rows.reserve(sheet->rows().size());
  std::unordered_map<std::string, int> seen;
  seen.reserve(sheet->rows().size());
  const std::size_t c_name = sheet->column("姓名"), c_id = sheet->column("身份证号码"),
                    c_org = sheet->column("执法主体编码"), c_post = sheet->column("职务"),
                    c_fields = sheet->column("执法领域"), c_legal = sheet->column("法律职业资格");
  for (const auto& row : sheet->rows()) {
    int n = row.excel_row;
    Prepared p;
    p.row = n;
    p.o.name = sheet->cell(row, c_name);
    std::string id = sheet->cell(row, c_id);
    p.org_code = sheet->cell(row, c_org);
    p.o.post = sheet->cell(row, c_post);
    std::string fields = sheet->cell(row, c_fields);
    std::string legal = sheet->cell(row, c_legal);
    long name_len = utf8_chars(p.o.name);
    if (name_len == 0) errors.add(n, "姓名", "姓名为空", "name is empty");
    if (name_len > 30) errors.add(n, "姓名", "姓名超过 30 个字", "name longer than 30 characters");
    if (utf8_chars(p.o.post) > 50) errors.add(n, "职务", "职务超过 50 个字", "post too long");
    if (!id.empty() && id.back() == 'x') id.back() = 'X';
    auto info = domain::parse_id_number(id, "id_number");
    if (id.find_first_of("Ee+.") != std::string::npos && id.size() < 18) {
      errors.add(n, "身份证号码",
                 "身份证号码被 Excel 当作数字显示为科学计数法,请将该列设为文本后重新填写",
                 "the ID number was stored as a number (scientific notation); use a text column");
    } else if (!info) {
      errors.add(n, "身份证号码", info.error().message_zh, info.error().message_en);
    } else {
      auto [it, fresh] = seen.emplace(id, n);
      if (!fresh) {
        errors.add(n, "身份证号码", "与第 " + std::to_string(it->second) + " 行的身份证号码重复",
                   "same ID number as row " + std::to_string(it->second));
      }
      p.clear_id = id;
      p.o.id_number_masked = domain::mask_id_number(id);
      p.o.gender = info->male ? "male" : "female";
    }
    std::string unknown;
    auto keys = parse_field_labels(fields, unknown);
    if (!keys) {
      errors.add(n, "执法领域", "未知的执法领域“" + unknown + "”", "unknown field " + unknown);
    } else if (auto ok = domain::check_fields(*keys); !ok) {
      errors.add(n, "执法领域", ok.error().message_zh, ok.error().message_en);
    } else {
      p.o.fields = domain::join_fields(*keys);
    }
    if (legal.empty() || legal == "否" || legal == "无") {
      p.o.legal_qualified = false;
    } else if (legal == "是" || legal == "有") {
      p.o.legal_qualified = true;
    } else {
      errors.add(n, "法律职业资格", "应填“是”或“否”", "must be 是 or 否");
    }
    rows.push_back(std::move(p));
  }
  // The blind indexes first (the duplicate checks need them), on every core.
  const FieldCipher& cipher = *env_.cipher;
  {
    auto work = [&](std::size_t from, std::size_t to) {
      for (std::size_t i = from; i < to; ++i) {
        if (!rows[i].clear_id.empty()) rows[i].index = cipher.blind_index(rows[i].clear_id);
      }
    };
    std::size_t threads =
        rows.size() < 2000 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    std::size_t per = (rows.size() + threads - 1) / threads;
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < threads; ++t) {
      pool.emplace_back(work, std::min(rows.size(), t * per), std::min(rows.size(), (t + 1) * per));
    }
    work(0, std::min(rows.size(), per));
    for (auto& t : pool) t.join();
  }
  // Then the encryption, on a worker that runs ahead of the inserts: row i is inserted once the
  // worker has published it (release/acquire on `encrypted`).
  std::atomic<std::size_t> encrypted{0};
  std::atomic<bool> cancel{false};
  std::exception_ptr worker_error;
  std::thread worker([&] {
    try {
      for (std::size_t i = 0; i < rows.size() && !cancel.load(std::memory_order_relaxed); ++i) {
        auto& p = rows[i];
        if (!p.clear_id.empty()) p.o.id_number_enc = cipher.encrypt(p.clear_id);
        encrypted.store(i + 1, std::memory_order_release);
      }
    } catch (...) {
      worker_error = std::current_exception();
      encrypted.store(SIZE_MAX, std::memory_order_release);
    }
  });
  struct JoinWorker {
    std::thread& t;
    std::atomic<bool>& cancel;
    ~JoinWorker() {
      cancel.store(true);
      if (t.joinable()) t.join();
    }
  } join_worker{worker, cancel};
  std::int64_t now = env_.now();
  std::string digest = sm::to_hex(sm::sm3(bytes));
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Result<std::int64_t> {
    std::map<std::string, std::optional<org::OrgRow>> bodies;
    for (auto& p : rows) {
      if (p.org_code.empty()) {
        errors.add(p.row, "执法主体编码", "执法主体编码为空", "body code is empty");
        continue;
      }
      auto it = bodies.find(p.org_code);
      if (it == bodies.end()) {
        auto found = tx.query("SELECT id FROM orgs WHERE code = ?", {p.org_code});
        std::optional<org::OrgRow> o;
        if (!found.empty()) o = org::find(tx, found[0].i64(0));
        it = bodies.emplace(p.org_code, o).first;
      }
      const auto& body = it->second;
      if (!body || !scope.covers({body->id, body->path})) {
        errors.add(p.row, "执法主体编码",
                   "执法主体编码 " + p.org_code + " 不存在或不在本账号管辖范围内",
                   "body " + p.org_code + " not found or not in your scope");
      } else if (body->kind != "body") {
        errors.add(p.row, "执法主体编码", p.org_code + " 不是执法主体(机关或执法队)",
                   p.org_code + " is not an enforcement body");
      } else {
        p.o.org_id = body->id;
      }
    }
    // Already registered: one query per 500 rows instead of one per row.
    std::map<std::string, int> row_of_index;
    for (const auto& p : rows) {
      if (!p.index.empty()) row_of_index.emplace(p.index, p.row);
    }
    std::vector<std::string> batch;
    auto check = [&] {
      if (batch.empty()) return;
      std::string sql = "SELECT id_number_index FROM officers WHERE id_number_index IN (";
      db::Params params;
      for (std::size_t i = 0; i < batch.size(); ++i) {
        sql += i ? ", ?" : "?";
        params.emplace_back(batch[i]);
      }
      for (auto r : tx.query(sql + ")", params)) {
        errors.add(row_of_index[r.str(0)], "身份证号码", "该身份证号码的执法人员已登记",
                   "officer already registered");
      }
      batch.clear();
    };
    for (const auto& entry : row_of_index) {
      batch.push_back(entry.first);
      if (batch.size() == 500) check();
    }
    check();
    if (!errors.empty()) return errors.to_error();
    std::int64_t first = 0, last = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      while (encrypted.load(std::memory_order_acquire) <= i) std::this_thread::yield();
      if (worker_error) std::rethrow_exception(worker_error);
      last = insert_officer(tx, rows[i].o, rows[i].index, now, scope.user_id);
      if (first == 0) first = last;
    }
    record(tx, &scope, now, scope.org_id, "officer_import", digest, "officer.imported",
           {{"count", rows.size()}, {"first_id", first}, {"last_id", last}, {"file_sm3", digest}});
    return static_cast<std::int64_t>(rows.size());
  });
  if (!r) return r.error();
  return nlohmann::json{{"imported", *r}};
}

nlohmann::json PeopleService::public_officers(const std::optional<std::string>& q,
                                              const std::optional<std::string>& org,
                                              std::int64_t page, std::int64_t size) {
  auto tx = env_.db->read();
  std::string today = domain::shanghai_date(env_.now());
  std::string from =
      " FROM officers f JOIN orgs o ON o.id = f.org_id JOIN certificates c ON c.officer_id = f.id "
      "WHERE f.status = 'active' AND c.state = 'issued' AND c.valid_from <= ? AND "
      "c.valid_until >= ? AND EXISTS (SELECT 1 FROM body_confirmations bc WHERE bc.org_id = "
      "f.org_id AND bc.year = ?) AND NOT EXISTS (SELECT 1 FROM enforcement_bodies b WHERE "
      "b.org_id = f.org_id AND b.status <> 'active')";
  db::Params params = {today, today, static_cast<std::int64_t>(domain::year_of(today))};
  if (q && !q->empty()) {
    from += " AND (f.name LIKE ? ESCAPE '\\' OR c.number = ?)";
    params.emplace_back("%" + like_escape(*q) + "%");
    params.emplace_back(*q);
  }
  if (org && !org->empty()) {
    from += " AND o.name LIKE ? ESCAPE '\\'";
    params.emplace_back("%" + like_escape(*org) + "%");
  }
  std::int64_t total = 0;
  nlohmann::json items = nlohmann::json::array();
  for (auto r : fetch_page(*tx, "SELECT f.name, o.name, c.number, c.fields, c.valid_until", from,
                           " ORDER BY o.code, c.number", params, size, (page - 1) * size, total)) {
    items.push_back({{"name", r.str(0)},
                     {"org_name", r.str(1)},
                     {"certificate_number", r.str(2)},
                     {"fields", fields_json(r.str(3))},
                     {"valid_until", r.str(4)}});
  }
  return {{"items", items}, {"total", total}};
}

namespace {

// JPEG or PNG by their first bytes; "" for anything else.
std::string image_type(std::string_view bytes) {
  if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF &&
      static_cast<unsigned char>(bytes[1]) == 0xD8 && static_cast<unsigned char>(bytes[2]) == 0xFF)
    return "image/jpeg";
  if (bytes.size() > 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8))
    return "image/png";
  return "";
}

}  // namespace

Result<nlohmann::json> PeopleService::set_photo(const domain::Scope& scope, std::int64_t id,
                                                std::string_view bytes) {
  std::string type = image_type(bytes);
  if (type.empty()) {
    return Error{ErrorKind::kUnsupportedMedia, "photo.type", "照片须为 JPG 或 PNG 图片",
                 "the photo must be a JPEG or PNG image", "photo"};
  }
  if (bytes.size() > kMaxPhotoBytes) {
    return Error{ErrorKind::kTooLarge, "photo.too_large", "照片不能超过 2 MB",
                 "the photo must be at most 2 MB", "photo"};
  }
  std::string b64(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  std::string digest = sm::to_hex(sm::sm3(bytes));
  std::int64_t now = env_.now();
  auto r = db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto o = find_officer(tx, scope, id);
    if (!o) return Error::not_found("执法人员", "officer");
    tx.exec("DELETE FROM officer_photos WHERE officer_id = ?", {id});
    tx.exec(
        "INSERT INTO officer_photos (officer_id, content_type, data, sm3, updated_at, updated_by) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        {id, type, b64, digest, now, scope.user_id});
    record(tx, &scope, now, o->org_id, "officer", std::to_string(id), "officer.photo_set",
           {{"content_type", type}, {"bytes", bytes.size()}, {"sm3", digest}});
    return Ok{};
  });
  if (!r) return r.error();
  return officer(scope, id);
}

Result<std::pair<std::string, std::string>> PeopleService::photo(const domain::Scope& scope,
                                                                 std::int64_t id) {
  auto tx = env_.db->read();
  auto o = find_officer(*tx, scope, id);
  if (!o) return Error::not_found("执法人员", "officer");
  auto rows = tx->query("SELECT content_type, data FROM officer_photos WHERE officer_id = ?", {id});
  if (rows.empty()) return Error::not_found("照片", "photo");
  std::string b64 = rows[0].str(1);
  std::string bin(b64.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bin.data()), bin.size(), b64.data(),
                        b64.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Error::internal("stored photo is not base64");
  }
  bin.resize(len);
  return std::make_pair(rows[0].str(0), std::move(bin));
}

Status PeopleService::delete_photo(const domain::Scope& scope, std::int64_t id) {
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Status {
    auto o = find_officer(tx, scope, id);
    if (!o) return Error::not_found("执法人员", "officer");
    if (tx.exec("DELETE FROM officer_photos WHERE officer_id = ?", {id}) == 0) {
      return Error::not_found("照片", "photo");
    }
    record(tx, &scope, now, o->org_id, "officer", std::to_string(id), "officer.photo_deleted", {});
    return Ok{};
  });
}

}  // namespace zhifa::modules::people
