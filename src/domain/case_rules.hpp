// The legal rules a penalty case must pass (DOMAIN.md §4, the Administrative Penalty Law, APL):
// each rule is a pure function that answers allowed or refused with the reason in Chinese and the
// article it rests on, or computes a deadline on the official working-day calendar (APL 85: the
// law's 2, 3, 5 and 7 days are working days; longer periods are calendar days whose last day moves
// off a statutory holiday). Counting starts the day after the triggering event. Money in fen.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.hpp"
#include "domain/certificate.hpp"
#include "platform/error.hpp"

namespace zhifa::domain {

// The answer of a rule: allowed, or refused with a code, the reason and the article.
struct RuleCheck {
  bool allowed = true;
  std::string code;     // "ok" or e.g. "case.simplified_fine"
  std::string reason;   // Chinese, for the officer
  std::string article;  // 《中华人民共和国行政处罚法》第五十一条
};

// --- who may act ---------------------------------------------------------------------------------

struct OfficerOnCase {
  std::string name;
  Eligibility eligibility;  // is_certified for the case's field on the date of the act
};

// APL 42: at least two officers holding valid certificates for the case's field act together;
// names every officer who may not act and why.
RuleCheck check_officers(const std::vector<OfficerOnCase>& officers);

// The body is confirmed for the year, active, and holds the matter (for a township office: the
// matter is on its county's adopted lists; the caller asks the catalogue).
RuleCheck check_body(bool confirmed_for_year, bool active, bool holds_matter);

// --- limitation (APL 36) -------------------------------------------------------------------------

struct LimitationFacts {
  std::string act_date;                // the violation (its start, for a continuing act)
  std::optional<std::string> act_end;  // a continuing or repeated act: its end
  std::string discovered;              // when the body discovered it
  bool grave_harm = false;             // harmed life, health or financial security: 5 years, not 2
};

struct Limitation {
  RuleCheck check;
  std::string last_day;  // the last day on which discovery still allows a penalty
};

Result<Limitation> check_limitation(const LimitationFacts& f);

// --- the penalty and the procedure ---------------------------------------------------------------

enum class PenaltyKind {
  kWarning,             // 警告、通报批评
  kFine,                // 罚款
  kConfiscation,        // 没收违法所得、没收非法财物
  kSuspendLicence,      // 暂扣许可证件
  kLowerQualification,  // 降低资质等级
  kRevokeLicence,       // 吊销许可证件
  kRestrictActivity,    // 限制开展生产经营活动
  kOrderClosure,        // 责令停产停业、责令关闭
  kRestrictPractice,    // 限制从业
  kDetention,           // 行政拘留
  kOther,
};

std::optional<PenaltyKind> parse_penalty_kind(std::string_view s);
std::string_view to_string(PenaltyKind k);
std::string_view label_zh(PenaltyKind k);

struct Penalty {
  std::set<PenaltyKind> kinds;
  std::int64_t fine_fen = 0;          // the fine, when kinds has kFine
  std::int64_t confiscation_fen = 0;  // the value confiscated, when kinds has kConfiscation
  bool organisation = false;          // the party: an organisation (else a natural person)
};

// APL 51: the simplified procedure (当场处罚) only for a warning or a fine of at most 200 yuan
// (natural person) / 3,000 yuan (organisation), nothing else.
RuleCheck check_simplified(const Penalty& p);

// APL 68: a fine collected in cash on the spot only up to 100 yuan.
RuleCheck check_cash_on_spot(std::int64_t fine_fen);

// --- hearing (APL 63-64) -------------------------------------------------------------------------

// The local thresholds of a "large" fine or confiscation (较大数额), settings.
struct HearingThresholds {
  std::int64_t person_fine_fen = 500'000;           // 5,000 yuan
  std::int64_t organisation_fine_fen = 10'000'000;  // 100,000 yuan
  std::int64_t person_confiscation_fen = 500'000;
  std::int64_t organisation_confiscation_fen = 10'000'000;
};

// Whether the intended penalty gives the party the right to a hearing; `allowed` true = the right
// exists, with the reason and APL 63.
RuleCheck hearing_right(const Penalty& p, const HearingThresholds& t);

// The party asks within 5 working days after the prior notice is served (APL 64 (一), 85).
Result<std::string> hearing_request_deadline(const WorkdayCalendar& cal, std::string_view served);
Result<RuleCheck> check_hearing_request(const WorkdayCalendar& cal, std::string_view served,
                                        std::string_view requested);
// The body notifies the party at least 7 working days before the hearing (APL 64 (二), 85).
Result<RuleCheck> check_hearing_notice(const WorkdayCalendar& cal, std::string_view notified,
                                       std::string_view hearing);

// APL 45: a statement or defence never makes the penalty heavier than the one noticed.
RuleCheck check_not_heavier(const Penalty& noticed, const Penalty& decided);

// --- legal review (APL 58) -----------------------------------------------------------------------

struct ReviewSettings {
  std::int64_t fine_fen = 0;  // a fine at or above this needs review (0: not by amount)
  std::set<PenaltyKind> kinds = {PenaltyKind::kRevokeLicence, PenaltyKind::kOrderClosure,
                                 PenaltyKind::kLowerQualification, PenaltyKind::kRestrictPractice};
};

struct ReviewFacts {
  bool major_public_interest = false;  // 涉及重大公共利益
  bool hearing_held = false;           // 经过听证程序 (with major rights: APL 58 (二))
  bool major_rights = false;           // 直接关系当事人或者第三人重大权益
  bool complex = false;                // 案件情况疑难复杂、涉及多个法律关系
  bool law_requires = false;           // 法律、法规规定应当进行法制审核
  bool manual = false;                 // marked by the body's leadership
  Penalty penalty;
};

struct ReviewRequirement {
  bool required = false;
  std::vector<std::string> reasons;  // each ground that applies
  std::string article = "《中华人民共和国行政处罚法》第五十八条";
};

ReviewRequirement review_required(const ReviewFacts& f, const ReviewSettings& s);

// The reviewer is legal-review staff of the case's body, holds the qualification a first-time
// reviewer needs (APL 58 ¶2), and did not investigate the case.
RuleCheck check_reviewer(bool legal_reviewer_of_body, bool qualified, bool investigated_case);

// --- time limits
// -----------------------------------------------------------------------------------

struct Interval {
  std::string from, to;  // inclusive dates
};

// APL 60: a decision within 90 days of filing; days of suspension (中止) do not count and an
// approved extension adds its days. The last day moves off a statutory holiday.
Result<std::string> decision_deadline(const WorkdayCalendar& cal, std::string_view filed,
                                      const std::vector<Interval>& suspensions, int extension_days);

// APL 61: the decision is served within 7 working days.
Result<std::string> service_deadline(const WorkdayCalendar& cal, std::string_view decided);
// Electronic service only with the party's recorded consent (APL 61 ¶2).
RuleCheck check_electronic_service(bool consent_recorded);

// APL 66: payment within 15 days of service (a last day on a statutory holiday moves to the next
// working day); an approved deferral sets another date.
Result<std::string> payment_deadline(const WorkdayCalendar& cal, std::string_view served);

// APL 72 (一): 3% of the fine per day late, never more than the fine. `days_late` counts from the
// day after the payment deadline.
std::int64_t late_fee(std::int64_t fine_fen, int days_late);

// "<n> 元" with at most 2 decimals, for reasons.
std::string yuan_text(std::int64_t fen);

}  // namespace zhifa::domain
