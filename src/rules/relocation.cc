// The relocation procedure (AMMR Art. 67), organised as the Article is: scope (Arts. 56, 84-85;
// recital 90), the relocation Member State's answer (67(9)), the transfer decision and its notice
// (67(10)), the transfer (67(11)). Counted under AMMR Art. 75, as the Regulation's other time
// limits (67(13)).
#include "rules/relocation.h"

#include <string>

#include "core/json_writer.h"
#include "core/time_limits.h"

namespace openpact::rules {
namespace {

std::string Ammr(const std::string& article) { return "Regulation (EU) 2024/1351, Art. " + article; }

constexpr ComputationRule kRule = ComputationRule::kAmmr75;

class RelocationDecider : RecordDecider<RelocationDecision> {
 public:
  RelocationDecider(const RelocationCase& c, const RulesData& data, Date at)
      : RecordDecider(data, c.member_state, at), c_(c) {}

  Result<RelocationDecision> Run() {
    OP_RETURN_IF_ERROR(CheckScope());
    if (c_.responsibility == "family_criteria") {
      // Art. 67(5), second subparagraph: not eligible for relocation.
      out_.relocation = "not_eligible";
      AddGround("AMMR-67(5)", Ammr("67(5), second subparagraph"),
                Name(c_.member_state) + " can be determined responsible on the criteria of Arts. 25-28 or 34 (Art. "
                "25(5) aside): the applicant is not eligible for relocation.",
                "not_eligible", {"responsibility"});
      return std::move(out_);
    }
    if (c_.security_risk_found_on) {
      SecurityRiskFound();
      return std::move(out_);
    }
    if (c_.person == "beneficiary") {
      OP_ASSIGN_OR_RETURN(const bool eligible, BeneficiaryEligible());
      if (!eligible) return std::move(out_);
    }
    OP_RETURN_IF_ERROR(Answer());
    OP_RETURN_IF_ERROR(Transfer());
    if (c_.person == "beneficiary") WrittenConsent();
    if (out_.relocation != "not_relocated_security_threat") PersonsGuarantees();
    AfterRelocation();
    return std::move(out_);
  }

 private:
  // ---- Scope: both Member States take part in the solidarity mechanism (Denmark does not,
  // recital 90); the AMMR applies from 1 July 2026 (Art. 85). ----
  Status CheckScope() {
    for (const auto& [ms, field] : {std::pair{c_.member_state, "member_state"},
                                    std::pair{c_.relocation_member_state, "relocation_member_state"}}) {
      OP_ASSIGN_OR_RETURN(auto participation,
                          CheckBoundByAct(data_, ms, "takes_part_in_solidarity",
                                          "the solidarity mechanism of Regulation (EU) 2024/1351 (Part IV)", at_, field));
      if (participation) AddFlag(std::move(participation->code), std::move(participation->message));
    }
    auto applies_from = policy_.DateAt("ammr.application_date", at_);
    if (!applies_from.ok() || c_.information_received_on < *applies_from) {
      return Status::InvalidArgument("Regulation (EU) 2024/1351 applies from 1 July 2026 (Art. 85): a relocation under "
                                     "its Art. 67 starts no earlier",
                                     "information_received_on");
    }
    return Status::OK();
  }

  // ---- Art. 67(2): the benefitting Member State's own finding of a risk to internal security,
  // before or during the procedure: it does not apply the procedure or stops it at once; the person
  // is excluded from any future relocation or transfer to a Member State, and the benefitting
  // State is responsible for an applicant under Art. 16(4). ----
  void SecurityRiskFound() {
    out_.relocation = "not_relocated_security_threat";
    const std::string here = Name(c_.member_state);
    AddGround("AMMR-67(2)", Ammr("67(2)"),
              here + " found on " + c_.security_risk_found_on->ToString() +
                  " reasonable grounds to consider the person a risk to its internal security: it does not apply the "
                  "relocation procedure, or stops it at once, and excludes the person from any future relocation or "
                  "transfer to a Member State." +
                  (c_.person == "applicant" ? " " + here + " is the Member State responsible for the application (Art. "
                                                       "16(4))."
                                            : std::string()),
              "not_relocated", {"security_risk_found_on"});
  }

