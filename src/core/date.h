// Civil dates (proleptic Gregorian calendar, no time zone) and UTC timestamps.
//
// A Date is a count of days since 1970-01-01, so comparisons and day arithmetic are integer
// operations. Parsing is strict ISO 8601 "YYYY-MM-DD": "2026-2-3", "2026-02-30" and
// "2026-02-03T00:00" are all refused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace openpact {

enum class Weekday { kMonday = 0, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

class Date {
 public:
  constexpr Date() = default;
  static constexpr Date FromDays(int32_t days_since_epoch) { return Date(days_since_epoch); }
  // Returns an error if (year, month, day) is not a real calendar date or year is outside 1..9999.
  static Result<Date> FromYmd(int year, int month, int day);
  // Strict "YYYY-MM-DD". `field` names the input in the error ("application.made_on").
  static Result<Date> Parse(std::string_view text, const std::string& field = {});
  // Today in UTC.
  static Date Today();

  int32_t days() const { return days_; }
  int year() const;
  int month() const;  // 1..12
  int day() const;    // 1..31
  Weekday weekday() const;
  bool IsWeekend() const { return weekday() >= Weekday::kSaturday; }

  Date AddDays(int32_t n) const { return Date(days_ + n); }
  // Same day number `n` months later; if the target month is shorter, its last day
  // (the rule of APR Art. 73(b), AMMR Art. 75(c) and Reg. 1182/71 Art. 3(2)(c)).
  Date AddMonths(int32_t n) const;
  Date AddYears(int32_t n) const { return AddMonths(n * 12); }

  std::string ToString() const;  // "YYYY-MM-DD"

  friend constexpr bool operator==(Date a, Date b) { return a.days_ == b.days_; }
  friend constexpr auto operator<=>(Date a, Date b) { return a.days_ <=> b.days_; }

 private:
  explicit constexpr Date(int32_t d) : days_(d) {}
  int32_t days_ = 0;
};

int DaysInMonth(int year, int month);

// A UTC instant with second precision, for audit records and hour-based time limits.
class Timestamp {
 public:
  constexpr Timestamp() = default;
  static constexpr Timestamp FromUnixSeconds(int64_t s) { return Timestamp(s); }
  static Timestamp Now();
  // "YYYY-MM-DDTHH:MM:SSZ" (a "+00:00" suffix is accepted too).
  static Result<Timestamp> Parse(std::string_view text, const std::string& field = {});
  static Timestamp StartOf(Date d) { return Timestamp(int64_t{d.days()} * 86400); }

  int64_t unix_seconds() const { return s_; }
  Date date() const;
  std::string ToString() const;  // "YYYY-MM-DDTHH:MM:SSZ"

  friend constexpr bool operator==(Timestamp a, Timestamp b) { return a.s_ == b.s_; }
  friend constexpr auto operator<=>(Timestamp a, Timestamp b) { return a.s_ <=> b.s_; }

 private:
  explicit constexpr Timestamp(int64_t s) : s_(s) {}
  int64_t s_ = 0;
};

}  // namespace openpact
