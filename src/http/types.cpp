#include "http/types.hpp"

#include <algorithm>
#include <cctype>

namespace zhifa::http {

std::string Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return {};
}

std::string Request::cookie(std::string_view name) const {
  std::string all = header("cookie");
  std::string_view s = all;
  while (!s.empty()) {
    auto semi = s.find(';');
    std::string_view part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) {
      return std::string(part.substr(eq + 1));
    }
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return {};
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

Response Response::json_body(const json& j, int status) {
  Response r;
  r.status = status;
  r.body = j.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

void Response::set_header(std::string name, std::string value) {
  headers.emplace_back(std::move(name), std::move(value));
}

bool Response::has_header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() && std::equal(k.begin(), k.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return true;
    }
  }
  return false;
}

Response problem(const Error& e, const std::string& request_id) {
  int status = http_status(e.kind);
  json j = {
      {"type", "https://zhifa.example/problems/" + e.code},
      {"title", e.message_en},
      {"status", status},
      {"detail", e.message_zh},
      {"code", e.code},
      {"message_zh", e.message_zh},
      {"message_en", e.message_en},
      {"request_id", request_id},
  };
  if (!e.field.empty()) j["field"] = e.field;
  if (!e.items.empty()) {
    json items = json::array();
    for (const auto& it : e.items) {
      items.push_back({{"row", it.row},
                       {"column", it.column},
                       {"message_zh", it.message_zh},
                       {"message_en", it.message_en}});
    }
    j["errors"] = items;
  }
  Response r = Response::json_body(j, status);
  r.content_type = "application/problem+json; charset=utf-8";
  return r;
}

Response render(const Result<json>& r, const Request& req, int status) {
  if (!r) return problem(r.error(), req.request_id);
  return Response::json_body(*r, status);
}

Response render(const Status& r, const Request& req) {
  if (!r) return problem(r.error(), req.request_id);
  return Response::no_content();
}

}  // namespace zhifa::http
