#include "domain/evidence.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>

namespace zhifa::domain {
namespace {

using nlohmann::json;

bool starts(std::string_view s, std::string_view prefix, std::size_t at = 0) {
  return s.size() >= at + prefix.size() && s.substr(at, prefix.size()) == prefix;
}

std::string lower_extension(std::string_view name) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= name.size()) return {};
  std::string ext(name.substr(dot + 1));
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

// The kind a file name's extension promises, or "" when it promises nothing we know.
std::string kind_of_extension(const std::string& ext) {
  static const std::array<std::pair<const char*, const char*>, 38> kMap{{
      {"jpg", "photo"},    {"jpeg", "photo"},    {"png", "photo"},    {"gif", "photo"},
      {"webp", "photo"},   {"bmp", "photo"},     {"heic", "photo"},   {"heif", "photo"},
      {"mp4", "video"},    {"mov", "video"},     {"3gp", "video"},    {"avi", "video"},
      {"mkv", "video"},    {"webm", "video"},    {"flv", "video"},    {"mpg", "video"},
      {"mpeg", "video"},   {"ts", "video"},      {"wav", "audio"},    {"mp3", "audio"},
      {"aac", "audio"},    {"m4a", "audio"},     {"amr", "audio"},    {"ogg", "audio"},
      {"flac", "audio"},   {"pdf", "document"},  {"doc", "document"}, {"docx", "document"},
      {"xls", "document"}, {"xlsx", "document"}, {"ppt", "document"}, {"pptx", "document"},
      {"wps", "document"}, {"et", "document"},   {"ofd", "document"}, {"txt", "document"},
      {"exe", "refused"},  {"sh", "refused"},
  }};
  for (const auto& [e, k] : kMap) {
    if (ext == e) return k;
  }
  return {};
}

Sniffed refused(std::string reason) { return {"", "", std::move(reason)}; }

bool printable_text(std::string_view head) {
  if (head.empty()) return false;
  for (unsigned char c : head) {
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c != 0x1b) || c == 0x7f) return false;
  }
  return true;
}

std::string kind_label(const std::string& kind) {
  if (kind == "photo") return "图片";
  if (kind == "audio") return "音频";
  if (kind == "video") return "视频";
  if (kind == "document") return "文档";
  return kind;
}

