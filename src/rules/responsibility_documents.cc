// The choice among residence documents and visas shared by AMMR Art. 29(1)-(3) and Dublin III
// Art. 12(1)-(3) (responsibility_documents.h).
#include "rules/responsibility_documents.h"

#include <algorithm>
#include <set>
#include <utility>

namespace openpact::rules {
namespace {

// The items whose key is the largest (all of them on a tie).
template <typename Key>
std::vector<HeldDocument> Maximal(const std::vector<HeldDocument>& items, Key key) {
  auto best = key(items.front());
  for (const HeldDocument& x : items) best = std::max(best, key(x));
  std::vector<HeldDocument> out;
  for (const HeldDocument& x : items) {
    if (key(x) == best) out.push_back(x);
  }
  return out;
}

}  // namespace

std::string DesignatedBy(const DocumentFact& d) { return d.on_behalf_of.empty() ? d.issued_by : d.on_behalf_of; }

bool ValidResidenceDocumentOn(const DocumentFact& d, Date on) {
  return d.type == "residence_document" && d.valid_from <= on && on <= d.valid_until &&
         !(d.withdrawn_on && *d.withdrawn_on <= on);
}

bool HoldsValidResidenceDocument(const ResponsibilityCase& c, const std::string& issuer, Date on) {
  return std::any_of(c.documents.begin(), c.documents.end(),
                     [&](const DocumentFact& d) { return d.issued_by == issuer && ValidResidenceDocumentOn(d, on); });
}

std::optional<Absence> AbsenceAfter(const ResponsibilityCase& c, const EurodacHitFact& hit, Date until) {
  const std::optional<Date> left = c.entry.left_eu_since ? c.entry.left_eu_since : hit.left_territory_on;
  if (!left || hit.date > *left) return std::nullopt;
  Date back = until;
  if (c.entry.irregular_entry && c.entry.irregular_entry->date >= *left) {
    back = std::min(back, c.entry.irregular_entry->date);
  }
  if (c.entry.visa_waived_entry && c.entry.visa_waived_entry->date && *c.entry.visa_waived_entry->date >= *left) {
    back = std::min(back, *c.entry.visa_waived_entry->date);
  }
  return Absence{*left, back};
}

Result<DocumentChoice> ChooseDocument(const std::vector<HeldDocument>& held, const std::string& article) {
  DocumentChoice out;
  out.valid = std::any_of(held.begin(), held.end(), [](const HeldDocument& h) { return h.valid; });
  std::vector<HeldDocument> pool;
  for (const HeldDocument& h : held) {
    if (h.valid == out.valid) pool.push_back(h);
  }
  auto is_residence = [](const HeldDocument& h) { return h.document->type == "residence_document"; };
  out.residence_document = std::any_of(pool.begin(), pool.end(), is_residence);
  std::vector<HeldDocument> kind;
  for (const HeldDocument& h : pool) {
    if (is_residence(h) == out.residence_document) kind.push_back(h);
  }
  auto length = [](const HeldDocument& h) { return h.document->valid_until.days() - h.document->valid_from.days(); };
  auto expiry = [](const HeldDocument& h) { return h.document->valid_until.days(); };
  std::set<std::string> states;
  for (const HeldDocument& h : kind) states.insert(DesignatedBy(*h.document));
  if (states.size() == 1) {
    out.best = {kind.front()};
    out.paragraph = out.residence_document                      ? "(1)"
                    : kind.front().document->on_behalf_of.empty() ? "(2)"
                                                                  : "(2), represented Member State";
  } else if (out.residence_document) {
    out.paragraph = "(3)(a)";  // the longest right of residence, then the latest expiry
    out.best = Maximal(kind, [&](const HeldDocument& h) { return std::pair{length(h), expiry(h)}; });
  } else {
    for (const HeldDocument& h : kind) {
      if (h.document->visa_type.empty()) {
        return Status::InvalidArgument(
            "is required to choose among visas of several Member States (" + article + "(3)(b)-(c))",
            "documents[" + std::to_string(h.index) + "].visa_type");
      }
    }
    const bool same_type = std::all_of(kind.begin(), kind.end(), [&](const HeldDocument& h) {
      return h.document->visa_type == kind.front().document->visa_type;
    });
    if (same_type) {
      out.paragraph = "(3)(b)";  // the latest expiry
      out.best = Maximal(kind, [&](const HeldDocument& h) { return std::pair{expiry(h), 0}; });
    } else {
      out.paragraph = "(3)(c)";  // the longest validity, then the latest expiry
      out.best = Maximal(kind, [&](const HeldDocument& h) { return std::pair{length(h), expiry(h)}; });
    }
  }
  if (!out.valid) out.paragraph += ", (4)";
  return out;
}

TacitAcceptance TacitAcceptanceDay(const Policy& policy, const CountryRegistry& countries,
                                   const std::string& transferring_state, Date at) {
  const MemberStateSetting* row = nullptr;
  if (policy.SettingAt(transferring_state, "tacit_acceptance_next_day", at, false, &row)) {
    return {1, "the day after the reply period's end, as set for " + countries.NameOf(transferring_state) + " (" +
                   row->legal_basis + ")"};
  }
  return {0, "the reply period's last day; courts differ on whether it is that day or the next (set "
             "tacit_acceptance_next_day for a State whose courts take the next)"};
}

TransferPeriodStart TransferPeriodFrom(const ResponsibilityCase& c, Date accepted) {
  using State = TransferPeriodStart::State;
  if (!c.transfer_appeal) return {State::kNoAppeal, accepted, accepted};
  const ResponsibilityCase::TransferAppeal& a = *c.transfer_appeal;
  if (a.outcome == "transfer_decision_annulled") return {State::kAnnulled, std::nullopt, std::nullopt};
  if (a.suspension == "granted") {
    if (!a.final_decision_on) return {State::kSuspended, std::nullopt, std::nullopt};
    return {State::kAfterFinalDecision, a.final_decision_on, a.final_decision_on};
  }
  if (a.suspension == "refused") return {State::kNotSuspended, accepted, a.suspension_decided_on};
  if (a.suspension_requested_on) {
    // Not decided on: the transfer waits (Art. 43(3)); a final decision given meanwhile ends the wait.
    if (a.final_decision_on) return {State::kAfterFinalDecision, a.final_decision_on, a.final_decision_on};
    return {State::kSuspensionPending, accepted, std::nullopt};
  }
  return {State::kNotSuspended, accepted, accepted};
}

bool UrgentReplyAllowedByAmmr(const std::string& ground) {
  return ground == "refusal_of_entry" || ground == "return_decision";
}

bool UrgentReplyAllowedByDublin3(const std::string& ground) {
  return ground == "refusal_of_entry" || ground == "refusal_of_stay" || ground == "arrest_for_illegal_stay" ||
         ground == "removal_order";
}

Result<UrgentReplyLimits> AmmrUrgentReplyLimits(const RulesData& data, const ResponsibilityCase& c, Date sent,
                                                const std::string& to, Date at, std::optional<Date> replied,
                                                const std::string& name, const std::string& by) {
  const std::string why = "the request asked for an urgent reply (Art. 39(2), the application registered after " +
                          std::string(c.urgent_reply->ground == "return_decision" ? "a return decision"
                                                                                  : "a refusal of entry") +
                          ")";
  UrgentReplyLimits out;
  OP_ASSIGN_OR_RETURN(Deadline two_weeks,
                      ComputeDeadline(data, ComputationRule::kAmmr75, name, "ammr.take_charge_urgent_reply", sent, to,
                                      at, replied,
                                      by + "; " + why + " and set no period: two weeks (Art. 40(7)); no "
                                      "reasoned objection in time is acceptance (Art. 40(8))"));
  two_weeks.by = to;  // the requested State replies
  two_weeks.actor = "authority";
  if (!c.urgent_reply->reply_within_days) {
    out.requested = std::move(two_weeks);
    return out;
  }
  const Period period{*c.urgent_reply->reply_within_days, PeriodUnit::kDays};
  OP_ASSIGN_OR_RETURN(out.requested,
                      DeadlineForPeriod(data, ComputationRule::kAmmr75, name, period,
                                        "Regulation (EU) 2024/1351, Art. 40(7)",
                                        sent, to, at, replied,
                                         by + "; " + why + " within " + period.ToString() +
                                            " (Art. 40(7))"));
  out.requested.by = to;
  out.requested.actor = "authority";
  if (out.requested.date == two_weeks.date) return out;
  const std::string reading =
      "Art. 40(8) makes silence acceptance after \"the two-week period\" of paragraph 7; where the request set "
      "another period the text does not say whether silence accepts at its end or at two weeks: silence counts as "
      "acceptance once both have passed";
  out.requested.note += "; " + reading;
  two_weeks.name = name + "_two_weeks";
  two_weeks.legal_basis = "Regulation (EU) 2024/1351, Art. 40(8)";
  two_weeks.note = by + "; Art. 40(8)'s two weeks, beside the period the request set (" + period.ToString() +
                   "): silence counts as acceptance once both have passed";
  out.two_weeks = std::move(two_weeks);
  return out;
}

std::optional<std::string> UrgentReplyLimits::Unclear(std::optional<Date> reply, Date at) const {
  if (!two_weeks) return std::nullopt;
  const bool requested_first = requested.date < two_weeks->date;
  const Deadline& first = requested_first ? requested : *two_weeks;
  const Deadline& last = requested_first ? *two_weeks : requested;
  const Date when = reply.value_or(at);
  if (when <= first.date || last.date < when) return std::nullopt;
  const std::string between = "after " + first.date.ToString() + " (" +
                              (requested_first ? "the period the request set" : "Art. 40(8)'s two weeks") +
                              ") and by " + last.date.ToString() + " (" +
                              (requested_first ? "Art. 40(8)'s two weeks" : "the period the request set") + ")";
  if (reply) {
    return "the reply of " + reply->ToString() + " came " + between +
           ": an objection in time under one reading of Art. 40(7)-(8), too late (the request accepted) under the "
           "other; refer the case for legal review";
  }
  return "no reply yet, " + between + ": under one reading of Art. 40(7)-(8) the silence has already accepted the "
         "request, under the other not before " + last.date.ToString() + "; this answer waits for " +
         last.date.ToString();
}

}  // namespace openpact::rules
