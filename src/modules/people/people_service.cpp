#include "modules/people/people_service.hpp"

#include "domain/codes.hpp"
#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/audit.hpp"
#include "modules/org/org_repo.hpp"

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
  j["status"] = o.status;
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
    auto from = domain::parse_cert_state(c->state);
    if (!from) return Error::internal("unknown certificate state " + c->state);
    auto to = domain::apply_cert_event(*from, *event);
    if (!to) return to.error();
    if (*event == domain::CertEvent::kIssue) {
      if (certificate_number_taken(tx, *a.number)) {
        return Error::conflict("certificate.number_taken", "证件编号已被使用: " + *a.number,
                               "certificate number already used", "number");
      }
      c->number = a.number;
      c->valid_from = a.valid_from;
      c->valid_until = a.valid_until;
    }
    std::string from_key(domain::to_string(*from)), to_key(domain::to_string(*to));
    c->state = to_key;
    update_certificate(tx, *c, now);
    insert_certificate_event(tx, c->id, a.event, from_key, to_key, a.reason, now, scope.user_id);
    nlohmann::json payload = {
        {"officer_id", o->id}, {"from", from_key}, {"to", to_key}, {"reason", a.reason}};
    if (c->number) payload["number"] = *c->number;
    record(tx, &scope, now, o->org_id, "certificate", std::to_string(c->id),
           "certificate." + a.event, payload);
    return Ok{};
  });
  if (!r) return r.error();
  return officer(scope, officer_id);
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
  domain::EligibilityQuery q;
  q.field = field;
  q.date = date;
  q.body_confirmed = body_confirmed(*tx, o->org_id, domain::year_of(date));
  for (const auto& c : certificates_of(*tx, officer_id)) {
    q.certificates.push_back(
        {c.number.value_or(""),
         domain::parse_cert_state(c.state).value_or(domain::CertState::kApplied),
         domain::split_fields(c.fields), c.valid_from.value_or(""), c.valid_until.value_or("")});
  }
  auto e = domain::is_certified(q);
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
      confirm_body(tx, id, year, now, scope.user_id);
    }
    record(tx, &scope, now, scope.org_id, "body_confirmation", std::to_string(year),
           "body.confirmed", {{"year", year}, {"org_ids", org_ids}});
    return Ok{};
  });
  if (!r) return r.error();
  return nlohmann::json{{"year", year}, {"confirmed", org_ids.size()}};
}

}  // namespace zhifa::modules::people
