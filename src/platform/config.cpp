#include "platform/config.hpp"

#include <toml++/toml.h>
#include <cstdlib>
#include <filesystem>

namespace zhifa {
namespace {

template <typename T>
void take(const toml::table& t, std::string_view section, std::string_view key, T& out) {
  const toml::node* n = section.empty()
                            ? t.get(key)
                            : t.at_path(std::string(section) + "." + std::string(key)).node();
  if (!n) return;
  if constexpr (std::is_same_v<T, std::string>) {
    if (auto v = n->value<std::string>()) out = *v;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (auto v = n->value<bool>()) out = *v;
  } else {
    if (auto v = n->value<std::int64_t>()) out = static_cast<T>(*v);
  }
}

template <typename T>
void env(const char* name, T& out) {
  const char* v = std::getenv(name);
  if (!v || !*v) return;
  if constexpr (std::is_same_v<T, std::string>) {
    out = v;
  } else if constexpr (std::is_same_v<T, bool>) {
    std::string s = v;
    out = s == "1" || s == "true" || s == "yes";
  } else {
    out = static_cast<T>(std::strtoll(v, nullptr, 10));
  }
}

}  // namespace

std::string Config::effective_database_url() const {
  if (!database_url.empty()) return database_url;
  return "sqlite:" + (std::filesystem::path(data_dir) / "zhifa.db").string();
}

std::string Config::effective_ledger_key_path() const {
  if (!ledger_key_path.empty()) return ledger_key_path;
  return (std::filesystem::path(data_dir) / "ledger-sm2.pem").string();
}

std::string Config::effective_field_key_path() const {
  if (!field_key_path.empty()) return field_key_path;
  return (std::filesystem::path(data_dir) / "field-keys.hex").string();
}

std::string Config::effective_files_dir() const {
  if (!files.dir.empty()) return files.dir;
  return (std::filesystem::path(data_dir) / "files").string();
}

Result<Config> load_config(const std::string& toml_path) {
  Config c;
  if (!toml_path.empty()) {
    toml::table t;
    try {
      t = toml::parse_file(toml_path);
    } catch (const toml::parse_error& e) {
      return Error::invalid("config.parse", "配置文件格式错误: " + std::string(e.description()),
                            "cannot parse config file: " + std::string(e.description()), toml_path);
    }
    take(t, "", "data_dir", c.data_dir);
    take(t, "", "database_url", c.database_url);
    take(t, "", "db_pool_size", c.db_pool_size);
    take(t, "", "log_level", c.log_level);
    take(t, "", "ledger_key_path", c.ledger_key_path);
    take(t, "", "field_key_path", c.field_key_path);
    take(t, "http", "host", c.http.host);
    take(t, "http", "port", c.http.port);
    take(t, "http", "threads", c.http.threads);
    take(t, "http", "max_header_bytes", c.http.max_header_bytes);
    take(t, "http", "max_body_bytes", c.http.max_body_bytes);
    take(t, "http", "idle_seconds", c.http.idle_seconds);
    take(t, "http", "read_timeout_seconds", c.http.read_timeout_seconds);
    take(t, "http", "shutdown_grace_seconds", c.http.shutdown_grace_seconds);
    take(t, "http", "ui_dir", c.http.ui_dir);
    take(t, "security", "password_min_length", c.security.password_min_length);
    take(t, "security", "login_max_failures", c.security.login_max_failures);
    take(t, "security", "lockout_minutes", c.security.lockout_minutes);
    take(t, "security", "idle_timeout_minutes", c.security.idle_timeout_minutes);
    take(t, "security", "session_max_hours", c.security.session_max_hours);
    take(t, "security", "cookie_secure", c.security.cookie_secure);
    take(t, "people", "exam_sessions_per_year", c.people.exam_sessions_per_year);
    take(t, "people", "exam_pass_mark", c.people.exam_pass_mark);
    take(t, "people", "certificate_valid_years", c.people.certificate_valid_years);
    take(t, "people", "training_min_hours", c.people.training_min_hours);
    take(t, "people", "legal_review_min_percent", c.people.legal_review_min_percent);
    take(t, "people", "expiring_days", c.people.expiring_days);
    take(t, "files", "dir", c.files.dir);
    take(t, "files", "max_upload_bytes", c.files.max_upload_bytes);
    take(t, "files", "upload_expiry_hours", c.files.upload_expiry_hours);
    take(t, "portal", "search_per_minute", c.portal.search_per_minute);
    take(t, "portal", "job_interval_seconds", c.portal.job_interval_seconds);
    take(t, "portal", "search_cache_entries", c.portal.search_cache_entries);
  }
  env("ZHIFA_DATA_DIR", c.data_dir);
  env("ZHIFA_DATABASE_URL", c.database_url);
  env("ZHIFA_DB_POOL_SIZE", c.db_pool_size);
  env("ZHIFA_LOG_LEVEL", c.log_level);
  env("ZHIFA_LEDGER_KEY_PATH", c.ledger_key_path);
  env("ZHIFA_FIELD_KEY_PATH", c.field_key_path);
  env("ZHIFA_HTTP_HOST", c.http.host);
  env("ZHIFA_HTTP_PORT", c.http.port);
  env("ZHIFA_HTTP_THREADS", c.http.threads);
  env("ZHIFA_HTTP_MAX_BODY_BYTES", c.http.max_body_bytes);
  env("ZHIFA_HTTP_IDLE_SECONDS", c.http.idle_seconds);
  env("ZHIFA_HTTP_READ_TIMEOUT_SECONDS", c.http.read_timeout_seconds);
  env("ZHIFA_UI_DIR", c.http.ui_dir);
  env("ZHIFA_LOGIN_MAX_FAILURES", c.security.login_max_failures);
  env("ZHIFA_LOCKOUT_MINUTES", c.security.lockout_minutes);
  env("ZHIFA_IDLE_TIMEOUT_MINUTES", c.security.idle_timeout_minutes);
  env("ZHIFA_COOKIE_SECURE", c.security.cookie_secure);
  env("ZHIFA_PEOPLE_EXAM_SESSIONS_PER_YEAR", c.people.exam_sessions_per_year);
  env("ZHIFA_PEOPLE_EXAM_PASS_MARK", c.people.exam_pass_mark);
  env("ZHIFA_PEOPLE_CERTIFICATE_VALID_YEARS", c.people.certificate_valid_years);
  env("ZHIFA_PEOPLE_TRAINING_MIN_HOURS", c.people.training_min_hours);
  env("ZHIFA_PEOPLE_LEGAL_REVIEW_MIN_PERCENT", c.people.legal_review_min_percent);
  env("ZHIFA_PEOPLE_EXPIRING_DAYS", c.people.expiring_days);
  env("ZHIFA_FILES_DIR", c.files.dir);
  env("ZHIFA_FILES_MAX_UPLOAD_BYTES", c.files.max_upload_bytes);
  env("ZHIFA_FILES_UPLOAD_EXPIRY_HOURS", c.files.upload_expiry_hours);
  env("ZHIFA_PORTAL_SEARCH_PER_MINUTE", c.portal.search_per_minute);
  env("ZHIFA_PORTAL_JOB_INTERVAL_SECONDS", c.portal.job_interval_seconds);
  env("ZHIFA_PORTAL_SEARCH_CACHE_ENTRIES", c.portal.search_cache_entries);
  return c;
}

}  // namespace zhifa
