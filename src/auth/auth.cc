#include "auth/auth.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/json_writer.h"
#include "core/date.h"
#include "store/store.h"

namespace openpact::auth {
namespace {

struct RoleRow {
  Role role;
  std::string_view name;
};
constexpr RoleRow kRoles[] = {
    {Role::kAdmin, "admin"},
    {Role::kRegistryOperator, "registry_operator"},
    {Role::kAsylumCaseworker, "asylum_caseworker"},
    {Role::kBorderGuard, "border_guard"},
    {Role::kLawEnforcement, "law_enforcement"},
    {Role::kVerifyingAuthority, "verifying_authority"},
    {Role::kAnalyst, "analyst"},
    {Role::kAuditor, "auditor"},
    {Role::kRightsMonitor, "rights_monitor"},
};

using R = Role;
struct ActionRow {
  Action action;
  std::string_view name;
  std::vector<Role> roles;
  std::string_view basis;
};

// The matrix. Rights over personal data follow Eurodac Art. 40(1)-(3): only the units each
// Member State designates for the purposes of Art. 1(1)(a)-(c) and (j) access the data they
// transmitted and the results of comparisons; law-enforcement comparison runs through a
// verifying authority (Arts. 5-7, 32-33). Administrators run the system but see no personal data.
const std::vector<ActionRow>& Matrix() {
  static const std::vector<ActionRow> kMatrix = {
      {Action::kVersionRead, "version.read",
       {R::kAdmin, R::kRegistryOperator, R::kAsylumCaseworker, R::kBorderGuard, R::kLawEnforcement,
        R::kVerifyingAuthority, R::kAnalyst, R::kAuditor, R::kRightsMonitor},
       "no personal data: every authenticated role"},
      {Action::kMetricsRead, "metrics.read", {R::kAdmin, R::kAuditor},
       "operational monitoring; Reg. (EU) 2024/1358, Art. 48 (data security)"},
      {Action::kTokenCreate, "token.create", {R::kAdmin},
       "Reg. (EU) 2024/1358, Art. 48(2) (access control, user profiles)"},
      {Action::kTokenRevoke, "token.revoke", {R::kAdmin},
       "Reg. (EU) 2024/1358, Art. 48(2) (access control, user profiles)"},
      {Action::kTokenList, "token.list", {R::kAdmin, R::kAuditor},
       "Reg. (EU) 2024/1358, Art. 41(5) (record of staff authorised to enter and extract data)"},
      {Action::kAuditRead, "audit.read", {R::kAdmin, R::kAuditor},
       "Reg. (EU) 2024/1358, Art. 41(4) and Art. 51 (records used only for data-protection "
       "monitoring and security); Arts. 44-45 (supervisory authorities)"},
      {Action::kAuditVerify, "audit.verify", {R::kAdmin, R::kAuditor},
       "Reg. (EU) 2024/1358, Art. 41(4) (records protected against unauthorised access)"},
      {Action::kAuditPrune, "audit.prune", {R::kAdmin},
       "Reg. (EU) 2024/1358, Art. 41(4) (records erased one year after the Art. 29 retention "
       "period)"},
      {Action::kStoreBackup, "store.backup", {R::kAdmin},
       "Reg. (EU) 2024/1358, Art. 48(2)(c) (no copy of data media without authorisation) and (l) (systems restored "
       "after an interruption)"},
      {Action::kRegistryEnrol, "registry.enrol", {R::kRegistryOperator, R::kBorderGuard},
       "Reg. (EU) 2024/1358, Arts. 15, 18, 20, 22-24, 26 (taking and transmitting biometric "
       "data), 38(1) (retransmitting them); Art. 40(2); Art. 40(3) (rectifying or completing the data transmitted); "
       "Art. 50(1) (asking or agreeing to a transfer for return)"},
      {Action::kRegistrySearch, "registry.search",
       {R::kRegistryOperator, R::kAsylumCaseworker, R::kBorderGuard},
       "Reg. (EU) 2024/1358, Arts. 27-28 (comparison) and Art. 40(1)-(2)"},
      {Action::kRegistryRead, "registry.read", {R::kRegistryOperator, R::kAsylumCaseworker},
       "Reg. (EU) 2024/1358, Art. 40(1)-(2) (the Member State of origin accesses the data it "
       "transmitted)"},
      {Action::kRegistryErase, "registry.erase", {R::kRegistryOperator},
       "Reg. (EU) 2024/1358, Art. 30 and Art. 40(3) (only the Member State of origin erases)"},
      {Action::kRegistryMark, "registry.mark", {R::kRegistryOperator},
       "Reg. (EU) 2024/1358, Art. 31 and Art. 40(3) (the Member State of origin marks its data)"},
      {Action::kRegistryStats, "registry.stats", {R::kRegistryOperator, R::kAnalyst, R::kAuditor, R::kAdmin},
       "Reg. (EU) 2024/1358, Art. 12 (statistics without personal data)"},
      {Action::kRegistrySubjectAccess, "registry.subject_access", {R::kRegistryOperator},
       "Reg. (EU) 2024/1358, Art. 43(2), (6), (8) (a data subject's access to the data on them, and the Member "
       "State that transmitted them, granted by one Member State)"},
      {Action::kLawEnforcementSearch, "law_enforcement.search", {R::kLawEnforcement},
       "Reg. (EU) 2024/1358, Arts. 5, 32(1) and 33 (designated authorities, reasoned request)"},
      {Action::kLawEnforcementVerify, "law_enforcement.verify", {R::kVerifyingAuthority},
       "Reg. (EU) 2024/1358, Arts. 6 and 32(1)-(2) (verifying authority)"},
      {Action::kDecideProcedure, "decide.procedure", {R::kAsylumCaseworker},
       "Reg. (EU) 2024/1348, Art. 4 (competent authorities; determining authority)"},
      {Action::kDecideResponsibility, "decide.responsibility", {R::kAsylumCaseworker},
       "Reg. (EU) 2024/1351, Part III (determining Member State)"},
      {Action::kDecideReturnBorder, "decide.return_border", {R::kBorderGuard, R::kAsylumCaseworker},
       "Reg. (EU) 2024/1349, Arts. 4-5 (return border procedure after a rejection in the asylum border procedure); "
       "Reg. (EU) 2024/1348, Art. 37 (return decision with the rejection)"},
      {Action::kDecideReception, "decide.reception", {R::kAsylumCaseworker},
       "Directive (EU) 2024/1346, Arts. 5, 11, 16, 17, 21, 23, 25 and 27 (the reception obligations whose time limits "
       "the decision computes, and where material reception conditions are due and may be reduced or withdrawn)"},
      {Action::kDecideProtectionDocuments, "decide.protection_documents", {R::kAsylumCaseworker},
       "Reg. (EU) 2024/1347, Arts. 14, 19, 20(3), 23, 24 and 25 (the residence permit and travel documents of a "
       "beneficiary of international protection, the permits of family members, the revocation of the status)"},
      {Action::kDecideAdmission, "decide.admission", {R::kAsylumCaseworker},
       "Reg. (EU) 2024/1350, Art. 9 (the admission procedure: its conclusion, entry and the keeping of the data)"},
      {Action::kDecideRelocation, "decide.relocation", {R::kAsylumCaseworker},
       "Reg. (EU) 2024/1351, Art. 67 (the relocation procedure: the answer of the Member State of relocation, the "
       "transfer decision and the transfer)"},
      {Action::kDecideTemporaryProtection, "decide.temporary_protection", {R::kAsylumCaseworker},
       "Directive 2001/55/EC, Arts. 8 and 10 (residence permits and registration of persons enjoying temporary "
       "protection); Council Implementing Decision (EU) 2022/382, Art. 2 (who is covered)"},
      {Action::kDecideReturn, "decide.return", {R::kBorderGuard, R::kAsylumCaseworker},
       "Directive 2008/115/EC, Arts. 6-9, 11 and 15 (return decisions, voluntary departure, removal, entry bans, "
       "detention for removal); Reg. (EU) 2024/1348, Art. 37 (return decision with the rejection)"},
      {Action::kScreening, "screening", {R::kBorderGuard},
       "Reg. (EU) 2024/1356, Arts. 5, 7 and 8 (screening at the external border and within the territory)"},
      {Action::kScreeningMonitor, "screening.monitor", {R::kRightsMonitor},
       "Reg. (EU) 2024/1356, Art. 10(2) (the independent monitoring mechanism: access to the documents it needs, "
       "spot checks and random checks without prior notice)"},
      {Action::kBorderProcedure, "border_procedure", {R::kAsylumCaseworker},
       "Reg. (EU) 2024/1348, Arts. 43-54 (the border procedure: its time limit, exceptions and places) and Art. 4 "
       "(the determining authority)"},
      {Action::kBorderProcedureMonitor, "border_procedure.monitor", {R::kRightsMonitor},
       "Reg. (EU) 2024/1348, Art. 43(4) (a fundamental-rights monitoring mechanism for the border procedure "
       "meeting the criteria of Reg. (EU) 2024/1356, Art. 10)"},
      {Action::kResponsibilityFile, "responsibility_file", {R::kAsylumCaseworker},
       "Reg. (EU) 2024/1351, Arts. 16, 39-46 (determining the Member State responsible: the take charge request or "
       "take back notification, the reply, the transfer decision and the transfer)"},
      {Action::kPolicyRead, "policy.read",
       {R::kAdmin, R::kAsylumCaseworker, R::kBorderGuard, R::kAnalyst, R::kAuditor, R::kRightsMonitor},
       "published law and policy: no personal data"},
      {Action::kPlanningRead, "planning.read",
       {R::kAdmin, R::kAnalyst, R::kAuditor, R::kRightsMonitor, R::kAsylumCaseworker},
       "aggregate figures, published or counted from the border procedure files: no personal data (Reg. (EU) "
       "2024/1351, Arts. 9-12; Reg. (EU) 2024/1348, Arts. 47-48, whose capacity facts a caseworker's decisions "
       "read)"},
  };
  return kMatrix;
}

const ActionRow* FindAction(Action a) {
  for (const ActionRow& row : Matrix()) {
    if (row.action == a) return &row;
  }
  return nullptr;
}

constexpr std::string_view kTokenPrefix = "opk_";

// A row of SELECT id, name, role, created_at, created_by, revoked_at FROM api_token.
Result<TokenInfo> TokenFromRow(const store::Row& row) {
  TokenInfo info;
  info.id = row.Int(0);
  info.name = row.Text(1);
  OP_ASSIGN_OR_RETURN(info.role, ParseRole(row.Text(2)));
  info.created_at = row.Text(3);
  info.created_by = row.Text(4);
  info.revoked = !row.IsNull(5);
  info.member_state = row.Text(6);
  return info;
}

}  // namespace

std::string_view RoleName(Role role) {
  for (const RoleRow& r : kRoles) {
    if (r.role == role) return r.name;
  }
  return "?";
}

Result<Role> ParseRole(std::string_view name, const std::string& field) {
  for (const RoleRow& r : kRoles) {
    if (r.name == name) return r.role;
  }
  std::string known;
  for (const RoleRow& r : kRoles) known += (known.empty() ? "" : ", ") + std::string(r.name);
  return Status::InvalidArgument("unknown role '" + std::string(name) + "' (one of: " + known + ")",
                                 field);
}

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = [] {
    std::vector<Role> v;
    for (const RoleRow& r : kRoles) v.push_back(r.role);
    return v;
  }();
  return kAll;
}

