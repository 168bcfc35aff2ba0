#include "cases/border_places.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "cases/monitoring_internal.h"
#include "core/time_limits.h"
#include "rules/policy.h"
#include "store/store.h"

namespace openpact::cases {
namespace {

using json = nlohmann::ordered_json;

const std::string kBasis = "Regulation (EU) 2024/1348, Art. 54(3)";

// Art. 54(3): "entro 11 aprile 2026" for the places; the Regulation applies from 12 June 2026 (Art.
// 79(2)), so the places in use from then belong in that first notification.
const Date kFirstNotificationBy = *Date::FromYmd(2026, 4, 11);
const Date kApplicationDate = *Date::FromYmd(2026, 6, 12);
constexpr long long kMaxCapacity = 1'000'000;

constexpr const char* kColumns = "place, effective_on, kind, capacity, notified_on, recorded_at, recorded_by";

struct Change {
  std::string place, change, recorded_at, recorded_by;
  Date effective_on;
  std::optional<long long> capacity;
  std::optional<Date> notified_on;
};

bool NotifiedUnder54(const std::string& change) { return change != "capacity"; }

// A row of SELECT kColumns; a damaged one is named, never guessed at.
Result<Change> FromStore(const std::string& member_state, const store::Row& x) {
  Change c;
  c.place = x.Text(0);
  auto effective = Date::Parse(x.Text(1));
  c.change = x.Text(2);
  if (!x.IsNull(3)) c.capacity = x.Int(3);
  c.recorded_at = x.Text(5);
  c.recorded_by = x.Text(6);
  const auto& kinds = BorderPlaceChangeKinds();
  bool ok = effective.ok() && std::find(kinds.begin(), kinds.end(), c.change) != kinds.end() &&
            c.capacity.has_value() == (c.change != "withdrawn");
  if (ok) c.effective_on = *effective;
  if (ok && !x.IsNull(4)) {
    auto notified = Date::Parse(x.Text(4));
    ok = notified.ok();
    if (ok) c.notified_on = *notified;
  }
  if (!ok) {
    return Status::Corruption("border place '" + c.place + "' of " + member_state +
                              ": a stored change has a bad date, kind or capacity");
  }
  return c;
}

// The day the Commission must have been notified of `c` by, or none where Art. 54(3) asks no
// notification (a capacity change). A change taking effect after 12 June 2026: two months from
// that day, counted as Art. 73 says (the day the change "occurred" read as the day it takes effect).
Result<std::optional<Date>> DueBy(const Change& c, const std::string& member_state, const rules::RulesData& rules) {
  if (!NotifiedUnder54(c.change)) return std::optional<Date>();
  if (c.effective_on <= kApplicationDate) return std::optional<Date>(kFirstNotificationBy);
  OP_ASSIGN_OR_RETURN(const TimeLimit limit, ComputeTimeLimit(c.effective_on, Period{2, PeriodUnit::kMonths},
                                                              member_state, rules.calendar, ComputationRule::kApr73));
  return std::optional<Date>(limit.end);
}

Result<json> ChangeJson(const Change& c, Date at, const std::string& member_state, const rules::RulesData& rules) {
  json j = {{"change", c.change},
            {"effective_on", c.effective_on.ToString()},
            {"capacity", c.capacity ? json(*c.capacity) : json(nullptr)},
            {"notified_on", c.notified_on ? json(c.notified_on->ToString()) : json(nullptr)},
            {"recorded_at", c.recorded_at},
            {"recorded_by", c.recorded_by}};
  OP_ASSIGN_OR_RETURN(const std::optional<Date> due, DueBy(c, member_state, rules));
  std::string state;
  if (!due) {
    state = "not_required";
  } else if (c.notified_on && *c.notified_on <= at) {
    state = *c.notified_on <= *due ? "notified" : "notified_late";
  } else {
    state = at <= *due ? "due" : "overdue";
  }
  j["notification"] = {{"required", due.has_value()},
                       {"due_by", due ? json(due->ToString()) : json(nullptr)},
                       {"state", state}};
  return j;
}

// The place as its changes effective by `at` leave it.
BorderPlaceOn StateOn(const std::vector<Change>& changes, Date at) {
  BorderPlaceOn on;
  for (const Change& c : changes) {
    if (c.effective_on > at) break;
    on.designated = c.change != "withdrawn";
    on.capacity = c.capacity;
  }
  return on;
}

Result<json> PlaceJson(const std::string& place, const std::vector<Change>& changes, Date at,
                       const std::string& member_state, const rules::RulesData& rules) {
  const BorderPlaceOn on = StateOn(changes, at);
  json list = json::array();
  for (const Change& c : changes) {
    OP_ASSIGN_OR_RETURN(json j, ChangeJson(c, at, member_state, rules));
    list.push_back(std::move(j));
  }
  return json{{"place", place},
              {"designated", on.designated},
              {"capacity", on.capacity ? json(*on.capacity) : json(nullptr)},
              {"changes", std::move(list)}};
}

// A Member State's changes by place, each place's in the order they take effect.
Result<std::map<std::string, std::vector<Change>>> Load(store::Store* s, const std::string& member_state,
                                                        const std::string& place = {}) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM border_place_change WHERE member_state = ?";
  std::vector<store::Value> params = {member_state};
  if (!place.empty()) {
    sql += " AND place = ?";
    params.emplace_back(place);
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult r, s->Query(sql + " ORDER BY place, effective_on", params));
  std::map<std::string, std::vector<Change>> by_place;
  for (const store::Row& x : r.rows) {
    OP_ASSIGN_OR_RETURN(Change c, FromStore(member_state, x));
    by_place[c.place].push_back(std::move(c));
  }
  return by_place;
}

}  // namespace

