#include <utility>  // before Asio: Boost 1.74 needs it

#include "http/server.hpp"

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/beast.hpp>
#include <chrono>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "http/metrics.hpp"
#include "platform/secrets.hpp"

namespace zhifa::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

struct Connection {
  explicit Connection(tcp::socket s) : stream(std::move(s)) {}
  beast::tcp_stream stream;
  std::atomic<bool> busy{false};
};

int from_hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// False when a parameter is not validly percent-encoded (the request is refused, not guessed at).
bool parse_query(std::string_view q, std::map<std::string, std::string>& out) {
  while (!q.empty()) {
    auto amp = q.find('&');
    std::string_view kv = q.substr(0, amp);
    auto eq = kv.find('=');
    std::string k, v;
    if (!percent_decode(kv.substr(0, eq), k, true)) return false;
    if (eq != std::string_view::npos && !percent_decode(kv.substr(eq + 1), v, true)) return false;
    if (!k.empty()) out[k] = v;
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return true;
}

}  // namespace

bool percent_decode(std::string_view in, std::string& out, bool plus_is_space) {
  out.clear();
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return false;
      int h = from_hex(in[i + 1]), l = from_hex(in[i + 2]);
      if (h < 0 || l < 0) return false;
      c = static_cast<char>(h * 16 + l);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    if (c == '\0') return false;
    out += c;
  }
  return true;
}

struct Server::Impl {
  ServerOptions options;
  RequestHandler handler;
  StreamOpener opener;
  asio::io_context ioc;
  tcp::acceptor acceptor{ioc};
  asio::signal_set signals{ioc, SIGINT, SIGTERM};
  std::mutex mutex;
  std::set<std::shared_ptr<Connection>> connections;
  std::atomic<bool> stopping{false};
  std::atomic<int> active{0};

  Impl(ServerOptions o, RequestHandler h, StreamOpener op)
      : options(std::move(o)), handler(std::move(h)), opener(std::move(op)) {}

  // Fills req.path and req.query from req.target; the problem when they are malformed.
  static std::optional<Response> parse_target(Request& req) {
    auto qpos = req.target.find('?');
    std::string raw_path = req.target.substr(0, qpos);
    if (!percent_decode(raw_path, req.path, false) || req.path.empty() || req.path[0] != '/') {
      return problem(Error::invalid("http.bad_path", "请求路径格式错误", "malformed request path"),
                     req.request_id);
    }
    if (qpos != std::string::npos &&
        !parse_query(std::string_view(req.target).substr(qpos + 1), req.query)) {
      return problem(Error::invalid("http.bad_query", "查询参数编码错误(% 须写作 %25)",
                                    "malformed percent-encoding in the query string"),
                     req.request_id);
    }
    return std::nullopt;
  }

  Response dispatch(Request& req) {
    try {
      return handler(req);
    } catch (const std::exception& e) {
      spdlog::error("{{\"request_id\":\"{}\",\"error\":{}}}", req.request_id,
                    nlohmann::json(e.what()).dump());
      return problem(Error::internal(e.what()), req.request_id);
    }
  }

