// The Eurodac registry (Regulation (EU) 2024/1358): records of the nine categories of persons,
// stored with their biometric data, compared on enrolment as Arts. 27 says, kept for the
// Art. 29 period and erased then (or earlier, Art. 30).
//
// The contract of its documents is ../shared/spec/registry-documents.md: a record is JSON
// (ParseRecord), an answer is JSON with id, stored, category, erase_on, hits, flags and
// legal_basis. What the law fixes (retention periods, the minimum age, transmission limits, the
// date temporary-protection records start) is read from the dated policy data
// (data/policy/parameters.csv, `eurodac.*`), never written here.
//
// Comparisons run on the fingerprint engine (biometrics/identify.h): the records a category may be
// compared against are loaded into a gallery and searched exhaustively; a hit is a candidate whose
// search-scale score (the chance that some impostor record of that gallery scores as well) reaches
// the engine's threshold. Facial images are stored but never compared: Eurodac compares them only
// once its facial-recognition software is introduced (Arts. 57(4), 63(5)), and an answer says so.
//
// Thread safety: a Registry uses its Store, so one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace openpact::store {
class Store;
struct Row;
}
namespace openpact::rules {
struct RulesData;
struct EurodacHitFact;
}
namespace openpact::biometrics {
class Gallery;
struct Candidate;
struct FingerprintTemplate;
struct SearchOptions;
}