  // ---- Art. 56(2)(a)(ii): a beneficiary of international protection is relocated only where the
  // two Member States agreed so bilaterally, and only if granted protection less than three years
  // before the adoption of the Council implementing act establishing the pool (Art. 57). What the
  // case does not say is listed as not assessed; a condition the case shows unmet makes the person
  // not eligible, and no time limit runs. ----
  Result<bool> BeneficiaryEligible() {
    const std::string basis = Ammr("56(2)(a)(ii)");
    if (c_.bilateral_agreement == false) {
      out_.relocation = "not_eligible";
      AddGround("AMMR-56(2)(a)(ii)", basis,
                Name(c_.member_state) + " and " + Name(c_.relocation_member_state) + " did not agree bilaterally to "
                "relocate beneficiaries of international protection: the beneficiary is not eligible for relocation.",
                "not_eligible", {"bilateral_agreement"});
      return false;
    }
    if (!c_.bilateral_agreement) {
      out_.not_assessed.push_back(basis + ": a beneficiary is relocated only where the contributing and the "
                                  "benefitting Member States agreed so bilaterally (bilateral_agreement)");
    }
    if (!c_.protection_granted_on || !c_.council_act_adopted_on) {
      out_.not_assessed.push_back(basis + ": protection granted less than three years before the adoption of the "
                                  "Council implementing act establishing the pool (Art. 57): give "
                                  "protection_granted_on and council_act_adopted_on");
      return true;
    }
    const Parameter* row = nullptr;
    OP_ASSIGN_OR_RETURN(Period recent, policy_.PeriodAt("ammr.relocation_beneficiary_protection_recent", at_, &row));
    OP_ASSIGN_OR_RETURN(const Date earliest_excluded,
                        AddCalendarPeriod(*c_.council_act_adopted_on, Period{-recent.amount, recent.unit}));
    const Date granted = *c_.protection_granted_on;
    if (granted <= earliest_excluded) {
      out_.relocation = "not_eligible";
      AddGround("AMMR-56(2)(a)(ii)", row->legal_basis,
                "Protection was granted on " + granted.ToString() + ", not less than " + recent.ToString() +
                    " before the Council implementing act of " + c_.council_act_adopted_on->ToString() +
                    " (on or before " + earliest_excluded.ToString() +
                    "): the beneficiary is not eligible for relocation.",
                "not_eligible", {"protection_granted_on", "council_act_adopted_on"});
      return false;
    }
    if (granted > *c_.council_act_adopted_on) {
      AddFlag("protection_granted_after_council_act",
              "protection was granted on " + granted.ToString() + ", after the Council implementing act of " +
                  c_.council_act_adopted_on->ToString() + ": Art. 56(2)(a)(ii) speaks of protection granted less than " +
                  recent.ToString() + " before its adoption and does not say whether a later grant qualifies; read as "
                  "eligible, a reading to confirm");
    }
    return true;
  }

  // ---- Art. 67(4), third subparagraph: a beneficiary is relocated only with their prior written
  // consent. ----
  void WrittenConsent() {
    const std::string rule = "a beneficiary of international protection is relocated only with their prior written "
                             "consent (Regulation (EU) 2024/1351, Art. 67(4), third subparagraph)";
    if (!c_.written_consent_on) {
      AddFlag(c_.transferred_on ? "transferred_without_recorded_consent" : "written_consent_not_recorded",
              rule + ": none is recorded");
      return;
    }
    if (c_.transferred_on && *c_.written_consent_on > *c_.transferred_on) {
      AddFlag("transferred_without_recorded_consent", rule + ": consent recorded on " +
                                                          c_.written_consent_on->ToString() + ", after the transfer of " +
                                                          c_.transferred_on->ToString());
      return;
    }
    AddGround("AMMR-67(4)", Ammr("67(4), third subparagraph"),
              "The beneficiary consented in writing to the relocation on " + c_.written_consent_on->ToString() + ".",
              "consent_given", {"written_consent_on"});
  }

