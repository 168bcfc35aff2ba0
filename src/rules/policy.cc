#include "rules/policy.h"

#include <algorithm>
#include <tuple>
#include <charconv>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "core/csv.h"

namespace openpact::rules {
namespace {

using json = nlohmann::json;

// Reads the columns every policy row has, naming file, line and column on error.
class RowReader {
 public:
  RowReader(const CsvTable& t, size_t row) : t_(t), row_(row) {}

  Result<std::string> Get(std::string_view column) const {
    OP_ASSIGN_OR_RETURN(size_t c, t_.Column(column));
    return t_.row(row_)[c];
  }
  Result<std::string> Required(std::string_view column) const {
    OP_ASSIGN_OR_RETURN(std::string v, Get(column));
    if (v.empty()) return Error(column, "is required");
    return v;
  }
  Result<Date> RequiredDate(std::string_view column) const {
    OP_ASSIGN_OR_RETURN(std::string v, Required(column));
    auto d = Date::Parse(v);
    if (!d.ok()) return Error(column, d.status().message());
    return d;
  }
  Result<std::optional<Date>> OptionalDate(std::string_view column) const {
    OP_ASSIGN_OR_RETURN(std::string v, Get(column));
    if (v.empty()) return std::optional<Date>();
    auto d = Date::Parse(v);
    if (!d.ok()) return Error(column, d.status().message());
    return std::optional<Date>(*d);
  }
  Result<bool> Flag(std::string_view column) const {
    OP_ASSIGN_OR_RETURN(std::string v, Required(column));
    if (v == "1") return true;
    if (v == "0") return false;
    return Error(column, "want 0 or 1, got '" + v + "'");
  }
  Result<std::optional<double>> OptionalNumber(std::string_view column) const {
    OP_ASSIGN_OR_RETURN(std::string v, Get(column));
    if (v.empty()) return std::optional<double>();
    double x = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (ec != std::errc() || p != v.data() + v.size()) return Error(column, "not a number: '" + v + "'");
    return std::optional<double>(x);
  }
  Result<std::string> Country(std::string_view column, const CountryRegistry& countries,
                              bool member_state) const {
    OP_ASSIGN_OR_RETURN(std::string v, Required(column));
    Status s = member_state ? countries.ValidateMemberState(v, "") : countries.Validate(v, "");
    if (!s.ok()) return Error(column, s.message());
    return v;
  }
  Result<std::string> OneOf(std::string_view column, std::initializer_list<std::string_view> allowed) const {
    OP_ASSIGN_OR_RETURN(std::string v, Required(column));
    for (std::string_view a : allowed) {
      if (v == a) return v;
    }
    std::string list;
    for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return Error(column, "'" + v + "' is not one of: " + list);
  }
  std::vector<std::string> List(std::string_view column) const {
    auto v = Get(column);
    std::vector<std::string> out;
    if (!v.ok() || v->empty()) return out;
    size_t start = 0;
    while (start <= v->size()) {
      size_t end = v->find(';', start);
      if (end == std::string::npos) end = v->size();
      std::string item = v->substr(start, end - start);
      while (!item.empty() && item.front() == ' ') item.erase(item.begin());
      while (!item.empty() && item.back() == ' ') item.pop_back();
      if (!item.empty()) out.push_back(item);
      start = end + 1;
    }
    return out;
  }
  // The dated, referenced columns common to every policy table.
  Status Common(DatedEntry* e) const {
    OP_ASSIGN_OR_RETURN(e->effective_from, RequiredDate("effective_from"));
    OP_ASSIGN_OR_RETURN(e->effective_to, OptionalDate("effective_to"));
    if (e->effective_to && *e->effective_to < e->effective_from) {
      return Error("effective_to", "is before effective_from");
    }
    OP_ASSIGN_OR_RETURN(e->legal_basis, Required("legal_basis"));
    OP_ASSIGN_OR_RETURN(std::string status, OneOf("status", {"in_force", "proposal", "uncertain"}));
    e->status = status == "in_force" ? PolicyStatus::kInForce
                : status == "proposal" ? PolicyStatus::kProposal
                                       : PolicyStatus::kUncertain;
    auto note = Get("note");
    if (note.ok()) e->note = *note;
    e->where = t_.name() + ":" + std::to_string(t_.line_of(row_));
    return Status::OK();
  }
  Status Error(std::string_view column, const std::string& message) const {
    return Status::InvalidArgument(message, t_.Where(row_, column));
  }

