#include "domain/certificate.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace zhifa::domain {
namespace {

struct StateName {
  CertState state;
  std::string_view key, zh;
};
constexpr std::array<StateName, 8> kStates = {{
    {CertState::kApplied, "applied", "已申请"},
    {CertState::kExamPassed, "exam_passed", "考试合格"},
    {CertState::kExamFailed, "exam_failed", "考试不合格"},
    {CertState::kIssued, "issued", "有效"},
    {CertState::kSuspended, "suspended", "暂扣"},
    {CertState::kRevoked, "revoked", "已吊销"},
    {CertState::kCancelled, "cancelled", "已注销"},
    {CertState::kExpired, "expired", "已过期"},
}};

struct EventName {
  CertEvent event;
  std::string_view key, zh;
};
constexpr std::array<EventName, 11> kEvents = {{
    {CertEvent::kPassExam, "pass_exam", "考试合格"},
    {CertEvent::kFailExam, "fail_exam", "考试不合格"},
    {CertEvent::kReapply, "reapply", "重新申请"},
    {CertEvent::kIssue, "issue", "发证"},
    {CertEvent::kPassReview, "pass_review", "年审合格"},
    {CertEvent::kFailReview, "fail_review", "年审不合格"},
    {CertEvent::kSuspend, "suspend", "暂扣"},
    {CertEvent::kReinstate, "reinstate", "恢复"},
    {CertEvent::kRevoke, "revoke", "吊销"},
    {CertEvent::kCancel, "cancel", "注销"},
    {CertEvent::kExpire, "expire", "到期失效"},
}};

struct Transition {
  CertState from;
  CertEvent event;
  CertState to;
};
// The whole state machine; anything not listed is refused.
constexpr std::array<Transition, 15> kTransitions = {{
    {CertState::kApplied, CertEvent::kPassExam, CertState::kExamPassed},
    {CertState::kApplied, CertEvent::kFailExam, CertState::kExamFailed},
    {CertState::kExamFailed, CertEvent::kReapply, CertState::kApplied},
    {CertState::kExamPassed, CertEvent::kIssue, CertState::kIssued},
    {CertState::kIssued, CertEvent::kPassReview, CertState::kIssued},
    {CertState::kIssued, CertEvent::kFailReview, CertState::kSuspended},
    {CertState::kIssued, CertEvent::kSuspend, CertState::kSuspended},
    {CertState::kIssued, CertEvent::kRevoke, CertState::kRevoked},
    {CertState::kIssued, CertEvent::kCancel, CertState::kCancelled},
    {CertState::kIssued, CertEvent::kExpire, CertState::kExpired},
    {CertState::kSuspended, CertEvent::kReinstate, CertState::kIssued},
    {CertState::kSuspended, CertEvent::kPassReview, CertState::kIssued},
    {CertState::kSuspended, CertEvent::kRevoke, CertState::kRevoked},
    {CertState::kSuspended, CertEvent::kCancel, CertState::kCancelled},
    {CertState::kSuspended, CertEvent::kExpire, CertState::kExpired},
}};

Eligibility answer(bool ok, std::string code, std::string zh, std::string en,
                   std::string number = {}) {
  return {ok, std::move(code), std::move(zh), std::move(en), std::move(number)};
}

bool covers(const CertificateFacts& c, const std::string& field) {
  return std::find(c.fields.begin(), c.fields.end(), field) != c.fields.end();
}

}  // namespace

std::optional<CertState> parse_cert_state(std::string_view s) {
  for (const auto& n : kStates) {
    if (n.key == s) return n.state;
  }
  return std::nullopt;
}

std::optional<CertEvent> parse_cert_event(std::string_view s) {
  for (const auto& n : kEvents) {
    if (n.key == s) return n.event;
  }
  return std::nullopt;
}

std::string_view to_string(CertState s) {
  for (const auto& n : kStates) {
    if (n.state == s) return n.key;
  }
  return "";
}