namespace openpact::registry {

enum class Category {
  kApplicant,               // C1, Art. 15
  kResettlementRegistered,  // C2a, Art. 18(1): compared, never recorded (Art. 29(2))
  kResettlementAdmitted,    // C2b, Art. 18(2)(a)
  kResettlementRefused,     // C2c, Art. 18(2)(b)-(c)
  kNationalResettlement,    // C3, Art. 20
  kIrregularCrosser,        // C4, Art. 22
  kIllegalStayer,           // C5, Art. 23
  kSarDisembarked,          // C6, Art. 24
  kTemporaryProtection,     // C7, Art. 26 (from 12 June 2029, Art. 63(2))
};

// What the regulation says of one category.
struct CategoryRule {
  Category category;
  const char* name;               // the contract's enum value: "irregular_crosser"
  const char* code;               // "C4"
  const char* collection_basis;   // "Regulation (EU) 2024/1358, Art. 22"
  bool recorded;                  // false for C2a (Art. 29(2))
  const char* retention_parameter;  // policy id of the Art. 29 period; "" when not recorded
  const char* retention_basis;
  const char* transmission_parameter;  // policy id of the transmission limit; "" when none is fixed
  const char* transmission_basis;
  // Compared on transmission: Art. 27(1) (C1, C4-C7), Art. 27(2) (C2a); C2b, C2c and C3 are
  // stored as targets only.
  bool compared_on_transmission;
};

std::span<const CategoryRule> Categories();
const CategoryRule& RuleOf(Category c);
// The rule for a contract name, or InvalidArgument naming `field`.
Result<const CategoryRule*> ParseCategory(std::string_view name, const std::string& field);

struct Fingerprint {
  uint8_t position = 0;   // 1..10
  std::string format;     // "iso19794-2" or "ansi378"
  std::string bytes;      // the record as received
};

struct Person {
  std::vector<std::string> surnames, forenames, nationalities;
  std::optional<Date> date_of_birth;
  std::string sex;  // "M", "F", "X" or "" (not known)
  // An official doubts that the child is 6 or older and there is no proof (Art. 14(1)).
  bool age_in_doubt = false;
};

// The Council implementing decision a temporary-protection record refers to (Art. 26(2)(p)).
struct ImplementingDecision {
  std::string reference;
  Date in_force_from;  // its entry into force: the Art. 29(9) retention runs from it
};

struct Record {
  const CategoryRule* category = nullptr;
  std::string member_state;  // of origin, alpha-3
  std::string reference;     // the Member State's reference number
  Date event_date;           // registration, apprehension, finding, disembarkation, grant...
  Date biometrics_taken_on;
  std::optional<Date> transmitted_on;  // the day of the request when absent
  Person person;
  std::vector<Fingerprint> fingerprints;
  std::optional<std::vector<float>> face;
  bool compare_own_data = false;  // Art. 27(3)
  std::optional<ImplementingDecision> implementing_decision;  // C7 only
  // C4 only: the person was held in custody, confinement or detention from the apprehension until
  // this day; held over 72 hours, the data are due before the release (Art. 22(4)).
  std::optional<Date> held_until;
  // Measures to protect the person's health or public health kept the biometric data from being
  // taken until this day: the transmission is due 48 hours after it instead (Arts. 15(2), 20(3),
  // 22(6), 23(5), 24(5), 26(4); "as soon as possible" under Art. 18(3), second subparagraph).
  std::optional<Date> health_measures_until;
  // Serious technical problems: the Member State extended the transmission limit by at most 48
  // hours to run its national continuity plan (Arts. 15(2), 22(6), 23(5), 24(5), 26(4), second
  // subparagraphs).
  bool technical_problems = false;
  // Fingerprints taken again, under the reference of the stored dataset they replace (Art. 38(1);
  // Arts. 15(1), 18(3), 20(2), 22(5), 23(4), 24(4), 26(3)): biometrics_taken_on is the day of the
  // successful new capture.
  bool retransmission = false;
  bool synthetic = false;  // every fingerprint carries OpenPact's synthetic-data mark
};

// Limits on what one record may hold.
inline constexpr size_t kMaxRecordBytes = size_t{4} << 20;   // the JSON document
inline constexpr size_t kMaxTemplateBytes = size_t{64} << 10;  // one decoded fingerprint record
inline constexpr size_t kMaxFaceDimension = 4096;
inline constexpr size_t kMaxNameLength = 200;
// The most hits one answer lists (Art. 27(4) sends every matching dataset; an answer with more
// says MORE_HITS_THAN_LISTED).
inline constexpr size_t kMaxHits = 100;

// Parses and checks a record document: every field by its path ("person.nationalities[1]",
// "fingerprints[0].data": with the template parser's byte offset), countries against the
// registry of codes, dates as ISO 8601, each fingerprint decoded and parsed. Refuses what the
// regulation rules out at the door (a C7 record before 12 June 2029 or under the Ukraine decision,
// Art. 63(2)-(3)). Nothing is stored here.
Result<Record> ParseRecord(std::string_view json, const rules::RulesData& rules);

// What the audit trail calls sending `record` to be stored or only compared: "enrol", "retransmit"
// (fingerprints taken again replacing a stored dataset's, Art. 38(1)) or "search".
inline const char* TransmissionOperation(const Record& record, bool store_it) {
  if (!store_it) return "search";
  return record.retransmission ? "retransmit" : "enrol";
}

// The last day of the Art. 29 retention period of `record`, as policy data in force on its
// transmission day says: N years from the transmission of the biometric data (for C7, from the
// implementing decision's entry into force), ending on the same date (the last day of the month
// where that date does not exist: Reg. 1182/71 Art. 3(2)(c)). Not moved off weekends: the act
// orders erasure at the end of the period (Art. 29(10)), and keeping special-category data a day
// longer is not what Art. 3(4) is for (the policy row says so).
Result<Date> RetentionEnd(const Record& record, Date transmitted_on, const rules::RulesData& rules,
                          std::string* basis = nullptr);

// Why a record is erased before its time.
enum class ErasureReason {
  kCitizenshipAcquired,  // Art. 30(1): the person became a citizen of a Member State
  kInaccurate,           // Art. 40(3), (5): the Member State of origin rectifies by erasing
  kUnlawfullyRecorded,   // Art. 40(5)
};
Result<ErasureReason> ParseErasureReason(std::string_view text, const std::string& field);

// A synthetic record document for tests and the demo (never a real person: the names are
// "SYNTHETIC", every template carries the synthetic-data mark). `person` fixes the person's
// fingers (the same person under another `capture` gives other impressions of the same fingers);
// positions 1..fingers are taken.
struct SyntheticRecordSpec {
  std::string category = "irregular_crosser";
  std::string member_state = "ITA";
  std::string reference;  // default: MS-SYN-<person>-<capture>
  std::string event_date = "2026-07-01";
  std::string transmitted_on;  // omitted when empty (the day of the request)
  std::string date_of_birth = "1990-01-01";
  std::string sex = "X";  // M, F or X (unspecified); empty: not given
  uint64_t person = 1;
  uint64_t capture = 1;
  int fingers = 10;
};
std::string SyntheticRecordJson(const SyntheticRecordSpec& spec);

// Why a record is marked (Art. 31): kept with it for its retention period, shown with every hit
// on it (Art. 27(4)); applicants marked as protected are compared with C2a data (Art. 27(2)).
enum class Mark {
  kInternationalProtection,  // Art. 31(1): the Member State of origin granted protection (C1)
  kResidenceDocument,        // Art. 31(4): it issued a residence document (C4, C5, C6)
};
Result<Mark> ParseMark(std::string_view text, const std::string& field);

// A designated authority's reasoned request for a comparison for law-enforcement purposes
// (Chapter XI), read and checked: every condition of Art. 33(1) stated (or the CIR indication of
// Art. 33(2) for the prior checks), the offence a terrorist or other serious criminal offence,
// the fingerprints parsed. Refusals name the field. Nothing is stored here (see
// Registry::SubmitLawEnforcementRequest; docs/registry.md has the document).
struct LawEnforcementRequest {
  std::string member_state;
  std::string reference;     // the designated authority's (Art. 32(1))
  std::string offence_type;  // "terrorist_offence" | "serious_criminal_offence"
  bool urgent = false;       // Art. 32(4)
  // What Art. 51(2) has documented, as JSON: the request without the fingerprints' data, which
  // appear as position, format and BLAKE2b-256 digest.
  std::string documented_json;
  std::vector<Fingerprint> fingerprints;
  // Or alphanumeric data (Art. 33(3)), as JSON: surname and date_of_birth, and optionally
  // forename, nationality and sex; "" when the request gives fingerprints.
  std::string alphanumeric_json;
};
Result<LawEnforcementRequest> ParseLawEnforcementRequest(std::string_view json, const rules::RulesData& rules);

// The stored records in memory, for comparisons: every record's fingerprints in a gallery
// (biometrics/identify.h), with what decides who may be compared with whom (category, Member
// State, mark). A server keeps one for its lifetime; a Registry checks it against the store's
// registry generation (bumped by every change, in the change's transaction) before each
// comparison and reloads it when another writer (a second server, the CLI) changed the store,
// so a comparison never misses a stored record. Erased records are removed from it at once
// (Gallery::Remove: their minutiae are overwritten).
// A comparison's search run ahead of Enrol (Registry::PrecomputeComparison). Opaque.
class PrecomputedComparison {
 public:
  ~PrecomputedComparison();

