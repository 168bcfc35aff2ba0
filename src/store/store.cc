#include "store/store.h"

#include <cstdio>

#include "core/date.h"
#include "store/backends.h"
#include "store/schema.h"

namespace openpact::store {

int64_t Row::Int(size_t i) const {
  const Value& v = values[i];
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtoll(p->c_str(), nullptr, 10);
  return 0;
}

double Row::Real(size_t i) const {
  const Value& v = values[i];
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0;
}

std::string Row::Text(size_t i) const {
  const Value& v = values[i];
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *p);
    return buf;
  }
  return "";
}

const std::string& Row::Bytes(size_t i) const {
  static const std::string kEmpty;
  const Value& v = values[i];
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<Blob>(&v)) return p->bytes;
  return kEmpty;
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& url, const StoreOptions& options) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgres(url, options);
  }
  std::string path = url;
  if (path.rfind("sqlite:", 0) == 0) path = path.substr(7);
  if (path.empty()) return Status::InvalidArgument("empty database path", "--db");
  return OpenSqlite(path, options);
}

int LatestSchemaVersion() { return Migrations().back().version; }

Result<int> Store::SchemaVersion() {
  OP_RETURN_IF_ERROR(Exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "name TEXT NOT NULL, applied_at TEXT NOT NULL)"));
  OP_ASSIGN_OR_RETURN(QueryResult r, Query("SELECT MAX(version) FROM schema_migrations"));
  return r.rows.empty() || r.rows[0].IsNull(0) ? 0 : static_cast<int>(r.rows[0].Int(0));
}

Status Store::Migrate() {
  OP_ASSIGN_OR_RETURN(int current, SchemaVersion());
  if (current > LatestSchemaVersion()) {
    return Status::FailedPrecondition(
        "the database schema is version " + std::to_string(current) +
        ", newer than this openpact binary knows (" + std::to_string(LatestSchemaVersion()) +
        "): upgrade openpact before opening it");
  }
  const bool pg = backend() == "postgresql";
  for (const Migration& m : Migrations()) {
    if (m.version <= current) continue;
    OP_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(this));
    Status s = Exec(pg ? m.postgres_sql : m.sqlite_sql);
    if (!s.ok()) return s.WithContext("migration " + std::to_string(m.version) + " (" + m.name + ")");
    OP_RETURN_IF_ERROR(Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                            {int64_t{m.version}, std::string(m.name), Timestamp::Now().ToString()}));
    OP_RETURN_IF_ERROR(tx.Commit());
  }
  return Status::OK();
}

Result<Transaction> Transaction::Begin(Store* store) {
  if (store->transaction_depth_ == 0) {
    OP_RETURN_IF_ERROR(store->Begin());
    store->rollback_only_ = false;
  }
  ++store->transaction_depth_;
  return Transaction(store);
}

Transaction::~Transaction() {
  if (store_ == nullptr) return;
  if (--store_->transaction_depth_ == 0) {
    (void)store_->Rollback();
  } else {
    store_->rollback_only_ = true;  // the outermost must not commit a part of this
  }
}

Status Transaction::Commit() {
  if (store_ == nullptr) return Status::Internal("transaction already finished");
  Store* s = store_;
  store_ = nullptr;
  if (--s->transaction_depth_ > 0) return Status::OK();  // the outermost commits
  if (s->rollback_only_) {
    (void)s->Rollback();
    return Status::FailedPrecondition("a part of this transaction failed: nothing of it was kept");
  }
  return s->Commit();
}

}  // namespace openpact::store
