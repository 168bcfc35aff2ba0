#include "core/time_limits.h"

#include <algorithm>
#include <charconv>

#include "core/csv.h"

namespace openpact {
namespace {

struct UnitName {
  PeriodUnit unit;
  int most;  // the largest amount: a century, longer than any time limit or retention period of
             // the Pact (Eurodac keeps data 10 years at most); beyond it, date arithmetic would
             // overflow (2147483647 months once gave a year of -214785)
  const char* singular;
  const char* plural;
};
constexpr UnitName kUnitNames[] = {
    {PeriodUnit::kHours, 100 * 366 * 24, "hour", "hours"},
    {PeriodUnit::kDays, 100 * 366, "day", "days"},
    {PeriodUnit::kWorkingDays, 100 * 366, "working day", "working days"},
    {PeriodUnit::kWeeks, 100 * 53, "week", "weeks"},
    {PeriodUnit::kMonths, 100 * 12, "month", "months"},
    {PeriodUnit::kYears, 100, "year", "years"},
};

}  // namespace

Result<Period> Period::Parse(std::string_view text, const std::string& field) {
  const size_t space = text.find(' ');
  auto bad = [&] {
    return Status::InvalidArgument("'" + std::string(text) +
                                       "' is not a period (want e.g. '7 days', '3 working_days', "
                                       "'12 weeks', '2 months', '5 years', '72 hours')",
                                   field);
  };
  if (space == std::string_view::npos) return bad();
  Period p;
  const std::string_view num = text.substr(0, space);
  auto [ptr, ec] = std::from_chars(num.data(), num.data() + num.size(), p.amount);
  if (ec != std::errc() || ptr != num.data() + num.size() || p.amount < 0) return bad();
  std::string unit(text.substr(space + 1));
  if (unit == "working_day" || unit == "working_days") unit[7] = ' ';  // both spellings accepted
  for (const UnitName& u : kUnitNames) {
    if (unit == u.singular || unit == u.plural) {
      p.unit = u.unit;
      if (p.amount > u.most) {
        return Status::InvalidArgument("'" + std::string(text) + "' is longer than a century (at most " +
                                           std::to_string(u.most) + " " + u.plural + ")",
                                       field);
      }
      return p;
    }
  }
  return bad();
}

std::string Period::ToString() const {
  for (const UnitName& u : kUnitNames) {
    if (u.unit == unit) return std::to_string(amount) + " " + (amount == 1 ? u.singular : u.plural);
  }
  return "?";
}

const char* ComputationRuleCitation(ComputationRule rule) {
  switch (rule) {
    case ComputationRule::kApr73: return "Regulation (EU) 2024/1348, Art. 73";
    case ComputationRule::kAmmr75: return "Regulation (EU) 2024/1351, Art. 75";
    case ComputationRule::kReg1182_71: return "Regulation (EEC, Euratom) No 1182/71, Art. 3";
  }
  return "";
}

Result<HolidayCalendar> HolidayCalendar::Load(const std::string& csv_path) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(csv_path));
  OP_ASSIGN_OR_RETURN(size_t c_country, t.Column("country"));
  OP_ASSIGN_OR_RETURN(size_t c_date, t.Column("date"));
  OP_ASSIGN_OR_RETURN(size_t c_name, t.Column("name"));
  HolidayCalendar cal;
  for (size_t i = 0; i < t.size(); ++i) {
    OP_ASSIGN_OR_RETURN(Date d, Date::Parse(t.row(i)[c_date], t.Where(i, "date")));
    const uint32_t key = PackCountryCode(t.row(i)[c_country]);
    if (key == 0) {
      return Status::InvalidArgument(t.Where(i, "country") + ": not an alpha-3 code");
    }
    CountryData& cd = cal.by_country_[key];
    if (cd.first_year == 0 || d.year() < cd.first_year) cd.first_year = d.year();
    if (d.year() > cd.last_year) cd.last_year = d.year();
    cd.days.emplace(d.days(), t.row(i)[c_name]);
  }
  for (auto& [_, cd] : cal.by_country_) {
    cd.first_day = Date::FromYmd(cd.first_year, 1, 1)->days();
    cd.last_day = Date::FromYmd(cd.last_year, 12, 31)->days();
  }
  return cal;
}

const HolidayCalendar::CountryData* HolidayCalendar::Find(std::string_view country) const {
  auto it = by_country_.find(PackCountryCode(country));
  return it == by_country_.end() ? nullptr : &it->second;
}

Status HolidayCalendar::Covers(std::string_view country, Date d) const {
  const CountryData* cd = Find(country);
  if (cd == nullptr) {
    return Status::FailedPrecondition("no public-holiday data for '" + std::string(country) +
                                      "' (national holidays are known for the EU Member States)");
  }
  if (d.days() < cd->first_day || d.days() > cd->last_day) {  // integer test: this runs per day counted
    return Status::FailedPrecondition(
        "no public-holiday data for " + std::string(country) + " in " + std::to_string(d.year()) +
        " (known: " + std::to_string(cd->first_year) + "-" + std::to_string(cd->last_year) + ")");
  }
  return Status::OK();
}

bool HolidayCalendar::IsPublicHoliday(std::string_view country, Date d) const {
  const CountryData* cd = Find(country);
  return cd != nullptr && cd->days.count(d.days()) > 0;
}

std::string HolidayCalendar::HolidayName(std::string_view country, Date d) const {
  const CountryData* cd = Find(country);
  if (cd == nullptr) return "";
  auto day = cd->days.find(d.days());
  return day == cd->days.end() ? "" : day->second;
}

