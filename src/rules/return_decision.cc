// The return decision and what follows it under Directive 2008/115/EC (return_decision.h),
// organised as the Directive is: scope (Art. 2(2)(a); the return border procedure first), the
// return decision (Art. 6), voluntary departure (Art. 7), removal (Arts. 8-9), the entry ban
// (Art. 11), detention (Arts. 15, 17).
#include "rules/return_decision.h"

#include <string>
#include <vector>

#include "core/json_writer.h"

namespace openpact::rules {
namespace {

constexpr const char* kDirective = "Directive 2008/115/EC";

std::string Rd(const std::string& article) { return std::string(kDirective) + ", Art. " + article; }

class ReturnDecider : RecordDecider<ReturnDecision> {
 public:
  ReturnDecider(const ReturnCase& c, const RulesData& data, Date at) : RecordDecider(data, c.member_state, at), c_(c) {}

  Result<ReturnDecision> Run() {
    OP_ASSIGN_OR_RETURN(auto participation,
                        CheckBoundByAct(data_, c_.member_state, "bound_by_return_directive", kDirective, at_));
    if (participation) AddFlag(std::move(participation->code), std::move(participation->message));
    AddFlag("text_not_in_law_it",
            "Directive 2008/115/EC is not among the official texts in shared/spec/law-it: these rules follow "
            "shared/spec/rules.md §5.1 and archived copies (docs/rules.md); check them against the Official Journal "
            "before relying on the answer");
    out_.not_assessed = {
        Rd("5") + ": the best interests of the child, family life, the state of health and non-refoulement, weighed in "
                  "each decision",
        Rd("13") + ": the remedies against decisions related to return, and whether the form of Art. 12 was kept",
        Rd("15(1)-(3)") + ": whether the facts stated for detention hold (the risk of absconding is defined by "
                          "national law on objective criteria, Art. 3(7)), and the review of detention at reasonable "
                          "intervals"};
    if (!ReturnDecisionRequired()) {
      out_.voluntary_departure = out_.entry_ban = out_.removal = "not_applicable";
      return std::move(out_);
    }
    OP_RETURN_IF_ERROR(VoluntaryDeparture());
    OP_RETURN_IF_ERROR(EntryBan());
    Removal();
    OP_RETURN_IF_ERROR(Detention());
    SafeguardsPendingReturn();
    return std::move(out_);
  }

 private:
  // ---- Scope and Art. 6: who receives a return decision. ----
  bool ReturnDecisionRequired() {
    if (c_.rejected_in_border_procedure) {
      out_.return_decision = "return_border_procedure_first";
      AddGround("RBPR-4", "Regulation (EU) 2024/1349, Art. 4(1)",
                "The application was rejected in the asylum border procedure: the return border procedure applies "
                "first (decide return-border), and the Directive's procedures continue after it (Art. 4(4)).",
                "return_border_procedure_first", {"rejected_in_border_procedure"});
      return false;
    }
    if (c_.refused_entry_at_border) {
      out_.return_decision = "directive_not_applied";
      AddGround("RD-2(2)(a)", Rd("2(2)(a)"),
                Name(c_.member_state) + " does not apply the Directive to persons refused entry at the external border "
                "or apprehended crossing it irregularly; it still guarantees the treatment and protection of Art. "
                "4(4) (limits on coercion, postponement of removal, health care, the needs of vulnerable persons, "
                "detention conditions).",
                "directive_not_applied", {"refused_entry_at_border"});
      return false;
    }
    if (!c_.residence_permit_of.empty()) {
      out_.return_decision = "go_to_other_member_state";
      AddGround("RD-6(2)", Rd("6(2)"),
                "The person holds a valid residence permit of " + Name(c_.residence_permit_of) +
                    ": required to go there immediately; a return decision follows only if the person does not "
                    "comply, or if public policy or national security requires immediate departure.",
                "go_to_other_member_state", {"residence_permit_of"});
      return false;
    }
    if (c_.humanitarian_permit || c_.permit_renewal_pending) {
      out_.return_decision = "may_refrain";
      const std::string art = c_.humanitarian_permit ? "6(4)" : "6(5)";
      AddGround("RD-" + art, Rd(art),
                c_.humanitarian_permit
                    ? "An autonomous residence permit for compassionate, humanitarian or other reasons was granted: no "
                      "return decision (or the one issued is withdrawn or suspended)."
                    : "A procedure to renew the person's residence permit is pending: the Member State may refrain from "
                      "issuing a return decision until it ends.",
                "may_refrain", {c_.humanitarian_permit ? "humanitarian_permit" : "permit_renewal_pending"});
      return false;
    }
    out_.return_decision = "required";
    AddGround("RD-6(1)", Rd("6(1)"),
              "Staying illegally since " + c_.illegal_stay_since.ToString() +
                  ": the Member State issues a return decision, without prejudice to the exceptions of Art. 6(2)-(5).",
              "return_decision_required", {"illegal_stay_since"});
    AsylumRejection();
    // Art. 12 (read in the RO and BG texts): the form of the decisions related to return.
    AddGround("RD-12", Rd("12(1)-(3)"),
              "The return decision, and any entry ban or removal decision, is issued in writing with its reasons in "
              "fact and in law and information on the legal remedies available (the reasons in fact may be limited "
              "where national law limits the right to information, for national security, defence, public security or "
              "criminal proceedings); on request, its main elements are translated, in writing or orally, into a "
              "language the person understands or may reasonably be presumed to understand (12(2)). For a person who "
              "entered illegally and has since obtained no permit or right to stay, a Member State may use a standard "
              "form instead, with information sheets in at least five of the languages most used by such migrants "
              "(12(3)).",
              "form_of_decisions", {"illegal_stay_since"});
    return UnaccompaniedMinor();
  }

