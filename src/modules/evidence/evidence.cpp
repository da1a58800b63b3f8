#include "modules/evidence/evidence.hpp"

#include <sys/file.h>
#include <sys/stat.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <future>
#include <map>
#include <mutex>

#include <spdlog/spdlog.h>

#include "domain/case_flow.hpp"
#include "domain/dates.hpp"
#include "modules/common/audit.hpp"
#include "modules/common/scope_sql.hpp"
#include "platform/pdf.hpp"
#include "platform/secrets.hpp"

namespace zhifa::modules::evidence {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kAvKey = "evidence.av";

struct CaseRef {
  std::int64_t id = 0, org_id = 0;
  std::string state, org_name, party_name, summary;
};

std::optional<CaseRef> find_case(db::Tx& tx, const domain::Scope& scope, std::int64_t id) {
  auto cond = org_scope(scope, "o", "");
  db::Params params = cond.params;
  params.emplace_back(id);
  auto rows = tx.query(
      "SELECT c.id, c.org_id, c.state, o.name, c.party_name, c.summary FROM cases c JOIN orgs o ON "
      "o.id = c.org_id WHERE " +
          cond.sql + " AND c.id = ?",
      params);
  if (rows.empty()) return std::nullopt;
  auto r = rows[0];
  return CaseRef{r.i64(0), r.i64(1), r.str(2), r.str(3), r.str(4), r.str(5)};
}

Error case_not_found() { return Error::not_found("案件", "case"); }

Error read_only_case() {
  return Error::conflict("case.read_only", "案件已归档,卷宗不可再增加内容",
                         "the case is archived and read-only");
}

bool may_handle(const domain::Scope& s) {
  return s.has("case:handle") || s.has("case:approve") || s.has("case:review");
}

Error cannot_handle() {
  return Error::forbidden("case.role", "您没有办理案件的权限", "no case role");
}

json evidence_json(const db::Row& r) {
  return {{"id", r.i64(0)},
          {"case_id", r.i64(1)},
          {"record_id", r.is_null(2) ? json() : json(r.i64(2))},
          {"derived_from", r.is_null(3) ? json() : json(r.i64(3))},
          {"derivation", r.str(4)},
          {"kind", r.str(5)},
          {"mime", r.str(6)},
          {"file_name", r.str(7)},
          {"size", r.i64(8)},
          {"sm3", r.str(9)},
          {"sha256", r.str(10)},
          {"title", r.str(11)},
          {"captured_at", r.str(12)},
          {"place", r.str(13)},
          {"device", r.str(14)},
          {"collector", r.str(15)},
          {"ledger_seq", r.i64(16)},
          {"created_at", r.i64(17)},
          {"created_by_name", r.str(18)}};
}

constexpr const char* kEvidenceSelect =
    "SELECT e.id, e.case_id, e.record_id, e.derived_from, e.derivation, e.kind, e.mime, "
    "e.file_name, e.size, e.sm3, e.sha256, e.title, e.captured_at, e.place, e.device, "
    "e.collector, e.ledger_seq, e.created_at, COALESCE(u.display_name, u.username, '') FROM "
    "evidence e LEFT JOIN users u ON u.id = e.created_by";

// The evidence item with its case, when the case is in the caller's scope.
std::optional<std::pair<json, CaseRef>> find_evidence(db::Tx& tx, const domain::Scope& scope,
                                                      std::int64_t id) {
  auto rows = tx.query(std::string(kEvidenceSelect) + " WHERE e.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  json e = evidence_json(rows[0]);
  auto c = find_case(tx, scope, e["case_id"].get<std::int64_t>());
  if (!c) return std::nullopt;
  return std::make_pair(std::move(e), *c);
}

// The name a custody entry shows: the user's display name (the recipient for a shared link).
std::string display_name(db::Tx& tx, const domain::Scope& s) {
  auto rows =
      tx.query("SELECT COALESCE(display_name, username) FROM users WHERE id = ?", {s.user_id});
  return rows.empty() || rows[0].str(0).empty() ? s.username : rows[0].str(0);
}

std::int64_t add_custody(db::Tx& tx, const domain::Scope* actor, std::string actor_name,
                         std::int64_t now, std::int64_t evidence_id, std::int64_t org_id,
                         const std::string& action, const json& detail) {
  if (actor) actor_name = display_name(tx, *actor);
  json payload = detail;
  payload["evidence_id"] = evidence_id;
  std::int64_t seq = record(tx, actor, now, org_id, "evidence", std::to_string(evidence_id),
                            "evidence." + action, payload);
  tx.exec(
      "INSERT INTO evidence_custody (evidence_id, action, actor_id, actor_name, org_id, detail, "
      "ledger_seq, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {evidence_id, action, actor ? db::Param(actor->user_id) : db::Param(nullptr), actor_name,
       actor ? db::Param(actor->org_id) : db::Param(nullptr), detail.dump(), seq, now});
  return seq;
}

// --- uploads in progress ------------------------------------------------------------------------

struct UploadRow {
  std::string id;
  std::int64_t case_id = 0, org_id = 0, size = 0, created_by = 0;
  std::optional<std::int64_t> record_id, derived_from;
  std::string file_name;
  json meta;
};

std::optional<UploadRow> find_upload(db::Tx& tx, const domain::Scope& scope,
                                     const std::string& id) {
  auto rows = tx.query(
      "SELECT id, case_id, record_id, derived_from, file_name, size, meta, created_by FROM "
      "evidence_uploads WHERE id = ?",
      {id});
  if (rows.empty()) return std::nullopt;
  auto r = rows[0];
  auto c = find_case(tx, scope, r.i64(1));
  if (!c) return std::nullopt;
  return UploadRow{r.str(0),     r.i64(1), c->org_id,
                   r.i64(5),     r.i64(7), r.opt_i64(2),
                   r.opt_i64(3), r.str(4), json::parse(r.str(6))};
}

std::int64_t part_size(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return 0;
  return static_cast<std::int64_t>(st.st_size);
}

// Hash state of uploads between PATCH requests of this process, so a continued upload does not
// read its first gigabytes again. Only a cache: without it (another instance, a restart) the part
// on disk is hashed again.
struct Parked {
  std::int64_t offset = 0;
  std::unique_ptr<files::DualHasher> hasher;
  std::string head;
};
std::mutex g_parked_mutex;
std::map<std::string, Parked> g_parked;

void park(const std::string& id, Parked p) {
  std::lock_guard lock(g_parked_mutex);
  g_parked[id] = std::move(p);
}

std::optional<Parked> unpark(const std::string& id) {
  std::lock_guard lock(g_parked_mutex);
  auto it = g_parked.find(id);
  if (it == g_parked.end()) return std::nullopt;
  Parked p = std::move(it->second);
  g_parked.erase(it);
  return p;
}

Error offset_mismatch(std::int64_t have) {
  return Error::conflict(
      "upload.offset", "续传位置不符:服务器已收到 " + std::to_string(have) + " 字节,请从该位置继续",
      "offset mismatch: the server has " + std::to_string(have) + " bytes", "Upload-Offset");
}

void drop_upload(app::Env& env, const std::string& id) {
  unpark(id);
  db::with_write(*env.db,
                 [&](db::Tx& tx) { tx.exec("DELETE FROM evidence_uploads WHERE id = ?", {id}); });
  std::error_code ec;
  fs::remove(env.files->part_path(id), ec);
}

Result<json> store_evidence(app::Env& env, const domain::Scope& scope, const UploadRow& up,
                            const files::Stored& stored, const domain::Sniffed& sniffed);

class UploadSink : public http::BodySink {
 public:
  UploadSink(app::Env& env, domain::Scope scope, UploadRow up, files::AppendFile file, Parked state)
      : env_(env),
        scope_(std::move(scope)),
        up_(std::move(up)),
        file_(std::move(file)),
        state_(std::move(state)) {}

