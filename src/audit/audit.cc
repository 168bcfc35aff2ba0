#include "audit/audit.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "core/crypto.h"
#include "core/json_writer.h"
#include "core/csv.h"
#include "store/store.h"

namespace openpact::audit {
namespace {

const std::string kGenesisHash(64, '0');

// Length-prefixed fields make the hashed text unambiguous whatever the fields contain.
void AppendField(std::string* out, const std::string& field) {
  *out += std::to_string(field.size());
  *out += ':';
  *out += field;
  *out += '\n';
}

Result<std::map<std::string, std::string>> ReadKeyValueFile(const std::string& path) {
  OP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path, 1 << 16));
  std::map<std::string, std::string> kv;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string::npos) eol = text.size();
    const std::string line = text.substr(pos, eol - pos);
    pos = eol + 1;
    if (line.empty() || line[0] == '#') continue;
    const size_t eq = line.find('=');
    if (eq == std::string::npos) return Status::Corruption(path + ": malformed line '" + line + "'");
    kv[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return kv;
}

Entry EntryFromRow(const store::Row& r) {
  Entry e;
  e.seq = r.Int(0);
  e.at = r.Text(1);
  e.input = {r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)};
  e.prev_hash = r.Text(8);
  e.hash = r.Text(9);
  return e;
}

constexpr const char* kEntryColumns =
    "seq, at, actor, role, action, object, purpose, outcome, prev_hash, hash";

Checkpoint CheckpointFromRow(const store::Row& r) {
  Checkpoint c;
  c.seq = r.Int(0);
  c.head_hash = r.Text(1);
  c.entries = r.Int(2);
  c.at = r.Text(3);
  c.key_id = r.Text(4);
  c.signature = r.Text(5);
  c.pruned = r.Int(6) != 0;
  return c;
}

constexpr const char* kCheckpointColumns = "seq, head_hash, entries, at, key_id, signature, pruned";

}  // namespace

// ---- SigningKey ----

Result<SigningKey> SigningKey::Load(const std::string& path) {
  OP_ASSIGN_OR_RETURN(auto kv, ReadKeyValueFile(path));
  SigningKey key;
  key.path_ = path;
  auto pub = crypto::FromHex(kv["public"]);
  auto sec = crypto::FromHex(kv["secret"]);
  if (!pub.ok() || pub->size() != 32 || !sec.ok() || sec->size() != 64) {
    return Status::Corruption(path + " is not an OpenPact audit signing key");
  }
  key.public_key_ = *pub;
  key.secret_key_ = *sec;
  return key;
}

Result<SigningKey> SigningKey::LoadOrCreate(const std::string& path) {
  if (std::filesystem::exists(path)) return Load(path);
  const crypto::Ed25519KeyPair kp = crypto::Ed25519Generate();
  const std::string text =
      "# OpenPact audit signing key (Ed25519). Keep it secret, backed up, and outside the "
      "database:\n# whoever holds it can sign checkpoints. Share only the public key.\npublic=" +
      crypto::ToHex(kp.public_key) + "\nsecret=" + crypto::ToHex(kp.secret_key) + "\n";
  OP_RETURN_IF_ERROR(WriteFileAtomically(path, text, 0600));
  return Load(path);
}

Result<SigningKey> SigningKey::OpenFor(store::Store* store, const std::string& path) {
  OP_ASSIGN_OR_RETURN(store::QueryResult last,
                      store->Query("SELECT key_id FROM audit_checkpoint ORDER BY seq DESC LIMIT 1", {}));
  if (last.rows.empty()) {
    // A log not sealed yet takes a new key, or a key that seals no other log: the anchor file
    // beside a key records the newest checkpoint of the one log it seals, and a second log's
    // checkpoints would overwrite it (the first log then failed verification: "entries removed").
    const std::string anchor = AuditLog::AnchorPathFor(path);
    if (std::filesystem::exists(path) && std::filesystem::exists(anchor)) {
      return Status::InvalidArgument("the key at " + path + " already seals another store's log (its anchor " + anchor +
                                         "): give this store a key of its own",
                                     "--audit-key");
    }
    return LoadOrCreate(path);
  }
  const std::string signer = last.rows[0].Text(0);
  if (!std::filesystem::exists(path)) {
    return Status::InvalidArgument("no audit signing key at " + path + ", and this store's log is sealed by key " +
                                       signer + ": give the path of that key (a new key would leave the log "
                                       "unverifiable)",
                                   "--audit-key");
  }
  OP_ASSIGN_OR_RETURN(SigningKey key, Load(path));
  if (key.key_id() != signer) {
    return Status::InvalidArgument("the key at " + path + " (id " + key.key_id() +
                                       ") did not seal this store's log (key " + signer + "): give the path of that key",
                                   "--audit-key");
  }
  return key;
}

