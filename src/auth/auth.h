// Roles, actions and API tokens.
//
// The role x action matrix (Allowed) is the single place where OpenPact decides who may do what;
// the API server and the CLI both ask it. docs/security.md lists the matrix with the article
// behind each right.
//
// API tokens are 32 random bytes (shown once, as "opk_" + 64 hex digits). Only their BLAKE2b
// hash is stored: tokens carry 256 bits of entropy, so a fast hash is safe and keeps the check
// cheap on every request (a slow password hash is for human-chosen secrets).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace openpact::store {
class Store;
}

namespace openpact::auth {

enum class Role {
  kAdmin,
  kRegistryOperator,
  kAsylumCaseworker,
  kBorderGuard,
  kLawEnforcement,
  kVerifyingAuthority,
  kAnalyst,
  kAuditor,
  kRightsMonitor,  // the independent fundamental-rights monitoring mechanism (Screening Reg. Art. 10(2))
};

enum class Action {
  kVersionRead,       // GET /v1/version
  kMetricsRead,       // GET /metrics
  kTokenCreate,       // openpact token create, POST /v1/tokens
  kTokenRevoke,
  kTokenList,
  kAuditRead,         // list audit entries
  kAuditVerify,       // verify the chain
  kAuditPrune,
  kStoreBackup,       // openpact db backup: a copy of the whole store
  kRegistryEnrol,     // store a Eurodac record
  kRegistrySearch,    // compare without storing
  kRegistryRead,      // show a record
  kRegistryErase,     // advance erasure
  kRegistryMark,      // mark or unmark a record (Art. 31)
  kRegistryStats,     // aggregate counts only
  kRegistrySubjectAccess,  // a data subject's access request (Art. 43)
  kLawEnforcementSearch,  // Chapter XI comparison request
  kLawEnforcementVerify,  // verifying authority's check of such a request
  kDecideProcedure,   // procedure decision
  kDecideResponsibility,
  kDecideReturnBorder,
  kDecideReception,
  kDecideProtectionDocuments,
  kDecideAdmission,
  kDecideRelocation,
  kDecideTemporaryProtection,
  kDecideReturn,
  kScreening,         // start/record/close a screening
  kScreeningMonitor,  // read screening files and the monitoring report (Screening Reg. Art. 10(2))
  kBorderProcedure,   // open/record/close a border procedure file (APR Arts. 43-54)
  kBorderProcedureMonitor,  // read border procedure files and their monitoring report (APR Art. 43(4))
  kResponsibilityFile,  // open/update/close a responsibility file (AMMR Part III)
  kPolicyRead,
  kPlanningRead,      // solidarity, capacity, route statistics, simulations
};

std::string_view RoleName(Role role);
Result<Role> ParseRole(std::string_view name, const std::string& field = "role");

// Text that ends up in listings and in the audit log (a token's name, a stated purpose): one line
// of printable text (UTF-8 allowed) of at most `max_bytes`, so that it can neither break a
// listing nor forge a line of the log; otherwise InvalidArgument naming `field`.
Status ValidateLabel(std::string_view text, size_t max_bytes, const std::string& field);
const std::vector<Role>& AllRoles();
std::string_view ActionName(Action action);
const std::vector<Action>& AllActions();

// True if `role` may perform `action`.
bool Allowed(Role role, Action action);
// The legal basis (or policy reason) of the row for `action`, for docs and audit.
std::string_view ActionBasis(Action action);
// The whole matrix as a Markdown table (docs/security.md embeds it; a test keeps them equal).
std::string MatrixMarkdown();

struct TokenInfo {
  int64_t id = 0;
  std::string name;
  Role role = Role::kAnalyst;
  std::string created_at;
  std::string created_by;
  bool revoked = false;
  // The Member State the token acts for ("" none): the registry shows and changes only that
  // State's records for it (Eurodac Art. 40(1), (3)). The caller checks the code.
  std::string member_state;
};

class TokenStore {
 public:
  explicit TokenStore(store::Store* store) : store_(store) {}
  // Creates a token; returns the secret (shown once) and its record.
  Result<std::pair<std::string, TokenInfo>> Create(const std::string& name, Role role,
                                                   const std::string& created_by,
                                                   const std::string& member_state = {});
  // Unauthenticated for a malformed, unknown or revoked token.
  Result<TokenInfo> Authenticate(std::string_view token);
  Status Revoke(int64_t id);
  Result<std::vector<TokenInfo>> List();

 private:
  store::Store* store_;
};

// {"tokens": [{id, name, role, member_state, created_at, created_by, revoked}]}: never the secrets.
std::string TokensToJson(const std::vector<TokenInfo>& tokens, int indent = -1);

// Reads "Authorization: Bearer opk_..." values; nullopt when the scheme is not Bearer.
std::optional<std::string_view> BearerToken(std::string_view authorization_header);

}  // namespace openpact::auth
