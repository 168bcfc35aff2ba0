#include "core/time_limits.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace openpact {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

class TimeLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto cal = HolidayCalendar::Load(testing::DataDir() + "/holidays/public_holidays.csv");
    ASSERT_TRUE(cal.ok()) << cal.status().ToString();
    calendar_ = new HolidayCalendar(std::move(*cal));
  }
  static void TearDownTestSuite() { delete calendar_; }

  TimeLimit Compute(const char* event, const char* period, const char* ms,
                    ComputationRule rule = ComputationRule::kApr73) {
    auto p = Period::Parse(period);
    EXPECT_TRUE(p.ok()) << period;
    auto r = ComputeTimeLimit(D(event), *p, ms, *calendar_, rule);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : TimeLimit{};
  }

  static HolidayCalendar* calendar_;
};
HolidayCalendar* TimeLimits::calendar_ = nullptr;

TEST_F(TimeLimits, DayOfTheEventIsNotCounted) {
  // Friday 10 July 2026 + 7 days = Friday 17 July.
  TimeLimit t = Compute("2026-07-10", "7 days", "ITA");
  EXPECT_EQ(t.end, D("2026-07-17"));
  EXPECT_FALSE(t.moved);
}

TEST_F(TimeLimits, PeriodEndingOnSaturdayEndsOnMonday) {
  // Wednesday 8 July + 3 days = Saturday 11 July -> Monday 13 July.
  TimeLimit t = Compute("2026-07-08", "3 days", "ITA");
  EXPECT_EQ(t.nominal_end, D("2026-07-11"));
  EXPECT_EQ(t.end, D("2026-07-13"));
  EXPECT_TRUE(t.moved);
  EXPECT_NE(t.note.find("weekend"), std::string::npos);
}

TEST_F(TimeLimits, PeriodEndingOnAPublicHolidayOfThatMemberState) {
  // 18 Dec + 7 days = Christmas (Fri), then Santo Stefano (Sat) and Sunday -> Monday 28 Dec.
  TimeLimit t = Compute("2026-12-18", "7 days", "ITA");
  EXPECT_EQ(t.end, D("2026-12-28"));
  EXPECT_NE(t.note.find("Christmas"), std::string::npos) << t.note;
  // Ascension Day, Thursday 14 May 2026, is a national holiday in Germany but not in Italy.
  EXPECT_EQ(Compute("2026-05-07", "1 week", "DEU").end, D("2026-05-15"));
  EXPECT_EQ(Compute("2026-05-07", "1 week", "ITA").end, D("2026-05-14"));
}

TEST_F(TimeLimits, WeeksEndOnTheSameWeekday) {
  // Registration Tuesday 14 July 2026 + 12 weeks = Tuesday 6 October 2026.
  EXPECT_EQ(Compute("2026-07-14", "12 weeks", "GRC").end, D("2026-10-06"));
}

TEST_F(TimeLimits, MonthsClampToTheLastDayThenMoveOffTheWeekend) {
  // 31 Jan 2026 + 1 month -> 28 Feb 2026 (a Saturday) -> Monday 2 March.
  TimeLimit t = Compute("2026-01-31", "1 month", "DEU", ComputationRule::kAmmr75);
  EXPECT_EQ(t.nominal_end, D("2026-02-28"));
  EXPECT_EQ(t.end, D("2026-03-02"));
  // Leap year: 31 Jan 2024 + 1 month = Thursday 29 Feb 2024.
  EXPECT_EQ(Compute("2024-01-31", "1 month", "DEU").end, D("2024-02-29"));
  // 15 July 2026 + 6 months = Friday 15 January 2027.
  EXPECT_EQ(Compute("2026-07-15", "6 months", "FRA").end, D("2027-01-15"));
}

TEST_F(TimeLimits, WorkingDaysSkipWeekendsAndHolidays) {
  // Wed 23 Dec 2026 in Italy: 24 (1), 25 hol, 26 hol, 27 Sun, 28 (2), 29 (3).
  EXPECT_EQ(Compute("2026-12-23", "3 working_days", "ITA").end, D("2026-12-29"));
  // Friday 10 July + 7 working days = Tuesday 21 July.
  EXPECT_EQ(Compute("2026-07-10", "7 working_days", "ESP").end, D("2026-07-21"));
}