  Status write(std::string_view piece) override {
    if (state_.offset + static_cast<std::int64_t>(piece.size()) > up_.size) {
      refused_ = true;
      return Error{ErrorKind::kTooLarge, "upload.beyond_size",
                   "上传内容超过声明的文件大小(" + std::to_string(up_.size) + " 字节)",
                   "more bytes than the declared size", "size"};
    }
    if (state_.head.size() < domain::kSniffBytes) {
      state_.head.append(piece.substr(0, domain::kSniffBytes - state_.head.size()));
    }
    if (!sniffed_ && (state_.head.size() >= domain::kSniffBytes ||
                      state_.offset + static_cast<std::int64_t>(piece.size()) == up_.size)) {
      sniffed_ = domain::sniff(state_.head, up_.file_name);
      if (sniffed_->kind.empty()) {
        refused_ = true;
        return Error{ErrorKind::kUnsupportedMedia, "upload.content_type",
                     "文件类型不被接受:" + sniffed_->reason, "file type refused", "file"};
      }
    }
    // SM3 (the slow hash) here; the disk write and SHA-256 of the same piece on a second thread
    // meanwhile, from a copy (the server reuses its buffer once write() returns).
    if (auto d = drain(); !d) return d.error();
    auto& copy = pieces_[next_];
    next_ ^= 1;
    copy.assign(piece.begin(), piece.end());
    std::string_view view(copy.data(), copy.size());
    pending_ = std::async(std::launch::async, [this, view]() -> Status {
      if (auto w = file_.write(view); !w) return w;
      state_.hasher->update_sha256(view);
      return Ok{};
    });
    state_.hasher->update_sm3(piece);
    state_.offset += static_cast<std::int64_t>(piece.size());
    return Ok{};
  }

  ~UploadSink() override { (void)drain(); }

  http::Response finish() override {
    if (auto d = drain(); !d) return http::problem(d.error(), "");
    if (auto s = file_.sync(); !s) return http::problem(s.error(), "");
    if (state_.offset < up_.size) {
      json j = {{"id", up_.id}, {"offset", state_.offset}, {"size", up_.size}, {"complete", false}};
      auto r = http::Response::json_body(j);
      r.set_header("Upload-Offset", std::to_string(state_.offset));
      park(up_.id, std::move(state_));
      return r;
    }
    if (!sniffed_) sniffed_ = domain::sniff(state_.head, up_.file_name);
    if (sniffed_->kind.empty()) {
      drop_upload(env_, up_.id);
      return http::problem(
          Error{ErrorKind::kUnsupportedMedia, "upload.content_type",
                "文件类型不被接受:" + sniffed_->reason, "file type refused", "file"},
          "");
    }
    files::Stored stored = state_.hasher->final();
    auto saved = store_evidence(env_, scope_, up_, stored, *sniffed_);
    if (!saved) return http::problem(saved.error(), "");
    auto r = http::Response::json_body(*saved, 201);
    r.set_header("Upload-Offset", std::to_string(up_.size));
    return r;
  }