 private:
  const CsvTable& t_;
  size_t row_;
};

// Refuses two entries with the same key whose periods overlap.
template <typename T, typename KeyFn>
Status CheckNoOverlap(const std::vector<T>& entries, KeyFn key) {
  for (size_t i = 0; i < entries.size(); ++i) {
    for (size_t j = i + 1; j < entries.size(); ++j) {
      if (key(entries[i]) != key(entries[j])) continue;
      const T& a = entries[i];
      const T& b = entries[j];
      const bool a_before_b = a.effective_to && *a.effective_to < b.effective_from;
      const bool b_before_a = b.effective_to && *b.effective_to < a.effective_from;
      if (!a_before_b && !b_before_a) {
        return Status::InvalidArgument("overlaps the period of " + a.where + " for the same entry (" +
                                           key(a) + ")",
                                       b.where + ": column 'effective_from'");
      }
    }
  }
  return Status::OK();
}

// Regulation (EU) 2024/1359, Art. 5: a Council implementing decision authorises a derogation for
// three months, extendable once by three; a new decision may follow on the same terms; the
// measures last at most 12 months in all. A crisis_derogation_* row (value 1) is one decision
// with its extension: it must end, last at most six months, and rows of one Member State and
// derogation that follow each other without a gap at most twelve. Art. 13's rows are not
// decisions' periods but the registration window the decision sets, and are not checked here.
// Regulation (EU) 2024/1358, Art. 24(6) (read in the Italian text): in a sudden influx a Member
// State may extend the 72 hours of para. 2 by at most 48 hours, from the day it notifies the
// Commission and the other Member States, for the duration the notification states, at most a month.
Status CheckSuddenInfluxNotifications(const std::vector<MemberStateSetting>& settings) {
  for (const MemberStateSetting& e : settings) {
    if (!e.value || e.setting != "eurodac_sudden_influx_art_24_6") continue;
    if (!e.effective_to) {
      return Status::InvalidArgument("the notification states a duration (Regulation (EU) 2024/1358, Art. 24(6)): give "
                                     "the day it ends",
                                     e.where + ": column 'effective_to'");
    }
    if (*e.effective_to > e.effective_from.AddMonths(1).AddDays(-1)) {
      return Status::InvalidArgument("the duration stated in the notification does not exceed one month (Regulation (EU) "
                                     "2024/1358, Art. 24(6)): this row runs from " + e.effective_from.ToString() +
                                     " to " + e.effective_to->ToString(),
                                     e.where + ": column 'effective_to'");
    }
  }
  return Status::OK();
}

Status CheckCrisisDurations(const std::vector<MemberStateSetting>& settings) {
  std::vector<const MemberStateSetting*> rows;
  for (const MemberStateSetting& e : settings) {
    if (e.value && e.setting.rfind("crisis_derogation_", 0) == 0 && e.setting != "crisis_derogation_art_13") {
      rows.push_back(&e);
    }
  }
  std::sort(rows.begin(), rows.end(), [](const MemberStateSetting* a, const MemberStateSetting* b) {
    return std::tie(a->member_state, a->setting, a->effective_from) < std::tie(b->member_state, b->setting, b->effective_from);
  });
  const auto last_day = [](Date from, int months) { return from.AddMonths(months).AddDays(-1); };
  for (size_t i = 0; i < rows.size(); ++i) {
    const MemberStateSetting& e = *rows[i];
    if (!e.effective_to) {
      return Status::InvalidArgument("a crisis derogation is authorised for a period (Regulation (EU) 2024/1359, Art. 5): "
                                     "give the day the Council implementing decision's period ends",
                                     e.where + ": column 'effective_to'");
    }
    if (*e.effective_to > last_day(e.effective_from, 6)) {
      return Status::InvalidArgument("a Council implementing decision authorises a derogation for three months, extended "
                                     "once by three at most (Regulation (EU) 2024/1359, Art. 5(1)-(2)): this row runs "
                                     "from " + e.effective_from.ToString() + " to " + e.effective_to->ToString(),
                                     e.where + ": column 'effective_to'");
    }
    // The chain of decisions this row ends: rows of the same derogation that follow without a gap.
    Date start = e.effective_from;
    for (size_t j = i; j > 0; --j) {
      const MemberStateSetting& prev = *rows[j - 1];
      if (prev.member_state != e.member_state || prev.setting != e.setting || !prev.effective_to ||
          prev.effective_to->AddDays(1) < rows[j]->effective_from) {
        break;
      }
      start = prev.effective_from;
    }
    if (*e.effective_to > last_day(start, 12)) {
      return Status::InvalidArgument("the measures last at most 12 months in all (Regulation (EU) 2024/1359, Art. 5(3)): "
                                     "with the rows before it, " + e.setting + " runs from " + start.ToString() +
                                         " to " + e.effective_to->ToString(),
                                     e.where + ": column 'effective_to'");
    }
  }
  return Status::OK();
}

// Parses a policy CSV, naming it `shown` in errors and explanations.
Result<CsvTable> ReadPolicyFile(const std::string& path, const std::string& shown) {
  OP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  return CsvTable::Parse(text, shown);
}

template <typename T, typename Fn>
Status LoadTable(const std::string& path, const std::string& shown, std::vector<T>* out, Fn parse_row) {
  OP_ASSIGN_OR_RETURN(CsvTable t, ReadPolicyFile(path, shown));
  for (size_t i = 0; i < t.size(); ++i) {
    RowReader r(t, i);
    T entry;
    OP_RETURN_IF_ERROR(r.Common(&entry));
    OP_RETURN_IF_ERROR(parse_row(r, &entry));
    out->push_back(std::move(entry));
  }
  return Status::OK();
}

// Parameters whose values the rules read as periods; checked when the policy loads.
// By naming convention: ids ending in _date, _pct, _eur, _count, _capacity or _multiplier hold
// dates or numbers, and _ground a provision's point (e.g. 38(1)(b)); every other parameter is a period.
bool IsPeriodParameter(std::string_view id) {
  for (std::string_view suffix : {"_date", "_pct", "_eur", "_count", "_capacity", "_multiplier", "_ground"}) {
    if (id.size() > suffix.size() && id.substr(id.size() - suffix.size()) == suffix) return false;
  }
  return true;
}

template <typename T>
json Common(const T& e) {
  json j = {{"effective_from", e.effective_from.ToString()},
            {"legal_basis", e.legal_basis},
            {"status", PolicyStatusName(e.status)}};
  if (e.effective_to) j["effective_to"] = e.effective_to->ToString();
  if (!e.note.empty()) j["note"] = e.note;
  return j;
}

}  // namespace

const char* PolicyStatusName(PolicyStatus s) {
  switch (s) {
    case PolicyStatus::kInForce: return "in_force";
    case PolicyStatus::kProposal: return "proposal";
    case PolicyStatus::kUncertain: return "uncertain";
  }
  return "?";
}

Result<Policy> Policy::Load(const std::string& dir, const CountryRegistry& countries) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) return Status::NotFound("no policy directory at " + dir);
  Policy p;
  const auto file = [&dir](const char* name) { return (fs::path(dir) / name).string(); };
  // Explanations cite "policy/parameters.csv:12", not the installation's absolute path.
  std::string shown_dir = fs::path(dir).lexically_normal().filename().string();
  if (shown_dir.empty()) shown_dir = fs::path(dir).lexically_normal().parent_path().filename().string();

  OP_RETURN_IF_ERROR(LoadTable(file("parameters.csv"), shown_dir + "/parameters.csv", &p.parameters_, [](const RowReader& r, Parameter* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->id, r.Required("id"));
    OP_ASSIGN_OR_RETURN(e->value, r.Required("value"));
    if (IsPeriodParameter(e->id)) {
      auto period = Period::Parse(e->value);
      if (!period.ok()) return r.Error("value", "'" + e->value + "' is not a period (e.g. '7 days', '2 months')");
      e->period = *period;
    }
    return Status::OK();
  }));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.parameters_, [](const Parameter& e) { return e.id; }));

  auto designation = [&countries](const RowReader& r, Designation* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->country, r.Country("country", countries, false));
    OP_ASSIGN_OR_RETURN(e->level, r.OneOf("level", {"EU", "national"}));
    if (e->level == "national") {
      OP_ASSIGN_OR_RETURN(e->member_state, r.Country("member_state", countries, true));
    } else {
      OP_ASSIGN_OR_RETURN(std::string ms, r.Get("member_state"));
      if (!ms.empty()) return r.Error("member_state", "must be empty for an EU designation");
    }
    if (countries.Find(e->country)->eu_member_state) {
      return r.Error("country", e->country + " is an EU Member State, not a third country");
    }
    e->excluded_regions = r.List("excluded_regions");
    e->excluded_categories = r.List("excluded_categories");
    return Status::OK();
  };
  auto designation_key = [](const Designation& e) { return e.country + "/" + e.level + "/" + e.member_state; };
  OP_RETURN_IF_ERROR(LoadTable(file("safe_countries_of_origin.csv"), shown_dir + "/safe_countries_of_origin.csv", &p.sco_, designation));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.sco_, designation_key));
  OP_RETURN_IF_ERROR(LoadTable(file("safe_third_countries.csv"), shown_dir + "/safe_third_countries.csv", &p.stc_, designation));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.stc_, designation_key));

  OP_RETURN_IF_ERROR(LoadTable(file("eu_candidate_countries.csv"), shown_dir + "/eu_candidate_countries.csv", &p.candidates_,
                               [&countries](const RowReader& r, CandidateCountry* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->country, r.Country("country", countries, false));
    OP_ASSIGN_OR_RETURN(e->candidate_since, r.RequiredDate("candidate_since"));
    return Status::OK();
  }));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.candidates_, [](const CandidateCountry& e) { return e.country; }));

  OP_RETURN_IF_ERROR(LoadTable(file("eu_candidate_exceptions.csv"), shown_dir + "/eu_candidate_exceptions.csv", &p.candidate_exceptions_,
                               [&countries](const RowReader& r, CandidateException* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->country, r.Country("country", countries, false));
    OP_ASSIGN_OR_RETURN(e->exception, r.OneOf("exception", {"armed_conflict", "restrictive_measures"}));
    return Status::OK();
  }));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.candidate_exceptions_,
                                    [](const CandidateException& e) { return e.country + "/" + e.exception; }));

  OP_RETURN_IF_ERROR(LoadTable(file("stc_link_rules.csv"), shown_dir + "/stc_link_rules.csv", &p.stc_links_,
                               [](const RowReader& r, StcLinkRule* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->link, r.OneOf("link", {"connection", "transit", "agreement"}));
    OP_ASSIGN_OR_RETURN(e->allowed_for_unaccompanied_minors, r.Flag("allowed_for_unaccompanied_minors"));
    return Status::OK();
  }));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.stc_links_, [](const StcLinkRule& e) { return e.link; }));

  OP_RETURN_IF_ERROR(LoadTable(file("stc_agreements.csv"), shown_dir + "/stc_agreements.csv", &p.stc_agreements_,
                               [&countries](const RowReader& r, StcAgreement* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->country, r.Country("country", countries, false));
    OP_ASSIGN_OR_RETURN(e->level, r.OneOf("level", {"union", "member_state"}));
    if (e->level == "member_state") {
      OP_ASSIGN_OR_RETURN(e->member_state, r.Country("member_state", countries, true));
    }
    OP_ASSIGN_OR_RETURN(e->persons_covered, r.Get("persons_covered"));
    OP_ASSIGN_OR_RETURN(e->notified, r.Flag("notified"));
    return Status::OK();
  }));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.stc_agreements_, [](const StcAgreement& e) {
    return e.country + "/" + e.level + "/" + e.member_state + "/" + e.persons_covered;
  }));

  OP_RETURN_IF_ERROR(LoadTable(file("crisis_recommendations.csv"), shown_dir + "/crisis_recommendations.csv",
                               &p.crisis_recommendations_, [](const RowReader& r, CrisisRecommendation* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->reference, r.Required("reference"));
    OP_ASSIGN_OR_RETURN(e->scope, r.Required("scope"));
    return Status::OK();
  }));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.crisis_recommendations_, [](const CrisisRecommendation& e) { return e.reference; }));

  OP_RETURN_IF_ERROR(LoadTable(file("member_state_settings.csv"), shown_dir + "/member_state_settings.csv", &p.settings_,
                               [&countries](const RowReader& r, MemberStateSetting* e) -> Status {
    OP_ASSIGN_OR_RETURN(e->setting, r.OneOf("setting", {"apply_optional_border_procedure", "bound_by_apr",
                                                        "takes_part_in_solidarity", "applies_ammr_responsibility",
                                                        "crisis_derogation_art_12", "bound_by_rbpr",
                                                        "crisis_derogation_rbpr_art_6", "provides_apr_68_6", "bound_by_rcd", "bound_by_qr", "bound_by_urf", "bound_by_eurodac", "bound_by_tpd", "bound_by_return_directive",
                                                        "crisis_derogation_art_10", "crisis_derogation_art_11_1",
                                                        "crisis_derogation_art_11_2", "crisis_derogation_art_11_3",
                                                        "crisis_derogation_art_11_4", "crisis_derogation_art_11_6_7a",
                                                        "crisis_derogation_art_11_6_7b", "crisis_derogation_art_13",
                                                        "provides_ground_38_1_a", "provides_ground_38_1_b",
                                                        "provides_ground_38_1_c", "provides_ground_38_1_d",
                                                        "provides_ground_38_1_e",
                                                        "tacit_acceptance_next_day", "eurodac_sudden_influx_art_24_6"}));
    // The States associated with the Dublin system (AMMR recitals 92-94) take part in Part III and
    // in Eurodac only: their rows can say whether they apply those, nothing else.
    const bool associated_allowed = e->setting == "applies_ammr_responsibility" || e->setting == "bound_by_eurodac" ||
                                    e->setting == "tacit_acceptance_next_day" ||
                                    e->setting == "eurodac_sudden_influx_art_24_6";
    OP_ASSIGN_OR_RETURN(e->member_state, r.Country("member_state", countries, !associated_allowed));
    if (associated_allowed) {
      if (const Status st = countries.ValidateStateOfTheSystem(e->member_state, "member_state"); !st.ok()) {
        return r.Error("member_state", st.message());
      }
    }
    OP_ASSIGN_OR_RETURN(e->value, r.Flag("value"));
    return Status::OK();
  }));
  OP_RETURN_IF_ERROR(CheckNoOverlap(p.settings_,
                                    [](const MemberStateSetting& e) { return e.member_state + "/" + e.setting; }));
  OP_RETURN_IF_ERROR(CheckCrisisDurations(p.settings_));
  OP_RETURN_IF_ERROR(CheckSuddenInfluxNotifications(p.settings_));

  {
    OP_ASSIGN_OR_RETURN(CsvTable t, ReadPolicyFile(file("recognition_rates.csv"), shown_dir + "/recognition_rates.csv"));
    for (size_t i = 0; i < t.size(); ++i) {
      RowReader r(t, i);
      RecognitionRate e;
      OP_ASSIGN_OR_RETURN(e.effective_from, r.RequiredDate("effective_from"));
      OP_ASSIGN_OR_RETURN(e.effective_to, r.OptionalDate("effective_to"));
      OP_ASSIGN_OR_RETURN(e.nationality, r.Country("nationality", countries, false));
      OP_ASSIGN_OR_RETURN(std::string year, r.Required("year"));
      auto [ptr, ec] = std::from_chars(year.data(), year.data() + year.size(), e.year);
      if (ec != std::errc() || ptr != year.data() + year.size() || e.year < 1990 || e.year > 2100) {
        return r.Error("year", "want a calendar year, got '" + year + "'");
      }
      OP_ASSIGN_OR_RETURN(e.scope, r.OneOf("scope", {"EU27", "EU+"}));
      OP_ASSIGN_OR_RETURN(e.rate_pct, r.OptionalNumber("rate_pct"));
      OP_ASSIGN_OR_RETURN(e.upper_bound_pct, r.OptionalNumber("upper_bound_pct"));
      if (!e.rate_pct && !e.upper_bound_pct) {
        return r.Error("rate_pct", "a rate or an upper bound is required");
      }
      for (const auto& v : {e.rate_pct, e.upper_bound_pct}) {
        if (v && (*v < 0 || *v > 100)) return r.Error("rate_pct", "a percentage must be 0..100");
      }
      OP_ASSIGN_OR_RETURN(std::string definition, r.Required("definition"));
      if (definition != "refugee+subsidiary / all first-instance decisions") {
        return r.Error("definition",
                       "only the APR definition (refugee+subsidiary / all first-instance decisions) is "
                       "accepted; never a rate that includes national humanitarian status");
      }
      OP_ASSIGN_OR_RETURN(e.source, r.Required("source"));
      OP_ASSIGN_OR_RETURN(e.source_status, r.Get("status"));
      auto note = r.Get("note");
      if (note.ok()) e.note = *note;
      e.legal_basis = "Regulation (EU) 2024/1348, Art. 42(1)(j)";
      e.where = t.name() + ":" + std::to_string(t.line_of(i));
      for (const RecognitionRate& other : p.rates_) {
        if (other.nationality == e.nationality && other.year == e.year && other.scope == e.scope) {
          return r.Error("year", "duplicate rate for " + e.nationality + " " + year + " " + e.scope +
                                     " (also " + other.where + ")");
        }
      }
      p.rates_.push_back(std::move(e));
    }
  }

  for (size_t i = 0; i < p.parameters_.size(); ++i) p.parameters_by_id_[p.parameters_[i].id].push_back(i);
  for (size_t i = 0; i < p.rates_.size(); ++i) {
    p.rates_by_country_[PackCountryCode(p.rates_[i].nationality)].push_back(i);
  }

  // The version names the data exactly: VERSION plus a hash of every file's bytes.
  std::string version_label = "unversioned";
  if (auto v = ReadFileToString(file("VERSION"), 256); v.ok()) {
    version_label = *v;
    while (!version_label.empty() && (version_label.back() == '\n' || version_label.back() == ' ')) {
      version_label.pop_back();
    }
  }
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  std::string all;
  for (const std::string& n : names) {
    OP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(file(n.c_str())));
    all += n + "\n" + std::to_string(bytes.size()) + "\n" + bytes;
  }
  p.version_ = version_label + " (b2:" + crypto::Blake2b256Hex(all).substr(0, 12) + ")";
  return p;
}