  static void access_log(const Request& req, int status, std::size_t bytes, double seconds) {
    nlohmann::json j = {{"type", "access"},    {"request_id", req.request_id},
                        {"ip", req.remote_ip}, {"method", req.method},
                        {"path", req.path},    {"status", status},
                        {"bytes", bytes},      {"ms", std::round(seconds * 100000) / 100}};
    spdlog::info(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  }

  Request to_request(const bhttp::request<bhttp::string_body>& msg, const std::string& ip) {
    Request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.remote_ip = ip;
    for (const auto& f : msg) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    std::string incoming = req.header("x-request-id");
    req.request_id = sane_request_id(incoming) ? incoming : secrets::random_hex(8);
    req.body = msg.body();
    return req;
  }

  // Returns false when the connection must close.
  template <typename Body>
  static asio::awaitable<bool> send(beast::tcp_stream& stream, bhttp::response<Body>& res) {
    beast::error_code ec;
    co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
    co_return !ec;
  }

  static void fill_headers(bhttp::fields& f, const Response& r, const std::string& request_id) {
    f.set(bhttp::field::server, "zhifa");
    f.set("X-Request-Id", request_id);
    f.set("X-Content-Type-Options", "nosniff");
    f.set("X-Frame-Options", "DENY");
    f.set("Referrer-Policy", "same-origin");
    if (!r.content_type.empty()) f.set(bhttp::field::content_type, r.content_type);
    for (const auto& [k, v] : r.headers) f.insert(k, v);
  }

  asio::awaitable<bool> write_response(std::shared_ptr<Connection> conn, const Request& req,
                                       Response& r, unsigned version, bool keep_alive,
                                       std::size_t& bytes) {
    if (!r.file_path.empty()) {
      bhttp::file_body::value_type file;
      beast::error_code ec;
      file.open(r.file_path.c_str(), beast::file_mode::scan, ec);
      if (!ec) {
        bhttp::response<bhttp::file_body> res{static_cast<bhttp::status>(r.status), version};
        fill_headers(res.base(), r, req.request_id);
        bytes = file.size();
        res.body() = std::move(file);
        res.keep_alive(keep_alive);
        if (req.method == "HEAD") {
          // Send headers only.
          bhttp::response<bhttp::empty_body> head{res.result(), version};
          head.base() = res.base();
          head.content_length(bytes);
          head.keep_alive(keep_alive);
          co_return co_await send(conn->stream, head);
        }
        res.prepare_payload();
        co_return co_await send(conn->stream, res);
      }
      r = problem(Error::not_found("文件", "file"), req.request_id);
    }
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(r.status), version};
    fill_headers(res.base(), r, req.request_id);
    bytes = r.body.size();
    if (req.method != "HEAD") res.body() = std::move(r.body);
    res.keep_alive(keep_alive);
    res.prepare_payload();
    if (req.method == "HEAD") res.content_length(bytes);
    co_return co_await send(conn->stream, res);
  }

  // Answers a request that could not be read whole and closes. `method` and `target` are empty when
  // the request line itself was not understood. Takes its arguments by value (a coroutine).
  asio::awaitable<void> reject(std::shared_ptr<Connection> conn, std::string ip, std::string method,
                               std::string target, Error e) {
    Request req;
    req.request_id = secrets::random_hex(8);
    req.remote_ip = std::move(ip);
    req.method = method.empty() ? "-" : std::move(method);
    req.path = std::move(target).substr(0, 200);
    Response r = problem(e, req.request_id);
    std::size_t bytes = 0;
    co_await write_response(conn, req, r, 11, false, bytes);
    metrics().observe(req.method, r.status, 0);
    access_log(req, r.status, bytes, 0);
  }

  std::optional<StreamStart> open_stream(Request& req) {
    try {
      return opener(req);
    } catch (const std::exception& e) {
      spdlog::error("{{\"request_id\":\"{}\",\"error\":{}}}", req.request_id,
                    nlohmann::json(e.what()).dump());
      return StreamStart{nullptr, problem(Error::internal(e.what()), req.request_id)};
    }
  }