 private:
  friend class Registry;
  PrecomputedComparison();
  struct Data;
  std::unique_ptr<Data> data_;
};

class RegistryIndex {
 public:
  // Reads every stored record, `page_records` at a time, preparing the fingers on `threads`
  // threads. Without `preselection` (a registry compared exhaustively) no pre-selection keys are
  // computed or held, most of the memory (biometrics::Gallery); its comparisons are then
  // exhaustive whatever share is asked for.
  static constexpr int64_t kDefaultPageRecords = 5000;
  static Result<std::unique_ptr<RegistryIndex>> Load(store::Store* store, int threads,
                                                     int64_t page_records = kDefaultPageRecords, bool preselection = true);
  ~RegistryIndex();
  RegistryIndex& operator=(RegistryIndex&&) noexcept;
  size_t records() const;  // live records
  int64_t generation() const { return generation_; }
  // Memory held by the gallery (fingers and pre-selection index), in bytes.
  size_t MemoryBytes() const;
  // Finishes the pre-selection index now (a server that pre-selects, at start), rather than in
  // the first pre-selected comparison. Exhaustive comparisons never need it.
  void BuildPreselection();
  // How the comparisons searched ahead on an older state of this index were brought up to date
  // (Registry::Enrol): caught up with the records changed since, or searched again in full.
  uint64_t caught_up() const { return caught_up_; }
  uint64_t searched_again() const { return searched_again_; }

