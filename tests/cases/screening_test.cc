#include "cases/screening_store.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "store/store.h"
#include "test_util.h"

namespace openpact::cases {
namespace {

using json = nlohmann::json;
Date D(const char* s) { return *Date::Parse(s); }

const rules::RulesData& Rules() { return testing::SharedRules(); }

rules::ScreeningStart Start(const char* location, const char* event, const char* ms = "ITA") {
  rules::ScreeningStart s;
  s.member_state = ms;
  s.location = location;
  s.event_date = D(event);
  return s;
}

// Art. 8(3)-(4) with Reg. 1182/71 Art. 3 (the Screening Regulation has no computation rule).
TEST(ScreeningLimit, SevenDaysAtTheExternalBorder) {
  auto l = rules::ComputeScreeningLimit(Start("external_border", "2026-07-01"), Rules());
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->must_end_on, D("2026-07-08"));
  EXPECT_EQ(l->legal_basis, "Regulation (EU) 2024/1356, Art. 8(3)");
  // 18 Dec + 7 days = 25 Dec (Christmas), then 26 (Santo Stefano, Sat), 27 (Sun) -> Mon 28 Dec.
  EXPECT_EQ(rules::ComputeScreeningLimit(Start("external_border", "2026-12-18"), Rules())->must_end_on,
            D("2026-12-28"));
}

TEST(ScreeningLimit, ThreeDaysInTheTerritory) {
  // Wed 1 Jul + 3 days = Sat 4 Jul -> Mon 6 Jul.
  auto l = rules::ComputeScreeningLimit(Start("in_territory", "2026-07-01"), Rules());
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->must_end_on, D("2026-07-06"));
  EXPECT_EQ(l->legal_basis, "Regulation (EU) 2024/1356, Art. 8(4)");
}

TEST(ScreeningLimit, FourDaysAfterAStayOfMoreThan72Hours) {
  rules::ScreeningStart s = Start("external_border", "2026-07-01");
  s.held_over_72h = true;
  s.held_until = D("2026-07-05");  // Sunday; + 4 days = Thu 9 Jul
  auto l = rules::ComputeScreeningLimit(s, Rules());
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(l->must_end_on, D("2026-07-09"));
  EXPECT_EQ(l->status, "uncertain");  // when the 4 days start is not settled
  EXPECT_NE(l->note.find("uncertain"), std::string::npos);
}

