#include "registry/registry.h"
#include "rules/responsibility.h"
#include "registry/internal.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "biometrics/identify.h"
#include "biometrics/synthetic.h"
#include "biometrics/template.h"
#include "core/crypto.h"
#include "core/json_parse.h"
#include "core/time_limits.h"
#include "rules/procedure.h"
#include "store/store.h"

namespace openpact::registry {
using namespace internal;
namespace {

// Art. 29 for the periods, Art. 27(1)-(2) for who is compared (registry.h, CategoryRule).
constexpr CategoryRule kCategories[] = {
    {Category::kApplicant, "applicant", "C1", "Regulation (EU) 2024/1358, Art. 15", true,
     "eurodac.retention.applicant", "Regulation (EU) 2024/1358, Art. 29(1)", "eurodac.transmission.applicant",
     "Regulation (EU) 2024/1358, Art. 15(1)", true},
    {Category::kResettlementRegistered, "resettlement_registered", "C2a", "Regulation (EU) 2024/1358, Art. 18(1)",
     false, "", "Regulation (EU) 2024/1358, Art. 29(2)", "", "", true},
    {Category::kResettlementAdmitted, "resettlement_admitted", "C2b", "Regulation (EU) 2024/1358, Art. 18(2)(a)",
     true, "eurodac.retention.resettlement_admitted", "Regulation (EU) 2024/1358, Art. 29(3)",
     "eurodac.transmission.resettlement", "Regulation (EU) 2024/1358, Art. 18(2)", false},
    {Category::kResettlementRefused, "resettlement_refused", "C2c", "Regulation (EU) 2024/1358, Art. 18(2)(b)-(c)",
     true, "eurodac.retention.resettlement_refused", "Regulation (EU) 2024/1358, Art. 29(4)",
     "eurodac.transmission.resettlement", "Regulation (EU) 2024/1358, Art. 18(2)", false},
    {Category::kNationalResettlement, "national_resettlement", "C3", "Regulation (EU) 2024/1358, Art. 20", true,
     "eurodac.retention.national_resettlement", "Regulation (EU) 2024/1358, Art. 29(5)",
     "eurodac.transmission.national_resettlement", "Regulation (EU) 2024/1358, Art. 20(1)", false},
    {Category::kIrregularCrosser, "irregular_crosser", "C4", "Regulation (EU) 2024/1358, Art. 22", true,
     "eurodac.retention.irregular_crosser", "Regulation (EU) 2024/1358, Art. 29(6)",
     "eurodac.transmission.irregular_crosser", "Regulation (EU) 2024/1358, Art. 22(2)", true},
    {Category::kIllegalStayer, "illegal_stayer", "C5", "Regulation (EU) 2024/1358, Art. 23", true,
     "eurodac.retention.illegal_stayer", "Regulation (EU) 2024/1358, Art. 29(7)",
     "eurodac.transmission.illegal_stayer", "Regulation (EU) 2024/1358, Art. 23(2)", true},
    {Category::kSarDisembarked, "sar_disembarked", "C6", "Regulation (EU) 2024/1358, Art. 24", true,
     "eurodac.retention.sar_disembarked", "Regulation (EU) 2024/1358, Art. 29(8)",
     "eurodac.transmission.sar_disembarked", "Regulation (EU) 2024/1358, Art. 24(2)", true},
    {Category::kTemporaryProtection, "temporary_protection", "C7", "Regulation (EU) 2024/1358, Art. 26", true,
     "eurodac.retention.temporary_protection", "Regulation (EU) 2024/1358, Art. 29(9)",
     "eurodac.transmission.temporary_protection", "Regulation (EU) 2024/1358, Art. 26(2)", true},
};

// The exceptions to a category's transmission limit, by the paragraph that states them (read in the
// Italian text). Health: where measures to protect the person's health or public health kept the
// biometric data from being taken, they are taken and transmitted within 48 hours of those reasons
// ceasing; Art. 18(3) says only "as soon as possible" (no limit to flag). Technical problems: the
// limit may be extended by at most 48 hours to run the national continuity plan; Arts. 18 and 20
// have no such subparagraph. A sudden influx (Art. 24(6), C6 only): 48 hours more for the period
// the Member State notified, at most a month (member_state_settings eurodac_sudden_influx_art_24_6).
struct TransmissionExceptions {
  const char* health_basis;     // "" where none
  const char* technical_basis;  // "" where the act allows no extension
  // Fingerprints of too poor a quality taken again: retransmitted within 48 hours of the successful
  // new capture (Arts. 15(1), 22(5), 23(4), 24(4), 26(3)); as soon as possible (Arts. 18(3), 20(2)).
  const char* retransmission_basis;
  Category category;
  bool health_has_limit;          // 48 hours from the end of the health reasons
  bool retransmission_has_limit;  // 48 hours from the new capture
};
constexpr TransmissionExceptions kTransmissionExceptions[] = {
    {"Regulation (EU) 2024/1358, Art. 15(2), first subparagraph",
     "Regulation (EU) 2024/1358, Art. 15(2), second subparagraph",
     "Regulation (EU) 2024/1358, Art. 15(1), second subparagraph", Category::kApplicant, true, true},
    {"Regulation (EU) 2024/1358, Art. 18(3), second subparagraph",
     "",
     "Regulation (EU) 2024/1358, Art. 18(3), first subparagraph", Category::kResettlementRegistered, false, false},
    {"Regulation (EU) 2024/1358, Art. 18(3), second subparagraph",
     "",
     "Regulation (EU) 2024/1358, Art. 18(3), first subparagraph", Category::kResettlementAdmitted, false, false},
    {"Regulation (EU) 2024/1358, Art. 18(3), second subparagraph",
     "",
     "Regulation (EU) 2024/1358, Art. 18(3), first subparagraph", Category::kResettlementRefused, false, false},
    {"Regulation (EU) 2024/1358, Art. 20(3)",
     "",
     "Regulation (EU) 2024/1358, Art. 20(2)", Category::kNationalResettlement, true, false},
    {"Regulation (EU) 2024/1358, Art. 22(6), first subparagraph",
     "Regulation (EU) 2024/1358, Art. 22(6), second subparagraph",
     "Regulation (EU) 2024/1358, Art. 22(5)", Category::kIrregularCrosser, true, true},
    {"Regulation (EU) 2024/1358, Art. 23(5), first subparagraph",
     "Regulation (EU) 2024/1358, Art. 23(5), second subparagraph",
     "Regulation (EU) 2024/1358, Art. 23(4)", Category::kIllegalStayer, true, true},
    {"Regulation (EU) 2024/1358, Art. 24(5), first subparagraph",
     "Regulation (EU) 2024/1358, Art. 24(5), second subparagraph",
     "Regulation (EU) 2024/1358, Art. 24(4)", Category::kSarDisembarked, true, true},
    {"Regulation (EU) 2024/1358, Art. 26(4), first subparagraph",
     "Regulation (EU) 2024/1358, Art. 26(4), second subparagraph",
     "Regulation (EU) 2024/1358, Art. 26(3)", Category::kTemporaryProtection, true, true},
};
constexpr const char* kSuddenInfluxBasis = "Regulation (EU) 2024/1358, Art. 24(6)";

const TransmissionExceptions& ExceptionsOf(Category c) {
  for (const TransmissionExceptions& e : kTransmissionExceptions) {
    if (e.category == c) return e;
  }
  return kTransmissionExceptions[0];  // unreachable: every category has a row
}

// The stored categories a newly transmitted record is compared against (data of other Member
// States, and its own when it asks, Art. 27(3)). Art. 27(1): everything stored under Arts. 15,
// 18(2), 20, 22, 23, 24 and 26. Art. 27(2), for C2a: applicants only when marked as
// beneficiaries of international protection (Art. 31), C2b, C2c and C3.
struct Targets {
  std::vector<const char*> categories;
  bool applicants_marked_only = false;
  bool own_data_on_request = false;
  const char* basis = "";
};

Targets TargetsOf(Category c) {
  if (c == Category::kResettlementRegistered) {
    return {{"applicant", "resettlement_admitted", "resettlement_refused", "national_resettlement"},
            true,
            false,
            "Regulation (EU) 2024/1358, Art. 27(2)"};
  }
  return {{"applicant", "resettlement_admitted", "resettlement_refused", "national_resettlement", "irregular_crosser",
           "illegal_stayer", "sar_disembarked", "temporary_protection"},
          false,
          true,
          "Regulation (EU) 2024/1358, Art. 27(1)"};
}

// The Ukraine decision, whose beneficiaries the regulation does not cover (Art. 63(3)).
constexpr const char* kUkraineDecision = "2022/382";

}  // namespace

Status internal::AppendPageAfter(store::Store* store, const char* table, const char* time_column, const char* ms_column,
                                 const std::string& acting_member_state, const std::string& after, size_t limit,
                                 size_t max, std::string* sql, std::vector<store::Value>* params) {
  if (limit < 1 || limit > max) return Status::InvalidArgument("must be from 1 to " + std::to_string(max), "limit");
  if (after.empty()) return Status::OK();
  OP_ASSIGN_OR_RETURN(store::QueryResult a,
                      store->Query(std::string("SELECT ") + time_column + ", " + ms_column + " FROM " + table +
                                       " WHERE id = ?",
                                   {after}));
  if (a.rows.empty() || (!acting_member_state.empty() && a.rows[0].Text(1) != acting_member_state)) {
    return Status::InvalidArgument("no entry '" + after + "' in this list", "after");
  }
  *sql += std::string(" AND (") + time_column + " > ? OR (" + time_column + " = ? AND id > ?))";
  params->emplace_back(a.rows[0].Text(0));
  params->emplace_back(a.rows[0].Text(0));
  params->emplace_back(after);
  return Status::OK();
}

Result<json> internal::ReadDocument(std::string_view text, const std::string& name) {
  if (text.size() > kMaxRecordBytes) {
    return Bad("the " + name + " is larger than " + std::to_string(kMaxRecordBytes >> 20) + " MiB", name);
  }
  OP_ASSIGN_OR_RETURN(json j, ParseBoundedJson(text, name));
  if (!j.is_object()) return Bad("must be a JSON object", name);
  return j;
}

Result<std::string> internal::TextValue(const json* v, const std::string& field, bool required, size_t max_len) {
  if (v == nullptr || v->is_null()) {
    if (required) return Bad("is required", field);
    return std::string();
  }
  if (!v->is_string()) return Bad("must be a string", field);
  std::string s = v->get<std::string>();
  if (required && s.empty()) return Bad("must not be empty", field);
  if (s.size() > max_len) return Bad("is longer than " + std::to_string(max_len) + " characters", field);
  for (unsigned char ch : s) {
    if (ch < 0x20 || ch == 0x7f) return Bad("must not hold control characters", field);
  }
  return s;
}

Result<std::string> internal::Text(const json& j, const char* key, const std::string& field, bool required,
                                   size_t max_len) {
  auto it = j.find(key);
  return TextValue(it == j.end() ? nullptr : &*it, field, required, max_len);
}

namespace {

Result<std::optional<Date>> OptionalDate(const json& j, const char* key, const std::string& field) {
  OP_ASSIGN_OR_RETURN(std::string s, Text(j, key, field, false, 10));
  if (s.empty()) return std::optional<Date>();
  OP_ASSIGN_OR_RETURN(Date d, Date::Parse(s, field));
  if (d < *Date::FromYmd(1900, 1, 1)) return Bad("is before 1900", field);
  return std::optional<Date>(d);
}

Result<Date> RequiredDate(const json& j, const char* key, const std::string& field) {
  OP_ASSIGN_OR_RETURN(std::optional<Date> d, OptionalDate(j, key, field));
  if (!d) return Bad("is required (YYYY-MM-DD)", field);
  return *d;
}

Result<std::vector<std::string>> Names(const json& j, const char* key, const std::string& field) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) return Bad("must be a list of strings", field);
  if (it->size() > 20) return Bad("holds more than 20 names", field);
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    OP_ASSIGN_OR_RETURN(std::string s, TextValue(&(*it)[i], at, true, kMaxNameLength));
    out.push_back(std::move(s));
  }
  return out;
}

Result<Person> ParsePerson(const json& j, const CountryRegistry& countries) {
  Person p;
  if (!j.is_object()) return Bad("must be an object", "person");
  OP_ASSIGN_OR_RETURN(p.surnames, Names(j, "surnames", "person.surnames"));
  OP_ASSIGN_OR_RETURN(p.forenames, Names(j, "forenames", "person.forenames"));
  OP_ASSIGN_OR_RETURN(p.nationalities, Names(j, "nationalities", "person.nationalities"));
  for (size_t i = 0; i < p.nationalities.size(); ++i) {
    // Alpha-3, XXA for a stateless person, as Eurodac records them.
    OP_RETURN_IF_ERROR(countries.Validate(p.nationalities[i], "person.nationalities[" + std::to_string(i) + "]"));
  }
  OP_ASSIGN_OR_RETURN(p.date_of_birth, OptionalDate(j, "date_of_birth", "person.date_of_birth"));
  OP_ASSIGN_OR_RETURN(p.sex, Text(j, "sex", "person.sex", false, 1));
  if (!p.sex.empty() && p.sex != "M" && p.sex != "F" && p.sex != "X") {
    return Bad("must be \"M\", \"F\" or \"X\" (unspecified)", "person.sex");
  }
  if (auto it = j.find("age_in_doubt"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return Bad("must be true or false", "person.age_in_doubt");
    p.age_in_doubt = it->get<bool>();
  }
  return p;
}

// The template's views, each given the record's declared position: a template that states
// another position for a view contradicts the record.
Result<biometrics::FingerprintTemplate> ParseFingerprint(const Fingerprint& f, const std::string& field) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(f.bytes.data());
  Result<biometrics::FingerprintTemplate> t = f.format == "ansi378"
                                                  ? biometrics::ParseAnsi378({bytes, f.bytes.size()})
                                                  : biometrics::ParseIso19794_2({bytes, f.bytes.size()});
  if (!t.ok()) return Bad(t.status().message() + (t.status().field().empty() ? "" : " at " + t.status().field()), field + ".data");
  if (t->views.empty()) return Bad("the template holds no finger view", field + ".data");
  for (biometrics::FingerView& v : t->views) {
    if (v.position != 0 && v.position != f.position) {
      return Bad("the template states finger position " + std::to_string(v.position) + ", the record " +
                     std::to_string(f.position),
                 field + ".position");
    }
    v.position = f.position;
  }
  return t;
}

}  // namespace

Result<std::vector<Fingerprint>> internal::ParseFingerprints(const json& j, bool* synthetic) {
  std::vector<Fingerprint> out;
  if (j.is_null()) return out;
  if (!j.is_array()) return Bad("must be a list", "fingerprints");
  if (j.size() > 20) return Bad("holds more than 20 impressions", "fingerprints");
  *synthetic = !j.empty();
  for (size_t i = 0; i < j.size(); ++i) {
    const std::string field = "fingerprints[" + std::to_string(i) + "]";
    const json& e = j[i];
    if (!e.is_object()) return Bad("must be an object", field);
    Fingerprint f;
    auto pos = e.find("position");
    if (pos == e.end() || !pos->is_number_integer()) return Bad("must be a finger position 1-10", field + ".position");
    const int64_t p = pos->get<int64_t>();
    if (p < 1 || p > biometrics::kMaxFingerPosition) return Bad("must be a finger position 1-10", field + ".position");
    f.position = static_cast<uint8_t>(p);
    OP_ASSIGN_OR_RETURN(f.format, Text(e, "format", field + ".format", true, 16));
    if (f.format != "iso19794-2" && f.format != "ansi378") {
      return Bad("must be \"iso19794-2\" or \"ansi378\"", field + ".format");
    }
    OP_ASSIGN_OR_RETURN(std::string b64, Text(e, "data", field + ".data", true, kMaxTemplateBytes * 4 / 3 + 4));
    auto bytes = crypto::FromBase64(b64);
    if (!bytes.ok()) return Bad(bytes.status().message(), field + ".data");
    f.bytes = std::move(*bytes);
    OP_ASSIGN_OR_RETURN(biometrics::FingerprintTemplate t, ParseFingerprint(f, field));
    *synthetic = *synthetic && t.IsSynthetic();
    out.push_back(std::move(f));
  }
  return out;
}

