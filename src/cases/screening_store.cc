#include "cases/screening_store.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "cases/monitoring_internal.h"
#include "core/crypto.h"
#include "core/json_parse.h"
#include "core/time_limits.h"
#include "store/store.h"

namespace openpact::cases {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kColumns =
    "id, member_state, location, event_date, held_over_72h, held_until, must_end_on, limit_basis, "
    "status, form, checks, referral, closed_on, created_at, created_by";

struct Row {
  std::string id, member_state, location, event_date, held_until, must_end_on, limit_basis, status,
      referral, closed_on, created_at, created_by;
  bool held_over_72h = false;
  json form, checks;
};

// A row of SELECT kColumns FROM screening.
Result<Row> FromStore(const store::Row& x) {
  Row row;
  row.id = x.Text(0);
  row.member_state = x.Text(1);
  row.location = x.Text(2);
  row.event_date = x.Text(3);
  row.held_until = x.Text(5);
  row.must_end_on = x.Text(6);
  row.limit_basis = x.Text(7);
  row.status = x.Text(8);
  row.referral = x.Text(11);
  row.closed_on = x.Text(12);
  row.created_at = x.Text(13);
  row.created_by = x.Text(14);
  row.held_over_72h = x.Int(4) != 0;
  row.form = json::parse(x.Text(9), nullptr, false);
  row.checks = json::parse(x.Text(10), nullptr, false);
  if (row.form.is_discarded() || row.checks.is_discarded() || !row.form.is_object() || !row.checks.is_array()) {
    return Status::Corruption("screening " + row.id + ": stored form or checks are not valid JSON");
  }
  // What the work list and the report compute with must read back: a damaged row is named.
  auto bad_date = [](const std::string& text) { return !Date::Parse(text).ok(); };
  if (bad_date(row.event_date) || bad_date(row.must_end_on) || (!row.closed_on.empty() && bad_date(row.closed_on))) {
    return Status::Corruption("screening " + row.id + ": a stored date is not YYYY-MM-DD");
  }
  return row;
}

// The file `id`; not found when it is another Member State's than `acting` (when one is given).
Result<Row> Load(store::Store* s, const std::string& id, const std::string& acting) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      s->Query(std::string("SELECT ") + kColumns + " FROM screening WHERE id = ?", {id}));
  if (r.rows.empty() || (!acting.empty() && r.rows[0].Text(1) != acting)) {
    return Status::NotFound("no screening with id '" + id + "'" + (acting.empty() ? "" : " of " + acting));
  }
  return FromStore(r.rows[0]);
}

json ToJson(const Row& r) {
  json j = {{"id", r.id},
            {"member_state", r.member_state},
            {"location", r.location},
            {"event_date", r.event_date},
            {"must_end_on", r.must_end_on},
            {"legal_basis", r.limit_basis},
            {"status", r.status},
            {"checks", r.checks},
            {"form", r.form}};
  if (r.held_over_72h) j["held_over_72h"] = true;
  if (!r.referral.empty()) j["referral"] = r.referral;
  if (!r.closed_on.empty()) j["closed_on"] = r.closed_on;
  return j;
}

Status CheckOpen(const Row& r) {
  if (r.status != "open") {
    return Status::FailedPrecondition("screening " + r.id + " was closed on " + r.closed_on + " (" + r.referral + ")");
  }
  return Status::OK();
}

// Form fields that must be booleans (Art. 17(1)(f), (h), (i)); identity_verified is
// "verified" or "declared" (Art. 17(3)).
// One item of the screening form (Art. 17), checked against the screening it belongs to: the
// countries as codes the registry knows, a date of birth not after the screening started.
// A form item that is a date: a string YYYY-MM-DD.
Result<Date> FormDate(const nlohmann::json& v, const std::string& field) {
  if (!v.is_string()) return Status::InvalidArgument("must be a date YYYY-MM-DD", field);
  return Date::Parse(v.get<std::string>(), field);
}

