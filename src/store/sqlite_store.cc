// The SQLite backend of Store.
#include <sqlite3.h>

#include <filesystem>

#include "store/backends.h"

namespace openpact::store {
namespace {

Status FromSqlite(int rc, sqlite3* db, const std::string& what) {
  const std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Busy("the database is locked by another process or connection (" + detail +
                          "); retry later or stop the other writer");
    case SQLITE_READONLY:
      return Status::ReadOnly("the database is read-only (" + detail + "): " + what +
                              " needs write access");
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corruption("the database file is damaged or not an SQLite database (" +
                                detail + "); restore it from a backup");
    case SQLITE_CANTOPEN:
      return Status::IOError("cannot open the database file (" + detail + ")");
    case SQLITE_FULL:
      return Status::IOError("the disk is full (" + detail + ")");
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
        return Status::AlreadyExists(detail);
      }
      return Status::FailedPrecondition("constraint failed: " + detail);
    default:
      return Status::IOError(what + ": " + detail);
  }
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(sqlite3* db) : db_(db) {}
  ~SqliteStore() override { sqlite3_close_v2(db_); }

  std::string_view backend() const override { return "sqlite"; }

  Status Exec(std::string_view sql, const std::vector<Value>& params) override {
    if (params.empty()) {
      // No parameters: may be several statements (migrations).
      char* err = nullptr;
      const std::string s(sql);
      const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
      sqlite3_free(err);
      if (rc != SQLITE_OK) return FromSqlite(sqlite3_extended_errcode(db_), db_, "exec");
      return Status::OK();
    }
    return Query(sql, params).status();
  }

  Result<QueryResult> Query(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return FromSqlite(sqlite3_extended_errcode(db_), db_, "prepare");
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(stmt, sqlite3_finalize);
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      const Value& v = params[i];
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(stmt, idx);
      } else if (auto p = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(stmt, idx, *p);
      } else if (auto p = std::get_if<double>(&v)) {
        rc = sqlite3_bind_double(stmt, idx, *p);
      } else if (auto p = std::get_if<std::string>(&v)) {
        rc = sqlite3_bind_text(stmt, idx, p->data(), static_cast<int>(p->size()), SQLITE_TRANSIENT);
      } else {
        const Blob& b = std::get<Blob>(v);
        rc = sqlite3_bind_blob(stmt, idx, b.bytes.data(), static_cast<int>(b.bytes.size()),
                               SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) return FromSqlite(rc, db_, "bind");
    }
    QueryResult out;
    const int ncol = sqlite3_column_count(stmt);
    for (int c = 0; c < ncol; ++c) out.columns.emplace_back(sqlite3_column_name(stmt, c));
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      Row row;
      row.values.reserve(ncol);
      for (int c = 0; c < ncol; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_INTEGER: row.values.emplace_back(int64_t{sqlite3_column_int64(stmt, c)}); break;
          case SQLITE_FLOAT: row.values.emplace_back(sqlite3_column_double(stmt, c)); break;
          case SQLITE_TEXT:
            row.values.emplace_back(std::string(
                reinterpret_cast<const char*>(sqlite3_column_text(stmt, c)),
                static_cast<size_t>(sqlite3_column_bytes(stmt, c))));
            break;
          case SQLITE_BLOB: {
            const void* p = sqlite3_column_blob(stmt, c);
            const int n = sqlite3_column_bytes(stmt, c);
            row.values.emplace_back(Blob{std::string(static_cast<const char*>(p), n)});
            break;
          }
          default: row.values.emplace_back(std::monostate{}); break;
        }
      }
      out.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) return FromSqlite(sqlite3_extended_errcode(db_), db_, "query");
    return out;
  }

  Status Begin() override { return Exec("BEGIN IMMEDIATE", {}); }
  Status Commit() override { return Exec("COMMIT", {}); }
  Status Rollback() override {
    if (sqlite3_get_autocommit(db_)) return Status::OK();  // nothing open
    return Exec("ROLLBACK", {});
  }

  Status CheckIntegrity() override {
    OP_ASSIGN_OR_RETURN(QueryResult r, Query("PRAGMA integrity_check", {}));
    if (r.rows.size() == 1 && r.rows[0].Text(0) == "ok") return Status::OK();
    std::string problems;
    for (const Row& row : r.rows) problems += (problems.empty() ? "" : "; ") + row.Text(0);
    return Status::Corruption("integrity check failed: " + problems);
  }

 private:
  sqlite3* db_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqlite(const std::string& path, const StoreOptions& options) {
  namespace fs = std::filesystem;
  if (options.must_exist && !options.read_only && !fs::exists(path)) {
    return Status::InvalidArgument("no store at " + path + ": create one with 'openpact init', or give the right --db",
                                   "--db");
  }
  if (!options.read_only) {
    const fs::path parent = fs::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) fs::create_directories(parent, ec);
    if (ec) return Status::IOError("cannot create directory " + parent.string() + ": " + ec.message());
  } else if (!fs::exists(path)) {
    return Status::NotFound("no database at " + path);
  }
  sqlite3* db = nullptr;
  const int flags = options.read_only ? SQLITE_OPEN_READONLY
                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  const bool creating = !options.read_only && !fs::exists(path);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = FromSqlite(rc, db, "open " + path);
    sqlite3_close_v2(db);
    return s.WithContext(path);
  }
  if (creating) {
    // A new store will hold special-category data: readable by its owner only, before anything is
    // written (SQLite gives its -wal and -shm files the database file's mode).
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
    if (ec) {
      sqlite3_close_v2(db);
      return Status::IOError("cannot make " + path + " readable by its owner only: " + ec.message());
    }
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  auto store = std::make_unique<SqliteStore>(db);
  // Reading the schema is the first access to the file: it reveals a file that is not a database.
  Status s = store->Query("SELECT count(*) FROM sqlite_master", {}).status();
  if (!s.ok()) return s.WithContext(path);
  if (!options.read_only) {
    // WAL lets readers (API queries) run while one writer commits; FULL sync keeps every
    // committed transaction through a power cut.
    for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                               "PRAGMA foreign_keys=ON"}) {
      s = store->Exec(pragma, {});
      if (!s.ok()) return s.WithContext(path);
    }
  } else {
    s = store->Exec("PRAGMA foreign_keys=ON", {});
    if (!s.ok()) return s.WithContext(path);
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace openpact::store
