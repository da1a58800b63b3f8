// Routes of official documents, their templates and the case file (docs/api.md "Documents").
#include "http/download.hpp"
#include "http/input.hpp"
#include "modules/documents/documents.hpp"
#include "modules/people/route_helpers.hpp"
#include "modules/registry.hpp"

namespace zhifa::modules {

using http::Context;
using http::Input;
using http::Response;
using nlohmann::json;
using people::object_schema;
using people::route;

void register_document_routes(http::Router& router, app::Env& env) {
  documents::seed_templates(env);
  auto svc = std::make_shared<documents::DocumentService>(env);
  const std::string tag = "执法文书 documents";
  const json str = {{"type", "string"}};
  auto id_of = [](Context& ctx) { return http::parse_id(ctx.req.params["id"], "id"); };

  router.add(route("GET", "/api/document-templates", tag, "执法文书模板与可用字段",
                   "case:case:list", {},
                   [svc](Context&) { return Response::json_body(svc->templates()); }));
  router.add(route("GET", "/api/document-templates/{code}", tag, "文书模板(version 指定历史版本)",
                   "case:case:list", {"version"}, [svc](Context& ctx) {
                     auto v = http::query_id(ctx.req, "version");
                     std::optional<int> version;
                     if (v) version = static_cast<int>(*v);
                     return http::render(svc->template_of(ctx.req.params["code"], version),
                                         ctx.req);
                   }));
  router.add(route("PUT", "/api/document-templates/{code}", tag, "修改文书模板(保存为新版本)",
                   "case:template:manage",
                   object_schema({{"name", str},
                                  {"number", str},
                                  {"record_kind", str},
                                  {"blocks", {{"type", "array"}}},
                                  {"code", str}},
                                 {"name", "blocks"}),
                   "document.template", [svc](Context& ctx) {
                     auto body = json::parse(ctx.req.body, nullptr, false);
                     if (body.is_discarded() || !body.is_object()) {
                       raise(Error::invalid("input.invalid", "请求内容不是有效的 JSON 对象",
                                            "the body is not a JSON object"));
                     }
                     return http::render(
                         svc->save_template(ctx.caller(), ctx.req.params["code"], body), ctx.req);
                   }));
  router.add(route("GET", "/api/cases/{id}/documents", tag, "案件的执法文书", "case:case:list", {},
                   [svc, id_of](Context& ctx) {
                     return http::render(svc->list(ctx.caller(), id_of(ctx)), ctx.req);
                   }));
  router.add(route("GET", "/api/cases/{id}/documents/fields", tag, "制作文书前预览将填入的字段",
                   "case:case:list", {"template", "record_id"}, [svc, id_of](Context& ctx) {
                     auto code = http::query_text(ctx.req, "template", "文书模板", 40);
                     if (!code) {
                       raise(Error::invalid("input.required", "请指定文书模板", "template required",
                                            "template"));
                     }
                     return http::render(svc->preview_fields(ctx.caller(), id_of(ctx), *code,
                                                             http::query_id(ctx.req, "record_id")),
                                         ctx.req);
                   }));
  router.add(route("POST", "/api/cases/{id}/documents", tag, "制作执法文书(PDF,存证并记入账本)",
                   "case:case:list",
                   object_schema({{"template", str},
                                  {"record_id", {{"type", "integer"}}},
                                  {"fields", {{"type", "object"}}}},
                                 {"template"}),
                   "document.generate", [svc, id_of](Context& ctx) {
                     auto raw = json::parse(ctx.req.body, nullptr, false);
                     Input in(ctx.req.body, {"template", "record_id", "fields"});
                     documents::GenerateInput g;
                     g.code = in.required_string("template", "文书模板", 40);
                     g.record_id = in.optional_int("record_id", "笔录", 1, INT64_MAX);
                     if (raw.contains("fields")) {
                       if (!raw["fields"].is_object()) {
                         raise(Error::invalid("input.invalid", "fields 应为对象",
                                              "fields must be an object", "fields"));
                       }
                       for (const auto& [k, v] : raw["fields"].items()) {
                         if (!v.is_string() || v.get<std::string>().size() > 20000) {
                           raise(Error::invalid("input.invalid",
                                                "字段 " + k + " 应为文字(不超过 20000 字节)",
                                                "field values must be text", "fields"));
                         }
                         g.fields[k] = v.get<std::string>();
                       }
                     }
                     return http::render(svc->generate(ctx.caller(), id_of(ctx), g), ctx.req, 201);
                   }));
  router.add(route("GET", "/api/documents/{id}/pdf", tag, "文书 PDF(download=1 下载)",
                   "case:case:list", {"download"}, [svc, id_of](Context& ctx) {
                     auto f = svc->file(ctx.caller(), id_of(ctx));
                     if (!f) return http::problem(f.error(), ctx.req.request_id);
                     bool download = http::query_bool(ctx.req, "download").value_or(false);
                     auto r = http::file_download("", f->mime, f->file_name, !download);
                     r.file_path = f->path;
                     return r;
                   }));
  router.add(route("GET", "/api/cases/{id}/package", tag,
                   "导出卷宗(ZIP:卷内目录、文书、证据、笔录、过程记录、账本证明和签名清单)",
                   "case:case:list", {}, [svc, id_of](Context& ctx) {
                     auto path = svc->package(ctx.caller(), id_of(ctx));
                     if (!path) return http::problem(path.error(), ctx.req.request_id);
                     // Streamed from disk (evidence may be gigabytes); the file is removed
                     // by the next export after an hour, or by the upload sweep at start.
                     auto r = http::file_download("", "application/zip",
                                                  "卷宗-" + ctx.req.params["id"] + ".zip");
                     r.file_path = *path;
                     return r;
                   }));
}

}  // namespace zhifa::modules
