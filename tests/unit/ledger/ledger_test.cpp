// The ledger over a real database: SQLite always, PostgreSQL too when ZHIFA_TEST_PG_URL is set
// (e.g. postgresql://zhifa@localhost/zhifa_test; each test works in a schema of its own, dropped
// afterwards, so the role needs CREATE on the database).
#include "ledger/ledger.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "platform/embedded.hpp"

namespace zhifa::ledger {
namespace {

namespace fs = std::filesystem;

fs::path unique_temp_path(const std::string& stem) {
  std::random_device rd;
  return fs::temp_directory_path() / (stem + "-" + std::to_string(rd()) + std::to_string(rd()));
}

// migrations/0002_ledger.sql from ZHIFA_SOURCE_DIR, the current directory or one of its parents;
// the copy compiled into the binary when none is found.
std::string ledger_migration() {
  std::vector<fs::path> roots;
  if (const char* dir = std::getenv("ZHIFA_SOURCE_DIR")) roots.emplace_back(dir);
  for (fs::path p = fs::current_path(); !p.empty(); p = p.parent_path()) {
    roots.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (const fs::path& root : roots) {
    std::ifstream in(root / "migrations" / "0002_ledger.sql");
    if (!in) continue;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }
  return std::string(embedded::file("migrations/0002_ledger.sql").value());
}

Event sample_event(int i) {
  Event e;
  e.at_ms = 1'700'000'000'000 + i * 1000;
  if (i % 3 != 0) e.actor_id = 100 + i;
  e.actor_name = i % 3 == 0 ? "系统" : "执法员" + std::to_string(i);
  if (i % 4 != 0) e.org_id = 7;
  e.entity = "case";
  e.entity_id = std::to_string(3200 + i % 5);
  e.action = "case.step";
  e.payload = {
      {"step", i}, {"note", "立案审批"}, {"fine_fen", 50000 + i}, {"parties", {"甲", "乙"}}};
  return e;
}

class LedgerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      const char* url = std::getenv("ZHIFA_TEST_PG_URL");
      if (url == nullptr || *url == '\0') GTEST_SKIP() << "ZHIFA_TEST_PG_URL is not set";
      open_postgres_schema(url);
    } else {
      path_ = unique_temp_path("zhifa-ledger-test");
      db_ = db::open("sqlite:" + path_.string());
    }
    db::with_write(*db_, [](db::Tx& tx) { tx.exec_script(ledger_migration()); });
    key_path_ = unique_temp_path("zhifa-ledger-key");
    auto signer = Signer::open(key_path_ / "ledger.pem");
    ASSERT_TRUE(signer.ok()) << signer.error().message_en;
    signer_.emplace(std::move(signer).value());
  }

  // A schema of its own, so test processes running at once (ctest -j) do not share tables.
  void open_postgres_schema(const std::string& url) {
    pg_url_ = url;
    schema_ = "ledger_test_" + std::to_string(std::random_device()() % 1000000000);
    auto admin = db::open(pg_url_);
    db::with_write(*admin, [&](db::Tx& tx) { tx.exec_script("CREATE SCHEMA " + schema_); });
    std::string sep = url.find('?') == std::string::npos ? "?" : "&";
    db_ = db::open(url + sep + "options=-csearch_path%3D" + schema_);
  }

