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

namespace zhifa::modules::people {

struct NewOfficer {
  std::string name;
  std::string id_number;
  std::int64_t org_id = 0;
  std::string post;
  std::vector<std::string> fields;
  bool legal_qualified = false;
};

struct CertificateAction {
  std::string event;  // domain::CertEvent key
  std::string reason;
  std::optional<std::string> number;       // issue
  std::optional<std::string> valid_from;   // issue
  std::optional<std::string> valid_until;  // issue
};

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
  // The bodies in the caller's scope confirmed for `year`.
  nlohmann::json confirmations(const domain::Scope& scope, int year);
  Result<nlohmann::json> confirm_bodies(const domain::Scope& scope, int year,
                                        const std::vector<std::int64_t>& org_ids);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::people
