#include "api/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <algorithm>
#include <charconv>
#include <shared_mutex>  // std::shared_lock
#include <cmath>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include <sys/socket.h>

#include "api/metrics.h"
#include "api/openapi.h"
#include "api/web.h"
#include "audit/audit.h"
#include "core/crypto.h"
#include "core/data_dir.h"
#include "core/json_parse.h"
#include "core/shared_mutex.h"
#include "core/parallel.h"
#include "core/time_limits.h"
#include "cases/border_places.h"
#include "cases/border_procedure_store.h"
#include "cases/responsibility_files.h"
#include "cases/screening_store.h"
#include "registry/registry.h"
#include "solidarity/solidarity.h"
#include "stats/stats.h"
#include "rules/decisions.h"
#include "rules/procedure.h"
#include "rules/responsibility.h"
#include "core/date.h"
#include "core/version.h"
#include "store/store.h"

namespace openpact::api {
namespace {

using json = nlohmann::json;

// The identity behind a request, once its token is checked.
struct Caller {
  auth::TokenInfo token;
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
};

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Error";
  }
}

// RFC 9457 problem details.
Reply Problem(int status, const std::string& detail, const std::string& instance,
              const std::string& field = {}) {
  json p = {{"type", "about:blank"},
            {"title", ReasonPhrase(status)},
            {"status", status},
            {"detail", detail},
            {"instance", instance}};
  if (!field.empty()) p["field"] = field;
  return Reply{status, p.dump(), "application/problem+json"};
}

// The largest request body read (a registry batch of records with templates fits many times).
constexpr size_t kMaxBodyBytes = 64u << 20;

// What the HTTP layer refused before any route's handler ran, said so that a client can fix it.
std::string TransportErrorDetail(int status, const httplib::Request& req) {
  switch (status) {
    case 404: return "no such route: " + req.method + " " + req.path;
    case 400: return "the request could not be read: malformed HTTP, or a body without Content-Length or chunked encoding";
    case 413: return "the body is larger than the " + std::to_string(kMaxBodyBytes >> 20) + " MiB the server accepts";
    case 414: return "the request line (path and query) is too long";
    case 431: return "the request's headers are too large";
    default: return "request failed";
  }
}

int HttpStatusFor(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument: return 422;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:  // the request conflicts with the stored state
      return 409;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kBusy:
    case StatusCode::kUnavailable:
    case StatusCode::kReadOnly:
      return 503;
    default: return 500;
  }
}

// A request's text as one log line: control bytes (a URL-encoded newline among them) as \xNN, so
// that a request cannot forge lines of the log that monitors read.
std::string ForLog(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const unsigned char c : text) {
    if (c < 0x20 || c == 0x7F || c == '\\') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Reply ProblemFromStatus(const Status& s, const std::string& instance) {
  return Problem(HttpStatusFor(s), s.message(), instance, s.field());
}

// The request's body as a JSON object with no member but `fields` (core/json_parse.h).
Result<json> BodyObject(const httplib::Request& req, std::initializer_list<std::string_view> fields) {
  return ParseJsonObject(req.body, fields);
}

// The string `key` of a request body (parsed with ParseBoundedJson); InvalidArgument naming
// `key`, saying it is required and `what` it holds, when the body has none.
Result<std::string> StringField(const json& body, const std::string& key, const std::string& what) {
  if (!body.is_object() || !body.contains(key) || !body[key].is_string()) {
    return Status::InvalidArgument("required: " + what, key);
  }
  return body[key].get<std::string>();
}

// A body {"<choice>": one of `allowed` (required), "<text>": a string (optional)}: the choice and
// the text ("" when absent), or InvalidArgument naming the member.
struct ChoiceAndText {
  std::string choice, text;
};
Result<ChoiceAndText> ChoiceBody(const httplib::Request& req, const char* choice,
                                 std::initializer_list<std::string_view> allowed, const char* text) {
  OP_ASSIGN_OR_RETURN(json body, ParseJsonObject(req.body, {choice, text}));
  std::string list;
  for (std::string_view a : allowed) list += (list.empty() ? "" : " or ") + std::string(a);
  ChoiceAndText out;
  OP_ASSIGN_OR_RETURN(out.choice, StringField(body, choice, list));
  if (std::find(allowed.begin(), allowed.end(), out.choice) == allowed.end()) {
    return Status::InvalidArgument("must be " + list, choice);
  }
  if (body.contains(text)) {
    OP_ASSIGN_OR_RETURN(out.text, StringField(body, text, "a string, at most 1,000 characters"));
  }
  return out;
}

// The body of a route that ends a file or a phase of it: {"<key>": what (required), "on": date}.
struct Ending {
  std::string value;
  std::optional<Date> on;
};
Result<Ending> EndingBody(const httplib::Request& req, const char* key, const std::string& what) {
  OP_ASSIGN_OR_RETURN(json body, ParseJsonObject(req.body, {key, "on"}));
  Ending e;
  OP_ASSIGN_OR_RETURN(e.value, StringField(body, key, what));
  OP_ASSIGN_OR_RETURN(e.on, OptionalDateMember(body, "on"));
  return e;
}

// Query parameter `name` as a date, nullopt when absent; InvalidArgument naming it when it is not
// YYYY-MM-DD.
Result<std::optional<Date>> DateParam(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::optional<Date>();
  OP_ASSIGN_OR_RETURN(Date d, Date::Parse(req.get_param_value(name), name));
  return std::optional<Date>(d);
}

// The stated purpose the audit entry records: the X-Purpose header (one line, at most 500 bytes),
// else `fallback`; InvalidArgument naming the header when it is not a valid label.
Result<std::string> PurposeOf(const httplib::Request& req, std::string fallback) {
  const std::string stated = req.get_header_value("X-Purpose");
  if (stated.empty()) return fallback;
  OP_RETURN_IF_ERROR(auth::ValidateLabel(stated, 500, "X-Purpose"));
  return stated;
}

// Query parameter `name` as a whole number in [lo, hi], `fallback` when absent; nullopt when it
// is not one (atoll would read "abc" as 0 and "1e3" as 1 without a word).
std::optional<long long> IntParam(const httplib::Request& req, const char* name, long long fallback, long long lo,
                                  long long hi) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  long long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < lo || v > hi) return std::nullopt;
  return v;
}

// The query of a fundamental-rights monitoring report (?member_state, from, to, at, sample, seed);
// InvalidArgument naming the parameter that is wrong.
Result<cases::MonitoringQuery> MonitoringQueryOf(const httplib::Request& req) {
  cases::MonitoringQuery q;
  q.member_state = req.get_param_value("member_state");
  if (q.member_state.empty()) return Status::InvalidArgument("required (alpha-3)", "member_state");
  OP_ASSIGN_OR_RETURN(q.from, DateParam(req, "from"));
  OP_ASSIGN_OR_RETURN(q.to, DateParam(req, "to"));
  OP_ASSIGN_OR_RETURN(std::optional<Date> at, DateParam(req, "at"));
  q.at = at.value_or(Date::Today());
  const auto sample = IntParam(req, "sample", 0, 0, cases::kMaxMonitoringSample);
  if (!sample) return Status::InvalidArgument("sample must be 0..50", "sample");
  q.sample = static_cast<int>(*sample);
  if (req.has_param("seed")) {
    OP_ASSIGN_OR_RETURN(q.seed, cases::ParseSeed(req.get_param_value("seed"), "seed"));
  }
  return q;
}

// The query of a work list of open files (?member_state, due_by, at, limit): without ?at, today in
// the Member State's legal time, the day its time limits are counted in.
struct WorkListQuery {
  std::string member_state;
  Date today;
  std::optional<Date> due_by;
  size_t limit = 100;
};
Result<WorkListQuery> WorkListQueryOf(const httplib::Request& req) {
  WorkListQuery q;
  q.member_state = req.get_param_value("member_state");
  if (q.member_state.empty()) return Status::InvalidArgument("required (alpha-3)", "member_state");
  OP_ASSIGN_OR_RETURN(q.due_by, DateParam(req, "due_by"));
  OP_ASSIGN_OR_RETURN(std::optional<Date> at, DateParam(req, "at"));
  const auto limit = IntParam(req, "limit", 100, 1, static_cast<long long>(cases::kMaxScreeningList));
  if (!limit) return Status::InvalidArgument("limit must be 1..500", "limit");
  q.limit = static_cast<size_t>(*limit);
  q.today = at.value_or(LocalDate(Timestamp::Now(), q.member_state));
  return q;
}

// A page of a list: ?after=ID (the last entry of the previous page) and ?limit, 1..max (default
// max); the problem naming limit when it is not a whole number in range.
struct PageParams {
  std::string after;
  size_t limit = 0;
};
Result<PageParams> ReadPageParams(const httplib::Request& req, size_t max) {
  const long long most = static_cast<long long>(max);
  const auto limit = IntParam(req, "limit", most, 1, most);
  if (!limit) return Status::InvalidArgument("must be a whole number from 1 to " + std::to_string(max), "limit");
  return PageParams{req.has_param("after") ? req.get_param_value("after") : "", static_cast<size_t>(*limit)};
}

// The modules name the CLI's options in their errors ("--year", "--eur-per-relocation"); over
// HTTP the same value is the query parameter "year", "eur_per_relocation".
Status AsQueryField(Status st) {
  const std::string& field = st.field();
  if (field.rfind("--", 0) != 0) return st;
  std::string name = field.substr(2);
  for (char& c : name) c = c == '-' ? '_' : c;
  return Status::InvalidArgument(st.message(), name);
}

using HandlerFn = std::function<Reply(const httplib::Request&, const Caller&)>;