 private:
  friend class Registry;
  RegistryIndex();
  struct Meta {
    std::string category, member_state, event_date, mark;  // mark "" when none
  };
  // The changes a Registry applies (Committed), each at the generation being applied.
  void Append(const std::string& id, const biometrics::FingerprintTemplate& fingerprints, Meta meta);
  void Forget(const std::string& id);
  void SetMark(const std::string& id, const std::string& mark);
  void Touch(size_t record);  // record `record` changed at generation applying_
  std::vector<uint8_t> Eligible(const Record& r, size_t* pool) const;
  std::unique_ptr<biometrics::Gallery> gallery_;
  std::vector<Meta> meta_;                       // per gallery record
  std::map<std::string, size_t, std::less<>> by_id_;  // live records only
  int64_t generation_ = 0;
  int threads_ = 1;
  // Per gallery record, the generation of its last change since the load (0, or past the end:
  // none), so that a search made at an older generation can be caught up (Registry::CatchUp).
  std::vector<int64_t> changed_at_;
  int64_t applying_ = 0;       // the generation of the change being applied
  uint64_t load_serial_ = 0;   // which load this is: a reload numbers the records anew
  // Counted under the server's exclusive lock (or in a single-threaded CLI).
  uint64_t caught_up_ = 0, searched_again_ = 0;
};

class Registry {
 public:
  // Without `index`, each comparison loads the stored records for itself (a CLI command); with
  // one (a server's), comparisons use it and the registry keeps it current: call Committed()
  // after the caller's transaction holding a change has ended, so that the index takes the
  // change if it was committed (Committed() checks the store; a change rolled back never reaches
  // the index).
  Registry(store::Store* store, const rules::RulesData* rules, RegistryIndex* index = nullptr)
      : store_(store), rules_(rules), index_(index) {}
  // The share of eligible records the full matcher scores after the pre-selection ranks them
  // (biometrics::SearchOptions::preselect_fraction); 1 (the default) compares exhaustively.
  void set_preselect_fraction(double share) { preselect_fraction_ = share; }
  // Acts for one Member State (a token bound to it): it transmits only its own data, and shows,
  // marks, erases and expires only the records it transmitted (Art. 40(1), (3)); comparisons
  // still run against every Member State's data as Art. 27 says. "" (the default): not bound.
  void set_acting_member_state(std::string member_state) { acting_member_state_ = std::move(member_state); }
  void Committed();

