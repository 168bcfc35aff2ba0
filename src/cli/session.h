// An open installation for CLI commands. Private to the cli module.
#pragma once

#include <functional>
#include <iostream>
#include <memory>

#include "audit/audit.h"
#include "auth/auth.h"
#include "cli/commands.h"
#include "core/crypto.h"
#include "store/store.h"

namespace openpact::cli {

// An open installation: the store (migrated), the audit signing key and the audit log.
// Every command that touches the store goes through one, so that each is authorised by the
// role matrix and leaves an audit entry, and the log is sealed by a checkpoint on exit.
class Session {
 public:
  // `verify_only`: a monitor checking a copy of the log with the public key alone may hold no
  // signing key; the session then appends unsealed entries (to that copy) and seals nothing.
  // Only `init` passes `create`: any other command needs a store that exists (a mistyped --db
  // would otherwise open a new, empty one).
  static Result<std::unique_ptr<Session>> Open(const GlobalOptions& g, bool verify_only = false, bool create = false) {
    OP_RETURN_IF_ERROR(crypto::Init());
    auto s = std::unique_ptr<Session>(new Session(g));
    store::StoreOptions options;
    options.must_exist = !create;
    OP_ASSIGN_OR_RETURN(s->store_, store::Store::Open(g.db_url, options));
    OP_RETURN_IF_ERROR(s->store_->Migrate());
    auto key = audit::SigningKey::OpenFor(s->store_.get(), g.audit_key);
    if (key.ok()) {
      s->key_ = std::move(*key);
      s->audit_ = std::make_unique<audit::AuditLog>(s->store_.get(), &s->key_);
    } else if (verify_only) {
      s->audit_ = std::make_unique<audit::AuditLog>(s->store_.get(), nullptr, audit::AuditLog::AnchorPathFor(g.audit_key));
    } else {
      return key.status();
    }
    return s;
  }
  ~Session() {
    if (audit_ && key_.can_sign()) {
      auto cp = audit_->CheckpointNow();
      if (!cp.ok()) std::cerr << "openpact: warning: audit checkpoint failed: " << cp.status().ToString() << "\n";
    }
  }

  // Checks the role matrix; a refusal is itself audited.
  Status Authorize(auth::Action action, const std::string& object = {}) {
    if (auth::Allowed(g_.role, action)) return Status::OK();
    (void)Audit(action, object, "permission_denied");
    return Status::PermissionDenied("role '" + std::string(auth::RoleName(g_.role)) +
                                    "' may not " + std::string(auth::ActionName(action)) +
                                    " (choose the role with --as)");
  }
  Status Audit(auth::Action action, const std::string& object, const std::string& outcome,
               const std::string& default_purpose = {}) {
    return audit_
        ->Append({g_.actor, std::string(auth::RoleName(g_.role)),
                  std::string(auth::ActionName(action)), object,
                  g_.purpose.empty() ? default_purpose : g_.purpose, outcome})
        .status();
  }

  // Runs `change` and appends its audit entry (outcome `ok_outcome`) in one transaction
  // (AuditLog::RunAudited): both are kept or neither is; a refusal is audited on its own.
  Status RunAudited(auth::Action action, const std::string& object, const std::string& ok_outcome,
                    const std::string& purpose, const std::function<Status()>& change) {
    bool refusal_not_audited = false;
    const Status done = audit_->RunAudited(
        {g_.actor, std::string(auth::RoleName(g_.role)), std::string(auth::ActionName(action)), object,
         g_.purpose.empty() ? purpose : g_.purpose, ok_outcome},
        change, &refusal_not_audited);
    if (refusal_not_audited) std::cerr << "openpact: warning: the refusal could not be audited\n";
    return done;
  }

  store::Store* store() { return store_.get(); }
  audit::AuditLog* audit() { return audit_.get(); }
  const audit::SigningKey& key() const { return key_; }

 private:
  explicit Session(const GlobalOptions& g) : g_(g) {}
  GlobalOptions g_;
  std::unique_ptr<store::Store> store_;
  audit::SigningKey key_;
  std::unique_ptr<audit::AuditLog> audit_;
};


}  // namespace openpact::cli