std::string_view ActionName(Action action) {
  const ActionRow* row = FindAction(action);
  return row != nullptr ? row->name : "?";
}

const std::vector<Action>& AllActions() {
  static const std::vector<Action> kAll = [] {
    std::vector<Action> v;
    for (const ActionRow& r : Matrix()) v.push_back(r.action);
    return v;
  }();
  return kAll;
}

bool Allowed(Role role, Action action) {
  const ActionRow* row = FindAction(action);
  return row != nullptr && std::find(row->roles.begin(), row->roles.end(), role) != row->roles.end();
}

std::string_view ActionBasis(Action action) {
  const ActionRow* row = FindAction(action);
  return row != nullptr ? row->basis : "";
}

std::string MatrixMarkdown() {
  std::string out = "| action |";
  for (Role r : AllRoles()) out += " " + std::string(RoleName(r)) + " |";
  out += " basis |\n|---|";
  for (size_t i = 0; i < AllRoles().size(); ++i) out += ":-:|";
  out += "---|\n";
  for (const ActionRow& row : Matrix()) {
    out += "| `" + std::string(row.name) + "` |";
    for (Role r : AllRoles()) out += Allowed(r, row.action) ? " yes |" : " |";
    out += " " + std::string(row.basis) + " |\n";
  }
  return out;
}

