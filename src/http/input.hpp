// Reading a JSON request body safely: it must be an object, every field must be one the route
// knows, each of the declared type and within its length. Each problem throws ErrorException with
// a Chinese and English message naming the field (the server renders it as problem+json 400).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace zhifa::http {

class Input {
 public:
  // Parses `body`; refuses malformed JSON, a non-object, and fields not in `allowed`.
  Input(const std::string& body, std::initializer_list<std::string_view> allowed);
  Input(const std::string& body, const std::vector<std::string>& allowed);

  // A nested object (one item of a list in the body): its errors name `path.field`.
  Input(nlohmann::json object, std::initializer_list<std::string_view> allowed, std::string path);

  bool has(const std::string& name) const;
  // Like optional_string but keeps line breaks and tabs (article texts, guides).
  std::optional<std::string> optional_text(const std::string& name, std::string_view label,
                                           std::size_t max_chars);
  std::optional<Input> object(const std::string& name, std::string_view label,
                              std::initializer_list<std::string_view> allowed);
  std::vector<Input> object_list(const std::string& name, std::string_view label,
                                 std::size_t max_items,
                                 std::initializer_list<std::string_view> allowed);
  std::string at(const std::string& name) const;  // the field's name as errors give it
  // A string of 1..max_chars characters (UTF-8 code points), trimmed; `label` is the Chinese name.
  std::string required_string(const std::string& name, std::string_view label,
                              std::size_t max_chars);
  std::optional<std::string> optional_string(const std::string& name, std::string_view label,
                                             std::size_t max_chars);
  std::int64_t required_int(const std::string& name, std::string_view label, std::int64_t min,
                            std::int64_t max);
  std::optional<std::int64_t> optional_int(const std::string& name, std::string_view label,
                                           std::int64_t min, std::int64_t max);
  // A JSON number with at most one decimal (a score, hours), returned in tenths, within
  // [min_tenths, max_tenths].
  std::optional<std::int64_t> optional_tenths(const std::string& name, std::string_view label,
                                              std::int64_t min_tenths, std::int64_t max_tenths);
  std::optional<bool> optional_bool(const std::string& name, std::string_view label);
  std::vector<std::int64_t> id_list(const std::string& name, std::string_view label,
                                    std::size_t max_items);
  std::vector<std::string> string_list(const std::string& name, std::string_view label,
                                       std::size_t max_items, std::size_t max_chars);

 private:
  nlohmann::json j_;
  std::string path_;
};

// Validates a string that arrives outside JSON (query parameters): UTF-8, no control characters,
// at most max_chars. Throws like Input.
std::string checked_text(const std::string& value, const std::string& name, std::string_view label,
                         std::size_t max_chars);
std::int64_t parse_id(const std::string& value, const std::string& name);

struct Request;
// Query parameters: absent or empty gives nullopt; otherwise validated like Input (400 naming it).
std::optional<std::int64_t> query_id(const Request& req, const std::string& name);
std::optional<std::string> query_text(const Request& req, const std::string& name,
                                      std::string_view label, std::size_t max_chars);

// A year between 2000 and 2199.
std::optional<int> query_year(const Request& req, const std::string& name = "year");
// "true"/"1" or "false"/"0".
std::optional<bool> query_bool(const Request& req, const std::string& name);
// One of `allowed` (exactly), named in the error otherwise.
std::optional<std::string> query_enum(const Request& req, const std::string& name,
                                      std::string_view label,
                                      std::initializer_list<std::string_view> allowed);

// Page and page size from the query, within limits (default 20, max 200).
struct Page {
  std::int64_t page = 1;
  std::int64_t size = 20;
  std::int64_t offset() const { return (page - 1) * size; }
};
Page page_of(const Request& req);

// Number of code points in valid UTF-8, or -1 when the bytes are not valid UTF-8.
long utf8_length(std::string_view s);

}  // namespace zhifa::http
