#include "cases/responsibility_files.h"

#include <gtest/gtest.h>
#include <set>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "rules/responsibility.h"
#include "store/store.h"
#include "test_util.h"

namespace openpact::cases {
namespace {

using json = nlohmann::json;
Date D(const char* s) { return *Date::Parse(s); }

// The contract's example (examples/responsibility-case.json, synthetic): registered in Germany on
// 20 August 2026, a spouse who is a beneficiary in France (AMMR Art. 26(1)).
json ExampleCase() {
  auto text = ReadFileToString(std::string(OPENPACT_SOURCE_DIR) + "/examples/responsibility-case.json");
  EXPECT_TRUE(text.ok());
  return json::parse(*text);
}

// The same case a little later: the take charge request sent to France on 5 September.
json RequestSent() {
  json c = ExampleCase();
  c["decision_date"] = "2026-09-10";
  c["take_charge_request_sent_on"] = "2026-09-05";
  c["personal_interview"] = {{"held_on", "2026-08-28"}};
  return c;
}

// The request accepted on 20 September (AMMR Art. 40), decided the day after.
json Accepted() {
  json c = RequestSent();
  c["decision_date"] = "2026-09-21";
  c["accepted_on"] = "2026-09-20";
  c["reply_received_on"] = "2026-09-20";
  return c;
}

// The request accepted on 20 September, the transfer decided on 25 September and carried out on 1
// November (AMMR Arts. 40, 42, 46).
json Transferred() {
  json c = Accepted();
  c["decision_date"] = "2026-11-02";
  c["transfer_decision_on"] = "2026-09-25";
  c["transferred_on"] = "2026-11-01";
  return c;
}

// A case this State examines itself, with no time limit left to run: a threat to internal security
// (Art. 16(4)), for which Art. 39 does not apply.
json SecurityThreat() {
  json c = ExampleCase();
  c["security_threat"] = true;
  return c;
}

// The nearest time limit the engine leaves running or expired for `c`, decided on `at`.
std::string NearestPending(const json& c, std::optional<Date> at = std::nullopt) {
  auto parsed = rules::ParseResponsibilityCase(c.dump(), testing::SharedRules().countries);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto d = rules::DecideResponsibility(*parsed, testing::SharedRules(), at);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  std::string nearest;
  for (const auto& x : d->deadlines) {
    if ((x.state == "running" || x.state == "expired") && (nearest.empty() || x.date.ToString() < nearest)) {
      nearest = x.date.ToString();
    }
  }
  return nearest;
}

class ResponsibilityFileSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string url = testing::FreshDatabaseUrl(GetParam(), dir_);
    if (url.empty()) GTEST_SKIP();
    store_ = std::move(*store::Store::Open(url));
    ASSERT_TRUE(store_->Migrate().ok());
    files_ = std::make_unique<ResponsibilityFileStore>(store_.get(), &testing::SharedRules());
  }
  json Open(const json& c) {
    auto r = files_->Open(c.dump(), "caseworker-1");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  }
  json Show(const std::string& id, int version = 0) {
    auto r = files_->Show(id, std::nullopt, version);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  }
  int64_t Count(const char* table) {
    auto r = store_->Query(std::string("SELECT COUNT(*) FROM ") + table);
    return r.ok() ? r->rows[0].Int(0) : -1;
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ResponsibilityFileStore> files_;
};

// A file opens with the decision of its first version; each change is a new version, the older
// ones kept as recorded and still readable with the decision they gave.
TEST_P(ResponsibilityFileSuite, OpensDecidesAndKeepsEveryVersion) {
  const json opened = Open(ExampleCase());
  const std::string id = opened["id"];
  EXPECT_EQ(id.rfind("rsp-", 0), 0u);
  EXPECT_EQ(opened["member_state"], "DEU");
  EXPECT_EQ(opened["status"], "open");
  EXPECT_EQ(opened["version"], 1);
  EXPECT_EQ(opened["responsible_member_state"], "FRA");
  EXPECT_EQ(opened["procedure"], "take_charge");
  EXPECT_EQ(opened["decision"]["responsible_member_state"], "FRA");
  EXPECT_EQ(opened["next_time_limit_on"], NearestPending(ExampleCase()));
  EXPECT_EQ(opened["next_time_limit_on"], "2026-10-20");  // the request: two months from the registration

  auto updated = files_->Update(id, RequestSent().dump(), "caseworker-2");
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  const json u = json::parse(*updated);
  EXPECT_EQ(u["version"], 2);
  // The request met, the reply's time limit is the next one.
  EXPECT_EQ(u["next_time_limit_on"], NearestPending(RequestSent()));
  EXPECT_LT(u["next_time_limit_on"].get<std::string>(), "2026-10-20");

  const json newest = Show(id);
  EXPECT_EQ(newest["shown_version"], 2);
  EXPECT_EQ(newest["case"], RequestSent());
  ASSERT_EQ(newest["versions"].size(), 2u);
  EXPECT_EQ(newest["versions"][0]["recorded_by"], "caseworker-1");
  EXPECT_EQ(newest["versions"][1]["recorded_by"], "caseworker-2");
  const json first = Show(id, 1);
  EXPECT_EQ(first["case"], ExampleCase());
  EXPECT_EQ(first["decision"]["decision_date"], "2026-09-01");
  EXPECT_EQ(files_->Show(id, std::nullopt, 3).status().field(), "version");
  // Detained on 4 September (Art. 45(2)): the reply is due within a week of the request, 12
  // September, a Saturday, so Monday 14 September; it comes before the month of Art. 40(1).
  json detained = RequestSent();
  detained["detained_on"] = "2026-09-04";
  detained["detention"] = {{"ground", "risk_of_absconding"}, {"individual_assessment", true},
                           {"less_coercive_measures_insufficient", true}, {"ordered_by", "judicial"}};
  auto third = files_->Update(id, detained.dump(), "caseworker-2");
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(json::parse(*third)["next_time_limit_on"], "2026-09-14");
  const json listed = json::parse(*files_->ListOpen("DEU", D("2026-09-10"), std::nullopt, 10));
  ASSERT_EQ(listed["files"][0]["time_limits"].size(), 2u) << listed.dump(2);
  EXPECT_EQ(listed["files"][0]["time_limits"][0]["name"], "detention_take_charge_reply");
  EXPECT_EQ(listed["files"][0]["time_limits"][1]["name"], "take_charge_reply");
  EXPECT_EQ(Show(id, 2)["case"], RequestSent());  // the second version as it was
  EXPECT_EQ(files_->Show("rsp-none", std::nullopt).status().code(), StatusCode::kNotFound);
}

// A change the engine refuses, or one of another deciding State, leaves the file as it was.
TEST_P(ResponsibilityFileSuite, RefusedChangesLoseNothing) {
  const std::string id = Open(ExampleCase())["id"];
  json bad = RequestSent();
  bad["take_charge_request_sent_on"] = "2026-13-01";
  EXPECT_EQ(files_->Update(id, bad.dump(), "x").status().field(), "take_charge_request_sent_on");
  EXPECT_EQ(files_->Update(id, "{\"decision_date\": ", "x").status().code(), StatusCode::kInvalidArgument);
  json other = RequestSent();
  other["member_state"] = "AUT";
  const auto moved = files_->Update(id, other.dump(), "x");
  EXPECT_EQ(moved.status().field(), "member_state") << moved.status().ToString();
  const json still = Show(id);
  EXPECT_EQ(still["version"], 1);
  EXPECT_EQ(still["case"], ExampleCase());
  EXPECT_EQ(Count("responsibility_file_version"), 1);
  EXPECT_EQ(files_->Open("[]", "x").status().code(), StatusCode::kInvalidArgument);
  // A document padded past 1 MiB is refused before anything is stored.
  const std::string padded = RequestSent().dump() + std::string((1 << 20) + 1, ' ');
  EXPECT_EQ(files_->Update(id, padded, "x").status().field(), "body");
  EXPECT_EQ(files_->Open(padded, "x").status().field(), "body");
  EXPECT_EQ(Count("responsibility_file_version"), 1);
  EXPECT_EQ(Count("responsibility_file"), 1);
}

// The work list: the open files of one State decided on the day asked, the nearest time limit first,
// those without a pending limit last; closed files leave it.
TEST_P(ResponsibilityFileSuite, WorkListNearestTimeLimitFirst) {
  const std::string waiting = Open(ExampleCase())["id"];   // request by 2026-10-20
  const std::string sent = Open(RequestSent())["id"];      // the reply, earlier
  const std::string own = Open(SecurityThreat())["id"];    // nothing pending
  auto list = files_->ListOpen("DEU", D("2026-09-12"), std::nullopt, 10);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  json l = json::parse(*list);
  ASSERT_EQ(l["files"].size(), 3u) << l.dump(2);
  EXPECT_EQ(l["files"][0]["id"], sent);
  EXPECT_EQ(l["files"][1]["id"], waiting);
  EXPECT_EQ(l["files"][2]["id"], own);
  EXPECT_TRUE(l["files"][2]["time_limits"].empty());
  EXPECT_EQ(l["files"][2]["responsible_member_state"], "DEU");
  const json& request = l["files"][1]["time_limits"][0];
  EXPECT_EQ(request["date"], "2026-10-20");
  EXPECT_EQ(request["days_left"], D("2026-10-20").days() - D("2026-09-12").days());
  EXPECT_EQ(request["state"], "running");
  EXPECT_EQ(l["files"][1]["requested_member_state"], "FRA");
  EXPECT_FALSE(l["more"]);
  // Past the time limit the same file shows it expired, days negative.
  l = json::parse(*files_->ListOpen("DEU", D("2026-10-22"), std::nullopt, 10));
  EXPECT_EQ(l["files"][1]["time_limits"][0]["state"], "expired");
  EXPECT_EQ(l["files"][1]["time_limits"][0]["days_left"], -2);
  // Due by a day: only the files with a limit by then; a limit of one says more follow.
  l = json::parse(*files_->ListOpen("DEU", D("2026-09-12"), D("2026-10-19"), 10));
  ASSERT_EQ(l["files"].size(), 1u);
  EXPECT_EQ(l["files"][0]["id"], sent);
  l = json::parse(*files_->ListOpen("DEU", D("2026-09-12"), std::nullopt, 1));
  EXPECT_EQ(l["files"].size(), 1u);
  EXPECT_TRUE(l["more"]);
  ASSERT_TRUE(files_->Close(own, "examined_here", D("2026-09-12")).ok());
  l = json::parse(*files_->ListOpen("DEU", D("2026-09-12"), std::nullopt, 10));
  EXPECT_EQ(l["files"].size(), 2u);
  // Each file is decided on its newest version: once the request is recorded as sent, the waiting
  // file's limit is the reply's, not the request's (the list reads that version's case document).
  ASSERT_TRUE(files_->Update(waiting, RequestSent().dump(), "caseworker-2").ok());
  l = json::parse(*files_->ListOpen("DEU", D("2026-09-12"), std::nullopt, 10));
  ASSERT_EQ(l["files"].size(), 2u);
  for (const json& f : l["files"]) {
    EXPECT_EQ(f["time_limits"][0]["date"], l["files"][0]["time_limits"][0]["date"]) << f.dump(2);
    if (f["id"] == waiting) {
      EXPECT_EQ(f["version"], 2);
    }
  }
  EXPECT_NE(l["files"][0]["time_limits"][0]["date"], "2026-10-20");
  EXPECT_TRUE(json::parse(*files_->ListOpen("FRA", D("2026-09-12"), std::nullopt, 10))["files"].empty());
  EXPECT_EQ(files_->ListOpen("XYZ", D("2026-09-12"), std::nullopt, 10).status().field(), "member_state");
  EXPECT_EQ(files_->ListOpen("DEU", D("2026-09-12"), std::nullopt, 0).status().field(), "limit");
}

// Closing records the caseworker's outcome, flagged where the newest case says otherwise; a closed
// file takes no new version.
TEST_P(ResponsibilityFileSuite, CloseRecordsTheOutcomeAndFlagsWhatTheCaseContradicts) {
  const std::string id = Open(RequestSent())["id"];
  EXPECT_EQ(files_->Close(id, "deported", D("2026-09-12")).status().field(), "--outcome");
  EXPECT_EQ(files_->Close(id, "transferred", D("2026-08-19")).status().field(), "--on");
  auto closed = files_->Close(id, "transferred", D("2026-11-20"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  const json c = json::parse(*closed);
  EXPECT_EQ(c["status"], "closed");
  EXPECT_EQ(c["outcome"], "transferred");
  EXPECT_EQ(c["closed_on"], "2026-11-20");
  EXPECT_EQ(c["outcome_legal_basis"], "Regulation (EU) 2024/1351, Art. 46(1)");
  ASSERT_EQ(c["flags"].size(), 1u);
  EXPECT_EQ(c["flags"][0]["code"], "transfer_not_recorded_in_case");
  EXPECT_EQ(files_->Update(id, RequestSent().dump(), "x").status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(files_->Close(id, "withdrawn", std::nullopt).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Show(id)["outcome"], "transferred");
  // examined_here while the decision designates France.
  const std::string other = Open(ExampleCase())["id"];
  const json here = json::parse(*files_->Close(other, "examined_here", D("2026-09-02")));
  ASSERT_EQ(here["flags"].size(), 1u);
  EXPECT_EQ(here["flags"][0]["code"], "decision_designates_another_state");
  // A transfer the case records closes without a flag.
  const std::string third = Open(Transferred())["id"];
  EXPECT_TRUE(json::parse(*files_->Close(third, "transferred", D("2026-11-02")))["flags"].empty());
}

// The counts of the annual report's points (x)-(xi) (AMMR Art. 9(3)(a)), from the newest version of
// each file: requests sent, acceptances, transfer decisions and transfers in the period.
TEST_P(ResponsibilityFileSuite, ReportCountsTheOutgoingProceduresOfAPeriod) {
  Open(ExampleCase());                          // no request yet
  const std::string sent = Open(ExampleCase())["id"];
  ASSERT_TRUE(files_->Update(sent, RequestSent().dump(), "x").ok());  // request 2026-09-05
  Open(Transferred());
  Open(SecurityThreat());                       // this State examines
  auto all = files_->Report("DEU", std::nullopt, std::nullopt);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  json r = json::parse(*all);
  EXPECT_EQ(r["files"], 4);
  EXPECT_EQ(r["registered_in_period"], 4);
  EXPECT_EQ(r["take_charge_requests"]["total"], 2);
  EXPECT_EQ(r["take_charge_requests"]["by_member_state"]["FRA"], 2);
  EXPECT_EQ(r["accepted_or_confirmed"]["total"], 1);
  EXPECT_EQ(r["transfer_decisions"]["total"], 1);
  EXPECT_EQ(r["transfers"]["by_member_state"]["FRA"], 1);
  EXPECT_EQ(r["take_back_notifications"]["total"], 0);
  // October only: neither the requests (September) nor the transfer (1 November).
  r = json::parse(*files_->Report("DEU", D("2026-10-01"), D("2026-10-31")));
  EXPECT_EQ(r["take_charge_requests"]["total"], 0);
  EXPECT_EQ(r["transfers"]["total"], 0);
  EXPECT_EQ(r["registered_in_period"], 0);
  r = json::parse(*files_->Report("DEU", D("2026-11-01"), D("2026-11-01")));  // both ends count
  EXPECT_EQ(r["transfers"]["total"], 1);
  EXPECT_EQ(json::parse(*files_->Report("FRA", std::nullopt, std::nullopt))["files"], 0);
  EXPECT_EQ(files_->Report("DEU", D("2026-12-01"), D("2026-11-01")).status().field(), "from");
  EXPECT_EQ(files_->Report("XYZ", std::nullopt, std::nullopt).status().field(), "member_state");
}

TEST_P(ResponsibilityFileSuite, EraseRemovesTheFileAndEveryVersion) {
  const std::string id = Open(ExampleCase())["id"];
  ASSERT_TRUE(files_->Update(id, RequestSent().dump(), "x").ok());
  EXPECT_EQ(files_->Erase(id, "bored").status().field(), "reason");
  EXPECT_EQ(Count("responsibility_file_version"), 2);
  auto erased = files_->Erase(id, "no_longer_needed");
  ASSERT_TRUE(erased.ok()) << erased.status().ToString();
  EXPECT_EQ(json::parse(*erased)["versions"], 2);
  EXPECT_EQ(json::parse(*erased)["legal_basis"], "Regulation (EU) 2016/679, Arts. 5(1)(e), 17(1)(a)");
  EXPECT_EQ(Count("responsibility_file"), 0);
  EXPECT_EQ(Count("responsibility_file_version"), 0);
  EXPECT_EQ(files_->Show(id, std::nullopt).status().code(), StatusCode::kNotFound);
}

// A caller bound to a Member State works on that State's files only.
TEST_P(ResponsibilityFileSuite, ABoundCallerSeesItsOwnStatesFilesOnly) {
  const std::string id = Open(ExampleCase())["id"];
  ResponsibilityFileStore france(store_.get(), &testing::SharedRules());
  france.set_acting_member_state("FRA");
  EXPECT_EQ(france.Show(id, std::nullopt).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(france.Update(id, RequestSent().dump(), "x").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(france.Erase(id, "no_longer_needed").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(france.Open(ExampleCase().dump(), "x").status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(france.ListOpen("DEU", D("2026-09-12"), std::nullopt, 10).status().code(), StatusCode::kPermissionDenied);
  ResponsibilityFileStore germany(store_.get(), &testing::SharedRules());
  germany.set_acting_member_state("DEU");
  EXPECT_TRUE(germany.Show(id, std::nullopt).ok());
}

// The family of tests/scenarios/responsibility/fam_01 (synthetic): a father with a French visa
// (Art. 29), a mother and a daughter who crossed into Italy (Art. 33(1)), registered in Germany on
// 20 August 2026.
json FamilyMember(size_t i) {
  auto text = ReadFileToString(std::string(OPENPACT_SOURCE_DIR) +
                               "/tests/scenarios/responsibility/fam_01_most_members.json");
  EXPECT_TRUE(text.ok());
  return json::parse(*text)["family"]["members"][i];
}

// Files joined in a family are decided together (Art. 28): the Member State designated for most of
// them, else for the eldest; their stored decisions follow each join, leave, update and erasure.
TEST_P(ResponsibilityFileSuite, AFamilysFilesAreDecidedTogether) {
  const std::string father = Open(FamilyMember(0))["id"];
  const std::string mother = Open(FamilyMember(1))["id"];
  const std::string daughter = Open(FamilyMember(2))["id"];
  EXPECT_EQ(Show(father)["responsible_member_state"], "FRA");  // alone: the visa
  // Two members, one each: the eldest's State, Art. 28(b).
  auto joined = files_->JoinFamily(mother, father);
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  json j = json::parse(*joined)["family"];
  EXPECT_EQ(j["id"], father);
  EXPECT_EQ(j["responsible_member_state"], "FRA");
  EXPECT_EQ(j["legal_basis"], "Regulation (EU) 2024/1351, Art. 28(b)");
  EXPECT_EQ(Show(mother)["responsible_member_state"], "FRA");
  // Three: Italy for two of them, Art. 28(a); every file's decision and stored summary follow.
  ASSERT_TRUE(files_->JoinFamily(daughter, mother).ok());
  json shown = Show(father);
  EXPECT_EQ(shown["family_id"], father);
  EXPECT_EQ(shown["responsible_member_state"], "ITA");
  EXPECT_EQ(shown["decision"]["criterion"], "family_procedure");
  EXPECT_EQ(shown["decision"]["legal_basis"], "Regulation (EU) 2024/1351, Art. 28(a)");
  ASSERT_EQ(shown["family"]["files"].size(), 3u);
  for (const json& f : shown["family"]["files"]) {
    EXPECT_EQ(f["designated_alone"], f["id"] == father ? "FRA" : "ITA") << f.dump(2);
    EXPECT_EQ(f["responsible_member_state"], "ITA");
  }
  json list = json::parse(*files_->ListOpen("DEU", D("2026-09-01"), std::nullopt, 10));
  ASSERT_EQ(list["files"].size(), 3u);
  for (const json& f : list["files"]) {
    EXPECT_EQ(f["requested_member_state"], "ITA") << f.dump(2);
    EXPECT_EQ(f["family_id"], father);
  }
  // The father's request to Italy is due two months from his registration (fam_01's expectation).
  EXPECT_EQ(list["files"][2]["id"], father);
  EXPECT_EQ(list["files"][2]["time_limits"][0]["date"], "2026-10-20");
  // An older version is decided alone, and says so.
  ASSERT_TRUE(files_->Update(father, FamilyMember(0).dump(), "caseworker-2").ok());
  json older = Show(father, 1);
  EXPECT_EQ(older["decision"]["responsible_member_state"], "FRA");
  EXPECT_TRUE(older["family"].contains("note"));
  EXPECT_EQ(Show(father)["decision"]["responsible_member_state"], "ITA");
  // An update the family cannot be decided with is refused and changes nothing: a member registered
  // before 1 July 2026 (Dublin III) in a family registered after it.
  json before = FamilyMember(1);
  before["registered_on"] = "2026-06-20";
  before["lodged_on"] = "2026-06-20";
  before["eurodac_hits"][0]["date"] = "2026-06-01";
  const int64_t versions = Count("responsibility_file_version");
  auto refused = files_->Update(mother, before.dump(), "caseworker-2");
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find(mother), std::string::npos) << refused.status().ToString();
  EXPECT_EQ(Count("responsibility_file_version"), versions);
  EXPECT_EQ(Show(mother)["responsible_member_state"], "ITA");
  // The daughter leaves: decided alone (Italy), the two left by the eldest again (France).
  auto left = files_->LeaveFamily(daughter);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_EQ(json::parse(*left)["left_family"], father);
  EXPECT_FALSE(Show(daughter).contains("family_id"));
  EXPECT_EQ(Show(daughter)["responsible_member_state"], "ITA");
  EXPECT_EQ(Show(father)["responsible_member_state"], "FRA");
  EXPECT_EQ(files_->LeaveFamily(daughter).status().code(), StatusCode::kFailedPrecondition);
  // The mother's file erased: a family of one is none, the father decided alone.
  ASSERT_TRUE(files_->Erase(mother, "no_longer_needed").ok());
  shown = Show(father);
  EXPECT_FALSE(shown.contains("family_id"));
  EXPECT_FALSE(shown.contains("family"));
  EXPECT_EQ(shown["decision"]["criterion"], "visa");
}

// A family whose applications were all registered before 1 July 2026 follows Dublin III's Art. 11
// (tests/scenarios/responsibility/dub3_18, synthetic): Italy for two of three members.
TEST_P(ResponsibilityFileSuite, AFamilyRegisteredBeforeJulyFollowsDublinIII) {
  auto text = ReadFileToString(std::string(OPENPACT_SOURCE_DIR) +
                               "/tests/scenarios/responsibility/dub3_18_family_procedure_art_11.json");
  ASSERT_TRUE(text.ok());
  const json members = json::parse(*text)["family"]["members"];
  std::vector<std::string> ids;
  for (const json& m : members) ids.push_back(Open(m)["id"]);
  EXPECT_EQ(Show(ids[1])["responsible_member_state"], "ESP");  // alone: the visa
  ASSERT_TRUE(files_->JoinFamily(ids[1], ids[0]).ok());
  ASSERT_TRUE(files_->JoinFamily(ids[2], ids[0]).ok());
  const json shown = Show(ids[1]);
  EXPECT_EQ(shown["family"]["legal_basis"], "Regulation (EU) No 604/2013, Art. 11(a)");
  EXPECT_EQ(shown["responsible_member_state"], "ITA");
}

// What a family cannot be formed of, each refused naming the reason and changing nothing.
TEST_P(ResponsibilityFileSuite, AFamilyIsRefusedWhatItCannotHold) {
  const std::string father = Open(FamilyMember(0))["id"];
  const std::string mother = Open(FamilyMember(1))["id"];
  const std::string daughter = Open(FamilyMember(2))["id"];
  EXPECT_EQ(files_->JoinFamily(father, father).status().field(), "with");
  auto unknown = files_->JoinFamily(father, "rsp-nothing");
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  json french = ExampleCase();
  french["member_state"] = "FRA";
  french["family"] = json::array();
  const std::string other = Open(french)["id"];
  EXPECT_EQ(files_->JoinFamily(father, other).status().field(), "with");
  ASSERT_TRUE(files_->Close(daughter, "withdrawn", D("2026-09-02")).ok());
  EXPECT_EQ(files_->JoinFamily(daughter, father).status().code(), StatusCode::kFailedPrecondition);
  // A family on both sides of 1 July 2026 is not one procedure (Art. 84(2)).
  json early = FamilyMember(1);
  early["registered_on"] = "2026-06-20";
  early["lodged_on"] = "2026-06-20";
  early["eurodac_hits"][0]["date"] = "2026-06-01";
  const std::string dublin3 = Open(early)["id"];
  auto mixed = files_->JoinFamily(dublin3, father);
  EXPECT_EQ(mixed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(Show(father).contains("family_id"));
  EXPECT_FALSE(Show(dublin3).contains("family_id"));
  // A file in one family joins another only after leaving it.
  ASSERT_TRUE(files_->JoinFamily(mother, father).ok());
  const std::string fourth = Open(FamilyMember(2))["id"];
  const std::string fifth = Open(FamilyMember(2))["id"];
  ASSERT_TRUE(files_->JoinFamily(fourth, fifth).ok());
  EXPECT_EQ(files_->JoinFamily(mother, fifth).status().code(), StatusCode::kFailedPrecondition);
  ASSERT_TRUE(files_->JoinFamily(mother, father).ok());  // joining its own family again changes nothing
  EXPECT_EQ(Show(mother)["family_id"], father);
}

// A request received (AMMR Arts. 40-41): France keeps Germany's take charge request of 5 September
// as its own file, decided by the same engine: the reply due within a month, listed apart from
// France's own files and Germany's, counted in no report of Germany's, and hidden from Germany.
TEST_P(ResponsibilityFileSuite, ARequestReceivedIsTheReceivingStatesFile) {
  ResponsibilityFileStore france(store_.get(), &testing::SharedRules());
  france.set_acting_member_state("FRA");
  auto opened = france.Open(RequestSent().dump(), "fra-caseworker", "FRA");
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  const json f = json::parse(*opened);
  const std::string id = f["id"];
  EXPECT_EQ(f["member_state"], "DEU");
  EXPECT_EQ(f["received_by"], "FRA");
  EXPECT_EQ(f["received"]["request_designates"], "FRA");
  EXPECT_TRUE(f["received"]["notes"].empty()) << f.dump(2);
  // What France's reply owes: the checks and the month, responsibility acknowledged on coherent,
  // verifiable and detailed circumstantial evidence (Art. 40(1), (6), (8)); the spouse's criterion (Art.
  // 26) makes the request one to prioritise and a refusal on its evidence one to reason (40(1), (6)).
  const json& duties = f["received"]["reply_duties"];
  ASSERT_EQ(duties.size(), 2u) << f.dump(2);
  EXPECT_EQ(duties[0]["legal_basis"], "Regulation (EU) 2024/1351, Art. 40(1), (6), (8)");
  EXPECT_NE(duties[0]["duty"].get<std::string>().find("coherent, verifiable and sufficiently detailed"),
            std::string::npos)
      << duties[0];
  EXPECT_EQ(duties[1]["legal_basis"], "Regulation (EU) 2024/1351, Art. 40(1), (6)");
  EXPECT_NE(duties[1]["duty"].get<std::string>().find("Art. 26"), std::string::npos) << duties[1];
  json list = json::parse(*france.ListOpen("FRA", D("2026-09-12"), std::nullopt, 10, /*received=*/true));
  EXPECT_TRUE(list["received"]);
  ASSERT_EQ(list["files"].size(), 1u);
  EXPECT_EQ(list["files"][0]["id"], id);
  bool reply = false;
  for (const json& t : list["files"][0]["time_limits"]) {
    if (t["name"] != "take_charge_reply") continue;
    reply = true;
    EXPECT_EQ(t["date"], "2026-10-05");
  }
  EXPECT_TRUE(reply) << list.dump(2);
  EXPECT_TRUE(json::parse(*france.ListOpen("FRA", D("2026-09-12"), std::nullopt, 10))["files"].empty());
  // Germany's own work list and report do not hold France's file; a German caller does not find it.
  EXPECT_TRUE(json::parse(*files_->ListOpen("DEU", D("2026-09-12"), std::nullopt, 10))["files"].empty());
  EXPECT_EQ(json::parse(*files_->Report("DEU", std::nullopt, std::nullopt))["files"], 0);
  // France's report counts it among the requests received, by the State that sent it.
  const json counted = json::parse(*france.Report("FRA", D("2026-09-01"), D("2026-09-30")));
  EXPECT_EQ(counted["files"], 0);
  EXPECT_EQ(counted["received"]["files"], 1);
  EXPECT_EQ(counted["received"]["take_charge_requests"]["by_member_state"]["DEU"], 1);
  EXPECT_EQ(json::parse(*france.Report("FRA", D("2026-10-01"), std::nullopt))["received"]["take_charge_requests"]
                ["total"],
            0);
  ResponsibilityFileStore germany(store_.get(), &testing::SharedRules());
  germany.set_acting_member_state("DEU");
  EXPECT_EQ(germany.Show(id, std::nullopt).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(france.Show(id, std::nullopt).ok());
  EXPECT_EQ(germany.Open(RequestSent().dump(), "x", "FRA").status().code(), StatusCode::kPermissionDenied);
  // The engine's answer as the case stands: no request recorded, or another State designated, is said.
  json early = json::parse(*france.Open(ExampleCase().dump(), "fra-caseworker", "FRA"));
  EXPECT_EQ(early["received"]["notes"].size(), 1u) << early.dump(2);
  ResponsibilityFileStore italy(store_.get(), &testing::SharedRules());
  json elsewhere = json::parse(*italy.Open(RequestSent().dump(), "ita-caseworker", "ITA"));
  EXPECT_NE(elsewhere["received"]["notes"][0].get<std::string>().find("not ITA"), std::string::npos);
  // A request sent after the time limit of Art. 39(1): the sender is responsible, which the note says.
  json late = RequestSent();
  late["decision_date"] = "2026-11-06";
  late["take_charge_request_sent_on"] = "2026-11-05";
  json after = json::parse(*france.Open(late.dump(), "fra-caseworker", "FRA"));
  ASSERT_EQ(after["received"]["notes"].size(), 1u) << after.dump(2);
  EXPECT_NE(after["received"]["notes"][0].get<std::string>().find("take_charge_time_limit_missed"), std::string::npos)
      << after.dump(2);
  EXPECT_EQ(after["responsible_member_state"], "DEU");
  // Refused: the sender itself, a State not of the system; a received file joins no family.
  EXPECT_EQ(files_->Open(RequestSent().dump(), "x", "DEU").status().field(), "received_by");
  EXPECT_EQ(files_->Open(RequestSent().dump(), "x", "XYZ").status().field(), "received_by");
  const std::string own = Open(ExampleCase())["id"];
  EXPECT_EQ(files_->JoinFamily(own, id).status().code(), StatusCode::kFailedPrecondition);
  // Closing: the receiving State examines, or the person arrived.
  auto closed = france.Close(id, "examined_here", D("2026-09-12"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_TRUE(json::parse(*closed)["flags"].empty()) << *closed;
  // A take back notification: France confirms receipt unless it shows it is not responsible (Art. 41(3)).
  const json take_back = json::parse(R"({"decision_date": "2026-09-05", "member_state": "DEU",
      "registered_on": "2026-08-20", "applicant": {"nationality": "AFG", "date_of_birth": "1990-01-01"},
      "eurodac_hits": [{"category": "applicant", "member_state": "FRA", "date": "2026-05-10",
                        "responsible_member_state": "FRA"}], "take_back_sent_on": "2026-09-02"})");
  const json notified = json::parse(*france.Open(take_back.dump(), "fra-caseworker", "FRA"));
  ASSERT_EQ(notified["received"]["reply_duties"].size(), 1u) << notified.dump(2);
  EXPECT_EQ(notified["received"]["reply_duties"][0]["legal_basis"], "Regulation (EU) 2024/1351, Art. 41(3)-(4)");
  // An application registered before 1 July 2026: Dublin III's criteria, the AMMR's procedure for the
  // reply as the answer's reading R1 has it, which each duty says. The priority of Art. 40(1) is for
  // requests on the AMMR's Arts. 25-28 and 34: a request on Dublin III's Art. 9 is not given it as a
  // duty, and a note says the text is silent on it.
  const json before_july = json::parse(R"({"decision_date": "2026-07-10", "member_state": "DEU",
      "registered_on": "2026-06-20", "lodged_on": "2026-06-22",
      "applicant": {"nationality": "AFG", "date_of_birth": "1990-01-01"},
      "family": [{"relation": "spouse", "member_state": "FRA", "status": "beneficiary",
                  "family_existed_in_country_of_origin": true, "wish_in_writing": true}],
      "take_charge_request_sent_on": "2026-07-05"})");
  const json dublin = json::parse(*france.Open(before_july.dump(), "fra-caseworker", "FRA"));
  ASSERT_EQ(dublin["decision"]["regime"].get<std::string>().rfind("Regulation (EU) No 604/2013", 0), 0u)
      << dublin["decision"]["regime"];
  const json& r1 = dublin["received"]["reply_duties"];
  ASSERT_EQ(dublin["decision"]["legal_basis"], "Regulation (EU) No 604/2013, Art. 9");
  ASSERT_EQ(r1.size(), 1u) << dublin.dump(2);
  const std::string duty = r1[0]["duty"];
  EXPECT_NE(duty.find("(the AMMR's procedure, reading R1 of the answer)"), std::string::npos) << duty;
  // That the priority does not reach Dublin III's criteria is the text's silence, which a note says.
  ASSERT_EQ(dublin["received"]["notes"].size(), 1u) << dublin.dump(2);
  EXPECT_NE(dublin["received"]["notes"][0].get<std::string>().find("unclear in law"), std::string::npos);
  EXPECT_EQ(json::parse(*france.Open(RequestSent().dump(), "fra-caseworker", "FRA"))["received"]["reply_duties"][0]
                ["duty"]
                    .get<std::string>()
                    .find("reading R1"),
            std::string::npos);
}

// Each State's work list holds the limits that run on it (AMMR Arts. 40, 42, 46): France, which
// received the request, its reply; once it accepted, nothing (the transfer decision and the transfer
// are Germany's, the requesting State's). Germany's own file lists its limits and watches France's
// reply, each limit naming the State it runs on.
TEST_P(ResponsibilityFileSuite, EachStatesWorkListHoldsTheLimitsThatRunOnIt) {
  ResponsibilityFileStore france(store_.get(), &testing::SharedRules());
  france.set_acting_member_state("FRA");
  const json pending = json::parse(*france.Open(RequestSent().dump(), "fra-caseworker", "FRA"));
  EXPECT_EQ(pending["next_time_limit_on"], "2026-10-05");  // France's reply (a month, Art. 40(1))
  const json accepted_case = Accepted();
  const json accepted = json::parse(*france.Open(accepted_case.dump(), "fra-caseworker", "FRA"));
  EXPECT_TRUE(accepted["next_time_limit_on"].is_null()) << accepted.dump(2);
  json received = json::parse(*france.ListOpen("FRA", D("2026-09-21"), std::nullopt, 10, /*received=*/true));
  ASSERT_EQ(received["files"].size(), 2u) << received.dump(2);
  for (const json& f : received["files"]) {
    for (const json& t : f["time_limits"]) EXPECT_EQ(t["by"], "FRA") << t.dump();
  }
  EXPECT_EQ(received["files"][0]["id"], pending["id"]);  // the one with a limit of France's first
  EXPECT_TRUE(received["files"][1]["time_limits"].empty()) << received.dump(2);
  // Germany's file of the accepted request: the transfer decision and the transfer run on Germany.
  const json own = Open(accepted_case);
  json list = json::parse(*files_->ListOpen("DEU", D("2026-09-21"), std::nullopt, 10));
  ASSERT_EQ(list["files"].size(), 1u);
  std::set<std::string> names;
  for (const json& t : list["files"][0]["time_limits"]) {
    names.insert(t["name"].get<std::string>());
    EXPECT_EQ(t["by"], "DEU") << t.dump();
    EXPECT_EQ(t["actor"], "authority") << t.dump();
  }
  EXPECT_TRUE(names.count("transfer_decision") && names.count("transfer")) << list.dump(2);
  EXPECT_EQ(own["next_time_limit_on"], list["files"][0]["time_limits"][0]["date"]);
  // Germany watches the reply France owes on its pending request.
  Open(RequestSent());
  list = json::parse(*files_->ListOpen("DEU", D("2026-09-12"), std::nullopt, 10));
  bool watched = false;
  for (const json& f : list["files"]) {
    for (const json& t : f["time_limits"]) {
      if (t["name"] == "take_charge_reply") watched = t["by"] == "FRA";
    }
  }
  EXPECT_TRUE(watched) << list.dump(2);
}

// A request received recorded before the receiving State's list kept only its own limits held the
// nearest of all the case's limits (here Germany's transfer decision, due 2026-10-05 + 2 weeks after
// the acceptance); store migration 22 marks such files and the first list of requests received puts
// each column right, from its newest case, before it selects or orders anything (the pending
// request's column, already right, stays as it is).
TEST_P(ResponsibilityFileSuite, RequestsReceivedRecordedBeforeAreReorderedOnTheirOwnLimits) {
  ResponsibilityFileStore france(store_.get(), &testing::SharedRules());
  france.set_acting_member_state("FRA");
  const json pending = json::parse(*france.Open(RequestSent().dump(), "fra-caseworker", "FRA"));
  const json accepted_case = Accepted();
  const json accepted = json::parse(*france.Open(accepted_case.dump(), "fra-caseworker", "FRA"));
  const std::string old_column = NearestPending(accepted_case);  // every limit's nearest: Germany's
  ASSERT_FALSE(old_column.empty());
  ASSERT_LT(old_column, "2026-10-31");
  // The store as the binary before migration 22 left it: the column without the marker.
  ASSERT_TRUE(store_->Exec("DROP INDEX responsibility_file_order_stale").ok());
  ASSERT_TRUE(store_->Exec("ALTER TABLE responsibility_file DROP COLUMN order_stale").ok());
  ASSERT_TRUE(store_->Exec("DELETE FROM schema_migrations WHERE version = 22").ok());
  ASSERT_TRUE(store_
                  ->Exec("UPDATE responsibility_file SET next_limit_on = ? WHERE id = ?",
                         {old_column, accepted["id"].get<std::string>()})
                  .ok());
  ASSERT_TRUE(store_->Migrate().ok());
  // Due by 31 October: France owes only the pending request's reply (5 October).
  const json due = json::parse(*france.ListOpen("FRA", D("2026-09-21"), D("2026-10-31"), 10, /*received=*/true));
  ASSERT_EQ(due["files"].size(), 1u) << due.dump(2);
  EXPECT_EQ(due["files"][0]["id"], pending["id"]);
  auto row = store_->Query("SELECT next_limit_on, order_stale FROM responsibility_file WHERE id = ?",
                           {accepted["id"].get<std::string>()});
  ASSERT_TRUE(row.ok());
  EXPECT_TRUE(row->rows[0].IsNull(0));
  EXPECT_EQ(row->rows[0].Int(1), 0);
  row = store_->Query("SELECT next_limit_on FROM responsibility_file WHERE id = ?", {pending["id"].get<std::string>()});
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->rows[0].Text(0), "2026-10-05");
  // The State's own files are not touched: their column always held every limit.
  const json own = Open(accepted_case);
  EXPECT_EQ(own["next_time_limit_on"], old_column);
}

// The report counts the time limits that passed without being met, by the State on whom each ran:
// France left Germany's request of 5 September without a reply (due 5 October: a silence that
// accepts, Art. 40(8)), and Germany then took no transfer decision within two weeks (Art. 42(1));
// a file whose limits were all met adds nothing; France's own report holds its reply, not Germany's
// transfer decision. A period that ends before the limits passes none of them.
TEST_P(ResponsibilityFileSuite, TheReportCountsTheTimeLimitsThatPassed) {
  Open(RequestSent());
  Open(Transferred());
  ResponsibilityFileStore france(store_.get(), &testing::SharedRules());
  france.set_acting_member_state("FRA");
  ASSERT_TRUE(france.Open(RequestSent().dump(), "fra-caseworker", "FRA").ok());
  const json report = json::parse(*files_->Report("DEU", D("2026-09-01"), D("2026-10-31")));
  const json& passed = report["time_limits_passed"];
  EXPECT_EQ(passed["decided_on"], "2026-10-31");
  EXPECT_TRUE(passed["files_not_decided"].empty()) << passed.dump(2);
  const json& reply = passed["by_limit"]["take_charge_reply"];
  EXPECT_EQ(reply["not_done"], 1) << passed.dump(2);
  EXPECT_EQ(reply["late"], 0);
  EXPECT_EQ(reply["by_member_state"], json({{"FRA", 1}}));
  const json& decision = passed["by_limit"]["transfer_decision"];
  EXPECT_EQ(decision["not_done"], 1) << passed.dump(2);
  EXPECT_EQ(decision["by_member_state"], json({{"DEU", 1}}));
  EXPECT_EQ(decision["actor"], "authority");
  int64_t sum = 0;
  for (const auto& [name, n] : passed["by_limit"].items()) sum += n["late"].get<int64_t>() + n["not_done"].get<int64_t>();
  EXPECT_EQ(passed["total"], sum);
  // France's report: its reply, on its received file; Germany's limits are not France's.
  const json french = json::parse(*france.Report("FRA", D("2026-09-01"), D("2026-10-31")));
  EXPECT_EQ(french["received"]["time_limits_passed"]["by_limit"],
            json::parse(R"({"take_charge_reply": {"actor": "authority", "late": 0, "not_done": 1,
                           "by_member_state": {"FRA": 1}}})"))
      << french.dump(2);
  EXPECT_EQ(french["time_limits_passed"]["total"], 0);
  // Before the reply was due, nothing had passed.
  EXPECT_EQ(json::parse(*files_->Report("DEU", D("2026-09-01"), D("2026-10-04")))["time_limits_passed"]["total"], 0);
  // A late reply counts as late, not as not done.
  json late = RequestSent();
  late["decision_date"] = "2026-10-10";
  late["reply_received_on"] = "2026-10-08";
  late["accepted_on"] = "2026-10-08";
  Open(late);
  const json after = json::parse(*files_->Report("DEU", D("2026-09-01"), D("2026-10-31")));
  EXPECT_EQ(after["time_limits_passed"]["by_limit"]["take_charge_reply"]["late"], 1) << after.dump(2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ResponsibilityFileSuite, ::testing::ValuesIn(testing::StoreBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace openpact::cases
