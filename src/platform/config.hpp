// Server configuration: defaults below, overridden by a TOML file, then by ZHIFA_* environment
// variables, then by command-line flags. Every limit that the law, a locality or a security
// baseline sets is a named field here with its source, never a bare number in code.
#pragma once

#include <cstdint>
#include <string>

#include "platform/error.hpp"

namespace zhifa {

struct SecuritySettings {
  int password_min_length = 8;  // 等保 2.0 level 3: complexity rules
  int login_max_failures = 5;   // lock after this many consecutive failures
  int lockout_minutes = 15;
  int idle_timeout_minutes = 30;  // a session unused this long ends
  int session_max_hours = 12;     // absolute lifetime of a session
  bool cookie_secure = false;     // set true behind HTTPS
};

struct HttpSettings {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 4;  // worker threads; DB calls block a thread
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 4 * 1024 * 1024;  // JSON API bodies (evidence uploads stream apart)
  int idle_seconds = 60;                         // keep-alive idle time before the server closes
  int read_timeout_seconds = 30;    // a slow client must send a whole request within this
  int shutdown_grace_seconds = 20;  // SIGTERM: in-flight requests may finish within this
  std::string ui_dir = "ui/dist";   // built admin console / portal
};

// DOMAIN.md §2: the numbers the justice bureau may change.
struct PeopleSettings {
  int exam_sessions_per_year = 2;   // the public legal knowledge exam is held twice a year
  int exam_pass_mark = 60;          // out of 100
  int certificate_valid_years = 5;  // validity of a newly issued certificate (annual review within)
  int training_min_hours = 60;      // training hours each officer needs a year
  int legal_review_min_percent = 5;  // legal-review staff among a body's officers
  int expiring_days = 30;            // alert window for certificates about to expire
};

// Evidence files and generated documents (DESIGN.md: stored by content hash, streamed).
struct FileSettings {
  std::string dir;  // empty: <data_dir>/files (or shared storage)
  std::int64_t max_upload_bytes = 8LL * 1024 * 1024 * 1024;  // body-camera video is gigabytes
  int upload_expiry_hours = 72;  // an unfinished upload is dropped after this
};

// The public portal (行政执法专栏) and the jobs that keep it current.
struct PortalSettings {
  int search_per_minute = 120;      // decision searches per client address (0: no limit)
  int job_interval_seconds = 3600;  // the take-down of publications past their online period
  int search_cache_entries = 4096;  // recent search answers kept (0: none kept)
};

struct Config {
  std::string data_dir = "var/data";
  std::string database_url;  // empty: sqlite:<data_dir>/zhifa.db
  int db_pool_size = 8;
  std::string log_level = "info";
  std::string ledger_key_path;  // empty: <data_dir>/ledger-sm2.pem
  std::string field_key_path;   // empty: <data_dir>/field-keys.hex (SM4 + HMAC-SM3 keys)
  HttpSettings http;
  SecuritySettings security;
  PeopleSettings people;
  FileSettings files;
  PortalSettings portal;

  std::string effective_database_url() const;
  std::string effective_ledger_key_path() const;
  std::string effective_field_key_path() const;
  std::string effective_files_dir() const;
};

// Loads the TOML file (when path is not empty) and then applies environment overrides.
Result<Config> load_config(const std::string& toml_path);

}  // namespace zhifa