Result<SigningKey> SigningKey::FromPublicHex(const std::string& hex) {
  auto pub = crypto::FromHex(hex);
  if (!pub.ok() || pub->size() != 32) {
    return Status::InvalidArgument("not an Ed25519 public key (want 64 hex digits)", "--public-key");
  }
  SigningKey key;
  key.public_key_ = *pub;
  return key;
}

std::string SigningKey::public_key_hex() const { return crypto::ToHex(public_key_); }
std::string SigningKey::key_id() const { return crypto::Blake2b256Hex(public_key_).substr(0, 16); }
std::string SigningKey::Sign(const std::string& message) const {
  return crypto::ToHex(crypto::Ed25519Sign(message, secret_key_));
}
bool SigningKey::Verify(const std::string& message, const std::string& signature_hex) const {
  auto sig = crypto::FromHex(signature_hex);
  return sig.ok() && crypto::Ed25519Verify(message, *sig, public_key_);
}

// ---- AuditLog ----

AuditLog::AuditLog(store::Store* store, const SigningKey* key, std::string anchor_path)
    : store_(store), key_(key), anchor_path_(std::move(anchor_path)) {
  if (anchor_path_.empty() && key_ != nullptr && !key_->path().empty()) {
    anchor_path_ = AnchorPathFor(key_->path());
  }
}

std::string AuditLog::HashEntry(const Entry& e) {
  std::string text = "openpact-audit-entry v1\n";
  AppendField(&text, std::to_string(e.seq));
  AppendField(&text, e.at);
  AppendField(&text, e.input.actor);
  AppendField(&text, e.input.role);
  AppendField(&text, e.input.action);
  AppendField(&text, e.input.object);
  AppendField(&text, e.input.purpose);
  AppendField(&text, e.input.outcome);
  AppendField(&text, e.prev_hash);
  return crypto::Blake2b256Hex(text);
}

Result<Entry> AuditLog::Append(const EntryInput& input) {
  // One writer at a time (SQLite's BEGIN IMMEDIATE, PostgreSQL's writer lock in Store::Begin), so
  // the head read here is still the head when the entry is inserted.
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::QueryResult head,
                      store_->Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {}));
  Entry e;
  if (head.rows.empty()) {
    // An empty log after pruning starts from the pruned checkpoint.
    OP_ASSIGN_OR_RETURN(store::QueryResult anchor,
                        store_->Query("SELECT seq, head_hash FROM audit_checkpoint WHERE "
                                      "pruned = 1 ORDER BY seq DESC LIMIT 1",
                                      {}));
    e.seq = anchor.rows.empty() ? 1 : anchor.rows[0].Int(0) + 1;
    e.prev_hash = anchor.rows.empty() ? kGenesisHash : anchor.rows[0].Text(1);
  } else {
    e.seq = head.rows[0].Int(0) + 1;
    e.prev_hash = head.rows[0].Text(1);
  }
  e.at = Timestamp::Now().ToString();
  e.input = input;
  e.hash = HashEntry(e);
  OP_RETURN_IF_ERROR(store_->Exec(std::string("INSERT INTO audit_log (") + kEntryColumns +
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  {e.seq, e.at, input.actor, input.role, input.action, input.object,
                                   input.purpose, input.outcome, e.prev_hash, e.hash}));
  OP_RETURN_IF_ERROR(tx.Commit());
  return e;
}

