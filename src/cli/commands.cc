#include "cli/commands.h"

#include <algorithm>
#include <filesystem>

#include <chrono>

#include <sys/stat.h>
#include "cli/session.h"

#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "api/openapi.h"
#include "api/server.h"
#include "audit/audit.h"
#include "core/countries.h"
#include "core/crypto.h"
#include "core/data_dir.h"
#include "core/time_limits.h"
#include "core/version.h"
#include "rules/procedure.h"
#include "store/store.h"

namespace openpact::cli {
namespace {

using json = nlohmann::json;

void PrintJson(const json& j) { std::cout << j.dump(2) << "\n"; }

// A read that could not be audited has happened all the same: say so, so that the operator can
// record it (the log must show who read what).
void WarnIfNotAudited(const Status& audited) {
  if (!audited.ok()) std::cerr << "openpact: warning: this command's audit entry could not be written: " << audited.ToString() << "\n";
}

}  // namespace

int Fail(const Status& s) {
  std::cerr << "openpact: " << s.ToString() << "\n";
  return s.ExitCode();
}

Result<std::optional<Date>> OptionalDate(const std::string& text, const std::string& option) {
  if (text.empty()) return std::optional<Date>();
  OP_ASSIGN_OR_RETURN(Date d, Date::Parse(text, option));
  return std::optional<Date>(d);
}

Status CheckStateOfTheSystemOption(const GlobalOptions& g, const std::string& member_state) {
  OP_ASSIGN_OR_RETURN(CountryRegistry countries, CountryRegistry::Load(ResolveDataDir(g.data_dir) + "/countries.csv"));
  return countries.ValidateStateOfTheSystem(member_state, "--member-state");
}

Status AsOption(const Status& st) {
  const std::string& field = st.field();
  if (st.code() != StatusCode::kInvalidArgument || field.empty() ||
      field.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos) {
    return st;
  }
  std::string option = "--" + field;
  std::replace(option.begin(), option.end(), '_', '-');
  return Status::InvalidArgument(st.message(), option);
}

Result<Date> ExpiryDay(const std::string& at_text, Date today) {
  OP_ASSIGN_OR_RETURN(std::optional<Date> given, OptionalDate(at_text, "--at"));
  const Date at = given.value_or(today);
  if (today < at) return Status::InvalidArgument("is after today (" + today.ToString() + ")", "--at");
  return at;
}

Status AsCaseFile(const Status& st) {
  if (st.code() != StatusCode::kInvalidArgument || st.field() != "body") return st;
  return Status::InvalidArgument(st.message(), "--case");
}

int RunVersion(const GlobalOptions& g) {
  if (g.json) {
    PrintJson({{"name", "openpact"}, {"version", Version()}, {"schema_version", store::LatestSchemaVersion()}});
  } else {
    std::cout << "openpact " << Version() << " (schema " << store::LatestSchemaVersion() << ")\n";
  }
  return 0;
}

int RunOpenApi(const GlobalOptions& g) {
  (void)g;  // always JSON: the document is JSON
  std::cout << api::OpenApiDocument(Version()) << "\n";
  return 0;
}

int RunRoles(const GlobalOptions& g) {
  if (g.json) {
    json out = json::array();
    for (auth::Action a : auth::AllActions()) {
      json roles = json::array();
      for (auth::Role r : auth::AllRoles()) {
        if (auth::Allowed(r, a)) roles.push_back(std::string(auth::RoleName(r)));
      }
      out.push_back({{"action", std::string(auth::ActionName(a))}, {"roles", roles},
                     {"basis", std::string(auth::ActionBasis(a))}});
    }
    PrintJson({{"actions", out}});
  } else {
    std::cout << auth::MatrixMarkdown();
  }
  return 0;
}

int RunInit(const GlobalOptions& g, int face_dimension) {
  auto session = Session::Open(g, /*verify_only=*/false, /*create=*/true);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  auth::TokenStore tokens(s.store());
  auto list = tokens.List();
  if (!list.ok()) return Fail(list.status());
  for (const auth::TokenInfo& t : *list) {
    if (t.role == auth::Role::kAdmin && !t.revoked) {
      if (g.json) {
        PrintJson({{"initialised", false}, {"reason", "already initialised"}, {"db", g.db_url}});
      } else {
        std::cout << "openpact: " << g.db_url << " is already initialised (an admin token exists; "
                  << "create more with 'openpact token create').\n";
      }
      return 0;
    }
  }
  auto created = tokens.Create("initial-admin", auth::Role::kAdmin, g.actor);
  if (!created.ok()) return Fail(created.status());
  Status st = s.store()->Exec(
      "INSERT INTO setting (key, value) VALUES ('initialised_at', ?) ON CONFLICT (key) DO NOTHING",
      {Timestamp::Now().ToString()});
  if (st.ok()) {
    st = s.store()->Exec(
        "INSERT INTO setting (key, value) VALUES ('registry.face_dimension', ?) ON CONFLICT (key) DO NOTHING",
        {std::to_string(face_dimension)});
  }
  if (!st.ok()) return Fail(st);
  st = s.Audit(auth::Action::kTokenCreate, "token:" + std::to_string(created->second.id), "ok",
               "installation initialised");
  if (!st.ok()) return Fail(st);
  if (g.json) {
    PrintJson({{"initialised", true}, {"db", g.db_url}, {"audit_key", g.audit_key},
               {"admin_token", created->first}, {"audit_key_id", s.key().key_id()}});
  } else {
    std::cout << "Initialised " << g.db_url << " (schema " << store::LatestSchemaVersion() << ").\n"
              << "Audit signing key: " << g.audit_key << " (id " << s.key().key_id()
              << "): keep it outside the database and back it up.\n"
              << "First admin token (shown once, store it now):\n"
              << created->first << "\n";
  }
  return 0;
}

int RunServe(const GlobalOptions& g, const std::string& host, int port, double registry_preselect) {
  if (!(registry_preselect > 0 && registry_preselect <= 1)) {  // NaN fails too
    return Fail(Status::InvalidArgument("must be in (0, 1]", "--registry-preselect"));
  }
  // Block SIGINT/SIGTERM in every thread; one thread waits for them and stops the server, so
  // in-flight requests finish and the audit log is sealed before exit.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  api::ServerOptions opts;
  opts.host = host;
  opts.port = port;
  opts.registry_preselect = registry_preselect;
  opts.db_url = g.db_url;
  opts.data_dir = g.data_dir;
  opts.audit_key_path = g.audit_key;
  auto server = api::Server::Create(opts);
  if (!server.ok()) return Fail(server.status());
  Status st = (*server)->Bind();
  if (!st.ok()) return Fail(st);
  spdlog::info("openpact {} serving on http://{}:{} (store {})", Version(), host, (*server)->port(),
               g.db_url);
  api::Server* srv = server->get();
  std::thread waiter([srv, signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {} received: shutting down", sig);
    srv->Stop();
  });
  st = srv->Run();
  // Wake the waiter if the server stopped for another reason.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!st.ok()) return Fail(st);
  spdlog::info("stopped");
  return 0;
}

int RunTokenCreate(const GlobalOptions& g, const std::string& role_name, const std::string& name,
                   const std::string& member_state) {
  auto role = auth::ParseRole(role_name, "--role");
  if (!role.ok()) return Fail(role.status());
  if (!member_state.empty()) {
    if (Status st = CheckStateOfTheSystemOption(g, member_state); !st.ok()) return Fail(st);
  }
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kTokenCreate); !st.ok()) return Fail(st);
  auth::TokenStore tokens(s.store());
  // The token and its audit entry commit together: no token the log does not show.
  auto tx = store::Transaction::Begin(s.store());
  if (!tx.ok()) return Fail(tx.status());
  auto created = tokens.Create(name, *role, g.actor, member_state);
  if (!created.ok()) return Fail(created.status());
  Status st = s.Audit(auth::Action::kTokenCreate, "token:" + std::to_string(created->second.id), "ok",
                      "token administration");
  if (st.ok()) st = tx->Commit();
  if (!st.ok()) return Fail(st.WithContext("no token created: its audit entry could not be written"));
  if (g.json) {
    PrintJson({{"id", created->second.id}, {"name", name}, {"role", role_name},
               {"member_state", member_state.empty() ? json(nullptr) : json(member_state)}, {"token", created->first}});
  } else {
    std::cout << created->first << "\n";
    std::cerr << "Token " << created->second.id << " '" << name << "' (role " << role_name
              << ") created. It is shown once: store it now.\n";
  }
  return 0;
}