struct RouteDef {
  RouteInfo info;
  HandlerFn fn;
};

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<store::Store> store;
  std::mutex store_mu;  // the Store is one connection: one request at a time uses it
  audit::SigningKey key;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<rules::RulesData> rules;  // immutable after start: shared by all threads
  // The registry's records in memory. Lock order: index_mu, then store_mu. A comparison's search
  // runs under a shared lock alone (Registry::PrecomputeComparison), so that it holds neither the
  // store nor other searches; everything that may change the index (every registry operation,
  // the daily expiry) holds it exclusively, then the store.
  std::unique_ptr<registry::RegistryIndex> registry_index;
  WriterPreferringSharedMutex index_mu;  // a waiting change goes before new searches
  std::string data_dir;                                     // resolved; read-only after Create
  std::unique_ptr<solidarity::ReferenceData> reference;     // published figures; read-only after Create
  httplib::Server http;
  Metrics metrics;
  long long started_unix = 0;
  int bound_port = 0;

  std::mutex stop_mu;
  std::condition_variable stop_cv;
  bool stopping = false;
  bool listening_started = false;        // Run is about to listen or listens (under stop_mu)
  std::atomic<bool> listening_over{false};  // Run's listen has returned
  std::thread checkpointer;

  void Register(const RouteDef& def);
  // The registry as caller `c` uses it: the server's resident index (unless `with_index` is false,
  // for an operation that only reads or annotates what is stored) and pre-selected share, and
  // the Member State its token is bound to (Art. 40(1), (3)). Every registry use of a request
  // goes through here, so that a search run ahead is made exactly as the enrolment would make it.
  registry::Registry RegistryFor(const Caller& c, bool with_index = true) {
    registry::Registry reg(store.get(), rules.get(), with_index ? registry_index.get() : nullptr);
    reg.set_preselect_fraction(options.registry_preselect);
    reg.set_acting_member_state(c.token.member_state);
    return reg;
  }
  // A pending law-enforcement request's comparison with every stored dataset, searched ahead
  // under a shared lock of the index (the store held only while its fingerprints are read), so
  // that the search holds up no other request; null when there is nothing to compare (an
  // alphanumeric request, one not pending or not the caller's, no resident index), and
  // Forward/Verify then search themselves as before. Lock order: index_mu, then store_mu.
  std::unique_ptr<registry::PrecomputedComparison> CompareAhead(const Caller& c, const std::string& id) {
    return SearchAhead(c, [&](registry::Registry& reg) -> Result<std::unique_ptr<registry::PrecomputedComparison>> {
      Result<std::vector<registry::Fingerprint>> fingerprints = std::vector<registry::Fingerprint>();
      {
        std::lock_guard<std::mutex> lock(store_mu);
        fingerprints = reg.PendingLawEnforcementFingerprints(id);
      }
      if (!fingerprints.ok()) return fingerprints.status();
      return reg.PrecomputeEveryRecord(*fingerprints, HardwareThreads());
    });
  }
  // A registry search run ahead by `search` under a shared lock of the index, beside other requests
  // and without the store (Registry::PrecomputeComparison and its kin); null when it did not search
  // (the operation, under the exclusive lock, then searches itself, and gives any refusal, audited).
  template <typename Search>
  std::unique_ptr<registry::PrecomputedComparison> SearchAhead(const Caller& c, Search search) {
    std::shared_lock<WriterPreferringSharedMutex> shared(index_mu);
    registry::Registry reg = RegistryFor(c);
    Result<std::unique_ptr<registry::PrecomputedComparison>> pre = search(reg);
    return pre.ok() ? std::move(*pre) : nullptr;
  }
  // A screening operation as `c` (cases/screening_store.h), its audit entry in the same transaction
  // (AuditLog::RunAudited); a token bound to a Member State acts on that State's files only. The
  // store names a few fields as the CLI's options (--check, --on, ...): here they are the body's.
  // Border procedure files (cases/border_procedure_store.h) go the same way (CaseCall).
  template <typename CaseStore, typename Fn>
  Reply CaseCall(const httplib::Request& req, const Caller& c, auth::Action action, const std::string& object,
                 const char* what, const std::string& default_purpose, int ok_status, Fn fn) {
    auto purpose = PurposeOf(req, default_purpose);
    if (!purpose.ok()) return ProblemFromStatus(purpose.status(), req.path);
    std::lock_guard<std::mutex> lock(store_mu);
    CaseStore cases(store.get(), rules.get());
    cases.set_acting_member_state(c.token.member_state);
    Result<std::string> out = std::string();
    const Status done = audit->RunAudited(
        {c.token.name, std::string(auth::RoleName(c.token.role)), std::string(auth::ActionName(action)), object,
         *purpose, what},
        [&] {
          out = fn(cases);
          return out.status();
        });
    if (!done.ok()) {
      std::string field = done.field();
      if (field.rfind("--", 0) == 0) {
        field = field.substr(2);
        std::replace(field.begin(), field.end(), '-', '_');
      }
      return ProblemFromStatus(done.code() == StatusCode::kInvalidArgument ? Status::InvalidArgument(done.message(), field)
                                                                           : done,
                               req.path);
    }
    return Reply{ok_status, std::move(*out)};
  }
  Reply ScreeningCall(const httplib::Request& req, const Caller& c, auth::Action action, const std::string& object,
                      const char* what, const std::string& default_purpose, int ok_status,
                      const std::function<Result<std::string>(cases::ScreeningStore&)>& fn) {
    return CaseCall<cases::ScreeningStore>(req, c, action, object, what, default_purpose, ok_status, fn);
  }
  Reply ResponsibilityFileCall(const httplib::Request& req, const Caller& c, const std::string& object, const char* what,
                               int ok_status,
                               const std::function<Result<std::string>(cases::ResponsibilityFileStore&)>& fn) {
    return CaseCall<cases::ResponsibilityFileStore>(req, c, auth::Action::kResponsibilityFile, object, what,
                                                    "responsibility file", ok_status, fn);
  }
  Reply BorderProcedureCall(const httplib::Request& req, const Caller& c, auth::Action action,
                            const std::string& object, const char* what, const std::string& default_purpose,
                            int ok_status, const std::function<Result<std::string>(cases::BorderProcedureStore&)>& fn) {
    return CaseCall<cases::BorderProcedureStore>(req, c, action, object, what, default_purpose, ok_status, fn);
  }
  // Whether a registry operation uses the resident index: one that compares or changes records
  // holds it exclusively; one that only reads or annotates what is stored (a record shown, the
  // statistics, notifications, the law-enforcement queue) runs with the store alone, so that it
  // does not wait for the comparisons running beside it.
  enum class IndexUse { kExclusive, kNone };
  // A registry operation as `c`, its audit entry in the same transaction (AuditLog::RunAudited):
  // answered with `ok_status` and the operation's JSON, or the problem that stopped it.
  Reply RegistryCall(const httplib::Request& req, const Caller& c, auth::Action action, const std::string& object,
                     const char* what, int ok_status,
                     const std::function<Result<std::string>(registry::Registry&)>& fn,
                     IndexUse index_use = IndexUse::kExclusive);
  // Checks the token and the role, then runs the handler. `who` gets "name/role" for the log.
  Reply Dispatch(const RouteDef& def, const httplib::Request& req, std::string* who);
  void AuditDenied(const auth::TokenInfo& who, const RouteInfo& route, const std::string& path);
  void CheckpointLoop();
  // Erases the registry's records whose retention period has ended, once a day (at start, then
  // when the UTC date changes): Eurodac Art. 29(10) erases them automatically. Audited as the
  // server's own action.
  void ExpireRegistry();
  std::optional<std::string> RunErasure(auth::Action action, const std::string& object, const std::string& reason,
                                        const char* what, const std::function<Result<std::string>()>& job);
  std::optional<Date> expired_on;  // the last day ExpireRegistry ran (checkpointer thread only)
  void SealAudit();
};