Status ValidateFormField(const std::string& key, const nlohmann::json& v, const CountryRegistry& countries,
                         const Date& event_date) {
  const std::string field = "form." + key;
  if (key == "application_made" || key == "database_hits" || key == "cooperated" || key == "unaccompanied_minor") {
    if (!v.is_boolean()) return Status::InvalidArgument("must be true or false", field);
  } else if (key == "identity_verified") {
    if (!v.is_string() || (v != "verified" && v != "declared")) {
      return Status::InvalidArgument("must be \"verified\" or \"declared\" (Art. 17(3))", field);
    }
  } else if (key == "date_of_birth") {
    OP_ASSIGN_OR_RETURN(Date born, FormDate(v, field));
    if (event_date < born) {
      return Status::InvalidArgument("born after the screening started (" + event_date.ToString() + ")", field);
    }
  } else if (key == "representative_assigned_on") {
    OP_ASSIGN_OR_RETURN(Date assigned, FormDate(v, field));
    if (assigned < event_date) {
      return Status::InvalidArgument("a representative accompanies the minor during the screening (Art. 13(3)): not "
                                     "before it started (" + event_date.ToString() + ")",
                                     field);
    }
  } else if (key == "representative_minors_assigned") {
    // Art. 13(5): the unaccompanied minors entrusted to that representative or person at the time.
    if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 100000) {
      return Status::InvalidArgument("must be a whole number of minors from 1 to 100000 (Art. 13(5))", field);
    }
  } else if (key == "nationalities" || key == "countries_of_residence") {
    // Alpha-3 codes (XXA: stateless), as Eurodac records them; an empty list where none is known.
    if (!v.is_array()) return Status::InvalidArgument("must be a list of ISO 3166-1 alpha-3 codes", field);
    for (size_t i = 0; i < v.size(); ++i) {
      const std::string at = field + "[" + std::to_string(i) + "]";
      if (!v[i].is_string()) return Status::InvalidArgument("must be an ISO 3166-1 alpha-3 code", at);
      OP_RETURN_IF_ERROR(countries.Validate(v[i].get<std::string>(), at));
    }
  } else if (v.is_null()) {
    return Status::InvalidArgument("must not be null", field);
  }
  return Status::OK();
}

}  // namespace

Status ScreeningStore::CheckActing(const std::string& member_state) const {
  return internal::CheckActingFor(acting_member_state_, member_state,
                                  "screens and reads " + acting_member_state_ + "'s screenings");
}

Result<std::string> ScreeningStore::Start(const rules::ScreeningStart& start, const std::string& created_by) {
  OP_RETURN_IF_ERROR(rules::ValidateScreeningStart(start, rules_->countries));
  OP_RETURN_IF_ERROR(CheckActing(start.member_state));
  OP_ASSIGN_OR_RETURN(rules::ScreeningLimit limit, rules::ComputeScreeningLimit(start, *rules_));
  Row r;
  r.id = "scr-" + crypto::ToHex(crypto::RandomBytes(8));
  r.member_state = start.member_state;
  r.location = start.location;
  r.event_date = start.event_date.ToString();
  r.held_over_72h = start.held_over_72h;
  r.held_until = start.held_until ? start.held_until->ToString() : "";
  r.must_end_on = limit.must_end_on.ToString();
  r.limit_basis = limit.legal_basis;
  r.status = "open";
  r.form = json::object();
  r.form["reason_for_screening"] = start.location == "external_border"
                                       ? "Regulation (EU) 2024/1356, Art. 5"
                                       : "Regulation (EU) 2024/1356, Art. 7";
  r.checks = json::array();
  r.created_at = Timestamp::Now().ToString();
  r.created_by = created_by;
  OP_RETURN_IF_ERROR(store_->Exec(
      std::string("INSERT INTO screening (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.id, r.member_state, r.location, r.event_date, int64_t{r.held_over_72h},
       r.held_until.empty() ? store::Value{} : store::Value{r.held_until}, r.must_end_on, r.limit_basis,
       r.status, r.form.dump(), r.checks.dump(), store::Value{}, store::Value{}, r.created_at, r.created_by}));
  json out = ToJson(r);
  out["period"] = limit.period;
  out["time_limit_status"] = limit.status;
  if (!limit.note.empty()) out["note"] = limit.note;
  return out.dump(2);
}