  // ---- Art. 10, read with Arts. 5(a), 6(1) and 8(1) as the Court of Justice read them in C-441/19
  // (TQ, 14 January 2021). Before a return decision is issued to an unaccompanied minor: assistance
  // by bodies other than those enforcing return (10(1)), a general and in-depth assessment of the
  // minor's situation with due account of the best interests of the child, and the Member State
  // satisfied that adequate reception is available in the State of return (TQ, point 1 of the
  // ruling): where none is, no return decision may be issued. Before removal the authorities are
  // satisfied that the minor will be returned to a family member, a nominated guardian or adequate
  // reception facilities (10(2), Removal below). Returns whether a return decision may be issued. ----
  bool UnaccompaniedMinor() {
    if (!c_.person.unaccompanied_minor) return true;
    if (c_.person.date_of_birth && !MinorOn(c_.person.date_of_birth, at_)) {
      AddFlag("no_longer_a_minor", "the person is recorded as an unaccompanied minor but is eighteen or older on " +
                                       at_.ToString() + " (person.date_of_birth): Art. 10 no longer applies");
      return true;
    }
    uam_ = true;
    const auto& u = c_.unaccompanied_minor_return;
    const std::string tq = Rd("6(1), 5(a), 10") + "; CJEU C-441/19 (TQ)";
    if (!c_.return_decision_notified_on && u.reception_in_return_state == "not_available") {
      out_.return_decision = "barred_no_adequate_reception";
      AddGround("RD-10", tq,
                "No adequate reception is available for the unaccompanied minor in the State of return: no return "
                "decision may be issued (C-441/19, point 1 of the ruling; nor may minors be told apart by age alone "
                "for this check, point 2). The Member State may grant an autonomous residence permit (Art. 6(4)).",
                "return_decision_barred", {"unaccompanied_minor_return.reception_in_return_state"});
      return false;
    }
    AddGround("RD-10", tq,
              "An unaccompanied minor: before the return decision, assistance by appropriate bodies other than the "
              "authorities enforcing return (Art. 10(1)), a general and in-depth assessment of the minor's situation "
              "with due account of the best interests of the child, and the Member State satisfied that adequate "
              "reception is available in the State of return (C-441/19); before removal, that the minor will be "
              "returned to a family member, a nominated guardian or adequate reception facilities (Art. 10(2)).",
              "unaccompanied_minor_safeguards", {"person.unaccompanied_minor"});
    if (!u.assisted_by_other_bodies) {
      AddFlag("uam_assistance_not_established",
              "the case does not establish that the minor was assisted by appropriate bodies other than the "
              "authorities enforcing return before the return decision (Art. 10(1): "
              "unaccompanied_minor_return.assisted_by_other_bodies)");
    }
    if (!u.best_interests_assessed) {
      AddFlag("best_interests_assessment_not_established",
              "the case does not establish the general and in-depth assessment of the minor's situation, with due "
              "account of the best interests of the child, that precedes a return decision (Art. 5(a); C-441/19: "
              "unaccompanied_minor_return.best_interests_assessed)");
    }
    if (u.reception_in_return_state.empty()) {
      AddFlag("uam_reception_not_established",
              "the case does not say who receives the minor in the State of return: the Member State must be "
              "satisfied that adequate reception is available before issuing the return decision (C-441/19) and "
              "again before removal (Art. 10(2): unaccompanied_minor_return.reception_in_return_state)");
    }
    return true;
  }