namespace {

Result<std::optional<std::vector<float>>> ParseFace(const json& j) {
  if (j.is_null()) return std::optional<std::vector<float>>();
  if (!j.is_array() || j.empty()) return Bad("must be null or a list of numbers (a face template)", "face");
  if (j.size() > kMaxFaceDimension) return Bad("has more than " + std::to_string(kMaxFaceDimension) + " values", "face");
  std::vector<float> v;
  v.reserve(j.size());
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_number()) return Bad("must be a number", "face[" + std::to_string(i) + "]");
    const double x = j[i].get<double>();
    if (!std::isfinite(x) || std::fabs(x) > 1e30) return Bad("must be a finite number", "face[" + std::to_string(i) + "]");
    v.push_back(static_cast<float>(x));
  }
  return std::optional<std::vector<float>>(std::move(v));
}

std::string FaceBytes(const std::vector<float>& face) {
  std::string out(face.size() * 4, '\0');
  for (size_t i = 0; i < face.size(); ++i) {
    uint32_t bits;
    std::memcpy(&bits, &face[i], 4);
    for (int b = 0; b < 4; ++b) out[i * 4 + b] = static_cast<char>(bits >> (8 * b));  // little-endian on disk
  }
  return out;
}

}  // namespace

biometrics::FingerprintTemplate internal::Probe(const std::vector<Fingerprint>& fingerprints) {
  biometrics::FingerprintTemplate probe;
  probe.res_x = probe.res_y = biometrics::kReferencePpcm;
  for (const Fingerprint& f : fingerprints) {
    auto t = ParseFingerprint(f, "fingerprints");  // parsed once already: cannot fail
    if (!t.ok()) continue;
    for (size_t v = 0; v < t->views.size(); ++v) {
      biometrics::FingerView view = biometrics::ViewAtReferenceResolution(*t, v);
      view.position = f.position;
      probe.width = std::max(probe.width, t->width);
      probe.height = std::max(probe.height, t->height);
      probe.views.push_back(std::move(view));
    }
  }
  return probe;
}

namespace {

ojson PersonJson(const Person& p) {
  ojson j = {{"surnames", p.surnames}, {"forenames", p.forenames}, {"nationalities", p.nationalities}};
  j["date_of_birth"] = p.date_of_birth ? ojson(p.date_of_birth->ToString()) : ojson(nullptr);
  j["sex"] = p.sex.empty() ? ojson(nullptr) : ojson(p.sex);
  if (p.age_in_doubt) j["age_in_doubt"] = true;
  return j;
}

// Whether the person was under the minimum age when the biometrics were taken (Art. 14(1)), the
// age read as the policy data in force on the transmission day say (the act that applies to the
// transmission; biometrics may have been taken a few days before 12 June 2026). Without a row in
// force the registry refuses, as for every other policy gap, rather than assume an age.
Result<bool> UnderMinimumAge(const Person& p, Date taken_on, Date transmitted, const rules::Policy& policy,
                             std::string* basis) {
  const rules::Parameter* which = nullptr;
  OP_ASSIGN_OR_RETURN(Period age, policy.PeriodAt("eurodac.minimum_age", transmitted, &which));
  *basis = which->legal_basis;
  if (p.age_in_doubt) return true;  // Art. 14(1): in doubt and without proof, under six
  return p.date_of_birth && taken_on < p.date_of_birth->AddYears(age.amount);
}

// A time limit in hours from the policy data (`parameter` in force on `on`).
Result<int> HoursAt(const rules::RulesData& rules, const char* parameter, Date on) {
  OP_ASSIGN_OR_RETURN(Period p, rules.policy.PeriodAt(parameter, on));
  if (p.unit != PeriodUnit::kHours) return Status::FailedPrecondition(std::string("policy: ") + parameter + " must be in hours");
  return p.amount;
}

// Whether `hours` from an event on day `from` have certainly passed by day `on`, on dates alone:
// the limit ends at the latest at the start of day from + hours/24 + 1, so only a day after
// from + hours/24 is certainly late (no false flag from the missing hour).
bool CertainlyPassed(Date from, int hours, Date on) { return from.AddDays(hours / 24) < on; }

// Whether the transmission came after the category's time limit (flag LATE_TRANSMISSION with the
// limit's basis). The exceptions the record claims (health measures, technical problems) and the
// Member State's sudden-influx notification (Art. 24(6)) are applied, and each is named with its
// basis whether or not the transmission was late.
struct TransmissionCheck {
  std::vector<std::string> flags;  // the exceptions applied, then the lateness
  std::vector<std::string> basis;  // theirs, then the limit's when late
};

Result<TransmissionCheck> CheckTransmission(const Record& r, Date transmitted, const rules::RulesData& rules) {
  const CategoryRule& c = *r.category;
  const TransmissionExceptions& ex = ExceptionsOf(c.category);
  TransmissionCheck check;
  if (r.health_measures_until) {
    // The limit runs from the end of the health reasons instead ("in deroga"): 48 hours, or, under
    // Art. 18(3), as soon as possible (nothing to flag).
    check.flags.push_back("HEALTH_MEASURES_DELAY");
    check.basis.push_back(ex.health_basis);
    if (!ex.health_has_limit) return check;
    OP_ASSIGN_OR_RETURN(int hours, HoursAt(rules, "eurodac.transmission.after_health_measures", transmitted));
    // Still due and still stored (Art. 15(1) 2nd subpara., 22(5), ...).
    if (CertainlyPassed(*r.health_measures_until, hours, transmitted)) check.flags.push_back("LATE_TRANSMISSION");
    return check;
  }
  if (*c.transmission_parameter == '\0') return check;
  OP_ASSIGN_OR_RETURN(Period p, rules.policy.PeriodAt(c.transmission_parameter, transmitted));
  int extra_hours = 0;  // the extensions of the second subparagraphs and of Art. 24(6), "at most 48 hours"
  if (r.technical_problems) {
    OP_ASSIGN_OR_RETURN(int hours, HoursAt(rules, "eurodac.transmission.technical_extension", transmitted));
    extra_hours = std::max(extra_hours, hours);
    check.flags.push_back("TECHNICAL_PROBLEMS_EXTENSION");
    check.basis.push_back(ex.technical_basis);
  }
  if (c.category == Category::kSarDisembarked &&
      rules.policy.SettingAt(r.member_state, "eurodac_sudden_influx_art_24_6", r.event_date, false)) {
    // Not added to a technical extension: each is "at most 48 hours" more than the 72 of para. 2.
    OP_ASSIGN_OR_RETURN(int hours, HoursAt(rules, "eurodac.transmission.sudden_influx_extension", transmitted));
    extra_hours = std::max(extra_hours, hours);
    check.flags.push_back("SUDDEN_INFLUX_EXTENSION");
    check.basis.push_back(kSuddenInfluxBasis);
  }
  bool late = false;
  if (p.unit == PeriodUnit::kHours) {
    const int hours = p.amount + extra_hours;
    // Held longer than the limit from the apprehension: due before the release (Art. 22(4)); a
    // transmission on the day of the release is not flagged (the hour is not known).
    if (r.held_until && CertainlyPassed(r.event_date, hours, *r.held_until)) {
      late = *r.held_until < transmitted;
    } else {
      late = CertainlyPassed(r.event_date, hours, transmitted);
    }
  } else {
    OP_ASSIGN_OR_RETURN(TimeLimit limit, ComputeTimeLimit(r.event_date, p, r.member_state, rules.calendar,
                                                          ComputationRule::kReg1182_71));
    late = CertainlyPassed(limit.end, extra_hours, transmitted);
  }
  if (late) {
    check.flags.push_back("LATE_TRANSMISSION");  // still due and still stored (Art. 15(1) 2nd subpara., 22(5), ...)
    check.basis.push_back(c.transmission_basis);
  }
  return check;
}

// A retransmission of fingerprints taken again (Art. 38(1), and the category's paragraph): flagged
// RETRANSMISSION, and LATE_RETRANSMISSION where the 48 hours from the new capture
// (biometrics_taken_on) have certainly passed; Arts. 18(3) and 20(2) say as soon as possible.
Result<TransmissionCheck> CheckRetransmission(const Record& r, Date retransmitted, const rules::RulesData& rules) {
  const TransmissionExceptions& ex = ExceptionsOf(r.category->category);
  TransmissionCheck check;
  check.flags.push_back("RETRANSMISSION");
  check.basis = {"Regulation (EU) 2024/1358, Art. 38(1)", ex.retransmission_basis};
  if (!ex.retransmission_has_limit) return check;
  OP_ASSIGN_OR_RETURN(int hours, HoursAt(rules, "eurodac.retransmission", retransmitted));
  if (CertainlyPassed(r.biometrics_taken_on, hours, retransmitted)) check.flags.push_back("LATE_RETRANSMISSION");
  return check;
}

constexpr const char* kRecordColumns =
    "id, category, member_state, reference, event_date, biometrics_taken_on, transmitted_on, erase_on, mark, "
    "person, face, synthetic, created_at, created_by";

// The store's registry generation: how many changes the registry has seen (0 before the first).
Result<int64_t> ReadGeneration(store::Store* store) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r, store->Query("SELECT value FROM setting WHERE key = 'registry.generation'"));
  if (r.rows.empty()) return int64_t{0};
  const std::string text = r.rows[0].Text(0);
  int64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) {
    return Status::Corruption("setting registry.generation is not a number: '" + text + "'");
  }
  return v;
}

}  // namespace

RegistryIndex::RegistryIndex() : gallery_(std::make_unique<biometrics::Gallery>()) {}
RegistryIndex::~RegistryIndex() = default;
RegistryIndex& RegistryIndex::operator=(RegistryIndex&&) noexcept = default;

size_t RegistryIndex::records() const { return by_id_.size(); }

size_t RegistryIndex::MemoryBytes() const { return gallery_->MemoryBytes(); }

void RegistryIndex::BuildPreselection() { gallery_->Compact(threads_); }

void RegistryIndex::Touch(size_t record) {
  if (changed_at_.size() <= record) changed_at_.resize(record + 1, 0);
  changed_at_[record] = applying_;
}

void RegistryIndex::Append(const std::string& id, const biometrics::FingerprintTemplate& fingerprints, Meta meta) {
  if (!gallery_->Add(id, fingerprints).ok()) return;
  by_id_[id] = meta_.size();
  meta_.push_back(std::move(meta));
  Touch(meta_.size() - 1);
}

void RegistryIndex::Forget(const std::string& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return;
  gallery_->Remove(it->second);
  meta_[it->second] = Meta{};  // eligible for nothing
  Touch(it->second);
  by_id_.erase(it);
}

void RegistryIndex::SetMark(const std::string& id, const std::string& mark) {
  if (auto it = by_id_.find(id); it != by_id_.end()) {
    meta_[it->second].mark = mark;
    Touch(it->second);
  }
}