  void abort() override {
    if (refused_) {
      (void)drain();
      drop_upload(env_, up_.id);
      return;
    }
    // A broken connection: keep what arrived, so the upload continues from there. (Should the
    // last write have failed, the part is shorter than the hashed offset and the next PATCH hashes
    // the part again instead of using this state.)
    (void)drain();
    (void)file_.sync();
    park(up_.id, std::move(state_));
  }

 private:
  app::Env& env_;
  domain::Scope scope_;
  UploadRow up_;
  files::AppendFile file_;
  Parked state_;
  std::optional<domain::Sniffed> sniffed_;
  std::array<std::vector<char>, 2> pieces_;
  int next_ = 0;
  std::future<Status> pending_;

  Status drain() {
    if (!pending_.valid()) return Ok{};
    return pending_.get();
  }
  bool refused_ = false;
};

Result<json> store_evidence(app::Env& env, const domain::Scope& scope, const UploadRow& up,
                            const files::Stored& stored, const domain::Sniffed& sniffed) {
  fs::path part = env.files->part_path(up.id);
  fs::path object = env.files->object_path(stored.sm3);
  // Link first (the part stays until the rows commit), so a failed transaction leaves the upload
  // as it was and no object without a row.
  std::error_code ec;
  bool created = false;
  if (!fs::exists(object, ec)) {
    fs::create_directories(object.parent_path(), ec);
    fs::create_hard_link(part, object, ec);
    if (ec) return Error::internal("cannot store evidence: " + ec.message());
    created = true;
  }
  std::int64_t now = env.now();
  try {
    auto result = db::with_write(*env.db, [&](db::Tx& tx) -> Result<json> {
      auto c = find_case(tx, scope, up.case_id);
      if (!c) return case_not_found();
      if (domain::is_read_only(c->state)) return read_only_case();
      if (tx.exec("DELETE FROM evidence_uploads WHERE id = ?", {up.id}) != 1) {
        return Error::conflict("upload.gone", "该上传已取消或已完成", "the upload is gone");
      }
      const json& m = up.meta;
      json payload = {{"case_id", up.case_id},   {"file_name", up.file_name},
                      {"size", stored.size},     {"sm3", stored.sm3},
                      {"sha256", stored.sha256}, {"mime", sniffed.mime},
                      {"kind", sniffed.kind},    {"meta", m}};
      if (up.record_id) payload["record_id"] = *up.record_id;
      if (up.derived_from) payload["derived_from"] = *up.derived_from;
      std::int64_t seq = record(tx, &scope, now, c->org_id, "case", std::to_string(up.case_id),
                                "evidence.collected", payload);
      std::int64_t id = tx.insert(
          "INSERT INTO evidence (case_id, record_id, derived_from, derivation, kind, mime, "
          "file_name, size, sm3, sha256, title, captured_at, place, device, collector, ledger_seq, "
          "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "RETURNING id",
          {up.case_id, up.record_id, up.derived_from, m.value("derivation", ""), sniffed.kind,
           sniffed.mime, up.file_name, stored.size, stored.sm3, stored.sha256,
           m.value("title", up.file_name), m.value("captured_at", ""), m.value("place", ""),
           m.value("device", ""), m.value("collector", ""), seq, now, scope.user_id});
      add_custody(tx, &scope, scope.username, now, id, c->org_id, "collect",
                  {{"sm3", stored.sm3}, {"size", stored.size}, {"case_seq", seq}});
      if (up.derived_from) {
        add_custody(tx, &scope, scope.username, now, *up.derived_from, c->org_id, "derive",
                    {{"derivative_id", id},
                     {"derivation", m.value("derivation", "")},
                     {"sm3", stored.sm3}});
      }
      auto rows = tx.query(std::string(kEvidenceSelect) + " WHERE e.id = ?", {id});
      return evidence_json(rows[0]);
    });
    if (!result) {
      if (created) fs::remove(object, ec);
      return result;
    }
    fs::remove(part, ec);
    return result;
  } catch (...) {
    if (created) fs::remove(object, ec);
    throw;
  }
}

json record_json(app::Env& env, const db::Row& r) {
  json content = json::object();
  if (auto plain = env.cipher->decrypt(r.str(9))) {
    content = json::parse(*plain, nullptr, false);
  } else {
    content = {{"error", "内容无法解密(密钥不符或被改动)"}};
  }
  return {{"id", r.i64(0)},
          {"case_id", r.i64(1)},
          {"kind", r.str(2)},
          {"kind_label", domain::record_kind_label(r.str(2))},
          {"variant", r.str(3)},
          {"title", r.str(4)},
          {"case_state", r.str(5)},
          {"started_at", r.i64(6)},
          {"ended_at", r.i64(7)},
          {"place", r.str(8)},
          {"content", content},
          {"officers", json::parse(r.str(10))},
          {"av_required", r.boolean(11)},
          {"supersedes", r.is_null(12) ? json() : json(r.i64(12))},
          {"ledger_seq", r.i64(13)},
          {"created_at", r.i64(14)},
          {"created_by_name", r.str(15)}};
}

constexpr const char* kRecordSelect =
    "SELECT r.id, r.case_id, r.kind, r.variant, r.title, r.case_state, r.started_at, r.ended_at, "
    "r.place, r.content, r.officers, r.av_required, r.supersedes, r.ledger_seq, r.created_at, "
    "COALESCE(u.display_name, u.username, '') FROM case_records r LEFT JOIN users u ON u.id = "
    "r.created_by";

}  // namespace