Result<std::string> ScreeningStore::Record(const std::string& id, const std::string& check,
                                           const std::string& outcome, const std::string& form_json,
                                           std::optional<Date> on_date) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  OP_RETURN_IF_ERROR(CheckOpen(r));
  const Date on = on_date ? *on_date : LocalDate(Timestamp::Now(), r.member_state);
  if (check.empty() && form_json.empty()) {
    return Status::InvalidArgument("give a --check with its --outcome, or --form FILE", "--check");
  }
  if (!check.empty()) {
    bool known = false;
    for (const std::string& c : rules::ScreeningChecks()) known |= c == check;
    if (!known) {
      return Status::InvalidArgument("'" + check + "' is not a screening check (identity, security, health, "
                                     "vulnerability, eurodac; Art. 8(5))", "--check");
    }
    if (outcome.empty()) return Status::InvalidArgument("a check needs its outcome", "--outcome");
    // A check is part of this screening: it cannot predate the event that started it (as Close
    // refuses to close before it); a wrong date here would mislead whoever reviews the file.
    if (on < *Date::Parse(r.event_date)) {
      return Status::InvalidArgument("a check cannot be dated before the screening started (" + r.event_date + ")",
                                     "--on");
    }
    r.checks.push_back({{"check", check}, {"outcome", outcome}, {"on", on.ToString()}});
  }
  if (!form_json.empty()) {
    OP_ASSIGN_OR_RETURN(nlohmann::json fields, ParseBoundedJson(form_json, "--form"));
    if (!fields.is_object()) return Status::InvalidArgument("not a JSON object", "--form");
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      bool known = false;
      for (const rules::FormItem& item : rules::ScreeningFormItems()) known |= item.key == it.key();
      if (!known) return Status::InvalidArgument("not an item of the screening form (Art. 17)", "form." + it.key());
      OP_RETURN_IF_ERROR(ValidateFormField(it.key(), it.value(), rules_->countries, *Date::Parse(r.event_date)));
      r.form[it.key()] = it.value();
    }
  }
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE screening SET form = ?, checks = ? WHERE id = ?",
                                  {r.form.dump(), r.checks.dump(), id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  return ToJson(r).dump(2);
}