Status ValidateLabel(std::string_view text, size_t max_bytes, const std::string& field) {
  if (text.size() > max_bytes) {
    return Status::InvalidArgument("at most " + std::to_string(max_bytes) + " bytes", field);
  }
  for (const unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) return Status::InvalidArgument("one line of printable text, without control characters", field);
  }
  return Status::OK();
}

Result<std::pair<std::string, TokenInfo>> TokenStore::Create(const std::string& name, Role role,
                                                             const std::string& created_by,
                                                             const std::string& member_state) {
  if (name.empty()) return Status::InvalidArgument("a token needs a name", "--name");
  OP_RETURN_IF_ERROR(ValidateLabel(name, 200, "--name"));
  const std::string secret = std::string(kTokenPrefix) + crypto::ToHex(crypto::RandomBytes(32));
  TokenInfo info;
  info.name = name;
  info.role = role;
  info.created_at = Timestamp::Now().ToString();
  info.created_by = created_by;
  info.member_state = member_state;
  OP_ASSIGN_OR_RETURN(
      store::QueryResult r,
      store_->Query("INSERT INTO api_token (name, role, token_hash, created_at, created_by, member_state) "
                    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                    {name, std::string(RoleName(role)), crypto::Blake2b256Hex(secret),
                     info.created_at, created_by, member_state.empty() ? store::Value{} : store::Value{member_state}}));
  info.id = r.rows[0].Int(0);
  return std::make_pair(secret, info);
}