Result<std::unique_ptr<RegistryIndex>> RegistryIndex::Load(store::Store* store, int threads, int64_t page_records,
                                                          bool preselection) {
  std::unique_ptr<RegistryIndex> index(new RegistryIndex());
  static std::atomic<uint64_t> loads{0};
  index->load_serial_ = ++loads;
  index->gallery_ = std::make_unique<biometrics::Gallery>(preselection);
  index->threads_ = std::max(1, threads);
  // The generation first: a change committed while the records are read makes the index look
  // older than it is, and the next comparison reloads it (never the other way round).
  OP_ASSIGN_OR_RETURN(index->generation_, ReadGeneration(store));
  // Page by page, so that a large registry's templates are never all held as text and parsed
  // records at once.
  std::string after;
  for (;;) {
    OP_ASSIGN_OR_RETURN(
        store::QueryResult rows,
        store->Query("SELECT r.id, r.category, r.member_state, r.event_date, r.mark, f.position, f.format, f.template "
                     "FROM registry_record r JOIN registry_finger f ON f.record_id = r.id WHERE r.id IN "
                     "(SELECT id FROM registry_record WHERE id > ? ORDER BY id LIMIT ?) ORDER BY r.id, f.ordinal",
                     {after, std::max<int64_t>(1, page_records)}));
    if (rows.rows.empty()) break;
    std::vector<std::pair<std::string, biometrics::FingerprintTemplate>> batch;
    for (const store::Row& row : rows.rows) {
      Fingerprint f;
      f.position = static_cast<uint8_t>(row.Int(5));
      f.format = row.Text(6);
      f.bytes = row.Bytes(7);
      const std::string id = row.Text(0);
      auto t = ParseFingerprint(f, "registry record " + id);
      if (!t.ok()) return Status::Corruption("stored template of " + id + " no longer parses: " + t.status().ToString());
      if (index->by_id_.find(id) == index->by_id_.end()) {
        index->by_id_[id] = index->meta_.size();
        index->meta_.push_back({row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
      }
      batch.emplace_back(id, std::move(*t));  // consecutive entries of one id extend its record
    }
    after = rows.rows.back().Text(0);
    OP_RETURN_IF_ERROR(index->gallery_->AddBatch(batch, index->threads_));
  }
  // Not compacted here: the pre-selection index is finished by the first pre-selected search
  // (its tables cost tens of MiB per finger position, which an exhaustive comparison never needs;
  // an index loaded without pre-selection holds no keys at all).
  return index;
}

Result<RegistryIndex*> Registry::CurrentIndex(std::unique_ptr<RegistryIndex>* temporary, int threads) {
  if (index_ != nullptr) {
    OP_ASSIGN_OR_RETURN(int64_t now, ReadGeneration(store_));
    if (now == index_->generation_) return index_;
    // Another writer changed the store: reload, and keep the reloaded index.
    OP_ASSIGN_OR_RETURN(std::unique_ptr<RegistryIndex> fresh,
                        RegistryIndex::Load(store_, index_->threads_, RegistryIndex::kDefaultPageRecords, index_->gallery_->preselection()));
    *index_ = std::move(*fresh);
    if (preselect_fraction_ < 1.0) index_->BuildPreselection();
    return index_;
  }
  OP_ASSIGN_OR_RETURN(*temporary, RegistryIndex::Load(store_, threads, RegistryIndex::kDefaultPageRecords, preselect_fraction_ < 1.0));
  // Both callers search it at once: its positions' indexes merged on `threads` threads now, not one
  // after another by the first search.
  if (preselect_fraction_ < 1.0) (*temporary)->BuildPreselection();
  return temporary->get();
}

Status Registry::Changed(std::function<void(RegistryIndex&)> change) {
  OP_RETURN_IF_ERROR(store_->Exec(
      "INSERT INTO setting (key, value) VALUES ('registry.generation', '1') ON CONFLICT (key) DO UPDATE SET "
      "value = CAST(CAST(setting.value AS BIGINT) + 1 AS TEXT)"));
  OP_ASSIGN_OR_RETURN(pending_generation_, ReadGeneration(store_));
  pending_.push_back(std::move(change));
  return Status::OK();
}

void Registry::Committed() {
  if (index_ != nullptr && !pending_.empty()) {
    // Applied only when the store holds exactly the index's state plus these changes: the
    // generation they bumped to is the store's now (they committed, and nobody wrote since) and
    // was the index's plus one per change (the index was current when they began: writers take
    // turns). Otherwise (rolled back, or another writer since) the next comparison reloads.
    auto now = ReadGeneration(store_);
    if (now.ok() && *now == pending_generation_ &&
        pending_generation_ == index_->generation_ + static_cast<int64_t>(pending_.size())) {
      for (size_t k = 0; k < pending_.size(); ++k) {
        index_->applying_ = index_->generation_ + static_cast<int64_t>(k) + 1;
        pending_[k](*index_);
      }
      index_->generation_ = pending_generation_;
    }
  }
  pending_.clear();
}

std::span<const CategoryRule> Categories() { return kCategories; }

const CategoryRule& RuleOf(Category c) { return kCategories[static_cast<size_t>(c)]; }

Result<const CategoryRule*> ParseCategory(std::string_view name, const std::string& field) {
  for (const CategoryRule& c : kCategories) {
    if (name == c.name) return &c;
  }
  std::string all;
  for (const CategoryRule& c : kCategories) all += std::string(all.empty() ? "" : ", ") + c.name;
  return Bad("unknown category '" + std::string(name) + "' (one of " + all + ")", field);
}

Result<ErasureReason> ParseErasureReason(std::string_view text, const std::string& field) {
  if (text == "citizenship_acquired") return ErasureReason::kCitizenshipAcquired;
  if (text == "inaccurate") return ErasureReason::kInaccurate;
  if (text == "unlawfully_recorded") return ErasureReason::kUnlawfullyRecorded;
  return Bad("unknown reason '" + std::string(text) +
                 "' (citizenship_acquired: Art. 30(1); inaccurate or unlawfully_recorded: Art. 40(3), (5))",
             field);
}

Result<Mark> ParseMark(std::string_view text, const std::string& field) {
  if (text == "international_protection") return Mark::kInternationalProtection;
  if (text == "residence_document") return Mark::kResidenceDocument;
  return Bad("unknown mark '" + std::string(text) +
                 "' (international_protection: Art. 31(1); residence_document: Art. 31(4))",
             field);
}

Result<Record> ParseRecord(std::string_view text, const rules::RulesData& rules) {
  OP_ASSIGN_OR_RETURN(const json j, ReadDocument(text, "record"));
  Record r;
  OP_ASSIGN_OR_RETURN(std::string category, Text(j, "category", "category", true, 64));
  OP_ASSIGN_OR_RETURN(r.category, ParseCategory(category, "category"));
  OP_ASSIGN_OR_RETURN(r.member_state, Text(j, "member_state", "member_state", true, 3));
  // EU Member States and the States associated with Dublin and Eurodac (whether each takes part is
  // the policy data's bound_by_eurodac, read when the record is transmitted: Registry::Enrol).
  OP_RETURN_IF_ERROR(rules.countries.ValidateStateOfTheSystem(r.member_state, "member_state"));
  OP_ASSIGN_OR_RETURN(r.reference, Text(j, "reference", "reference", true, 64));
  OP_ASSIGN_OR_RETURN(r.event_date, RequiredDate(j, "event_date", "event_date"));
  OP_ASSIGN_OR_RETURN(r.biometrics_taken_on, RequiredDate(j, "biometrics_taken_on", "biometrics_taken_on"));
  OP_ASSIGN_OR_RETURN(r.transmitted_on, OptionalDate(j, "transmitted_on", "transmitted_on"));
  if (r.transmitted_on && *r.transmitted_on < r.biometrics_taken_on) {
    return Bad("is before biometrics_taken_on (" + r.biometrics_taken_on.ToString() + ")", "transmitted_on");
  }
  if (auto it = j.find("person"); it != j.end() && !it->is_null()) {
    OP_ASSIGN_OR_RETURN(r.person, ParsePerson(*it, rules.countries));
  }
  if (r.person.date_of_birth && r.biometrics_taken_on < *r.person.date_of_birth) {
    return Bad("is after biometrics_taken_on (" + r.biometrics_taken_on.ToString() + ")", "person.date_of_birth");
  }
  OP_ASSIGN_OR_RETURN(r.fingerprints, ParseFingerprints(j.contains("fingerprints") ? j["fingerprints"] : json(nullptr),
                                                        &r.synthetic));
  OP_ASSIGN_OR_RETURN(r.face, ParseFace(j.contains("face") ? j["face"] : json(nullptr)));
  if (r.fingerprints.empty() && !r.face) {
    return Bad("a record needs biometric data: fingerprints, or a face where none can be taken", "fingerprints");
  }
  if (auto it = j.find("compare_own_data"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return Bad("must be true or false", "compare_own_data");
    r.compare_own_data = it->get<bool>();
  }
  OP_ASSIGN_OR_RETURN(r.held_until, OptionalDate(j, "held_until", "held_until"));
  if (r.held_until) {
    if (r.category->category != Category::kIrregularCrosser) {
      return Bad("applies to irregular_crosser records only (Regulation (EU) 2024/1358, Art. 22(4))", "held_until");
    }
    if (*r.held_until < r.event_date) return Bad("is before event_date (" + r.event_date.ToString() + ")", "held_until");
  }
  OP_ASSIGN_OR_RETURN(r.health_measures_until, OptionalDate(j, "health_measures_until", "health_measures_until"));
  if (r.health_measures_until) {
    if (*r.health_measures_until < r.event_date) {
      return Bad("is before event_date (" + r.event_date.ToString() + "): the measures must have kept the data from "
                 "being taken at the event",
                 "health_measures_until");
    }
    if (r.biometrics_taken_on < *r.health_measures_until) {
      return Bad("is after biometrics_taken_on (" + r.biometrics_taken_on.ToString() +
                     "): the data could not be taken before the health reasons ceased",
                 "health_measures_until");
    }
  }
  if (auto it = j.find("technical_problems"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return Bad("must be true or false", "technical_problems");
    r.technical_problems = it->get<bool>();
    if (r.technical_problems && *ExceptionsOf(r.category->category).technical_basis == '\0') {
      return Bad(std::string("the Regulation allows no extension for technical problems for ") + r.category->name +
                     " data (only Arts. 15(2), 22(6), 23(5), 24(5) and 26(4) do)",
                 "technical_problems");
    }
  }
  if (auto it = j.find("retransmission"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) return Bad("must be true or false", "retransmission");
    r.retransmission = it->get<bool>();
  }
  if (r.retransmission) {
    if (!r.category->recorded) {
      return Bad(std::string(r.category->name) + " data are not recorded (Art. 29(2)): there is no dataset to replace",
                 "retransmission");
    }
    if (r.fingerprints.empty()) return Bad("a retransmission sends the fingerprints taken again", "fingerprints");
    if (r.health_measures_until) return Bad("concerns the first transmission, not a retransmission", "health_measures_until");
    if (r.technical_problems) return Bad("concerns the first transmission, not a retransmission", "technical_problems");
  }
  if (r.category->category == Category::kTemporaryProtection) {
    OP_ASSIGN_OR_RETURN(Date from, rules.policy.DateAt("eurodac.temporary_protection_from_date", r.event_date));
    if (r.event_date < from) {
      return Bad("temporary-protection records are collected from " + from.ToString() +
                     " (Regulation (EU) 2024/1358, Art. 63(2))",
                 "category");
    }
    auto it = j.find("implementing_decision");
    if (it == j.end() || !it->is_object()) {
      return Bad("is required for temporary_protection: {\"reference\", \"in_force_from\"} (Art. 26(2)(p), 29(9))",
                 "implementing_decision");
    }
    ImplementingDecision d;
    OP_ASSIGN_OR_RETURN(d.reference, Text(*it, "reference", "implementing_decision.reference", true, 64));
    OP_ASSIGN_OR_RETURN(d.in_force_from, RequiredDate(*it, "in_force_from", "implementing_decision.in_force_from"));
    if (d.reference.find(kUkraineDecision) != std::string::npos) {
      return Bad("the regulation does not apply to beneficiaries of Implementing Decision (EU) 2022/382 "
                 "(Regulation (EU) 2024/1358, Art. 63(3))",
                 "implementing_decision.reference");
    }
    r.implementing_decision = d;
  }
  return r;
}

Result<Date> RetentionEnd(const Record& record, Date transmitted_on, const rules::RulesData& rules,
                          std::string* basis) {
  const CategoryRule& c = *record.category;
  if (!c.recorded) return Status::FailedPrecondition(std::string(c.name) + " data are not recorded (Art. 29(2))");
  const rules::Parameter* which = nullptr;
  OP_ASSIGN_OR_RETURN(Period p, rules.policy.PeriodAt(c.retention_parameter, transmitted_on, &which));
  if (p.unit != PeriodUnit::kYears) {
    return Status::FailedPrecondition(std::string("policy: ") + c.retention_parameter + " must be in years (" + which->where + ")");
  }
  if (basis != nullptr) *basis = which->legal_basis;
  if (c.category == Category::kTemporaryProtection) {
    if (!record.implementing_decision) return Bad("is required for temporary_protection", "implementing_decision");
    return record.implementing_decision->in_force_from.AddYears(p.amount);
  }
  return transmitted_on.AddYears(p.amount);
}

std::string SyntheticRecordJson(const SyntheticRecordSpec& spec) {
  ojson fingers = ojson::array();
  for (int f = 1; f <= spec.fingers; ++f) {
    // Seeds far apart per person and finger: independent random streams (synthetic.h).
    const uint64_t finger_seed = spec.person * 1000003ULL + static_cast<uint64_t>(f) * 7919ULL;
    const biometrics::MasterFinger master = biometrics::MakeMasterFinger(finger_seed);
    const biometrics::FingerprintTemplate t =
        biometrics::MakeImpression(master, finger_seed * 31 + spec.capture, static_cast<uint8_t>(f),
                                   static_cast<uint8_t>(spec.capture % 16));
    fingers.push_back({{"position", f}, {"format", "iso19794-2"}, {"data", crypto::ToBase64(*biometrics::WriteIso19794_2(t))}});
  }
  const std::string reference = !spec.reference.empty()
                                    ? spec.reference
                                    : spec.member_state + "-SYN-" + std::to_string(spec.person) + "-" +
                                          std::to_string(spec.capture);
  ojson j = {{"category", spec.category},
             {"member_state", spec.member_state},
             {"reference", reference},
             {"event_date", spec.event_date},
             {"biometrics_taken_on", spec.event_date},
             {"person",
              {{"surnames", {"SYNTHETIC"}},
               {"forenames", {"PERSON " + std::to_string(spec.person)}},
               {"nationalities", {"XXA"}},
               {"date_of_birth", spec.date_of_birth},
               {"sex", spec.sex.empty() ? ojson(nullptr) : ojson(spec.sex)}}},
             {"fingerprints", fingers},
             {"face", nullptr},
             {"compare_own_data", false}};
  if (!spec.transmitted_on.empty()) j["transmitted_on"] = spec.transmitted_on;
  return j.dump();
}

namespace {

// The AMMR time limit `parameter` from the day a hit was received, for `member_state` (AMMR Art.
// 75 computation, its public holidays), as {"by", "legal_basis"}.
Result<ojson> HitLimit(const rules::RulesData& rules, const char* parameter, Date received, const std::string& member_state) {
  const rules::Parameter* which = nullptr;
  OP_ASSIGN_OR_RETURN(Period period, rules.policy.PeriodAt(parameter, received, &which));
  OP_ASSIGN_OR_RETURN(TimeLimit limit, ComputeTimeLimit(received, period, member_state, rules.calendar, ComputationRule::kAmmr75));
  return ojson{{"by", limit.end.ToString()}, {"legal_basis", which->legal_basis}};
}

// Which hits serve the determination of the Member State responsible, and the AMMR limits they
// start (Regulation (EU) 2024/1351):
// - an applicant's hit on data of an irregular crossing or a disembarkation (Eurodac Arts. 22,
//   24): a take charge request within one month of the hit (Art. 39(1), 2nd subparagraph);
// - an applicant's or irregular stayer's hit on a dataset whose Member State responsible is
//   recorded (Art. 36(1)(b)), or on a person admitted under resettlement (Art. 36(1)(c)): a take
//   back notification within two weeks of the hit (Art. 41(1)).
// Those hits come first (Eurodac Art. 27(5): a hit that helps fulfil Art. 1(1)(a) prevails).
// The AMMR applies from 1 July 2026 (Art. 85), and to applications registered from then: one
// registered before is determined by the criteria of Regulation (EU) No 604/2013 (Art. 84(2)),
// whose time limits are not computed here (its text is not among the project's law texts). Such
// hits still come first, with the reason in place of the limits.
Status AddResponsibilityLimits(const rules::RulesData& rules, const Record& r, Date received, ojson* hits) {
  const Category c = r.category->category;
  if (c != Category::kApplicant && c != Category::kIllegalStayer) return Status::OK();
  OP_ASSIGN_OR_RETURN(Date ammr_from, rules.policy.DateAt("ammr.application_date", received));
  std::string not_computed;
  if (received < ammr_from) {
    not_computed = "the hit was received on " + received.ToString() + ", before Regulation (EU) 2024/1351 applies (" +
                   ammr_from.ToString() + ", Art. 85): its time limits are not computed";
  } else if (c == Category::kApplicant && r.event_date < ammr_from) {
    not_computed = "the application was registered on " + r.event_date.ToString() + ", before " + ammr_from.ToString() +
                   ": the Member State responsible is determined by the criteria of Regulation (EU) No 604/2013 "
                   "(Regulation (EU) 2024/1351, Art. 84(2)), whose time limits are not computed here";
  }
  auto limit_of = [&](const char* parameter) -> Result<ojson> {
    if (!not_computed.empty()) return ojson{{"not_computed", not_computed}};
    return HitLimit(rules, parameter, received, r.member_state);
  };
  ojson first = ojson::array(), rest = ojson::array();
  for (ojson& hit : *hits) {
    const std::string target = hit["category"];
    ojson ammr = ojson::object();
    if (c == Category::kApplicant && (target == "irregular_crosser" || target == "sar_disembarked")) {
      OP_ASSIGN_OR_RETURN(ojson limit, limit_of("ammr.take_charge_after_eurodac_hit"));
      limit["to"] = hit["member_state"];
      ammr["take_charge_request"] = limit;
    }
    const ojson& status = hit.contains("status") ? hit["status"] : ojson::object();
    const bool designated = status.contains("ms_responsible");
    const bool admitted = target == "resettlement_admitted" || target == "national_resettlement";
    if (designated || admitted) {
      OP_ASSIGN_OR_RETURN(ojson limit, limit_of("ammr.take_back_after_eurodac_hit"));
      limit["to"] = designated ? status["ms_responsible"] : hit["member_state"];
      limit["situation"] = designated ? "Regulation (EU) 2024/1351, Art. 36(1)(b)" : "Regulation (EU) 2024/1351, Art. 36(1)(c)";
      ammr["take_back_notification"] = limit;
    }
    if (ammr.empty()) {
      rest.push_back(std::move(hit));
    } else {
      hit["responsibility"] = ammr;
      first.push_back(std::move(hit));
    }
  }
  for (ojson& hit : rest) first.push_back(std::move(hit));
  *hits = std::move(first);
  return Status::OK();
}

}  // namespace

Result<store::Row> Registry::OwnRecord(const std::string& id, const std::string& columns) {
  OP_ASSIGN_OR_RETURN(store::QueryResult rec,
                      store_->Query("SELECT member_state, " + columns + " FROM registry_record WHERE id = ?", {id}));
  if (rec.rows.empty()) return Status::NotFound("no registry record with id '" + id + "'");
  if (!acting_member_state_.empty() && rec.rows[0].Text(0) != acting_member_state_) {
    // Not even whether it exists: a Member State has access to the data it transmitted (Art. 40(1)).
    return Status::NotFound("no registry record with id '" + id + "' of " + acting_member_state_);
  }
  return std::move(rec.rows[0]);
}

Result<Registry::Admission> Registry::Admit(const Record& r, Date today) const {
  if (!acting_member_state_.empty() && r.member_state != acting_member_state_) {
    return Status::PermissionDenied("this token acts for " + acting_member_state_ +
                                    ", which transmits only its own data (Regulation (EU) 2024/1358, Art. 40(3)); "
                                    "the record is " + r.member_state + "'s");
  }
  Admission a;
  a.transmitted = r.transmitted_on.value_or(today);
  if (today < a.transmitted) return Bad("is after today (" + today.ToString() + ")", "transmitted_on");
  // The recast governs what is transmitted from the day it applies (Art. 63(2)); the rules of
  // Regulation (EU) No 603/2013 before it are not in the policy data.
  OP_ASSIGN_OR_RETURN(Date applies_from, rules_->policy.DateAt("eurodac.application_date", today));
  if (a.transmitted < applies_from) {
    return Bad("is before " + applies_from.ToString() +
                   ", when Regulation (EU) 2024/1358 began to apply (Art. 63(2)): earlier transmissions fall under "
                   "Regulation (EU) No 603/2013, which this registry does not implement",
               "transmitted_on");
  }
  OP_ASSIGN_OR_RETURN(a.under_age, UnderMinimumAge(r.person, r.biometrics_taken_on, a.transmitted, rules_->policy, &a.age_basis));
  a.compared = !a.under_age && r.category->compared_on_transmission && !r.fingerprints.empty();
  return a;
}

// Who a record may be compared with (Art. 27(1)-(3)), as a mask over the index's records: the
// target categories, other Member States' data (and the sender's own when it asks), applicants
// only when marked for C2a. `pool` counts them.
std::vector<uint8_t> RegistryIndex::Eligible(const Record& r, size_t* pool) const {
  const Targets targets = TargetsOf(r.category->category);
  const bool own = targets.own_data_on_request && r.compare_own_data;
  std::vector<uint8_t> eligible(meta_.size(), 0);
  *pool = 0;
  for (size_t i = 0; i < meta_.size(); ++i) {
    const Meta& m = meta_[i];
    bool ok = std::find(targets.categories.begin(), targets.categories.end(), m.category) != targets.categories.end();
    ok = ok && (own || m.member_state != r.member_state);
    ok = ok && (!targets.applicants_marked_only || m.category != "applicant" || m.mark == "international_protection");
    eligible[i] = ok;
    *pool += ok;
  }
  return eligible;
}

// A comparison's search, run ahead on the resident index (Registry::PrecomputeComparison).
struct PrecomputedComparison::Data {
  std::string record_key;  // which record it was searched for (ComparisonKey)
  int64_t generation = 0;  // the index's when searched
  uint64_t load_serial = 0;  // and which load of it
  size_t pool = 0;
  std::vector<biometrics::Candidate> candidates;
};

namespace {

// What a comparison's result depends on in a record: who sends it, its category, whether it asks
// for its own data, and its fingerprints.
std::string FingerprintsKey(const std::vector<Fingerprint>& fingerprints) {
  std::string bytes;
  for (const Fingerprint& f : fingerprints) bytes += std::to_string(f.position) + f.format + ":" + f.bytes + "|";
  return crypto::Blake2b256Hex(bytes);
}

std::string ComparisonKey(const Record& r) {
  return r.member_state + "/" + r.category->name + "/" + (r.compare_own_data ? "own" : "") + "/" +
         FingerprintsKey(r.fingerprints);
}

// A comparison with every stored dataset (subject access, law enforcement) depends on the
// fingerprints alone.
std::string EveryRecordKey(const std::vector<Fingerprint>& fingerprints) { return "every/" + FingerprintsKey(fingerprints); }

}  // namespace

PrecomputedComparison::PrecomputedComparison() : data_(std::make_unique<Data>()) {}
PrecomputedComparison::~PrecomputedComparison() = default;

Result<std::unique_ptr<PrecomputedComparison>> Registry::PrecomputeComparison(const Record& r, Date today,
                                                                             int threads) const {
  // The same admission as Enrol's: nothing is compared that Enrol would not compare (a child
  // under six, Art. 14(1); a refused transmission; C2b, C2c, C3).
  OP_ASSIGN_OR_RETURN(Admission admitted, Admit(r, today));
  if (index_ == nullptr || !admitted.compared) return std::unique_ptr<PrecomputedComparison>();
  std::unique_ptr<PrecomputedComparison> pre(new PrecomputedComparison());
  PrecomputedComparison::Data& d = *pre->data_;
  d.record_key = ComparisonKey(r);
  d.generation = index_->generation_;
  d.load_serial = index_->load_serial_;
  biometrics::SearchOptions options = SearchOptionsFor(threads);
  const std::vector<uint8_t> eligible = index_->Eligible(r, &d.pool);  // options.eligible views it
  options.eligible = eligible;
  d.candidates = index_->gallery_->Search(Probe(r.fingerprints), options);
  return pre;
}

Result<std::unique_ptr<PrecomputedComparison>> Registry::PrecomputeSubjectAccess(std::string_view request_json,
                                                                                int threads) const {
  if (index_ == nullptr) return std::unique_ptr<PrecomputedComparison>();
  // Only the fingerprints matter here; whatever else SubjectAccess refuses, it refuses itself
  // (and audits), so a request it cannot read is simply not compared ahead.
  auto j = ReadDocument(request_json, "request");
  if (!j.ok() || !j->contains("fingerprints") || !(*j)["fingerprints"].is_array() || (*j)["fingerprints"].empty()) {
    return std::unique_ptr<PrecomputedComparison>();
  }
  bool synthetic = false;
  auto fingerprints = ParseFingerprints((*j)["fingerprints"], &synthetic);
  if (!fingerprints.ok()) return std::unique_ptr<PrecomputedComparison>();
  return PrecomputeEveryRecord(*fingerprints, threads);
}

Result<std::unique_ptr<PrecomputedComparison>> Registry::PrecomputeEveryRecord(
    const std::vector<Fingerprint>& fingerprints, int threads) const {
  if (index_ == nullptr || fingerprints.empty()) return std::unique_ptr<PrecomputedComparison>();
  std::unique_ptr<PrecomputedComparison> pre(new PrecomputedComparison());
  PrecomputedComparison::Data& d = *pre->data_;
  d.record_key = EveryRecordKey(fingerprints);
  d.generation = index_->generation_;
  d.load_serial = index_->load_serial_;
  d.candidates = SearchEveryRecord(*index_, fingerprints, threads);
  d.pool = index_->records();
  return pre;
}

std::vector<biometrics::Candidate> Registry::SearchEveryRecord(const RegistryIndex& index,
                                                               const std::vector<Fingerprint>& fingerprints,
                                                               int threads) const {
  // Every stored dataset, of every Member State (C2a is never recorded), marked ones included.
  const std::vector<uint8_t> eligible(index.meta_.size(), 1);  // options.eligible views it
  biometrics::SearchOptions options = SearchOptionsFor(threads);
  options.eligible = eligible;
  return index.gallery_->Search(Probe(fingerprints), options);
}

Result<std::vector<biometrics::Candidate>> Registry::EveryRecordCandidates(const std::vector<Fingerprint>& fingerprints,
                                                                           int threads, size_t* compared,
                                                                           const PrecomputedComparison* ahead) {
  std::unique_ptr<RegistryIndex> temporary;
  OP_ASSIGN_OR_RETURN(RegistryIndex * index, CurrentIndex(&temporary, threads));
  const std::string key = EveryRecordKey(fingerprints);
  if (SearchedFor(ahead, index, key)) {
    // Searched ahead for these fingerprints on this very index state: the same result.
    *compared = ahead->data_->pool;
    return ahead->data_->candidates;
  }
  *compared = index->records();
  // Every stored dataset (as SearchEveryRecord compares them).
  const std::vector<uint8_t> every(index->meta_.size(), 1);
  std::vector<biometrics::Candidate> candidates;
  if (CatchUp(ahead, index, key, every, *compared, Probe(fingerprints), threads, &candidates)) {
    return candidates;
  }
  return SearchEveryRecord(*index, fingerprints, threads);
}

bool Registry::SearchedFor(const PrecomputedComparison* ahead, const RegistryIndex* index, const std::string& key) const {
  // Searched ahead on this very index state (the store has not changed since) for the same input:
  // its result is the one a search now would give.
  return ahead != nullptr && index == index_ && ahead->data_->generation == index->generation_ &&
         ahead->data_->record_key == key;
}

bool Registry::CatchUp(const PrecomputedComparison* ahead, RegistryIndex* index, const std::string& key,
                       const std::vector<uint8_t>& eligible, size_t pool, const biometrics::FingerprintTemplate& probe,
                       int threads, std::vector<biometrics::Candidate>* candidates) const {
  if (ahead == nullptr || index != index_ || ahead->data_->record_key != key) return false;
  const PrecomputedComparison::Data& was = *ahead->data_;
  // A pre-selected search keeps a share of the records ranked against one another: not a sum of
  // its parts. A reload numbers the records anew.
  const bool exhaustive = preselect_fraction_ >= 1.0 || !index->gallery_->preselection();
  if (!exhaustive || was.load_serial != index->load_serial_ || was.generation >= index->generation_) {
    ++index->searched_again_;
    return false;
  }
  auto changed_since = [&](size_t record) {
    return record < index->changed_at_.size() && index->changed_at_[record] > was.generation;
  };
  const biometrics::SearchOptions options = SearchOptionsFor(threads);
  // The candidates untouched since stand as they were (their records, categories and marks are
  // the same); a touched one is compared again below if it may still be, and lost otherwise.
  std::vector<biometrics::Candidate> merged;
  bool lost = false;
  for (const biometrics::Candidate& c : was.candidates) {
    const auto it = index->by_id_.find(c.id);
    if (it != index->by_id_.end() && !changed_since(it->second)) {
      merged.push_back(c);
    } else {
      lost = lost || it == index->by_id_.end() || eligible[it->second] == 0;
    }
  }
  // Every eligible record outside a full list scored no better than its last: with one of the
  // list lost, which of them comes next is unknown.
  if (lost && was.candidates.size() >= options.top) {
    ++index->searched_again_;
    return false;
  }
  std::vector<uint8_t> touched(eligible.size(), 0);
  for (size_t i = 0; i < eligible.size(); ++i) touched[i] = eligible[i] != 0 && changed_since(i);
  biometrics::SearchOptions delta = options;
  delta.eligible = touched;
  delta.use_accelerator = false;  // a few records: an accelerator would score the whole gallery for them
  for (biometrics::Candidate& c : index->gallery_->Search(probe, delta)) merged.push_back(std::move(c));
  // The search's own order and scale (the records it could return).
  std::sort(merged.begin(), merged.end(), [](const biometrics::Candidate& a, const biometrics::Candidate& b) {
    return biometrics::RanksBefore(a.score, a.id, b.score, b.id);
  });
  if (merged.size() > options.top) merged.resize(options.top);
  for (biometrics::Candidate& c : merged) c.search_score = biometrics::SearchScore(c.score, pool);
  *candidates = std::move(merged);
  ++index->caught_up_;
  return true;
}

biometrics::SearchOptions Registry::SearchOptionsFor(int threads) const {
  biometrics::SearchOptions options;
  // Art. 27(4): every matching dataset is sent. Hits are the candidates above the threshold;
  // kMaxHits bounds the answer (a person with more stored datasets is flagged).
  options.top = kMaxHits + 1;
  options.threads = threads;
  options.preselect_fraction = preselect_fraction_;
  return options;
}

Status Registry::CheckFaceDimension(const Record& r) {
  if (!r.face) return Status::OK();
  OP_ASSIGN_OR_RETURN(store::QueryResult dim, store_->Query("SELECT value FROM setting WHERE key = 'registry.face_dimension'"));
  const std::string want = dim.rows.empty() ? "512" : dim.rows[0].Text(0);
  if (std::to_string(r.face->size()) != want) {
    return Bad("has " + std::to_string(r.face->size()) + " values; this registry stores face templates of " + want +
                   " (set by init --face-dimension)",
               "face");
  }
  return Status::OK();
}

Status Registry::InsertFingers(const std::string& id, const std::vector<Fingerprint>& fingerprints) {
  for (size_t i = 0; i < fingerprints.size(); ++i) {
    const Fingerprint& f = fingerprints[i];
    OP_RETURN_IF_ERROR(store_->Exec(
        "INSERT INTO registry_finger (record_id, ordinal, position, format, template) VALUES (?, ?, ?, ?, ?)",
        {id, int64_t(i), int64_t{f.position}, f.format, store::Blob{f.bytes}}));
  }
  return Status::OK();
}

// The dataset a retransmission replaces: the one the Member State stored under the same reference
// (Art. 38(1): "the same reference number as the previous set of data"), of the same category and
// event, whose fingerprints were taken no later than the new ones.
Result<Registry::StoredDataset> Registry::DatasetToReplace(const Record& r) {
  OP_ASSIGN_OR_RETURN(store::QueryResult q,
                      store_->Query("SELECT id, category, event_date, biometrics_taken_on, erase_on, mark FROM "
                                    "registry_record WHERE member_state = ? AND reference = ?",
                                    {r.member_state, r.reference}));
  if (q.rows.empty()) {
    return Bad("no stored dataset of " + r.member_state + " has this reference: a retransmission uses the reference of "
               "the dataset it replaces (Regulation (EU) 2024/1358, Art. 38(1))",
               "reference");
  }
  const store::Row& row = q.rows[0];
  StoredDataset d{row.Text(0), row.Text(4), row.IsNull(5) ? std::string() : row.Text(5)};
  if (row.Text(1) != r.category->name) {
    return Bad("the dataset under this reference holds " + row.Text(1) + " data", "category");
  }
  if (row.Text(2) != r.event_date.ToString()) {
    return Bad("the dataset under this reference has event_date " + row.Text(2), "event_date");
  }
  if (r.biometrics_taken_on.ToString() < row.Text(3)) {
    return Bad("is before the stored fingerprints were taken (" + row.Text(3) + "): a retransmission sends "
               "fingerprints taken again",
               "biometrics_taken_on");
  }
  return d;
}

// Replaces the stored dataset's fingerprints (and its face when one is sent), links it to what the
// new fingerprints hit, and swaps them in the resident index, in one transaction.
Status Registry::Replace(const StoredDataset& d, const Record& r, const biometrics::FingerprintTemplate& probe,
                         const std::vector<std::pair<std::string, double>>& hits, Date today) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM registry_finger WHERE record_id = ?", {d.id}));
  OP_RETURN_IF_ERROR(InsertFingers(d.id, r.fingerprints));
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_record SET biometrics_taken_on = ? WHERE id = ?",
                                  {r.biometrics_taken_on.ToString(), d.id}));
  if (r.face) {
    OP_RETURN_IF_ERROR(
        store_->Exec("UPDATE registry_record SET face = ? WHERE id = ?", {store::Blob{FaceBytes(*r.face)}, d.id}));
  }
  for (const auto& [linked, score] : hits) {
    // A dataset hit before keeps its link and the verification it had (Art. 38(4)).
    OP_RETURN_IF_ERROR(store_->Exec(
        "INSERT INTO registry_link (record_id, linked_id, score, received_on) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (record_id, linked_id) DO NOTHING",
        {d.id, linked, score, today.ToString()}));
  }
  const RegistryIndex::Meta meta{r.category->name, r.member_state, r.event_date.ToString(), d.mark};
  OP_RETURN_IF_ERROR(Changed([id = d.id, probe, meta](RegistryIndex& index) {
    index.Forget(id);
    index.Append(id, probe, meta);
  }));
  OP_RETURN_IF_ERROR(CountEvent("retransmissions", r.member_state, today));  // Art. 12(1)(q)
  return tx.Commit();
}

Result<std::string> Registry::Enrol(const Record& r, bool store_it, Date today, const std::string& created_by,
                                    int threads, const PrecomputedComparison* precomputed) {
  const CategoryRule& c = *r.category;
  OP_ASSIGN_OR_RETURN(Admission admitted, Admit(r, today));
  const Date transmitted = admitted.transmitted;
  ojson answer = {{"id", nullptr}, {"stored", false}, {"category", c.name}, {"erase_on", nullptr}};
  ojson hits = ojson::array();
  ojson flags = ojson::array();
  std::vector<std::string> basis = {c.collection_basis};
  // Whether the transmitting State takes part in Eurodac: the Regulation binds neither Denmark nor
  // Ireland (recitals 98-99), and the States associated with Dublin and Eurodac take part by their
  // agreements. Where the policy data says a State does not, its data are refused; where the data
  // is not sure, they are kept (no data lost) and the answer says so.
  const rules::MemberStateSetting* participation = nullptr;
  const bool bound = rules_->policy.SettingAt(r.member_state, "bound_by_eurodac", today, true, &participation);
  if (!bound && participation != nullptr && participation->status == rules::PolicyStatus::kInForce) {
    return Status::FailedPrecondition(r.member_state + " does not take part in Eurodac on " + today.ToString() + " (" +
                                      participation->legal_basis + ")");
  }
  if (participation != nullptr && participation->status != rules::PolicyStatus::kInForce) {
    flags.push_back("MEMBER_STATE_PARTICIPATION_UNCERTAIN");
    basis.push_back(participation->legal_basis);
  }

  if (admitted.under_age) {
    // No biometric data of a child under six are taken, compared or kept (Art. 14(1)).
    flags.push_back("UNDER_MINIMUM_AGE");
    basis.push_back(admitted.age_basis);
    answer["hits"] = hits;
    answer["flags"] = flags;
    answer["legal_basis"] = basis;
    return answer.dump(2);
  }
  // A retransmission replaces the fingerprints of the dataset stored under the same reference
  // (Art. 38(1)); its own time limit, not the first transmission's, is checked.
  std::optional<StoredDataset> previous;
  if (r.retransmission) {
    if (!store_it) {
      return Bad("a retransmission replaces a stored dataset's fingerprints: send it to be stored, not searched",
                 "retransmission");
    }
    OP_ASSIGN_OR_RETURN(previous, DatasetToReplace(r));
  }
  OP_ASSIGN_OR_RETURN(TransmissionCheck transmission, r.retransmission ? CheckRetransmission(r, transmitted, *rules_)
                                                                       : CheckTransmission(r, transmitted, *rules_));
  for (const std::string& f : transmission.flags) flags.push_back(f);
  basis.insert(basis.end(), transmission.basis.begin(), transmission.basis.end());

  // The record's fingerprints as one probe: compared now, and added to a resident index if stored.
  const biometrics::FingerprintTemplate probe = Probe(r.fingerprints);
  // Comparison (Art. 27).
  ojson comparison = {{"compared", false}};
  if (!c.compared_on_transmission) {
    comparison["reason"] = "stored as a target of later comparisons only";
    basis.push_back(std::string(kReg) + "Art. 27(1)");
  } else if (r.fingerprints.empty()) {
    comparison["reason"] = "no fingerprints; facial images are not compared";
  } else {
    const Targets targets = TargetsOf(c.category);
    const bool own = targets.own_data_on_request && r.compare_own_data;
    std::unique_ptr<RegistryIndex> temporary;
    OP_ASSIGN_OR_RETURN(RegistryIndex * index, CurrentIndex(&temporary, threads));
    size_t pool = 0;
    std::vector<biometrics::Candidate> candidates;
    const std::string key = ComparisonKey(r);  // a hash of the fingerprints: computed once
    if (SearchedFor(precomputed, index, key)) {
      // Searched ahead for this record on this very index state (the store has not changed
      // since): the same result.
      pool = precomputed->data_->pool;
      candidates = precomputed->data_->candidates;
    } else {
      const std::vector<uint8_t> eligible = index->Eligible(r, &pool);  // options.eligible views it
      // Searched ahead on an older state: brought up to date with the records changed since, or
      // searched now.
      if (!CatchUp(precomputed, index, key, eligible, pool, probe, threads, &candidates)) {
        biometrics::SearchOptions options = SearchOptionsFor(threads);
        options.eligible = eligible;
        candidates = index->gallery_->Search(probe, options);
      }
    }
    for (size_t k = 0; k < candidates.size() && k < kMaxHits; ++k) {
      const biometrics::Candidate& cand = candidates[k];
      // A hit on the search's scale: the chance that some record of those compared scores as
      // well by chance is at most the threshold's (identify.h, SearchScore).
      if (cand.search_score < biometrics::kDefaultThreshold) continue;
      if (previous && cand.id == previous->id) continue;  // the dataset being replaced
      const RegistryIndex::Meta& t = index->meta_[index->by_id_.at(cand.id)];
      hits.push_back({{"record_id", cand.id},
                      {"category", t.category},
                      {"member_state", t.member_state},
                      {"event_date", t.event_date},
                      {"score", std::round(cand.score * 10) / 10},
                      {"search_score", std::round(cand.search_score * 10) / 10},
                      {"fingers_matched", cand.fingers_matched},
                      {"marked", !t.mark.empty()}});
      // With its status data (Art. 27(4) sends Art. 17(2), 22(3), 23(3), 24(3) data too).
      OP_ASSIGN_OR_RETURN(store::QueryResult st, store_->Query("SELECT status FROM registry_record WHERE id = ?", {cand.id}));
      ojson status = st.rows.empty() ? ojson::object() : ojson::parse(st.rows[0].Text(0), nullptr, false);
      if (!status.empty()) hits.back()["status"] = status;
    }
    OP_RETURN_IF_ERROR(AddResponsibilityLimits(*rules_, r, today, &hits));  // the hit is received today
    comparison = {{"compared", true},
                  {"against", targets.categories},
                  {"own_data", own},
                  {"records", pool},
                  {"threshold", biometrics::kDefaultThreshold},
                  {"threshold_applies_to", "search_score"}};
    if (preselect_fraction_ < 1.0) comparison["preselected_share"] = preselect_fraction_;
    if (targets.applicants_marked_only) comparison["applicants"] = "marked as beneficiaries of international protection only";
    basis.push_back(targets.basis);
    if (own) basis.push_back(std::string(kReg) + "Art. 27(3)");
    if (!hits.empty()) flags.push_back("HITS_TO_VERIFY");  // by a trained expert where necessary, Art. 38(4)
    if (candidates.size() > kMaxHits && candidates[kMaxHits].search_score >= biometrics::kDefaultThreshold) {
      flags.push_back("MORE_HITS_THAN_LISTED");
    }
  }
  if (r.face) {
    flags.push_back("FACE_NOT_COMPARED");  // until Eurodac's facial-recognition software (Arts. 57(4), 63(5))
    basis.push_back(std::string(kReg) + "Art. 57(4)");
  }

  if (previous) {
    OP_RETURN_IF_ERROR(CheckFaceDimension(r));
    std::vector<std::pair<std::string, double>> links;
    for (const auto& hit : hits) links.emplace_back(hit["record_id"].get<std::string>(), hit["score"].get<double>());
    OP_RETURN_IF_ERROR(Replace(*previous, r, probe, links, today));
    answer["id"] = previous->id;
    answer["stored"] = true;
    answer["erase_on"] = previous->erase_on;
    answer["retransmission"] = true;
    // The retention period still runs from the first transmission: Art. 29 counts it from "the
    // date of transmission of the biometric data" of the dataset, which keeps its reference.
    basis.push_back(RuleOf(c.category).retention_basis);
  } else if (store_it && c.recorded) {
    std::string retention_basis;
    OP_ASSIGN_OR_RETURN(Date erase_on, RetentionEnd(r, transmitted, *rules_, &retention_basis));
    if (erase_on < today) {
      return Bad("the record's retention period ended on " + erase_on.ToString() +
                     " (Art. 29): it may no longer be stored",
                 "transmitted_on");
    }
    OP_RETURN_IF_ERROR(CheckFaceDimension(r));
    const std::string id = "edc-" + crypto::ToHex(crypto::RandomBytes(8));
    OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
    Status inserted = store_->Exec(
        std::string("INSERT INTO registry_record (") + kRecordColumns +
            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)",
        {id, std::string(c.name), r.member_state, r.reference, r.event_date.ToString(), r.biometrics_taken_on.ToString(),
         transmitted.ToString(), erase_on.ToString(), PersonJson(r.person).dump(),
         r.face ? store::Value{store::Blob{FaceBytes(*r.face)}} : store::Value{}, int64_t{r.synthetic},
         Timestamp::Now().ToString(), created_by});
    if (inserted.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("reference: " + r.member_state + " already stored a record with reference '" +
                                 r.reference + "'");
    }
    OP_RETURN_IF_ERROR(inserted);
    if (r.implementing_decision) {
      // Kept for the yearly extension of its retention (Art. 29(9); ExtendTemporaryProtection).
      OP_RETURN_IF_ERROR(store_->Exec(
          "UPDATE registry_record SET implementing_decision = ?, decision_in_force_from = ? WHERE id = ?",
          {r.implementing_decision->reference, r.implementing_decision->in_force_from.ToString(), id}));
    }
    // Each hit links the new dataset to the one it hit (Art. 3(6)), pending the final
    // identification (Art. 38(4)).
    for (const auto& hit : hits) {
      OP_RETURN_IF_ERROR(store_->Exec(
          "INSERT INTO registry_link (record_id, linked_id, score, received_on) VALUES (?, ?, ?, ?)",
          {id, hit["record_id"].get<std::string>(), hit["score"].get<double>(), today.ToString()}));
    }
    OP_RETURN_IF_ERROR(InsertFingers(id, r.fingerprints));
    const std::string category = c.name, member_state = r.member_state, event_date = r.event_date.ToString();
    OP_RETURN_IF_ERROR(Changed([id, category, member_state, event_date, probe](RegistryIndex& index) {
      index.Append(id, probe, {category, member_state, event_date, ""});
    }));
    OP_RETURN_IF_ERROR(tx.Commit());
    answer["id"] = id;
    answer["stored"] = true;
    answer["erase_on"] = erase_on.ToString();
    basis.push_back(retention_basis);
  } else if (!c.recorded) {
    // Not recorded, but counted (Art. 12: transmissions under Art. 18(1)).
    if (store_it) OP_RETURN_IF_ERROR(CountEvent("resettlement_registered_transmissions", r.member_state, transmitted));
    flags.push_back("NOT_RECORDED");
    basis.push_back(c.retention_basis);  // Art. 29(2)
  }
  answer["transmitted_on"] = transmitted.ToString();
  answer["hits"] = hits;
  answer["flags"] = flags;
  answer["comparison"] = comparison;
  answer["legal_basis"] = basis;
  if (r.synthetic) answer["synthetic"] = true;
  return answer.dump(2);
}