Result<std::string> ScreeningStore::Close(const std::string& id, const std::string& referral_name,
                                          std::optional<Date> on_date) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  OP_RETURN_IF_ERROR(CheckOpen(r));
  const Date on = on_date ? *on_date : LocalDate(Timestamp::Now(), r.member_state);
  const rules::Referral* referral = nullptr;
  for (const rules::Referral& x : rules::ScreeningReferrals()) {
    if (x.name == referral_name) referral = &x;
  }
  if (referral == nullptr) {
    std::string known;
    for (const rules::Referral& x : rules::ScreeningReferrals()) known += (known.empty() ? "" : ", ") + x.name;
    return Status::InvalidArgument("'" + referral_name + "' is not a referral (" + known + ")", "--referral");
  }
  if (on < *Date::Parse(r.event_date)) {
    return Status::InvalidArgument("a screening cannot close before it started (" + r.event_date + ")", "--on");
  }
  const json applied = r.form.contains("application_made") ? r.form["application_made"] : json();
  const std::string name = referral->name;
  if (name == "asylum" && applied != true) {
    return Status::FailedPrecondition("referral to the asylum registration authorities needs an application "
                                      "(form item application_made = true, Art. 18(2))");
  }
  if ((name == "return" || name == "return_continues") && applied == true) {
    return Status::FailedPrecondition("a person who applied for international protection is referred to the "
                                      "registration authorities, not to return (Art. 18(2))");
  }
  if (name == "return" && r.location != "external_border") {
    return Status::FailedPrecondition("within the territory the return procedure continues: use referral "
                                      "return_continues (Art. 18(4))");
  }
  if (name == "return_continues" && r.location != "in_territory") {
    return Status::FailedPrecondition("return_continues concerns screening within the territory (Art. 18(4))");
  }
  // The form must be complete, unless the time limit has run out: then screening ends anyway and
  // the person is referred (Art. 18(5)); early-ending referrals carry their reason instead.
  const bool ends_early = name == "entry_conditions_met" || name == "discontinued_departure" ||
                          name == "criminal_proceedings";
  const Date must_end = *Date::Parse(r.must_end_on);
  json missing = json::array();
  for (const rules::FormItem& item : rules::ScreeningFormItems()) {
    if (item.mandatory && !r.form.contains(item.key)) missing.push_back(item.key);
  }
  json flags = json::array();
  if (!missing.empty() && !ends_early) {
    if (on <= must_end) {
      std::string list;
      for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m.get<std::string>();
      return Status::FailedPrecondition("the screening form lacks mandatory items (Art. 17(1)): " + list);
    }
    flags.push_back({{"code", "form_incomplete_at_time_limit"},
                     {"message", "the time limit expired before the checks were completed: screening ends and "
                                 "the person is referred (Regulation (EU) 2024/1356, Art. 18(5))"}});
  }
  if (on > must_end) {
    flags.push_back({{"code", "time_limit_exceeded"},
                     {"message", "closed on " + on.ToString() + ", after the time limit of " + r.must_end_on +
                                     " (" + r.limit_basis + ")"}});
  }
  r.status = "closed";
  r.referral = name;
  r.closed_on = on.ToString();
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE screening SET status = ?, referral = ?, closed_on = ? WHERE id = ?",
                                  {r.status, r.referral, r.closed_on, id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  json out = ToJson(r);
  out["referral"] = {{"name", name}, {"legal_basis", referral->legal_basis}, {"description", referral->description}};
  // The copy given to the person leaves out point (h), the database hits (Art. 17(3)).
  json for_person = r.form;
  for_person.erase("database_hits");
  out["form_for_person"] = for_person;
  out["missing_items"] = missing;
  out["flags"] = flags;
  return out.dump(2);
}

