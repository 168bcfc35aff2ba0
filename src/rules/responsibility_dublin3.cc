// The responsibility decision for applications registered before 1 July 2026: AMMR Art. 84(2)
// (Regulation (EU) 2024/1351, read in shared/spec/law-it/reg-2024-1351.txt) keeps for them "the
// criteria" of Regulation (EU) No 604/2013 ("Dublin III"), and only those. This file applies the
// criteria of Dublin III's Chapter III in their order (Art. 7(1)), on the situation when the
// applicant first lodged the application (Art. 7(2)), then the residual rule of Art. 3(2) and the
// discretionary clause of Art. 17(1).
//
// The procedure after the designation: Art. 84(2) names criteria only, and no text says whether
// Dublin III's or the AMMR's procedure governs steps taken after 1 July 2026 (shared/spec/rules.md,
// DUB3-TR04(d)). The take charge request's time limit, whose passing moves the responsibility to
// the deciding State, is computed under both readings (Dublin III Art. 21(1), counted under its
// Art. 42 without moving off weekends; AMMR Art. 39(1), counted under its Art. 75): where both say
// it passed, the deciding State is responsible; where they differ, the answer keeps the criteria's
// State and flags it for legal review. Replies, transfers and their time limits are not computed.
// The take back situations of an earlier application (Arts. 18(1)(b)-(d), 19(2)-(3), 20(5)) are
// applied with the same two readings: the absence that ends the obligations (three months in
// Dublin III, nine in the AMMR) and the take back request's time limit (Dublin III Art. 23(2)-(3);
// AMMR Art. 41(1), whose lateness moves nothing).
// What it does not do either, and says in the answer: the family procedure (Art. 11); the
// humanitarian clause (Art. 17(2)). Dependent persons (Art. 16) are shown beside the criteria, as the AMMR's Art. 34.
//
// The text of Dublin III is not in shared/spec/law-it. Each rule here follows shared/spec/rules.md
// §4.5, where the provisions read in an archived copy of the official text are marked [V]; a
// decision resting on a provision marked UNCERTAIN there (Arts. 3(2), 9, 10, 14, 15) is flagged
// `dublin3_provision_unverified`.
#include <algorithm>
#include <set>

#include "core/time_limits.h"
#include "rules/responsibility.h"
#include "rules/responsibility_decider.h"
#include "rules/responsibility_documents.h"
#include "rules/responsibility_dublin3.h"
#include "rules/responsibility_family.h"

namespace openpact::rules {
namespace {

constexpr const char* kDublin3 = "Regulation (EU) No 604/2013";

std::string D3(const std::string& article) { return std::string(kDublin3) + ", " + article; }

class Dublin3Decider : public DeciderBase {
 public:
  Dublin3Decider(const ResponsibilityCase& c, const RulesData& data, Date at, Date ammr_applies_from)
      : DeciderBase(c, data, at), ammr_applies_from_(ammr_applies_from) {}

  Result<ResponsibilityDecision> Run() {
    OP_RETURN_IF_ERROR(Start());
    // Art. 20(3) (read in the RO text: shared/spec/rules.md DUB3-G05).
    if (const std::string ms = AccompanyingMinor(D3("Art. 20(3)"), true, true); !ms.empty()) {
      Conclude(ms, "accompanying_minor", D3("Art. 20(3)"));
      OP_RETURN_IF_ERROR(DiscretionaryClause());
      return Finish();
    }
    OP_ASSIGN_OR_RETURN(bool taken_back, TakeBack());
    if (taken_back) return Finish();
    OP_RETURN_IF_ERROR(Criteria());
    if (!out_.responsible_member_state.empty()) designated_ = out_.responsible_member_state;
    return TakeChargeProcedure();
  }

  // Art. 11: the family procedure designated `member_state` for this member, after `own` (the
  // member's own decision) examined the criteria; the request's time limit is this member's own.
  Result<ResponsibilityDecision> RunWithFamilyDesignation(const std::string& member_state, const std::string& basis,
                                                          const ResponsibilityDecision& own, const std::string& reason) {
    OP_RETURN_IF_ERROR(Start());
    out_.considered = own.considered;
    Consider("family_procedure", basis, true, member_state, reason);
    Conclude(member_state, "family_procedure", basis, true);
    return TakeChargeProcedure();
  }

  // After a designation (by the criteria or the family procedure): the take charge request's,
  // reply's and transfer's time limits, detention's among them, then the discretionary clauses and
  // dependent persons.
  Result<ResponsibilityDecision> TakeChargeProcedure() {
    OP_RETURN_IF_ERROR(RequestTimeLimits());
    if (out_.procedure == "take_charge") OP_RETURN_IF_ERROR(DetentionRequestLimits(c_.take_charge_request_sent_on));
    OP_RETURN_IF_ERROR(ReplyAndTransfer());
    OP_RETURN_IF_ERROR(DiscretionaryClause());
    DependentPersons();
    return Finish();
  }

  // What the criteria designated for this member alone ("" when the case did not reach them or
  // named no single State).
  const std::string& designated() const { return designated_; }

 private:
  Status Start() {
    out_.policy_version = policy_.version();
    out_.decision_date = at_;
    out_.member_state = c_.member_state;
    out_.regime = std::string(kDublin3) + " (its criteria, for an application registered before " +
                  ammr_applies_from_.ToString() + ": Regulation (EU) 2024/1351, Art. 84(2))";
    if (!c_.lodged_on) {
      return Status::InvalidArgument(
          "is required for an application registered before " + ammr_applies_from_.ToString() +
              ": its Member State responsible is determined by the criteria of Regulation (EU) No 604/2013 "
              "(Regulation (EU) 2024/1351, Art. 84(2)), judged on the situation when the application was first "
              "lodged (Regulation (EU) No 604/2013, Art. 7(2); lodged: Art. 20(2))",
          "lodged_on");
    }
    lodged_ = *c_.lodged_on;
    OP_ASSIGN_OR_RETURN(Date from, policy_.DateAt("d3.application_date", at_));
    if (lodged_ < from) {
      return Status::InvalidArgument("Regulation (EU) No 604/2013 applies to applications lodged from " +
                                         from.ToString() + " (Art. 49); earlier ones fall under Regulation (EC) No "
                                         "343/2003, which this engine does not implement",
                                     "lodged_on");
    }
    AddFlag("dublin3_criteria",
            "registered before " + ammr_applies_from_.ToString() + ": the criteria of Regulation (EU) No 604/2013 "
            "apply (Regulation (EU) 2024/1351, Art. 84(2)), judged on the situation when the application was first "
            "lodged (" + lodged_.ToString() + ", Art. 7(2))");
    AddFlag("dublin3_procedure_not_computed",
            "Art. 84(2) carries over the criteria only: whether requests, replies and transfers after 1 July 2026 "
            "follow Regulation (EU) No 604/2013 or Regulation (EU) 2024/1351 is not settled by the text; the time limits "
            "of the request, the reply and the transfer are computed under both readings");
    out_.not_assessed = {
        D3("Art. 11") + ": the family procedure, when this case is decided alone (decide the family's cases "
                        "together: `decide responsibility --family`)"};
    if (!c_.dependency) {
      out_.not_assessed.insert(out_.not_assessed.begin() + 1,
                               D3("Art. 16") + ": dependent persons (the case gives no `dependency`)");
    }
    return Status::OK();
  }

  ResponsibilityDecision Finish() {
    FlagDetentionLimitsPassed();
    if (c_.personal_interview || c_.take_charge_request_sent_on) {
      out_.not_assessed.push_back(D3("Art. 5") + ": the personal interview (its wording not read here; the AMMR's "
                                                 "Art. 22 is checked in its own answer)");
    }
    if (!c_.information_requests.empty()) {
      out_.not_assessed.push_back(D3("Art. 34") + ": the requests for information and their time limit (its wording "
                                                  "not read here; the AMMR's Art. 51(5) applies from 1 July 2026)");
    }
    DetentionGrounds();
    out_.requested_member_state = out_.procedure == "take_charge"  ? out_.responsible_member_state
                                  : out_.procedure == "take_back" ? take_back_to_
                                                                  : "";
    return std::move(out_);
  }

  // ---- Helpers ----
  Result<Date> WindowEnd(Date from, const char* id) const {
    OP_ASSIGN_OR_RETURN(Period p, policy_.PeriodAt(id, at_));
    return AddCalendarPeriod(from, p);
  }

  // Reading R2's time limit of the policy period `param` from `from` (Dublin3Limit).
  Result<Deadline> Dublin3PolicyLimit(std::string name, const std::string& by, const char* param, Date from,
                                      std::string basis, std::string note, std::optional<Date> done_on) const {
    OP_ASSIGN_OR_RETURN(Period p, policy_.PeriodAt(param, at_));
    OP_ASSIGN_OR_RETURN(Date end, AddCalendarPeriod(from, p));
    return Dublin3Limit(std::move(name), by, end, std::move(basis), from, p.ToString(), std::move(note), done_on);
  }

  // A time limit of reading R2, Dublin III's, whose Art. 42 counts weekends and holidays and moves
  // no end off them: `end` as computed, `basis` saying so, the state as of the decision day; on
  // `by`'s authority.
  Deadline Dublin3Limit(std::string name, const std::string& by, Date end, std::string basis, Date from,
                        std::string period, std::string note, std::optional<Date> done_on) const {
    Deadline d;
    d.name = std::move(name);
    d.by = by;
    d.actor = "authority";
    d.date = end;
    d.legal_basis = std::move(basis);
    d.from = from;
    d.period = std::move(period);
    d.note = std::move(note);
    d.state = DeadlineState(end, done_on, at_);
    return d;
  }