Result<std::vector<rules::EurodacHitFact>> Registry::ResponsibilityHits(const std::string& id, std::string* member_state) {
  OP_ASSIGN_OR_RETURN(store::Row x, OwnRecord(id, "category"));
  if (x.Text(1) != "applicant") {
    return Status::InvalidArgument("record " + id + " holds " + x.Text(1) + " data; a responsibility case concerns an "
                                   "applicant's record (Regulation (EU) 2024/1358, Art. 15)",
                                   "record");
  }
  *member_state = x.Text(0);
  // The hits of the applicant's own comparison (Art. 27); a hit rejected in the final
  // identification was erased with its link (Art. 38(5)).
  OP_ASSIGN_OR_RETURN(store::QueryResult links,
                      store_->Query("SELECT r.category, r.member_state, r.event_date, l.received_on, r.status, r.id "
                                    "FROM registry_link l JOIN registry_record r ON r.id = l.linked_id "
                                    "WHERE l.record_id = ? AND l.verification <> 'rejected' ORDER BY l.received_on, r.id",
                                    {id}));
  std::vector<rules::EurodacHitFact> out;
  for (const store::Row& l : links.rows) {
    rules::EurodacHitFact h;
    h.category = l.Text(0);
    if (h.category == "resettlement_registered" || h.category == "resettlement_refused") continue;  // no AMMR effect
    h.member_state = l.Text(1);
    OP_ASSIGN_OR_RETURN(h.date, Date::Parse(l.Text(2), "registry record " + l.Text(5) + " event_date"));
    OP_ASSIGN_OR_RETURN(h.hit_received_on, Date::Parse(l.Text(3), "registry link received_on"));
    const ojson status = ojson::parse(l.Text(4), nullptr, false);
    if (status.is_object() && status.contains("ms_responsible") && status["ms_responsible"].is_string()) {
      h.responsible_member_state = status["ms_responsible"].get<std::string>();
    }
    // Art. 16(2)(c): an applicant who left the territory of the Member States (AMMR Art. 37(4)).
    if (h.category == "applicant" && status.is_object() && status.contains("left_territory_on") &&
        status["left_territory_on"].is_string()) {
      OP_ASSIGN_OR_RETURN(Date left, Date::Parse(status["left_territory_on"].get<std::string>(),
                                                 "registry record " + l.Text(5) + " left_territory_on"));
      h.left_territory_on = left;
    }
    // Arts. 17(2)(b), 25: the applicant's relocation, confirmed (the Member State of relocation
    // recorded) and done (the arrival there recorded) (AMMR Art. 38(5)).
    if (h.category == "applicant" && status.is_object() && status.contains("ms_of_relocation") &&
        status["ms_of_relocation"].is_string()) {
      h.relocation_member_state = status["ms_of_relocation"].get<std::string>();
    }
    if ((h.category == "applicant" || h.category == "illegal_stayer") && status.is_object() &&
        status.contains("arrived_after_relocation_on") && status["arrived_after_relocation_on"].is_string()) {
      OP_ASSIGN_OR_RETURN(Date arrived, Date::Parse(status["arrived_after_relocation_on"].get<std::string>(),
                                                    "registry record " + l.Text(5) + " arrived_after_relocation_on"));
      h.arrived_after_relocation_on = arrived;
    }
    // Art. 16(2)(d): an applicant who left or was removed under a return decision (AMMR Art. 37(5)).
    if (h.category == "applicant" && status.is_object() && status.contains("removed_or_left_on") &&
        status["removed_or_left_on"].is_string()) {
      OP_ASSIGN_OR_RETURN(Date left, Date::Parse(status["removed_or_left_on"].get<std::string>(),
                                                 "registry record " + l.Text(5) + " removed_or_left_on"));
      h.left_under_return_decision_on = left;
    }
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::string> Registry::ShowByReference(const std::string& member_state, const std::string& reference) {
  OP_ASSIGN_OR_RETURN(store::QueryResult r,
                      store_->Query("SELECT id FROM registry_record WHERE member_state = ? AND reference = ?",
                                    {member_state, reference}));
  if (r.rows.empty()) {
    return Status::NotFound("no registry record of " + member_state + " with reference '" + reference + "'");
  }
  return Show(r.rows[0].Text(0));
}

Result<std::string> Registry::Show(const std::string& id) {
  // Column 0 is the Member State again; the record's columns follow from 1, its status last.
  OP_ASSIGN_OR_RETURN(store::Row x, OwnRecord(id, std::string(kRecordColumns) + ", status"));
  ojson person = ojson::parse(x.Text(10), nullptr, false);
  if (person.is_discarded()) return Status::Corruption("registry record " + id + ": stored person data are not valid JSON");
  ojson out = {{"id", x.Text(1)},           {"category", x.Text(2)},   {"member_state", x.Text(3)},
              {"reference", x.Text(4)},    {"event_date", x.Text(5)}, {"biometrics_taken_on", x.Text(6)},
              {"transmitted_on", x.Text(7)}, {"erase_on", x.Text(8)},  {"marked", !x.IsNull(9)}, {"mark", x.IsNull(9) ? ojson(nullptr) : ojson(x.Text(9))},
              {"person", person}};
  OP_ASSIGN_OR_RETURN(store::QueryResult fingers,
                      store_->Query("SELECT position, format, template FROM registry_finger WHERE record_id = ? "
                                    "ORDER BY ordinal",
                                    {id}));
  ojson list = ojson::array();
  for (const store::Row& f : fingers.rows) {
    Fingerprint fp;
    fp.position = static_cast<uint8_t>(f.Int(0));
    fp.format = f.Text(1);
    fp.bytes = f.Bytes(2);
    auto t = ParseFingerprint(fp, "registry record " + id);
    size_t minutiae = 0;
    if (t.ok()) {
      for (const auto& v : t->views) minutiae += v.minutiae.size();
    }
    list.push_back({{"position", fp.position}, {"format", fp.format}, {"bytes", fp.bytes.size()},
                    {"minutiae", t.ok() ? ojson(minutiae) : ojson(nullptr)}});
  }
  // The record's links: the hits of its own comparison; for the central operator also the later
  // records whose comparison hit it (a Member State sees its comparisons' results: Art. 40(1)).
  OP_ASSIGN_OR_RETURN(store::QueryResult links,
                      acting_member_state_.empty()
                          ? store_->Query("SELECT linked_id, score, received_on, verification FROM registry_link WHERE "
                                          "record_id = ? UNION ALL SELECT record_id, score, received_on, verification "
                                          "FROM registry_link WHERE linked_id = ? ORDER BY 3, 1",
                                          {id, id})
                          : store_->Query("SELECT linked_id, score, received_on, verification FROM registry_link WHERE "
                                          "record_id = ? ORDER BY 3, 1",
                                          {id}));
  ojson linked = ojson::array();
  for (const store::Row& l : links.rows) {
    linked.push_back({{"record_id", l.Text(0)}, {"score", l.Real(1)}, {"hit_on", l.Text(2)}, {"verification", l.Text(3)}});
  }
  out["links"] = linked;
  out["status"] = ojson::parse(x.Text(15), nullptr, false);
  out["fingerprints"] = list;
  out["face"] = x.IsNull(11) ? ojson(nullptr) : ojson({{"dimension", x.Bytes(11).size() / 4}});
  if (x.Int(12) != 0) out["synthetic"] = true;
  out["created_at"] = x.Text(13);
  return out.dump(2);
}

Result<std::string> Registry::Erase(const std::string& id, ErasureReason reason) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::Row rec, OwnRecord(id, "category, erase_on"));
  const std::string category = rec.Text(1);
  std::string basis;
  switch (reason) {
    case ErasureReason::kCitizenshipAcquired:
      // Art. 30(1) lists the periods of Art. 29(1), (3) and (5)-(9), not 29(4): read literally,
      // citizenship does not end a refused or discontinued resettlement record early. Erasure
      // cannot be undone, so it waits for a reading of the law (rules.md EUR-05, UNCERTAIN).
      if (category == "resettlement_refused") {
        return Status::FailedPrecondition(
            "Art. 30(1) does not list the Art. 29(4) period of resettlement_refused records (UNCERTAIN whether "
            "intended): not erased early for citizenship; erase it as inaccurate or unlawfully_recorded if that applies");
      }
      basis = std::string(kReg) + "Art. 30(1)";
      break;
    case ErasureReason::kInaccurate:
    case ErasureReason::kUnlawfullyRecorded:
      basis = std::string(kReg) + "Art. 40(3), (5)";
      break;
  }
  std::vector<std::string> notified;
  if (reason == ErasureReason::kCitizenshipAcquired) {
    // Told before the record goes: the notifications name it (Art. 30(2)).
    OP_ASSIGN_OR_RETURN(notified, Notify(id, "erased_citizenship_acquired"));
  }
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM registry_record WHERE id = ?", {id}));
  OP_RETURN_IF_ERROR(Changed([id](RegistryIndex& index) { index.Forget(id); }));
  OP_RETURN_IF_ERROR(tx.Commit());
  ojson out = {{"erased", id}, {"category", category}, {"member_state", rec.Text(0)},
              {"retention_would_have_ended", rec.Text(2)}, {"legal_basis", basis}};
  if (reason == ErasureReason::kCitizenshipAcquired) out["notified"] = notified;
  return out.dump(2);
}

