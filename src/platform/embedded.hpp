// Files compiled into the binary (cmake/embed.cmake): migrations/*.sql and data/*.json, keyed by
// their path relative to the source tree, e.g. "migrations/0001_platform.sql".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace zhifa::embedded {

const std::map<std::string, std::string_view>& files();

inline std::optional<std::string_view> file(const std::string& name) {
  auto it = files().find(name);
  if (it == files().end()) return std::nullopt;
  return it->second;
}

}  // namespace zhifa::embedded