  // A time limit of reading R1, the AMMR's, counted under its Art. 75 with `member_state`'s holidays.
  Result<Deadline> AmmrLimit(const std::string& name, std::string_view param, Date from,
                             const std::string& member_state, std::optional<Date> done_on,
                             const std::string& note) const {
    OP_ASSIGN_OR_RETURN(Deadline d, ComputeDeadline(data_, ComputationRule::kAmmr75, name, param, from, member_state,
                                                    at_, done_on, note));
    d.by = member_state;
    d.actor = "authority";
    d.legal_basis += "; computed under " + std::string(ComputationRuleCitation(ComputationRule::kAmmr75));
    return d;
  }

  static bool Passed(const Deadline& d) { return d.state == "missed" || d.state == "expired"; }

  void Conclude(const std::string& member_state, const std::string& criterion, const std::string& legal_basis,
                bool unverified = false) {
    out_.responsible_member_state = member_state;
    out_.criterion = criterion;
    out_.legal_basis = legal_basis;
    out_.procedure = member_state == c_.member_state ? "none" : "take_charge";
    if (unverified) {
      AddFlag("dublin3_provision_unverified",
              legal_basis + " was encoded from secondary sources: its wording was not read in the official text "
                            "(docs/rules.md); check it before relying on this designation");
    }
  }

  // One criterion's candidates (DeciderBase::SettleCandidates). Art. 3(2), second and third
  // subparagraphs: a Member State the applicant cannot be transferred to (systemic flaws, a risk of
  // treatment contrary to Art. 4 of the Charter) is passed over and the criteria are examined
  // further; the determining Member State is responsible where none is left (the residual rule
  // designates it). Returns whether the examination stops here.
  bool Settle(const std::string& criterion, const std::string& legal_basis, std::set<std::string> candidates,
              const std::string& reason, const std::string& several_rule, bool unverified = false) {
    std::string ms;
    if (!SettleCandidates(criterion, legal_basis, std::move(candidates), reason, several_rule,
                          ", but a transfer there is impossible (systemic flaws): the criteria are examined further (" +
                              D3("Art. 3(2), second subparagraph") + ")",
                          &ms)) {
      return false;
    }
    if (!ms.empty()) Conclude(ms, criterion, legal_basis, unverified);
    return true;
  }

  // ---- Earlier applications (Eurodac applicant hits): the take back situations ----
  // Dublin III Art. 18(1)(b)-(d): the Member State responsible takes back an applicant who applied
  // again elsewhere (or withdrew, or was rejected); Art. 20(5): the Member State where the first
  // application was lodged takes the applicant back to complete the determination. The obligations
  // cease (Art. 19(2)) after three months outside the territory of the Member States (unless the
  // person holds a valid residence document of the Member State responsible), or (Art. 19(3)) after
  // a departure under a return decision or removal order; the application lodged afterwards is a new
  // one, decided on the criteria. The AMMR (reading R1) sets nine months (Art. 37(4)); where the two
  // readings differ the obligation is kept and the answer flagged.
  Result<bool> TakeBack() {
    const EurodacHitFact* recorded = nullptr;  // an earlier application with a Member State responsible recorded
    const EurodacHitFact* earlier = nullptr;   // one elsewhere with none recorded
    for (const EurodacHitFact& h : c_.eurodac_hits) {
      if (h.category != "applicant" || h.date > lodged_) continue;
      if (h.responsible_member_state.empty() && h.member_state == c_.member_state) continue;  // this State's own
      OP_ASSIGN_OR_RETURN(bool ceased, Ceased(h));
      if (ceased) continue;
      if (!h.responsible_member_state.empty()) {
        if (recorded == nullptr || h.date > recorded->date) recorded = &h;  // the latest record
      } else if (earlier == nullptr || h.date < earlier->date) {
        earlier = &h;
      }
    }
    if (recorded != nullptr) {
      const std::string& ms = recorded->responsible_member_state;
      Consider("member_state_responsible_recorded", D3("Art. 18(1)(b)-(d)"), true, ms,
               "Eurodac records " + Name(ms) + " as the Member State responsible for the application of " +
                   recorded->date.ToString() + " in " + Name(recorded->member_state) +
                   ": it takes the applicant back; the criteria are not applied again");
      if (ms == c_.member_state) {
        Conclude(ms, "member_state_responsible_recorded", D3("Art. 18(1)"));
        return true;
      }
      Conclude(ms, "member_state_responsible_recorded", D3("Art. 18(1)(b)-(d)"));
      out_.procedure = "take_back";
      OP_RETURN_IF_ERROR(TakeBackRequest(*recorded, ms));
      OP_RETURN_IF_ERROR(DetentionRequestLimits(c_.take_back_sent_on));
      OP_RETURN_IF_ERROR(TakeBackReplyAndTransfer());
      return true;
    }
    if (earlier != nullptr) {
      const std::string& ms = earlier->member_state;
      Consider("determination_started_elsewhere", D3("Arts. 7(2), 20(5)"), true, ms,
               "an application was first lodged in " + Name(ms) + " on " + earlier->date.ToString() +
                   ", no Member State responsible recorded: that State completes the determination and takes the "
                   "applicant back (under the AMMR's procedure, Art. 38(4), the same)");
      out_.criterion = "determination_started_elsewhere";
      out_.legal_basis = D3("Art. 20(5)");
      out_.procedure = "take_back";
      take_back_to_ = ms;
      AddFlag("responsible_member_state_not_yet_determined",
              Name(ms) + " is determining the Member State responsible: this Member State asks it to take the applicant "
                         "back and does not apply the criteria itself");
      AddFlag("dublin3_provision_unverified",
              D3("Art. 20(5)") + " was encoded from secondary sources: its wording was not read in the official text "
                                 "(docs/rules.md); check it before relying on this answer");
      OP_RETURN_IF_ERROR(TakeBackRequest(*earlier, ms));
      OP_RETURN_IF_ERROR(DetentionRequestLimits(c_.take_back_sent_on));
      OP_RETURN_IF_ERROR(TakeBackReplyAndTransfer());
      return true;
    }
    return false;
  }

  // Art. 19(2)-(3), and the AMMR's Art. 37(4)-(5) for reading R1.
  Result<bool> Ceased(const EurodacHitFact& h) {
    const std::string where = "the application of " + h.date.ToString() + " in " + Name(h.member_state);
    if (h.left_under_return_decision_on && *h.left_under_return_decision_on <= lodged_) {
      Consider("take_back_obligation_ceased", D3("Art. 19(3)"), true, c_.member_state,
               "the person left on " + h.left_under_return_decision_on->ToString() + " under a return decision or "
               "removal order after " + where + " was withdrawn or rejected: this application is a new one (the AMMR's "
               "Art. 37(5) says the same)");
      return true;
    }
    const std::optional<Absence> absence = AbsenceAfter(c_, h, lodged_);
    if (!absence) return false;
    const Date left = absence->left, back = absence->back;
    const std::string& responsible = h.responsible_member_state.empty() ? h.member_state : h.responsible_member_state;
    if (HoldsValidResidenceDocument(c_, responsible, lodged_)) return false;  // the exception of Art. 19(2)
    OP_ASSIGN_OR_RETURN(Date three_months, WindowEnd(left, "d3.absence_ends_obligations"));
    OP_ASSIGN_OR_RETURN(Date nine_months, WindowEnd(left, "ammr.absence_ends_obligations"));
    if (back < three_months) return false;
    if (back < nine_months) {
      AddFlag("dublin3_readings_differ",
              "the person was outside the Member States from " + left.ToString() + " to " + back.ToString() +
                  ": at least three months, which ends the obligations for " + where +
                  " under Dublin III (Art. 19(2)), but less than the AMMR's nine (Art. 37(4)); Art. 84(2) does not "
                  "settle which applies: the answer keeps the obligation; refer the case for legal review");
      return false;
    }
    Consider("take_back_obligation_ceased", D3("Art. 19(2)"), true, c_.member_state,
             "the person was outside the Member States from " + left.ToString() + " to " + back.ToString() +
                 ", nine months or more (the AMMR's Art. 37(4) as well as Dublin III's three): the obligations for " +
                 where + " ceased and this application is a new one");
    return true;
  }

  // The take back request's time limit under both readings: Dublin III Art. 23(2), two months from
  // the Eurodac hit, a late request leaving the responsibility with the Member State where the new
  // application was lodged (23(3)); the AMMR's Art. 41(1), a notification within two weeks of the
  // hit whose lateness moves nothing. Met by `take_back_sent_on`.
  Status TakeBackRequest(const EurodacHitFact& hit, const std::string& to) {
    take_back_to_ = to;
    const std::optional<Date> sent = c_.take_back_sent_on;
    OP_ASSIGN_OR_RETURN(
        Deadline dublin,
        Dublin3PolicyLimit(
        "take_back_request_dublin3", c_.member_state, "d3.take_back_request_after_hit", hit.hit_received_on,
        D3("Art. 23(2)") + "; computed under Art. 42 (weekends and holidays included, no end moved)",
        "reading R2 (Dublin III's procedure continues): to " + Name(to) +
            ", counted from the Eurodac hit; a request not made in time leaves the responsibility with the Member "
            "State where the new application was lodged (Art. 23(3))",
        sent));
    OP_ASSIGN_OR_RETURN(Deadline ammr, AmmrLimit("take_back_notification_ammr", "ammr.take_back_after_eurodac_hit",
                                                 hit.hit_received_on, c_.member_state, sent,
                                                 "reading R1 (the AMMR's procedure applies from 1 July 2026): to " +
                                                     Name(to) + "; a late notification leaves the obligation to take "
                                                     "the person back intact (Art. 41(1))"));
    const bool r2_moves = Passed(dublin);
    out_.deadlines.push_back(std::move(dublin));
    out_.deadlines.push_back(std::move(ammr));
    if (r2_moves) {
      AddFlag("dublin3_readings_differ",
              "under Dublin III's procedure (R2) the take back request's two months have passed without a request, so " +
                  Name(c_.member_state) + " would be responsible (Art. 23(3)); under the AMMR's (R1) a late "
                  "notification moves nothing (Art. 41(1)). Art. 84(2) does not settle which applies: the answer keeps "
                  "the take back; refer the case for legal review");
    }
    return Status::OK();
  }