domain::AvSettings load_av_settings(db::Tx& tx) {
  auto rows = tx.query("SELECT value FROM settings WHERE key = ?", {std::string(kAvKey)});
  if (rows.empty()) return {};
  auto parsed = domain::parse_av_settings(json::parse(rows[0].str(0)));
  if (!parsed) raise(parsed.error());
  return std::move(parsed).take();
}

domain::RuleCheck check_case_av(db::Tx& tx, std::int64_t case_id) {
  auto settings = load_av_settings(tx);
  // A corrected record and its corrections are one on-site action: the recording (or exception)
  // of any of them serves the chain, and the chain needs one when any of them did.
  struct Row {
    std::string kind, variant, title;
    bool required = false, has_av = false, exempted = false;
    std::optional<std::int64_t> supersedes;
  };
  std::map<std::int64_t, Row> rows;
  std::set<std::int64_t> corrected;
  for (auto r : tx.query(
           "SELECT r.id, r.kind, r.variant, r.title, r.av_required, r.supersedes, EXISTS (SELECT "
           "1 FROM evidence e WHERE e.record_id = r.id AND e.kind IN ('audio', 'video')), EXISTS "
           "(SELECT 1 FROM av_exceptions x WHERE x.record_id = r.id) FROM case_records r WHERE "
           "r.case_id = ?",
           {case_id})) {
    rows[r.i64(0)] =
        Row{r.str(1), r.str(2), r.str(3), r.boolean(4), r.boolean(6), r.boolean(7), r.opt_i64(5)};
    if (auto sup = r.opt_i64(5)) corrected.insert(*sup);
  }
  std::vector<domain::RecordAv> records;
  for (const auto& [id, head] : rows) {
    if (corrected.count(id)) continue;  // only the latest of a chain is listed
    domain::RecordAv av{id, head.kind, head.variant, head.title, false, false};
    bool required = false;
    std::optional<std::int64_t> at = id;
    for (int guard = 0; at && guard < 1000; ++guard) {
      auto it = rows.find(*at);
      if (it == rows.end()) break;
      required = required || it->second.required;
      av.has_av = av.has_av || it->second.has_av;
      av.exempted = av.exempted || it->second.exempted;
      at = it->second.supersedes;
    }
    if (!required) continue;
    // Required when it was made, so listed as required even if the settings changed since.
    if (!domain::requires_av(settings, av.kind, av.variant)) {
      settings.required.push_back(av.variant.empty() ? av.kind : av.kind + ":" + av.variant);
    }
    records.push_back(av);
  }
  return domain::check_av(settings, records);
}

Result<json> EvidenceService::add_record(const domain::Scope& scope, std::int64_t case_id,
                                         const domain::RecordInput& in,
                                         std::optional<std::int64_t> supersedes) {
  if (!scope.has("case:handle")) return cannot_handle();
  std::int64_t now = env_.now();
  if (auto ok = domain::check_record(in, now); !ok) return ok.error();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    auto c = find_case(tx, scope, case_id);
    if (!c) return case_not_found();
    if (domain::is_read_only(c->state)) return read_only_case();
    if (supersedes) {
      auto old = tx.query("SELECT kind FROM case_records WHERE id = ? AND case_id = ?",
                          {*supersedes, case_id});
      if (old.empty()) {
        return Error::invalid("record.supersedes", "被更正的笔录不属于本案",
                              "the corrected record is not of this case", "supersedes");
      }
      if (old[0].str(0) != in.kind) {
        return Error::invalid(
            "record.supersedes_kind",
            "更正笔录须与原笔录同类(原笔录为" + domain::record_kind_label(old[0].str(0)) + ")",
            "a correction must be of the same kind", "kind");
      }
      if (!tx.query("SELECT 1 FROM case_records WHERE supersedes = ?", {*supersedes}).empty()) {
        return Error::conflict("record.superseded", "该笔录已被更正过,请更正最新的一份",
                               "the record was corrected already", "supersedes");
      }
    }
    json officers = json::array();
    for (auto oid : std::set<std::int64_t>(in.officer_ids.begin(), in.officer_ids.end())) {
      auto rows = tx.query(
          "SELECT f.name, (SELECT cf.number FROM certificates cf WHERE cf.officer_id = f.id AND "
          "cf.number IS NOT NULL ORDER BY cf.id DESC LIMIT 1), f.org_id, EXISTS (SELECT 1 FROM "
          "case_officers co WHERE co.case_id = ? AND co.officer_id = f.id) FROM officers f WHERE "
          "f.id = ?",
          {case_id, oid});
      if (rows.empty() || (rows[0].i64(2) != c->org_id && !rows[0].boolean(3))) {
        return Error::invalid(
            "record.officer",
            "执法人员(编号 " + std::to_string(oid) + ")不是本案或本机关的执法人员",
            "officer not of this case or body", "officer_ids");
      }
      officers.push_back({{"id", oid}, {"name", rows[0].str(0)}, {"cert_no", rows[0].str(1)}});
    }
    auto settings = load_av_settings(tx);
    std::string variant = domain::record_variant(in.kind, in.content);
    bool av = domain::requires_av(settings, in.kind, variant);
    json payload = {
        {"case_id", case_id},      {"kind", in.kind},
        {"variant", variant},      {"title", in.title},
        {"place", in.place},       {"started_at", in.started_at},
        {"ended_at", in.ended_at}, {"officers", officers},
        {"av_required", av},       {"content_sm3", sm::to_hex(sm::sm3(in.content.dump()))}};
    if (supersedes) payload["supersedes"] = *supersedes;
    std::int64_t seq =
        record(tx, &scope, now, c->org_id, "case", std::to_string(case_id), "record.made", payload);
    std::int64_t id = tx.insert(
        "INSERT INTO case_records (case_id, kind, variant, title, case_state, started_at, "
        "ended_at, place, officers, content, av_required, supersedes, ledger_seq, created_at, "
        "created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {case_id, in.kind, variant, in.title, c->state, in.started_at, in.ended_at, in.place,
         officers.dump(), env_.cipher->encrypt(in.content.dump()), av ? 1 : 0, supersedes, seq, now,
         scope.user_id});
    auto rows = tx.query(std::string(kRecordSelect) + " WHERE r.id = ?", {id});
    return record_json(env_, rows[0]);
  });
}

