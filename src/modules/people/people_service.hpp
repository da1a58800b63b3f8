// Use cases for officers and their certificates (DOMAIN.md §2): register an officer (ID number
// checked, encrypted, unique), apply for a certificate, move it through its life (domain/
// certificate.hpp), confirm bodies for a year, and answer "may this officer act in this field on
// this date?". Every change is in the ledger; reads take the caller's scope.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "domain/certificate.hpp"
#include "modules/people/people_repo.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules::people {

struct NewOfficer {
  std::string name;
  std::string id_number;
  std::int64_t org_id = 0;
  std::string post;
  std::vector<std::string> fields;
  bool legal_qualified = false;
};

struct OfficerUpdate {
  std::optional<std::int64_t> org_id;
  std::optional<std::string> post;
  std::optional<std::vector<std::string>> fields;
  std::optional<bool> legal_qualified, legal_reviewer;
  std::optional<std::string> status;  // active | left
};

struct CertificateAction {
  std::string event;  // domain::CertEvent key
  std::string reason;
  std::optional<std::string> number;       // issue
  std::optional<std::string> valid_from;   // issue
  std::optional<std::string> valid_until;  // issue
};

// Moves a certificate by `event` inside the caller's transaction: state machine, number
// uniqueness on issue, the certificate's own history and the ledger. `a.number` and the validity
// must be set (and checked) by the caller for kIssue.
Status transition_certificate(db::Tx& tx, const domain::Scope& scope, CertificateRow& c,
                              const OfficerRow& o, domain::CertEvent event,
                              const CertificateAction& a, std::int64_t now);

class PeopleService {
 public:
  explicit PeopleService(app::Env& env) : env_(env) {}
  Result<nlohmann::json> create_officer(const domain::Scope& scope, const NewOfficer& in);
  nlohmann::json list_officers(const domain::Scope& scope, std::optional<std::int64_t> org_id,
                               const OfficerFilter& f, std::int64_t page, std::int64_t size);
  Result<nlohmann::json> officer(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> apply_certificate(const domain::Scope& scope, std::int64_t officer_id,
                                           const std::vector<std::string>& fields);
  Result<nlohmann::json> act_on_certificate(const domain::Scope& scope, std::int64_t certificate_id,
                                            const CertificateAction& action);
  Result<nlohmann::json> eligibility(const domain::Scope& scope, std::int64_t officer_id,
                                     const std::string& field, const std::string& date);
  Result<nlohmann::json> update_officer(const domain::Scope& scope, std::int64_t id,
                                        const OfficerUpdate& in);
  // Excel: the import template, every matching officer, and the all-or-nothing import.
  std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>> import_template();
  std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>> export_officers(
      const domain::Scope& scope, std::optional<std::int64_t> org_id, const OfficerFilter& f);
  Result<nlohmann::json> import_officers(const domain::Scope& scope, std::string_view bytes);
  // The optional photo: JPEG or PNG up to kMaxPhotoBytes; the bytes and their content type.
  static constexpr std::size_t kMaxPhotoBytes = 2 * 1024 * 1024;
  Result<nlohmann::json> set_photo(const domain::Scope& scope, std::int64_t id,
                                   std::string_view bytes);
  Result<std::pair<std::string, std::string>> photo(const domain::Scope& scope, std::int64_t id);
  Status delete_photo(const domain::Scope& scope, std::int64_t id);
  // Public portal: officers holding a valid certificate today (never an ID number or a phone).
  nlohmann::json public_officers(const std::optional<std::string>& q,
                                 const std::optional<std::string>& org, std::int64_t page,
                                 std::int64_t size);
  // The bodies in the caller's scope confirmed for `year`.
  nlohmann::json confirmations(const domain::Scope& scope, int year);
  Result<nlohmann::json> confirm_bodies(const domain::Scope& scope, int year,
                                        const std::vector<std::int64_t>& org_ids);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::people