  // After a take back request sent: the reply under both readings, then the transfer from the
  // acceptance. Dublin III Art. 25(1): as quickly as possible and within a month, two weeks where
  // the request rests on Eurodac data (as every take back here does); no reply in time is
  // acceptance (25(2)). The AMMR's Art. 41(3)-(4) (checked in the Italian text): the notified State
  // confirms receipt within two weeks unless it shows in that time that it is not responsible (Art.
  // 37) or that the Eurodac indication is wrong; no reaction in time is confirmation.
  Status TakeBackReplyAndTransfer() {
    if (c_.accepted_on) return TransferTimeLimits(*c_.accepted_on);
    if (!c_.take_back_sent_on) return Status::OK();
    const Date sent = *c_.take_back_sent_on;
    OP_ASSIGN_OR_RETURN(Deadline dublin,
                        Dublin3ReplyLimit("take_back_reply_dublin3", sent, "d3.take_back_reply_after_hit", "Art. 25(1)",
                                          take_back_to_,
                                          ", the request resting on Eurodac data; no reply in time is acceptance "
                                          "(Art. 25(2))"));
    if (!DetainedBy(sent)) {  // a detained person's reply limit is Art. 28(3)'s, read in the RO text
      AddFlag("dublin3_provision_unverified",
              D3("Art. 25") + " was encoded from secondary sources: its wording was not read in the official text "
                              "(docs/rules.md); check the reply's time limit before relying on it");
    }
    OP_ASSIGN_OR_RETURN(Deadline ammr,
                        AmmrLimit("take_back_confirmation_ammr", "ammr.take_back_confirmation", sent, take_back_to_,
                                  c_.reply_received_on,
                                  "reading R1: " + Name(take_back_to_) +
                                      " confirms receipt unless it shows in this time that it is not responsible "
                                      "(Art. 37) or that the Eurodac indication is wrong (Art. 41(3)); no reaction in "
                                      "time is confirmation (Art. 41(4))"));
    return AwaitReply(std::move(dublin), std::move(ammr), take_back_to_,
                      "Dublin III Art. 25(2); AMMR Art. 41(4)");
  }

  Status Criteria() {
    if (c_.security_threat) {
      Consider("security_threat", "Regulation (EU) 2024/1351, Art. 16(4)", false, "",
               "the security check's rule is the AMMR's; Regulation (EU) No 604/2013 has no such criterion");
    }
    if (c_.applicant.unaccompanied_minor) {
      if (UnaccompaniedMinor()) return Status::OK();
    } else {
      Consider("unaccompanied_minor", D3("Art. 8"), false, "", "the applicant is not an unaccompanied minor");
      if (FamilyBeneficiary() || FamilyApplicant()) return Status::OK();
    }
    for (auto step : {&Dublin3Decider::Documents, &Dublin3Decider::Entry, &Dublin3Decider::VisaWaivedEntry,
                      &Dublin3Decider::TransitArea}) {
      OP_ASSIGN_OR_RETURN(bool done, (this->*step)());
      if (done) return Status::OK();
    }
    NotDublinCriteria();
    // Art. 3(2), first subparagraph: no criterion designates a Member State (an earlier application
    // elsewhere stopped above, so the first Member State where one was lodged is this one).
    Consider("first_lodging", D3("Art. 3(2), first subparagraph"), true, c_.member_state,
             "no criterion designates a Member State: the first Member State in which the application was lodged");
    Conclude(c_.member_state, "first_lodging", D3("Art. 3(2), first subparagraph"), true);
    return Status::OK();
  }

  // Facts the AMMR uses that are not criteria of Dublin III: said, so the caseworker sees them
  // weighed.
  void NotDublinCriteria() {
    for (const DiplomaFact& d : c_.diplomas) {
      Consider("diploma", "Regulation (EU) 2024/1351, Art. 30", false, d.issued_by,
               "a diploma is a criterion of the AMMR only; Regulation (EU) No 604/2013 has none");
    }
    if (!c_.entry.relocated_to.empty()) {
      Consider("relocated_after_crossing", "Regulation (EU) 2024/1351, Art. 33(3)", false, c_.entry.relocated_to,
               "relocation under Art. 67 of the AMMR is not a criterion of Regulation (EU) No 604/2013");
    }
  }

  // Art. 2(g): a family member, "insofar as the family already existed in the country of origin".
  // Returns "" if `f` qualifies; `any_origin` (Art. 9) drops the country-of-origin condition.
  std::string NotAFamilyMember(const FamilyMemberFact& f, bool any_origin) const {
    if (f.relation == "sibling" || f.relation == "relative") {
      return "a " + f.relation + " is not a family member under Art. 2(g)";
    }
    if (f.relation == "partner" && !f.partnership_recognised) {
      return "an unmarried partner counts only where the law or practice of the Member State treats unmarried "
             "couples like married ones (Art. 2(g)); the case does not say so";
    }
    if (f.relation == "child") {
      if (!f.date_of_birth) return "a child counts while a minor (Art. 2(g)); the child's date_of_birth is not given";
      if (!MinorOn(f.date_of_birth, lodged_)) return "the child was not a minor when the application was lodged (Art. 2(g))";
    }
    if (f.relation == "parent" && (!MinorOn(c_.applicant.date_of_birth, lodged_) || c_.applicant.married)) {
      return "a parent counts only for an unmarried minor applicant (Art. 2(g))";
    }
    if (!any_origin && !f.existed_in_country_of_origin) {
      return "the family must already have existed in the country of origin (Art. 2(g)); the case does not say so "
             "(a family formed on the way counts under the AMMR, not here)";
    }
    return "";
  }

  // Art. 8(1)-(4): an unaccompanied minor.
  bool UnaccompaniedMinor() {
    // Art. 8(1): a family member or a sibling legally present; for a married minor whose spouse is
    // not legally present, the father, mother or other responsible adult, or a sibling. Art. 8(2):
    // a relative.
    const auto [family, relatives] = SortMinorsFamily(
        c_.family, data_.countries,
        {D3("Art. 8(1)-(2)"), D3("Art. 8(1)"), D3("Art. 8(2)"), "not to be in the child's best interests"},
        [this](const FamilyMemberFact& f) { return NotAFamilyMember(f, false); },
        [this](const std::string& criterion, const std::string& basis, const std::string& ms,
               const std::string& reason) { Consider(criterion, basis, false, ms, reason); });
    const std::string several = "Art. 8(3): family members, siblings or relatives stay in more than one Member "
                                "State; the Member State responsible is decided by the child's best interests.";
    if (!family.empty()) {
      return Settle("unaccompanied_minor_family", D3("Art. 8(1)"), family, "a family member or sibling legally present",
                    several);
    }
    Consider("unaccompanied_minor_family", D3("Art. 8(1)"), false, "", "no family member or sibling qualifies");
    if (!relatives.empty()) {
      return Settle("unaccompanied_minor_relative", D3("Art. 8(2)"), relatives,
                    "a relative legally present who can take care of the child", several);
    }
    Consider("unaccompanied_minor_relative", D3("Art. 8(2)"), false, "", "no relative qualifies");
    Consider("unaccompanied_minor_lodging", D3("Art. 8(4)"), true, c_.member_state,
             "no family member, sibling or relative qualifies: the Member State where the minor lodged the "
             "application, provided that it is in the child's best interests");
    AddFlag("best_interests_assessment",
            "Art. 8(4) designates the Member State where the minor lodged the application provided that it is in the "
            "child's best interests");
    Conclude(c_.member_state, "unaccompanied_minor_lodging", D3("Art. 8(4)"));
    return true;
  }

  // Art. 9: a family member allowed to reside as a beneficiary of international protection,
  // whether or not the family was formed in the country of origin, with the written wish.
  bool FamilyBeneficiary() {
    std::set<std::string> found;
    for (const FamilyMemberFact& f : c_.family) {
      if (f.status == "applicant") continue;
      const std::string who = "the " + f.relation + " (" + f.status + ") in " + Name(f.member_state);
      std::string why_not = f.status == "beneficiary" ? NotAFamilyMember(f, true)
                                                      : "Art. 9 covers beneficiaries of international protection only "
                                                        "(long-term residents and citizens count under the AMMR)";
      if (why_not.empty() && !f.wish_in_writing) why_not = "the persons concerned must express their wish in writing";
      if (!why_not.empty()) {
        Consider("family_member_beneficiary", D3("Art. 9"), false, f.member_state, who + ": " + why_not);
        continue;
      }
      found.insert(f.member_state);
    }
    if (found.empty()) {
      Consider("family_member_beneficiary", D3("Art. 9"), false, "",
               "no family member residing as a beneficiary of international protection qualifies");
      return false;
    }
    return Settle("family_member_beneficiary", D3("Art. 9"), found,
                  "a family member residing there as a beneficiary of international protection, with the written wish",
                  "Art. 9 names no rule for family members in several Member States; a caseworker decides.", true);
  }

