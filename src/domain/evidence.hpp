// Full-process records (全过程记录, DOMAIN.md §5.2): the structured records officers make on site
// (笔录), the evidence files that back them, and the rule that on-site actions touching liberty,
// health or major property carry continuous audio-video. Plain rules: no files, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/case_rules.hpp"
#include "platform/error.hpp"

namespace zhifa::domain {

// --- evidence files ------------------------------------------------------------------------------

// What the first bytes of a file say it is. `kind` is photo | audio | video | document, or empty
// when the file is refused (an executable or script, or a format we do not keep as evidence).
struct Sniffed {
  std::string mime;    // e.g. "image/jpeg"
  std::string kind;    // photo | audio | video | document | "" (refused)
  std::string reason;  // Chinese, when refused
};

// How many leading bytes sniff() wants (fewer are fine for a shorter file).
inline constexpr std::size_t kSniffBytes = 64;

// Recognises JPEG, PNG, GIF, WebP, BMP, HEIC; MP4/MOV/3GP (ftyp), AVI, MKV/WebM, FLV, MPEG-TS/PS;
// WAV, MP3, AAC, M4A, AMR, OGG, FLAC; PDF, Office documents (OOXML zip, OLE2), OFD (zip), plain
// text. Refuses Windows/ELF/Mach-O executables, scripts (#!) and anything unrecognised.
Sniffed sniff(std::string_view head, std::string_view file_name);

// The declared size of an upload against the limit (bytes): > 0 and ≤ limit.
Status check_upload_size(std::int64_t size, std::int64_t limit);

// Metadata of a piece of evidence as the officer states it. Capture time "YYYY-MM-DDTHH:MM" (local,
// Asia/Shanghai) or empty; device e.g. the body camera number.
struct EvidenceMeta {
  std::string title, captured_at, place, device, collector;
};
Result<EvidenceMeta> parse_evidence_meta(const nlohmann::json& j);

// --- records (笔录)
// --------------------------------------------------------------------------------

struct RecordKind {
  std::string key, label;
};
// inquiry 询问笔录, inspection 现场检查笔录, sampling 抽样取证记录, preservation 先行登记保存,
// seizure 查封扣押, enforcement 行政强制措施/强制执行, service 送达记录.
const std::vector<RecordKind>& record_kinds();
std::string record_kind_label(std::string_view kind);

// The variant of a record that the audio-video list can name: "questioning_room" for an inquiry
// held in the questioning room, the service method for a service record ("leave" 留置送达, ...).
std::string record_variant(std::string_view kind, const nlohmann::json& content);

// Checks a record's content for its kind (who, what; items for sampling/preservation/seizure, a
// document and method for service) and returns it normalised. Times are epoch ms.
struct RecordInput {
  std::string kind, title, place;
  std::int64_t started_at = 0, ended_at = 0;
  std::vector<std::int64_t> officer_ids;
  nlohmann::json content = nlohmann::json::object();
};
Status check_record(const RecordInput& in, std::int64_t now_ms);

// --- mandatory audio-video
// -------------------------------------------------------------------------

// The local list of on-site actions that require audio-video, as "kind" or "kind:variant", e.g.
// "seizure", "inquiry:questioning_room", "service:leave".
struct AvSettings {
  std::vector<std::string> required{"seizure", "enforcement", "inquiry:questioning_room",
                                    "service:leave"};
};
Result<AvSettings> parse_av_settings(const nlohmann::json& j);
nlohmann::json to_json(const AvSettings& s);
// The choices an administrator has, with labels, for the settings page.
nlohmann::json av_choices();

bool requires_av(const AvSettings& s, std::string_view kind, std::string_view variant);

struct RecordAv {
  std::int64_t id = 0;
  std::string kind, variant, title;
  bool has_av = false;    // an audio or video file is attached to the record
  bool exempted = false;  // a supervisor recorded an exception with a reason
};
// Refuses the next step of a case while a record that requires audio-video has none and no
// exception; names the records.
RuleCheck check_av(const AvSettings& s, const std::vector<RecordAv>& records);

}  // namespace zhifa::domain
