// The local settings of the case rules (办案规则设置, DOMAIN.md §4) and the rules that read them:
// the amounts from which a penalty carries a hearing right (较大数额, set by the province), the
// grounds of a legal review beyond those APL 58 names (a fine at or above an amount; penalty
// kinds), and per enforcement field the extension of the 90-day decision deadline the sector's
// procedure rules allow (APL 60: 法律、法规、规章另有规定的,从其规定). Also the approval of a
// deferred or instalment payment (APL 66) and the materials of a transfer to the police.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/case_rules.hpp"
#include "domain/discretion.hpp"
#include "platform/error.hpp"

namespace zhifa::domain {

struct ExtensionRule {
  int days = 0;       // the most the decision deadline may be extended, in calendar days
  std::string basis;  // the rule that allows it, e.g. 《市场监督管理行政处罚程序规定》
};

struct CaseSettings {
  HearingThresholds hearing;
  ReviewSettings review;
  std::map<std::string, ExtensionRule> extensions;  // field -> rule; a field not listed: none
};

// Reads and checks settings as stored or sent: amounts in fen ≥ 0 (thresholds > 0), known penalty
// kinds, known fields, 1..365 days with a basis. Missing parts keep their defaults.
Result<CaseSettings> parse_case_settings(const nlohmann::json& j);
nlohmann::json to_json(const CaseSettings& s);

// An extension of `requested` days for a case of `field` that already had `already` days.
RuleCheck check_extension(const CaseSettings& s, std::string_view field, int requested,
                          int already);

// A deferred payment (暂缓缴纳: one later date) or instalments (分期缴纳: two or more dated
// amounts adding up to the fine), on the party's application (APL 66).
struct Instalment {
  std::string due;
  std::int64_t fine_fen = 0;
};
struct PaymentPlan {
  std::string kind;   // deferral | instalments
  std::string until;  // deferral: the new last day
  std::vector<Instalment> instalments;
  std::string applied_on;  // the party's written application
};
struct PlanCheck {
  RuleCheck check;
  std::string last_day;  // the plan's last day: the new payment deadline
};
// fine_fen: the fine decided; payment_due: the deadline the plan replaces; approved_on: the day
// the leadership approves it.
Result<PlanCheck> check_payment_plan(const PaymentPlan& plan, std::int64_t fine_fen,
                                     std::string_view payment_due, std::string_view approved_on);

// A case transferred out: to the police as a suspected crime (the materials of 《行政执法机关移送
// 涉嫌犯罪案件的规定》第六条 must go with it) or to another agency with jurisdiction.
struct TransferFacts {
  std::string receiver_kind;        // police | agency
  std::string receiver;             // e.g. 运城市公安局盐湖分局
  std::set<std::string> materials;  // transfer_letter, investigation_report, item_list,
                                    // inspection_report
  bool no_items = false;            // no goods were involved: no list of them
  bool no_inspection = false;       // nothing was inspected or appraised
};
RuleCheck check_transfer(const TransferFacts& f);
// The materials a transfer to the police lists, with their Chinese names.
const std::vector<std::pair<std::string, std::string>>& transfer_materials();

// The intended fine against the discretion benchmark the officer chose (APL 34): inside the range
// of the level for the circumstances, or outside it (or any penalty where the benchmark says none)
// only with a written reason — and then the case goes to legal review.
struct DiscretionCheck {
  RuleCheck check;
  bool deviates = false;
};
DiscretionCheck check_discretion(const Penalty& p, const Decision& d, std::string_view benchmark,
                                 std::string_view reason);

}  // namespace zhifa::domain