  // Art. 10: a family member whose application has had no first decision on the substance.
  bool FamilyApplicant() {
    std::set<std::string> found;
    for (const FamilyMemberFact& f : c_.family) {
      if (f.status != "applicant") continue;
      std::string why_not = NotAFamilyMember(f, false);
      if (why_not.empty() && f.first_decision_on_substance) {
        why_not = "the family member's application has already had a first decision on the substance";
      }
      if (why_not.empty() && !f.wish_in_writing) why_not = "the persons concerned must express their wish in writing";
      if (!why_not.empty()) {
        Consider("family_member_applicant", D3("Art. 10"), false, f.member_state,
                 "the " + f.relation + " (applicant) in " + Name(f.member_state) + ": " + why_not);
        continue;
      }
      found.insert(f.member_state);
    }
    if (found.empty()) {
      Consider("family_member_applicant", D3("Art. 10"), false, "",
               "no family member whose application awaits a first decision on the substance qualifies");
      return false;
    }
    return Settle("family_member_applicant", D3("Art. 10"), found,
                  "a family member applying there, awaiting a first decision on the substance, with the written wish",
                  "Art. 10 names no rule for family members in several Member States; a caseworker decides.", true);
  }

  // Whether the applicant left the territories of the Member States after entering (Art. 12(4)).
  bool LeftTheMemberStates() const { return c_.entry.left_eu_since && *c_.entry.left_eu_since <= lodged_; }

  // Art. 12: residence documents and visas, on the situation when the application was lodged.
  Result<bool> Documents() {
    std::vector<HeldDocument> held;
    std::optional<std::string> long_expired;  // Art. 12(4), second subparagraph
    for (size_t i = 0; i < c_.documents.size(); ++i) {
      const DocumentFact& d = c_.documents[i];
      const bool visa = d.type == "visa";
      const std::string what = (visa ? "the visa of " : "the residence document of ") + Name(d.issued_by);
      if (d.fraud_after_issue) {
        Consider(d.type, D3("Art. 12(5)"), false, d.issued_by,
                 what + ": the issuing Member State shows that the fraud was committed after issue");
        continue;
      }
      if (lodged_ < d.valid_from) {
        Consider(d.type, D3(visa ? "Art. 12(2)" : "Art. 12(1)"), false, d.issued_by,
                 what + " was not yet valid when the application was lodged (Art. 7(2))");
        continue;
      }
      const bool withdrawn = d.withdrawn_on && *d.withdrawn_on <= lodged_;
      if (!withdrawn && lodged_ <= d.valid_until) {
        held.push_back({&d, i, true});
        continue;
      }
      // Expired (a withdrawal read as an end of validity): it counts only if it enabled the
      // applicant actually to enter and the applicant has not left the Member States since.
      const Date ended = withdrawn ? std::min(*d.withdrawn_on, d.valid_until) : d.valid_until;
      if (!d.enabled_entry) {
        return Status::InvalidArgument(
            "is required for a document no longer valid when the application was lodged: Regulation (EU) No "
            "604/2013, Art. 12(4) counts it only if it enabled the applicant actually to enter",
            "documents[" + std::to_string(i) + "].enabled_entry");
      }
      if (!*d.enabled_entry) {
        Consider(d.type, D3("Art. 12(4)"), false, d.issued_by,
                 what + " ended on " + ended.ToString() + " and did not enable the applicant to enter");
        continue;
      }
      if (LeftTheMemberStates()) {
        Consider(d.type, D3("Art. 12(4)"), false, d.issued_by,
                 what + " ended on " + ended.ToString() + "; the applicant left the territories of the Member States "
                        "on " + c_.entry.left_eu_since->ToString() + ", so it no longer counts");
        continue;
      }
      OP_ASSIGN_OR_RETURN(Date counts_until,
                          WindowEnd(ended, visa ? "d3.expired_visa_counts" : "d3.expired_residence_document_counts"));
      if (lodged_ < counts_until) {
        held.push_back({&d, i, false});
        continue;
      }
      Consider(d.type, D3("Art. 12(4), first subparagraph"), false, d.issued_by,
               what + " ended on " + ended.ToString() + ", " + (visa ? "six months" : "two years") +
                   " or more before the application was lodged");
      long_expired = what;
    }
    if (held.empty()) {
      if (long_expired) {
        // Art. 12(4), second subparagraph: documents expired longer ago that enabled the entry, the
        // applicant still within the Member States: the Member State where the application is lodged.
        return Settle("expired_document_lodging", D3("Art. 12(4), second subparagraph"), {c_.member_state},
                      *long_expired + " expired longer ago but enabled the entry, and the applicant has not left the "
                                      "territories of the Member States: the Member State where the application is lodged",
                      "");
      }
      Consider("residence_document_or_visa", D3("Art. 12"), false, "", "no residence document or visa counts");
      return false;
    }
    OP_ASSIGN_OR_RETURN(DocumentChoice choice, ChooseDocument(held, D3("Art. 12")));
    const std::string rule = "Art. 12" + choice.paragraph;
    std::set<std::string> candidates;
    for (const HeldDocument& h : choice.best) candidates.insert(DesignatedBy(*h.document));
    const std::string kind = choice.residence_document ? "residence document" : "visa";
    const std::string reason =
        "a " + kind +
        (choice.valid ? " valid when the application was lodged"
                      : " that ended less than " + std::string(choice.residence_document ? "two years" : "six months") +
                            " before the application was lodged, enabled the entry, and the applicant has not left") +
        (held.size() > 1 ? " (chosen among " + std::to_string(held.size()) + " by " + rule + ")" : "");
    return Settle(choice.residence_document ? "residence_document" : "visa", D3(rule), candidates, reason,
                  rule + " leaves a tie between documents of several Member States.");
  }

  // Art. 13(1): an irregular crossing from a third country, ending 12 months after the crossing;
  // 13(2): five months' continuous stay after an irregular entry.
  Result<bool> Entry() {
    struct Crossing {
      std::string member_state;
      Date date;
      std::string source;
    };
    std::optional<Crossing> x;
    if (c_.entry.irregular_entry) {
      const auto& e = *c_.entry.irregular_entry;
      x = Crossing{e.member_state, e.date, e.via_sar ? "disembarkation after search and rescue" : "irregular crossing"};
    } else {
      for (const EurodacHitFact& h : c_.eurodac_hits) {
        if ((h.category == "irregular_crosser" || h.category == "sar_disembarked") && (!x || h.date < x->date)) {
          x = Crossing{h.member_state, h.date, "Eurodac: " + h.category};
        }
      }
    }
    bool entered_irregularly = x.has_value();
    if (x) {
      if (x->source.find("search and rescue") != std::string::npos || x->source.find("sar_") != std::string::npos) {
        AddFlag("sar_disembarkation_as_irregular_crossing",
                "Regulation (EU) No 604/2013 has no rule of its own for a disembarkation after search and rescue (the "
                "AMMR's Art. 33(2) is new): it is read as an irregular crossing by sea under Art. 13(1)");
      }
      OP_ASSIGN_OR_RETURN(Date ends, WindowEnd(x->date, "d3.irregular_entry_responsibility_ends"));
      // The Eurodac hit on that crossing, which a request may rest on (Art. 21(1), second subparagraph).
      std::optional<Date> hit;
      for (const EurodacHitFact& h : c_.eurodac_hits) {
        if ((h.category == "irregular_crosser" || h.category == "sar_disembarked") && h.member_state == x->member_state &&
            (!hit || h.hit_received_on < *hit)) {
          hit = h.hit_received_on;
        }
      }
      if (lodged_ < ends) {
        crossing_hit_received_on_ = hit;  // kept only if the crossing designates (below)
        if (Settle("irregular_entry", D3("Art. 13(1)"), {x->member_state},
                   "the irregular crossing into it from a third country on " + x->date.ToString() + " (" + x->source +
                       "), less than 12 months before the application was lodged",
                   "")) {
          return true;
        }
        crossing_hit_received_on_.reset();
      } else {
        Consider("irregular_entry", D3("Art. 13(1)"), false, x->member_state,
                 "the responsibility of " + Name(x->member_state) + " for the crossing on " + x->date.ToString() +
                     " ceased 12 months after it, on " + ends.ToString() + ", before the application was lodged");
      }
    } else {
      Consider("irregular_entry", D3("Art. 13(1)"), false, "", "no irregular crossing is established");
    }
    return IrregularStay(entered_irregularly);
  }