Result<std::string> ScreeningStore::Expire(Date at, Date today) {
  if (today < at) return Status::InvalidArgument("is after today (" + today.ToString() + ")", "at");
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  const rules::Parameter* applicant = nullptr;
  const rules::Parameter* other = nullptr;
  OP_ASSIGN_OR_RETURN(Period applicant_period, rules_->policy.PeriodAt("screening.retention.applicant", at, &applicant));
  OP_ASSIGN_OR_RETURN(Period other_period, rules_->policy.PeriodAt("screening.retention.other", at, &other));
  for (const auto& [p, which] : {std::pair{applicant_period, applicant}, std::pair{other_period, other}}) {
    if (p.unit != PeriodUnit::kYears) {
      return Status::FailedPrecondition("policy: " + which->id + " must be in years (" + which->where + ")");
    }
  }
  // Only files old enough for the shorter period are read (the daily pass runs at start-up too):
  // event_date at most `at` less that period, a day later to keep a 29 February, whose anniversary
  // falls on the 28th; the loop below decides each file exactly.
  const int shorter = std::min(applicant_period.amount, other_period.amount);
  std::string sql = "SELECT id, member_state, event_date, form FROM screening WHERE event_date <= ?";
  std::vector<store::Value> params = {at.AddYears(-shorter).AddDays(1).ToString()};
  if (!acting_member_state_.empty()) {
    sql += " AND member_state = ?";
    params.emplace_back(acting_member_state_);
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult rows, store_->Query(sql + " ORDER BY id", params));
  json by_member_state = json::object();
  int64_t erased = 0;
  for (const store::Row& row : rows.rows) {
    auto event = Date::Parse(row.Text(2));
    if (!event.ok()) return Status::Corruption("screening " + row.Text(0) + ": a stored date is not YYYY-MM-DD");
    const json form = json::parse(row.Text(3), nullptr, false);
    const bool applied = form.is_object() && form.value("application_made", json()) == true;
    const Period& keep = applied ? applicant_period : other_period;
    // The last day kept is the day before the anniversary; erased from the anniversary on.
    if (at < event->AddYears(keep.amount)) continue;
    OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM screening WHERE id = ?", {row.Text(0)}));
    ++erased;
    by_member_state[row.Text(1)] = by_member_state.value(row.Text(1), int64_t{0}) + 1;
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  const json out = {{"at", at.ToString()},
                    {"erased", erased},
                    {"by_member_state", by_member_state},
                    {"legal_basis", {"Regulation (EU) 2024/1356, Art. 18(7)", applicant->legal_basis, other->legal_basis}},
                    {"note", "the files are deleted whole; the periods are the Eurodac periods read as applying to the "
                             "screened person's data (policy status uncertain)"}};
  return out.dump(2);
}

Result<std::string> ScreeningStore::Show(const std::string& id) {
  OP_ASSIGN_OR_RETURN(Row r, Load(store_, id, acting_member_state_));
  return ToJson(r).dump(2);
}

namespace {

// Referrals that follow a complete screening; the others end it early (Art. 5(3), 18(6)), when
// its elements are not all due.
bool FullScreening(const std::string& referral) {
  return referral == "asylum" || referral == "relocation" || referral == "return" || referral == "return_continues";
}

// The element of Art. 8(5) each recorded check is.
const char* ElementPoint(const std::string& check) {
  if (check == "health") return "8(5)(a), 12(1)";
  if (check == "vulnerability") return "8(5)(b), 12(3)";
  if (check == "identity") return "8(5)(c), 14";
  if (check == "eurodac") return "8(5)(d)";
  return "8(5)(e), 15-16";  // security
}

bool HasCheck(const Row& r, const std::string& check) {
  for (const auto& c : r.checks) {
    if (c.is_object() && c.value("check", "") == check) return true;
  }
  return false;
}

// Under 18 on the day the screening started, by the form's date of birth (Art. 17(1)(a)).
bool Minor(const Row& r) {
  if (!r.form.contains("date_of_birth") || !r.form["date_of_birth"].is_string()) return false;
  auto event = Date::Parse(r.event_date);
  return event.ok() && internal::MinorOn(r.form["date_of_birth"].get<std::string>(), *event);
}

// Art. 13(3): an unaccompanied minor (form item) whose file records no representative or trained
// person assigned to accompany them.
bool UnaccompaniedWithoutRepresentative(const Row& r) {
  return r.form.value("unaccompanied_minor", false) == true && !r.form.contains("representative_assigned_on");
}

}  // namespace

Result<uint64_t> ParseSeed(std::string_view text, const std::string& field) {
  uint64_t seed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return Status::InvalidArgument("not a number from 0 to 18446744073709551615: '" + std::string(text) + "'", field);
  }
  return seed;
}

Result<std::string> ScreeningStore::ListOpen(const std::string& member_state, Date at, std::optional<Date> due_by,
                                             size_t limit) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateMemberState(member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(member_state));
  OP_ASSIGN_OR_RETURN(store::QueryResult result,
                      internal::OpenFiles(store_, "screening", kColumns, member_state, due_by, limit));
  json files = json::array();
  for (size_t i = 0; i < result.rows.size() && i < limit; ++i) {
    OP_ASSIGN_OR_RETURN(Row r, FromStore(result.rows[i]));
    const int days_left = Date::Parse(r.must_end_on)->days() - at.days();
    json missing_checks = json::array(), missing_items = json::array();
    for (const std::string& check : rules::ScreeningChecks()) {
      if (!HasCheck(r, check)) missing_checks.push_back(check);
    }
    for (const rules::FormItem& item : rules::ScreeningFormItems()) {
      if (item.mandatory && !r.form.contains(item.key)) missing_items.push_back(item.key);
    }
    json f = {{"id", r.id},
              {"location", r.location},
              {"event_date", r.event_date},
              {"must_end_on", r.must_end_on},
              {"legal_basis", r.limit_basis},
              {"days_left", days_left},
              {"state", days_left < 0 ? "overdue" : days_left == 0 ? "due_today" : "running"},
              {"checks_missing", missing_checks},
              {"form_items_missing", missing_items}};
    if (r.held_over_72h) f["limit_uncertain"] = true;
    if (UnaccompaniedWithoutRepresentative(r)) f["representative_missing"] = true;
    files.push_back(std::move(f));
  }
  json out = {{"member_state", member_state},
              {"at", at.ToString()},
              {"due_by", due_by ? json(due_by->ToString()) : json(nullptr)},
              {"count", files.size()},
              {"more", result.rows.size() > limit},
              {"screenings", files},
              {"note", "a screening past its time limit ends and the person is referred (Art. 18(5)); the checks of "
                       "Art. 8(5) and the form of Art. 17(1) are due before it"}};
  return out.dump(2);
}

