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

// The Eurodac registry (registry/registry.h): one row per record, its fingerprints beside it.
// `mark`: NULL, or why the record is marked (Art. 31(1) protection granted, 31(4) residence
// document). Person data are a JSON document (the fields of Arts. 17, 19, 21-24, 26 that a record carries).
// (member_state, reference) is unique: a Member State's reference number names one record
// (Art. 37(4)); a re-sent record (Art. 38(1)) replaces nothing silently.
constexpr const char* kRegistrySqlite = R"sql(
CREATE TABLE registry_record (
  id TEXT PRIMARY KEY,
  category TEXT NOT NULL,
  member_state TEXT NOT NULL,
  reference TEXT NOT NULL,
  event_date TEXT NOT NULL,
  biometrics_taken_on TEXT NOT NULL,
  transmitted_on TEXT NOT NULL,
  erase_on TEXT NOT NULL,
  mark TEXT,
  person TEXT NOT NULL,
  face BLOB,
  synthetic INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (member_state, reference)
) STRICT;
CREATE INDEX registry_record_category ON registry_record (category);
CREATE INDEX registry_record_erase_on ON registry_record (erase_on);
CREATE TABLE registry_finger (
  record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  ordinal INTEGER NOT NULL,
  position INTEGER NOT NULL,
  format TEXT NOT NULL,
  template BLOB NOT NULL,
  PRIMARY KEY (record_id, ordinal)
) STRICT;
)sql";
constexpr const char* kRegistryPostgres = R"sql(
CREATE TABLE registry_record (
  id TEXT PRIMARY KEY,
  category TEXT NOT NULL,
  member_state TEXT NOT NULL,
  reference TEXT NOT NULL,
  event_date TEXT NOT NULL,
  biometrics_taken_on TEXT NOT NULL,
  transmitted_on TEXT NOT NULL,
  erase_on TEXT NOT NULL,
  mark TEXT,
  person TEXT NOT NULL,
  face BYTEA,
  synthetic BIGINT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (member_state, reference)
);
CREATE INDEX registry_record_category ON registry_record (category);
CREATE INDEX registry_record_erase_on ON registry_record (erase_on);
CREATE TABLE registry_finger (
  record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  ordinal BIGINT NOT NULL,
  position BIGINT NOT NULL,
  format TEXT NOT NULL,
  template BYTEA NOT NULL,
  PRIMARY KEY (record_id, ordinal)
);
)sql";

// A token may act for one Member State (the registry then shows and changes only that State's
// records: Eurodac Art. 40(1), (3)); NULL: not bound to one.
constexpr const char* kTokenMemberState = R"sql(
ALTER TABLE api_token ADD COLUMN member_state TEXT;
)sql";

// The status data a record gathers after its transmission (Eurodac Arts. 17(2), 22(3), 23(3),
// 24(3)): a JSON object (registry/registry.h, UpdateStatus).
constexpr const char* kRegistryStatus = R"sql(
ALTER TABLE registry_record ADD COLUMN status TEXT NOT NULL DEFAULT '{}';
)sql";

// The links between a stored record and the records its comparison hit (Art. 3(6): a person's
// datasets in a sequence), until the final identification confirms or rejects them (Art. 38).
constexpr const char* kRegistryLinkSqlite = R"sql(
CREATE TABLE registry_link (
  record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  linked_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  score REAL NOT NULL,
  received_on TEXT NOT NULL,
  verification TEXT NOT NULL DEFAULT 'pending',
  PRIMARY KEY (record_id, linked_id)
) STRICT;
CREATE INDEX registry_link_linked ON registry_link (linked_id);
)sql";
constexpr const char* kRegistryLinkPostgres = R"sql(
CREATE TABLE registry_link (
  record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  linked_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  score DOUBLE PRECISION NOT NULL,
  received_on TEXT NOT NULL,
  verification TEXT NOT NULL DEFAULT 'pending',
  PRIMARY KEY (record_id, linked_id)
);
CREATE INDEX registry_link_linked ON registry_link (linked_id);
)sql";

// Counts the registry keeps for its Art. 12 statistics of what leaves no record behind (C2a
// transmissions, wrong hits erased under Art. 38(6)): month, Member State, kind, number.
constexpr const char* kRegistryCounterSqlite = R"sql(
CREATE TABLE registry_counter (
  month TEXT NOT NULL,
  member_state TEXT NOT NULL,
  kind TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (month, member_state, kind)
) STRICT;
)sql";
constexpr const char* kRegistryCounterPostgres = R"sql(
CREATE TABLE registry_counter (
  month TEXT NOT NULL,
  member_state TEXT NOT NULL,
  kind TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (month, member_state, kind)
);
)sql";