  // APR Art. 37 (checked in the Italian text): the rejection of an application for international
  // protection comes with a return decision, within the rejection or as a separate act issued with
  // it or without undue delay after it; not needed where one was issued before the application.
  void AsylumRejection() {
    const auto& r = c_.asylum_rejection;
    if (!r.present) return;
    if (r.return_decision_before_application) {
      AddGround("APR-37", "Regulation (EU) 2024/1348, Art. 37",
                "The application was rejected (" + r.ground + ") on " + r.decided_on.ToString() +
                    ", and a return decision issued before the application was made stands: no new one is needed.",
                "earlier_return_decision_stands", {"asylum_rejection.return_decision_before_application"});
      return;
    }
    AddGround("APR-37", "Regulation (EU) 2024/1348, Art. 37",
              "The application was rejected (" + r.ground + ") on " + r.decided_on.ToString() +
                  ": the return decision is issued within that decision, or as a separate act at the same time or "
                  "without undue delay after it, in line with Directive 2008/115/EC and non-refoulement.",
              "return_decision_with_rejection", {"asylum_rejection"});
    if (!c_.return_decision_notified_on) {
      AddFlag("return_decision_due_with_rejection",
              "the application was rejected on " + r.decided_on.ToString() +
                  " and no return decision is given: APR Art. 37 has it issued with the rejection or without undue "
                  "delay after it");
    }
  }

