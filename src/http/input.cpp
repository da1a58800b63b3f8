#include "http/input.hpp"

#include <algorithm>

#include <cmath>

#include <charconv>

#include "http/types.hpp"
#include "platform/error.hpp"

namespace zhifa::http {
namespace {

[[noreturn]] void bad(const std::string& field, const std::string& zh, const std::string& en) {
  raise(Error::invalid("input.invalid", zh, en, field));
}

std::string trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

long utf8_length(std::string_view s) {
  long n = 0;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xe  ? 3
                      : (c >> 3) == 0x1e ? 4
                                         : 0;
    if (len == 0 || i + len > s.size()) return -1;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return -1;
    }
    i += len;
    ++n;
  }
  return n;
}

std::string checked_text(const std::string& value, const std::string& name, std::string_view label,
                         std::size_t max_chars) {
  std::string l(label);
  long n = utf8_length(value);
  if (n < 0) bad(name, l + "含有无效字符(非 UTF-8)", name + " is not valid UTF-8");
  for (unsigned char c : value) {
    if (c < 0x20 || c == 0x7f) bad(name, l + "含有控制字符", name + " contains control characters");
  }
  if (static_cast<std::size_t>(n) > max_chars) {
    bad(name, l + "不能超过 " + std::to_string(max_chars) + " 个字符",
        name + " is longer than " + std::to_string(max_chars) + " characters");
  }
  return value;
}

std::int64_t parse_id(const std::string& value, const std::string& name) {
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || p != value.data() + value.size() || v <= 0) {
    bad(name, "编号格式不正确: " + name, name + " must be a positive integer id");
  }
  return v;
}

namespace {

nlohmann::json parse_body(const std::string& body) {
  if (body.empty())
    bad("", "请求内容为空,需要 JSON 对象", "request body is empty; a JSON object is expected");
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded()) bad("", "请求内容不是合法的 JSON", "request body is not valid JSON");
  if (!j.is_object()) bad("", "请求内容必须是 JSON 对象", "request body must be a JSON object");
  return j;
}

template <typename List>
void refuse_unknown(const nlohmann::json& j, const List& allowed) {
  for (const auto& [k, v] : j.items()) {
    bool known = false;
    for (const auto& a : allowed) known = known || std::string_view(a) == k;
    if (!known) bad(k, "不支持的字段: " + k, "unknown field: " + k);
  }
}

}  // namespace

Input::Input(const std::string& body, std::initializer_list<std::string_view> allowed)
    : j_(parse_body(body)) {
  refuse_unknown(j_, allowed);
}

Input::Input(const std::string& body, const std::vector<std::string>& allowed)
    : j_(parse_body(body)) {
  refuse_unknown(j_, allowed);
}

bool Input::has(const std::string& name) const { return j_.contains(name) && !j_[name].is_null(); }

std::optional<std::string> Input::optional_string(const std::string& name, std::string_view label,
                                                  std::size_t max_chars) {
  if (!has(name)) return std::nullopt;
  const auto& v = j_[name];
  if (!v.is_string())
    bad(at(name), std::string(label) + "必须是文本", at(name) + " must be a string");
  return trim(checked_text(v.get<std::string>(), at(name), label, max_chars));
}

std::string Input::required_string(const std::string& name, std::string_view label,
                                   std::size_t max_chars) {
  auto v = optional_string(name, label, max_chars);
  if (!v || v->empty()) bad(at(name), std::string(label) + "不能为空", at(name) + " is required");
  return *v;
}

std::optional<std::int64_t> Input::optional_int(const std::string& name, std::string_view label,
                                                std::int64_t min, std::int64_t max) {
  if (!has(name)) return std::nullopt;
  const auto& v = j_[name];
  if (!v.is_number_integer())
    bad(at(name), std::string(label) + "必须是整数", at(name) + " must be an integer");
  std::int64_t x = v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX
                       ? INT64_MAX
                       : v.get<std::int64_t>();
  if (x < min || x > max) {
    bad(at(name),
        std::string(label) + "超出范围 " + std::to_string(min) + "–" + std::to_string(max),
        at(name) + " out of range " + std::to_string(min) + ".." + std::to_string(max));
  }
  return x;
}

std::int64_t Input::required_int(const std::string& name, std::string_view label, std::int64_t min,
                                 std::int64_t max) {
  auto v = optional_int(name, label, min, max);
  if (!v) bad(at(name), std::string(label) + "不能为空", at(name) + " is required");
  return *v;
}

std::optional<std::int64_t> Input::optional_tenths(const std::string& name, std::string_view label,
                                                   std::int64_t min_tenths,
                                                   std::int64_t max_tenths) {
  if (!has(name)) return std::nullopt;
  const auto& v = j_[name];
  if (!v.is_number())
    bad(at(name), std::string(label) + "必须是数字", at(name) + " must be a number");
  double tenths = v.get<double>() * 10;
  double rounded = std::round(tenths);
  if (!std::isfinite(tenths) || std::fabs(tenths - rounded) > 1e-6) {
    bad(at(name), std::string(label) + "最多一位小数", at(name) + " has at most one decimal");
  }
  if (rounded < static_cast<double>(min_tenths) || rounded > static_cast<double>(max_tenths)) {
    bad(at(name), std::string(label) + "超出范围", at(name) + " out of range");
  }
  return static_cast<std::int64_t>(rounded);
}

std::optional<bool> Input::optional_bool(const std::string& name, std::string_view label) {
  if (!has(name)) return std::nullopt;
  if (!j_[name].is_boolean())
    bad(at(name), std::string(label) + "必须是 true 或 false", at(name) + " must be a boolean");
  return j_[name].get<bool>();
}