  void TearDown() override {
    db_.reset();
    std::error_code ignored;
    if (!path_.empty()) {
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path_.string() + suffix, ignored);
    }
    if (!schema_.empty()) {
      auto admin = db::open(pg_url_);
      db::with_write(*admin,
                     [&](db::Tx& tx) { tx.exec_script("DROP SCHEMA " + schema_ + " CASCADE"); });
    }
    fs::remove_all(key_path_, ignored);
  }

  // Appends events 1..n, one transaction each, with a checkpoint after every `every` events.
  void append_events(int n, int every = 10) {
    for (int i = 1; i <= n; ++i) {
      std::int64_t seq =
          db::with_write(*db_, [&](db::Tx& tx) { return append(tx, sample_event(i)); });
      ASSERT_EQ(seq, i);
      if (i % every == 0) checkpoint(1'800'000'000'000 + i);
    }
  }

  Checkpoint checkpoint(std::int64_t now_ms) {
    return db::with_write(*db_, [&](db::Tx& tx) { return make_checkpoint(tx, *signer_, now_ms); });
  }

  void exec(const std::string& sql, const db::Params& params = {}) {
    db::with_write(*db_, [&](db::Tx& tx) { tx.exec(sql, params); });
  }

  VerifyReport run_verify() {
    return db::with_read(*db_, [&](db::Tx& tx) { return verify(tx, signer_->public_key_pem()); });
  }

  std::vector<Checkpoint> all_checkpoints() {
    std::vector<Checkpoint> out;
    db::with_read(*db_, [&](db::Tx& tx) {
      for (db::Row row : tx.query("SELECT size, root, at, signature, key_id FROM "
                                  "ledger_checkpoints ORDER BY size")) {
        out.push_back(
            {row.i64(0), *sm::digest_from_hex(row.str(1)), row.i64(2), row.str(3), row.str(4)});
      }
    });
    return out;
  }

  std::unique_ptr<db::Db> db_;
  fs::path path_;       // SQLite
  std::string pg_url_;  // PostgreSQL
  std::string schema_;
  fs::path key_path_;
  std::optional<Signer> signer_;
};

TEST_P(LedgerTest, AppendNumbersEventsFromOneAndKeepsTheRoot) {
  append_events(50);
  db::with_read(*db_, [&](db::Tx& tx) {
    EXPECT_EQ(size(tx), 50);
    std::vector<Hash> leaves;
    for (std::int64_t seq = 1; seq <= 50; ++seq) {
      auto e = event_at(tx, seq);
      ASSERT_TRUE(e.ok());
      EXPECT_EQ(e->payload_text, sample_event(static_cast<int>(seq)).payload.dump());
      EXPECT_EQ(e->event.payload, sample_event(static_cast<int>(seq)).payload);
      EXPECT_EQ(e->event.actor_id, sample_event(static_cast<int>(seq)).actor_id);
      EXPECT_EQ(e->event.org_id, sample_event(static_cast<int>(seq)).org_id);
      EXPECT_EQ(e->payload_digest, payload_digest(e->event.payload));
      EXPECT_EQ(e->leaf_hash, event_leaf_hash(seq, e->event, e->payload_digest));
      leaves.push_back(e->leaf_hash);
      EXPECT_EQ(e->root, merkle::root(leaves));
    }
    EXPECT_EQ(current_root(tx), merkle::root(leaves));
    EXPECT_FALSE(event_at(tx, 51).ok());
  });
}

TEST_P(LedgerTest, CheckpointsAndProofsVerifyWithTheMerkleFunctions) {
  append_events(50);
  std::vector<Checkpoint> cps = all_checkpoints();
  ASSERT_EQ(cps.size(), 5u);
  db::with_read(*db_, [&](db::Tx& tx) {
    for (const Checkpoint& cp : cps) {
      EXPECT_TRUE(checkpoint_signature_ok(cp, signer_->public_key_pem()));
      EXPECT_EQ(cp.key_id, signer_->key_id());
      for (std::int64_t seq = 1; seq <= cp.size; ++seq) {
        auto p = inclusion_proof(tx, seq, cp.size);
        ASSERT_TRUE(p.ok()) << p.error().message_en;
        EXPECT_EQ(p->root, cp.root);
        auto e = event_at(tx, seq);
        ASSERT_TRUE(e.ok());
        Hash leaf = event_leaf_hash(seq, e->event, payload_digest(e->event.payload));
        EXPECT_EQ(p->leaf_hash, leaf);
        EXPECT_TRUE(merkle::verify_inclusion(static_cast<std::uint64_t>(seq - 1), cp.size, leaf,
                                             p->path, cp.root))
            << seq << "/" << cp.size;
      }
      for (const Checkpoint& older : cps) {
        if (older.size > cp.size) continue;
        auto c = consistency_proof(tx, older.size, cp.size);
        ASSERT_TRUE(c.ok());
        EXPECT_EQ(c->root_from, older.root);
        EXPECT_EQ(c->root_to, cp.root);
        EXPECT_TRUE(merkle::verify_consistency(older.size, cp.size, older.root, cp.root, c->path));
      }
    }
  });
}