// The Regulation applies from 12 June 2026 (Art. 25): an earlier event is refused, naming it,
// not answered with a policy gap.
TEST(ScreeningLimit, NoScreeningUnderTheRegulationBeforeItApplies) {
  auto before = rules::ComputeScreeningLimit(Start("external_border", "2026-06-11"), Rules());
  ASSERT_FALSE(before.ok());
  EXPECT_EQ(before.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(before.status().field(), "event_date");
  EXPECT_NE(before.status().message().find("Art. 25"), std::string::npos) << before.status().ToString();
  // Fri 12 June + 7 days = Fri 19 June.
  EXPECT_EQ(rules::ComputeScreeningLimit(Start("external_border", "2026-06-12"), Rules())->must_end_on, D("2026-06-19"));
}

TEST(ScreeningLimit, RefusesBadStarts) {
  EXPECT_EQ(rules::ValidateScreeningStart(Start("airport", "2026-07-01"), Rules().countries).field(), "location");
  EXPECT_EQ(rules::ValidateScreeningStart(Start("in_territory", "2026-07-01", "NOR"), Rules().countries).field(),
            "member_state");
  rules::ScreeningStart s = Start("in_territory", "2026-07-01");
  s.held_over_72h = true;
  EXPECT_FALSE(rules::ValidateScreeningStart(s, Rules().countries).ok());
}

class ScreeningStoreSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string url = testing::FreshDatabaseUrl(GetParam(), dir_);
    if (url.empty()) GTEST_SKIP();
    store_ = std::move(*store::Store::Open(url));
    ASSERT_TRUE(store_->Migrate().ok());
    screenings_ = std::make_unique<ScreeningStore>(store_.get(), &Rules());
  }
  std::string StartOne(const char* location = "external_border") {
    auto r = screenings_->Start(Start(location, "2026-07-01"), "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return json::parse(*r)["id"];
  }
  void FillForm(const std::string& id, bool applied) {
    json form = {{"name", "SYNTHETIC TEST PERSON"}, {"date_of_birth", "1990-01-01"}, {"place_of_birth", "unknown"},
                 {"gender", "X"}, {"nationalities", {"AFG"}}, {"countries_of_residence", {"IRN"}},
                 {"languages", {"prs"}}, {"health_check", "no further check needed"},
                 {"vulnerability_check", "none found"}, {"application_made", applied},
                 {"family_members_in_member_states", json::array()}, {"database_hits", false},
                 {"cooperated", true}, {"identity_verified", "declared"}};
    ASSERT_TRUE(screenings_->Record(id, "", "", form.dump(), D("2026-07-02")).ok());
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<ScreeningStore> screenings_;
};

TEST_P(ScreeningStoreSuite, StartRecordCloseToAsylum) {
  const std::string id = StartOne();
  auto rec = screenings_->Record(id, "security", "no hit in SIS, VIS, ECRIS-TCN", "", D("2026-07-02"));
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  EXPECT_EQ(json::parse(*rec)["checks"][0]["check"], "security");
  FillForm(id, /*applied=*/true);
  auto closed = screenings_->Close(id, "asylum", D("2026-07-03"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  json form = json::parse(*closed);
  EXPECT_EQ(form["status"], "closed");
  EXPECT_EQ(form["referral"]["legal_basis"], "Regulation (EU) 2024/1356, Art. 18(2)");
  EXPECT_TRUE(form["form"].contains("database_hits"));
  EXPECT_FALSE(form["form_for_person"].contains("database_hits"));  // Art. 17(3)
  EXPECT_TRUE(form["missing_items"].empty());
  // A closed screening takes no more records and cannot be closed twice.
  EXPECT_EQ(screenings_->Record(id, "health", "ok", "", D("2026-07-04")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_FALSE(screenings_->Close(id, "return", D("2026-07-04")).ok());
}

// Art. 18(7): the personal data are erased in accordance with the Eurodac periods, read as ten
// years for an applicant's data and five for anyone else's, from the screening's event.
TEST_P(ScreeningStoreSuite, FilesAreErasedWhenTheirEurodacPeriodEnds) {
  const std::string applicant = StartOne();
  FillForm(applicant, /*applied=*/true);
  const std::string crosser = StartOne();
  FillForm(crosser, /*applied=*/false);
  const std::string open = StartOne("in_territory");  // never closed, no form: five years too
  ASSERT_TRUE(screenings_->Close(applicant, "asylum", D("2026-07-03")).ok());
  ASSERT_TRUE(screenings_->Close(crosser, "return", D("2026-07-03")).ok());
  const auto expire = [&](const char* at) {
    auto r = screenings_->Expire(D(at), D("2036-07-01"));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  };
  EXPECT_EQ(expire("2031-06-30")["erased"], 0);  // the fifth anniversary's eve
  const json five = expire("2031-07-01");
  EXPECT_EQ(five["erased"], 2);
  EXPECT_EQ(five["by_member_state"]["ITA"], 2);
  EXPECT_NE(five["legal_basis"].dump().find("Art. 18(7)"), std::string::npos);
  EXPECT_EQ(screenings_->Show(crosser).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(screenings_->Show(open).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(screenings_->Show(applicant).ok());
  EXPECT_EQ(expire("2036-06-30")["erased"], 0);
  EXPECT_EQ(expire("2036-07-01")["erased"], 1);
  EXPECT_EQ(screenings_->Show(applicant).status().code(), StatusCode::kNotFound);
  // Not after today; a caller bound to a Member State erases only its own files.
  EXPECT_EQ(screenings_->Expire(D("2036-07-02"), D("2036-07-01")).status().field(), "at");
  const std::string french = json::parse(*screenings_->Start(Start("external_border", "2026-07-01", "FRA"), "t"))["id"];
  ScreeningStore italy(store_.get(), &Rules());
  italy.set_acting_member_state("ITA");
  auto italian = italy.Expire(D("2036-07-01"), D("2036-07-01"));
  ASSERT_TRUE(italian.ok());
  EXPECT_EQ(json::parse(*italian)["erased"], 0);
  EXPECT_TRUE(screenings_->Show(french).ok());
}

TEST_P(ScreeningStoreSuite, IncompleteFormIsRefusedBeforeTheTimeLimitAndFlaggedAfter) {
  const std::string id = StartOne();
  ASSERT_TRUE(screenings_->Record(id, "", "", R"({"application_made": false})", D("2026-07-02")).ok());
  auto early = screenings_->Close(id, "return", D("2026-07-03"));
  ASSERT_FALSE(early.ok());
  EXPECT_NE(early.status().message().find("place_of_birth"), std::string::npos);
  // After the 7 days (8 Jul) screening ends anyway and the person is referred (Art. 18(5)).
  auto late = screenings_->Close(id, "return", D("2026-07-09"));
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  json form = json::parse(*late);
  EXPECT_FALSE(form["missing_items"].empty());
  EXPECT_EQ(form["flags"][0]["code"], "form_incomplete_at_time_limit");
  EXPECT_EQ(form["flags"][1]["code"], "time_limit_exceeded");
}

TEST_P(ScreeningStoreSuite, ReferralMustFitTheApplicationAndTheLocation) {
  const std::string border = StartOne("external_border");
  FillForm(border, /*applied=*/false);
  EXPECT_EQ(screenings_->Close(border, "asylum", D("2026-07-03")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(screenings_->Close(border, "return_continues", D("2026-07-03")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(screenings_->Close(border, "deport", D("2026-07-03")).status().field(), "--referral");
  EXPECT_TRUE(screenings_->Close(border, "return", D("2026-07-03")).ok());
  const std::string inside = StartOne("in_territory");
  FillForm(inside, /*applied=*/true);
  EXPECT_EQ(screenings_->Close(inside, "return_continues", D("2026-07-02")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(screenings_->Close(inside, "asylum", D("2026-07-02")).ok());
}

TEST_P(ScreeningStoreSuite, BadRecordsAreRefusedAndStoreNothing) {
  const std::string id = StartOne();
  EXPECT_EQ(screenings_->Record(id, "palm_reading", "x", "", D("2026-07-02")).status().field(), "--check");
  EXPECT_EQ(screenings_->Record(id, "identity", "", "", D("2026-07-02")).status().field(), "--outcome");
  EXPECT_EQ(screenings_->Record(id, "", "", R"({"shoe_size": 42})", D("2026-07-02")).status().field(), "form.shoe_size");
  EXPECT_EQ(screenings_->Record(id, "", "", R"({"cooperated": "yes"})", D("2026-07-02")).status().field(),
            "form.cooperated");
  EXPECT_EQ(screenings_->Record(id, "", "", R"({"date_of_birth": "1990-02-30"})", D("2026-07-02")).status().field(),
            "form.date_of_birth");
  EXPECT_EQ(screenings_->Record(id, "", "", "[1,2]", D("2026-07-02")).status().field(), "--form");
  EXPECT_EQ(screenings_->Record(id, "", "", R"({"date_of_birth": "2026-07-05"})", D("2026-07-02")).status().field(),
            "form.date_of_birth");  // born after the screening started
  EXPECT_EQ(screenings_->Record(id, "", "", R"({"nationalities": ["AFG", "ZZZ"]})", D("2026-07-02")).status().field(),
            "form.nationalities[1]");
  EXPECT_EQ(screenings_->Record(id, "", "", R"({"nationalities": "AFG"})", D("2026-07-02")).status().field(),
            "form.nationalities");
  EXPECT_EQ(screenings_->Record(id, "", "", R"({"countries_of_residence": [7]})", D("2026-07-02")).status().field(),
            "form.countries_of_residence[0]");
  EXPECT_TRUE(screenings_->Record(id, "", "", R"({"nationalities": ["XXA"], "countries_of_residence": []})",
                                  D("2026-07-02")).ok());
  // A form nested 300,000 levels deep crashed the command (stack overflow when stored).
  const std::string deep = "{\"observations\": " + std::string(300000, '[') + std::string(300000, ']') + "}";
  EXPECT_EQ(screenings_->Record(id, "", "", deep, D("2026-07-02")).status().field(), "--form");
  // A check dated before the event that started the screening (2026-07-01).
  EXPECT_EQ(screenings_->Record(id, "identity", "ok", "", D("2025-01-01")).status().field(), "--on");
  // An atomic record: the valid check next to a bad form item is not stored either.
  EXPECT_FALSE(screenings_->Record(id, "identity", "ok", R"({"bogus": 1})", D("2026-07-02")).ok());
  json shown = json::parse(*screenings_->Show(id));
  EXPECT_TRUE(shown["checks"].empty());
  EXPECT_EQ(shown["form"]["nationalities"], json::array({"XXA"}));  // the one valid record kept
  EXPECT_EQ(screenings_->Show("scr-nope").status().code(), StatusCode::kNotFound);
}

// The border guards' work list: open files only, the nearest limit first, days left counted from
// the day given, what is missing named, filtered by a due day and bounded.
TEST_P(ScreeningStoreSuite, WorkListPutsTheNearestTimeLimitFirst) {
  auto start = [&](const char* location, const char* event, const char* ms = "ITA") {
    auto r = screenings_->Start(Start(location, event, ms), "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return json::parse(*r)["id"].get<std::string>();
  };
  const std::string border = start("external_border", "2026-07-01");  // limit Wed 8 July
  const std::string territory = start("in_territory", "2026-07-02");   // Thu + 3 = Sun 5 -> Mon 6 July
  const std::string later = start("external_border", "2026-07-06");    // limit Mon 13 July
  const std::string closed = start("external_border", "2026-07-01");
  FillForm(closed, false);
  ASSERT_TRUE(screenings_->Close(closed, "return", D("2026-07-03")).ok());
  start("external_border", "2026-07-01", "FRA");  // another Member State's
  ASSERT_TRUE(screenings_->Record(border, "identity", "SYNTHETIC outcome", "", D("2026-07-02")).ok());
  FillForm(border, true);

  auto list = screenings_->ListOpen("ITA", D("2026-07-08"), std::nullopt, 100);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  const json l = json::parse(*list);
  ASSERT_EQ(l["count"], 3);
  EXPECT_EQ(l["more"], false);
  const json& files = l["screenings"];
  EXPECT_EQ(files[0]["id"], territory);
  EXPECT_EQ(files[0]["must_end_on"], "2026-07-06");
  EXPECT_EQ(files[0]["days_left"], -2);
  EXPECT_EQ(files[0]["state"], "overdue");
  EXPECT_EQ(files[0]["checks_missing"].size(), 5u);
  EXPECT_EQ(files[1]["id"], border);
  EXPECT_EQ(files[1]["days_left"], 0);
  EXPECT_EQ(files[1]["state"], "due_today");
  EXPECT_EQ(files[1]["checks_missing"], json::array({"security", "health", "vulnerability", "eurodac"}));
  EXPECT_EQ(files[1]["form_items_missing"], json::array());
  EXPECT_EQ(files[2]["id"], later);
  EXPECT_EQ(files[2]["days_left"], 5);
  EXPECT_EQ(files[2]["state"], "running");
  EXPECT_NE(files[2]["form_items_missing"].size(), 0u);

  // Due by 8 July: the two whose limits end by then; at most one: the nearest, more to come.
  const json due = json::parse(*screenings_->ListOpen("ITA", D("2026-07-08"), D("2026-07-08"), 100));
  EXPECT_EQ(due["count"], 2);
  const json one = json::parse(*screenings_->ListOpen("ITA", D("2026-07-08"), std::nullopt, 1));
  EXPECT_EQ(one["count"], 1);
  EXPECT_EQ(one["more"], true);
  EXPECT_EQ(one["screenings"][0]["id"], territory);
  EXPECT_EQ(screenings_->ListOpen("XYZ", D("2026-07-08"), std::nullopt, 100).status().field(), "member_state");
  EXPECT_EQ(screenings_->ListOpen("ITA", D("2026-07-08"), std::nullopt, 0).status().field(), "limit");
  EXPECT_EQ(screenings_->ListOpen("ITA", D("2026-07-08"), std::nullopt, kMaxScreeningList + 1).status().field(), "limit");
}

// The independent monitoring mechanism's report (Art. 10(2)), on files whose findings were worked
// out by hand: time limits of Art. 8(3)-(4), the elements of Art. 8(5), minors, applicants'
// referrals (Art. 18(2)), one Member State only.
TEST_P(ScreeningStoreSuite, MonitoringReportFindsWhatTheMechanismLooksFor) {
  auto start = [&](const char* location, const char* event, const char* ms = "ITA") {
    auto r = screenings_->Start(Start(location, event, ms), "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return json::parse(*r)["id"].get<std::string>();
  };
  auto check = [&](const std::string& id, const char* c) {
    ASSERT_TRUE(screenings_->Record(id, c, "SYNTHETIC outcome", "", D("2026-07-02")).ok());
  };
  // A: a minor (born 2010), every element recorded, referred to asylum in time.
  const std::string a = start("external_border", "2026-07-01");
  FillForm(a, true);
  ASSERT_TRUE(screenings_->Record(a, "", "", R"({"date_of_birth": "2010-03-01"})", D("2026-07-02")).ok());
  for (const char* c : {"identity", "security", "health", "vulnerability", "eurodac"}) check(a, c);
  ASSERT_TRUE(screenings_->Close(a, "asylum", D("2026-07-03")).ok());
  // B: identity only, referred to return a day after its limit (8 July).
  const std::string b = start("external_border", "2026-07-01");
  FillForm(b, false);
  check(b, "identity");
  ASSERT_TRUE(screenings_->Close(b, "return", D("2026-07-09")).ok());
  // C: within the territory, open past its limit (Mon 6 July); D: open, within its limit (27 July).
  const std::string c = start("in_territory", "2026-07-01");
  const std::string d = start("external_border", "2026-07-20");
  // E: an applicant whose screening stopped for criminal proceedings (an early end: no elements due).
  const std::string e = start("external_border", "2026-07-01");
  FillForm(e, true);
  ASSERT_TRUE(screenings_->Close(e, "criminal_proceedings", D("2026-07-02")).ok());
  start("external_border", "2026-07-01", "FRA");  // another Member State's: not in ITA's report
  // F: held at the border more than 72 hours until Sunday 5 July: 4 days from then (Thu 9 July),
  // a start the Regulation does not settle (Art. 8(3)); open.
  rules::ScreeningStart held = Start("external_border", "2026-07-01");
  held.held_over_72h = true;
  held.held_until = D("2026-07-05");
  auto f_started = screenings_->Start(held, "test");
  ASSERT_TRUE(f_started.ok()) << f_started.status().ToString();
  const std::string f = json::parse(*f_started)["id"];

  MonitoringQuery q;
  q.member_state = "ITA";
  q.at = D("2026-07-25");
  auto report = screenings_->Monitor(q);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const json r = json::parse(*report);
  EXPECT_NE(r["notes"].dump().find("Art. 18(7)"), std::string::npos);  // old periods count only what is left
  EXPECT_EQ(r["screenings"], 6);
  EXPECT_EQ(r["open"], 3);
  EXPECT_EQ(r["closed"], 3);
  EXPECT_EQ(r["referrals"]["asylum"], 1);
  EXPECT_EQ(r["referrals"]["return"], 1);
  EXPECT_EQ(r["referrals"]["criminal_proceedings"], 1);
  EXPECT_EQ(r["referrals"]["relocation"], 0);
  EXPECT_EQ(r["time_limit"]["closed_in_time"], 2);
  EXPECT_EQ(r["time_limit"]["closed_late"],
            json::parse(R"([{"id": ")" + b + R"(", "must_end_on": "2026-07-08", "closed_on": "2026-07-09", "days_late": 1}])"));
  EXPECT_EQ(r["time_limit"]["open_in_time"], 1);
  // C and F (both of 1 July, listed in id order, which is random): C's limit 6 July, F's 9 July.
  std::map<std::string, json> overdue;
  for (const json& row : r["time_limit"]["open_overdue"]) overdue[row["id"].get<std::string>()] = row;
  ASSERT_EQ(overdue.size(), 2u);
  ASSERT_TRUE(overdue.count(c) && overdue.count(f));
  EXPECT_EQ(overdue[c]["must_end_on"], "2026-07-06");
  EXPECT_EQ(overdue[c]["days_overdue"], 19);
  EXPECT_FALSE(overdue[c].contains("limit_uncertain"));
  EXPECT_EQ(overdue[f]["must_end_on"], "2026-07-09");
  EXPECT_EQ(overdue[f]["days_overdue"], 16);
  EXPECT_EQ(overdue[f]["limit_uncertain"], true);
  // A closed on day 2, B on day 8, E on day 1: median 2, longest 8.
  EXPECT_EQ(r["durations"], json::parse(R"({"closed": 3, "median_days": 2, "longest_days": 8})"));
  EXPECT_EQ(r["elements"]["full_screenings"], 2);
  EXPECT_EQ(r["elements"]["checks"]["identity"]["not_recorded"], json::array());
  for (const char* missing : {"security", "health", "vulnerability", "eurodac"}) {
    EXPECT_EQ(r["elements"]["checks"][missing]["not_recorded"], json::array({b})) << missing;
  }
  EXPECT_EQ(r["elements"]["checks"]["health"]["legal_basis"], "Regulation (EU) 2024/1356, Art. 8(5)(a), 12(1)");
  EXPECT_EQ(r["minors"]["screenings"], json::array({a}));
  EXPECT_EQ(r["applicants_not_referred_to_asylum"],
            json::parse(R"([{"id": ")" + e + R"(", "referral": "criminal_proceedings"}])"));
  EXPECT_EQ(r["sample"]["size"], 0);

  // A period of event dates.
  q.from = D("2026-07-15");
  const json later = json::parse(*screenings_->Monitor(q));
  EXPECT_EQ(later["screenings"], 1);
  EXPECT_EQ(later["durations"], json::parse(R"({"closed": 0, "median_days": null, "longest_days": null})"));
  EXPECT_EQ(later["time_limit"]["open_in_time"], 1);
  q.from.reset();

  // Random checks: a seed draws the same distinct files again; a sample larger than the files
  // takes them all.
  q.sample = 3;
  q.seed = 42;
  auto ids = [&](const json& report) {
    std::set<std::string> out;
    for (const json& f : report["sample"]["screenings"]) {
      EXPECT_EQ(f["member_state"], "ITA");
      out.insert(f["id"].get<std::string>());
    }
    return out;
  };
  const json first = json::parse(*screenings_->Monitor(q));
  EXPECT_EQ(first["sample"]["seed"], "42");
  EXPECT_EQ(first["sample"]["size"], 3);
  EXPECT_EQ(ids(first).size(), 3u);
  EXPECT_EQ(ids(json::parse(*screenings_->Monitor(q))), ids(first));
  q.sample = 50;
  EXPECT_EQ(ids(json::parse(*screenings_->Monitor(q))), (std::set<std::string>{a, b, c, d, e, f}));

  // Bad queries name their field and change nothing.
  MonitoringQuery bad = q;
  bad.member_state = "XYZ";
  EXPECT_EQ(screenings_->Monitor(bad).status().field(), "member_state");
  bad = q;
  bad.from = D("2026-08-01");
  bad.to = D("2026-07-01");
  EXPECT_EQ(screenings_->Monitor(bad).status().field(), "from");
  bad = q;
  bad.sample = kMaxMonitoringSample + 1;
  EXPECT_EQ(screenings_->Monitor(bad).status().field(), "sample");
  bad.sample = -1;
  EXPECT_EQ(screenings_->Monitor(bad).status().field(), "sample");
  EXPECT_EQ(json::parse(*screenings_->Monitor(q))["screenings"], 6);
}

// Art. 13(3), (5): an unaccompanied minor is accompanied by a representative or a trained person,
// who has at most thirty unaccompanied minors at a time in normal circumstances. The work list
// says where none is recorded; the monitoring report lists those files and the caseloads above 30.
TEST_P(ScreeningStoreSuite, UnaccompaniedMinorsSafeguardsAreRecordedAndMonitored) {
  // G: unaccompanied, no representative recorded; H: a representative with 31 minors; I: one
  // with 30 (within the limit); J: an adult.
  const std::string g = StartOne(), h = StartOne(), i = StartOne(), j = StartOne();
  for (const std::string& id : {g, h, i}) {
    ASSERT_TRUE(screenings_->Record(id, "", "", R"({"date_of_birth": "2011-05-01", "unaccompanied_minor": true})",
                                    D("2026-07-01")).ok());
  }
  ASSERT_TRUE(screenings_->Record(h, "", "", R"({"representative_assigned_on": "2026-07-01",
                                                  "representative_minors_assigned": 31})", D("2026-07-01")).ok());
  ASSERT_TRUE(screenings_->Record(i, "", "", R"({"representative_assigned_on": "2026-07-02",
                                                  "representative_minors_assigned": 30})", D("2026-07-02")).ok());
  FillForm(j, false);

  const json list = json::parse(*screenings_->ListOpen("ITA", D("2026-07-03"), std::nullopt, 10));
  std::map<std::string, json> open;
  for (const json& f : list["screenings"]) open[f["id"].get<std::string>()] = f;
  EXPECT_EQ(open[g]["representative_missing"], true);
  for (const std::string& id : {h, i, j}) EXPECT_FALSE(open[id].contains("representative_missing")) << id;

  MonitoringQuery q;
  q.member_state = "ITA";
  q.at = D("2026-07-03");
  const json minors = json::parse(*screenings_->Monitor(q))["minors"];
  auto as_set = [](const json& ids) {
    std::set<std::string> out;
    for (const json& x : ids) out.insert(x.get<std::string>());
    return out;
  };
  EXPECT_EQ(as_set(minors["screenings"]), (std::set<std::string>{g, h, i}));
  EXPECT_EQ(as_set(minors["unaccompanied"]), (std::set<std::string>{g, h, i}));
  EXPECT_EQ(minors["without_representative"], json::array({g}));
  EXPECT_EQ(minors["representative_caseload"]["legal_basis"], "Regulation (EU) 2024/1356, Art. 13(5)");
  EXPECT_EQ(minors["representative_caseload"]["at_most"], 30);
  EXPECT_EQ(minors["representative_caseload"]["above"],
            json::parse(R"([{"id": ")" + h + R"(", "minors_assigned": 31}])"));

  // Bad values name the item and change nothing.
  const json before = json::parse(*screenings_->Show(g));
  for (const char* bad : {R"({"unaccompanied_minor": "yes"})", R"({"representative_assigned_on": "2026-06-30"})",
                          R"({"representative_assigned_on": "1 July"})", R"({"representative_minors_assigned": 0})",
                          R"({"representative_minors_assigned": 2.5})"}) {
    auto refused = screenings_->Record(g, "", "", bad, D("2026-07-02"));
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().field().rfind("form.", 0), 0u) << refused.status().ToString();
  }
  EXPECT_EQ(json::parse(*screenings_->Show(g)), before);
}

// A damaged row (edited outside OpenPact) is named as corrupt, never computed with.
TEST_P(ScreeningStoreSuite, ADamagedRowIsRefusedNotGuessedAt) {
  const std::string id = StartOne();
  ASSERT_TRUE(store_->Exec("UPDATE screening SET must_end_on = 'next week' WHERE id = ?", {id}).ok());
  EXPECT_EQ(screenings_->Show(id).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(screenings_->ListOpen("ITA", D("2026-07-02"), std::nullopt, 10).status().code(), StatusCode::kCorruption);
  MonitoringQuery q;
  q.member_state = "ITA";
  q.at = D("2026-07-02");
  EXPECT_EQ(screenings_->Monitor(q).status().code(), StatusCode::kCorruption);
}

INSTANTIATE_TEST_SUITE_P(Backends, ScreeningStoreSuite, ::testing::ValuesIn(testing::StoreBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace openpact::cases