  // Compares `record` as its category may be (Art. 27) and, when `store_it` and the category is
  // recorded and the person not under the minimum age, stores it. `today` is the day of the
  // request (the default transmission day, and the latest one accepted). Returns the answer JSON.
  // Storing is one transaction of the caller's (or its own): a refusal stores nothing.
  Result<std::string> Enrol(const Record& record, bool store_it, Date today, const std::string& created_by,
                            int threads = 1, const PrecomputedComparison* precomputed = nullptr);
  // For a server: Enrol's search of the resident index, run ahead without the store (so under a
  // shared lock of the index, beside other requests), after the same admission checks (nothing is
  // compared that Enrol would not compare). Enrol(..., precomputed) uses it when the index is still
  // at the state it was searched in, and searches again otherwise; the answer is the same either
  // way. Null when there is nothing to compare or no resident index.
  Result<std::unique_ptr<PrecomputedComparison>> PrecomputeComparison(const Record& record, Date today,
                                                                      int threads = 1) const;
  // One record, without its templates (their positions, formats and sizes only).
  Result<std::string> Show(const std::string& id);
  // An applicant's record (Art. 15) as the Eurodac facts of a responsibility case (AMMR Arts. 33,
  // 36, 38, 39 read them): each hit of its comparison not rejected in the final identification,
  // with the category and Member State of the data hit, the day those data were taken (the event
  // date), the day the hit was received, the Member State responsible recorded on them and, for an
  // earlier application, the day the person left under a return decision (Art. 16(2)(d)).
  // `member_state` gets the record's Member State.
  Result<std::vector<rules::EurodacHitFact>> ResponsibilityHits(const std::string& id, std::string* member_state);
  // The record a Member State stored under its reference number (Art. 37(4)), as Show.
  Result<std::string> ShowByReference(const std::string& member_state, const std::string& reference);
  // Advance erasure (Art. 30, Art. 40(3)); returns what was erased.
  Result<std::string> Erase(const std::string& id, ErasureReason reason);
  // Erases every record whose retention ended before `at` (Art. 29(10)); `at` may not be later
  // than `today` (an expiry in advance would erase data whose period has not ended).
  Result<std::string> Expire(Date at, Date today);
  // Records status data sent after the transmission (Arts. 16, 17(2), 22(3), 23(3), 24(3), 25):
  // `patch_json` is an object of fields, each checked against the record's category (a field its
  // article does not give that category is refused naming it, "status.visa"); null removes one
  // (the security flag, once the threat has ceased: Art. 17(4)). Dates may not precede the
  // record's event nor follow `today` (by default today in the record's Member State's legal
  // time). Returns the record's status with the legal basis of each field set.
  Result<std::string> UpdateStatus(const std::string& id, std::string_view patch_json,
                                   std::optional<Date> today = std::nullopt);
  // Rectifies or completes the person data of stored record `id` (Regulation (EU) 2024/1358, Arts.
  // 40(3), 43(4)): only the Member State of origin; `patch_json` an object of person fields
  // (surnames, forenames, nationalities, date_of_birth, sex, age_in_doubt; null removes one),
  // checked as a record's are ("person.date_of_birth"). A date of birth or doubt about the age that
  // shows a child under six when the data were taken is refused: such data are not kept (Art.
  // 14(1)), so the record is to be erased (`Erase`, unlawfully recorded), not rectified. Returns the
  // rectified person data and the fields changed.
  Result<std::string> Rectify(const std::string& id, std::string_view patch_json);
  // Art. 40(5): another Member State (or eu-LISA, the central operator) that has evidence that
  // stored record `id` is factually inaccurate (`unlawful` false) or was recorded in breach of the
  // Regulation (`unlawful` true, a Member State only) tells the Member State of origin: a
  // notification on that record, whose follow-up is to check the data and rectify or erase them.
  // A Member State reports only a record it has seen, one linked by a hit to one of its own (Art.
  // 40(1)); the Member State of origin rectifies or erases its own data instead (40(3)). `note`
  // (at most 1,000 characters) says what the evidence is.
  Result<std::string> ReportInaccuracy(const std::string& id, bool unlawful, const std::string& note);
  // Art. 50 (read in the Italian text): a Member State asks the Member State of origin of record
  // `id`, whose data it obtained by a hit, to agree to their transfer to a third country for
  // return. `request_json`: {"third_country": alpha-3 outside the system, "purpose_confirmed": the
  // data serve only to identify an illegally staying person and issue an identity or travel
  // document for return (50(3)(a)), "person_informed": the person was told their data may be
  // shared with that country's authorities (50(3)(b))}; both must be true. Only the categories
  // 50(1) lists (not C2a, not C2c); a record marked as a beneficiary of international protection is
  // flagged (non-refoulement, 50(5)). Stores the request and notifies the Member State of origin.
  Result<std::string> RequestReturnTransfer(const std::string& id, std::string_view request_json,
                                            const std::string& requested_by);
  // The Member State of origin agrees to or refuses request `transfer_id` (Art. 50(1): "with the
  // agreement of the Member State of origin"), once; the requesting Member State is notified.
  Result<std::string> DecideReturnTransfer(const std::string& transfer_id, bool agree, const std::string& reason,
                                           const std::string& decided_by);
  // The final identification of a hit of stored record `id` on record `hit` (Art. 38(4)-(6)):
  // `confirmed` keeps the link between the two datasets (Art. 3(6)); `rejected` erases the hit
  // at once and answers by when eu-LISA must be told (three working days from the hit, Art.
  // 38(6)) with both Member States' reference numbers. `today`: by default the record's Member
  // State's date.
  Result<std::string> VerifyHit(const std::string& id, const std::string& hit, bool confirmed,
                                std::optional<Date> today = std::nullopt);
  // The yearly extension of temporary-protection records' retention (Art. 29(9): "extended every
  // year for the duration of the temporary protection"): when the protection under Council
  // implementing decision `decision` lasts until `protection_until` (its extension, `basis`, e.g.
  // the Council decision extending it), each of its records is kept to the first anniversary of
  // the decision's entry into force on or after that day; never shortened. A bound token extends
  // only its own Member State's records.
  Result<std::string> ExtendTemporaryProtection(const std::string& decision, Date protection_until,
                                                std::string_view basis);
  // Marks a record (Art. 31(1), (4)); refuses a mark the record's category cannot carry.
  Result<std::string> MarkRecord(const std::string& id, Mark mark);
  // Removes the protection mark of a person whose status was withdrawn (Art. 31(3)). The act
  // removes no residence-document mark.
  Result<std::string> Unmark(const std::string& id);
  // What Eurodac tells the other Member States (Arts. 16(4), 30(2), 31(1), (4)). When a Member
  // State records the Member State responsible on an applicant's data (16(1), (3)), marks data
  // (31(1), (4)) or erases data because the person became a citizen of a Member State (30(1)),
  // each other Member State of origin whose data that record hit, or were hit by it (its Art.
  // 3(6) links), is informed within 72 hours. The registry is Eurodac here: the notifications
  // are stored in the change's own transaction, so they are there at once, each with what its
  // recipient does next (`follow_up`: record the Member State responsible, 16(4); mark, 31(1),
  // (4); erase, 30(1) second subparagraph). A notification goes with its recipient's record, and
  // with the hit it rests on when that hit is rejected (Art. 38(5): information on unreliable data
  // is erased).
  //
  // The acting Member State's notifications (for a central operator every one, or
  // `member_state`'s), oldest first, the unacknowledged ones unless `include_acknowledged`.
  // A page of at most `limit` (1 to kMaxNotificationsListed) after notification `after` ("" from
  // the start); "next" names the last one shown when there are more.
  Result<std::string> Notifications(bool include_acknowledged, const std::string& member_state = {},
                                    const std::string& after = {}, size_t limit = kMaxNotificationsListed);
  // Records that the recipient read notification `id` (its own only, for a bound token).
  Result<std::string> AcknowledgeNotification(const std::string& id, const std::string& by);
  // The most notifications one answer lists (an answer with more says `more`).
  static constexpr size_t kMaxNotificationsListed = 500;

