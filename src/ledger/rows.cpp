#include "ledger/rows.hpp"

namespace zhifa::ledger::detail {

EventRow event_row(const db::Row& row) {
  EventRow r;
  r.seq = row.i64(0);
  r.event.at_ms = row.i64(1);
  r.event.actor_id = row.opt_i64(2);
  r.event.actor_name = row.str(3);
  r.event.org_id = row.opt_i64(4);
  r.event.entity = row.str(5);
  r.event.entity_id = row.str(6);
  r.event.action = row.str(7);
  r.event.payload = nullptr;
  r.payload_text = row.str(8);
  r.payload_digest = row.str(9);
  r.leaf_hash = row.str(10);
  r.root = row.str(11);
  return r;
}

std::vector<CheckpointRow> read_checkpoints(db::Tx& tx, std::string_view tail,
                                            const db::Params& params) {
  std::string sql = "SELECT size, root, at, signature, key_id FROM ledger_checkpoints ";
  sql += tail;
  std::vector<CheckpointRow> out;
  for (db::Row row : tx.query(sql, params)) {
    out.push_back({row.i64(0), row.str(1), row.i64(2), row.str(3), row.str(4)});
  }
  return out;
}

std::optional<CompactRange> read_state(db::Tx& tx) {
  db::Rows rows = tx.query("SELECT size, frontier FROM ledger_state WHERE id = 1");
  if (rows.empty()) return std::nullopt;
  auto range = CompactRange::parse(rows[0].str(1));
  if (!range || static_cast<std::int64_t>(range->size()) != rows[0].i64(0)) {
    raise_corrupt("ledger_state.frontier does not match ledger_state.size");
  }
  return range;
}

Hash hash_column(const std::string& hex, std::string_view what) {
  auto h = sm::digest_from_hex(hex);
  if (!h) raise_corrupt(std::string(what) + " is not a 32-byte hex hash");
  return *h;
}

void raise_corrupt(std::string_view what_en) {
  raise(Error{ErrorKind::kInternal,
              "ledger.corrupt",
              "账本数据已损坏,请运行 zhifa verify 检查并联系管理员",
              "ledger data is corrupt: " + std::string(what_en),
              {}});
}

}  // namespace zhifa::ledger::detail