  // Art. 13(2): the applicant entered irregularly, or how is not established, and lived in a Member
  // State for a continuous period of at least five months before lodging: that Member State; of
  // several such periods, the most recent.
  Result<bool> IrregularStay(bool entered_irregularly) {
    if (c_.entry.irregular_stays.empty()) {
      Consider("irregular_stay", D3("Art. 13(2)"), false, "", "no continuous stay of five months is established");
      return false;
    }
    const bool entered_with_document = std::any_of(c_.documents.begin(), c_.documents.end(), [](const DocumentFact& d) {
      return d.enabled_entry.value_or(false);
    });
    if (!entered_irregularly && (c_.entry.visa_waived_entry || entered_with_document)) {
      Consider("irregular_stay", D3("Art. 13(2)"), false, "",
               "the applicant's entry is established as regular (without a visa where none was needed, or with a "
               "document that enabled it), so Art. 13(2), for irregular entrants or entries not established, does "
               "not apply");
      return false;
    }
    OP_ASSIGN_OR_RETURN(Period minimum, policy_.PeriodAt("d3.irregular_stay_minimum", at_));
    const ResponsibilityCase::Entry::Stay* latest = nullptr;
    for (const auto& s : c_.entry.irregular_stays) {
      OP_ASSIGN_OR_RETURN(Date long_enough, AddCalendarPeriod(s.from, minimum));
      if (lodged_ < s.to) {
        Consider("irregular_stay", D3("Art. 13(2)"), false, s.member_state,
                 "the stay in " + Name(s.member_state) + " runs past the lodging of the application");
      } else if (s.to < long_enough) {
        Consider("irregular_stay", D3("Art. 13(2)"), false, s.member_state,
                 "the stay in " + Name(s.member_state) + " from " + s.from.ToString() + " to " + s.to.ToString() +
                     " is shorter than five continuous months");
      } else if (latest == nullptr || latest->to < s.to) {
        latest = &s;
      }
    }
    if (latest == nullptr) return false;
    return Settle("irregular_stay", D3("Art. 13(2)"), {latest->member_state},
                  "a continuous stay of at least five months (" + latest->from.ToString() + " to " +
                      latest->to.ToString() + ") before the application was lodged" +
                      (c_.entry.irregular_stays.size() > 1 ? ", the most recent such stay" : ""),
                  "");
  }

  // Art. 14: entry where the applicant needs no visa; (2) the application lodged in another Member
  // State where the applicant is also exempt.
  Result<bool> VisaWaivedEntry() {
    if (!c_.entry.visa_waived_entry) {
      Consider("visa_waived_entry", D3("Art. 14"), false, "", "the applicant did not enter where exempt from a visa");
      return false;
    }
    const auto& v = *c_.entry.visa_waived_entry;
    if (v.member_state != c_.member_state) {
      if (!v.exempt_in_member_state_of_registration) {
        return Status::InvalidArgument("is required when the entry was in another Member State (Regulation (EU) No "
                                       "604/2013, Art. 14(2))",
                                       "entry.visa_waived_entry.exempt_in_member_state_of_registration");
      }
      if (*v.exempt_in_member_state_of_registration) {
        return Settle("visa_waived_entry", D3("Art. 14(2)"), {c_.member_state},
                      "entry without a visa through " + Name(v.member_state) +
                          ", and the application lodged where the applicant is also exempt",
                      "", true);
      }
    }
    return Settle("visa_waived_entry", D3("Art. 14(1)"), {v.member_state}, "entry without a visa", "", true);
  }

  // Art. 15: an application made in an airport's international transit area.
  Result<bool> TransitArea() {
    if (c_.entry.international_transit_area.empty()) {
      Consider("international_transit_area", D3("Art. 15"), false, "",
               "the application was not made in an airport's international transit area");
      return false;
    }
    return Settle("international_transit_area", D3("Art. 15"), {c_.entry.international_transit_area},
                  "an application made in the airport's international transit area", "", true);
  }

  // Art. 16: dependent persons. It sits in Chapter IV, beside the criteria of Chapter III, and says
  // Member States "shall normally" keep or bring the persons together: as for the AMMR's Art. 34,
  // what it would designate is shown and flagged where it differs, and a caseworker decides.
  void DependentPersons() {
    if (!c_.dependency || out_.responsible_member_state.empty()) return;
    const DependencyFact& d = *c_.dependency;
    std::string why_not;
    if (d.reason == "severe_trauma") {
      why_not = "severe trauma is a reason of the AMMR (Art. 34), not of Art. 16(1) (pregnancy, a newborn child, "
                "serious illness, severe disability, old age)";
    } else if (!d.ties_existed_in_country_of_origin) {
      why_not = "the family ties must have existed in the country of origin (ties_existed_in_country_of_origin)";
    } else if (!d.carer_able) {
      why_not = "the carer must be able to take care of the dependent person";
    } else if (!d.wish_in_writing) {
      why_not = "the persons concerned must express their wish in writing";
    }
    const std::string who = "the applicant's " + d.relation + " in " + Name(d.member_state) + " (" +
                            (d.dependent == "applicant" ? "the applicant depends on them" : "they depend on the applicant") +
                            ", " + d.reason + ")";
    if (!why_not.empty()) {
      Consider("dependent_persons", D3("Art. 16(1)"), false, d.member_state, who + ": " + why_not);
      return;
    }
    const std::string ms = d.applicant_cannot_travel ? c_.member_state : d.member_state;
    Consider("dependent_persons", D3(d.applicant_cannot_travel ? "Art. 16(2), second sentence" : "Art. 16"), true, ms,
             who + (d.applicant_cannot_travel ? ": the applicant's health prevents travel for a significant period, so "
                                                "the Member State where the applicant is present"
                                              : ": the Member State where the " + d.relation + " legally resides"));
    if (ms != out_.responsible_member_state) {
      AddFlag("dependent_persons_art_16",
              "Art. 16 would designate " + Name(ms) + ": it stands in Chapter IV beside the criteria and Member States "
              "'shall normally' keep or bring the persons together; a caseworker decides whether it prevails");
    }
  }

  // The take charge request's time limit under both readings of Art. 84(2) (see the top of this
  // file). R2, Dublin III Art. 21(1): three months from the lodging; two months from a Eurodac hit on
  // the crossing, but never beyond the three months (CJEU C-670/16, Mengesteab); counted under its
  // Art. 42, which counts weekends and holidays and moves no end off them. R1, AMMR Art. 39(1): two
  // months from the registration, one month from the hit, under Art. 75; an unaccompanied minor's
  // responsibility does not move (fourth subparagraph). Past both without a request: the deciding
  // State is responsible (Dublin III Art. 21(1), third subparagraph; AMMR Art. 39(1), third).
  Status RequestTimeLimits() {
    if (out_.procedure != "take_charge") return Status::OK();
    const std::optional<Date> sent = c_.take_charge_request_sent_on;
    const std::optional<Date> hit = crossing_hit_received_on_;
    OP_ASSIGN_OR_RETURN(Date r2, WindowEnd(lodged_, "d3.take_charge_request"));
    if (hit) {
      OP_ASSIGN_OR_RETURN(Date after_hit, WindowEnd(*hit, "d3.take_charge_request_after_hit"));
      r2 = std::min(r2, after_hit);
    }
    Deadline dublin = Dublin3Limit(
        "take_charge_request_dublin3", c_.member_state, r2,
        D3(hit ? "Art. 21(1), first and second subparagraphs" : "Art. 21(1), first subparagraph") +
            "; computed under Art. 42 (weekends and holidays included, no end moved)",
        hit ? std::min(*hit, lodged_) : lodged_,
        hit ? "2 months from the hit, at most 3 months from the lodging" : "3 months",
        "reading R2 (Dublin III's procedure continues): to " + Name(out_.responsible_member_state) +
            "; a request not made in time leaves the responsibility with the Member State where the application was "
            "lodged",
        sent);
    OP_ASSIGN_OR_RETURN(Deadline ammr,
                        AmmrLimit("take_charge_request_ammr",
                                  hit ? "ammr.take_charge_after_eurodac_hit" : "ammr.take_charge_request",
                                  hit ? *hit : c_.registered_on, c_.member_state, sent,
                                  "reading R1 (the AMMR's procedure applies from 1 July 2026): to " +
                                      Name(out_.responsible_member_state) +
                                      (hit ? ", counted from the Eurodac hit" : "")));
    const bool r2_moves = Passed(dublin);
    const bool r1_moves = Passed(ammr) && !c_.applicant.unaccompanied_minor;
    const Date r1_date = ammr.date;
    out_.deadlines.push_back(std::move(dublin));
    out_.deadlines.push_back(std::move(ammr));
    if (r1_moves && r2_moves) {
      const std::string designated = out_.responsible_member_state;
      Consider("request_time_limit_missed", D3("Art. 21(1), third subparagraph"), true, c_.member_state,
               "no take charge request to " + Name(designated) + " in time under either reading (by " +
                   r2.ToString() + " under Dublin III, by " + r1_date.ToString() +
                   " under the AMMR): the Member State where the application was lodged is responsible");
      Conclude(c_.member_state, "request_time_limit_missed",
               D3("Art. 21(1), third subparagraph") + "; Regulation (EU) 2024/1351, Art. 39(1), third subparagraph");
      return Status::OK();
    }
    if (r1_moves != r2_moves) {
      AddFlag("dublin3_readings_differ",
              std::string(r2_moves ? "under Dublin III's procedure (R2)" : "under the AMMR's procedure (R1)") +
                  " the take charge request's time limit has passed without a request, so " + Name(c_.member_state) +
                  " would be responsible; under the other reading it has not" +
                  (c_.applicant.unaccompanied_minor && Passed(out_.deadlines.back())
                       ? " (the AMMR does not move an unaccompanied minor's responsibility, Art. 39(1), fourth "
                         "subparagraph)"
                       : "") +
                  ". Art. 84(2) does not settle which procedure applies: the answer keeps the criteria's designation; "
                  "refer the case for legal review");
    }
    return Status::OK();
  }

