// Legal time limits, computed the way the acts themselves say.
//
// - APR (Reg. 2024/1348) Art. 73 and AMMR (Reg. 2024/1351) Art. 75: a period in days, weeks or
//   months runs from the event; the day of the event is not counted; a period in weeks or months
//   ends on the day of the last week/month with the same weekday name or date number as the event
//   (if the last month has no such date, on its last day); Saturdays, Sundays and public holidays
//   of the Member State concerned count, but a period ending on one of them ends on the next
//   working day.
// - Regulation (EEC, Euratom) No 1182/71 Art. 3 for the other acts (Screening, Eurodac, ...): the
//   same, plus periods in years and hours, and "a period of two days or more shall include at
//   least two working days" (Art. 3(5)).
// - A period in working days counts only days that are neither Saturday, Sunday nor a public
//   holiday of the Member State concerned (Reg. 1182/71 Art. 2(2)).
//
// Only national public holidays are known (data/holidays/); regional holidays are out of scope and
// every computed limit says so in its note.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"

namespace openpact {

enum class PeriodUnit { kHours, kDays, kWorkingDays, kWeeks, kMonths, kYears };

struct Period {
  int amount = 0;
  PeriodUnit unit = PeriodUnit::kDays;

  // "7 days", "3 working_days", "12 weeks", "1 month", "5 years", "72 hours".
  static Result<Period> Parse(std::string_view text, const std::string& field = {});
  std::string ToString() const;
};

// Which act's computation rule applies.
enum class ComputationRule {
  kApr73,       // Regulation (EU) 2024/1348, Art. 73
  kAmmr75,      // Regulation (EU) 2024/1351, Art. 75
  kReg1182_71,  // Regulation (EEC, Euratom) No 1182/71, Art. 3
};
const char* ComputationRuleCitation(ComputationRule rule);

// National public holidays of the EU Member States (data/holidays/public_holidays.csv).
// Immutable after loading; safe to share between threads.
class HolidayCalendar {
 public:
  static Result<HolidayCalendar> Load(const std::string& csv_path);

  // OK if the calendar has data for `country` in the year of `d`; else FailedPrecondition.
  Status Covers(std::string_view country, Date d) const;
  bool IsPublicHoliday(std::string_view country, Date d) const;
  // Neither Saturday, Sunday nor a national public holiday.
  bool IsWorkingDay(std::string_view country, Date d) const {
    return !d.IsWeekend() && !IsPublicHoliday(country, d);
  }
  // Name of the holiday on `d`, or "".
  std::string HolidayName(std::string_view country, Date d) const;

 private:
  struct CountryData {
    int first_year = 0, last_year = 0;
    int32_t first_day = 0, last_day = 0;  // 1 Jan of first_year, 31 Dec of last_year (Date::days)
    std::unordered_map<int32_t, std::string> days;  // Date::days() -> name
  };
  const CountryData* Find(std::string_view country) const;
  std::unordered_map<uint32_t, CountryData> by_country_;  // PackCountryCode -> data
};

struct TimeLimit {
  Date end;             // the last day of the period (inclusive)
  Date nominal_end;     // before moving off a weekend or holiday
  bool moved = false;   // end != nominal_end
  std::string note;     // why it moved, or empty
};

// `from` plus a period in days, weeks, months or years, on the calendar alone (the last day
// moved off no weekend or holiday: a window bounding a fact, not a time limit for an act); a
// month's missing date gives its last day, as Date::AddMonths. InvalidArgument for working days
// and hours, which need a calendar or a time.
Result<Date> AddCalendarPeriod(Date from, Period period);

// The end of `period` counted from `event` for `member_state`. Hours are refused here (see
// HourLimit). Errors: a period amount < 0, or no holiday data for a day the computation needs.
Result<TimeLimit> ComputeTimeLimit(Date event, Period period, std::string_view member_state,
                                   const HolidayCalendar& calendar, ComputationRule rule);

// Reg. 1182/71 Art. 3(1) and (2)(a): a period in hours starts at the beginning of the first
// full hour after the event and ends at the expiry of its last hour.
Timestamp HourLimit(Timestamp event, int hours);

// The calendar date at `t` in the legal time of a Member State (or Schengen associated country),
// for "today" in its records: a screening check recorded at 00:30 in Rome is dated that day, not
// the day before as the UTC date would have it. Standard offsets UTC+0 (IRL, PRT mainland, ISL),
// UTC+2 (BGR, CYP, EST, FIN, GRC, LVA, LTU, ROU), UTC+1 (the others); summer time one hour more,
// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October
// (Directive 2000/84/EC, Arts. 2-3), except Iceland (no summer time). Unknown codes: UTC.
Date LocalDate(Timestamp t, std::string_view member_state);

}  // namespace openpact
