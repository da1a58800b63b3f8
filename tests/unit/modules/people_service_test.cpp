// Officers and certificates through the service, on both backends.
#include "modules/people/people_service.hpp"

#include <gtest/gtest.h>

#include "app/demo.hpp"
#include "domain/codes.hpp"
#include "ledger/ledger.hpp"
#include "modules/auth/auth_service.hpp"
#include "platform/xlsx.hpp"
#include "support/test_env.hpp"

namespace zhifa::modules::people {
namespace {

std::string fake_id(const std::string& first17) {
  return first17 + domain::id_number_check_digit(first17);
}

class PeopleTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<testing::TestEnv>(GetParam());
    if (t_->skipped()) GTEST_SKIP() << "ZHIFA_TEST_PG_URL is not set";
    ASSERT_TRUE(app::load_demo(*t_->env, false).ok());
    svc_ = std::make_unique<PeopleService>(*t_->env);
  }
  domain::Scope scope_of(const std::string& username) {
    auto tx = t_->env->db->read();
    auto id = tx->scalar_i64("SELECT id FROM users WHERE username = ?", {username});
    return auth::AuthService(*t_->env).scope_of(id);
  }
  std::int64_t org(const std::string& code) {
    auto tx = t_->env->db->read();
    return tx->scalar_i64("SELECT id FROM orgs WHERE code = ?", {code});
  }
  // A market-regulation officer of 永济市, registered by the county administrator.
  std::int64_t register_officer(const std::string& id_number = fake_id("14088119900101123")) {
    NewOfficer o{"张三", id_number, org("140881-ZF-SCJG"), "执法队员", {"market"}, false};
    auto r = svc_->create_officer(scope_of("yongji_admin"), o);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.ok() ? (*r)["id"].get<std::int64_t>() : 0;
  }
  std::int64_t certificate_of(std::int64_t officer_id) {
    auto tx = t_->env->db->read();
    return tx->scalar_i64("SELECT MAX(id) FROM certificates WHERE officer_id = ?", {officer_id});
  }
  Result<nlohmann::json> act(std::int64_t cert, CertificateAction a) {
    return svc_->act_on_certificate(scope_of("yongji_admin"), cert, a);
  }
  std::string eligibility(std::int64_t officer, const std::string& date) {
    auto r = svc_->eligibility(scope_of("yongji_admin"), officer, "market", date);
    return r.ok() ? (*r)["code"].get<std::string>() : r.error().code;
  }
  void issue(std::int64_t cert, const std::string& number) {
    ASSERT_TRUE(act(cert, {"pass_exam", "", {}, {}, {}}).ok());
    auto r = act(cert, {"issue", "", number, std::string("2026-01-01"), std::string("2028-12-31")});
    ASSERT_TRUE(r.ok()) << r.error().message_en;
  }
  std::unique_ptr<testing::TestEnv> t_;
  std::unique_ptr<PeopleService> svc_;
};

TEST_P(PeopleTest, IdNumberIsCheckedEncryptedAndMasked) {
  NewOfficer bad{"李四", "140881199001011230", org("140881-ZF-SCJG"), "", {"market"}, false};
  if (domain::id_number_check_digit("14088119900101123") == '0') bad.id_number.back() = '1';
  auto r = svc_->create_officer(scope_of("yongji_admin"), bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "id_number");

  std::string id = fake_id("14088119900101123");
  auto officer = register_officer(id);
  auto tx = t_->env->db->read();
  EXPECT_EQ(
      tx->query("SELECT id_number_enc FROM officers WHERE id = ?", {officer})[0].str(0).find(id),
      std::string::npos);
  tx.reset();
  auto seen_by_county = svc_->officer(scope_of("yongji_admin"), officer);
  EXPECT_EQ((*seen_by_county)["id_number_masked"], "140881********" + id.substr(14));
  EXPECT_FALSE(seen_by_county->contains("id_number"));
  EXPECT_EQ((*svc_->officer(scope_of("admin"), officer))["id_number"], id);
}

TEST_P(PeopleTest, SamePersonCannotBeRegisteredTwice) {
  register_officer();
  NewOfficer again{"张三", fake_id("14088119900101123"), org("140881-ZF-NY"), "", {"agriculture"},
                   false};
  auto r = svc_->create_officer(scope_of("yongji_admin"), again);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kConflict);
}