Result<json> EvidenceService::of_case(const domain::Scope& scope, std::int64_t case_id) {
  auto tx = env_.db->read();
  auto c = find_case(*tx, scope, case_id);
  if (!c) return case_not_found();
  json records = json::array();
  for (auto r :
       tx->query(std::string(kRecordSelect) + " WHERE r.case_id = ? ORDER BY r.id", {case_id})) {
    records.push_back(record_json(env_, r));
  }
  json items = json::array();
  for (auto r :
       tx->query(std::string(kEvidenceSelect) + " WHERE e.case_id = ? ORDER BY e.id", {case_id})) {
    items.push_back(evidence_json(r));
  }
  json exceptions = json::array();
  for (auto r : tx->query("SELECT x.id, x.record_id, x.reason, x.at, x.ledger_seq, "
                          "COALESCE(u.display_name, u.username, '') FROM av_exceptions x LEFT "
                          "JOIN users u ON u.id = x.by_user WHERE x.case_id = ? ORDER BY x.id",
                          {case_id})) {
    exceptions.push_back({{"id", r.i64(0)},
                          {"record_id", r.i64(1)},
                          {"reason", r.str(2)},
                          {"at", r.i64(3)},
                          {"ledger_seq", r.i64(4)},
                          {"by_name", r.str(5)}});
  }
  json uploads = json::array();
  for (auto r : tx->query("SELECT id, file_name, size, record_id, created_at FROM "
                          "evidence_uploads WHERE case_id = ? AND created_by = ? ORDER BY "
                          "created_at",
                          {case_id, scope.user_id})) {
    uploads.push_back({{"id", r.str(0)},
                       {"file_name", r.str(1)},
                       {"size", r.i64(2)},
                       {"offset", part_size(env_.files->part_path(r.str(0)))},
                       {"record_id", r.is_null(3) ? json() : json(r.i64(3))},
                       {"created_at", r.i64(4)}});
  }
  auto av = check_case_av(*tx, case_id);
  return json{{"case_id", case_id},
              {"read_only", domain::is_read_only(c->state)},
              {"records", records},
              {"evidence", items},
              {"exceptions", exceptions},
              {"uploads", uploads},
              {"record_kinds",
               [] {
                 json k = json::array();
                 for (const auto& rk : domain::record_kinds()) {
                   k.push_back({{"key", rk.key}, {"label", rk.label}});
                 }
                 return k;
               }()},
              {"av_check", {{"allowed", av.allowed}, {"reason", av.reason}, {"basis", av.article}}},
              {"max_upload_bytes", env_.config.files.max_upload_bytes}};
}

Result<json> EvidenceService::exempt(const domain::Scope& scope, std::int64_t case_id,
                                     std::int64_t record_id, const std::string& reason) {
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    auto c = find_case(tx, scope, case_id);
    if (!c) return case_not_found();
    if (domain::is_read_only(c->state)) return read_only_case();
    auto rows = tx.query("SELECT title, av_required FROM case_records WHERE id = ? AND case_id = ?",
                         {record_id, case_id});
    if (rows.empty()) return Error::not_found("笔录", "record");
    if (!rows[0].boolean(1)) {
      return Error::conflict("av.not_required", "该笔录不要求音像记录,无需登记例外",
                             "the record does not require audio-video");
    }
    if (!tx.query("SELECT 1 FROM av_exceptions WHERE record_id = ?", {record_id}).empty()) {
      return Error::conflict("av.exempted", "该笔录已登记例外", "already exempted");
    }
    std::int64_t seq =
        record(tx, &scope, now, c->org_id, "case", std::to_string(case_id), "record.av_exception",
               {{"record_id", record_id}, {"reason", reason}});
    tx.exec(
        "INSERT INTO av_exceptions (case_id, record_id, reason, ledger_seq, at, by_user) VALUES "
        "(?, ?, ?, ?, ?, ?)",
        {case_id, record_id, reason, seq, now, scope.user_id});
    return json{{"record_id", record_id}, {"reason", reason}, {"ledger_seq", seq}};
  });
}

