// The enforcement certificate (执法证) of an officer (DOMAIN.md §2): its life as a state machine,
// and the eligibility rule later capabilities ask — "may this officer act in this field on this
// date?" (行政处罚法 42: enforcement by at least two officers holding certificates).
//
//   applied            -pass_exam->  exam_passed  -issue->  issued
//   applied            -fail_exam->  exam_failed  -reapply-> applied
//   issued             -pass_review-> issued;  -fail_review or suspend-> suspended
//   suspended          -reinstate or pass_review-> issued
//   issued, suspended  -revoke-> revoked, -cancel-> cancelled, -expire-> expired   (final)
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/error.hpp"

namespace zhifa::domain {

enum class CertState {
  kApplied,
  kExamPassed,
  kExamFailed,
  kIssued,
  kSuspended,
  kRevoked,
  kCancelled,
  kExpired
};
enum class CertEvent {
  kPassExam,
  kFailExam,
  kReapply,
  kIssue,
  kPassReview,
  kFailReview,
  kSuspend,
  kReinstate,
  kRevoke,
  kCancel,
  kExpire
};

std::optional<CertState> parse_cert_state(std::string_view s);
std::optional<CertEvent> parse_cert_event(std::string_view s);
std::string_view to_string(CertState s);
std::string_view to_string(CertEvent e);
std::string_view label_zh(CertState s);
std::string_view label_zh(CertEvent e);

// The state after `event`, or a refusal naming the current state and the event.
Result<CertState> apply_cert_event(CertState from, CertEvent event);
// What may happen next (the UI shows these as buttons).
std::vector<CertEvent> allowed_cert_events(CertState from);
bool is_terminal(CertState s);

// A certificate as the eligibility rule sees it. Dates are YYYY-MM-DD.
struct CertificateFacts {
  std::string number;
  CertState state = CertState::kApplied;
  std::vector<std::string> fields;  // enforcement fields it covers, e.g. "market"
  std::string valid_from;
  std::string valid_until;  // inclusive
};

struct EligibilityQuery {
  std::vector<CertificateFacts> certificates;  // all of the officer's certificates
  bool body_confirmed = false;  // the officer's body is confirmed for the date's year
  bool body_active = true;      // and has not been suspended or revoked since
  std::string field;
  std::string date;  // YYYY-MM-DD
};

struct Eligibility {
  bool certified = false;
  std::string code;  // "ok", "body_not_active", "body_not_confirmed", "no_certificate_for_field",
                     // "not_issued",
                     // "not_yet_valid", "expired", "suspended", "revoked", "cancelled"
  std::string reason_zh;
  std::string reason_en;
  std::string certificate_number;  // the certificate the answer rests on, when there is one
};

Eligibility is_certified(const EligibilityQuery& query);

}  // namespace zhifa::domain
