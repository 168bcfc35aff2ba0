// The return border procedure: Regulation (EU) 2024/1349 (RBPR), read against
// shared/spec/law-it/reg-2024-1349.txt, with the right to remain of the APR (Regulation (EU)
// 2024/1348, Arts. 10 and 68, law-it/reg-2024-1348.txt). Organised as the acts are: scope
// (RBPR Arts. 1, 14; recitals 20-21), the end of the right to remain (APR Arts. 10(1), 68), the
// maximum period (RBPR Arts. 4(2), 4(4), 6(1)(a)), voluntary departure (4(5)), detention (5, 6(1)(b))
// and refusal of entry (4(6)).
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "rules/procedure.h"
#include "rules/return_border.h"

namespace openpact::rules {
namespace {

std::string Rbpr(const std::string& article) { return "Regulation (EU) 2024/1349, Art. " + article; }
std::string Apr(const std::string& article) { return "Regulation (EU) 2024/1348, Art. " + article; }

// "unfounded" -> "as unfounded", for sentences.
std::string RejectedAs(const ReturnBorderCase::Rejection& r) {
  if (r.ground == "inadmissible") return "as inadmissible (Art. " + r.inadmissibility_ground + ")";
  if (r.ground == "implicitly_withdrawn") return "for implicit withdrawal";
  if (r.ground == "manifestly_unfounded") return "as manifestly unfounded";
  return "as unfounded";
}

// Reasons a case states, each with the field it rests on, for one ground's explanation and evidence.
struct StatedReasons {
  std::vector<std::string> texts, evidence;
  void AddIf(bool stated, const char* text, const char* field) {
    if (!stated) return;
    texts.push_back(text);
    evidence.push_back(field);
  }
  bool empty() const { return texts.empty(); }
  std::string Listed() const {  // "a, b and c"
    std::string out;
    for (size_t i = 0; i < texts.size(); ++i) out += (i == 0 ? "" : i + 1 == texts.size() ? " and " : ", ") + texts[i];
    return out;
  }
};

constexpr const char* kDanger = "a danger to public policy, public security or national security";

class ReturnBorderDecider : RecordDecider<ReturnBorderDecision> {
 public:
  ReturnBorderDecider(const ReturnBorderCase& c, const RulesData& data, Date at)
      : RecordDecider(data, c.member_state, at), c_(c) {}

  Result<ReturnBorderDecision> Run() {
    OP_RETURN_IF_ERROR(CheckScope());
    if (!InScope()) {
      out_.return_border_procedure = out_.voluntary_departure = out_.detention = "not_applicable";
      return std::move(out_);
    }
    OP_RETURN_IF_ERROR(RightToRemain());
    if (out_.right_to_remain_ended_on) OP_RETURN_IF_ERROR(MaximumPeriod(*out_.right_to_remain_ended_on));
    OP_RETURN_IF_ERROR(VoluntaryDeparture());
    Detention();
    RefusalOfEntry();
    return std::move(out_);
  }

 private:
  // ---- Scope: who is bound (recitals 20-21), from when (Art. 14(2)), whom it concerns (Art. 1(1)) ----
  Status CheckScope() {
    OP_ASSIGN_OR_RETURN(Date applies_from,
                        CheckBoundAndApplying("bound_by_rbpr", "Regulation (EU) 2024/1349", "rbpr.application_date",
                                              "it applies from 12 June 2026, Art. 14(2)"));
    if (c_.rejection.decided_on < applies_from) {
      return Status::InvalidArgument("rejected before " + applies_from.ToString() +
                                         ", when neither the asylum border procedure of Regulation (EU) 2024/1348 nor "
                                         "the return border procedure applied: return follows Directive 2008/115/EC",
                                     "rejection.decided_on");
    }
    return Status::OK();
  }