  // After a take charge request sent: the reply under both readings (Dublin III Art. 22(1), two
  // months, silence accepting, 22(7); the AMMR's Art. 40(1)-(2) and (8), one month or two weeks on a
  // hit), then the transfer from the acceptance (AwaitReply).
  Status ReplyAndTransfer() {
    if (out_.procedure != "take_charge") return Status::OK();
    if (c_.accepted_on) return TransferTimeLimits(*c_.accepted_on);
    if (!c_.take_charge_request_sent_on) return Status::OK();
    const Date sent = *c_.take_charge_request_sent_on;
    const bool on_hit = crossing_hit_received_on_.has_value();
    // A person detained when the request went: the urgent replies of Dublin III Art. 28(3) (two
    // weeks) and the AMMR's Art. 45(2) (one week), silence accepting under both.
    const bool detained = DetainedBy(sent);
    const std::string& to = out_.responsible_member_state;
    // An urgent reply asked for: each reading on its own act's grounds (Dublin III Art. 21(2),
    // 22(6); the AMMR's Arts. 39(2), 40(7)-(8)). The detained person's urgent reply governs both.
    const bool urgent_r2 = c_.urgent_reply && UrgentReplyAllowedByDublin3(c_.urgent_reply->ground) && !detained;
    const bool urgent_r1 = c_.urgent_reply && UrgentReplyAllowedByAmmr(c_.urgent_reply->ground) && !detained;
    if (c_.urgent_reply) FlagUrgentReply(detained);
    OP_ASSIGN_OR_RETURN(
        Deadline dublin,
        urgent_r2 ? Dublin3ReplyLimit("take_charge_reply_dublin3", sent, "d3.take_charge_urgent_reply", "Art. 22(6)", to,
                                      "; an urgent reply was asked for (Art. 21(2)" +
                                          (c_.urgent_reply->reply_within_days
                                               ? ", within " + std::to_string(*c_.urgent_reply->reply_within_days) +
                                                     " days, which the requested State does its best to meet"
                                               : std::string()) +
                                          "): a particularly complex case may take up to a month, and no reply "
                                          "within the month is acceptance (Art. 22(7))")
                  : Dublin3ReplyLimit("take_charge_reply_dublin3", sent, "d3.take_charge_reply", "Art. 22(1)", to,
                                      "; no reply in time is acceptance (Art. 22(7))"));
    std::optional<UrgentReplyLimits> urgent;
    Deadline ammr;
    if (urgent_r1) {
      OP_ASSIGN_OR_RETURN(urgent, AmmrUrgentReplyLimits(data_, c_, sent, to, at_, c_.reply_received_on,
                                                        "take_charge_reply_ammr", "reading R1: by " + Name(to)));
      ammr = urgent->Silence();  // the later of the request's period and the two weeks, where they differ
      ammr.name = "take_charge_reply_ammr";
      ammr.legal_basis += "; computed under " + std::string(ComputationRuleCitation(ComputationRule::kAmmr75));
    } else {
      OP_ASSIGN_OR_RETURN(ammr, AmmrLimit("take_charge_reply_ammr",
                                          detained ? "ammr.detained_reply"
                                          : on_hit ? "ammr.take_charge_reply_after_hit"
                                                   : "ammr.take_charge_reply",
                                          sent, to, c_.reply_received_on,
                                          "reading R1: by " + Name(to) +
                                              (detained ? "; the person is detained: no reply within a week is "
                                                          "acceptance (Art. 45(2))"
                                                        : "; no reasoned objection in time is acceptance (Art. 40(8))")));
    }
    const std::optional<std::string> unclear = urgent ? urgent->Unclear(c_.reply_received_on, at_) : std::nullopt;
    if (unclear) AddFlag("urgent_reply_silence_unclear", "reading R1: " + *unclear);
    return AwaitReply(std::move(dublin), std::move(ammr), to,
                      detained   ? "Dublin III Art. 28(3); AMMR Art. 45(2)"
                      : urgent_r2 ? "Dublin III Art. 22(6)-(7); AMMR Art. 40(8)"
                                  : "Dublin III Art. 22(7); AMMR Art. 40(8)",
                      unclear.has_value());
  }

  // What becomes of an urgent reply asked for, where a reading does not give it: the person
  // detained (Art. 28(3); the AMMR's Art. 45(2)), or a ground the reading's act does not name.
  void FlagUrgentReply(bool detained) {
    const std::string& ground = c_.urgent_reply->ground;
    if (detained) {
      AddFlag("urgent_reply_superseded", "the person is detained: the urgent replies of Art. 28(3) (two weeks) and, "
                                         "under reading R1, the AMMR's Art. 45(2) (a week) govern");
      return;
    }
    if (!UrgentReplyAllowedByDublin3(ground)) {
      AddFlag("urgent_reply_not_allowed",
              "reading R2: Art. 21(2) allows an urgent reply where the application followed a refusal of entry or "
              "stay, an arrest for an illegal stay, or the service or execution of a removal order (the case gives " +
                  ground + "; record removal_order where the return decision was served as one): the ordinary "
                           "reply period applies");
    } else {
      AddFlag("dublin3_provision_unverified",
              D3("Art. 22(6)") + " was encoded from secondary sources: its wording was not read in the official text "
                                 "(docs/rules.md); check the urgent reply's time limit before relying on it");
    }
    if (!UrgentReplyAllowedByAmmr(ground)) {
      AddFlag("urgent_reply_not_allowed",
              "reading R1: the AMMR's Art. 39(2) allows an urgent reply only where the application was registered "
              "after a refusal of entry or a return decision (the case gives " + ground +
                  "): the ordinary reply period applies");
    }
  }

  // Reading R2's reply limit to a request sent on `sent` to `to`: `param` under `article` (`note`
  // says what silence means), or, for a person detained when it went, the urgent reply of Art.
  // 28(3), second subparagraph (two weeks, silence accepting). Met by `reply_received_on`.
  Result<Deadline> Dublin3ReplyLimit(const std::string& name, Date sent, const char* param, const std::string& article,
                                     const std::string& to, const std::string& note) const {
    const bool detained = DetainedBy(sent);
    return Dublin3PolicyLimit(name, to, detained ? "d3.detained_reply" : param, sent,
                        D3(detained ? "Art. 28(3), second subparagraph" : article) +
                            "; computed under Art. 42 (no end moved)",
                        "reading R2: by " + Name(to) +
                            (detained ? ", an urgent reply, the person being detained; no reply in time is acceptance "
                                        "(Art. 28(3))"
                                      : note),
                        c_.reply_received_on);
  }

  // A request's reply limits under both readings, and what follows from them. A reply in time
  // without an acceptance is a refusal (or, for a take back notification, an objection): the
  // designation stands and the caseworker decides what follows. No reply in time under either
  // reading, or one that came only after both limits, is a tacit acceptance (`basis`), dated the
  // last day of each reading's period (courts differ on whether it is that day or the next:
  // flagged), from which the transfer's limits run. Accepted under one reading only, the
  // designation is the same either way: the deadlines show it, and the transfer's limits wait for
  // the acceptance under both (a reply between the two limits is flagged: a refusal under one
  // reading, too late under the other).
  // `r1_unclear`: reading R1 itself does not say whether the reply was in time (flagged by the
  // caller): the answer says no more.
  Status AwaitReply(Deadline dublin, Deadline ammr, const std::string& to, const std::string& basis,
                    bool r1_unclear = false) {
    const bool r2_accepted = Passed(dublin), r1_accepted = Passed(ammr);
    const Date r2_end = dublin.date, r1_end = ammr.date;
    out_.deadlines.push_back(std::move(dublin));
    out_.deadlines.push_back(std::move(ammr));
    if (r1_unclear) return Status::OK();
    const std::optional<Date> reply = c_.reply_received_on;
    if (r2_accepted && r1_accepted) {
      const TacitAcceptance tacit = TacitAcceptanceDay(policy_, data_.countries, c_.member_state, at_);
      const Date r2 = tacit.From(r2_end), r1 = tacit.From(r1_end);
      AddFlag("tacit_acceptance",
              Name(to) + (reply ? " replied on " + reply->ToString() + ", after the reply period under both readings"
                                : std::string(" did not reply in time under either reading")) +
                  ": the request is accepted (" + basis + "), on " + r2.ToString() + " and " + r1.ToString() +
                  " respectively (" + tacit.how + "); the transfer periods are counted from those days");
      return TransferTimeLimits(r2, r1);
    }
    if (!reply) return Status::OK();
    if (r2_accepted != r1_accepted) {
      AddFlag("dublin3_readings_differ",
              "the reply of " + reply->ToString() + " came after the reply period under " +
                  (r2_accepted ? "Dublin III (R2)" : "the AMMR (R1)") + " but within it under " +
                  (r2_accepted ? "the AMMR (R1)" : "Dublin III (R2)") +
                  ": a tacit acceptance under one reading, a refusal under the other; refer the case for legal "
                  "review");
      return Status::OK();
    }
    AddFlag("request_refused", "a reply came on " + reply->ToString() +
                                   " and no acceptance is given: a refusal; the designation stands and the "
                                   "caseworker decides what follows (a request for re-examination, or another "
                                   "criterion)");
    return Reexamination(*reply, to);
  }

