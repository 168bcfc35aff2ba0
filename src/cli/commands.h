// The commands of the `openpact` binary, independent of the argument parser (cli/main.cc), so
// that they stay cheap to compile and easy to test.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth.h"
#include "core/date.h"
#include "core/status.h"

namespace openpact::rules {
struct RulesData;
}
namespace openpact::solidarity {
struct ReferenceData;
}

namespace openpact::cli {

// Options every command shares.
struct GlobalOptions {
  std::string db_url = "var/openpact.db";
  std::string data_dir;                        // "" = ResolveDataDir()
  std::string audit_key = "var/audit/signing.key";
  auth::Role role = auth::Role::kAdmin;        // --as
  std::string actor;                           // who runs the CLI ($USER)
  std::string purpose;                         // --purpose, written to the audit log
  bool json = false;
};

// Each returns the process exit code (0 ok, 2 bad input, 1 other failure) after printing its
// result to stdout or its error to stderr.
int RunInit(const GlobalOptions& g, int face_dimension = 512);
int RunServe(const GlobalOptions& g, const std::string& host, int port, double registry_preselect = 1.0);
// `member_state`: the Member State the token acts for in the registry ("" none; Eurodac Art. 40).
int RunTokenCreate(const GlobalOptions& g, const std::string& role, const std::string& name,
                   const std::string& member_state = {});
int RunTokenList(const GlobalOptions& g);
int RunTokenRevoke(const GlobalOptions& g, long long id);
int RunAuditVerify(const GlobalOptions& g, const std::string& public_key_hex);
int RunAuditCheckpoint(const GlobalOptions& g);
int RunAuditLog(const GlobalOptions& g, long long after, int limit);
int RunAuditExportKey(const GlobalOptions& g);
int RunAuditPrune(const GlobalOptions& g, const std::string& before);
int RunDbCheck(const GlobalOptions& g);
// Copies the embedded store into `to` (a new file, mode 0600): a consistent snapshot taken while
// the server may run (SQLite VACUUM INTO), checked for integrity, audited first so that the copy
// holds the entry; PostgreSQL is refused (its own tools back it up).
int RunDbBackup(const GlobalOptions& g, const std::string& to);
int RunDeadline(const GlobalOptions& g, const std::string& from, const std::string& period,
                const std::string& member_state, const std::string& rule);
int RunVersion(const GlobalOptions& g);
// Prints the API's OpenAPI 3.0 document (what GET /v1/openapi.json serves).
int RunOpenApi(const GlobalOptions& g);
int RunRoles(const GlobalOptions& g);

// Rules engine (cli/rules_commands.cc): what `decide KIND` is given.
struct DecideArgs {
  std::string case_file;   // one case document
  std::string batch_file;  // or many, one per line (JSON Lines): one answer per line
  std::string at;          // decide as of this date instead of each case's decision_date
  std::string policy_dir;  // "" = data/policy
  // With a batch: instead of the answers, the work list: the time limits not yet met across the
  // batch (running, or expired), those ending by this date, nearest first.
  std::string due_by;
};
// The case with the Eurodac hits of the applicant's registry record (a registry read: --as a role
// that may read the registry; audited).
int RunDecideResponsibilityForRecord(const GlobalOptions& g, const std::string& case_file, const std::string& record_id,
                                     const std::string& at_text, const std::string& policy_dir);
// `decide KIND` for a kind as the command line names it: procedure, responsibility, return-border,
// reception, protection-documents, admission, relocation, temporary-protection or return.
int RunDecideCase(const GlobalOptions& g, std::string_view kind, const DecideArgs& args);
int RunDecideFamily(const GlobalOptions& g, const std::string& family_file, const std::string& at_text,
                    const std::string& policy_dir);
int RunPolicyShow(const GlobalOptions& g, const std::string& at, const std::string& policy_dir);
int RunPolicyValidate(const GlobalOptions& g, const std::string& dir);

// Screening files (cli/cases_commands.cc); need the `screening` right (--as border_guard).
struct ScreeningStartOptions {
  std::string member_state, location, event_date, held_until;
  bool held_over_72h = false;
};
int RunScreeningStart(const GlobalOptions& g, const ScreeningStartOptions& o);
int RunScreeningRecord(const GlobalOptions& g, const std::string& id, const std::string& check,
                       const std::string& outcome, const std::string& form_file, const std::string& on);
int RunScreeningClose(const GlobalOptions& g, const std::string& id, const std::string& referral,
                      const std::string& on);
int RunScreeningShow(const GlobalOptions& g, const std::string& id);
// The border guards' work list: open screenings, the nearest time limit first.
int RunScreeningList(const GlobalOptions& g, const std::string& member_state, const std::string& due_by,
                     const std::string& at, int limit);
// The fundamental-rights monitoring reports (Screening Reg. Art. 10(2); APR Art. 43(4)); `seed` ""
// draws one at random (the report states it).
struct MonitorOptions {
  std::string member_state, from, to, at, seed;
  int sample = 0;
};
int RunScreeningMonitor(const GlobalOptions& g, const MonitorOptions& o);
int RunScreeningExpire(const GlobalOptions& g, const std::string& at_text);

// Border procedure files (cli/cases_commands.cc); need the `border_procedure` right (--as
// asylum_caseworker); monitor and show also `border_procedure.monitor` (--as rights_monitor).
// `responsibility-file ...` (cases/responsibility_files.h).
int RunResponsibilityFileOpen(const GlobalOptions& g, const std::string& case_file, const std::string& received_by);
int RunResponsibilityFileUpdate(const GlobalOptions& g, const std::string& id, const std::string& case_file);
int RunResponsibilityFileShow(const GlobalOptions& g, const std::string& id, int version, const std::string& at);
int RunResponsibilityFileList(const GlobalOptions& g, const std::string& member_state, const std::string& due_by,
                              const std::string& at, int limit, bool received);
int RunResponsibilityFileClose(const GlobalOptions& g, const std::string& id, const std::string& outcome,
                               const std::string& on);
int RunResponsibilityFileErase(const GlobalOptions& g, const std::string& id, const std::string& reason);
int RunResponsibilityFileFamily(const GlobalOptions& g, const std::string& id, const std::string& with, bool leave);
int RunResponsibilityFileReport(const GlobalOptions& g, const std::string& member_state, const std::string& from,
                                const std::string& to);
int RunBorderProcedureOpen(const GlobalOptions& g, const std::string& case_file);
int RunBorderProcedureRecord(const GlobalOptions& g, const std::string& id, const std::string& event,
                             const std::string& point, const std::string& place, const std::string& on);
int RunBorderProcedureClose(const GlobalOptions& g, const std::string& id, const std::string& outcome,
                            const std::string& on);
int RunBorderProcedureShow(const GlobalOptions& g, const std::string& id);
// The files whose keeping ended (APR Art. 72(1): ten years from the final decision) erased.
int RunBorderProcedureExpire(const GlobalOptions& g, const std::string& at_text);
// A file erased before its time: the person acquired a Member State's citizenship (Art. 72(1)).
int RunBorderProcedureErase(const GlobalOptions& g, const std::string& id, const std::string& reason);
// The return border procedure after a rejection (RBPR Art. 4): started from a return border case,
// ended with an outcome.
int RunBorderProcedureReturn(const GlobalOptions& g, const std::string& id, const std::string& case_file);
int RunBorderProcedureReturnClose(const GlobalOptions& g, const std::string& id, const std::string& outcome,
                                  const std::string& on);
// How full the border procedure is against the adequate capacity and the annual maximum (APR Arts.
// 47-48); `others_in_return_border_procedure` (not kept here) < 0: not given.
int RunBorderProcedureOccupancy(const GlobalOptions& g, const std::string& member_state, const std::string& at,
                                long long others_in_return_border_procedure);
// The determining authority's work list: open border procedures, the nearest time limit first.
int RunBorderProcedureList(const GlobalOptions& g, const std::string& member_state, const std::string& due_by,
                           const std::string& at, int limit);
int RunBorderProcedureMonitor(const GlobalOptions& g, const MonitorOptions& o);
// The register of the places of the border procedure (APR Art. 54(3)): a change recorded (the
// `border_procedure` right), when the Commission was notified of one, the register on a day
// (`planning.read`). capacity < 0: not given.
struct BorderPlaceOptions {
  std::string member_state, place, change, effective_on, notified_on;
  long long capacity = -1;
};
int RunBorderPlaceRecord(const GlobalOptions& g, const BorderPlaceOptions& o);
int RunBorderPlaceNotified(const GlobalOptions& g, const BorderPlaceOptions& o);
int RunBorderPlaceList(const GlobalOptions& g, const std::string& member_state, const std::string& at);

// The Eurodac registry (cli/registry_commands.cc).
int RunRegistryEnrol(const GlobalOptions& g, const std::string& record_file, double preselect = 1.0);
// One record per line (JSON Lines), one answer or {"line", "error"} per line, in order; exit 2 if
// any was refused. The stored records are loaded once, and each record is compared with them and
// with the batch's earlier ones.
int RunRegistryEnrolBatch(const GlobalOptions& g, const std::string& batch_file, double preselect = 1.0);
int RunRegistrySearch(const GlobalOptions& g, const std::string& record_file, double preselect = 1.0);
int RunRegistryShow(const GlobalOptions& g, const std::string& id, const std::string& reference = {});
int RunRegistryErase(const GlobalOptions& g, const std::string& id, const std::string& reason);
int RunRegistryExpire(const GlobalOptions& g, const std::string& at);
int RunRegistryMark(const GlobalOptions& g, const std::string& id, const std::string& mark);
int RunRegistryVerify(const GlobalOptions& g, const std::string& id, const std::string& hit, const std::string& result);
int RunRegistryUpdate(const GlobalOptions& g, const std::string& id, const std::string& status_file);
int RunRegistryRectify(const GlobalOptions& g, const std::string& id, const std::string& person_file);
int RunRegistryTransferRequest(const GlobalOptions& g, const std::string& id, const std::string& member_state,
                               const std::string& third_country, bool purpose_confirmed, bool person_informed);
int RunRegistryTransferDecide(const GlobalOptions& g, const std::string& transfer, const std::string& member_state,
                              const std::string& decision, const std::string& reason);
int RunRegistryReport(const GlobalOptions& g, const std::string& id, const std::string& reason, const std::string& note);
int RunRegistryUnmark(const GlobalOptions& g, const std::string& id);
int RunRegistryNotifications(const GlobalOptions& g, const std::string& member_state, bool include_acknowledged,
                             const std::string& after, int limit);
int RunRegistryAcknowledge(const GlobalOptions& g, const std::string& id);
int RunRegistryExtendTemporaryProtection(const GlobalOptions& g, const std::string& decision, const std::string& until,
                                          const std::string& basis);
int RunRegistrySubjectAccess(const GlobalOptions& g, const std::string& request_file);
// `openpact law-enforcement request|show|queue|verify` (Eurodac Chapter XI).
int RunLawEnforcementRequest(const GlobalOptions& g, const std::string& request_file);
int RunLawEnforcementShow(const GlobalOptions& g, const std::string& id);
int RunLawEnforcementQueue(const GlobalOptions& g, bool include_decided, const std::string& after, int limit);
int RunLawEnforcementForward(const GlobalOptions& g, const std::string& id);
int RunLawEnforcementVerify(const GlobalOptions& g, const std::string& id, const std::string& met,
                            const std::string& reasons);
int RunRegistryStats(const GlobalOptions& g, const std::string& month = {}, const std::string& year = {});
// Synthetic record documents <person>_<capture>.json for tests and the demo. The events fall over
// the 200 days from `from` (YYYY-MM-DD; empty: 210 days before today, not before 15 June 2026, so
// that the records are transmitted already and within their retention periods whenever made).
int RunSynthRecords(const GlobalOptions& g, int persons, int captures, int fingers,
                    const std::string& out, unsigned long long seed, const std::string& from = {});

// The policy data and the published reference figures of the data directory (--data-dir): what
// the planning commands read, and the border procedure's capacity checks (cli/cases_commands.cc).
struct PlanningData {
  std::unique_ptr<rules::RulesData> rules;
  std::unique_ptr<solidarity::ReferenceData> ref;
  std::string data_dir;
};
Result<PlanningData> LoadPlanningData(const GlobalOptions& g);

// Planning on published figures (cli/planning_commands.cc). Output: text, or --json, or --csv;
// --svg FILE also writes the report's chart.
struct PlanningOutput {
  bool csv = false;
  std::string svg_file;
};
// `crisis_deductions`: a CSV of Crisis Reg. Art. 9(4)(a) deductions for the cycle ("" for none).
int RunSolidarityReport(const GlobalOptions& g, const PlanningOutput& o, int year, const std::string& pledges,
                        double eur_per_relocation, const std::string& crisis_deductions = {});
// `solidarity crisis-offsets`: responsibility offsets in a crisis (Regulation (EU) 2024/1359,
// Art. 9). `commitments_file` is a pledges CSV whose relocations count; `decision_ends` YYYY-MM-DD.
struct CrisisOffsetArgs {
  int year = 2026;
  std::string member_state, commitments_file, decision_ends;
  std::string crisis_deductions_file;  // CSV of Art. 9(4)(b) deductions (LoadCrisisDeductions)
  std::optional<long long> relocation_needs, relocations_committed, eligible_applications, other_beneficiaries_uncovered;
  std::optional<double> financial_needs_eur;
  std::vector<std::string> not_contributing;
  bool temporary_protection_article_11_disapplied = false, article_13_authorised = false;
};
int RunCrisisOffsets(const GlobalOptions& g, const PlanningOutput& o, const CrisisOffsetArgs& args);
// `solidarity offset-request`: a beneficiary's request for offsets instead of relocations (AMMR
// Arts. 63(1)-(2), 69); prints JSON.
struct OffsetRequestArgs {
  int year = 2026;
  std::string requesting, requested, received_on, pledges_file;
  long long applications = -1;  // < 0: not given
  bool offered = false;
};
int RunOffsetRequest(const GlobalOptions& g, const OffsetRequestArgs& args);
int RunCapacityReport(const GlobalOptions& g, const PlanningOutput& o, const std::string& at);
int RunStatsRoutes(const GlobalOptions& g, const PlanningOutput& o, const std::string& from, const std::string& to);
int RunStatsLowRecognition(const GlobalOptions& g, const PlanningOutput& o, int year, const std::string& write_policy);
int RunStatsIndicators(const GlobalOptions& g, const PlanningOutput& o, int year, int top);
int RunSimulate(const GlobalOptions& g, const PlanningOutput& o, const std::string& arrivals, int year,
                unsigned long long seed);

// Fingerprint engine (cli/biometrics_commands.cc).
int RunFpMatch(const GlobalOptions& g, const std::string& a, const std::string& b);
struct FpEvalArgs {
  std::string dir;
  std::string scores_file;       // every compared ordered pair as CSV
  std::string calibration_file;  // another calibration table than the shipped one
  // A database whose templates look squeezed is stretched back first (biometrics::EvaluateDirectory).
  bool correct_geometry = false;
  bool skip_invalid = false;
  std::string baseline_file;  // an earlier --scores file to measure the change against
  // Each database's start and end on stderr (the default when stderr is a terminal).
  bool progress = false;
};
int RunFpEval(const GlobalOptions& g, const FpEvalArgs& args);
// Several probes are answered in one pass over the gallery (Gallery::SearchBatch).
struct FpIdentifyArgs {
  std::string gallery;
  std::vector<std::string> probes;
  int top = 10;
  double preselect = 1.0;
  bool progress = false;
  double threshold = 40.0;
  bool gpu = false;
  // A gallery template that does not parse is left out (a warning on stderr, counted in the
  // answer) instead of stopping the command.
  bool skip_invalid = false;
};
int RunFpIdentify(const GlobalOptions& g, const FpIdentifyArgs& args);
// Each capture source's geometry (equipment, image size, resolution) from its templates' minutiae.
int RunFpGeometry(const GlobalOptions& g, const std::string& dir);
int RunFpCalibrate(const GlobalOptions& g, int templates, unsigned long long seed, const std::string& population,
                   int flow_archetypes, const std::string& out);
int RunSynthFingerprints(const GlobalOptions& g, int fingers, int impressions, const std::string& out,
                         unsigned long long seed);

// Prints `s` as an error ("openpact: invalid_argument: --role: ...") and returns its exit code.
int Fail(const Status& s);

// The date an option gives, nullopt for "" (the option not given); InvalidArgument naming
// `option` when it is not YYYY-MM-DD.
Result<std::optional<Date>> OptionalDate(const std::string& text, const std::string& option);
// The day an expiry (registry, screening, border procedure files) runs as of: `--at`, default
// `today`; refused naming --at after today. Callers take today in UTC: east of Greenwich a Member
// State's date may be a day ahead, so an expiry never runs early (at most a day late).
Result<Date> ExpiryDay(const std::string& at_text, Date today);

// `member_state` as --member-state gives it: a State of the system (the EU Member States and those
// associated by agreement), read from the data directory's country list; else refused naming the option.
Status CheckStateOfTheSystemOption(const GlobalOptions& g, const std::string& member_state);

// A module names the fields of what it was given (member_state, received_on, ...); a command's
// refusal names the option that gave it (--member-state, --received-on). Fields it names as options
// already, or inside a document or a file (form.name, pledges.DEU.relocations), stay as they are.
Status AsOption(const Status& st);
// A case document's refusal as a command gives it: the document as a whole, which the engines name
// "body" as the API does, is the file given by --case; a field inside it (applicant.nationality)
// stays as it is.
Status AsCaseFile(const Status& st);

// A decision's case document from `path` (at most 1 MiB); a missing, oversized or non-regular file
// is refused naming --case.
Result<std::string> ReadCaseDocument(const std::string& path);

}  // namespace openpact::cli