const Parameter* Policy::ParameterAt(std::string_view id, Date d) const {
  auto it = parameters_by_id_.find(id);
  if (it == parameters_by_id_.end()) return nullptr;
  for (size_t i : it->second) {
    if (parameters_[i].ActiveOn(d)) return &parameters_[i];
  }
  return nullptr;
}

Result<Period> Policy::PeriodAt(std::string_view id, Date d, const Parameter** which) const {
  const Parameter* p = ParameterAt(id, d);
  if (p == nullptr) {
    return Status::FailedPrecondition("policy gap: no value of '" + std::string(id) + "' on " +
                                      d.ToString());
  }
  if (which != nullptr) *which = p;
  if (p->period) return *p->period;
  return Period::Parse(p->value, p->where);
}

Result<double> Policy::NumberAt(std::string_view id, Date d, const Parameter** which) const {
  const Parameter* p = ParameterAt(id, d);
  if (p == nullptr) {
    return Status::FailedPrecondition("policy gap: no value of '" + std::string(id) + "' on " +
                                      d.ToString());
  }
  if (which != nullptr) *which = p;
  double x = 0;
  auto [ptr, ec] = std::from_chars(p->value.data(), p->value.data() + p->value.size(), x);
  if (ec != std::errc()) return Status::InvalidArgument("not a number", p->where);
  return x;
}