// What Eurodac tells the other Member States whose data a record hit (Arts. 16(4), 30(2), 31(1),
// (4)): one row per recipient record, its body JSON (registry/registry.h, Notifications). It goes
// with the recipient's record (its subject); the record that caused it may be erased first (Art.
// 30(2) is about an erasure), so that link only becomes NULL.
constexpr const char* kRegistryNotificationSqlite = R"sql(
CREATE TABLE registry_notification (
  id TEXT PRIMARY KEY,
  recipient_member_state TEXT NOT NULL,
  recipient_record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  about_record_id TEXT REFERENCES registry_record (id) ON DELETE SET NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT
) STRICT;
CREATE INDEX registry_notification_recipient ON registry_notification (recipient_member_state, created_at);
CREATE INDEX registry_notification_record ON registry_notification (recipient_record_id);
CREATE INDEX registry_notification_about ON registry_notification (about_record_id);
)sql";
constexpr const char* kRegistryNotificationPostgres = R"sql(
CREATE TABLE registry_notification (
  id TEXT PRIMARY KEY,
  recipient_member_state TEXT NOT NULL,
  recipient_record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  about_record_id TEXT REFERENCES registry_record (id) ON DELETE SET NULL,
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  acknowledged_at TEXT,
  acknowledged_by TEXT
);
CREATE INDEX registry_notification_recipient ON registry_notification (recipient_member_state, created_at);
CREATE INDEX registry_notification_record ON registry_notification (recipient_record_id);
CREATE INDEX registry_notification_about ON registry_notification (about_record_id);
)sql";

// Requests for comparisons for law-enforcement purposes (Eurodac Chapter XI): the reasoned
// request and what Art. 51(2) has documented (request JSON), the fingerprints until they are
// compared or the request is refused (then NULL), the result while it stands (NULL once erased
// under Art. 32(5)), and the verifying authority's decision.
constexpr const char* kLawEnforcementSqlite = R"sql(
CREATE TABLE law_enforcement_request (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  reference TEXT NOT NULL,
  offence TEXT NOT NULL,
  urgent INTEGER NOT NULL,
  status TEXT NOT NULL,
  request TEXT NOT NULL,
  fingerprints TEXT,
  result TEXT,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  compared_at TEXT,
  verified_by TEXT,
  verified_at TEXT,
  verification TEXT,
  UNIQUE (member_state, reference)
) STRICT;
CREATE INDEX law_enforcement_request_status ON law_enforcement_request (member_state, status);
)sql";
constexpr const char* kLawEnforcementPostgres = R"sql(
CREATE TABLE law_enforcement_request (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  reference TEXT NOT NULL,
  offence TEXT NOT NULL,
  urgent BIGINT NOT NULL,
  status TEXT NOT NULL,
  request TEXT NOT NULL,
  fingerprints TEXT,
  result TEXT,
  submitted_by TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  compared_at TEXT,
  verified_by TEXT,
  verified_at TEXT,
  verification TEXT,
  UNIQUE (member_state, reference)
);
CREATE INDEX law_enforcement_request_status ON law_enforcement_request (member_state, status);
)sql";

// Data subjects' access requests (Eurodac Art. 43(8): a record of each request and how it was made,
// for the supervisory authorities). No biometric data: those given with the request are used for
// it alone and not kept (Art. 43(6)).
constexpr const char* kSubjectAccessSqlite = R"sql(
CREATE TABLE subject_access_request (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  received_on TEXT NOT NULL,
  channel TEXT NOT NULL,
  handled_by TEXT NOT NULL,
  handled_at TEXT NOT NULL,
  records_found INTEGER NOT NULL
) STRICT;
)sql";
constexpr const char* kSubjectAccessPostgres = R"sql(
CREATE TABLE subject_access_request (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  received_on TEXT NOT NULL,
  channel TEXT NOT NULL,
  handled_by TEXT NOT NULL,
  handled_at TEXT NOT NULL,
  records_found BIGINT NOT NULL
);
)sql";

// A temporary-protection record's Council implementing decision (Eurodac Art. 26(2)(p)): its
// retention runs from the decision's entry into force and is extended each year while the
// protection lasts (Art. 29(9)).
constexpr const char* kRegistryDecision = R"sql(
ALTER TABLE registry_record ADD COLUMN implementing_decision TEXT;
ALTER TABLE registry_record ADD COLUMN decision_in_force_from TEXT;
)sql";