Result<std::string> Registry::Expire(Date at, Date today) {
  if (today < at) {
    return Bad("is after today (" + today.ToString() +
                   "): records whose retention period has not ended may not be erased in advance",
               "--at");
  }
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  // Bound to a Member State, only its own records (Art. 40(3)); the server's daily run, all.
  std::string where = " WHERE erase_on < ?";
  std::vector<store::Value> params = {at.ToString()};
  if (!acting_member_state_.empty()) {
    where += " AND member_state = ?";
    params.emplace_back(acting_member_state_);
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult expired,
                      store_->Query("SELECT id, category FROM registry_record" + where + " ORDER BY id", params));
  OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM registry_record" + where, params));
  int64_t total = 0;
  ojson by = ojson::object();
  std::vector<std::string> gone;
  for (const store::Row& row : expired.rows) {
    by[row.Text(1)] = by.value(row.Text(1), int64_t{0}) + 1;
    ++total;
    gone.push_back(row.Text(0));
  }
  if (!gone.empty()) {
    OP_RETURN_IF_ERROR(Changed([gone = std::move(gone)](RegistryIndex& index) {
      for (const std::string& id : gone) index.Forget(id);
    }));
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  ojson out = {{"erased", total}, {"by_category", by}, {"retention_ended_before", at.ToString()},
              {"legal_basis", std::string(kReg) + "Art. 29(10)"}};
  return out.dump(2);
}

Result<std::string> Registry::ExtendTemporaryProtection(const std::string& decision, Date protection_until,
                                                        std::string_view basis_text) {
  const json decision_given = decision, basis_given = std::string(basis_text);
  OP_ASSIGN_OR_RETURN(std::string reference, TextValue(&decision_given, "decision", true, 64));
  OP_ASSIGN_OR_RETURN(std::string basis, TextValue(&basis_given, "basis", true, 500));
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  std::string sql =
      "SELECT id, erase_on, decision_in_force_from FROM registry_record WHERE category = 'temporary_protection' AND "
      "implementing_decision = ?";
  std::vector<store::Value> params = {reference};
  if (!acting_member_state_.empty()) {  // a Member State manages its own data's retention (Art. 40(3))
    sql += " AND member_state = ?";
    params.emplace_back(acting_member_state_);
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult rows, store_->Query(sql + " ORDER BY id", params));
  int64_t extended = 0, unchanged = 0;
  ojson ends = ojson::object();
  for (const store::Row& row : rows.rows) {
    OP_ASSIGN_OR_RETURN(Date erase_on, Date::Parse(row.Text(1), "erase_on"));
    OP_ASSIGN_OR_RETURN(Date in_force, Date::Parse(row.Text(2), "decision_in_force_from"));
    // Extended a year at a time, on the anniversaries of the decision's entry into force, until
    // the protection has ended; never shortened.
    Date end = erase_on;
    for (int years = 1; end < protection_until && years <= 100; ++years) end = std::max(end, in_force.AddYears(years));
    if (end == erase_on) {
      ++unchanged;
      continue;
    }
    OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_record SET erase_on = ? WHERE id = ?", {end.ToString(), row.Text(0)}));
    ++extended;
    ends[end.ToString()] = ends.value(end.ToString(), int64_t{0}) + 1;
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  return ojson({{"decision", reference},
                {"protection_until", protection_until.ToString()},
                {"records_extended", extended},
                {"records_unchanged", unchanged},
                {"erase_on", ends},
                {"extension_basis", basis},
                {"legal_basis", std::string(kReg) + "Art. 29(9)"}})
      .dump(2);
}

namespace {

const char* MarkName(Mark m) { return m == Mark::kInternationalProtection ? "international_protection" : "residence_document"; }

// The categories each mark may be set on: Art. 31(1) data recorded under Art. 17 (applicants);
// Art. 31(4) data recorded under Arts. 22(2), 23(2) and 24(2).
bool MarkFits(Mark m, const std::string& category) {
  if (m == Mark::kInternationalProtection) return category == "applicant";
  return category == "irregular_crosser" || category == "illegal_stayer" || category == "sar_disembarked";
}


// A status field (Arts. 17(2), 22(3), 23(3), 24(3)) and the categories whose data include it,
// each with its point.
enum class StatusType { kMemberState, kDate, kFlag, kVisa, kSecurityThreat };
struct StatusField {
  const char* name;
  StatusType type;
  std::vector<std::pair<const char*, const char*>> categories;  // (category, legal basis)
};

const std::vector<StatusField>& StatusFields() {
  static const std::vector<StatusField> fields = {
      {"ms_responsible", StatusType::kMemberState, {{"applicant", "Art. 16(1)-(3), 17(2)(a)"}}},
      {"ms_of_relocation",
       StatusType::kMemberState,
       {{"applicant", "Art. 17(2)(b), 25(1)"},
        {"irregular_crosser", "Art. 22(3)(b), 25(1)"},
        {"illegal_stayer", "Art. 23(3)(b), 25(1)"},
        {"sar_disembarked", "Art. 24(3)(d), 25(1)"}}},
      {"arrived_after_take_charge_on", StatusType::kDate, {{"applicant", "Art. 16(2)(a), 17(2)(c)"}}},
      {"arrived_after_take_back_on", StatusType::kDate, {{"applicant", "Art. 16(2)(b), 17(2)(d)"}}},
      {"left_territory_on", StatusType::kDate, {{"applicant", "Art. 16(2)(c), 17(2)(e)"}}},
      {"removed_or_left_on",
       StatusType::kDate,
       {{"applicant", "Art. 16(2)(d), 17(2)(f)"},
        {"irregular_crosser", "Art. 22(3)(a), 22(7)"},
        {"illegal_stayer", "Art. 23(3)(a), 23(6)"},
        {"sar_disembarked", "Art. 24(3)(c), 24(8)"}}},
      {"arrived_after_relocation_on",
       StatusType::kDate,
       {{"applicant", "Art. 17(2)(g), 25(2)"}, {"illegal_stayer", "Art. 23(3)(c), 25(2)"}}},
      {"visa", StatusType::kVisa, {{"applicant", "Art. 17(2)(h)"}}},
      {"security_threat",
       StatusType::kSecurityThreat,
       {{"applicant", "Art. 17(2)(i)"},
        {"irregular_crosser", "Art. 22(3)(d)"},
        {"illegal_stayer", "Art. 23(3)(e)"},
        {"sar_disembarked", "Art. 24(3)(f)"}}},
      {"rejected_without_right_to_remain", StatusType::kFlag, {{"applicant", "Art. 17(2)(j)"}}},
      {"border_procedure_decision_final", StatusType::kFlag, {{"applicant", "Art. 17(2)(k)"}}},
      {"avrr_granted",
       StatusType::kFlag,
       {{"applicant", "Art. 17(2)(l)"},
        {"irregular_crosser", "Art. 22(3)(c)"},
        {"illegal_stayer", "Art. 23(3)(d)"},
        {"sar_disembarked", "Art. 24(3)(e)"}}},
  };
  return fields;
}

// The grounds of the security flag (Art. 17(2)(i)(i)-(iv) and its twins). Recital 8 narrows
// them: illegally armed, violent as a criminal offence would be, clear indications.
constexpr const char* kThreatGrounds[] = {"armed", "violent", "terrorist_offence_indications", "eaw_offence_indications"};

Status CheckStatusValue(const StatusField& f, const json& v, const std::string& field, Date event, Date today,
                        const CountryRegistry& countries) {
  switch (f.type) {
    case StatusType::kMemberState:  // the States of the Dublin system, associated ones included
      if (!v.is_string()) return Bad("must be a Member State's alpha-3 code", field);
      return countries.ValidateStateOfTheSystem(v.get<std::string>(), field);
    case StatusType::kDate: {
      if (!v.is_string()) return Bad("must be a date YYYY-MM-DD", field);
      OP_ASSIGN_OR_RETURN(Date d, Date::Parse(v.get<std::string>(), field));
      if (d < event) return Bad("is before the record's event (" + event.ToString() + ")", field);
      if (today < d) return Bad("is after today (" + today.ToString() + ")", field);
      return Status::OK();
    }
    case StatusType::kFlag:
      if (!v.is_boolean()) return Bad("must be true or false", field);
      return Status::OK();
    case StatusType::kVisa: {
      if (!v.is_object()) return Bad("must be {\"member_state\", \"application_number\"}", field);
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (it.key() != "member_state" && it.key() != "application_number") return Bad("unknown field", field + "." + it.key());
      }
      if (!v.contains("member_state") || !v["member_state"].is_string()) {
        return Bad("is required: the Member State that issued or extended the visa", field + ".member_state");
      }
      // Schengen visas: the associated States issue them too.
      OP_RETURN_IF_ERROR(countries.ValidateStateOfTheSystem(v["member_state"].get<std::string>(), field + ".member_state"));
      OP_ASSIGN_OR_RETURN(std::string number, Text(v, "application_number", field + ".application_number", true, 64));
      return Status::OK();
    }
    case StatusType::kSecurityThreat: {
      if (!v.is_object() || !v.contains("grounds") || !v["grounds"].is_array() || v["grounds"].empty()) {
        return Bad("must be {\"grounds\": [...]} with at least one of armed, violent, terrorist_offence_indications, "
                   "eaw_offence_indications",
                   field);
      }
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (it.key() != "grounds") return Bad("unknown field", field + "." + it.key());
      }
      for (size_t i = 0; i < v["grounds"].size(); ++i) {
        const json& g = v["grounds"][i];
        const bool known = g.is_string() && std::find_if(std::begin(kThreatGrounds), std::end(kThreatGrounds), [&](const char* k) {
                                              return g.get<std::string>() == k;
                                            }) != std::end(kThreatGrounds);
        if (!known) {
          return Bad("must be armed, violent, terrorist_offence_indications or eaw_offence_indications",
                     field + ".grounds[" + std::to_string(i) + "]");
        }
      }
      return Status::OK();
    }
  }
  return Status::OK();
}

}  // namespace

