// The responsibility decision (AMMR, Regulation (EU) 2024/1351, Part III): which Member State
// examines an application, on which criterion, and the time limits of the take charge or take back
// procedure that follows (Arts. 39-46), computed with AMMR Art. 75 and the Member State's holidays.
//
// The case document and the answer follow shared/spec/case-documents.md ("Responsibility
// decision"; docs/schemas/responsibility-case.schema.json has the full schema). The criteria are
// examined in the order of Chapter II (Art. 24(1)) on the situation when the application was first
// registered (Art. 24(2)); every criterion examined becomes an entry of `considered`, with the
// reason it applies or not. What the engine cannot decide without a caseworker's assessment (the
// child's best interests among several Member States, Art. 25(4); the family procedure, Art. 28;
// dependent persons, Art. 34; the discretionary clauses, Art. 35) is said in `flags` or
// `not_assessed`, never guessed.
//
// Applications registered before 1 July 2026 fall under the criteria of Regulation (EU) No
// 604/2013 (AMMR Art. 84(2)): they are decided by DecideResponsibility on those criteria
// (responsibility_dublin3.cc), judged on the situation when the application was first lodged
// (`lodged_on`, Dublin III Art. 7(2)), without the procedure's time limits, which Art. 84(2) does
// not settle (the answer's `regime` and flags say so).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/procedure.h"  // RulesData, Deadline, Flag

