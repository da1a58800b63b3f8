// Constructors of the two drivers behind db::open(). Only db.cpp and tests include this.
#pragma once

#include <memory>
#include <string>

#include "db/db.hpp"

namespace zhifa::db {

std::unique_ptr<Db> open_sqlite(const std::string& path, const Options& options);
std::unique_ptr<Db> open_postgres(const std::string& conninfo, const Options& options);

// Rewrites `?` placeholders to PostgreSQL's $1..$n, leaving quoted text and identifiers alone.
std::string to_postgres_placeholders(std::string_view sql);

}  // namespace zhifa::db
