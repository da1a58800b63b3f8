// Serves the built web UI from a directory: hashed assets cached for a year, index.html never
// cached, unknown paths without a file extension fall back to index.html (single-page app).
// A path that tries to leave the directory is refused with 400.
#pragma once

#include <optional>
#include <string>

#include "http/types.hpp"

namespace zhifa::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::string root);
  // nullopt when the UI directory does not exist.
  std::optional<Response> serve(const Request& req) const;
  bool available() const { return !root_.empty(); }

 private:
  std::string root_;  // canonical, empty when missing
};

std::string content_type_for(const std::string& path);

}  // namespace zhifa::http
