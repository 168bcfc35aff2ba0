// Internal to the responsibility decision (not a public header of the rules module): what the
// AMMR's and Dublin III's deciders read from the case alike. First, the choice
// among residence documents and visas, which AMMR Art. 29(1)-(3) (Regulation (EU) 2024/1351) and
// Dublin III Art. 12(1)-(3) (Regulation (EU) No 604/2013) state paragraph for paragraph alike:
// one issuing State designates itself, or the represented State for a visa issued on its behalf;
// among residence documents of several States the longest right of residence, then the latest
// expiry; among visas of one type the latest expiry, of different types the longest validity,
// then the latest expiry. Only the periods after which an expired document stops counting differ
// (paragraph 4 of each), and the caller applies them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "rules/responsibility.h"

namespace openpact::rules {

struct HeldDocument {
  const DocumentFact* document;
  size_t index;  // in the case's `documents`, to name a missing field
  bool valid;    // valid on the day that counts; false: expired (or withdrawn) but still counting
};

struct DocumentChoice {
  std::vector<HeldDocument> best;  // more than one only on a tie
  // The paragraph that decided: "(1)", "(2)", "(2), represented Member State", "(3)(a)", "(3)(b)"
  // or "(3)(c)", followed by ", (4)" when only expired documents count.
  std::string paragraph;
  bool residence_document = false;  // the choice is among residence documents (else visas)
  bool valid = false;               // the choice is among valid documents
};

// The Member State a document designates: the represented one for a visa issued on its behalf.
std::string DesignatedBy(const DocumentFact& d);

// Whether the case holds a residence document of `issuer` valid on `on` and not withdrawn by then:
// the exception to the end of the take back obligations after an absence (AMMR Art. 37(4); Dublin
// III Art. 19(2)).
// Whether `d` is a residence document valid on `on` (not yet withdrawn then).
bool ValidResidenceDocumentOn(const DocumentFact& d, Date on);
bool HoldsValidResidenceDocument(const ResponsibilityCase& c, const std::string& issuer, Date on);

// An absence from the territory of the Member States that may end the obligations of an earlier
// application (`hit`): it starts with the departure, the case's (`entry.left_eu_since`) or the one
// recorded on that dataset (Eurodac Art. 16(2)(c)), and ends with the first entry after it that the
// case gives, or at `until` (the registration or lodging) where none is given. Nullopt without a
// departure after that application.
struct Absence {
  Date left;
  Date back;
};
std::optional<Absence> AbsenceAfter(const ResponsibilityCase& c, const EurodacHitFact& hit, Date until);

// The day a silence accepts a take charge request or confirms a take back notification (AMMR Arts.
// 40(8), 41(4); Dublin III Arts. 22(7), 25(2)), from which the transfer periods run: the reply
// period's last day (`period_end`), or the day after where the transferring State's courts read it
// so (member State setting tacit_acceptance_next_day; courts differ: shared/spec/rules.md
// DUB3-T13). `how` says which, for the answer's flag.
struct TacitAcceptance {
  int days_after_period_end = 0;  // 0 or 1
  std::string how;
  Date From(Date period_end) const { return period_end.AddDays(days_after_period_end); }
};
TacitAcceptance TacitAcceptanceDay(const Policy& policy, const CountryRegistry& countries,
                                   const std::string& transferring_state, Date at);

// An urgent reply asked for in a take charge request (ResponsibilityCase::urgent_reply): whether the
// application followed what the act names. The AMMR's Art. 39(2) (Italian text): a refusal of
// entry or a return decision. Dublin III's Art. 21(2) (shared/spec/rules.md DUB3-T03): a refusal of
// entry or stay, an arrest for an illegal stay, or the service or execution of a removal order.
bool UrgentReplyAllowedByAmmr(const std::string& ground);
bool UrgentReplyAllowedByDublin3(const std::string& ground);

// The AMMR's limits for the reply to a take charge request that asked for an urgent one, sent (and
// received, through DubliNet) on `sent` to `to`, counted under Art. 75 with `to`'s holidays. Art.
// 40(7): within the period the request set or, where it set none, two weeks. Art. 40(8) makes
// silence acceptance after "the two-week period" of paragraph 7: where the request set another
// period, the text does not say whether silence accepts at its end or at two weeks, so silence is
// taken as acceptance only once both have passed, and the days between are a question for legal
// review (Unclear).
struct UrgentReplyLimits {
  Deadline requested;                 // the reply due under Art. 40(7)
  std::optional<Deadline> two_weeks;  // Art. 40(8)'s two weeks, where the request set another period
  // The limit after which silence is acceptance under either reading.
  const Deadline& Silence() const {
    return two_weeks && requested.date < two_weeks->date ? *two_weeks : requested;
  }
  // Where the reply (or, without one, the day `at`) falls after one limit and not after the other:
  // the sentence the answer flags (`urgent_reply_silence_unclear`).
  std::optional<std::string> Unclear(std::optional<Date> reply, Date at) const;
};
Result<UrgentReplyLimits> AmmrUrgentReplyLimits(const RulesData& data, const ResponsibilityCase& c, Date sent,
                                                const std::string& to, Date at, std::optional<Date> replied,
                                                const std::string& name, const std::string& by);

// Where the transfer's time limits run from, given the appeal against the transfer decision
// (ResponsibilityCase::transfer_appeal). The AMMR's Art. 46(1) (Dublin III Art. 29(1) alike): from
// the acceptance or confirmation, or from the final decision on an appeal or review with suspensive
// effect under Art. 43(3) (Dublin III Art. 27(3)). The AMMR's Art. 45(3)(b), for a detained person:
// from the day the appeal no longer has suspensive effect; Art. 43(3) suspends the transfer until
// the court decides on the first request to suspend it, so a refusal ends that effect the day it is
// given. An annulled transfer decision leaves no transfer to time.
struct TransferPeriodStart {
  enum class State {
    kNoAppeal,            // from the acceptance
    kNotSuspended,        // an appeal without suspensive effect (none asked for, or refused): the acceptance
    kSuspensionPending,   // the transfer waits for the court's decision on the suspension (Art. 43(3))
    kSuspended,           // suspensive effect granted, no final decision yet: no period runs
    kAfterFinalDecision,  // suspensive effect granted, the appeal dismissed: from the final decision
    kAnnulled,            // the transfer decision annulled: no transfer
  };
  State state = State::kNoAppeal;
  std::optional<Date> from;           // Art. 46(1); none in kSuspended and kAnnulled
  std::optional<Date> detention_from; // Art. 45(3); none while the transfer is suspended or annulled
};
TransferPeriodStart TransferPeriodFrom(const ResponsibilityCase& c, Date accepted);

// Chooses among `held` (not empty): valid documents before expired ones (paragraph 4 applies
// paragraphs 1-3 to expired documents; the text does not rank a valid against an expired one),
// residence documents before visas (3(a) comes first). Visas of several States need their type:
// InvalidArgument naming documents[i].visa_type, citing `article` ("Art. 29").
Result<DocumentChoice> ChooseDocument(const std::vector<HeldDocument>& held, const std::string& article);

}  // namespace openpact::rules
