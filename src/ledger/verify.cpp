// verify(): replays the stored log and names the first thing that does not add up. Unlike the
// other readers it never raises on bad rows: a bad row is exactly what it is looking for.
#include <fmt/format.h>

#include "ledger/ledger.hpp"
#include "ledger/rows.hpp"

namespace zhifa::ledger {
namespace {

constexpr std::size_t kBatch = 1000;  // events read per query, to bound memory on long logs

class Replay {
 public:
  Replay(db::Tx& tx, std::string_view public_key_pem)
      : tx_(tx),
        public_key_(public_key_pem),
        checkpoints_(detail::read_checkpoints(tx, "ORDER BY size")) {}

  VerifyReport run() {
    if (!check_events() || !check_checkpoints_beyond_end()) return report_;
    check_state();
    return report_;
  }

 private:
  bool fail(std::int64_t seq, std::string code, std::string zh, std::string en) {
    report_.ok = false;
    report_.seq = seq;
    report_.code = std::move(code);
    report_.problem_zh = std::move(zh);
    report_.problem_en = std::move(en);
    return false;
  }

  bool fail_checkpoint(std::int64_t size, std::string code, std::string zh, std::string en) {
    report_.checkpoint_size = size;
    return fail(0, std::move(code), std::move(zh), std::move(en));
  }

  std::int64_t replayed() const { return static_cast<std::int64_t>(range_.size()); }

  bool check_events() {
    if (!check_checkpoints_here()) return false;
    std::string sql =
        fmt::format("SELECT {} FROM ledger_events WHERE seq > ? ORDER BY seq LIMIT {}",
                    detail::kEventColumns, kBatch);
    for (std::int64_t after = 0;;) {
      db::Rows rows = tx_.query(sql, {after});
      for (db::Row row : rows) {
        if (!check_event(detail::event_row(row)) || !check_checkpoints_here()) return false;
      }
      if (rows.size() < kBatch) return true;
      after = replayed();
    }
  }

  bool check_event(const detail::EventRow& r) {
    std::int64_t expected = replayed() + 1;
    if (r.seq > expected) {
      return fail(expected, "gap", fmt::format("第 {} 条事件缺失", expected),
                  fmt::format("event {} is missing", expected));
    }
    if (r.seq < expected) {
      return fail(r.seq, "gap", fmt::format("出现序号异常的事件 {}", r.seq),
                  fmt::format("event with unexpected seq {}", r.seq));
    }
    Hash digest = sm::sm3(r.payload_text);
    if (sm::to_hex(digest) != r.payload_digest) {
      return fail(r.seq, "payload_digest", fmt::format("第 {} 条事件的内容与其摘要不符", r.seq),
                  fmt::format("event {}: payload does not match its digest", r.seq));
    }
    Hash leaf = event_leaf_hash(r.seq, r.event, digest);
    if (sm::to_hex(leaf) != r.leaf_hash) {
      return fail(r.seq, "leaf_hash", fmt::format("第 {} 条事件的记录字段与其叶哈希不符", r.seq),
                  fmt::format("event {}: its fields do not match its leaf hash", r.seq));
    }
    range_.append(leaf);
    if (sm::to_hex(range_.root()) != r.root) {
      return fail(r.seq, "root", fmt::format("第 {} 条事件记录的树根与重算结果不符", r.seq),
                  fmt::format("event {}: stored root does not match the recomputed tree", r.seq));
    }
    ++report_.events_checked;
    return true;
  }

  // Checks the checkpoints whose size is the number of events replayed so far.
  bool check_checkpoints_here() {
    for (; next_ < checkpoints_.size() && checkpoints_[next_].size <= replayed(); ++next_) {
      if (!check_checkpoint(checkpoints_[next_])) return false;
    }
    return true;
  }

  bool check_checkpoint(const detail::CheckpointRow& cp) {
    Hash root = range_.root();
    if (cp.size != replayed() || cp.root != sm::to_hex(root)) {
      return fail_checkpoint(
          cp.size, "checkpoint_root",
          fmt::format("树大小为 {} 的检查点的树根与重算结果不符", cp.size),
          fmt::format("checkpoint at size {}: root does not match the recomputed tree", cp.size));
    }
    if (!checkpoint_signature_ok({cp.size, root, cp.at, cp.signature, cp.key_id}, public_key_)) {
      return fail_checkpoint(
          cp.size, "checkpoint_signature",
          fmt::format("树大小为 {} 的检查点签名无效(签名密钥 {})", cp.size, cp.key_id),
          fmt::format("checkpoint at size {}: signature does not verify (key id {})", cp.size,
                      cp.key_id));
    }
    ++report_.checkpoints_checked;
    return true;
  }

  bool check_checkpoints_beyond_end() {
    if (next_ == checkpoints_.size()) return true;
    std::int64_t size = checkpoints_[next_].size;
    std::int64_t missing = replayed() + 1;
    return fail_checkpoint(
        size, "checkpoint_beyond_end",
        fmt::format("树大小为 {} 的检查点超出日志末尾:第 {} 条及以后的事件缺失", size, missing),
        fmt::format("checkpoint at size {} is beyond the end of the log: events from {} on are "
                    "missing",
                    size, missing));
  }

  bool check_state() {
    db::Rows rows = tx_.query("SELECT size, frontier FROM ledger_state WHERE id = 1");
    std::int64_t n = replayed();
    if (rows.empty()) {
      return n == 0 || fail(0, "state", "账本状态记录缺失", "the ledger state row is missing");
    }
    std::int64_t size = rows[0].i64(0);
    if (size > n) {
      return fail(
          n + 1, "gap", fmt::format("第 {} 条事件缺失(账本状态记录共有 {} 条)", n + 1, size),
          fmt::format("event {} is missing (the ledger state records {} events)", n + 1, size));
    }
    if (size < n) {
      return fail(size + 1, "state",
                  fmt::format("第 {} 条事件未计入账本状态,疑似绕过账本直接写入", size + 1),
                  fmt::format("event {} is not counted in the ledger state (written around the "
                              "ledger?)",
                              size + 1));
    }
    auto frontier = CompactRange::parse(rows[0].str(1));
    if (!frontier || frontier->root() != range_.root()) {
      return fail(0, "state", "账本状态中的树与重算结果不符",
                  "the ledger state's tree does not match the recomputed tree");
    }
    return true;
  }

  db::Tx& tx_;
  std::string public_key_;
  std::vector<detail::CheckpointRow> checkpoints_;
  std::size_t next_ = 0;  // first checkpoint not yet checked
  CompactRange range_;
  VerifyReport report_;
};

}  // namespace

VerifyReport verify(db::Tx& tx, const std::string& public_key_pem) {
  return Replay(tx, public_key_pem).run();
}

}  // namespace zhifa::ledger
