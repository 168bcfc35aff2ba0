#include "cases/border_procedure_store.h"
#include "cases/border_places.h"

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

// A synthetic procedure case: a Pakistani national (Union-wide recognition rate at or below 20 %:
// Art. 42(1)(j), a mandatory border case, Art. 45(1)) at an Italian border crossing point.
// Made the day before the registration, lodged three days after it, decided the day after that.
json Case(const char* registered_on = "2026-07-11", const char* ms = "ITA") {
  const Date registered = D(registered_on);
  return {{"decision_date", registered.AddDays(4).ToString()},
          {"member_state", ms},
          {"applicant", {{"nationality", "PAK"}, {"date_of_birth", "1995-03-02"}}},
          {"application",
           {{"made_on", registered.AddDays(-1).ToString()},
            {"registered_on", registered_on},
            {"lodged_on", registered.AddDays(3).ToString()},
            {"context", "border_crossing_point"},
            {"after_screening", true}}},
          {"facts", json::object()},
          {"capacity", json::object()}};
}

BorderProcedureEvent Event(const char* event, const char* on, const char* point = "") {
  return {event, point, "", D(on)};
}

class BorderProcedureSuite : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string url = testing::FreshDatabaseUrl(GetParam(), dir_);
    if (url.empty()) GTEST_SKIP();
    store_ = std::move(*store::Store::Open(url));
    ASSERT_TRUE(store_->Migrate().ok());
    files_ = std::make_unique<BorderProcedureStore>(store_.get(), &testing::SharedRules());
  }
  std::string Open(const json& c) {
    auto r = files_->Open(c.dump(), "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r)["id"].get<std::string>() : "";
  }
  json Report(Date at, int sample = 0, std::optional<uint64_t> seed = 7) {
    MonitoringQuery q;
    q.member_state = "ITA";
    q.at = at;
    q.sample = sample;
    q.seed = seed;
    auto r = files_->Monitor(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  }
  // A return border file's removal bar on the work list of `at` (APR Art. 68).
  json BarOn(const std::string& id, const char* at) {
    const json list = json::parse(*files_->ListOpen("ITA", D(at), std::nullopt, 10));
    for (const json& f : list["return_border_procedures"]["files"]) {
      if (f["id"] == id) return f["removal_barred"];
    }
    ADD_FAILURE() << id << " not on the work list on " << at;
    return json();
  }
  testing::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<BorderProcedureStore> files_;
};

// APR Art. 48: opening a 42(1)(j) file while the files kept here already fill the adequate
// capacity (the count before this applicant, on the registration day) is flagged, unless the case
// says the capacity is reached; without a lookup, or below the capacity, nothing is said.
TEST_P(BorderProcedureSuite, OpeningAtTheAdequateCapacityIsFlagged) {
  auto flags_of = [&](const json& c) {
    auto r = files_->Open(c.dump(), "test");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    const json file = r.ok() ? json::parse(*r) : json();
    return file.contains("flags") ? file["flags"] : json::array();
  };
  EXPECT_TRUE(flags_of(Case("2026-07-11")).empty());  // no lookup
  std::vector<std::pair<std::string, Date>> asked;
  files_->set_capacity_lookup([&](const std::string& ms, Date on) -> std::optional<double> {
    asked.emplace_back(ms, on);
    return ms == "ITA" ? std::optional<double>(2) : std::nullopt;
  });
  EXPECT_TRUE(flags_of(Case("2026-07-12")).empty());  // 1 in the border procedure, capacity 2
  ASSERT_FALSE(asked.empty());
  EXPECT_EQ(asked.back().first, "ITA");
  EXPECT_EQ(asked.back().second, D("2026-07-12"));
  const json flags = flags_of(Case("2026-07-13"));  // 2 already: at the capacity
  ASSERT_EQ(flags.size(), 1u) << flags.dump();
  EXPECT_EQ(flags[0]["code"], "adequate_capacity_reached_in_store");
  EXPECT_NE(flags[0]["message"].get<std::string>().find("2 applicants"), std::string::npos) << flags.dump();
  EXPECT_NE(flags[0]["message"].get<std::string>().find("Art. 48(1)"), std::string::npos) << flags.dump();
  // Counted on the registration day: a file registered before the others has none ahead of it.
  EXPECT_TRUE(flags_of(Case("2026-07-01")).empty());
  // The case saying the capacity is reached relieves the 42(1)(j) ground (Art. 48(2)): no file.
  json reached = Case("2026-07-14");
  reached["capacity"]["adequate_capacity_reached"] = true;
  EXPECT_FALSE(files_->Open(reached.dump(), "test").ok());
  // Another Member State without a published capacity: nothing said.
  EXPECT_TRUE(flags_of(Case("2026-07-14", "GRC")).empty());
}

// Art. 51(2): 12 weeks from the registration (11 July + 12 weeks = Sat 3 October, moved to Monday
// 5 October by Art. 73); 16 when the Member State of relocation extends them (third subparagraph).
TEST_P(BorderProcedureSuite, OpensFromTheDecisionWithItsTimeLimit) {
  auto r = files_->Open(Case().dump(), "test");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const json f = json::parse(*r);
  EXPECT_EQ(f["must_end_on"], "2026-10-05");
  EXPECT_EQ(f["period"], "12 weeks");
  EXPECT_EQ(f["legal_basis"], "Regulation (EU) 2024/1348, Art. 51(2)");
  EXPECT_EQ(f["status"], "open");
  EXPECT_EQ(f["minor"], false);
  EXPECT_EQ(f["decision"]["procedure"], "border");
  EXPECT_EQ(f["decision"]["border_procedure"], "mandatory");
  EXPECT_FALSE(f.contains("case"));  // the case document is not kept
  EXPECT_EQ(json::parse(*files_->Show(f["id"]))["must_end_on"], "2026-10-05");

  json relocated = Case();
  relocated["application"]["context"] = "relocation";
  relocated["application"]["border_procedure_extended"] = true;
  const json g = json::parse(*files_->Show(Open(relocated)));
  EXPECT_EQ(g["must_end_on"], "2026-11-02");  // + 16 weeks = Sat 31 October, Sun 1 November -> Mon 2
  EXPECT_EQ(g["period"], "16 weeks");

  json child = Case();
  child["applicant"]["date_of_birth"] = "2010-01-01";
  EXPECT_EQ(json::parse(*files_->Show(Open(child)))["minor"], true);
}

TEST_P(BorderProcedureSuite, RefusesWhatIsNotABorderProcedureAndStoresNothing) {
  json inland = Case();
  inland["application"]["context"] = "in_territory";
  auto r = files_->Open(inland.dump(), "test");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("accelerated procedure"), std::string::npos) << r.status().ToString();

  json unregistered = Case();
  unregistered["application"].erase("registered_on");
  unregistered["application"].erase("lodged_on");
  r = files_->Open(unregistered.dump(), "test");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().field(), "application.registered_on") << r.status().ToString();

  r = files_->Open("{\"decision_date\": ", "test");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  json unknown = Case();
  unknown["applicant"]["nationality"] = "XYZ";
  EXPECT_EQ(files_->Open(unknown.dump(), "test").status().field(), "applicant.nationality");

  EXPECT_EQ(Report(D("2026-08-01"))["border_procedures"], 0);
}

