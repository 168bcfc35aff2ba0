// Store: the one persistence interface of OpenPact, with two backends behind it.
//
//   sqlite      the embedded default (`--db var/openpact.db`): WAL journal, foreign keys on,
//               STRICT tables, synchronous=FULL (no committed transaction is lost on power cut).
//   postgresql  for production (`--db postgresql://user@host/db`), through libpq.
//
// SQL is written once with `?` placeholders; the PostgreSQL backend rewrites them to $1, $2, ...
// Table definitions that differ between the two dialects live in the versioned migrations
// (store/schema.cc), applied in order by Migrate(), each in its own transaction.
//
// Errors: a locked database is kBusy, a read-only one kReadOnly, a damaged file or failed
// integrity check kCorruption, an unreachable server kUnavailable, a unique-key clash
// kAlreadyExists; each message says what happened in words a registry operator understands.
//
// Thread safety: a Store is one connection and must be used by one thread at a time; callers
// that share one (the HTTP server) serialise access themselves.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/status.h"

namespace openpact::store {

struct Blob {
  std::string bytes;
  friend bool operator==(const Blob&, const Blob&) = default;
};
using Value = std::variant<std::monostate, int64_t, double, std::string, Blob>;

struct Row {
  std::vector<Value> values;
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values[i]); }
  int64_t Int(size_t i) const;             // 0 for NULL
  double Real(size_t i) const;             // 0 for NULL
  std::string Text(size_t i) const;        // "" for NULL; a number is formatted
  const std::string& Bytes(size_t i) const;  // text or blob bytes; "" for NULL
};

struct QueryResult {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

struct StoreOptions {
  bool read_only = false;
  // SQLite: refuse a path where no database file is, instead of creating one there. Only `init`
  // creates a store; any other command given a mistyped --db would otherwise work on a new,
  // empty store as if the data were gone (and write its records there).
  bool must_exist = false;
  int busy_timeout_ms = 5000;  // how long a writer waits for a lock before kBusy
};

class Store {
 public:
  // `url`: a file path or "sqlite:PATH" for SQLite; "postgresql://..." or "postgres://..." for
  // PostgreSQL. Opening does not migrate: call Migrate().
  static Result<std::unique_ptr<Store>> Open(const std::string& url,
                                             const StoreOptions& options = {});
  virtual ~Store() = default;

  virtual std::string_view backend() const = 0;  // "sqlite" or "postgresql"
  virtual Status Exec(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  virtual Result<QueryResult> Query(std::string_view sql,
                                    const std::vector<Value>& params = {}) = 0;
  virtual Status Begin() = 0;
  virtual Status Commit() = 0;
  virtual Status Rollback() = 0;
  // A full integrity check of the stored data (SQLite: PRAGMA integrity_check).
  virtual Status CheckIntegrity() = 0;

  // The highest applied migration, 0 on an empty database.
  Result<int> SchemaVersion();
  // Applies every pending migration; refuses a database newer than this binary.
  Status Migrate();

 private:
  friend class Transaction;
  int transaction_depth_ = 0;   // Transactions open on this connection (nested ones share the outermost)
  bool rollback_only_ = false;  // a nested Transaction ended without Commit: the outermost rolls back
};

// The latest schema version this binary knows.
int LatestSchemaVersion();

// RAII transaction: rolls back unless Commit() was called. Transactions nest: an inner one joins
// the outermost (so a command's change and its audit entry commit together, or neither does);
// an inner one that ends without Commit makes the outermost roll back, and its Commit fails.
class Transaction {
 public:
  static Result<Transaction> Begin(Store* store);
  Transaction(Transaction&& other) noexcept : store_(other.store_) { other.store_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Store* store) : store_(store) {}
  Store* store_;
};

}  // namespace openpact::store