Result<Date> AddCalendarPeriod(Date from, Period period) {
  switch (period.unit) {
    case PeriodUnit::kDays: return from.AddDays(period.amount);
    case PeriodUnit::kWeeks: return from.AddDays(7 * period.amount);
    case PeriodUnit::kMonths: return from.AddMonths(period.amount);
    case PeriodUnit::kYears: return from.AddYears(period.amount);
    case PeriodUnit::kWorkingDays:
    case PeriodUnit::kHours: break;
  }
  return Status::InvalidArgument("a period of " + period.ToString() + " is not counted on the calendar alone");
}

Result<TimeLimit> ComputeTimeLimit(Date event, Period period, std::string_view member_state,
                                   const HolidayCalendar& calendar, ComputationRule rule) {
  if (period.amount < 0) return Status::InvalidArgument("negative period");
  if (period.unit == PeriodUnit::kHours) {
    return Status::InvalidArgument("a period in hours ends at an hour, not a day: use HourLimit");
  }
  // Years are counted like months (12 months), as Reg. 1182/71 Art. 3(2)(c) does; the APR and
  // AMMR themselves express no period in years.
  OP_RETURN_IF_ERROR(calendar.Covers(member_state, event));
  TimeLimit out;
  Date end = event;
  if (period.unit == PeriodUnit::kWorkingDays) {
    int counted = 0;
    while (counted < period.amount) {
      end = end.AddDays(1);
      OP_RETURN_IF_ERROR(calendar.Covers(member_state, end));
      if (calendar.IsWorkingDay(member_state, end)) ++counted;
    }
  } else {
    OP_ASSIGN_OR_RETURN(end, AddCalendarPeriod(event, period));
  }
  out.nominal_end = end;
  // A period ending on a Saturday, Sunday or public holiday ends on the next working day.
  OP_RETURN_IF_ERROR(calendar.Covers(member_state, end));
  while (!calendar.IsWorkingDay(member_state, end)) {
    end = end.AddDays(1);
    OP_RETURN_IF_ERROR(calendar.Covers(member_state, end));
  }
  // Reg. 1182/71 Art. 3(5): any period of two days or more includes at least two working days.
  if (rule == ComputationRule::kReg1182_71 && period.unit != PeriodUnit::kWorkingDays &&
      end.days() - event.days() >= 2) {
    int working = 0;
    for (Date d = event.AddDays(1); d <= end; d = d.AddDays(1)) {
      if (calendar.IsWorkingDay(member_state, d)) ++working;
    }
    while (working < 2) {
      end = end.AddDays(1);
      OP_RETURN_IF_ERROR(calendar.Covers(member_state, end));
      if (calendar.IsWorkingDay(member_state, end)) ++working;
    }
  }
  out.end = end;
  out.moved = end != out.nominal_end;
  if (out.moved) {
    const std::string holiday = calendar.HolidayName(member_state, out.nominal_end);
    out.note = out.nominal_end.ToString() + " is " +
               (holiday.empty() ? (out.nominal_end.IsWeekend() ? std::string("a weekend day")
                                                               : std::string("not a working day"))
                                : "a public holiday (" + holiday + ")") +
               " in " + std::string(member_state) + "; the period ends on the next working day";
  }
  return out;
}

Timestamp HourLimit(Timestamp event, int hours) {
  const int64_t s = event.unix_seconds();
  int64_t hour_start = s - ((s % 3600) + 3600) % 3600;
  return Timestamp::FromUnixSeconds(hour_start + 3600 + int64_t{hours} * 3600);
}

namespace {

// 01:00 UTC on the last Sunday of `month` (March or October) of `year`, as Unix seconds.
int64_t SummerTimeSwitch(int year, int month) {
  const Date last = Date::FromYmd(year, month, 31).value();  // March and October have 31 days
  const int back = (static_cast<int>(last.weekday()) - static_cast<int>(Weekday::kSunday) + 7) % 7;
  return Timestamp::StartOf(last.AddDays(-back)).unix_seconds() + 3600;
}

}  // namespace

Date LocalDate(Timestamp t, std::string_view member_state) {
  static constexpr std::string_view kUtcPlus0[] = {"IRL", "PRT", "ISL"};
  static constexpr std::string_view kUtcPlus2[] = {"BGR", "CYP", "EST", "FIN", "GRC", "LVA", "LTU", "ROU"};
  static constexpr std::string_view kEuPlus1[] = {"AUT", "BEL", "HRV", "CZE", "DNK", "FRA", "DEU", "HUN", "ITA",
                                                  "LUX", "MLT", "NLD", "POL", "SVK", "SVN", "ESP", "SWE", "NOR",
                                                  "CHE", "LIE"};
  auto in = [&](const auto& list) { return std::find(std::begin(list), std::end(list), member_state) != std::end(list); };
  int64_t offset = 0;
  if (in(kUtcPlus2)) {
    offset = 2 * 3600;
  } else if (in(kEuPlus1)) {
    offset = 3600;
  } else if (!in(kUtcPlus0)) {
    return t.date();  // not a country whose legal time this table knows
  }
  if (member_state != "ISL") {
    const int year = t.date().year();
    const int64_t s = t.unix_seconds();
    if (s >= SummerTimeSwitch(year, 3) && s < SummerTimeSwitch(year, 10)) offset += 3600;
  }
  return Timestamp::FromUnixSeconds(t.unix_seconds() + offset).date();
}

}  // namespace openpact