  // ---- Art. 7: between seven and thirty days, extended where the circumstances need it; none, or
  // less than seven days, where a ground of Art. 7(4) applies. ----
  Status VoluntaryDeparture() {
    const auto& v = c_.voluntary_departure;
    std::vector<std::string> reasons, evidence;
    if (v.risk_of_absconding) {
      reasons.push_back("a risk of absconding");
      evidence.push_back("voluntary_departure.risk_of_absconding");
    }
    if (v.manifestly_unfounded_or_fraudulent) {
      reasons.push_back("an application for legal stay dismissed as manifestly unfounded or fraudulent");
      evidence.push_back("voluntary_departure.manifestly_unfounded_or_fraudulent");
    }
    if (v.public_policy_risk) {
      reasons.push_back("a risk to public policy, public security or national security");
      evidence.push_back("voluntary_departure.public_policy_risk");
    }
    std::string listed;
    for (const std::string& r : reasons) listed += (listed.empty() ? "" : "; ") + r;
    refusable_ = !reasons.empty();
    if (!c_.return_decision_notified_on) {
      out_.voluntary_departure = "not_yet";
      OP_ASSIGN_OR_RETURN(Period min, policy_.PeriodAt("rd.voluntary_departure_min", at_));
      OP_ASSIGN_OR_RETURN(Period max, policy_.PeriodAt("rd.voluntary_departure_max", at_));
      AddGround("RD-7(1)", Rd(refusable_ ? "7(1), (4)" : "7(1)"),
                refusable_ ? "The return decision may grant no period for voluntary departure, or one shorter than " +
                                 min.ToString() + ", because of " + listed + "."
                           : "The return decision grants a period for voluntary departure of " + min.ToString() +
                                 " to " + max.ToString() + " (the Member State may provide that it is granted only on "
                                 "the person's application).",
                "voluntary_departure_to_grant", evidence);
      return Status::OK();
    }
    if (!v.granted_days) {
      return Status::InvalidArgument("is required once the return decision is notified: the period for voluntary "
                                     "departure it granted (0 for none; Directive 2008/115/EC, Art. 7)",
                                     "voluntary_departure.granted_days");
    }
    const Parameter* min_row = nullptr;  // for its legal basis
    OP_ASSIGN_OR_RETURN(Period min, policy_.PeriodAt("rd.voluntary_departure_min", at_, &min_row));
    const int days = *v.granted_days;
    if (days == 0) {
      out_.voluntary_departure = refusable_ ? "may_refuse" : "required_not_granted";
      if (refusable_) {
        AddGround("RD-7(4)", Rd("7(4)"), "No period for voluntary departure, as Art. 7(4) allows: " + listed + ".",
                  "voluntary_departure_refused", evidence);
      } else {
        AddGround("RD-7(1)", min_row->legal_basis,
                  "No period for voluntary departure was granted and no ground of Art. 7(4) is stated: the return "
                  "decision must grant " + min.ToString() + " at least.",
                  "voluntary_departure_required");
        AddFlag("voluntary_departure_required",
                "the return decision granted no period for voluntary departure, which Art. 7(1) requires unless a "
                "ground of Art. 7(4) applies (none is stated)");
      }
      departure_over_ = true;
      return Status::OK();
    }
    if (days < min.amount && !refusable_) {
      AddFlag("voluntary_departure_below_minimum",
              "a period of " + std::to_string(days) + " days is shorter than the " + min.ToString() +
                  " of Art. 7(1); only a ground of Art. 7(4) allows it, and none is stated");
    }
    const int total = days + v.extended_days;
    OP_ASSIGN_OR_RETURN(Deadline d, DeadlineForPeriod(data_, ComputationRule::kReg1182_71, "voluntary_departure",
                                                      Period{total, PeriodUnit::kDays},
                                                      Rd(v.extended_days > 0 ? "7(1)-(2)" : "7(1)"),
                                                      *c_.return_decision_notified_on, c_.member_state, at_,
                                                      v.departed_on,
                                                      "the person leaves within the period granted (" +
                                                          std::to_string(days) + " days" +
                                                          (v.extended_days > 0 ? ", extended by " +
                                                                                     std::to_string(v.extended_days)
                                                                               : std::string()) +
                                                          "), counted from the notification"));
    d.legal_basis += "; computed under " + std::string(ComputationRuleCitation(ComputationRule::kReg1182_71)) +
                     " (the Directive sets no rule; national law may count otherwise)";
    const std::string state = d.state;
    out_.deadlines.push_back(std::move(d));
    if (state == "met") {
      out_.voluntary_departure = "complied";
      complied_ = true;
    } else if (state == "running") {
      out_.voluntary_departure = "granted";
    } else {
      out_.voluntary_departure = "expired";
      departure_over_ = true;
    }
    AddGround("RD-7(1)", Rd(v.extended_days > 0 ? "7(1)-(2)" : "7(1)"),
              "A period for voluntary departure of " + std::to_string(total) + " days was granted; during it "
              "obligations to avoid absconding may be imposed (Art. 7(3)).",
              "voluntary_departure_granted", {"voluntary_departure.granted_days"});
    return Status::OK();
  }

  // ---- Art. 11: mandatory where no period for voluntary departure was granted or the obligation
  // to return was not complied with; otherwise optional; five years at most unless the person is a
  // serious threat. ----
  Status EntryBan() {
    if (TraffickingVictimExcluded()) return Status::OK();
    if (complied_) {
      out_.entry_ban = "optional";
      AddGround("RD-11(1)", Rd("11(1), (3)"),
                "The person left within the period for voluntary departure: an entry ban is optional, and one issued "
                "may be withdrawn or suspended (Art. 11(3)).",
                "entry_ban_optional");
    } else if (departure_over_) {
      out_.entry_ban = "mandatory";
      AddGround("RD-11(1)", Rd(out_.voluntary_departure == "expired" ? "11(1)(b)" : "11(1)(a)"),
                out_.voluntary_departure == "expired"
                    ? "The obligation to return was not complied with within the period: the return decision is "
                      "accompanied by an entry ban."
                    : "No period for voluntary departure was granted: the return decision is accompanied by an entry ban.",
                "entry_ban_mandatory");
      if (!c_.entry_ban.present) {
        AddFlag("entry_ban_required", "an entry ban must accompany the return decision (Art. 11(1)); the case gives none "
                                      "(the Member State may refrain in individual cases for humanitarian reasons)");
      }
    } else {
      out_.entry_ban = out_.voluntary_departure == "not_yet" ? "not_yet" : "optional";
      AddGround("RD-11(1)", Rd("11(1)"),
                out_.entry_ban == "not_yet"
                    ? "Whether an entry ban is mandatory depends on the period for voluntary departure and on "
                      "compliance with it (Art. 11(1)(a)-(b)); in other cases it is optional."
                    : "The period for voluntary departure runs: an entry ban is optional; it becomes mandatory if the "
                      "person does not leave within it.",
                "entry_ban_" + out_.entry_ban);
    }
    if (c_.entry_ban.present) {
      // A policy gap is refused, never guessed.
      OP_ASSIGN_OR_RETURN(Period max, policy_.PeriodAt("rd.entry_ban_max", at_));
      if (max.unit != PeriodUnit::kYears) {
        return Status::FailedPrecondition("policy: rd.entry_ban_max must be a number of years (entry bans are given "
                                          "in years), not " + max.ToString());
      }
      const int limit = max.amount;
      if (c_.entry_ban.years > limit && !c_.entry_ban.serious_threat) {
        AddFlag("entry_ban_above_maximum",
                "an entry ban of " + std::to_string(c_.entry_ban.years) + " years exceeds the " +
                    std::to_string(limit) + " years Art. 11(2) allows in principle; only a serious threat to public "
                    "policy, public security or national security allows more, and none is stated");
      }
    }
    return Status::OK();
  }