Status CheckPlaceName(const std::string& place, const std::string& field) {
  constexpr size_t kMaxPlace = 200;
  if (place.empty()) return Status::InvalidArgument("names the place (Art. 54(1), (3))", field);
  if (place.size() > kMaxPlace) {
    return Status::InvalidArgument("at most " + std::to_string(kMaxPlace) + " bytes", field);
  }
  if (place.front() == ' ' || place.back() == ' ') {
    return Status::InvalidArgument("no leading or trailing spaces", field);
  }
  for (const unsigned char ch : place) {
    if (ch < 0x20 || ch == 0x7f) return Status::InvalidArgument("no control characters", field);
  }
  // Well-formed UTF-8 (stored and answered as JSON text): each lead byte's continuation bytes, no
  // overlong forms, no surrogates, nothing above U+10FFFF.
  for (size_t i = 0; i < place.size();) {
    const auto byte = [&](size_t k) { return static_cast<unsigned char>(place[k]); };
    const unsigned char b = byte(i);
    const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= place.size();
    uint32_t cp = len == 1 ? b : len == 2 ? (b & 0x1Fu) : len == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (byte(i + k) & 0xC0) == 0x80;
      cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    static constexpr uint32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};
    ok = ok && cp >= kLeast[len] && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    if (!ok) return Status::InvalidArgument("not valid UTF-8 at byte " + std::to_string(i), field);
    i += len;
  }
  return Status::OK();
}

const std::vector<std::string>& BorderPlaceChangeKinds() {
  static const std::vector<std::string> kKinds = {"designated", "capacity", "withdrawn"};
  return kKinds;
}

Status BorderPlaces::CheckMemberState(const std::string& member_state) const {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateMemberState(member_state, "member_state"));
  return internal::CheckActingFor(acting_member_state_, member_state,
                                  "reads and changes " + acting_member_state_ + "'s border procedure places");
}

Result<std::string> BorderPlaces::Record(const BorderPlaceChange& in, const std::string& recorded_by) {
  OP_RETURN_IF_ERROR(CheckMemberState(in.member_state));
  OP_RETURN_IF_ERROR(CheckPlaceName(in.place));
  const auto& kinds = BorderPlaceChangeKinds();
  if (std::find(kinds.begin(), kinds.end(), in.change) == kinds.end()) {
    return Status::InvalidArgument("unknown change '" + in.change + "' (one of: designated, capacity, withdrawn)",
                                   "change");
  }
  const bool gives_capacity = in.change != "withdrawn";
  if (gives_capacity && !in.capacity) {
    return Status::InvalidArgument(in.change + " gives the number of persons the place can hold at once", "capacity");
  }
  if (!gives_capacity && in.capacity) return Status::InvalidArgument("a withdrawal gives no capacity", "capacity");
  if (in.capacity && (*in.capacity < 1 || *in.capacity > kMaxCapacity)) {
    return Status::InvalidArgument("must be a whole number from 1 to " + std::to_string(kMaxCapacity), "capacity");
  }
  if (in.notified_on && !NotifiedUnder54(in.change)) {
    return Status::InvalidArgument("Art. 54(3) asks the Commission to be notified of which places there are, not of "
                                   "their capacity: a capacity change records no notification",
                                   "notified_on");
  }
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(auto by_place, Load(store_, in.member_state, in.place));
  std::vector<Change>& changes = by_place[in.place];
  if (!changes.empty() && in.effective_on <= changes.back().effective_on) {
    return Status::FailedPrecondition("the changes to '" + in.place + "' are recorded in the order they take effect: "
                                      "the last recorded takes effect on " +
                                      changes.back().effective_on.ToString());
  }
  const bool designated = !changes.empty() && changes.back().change != "withdrawn";
  if (in.change == "designated" && designated) {
    return Status::FailedPrecondition("'" + in.place + "' is already designated (since " +
                                      changes.back().effective_on.ToString() + "): record a capacity change");
  }
  if (in.change != "designated" && !designated) {
    return Status::FailedPrecondition("'" + in.place + "' is not designated" +
                                      (changes.empty() ? "" : " (withdrawn on " + changes.back().effective_on.ToString() + ")") +
                                      ": record its designation first");
  }
  Change c{in.place, in.change, Timestamp::Now().ToString(), recorded_by, in.effective_on, in.capacity, in.notified_on};
  OP_RETURN_IF_ERROR(store_->Exec(
      "INSERT INTO border_place_change (member_state, place, effective_on, kind, capacity, notified_on, "
      "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {in.member_state, c.place, c.effective_on.ToString(), c.change,
       c.capacity ? store::Value(int64_t{*c.capacity}) : store::Value(),
       c.notified_on ? store::Value(c.notified_on->ToString()) : store::Value(), c.recorded_at, c.recorded_by}));
  changes.push_back(std::move(c));
  OP_ASSIGN_OR_RETURN(const json out, PlaceJson(in.place, changes, in.effective_on, in.member_state, *rules_));
  OP_RETURN_IF_ERROR(tx.Commit());
  return out.dump(2);
}

