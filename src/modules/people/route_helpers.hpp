// Shorthands for the people module's route table entries (the Route aggregate is long).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/router.hpp"
#include "platform/xlsx.hpp"

namespace zhifa::modules::people {

inline nlohmann::json object_schema(nlohmann::json properties, nlohmann::json required) {
  return {{"type", "object"},
          {"properties", std::move(properties)},
          {"required", std::move(required)},
          {"additionalProperties", false}};
}

inline const nlohmann::json kFieldsSchema = {{"type", "array"}, {"items", {{"type", "string"}}}};

// A read for signed-in callers holding `permission`.
inline http::Route route(std::string method, std::string pattern, std::string tag,
                         std::string summary, std::string permission,
                         std::vector<std::string> query, http::Handler h) {
  return {std::move(method),
          std::move(pattern),
          std::move(tag),
          std::move(summary),
          http::Access::kSignedIn,
          std::move(permission),
          "",
          nullptr,
          std::move(query),
          std::move(h)};
}

// A change with a JSON body described by `schema`, logged as `action`.
inline http::Route route(std::string method, std::string pattern, std::string tag,
                         std::string summary, std::string permission, nlohmann::json schema,
                         std::string action, http::Handler h) {
  return {std::move(method),  std::move(pattern),      std::move(tag),
          std::move(summary), http::Access::kSignedIn, std::move(permission),
          std::move(action),  std::move(schema),       {},
          std::move(h)};
}

// An .xlsx upload (the raw file is the body), logged as `action`.
inline http::Route upload_route(std::string pattern, std::string tag, std::string summary,
                                std::string permission, std::string action, http::Handler h) {
  return {"POST",
          std::move(pattern),
          std::move(tag),
          std::move(summary),
          http::Access::kSignedIn,
          std::move(permission),
          std::move(action),
          {{"x-media-type", std::string(xlsx::kContentType)}},
          {},
          std::move(h)};
}

// A public read (行政执法专栏): no sign-in, published data only.
inline http::Route public_route(std::string method, std::string pattern, std::string tag,
                                std::string summary, std::vector<std::string> query,
                                http::Handler h) {
  return {std::move(method),
          std::move(pattern),
          std::move(tag),
          std::move(summary),
          http::Access::kPublic,
          "",
          "",
          nullptr,
          std::move(query),
          std::move(h)};
}

}  // namespace zhifa::modules::people
