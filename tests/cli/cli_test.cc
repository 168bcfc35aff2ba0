// End-to-end tests of the `openpact` binary: exit codes, messages, and the audit trail it leaves.
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "api/openapi.h"
#include "biometrics/evaluation.h"
#include "biometrics/synthetic.h"
#include "core/csv.h"
#include "core/date.h"
#include "core/version.h"
#include "registry/registry.h"
#include "test_util.h"

namespace openpact {
namespace {

class Cli : public ::testing::Test {
 protected:
  // Runs openpact with the test's own database and key; returns the exit code.
  int Run(const std::string& args, std::string* out) { return RunWithKey(dir_.File("audit/signing.key"), args, out); }
  int RunWithKey(const std::string& key, const std::string& args, std::string* out) {
    const std::string cmd = std::string(OPENPACT_BINARY) + " --db " + dir_.File("cli.db") + " --audit-key " + key + " " + args;
    return testing::RunCommand(cmd, out);
  }
  void SqliteExec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_.File("cli.db").c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sql;
    sqlite3_close(db);
  }
  // Writes `text` to the file `name` in the test's folder; returns its path.
  std::string Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.File(name)) << text;
    return dir_.File(name);
  }
  testing::TempDir dir_;
};

TEST_F(Cli, VersionAndHelp) {
  std::string out;
  EXPECT_EQ(Run("--version", &out), 0);
  EXPECT_NE(out.find("openpact 0."), std::string::npos) << out;
  EXPECT_EQ(Run("--help", &out), 0);
  EXPECT_NE(out.find("Exit codes"), std::string::npos);
  EXPECT_NE(out.find("serve"), std::string::npos);
  EXPECT_EQ(Run("audit --help", &out), 0);
  EXPECT_NE(out.find("verify"), std::string::npos);
}

TEST_F(Cli, UsageErrorsExitTwo) {
  std::string out;
  EXPECT_EQ(Run("no-such-command", &out), 2);
  EXPECT_EQ(Run("token create --name x", &out), 2);  // --role missing
  EXPECT_NE(out.find("--role"), std::string::npos) << out;
  EXPECT_EQ(Run("--as emperor version", &out), 2);
  EXPECT_NE(out.find("--as"), std::string::npos) << out;
  EXPECT_EQ(Run("synth fingerprints --fingers 1000000 --impressions 100 --out " + dir_.File("many"), &out), 2);
  EXPECT_NE(out.find("at most 2,000,000 templates"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("many")));
  EXPECT_EQ(Run("fp calibrate --templates 100000000", &out), 2);  // once ran for ever
  EXPECT_NE(out.find("at most 10000 templates"), std::string::npos) << out;
  EXPECT_EQ(Run("fp calibrate --templates 100 --population twins", &out), 2);
  EXPECT_NE(out.find("--population"), std::string::npos) << out;
  EXPECT_EQ(Run("fp eval . --calibration /no/such/table.csv", &out), 2);
  EXPECT_NE(out.find("--calibration"), std::string::npos) << out;
  EXPECT_EQ(Run("--purpose \"$(printf 'two\\nlines')\" version", &out), 2);  // would be two lines in the audit log
  EXPECT_NE(out.find("--purpose"), std::string::npos) << out;
  // Numbers that parse but are no value (NaN compares false with every bound).
  EXPECT_EQ(Run("fp identify --gallery . --probe x.iso --preselect nan", &out), 2);
  EXPECT_NE(out.find("--preselect"), std::string::npos) << out;
  EXPECT_EQ(Run("solidarity report --eur-per-relocation nan", &out), 2);
  EXPECT_EQ(Run("solidarity report --eur-per-relocation inf", &out), 2);
  EXPECT_NE(out.find("--eur-per-relocation"), std::string::npos) << out;
}

TEST_F(Cli, InitPrintsTheFirstAdminTokenOnce) {
  std::string out;
  ASSERT_EQ(Run("--json init", &out), 0) << out;
  auto j = nlohmann::json::parse(out);
  EXPECT_TRUE(j["initialised"].get<bool>());
  EXPECT_EQ(j["admin_token"].get<std::string>().size(), 68u);
  ASSERT_EQ(Run("init", &out), 0);
  EXPECT_NE(out.find("already initialised"), std::string::npos) << out;
  EXPECT_EQ(out.find("opk_"), std::string::npos);
}

// A new store holds special-category data: its file is its owner's alone from the start.
TEST_F(Cli, ANewStoreIsReadableByItsOwnerOnly) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0) << out;
  const auto perms = std::filesystem::status(dir_.File("cli.db")).permissions();
  EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

// `db backup`: admin only, a new file (never overwritten), owner-only, intact, holding the audit
// entry that says who copied the data and why (Eurodac Art. 48(2)(c), (l)).
TEST_F(Cli, ABackupIsACheckedAuditedOwnerOnlyCopy) {
  namespace fs = std::filesystem;
  std::string out;
  ASSERT_EQ(Run("init", &out), 0) << out;
  ASSERT_EQ(Run("token create --role border_guard --name gate-7", &out), 0) << out;
  const std::string copy = dir_.File("backup.db");
  EXPECT_EQ(Run("--as analyst db backup --to " + copy, &out), 1);
  EXPECT_NE(out.find("may not store.backup"), std::string::npos) << out;
  EXPECT_FALSE(fs::exists(copy));
  ASSERT_EQ(Run("--json db backup --to " + copy, &out), 0) << out;
  const auto answer = nlohmann::json::parse(out);
  EXPECT_EQ(answer["integrity"], "ok");
  EXPECT_GT(answer["bytes"].get<int64_t>(), 0);
  EXPECT_EQ(fs::status(copy).permissions() & fs::perms::all, fs::perms::owner_read | fs::perms::owner_write);
  // Never over an existing file; nor into a folder that is not there.
  EXPECT_EQ(Run("db backup --to " + copy, &out), 2);
  EXPECT_NE(out.find("never overwrites"), std::string::npos) << out;
  EXPECT_EQ(Run("db backup --to " + dir_.File("no/such/folder/b.db"), &out), 2);
  EXPECT_NE(out.find("--to"), std::string::npos) << out;
  // The copy is a store of its own: intact, with the token and the entry of its own making, and
  // the audit chain verifies with the same key.
  const std::string on_copy = std::string(OPENPACT_BINARY) + " --db " + copy + " --audit-key " +
                              dir_.File("audit/signing.key") + " ";
  ASSERT_EQ(testing::RunCommand(on_copy + "db check", &out), 0) << out;
  ASSERT_EQ(testing::RunCommand(on_copy + "--json token list", &out), 0) << out;
  EXPECT_NE(out.find("gate-7"), std::string::npos) << out;
  ASSERT_EQ(testing::RunCommand(on_copy + "audit log", &out), 0) << out;
  EXPECT_NE(out.find("store.backup\t" + copy + "\tcopying"), std::string::npos) << out;
  EXPECT_NE(out.find("analyst\tstore.backup"), std::string::npos) << "the refusal is audited too: " << out;
  ASSERT_EQ(testing::RunCommand(on_copy + "audit verify", &out), 0) << out;
}

TEST_F(Cli, TokenCommandsCheckTheRoleAndTheInput) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  EXPECT_EQ(Run("token create --role king --name x", &out), 2);
  EXPECT_NE(out.find("--role"), std::string::npos) << out;
  EXPECT_EQ(Run("--as analyst token create --role analyst --name x", &out), 1);
  EXPECT_NE(out.find("permission_denied"), std::string::npos) << out;
  ASSERT_EQ(Run("token create --role border_guard --name gate-7", &out), 0) << out;
  EXPECT_EQ(out.rfind("opk_", 0), 0u) << out;
  ASSERT_EQ(Run("--json token list", &out), 0);
  auto j = nlohmann::json::parse(out);
  ASSERT_EQ(j["tokens"].size(), 2u);
  EXPECT_EQ(j["tokens"][1]["role"], "border_guard");
  EXPECT_EQ(Run("token revoke 99", &out), 1);
  // The refused attempt is in the audit log, with its role.
  ASSERT_EQ(Run("--as auditor --json audit log", &out), 0) << out;
  bool denied = false;
  const auto log = nlohmann::json::parse(out);
  for (const auto& e : log["entries"]) {
    denied |= e["outcome"] == "permission_denied" && e["role"] == "analyst";
  }
  EXPECT_TRUE(denied) << out;
}

TEST_F(Cli, AuditVerifyNamesAnEditedOrDeletedRow) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Run("token create --role analyst --name a" + std::to_string(i), &out), 0);
  ASSERT_EQ(Run("audit verify", &out), 0) << out;
  EXPECT_NE(out.find("audit log OK"), std::string::npos);
  SqliteExec("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
  EXPECT_EQ(Run("audit verify", &out), 1);
  EXPECT_NE(out.find("entry 2"), std::string::npos) << out;
  EXPECT_NE(out.find("altered"), std::string::npos) << out;
}

TEST_F(Cli, AuditVerifyNamesADeletedRow) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Run("token create --role analyst --name a" + std::to_string(i), &out), 0);
  SqliteExec("DELETE FROM audit_log WHERE seq = 3");
  EXPECT_EQ(Run("--json audit verify", &out), 1);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["ok"], false);
  EXPECT_EQ(j["first_bad_seq"], 3);
  EXPECT_EQ(j["problem"], "removed");
}

// Pruning erases for good: a cut in the last year (Eurodac Art. 41(4): records of processing
// outlive their data's retention by a year) is refused and erases nothing.
TEST_F(Cli, AuditPruneRefusesACutTheLawDoesNotAllow) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  ASSERT_EQ(Run("audit checkpoint", &out), 0) << out;
  const std::string tomorrow = Date::Today().AddDays(1).ToString();
  EXPECT_EQ(Run("audit prune --before " + tomorrow, &out), 2);
  EXPECT_NE(out.find("--before"), std::string::npos) << out;
  EXPECT_NE(out.find("Art. 41(4)"), std::string::npos) << out;
  EXPECT_EQ(Run("audit prune --before " + Date::Today().AddMonths(-11).ToString(), &out), 2);
  ASSERT_EQ(Run("--json audit log", &out), 0);
  EXPECT_EQ(nlohmann::json::parse(out)["entries"][0]["seq"], 1);  // nothing erased
  ASSERT_EQ(Run("--json audit prune --before " + Date::Today().AddYears(-1).ToString(), &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["pruned"], 0);  // nothing that old
}

// One log, one key. A mistyped --audit-key (or the default relative path from another folder) used
// to create a new key silently and seal checkpoints with it: the log then failed verification
// with the right key. Now a sealed log refuses a missing or different key and nothing is
// written; a monitor verifying with the public key alone needs no key file.
TEST_F(Cli, ASealedLogRefusesAnotherSigningKey) {
  std::string out, key;
  ASSERT_EQ(Run("init", &out), 0);
  ASSERT_EQ(Run("token create --role analyst --name a", &out), 0) << out;
  const std::string typo = dir_.File("audit/signing.kye");
  EXPECT_EQ(RunWithKey(typo, "token list", &out), 2);
  EXPECT_NE(out.find("--audit-key"), std::string::npos) << out;
  EXPECT_NE(out.find("no audit signing key at"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(typo));
  // A key of another installation: refused as well.
  testing::TempDir other;
  ASSERT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --db " + other.File("o.db") + " --audit-key " +
                                    other.File("o.key") + " init", &out), 0);
  EXPECT_EQ(RunWithKey(other.File("o.key"), "token create --role analyst --name b", &out), 2);
  EXPECT_NE(out.find("did not seal this store's log"), std::string::npos) << out;
  ASSERT_EQ(Run("audit verify", &out), 0) << out;
  EXPECT_NE(out.find("audit log OK"), std::string::npos) << out;
  // The monitor: the public key, no signing key file.
  ASSERT_EQ(Run("audit export-key", &key), 0);
  ASSERT_EQ(RunWithKey(dir_.File("nowhere/none.key"), "--as auditor audit verify --public-key " + key.substr(0, 64), &out), 0)
      << out;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("nowhere/none.key")));
  ASSERT_EQ(Run("audit verify", &out), 0) << out;  // the monitor's run sealed nothing with another key
  // One key, one log: a second store given this store's key is refused (both logs' checkpoints
  // went to one anchor file, and the first log then failed verification: "entries removed").
  const std::string second = std::string(OPENPACT_BINARY) + " --db " + dir_.File("second.db") + " --audit-key " +
                             dir_.File("audit/signing.key");
  EXPECT_EQ(testing::RunCommand(second + " init", &out), 2);
  EXPECT_NE(out.find("already seals another store's log"), std::string::npos) << out;
  ASSERT_EQ(Run("audit verify", &out), 0) << out;
}