Result<Date> Policy::DateAt(std::string_view id, Date d) const {
  const Parameter* p = ParameterAt(id, d);
  if (p == nullptr) {
    return Status::FailedPrecondition("policy gap: no value of '" + std::string(id) + "' on " +
                                      d.ToString());
  }
  return Date::Parse(p->value, p->where);
}

namespace {
std::vector<const Designation*> Designations(const std::vector<Designation>& all,
                                             std::string_view country, std::string_view ms, Date d) {
  std::vector<const Designation*> out;
  for (const Designation& e : all) {
    if (e.country == country && e.ActiveOn(d) && (e.level == "EU" || e.member_state == ms)) {
      out.push_back(&e);
    }
  }
  return out;
}
}  // namespace

std::vector<const Designation*> Policy::SafeCountryOfOriginDesignations(std::string_view country,
                                                                        std::string_view ms,
                                                                        Date d) const {
  return Designations(sco_, country, ms, d);
}

std::vector<const Designation*> Policy::SafeThirdCountryDesignations(std::string_view country,
                                                                     std::string_view ms, Date d) const {
  return Designations(stc_, country, ms, d);
}

const CandidateCountry* Policy::CandidateAt(std::string_view country, Date d) const {
  for (const CandidateCountry& c : candidates_) {
    if (c.country == country && c.ActiveOn(d) && c.candidate_since <= d) return &c;
  }
  return nullptr;
}