int RunTokenList(const GlobalOptions& g) {
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kTokenList); !st.ok()) return Fail(st);
  auth::TokenStore tokens(s.store());
  auto list = tokens.List();
  if (!list.ok()) return Fail(list.status());
  WarnIfNotAudited(s.Audit(auth::Action::kTokenList, "", "ok", "token administration"));
  if (g.json) {
    std::cout << auth::TokensToJson(*list, 2) << "\n";
  } else {
    std::printf("%-5s %-24s %-20s %-21s %s\n", "ID", "NAME", "ROLE", "CREATED", "STATE");
    for (const auto& t : *list) {
      std::printf("%-5lld %-24s %-20s %-21s %s\n", static_cast<long long>(t.id), t.name.c_str(),
                  std::string(auth::RoleName(t.role)).c_str(), t.created_at.c_str(),
                  t.revoked ? "revoked" : "active");
    }
  }
  return 0;
}

int RunTokenRevoke(const GlobalOptions& g, long long id) {
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kTokenRevoke); !st.ok()) return Fail(st);
  auth::TokenStore tokens(s.store());
  if (Status st = s.RunAudited(auth::Action::kTokenRevoke, "token:" + std::to_string(id), "ok", "token administration",
                               [&] { return tokens.Revoke(id); });
      !st.ok()) {
    return Fail(st);
  }
  std::cout << "token " << id << " revoked\n";
  return 0;
}

