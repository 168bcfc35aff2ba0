// Reception conditions: the time limits the Reception Conditions Directive (Directive (EU)
// 2024/1346, "RCD") sets for an applicant's reception, read against
// shared/spec/law-it/reg-2024-1346.txt, with the registration time limit of the APR (Regulation
// (EU) 2024/1348, Art. 27) where the Directive refers to it.
//
// A Directive binds the Member States through their national law (Art. 35): each time limit here
// is the longest the Directive allows; national law may set a shorter one, which is what a
// caseworker must apply (the answer says so once). From the application's dates and what was done
// when, the engine gives: the standard information on reception (Art. 5(1)), the assessment of
// special reception needs (Art. 25(1)), an unaccompanied minor's representative (Art. 27(1)),
// minors' access to education (Art. 16(2)), access to the labour market (Art. 17(1)) and the
// judicial review of detention ordered by an administrative authority (Art. 11(3)), each with its
// article and its state (met, missed, running, expired); and whether the applicant is entitled to
// material reception conditions here (Art. 21) and whether a decision reducing or withdrawing
// them rests on what Art. 23 allows. What needs an individual assessment
// (detention grounds, Art. 10; whether a delay is the applicant's doing) is listed in
// `not_assessed` or taken from the case, never guessed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/countries.h"
#include "core/date.h"
#include "core/status.h"
#include "rules/decision_record.h"  // DecisionRecord, RulesData, Ground, Deadline, Flag

namespace openpact::rules {

// ---- The case document (docs/schemas/reception-case.schema.json) ----

struct ReceptionCase {
  Date decision_date;
  std::string member_state;
  struct Applicant {
    std::string nationality;
    std::optional<Date> date_of_birth;
    bool unaccompanied_minor = false;  // claims to be, or objective grounds to believe so (Art. 27(1))
    bool minor_children = false;       // accompanied by minor children (Art. 16(1))
  } applicant;
  struct Application {
    Date made_on;                       // Art. 5(1), 25(1), 27(1) count from here
    std::optional<Date> registered_on;  // Art. 17(1)
    std::optional<Date> lodged_on;      // Art. 16(2)
    bool disproportionate_number = false;  // APR Art. 27(5): 15 days to register instead of 5
    // APR Art. 27(3): made to an authority that does not register applications; the registering
    // authority registers within five days of being informed.
    bool made_to_non_registering_authority = false;
    std::optional<Date> registering_authority_informed_on;
    std::string accelerated_ground;     // "42(1)(a)" ... "42(1)(j)" when the examination is accelerated
    std::optional<Date> decided_on;     // the determining authority's decision (Art. 17(1))
    bool delay_attributable_to_applicant = false;  // Art. 17(1)
    // Art. 17(9): the applicant appealed that (negative) decision and has the right to remain
    // pending the appeal (APR Art. 68(2)); the negative decision on the appeal was notified on
    // this day.
    bool appealed_with_right_to_remain = false;
    std::optional<Date> appeal_decision_notified_on;
  } application;
  std::optional<Date> information_provided_on;  // Art. 5(1), second subparagraph
  struct NeedsAssessment {
    bool integrated_with_apr_article_20 = false;  // Art. 25(1), second and fourth subparagraphs
    std::optional<Date> completed_on;
  } needs_assessment;
  struct Representative {
    std::optional<Date> appointed_on;
    bool exceptional_situation = false;  // Art. 27(1), fifth subparagraph: up to 10 days later
  } representative;
  std::optional<Date> education_access_on;     // Art. 16(2)
  std::optional<Date> labour_market_access_on;  // Art. 17(1)
  struct Detention {
    bool present = false;
    Date started_on;
    std::string ordered_by;  // administrative | judicial
    std::string review;      // ex_officio | on_request
    std::optional<Date> review_requested_on;  // on_request: the proceedings started
    bool exceptional_situation = false;       // Art. 11(3): 21 days instead of 15
    std::optional<Date> reviewed_on;          // the review concluded
    std::optional<Date> released_on;
  } detention;
  // Art. 9: a decision restricting the applicant's freedom of movement: residence in a specific
  // place (9(1), on public order or a risk of absconding) or reporting duties (9(2), to ensure
  // compliance with a 9(1) decision or against absconding). Reviewed ex officio by a judicial
  // authority once applied for more than two months, or open to appeal on request (9(5), the
  // Member State's choice).
  struct MovementRestriction {
    bool present = false;
    std::string type;    // specific_place | reporting
    std::string ground;  // public_order | risk_of_absconding | compliance_with_specific_place (reporting)
    Date decided_on;
    Date applied_from;  // decided_on when the case does not say
    bool reasons_stated = false;       // 9(5): reasons of fact and, where relevant, of law in the decision
    std::optional<Date> informed_in_writing_on;  // 9(5)
    std::string review;                          // ex_officio | on_request
    std::optional<Date> judicially_reviewed_on;
    std::optional<Date> ended_on;
  } movement_restriction;
  // Material reception conditions: where the applicant is entitled to them (Art. 21) and a
  // decision reducing or withdrawing them (Art. 23).
  struct MaterialConditions {
    // Regulation (EU) 2024/1351, Art. 17(4): the Member State where the applicant is required to be
    // present ("" = this one).
    std::string required_to_be_present_in;
    std::optional<Date> transfer_decision_notified_on;  // Art. 21: to the Member State responsible
    struct Measure {
      bool present = false;
      // reduce_daily_allowance | withdraw_daily_allowance | reduce_other | withdraw_other
      std::string type;
      char ground = 0;  // Art. 23(2), point 'a'-'f'
      std::optional<Date> decided_on;
      std::optional<Date> applied_on;
      std::optional<Date> circumstances_ceased_on;  // Art. 23(3)
      std::optional<Date> restoration_assessed_on;
    } measure;
  } material_conditions;
};

// Parses and validates a case document: unknown fields, wrong types, impossible dates, unknown
// country codes and inconsistent dates are refused with the field named.
Result<ReceptionCase> ParseReceptionCase(std::string_view json_text, const CountryRegistry& countries);

// ---- The answer ----

struct ReceptionDecision : DecisionRecord {
  // due | granted | not_due_decision_taken | not_due_applicant_delay | excluded_accelerated |
  // not_yet_registered
  std::string labour_market_access;
  // not_applicable | judicial_order | pending | concluded | released | release_required
  std::string detention_review;
  // entitled | not_entitled_here (Art. 21) | reduced | withdrawn | measure_not_permitted (Art. 23)
  std::string material_reception_conditions;
  // Art. 9: none | in_force | ended
  std::string movement_restriction;
};

// Decides the case as of `at` (default: the case's decision_date). Refused naming the field for a
// Member State the Directive does not bind, or an application made before it applies.
Result<ReceptionDecision> DecideReception(const ReceptionCase& c, const RulesData& data,
                                          std::optional<Date> at = std::nullopt);

std::string ReceptionDecisionToJson(const ReceptionDecision& d, int indent = 2);

}  // namespace openpact::rules
