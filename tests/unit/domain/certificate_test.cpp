#include "domain/certificate.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace zhifa::domain {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string part;
  while (std::getline(in, part, sep)) out.push_back(part);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

std::string trim(const std::string& s) {
  auto b = s.find_first_not_of(' ');
  auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::filesystem::path data_file(const std::string& name) {
  const char* root = std::getenv("ZHIFA_SOURCE_DIR");
  return std::filesystem::path(root ? root : ".") / "tests/unit/domain/data" / name;
}

TEST(CertificateStateMachine, FollowsTheExamIssueReviewPath) {
  auto s = apply_cert_event(CertState::kApplied, CertEvent::kPassExam);
  ASSERT_TRUE(s.ok());
  s = apply_cert_event(*s, CertEvent::kIssue);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, CertState::kIssued);
  s = apply_cert_event(*s, CertEvent::kPassReview);
  EXPECT_EQ(*s, CertState::kIssued);
  s = apply_cert_event(*s, CertEvent::kFailReview);
  EXPECT_EQ(*s, CertState::kSuspended);
  s = apply_cert_event(*s, CertEvent::kReinstate);
  EXPECT_EQ(*s, CertState::kIssued);
}

TEST(CertificateStateMachine, FailedExamCanBeRetaken) {
  auto s = apply_cert_event(CertState::kApplied, CertEvent::kFailExam);
  EXPECT_EQ(*s, CertState::kExamFailed);
  EXPECT_EQ(*apply_cert_event(*s, CertEvent::kReapply), CertState::kApplied);
  EXPECT_FALSE(apply_cert_event(*s, CertEvent::kIssue).ok());
}

TEST(CertificateStateMachine, WrongTransitionIsRefusedNamingStateAndEvent) {
  auto s = apply_cert_event(CertState::kRevoked, CertEvent::kReinstate);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kConflict);
  EXPECT_NE(s.error().message_zh.find("已吊销"), std::string::npos);
  EXPECT_NE(s.error().message_zh.find("恢复"), std::string::npos);
}

TEST(CertificateStateMachine, RevokedCancelledAndExpiredAreFinal) {
  EXPECT_TRUE(is_terminal(CertState::kRevoked));
  EXPECT_TRUE(is_terminal(CertState::kCancelled));
  EXPECT_TRUE(is_terminal(CertState::kExpired));
  EXPECT_FALSE(is_terminal(CertState::kSuspended));
}

TEST(CertificateStateMachine, NoCertificateIsIssuedWithoutAPassedExam) {
  for (CertState s :
       {CertState::kApplied, CertState::kExamFailed, CertState::kIssued, CertState::kSuspended}) {
    EXPECT_FALSE(apply_cert_event(s, CertEvent::kIssue).ok()) << to_string(s);
  }
}

TEST(CertificateStateMachine, NamesRoundTrip) {
  for (CertState s :
       {CertState::kApplied, CertState::kExamPassed, CertState::kExamFailed, CertState::kIssued,
        CertState::kSuspended, CertState::kRevoked, CertState::kCancelled, CertState::kExpired}) {
    EXPECT_EQ(parse_cert_state(to_string(s)), s);
    EXPECT_FALSE(label_zh(s).empty());
    for (CertEvent e : allowed_cert_events(s)) EXPECT_EQ(parse_cert_event(to_string(e)), e);
  }
}

TEST(Eligibility, CasesFromTheDataFile) {
  std::ifstream in(data_file("eligibility.txt"));
  ASSERT_TRUE(in) << "missing " << data_file("eligibility.txt");
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = split(line, '|');
    ASSERT_EQ(cols.size(), 6u) << line;
    EligibilityQuery q;
    std::string certs = trim(cols[0]);
    if (certs != "-") {
      for (const auto& c : split(certs, ';')) {
        auto f = split(c, ':');
        ASSERT_EQ(f.size(), 5u) << c;
        q.certificates.push_back({f[0], *parse_cert_state(f[1]), split(f[2], ','), f[3], f[4]});
      }
    }
    // yes | no | suspended (confirmed for the year, suspended or revoked since)
    q.body_confirmed = trim(cols[1]) == "yes" || trim(cols[1]) == "suspended";
    q.body_active = trim(cols[1]) != "suspended";
    q.field = trim(cols[2]);
    q.date = trim(cols[3]);
    Eligibility e = is_certified(q);
    EXPECT_EQ(e.code, trim(cols[4])) << line;
    EXPECT_EQ(e.certified, trim(cols[4]) == "ok") << line;
    EXPECT_EQ(e.certificate_number, trim(cols[5]) == "-" ? "" : trim(cols[5])) << line;
    EXPECT_FALSE(e.reason_zh.empty()) << line;
    ++cases;
  }
  EXPECT_GE(cases, 15);
}

}  // namespace
}  // namespace zhifa::domain
