// Internal to the responsibility decision (not a public header of the rules module): what the
// AMMR's decider (responsibility.cc) and Dublin III's (responsibility_dublin3.cc) do alike while
// they build an answer: the criteria considered and the flags raised, in the answer's words, and
// one criterion's candidate Member States settled.
#pragma once

#include <algorithm>
#include <set>
#include <string>

#include "rules/responsibility.h"
#include "rules/responsibility_documents.h"

namespace openpact::rules {

class DeciderBase {
 protected:
  DeciderBase(const ResponsibilityCase& c, const RulesData& data, Date at)
      : c_(c), data_(data), policy_(data.policy), at_(at) {}

  std::string Name(const std::string& code) const { return data_.countries.NameOf(code); }
  void AddFlag(const std::string& code, const std::string& message) { out_.flags.push_back({code, message}); }
  void Consider(const std::string& criterion, const std::string& legal_basis, bool applies,
                const std::string& member_state, const std::string& reason) {
    out_.considered.push_back({criterion, legal_basis, applies, member_state, reason});
  }

  // Whether the case says a transfer to `ms` is impossible (a real risk of treatment contrary to
  // Art. 4 of the Charter: AMMR Art. 16(3); Dublin III Art. 3(2), second subparagraph); never the
  // deciding State itself.
  bool TransferImpossible(const std::string& ms) const {
    return ms != c_.member_state && std::find(c_.transfer_impossible_to.begin(), c_.transfer_impossible_to.end(),
                                              ms) != c_.transfer_impossible_to.end();
  }

  // The AMMR's Art. 45(1) for a detained person (`detained_on` given): the request or notification
  // within two weeks of the registration, or, for a person detained after it, within a week of the
  // detention (second subparagraph): the policy parameter and the day it counts from.
  struct DetainedRequestStart {
    const char* param;
    Date from;
  };
  DetainedRequestStart DetainedRequestLimit() const {
    if (c_.registered_on < *c_.detained_on) return {"ammr.detained_request_after_detention", *c_.detained_on};
    return {"ammr.detained_request", c_.registered_on};
  }

  // The AMMR's Art. 36(2) and Dublin III's Art. 20(3): a minor accompanying a family member
  // (`accompanies`) is not separated from them, and the Member State responsible for the family
  // member's application takes the minor in charge or back with them, even if the minor has not
  // applied; a child born after the arrival the same, with no new take charge procedure. The AMMR
  // applies it unless shown against the child's best interests; Dublin III "provided that it is in
  // the best interests of the minor" (`best_interests_required`: not assessed is flagged). The
  // family must meet the act's definition of a family member (formed before arrival, AMMR Art.
  // 2(8); in the country of origin, Dublin III Art. 2(g): `origin_required`). Returns the Member
  // State the minor follows (considered as applying), or "" where the rule does not apply.
  std::string AccompanyingMinor(const std::string& legal_basis, bool best_interests_required, bool origin_required) {
    if (!c_.accompanies) return "";
    const ResponsibilityCase::Accompanies& a = *c_.accompanies;
    const std::string& ms = a.member_state_responsible;
    const std::string who = "the minor accompanies a family member (as " +
                            std::string(a.relation == "child" ? "their child" : "their " + a.relation) +
                            ") for whose application " + Name(ms) + " is responsible";
    std::string why_not;
    if (!a.born_after_arrival && origin_required && !a.family_existed_in_country_of_origin) {
      why_not = "the family must have existed in the country of origin to meet the definition of a family member";
    } else if (!a.born_after_arrival && !a.family_existed_before_arrival) {
      why_not = "the family must have existed before the arrival to meet the definition of a family member";
    } else if (a.best_interests == "against") {
      why_not = "following the family member is shown to be against the child's best interests";
    }
    if (!why_not.empty()) {
      Consider("accompanying_minor", legal_basis, false, ms, who + ": " + why_not + "; the criteria apply");
      return "";
    }
    Consider("accompanying_minor", legal_basis, true, ms,
             who + (a.born_after_arrival ? " (a child born after the arrival)" : "") +
                 ": the minor's situation is not separated from theirs");
    if (best_interests_required && a.best_interests.empty()) {
      AddFlag("best_interests_assessment", legal_basis + " applies provided that it is in the child's best "
                                                         "interests: not assessed in the case (accompanies.best_interests)");
    }
    if (ms != c_.member_state) {
      AddFlag("follows_family_member",
              "the minor is taken in charge or back by " + Name(ms) + " with the family member, in the procedure that "
              "concerns them" +
                  std::string(a.born_after_arrival ? ", with no new take charge procedure for a child born after the "
                                                     "arrival"
                                                   : "") +
                  ": no time limits of the minor's own are computed");
    }
    return ms;
  }

