// Internal to the responsibility decision (not a public header of the rules module): what the
// AMMR's decider (responsibility.cc) and Dublin III's (responsibility_dublin3.cc) do alike while
// they build an answer: the criteria considered and the flags raised, in the answer's words, and
// one criterion's candidate Member States settled.
#pragma once

#include <algorithm>
#include <set>
#include <string>

#include "rules/responsibility.h"

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

  // One criterion's candidate Member States: those a transfer to is impossible are considered and
  // passed over (`passed_over` ends their reason: why, and the article), and the
  // examination of the criteria goes on where none is left (kNone). Several left is a choice the
  // engine does not make: listed, flagged `several_member_states` (`several_rule` says what
  // decides among them) and the answer left undetermined (kSeveral). One left (kOne) is considered
  // as applying and returned in `one`; the caller concludes.
  enum class Settled { kNone, kSeveral, kOne };
  Settled SettleCandidates(const std::string& criterion, const std::string& legal_basis, std::set<std::string> candidates,
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
    if (candidates.empty()) return Settled::kNone;
    if (candidates.size() > 1) {
      std::string list;
      for (const std::string& ms : candidates) list += (list.empty() ? "" : ", ") + ms;
      Consider(criterion, legal_basis, true, "", reason + " points to several Member States (" + list + ")");
      AddFlag("several_member_states", several_rule + " Candidates: " + list + ".");
      out_.criterion = criterion;
      out_.legal_basis = legal_basis;
      out_.procedure = "undetermined";
      return Settled::kSeveral;
    }
    *one = *candidates.begin();
    Consider(criterion, legal_basis, true, *one, Name(*one) + ": " + reason);
    return Settled::kOne;
  }

  const ResponsibilityCase& c_;
  const RulesData& data_;
  const Policy& policy_;
  const Date at_;
  ResponsibilityDecision out_;
};

}  // namespace openpact::rules