  // After a refusal the requesting State may ask, within three weeks of it, for the request to be
  // re-examined, and the requested State replies (as amended, endeavours to reply) within two weeks
  // (Regulation (EC) No 1560/2003, Art. 5(2), read in the DE text on gesetze.legal; the Court reads
  // it in C-47/17 and C-48/17, X and X). Without a reply in the two weeks the re-examination is over, and the
  // requesting State is responsible unless it can still make a fresh request within the time
  // limits of Dublin III Arts. 21(1) and 23(2) (the request's limit under reading R2). That is
  // reading R2 alone: the AMMR sets no re-examination procedure and its implementing rules were not
  // read, so under reading R1 the refusal stands, and where R2 would move responsibility the answer
  // keeps the designation and flags the difference.
  Status Reexamination(Date refused_on, const std::string& to) {
    if (!c_.reexamination_requested_on) return Status::OK();
    const Date asked = *c_.reexamination_requested_on;
    const std::string computed = "; computed under " + D3("Art. 42") + " (no end moved)";
    OP_ASSIGN_OR_RETURN(Deadline ask, Dublin3PolicyLimit("reexamination_request", c_.member_state, "d3.reexamination_request", refused_on,
                                                         "Regulation (EC) No 1560/2003, Art. 5(2)" + computed,
                                                         "reading R2: the request to re-examine the refusal, counted "
                                                         "from the reply",
                                                         asked));
    const Date ask_by = ask.date;
    out_.deadlines.push_back(std::move(ask));
    if (asked > ask_by) {
      AddFlag("reexamination_request_late",
              "the re-examination was asked on " + asked.ToString() + ", after the three weeks (" + ask_by.ToString() +
                  "): the requested State need not reconsider; the refusal stands");
      return Status::OK();
    }
    const std::optional<Date> answered = c_.reexamination_reply_on;
    OP_ASSIGN_OR_RETURN(Deadline reply,
                        Dublin3PolicyLimit("reexamination_reply", to, "d3.reexamination_reply", asked,
                                           "Regulation (EC) No 1560/2003, Art. 5(2); CJEU C-47/17 and C-48/17" + computed,
                                           "reading R2: by " + Name(to) + ", which endeavours to reply in this time",
                                           answered));
    const Date reply_by = reply.date;
    const bool unanswered = Passed(reply);
    out_.deadlines.push_back(std::move(reply));
    if (!unanswered) {
      if (answered) {
        AddFlag("reexamination_refused", Name(to) + " replied to the re-examination on " + answered->ToString() +
                                             " and no acceptance is given: the refusal stands");
      }
      return Status::OK();
    }
    // The request's own limit under reading R2: a fresh request may still be made until it ends.
    const auto limit = std::find_if(out_.deadlines.begin(), out_.deadlines.end(), [](const Deadline& d) {
      return d.name == "take_charge_request_dublin3" || d.name == "take_back_request_dublin3";
    });
    const std::optional<Date> fresh_until =
        limit != out_.deadlines.end() && limit->date > reply_by ? std::optional<Date>(limit->date) : std::nullopt;
    if (fresh_until && at_ <= *fresh_until) {
      AddFlag("reexamination_unanswered",
              Name(to) + " did not reply to the re-examination by " + reply_by.ToString() +
                  ": the re-examination is over (C-47/17); a fresh request may still be made until " +
                  fresh_until->ToString() + " (" + limit->legal_basis + "), after which, under reading R2, " +
                  Name(c_.member_state) + " is responsible");
      return Status::OK();
    }
    AddFlag("reexamination_unanswered",
            Name(to) + " did not reply to the re-examination by " + reply_by.ToString() +
                ": the re-examination is over and, with no time left for a fresh request" +
                (fresh_until ? " (the limit ended " + fresh_until->ToString() + ")" : std::string()) +
                ", under reading R2 " + Name(c_.member_state) + " is responsible (C-47/17)");
    AddFlag("dublin3_readings_differ",
            "under reading R2 the unanswered re-examination makes " + Name(c_.member_state) +
                " responsible; the AMMR (reading R1) sets no re-examination procedure, and under it the refusal "
                "stands. The answer keeps the criteria's designation; refer the case for legal review");
    return Status::OK();
  }

  // Art. 17(1): the deciding Member State examines although not responsible, and becomes so.
  // Art. 17(2): a request to another Member State on humanitarian grounds, with the written consent;
  // the requested State replies within two months (the AMMR's Art. 35(2) says the same) and, once
  // it accepts, becomes responsible.
  Status DiscretionaryClause() {
    if (c_.humanitarian_request) {
      const auto& h = *c_.humanitarian_request;
      if (c_.first_decision_on_substance_on) {
        AddFlag("first_decision_on_substance_not_applied",
                "first_decision_on_substance_on is not applied under Dublin III: its Art. 17(2) was not read in an "
                "official text (the AMMR's Art. 35(2) allows a humanitarian request only before that decision)");
      }
      OP_ASSIGN_OR_RETURN(
          Deadline d,
          Dublin3PolicyLimit("humanitarian_reply", h.member_state, "d3.humanitarian_reply", h.sent_on,
                             D3("Art. 17(2), fourth subparagraph") + "; computed under Art. 42 (no end moved)",
                             "by " + Name(h.member_state) +
                                 "; a refusal states its reasons (the AMMR's Art. 35(2) sets the same two months)",
                             h.accepted_on));
      if (h.accepted_on) {
        Consider("discretionary_clause", D3("Art. 17(2)"), true, h.member_state,
                 Name(h.member_state) + " accepted to take charge on humanitarian grounds");
        Conclude(h.member_state, "humanitarian_clause", D3("Art. 17(2)"), true);
        // The criteria's request no longer follows; this acceptance's transfer does.
        out_.deadlines.clear();
        out_.deadlines.push_back(std::move(d));
        OP_RETURN_IF_ERROR(TransferTimeLimits(*h.accepted_on));
      } else {
        out_.deadlines.push_back(std::move(d));
        AddFlag("humanitarian_request_pending", "the request to " + Name(h.member_state) + " under Art. 17(2) awaits "
                                                "its reply; until it is accepted the answer above stands");
      }
    }
    if (c_.examines_under_discretionary_clause) {
      Consider("discretionary_clause", D3("Art. 17(1)"), true, c_.member_state,
               Name(c_.member_state) + " decides to examine the application although the criteria do not make it "
                                       "responsible, and so becomes the Member State responsible");
      Conclude(c_.member_state, "discretionary_clause", D3("Art. 17(1)"), true);
      // No request or transfer follows: their time limits no longer run.
      std::erase_if(out_.deadlines, [](const Deadline& x) { return x.name != "humanitarian_reply"; });
    }
    return Status::OK();
  }

  // The transfer's time limit from the acceptance under both readings: Dublin III Art. 29(1)-(2),
  // six months, up to one year for imprisonment or eighteen months for absconding (counted under its
  // Art. 42); the AMMR's Art. 46(1)-(2), six months, one year for imprisonment, three years from the
  // notification for absconding and the other grounds (under Art. 75). Passed under both without a
  // transfer: the requesting (this) Member State is responsible (29(2); 46(2) with 37(1)).
  Status TransferTimeLimits(Date accepted) { return TransferTimeLimits(accepted, accepted); }

  // The same where the two readings date the acceptance differently (a tacit acceptance at the end
  // of each reading's reply period): `accepted` for Dublin III's, `accepted_ammr` for the AMMR's.
  // An appeal against the transfer decision moves where both readings' periods start, or stops
  // them (TransferPeriodFrom: Dublin III Arts. 27(3), 28(3), 29(1); the AMMR's Arts. 43(3), 45(3),
  // 46(1), alike on this).
  Status TransferTimeLimits(Date acceptance, Date acceptance_ammr) {
    using State = TransferPeriodStart::State;
    const TransferPeriodStart start2 = TransferPeriodFrom(c_, acceptance), start1 = TransferPeriodFrom(c_, acceptance_ammr);
    // Where the transfer goes.
    const std::string& to_state = out_.procedure == "take_back" ? take_back_to_ : out_.responsible_member_state;
    FlagTransferAppeal(start2, to_state);
    if (!start2.from) return Status::OK();
    const Date accepted = *start2.from, accepted_ammr = *start1.from;
    const std::string from_what = start2.state == State::kAfterFinalDecision
                                      ? "from the final decision on the appeal, which had suspensive effect"
                                      : "from the acceptance";
    const std::string ground = c_.transfer_extension ? c_.transfer_extension->ground : "";
    const char* d3_param = ground == "imprisonment" ? "d3.transfer_extended_imprisonment"
                           : ground == "absconding" ? "d3.transfer_extended_absconding"
                                                    : "d3.transfer";
    const bool extended = std::string_view(d3_param) != "d3.transfer";
    OP_ASSIGN_OR_RETURN(
        Deadline dublin,
        Dublin3PolicyLimit(
            "transfer_dublin3", c_.member_state, d3_param, accepted,
            D3(extended ? "Art. 29(2)" : "Art. 29(1)") + "; computed under Art. 42 (no end moved)",
            "reading R2: " + from_what +
                (!extended && !ground.empty() ? " (" + ground + " is no ground of extension in Art. 29(2))"
                                              : std::string()),
            c_.transferred_on));
    const bool ammr_extended = !ground.empty();
    const bool from_notification = ammr_extended && ground != "imprisonment";
    OP_ASSIGN_OR_RETURN(Deadline ammr, AmmrLimit("transfer_ammr",
                                                 !ammr_extended      ? "ammr.transfer"
                                                 : from_notification ? "ammr.transfer_extended_absconding"
                                                                     : "ammr.transfer_extended_imprisonment",
                                                 from_notification ? c_.transfer_extension->notified_on : accepted_ammr,
                                                 c_.member_state, c_.transferred_on,
                                                 "reading R1: the AMMR's transfer period, " + from_what));
    const bool r2_moves = Passed(dublin), r1_moves = Passed(ammr);
    out_.deadlines.push_back(std::move(dublin));
    out_.deadlines.push_back(std::move(ammr));
    if (start2.detention_from) {
      OP_RETURN_IF_ERROR(DetentionTransferLimits(*start2.detention_from, *start1.detention_from));
    }
    if (start2.state == State::kSuspensionPending && (r1_moves || r2_moves)) {
      FlagTransferPeriodQuestion();
    } else if (r1_moves && r2_moves && to_state != c_.member_state) {
      Consider("transfer_time_limit_missed", D3("Art. 29(2)"), true, c_.member_state,
               "the transfer to " + Name(to_state) +
                   " did not take place in time under either reading: the requesting Member State is responsible");
      Conclude(c_.member_state, "transfer_time_limit_missed",
               D3("Art. 29(2)") + "; Regulation (EU) 2024/1351, Art. 46(2)");
    } else if (r1_moves != r2_moves) {
      AddFlag("dublin3_readings_differ",
              std::string("the transfer's time limit has passed ") +
                  (r2_moves ? "under Dublin III (R2) but not under the AMMR (R1)" : "under the AMMR (R1) but not under Dublin III (R2)") +
                  ", which would make " + Name(c_.member_state) + " responsible under one reading only; refer the "
                  "case for legal review");
    }
    return Status::OK();
  }