  // ---- What the person is owed along the way (Art. 67(3), (5), (6), (8)): the opportunity to show
  // meaningful links before the matching, information on the procedure, family members relocated
  // to one Member State, and the relocation State's interview within its time limit to answer.
  // None has a time limit or a consequence of its own in the text: each is flagged where the case
  // shows it missing or out of order. ----
  void PersonsGuarantees() {
    const std::string to = Name(c_.relocation_member_state);
    if (!c_.links_opportunity_on) {
      AddFlag("links_opportunity_not_recorded",
              "the benefitting Member State gives the person the opportunity to give information and documents on "
              "meaningful links (family, cultural) with specific Member States, which are taken into account where "
              "appropriate, without a right to choose (Art. 67(3), second subparagraph); none is recorded");
    } else if (*c_.links_opportunity_on > c_.information_received_on) {
      AddFlag("links_opportunity_after_matching",
              "the opportunity to show meaningful links came on " + c_.links_opportunity_on->ToString() +
                  ", after " + to + " received the person's information (" + c_.information_received_on.ToString() +
                  "): the links serve the identification and matching that precede it (Art. 67(3)-(4), a reading)");
    }
    const std::string inform = "the benefitting Member State informs the person of the relocation procedure (Arts. 67-68)" +
                               std::string(c_.person == "applicant" ? " and of the obligations of Art. 17(3)-(5) and the "
                                                                      "consequences of not complying with them (Art. 18)"
                                                                    : "") +
                               " (Art. 67(5), first subparagraph)";
    if (!c_.informed_on && (c_.transfer_decision_on || c_.transferred_on)) {
      AddFlag("relocation_information_not_recorded", inform + "; with a transfer decision taken, none is recorded");
    } else if (!c_.informed_on) {
      out_.not_assessed.push_back(Ammr("67(5), first subparagraph") + ": " + inform + " (informed_on)");
    } else if (c_.transferred_on && *c_.informed_on > *c_.transferred_on) {
      AddFlag("relocation_information_after_transfer",
              inform + "; recorded on " + c_.informed_on->ToString() + ", after the transfer of " +
                  c_.transferred_on->ToString());
    }
    std::string elsewhere;
    for (const std::string& ms : c_.family_relocated_to) {
      if (ms != c_.relocation_member_state && elsewhere.find(Name(ms)) == std::string::npos) {
        elsewhere += (elsewhere.empty() ? "" : ", ") + Name(ms);
      }
    }
    if (!elsewhere.empty()) {
      AddFlag("family_relocated_apart",
              "family members are relocated to the territory of the same Member State (Art. 67(6)): the person goes "
              "to " + to + ", a family member to " + elsewhere);
    }
    if (c_.security_interview_on) {
      for (const Deadline& d : out_.deadlines) {
        if (d.name != "relocation_reply" || *c_.security_interview_on <= d.date) continue;
        AddFlag("security_interview_late",
                to + " interviewed the person on " + c_.security_interview_on->ToString() + ", after its time limit "
                "to answer (" + d.date.ToString() + "): the interview takes place within the time limits of Art. "
                "67(9) (Art. 67(8)); the answer's time limit is not moved by it");
      }
    }
  }