Result<std::string> Registry::UpdateStatus(const std::string& id, std::string_view patch_json,
                                           std::optional<Date> today_given) {
  OP_ASSIGN_OR_RETURN(json patch, ParseBoundedJson(patch_json, "status"));
  if (!patch.is_object() || patch.empty()) return Bad("must be a JSON object of status fields", "status");
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  // Only the Member State of origin (Art. 40(3)).
  OP_ASSIGN_OR_RETURN(store::Row rec, OwnRecord(id, "category, event_date, status, mark"));
  const std::string category = rec.Text(1);
  OP_ASSIGN_OR_RETURN(Date event, Date::Parse(rec.Text(2), "event_date"));
  const Date today = today_given ? *today_given : LocalDate(Timestamp::Now(), rec.Text(0));
  json status = json::parse(rec.Text(3), nullptr, false);
  if (!status.is_object()) return Status::Corruption("registry record " + id + ": stored status is not a JSON object");
  const json stored_responsible = status.value("ms_responsible", json());
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const std::string field = "status." + it.key();
    const auto& fields = StatusFields();
    auto f = std::find_if(fields.begin(), fields.end(), [&](const StatusField& x) { return it.key() == x.name; });
    if (f == fields.end()) return Bad("unknown status field", field);
    auto c = std::find_if(f->categories.begin(), f->categories.end(), [&](const auto& x) { return category == x.first; });
    if (c == f->categories.end()) return Bad("is not a status field of " + category + " records", field);
    if (it->is_null()) {
      status.erase(it.key());  // removed (the security flag: Art. 17(4))
      continue;
    }
    OP_RETURN_IF_ERROR(CheckStatusValue(*f, *it, field, event, today, rules_->countries));
    status[it.key()] = *it;
  }
  // Art. 31(6): the Member State of relocation, having recorded the arrival of a beneficiary of
  // international protection relocated under Regulation (EU) 2024/1351, Art. 68(4) (the 25(2)
  // data), registers itself as responsible and puts on its data the mark of the Member State that
  // granted protection: the mark of a verified hit's record of another Member State.
  ojson relocation;
  if (category == "applicant" && patch.contains("arrived_after_relocation_on") &&
      patch["arrived_after_relocation_on"].is_string()) {
    bool responsible = false;
    OP_ASSIGN_OR_RETURN(std::string answer, RelocatedBeneficiary(id, rec.Text(0), rec.Text(4), &responsible));
    relocation = ojson::parse(answer);
    if (responsible) status["ms_responsible"] = rec.Text(0);
  }
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_record SET status = ? WHERE id = ?", {status.dump(), id}));
  // The Member State responsible recorded or changed (16(1), (3)): the others are told (16(4)).
  std::optional<std::vector<std::string>> notified;
  const json responsible = status.value("ms_responsible", json());
  if (responsible.is_string() && responsible != stored_responsible) {
    OP_ASSIGN_OR_RETURN(notified, Notify(id, "ms_responsible_recorded", responsible.get<std::string>()));
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  ojson basis = ojson::object();
  for (auto it = status.begin(); it != status.end(); ++it) {
    for (const StatusField& f : StatusFields()) {
      if (it.key() != f.name) continue;
      for (const auto& [cat, article] : f.categories) {
        if (cat == category) basis[it.key()] = std::string(kReg) + article;
      }
    }
  }
  ojson out = {{"id", id}, {"status", ojson::parse(status.dump())}, {"legal_basis", basis}};
  if (notified) out["notified"] = *notified;
  if (!relocation.is_null()) out["relocation"] = relocation;
  if (status.contains("security_threat")) {
    // What the flag is and is not (recitals 7-8).
    out["note"] =
        "security flag: only where the person is illegally armed, violent as a criminal offence would be, or clear "
        "indications exist (recital 8); it does not replace the individual examination (recital 7); removed by the "
        "Member State of origin once the threat has ceased (Art. 17(4))";
  }
  return out.dump(2);
}

Result<std::string> Registry::Rectify(const std::string& id, std::string_view patch_json) {
  OP_ASSIGN_OR_RETURN(json patch, ParseBoundedJson(patch_json, "person"));
  if (!patch.is_object() || patch.empty()) return Bad("must be a JSON object of person fields", "person");
  static const std::set<std::string> kFields = {"surnames", "forenames", "nationalities", "date_of_birth", "sex",
                                                "age_in_doubt"};
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    if (kFields.count(it.key()) == 0) return Bad("unknown person field", "person." + it.key());
  }
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  // Only the Member State of origin modifies the data it transmitted (Art. 40(3)).
  OP_ASSIGN_OR_RETURN(store::Row rec, OwnRecord(id, "person, biometrics_taken_on, transmitted_on"));
  json stored = json::parse(rec.Text(1), nullptr, false);
  if (!stored.is_object()) return Status::Corruption("registry record " + id + ": stored person data are not an object");
  json merged = stored;
  merged.merge_patch(patch);
  OP_ASSIGN_OR_RETURN(Person person, ParsePerson(merged, rules_->countries));
  OP_ASSIGN_OR_RETURN(Date taken_on, Date::Parse(rec.Text(2), "biometrics_taken_on"));
  OP_ASSIGN_OR_RETURN(Date transmitted, Date::Parse(rec.Text(3), "transmitted_on"));
  std::string age_basis;
  OP_ASSIGN_OR_RETURN(bool under_age, UnderMinimumAge(person, taken_on, transmitted, rules_->policy, &age_basis));
  if (under_age) {
    return Bad("makes the person a child under the minimum age when the biometric data were taken (" + age_basis +
                   "): such data are not kept; erase the record as unlawfully recorded (Art. 40(5)) instead",
               patch.contains("date_of_birth") ? "person.date_of_birth" : "person.age_in_doubt");
  }
  const ojson rectified = PersonJson(person);
  ojson changed = ojson::array();
  for (auto it = rectified.begin(); it != rectified.end(); ++it) {
    const json before = stored.value(it.key(), json());
    if (json::parse(it.value().dump()) != before) changed.push_back(it.key());
  }
  if (stored.value("age_in_doubt", false) && !person.age_in_doubt) changed.push_back("age_in_doubt");
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_record SET person = ? WHERE id = ?", {rectified.dump(), id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  const ojson out = {{"id", id},
                     {"person", rectified},
                     {"changed", changed},
                     {"legal_basis", {std::string(kReg) + "Art. 40(3)", std::string(kReg) + "Art. 43(4)"}},
                     {"note", "confirm the rectification to the person in writing (Art. 43(4))"}};
  return out.dump(2);
}