  // Art. 11(3), second subparagraph (read in the RO and ES texts): a victim of trafficking in human
  // beings granted a residence permit under Directive 2004/81/EC is not subject to an entry ban,
  // without prejudice to 11(1)(b) (the obligation to return not complied with) and provided the
  // person is no threat to public policy, public security or national security. Returns whether
  // it applies.
  bool TraffickingVictimExcluded() {
    if (!c_.trafficking_victim_permit) return false;
    const bool threat = c_.voluntary_departure.public_policy_risk || c_.entry_ban.serious_threat;
    const bool not_complied = out_.voluntary_departure == "expired";
    if (threat || not_complied) {
      AddGround("RD-11(3)", Rd("11(3), second subparagraph"),
                std::string("A victim of trafficking granted a residence permit under Directive 2004/81/EC is spared "
                            "an entry ban, but not here: ") +
                    (not_complied ? "the obligation to return was not complied with (Art. 11(1)(b))"
                                  : "the person is stated to be a threat to public policy, public security or national "
                                    "security") +
                    ".",
                "entry_ban_not_excluded", {"trafficking_victim_permit"});
      return false;
    }
    out_.entry_ban = "excluded";
    AddGround("RD-11(3)", Rd("11(3), second subparagraph"),
              "A victim of trafficking in human beings granted a residence permit under Directive 2004/81/EC is not "
              "subject to an entry ban" +
                  std::string(out_.voluntary_departure == "granted" || out_.voluntary_departure == "not_yet"
                                  ? " (unless the obligation to return is then not complied with, Art. 11(1)(b))"
                                  : "") +
                  ".",
              "entry_ban_excluded", {"trafficking_victim_permit"});
    if (c_.entry_ban.present) {
      AddFlag("entry_ban_excluded", "the case gives an entry ban of " + std::to_string(c_.entry_ban.years) +
                                        " years, which Art. 11(3), second subparagraph, excludes for a victim of "
                                        "trafficking granted a residence permit under Directive 2004/81/EC");
    }
    return true;
  }