Result<json> EvidenceService::start_upload(const domain::Scope& scope, std::int64_t case_id,
                                           const UploadInput& in) {
  if (!may_handle(scope)) return cannot_handle();
  if (auto ok = domain::check_upload_size(in.size, env_.config.files.max_upload_bytes); !ok) {
    return ok.error();
  }
  if (in.file_name.empty() || in.file_name.size() > 200 ||
      in.file_name.find_first_of("/\\") != std::string::npos) {
    return Error::invalid("upload.file_name", "文件名不正确(不超过 200 字节,不含路径)",
                          "bad file name", "file_name");
  }
  if (in.derived_from && in.derivation.empty()) {
    return Error::invalid("upload.derivation", "衍生文件须说明处理方式(如:遮盖无关人员面部)",
                          "a derivative needs a description", "derivation");
  }
  std::int64_t now = env_.now();
  // Expired uploads go at start and then at most hourly, when someone starts a new one.
  static std::atomic<std::int64_t> last_sweep{0};
  std::int64_t last = last_sweep.load();
  if (now - last > 3'600'000 && last_sweep.compare_exchange_strong(last, now)) sweep();
  std::string id = secrets::random_hex(16);
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    auto c = find_case(tx, scope, case_id);
    if (!c) return case_not_found();
    if (domain::is_read_only(c->state)) return read_only_case();
    if (in.record_id && tx.query("SELECT 1 FROM case_records WHERE id = ? AND case_id = ?",
                                 {*in.record_id, case_id})
                            .empty()) {
      return Error::invalid("upload.record", "笔录不属于本案", "the record is not of this case",
                            "record_id");
    }
    if (in.derived_from &&
        tx.query("SELECT 1 FROM evidence WHERE id = ? AND case_id = ?", {*in.derived_from, case_id})
            .empty()) {
      return Error::invalid("upload.derived_from", "原始证据不属于本案",
                            "the original is not of this case", "derived_from");
    }
    json meta = {{"title", in.meta.title.empty() ? in.file_name : in.meta.title},
                 {"captured_at", in.meta.captured_at},
                 {"place", in.meta.place},
                 {"device", in.meta.device},
                 {"collector", in.meta.collector},
                 {"derivation", in.derivation}};
    std::int64_t expires = now + std::int64_t{env_.config.files.upload_expiry_hours} * 3600000;
    tx.exec(
        "INSERT INTO evidence_uploads (id, case_id, record_id, derived_from, file_name, size, "
        "meta, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, case_id, in.record_id, in.derived_from, in.file_name, in.size, meta.dump(), now,
         scope.user_id, expires});
    return json{{"id", id},
                {"offset", 0},
                {"size", in.size},
                {"expires_at", expires},
                {"url", "/api/uploads/" + id}};
  });
}

Result<json> EvidenceService::upload_status(const domain::Scope& scope, const std::string& id) {
  auto tx = env_.db->read();
  auto up = find_upload(*tx, scope, id);
  if (!up) return Error::not_found("上传", "upload");
  return json{{"id", id},
              {"offset", part_size(env_.files->part_path(id))},
              {"size", up->size},
              {"file_name", up->file_name}};
}

Status EvidenceService::cancel_upload(const domain::Scope& scope, const std::string& id) {
  {
    auto tx = env_.db->read();
    auto up = find_upload(*tx, scope, id);
    if (!up) return Error::not_found("上传", "upload");
    if (up->created_by != scope.user_id) {
      return Error::forbidden("upload.owner", "只能取消自己发起的上传", "not your upload");
    }
  }
  drop_upload(env_, id);
  return Ok{};
}

Result<std::unique_ptr<http::BodySink>> EvidenceService::open_upload(const domain::Scope& scope,
                                                                     const std::string& id,
                                                                     std::int64_t offset) {
  if (!may_handle(scope)) return cannot_handle();
  std::optional<UploadRow> up;
  {
    auto tx = env_.db->read();
    up = find_upload(*tx, scope, id);
  }
  if (!up) return Error::not_found("上传", "upload");
  if (up->created_by != scope.user_id) {
    return Error::forbidden("upload.owner", "只能续传自己发起的上传", "not your upload");
  }
  fs::path part = env_.files->part_path(id);
  auto file = files::AppendFile::open(part);
  if (!file) return file.error();
  if (!file->try_lock()) {
    return Error::conflict("upload.busy", "该文件正在另一个连接中上传", "upload in progress");
  }
  std::int64_t have = part_size(part);
  if (offset != have) return offset_mismatch(have);
  Parked state;
  if (auto p = unpark(id); p && p->offset == have) {
    state = std::move(*p);
  } else {
    state.offset = have;
    state.hasher = std::make_unique<files::DualHasher>();
    if (have > 0) {
      if (auto h = files::FileStore::hash_into(part, have, *state.hasher); !h) return h.error();
      std::string head(domain::kSniffBytes, '\0');
      FILE* f = std::fopen(part.c_str(), "rb");
      std::size_t n = f ? std::fread(head.data(), 1, head.size(), f) : 0;
      if (f) std::fclose(f);
      head.resize(n);
      state.head = std::move(head);
    }
  }
  return std::unique_ptr<http::BodySink>(
      new UploadSink(env_, scope, std::move(*up), std::move(file).value(), std::move(state)));
}

