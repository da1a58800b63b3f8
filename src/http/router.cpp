#include "http/router.hpp"

#include <stdexcept>

namespace zhifa::http {
namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    if (s.front() == '/') {
      s.remove_prefix(1);
      continue;
    }
    auto p = s.find('/');
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) break;
    s.remove_prefix(p);
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string>& params) {
  auto a = split(pattern), b = split(path);
  if (a.size() != b.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() > 2 && a[i].front() == '{' && a[i].back() == '}') {
      found[std::string(a[i].substr(1, a[i].size() - 2))] = std::string(b[i]);
    } else if (a[i] != b[i]) {
      return false;
    }
  }
  params = std::move(found);
  return true;
}

json error_response_ref() {
  return {
      {"description", "错误 (RFC 9457 problem+json)"},
      {"content",
       {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

}  // namespace

void Router::add(Route route) {
  if (route.summary.empty() || route.tag.empty()) {
    throw std::logic_error("route " + route.pattern + " needs a summary and a tag");
  }
  routes_.push_back(std::move(route));
}

const Route* Router::match(const std::string& method, const std::string& path,
                           std::map<std::string, std::string>& params, bool& path_known) const {
  path_known = false;
  // Literal segments win over parameters: try routes without {..} first.
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& r : routes_) {
      bool has_param = r.pattern.find('{') != std::string::npos;
      if ((pass == 0) == has_param) continue;
      std::map<std::string, std::string> p;
      if (!match_pattern(r.pattern, path, p)) continue;
      path_known = true;
      if (r.method == method) {
        params = std::move(p);
        return &r;
      }
    }
  }
  return nullptr;
}

json Router::openapi(const std::string& version) const {
  json paths = json::object();
  for (const auto& r : routes_) {
    json op = {
        {"summary", r.summary}, {"tags", {r.tag}}, {"operationId", r.method + " " + r.pattern}};
    json parameters = json::array();
    for (auto seg : split(r.pattern)) {
      if (seg.size() > 2 && seg.front() == '{') {
        parameters.push_back({{"name", std::string(seg.substr(1, seg.size() - 2))},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
      }
    }
    for (const auto& q : r.query_params) {
      parameters.push_back(
          {{"name", q}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
    }
    if (!parameters.empty()) op["parameters"] = parameters;
    if (r.request_schema.is_object() && r.request_schema.contains("x-media-type")) {
      // A file upload (e.g. an .xlsx import): the raw file is the body.
      std::string media = r.request_schema["x-media-type"];
      op["requestBody"] = {
          {"required", true},
          {"content", {{media, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}};
    } else if (!r.request_schema.is_null()) {
      op["requestBody"] = {{"required", true},
                           {"content", {{"application/json", {{"schema", r.request_schema}}}}}};
    }
    if (r.access != Access::kPublic) {
      op["security"] = json::array({{{"session", json::array()}}, {{"bearer", json::array()}}});
    }
    if (!r.permission.empty()) op["x-permission"] = r.permission;
    op["responses"] = {{"200", {{"description", "成功"}}}, {"default", error_response_ref()}};
    std::string m = r.method;
    for (auto& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[r.pattern][m] = op;
  }
  json problem = {
      {"type", "object"},
      {"required", {"type", "title", "status", "code", "message_zh", "message_en", "request_id"}},
      {"properties",
       {{"type", {{"type", "string"}}},
        {"title", {{"type", "string"}}},
        {"status", {{"type", "integer"}}},
        {"detail", {{"type", "string"}}},
        {"code", {{"type", "string"}}},
        {"message_zh", {{"type", "string"}}},
        {"message_en", {{"type", "string"}}},
        {"field", {{"type", "string"}}},
        {"request_id", {{"type", "string"}}}}}};
  return {{"openapi", "3.0.3"},
          {"info", {{"title", "Zhifa 行政执法综合管理监督平台 API"}, {"version", version}}},
          {"paths", paths},
          {"components",
           {{"schemas", {{"Problem", problem}}},
            {"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "zhifa_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace zhifa::http