  // ---- Detention for a transfer: Dublin III Art. 28(3) (second subparagraph read in the RO text
  // on sintact.ro; the six weeks of the third in the Court's C-60/16 Amayry) and, reading R1, the
  // AMMR's Art. 45 (checked in the Italian text). These limits end the detention when passed (28(3),
  // fourth subparagraph; 45(4)); the general limits continue to decide responsibility. ----
  bool DetainedBy(Date d) const { return c_.detained_on && *c_.detained_on <= d; }

  // The request (or take back request) of a detained person: within a month of the lodging (R2);
  // two weeks of the registration, or a week of the detention where it began later (R1, 45(1)).
  Status DetentionRequestLimits(std::optional<Date> sent) {
    if (!c_.detained_on) return Status::OK();
    OP_ASSIGN_OR_RETURN(Deadline dublin,
                        Dublin3PolicyLimit("detention_request_dublin3", c_.member_state, "d3.detained_request", lodged_,
                                           D3("Art. 28(3), second subparagraph") + "; computed under Art. 42 (no end "
                                                                                   "moved)",
                                           "reading R2: the person is detained; passed, the detention ends (Art. "
                                           "28(3), fourth subparagraph) and Arts. 21, 23, 24 apply as usual",
                                           sent));
    out_.deadlines.push_back(std::move(dublin));
    const DetainedRequestStart start = DetainedRequestLimit();
    OP_ASSIGN_OR_RETURN(Deadline ammr,
                        AmmrLimit("detention_request_ammr", start.param, start.from, c_.member_state, sent,
                                  "reading R1: the person is detained; passed, the detention ends (Art. 45(4))"));
    out_.deadlines.push_back(std::move(ammr));
    return Status::OK();
  }

  // The transfer of a person detained at the acceptance: six weeks (R2), five (R1, 45(3)). Detained
  // only after it, the six weeks do not run from the acceptance (C-60/16 Amayry): flagged.
  Status DetentionTransferLimits(Date accepted, Date accepted_ammr) {
    if (!c_.detained_on) return Status::OK();
    if (!DetainedBy(std::max(accepted, accepted_ammr))) {
      AddFlag("detention_after_acceptance",
              "the detention began on " + c_.detained_on->ToString() + ", after the acceptance: the six weeks of "
              "Dublin III Art. 28(3) do not run from the acceptance (CJEU C-60/16, Amayry), and the detention lasts "
              "no longer than the transfer needs; not computed");
      return Status::OK();
    }
    OP_ASSIGN_OR_RETURN(Deadline dublin,
                        Dublin3PolicyLimit("detention_transfer_dublin3", c_.member_state, "d3.detained_transfer", accepted,
                                           D3("Art. 28(3), third subparagraph") + "; computed under Art. 42 (no end "
                                                                                  "moved)",
                                           "reading R2: from the acceptance (or from when an appeal no longer "
                                           "suspends); passed, the detention ends and Art. 29 applies as usual",
                                           c_.transferred_on));
    out_.deadlines.push_back(std::move(dublin));
    OP_ASSIGN_OR_RETURN(Deadline ammr, AmmrLimit("detention_transfer_ammr", "ammr.detained_transfer", accepted_ammr,
                                                 c_.member_state, c_.transferred_on,
                                                 "reading R1: passed, the detention ends (Art. 45(4)) and Art. 46 "
                                                 "applies as usual"));
    out_.deadlines.push_back(std::move(ammr));
    return Status::OK();
  }

  // Art. 28(1)-(2) (read in the RO text on sintact.ro): detention only for a significant risk of
  // absconding, with the AMMR's Art. 44 under reading R1, which adds national security or public
  // order and a speedy judicial review of an administrative order (44(5)); the conditions of
  // detention (28(4); the AMMR's 44(4)) are not assessed here.
  void DetentionGrounds() {
    if (!c_.detained_on || c_.transferred_on) return;
    out_.not_assessed.push_back(D3("Art. 28(4)") + " and, under reading R1, Regulation (EU) 2024/1351, Art. 44(4): the "
                                                   "conditions of detention and the guarantees for detained applicants");
    FlagDetentionSafeguards(D3("Art. 28(1)-(2)"),
                            "where there is a significant risk of absconding (reading R1, the AMMR's Art. 44(2), adds "
                            "national security or public order)",
                            "reading R1: Regulation (EU) 2024/1351, Art. 44(5)");
    if (c_.detention && c_.detention->ground == "national_security_or_public_order") {
      AddFlag("dublin3_readings_differ",
              "the detention rests on national security or public order: a ground of the AMMR's Art. 44(2) (reading "
              "R1) that Dublin III's Art. 28(2) (reading R2) does not name (only a significant risk of absconding); "
              "refer the detention for legal review");
    }
  }

  // Over the deadlines the answer keeps (a discretionary clause drops the request's).
  void FlagDetentionLimitsPassed() {
    std::string list;
    for (const Deadline& d : out_.deadlines) {
      if (d.name.rfind("detention_", 0) == 0 && Passed(d)) {
        list += (list.empty() ? "" : ", ") + d.name + " (" + d.date.ToString() + ")";
      }
    }
    if (list.empty()) return;
    AddFlag("detention_must_end",
            "the detention's time limits passed: " + list + "; the person is no longer detained (Dublin III Art. "
            "28(3), fourth subparagraph; AMMR Art. 45(4), under the reading named), and the general time limits "
            "continue to apply");
  }

  const Date ammr_applies_from_;
  Date lodged_;
  std::optional<Date> crossing_hit_received_on_;  // a Eurodac hit on the crossing Art. 13(1) rests on
  std::string take_back_to_;                      // where a take back request goes
  std::string designated_;                        // the criteria's Member State, before the procedure
};

}  // namespace

Result<FamilyDecision> DecideFamilyProcedureDublin3(const std::vector<ResponsibilityCase>& members,
                                                    const RulesData& data, std::optional<Date> at) {
  FamilyDecision out;
  std::vector<ResponsibilityDecision> own;
  std::vector<std::string> designated, criteria;
  std::vector<Date> applies_from;
  for (size_t i = 0; i < members.size(); ++i) {
    const Date on = at.value_or(members[i].decision_date);
    OP_ASSIGN_OR_RETURN(Date from, data.policy.DateAt("ammr.application_date", on));
    applies_from.push_back(from);
    Dublin3Decider decider(members[i], data, on, from);
    auto d = decider.Run();
    if (!d.ok()) return d.status().WithFieldPrefix("members[" + std::to_string(i) + "]");
    designated.push_back(decider.designated());
    criteria.push_back(d->criterion);
    own.push_back(std::move(*d));
  }
  OP_ASSIGN_OR_RETURN(std::vector<size_t> counted,
                      ChooseFamilyMemberState(members, designated, criteria, D3("Art. 11"), data.countries, &out));
  out.members = own;
  if (!out.applies || out.responsible_member_state.empty()) return out;
  out.flags.push_back({"dublin3_provision_unverified",
                       D3("Art. 11") + " was encoded from secondary sources (it matches the AMMR's Art. 28, its "
                                       "successor in the correlation table): its wording was not read in the official "
                                       "text"});
  for (size_t i : counted) {
    if (designated[i] == out.responsible_member_state) continue;  // its own criterion already designates it
    Dublin3Decider again(members[i], data, at.value_or(members[i].decision_date), applies_from[i]);
    OP_ASSIGN_OR_RETURN(out.members[i],
                        again.RunWithFamilyDesignation(out.responsible_member_state, out.legal_basis, own[i], out.reason));
  }
  FlagRegisteredOnDifferentDays(members, "Art. 11", &out);
  return out;
}

Result<ResponsibilityDecision> DecideResponsibilityDublin3(const ResponsibilityCase& c, const RulesData& data, Date at,
                                                           Date ammr_applies_from) {
  return Dublin3Decider(c, data, at, ammr_applies_from).Run();
}

}  // namespace openpact::rules