const std::vector<RouteInfo>& Server::Routes() {
  static const std::vector<RouteInfo> routes = {
      {"GET", "/healthz", auth::Action::kVersionRead, false},
      {"GET", "/v1/openapi.json", auth::Action::kVersionRead, false},
      {"GET", "/v1/schemas/{name}", auth::Action::kVersionRead, false},
      {"GET", "/v1/version", auth::Action::kVersionRead, true},
      {"GET", "/metrics", auth::Action::kMetricsRead, true},
      {"GET", "/v1/tokens", auth::Action::kTokenList, true},
      {"POST", "/v1/tokens", auth::Action::kTokenCreate, true},
      {"GET", "/v1/audit/entries", auth::Action::kAuditRead, true},
      {"GET", "/v1/audit/verify", auth::Action::kAuditVerify, true},
      {"POST", "/v1/decisions/procedure", auth::Action::kDecideProcedure, true},
      {"POST", "/v1/decisions/responsibility", auth::Action::kDecideResponsibility, true},
      {"POST", "/v1/decisions/responsibility/family", auth::Action::kDecideResponsibility, true},
      {"POST", "/v1/decisions/return-border", auth::Action::kDecideReturnBorder, true},
      {"POST", "/v1/decisions/reception", auth::Action::kDecideReception, true},
      {"POST", "/v1/decisions/protection-documents", auth::Action::kDecideProtectionDocuments, true},
      {"POST", "/v1/decisions/admission", auth::Action::kDecideAdmission, true},
      {"POST", "/v1/decisions/relocation", auth::Action::kDecideRelocation, true},
      {"POST", "/v1/decisions/temporary-protection", auth::Action::kDecideTemporaryProtection, true},
      {"POST", "/v1/decisions/return", auth::Action::kDecideReturn, true},
      {"POST", "/v1/registry/records", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/registry/search", auth::Action::kRegistrySearch, true},
      {"GET", "/v1/registry/records", auth::Action::kRegistryRead, true},
      {"GET", "/v1/registry/records/{id}", auth::Action::kRegistryRead, true},
      {"DELETE", "/v1/registry/records/{id}", auth::Action::kRegistryErase, true},
      {"POST", "/v1/registry/records/{id}/status", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/registry/records/{id}/rectify", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/registry/records/{id}/report", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/registry/records/{id}/return-transfers", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/registry/return-transfers/{id}/decision", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/registry/records/{id}/verify", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/registry/records/{id}/mark", auth::Action::kRegistryMark, true},
      {"DELETE", "/v1/registry/records/{id}/mark", auth::Action::kRegistryMark, true},
      {"POST", "/v1/registry/expire", auth::Action::kRegistryErase, true},
      {"GET", "/v1/registry/stats", auth::Action::kRegistryStats, true},
      {"POST", "/v1/registry/subject-access", auth::Action::kRegistrySubjectAccess, true},
      {"POST", "/v1/registry/temporary-protection/extend", auth::Action::kRegistryErase, true},
      {"GET", "/v1/registry/notifications", auth::Action::kRegistryRead, true},
      {"POST", "/v1/registry/notifications/{id}/acknowledge", auth::Action::kRegistryEnrol, true},
      {"POST", "/v1/law-enforcement/requests", auth::Action::kLawEnforcementSearch, true},
      {"GET", "/v1/law-enforcement/requests/{id}", auth::Action::kLawEnforcementSearch, true},
      {"GET", "/v1/law-enforcement/requests", auth::Action::kLawEnforcementVerify, true},
      {"POST", "/v1/law-enforcement/requests/{id}/verify", auth::Action::kLawEnforcementVerify, true},
      {"POST", "/v1/law-enforcement/requests/{id}/forward", auth::Action::kLawEnforcementVerify, true},
      {"POST", "/v1/screenings", auth::Action::kScreening, true},
      {"GET", "/v1/screenings", auth::Action::kScreening, true},
      {"GET", "/v1/screenings/{id}", auth::Action::kScreening, true},
      {"POST", "/v1/screenings/{id}/record", auth::Action::kScreening, true},
      {"POST", "/v1/screenings/{id}/close", auth::Action::kScreening, true},
      {"GET", "/v1/monitoring/screening", auth::Action::kScreeningMonitor, true},
      {"GET", "/v1/monitoring/screening/{id}", auth::Action::kScreeningMonitor, true},
      {"POST", "/v1/border-procedures", auth::Action::kBorderProcedure, true},
      {"GET", "/v1/border-procedures", auth::Action::kBorderProcedure, true},
      {"GET", "/v1/border-procedures/{id}", auth::Action::kBorderProcedure, true},
      {"POST", "/v1/border-procedures/{id}/record", auth::Action::kBorderProcedure, true},
      {"POST", "/v1/border-procedures/{id}/close", auth::Action::kBorderProcedure, true},
      {"POST", "/v1/border-procedures/{id}/erase", auth::Action::kBorderProcedure, true},
      {"POST", "/v1/border-procedures/{id}/return", auth::Action::kBorderProcedure, true},
      {"POST", "/v1/border-procedures/{id}/return/close", auth::Action::kBorderProcedure, true},
      {"POST", "/v1/responsibility-files", auth::Action::kResponsibilityFile, true},
      {"GET", "/v1/responsibility-files", auth::Action::kResponsibilityFile, true},
      {"GET", "/v1/responsibility-files/{id}", auth::Action::kResponsibilityFile, true},
      {"POST", "/v1/responsibility-files/{id}/case", auth::Action::kResponsibilityFile, true},
      {"POST", "/v1/responsibility-files/{id}/close", auth::Action::kResponsibilityFile, true},
      {"POST", "/v1/responsibility-files/{id}/erase", auth::Action::kResponsibilityFile, true},
      {"POST", "/v1/responsibility-files/{id}/family", auth::Action::kResponsibilityFile, true},
      {"DELETE", "/v1/responsibility-files/{id}/family", auth::Action::kResponsibilityFile, true},
      {"GET", "/v1/monitoring/border-procedure", auth::Action::kBorderProcedureMonitor, true},
      {"GET", "/v1/monitoring/border-procedure/{id}", auth::Action::kBorderProcedureMonitor, true},
      {"GET", "/v1/planning/solidarity", auth::Action::kPlanningRead, true},
      {"POST", "/v1/planning/solidarity", auth::Action::kPlanningRead, true},
      {"POST", "/v1/planning/crisis-offsets", auth::Action::kPlanningRead, true},
      {"POST", "/v1/planning/offset-request", auth::Action::kPlanningRead, true},
      {"GET", "/v1/planning/capacity", auth::Action::kPlanningRead, true},
      {"GET", "/v1/planning/routes", auth::Action::kPlanningRead, true},
      {"GET", "/v1/planning/low-recognition", auth::Action::kPlanningRead, true},
      {"GET", "/v1/planning/indicators", auth::Action::kPlanningRead, true},
      {"GET", "/v1/planning/border-procedure", auth::Action::kPlanningRead, true},
      {"GET", "/v1/planning/responsibility-files", auth::Action::kPlanningRead, true},
      {"POST", "/v1/border-places", auth::Action::kBorderProcedure, true},
      {"POST", "/v1/border-places/notified", auth::Action::kBorderProcedure, true},
      {"GET", "/v1/border-places", auth::Action::kPlanningRead, true},
  };
  return routes;
}

Server::Server() : impl_(std::make_unique<Impl>()) {}

Server::~Server() {
  Stop();
  if (impl_->checkpointer.joinable()) impl_->checkpointer.join();
}

int Server::port() const { return impl_->bound_port; }

Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  OP_RETURN_IF_ERROR(crypto::Init());
  std::unique_ptr<Server> server(new Server());
  Impl& s = *server->impl_;
  s.options = options;
  store::StoreOptions store_options;
  store_options.must_exist = true;  // created by `openpact init`; a mistyped --db is an error
  OP_ASSIGN_OR_RETURN(s.store, store::Store::Open(options.db_url, store_options));
  OP_RETURN_IF_ERROR(s.store->Migrate());
  OP_ASSIGN_OR_RETURN(s.key, audit::SigningKey::OpenFor(s.store.get(), options.audit_key_path));
  s.audit = std::make_unique<audit::AuditLog>(s.store.get(), &s.key);
  {
    s.data_dir = ResolveDataDir(options.data_dir);
    auto rules = rules::RulesData::Load(s.data_dir);
    if (!rules.ok()) return rules.status().WithContext("loading the rules' data");
    s.rules = std::make_unique<rules::RulesData>(std::move(*rules));
    auto reference = solidarity::ReferenceData::Load(s.data_dir, s.rules->countries);
    if (!reference.ok()) return reference.status().WithContext("loading the reference figures");
    s.reference = std::make_unique<solidarity::ReferenceData>(std::move(*reference));
  }
  {
    // The registry's records in memory for comparisons (kept current with the store).
    const auto t0 = std::chrono::steady_clock::now();
    auto index = registry::RegistryIndex::Load(s.store.get(), HardwareThreads(),
                                               registry::RegistryIndex::kDefaultPageRecords,
                                               /*preselection=*/options.registry_preselect < 1.0);
    if (!index.ok()) return index.status().WithContext("loading the registry's records");
    s.registry_index = std::move(*index);
    if (options.registry_preselect < 1.0) s.registry_index->BuildPreselection();
    spdlog::info("registry: {} records in memory ({:.1f} MiB), loaded in {:.1f} s", s.registry_index->records(),
                 static_cast<double>(s.registry_index->MemoryBytes()) / (1 << 20),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    // Records whose period ended while no server ran are erased before the first request (and
    // then daily, by the checkpointer). Here, not on that thread: start-up logs nothing later.
    s.ExpireRegistry();
  }
  s.started_unix = Timestamp::Now().unix_seconds();

  // Every handler runs behind Dispatch, which checks the token and the role.
  auto find = [](const std::string& method, const std::string& path) {
    for (const RouteInfo& r : Routes()) {
      if (r.method == method && r.path == path) return r;
    }
    return RouteInfo{};
  };
  Impl* impl = &s;
  std::vector<RouteDef> defs;
  defs.push_back({find("GET", "/v1/version"), [impl](const httplib::Request&, const Caller&) {
                    std::lock_guard<std::mutex> lock(impl->store_mu);
                    auto v = impl->store->SchemaVersion();
                    json j = {{"name", "openpact"},
                              {"version", Version()},
                              {"store", std::string(impl->store->backend())},
                              {"schema_version", v.ok() ? *v : -1}};
                    return Reply{200, j.dump()};
                  }});
  defs.push_back({find("GET", "/metrics"), [impl](const httplib::Request&, const Caller&) {
                    std::string body = impl->metrics.Render(impl->started_unix, Version());
                    if (impl->registry_index != nullptr) {
                      // Counted under the index's exclusive lock: read under the shared one.
                      std::shared_lock<WriterPreferringSharedMutex> shared(impl->index_mu);
                      body += "# HELP openpact_registry_searches_ahead_total Registry comparisons searched ahead on "
                              "an older state of the index, by how they were brought up to date.\n"
                              "# TYPE openpact_registry_searches_ahead_total counter\n"
                              "openpact_registry_searches_ahead_total{outcome=\"caught_up\"} " +
                              std::to_string(impl->registry_index->caught_up()) +
                              "\nopenpact_registry_searches_ahead_total{outcome=\"searched_again\"} " +
                              std::to_string(impl->registry_index->searched_again()) + "\n";
                    }
                    return Reply{200, body, "text/plain; version=0.0.4; charset=utf-8"};
                  }});
  defs.push_back({find("GET", "/v1/tokens"), [impl](const httplib::Request& req, const Caller&) {
                    std::lock_guard<std::mutex> lock(impl->store_mu);
                    auth::TokenStore tokens(impl->store.get());
                    auto list = tokens.List();
                    if (!list.ok()) return ProblemFromStatus(list.status(), req.path);
                    return Reply{200, auth::TokensToJson(*list)};
                  }});
  defs.push_back({find("POST", "/v1/tokens"), [impl](const httplib::Request& req, const Caller& c) {
                    auto parsed = BodyObject(req, {"name", "role", "purpose", "member_state"});
                    if (!parsed.ok()) return ProblemFromStatus(parsed.status(), req.path);
                    json body = std::move(*parsed);
                    if (!body.contains("name") || !body["name"].is_string()) {
                      return Problem(422, "required string", req.path, "name");
                    }
                    if (!body.contains("role") || !body["role"].is_string()) {
                      return Problem(422, "required string", req.path, "role");
                    }
                    std::string purpose = "token administration";
                    if (body.contains("purpose")) {
                      // value() would throw on a number here: a 500 for a client's mistake.
                      if (!body["purpose"].is_string()) return Problem(422, "must be a string", req.path, "purpose");
                      purpose = body["purpose"].get<std::string>();
                      if (Status st = auth::ValidateLabel(purpose, 500, "purpose"); !st.ok()) {
                        return ProblemFromStatus(st, req.path);
                      }
                    }
                    auto role = auth::ParseRole(body["role"].get<std::string>());
                    if (!role.ok()) return ProblemFromStatus(role.status(), req.path);
                    std::string member_state;
                    if (body.contains("member_state") && !body["member_state"].is_null()) {
                      if (!body["member_state"].is_string()) {
                        return Problem(422, "must be the alpha-3 code of an EU Member State or an associated State", req.path,
                                     "member_state");
                      }
                      member_state = body["member_state"].get<std::string>();
                      // The associated States' authorities use the registry too (their Eurodac data).
                      if (Status st = impl->rules->countries.ValidateStateOfTheSystem(member_state, "member_state");
                          !st.ok()) {
                        return ProblemFromStatus(st, req.path);
                      }
                    }
                    std::lock_guard<std::mutex> lock(impl->store_mu);
                    auth::TokenStore tokens(impl->store.get());
                    // The token and its audit entry commit together: no token the log does not show.
                    auto tx = store::Transaction::Begin(impl->store.get());
                    if (!tx.ok()) return ProblemFromStatus(tx.status(), req.path);
                    auto created = tokens.Create(body["name"].get<std::string>(), *role, c.token.name, member_state);
                    if (!created.ok()) {
                      // The store names the CLI's option; here the field is the body's "name".
                      const Status& st = created.status();
                      if (st.field() == "--name") return Problem(422, st.message(), req.path, "name");
                      return ProblemFromStatus(st, req.path);
                    }
                    Status audited = impl->audit
                                         ->Append({c.token.name, std::string(auth::RoleName(c.token.role)),
                                                   "token.create", "token:" + std::to_string(created->second.id),
                                                   purpose, "ok"})
                                         .status();
                    if (audited.ok()) audited = tx->Commit();
                    if (!audited.ok()) {
                      return Problem(503, "no token created: its audit entry could not be written (" +
                                              audited.message() + ")", req.path);
                    }
                    json j = {{"id", created->second.id},
                              {"name", created->second.name},
                              {"role", std::string(auth::RoleName(created->second.role))},
                              {"member_state", member_state.empty() ? json(nullptr) : json(member_state)},
                              {"token", created->first}};
                    return Reply{201, j.dump()};
                  }});
  defs.push_back({find("GET", "/v1/audit/entries"), [impl](const httplib::Request& req, const Caller&) {
                    const auto after = IntParam(req, "after", 0, 0, std::numeric_limits<long long>::max());
                    if (!after) return Problem(422, "after must be a whole number >= 0 (an entry's seq)", req.path, "after");
                    const auto limit = IntParam(req, "limit", 100, 1, 1000);
                    if (!limit) return Problem(422, "limit must be 1..1000", req.path, "limit");
                    std::lock_guard<std::mutex> lock(impl->store_mu);
                    auto entries = impl->audit->List(*after, static_cast<int>(*limit));
                    if (!entries.ok()) return ProblemFromStatus(entries.status(), req.path);
                    return Reply{200, audit::EntriesToJson(*entries)};
                  }});
  defs.push_back({find("GET", "/v1/audit/verify"), [impl](const httplib::Request& req, const Caller&) {
                    std::lock_guard<std::mutex> lock(impl->store_mu);
                    auto rep = impl->audit->Verify(impl->key);
                    if (!rep.ok()) return ProblemFromStatus(rep.status(), req.path);
                    return Reply{200, audit::VerifyReportToJson(*rep)};
                  }});
  // The fundamental-rights monitoring report (Screening Reg. Art. 10(2)): a read of personal data,
  // audited like one, of the Member State a bound token acts for only.
  defs.push_back({find("GET", "/v1/monitoring/screening"), [impl](const httplib::Request& req, const Caller& c) {
                    auto q = MonitoringQueryOf(req);
                    if (!q.ok()) return ProblemFromStatus(q.status(), req.path);
                    return impl->ScreeningCall(req, c, auth::Action::kScreeningMonitor,
                                               "screening:monitor:" + q->member_state, "report",
                                               "fundamental-rights monitoring", 200,
                                               [&](cases::ScreeningStore& s) { return s.Monitor(*q); });
                  }});
  // The same mechanism for the border procedure (APR Art. 43(4)), under its own right.
  defs.push_back({find("GET", "/v1/monitoring/border-procedure"), [impl](const httplib::Request& req,
                                                                          const Caller& c) {
                    auto q = MonitoringQueryOf(req);
                    if (!q.ok()) return ProblemFromStatus(q.status(), req.path);
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedureMonitor,
                                                     "border_procedure:monitor:" + q->member_state, "report",
                                                     "fundamental-rights monitoring", 200,
                                                     [&](cases::BorderProcedureStore& s) { return s.Monitor(*q); });
                  }});
  defs.push_back({find("GET", "/v1/monitoring/border-procedure/{id}"), [impl](const httplib::Request& req,
                                                                               const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedureMonitor,
                                                     "border_procedure:" + id, "show", "fundamental-rights monitoring",
                                                     200, [&](cases::BorderProcedureStore& s) { return s.Show(id); });
                  }});
  // Border procedure files (APR Arts. 43-54) by the determining authority: the CLI's
  // `border-procedure` commands. The body of POST /v1/border-procedures is a procedure case.
  defs.push_back({find("POST", "/v1/border-procedures"), [impl](const httplib::Request& req, const Caller& c) {
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure, "border_procedure:new",
                                                     "open", "border procedure", 201,
                                                     [&](cases::BorderProcedureStore& s) {
                                                       s.set_capacity_lookup([impl](const std::string& ms, Date on) {
                                                         return solidarity::PublishedCapacity(*impl->reference,
                                                                                              *impl->rules, ms, on);
                                                       });
                                                       return s.Open(req.body, c.token.name);
                                                     });
                  }});
  defs.push_back({find("GET", "/v1/border-procedures"), [impl](const httplib::Request& req, const Caller& c) {
                    auto q = WorkListQueryOf(req);
                    if (!q.ok()) return ProblemFromStatus(q.status(), req.path);
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure,
                                                     "border_procedure:list:" + q->member_state, "list",
                                                     "border procedure", 200, [&](cases::BorderProcedureStore& s) {
                                                       return s.ListOpen(q->member_state, q->today, q->due_by, q->limit);
                                                     });
                  }});
  defs.push_back({find("GET", "/v1/border-procedures/{id}"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure, "border_procedure:" + id,
                                                     "show", "border procedure", 200,
                                                     [&](cases::BorderProcedureStore& s) { return s.Show(id); });
                  }});
  defs.push_back({find("POST", "/v1/border-procedures/{id}/record"), [impl](const httplib::Request& req,
                                                                             const Caller& c) {
                    const std::string id = req.matches[1];
                    auto parsed = BodyObject(req, {"event", "point", "place", "on"});
                    if (!parsed.ok()) return ProblemFromStatus(parsed.status(), req.path);
                    auto event = StringField(*parsed, "event", "the event (detained, released, exception, placed, "
                                                               "an appeal stage, ...: BorderProcedureEvent)");
                    if (!event.ok()) return ProblemFromStatus(event.status(), req.path);
                    auto point = OptionalStringMember(*parsed, "point");
                    if (!point.ok()) return ProblemFromStatus(point.status(), req.path);
                    auto place = OptionalStringMember(*parsed, "place");
                    if (!place.ok()) return ProblemFromStatus(place.status(), req.path);
                    auto on = OptionalDateMember(*parsed, "on");
                    if (!on.ok()) return ProblemFromStatus(on.status(), req.path);
                    const cases::BorderProcedureEvent e{*event, *point, *place, *on};
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure, "border_procedure:" + id,
                                                     "record", "border procedure", 200,
                                                     [&](cases::BorderProcedureStore& s) { return s.Record(id, e); });
                  }});
  defs.push_back({find("POST", "/v1/border-procedures/{id}/close"), [impl](const httplib::Request& req,
                                                                            const Caller& c) {
                    const std::string id = req.matches[1];
                    auto ending = EndingBody(req, "outcome", "how the applicant left the border procedure");
                    if (!ending.ok()) return ProblemFromStatus(ending.status(), req.path);
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure, "border_procedure:" + id,
                                                     "close", "border procedure", 200,
                                                     [&](cases::BorderProcedureStore& s) {
                                                       return s.Close(id, ending->value, ending->on);
                                                     });
                  }});
  // Responsibility files (AMMR Part III; cases/responsibility_files.h): the body of open and case
  // is a responsibility case document.
  defs.push_back({find("POST", "/v1/responsibility-files"), [impl](const httplib::Request& req, const Caller& c) {
                    // ?received_by=MS: a request that State received (AMMR Arts. 40-41), kept as its file.
                    const std::string received_by = req.get_param_value("received_by");
                    if (req.has_param("received_by") && received_by.empty()) {
                      return Problem(422, "the receiving Member State (alpha-3), or no parameter", req.path,
                                     "received_by");
                    }
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:new", "open", 201,
                                                        [&](cases::ResponsibilityFileStore& s) {
                                                          return s.Open(req.body, c.token.name, received_by);
                                                        });
                  }});
  defs.push_back({find("GET", "/v1/responsibility-files"), [impl](const httplib::Request& req, const Caller& c) {
                    auto q = WorkListQueryOf(req);
                    if (!q.ok()) return ProblemFromStatus(q.status(), req.path);
                    const std::string received = req.has_param("received") ? req.get_param_value("received") : "false";
                    if (received != "true" && received != "false") {
                      return Problem(422, "must be true or false", req.path, "received");
                    }
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:list:" + q->member_state, "list",
                                                        200, [&](cases::ResponsibilityFileStore& s) {
                                                          return s.ListOpen(q->member_state, q->today, q->due_by,
                                                                            q->limit, received == "true");
                                                        });
                  }});
  defs.push_back({find("GET", "/v1/responsibility-files/{id}"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    const auto version = IntParam(req, "version", 0, 0, 1000000);
                    if (!version) return Problem(422, "must be a version number (0: the newest)", req.path, "version");
                    auto at = DateParam(req, "at");
                    if (!at.ok()) return ProblemFromStatus(at.status(), req.path);
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:" + id, "show", 200,
                                                        [&](cases::ResponsibilityFileStore& s) {
                                                          return s.Show(id, *at, static_cast<int>(*version));
                                                        });
                  }});
  defs.push_back({find("POST", "/v1/responsibility-files/{id}/case"), [impl](const httplib::Request& req,
                                                                              const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:" + id, "update", 200,
                                                        [&](cases::ResponsibilityFileStore& s) {
                                                          return s.Update(id, req.body, c.token.name);
                                                        });
                  }});
  defs.push_back({find("POST", "/v1/responsibility-files/{id}/close"), [impl](const httplib::Request& req,
                                                                               const Caller& c) {
                    const std::string id = req.matches[1];
                    auto ending = EndingBody(req, "outcome", "how the file ended (transferred, examined_here, "
                                                             "withdrawn, ceased)");
                    if (!ending.ok()) return ProblemFromStatus(ending.status(), req.path);
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:" + id, "close", 200,
                                                        [&](cases::ResponsibilityFileStore& s) {
                                                          return s.Close(id, ending->value, ending->on);
                                                        });
                  }});
  defs.push_back({find("POST", "/v1/responsibility-files/{id}/erase"), [impl](const httplib::Request& req,
                                                                               const Caller& c) {
                    const std::string id = req.matches[1];
                    auto body = ParseJsonObject(req.body, {"reason"});
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    auto reason = StringField(*body, "reason", "why the file is erased (no_longer_needed, "
                                                               "unlawfully_processed)");
                    if (!reason.ok()) return ProblemFromStatus(reason.status(), req.path);
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:" + id, "erase", 200,
                                                        [&](cases::ResponsibilityFileStore& s) {
                                                          return s.Erase(id, *reason);
                                                        });
                  }});
  // AMMR Art. 28: join another file's family ({"with": id}) or leave it.
  defs.push_back({find("POST", "/v1/responsibility-files/{id}/family"), [impl](const httplib::Request& req,
                                                                                const Caller& c) {
                    const std::string id = req.matches[1];
                    auto body = ParseJsonObject(req.body, {"with"});
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    auto with = StringField(*body, "with", "the open file whose family this file joins");
                    if (!with.ok()) return ProblemFromStatus(with.status(), req.path);
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:" + id, "join family", 200,
                                                        [&](cases::ResponsibilityFileStore& s) {
                                                          return s.JoinFamily(id, *with);
                                                        });
                  }});
  defs.push_back({find("DELETE", "/v1/responsibility-files/{id}/family"), [impl](const httplib::Request& req,
                                                                                  const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->ResponsibilityFileCall(req, c, "responsibility_file:" + id, "leave family", 200,
                                                        [&](cases::ResponsibilityFileStore& s) {
                                                          return s.LeaveFamily(id);
                                                        });
                  }});
  // APR Art. 72(1): a file erased as soon as the person is known to have become a citizen.
  defs.push_back({find("POST", "/v1/border-procedures/{id}/erase"), [impl](const httplib::Request& req,
                                                                            const Caller& c) {
                    const std::string id = req.matches[1];
                    auto body = ParseJsonObject(req.body, {"reason"});
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    auto reason = StringField(*body, "reason", "why the file is erased before its time");
                    if (!reason.ok()) return ProblemFromStatus(reason.status(), req.path);
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure, "border_procedure:" + id,
                                                     "erase", "border procedure", 200,
                                                     [&](cases::BorderProcedureStore& s) { return s.Erase(id, *reason); });
                  }});
  // A screening file read by the monitoring mechanism (Art. 10(2)), under its own right.
  defs.push_back({find("GET", "/v1/monitoring/screening/{id}"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->ScreeningCall(req, c, auth::Action::kScreeningMonitor, "screening:" + id, "show",
                                               "fundamental-rights monitoring", 200,
                                               [&](cases::ScreeningStore& s) { return s.Show(id); });
                  }});
  // Screening (Regulation (EU) 2024/1356) by border guards: the CLI's `screening` commands.
  defs.push_back({find("POST", "/v1/screenings"), [impl](const httplib::Request& req, const Caller& c) {
                    auto parsed =
                        BodyObject(req, {"member_state", "location", "event_date", "held_over_72h", "held_until"});
                    if (!parsed.ok()) return ProblemFromStatus(parsed.status(), req.path);
                    const json& body = *parsed;
                    rules::ScreeningStart start;
                    auto member_state = StringField(body, "member_state", "the Member State (alpha-3)");
                    if (!member_state.ok()) return ProblemFromStatus(member_state.status(), req.path);
                    start.member_state = *member_state;
                    auto location = StringField(body, "location", "external_border or in_territory");
                    if (!location.ok()) return ProblemFromStatus(location.status(), req.path);
                    start.location = *location;
                    auto event = StringField(body, "event_date", "a date YYYY-MM-DD");
                    if (!event.ok()) return ProblemFromStatus(event.status(), req.path);
                    auto event_date = Date::Parse(*event, "event_date");
                    if (!event_date.ok()) return ProblemFromStatus(event_date.status(), req.path);
                    start.event_date = *event_date;
                    if (body.contains("held_over_72h")) {
                      if (!body["held_over_72h"].is_boolean()) return Problem(422, "must be true or false", req.path, "held_over_72h");
                      start.held_over_72h = body["held_over_72h"].get<bool>();
                    }
                    auto until = OptionalDateMember(body, "held_until");
                    if (!until.ok()) return ProblemFromStatus(until.status(), req.path);
                    start.held_until = *until;
                    return impl->ScreeningCall(req, c, auth::Action::kScreening, "screening:new", "start", "screening", 201,
                                               [&](cases::ScreeningStore& s) { return s.Start(start, c.token.name); });
                  }});
  defs.push_back({find("GET", "/v1/screenings"), [impl](const httplib::Request& req, const Caller& c) {
                    auto q = WorkListQueryOf(req);
                    if (!q.ok()) return ProblemFromStatus(q.status(), req.path);
                    return impl->ScreeningCall(req, c, auth::Action::kScreening, "screening:list:" + q->member_state,
                                               "list", "screening", 200, [&](cases::ScreeningStore& s) {
                                                 return s.ListOpen(q->member_state, q->today, q->due_by, q->limit);
                                               });
                  }});
  defs.push_back({find("GET", "/v1/screenings/{id}"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->ScreeningCall(req, c, auth::Action::kScreening, "screening:" + id, "show", "screening", 200,
                                               [&](cases::ScreeningStore& s) { return s.Show(id); });
                  }});
  defs.push_back({find("POST", "/v1/screenings/{id}/record"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    auto parsed = BodyObject(req, {"check", "outcome", "on", "form"});
                    if (!parsed.ok()) return ProblemFromStatus(parsed.status(), req.path);
                    const json& body = *parsed;
                    auto check = OptionalStringMember(body, "check");
                    if (!check.ok()) return ProblemFromStatus(check.status(), req.path);
                    auto outcome = OptionalStringMember(body, "outcome");
                    if (!outcome.ok()) return ProblemFromStatus(outcome.status(), req.path);
                    auto on = OptionalDateMember(body, "on");
                    if (!on.ok()) return ProblemFromStatus(on.status(), req.path);
                    std::string form;
                    if (body.contains("form")) {
                      if (!body["form"].is_object()) {
                        return Problem(422, "must be an object of screening-form items", req.path, "form");
                      }
                      form = body["form"].dump();
                    }
                    return impl->ScreeningCall(req, c, auth::Action::kScreening, "screening:" + id, "record", "screening",
                                               200, [&](cases::ScreeningStore& s) {
                                                 return s.Record(id, *check, *outcome, form, *on);
                                               });
                  }});
  defs.push_back({find("POST", "/v1/screenings/{id}/close"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    auto ending = EndingBody(req, "referral", "the referral (Art. 18)");
                    if (!ending.ok()) return ProblemFromStatus(ending.status(), req.path);
                    return impl->ScreeningCall(req, c, auth::Action::kScreening, "screening:" + id, "close", "screening",
                                               200, [&](cases::ScreeningStore& s) {
                                                 return s.Close(id, ending->value, ending->on);
                                               });
                  }});
  // A decision of the rules engine: computed outside the store lock; only the audit entry needs it.
  auto decision_route = [impl](std::string action, std::string default_purpose, rules::DecisionKind kind) {
    return [impl, action, default_purpose, kind](const httplib::Request& req, const Caller& c) {
      auto at = DateParam(req, "at");
      if (!at.ok()) return ProblemFromStatus(at.status(), req.path);
      auto purpose = PurposeOf(req, default_purpose);
      if (!purpose.ok()) return ProblemFromStatus(purpose.status(), req.path);
      Result<std::string> answer = rules::DecideDocument(kind, req.body, *impl->rules, *at);
      // The audit names the case by a hash of its document, never by its content.
      const std::string object = "case:b2:" + crypto::Blake2b256Hex(req.body).substr(0, 16);
      {
        // The case was processed: without its audit entry the answer is withheld.
        std::lock_guard<std::mutex> lock(impl->store_mu);
        const Status audited =
            impl->audit
                ->Append({c.token.name, std::string(auth::RoleName(c.token.role)), action, object, *purpose,
                          answer.ok() ? "ok" : StatusCodeName(answer.status().code())})
                .status();
        if (!audited.ok()) {
          return Problem(503, "not answered: the audit entry could not be written (" + audited.message() + ")", req.path);
        }
      }
      if (!answer.ok()) {
        Status st = answer.status();
        // A case the engine cannot decide without guessing is bad input for the caller.
        if (st.code() == StatusCode::kFailedPrecondition) st = Status::InvalidArgument(st.message(), st.field());
        return ProblemFromStatus(st, req.path);
      }
      return Reply{200, std::move(*answer)};
    };
  };
  defs.push_back({find("POST", "/v1/decisions/procedure"),
                  decision_route("decide.procedure", "procedure decision", rules::DecisionKind::kProcedure)});
  auto responsibility =
      decision_route("decide.responsibility", "responsibility decision", rules::DecisionKind::kResponsibility);
  defs.push_back({find("POST", "/v1/decisions/responsibility"), [impl, responsibility](const httplib::Request& req,
                                                                                       const Caller& c) {
                    if (!req.has_param("record")) return responsibility(req, c);
                    // ?record=ID: the case with the Eurodac hits of the applicant's registry record. Reading
                    // the record is a registry read, so the caller needs that right too, and it is audited
                    // as one (the record named), under the registry's locks.
                    const std::string id = req.get_param_value("record");
                    if (!auth::Allowed(c.token.role, auth::Action::kRegistryRead)) {
                      return Problem(403, "role '" + std::string(auth::RoleName(c.token.role)) +
                                              "' may not read the registry (registry.read), which ?record needs",
                                     req.path);
                    }
                    auto at = DateParam(req, "at");
                    if (!at.ok()) return ProblemFromStatus(at.status(), req.path);
                    auto parsed = rules::ParseResponsibilityCase(req.body, impl->rules->countries);
                    if (!parsed.ok()) return ProblemFromStatus(parsed.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryRead, "registry:" + id, "responsibility case",
                                              200, [&](registry::Registry& reg) -> Result<std::string> {
                                                std::string member_state;
                                                OP_ASSIGN_OR_RETURN(auto hits, reg.ResponsibilityHits(id, &member_state));
                                                OP_RETURN_IF_ERROR(rules::AddRecordHits(&*parsed, member_state,
                                                                                        std::move(hits), "record"));
                                                OP_ASSIGN_OR_RETURN(auto d, rules::DecideResponsibility(*parsed, *impl->rules, *at));
                                                return rules::ResponsibilityDecisionForRecordToJson(*parsed, d, id);
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/decisions/responsibility/family"),
                  decision_route("decide.responsibility", "family procedure decision", rules::DecisionKind::kFamilyProcedure)});
  defs.push_back({find("POST", "/v1/decisions/return-border"),
                  decision_route("decide.return_border", "return border procedure decision", rules::DecisionKind::kReturnBorder)});
  defs.push_back({find("POST", "/v1/decisions/reception"),
                  decision_route("decide.reception", "reception conditions decision", rules::DecisionKind::kReception)});
  defs.push_back({find("POST", "/v1/decisions/protection-documents"),
                  decision_route("decide.protection_documents", "protection documents decision",
                                 rules::DecisionKind::kProtectionDocuments)});
  defs.push_back({find("POST", "/v1/decisions/admission"),
                  decision_route("decide.admission", "admission procedure decision", rules::DecisionKind::kAdmission)});
  defs.push_back({find("POST", "/v1/decisions/relocation"),
                  decision_route("decide.relocation", "relocation procedure decision", rules::DecisionKind::kRelocation)});
  defs.push_back({find("POST", "/v1/decisions/temporary-protection"),
                  decision_route("decide.temporary_protection", "temporary protection decision",
                                 rules::DecisionKind::kTemporaryProtection)});
  defs.push_back({find("POST", "/v1/decisions/return"),
                  decision_route("decide.return", "return decision", rules::DecisionKind::kReturn)});
  // The Eurodac registry (registry/registry.h; ../shared/spec/registry-documents.md).
  auto compare = [impl](bool store_it) {
    return [impl, store_it](const httplib::Request& req, const Caller& c) {
      // Parsed outside the store lock; a document refused here was not processed (not audited).
      auto record = registry::ParseRecord(req.body, *impl->rules);
      if (!record.ok()) return ProblemFromStatus(record.status(), req.path);
      const registry::Record& r = *record;
      const Date today = LocalDate(Timestamp::Now(), r.member_state);
      // The search first, beside other requests: it holds only a shared lock of the index (not
      // the store, not other searches). Enrol then takes it if nothing changed meanwhile, and
      // searches again if something did. Only a caller the role matrix allows gets here
      // (Dispatch); a refusal (another Member State's data, a child under six) searches nothing.
      const auto ahead = impl->SearchAhead(
          c, [&](registry::Registry& reg) { return reg.PrecomputeComparison(r, today, HardwareThreads()); });
      bool stored = false;
      Reply reply = impl->RegistryCall(
          req, c, store_it ? auth::Action::kRegistryEnrol : auth::Action::kRegistrySearch,
          "registry:" + r.member_state + "/" + r.reference, registry::TransmissionOperation(r, store_it), 200,
          [&](registry::Registry& reg) {
            auto out = reg.Enrol(r, store_it, today, c.token.name, HardwareThreads(), ahead.get());
            // Created (201) when a new dataset is stored; a retransmission replaces one (200).
            if (out.ok()) {
              const json a = json::parse(*out);
              stored = a["stored"].get<bool>() && !a.value("retransmission", false);
            }
            return out;
          });
      if (stored) reply.status = 201;
      return reply;
    };
  };
  defs.push_back({find("POST", "/v1/registry/records"), compare(true)});
  defs.push_back({find("POST", "/v1/registry/search"), compare(false)});
  defs.push_back({find("GET", "/v1/registry/records"), [impl](const httplib::Request& req, const Caller& c) {
                    // ?member_state=MS&reference=REF: the record a Member State stored under its reference.
                    if (!req.has_param("member_state")) return Problem(422, "required", req.path, "member_state");
                    if (!req.has_param("reference")) return Problem(422, "required", req.path, "reference");
                    const std::string ms = req.get_param_value("member_state"), ref = req.get_param_value("reference");
                    return impl->RegistryCall(req, c, auth::Action::kRegistryRead, "registry:" + ms + "/" + ref, "show", 200,
                                              [&](registry::Registry& reg) { return reg.ShowByReference(ms, ref); },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("GET", "/v1/registry/records/{id}"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->RegistryCall(req, c, auth::Action::kRegistryRead, "registry:" + id, "show", 200,
                                              [&](registry::Registry& reg) { return reg.Show(id); }, Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("DELETE", "/v1/registry/records/{id}"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    if (!req.has_param("reason")) {
                      return Problem(422, "required: citizenship_acquired, inaccurate or unlawfully_recorded", req.path, "reason");
                    }
                    auto reason = registry::ParseErasureReason(req.get_param_value("reason"), "reason");
                    if (!reason.ok()) return ProblemFromStatus(reason.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryErase, "registry:" + id, "erase", 200,
                                              [&](registry::Registry& reg) { return reg.Erase(id, *reason); });
                  }});
  defs.push_back({find("POST", "/v1/registry/records/{id}/status"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->RegistryCall(req, c, auth::Action::kRegistryEnrol, "registry:" + id, "update", 200,
                                              [&](registry::Registry& reg) {
                                                return reg.UpdateStatus(id, req.body);
                                              });
                  }});
  defs.push_back({find("POST", "/v1/registry/records/{id}/rectify"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->RegistryCall(req, c, auth::Action::kRegistryEnrol, "registry:" + id, "rectify", 200,
                                              [&](registry::Registry& reg) { return reg.Rectify(id, req.body); },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/registry/records/{id}/report"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    // Art. 40(5): the reason and the evidence.
                    auto body = ChoiceBody(req, "reason", {"inaccurate", "unlawfully_recorded"}, "note");
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryEnrol, "registry:" + id, "report", 200,
                                              [&](registry::Registry& reg) {
                                                return reg.ReportInaccuracy(id, body->choice == "unlawfully_recorded",
                                                                            body->text);
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/registry/records/{id}/return-transfers"),
                  [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->RegistryCall(req, c, auth::Action::kRegistryEnrol, "registry:" + id, "return transfer request",
                                              201,
                                              [&](registry::Registry& reg) {
                                                return reg.RequestReturnTransfer(id, req.body, c.token.name);
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/registry/return-transfers/{id}/decision"),
                  [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    // Art. 50(1): the Member State of origin's answer and why.
                    auto body = ChoiceBody(req, "decision", {"agreed", "refused"}, "reason");
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryEnrol, "registry-transfer:" + id,
                                              "return transfer decision", 200,
                                              [&](registry::Registry& reg) {
                                                return reg.DecideReturnTransfer(id, body->choice == "agreed", body->text,
                                                                                c.token.name);
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/registry/records/{id}/verify"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    auto body = ParseBoundedJson(req.body, "body");
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    auto hit = StringField(*body, "hit", "the id of the record hit");
                    if (!hit.ok()) return ProblemFromStatus(hit.status(), req.path);
                    auto result = StringField(*body, "result", "confirmed or rejected");
                    if (result.ok() && *result != "confirmed" && *result != "rejected") {
                      result = Status::InvalidArgument("must be confirmed or rejected", "result");
                    }
                    if (!result.ok()) return ProblemFromStatus(result.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryEnrol, "registry:" + id, "verify", 200,
                                              [&](registry::Registry& reg) {
                                                return reg.VerifyHit(id, *hit, *result == "confirmed");
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/registry/records/{id}/mark"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    auto body = ParseBoundedJson(req.body, "body");
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    auto text = StringField(*body, "mark", "international_protection or residence_document");
                    if (!text.ok()) return ProblemFromStatus(text.status(), req.path);
                    auto mark = registry::ParseMark(*text, "mark");
                    if (!mark.ok()) return ProblemFromStatus(mark.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryMark, "registry:" + id, "mark", 200,
                                              [&](registry::Registry& reg) { return reg.MarkRecord(id, *mark); });
                  }});
  defs.push_back({find("DELETE", "/v1/registry/records/{id}/mark"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->RegistryCall(req, c, auth::Action::kRegistryMark, "registry:" + id, "unmark", 200,
                                              [&](registry::Registry& reg) { return reg.Unmark(id); });
                  }});
  defs.push_back({find("POST", "/v1/registry/expire"), [impl](const httplib::Request& req, const Caller& c) {
                    const Date today = Date::Today();  // UTC: never early where the local date is ahead
                    auto given = DateParam(req, "at");
                    if (!given.ok()) return ProblemFromStatus(given.status(), req.path);
                    const Date at = given->value_or(today);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryErase,
                                              "registry:expired-before-" + at.ToString(), "expire", 200,
                                              [&](registry::Registry& reg) -> Result<std::string> {
                                                auto out = reg.Expire(at, today);
                                                if (!out.ok()) return AsQueryField(out.status());
                                                return out;
                                              });
                  }});
  defs.push_back({find("GET", "/v1/registry/stats"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string month = req.has_param("month") ? req.get_param_value("month") : "";
                    const std::string year = req.has_param("year") ? req.get_param_value("year") : "";
                    return impl->RegistryCall(req, c, auth::Action::kRegistryStats, "registry", "stats", 200,
                                              [&](registry::Registry& reg) -> Result<std::string> {
                                                auto out = reg.Stats(month, year);
                                                if (!out.ok()) return AsQueryField(out.status());
                                                return out;
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("GET", "/v1/registry/notifications"), [impl](const httplib::Request& req, const Caller& c) {
                    // ?member_state=MS (a central operator's choice), ?all=true (acknowledged ones too).
                    const std::string ms = req.has_param("member_state") ? req.get_param_value("member_state") : "";
                    const std::string all = req.has_param("all") ? req.get_param_value("all") : "false";
                    if (all != "true" && all != "false") return Problem(422, "must be true or false", req.path, "all");
                    const auto page = ReadPageParams(req, registry::Registry::kMaxNotificationsListed);
                    if (!page.ok()) return ProblemFromStatus(page.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryRead, "registry:notifications", "notifications", 200,
                                              [&](registry::Registry& reg) {
                                                return reg.Notifications(all == "true", ms, page->after, page->limit);
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/registry/notifications/{id}/acknowledge"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->RegistryCall(req, c, auth::Action::kRegistryEnrol, "registry:" + id, "acknowledge", 200,
                                              [&](registry::Registry& reg) {
                                                return reg.AcknowledgeNotification(id, c.token.name);
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/registry/subject-access"), [impl](const httplib::Request& req, const Caller& c) {
                    // The comparison with every stored dataset first, beside other requests (a shared lock
                    // of the index, not the store), as an enrolment's; SubjectAccess uses it if nothing
                    // changed meanwhile. Only a caller the matrix allows gets here (Dispatch).
                    const auto ahead = impl->SearchAhead(c, [&](registry::Registry& reg) {
                      return reg.PrecomputeSubjectAccess(req.body, HardwareThreads());
                    });
                    return impl->RegistryCall(req, c, auth::Action::kRegistrySubjectAccess, "registry:subject-access",
                                              "subject_access", 200, [&](registry::Registry& reg) {
                                                return reg.SubjectAccess(req.body, c.token.name, std::nullopt,
                                                                         HardwareThreads(), ahead.get());
                                              });
                  }});
  defs.push_back({find("POST", "/v1/registry/temporary-protection/extend"), [impl](const httplib::Request& req, const Caller& c) {
                    auto body = ParseBoundedJson(req.body, "body");
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    auto decision = StringField(*body, "decision", "the implementing decision's reference");
                    if (!decision.ok()) return ProblemFromStatus(decision.status(), req.path);
                    auto until = StringField(*body, "protection_until", "YYYY-MM-DD");
                    if (!until.ok()) return ProblemFromStatus(until.status(), req.path);
                    auto date = Date::Parse(*until, "protection_until");
                    if (!date.ok()) return ProblemFromStatus(date.status(), req.path);
                    auto basis = StringField(*body, "basis", "what extended the protection");
                    if (!basis.ok()) return ProblemFromStatus(basis.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kRegistryErase,
                                              "registry:temporary-protection/" + *decision, "extend", 200,
                                              [&](registry::Registry& reg) {
                                                return reg.ExtendTemporaryProtection(*decision, *date, *basis);
                                              });
                  }});
  // Comparisons for law enforcement (Eurodac Chapter XI): the designated authority's request and
  // result, the verifying authority's queue and check; each audited like the registry's.
  defs.push_back({find("POST", "/v1/law-enforcement/requests"), [impl](const httplib::Request& req, const Caller& c) {
                    return impl->RegistryCall(req, c, auth::Action::kLawEnforcementSearch, "law-enforcement:request",
                                              "request", 201, [&](registry::Registry& reg) {
                                                return reg.SubmitLawEnforcementRequest(req.body, c.token.name,
                                                                                       HardwareThreads());
                                              });
                  }});
  defs.push_back({find("GET", "/v1/law-enforcement/requests/{id}"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->RegistryCall(req, c, auth::Action::kLawEnforcementSearch, "law-enforcement:" + id, "show",
                                              200, [&](registry::Registry& reg) { return reg.ShowLawEnforcementRequest(id); },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("GET", "/v1/law-enforcement/requests"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string all = req.has_param("all") ? req.get_param_value("all") : "false";
                    if (all != "true" && all != "false") return Problem(422, "must be true or false", req.path, "all");
                    const auto page = ReadPageParams(req, registry::Registry::kLawEnforcementQueuePage);
                    if (!page.ok()) return ProblemFromStatus(page.status(), req.path);
                    return impl->RegistryCall(req, c, auth::Action::kLawEnforcementVerify, "law-enforcement:queue", "queue",
                                              200, [&](registry::Registry& reg) {
                                                return reg.LawEnforcementQueue(all == "true", page->after, page->limit);
                                              },
                                              Impl::IndexUse::kNone);
                  }});
  defs.push_back({find("POST", "/v1/law-enforcement/requests/{id}/verify"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    auto body = ParseBoundedJson(req.body, "body");
                    if (!body.ok()) return ProblemFromStatus(body.status(), req.path);
                    if (!body->is_object() || !body->contains("conditions_met") || !(*body)["conditions_met"].is_boolean()) {
                      return Problem(422, "required: true or false (are all the conditions of Art. 33(1) met?)", req.path,
                                     "conditions_met");
                    }
                    auto reasons = StringField(*body, "reasons", "why (documented with the request)");
                    if (!reasons.ok()) return ProblemFromStatus(reasons.status(), req.path);
                    const bool met = (*body)["conditions_met"].get<bool>();
                    // Only a verification that compares searches, and it searches ahead (CompareAhead).
                    const auto ahead = met ? impl->CompareAhead(c, id) : nullptr;
                    return impl->RegistryCall(req, c, auth::Action::kLawEnforcementVerify, "law-enforcement:" + id, "verify",
                                              200, [&](registry::Registry& reg) {
                                                return reg.VerifyLawEnforcementRequest(id, met, *reasons, c.token.name,
                                                                                       HardwareThreads(), ahead.get());
                                              });
                  }});
  defs.push_back({find("POST", "/v1/law-enforcement/requests/{id}/forward"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string id = req.matches[1];
                    const auto ahead = impl->CompareAhead(c, id);
                    return impl->RegistryCall(req, c, auth::Action::kLawEnforcementVerify, "law-enforcement:" + id, "forward",
                                              200, [&](registry::Registry& reg) {
                                                return reg.ForwardUrgentLawEnforcementRequest(id, c.token.name,
                                                                                              HardwareThreads(), ahead.get());
                                              });
                  }});
  // Planning on published figures (no personal data; not audited): what `solidarity report`,
  // `capacity report`, `stats routes` and `stats low-recognition` print with --json. The data are
  // loaded once, at start, and only read.
  defs.push_back({find("GET", "/v1/planning/solidarity"), [impl](const httplib::Request& req, const Caller&) {
                    solidarity::SolidarityOptions opts;
                    const auto year = IntParam(req, "year", opts.year, 1, 9999);
                    if (!year) return Problem(422, "must be a year, e.g. 2026", req.path, "year");
                    opts.year = static_cast<int>(*year);
                    if (req.has_param("eur_per_relocation")) {
                      const std::string text = req.get_param_value("eur_per_relocation");
                      double v = 0;
                      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
                      if (ec != std::errc() || end != text.data() + text.size() || !(v > 0) || !std::isfinite(v)) {
                        return Problem(422, "must be a positive amount in euro", req.path, "eur_per_relocation");
                      }
                      opts.eur_per_relocation = v;
                    }
                    auto r = solidarity::ComputeSolidarity(*impl->reference, *impl->rules, opts);
                    if (!r.ok()) return ProblemFromStatus(AsQueryField(r.status()), req.path);
                    return Reply{200, solidarity::SolidarityToJson(*r)};
                  }});
  // A planning report asked by POST: its options from the body, computed on the figures loaded at
  // start, nothing stored; the module's option names ("--year") answered as the body's ("year").
  const auto planning_post = [impl](auto request, auto compute, auto to_json) {
    return [impl, request, compute, to_json](const httplib::Request& req, const Caller&) {
      auto options = request(req.body);
      if (!options.ok()) return ProblemFromStatus(options.status(), req.path);
      auto r = compute(*impl->reference, *impl->rules, *options);
      if (!r.ok()) return ProblemFromStatus(AsQueryField(r.status()), req.path);
      return Reply{200, to_json(*r)};
    };
  };
  defs.push_back({find("POST", "/v1/planning/solidarity"),
                  planning_post(solidarity::SolidarityOptionsFromJson, solidarity::ComputeSolidarity,
                                solidarity::SolidarityToJson)});
  defs.push_back({find("POST", "/v1/planning/crisis-offsets"),
                  planning_post(solidarity::CrisisOffsetOptionsFromJson, solidarity::ComputeCrisisOffsets,
                                solidarity::CrisisOffsetsToJson)});
  defs.push_back({find("POST", "/v1/planning/offset-request"),
                  planning_post(solidarity::OffsetRequestOptionsFromJson, solidarity::ComputeOffsetRequest,
                                solidarity::OffsetRequestToJson)});
  defs.push_back({find("GET", "/v1/planning/capacity"), [impl](const httplib::Request& req, const Caller&) {
                    auto given = DateParam(req, "at");
                    if (!given.ok()) return ProblemFromStatus(given.status(), req.path);
                    const Date at = given->value_or(*Date::Parse("2026-06-12"));  // as the CLI: the day the Pact applies
                    auto r = solidarity::ComputeCapacity(*impl->reference, *impl->rules, at);
                    if (!r.ok()) {
                      const Status& st = r.status();
                      return ProblemFromStatus(st.code() == StatusCode::kFailedPrecondition ? Status::InvalidArgument(st.message(), "at")
                                                                                           : st,
                                               req.path);
                    }
                    return Reply{200, solidarity::CapacityToJson(*r)};
                  }});
  defs.push_back({find("GET", "/v1/planning/routes"), [impl](const httplib::Request& req, const Caller&) {
                    if (!req.has_param("from")) return Problem(422, "required: the first month, YYYY-MM", req.path, "from");
                    if (!req.has_param("to")) return Problem(422, "required: the last month, YYYY-MM", req.path, "to");
                    auto from = stats::Month::Parse(req.get_param_value("from"), "from");
                    if (!from.ok()) return ProblemFromStatus(from.status(), req.path);
                    auto to = stats::Month::Parse(req.get_param_value("to"), "to");
                    if (!to.ok()) return ProblemFromStatus(to.status(), req.path);
                    auto r = stats::ComputeRoutes(impl->data_dir, *from, *to);
                    if (!r.ok()) return ProblemFromStatus(AsQueryField(r.status()), req.path);
                    return Reply{200, stats::RoutesToJson(*r)};
                  }});
  defs.push_back({find("GET", "/v1/planning/low-recognition"), [impl](const httplib::Request& req, const Caller&) {
                    if (!req.has_param("year")) return Problem(422, "required: the reference year", req.path, "year");
                    const auto year = IntParam(req, "year", 0, 1, 9999);
                    if (!year) return Problem(422, "must be a year, e.g. 2024", req.path, "year");
                    return Reply{200, stats::LowRecognitionToJson(stats::ComputeLowRecognition(*impl->rules, static_cast<int>(*year)))};
                  }});
  defs.push_back({find("GET", "/v1/planning/indicators"), [impl](const httplib::Request& req, const Caller&) {
                    if (!req.has_param("year")) return Problem(422, "required: the reference year", req.path, "year");
                    const auto year = IntParam(req, "year", 0, 1, 9999);
                    if (!year) return Problem(422, "must be a year, e.g. 2024", req.path, "year");
                    const auto top = IntParam(req, "top", 10, 1, 200);
                    if (!top) return Problem(422, "must be 1 to 200", req.path, "top");
                    auto r = stats::ComputeIndicators(impl->data_dir, *impl->rules, *impl->reference,
                                                      static_cast<int>(*year), static_cast<int>(*top));
                    if (!r.ok()) return ProblemFromStatus(AsQueryField(r.status()), req.path);
                    return Reply{200, stats::IndicatorsToJson(*r)};
                  }});
  // The return border procedure after a rejection (RBPR Art. 4): the body is a return border case.
  defs.push_back({find("POST", "/v1/border-procedures/{id}/return"), [impl](const httplib::Request& req,
                                                                             const Caller& c) {
                    const std::string id = req.matches[1];
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure, "border_procedure:" + id,
                                                     "return", "border procedure", 200,
                                                     [&](cases::BorderProcedureStore& s) {
                                                       return s.StartReturn(id, req.body);
                                                     });
                  }});
  defs.push_back({find("POST", "/v1/border-procedures/{id}/return/close"), [impl](const httplib::Request& req,
                                                                                   const Caller& c) {
                    const std::string id = req.matches[1];
                    auto ending = EndingBody(req, "outcome", "how the return border procedure ended");
                    if (!ending.ok()) return ProblemFromStatus(ending.status(), req.path);
                    return impl->BorderProcedureCall(req, c, auth::Action::kBorderProcedure, "border_procedure:" + id,
                                                     "return_close", "border procedure", 200,
                                                     [&](cases::BorderProcedureStore& s) {
                                                       return s.CloseReturn(id, ending->value, ending->on);
                                                     });
                  }});
  // How full the border procedure is (APR Arts. 47-48): counts of the stored files against the
  // Commission's adequate capacity for the State; audited, since it reads the store.
  defs.push_back({find("GET", "/v1/planning/border-procedure"), [impl](const httplib::Request& req, const Caller& c) {
                    cases::OccupancyQuery q;
                    q.member_state = req.get_param_value("member_state");
                    if (q.member_state.empty()) return Problem(422, "required (alpha-3)", req.path, "member_state");
                    auto at = DateParam(req, "at");
                    if (!at.ok()) return ProblemFromStatus(at.status(), req.path);
                    q.at = at->value_or(LocalDate(Timestamp::Now(), q.member_state));
                    if (req.has_param("return_border")) {
                      const auto n = IntParam(req, "return_border", 0, 0, 100000000);
                      if (!n) return Problem(422, "must be a whole number 0..100000000", req.path, "return_border");
                      q.others_in_return_border_procedure = *n;
                    }
                    auto capacity = solidarity::ComputeCapacity(*impl->reference, *impl->rules, q.at);
                    if (!capacity.ok()) return ProblemFromStatus(capacity.status(), req.path);
                    const solidarity::CapacityInForce counted =
                        solidarity::CapacityCountedOn(*capacity, q.member_state);
                    q.adequate_capacity = counted.capacity;
                    q.capacity_source = counted.source;
                    return impl->BorderProcedureCall(req, c, auth::Action::kPlanningRead,
                                                     "border_procedure:occupancy:" + q.member_state, "occupancy",
                                                     "planning", 200,
                                                     [&](cases::BorderProcedureStore& s) { return s.Occupancy(q); });
                  }});
  // The outgoing responsibility procedures counted (AMMR Arts. 9(3)(a)(x)-(xi), 80): counts only,
  // read from the store, so audited.
  defs.push_back({find("GET", "/v1/planning/responsibility-files"), [impl](const httplib::Request& req,
                                                                           const Caller& c) {
                    const std::string member_state = req.get_param_value("member_state");
                    if (member_state.empty()) return Problem(422, "required (alpha-3)", req.path, "member_state");
                    auto from = DateParam(req, "from");
                    if (!from.ok()) return ProblemFromStatus(from.status(), req.path);
                    auto to = DateParam(req, "to");
                    if (!to.ok()) return ProblemFromStatus(to.status(), req.path);
                    return impl->CaseCall<cases::ResponsibilityFileStore>(
                        req, c, auth::Action::kPlanningRead, "responsibility_file:report:" + member_state, "report",
                        "planning", 200,
                        [&](cases::ResponsibilityFileStore& s) { return s.Report(member_state, *from, *to); });
                  }});
  // The places of the border procedure (APR Art. 54(3)): the CLI's `border-procedure place`
  // commands; read as planning data (no personal data), changed by the determining authority.
  defs.push_back({find("POST", "/v1/border-places"), [impl](const httplib::Request& req, const Caller& c) {
                    auto parsed = BodyObject(req, {"member_state", "place", "change", "effective_on", "capacity",
                                                   "notified_on"});
                    if (!parsed.ok()) return ProblemFromStatus(parsed.status(), req.path);
                    cases::BorderPlaceChange change;
                    Status bad = [&]() -> Status {
                      OP_ASSIGN_OR_RETURN(change.member_state,
                                          StringField(*parsed, "member_state", "the Member State (alpha-3)"));
                      OP_ASSIGN_OR_RETURN(change.place, StringField(*parsed, "place", "the place's name"));
                      OP_ASSIGN_OR_RETURN(change.change,
                                          StringField(*parsed, "change", "designated, capacity or withdrawn"));
                      OP_ASSIGN_OR_RETURN(const std::optional<Date> effective, OptionalDateMember(*parsed, "effective_on"));
                      if (!effective) return Status::InvalidArgument("required: the day it takes effect", "effective_on");
                      change.effective_on = *effective;
                      OP_ASSIGN_OR_RETURN(change.capacity, OptionalIntegerMember(*parsed, "capacity"));
                      OP_ASSIGN_OR_RETURN(change.notified_on, OptionalDateMember(*parsed, "notified_on"));
                      return Status::OK();
                    }();
                    if (!bad.ok()) return ProblemFromStatus(bad, req.path);
                    return impl->CaseCall<cases::BorderPlaces>(
                        req, c, auth::Action::kBorderProcedure, "border_place:" + change.member_state, "record",
                        "border procedure", 201,
                        [&](cases::BorderPlaces& s) { return s.Record(change, c.token.name); });
                  }});
  defs.push_back({find("POST", "/v1/border-places/notified"), [impl](const httplib::Request& req, const Caller& c) {
                    auto parsed = BodyObject(req, {"member_state", "place", "effective_on", "notified_on"});
                    if (!parsed.ok()) return ProblemFromStatus(parsed.status(), req.path);
                    std::string member_state, place;
                    Date effective_on, notified_on;
                    Status bad = [&]() -> Status {
                      OP_ASSIGN_OR_RETURN(member_state, StringField(*parsed, "member_state", "the Member State (alpha-3)"));
                      OP_ASSIGN_OR_RETURN(place, StringField(*parsed, "place", "the place's name"));
                      for (auto [key, out] : {std::pair{"effective_on", &effective_on}, {"notified_on", &notified_on}}) {
                        OP_ASSIGN_OR_RETURN(const std::optional<Date> day, OptionalDateMember(*parsed, key));
                        if (!day) return Status::InvalidArgument("required: a date YYYY-MM-DD", key);
                        *out = *day;
                      }
                      return Status::OK();
                    }();
                    if (!bad.ok()) return ProblemFromStatus(bad, req.path);
                    return impl->CaseCall<cases::BorderPlaces>(
                        req, c, auth::Action::kBorderProcedure, "border_place:" + member_state, "notified",
                        "border procedure", 200, [&](cases::BorderPlaces& s) {
                          return s.RecordNotified(member_state, place, effective_on, notified_on);
                        });
                  }});
  defs.push_back({find("GET", "/v1/border-places"), [impl](const httplib::Request& req, const Caller& c) {
                    const std::string member_state = req.get_param_value("member_state");
                    if (member_state.empty()) return Problem(422, "required (alpha-3)", req.path, "member_state");
                    auto at = DateParam(req, "at");
                    if (!at.ok()) return ProblemFromStatus(at.status(), req.path);
                    const Date day = at->value_or(LocalDate(Timestamp::Now(), member_state));
                    return impl->CaseCall<cases::BorderPlaces>(
                        req, c, auth::Action::kPlanningRead, "border_place:" + member_state, "list", "planning", 200,
                        [&](cases::BorderPlaces& s) { return s.List(member_state, day); });
                  }});
  for (const RouteDef& d : defs) s.Register(d);

  s.http.Get("/healthz", [impl](const httplib::Request& req, httplib::Response& res) {
    const auto t0 = std::chrono::steady_clock::now();
    Status st;
    {
      std::lock_guard<std::mutex> lock(impl->store_mu);
      st = impl->store->Query("SELECT 1", {}).status();
    }
    if (st.ok()) {
      res.status = 200;
      res.set_content(R"({"status":"ok"})", "application/json");
    } else {
      Reply r = Problem(503, "the store does not answer: " + st.message(), req.path);
      res.status = r.status;
      res.set_content(r.body, r.content_type);
    }
    impl->metrics.ObserveRequest(
        "GET", "/healthz", res.status,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  });
  // The API's description (api/openapi.h): open, like /healthz; it holds no data.
  s.http.Get("/v1/openapi.json", [impl, document = OpenApiDocument(Version())](const httplib::Request&, httplib::Response& res) {
    const auto t0 = std::chrono::steady_clock::now();
    res.status = 200;
    res.set_content(document, "application/json");
    impl->metrics.ObserveRequest("GET", "/v1/openapi.json", res.status,
                                 std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  });
  // The case documents' JSON Schemas (docs/schemas/, api/web.h): open like the API's description,
  // which points to them; they hold no data.
  s.http.Get(R"(/v1/schemas/([^/]+))", [impl](const httplib::Request& req, httplib::Response& res) {
    std::string known;
    for (const WebAsset& asset : SchemaAssets()) {
      if (req.path == asset.path) {
        res.status = 200;
        res.set_header("X-Content-Type-Options", "nosniff");
        res.set_header("Cache-Control", "no-cache");
        res.set_content(std::string(asset.body), asset.content_type);
        impl->metrics.ObserveRequest("GET", "/v1/schemas/{name}", res.status, 0.0);
        return;
      }
      known += (known.empty() ? "" : ", ") + std::string(asset.path).substr(std::string_view("/v1/schemas/").size());
    }
    Reply r = Problem(404, "no schema named '" + std::string(req.matches[1]) + "'; the schemas are " + known, req.path,
                      "name");
    res.status = r.status;
    res.set_content(r.body, r.content_type);
    impl->metrics.ObserveRequest("GET", "/v1/schemas/{name}", res.status, 0.0);
  });
  // The dashboard (web/, api/web.h): a client of this API that holds no data of its own. Its
  // policy lets the page load only its own script and style and talk only to this server, so an
  // injected string can neither run nor send a token elsewhere.
  for (const WebAsset& asset : WebAssets()) {
    std::string pattern;
    for (const char c : std::string_view(asset.path)) pattern += c == '.' ? std::string("\\.") : std::string(1, c);
    s.http.Get(pattern, [impl, asset](const httplib::Request&, httplib::Response& res) {
      res.status = 200;
      res.set_header("Content-Security-Policy",
                     "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                     "base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("Cache-Control", "no-cache");
      res.set_content(std::string(asset.body), asset.content_type);
      impl->metrics.ObserveRequest("GET", asset.path, res.status, 0.0);  // a constant body: no time to speak of
    });
  }
  s.http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a handler already wrote a problem document
    Reply r = Problem(res.status, TransportErrorDetail(res.status, req), req.path);
    res.set_content(r.body, r.content_type);
  });
  s.http.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                  std::exception_ptr) {
    Reply r = Problem(500, "internal error", req.path);
    res.status = 500;
    res.set_content(r.body, r.content_type);
  });
  s.http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    // Routed requests are logged with their caller by Register's handler; log the rest here.
    const bool open_route = req.path == "/healthz" || req.path == "/v1/openapi.json" ||
                            req.path.rfind("/v1/schemas/", 0) == 0 ||
                            std::any_of(WebAssets().begin(), WebAssets().end(),
                                        [&](const WebAsset& a) { return req.path == a.path; });
    if (res.status == 404 || open_route) {
      spdlog::info("{} {} {} {}", req.remote_addr, ForLog(req.method), ForLog(req.path), res.status);
    }
  });
  s.http.set_tcp_nodelay(true);                 // 40 ms delayed-ACK stalls otherwise
  s.http.set_payload_max_length(kMaxBodyBytes);     // larger bodies get 413
  return server;
}

Reply Server::Impl::RegistryCall(const httplib::Request& req, const Caller& c, auth::Action action,
                                 const std::string& object, const char* what, int ok_status,
                                 const std::function<Result<std::string>(registry::Registry&)>& fn,
                                 IndexUse index_use) {
  auto purpose = PurposeOf(req, std::string("registry ") + what);
  if (!purpose.ok()) return ProblemFromStatus(purpose.status(), req.path);
  std::unique_lock<WriterPreferringSharedMutex> index_lock(index_mu, std::defer_lock);
  if (index_use == IndexUse::kExclusive) index_lock.lock();
  std::lock_guard<std::mutex> lock(store_mu);
  // Without the index: were such an operation ever to change a record after all, the change would
  // still bump the store's registry generation, and the next comparison would reload the index.
  registry::Registry reg = RegistryFor(c, index_use == IndexUse::kExclusive);
  Result<std::string> out = std::string();
  bool refusal_not_audited = false;
  const Status done = audit->RunAudited(
      {c.token.name, std::string(auth::RoleName(c.token.role)), std::string(auth::ActionName(action)), object, *purpose,
       what},
      [&] {
        out = fn(reg);
        return out.status();
      },
      &refusal_not_audited);
  if (refusal_not_audited) spdlog::error("a refused registry request could not be audited: {}", ForLog(req.path));
  if (!done.ok()) return ProblemFromStatus(done, req.path);
  reg.Committed();  // the change and its entry are stored: the index takes the change
  return Reply{ok_status, *out};
}

void Server::Impl::Register(const RouteDef& def) {
  auto handler = [this, def](const httplib::Request& req, httplib::Response& res) {
    const auto t0 = std::chrono::steady_clock::now();
    std::string who = "-";
    Reply r = Dispatch(def, req, &who);
    res.status = r.status;
    res.set_content(r.body, r.content_type);
    if (r.status == 401) res.set_header("WWW-Authenticate", "Bearer");
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    metrics.ObserveRequest(def.info.method, def.info.path, r.status, seconds);
    spdlog::info("{} {} {} {} {:.1f}ms {}", req.remote_addr, ForLog(req.method), ForLog(req.path), r.status,
                 seconds * 1000, ForLog(who));
  };
  // A {id} segment of the documented path is a record id here (req.matches[1]).
  std::string pattern = def.info.path;
  if (const size_t at = pattern.find("{id}"); at != std::string::npos) pattern.replace(at, 4, "([A-Za-z0-9_-]{1,64})");
  if (def.info.method == "GET") {
    http.Get(pattern, handler);
  } else if (def.info.method == "POST") {
    http.Post(pattern, handler);
  } else if (def.info.method == "DELETE") {
    http.Delete(pattern, handler);
  }
}

Reply Server::Impl::Dispatch(const RouteDef& def, const httplib::Request& req, std::string* who_out) {
  const std::string header = req.get_header_value("Authorization");
  auto bearer = auth::BearerToken(header);
  if (!bearer) return Problem(401, "missing bearer token (Authorization: Bearer opk_...)", req.path);
  Result<auth::TokenInfo> who = Status::Unauthenticated("unchecked");
  {
    std::lock_guard<std::mutex> lock(store_mu);
    auth::TokenStore tokens(store.get());
    who = tokens.Authenticate(*bearer);
  }
  if (!who.ok()) {
    if (who.status().code() != StatusCode::kUnauthenticated) {
      return ProblemFromStatus(who.status(), req.path);
    }
    return Problem(401, who.status().message(), req.path);
  }
  *who_out = who->name + "/" + std::string(auth::RoleName(who->role));
  if (!auth::Allowed(who->role, def.info.action)) {
    AuditDenied(*who, def.info, req.path);
    return Problem(403,
                   "role '" + std::string(auth::RoleName(who->role)) + "' may not " +
                       std::string(auth::ActionName(def.info.action)),
                   req.path);
  }
  return def.fn(req, Caller{*who});
}

void Server::Impl::AuditDenied(const auth::TokenInfo& who, const RouteInfo& route,
                               const std::string& path) {
  std::lock_guard<std::mutex> lock(store_mu);
  Status s = audit->Append({who.name, std::string(auth::RoleName(who.role)),
                            std::string(auth::ActionName(route.action)), path, "",
                            "permission_denied"})
                 .status();
  if (!s.ok()) spdlog::error("audit append failed: {}", s.ToString());
}

void Server::Impl::SealAudit() {
  std::lock_guard<std::mutex> lock(store_mu);
  auto cp = audit->CheckpointNow();
  if (!cp.ok()) spdlog::error("audit checkpoint failed: {}", cp.status().ToString());
}

// A daily erasure run as the system, audited as `action` on `object` with `reason`: the number it
// erased, or nothing (the error logged) so that the next checkpoint runs it again.
std::optional<std::string> Server::Impl::RunErasure(auth::Action action, const std::string& object,
                                                    const std::string& reason, const char* what,
                                                    const std::function<Result<std::string>()>& job) {
  Result<std::string> out = std::string();
  const Status done = audit->RunAudited(
      {"openpact serve", "system", std::string(auth::ActionName(action)), object, reason, "expire"}, [&] {
        out = job();
        return out.status();
      });
  if (!done.ok()) {
    spdlog::error("{} failed (retried at the next checkpoint): {}", what, done.ToString());
    return std::nullopt;
  }
  return ForLog(json::parse(*out)["erased"].dump());
}

void Server::Impl::ExpireRegistry() {
  const Date today = Date::Today();  // UTC: never early where the local date is ahead
  if (expired_on == today) return;
  std::unique_lock<WriterPreferringSharedMutex> index_lock(index_mu);
  std::lock_guard<std::mutex> lock(store_mu);
  registry::Registry reg(store.get(), rules.get(), registry_index.get());
  const auto records = RunErasure(
      auth::Action::kRegistryErase, "registry:expired-before-" + today.ToString(),
      "automatic erasure at the end of the retention period (Regulation (EU) 2024/1358, Art. 29(10))",
      "registry expiry", [&] { return reg.Expire(today, today); });
  if (!records) return;
  reg.Committed();
  // The screening files do not touch the registry's index: searches need not wait for them.
  index_lock.unlock();
  // The screening files whose personal data reached the end of their keeping (Screening
  // Regulation Art. 18(7)), in the same daily pass.
  cases::ScreeningStore screenings(store.get(), rules.get());
  const auto files = RunErasure(auth::Action::kScreening, "screening:expired-before-" + today.ToString(),
                                "automatic erasure of screening files (Regulation (EU) 2024/1356, Art. 18(7))",
                                "screening expiry", [&] { return screenings.Expire(today, today); });
  if (!files) return;
  // The border procedure files whose keeping ended (APR Art. 72(1)), in the same pass.
  cases::BorderProcedureStore border_files(store.get(), rules.get());
  const auto border = RunErasure(
      auth::Action::kBorderProcedure, "border_procedure:expired-before-" + today.ToString(),
      "automatic erasure of border procedure files (Regulation (EU) 2024/1348, Art. 72(1))",
      "border procedure expiry", [&] { return border_files.Expire(today, today); });
  if (!border) return;
  expired_on = today;
  spdlog::info("registry expiry for {}: {} records erased", today.ToString(), *records);
  spdlog::info("screening expiry for {}: {} files erased", today.ToString(), *files);
  spdlog::info("border procedure expiry for {}: {} files erased", today.ToString(), *border);
}

void Server::Impl::CheckpointLoop() {
  std::unique_lock<std::mutex> lock(stop_mu);
  while (!stopping) {
    lock.unlock();
    ExpireRegistry();
    lock.lock();
    if (stopping) break;
    stop_cv.wait_for(lock, std::chrono::seconds(options.checkpoint_interval_s));
    lock.unlock();
    SealAudit();
    lock.lock();
  }
}

Status Server::Bind() {
  Impl& s = *impl_;
  // SO_REUSEADDR only: a restart may take the port of a listener that just closed, but a second
  // live server may not. httplib's default also sets SO_REUSEPORT, with which a second
  // `openpact serve` on a busy port started without a word and took half of the requests.
  s.http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  if (s.options.port == 0) {
    s.bound_port = s.http.bind_to_any_port(s.options.host);
    if (s.bound_port < 0) return Status::IOError("cannot bind to " + s.options.host);
  } else {
    if (!s.http.bind_to_port(s.options.host, s.options.port)) {
      return Status::IOError("cannot listen on " + s.options.host + ":" +
                             std::to_string(s.options.port) + " (in use, or not permitted)");
    }
    s.bound_port = s.options.port;
  }
  return Status::OK();
}

Status Server::Run() {
  Impl& s = *impl_;
  {
    // A Stop that came first (a signal during start-up) ends the run before it listens: httplib's
    // stop() does nothing to a server not yet listening, so the run would never end.
    std::lock_guard<std::mutex> lock(s.stop_mu);
    if (s.stopping) return Status::OK();
    s.listening_started = true;
  }
  s.checkpointer = std::thread([&s] { s.CheckpointLoop(); });
  const bool ok = s.http.listen_after_bind();
  s.listening_over = true;
  {
    std::lock_guard<std::mutex> lock(s.stop_mu);
    s.stopping = true;
  }
  s.stop_cv.notify_all();
  if (s.checkpointer.joinable()) s.checkpointer.join();
  s.SealAudit();  // seal what this run logged before exiting
  if (!ok) return Status::IOError("the HTTP server stopped with an error");
  return Status::OK();
}

void Server::Stop() {
  bool started = false;
  {
    std::lock_guard<std::mutex> lock(impl_->stop_mu);
    impl_->stopping = true;
    started = impl_->listening_started;
  }
  impl_->stop_cv.notify_all();
  // Run has passed its check and is entering listen: wait until httplib says it runs (or its
  // listen failed), or stop() would come too early to end it.
  while (started && !impl_->http.is_running() && !impl_->listening_over) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
}

}  // namespace openpact::api
