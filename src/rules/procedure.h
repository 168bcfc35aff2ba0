// The procedure decision (APR, Regulation (EU) 2024/1348): admissibility (Art. 38), acceleration
// (Art. 42), the border procedure (Arts. 43-45, 48, 50, 53) and every time limit that runs
// (Arts. 27, 28, 35, 51, 67, 68), computed with APR Art. 73 and the Member State's holidays.
//
// The case document and the answer follow shared/spec/case-documents.md (docs/schemas/ has the
// JSON Schema). Rules are organised by article; each general rule and each named exception that
// overrode it becomes a Ground in the answer, with its rule ID, legal basis, a plain sentence, the
// evidence used and the status of the provision.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "core/time_limits.h"
#include "rules/policy.h"

namespace openpact::rules {

// ---- The case document ----

struct SafeThirdCountryFact {
  std::string country;
  std::string link;           // connection | transit | agreement
  bool case_by_case = false;  // Art. 59(4): assessed for this applicant, not designated
};

struct ProcedureCase {
  Date decision_date;
  std::string member_state;
  struct Applicant {
    std::string nationality;
    std::string former_habitual_residence;  // "" when null
    std::optional<Date> date_of_birth;
    bool unaccompanied_minor = false;
    std::string region_of_origin;  // "" when null
    std::vector<std::string> categories;
    bool special_reception_needs = false;
    bool special_procedural_guarantees = false;
    bool support_available_at_border = true;
    // Art. 21(2): the determining authority finds that the support a person needing special
    // procedural guarantees needs cannot be provided in the accelerated examination (true when
    // omitted, as support_available_at_border).
    bool support_available_in_accelerated_examination = true;
    bool medical_reasons = false;
    // A third-country national subject to instrumentalisation, as the Council implementing decision
    // identifies them (Regulation (EU) 2024/1359, Arts. 1(4), 11(6)).
    bool instrumentalised = false;
    // A family member of a minor under 12 (Regulation (EU) 2024/1359, Art. 11(7)).
    bool family_member_of_child_under_12 = false;
  } applicant;
  struct Application {
    Date made_on;
    std::optional<Date> registered_on;
    std::optional<Date> lodged_on;
    std::string context;  // border_crossing_point | transit_zone | apprehended_irregular_crossing |
                          // sar_disembarkation | relocation | in_territory
    bool after_screening = false;
    bool meets_entry_conditions = false;
    bool entered_lawfully = false;  // for Art. 42(1)(h) vs (i)
    bool subsequent = false;
    bool new_elements = false;
    // A second or further subsequent application, made after a final decision rejected the
    // previous subsequent application as inadmissible, unfounded or manifestly unfounded (Art.
    // 56(b)); needs subsequent.
    bool previous_subsequent_rejected = false;
    std::optional<Date> return_decision_notified_on;
    bool return_consequences_not_explained = false;  // Art. 38(1)(e) condition
    std::string protection_granted_by;               // "" when null
    bool disproportionate_number = false;            // Arts. 27(5), 28(5)
    std::optional<Date> decision_notified_on;        // starts the appeal time limits
    // Art. 23(2)(b), (3): an unaccompanied minor's representative, appointed on this day; ten
    // working days more for a disproportionate number of such applications or other exceptional
    // situations.
    std::optional<Date> representative_appointed_on;
    bool representative_exceptional_situation = false;
    // The determining authority extended a time limit of Art. 35, for the reason of point (a), (b)
    // or (c): disproportionate_number | complex_case | applicant_failed_obligations ("" none).
    std::string admissibility_extended;  // Art. 35(2): the two months of 35(1), first subparagraph
    std::string examination_extended;    // Art. 35(5): the six months of 35(4)
    bool examination_postponed = false;  // Art. 35(7): an uncertain situation in the country of origin
    // The Member State to which the applicant was relocated (AMMR Art. 67(11)) extended the border
    // procedure's 12 weeks to 16 (Art. 51(2), third subparagraph).
    bool border_procedure_extended = false;
    // The determining authority found the case's issues of fact or law too complex for the
    // accelerated examination and continues it on the merits under Arts. 35(4) and 39, informing
    // the applicant (Art. 42(2)).
    bool too_complex_for_acceleration = false;
    // After a relocation transfer (Regulation (EU) 2024/1351, Art. 67(11)): the day the applicant
    // arrived in the Member State of relocation, from which the five days for lodging in the
    // border procedure run (Art. 51(1)); context relocation only.
    std::optional<Date> arrived_after_relocation_on;
    // After a transfer under Regulation (EU) 2024/1351, Art. 46: the day the applicant presented
    // themselves to the authorities of the Member State responsible (Art. 28(2)).
    std::optional<Date> reported_after_transfer_on;
    // The assessment of the need for special procedural guarantees was concluded (Art. 20(3)).
    std::optional<Date> guarantees_assessed_on;
    // Made to an authority that receives applications but does not register them (Art. 27(3)):
    // it informs the registering authority, which registers from then.
    bool made_to_non_registering_authority = false;
    std::optional<Date> registering_authority_informed_on;
    // An individual assessment found the application likely well-founded (Art. 34(5)(a);
    // Regulation (EU) 2024/1359, Arts. 11(7)(b), 14(2)).
    bool likely_well_founded = false;
    // The personal interview is omitted because a positive decision can be taken (Art. 13(11)(a)).
    bool interview_omitted = false;
    // The admissibility interview (Art. 11; for a subsequent application, the preliminary
    // examination's interview, Art. 55(4)): the day it was held, or why it was omitted (Art.
    // 13(11)(b)-(e): not_inadmissible, unfit, written_statement, protection_in_other_member_state).
    std::optional<Date> admissibility_interview_on;
    std::string admissibility_interview_omitted;
    // A court annulled the determining authority's decision and sent the case back (Art. 35(8));
    // decision_notified_on, if given, is then the new decision's.
    std::optional<Date> remitted_on;
    // The interview on the merits (Art. 12): the day it was held, or why it was omitted (Art.
    // 13(11)(a) positive_decision, (c) unfit; interview_omitted also says (a)).
    std::optional<Date> merits_interview_on;
    std::string merits_interview_omitted;
    // A subsequent application (Art. 55): the day the decision on the previous application became
    // final (an application made before it is a further representation, 55(1)), and whether that
    // application was rejected as implicitly withdrawn without an examination on the merits
    // (elements that could have been presented then still count, 55(5)).
    std::optional<Date> previous_final_decision_on;
    bool previous_implicitly_withdrawn = false;
    // The Commission recommendation of Regulation (EU) 2024/1359, Art. 14(1), covering the
    // applicant's group ("" none): its reference in policy crisis_recommendations.csv.
    std::string crisis_recommendation;
  } application;
  struct Facts {
    bool only_irrelevant_issues = false;
    bool clearly_unconvincing_claim = false;
    bool misled_authorities = false;
    bool destroyed_documents = false;
    bool delay_removal_only = false;
    // Art. 56(a): the decision whose enforcement the application would delay leads to the
    // applicant's imminent removal; not said (nullopt) is flagged for confirmation.
    std::optional<bool> removal_imminent;
    bool danger_security_public_order = false;
    bool late_application_without_good_reason = false;
    bool refuses_biometrics = false;
    std::string first_country_of_asylum;  // "" when null
    std::optional<SafeThirdCountryFact> safe_third_country;
    bool rebuts_safe_country_of_origin = false;
    bool third_country_will_not_readmit = false;     // Art. 38(1)(a)-(b) "unless it is clear..."
    bool unaccompanied_minor_assurance = false;      // Arts. 58(3), 59(6)
    bool relocated_by_international_court = false;   // Art. 38(1)(d)
    bool recognition_rate_not_representative = false;  // Art. 42(1)(j) exceptions
    bool detention_guarantees_unmet = false;         // Art. 53(2)(e)
    // Art. 41(1): why the application is to be declared implicitly withdrawn, "" none: not_lodged
    // (a), refused_cooperation (b), refused_address (c), missed_interview (d), unavailable (e),
    // left_member_state (f).
    std::string implicit_withdrawal_ground;
    // Art. 40(1): the applicant withdrew the application in writing on this day (explicit
    // withdrawal); not with implicit_withdrawal_ground.
    std::optional<Date> explicit_withdrawal_on;
    // Art. 10(3): the applicant is subject to a surrender to another Member State under a European
    // arrest warrant (Framework Decision 2002/584/JHA).
    bool european_arrest_warrant = false;
    // Art. 10(4)(b): the applicant is or will be extradited, surrendered or transferred to another
    // Member State, a third country, the International Criminal Court or another international
    // court, for criminal prosecution or to serve a custodial sentence or detention order.
    bool extradition_or_surrender = false;
  } facts;
  struct Capacity {
    bool adequate_capacity_reached = false;
    bool annual_maximum_reached = false;
  } capacity;
};

// The points of APR Art. 41(1) by name, in order (a) to (f): not_lodged, refused_cooperation,
// refused_address, missed_interview, unavailable, left_member_state.
const std::vector<std::string>& ImplicitWithdrawalGrounds();

// APR Art. 68(3)(b): whether a rejection as inadmissible on `ground` ("38(1)(a)") decided on
// `decided_on` is one that withholds the right to remain of Art. 68(2): 38(1)(a), (d), (e) and
// 38(2), and the ground Regulation (EU) 2026/463 adds (policy row
// apr.no_right_to_remain_added_ground, in force that day). `*amended_by` is set to that row where
// only the amendment names the ground, else null. The unaccompanied minor's exception is the
// caller's. Served to the procedure and the return border decisions alike.
bool NamedByArticle68_3b(const Policy& policy, const std::string& ground, Date decided_on,
                         const Parameter** amended_by);
// The flag amended_article_68_3_b's message: an inadmissibility on `ground` counts under 68(3)(b)
// only as amended, whose text was read in secondary sources (the row's status and note).
std::string AmendedArticle68_3bMessage(const std::string& ground, const Parameter& amended_by);

// Parses and validates a case document: unknown fields, wrong types, impossible dates, unknown
// country codes and inconsistent dates are refused with the field named.
Result<ProcedureCase> ParseProcedureCase(std::string_view json_text, const CountryRegistry& countries);

// ---- The answer ----

struct Ground {
  std::string rule;         // "APR-X01"
  std::string legal_basis;  // "Regulation (EU) 2024/1348, Art. 42(1)(e)"
  std::string explanation;  // one plain sentence
  std::string status;       // in_force | proposal | uncertain
  std::string effect;       // inadmissible | accelerated | border_mandatory | border_optional |
                            // border_excluded | border_relieved | not_applied
  std::vector<std::string> evidence;
};

struct Deadline {
  std::string name;
  Date date;
  std::string legal_basis;
  Date from;
  std::string period;
  std::string note;
  std::string state;  // met | missed | running | expired
  // Who must act, where an answer involves more than one party (the responsibility procedure: the
  // requesting and the requested Member State): the Member State (ISO alpha-3) and whether its
  // authority, its court, or the applicant before it. Empty where the answer leaves it implicit
  // (one deciding State's own procedure).
  std::string by;
  std::string actor;  // authority | court | applicant
};

// The time limit `param` (a period in the policy in force on `at`) from `from`, for
// `member_state`'s holidays, counted under `rule`; its state as of `at`: met or missed if done on
// `done_on`, else running or expired. `note` comes first in the deadline's note.
struct RulesData;

// Whether a person born on `date_of_birth` is a minor (under 18, as every act of the Pact defines
// one) on `on`; an unknown date of birth is no minor.
inline bool MinorOn(std::optional<Date> date_of_birth, Date on) {
  return date_of_birth && on < date_of_birth->AddYears(18);
}

// A time limit's state as of `at`: met or missed if done on `done_on`, else running or expired.
const char* DeadlineState(Date end, std::optional<Date> done_on, Date at);

Result<Deadline> ComputeDeadline(const RulesData& data, ComputationRule rule, const std::string& name,
                                 std::string_view param, Date from, std::string_view member_state, Date at,
                                 std::optional<Date> done_on, const std::string& note = {});

// The time limit of `period` from `from`, for `member_state`'s holidays, counted under `rule`, as a
// Deadline with `legal_basis`; its state as of `at`: met or missed if done on `done_on`, else
// running or expired. `note` comes first in the deadline's note, then what the counting did
// (an end moved off a holiday). ComputeDeadline is this for a period of the policy.
Result<Deadline> DeadlineForPeriod(const RulesData& data, ComputationRule rule, const std::string& name,
                                   const Period& period, std::string legal_basis, Date from,
                                   std::string_view member_state, Date at, std::optional<Date> done_on,
                                   const std::string& note = {});

// A time limit extended as one: the period `base` plus `extension`, both in force on `at` and
// counted in the same unit (12 weeks and 6 more make 18 weeks). `base_row` and `extension_row`
// receive the rows read (for legal bases). A policy gap or a unit mismatch is an error.
Result<Period> ExtendedPeriod(const Policy& policy, std::string_view base, std::string_view extension, Date at,
                              const Parameter** base_row = nullptr, const Parameter** extension_row = nullptr);

// The time limit `base` (ComputeDeadline) or, where `extended`, `base` and `extension` counted as
// one (ExtendedPeriod) with `extended_basis` as its legal basis: a limit a case may extend once.
Result<Deadline> ComputeExtendableDeadline(const RulesData& data, ComputationRule rule, const std::string& name,
                                           std::string_view base, std::string_view extension, bool extended,
                                           const std::string& extended_basis, Date from,
                                           std::string_view member_state, Date at, std::optional<Date> done_on,
                                           const std::string& note);

struct Flag {
  std::string code;
  std::string message;
};

}  // namespace openpact::rules
namespace openpact {
class JsonWriter;
}
namespace openpact::rules {
// The answers' "grounds", "deadlines" and "flags" members, written the same way by every decision.
void WriteGrounds(JsonWriter& w, const std::vector<Ground>& grounds);
void WriteDeadlines(JsonWriter& w, const std::vector<Deadline>& deadlines);
void WriteFlags(JsonWriter& w, const std::vector<Flag>& flags);

struct ProcedureDecision {
  std::string admissibility;     // admissible | inadmissible
  std::string procedure;         // border | accelerated | regular
  std::string border_procedure;  // mandatory | optional | excluded | not_applicable
  // The right to remain during the administrative procedure (Art. 10): yes (10(1), until the
  // determining authority decides) | no (10(3)) | exception_possible (national law may except the
  // applicant, 10(4)) | ended (the decision is notified: Art. 68 governs the appeal stage).
  std::string right_to_remain;
  // none | implicit (Art. 41, declared implicitly withdrawn) | explicit (Art. 40): the routing
  // above is what applied until the withdrawal.
  std::string withdrawal;
  std::vector<Ground> grounds;
  std::vector<Deadline> deadlines;
  std::vector<Flag> flags;
  std::string policy_version;
  Date decision_date;
  std::string member_state;
};

// Everything the engine reads besides the case, loaded once.
struct RulesData {
  CountryRegistry countries;
  HolidayCalendar calendar;
  Policy policy;

  // Loads data_dir/countries.csv, data_dir/holidays/, and `policy_dir` (default data_dir/policy).
  static Result<RulesData> Load(const std::string& data_dir, const std::string& policy_dir = {});
};

// Whether `member_state` is bound by `act` on `at`, by its `setting` row of
// member_state_settings.csv (no row: it is). Refused naming `field` (the case's member that names
// the State) when the row says it is not ("<name> is not bound by <act> (basis; policy
// file:line[; status: note])"); a row whose status is not in_force gives the flag to add to the
// answer (member_state_participation_<status>).
Result<std::optional<Flag>> CheckBoundByAct(const RulesData& data, const std::string& member_state,
                                            std::string_view setting, const std::string& act, Date at,
                                            const std::string& field = "member_state");

// Decides the case as of `at` (default: the case's decision_date). Errors only for what the
// engine cannot decide without guessing (a date outside the holiday data, a policy gap).
Result<ProcedureDecision> DecideProcedure(const ProcedureCase& c, const RulesData& data,
                                          std::optional<Date> at = std::nullopt);

std::string ProcedureDecisionToJson(const ProcedureDecision& d, int indent = 2);

}  // namespace openpact::rules