Result<std::string> ScreeningStore::Monitor(const MonitoringQuery& q) {
  OP_RETURN_IF_ERROR(rules_->countries.ValidateMemberState(q.member_state, "member_state"));
  OP_RETURN_IF_ERROR(CheckActing(q.member_state));
  OP_RETURN_IF_ERROR(internal::CheckMonitoringRange(q));
  OP_ASSIGN_OR_RETURN(store::QueryResult result,
                      internal::FilesInScope(store_, "screening", kColumns, "event_date", q));
  std::vector<Row> rows;
  for (const store::Row& x : result.rows) {
    OP_ASSIGN_OR_RETURN(Row r, FromStore(x));
    rows.push_back(std::move(r));
  }

  const std::string kScreening = "Regulation (EU) 2024/1356, Art. ";
  json referrals = json::object();
  for (const rules::Referral& x : rules::ScreeningReferrals()) referrals[x.name] = 0;
  json closed_late = json::array(), open_overdue = json::array(), minors = json::array(),
       applied_elsewhere = json::array(), unaccompanied = json::array(), without_representative = json::array(),
       over_thirty = json::array();
  const rules::Parameter* caseload = nullptr;
  OP_ASSIGN_OR_RETURN(const double max_minors,
                      rules_->policy.NumberAt("screening.representative_max_minors_count", q.at, &caseload));
  json elements = json::object();
  for (const std::string& check : rules::ScreeningChecks()) {
    elements[check] = {{"legal_basis", kScreening + ElementPoint(check)}, {"not_recorded", json::array()}};
  }
  int open = 0, closed = 0, closed_in_time = 0, open_in_time = 0, full = 0;
  std::vector<int> durations;  // days from the event to the closing, of closed files
  for (const Row& r : rows) {
    const Date must_end = *Date::Parse(r.must_end_on);
    if (Minor(r)) minors.push_back(r.id);
    if (r.form.value("unaccompanied_minor", false) == true) unaccompanied.push_back(r.id);
    if (UnaccompaniedWithoutRepresentative(r)) without_representative.push_back(r.id);
    // Checked as recorded (Record validates it); a row edited outside OpenPact is not read as a number.
    const json caseload_of = r.form.value("representative_minors_assigned", json());
    if (caseload_of.is_number_integer() && static_cast<double>(caseload_of.get<int64_t>()) > max_minors) {
      over_thirty.push_back({{"id", r.id}, {"minors_assigned", caseload_of}});
    }
    if (r.status != "closed") {
      ++open;
      if (must_end < q.at) {
        open_overdue.push_back({{"id", r.id},
                                {"event_date", r.event_date},
                                {"must_end_on", r.must_end_on},
                                {"days_overdue", q.at.days() - must_end.days()}});
        if (r.held_over_72h) open_overdue.back()["limit_uncertain"] = true;
      } else {
        ++open_in_time;
      }
      continue;
    }
    ++closed;
    if (referrals.contains(r.referral)) referrals[r.referral] = referrals[r.referral].get<int>() + 1;
    const Date closed_on = *Date::Parse(r.closed_on);
    durations.push_back(closed_on.days() - Date::Parse(r.event_date)->days());
    if (closed_on > must_end) {
      closed_late.push_back({{"id", r.id},
                             {"must_end_on", r.must_end_on},
                             {"closed_on", r.closed_on},
                             {"days_late", closed_on.days() - must_end.days()}});
      if (r.held_over_72h) closed_late.back()["limit_uncertain"] = true;
    } else {
      ++closed_in_time;
    }
    if (FullScreening(r.referral)) {
      ++full;
      for (const std::string& check : rules::ScreeningChecks()) {
        if (!HasCheck(r, check)) elements[check]["not_recorded"].push_back(r.id);
      }
    }
    // Art. 18(2): an applicant is referred to the registration authorities (or relocated, 18(3)).
    if (r.form.value("application_made", false) == true && r.referral != "asylum" && r.referral != "relocation") {
      applied_elsewhere.push_back({{"id", r.id}, {"referral", r.referral}});
    }
  }

  // The draw depends only on the files in scope and the seed, which the report states.
  const uint64_t seed = internal::SeedOrRandom(q.seed);
  json sample = json::array();
  for (size_t i : internal::Draw(rows.size(), static_cast<size_t>(q.sample), seed)) sample.push_back(ToJson(rows[i]));
  const size_t take = sample.size();

  json out = {
      {"member_state", q.member_state},
      {"at", q.at.ToString()},
      {"from", q.from ? json(q.from->ToString()) : json(nullptr)},
      {"to", q.to ? json(q.to->ToString()) : json(nullptr)},
      {"legal_basis", {kScreening + "10(2)"}},
      {"screenings", rows.size()},
      {"open", open},
      {"closed", closed},
      {"referrals", referrals},
      {"time_limit",
       {{"legal_basis", kScreening + "8(3)-(4)"},
        {"closed_in_time", closed_in_time},
        {"closed_late", closed_late},
        {"open_in_time", open_in_time},
        {"open_overdue", open_overdue}}},
      {"durations", internal::Durations(durations)},
      {"elements", {{"full_screenings", full}, {"checks", elements}}},
      {"minors", {{"legal_basis", kScreening + "10(2)(a), 13"},
                  {"screenings", minors},
                  {"unaccompanied", unaccompanied},
                  {"without_representative", without_representative},
                  {"representative_caseload",
                   {{"legal_basis", caseload->legal_basis},
                    {"at_most", static_cast<int64_t>(max_minors)},
                    {"above", over_thirty}}}}},
      {"applicants_not_referred_to_asylum", applied_elsewhere},
      {"sample", {{"seed", std::to_string(seed)}, {"size", take}, {"screenings", sample}}},
      {"notes",
       {"elements are checked on screenings closed after a full screening (referrals asylum, relocation, return, "
        "return_continues); entry_conditions_met, discontinued_departure and criminal_proceedings end it early "
        "(Arts. 5(3), 18(6))",
        "a health check may be limited to the preliminary one (Art. 12(1)), and biometric data are taken only as far "
        "as not yet taken (Art. 8(5)(d)): a missing check is a question for the file, not a finding by itself",
        "minors are counted from the form's date of birth (Art. 17(1)(a)); a file without one is not counted",
        "unaccompanied minors are those whose form says so (unaccompanied_minor); without_representative lists those "
        "with no representative or trained person recorded as assigned to accompany them (Art. 13(3)); "
        "representative_caseload lists files whose representative had more unaccompanied minors at the time than "
        "Art. 13(5) allows in normal circumstances: a question for the file, not a finding by itself",
        "limit_uncertain: a person held at the external border for more than 72 hours first, whose 4 days (Art. "
        "8(3)) are counted from the end of that stay; when they start is not settled",
        "the sample's seed is a decimal string (it may exceed what a JSON number holds exactly)",
        "the border procedure, which a mechanism meeting the same criteria monitors (Regulation (EU) 2024/1348, "
        "Art. 43(4)), has its own report: border-procedure monitor, GET /v1/monitoring/border-procedure",
        "files whose keeping ended are erased (Art. 18(7): five years from the event, ten for an applicant, as the "
        "policy data read it): a report on events that long ago counts only what is left"}},
  };
  return out.dump(2);
}

}  // namespace openpact::cases
