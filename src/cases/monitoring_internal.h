// What the fundamental-rights monitoring reports of the screening and the border procedure share
// (Regulation (EU) 2024/1356, Art. 10(2); Regulation (EU) 2024/1348, Art. 43(4)): how long closed
// files took and the random draw of files for spot checks; and what the stores of src/cases share:
// work lists, a caller bound to a Member State, the kinds of events and outcomes a file records.
// Internal to src/cases/.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/border_procedure_store.h"
#include "cases/screening_store.h"
#include "core/crypto.h"
#include "core/date.h"
#include "core/time_limits.h"
#include "store/store.h"

namespace openpact::cases::internal {

// How long closed files took, in days from their start to their closing: the median (the lower
// middle one for an even count, so that it is a day some file took) and the longest; nulls when
// none is closed.
inline nlohmann::ordered_json Durations(std::vector<int> days) {
  if (days.empty()) return {{"closed", 0}, {"median_days", nullptr}, {"longest_days", nullptr}};
  std::sort(days.begin(), days.end());
  return {{"closed", days.size()}, {"median_days", days[(days.size() - 1) / 2]}, {"longest_days", days.back()}};
}

// The seed a monitor gave, or one nobody knows in advance ("random checks without prior notice",
// Screening Regulation Art. 10(2)); the report states it either way.
inline uint64_t SeedOrRandom(std::optional<uint64_t> given) {
  if (given) return *given;
  uint64_t seed = 0;
  for (unsigned char b : crypto::RandomBytes(8)) seed = seed << 8 | b;
  return seed;
}

// `take` of the indices 0..n-1 drawn without replacement: a partial Fisher-Yates shuffle driven by
// mt19937_64, whose output the standard fixes, so a seed draws the same files on any platform.
inline std::vector<size_t> Draw(size_t n, size_t take, uint64_t seed) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::mt19937_64 draw(seed);
  take = std::min(take, n);
  for (size_t i = 0; i < take; ++i) std::swap(order[i], order[i + static_cast<size_t>(draw() % (n - i))]);
  order.resize(take);
  return order;
}

// What a monitoring query may not ask whatever the files: `from` after `to`, a sample out of range.
inline Status CheckMonitoringRange(const MonitoringQuery& q) {
  if (q.from && q.to && *q.from > *q.to) return Status::InvalidArgument("after 'to' (" + q.to->ToString() + ")", "from");
  if (q.sample < 0 || q.sample > kMaxMonitoringSample) {
    return Status::InvalidArgument("must be 0 to " + std::to_string(kMaxMonitoringSample), "sample");
  }
  return Status::OK();
}

// SELECT `columns` FROM `table`: one Member State's files whose `date_column` lies in q.from..q.to,
// in that date's order. Dates are stored as YYYY-MM-DD, so their text orders as they do.
inline Result<store::QueryResult> FilesInScope(store::Store* s, const std::string& table, const std::string& columns,
                                               const std::string& date_column, const MonitoringQuery& q) {
  std::string sql = "SELECT " + columns + " FROM " + table + " WHERE member_state = ?";
  std::vector<store::Value> args = {q.member_state};
  if (q.from) {
    sql += " AND " + date_column + " >= ?";
    args.emplace_back(q.from->ToString());
  }
  if (q.to) {
    sql += " AND " + date_column + " <= ?";
    args.emplace_back(q.to->ToString());
  }
  sql += " ORDER BY " + date_column + ", id";
  return s->Query(sql, args);
}

// Which files a work list lists: those meeting `running` (an SQL condition), by the day their time
// limit ends (`end_column`).
struct Running {
  std::string condition = "status = 'open'";
  std::string end_column = "must_end_on";
  std::string state_column = "member_state";  // the column that names the Member State whose files they are
};

// A work list's files: one Member State's running files, the nearest end first, only those due by
// `due_by` when given, at most `limit` + 1 (the one more says whether others follow); refused
// naming limit outside 1..kMaxScreeningList.
inline Result<store::QueryResult> OpenFiles(store::Store* s, const std::string& table, const std::string& columns,
                                            const std::string& member_state, std::optional<Date> due_by,
                                            size_t limit, const Running& running = {}) {
  if (limit < 1 || limit > kMaxScreeningList) {
    return Status::InvalidArgument("must be 1 to " + std::to_string(kMaxScreeningList), "limit");
  }
  std::string sql = "SELECT " + columns + " FROM " + table + " WHERE " + running.state_column + " = ? AND " +
                    running.condition;
  std::vector<store::Value> args = {member_state};
  if (due_by) {
    sql += " AND " + running.end_column + " <= ?";
    args.emplace_back(due_by->ToString());
  }
  sql += " ORDER BY " + running.end_column + ", id LIMIT " + std::to_string(limit + 1);
  return s->Query(sql, args);
}

// A caller bound to one Member State (`acting`, "" for none) acts on that State's files only;
// `what` says what it does with them ("screens and reads ...'s screenings").
inline Status CheckActingFor(const std::string& acting, const std::string& member_state, const std::string& what) {
  if (acting.empty() || member_state == acting) return Status::OK();
  return Status::PermissionDenied("this token acts for " + acting + ": it " + what + " only, not " + member_state +
                                  "'s");
}

// The kind named `name` among `kinds`; nullptr for none.
inline const EventKind* FindKind(const std::vector<EventKind>& kinds, const std::string& name) {
  for (const EventKind& k : kinds) {
    if (k.name == name) return &k;
  }
  return nullptr;
}

// The kind named `name` among `kinds`, or InvalidArgument naming `field` with every name allowed:
// "'x' is not <what> (a, b, c)".
inline Result<const EventKind*> KindNamed(const std::vector<EventKind>& kinds, const std::string& name,
                                          const std::string& what, const std::string& field) {
  if (const EventKind* k = FindKind(kinds, name)) return k;
  std::string names;
  for (const EventKind& k : kinds) names += (names.empty() ? "" : ", ") + k.name;
  return Status::InvalidArgument("'" + name + "' is not " + what + " (" + names + ")", field);
}

// Under 18 on `on`, for a date of birth `born` (YYYY-MM-DD); false when it does not parse.
inline bool MinorOn(const std::string& born_text, Date on) {
  auto born = Date::Parse(born_text);
  if (!born.ok()) return false;
  auto adult = AddCalendarPeriod(*born, Period{18, PeriodUnit::kYears});  // the 18th birthday
  return adult.ok() && *adult > on;
}

}  // namespace openpact::cases::internal