std::vector<const CandidateException*> Policy::CandidateExceptionsAt(std::string_view country,
                                                                     Date d) const {
  std::vector<const CandidateException*> out;
  for (const CandidateException& e : candidate_exceptions_) {
    if (e.country == country && e.ActiveOn(d)) out.push_back(&e);
  }
  return out;
}

const StcLinkRule* Policy::StcLinkAt(std::string_view link, Date d) const {
  for (const StcLinkRule& l : stc_links_) {
    if (l.link == link && l.ActiveOn(d)) return &l;
  }
  return nullptr;
}

std::vector<const StcAgreement*> Policy::StcAgreementsAt(std::string_view country,
                                                         std::string_view ms, Date d) const {
  std::vector<const StcAgreement*> out;
  for (const StcAgreement& a : stc_agreements_) {
    if (a.country == country && a.ActiveOn(d) && (a.level == "union" || a.member_state == ms)) {
      out.push_back(&a);
    }
  }
  return out;
}

const CrisisRecommendation* Policy::CrisisRecommendationAt(std::string_view reference, Date d) const {
  for (const CrisisRecommendation& r : crisis_recommendations_) {
    if (r.reference == reference && r.ActiveOn(d)) return &r;
  }
  return nullptr;
}

bool Policy::SettingAt(std::string_view ms, std::string_view setting, Date d, bool default_value,
                       const MemberStateSetting** which) const {
  for (const MemberStateSetting& s : settings_) {
    if (s.member_state == ms && s.setting == setting && s.ActiveOn(d)) {
      if (which != nullptr) *which = &s;
      return s.value;
    }
  }
  if (which != nullptr) *which = nullptr;
  return default_value;
}

