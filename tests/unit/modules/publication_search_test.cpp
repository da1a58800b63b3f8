// The portal's decision search through the service, on both backends: the search terms recomputed
// by migration 0016's step, the list column's fallback, decision numbers, and kept answers that
// follow every change of the published decisions.
#include <gtest/gtest.h>

#include "domain/search_terms.hpp"
#include "modules/publication/publication.hpp"
#include "support/test_env.hpp"

namespace zhifa::modules::publication {
namespace {

using nlohmann::json;

class PublicSearchTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<testing::TestEnv>(GetParam());
    if (t_->skipped()) GTEST_SKIP() << "ZHIFA_TEST_PG_URL is not set";
    auto tx = t_->env->db->write();
    org_ = tx->insert(
        "INSERT INTO orgs (code, name, kind, level, path, created_at, updated_at) VALUES "
        "('140800-T', '运城市测试执法队', 'body', 1, '/', 0, 0) RETURNING id");
    tx->commit();
  }
  bool sqlite() const { return GetParam() == "sqlite"; }

  // A decision published before migration 0016: its terms have no triples, no list column.
  std::int64_t add_old(const std::string& number, const std::string& facts,
                       const std::string& state = "published") {
    json copy = {{"title", "运城市测试执法队行政处罚决定书"},
                 {"decision_no", number},
                 {"party", "运城市华盛书店"},
                 {"body", "运城市测试执法队"},
                 {"facts", facts},
                 {"kind", "penalty"},
                 {"kind_label", "行政处罚"},
                 {"field_label", "文化市场"},
                 {"decided_on", "2026-06-01"},
                 {"published_on", "2026-06-03"},
                 {"result", "警告"}};
    auto [terms, plain] = search_text(copy, "penalty", "culture", org_, "2026-06-01");
    std::string old = terms.substr(0, terms.find(" s "));  // the pairs, words and filters only
    old += terms.substr(terms.find(" kpenalty"));
    auto tx = t_->env->db->write();
    auto id = tx->insert(
        "INSERT INTO publications (org_id, kind, state, decision_no, decided_on, due_on, "
        "party_type, field, source, title, public_text, search_terms, search_plain, published_on, "
        "created_at, updated_at) VALUES (?, 'penalty', ?, ?, '2026-06-01', '2026-06-10', "
        "'organisation', 'culture', '{}', ?, ?, ?, ?, '2026-06-03', 0, 0) RETURNING id",
        {org_, state, number, copy["title"].get<std::string>(), copy.dump(), old, plain});
    if (sqlite() && state == "published") {
      tx->exec("INSERT INTO publication_search (rowid, search_terms) VALUES (?, ?)", {id, old});
    }
    tx->commit();
    return id;
  }
  json search(PublicationService& svc, const std::string& q) {
    PublicQuery query;
    query.q = q;
    return json::parse(svc.public_search(query));
  }
  static std::vector<std::int64_t> ids(const json& answer) {
    std::vector<std::int64_t> out;
    for (const auto& i : answer["items"]) out.push_back(i["id"]);
    return out;
  }

  std::unique_ptr<testing::TestEnv> t_;
  std::int64_t org_ = 0;
};

TEST_P(PublicSearchTest, OlderDecisionsAreFoundByTheirWordsOnceReindexed) {
  auto a =
      add_old("运城测试罚〔2026〕7号", "当事人运城市华盛书店涉嫌擅自从事互联网上网服务经营活动");
  add_old("运城测试罚〔2026〕8号", "当事人运城市华盛书店涉嫌擅自从事互联网上网服务经营活动",
          "withdrawn");
  PublicationService svc(*t_->env);
  // Before: a word of three characters is searched by triples the old terms do not hold.
  EXPECT_TRUE(ids(search(svc, "华盛书店")).empty());
  {
    auto tx = t_->env->db->write();
    reindex_published(*tx);
    tx->commit();
  }
  auto found = search(svc, "华盛书店");
  EXPECT_EQ(ids(found), std::vector<std::int64_t>{a}) << found.dump();
  EXPECT_EQ(found["total"], 1);
  // The list item comes from the public text when the list column is empty.
  const auto& item = found["items"][0];
  EXPECT_EQ(item["decision_no"], "运城测试罚〔2026〕7号");
  EXPECT_EQ(item["party"], "运城市华盛书店");
  EXPECT_EQ(item["excerpt"], "当事人运城市华盛书店涉嫌擅自从事互联网上网服务经营活动");
  // Two characters, several words, a number typed with other brackets.
  EXPECT_EQ(ids(search(svc, "上网")), std::vector<std::int64_t>{a});
  EXPECT_EQ(ids(search(svc, "华盛 经营活动")), std::vector<std::int64_t>{a});
  EXPECT_TRUE(ids(search(svc, "华盛 罚款")).empty());
  EXPECT_EQ(ids(search(svc, "运城测试罚[2026]7号")), std::vector<std::int64_t>{a});
  EXPECT_TRUE(ids(search(svc, "运城测试罚[2026]8号")).empty()) << "withdrawn";
  // Three characters anywhere in a run; not across two fields of the text.
  EXPECT_EQ(ids(search(svc, "书店涉")), std::vector<std::int64_t>{a});
  EXPECT_TRUE(ids(search(svc, "经营活动警告")).empty());
}

TEST_P(PublicSearchTest, AKeptAnswerIsNotGivenOnceAPublishedDecisionChanged) {
  auto a = add_old("运城测试罚〔2026〕9号", "当事人运城市华盛书店涉嫌未按规定核对上网消费者身份");
  {
    auto tx = t_->env->db->write();
    reindex_published(*tx);
    tx->commit();
  }
  PublicationService svc(*t_->env);
  EXPECT_EQ(ids(search(svc, "上网消费者")), std::vector<std::int64_t>{a});
  EXPECT_EQ(ids(search(svc, "上网消费者")), std::vector<std::int64_t>{a});  // kept
  // Another instance (or a repair) withdraws it: the next search reads the change.
  auto b = add_old("运城测试罚〔2026〕10号", "当事人运城市华盛书店涉嫌未按规定核对上网消费者身份");
  {
    auto tx = t_->env->db->write();
    if (sqlite()) {
      auto terms = tx->query("SELECT search_terms FROM publications WHERE id = ?", {a})[0].str(0);
      tx->exec(
          "INSERT INTO publication_search (publication_search, rowid, search_terms) VALUES "
          "('delete', ?, ?)",
          {a, terms});
    }
    tx->exec("UPDATE publications SET state = 'withdrawn' WHERE id = ?", {a});
    reindex_published(*tx);
    tx->commit();
  }
  EXPECT_EQ(ids(search(svc, "上网消费者")), std::vector<std::int64_t>{b});
}

INSTANTIATE_TEST_SUITE_P(Backends, PublicSearchTest, ::testing::Values("sqlite", "postgres"));

}  // namespace
}  // namespace zhifa::modules::publication