std::string AuditLog::CheckpointMessage(const Checkpoint& c) const {
  return "openpact-audit-checkpoint v1\n" + std::to_string(c.seq) + "\n" + c.head_hash + "\n" +
         std::to_string(c.entries) + "\n" + c.at + "\n" + c.key_id + "\n";
}

Status AuditLog::WriteAnchor(const Checkpoint& c) {
  if (anchor_path_.empty()) return Status::OK();
  const std::string text =
      "# The newest audit checkpoint, mirrored outside the database: if the database loses entries\n"
      "# or checkpoints newer than this, `openpact audit verify` reports it.\nseq=" +
      std::to_string(c.seq) + "\nhead_hash=" + c.head_hash + "\nentries=" +
      std::to_string(c.entries) + "\nat=" + c.at + "\nkey_id=" + c.key_id + "\nsignature=" +
      c.signature + "\n";
  return WriteFileAtomically(anchor_path_, text, 0644);
}

Result<int64_t> AuditLog::EntriesSinceCheckpoint() {
  OP_ASSIGN_OR_RETURN(
      store::QueryResult r,
      store_->Query("SELECT count(*) FROM audit_log WHERE seq > "
                    "(SELECT COALESCE(MAX(seq), 0) FROM audit_checkpoint)",
                    {}));
  return r.rows[0].Int(0);
}

Status AuditLog::RunAudited(const EntryInput& entry, const std::function<Status()>& change, bool* refusal_not_audited) {
  if (refusal_not_audited != nullptr) *refusal_not_audited = false;
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  const Status done = change();
  if (done.ok()) {
    Status audited = Append(entry).status();
    if (audited.ok()) audited = tx.Commit();
    return audited.ok() ? audited : audited.WithContext("not done: its audit entry could not be written");
  }
  { store::Transaction discard = std::move(tx); }  // roll back before auditing the refusal
  EntryInput refused = entry;
  refused.outcome = StatusCodeName(done.code());
  if (!Append(refused).ok() && refusal_not_audited != nullptr) *refusal_not_audited = true;
  return done;
}

Result<std::optional<Checkpoint>> AuditLog::CheckpointNow() {
  if (key_ == nullptr || !key_->can_sign()) {
    return Status::FailedPrecondition("no audit signing key: cannot write a checkpoint");
  }
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::QueryResult head,
                      store_->Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", {}));
  OP_ASSIGN_OR_RETURN(
      store::QueryResult last,
      store_->Query(std::string("SELECT ") + kCheckpointColumns +
                        " FROM audit_checkpoint ORDER BY seq DESC LIMIT 1",
                    {}));
  if (head.rows.empty()) {
    if (last.rows.empty()) return std::optional<Checkpoint>();
    return std::optional<Checkpoint>(CheckpointFromRow(last.rows[0]));
  }
  if (!last.rows.empty() && last.rows[0].Int(0) == head.rows[0].Int(0)) {
    Checkpoint c = CheckpointFromRow(last.rows[0]);
    OP_RETURN_IF_ERROR(tx.Commit());
    return std::optional<Checkpoint>(c);
  }
  // One log, one key: a checkpoint by another key would break verification with the first.
  if (!last.rows.empty()) {
    const std::string sealed_by = CheckpointFromRow(last.rows[0]).key_id;
    if (sealed_by != key_->key_id()) {
      return Status::FailedPrecondition("this log is sealed by key " + sealed_by + ", not by " + key_->key_id() +
                                        ": checkpoint refused");
    }
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult count, store_->Query("SELECT count(*) FROM audit_log", {}));
  Checkpoint c;
  c.seq = head.rows[0].Int(0);
  c.head_hash = head.rows[0].Text(1);
  c.entries = count.rows[0].Int(0);
  c.at = Timestamp::Now().ToString();
  c.key_id = key_->key_id();
  c.signature = key_->Sign(CheckpointMessage(c));
  OP_RETURN_IF_ERROR(store_->Exec(
      std::string("INSERT INTO audit_checkpoint (") + kCheckpointColumns +
          ") VALUES (?, ?, ?, ?, ?, ?, 0)",
      {c.seq, c.head_hash, c.entries, c.at, c.key_id, c.signature}));
  OP_RETURN_IF_ERROR(tx.Commit());
  OP_RETURN_IF_ERROR(WriteAnchor(c));
  return std::optional<Checkpoint>(c);
}