  bool InScope() {
    const auto& r = c_.rejection;
    if (r.procedure != "border") {
      AddGround("RBPR-1(1)", Rbpr("1(1)"),
                "The application was rejected in the " + r.procedure +
                    " procedure, not in the asylum border procedure (Regulation (EU) 2024/1348, Arts. 43-54): the "
                    "return border procedure does not apply, and return follows Directive 2008/115/EC.",
                "not_in_scope", {"rejection.procedure"});
      return false;
    }
    if (c_.appeal.outcome == "allowed") {
      AddGround("RBPR-1(1)", Rbpr("1(1)"),
                "The court allowed the appeal on " + c_.appeal.decided_on->ToString() +
                    ": the rejection no longer stands, and the return border procedure does not apply.",
                "not_in_scope", {"appeal.outcome", "appeal.decided_on"});
      return false;
    }
    AddGround("RBPR-1(1)", Rbpr("1(1)"),
              "The application was rejected " + RejectedAs(r) + " in the asylum border procedure on " +
                  r.decided_on.ToString() + ": the return border procedure applies.",
              "in_scope", {"rejection.procedure", "rejection.ground", "rejection.decided_on"});
    AddGround("RBPR-4(1)", Rbpr("4(1)"),
              "The person is not authorised to enter the territory of " + Name(c_.member_state) + ".",
              "entry_not_authorised");
    return true;
  }

  // ---- The right to remain (APR Arts. 10(1), 68): the day from which the person has neither a
  // right nor an authorisation to remain starts the maximum period (RBPR Art. 4(2)) ----

  // The letter of APR Art. 68(3) the rejection falls under ("" for none), and whether the
  // unaccompanied-minor exception of (a)(ii) and (b) lifts it; either way Art. 68(2) then gives
  // the right to remain pending the appeal.
  struct Article68_3 {
    std::string letter;
    bool minor_excepted = false;
    // The ground is in 68(3)(b) only as amended (apr.no_right_to_remain_added_ground): the row that
    // says so, whose text was read in secondary sources only.
    const Parameter* amended_by = nullptr;
    bool withholds_right_to_remain() const { return !letter.empty() && !minor_excepted; }
  };
  Article68_3 ClassifyUnderArticle68_3() const {
    const auto& r = c_.rejection;
    const bool uam = c_.person.unaccompanied_minor;
    if (r.ground == "unfounded" || r.ground == "manifestly_unfounded") {
      if (uam && r.subsequent_application) return {"68(3)(d)", false};  // (d) has no exception for minors
      return {"68(3)(a)(ii)", uam};
    }
    if (r.ground == "implicitly_withdrawn") return {"68(3)(c)", false};
    // Regulation (EU) 2026/463 adds 38(1)(b), the safe third country, to 68(3)(b) (rules.md SC-13),
    // for decisions from the day its row takes effect; the unaccompanied minor's exception kept.
    const Parameter* added = nullptr;
    if (NamedByArticle68_3b(policy_, r.inadmissibility_ground, r.decided_on, &added)) return {"68(3)(b)", uam, added};
    return {};
  }

  // The right to remain's ground (the first added from `ground`) rests on 68(3)(b) as amended: its
  // basis and status say so, and a flag says that the amended text was not read.
  void MarkAmendedArticle68_3(const Article68_3& article, size_t ground) {
    if (article.amended_by == nullptr || ground >= out_.grounds.size()) return;
    Ground& g = out_.grounds[ground];
    g.legal_basis += "; " + article.amended_by->legal_basis;
    g.status = PolicyStatusName(article.amended_by->status);
    AddFlag("amended_article_68_3_b",
            AmendedArticle68_3bMessage(c_.rejection.inadmissibility_ground, *article.amended_by));
  }

  void NotYet(std::string rule, std::string basis, std::string explanation, std::vector<std::string> evidence) {
    out_.return_border_procedure = "not_yet";
    AddGround(std::move(rule), std::move(basis), std::move(explanation), "right_to_remain", std::move(evidence));
  }
  void Ended(Date on, std::string rule, std::string basis, std::string explanation, std::vector<std::string> evidence) {
    out_.return_border_procedure = "applies";
    out_.right_to_remain_ended_on = on;
    AddGround(std::move(rule), std::move(basis), std::move(explanation), "right_to_remain_ended", std::move(evidence));
  }

  Status RightToRemain() {
    const Article68_3 article = ClassifyUnderArticle68_3();
    const size_t first_new_ground = out_.grounds.size();
    OP_RETURN_IF_ERROR(RightToRemainUnder(article));
    MarkAmendedArticle68_3(article, first_new_ground);
    return Status::OK();
  }

