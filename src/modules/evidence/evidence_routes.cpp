// Routes of records, evidence files and custody (docs/api.md "Records and evidence"): handlers
// read the request and call EvidenceService.
#include "http/download.hpp"
#include "http/input.hpp"
#include "modules/evidence/evidence.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;
using people::object_schema;
using people::route;

namespace {

json body_json(const Context& ctx) {
  auto j = json::parse(ctx.req.body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    raise(Error::invalid("input.invalid", "请求内容不是有效的 JSON 对象",
                         "the body is not a JSON object"));
  }
  return j;
}

Response file_response(const evidence::FileRef& f, bool download) {
  auto r = http::file_download("", f.mime, f.file_name, !download);
  r.file_path = f.path;
  r.set_header("Cache-Control", "private, no-store");
  r.set_header("Accept-Ranges", "bytes");
  return r;
}

// A single "bytes=a-b" / "bytes=a-" range of a file of `size` bytes; nullopt when there is none
// or it cannot be understood (then the whole file is sent).
std::optional<std::pair<std::int64_t, std::int64_t>> byte_range(const http::Request& req,
                                                                std::int64_t size) {
  std::string h = req.header("range");
  if (!h.starts_with("bytes=") || h.find(',') != std::string::npos || size <= 0) {
    return std::nullopt;
  }
  std::string spec = h.substr(6);
  auto dash = spec.find('-');
  if (dash == std::string::npos || dash == 0) return std::nullopt;  // no suffix ranges
  std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  auto digits = [](const std::string& x) {
    return !x.empty() && x.size() < 16 && x.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(a) || (!b.empty() && !digits(b))) return std::nullopt;
  std::int64_t first = std::stoll(a);
  std::int64_t last = b.empty() ? size - 1 : std::min<std::int64_t>(std::stoll(b), size - 1);
  if (first > last) return std::nullopt;
  return std::make_pair(first, last);
}

// A piece of the file for a video or audio player (at most 8 MB per answer; the player asks for
// the rest).
Response range_response(const evidence::FileRef& f, std::int64_t first, std::int64_t last) {
  constexpr std::int64_t kMax = 8 * 1024 * 1024;
  last = std::min(last, first + kMax - 1);
  std::string bytes(static_cast<std::size_t>(last - first + 1), '\0');
  std::FILE* in = std::fopen(f.path.c_str(), "rb");
  if (!in) raise(Error::internal("cannot open the evidence file"));
  std::fseek(in, static_cast<long>(first), SEEK_SET);
  std::size_t got = std::fread(bytes.data(), 1, bytes.size(), in);
  std::fclose(in);
  bytes.resize(got);
  auto r = Response::text(std::move(bytes), f.mime, 206);
  r.set_header("Content-Range", "bytes " + std::to_string(first) + "-" +
                                    std::to_string(first + static_cast<std::int64_t>(got) - 1) +
                                    "/" + std::to_string(f.size));
  r.set_header("Accept-Ranges", "bytes");
  r.set_header("Cache-Control", "private, no-store");
  return r;
}

std::int64_t offset_header(const http::Request& req) {
  std::string v = req.header("upload-offset");
  if (v.empty() || v.size() > 15 || v.find_first_not_of("0123456789") != std::string::npos) {
    raise(Error::invalid("upload.offset_header",
                         "缺少或错误的 Upload-Offset 请求头(应为已上传的字节数)",
                         "missing or malformed Upload-Offset header", "Upload-Offset"));
  }
  return std::stoll(v);
}

}  // namespace