  // A detention's grounds and safeguards (the AMMR's Art. 44(1)-(2), (5); Dublin III's Art.
  // 28(1)-(2)): no one detained for the sole reason of the procedure; detention secures the
  // transfer on the grounds the act names (`allowed`), on a case-by-case assessment, proportionate
  // and only where less coercive alternatives cannot be applied effectively; ordered by an
  // administrative authority, reviewed speedily by a court where the act says so (`review`, "" for
  // none). What the case does not establish is flagged, as the Return Directive's Art. 15(1)-(2) is
  // in the return decision. Nothing once the person is transferred.
  void FlagDetentionSafeguards(const std::string& article, const std::string& allowed, const std::string& review) {
    if (!c_.detained_on || c_.transferred_on) return;
    if (!c_.detention || c_.detention->ground.empty()) {
      AddFlag("detention_ground_not_stated",
              "the case states no ground for the detention: " + article + " allows it to secure the transfer " +
                  allowed + ", never for the sole reason that the person is in this procedure (detention.ground)");
    }
    const ResponsibilityCase::Detention none;
    const ResponsibilityCase::Detention& det = c_.detention ? *c_.detention : none;
    if (!det.individual_assessment) {
      AddFlag("individual_assessment_not_established",
              "the case does not establish the case-by-case assessment of the person's situation that " + article +
                  " requires (detention.individual_assessment)");
    }
    if (!det.less_coercive_measures_insufficient) {
      AddFlag("less_coercive_measures_not_established",
              "the case does not establish that less coercive alternative measures cannot be applied effectively, "
              "which " + article + " requires, nor so the detention's proportionality "
              "(detention.less_coercive_measures_insufficient)");
    }
    if (!review.empty() && det.ordered_by == "administrative" && !det.judicial_review_on) {
      AddFlag("judicial_review_required",
              "detention ordered by an administrative authority: its lawfulness is reviewed speedily by a court, ex "
              "officio, on the applicant's request, or both (" + review + "); no review is given");
    }
  }

  // What the answer says of an appeal against the transfer decision (TransferPeriodFrom):
  // `transfer_suspended` while a suspension awaits the court or was granted, or
  // `transfer_decision_annulled` (with Art. 46(3)'s taking back of a person already transferred).
  void FlagTransferAppeal(const TransferPeriodStart& start, const std::string& responsible) {
    using State = TransferPeriodStart::State;
    if (!c_.transfer_appeal) return;
    const ResponsibilityCase::TransferAppeal& a = *c_.transfer_appeal;
    switch (start.state) {
      case State::kSuspensionPending:
        AddFlag("transfer_suspended", "a request of " + a.suspension_requested_on->ToString() +
                                          " to suspend the transfer awaits the court's decision: the transfer does "
                                          "not take place until then (Art. 43(3); Dublin III Art. 27(3))");
        break;
      case State::kSuspended:
        AddFlag("transfer_suspended", "the court granted suspensive effect on " + a.suspension_decided_on->ToString() +
                                          ": the transfer waits for the final decision on the appeal, from which its "
                                          "time limit runs (Art. 46(1); Dublin III Art. 29(1)); none runs now");
        break;
      case State::kAnnulled:
        AddFlag("transfer_decision_annulled",
                "the appeal annulled the transfer decision on " + a.final_decision_on->ToString() + ": no transfer to " +
                    Name(responsible) + " is timed here; a caseworker decides what follows" +
                    (c_.transferred_on ? "; the person, transferred on " + c_.transferred_on->ToString() +
                                             ", is taken back by " + Name(c_.member_state) + " at once (Art. 46(3))"
                                       : std::string()));
        break;
      default:
        break;
    }
  }

  // The transfer period from the acceptance passed while the court has not decided on suspending the
  // transfer: responsibility is not moved.
  void FlagTransferPeriodQuestion() {
    AddFlag("transfer_period_question",
            "the transfer period from the acceptance has passed while the court has not decided on the request to "
            "suspend the transfer, which the transfer awaits (Art. 43(3)): whether that wait is suspensive effect "
            "from whose end Art. 46(1) counts anew the text does not settle; responsibility is not moved here: refer "
            "the case for legal review");
  }

  // One criterion's candidate Member States: those a transfer to is impossible are considered and
  // passed over (`passed_over` ends their reason: why, and the article), and the
  // examination of the criteria goes on where none is left (returns false). Several left is a
  // choice the engine does not make: listed, flagged `several_member_states` (`several_rule` says
  // what decides among them) and the answer left undetermined (returns true, `one` empty). One left
  // is considered as applying and returned in `one` (returns true); the caller concludes.
  bool SettleCandidates(const std::string& criterion, const std::string& legal_basis, std::set<std::string> candidates,
                           const std::string& reason, const std::string& several_rule,
                           const std::string& passed_over, std::string* one) {
    for (auto it = candidates.begin(); it != candidates.end();) {
      if (!TransferImpossible(*it)) {
        ++it;
        continue;
      }
      Consider(criterion, legal_basis, true, *it, Name(*it) + ": " + reason + passed_over);
      it = candidates.erase(it);
    }
    if (candidates.empty()) return false;
    if (candidates.size() > 1) {
      std::string list;
      for (const std::string& ms : candidates) list += (list.empty() ? "" : ", ") + ms;
      Consider(criterion, legal_basis, true, "", reason + " points to several Member States (" + list + ")");
      AddFlag("several_member_states", several_rule + " Candidates: " + list + ".");
      out_.criterion = criterion;
      out_.legal_basis = legal_basis;
      out_.procedure = "undetermined";
      return true;
    }
    *one = *candidates.begin();
    Consider(criterion, legal_basis, true, *one, Name(*one) + ": " + reason);
    return true;
  }

  const ResponsibilityCase& c_;
  const RulesData& data_;
  const Policy& policy_;
  const Date at_;
  ResponsibilityDecision out_;
};

}  // namespace openpact::rules