TEST_F(TimeLimits, Regulation1182NeedsTwoWorkingDaysInAPeriodOfTwoDaysOrMore) {
  // Thu 24 Dec 2026 + 2 days = Sat 26 Dec (holiday) -> Mon 28 Dec, which is the only working
  // day in the period; Reg. 1182/71 Art. 3(5) extends it to Tuesday 29 Dec. The APR does not.
  EXPECT_EQ(Compute("2026-12-24", "2 days", "ITA", ComputationRule::kApr73).end, D("2026-12-28"));
  EXPECT_EQ(Compute("2026-12-24", "2 days", "ITA", ComputationRule::kReg1182_71).end,
            D("2026-12-29"));
}

TEST_F(TimeLimits, RefusesDatesWithoutHolidayDataAndUnknownStates) {
  auto p = *Period::Parse("7 days");
  auto r = ComputeTimeLimit(D("2041-03-01"), p, "ITA", *calendar_, ComputationRule::kApr73);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("2041"), std::string::npos);
  // A period that runs past the data refuses too, rather than guessing.
  EXPECT_FALSE(ComputeTimeLimit(D("2040-12-20"), *Period::Parse("1 month"), "ITA", *calendar_,
                                ComputationRule::kApr73).ok());
  EXPECT_FALSE(ComputeTimeLimit(D("2026-07-01"), p, "TUR", *calendar_,
                                ComputationRule::kApr73).ok());
  // The Dublin-associated States have their holidays (AMMR Art. 75 for their requests and replies).
  EXPECT_TRUE(ComputeTimeLimit(D("2026-07-01"), p, "NOR", *calendar_, ComputationRule::kAmmr75).ok());
}

TEST(Period, ParseAndFormat) {
  EXPECT_EQ(Period::Parse("3 working_days")->unit, PeriodUnit::kWorkingDays);
  EXPECT_EQ(Period::Parse("1 month")->ToString(), "1 month");
  EXPECT_EQ(Period::Parse("12 weeks")->amount, 12);
  for (const char* bad : {"", "7", "seven days", "7 fortnights", "-1 days", "7  days", "2147483647 months",
                          "101 years", "36601 days"}) {
    auto p = Period::Parse(bad, "period");
    ASSERT_FALSE(p.ok()) << bad;
    EXPECT_EQ(p.status().field(), "period");
  }
  // A century is the bound (date arithmetic on larger amounts overflowed).
  EXPECT_EQ(Period::Parse("100 years")->amount, 100);
  EXPECT_EQ(Period::Parse("1200 months")->amount, 1200);
  EXPECT_NE(Period::Parse("2147483647 months").status().message().find("longer than a century"), std::string::npos);
}

// "Today" in a Member State's legal time (Directive 2000/84/EC: summer time from 01:00 UTC on the
// last Sunday of March to 01:00 UTC on the last Sunday of October; 2026: 29 March, 25 October).
TEST(LocalDate, FollowsTheMemberStatesLegalTime) {
  auto at = [](const char* utc) { return *Timestamp::Parse(utc); };
  auto D = [](const char* d) { return *Date::Parse(d); };
  // 22:30 UTC on 10 July is 00:30 on 11 July in Rome (UTC+2 in summer), still 10 July in UTC.
  EXPECT_EQ(LocalDate(at("2026-07-10T22:30:00Z"), "ITA"), D("2026-07-11"));
  EXPECT_EQ(LocalDate(at("2026-07-10T22:30:00Z"), "IRL"), D("2026-07-10"));  // 23:30 in Dublin
  EXPECT_EQ(LocalDate(at("2026-07-10T21:30:00Z"), "GRC"), D("2026-07-11"));  // 00:30 in Athens
  EXPECT_EQ(LocalDate(at("2026-07-10T23:30:00Z"), "ISL"), D("2026-07-10"));  // no summer time
  EXPECT_EQ(LocalDate(at("2026-07-10T23:30:00Z"), "IRL"), D("2026-07-11"));  // 00:30 in Dublin
  // In winter one hour less: 23:30 UTC on 10 January is 00:30 on the 11th in Rome.
  EXPECT_EQ(LocalDate(at("2026-01-10T22:30:00Z"), "ITA"), D("2026-01-10"));
  EXPECT_EQ(LocalDate(at("2026-01-10T23:30:00Z"), "ITA"), D("2026-01-11"));
  // The switches: summer time from 01:00 UTC on 29 March 2026 to 01:00 UTC on 25 October 2026.
  EXPECT_EQ(LocalDate(at("2026-03-28T22:59:59Z"), "ITA"), D("2026-03-28"));  // 23:59:59 CET
  EXPECT_EQ(LocalDate(at("2026-03-28T23:00:00Z"), "ITA"), D("2026-03-29"));
  EXPECT_EQ(LocalDate(at("2026-10-24T22:00:00Z"), "ITA"), D("2026-10-25"));  // 00:00 CEST
  EXPECT_EQ(LocalDate(at("2026-10-25T22:59:59Z"), "ITA"), D("2026-10-25"));  // 23:59:59 CET
  EXPECT_EQ(LocalDate(at("2026-07-10T22:30:00Z"), "XYZ"), D("2026-07-10"));  // unknown: UTC
}