  // ---- Art. 67(9): the answer of the Member State of relocation, within one week of receiving
  // the information (two weeks where it said within that week that it defers, third
  // subparagraph); no answer in time is a confirmation (fourth subparagraph). ----
  Status Answer() {
    std::optional<Date> replied;
    if (c_.reply.present) replied = c_.reply.on;
    // The Member State of relocation answers: its public holidays count (Art. 75(d)).
    const std::string note = "the Member State of relocation confirms, or says why the person is a security threat; "
                             "no answer in time is a confirmation, with the duty to relocate; counted with the public "
                             "holidays of " + Name(c_.relocation_member_state);
    auto reply_limit = [&](std::string_view param) {
      return Limit(kRule, "relocation_reply", param, c_.information_received_on, replied, note,
                   c_.relocation_member_state);
    };
    OP_ASSIGN_OR_RETURN(Deadline one_week, reply_limit("ammr.relocation_reply"));
    Deadline limit = one_week;
    if (c_.deferral_notified_on && *c_.deferral_notified_on <= one_week.date) {
      OP_ASSIGN_OR_RETURN(limit, reply_limit("ammr.relocation_reply_deferred"));
      AddGround("AMMR-67(9)", Ammr("67(9), third subparagraph"),
                "The Member State of relocation said on " + c_.deferral_notified_on->ToString() +
                    ", within the week, that the examination is particularly complex or that many cases are checked "
                    "at once: it answers by " + limit.date.ToString() + ".",
                "reply_deferred", {"deferral_notified_on"});
    } else if (c_.deferral_notified_on) {
      AddFlag("deferral_after_one_week",
              "the decision to defer the answer came on " + c_.deferral_notified_on->ToString() + ", after the week (" +
                  one_week.date.ToString() + "): the two weeks of Art. 67(9), third subparagraph, do not apply");
    }
    const Date end = limit.date;
    limit.by = c_.relocation_member_state;  // two States share the procedure: say on whom each limit runs
    limit.actor = "authority";
    out_.deadlines.push_back(std::move(limit));
    const std::string who = Name(c_.relocation_member_state);
    if (replied && *replied <= end) {
      if (c_.reply.outcome == "security_threat") {
        out_.relocation = "not_relocated_security_threat";
        AddGround("AMMR-67(9)", Ammr("67(9), second subparagraph"),
                  who + " found reasonable grounds to consider the person a danger to internal security and said so "
                        "on " + replied->ToString() + ", with the nature and elements of the alert: the relocation "
                        "does not take place.",
                  "not_relocated", {"reply.outcome"});
        return Status::OK();
      }
      out_.relocation = "confirmed";
      out_.confirmed_on = replied;
      AddGround("AMMR-67(9)", Ammr("67(9), first subparagraph"),
                who + " confirmed on " + replied->ToString() + " that it will relocate the person.", "confirmed",
                {"reply.on"});
      return Status::OK();
    }
    if (replied || at_ > end) {
      // No answer within the time limit: a confirmation, as of its last day.
      out_.relocation = "deemed_confirmed";
      out_.confirmed_on = end;
      AddGround("AMMR-67(9)", Ammr("67(9), fourth subparagraph"),
                who + " did not answer by " + end.ToString() +
                    ": that is a confirmation of receipt and entails the duty to relocate the person, with adequate "
                    "arrangements for the arrival; the following time limits run from that day.",
                "deemed_confirmed", {"information_received_on"});
      if (replied) {
        AddFlag("late_reply", "the answer of " + replied->ToString() + " came after the time limit (" + end.ToString() +
                                  "): the silence had already confirmed the relocation (Art. 67(9), fourth "
                                  "subparagraph)");
      }
      return Status::OK();
    }
    out_.relocation = "awaiting_reply";
    return Status::OK();
  }

  // ---- Art. 67(10)-(11): the transfer decision within one week of the confirmation, notified in
  // writing at least two days (an applicant) or one week (a beneficiary) before the transfer; the
  // transfer within four weeks of the confirmation or of the final decision on an appeal or review
  // with suspensive effect. ----
  Status Transfer() {
    if (!out_.confirmed_on) return Status::OK();
    const Date confirmed = *out_.confirmed_on;
    // Eurodac Art. 25(1): once the Member State of relocation must relocate the person, the
    // benefitting Member State adds it to the person's dataset.
    AddFlag("eurodac_relocation_to_record",
            Name(c_.member_state) + " adds " + Name(c_.relocation_member_state) + " as Member State of relocation to the "
            "person's Eurodac data (status ms_of_relocation, Regulation (EU) 2024/1358, Art. 25(1)); once the person "
            "arrives, " + Name(c_.relocation_member_state) + " records the arrival (Art. 25(2))");
    OP_ASSIGN_OR_RETURN(Deadline decision, Limit(kRule, "transfer_decision", "ammr.relocation_transfer_decision",
                                                 confirmed, c_.transfer_decision_on,
                                                 "the benefitting Member State's decision to transfer the person, "
                                                 "notified at once in writing"));
    decision.by = c_.member_state;  // the benefitting Member State (Art. 67(10))
    decision.actor = "authority";
    out_.deadlines.push_back(std::move(decision));
    const Date from = c_.appeal_decided_on.value_or(confirmed);
    OP_ASSIGN_OR_RETURN(Deadline transfer,
                        Limit(kRule, "relocation_transfer", "ammr.relocation_transfer", from, c_.transferred_on,
                              c_.appeal_decided_on
                                  ? "from the final decision on the appeal or review with suspensive effect"
                                  : "as soon as practically possible, in consultation between the Member States"));
    const std::string transfer_state = transfer.state;
    transfer.by = c_.member_state;  // the benefitting Member State transfers (Art. 67(11))
    transfer.actor = "authority";
    out_.deadlines.push_back(std::move(transfer));
    if (transfer_state == "missed" || transfer_state == "expired") {
      AddFlag("relocation_transfer_late",
              "the transfer did not take place within four weeks (Art. 67(11)); Art. 67(13) applies Art. 46(1) and (3) "
              "mutatis mutandis, not 46(2): the relocation stays due, responsibility does not shift");
    }
    const bool beneficiary = c_.person == "beneficiary";
    if (c_.transferred_on) {
      out_.relocation = "transferred";
      const Parameter* row = nullptr;
      OP_ASSIGN_OR_RETURN(Period notice, policy_.PeriodAt(beneficiary ? "ammr.relocation_notice_beneficiary"
                                                                      : "ammr.relocation_notice_applicant",
                                                          at_, &row));
      // The notice counts back from the transfer, on the calendar alone.
      OP_ASSIGN_OR_RETURN(const Date latest,
                          AddCalendarPeriod(*c_.transferred_on, Period{-notice.amount, notice.unit}));
      if (!c_.transfer_notified_on) {
        AddFlag("transfer_notification_not_recorded",
                "the transfer decision is notified in writing to the person at the latest " + notice.ToString() +
                    " before the transfer (" + row->legal_basis + "); no notification is recorded");
      } else if (*c_.transfer_notified_on > latest) {
        AddFlag("transfer_notice_too_short",
                "notified on " + c_.transfer_notified_on->ToString() + ", less than " + notice.ToString() +
                    " before the transfer of " + c_.transferred_on->ToString() + " (at the latest " + latest.ToString() +
                    ", " + row->legal_basis + ")");
      }
    } else if (c_.transfer_decision_on) {
      out_.not_assessed.push_back(Ammr("67(10)") + ": the written notice of the transfer decision at the latest " +
                                  (beneficiary ? "one week" : "two days") +
                                  " before the transfer, whose day is not known yet");
    }
    return Status::OK();
  }

