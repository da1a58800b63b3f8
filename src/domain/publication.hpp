// Publication of decisions (公示, DOMAIN.md §5.1; 国办发〔2018〕118号; APL 48, 85): which decisions
// are published, by when, for how long, and when a publication must be withdrawn. Licence and
// penalty decisions within 7 working days of the decision, other decisions within 20 (settings);
// a changed, revoked or void decision withdrawn within 3 working days; never published: a case
// of a minor, a state secret or a person's privacy. Online for a number of years from publication
// (settings; shorter where the party is a natural person), then taken down.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "domain/calendar.hpp"
#include "domain/case_rules.hpp"
#include "platform/error.hpp"

namespace zhifa::domain {

// Kinds of published decision.
bool is_publication_kind(std::string_view kind);  // penalty | licence | other
std::string publication_kind_label(std::string_view kind);

// Why a decision is not published (the case's flag).
bool is_exempt_reason(std::string_view reason);  // minor | secret | privacy
std::string exempt_reason_label(std::string_view reason);

// Why a publication is withdrawn.
bool is_withdraw_kind(std::string_view kind);  // changed | revoked | void
std::string withdraw_kind_label(std::string_view kind);

struct PublicationSettings {
  int penalty_days = 7;  // working days after the decision
  int licence_days = 7;
  int other_days = 20;
  int withdraw_days = 3;                // working days after the change
  int retention_years = 5;              // online from publication
  int retention_years_person = 2;       // when the party is a natural person
  int remind_days = 2;                  // working days before a deadline the publisher is reminded
  std::set<std::int64_t> auto_publish;  // bodies whose decisions are published without approval
};

// Reads and checks settings as stored or sent: days 1..60, years 1..30 (a natural person's
// retention no longer than the general one), remind 0..10. Missing parts keep their defaults.
Result<PublicationSettings> parse_publication_settings(const nlohmann::json& j);
nlohmann::json to_json(const PublicationSettings& s);

// The last day to publish a decision of `kind` made on `decided_on`.
Result<std::string> publication_due(const WorkdayCalendar& cal, const PublicationSettings& s,
                                    std::string_view kind, std::string_view decided_on);
// The last day to withdraw a publication whose decision changed on `changed_on`.
Result<std::string> withdrawal_due(const WorkdayCalendar& cal, const PublicationSettings& s,
                                   std::string_view changed_on);
// The first day the publication is no longer online.
std::string retention_end(const PublicationSettings& s, std::string_view published_on,
                          bool person_party);

// May the decision be published: not when its case is flagged (minor/secret/privacy).
RuleCheck check_publishable(std::string_view exempt_reason);

}  // namespace zhifa::domain