Result<std::string> BorderPlaces::RecordNotified(const std::string& member_state, const std::string& place,
                                                 Date effective_on, Date notified_on) {
  OP_RETURN_IF_ERROR(CheckMemberState(member_state));
  OP_RETURN_IF_ERROR(CheckPlaceName(place));
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(auto by_place, Load(store_, member_state, place));
  std::vector<Change>& changes = by_place[place];
  auto it = std::find_if(changes.begin(), changes.end(), [&](const Change& c) { return c.effective_on == effective_on; });
  if (it == changes.end()) {
    return Status::NotFound("no change to '" + place + "' of " + member_state + " takes effect on " +
                            effective_on.ToString());
  }
  if (!NotifiedUnder54(it->change)) {
    return Status::FailedPrecondition("the change on " + effective_on.ToString() +
                                      " is a capacity change, of which Art. 54(3) asks no notification");
  }
  if (it->notified_on) {
    return Status::FailedPrecondition("the change on " + effective_on.ToString() + " is recorded as notified on " +
                                      it->notified_on->ToString() + "; a notification is not replaced");
  }
  it->notified_on = notified_on;
  OP_RETURN_IF_ERROR(store_->Exec(
      "UPDATE border_place_change SET notified_on = ? WHERE member_state = ? AND place = ? AND effective_on = ? AND "
      "notified_on IS NULL",
      {notified_on.ToString(), member_state, place, effective_on.ToString()}));
  OP_ASSIGN_OR_RETURN(const json out, PlaceJson(place, changes, std::max(effective_on, notified_on), member_state, *rules_));
  OP_RETURN_IF_ERROR(tx.Commit());
  return out.dump(2);
}

Result<std::string> BorderPlaces::List(const std::string& member_state, Date at) {
  OP_RETURN_IF_ERROR(CheckMemberState(member_state));
  OP_ASSIGN_OR_RETURN(const auto by_place, Load(store_, member_state));
  json places = json::array();
  long long total = 0, designated = 0, overdue = 0;
  for (const auto& [place, changes] : by_place) {
    OP_ASSIGN_OR_RETURN(json p, PlaceJson(place, changes, at, member_state, *rules_));
    if (p["designated"].get<bool>()) {
      ++designated;
      total += p["capacity"].get<long long>();
    }
    for (const json& c : p["changes"]) overdue += c["notification"]["state"] == "overdue" ? 1 : 0;
    places.push_back(std::move(p));
  }
  json out = {{"member_state", member_state},
              {"at", at.ToString()},
              {"legal_basis", kBasis},
              {"designated", designated},
              {"capacity_total", designated > 0 ? json(total) : json(nullptr)},
              {"notifications_overdue", overdue},
              {"places", std::move(places)},
              {"notes",
               {"the places were due to be notified to the Commission by 11 April 2026, and a change in which places "
                "they are within two months of it (Art. 54(3)); the Regulation applies from 12 June 2026 (Art. 79(2)), "
                "so a designation or withdrawal taking effect by then is counted in the first notification, a later "
                "one from the day it takes effect (Art. 73): the Regulation does not say whether a change 'occurs' "
                "when it is decided or when it takes effect",
                "a capacity change is not a change in which places there are: Art. 54(3) asks no notification of it",
                "the capacities are the Member State's figures as recorded here; Art. 54(3) asks that the places can "
                "examine the applications of Art. 45, without a number"}}};
  return out.dump(2);
}

Result<std::map<std::string, BorderPlaceOn>> BorderPlaces::On(const std::string& member_state, Date at) {
  OP_RETURN_IF_ERROR(CheckMemberState(member_state));
  OP_ASSIGN_OR_RETURN(const auto by_place, Load(store_, member_state));
  std::map<std::string, BorderPlaceOn> out;
  for (const auto& [place, changes] : by_place) out[place] = StateOn(changes, at);
  return out;
}

}  // namespace openpact::cases