Result<VerifyReport> AuditLog::Verify(const SigningKey& verify_key) {
  VerifyReport rep;
  auto fail = [&rep](int64_t seq, std::string problem, std::string message) {
    rep.ok = false;
    rep.first_bad_seq = seq;
    rep.problem = std::move(problem);
    rep.message = std::move(message);
    return rep;
  };
  OP_ASSIGN_OR_RETURN(store::QueryResult cps,
                      store_->Query(std::string("SELECT ") + kCheckpointColumns +
                                        " FROM audit_checkpoint ORDER BY seq",
                                    {}));
  std::vector<Checkpoint> checkpoints;
  for (const store::Row& r : cps.rows) checkpoints.push_back(CheckpointFromRow(r));
  // Every checkpoint must carry a valid signature of this installation's key.
  for (const Checkpoint& c : checkpoints) {
    ++rep.checkpoints_checked;
    if (c.key_id != verify_key.key_id() || !verify_key.Verify(CheckpointMessage(c), c.signature)) {
      return fail(c.seq, "bad_signature",
                  "the checkpoint at entry " + std::to_string(c.seq) +
                      " does not carry a valid signature of key " + verify_key.key_id() +
                      ": checkpoints were forged or altered");
    }
  }
  // The chain starts at the genesis hash, or at the newest pruned checkpoint.
  int64_t expect_seq = 1;
  std::string expect_prev = kGenesisHash;
  for (const Checkpoint& c : checkpoints) {
    if (c.pruned) {
      expect_seq = c.seq + 1;
      expect_prev = c.head_hash;
    }
  }
  std::map<int64_t, const Checkpoint*> by_seq;
  for (const Checkpoint& c : checkpoints) by_seq[c.seq] = &c;

  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      store_->Query(std::string("SELECT ") + kEntryColumns +
                                        " FROM audit_log ORDER BY seq",
                                    {}));
  int64_t last_seq = expect_seq - 1;
  for (const store::Row& r : rows.rows) {
    const Entry e = EntryFromRow(r);
    ++rep.entries_checked;
    if (e.seq < expect_seq) {
      return fail(e.seq, "inserted",
                  "entry " + std::to_string(e.seq) + " lies inside a pruned period: it was inserted");
    }
    if (e.seq > expect_seq) {
      return fail(expect_seq, "removed",
                  "entry " + std::to_string(expect_seq) +
                      (e.seq - expect_seq > 1 ? " to " + std::to_string(e.seq - 1) : "") +
                      " removed: the log jumps from " + std::to_string(expect_seq - 1) + " to " +
                      std::to_string(e.seq));
    }
    if (HashEntry(e) != e.hash) {
      return fail(e.seq, "altered",
                  "entry " + std::to_string(e.seq) + " (" + e.input.action + " at " + e.at +
                      ") was altered: its content does not match its hash");
    }
    if (e.prev_hash != expect_prev) {
      return fail(e.seq, "reordered",
                  "entry " + std::to_string(e.seq) +
                      " does not follow its predecessor: entries were reordered, replaced or "
                      "rewritten from here");
    }
    auto cp = by_seq.find(e.seq);
    if (cp != by_seq.end() && !cp->second->pruned && cp->second->head_hash != e.hash) {
      return fail(e.seq, "altered",
                  "entry " + std::to_string(e.seq) +
                      " differs from the one the signed checkpoint sealed: the chain was rewritten");
    }
    expect_prev = e.hash;
    last_seq = e.seq;
    ++expect_seq;
  }
  // Every unpruned checkpoint must still find its entry.
  for (const Checkpoint& c : checkpoints) {
    if (!c.pruned && c.seq > last_seq) {
      return fail(last_seq + 1, "truncated",
                  "entries " + std::to_string(last_seq + 1) + " to " + std::to_string(c.seq) +
                      " were removed: the signed checkpoint at entry " + std::to_string(c.seq) +
                      " covers them");
    }
  }
  // The anchor file outside the database remembers the newest checkpoint.
  if (!anchor_path_.empty() && std::filesystem::exists(anchor_path_)) {
    OP_ASSIGN_OR_RETURN(auto kv, ReadKeyValueFile(anchor_path_));
    const int64_t anchor_seq = std::strtoll(kv["seq"].c_str(), nullptr, 10);
    auto cp = by_seq.find(anchor_seq);
    if (cp == by_seq.end() || cp->second->head_hash != kv["head_hash"]) {
      if (anchor_seq > last_seq) {
        return fail(last_seq + 1, "truncated",
                    "entries " + std::to_string(last_seq + 1) + " to " + std::to_string(anchor_seq) +
                        " and their checkpoint were removed (the anchor file " + anchor_path_ +
                        " records a checkpoint at entry " + std::to_string(anchor_seq) + ")");
      }
      return fail(anchor_seq, "altered",
                  "the checkpoint at entry " + std::to_string(anchor_seq) +
                      " recorded in the anchor file " + anchor_path_ + " is missing or differs");
    }
  }
  return rep;
}