// A law-enforcement request may compare alphanumeric data instead of fingerprints (Eurodac Art.
// 33(3)); like the fingerprints, they are kept only until the comparison.
constexpr const char* kLawEnforcementAlphanumeric = R"sql(
ALTER TABLE law_enforcement_request ADD COLUMN alphanumeric TEXT;
)sql";

// Border procedure files (cases/border_procedure_store.h): the decision that opened one and the
// events recorded since are JSON documents; no case document is kept.
constexpr const char* kBorderProcedureSqlite = R"sql(
CREATE TABLE border_procedure (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  must_end_on TEXT NOT NULL,
  limit_basis TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  minor INTEGER NOT NULL,
  unaccompanied_minor INTEGER NOT NULL,
  decision TEXT NOT NULL,
  events TEXT NOT NULL,
  outcome TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX border_procedure_by_state ON border_procedure (member_state, registered_on);
)sql";
constexpr const char* kBorderProcedurePostgres = R"sql(
CREATE TABLE border_procedure (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  must_end_on TEXT NOT NULL,
  limit_basis TEXT NOT NULL,
  period TEXT NOT NULL,
  status TEXT NOT NULL,
  minor BIGINT NOT NULL,
  unaccompanied_minor BIGINT NOT NULL,
  decision TEXT NOT NULL,
  events TEXT NOT NULL,
  outcome TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX border_procedure_by_state ON border_procedure (member_state, registered_on);
)sql";

// A border procedure file continues into the return border procedure (Regulation (EU) 2024/1349,
// Art. 4) after a rejection: from the day the right to remain ended, for its maximum period.
constexpr const char* kReturnBorderPhase = R"sql(
ALTER TABLE border_procedure ADD COLUMN return_from TEXT;
ALTER TABLE border_procedure ADD COLUMN return_must_end_on TEXT;
ALTER TABLE border_procedure ADD COLUMN return_basis TEXT;
ALTER TABLE border_procedure ADD COLUMN return_decision TEXT;
ALTER TABLE border_procedure ADD COLUMN return_outcome TEXT;
ALTER TABLE border_procedure ADD COLUMN return_closed_on TEXT;
)sql";

// The places of the border procedure (cases/border_places.h, APR Art. 54(3)): their changes, never
// rewritten; a notification to the Commission is added to its change once.
constexpr const char* kBorderPlacesSqlite = R"sql(
CREATE TABLE border_place_change (
  member_state TEXT NOT NULL,
  place TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  capacity INTEGER,
  notified_on TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (member_state, place, effective_on)
) STRICT;
)sql";
constexpr const char* kBorderPlacesPostgres = R"sql(
CREATE TABLE border_place_change (
  member_state TEXT NOT NULL,
  place TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  kind TEXT NOT NULL,
  capacity BIGINT,
  notified_on TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (member_state, place, effective_on)
);
)sql";

// Requests to transfer Eurodac data obtained by a hit to a third country for return, and the
// Member State of origin's agreement (Regulation (EU) 2024/1358, Art. 50).
constexpr const char* kReturnTransferSqlite = R"sql(
CREATE TABLE registry_return_transfer (
  id TEXT PRIMARY KEY,
  record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  origin_member_state TEXT NOT NULL,
  requesting_member_state TEXT NOT NULL,
  requesting_record_id TEXT REFERENCES registry_record (id) ON DELETE SET NULL,
  third_country TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,
  reason TEXT
) STRICT;
CREATE INDEX registry_return_transfer_record ON registry_return_transfer (record_id);
)sql";
constexpr const char* kReturnTransferPostgres = R"sql(
CREATE TABLE registry_return_transfer (
  id TEXT PRIMARY KEY,
  record_id TEXT NOT NULL REFERENCES registry_record (id) ON DELETE CASCADE,
  origin_member_state TEXT NOT NULL,
  requesting_member_state TEXT NOT NULL,
  requesting_record_id TEXT REFERENCES registry_record (id) ON DELETE SET NULL,
  third_country TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  status TEXT NOT NULL,
  decided_at TEXT,
  decided_by TEXT,
  reason TEXT
);
CREATE INDEX registry_return_transfer_record ON registry_return_transfer (record_id);
)sql";