namespace openpact::rules {

// ---- The case document ----

struct FamilyMemberFact {
  std::string relation;      // spouse | partner | child | parent | sibling | relative
  std::string member_state;  // where the family member is
  std::string status;        // beneficiary | resident (long-term) | citizen | applicant
  bool existed_in_country_of_origin = false;
  bool existed_before_arrival = false;       // Art. 2(8): what the AMMR requires
  bool born_after_arrival = false;           // a child born after the family member arrived, Art. 26(3)
  bool wish_in_writing = false;              // Arts. 26, 27
  std::optional<Date> date_of_birth;         // a child's minority, Art. 2(8)(b)
  bool first_decision_on_substance = false;  // Art. 27: only a pending application counts
  bool partnership_recognised = false;       // Art. 2(8)(a): unmarried partners assimilated there
  bool can_take_care = false;                // Art. 25(3): a relative, after individual examination
  bool against_best_interests = false;       // Arts. 25(2)-(3), 36(2) 2nd subpara: against the child's interests
};

// Art. 34: dependency between the applicant and a child, sibling or parent legally resident in a
// Member State.
struct DependencyFact {
  std::string relation;      // child | sibling | parent (of the applicant)
  std::string member_state;  // where that person legally resides
  std::string dependent;     // applicant | relative: who depends on whom
  std::string reason;        // pregnancy | newborn_child | serious_illness | severe_disability | severe_trauma | old_age
  bool ties_existed_before_arrival = false;
  // Dublin III Art. 16(1) (applications registered before 1 July 2026): the ties existed in the
  // country of origin (which implies before arrival).
  bool ties_existed_in_country_of_origin = false;
  bool carer_able = false;
  bool wish_in_writing = false;
  bool applicant_cannot_travel = false;  // Art. 34(2): for a significant period, for health reasons
};

struct DocumentFact {
  std::string type;       // residence_document | visa
  std::string issued_by;
  Date valid_from;
  Date valid_until;
  std::optional<Date> withdrawn_on;  // annulled, revoked or withdrawn (Art. 29(4))
  std::string on_behalf_of;          // visa issued under a representation arrangement (Art. 29(2))
  std::string visa_type;             // uniform | long_stay | airport_transit | limited_territorial ("" unknown)
  bool fraud_after_issue = false;    // the issuing Member State shows fraud after issue (Art. 29(5))
  std::optional<Date> vis_hit_received_on;  // a VIS hit on this visa (Art. 39(1), 2nd subparagraph)
  // Dublin III Art. 12(4): an expired document counts only if it enabled the applicant actually to
  // enter the territory of a Member State (asked only where that decides).
  std::optional<bool> enabled_entry;
};

struct DiplomaFact {
  std::string issued_by;
  Date issued_on;
  std::optional<int> study_months;  // Art. 30(2): the longest period of study prevails
};

struct EurodacHitFact {
  std::string category;  // the Eurodac category of the data hit (registry names)
  std::string member_state;
  Date date;             // when those data were taken (the crossing, the disembarkation, ...)
  Date hit_received_on;  // defaults to registered_on
  std::string responsible_member_state;  // recorded in the hit dataset (Eurodac Art. 16(1)); "" if none
  // That responsibility was determined under Art. 16(2), the first Member State of registration
  // (Regulation (EU) 2024/1359, Art. 13(1)(a)).
  bool responsible_under_16_2 = false;
  // Art. 37(2): that application, examined in the border procedure, was rejected (inadmissible,
  // unfounded, manifestly unfounded) or declared withdrawn by a decision final on this day.
  std::optional<Date> border_procedure_final_on;
  // Art. 37(5): the person left, voluntarily or by force, under a return decision or removal order
  // issued after that application was withdrawn or rejected (Eurodac Art. 16(2)(d)).
  std::optional<Date> left_under_return_decision_on;
  // Art. 37(4): the person left the territory of the Member States (Eurodac Art. 16(2)(c)).
  std::optional<Date> left_territory_on;
  // Art. 38(5): that application's relocation was confirmed (Art. 67(9)) to this Member State of
  // relocation, recorded in Eurodac (Regulation (EU) 2024/1358, Arts. 17(2)(b), 25(1)); "" none.
  std::string relocation_member_state;
  // These are the Member State of relocation's own data, recording the person's arrival there after
  // the transfer of Art. 67(11) on this day (Eurodac Art. 25(2)): the relocation is done.
  std::optional<Date> arrived_after_relocation_on;
};

struct ResponsibilityCase {
  Date decision_date;
  std::string member_state;  // the Member State deciding, where the application is registered
  Date registered_on;
  // Dublin III Art. 20(2): when the application was lodged (the form, or the authorities' report,
  // reached the competent authority). Required for an application registered before 1 July 2026,
  // whose criteria are judged on the situation when it was first lodged (Dublin III Art. 7(2)).
  std::optional<Date> lodged_on;
  struct Applicant {
    std::string nationality;
    std::optional<Date> date_of_birth;
    bool unaccompanied_minor = false;
    bool married = false;
  } applicant;
  // Art. 36(2) (Dublin III Art. 20(3)): the applicant is a minor accompanying a family member
  // (an applicant) whose application another determination already placed with a Member State.
  struct Accompanies {
    std::string relation;                 // child | spouse | partner: the minor's relation to the family member
    std::string member_state_responsible; // for the family member's application
    bool born_after_arrival = false;      // a child born after the family member arrived
    bool family_existed_before_arrival = false;       // Art. 2(8)
    bool family_existed_in_country_of_origin = false; // Dublin III Art. 2(g)
    std::string best_interests;           // served | against | "" (not assessed)
  };
  std::optional<Accompanies> accompanies;
  // Art. 23(2): an unaccompanied minor's representative, appointed within 15 working days of the
  // making of the application (10 more in exceptional circumstances).
  struct Representative {
    Date application_made_on;
    std::optional<Date> appointed_on;
    bool exceptional_circumstances = false;  // a disproportionate number of such applications, or others
  };
  std::optional<Representative> representative;
  bool security_threat = false;  // Art. 16(4): found by this Member State's security check
  std::vector<FamilyMemberFact> family;
  std::vector<DocumentFact> documents;
  std::vector<DiplomaFact> diplomas;
  std::optional<DependencyFact> dependency;  // Art. 34
  struct Entry {
    struct Irregular {
      std::string member_state;
      Date date;
      bool via_sar = false;
    };
    std::optional<Irregular> irregular_entry;
    struct VisaWaived {
      std::string member_state;
      std::optional<Date> date;
      std::optional<bool> exempt_in_member_state_of_registration;  // Art. 31(2)
    };
    std::optional<VisaWaived> visa_waived_entry;
    std::string international_transit_area;  // the Member State of the airport, "" if none
    std::optional<Date> left_eu_since;          // Art. 37(4)
    std::string relocated_to;                   // Art. 33(3)
    // Dublin III Art. 13(2): continuous stays in a Member State after an irregular entry (or one
    // whose circumstances cannot be established), before the application was lodged.
    struct Stay {
      std::string member_state;
      Date from;
      Date to;
    };
    std::vector<Stay> irregular_stays;
  } entry;
  std::vector<EurodacHitFact> eurodac_hits;
  std::vector<std::string> transfer_impossible_to;   // Art. 16(3): a real risk of Art. 4 Charter treatment
  // Art. 22: the personal interview for determining the Member State responsible, held on a day
  // or omitted on a ground of 22(2).
  struct PersonalInterview {
    std::optional<Date> held_on;
    std::string omitted;  // absconded | did_not_attend | information_provided ("" = not omitted)
  };
  std::optional<PersonalInterview> personal_interview;
  std::optional<Date> take_charge_request_sent_on;   // Art. 39(1)
  // Art. 39(2) (Dublin III Art. 21(2)): the take charge request asked for an urgent reply, on the
  // ground the request gives, within the period it set (at least a week; none set: Art. 40(7)'s
  // two weeks).
  struct UrgentReply {
    std::string ground;  // refusal_of_entry | return_decision | refusal_of_stay | arrest_for_illegal_stay | removal_order
    std::optional<int> reply_within_days;
  };
  std::optional<UrgentReply> urgent_reply;
  // The take back notification (Art. 41(1)), or for an application registered before 1 July 2026
  // the take back request (Regulation (EU) No 604/2013, Art. 23(2)), sent on this day.
  std::optional<Date> take_back_sent_on;
  std::optional<Date> reply_received_on;             // the requested Member State's reply, either way (Art. 40)
  std::optional<Date> accepted_on;                   // acceptance or confirmation (Arts. 40(8), 41(4))
  // After a refusal, a request to re-examine it and the reply to that request (Regulation (EC) No
  // 1560/2003, Art. 5(2): computed for applications registered before 1 July 2026, reading R2).
  std::optional<Date> reexamination_requested_on;
  std::optional<Date> reexamination_reply_on;
  std::optional<Date> detained_on;                   // detained under Art. 44 (Art. 45 time limits)
  // Art. 44(2), (5): what the detention order rests on (needs detained_on).
  struct Detention {
    std::string ground;  // risk_of_absconding | national_security_or_public_order ("" = not stated)
    bool individual_assessment = false;              // a case-by-case assessment of the person's situation
    bool less_coercive_measures_insufficient = false;  // alternatives cannot be applied effectively
    std::string ordered_by;                          // administrative | judicial ("" = not stated)
    std::optional<Date> judicial_review_on;          // 44(5): the speedy judicial review, decided
  };
  std::optional<Detention> detention;
  std::optional<Date> transfer_decision_on;          // the transfer decision adopted (Art. 42(1))
  std::optional<Date> transfer_decision_notified_on; // and notified to the person (Art. 42(2)-(3))
  std::optional<Date> transferred_on;                // the transfer was carried out (Art. 46)
  struct TransferExtension {
    std::string ground;  // imprisonment | absconding | physical_resistance | unfit_for_transfer | medical_requirements
    Date notified_on;    // when the requesting State told the responsible one (the 3 years count from it)
    std::optional<Date> available_again_on;  // Art. 46(2), second subparagraph
  };
  std::optional<TransferExtension> transfer_extension;  // Art. 46(2)
  // Art. 43 (Dublin III Art. 27): the appeal against the transfer decision (or its review), the
  // request to suspend the transfer and the court's decisions.
  struct TransferAppeal {
    Date lodged_on;
    std::optional<Date> suspension_requested_on;
    std::string suspension;  // granted | refused | "" (not decided, or not requested)
    std::optional<Date> suspension_decided_on;
    std::optional<Date> final_decision_on;
    std::string outcome;  // dismissed | transfer_decision_annulled | "" (no final decision yet)
  };
  std::optional<TransferAppeal> transfer_appeal;
  // Art. 37(1): this Member State considers a transfer of the unaccompanied minor to the Member State
  // responsible against the child's best interests.
  bool minor_transfer_against_best_interests = false;
  // Art. 35: the discretionary clauses.
  bool examines_under_discretionary_clause = false;  // 35(1): this Member State decides to examine
  struct HumanitarianRequest {                        // 35(2): a request to another Member State
    std::string member_state;
    Date sent_on;
    bool consent_in_writing = false;
    std::optional<Date> accepted_on;
  };
  std::optional<HumanitarianRequest> humanitarian_request;
  // Art. 51: requests for information to another Member State, for the determination. The
  // requested State replies within three weeks (51(5)); one that refuses to give information showing
  // its responsibility cannot invoke the expiry of the Art. 39 time limits against the take charge
  // request, and those limits are extended by the delay of its reply.
  struct InformationRequest {
    std::string member_state;
    Date sent_on;
    std::optional<Date> replied_on;
    bool information_refused = false;  // the reply refused information showing its responsibility
  };
  std::vector<InformationRequest> information_requests;
  // The first decision on the substance of the application (APR) was taken on this day: a
  // humanitarian request (Art. 35(2)) and an unaccompanied minor's late take charge request (Art.
  // 39(1), fourth subparagraph) are made only before it.
  std::optional<Date> first_decision_on_substance_on;
};

// Parses and validates a case document: unknown fields, wrong types, impossible dates, unknown
// country codes, Member States where one is required and inconsistent dates are refused with the
// field named.
Result<ResponsibilityCase> ParseResponsibilityCase(std::string_view json_text, const CountryRegistry& countries);

// Adds the hits a registry record gives (registry::Registry::ResponsibilityHits) to the case's,
// skipping those the case already states (same category, Member State and date). The record must
// be of the deciding Member State (InvalidArgument naming `field` otherwise).
Status AddRecordHits(ResponsibilityCase* c, const std::string& record_member_state, std::vector<EurodacHitFact> hits,
                     const std::string& field);

// ---- The answer ----

struct Consideration {
  std::string criterion;     // "family_member_beneficiary"
  std::string legal_basis;   // "Regulation (EU) 2024/1351, Art. 26(1)"
  bool applies = false;
  std::string member_state;  // the Member State it designates, when it applies
  std::string reason;        // one plain sentence
};

struct ResponsibilityDecision {
  std::string responsible_member_state;  // "" when the engine cannot designate one (see flags)
  std::string criterion;
  std::string legal_basis;
  std::string procedure;  // take_charge | take_back | none (this Member State examines) | undetermined
  std::string requested_member_state;  // where the request or notification goes ("" for none)
  std::vector<Consideration> considered;
  std::vector<Deadline> deadlines;
  std::vector<Flag> flags;
  std::vector<std::string> not_assessed;  // provisions that need a caseworker's assessment
  std::string policy_version;
  Date decision_date;
  std::string member_state;
  // The act whose criteria decided: the AMMR, or Regulation (EU) No 604/2013 for an application
  // registered before 1 July 2026 (AMMR Art. 84(2)).
  std::string regime = "Regulation (EU) 2024/1351";
};

// Decides the case as of `at` (default: the case's decision_date). Errors for what the engine
// cannot decide without guessing: a fact the criteria need and the case does not give (the field
// named), a date outside the holiday data, a policy gap.
Result<ResponsibilityDecision> DecideResponsibility(const ResponsibilityCase& c, const RulesData& data,
                                                    std::optional<Date> at = std::nullopt);

std::string ResponsibilityDecisionToJson(const ResponsibilityDecision& d, int indent = 2);

// Regulation (EU) 2024/1358, Art. 16(1): as soon as the Member State responsible is determined, the
// determining Member State adds it to its applicant's dataset. The answer to a case decided with
// the Eurodac hits of registry record `record_id` (AddRecordHits), with an "eurodac_update" member:
// the status patch for that record ({"ms_responsible": ...}, for `openpact registry update` or
// POST /v1/registry/records/{id}/status) once the decision determines the State (this State
// examines, or the requested State accepted, expressly or tacitly), or a note saying what is
// awaited.
std::string ResponsibilityDecisionForRecordToJson(const ResponsibilityCase& c, const ResponsibilityDecision& d,
                                                  const std::string& record_id);

// ---- The family procedure (Art. 28) ----
// Family members, or unmarried minor siblings, whose applications were registered in the same
// Member State together or close enough to be determined together: {"members": [case, ...]}.
// Members all registered before 1 July 2026 follow Dublin III's Art. 11 (the same choice); a
// family on both sides of that day is refused.

struct FamilyDecision {
  bool applies = false;  // the criteria would have separated them
  std::string responsible_member_state;  // "" if none can be designated (see flags)
  std::string legal_basis;               // Art. 28(a) or (b)
  std::string reason;
  struct MemberDesignation {
    size_t member;
    std::string member_state;  // what the criteria designate alone ("" if the case does not reach them)
    std::string criterion;
  };
  std::vector<MemberDesignation> designations;
  std::vector<Flag> flags;
  std::vector<ResponsibilityDecision> members;  // each member's decision, the family's Member State applied
};

// At least two and at most 50 members, every one registered in the same Member State; errors name
// "members[i].field".
Result<std::vector<ResponsibilityCase>> ParseFamilyProcedure(std::string_view json_text, const CountryRegistry& countries);
Result<FamilyDecision> DecideFamilyProcedure(const std::vector<ResponsibilityCase>& members, const RulesData& data,
                                             std::optional<Date> at = std::nullopt);
std::string FamilyDecisionToJson(const FamilyDecision& d, int indent = 2);

}  // namespace openpact::rules
