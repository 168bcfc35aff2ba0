#include "core/date.h"

#include <chrono>
#include <cstdio>

namespace openpact {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int32_t DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
  int y;
  unsigned m, d;
};

Ymd CivilFromDays(int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool ParseDigits(std::string_view s, size_t pos, size_t n, int* out) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999) return Status::InvalidArgument("year out of range 1..9999");
  if (month < 1 || month > 12) return Status::InvalidArgument("month out of range 1..12");
  if (day < 1 || day > DaysInMonth(year, month)) {
    return Status::InvalidArgument("day " + std::to_string(day) + " does not exist in " +
                                   std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                                   std::to_string(month));
  }
  return Date(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Result<Date> Date::Parse(std::string_view text, const std::string& field) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text, 0, 4, &y) ||
      !ParseDigits(text, 5, 2, &m) || !ParseDigits(text, 8, 2, &d)) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a date (want YYYY-MM-DD)",
                                   field);
  }
  Result<Date> r = FromYmd(y, m, d);
  if (!r.ok()) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a real date: " +
                                       r.status().message(),
                                   field);
  }
  return r;
}

Date Date::Today() { return Timestamp::Now().date(); }

int Date::year() const { return CivilFromDays(days_).y; }
int Date::month() const { return static_cast<int>(CivilFromDays(days_).m); }
int Date::day() const { return static_cast<int>(CivilFromDays(days_).d); }

Weekday Date::weekday() const {
  // 1970-01-01 was a Thursday (index 3 when Monday is 0).
  int w = (days_ + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<Weekday>(w);
}

Date Date::AddMonths(int32_t n) const {
  const Ymd c = CivilFromDays(days_);
  int total = c.y * 12 + static_cast<int>(c.m) - 1 + n;
  const int y = total / 12;
  const int m = total % 12 + 1;
  const int d = std::min(static_cast<int>(c.d), DaysInMonth(y, m));
  return Date(DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

std::string Date::ToString() const {
  // Hand-formatted: dates are printed on hot paths (every deadline of every decision).
  const Ymd c = CivilFromDays(days_);
  if (c.y < 0 || c.y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%d-%02u-%02u", c.y, c.m, c.d);
    return buf;
  }
  std::string out(10, '-');
  const unsigned y = static_cast<unsigned>(c.y);
  out[0] = static_cast<char>('0' + y / 1000);
  out[1] = static_cast<char>('0' + y / 100 % 10);
  out[2] = static_cast<char>('0' + y / 10 % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + c.m / 10);
  out[6] = static_cast<char>('0' + c.m % 10);
  out[8] = static_cast<char>('0' + c.d / 10);
  out[9] = static_cast<char>('0' + c.d % 10);
  return out;
}

Timestamp Timestamp::Now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

Result<Timestamp> Timestamp::Parse(std::string_view text, const std::string& field) {
  int hh, mm, ss;
  std::string_view rest = text.size() > 19 ? text.substr(19) : std::string_view();
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      !ParseDigits(text, 11, 2, &hh) || !ParseDigits(text, 14, 2, &mm) ||
      !ParseDigits(text, 17, 2, &ss) || hh > 23 || mm > 59 || ss > 59 ||
      (rest != "Z" && rest != "+00:00")) {
    return Status::InvalidArgument(
        "'" + std::string(text) + "' is not a UTC timestamp (want YYYY-MM-DDTHH:MM:SSZ)", field);
  }
  OP_ASSIGN_OR_RETURN(Date d, Date::Parse(text.substr(0, 10), field));
  return Timestamp(int64_t{d.days()} * 86400 + hh * 3600 + mm * 60 + ss);
}

Date Timestamp::date() const {
  int64_t days = s_ / 86400;
  if (s_ % 86400 < 0) --days;
  return Date::FromDays(static_cast<int32_t>(days));
}

std::string Timestamp::ToString() const {
  const Date d = date();
  const int64_t sod = s_ - int64_t{d.days()} * 86400;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02dZ", d.ToString().c_str(),
                static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                static_cast<int>(sod % 60));
  return buf;
}

}  // namespace openpact