  // Comparisons for law-enforcement purposes (Chapter XI), for a Member State's designated
  // authorities (Art. 33) and Europol's ("member_state": "EUROPOL", Art. 34); comparisons of
  // alphanumeric data or facial images are not implemented. The request document and the
  // workflow are in docs/registry.md.
  //
  // A designated authority's reasoned request (Arts. 32(1), 33): refused, naming the field, unless
  // it states every condition of Art. 33(1) (prior checks of the national databases and, where
  // technically available, of the other Member States' AFIS under Decision 2008/615/JHA, or
  // grounds to skip that check; necessity for a terrorist or other serious criminal offence; a
  // specific case; a substantial contribution), or the CIR indication of Art. 33(2) instead of the
  // prior checks. Stored pending the verifying authority's check, never compared here. Everything
  // Art. 51(2) has documented is kept with it; the fingerprints are kept only until they are
  // compared or the request is refused.
  Result<std::string> SubmitLawEnforcementRequest(std::string_view request_json, const std::string& submitted_by,
                                                  int threads = 1);
  // The verifying authority's decision, in exceptional urgency, to forward a pending request that
  // states one for immediate comparison and check the conditions afterwards (Art. 32(4)).
  Result<std::string> ForwardUrgentLawEnforcementRequest(const std::string& id, const std::string& forwarded_by,
                                                         int threads = 1, const PrecomputedComparison* ahead = nullptr);
  // The verifying authority's check (Arts. 6(2), 32(1)-(2), (4)-(5)): conditions met, the request
  // is compared with every stored dataset (32(2)); not met, it is refused. For an urgent request
  // already forwarded and compared: met confirms it; not met erases the result (32(5)).
  Result<std::string> VerifyLawEnforcementRequest(const std::string& id, bool conditions_met, std::string_view reasons,
                                                  const std::string& verified_by, int threads = 1,
                                                  const PrecomputedComparison* ahead = nullptr);
  // For a server, as PrecomputeSubjectAccess: the fingerprints a pending request (of the acting
  // Member State) would be compared with, read from the store (none for an alphanumeric request or
  // one that is not pending), then PrecomputeEveryRecord searches with them on the resident index
  // without the store. Forward and Verify (..., ahead) use that search when the index and the
  // fingerprints are unchanged, and search again otherwise.
  Result<std::vector<Fingerprint>> PendingLawEnforcementFingerprints(const std::string& id);
  // A comparison with every stored dataset (subject access, law enforcement) run ahead on the
  // resident index; null without one or without fingerprints.
  Result<std::unique_ptr<PrecomputedComparison>> PrecomputeEveryRecord(const std::vector<Fingerprint>& fingerprints,
                                                                       int threads = 1) const;
  // A request, its state and its result (for its designated authority).
  Result<std::string> ShowLawEnforcementRequest(const std::string& id);
  // The requests awaiting the verifying authority (pending, or urgent and compared), oldest
  // first; every request with `include_decided`. Without results. A page of at most `limit`
  // (1 to kLawEnforcementQueuePage) after request `after` ("" from the start); "next" names the
  // last one shown when there are more.
  static constexpr size_t kLawEnforcementQueuePage = 500;
  Result<std::string> LawEnforcementQueue(bool include_decided, const std::string& after = {},
                                          size_t limit = kLawEnforcementQueuePage);

  // A data subject's access request (Art. 43): the person's fingerprints, given with the request
  // (43(6)), compared with every stored dataset of every Member State; every dataset that matches
  // is listed with the Member State that transmitted it and its status data, the security flag
  // included (43(2)), for the Member State that grants the access (only one does) to verify
  // before disclosing (a wrong hit would disclose another person's data). The request and how it
  // was made are recorded (43(8)); the fingerprints are not kept. `request_json`:
  // {"member_state", "received_on", "channel", "fingerprints"} (docs/registry.md).
  // `today`: by default the date in the receiving Member State.
  Result<std::string> SubjectAccess(std::string_view request_json, const std::string& handled_by,
                                    std::optional<Date> today = std::nullopt, int threads = 1,
                                    const PrecomputedComparison* ahead = nullptr);
  // For a server: SubjectAccess's comparison with every stored dataset, run ahead on the resident
  // index without the store (under a shared lock of the index, as PrecomputeComparison), so that a
  // long search holds up no other request. SubjectAccess(..., ahead) uses it when the index is still
  // at the state it was searched in and the fingerprints are the same, and searches again
  // otherwise; the answer is the same either way. Null without a resident index, or for a request
  // whose fingerprints cannot be read (SubjectAccess refuses it, naming the field).
  Result<std::unique_ptr<PrecomputedComparison>> PrecomputeSubjectAccess(std::string_view request_json,
                                                                         int threads = 1) const;

