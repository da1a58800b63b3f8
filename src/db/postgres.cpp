// PostgreSQL driver over libpq: a fixed pool of connections; each transaction holds one.
// Parameters are sent as text; result columns are converted by type OID so both backends
// return the same Value types (integers and booleans as int64, floats as double, the rest as text).
#include <libpq-fe.h>

#include <algorithm>

#include "db/drivers.hpp"
#include "db/pool.hpp"

namespace zhifa::db {

std::string to_postgres_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

// Type OIDs from pg_type.h.
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kOid = 26, kFloat4 = 700,
              kFloat8 = 701, kNumeric = 1700;

struct PgResult {
  PGresult* r;
  ~PgResult() { PQclear(r); }
};

DbError error_from(PGconn* conn, PGresult* res, std::string_view sql) {
  std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  DbError::Kind kind = DbError::Kind::kOther;
  std::string s = state ? state : "";
  if (s == "23505")
    kind = DbError::Kind::kUnique;
  else if (s == "23503")
    kind = DbError::Kind::kForeignKey;
  else if (s == "40001" || s == "40P01" || s == "55P03")
    kind = DbError::Kind::kBusy;
  else if (PQstatus(conn) != CONNECTION_OK)
    kind = DbError::Kind::kConnection;
  return DbError(kind, "postgres: " + msg + " [" + std::string(sql.substr(0, 200)) + "]");
}

class PgConnection {
 public:
  explicit PgConnection(const std::string& conninfo) : conninfo_(conninfo) { connect(); }
  ~PgConnection() { PQfinish(conn_); }
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  void connect() {
    if (conn_) PQfinish(conn_);
    conn_ = PQconnectdb(conninfo_.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      throw DbError(DbError::Kind::kConnection, "postgres: cannot connect: " + msg);
    }
    run("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
  }
  bool healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

  void begin(bool write) {
    run(write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  }
  void commit() { run("COMMIT"); }
  void rollback() { run("ROLLBACK"); }

  void run(std::string_view sql) {
    std::string text(sql);
    PgResult res{PQexec(conn_, text.c_str())};
    auto st = PQresultStatus(res.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw error_from(conn_, res.r, sql);
  }

  Rows query(std::string_view sql, const Params& params, std::int64_t* changes) {
    std::string text = to_postgres_placeholders(sql);
    std::vector<std::string> values(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i].v;
      if (auto p = std::get_if<std::int64_t>(&v))
        values[i] = std::to_string(*p);
      else if (auto p = std::get_if<double>(&v))
        values[i] = std::to_string(*p);
      else if (auto p = std::get_if<std::string>(&v))
        values[i] = *p;
      if (!std::holds_alternative<std::nullptr_t>(v)) ptrs[i] = values[i].c_str();
    }
    PgResult res{PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr,
                              ptrs.data(), nullptr, nullptr, 0)};
    auto st = PQresultStatus(res.r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw error_from(conn_, res.r, sql);
    Rows rows;
    int ncol = PQnfields(res.r);
    int nrow = PQntuples(res.r);
    std::vector<Oid> types;
    for (int c = 0; c < ncol; ++c) {
      rows.columns.emplace_back(PQfname(res.r, c));
      types.push_back(PQftype(res.r, c));
    }
    rows.data.reserve(static_cast<std::size_t>(nrow));
    for (int r = 0; r < nrow; ++r) {
      std::vector<Value> row;
      row.reserve(static_cast<std::size_t>(ncol));
      for (int c = 0; c < ncol; ++c) row.push_back(column(res.r, r, c, types[c]));
      rows.data.push_back(std::move(row));
    }
    if (changes) {
      const char* n = PQcmdTuples(res.r);
      *changes = (n && *n) ? std::stoll(n) : 0;
    }
    return rows;
  }

 private:
  static Value column(PGresult* r, int row, int col, Oid type) {
    if (PQgetisnull(r, row, col)) return nullptr;
    const char* s = PQgetvalue(r, row, col);
    switch (type) {
      case kBool:
        return static_cast<std::int64_t>(s[0] == 't' ? 1 : 0);
      case kInt2:
      case kInt4:
      case kInt8:
      case kOid:
        return static_cast<std::int64_t>(std::stoll(s));
      case kFloat4:
      case kFloat8:
      case kNumeric:
        return std::stod(s);
      default:
        return std::string(s, static_cast<std::size_t>(PQgetlength(r, row, col)));
    }
  }

  std::string conninfo_;
  PGconn* conn_ = nullptr;
};

using PgTx = PooledTx<PgConnection, Dialect::kPostgres>;

class PgDb final : public Db {
 public:
  PgDb(const std::string& conninfo, const Options& options) : conninfo_(conninfo) {
    for (int i = 0; i < std::max(1, options.pool_size); ++i) {
      pool_.add(std::make_unique<PgConnection>(conninfo));
    }
  }
  std::unique_ptr<Tx> write() override { return begin(true); }
  std::unique_ptr<Tx> begin_read() override { return begin(false); }
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string describe() const override {
    // Hide a password in the URL.
    std::string d = conninfo_;
    auto at = d.find('@');
    auto scheme = d.find("://");
    if (at != std::string::npos && scheme != std::string::npos) {
      auto colon = d.find(':', scheme + 3);
      if (colon != std::string::npos && colon < at) d.replace(colon + 1, at - colon - 1, "***");
    }
    return d;
  }

 private:
  std::unique_ptr<Tx> begin(bool write) {
    auto [conn, release] = pool_.take();
    try {
      if (!conn->healthy()) conn->connect();  // the server restarted or dropped us: reconnect once
    } catch (...) {
      release();
      throw;
    }
    return std::make_unique<PgTx>(conn, std::move(release), write);
  }

  std::string conninfo_;
  ConnectionPool<PgConnection> pool_;
};

}  // namespace

std::unique_ptr<Db> open_postgres(const std::string& conninfo, const Options& options) {
  return std::make_unique<PgDb>(conninfo, options);
}

}  // namespace zhifa::db