int RunAuditVerify(const GlobalOptions& g, const std::string& public_key_hex) {
  auto session = Session::Open(g, /*verify_only=*/!public_key_hex.empty());
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kAuditVerify); !st.ok()) return Fail(st);
  audit::SigningKey verify_key = s.key();
  if (!public_key_hex.empty()) {
    auto k = audit::SigningKey::FromPublicHex(public_key_hex);
    if (!k.ok()) return Fail(k.status());
    verify_key = *k;
  }
  // Verify before this command logs anything, so that the check covers the log as found.
  auto rep = s.audit()->Verify(verify_key);
  if (!rep.ok()) return Fail(rep.status());
  WarnIfNotAudited(s.Audit(auth::Action::kAuditVerify, "", rep->ok ? "ok" : "failed", "audit verification"));
  if (g.json) {
    std::cout << audit::VerifyReportToJson(*rep, 2) << "\n";
  } else if (rep->ok) {
    std::cout << "audit log OK: " << rep->entries_checked << " entries, "
              << rep->checkpoints_checked << " signed checkpoints (key " << verify_key.key_id() << ")\n";
  } else {
    std::cout << "audit log FAILED at entry " << rep->first_bad_seq << " (" << rep->problem
              << "): " << rep->message << "\n";
  }
  return rep->ok ? 0 : 1;
}

int RunAuditCheckpoint(const GlobalOptions& g) {
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kAuditVerify); !st.ok()) return Fail(st);
  auto cp = s.audit()->CheckpointNow();
  if (!cp.ok()) return Fail(cp.status());
  if (!cp->has_value()) {
    std::cout << "audit log is empty: nothing to seal\n";
    return 0;
  }
  const audit::Checkpoint& c = **cp;
  if (g.json) {
    PrintJson({{"seq", c.seq}, {"head_hash", c.head_hash}, {"entries", c.entries}, {"at", c.at},
               {"key_id", c.key_id}, {"signature", c.signature}});
  } else {
    std::cout << "sealed entries up to " << c.seq << " (head " << c.head_hash.substr(0, 16)
              << "..., key " << c.key_id << ")\n";
  }
  return 0;
}

int RunAuditLog(const GlobalOptions& g, long long after, int limit) {
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kAuditRead); !st.ok()) return Fail(st);
  auto entries = s.audit()->List(after, limit);
  if (!entries.ok()) return Fail(entries.status());
  if (g.json) {
    std::cout << audit::EntriesToJson(*entries, 2) << "\n";
  } else {
    for (const auto& e : *entries) {
      std::cout << e.seq << "\t" << e.at << "\t" << e.input.actor << "\t" << e.input.role << "\t"
                << e.input.action << "\t" << e.input.object << "\t" << e.input.outcome << "\t"
                << e.input.purpose << "\n";
    }
  }
  WarnIfNotAudited(s.Audit(auth::Action::kAuditRead, "", "ok", "audit review"));
  return 0;
}