  // Counts only: records by category and Member State; with `month` ("YYYY-MM") also that month's
  // Art. 12 figures the registry can give (datasets transmitted by category and Member State,
  // applicants and first-time applicants, minors, C2a transmissions, hits by source and target
  // category, hits on marked records, wrong hits), and the marks and rejected applicants now; with
  // `year` ("YYYY") the same figures for the year (Art. 12(2): the annual statistics). Either way
  // the datasets of Art. 12(1)(i) are also given by year of birth and sex (Art. 12(2), "where
  // possible": a person without them is counted under "unknown"), and by nationality (the first
  // recorded), which the annual report of AMMR Art. 9(3)(a)(i), (xii) asks. Computed from what is stored
  // now: records erased since no longer count (the answer says so). InvalidArgument naming
  // "--month" or "--year" for a bad period or both.
  Result<std::string> Stats(const std::string& month = {}, const std::string& year = {});

 private:
  // The index to compare against, current with the store (loaded for this call without one).
  Result<RegistryIndex*> CurrentIndex(std::unique_ptr<RegistryIndex>* temporary, int threads);
  // Bumps the store's registry generation in the caller's transaction and queues `change` for
  // the index, applied by Committed().
  Status Changed(std::function<void(RegistryIndex&)> change);
  store::Store* store_;
  const rules::RulesData* rules_;
  RegistryIndex* index_;
  // Adds one to this month's count of `kind` for `member_state` (registry_counter).
  Status CountEvent(const std::string& kind, const std::string& member_state, Date on);
  // The stored record `id`, read as "member_state, " + `columns` (so column 0 is its Member State
  // and the caller's columns follow from 1), when the acting Member State may see it (Art. 40(1),
  // (3)); NotFound otherwise, as for no record at all.
  Result<store::Row> OwnRecord(const std::string& id, const std::string& columns);
  // Stores a notification of `event` on record `id` for every other Member State's record linked
  // to it (see Notifications); `value` is the Member State responsible for
  // "ms_responsible_recorded". Returns the Member States notified, each once, sorted.
  Result<std::vector<std::string>> Notify(const std::string& id, const std::string& event, const std::string& value = {});
  // Art. 31(6), after the arrival of relocated person `id` of `member_state`, whose record carries
  // `mark` ("" none), is recorded (25(2)):
  // where a verified hit's record of another Member State carries the mark of international
  // protection (a beneficiary relocated under Regulation (EU) 2024/1351, Art. 68(4)), marks `id`
  // so and sets `*now_responsible` (the caller records `member_state` as responsible). Returns
  // the answer's "relocation" member as JSON: what was done, or why nothing was.
  Result<std::string> RelocatedBeneficiary(const std::string& id, const std::string& member_state, const std::string& mark,
                                           bool* now_responsible);
  // What may be done with a record before any comparison (Enrol, PrecomputeComparison): a token
  // acting for another Member State, a transmission date the registry refuses, or a child under
  // the minimum age (then nothing is compared or kept).
  struct Admission {
    Date transmitted;
    bool under_age = false;
    std::string age_basis;
    bool compared = false;  // its category is compared on transmission and it has fingerprints
  };
  Result<Admission> Admit(const Record& record, Date today) const;
  // What Enrol needs of the stored dataset a retransmission replaces.
  struct StoredDataset {
    std::string id, erase_on, mark;
  };
  Result<StoredDataset> DatasetToReplace(const Record& record);
  // The acting Member State's own record linked by a hit to record `id` (either way round), the
  // only way it has seen another State's data (Art. 40(1)): that record's id, reference and
  // category; NotFound, as for no record at all, where there is none.
  struct SeenThrough {
    std::string id, reference, category;
  };
  Result<SeenThrough> RecordSeenThroughHit(const std::string& id);
  // A notification for `recipient_member_state` on its record `recipient_record` (registry.cc,
  // Notify; return_transfer.cc); `body_json` a JSON object as the notifications list shows it.
  Status StoreNotification(const std::string& recipient_member_state, const std::string& recipient_record,
                           const std::optional<std::string>& about_record, const std::string& event,
                           const std::string& body_json);
  Status Replace(const StoredDataset& d, const Record& record, const biometrics::FingerprintTemplate& probe,
                 const std::vector<std::pair<std::string, double>>& hits, Date today);
  Status CheckFaceDimension(const Record& record);
  Status InsertFingers(const std::string& id, const std::vector<Fingerprint>& fingerprints);
  biometrics::SearchOptions SearchOptionsFor(int threads) const;
  // The law-enforcement request `id`, read as "member_state, " + `columns`, when the acting Member
  // State may see it; NotFound otherwise, as for no request at all.
  Result<store::Row> OwnLawEnforcementRequest(const std::string& id, const std::string& columns);
  // Compares request `id`'s kept fingerprints (`row` from OwnLawEnforcementRequest with
  // law_enforcement.cc's kRowColumns), stores the
  // result and drops the fingerprints; returns the number of hits.
  Result<int64_t> CompareLawEnforcementRequest(const std::string& id, const store::Row& row, int threads,
                                               const PrecomputedComparison* ahead);
  // The stored records whose fingerprints match `fingerprints` (search scale at the threshold),
  // compared with every stored dataset of every Member State, best first, at most kMaxHits; for
  // law enforcement (Art. 32(2)) and data subjects (Art. 43(2)). `compared` gets how many records
  // were compared.
  struct EveryRecordHit {
    std::string id;
    double score = 0, search_score = 0;
    std::vector<uint8_t> fingers_matched;
  };
  Result<std::vector<EveryRecordHit>> HitsOnEveryRecord(const std::vector<Fingerprint>& fingerprints, int threads,
                                                         size_t* compared, const PrecomputedComparison* ahead = nullptr);
  // The candidates of a comparison with every stored dataset: `ahead`'s when it was searched on the
  // current index state for the same fingerprints, else a search of the current index.
  Result<std::vector<biometrics::Candidate>> EveryRecordCandidates(const std::vector<Fingerprint>& fingerprints,
                                                                   int threads, size_t* compared,
                                                                   const PrecomputedComparison* ahead);
  // Whether `ahead` (possibly null) was searched on `index`, the resident one, in its present state,
  // for the input whose key is `key` (ComparisonKey, EveryRecordKey).
  bool SearchedFor(const PrecomputedComparison* ahead, const RegistryIndex* index, const std::string& key) const;
  // A comparison searched ahead (`ahead`) on an older state of `index`, the resident one, for the
  // input whose key is `key`, brought up to date exactly: of the records `eligible` now (`pool` of
  // them, the search's scale), those changed since (added, erased, marked) are compared or
  // dropped, and the rest of its candidates kept, so that the result is the one a search now would
  // give (tested against one). False, with nothing set, where that cannot be done exactly: another
  // input, a reloaded index, a pre-selected search, or a candidate list that was full and lost one
  // (the record after it is unknown).
  bool CatchUp(const PrecomputedComparison* ahead, RegistryIndex* index, const std::string& key,
               const std::vector<uint8_t>& eligible, size_t pool, const biometrics::FingerprintTemplate& probe,
               int threads, std::vector<biometrics::Candidate>* candidates) const;
  std::vector<biometrics::Candidate> SearchEveryRecord(const RegistryIndex& index,
                                                       const std::vector<Fingerprint>& fingerprints, int threads) const;
  // Compares `fingerprints` with every stored dataset for law enforcement (Art. 32(2)); the
  // result document.
  // `europol`: the requester is Europol, whose use of each hit needs its Member State's
  // authorisation (Art. 34(4)).
  Result<std::string> CompareForLawEnforcement(const std::vector<Fingerprint>& fingerprints, int threads, bool europol,
                                               const PrecomputedComparison* ahead = nullptr);
  // The stored records whose alphanumeric data match `query_json` (LawEnforcementRequest's
  // alphanumeric_json), of every Member State, as CompareForLawEnforcement answers.
  Result<std::string> CompareAlphanumericForLawEnforcement(const std::string& query_json, bool europol);
  double preselect_fraction_ = 1.0;
  std::string acting_member_state_;
  std::vector<std::function<void(RegistryIndex&)>> pending_;
  int64_t pending_generation_ = 0;
};

}  // namespace openpact::registry