Result<TokenInfo> TokenStore::Authenticate(std::string_view token) {
  if (token.size() != kTokenPrefix.size() + 64 || token.substr(0, kTokenPrefix.size()) != kTokenPrefix) {
    return Status::Unauthenticated("malformed API token");
  }
  OP_ASSIGN_OR_RETURN(
      store::QueryResult r,
      store_->Query("SELECT id, name, role, created_at, created_by, revoked_at, member_state FROM api_token "
                    "WHERE token_hash = ?",
                    {crypto::Blake2b256Hex(token)}));
  if (r.rows.empty()) return Status::Unauthenticated("unknown API token");
  OP_ASSIGN_OR_RETURN(TokenInfo info, TokenFromRow(r.rows[0]));
  if (info.revoked) return Status::Unauthenticated("revoked API token");
  return info;
}

Status TokenStore::Revoke(int64_t id) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      store_->Query("UPDATE api_token SET revoked_at = ? WHERE id = ? AND "
                                    "revoked_at IS NULL RETURNING id",
                                    {Timestamp::Now().ToString(), id}));
  if (r.rows.empty()) return Status::NotFound("no active token with id " + std::to_string(id));
  return Status::OK();
}

Result<std::vector<TokenInfo>> TokenStore::List() {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      store_->Query("SELECT id, name, role, created_at, created_by, revoked_at, member_state "
                                    "FROM api_token ORDER BY id",
                                    {}));
  std::vector<TokenInfo> out;
  for (const store::Row& row : r.rows) {
    OP_ASSIGN_OR_RETURN(TokenInfo info, TokenFromRow(row));
    out.push_back(std::move(info));
  }
  return out;
}

std::string TokensToJson(const std::vector<TokenInfo>& tokens, int indent) {
  JsonWriter w(indent);
  w.BeginObject().Key("tokens").BeginArray();
  for (const TokenInfo& t : tokens) {
    w.BeginObject().Key("id").Int(t.id).Field("name", t.name).Field("role", RoleName(t.role));
    if (t.member_state.empty()) {
      w.Key("member_state").Null();
    } else {
      w.Field("member_state", t.member_state);
    }
    w.Field("created_at", t.created_at).Field("created_by", t.created_by).Key("revoked").Bool(t.revoked).EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

std::optional<std::string_view> BearerToken(std::string_view header) {
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size()) return std::nullopt;
  // The scheme is case-insensitive (RFC 9110 11.1).
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(header[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return std::nullopt;
    }
  }
  std::string_view t = header.substr(kScheme.size());
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

}  // namespace openpact::auth