Result<json> EvidenceService::add_bytes(const domain::Scope& scope, std::int64_t case_id,
                                        const UploadInput& in, std::string_view bytes) {
  UploadInput declared = in;
  declared.size = static_cast<std::int64_t>(bytes.size());
  auto started = start_upload(scope, case_id, declared);
  if (!started) return started.error();
  std::string id = (*started)["id"];
  auto sink = open_upload(scope, id, 0);
  if (!sink) return sink.error();
  if (auto w = (*sink)->write(bytes); !w) {
    (*sink)->abort();
    return w.error();
  }
  auto r = (*sink)->finish();
  sink->reset();
  json body = json::parse(r.body, nullptr, false);
  if (r.status != 201) {
    return Error::internal("evidence not stored: " +
                           (body.is_object() ? body.value("detail", "") : r.body));
  }
  return body;
}

int EvidenceService::sweep() {
  std::int64_t now = env_.now();
  std::vector<std::string> expired;
  {
    auto tx = env_.db->read();
    for (auto r : tx->query("SELECT id FROM evidence_uploads WHERE expires_at < ?", {now})) {
      expired.push_back(r.str(0));
    }
  }
  for (const auto& id : expired) drop_upload(env_, id);
  // Partial files without an upload row (left by a crash between the two), and stale temporaries.
  std::set<std::string> live;
  {
    auto tx = env_.db->read();
    for (auto r : tx->query("SELECT id FROM evidence_uploads")) live.insert(r.str(0));
  }
  std::error_code ec;
  auto old = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& dir : {env_.files->root() / "uploads", env_.files->temp_dir()}) {
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::string stem = entry.path().stem().string();
      bool is_part = entry.path().extension() == ".part";
      if (is_part && live.count(stem)) continue;
      if (entry.last_write_time(ec) > old) continue;
      fs::remove(entry.path(), ec);
    }
  }
  return static_cast<int>(expired.size());
}

Result<FileRef> EvidenceService::open_file(const domain::Scope& scope, std::int64_t id,
                                           bool download, Read read) {
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<FileRef> {
    auto found = find_evidence(tx, scope, id);
    if (!found) return Error::not_found("证据", "evidence");
    const auto& [e, c] = *found;
    std::string sm3 = e["sm3"];
    fs::path path = env_.files->object_path(sm3);
    if (!env_.files->has(sm3)) {
      return Error{ErrorKind::kInternal, "evidence.file_missing",
                   "证据文件缺失(存储中找不到 " + sm3.substr(0, 12) + "…),请联系管理员",
                   "the evidence file is missing from the store", ""};
    }
    bool log = download || read != Read::kPlayerContinues;
    if (read == Read::kPlayerStart && !download &&
        !tx.query(
               "SELECT 1 FROM evidence_custody WHERE evidence_id = ? AND actor_id = ? AND action "
               "= 'view' AND at > ?",
               {id, scope.user_id, now - 60'000})
             .empty()) {
      log = false;
    }
    if (log) {
      add_custody(tx, &scope, scope.username, now, id, c.org_id, download ? "download" : "view",
                  {{"sm3", sm3}});
    }
    return FileRef{path.string(), e["mime"], e["file_name"], e["size"].get<std::int64_t>()};
  });
}

Result<json> EvidenceService::get(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto found = find_evidence(*tx, scope, id);
  if (!found) return Error::not_found("证据", "evidence");
  json e = found->first;
  json derivatives = json::array();
  for (auto r :
       tx->query(std::string(kEvidenceSelect) + " WHERE e.derived_from = ? ORDER BY e.id", {id})) {
    derivatives.push_back(evidence_json(r));
  }
  e["derivatives"] = derivatives;
  return e;
}

Result<json> EvidenceService::share(const domain::Scope& scope, std::int64_t id,
                                    const std::string& recipient, const std::string& purpose,
                                    int days) {
  if (!may_handle(scope)) return cannot_handle();
  std::int64_t now = env_.now();
  std::string token = secrets::random_hex(24);
  std::int64_t expires = now + std::int64_t{days} * 86400000;
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    auto found = find_evidence(tx, scope, id);
    if (!found) return Error::not_found("证据", "evidence");
    tx.exec(
        "INSERT INTO evidence_shares (token_hash, evidence_id, recipient, purpose, expires_at, "
        "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        {sm::to_hex(sm::sm3(token)), id, recipient, purpose, expires, now, scope.user_id});
    add_custody(tx, &scope, scope.username, now, id, found->second.org_id, "share",
                {{"recipient", recipient}, {"purpose", purpose}, {"expires_at", expires}});
    return json{{"token", token},
                {"url", "/api/shared-evidence/" + token},
                {"recipient", recipient},
                {"expires_at", expires}};
  });
}

Result<FileRef> EvidenceService::open_shared(const std::string& token, const std::string& ip) {
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<FileRef> {
    auto rows = tx.query(
        "SELECT s.evidence_id, s.recipient, s.expires_at, e.sm3, e.mime, e.file_name, c.org_id "
        "FROM evidence_shares s JOIN evidence e ON e.id = s.evidence_id JOIN cases c ON c.id = "
        "e.case_id WHERE s.token_hash = ?",
        {sm::to_hex(sm::sm3(token))});
    if (rows.empty() || rows[0].i64(2) < now) {
      return Error::not_found("共享链接(不存在或已过期)", "share link (unknown or expired)");
    }
    auto r = rows[0];
    add_custody(tx, nullptr, r.str(1), now, r.i64(0), r.i64(6), "shared_download",
                {{"recipient", r.str(1)}, {"ip", ip}});
    return FileRef{env_.files->object_path(r.str(3)).string(), r.str(4), r.str(5), 0};
  });
}