  Status RightToRemainUnder(const Article68_3& article) {
    if (article.minor_excepted && article.letter == "68(3)(a)(ii)") {
      AddFlag("unaccompanied_minor_right_to_remain_reading",
              "Art. 68(3)(a)(ii) keeps the right to remain of an unaccompanied minor in the border procedure, while "
              "68(3)(a)(i) withholds it from an applicant subject to an accelerated examination under Art. 42(3), the "
              "ground that brings an unaccompanied minor into the border procedure: read here as the exception of "
              "(a)(ii), which names the border procedure; if (a)(i) prevailed, the right to remain would have ended "
              "with the rejection, save a court's leave (Art. 68(4))");
    }
    if (!article.withholds_right_to_remain()) return RightToRemainPendingAppeal(article);
    const std::string& letter = article.letter;
    const auto& r = c_.rejection;
    const auto& a = c_.appeal;
    const auto& leave = a.leave_to_remain;
    const std::string rejected = "The rejection " + RejectedAs(r) + " in the border procedure is a decision of Art. " +
                                 letter + ": no right to remain pending an appeal (Art. 68(2) does not apply)";
    if (leave.granted) {
      const std::string granted = "the court authorised the person on " + leave.decided_on->ToString() +
                                  " to remain pending the outcome of the appeal (Art. 68(4))";
      if (!a.decided_on) {
        NotYet("APR-68(4)", Apr("68(4)"), rejected + "; " + granted + ", which is pending.",
               {"appeal.leave_to_remain.granted", "appeal.leave_to_remain.decided_on"});
        return Status::OK();
      }
      Ended(*a.decided_on, "APR-68(4)", Apr("68(4)"),
            rejected + "; " + granted + ", which ended when the appeal was dismissed on " + a.decided_on->ToString() + ".",
            {"appeal.leave_to_remain.granted", "appeal.decided_on", "appeal.outcome"});
      AddFlag("period_counted_from_end_of_authorisation",
              "the 12 weeks are counted from " + a.decided_on->ToString() +
                  ", when the authorisation to remain ended; Art. 4(2) does not say whether the days between the "
                  "rejection (" + r.decided_on.ToString() + ") and the authorisation (" + leave.decided_on->ToString() +
                  ") count as well");
      FurtherAppeal();
      return Status::OK();
    }
    Ended(r.decided_on, "APR-68(3)", "Regulation (EU) 2024/1348, Arts. " + letter + " and 10(1)",
          rejected + "; the right to remain during the administrative procedure ended with the decision of " +
              r.decided_on.ToString() + " (Art. 10(1)).",
          {"rejection.ground", "rejection.decided_on"});
    return RemovalWhileLeaveCanBeAsked();
  }

  // APR Art. 68(6): for a subsequent application, national law may lift the bar on removal of
  // 68(5)(d) where the appeal is considered lodged merely to delay or frustrate the enforcement of
  // a return decision that would result in imminent removal. Two things must hold: the Member
  // State's law provides it (member_state_settings provides_apr_68_6, none shipped: the national
  // provisions are not collected here) and the authority so considers this appeal (the case's
  // appeal.lodged_merely_to_delay_removal). Either missing, the bar stays: the reading that
  // protects, with what is missing said.
  bool NationalDerogationOfArticle68_6() {
    const auto& a = c_.appeal;
    if (!c_.rejection.subsequent_application || !a.lodged_on) return false;
    const MemberStateSetting* row = nullptr;
    const bool provided = policy_.SettingAt(c_.member_state, "provides_apr_68_6", at_, false, &row);
    if (!a.lodged_merely_to_delay_removal) {
      if (provided) {
        out_.not_assessed.push_back(
            "Regulation (EU) 2024/1348, Art. 68(6) (" + row->legal_basis + "): whether the appeal was lodged merely to "
            "delay or frustrate the enforcement of a return decision that would result in imminent removal, which "
            "would lift the bar on removal of Art. 68(5)(d) (appeal.lodged_merely_to_delay_removal)");
      }
      return false;
    }
    if (!provided) {
      AddFlag("apr_68_6_not_provided",
              "the appeal is considered lodged merely to delay removal, but the policy data records no national law of " +
                  Name(c_.member_state) + " providing the derogation of Art. 68(6) of Regulation (EU) 2024/1348 on " +
                  at_.ToString() + ": removal stays barred under Art. 68(5)(d)");
      return false;
    }
    AddGround("APR-68(6)", Apr("68(6)") + "; " + row->legal_basis,
              "The appeal against the rejection of a subsequent application is considered lodged merely to delay or "
              "frustrate the enforcement of a return decision that would result in imminent removal, and the law of " +
                  Name(c_.member_state) + " provides the derogation of Art. 68(6): Art. 68(5)(d) does not bar removal.",
              "removal_not_barred", {"rejection.subsequent_application", "appeal.lodged_merely_to_delay_removal"});
    AddFlag("non_refoulement",
            "the derogation of Art. 68(6) of Regulation (EU) 2024/1348 applies without prejudice to the principle of "
            "non-refoulement: removal must not expose the person to refoulement");
    if (row->status != PolicyStatus::kInForce) {
      AddFlag("national_provision_" + std::string(PolicyStatusName(row->status)),
              "the national provision for Art. 68(6) is recorded as " + std::string(PolicyStatusName(row->status)) +
                  " (" + row->where + (row->note.empty() ? "" : ": " + row->note) + ")");
    }
    return true;
  }