Sniffed by_content(std::string_view h, const std::string& ext) {
  auto u = [&](std::size_t i) { return i < h.size() ? static_cast<unsigned char>(h[i]) : 0u; };
  // Executables and scripts first: whatever their name says.
  if (starts(h, "MZ")) return refused("Windows 可执行程序不能作为证据上传");
  if (starts(h,
             "\x7f"
             "ELF"))
    return refused("可执行程序(ELF)不能作为证据上传");
  if ((u(0) == 0xfe && u(1) == 0xed && u(2) == 0xfa && (u(3) == 0xce || u(3) == 0xcf)) ||
      (u(0) == 0xcf && u(1) == 0xfa && u(2) == 0xed && u(3) == 0xfe) ||
      (u(0) == 0xca && u(1) == 0xfe && u(2) == 0xba && u(3) == 0xbe)) {
    return refused("可执行程序(Mach-O)不能作为证据上传");
  }
  if (starts(h, "#!AMR")) return {"audio/amr", "audio", ""};
  if (starts(h, "#!")) return refused("脚本文件不能作为证据上传");
  // Pictures.
  if (u(0) == 0xff && u(1) == 0xd8 && u(2) == 0xff) return {"image/jpeg", "photo", ""};
  if (starts(h, "\x89PNG\r\n\x1a\n")) return {"image/png", "photo", ""};
  if (starts(h, "GIF87a") || starts(h, "GIF89a")) return {"image/gif", "photo", ""};
  if (starts(h, "RIFF") && starts(h, "WEBP", 8)) return {"image/webp", "photo", ""};
  if (starts(h, "RIFF") && starts(h, "AVI ", 8)) return {"video/x-msvideo", "video", ""};
  if (starts(h, "RIFF") && starts(h, "WAVE", 8)) return {"audio/wav", "audio", ""};
  if (starts(h, "BM") && h.size() >= 26 && u(14) >= 12 && u(15) == 0 && ext == "bmp") {
    return {"image/bmp", "photo", ""};
  }
  // ISO base media (MP4, MOV, 3GP, M4A, HEIC): a box size, then "ftyp" and the brand.
  if (starts(h, "ftyp", 4)) {
    std::string brand(h.size() >= 12 ? h.substr(8, 4) : std::string_view{});
    if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "msf1" ||
        brand == "heim") {
      return {"image/heic", "photo", ""};
    }
    if (brand == "M4A " || brand == "M4B ") return {"audio/mp4", "audio", ""};
    if (brand == "qt  ") return {"video/quicktime", "video", ""};
    if (brand.starts_with("3g")) return {"video/3gpp", "video", ""};
    return {"video/mp4", "video", ""};
  }
  if (u(0) == 0x1a && u(1) == 0x45 && u(2) == 0xdf && u(3) == 0xa3) {
    bool webm = h.find("webm") != std::string_view::npos || ext == "webm";
    return {webm ? "video/webm" : "video/x-matroska", "video", ""};
  }
  if (starts(h, "FLV\x01")) return {"video/x-flv", "video", ""};
  if (u(0) == 0 && u(1) == 0 && u(2) == 1 && (u(3) == 0xba || u(3) == 0xb3)) {
    return {"video/mpeg", "video", ""};
  }
  if (u(0) == 0x47 && (ext == "ts" || ext == "mts" || ext == "m2ts")) {
    return {"video/mp2t", "video", ""};
  }
  // Sound.
  if (starts(h, "ID3")) return {"audio/mpeg", "audio", ""};
  if (u(0) == 0xff && (u(1) == 0xf1 || u(1) == 0xf9)) return {"audio/aac", "audio", ""};
  if (u(0) == 0xff && (u(1) & 0xe0) == 0xe0) return {"audio/mpeg", "audio", ""};
  if (starts(h, "OggS")) return {"audio/ogg", "audio", ""};
  if (starts(h, "fLaC")) return {"audio/flac", "audio", ""};
  // Documents.
  if (starts(h, "%PDF-")) return {"application/pdf", "document", ""};
  if (starts(h, "PK\x03\x04")) {
    if (ext == "docx") {
      return {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document",
              ""};
    }
    if (ext == "xlsx") {
      return {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document", ""};
    }
    if (ext == "pptx") {
      return {"application/vnd.openxmlformats-officedocument.presentationml.presentation",
              "document", ""};
    }
    if (ext == "ofd") return {"application/ofd", "document", ""};
    return refused("压缩包不能作为证据上传(Word/Excel/OFD 文档请保留原扩展名)");
  }
  if (starts(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")) {
    if (ext == "doc" || ext == "wps") return {"application/msword", "document", ""};
    if (ext == "xls" || ext == "et") return {"application/vnd.ms-excel", "document", ""};
    if (ext == "ppt") return {"application/vnd.ms-powerpoint", "document", ""};
    return refused("无法识别的 Office 文件(请保留 .doc/.xls/.ppt 扩展名)");
  }
  if (ext == "txt" && printable_text(h)) return {"text/plain; charset=utf-8", "document", ""};
  return refused("无法识别的文件格式:证据须为图片、音频、视频或文档(PDF、Office、OFD)");
}

std::string trimmed(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return {};
  std::string s = j[key].get<std::string>();
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

Error bad(std::string code, std::string zh, std::string en, std::string field) {
  return Error::invalid(std::move(code), std::move(zh), std::move(en), std::move(field));
}

const std::vector<std::pair<std::string, std::string>>& service_methods() {
  static const std::vector<std::pair<std::string, std::string>> k{
      {"direct", "直接送达"},     {"leave", "留置送达"}, {"mail", "邮寄送达"},
      {"electronic", "电子送达"}, {"agent", "委托送达"}, {"announcement", "公告送达"}};
  return k;
}

struct AvChoice {
  const char* key;
  const char* label;
};
constexpr AvChoice kAvChoices[] = {
    {"seizure", "查封、扣押"},
    {"enforcement", "行政强制措施、强制执行(含强制拆除)"},
    {"inquiry:questioning_room", "在询问室询问"},
    {"service:leave", "留置送达"},
    {"preservation", "先行登记保存"},
    {"sampling", "抽样取证"},
    {"inspection", "现场检查"},
    {"inquiry", "询问(全部)"},
    {"service", "送达(全部)"},
};

}  // namespace

Sniffed sniff(std::string_view head, std::string_view file_name) {
  std::string ext = lower_extension(file_name);
  Sniffed s = by_content(head.substr(0, std::min(head.size(), kSniffBytes)), ext);
  if (s.kind.empty()) return s;
  std::string promised = kind_of_extension(ext);
  if (!promised.empty() && promised != s.kind) {
    return refused("文件扩展名 ." + ext + " 与内容不符:内容是" + kind_label(s.kind) + "(" + s.mime +
                   ")");
  }
  return s;
}

Status check_upload_size(std::int64_t size, std::int64_t limit) {
  if (size <= 0) {
    return bad("evidence.size", "文件大小须大于 0 字节", "the file size must be positive", "size");
  }
  if (size > limit) {
    return Error{
        ErrorKind::kTooLarge, "evidence.too_large",
        "文件过大:" + std::to_string(size) + " 字节,上限 " + std::to_string(limit) + " 字节",
        "file too large: " + std::to_string(size) + " bytes, limit " + std::to_string(limit),
        "size"};
  }
  return Ok{};
}

Result<EvidenceMeta> parse_evidence_meta(const json& j) {
  EvidenceMeta m;
  m.title = trimmed(j, "title");
  m.captured_at = trimmed(j, "captured_at");
  m.place = trimmed(j, "place");
  m.device = trimmed(j, "device");
  m.collector = trimmed(j, "collector");
  if (!m.captured_at.empty()) {
    static const std::regex kTime(R"(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?)");
    if (!std::regex_match(m.captured_at, kTime)) {
      return bad("evidence.captured_at", "采集时间格式应为 2026-05-01T09:30",
                 "captured_at must look like 2026-05-01T09:30", "captured_at");
    }
  }
  for (const auto* s : {&m.title, &m.place, &m.device, &m.collector}) {
    if (s->size() > 200) {
      return bad("evidence.meta_too_long", "证据说明过长(每项不超过 200 字节)",
                 "evidence metadata too long (200 bytes each)", "");
    }
  }
  return m;
}

const std::vector<RecordKind>& record_kinds() {
  static const std::vector<RecordKind> k{{"inquiry", "询问笔录"},
                                         {"inspection", "现场检查(勘验)笔录"},
                                         {"sampling", "抽样取证记录"},
                                         {"preservation", "先行登记保存证据"},
                                         {"seizure", "查封、扣押现场笔录"},
                                         {"enforcement", "行政强制措施/强制执行现场笔录"},
                                         {"service", "送达记录"}};
  return k;
}

std::string record_kind_label(std::string_view kind) {
  for (const auto& k : record_kinds()) {
    if (k.key == kind) return k.label;
  }
  return std::string(kind);
}

std::string record_variant(std::string_view kind, const json& content) {
  if (kind == "inquiry" && content.is_object() && content.value("room", false)) {
    return "questioning_room";
  }
  if (kind == "service") return trimmed(content, "method");
  return {};
}

Status check_record(const RecordInput& in, std::int64_t now_ms) {
  if (record_kind_label(in.kind) == in.kind) {
    return bad("record.kind", "未知的笔录类型: " + in.kind, "unknown record kind", "kind");
  }
  if (in.title.empty() || in.title.size() > 200) {
    return bad("record.title", "请填写笔录标题(不超过 200 字节)", "a title is required", "title");
  }
  if (in.place.empty() || in.place.size() > 200) {
    return bad("record.place", "请填写地点", "the place is required", "place");
  }
  if (in.started_at <= 0 || in.started_at > now_ms + 5 * 60 * 1000) {
    return bad("record.started_at", "开始时间不能晚于现在", "the start cannot be in the future",
               "started_at");
  }
  if (in.ended_at < in.started_at || in.ended_at > now_ms + 5 * 60 * 1000) {
    return bad("record.ended_at", "结束时间须在开始时间之后、不晚于现在",
               "the end must follow the start and not be in the future", "ended_at");
  }
  std::set<std::int64_t> distinct(in.officer_ids.begin(), in.officer_ids.end());
  if (distinct.size() < 2) {
    return Error{ErrorKind::kUnprocessable, "record.two_officers",
                 "执法人员不得少于两人(《中华人民共和国行政处罚法》第四十二条)",
                 "at least two officers must be present (APL art. 42)", "officer_ids"};
  }
  const json& c = in.content;
  if (!c.is_object())
    return bad("record.content", "笔录内容格式错误", "content must be an object", "content");
  if (in.kind == "inquiry") {
    if (!c.contains("person") || trimmed(c["person"], "name").empty()) {
      return bad("record.person", "请填写被询问人姓名", "the person questioned is required",
                 "content.person.name");
    }
    if (!c.contains("qa") || !c["qa"].is_array() || c["qa"].empty()) {
      return bad("record.qa", "询问笔录须有问答内容", "an inquiry needs questions and answers",
                 "content.qa");
    }
    for (const auto& qa : c["qa"]) {
      if (trimmed(qa, "q").empty() || trimmed(qa, "a").empty()) {
        return bad("record.qa", "每一问都须有回答", "every question needs an answer", "content.qa");
      }
    }
  } else if (in.kind == "inspection") {
    if (trimmed(c, "findings").empty()) {
      return bad("record.findings", "请填写检查情况", "the findings are required",
                 "content.findings");
    }
  } else if (in.kind == "sampling" || in.kind == "preservation" || in.kind == "seizure") {
    if (!c.contains("items") || !c["items"].is_array() || c["items"].empty()) {
      return bad("record.items", "请列出物品清单", "the list of items is required",
                 "content.items");
    }
    for (const auto& it : c["items"]) {
      if (trimmed(it, "name").empty() || trimmed(it, "quantity").empty()) {
        return bad("record.items", "物品须有名称和数量", "each item needs a name and a quantity",
                   "content.items");
      }
    }
  } else if (in.kind == "enforcement") {
    if (trimmed(c, "measure").empty()) {
      return bad("record.measure", "请填写采取的措施", "the measure is required",
                 "content.measure");
    }
  } else if (in.kind == "service") {
    if (trimmed(c, "document").empty() || trimmed(c, "recipient").empty()) {
      return bad("record.service", "请填写送达的文书和受送达人",
                 "the document served and the recipient are required", "content.document");
    }
    std::string method = trimmed(c, "method");
    bool known = std::any_of(service_methods().begin(), service_methods().end(),
                             [&](const auto& m) { return m.first == method; });
    if (!known) {
      return bad("record.method", "送达方式应为直接、留置、邮寄、电子、委托或公告送达",
                 "unknown service method", "content.method");
    }
  }
  return Ok{};
}

Result<AvSettings> parse_av_settings(const json& j) {
  AvSettings s;
  if (!j.is_object()) {
    return bad("settings.av", "音像记录设置格式错误", "malformed audio-video settings", "");
  }
  if (j.contains("required")) {
    if (!j["required"].is_array()) {
      return bad("settings.av", "required 应为数组", "required must be an array", "required");
    }
    s.required.clear();
    for (const auto& v : j["required"]) {
      std::string key = v.is_string() ? v.get<std::string>() : "";
      bool known = std::any_of(std::begin(kAvChoices), std::end(kAvChoices),
                               [&](const AvChoice& c) { return key == c.key; });
      if (!known) {
        return bad("settings.av_unknown", "未知的现场执法活动: " + key,
                   "unknown on-site action: " + key, "required");
      }
      if (std::find(s.required.begin(), s.required.end(), key) == s.required.end()) {
        s.required.push_back(key);
      }
    }
  }
  return s;
}

json to_json(const AvSettings& s) { return {{"required", s.required}}; }

json av_choices() {
  json out = json::array();
  for (const auto& c : kAvChoices) out.push_back({{"key", c.key}, {"label", c.label}});
  return out;
}

bool requires_av(const AvSettings& s, std::string_view kind, std::string_view variant) {
  for (const auto& r : s.required) {
    auto colon = r.find(':');
    if (colon == std::string::npos) {
      if (r == kind) return true;
    } else if (std::string_view(r).substr(0, colon) == kind &&
               std::string_view(r).substr(colon + 1) == variant) {
      return true;
    }
  }
  return false;
}

RuleCheck check_av(const AvSettings& s, const std::vector<RecordAv>& records) {
  std::string missing;
  for (const auto& r : records) {
    if (!requires_av(s, r.kind, r.variant) || r.has_av || r.exempted) continue;
    if (!missing.empty()) missing += "、";
    missing += "《" + r.title + "》(" + record_kind_label(r.kind) + ")";
  }
  if (missing.empty()) return {true, "ok", "", ""};
  return {false, "case.av_missing",
          "现场执法活动须全程音像记录:" + missing +
              " 尚无音像证据。请上传执法记录仪音视频,或由监督人员登记例外及理由后再办理",
          "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的"
          "指导意见》(国办发〔2018〕118号)"};
}

}  // namespace zhifa::domain
