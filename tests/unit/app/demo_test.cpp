#include "app/demo.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/codes.hpp"
#include "domain/masking.hpp"
#include "ledger/ledger.hpp"
#include "platform/embedded.hpp"
#include "platform/sm.hpp"
#include "support/test_env.hpp"

namespace zhifa::app {
namespace {

class DemoTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<testing::TestEnv>(GetParam());
    if (t_->skipped()) GTEST_SKIP() << "ZHIFA_TEST_PG_URL is not set";
  }
  std::int64_t count(const std::string& sql) {
    auto tx = t_->env->db->read();
    return tx->scalar_i64(sql);
  }
  std::unique_ptr<testing::TestEnv> t_;
};

TEST_P(DemoTest, LoadsTheYunchengDivisionsAndBodies) {
  auto r = load_demo(*t_->env, true, false);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->loaded);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE kind = 'county'"), 13);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE kind = 'township'"), 147);
  // 7 city teams; 6 in each county but 盐湖区 (DOMAIN.md §1).
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE code LIKE '140800-ZF-%'"), 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE code LIKE '140802-ZF-%'"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE code LIKE '140881-ZF-%'"), 6);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE code LIKE '%-ZF-STHJ'"), 1);
  // A justice bureau for the city and each county; an enforcement office in every township.
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE code LIKE '%-SFJ'"), 14);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs WHERE code LIKE '%-ZFB'"), 147);
  EXPECT_GE(r->accounts.size(), 6u);
  // DOMAIN.md §1: 558 bodies, 36 of them city-level; each registered with a kind and basis.
  EXPECT_EQ(r->bodies, 558);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.kind = "
                  "'body' AND p.kind = 'city'"),
            36);
  EXPECT_EQ(count("SELECT COUNT(*) FROM enforcement_bodies WHERE legal_basis <> ''"), 558);
}

TEST_P(DemoTest, PeopleAtTheScaleOfYuncheng) {
  auto r = load_demo(*t_->env, true, false);
  ASSERT_TRUE(r.ok());
  // DOMAIN.md §2: 8,854 officers, 304 staff and 30 social supervisors.
  EXPECT_EQ(count("SELECT COUNT(*) FROM officers"), 8854);
  EXPECT_EQ(count("SELECT COUNT(*) FROM supervisors WHERE kind = 'staff'"), 304);
  EXPECT_EQ(count("SELECT COUNT(*) FROM supervisors WHERE kind = 'social'"), 30);
  // Certificates in every state a real register has, most of them valid.
  for (const char* state :
       {"applied", "exam_failed", "issued", "suspended", "revoked", "expired"}) {
    EXPECT_GT(count(std::string("SELECT COUNT(*) FROM certificates WHERE state = '") + state + "'"),
              0)
        << state;
  }
  EXPECT_GT(count("SELECT COUNT(*) FROM certificates WHERE state = 'issued'"), 8854 * 8 / 10);
  EXPECT_EQ(count("SELECT COUNT(*) FROM certificates WHERE number IS NOT NULL") -
                count("SELECT COUNT(DISTINCT number) FROM certificates WHERE number IS NOT NULL"),
            0);
  // Every synthetic ID number passes the check digit and none repeats (the blind index is unique).
  auto tx = t_->env->db->read();
  int checked = 0;
  for (auto row : tx->query("SELECT id_number_enc FROM officers ORDER BY id LIMIT 500")) {
    auto id = t_->env->cipher->decrypt(row.str(0));
    ASSERT_TRUE(id.ok());
    EXPECT_TRUE(domain::parse_id_number(*id).ok()) << *id;
    ++checked;
  }
  EXPECT_EQ(checked, 500);
  EXPECT_GT(count("SELECT COUNT(*) FROM exam_sessions"), 1);
  EXPECT_GT(count("SELECT COUNT(*) FROM training_attendance"), 8854);
  EXPECT_EQ(r->officers, 8854);
}

