// The audit log: who did what, in which role, to which object, for which stated purpose, when.
//
// Append-only and tamper-evident:
// - every entry carries the BLAKE2b hash of its content and of the previous entry's hash (a hash
//   chain), so an edited, removed, inserted or reordered entry breaks the chain;
// - checkpoints sign the head of the chain with an Ed25519 key kept outside the database, and the
//   newest checkpoint is also written to an anchor file beside the key, so deleting the newest
//   entries (and their checkpoints) is detected as well;
// - old entries can only be pruned as whole sealed periods (up to a checkpoint), the checkpoint
//   staying behind as the new anchor of the chain (Eurodac Art. 41(4) bounds how long records of
//   processing are kept).
//
// Thread safety: an AuditLog uses its Store and so must not be used from two threads at once.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace openpact::store {
class Store;
}

namespace openpact::audit {

struct EntryInput {
  std::string actor;    // user or token name
  std::string role;     // the role the action was taken in
  std::string action;   // "token.create", "registry.enrol", ...
  std::string object;   // what the action touched ("token:3", "record:...") or ""
  std::string purpose;  // the stated purpose
  std::string outcome;  // "ok" or the error code
};

struct Entry {
  int64_t seq = 0;
  std::string at;  // UTC timestamp
  EntryInput input;
  std::string prev_hash;
  std::string hash;
};

struct Checkpoint {
  int64_t seq = 0;  // the last entry it covers
  std::string head_hash;
  int64_t entries = 0;
  std::string at;
  std::string key_id;
  std::string signature;  // hex
  bool pruned = false;    // entries up to seq were pruned; this checkpoint anchors the chain
};

// The Ed25519 key that signs checkpoints, in a file of its own (mode 0600).
class SigningKey {
 public:
  // Loads the key at `path`, creating it (and its directory) if it does not exist.
  static Result<SigningKey> LoadOrCreate(const std::string& path);
  // The key for the log in `store`: a new log gets a new key at `path` (LoadOrCreate); a log
  // already sealed by checkpoints needs the key that signed them, and is refused any other
  // (InvalidArgument on "--audit-key"): a mistyped path used to create a new key silently and
  // sign checkpoints with it, leaving the log unverifiable with the right one.
  static Result<SigningKey> OpenFor(store::Store* store, const std::string& path);
  static Result<SigningKey> Load(const std::string& path);
  // A verify-only key from a hex public key (for monitors who hold no secret).
  static Result<SigningKey> FromPublicHex(const std::string& hex);

  const std::string& path() const { return path_; }
  std::string public_key_hex() const;
  std::string key_id() const;  // first 16 hex digits of BLAKE2b(public key)
  bool can_sign() const { return !secret_key_.empty(); }
  std::string Sign(const std::string& message) const;  // hex
  bool Verify(const std::string& message, const std::string& signature_hex) const;

 private:
  std::string path_;
  std::string public_key_, secret_key_;
};

struct VerifyReport {
  bool ok = true;
  int64_t entries_checked = 0;
  int64_t checkpoints_checked = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem;        // "altered" | "removed" | "inserted" | "reordered" | "truncated" | "bad_signature"
  std::string message;        // one sentence naming the entry
};

class AuditLog {
 public:
  // `key` may be null for read-only use (Verify with an external public key, listing).
  // `anchor_path` is where the newest checkpoint is mirrored ("" = AnchorPathFor the key's path).
  AuditLog(store::Store* store, const SigningKey* key, std::string anchor_path = {});
  // The anchor file of the log sealed by the key at `key_path`: beside it, one per key.
  static std::string AnchorPathFor(const std::string& key_path) { return key_path + ".anchor"; }

  // Appends one entry in a transaction of its own, or in the caller's when it holds one
  // (transactions nest), so that the entry commits or rolls back with the caller's change.
  Result<Entry> Append(const EntryInput& input);
  // Runs `change` and appends `entry` with `entry.outcome` in one transaction: both are kept or
  // neither is, for a change the log does not show must not happen. A refused change is rolled
  // back, then audited on its own with its error code as the outcome (`refusal_not_audited` set
  // when even that could not be written). Returns the change's refusal, or why it was not kept.
  Status RunAudited(const EntryInput& entry, const std::function<Status()>& change, bool* refusal_not_audited = nullptr);
  // Signs the current head if entries were added since the last checkpoint; returns the newest
  // checkpoint (nullopt for an empty log).
  Result<std::optional<Checkpoint>> CheckpointNow();
  Result<int64_t> EntriesSinceCheckpoint();
  // Checks the whole chain, every checkpoint and the anchor file.
  Result<VerifyReport> Verify(const SigningKey& verify_key);
  // Removes every entry of the sealed periods that ended before `before`; returns how many.
  Result<int64_t> Prune(Date before, const EntryInput& who);
  Result<std::vector<Entry>> List(int64_t after_seq, int limit);

  static std::string HashEntry(const Entry& e);

 private:
  std::string CheckpointMessage(const Checkpoint& c) const;
  Status WriteAnchor(const Checkpoint& c);

  store::Store* store_;
  const SigningKey* key_;
  std::string anchor_path_;
};

// The JSON the API and the CLI both print (indent < 0: one line).
std::string EntriesToJson(const std::vector<Entry>& entries, int indent = -1);
std::string VerifyReportToJson(const VerifyReport& report, int indent = -1);

}  // namespace openpact::audit
