// `openpact`: the command line. Argument parsing only; the commands live in commands.cc.
// This is the only file that includes CLI11 (its headers cost ~6 s per translation unit).
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>

#include "cli/commands.h"
#include "core/version.h"

namespace {

std::string CurrentUser() {
  for (const char* var : {"OPENPACT_USER", "USER", "LOGNAME"}) {
    if (const char* v = std::getenv(var); v != nullptr && *v != '\0') return std::string("cli:") + v;
  }
  return "cli:unknown";
}

const char* kExitCodes =
    "Exit codes: 0 success, 2 bad input (the message names the field), 1 any other failure.";

}  // namespace

int main(int argc, char** argv) {
  using namespace openpact;
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  CLI::App app{"OpenPact: an open implementation of the EU Pact on Migration and Asylum's "
               "operational system (Eurodac registry, rules engine, planning).",
               "openpact"};
  app.footer(kExitCodes);
  app.set_version_flag("--version", std::string("openpact ") + Version());
  app.require_subcommand(1);
  app.fallthrough(true);  // global options (--json, --db, --as) may follow the subcommand

  cli::GlobalOptions g;
  g.actor = CurrentUser();
  if (const char* db = std::getenv("OPENPACT_DB"); db != nullptr && *db != '\0') g.db_url = db;
  if (const char* key = std::getenv("OPENPACT_AUDIT_KEY"); key != nullptr && *key != '\0') g.audit_key = key;
  std::string role_name = "admin";
  app.add_option("--db", g.db_url,
                 "Store: an SQLite file path, or postgresql://... (env OPENPACT_DB)")
      ->capture_default_str();
  app.add_option("--data-dir", g.data_dir, "Policy and reference data directory (env OPENPACT_DATA_DIR)");
  app.add_option("--audit-key", g.audit_key,
                 "Ed25519 audit signing key file, kept outside the database (env OPENPACT_AUDIT_KEY)")
      ->capture_default_str();
  app.add_option("--as", role_name, "Role to act in; written to the audit log")->capture_default_str();
  app.add_option("--purpose", g.purpose, "Stated purpose, written to the audit log");
  app.add_flag("--json", g.json, "Print machine-readable JSON");

  // The chosen command runs after parsing, once the global options (--as) are known.
  std::function<int()> chosen;
  auto* init = app.add_subcommand("init", "Create or upgrade the store and print the first admin token");
  int face_dimension = 512;
  init->add_option("--face-dimension", face_dimension,
                   "Values in each face template the registry stores (fixed once, at the first init)")
      ->check(CLI::Range(1, 4096));
  init->callback([&] { chosen = [&] { return cli::RunInit(g, face_dimension); }; });

  std::string host = "127.0.0.1";
  int port = 8080;
  auto* serve = app.add_subcommand("serve", "Serve the REST/JSON API (SIGINT/SIGTERM stop it gracefully)");
  serve->add_option("--host", host, "Address to listen on")->capture_default_str();
  serve
      ->add_option("--port", port,
                   "Port to listen on (0: any free port, named in the start-up line)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  double serve_preselect = 1.0;
  serve->add_option("--registry-preselect", serve_preselect,
                    "Share of the eligible registry records the full matcher scores after the triplet-index "
                    "pre-selection (1 = exhaustive; docs/registry.md has the measured latency and hits kept)")
      ->capture_default_str();
  serve->callback([&] { chosen = [&] { return cli::RunServe(g, host, port, serve_preselect); }; });

  auto* version = app.add_subcommand("version", "Print the version");
  version->callback([&] { chosen = [&] { return cli::RunVersion(g); }; });

  auto* openapi = app.add_subcommand("openapi", "Print the API's OpenAPI 3.0 document (GET /v1/openapi.json serves the same)");
  openapi->callback([&] { chosen = [&] { return cli::RunOpenApi(g); }; });

  auto* roles = app.add_subcommand("roles", "Print the role x action matrix with the legal basis of each right");
  roles->callback([&] { chosen = [&] { return cli::RunRoles(g); }; });

  auto* token = app.add_subcommand("token", "Manage API tokens");
  token->require_subcommand(1);
  std::string token_role, token_name, token_member_state;
  auto* tcreate = token->add_subcommand("create", "Create a token; it is printed once");
  tcreate->add_option("--role", token_role, "Role the token carries")->required();
  tcreate->add_option("--name", token_name, "A name for the token (who or what uses it)")->required();
  tcreate->add_option("--member-state", token_member_state,
                      "The Member State it acts for: the registry then shows and changes only that State's records "
                      "(Eurodac Art. 40(1), (3))");
  tcreate->callback([&] { chosen = [&] { return cli::RunTokenCreate(g, token_role, token_name, token_member_state); }; });
  auto* tlist = token->add_subcommand("list", "List tokens (never their secrets)");
  tlist->callback([&] { chosen = [&] { return cli::RunTokenList(g); }; });
  long long token_id = 0;
  auto* trevoke = token->add_subcommand("revoke", "Revoke a token");
  trevoke->add_option("id", token_id, "Token id")->required();
  trevoke->callback([&] { chosen = [&] { return cli::RunTokenRevoke(g, token_id); }; });

  auto* audit = app.add_subcommand("audit", "Inspect and verify the audit log");
  audit->require_subcommand(1);
  std::string public_key;
  auto* averify = audit->add_subcommand(
      "verify", "Check the hash chain, the signed checkpoints and the anchor file; name the first "
                "altered, removed or reordered entry (exit 1 if any)");
  averify->add_option("--public-key", public_key, "Verify with this Ed25519 public key (hex) instead of the key file");
  averify->callback([&] { chosen = [&] { return cli::RunAuditVerify(g, public_key); }; });
  auto* acheck = audit->add_subcommand("checkpoint", "Seal the log now with a signed checkpoint");
  acheck->callback([&] { chosen = [&] { return cli::RunAuditCheckpoint(g); }; });
  long long after = 0;
  int limit = 100;
  auto* alog = audit->add_subcommand("log", "Print audit entries");
  alog->add_option("--after", after, "Only entries after this sequence number");
  alog->add_option("--limit", limit, "At most this many entries")->check(CLI::Range(1, 100000));
  alog->callback([&] { chosen = [&] { return cli::RunAuditLog(g, after, limit); }; });
  auto* aexport = audit->add_subcommand("export-key", "Print the public key that verifies checkpoints");
  aexport->callback([&] { chosen = [&] { return cli::RunAuditExportKey(g); }; });
  std::string before;
  auto* aprune = audit->add_subcommand(
      "prune", "Remove whole sealed periods that ended before a date (Eurodac Art. 41(4))");
  aprune->add_option("--before", before, "YYYY-MM-DD")->required();
  aprune->callback([&] { chosen = [&] { return cli::RunAuditPrune(g, before); }; });

  auto* db = app.add_subcommand("db", "Database maintenance");
  db->require_subcommand(1);
  auto* dcheck = db->add_subcommand("check", "Run a full integrity check of the store");
  dcheck->callback([&] { chosen = [&] { return cli::RunDbCheck(g); }; });
  std::string backup_to;
  auto* dbackup = db->add_subcommand(
      "backup", "Copy the embedded store to a new file, consistent while the server runs (admin; audited)");
  dbackup->add_option("--to", backup_to, "The new file (never overwritten)")->required();
  dbackup->callback([&] { chosen = [&] { return cli::RunDbBackup(g, backup_to); }; });

  std::string from, period, member_state, rule = "apr73";
  auto* deadline = app.add_subcommand(
      "deadline", "Compute the end of a legal time limit (APR Art. 73, AMMR Art. 75, Reg. 1182/71)");
  deadline->add_option("--from", from, "Day of the triggering event, YYYY-MM-DD")->required();
  deadline->add_option("--period", period, "e.g. '7 days', '3 working_days', '12 weeks', '2 months'")->required();
  deadline->add_option("--member-state", member_state,
                       "Member State concerned (alpha-3), for its public holidays; with --rule ammr75 also Iceland, "
                       "Norway, Switzerland or Liechtenstein")
      ->required();
  deadline->add_option("--rule", rule, "apr73, ammr75 or reg1182")->capture_default_str();
  deadline->callback([&] { chosen = [&] { return cli::RunDeadline(g, from, period, member_state, rule); }; });

  std::string case_file, batch_file, at, policy_dir;
  auto* decide = app.add_subcommand("decide", "Decide a case with its legal basis and time limits");
  decide->require_subcommand(1);
  // A decision on one case document, or a batch of them (JSON Lines).
  std::string due_by;
  auto add_due_by = [&](CLI::App* sub, CLI::Option* batch_opt) {
    sub->add_option("--due-by", due_by,
                    "With --batch: print the work list instead of the answers: the time limits not yet met across the "
                    "batch (running or expired), those ending by this date (YYYY-MM-DD), nearest first")
        ->needs(batch_opt);
  };
  auto add_case_decision = [&](const char* name, const char* help) {
    auto* sub = decide->add_subcommand(name, help);
    auto* case_opt = sub->add_option("--case", case_file, "Case document (JSON, see docs/schemas/)");
    auto* batch_opt = sub->add_option("--batch", batch_file, "Many cases, one JSON document per line; "
                                                              "prints one answer per line");
    case_opt->excludes(batch_opt);
    sub->add_option("--at", at, "Decide as of this date (YYYY-MM-DD) instead of the case's decision_date");
    sub->add_option("--policy", policy_dir, "Policy directory (default: DATA_DIR/policy)");
    add_due_by(sub, batch_opt);
    sub->callback([&, name] {
      chosen = [&, name] {
        if (case_file.empty() && batch_file.empty()) {
          return cli::Fail(Status::InvalidArgument("give --case FILE or --batch FILE.jsonl", "--case"));
        }
        return cli::RunDecideCase(g, name, cli::DecideArgs{case_file, batch_file, at, policy_dir, due_by});
      };
    });
  };
  add_case_decision("procedure",
                    "Admissibility, accelerated/border/regular procedure and time limits (APR); prints JSON");
  add_case_decision("return-border",
                    "After a rejection in the asylum border procedure: the return border procedure (Regulation (EU) "
                    "2024/1349), the end of the right to remain, the maximum period, voluntary departure and "
                    "detention; prints JSON");
  add_case_decision("reception",
                    "Reception conditions (Directive (EU) 2024/1346): the time limits for information, special "
                    "reception needs, a representative, education, the labour market and the review of detention, "
                    "each the longest the Directive allows; prints JSON");
  add_case_decision("protection-documents",
                    "A beneficiary of international protection's residence permit and travel documents (Regulation "
                    "(EU) 2024/1347, Arts. 20(3), 24, 25): time limits, least validity, renewals; prints JSON");
  add_case_decision("admission",
                    "The resettlement and humanitarian admission procedure (Regulation (EU) 2024/1350, Art. 9): the "
                    "conclusion's time limit, entry, and how long the data are kept; prints JSON");
  add_case_decision("relocation",
                    "The relocation procedure of the solidarity mechanism (AMMR Art. 67): the answer of the Member "
                    "State of relocation, the transfer decision and the transfer, with their time limits; prints JSON");
  add_case_decision("temporary-protection",
                    "Temporary protection for persons displaced from Ukraine (Directive 2001/55/EC; Council "
                    "Implementing Decision (EU) 2022/382): whether the person is covered and on which paragraph, "
                    "until when, and the rights that follow; prints JSON");
  add_case_decision("return",
                    "Return under Directive 2008/115/EC: whether a return decision is due (Art. 6), the period for "
                    "voluntary departure (Art. 7), removal (Arts. 8-9), the entry ban (Art. 11) and the maximum of "
                    "detention (Art. 15); prints JSON");
  auto* dresp = decide->add_subcommand(
      "responsibility", "The Member State responsible (AMMR Part III; Dublin III's criteria for an application "
                        "registered before 1 July 2026, AMMR Art. 84(2)), the criterion, and the take charge or take "
                        "back time limits; prints JSON");
  auto* rcase_opt = dresp->add_option("--case", case_file, "Case document (JSON, see docs/schemas/)");
  auto* rbatch_opt = dresp->add_option("--batch", batch_file, "Many cases, one JSON document per line; "
                                                               "prints one answer per line");
  std::string family_file, record_id;
  auto* rrecord_opt = dresp->add_option("--record", record_id,
                                        "Add the Eurodac hits of this applicant's registry record to the case (a "
                                        "registry read: needs --as a role that may read the registry; audited)");
  auto* rfamily_opt = dresp->add_option("--family", family_file,
                                        "The cases of family members registered together here, {\"members\": [...]}: "
                                        "decided together (Art. 28, the family procedure)");
  add_due_by(dresp, rbatch_opt);
  rcase_opt->excludes(rbatch_opt);
  rfamily_opt->excludes(rcase_opt)->excludes(rbatch_opt);
  rrecord_opt->needs(rcase_opt);
  dresp->add_option("--at", at, "Decide as of this date (YYYY-MM-DD) instead of the case's decision_date");
  dresp->add_option("--policy", policy_dir, "Policy directory (default: DATA_DIR/policy)");
  dresp->callback([&] {
    chosen = [&] {
      if (case_file.empty() && batch_file.empty() && family_file.empty()) {
        return cli::Fail(Status::InvalidArgument("give --case FILE, --batch FILE.jsonl or --family FILE", "--case"));
      }
      if (!family_file.empty()) return cli::RunDecideFamily(g, family_file, at, policy_dir);
      if (!record_id.empty()) return cli::RunDecideResponsibilityForRecord(g, case_file, record_id, at, policy_dir);
      return cli::RunDecideCase(g, "responsibility", cli::DecideArgs{case_file, batch_file, at, policy_dir, due_by});
    };
  });

  auto* policy = app.add_subcommand("policy", "Show and validate the policy data (dated, referenced rule values)");
  policy->require_subcommand(1);
  auto* pshow = policy->add_subcommand("show", "Print the policy in force on a date, as JSON");
  pshow->add_option("--at", at, "YYYY-MM-DD (default today)");
  pshow->add_option("--policy", policy_dir, "Policy directory (default: DATA_DIR/policy)");
  pshow->callback([&] { chosen = [&] { return cli::RunPolicyShow(g, at, policy_dir); }; });
  std::string validate_dir;
  auto* pvalidate = policy->add_subcommand("validate", "Check a policy directory; errors name file, line and column");
  pvalidate->add_option("dir", validate_dir, "Policy directory")->required();
  pvalidate->callback([&] { chosen = [&] { return cli::RunPolicyValidate(g, validate_dir); }; });

  auto* screening = app.add_subcommand(
      "screening", "Screening files (Regulation (EU) 2024/1356); needs --as border_guard (monitor and show: --as rights_monitor)");
  screening->require_subcommand(1);
  cli::ScreeningStartOptions sopts;
  auto* sstart = screening->add_subcommand("start", "Open a screening; prints its id and the date it must end by");
  sstart->add_option("--member-state", sopts.member_state, "Member State (alpha-3)")->required();
  sstart->add_option("--location", sopts.location, "external_border (Art. 5) or in_territory (Art. 7)")->required();
  sstart->add_option("--event-date", sopts.event_date,
                     "Apprehension, disembarkation or presentation at the crossing point, YYYY-MM-DD")->required();
  sstart->add_flag("--held-over-72h", sopts.held_over_72h,
                   "Held at the external border for more than 72 h first (Art. 8(3): 4 days)");
  sstart->add_option("--held-until", sopts.held_until, "End of that stay, YYYY-MM-DD");
  sstart->callback([&] { chosen = [&] { return cli::RunScreeningStart(g, sopts); }; });
  std::string screening_id, check, outcome, form_file, on, referral;
  auto* srecord = screening->add_subcommand("record", "Record a check and/or form items (Art. 8(5), 17)");
  srecord->add_option("id", screening_id, "Screening id")->required();
  srecord->add_option("--check", check, "identity, security, health, vulnerability or eurodac");
  srecord->add_option("--outcome", outcome, "What the check found");
  srecord->add_option("--form", form_file, "JSON object of screening-form items (Art. 17)");
  srecord->add_option("--on", on, "Date of the check (default today)");
  srecord->callback([&] {
    chosen = [&] { return cli::RunScreeningRecord(g, screening_id, check, outcome, form_file, on); };
  });
  auto* sclose = screening->add_subcommand("close", "Close with a referral (Art. 18); prints the screening form");
  sclose->add_option("id", screening_id, "Screening id")->required();
  sclose->add_option("--referral", referral,
                     "asylum, relocation, return, return_continues, entry_conditions_met, "
                     "discontinued_departure or criminal_proceedings")->required();
  sclose->add_option("--on", on, "Date of closing (default today)");
  sclose->callback([&] { chosen = [&] { return cli::RunScreeningClose(g, screening_id, referral, on); }; });
  std::string screening_expire_at;
  auto* sexpire = screening->add_subcommand(
      "expire", "Delete the screening files whose personal data reached the end of their keeping (Screening Reg. Art. "
                "18(7): the Eurodac periods, 10 years for an applicant, 5 otherwise)");
  sexpire->add_option("--at", screening_expire_at, "YYYY-MM-DD, not after today (default today)");
  sexpire->callback([&] { chosen = [&] { return cli::RunScreeningExpire(g, screening_expire_at); }; });
  auto* sshow = screening->add_subcommand("show", "Print a screening file");
  sshow->add_option("id", screening_id, "Screening id")->required();
  sshow->callback([&] { chosen = [&] { return cli::RunScreeningShow(g, screening_id); }; });
  std::string list_ms, list_due_by, list_at;
  int list_limit = 100;
  auto* slist = screening->add_subcommand(
      "list", "Open screenings of a Member State, the nearest time limit first (Art. 8(3)-(4)): days left, what is "
              "still missing (checks of Art. 8(5), form items of Art. 17(1))");
  slist->add_option("--member-state", list_ms, "Member State (alpha-3)")->required();
  slist->add_option("--due-by", list_due_by, "Only those whose limit ends by this day, YYYY-MM-DD");
  slist->add_option("--at", list_at, "Count the days left from this day (default today in the Member State)");
  slist->add_option("--limit", list_limit, "At most this many (1-500, default 100)");
  slist->callback([&] { chosen = [&] { return cli::RunScreeningList(g, list_ms, list_due_by, list_at, list_limit); }; });
  cli::MonitorOptions mopts;
  auto* smonitor = screening->add_subcommand(
      "monitor",
      "Fundamental-rights monitoring (Art. 10(2)): one Member State's screenings against their time "
      "limits, the elements of Art. 8(5), minors, applicants' referrals, and files drawn at random for a spot check; "
      "needs --as rights_monitor");
  smonitor->add_option("--member-state", mopts.member_state, "Member State whose screenings are monitored (alpha-3)")
      ->required();
  smonitor->add_option("--from", mopts.from, "First event date, YYYY-MM-DD (default: the first)");
  smonitor->add_option("--to", mopts.to, "Last event date, YYYY-MM-DD (default: the last)");
  smonitor->add_option("--at", mopts.at, "Report as of this day, YYYY-MM-DD (default today): open files past their limit");
  smonitor->add_option("--sample", mopts.sample, "Files drawn at random for a spot check, 0-50 (default 0)");
  smonitor->add_option("--seed", mopts.seed, "Seed of the draw, to repeat one (default: a random seed, stated in the report)");
  smonitor->callback([&] { chosen = [&] { return cli::RunScreeningMonitor(g, mopts); }; });

  auto* border = app.add_subcommand(
      "border-procedure",
      "Border procedure files (Regulation (EU) 2024/1348, Arts. 43-54); needs --as asylum_caseworker (monitor and "
      "show: --as rights_monitor)");
  border->require_subcommand(1);
  std::string bp_case, bp_id, bp_event, bp_point, bp_place, bp_on, bp_outcome;
  auto* bopen = border->add_subcommand(
      "open", "Decide a procedure case and open a file when it goes to the border procedure; prints the file with "
              "its time limit (Art. 51(2)) and the decision");
  bopen->add_option("--case", bp_case, "Procedure case document (JSON, as for decide procedure)")->required();
  bopen->callback([&] { chosen = [&] { return cli::RunBorderProcedureOpen(g, bp_case); }; });
  auto* brecord = border->add_subcommand(
      "record", "Record an event: detained, released, detention_reviewed (RCD Art. 11(3)), unaccompanied_minor (Art. "
      "53(1)), exception (Art. 53(2)) or placed (the place of Art. 54 where the applicant stays, --place); the appeal stages (Arts. 67-68), also after a rejection: decision_notified, "
      "appeal_lodged, leave_to_remain_requested, leave_to_remain_granted, leave_to_remain_refused, appeal_dismissed, "
      "appeal_allowed; further appeals (Art. 68(7)): further_appeal_lodged, further_appeal_remain_allowed, "
      "further_appeal_dismissed or further_appeal_allowed");
  brecord->add_option("id", bp_id, "Border procedure id")->required();
  brecord->add_option("--event", bp_event,
                      "detained, released, detention_reviewed, unaccompanied_minor, exception, placed, decision_notified, "
                      "appeal_lodged, leave_to_remain_requested, leave_to_remain_granted, leave_to_remain_refused, "
                      "appeal_dismissed, appeal_allowed, further_appeal_lodged, further_appeal_remain_allowed, "
                      "further_appeal_dismissed or further_appeal_allowed")
      ->required();
  brecord->add_option("--point", bp_point, "For an exception: its point of Art. 53(2), a-e");
  brecord->add_option("--place", bp_place,
                      "For placed: the place where the applicant stays, as notified to the Commission (Art. 54(1), (3))");
  brecord->add_option("--on", bp_on, "Date of the event (default today in the Member State)");
  brecord->callback([&] { chosen = [&] { return cli::RunBorderProcedureRecord(g, bp_id, bp_event, bp_point, bp_place, bp_on); }; });
  auto* bclose = border->add_subcommand("close", "Close the file with the way the applicant left the procedure");
  bclose->add_option("id", bp_id, "Border procedure id")->required();
  bclose->add_option("--outcome", bp_outcome,
                     "no_right_to_remain, protection_granted, entry_authorised_time_limit, "
                     "entry_authorised_exception or withdrawn")->required();
  bclose->add_option("--on", bp_on, "Date of closing (default today in the Member State)");
  bclose->callback([&] { chosen = [&] { return cli::RunBorderProcedureClose(g, bp_id, bp_outcome, bp_on); }; });
  auto* breturn = border->add_subcommand(
      "return", "After a rejection (closed with no_right_to_remain), start the return border procedure (Regulation (EU) "
                "2024/1349, Art. 4) from a return border case: its maximum period from the day the right to remain "
                "ended");
  breturn->add_option("id", bp_id, "Border procedure id")->required();
  breturn->add_option("--case", bp_case, "Return border case document (JSON, as for decide return-border)")->required();
  breturn->callback([&] { chosen = [&] { return cli::RunBorderProcedureReturn(g, bp_id, bp_case); }; });
  auto* breturn_close = border->add_subcommand("return-close", "End the return border procedure");
  breturn_close->add_option("id", bp_id, "Border procedure id")->required();
  breturn_close->add_option("--outcome", bp_outcome,
                            "departed, removed, return_directive (Art. 4(4)), absconded or rejection_annulled (after "
                            "appeal_allowed)")
      ->required();
  breturn_close->add_option("--on", bp_on, "Date (default today in the Member State)");
  breturn_close->callback([&] { chosen = [&] { return cli::RunBorderProcedureReturnClose(g, bp_id, bp_outcome, bp_on); }; });
  std::string bp_expire_at;
  auto* bexpire = border->add_subcommand(
      "expire", "Delete the border procedure files whose keeping ended (APR Art. 72(1): ten years from the final "
                "decision, read as the last decision a file records; files whose appeal is undecided or whose "
                "rejection was annulled are kept)");
  bexpire->add_option("--at", bp_expire_at, "YYYY-MM-DD, not after today (default today)");
  bexpire->callback([&] { chosen = [&] { return cli::RunBorderProcedureExpire(g, bp_expire_at); }; });
  std::string bp_erase_reason;
  auto* berase = border->add_subcommand(
      "erase", "Erase a border procedure file before its time: the person acquired the citizenship of a Member "
               "State (APR Art. 72(1))");
  berase->add_option("id", bp_id, "Border procedure id")->required();
  berase->add_option("--reason", bp_erase_reason, "citizenship_acquired")->required();
  berase->callback([&] { chosen = [&] { return cli::RunBorderProcedureErase(g, bp_id, bp_erase_reason); }; });
  auto* bshow = border->add_subcommand("show", "Print a border procedure file");
  bshow->add_option("id", bp_id, "Border procedure id")->required();
  bshow->callback([&] { chosen = [&] { return cli::RunBorderProcedureShow(g, bp_id); }; });
  std::string bp_list_ms, bp_list_due_by, bp_list_at;
  int bp_list_limit = 100;
  auto* blist = border->add_subcommand(
      "list", "Open border procedures of a Member State, the nearest time limit first (Art. 51(2)): days left, "
              "detention, and whether an exception ends the procedure (Art. 53)");
  blist->add_option("--member-state", bp_list_ms, "Member State (alpha-3)")->required();
  blist->add_option("--due-by", bp_list_due_by, "Only those whose limit ends by this day, YYYY-MM-DD");
  blist->add_option("--at", bp_list_at, "Count the days left from this day (default today in the Member State)");
  blist->add_option("--limit", bp_list_limit, "At most this many (1-500, default 100)");
  blist->callback([&] {
    chosen = [&] { return cli::RunBorderProcedureList(g, bp_list_ms, bp_list_due_by, bp_list_at, bp_list_limit); };
  });
  std::string bp_occ_ms, bp_occ_at;
  long long bp_occ_return = -1;
  auto* boccupancy = border->add_subcommand(
      "occupancy", "How full the border procedure is (APR Arts. 47-48): applicants in it on a day against the adequate "
                   "capacity, and applications examined this year against the annual maximum; counts only (planning.read: "
                   "--as asylum_caseworker, analyst, ...)");
  boccupancy->add_option("--member-state", bp_occ_ms, "Member State (alpha-3)")->required();
  boccupancy->add_option("--at", bp_occ_at, "The day (default today in the Member State)");
  boccupancy->add_option("--return-border", bp_occ_return,
                         "Persons in a return border procedure that day whose files are not kept here, national "
                         "equivalents included (Art. 48(1) adds them)")
      ->check(CLI::Range(0LL, 100000000LL));
  boccupancy->callback([&] {
    chosen = [&] { return cli::RunBorderProcedureOccupancy(g, bp_occ_ms, bp_occ_at, bp_occ_return); };
  });
  cli::BorderPlaceOptions bp_place_opts;
  std::string bp_places_ms, bp_places_at;
  auto* bplace = border->add_subcommand(
      "place", "The places where the border procedure is carried out (APR Art. 54(3)): their designations, "
               "capacities and withdrawals, and when the Commission was notified");
  bplace->require_subcommand(1);
  auto* bplace_record = bplace->add_subcommand(
      "record", "Record a change, in the order the changes take effect: designated (with --capacity), capacity (a new "
                "--capacity) or withdrawn; never rewritten (--as asylum_caseworker)");
  bplace_record->add_option("--member-state", bp_place_opts.member_state, "Member State (alpha-3)")->required();
  bplace_record->add_option("--place", bp_place_opts.place, "The place, as the files name it (event placed)")
      ->required();
  bplace_record->add_option("--change", bp_place_opts.change, "designated, capacity or withdrawn")->required();
  bplace_record->add_option("--effective-on", bp_place_opts.effective_on, "The day it takes effect, YYYY-MM-DD")
      ->required();
  bplace_record->add_option("--capacity", bp_place_opts.capacity,
                            "For designated and capacity: the persons it can hold at once, applicants and persons in "
                            "the return border procedure (1-1000000)")
      ->check(CLI::Range(0LL, 100000000LL));
  bplace_record->add_option("--notified-on", bp_place_opts.notified_on,
                            "When the Commission was notified, if it was (designated and withdrawn)");
  bplace_record->callback([&] { chosen = [&] { return cli::RunBorderPlaceRecord(g, bp_place_opts); }; });
  auto* bplace_notified = bplace->add_subcommand(
      "notified", "Record when the Commission was notified of a designation or withdrawal; once (--as "
                  "asylum_caseworker)");
  bplace_notified->add_option("--member-state", bp_place_opts.member_state, "Member State (alpha-3)")->required();
  bplace_notified->add_option("--place", bp_place_opts.place, "The place")->required();
  bplace_notified->add_option("--effective-on", bp_place_opts.effective_on, "The change's day, YYYY-MM-DD")
      ->required();
  bplace_notified->add_option("--notified-on", bp_place_opts.notified_on, "When the Commission was notified")
      ->required();
  bplace_notified->callback([&] { chosen = [&] { return cli::RunBorderPlaceNotified(g, bp_place_opts); }; });
  auto* bplace_list = bplace->add_subcommand(
      "list", "The register on a day: each place, whether designated, its capacity, and each change's notification "
              "(due by 11 April 2026 for the places in use from 12 June 2026, within two months for a later "
              "designation or withdrawal); planning.read");
  bplace_list->add_option("--member-state", bp_places_ms, "Member State (alpha-3)")->required();
  bplace_list->add_option("--at", bp_places_at, "The day (default today in the Member State)");
  bplace_list->callback([&] { chosen = [&] { return cli::RunBorderPlaceList(g, bp_places_ms, bp_places_at); }; });
  cli::MonitorOptions bmopts;
  auto* bmonitor = border->add_subcommand(
      "monitor",
      "Fundamental-rights monitoring of the border procedure (Art. 43(4)): one Member State's files against the "
      "time limit of Art. 51(2), unaccompanied minors (Art. 53(1)), exceptions (Art. 53(2)), detention, and files "
      "drawn at random; needs --as rights_monitor");
  bmonitor->add_option("--member-state", bmopts.member_state, "Member State whose files are monitored (alpha-3)")
      ->required();
  bmonitor->add_option("--from", bmopts.from, "First registration date, YYYY-MM-DD (default: the first)");
  bmonitor->add_option("--to", bmopts.to, "Last registration date, YYYY-MM-DD (default: the last)");
  bmonitor->add_option("--at", bmopts.at, "Report as of this day, YYYY-MM-DD (default today)");
  bmonitor->add_option("--sample", bmopts.sample, "Files drawn at random for a spot check, 0-50 (default 0)");
  bmonitor->add_option("--seed", bmopts.seed, "Seed of the draw, to repeat one (default: random, stated in the report)");
  bmonitor->callback([&] { chosen = [&] { return cli::RunBorderProcedureMonitor(g, bmopts); }; });

  // Responsibility files (AMMR Part III): the case document's versions, the work list, the outcome.
  auto* rfile = app.add_subcommand(
      "responsibility-file",
      "Responsibility files (Regulation (EU) 2024/1351, Part III): every version of a responsibility case kept, the "
      "newest decided, a work list by the nearest time limit; needs --as asylum_caseworker");
  rfile->require_subcommand(1);
  std::string rf_case, rf_id, rf_at, rf_outcome, rf_on, rf_reason, rf_ms, rf_due, rf_received_by;
  bool rf_received = false;
  int rf_version = 0, rf_limit = 100;
  auto* rf_open = rfile->add_subcommand("open", "Open a file with a responsibility case document as its first version");
  rf_open->add_option("--case", rf_case, "Responsibility case JSON (docs/schemas/responsibility-case.schema.json)")
      ->required();
  rf_open->add_option("--received-by", rf_received_by,
                      "A request this Member State received (AMMR Arts. 40-41): the case as the requesting State "
                      "stated it, kept as this State's file");
  rf_open->callback([&] { chosen = [&] { return cli::RunResponsibilityFileOpen(g, rf_case, rf_received_by); }; });
  auto* rf_update = rfile->add_subcommand(
      "update", "Record a new version of the file's case (a request sent, a reply, the transfer decision, the "
                "transfer...); the older versions stay");
  rf_update->add_option("id", rf_id, "File id (rsp-...)")->required();
  rf_update->add_option("--case", rf_case, "The whole case document as it now stands")->required();
  rf_update->callback([&] { chosen = [&] { return cli::RunResponsibilityFileUpdate(g, rf_id, rf_case); }; });
  auto* rf_show = rfile->add_subcommand("show", "The file, its versions, a version's case and its decision");
  rf_show->add_option("id", rf_id, "File id")->required();
  rf_show->add_option("--version", rf_version, "The version shown (default: the newest)");
  rf_show->add_option("--at", rf_at, "Decide on this day, YYYY-MM-DD (default: the case's decision_date)");
  rf_show->callback([&] { chosen = [&] { return cli::RunResponsibilityFileShow(g, rf_id, rf_version, rf_at); }; });
  auto* rf_list = rfile->add_subcommand(
      "list", "The work list: a Member State's open files decided on a day, the time limits not yet met, nearest first");
  rf_list->add_option("--member-state", rf_ms, "Member State (alpha-3)")->required();
  rf_list->add_option("--due-by", rf_due, "Only time limits ending by this day, YYYY-MM-DD");
  rf_list->add_option("--at", rf_at, "Decide on this day (default today in the Member State)");
  rf_list->add_option("--limit", rf_limit, "At most this many files (1-500)")->capture_default_str();
  rf_list->add_flag("--received", rf_received, "The requests the Member State received, not its own files");
  rf_list->callback([&] {
    chosen = [&] { return cli::RunResponsibilityFileList(g, rf_ms, rf_due, rf_at, rf_limit, rf_received); };
  });
  auto* rf_close = rfile->add_subcommand("close", "Close a file with its outcome");
  rf_close->add_option("id", rf_id, "File id")->required();
  rf_close->add_option("--outcome", rf_outcome, "transferred, examined_here, withdrawn or ceased")->required();
  rf_close->add_option("--on", rf_on, "YYYY-MM-DD (default today in the Member State)");
  rf_close->callback([&] { chosen = [&] { return cli::RunResponsibilityFileClose(g, rf_id, rf_outcome, rf_on); }; });
  std::string rf_from, rf_to;
  auto* rf_report = rfile->add_subcommand(
      "report", "Counts of a Member State's outgoing requests, acceptances, transfer decisions and transfers in a "
                "period (AMMR Arts. 9(3)(a)(x)-(xi), 80), its requests received, and the time limits that passed "
                "unmet, by the State on whom each ran; planning.read");
  rf_report->add_option("--member-state", rf_ms, "Member State (alpha-3)")->required();
  rf_report->add_option("--from", rf_from, "First day counted, YYYY-MM-DD");
  rf_report->add_option("--to", rf_to,
                        "Last day counted, YYYY-MM-DD; the time limits passed are decided on it (default: today)");
  rf_report->callback([&] { chosen = [&] { return cli::RunResponsibilityFileReport(g, rf_ms, rf_from, rf_to); }; });
  auto* rf_erase = rfile->add_subcommand("erase", "Erase a file and every version of it");
  rf_erase->add_option("id", rf_id, "File id")->required();
  rf_erase->add_option("--reason", rf_reason, "no_longer_needed or unlawfully_processed (GDPR Art. 17(1)(a), (d))")
      ->required();
  rf_erase->callback([&] { chosen = [&] { return cli::RunResponsibilityFileErase(g, rf_id, rf_reason); }; });
  std::string rf_with;
  bool rf_leave = false;
  auto* rf_family = rfile->add_subcommand(
      "family", "The family procedure (AMMR Art. 28): join another open file's family, its members' newest cases "
                "then decided together, or leave it");
  rf_family->add_option("id", rf_id, "File id")->required();
  rf_family->add_option("--with", rf_with, "Join the family of this open file of the same Member State");
  rf_family->add_flag("--leave", rf_leave, "Leave the file's family: decided alone again");
  rf_family->callback([&] { chosen = [&] { return cli::RunResponsibilityFileFamily(g, rf_id, rf_with, rf_leave); }; });

  auto* reg = app.add_subcommand(
      "registry", "Eurodac registry (Regulation (EU) 2024/1358): enrol, compare, show, erase; needs --as registry_operator");
  reg->require_subcommand(1);
  std::string record_file, registry_id, erase_reason, expire_at;
  double registry_preselect = 1.0;
  auto* renrol = reg->add_subcommand("enrol", "Compare a record (Art. 27) and store it with its erase date (Art. 29)");
  std::string record_batch;
  auto* enrol_record = renrol->add_option("--record", record_file, "Record JSON (registry-documents contract)");
  renrol->add_option("--batch", record_batch, "JSON Lines: one record per line, one answer per line")
      ->excludes(enrol_record);
  renrol->add_option("--preselect", registry_preselect, "Share of eligible records the full matcher scores (1 = exhaustive)")
      ->capture_default_str();
  renrol->callback([&] {
    chosen = [&] {
      if (!record_batch.empty()) return cli::RunRegistryEnrolBatch(g, record_batch, registry_preselect);
      if (record_file.empty()) return cli::Fail(Status::InvalidArgument("give --record FILE or --batch FILE", "--record"));
      return cli::RunRegistryEnrol(g, record_file, registry_preselect);
    };
  });
  auto* rsearch = reg->add_subcommand("search", "Compare a record as enrol would, storing nothing");
  rsearch->add_option("--record", record_file, "Record JSON")->required();
  rsearch->add_option("--preselect", registry_preselect, "Share of eligible records the full matcher scores (1 = exhaustive)")
      ->capture_default_str();
  rsearch->callback([&] { chosen = [&] { return cli::RunRegistrySearch(g, record_file, registry_preselect); }; });
  std::string registry_reference;
  auto* rshow = reg->add_subcommand("show", "Print a stored record (templates as positions, formats and sizes)");
  rshow->add_option("id", registry_id, "Record id");
  rshow->add_option("--reference", registry_reference, "Or the Member State's reference number: MS/REFERENCE");
  rshow->callback([&] { chosen = [&] { return cli::RunRegistryShow(g, registry_id, registry_reference); }; });
  auto* rerase = reg->add_subcommand("erase", "Erase a record before its time (Art. 30, Art. 40(3))");
  rerase->add_option("id", registry_id, "Record id")->required();
  rerase->add_option("--reason", erase_reason, "citizenship_acquired, inaccurate or unlawfully_recorded")->required();
  rerase->callback([&] { chosen = [&] { return cli::RunRegistryErase(g, registry_id, erase_reason); }; });
  std::string verify_hit, verify_result;
  auto* rverify = reg->add_subcommand("verify", "Record the final identification of a hit (Art. 38(4)-(6))");
  rverify->add_option("id", registry_id, "The stored record whose comparison gave the hit")->required();
  rverify->add_option("--hit", verify_hit, "The record it hit")->required();
  rverify->add_option("--result", verify_result,
                      "confirmed (the datasets stay linked, Art. 3(6)) or rejected (the hit is erased; eu-LISA is "
                      "told within 3 working days)")->required();
  rverify->callback([&] { chosen = [&] { return cli::RunRegistryVerify(g, registry_id, verify_hit, verify_result); }; });
  std::string status_file;
  auto* rupdate = reg->add_subcommand("update", "Record status data: Member State responsible, transfers, departure, "
                                                  "visa, security flag... (Arts. 16, 17(2), 22(3), 23(3), 24(3))");
  rupdate->add_option("id", registry_id, "Record id")->required();
  rupdate->add_option("--status", status_file, "JSON object of status fields (null removes one)")->required();
  rupdate->callback([&] { chosen = [&] { return cli::RunRegistryUpdate(g, registry_id, status_file); }; });
  std::string person_file;
  auto* rrectify = reg->add_subcommand("rectify", "Rectify or complete a record's person data: names, nationalities, "
                                                  "date of birth, sex (Arts. 40(3), 43(4); Member State of origin only)");
  rrectify->add_option("id", registry_id, "Record id")->required();
  rrectify->add_option("--person", person_file, "JSON object of person fields (null removes one)")->required();
  rrectify->callback([&] { chosen = [&] { return cli::RunRegistryRectify(g, registry_id, person_file); }; });
  std::string report_reason, report_note;
  auto* rreport = reg->add_subcommand("report", "Tell the Member State of origin that a record it transmitted, seen "
                                                "through a hit, is inaccurate or unlawfully recorded (Art. 40(5))");
  rreport->add_option("id", registry_id, "Record id (another Member State's)")->required();
  rreport->add_option("--reason", report_reason, "inaccurate or unlawfully_recorded")->required();
  rreport->add_option("--note", report_note, "The evidence (at most 1,000 characters)");
  rreport->callback([&] { chosen = [&] { return cli::RunRegistryReport(g, registry_id, report_reason, report_note); }; });
  std::string transfer_country, transfer_id, transfer_decision, transfer_reason, transfer_ms;
  bool transfer_purpose = false, transfer_informed = false;
  auto* rtransfer = reg->add_subcommand("transfer-request", "Ask the Member State of origin to agree to transferring a "
                                                            "record's data, obtained by a hit, to a third country for "
                                                            "return (Art. 50)");
  rtransfer->add_option("id", registry_id, "Record id (another Member State's, seen through a hit)")->required();
  rtransfer->add_option("--member-state", transfer_ms, "The requesting Member State (alpha-3)")->required();
  rtransfer->add_option("--third-country", transfer_country, "Alpha-3 code of the third country")->required();
  rtransfer->add_flag("--purpose-confirmed", transfer_purpose,
                      "Only to identify an illegally staying person and issue an identity or travel document for "
                      "return (Art. 50(3)(a))");
  rtransfer->add_flag("--person-informed", transfer_informed,
                      "The person was told their data may be shared with that country (Art. 50(3)(b))");
  rtransfer->callback([&] {
    chosen = [&] {
      return cli::RunRegistryTransferRequest(g, registry_id, transfer_ms, transfer_country, transfer_purpose,
                                             transfer_informed);
    };
  });
  auto* rdecide = reg->add_subcommand("transfer-decide", "Agree to or refuse a transfer request addressed to this "
                                                         "Member State (Art. 50(1))");
  rdecide->add_option("transfer", transfer_id, "The request (rtr-...)")->required();
  rdecide->add_option("--member-state", transfer_ms, "The Member State of origin (alpha-3)")->required();
  rdecide->add_option("--decision", transfer_decision, "agreed or refused")->required();
  rdecide->add_option("--reason", transfer_reason, "Why (required when refusing)");
  rdecide->callback([&] {
    chosen = [&] {
      return cli::RunRegistryTransferDecide(g, transfer_id, transfer_ms, transfer_decision, transfer_reason);
    };
  });
  std::string mark;
  auto* rmark = reg->add_subcommand("mark", "Mark a record: protection granted (Art. 31(1)) or residence document (31(4))");
  rmark->add_option("id", registry_id, "Record id")->required();
  rmark->add_option("--mark", mark, "international_protection or residence_document")->required();
  rmark->callback([&] { chosen = [&] { return cli::RunRegistryMark(g, registry_id, mark); }; });
  auto* runmark = reg->add_subcommand("unmark", "Remove the protection mark when the status is withdrawn (Art. 31(3))");
  runmark->add_option("id", registry_id, "Record id")->required();
  runmark->callback([&] { chosen = [&] { return cli::RunRegistryUnmark(g, registry_id); }; });
  auto* rexpire = reg->add_subcommand("expire", "Erase every record whose retention ended before a date (Art. 29(10))");
  rexpire->add_option("--at", expire_at, "YYYY-MM-DD, not after today (default today)");
  rexpire->callback([&] { chosen = [&] { return cli::RunRegistryExpire(g, expire_at); }; });
  std::string tp_decision, tp_until, tp_basis;
  auto* rtp = reg->add_subcommand("extend-temporary-protection",
                                  "Extend the retention of a Council implementing decision's temporary-protection "
                                  "records while the protection lasts (Art. 29(9))");
  rtp->add_option("--decision", tp_decision, "The implementing decision's reference, as in the records")->required();
  rtp->add_option("--until", tp_until, "YYYY-MM-DD: the day the temporary protection now lasts until")->required();
  rtp->add_option("--basis", tp_basis, "What extended it (e.g. the Council decision)")->required();
  rtp->callback([&] {
    chosen = [&] { return cli::RunRegistryExtendTemporaryProtection(g, tp_decision, tp_until, tp_basis); };
  });
  std::string subject_file;
  auto* rsubject = reg->add_subcommand("subject-access",
                                       "A data subject's access request: the datasets on them, to verify before "
                                       "disclosure (Art. 43)");
  rsubject->add_option("--request", subject_file, "Request JSON: member_state, received_on, channel, fingerprints")
      ->required();
  rsubject->callback([&] { chosen = [&] { return cli::RunRegistrySubjectAccess(g, subject_file); }; });
  std::string notified_ms;
  bool notified_all = false;
  auto* rnotes = reg->add_subcommand(
      "notifications", "What Eurodac told the Member States whose data a record hit (Arts. 16(4), 30(2), 31(1), (4))");
  rnotes->add_option("--member-state", notified_ms, "Only this recipient (alpha-3)");
  rnotes->add_flag("--all", notified_all, "Acknowledged notifications too");
  std::string notified_after;
  int notified_limit = 500;
  rnotes->add_option("--after", notified_after, "The page after this notification (the previous page's \"next\")");
  rnotes->add_option("--limit", notified_limit, "Notifications per page, 1 to 500")->capture_default_str();
  rnotes->callback([&] {
    chosen = [&] { return cli::RunRegistryNotifications(g, notified_ms, notified_all, notified_after, notified_limit); };
  });
  std::string notification_id;
  auto* rack = reg->add_subcommand("acknowledge", "Record that a notification was read by its recipient");
  rack->add_option("id", notification_id, "Notification id (ntf-...)")->required();
  rack->callback([&] { chosen = [&] { return cli::RunRegistryAcknowledge(g, notification_id); }; });
  std::string stats_month, stats_year;
  auto* rstats = reg->add_subcommand("stats", "Count records by category and Member State; a month's or a year's Art. 12 "
                                              "figures");
  rstats->add_option("--month", stats_month, "YYYY-MM: that month's statistics (Eurodac Art. 12(1))");
  rstats->add_option("--year", stats_year, "YYYY: that year's statistics (Eurodac Art. 12(2))");
  rstats->callback([&] { chosen = [&] { return cli::RunRegistryStats(g, stats_month, stats_year); }; });

  auto* le = app.add_subcommand("law-enforcement",
                                "Eurodac comparisons for law enforcement (Chapter XI): a designated authority's reasoned "
                                "request, the verifying authority's check");
  le->require_subcommand(1);
  std::string le_file, le_id, le_met, le_reasons;
  bool le_all = false;
  auto* lereq = le->add_subcommand("request", "Submit a reasoned request (Arts. 32(1), 33); --as law_enforcement");
  lereq->add_option("--request", le_file, "Request JSON (docs/registry.md)")->required();
  lereq->callback([&] { chosen = [&] { return cli::RunLawEnforcementRequest(g, le_file); }; });
  auto* leshow = le->add_subcommand("show", "A request, its state and its result; --as law_enforcement");
  leshow->add_option("id", le_id, "Request id (ler-...)")->required();
  leshow->callback([&] { chosen = [&] { return cli::RunLawEnforcementShow(g, le_id); }; });
  auto* lequeue = le->add_subcommand("queue", "Requests awaiting verification; --as verifying_authority");
  lequeue->add_flag("--all", le_all, "Every request, decided ones too");
  std::string le_after;
  int le_limit = 500;
  lequeue->add_option("--after", le_after, "The page after this request (the previous page's \"next\")");
  lequeue->add_option("--limit", le_limit, "Requests per page, 1 to 500")->capture_default_str();
  lequeue->callback([&] { chosen = [&] { return cli::RunLawEnforcementQueue(g, le_all, le_after, le_limit); }; });
  auto* leforward = le->add_subcommand(
      "forward", "In exceptional urgency, forward a request for immediate comparison, to be verified afterwards "
                 "(Art. 32(4)); --as verifying_authority");
  leforward->add_option("id", le_id, "Request id (ler-...)")->required();
  leforward->callback([&] { chosen = [&] { return cli::RunLawEnforcementForward(g, le_id); }; });
  auto* leverify = le->add_subcommand("verify", "Record whether every condition is met (Arts. 6(2), 32); --as verifying_authority");
  leverify->add_option("id", le_id, "Request id (ler-...)")->required();
  leverify->add_option("--conditions-met", le_met, "yes or no")->required();
  leverify->add_option("--reasons", le_reasons, "Why (documented with the request)")->required();
  leverify->callback([&] { chosen = [&] { return cli::RunLawEnforcementVerify(g, le_id, le_met, le_reasons); }; });

  cli::PlanningOutput planning;
  auto add_output = [&planning](CLI::App* cmd) {
    cmd->add_flag("--csv", planning.csv, "Print CSV");
    cmd->add_option("--svg", planning.svg_file, "Also write the chart as SVG to this file");
  };
  int year = 2026;
  std::string pledges;
  double eur_per_relocation = 20000;
  auto* solidarity = app.add_subcommand("solidarity", "Solidarity pool and fair shares (AMMR Part IV)");
  solidarity->require_subcommand(1);
  auto* sreport = solidarity->add_subcommand("report", "Fair share of each Member State in a year's pool");
  sreport->add_option("--year", year, "Pool year")->capture_default_str();
  sreport->add_option("--pledges", pledges, "CSV member_state,relocations,financial_eur,alternative_eur");
  sreport->add_option("--eur-per-relocation", eur_per_relocation, "Equivalence (AMMR Art. 12(2)-(3))")
      ->capture_default_str();
  std::string crisis_deductions;
  sreport->add_option("--crisis-deductions", crisis_deductions,
                      "CSV member_state,applications,authorised_by: applications taken above the fair share in a "
                      "crisis, deducted from this cycle's fair share as the Commission authorised (Regulation (EU) "
                      "2024/1359, Art. 9(4)(a), 9(5))");
  add_output(sreport);
  sreport->callback([&] {
    chosen = [&] {
      return cli::RunSolidarityReport(g, planning, year, pledges, eur_per_relocation, crisis_deductions);
    };
  });
  cli::CrisisOffsetArgs crisis;
  auto* coffsets = solidarity->add_subcommand(
      "crisis-offsets", "Responsibility offsets when a crisis's relocation needs are not met (Crisis Reg. Art. 9)");
  coffsets->add_option("--member-state", crisis.member_state, "The Member State facing the crisis (alpha-3)")->required();
  coffsets->add_option("--relocation-needs", crisis.relocation_needs,
                       "Relocation needs of the Council implementing decision (Art. 4(5)(b)(i))")
      ->check(CLI::Range(0LL, 100000000LL));
  coffsets->add_option("--financial-needs-eur", crisis.financial_needs_eur,
                       "Financial contributions and alternative measures needed, EUR (Art. 4(5)(b)(ii)): each "
                       "contributor's fair share of them");
  coffsets->add_option("--relocations-committed", crisis.relocations_committed,
                       "Relocations committed in all: from the annual pool and additional (Art. 4(5)(b)(iii)-(iv))")
      ->check(CLI::Range(0LL, 100000000LL));
  coffsets->add_option("--commitments", crisis.commitments_file,
                       "Or per contributor: CSV member_state,relocations[,financial_eur,alternative_eur]");
  coffsets->add_option("--crisis-deductions", crisis.crisis_deductions_file,
                       "CSV member_state,applications,authorised_by: applications a contributor took above its fair "
                       "share under an earlier decision, deducted from its fair share of this one as the Commission "
                       "authorised (Art. 9(4)(b), 9(5))");
  coffsets->add_option("--eligible-applications", crisis.eligible_applications,
                       "Applications the State in crisis is responsible for that meet AMMR Art. 63(8)")
      ->check(CLI::Range(0LL, 100000000LL));
  coffsets->add_option("--other-beneficiaries-uncovered", crisis.other_beneficiaries_uncovered,
                       "Solidarity needs of other benefitting Member States (AMMR Arts. 58-59) the annual pool can no "
                       "longer meet because the State in crisis draws on it (Art. 9(6))")
      ->check(CLI::Range(0LL, 100000000LL));
  coffsets->add_option("--not-contributing", crisis.not_contributing,
                       "Member States the Council decision exempts (alpha-3, comma-separated)")
      ->delimiter(',');
  coffsets->add_flag("--temporary-protection-article-11-disapplied", crisis.temporary_protection_article_11_disapplied,
                     "Directive 2001/55/EC activated for the same situation without its Art. 11 (Art. 9(1))");
  coffsets->add_flag("--article-13-authorised", crisis.article_13_authorised,
                     "The Council decision authorises the State to apply Art. 13 (Art. 9(1))");
  coffsets->add_option("--decision-ends", crisis.decision_ends,
                       "YYYY-MM-DD the Council decision ceased to be in force (Art. 9(4)(b))");
  coffsets->add_option("--year", crisis.year, "Year of the reference key's inputs")->capture_default_str();
  add_output(coffsets);
  coffsets->callback([&] { chosen = [&] { return cli::RunCrisisOffsets(g, planning, crisis); }; });
  cli::OffsetRequestArgs offset_request;
  auto* orequest = solidarity->add_subcommand(
      "offset-request", "A beneficiary's request that a contributor take responsibility for applications instead of "
                        "relocations (AMMR Arts. 63(1)-(2), 69): whether it may be made, the contributor's cap "
                        "(63(7)) and the day its answer is due (69(2)); prints JSON");
  orequest->add_option("--year", offset_request.year, "Pool year")->capture_default_str();
  orequest->add_option("--requesting", offset_request.requesting, "The beneficiary asking (alpha-3)")->required();
  orequest->add_option("--requested", offset_request.requested, "The contributor asked (alpha-3)")->required();
  orequest->add_option("--applications", offset_request.applications, "Applications asked for")
      ->check(CLI::Range(0LL, 100000000LL))
      ->required();
  orequest->add_option("--received-on", offset_request.received_on, "The day the contributor received the request");
  orequest->add_option("--pledges", offset_request.pledges_file,
                       "The pool's pledges, CSV as for solidarity report (for Art. 63(1)-(2) and 63(7))");
  orequest->add_flag("--offered", offset_request.offered,
                     "The contributor said it was willing to take responsibility instead of relocations (63(2))");
  orequest->callback([&] { chosen = [&] { return cli::RunOffsetRequest(g, offset_request); }; });
  auto* capacity = app.add_subcommand("capacity", "Border-procedure adequate capacity (APR Arts. 46-47)");
  capacity->require_subcommand(1);
  auto* creport = capacity->add_subcommand("report", "Published capacities, annual maximum, and what can be recomputed");
  creport->add_option("--at", at, "YYYY-MM-DD (default 2026-06-12)");
  add_output(creport);
  creport->callback([&] { chosen = [&] { return cli::RunCapacityReport(g, planning, at); }; });
  auto* stats = app.add_subcommand("stats", "Route statistics, recognition rates and the annual situation picture");
  stats->require_subcommand(1);
  std::string from_month, to_month;
  auto* routes = stats->add_subcommand("routes", "Irregular crossings by route: totals, shares, changes, trend, change points");
  routes->add_option("--from", from_month, "First month, YYYY-MM")->required();
  routes->add_option("--to", to_month, "Last month, YYYY-MM")->required();
  add_output(routes);
  routes->callback([&] { chosen = [&] { return cli::RunStatsRoutes(g, planning, from_month, to_month); }; });
  std::string write_policy;
  auto* lowrec = stats->add_subcommand("low-recognition",
                                       "Nationalities at or below the 20 % recognition rate (APR Art. 42(1)(j))");
  lowrec->add_option("--year", year, "Reference year")->required();
  lowrec->add_option("--write-policy", write_policy,
                     "Regenerate the rates policy file (data/policy/recognition_rates.csv) from data/reference");
  add_output(lowrec);
  lowrec->callback([&] { chosen = [&] { return cli::RunStatsLowRecognition(g, planning, year, write_policy); }; });
  int top_citizenships = 10;
  auto* indicators = stats->add_subcommand(
      "indicators", "The annual report's situation picture on published figures (AMMR Art. 9(3)(a)): applicants per "
                    "Member State against population and the reference key, citizenships, what is missing");
  indicators->add_option("--year", year, "Reference year of the figures (2022-2024 in the shipped data)")->required();
  indicators->add_option("--top", top_citizenships, "Citizenships listed, most applicants first (1-200)")
      ->capture_default_str();
  add_output(indicators);
  indicators->callback([&] { chosen = [&] { return cli::RunStatsIndicators(g, planning, year, top_citizenships); }; });
  std::string arrivals;
  unsigned long long seed = 1;
  auto* simulate = app.add_subcommand("simulate", "What-if: route a scenario of arrivals through the procedure engine");
  simulate->add_option("--arrivals", arrivals, "CSV month,member_state,nationality,arrivals[,context]")->required();
  simulate->add_option("--year", year, "Year of the scenario")->capture_default_str();
  simulate->add_option("--seed", seed, "Random seed (results are deterministic for a seed)")->capture_default_str();
  add_output(simulate);
  simulate->callback([&] { chosen = [&] { return cli::RunSimulate(g, planning, arrivals, year, seed); }; });

  auto* fp = app.add_subcommand("fp", "Fingerprint engine: match, evaluate");
  fp->require_subcommand(1);
  std::string fp_a, fp_b;
  auto* fmatch = fp->add_subcommand("match", "Score two templates (ISO 19794-2 or ANSI 378): calibrated score, fingers at comparable positions fused");
  fmatch->add_option("a", fp_a, "First template")->required();
  fmatch->add_option("b", fp_b, "Second template")->required();
  fmatch->callback([&] { chosen = [&] { return cli::RunFpMatch(g, fp_a, fp_b); }; });
  auto* feval = fp->add_subcommand("eval", "EER, FMR100, FMR1000, FNMR at threshold, rank-1 on FVC-style folders");
  cli::FpEvalArgs eval;
  feval->add_option("dir", eval.dir, "Folder of <finger>_<impression>.iso (each sub-folder one database)")->required();
  feval->add_option("--scores", eval.scores_file, "Write every compared ordered pair as CSV db,a,b,score");
  feval->add_option("--calibration", eval.calibration_file,
                    "Score with this calibration table (CSV from fp calibrate) instead of the shipped one");
  feval->add_flag("--correct-geometry", eval.correct_geometry,
                  "Stretch back a database whose templates look squeezed (fp geometry) before measuring it");
  feval->add_flag("--skip-invalid", eval.skip_invalid,
                  "Leave out (and list) templates that do not parse instead of stopping; the figures are the others'");
  feval->add_option("--baseline-scores", eval.baseline_file,
                    "Measure the mean EER's change against these scores (a CSV of an earlier --scores), finger for "
                    "finger (paired bootstrap)");
  feval->add_flag("--progress", eval.progress,
                  "Report each database's start and end on stderr (the default when stderr is a terminal)");
  feval->callback([&] { chosen = [&] { return cli::RunFpEval(g, eval); }; });
  std::string geo_dir;
  auto* fgeo = fp->add_subcommand("geometry", "Check each capture source in a folder for a squeezed axis (templates from resized images)");
  fgeo->add_option("dir", geo_dir, "Folder of .iso templates (sub-folders too)")->required();
  fgeo->callback([&] { chosen = [&] { return cli::RunFpGeometry(g, geo_dir); }; });
  cli::FpIdentifyArgs identify;
  auto* fid = fp->add_subcommand("identify", "1:N: rank a gallery folder's templates against one or more probes");
  fid->add_option("--gallery", identify.gallery, "Folder of .iso templates (sub-folders too)")->required();
  fid->add_option("--probe", identify.probes,
                  "Probe template; several (--probe A.iso B.iso, or the option repeated) are answered in one pass "
                  "over the gallery")
      ->required();
  fid->add_option("--top", identify.top, "How many candidates")->capture_default_str();
  fid->add_option("--preselect", identify.preselect,
                  "Share of the gallery the full matcher scores after the triplet-index pre-selection (1 = exhaustive)")
      ->capture_default_str();
  fid->add_flag("--progress", identify.progress,
                "Report reading and preparing the gallery on stderr (the default for 10,000 templates or more when "
                "stderr is a terminal)");
  fid->add_option("--threshold", identify.threshold,
                  "Search score a hit needs: -10 log10 of the false-positive identification rate (40 = 1 in "
                  "10,000 searches, 30 = 1 in 1,000)")
      ->capture_default_str();
  fid->add_flag("--gpu", identify.gpu,
                "Run the exhaustive scan's comparisons on the first CUDA GPU (an openpact built with `make gpu`): "
                "the same candidates as on the CPU");
  fid->add_flag("--skip-invalid", identify.skip_invalid,
                "Leave out gallery templates that do not parse (a warning each) instead of stopping");
  fid->callback([&] { chosen = [&] { return cli::RunFpIdentify(g, identify); }; });
  int cal_templates = 1415;
  unsigned long long cal_seed = 1;
  std::string cal_out, cal_population = "related";
  auto* fcal = fp->add_subcommand("calibrate", "Fit the score calibration on synthetic impostor pairs");
  fcal->add_option("--templates", cal_templates, "Synthetic fingers (1415 -> 1,000,405 pairs)")->capture_default_str();
  fcal->add_option("--seed", cal_seed, "Seed")->capture_default_str();
  fcal->add_option("--population", cal_population,
                   "Impostor fingers: related (the shipped table; checked on real impostors) or independent "
                   "(underestimates real false matches; docs/biometrics.md)")
      ->capture_default_str();
  int cal_archetypes = 0;
  fcal->add_option("--flow-archetypes", cal_archetypes,
                   "Experiment, with --population independent: fingers share ridge flows in K archetypes")
      ->capture_default_str();
  fcal->add_option("--out", cal_out, "Write the table here (default: print)");
  fcal->callback([&] {
    chosen = [&] { return cli::RunFpCalibrate(g, cal_templates, cal_seed, cal_population, cal_archetypes, cal_out); };
  });
  auto* synth = app.add_subcommand("synth", "Synthetic test data (never real people)");
  synth->require_subcommand(1);
  int synth_fingers = 10, synth_impressions = 8;
  std::string synth_out;
  unsigned long long synth_seed = 1;
  auto* sfp = synth->add_subcommand("fingerprints", "Master fingers and their impressions as ISO templates");
  sfp->add_option("--fingers", synth_fingers, "Number of fingers")->capture_default_str();
  sfp->add_option("--impressions", synth_impressions, "Impressions per finger")->capture_default_str();
  sfp->add_option("--out", synth_out, "Output folder")->required();
  sfp->add_option("--seed", synth_seed, "Seed (deterministic)")->capture_default_str();
  sfp->callback([&] {
    chosen = [&] { return cli::RunSynthFingerprints(g, synth_fingers, synth_impressions, synth_out, synth_seed); };
  });
  int synth_persons = 20, synth_captures = 2, synth_record_fingers = 10;
  auto* srec = synth->add_subcommand("records", "Registry record documents of synthetic persons (<person>_<capture>.json)");
  srec->add_option("--persons", synth_persons, "Number of persons")->capture_default_str();
  srec->add_option("--captures", synth_captures, "Records per person: an application, then apprehensions")->capture_default_str();
  srec->add_option("--fingers", synth_record_fingers, "Fingers per record (positions 1..N)")->capture_default_str();
  srec->add_option("--out", synth_out, "Output folder")->required();
  srec->add_option("--seed", synth_seed, "Seed (deterministic, with --from)")
      ->capture_default_str();
  std::string synth_from;
  srec->add_option(
      "--from", synth_from,
      "First event day, YYYY-MM-DD; the events fall over the 200 days from it (default: 210 days "
      "before today, not before 2026-06-15, so that the records can be enrolled today)");
  srec->callback([&] {
    chosen = [&] {
      return cli::RunSynthRecords(g, synth_persons, synth_captures, synth_record_fingers, synth_out,
                                  synth_seed, synth_from);
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "openpact: invalid_argument: " << e.what() << "\n"
              << "Run 'openpact --help' (or 'openpact COMMAND --help') for usage.\n";
    return 2;
  }
  auto parsed = auth::ParseRole(role_name, "--as");
  if (!parsed.ok()) return cli::Fail(parsed.status());
  if (Status purpose = auth::ValidateLabel(g.purpose, 500, "--purpose"); !purpose.ok()) return cli::Fail(purpose);
  if (!g.data_dir.empty()) {
    if (!std::filesystem::exists(std::filesystem::path(g.data_dir) / "countries.csv")) {
      return cli::Fail(Status::InvalidArgument(g.data_dir + " is not an OpenPact data folder (no countries.csv in it)",
                                               "--data-dir"));
    }
    // Every reader of shipped data then finds this folder, those that take no option too (the
    // fingerprint scores' calibration table was read from the default folder whatever was given).
    ::setenv("OPENPACT_DATA_DIR", g.data_dir.c_str(), 1);
  }
  g.role = *parsed;
  // Commands report what they expect to fail through Status. An exception reaching here is a
  // failure no command foresaw (a folder that cannot be listed mid-walk, memory exhausted): say
  // what it was, once, instead of aborting with a core dump.
  try {
    return chosen ? chosen() : 0;
  } catch (const std::filesystem::filesystem_error& e) {
    std::cerr << "openpact: io_error: " << e.what() << "\n";
  } catch (const std::bad_alloc&) {
    std::cerr << "openpact: resource_exhausted: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "openpact: internal: " << e.what() << "\n";
  }
  return 1;
}