TEST_P(DemoTest, TheCatalogueOfMattersBenchmarksAndLenientLists) {
  auto r = load_demo(*t_->env, false);
  ASSERT_TRUE(r.ok());
  auto json_of = [](const std::string& name) {
    auto text = embedded::file("data/catalogue/" + name);
    return nlohmann::json::parse(text ? *text : "{}");
  };
  // Each city team's matters, and the same matters for every county team of the field.
  auto matters = json_of("matters.json");
  std::int64_t expected = 0;
  for (const auto& [team, list] : matters["teams"].items()) {
    std::int64_t holders = count("SELECT COUNT(*) FROM orgs WHERE code LIKE '%-ZF-" + team + "'");
    expected += holders * static_cast<std::int64_t>(list.size());
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM matters WHERE list_kind IS NULL"), expected);
  // Every county holds the township lists: 20 statutory town items, 7 street items, 55 delegated
  // (DOMAIN.md §3); every county adopted them but the last, whose delegated list is pending.
  EXPECT_EQ(count("SELECT COUNT(*) FROM matters WHERE list_kind = 'statutory' AND township_kind "
                  "= 'town'"),
            13 * 20);
  EXPECT_EQ(count("SELECT COUNT(*) FROM matters WHERE list_kind = 'statutory' AND township_kind "
                  "= 'street'"),
            13 * 7);
  EXPECT_EQ(count("SELECT COUNT(*) FROM matters WHERE list_kind = 'delegated'"), 13 * 55);
  EXPECT_EQ(count("SELECT COUNT(*) FROM township_list_adoptions"), 2 * 13 - 1);
  // Every matter has version 1 with its snapshot and cites articles of the library.
  EXPECT_EQ(count("SELECT COUNT(*) FROM matter_versions"), count("SELECT COUNT(*) FROM matters"));
  EXPECT_EQ(count("SELECT COUNT(*) FROM matters m WHERE NOT EXISTS (SELECT 1 FROM "
                  "matter_articles a WHERE a.matter_id = m.id)"),
            0);
  // At least 30 benchmarks across the 7 fields of the city teams, and the lenient lists.
  EXPECT_EQ(count("SELECT COUNT(*) FROM benchmarks"),
            static_cast<std::int64_t>(json_of("benchmarks.json")["benchmarks"].size()));
  EXPECT_GE(count("SELECT COUNT(*) FROM benchmarks"), 30);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT field) FROM benchmarks"), 7);
  for (const char* kind : {"no_penalty", "lighter", "mitigated", "no_coercion"}) {
    EXPECT_GT(
        count(std::string("SELECT COUNT(*) FROM lenient_entries WHERE kind = '") + kind + "'"), 0)
        << kind;
  }
  EXPECT_EQ(r->matters, count("SELECT COUNT(*) FROM matters"));
}

TEST_P(DemoTest, WithoutPeopleLoadsOrgsAndAccountsOnly) {
  auto r = load_demo(*t_->env, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->bodies, 558);
  EXPECT_EQ(count("SELECT COUNT(*) FROM officers"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM body_confirmations"), 0);
}

TEST_P(DemoTest, EveryCreationIsInTheLedgerAndVerifies) {
  ASSERT_TRUE(load_demo(*t_->env).ok());
  auto tx = t_->env->db->read();
  // One event per org, role and user; the bodies' registry, the law library, the catalogue and
  // the people data set are each one summary event; every step of every case is its own event,
  // the one its step row points to; so are the bundled document templates, the records, each
  // evidence file (collected, and its first custody entry), each document and each step of a
  // decision's publication.
  EXPECT_EQ(ledger::size(*tx), tx->scalar_i64("SELECT COUNT(*) FROM orgs") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM roles") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM users") + 4 +
                                   tx->scalar_i64("SELECT COUNT(*) FROM case_steps") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM doc_templates") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM case_records") +
                                   2 * tx->scalar_i64("SELECT COUNT(*) FROM evidence") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM case_documents") +
                                   // 公示: queued, then published, then perhaps withdrawn; last
                                   // year's annual data published.
                                   tx->scalar_i64("SELECT COUNT(*) FROM publications") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE "
                                                  "publish_seq IS NOT NULL") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE "
                                                  "withdraw_seq IS NOT NULL") +
                                   tx->scalar_i64("SELECT COUNT(*) FROM annual_reports"));
  // A dozen decided market cases carry a record, a photo and their documents, files in the store.
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM case_records"), 12);
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM case_documents WHERE template_code = 'decision'"),
            tx->scalar_i64("SELECT COUNT(DISTINCT d.case_id) FROM case_documents d JOIN cases c ON "
                           "c.id = d.case_id WHERE c.decision_no IS NOT NULL"));
  for (auto r : tx->query("SELECT sm3 FROM evidence UNION ALL SELECT sm3 FROM case_documents")) {
    EXPECT_TRUE(t_->env->files->has(r.str(0))) << r.str(0);
  }
  EXPECT_GE(tx->scalar_i64("SELECT COUNT(*) FROM cases"), 20000);
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM case_steps s JOIN ledger_events e ON e.seq = "
                           "s.ledger_seq WHERE e.entity = 'case' AND e.entity_id = " +
                           std::string("CAST(s.case_id AS TEXT)") +
                           " AND e.action IN ('case.' || s.action, 'case.lead')"),
            tx->scalar_i64("SELECT COUNT(*) FROM case_steps"));
  // The legal basis library: 32 laws and regulations with all their articles.
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM laws"), 32);
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM law_articles a JOIN laws l ON l.id = a.law_id "
                           "WHERE l.short_title = '行政处罚法'"),
            86);
  EXPECT_TRUE(ledger::verify(*tx, t_->env->signer->public_key_pem()).ok);
}