Result<json> EvidenceService::custody(const domain::Scope& scope, std::int64_t id) {
  auto tx = env_.db->read();
  auto found = find_evidence(*tx, scope, id);
  if (!found) return Error::not_found("证据", "evidence");
  json entries = json::array();
  for (auto r : tx->query("SELECT id, action, actor_name, detail, ledger_seq, at FROM "
                          "evidence_custody WHERE evidence_id = ? ORDER BY id",
                          {id})) {
    entries.push_back({{"id", r.i64(0)},
                       {"action", r.str(1)},
                       {"actor_name", r.str(2)},
                       {"detail", json::parse(r.str(3))},
                       {"ledger_seq", r.i64(4)},
                       {"at", r.i64(5)}});
  }
  return json{{"evidence", found->first}, {"entries", entries}};
}

Result<std::string> EvidenceService::custody_pdf(const domain::Scope& scope, std::int64_t id) {
  auto c = custody(scope, id);
  if (!c) return c.error();
  const json& e = (*c)["evidence"];
  static const std::map<std::string, std::string> kLabels{{"collect", "收集入库"},
                                                          {"view", "查看"},
                                                          {"download", "下载"},
                                                          {"share", "共享"},
                                                          {"shared_download", "共享下载"},
                                                          {"derive", "制作衍生件"}};
  pdf::Document doc;
  doc.title = "证据保管链记录";
  doc.blocks.push_back(pdf::Block::title("证据保管链记录"));
  doc.blocks.push_back(pdf::Block::table(
      {{"项目", "内容"},
       {"证据编号", std::to_string(e["id"].get<std::int64_t>())},
       {"名称", e["title"].get<std::string>()},
       {"文件", e["file_name"].get<std::string>() + "(" + e["mime"].get<std::string>() + ", " +
                    std::to_string(e["size"].get<std::int64_t>()) + " 字节)"},
       {"SM3", e["sm3"].get<std::string>()},
       {"SHA-256", e["sha256"].get<std::string>()},
       {"采集时间、地点",
        [&] {
          std::string t = e["captured_at"].get<std::string>();
          if (t.size() > 10 && t[10] == 'T') t[10] = ' ';
          return t + " " + e["place"].get<std::string>();
        }()},
       {"采集设备", e["device"].get<std::string>()},
       {"采集人", e["collector"].get<std::string>()}},
      {1, 3}));
  doc.blocks.push_back(pdf::Block::heading("保管记录"));
  static const std::map<std::string, std::string> kDetail{
      {"recipient", "接收方"},         {"purpose", "用途"},
      {"expires_at", "有效期至"},      {"derivation", "处理方式"},
      {"derivative_id", "衍生件编号"}, {"ip", "访问地址"},
      {"size", "大小(字节)"},          {"derived_from", "原件编号"}};
  std::vector<std::vector<std::string>> rows{{"时间", "操作", "操作人", "说明", "账本序号"}};
  for (const auto& en : (*c)["entries"]) {
    std::string action = en["action"];
    auto it = kLabels.find(action);
    std::string detail;
    for (const auto& [k, v] : en["detail"].items()) {
      auto label = kDetail.find(k);
      if (label == kDetail.end()) continue;  // hashes and internal references: in the ledger
      std::string value = v.is_string() ? v.get<std::string>() : v.dump();
      if (k == "expires_at" && v.is_number_integer()) {
        value = domain::shanghai_minute(v.get<std::int64_t>());
      }
      detail += (detail.empty() ? "" : ";") + label->second + ":" + value;
    }
    rows.push_back({domain::shanghai_minute(en["at"].get<std::int64_t>()),
                    it == kLabels.end() ? action : it->second, en["actor_name"].get<std::string>(),
                    detail, std::to_string(en["ledger_seq"].get<std::int64_t>())});
  }
  doc.blocks.push_back(pdf::Block::table(rows, {2.0, 1.4, 1.3, 2.8, 1.2}));
  doc.blocks.push_back(
      pdf::Block::paragraph("每条记录均已写入可信账本,可按账本序号在“可信账本”中核验其包含证明。"));
  doc.blocks.push_back(pdf::Block::right("生成时间:" + domain::shanghai_minute(env_.now())));
  return pdf::render(doc);
}

json EvidenceService::av_settings() {
  auto tx = env_.db->read();
  return {{"settings", domain::to_json(load_av_settings(*tx))}, {"choices", domain::av_choices()}};
}

Result<json> EvidenceService::put_av_settings(const domain::Scope& scope, const json& body) {
  auto parsed = domain::parse_av_settings(body);
  if (!parsed) return parsed.error();
  std::int64_t now = env_.now();
  return db::with_write(*env_.db, [&](db::Tx& tx) -> Result<json> {
    auto before = load_av_settings(tx);
    tx.exec(
        "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) ON CONFLICT "
        "(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
        "updated_by = excluded.updated_by",
        {std::string(kAvKey), domain::to_json(*parsed).dump(), now, scope.user_id});
    record(tx, &scope, now, scope.org_id, "settings", kAvKey, "settings.av",
           {{"before", domain::to_json(before)}, {"after", domain::to_json(*parsed)}});
    return json{{"settings", domain::to_json(*parsed)}, {"choices", domain::av_choices()}};
  });
}

}  // namespace zhifa::modules::evidence