// Only init creates a store: any other command given a path where none is (a typo) is refused
// and creates nothing, instead of working on a new, empty store as if the data were gone.
TEST_F(Cli, OnlyInitCreatesAStore) {
  std::string out;
  const std::string missing = dir_.File("typo/cli.db");
  const std::string cmd = std::string(OPENPACT_BINARY) + " --db " + missing + " --audit-key " + dir_.File("k.key");
  EXPECT_EQ(testing::RunCommand(cmd + " token list", &out), 2);
  EXPECT_NE(out.find("no store at"), std::string::npos) << out;
  EXPECT_NE(out.find("--db"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_FALSE(std::filesystem::exists(dir_.File("typo")));
  ASSERT_EQ(testing::RunCommand(cmd + " init", &out), 0) << out;
  EXPECT_TRUE(std::filesystem::exists(missing));
  EXPECT_EQ(testing::RunCommand(cmd + " token list", &out), 0) << out;
}

// Without the shipped calibration table the scores would silently be raw x 100, on which the
// threshold 40 says nothing about FMR: the commands that score refuse to run, naming the file.
TEST_F(Cli, ScoringNeedsTheCalibrationTable) {
  std::string out;
  std::filesystem::copy(testing::DataDir(), dir_.File("data"), std::filesystem::copy_options::recursive);
  std::filesystem::remove(dir_.File("data/biometrics/calibration.csv"));
  ASSERT_TRUE(biometrics::WriteSyntheticSet(dir_.File("fp"), 2, 2, 3).ok());
  const std::string env = "OPENPACT_DATA_DIR=" + dir_.File("data") + " ";
  const std::string bin = env + std::string(OPENPACT_BINARY) + " ";
  EXPECT_EQ(testing::RunCommand(bin + "fp match " + dir_.File("fp/1_1.iso") + " " + dir_.File("fp/1_2.iso"), &out), 1);
  EXPECT_NE(out.find("calibration.csv"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand(bin + "fp identify --gallery " + dir_.File("fp") + " --probe " + dir_.File("fp/1_1.iso"), &out), 1);
  EXPECT_NE(out.find("the score calibration"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand(bin + "fp eval " + dir_.File("fp"), &out), 1);
  // --data-dir counts for the calibration too (it was read from the default folder regardless).
  EXPECT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + dir_.File("data") + " fp match " +
                                    dir_.File("fp/1_1.iso") + " " + dir_.File("fp/1_2.iso"), &out), 1);
  EXPECT_NE(out.find("calibration.csv"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + dir_.File("nowhere") + " policy show", &out), 2);
  EXPECT_NE(out.find("--data-dir"), std::string::npos) << out;
  // With the table back (the default data folder), the same match scores.
  EXPECT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " fp match " + dir_.File("fp/1_1.iso") + " " +
                                    dir_.File("fp/1_2.iso"), &out), 0) << out;
}

// fp eval --progress says on stderr where a long evaluation stands, database by database; the
// table on stdout is unchanged by it (and --json stays one parseable document).
TEST_F(Cli, FpEvalReportsProgressOnStderr) {
  ASSERT_TRUE(biometrics::WriteSyntheticSet(dir_.File("eval/DB1"), 3, 2, 21).ok());
  ASSERT_TRUE(biometrics::WriteSyntheticSet(dir_.File("eval/DB2"), 3, 2, 22).ok());
  const std::string bin = std::string(OPENPACT_BINARY) + " ";
  std::string err, plain;
  ASSERT_EQ(testing::RunCommand("(" + bin + "fp eval --progress " + dir_.File("eval") + " 2>&1 >/dev/null)", &err), 0) << err;
  EXPECT_NE(err.find("fp eval: DB1 comparing (6 templates; database 1 of 2)"), std::string::npos) << err;
  EXPECT_NE(err.find("fp eval: DB2 measured (6 templates; database 2 of 2)"), std::string::npos) << err;
  ASSERT_EQ(testing::RunCommand("(" + bin + "--json fp eval --progress " + dir_.File("eval") + " 2>/dev/null)", &plain), 0);
  EXPECT_EQ(plain.find("fp eval:"), std::string::npos) << plain;
  const nlohmann::json answer = nlohmann::json::parse(plain, nullptr, false);
  ASSERT_FALSE(answer.is_discarded()) << plain;
  EXPECT_EQ(answer["databases"].size(), 2u) << plain;
}

// A change and its audit entry commit together: when the entry cannot be written (here a trigger
// refuses it), the token is not created and the screening not opened, instead of existing
// without a trace in the log.
TEST_F(Cli, NoChangeWithoutItsAuditEntry) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  SqliteExec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit refused'); END");
  EXPECT_NE(Run("token create --role analyst --name unlogged", &out), 0);
  EXPECT_NE(out.find("audit entry could not be written"), std::string::npos) << out;
  EXPECT_NE(Run("--as border_guard screening start --member-state ITA --location external_border --event-date 2026-07-01",
                &out), 0);
  SqliteExec("DROP TRIGGER refuse_audit");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(dir_.File("cli.db").c_str(), &db), SQLITE_OK);
  long long screenings = -1;
  sqlite3_exec(db, "SELECT count(*) FROM screening",
               [](void* n, int, char** v, char**) { *static_cast<long long*>(n) = std::atoll(v[0]); return 0; },
               &screenings, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(screenings, 0);  // the screening was not opened either
  ASSERT_EQ(Run("--json token list", &out), 0) << out;
  EXPECT_EQ(out.find("unlogged"), std::string::npos) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["tokens"].size(), 1u);  // the initial admin token only
}

TEST_F(Cli, AuditVerifyWithThePublicKeyOnly) {
  std::string out, key;
  ASSERT_EQ(Run("init", &out), 0);
  ASSERT_EQ(Run("audit export-key", &key), 0);
  key = key.substr(0, 64);
  ASSERT_EQ(Run("--as auditor audit verify --public-key " + key, &out), 0) << out;
  EXPECT_EQ(Run("audit verify --public-key 1234", &out), 2);
}

TEST_F(Cli, DeadlineComputesApr73) {
  std::string out;
  ASSERT_EQ(Run("deadline --from 2026-07-08 --period '3 days' --member-state ITA", &out), 0) << out;
  EXPECT_EQ(out.substr(0, 10), "2026-07-13");
  ASSERT_EQ(Run("--json deadline --from 2026-12-18 --period '7 days' --member-state ITA", &out), 0);
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["end"], "2026-12-28");
  EXPECT_EQ(j["legal_basis"], "Regulation (EU) 2024/1348, Art. 73");
  EXPECT_EQ(Run("deadline --from 2026-02-30 --period '3 days' --member-state ITA", &out), 2);
  EXPECT_NE(out.find("--from"), std::string::npos) << out;
  EXPECT_EQ(Run("deadline --from 2026-02-03 --period '3 days' --member-state NOR", &out), 2);  // not under the APR
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  // Under the AMMR, which Norway applies through its agreement: Norway's holidays (Easter Monday,
  // 6 April 2026, moves an end on it to the next day).
  ASSERT_EQ(Run("deadline --from 2026-03-30 --period '1 week' --member-state NOR --rule ammr75", &out), 0) << out;
  EXPECT_EQ(out.substr(0, 10), "2026-04-07");
  EXPECT_EQ(Run("deadline --from 2026-02-03 --period '3 days' --member-state USA --rule ammr75", &out), 2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  EXPECT_EQ(Run("deadline --from 2026-02-03 --period 'soon' --member-state ITA", &out), 2);
}