TEST_P(LedgerTest, TheProofCacheGivesTheSameProofsAsTheLog) {
  // Enough events for cached subtrees of 64 and 128 leaves; the cache reads the leaves in steps
  // as larger trees are asked for, and answers for older tree sizes from what it holds.
  append_events(211, 1000);
  ProofCache cache;
  auto same = [&](std::int64_t size) {
    db::with_read(*db_, [&](db::Tx& tx) {
      for (std::int64_t seq = 1; seq <= size; seq += (seq < 70 ? 1 : 7)) {
        auto want = inclusion_proof(tx, seq, size);
        auto got = cache.inclusion_proof(tx, seq, size);
        ASSERT_TRUE(want.ok() && got.ok());
        EXPECT_EQ(got->leaf_hash, want->leaf_hash) << seq << "/" << size;
        EXPECT_EQ(got->path, want->path) << seq << "/" << size;
        EXPECT_EQ(got->root, want->root) << seq << "/" << size;
      }
      EXPECT_EQ(cache.inclusion_proof(tx, 0, size).error().field, "seq");
      EXPECT_EQ(cache.inclusion_proof(tx, 1, size + 1000).error().field, "size");
    });
  };
  same(97);
  same(150);
  same(211);
  same(129);
}

TEST_P(LedgerTest, LatestCheckpointAndRepeatedCheckpointAtTheSameSize) {
  db::with_read(*db_, [](db::Tx& tx) { EXPECT_FALSE(latest_checkpoint(tx)); });
  Checkpoint empty = checkpoint(5);
  EXPECT_EQ(empty.size, 0);
  EXPECT_EQ(empty.root, merkle::empty_root());
  append_events(12, 100);
  Checkpoint first = checkpoint(1000);
  Checkpoint again = checkpoint(2000);
  EXPECT_EQ(again.time_ms, 1000);
  EXPECT_EQ(again.signature, first.signature);
  db::with_read(*db_, [&](db::Tx& tx) {
    auto latest = latest_checkpoint(tx);
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->size, 12);
    EXPECT_EQ(latest->root, current_root(tx));
    nlohmann::json j = to_json(*latest, signer_->public_key_pem());
    EXPECT_EQ(j["size"], 12);
    EXPECT_EQ(j["root"], sm::to_hex(latest->root));
    EXPECT_EQ(j["time"], 1000);
    EXPECT_EQ(j["key_id"], signer_->key_id());
    EXPECT_EQ(j["public_key"], signer_->public_key_pem());
    EXPECT_EQ(j["signature"], latest->signature);
  });
  EXPECT_TRUE(run_verify().ok);
}

TEST_P(LedgerTest, ProofsOutOfRangeAreRefused) {
  append_events(5, 100);
  db::with_read(*db_, [](db::Tx& tx) {
    EXPECT_EQ(inclusion_proof(tx, 0, 5).error().code, "ledger.out_of_range");
    EXPECT_EQ(inclusion_proof(tx, 4, 3).error().field, "seq");
    EXPECT_EQ(inclusion_proof(tx, 1, 6).error().field, "size");
    EXPECT_EQ(inclusion_proof(tx, 1, 0).error().field, "size");
    EXPECT_EQ(consistency_proof(tx, 0, 3).error().field, "from");
    EXPECT_EQ(consistency_proof(tx, 4, 3).error().field, "from");
    EXPECT_EQ(consistency_proof(tx, 1, 6).error().field, "to");
    auto err = inclusion_proof(tx, 1, 6).error();
    EXPECT_EQ(err.kind, ErrorKind::kInvalid);
    EXPECT_FALSE(err.message_zh.empty());
    EXPECT_NE(err.message_en.find("6"), std::string::npos);
    EXPECT_TRUE(consistency_proof(tx, 5, 5).ok());
    EXPECT_TRUE(consistency_proof(tx, 5, 5)->path.empty());
  });
}