  // ---- Arts. 8-9: removal where no period was granted or it passed; postponed for
  // non-refoulement or a suspensive appeal. ----
  void Removal() {
    if (complied_) {
      out_.removal = "not_applicable";
      return;
    }
    if (!departure_over_) {
      out_.removal = "not_yet";
      return;
    }
    if (c_.non_refoulement || c_.suspensive_effect) {
      out_.removal = "postponed";
      AddGround("RD-9(1)", Rd(c_.non_refoulement ? "9(1)(a)" : "9(1)(b)"),
                std::string(c_.non_refoulement
                                ? "Removal would violate the principle of non-refoulement: it is postponed."
                                : "Suspensive effect was granted on an appeal (Art. 13(2)): removal is postponed.") +
                    " The obligations of Art. 7(3) may be imposed meanwhile (Art. 9(3)).",
                "removal_postponed", {c_.non_refoulement ? "non_refoulement" : "suspensive_effect"});
      return;
    }
    // Art. 9(2) (read in the EN text on legislation.gov.uk, with the BG and DE texts): a postponement
    // the Member State may decide for an appropriate period, in particular for the person's physical
    // state or mental capacity, or for technical reasons.
    if (!c_.removal_postponement.empty()) {
      const bool health = c_.removal_postponement == "physical_or_mental_state";
      out_.removal = "postponed";
      AddGround("RD-9(2)", Rd(health ? "9(2)(a)" : "9(2)(b)"),
                std::string("The Member State postponed removal for an appropriate period, taking into account ") +
                    (health ? "the person's physical state or mental capacity"
                            : "technical reasons (such as a lack of transport capacity, or a removal that failed for "
                              "lack of identification)") +
                    "; the obligations of Art. 7(3) may be imposed meanwhile (Art. 9(3)).",
                "removal_postponed", {"removal_postponement"});
      return;
    }
    if (uam_ && !ReceptionEnsured()) return;
    out_.removal = "may_proceed";
    AddGround("RD-8(1)", Rd("8(1)"),
              "No period for voluntary departure was granted, or the obligation to return was not complied with "
              "within it: the Member State takes all necessary measures to enforce the return decision, with "
              "coercive measures only as a last resort and proportionate (Art. 8(4)).",
              "removal_may_proceed");
  }

  // Art. 10(2): an unaccompanied minor is removed only once the authorities are satisfied that the
  // minor will be returned to a family member, a nominated guardian or adequate reception facilities
  // in the State of return; once they are, removal is not deferred until the minor turns eighteen
  // (Art. 8(1); C-441/19, point 3 of the ruling). Returns whether removal may proceed.
  bool ReceptionEnsured() {
    const std::string& reception = c_.unaccompanied_minor_return.reception_in_return_state;
    const std::vector<std::string> evidence = {"unaccompanied_minor_return.reception_in_return_state"};
    if (reception.empty() || reception == "not_available") {
      out_.removal = "not_yet";
      AddGround("RD-10(2)", Rd("10(2)"),
                std::string("An unaccompanied minor is removed only once the authorities are satisfied that the minor "
                            "will be returned to a family member, a nominated guardian or adequate reception "
                            "facilities in the State of return; ") +
                    (reception.empty() ? "the case does not establish it" : "none is available") +
                    ": the return decision cannot be enforced until then (C-441/19).",
                "removal_waits_for_reception", evidence);
      return false;
    }
    const std::string to = reception == "family_member"       ? "a member of the minor's family"
                           : reception == "nominated_guardian" ? "a nominated guardian"
                                                               : "adequate reception facilities";
    AddGround("RD-10(2)", Rd("8(1), 10(2)") + "; CJEU C-441/19 (TQ)",
              "The minor will be returned to " + to + " in the State of return: removal may proceed, and is not "
              "deferred until the minor turns eighteen (C-441/19, point 3 of the ruling).",
              "removal_reception_ensured", evidence);
    return true;
  }

  // ---- Art. 14 (read in the Directive's text as europeanmigrationlaw.eu and exlege.bg quote it):
  // during the period for voluntary departure and while removal is postponed under Art. 9, except in
  // detention (Arts. 16-17), family unity, emergency health care and essential treatment, minors'
  // basic education and vulnerable persons' special needs are taken into account as far as
  // possible (14(1)); a written confirmation says that the period was extended (7(2)) or that the
  // return decision will temporarily not be enforced (14(2)). ----
  void SafeguardsPendingReturn() {
    const bool in_period = out_.voluntary_departure == "granted";
    const bool postponed = out_.removal == "postponed";
    if (!in_period && !postponed) return;
    if (c_.detention.present && !c_.detention.released_on) return;  // Arts. 16-17 govern detention
    std::string confirmation;
    if (postponed) {
      confirmation = "that the return decision will temporarily not be enforced";
    } else if (c_.voluntary_departure.extended_days > 0) {
      confirmation = "that the period for voluntary departure was extended (Art. 7(2))";
    }
    AddGround("RD-14", Rd(confirmation.empty() ? "14(1)" : "14(1)-(2)"),
              std::string(postponed ? "While removal is postponed (Art. 9)" : "During the period for voluntary departure") +
                  ", as far as possible: family unity with family members present in the territory is maintained, "
                  "emergency health care and essential treatment of illness are provided, minors have access to "
                  "basic education according to the length of their stay, and the special needs of vulnerable "
                  "persons are taken into account (Art. 14(1))." +
                  (confirmation.empty() ? std::string()
                                        : " The person receives a written confirmation " + confirmation + " (Art. 14(2))."),
              "safeguards_pending_return", {postponed ? "removal" : "voluntary_departure.granted_days"});
  }