int RunAuditExportKey(const GlobalOptions& g) {
  auto key = audit::SigningKey::Load(g.audit_key);
  if (!key.ok()) return Fail(key.status());
  if (g.json) {
    PrintJson({{"algorithm", "Ed25519"}, {"key_id", key->key_id()}, {"public_key", key->public_key_hex()}});
  } else {
    std::cout << key->public_key_hex() << "\n";
    std::cerr << "Ed25519 public key, id " << key->key_id()
              << ": monitors verify with 'openpact audit verify --public-key HEX'\n";
  }
  return 0;
}

int RunAuditPrune(const GlobalOptions& g, const std::string& before) {
  auto date = Date::Parse(before, "--before");
  if (!date.ok()) return Fail(date.status());
  // Erasure cannot be undone: a cut later than the law allows (a typo, a date in the future) would
  // erase records a monitor may still need. Eurodac Art. 41(4) keeps each record of processing
  // until a year after the retention period of its data, so none younger than the policy's
  // minimum age (one year) may go.
  auto rules = rules::RulesData::Load(ResolveDataDir(g.data_dir));
  if (!rules.ok()) return Fail(rules.status().WithContext("loading policy"));
  const Date today = Date::Today();
  const rules::Parameter* basis = nullptr;
  auto age = rules->policy.PeriodAt("eurodac.log_minimum_age", today, &basis);
  if (!age.ok()) return Fail(age.status());
  const Date latest = age->unit == PeriodUnit::kYears    ? today.AddYears(-age->amount)
                      : age->unit == PeriodUnit::kMonths ? today.AddMonths(-age->amount)
                      : age->unit == PeriodUnit::kWeeks  ? today.AddDays(-7 * age->amount)
                                                         : today.AddDays(-age->amount);
  if (latest < *date) {
    return Fail(Status::InvalidArgument("records of processing younger than " + age->ToString() + " may not be erased (" +
                                            basis->legal_basis + "): the latest cut today is " + latest.ToString(),
                                        "--before"));
  }
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kAuditPrune); !st.ok()) return Fail(st);
  auto n = s.audit()->Prune(*date, {g.actor, std::string(auth::RoleName(g.role)), "", "",
                                    g.purpose.empty() ? "retention: Reg. (EU) 2024/1358, Art. 41(4)" : g.purpose,
                                    ""});
  if (!n.ok()) return Fail(n.status());
  if (g.json) {
    PrintJson({{"pruned", *n}, {"before", before}});
  } else {
    std::cout << "pruned " << *n << " entries of sealed periods ending before " << before << "\n";
  }
  return 0;
}

int RunDbCheck(const GlobalOptions& g) {
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kAuditVerify); !st.ok()) return Fail(st);
  Status st = s.store()->CheckIntegrity();
  if (!st.ok()) return Fail(st);
  std::cout << "database OK (" << s.store()->backend() << ", schema "
            << store::LatestSchemaVersion() << ")\n";
  return 0;
}