  // Reads a streamed body into start.sink a piece at a time and answers. Each piece must arrive
  // within the read timeout (a 2 GB upload takes longer than one request's limit). Returns false
  // when the connection must close: it broke, or the body was refused before it was read whole.
  asio::awaitable<bool> stream_body(std::shared_ptr<Connection> conn, beast::flat_buffer& buffer,
                                    bhttp::request_parser<bhttp::string_body>& head_parser,
                                    Request& req, StreamStart& start) {
    auto started = std::chrono::steady_clock::now();
    metrics().inflight_add(1);
    active++;
    beast::error_code ec;
    bool keep = head_parser.get().keep_alive() && !stopping;
    unsigned version = head_parser.get().version();
    Response res;
    bool closed = false;
    if (!start.sink) {
      res = std::move(start.response);
      if (!head_parser.is_done()) keep = false;  // the body is left unread
    } else {
      if (beast::iequals(head_parser.get()[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
        co_await bhttp::async_write(conn->stream, cont,
                                    asio::redirect_error(asio::use_awaitable, ec));
      }
      std::vector<char> piece(1024 * 1024);
      std::optional<Error> refused;
      auto length = head_parser.content_length();
      if (length) {
        // A Content-Length body: read straight from the socket in large pieces (the parser's
        // small reads cost a context switch each and capped an upload at a fifth of the speed).
        std::uint64_t left = *length;
        if (left > 0 && buffer.size() > 0) {
          auto n = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
          const char* data = static_cast<const char*>(buffer.data().data());
          auto w = start.sink->write(std::string_view(data, n));
          buffer.consume(n);
          left -= n;
          if (!w) refused = w.error();
        }
        while (!refused && left > 0) {
          conn->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
          auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, piece.size()));
          std::size_t n = co_await conn->stream.async_read_some(
              asio::buffer(piece.data(), want), asio::redirect_error(asio::use_awaitable, ec));
          if (n > 0) {
            left -= n;
            auto w = start.sink->write(std::string_view(piece.data(), n));
            if (!w) refused = w.error();
          }
          if (ec) break;
        }
      }
      bhttp::request_parser<bhttp::buffer_body> parser{std::move(head_parser)};
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      while (!length && !refused && !ec && !parser.is_done()) {
        parser.get().body().data = piece.data();
        parser.get().body().size = piece.size();
        conn->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
        co_await bhttp::async_read(conn->stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec == bhttp::error::need_buffer) ec = {};
        std::size_t n = piece.size() - parser.get().body().size;
        if (n > 0) {
          auto w = start.sink->write(std::string_view(piece.data(), n));
          if (!w) {
            refused = w.error();
            break;
          }
        }
      }
      if (refused) {
        start.sink->abort();
        res = problem(*refused, req.request_id);
        keep = false;
      } else if (ec) {
        start.sink->abort();
        closed = true;
      } else {
        res = start.sink->finish();
      }
      // Release the upload (its file lock) before the client hears the answer and sends the next
      // piece, possibly on another connection.
      start.sink.reset();
    }
    int status = closed ? 499 : res.status;
    std::size_t bytes = 0;
    bool ok = false;
    if (!closed) {
      conn->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      ok = co_await write_response(conn, req, res, version, keep, bytes);
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics().inflight_add(-1);
    metrics().observe(req.method, status, secs);
    access_log(req, status, bytes, secs);
    active--;
    co_return ok&& keep;
  }

  asio::awaitable<void> session(std::shared_ptr<Connection> conn) {
    beast::flat_buffer buffer;
    beast::error_code ec;
    std::string ip;
    {
      auto ep = conn->stream.socket().remote_endpoint(ec);
      if (!ec) ip = ep.address().to_string();
    }
    for (;;) {
      if (stopping) break;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
      // No body limit while the header is read: a streamed upload (gigabytes) is told apart by
      // its route first; every other request gets the limit below.
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());
      conn->stream.expires_after(std::chrono::seconds(options.idle_seconds));
      co_await bhttp::async_read_header(conn->stream, buffer, parser,
                                        asio::redirect_error(asio::use_awaitable, ec));
      if (!ec && opener) {
        Request head = to_request(parser.get(), ip);
        std::optional<StreamStart> start;
        if (!parse_target(head)) start = open_stream(head);
        if (start) {
          conn->busy = true;
          bool again = co_await stream_body(conn, buffer, parser, head, *start);
          conn->busy = false;
          if (!again) break;
          continue;
        }
      }
      if (!ec) {
        auto length = parser.content_length();
        if (length && *length > options.max_body_bytes) {
          ec = bhttp::error::body_limit;
        } else {
          parser.body_limit(options.max_body_bytes);
        }
      }
      if (!ec && !parser.is_done()) {
        conn->busy = true;
        conn->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
        co_await bhttp::async_read(conn->stream, buffer, parser,
                                   asio::redirect_error(asio::use_awaitable, ec));
      }
      conn->busy = true;
      if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted ||
          ec == beast::error::timeout || ec == asio::error::connection_reset ||
          ec == asio::error::eof) {
        break;
      }
      if (ec) {
        // Named variables, not braced temporaries, as coroutine arguments: GCC 12 miscompiles the
        // latter (the server aborted with "free(): invalid pointer" after answering).
        std::string method, target;
        if (parser.is_header_done()) {
          method = std::string(parser.get().method_string());
          target = std::string(parser.get().target());
        }
        Error e = Error::invalid("http.bad_request", "请求格式错误", "malformed HTTP request");
        if (ec == bhttp::error::header_limit) {
          e = Error{ErrorKind::kHeaderTooLarge,
                    "http.header_too_large",
                    "请求头过大",
                    "request header fields too large",
                    {}};
        } else if (ec == bhttp::error::body_limit) {
          e = Error{
              ErrorKind::kTooLarge,
              "http.body_too_large",
              "请求内容过大(上限 " + std::to_string(options.max_body_bytes) + " 字节)",
              "request body too large (limit " + std::to_string(options.max_body_bytes) + " bytes)",
              {}};
        }
        co_await reject(conn, ip, method, target, e);
        break;
      }
      auto start = std::chrono::steady_clock::now();
      metrics().inflight_add(1);
      active++;
      auto msg = parser.release();
      Request req = to_request(msg, ip);
      Response res;
      if (auto bad = parse_target(req)) {
        res = std::move(*bad);
      } else {
        res = dispatch(req);
      }
      int status = res.status;
      bool keep = msg.keep_alive() && !stopping;
      std::size_t bytes = 0;
      conn->stream.expires_after(std::chrono::seconds(options.read_timeout_seconds));
      bool ok = co_await write_response(conn, req, res, msg.version(), keep, bytes);
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      metrics().inflight_add(-1);
      metrics().observe(req.method, status, secs);
      access_log(req, status, bytes, secs);
      active--;
      conn->busy = false;
      if (!ok || !keep) break;
    }
    conn->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    conn->stream.close();
    std::lock_guard lock(mutex);
    connections.erase(conn);
  }

  asio::awaitable<void> listen() {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(
          asio::make_strand(ioc), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (stopping || ec == asio::error::operation_aborted) co_return;
        continue;  // e.g. too many open files: keep serving the others
      }
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(mutex);
        connections.insert(conn);
      }
      auto ex = conn->stream.get_executor();
      asio::co_spawn(ex, session(conn), asio::detached);
    }
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    spdlog::info(
        "{{\"type\":\"shutdown\",\"message\":\"stopping: finishing in-flight requests\"}}");
    beast::error_code ec;
    acceptor.close(ec);
    std::vector<std::shared_ptr<Connection>> idle;
    {
      std::lock_guard lock(mutex);
      for (const auto& c : connections) {
        if (!c->busy) idle.push_back(c);
      }
    }
    for (auto& c : idle) {
      asio::post(c->stream.get_executor(), [c] { c->stream.socket().cancel(); });
    }
    auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(options.shutdown_grace_seconds);
    std::thread([this, deadline] {
      while (active > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      ioc.stop();
    }).detach();
  }
};

Server::Server(ServerOptions options, RequestHandler handler, StreamOpener opener)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler), std::move(opener))) {}

Server::~Server() = default;

void Server::run(const std::function<void(int)>& on_ready) {
  auto& im = *impl_;
  tcp::endpoint ep{asio::ip::make_address(im.options.host),
                   static_cast<unsigned short>(im.options.port)};
  im.acceptor.open(ep.protocol());
  im.acceptor.set_option(asio::socket_base::reuse_address(true));
  im.acceptor.bind(ep);
  im.acceptor.listen(asio::socket_base::max_listen_connections);
  int port = im.acceptor.local_endpoint().port();
  im.signals.async_wait([&im](const beast::error_code& ec, int) {
    if (!ec) im.begin_shutdown();
  });
  asio::co_spawn(im.ioc, im.listen(), asio::detached);
  if (on_ready) on_ready(port);
  std::vector<std::thread> threads;
  for (int i = 1; i < std::max(1, im.options.threads); ++i) {
    threads.emplace_back([&im] { im.ioc.run(); });
  }
  im.ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  asio::post(impl_->ioc, [this] { impl_->begin_shutdown(); });
}

}  // namespace zhifa::http