  // APR Art. 68(5)(d): in the cases of 68(3), no removal until the time limit to ask the court to
  // remain has passed and, if asked in time, until the court decides. That bars removal without
  // authorising the stay, so the maximum period is counted from the rejection (flagged).
  Status RemovalWhileLeaveCanBeAsked() {
    const auto& r = c_.rejection;
    const auto& leave = c_.appeal.leave_to_remain;
    if (leave.decided_on) {  // refused (granted is handled above)
      AddGround("APR-68(4)", Apr("68(4)"),
                "The court refused on " + leave.decided_on->ToString() + " to authorise the person to remain pending the appeal.",
                "leave_to_remain_refused", {"appeal.leave_to_remain.decided_on"});
      return Status::OK();
    }
    const bool removal_barred = !NationalDerogationOfArticle68_6();
    if (removal_barred) {
      AddFlag("removal_barred_not_authorised",
              "Art. 68(5)(d) of Regulation (EU) 2024/1348 bars removal while the person may still ask the court to "
              "remain, and while such a request is pending, without authorising the stay: the engine counts the 12 "
              "weeks from the rejection; read as an authorisation to remain, they would count from the end of that "
              "protection");
    }
    if (leave.requested_on) {
      if (leave.time_limit_ends_on && *leave.time_limit_ends_on < *leave.requested_on) {
        AddGround("APR-68(5)(a)", Apr("68(5)(a)"),
                  "The request to remain of " + leave.requested_on->ToString() + " came after its time limit (" +
                      leave.time_limit_ends_on->ToString() + "): it does not bar removal (Art. 68(5)(d)(ii)).",
                  "leave_to_remain_request_late",
                  {"appeal.leave_to_remain.requested_on", "appeal.leave_to_remain.time_limit_ends_on"});
        return Status::OK();
      }
      if (!removal_barred) return Status::OK();  // the request stands, but 68(6) lifts the bar
      AddGround("APR-68(5)(d)(ii)", Apr("68(5)(d)(ii)"),
                "The person asked the court on " + leave.requested_on->ToString() +
                    " to remain pending the appeal: no removal until the court decides.",
                "removal_suspended", {"appeal.leave_to_remain.requested_on"});
      return Status::OK();
    }
    if (leave.time_limit_ends_on) {
      Deadline d;
      d.name = kLeaveToRemainDeadline;
      d.date = *leave.time_limit_ends_on;
      d.legal_basis = Apr("68(5)(a), (d)(i)");
      d.from = r.notified_on.value_or(r.decided_on);
      d.period = kNationalTimeLimitPeriod;
      d.note = removal_barred ? "the time limit to ask the court to remain pending the appeal; no removal before it ends"
                              : "the time limit to ask the court to remain pending the appeal (Art. 68(6) lifts the bar "
                                "on removal meanwhile)";
      d.state = at_ <= d.date ? "running" : "expired";
      out_.deadlines.push_back(std::move(d));
      return Status::OK();
    }
    if (!r.notified_on) {
      out_.not_assessed.push_back(
          "Regulation (EU) 2024/1348, Art. 68(5)(a), (d)(i): the time limit to ask the court to remain (at least five "
          "days from the notification of the decision), before which the person is not removed; give "
          "rejection.notified_on or appeal.leave_to_remain.time_limit_ends_on");
      return Status::OK();
    }
    const std::string meanwhile = removal_barred ? "no removal before it ends" : "Art. 68(6) lifts the bar on removal meanwhile";
    OP_ASSIGN_OR_RETURN(Deadline d, ComputeDeadline(data_, ComputationRule::kApr73, kLeaveToRemainDeadline,
                                                    "apr.leave_to_remain_request_min", *r.notified_on, c_.member_state,
                                                    at_, std::nullopt,
                                                    "the shortest time limit national law may set to ask the court to "
                                                    "remain pending the appeal; " + meanwhile + " (give "
                                                    "appeal.leave_to_remain.time_limit_ends_on for the national one)"));
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // APR Art. 68(2): the right to remain until the time limit to appeal has passed and, for an
  // appeal lodged in time, until its outcome.
  Status RightToRemainPendingAppeal(const Article68_3& article) {
    const auto& r = c_.rejection;
    const auto& a = c_.appeal;
    const std::string why =
        article.minor_excepted
            ? "The person is an unaccompanied minor, whom Art. " + article.letter + " excepts: "
            : "The rejection " + RejectedAs(r) + " is none of the decisions of Art. 68(3): ";
    if (a.lodged_on) {
      if (a.time_limit_ends_on && *a.time_limit_ends_on < *a.lodged_on) {
        Ended(*a.time_limit_ends_on, "APR-68(2)", Apr("68(2)"),
              why + "the right to remain lasted until the time limit to appeal ended on " +
                  a.time_limit_ends_on->ToString() + "; the appeal of " + a.lodged_on->ToString() +
                  " came after it and does not extend it.",
              {"appeal.time_limit_ends_on", "appeal.lodged_on"});
        return Status::OK();
      }
      if (!a.decided_on) {
        NotYet("APR-68(2)", Apr("68(2)"),
               why + "the person has the right to remain pending the appeal lodged on " + a.lodged_on->ToString() + ".",
               {"appeal.lodged_on"});
        return Status::OK();
      }
      Ended(*a.decided_on, "APR-68(2)", Apr("68(2)"),
            why + "the right to remain pending the appeal lodged on " + a.lodged_on->ToString() +
                " ended when the court dismissed it on " + a.decided_on->ToString() + ".",
            {"appeal.lodged_on", "appeal.decided_on", "appeal.outcome"});
      FurtherAppeal();
      return Status::OK();
    }
    if (!a.time_limit_ends_on) {
      return Status::InvalidArgument(
          "is required: without an appeal, the right to remain lasts until the time limit to appeal ends "
          "(Regulation (EU) 2024/1348, Art. 68(2)), which national law sets (Art. 67(7))",
          "appeal.time_limit_ends_on");
    }
    if (at_ <= *a.time_limit_ends_on) {
      NotYet("APR-68(2)", Apr("68(2)"),
             why + "the person has the right to remain until the time limit to appeal ends on " +
                 a.time_limit_ends_on->ToString() + ".",
             {"appeal.time_limit_ends_on"});
      return Status::OK();
    }
    Ended(*a.time_limit_ends_on, "APR-68(2)", Apr("68(2)"),
          why + "no appeal was lodged, and the right to remain ended with the time limit to appeal on " +
              a.time_limit_ends_on->ToString() + ".",
          {"appeal.time_limit_ends_on"});
    return Status::OK();
  }

  void FurtherAppeal() {
    if (!c_.appeal.further_appeal_lodged_on) return;
    AddGround("APR-68(7)", Apr("68(7)"),
              "The further appeal lodged on " + c_.appeal.further_appeal_lodged_on->ToString() +
                  " gives no right to remain, unless a court allows it where the principle of non-refoulement is "
                  "invoked.",
              "no_right_to_remain_further_appeal", {"appeal.further_appeal_lodged_on"});
  }

  // ---- The maximum period (Art. 4(2); crisis: Art. 6(1)(a); afterwards: Art. 4(4)) ----

  // The Regulation's own computation rule (Art. 11): the day of the event is not counted, a period
  // in weeks ends on the same weekday, and one ending on a Saturday, Sunday or public holiday of
  // the Member State ends on the next working day. Art. 11 is worded as APR Art. 73, so the APR's
  // computation serves it; the deadline cites Art. 11.
  static constexpr ComputationRule kArt11 = ComputationRule::kApr73;

  // Art. 6: a Member State authorised by a Council implementing decision (Regulation (EU)
  // 2024/1359, Art. 4(3)) may extend the period for persons rejected under that Regulation's
  // Art. 11(3), (4) or (6) (6(1)), and for those rejected before the decision who have no right to
  // remain after it (6(2)).
  bool CrisisExtension() {
    const MemberStateSetting* row = nullptr;
    const bool authorised = policy_.SettingAt(c_.member_state, "crisis_derogation_rbpr_art_6", at_, false, &row);
    if (!authorised) {
      if (c_.rejection.crisis_border_procedure) {
        AddFlag("crisis_without_authorisation",
                "the rejection followed the crisis border procedure (Regulation (EU) 2024/1359, Art. 11), but the "
                "policy data holds no Council implementing decision authorising " + Name(c_.member_state) +
                    " to apply Art. 6 of Regulation (EU) 2024/1349 on " + at_.ToString() + ": the period is not extended");
      }
      return false;
    }
    const bool before_decision = c_.rejection.decided_on < row->effective_from;
    if (!c_.rejection.crisis_border_procedure && !before_decision) {
      AddFlag("crisis_decision_not_applicable",
              Name(c_.member_state) + " is authorised to apply Art. 6 (" + row->legal_basis +
                  "), but the application was not rejected under Regulation (EU) 2024/1359, Art. 11(3), (4) or (6), "
                  "nor before that authorisation: the period is not extended");
      return false;
    }
    AddFlag("crisis_derogation", Name(c_.member_state) + " applies Art. 6 of Regulation (EU) 2024/1349 (" +
                                     row->legal_basis + ")");
    return true;
  }

  Status MaximumPeriod(Date from) {
    const Parameter* base = nullptr;
    OP_ASSIGN_OR_RETURN(Period period, policy_.PeriodAt("rbpr.maximum_period", at_, &base));
    std::string basis = base->legal_basis;
    crisis_ = CrisisExtension();
    if (crisis_) {
      // Art. 6(1)(a): the maximum extended by up to six weeks: one time limit of 12 + 6 weeks.
      const Parameter* extension = nullptr;
      OP_ASSIGN_OR_RETURN(period, ExtendedPeriod(policy_, "rbpr.maximum_period", "rbpr.crisis_extension", at_, &base,
                                                 &extension));
      const Period more = *extension->period;
      basis += "; " + extension->legal_basis;
      AddGround("RBPR-6(1)(a)", extension->legal_basis,
                "In the crisis situation the maximum period is extended by " + more.ToString() + " (Art. 6(1)(a)" +
                    (c_.rejection.crisis_border_procedure ? "" : ", applied by Art. 6(2)") + ").",
                "crisis_extension", {"rejection.crisis_border_procedure", "rejection.decided_on"});
    }
    OP_ASSIGN_OR_RETURN(Deadline d,
                        DeadlineForPeriod(data_, kArt11, "return_border_procedure_maximum", period,
                                          basis + "; computed under " + Rbpr("11"), from, c_.member_state, at_,
                                          c_.departed_on,
                                          "the last day the person may be required to stay at or near the external "
                                          "border or in a transit zone (elsewhere in the territory where the Member "
                                          "State cannot accommodate there); the requirement is no authorisation to "
                                          "enter or stay"));
    const Date end = d.date;
    out_.deadlines.push_back(d);
    maximum_ = std::move(d);
    AddGround("RBPR-4(2)", basis,
              "The person may be required to stay at or near the external border or in a transit zone for at most " +
                  period.ToString() + " from " + from.ToString() + ", the day the right to remain ended: until " +
                  end.ToString() + " (Art. 11).",
              "stay_at_border", {"right_to_remain_ended_on"});
    AddGround("RBPR-4(3)", Rbpr("4(3)"),
              "Directive 2008/115/EC applies in the procedure with its Arts. 3, 4(1), 5, 6(1)-(5), 7(2)-(3), 8-11, 12, "
              "14(1), 15(2)-(4), 16, 17 and 18.",
              "return_directive_provisions");
    AddGround("RBPR-4(4)", Rbpr("4(4)"),
              "If the return decision cannot be enforced by " + end.ToString() +
                  ", the return procedures continue under Directive 2008/115/EC.",
              "return_directive_after");
    if (c_.departed_on) {
      AddGround("RBPR-4(2)", basis, "The person left or was removed on " + c_.departed_on->ToString() + ".", "departed",
                {"departed_on"});
    } else if (end < at_) {
      AddFlag("maximum_period_passed",
              "the maximum period ended on " + end.ToString() +
                  ": the person can no longer be required to stay under Art. 4(2), detention under Art. 5 may not "
                  "last beyond it (Art. 5(4)), and return continues under Directive 2008/115/EC (Art. 4(4))");
    }
    return Status::OK();
  }

  // ---- Voluntary departure (Art. 4(5)) ----
  Status VoluntaryDeparture() {
    StatedReasons excluded;
    excluded.AddIf(c_.risk_of_absconding, "a risk of absconding", "risk_of_absconding");
    excluded.AddIf(c_.rejection.ground == "manifestly_unfounded",
                   "the rejection as manifestly unfounded in the border procedure", "rejection.ground");
    excluded.AddIf(c_.danger_to_public_order_or_security, kDanger, "danger_to_public_order_or_security");
    if (!excluded.empty()) {
      out_.voluntary_departure = "excluded";
      AddGround("RBPR-4(5)", Rbpr("4(5)"),
                "No period for voluntary departure, because of " + excluded.Listed() +
                    "; the person may still comply with the obligation to return voluntarily at any time.",
                "voluntary_departure_excluded", excluded.evidence);
      return Status::OK();
    }
    const Parameter* p = nullptr;
    OP_ASSIGN_OR_RETURN(Period max, policy_.PeriodAt("rbpr.voluntary_departure_max", at_, &p));
    if (!c_.voluntary_departure_requested) {
      out_.voluntary_departure = "on_request_only";
      AddGround("RBPR-4(5)", p->legal_basis,
                "A period for voluntary departure of at most " + max.ToString() +
                    " is granted if the person asks for it; none was asked for.",
                "voluntary_departure_on_request");
      return Status::OK();
    }
    out_.voluntary_departure = "granted_on_request";
    AddGround("RBPR-4(5)", p->legal_basis,
              "The person asked for a period for voluntary departure: it is granted, of at most " + max.ToString() +
                  ", and gives no right to enter the territory.",
              "voluntary_departure_granted", {"voluntary_departure_requested"});
    if (!c_.travel_documents_handed_over) {
      AddFlag("travel_documents_to_hand_over",
              "for the period for voluntary departure the person hands over any valid travel document held, for as "
              "long as needed to prevent absconding (Art. 4(5), third sentence)");
    }
    return Status::OK();
  }

  // ---- Detention (Art. 5; crisis: Art. 6(1)(b)) ----
  void Detention() {
    if (!maximum_) {
      out_.detention = "not_yet";
      AddGround("RBPR-5(2)", Rbpr("5(2)-(3)"),
                "Detention under Art. 5 concerns a person who no longer has a right to remain nor is authorised to "
                "remain; this person still is.",
                "detention_not_yet");
      return;
    }
    if (c_.detained_during_border_procedure) {
      out_.detention = "may_continue";
      AddGround("RBPR-5(2)", Rbpr("5(2)"),
                "The person was detained during the asylum border procedure: detention may continue to prevent entry, "
                "prepare the return or carry out the removal.",
                "detention_may_continue", {"detained_during_border_procedure"});
    } else {
      StatedReasons grounds;
      grounds.AddIf(c_.risk_of_absconding, "a risk of absconding within the meaning of Directive 2008/115/EC",
                    "risk_of_absconding");
      grounds.AddIf(c_.avoids_or_hampers_return, "the person avoids or hampers the preparation of return or the removal",
                    "avoids_or_hampers_return");
      grounds.AddIf(c_.danger_to_public_order_or_security, kDanger, "danger_to_public_order_or_security");
      if (grounds.empty()) {
        out_.detention = "no_ground";
        AddGround("RBPR-5(3)", Rbpr("5(3)"),
                  "The person was not detained during the asylum border procedure, and no ground of Art. 5(3) is "
                  "stated: no detention under Art. 5.",
                  "detention_no_ground");
        if (c_.detained_on) {
          AddFlag("detention_without_ground",
                  "the case says the person has been detained since " + c_.detained_on->ToString() +
                      ", but neither Art. 5(2) nor a ground of Art. 5(3) is stated");
        }
        return;
      }
      out_.detention = "may_be_imposed";
      AddGround("RBPR-5(3)", Rbpr("5(3)"), "Detention may be imposed: " + grounds.Listed() + ".",
                "detention_may_be_imposed", grounds.evidence);
    }
    out_.not_assessed.push_back(
        "Regulation (EU) 2024/1349, Art. 5(1): detention only as a last resort, where an individual assessment finds it "
        "necessary and less coercive measures cannot be applied effectively");
    const std::string basis = Rbpr(crisis_ ? "5(4), 6(1)(b)" : "5(4)");
    AddGround("RBPR-5(4)", basis,
              "Detention lasts as short a time as possible, only while removal is in reasonable prospect and carried out "
              "with due diligence, and never beyond " + maximum_->date.ToString() +
                  "; detention immediately following counts this period towards the maximum periods of Directive "
                  "2008/115/EC, Art. 15(5)-(6).",
              "detention_maximum");
    Deadline d = *maximum_;
    d.name = "detention_maximum";
    d.legal_basis = basis;
    d.note = "detention under Art. 5 ends at the latest on this day";
    if (c_.detained_on && !c_.departed_on) {
      d.state = at_ <= d.date ? "running" : "expired";
      if (d.date < at_) {
        AddFlag("detention_maximum_passed", "detention under Art. 5 could last until " + d.date.ToString() +
                                                " at the latest; the person is said to be detained since " +
                                                c_.detained_on->ToString());
      }
    }
    out_.deadlines.push_back(std::move(d));
    const bool minor = c_.person.unaccompanied_minor ||
                       (c_.person.date_of_birth && at_ < c_.person.date_of_birth->AddYears(18));
    if (minor) {
      AddFlag("minor", "the person is a minor: Directive 2008/115/EC, Art. 17, on the detention of minors and "
                       "families, applies in the return border procedure (Art. 4(3))");
    }
  }

  // ---- Refusal of entry (Art. 4(6)) ----
  void RefusalOfEntry() {
    if (!c_.refusal_of_entry) return;
    AddGround("RBPR-4(6)", Rbpr("4(6)"),
              Name(c_.member_state) +
                  " refused entry under Regulation (EU) 2016/399, Art. 14, not applying Directive 2008/115/EC (its Art. "
                  "2(2)(a)): the person is treated and protected as Directive 2008/115/EC, Art. 4(4), requires, and "
                  "equivalently to Arts. 4(2) and 5(4) of this Regulation (the same maximum period).",
              "refusal_of_entry_safeguards", {"refusal_of_entry"});
  }

  const ReturnBorderCase& c_;
  std::optional<Deadline> maximum_;  // the maximum period (Art. 4(2)), once the right to remain ended
  bool crisis_ = false;              // extended under Art. 6(1)(a)
};

}  // namespace

Result<ReturnBorderDecision> DecideReturnBorder(const ReturnBorderCase& c, const RulesData& data, std::optional<Date> at) {
  ReturnBorderDecider d(c, data, at.value_or(c.decision_date));
  return d.Run();
}

std::string ReturnBorderDecisionToJson(const ReturnBorderDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("return_border_procedure", d.return_border_procedure);
  WriteDateOrNull(w, "right_to_remain_ended_on", d.right_to_remain_ended_on);
  w.Field("voluntary_departure", d.voluntary_departure).Field("detention", d.detention);
  WriteDecisionRecord(w, d);
  w.EndObject();
  return w.Take();
}

}  // namespace openpact::rules
