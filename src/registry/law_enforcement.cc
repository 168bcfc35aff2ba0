// Comparisons with Eurodac data for law-enforcement purposes (Regulation (EU) 2024/1358, Chapter
// XI: Arts. 32, 33, 51; the verifying authority of Art. 6; minors under 14, Art. 14(3)).
#include <algorithm>
#include <cmath>

#include "biometrics/identify.h"
#include "core/crypto.h"
#include "registry/internal.h"
#include "registry/registry.h"
#include "rules/procedure.h"
#include "store/store.h"

namespace openpact::registry {
using namespace internal;
namespace {

constexpr size_t kMaxReasons = 4000;  // a reasoned request's free-text grounds

// What a request may be in (column status).
constexpr const char* kPending = "pending";                             // awaits the verifying authority
constexpr const char* kComparedUnverified = "compared_pending_verification";  // urgent: compared, checked after (32(4))
constexpr const char* kCompared = "compared";                           // conditions met; compared
constexpr const char* kRefused = "refused";                             // conditions not met; not compared
constexpr const char* kUnjustified = "unjustified_result_erased";       // urgent, found unjustified (32(5))

// The requester that is not a Member State: Europol's designated authority (Arts. 7, 34).
constexpr const char* kEuropol = "EUROPOL";

// The columns Forward and Verify read (after member_state: status 1, urgent 2, fingerprints 3,
// verification 4, alphanumeric 5).
constexpr const char* kRowColumns = "status, urgent, fingerprints, verification, alphanumeric";

// The reasoned request's conditions (Art. 33(1)-(2)), checked field by field: a designated
// authority may ask "only if all the following conditions are met". What the registry cannot
// know (whether the grounds are true) is the verifying authority's to check (Art. 6(2)); what it
// can (that each is stated) it refuses to take without.
Result<ojson> ParseConditions(const json& request, bool europol) {
  auto it = request.find("conditions");
  if (it == request.end() || !it->is_object()) {
    return Bad(europol ? "is required: an object stating each condition of Art. 34(1)"
                       : "is required: an object stating each condition of Art. 33(1)",
               "conditions");
  }
  const json& c = *it;
  ojson out = ojson::object();
  if (europol) {
    // Art. 34(1)(a): Europol's own information-processing systems did not establish the identity.
    // The CIR indication (34(2)) gives access "under the conditions of this Article": it does not
    // stand for (a), unlike Art. 33(2) for a Member State's prior checks.
    auto own = c.find("europol_systems_checked");
    if (own == c.end() || !own->is_boolean() || !own->get<bool>()) {
      return Bad("must be true: the comparison with the data in the information-processing systems Europol can "
                 "access did not establish the identity (Art. 34(1)(a))",
                 "conditions.europol_systems_checked");
    }
    out["europol_systems_checked"] = true;
    if (auto x = c.find("cir_indicated_eurodac"); x != c.end() && !x->is_null()) {
      if (!x->is_boolean()) return Bad("must be true or false", "conditions.cir_indicated_eurodac");
      out["cir_indicated_eurodac"] = x->get<bool>();
    }
  }
  bool cir = false;
  if (auto x = c.find("cir_indicated_eurodac"); x != c.end() && !x->is_null()) {
    if (!x->is_boolean()) return Bad("must be true or false", "conditions.cir_indicated_eurodac");
    cir = x->get<bool>();
  }
  auto checks = c.find("prior_checks");
  if (!europol) {
    out["cir_indicated_eurodac"] = cir;
    if (checks != c.end() && !checks->is_null() && !checks->is_object()) {
      return Bad("must be an object", "conditions.prior_checks");
    }
  }
  if (!europol && !cir) {
    // Art. 33(1)(a); not needed where the CIR indicated that Eurodac holds the person's data (33(2)).
    if (checks == c.end() || checks->is_null()) {
      return Bad("is required (Art. 33(1)(a)) unless the CIR indicated that Eurodac holds data on the person "
                 "(cir_indicated_eurodac, Art. 33(2))",
                 "conditions.prior_checks");
    }
    auto national = checks->find("national_databases");
    if (national == checks->end() || !national->is_boolean() || !national->get<bool>()) {
      return Bad("must be true: a prior check of the national databases is a condition (Art. 33(1)(a)(i))",
                 "conditions.prior_checks.national_databases");
    }
    OP_ASSIGN_OR_RETURN(std::string prum, Text(*checks, "prum", "conditions.prior_checks.prum", true, 32));
    if (prum != "done" && prum != "not_technically_available" && prum != "not_useful") {
      return Bad("must be done, not_technically_available or not_useful (the other Member States' AFIS under Decision "
                 "2008/615/JHA, Art. 33(1)(a)(ii))",
                 "conditions.prior_checks.prum");
    }
    OP_ASSIGN_OR_RETURN(std::string grounds,
                        Text(*checks, "prum_grounds", "conditions.prior_checks.prum_grounds", false, kMaxReasons));
    if (prum == "not_useful" && grounds.empty()) {
      return Bad("is required: the reasonable grounds to believe that the AFIS comparison would not establish the "
                 "identity are part of the reasoned request (Art. 33(1)(a)(ii))",
                 "conditions.prior_checks.prum_grounds");
    }
    out["prior_checks"] = {{"national_databases", true}, {"prum", prum}};
    if (!grounds.empty()) out["prior_checks"]["prum_grounds"] = grounds;
  }
  if (!europol && checks != c.end() && checks->is_object()) {
    // The VIS may be checked too (Art. 33(1), second subparagraph): recorded when stated.
    OP_ASSIGN_OR_RETURN(std::string vis, Text(*checks, "vis", "conditions.prior_checks.vis", false, 16));
    if (!vis.empty() && vis != "done" && vis != "not_done") return Bad("must be done or not_done", "conditions.prior_checks.vis");
    if (!vis.empty()) out["prior_checks"]["vis"] = vis;
  }
  // Art. 33(1)(b)-(d), for Europol Art. 34(1)(b)-(d): each stated in the request's own words.
  const std::string art = europol ? "Art. 34(1)" : "Art. 33(1)";
  const std::pair<const char*, std::string> stated[] = {
      {"necessity", art + "(b): why the comparison is necessary for the prevention, detection or investigation of " +
                        (europol ? "an offence within Europol's mandate, supporting the Member States' action"
                                 : "the offence") +
                        " (an overriding public security concern making it proportionate)"},
      {"specific_case", art + "(c): the specific case and the specific persons it concerns"},
      {"substantial_contribution", art + "(d): the reasonable grounds to consider that the comparison will "
                                         "substantially contribute to the prevention, detection or investigation"},
  };
  for (const auto& [key, what] : stated) {
    const std::string field = std::string("conditions.") + key;
    auto text = Text(c, key, field, true, kMaxReasons);
    if (!text.ok()) return Bad(text.status().message() + ": " + what, field);
    out[key] = *text;
  }
  // Data of a child under 14 are used against that child only on further grounds (Art. 14(3)).
  OP_ASSIGN_OR_RETURN(std::string minor, Text(c, "minor_additional_grounds", "conditions.minor_additional_grounds", false,
                                              kMaxReasons));
  if (!minor.empty()) out["minor_additional_grounds"] = minor;
  return out;
}

// The data used for the comparison, as Art. 51(2)(g) has them documented: each fingerprint's
// position, format and digest (BLAKE2b-256 of the record), not the biometric data themselves.
ojson DataUsed(const std::vector<Fingerprint>& fingerprints) {
  ojson used = ojson::array();
  for (const Fingerprint& f : fingerprints) {
    used.push_back({{"position", f.position}, {"format", f.format}, {"blake2b_256", crypto::Blake2b256Hex(f.bytes)}});
  }
  return used;
}

json FingerprintsJson(const std::vector<Fingerprint>& fingerprints) {
  json list = json::array();
  for (const Fingerprint& f : fingerprints) {
    list.push_back({{"position", f.position}, {"format", f.format}, {"data", crypto::ToBase64(f.bytes)}});
  }
  return list;
}

}  // namespace

Result<std::vector<Registry::EveryRecordHit>> Registry::HitsOnEveryRecord(const std::vector<Fingerprint>& fingerprints,
                                                                           int threads, size_t* compared,
                                                                           const PrecomputedComparison* ahead) {
  OP_ASSIGN_OR_RETURN(const std::vector<biometrics::Candidate> candidates,
                      EveryRecordCandidates(fingerprints, threads, compared, ahead));
  std::vector<EveryRecordHit> hits;
  for (size_t k = 0; k < candidates.size() && k < kMaxHits; ++k) {
    const biometrics::Candidate& cand = candidates[k];
    if (cand.search_score < biometrics::kDefaultThreshold) continue;
    hits.push_back({cand.id, std::round(cand.score * 10) / 10, std::round(cand.search_score * 10) / 10,
                    cand.fingers_matched});
  }
  return hits;
}

namespace {

// What every law-enforcement hit says beside its record, and the result around the hits.
struct LawEnforcementResult {
  bool europol;
  ojson hits = ojson::array();
  ojson flags = ojson::array();