TEST_P(BorderProcedureSuite, EventsFollowTheFileAndBadOnesAreRefused) {
  const std::string id = Open(Case());
  EXPECT_EQ(files_->Record(id, Event("arrested", "2026-07-12")).status().field(), "event");
  EXPECT_EQ(files_->Record(id, Event("detained", "2026-07-10")).status().field(), "on");  // before registration
  EXPECT_EQ(files_->Record(id, Event("released", "2026-07-12")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(files_->Record(id, Event("exception", "2026-07-12")).status().field(), "point");
  EXPECT_EQ(files_->Record(id, Event("exception", "2026-07-12", "f")).status().field(), "point");
  EXPECT_EQ(files_->Record(id, Event("detained", "2026-07-12", "a")).status().field(), "point");
  ASSERT_TRUE(files_->Record(id, Event("detained", "2026-07-12")).ok());
  EXPECT_EQ(files_->Record(id, Event("detained", "2026-07-13")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(files_->Record(id, Event("released", "2026-07-11")).status().field(), "on");  // before the last event
  ASSERT_TRUE(files_->Record(id, Event("released", "2026-07-20")).ok());
  json f = json::parse(*files_->Show(id));
  ASSERT_EQ(f["events"].size(), 2u);  // the refused events left nothing behind
  EXPECT_EQ(f["events"][0]["event"], "detained");
  EXPECT_EQ(f["events"][1]["on"], "2026-07-20");

  // Closing: entry at the end of the time limit only once it has run out; entry for an exception
  // only with one recorded; an unknown outcome is refused naming it.
  EXPECT_EQ(files_->Close(id, "deported", D("2026-08-01")).status().field(), "outcome");
  EXPECT_EQ(files_->Close(id, "entry_authorised_time_limit", D("2026-10-04")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(files_->Close(id, "entry_authorised_exception", D("2026-08-01")).status().code(),
            StatusCode::kFailedPrecondition);
  auto closed = files_->Close(id, "entry_authorised_time_limit", D("2026-10-05"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_TRUE(json::parse(*closed)["flags"].empty());  // on the last day: in time
  EXPECT_EQ(files_->Record(id, Event("detained", "2026-10-06")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(files_->Close(id, "withdrawn", D("2026-10-06")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(files_->Show("bp-none").status().code(), StatusCode::kNotFound);
}

// APR Art. 43(3): at the end of the time limit, entry is not authorised where the court refused
// leave to remain pending the appeal ((c): the closing refused), and a rejection notified without
// a request to remain is flagged for (a)-(b); an appeal allowed lifts both.
TEST_P(BorderProcedureSuite, EntryAtTheEndOfTheTimeLimitFollowsArticle43_3) {
  const std::string refused = Open(Case());  // its limit: 5 October
  for (const auto& [event, on] : {std::pair{"decision_notified", "2026-08-03"}, std::pair{"appeal_lodged", "2026-08-05"},
                                  std::pair{"leave_to_remain_requested", "2026-08-05"},
                                  std::pair{"leave_to_remain_refused", "2026-08-10"}}) {
    ASSERT_TRUE(files_->Record(refused, Event(event, on)).ok()) << event;
  }
  auto entry = files_->Close(refused, "entry_authorised_time_limit", D("2026-10-05"));
  ASSERT_EQ(entry.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(entry.status().message().find("43(3)(c)"), std::string::npos) << entry.status().ToString();
  EXPECT_EQ(json::parse(*files_->Show(refused))["status"], "open");  // nothing changed
  EXPECT_TRUE(files_->Close(refused, "no_right_to_remain", D("2026-10-05")).ok());

  const std::string silent = Open(Case());
  ASSERT_TRUE(files_->Record(silent, Event("decision_notified", "2026-08-03")).ok());
  auto closed = files_->Close(silent, "entry_authorised_time_limit", D("2026-10-05"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  const json flags = json::parse(*closed)["flags"];
  ASSERT_EQ(flags.size(), 1u) << flags;
  EXPECT_EQ(flags[0]["code"], "entry_not_authorised_check");

  const std::string allowed = Open(Case());
  for (const auto& [event, on] : {std::pair{"decision_notified", "2026-08-03"}, std::pair{"appeal_lodged", "2026-08-05"},
                                  std::pair{"leave_to_remain_requested", "2026-08-05"},
                                  std::pair{"leave_to_remain_refused", "2026-08-10"},
                                  std::pair{"appeal_allowed", "2026-09-01"}}) {
    ASSERT_TRUE(files_->Record(allowed, Event(event, on)).ok()) << event;
  }
  closed = files_->Close(allowed, "entry_authorised_time_limit", D("2026-10-05"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_TRUE(json::parse(*closed)["flags"].empty()) << *closed;
}

// Art. 53(2): an exception ends the border procedure; Art. 53(1): so does an unaccompanied minor
// outside Art. 42(3)(b). Closing otherwise is recorded and flagged, as is closing late.
TEST_P(BorderProcedureSuite, AnExceptionEndsTheProcedure) {
  const std::string id = Open(Case());
  auto r = files_->Record(id, Event("exception", "2026-07-20", "d"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  json f = json::parse(*r);
  ASSERT_EQ(f["flags"].size(), 1u);
  EXPECT_EQ(f["flags"][0]["code"], "border_procedure_ends");
  EXPECT_EQ(f["events"][0]["legal_basis"], "Regulation (EU) 2024/1348, Art. 53(2)(d)");
  EXPECT_TRUE(files_->Close(id, "entry_authorised_exception", D("2026-07-21")).ok());

  const std::string late = Open(Case());
  ASSERT_TRUE(files_->Record(late, Event("exception", "2026-07-20", "b")).ok());
  ASSERT_TRUE(files_->Record(late, Event("detained", "2026-07-21")).ok());
  json c = json::parse(*files_->Close(late, "no_right_to_remain", D("2026-10-06")));
  std::set<std::string> codes;
  for (const json& x : c["flags"]) codes.insert(x["code"]);
  EXPECT_EQ(codes, (std::set<std::string>{"time_limit_exceeded", "exception_not_followed", "still_detained"}));

  const std::string found_minor = Open(Case());
  r = files_->Record(found_minor, Event("unaccompanied_minor", "2026-07-13"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(json::parse(*r)["flags"][0]["code"], "border_procedure_ends");
  EXPECT_EQ(json::parse(*r)["unaccompanied_minor"], true);
  EXPECT_EQ(files_->Record(found_minor, Event("unaccompanied_minor", "2026-07-14")).status().code(),
            StatusCode::kFailedPrecondition);

  // A minor who is a danger to national security (Art. 42(3)(b)) stays in the border procedure.
  json security = Case();
  security["applicant"] = {{"nationality", "AFG"}, {"date_of_birth", "2010-05-01"}, {"unaccompanied_minor", true}};
  security["facts"]["danger_security_public_order"] = true;
  const json s = json::parse(*files_->Show(Open(security)));
  EXPECT_EQ(s["unaccompanied_minor"], true);
  EXPECT_EQ(files_->Close(s["id"], "entry_authorised_exception", D("2026-08-01")).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(BorderProcedureSuite, MonitoringReportFindsWhatTheMechanismLooksFor) {
  // A: closed in time. B: closed a day late. C: open past its limit. D: open, detained, registered
  // later. E: an exception recorded, still open. F: an unaccompanied minor found later. G: a minor
  // in a security case. H: another Member State's.
  const std::string a = Open(Case());
  ASSERT_TRUE(files_->Close(a, "no_right_to_remain", D("2026-09-01")).ok());
  const std::string b = Open(Case());
  ASSERT_TRUE(files_->Close(b, "no_right_to_remain", D("2026-10-06")).ok());
  const std::string c = Open(Case());
  const std::string d = Open(Case("2026-09-01"));
  ASSERT_TRUE(files_->Record(d, Event("detained", "2026-09-02")).ok());
  const std::string e = Open(Case("2026-09-01"));
  ASSERT_TRUE(files_->Record(e, Event("exception", "2026-09-03", "c")).ok());
  const std::string f = Open(Case("2026-09-01"));
  ASSERT_TRUE(files_->Record(f, Event("unaccompanied_minor", "2026-09-02")).ok());
  json security = Case("2026-09-01");
  security["applicant"] = {{"nationality", "AFG"}, {"date_of_birth", "2010-05-01"}, {"unaccompanied_minor", true}};
  security["facts"]["danger_security_public_order"] = true;
  const std::string g = Open(security);
  BorderProcedureEvent placed = Event("placed", "2026-09-03");
  placed.place = "Pozzallo";
  ASSERT_TRUE(files_->Record(g, placed).ok());
  Open(Case("2026-07-11", "FRA"));

  const json rep = Report(D("2026-10-10"), 3, 42);
  EXPECT_EQ(rep["border_procedures"], 7);
  EXPECT_EQ(rep["open"], 5);
  EXPECT_EQ(rep["closed"], 2);
  EXPECT_EQ(rep["outcomes"]["no_right_to_remain"], 2);
  EXPECT_EQ(rep["time_limit"]["closed_in_time"], 1);
  ASSERT_EQ(rep["time_limit"]["closed_late"].size(), 1u);
  EXPECT_EQ(rep["time_limit"]["closed_late"][0]["id"], b);
  EXPECT_EQ(rep["time_limit"]["closed_late"][0]["days_late"], 1);
  ASSERT_EQ(rep["time_limit"]["open_overdue"].size(), 1u);
  EXPECT_EQ(rep["time_limit"]["open_overdue"][0]["id"], c);
  EXPECT_EQ(rep["time_limit"]["open_overdue"][0]["days_overdue"], 5);
  EXPECT_EQ(rep["time_limit"]["open_in_time"], 4);
  EXPECT_EQ(rep["durations"]["median_days"], 52);  // 11 July to 1 September; the other took 87
  EXPECT_EQ(rep["durations"]["longest_days"], 87);
  ASSERT_EQ(rep["detained"]["files"].size(), 1u);
  EXPECT_EQ(rep["detained"]["files"][0]["id"], d);
  EXPECT_EQ(rep["detained"]["files"][0]["days"], 38);
  EXPECT_EQ(rep["exceptions"]["not_followed"], json::array({e}));
  EXPECT_EQ(rep["unaccompanied_minors"]["files"].size(), 2u);
  EXPECT_EQ(rep["unaccompanied_minors"]["outside_art_42_3_b"], json::array({f}));
  EXPECT_EQ(rep["minors"]["files"].get<std::set<std::string>>(), (std::set<std::string>{f, g}));  // by id
  // Where each minor stays (Art. 54(2)): g's place; f records none.
  std::map<std::string, json> minor_places;
  for (const json& m : rep["minors"]["places"]) minor_places[m["id"]] = m["place"];
  EXPECT_EQ(minor_places.size(), 2u) << rep["minors"];
  EXPECT_EQ(minor_places[g], "Pozzallo");
  EXPECT_TRUE(minor_places[f].is_null());
  // Before the exception was recorded, the report as of that day does not list it.
  EXPECT_TRUE(Report(D("2026-09-02"))["exceptions"]["files"].empty());
  EXPECT_TRUE(Report(D("2026-09-01"))["detained"]["files"].empty());

  // The draw: three distinct files of ITA's, the same for the same seed.
  ASSERT_EQ(rep["sample"]["border_procedures"].size(), 3u);
  EXPECT_EQ(rep["sample"]["seed"], "42");
  std::set<std::string> drawn;
  for (const json& x : rep["sample"]["border_procedures"]) drawn.insert(x["id"]);
  EXPECT_EQ(drawn.size(), 3u);
  EXPECT_EQ(Report(D("2026-10-10"), 3, 42)["sample"], rep["sample"]);

  // Refusals name the field; a token bound to another Member State sees nothing of ITA's.
  MonitoringQuery q;
  q.member_state = "NOR";
  q.at = D("2026-10-10");
  EXPECT_EQ(files_->Monitor(q).status().field(), "member_state");
  q.member_state = "ITA";
  q.sample = 51;
  EXPECT_EQ(files_->Monitor(q).status().field(), "sample");
  q.sample = 0;
  q.from = D("2026-09-02");
  q.to = D("2026-09-01");
  EXPECT_EQ(files_->Monitor(q).status().field(), "from");
  files_->set_acting_member_state("FRA");
  q.from = q.to = std::nullopt;
  EXPECT_EQ(files_->Monitor(q).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(files_->Show(a).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(files_->Open(Case().dump(), "test").status().code(), StatusCode::kPermissionDenied);
}

// The work list: open files only, the nearest limit first, days counted from `at`, detention and
// an exception that ends the procedure shown; bounded and filtered.
// Directive (EU) 2024/1346, Art. 11(3): a court's review of a detention concluded within 15 days
// of its start (21 in exceptional situations); past 21 days without one, release. Counted under
// Regulation 1182/71 (Italian holidays): detained Mon 13 July -> 15 days = Tue 28 July, 21 days =
// Mon 3 August.
TEST_P(BorderProcedureSuite, DetentionsWithoutATimelyReviewAreReported) {
  const std::string in_time = Open(Case("2026-07-11"));
  const std::string late = Open(Case("2026-07-11"));
  const std::string never = Open(Case("2026-07-11"));
  const std::string released = Open(Case("2026-07-11"));
  for (const std::string& id : {in_time, late, never, released}) {
    ASSERT_TRUE(files_->Record(id, Event("detained", "2026-07-13")).ok());
  }
  ASSERT_TRUE(files_->Record(in_time, Event("detention_reviewed", "2026-07-28")).ok());  // the 15th day
  ASSERT_TRUE(files_->Record(late, Event("detention_reviewed", "2026-07-30")).ok());     // day 17
  ASSERT_TRUE(files_->Record(released, Event("released", "2026-07-20")).ok());          // no review needed by then
  // A review is recorded only while detained.
  EXPECT_EQ(files_->Record(released, Event("detention_reviewed", "2026-07-21")).status().code(),
            StatusCode::kFailedPrecondition);

  auto ids = [](const json& list) {
    std::set<std::string> out;
    for (const json& e : list) out.insert(e["id"].get<std::string>());
    return out;
  };
  json r = Report(D("2026-07-29"))["detention_review"];  // day 16
  EXPECT_EQ(ids(r["after_15_days"]), (std::set<std::string>{late, never})) << r.dump(2);
  EXPECT_TRUE(r["after_21_days"].empty());
  r = Report(D("2026-08-10"))["detention_review"];
  EXPECT_EQ(ids(r["after_15_days"]), (std::set<std::string>{late})) << r.dump(2);
  ASSERT_EQ(r["after_21_days"].size(), 1u) << r.dump(2);
  EXPECT_EQ(r["after_21_days"][0]["id"], never);
  EXPECT_EQ(r["after_21_days"][0]["limit"], "2026-08-03");
  EXPECT_TRUE(r["after_21_days"][0]["reviewed_on"].is_null());
  EXPECT_EQ(r["after_15_days"][0]["limit"], "2026-07-28");
  EXPECT_EQ(r["after_15_days"][0]["reviewed_on"], "2026-07-30");
  EXPECT_NE(r["legal_basis"].get<std::string>().find("Art. 11(3)"), std::string::npos);
  // Seen from before the late review, the same detention was unreviewed.
  EXPECT_TRUE(Report(D("2026-07-29"))["detention_review"]["after_15_days"][0]["reviewed_on"].is_null());
  // A report as of a day before the Directive's time limits apply still answers (nothing to list).
  MonitoringQuery early;
  early.member_state = "ITA";
  early.at = D("2026-06-01");
  early.from = D("2026-01-01");
  early.to = D("2026-06-01");
  auto before = files_->Monitor(early);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_TRUE(json::parse(*before)["detention_review"]["after_21_days"].empty());
}

TEST_P(BorderProcedureSuite, WorkListPutsTheNearestTimeLimitFirst) {
  const std::string later = Open(Case("2026-09-01"));  // limit 24 November
  const std::string sooner = Open(Case("2026-07-11"));  // limit 5 October
  ASSERT_TRUE(files_->Record(sooner, Event("detained", "2026-07-12")).ok());
  const std::string leaving = Open(Case("2026-08-03"));  // limit 26 October
  ASSERT_TRUE(files_->Record(leaving, Event("exception", "2026-08-10", "b")).ok());
  ASSERT_TRUE(files_->Close(Open(Case("2026-07-01")), "withdrawn", D("2026-07-20")).ok());
  Open(Case("2026-07-11", "FRA"));

  auto r = files_->ListOpen("ITA", D("2026-10-06"), std::nullopt, 100);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const json list = json::parse(*r);
  ASSERT_EQ(list["count"], 3);
  EXPECT_EQ(list["more"], false);
  const json& files = list["border_procedures"];
  EXPECT_EQ(files[0]["id"], sooner);
  EXPECT_EQ(files[0]["days_left"], -1);
  EXPECT_EQ(files[0]["state"], "overdue");
  EXPECT_EQ(files[0]["detained_since"], "2026-07-12");
  EXPECT_EQ(files[1]["id"], leaving);
  EXPECT_EQ(files[1]["must_leave"], true);
  EXPECT_TRUE(files[1]["detained_since"].is_null());
  EXPECT_EQ(files[2]["id"], later);
  EXPECT_EQ(files[2]["state"], "running");

  const json due = json::parse(*files_->ListOpen("ITA", D("2026-10-06"), D("2026-10-26"), 100));
  EXPECT_EQ(due["count"], 2);
  const json one = json::parse(*files_->ListOpen("ITA", D("2026-10-06"), std::nullopt, 1));
  EXPECT_EQ(one["count"], 1);
  EXPECT_EQ(one["more"], true);
  EXPECT_EQ(files_->ListOpen("ITA", D("2026-10-06"), std::nullopt, 0).status().field(), "limit");
  EXPECT_EQ(files_->ListOpen("XYZ", D("2026-10-06"), std::nullopt, 10).status().field(), "member_state");
  files_->set_acting_member_state("FRA");
  EXPECT_EQ(files_->ListOpen("ITA", D("2026-10-06"), std::nullopt, 10).status().code(), StatusCode::kPermissionDenied);
}

// APR Arts. 47-48: who is in the border procedure on a day, against the capacity; the year's
// applications against the annual maximum (twice the capacity from 12 June 2026).
TEST_P(BorderProcedureSuite, OccupancyCountsWhoIsInTheBorderProcedureOnADay) {
  const std::string a = Open(Case("2026-07-11"));
  ASSERT_TRUE(files_->Close(a, "no_right_to_remain", D("2026-08-10")).ok());
  const std::string august = Open(Case("2026-08-01"));
  const std::string september = Open(Case("2026-09-01"));
  Open(Case("2026-06-15"));
  Open(Case("2026-08-01", "FRA"));
  auto occupancy = [&](const char* at, std::optional<double> capacity, std::optional<long long> returning) {
    OccupancyQuery q;
    q.member_state = "ITA";
    q.at = D(at);
    q.adequate_capacity = capacity;
    q.others_in_return_border_procedure = returning;
    auto r = files_->Occupancy(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  };
  // 9 August: the June, July and August files (the July one closes the next day).
  json o = occupancy("2026-08-09", 3, 1);
  EXPECT_EQ(o["in_border_procedure"], 3);
  EXPECT_EQ(o["notification"]["counted"], 4);
  EXPECT_EQ(o["notification"]["at_or_above_capacity"], true);
  EXPECT_EQ(o["art_42_1_j_relief"]["at_or_above_capacity"], true);
  EXPECT_EQ(o["annual_maximum"]["year_from"], "2026-01-01");  // the calendar year (Art. 50)
  EXPECT_EQ(o["annual_maximum"]["maximum"], 6);
  EXPECT_EQ(o["annual_maximum"]["examined"], 3);
  EXPECT_EQ(o["annual_maximum"]["concluded"], 0);  // the July file ends the next day
  EXPECT_EQ(o["annual_maximum"]["reached"], false);
  EXPECT_EQ(o["annual_maximum"]["reached_if_concluded"], false);
  // 10 August: the July file closed that day, so it is no longer in.
  o = occupancy("2026-08-10", 3, 0);
  EXPECT_EQ(o["in_border_procedure"], 2);
  EXPECT_EQ(o["notification"]["at_or_above_capacity"], false);
  EXPECT_EQ(o["art_42_1_j_relief"]["at_or_above_capacity"], false);
  // Without a published capacity, what depends on it is null; the counts stand.
  o = occupancy("2026-09-01", std::nullopt, std::nullopt);
  EXPECT_EQ(o["in_border_procedure"], 3);  // June, August, September
  EXPECT_EQ(o["in_return_border_procedure"], 0);
  EXPECT_TRUE(o["others_in_return_border_procedure"].is_null());
  EXPECT_EQ(o["notification"]["counted"], 3);
  EXPECT_TRUE(o["notification"]["at_or_above_capacity"].is_null());
  EXPECT_TRUE(o["art_42_1_j_relief"]["at_or_above_capacity"].is_null());
  EXPECT_TRUE(o["annual_maximum"]["maximum"].is_null());
  EXPECT_EQ(o["annual_maximum"]["examined"], 4);
  EXPECT_EQ(o["annual_maximum"]["concluded"], 1);  // the July file, no right to remain from 10 August
  EXPECT_TRUE(o["annual_maximum"]["reached_if_concluded"].is_null());
  // The calendar year (Art. 50: "nel corso di un anno civile"): 2026's files do not count in 2027,
  // a file of March 2027 does, in May (twice the capacity) as in July (three times from 13 June).
  o = occupancy("2027-02-01", 1, std::nullopt);
  EXPECT_EQ(o["annual_maximum"]["year_from"], "2027-01-01");
  EXPECT_EQ(o["annual_maximum"]["examined"], 0);
  Open(Case("2027-03-01"));
  o = occupancy("2027-05-01", 1, std::nullopt);
  EXPECT_EQ(o["annual_maximum"]["multiplier"], 2);
  EXPECT_EQ(o["annual_maximum"]["examined"], 1);
  o = occupancy("2027-07-01", 1, std::nullopt);
  EXPECT_EQ(o["annual_maximum"]["year_from"], "2027-01-01");
  EXPECT_EQ(o["annual_maximum"]["multiplier"], 3);
  EXPECT_EQ(o["annual_maximum"]["maximum"], 3);
  EXPECT_EQ(o["annual_maximum"]["examined"], 1);

  // The two readings of "has examined" (47(3)) part: a withdrawal concludes no examination, a grant
  // of protection does. A capacity of 1 makes the maximum 2.
  ASSERT_TRUE(files_->Close(september, "withdrawn", D("2026-09-05")).ok());
  o = occupancy("2026-09-10", 1, std::nullopt);
  EXPECT_EQ(o["annual_maximum"]["examined"], 4);
  EXPECT_EQ(o["annual_maximum"]["concluded"], 1);
  EXPECT_EQ(o["annual_maximum"]["reached"], true);
  EXPECT_EQ(o["annual_maximum"]["reached_if_concluded"], false);
  ASSERT_TRUE(files_->Close(august, "protection_granted", D("2026-09-06")).ok());
  o = occupancy("2026-09-10", 1, std::nullopt);
  EXPECT_EQ(o["annual_maximum"]["concluded"], 2);
  EXPECT_EQ(o["annual_maximum"]["reached_if_concluded"], true);

  OccupancyQuery bad;
  bad.member_state = "ITA";
  bad.at = D("2026-09-01");
  bad.others_in_return_border_procedure = -1;
  EXPECT_EQ(files_->Occupancy(bad).status().field(), "others_in_return_border_procedure");
  bad.member_state = "CHE";
  EXPECT_EQ(files_->Occupancy(bad).status().field(), "member_state");
}

// A synthetic return border case (Regulation (EU) 2024/1349): rejected as unfounded in Italy's border
// procedure on 1 October 2026, the court's leave to remain refused: no right to remain from 1
// October, the maximum period of 12 weeks until 24 December (Art. 4(2)).
json ReturnCase(const char* ms = "ITA") {
  return {{"decision_date", "2026-10-20"},
          {"member_state", ms},
          {"person", {{"nationality", "PAK"}, {"date_of_birth", "1995-03-02"}}},
          {"rejection", {{"decided_on", "2026-10-01"}, {"notified_on", "2026-10-02"}, {"procedure", "border"},
                         {"ground", "unfounded"}}},
          {"appeal", {{"lodged_on", "2026-10-06"},
                      {"leave_to_remain",
                       {{"requested_on", "2026-10-06"}, {"decided_on", "2026-10-14"}, {"granted", false}}}}},
          {"detained_during_border_procedure", true},
          {"detained_on", "2026-10-01"}};
}

// The border procedure lasts until the right to remain ends (APR Art. 51(2)): where the return
// border decision finds a later day than the file's closing, the answer says so, and past the time
// limit the monitor lists the file although it was closed in time.
// Art. 54(1), (3): the place where the applicant stays, recorded (again on a move) while the file
// is open; the occupancy counts the files in the border procedure by their place that day.
TEST_P(BorderProcedureSuite, PlacesCountWhereTheApplicantsStay) {
  auto placed = [&](const std::string& id, const char* on, const std::string& place) {
    BorderProcedureEvent e = Event("placed", on);
    e.place = place;
    return files_->Record(id, e);
  };
  const std::string a = Open(Case("2026-08-01")), b = Open(Case("2026-08-01")), c = Open(Case("2026-08-01"));
  Open(Case("2026-08-01"));  // no place recorded
  auto first = placed(a, "2026-08-02", "Lampedusa hotspot");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const json file = json::parse(*first);
  EXPECT_EQ(file["events"].back()["place"], "Lampedusa hotspot");
  EXPECT_EQ(file["events"].back()["legal_basis"], "Regulation (EU) 2024/1348, Art. 54(1), 54(3)");
  ASSERT_TRUE(placed(b, "2026-08-02", "Lampedusa hotspot").ok());
  ASSERT_TRUE(placed(c, "2026-08-02", "Pozzallo").ok());
  ASSERT_TRUE(placed(a, "2026-08-20", "Pozzallo").ok());  // moved
  ASSERT_TRUE(files_->Close(b, "withdrawn", D("2026-08-25")).ok());
  auto occupancy = [&](const char* at) {
    OccupancyQuery q;
    q.member_state = "ITA";
    q.at = D(at);
    return json::parse(*files_->Occupancy(q))["places"];
  };
  auto count_at = [](const json& places, const std::string& name) {
    for (const json& p : places["places"]) {
      if (p["place"] == name) return p["in_border_procedure"].get<int>();
    }
    return 0;
  };
  json p = occupancy("2026-08-10");
  EXPECT_EQ(p["legal_basis"], "Regulation (EU) 2024/1348, Art. 54(1), 54(3)");
  // No register of places kept here: the places are counted, not set against it.
  EXPECT_EQ(p["register_kept"], false);
  EXPECT_TRUE(p["places"][0]["designated"].is_null()) << p.dump(2);
  EXPECT_TRUE(p["places"][0]["capacity"].is_null());
  EXPECT_TRUE(p["capacity_total"].is_null());
  EXPECT_EQ(count_at(p, "Lampedusa hotspot"), 2) << p.dump(2);
  EXPECT_EQ(count_at(p, "Pozzallo"), 1);
  EXPECT_EQ(p["place_not_recorded"], 1);
  p = occupancy("2026-08-21");  // a moved
  EXPECT_EQ(count_at(p, "Lampedusa hotspot"), 1) << p.dump(2);
  EXPECT_EQ(count_at(p, "Pozzallo"), 2);
  p = occupancy("2026-08-26");  // b left
  EXPECT_EQ(p["places"].size(), 1u) << p.dump(2);
  EXPECT_EQ(count_at(p, "Pozzallo"), 2);
  EXPECT_EQ(Report(D("2026-08-21"))["places"]["register_kept"], false);
  EXPECT_TRUE(Report(D("2026-08-21"))["places"]["not_designated"].empty());  // nothing to set them against
  p = occupancy("2026-08-01");  // registered, not yet placed
  EXPECT_TRUE(p["places"].empty()) << p.dump(2);
  EXPECT_EQ(p["place_not_recorded"], 4);

  // Bad places are refused naming the field, and store nothing.
  const std::string text_before = *files_->Show(c);
  for (const std::string& bad : {std::string(), std::string(" Pozzallo"), std::string("Pozzallo\n"),
                                std::string(201, 'x'), std::string("Pozz\xC3"), std::string("\xED\xA0\x80"),
                                std::string("\xC0\xAF")}) {
    auto r = placed(c, "2026-08-21", bad);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().field(), "place") << bad;
  }
  BorderProcedureEvent detained = Event("detained", "2026-08-21");
  detained.place = "Pozzallo";
  EXPECT_EQ(files_->Record(c, detained).status().field(), "place");  // only placed names a place
  EXPECT_EQ(*files_->Show(c), text_before);
  ASSERT_TRUE(placed(c, "2026-08-21", "Centro di Pozzallo — area 2").ok());  // UTF-8 text is fine
  ASSERT_TRUE(files_->Close(c, "protection_granted", D("2026-08-22")).ok());
  EXPECT_EQ(placed(c, "2026-08-23", "Pozzallo").status().code(), StatusCode::kFailedPrecondition);  // closed
}

// APR Art. 54(3): the places' register keeps each change in order and when the Commission was told
// of it: by 11 April 2026 for the places in use from 12 June 2026, within two months (Art. 73) of
// a later designation or withdrawal; a capacity change is not notified.
TEST_P(BorderProcedureSuite, ThePlacesRegisterKeepsItsChangesAndTheirNotifications) {
  BorderPlaces places(store_.get(), &testing::SharedRules());
  auto change = [&](const char* place, const char* kind, const char* on, std::optional<long long> capacity,
                    std::optional<const char*> notified = std::nullopt, const char* ms = "ITA") {
    BorderPlaceChange c{ms, place, kind, D(on), capacity, std::nullopt};
    if (notified) c.notified_on = D(*notified);
    return places.Record(c, "test");
  };
  auto list = [&](const char* at) { return json::parse(*places.List("ITA", D(at))); };
  auto place_in = [](const json& l, const std::string& name) {
    for (const json& p : l["places"]) {
      if (p["place"] == name) return p;
    }
    ADD_FAILURE() << name << " not listed: " << l.dump(2);
    return json();
  };
  EXPECT_TRUE(places.On("ITA", D("2026-12-31"))->empty());  // no register kept yet
  auto first = change("Lampedusa hotspot", "designated", "2026-06-12", 2, "2026-04-02");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  json p = json::parse(*first);
  EXPECT_EQ(p["designated"], true);
  EXPECT_EQ(p["capacity"], 2);
  EXPECT_EQ(p["changes"][0]["notification"]["due_by"], "2026-04-11");
  EXPECT_EQ(p["changes"][0]["notification"]["state"], "notified");
  EXPECT_EQ(p["changes"][0]["recorded_by"], "test");
  ASSERT_TRUE(change("Pozzallo", "designated", "2026-07-01", 1).ok());
  // Every place recorded, as it stands on the day: Pozzallo before its designation takes effect too.
  const auto on = *places.On("ITA", D("2026-06-20"));
  ASSERT_EQ(on.size(), 2u);
  EXPECT_TRUE(on.at("Lampedusa hotspot").designated);
  EXPECT_EQ(on.at("Lampedusa hotspot").capacity, 2);
  EXPECT_FALSE(on.at("Pozzallo").designated);
  EXPECT_FALSE(on.at("Pozzallo").capacity);
  EXPECT_TRUE(places.On("GRC", D("2026-12-31"))->empty());

  json l = list("2026-08-10");
  EXPECT_EQ(l["legal_basis"], "Regulation (EU) 2024/1348, Art. 54(3)");
  EXPECT_EQ(l["designated"], 2);
  EXPECT_EQ(l["capacity_total"], 3);
  // Two months from 1 July 2026: 1 September (a Tuesday, no Italian holiday).
  EXPECT_EQ(place_in(l, "Pozzallo")["changes"][0]["notification"]["due_by"], "2026-09-01");
  EXPECT_EQ(place_in(l, "Pozzallo")["changes"][0]["notification"]["state"], "due");
  EXPECT_EQ(l["notifications_overdue"], 0);
  l = list("2026-09-02");
  EXPECT_EQ(place_in(l, "Pozzallo")["changes"][0]["notification"]["state"], "overdue");
  EXPECT_EQ(l["notifications_overdue"], 1);
  // Before it takes effect a place is listed, not designated.
  l = list("2026-06-20");
  EXPECT_EQ(place_in(l, "Pozzallo")["designated"], false);
  EXPECT_EQ(l["capacity_total"], 2);

  // The notification is added once, late here; never replaced.
  auto told = places.RecordNotified("ITA", "Pozzallo", D("2026-07-01"), D("2026-09-10"));
  ASSERT_TRUE(told.ok()) << told.status().ToString();
  EXPECT_EQ(json::parse(*told)["changes"][0]["notified_on"], "2026-09-10");
  EXPECT_EQ(place_in(list("2026-09-15"), "Pozzallo")["changes"][0]["notification"]["state"], "notified_late");
  EXPECT_EQ(place_in(list("2026-09-05"), "Pozzallo")["changes"][0]["notification"]["state"], "overdue");
  EXPECT_EQ(places.RecordNotified("ITA", "Pozzallo", D("2026-07-01"), D("2026-09-11")).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(places.RecordNotified("ITA", "Pozzallo", D("2026-07-02"), D("2026-09-11")).status().code(),
            StatusCode::kNotFound);

  // A capacity change needs no notification; the capacity on a day is the one in effect.
  ASSERT_TRUE(change("Lampedusa hotspot", "capacity", "2026-08-15", 3).ok());
  EXPECT_EQ(place_in(list("2026-08-14"), "Lampedusa hotspot")["capacity"], 2);
  p = place_in(list("2026-08-20"), "Lampedusa hotspot");
  EXPECT_EQ(p["capacity"], 3);
  EXPECT_EQ(p["changes"][1]["notification"]["required"], false);
  EXPECT_EQ(p["changes"][1]["notification"]["state"], "not_required");
  EXPECT_EQ(places.RecordNotified("ITA", "Lampedusa hotspot", D("2026-08-15"), D("2026-08-16")).status().code(),
            StatusCode::kFailedPrecondition);
  // A withdrawal is a change in which places there are: two months, counted under Art. 73.
  ASSERT_TRUE(change("Pozzallo", "withdrawn", "2026-10-01", std::nullopt).ok());
  l = list("2026-10-02");
  EXPECT_EQ(place_in(l, "Pozzallo")["designated"], false);
  EXPECT_TRUE(place_in(l, "Pozzallo")["capacity"].is_null());
  EXPECT_EQ(place_in(l, "Pozzallo")["changes"][1]["notification"]["due_by"], "2026-12-01");
  EXPECT_EQ(l["capacity_total"], 3);

  // What contradicts the register, or is malformed, is refused naming the field and stores nothing.
  const std::string before = *places.List("ITA", D("2026-12-31"));
  auto code_of = [](const Result<std::string>& r) { return r.status().code(); };
  EXPECT_EQ(code_of(change("Lampedusa hotspot", "designated", "2026-11-01", 4)), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code_of(change("Pozzallo", "capacity", "2026-11-01", 4)), StatusCode::kFailedPrecondition);  // withdrawn
  EXPECT_EQ(code_of(change("Nowhere", "withdrawn", "2026-11-01", std::nullopt)), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code_of(change("Lampedusa hotspot", "capacity", "2026-08-15", 4)), StatusCode::kFailedPrecondition);
  EXPECT_EQ(code_of(change("Lampedusa hotspot", "capacity", "2026-08-01", 4)), StatusCode::kFailedPrecondition);
  struct Bad {
    const char *place, *kind;
    std::optional<long long> capacity;
    std::optional<const char*> notified;
    const char *ms, *field;
  };
  for (const Bad& b : std::vector<Bad>{{"Trapani", "opened", 5, std::nullopt, "ITA", "change"},
                                       {"Trapani", "designated", std::nullopt, std::nullopt, "ITA", "capacity"},
                                       {"Trapani", "designated", 0, std::nullopt, "ITA", "capacity"},
                                       {"Trapani", "designated", 1'000'001, std::nullopt, "ITA", "capacity"},
                                       {"Pozzallo", "withdrawn", 3, std::nullopt, "ITA", "capacity"},
                                       {"Lampedusa hotspot", "capacity", 4, "2026-11-02", "ITA", "notified_on"},
                                       {" Trapani", "designated", 5, std::nullopt, "ITA", "place"},
                                       {"Trap\xC3", "designated", 5, std::nullopt, "ITA", "place"},
                                       {"Trapani", "designated", 5, std::nullopt, "XXX", "member_state"}}) {
    auto r = change(b.place, b.kind, "2026-11-01", b.capacity, b.notified, b.ms);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << b.field;
    EXPECT_EQ(r.status().field(), b.field);
  }
  EXPECT_EQ(*places.List("ITA", D("2026-12-31")), before);
  // A token acting for another State neither reads nor changes this register.
  places.set_acting_member_state("GRC");
  EXPECT_EQ(places.List("ITA", D("2026-12-31")).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(code_of(change("Trapani", "designated", "2026-11-01", 5)), StatusCode::kPermissionDenied);
}

// The occupancy report sets the files' places against the register (Art. 54(1), (3)): each place
// designated that day or holding applicants, its capacity, whether it holds more, and the places'
// total against the adequate capacity.
TEST_P(BorderProcedureSuite, OccupancySetsThePlacesAgainstTheRegister) {
  BorderPlaces places(store_.get(), &testing::SharedRules());
  ASSERT_TRUE(places.Record({"ITA", "Lampedusa hotspot", "designated", D("2026-06-12"), 1, std::nullopt}, "t").ok());
  ASSERT_TRUE(places.Record({"ITA", "Pozzallo", "designated", D("2026-06-12"), 5, std::nullopt}, "t").ok());
  ASSERT_TRUE(places.Record({"ITA", "Trapani", "designated", D("2026-09-01"), 7, std::nullopt}, "t").ok());
  const std::string a = Open(Case("2026-08-01")), b = Open(Case("2026-08-01")), c = Open(Case("2026-08-01"));
  for (const auto& [id, place] : {std::pair{a, "Lampedusa hotspot"}, {b, "Lampedusa hotspot"}, {c, "A tent"}}) {
    BorderProcedureEvent e = Event("placed", "2026-08-02");
    e.place = place;
    ASSERT_TRUE(files_->Record(id, e).ok());
  }
  OccupancyQuery q;
  q.member_state = "ITA";
  q.at = D("2026-08-10");
  q.adequate_capacity = 8;
  const json p = json::parse(*files_->Occupancy(q))["places"];
  EXPECT_EQ(p["register_kept"], true);
  ASSERT_EQ(p["places"].size(), 3u) << p.dump(2);  // Trapani is not designated yet
  const json& tent = p["places"][0];
  EXPECT_EQ(tent["place"], "A tent");
  EXPECT_EQ(tent["designated"], false);
  EXPECT_TRUE(tent["over_capacity"].is_null());
  const json& lampedusa = p["places"][1];
  EXPECT_EQ(lampedusa["in_border_procedure"], 2);
  EXPECT_EQ(lampedusa["designated"], true);
  EXPECT_EQ(lampedusa["capacity"], 1);
  EXPECT_EQ(lampedusa["over_capacity"], true);
  const json& pozzallo = p["places"][2];
  EXPECT_EQ(pozzallo["in_border_procedure"], 0);
  EXPECT_EQ(pozzallo["over_capacity"], false);
  EXPECT_EQ(p["capacity_total"], 6);
  EXPECT_EQ(p["capacity_total_below_adequate"], true);
  q.at = D("2026-09-01");
  const json later = json::parse(*files_->Occupancy(q))["places"];
  EXPECT_EQ(later["capacity_total"], 13);
  EXPECT_EQ(later["capacity_total_below_adequate"], false);
  q.adequate_capacity.reset();
  EXPECT_TRUE(json::parse(*files_->Occupancy(q))["places"]["capacity_total_below_adequate"].is_null());

  // A place holds persons in either procedure (Regulation (EU) 2024/1349, Art. 4(2)): a rejected
  // person in the return border procedure there, then an applicant moved in, fill a place of one.
  ASSERT_TRUE(places.Record({"ITA", "Siculiana", "designated", D("2026-09-15"), 1, std::nullopt}, "t").ok());
  const std::string d = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(d, "no_right_to_remain", D("2026-10-01")).ok());
  ASSERT_TRUE(files_->StartReturn(d, ReturnCase().dump()).ok());
  BorderProcedureEvent stays = Event("placed", "2026-10-02");
  stays.place = "Siculiana";
  ASSERT_TRUE(files_->Record(d, stays).ok());
  auto siculiana = [&](const char* at) {
    q.at = D(at);
    const json report = json::parse(*files_->Occupancy(q));  // kept: the loop reads inside it
    for (const json& row : report["places"]["places"]) {
      if (row["place"] == "Siculiana") return row;
    }
    ADD_FAILURE() << "Siculiana not listed on " << at;
    return json();
  };
  json s1 = siculiana("2026-10-02");
  EXPECT_EQ(s1["in_border_procedure"], 0);
  EXPECT_EQ(s1["in_return_border_procedure"], 1);
  EXPECT_EQ(s1["over_capacity"], false);
  stays.on = D("2026-10-03");
  ASSERT_TRUE(files_->Record(c, stays).ok());
  s1 = siculiana("2026-10-03");
  EXPECT_EQ(s1["in_border_procedure"], 1);
  EXPECT_EQ(s1["in_return_border_procedure"], 1);
  EXPECT_EQ(s1["over_capacity"], true);

  // The monitor's report lists who stays outside the register on its day.
  json rep = Report(D("2026-08-10"))["places"];
  EXPECT_EQ(rep["register_kept"], true);
  ASSERT_EQ(rep["not_designated"].size(), 1u) << rep;
  EXPECT_EQ(rep["not_designated"][0]["id"], c);
  EXPECT_EQ(rep["not_designated"][0]["place"], "A tent");
  EXPECT_EQ(rep["not_designated"][0]["phase"], "border_procedure");
  EXPECT_TRUE(Report(D("2026-10-03"))["places"]["not_designated"].empty());  // c moved to Siculiana
}

TEST_P(BorderProcedureSuite, TheReturnDecisionsEndOfTheRightToRemainIsSetAgainstTheFile) {
  const std::string id = Open(Case("2026-08-03"));  // its limit: 26 October
  ASSERT_TRUE(files_->Close(id, "no_right_to_remain", D("2026-10-20")).ok());
  json late = ReturnCase();
  late["decision_date"] = "2026-11-10";
  late["rejection"]["decided_on"] = "2026-10-30";
  late["rejection"]["notified_on"] = "2026-10-31";
  late["appeal"] = {{"lodged_on", "2026-11-03"},
                    {"leave_to_remain", {{"requested_on", "2026-11-03"}, {"decided_on", "2026-11-06"}, {"granted", false}}}};
  late["detained_on"] = "2026-10-30";
  auto started = files_->StartReturn(id, late.dump());
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  const json f = json::parse(*started);
  ASSERT_EQ(f["return_border"]["from"], "2026-10-30") << f.dump(2);
  ASSERT_EQ(f["flags"].size(), 2u) << f["flags"];
  EXPECT_EQ(f["flags"][0]["code"], "closing_date_differs");
  EXPECT_NE(f["flags"][0]["message"].get<std::string>().find("2026-10-20"), std::string::npos);
  EXPECT_EQ(f["flags"][1]["code"], "right_to_remain_past_time_limit");
  EXPECT_NE(f["flags"][1]["message"].get<std::string>().find("51(2)"), std::string::npos);
  // Closed in time as recorded; the monitor lists it apart.
  const json rep = Report(D("2026-11-15"));
  EXPECT_EQ(rep["time_limit"]["closed_in_time"], 1);
  EXPECT_TRUE(rep["time_limit"]["closed_late"].empty());
  ASSERT_EQ(rep["time_limit"]["right_to_remain_ended_late"].size(), 1u);
  EXPECT_EQ(rep["time_limit"]["right_to_remain_ended_late"][0]["id"], id);
  EXPECT_EQ(rep["time_limit"]["right_to_remain_ended_late"][0]["days_late"], 4);
  // Not yet known on a day before the right to remain ended.
  EXPECT_TRUE(Report(D("2026-10-25"))["time_limit"]["right_to_remain_ended_late"].empty());
}

// After a rejection the file continues into the return border procedure: its maximum period from
// the day the right to remain ended, detention recorded under Art. 5, how it ended; counted for
// Art. 48(1) and reported to the monitor.
TEST_P(BorderProcedureSuite, TheReturnBorderProcedureFollowsARejection) {
  const std::string id = Open(Case("2026-08-03"));  // its limit: 26 October
  EXPECT_EQ(files_->StartReturn(id, ReturnCase().dump()).status().code(), StatusCode::kFailedPrecondition);  // open
  ASSERT_TRUE(files_->Record(id, Event("detained", "2026-08-04")).ok());
  ASSERT_TRUE(files_->Close(id, "no_right_to_remain", D("2026-10-01")).ok());
  EXPECT_EQ(files_->StartReturn(id, ReturnCase("FRA").dump()).status().field(), "member_state");
  EXPECT_EQ(files_->StartReturn(id, "{").status().code(), StatusCode::kInvalidArgument);
  auto started = files_->StartReturn(id, ReturnCase().dump());
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  json f = json::parse(*started);
  EXPECT_EQ(f["return_border"]["from"], "2026-10-01");
  EXPECT_EQ(f["return_border"]["must_end_on"], "2026-12-24");
  EXPECT_EQ(f["return_border"]["status"], "running");
  EXPECT_EQ(f["return_border"]["decision"]["return_border_procedure"], "applies");
  EXPECT_TRUE(f["flags"].empty()) << f["flags"];  // closed on the day the right to remain ended
  EXPECT_EQ(files_->StartReturn(id, ReturnCase().dump()).status().code(), StatusCode::kFailedPrecondition);  // again

  // Only detention goes on being recorded, not before the return border procedure began.
  EXPECT_EQ(files_->Record(id, Event("exception", "2026-10-02", "d")).status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(files_->Record(id, Event("released", "2026-09-30")).status().field(), "on");
  auto released = files_->Record(id, Event("released", "2026-11-01"));
  ASSERT_TRUE(released.ok()) << released.status().ToString();
  EXPECT_EQ(json::parse(*released)["events"].back()["legal_basis"], "Regulation (EU) 2024/1349, Art. 5");
  // And where the person stays (Art. 4(2)), from the day the return border procedure began.
  BorderProcedureEvent stays = Event("placed", "2026-09-30");
  stays.place = "Trapani (return)";
  EXPECT_EQ(files_->Record(id, stays).status().field(), "on");
  stays.on = D("2026-11-01");
  auto placed = files_->Record(id, stays);
  ASSERT_TRUE(placed.ok()) << placed.status().ToString();
  EXPECT_EQ(json::parse(*placed)["events"].back()["legal_basis"], "Regulation (EU) 2024/1349, Art. 4(2)");

  // On the work list, apart from the border procedures, the nearest end first.
  const json list = json::parse(*files_->ListOpen("ITA", D("2026-12-20"), std::nullopt, 10));
  EXPECT_EQ(list["count"], 0);
  ASSERT_EQ(list["return_border_procedures"]["count"], 1);
  EXPECT_EQ(list["return_border_procedures"]["files"][0]["days_left"], 4);
  EXPECT_EQ(list["return_border_procedures"]["files"][0]["detained_since"], nullptr);  // released on 1 November
  EXPECT_EQ(json::parse(*files_->ListOpen("ITA", D("2026-12-20"), D("2026-12-01"), 10))["return_border_procedures"]["count"],
            0);  // not due by then

  // Counted for Art. 48(1) while it runs; the detention from the border procedure went on (Art. 5(2)).
  OccupancyQuery occ;
  occ.member_state = "ITA";
  occ.at = D("2026-10-15");
  json o = json::parse(*files_->Occupancy(occ));
  EXPECT_EQ(o["in_border_procedure"], 0);
  EXPECT_EQ(o["in_return_border_procedure"], 1);
  EXPECT_EQ(o["notification"]["counted"], 1);
  json rep = Report(D("2026-10-15"));
  EXPECT_EQ(rep["return_border"]["in_procedure"], 1);
  ASSERT_EQ(rep["detained"]["files"].size(), 1u);
  EXPECT_EQ(rep["detained"]["files"][0]["phase"], "return_border_procedure");
  EXPECT_EQ(rep["detained"]["files"][0]["since"], "2026-08-04");
  EXPECT_TRUE(o["places"]["places"].empty()) << o["places"];  // no place recorded by then
  EXPECT_EQ(o["places"]["return_place_not_recorded"], 1);
  occ.at = D("2026-11-01");
  const json there = json::parse(*files_->Occupancy(occ))["places"];
  ASSERT_EQ(there["places"].size(), 1u) << there;
  EXPECT_EQ(there["places"][0]["place"], "Trapani (return)");
  EXPECT_EQ(there["places"][0]["in_border_procedure"], 0);
  EXPECT_EQ(there["places"][0]["in_return_border_procedure"], 1);
  EXPECT_EQ(there["return_place_not_recorded"], 0);

  // Ending it: Art. 4(4) only once the maximum period has run; an unknown outcome named.
  EXPECT_EQ(files_->CloseReturn(id, "teleported", D("2026-11-02")).status().field(), "outcome");
  EXPECT_EQ(files_->CloseReturn(id, "return_directive", D("2026-12-01")).status().code(),
            StatusCode::kFailedPrecondition);
  auto ended = files_->CloseReturn(id, "departed", D("2026-11-02"));
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_TRUE(json::parse(*ended)["flags"].empty());
  EXPECT_EQ(json::parse(*ended)["return_border"]["outcome"], "departed");
  EXPECT_EQ(files_->CloseReturn(id, "removed", D("2026-11-03")).status().code(), StatusCode::kFailedPrecondition);
  occ.at = D("2026-11-02");
  EXPECT_EQ(json::parse(*files_->Occupancy(occ))["in_return_border_procedure"], 0);  // left that day

  // One still held past its maximum period, in the monitor's report; one ended late and detained.
  const std::string held = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(held, "no_right_to_remain", D("2026-10-01")).ok());
  ASSERT_TRUE(files_->StartReturn(held, ReturnCase().dump()).ok());
  // A detention begun in the return border procedure is reviewed under Directive 2008/115/EC, not
  // RCD Art. 11(3): its review is not recorded here, nor is it in the report's detention_review.
  ASSERT_TRUE(files_->Record(held, Event("detained", "2026-10-05")).ok());
  EXPECT_EQ(files_->Record(held, Event("detention_reviewed", "2026-10-09")).status().code(),
            StatusCode::kFailedPrecondition);
  rep = Report(D("2027-01-10"));
  for (const char* list : {"after_15_days", "after_21_days"}) {
    for (const json& e : rep["detention_review"][list]) EXPECT_NE(e["id"], held) << list;
  }
  ASSERT_EQ(rep["detention_review"]["after_21_days"].size(), 1u) << rep["detention_review"].dump(2);
  EXPECT_EQ(rep["detention_review"]["after_21_days"][0]["id"], id);  // detained in the border procedure, never reviewed
  ASSERT_TRUE(files_->Record(held, Event("released", "2026-10-20")).ok());
  ASSERT_EQ(rep["return_border"]["open_overdue"].size(), 1u);
  EXPECT_EQ(rep["return_border"]["open_overdue"][0]["id"], held);
  EXPECT_EQ(rep["return_border"]["open_overdue"][0]["days_overdue"], 17);
  EXPECT_EQ(rep["return_border"]["outcomes"]["departed"], 1);
  ASSERT_TRUE(files_->Record(held, Event("detained", "2026-12-01")).ok());
  json late = json::parse(*files_->CloseReturn(held, "return_directive", D("2027-01-10")));
  std::set<std::string> codes;
  for (const json& x : late["flags"]) codes.insert(x["code"]);
  EXPECT_EQ(codes, (std::set<std::string>{"time_limit_exceeded", "still_detained"}));
  EXPECT_EQ(Report(D("2027-01-11"))["return_border"]["closed_late"][0]["days_late"], 17);

  // A file closed otherwise than by a rejection does not go into the return border procedure.
  const std::string left = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(left, "withdrawn", D("2026-08-10")).ok());
  EXPECT_EQ(files_->StartReturn(left, ReturnCase().dump()).status().code(), StatusCode::kFailedPrecondition);
}

// A return border case without an appeal: rejected as unfounded on 1 October 2026, notified the next
// day (APR Art. 68(3)(a)(ii): no right to remain pending an appeal).
json ReturnCaseWithoutAppeal() {
  json c = ReturnCase();
  c.erase("appeal");
  return c;
}

// The appeal stages (APR Arts. 67-68) recorded on the file: in order and once each, after a
// rejection only; the removals they bar flagged, on the work list and for the monitor, with the
// stages completed after the time limit of Art. 51(2), second subparagraph.
TEST_P(BorderProcedureSuite, TheAppealStagesBarRemovalAndAreMonitored) {
  auto record = [&](const std::string& id, const char* event, const char* on) {
    auto r = files_->Record(id, Event(event, on));
    EXPECT_TRUE(r.ok()) << event << " " << on << ": " << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  };
  auto codes = [](const json& file) {
    std::set<std::string> out;
    for (const json& f : file["flags"]) out.insert(f["code"]);
    return out;
  };

  // a: a request to remain pending when the person was removed, the appeal allowed afterwards.
  const std::string a = Open(Case("2026-08-03"));  // its limit: 26 October
  ASSERT_TRUE(files_->Close(a, "no_right_to_remain", D("2026-10-01")).ok());
  json f = record(a, "decision_notified", "2026-10-02");
  EXPECT_EQ(f["events"].back()["legal_basis"], "Regulation (EU) 2024/1348, Art. 67(8), 68(5)(a)");
  EXPECT_EQ(files_->Record(a, Event("decision_notified", "2026-10-03")).status().code(),
            StatusCode::kFailedPrecondition);  // once
  EXPECT_EQ(files_->Record(a, Event("appeal_dismissed", "2026-10-03")).status().code(),
            StatusCode::kFailedPrecondition);  // no appeal lodged
  record(a, "appeal_lodged", "2026-10-06");
  record(a, "leave_to_remain_requested", "2026-10-06");
  ASSERT_TRUE(files_->StartReturn(a, ReturnCase().dump()).ok());  // the case knows the refusal the file lacks
  EXPECT_EQ(BarOn(a, "2026-10-10")["reason"], "leave_to_remain_pending");
  auto removed = files_->CloseReturn(a, "removed", D("2026-10-12"));
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  f = json::parse(*removed);
  EXPECT_EQ(f["return_border"]["outcome"], "removed");  // kept as it happened
  ASSERT_EQ(codes(f), std::set<std::string>{"removal_barred"}) << f["flags"];
  EXPECT_NE(f["flags"][0]["message"].get<std::string>().find("68(5)(d)(ii)"), std::string::npos);
  record(a, "leave_to_remain_refused", "2026-10-14");  // after the removal: still recorded
  f = record(a, "appeal_allowed", "2026-11-20");
  EXPECT_EQ(codes(f), std::set<std::string>{"appeal_allowed_after_removal"}) << f["flags"];
  EXPECT_EQ(files_->Record(a, Event("leave_to_remain_granted", "2026-11-21")).status().code(),
            StatusCode::kFailedPrecondition);  // the appeal is decided

  // b: the case contradicts the notification the file records; a request never decided.
  const std::string b = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(b, "no_right_to_remain", D("2026-10-01")).ok());
  record(b, "decision_notified", "2026-10-03");
  EXPECT_EQ(files_->StartReturn(b, ReturnCase().dump()).status().field(), "rejection.notified_on");
  record(b, "leave_to_remain_requested", "2026-10-05");

  // c: the five days to ask to remain, then leave granted of the court's own motion, then the
  // appeal dismissed: removal barred, barred, then not.
  const std::string c = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(c, "no_right_to_remain", D("2026-10-01")).ok());
  record(c, "decision_notified", "2026-10-02");
  ASSERT_TRUE(files_->StartReturn(c, ReturnCaseWithoutAppeal().dump()).ok());
  record(c, "appeal_lodged", "2026-10-05");
  f = record(c, "leave_to_remain_granted", "2026-10-07");
  ASSERT_EQ(codes(f), std::set<std::string>{"authorised_to_remain"}) << f["flags"];
  EXPECT_NE(f["flags"][0]["message"].get<std::string>().find("no longer holds"), std::string::npos);
  EXPECT_EQ(files_->Record(c, Event("leave_to_remain_refused", "2026-10-08")).status().code(),
            StatusCode::kFailedPrecondition);  // the court decided once
  record(c, "appeal_dismissed", "2026-10-30");
  // Five days from Friday 2 October end on Wednesday 7 October (Art. 73).
  const json early = BarOn(c, "2026-10-05");
  EXPECT_EQ(early["reason"], "time_to_ask_to_remain");
  EXPECT_NE(early["message"].get<std::string>().find("2026-10-07"), std::string::npos) << early;
  EXPECT_EQ(BarOn(c, "2026-10-08")["reason"], "authorised_to_remain");
  EXPECT_EQ(BarOn(c, "2026-10-31"), nullptr);
  // (b is not in the return border procedure; a has left it.)
  EXPECT_EQ(json::parse(*files_->ListOpen("ITA", D("2026-10-31"), std::nullopt, 10))["return_border_procedures"]["count"],
            1);

  // d: the appeal allowed during the return border procedure, which then ends for it.
  const std::string d = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(d, "no_right_to_remain", D("2026-10-01")).ok());
  ASSERT_TRUE(files_->StartReturn(d, ReturnCaseWithoutAppeal().dump()).ok());
  record(d, "appeal_lodged", "2026-10-05");
  EXPECT_EQ(files_->CloseReturn(d, "rejection_annulled", D("2026-10-08")).status().code(),
            StatusCode::kFailedPrecondition);  // no allowed appeal recorded
  f = record(d, "appeal_allowed", "2026-10-09");
  ASSERT_EQ(codes(f), std::set<std::string>{"rejection_annulled"}) << f["flags"];
  EXPECT_NE(f["flags"][0]["message"].get<std::string>().find("rejection_annulled"), std::string::npos);
  auto annulled = files_->CloseReturn(d, "rejection_annulled", D("2026-10-09"));
  ASSERT_TRUE(annulled.ok()) << annulled.status().ToString();
  EXPECT_TRUE(json::parse(*annulled)["flags"].empty());

  // Only after a rejection; an allowed appeal contradicts closing with no_right_to_remain; leave
  // granted and the appeal undecided, closing with it is flagged (Art. 51(2)).
  const std::string granted = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(granted, "protection_granted", D("2026-09-01")).ok());
  EXPECT_EQ(files_->Record(granted, Event("appeal_lodged", "2026-09-02")).status().code(),
            StatusCode::kFailedPrecondition);
  const std::string allowed = Open(Case("2026-08-03"));
  record(allowed, "appeal_lodged", "2026-08-20");
  record(allowed, "appeal_allowed", "2026-09-01");
  EXPECT_EQ(files_->Close(allowed, "no_right_to_remain", D("2026-09-02")).status().code(),
            StatusCode::kFailedPrecondition);
  const std::string staying = Open(Case("2026-08-03"));
  record(staying, "appeal_lodged", "2026-08-20");
  record(staying, "leave_to_remain_granted", "2026-08-21");
  auto closed = files_->Close(staying, "no_right_to_remain", D("2026-08-25"));
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(codes(json::parse(*closed)), std::set<std::string>{"authorised_to_remain"});
  EXPECT_EQ(files_->Record(staying, Event("detained", "2026-08-26")).status().code(),
            StatusCode::kFailedPrecondition);  // closed, not in the return border procedure

  // The monitor's view on 25 November.
  const json rep = Report(D("2026-11-25"));
  const json& ap = rep["appeals"];
  EXPECT_EQ(ap["recorded"]["decision_notified"], 3) << ap.dump(2);  // a, b, c
  EXPECT_EQ(ap["recorded"]["appeal_lodged"], 5);                   // a, c, d, allowed, staying
  EXPECT_EQ(ap["recorded"]["appeal_allowed"], 3);                  // a, d, allowed
  EXPECT_EQ(ap["recorded"]["leave_to_remain_granted"], 2);         // c, staying
  ASSERT_EQ(ap["leave_to_remain_pending"].size(), 1u) << ap.dump(2);
  EXPECT_EQ(ap["leave_to_remain_pending"][0]["id"], b);
  EXPECT_EQ(ap["leave_to_remain_pending"][0]["days"], 51);
  ASSERT_EQ(ap["removed_while_barred"].size(), 1u);
  EXPECT_EQ(ap["removed_while_barred"][0]["id"], a);
  EXPECT_EQ(ap["removed_while_barred"][0]["reason"], "leave_to_remain_pending");
  ASSERT_EQ(ap["appeal_allowed_after_removal"].size(), 1u);
  EXPECT_EQ(ap["appeal_allowed_after_removal"][0]["allowed_on"], "2026-11-20");
  // The time limit of every file is 26 October: a's appeal decided 25 days after it, b's request
  // and staying's appeal still undecided 30 days after it, c's appeal 4 days after it; the rest
  // within it.
  std::set<std::string> late;
  for (const json& x : ap["completed_after_time_limit"]) {
    late.insert(x["id"].get<std::string>() + "/" + x["stage"].get<std::string>() + "/" +
                std::to_string(x["days_late"].get<int>()));
  }
  EXPECT_EQ(late, (std::set<std::string>{a + "/appeal/25", b + "/leave_to_remain/30", c + "/appeal/4",
                                          staying + "/appeal/30"}));
  // What was known on an earlier day: nothing removed yet, b's request not yet made.
  const json before = Report(D("2026-10-04"))["appeals"];
  EXPECT_TRUE(before["removed_while_barred"].empty());
  EXPECT_TRUE(before["leave_to_remain_pending"].empty());
  EXPECT_EQ(before["recorded"]["decision_notified"], 3);
  EXPECT_EQ(before["recorded"]["appeal_lodged"], 2);  // allowed, staying (in August)
}

// A damaged row (edited outside OpenPact) is named as corrupt by every read, never computed with.
// The time to ask the court to remain (APR Art. 68(5)(a), (d)(i)): the national time limit when the
// return border case gives it; else five days from the notification, after which a removal may
// still be barred and is said to be, not assumed free; a file without a notification likewise.
TEST_P(BorderProcedureSuite, TheTimeToAskToRemainIsTheNationalOneOrUnknownPastTheMinimum) {
  auto rejected = [&](bool notified) {
    const std::string id = Open(Case("2026-08-03"));
    EXPECT_TRUE(files_->Close(id, "no_right_to_remain", D("2026-10-01")).ok());
    if (notified) {
      EXPECT_TRUE(files_->Record(id, Event("decision_notified", "2026-10-02")).ok());
    }
    return id;
  };
  auto start = [&](const std::string& id, const json& c) {
    auto started = files_->StartReturn(id, c.dump());
    ASSERT_TRUE(started.ok()) << started.status().ToString();
  };
  json national = ReturnCaseWithoutAppeal();
  national["appeal"] = {{"leave_to_remain", {{"time_limit_ends_on", "2026-10-12"}}}};

  // The national time limit (12 October) bars removal until it ends, past the five days' minimum.
  const std::string e = rejected(true);
  start(e, national);
  const json within = BarOn(e, "2026-10-09");
  EXPECT_EQ(within["reason"], "time_to_ask_to_remain") << within;
  EXPECT_NE(within["message"].get<std::string>().find("national time limit"), std::string::npos) << within;
  EXPECT_NE(within["message"].get<std::string>().find("2026-10-12"), std::string::npos) << within;
  EXPECT_EQ(BarOn(e, "2026-10-12")["reason"], "time_to_ask_to_remain");
  EXPECT_EQ(BarOn(e, "2026-10-13"), nullptr);

  // Only the minimum known: barred to 7 October, then possibly barred; a removal then is flagged so
  // and listed for the monitor with that reason.
  const std::string f = rejected(true);
  start(f, ReturnCaseWithoutAppeal());
  EXPECT_EQ(BarOn(f, "2026-10-07")["reason"], "time_to_ask_to_remain");
  const json past = BarOn(f, "2026-10-09");
  EXPECT_EQ(past["reason"], "time_to_ask_to_remain_not_recorded") << past;
  EXPECT_EQ(past["legal_basis"], "Regulation (EU) 2024/1348, Art. 68(5)(a), (d)(i)");
  EXPECT_NE(past["message"].get<std::string>().find("2026-10-07"), std::string::npos) << past;
  auto removed = files_->CloseReturn(f, "removed", D("2026-10-09"));
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  const json closed = json::parse(*removed);
  ASSERT_EQ(closed["flags"].size(), 1u) << closed["flags"];
  EXPECT_EQ(closed["flags"][0]["code"], "removal_possibly_barred");

  // A request to remain after the national time limit bars nothing (68(5)(d)(ii): "within the time
  // limit"); within it, it bars until the court decides.
  const std::string g = rejected(true);
  start(g, national);
  ASSERT_TRUE(files_->Record(g, Event("leave_to_remain_requested", "2026-10-14")).ok());
  EXPECT_EQ(BarOn(g, "2026-10-15"), nullptr);
  const std::string h = rejected(true);
  start(h, national);
  ASSERT_TRUE(files_->Record(h, Event("leave_to_remain_requested", "2026-10-12")).ok());
  const json pending = BarOn(h, "2026-10-20");
  EXPECT_EQ(pending["reason"], "leave_to_remain_pending");
  EXPECT_EQ(pending["message"].get<std::string>().find("does not record"), std::string::npos) << pending;

  // No notification on the file nor in the case: the time to ask to remain may not have run.
  const std::string i = rejected(false);
  json unnotified = ReturnCaseWithoutAppeal();
  unnotified["rejection"].erase("notified_on");
  start(i, unnotified);
  const json unknown = BarOn(i, "2026-11-20");
  EXPECT_EQ(unknown["reason"], "time_to_ask_to_remain_not_recorded") << unknown;
  EXPECT_NE(unknown["message"].get<std::string>().find("no notification"), std::string::npos) << unknown;

  // A rejection outside Art. 68(3) (inadmissible under 38(1)(c)): the right to remain lasted until
  // the time limit to appeal (68(2)), so no request to remain arises and nothing is left to bar.
  const std::string m = rejected(true);
  json suspensive = ReturnCaseWithoutAppeal();
  suspensive["rejection"]["ground"] = "inadmissible";
  suspensive["rejection"]["inadmissibility_ground"] = "38(1)(c)";
  suspensive["appeal"] = {{"time_limit_ends_on", "2026-10-09"}};
  start(m, suspensive);
  EXPECT_EQ(BarOn(m, "2026-10-21"), nullptr);

  const json rep = Report(D("2026-11-25"));
  const json& gone = rep["appeals"]["removed_while_barred"];
  ASSERT_EQ(gone.size(), 1u) << gone.dump(2);
  EXPECT_EQ(gone[0]["id"], f);
  EXPECT_EQ(gone[0]["reason"], "time_to_ask_to_remain_not_recorded");
}

// Further appeals (APR Art. 68(7)): no right to remain, unless a court allows it (non-refoulement);
// each follows the dismissal before it; one allowed sets the rejection aside.
TEST_P(BorderProcedureSuite, AFurtherAppealBarsRemovalOnlyWhereTheCourtAllowsRemaining) {
  auto record = [&](const std::string& id, const char* event, const char* on) {
    auto r = files_->Record(id, Event(event, on));
    EXPECT_TRUE(r.ok()) << event << " " << on << ": " << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  };
  auto refused = [&](const std::string& id, const char* event, const char* on) {
    return files_->Record(id, Event(event, on)).status().code() == StatusCode::kFailedPrecondition;
  };
  auto rejected_and_returning = [&] {
    const std::string id = Open(Case("2026-08-03"));
    EXPECT_TRUE(files_->Close(id, "no_right_to_remain", D("2026-10-01")).ok());
    EXPECT_TRUE(files_->Record(id, Event("decision_notified", "2026-10-02")).ok());
    EXPECT_TRUE(files_->StartReturn(id, ReturnCaseWithoutAppeal().dump()).ok());
    record(id, "appeal_lodged", "2026-10-05");
    return id;
  };

  const std::string j = rejected_and_returning();
  EXPECT_TRUE(refused(j, "further_appeal_lodged", "2026-10-05"));  // the appeal is undecided
  record(j, "leave_to_remain_refused", "2026-10-06");
  record(j, "appeal_dismissed", "2026-10-08");
  EXPECT_EQ(BarOn(j, "2026-10-09"), nullptr);
  EXPECT_TRUE(refused(j, "further_appeal_remain_allowed", "2026-10-09"));  // none lodged
  record(j, "further_appeal_lodged", "2026-10-10");
  EXPECT_EQ(BarOn(j, "2026-10-11"), nullptr);  // no right to remain by itself
  json f = record(j, "further_appeal_remain_allowed", "2026-10-12");
  ASSERT_EQ(f["flags"].size(), 1u) << f["flags"];
  EXPECT_EQ(f["flags"][0]["code"], "authorised_to_remain");
  EXPECT_NE(f["flags"][0]["message"].get<std::string>().find("68(7)"), std::string::npos);
  const json allowed_to_stay = BarOn(j, "2026-10-13");
  EXPECT_EQ(allowed_to_stay["reason"], "authorised_to_remain") << allowed_to_stay;
  EXPECT_EQ(allowed_to_stay["legal_basis"], "Regulation (EU) 2024/1348, Art. 68(7)");
  EXPECT_TRUE(refused(j, "further_appeal_remain_allowed", "2026-10-14"));  // once per further appeal
  EXPECT_TRUE(refused(j, "further_appeal_lodged", "2026-10-14"));          // one undecided at a time
  record(j, "further_appeal_dismissed", "2026-10-20");
  EXPECT_EQ(BarOn(j, "2026-10-21"), nullptr);  // the permission ended with it
  record(j, "further_appeal_lodged", "2026-10-22");  // the next instance
  EXPECT_EQ(BarOn(j, "2026-10-23"), nullptr);  // the last permission was the previous instance's
  f = record(j, "further_appeal_allowed", "2026-10-25");
  ASSERT_EQ(f["flags"].size(), 1u) << f["flags"];
  EXPECT_EQ(f["flags"][0]["code"], "rejection_annulled");
  EXPECT_EQ(BarOn(j, "2026-10-26")["reason"], "rejection_annulled");
  EXPECT_TRUE(refused(j, "further_appeal_lodged", "2026-10-27"));  // set aside: nothing follows
  auto annulled = files_->CloseReturn(j, "rejection_annulled", D("2026-10-27"));
  ASSERT_TRUE(annulled.ok()) << annulled.status().ToString();

  // Removed after the dismissal, then a further appeal allowed: flagged and listed for the monitor.
  const std::string k = rejected_and_returning();
  record(k, "leave_to_remain_refused", "2026-10-06");
  record(k, "appeal_dismissed", "2026-10-08");
  auto removed = files_->CloseReturn(k, "removed", D("2026-10-09"));
  ASSERT_TRUE(removed.ok()) << removed.status().ToString();
  EXPECT_TRUE(json::parse(*removed)["flags"].empty()) << *removed;
  record(k, "further_appeal_lodged", "2026-10-12");
  f = record(k, "further_appeal_allowed", "2026-11-02");
  ASSERT_EQ(f["flags"].size(), 1u) << f["flags"];
  EXPECT_EQ(f["flags"][0]["code"], "appeal_allowed_after_removal");
  const json rep = Report(D("2026-11-25"));
  const json& ap = rep["appeals"];
  EXPECT_EQ(ap["recorded"]["further_appeal_lodged"], 2) << ap.dump(2);  // j (twice: one file), k
  EXPECT_EQ(ap["recorded"]["further_appeal_allowed"], 2);
  ASSERT_EQ(ap["appeal_allowed_after_removal"].size(), 1u) << ap.dump(2);
  EXPECT_EQ(ap["appeal_allowed_after_removal"][0]["id"], k);
  EXPECT_EQ(ap["appeal_allowed_after_removal"][0]["allowed_on"], "2026-11-02");
  EXPECT_TRUE(ap["removed_while_barred"].empty()) << ap.dump(2);
}

// APR Art. 72(1): the data are kept ten years from the final decision on the application, then
// erased. A file counts from the last decision it records (its closing, or the court's last
// decision on an appeal); where the final decision is not recorded (an appeal undecided, a
// rejection annulled) or the return border procedure runs, the file is kept and counted.
TEST_P(BorderProcedureSuite, FilesAreErasedTenYearsAfterTheLastDecisionTheyRecord) {
  auto record = [&](const std::string& id, const char* event, const char* on) {
    auto r = files_->Record(id, Event(event, on));
    EXPECT_TRUE(r.ok()) << event << " " << on << ": " << r.status().ToString();
  };
  auto rejected = [&] {
    const std::string id = Open(Case("2026-08-03"));
    EXPECT_TRUE(files_->Close(id, "no_right_to_remain", D("2026-10-01")).ok());
    record(id, "decision_notified", "2026-10-02");
    return id;
  };
  const std::string granted = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(granted, "protection_granted", D("2026-10-01")).ok());
  const std::string dismissed = rejected();
  record(dismissed, "appeal_lodged", "2026-10-05");
  record(dismissed, "appeal_dismissed", "2027-01-15");
  const std::string pending = rejected();
  record(pending, "appeal_lodged", "2026-10-05");
  const std::string annulled = rejected();
  record(annulled, "appeal_lodged", "2026-10-05");
  record(annulled, "appeal_allowed", "2026-11-02");
  const std::string returning = rejected();
  ASSERT_TRUE(files_->StartReturn(returning, ReturnCaseWithoutAppeal().dump()).ok());
  const std::string returned = rejected();
  ASSERT_TRUE(files_->StartReturn(returned, ReturnCaseWithoutAppeal().dump()).ok());
  ASSERT_TRUE(files_->CloseReturn(returned, "departed", D("2026-11-20")).ok());
  const std::string open = Open(Case("2026-08-03"));

  const auto expire = [&](const char* at) {
    auto r = files_->Expire(D(at), D("2037-02-01"));
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? json::parse(*r) : json();
  };
  const auto kept = [&](const std::string& id) { return files_->Show(id).ok(); };
  json e = expire("2036-09-30");  // the tenth anniversary's eve
  EXPECT_EQ(e["erased"], 0);
  EXPECT_EQ(e["kept"], json::object());  // not yet ten years since any closing
  EXPECT_EQ(e["legal_basis"], json::array({"Regulation (EU) 2024/1348, Art. 72(1)"}));
  e = expire("2036-10-01");
  EXPECT_EQ(e["erased"], 2) << e;  // granted, returned (counted from the closing, not the departure)
  EXPECT_EQ(e["by_member_state"]["ITA"], 2);
  EXPECT_EQ(e["kept"]["appeal_pending"], 1) << e;
  EXPECT_EQ(e["kept"]["rejection_annulled"], 1) << e;
  EXPECT_EQ(e["kept"]["return_border_procedure_running"], 1) << e;
  EXPECT_FALSE(kept(granted));
  EXPECT_FALSE(kept(returned));
  for (const std::string& id : {dismissed, pending, annulled, returning, open}) EXPECT_TRUE(kept(id)) << id;
  EXPECT_EQ(expire("2037-01-14")["erased"], 0);  // the dismissal was the final decision
  EXPECT_EQ(expire("2037-01-15")["erased"], 1);
  EXPECT_FALSE(kept(dismissed));
  for (const std::string& id : {pending, annulled, returning, open}) EXPECT_TRUE(kept(id)) << id;
  // Not after today; a caller bound to another Member State erases none of these.
  EXPECT_EQ(files_->Expire(D("2037-02-02"), D("2037-02-01")).status().field(), "at");
  ASSERT_TRUE(files_->Close(open, "withdrawn", D("2026-10-01")).ok());
  BorderProcedureStore france(store_.get(), &testing::SharedRules());
  france.set_acting_member_state("FRA");
  auto french = france.Expire(D("2037-02-01"), D("2037-02-01"));
  ASSERT_TRUE(french.ok()) << french.status().ToString();
  EXPECT_EQ(json::parse(*french)["erased"], 0);
  EXPECT_TRUE(kept(open));
  EXPECT_EQ(expire("2037-02-01")["erased"], 1);  // Italy's own pass
  EXPECT_FALSE(kept(open));
}

// Art. 72(1), second sentence: erased as soon as the Member State learns that the person acquired
// a Member State's citizenship, open or closed; no other reason, and not another State's file.
TEST_P(BorderProcedureSuite, AFileIsErasedWhenThePersonBecameACitizen) {
  const std::string open = Open(Case("2026-08-03"));
  const std::string closed = Open(Case("2026-08-03"));
  ASSERT_TRUE(files_->Close(closed, "protection_granted", D("2026-10-01")).ok());
  EXPECT_EQ(files_->Erase(open, "no_longer_needed").status().field(), "reason");
  BorderProcedureStore france(store_.get(), &testing::SharedRules());
  france.set_acting_member_state("FRA");
  EXPECT_EQ(france.Erase(open, "citizenship_acquired").status().code(), StatusCode::kNotFound);
  for (const std::string& id : {open, closed}) {
    auto erased = files_->Erase(id, "citizenship_acquired");
    ASSERT_TRUE(erased.ok()) << erased.status().ToString();
    const json e = json::parse(*erased);
    EXPECT_EQ(e["id"], id);
    EXPECT_EQ(e["member_state"], "ITA");
    EXPECT_EQ(e["legal_basis"], "Regulation (EU) 2024/1348, Art. 72(1)");
    EXPECT_EQ(files_->Show(id).status().code(), StatusCode::kNotFound);
  }
  EXPECT_EQ(files_->Erase(open, "citizenship_acquired").status().code(), StatusCode::kNotFound);
}

TEST_P(BorderProcedureSuite, ADamagedRowIsRefusedNotGuessedAt) {
  const std::string id = Open(Case());
  ASSERT_TRUE(files_->Record(id, Event("detained", "2026-07-12")).ok());
  ASSERT_TRUE(store_->Exec("UPDATE border_procedure SET events = ? WHERE id = ?",
                           {std::string(R"([{"event": "detained"}])"), id})
                  .ok());
  EXPECT_EQ(files_->Show(id).status().code(), StatusCode::kCorruption);
  MonitoringQuery q;
  q.member_state = "ITA";
  q.at = D("2026-08-01");
  EXPECT_EQ(files_->Monitor(q).status().code(), StatusCode::kCorruption);  // the report refuses too
  ASSERT_TRUE(store_->Exec("UPDATE border_procedure SET events = '[]', must_end_on = '5 October' WHERE id = ?", {id}).ok());
  EXPECT_EQ(files_->Record(id, Event("released", "2026-07-20")).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(files_->ListOpen("ITA", D("2026-08-01"), std::nullopt, 10).status().code(), StatusCode::kCorruption);
}

INSTANTIATE_TEST_SUITE_P(Backends, BorderProcedureSuite, ::testing::ValuesIn(testing::StoreBackends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace openpact::cases