Result<std::string> Registry::ReportInaccuracy(const std::string& id, bool unlawful, const std::string& note) {
  if (note.size() > 1000) return Bad("at most 1,000 characters", "note");
  const char* event = unlawful ? "unlawful_recording_reported" : "inaccuracy_reported";
  const std::string basis = std::string(kReg) + (unlawful ? "Art. 40(5), second subparagraph" : "Art. 40(5), first subparagraph");
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::QueryResult rec,
                      store_->Query("SELECT member_state, reference, category FROM registry_record WHERE id = ?", {id}));
  const std::string reporter = acting_member_state_.empty() ? "eu-LISA" : acting_member_state_;
  if (rec.rows.empty()) return Status::NotFound("no registry record with id '" + id + "'");
  const std::string origin = rec.rows[0].Text(0);
  if (origin == acting_member_state_) {
    return Status::FailedPrecondition("record " + id + " is " + origin + "'s own: the Member State of origin rectifies "
                                      "or erases its data itself (Art. 40(3): registry rectify, registry erase)");
  }
  if (unlawful && acting_member_state_.empty()) {
    return Status::FailedPrecondition("Art. 40(5), second subparagraph: a Member State reports data recorded in breach "
                                      "of the Regulation (to eu-LISA, the Commission and the Member State of origin)");
  }
  ojson body = {{"event", event},
                {"legal_basis", basis},
                {"about", {{"member_state", reporter}, {"reference", nullptr}, {"category", nullptr}}},  // eu-LISA
                {"your_record", {{"id", id}, {"reference", rec.rows[0].Text(1)}, {"category", rec.rows[0].Text(2)}}},
                {"follow_up",
                 {{"action", "check"},
                  {"then", "rectify or erase the data without delay where they are inaccurate or unlawfully recorded"},
                  {"legal_basis", basis}}}};
  // A Member State reports a record it has seen through a hit on one of its own (Art. 40(1));
  // eu-LISA sees every record.
  std::optional<std::string> own_record;
  if (!acting_member_state_.empty()) {
    OP_ASSIGN_OR_RETURN(SeenThrough seen, RecordSeenThroughHit(id));
    own_record = seen.id;
    body["about"] = {{"member_state", reporter}, {"reference", seen.reference}, {"category", seen.category}};
  }
  if (!note.empty()) body["note"] = note;
  OP_RETURN_IF_ERROR(StoreNotification(origin, id, own_record, event, body.dump()));
  OP_RETURN_IF_ERROR(tx.Commit());
  ojson out = {{"reported", id}, {"to", origin}, {"event", event}, {"legal_basis", basis}};
  if (unlawful) {
    out["note"] = "also inform eu-LISA and the Commission (Art. 40(5), second subparagraph); the Member State of origin "
                  "checks the data and modifies or erases them without delay";
  } else {
    out["note"] = "the Member State of origin checks the data and rectifies or erases them (Arts. 40(3), 43(4))";
  }
  return out.dump(2);
}

Result<std::string> Registry::RelocatedBeneficiary(const std::string& id, const std::string& member_state,
                                                   const std::string& mark, bool* now_responsible) {
  *now_responsible = false;
  OP_ASSIGN_OR_RETURN(store::QueryResult marked,
                      store_->Query("SELECT r.id, r.member_state, r.reference, l.verification FROM registry_link l "
                                    "JOIN registry_record r ON r.id = l.linked_id WHERE l.record_id = ? "
                                    "AND r.mark = 'international_protection' AND r.member_state <> ? "
                                    "UNION ALL SELECT r.id, r.member_state, r.reference, l.verification FROM registry_link l "
                                    "JOIN registry_record r ON r.id = l.record_id WHERE l.linked_id = ? "
                                    "AND r.mark = 'international_protection' AND r.member_state <> ? ORDER BY 1",
                                    {id, member_state, id, member_state}));
  const store::Row* granted = nullptr;
  std::vector<std::string> pending;
  for (const store::Row& row : marked.rows) {
    if (row.Text(3) == "confirmed" && granted == nullptr) granted = &row;
    if (row.Text(3) == "pending") pending.push_back(row.Text(0));
  }
  const std::string basis = std::string(kReg) + "Art. 31(6)";
  if (granted == nullptr) {
    if (pending.empty()) {
      return ojson({{"legal_basis", basis},
                    {"note", "no hit of this record carries another Member State's mark of international protection: "
                             "not a beneficiary relocated under Regulation (EU) 2024/1351, Art. 68(4), as far as "
                             "Eurodac shows; nothing is marked"}})
          .dump();
    }
    return ojson({{"legal_basis", basis},
                  {"flags", {"RELOCATION_HIT_NOT_VERIFIED"}},
                  {"note", "the hit on " + pending.front() + " carries the mark of international protection but is not "
                           "verified (Art. 38(4)): verify it, then record the arrival again to register this Member "
                           "State as responsible and mark the data (Art. 31(6))"}})
        .dump();
  }
  if (!mark.empty() && mark != "international_protection") {
    return Status::FailedPrecondition("record " + id + " carries a " + mark +
                                      " mark: Art. 31(6) puts the mark of international protection on it");
  }
  *now_responsible = true;
  if (mark.empty()) {
    OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_record SET mark = 'international_protection' WHERE id = ?", {id}));
    OP_RETURN_IF_ERROR(Changed([id](RegistryIndex& index) { index.SetMark(id, "international_protection"); }));
  }
  return ojson({{"legal_basis", basis},
                {"ms_responsible", member_state},
                {"mark", "international_protection"},
                {"mark_of", {{"record_id", granted->Text(0)}, {"member_state", granted->Text(1)},
                             {"reference", granted->Text(2)}}},
                {"note", "the Member State of relocation registers itself as responsible and marks its data with the "
                         "mark of the Member State that granted protection (Art. 31(6); Regulation (EU) 2024/1351, "
                         "Art. 68(4))"}})
      .dump();
}

Result<std::string> Registry::VerifyHit(const std::string& id, const std::string& hit, bool confirmed,
                                        std::optional<Date> today_given) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  // Recorded by the Member State that received the result (Art. 38(4)).
  OP_ASSIGN_OR_RETURN(store::Row rec, OwnRecord(id, "reference"));
  const std::string ms = rec.Text(0), reference = rec.Text(1);
  OP_ASSIGN_OR_RETURN(store::QueryResult link,
                      store_->Query("SELECT l.received_on, l.verification, r.member_state, r.reference FROM registry_link l "
                                    "JOIN registry_record r ON r.id = l.linked_id WHERE l.record_id = ? AND l.linked_id = ?",
                                    {id, hit}));
  if (link.rows.empty()) return Status::NotFound("record " + id + " has no hit on '" + hit + "'");
  if (link.rows[0].Text(1) != "pending") {
    return Status::FailedPrecondition("the hit of " + id + " on " + hit + " was " + link.rows[0].Text(1) + " already");
  }
  ojson out = {{"record_id", id}, {"hit", hit}, {"result", confirmed ? "confirmed" : "rejected"}};
  if (confirmed) {
    OP_RETURN_IF_ERROR(store_->Exec(
        "UPDATE registry_link SET verification = 'confirmed' WHERE record_id = ? AND linked_id = ?", {id, hit}));
    out["legal_basis"] = {std::string(kReg) + "Art. 38(4)", std::string(kReg) + "Art. 3(6)"};
  } else {
    OP_ASSIGN_OR_RETURN(Date received, Date::Parse(link.rows[0].Text(0), "received_on"));
    const rules::Parameter* which = nullptr;
    OP_ASSIGN_OR_RETURN(Period period, rules_->policy.PeriodAt("eurodac.unconfirmed_hit_notice", received, &which));
    OP_ASSIGN_OR_RETURN(TimeLimit limit, ComputeTimeLimit(received, period, ms, rules_->calendar, ComputationRule::kReg1182_71));
    OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM registry_link WHERE record_id = ? AND linked_id = ?", {id, hit}));
    // What Eurodac told either Member State on the strength of this hit goes with it (Art. 38(5),
    // third subparagraph: information on data found unreliable is erased).
    OP_RETURN_IF_ERROR(store_->Exec("DELETE FROM registry_notification WHERE (recipient_record_id = ? AND about_record_id = ?) "
                                    "OR (recipient_record_id = ? AND about_record_id = ?)",
                                    {id, hit, hit, id}));
    const Date today = today_given ? *today_given : LocalDate(Timestamp::Now(), ms);
    OP_RETURN_IF_ERROR(CountEvent("wrong_hits", ms, today));  // Art. 12: wrong hits under Art. 38(6)
    out["erased"] = true;
    out["inform_eu_lisa_by"] = limit.end.ToString();
    if (limit.end < today) out["flags"] = {"EU_LISA_NOTICE_LATE"};
    out["references"] = {{"member_state_of_origin", {{"member_state", link.rows[0].Text(2)}, {"reference", link.rows[0].Text(3)}}},
                         {"receiving_member_state", {{"member_state", ms}, {"reference", reference}}}};
    out["legal_basis"] = {which->legal_basis};
  }
  OP_RETURN_IF_ERROR(tx.Commit());
  return out.dump(2);
}

Result<std::string> Registry::MarkRecord(const std::string& id, Mark mark) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::Row rec, OwnRecord(id, "category, mark"));
  const std::string category = rec.Text(1);
  const char* basis = mark == Mark::kInternationalProtection ? "Regulation (EU) 2024/1358, Art. 31(1)"
                                                             : "Regulation (EU) 2024/1358, Art. 31(4)";
  if (!MarkFits(mark, category)) {
    return Status::FailedPrecondition(std::string(basis) + " does not mark " + category + " records");
  }
  if (!rec.IsNull(2)) return Status::FailedPrecondition("record " + id + " is marked already (" + rec.Text(2) + ")");
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_record SET mark = ? WHERE id = ?", {std::string(MarkName(mark)), id}));
  OP_RETURN_IF_ERROR(Changed([id, name = std::string(MarkName(mark))](RegistryIndex& index) { index.SetMark(id, name); }));
  OP_ASSIGN_OR_RETURN(std::vector<std::string> notified, Notify(id, std::string("marked_") + MarkName(mark)));
  OP_RETURN_IF_ERROR(tx.Commit());
  return ojson({{"marked", id}, {"mark", MarkName(mark)}, {"legal_basis", basis}, {"notified", notified}}).dump(2);
}

Result<std::string> Registry::Unmark(const std::string& id) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::Row rec, OwnRecord(id, "mark"));
  if (rec.Text(1) != "international_protection") {
    return Status::FailedPrecondition("Art. 31(3) removes only the mark of protection withdrawn; record " + id +
                                      (rec.IsNull(1) ? " is not marked" : " carries a residence-document mark"));
  }
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_record SET mark = NULL WHERE id = ?", {id}));
  OP_RETURN_IF_ERROR(Changed([id](RegistryIndex& index) { index.SetMark(id, ""); }));
  OP_RETURN_IF_ERROR(tx.Commit());
  return ojson({{"unmarked", id}, {"legal_basis", "Regulation (EU) 2024/1358, Art. 31(3)"}}).dump(2);
}

Status Registry::CountEvent(const std::string& kind, const std::string& member_state, Date on) {
  return store_->Exec(
      "INSERT INTO registry_counter (month, member_state, kind, n) VALUES (?, ?, ?, 1) ON CONFLICT (month, "
      "member_state, kind) DO UPDATE SET n = registry_counter.n + 1",
      {on.ToString().substr(0, 7), member_state, kind});
}

namespace {

// ojson[a][b] += n, creating the levels.
void Add(ojson* table, const std::string& a, const std::string& b, int64_t n) {
  ojson& row = (*table)[a];
  if (!row.is_object()) row = ojson::object();
  row[b] = row.value(b, int64_t{0}) + n;
}

}  // namespace

