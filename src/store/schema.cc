#include "store/schema.h"

namespace openpact::store {
namespace {

// Audit log (audit/audit.h): an append-only hash chain and its signed checkpoints.
constexpr const char* kAuditSqlite = R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TABLE audit_checkpoint (
  seq INTEGER PRIMARY KEY,
  head_hash TEXT NOT NULL,
  entries INTEGER NOT NULL,
  at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL,
  pruned INTEGER NOT NULL DEFAULT 0
) STRICT;
)sql";
constexpr const char* kAuditPostgres = R"sql(
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  purpose TEXT NOT NULL,
  outcome TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_checkpoint (
  seq BIGINT PRIMARY KEY,
  head_hash TEXT NOT NULL,
  entries BIGINT NOT NULL,
  at TEXT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL,
  pruned BIGINT NOT NULL DEFAULT 0
);
)sql";

// API tokens (auth/tokens.h): only a BLAKE2b hash of each token is stored.
constexpr const char* kTokensSqlite = R"sql(
CREATE TABLE api_token (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
)sql";
constexpr const char* kTokensPostgres = R"sql(
CREATE TABLE api_token (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT
);
)sql";

// Key-value settings of an installation (init time, data dimensions, ...).
constexpr const char* kSettingsSqlite = R"sql(
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
)sql";
constexpr const char* kSettingsPostgres = R"sql(
CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// Screening files (cases/screening_store.h): form and checks are JSON documents.
constexpr const char* kScreeningSqlite = R"sql(
CREATE TABLE screening (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  location TEXT NOT NULL,
  event_date TEXT NOT NULL,
  held_over_72h INTEGER NOT NULL,
  held_until TEXT,
  must_end_on TEXT NOT NULL,
  limit_basis TEXT NOT NULL,
  status TEXT NOT NULL,
  form TEXT NOT NULL,
  checks TEXT NOT NULL,
  referral TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
)sql";
constexpr const char* kScreeningPostgres = R"sql(
CREATE TABLE screening (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  location TEXT NOT NULL,
  event_date TEXT NOT NULL,
  held_over_72h BIGINT NOT NULL,
  held_until TEXT,
  must_end_on TEXT NOT NULL,
  limit_basis TEXT NOT NULL,
  status TEXT NOT NULL,
  form TEXT NOT NULL,
  checks TEXT NOT NULL,
  referral TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
)sql";

constexpr Migration kMigrations[] = {
    {1, "audit log and checkpoints", kAuditSqlite, kAuditPostgres},
    {2, "api tokens", kTokensSqlite, kTokensPostgres},
    {3, "settings", kSettingsSqlite, kSettingsPostgres},
    {4, "screening files", kScreeningSqlite, kScreeningPostgres},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace openpact::store
