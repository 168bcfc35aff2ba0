// The PostgreSQL backend of Store, on libpq.
#include <libpq-fe.h>

#include <cstdio>
#include <cstring>

#include "store/backends.h"

namespace openpact::store {
namespace {

// pg_advisory_xact_lock's key for the writers of an OpenPact store ("OpenPact" in ASCII, as a
// 64-bit number), so that no other application's advisory locks collide with it.
constexpr int64_t kWriterLockKey = 0x4F70656E50616374;

// Type OIDs from PostgreSQL's pg_type.h (stable across versions).
constexpr Oid kBoolOid = 16, kByteaOid = 17, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23,
              kFloat4Oid = 700, kFloat8Oid = 701, kNumericOid = 1700;

Status FromPgResult(PGresult* res, PGconn* conn, const std::string& what) {
  const char* state = res != nullptr ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string detail = res != nullptr ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
  if (PQstatus(conn) != CONNECTION_OK) {
    return Status::Unavailable("lost the connection to PostgreSQL (" + detail + ")");
  }
  const std::string code = state != nullptr ? state : "";
  if (code == "23505") return Status::AlreadyExists(detail);
  if (code.rfind("23", 0) == 0) return Status::FailedPrecondition("constraint failed: " + detail);
  if (code == "25006") {
    return Status::ReadOnly("the database is read-only (" + detail + "): " + what +
                            " needs write access");
  }
  if (code == "55P03" || code == "40P01" || code == "40001") {
    return Status::Busy("the database is locked or busy (" + detail + "); retry later");
  }
  if (code == "XX001" || code == "XX002") {
    return Status::Corruption("PostgreSQL reports damaged data (" + detail + ")");
  }
  if (code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0) {
    return Status::Unavailable("PostgreSQL is unavailable (" + detail + ")");
  }
  return Status::IOError(what + ": " + detail);
}

// Rewrites `?` placeholders to $1, $2, ... outside quotes.
std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

class PgStore final : public Store {
 public:
  PgStore(PGconn* conn, bool read_only) : conn_(conn), read_only_(read_only) {}
  ~PgStore() override { PQfinish(conn_); }

  std::string_view backend() const override { return "postgresql"; }

  Status Exec(std::string_view sql, const std::vector<Value>& params) override {
    if (params.empty()) {
      const std::string s(sql);
      PGresult* res = PQexec(conn_, s.c_str());
      std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
      const ExecStatusType st = PQresultStatus(res);
      if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return FromPgResult(res, conn_, "exec");
      return Status::OK();
    }
    return Query(sql, params).status();
  }

  Result<QueryResult> Query(std::string_view sql, const std::vector<Value>& params) override {
    const std::string text = RewritePlaceholders(sql);
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size());
    std::vector<int> lengths(params.size()), formats(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      formats[i] = 0;
      if (std::holds_alternative<std::monostate>(v)) {
        values[i] = nullptr;
        continue;
      } else if (auto p = std::get_if<int64_t>(&v)) {
        storage[i] = std::to_string(*p);
      } else if (auto p = std::get_if<double>(&v)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.17g", *p);
        storage[i] = buf;
      } else if (auto p = std::get_if<std::string>(&v)) {
        storage[i] = *p;
      } else {
        storage[i] = std::get<Blob>(v).bytes;
        formats[i] = 1;  // binary: bytea as raw bytes
      }
      values[i] = storage[i].data();
      lengths[i] = static_cast<int>(storage[i].size());
    }
    PGresult* res = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), lengths.data(), formats.data(), 0);
    std::unique_ptr<PGresult, void (*)(PGresult*)> guard(res, PQclear);
    const ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return FromPgResult(res, conn_, "query");
    QueryResult out;
    const int ncol = PQnfields(res), nrow = PQntuples(res);
    for (int c = 0; c < ncol; ++c) out.columns.emplace_back(PQfname(res, c));
    out.rows.reserve(nrow);
    for (int r = 0; r < nrow; ++r) {
      Row row;
      row.values.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.values.emplace_back(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(res, r, c);
        switch (PQftype(res, c)) {
          case kInt2Oid:
          case kInt4Oid:
          case kInt8Oid: row.values.emplace_back(int64_t{std::strtoll(v, nullptr, 10)}); break;
          case kBoolOid: row.values.emplace_back(int64_t{v[0] == 't' ? 1 : 0}); break;
          case kFloat4Oid:
          case kFloat8Oid:
          case kNumericOid: row.values.emplace_back(std::strtod(v, nullptr)); break;
          case kByteaOid: {
            size_t n = 0;
            unsigned char* raw = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &n);
            if (raw == nullptr) return Status::Internal("cannot decode a bytea value");
            row.values.emplace_back(Blob{std::string(reinterpret_cast<char*>(raw), n)});
            PQfreemem(raw);
            break;
          }
          default:
            row.values.emplace_back(std::string(v, static_cast<size_t>(PQgetlength(res, r, c))));
        }
      }
      out.rows.push_back(std::move(row));
    }
    return out;
  }

  Status Begin() override {
    if (read_only_) return Exec("BEGIN READ ONLY", {});
    OP_RETURN_IF_ERROR(Exec("BEGIN", {}));
    // Writers one at a time, as SQLite's BEGIN IMMEDIATE has them: the store's transactions read,
    // change and write back (a screening's form, the audit chain's head), and under PostgreSQL's
    // default isolation two of them could read the same row and the later write would erase the
    // earlier (measured: 150 of 200 concurrent increments kept). The lock is the transaction's and
    // ends with it; the key is this project's own.
    Status locked = Query("SELECT pg_advisory_xact_lock(?)", {kWriterLockKey}).status();
    if (!locked.ok()) (void)Exec("ROLLBACK", {});
    return locked;
  }
  Status Commit() override { return Exec("COMMIT", {}); }
  Status Rollback() override {
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE) return Status::OK();
    return Exec("ROLLBACK", {});
  }
  Status CheckIntegrity() override {
    // PostgreSQL checks page checksums itself when the cluster has them; a full scan of every
    // table through the executor reveals unreadable pages.
    OP_ASSIGN_OR_RETURN(QueryResult tables,
                        Query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", {}));
    for (const Row& t : tables.rows) {
      OP_RETURN_IF_ERROR(Query("SELECT count(*) FROM \"" + t.Text(0) + "\"", {}).status());
    }
    return Status::OK();
  }

 private:
  PGconn* conn_;
  bool read_only_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgres(const std::string& url, const StoreOptions& options) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = PQerrorMessage(conn);
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    PQfinish(conn);
    return Status::Unavailable("cannot connect to PostgreSQL: " + msg);
  }
  auto store = std::make_unique<PgStore>(conn, options.read_only);
  // Quiet NOTICEs (e.g. "relation already exists, skipping") would go to stderr otherwise.
  PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
  std::string setup = "SET client_min_messages = warning; SET lock_timeout = " +
                      std::to_string(options.busy_timeout_ms) + ";";
  if (options.read_only) setup += " SET default_transaction_read_only = on;";
  OP_RETURN_IF_ERROR(store->Exec(setup, {}));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace openpact::store