// Responsibility files (Regulation (EU) 2024/1351, Part III): each version of the case document
// kept as the caseworker recorded it, so that the file's history stays whole.
constexpr const char* kResponsibilityFilesSqlite = R"sql(
CREATE TABLE responsibility_file (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  responsible TEXT NOT NULL,
  procedure TEXT NOT NULL,
  next_limit_on TEXT,
  outcome TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX responsibility_file_by_state ON responsibility_file (member_state, status, next_limit_on);
CREATE TABLE responsibility_file_version (
  file_id TEXT NOT NULL REFERENCES responsibility_file (id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  case_document TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (file_id, version)
) STRICT;
)sql";
constexpr const char* kResponsibilityFilesPostgres = R"sql(
CREATE TABLE responsibility_file (
  id TEXT PRIMARY KEY,
  member_state TEXT NOT NULL,
  registered_on TEXT NOT NULL,
  status TEXT NOT NULL,
  version BIGINT NOT NULL,
  responsible TEXT NOT NULL,
  procedure TEXT NOT NULL,
  next_limit_on TEXT,
  outcome TEXT,
  closed_on TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE INDEX responsibility_file_by_state ON responsibility_file (member_state, status, next_limit_on);
CREATE TABLE responsibility_file_version (
  file_id TEXT NOT NULL REFERENCES responsibility_file (id) ON DELETE CASCADE,
  version BIGINT NOT NULL,
  case_document TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  PRIMARY KEY (file_id, version)
);
)sql";

// AMMR Art. 28: the files of family members whose applications are determined together name their
// family (the id of its first file); NULL for a file decided alone.
constexpr const char* kResponsibilityFamily = R"sql(
ALTER TABLE responsibility_file ADD COLUMN family_id TEXT;
CREATE INDEX responsibility_file_by_family ON responsibility_file (family_id);
)sql";

// AMMR Arts. 40-41: a requested or notified Member State keeps the requests it received as files of
// its own: the case as the requesting State stated it, received_by naming the receiving State.
constexpr const char* kResponsibilityReceived = R"sql(
ALTER TABLE responsibility_file ADD COLUMN received_by TEXT;
CREATE INDEX responsibility_file_by_receiver ON responsibility_file (received_by, status, next_limit_on);
)sql";

// A request received lists, and is ordered by, only the receiving State's own time limits (its reply
// or confirmation). Files recorded before kept the nearest of all the case's limits in next_limit_on;
// they are marked here and their column is recomputed from their newest case by the cases module
// (ResponsibilityFileStore) the first time a list of requests received is read.
constexpr const char* kResponsibilityReceivedOrder = R"sql(
ALTER TABLE responsibility_file ADD COLUMN order_stale INTEGER NOT NULL DEFAULT 0;
UPDATE responsibility_file SET order_stale = 1 WHERE received_by IS NOT NULL AND status = 'open';
CREATE INDEX responsibility_file_order_stale ON responsibility_file (id) WHERE order_stale = 1;
)sql";

constexpr Migration kMigrations[] = {
    {1, "audit log and checkpoints", kAuditSqlite, kAuditPostgres},
    {2, "api tokens", kTokensSqlite, kTokensPostgres},
    {3, "settings", kSettingsSqlite, kSettingsPostgres},
    {4, "screening files", kScreeningSqlite, kScreeningPostgres},
    {5, "eurodac registry", kRegistrySqlite, kRegistryPostgres},
    {6, "token member state", kTokenMemberState, kTokenMemberState},
    {7, "registry status data", kRegistryStatus, kRegistryStatus},
    {8, "registry links", kRegistryLinkSqlite, kRegistryLinkPostgres},
    {9, "registry statistics counters", kRegistryCounterSqlite, kRegistryCounterPostgres},
    {10, "registry notifications", kRegistryNotificationSqlite, kRegistryNotificationPostgres},
    {11, "law-enforcement requests", kLawEnforcementSqlite, kLawEnforcementPostgres},
    {12, "data subject access requests", kSubjectAccessSqlite, kSubjectAccessPostgres},
    {13, "temporary-protection decisions", kRegistryDecision, kRegistryDecision},
    {14, "law-enforcement alphanumeric comparisons", kLawEnforcementAlphanumeric, kLawEnforcementAlphanumeric},
    {15, "border procedure files", kBorderProcedureSqlite, kBorderProcedurePostgres},
    {16, "return border procedure phase", kReturnBorderPhase, kReturnBorderPhase},
    {17, "border procedure places", kBorderPlacesSqlite, kBorderPlacesPostgres},
    {18, "transfers to third countries for return", kReturnTransferSqlite, kReturnTransferPostgres},
    {19, "responsibility files", kResponsibilityFilesSqlite, kResponsibilityFilesPostgres},
    {20, "responsibility file families", kResponsibilityFamily, kResponsibilityFamily},
    {21, "responsibility requests received", kResponsibilityReceived, kResponsibilityReceived},
    {22, "responsibility requests received: work-list order recomputed", kResponsibilityReceivedOrder,
     kResponsibilityReceivedOrder},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

}  // namespace openpact::store
