#include "modules/people/people_repo.hpp"

#include "domain/dates.hpp"
#include "domain/fields.hpp"
#include "modules/common/paging.hpp"
#include "modules/common/scope_sql.hpp"

namespace zhifa::modules::people {
namespace {

constexpr const char* kOfficerSelect =
    "SELECT f.id, f.org_id, o.name, o.path, f.name, f.id_number_enc, f.id_number_masked, f.gender, "
    "f.post, f.fields, f.status, f.legal_qualified, f.created_at, f.legal_reviewer, c.number, "
    "c.state, c.valid_until, c.id";
// The officer's current certificate is the latest one applied for (officers.cert_id).
constexpr const char* kOfficerFrom =
    " FROM officers f JOIN orgs o ON o.id = f.org_id LEFT JOIN certificates c ON c.id = f.cert_id";
// For lists: the scope goes through the officer's org id (the orgs in scope are found once), and
// the joins only serve the page's columns (SQLite drops them from the COUNT).
constexpr const char* kOfficerListFrom =
    " FROM officers f LEFT JOIN orgs o ON o.id = f.org_id LEFT JOIN certificates c ON c.id = "
    "f.cert_id";

OfficerRow to_officer(const db::Row& r) {
  OfficerRow o;
  o.id = r.i64(0);
  o.org_id = r.i64(1);
  o.org_name = r.str(2);
  o.org_path = r.str(3);
  o.name = r.str(4);
  o.id_number_enc = r.str(5);
  o.id_number_masked = r.str(6);
  o.gender = r.str(7);
  o.post = r.str(8);
  o.fields = r.str(9);
  o.status = r.str(10);
  o.legal_qualified = r.boolean(11);
  o.created_at = r.i64(12);
  o.legal_reviewer = r.boolean(13);
  o.cert_number = r.opt_str(14);
  o.cert_state = r.opt_str(15);
  o.cert_valid_until = r.opt_str(16);
  o.cert_id = r.opt_i64(17);
  return o;
}

constexpr const char* kCertificateSelect =
    "SELECT id, officer_id, number, state, fields, valid_from, valid_until, created_at, updated_at "
    "FROM certificates ";

CertificateRow to_certificate(const db::Row& r) {
  return {r.i64(0),     r.i64(1),     r.opt_str(2), r.str(3), r.str(4),
          r.opt_str(5), r.opt_str(6), r.i64(7),     r.i64(8)};
}

}  // namespace

std::vector<OfficerRow> list_officers(db::Tx& tx, const domain::Scope& scope,
                                      const OfficerFilter& f, std::int64_t limit,
                                      std::int64_t offset, std::int64_t& total) {
  std::string where = " WHERE 1=1";
  db::Params params;
  if (!scope.all || f.org_path) {
    auto cond = org_scope(scope, "so", "");
    where = " WHERE f.org_id IN (SELECT so.id FROM orgs so WHERE " + cond.sql;
    params = cond.params;
    if (f.org_path) {
      where += " AND substr(so.path, 1, ?) = ?";
      params.emplace_back(static_cast<std::int64_t>(f.org_path->size()));
      params.emplace_back(*f.org_path);
    }
    where += ")";
  }
  if (f.q && !f.q->empty()) {
    where += " AND " + sql_contains(tx, "f.name");
    params.emplace_back(*f.q);
  }
  if (f.field) {
    // fields is "a,b,c": match a whole key.
    // A cheap prefilter first: the concatenation is the costly part, and keys can contain one
    // another (culture, agriculture).
    where += " AND " + sql_contains(tx, "f.fields") + " AND " +
             sql_contains(tx, "(',' || f.fields || ',')");
    params.emplace_back(*f.field);
    params.emplace_back("," + *f.field + ",");
  }
  if (f.cert_state) {
    if (*f.cert_state == "none") {
      where += " AND f.cert_id IS NULL";
    } else {
      where += " AND f.cert_state = ?";
      params.emplace_back(*f.cert_state);
    }
  }
  if (f.legal_reviewer) {
    where += " AND f.legal_reviewer = ?";
    params.emplace_back(*f.legal_reviewer);
  }
  if (f.status) {
    where += " AND f.status = ?";
    params.emplace_back(*f.status);
  }
  // One pass over the covering index gives the page's ids and the number of matches; then only
  // those rows are read and joined.
  db::Params page_params = params;
  page_params.emplace_back(limit);
  page_params.emplace_back(offset);
  std::vector<std::int64_t> ids;
  total = 0;
  for (auto r : tx.query("SELECT f.id, COUNT(*) OVER () FROM officers f" + where +
                             " ORDER BY f.id LIMIT ? OFFSET ?",
                         page_params)) {
    ids.push_back(r.i64(0));
    total = r.i64(1);
  }
  if (ids.empty() && offset > 0) {
    total = tx.scalar_i64("SELECT COUNT(*) FROM officers f" + where, params);
  }
  std::vector<OfficerRow> out;
  if (ids.empty()) return out;
  std::string in = "?";
  db::Params id_params = {ids[0]};
  for (std::size_t i = 1; i < ids.size(); ++i) {
    in += ", ?";
    id_params.emplace_back(ids[i]);
  }
  for (auto r : tx.query(std::string(kOfficerSelect) + kOfficerListFrom + " WHERE f.id IN (" + in +
                             ") ORDER BY f.id",
                         id_params)) {
    out.push_back(to_officer(r));
  }
  return out;
}

std::optional<OfficerRow> find_officer(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows = tx.query(
      std::string(kOfficerSelect) + kOfficerFrom + " WHERE " + cond.sql + " AND f.id = ?", params);
  if (rows.empty()) return std::nullopt;
  return to_officer(rows[0]);
}

bool id_number_taken(db::Tx& tx, const std::string& blind_index) {
  return tx.scalar_i64("SELECT COUNT(*) FROM officers WHERE id_number_index = ?", {blind_index}) >
         0;
}

std::int64_t insert_officer(db::Tx& tx, const OfficerRow& o, const std::string& blind_index,
                            std::int64_t now, std::int64_t by) {
  return tx.insert(
      "INSERT INTO officers (org_id, name, id_number_enc, id_number_index, id_number_masked, "
      "gender, post, fields, "
      "legal_qualified, legal_reviewer, status, created_at, created_by, updated_at, updated_by) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?) RETURNING id",
      {o.org_id, o.name, o.id_number_enc, blind_index, o.id_number_masked, o.gender, o.post,
       o.fields, o.legal_qualified, o.legal_reviewer, now, by, now, by});
}

std::vector<CertificateRow> certificates_of(db::Tx& tx, std::int64_t officer_id) {
  std::vector<CertificateRow> out;
  for (auto r : tx.query(std::string(kCertificateSelect) + "WHERE officer_id = ? ORDER BY id",
                         {officer_id})) {
    out.push_back(to_certificate(r));
  }
  return out;
}

std::optional<CertificateRow> find_certificate(db::Tx& tx, std::int64_t id) {
  auto rows = tx.query(std::string(kCertificateSelect) + "WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return to_certificate(rows[0]);
}

bool certificate_number_taken(db::Tx& tx, const std::string& number) {
  return tx.scalar_i64("SELECT COUNT(*) FROM certificates WHERE number = ?", {number}) > 0;
}

std::int64_t insert_certificate(db::Tx& tx, std::int64_t officer_id, const std::string& fields,
                                std::int64_t now) {
  std::int64_t id = tx.insert(
      "INSERT INTO certificates (officer_id, state, fields, created_at, updated_at) VALUES (?, "
      "'applied', ?, ?, ?) "
      "RETURNING id",
      {officer_id, fields, now, now});
  tx.exec("UPDATE officers SET cert_id = ?, cert_state = 'applied' WHERE id = ?", {id, officer_id});
  return id;
}

void update_certificate(db::Tx& tx, const CertificateRow& c, std::int64_t now) {
  tx.exec("UPDATE officers SET cert_state = ? WHERE cert_id = ?", {c.state, c.id});
  tx.exec(
      "UPDATE certificates SET number = ?, state = ?, valid_from = ?, valid_until = ?, updated_at "
      "= ? WHERE id = ?",
      {c.number, c.state, c.valid_from, c.valid_until, now, c.id});
}

void insert_certificate_event(db::Tx& tx, std::int64_t certificate_id, const std::string& event,
                              const std::string& from, const std::string& to,
                              const std::string& reason, std::int64_t now, std::int64_t by) {
  tx.exec(
      "INSERT INTO certificate_events (certificate_id, event, from_state, to_state, reason, at, "
      "by_user) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)",
      {certificate_id, event, from, to, reason, now, by});
}

db::Rows certificate_events(db::Tx& tx, std::int64_t certificate_id) {
  return tx.query(
      "SELECT e.event, e.from_state, e.to_state, e.reason, e.at, COALESCE(u.username, '') FROM "
      "certificate_events e "
      "LEFT JOIN users u ON u.id = e.by_user WHERE e.certificate_id = ? ORDER BY e.id",
      {certificate_id});
}

bool body_confirmed(db::Tx& tx, std::int64_t org_id, int year) {
  return tx.scalar_i64("SELECT COUNT(*) FROM body_confirmations WHERE org_id = ? AND year = ?",
                       {org_id, year}) > 0;
}

bool body_active(db::Tx& tx, std::int64_t org_id) {
  return tx.scalar_i64(
             "SELECT COUNT(*) FROM enforcement_bodies WHERE org_id = ? AND status <> "
             "'active'",
             {org_id}) == 0;
}

std::vector<ConfirmedBody> confirmed_bodies(db::Tx& tx, const domain::Scope& scope, int year) {
  auto cond = org_scope(scope, "o", "");
  db::Params params = cond.params;
  params.emplace_back(year);
  std::vector<ConfirmedBody> out;
  for (auto r : tx.query("SELECT o.id, o.name, c.confirmed_at FROM body_confirmations c JOIN orgs "
                         "o ON o.id = c.org_id "
                         "WHERE " +
                             cond.sql + " AND c.year = ? ORDER BY o.level, o.sort, o.code",
                         params)) {
    out.push_back({r.i64(0), r.str(1), r.i64(2)});
  }
  return out;
}

void confirm_body(db::Tx& tx, std::int64_t org_id, int year, std::int64_t now, std::int64_t by) {
  tx.exec(
      "INSERT INTO body_confirmations (org_id, year, confirmed_at, confirmed_by) VALUES (?, ?, ?, "
      "?) "
      "ON CONFLICT (org_id, year) DO NOTHING",
      {org_id, year, now, by});
}

domain::Eligibility eligibility_of(db::Tx& tx, std::int64_t officer_id, std::int64_t org_id,
                                   const std::string& field, const std::string& date) {
  domain::EligibilityQuery q;
  q.field = field;
  q.date = date;
  q.body_confirmed = body_confirmed(tx, org_id, domain::year_of(date));
  q.body_active = body_active(tx, org_id);
  for (const auto& c : certificates_of(tx, officer_id)) {
    q.certificates.push_back(
        {c.number.value_or(""),
         domain::parse_cert_state(c.state).value_or(domain::CertState::kApplied),
         domain::split_fields(c.fields), c.valid_from.value_or(""), c.valid_until.value_or("")});
  }
  return domain::is_certified(q);
}

}  // namespace zhifa::modules::people
