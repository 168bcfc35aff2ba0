// The responsibility decision: AMMR (Regulation (EU) 2024/1351) Part III, read against
// shared/spec/law-it/reg-2024-1351.txt. Organised as the regulation is: scope (Arts. 84-85), the
// take back situations that come before any determination (Arts. 36(1)(b)-(c), 37(4), 38(4)), the
// security check (Art. 16(4)), the criteria of Chapter II in their order (Arts. 24-33), the
// residual rule (Art. 16(2)) and the exception of Art. 16(3), then the procedure's time limits
// (Arts. 39-46), computed under Art. 75 with the public holidays of the Member State concerned.
#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/json_writer.h"
#include "rules/responsibility.h"
#include "rules/responsibility_decider.h"
#include "rules/responsibility_documents.h"
#include "rules/responsibility_dublin3.h"
#include "rules/responsibility_family.h"

namespace openpact::rules {
namespace {

constexpr const char* kAct = "Regulation (EU) 2024/1351";

std::string Basis(const std::string& article) { return std::string(kAct) + ", " + article; }

// A criterion's outcome: the Member State it designates and what the request may rest on.
struct Designated {
  std::string member_state;
  std::string criterion;
  std::string legal_basis;
  std::optional<Date> hit_received_on;  // a Eurodac Art. 22/24 or VIS hit the request rests on
  std::string hit_kind;                 // "Eurodac" | "VIS"
};

class Decider : public DeciderBase {
 public:
  Decider(const ResponsibilityCase& c, const RulesData& data, Date at) : DeciderBase(c, data, at) {}

  Result<ResponsibilityDecision> Run() {
    OP_RETURN_IF_ERROR(Start());
    if (const std::string ms = AccompanyingMinor(Basis("Art. 36(2)"), false, false); !ms.empty()) {
      const bool here = ms == c_.member_state;
      Conclude(ms, "accompanying_minor", Basis("Art. 36(2)"), here ? "none" : "take_charge", here ? "" : ms);
      OP_RETURN_IF_ERROR(DiscretionaryClauses());
      OP_RETURN_IF_ERROR(InformationRequests());
      return Finish();
    }
    OP_ASSIGN_OR_RETURN(bool decided, TakeBackSituations());
    if (!decided) decided = SecurityThreat();
    if (!decided) {
      criteria_applied_ = true;
      OP_ASSIGN_OR_RETURN(designation_, Criteria());
      if (designation_) OP_RETURN_IF_ERROR(Designate(*designation_));
    }
    OP_RETURN_IF_ERROR(DiscretionaryClauses());
    OP_RETURN_IF_ERROR(InformationRequests());
    return Finish();
  }

  // Art. 28: the family procedure designated `d` for this member, after `own` (the member's own
  // decision) examined the criteria.
  Result<ResponsibilityDecision> RunWithFamilyDesignation(const Designated& d, const ResponsibilityDecision& own,
                                                          const std::string& reason) {
    OP_RETURN_IF_ERROR(Start());
    criteria_applied_ = true;
    out_.considered = own.considered;
    Consider("family_procedure", d.legal_basis, true, d.member_state, reason);
    OP_RETURN_IF_ERROR(Designate(d));
    OP_RETURN_IF_ERROR(DiscretionaryClauses());
    OP_RETURN_IF_ERROR(InformationRequests());
    return Finish();
  }

  // What the criteria designated (before the time limits of Art. 39(1) or a take back), if anything.
  const std::optional<Designated>& designation() const { return designation_; }
  const std::string& requested() const { return requested_; }

 private:
  Status Start() {
    out_.policy_version = policy_.version();
    out_.decision_date = at_;
    out_.member_state = c_.member_state;
    out_.not_assessed = {
        Basis("Art. 28") + ": the family procedure, when this case is decided alone (decide the family's cases "
                           "together: `decide responsibility --family`)"};
    if (!c_.dependency) {
      out_.not_assessed.insert(out_.not_assessed.begin() + 1,
                               Basis("Art. 34") + ": dependent persons (the case gives no `dependency`)");
    }
    OP_RETURN_IF_ERROR(CheckScope());
    return RepresentativeDeadline();
  }