TEST_P(PeopleTest, OfficerMustBelongToABodyInScope) {
  NewOfficer o{"王五", fake_id("14080219900101123"), org("140802-ZF-SCJG"), "", {"market"}, false};
  o.org_id = org("140802001-ZFB");  // 盐湖区: another county
  EXPECT_EQ(svc_->create_officer(scope_of("yongji_admin"), o).error().field, "org_id");
  o.org_id = org("140881");  // a county, not a body
  EXPECT_EQ(svc_->create_officer(scope_of("yongji_admin"), o).error().field, "org_id");
}

TEST_P(PeopleTest, CertificateLifeDecidesEligibility) {
  auto officer = register_officer();
  ASSERT_TRUE(svc_->confirm_bodies(scope_of("admin"), 2026, {org("140881-ZF-SCJG")}).ok());
  ASSERT_TRUE(svc_->confirm_bodies(scope_of("admin"), 2029, {org("140881-ZF-SCJG")}).ok());
  EXPECT_EQ(eligibility(officer, "2026-11-28"), "no_certificate_for_field");
  ASSERT_TRUE(svc_->apply_certificate(scope_of("yongji_admin"), officer, {"market"}).ok());
  auto cert = certificate_of(officer);
  EXPECT_EQ(eligibility(officer, "2026-11-28"), "not_issued");
  issue(cert, "晋执 140881-0001");
  EXPECT_EQ(eligibility(officer, "2026-11-28"), "ok");
  EXPECT_EQ(eligibility(officer, "2029-01-01"), "expired");
  ASSERT_TRUE(act(cert, {"suspend", "年度考核不合格", {}, {}, {}}).ok());
  EXPECT_EQ(eligibility(officer, "2026-11-28"), "suspended");
  ASSERT_TRUE(act(cert, {"revoke", "违法执法", {}, {}, {}}).ok());
  EXPECT_EQ(eligibility(officer, "2026-11-28"), "revoked");
  auto detail = svc_->officer(scope_of("yongji_admin"), officer);
  EXPECT_EQ((*detail)["certificates"][0]["events"].size(),
            5u);  // apply, pass_exam, issue, suspend, revoke
  EXPECT_TRUE((*detail)["certificates"][0]["allowed_events"].empty());
}

TEST_P(PeopleTest, UnconfirmedBodyMakesNobodyEligible) {
  auto officer = register_officer();
  ASSERT_TRUE(svc_->apply_certificate(scope_of("yongji_admin"), officer, {"market"}).ok());
  issue(certificate_of(officer), "晋执 140881-0002");
  EXPECT_EQ(eligibility(officer, "2026-11-28"), "body_not_confirmed");
}

TEST_P(PeopleTest, WrongTransitionAndBadIssueAreRefusedAndChangeNothing) {
  auto officer = register_officer();
  ASSERT_TRUE(svc_->apply_certificate(scope_of("yongji_admin"), officer, {"market"}).ok());
  auto cert = certificate_of(officer);
  EXPECT_EQ(act(cert, {"issue", "", std::string("X-1"), std::string("2026-01-01"),
                       std::string("2027-01-01")})
                .error()
                .kind,
            ErrorKind::kConflict);  // not yet passed the exam
  ASSERT_TRUE(act(cert, {"pass_exam", "", {}, {}, {}}).ok());
  EXPECT_EQ(act(cert, {"issue", "", std::string("X-1"), std::string("2027-01-01"),
                       std::string("2026-01-01")})
                .error()
                .field,
            "valid_until");
  EXPECT_EQ(act(cert, {"issue", "", std::string("X-1"), std::string("2026-02-30"),
                       std::string("2027-01-01")})
                .error()
                .field,
            "valid_from");
  EXPECT_EQ(act(cert, {"suspend", "", {}, {}, {}}).error().field, "reason");
  auto tx = t_->env->db->read();
  EXPECT_EQ(tx->query("SELECT state FROM certificates WHERE id = ?", {cert})[0].str(0),
            "exam_passed");
}

TEST_P(PeopleTest, CertificateNumbersAreUnique) {
  auto a = register_officer(fake_id("14088119900101123"));
  auto b = register_officer(fake_id("14088119910202234"));
  ASSERT_TRUE(svc_->apply_certificate(scope_of("yongji_admin"), a, {"market"}).ok());
  ASSERT_TRUE(svc_->apply_certificate(scope_of("yongji_admin"), b, {"market"}).ok());
  issue(certificate_of(a), "晋执 0001");
  ASSERT_TRUE(act(certificate_of(b), {"pass_exam", "", {}, {}, {}}).ok());
  auto r = act(certificate_of(b), {"issue", "", std::string("晋执 0001"), std::string("2026-01-01"),
                                   std::string("2027-01-01")});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "number");
}