TEST_P(DemoTest, EveryDecisionIsQueuedAndThePublishedOnesAreMaskedAndHashed) {
  ASSERT_TRUE(load_demo(*t_->env).ok());
  auto tx = t_->env->db->read();
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE case_id IS NOT NULL"),
            tx->scalar_i64("SELECT COUNT(*) FROM cases WHERE decided_on IS NOT NULL"));
  // Licences and levies entered by hand, most of them published.
  EXPECT_GT(tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE kind = 'licence' AND state = "
                           "'published'"),
            100);
  EXPECT_GT(tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE state = 'queued'"), 0);
  EXPECT_GT(tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE state = 'withdrawn'"), 0);
  // Cases of minors are never published, and carry the flag.
  EXPECT_GT(tx->scalar_i64("SELECT COUNT(*) FROM publications WHERE state = 'exempt'"), 0);
  EXPECT_EQ(tx->scalar_i64("SELECT COUNT(*) FROM publications p JOIN cases c ON c.id = p.case_id "
                           "WHERE p.state = 'exempt' AND (p.public_text IS NOT NULL OR "
                           "c.disclosure_exempt IS NULL)"),
            0);
  int published = 0;
  for (auto r : tx->query(
           "SELECT p.public_text, p.public_sm3, e.payload, c.party_name, c.party_type FROM "
           "publications p JOIN ledger_events e ON e.seq = p.publish_seq JOIN cases c ON c.id = "
           "p.case_id WHERE p.state = 'published'")) {
    ++published;
    std::string text = r.str(0);
    // The ledger holds the SM3 of exactly the published text.
    ASSERT_EQ(sm::to_hex(sm::sm3(text)), r.str(1));
    ASSERT_EQ(nlohmann::json::parse(r.str(2))["text_sm3"], r.str(1));
    if (r.str(4) == "person") {
      ASSERT_EQ(text.find(r.str(3)), std::string::npos) << text;
      ASSERT_EQ(nlohmann::json::parse(text)["party"], domain::mask_name(r.str(3)));
    }
    ASSERT_TRUE(domain::personal_data_in(text).empty()) << text;
  }
  EXPECT_GT(published, 10000);
  // Last year's annual data is published, by 31 January.
  auto annual =
      tx->query("SELECT published_on, year FROM annual_reports WHERE state = 'published'");
  ASSERT_EQ(annual.size(), 1u);
  EXPECT_LE(annual[0].str(0), std::to_string(annual[0].i64(1) + 1) + "-01-31");
}

TEST_P(DemoTest, SecondLoadChangesNothing) {
  ASSERT_TRUE(load_demo(*t_->env, true, false).ok());
  auto before = count("SELECT COUNT(*) FROM orgs");
  auto again = load_demo(*t_->env, true, false);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->loaded);
  EXPECT_EQ(count("SELECT COUNT(*) FROM orgs"), before);
}

TEST_P(DemoTest, SameCommandGivesTheSameData) {
  // The cases too, on one backend (they take long on the other and are planned the same way).
  bool cases = std::string(GetParam()) == "sqlite";
  ASSERT_TRUE(load_demo(*t_->env, true, cases).ok());
  testing::TestEnv other(GetParam());
  ASSERT_TRUE(load_demo(*other.env, true, cases).ok());
  auto dump = [](Env& env, const char* sql) {
    auto tx = env.db->read();
    std::string s;
    for (auto r : tx->query(sql)) {
      for (std::size_t i = 0; i < r.size(); ++i) s += r.str(i) + "|";
      s += "\n";
    }
    return s;
  };
  for (const char* sql :
       {"SELECT id, parent_id, code, name, kind, level, path FROM orgs ORDER BY id",
        "SELECT id, org_id, state, party_name, COALESCE(decision_no, ''), COALESCE(decision_due, "
        "'') FROM cases ORDER BY id"}) {
    EXPECT_EQ(dump(*t_->env, sql), dump(*other.env, sql)) << sql;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DemoTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace zhifa::app
