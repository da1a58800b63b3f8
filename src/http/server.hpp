// The HTTP/1.1 server (Boost.Beast, C++20 coroutines). It owns sockets, limits and shutdown; what
// a request means is the handler's business. Limits: header size (431), body size (413), a whole
// request must arrive within the read timeout, idle keep-alive connections close after
// idle_seconds. SIGTERM/SIGINT: stop accepting, close idle connections, let in-flight requests
// finish (up to the grace period), then return from run().
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "http/types.hpp"

namespace zhifa::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  int threads = 4;
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
  int idle_seconds = 60;
  int read_timeout_seconds = 30;
  int shutdown_grace_seconds = 20;
};

using RequestHandler = std::function<Response(Request&)>;
// Asked once a request's header has arrived (path and query parsed, no body yet): nullopt for an
// ordinary request, or how to take this one's body as a stream.
using StreamOpener = std::function<std::optional<StreamStart>(Request&)>;

class Server {
 public:
  Server(ServerOptions options, RequestHandler handler, StreamOpener opener = {});
  ~Server();
  // Binds, then calls on_ready(port) and serves until a signal or stop().
  void run(const std::function<void(int)>& on_ready);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Decodes %XX in a URL path; false on a malformed escape or a NUL byte.
bool percent_decode(std::string_view in, std::string& out, bool plus_is_space);

}  // namespace zhifa::http