const RecognitionRate* Policy::LatestRecognitionRate(std::string_view nationality, Date d) const {
  const RecognitionRate* best = nullptr;
  auto it = rates_by_country_.find(PackCountryCode(nationality));
  if (it == rates_by_country_.end()) return nullptr;
  for (size_t i : it->second) {
    const RecognitionRate& r = rates_[i];
    if (!r.ActiveOn(d)) continue;
    if (best == nullptr || r.year > best->year ||
        (r.year == best->year && r.scope == "EU27" && best->scope != "EU27")) {
      best = &r;
    }
  }
  return best;
}

std::map<std::string, size_t> Policy::Counts() const {
  return {{"parameters", parameters_.size()},
          {"safe_countries_of_origin", sco_.size()},
          {"safe_third_countries", stc_.size()},
          {"eu_candidate_countries", candidates_.size()},
          {"eu_candidate_exceptions", candidate_exceptions_.size()},
          {"stc_link_rules", stc_links_.size()},
          {"stc_agreements", stc_agreements_.size()},
          {"crisis_recommendations", crisis_recommendations_.size()},
          {"member_state_settings", settings_.size()},
          {"recognition_rates", rates_.size()}};
}

std::string Policy::ToJson(Date d) const {
  json out = {{"policy_version", version_}, {"at", d.ToString()}};
  json params = json::object();
  for (const Parameter& p : parameters_) {
    if (!p.ActiveOn(d)) continue;
    json j = Common(p);
    j["value"] = p.value;
    params[p.id] = j;
  }
  out["parameters"] = params;
  auto designations = [d](const std::vector<Designation>& all) {
    json arr = json::array();
    for (const Designation& e : all) {
      if (!e.ActiveOn(d)) continue;
      json j = Common(e);
      j["country"] = e.country;
      j["level"] = e.level;
      if (!e.member_state.empty()) j["member_state"] = e.member_state;
      j["excluded_regions"] = e.excluded_regions;
      j["excluded_categories"] = e.excluded_categories;
      arr.push_back(j);
    }
    return arr;
  };
  out["safe_countries_of_origin"] = designations(sco_);
  out["safe_third_countries"] = designations(stc_);
  json cands = json::array();
  for (const CandidateCountry& c : candidates_) {
    if (!c.ActiveOn(d)) continue;
    json j = Common(c);
    j["country"] = c.country;
    j["candidate_since"] = c.candidate_since.ToString();
    json exc = json::array();
    for (const CandidateException* e : CandidateExceptionsAt(c.country, d)) exc.push_back(e->exception);
    j["exceptions"] = exc;
    if (const RecognitionRate* r = LatestRecognitionRate(c.country, d)) {
      j["latest_recognition_rate"] = {{"year", r->year}, {"scope", r->scope}};
      if (r->rate_pct) j["latest_recognition_rate"]["rate_pct"] = *r->rate_pct;
      if (r->upper_bound_pct) j["latest_recognition_rate"]["upper_bound_pct"] = *r->upper_bound_pct;
    }
    cands.push_back(j);
  }
  out["eu_candidate_countries"] = cands;
  json links = json::array();
  for (const StcLinkRule& l : stc_links_) {
    if (!l.ActiveOn(d)) continue;
    json j = Common(l);
    j["link"] = l.link;
    j["allowed_for_unaccompanied_minors"] = l.allowed_for_unaccompanied_minors;
    links.push_back(j);
  }
  out["stc_link_rules"] = links;
  json agreements = json::array();
  for (const StcAgreement& a : stc_agreements_) {
    if (!a.ActiveOn(d)) continue;
    json j = Common(a);
    j["country"] = a.country;
    j["level"] = a.level;
    if (!a.member_state.empty()) j["member_state"] = a.member_state;
    j["persons_covered"] = a.persons_covered;
    agreements.push_back(j);
  }
  out["stc_agreements"] = agreements;
  json recommendations = json::array();
  for (const CrisisRecommendation& r : crisis_recommendations_) {
    if (!r.ActiveOn(d)) continue;
    json j = Common(r);
    j["reference"] = r.reference;
    j["scope"] = r.scope;
    recommendations.push_back(j);
  }
  out["crisis_recommendations"] = recommendations;
  json settings = json::array();
  for (const MemberStateSetting& s : settings_) {
    if (!s.ActiveOn(d)) continue;
    json j = Common(s);
    j["member_state"] = s.member_state;
    j["setting"] = s.setting;
    j["value"] = s.value;
    settings.push_back(j);
  }
  out["member_state_settings"] = settings;
  json rates = json::array();
  for (const RecognitionRate& r : rates_) {
    if (!r.ActiveOn(d)) continue;
    json j = {{"nationality", r.nationality}, {"year", r.year}, {"scope", r.scope}, {"source", r.source}};
    if (r.rate_pct) j["rate_pct"] = *r.rate_pct;
    if (r.upper_bound_pct) j["upper_bound_pct"] = *r.upper_bound_pct;
    rates.push_back(j);
  }
  out["recognition_rates"] = rates;
  return out.dump(2);
}

}  // namespace openpact::rules
