// Full-process records of a case (全过程记录, DOMAIN.md §5.2): on-site records (笔录), evidence
// files with their chain of custody, and exceptions to the audio-video rule.
//
// Uploads are resumable (like tus): POST /api/cases/{id}/uploads declares the file (name, size,
// metadata) and gets an id; PATCH /api/uploads/{id} with Upload-Offset sends bytes from there on,
// streamed to <files>/uploads/<id>.part and hashed (SM3 + SHA-256) as they arrive; HEAD/GET tells
// the offset to continue from after a broken connection. The first bytes are sniffed: a renamed
// executable is refused at once and the upload dropped. When the last byte arrives the file moves
// into the store under its SM3 hash and becomes evidence in the same transaction as its ledger
// event. Every view, download, share and derivative is a custody entry and a ledger event.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/env.hpp"
#include "domain/access.hpp"
#include "domain/evidence.hpp"
#include "http/types.hpp"

namespace zhifa::modules::evidence {

struct UploadInput {
  std::string file_name;
  std::int64_t size = 0;
  std::optional<std::int64_t> record_id, derived_from;
  std::string derivation;  // for a derivative: what was done (e.g. 遮盖当事人面部)
  domain::EvidenceMeta meta;
};

// A file to hand out: where it is and how to name it.
struct FileRef {
  std::string path, mime, file_name;
  std::int64_t size = 0;
};

// The audio-video rule for a case inside the caller's transaction (cases call it before a step).
domain::RuleCheck check_case_av(db::Tx& tx, std::int64_t case_id);
domain::AvSettings load_av_settings(db::Tx& tx);

class EvidenceService {
 public:
  explicit EvidenceService(app::Env& env) : env_(env) {}

  // --- records
  Result<nlohmann::json> add_record(const domain::Scope& scope, std::int64_t case_id,
                                    const domain::RecordInput& in,
                                    std::optional<std::int64_t> supersedes);
  // Records, evidence (with derivatives) and exceptions of a case, and the audio-video check.
  Result<nlohmann::json> of_case(const domain::Scope& scope, std::int64_t case_id);
  Result<nlohmann::json> exempt(const domain::Scope& scope, std::int64_t case_id,
                                std::int64_t record_id, const std::string& reason);

  // --- uploads
  Result<nlohmann::json> start_upload(const domain::Scope& scope, std::int64_t case_id,
                                      const UploadInput& in);
  Result<nlohmann::json> upload_status(const domain::Scope& scope, const std::string& id);
  Status cancel_upload(const domain::Scope& scope, const std::string& id);
  // The sink for PATCH: checks the offset, locks the upload against a second writer.
  Result<std::unique_ptr<http::BodySink>> open_upload(const domain::Scope& scope,
                                                      const std::string& id, std::int64_t offset);
  // A file already in memory (a small one: the demo's photos) through the same path as an upload:
  // declared, streamed, sniffed, hashed and stored.
  Result<nlohmann::json> add_bytes(const domain::Scope& scope, std::int64_t case_id,
                                   const UploadInput& in, std::string_view bytes);
  // Drops expired uploads and stray partial files; returns how many uploads went.
  int sweep();

  // --- custody
  // The file for viewing (inline) or downloading, logged in custody and the ledger.
  // How a read is logged: every plain view or download is an entry; a player's range request
  // from the start is one unless the caller viewed the file within the last minute (players ask
  // twice); a range further on continues a view already logged.
  enum class Read { kLogged, kPlayerStart, kPlayerContinues };
  Result<FileRef> open_file(const domain::Scope& scope, std::int64_t id, bool download,
                            Read read = Read::kLogged);
  Result<nlohmann::json> get(const domain::Scope& scope, std::int64_t id);
  Result<nlohmann::json> share(const domain::Scope& scope, std::int64_t id,
                               const std::string& recipient, const std::string& purpose, int days);
  // A shared link (no sign-in): the file, logged as a download by the recipient.
  Result<FileRef> open_shared(const std::string& token, const std::string& ip);
  Result<nlohmann::json> custody(const domain::Scope& scope, std::int64_t id);
  // The custody report as PDF.
  Result<std::string> custody_pdf(const domain::Scope& scope, std::int64_t id);

  // --- settings (音像记录范围)
  nlohmann::json av_settings();
  Result<nlohmann::json> put_av_settings(const domain::Scope& scope, const nlohmann::json& body);

 private:
  app::Env& env_;
};

}  // namespace zhifa::modules::evidence