TEST_F(Cli, ScreeningNeedsTheBorderGuardRoleAndNamesBadOptions) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  const std::string start = "screening start --member-state ITA --location in_territory --event-date 2026-07-01";
  EXPECT_EQ(Run(start, &out), 1);
  EXPECT_NE(out.find("permission_denied"), std::string::npos) << out;
  ASSERT_EQ(Run("--as border_guard " + start, &out), 0) << out;
  auto s = nlohmann::json::parse(out);
  EXPECT_EQ(s["must_end_on"], "2026-07-06");
  const std::string id = s["id"];
  EXPECT_EQ(Run("--as border_guard screening start --member-state ITA --location in_territory --event-date 2026-7-1", &out), 2);
  EXPECT_NE(out.find("--event-date"), std::string::npos) << out;
  EXPECT_EQ(Run("--as border_guard screening start --member-state XYZ --location in_territory --event-date 2026-07-01", &out), 2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  // The 4-day rule concerns the external border: refused naming the option that asked for it.
  EXPECT_EQ(Run("--as border_guard screening start --member-state ITA --location in_territory --event-date 2026-07-01 "
                "--held-over-72h", &out), 2);
  EXPECT_NE(out.find("--held-over-72h"), std::string::npos) << out;
  ASSERT_EQ(Run("--as border_guard screening record " + id + " --check health --outcome 'no further check needed'", &out), 0) << out;
  EXPECT_EQ(Run("--as border_guard screening close " + id + " --referral teleport", &out), 2);
  ASSERT_EQ(Run("--as border_guard screening close " + id + " --referral criminal_proceedings --on 2026-07-02", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["referral"]["legal_basis"], "Regulation (EU) 2024/1356, Art. 18(6)");
  // Art. 18(7): the files whose keeping ended are deleted (the periods are tested in
  // cases/screening_test.cc, on fixed dates); a day after today is refused.
  ASSERT_EQ(Run("--as border_guard --json screening expire", &out), 0) << out;
  EXPECT_TRUE(nlohmann::json::parse(out)["erased"].is_number_integer()) << out;
  EXPECT_EQ(Run("--as border_guard screening expire --at 2999-01-01", &out), 2);
  EXPECT_NE(out.find("--at"), std::string::npos) << out;
  // The work list: the open file only, options named in errors.
  ASSERT_EQ(Run("--as border_guard " + start, &out), 0) << out;
  const std::string open_id = nlohmann::json::parse(out)["id"];
  ASSERT_EQ(Run("--as border_guard screening list --member-state ITA --at 2026-07-05", &out), 0) << out;
  auto list = nlohmann::json::parse(out);
  ASSERT_EQ(list["count"], 1);
  EXPECT_EQ(list["screenings"][0]["id"], open_id);
  EXPECT_EQ(list["screenings"][0]["days_left"], 1);  // limit Mon 6 July
  EXPECT_EQ(Run("--as border_guard screening list --member-state ITA --due-by 2026-7-6", &out), 2);
  EXPECT_NE(out.find("--due-by"), std::string::npos) << out;
  EXPECT_EQ(Run("--as border_guard screening list --member-state ITA --limit 0", &out), 2);
  EXPECT_NE(out.find("--limit"), std::string::npos) << out;
  EXPECT_EQ(Run("--as border_guard screening list --member-state QQQ", &out), 2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  EXPECT_EQ(Run("--as analyst screening list --member-state ITA", &out), 1);
}

// The fundamental-rights monitor from the command line: its report and the files it reads, under
// its own right (audited as such), options named in errors, no other role let in.
TEST_F(Cli, ScreeningMonitorForTheRightsMonitor) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  ASSERT_EQ(Run("--as border_guard screening start --member-state ITA --location in_territory --event-date 2026-07-01", &out), 0)
      << out;
  const std::string id = nlohmann::json::parse(out)["id"];
  const std::string monitor = "--as rights_monitor screening monitor --member-state ITA --at 2026-07-10";
  ASSERT_EQ(Run(monitor + " --sample 1 --seed 5", &out), 0) << out;
  auto report = nlohmann::json::parse(out);
  EXPECT_EQ(report["time_limit"]["open_overdue"][0]["id"], id);
  EXPECT_EQ(report["time_limit"]["open_overdue"][0]["days_overdue"], 4);  // limit Mon 6 July
  EXPECT_EQ(report["sample"]["seed"], "5");
  EXPECT_EQ(report["sample"]["screenings"][0]["id"], id);
  // Without --seed the draw's seed is random, and stated.
  ASSERT_EQ(Run(monitor, &out), 0) << out;
  EXPECT_FALSE(nlohmann::json::parse(out)["sample"]["seed"].get<std::string>().empty());
  EXPECT_EQ(Run(monitor + " --seed -3", &out), 2);
  EXPECT_NE(out.find("--seed"), std::string::npos) << out;
  EXPECT_EQ(Run(monitor + " --sample 99", &out), 2);
  EXPECT_NE(out.find("--sample"), std::string::npos) << out;
  EXPECT_EQ(Run("--as rights_monitor screening monitor --member-state XYZ", &out), 2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  EXPECT_EQ(Run(monitor + " --from 2026-13-01", &out), 2);
  EXPECT_NE(out.find("--from"), std::string::npos) << out;
  // The monitor reads a file; the border guard's right to screen is not its own, nor the report
  // anyone else's.
  ASSERT_EQ(Run("--as rights_monitor screening show " + id, &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["id"], id);
  EXPECT_EQ(Run("--as rights_monitor screening close " + id + " --referral return_continues", &out), 1);
  EXPECT_NE(out.find("permission_denied"), std::string::npos) << out;
  EXPECT_EQ(Run("--as border_guard screening monitor --member-state ITA", &out), 1);
  EXPECT_EQ(Run("--as analyst screening show " + id, &out), 1);
  ASSERT_EQ(Run("--as auditor --json audit log", &out), 0) << out;
  EXPECT_NE(out.find("\"screening.monitor\""), std::string::npos) << out;
}

// Border procedure files from the command line: opened by an asylum caseworker from a case, events
// and closing with options named in errors, the monitor's report and reads under its own right.
TEST_F(Cli, BorderProcedureFilesAndTheirMonitoring) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  const std::string kase = Write("case.json", R"({"decision_date": "2026-07-15", "member_state": "ITA",
    "applicant": {"nationality": "PAK", "date_of_birth": "1995-03-02"},
    "application": {"made_on": "2026-07-10", "registered_on": "2026-07-11", "lodged_on": "2026-07-14",
                    "context": "border_crossing_point", "after_screening": true}})");
  EXPECT_EQ(Run("--as border_guard border-procedure open --case " + kase, &out), 1);
  EXPECT_NE(out.find("permission_denied"), std::string::npos) << out;
  ASSERT_EQ(Run("--as asylum_caseworker border-procedure open --case " + kase, &out), 0) << out;
  const auto file = nlohmann::json::parse(out);
  EXPECT_EQ(file["must_end_on"], "2026-10-05");
  const std::string id = file["id"];
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure open --case " + Write("bad.json", "{\"decision_date\": 1}"), &out), 2);
  EXPECT_NE(out.find("decision_date"), std::string::npos) << out;
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure open --case /nonexistent.json", &out), 2);
  EXPECT_NE(out.find("--case"), std::string::npos) << out;
  // A file that is not JSON: named as the option that gave it, with the place of the fault.
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure open --case " + Write("broken.json", "{\n  \"a\": [1,,2]\n}"),
                &out), 2);
  EXPECT_NE(out.find("invalid_argument: --case: malformed JSON at line 2, column 11"), std::string::npos) << out;
  const std::string record = "--as asylum_caseworker border-procedure record " + id;
  EXPECT_EQ(Run(record + " --event exception --point q --on 2026-07-20", &out), 2);
  EXPECT_NE(out.find("--point"), std::string::npos) << out;
  EXPECT_EQ(Run(record + " --event detained --on 20/07/2026", &out), 2);
  EXPECT_NE(out.find("--on"), std::string::npos) << out;
  EXPECT_EQ(Run(record + " --event teleported", &out), 2);
  EXPECT_NE(out.find("--event"), std::string::npos) << out;
  ASSERT_EQ(Run(record + " --event detained --on 2026-07-12", &out), 0) << out;
  EXPECT_EQ(Run(record + " --event placed --on 2026-07-12", &out), 2);  // where?
  EXPECT_NE(out.find("--place"), std::string::npos) << out;
  ASSERT_EQ(Run(record + " --event placed --place 'Lampedusa hotspot' --on 2026-07-12", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["events"].back()["place"], "Lampedusa hotspot");
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure close " + id + " --outcome entry_authorised_time_limit --on 2026-09-01",
                &out), 1);  // the limit has not run yet
  EXPECT_NE(out.find("failed_precondition"), std::string::npos) << out;

  // APR Art. 72(1): the files whose ten years ran are deleted (the periods are tested in
  // cases/border_procedure_test.cc, on fixed dates); this one is open, and a day after today is refused.
  ASSERT_EQ(Run("--as asylum_caseworker --json border-procedure expire", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["erased"], 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["legal_basis"][0], "Regulation (EU) 2024/1348, Art. 72(1)") << out;
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure expire --at 2999-01-01", &out), 2);
  EXPECT_NE(out.find("--at"), std::string::npos) << out;
  EXPECT_EQ(Run("--as border_guard border-procedure expire", &out), 1);
  EXPECT_NE(out.find("permission_denied"), std::string::npos) << out;
  // A file erased before its time (Art. 72(1): the person became a citizen): a throwaway one.
  ASSERT_EQ(Run("--as asylum_caseworker border-procedure open --case " + kase, &out), 0) << out;
  const std::string citizen = nlohmann::json::parse(out)["id"];
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure erase " + citizen + " --reason whim", &out), 2);
  EXPECT_NE(out.find("--reason"), std::string::npos) << out;
  ASSERT_EQ(Run("--as asylum_caseworker border-procedure erase " + citizen + " --reason citizenship_acquired", &out), 0)
      << out;
  EXPECT_EQ(nlohmann::json::parse(out)["erased"], true) << out;
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure show " + citizen, &out), 1);
  EXPECT_NE(out.find("not_found"), std::string::npos) << out;
  ASSERT_EQ(Run("--as asylum_caseworker border-procedure list --member-state ITA --at 2026-10-01", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["border_procedures"][0]["days_left"], 4);
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure list --member-state ITA --due-by 1/10/2026", &out), 2);
  EXPECT_NE(out.find("--due-by"), std::string::npos) << out;
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure list --member-state ITA --limit 501", &out), 2);
  EXPECT_NE(out.find("--limit"), std::string::npos) << out;
  ASSERT_EQ(Run("--as analyst border-procedure occupancy --member-state ITA --at 2026-08-01", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["in_border_procedure"], 1);
  EXPECT_EQ(nlohmann::json::parse(out)["places"]["places"][0]["place"], "Lampedusa hotspot");
  EXPECT_EQ(Run("--as border_guard border-procedure occupancy --member-state ITA", &out), 1);
  EXPECT_EQ(Run("--as analyst border-procedure occupancy --member-state ITA --at 2026-8-1", &out), 2);
  EXPECT_NE(out.find("--at"), std::string::npos) << out;
  const std::string monitor = "--as rights_monitor border-procedure monitor --member-state ITA --at 2026-10-10";
  ASSERT_EQ(Run(monitor + " --sample 1 --seed 4", &out), 0) << out;
  const auto report = nlohmann::json::parse(out);
  EXPECT_EQ(report["time_limit"]["open_overdue"][0]["id"], id);
  EXPECT_EQ(report["time_limit"]["open_overdue"][0]["days_overdue"], 5);
  EXPECT_EQ(report["detained"]["files"][0]["since"], "2026-07-12");
  EXPECT_EQ(report["sample"]["border_procedures"][0]["id"], id);
  EXPECT_EQ(Run(monitor + " --sample 99", &out), 2);
  EXPECT_NE(out.find("--sample"), std::string::npos) << out;
  EXPECT_EQ(Run(monitor + " --to 2026-02-30", &out), 2);
  EXPECT_NE(out.find("--to"), std::string::npos) << out;
  ASSERT_EQ(Run("--as rights_monitor border-procedure show " + id, &out), 0) << out;
  EXPECT_EQ(Run("--as rights_monitor border-procedure close " + id + " --outcome withdrawn", &out), 1);
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure monitor --member-state ITA", &out), 1);
  ASSERT_EQ(Run("--as auditor --json audit log", &out), 0) << out;
  EXPECT_NE(out.find("\"border_procedure.monitor\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"border_procedure\""), std::string::npos) << out;

  // After a rejection, the return border procedure from a return border case.
  ASSERT_EQ(Run("--as asylum_caseworker border-procedure close " + id + " --outcome no_right_to_remain --on 2026-10-01", &out),
            0) << out;
  const std::string return_case = Write("return.json", R"({"decision_date": "2026-10-20", "member_state": "ITA",
    "person": {"nationality": "PAK"},
    "rejection": {"decided_on": "2026-10-01", "notified_on": "2026-10-02", "procedure": "border", "ground": "unfounded"},
    "appeal": {"lodged_on": "2026-10-06",
               "leave_to_remain": {"requested_on": "2026-10-06", "decided_on": "2026-10-14", "granted": false}}})");
  ASSERT_EQ(Run("--as asylum_caseworker border-procedure return " + id + " --case " + return_case, &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["return_border"]["must_end_on"], "2026-12-24");
  EXPECT_EQ(Run("--as asylum_caseworker border-procedure return-close " + id + " --outcome gone", &out), 2);
  EXPECT_NE(out.find("--outcome"), std::string::npos) << out;
  ASSERT_EQ(Run("--as asylum_caseworker border-procedure return-close " + id + " --outcome removed --on 2026-11-10", &out),
            0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["return_border"]["outcome"], "removed");
}

// The places of the border procedure (APR Art. 54(3)) from the command line: changes by a
// caseworker with the options named in errors, the register read as planning data, the
// occupancy report setting the files against it.
// `responsibility-file`: a file opened with the contract's example, a new version, the first still
// shown, the work list, the closing and the erasure; options named in refusals.
TEST_F(Cli, ResponsibilityFiles) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/responsibility-case.json";
  EXPECT_EQ(Run("--as border_guard responsibility-file open --case " + example, &out), 1);
  EXPECT_NE(out.find("permission_denied"), std::string::npos) << out;
  const std::string rf = "--as asylum_caseworker responsibility-file ";
  ASSERT_EQ(Run(rf + "open --case " + example, &out), 0) << out;
  const auto file = nlohmann::json::parse(out);
  EXPECT_EQ(file["responsible_member_state"], "FRA");
  EXPECT_EQ(file["next_time_limit_on"], "2026-10-20");
  const std::string id = file["id"];
  auto later = nlohmann::json::parse(*ReadFileToString(example));
  later["decision_date"] = "2026-09-10";
  later["take_charge_request_sent_on"] = "2026-09-05";
  ASSERT_EQ(Run(rf + "update " + id + " --case " + Write("later.json", later.dump()), &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["version"], 2);
  EXPECT_EQ(Run(rf + "update " + id + " --case " + Write("bad.json", "{\"decision_date\": 1}"), &out), 2);
  EXPECT_NE(out.find("decision_date"), std::string::npos) << out;
  ASSERT_EQ(Run(rf + "show " + id + " --version 1", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["case"], nlohmann::json::parse(*ReadFileToString(example)));
  EXPECT_EQ(Run(rf + "show " + id + " --version 7", &out), 2);
  EXPECT_NE(out.find("--version"), std::string::npos) << out;
  ASSERT_EQ(Run(rf + "list --member-state DEU --at 2026-09-12", &out), 0) << out;
  const auto list = nlohmann::json::parse(out);
  ASSERT_EQ(list["files"].size(), 1u);
  EXPECT_EQ(list["files"][0]["version"], 2);
  EXPECT_EQ(Run(rf + "list --member-state DEU --limit 0", &out), 2);
  EXPECT_NE(out.find("--limit"), std::string::npos) << out;
  EXPECT_EQ(Run(rf + "list --member-state XYZ", &out), 2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  ASSERT_EQ(Run("--as analyst responsibility-file report --member-state DEU --from 2026-09-01 --to 2026-09-30", &out), 0)
      << out;
  EXPECT_EQ(nlohmann::json::parse(out)["take_charge_requests"]["total"], 1);
  EXPECT_EQ(Run("--as analyst responsibility-file report --member-state DEU --from 1.9.2026", &out), 2);
  EXPECT_NE(out.find("--from"), std::string::npos) << out;
  EXPECT_EQ(Run("--as border_guard responsibility-file report --member-state DEU", &out), 1);
  EXPECT_EQ(Run(rf + "close " + id + " --outcome lost", &out), 2);
  EXPECT_NE(out.find("--outcome"), std::string::npos) << out;
  ASSERT_EQ(Run(rf + "close " + id + " --outcome withdrawn --on 2026-09-20", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["status"], "closed");
  EXPECT_EQ(Run(rf + "update " + id + " --case " + Write("later2.json", later.dump()), &out), 1);
  EXPECT_NE(out.find("failed_precondition"), std::string::npos) << out;
  EXPECT_EQ(Run(rf + "erase " + id + " --reason whim", &out), 2);
  EXPECT_NE(out.find("--reason"), std::string::npos) << out;
  ASSERT_EQ(Run(rf + "erase " + id + " --reason no_longer_needed", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["versions"], 2);
  EXPECT_EQ(Run(rf + "show " + id, &out), 1);
  EXPECT_NE(out.find("not_found"), std::string::npos) << out;
}

// `responsibility-file open --received-by`: a request France received kept as France's file, listed
// with `list --received`; the option named in refusals.
TEST_F(Cli, ResponsibilityFileReceived) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  auto request = nlohmann::json::parse(*ReadFileToString(std::string(OPENPACT_SOURCE_DIR) +
                                                         "/examples/responsibility-case.json"));
  request["decision_date"] = "2026-09-10";
  request["take_charge_request_sent_on"] = "2026-09-05";
  const std::string file = Write("request.json", request.dump());
  const std::string rf = "--as asylum_caseworker responsibility-file ";
  ASSERT_EQ(Run(rf + "open --case " + file + " --received-by FRA", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["received_by"], "FRA");
  ASSERT_EQ(Run(rf + "list --member-state FRA --received --at 2026-09-12", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["files"].size(), 1u);
  ASSERT_EQ(Run(rf + "list --member-state FRA --at 2026-09-12", &out), 0) << out;
  EXPECT_TRUE(nlohmann::json::parse(out)["files"].empty());
  EXPECT_EQ(Run(rf + "open --case " + file + " --received-by DEU", &out), 2);
  EXPECT_NE(out.find("--received-by"), std::string::npos) << out;
}

// `responsibility-file family`: files joined in a family decided together (AMMR Art. 28), and one
// leaving it; the options named in refusals.
TEST_F(Cli, ResponsibilityFileFamily) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  const auto members = nlohmann::json::parse(*ReadFileToString(
      std::string(OPENPACT_SOURCE_DIR) + "/tests/scenarios/responsibility/fam_01_most_members.json"))["family"]["members"];
  const std::string rf = "--as asylum_caseworker responsibility-file ";
  std::vector<std::string> ids;
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_EQ(Run(rf + "open --case " + Write("m" + std::to_string(i) + ".json", members[i].dump()), &out), 0) << out;
    ids.push_back(nlohmann::json::parse(out)["id"]);
  }
  ASSERT_EQ(Run(rf + "family " + ids[1] + " --with " + ids[0], &out), 0) << out;
  ASSERT_EQ(Run(rf + "family " + ids[2] + " --with " + ids[1], &out), 0) << out;
  const auto family = nlohmann::json::parse(out)["family"];
  EXPECT_EQ(family["id"], ids[0]);
  EXPECT_EQ(family["responsible_member_state"], "ITA");
  ASSERT_EQ(Run(rf + "show " + ids[0], &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["decision"]["criterion"], "family_procedure");
  EXPECT_EQ(Run(rf + "family " + ids[0], &out), 2);
  EXPECT_NE(out.find("--with"), std::string::npos) << out;
  EXPECT_EQ(Run(rf + "family " + ids[0] + " --with " + ids[0], &out), 2);
  EXPECT_NE(out.find("--with"), std::string::npos) << out;
  ASSERT_EQ(Run(rf + "family " + ids[2] + " --leave", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["left_family"], ids[0]);
  ASSERT_EQ(Run(rf + "show " + ids[0], &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["decision"]["criterion"], "visa");  // two left: the eldest's, his own
}

TEST_F(Cli, BorderProcedurePlaces) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  const std::string place = "--as asylum_caseworker border-procedure place ";
  ASSERT_EQ(Run(place + "record --member-state ITA --place 'Lampedusa hotspot' --change designated "
                        "--effective-on 2026-06-12 --capacity 400 --notified-on 2026-04-09",
                &out),
            0)
      << out;
  auto p = nlohmann::json::parse(out);
  EXPECT_EQ(p["capacity"], 400);
  EXPECT_EQ(p["changes"][0]["notification"]["state"], "notified");
  ASSERT_EQ(Run(place + "record --member-state ITA --place Pozzallo --change designated --effective-on 2026-08-03 "
                        "--capacity 100",
                &out),
            0)
      << out;
  EXPECT_EQ(nlohmann::json::parse(out)["changes"][0]["notification"]["due_by"], "2026-10-05");  // 3 Oct: a Saturday
  EXPECT_EQ(Run(place + "record --member-state ITA --place Pozzallo --change designated --effective-on 2026-09-01 "
                        "--capacity 100",
                &out),
            1);  // already designated
  EXPECT_NE(out.find("failed_precondition"), std::string::npos) << out;
  for (const auto& [args, option] : std::vector<std::pair<std::string, std::string>>{
           {"--member-state ITA --place Trapani --change designated --effective-on 2026-09-01", "--capacity"},
           {"--member-state ITA --place Trapani --change designated --effective-on 2026-09-01 --capacity 0", "--capacity"},
           {"--member-state ITA --place Trapani --change moved --effective-on 2026-09-01 --capacity 3", "--change"},
           {"--member-state ITA --place Trapani --change designated --effective-on 1/9/2026 --capacity 3", "--effective-on"},
           {"--member-state ITA --place ' Trapani' --change designated --effective-on 2026-09-01 --capacity 3", "--place"},
           {"--member-state ZZZ --place Trapani --change designated --effective-on 2026-09-01 --capacity 3",
            "--member-state"}}) {
    EXPECT_EQ(Run(place + "record " + args, &out), 2) << args;
    EXPECT_NE(out.find(option), std::string::npos) << args << ": " << out;
  }
  EXPECT_EQ(Run("--as analyst border-procedure place record --member-state ITA --place Trapani --change designated "
                "--effective-on 2026-09-01 --capacity 3",
                &out),
            1);
  ASSERT_EQ(Run(place + "notified --member-state ITA --place Pozzallo --effective-on 2026-08-03 --notified-on 2026-10-06",
                &out),
            0)
      << out;
  EXPECT_EQ(Run(place + "notified --member-state ITA --place Pozzallo --effective-on 2026-08-03 --notified-on 2026-10-07",
                &out),
            1);  // once
  ASSERT_EQ(Run("--as analyst border-procedure place list --member-state ITA --at 2026-10-10", &out), 0) << out;
  const auto l = nlohmann::json::parse(out);
  EXPECT_EQ(l["capacity_total"], 500);
  EXPECT_EQ(l["places"][1]["place"], "Pozzallo");
  EXPECT_EQ(l["places"][1]["changes"][0]["notification"]["state"], "notified_late");
  EXPECT_EQ(l["places"].size(), 2u);  // nothing refused was stored
  EXPECT_EQ(Run("--as border_guard border-procedure place list --member-state ITA", &out), 1);
  ASSERT_EQ(Run("--as analyst border-procedure occupancy --member-state ITA --at 2026-10-10", &out), 0) << out;
  const auto occupancy = nlohmann::json::parse(out)["places"];
  EXPECT_EQ(occupancy["register_kept"], true);
  EXPECT_EQ(occupancy["capacity_total"], 500);
  EXPECT_EQ(occupancy["places"].size(), 2u);
}

// Chapter XI from the command line: a reasoned request, the verifying authority's queue and
// check, the result; roles as the matrix says, options named in errors.
TEST_F(Cli, LawEnforcementRequestQueueVerifyShow) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  registry::SyntheticRecordSpec spec;
  spec.person = 21;
  ASSERT_EQ(Run("--as registry_operator registry enrol --record " + Write("r.json", registry::SyntheticRecordJson(spec)), &out), 0)
      << out;
  spec.capture = 2;
  nlohmann::json request = {
      {"member_state", "FRA"}, {"reference", "FRA4-SYN-21"}, {"authority", "SYNTHETIC"}, {"officer", "SYNTHETIC"},
      {"national_file_number", "SYN/21"}, {"purpose", "SYNTHETIC"},
      {"offence", {{"type", "serious_criminal_offence"}, {"description", "SYNTHETIC"}}},
      {"conditions", {{"cir_indicated_eurodac", true}, {"necessity", "S"}, {"specific_case", "S"}, {"substantial_contribution", "S"}}},
      {"fingerprints", nlohmann::json::parse(registry::SyntheticRecordJson(spec))["fingerprints"]}};
  const std::string file = Write("le.json", request.dump());
  EXPECT_EQ(Run("--as registry_operator law-enforcement request --request " + file, &out), 1);  // not a designated authority
  EXPECT_EQ(Run("--as law_enforcement law-enforcement request --request " + dir_.File("none.json"), &out), 2);
  EXPECT_NE(out.find("--request"), std::string::npos) << out;
  ASSERT_EQ(Run("--as law_enforcement --json law-enforcement request --request " + file, &out), 0) << out;
  const std::string id = nlohmann::json::parse(out)["id"];
  EXPECT_EQ(Run("--as law_enforcement law-enforcement queue", &out), 1);  // the verifying authority's
  ASSERT_EQ(Run("--as verifying_authority --json law-enforcement queue", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["count"], 1);
  // Pages: a limit outside 1..500 and an unknown entry to start after are named as the options.
  EXPECT_EQ(Run("--as verifying_authority law-enforcement queue --limit 501", &out), 2);
  EXPECT_NE(out.find("--limit: must be from 1 to 500"), std::string::npos) << out;
  EXPECT_EQ(Run("--as verifying_authority law-enforcement queue --after le-nosuch", &out), 2);
  EXPECT_NE(out.find("--after"), std::string::npos) << out;
  EXPECT_EQ(Run("--as verifying_authority law-enforcement verify " + id + " --conditions-met maybe --reasons x", &out), 2);
  EXPECT_NE(out.find("--conditions-met"), std::string::npos) << out;
  EXPECT_EQ(Run("--as verifying_authority law-enforcement verify " + id + " --conditions-met yes --reasons ''", &out), 2);
  EXPECT_NE(out.find("--reasons"), std::string::npos) << out;
  ASSERT_EQ(Run("--as verifying_authority --json law-enforcement verify " + id + " --conditions-met yes --reasons 'SYNTHETIC'", &out), 0)
      << out;
  EXPECT_EQ(nlohmann::json::parse(out)["hits"], 1);
  ASSERT_EQ(Run("--as law_enforcement --json law-enforcement show " + id, &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["result"]["hits"].size(), 1u);
}

// Art. 43 from the command line: the registry operator's, options named in errors.
// `decide responsibility --case FILE --record ID`: the applicant's Eurodac hits from the registry,
// read with a role that may read it.
TEST_F(Cli, DecideResponsibilityWithTheApplicantsRecord) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  registry::SyntheticRecordSpec spec;
  spec.person = 43;
  spec.category = "irregular_crosser";
  spec.member_state = "GRC";
  // Crossed yesterday: the criterion of irregular entry lapses 20 months after the crossing (AMMR
  // Art. 33(1)), and the decision below is made on the day the test runs.
  spec.event_date = Date::Today().AddDays(-1).ToString();
  ASSERT_EQ(Run("--as registry_operator registry enrol --record " + Write("c.json", registry::SyntheticRecordJson(spec)), &out), 0)
      << out;
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.capture = 2;
  ASSERT_EQ(Run("--as registry_operator --json registry enrol --record " + Write("a.json", registry::SyntheticRecordJson(spec)),
                &out),
            0)
      << out;
  const auto applied = nlohmann::json::parse(out);
  ASSERT_EQ(applied["hits"].size(), 1u);
  const std::string received = applied["transmitted_on"];
  const std::string kase = Write("case.json", R"({"decision_date": ")" + received + R"(", "member_state": "ITA", )"
                                              R"("registered_on": ")" + received + R"(", "applicant": {"nationality": "AFG"}})");
  const std::string id = applied["id"];
  EXPECT_EQ(Run("--as analyst decide responsibility --case " + kase + " --record " + id, &out), 1);  // may not read it
  ASSERT_EQ(Run("--as asylum_caseworker decide responsibility --case " + kase + " --record " + id, &out), 0) << out;
  const auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["responsible_member_state"], "GRC");
  EXPECT_EQ(d["criterion"], "irregular_entry");
  EXPECT_EQ(Run("--as asylum_caseworker decide responsibility --record " + id, &out), 2);  // --record needs --case
}

TEST_F(Cli, RegistrySubjectAccess) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  registry::SyntheticRecordSpec spec;
  spec.person = 41;
  ASSERT_EQ(Run("--as registry_operator registry enrol --record " + Write("r.json", registry::SyntheticRecordJson(spec)), &out), 0)
      << out;
  spec.capture = 2;
  nlohmann::json request = {{"member_state", "ITA"}, {"received_on", "2026-07-10"}, {"channel", "written"},
                            {"fingerprints", nlohmann::json::parse(registry::SyntheticRecordJson(spec))["fingerprints"]}};
  const std::string file = Write("sar.json", request.dump());
  EXPECT_EQ(Run("--as analyst registry subject-access --request " + file, &out), 1);  // the registry operator's
  EXPECT_EQ(Run("--as registry_operator registry subject-access --request " + Write("bad.json", "{"), &out), 2);
  EXPECT_NE(out.find("request"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry subject-access --request " + file, &out), 0) << out;
  const auto a = nlohmann::json::parse(out);
  ASSERT_EQ(a["datasets"].size(), 1u);
  EXPECT_EQ(a["datasets"][0]["transmitted_by"], "ITA");
}

// Art. 29(9) from the command line: options named in errors, the registry operator's right.
TEST_F(Cli, RegistryExtendTemporaryProtection) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  const std::string cmd = "--as registry_operator registry extend-temporary-protection --decision '(EU) 2029/123' ";
  EXPECT_EQ(Run(cmd + "--until 2031-13-01 --basis SYNTHETIC", &out), 2);
  EXPECT_NE(out.find("--until"), std::string::npos) << out;
  EXPECT_EQ(Run(cmd + "--until 2031-03-01 --basis ''", &out), 2);
  EXPECT_NE(out.find("--basis"), std::string::npos) << out;
  EXPECT_EQ(Run("--as analyst registry extend-temporary-protection --decision X --until 2031-03-01 --basis S", &out), 1);
  ASSERT_EQ(Run("--json " + cmd + "--until 2031-03-01 --basis SYNTHETIC", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["records_extended"], 0);  // no such records yet (C7 from 2029)
}

TEST_F(Cli, OpenApiPrintsTheDocumentTheServerServes) {
  std::string out;
  ASSERT_EQ(Run("openapi", &out), 0) << out;
  EXPECT_NE(out.find(api::OpenApiDocument(Version())), std::string::npos);
  EXPECT_EQ(nlohmann::json::parse(out)["openapi"], "3.0.3");
}

// `synth records` dates its events back from today by default, so that what it writes can be
// enrolled on any day (fixed dates were refused once their retention ended, from July 2031: the
// demo of `make run` with them); --from pins them, and a bad day is refused naming it.
TEST_F(Cli, SynthRecordsAreEnrolableWhicheverDayTheyAreMade) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  const std::string dir = dir_.File("records");
  ASSERT_EQ(Run("synth records --persons 3 --captures 8 --fingers 1 --seed 4 --out " + dir, &out),
            0)
      << out;
  const Date today = Date::Today();
  const Date earliest = std::max(today.AddDays(-210), *Date::Parse("2026-06-15"));
  int enrolled = 0;
  for (int p = 1; p <= 3; ++p) {
    for (int c = 1; c <= 8; ++c) {
      const std::string file = dir + "/" + std::to_string(p) + "_" + std::to_string(c) + ".json";
      std::ifstream in(file);
      const auto record = nlohmann::json::parse(in);
      const Date event = *Date::Parse(record["event_date"].get<std::string>());
      const Date transmitted = *Date::Parse(record["transmitted_on"].get<std::string>());
      EXPECT_GE(event, earliest) << file;
      EXPECT_EQ(transmitted, event.AddDays(1)) << file;
      EXPECT_LT(transmitted, today) << file;
      ASSERT_EQ(Run("--as registry_operator --json registry enrol --record " + file, &out), 0)
          << file << out;
      EXPECT_TRUE(nlohmann::json::parse(out)["stored"].get<bool>()) << out;
      ++enrolled;
    }
  }
  EXPECT_EQ(enrolled, 24);
  const std::string pinned = dir_.File("pinned");
  ASSERT_EQ(
      Run("synth records --persons 2 --captures 2 --fingers 1 --seed 4 --from 2026-07-01 --out " +
              pinned,
          &out),
      0)
      << out;
  std::ifstream in(pinned + "/2_2.json");
  EXPECT_EQ(nlohmann::json::parse(in)["event_date"], "2026-07-23");  // 2 % 120 + 10 x 2 days on
  EXPECT_EQ(Run("synth records --persons 1 --from 2026-13-01 --out " + dir_.File("bad"), &out), 2);
  EXPECT_NE(out.find("--from"), std::string::npos) << out;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("bad")));
}

// The registry commands of the contract (../shared/spec/registry-documents.md): exit codes, the
// role matrix, and an audit entry for every comparison and erasure.
TEST_F(Cli, RegistryEnrolSearchShowEraseExpireStats) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  registry::SyntheticRecordSpec spec;
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.person = 5;
  const std::string first = Write("first.json", registry::SyntheticRecordJson(spec));
  spec.category = "irregular_crosser";
  spec.member_state = "GRC";
  spec.capture = 2;
  const std::string second = Write("second.json", registry::SyntheticRecordJson(spec));

  EXPECT_EQ(Run("registry enrol --record " + first, &out), 1);  // admin may not enrol
  EXPECT_NE(out.find("permission_denied"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry enrol --record " + first, &out), 0) << out;
  const auto a = nlohmann::json::parse(out);
  EXPECT_TRUE(a["stored"].get<bool>());
  const std::string id = a["id"];
  ASSERT_EQ(Run("--as border_guard registry search --record " + second, &out), 0) << out;
  EXPECT_NE(out.find("not stored (irregular_crosser)"), std::string::npos) << out;
  EXPECT_NE(out.find("1 hit\n  " + id + "  applicant  ITA"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry enrol --record " + second, &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["hits"][0]["record_id"], id);
  const std::string second_id = nlohmann::json::parse(out)["id"];
  EXPECT_EQ(Run("--as registry_operator registry verify " + second_id + " --hit " + id + " --result maybe", &out), 2);
  EXPECT_NE(out.find("--result"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator registry verify " + second_id + " --hit " + id + " --result confirmed", &out), 0) << out;
  EXPECT_NE(out.find("confirmed"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry enrol --record " + second, &out), 1);  // same reference
  EXPECT_NE(out.find("reference"), std::string::npos) << out;
  // The person data rectified by the Member State of origin (Arts. 40(3), 43(4)).
  ASSERT_EQ(Run("--as registry_operator --json registry rectify " + id + " --person " +
                    Write("person.json", R"({"surnames": ["BIANCHI-SYNTHETIC"]})"),
                &out),
            0)
      << out;
  EXPECT_EQ(nlohmann::json::parse(out)["changed"], nlohmann::json::array({"surnames"}));
  EXPECT_EQ(Run("--as registry_operator registry rectify " + id + " --person " +
                    Write("child.json", R"({"date_of_birth": "2024-01-01"})"),
                &out),
            2);
  EXPECT_NE(out.find("person.date_of_birth"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry rectify " + id + " --person " + dir_.File("none.json"), &out), 2);
  EXPECT_NE(out.find("--person"), std::string::npos) << out;

  // Bad documents: exit 2 naming the field, nothing stored.
  auto doc = nlohmann::json::parse(registry::SyntheticRecordJson(spec));
  doc["reference"] = "GRC-X";
  doc["person"]["nationalities"] = {"ZZZ"};
  EXPECT_EQ(Run("--as registry_operator registry enrol --record " + Write("bad.json", doc.dump()), &out), 2);
  EXPECT_NE(out.find("person.nationalities[0]"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry enrol --record " + dir_.File("none.json"), &out), 2);
  EXPECT_NE(out.find("--record"), std::string::npos) << out;
  EXPECT_EQ(Run("--as border_guard registry search --preselect nan --record " + second, &out), 2);
  EXPECT_NE(out.find("--preselect"), std::string::npos) << out;
  EXPECT_EQ(Run("serve --port 1 --registry-preselect 0", &out), 2);
  EXPECT_NE(out.find("--registry-preselect"), std::string::npos) << out;
  ASSERT_EQ(Run("--as border_guard --json registry search --preselect 0.5 --record " + second, &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["comparison"]["preselected_share"], 0.5);

  // A token may be bound to a Member State (Eurodac Art. 40); the code is checked.
  EXPECT_EQ(Run("token create --role registry_operator --name gr --member-state GRX", &out), 2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  ASSERT_EQ(Run("--json token create --role registry_operator --name gr --member-state GRC", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["member_state"], "GRC");
  ASSERT_EQ(Run("--json token list", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["tokens"].back()["member_state"], "GRC");

  ASSERT_EQ(Run("--as registry_operator registry show " + id, &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["erase_on"], a["erase_on"]);
  ASSERT_EQ(Run("--as registry_operator registry show --reference ITA/ITA-SYN-5-1", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["id"], id);
  EXPECT_EQ(Run("--as registry_operator registry show --reference ITA-SYN-5-1", &out), 2);
  EXPECT_NE(out.find("--reference"), std::string::npos) << out;
  EXPECT_EQ(Run("--as analyst registry show " + id, &out), 1);  // counts only for analysts
  ASSERT_EQ(Run("--as registry_operator registry update " + id + " --status " +
                    Write("status.json", R"({"ms_responsible": "ITA"})"),
                &out),
            0)
      << out;
  EXPECT_EQ(Run("--as registry_operator registry update " + id + " --status " + Write("bad-status.json", R"({"visa": 1})"), &out), 2);
  EXPECT_NE(out.find("status.visa"), std::string::npos) << out;
  // Greece's record hit Italy's: Greece was told of the Member State responsible (Art. 16(4)).
  EXPECT_EQ(Run("--as registry_operator registry notifications --member-state GRX", &out), 2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry notifications --limit 0", &out), 2);
  EXPECT_NE(out.find("--limit: must be from 1 to 500"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry notifications --after ntf-nosuch", &out), 2);
  EXPECT_NE(out.find("--after"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry notifications --member-state GRC", &out), 0) << out;
  auto notes = nlohmann::json::parse(out);
  ASSERT_EQ(notes["count"], 1) << out;
  EXPECT_EQ(notes["notifications"][0]["your_record"]["id"], second_id);
  const std::string note = notes["notifications"][0]["id"];
  EXPECT_EQ(Run("--as analyst registry acknowledge " + note, &out), 1);  // not an analyst's
  ASSERT_EQ(Run("--as registry_operator registry acknowledge " + note, &out), 0) << out;
  EXPECT_EQ(Run("--as registry_operator registry acknowledge " + note, &out), 1);  // once
  EXPECT_NE(out.find("acknowledged already"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry notifications", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["count"], 0);
  // Inaccurate data reported to the Member State of origin (Art. 40(5)).
  EXPECT_EQ(Run("--as registry_operator registry report " + id + " --reason maybe", &out), 2);
  EXPECT_NE(out.find("--reason"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry report " + id + " --reason inaccurate --note synthetic", &out), 0)
      << out;
  EXPECT_EQ(nlohmann::json::parse(out)["to"], "ITA");
  // Greece, whose record hit Italy's, asks to transfer the data for return (Art. 50); Italy agrees.
  EXPECT_EQ(Run("--as registry_operator registry transfer-request " + id +
                    " --member-state GRC --third-country TUN --person-informed",
                &out),
            2);
  EXPECT_NE(out.find("purpose_confirmed"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry transfer-request " + id +
                    " --member-state GRC --third-country TUN --purpose-confirmed --person-informed",
                &out),
            0)
      << out;
  const std::string transfer = nlohmann::json::parse(out)["transfer"];
  EXPECT_EQ(Run("--as registry_operator registry transfer-decide " + transfer + " --member-state IT --decision agreed", &out),
            2);
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry transfer-decide " + transfer + " --member-state ITA --decision agreed",
                &out),
            0)
      << out;
  EXPECT_EQ(nlohmann::json::parse(out)["status"], "agreed");
  ASSERT_EQ(Run("--as analyst --json registry stats", &out), 0) << out;
  auto stats = nlohmann::json::parse(out);
  EXPECT_EQ(stats["records"], 2);
  EXPECT_EQ(stats["by_category"]["applicant"], 1);
  EXPECT_EQ(Run("--as analyst registry stats --month 2026-7", &out), 2);
  EXPECT_NE(out.find("--month"), std::string::npos) << out;
  ASSERT_EQ(Run("--as analyst --json registry stats --month 2026-07", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["month"]["month"], "2026-07");
  // Art. 12(2): counted in the year of its transmission (the day the test ran the enrolment).
  const std::string year = a["transmitted_on"].get<std::string>().substr(0, 4);
  ASSERT_EQ(Run("--as analyst --json registry stats --year " + year, &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["year"]["applicants"], 1);
  EXPECT_EQ(Run("--as analyst registry stats --month 2026-07 --year 2026", &out), 2);
  EXPECT_NE(out.find("--year"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry erase " + id + " --reason boredom", &out), 2);
  EXPECT_NE(out.find("--reason"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator registry erase " + id + " --reason citizenship_acquired", &out), 0) << out;
  EXPECT_EQ(Run("--as registry_operator registry show " + id, &out), 1);
  EXPECT_NE(out.find("not_found"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry expire --at 2999-01-01", &out), 2);
  EXPECT_NE(out.find("--at"), std::string::npos) << out;
  ASSERT_EQ(Run("--as registry_operator --json registry expire", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["erased"], 0);  // nothing has reached its end yet

  ASSERT_EQ(Run("--as auditor --json audit log --limit 1000", &out), 0) << out;
  std::map<std::string, int> actions;
  const auto log = nlohmann::json::parse(out);
  for (const auto& e : log["entries"]) {
    if (e["outcome"] != "permission_denied") actions[e["action"].get<std::string>() + " " + e["outcome"].get<std::string>()]++;
  }
  EXPECT_EQ(actions["registry.enrol enrol"], 2);
  EXPECT_EQ(actions["registry.enrol already_exists"], 1);
  EXPECT_EQ(actions["registry.search search"], 2);
  EXPECT_EQ(actions["registry.erase erase"], 1);
  EXPECT_EQ(actions["registry.erase expire"], 1);
  EXPECT_EQ(actions["registry.enrol update"], 1);
  EXPECT_EQ(actions["registry.enrol rectify"], 1);
  EXPECT_EQ(actions["registry.enrol report"], 1);
  EXPECT_EQ(actions["registry.enrol return transfer request"], 1);
  EXPECT_EQ(actions["registry.enrol return transfer decision"], 1);
  EXPECT_EQ(actions["registry.enrol invalid_argument"], 3);  // the child's date of birth, a transfer without its purpose
  ASSERT_EQ(Run("audit verify", &out), 0) << out;
}

// A batch of records (JSON Lines): one answer per line, in order; each record compared with the
// stored ones and the batch's earlier records; a bad line answered with its error, the rest kept.
TEST_F(Cli, RegistryEnrolBatch) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  registry::SyntheticRecordSpec spec;
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.person = 9;
  const std::string first = registry::SyntheticRecordJson(spec);
  spec.category = "illegal_stayer";
  spec.member_state = "AUT";
  spec.capture = 2;
  const std::string again = registry::SyntheticRecordJson(spec);
  { std::ofstream(dir_.File("batch.jsonl")) << first << "\n{\"category\": \"tourist\"}\n\n" << again << "\n"; }
  EXPECT_EQ(Run("--as registry_operator registry enrol --batch " + dir_.File("batch.jsonl"), &out), 2);
  std::vector<nlohmann::json> answers;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("{", 0) == 0) answers.push_back(nlohmann::json::parse(line));  // stderr is mixed in
  }
  ASSERT_EQ(answers.size(), 3u) << out;
  EXPECT_TRUE(answers[0]["stored"].get<bool>());
  EXPECT_EQ(answers[1]["line"], 2);
  EXPECT_EQ(answers[1]["error"]["field"], "category");
  ASSERT_EQ(answers[2]["hits"].size(), 1u);
  EXPECT_EQ(answers[2]["hits"][0]["record_id"], answers[0]["id"]);
  EXPECT_NE(out.find("4 records read, 2 stored, 1 with hits, 1 refused"), std::string::npos) << out;
  EXPECT_EQ(Run("--as registry_operator registry enrol --batch " + dir_.File("batch.jsonl") + " --record x.json", &out), 2);
  EXPECT_EQ(Run("--as registry_operator registry enrol", &out), 2);
  EXPECT_NE(out.find("--record"), std::string::npos) << out;
}

TEST_F(Cli, DecideProcedureFromAFileAndInBatch) {
  std::string out;
  const std::string c = R"({"decision_date":"2026-07-15","member_state":"ITA","applicant":{"nationality":"MAR"},)"
                        R"("application":{"made_on":"2026-07-10","registered_on":"2026-07-11","lodged_on":"2026-07-14",)"
                        R"("context":"in_territory"}})";
  { std::ofstream(dir_.File("case.json")) << c; }
  ASSERT_EQ(Run("decide procedure --case " + dir_.File("case.json"), &out), 0) << out;
  auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["procedure"], "accelerated");
  EXPECT_EQ(d["deadlines"][3]["date"], "2026-10-14");
  { std::ofstream(dir_.File("cases.jsonl")) << c << "\n{\"broken\n" << c << "\n"; }
  EXPECT_EQ(Run("decide procedure --batch " + dir_.File("cases.jsonl"), &out), 2);
  std::istringstream lines(out);
  std::string line;
  std::vector<nlohmann::json> answers;
  while (std::getline(lines, line)) {
    if (line.rfind("{", 0) == 0) answers.push_back(nlohmann::json::parse(line));  // stderr is mixed in
  }
  EXPECT_NE(out.find("1 of 3 cases refused"), std::string::npos) << out;
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[0]["procedure"], "accelerated");
  EXPECT_EQ(answers[1]["line"], 2);
  EXPECT_EQ(answers[1]["error"]["field"], "body");
  EXPECT_EQ(answers[2]["procedure"], "accelerated");
  // A line longer than a case can be (here: no line end at all) stops the batch with an error
  // after answering the lines before it, without reading the rest.
  { std::ofstream(dir_.File("long.jsonl")) << c << "\n" << std::string((1 << 20) + 10, ' '); }
  EXPECT_EQ(Run("decide procedure --batch " + dir_.File("long.jsonl"), &out), 2);
  EXPECT_NE(out.find("\"procedure\":\"accelerated\""), std::string::npos) << out;
  EXPECT_NE(out.find("--batch: line 2 is longer than 1048576 bytes"), std::string::npos) << out;
  EXPECT_EQ(Run("decide procedure --batch /dev/zero", &out), 2);
  EXPECT_NE(out.find("line 1 is longer than"), std::string::npos) << out;
  EXPECT_EQ(Run("decide procedure --case " + dir_.File("missing.json"), &out), 2);
  { std::ofstream(dir_.File("broken.json")) << "{\n  \"applicant\": {\n}"; }
  EXPECT_EQ(Run("decide procedure --case " + dir_.File("broken.json"), &out), 2);
  EXPECT_NE(out.find("invalid_argument: --case: malformed JSON at line 3, column 2"), std::string::npos) << out;
  EXPECT_EQ(Run("decide procedure --case " + dir_.File("case.json") + " --at 2026-13-01", &out), 2);
  EXPECT_NE(out.find("--at"), std::string::npos);
}

// `decide responsibility`: the contract's example by file, a batch with a refused line, `--at`.
TEST_F(Cli, DecideResponsibilityByCaseAndBatch) {
  std::string out;
  const std::string c = R"({"decision_date":"2026-09-01","member_state":"DEU","registered_on":"2026-08-20",)"
                        R"("applicant":{"nationality":"AFG"},"eurodac_hits":[{"category":"irregular_crosser",)"
                        R"("member_state":"ITA","date":"2026-07-01"}]})";
  { std::ofstream(dir_.File("resp.json")) << c; }
  ASSERT_EQ(Run("decide responsibility --case " + dir_.File("resp.json"), &out), 0) << out;
  auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["responsible_member_state"], "ITA");
  EXPECT_EQ(d["criterion"], "irregular_entry");
  EXPECT_EQ(d["deadlines"][0]["date"], "2026-09-21");  // one month from the hit: Sunday 20 September
  EXPECT_EQ(d["deadlines"][0]["state"], "running");
  // As of 22 September the request is late: responsibility stays with Germany (Art. 39(1)).
  ASSERT_EQ(Run("decide responsibility --case " + dir_.File("resp.json") + " --at 2026-09-22", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["responsible_member_state"], "DEU");
  { std::ofstream(dir_.File("resp.jsonl")) << c << "\n{\"decision_date\":\"2026-09-01\"}\n"; }
  EXPECT_EQ(Run("decide responsibility --batch " + dir_.File("resp.jsonl"), &out), 2);
  EXPECT_NE(out.find("1 of 2 cases refused"), std::string::npos) << out;
  EXPECT_NE(out.find("\"responsible_member_state\":\"ITA\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"field\":\"member_state\""), std::string::npos) << out;
  EXPECT_EQ(Run("decide responsibility", &out), 2);
  EXPECT_NE(out.find("--case"), std::string::npos) << out;
  // --family: two spouses both crossed into Italy, so the criteria keep them together.
  { std::ofstream(dir_.File("family.json")) << "{\"members\": [" << c << "," << c << "]}"; }
  ASSERT_EQ(Run("decide responsibility --family " + dir_.File("family.json"), &out), 0) << out;
  const auto f = nlohmann::json::parse(out);
  EXPECT_EQ(f["family_procedure"], false);
  EXPECT_EQ(f["responsible_member_state"], "ITA");
  EXPECT_EQ(f["members"].size(), 2u);
}

// `decide KIND --batch FILE --due-by DATE`: the batch's work list instead of its answers: the time
// limits not met yet (running or expired) ending by the date, nearest first, each with its line;
// met limits and later ones left out; refused lines listed with their field.
TEST_F(Cli, DecideBatchWorkList) {
  const std::string base = R"("decision_date":"2026-10-01","member_state":"DEU","applicant":{"nationality":"AFG"},)"
                           R"("family":[{"relation":"spouse","member_state":"FRA","status":"beneficiary",)"
                           R"("family_existed_in_country_of_origin":true,"wish_in_writing":true}])";
  {
    std::ofstream batch(dir_.File("open.jsonl"));
    // 1: registered 20 August: the take charge request by 20 October (two months, Art. 39(1)).
    batch << "{" << base << R"(,"registered_on":"2026-08-20"})" << "\n";
    // 2: registered 20 July: the request was due 21 September (the 20th a Sunday): expired.
    batch << "{" << base << R"(,"registered_on":"2026-07-20"})" << "\n";
    // 3: the request sent 25 August (met): the reply was due 25 September (a month, Art. 40(1)),
    // silence is acceptance, so the transfer decision is due two weeks later, 9 October (Art. 42(1)).
    batch << "{" << base << R"(,"registered_on":"2026-08-20","take_charge_request_sent_on":"2026-08-25"})" << "\n";
    batch << R"({"decision_date":"2026-10-01"})" << "\n\n";
  }
  const std::string cmd = std::string(OPENPACT_BINARY) + " decide responsibility --batch " + dir_.File("open.jsonl");
  std::string out;
  ASSERT_EQ(testing::RunCommand("(" + std::string(OPENPACT_BINARY) + " --json decide responsibility --batch " +
                                    dir_.File("open.jsonl") + " --due-by 2026-10-31 2>/dev/null)", &out), 2) << out;
  const nlohmann::json list = nlohmann::json::parse(out, nullptr, false);
  ASSERT_FALSE(list.is_discarded()) << out;
  EXPECT_EQ(list["cases"], 3);  // decided; the refused line apart
  const std::vector<std::tuple<int, std::string, std::string, int, std::string>> expected = {
      {2, "take_charge_request", "2026-09-21", -10, "expired"},
      {3, "take_charge_reply", "2026-09-25", -6, "expired"},
      {3, "transfer_decision", "2026-10-09", 8, "running"},
      {1, "take_charge_request", "2026-10-20", 19, "running"}};
  ASSERT_EQ(list["time_limits"].size(), expected.size()) << out;
  for (size_t i = 0; i < expected.size(); ++i) {
    const nlohmann::json& t = list["time_limits"][i];
    EXPECT_EQ(t["line"], std::get<0>(expected[i])) << i;
    EXPECT_EQ(t["name"], std::get<1>(expected[i])) << i;
    EXPECT_EQ(t["date"], std::get<2>(expected[i])) << i;
    EXPECT_EQ(t["days_left"], std::get<3>(expected[i])) << i;
    EXPECT_EQ(t["state"], std::get<4>(expected[i])) << i;
    EXPECT_EQ(t["member_state"], "DEU") << i;
    EXPECT_NE(t["legal_basis"].get<std::string>().find("2024/1351"), std::string::npos) << i;
  }
  ASSERT_EQ(list["refused"].size(), 1u) << out;
  EXPECT_EQ(list["refused"][0]["line"], 4);
  EXPECT_EQ(list["refused"][0]["error"]["field"], "member_state");
  // An earlier date leaves out what ends after it; the table names the refused line's field.
  ASSERT_EQ(testing::RunCommand(cmd + " --due-by 2026-10-09", &out), 2) << out;
  EXPECT_NE(out.find("3 in 3 cases; 1 refused (below)"), std::string::npos) << out;
  EXPECT_NE(out.find("transfer_decision"), std::string::npos) << out;
  EXPECT_EQ(out.find("2026-10-20"), std::string::npos) << out;
  EXPECT_NE(out.find("line 4 refused: member_state: is required"), std::string::npos) << out;
  EXPECT_NE(out.find("1 of 4 cases refused"), std::string::npos) << out;
  // Only with a batch, and a real date.
  EXPECT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " decide responsibility --case " + dir_.File("x.json") +
                                    " --due-by 2026-10-31", &out), 2);
  EXPECT_NE(out.find("--due-by requires --batch"), std::string::npos) << out;
  EXPECT_EQ(testing::RunCommand(cmd + " --due-by 2026-02-31", &out), 2);
  EXPECT_NE(out.find("--due-by"), std::string::npos) << out;
}

// `decide return-border`: the shipped example, `--at`, a batch with a refused line, the missing
// time limit named.
TEST_F(Cli, DecideReturnBorderByCaseAndBatch) {
  std::string out;
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/return-border-case.json";
  ASSERT_EQ(Run("decide return-border --case " + example, &out), 0) << out;
  auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["return_border_procedure"], "applies");
  EXPECT_EQ(d["right_to_remain_ended_on"], "2026-10-01");
  EXPECT_EQ(d["voluntary_departure"], "granted_on_request");
  EXPECT_EQ(d["deadlines"][0]["date"], "2026-12-24");
  EXPECT_EQ(d["deadlines"][0]["state"], "running");
  ASSERT_EQ(Run("decide return-border --case " + example + " --at 2027-01-10", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["deadlines"][0]["state"], "expired");
  // Inadmissible under Art. 38(1)(c) (protection in another Member State): Art. 68(2) applies, and without an appeal its time limit is needed.
  const std::string c = R"({"decision_date":"2026-10-20","member_state":"ITA","person":{"nationality":"TUN"},)"
                        R"("rejection":{"decided_on":"2026-10-01","procedure":"border","ground":"inadmissible",)"
                        R"J("inadmissibility_ground":"38(1)(c)"}})J";
  { std::ofstream(dir_.File("rb.json")) << c; }
  EXPECT_EQ(Run("decide return-border --case " + dir_.File("rb.json"), &out), 2);
  EXPECT_NE(out.find("appeal.time_limit_ends_on"), std::string::npos) << out;
  std::ifstream in(example);
  std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  line = nlohmann::json::parse(line).dump();  // one line
  { std::ofstream(dir_.File("rb.jsonl")) << line << "\n" << c << "\n"; }
  EXPECT_EQ(Run("decide return-border --batch " + dir_.File("rb.jsonl"), &out), 2);
  EXPECT_NE(out.find("1 of 2 cases refused"), std::string::npos) << out;
  EXPECT_NE(out.find("\"return_border_procedure\":\"applies\""), std::string::npos) << out;
  EXPECT_EQ(Run("decide return-border", &out), 2);
  EXPECT_NE(out.find("--case"), std::string::npos) << out;
}

TEST_F(Cli, DecideReceptionByCaseAndBatch) {
  std::string out;
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/reception-case.json";
  ASSERT_EQ(Run("decide reception --case " + example, &out), 0) << out;
  auto d = nlohmann::json::parse(out);
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& t : d["deadlines"]) by_name[t["name"].get<std::string>()] = t;
  // The example's unaccompanied minor: made Monday 7 September 2026, lodged Thursday 24 September.
  EXPECT_EQ(by_name["representative"]["date"], "2026-09-28");  // 15 working days
  EXPECT_EQ(by_name["representative"]["state"], "met");
  EXPECT_EQ(by_name["education_access"]["date"], "2026-11-24");  // two months from the lodging
  EXPECT_EQ(by_name["labour_market_access"]["state"], "running");
  ASSERT_EQ(Run("decide reception --case " + example + " --at 2027-03-11", &out), 0) << out;
  const auto later = nlohmann::json::parse(out);  // named: a range-for over a temporary's member dangles
  for (const auto& t : later["deadlines"]) {
    if (t["name"] == "labour_market_access") {
      EXPECT_EQ(t["state"], "expired") << t.dump();
    }
  }
  // Denmark is not bound by the Directive (recital 74).
  const std::string c = R"({"decision_date":"2026-09-30","member_state":"DNK","applicant":{"nationality":"AFG"},)"
                        R"("application":{"made_on":"2026-09-07"}})";
  { std::ofstream(dir_.File("rc.json")) << c; }
  EXPECT_EQ(Run("decide reception --case " + dir_.File("rc.json"), &out), 2);
  EXPECT_NE(out.find("member_state"), std::string::npos) << out;
  std::ifstream in(example);
  std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  line = nlohmann::json::parse(line).dump();  // one line
  { std::ofstream(dir_.File("rc.jsonl")) << line << "\n" << c << "\n"; }
  EXPECT_EQ(Run("decide reception --batch " + dir_.File("rc.jsonl"), &out), 2);
  EXPECT_NE(out.find("1 of 2 cases refused"), std::string::npos) << out;
  EXPECT_NE(out.find("\"labour_market_access\":\"due\""), std::string::npos) << out;
}

TEST_F(Cli, DecideAdmissionByCase) {
  std::string out;
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/admission-case.json";
  ASSERT_EQ(Run("decide admission --case " + example, &out), 0) << out;
  const auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["procedure"], "concluded_positive");
  EXPECT_EQ(d["data_kept_until"], "2031-03-16");  // five years from the registration (Art. 9(12))
  // On 17 March 2031 the data's time is over.
  ASSERT_EQ(Run("decide admission --case " + example + " --at 2031-03-17", &out), 0) << out;
  const auto later = nlohmann::json::parse(out);
  bool expired = false;
  for (const auto& t : later["deadlines"]) expired |= t["name"] == "data_retention" && t["state"] == "expired";
  EXPECT_TRUE(expired) << out;
}

// The relocation example (SYNTHETIC): Germany confirmed on Tue 6 Oct 2026, Italy decided the
// transfer on Fri 9 Oct; the transfer is due within four weeks of the confirmation (Tue 3 Nov).
TEST_F(Cli, DecideRelocationByCase) {
  std::string out;
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/relocation-case.json";
  ASSERT_EQ(Run("decide relocation --case " + example, &out), 0) << out;
  const auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["relocation"], "confirmed");
  EXPECT_EQ(d["confirmed_on"], "2026-10-06");
  std::string transfer;
  for (const auto& t : d["deadlines"]) {
    if (t["name"] == "relocation_transfer") transfer = t["date"];
  }
  EXPECT_EQ(transfer, "2026-11-03");
  // On 4 November it is late.
  ASSERT_EQ(Run("decide relocation --case " + example + " --at 2026-11-04", &out), 0) << out;
  EXPECT_NE(out.find("relocation_transfer_late"), std::string::npos) << out;
  EXPECT_EQ(Run("decide relocation --case " + Write("bad.json", R"({"decision_date": "2026-10-20"})"), &out), 2);
  EXPECT_NE(out.find("member_state"), std::string::npos) << out;
}

// The temporary protection example (SYNTHETIC): a Ukrainian child who left Ukraine on 2 March 2022,
// covered by Implementing Decision (EU) 2022/382, Art. 2(1)(a), until 4 March 2027; decided as of
// 5 March 2027 the protection has ended (Directive 2001/55/EC, Art. 20).
TEST_F(Cli, DecideTemporaryProtectionByCase) {
  std::string out;
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/temporary-protection-case.json";
  ASSERT_EQ(Run("decide temporary-protection --case " + example, &out), 0) << out;
  auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["coverage"], "covered");
  EXPECT_EQ(d["category"], "2(1)(a)");
  EXPECT_EQ(d["protection_ends_on"], "2027-03-04");
  ASSERT_EQ(Run("decide temporary-protection --case " + example + " --at 2027-03-05", &out), 0) << out;
  d = nlohmann::json::parse(out);
  EXPECT_EQ(d["coverage"], "ended");
  EXPECT_EQ(Run("decide temporary-protection --case " +
                    Write("bad.json", R"({"decision_date": "2026-11-30", "member_state": "POL", "person": {}})"),
                &out),
            2);
  EXPECT_NE(out.find("person.nationality"), std::string::npos) << out;
}

// The return example (SYNTHETIC): the return decision notified on 20 October 2026 granted 30 days,
// to Thursday 19 November; on 30 November the obligation was not complied with.
TEST_F(Cli, DecideReturnByCase) {
  std::string out;
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/return-case.json";
  ASSERT_EQ(Run("decide return --case " + example, &out), 0) << out;
  auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["voluntary_departure"], "granted");
  EXPECT_EQ(d["deadlines"][0]["date"], "2026-11-19");
  ASSERT_EQ(Run("decide return --case " + example + " --at 2026-11-30", &out), 0) << out;
  d = nlohmann::json::parse(out);
  EXPECT_EQ(d["voluntary_departure"], "expired");
  EXPECT_EQ(d["entry_ban"], "mandatory");
  EXPECT_EQ(d["removal"], "may_proceed");
  EXPECT_EQ(Run("decide return --case " + Write("bad.json", R"({"decision_date": "2026-11-30", "member_state": "DEU",
      "person": {"nationality": "GEO"}, "illegal_stay_since": "2026-31-01"})"),
                &out),
            2);
  EXPECT_NE(out.find("illegal_stay_since"), std::string::npos) << out;
}

TEST_F(Cli, DecideProtectionDocumentsByCase) {
  std::string out;
  const std::string example = std::string(OPENPACT_SOURCE_DIR) + "/examples/protection-documents-case.json";
  ASSERT_EQ(Run("decide protection-documents --case " + example, &out), 0) << out;
  const auto d = nlohmann::json::parse(out);
  EXPECT_EQ(d["residence_permit"], "issued");
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& t : d["deadlines"]) by_name[t["name"].get<std::string>()] = t;
  EXPECT_EQ(by_name["residence_permit"]["date"], "2026-12-02");  // 90 days from the notification on 3 September
  EXPECT_EQ(by_name["residence_permit"]["state"], "met");
  EXPECT_EQ(by_name["residence_permit_expiry"]["date"], "2029-11-19");
  // A renewal without the first permit is refused, naming the field (exit status 2).
  const std::string c = R"({"decision_date":"2027-09-20","member_state":"DEU","nationality":"SYR",)"
                        R"("protection":{"status":"refugee","granted_on":"2026-09-01"},)"
                        R"("renewals":[{"issued_on":"2027-09-10","valid_until":"2030-09-09"}]})";
  { std::ofstream(dir_.File("pd.json")) << c; }
  EXPECT_EQ(Run("decide protection-documents --case " + dir_.File("pd.json"), &out), 2);
  EXPECT_NE(out.find("renewals"), std::string::npos) << out;
}

// Several probes are answered together (one pass over the gallery); each gets its own ranked list,
// the probes are not candidates, and one probe keeps the single-object output.
TEST_F(Cli, FpIdentifyAnswersEachProbe) {
  std::string out;
  const std::string synth = dir_.File("synth");
  ASSERT_EQ(Run("synth fingerprints --fingers 6 --impressions 3 --seed 5 --out " + synth, &out), 0) << out;
  ASSERT_EQ(Run("--json fp identify --gallery " + synth + " --probe " + synth + "/2_1.iso " + synth +
                    "/5_2.iso --top 3",
                &out),
            0)
      << out;
  const auto both = nlohmann::json::parse(out);
  ASSERT_TRUE(both.is_array());
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0]["gallery_records"], 16);  // 18 templates less the two probes
  EXPECT_EQ(both[0]["candidates"][0]["id"].get<std::string>().substr(0, 2), "2_");
  EXPECT_EQ(both[1]["candidates"][0]["id"].get<std::string>().substr(0, 2), "5_");
  for (const auto& search : both) {
    ASSERT_EQ(search["candidates"].size(), 3u);
    for (const auto& c : search["candidates"]) {
      EXPECT_NE(c["id"], "2_1") << search["probe"];
      // One finger of unknown position against one: its evidence is the score itself.
      ASSERT_EQ(c["fingers"].size(), 1u) << c;
      EXPECT_EQ(c["fingers"][0]["position"], 0);
      EXPECT_EQ(c["fingers"][0]["compared"], 1);
      EXPECT_EQ(c["fingers"][0]["shared"], true) << "the gallery's fingers have no position";
      EXPECT_EQ(c["fingers"][0]["score"], c["score"]);
      // The hit is decided on the search's scale: 16 records, 16 chances.
      const double score = c["score"], search = c["search_score"];
      EXPECT_NEAR(search, score > 0 ? -10 * std::log10(1 - std::pow(1 - std::pow(10.0, -score / 10), 16)) : 0.0, 1e-9);
      EXPECT_GE(search, score - 10 * std::log10(16.0) - 1e-9) << "at most 16 times as likely";
      EXPECT_LE(search, score);
      EXPECT_EQ(c["hit"], search >= 40.0);
    }
  }
  ASSERT_EQ(Run("--json fp identify --gallery " + synth + " --probe " + synth + "/5_2.iso --top 3", &out), 0);
  const auto one = nlohmann::json::parse(out);
  ASSERT_TRUE(one.is_object());
  // The same two mates with the same scores (the third place may differ: 2_1 is a candidate here,
  // and there are 17 records, so the search scores differ).
  EXPECT_EQ(one["gallery_records"], 17);
  for (int rank = 0; rank < 2; ++rank) {
    for (const char* key : {"id", "score", "fingers", "fingers_matched"}) {
      EXPECT_EQ(one["candidates"][rank][key], both[1]["candidates"][rank][key]) << rank << " " << key;
    }
  }
  // fp match: a number; with --json the score, the decision and each finger's evidence.
  ASSERT_EQ(Run("fp match " + synth + "/2_1.iso " + synth + "/2_3.iso", &out), 0) << out;
  const double plain = std::stod(out);
  ASSERT_EQ(Run("--json fp match " + synth + "/2_3.iso " + synth + "/2_1.iso", &out), 0) << out;
  const auto match = nlohmann::json::parse(out);
  EXPECT_NEAR(match["score"].get<double>(), plain, 1e-3) << "the same either way round (text: 6 digits)";
  EXPECT_EQ(match["match"], plain >= 40.0);
  ASSERT_EQ(match["fingers"].size(), 1u);
  EXPECT_EQ(match["fingers"][0]["compared"], 2);
  EXPECT_EQ(Run("fp match " + synth + "/2_1.iso " + dir_.File("nothing.iso"), &out), 2);
  EXPECT_NE(out.find("nothing.iso"), std::string::npos) << out;
  EXPECT_NE(out.find("invalid_argument: b: "), std::string::npos) << "the operand named: " << out;
  // --progress reports reading and preparing on stderr (mixed into `out` here); without it, and
  // without a terminal, nothing is said.
  ASSERT_EQ(Run("fp identify --gallery " + synth + " --probe " + synth + "/2_1.iso --top 1 --progress", &out), 0) << out;
  EXPECT_NE(out.find("fp identify: read 18 of 18 templates"), std::string::npos) << out;
  EXPECT_NE(out.find("fp identify: prepared 17 of 17 templates"), std::string::npos) << out;
  EXPECT_NE(out.find("fp identify: searching 1 probe(s) over 17 records"), std::string::npos) << out;
  ASSERT_EQ(Run("fp identify --gallery " + synth + " --probe " + synth + "/2_1.iso --top 1", &out), 0) << out;
  EXPECT_EQ(out.find("fp identify:"), std::string::npos) << out;
  // --threshold sets the search score a hit needs (FPIR); a bad one is refused, naming it.
  ASSERT_EQ(Run("--json fp identify --gallery " + synth + " --probe " + synth + "/5_2.iso --top 3 --threshold 1", &out), 0) << out;
  const auto low = nlohmann::json::parse(out);
  EXPECT_EQ(low["threshold"], 1.0);
  for (const auto& c : low["candidates"]) EXPECT_EQ(c["hit"], c["search_score"].get<double>() >= 1.0) << c;
  EXPECT_EQ(low["candidates"][0]["hit"], true) << "a mate's search score reaches 1";
  EXPECT_EQ(Run("fp identify --gallery " + synth + " --probe " + synth + "/5_2.iso --threshold -3", &out), 2);
  EXPECT_NE(out.find("--threshold"), std::string::npos) << out;
  // --gpu: refused with --preselect, and by a build without CUDA (these tests' builds), naming
  // the option and the way to a GPU build.
  EXPECT_EQ(Run("fp identify --gallery " + synth + " --probe " + synth + "/5_2.iso --gpu --preselect 0.5", &out), 2);
  EXPECT_NE(out.find("--gpu"), std::string::npos) << out;
  EXPECT_NE(out.find("exhaustive"), std::string::npos) << out;
  EXPECT_EQ(Run("fp identify --gallery " + synth + " --probe " + synth + "/5_2.iso --gpu", &out), 2);
  EXPECT_NE(out.find("without CUDA"), std::string::npos) << out;
  EXPECT_NE(out.find("make gpu"), std::string::npos) << out;
  // A probe that is not a template is refused, naming it, before any work.
  std::ofstream(dir_.File("bad.iso")) << "not a template";
  EXPECT_EQ(Run("fp identify --gallery " + synth + " --probe " + synth + "/2_1.iso " + dir_.File("bad.iso"), &out), 2);
  EXPECT_NE(out.find("bad.iso"), std::string::npos) << out;
  EXPECT_NE(out.find("--probe"), std::string::npos) << out;
  EXPECT_EQ(out.find("bad.iso"), out.rfind("bad.iso")) << "the file named once: " << out;
  EXPECT_NE(out.find("byte 0 (format identifier)"), std::string::npos) << out;
  // A bad file in the gallery stops the search before any work, naming the option, the byte and
  // the file (once).
  const std::string mixed = dir_.File("mixed");
  std::filesystem::create_directories(mixed);
  std::filesystem::copy_file(synth + "/2_1.iso", mixed + "/2_1.iso");
  std::filesystem::copy_file(synth + "/2_2.iso", mixed + "/2_2.iso");
  {
    std::ifstream in(synth + "/3_1.iso", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(mixed + "/3_1.iso", std::ios::binary) << bytes.substr(0, 40);  // truncated
  }
  EXPECT_EQ(Run("fp identify --gallery " + mixed + " --probe " + synth + "/2_3.iso", &out), 2);
  EXPECT_NE(out.find("--gallery: byte 8 (record length)"), std::string::npos) << out;
  EXPECT_NE(out.find("3_1.iso"), std::string::npos) << out;
  EXPECT_EQ(out.find("3_1.iso"), out.rfind("3_1.iso")) << out;
  EXPECT_EQ(out.find("rank"), std::string::npos) << "no answer: " << out;
  // With --skip-invalid the bad file is left out, said on stderr and counted in the answer.
  ASSERT_EQ(Run("--json fp identify --gallery " + mixed + " --probe " + synth + "/2_3.iso --skip-invalid", &out), 0)
      << out;
  EXPECT_NE(out.find("skipped (--skip-invalid): "), std::string::npos) << out;
  EXPECT_NE(out.find("1 gallery template(s) that do not parse were left out"), std::string::npos) << out;
  const auto skipping = nlohmann::json::parse(out.substr(out.find('{'), out.rfind('}') - out.find('{') + 1));
  EXPECT_EQ(skipping["gallery_records"], 2);
  EXPECT_EQ(skipping["gallery_skipped"], 1);
  EXPECT_EQ(skipping["candidates"][0]["id"].get<std::string>().rfind("2_", 0), 0u) << "a mate of the probe: " << out;
  // What a reader lets pass (here zero padding after the record) is said on stderr, each file by
  // name up to ten, then a count.
  for (int i = 1; i <= 12; ++i) {
    std::ifstream in(synth + "/" + std::to_string(1 + (i - 1) % 6) + "_" + std::to_string(1 + (i - 1) / 6) + ".iso",
                     std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir_.File("padded") + "_" + std::to_string(i) + ".iso", std::ios::binary) << bytes << std::string(16, '\0');
  }
  ASSERT_EQ(Run("fp match " + dir_.File("padded") + "_1.iso " + synth + "/1_2.iso", &out), 0) << out;
  EXPECT_NE(out.find("warning: " + dir_.File("padded") + "_1.iso: 16 byte(s) after the declared record length"),
            std::string::npos) << out;
  std::filesystem::create_directories(dir_.File("padded_gallery"));
  for (int i = 1; i <= 12; ++i) {
    std::filesystem::rename(dir_.File("padded") + "_" + std::to_string(i) + ".iso",
                            dir_.File("padded_gallery/p" + std::to_string(i) + ".iso"));
  }
  ASSERT_EQ(Run("fp identify --gallery " + dir_.File("padded_gallery") + " --probe " + synth + "/1_2.iso --top 1", &out), 0) << out;
  size_t shown = 0;
  for (size_t at = out.find("byte(s) after the declared"); at != std::string::npos; at = out.find("byte(s) after the declared", at + 1)) ++shown;
  EXPECT_EQ(shown, 10u) << out;
  EXPECT_NE(out.find("2 more template warning(s) not shown"), std::string::npos) << out;
  EXPECT_NE(out.find("   1  p7 "), std::string::npos) << "the answer is still given (p7 is the probe's copy): " << out;
  // A gallery without templates answers with no candidates and says why.
  std::filesystem::remove(mixed + "/3_1.iso");
  std::filesystem::create_directories(dir_.File("empty"));
  ASSERT_EQ(Run("--json fp identify --gallery " + dir_.File("empty") + " --probe " + synth + "/2_3.iso", &out), 0) << out;
  EXPECT_NE(out.find("holds no .iso template"), std::string::npos) << out;
  ASSERT_EQ(Run("--json fp identify --gallery " + mixed + " --probe " + mixed + "/2_1.iso", &out), 0) << out;
  EXPECT_EQ(out.find("holds no .iso template"), std::string::npos) << out;
}

// fp geometry groups a folder's templates by source (sub-folder and capture header) and names the
// source whose minutiae look squeezed along x; a handful of templates is too few to tell.
TEST_F(Cli, FpGeometryNamesASqueezedSource) {
  namespace bio = openpact::biometrics;
  const std::string root = dir_.File("sources");
  std::filesystem::create_directories(root + "/plain");
  std::filesystem::create_directories(root + "/squeezed");
  std::filesystem::create_directories(root + "/few");
  for (uint64_t s = 1; s <= 30; ++s) {
    bio::FingerprintTemplate t = bio::MakeImpression(bio::MakeMasterFinger(s), s * 11);
    std::ofstream(root + "/plain/" + std::to_string(s) + ".iso", std::ios::binary) << *bio::WriteIso19794_2(t);
    bio::FingerprintTemplate narrow = t;
    narrow.views[0] = bio::StretchX(t.views[0], 0.45);
    std::ofstream(root + "/squeezed/" + std::to_string(s) + ".iso", std::ios::binary) << *bio::WriteIso19794_2(narrow);
    if (s <= 5) std::ofstream(root + "/few/" + std::to_string(s) + ".iso", std::ios::binary) << *bio::WriteIso19794_2(narrow);
  }
  std::string out;
  ASSERT_EQ(Run("fp geometry " + root, &out), 0) << out;
  auto line_of = [&](const std::string& folder) {
    const size_t at = out.find("\n" + folder + " ");
    return at == std::string::npos ? std::string() : out.substr(at + 1, out.find('\n', at + 1) - at - 1);
  };
  EXPECT_NE(line_of("plain").find("plausible"), std::string::npos) << out;
  EXPECT_NE(line_of("squeezed").find("suspect"), std::string::npos) << out;
  EXPECT_NE(line_of("few").find("too few to tell"), std::string::npos) << out;
  ASSERT_EQ(Run("--json fp geometry " + root, &out), 0) << out;
  const auto j = nlohmann::json::parse(out);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[1]["folder"], "plain");
  EXPECT_EQ(j[1]["records"], 30);
  EXPECT_EQ(j[1]["suspect"], false);
  EXPECT_EQ(j[2]["folder"], "squeezed");
  EXPECT_EQ(j[2]["suspect"], true);
  EXPECT_GT(j[2]["x_scale"].get<double>(), 1.6);
  // A search over these sources answers, and warns of the squeezed one only.
  ASSERT_EQ(Run("fp identify --gallery " + root + " --probe " + root + "/plain/1.iso --top 1", &out), 0) << out;
  EXPECT_NE(out.find("warning: fp identify: the templates in 'squeezed' look squeezed"), std::string::npos) << out;
  EXPECT_EQ(out.find("the templates in 'plain'"), std::string::npos) << out;
  EXPECT_EQ(out.find("the templates in 'few'"), std::string::npos) << out;
  EXPECT_NE(out.find("   1  "), std::string::npos) << out;
  EXPECT_EQ(Run("fp geometry " + dir_.File("nowhere"), &out), 2);
  EXPECT_NE(out.find("DIR"), std::string::npos) << out;
}

TEST_F(Cli, PolicyValidateNamesFileLineAndColumn) {
  std::string out;
  ASSERT_EQ(Run(std::string("policy validate ") + OPENPACT_TEST_DATA_DIR + "/policy", &out), 0) << out;
  std::filesystem::copy(std::string(OPENPACT_TEST_DATA_DIR) + "/policy", dir_.File("policy"));
  { std::ofstream(dir_.File("policy/parameters.csv"), std::ios::app) << "apr.lodging,22 days,2026-07-01,,basis,in_force,\n"; }
  EXPECT_EQ(Run("policy validate " + dir_.File("policy"), &out), 2);
  EXPECT_NE(out.find("parameters.csv:"), std::string::npos) << out;
  EXPECT_NE(out.find("effective_from"), std::string::npos) << out;
  ASSERT_EQ(Run("policy show --at 2026-07-01", &out), 0);
  EXPECT_NE(out.find("\"apr.border_procedure\""), std::string::npos);
}

TEST_F(Cli, CrisisOffsetsReadACommitmentsFileAndNameBadInput) {
  std::ofstream(dir_.File("c.csv")) << "member_state,relocations\nDEU,3000\nFRA,2000\n";
  std::string out;
  ASSERT_EQ(Run("solidarity crisis-offsets --member-state ITA --relocation-needs 10000 --commitments " +
                    dir_.File("c.csv") + " --eligible-applications 4000 --not-contributing HUN,POL --svg " +
                    dir_.File("o.svg"),
                &out),
            0)
      << out;
  EXPECT_NE(out.find("Status: triggered; offsets 4000; uncovered 1000; High-Level Forum (Art. 9(2)): required"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("\nHUN "), std::string::npos) << out;  // exempted, as given
  EXPECT_NE(out.find("Hungary is left out"), std::string::npos) << out;
  std::ifstream svg(dir_.File("o.svg"));
  std::string chart((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
  EXPECT_NE(chart.find("Germany"), std::string::npos);
  ASSERT_EQ(Run("solidarity crisis-offsets --member-state ITA --relocation-needs 10000 --relocations-committed 10000 --csv",
                &out),
            0);
  EXPECT_EQ(out.rfind("code,name,fair_share_pct,fair_share,fair_share_eur,committed,offsets,above_fair_share,crisis_deduction\n", 0), 0u);
  // Bad input names what is wrong and exits 2.
  std::ofstream(dir_.File("bad.csv")) << "member_state,relocations\nDEU,3000\nDEU,5\n";
  EXPECT_EQ(Run("solidarity crisis-offsets --member-state ITA --relocation-needs 10 --commitments " + dir_.File("bad.csv"),
                &out),
            2);
  EXPECT_NE(out.find(":3: column 'member_state'"), std::string::npos) << out;
  EXPECT_EQ(Run("solidarity crisis-offsets --member-state ITA --decision-ends 2027-02-30", &out), 2);
  EXPECT_NE(out.find("--decision-ends"), std::string::npos) << out;
  EXPECT_EQ(Run("solidarity crisis-offsets --member-state DNK", &out), 2);
  EXPECT_NE(out.find("no part in the solidarity mechanism"), std::string::npos) << out;
  EXPECT_NE(Run("solidarity crisis-offsets --relocation-needs 10", &out), 0);  // --member-state is required
  EXPECT_NE(out.find("--member-state"), std::string::npos) << out;
}

TEST_F(Cli, PlanningReportsInEveryFormat) {
  std::string out;
  ASSERT_EQ(Run("solidarity report --year 2026 --json", &out), 0) << out;  // --json after the command
  auto j = nlohmann::json::parse(out);
  bool deu = false;
  for (const auto& m : j["member_states"]) {
    if (m["code"] == "DEU") deu = m["fair_share_pct"].get<double>() > 21.85 && m["fair_share_pct"].get<double>() < 21.86;
  }
  EXPECT_TRUE(deu) << out.substr(0, 400);
  ASSERT_EQ(Run("solidarity report --csv", &out), 0);
  EXPECT_EQ(out.rfind("code,name,takes_part", 0), 0u);
  ASSERT_EQ(Run("solidarity report --svg " + dir_.File("fair.svg"), &out), 0);
  EXPECT_NE(out.find("Reference key"), std::string::npos);
  std::ifstream svg(dir_.File("fair.svg"));
  std::string chart((std::istreambuf_iterator<char>(svg)), std::istreambuf_iterator<char>());
  EXPECT_EQ(chart.rfind("<svg", 0), 0u);
  EXPECT_NE(chart.find("Germany"), std::string::npos);
  EXPECT_EQ(Run("solidarity report --year 1999", &out), 2);
  EXPECT_NE(out.find("--year"), std::string::npos);
  ASSERT_EQ(Run("--json capacity report --at 2027-07-01", &out), 0);
  EXPECT_EQ(nlohmann::json::parse(out)["annual_maximum_multiplier"], 3);
  ASSERT_EQ(Run("stats routes --from 2023-01 --to 2025-04 --csv", &out), 0);
  EXPECT_NE(out.find("central_mediterranean_route,"), std::string::npos);
  EXPECT_EQ(Run("stats routes --from 2023-1 --to 2025-04", &out), 2);
  EXPECT_NE(out.find("--from"), std::string::npos);
  ASSERT_EQ(Run("--json stats low-recognition --year 2024", &out), 0);
  EXPECT_EQ(nlohmann::json::parse(out)["at_or_below"].size(), 4u);
  ASSERT_EQ(Run("stats indicators --year 2023 --svg " + dir_.File("per1000.svg"), &out), 0) << out;
  EXPECT_NE(out.find("Missing: (v) reception capacity"), std::string::npos) << out.substr(0, 400);
  std::ifstream per1000(dir_.File("per1000.svg"));
  const std::string bars((std::istreambuf_iterator<char>(per1000)), std::istreambuf_iterator<char>());
  EXPECT_NE(bars.find("Cyprus"), std::string::npos);
  ASSERT_EQ(Run("stats indicators --year 2023 --csv", &out), 0);
  EXPECT_EQ(out.rfind("code,name,member_state,applicants", 0), 0u);
  EXPECT_EQ(Run("stats indicators --year 2025", &out), 2);
  EXPECT_NE(out.find("--year"), std::string::npos);
  EXPECT_EQ(Run("stats indicators --year 2024 --top 500", &out), 2);
  EXPECT_NE(out.find("--top"), std::string::npos);
  { std::ofstream(dir_.File("arrivals.csv")) << "month,member_state,nationality,arrivals\n2026-07,ITA,MAR,3\n"; }
  ASSERT_EQ(Run("--json simulate --arrivals " + dir_.File("arrivals.csv") + " --year 2026 --seed 5", &out), 0) << out;
  EXPECT_EQ(nlohmann::json::parse(out)["member_states"][0]["procedure"]["border"], 3);
  EXPECT_EQ(Run("simulate --arrivals " + dir_.File("nothing.csv"), &out), 2);
  ASSERT_EQ(Run(std::string("simulate --arrivals ") + OPENPACT_SOURCE_DIR + "/examples/arrivals-illustrative.csv", &out), 0)
      << out;
  EXPECT_NE(out.find("not data"), std::string::npos);
}

TEST_F(Cli, CorruptDatabaseIsRefusedAndLeftAlone) {
  std::string out;
  {
    FILE* f = std::fopen(dir_.File("cli.db").c_str(), "w");
    std::fputs(std::string(4096, 'Z').c_str(), f);
    std::fclose(f);
  }
  EXPECT_EQ(Run("init", &out), 1);
  EXPECT_NE(out.find("corruption"), std::string::npos) << out;
}

// A server process started by a test: killed and reaped however the test ends, so a failed
// assertion leaves no server behind.
class ServerProcess {
 public:
  ~ServerProcess() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (out_ >= 0) ::close(out_);
  }
  // Runs `openpact <args>` with its stdout and stderr on a pipe this object reads.
  bool Start(const std::vector<std::string>& args) {
    // argv is built before fork: the child of a threaded process may only make async-signal-safe
    // calls, and allocating is not one.
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("openpact"));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    int fds[2];
    if (::pipe(fds) != 0) return false;
    pid_ = ::fork();
    if (pid_ < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      return false;
    }
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::dup2(fds[1], STDERR_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      ::execv(OPENPACT_BINARY, argv.data());
      ::_exit(127);
    }
    ::close(fds[1]);
    out_ = fds[0];
    return true;
  }
  // Reads the output until `pattern`'s first group is found (returned), the process closes its
  // output (it ended) or `limit` passes; "" then, with everything read kept in output().
  std::string WaitFor(const std::regex& pattern, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::smatch m;
    while (!std::regex_search(output_, m, pattern)) {
      if (!ReadSome(deadline)) return "";
    }
    return m[1].str();
  }
  // Signals the process and reads its output to the end; its wait status, or -1 if it has not
  // ended within `limit` (it is killed then).
  int Stop(int signal, std::chrono::seconds limit) {
    if (pid_ <= 0)
      return -1;  // never started or already reaped: kill(-1, ...) would signal every process
    ::kill(pid_, signal);
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (ReadSome(deadline)) {
    }
    int status = 0;
    for (;;) {
      const pid_t done = ::waitpid(pid_, &status, WNOHANG);
      if (done == pid_) {
        pid_ = -1;
        return status;
      }
      if (std::chrono::steady_clock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  const std::string& output() const { return output_; }

 private:
  // Appends what the process wrote; false at the end of its output or at the deadline.
  bool ReadSome(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{out_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    char buf[4096];
    const ssize_t n = ::read(out_, buf, sizeof buf);
    if (n <= 0) return false;
    output_.append(buf, static_cast<size_t>(n));
    return true;
  }
  pid_t pid_ = -1;
  int out_ = -1;
  std::string output_;
};

TEST_F(Cli, ServeAnswersHealthzAndStopsGracefullyOnSigterm) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  // Port 0: the system picks a free port and the start-up line names it, so no other test's
  // server (nor a client's ephemeral port) can hold the one this test would have chosen.
  ServerProcess server;
  ASSERT_TRUE(server.Start({"--db", dir_.File("cli.db"), "--audit-key",
                            dir_.File("audit/signing.key"), "serve", "--port", "0"}));
  // Generous: a sanitizer build on a loaded machine starts slowly.
  const std::string port = server.WaitFor(std::regex(R"(serving on http://127\.0\.0\.1:(\d+))"),
                                          std::chrono::seconds(120));
  ASSERT_FALSE(port.empty()) << server.output();
  ASSERT_NE(port, "0");
  httplib::Client client("127.0.0.1", std::stoi(port));
  client.set_read_timeout(60, 0);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health) << server.output();
  EXPECT_EQ(health->status, 200);
  auto denied = client.Get("/v1/version");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);
  const int status = server.Stop(SIGTERM, std::chrono::seconds(120));
  ASSERT_NE(status, -1) << "still running after SIGTERM:\n" << server.output();
  ASSERT_TRUE(WIFEXITED(status)) << server.output();
  EXPECT_EQ(WEXITSTATUS(status), 0) << server.output();
  EXPECT_NE(server.output().find("signal 15 received: shutting down"), std::string::npos)
      << server.output();
  EXPECT_NE(server.output().find("stopped"), std::string::npos) << server.output();
}

TEST_F(Cli, ServeRefusesAPortInUse) {
  std::string out;
  ASSERT_EQ(Run("init", &out), 0);
  httplib::Server holder;
  const int taken = holder.bind_to_any_port("127.0.0.1");
  ASSERT_GT(taken, 0);
  EXPECT_EQ(Run("serve --port " + std::to_string(taken), &out), 1);
  EXPECT_NE(out.find(std::to_string(taken)), std::string::npos) << out;
  EXPECT_EQ(Run("serve --port 65536", &out), 2);
  EXPECT_NE(out.find("--port"), std::string::npos) << out;
}

}  // namespace
}  // namespace openpact