TEST_P(LedgerTest, ProofJsonHasHexFields) {
  append_events(7, 100);
  db::with_read(*db_, [](db::Tx& tx) {
    nlohmann::json inc = to_json(inclusion_proof(tx, 3, 7).value());
    EXPECT_EQ(inc["seq"], 3);
    EXPECT_EQ(inc["leaf_index"], 2);
    EXPECT_EQ(inc["size"], 7);
    EXPECT_EQ(inc["root"], sm::to_hex(current_root(tx)));
    EXPECT_EQ(inc["path"].size(), 3u);
    EXPECT_EQ(inc["leaf_hash"].get<std::string>().size(), 64u);
    nlohmann::json con = to_json(consistency_proof(tx, 3, 7).value());
    EXPECT_EQ(con["from"], 3);
    EXPECT_EQ(con["to"], 7);
    EXPECT_EQ(con["root_to"], sm::to_hex(current_root(tx)));
    EXPECT_TRUE(con["path"].is_array());
    nlohmann::json ev = to_json(event_at(tx, 3).value());
    EXPECT_EQ(ev["seq"], 3);
    EXPECT_EQ(ev["actor_id"], nullptr);  // event 3 is the system's
    EXPECT_EQ(ev["payload"]["step"], 3);
    EXPECT_EQ(sm::to_hex(sm::sm3(ev["payload_text"].get<std::string>())), ev["payload_digest"]);
  });
}

TEST_P(LedgerTest, EventsForAnEntityInOrder) {
  append_events(20, 100);
  db::with_read(*db_, [](db::Tx& tx) {
    auto events = events_for(tx, "case", "3202");
    ASSERT_EQ(events.size(), 4u);  // i = 2, 7, 12, 17
    EXPECT_EQ(events[0].seq, 2);
    EXPECT_EQ(events[3].seq, 17);
    EXPECT_TRUE(events_for(tx, "case", "nope").empty());
  });
}

TEST_P(LedgerTest, VerifyPassesOnAnUntouchedLog) {
  append_events(50);
  VerifyReport r = run_verify();
  EXPECT_TRUE(r.ok) << r.problem_en;
  EXPECT_EQ(r.events_checked, 50);
  EXPECT_EQ(r.checkpoints_checked, 5);
}

TEST_P(LedgerTest, VerifyPassesOnAnEmptyLedger) {
  EXPECT_TRUE(run_verify().ok);
  checkpoint(1);
  VerifyReport r = run_verify();
  EXPECT_TRUE(r.ok) << r.problem_en;
  EXPECT_EQ(r.checkpoints_checked, 1);
}

TEST_P(LedgerTest, EditedPayloadIsNamed) {
  append_events(50);
  exec("UPDATE ledger_events SET payload = ? WHERE seq = 17", {R"({"fine_fen":1})"});
  VerifyReport r = run_verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.seq, 17);
  EXPECT_EQ(r.code, "payload_digest");
  EXPECT_EQ(r.events_checked, 16);
  EXPECT_EQ(r.problem_zh, "第 17 条事件的内容与其摘要不符");
  EXPECT_EQ(r.problem_en, "event 17: payload does not match its digest");
}

TEST_P(LedgerTest, EditedFieldIsNamed) {
  append_events(30);
  exec("UPDATE ledger_events SET actor_name = '李四' WHERE seq = 9");
  VerifyReport r = run_verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.seq, 9);
  EXPECT_EQ(r.code, "leaf_hash");
}