  void Flag(const char* flag) {
    if (std::find(flags.begin(), flags.end(), flag) == flags.end()) flags.push_back(flag);
  }
  // `row`: reference, person, biometrics_taken_on, member_state, category, event_date, mark.
  void Add(ojson hit, const store::Row& row) {
    // Art. 34(4): Europol processes what it obtains only with the authorisation of the Member
    // State of origin, obtained through that State's Europol national unit.
    if (europol) hit["authorisation_required_from"] = row.Text(3);
    // Under 14 when the biometric data were taken: used against that child only on further grounds
    // (Art. 14(3)); the registry cannot tell whether the use is against the child, so it says so.
    const json person = json::parse(row.Text(1), nullptr, false);
    auto taken = Date::Parse(row.Text(2));
    if (person.is_object() && person.contains("date_of_birth") && person["date_of_birth"].is_string() && taken.ok()) {
      auto born = Date::Parse(person["date_of_birth"].get<std::string>());
      if (born.ok() && *taken < born->AddYears(14)) {
        hit["minor_under_14"] = true;
        Flag("MINOR_UNDER_14");
      }
    }
    hits.push_back(std::move(hit));
  }
  ojson Document(size_t compared, ojson legal_basis) {
    if (!hits.empty()) Flag("HITS_TO_VERIFY");  // checked by a trained expert where necessary, Art. 38(4)
    if (europol && !hits.empty()) Flag("MEMBER_STATE_AUTHORISATION_REQUIRED");  // Art. 34(4)
    ojson out = {{"compared_at", Timestamp::Now().ToString()},
                 {"records_compared", compared},
                 {"hits", hits},
                 {"flags", flags},
                 {"legal_basis", std::move(legal_basis)}};
    if (europol && !hits.empty()) {
      out["authorisation"] = "Europol processes this information only with the authorisation of each hit's Member "
                             "State of origin, obtained through its Europol national unit (Art. 34(4))";
    }
    if (std::find(flags.begin(), flags.end(), "MINOR_UNDER_14") != flags.end()) {
      out["note"] = "a hit is on data of a child under 14: used against that child only on grounds beyond Art. "
                    "33(1)(d) (Art. 14(3))";
    }
    return out;
  }
};

constexpr const char* kHitColumns = "reference, person, biometrics_taken_on, member_state, category, event_date, mark";

ojson RecordOfHit(const std::string& id, const store::Row& row) {
  return {{"record_id", id}, {"member_state", row.Text(3)}, {"reference", row.Text(0)}, {"category", row.Text(4)},
          {"event_date", row.Text(5)}};
}

// Names compared as Eurodac holds them: the same letters, ASCII case and surrounding spaces aside
// (no transliteration or fuzzy matching: a spelling that differs does not match).
std::string FoldName(std::string s) {
  const size_t b = s.find_first_not_of(' '), e = s.find_last_not_of(' ');
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool AnyNameIs(const json& names, const std::string& wanted) {
  if (!names.is_array()) return false;
  for (const json& n : names) {
    if (n.is_string() && FoldName(n.get<std::string>()) == FoldName(wanted)) return true;
  }
  return false;
}

}  // namespace

Result<std::string> Registry::CompareForLawEnforcement(const std::vector<Fingerprint>& fingerprints, int threads,
                                                       bool europol, const PrecomputedComparison* ahead) {
  // Art. 32(2): every dataset transmitted under Arts. 15, 18(2), 20, 22, 23, 24 and 26, of every
  // Member State: all that is stored, marked data included (31(2), (5)).
  size_t compared = 0;
  OP_ASSIGN_OR_RETURN(std::vector<EveryRecordHit> found, HitsOnEveryRecord(fingerprints, threads, &compared, ahead));
  LawEnforcementResult result{europol};
  for (const EveryRecordHit& cand : found) {
    OP_ASSIGN_OR_RETURN(store::QueryResult rec,
                        store_->Query(std::string("SELECT ") + kHitColumns + " FROM registry_record WHERE id = ?", {cand.id}));
    if (rec.rows.empty()) continue;  // erased since the index was read: not sent
    const store::Row& row = rec.rows[0];
    ojson hit = RecordOfHit(cand.id, row);
    hit["score"] = cand.score;
    hit["search_score"] = cand.search_score;
    hit["fingers_matched"] = cand.fingers_matched;
    hit["marked"] = !row.IsNull(6);
    result.Add(std::move(hit), row);
  }
  ojson out = result.Document(compared, {std::string(kReg) + "Art. 32(2)", std::string(kReg) + "Art. 27(4)"});
  out["compared_with"] = "fingerprints";
  out["threshold"] = biometrics::kDefaultThreshold;
  out["threshold_applies_to"] = "search_score";
  if (preselect_fraction_ < 1.0) out["preselected_share"] = preselect_fraction_;
  return out.dump();
}

Result<std::string> Registry::CompareAlphanumericForLawEnforcement(const std::string& query_json, bool europol) {
  const json query = json::parse(query_json, nullptr, false);
  if (!query.is_object() || !query.contains("surname") || !query.contains("date_of_birth")) {
    return Status::Corruption("law-enforcement request: stored alphanumeric data are not an object with surname and "
                              "date_of_birth");
  }
  // Every stored dataset of every Member State, as for fingerprints (Art. 32(2)); the date of birth
  // narrows the scan in the store (the person's data are stored as compact JSON).
  OP_ASSIGN_OR_RETURN(store::QueryResult count, store_->Query("SELECT COUNT(*) FROM registry_record"));
  const std::string born = query["date_of_birth"];
  OP_ASSIGN_OR_RETURN(store::QueryResult rows,
                      store_->Query(std::string("SELECT ") + kHitColumns +
                                        ", id FROM registry_record WHERE person LIKE ? ORDER BY member_state, reference",
                                    {"%\"date_of_birth\":\"" + born + "\"%"}));
  LawEnforcementResult result{europol};
  for (const store::Row& row : rows.rows) {
    const json person = json::parse(row.Text(1), nullptr, false);
    if (!person.is_object() || person.value("date_of_birth", json()) != born) continue;
    ojson matched = ojson::array({"surname", "date_of_birth"});
    if (!AnyNameIs(person.value("surnames", json()), query["surname"])) continue;
    if (query.contains("forename")) {
      if (!AnyNameIs(person.value("forenames", json()), query["forename"])) continue;
      matched.push_back("forename");
    }
    if (query.contains("nationality")) {
      const json nat = person.value("nationalities", json::array());
      if (std::find(nat.begin(), nat.end(), query["nationality"]) == nat.end()) continue;
      matched.push_back("nationality");
    }
    if (query.contains("sex")) {
      if (person.value("sex", json()) != query["sex"]) continue;
      matched.push_back("sex");
    }
    ojson hit = RecordOfHit(row.Text(7), row);  // the id follows the hit's columns
    hit["matched_on"] = matched;
    hit["marked"] = !row.IsNull(6);
    result.Add(std::move(hit), row);
    if (result.hits.size() >= kMaxHits) break;
  }
  ojson out = result.Document(static_cast<size_t>(count.rows[0].Int(0)),
                              {std::string(kReg) + "Art. 32(2)", std::string(kReg) + "Art. 33(3)"});
  out["compared_with"] = "alphanumeric data";
  if (!result.hits.empty()) {
    out["identification"] = "an alphanumeric hit is not an identification: another person may bear the same name and "
                            "date of birth; what the Member State of origin holds on the record decides (Art. 38(4))";
  }
  return out.dump();
}

namespace {

// A law-enforcement request's alphanumeric data (Art. 33(3)): the surname and the date of birth,
// which every comparison needs (a name alone would reach far beyond the specific case of Art.
// 33(1)(c)), and optionally a forename, a nationality and the sex to narrow it; as canonical JSON.
Result<std::string> ParseAlphanumericQuery(const json& q, const rules::RulesData& rules) {
  if (!q.is_object()) return Bad("must be {\"surname\", \"date_of_birth\"[, \"forename\", \"nationality\", \"sex\"]}", "alphanumeric");
  for (auto it = q.begin(); it != q.end(); ++it) {
    const std::string& k = it.key();
    if (k != "surname" && k != "date_of_birth" && k != "forename" && k != "nationality" && k != "sex") {
      return Bad("unknown field", "alphanumeric." + k);
    }
  }
  json out = json::object();
  OP_ASSIGN_OR_RETURN(std::string surname, Text(q, "surname", "alphanumeric.surname", true, kMaxNameLength));
  out["surname"] = surname;
  OP_ASSIGN_OR_RETURN(std::string born_text, Text(q, "date_of_birth", "alphanumeric.date_of_birth", false, 10));
  if (born_text.empty()) {
    return Bad("is required: with the surname, the date of birth (YYYY-MM-DD)", "alphanumeric.date_of_birth");
  }
  OP_ASSIGN_OR_RETURN(Date born, Date::Parse(born_text, "alphanumeric.date_of_birth"));
  out["date_of_birth"] = born.ToString();
  OP_ASSIGN_OR_RETURN(std::string forename, Text(q, "forename", "alphanumeric.forename", false, kMaxNameLength));
  if (!forename.empty()) out["forename"] = forename;
  OP_ASSIGN_OR_RETURN(std::string nationality, Text(q, "nationality", "alphanumeric.nationality", false, 3));
  if (!nationality.empty()) {
    OP_RETURN_IF_ERROR(rules.countries.Validate(nationality, "alphanumeric.nationality"));
    out["nationality"] = nationality;
  }
  OP_ASSIGN_OR_RETURN(std::string sex, Text(q, "sex", "alphanumeric.sex", false, 1));
  if (!sex.empty()) {
    if (sex != "M" && sex != "F" && sex != "X") return Bad("must be \"M\", \"F\" or \"X\"", "alphanumeric.sex");
    out["sex"] = sex;
  }
  return out.dump();
}

}  // namespace

Result<LawEnforcementRequest> ParseLawEnforcementRequest(std::string_view text, const rules::RulesData& rules) {
  OP_ASSIGN_OR_RETURN(const json j, ReadDocument(text, "request"));
  LawEnforcementRequest r;
  OP_ASSIGN_OR_RETURN(r.member_state, Text(j, "member_state", "member_state", true, 7));
  // A Member State's designated authority (Art. 33), or Europol's (Art. 34: "EUROPOL").
  const bool europol = r.member_state == kEuropol;
  if (!europol) OP_RETURN_IF_ERROR(rules.countries.ValidateMemberState(r.member_state, "member_state"));
  // Art. 32(1): the designated authority's reference number; Art. 51(2)(a), (c), (e), (h).
  OP_ASSIGN_OR_RETURN(r.reference, Text(j, "reference", "reference", true, 64));
  OP_ASSIGN_OR_RETURN(std::string authority, Text(j, "authority", "authority", true, 200));
  OP_ASSIGN_OR_RETURN(std::string officer, Text(j, "officer", "officer", true, 200));
  OP_ASSIGN_OR_RETURN(std::string file_number, Text(j, "national_file_number", "national_file_number", true, 100));
  OP_ASSIGN_OR_RETURN(std::string purpose, Text(j, "purpose", "purpose", true, kMaxReasons));
  auto offence = j.find("offence");
  if (offence == j.end() || !offence->is_object()) {
    return Bad("is required: {\"type\": \"terrorist_offence\" or \"serious_criminal_offence\", \"description\"} "
               "(Arts. 33(1)(b), 51(2)(a))",
               "offence");
  }
  OP_ASSIGN_OR_RETURN(r.offence_type, Text(*offence, "type", "offence.type", true, 32));
  if (r.offence_type != "terrorist_offence" && r.offence_type != "serious_criminal_offence") {
    return Bad("must be terrorist_offence or serious_criminal_offence (Art. 33(1)(b)): Eurodac is compared for nothing "
               "else",
               "offence.type");
  }
  OP_ASSIGN_OR_RETURN(std::string offence_description, Text(*offence, "description", "offence.description", true, kMaxReasons));
  OP_ASSIGN_OR_RETURN(ojson conditions, ParseConditions(j, europol));
  ojson urgent = nullptr;
  if (auto u = j.find("urgent"); u != j.end() && !u->is_null()) {
    if (!u->is_object()) return Bad("must be null or {\"reasons\"} (Art. 32(4))", "urgent");
    OP_ASSIGN_OR_RETURN(std::string reasons, Text(*u, "reasons", "urgent.reasons", true, kMaxReasons));
    urgent = {{"reasons", reasons}};
  }
  r.urgent = !urgent.is_null();
  // Art. 33(3): biometric or alphanumeric data, one or the other (facial images are not compared:
  // docs/registry.md).
  auto fp = j.find("fingerprints");
  const bool has_fingerprints = fp != j.end() && !fp->is_null() && !(fp->is_array() && fp->empty());
  auto alnum = j.find("alphanumeric");
  const bool has_alphanumeric = alnum != j.end() && !alnum->is_null();
  if (has_fingerprints == has_alphanumeric) {
    return Bad(has_fingerprints ? "give fingerprints or alphanumeric data, not both (Art. 33(3))"
                                : "is required, or alphanumeric data: a comparison is made with biometric or "
                                  "alphanumeric data (Art. 33(3))",
               has_fingerprints ? "alphanumeric" : "fingerprints");
  }
  bool synthetic = false;
  ojson data_used;
  if (has_fingerprints) {
    OP_ASSIGN_OR_RETURN(r.fingerprints, ParseFingerprints(*fp, &synthetic));
    data_used = DataUsed(r.fingerprints);
  } else {
    OP_ASSIGN_OR_RETURN(r.alphanumeric_json, ParseAlphanumericQuery(*alnum, rules));
    // Documented as what was compared, not as the data themselves (as for fingerprints).
    const json q = json::parse(r.alphanumeric_json);
    ojson fields = ojson::array();
    for (auto it = q.begin(); it != q.end(); ++it) fields.push_back(it.key());
    data_used = {{"alphanumeric", {{"fields", fields}, {"blake2b_256", crypto::Blake2b256Hex(r.alphanumeric_json)}}}};
  }
  ojson documented = {{"member_state", r.member_state},
                      {"reference", r.reference},
                      {"authority", authority},
                      {"officer", officer},
                      {"national_file_number", file_number},
                      {"purpose", purpose},
                      {"offence", {{"type", r.offence_type}, {"description", offence_description}}},
                      {"conditions", conditions},
                      {"urgent", urgent},
                      {"data_used", data_used}};
  if (synthetic) documented["synthetic"] = true;
  r.documented_json = documented.dump();
  return r;
}

Result<std::string> Registry::SubmitLawEnforcementRequest(std::string_view text, const std::string& submitted_by,
                                                          int threads) {
  OP_ASSIGN_OR_RETURN(LawEnforcementRequest request, ParseLawEnforcementRequest(text, *rules_));
  const std::string& ms = request.member_state;
  const std::string& reference = request.reference;
  if (!acting_member_state_.empty() && ms != acting_member_state_) {
    return Status::PermissionDenied("this token acts for " + acting_member_state_ + "; the request is " + ms + "'s");
  }
  const std::vector<Fingerprint>& fingerprints = request.fingerprints;
  const std::string id = "ler-" + crypto::ToHex(crypto::RandomBytes(8));
  const std::string now = Timestamp::Now().ToString();
  // Never compared here: the verifying authority checks first (Art. 32(1)-(2)), or, in exceptional
  // urgency, decides to forward it at once and check afterwards (32(4)).
  Status inserted = store_->Exec(
      "INSERT INTO law_enforcement_request (id, member_state, reference, offence, urgent, status, request, fingerprints, "
      "alphanumeric, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {id, ms, reference, request.offence_type, int64_t{request.urgent}, std::string(kPending), request.documented_json,
       fingerprints.empty() ? store::Value{} : store::Value{FingerprintsJson(fingerprints).dump()},
       request.alphanumeric_json.empty() ? store::Value{} : store::Value{request.alphanumeric_json}, submitted_by, now});
  if (inserted.code() == StatusCode::kAlreadyExists) {
    return Status::AlreadyExists("reference: " + ms + " already made a request with reference '" + reference + "'");
  }
  OP_RETURN_IF_ERROR(inserted);
  ojson out = {{"id", id}, {"status", kPending}, {"member_state", ms}, {"reference", reference}, {"submitted_at", now}};
  out["next"] = request.urgent ? "the verifying authority checks the conditions, or, in exceptional urgency, forwards the "
                                 "request for immediate comparison and checks them afterwards (Art. 32(4))"
                               : "the verifying authority checks the conditions before the comparison (Arts. 6(2), 32(1))";
  out["legal_basis"] = {std::string(kReg) + "Art. 32(1)", std::string(kReg) + "Art. 33(1)"};
  return out.dump(2);
}

Result<store::Row> Registry::OwnLawEnforcementRequest(const std::string& id, const std::string& columns) {
  OP_ASSIGN_OR_RETURN(store::QueryResult q,
                      store_->Query("SELECT member_state, " + columns + " FROM law_enforcement_request WHERE id = ?", {id}));
  if (q.rows.empty() || (!acting_member_state_.empty() && q.rows[0].Text(0) != acting_member_state_)) {
    return Status::NotFound("no law-enforcement request with id '" + id + "'" +
                            (acting_member_state_.empty() ? "" : " of " + acting_member_state_));
  }
  return std::move(q.rows[0]);
}

Result<int64_t> Registry::CompareLawEnforcementRequest(const std::string& id, const store::Row& row, int threads,
                                                       const PrecomputedComparison* ahead) {
  const bool europol = row.Text(0) == kEuropol;
  std::string compared;
  if (!row.IsNull(5)) {
    OP_ASSIGN_OR_RETURN(compared, CompareAlphanumericForLawEnforcement(row.Text(5), europol));
  } else {
    bool synthetic = false;
    OP_ASSIGN_OR_RETURN(std::vector<Fingerprint> fingerprints,
                        ParseFingerprints(json::parse(row.Text(3), nullptr, false), &synthetic));
    OP_ASSIGN_OR_RETURN(compared, CompareForLawEnforcement(fingerprints, threads, europol, ahead));
  }
  const ojson result = ojson::parse(compared);
  // The data compared were kept only for the comparison.
  OP_RETURN_IF_ERROR(store_->Exec(
      "UPDATE law_enforcement_request SET result = ?, compared_at = ?, fingerprints = NULL, alphanumeric = NULL "
      "WHERE id = ?",
      {compared, result["compared_at"].get<std::string>(), id}));
  return static_cast<int64_t>(result["hits"].size());
}

Result<std::vector<Fingerprint>> Registry::PendingLawEnforcementFingerprints(const std::string& id) {
  OP_ASSIGN_OR_RETURN(store::Row row, OwnLawEnforcementRequest(id, kRowColumns));
  if (row.Text(1) != kPending || row.IsNull(3)) return std::vector<Fingerprint>();
  bool synthetic = false;
  return ParseFingerprints(json::parse(row.Text(3), nullptr, false), &synthetic);
}

Result<std::string> Registry::ForwardUrgentLawEnforcementRequest(const std::string& id, const std::string& forwarded_by,
                                                                 int threads, const PrecomputedComparison* ahead) {
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::Row row, OwnLawEnforcementRequest(id, kRowColumns));
  if (row.Text(1) != kPending) {
    return Status::FailedPrecondition("law-enforcement request " + id + " is " + row.Text(1) + ", not pending");
  }
  if (row.Int(2) == 0) {
    return Status::FailedPrecondition("law-enforcement request " + id +
                                      " does not state an exceptional urgency: its conditions are checked before the "
                                      "comparison (Art. 32(1)-(2), (4))");
  }
  // Art. 32(4): compared at once; the conditions, the urgency included, are checked afterwards.
  OP_ASSIGN_OR_RETURN(int64_t hits, CompareLawEnforcementRequest(id, row, threads, ahead));
  const std::string now = Timestamp::Now().ToString();
  const ojson verification = {{"forwarded_urgently", {{"by", forwarded_by}, {"at", now}}}};
  OP_RETURN_IF_ERROR(store_->Exec("UPDATE law_enforcement_request SET status = ?, verification = ? WHERE id = ?",
                                  {std::string(kComparedUnverified), verification.dump(), id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  return ojson({{"id", id},
                {"status", kComparedUnverified},
                {"hits", hits},  // the result goes to the designated authority, not here
                {"next", "check afterwards, without undue delay, whether every condition, the urgency included, was "
                         "met (Art. 32(4)); if not, the result is erased (Art. 32(5))"},
                {"legal_basis", {std::string(kReg) + "Art. 32(4)"}}})
      .dump(2);
}

Result<std::string> Registry::VerifyLawEnforcementRequest(const std::string& id, bool conditions_met,
                                                          std::string_view reasons_text, const std::string& verified_by,
                                                          int threads, const PrecomputedComparison* ahead) {
  const json reasons_given = std::string(reasons_text);
  OP_ASSIGN_OR_RETURN(std::string reasons, TextValue(&reasons_given, "reasons", true, kMaxReasons));
  OP_ASSIGN_OR_RETURN(store::Transaction tx, store::Transaction::Begin(store_));
  OP_ASSIGN_OR_RETURN(store::Row row, OwnLawEnforcementRequest(id, kRowColumns));
  const std::string before = row.Text(1);
  const std::string now = Timestamp::Now().ToString();
  ojson verification = row.IsNull(4) ? ojson::object() : ojson::parse(row.Text(4), nullptr, false);
  if (!verification.is_object()) verification = ojson::object();
  verification["conditions_met"] = conditions_met;
  verification["reasons"] = reasons;
  ojson out = {{"id", id}};
  std::string after;
  if (before == kPending) {
    if (conditions_met) {
      // Art. 32(2): forwarded for comparison with every stored dataset.
      OP_ASSIGN_OR_RETURN(int64_t hits, CompareLawEnforcementRequest(id, row, threads, ahead));
      after = kCompared;
      out["hits"] = hits;  // the result goes to the designated authority, not here
      out["legal_basis"] = {std::string(kReg) + "Art. 32(2)"};
    } else {
      after = kRefused;
      out["legal_basis"] = {std::string(kReg) + "Art. 32(1)", std::string(kReg) + "Art. 6(2)"};
    }
  } else if (before == kComparedUnverified) {
    verification["ex_post"] = true;  // Art. 51(2)(f): the decision on the ex-post verification
    if (conditions_met) {
      after = kCompared;
      out["legal_basis"] = {std::string(kReg) + "Art. 32(4)"};
    } else {
      // Art. 32(5): access not justified: the result is erased, and every authority that had it erases it too.
      OP_RETURN_IF_ERROR(store_->Exec("UPDATE law_enforcement_request SET result = NULL WHERE id = ?", {id}));
      after = kUnjustified;
      out["erase"] = "every authority that received this result erases the information communicated by Eurodac and "
                     "informs the verifying authority (Art. 32(5))";
      out["legal_basis"] = {std::string(kReg) + "Art. 32(5)"};
    }
  } else {
    return Status::FailedPrecondition("law-enforcement request " + id + " was verified already (" + before + ")");
  }
  // A refused request's data are no longer needed either.
  OP_RETURN_IF_ERROR(store_->Exec(
      "UPDATE law_enforcement_request SET status = ?, fingerprints = NULL, alphanumeric = NULL, verified_by = ?, "
      "verified_at = ?, "
      "verification = ? WHERE id = ?",
      {after, verified_by, now, verification.dump(), id}));
  OP_RETURN_IF_ERROR(tx.Commit());
  out["status"] = after;
  out["verification"] = verification;
  out["verified_at"] = now;
  return out.dump(2);
}

Result<std::string> Registry::ShowLawEnforcementRequest(const std::string& id) {
  OP_ASSIGN_OR_RETURN(store::Row r, OwnLawEnforcementRequest(id, "status, request, result, submitted_by, submitted_at, "
                                                                 "compared_at, verified_by, verified_at, verification"));
  auto text_or_null = [&](int col) { return r.IsNull(col) ? ojson(nullptr) : ojson(r.Text(col)); };
  ojson out = {{"id", id},
               {"status", r.Text(1)},
               {"request", ojson::parse(r.Text(2), nullptr, false)},
               {"submitted_by", r.Text(4)},
               {"submitted_at", r.Text(5)},
               {"compared_at", text_or_null(6)},
               {"verified_by", text_or_null(7)},
               {"verified_at", text_or_null(8)},
               {"verification", r.IsNull(9) ? ojson(nullptr) : ojson::parse(r.Text(9), nullptr, false)},
               {"result", r.IsNull(3) ? ojson(nullptr) : ojson::parse(r.Text(3), nullptr, false)}};
  if (r.Text(1) == kUnjustified) out["erase"] = "the result was erased (Art. 32(5)): erase every copy of it";
  return out.dump(2);
}

Result<std::string> Registry::LawEnforcementQueue(bool include_decided, const std::string& after, size_t limit) {
  std::string sql =
      "SELECT id, status, request, submitted_at, compared_at, verified_at FROM law_enforcement_request WHERE 1 = 1";
  std::vector<store::Value> params;
  if (!acting_member_state_.empty()) {
    sql += " AND member_state = ?";
    params.emplace_back(acting_member_state_);
  }
  if (!include_decided) {
    sql += " AND status IN (?, ?)";
    params.emplace_back(std::string(kPending));
    params.emplace_back(std::string(kComparedUnverified));
  }
  OP_RETURN_IF_ERROR(internal::AppendPageAfter(store_, "law_enforcement_request", "submitted_at", "member_state",
                                               acting_member_state_, after, limit, kLawEnforcementQueuePage, &sql,
                                               &params));
  sql += " ORDER BY submitted_at, id LIMIT " + std::to_string(limit + 1);
  OP_ASSIGN_OR_RETURN(store::QueryResult q, store_->Query(sql, params));
  ojson list = ojson::array();
  for (size_t i = 0; i < q.rows.size() && i < limit; ++i) {
    const store::Row& r = q.rows[i];
    list.push_back({{"id", r.Text(0)},
                    {"status", r.Text(1)},
                    {"request", ojson::parse(r.Text(2), nullptr, false)},
                    {"submitted_at", r.Text(3)},
                    {"compared_at", r.IsNull(4) ? ojson(nullptr) : ojson(r.Text(4))},
                    {"verified_at", r.IsNull(5) ? ojson(nullptr) : ojson(r.Text(5))}});
  }
  const bool more = q.rows.size() > limit;
  return ojson({{"count", list.size()},
                {"more", more},
                {"next", more ? ojson(list.back()["id"]) : ojson(nullptr)},
                {"requests", list}})
      .dump(2);
}

}  // namespace openpact::registry
