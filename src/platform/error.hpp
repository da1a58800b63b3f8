// Error values that cross layers. A rule or a repository that can refuse returns Result<T>;
// one place (http/problem) turns an Error into an RFC 9457 problem+json response.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace zhifa {

enum class ErrorKind {
  kInvalid,           // 400: the input is wrong
  kUnauthorized,      // 401: not signed in
  kForbidden,         // 403: signed in, not allowed
  kNotFound,          // 404
  kMethodNotAllowed,  // 405
  kConflict,          // 409: the state does not allow it (duplicate, wrong state)
  kGone,              // 410: was there, taken away on purpose (a withdrawn publication)
  kTooLarge,          // 413
  kUnsupportedMedia,  // 415: the body is not the kind of file expected
  kHeaderTooLarge,    // 431
  kLocked,            // 423: account locked
  kUnprocessable,     // 422: understood, refused by a rule
  kTooMany,           // 429
  kUnavailable,       // 503
  kInternal,          // 500
};

int http_status(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string code;        // stable machine code, e.g. "user.username_taken"
  std::string message_zh;  // shown to users
  std::string message_en;
  std::string field;  // the offending field, empty when none
  // Per-row findings of a refused import (row = the spreadsheet's row number, 1 = header).
  struct Item {
    int row = 0;
    std::string column, message_zh, message_en;
  };
  std::vector<Item> items;

  Error() = default;
  Error(ErrorKind k, std::string c, std::string zh, std::string en, std::string f = {})
      : kind(k),
        code(std::move(c)),
        message_zh(std::move(zh)),
        message_en(std::move(en)),
        field(std::move(f)) {}

  static Error invalid(std::string code, std::string zh, std::string en, std::string field = {}) {
    return {ErrorKind::kInvalid, std::move(code), std::move(zh), std::move(en), std::move(field)};
  }
  static Error not_found(std::string what_zh, std::string what_en) {
    return {ErrorKind::kNotFound,
            "not_found",
            what_zh + "不存在或无权访问",
            what_en + " not found or not accessible",
            {}};
  }
  static Error forbidden(std::string code, std::string zh, std::string en) {
    return {ErrorKind::kForbidden, std::move(code), std::move(zh), std::move(en), {}};
  }
  static Error conflict(std::string code, std::string zh, std::string en, std::string field = {}) {
    return {ErrorKind::kConflict, std::move(code), std::move(zh), std::move(en), std::move(field)};
  }
  static Error internal(std::string en) {
    return {ErrorKind::kInternal,
            "internal",
            "服务器内部错误,请稍后重试或联系管理员",
            std::move(en),
            {}};
  }
};

// Thrown only to unwind a use case (e.g. out of a transaction) with a typed error; caught at the
// request boundary and rendered like any returned Error.
struct ErrorException {
  Error error;
};

[[noreturn]] inline void raise(Error e) { throw ErrorException{std::move(e)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() { return std::get<0>(v_); }
  const T& operator*() const { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }
  T value_or(T fallback) const& { return ok() ? std::get<0>(v_) : std::move(fallback); }
  // Returns the value or throws ErrorException (for use inside a transaction body).
  T take() && {
    if (!ok()) raise(std::get<1>(std::move(v_)));
    return std::get<0>(std::move(v_));
  }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;

}  // namespace zhifa