  // Art. 23(2) (checked in the Italian text): for an unaccompanied minor, a person to assist
  // provisionally at once, and a representative as soon as possible and no later than 15 working
  // days after the application was made; ten working days more for a disproportionate number of
  // applications by unaccompanied minors or other exceptional circumstances (third subparagraph).
  // (Directive (EU) 2024/1346, Art. 27(1) gives the same 15 working days but "10 days" more.)
  Status RepresentativeDeadline() {
    if (!c_.applicant.unaccompanied_minor) {
      if (c_.representative) {
        AddFlag("representative_not_required",
                "the applicant is not an unaccompanied minor: Art. 23(2) does not apply, and a representative's "
                "duties end once the applicant is no longer one (fifth subparagraph)");
      }
      return Status::OK();
    }
    if (!c_.representative) {
      out_.not_assessed.push_back(Basis("Art. 23(2)") + ": the unaccompanied minor's representative, within 15 working "
                                                        "days of the making of the application (the case gives no "
                                                        "`representative`)");
      return Status::OK();
    }
    const ResponsibilityCase::Representative& r = *c_.representative;
    OP_ASSIGN_OR_RETURN(
        Deadline d,
        ComputeExtendableDeadline(data_, ComputationRule::kAmmr75, "representative", "ammr.representative",
                                  "ammr.representative_extension", r.exceptional_circumstances,
                                  Basis("Art. 23(2), second subparagraph, point (b), and third subparagraph"),
                                  r.application_made_on, c_.member_state, at_, r.appointed_on,
                                  std::string("a representative for the unaccompanied minor; until then a person "
                                              "designated to assist provisionally (Art. 23(2), second subparagraph, "
                                              "point (a))") +
                                      (r.exceptional_circumstances ? "; ten working days more in exceptional "
                                                                     "circumstances"
                                                                   : "")));
    d.by = c_.member_state;  // the State where the application was made (Art. 23(2))
    d.actor = "authority";
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // Art. 34: what it would designate, shown beside the criteria's answer. Art. 16(1) names the
  // provisions of Chapter III beside the criteria of Chapter II without ranking them, and Art. 34(1)
  // says Member States "shall normally" keep or bring the persons together: whether it prevails
  // over the criteria is left to the caseworker, with the answer flagged where they differ.
  void DependentPersons() {
    if (!c_.dependency || !criteria_applied_) return;  // a take back or Art. 16(4) fixed the answer first
    const DependencyFact& d = *c_.dependency;
    std::string why_not;
    if (!d.ties_existed_before_arrival) why_not = "the family ties must have existed before the applicant arrived";
    else if (!d.carer_able) why_not = "the carer must be able to take care of the dependent person";
    else if (!d.wish_in_writing) why_not = "the persons concerned must state their wish in writing";
    const std::string who = "the applicant's " + d.relation + " in " + Name(d.member_state) + " (" +
                            (d.dependent == "applicant" ? "the applicant depends on them" : "they depend on the applicant") +
                            ", " + d.reason + ")";
    if (!why_not.empty()) {
      Consider("dependent_persons", Basis("Art. 34(1)"), false, d.member_state, who + ": " + why_not);
      return;
    }
    const std::string ms = d.applicant_cannot_travel ? c_.member_state : d.member_state;
    Consider("dependent_persons", Basis(d.applicant_cannot_travel ? "Art. 34(2), second sentence" : "Art. 34(2)"), true,
             ms, who + (d.applicant_cannot_travel
                            ? ": the applicant's health prevents travel for a significant period, so the Member State "
                              "where the applicant is"
                            : ": the Member State where the " + d.relation + " legally resides"));
    if (ms != out_.responsible_member_state) {
      AddFlag("dependent_persons_art_34",
              "Art. 34 would designate " + Name(ms) + ": the regulation names it beside the criteria without ranking "
              "them (Art. 16(1)), and Member States 'shall normally' keep or bring the persons together; a caseworker "
              "decides whether it prevails (a request on Art. 34 has priority, Art. 39(1))");
    }
  }

  // Art. 35: the discretionary clauses, after whatever the criteria and the time limits gave. A
  // Member State that decides to examine (35(1)) becomes responsible (Art. 37(1)); a humanitarian
  // request (35(2)) makes the requested State responsible once accepted, and is answered within two
  // months.
  Status DiscretionaryClauses() {
    if (c_.humanitarian_request) {
      const auto& h = *c_.humanitarian_request;
      // Art. 35(2): "at any time before a first decision on the substance is adopted".
      if (c_.first_decision_on_substance_on && h.sent_on >= *c_.first_decision_on_substance_on) {
        AddFlag("humanitarian_request_after_first_decision",
                "the request to " + Name(h.member_state) + " was sent on " + h.sent_on.ToString() +
                    ", not before the first decision on the substance (" +
                    c_.first_decision_on_substance_on->ToString() +
                    "): Art. 35(2) allows it only before that decision; its outcome below is shown as recorded");
      }
      OP_RETURN_IF_ERROR(AddDeadline("humanitarian_reply", "ammr.humanitarian_reply", h.sent_on, h.member_state,
                                     h.accepted_on,
                                     "by " + Name(h.member_state) + "; a refusal must state its reasons (Art. 35(2))"));
      if (h.accepted_on) {
        Consider("discretionary_clause", Basis("Art. 35(2)"), true, h.member_state,
                 Name(h.member_state) + " accepted to take charge on humanitarian grounds");
        Conclude(h.member_state, "humanitarian_clause", Basis("Art. 35(2)"), "take_charge", h.member_state);
        // The criteria's request and transfer no longer follow; this acceptance's transfer does.
        std::erase_if(out_.deadlines, [](const Deadline& d) { return d.name != "humanitarian_reply"; });
        OP_RETURN_IF_ERROR(TransferDeadlines("acceptance", h.member_state, h.accepted_on));
      } else {
        AddFlag("humanitarian_request_pending", "the request to " + Name(h.member_state) + " under Art. 35(2) awaits "
                                                "its reply; until it is accepted the answer above stands");
      }
    }
    if (c_.examines_under_discretionary_clause) {
      Consider("discretionary_clause", Basis("Art. 35(1)"), true, c_.member_state,
               Name(c_.member_state) + " decides to examine the application although the criteria do not make it "
                                       "responsible; it becomes responsible (Art. 37(1)) and records it in Eurodac");
      Conclude(c_.member_state, "discretionary_clause", Basis("Arts. 35(1), 37(1)"), "none");
      // No request or transfer follows: the time limits of one no longer run.
      std::erase_if(out_.deadlines, [](const Deadline& d) { return d.name != "humanitarian_reply"; });
    }
    return Status::OK();
  }

  // Art. 37(1): a Member State that issues the applicant a residence document, or (for this one)
  // finds an unaccompanied minor's transfer against the child's best interests, becomes
  // responsible. (A discretionary clause and a late transfer, the article's other cases, are
  // above.) A residence document issued after the registration counts from its first day of
  // validity.
  void ShiftsUnderArticle37() {
    const DocumentFact* issued = nullptr;
    for (const DocumentFact& d : c_.documents) {
      if (d.type != "residence_document" || d.fraud_after_issue || d.valid_from <= c_.registered_on || at_ < d.valid_from) {
        continue;
      }
      if (issued == nullptr || d.valid_from > issued->valid_from) issued = &d;
    }
    if (issued != nullptr && issued->issued_by != out_.responsible_member_state) {
      const std::string& ms = issued->issued_by;
      Consider("residence_document_issued", Basis("Art. 37(1)"), true, ms,
               Name(ms) + " issued the applicant a residence document valid from " + issued->valid_from.ToString() +
                   ", after the registration: it becomes responsible");
      Conclude(ms, "residence_document_issued", Basis("Art. 37(1)"), ms == c_.member_state ? "none" : "undetermined");
      out_.deadlines.clear();
      if (ms != c_.member_state) {
        AddFlag("responsibility_shifted", Name(ms) + " became responsible by issuing a residence document (Art. 37(1)) "
                                          "and informs the Member States concerned; the procedure that follows (its "
                                          "obligations under Art. 36) is not computed here");
      }
    }
    if (c_.minor_transfer_against_best_interests && out_.responsible_member_state != c_.member_state) {
      Consider("minor_transfer_against_best_interests", Basis("Art. 37(1)"), true, c_.member_state,
               Name(c_.member_state) + " considers the transfer of the unaccompanied minor to " +
                   (out_.responsible_member_state.empty() ? std::string("the Member State designated")
                                                          : Name(out_.responsible_member_state)) +
                   " against the child's best interests: it becomes responsible");
      Conclude(c_.member_state, "minor_transfer_against_best_interests", Basis("Art. 37(1)"), "none");
      out_.deadlines.clear();
    }
  }

  ResponsibilityDecision Finish() {
    ShiftsUnderArticle37();
    DependentPersons();
    DetentionSafeguards();
    FlagDetentionMustEnd();
    if (!out_.deadlines.empty()) {
      AddFlag("national_holidays_only",
              "time limits count the national public holidays of the Member State concerned; regional holidays "
              "are not considered");
    }
    out_.requested_member_state = out_.procedure == "take_charge" || out_.procedure == "take_back" ? requested_ : "";
    return std::move(out_);
  }

  // Art. 44 (checked in the Italian text): no one is detained for the sole reason of this
  // procedure (44(1)); detention secures the transfer where there is a risk of absconding or
  // national security or public order requires it, on a case-by-case assessment, proportionate, and
  // only where less coercive alternatives cannot be applied effectively (44(2)); ordered in writing
  // with its reasons, and, ordered by an administrative authority, its lawfulness reviewed speedily
  // by a court (44(5)). The conditions and guarantees of detention are those of Directive (EU)
  // 2024/1346, Arts. 11-13 (44(4): `decide reception`). What the case does not establish is
  // flagged, as the Return Directive's Art. 15(1)-(2) is in the return decision.
  void DetentionSafeguards() {
    if (!c_.detained_on || c_.transferred_on) return;
    out_.not_assessed.push_back(Basis("Art. 44(4)") + ": the conditions of detention and the guarantees for detained "
                                                      "applicants, those of Directive (EU) 2024/1346, Arts. 11-13 "
                                                      "(`decide reception`)");
    FlagDetentionSafeguards(Basis("Art. 44(1)-(2)"),
                            "where there is a risk of absconding or national security or public order requires it",
                            Basis("Art. 44(5)"));
  }

  // Art. 45(4): the detention ends where the request or notification (Art. 45(1)), the transfer
  // decision (Art. 42(1)) or the transfer (Art. 45(3)) is not made in time; the general limits go
  // on deciding responsibility. A limit the case does not show met (no date given) counts as
  // passed: the monitor's question is whether the person may still be held.
  void FlagDetentionMustEnd() {
    if (!c_.detained_on || c_.transferred_on) return;
    std::string list;
    for (const Deadline& d : out_.deadlines) {
      const bool counts = d.name == "detention_take_charge_request" || d.name == "detention_take_back_notification" ||
                          d.name == "transfer_decision" || d.name == "detention_transfer";
      if (counts && (d.state == "missed" || d.state == "expired")) {
        list += (list.empty() ? "" : ", ") + d.name + " (" + d.date.ToString() + ", " + d.state + ")";
      }
    }
    if (list.empty()) return;
    AddFlag("detention_must_end", "the detention's time limits passed: " + list +
                                      " (expired: not shown done in the case); the detention ends (Art. 45(4)), and "
                                      "Arts. 39, 41 and 46 continue to apply");
  }

  // ---- Helpers ----

  // Consider() for what does not apply, as SortMinorsFamily reports it.
  ConsiderFn ConsiderNot() {
    return [this](const std::string& criterion, const std::string& basis, const std::string& ms,
                  const std::string& reason) { Consider(criterion, basis, false, ms, reason); };
  }

  void Conclude(const std::string& member_state, const std::string& criterion, const std::string& legal_basis,
                const std::string& procedure, const std::string& requested = {}) {
    out_.responsible_member_state = member_state;
    out_.criterion = criterion;
    out_.legal_basis = legal_basis;
    out_.procedure = procedure;
    requested_ = requested;
    FlagParticipation(member_state);
  }

  // Whether a Member State takes part in Part III is uncertain for Denmark and Ireland: say so.
  void FlagParticipation(const std::string& member_state) {
    if (member_state.empty() || !flagged_participation_.insert(member_state).second) return;
    const MemberStateSetting* row = nullptr;
    policy_.SettingAt(member_state, "applies_ammr_responsibility", at_, true, &row);
    if (row != nullptr && row->status != PolicyStatus::kInForce) {
      AddFlag("member_state_participation_" + std::string(PolicyStatusName(row->status)),
              "whether " + Name(member_state) + " applies the AMMR's responsibility rules is '" +
                  PolicyStatusName(row->status) + "' in the policy data (" + row->legal_basis + ")");
    }
  }

  // The end of a period counted as a window (no move off weekends: it bounds a fact, it is not a
  // time limit for an act).
  Result<Date> WindowEnd(Date from, const char* id) const {
    OP_ASSIGN_OR_RETURN(Period p, policy_.PeriodAt(id, at_));
    return AddCalendarPeriod(from, p);
  }

  // A time limit of the procedure (AMMR Art. 75) on `member_state`'s authority, counted with its
  // holidays (Art. 75 counts in the acting State's working days). `actor` says who acts there.
  Status AddDeadline(const std::string& name, const char* param, Date from, const std::string& member_state,
                     std::optional<Date> done_on, const std::string& note = {}, const char* actor = "authority") {
    OP_ASSIGN_OR_RETURN(Deadline d, ComputeDeadline(data_, ComputationRule::kAmmr75, name, param, from, member_state,
                                                    at_, done_on, note));
    d.by = member_state;
    d.actor = actor;
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // ---- Scope (Arts. 84-85; recitals 90-91) ----
  Status CheckScope() {
    const MemberStateSetting* row = nullptr;
    if (!policy_.SettingAt(c_.member_state, "applies_ammr_responsibility", at_, true, &row)) {
      return Status::InvalidArgument(Name(c_.member_state) + " does not apply the AMMR's responsibility rules (" +
                                         row->legal_basis + "; policy " + row->where + ")",
                                     "member_state");
    }
    FlagParticipation(c_.member_state);
    auto applies_from = policy_.DateAt("ammr.application_date", at_);
    if (!applies_from.ok()) {
      return Status::InvalidArgument("the AMMR does not apply on " + at_.ToString() + " (it applies from 1 July 2026, Art. 85)",
                                     "decision_date");
    }
    if (c_.registered_on < *applies_from) {
      // DecideResponsibility and DecideFamilyProcedure send such a case to the criteria of
      // Regulation (EU) No 604/2013 before it gets here: this guards the AMMR's decider itself.
      return Status::InvalidArgument(
          "the application was registered before " + applies_from->ToString() +
              ": the criteria of Regulation (EU) No 604/2013 apply (Regulation (EU) 2024/1351, Art. 84(2))",
          "registered_on");
    }
    if (c_.registered_on == *applies_from) {
      AddFlag("registered_on_1_july_2026",
              "Art. 84 covers applications registered 'after' and 'before' 1 July 2026; one registered on that day is "
              "decided here under the AMMR, which applies from that day (Art. 85): check the reading");
    }
    return Status::OK();
  }

  // ---- Take back situations: the responsibility is already fixed, or another Member State is
  // determining it (Arts. 36(1)(b)-(c), 37(4), 38(4)) ----

  // Art. 37(4): the obligations cease after nine months outside the Member States' territory.
  Result<bool> CeasedByAbsence(const EurodacHitFact& h) {
    // The departure: the case's, or the one recorded on that dataset (Eurodac Art. 16(2)(c), the
    // "other evidence" Art. 37(4) admits beside the EES); the absence ends with the return, the
    // registration bounding it where no entry after it is known.
    const std::optional<Absence> absence = AbsenceAfter(c_, h, c_.registered_on);
    if (!absence) return false;
    const Date left = absence->left, back = absence->back;
    OP_ASSIGN_OR_RETURN(Date nine_months, WindowEnd(left, "ammr.absence_ends_obligations"));
    if (back < nine_months) return false;
    const std::string& responsible = h.responsible_member_state.empty() ? h.member_state : h.responsible_member_state;
    if (HoldsValidResidenceDocument(c_, responsible, c_.registered_on)) return false;  // the exception of Art. 37(4)
    Consider("absence_from_the_member_states", Basis("Art. 37(4)"), true, "",
             "the person left the territory of the Member States on " + left.ToString() +
                 " and was away at least nine months (until " + back.ToString() +
                 "): the obligations arising from the " + h.category + " data of " + h.date.ToString() + " in " +
                 Name(h.member_state) + " ceased, and this application is a new one");
    if (back == c_.registered_on) {
      AddFlag("absence_bounded_by_registration",
              "no entry after the departure is given: the absence is counted up to the registration; check when the "
              "person came back (Art. 37(4) asks for at least nine months away)");
    }
    return true;
  }

  // Art. 37(2)-(3): after the border procedure, the obligations cease 15 months after the
  // rejection or withdrawal became final; an application registered later is a new one. (The
  // exception of 37(3), a take back procedure pending when the 15 months end, concerns a procedure
  // started before this application: not this case's.) Art. 37(5): the take back duty ceases once
  // the person left under a return decision or removal order; a later application is a new one.
  Result<bool> CeasedAfterBorderProcedureOrReturn(const EurodacHitFact& h) {
    if (h.border_procedure_final_on) {
      OP_ASSIGN_OR_RETURN(Date ends, WindowEnd(*h.border_procedure_final_on, "ammr.border_procedure_obligations_end"));
      if (ends < c_.registered_on) {
        Consider("obligations_ceased_after_border_procedure", Basis("Art. 37(2)"), true, "",
                 "the application of " + h.date.ToString() + " in " + Name(h.member_state) +
                     " was examined in the border procedure and its rejection or withdrawal became final on " +
                     h.border_procedure_final_on->ToString() + ": the obligations ceased 15 months later, and this "
                     "application, registered after that, is a new one");
        return true;
      }
    }
    if (h.left_under_return_decision_on && *h.left_under_return_decision_on <= c_.registered_on) {
      Consider("obligations_ceased_after_return", Basis("Art. 37(5)"), true, "",
               "after the application of " + h.date.ToString() + " in " + Name(h.member_state) +
                   " the person left the Member States under a return decision or removal order on " +
                   h.left_under_return_decision_on->ToString() + ": the take back duty ceased and this application is "
                   "a new one");
      return true;
    }
    return false;
  }

  // Art. 38(5): after the Member State of relocation confirmed the relocation (Art. 67(9)) and
  // before the transfer (67(11)), it takes back, under Arts. 41 and 46, the applicant found without
  // a residence document in another Member State or applying there; the duty ends once it
  // establishes that another Member State issued the applicant a residence document. Returns
  // whether it decides the case: not here when this Member State is the one of relocation (its
  // own position follows Art. 68 once the arrival is recorded), nor once the duty ended.
  Result<bool> RelocationPendingTakeBack(const EurodacHitFact& h) {
    const std::string& ms = h.relocation_member_state;
    const std::string what = "Eurodac records the relocation of the application of " + h.date.ToString() + " in " +
                             Name(h.member_state) + " to " + Name(ms) + " (Regulation (EU) 2024/1358, Art. 25(1)), "
                             "and no data of " + Name(ms) + " record the arrival there after the transfer (Art. 25(2))";
    if (ms == c_.member_state) {
      AddFlag("relocation_to_this_member_state_pending",
              what + ": the applicant is here before the transfer of Art. 67(11); Art. 38(5) binds this Member State "
              "to take the applicant back from the others, and its own position follows Art. 68 once the arrival is "
              "recorded: a caseworker decides");
      return false;
    }
    for (const DocumentFact& d : c_.documents) {
      if (d.issued_by != ms && ValidResidenceDocumentOn(d, at_) && !d.fraud_after_issue) {
        Consider("relocation_confirmed", Basis("Art. 38(5)"), false, ms,
                 what + "; the duty of " + Name(ms) + " to take the applicant back ended: " + Name(d.issued_by) +
                     " issued the applicant a residence document valid on " + at_.ToString());
        return false;
      }
    }
    Consider("relocation_confirmed", Basis("Art. 38(5)"), true, ms,
             what + ": " + Name(ms) + " takes the applicant back until the transfer, under Arts. 41 and 46");
    Conclude("", "relocation_confirmed", Basis("Art. 38(5)"), "take_back", ms);
    AddFlag("responsible_member_state_not_yet_determined",
            Name(ms) + " is to receive the applicant by relocation: this Member State notifies it and does not apply "
                       "the criteria itself (Art. 38(5))");
    OP_RETURN_IF_ERROR(TakeBackDeadlines(h, ms));
    return true;
  }

  // Whether the hits hold the Member State of relocation's own data recording the arrival there
  // (Eurodac Art. 25(2)): the transfer of Art. 67(11) took place.
  bool ArrivedAfterRelocation(const std::string& relocation_member_state) const {
    for (const EurodacHitFact& h : c_.eurodac_hits) {
      if (h.member_state == relocation_member_state && h.arrived_after_relocation_on) return true;
    }
    return false;
  }

  Result<bool> TakeBackSituations() {
    const EurodacHitFact* relocating = nullptr;  // Art. 38(5)
    const EurodacHitFact* designated = nullptr;  // Art. 36(1)(b)
    const EurodacHitFact* admitted = nullptr;    // Art. 36(1)(c)
    const EurodacHitFact* earlier = nullptr;     // Art. 38(4): an application registered earlier elsewhere
    for (const EurodacHitFact& h : c_.eurodac_hits) {
      const bool applicant = h.category == "applicant";
      const bool resettled = h.category == "resettlement_admitted" || h.category == "national_resettlement";
      if (!applicant && !resettled) continue;
      OP_ASSIGN_OR_RETURN(bool ceased, CeasedByAbsence(h));
      if (!ceased) { OP_ASSIGN_OR_RETURN(ceased, CeasedAfterBorderProcedureOrReturn(h)); }
      if (ceased) continue;
      if (applicant && !h.relocation_member_state.empty() && h.member_state != c_.member_state &&
          !ArrivedAfterRelocation(h.relocation_member_state)) {
        if (relocating == nullptr || h.date > relocating->date) relocating = &h;
      }
      if (applicant && !h.responsible_member_state.empty()) {
        // The most recent dataset: a shift of responsibility (Art. 37(1)) is recorded on the later ones.
        if (designated == nullptr || h.date > designated->date) designated = &h;
      } else if (resettled && h.member_state != c_.member_state) {
        if (admitted == nullptr || h.date < admitted->date) admitted = &h;
      } else if (applicant && h.member_state != c_.member_state && h.date <= c_.registered_on) {
        if (earlier == nullptr || h.date < earlier->date) earlier = &h;
      }
    }
    if (relocating != nullptr) {
      OP_ASSIGN_OR_RETURN(const bool decided, RelocationPendingTakeBack(*relocating));
      if (decided) return true;
    }
    if (designated != nullptr) {
      const std::string& ms = designated->responsible_member_state;
      Consider("member_state_responsible_recorded", Basis("Art. 36(1)(b)"), true, ms,
               "Eurodac records " + Name(ms) + " as the Member State responsible for the application of " +
                   designated->date.ToString() + " in " + Name(designated->member_state) +
                   " (Regulation (EU) 2024/1358, Art. 16(1)): the criteria are not applied again");
      if (ms == c_.member_state) {
        Conclude(ms, "member_state_responsible_recorded", Basis("Art. 36(1)(b)"), "none");
        return true;
      }
      if (designated->responsible_under_16_2) {
        if (const MemberStateSetting* row = TakeBackExemption(ms)) {
          Consider("crisis_take_back_exemption", Crisis("13(1)(a), 13(2)"), true, c_.member_state,
                   Name(ms) + ", responsible under Art. 16(2), faces a crisis of extraordinary mass arrivals and is "
                   "exempted from taking the person back: the responsibility passes to the Member State where the "
                   "second application was registered");
          Conclude(c_.member_state, "crisis_take_back_exemption", Crisis("13(2)") + "; " + row->legal_basis, "none");
          AddFlag("eurodac_responsibility_to_record",
                  Name(c_.member_state) + " indicates in Eurodac that it became the Member State responsible "
                  "(Regulation (EU) 2024/1359, Art. 13(2), second subparagraph; Regulation (EU) 2024/1358, Art. 16(3))");
          return true;
        }
      }
      Conclude(ms, "member_state_responsible_recorded", Basis("Art. 36(1)(b)"), "take_back", ms);
      OP_RETURN_IF_ERROR(TakeBackDeadlines(*designated, ms));
      return true;
    }
    if (admitted != nullptr) {
      Consider("admitted_under_resettlement", Basis("Art. 36(1)(c)"), true, admitted->member_state,
               Name(admitted->member_state) + " admitted the person under resettlement or humanitarian admission (" +
                   admitted->category + " data of " + admitted->date.ToString() + ") and takes the person back");
      Conclude(admitted->member_state, "admitted_under_resettlement", Basis("Art. 36(1)(c)"), "take_back",
               admitted->member_state);
      OP_RETURN_IF_ERROR(TakeBackDeadlines(*admitted, admitted->member_state));
      return true;
    }
    if (earlier != nullptr) {
      const std::string& ms = earlier->member_state;
      if (const MemberStateSetting* row = TakeBackExemption(ms)) {
        second_registration_ = row;
        Consider("crisis_take_back_exemption", Crisis("13(1)(b), 13(3)") + "; " + row->legal_basis, true, "",
                 "the application was first registered in " + Name(ms) + " on " + earlier->date.ToString() +
                     ", which faces a crisis of extraordinary mass arrivals and is exempted from taking the applicant "
                     "back (Art. 38(4)): this Member State applies Part III itself, without Arts. 16(2), 17(1)-(2), "
                     "25(5) and 33(1)-(2), and is responsible where no Member State can be designated");
        AddFlag("crisis_take_back_notified_before_decision",
                "Regulation (EU) 2024/1359, Art. 13(3), second subparagraph, leaves aside applications for which a "
                "take back notification (Art. 41) was sent before the Council implementing decision was adopted: "
                "check that none was");
        return false;
      }
      Consider("determination_started_elsewhere", Basis("Art. 38(1), (4)"), true, ms,
               "the application was first registered in " + Name(ms) + " on " + earlier->date.ToString() +
                   ", which determines the Member State responsible (Art. 38(1)) and takes the applicant back while "
                   "it does (Art. 38(4)); no Member State responsible is recorded yet");
      Conclude("", "determination_started_elsewhere", Basis("Art. 38(4)"), "take_back", ms);
      AddFlag("responsible_member_state_not_yet_determined",
              Name(ms) + " is determining the Member State responsible: this Member State notifies it and does not "
                         "apply the criteria itself");
      OP_RETURN_IF_ERROR(TakeBackDeadlines(*earlier, ms));
      return true;
    }
    return false;
  }

  static std::string Crisis(const std::string& article) { return "Regulation (EU) 2024/1359, Art. " + article; }

  // Regulation (EU) 2024/1359, Art. 13(1): a Member State facing a crisis of mass arrivals of an
  // extraordinary scale, authorised by the Council implementing decision, is exempted from taking
  // back (a) a person for whom Eurodac records it responsible under Art. 16(2), or (b) an applicant
  // under Art. 38(4), where the application was registered there within the period the decision
  // sets (at most four months before its adoption). One member_state_settings row per decision,
  // whose dates are that period; the first registration there known from Eurodac is judged.
  const MemberStateSetting* TakeBackExemption(const std::string& crisis_state) {
    const EurodacHitFact* first = nullptr;
    for (const EurodacHitFact& h : c_.eurodac_hits) {
      if (h.category == "applicant" && h.member_state == crisis_state && (first == nullptr || h.date < first->date)) {
        first = &h;
      }
    }
    if (first == nullptr) {
      const MemberStateSetting* row = nullptr;
      if (policy_.SettingAt(crisis_state, "crisis_derogation_art_13", at_, false, &row)) {
        AddFlag("crisis_take_back_registration_unknown",
                "Regulation (EU) 2024/1359, Art. 13(1), exempts " + Name(crisis_state) + " for applications registered "
                "there in the period of the Council decision: no Eurodac applicant data of " + Name(crisis_state) +
                " give the registration");
      }
      return nullptr;
    }
    const MemberStateSetting* row = nullptr;
    if (!policy_.SettingAt(crisis_state, "crisis_derogation_art_13", first->date, false, &row)) return nullptr;
    AddFlag("crisis_derogation", Name(crisis_state) + " is exempted from taking back under Regulation (EU) 2024/1359, "
                                                      "Art. 13 (" + row->legal_basis + ")");
    return row;
  }

  // Regulation (EU) 2024/1359 Art. 12: a Member State authorised by a Council implementing decision
  // (Art. 4) applies longer time limits while the authorisation runs (policy rows per decision).
  bool InCrisis(const std::string& member_state, Date on) {
    const MemberStateSetting* row = nullptr;
    if (!policy_.SettingAt(member_state, "crisis_derogation_art_12", on, false, &row)) return false;
    if (flagged_crisis_.insert(member_state).second) {
      AddFlag("crisis_derogation", Name(member_state) + " applies the time limits of Regulation (EU) 2024/1359, Art. 12 (" +
                                       row->legal_basis + ")");
    }
    return true;
  }

  Status TakeBackDeadlines(const EurodacHitFact& hit, const std::string& notified) {
    const bool crisis = InCrisis(c_.member_state, hit.hit_received_on);
    OP_RETURN_IF_ERROR(AddDeadline("take_back_notification",
                                   crisis ? "crisis.take_back_notification" : "ammr.take_back_after_eurodac_hit",
                                   hit.hit_received_on, c_.member_state, c_.take_back_sent_on,
                                   "to " + Name(notified) + "; a late notification leaves its obligation to take the "
                                   "person back intact (Art. 41(1))"));
    OP_RETURN_IF_ERROR(DetentionRequestDeadline("detention_take_back_notification", c_.take_back_sent_on));
    OP_ASSIGN_OR_RETURN(std::optional<Date> tacit_on, TakeBackConfirmation(notified));
    return TransferDeadlines(tacit_on ? "tacit confirmation" : "confirmation", notified,
                             c_.accepted_on ? c_.accepted_on : tacit_on);
  }

  // Art. 41(3)-(4) (checked in the Italian text): the notified Member State confirms receipt within
  // two weeks of the notification (a month where it applies the crisis time limits, Regulation (EU)
  // 2024/1359 Art. 12(2)(c)), unless it shows in that time that it is not responsible (Art. 37) or
  // that the Eurodac indication is wrong; no reaction in time is confirmation. `accepted_on` is the
  // confirmation, `reply_received_on` a reaction that did not confirm. Returns the day of a tacit
  // confirmation, if there was one.
  Result<std::optional<Date>> TakeBackConfirmation(const std::string& notified) {
    if (!c_.take_back_sent_on) return std::optional<Date>();
    const Date sent = *c_.take_back_sent_on;  // through DubliNet: received the day it is sent
    const std::optional<Date> reacted = c_.reply_received_on ? c_.reply_received_on : c_.accepted_on;
    OP_RETURN_IF_ERROR(AddDeadline("take_back_confirmation",
                                   InCrisis(notified, sent) ? "crisis.take_back_confirmation" : "ammr.take_back_confirmation",
                                   sent, notified, reacted,
                                   "by " + Name(notified) + ", counted from the day the notification was sent (received "
                                   "the same day): it confirms receipt unless it shows in this time that it is not "
                                   "responsible (Art. 37) or that the notification rests on a wrong Eurodac indication "
                                   "(Art. 41(3)); no reaction in time is confirmation (Art. 41(4))"));
    const Deadline limit = out_.deadlines.back();
    if (c_.accepted_on) return std::optional<Date>();
    if (c_.reply_received_on && limit.state != "missed") {
      AddFlag("notification_contested",
              Name(notified) + " reacted in time without confirming: it holds that it is not responsible (Art. 37) "
              "or that the Eurodac indication is wrong (Art. 41(3)); the designation stands in this answer, and a "
              "caseworker decides what follows");
      return std::optional<Date>();
    }
    if (limit.state != "missed" && limit.state != "expired") return std::optional<Date>();
    return std::optional<Date>(TacitAccepted(limit, notified, "the notification counts as confirmed (Art. 41(4))",
                                             "tacit_confirmation"));
  }


  // Art. 45(1): a person detained under Art. 44. Missing these limits ends the detention (45(4));
  // the general limits, computed beside them, still decide responsibility.
  Status DetentionRequestDeadline(const std::string& name, std::optional<Date> sent_on) {
    if (!c_.detained_on) return Status::OK();
    const DetainedRequestStart start = DetainedRequestLimit();
    return AddDeadline(name, start.param, start.from, c_.member_state, sent_on,
                       "the person is detained: missing it ends the detention (Art. 45(4)); the limits of Arts. 39, 41 "
                       "and 46 continue to apply");
  }

  // The transfer (Arts. 42(1), 45(3), 46(1)-(2)). A transfer not made in time frees the responsible
  // Member State and makes the transferring one responsible (Art. 46(2); Regulation (EU) 2024/1359
  // Art. 12(3) for its one year): the answer says so once the time limit, extended where the case
  // gives the ground, has passed without `transferred_on`.
  Status TransferDeadlines(const std::string& what, const std::string& responsible, std::optional<Date> accepted_on) {
    if (!accepted_on) return Status::OK();
    OP_RETURN_IF_ERROR(AddDeadline("transfer_decision", "ammr.transfer_decision", *accepted_on, c_.member_state,
                                   c_.transfer_decision_on, "from the " + what + " (Art. 42(1))"));
    using State = TransferPeriodStart::State;
    const TransferPeriodStart start = TransferPeriodFrom(c_, *accepted_on);
    OP_RETURN_IF_ERROR(TransferAppeal(start, responsible));
    if (!start.from) return Status::OK();
    const Date from = *start.from;
    const std::string from_what = start.state == State::kAfterFinalDecision
                                      ? "from the final decision on the appeal, which had suspensive effect"
                                      : "from the " + what;
    // A year where the transferring State applies the crisis time limits (Regulation (EU) 2024/1359
    // Art. 12(2)(d)) or the responsible one faces the crisis (Art. 12(4)).
    const bool crisis = InCrisis(c_.member_state, *accepted_on);
    const bool suspended = InCrisis(responsible, at_);
    const char* period = crisis ? "crisis.transfer" : (suspended ? "crisis.transfer_to_state_in_crisis" : "ammr.transfer");
    OP_RETURN_IF_ERROR(AddDeadline("transfer", period, from, c_.member_state, c_.transferred_on,
                                   from_what + " (Art. 46(1)); missed, responsibility shifts to " +
                                       Name(c_.member_state) + " (Art. 46(2))"));
    Deadline last = out_.deadlines.back();
    const Date base_end = last.date;
    if (c_.transfer_extension) {
      // Art. 46(2): up to a year where the person was detained (imprisoned); up to three years from
      // the notification where the person absconded, resisted, made themself unfit or does not meet
      // the medical requirements.
      const bool imprisoned = c_.transfer_extension->ground == "imprisonment";
      OP_RETURN_IF_ERROR(AddDeadline("transfer_extended",
                                     imprisoned ? "ammr.transfer_extended_imprisonment" : "ammr.transfer_extended_absconding",
                                     imprisoned ? from : c_.transfer_extension->notified_on, c_.member_state,
                                     c_.transferred_on,
                                     "the time limit extended on the ground '" + c_.transfer_extension->ground + "'"));
      last = out_.deadlines.back();
      // Art. 46(2), second subparagraph: a person available again with less than three months
      // of the paragraph 1 period left gives the transferring State three months from then.
      if (const auto& again = c_.transfer_extension->available_again_on) {
        out_.deadlines.pop_back();  // available again: the extension's maximum no longer governs
        OP_ASSIGN_OR_RETURN(Date three_months, WindowEnd(*again, "ammr.transfer_after_availability"));
        if (base_end < three_months) {
          OP_RETURN_IF_ERROR(AddDeadline("transfer_after_availability", "ammr.transfer_after_availability", *again,
                                         c_.member_state, c_.transferred_on,
                                         "the person was available again on " + again->ToString() +
                                             " with less than three months of the period of Art. 46(1) left"));
        } else {
          AddFlag("transfer_period_resumes", "the person was available again on " + again->ToString() +
                                                 " with three months or more of the period of Art. 46(1) left: that "
                                                 "period applies");
        }
        last = out_.deadlines.back();
      }
    }
    if (c_.detained_on && start.detention_from) {
      OP_RETURN_IF_ERROR(AddDeadline("detention_transfer", "ammr.detained_transfer", *start.detention_from,
                                     c_.member_state, c_.transferred_on,
                                     std::string(*start.detention_from == *accepted_on
                                                     ? "from the acceptance or confirmation (Art. 45(3)(a))"
                                                     : "from the day the appeal no longer had suspensive effect "
                                                       "(Art. 45(3)(b))") +
                                         "; the person is detained: missing it ends the detention (Art. 45(4))"));
    }
    if (suspended) {
      AddFlag("transfers_suspended", "transfers to " + Name(responsible) + " wait while it faces the crisis or force "
                                     "majeure, unless it accepts the person (Regulation (EU) 2024/1359, Art. 12(4))");
    }
    if (start.state == State::kSuspensionPending && (last.state == "expired" || last.state == "missed")) {
      FlagTransferPeriodQuestion();
    } else if ((last.state == "expired" || last.state == "missed") && responsible != c_.member_state) {
      const std::string basis = suspended ? "Regulation (EU) 2024/1359, Art. 12(4)" : Basis("Art. 46(2)");
      Consider("transfer_time_limit", basis, true, c_.member_state,
               "the transfer to " + Name(responsible) + " was not made by " + last.date.ToString() + ": " +
                   Name(responsible) + " is freed of its obligation and " + Name(c_.member_state) +
                   " becomes responsible (Art. 37(1))");
      Conclude(c_.member_state, "transfer_time_limit_missed", basis, "none");
    }
    return Status::OK();
  }

  // Art. 22 (checked in the Italian text): the determining State interviews the applicant to apply
  // Art. 39, in good time and in any event before a take charge request is made (22(1), (3)); it
  // may omit the interview only where the applicant absconded, did not attend without good reason,
  // or has already given the relevant information otherwise, and in the last case lets the
  // applicant add information within the request's time limit (22(2)). Checked once a request has
  // been sent; what the case does not show is flagged.
  void CheckPersonalInterview() {
    if (!c_.take_charge_request_sent_on) return;
    const Date sent = *c_.take_charge_request_sent_on;
    if (!c_.personal_interview) {
      AddFlag("personal_interview_not_shown",
              "a take charge request was sent on " + sent.ToString() + " and the case shows neither a personal "
              "interview nor a ground for omitting it: Art. 22(1) and (3) require the interview before the request, "
              "22(2) lists the only grounds to omit it (personal_interview)");
      return;
    }
    const ResponsibilityCase::PersonalInterview& i = *c_.personal_interview;
    if (i.held_on && sent < *i.held_on) {
      AddFlag("personal_interview_after_request",
              "the personal interview of " + i.held_on->ToString() + " came after the take charge request of " +
                  sent.ToString() + ": Art. 22(3) requires it before the request");
    }
    if (i.omitted == "information_provided") {
      AddFlag("further_information_opportunity",
              "the interview was omitted because the applicant had already given the relevant information: the "
              "applicant may still present any other relevant information, and reasons for an interview, within "
              "the request's time limit (Art. 22(2), second subparagraph)");
    }
  }

  // Art. 43(2): national law sets the period for appealing against the transfer decision, between
  // a week and three weeks of its notification; the request to suspend the transfer comes within a
  // reasonable period and no later than that (43(3)). The national periods are not in the data:
  // the answer gives the longest any Member State may set, and an appeal or request after it is
  // late under any of them.
  Status AppealPeriod() {
    const std::optional<Date> lodged =
        c_.transfer_appeal ? std::optional<Date>(c_.transfer_appeal->lodged_on) : std::nullopt;
    OP_RETURN_IF_ERROR(AddDeadline("transfer_appeal_longest", "ammr.transfer_appeal_longest",
                                   *c_.transfer_decision_notified_on, c_.member_state, lodged,
                                   "national law sets the period for the appeal between one and three weeks of the "
                                   "notification (Art. 43(2)): this is the longest any Member State may set, the "
                                   "national period is not in the data",
                                   "applicant"));
    const Deadline& longest = out_.deadlines.back();
    if (longest.state == "missed") {
      AddFlag("transfer_appeal_late", "the appeal of " + lodged->ToString() + " came after " +
                                          longest.date.ToString() + ", the longest period Art. 43(2) allows: late "
                                          "under any national law");
    }
    if (c_.transfer_appeal && c_.transfer_appeal->suspension_requested_on &&
        longest.date < *c_.transfer_appeal->suspension_requested_on) {
      AddFlag("suspension_request_late", "the request to suspend the transfer, of " +
                                             c_.transfer_appeal->suspension_requested_on->ToString() +
                                             ", came after the longest appeal period Art. 43(2) allows (" +
                                             longest.date.ToString() + "), which Art. 43(3) does not let it exceed");
    }
    return Status::OK();
  }

  // Art. 43(3): the appeal against the transfer decision, as far as it stops or restarts the
  // transfer's time limits (TransferPeriodFrom), with the court's own time limits: a decision on a
  // request to suspend the transfer within a month of receiving it (received the day it is made,
  // as far as the case tells), and, once suspensive effect is granted, the merits within a month
  // (the court "endeavours": a guide, not a limit with a consequence). Art. 46(3): a person
  // transferred under a decision annulled afterwards is taken back at once.
  Status TransferAppeal(const TransferPeriodStart& start, const std::string& responsible) {
    if (c_.transfer_decision_notified_on) OP_RETURN_IF_ERROR(AppealPeriod());
    if (!c_.transfer_appeal) return Status::OK();
    const ResponsibilityCase::TransferAppeal& a = *c_.transfer_appeal;
    if (a.suspension_requested_on) {
      OP_RETURN_IF_ERROR(AddDeadline("suspension_decision", "ammr.transfer_suspension_decision",
                                     *a.suspension_requested_on, c_.member_state, a.suspension_decided_on,
                                     "the court decides on the request to suspend the transfer; until it does, the "
                                     "transfer does not take place (Art. 43(3))",
                                     "court"));
    }
    if (a.suspension == "granted") {
      OP_RETURN_IF_ERROR(AddDeadline("appeal_decision", "ammr.transfer_appeal_decision", *a.suspension_decided_on,
                                     c_.member_state, a.final_decision_on,
                                     "the court endeavours to decide on the merits within a month of granting "
                                     "suspensive effect (Art. 43(3), last subparagraph)",
                                     "court"));
    }
    FlagTransferAppeal(start, responsible);
    return Status::OK();
  }

  // ---- Art. 16(4): the security check comes before the criteria ----
  bool SecurityThreat() {
    if (!c_.security_threat) {
      Consider("security_threat", Basis("Art. 16(4)"), false, "",
               "the security check gave no reasonable grounds to consider the applicant a threat to internal security");
      return false;
    }
    Consider("security_threat", Basis("Art. 16(4)"), true, c_.member_state,
             "the security check found reasonable grounds to consider the applicant a threat to internal security: "
             "the Member State that carried it out is responsible and Art. 39 does not apply");
    Conclude(c_.member_state, "security_threat", Basis("Art. 16(4), third subparagraph"), "none");
    return true;
  }

  // ---- Chapter II, in its order (Art. 24(1)) ----

  // One criterion's candidates (DeciderBase::SettleCandidates; Art. 16(3) passes over a Member State
  // the applicant cannot be transferred to). Returns whether the examination stops here.
  Result<bool> Settle(const std::string& criterion, const std::string& legal_basis, std::set<std::string> candidates,
                      const std::string& reason, std::optional<Designated>* out, const std::string& several_rule) {
    std::string ms;
    if (!SettleCandidates(criterion, legal_basis, std::move(candidates), reason, several_rule,
                          ", but a transfer there is impossible (a real risk of inhuman or degrading treatment): the "
                          "criteria are examined further (Art. 16(3))",
                          &ms)) {
      return false;
    }
    if (!ms.empty()) *out = Designated{ms, criterion, legal_basis, std::nullopt, ""};
    return true;
  }

  Result<std::optional<Designated>> Criteria() {
    std::optional<Designated> d;
    if (c_.applicant.unaccompanied_minor) {
      OP_ASSIGN_OR_RETURN(bool done, UnaccompaniedMinor(&d));
      if (done) return d;
      if (second_registration_ != nullptr) return SecondRegistration();
      Consider("first_registration", Basis("Art. 25(5)"), true, c_.member_state,
               "no family member, sibling or relative qualifies: the Member State where the child's application was "
               "first registered, if that is in the child's best interests");
      AddFlag("best_interests_assessment",
              "Art. 25(5) designates the Member State of first registration only if that is in the child's best "
              "interests; the text does not say what follows otherwise");
      return std::optional<Designated>(
          Designated{c_.member_state, "unaccompanied_minor_first_registration", Basis("Art. 25(5)"), std::nullopt, ""});
    }
    Consider("unaccompanied_minor", Basis("Art. 25"), false, "", "the applicant is not an unaccompanied minor");
    for (auto step : {&Decider::FamilyBeneficiary, &Decider::FamilyApplicant, &Decider::Documents, &Decider::Diplomas,
                      &Decider::VisaWaivedEntry, &Decider::TransitArea, &Decider::Entry}) {
      OP_ASSIGN_OR_RETURN(bool done, (this->*step)(&d));
      if (done) return d;
    }
    if (second_registration_ != nullptr) return SecondRegistration();
    if (!c_.entry.irregular_stays.empty()) {
      Consider("irregular_stay", "Regulation (EU) No 604/2013, Art. 13(2)", false, "",
               "a stay of five months after an irregular entry was a criterion of Dublin III; the AMMR has none");
    }
    // Art. 16(2): no criterion designates a Member State. (The first Member State of registration is
    // this one: an earlier registration elsewhere is a take back situation, above.)
    Consider("first_registration", Basis("Art. 16(2)"), true, c_.member_state,
             "no criterion designates a Member State: the first Member State where the application was registered");
    return std::optional<Designated>(
        Designated{c_.member_state, "first_registration", Basis("Art. 16(2)"), std::nullopt, ""});
  }

  // Regulation (EU) 2024/1359, Art. 13(3), second subparagraph: where the Member State of the
  // second registration cannot designate one under Part III (without 16(2) and 25(5)), it is
  // responsible itself.
  std::optional<Designated> SecondRegistration() {
    const std::string basis = Crisis("13(3), second subparagraph");
    Consider("crisis_second_registration", basis, true, c_.member_state,
             "no Member State can be designated without Arts. 16(2) and 25(5): the Member State where the second "
             "application was registered");
    AddFlag("eurodac_responsibility_to_record",
            Name(c_.member_state) + " indicates in Eurodac that it became the Member State responsible (Regulation (EU) "
            "2024/1359, Art. 13(3), third subparagraph; Regulation (EU) 2024/1358, Art. 16(1))");
    return Designated{c_.member_state, "crisis_second_registration", basis + "; " + second_registration_->legal_basis,
                      std::nullopt, ""};
  }

  // Art. 2(8): who counts as a family member, and whether the family existed before arrival.
  // Returns "" if the member qualifies, else the reason it does not.
  std::string NotAFamilyMember(const FamilyMemberFact& f, bool for_article_26) const {
    if (f.relation == "sibling" || f.relation == "relative") {
      return "a " + f.relation + " is not a family member under Art. 2(8)";
    }
    if (f.relation == "partner" && !f.partnership_recognised) {
      return "an unmarried partner counts only where the law or practice of the Member State treats unmarried couples "
             "like married ones (Art. 2(8)(a)); the case does not say so";
    }
    if (f.relation == "child") {
      if (!f.date_of_birth) return "a child counts while a minor (Art. 2(8)(b)); the child's date_of_birth is not given";
      if (!MinorOn(f.date_of_birth, c_.registered_on)) return "the child was not a minor at the registration (Art. 2(8)(b))";
    }
    if (f.relation == "parent") {
      if (!MinorOn(c_.applicant.date_of_birth, c_.registered_on) || c_.applicant.married) {
        return "a parent counts only for an unmarried minor applicant (Art. 2(8)(c))";
      }
    }
    if (!f.existed_before_arrival && !(for_article_26 && f.born_after_arrival)) {
      return "the family must have existed before the applicant or the family member arrived in the territory of the "
             "Member States (Art. 2(8)); the case does not say so";
    }
    return "";
  }

  // Art. 25(2)-(4).
  Result<bool> UnaccompaniedMinor(std::optional<Designated>* out) {
    // Art. 25(2): a family member (Art. 2(8)) or a sibling, legally present; a parent for every
    // unaccompanied minor (Art. 2(8)(c) for an unmarried one, the second sentence of 25(2) for a
    // married one whose spouse is not legally present). Art. 25(3): a relative.
    const auto [family, relatives] = SortMinorsFamily(
        c_.family, data_.countries,
        {Basis("Art. 25(2)-(3)"), Basis("Art. 25(2)"), Basis("Art. 25(3)"), "to be against the child's best interests"},
        [this](const FamilyMemberFact& f) { return NotAFamilyMember(f, false); }, ConsiderNot());
    const std::string several = "Art. 25(4): family members, siblings or relatives stay in more than one Member State; "
                                "the Member State responsible is chosen by the child's best interests.";
    if (!family.empty()) {
      return Settle("unaccompanied_minor_family", Basis("Art. 25(2)"), family,
                    "a family member or sibling legally present", out, several);
    }
    Consider("unaccompanied_minor_family", Basis("Art. 25(2)"), false, "", "no family member or sibling qualifies");
    if (!relatives.empty()) {
      return Settle("unaccompanied_minor_relative", Basis("Art. 25(3)"), relatives,
                    "a relative legally present who can take care of the child", out, several);
    }
    Consider("unaccompanied_minor_relative", Basis("Art. 25(3)"), false, "", "no relative qualifies");
    return false;
  }

  // Art. 26: a family member who is a beneficiary of international protection, a long-term
  // resident, or a former beneficiary now a citizen.
  Result<bool> FamilyBeneficiary(std::optional<Designated>* out) {
    std::set<std::string> found;
    std::string criterion = "family_member_beneficiary", basis = Basis("Art. 26(1)");
    std::string reason = "a family member legally residing there, with the written wish";
    for (const FamilyMemberFact& f : c_.family) {
      if (f.status == "applicant") continue;
      const std::string art = f.status == "citizen" ? "Art. 26(2)" : "Art. 26(1)";
      std::string why_not = NotAFamilyMember(f, true);
      bool consent_waived = false;
      if (why_not.empty() && !f.wish_in_writing) {
        why_not = "the persons concerned must state their wish in writing (" + art + ")";
        consent_waived = MinorsConsentWaived(f, art, &why_not);
      }
      const std::string who = "the " + f.relation + " (" + f.status + ") in " + Name(f.member_state);
      if (!why_not.empty()) {
        Consider(CriterionFor(f.status), Basis(art), false, f.member_state, who + ": " + why_not);
        continue;
      }
      found.insert(f.member_state);
      criterion = CriterionFor(f.status);
      basis = Basis(f.born_after_arrival ? art + ", (3)" : art);
      if (consent_waived) {
        basis += " and Art. 36(2), second subparagraph";
        reason = "a family member legally residing there; the written consent not required for a minor (Art. 36(2))";
      }
    }
    if (found.empty()) {
      Consider("family_member_beneficiary", Basis("Art. 26"), false, "",
               "no family member legally residing as a beneficiary of international protection, long-term resident or "
               "citizen qualifies");
      return false;
    }
    return Settle(criterion, basis, found, reason, out,
                  "Art. 26 names no rule for family members in several Member States; a caseworker decides.");
  }

  // Art. 36(2), second subparagraph (read in the Italian text): where a take charge procedure of a
  // minor is started towards a Member State responsible under Art. 26, the written consent of the
  // persons concerned is not required, unless the transfer is shown to be against the child's best
  // interests. Read as covering a minor applicant's own case towards the family member's State (the
  // subparagraph opens "without prejudice to the written consent requirement of Article 26", which
  // the reading leaves for adults). It speaks of a take charge and a transfer only: with the family
  // member in the deciding State there is neither, so the waiver is not applied there and the
  // question is flagged. Returns whether the missing wish is waived; otherwise completes `why_not`.
  bool MinorsConsentWaived(const FamilyMemberFact& f, const std::string& art, std::string* why_not) {
    if (!MinorOn(c_.applicant.date_of_birth, c_.registered_on)) return false;
    const std::string waiver = Basis("Art. 36(2), second subparagraph");
    if (f.against_best_interests) {
      *why_not += "; " + waiver + " waives it for a minor unless the transfer is shown to be against the child's "
                  "best interests, as the case says it is";
      return false;
    }
    if (f.member_state == c_.member_state) {
      *why_not += "; " + waiver + " waives it for a minor's take charge towards the " + art +
                  " Member State, and with the family member in the deciding State there is none";
      AddFlag("minor_written_consent_unclear",
              waiver + " waives the written consent for a take charge of a minor towards a Member State responsible "
              "under Art. 26; the family member is in " + Name(f.member_state) + ", the deciding State, where no take "
              "charge or transfer takes place: whether the waiver applies is not stated. " + art +
              " was not applied without the written wish; a caseworker decides");
      return false;
    }
    AddFlag("minor_written_consent_waived",
            "the applicant was a minor at the registration: " + waiver + " does not require the written consent for "
            "the take charge towards " + Name(f.member_state) + " (" + art + "), unless the transfer is shown to be "
            "against the child's best interests (the case does not say so). Read as covering the minor's own "
            "application; the subparagraph keeps the written consent requirement of Art. 26 otherwise");
    why_not->clear();
    return true;
  }

  static std::string CriterionFor(const std::string& status) {
    if (status == "resident") return "family_member_long_term_resident";
    if (status == "citizen") return "family_member_citizen";
    return "family_member_beneficiary";
  }

  // Art. 27: a family member whose application has had no first decision on the substance.
  Result<bool> FamilyApplicant(std::optional<Designated>* out) {
    std::set<std::string> found;
    for (const FamilyMemberFact& f : c_.family) {
      if (f.status != "applicant") continue;
      std::string why_not = NotAFamilyMember(f, false);
      if (why_not.empty() && f.first_decision_on_substance) {
        why_not = "the family member's application has already had a first decision on the substance";
      }
      if (why_not.empty() && !f.wish_in_writing) why_not = "the persons concerned must state their wish in writing";
      const std::string who = "the " + f.relation + " (applicant) in " + Name(f.member_state);
      if (!why_not.empty()) {
        Consider("family_member_applicant", Basis("Art. 27"), false, f.member_state, who + ": " + why_not);
        continue;
      }
      found.insert(f.member_state);
    }
    if (found.empty()) {
      Consider("family_member_applicant", Basis("Art. 27"), false, "",
               "no family member whose application awaits a first decision on the substance qualifies");
      return false;
    }
    return Settle("family_member_applicant", Basis("Art. 27"), found,
                  "a family member applying there, awaiting a first decision on the substance, with the written wish",
                  out, "Art. 27 names no rule for family members in several Member States; a caseworker decides.");
  }

  // Art. 29: residence documents and visas, on the situation at registration (Art. 24(2)).
  Result<bool> Documents(std::optional<Designated>* out) {
    std::vector<HeldDocument> held;
    for (size_t i = 0; i < c_.documents.size(); ++i) {
      const DocumentFact& d = c_.documents[i];
      const std::string what = (d.type == "visa" ? "the visa of " : "the residence document of ") + Name(d.issued_by);
      const std::string art = d.type == "visa" ? "Art. 29(2)" : "Art. 29(1)";
      if (d.fraud_after_issue) {
        Consider(d.type, Basis("Art. 29(5)"), false, d.issued_by,
                 what + ": the issuing Member State shows that the fraud took place after issue");
        continue;
      }
      if (c_.registered_on < d.valid_from) {
        Consider(d.type, Basis(art), false, d.issued_by,
                 what + " was not yet valid when the application was registered (Art. 24(2))");
        continue;
      }
      const bool withdrawn = d.withdrawn_on && *d.withdrawn_on <= c_.registered_on;
      if (!withdrawn && c_.registered_on <= d.valid_until) {
        held.push_back({&d, i, true});
        continue;
      }
      Date ended = withdrawn ? std::min(*d.withdrawn_on, d.valid_until) : d.valid_until;
      OP_ASSIGN_OR_RETURN(Date counts_until, WindowEnd(ended, d.type == "visa" ? "ammr.expired_visa_counts"
                                                                                : "ammr.expired_residence_document_counts"));
      if (c_.registered_on < counts_until) {
        held.push_back({&d, i, false});
      } else {
        Consider(d.type, Basis("Art. 29(4)"), false, d.issued_by,
                 what + " ended on " + ended.ToString() + ", " +
                     (d.type == "visa" ? "18 months" : "three years") + " or more before the registration");
      }
    }
    if (held.empty()) {
      Consider("residence_document_or_visa", Basis("Art. 29"), false, "", "no residence document or visa counts");
      return false;
    }
    OP_ASSIGN_OR_RETURN(DocumentChoice choice, ChooseDocument(held, "Art. 29"));
    const std::string rule = "Art. 29" + choice.paragraph;
    const bool any_valid = choice.valid, any_residence = choice.residence_document;
    const std::vector<HeldDocument>& best = choice.best;
    std::set<std::string> candidates;
    for (const HeldDocument& h : best) candidates.insert(DesignatedBy(*h.document));
    const DocumentFact& first = *best.front().document;
    const std::string criterion = any_residence ? "residence_document" : "visa";
    const std::string reason = std::string(any_residence ? "a residence document" : "a visa") +
                               (any_valid ? " valid at the registration" : " that ended less than " +
                                    std::string(any_residence ? "three years" : "18 months") + " before the registration") +
                               (held.size() > 1 ? " (chosen among " + std::to_string(held.size()) + " by " + rule + ")" : "");
    OP_ASSIGN_OR_RETURN(bool done, Settle(criterion, Basis(rule), candidates, reason, out,
                                          rule + " leaves a tie between documents of several Member States."));
    if (*out && !any_residence && first.vis_hit_received_on && best.size() == 1) {
      (*out)->hit_received_on = first.vis_hit_received_on;
      (*out)->hit_kind = "VIS";
    }
    return done;
  }

  template <typename T, typename Key>
  static std::vector<T> Maximal(const std::vector<T>& items, Key key) {
    auto best = key(items.front());
    for (const T& x : items) best = std::max(best, key(x));
    std::vector<T> out;
    for (const T& x : items) {
      if (key(x) == best) out.push_back(x);
    }
    return out;
  }

  // Art. 30: diplomas or qualifications.
  Result<bool> Diplomas(std::optional<Designated>* out) {
    std::vector<std::pair<const DiplomaFact*, size_t>> counted;
    for (size_t i = 0; i < c_.diplomas.size(); ++i) {
      const DiplomaFact& d = c_.diplomas[i];
      if (c_.registered_on < d.issued_on) {
        Consider("diploma", Basis("Art. 30(1)"), false, d.issued_by,
                 "the diploma of " + Name(d.issued_by) + " was issued after the registration (Art. 24(2))");
        continue;
      }
      OP_ASSIGN_OR_RETURN(Date counts_until, WindowEnd(d.issued_on, "ammr.diploma_counts"));
      if (c_.registered_on < counts_until) {
        counted.emplace_back(&d, i);
      } else {
        Consider("diploma", Basis("Art. 30(1)"), false, d.issued_by,
                 "the diploma of " + Name(d.issued_by) + " was issued on " + d.issued_on.ToString() +
                     ", six years or more before the registration");
      }
    }
    if (counted.empty()) {
      Consider("diploma", Basis("Art. 30"), false, "", "no diploma or qualification issued less than six years before the registration");
      return false;
    }
    std::set<std::string> states;
    for (const auto& [d, i] : counted) states.insert(d->issued_by);
    if (states.size() == 1) {
      return Settle("diploma", Basis("Art. 30(1)"), states, "a diploma or qualification issued less than six years before the registration", out, "");
    }
    for (const auto& [d, i] : counted) {
      if (!d->study_months) {
        return Status::InvalidArgument("is required to choose among diplomas of several Member States (Art. 30(2))",
                                       "diplomas[" + std::to_string(i) + "].study_months");
      }
    }
    auto best = Maximal(counted, [](const auto& x) { return std::pair{*x.first->study_months, x.first->issued_on.days()}; });
    std::set<std::string> candidates;
    for (const auto& [d, i] : best) candidates.insert(d->issued_by);
    return Settle("diploma", Basis("Art. 30(2)"), candidates,
                  "the diploma after the longest period of study (then the most recent)", out,
                  "Art. 30(2) leaves a tie between diplomas of several Member States.");
  }

  // Art. 31: entry where the applicant needs no visa.
  Result<bool> VisaWaivedEntry(std::optional<Designated>* out) {
    if (!c_.entry.visa_waived_entry) {
      Consider("visa_waived_entry", Basis("Art. 31"), false, "", "the applicant did not enter where exempt from a visa");
      return false;
    }
    const auto& v = *c_.entry.visa_waived_entry;
    if (v.member_state != c_.member_state) {
      if (!v.exempt_in_member_state_of_registration) {
        return Status::InvalidArgument("is required when the entry was in another Member State (Art. 31(2))",
                                       "entry.visa_waived_entry.exempt_in_member_state_of_registration");
      }
      if (*v.exempt_in_member_state_of_registration) {
        return Settle("visa_waived_entry", Basis("Art. 31(2)"), {c_.member_state},
                      "entry without a visa through " + Name(v.member_state) +
                          ", and the application registered where the applicant is also exempt",
                      out, "");
      }
    }
    return Settle("visa_waived_entry", Basis("Art. 31(1)"), {v.member_state}, "entry without a visa", out, "");
  }

  // Art. 32: an application made in an airport's international transit area.
  Result<bool> TransitArea(std::optional<Designated>* out) {
    if (c_.entry.international_transit_area.empty()) {
      Consider("international_transit_area", Basis("Art. 32"), false, "",
               "the application was not made in an airport's international transit area");
      return false;
    }
    return Settle("international_transit_area", Basis("Art. 32"), {c_.entry.international_transit_area},
                  "an application made in the airport's international transit area", out, "");
  }

  // Art. 33: irregular entry (1), disembarkation after search and rescue (2), relocation (3).
  Result<bool> Entry(std::optional<Designated>* out) {
    if (second_registration_ != nullptr && c_.entry.relocated_to.empty()) {
      Consider("irregular_entry", Crisis("13(3)"), false, "",
               "the Member State of the second registration applies Part III without Art. 33(1)-(2)");
      return false;
    }
    struct Crossing {
      std::string member_state;
      Date date;
      bool sar;
      const EurodacHitFact* hit;
    };
    std::optional<Crossing> x;
    auto hit_for = [&](const std::string& ms, bool sar) -> const EurodacHitFact* {
      const EurodacHitFact* best = nullptr;
      for (const EurodacHitFact& h : c_.eurodac_hits) {
        if (h.member_state == ms && h.category == (sar ? "sar_disembarked" : "irregular_crosser") &&
            (best == nullptr || h.hit_received_on < best->hit_received_on)) {
          best = &h;
        }
      }
      return best;
    };
    if (c_.entry.irregular_entry) {
      const auto& e = *c_.entry.irregular_entry;
      x = Crossing{e.member_state, e.date, e.via_sar, hit_for(e.member_state, e.via_sar)};
    } else {
      // The Eurodac data are evidence of the crossing (Art. 33(1)): the earliest counts.
      for (bool sar : {false, true}) {
        for (const EurodacHitFact& h : c_.eurodac_hits) {
          if (h.category != (sar ? "sar_disembarked" : "irregular_crosser")) continue;
          if (!x || h.date < x->date) x = Crossing{h.member_state, h.date, sar, &h};
        }
        if (x) break;  // para. 2 applies without prejudice to para. 1
      }
    }
    if (!x) {
      Consider("irregular_entry", Basis("Art. 33"), false, "",
               "no irregular crossing or disembarkation is established by the case or by Eurodac data");
      return false;
    }
    const std::string criterion = x->sar ? "sar_disembarkation" : "irregular_entry";
    const std::string art = x->sar ? "Art. 33(2)" : "Art. 33(1)";
    if (!c_.entry.relocated_to.empty()) {
      return Settle("relocation", Basis("Art. 33(3)"), {c_.entry.relocated_to},
                    "relocation after the " + std::string(x->sar ? "disembarkation" : "crossing") + " in " + Name(x->member_state), out, "");
    }
    OP_ASSIGN_OR_RETURN(Date ends, WindowEnd(x->date, x->sar ? "ammr.sar_responsibility_ends" : "ammr.irregular_entry_responsibility_ends"));
    if (ends < c_.registered_on) {
      Consider(criterion, Basis(art), false, x->member_state,
               std::string(x->sar ? "the disembarkation" : "the irregular crossing") + " into " + Name(x->member_state) + " on " +
                   x->date.ToString() + " was more than " + (x->sar ? "12" : "20") +
                   " months before the registration: that responsibility ceased");
      return false;
    }
    const std::string evidence = x->hit != nullptr ? " (Eurodac " + x->hit->category + " data)" : "";
    OP_ASSIGN_OR_RETURN(bool done, Settle(criterion, Basis(art), {x->member_state},
                                          std::string(x->sar ? "disembarkation after search and rescue" : "irregular crossing") +
                                              " on " + x->date.ToString() + evidence,
                                          out, ""));
    if (*out && x->hit != nullptr) {
      (*out)->hit_received_on = x->hit->hit_received_on;
      (*out)->hit_kind = "Eurodac";
    }
    return done;
  }

  // ---- Requests for information (Art. 51, read in the Italian text) ----
  // Art. 51(5): the requested Member State replies within three weeks; a delay is to be duly
  // justified, and a reply missing at the end of the three weeks does not release it from replying.
  // The reply's time limit of information request `k`, computed once: the take charge request's
  // extension (ExtendForRefusedInformation) and the list of deadlines read the same one.
  Result<const Deadline*> InformationReply(size_t k) {
    if (information_replies_.empty()) information_replies_.resize(c_.information_requests.size());
    std::optional<Deadline>& memo = information_replies_[k];
    if (!memo) {
      const auto& info = c_.information_requests[k];
      OP_ASSIGN_OR_RETURN(memo, ComputeDeadline(data_, ComputationRule::kAmmr75, "information_reply",
                                                "ammr.information_reply", info.sent_on, info.member_state, at_,
                                                info.replied_on,
                                                "by " + Name(info.member_state) + " to the request of " +
                                                    info.sent_on.ToString()));
      memo->by = info.member_state;
      memo->actor = "authority";
    }
    return &*memo;
  }

  Status InformationRequests() {
    for (size_t k = 0; k < c_.information_requests.size(); ++k) {
      const auto& info = c_.information_requests[k];
      OP_ASSIGN_OR_RETURN(const Deadline* computed, InformationReply(k));
      out_.deadlines.push_back(*computed);
      const Deadline& reply = out_.deadlines.back();
      if (reply.state == std::string("missed")) {
        AddFlag("information_reply_late", Name(info.member_state) + " replied on " + info.replied_on->ToString() +
                                              ", after the three weeks of Art. 51(5) (" + reply.date.ToString() +
                                              "): the delay is to be duly justified");
      } else if (reply.state == std::string("expired")) {
        AddFlag("information_reply_overdue", Name(info.member_state) + " has not replied to the request of " +
                                                 info.sent_on.ToString() + " within three weeks (" +
                                                 reply.date.ToString() +
                                                 "): it is not released from replying (Art. 51(5))");
      }
    }
    return Status::OK();
  }

  // Art. 51(5): where `requested` refused, in its reply to a request for information, information
  // showing its responsibility, the Art. 39 time limits for the take charge request are extended by
  // the delay of that reply beyond its three weeks (counted on from the request's own end, Art. 75);
  // returns whether it refused.
  Result<bool> ExtendForRefusedInformation(const std::string& requested, Deadline* request) {
    bool refused = false;
    for (size_t k = 0; k < c_.information_requests.size(); ++k) {
      const auto& info = c_.information_requests[k];
      if (info.member_state != requested || !info.information_refused) continue;
      refused = true;
      OP_ASSIGN_OR_RETURN(const Deadline* computed, InformationReply(k));
      const Deadline& reply = *computed;
      const int delay = info.replied_on->days() - reply.date.days();
      if (delay <= 0) continue;
      OP_ASSIGN_OR_RETURN(Deadline longer,
                          DeadlineForPeriod(data_, ComputationRule::kAmmr75, request->name, Period{delay, PeriodUnit::kDays},
                                            request->legal_basis + "; " + Basis("Art. 51(5)"), request->date,
                                            c_.member_state, at_, c_.take_charge_request_sent_on));
      longer.from = request->from;
      longer.by = request->by;
      longer.actor = request->actor;
      longer.period = request->period + " and " + std::to_string(delay) + " days";
      const std::string moved = longer.note;
      longer.note = request->note + "; extended by " + std::to_string(delay) + " day(s), the delay of " + Name(requested) +
                    "'s reply (" + info.replied_on->ToString() + ", due " + reply.date.ToString() +
                    ") refusing information showing its responsibility (Art. 51(5))" + (moved.empty() ? "" : "; " + moved);
      AddFlag("take_charge_time_limit_extended",
              "the time limit for the request to " + Name(requested) + " ends on " + longer.date.ToString() + " instead of " +
                  request->date.ToString() + " (Art. 51(5))");
      *request = std::move(longer);
    }
    return refused;
  }

  // ---- The designation and the take charge procedure (Arts. 39, 40, 42, 46) ----
  Status Designate(const Designated& d) {
    if (d.member_state == c_.member_state) {
      Conclude(d.member_state, d.criterion, d.legal_basis, "none");
      return Status::OK();
    }
    Conclude(d.member_state, d.criterion, d.legal_basis, "take_charge", d.member_state);
    // Regulation (EU) 2024/1359 Art. 12(2)(a) replaces both limits of Art. 39(1) with four months.
    const bool crisis = InCrisis(c_.member_state, c_.registered_on);
    const bool on_hit = d.hit_received_on.has_value() && !crisis;
    const Date from = on_hit ? *d.hit_received_on : c_.registered_on;
    const char* param = crisis ? "crisis.take_charge_request"
                               : (on_hit ? "ammr.take_charge_after_eurodac_hit" : "ammr.take_charge_request");
    std::string note = "to " + Name(d.member_state);
    if (on_hit) note += ", counted from the " + d.hit_kind + " hit the request rests on";
    if (on_hit && d.hit_kind == "VIS") note += " (Art. 39(1), second subparagraph, names VIS hits too)";
    const bool family = d.criterion.rfind("family_", 0) == 0 || d.criterion.rfind("unaccompanied_minor", 0) == 0;
    if (family) note += "; a request on Arts. 25-28 has priority";
    OP_RETURN_IF_ERROR(AddDeadline("take_charge_request", param, from, c_.member_state, c_.take_charge_request_sent_on, note));
    OP_ASSIGN_OR_RETURN(const bool information_refused, ExtendForRefusedInformation(d.member_state, &out_.deadlines.back()));
    const std::string request_state = out_.deadlines.back().state;
    const Date request_by = out_.deadlines.back().date;
    if (request_state == "missed" || request_state == "expired") {
      // Art. 39(1), fourth subparagraph: an unaccompanied minor's request may still be made, past
      // the time limit, "at any time before a first decision on the substance"; once that decision
      // is taken without one, the third subparagraph applies as for anyone.
      const auto& substance = c_.first_decision_on_substance_on;
      const bool minor_window_closed =
          c_.applicant.unaccompanied_minor && substance && *substance <= at_ &&
          (!c_.take_charge_request_sent_on || *c_.take_charge_request_sent_on >= *substance);
      if (minor_window_closed) {
        AddFlag("unaccompanied_minor_request_after_first_decision",
                "the time limit for the request has passed and the first decision on the substance was taken on " +
                    substance->ToString() + " without a request before it: the late request Art. 39(1), fourth "
                    "subparagraph, allows for an unaccompanied minor can no longer be made");
      }
      if (information_refused) {
        AddFlag("information_refused_expiry_not_invocable",
                Name(d.member_state) + " refused information showing its responsibility: it cannot invoke the expiry "
                "of the Art. 39 time limits to refuse the take charge request (Art. 51(5)); the request is late even "
                "after the extension, and whether Art. 39(1), third subparagraph, still moves the responsibility is "
                "for legal review (the answer applies it)");
      }
      if (c_.applicant.unaccompanied_minor && !minor_window_closed) {
        AddFlag("unaccompanied_minor_request_after_time_limit",
                "the time limit for the request has passed, but for an unaccompanied minor the determination goes on "
                "and a request may be made at any time before a first decision on the substance, where in the child's "
                "best interests (Art. 39(1), fourth subparagraph)");
      } else {
        const std::string basis = crisis ? "Regulation (EU) 2024/1359, Art. 12(3)" : Basis("Art. 39(1), third subparagraph");
        Consider("take_charge_time_limit", basis, true, c_.member_state,
                 "no take charge request was made by " + request_by.ToString() +
                     ": the responsibility lies with the Member State where the application was registered");
        Conclude(c_.member_state, "take_charge_time_limit_missed", basis, "none");
        return Status::OK();
      }
    }
    OP_RETURN_IF_ERROR(DetentionRequestDeadline("detention_take_charge_request", c_.take_charge_request_sent_on));
    CheckPersonalInterview();
    std::optional<Date> tacit_on;  // the request accepted by silence (Art. 40(8) or 45(2))
    if (c_.take_charge_request_sent_on) {
      // Requests travel through DubliNet: received the day they are sent.
      const Date sent = *c_.take_charge_request_sent_on;
      const bool requested_in_crisis = InCrisis(d.member_state, sent);
      const char* reply = requested_in_crisis ? "crisis.take_charge_reply"
                                              : (on_hit ? "ammr.take_charge_reply_after_hit" : "ammr.take_charge_reply");
      // An acceptance is a reply; a tacit one (Art. 40(8)) comes when the limit has passed.
      const std::optional<Date> replied = c_.reply_received_on ? c_.reply_received_on : c_.accepted_on;
      // Art. 45(2) concerns a request for a detained person: a detention that began after the
      // request went does not shorten the reply the requested State was asked for (as Dublin III's
      // decider reads Art. 28(3)).
      const bool detained = c_.detained_on && *c_.detained_on <= sent;
      if (c_.detained_on && !detained) {
        AddFlag("detained_after_request",
                "the person was detained on " + c_.detained_on->ToString() + ", after the request of " +
                    sent.ToString() + ": the week of Art. 45(2) is not applied to it, and the ordinary reply period "
                    "stands");
      }
      // Art. 39(2), 40(7): an urgent reply asked for; the crisis limit (Regulation (EU) 2024/1359,
      // Art. 12(1)-(2)(b), a derogation from Art. 40's limits) and the detained person's (Art. 45(2))
      // prevail.
      std::optional<UrgentReplyLimits> urgent;
      if (c_.urgent_reply) {
        if (!UrgentReplyAllowedByAmmr(c_.urgent_reply->ground)) {
          AddFlag("urgent_reply_not_allowed",
                  "Art. 39(2) allows an urgent reply only where the application was registered after a refusal of "
                  "entry or a return decision (the case gives " + c_.urgent_reply->ground +
                      "): the ordinary reply period applies");
        } else if (requested_in_crisis || detained) {
          AddFlag("urgent_reply_superseded",
                  requested_in_crisis ? Name(d.member_state) + " applies the crisis derogation from Art. 40's time "
                                                              "limits (Regulation (EU) 2024/1359, Art. 12(2)(b)): "
                                                              "two months, urgency or not"
                                      : std::string("the person is detained: the reply is due within a week "
                                                    "(Art. 45(2)), which governs"));
        } else {
          OP_ASSIGN_OR_RETURN(urgent, AmmrUrgentReplyLimits(data_, c_, sent, d.member_state, at_, replied,
                                                            "take_charge_reply", "by " + Name(d.member_state)));
        }
      }
      if (urgent) {
        out_.deadlines.push_back(urgent->requested);
        if (urgent->two_weeks) out_.deadlines.push_back(*urgent->two_weeks);
      } else {
        OP_RETURN_IF_ERROR(AddDeadline("take_charge_reply", reply, sent, d.member_state, replied,
                                       "by " + Name(d.member_state) +
                                           ", counted from the day the request was sent (received the same day); no "
                                           "reasoned objection in time is acceptance (Art. 40(8))"));
      }
      Deadline reply_limit = urgent ? urgent->Silence() : out_.deadlines.back();
      if (detained) {
        OP_RETURN_IF_ERROR(AddDeadline("detention_take_charge_reply", "ammr.detained_reply", sent, d.member_state,
                                       replied, "the person is detained: no reply within a week is acceptance "
                                                       "(Art. 45(2))"));
        reply_limit = out_.deadlines.back();  // Art. 45(2) derogates from Art. 40(1)
      }
      const std::string basis = detained ? "Art. 45(2)" : "Art. 40(8)";
      const std::optional<std::string> unclear = urgent && !c_.accepted_on ? urgent->Unclear(c_.reply_received_on, at_)
                                                                           : std::nullopt;
      if (unclear) {
        AddFlag("urgent_reply_silence_unclear", *unclear);
      } else if (c_.reply_received_on && !c_.accepted_on && reply_limit.state != "missed") {
        AddFlag("request_refused", Name(d.member_state) + " objected in time (" + basis + "): the criteria's "
                                   "designation stands in this answer, and a caseworker decides what follows (a "
                                   "request for re-examination, or the examination here)");
        if (c_.reexamination_requested_on) {
          AddFlag("reexamination_not_computed",
                  "a re-examination was asked on " + c_.reexamination_requested_on->ToString() +
                      ": the AMMR sets no re-examination procedure, and its implementing rules (Regulation (EU) "
                      "2025/2055, replacing Regulation (EC) No 1560/2003) were not read here; the designation stands");
        }
      } else if (!c_.accepted_on && (reply_limit.state == "missed" || reply_limit.state == "expired")) {
        tacit_on = TacitAccepted(reply_limit, d.member_state, "the request counts as accepted (" + basis + ")");
      }
    }
    return TransferDeadlines(tacit_on ? "tacit acceptance" : "acceptance", d.member_state,
                             c_.accepted_on ? c_.accepted_on : tacit_on);
  }

  // A silence past `limit` (or a reply after it) accepts a request or confirms a take back
  // notification: flagged `tacit_acceptance` or `tacit_confirmation` with the day it is dated
  // (TacitAcceptanceDay), from which the transfer's time limits run.
  Date TacitAccepted(const Deadline& limit, const std::string& member_state, const std::string& what,
                     const char* code = "tacit_acceptance") {
    const TacitAcceptance tacit = TacitAcceptanceDay(policy_, data_.countries, c_.member_state, at_);
    const Date on = tacit.From(limit.date);
    AddFlag(code, Name(member_state) +
                      (c_.reply_received_on ? " replied on " + c_.reply_received_on->ToString() + ", after "
                                            : std::string(" did not reply by ")) +
                      limit.date.ToString() + ": " + what + ", on " + on.ToString() + " (" + tacit.how +
                      "); the transfer's time limits run from that day (give accepted_on where the acceptance is "
                      "dated otherwise)");
    return on;
  }

  std::string requested_;
  std::set<std::string> flagged_participation_;
  std::set<std::string> flagged_crisis_;
  std::optional<Designated> designation_;
  std::vector<std::optional<Deadline>> information_replies_;  // InformationReply's, by request
  bool criteria_applied_ = false;
  const MemberStateSetting* second_registration_ = nullptr;  // Crisis Regulation Art. 13(3) applies
};

}  // namespace

Result<ResponsibilityDecision> DecideResponsibility(const ResponsibilityCase& c, const RulesData& data,
                                                    std::optional<Date> at) {
  const Date on = at.value_or(c.decision_date);
  // Art. 84(2): an application registered before the AMMR's criteria apply is decided on those of
  // Regulation (EU) No 604/2013. (Where the date itself is missing, the AMMR's scope check says so.)
  if (auto applies_from = data.policy.DateAt("ammr.application_date", on);
      applies_from.ok() && c.registered_on < *applies_from) {
    return DecideResponsibilityDublin3(c, data, on, *applies_from);
  }
  Decider d(c, data, on);
  return d.Run();
}

// ---- Art. 28: the family procedure ----
Result<std::vector<size_t>> ChooseFamilyMemberState(const std::vector<ResponsibilityCase>& members,
                                                    const std::vector<std::string>& designated,
                                                    const std::vector<std::string>& criteria,
                                                    const std::string& article, const CountryRegistry& countries,
                                                    FamilyDecision* out) {
  const std::string short_name = article.substr(article.rfind("Art. "));  // "Art. 28", for sentences
  // Whom the criteria designate, member by member; a member whose case does not reach the
  // criteria (a take back, the security check, no single Member State) stays outside.
  std::map<std::string, int> count;
  std::vector<size_t> counted;
  for (size_t i = 0; i < members.size(); ++i) {
    out->designations.push_back({i, designated[i], criteria[i]});
    if (designated[i].empty()) {
      out->flags.push_back({"member_outside_family_procedure",
                            "member " + std::to_string(i) + " is not decided by the criteria (" + criteria[i] +
                                "): its own decision stands"});
      continue;
    }
    ++count[designated[i]];
    counted.push_back(i);
  }
  if (count.size() <= 1) {
    out->applies = false;
    out->responsible_member_state = count.empty() ? "" : count.begin()->first;
    out->reason = count.empty() ? "no member's case reaches the criteria"
                                : "the criteria keep the family together: " + article + " is not needed";
    return counted;
  }
  out->applies = true;
  // (a): the Member State designated for the largest number of them.
  int most = 0;
  for (const auto& [ms, n] : count) most = std::max(most, n);
  std::vector<std::string> leading;
  for (const auto& [ms, n] : count) {
    if (n == most) leading.push_back(ms);
  }
  if (leading.size() == 1) {
    out->responsible_member_state = leading.front();
    out->legal_basis = article + "(a)";
    out->reason = "the criteria would separate the family; " + countries.NameOf(leading.front()) +
                  " is designated for " + std::to_string(most) + " of its " + std::to_string(counted.size()) +
                  " members";
    return counted;
  }
  // (b): the Member State designated for the eldest.
  std::optional<size_t> eldest;
  bool tie = false;
  for (size_t i : counted) {
    if (!members[i].applicant.date_of_birth) {
      return Status::InvalidArgument("is required to find the eldest member (" + short_name + "(b))",
                                     "members[" + std::to_string(i) + "].applicant.date_of_birth");
    }
    const Date dob = *members[i].applicant.date_of_birth;
    if (!eldest || dob < *members[*eldest].applicant.date_of_birth) {
      eldest = i;
      tie = false;
    } else if (dob == *members[*eldest].applicant.date_of_birth && designated[i] != designated[*eldest]) {
      tie = true;
    }
  }
  out->legal_basis = article + "(b)";
  if (tie) {
    out->reason = "the criteria would separate the family, no Member State is designated for more members than "
                  "another, and the eldest members, born the same day, are designated for different Member States";
    out->flags.push_back({"several_member_states", short_name + " leaves the choice open; a caseworker decides."});
    return counted;
  }
  out->responsible_member_state = designated[*eldest];
  out->reason = "the criteria would separate the family and designate as many members for each of several Member "
                "States; " + countries.NameOf(out->responsible_member_state) + " is designated for the eldest, "
                "member " + std::to_string(*eldest);
  return counted;
}

MinorsFamily SortMinorsFamily(const std::vector<FamilyMemberFact>& family, const CountryRegistry& countries,
                              const MinorsFamilyProvisions& provisions,
                              const std::function<std::string(const FamilyMemberFact&)>& not_a_family_member,
                              const ConsiderFn& consider) {
  MinorsFamily out;
  for (const FamilyMemberFact& f : family) {
    const std::string who = "the " + f.relation + " in " + countries.NameOf(f.member_state);
    if (f.against_best_interests) {
      consider("unaccompanied_minor_family", provisions.family_or_relative, f.member_state,
               who + " would designate " + countries.NameOf(f.member_state) + ", which is shown " +
                   provisions.against_best_interests);
      continue;
    }
    if (f.relation == "relative") {
      if (f.can_take_care) {
        out.relatives.insert(f.member_state);
      } else {
        consider("unaccompanied_minor_relative", provisions.relative, f.member_state,
                 who + " counts only once an individual examination establishes that the relative can take care of "
                       "the child (can_take_care)");
      }
      continue;
    }
    // A sibling always; a parent for every unaccompanied minor (for an unmarried one a family
    // member, for a married one whose spouse is not legally present named by the paragraph itself).
    const bool always = f.relation == "sibling" || f.relation == "parent";
    const std::string why_not = always ? "" : not_a_family_member(f);
    if (!why_not.empty()) {
      consider("unaccompanied_minor_family", provisions.family, f.member_state, who + ": " + why_not);
      continue;
    }
    out.family.insert(f.member_state);
  }
  return out;
}

void FlagRegisteredOnDifferentDays(const std::vector<ResponsibilityCase>& members, const std::string& article,
                                   FamilyDecision* out) {
  auto by_registration = [](const auto& a, const auto& b) { return a.registered_on < b.registered_on; };
  const Date first = std::min_element(members.begin(), members.end(), by_registration)->registered_on;
  const Date last = std::max_element(members.begin(), members.end(), by_registration)->registered_on;
  if (first != last) {
    out->flags.push_back({"registered_on_different_days",
                          "the applications were registered from " + first.ToString() + " to " + last.ToString() +
                              ": " + article + " applies only if they are close enough to be determined together, a "
                              "caseworker's judgement"});
  }
}

Result<FamilyDecision> DecideFamilyProcedure(const std::vector<ResponsibilityCase>& members, const RulesData& data,
                                             std::optional<Date> at) {
  // Applications registered before 1 July 2026 are determined on Dublin III's criteria (Art.
  // 84(2)), and their family procedure is Dublin III's Art. 11; a family on both sides of that day
  // is not one procedure the texts provide for.
  size_t before = 0;
  std::optional<size_t> first_before;
  for (size_t i = 0; i < members.size(); ++i) {
    auto applies_from = data.policy.DateAt("ammr.application_date", at.value_or(members[i].decision_date));
    if (applies_from.ok() && members[i].registered_on < *applies_from) {
      ++before;
      if (!first_before) first_before = i;
    }
  }
  if (before == members.size()) return DecideFamilyProcedureDublin3(members, data, at);
  if (before > 0) {
    return Status::InvalidArgument("registered before 1 July 2026 while other members were registered after it: the "
                                   "family procedures of Regulation (EU) No 604/2013 (Art. 11) and Regulation (EU) "
                                   "2024/1351 (Art. 28) each concern applications determined together under one "
                                   "Regulation; decide the members' cases alone",
                                   "members[" + std::to_string(*first_before) + "].registered_on");
  }
  FamilyDecision out;
  std::vector<std::unique_ptr<Decider>> deciders;
  std::vector<ResponsibilityDecision> own;
  std::vector<std::string> designated, criteria;
  for (size_t i = 0; i < members.size(); ++i) {
    deciders.push_back(std::make_unique<Decider>(members[i], data, at.value_or(members[i].decision_date)));
    auto d = deciders.back()->Run();
    if (!d.ok()) return d.status().WithFieldPrefix("members[" + std::to_string(i) + "]");
    const auto& mine = deciders.back()->designation();
    designated.push_back(mine ? mine->member_state : "");
    criteria.push_back(mine ? mine->criterion : d->criterion);
    own.push_back(std::move(*d));
  }
  OP_ASSIGN_OR_RETURN(std::vector<size_t> counted,
                      ChooseFamilyMemberState(members, designated, criteria, Basis("Art. 28"), data.countries, &out));
  out.members = own;
  if (!out.applies || out.responsible_member_state.empty()) return out;
  // Each member follows: its own criterion where it already designates that Member State, else
  // the family procedure; the take charge time limits are each member's own.
  for (size_t i : counted) {
    const Designated& mine = *deciders[i]->designation();
    Designated d = mine;
    if (mine.member_state != out.responsible_member_state) {
      d = Designated{out.responsible_member_state, "family_procedure", out.legal_basis, std::nullopt, ""};
    }
    Decider again(members[i], data, at.value_or(members[i].decision_date));
    OP_ASSIGN_OR_RETURN(out.members[i], again.RunWithFamilyDesignation(d, own[i], out.reason));
  }
  FlagRegisteredOnDifferentDays(members, "Art. 28", &out);
  return out;
}

namespace {

void CodeOrNull(JsonWriter& w, std::string_view key, const std::string& v) {
  w.Key(key);
  if (v.empty()) {
    w.Null();
  } else {
    w.String(v);
  }
}

void WriteDecision(JsonWriter& w, const ResponsibilityDecision& d) {
  auto code_or_null = [&](std::string_view key, const std::string& v) { CodeOrNull(w, key, v); };
  w.BeginObject();
  code_or_null("responsible_member_state", d.responsible_member_state);
  w.Field("criterion", d.criterion).Field("legal_basis", d.legal_basis).Field("procedure", d.procedure);
  code_or_null("requested_member_state", d.requested_member_state);
  w.Key("considered").BeginArray();
  for (const Consideration& c : d.considered) {
    w.BeginObject().Field("criterion", c.criterion).Field("legal_basis", c.legal_basis).Key("applies").Bool(c.applies);
    code_or_null("member_state", c.member_state);
    w.Field("reason", c.reason).EndObject();
  }
  w.EndArray();
  WriteDeadlines(w, d.deadlines);
  WriteFlags(w, d.flags);
  w.Key("not_assessed").BeginArray();
  for (const std::string& s : d.not_assessed) w.String(s);
  w.EndArray();
  w.Field("regime", d.regime).Field("policy_version", d.policy_version);
  w.Field("decision_date", d.decision_date.ToString()).Field("member_state", d.member_state);
  w.EndObject();
}

}  // namespace

std::string ResponsibilityDecisionToJson(const ResponsibilityDecision& d, int indent) {
  JsonWriter w(indent);
  WriteDecision(w, d);
  return w.Take();
}

std::string ResponsibilityDecisionForRecordToJson(const ResponsibilityCase& c, const ResponsibilityDecision& d,
                                                  const std::string& record_id) {
  auto out = nlohmann::ordered_json::parse(ResponsibilityDecisionToJson(d));
  const auto flagged = [&d](const char* code) {
    return std::any_of(d.flags.begin(), d.flags.end(), [code](const Flag& f) { return f.code == code; });
  };
  const bool here = d.procedure == "none" && !d.responsible_member_state.empty();
  const bool accepted = d.procedure == "take_charge" && (c.accepted_on.has_value() || flagged("tacit_acceptance"));
  nlohmann::ordered_json update = {{"record_id", record_id},
                                   {"legal_basis", "Regulation (EU) 2024/1358, Art. 16(1)"}};
  if (here || accepted) {
    update["status"] = {{"ms_responsible", d.responsible_member_state}};
    update["note"] = "the Member State responsible is determined: the determining Member State adds it to the "
                     "applicant's dataset (registry update); the Member States whose data it hit are told (Art. 16(4))";
  } else if (d.procedure == "take_back") {
    const bool dublin3 = d.regime.rfind("Regulation (EU) No 604/2013", 0) == 0;
    update["note"] = std::string("a take back: the Member State responsible was determined before and is recorded on "
                                 "the earlier data (or is being determined there, ") +
                     (dublin3 ? "Regulation (EU) No 604/2013, Art. 20(5)" : "AMMR Art. 38(4)") +
                     "); nothing to add to this dataset now";
  } else if (d.procedure == "take_charge") {
    update["note"] = "not determined yet: the take charge request awaits the requested Member State's acceptance (AMMR "
                     "Art. 40); add the Member State responsible once it accepts";
  } else {
    update["note"] = "not determined: no single Member State is designated";
  }
  out["eurodac_update"] = update;
  return out.dump(2);
}

std::string FamilyDecisionToJson(const FamilyDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject().Key("family_procedure").Bool(d.applies);
  CodeOrNull(w, "responsible_member_state", d.responsible_member_state);
  w.Field("legal_basis", d.legal_basis).Field("reason", d.reason);
  w.Key("designations").BeginArray();
  for (const auto& x : d.designations) {
    w.BeginObject().Key("member").Int(static_cast<int64_t>(x.member));
    CodeOrNull(w, "member_state", x.member_state);
    w.Field("criterion", x.criterion).EndObject();
  }
  w.EndArray();
  WriteFlags(w, d.flags);
  w.Key("members").BeginArray();
  for (const ResponsibilityDecision& m : d.members) WriteDecision(w, m);
  w.EndArray().EndObject();
  return w.Take();
}

}  // namespace openpact::rules
