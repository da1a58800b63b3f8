// Enforcement bodies (执法主体, DOMAIN.md §1): the registry of what makes an org a body (kind,
// legal basis of its powers, fields, credit code, status), the yearly qualification confirmation
// and its public announcement (主体资格确认公告) as a PDF document and as portal data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules::people {

struct BodyFilter {
  std::optional<std::int64_t> org_id;  // this org and below
  std::optional<std::string> q;        // name or code contains
  std::optional<std::string> kind, field, status;
  std::optional<bool> confirmed;
  bool city_level_only = false;  // bodies directly under the city
  int year = 0;                  // the year `confirmed` refers to
};

struct BodyUpdate {
  std::string kind;  // organ | authorised | entrusted
  std::string legal_basis;
  std::vector<std::string> fields;
  std::optional<std::string> credit_code;
  std::string status;  // active | suspended | revoked
};

// Labels for the kinds and statuses (also served as dictionaries).
std::string_view body_kind_label(std::string_view kind);
std::string_view body_status_label(std::string_view status);
bool is_body_kind(std::string_view kind);
bool is_body_status(std::string_view status);

class BodyService {
 public:
  explicit BodyService(app::Env& env) : env_(env) {}

  int current_year() const;
  nlohmann::json list(const domain::Scope& scope, const BodyFilter& f, std::int64_t page,
                      std::int64_t size);
  // Every matching body, for the Excel export.
  std::pair<std::vector<xlsx::Column>, std::vector<std::vector<std::string>>> export_rows(
      const domain::Scope& scope, const BodyFilter& f);
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t org_id);
  Result<nlohmann::json> update(const domain::Scope& scope, std::int64_t org_id,
                                const BodyUpdate& in);
  // The announcement of the bodies confirmed for `year` within the caller's scope, as a PDF.
  Result<std::string> announcement_pdf(const domain::Scope& scope, int year);

  // Public portal: the bodies confirmed for a year (published by the confirmation itself).
  nlohmann::json public_list(std::optional<int> year, const std::optional<std::string>& q,
                             const std::optional<std::string>& county, std::int64_t page,
                             std::int64_t size);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::people