int RunDbBackup(const GlobalOptions& g, const std::string& to) {
  namespace fs = std::filesystem;
  auto session = Session::Open(g);
  if (!session.ok()) return Fail(session.status());
  Session& s = **session;
  if (Status st = s.Authorize(auth::Action::kStoreBackup, to); !st.ok()) return Fail(st);
  if (s.store()->backend() != "sqlite") {
    return Fail(Status::InvalidArgument("`db backup` copies the embedded SQLite store; back a PostgreSQL store up "
                                           "with its own tools (pg_dump, or continuous archiving with "
                                           "pg_basebackup)",
                                           "--db"));
  }
  std::error_code ec;
  if (fs::exists(to, ec)) return Fail(Status::InvalidArgument("'" + to + "' exists: a backup never overwrites a file", "--to"));
  const fs::path parent = fs::absolute(fs::path(to), ec).parent_path();
  if (!fs::is_directory(parent, ec)) {
    return Fail(Status::InvalidArgument("no directory '" + parent.string() + "' to write the backup in", "--to"));
  }
  // Audited before the copy, so that the copy holds the entry saying who made it and why (Eurodac
  // Art. 48(2)(c): no copy of data media without authorisation).
  const std::string purpose = "recovery: Reg. (EU) 2024/1358, Art. 48(2)(l)";
  if (Status st = s.Audit(auth::Action::kStoreBackup, to, "copying", purpose); !st.ok()) return Fail(st);
  const auto t0 = std::chrono::steady_clock::now();
  // The copy holds every record: readable by its owner only.
  const mode_t old_mask = ::umask(077);
  Status copied = s.store()->Exec("VACUUM INTO ?", {to});
  ::umask(old_mask);
  auto fail = [&](const Status& why) {
    (void)s.Audit(auth::Action::kStoreBackup, to, "failed: " + why.message(), purpose);
    std::error_code ignored;
    fs::remove(to, ignored);
    return Fail(why);
  };
  if (!copied.ok()) return fail(copied);
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, ec);
  // The copy is checked as it will be restored: opened read-only, its integrity and schema.
  store::StoreOptions read_only;
  read_only.read_only = true;
  read_only.must_exist = true;
  auto copy = store::Store::Open(to, read_only);
  if (!copy.ok()) return fail(copy.status());
  if (Status st = (*copy)->CheckIntegrity(); !st.ok()) return fail(st);
  auto version = (*copy)->SchemaVersion();
  if (!version.ok()) return fail(version.status());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto bytes = fs::file_size(to, ec);
  if (g.json) {
    PrintJson({{"backup", to}, {"bytes", static_cast<int64_t>(bytes)}, {"schema_version", *version},
               {"integrity", "ok"}, {"seconds", seconds}});
  } else {
    std::cout << "backup written to " << to << " (" << bytes << " bytes, schema " << *version
              << ", integrity ok, " << seconds << " s). To restore: stop the server, put the file at the --db path "
              << "(with its WAL files removed), keep the same --audit-key, then run `openpact db check` and "
              << "`openpact audit verify`.\n";
  }
  return 0;
}

int RunDeadline(const GlobalOptions& g, const std::string& from, const std::string& period_text,
                const std::string& member_state, const std::string& rule_name) {
  auto event = Date::Parse(from, "--from");
  if (!event.ok()) return Fail(event.status());
  auto period = Period::Parse(period_text, "--period");
  if (!period.ok()) return Fail(period.status());
  ComputationRule rule;
  if (rule_name == "apr73") {
    rule = ComputationRule::kApr73;
  } else if (rule_name == "ammr75") {
    rule = ComputationRule::kAmmr75;
  } else if (rule_name == "reg1182") {
    rule = ComputationRule::kReg1182_71;
  } else {
    return Fail(Status::InvalidArgument("unknown rule '" + rule_name + "' (apr73, ammr75, reg1182)", "--rule"));
  }
  const std::string data = ResolveDataDir(g.data_dir);
  auto countries = CountryRegistry::Load(data + "/countries.csv");
  if (!countries.ok()) return Fail(countries.status());
  // The AMMR's time limits also run in the States associated with the Dublin system (its recitals
  // 92-94); the APR's and Regulation 1182/71's only in the Member States.
  const Status state = rule == ComputationRule::kAmmr75 ? countries->ValidateStateOfTheSystem(member_state, "--member-state")
                                                        : countries->ValidateMemberState(member_state, "--member-state");
  if (!state.ok()) return Fail(state);
  auto calendar = HolidayCalendar::Load(data + "/holidays/public_holidays.csv");
  if (!calendar.ok()) return Fail(calendar.status());
  if (period->unit == PeriodUnit::kHours) {
    return Fail(Status::InvalidArgument("periods in hours end at an hour; give days, weeks or months",
                                        "--period"));
  }
  auto limit = ComputeTimeLimit(*event, *period, member_state, *calendar, rule);
  if (!limit.ok()) return Fail(limit.status());
  const std::string scope = "national public holidays only; regional holidays are not considered";
  if (g.json) {
    PrintJson({{"from", from}, {"period", period->ToString()}, {"member_state", member_state},
               {"end", limit->end.ToString()}, {"nominal_end", limit->nominal_end.ToString()},
               {"moved", limit->moved}, {"note", limit->note}, {"legal_basis", ComputationRuleCitation(rule)},
               {"holidays", scope}});
  } else {
    std::cout << limit->end.ToString() << "\n";
    if (limit->moved) std::cerr << limit->note << "\n";
    std::cerr << "computed under " << ComputationRuleCitation(rule) << "; " << scope << "\n";
  }
  return 0;
}

}  // namespace openpact::cli
