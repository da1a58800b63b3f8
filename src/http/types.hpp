// The HTTP request and response as handlers see them: plain values, no Beast types, so modules
// compile quickly and can be tested without a socket.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/access.hpp"
#include "platform/error.hpp"

namespace zhifa::http {

using nlohmann::json;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // as received, with the query string
  std::string path;    // percent-decoded path without the query
  std::map<std::string, std::string> query;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  std::map<std::string, std::string> params;  // from the route pattern, e.g. {id}

  std::string header(std::string_view name) const;  // name lower-case; "" when absent
  std::string cookie(std::string_view name) const;
  std::optional<std::string> query_param(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string file_path;  // when set, the server streams this file as the body

  static Response json_body(const json& j, int status = 200);
  static Response no_content();
  static Response text(std::string body, std::string content_type, int status = 200);
  void set_header(std::string name, std::string value);
  bool has_header(std::string_view name) const;
};

// What a handler gets: the request, and the caller when the route requires a sign-in.
struct Context {
  Request& req;
  const domain::Scope* scope = nullptr;  // set for authenticated routes
  std::string session_id;                // set when the caller came with a session cookie
  std::int64_t now_ms = 0;

  const domain::Scope& caller() const { return *scope; }
};

// A request body taken piece by piece as it arrives (evidence uploads: gigabytes of body-camera
// video, never held whole in memory). The server calls write() for each piece, then finish() for
// the answer; when the connection breaks or times out first it calls abort() instead. A write()
// error stops the reading and is the answer (the connection then closes).
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual Status write(std::string_view piece) = 0;
  virtual Response finish() = 0;
  virtual void abort() {}
};

// What opening a streamed request gives: a sink for its body, or the answer straight away (the
// caller may not, the upload is unknown ...).
struct StreamStart {
  std::unique_ptr<BodySink> sink;
  Response response;
};

// Builds the RFC 9457 body for an error.
Response problem(const Error& e, const std::string& request_id);

// A use case's result: the JSON with `status`, or the error as problem+json.
Response render(const Result<json>& r, const Request& req, int status = 200);
// A use case without a body: 204, or the error.
Response render(const Status& r, const Request& req);

}  // namespace zhifa::http