Result<std::string> Registry::Stats(const std::string& month, const std::string& year) {
  if (!month.empty() && !year.empty()) return Bad("give a month or a year, not both", "--year");
  if (!month.empty()) {
    // "YYYY-MM", checked as the first of that month.
    if (month.size() != 7) return Bad("must be a month YYYY-MM", "--month");
    OP_RETURN_IF_ERROR(Date::Parse(month + "-01", "--month").status());
  }
  if (!year.empty()) {
    if (year.size() != 4) return Bad("must be a year YYYY", "--year");
    OP_RETURN_IF_ERROR(Date::Parse(year + "-01-01", "--year").status());
  }
  OP_ASSIGN_OR_RETURN(store::QueryResult counts,
                      store_->Query("SELECT category, member_state, COUNT(*) FROM registry_record "
                                    "GROUP BY category, member_state ORDER BY category, member_state"));
  OP_ASSIGN_OR_RETURN(store::QueryResult fingers, store_->Query("SELECT COUNT(*) FROM registry_finger"));
  ojson by_category = ojson::object(), by_ms = ojson::object();
  for (const CategoryRule& c : kCategories) {
    if (c.recorded) by_category[c.name] = 0;
  }
  int64_t total = 0;
  for (const store::Row& row : counts.rows) {
    const int64_t n = row.Int(2);
    by_category[row.Text(0)] = by_category.value(row.Text(0), int64_t{0}) + n;
    by_ms[row.Text(1)] = by_ms.value(row.Text(1), int64_t{0}) + n;
    total += n;
  }
  ojson out = {{"records", total}, {"by_category", by_category}, {"by_member_state", by_ms},
               {"fingerprints", fingers.rows.empty() ? 0 : fingers.rows[0].Int(0)}};
  if (month.empty() && year.empty()) return out.dump(2);

  // The period's Art. 12 figures: a month's (Art. 12(1)), or a year's (12(2)). Days are stored
  // as YYYY-MM-DD and the counters by month YYYY-MM, so one pattern selects either period.
  const std::string period = month.empty() ? year : month;
  const std::string like = period + "-%";
  ojson m = {{month.empty() ? "year" : "month", period}};
  OP_ASSIGN_OR_RETURN(store::QueryResult datasets,
                      store_->Query("SELECT r.category, r.member_state, r.person, r.biometrics_taken_on, "
                                    "(SELECT COUNT(*) FROM registry_link l WHERE l.record_id = r.id) "
                                    "FROM registry_record r WHERE r.transmitted_on LIKE ? ORDER BY r.id",
                                    {like}));
  ojson transmitted = ojson::object(), minors = ojson::object();
  int64_t applicants = 0, first_time = 0;
  // Art. 12(1)(i)'s datasets (Arts. 15(1), 18(2)(b)-(c), 22(1), 23(1), 24(1), 26(1)) by year of
  // birth and sex (12(2)): (category, Member State, year of birth, sex) -> datasets.
  static const std::set<std::string> kDisaggregated = {"applicant",       "resettlement_refused", "irregular_crosser",
                                                       "illegal_stayer", "sar_disembarked",      "temporary_protection"};
  std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t> by_birth_year_and_sex;
  // The same datasets by nationality, for the annual report's points that ask for it (AMMR Art.
  // 9(3)(a)(i), (xii)): the first nationality recorded (XXA stateless), "unknown" for none, so that
  // each dataset counts once.
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> by_nationality;
  for (const store::Row& row : datasets.rows) {
    Add(&transmitted, row.Text(0), row.Text(1), 1);
    if (row.Text(0) == "applicant") {
      ++applicants;
      first_time += row.Int(4) == 0;  // no hit on an earlier dataset (Art. 3(6) linking)
    }
    const ojson person = ojson::parse(row.Text(2), nullptr, false);
    std::optional<Date> born;
    if (person.is_object() && person.value("date_of_birth", ojson()).is_string()) {
      if (auto d = Date::Parse(person["date_of_birth"].get<std::string>()); d.ok()) born = *d;
    }
    auto taken = Date::Parse(row.Text(3));
    if (born && taken.ok() && *taken < born->AddYears(18)) Add(&minors, row.Text(0), row.Text(1), 1);
    if (kDisaggregated.count(row.Text(0)) != 0) {
      const ojson sex = person.is_object() ? person.value("sex", ojson()) : ojson();
      ++by_birth_year_and_sex[{row.Text(0), row.Text(1), born ? std::to_string(born->year()) : "unknown",
                               sex.is_string() ? sex.get<std::string>() : "unknown"}];
      const ojson nationalities = person.is_object() ? person.value("nationalities", ojson()) : ojson();
      const bool known = nationalities.is_array() && !nationalities.empty() && nationalities[0].is_string();
      ++by_nationality[{row.Text(0), row.Text(1), known ? nationalities[0].get<std::string>() : "unknown"}];
    }
  }
  m["datasets_transmitted"] = transmitted;
  ojson disaggregated = ojson::array();
  for (const auto& [key, n] : by_birth_year_and_sex) {
    const auto& [category, member_state, birth_year, sex] = key;
    disaggregated.push_back({{"category", category}, {"member_state", member_state}, {"year_of_birth", birth_year},
                             {"sex", sex}, {"datasets", n}});
  }
  m["datasets_by_year_of_birth_and_sex"] = disaggregated;
  ojson nationality_rows = ojson::array();
  for (const auto& [key, n] : by_nationality) {
    const auto& [category, member_state, nationality] = key;
    nationality_rows.push_back(
        {{"category", category}, {"member_state", member_state}, {"nationality", nationality}, {"datasets", n}});
  }
  m["datasets_by_nationality"] = nationality_rows;
  m["applicants"] = applicants;
  m["first_time_applicants"] = first_time;
  m["minors"] = minors;
  OP_ASSIGN_OR_RETURN(store::QueryResult counters,
                      store_->Query("SELECT kind, member_state, n FROM registry_counter WHERE month LIKE ? ORDER BY "
                                    "kind, member_state",
                                    {month.empty() ? year + "-%" : month}));
  ojson counted = {{"resettlement_registered_transmissions", ojson::object()},
                   {"wrong_hits", ojson::object()},
                   {"retransmissions", ojson::object()}};
  for (const store::Row& row : counters.rows) Add(&counted, row.Text(0), row.Text(1), row.Int(2));
  m["resettlement_registered_transmissions"] = counted["resettlement_registered_transmissions"];
  m["wrong_hits"] = counted["wrong_hits"];
  // Art. 12(1)(q): biometric data transmitted again because the first were unfit for comparison.
  m["retransmissions"] = counted["retransmissions"];
  OP_ASSIGN_OR_RETURN(store::QueryResult hits,
                      store_->Query("SELECT s.category, t.category, t.mark, COUNT(*) FROM registry_link l "
                                    "JOIN registry_record s ON s.id = l.record_id JOIN registry_record t ON t.id = l.linked_id "
                                    "WHERE l.received_on LIKE ? GROUP BY s.category, t.category, t.mark "
                                    "ORDER BY s.category, t.category",
                                    {like}));
  ojson cross = ojson::object();
  int64_t on_marked = 0;
  for (const store::Row& row : hits.rows) {
    Add(&cross, row.Text(0), row.Text(1), row.Int(3));
    if (!row.IsNull(2)) on_marked += row.Int(3);
  }
  m["hits_by_source_and_target_category"] = cross;
  m["hits_on_marked_records"] = on_marked;
  // Art. 12(1)(t): requests under Art. 33(1) and their hits, by the requesting Member State (a
  // result erased under Art. 32(5) no longer counts its hits).
  OP_ASSIGN_OR_RETURN(store::QueryResult le,
                      store_->Query("SELECT member_state, result FROM law_enforcement_request WHERE submitted_at LIKE ? "
                                    "ORDER BY member_state",
                                    {like}));
  ojson le_requests = ojson::object(), le_hits = ojson::object();
  for (const store::Row& row : le.rows) {
    le_requests[row.Text(0)] = le_requests.value(row.Text(0), int64_t{0}) + 1;
    const ojson result = row.IsNull(1) ? ojson() : ojson::parse(row.Text(1), nullptr, false);
    const int64_t n = result.is_object() && result["hits"].is_array() ? static_cast<int64_t>(result["hits"].size()) : 0;
    le_hits[row.Text(0)] = le_hits.value(row.Text(0), int64_t{0}) + n;
  }
  m["law_enforcement_requests"] = le_requests;
  m["law_enforcement_hits"] = le_hits;
  // Art. 12(1)(v): data subjects' requests under Art. 43, by the Member State that received them.
  OP_ASSIGN_OR_RETURN(store::QueryResult sar,
                      store_->Query("SELECT member_state, COUNT(*) FROM subject_access_request WHERE received_on LIKE ? "
                                    "GROUP BY member_state ORDER BY member_state",
                                    {like}));
  ojson subject_requests = ojson::object();
  for (const store::Row& row : sar.rows) subject_requests[row.Text(0)] = row.Int(1);
  m["subject_access_requests"] = subject_requests;
  out[month.empty() ? "year" : "month"] = m;
  // The state now, whatever the period.
  OP_ASSIGN_OR_RETURN(store::QueryResult marks,
                      store_->Query("SELECT COALESCE(mark, 'unmarked'), COUNT(*) FROM registry_record GROUP BY "
                                    "COALESCE(mark, 'unmarked') ORDER BY 1"));
  ojson marked = ojson::object();
  for (const store::Row& row : marks.rows) marked[row.Text(0)] = row.Int(1);
  out["marks_now"] = marked;
  OP_ASSIGN_OR_RETURN(store::QueryResult rejected,
                      store_->Query("SELECT status FROM registry_record WHERE category = 'applicant'"));
  int64_t rejected_applicants = 0;
  for (const store::Row& row : rejected.rows) {
    const ojson st = ojson::parse(row.Text(0), nullptr, false);
    rejected_applicants += st.is_object() && st.value("rejected_without_right_to_remain", false);
  }
  out["rejected_applicants_now"] = rejected_applicants;
  out["note"] =
      "Regulation (EU) 2024/1358, Art. 12: computed from the data stored now; records erased since (Arts. 29, 30) no "
      "longer count, so a past month or year is best taken at its end. Retransmissions (Art. 12(1)(q)) count the fingerprints "
      "a Member State sent again under a stored dataset's reference (Art. 38(1)), whether Eurodac or the Member State "
      "found the first unfit.";
  return out.dump(2);
}

}  // namespace openpact::registry

namespace openpact::registry {
namespace {

// An event Eurodac tells the other Member States of (see Registry::Notifications).
struct NotifiedEvent {
  const char* name;
  const char* basis;  // the article that has Eurodac inform
};
constexpr NotifiedEvent kNotifiedEvents[] = {
    {"ms_responsible_recorded", "Regulation (EU) 2024/1358, Art. 16(4)"},
    {"marked_international_protection", "Regulation (EU) 2024/1358, Art. 31(1)"},
    {"marked_residence_document", "Regulation (EU) 2024/1358, Art. 31(4)"},
    {"erased_citizenship_acquired", "Regulation (EU) 2024/1358, Art. 30(2)"},
    {"inaccuracy_reported", "Regulation (EU) 2024/1358, Art. 40(5), first subparagraph"},
    {"unlawful_recording_reported", "Regulation (EU) 2024/1358, Art. 40(5), second subparagraph"},
};

// What the recipient of `event` does with its record of `category`, as the article says, or null
// where the article asks nothing of a record of that category.
ojson FollowUp(const std::string& event, const std::string& category, const std::string& value) {
  if (event == "ms_responsible_recorded") {
    // "Those Member States of origin shall in turn update the Member State responsible in their
    // datasets of persons covered by Article 15(1)" (16(4)).
    if (category != "applicant") return nullptr;
    return {{"action", "update"}, {"status", {{"ms_responsible", value}}},
            {"legal_basis", "Regulation (EU) 2024/1358, Art. 16(4)"}};
  }
  if (event == "marked_international_protection" || event == "marked_residence_document") {
    // "... shall in turn mark the corresponding datasets" (31(1), (4)), as far as a mark fits.
    const Mark m = event == "marked_international_protection" ? Mark::kInternationalProtection : Mark::kResidenceDocument;
    if (!MarkFits(m, category)) return nullptr;
    return {{"action", "mark"}, {"mark", MarkName(m)},
            {"legal_basis", m == Mark::kInternationalProtection ? "Regulation (EU) 2024/1358, Art. 31(1)"
                                                                : "Regulation (EU) 2024/1358, Art. 31(4)"}};
  }
  // Erased because the person became a citizen of a Member State: the other Member States of
  // origin erase their data once they know (30(1), second subparagraph). Not a C2c record: 30(1)
  // does not list its Art. 29(4) period (see Registry::Erase).
  if (category == "resettlement_refused") return nullptr;
  return {{"action", "erase"}, {"reason", "citizenship_acquired"},
          {"legal_basis", "Regulation (EU) 2024/1358, Art. 30(1), second subparagraph"}};
}

}  // namespace

Result<Registry::SeenThrough> Registry::RecordSeenThroughHit(const std::string& id) {
  OP_ASSIGN_OR_RETURN(
      store::QueryResult seen,
      store_->Query("SELECT r.id, r.reference, r.category FROM registry_link l JOIN registry_record r ON r.id = "
                    "l.record_id WHERE l.linked_id = ? AND r.member_state = ? UNION SELECT r.id, r.reference, r.category "
                    "FROM registry_link l JOIN registry_record r ON r.id = l.linked_id WHERE l.record_id = ? AND "
                    "r.member_state = ? ORDER BY 1",
                    {id, acting_member_state_, id, acting_member_state_}));
  if (seen.rows.empty()) {
    // Not even whether it exists (Art. 40(1)).
    return Status::NotFound("no registry record with id '" + id + "' seen by " + acting_member_state_);
  }
  return SeenThrough{seen.rows[0].Text(0), seen.rows[0].Text(1), seen.rows[0].Text(2)};
}

Status Registry::StoreNotification(const std::string& recipient_member_state, const std::string& recipient_record,
                                   const std::optional<std::string>& about_record, const std::string& event,
                                   const std::string& body_json) {
  return store_->Exec(
      "INSERT INTO registry_notification (id, recipient_member_state, recipient_record_id, about_record_id, event, body, "
      "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {"ntf-" + crypto::ToHex(crypto::RandomBytes(8)), recipient_member_state, recipient_record,
       about_record ? store::Value{*about_record} : store::Value{}, event, body_json, Timestamp::Now().ToString()});
}

Result<std::vector<std::string>> Registry::Notify(const std::string& id, const std::string& event,
                                                  const std::string& value) {
  const auto* e = std::find_if(std::begin(kNotifiedEvents), std::end(kNotifiedEvents),
                               [&](const NotifiedEvent& x) { return event == x.name; });
  if (e == std::end(kNotifiedEvents)) return Status::Internal("no notified event '" + event + "'");
  OP_ASSIGN_OR_RETURN(store::QueryResult about,
                      store_->Query("SELECT member_state, reference, category FROM registry_record WHERE id = ?", {id}));
  if (about.rows.empty()) return Status::NotFound("no registry record with id '" + id + "'");
  const std::string ms = about.rows[0].Text(0);
  // The records of other Member States this one hit, and those that hit it. Every recorded
  // category is among those the articles list (Arts. 15(1), 18(2), 20(1), 22(1), 23(1), 24(1),
  // 26(1)).
  OP_ASSIGN_OR_RETURN(
      store::QueryResult to,
      store_->Query("SELECT r.id, r.member_state, r.reference, r.category FROM registry_link l JOIN registry_record r ON "
                    "r.id = l.linked_id WHERE l.record_id = ? AND r.member_state <> ? UNION SELECT r.id, r.member_state, "
                    "r.reference, r.category FROM registry_link l JOIN registry_record r ON r.id = l.record_id WHERE "
                    "l.linked_id = ? AND r.member_state <> ? ORDER BY 1",
                    {id, ms, id, ms}));
  std::vector<std::string> notified;
  for (const store::Row& row : to.rows) {
    notified.push_back(row.Text(1));
    ojson body = {{"event", e->name},
                  {"legal_basis", e->basis},
                  {"about", {{"member_state", ms}, {"reference", about.rows[0].Text(1)}, {"category", about.rows[0].Text(2)}}}};
    if (!value.empty()) body["ms_responsible"] = value;
    body["your_record"] = {{"id", row.Text(0)}, {"reference", row.Text(2)}, {"category", row.Text(3)}};
    body["follow_up"] = FollowUp(event, row.Text(3), value);
    OP_RETURN_IF_ERROR(StoreNotification(row.Text(1), row.Text(0), id, e->name, body.dump()));
  }
  std::sort(notified.begin(), notified.end());
  notified.erase(std::unique(notified.begin(), notified.end()), notified.end());
  return notified;
}

Result<std::string> Registry::Notifications(bool include_acknowledged, const std::string& member_state,
                                            const std::string& after, size_t limit) {
  std::string ms = member_state;
  if (!ms.empty()) OP_RETURN_IF_ERROR(rules_->countries.ValidateStateOfTheSystem(ms, "member_state"));
  if (!acting_member_state_.empty()) {
    if (!ms.empty() && ms != acting_member_state_) {
      return Status::PermissionDenied("this token acts for " + acting_member_state_ +
                                      " and reads only its own notifications (member_state)");
    }
    ms = acting_member_state_;
  }
  std::string sql =
      "SELECT id, recipient_member_state, body, created_at, acknowledged_at, acknowledged_by FROM registry_notification "
      "WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!ms.empty()) {
    sql += " AND recipient_member_state = ?";
    params.emplace_back(ms);
  }
  if (!include_acknowledged) sql += " AND acknowledged_at IS NULL";
  OP_RETURN_IF_ERROR(internal::AppendPageAfter(store_, "registry_notification", "created_at", "recipient_member_state",
                                               ms, after, limit, kMaxNotificationsListed, &sql, &params));
  sql += " ORDER BY created_at, id LIMIT " + std::to_string(limit + 1);
  OP_ASSIGN_OR_RETURN(store::QueryResult rows, store_->Query(sql, params));
  ojson list = ojson::array();
  for (const store::Row& row : rows.rows) {
    if (list.size() == limit) break;
    ojson n = {{"id", row.Text(0)}, {"recipient_member_state", row.Text(1)}, {"created_at", row.Text(3)}};
    ojson body = ojson::parse(row.Text(2), nullptr, false);
    if (!body.is_object()) return Status::Corruption("registry notification " + row.Text(0) + ": body is not a JSON object");
    for (auto it = body.begin(); it != body.end(); ++it) n[it.key()] = it.value();
    n["acknowledged_at"] = row.IsNull(4) ? ojson(nullptr) : ojson(row.Text(4));
    n["acknowledged_by"] = row.IsNull(5) ? ojson(nullptr) : ojson(row.Text(5));
    list.push_back(std::move(n));
  }
  ojson out = {{"member_state", ms.empty() ? ojson(nullptr) : ojson(ms)},
               {"acknowledged_included", include_acknowledged},
               {"count", list.size()},
               {"more", rows.rows.size() > limit},
               {"next", rows.rows.size() > limit ? list.back()["id"] : ojson(nullptr)},
               {"notifications", list}};
  return out.dump(2);
}

Result<std::string> Registry::AcknowledgeNotification(const std::string& id, const std::string& by) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::QueryResult n,
                      store_->Query("SELECT recipient_member_state, acknowledged_at, acknowledged_by FROM registry_notification "
                                    "WHERE id = ?",
                                    {id}));
  if (n.rows.empty() || (!acting_member_state_.empty() && n.rows[0].Text(0) != acting_member_state_)) {
    return Status::NotFound("no registry notification with id '" + id + "'" +
                            (acting_member_state_.empty() ? "" : " for " + acting_member_state_));
  }
  if (!n.rows[0].IsNull(1)) {
    return Status::FailedPrecondition("notification " + id + " was acknowledged already, at " + n.rows[0].Text(1) + " by " +
                                      n.rows[0].Text(2));
  }
  const std::string now = Timestamp::Now().ToString();
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE registry_notification SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?",
                                  {now, by, id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  return ojson({{"acknowledged", id}, {"at", now}, {"by", by}}).dump(2);
}

}  // namespace openpact::registry
