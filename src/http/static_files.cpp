#include "http/static_files.hpp"

#include <filesystem>

namespace zhifa::http {
namespace fs = std::filesystem;

std::string content_type_for(const std::string& path) {
  auto ext = fs::path(path).extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".ttf") return "font/ttf";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".map") return "application/json";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(std::string root) {
  std::error_code ec;
  if (!root.empty() && fs::is_directory(root, ec)) root_ = fs::canonical(root, ec).string();
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (root_.empty()) return std::nullopt;
  const std::string& p = req.path;
  // Refuse traversal outright rather than silently normalising it.
  for (std::size_t i = 0; i < p.size();) {
    auto j = p.find('/', i);
    std::string_view seg =
        std::string_view(p).substr(i, j == std::string::npos ? std::string::npos : j - i);
    if (seg == ".." || seg == "." || seg.find('\\') != std::string_view::npos) {
      return problem(Error::invalid("http.bad_path", "请求路径不合法", "illegal path"),
                     req.request_id);
    }
    if (j == std::string::npos) break;
    i = j + 1;
  }
  std::string rel = p.substr(1);
  fs::path file = rel.empty() ? fs::path(root_) / "index.html" : fs::path(root_) / rel;
  std::error_code ec;
  bool fallback = false;
  if (!fs::is_regular_file(file, ec)) {
    if (fs::path(rel).has_extension()) {
      return problem(Error::not_found("文件", "file"), req.request_id);
    }
    // The public portal (行政执法专栏) is its own page with its own bundle (no console code).
    bool portal = rel == "portal" || rel.starts_with("portal/");
    file = fs::path(root_) / (portal ? "portal.html" : "index.html");
    if (portal && !fs::is_regular_file(file, ec)) file = fs::path(root_) / "index.html";
    fallback = true;
    if (!fs::is_regular_file(file, ec)) return std::nullopt;
  }
  auto canon = fs::weakly_canonical(file, ec).string();
  if (ec || !canon.starts_with(root_ + "/")) {
    return problem(Error::invalid("http.bad_path", "请求路径不合法", "illegal path"),
                   req.request_id);
  }
  Response r;
  r.file_path = canon;
  r.content_type = content_type_for(canon);
  if (!fallback && rel.starts_with("assets/")) {
    r.set_header("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    r.set_header("Cache-Control", "no-cache");
  }
  return r;
}

}  // namespace zhifa::http