TEST(HourLimit, StartsAtTheNextFullHour) {
  // Event at 10:23 on 10 July: the period starts at 11:00; 72 hours end at 11:00 on 13 July.
  auto t = *Timestamp::Parse("2026-07-10T10:23:00Z");
  EXPECT_EQ(HourLimit(t, 72).ToString(), "2026-07-13T11:00:00Z");
  EXPECT_EQ(HourLimit(*Timestamp::Parse("2026-07-10T23:59:59Z"), 1).ToString(),
            "2026-07-11T01:00:00Z");
}

TEST(HolidayData, CoversEveryMemberStateForEveryYear) {
  auto cal = HolidayCalendar::Load(testing::DataDir() + "/holidays/public_holidays.csv");
  ASSERT_TRUE(cal.ok());
  for (const char* ms : {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA",
                         "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD",
                         "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"}) {
    for (int y = 2024; y <= 2040; ++y) {
      EXPECT_TRUE(cal->Covers(ms, *Date::FromYmd(y, 6, 1)).ok()) << ms << " " << y;
      // New Year's Day is a public holiday in every Member State.
      EXPECT_TRUE(cal->IsPublicHoliday(ms, *Date::FromYmd(y, 1, 1))) << ms << " " << y;
    }
  }
  // Western and Orthodox Easter Mondays: 6 April 2026 (Germany), 13 April 2026 (Greece).
  EXPECT_TRUE(cal->IsPublicHoliday("DEU", *Date::Parse("2026-04-06")));
  EXPECT_TRUE(cal->IsPublicHoliday("GRC", *Date::Parse("2026-04-13")));
  EXPECT_FALSE(cal->IsPublicHoliday("GRC", *Date::Parse("2026-04-06")));
  // Clean Monday in Cyprus is 23 Feb 2026 (the generator corrects the source on this).
  EXPECT_TRUE(cal->IsPublicHoliday("CYP", *Date::Parse("2026-02-23")));
  EXPECT_FALSE(cal->IsPublicHoliday("CYP", *Date::Parse("2026-02-24")));
}

}  // namespace
}  // namespace openpact

namespace openpact {
namespace {

// The calendar-only period that bounds facts (a crossing's 20 months, a visa's 18): a month's
// missing date gives its last day, and periods that need a calendar or a time are refused.
TEST(AddCalendarPeriod, CountsOnTheCalendarAndRefusesWorkingDaysAndHours) {
  EXPECT_EQ(*AddCalendarPeriod(*Date::Parse("2024-11-15"), *Period::Parse("20 months")), *Date::Parse("2026-07-15"));
  EXPECT_EQ(*AddCalendarPeriod(*Date::Parse("2026-01-31"), *Period::Parse("1 month")), *Date::Parse("2026-02-28"));
  EXPECT_EQ(*AddCalendarPeriod(*Date::Parse("2020-06-30"), *Period::Parse("6 years")), *Date::Parse("2026-06-30"));
  EXPECT_EQ(*AddCalendarPeriod(*Date::Parse("2026-08-20"), *Period::Parse("2 weeks")), *Date::Parse("2026-09-03"));
  EXPECT_FALSE(AddCalendarPeriod(*Date::Parse("2026-08-20"), *Period::Parse("3 working_days")).ok());
  EXPECT_FALSE(AddCalendarPeriod(*Date::Parse("2026-08-20"), *Period::Parse("72 hours")).ok());
}

}  // namespace
}  // namespace openpact