  // ---- Art. 15(5)-(6): six months, extended by at most twelve where removal takes longer for lack
  // of cooperation or delays in obtaining documents from third countries; Art. 17: minors and
  // families only as a last resort. The maximum is the end of a measure: never moved off a weekend. ----
  Status Detention() {
    const bool minor = c_.person.unaccompanied_minor || c_.person.family_with_minors ||
                       MinorOn(c_.person.date_of_birth, at_);
    if (!c_.detention.present) return Status::OK();
    const auto& det = c_.detention;
    OP_ASSIGN_OR_RETURN(Period base, policy_.PeriodAt("rd.detention_max", at_));
    const bool extended = det.lack_of_cooperation || det.documents_delayed;
    Date until;
    std::string basis;
    if (extended) {
      OP_ASSIGN_OR_RETURN(Period total, ExtendedPeriod(policy_, "rd.detention_max", "rd.detention_extension", at_));
      OP_ASSIGN_OR_RETURN(until, AddCalendarPeriod(det.started_on, total));
      basis = Rd(det.lack_of_cooperation ? "15(6)(a)" : "15(6)(b)");
    } else {
      OP_ASSIGN_OR_RETURN(until, AddCalendarPeriod(det.started_on, base));
      basis = Rd("15(5)");
    }
    out_.detention_until = until;
    Deadline d;
    d.name = "detention_maximum";
    d.date = until;
    d.legal_basis = basis;
    d.from = det.started_on;
    d.period = extended ? "6 months + 12 months" : base.ToString();
    d.note = "detention ends at the latest on this day (the end of a measure: not moved off a weekend or holiday)";
    const bool over = det.released_on || complied_;
    d.state = over ? "met" : (at_ <= until ? "running" : "expired");
    out_.deadlines.push_back(std::move(d));
    AddGround("RD-15", basis,
              "Detention lasts as short a time as possible, only while removal arrangements are in progress with due "
              "diligence and in reasonable prospect (Art. 15(1), (4)), and never beyond " + until.ToString() +
                  (extended ? " (extended because " +
                                  std::string(det.lack_of_cooperation ? "the person does not cooperate"
                                                                      : "documents from third countries are delayed") +
                                  ")"
                            : "") +
                  ".",
              "detention_maximum", {"detention.started_on"});
    if (!over && until < at_) {
      AddFlag("detention_maximum_passed", "detention could last until " + until.ToString() +
                                              " at the latest; the case says it continues (no released_on)");
    }
    if (!over) DetentionSafeguards();
    if (minor) {
      AddFlag("detention_of_minors", "unaccompanied minors and families with minors are detained only as a measure of "
                                     "last resort and for the shortest appropriate period (Directive 2008/115/EC, Art. "
                                     "17(1))");
      if (!over) DetentionOfMinors();
    }
    return Status::OK();
  }

  // Art. 17(2)-(5) (read in the RO, DE and EL texts and an EN quotation): while minors or a family
  // are detained, what the detention must give them; an unaccompanied minor in prison accommodation
  // is flagged (17(4): institutions with personnel and facilities for the minor's age).
  void DetentionOfMinors() {
    AddGround("RD-17", Rd("17(2)-(5)"),
              "While minors or a family are detained: a family has separate accommodation guaranteeing adequate "
              "privacy (Art. 17(2)); minors can engage in leisure activities, including play and recreation suited to "
              "their age, and have access to education according to the length of their stay (17(3)); an "
              "unaccompanied minor is accommodated as far as possible in an institution with personnel and facilities "
              "for persons of that age (17(4)); the best interests of the child are a primary consideration (17(5)).",
              "detention_of_minors_safeguards", {"detention.started_on"});
    if (uam_ && (c_.detention.facility == "prison_separated" || c_.detention.facility == "prison_not_separated")) {
      AddFlag("unaccompanied_minor_in_prison",
              "an unaccompanied minor detained in prison accommodation: Art. 17(4) has the minor accommodated, as far "
              "as possible, in an institution with personnel and facilities that take account of the needs of persons "
              "of that age");
    }
  }

