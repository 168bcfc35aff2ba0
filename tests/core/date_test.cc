#include "core/date.h"

#include <gtest/gtest.h>

namespace openpact {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

TEST(Date, ParsesAndFormatsRoundTrip) {
  for (const char* s : {"1970-01-01", "2024-02-29", "2026-06-12", "1899-12-31", "2040-12-31"}) {
    Result<Date> d = Date::Parse(s);
    ASSERT_TRUE(d.ok()) << s;
    EXPECT_EQ(d->ToString(), s);
  }
  EXPECT_EQ(D("1970-01-01").days(), 0);
  EXPECT_EQ(D("2026-06-12").year(), 2026);
  EXPECT_EQ(D("2026-06-12").month(), 6);
  EXPECT_EQ(D("2026-06-12").day(), 12);
}

TEST(Date, RefusesMalformedAndImpossibleDates) {
  for (const char* s : {"2026-2-3", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10",
                        "26-02-03", "2026/02/03", "2026-02-03T00:00", "", "abcd-ef-gh"}) {
    Result<Date> d = Date::Parse(s, "decision_date");
    ASSERT_FALSE(d.ok()) << s;
    EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(d.status().field(), "decision_date");
  }
}

TEST(Date, Weekdays) {
  EXPECT_EQ(D("2026-06-12").weekday(), Weekday::kFriday);
  EXPECT_EQ(D("2026-07-11").weekday(), Weekday::kSaturday);
  EXPECT_EQ(D("1969-12-31").weekday(), Weekday::kWednesday);
  EXPECT_TRUE(D("2026-07-12").IsWeekend());
  EXPECT_FALSE(D("2026-07-13").IsWeekend());
}

TEST(Date, AddMonthsClampsToTheLastDayOfAShortMonth) {
  EXPECT_EQ(D("2026-01-31").AddMonths(1), D("2026-02-28"));
  EXPECT_EQ(D("2024-01-31").AddMonths(1), D("2024-02-29"));
  EXPECT_EQ(D("2026-03-31").AddMonths(-1), D("2026-02-28"));
  EXPECT_EQ(D("2026-08-31").AddMonths(1), D("2026-09-30"));
  EXPECT_EQ(D("2026-11-15").AddMonths(2), D("2027-01-15"));
  EXPECT_EQ(D("2024-02-29").AddYears(1), D("2025-02-28"));
  EXPECT_EQ(D("2026-07-02").AddYears(5), D("2031-07-02"));
}

TEST(Timestamp, ParseFormatAndDate) {
  Result<Timestamp> t = Timestamp::Parse("2026-07-10T10:23:05Z");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->ToString(), "2026-07-10T10:23:05Z");
  EXPECT_EQ(t->date(), D("2026-07-10"));
  EXPECT_TRUE(Timestamp::Parse("2026-07-10T10:23:05+00:00").ok());
  EXPECT_FALSE(Timestamp::Parse("2026-07-10T24:00:00Z").ok());
  EXPECT_FALSE(Timestamp::Parse("2026-07-10 10:23:05").ok());
  EXPECT_EQ(Timestamp::StartOf(D("2026-07-10")).ToString(), "2026-07-10T00:00:00Z");
}

}  // namespace
}  // namespace openpact
