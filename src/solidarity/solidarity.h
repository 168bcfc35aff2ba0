// Solidarity (Regulation (EU) 2024/1351, Part IV) and border-procedure capacity (Regulation (EU)
// 2024/1348, Arts. 46-47) on published figures.
//
// Fair share (Art. 66, Annex I): share = 50 % population share + 50 % GDP share, over the Member
// States taking part in the solidarity mechanism (policy data: member_state_settings.csv). Every
// report names its input series, shows every input, and lists the inputs it lacked: a missing
// figure is never filled in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rules/procedure.h"
#include "solidarity/reference.h"

namespace openpact::solidarity {

struct Pledge {
  double relocations = 0;
  double financial_eur = 0;
  double alternative_eur = 0;
  // Relocations carried out or accepted under AMMR Art. 67(9) by the end of the year; none: not
  // given (Art. 63(5) then cannot be applied).
  std::optional<double> relocations_accepted;
  // Pledged relocations the State need not implement after a full or partial reduction granted
  // under AMMR Art. 61 or 62 (at most the pledged relocations); none: not given. Art. 63(4) counts
  // them out of the relocations to implement.
  std::optional<double> relocations_reduced;
};

// A deduction from a State's fair share in this annual cycle for applications it took above its fair
// share in a crisis (Regulation (EU) 2024/1359, Art. 9(4)(a)), as the Commission authorised it by an
// implementing act (Art. 9(5)).
struct CrisisDeduction {
  double applications = 0;    // deducted in this cycle: a whole number, at least 1
  std::string authorised_by;  // the implementing act (one line of text)
};

// The checks LoadCrisisDeductions makes, for deductions that come another way (a request body):
// InvalidArgument naming "crisis_deductions" (an unknown State) or "crisis_deductions.<code>.<member>".
Status CheckCrisisDeductions(const std::map<std::string, CrisisDeduction>& deductions, const CountryRegistry& countries);

// A fair share after a deduction of `applications` (Crisis Reg. Art. 9(4)): the relocations lose
// the applications, down to 0; the financial part falls in the same proportion; what the fair share
// could not absorb is left for later.
struct DeductedShare {
  double relocations = 0, eur = 0, left = 0;
};
DeductedShare DeductFromFairShare(double fair_relocations, double fair_eur, double applications);

struct SolidarityOptions {
  int year = 2026;
  double eur_per_relocation = 20000;  // AMMR Art. 12(2)-(3): EUR 600 m / 30 000 (configurable)
  std::map<std::string, Pledge> pledges;  // alpha-3 -> pledge, from --pledges (empty = missing)
  std::map<std::string, CrisisDeduction> crisis_deductions;  // alpha-3 -> deduction, from --crisis-deductions
};

struct MemberStateShare {
  std::string code, name;
  bool takes_part = true;
  std::string participation_status;  // in_force | uncertain (policy data)
  std::optional<double> population, gdp;
  double population_share = 0, gdp_share = 0, share = 0;  // fractions of the participants' totals
  double fair_share_relocations = 0, fair_share_eur = 0;
  // Crisis Reg. Art. 9(4)(a): the deduction given for the State, and its fair share after it (both
  // parts reduced in the same proportion); what the fair share could not absorb is left for later
  // cycles within the five years. The pledge's percentage and the offset caps of AMMR Art. 63(7)
  // are taken against the fair share after the deduction.
  std::optional<CrisisDeduction> crisis_deduction;
  std::optional<double> fair_share_relocations_after_deduction, fair_share_eur_after_deduction;
  std::optional<double> deduction_left_for_later_cycles;
  // The fair share in relocations the State's contributions are measured against: after a
  // deduction, where one applies.
  double ContributionFairShare() const {
    return fair_share_relocations_after_deduction.value_or(fair_share_relocations);
  }
  std::string role;        // beneficiary | may_request_deduction | contributor | not_taking_part
  std::string pressure;    // under_migratory_pressure | significant_migratory_situation | at_risk | ""
  std::optional<Pledge> pledge;
  std::optional<double> pledge_pct_of_fair_share;
  // AMMR Art. 63(5): pledged relocations neither carried out nor accepted under Art. 67(9) by the
  // end of the year, for which the State takes responsibility on a beneficiary's request.
  std::optional<double> unexecuted_relocations;
  // AMMR Art. 63(2): whether the contributor may offer to take responsibility for applications
  // instead of relocations: the threshold of 63(1) reached (a), or at least half its fair share
  // pledged as relocations (b); none when neither can be told.
  std::optional<bool> may_offer_offsets;
  // AMMR Art. 63(7): the most mandatory offsets (63(3)) a contributor with a pledge can be held to,
  // its fair share less what it pledged, in the two readings the text leaves open: its pledged
  // relocations only, or every pledge by value (EUR per relocation).
  std::optional<double> offset_cap_relocations_only, offset_cap_all_pledges;
};

struct SolidarityReport {
  int year = 0;
  PoolFigures pool;
  double eur_per_relocation = 0;
  std::string population_series, gdp_series, pressure_act;
  std::vector<MemberStateShare> member_states;
  std::vector<std::string> key_missing_inputs;  // what keeps the key incomplete (also in missing_inputs)
  // Every participant's population and GDP are known: shares computed.
  bool key_complete() const { return key_missing_inputs.empty(); }
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
  // Art. 63: offsets, when pledges are given.
  std::optional<double> pledged_relocations_total;
  std::string offsets;  // one sentence: triggered or not, and why
  // AMMR Art. 63(1)-(2): whether relocation pledges reach half the relocations of the Commission's
  // proposal, so that a beneficiary may ask for offsets instead of relocations; one sentence.
  std::string voluntary_offsets;
  std::optional<bool> voluntary_offsets_threshold_reached;
  // When triggered: the higher of the two numbers of Art. 63(3) less the relocations to implement
  // (the pledged ones, less the beneficiaries' and the reductions granted: Art. 63(4)).
  std::optional<double> offsets_due;
  std::string year_end_offsets;  // Art. 63(5): who owes offsets on request, when acceptances are given
};

// Refuses pledges that are not amounts (InvalidArgument naming "pledges.<code>.<member>"): an
// unknown Member State, a negative or non-finite figure, part of a person.
Result<SolidarityReport> ComputeSolidarity(const ReferenceData& ref, const rules::RulesData& rules,
                                           const SolidarityOptions& options);
std::string SolidarityToJson(const SolidarityReport& r);
std::string SolidarityToCsv(const SolidarityReport& r);
std::string SolidarityToText(const SolidarityReport& r);

// ---- Responsibility offsets in a crisis (Regulation (EU) 2024/1359, Art. 9) ----
//
// When the relocation commitments of a Council implementing decision (Art. 4(3)) and those
// available in the annual pool fall short of the relocation needs it identifies, contributing
// Member States take responsibility for applications for which the Member State in crisis is
// responsible, up to 100 % of the needs (Art. 9(1)(a)), above their fair share where necessary
// (Art. 9(1)(b)); what goes beyond it may later be deducted (Art. 9(4)). The Regulation does not
// say how the offsets are split among contributors (the Council decision sets each State's
// contribution, Art. 4(5)(b)(v)): the split reported is indicative and marked so.
struct CrisisOffsetOptions {
  int year = 2026;                   // the reference key's year (the annual pool's inputs)
  std::string member_state;          // the Member State facing the crisis (alpha-3)
  std::optional<long long> relocation_needs;       // Art. 4(5)(b)(i)
  std::optional<double> financial_needs_eur;       // Art. 4(5)(b)(ii): financial contributions and
                                                   // alternative measures (Art. 8(1)(b)-(c))
  std::optional<long long> relocations_committed;  // total of Art. 4(5)(b)(iii) and (iv)
  std::map<std::string, long long> commitments;    // the same, per contributing Member State
  std::optional<long long> eligible_applications;  // responsibility of the State in crisis, AMMR Art. 63(8) met
  // Art. 9(6): the solidarity needs of other benefitting Member States (AMMR Arts. 58-59) left
  // unmet because the State in crisis drew on the annual pool's commitments (Art. 4(5)(b)).
  std::optional<long long> other_beneficiaries_uncovered;
  // Art. 9(4)(b): deductions from the fair shares in this Council decision for applications taken
  // above the fair share under an earlier one, as the Commission authorised (Art. 9(5)).
  std::map<std::string, CrisisDeduction> crisis_deductions;
  bool temporary_protection_article_11_disapplied = false;  // Art. 9(1), second subparagraph
  bool article_13_authorised = false;                       // Art. 9(1), second subparagraph
  std::vector<std::string> not_contributing;       // alpha-3: exempted by the Council decision
  std::optional<Date> decision_ends;               // when the Council decision ceased to be in force
};

struct CrisisOffsetRow {
  std::string code, name;
  double key_share = 0;     // Art. 66 reference key (fraction)
  double fair_share = 0;    // key x relocation needs (Art. 4(5)(b)(v)), less a deduction of Art. 9(4)(b)
  std::optional<double> fair_share_eur;  // key x financial needs, when given (reduced in the same proportion)
  std::optional<CrisisDeduction> crisis_deduction;  // Art. 9(4)(b), as given
  std::optional<double> fair_share_before_deduction, deduction_left;
  std::optional<long long> committed;
  std::optional<long long> offsets;           // indicative
  // Applications taken above the fair share (Art. 9(1)(b)), which Art. 9(4) lets the State deduct
  // later: the offsets beyond what the fair share left after the relocations committed.
  std::optional<long long> above_fair_share;  // whole applications, when at least one
};

struct CrisisOffsetFinding {
  std::string legal_basis, finding;
};

struct CrisisOffsetReport {
  int year = 0;
  std::string member_state, member_state_name;
  std::optional<long long> relocation_needs, relocations_committed, shortfall, eligible_applications;
  std::optional<double> financial_needs_eur;
  // not_computable | not_triggered | triggered | not_applicable_temporary_protection |
  // not_applicable_article_13
  std::string status;
  std::optional<long long> offsets;    // applications whose responsibility moves (Art. 9(1)(a))
  std::optional<long long> uncovered;  // needs left after relocations and offsets
  std::string forum;                   // Art. 9(2): required | not_required | undetermined
  std::optional<long long> other_beneficiaries_uncovered;  // as given
  std::string forum_reconvened;        // Art. 9(6): required | not_required | undetermined
  std::optional<Date> reduction_request_until;  // Art. 9(4)(b)
  std::string allocation;              // how the indicative split was made, or why there is none
  std::vector<CrisisOffsetRow> contributors;
  std::vector<CrisisOffsetFinding> findings;
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
};

// InvalidArgument naming the option (--member-state, --relocation-needs, ...) for bad input.
Result<CrisisOffsetReport> ComputeCrisisOffsets(const ReferenceData& ref, const rules::RulesData& rules,
                                                const CrisisOffsetOptions& options);
std::string CrisisOffsetsToJson(const CrisisOffsetReport& r);
std::string CrisisOffsetsToCsv(const CrisisOffsetReport& r);
std::string CrisisOffsetsToText(const CrisisOffsetReport& r);

// The options of a request body (a JSON object, as POST /v1/planning/solidarity and
// /v1/planning/crisis-offsets take them): each option named without its dashes, the pledges and
// commitments as objects keyed by alpha-3 code. InvalidArgument naming the member at fault
// ("year", "pledges.DEU.relocations", "body" for text that is not a JSON object); the amounts
// themselves are checked by the computations.
Result<SolidarityOptions> SolidarityOptionsFromJson(std::string_view body);
Result<CrisisOffsetOptions> CrisisOffsetOptionsFromJson(std::string_view body);

// ---- A request for offsets instead of relocations (Regulation (EU) 2024/1351, Arts. 63(1)-(2), 69) ----
//
// A beneficiary asks a contributor to take responsibility for a number of applications it is
// responsible for instead of relocations: allowed where the relocation pledges reach half the
// Commission's proposal (63(1)), or where the contributor offered to, having pledged at least half
// its fair share as relocations (63(2)(b), with the beneficiary's agreement). The contributor
// answers within 30 days of receiving the request (69(2), counted under Art. 75), may accept fewer,
// and is not held above its fair share (63(7)).
struct OffsetRequestOptions {
  int year = 2026;                            // the pool
  std::string requesting, requested;          // alpha-3: the beneficiary, the contributor
  std::optional<long long> applications;      // asked for, at least 1
  std::optional<Date> received_on;            // by the requested State
  std::map<std::string, Pledge> pledges;      // the pool's pledges, for 63(1)-(2) and 63(7)
  bool offered = false;                       // the requested State said it was willing (63(2))
};

struct OffsetRequestReport {
  int year = 0;
  std::string requesting, requesting_name, requesting_role, requested, requested_name, requested_role;
  long long applications = 0;
  std::string allowed;  // yes | no | undetermined
  std::optional<bool> threshold_reached;        // Art. 63(1)
  std::optional<bool> requested_may_offer;      // Art. 63(2)
  std::optional<double> requested_offset_cap;   // Art. 63(7): its fair share less its pledged relocations
  std::optional<Date> received_on, reply_due;   // Art. 69(2)
  std::vector<CrisisOffsetFinding> findings;
  std::vector<std::string> missing_inputs, notes;
};

// InvalidArgument naming the field (requesting, requested, applications, ...) for bad input.
Result<OffsetRequestReport> ComputeOffsetRequest(const ReferenceData& ref, const rules::RulesData& rules,
                                                 const OffsetRequestOptions& options);
std::string OffsetRequestToJson(const OffsetRequestReport& r);
Result<OffsetRequestOptions> OffsetRequestOptionsFromJson(std::string_view body);

// ---- Adequate capacity (APR Arts. 46-47) ----

struct CapacityRow {
  std::string code, name;
  std::optional<double> published_capacity;  // Implementing Decision (EU) 2024/2150
  std::optional<double> published_annual_maximum;
  std::optional<double> annual_maximum_at_date;  // multiplier(at) x published capacity
  std::optional<double> computed_capacity;       // Art. 47(4), when every input exists
  std::optional<double> difference;              // computed - published
  std::optional<double> refusals_2021_2023;
  std::string source;
  std::vector<std::string> missing_inputs;
  std::string check;  // consistency of the published maximum with Art. 47(1)
};

struct CapacityReport {
  Date at;
  int multiplier = 0;  // 2, 3 or 4 (Art. 47(1))
  std::string multiplier_basis;
  // Art. 47(5): the implementing acts setting the adequate capacity, the first on 12 August 2024
  // and then on 15 October every three years; each Member State has the first act's capacity in
  // place before 12 June 2026 and a later act's within six months of its adoption. `act_due` is the
  // latest act due on or before `at` (the first, or a later one the reference data do not hold:
  // then a missing input says the figures shown may have been replaced) and `next_act_due` the one
  // after; each with the day its capacity is to be in place.
  struct ImplementingAct {
    Date adopted_on;
    Date capacity_in_place_by;  // the last day (before 12 June 2026 for the first: 11 June)
  };
  ImplementingAct act_due, next_act_due;
  bool act_due_is_first = true;
  std::string acts_basis;
  double union_capacity = 30000;  // Art. 46
  std::vector<CapacityRow> member_states;
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
};

Result<CapacityReport> ComputeCapacity(const ReferenceData& ref, const rules::RulesData& rules, Date at);
// `member_state`'s row of the report (alpha-3); nullptr when it has none.
const CapacityRow* FindCapacity(const CapacityReport& r, const std::string& member_state);
// The adequate capacity the report's day counts against (Art. 48) and where it comes from: the
// published figure while the first implementing act is the latest due (Art. 47(5)); none once a
// later act is due that the reference data do not hold (its figure is not known, and the first
// act's is not taken in its place), nor where none is published.
struct CapacityInForce {
  std::optional<double> capacity;
  std::string source;
};
CapacityInForce CapacityCountedOn(const CapacityReport& r, const std::string& member_state);
// The adequate capacity published for `member_state` (Art. 47(1), first subparagraph) as the report
// of `on` gives it; nullopt where none is published or the report cannot be made for that day.
std::optional<double> PublishedCapacity(const ReferenceData& ref, const rules::RulesData& rules,
                                        const std::string& member_state, Date on);
std::string CapacityToJson(const CapacityReport& r);
std::string CapacityToCsv(const CapacityReport& r);
std::string CapacityToText(const CapacityReport& r);

// Reads a pledges CSV: member_state,relocations[,financial_eur,alternative_eur][,relocations_accepted]
// [,relocations_reduced]
// (a missing financial column counts as 0: a file of relocation commitments only; an empty or
// missing relocations_accepted is "not given").
Result<std::map<std::string, Pledge>> LoadPledges(const std::string& path, const CountryRegistry& countries);
// Reads the deductions of Crisis Reg. Art. 9(4)(a) for a cycle: member_state,applications,authorised_by
// (the Commission implementing act of Art. 9(5)); each refusal names the line and column.
Result<std::map<std::string, CrisisDeduction>> LoadCrisisDeductions(const std::string& path,
                                                                    const CountryRegistry& countries);

}  // namespace openpact::solidarity