TEST_P(PeopleTest, EveryChangeIsInTheLedger) {
  std::int64_t before = [&] {
    auto tx = t_->env->db->read();
    return ledger::size(*tx);
  }();
  auto officer = register_officer();
  ASSERT_TRUE(svc_->apply_certificate(scope_of("yongji_admin"), officer, {"market"}).ok());
  issue(certificate_of(officer), "晋执 0003");
  auto tx = t_->env->db->read();
  EXPECT_EQ(ledger::size(*tx), before + 4);  // created, applied, pass_exam, issue
  EXPECT_TRUE(ledger::verify(*tx, t_->env->signer->public_key_pem()).ok);
}

TEST_P(PeopleTest, OtherCountiesOfficersAreInvisible) {
  auto officer = register_officer();
  EXPECT_EQ(svc_->officer(scope_of("yanhu_admin"), officer).error().kind, ErrorKind::kNotFound);
  auto list = svc_->list_officers(scope_of("yanhu_admin"), std::nullopt, {}, 1, 20);
  EXPECT_EQ(list["total"], 0);
  EXPECT_EQ(svc_->list_officers(scope_of("yongji_admin"), std::nullopt, {}, 1, 20)["total"], 1);
}

// A sheet large enough to take the threaded path (blind indexes on every core, encryption on a
// worker ahead of the inserts): all rows land, encrypted and findable, with one ledger event.
TEST_P(PeopleTest, ImportOfThousandsOfRowsIsWholeAndEncrypted) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 2500; ++i) {
    char first17[32];
    std::snprintf(first17, sizeof first17, "14088119%02d%02d%02d97%d", 60 + i / 336 % 35,
                  1 + i / 28 % 12, 1 + i % 28, i / 11760);
    rows.push_back({"导入" + std::to_string(i), fake_id(first17), "140881-ZF-SCJG", "执法队员",
                    "市场监管", "否"});
  }
  auto file = xlsx::write_sheet(
      "执法人员",
      {{"姓名"}, {"身份证号码"}, {"执法主体编码"}, {"职务"}, {"执法领域"}, {"法律职业资格"}}, rows);
  ASSERT_TRUE(file.ok());
  auto tx0 = t_->env->db->read();
  auto ledger_before = ledger::size(*tx0);
  tx0.reset();
  auto r = svc_->import_officers(scope_of("yongji_admin"), *file);
  ASSERT_TRUE(r.ok()) << r.error().message_en;
  EXPECT_EQ((*r)["imported"], 2500);
  auto tx = t_->env->db->read();
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM officers"), 2500);
  EXPECT_EQ(ledger::size(*tx), ledger_before + 1);
  // Every row's ID number decrypts to what the sheet said, and its blind index finds it.
  for (int i : {0, 1, 1234, 2499}) {
    auto enc = tx->query("SELECT id_number_enc FROM officers WHERE name = ?",
                         {"导入" + std::to_string(i)});
    ASSERT_EQ(enc.size(), 1u);
    EXPECT_EQ(*t_->env->cipher->decrypt(enc[0].str(0)), rows[i][1]);
    EXPECT_TRUE(id_number_taken(*tx, t_->env->cipher->blind_index(rows[i][1])));
  }
}

TEST_P(PeopleTest, ImportWithOneBadRowAmongThousandsWritesNothing) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 2500; ++i) {
    char first17[32];
    std::snprintf(first17, sizeof first17, "14088119%02d%02d%02d97%d", 60 + i / 336 % 35,
                  1 + i / 28 % 12, 1 + i % 28, i / 11760);
    rows.push_back({"导入" + std::to_string(i), fake_id(first17), "140881-ZF-SCJG", "执法队员",
                    "市场监管", "否"});
  }
  rows[1800][2] = "140802-SFJ";  // 盐湖区: not the county administrator's
  auto file = xlsx::write_sheet(
      "执法人员",
      {{"姓名"}, {"身份证号码"}, {"执法主体编码"}, {"职务"}, {"执法领域"}, {"法律职业资格"}}, rows);
  ASSERT_TRUE(file.ok());
  auto r = svc_->import_officers(scope_of("yongji_admin"), *file);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "import.rows");
  ASSERT_EQ(r.error().items.size(), 1u);
  EXPECT_EQ(r.error().items[0].row, 1802);  // header is row 1, rows[0] is row 2
  EXPECT_EQ(r.error().items[0].column, "执法主体编码");
  auto tx = t_->env->db->read();
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM officers"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, PeopleTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace zhifa::modules::people