  // Art. 15(1), (2) and (4) while detention lasts. 15(1): only where other sufficient but less
  // coercive measures cannot be applied effectively, to prepare the return or carry out the
  // removal, in particular for a risk of absconding or where the person avoids or hampers it.
  // 15(2): ordered by an administrative authority, its lawfulness is reviewed speedily by a court
  // (ex officio, or on proceedings of which the person is told at once). 15(4): with no reasonable
  // prospect of removal, or the conditions of 15(1) gone, the person is released immediately.
  void DetentionSafeguards() {
    const auto& det = c_.detention;
    if (det.no_reasonable_prospect_of_removal) {
      AddGround("RD-15(4)", Rd("15(4)"),
                "There is no longer a reasonable prospect of removal: detention ceases to be justified and the person "
                "is released immediately.",
                "release_required", {"detention.no_reasonable_prospect_of_removal"});
      AddFlag("release_required", "no reasonable prospect of removal: the person is released immediately (Directive "
                                  "2008/115/EC, Art. 15(4))");
    }
    if (det.ground.empty()) {
      AddFlag("detention_ground_not_stated",
              "the case states no ground for detention: Art. 15(1) allows it to prepare the return or carry out the "
              "removal, in particular for a risk of absconding or where the person avoids or hampers return "
              "(detention.ground)");
    } else if (det.ground == "other") {
      AddFlag("detention_ground_outside_art_15_1",
              "the ground stated is neither a risk of absconding nor the person avoiding or hampering return, the "
              "grounds Art. 15(1) names; any other must serve the preparation of return or the removal: refer it for "
              "legal review");
    }
    if (!det.less_coercive_measures_insufficient) {
      AddFlag("less_coercive_measures_not_established",
              "the case does not establish that other sufficient but less coercive measures (reporting, a financial "
              "guarantee, handing over documents, staying at a place) could not be applied effectively in this case, "
              "which Art. 15(1) requires before detention (detention.less_coercive_measures_insufficient)");
    }
    // Art. 16(1): detention as a rule in specialised facilities; in prison accommodation, where the
    // Member State cannot provide one, separated from ordinary prisoners (the Court: the lack of a
    // specialised facility in one of its regions is no reason, C-473/13 and C-514/13 Bero and
    // Bouzalmate; the separation holds even if the person consents, C-474/13 Pham).
    if (det.facility == "prison_not_separated") {
      AddFlag("detention_with_ordinary_prisoners",
              "detained in prison accommodation with ordinary prisoners: Art. 16(1) requires them kept separated, even "
              "with the person's consent (CJEU C-474/13, Pham)");
    } else if (det.facility == "prison_separated") {
      AddFlag("detention_in_prison",
              "detained in prison accommodation: Art. 16(1) allows it only where the Member State cannot provide a "
              "specialised detention facility, not where one of its regions lacks one (CJEU C-473/13 and C-514/13, "
              "Bero and Bouzalmate); the emergency of Art. 18 is a separate ground");
    }
    if (det.ordered_by == "administrative" && !det.judicial_review_on) {
      AddFlag("judicial_review_required",
              "detention ordered by an administrative authority: its lawfulness is reviewed by a court as speedily as "
              "possible, ex officio from its start or on proceedings of which the person is told at once, and the "
              "person released at once if it is unlawful (Art. 15(2)); no review is given");
    }
  }

  const ReturnCase& c_;
  bool refusable_ = false;       // a ground of Art. 7(4) is stated
  bool departure_over_ = false;  // no period granted, or it passed without departure
  bool complied_ = false;        // left within the period
  bool uam_ = false;             // an unaccompanied minor on the decision day (Art. 10)
};

}  // namespace

Result<ReturnDecision> DecideReturn(const ReturnCase& c, const RulesData& data, std::optional<Date> at) {
  return ReturnDecider(c, data, at.value_or(c.decision_date)).Run();
}

std::string ReturnDecisionToJson(const ReturnDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("return_decision", d.return_decision);
  w.Field("voluntary_departure", d.voluntary_departure);
  w.Field("entry_ban", d.entry_ban);
  w.Field("removal", d.removal);
  WriteDateOrNull(w, "detention_until", d.detention_until);
  WriteDecisionRecord(w, d);
  w.EndObject();
  return w.str();
}

}  // namespace openpact::rules
