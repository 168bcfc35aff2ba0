// What the decisions of return_border.h, reception.h and protection_documents.h share: the record
// every answer carries after its own conclusions (grounds, deadlines, flags, what is not assessed,
// the policy version, the day and the Member State), and the steps every decider takes with it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "core/time_limits.h"
#include "rules/procedure.h"  // RulesData, Ground, Deadline, Flag, ComputeDeadline, CheckBoundByAct

namespace openpact {
class JsonWriter;
}

namespace openpact::rules {

struct DecisionRecord {
  std::vector<Ground> grounds;
  std::vector<Deadline> deadlines;
  std::vector<Flag> flags;
  std::vector<std::string> not_assessed;
  std::string policy_version;
  Date decision_date;
  std::string member_state;
};

// Writes the record's members, in the order every such answer has them after its own.
void WriteDecisionRecord(JsonWriter& w, const DecisionRecord& d);
// Writes member `key`: the day, or null when there is none.
void WriteDateOrNull(JsonWriter& w, std::string_view key, const std::optional<Date>& day);

// The base of a decider whose answer `Decision` extends DecisionRecord: it owns the answer being
// built (`out_`) and the steps every one takes with it.
template <typename Decision>
class RecordDecider {
 protected:
  RecordDecider(const RulesData& data, std::string member_state, Date at)
      : data_(data), policy_(data.policy), at_(at) {
    out_.decision_date = at;
    out_.member_state = std::move(member_state);
    out_.policy_version = policy_.version();
  }

  // Every provision applied here is in force (policy rows with another status refuse or flag).
  void AddGround(std::string rule, std::string basis, std::string explanation, std::string effect,
                 std::vector<std::string> evidence = {}) {
    out_.grounds.push_back(Ground{std::move(rule), std::move(basis), std::move(explanation),
                                  PolicyStatusName(PolicyStatus::kInForce), std::move(effect), std::move(evidence)});
  }
  void AddFlag(std::string code, std::string message) { out_.flags.push_back(Flag{std::move(code), std::move(message)}); }
  std::string Name(const std::string& code) const { return data_.countries.NameOf(code); }

  // The time limit `param` from `from`, counted under `rule` with the public holidays of
  // `member_state` (default: the deciding one), its legal basis saying so.
  Result<Deadline> Limit(ComputationRule rule, const std::string& name, std::string_view param, Date from,
                         std::optional<Date> done_on, const std::string& note, std::string_view member_state = {}) {
    OP_ASSIGN_OR_RETURN(Deadline d, ComputeDeadline(data_, rule, name, param, from,
                                                    member_state.empty() ? out_.member_state : member_state, at_,
                                                    done_on, note));
    d.legal_basis += "; computed under " + std::string(ComputationRuleCitation(rule));
    return d;
  }

  // The Member State is bound by `act` (its `setting` row; an unsettled row is flagged), and the
  // act applies on `at_` (the date parameter `application_param`; else refused naming
  // decision_date with `applies_from`, e.g. "it applies from 1 July 2026, Art. 42"). Returns the
  // day it applies from, for the case's own check of when its event happened.
  Result<Date> CheckBoundAndApplying(std::string_view setting, const std::string& act,
                                     std::string_view application_param, const std::string& applies_from) {
    OP_ASSIGN_OR_RETURN(auto participation, CheckBoundByAct(data_, out_.member_state, setting, act, at_));
    if (participation) out_.flags.push_back(std::move(*participation));
    auto from = policy_.DateAt(application_param, at_);
    if (!from.ok()) {
      return Status::InvalidArgument(act + " does not apply on " + at_.ToString() + " (" + applies_from + ")",
                                     "decision_date");
    }
    return *from;
  }

  const RulesData& data_;
  const Policy& policy_;
  const Date at_;
  Decision out_;
};

}  // namespace openpact::rules