void register_evidence_routes(http::Router& router, app::Env& env) {
  auto svc = std::make_shared<evidence::EvidenceService>(env);
  svc->sweep();
  const std::string tag = "全过程记录 records";
  const json str = {{"type", "string"}};
  const json integer = {{"type", "integer"}};
  auto id_of = [](Context& ctx, const char* name = "id") {
    return http::parse_id(ctx.req.params[name], name);
  };

  router.add(route("GET", "/api/cases/{id}/records", tag, "案件的笔录、证据和音像记录检查",
                   "case:case:list", {}, [svc, id_of](Context& ctx) {
                     return http::render(svc->of_case(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route(
      "POST", "/api/cases/{id}/records", tag,
      "制作笔录(询问、现场检查、抽样、先行登记保存、查封扣押、强制措施、送达)", "case:handle",
      object_schema({{"kind", str},
                     {"title", str},
                     {"place", str},
                     {"started_at", integer},
                     {"ended_at", integer},
                     {"officer_ids", {{"type", "array"}, {"items", integer}}},
                     {"content", {{"type", "object"}}},
                     {"supersedes", integer}},
                    {"kind", "title", "place", "started_at", "ended_at", "officer_ids", "content"}),
      "case.record", [svc, id_of](Context& ctx) {
        json raw = body_json(ctx);
        Input in(ctx.req.body, {"kind", "title", "place", "started_at", "ended_at", "officer_ids",
                                "content", "supersedes"});
        domain::RecordInput r;
        r.kind = in.required_string("kind", "笔录类型", 30);
        r.title = in.required_string("title", "标题", 100);
        r.place = in.required_string("place", "地点", 100);
        r.started_at = in.required_int("started_at", "开始时间", 1, 4102444800000);
        r.ended_at = in.required_int("ended_at", "结束时间", 1, 4102444800000);
        r.officer_ids = in.id_list("officer_ids", "执法人员", 20);
        r.content = raw.value("content", json::object());
        if (r.content.dump().size() > 200000) {
          raise(Error{ErrorKind::kTooLarge, "record.too_large", "笔录内容过长", "record too long",
                      "content"});
        }
        auto supersedes = in.optional_int("supersedes", "更正的笔录", 1, INT64_MAX);
        return http::render(svc->add_record(ctx.caller(), id_of(ctx), r, supersedes), ctx.req, 201);
      }));
  router.add(route("POST", "/api/cases/{id}/records/{record_id}/av-exception", tag,
                   "登记音像记录例外(监督人员,须说明理由)", "case:av:exempt",
                   object_schema({{"reason", str}}, {"reason"}), "case.av_exception",
                   [svc, id_of](Context& ctx) {
                     Input in(ctx.req.body, {"reason"});
                     auto reason = in.required_string("reason", "理由", 500);
                     return http::render(
                         svc->exempt(ctx.caller(), id_of(ctx), id_of(ctx, "record_id"), reason),
                         ctx.req, 201);
                   }));

  router.add(route(
      "POST", "/api/cases/{id}/uploads", tag, "开始上传证据文件(可断点续传)", "case:case:list",
      object_schema({{"file_name", str},
                     {"size", integer},
                     {"record_id", integer},
                     {"derived_from", integer},
                     {"derivation", str},
                     {"title", str},
                     {"captured_at", str},
                     {"place", str},
                     {"device", str},
                     {"collector", str}},
                    {"file_name", "size"}),
      "evidence.upload", [svc, id_of](Context& ctx) {
        json raw = body_json(ctx);
        Input in(ctx.req.body, {"file_name", "size", "record_id", "derived_from", "derivation",
                                "title", "captured_at", "place", "device", "collector"});
        evidence::UploadInput u;
        u.file_name = in.required_string("file_name", "文件名", 200);
        u.size = in.required_int("size", "文件大小", 0, INT64_MAX);
        u.record_id = in.optional_int("record_id", "笔录", 1, INT64_MAX);
        u.derived_from = in.optional_int("derived_from", "原始证据", 1, INT64_MAX);
        u.derivation = in.optional_string("derivation", "处理方式", 200).value_or("");
        auto meta = domain::parse_evidence_meta(raw);
        if (!meta) raise(meta.error());
        u.meta = *meta;
        return http::render(svc->start_upload(ctx.caller(), id_of(ctx), u), ctx.req, 201);
      }));
  router.add(route("GET", "/api/uploads/{id}", tag, "上传进度(续传位置)", "case:case:list", {},
                   [svc](Context& ctx) {
                     auto r = svc->upload_status(ctx.caller(), ctx.req.params["id"]);
                     auto res = http::render(r, ctx.req);
                     if (r)
                       res.set_header("Upload-Offset",
                                      std::to_string((*r)["offset"].get<std::int64_t>()));
                     res.set_header("Cache-Control", "no-store");
                     return res;
                   }));
  {
    http::Route patch = route(
        "PATCH", "/api/uploads/{id}", tag,
        "上传文件内容(请求头 Upload-Offset 为续传位置,请求体为文件字节)", "case:case:list",
        {{"x-media-type", "application/offset+octet-stream"}}, "evidence.upload_bytes", nullptr);
    patch.stream = [svc](Context& ctx) {
      return svc->open_upload(ctx.caller(), ctx.req.params["id"], offset_header(ctx.req));
    };
    router.add(std::move(patch));
  }
  router.add(route("DELETE", "/api/uploads/{id}", tag, "取消上传(删除已上传部分)", "case:case:list",
                   nullptr, "evidence.upload_cancel", [svc](Context& ctx) {
                     return http::render(svc->cancel_upload(ctx.caller(), ctx.req.params["id"]),
                                         ctx.req);
                   }));

  router.add(route("GET", "/api/evidence/{id}", tag, "证据详情(含衍生件)", "case:case:list", {},
                   [svc, id_of](Context& ctx) {
                     return http::render(svc->get(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route("GET", "/api/evidence/{id}/content", tag, "查看或下载证据文件(计入保管链)",
                   "case:case:list", {"download"}, [svc, id_of](Context& ctx) {
                     bool download = http::query_bool(ctx.req, "download").value_or(false);
                     // A player's range request past the start continues a view already in the
                     // chain of custody.
                     using Read = evidence::EvidenceService::Read;
                     std::string range = ctx.req.header("range");
                     Read read = range.empty()                   ? Read::kLogged
                                 : range.starts_with("bytes=0-") ? Read::kPlayerStart
                                                                 : Read::kPlayerContinues;
                     auto f = svc->open_file(ctx.caller(), id_of(ctx), download, read);
                     if (!f) return http::problem(f.error(), ctx.req.request_id);
                     if (!download) {
                       if (auto range = byte_range(ctx.req, f->size)) {
                         return range_response(*f, range->first, range->second);
                       }
                     }
                     return file_response(*f, download);
                   }));
  router.add(route("GET", "/api/evidence/{id}/custody", tag, "证据保管链(format=pdf 导出报告)",
                   "case:case:list", {"format"}, [svc, id_of](Context& ctx) {
                     auto format = ctx.req.query_param("format").value_or("json");
                     if (format == "pdf") {
                       auto pdf = svc->custody_pdf(ctx.caller(), id_of(ctx));
                       if (!pdf) return http::problem(pdf.error(), ctx.req.request_id);
                       return http::file_download(std::move(*pdf), "application/pdf",
                                                  "证据保管链-" + ctx.req.params["id"] + ".pdf");
                     }
                     if (format != "json") {
                       raise(Error::invalid("input.format", "不支持的格式(可选 pdf)",
                                            "unsupported format (use pdf)", "format"));
                     }
                     return http::render(svc->custody(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route("POST", "/api/evidence/{id}/shares", tag,
                   "共享证据(生成有效期内的下载链接,计入保管链)", "case:case:list",
                   object_schema({{"recipient", str}, {"purpose", str}, {"days", integer}},
                                 {"recipient", "purpose"}),
                   "evidence.share", [svc, id_of](Context& ctx) {
                     Input in(ctx.req.body, {"recipient", "purpose", "days"});
                     auto recipient = in.required_string("recipient", "接收单位或人员", 100);
                     auto purpose = in.required_string("purpose", "用途", 200);
                     auto days = in.optional_int("days", "有效天数", 1, 30).value_or(7);
                     return http::render(svc->share(ctx.caller(), id_of(ctx), recipient, purpose,
                                                    static_cast<int>(days)),
                                         ctx.req, 201);
                   }));
  router.add(people::public_route(
      "GET", "/api/shared-evidence/{token}", tag, "通过共享链接下载证据(计入保管链)", {},
      [svc](Context& ctx) {
        const std::string& token = ctx.req.params["token"];
        if (token.size() != 48) {
          return http::problem(Error::not_found("共享链接", "share link"), ctx.req.request_id);
        }
        auto f = svc->open_shared(token, ctx.req.remote_ip);
        if (!f) return http::problem(f.error(), ctx.req.request_id);
        return file_response(*f, true);
      }));
  router.add(route("GET", "/api/settings/av-rules", tag, "须全程音像记录的现场执法活动",
                   "case:case:list", {},
                   [svc](Context&) { return Response::json_body(svc->av_settings()); }));
  router.add(route("PUT", "/api/settings/av-rules", tag, "修改须全程音像记录的现场执法活动",
                   "case:settings:manage",
                   object_schema({{"required", {{"type", "array"}, {"items", str}}}}, {"required"}),
                   "settings.av", [svc](Context& ctx) {
                     return http::render(svc->put_av_settings(ctx.caller(), body_json(ctx)),
                                         ctx.req);
                   }));
}

}  // namespace zhifa::modules