  // ---- Art. 68: after the relocation. The Member State of relocation reports the arrival (68(1));
  // for an applicant whose Member State responsible was not determined, it determines it under
  // Part III without the criteria the relocation makes moot, and is responsible where none is
  // designated (68(2)); one the benefitting State was responsible for becomes its own (68(3));
  // a beneficiary is granted protection there automatically (68(4)). ----
  void AfterRelocation() {
    if (!c_.transferred_on) return;
    const std::string there = Name(c_.relocation_member_state);
    AddFlag("arrival_to_report",
            there + " informs " + Name(c_.member_state) + ", the Asylum Agency and the EU Solidarity Coordinator of the "
            "person's arrival, or that the person did not present themselves in time (Art. 68(1))");
    if (c_.person == "beneficiary") {
      AddGround("AMMR-68(4)", Ammr("68(4)"),
                there + " grants international protection automatically, respecting the status " + Name(c_.member_state) +
                    " granted; on the 25(2) data it registers itself as responsible and puts the mark of international "
                    "protection (Regulation (EU) 2024/1358, Art. 31(6)).",
                "protection_granted_automatically", {"person", "transferred_on"});
      return;
    }
    if (c_.responsibility == "benefitting_state") {
      AddGround("AMMR-68(3)", Ammr("68(3)"),
                Name(c_.member_state) + " was responsible on grounds other than Arts. 25-28 and 34: responsibility for "
                "the application, and for further representations or a subsequent application, passes to " + there +
                ", which indicates it in Eurodac (Regulation (EU) 2024/1358, Art. 16(3)).",
                "responsibility_transferred", {"responsibility", "transferred_on"});
      return;
    }
    AddGround("AMMR-68(2)", Ammr("68(2)"),
              there + " determines the Member State responsible under Part III without Arts. 16(2), 17(1)-(2), 25(5), "
              "29, 30 and 33(1)-(2), and is responsible where none can be designated; it indicates its responsibility in "
              "Eurodac (Regulation (EU) 2024/1358, Art. 16(1)).",
              "responsibility_determined_there", {"responsibility", "transferred_on"});
  }

  const RelocationCase& c_;
};

}  // namespace

Result<RelocationDecision> DecideRelocation(const RelocationCase& c, const RulesData& data, std::optional<Date> at) {
  return RelocationDecider(c, data, at.value_or(c.decision_date)).Run();
}

std::string RelocationDecisionToJson(const RelocationDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("relocation", d.relocation);
  WriteDateOrNull(w, "confirmed_on", d.confirmed_on);
  WriteDecisionRecord(w, d);
  w.EndObject();
  return w.str();
}

}  // namespace openpact::rules