TEST_P(LedgerTest, PayloadEditedWithItsDigestIsNamed) {
  append_events(30);
  std::string forged = R"({"fine_fen":1})";
  exec("UPDATE ledger_events SET payload = ?, payload_digest = ? WHERE seq = 17",
       {forged, sm::to_hex(sm::sm3(forged))});
  VerifyReport r = run_verify();
  EXPECT_EQ(r.seq, 17);
  EXPECT_EQ(r.code, "leaf_hash");
}

// An editor who recomputes every hash and root after the edit, and the state row, is caught by
// the signed checkpoints, which the editor cannot re-sign.
TEST_P(LedgerTest, FullyRehashedEditIsCaughtByTheNextCheckpoint) {
  append_events(30);
  db::with_write(*db_, [](db::Tx& tx) {
    CompactRange range;
    for (db::Row row : tx.query("SELECT seq FROM ledger_events ORDER BY seq")) {
      std::int64_t seq = row.i64(0);
      Event e = sample_event(static_cast<int>(seq));
      if (seq == 17) e.payload["fine_fen"] = 1;
      Hash digest = payload_digest(e.payload);
      Hash leaf = event_leaf_hash(seq, e, digest);
      range.append(leaf);
      tx.exec(
          "UPDATE ledger_events SET payload = ?, payload_digest = ?, leaf_hash = ?, root = ? "
          "WHERE seq = ?",
          {e.payload.dump(), sm::to_hex(digest), sm::to_hex(leaf), sm::to_hex(range.root()), seq});
    }
    tx.exec("UPDATE ledger_state SET frontier = ? WHERE id = 1", {range.serialize()});
  });
  VerifyReport r = run_verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.code, "checkpoint_root");
  EXPECT_EQ(r.checkpoint_size, 20);
  EXPECT_EQ(r.events_checked, 20);
}

TEST_P(LedgerTest, DeletedRowIsNamedAsAGap) {
  append_events(50);
  exec("DELETE FROM ledger_events WHERE seq = 23");
  VerifyReport r = run_verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.seq, 23);
  EXPECT_EQ(r.code, "gap");
  EXPECT_EQ(r.problem_en, "event 23 is missing");
  EXPECT_EQ(r.problem_zh, "第 23 条事件缺失");
}

TEST_P(LedgerTest, DeletedLastRowIsNamed) {
  append_events(25);  // checkpoints at 10 and 20 only
  exec("DELETE FROM ledger_events WHERE seq = 25");
  VerifyReport r = run_verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.seq, 25);
  EXPECT_EQ(r.code, "gap");
}

TEST_P(LedgerTest, TruncatedLogBelowACheckpointIsNamed) {
  append_events(20);
  exec("DELETE FROM ledger_events WHERE seq > 15");
  exec("UPDATE ledger_state SET size = 15");
  VerifyReport r = run_verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.code, "checkpoint_beyond_end");
  EXPECT_EQ(r.checkpoint_size, 20);
}

TEST_P(LedgerTest, ForgedCheckpointSignatureFails) {
  append_events(50);
  // The forger signs the true tree head with a key of their own.
  Checkpoint cp = all_checkpoints()[2];
  std::string forged = *sm::sm2_sign(sm::sm2_generate_key().private_pem,
                                     checkpoint_message(cp.size, cp.root, cp.time_ms));
  exec("UPDATE ledger_checkpoints SET signature = ? WHERE size = ?", {forged, cp.size});
  VerifyReport r = run_verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.code, "checkpoint_signature");
  EXPECT_EQ(r.checkpoint_size, 30);
  EXPECT_EQ(r.checkpoints_checked, 2);
  EXPECT_NE(r.problem_en.find("size 30"), std::string::npos);
}

TEST_P(LedgerTest, CheckpointTimeEditedAfterSigningFails) {
  append_events(10);
  exec("UPDATE ledger_checkpoints SET at = at + 1");
  EXPECT_EQ(run_verify().code, "checkpoint_signature");
}