Result<int64_t> AuditLog::Prune(Date before, const EntryInput& who) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  // The newest sealed period that ended before `before`: a checkpoint whose last entry is older.
  OP_ASSIGN_OR_RETURN(
      store::QueryResult r,
      store_->Query("SELECT c.seq FROM audit_checkpoint c JOIN audit_log l ON l.seq = c.seq "
                    "WHERE c.pruned = 0 AND l.at < ? ORDER BY c.seq DESC LIMIT 1",
                    {Timestamp::StartOf(before).ToString()}));
  if (r.rows.empty()) return int64_t{0};
  const int64_t upto = r.rows[0].Int(0);
  OP_ASSIGN_OR_RETURN(store::QueryResult n,
                      store_->Query("SELECT count(*) FROM audit_log WHERE seq <= ?", {upto}));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM audit_log WHERE seq <= ?", {upto}));
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE audit_checkpoint SET pruned = 1 WHERE seq <= ?", {upto}));
  EntryInput e = who;
  e.action = "audit.prune";
  e.object = "entries:1-" + std::to_string(upto);
  e.outcome = "ok";
  OP_RETURN_IF_ERROR(Append(e).status());
  OP_RETURN_IF_ERROR(tx.Commit());
  return n.rows[0].Int(0);
}

Result<std::vector<Entry>> AuditLog::List(int64_t after_seq, int limit) {
  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      store_->Query(std::string("SELECT ") + kEntryColumns +
                                        " FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?",
                                    {after_seq, int64_t{limit}}));
  std::vector<Entry> out;
  for (const store::Row& r : rows.rows) out.push_back(EntryFromRow(r));
  return out;
}

std::string EntriesToJson(const std::vector<Entry>& entries, int indent) {
  JsonWriter w(indent);
  w.BeginObject().Key("entries").BeginArray();
  for (const Entry& e : entries) {
    w.BeginObject().Key("seq").Int(e.seq).Field("at", e.at).Field("actor", e.input.actor);
    w.Field("role", e.input.role).Field("action", e.input.action).Field("object", e.input.object);
    w.Field("purpose", e.input.purpose).Field("outcome", e.input.outcome).Field("hash", e.hash).EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::string VerifyReportToJson(const VerifyReport& r, int indent) {
  JsonWriter w(indent);
  w.BeginObject().Key("ok").Bool(r.ok).Key("entries_checked").Int(r.entries_checked);
  w.Key("checkpoints_checked").Int(r.checkpoints_checked);
  if (!r.ok) w.Key("first_bad_seq").Int(r.first_bad_seq).Field("problem", r.problem).Field("message", r.message);
  w.EndObject();
  return w.Take();
}

}  // namespace openpact::audit