std::vector<std::int64_t> Input::id_list(const std::string& name, std::string_view label,
                                         std::size_t max_items) {
  std::vector<std::int64_t> out;
  if (!has(name)) return out;
  const auto& v = j_[name];
  if (!v.is_array())
    bad(at(name), std::string(label) + "必须是列表", at(name) + " must be an array");
  if (v.size() > max_items)
    bad(at(name), std::string(label) + "项目过多", at(name) + " has too many items");
  for (const auto& e : v) {
    if (!e.is_number_integer() || e.get<std::int64_t>() <= 0) {
      bad(at(name), std::string(label) + "必须是编号列表", at(name) + " must be a list of ids");
    }
    out.push_back(e.get<std::int64_t>());
  }
  return out;
}

std::vector<std::string> Input::string_list(const std::string& name, std::string_view label,
                                            std::size_t max_items, std::size_t max_chars) {
  std::vector<std::string> out;
  if (!has(name)) return out;
  const auto& v = j_[name];
  if (!v.is_array())
    bad(at(name), std::string(label) + "必须是列表", at(name) + " must be an array");
  if (v.size() > max_items)
    bad(at(name), std::string(label) + "项目过多", at(name) + " has too many items");
  for (const auto& e : v) {
    if (!e.is_string())
      bad(at(name), std::string(label) + "必须是文本列表", at(name) + " must be a list of strings");
    out.push_back(checked_text(e.get<std::string>(), at(name), label, max_chars));
  }
  return out;
}

std::string Input::at(const std::string& name) const {
  return path_.empty() ? name : path_ + "." + name;
}

Input::Input(nlohmann::json object, std::initializer_list<std::string_view> allowed,
             std::string path)
    : j_(std::move(object)), path_(std::move(path)) {
  if (!j_.is_object()) bad(path_, path_ + " 必须是对象", path_ + " must be an object");
  for (const auto& [k, v] : j_.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == k;
    if (!known) bad(at(k), "不支持的字段: " + at(k), "unknown field: " + at(k));
  }
}

std::optional<std::string> Input::optional_text(const std::string& name, std::string_view label,
                                                std::size_t max_chars) {
  if (!has(name)) return std::nullopt;
  const auto& v = j_[name];
  if (!v.is_string())
    bad(at(name), std::string(label) + "必须是文本", at(name) + " must be a string");
  std::string text = v.get<std::string>();
  // Line breaks and tabs are kept (article texts, guides); other control characters are refused.
  std::string probe = text;
  for (auto& c : probe) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  checked_text(probe, at(name), label, max_chars);
  return trim(text);
}

std::optional<Input> Input::object(const std::string& name, std::string_view label,
                                   std::initializer_list<std::string_view> allowed) {
  if (!has(name)) return std::nullopt;
  if (!j_[name].is_object()) {
    bad(at(name), std::string(label) + "必须是对象", at(name) + " must be an object");
  }
  return Input(j_[name], allowed, at(name));
}

std::vector<Input> Input::object_list(const std::string& name, std::string_view label,
                                      std::size_t max_items,
                                      std::initializer_list<std::string_view> allowed) {
  std::vector<Input> out;
  if (!has(name)) return out;
  const auto& v = j_[name];
  if (!v.is_array())
    bad(at(name), std::string(label) + "必须是列表", at(name) + " must be an array");
  if (v.size() > max_items) {
    bad(at(name), std::string(label) + "不能超过 " + std::to_string(max_items) + " 项",
        at(name) + " has too many items");
  }
  for (std::size_t i = 0; i < v.size(); ++i) {
    out.emplace_back(v[i], allowed, at(name) + "[" + std::to_string(i) + "]");
  }
  return out;
}

std::optional<std::int64_t> query_id(const Request& req, const std::string& name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return parse_id(*v, name);
}

std::optional<std::string> query_text(const Request& req, const std::string& name,
                                      std::string_view label, std::size_t max_chars) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  return checked_text(*v, name, label, max_chars);
}

std::optional<int> query_year(const Request& req, const std::string& name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  bool digits = v->size() == 4 &&
                std::all_of(v->begin(), v->end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!digits) bad(name, "年度应为四位数字,如 2026", "year must be four digits");
  auto y = parse_id(*v, name);
  if (y < 2000 || y > 2199) bad(name, "年度应在 2000 至 2199 之间", "year must be 2000..2199");
  return static_cast<int>(y);
}

std::optional<bool> query_bool(const Request& req, const std::string& name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (*v == "true" || *v == "1") return true;
  if (*v == "false" || *v == "0") return false;
  bad(name, "应为 true 或 false", "must be true or false");
}

std::optional<std::string> query_enum(const Request& req, const std::string& name,
                                      std::string_view label,
                                      std::initializer_list<std::string_view> allowed) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  std::string options;
  for (auto a : allowed) {
    if (*v == a) return *v;
    options += (options.empty() ? "" : ", ") + std::string(a);
  }
  bad(name, std::string(label) + "取值无效(可选: " + options + ")",
      name + " must be one of: " + options);
}

Page page_of(const Request& req) {
  Page p;
  if (auto v = req.query_param("page")) {
    p.page = parse_id(*v, "page");
  }
  if (auto v = req.query_param("page_size")) {
    p.size = parse_id(*v, "page_size");
    if (p.size > 200) bad("page_size", "每页最多 200 条", "page_size must be at most 200");
  }
  if (p.page > 1000000) bad("page", "页码过大", "page too large");
  return p;
}

}  // namespace zhifa::http