std::string_view to_string(CertEvent e) {
  for (const auto& n : kEvents) {
    if (n.event == e) return n.key;
  }
  return "";
}

std::string_view label_zh(CertState s) {
  for (const auto& n : kStates) {
    if (n.state == s) return n.zh;
  }
  return "";
}

std::string_view label_zh(CertEvent e) {
  for (const auto& n : kEvents) {
    if (n.event == e) return n.zh;
  }
  return "";
}

Result<CertState> apply_cert_event(CertState from, CertEvent event) {
  for (const auto& t : kTransitions) {
    if (t.from == from && t.event == event) return t.to;
  }
  return Error::conflict("certificate.transition",
                         "证件当前状态为「" + std::string(label_zh(from)) + "」,不能执行「" +
                             std::string(label_zh(event)) + "」",
                         "a certificate in state " + std::string(to_string(from)) + " cannot " +
                             std::string(to_string(event)),
                         "event");
}

std::vector<CertEvent> allowed_cert_events(CertState from) {
  std::vector<CertEvent> out;
  for (const auto& t : kTransitions) {
    if (t.from == from) out.push_back(t.event);
  }
  return out;
}

bool is_terminal(CertState s) { return allowed_cert_events(s).empty(); }

Eligibility is_certified(const EligibilityQuery& q) {
  if (!q.body_active) {
    return answer(false, "body_not_active", "所在执法主体已暂停执法或被撤销",
                  "the officer's enforcement body is suspended or revoked");
  }
  if (!q.body_confirmed) {
    return answer(false, "body_not_confirmed", "所在执法主体未经本年度主体资格确认",
                  "the officer's enforcement body is not confirmed for this year");
  }
  std::vector<const CertificateFacts*> for_field;
  for (const auto& c : q.certificates) {
    if (covers(c, q.field)) for_field.push_back(&c);
  }
  if (for_field.empty()) {
    return answer(false, "no_certificate_for_field", "没有该执法领域的执法证",
                  "no certificate for this field");
  }
  for (const auto* c : for_field) {
    if (c->state == CertState::kIssued && c->valid_from <= q.date && q.date <= c->valid_until) {
      return answer(true, "ok", "持有有效执法证", "holds a valid certificate", c->number);
    }
  }
  // Not certified: explain with the certificate that came closest, worst news last.
  struct Reason {
    int rank;
    Eligibility e;
  };
  std::optional<Reason> best;
  auto consider = [&](int rank, Eligibility e) {
    if (!best || rank < best->rank) best = Reason{rank, std::move(e)};
  };
  for (const auto* c : for_field) {
    if (c->state == CertState::kIssued && q.date < c->valid_from) {
      consider(1, answer(false, "not_yet_valid", "执法证尚未生效(自 " + c->valid_from + " 起有效)",
                         "the certificate is valid only from " + c->valid_from, c->number));
    } else if (c->state == CertState::kExpired ||
               (c->state == CertState::kIssued && q.date > c->valid_until)) {
      consider(2, answer(false, "expired", "执法证已过期(有效期至 " + c->valid_until + ")",
                         "the certificate expired on " + c->valid_until, c->number));
    } else if (c->state == CertState::kSuspended) {
      consider(3, answer(false, "suspended", "执法证已被暂扣", "the certificate is suspended",
                         c->number));
    } else if (c->state == CertState::kRevoked) {
      consider(
          5, answer(false, "revoked", "执法证已被吊销", "the certificate was revoked", c->number));
    } else if (c->state == CertState::kCancelled) {
      consider(4, answer(false, "cancelled", "执法证已注销", "the certificate was cancelled",
                         c->number));
    } else {
      consider(0, answer(false, "not_issued", "执法证尚未发放",
                         "the certificate has not been issued", c->number));
    }
  }
  return best->e;
}

}  // namespace zhifa::domain