TEST_P(LedgerTest, VerifyWithAnotherPublicKeyFails) {
  append_events(10);
  VerifyReport r =
      db::with_read(*db_, [](db::Tx& tx) { return verify(tx, sm::sm2_generate_key().public_pem); });
  EXPECT_EQ(r.code, "checkpoint_signature");
}

TEST_P(LedgerTest, ConcurrentAppendsGetDistinctSeqs) {
  constexpr int kThreads = 4;
  constexpr int kEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        try {
          db::with_write(*db_, [&](db::Tx& tx) { append(tx, sample_event(t * 100 + i)); });
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  VerifyReport r = run_verify();
  EXPECT_TRUE(r.ok) << r.problem_en;
  EXPECT_EQ(r.events_checked, kThreads * kEach);
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(LedgerSigner, CreatesAPrivateKeyFileOnceAndReloadsIt) {
  fs::path dir = unique_temp_path("zhifa-signer");
  fs::path path = dir / "keys" / "ledger.pem";
  auto first = Signer::open(path);
  ASSERT_TRUE(first.ok()) << first.error().message_en;
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto again = Signer::open(path);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->key_id(), first->key_id());
  EXPECT_EQ(again->public_key_pem(), first->public_key_pem());
  EXPECT_EQ(first->key_id().size(), 16u);
  EXPECT_EQ(first->key_id(), key_id_of(first->public_key_pem()));
  EXPECT_TRUE(sm::sm2_verify(first->public_key_pem(), "m", again->sign("m")));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "keys"), fs::directory_iterator()), 1);
  fs::remove_all(dir);
}

TEST(LedgerSigner, RejectsAFileThatIsNotAnSm2Key) {
  fs::path path = unique_temp_path("zhifa-signer-bad");
  std::ofstream(path) << "not a key";
  EXPECT_FALSE(Signer::open(path).ok());
  EXPECT_FALSE(Signer::from_pem("").ok());
  fs::remove(path);
}

TEST(LedgerCanonical, BytesFollowTheDocumentedLayout) {
  Event e;
  e.at_ms = 0x0102030405060708;
  e.actor_id = 5;
  e.actor_name = "王";  // 3 UTF-8 bytes
  e.entity = "case";
  e.entity_id = "1";
  e.action = "a";
  Hash digest = sm::sm3("{}");
  std::string expected;
  expected += '\x01';                                                 // version
  expected += std::string("\0\0\0\0\0\0\0\x2a", 8);                   // seq 42
  expected += "\x01\x02\x03\x04\x05\x06\x07\x08";                     // at_ms
  expected += std::string("\x01\0\0\0\0\0\0\0\x05", 9);               // actor_id present, 5
  expected += std::string("\0\0\0\x03", 4) + "王";                    // actor_name
  expected += std::string("\0", 1);                                   // org_id absent
  expected += std::string("\0\0\0\x04", 4) + "case";                  // entity
  expected += std::string("\0\0\0\x01", 4) + "1";                     // entity_id
  expected += std::string("\0\0\0\x01", 4) + "a";                     // action
  expected.append(reinterpret_cast<const char*>(digest.data()), 32);  // payload digest
  EXPECT_EQ(canonical_event(42, e, digest), expected);
  EXPECT_EQ(event_leaf_hash(42, e, digest), merkle::leaf_hash(expected));
  EXPECT_EQ(payload_digest(nlohmann::json::object()), digest);
}

TEST(LedgerCanonical, PayloadDigestUsesSortedCompactJson) {
  nlohmann::json a = nlohmann::json::parse(R"({"b": 1, "a": "执法"})");
  EXPECT_EQ(a.dump(), R"({"a":"执法","b":1})");
  EXPECT_EQ(payload_digest(a), sm::sm3(R"({"a":"执法","b":1})"));
}

}  // namespace
}  // namespace zhifa::ledger
