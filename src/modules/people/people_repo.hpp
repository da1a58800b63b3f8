// SQL for officers, their certificates and the yearly confirmation of bodies. Reads of officers
// take the caller's Scope through the officer's body (an org).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/db.hpp"
#include "domain/access.hpp"
#include "domain/certificate.hpp"

namespace zhifa::modules::people {

struct OfficerRow {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_name, org_path, name, id_number_enc, id_number_masked, gender, post, fields,
      status;
  bool legal_qualified = false;
  bool legal_reviewer = false;  // 法制审核人员
  std::int64_t created_at = 0;
  // The current (latest) certificate, when there is one.
  std::optional<std::string> cert_number, cert_state, cert_valid_until;
  std::optional<std::int64_t> cert_id;
};

struct CertificateRow {
  std::int64_t id = 0;
  std::int64_t officer_id = 0;
  std::optional<std::string> number;
  std::string state, fields;
  std::optional<std::string> valid_from, valid_until;
  std::int64_t created_at = 0, updated_at = 0;
};

struct OfficerFilter {
  std::optional<std::string> org_path;  // the body and below
  std::optional<std::string> q;         // name contains
  std::optional<std::string> field;
  std::optional<std::string> cert_state;  // the current certificate's state; "none": no certificate
  std::optional<bool> legal_reviewer;
  std::optional<std::string> status;  // active | left
};

std::vector<OfficerRow> list_officers(db::Tx& tx, const domain::Scope& scope,
                                      const OfficerFilter& f, std::int64_t limit,
                                      std::int64_t offset, std::int64_t& total);
std::optional<OfficerRow> find_officer(db::Tx& tx, const domain::Scope& scope, std::int64_t id);
bool id_number_taken(db::Tx& tx, const std::string& blind_index);
std::int64_t insert_officer(db::Tx& tx, const OfficerRow& o, const std::string& blind_index,
                            std::int64_t now, std::int64_t by);

std::vector<CertificateRow> certificates_of(db::Tx& tx, std::int64_t officer_id);
std::optional<CertificateRow> find_certificate(db::Tx& tx, std::int64_t id);
bool certificate_number_taken(db::Tx& tx, const std::string& number);
std::int64_t insert_certificate(db::Tx& tx, std::int64_t officer_id, const std::string& fields,
                                std::int64_t now);
void update_certificate(db::Tx& tx, const CertificateRow& c, std::int64_t now);
void insert_certificate_event(db::Tx& tx, std::int64_t certificate_id, const std::string& event,
                              const std::string& from, const std::string& to,
                              const std::string& reason, std::int64_t now, std::int64_t by);
db::Rows certificate_events(db::Tx& tx, std::int64_t certificate_id);

// Confirmed for the year (主体资格确认) and, apart from that, not suspended or revoked now.
bool body_confirmed(db::Tx& tx, std::int64_t org_id, int year);
bool body_active(db::Tx& tx, std::int64_t org_id);
// The eligibility rule's answer for an officer of `org_id` acting in `field` on `date`.
domain::Eligibility eligibility_of(db::Tx& tx, std::int64_t officer_id, std::int64_t org_id,
                                   const std::string& field, const std::string& date);
struct ConfirmedBody {
  std::int64_t org_id = 0;
  std::string name;
  std::int64_t confirmed_at = 0;
};
std::vector<ConfirmedBody> confirmed_bodies(db::Tx& tx, const domain::Scope& scope, int year);
void confirm_body(db::Tx& tx, std::int64_t org_id, int year, std::int64_t now, std::int64_t by);

}  // namespace zhifa::modules::people
