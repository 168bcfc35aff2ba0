// Reception conditions: Directive (EU) 2024/1346 (RCD), read against
// shared/spec/law-it/reg-2024-1346.txt. Organised as the Directive is: scope (recitals 73-74,
// Arts. 35-36), information (Art. 5(1)), detention's judicial review (Art. 11(3)), education (Art.
// 16(2)), employment (Art. 17(1)), special reception needs (Art. 25(1)) and unaccompanied minors'
// representatives (Art. 27(1)), and material reception conditions: where they are due (Art. 21)
// and their reduction or withdrawal (Art. 23).
//
// Time limits are counted under Regulation (EEC, Euratom) No 1182/71, Art. 3: the Directive has no
// computation rule of its own (as the Screening Regulation, rules/screening.h). A period ending on
// a Saturday, Sunday or public holiday of the Member State ends on the next working day (3(4)).
#include "rules/reception.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/json_writer.h"

namespace openpact::rules {
namespace {

std::string Rcd(const std::string& article) { return "Directive (EU) 2024/1346, Art. " + article; }

constexpr ComputationRule kRule = ComputationRule::kReg1182_71;

// Accelerated examinations under APR Art. 42(1)(a)-(f) exclude access to the labour market (RCD
// Art. 17(1), second subparagraph); (g)-(j) do not.
bool ExcludesLabourMarket(const std::string& ground) {
  static const char* kExcluding[] = {"42(1)(a)", "42(1)(b)", "42(1)(c)", "42(1)(d)", "42(1)(e)", "42(1)(f)"};
  return std::find(std::begin(kExcluding), std::end(kExcluding), ground) != std::end(kExcluding);
}

class ReceptionDecider : RecordDecider<ReceptionDecision> {
 public:
  ReceptionDecider(const ReceptionCase& c, const RulesData& data, Date at)
      : RecordDecider(data, c.member_state, at), c_(c) {}

  Result<ReceptionDecision> Run() {
    OP_RETURN_IF_ERROR(CheckScope());
    AddFlag("directive_maximum",
            "the time limits are the longest Directive (EU) 2024/1346 allows; the national law transposing it "
            "(Art. 35) may set shorter ones, which then apply");
    OP_RETURN_IF_ERROR(Information());
    OP_RETURN_IF_ERROR(SpecialReceptionNeeds());
    OP_RETURN_IF_ERROR(Representative());
    OP_RETURN_IF_ERROR(Education());
    OP_RETURN_IF_ERROR(LabourMarket());
    OP_RETURN_IF_ERROR(DetentionReview());
    OP_RETURN_IF_ERROR(MovementRestriction());
    MaterialConditions();
    return std::move(out_);
  }

 private:

  // ---- Scope: who is bound (recitals 73-74), from when (Arts. 35(1), 36) ----
  Status CheckScope() {
    OP_ASSIGN_OR_RETURN(Date applies_from,
                        CheckBoundAndApplying("bound_by_rcd", "Directive (EU) 2024/1346", "rcd.application_date",
                                              "the Member States apply it from 12 June 2026, Art. 35(1)"));
    if (c_.application.made_on < applies_from) {
      return Status::InvalidArgument("made before " + applies_from.ToString() +
                                         ": the time limits that ran from it followed the national law "
                                         "transposing Directive 2013/33/EU, which OpenPact does not encode",
                                     "application.made_on");
    }
    return Status::OK();
  }

  // ---- Art. 5(1), second subparagraph: the standard information on reception "at the latest
  // three days after the application is made or within the time limit for its registration" under
  // the APR (Art. 27: five days, fifteen for a disproportionate number). Either arm complies, so
  // the later is the outer limit; the answer shows both, and says when only the second was met. ----
  Status Information() {
    const auto& a = c_.application;
    OP_ASSIGN_OR_RETURN(Deadline three_days, Limit(kRule, "reception_information", "rcd.information", a.made_on,
                                                   c_.information_provided_on, ""));
    // The registration's time limit (APR Art. 27): five days from the making, fifteen with a
    // disproportionate number (27(5)); for an application made to an authority that does not
    // register applications, five days from the registering authority's information (27(3)),
    // unknown until it is recorded: then only the three days can be counted.
    const bool referred = a.made_to_non_registering_authority && !a.disproportionate_number;
    if (referred && !a.registering_authority_informed_on) {
      three_days.legal_basis = Rcd("5(1), second subparagraph") + "; computed under " + ComputationRuleCitation(kRule);
      three_days.note = "the standard information on reception conditions, at the latest three days after the "
                        "application was made or within the time limit for its registration, which runs from the "
                        "registering authority's information (Regulation (EU) 2024/1348, Art. 27(3)): not recorded, "
                        "so only the three days are counted";
      AddFlag("registration_time_limit_unknown",
              "the application was made to an authority that does not register applications: the time limit for its "
              "registration, which Art. 5(1) also admits, runs from the registering authority's information, not "
              "recorded (Regulation (EU) 2024/1348, Art. 27(3))");
      out_.deadlines.push_back(std::move(three_days));
      return Status::OK();
    }
    const char* registration_param = a.disproportionate_number ? "apr.registration_disproportionate"
                                      : referred                 ? "apr.registration_after_referral"
                                                                 : "apr.registration";
    const Date registration_from = referred ? *a.registering_authority_informed_on : a.made_on;
    OP_ASSIGN_OR_RETURN(Deadline registration,
                        ComputeDeadline(data_, ComputationRule::kApr73, "registration", registration_param,
                                        registration_from, c_.member_state, at_, c_.information_provided_on));
    Deadline d = registration.date > three_days.date ? registration : three_days;
    d.name = "reception_information";
    d.legal_basis = Rcd("5(1), second subparagraph") + "; " + registration.legal_basis + "; computed under " +
                    ComputationRuleCitation(kRule) + " and " + ComputationRuleCitation(ComputationRule::kApr73);
    d.period = three_days.period + " or the time limit for registration (" + registration.period + ")";
    d.note = "the standard information on reception conditions, at the latest three days after the application "
             "was made (" + three_days.date.ToString() + ") or within the time limit for its registration (" +
             registration.date.ToString() + ", Regulation (EU) 2024/1348, Arts. 27 and 73): either complies";
    if (referred) d.note += "; the registration's five days run from the registering authority's information (Art. 27(3))";
    if (c_.information_provided_on && three_days.state == "missed" && registration.state == "met") {
      AddFlag("information_after_three_days",
              "the information was given on " + c_.information_provided_on->ToString() + ", after the three days (" +
                  three_days.date.ToString() + ") but within the time limit for registration (" +
                  registration.date.ToString() + "): Art. 5(1) admits either");
    }
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // ---- Art. 25(1): the assessment of special reception needs, completed within 30 days of the
  // application being made or, integrated with the assessment of APR Art. 20, within that
  // Regulation's time limit (Art. 20(3): 30 days, from a start it does not name). ----
  Status SpecialReceptionNeeds() {
    const auto& n = c_.needs_assessment;
    if (!n.integrated_with_apr_article_20) {
      OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "special_reception_needs_assessment", "rcd.special_needs_assessment",
                                            c_.application.made_on, n.completed_on,
                                            "the assessment of special reception needs is completed, and the needs "
                                            "it finds addressed"));
      out_.deadlines.push_back(std::move(d));
      return Status::OK();
    }
    OP_ASSIGN_OR_RETURN(Deadline d,
                        ComputeDeadline(data_, ComputationRule::kApr73, "special_reception_needs_assessment",
                                        "apr.special_procedural_guarantees_assessment", c_.application.made_on,
                                        c_.member_state, at_, n.completed_on,
                                        "integrated with the assessment of special procedural guarantees: within "
                                        "the time limit of Regulation (EU) 2024/1348, Art. 20(3)"));
    d.legal_basis = Rcd("25(1), fourth subparagraph") + "; " + d.legal_basis + "; computed under " +
                    ComputationRuleCitation(ComputationRule::kApr73);
    out_.deadlines.push_back(std::move(d));
    AddFlag("apr_article_20_start_not_stated",
            "Regulation (EU) 2024/1348, Art. 20(3) gives 30 days without saying from when; the engine counts them from "
            "the making of the application, as Art. 25(1) of the Directive does for its own 30 days (a start at "
            "lodging would end them later)");
    return Status::OK();
  }

  // ---- Art. 27(1): for an unaccompanied minor, a person to act provisionally at once, and a
  // representative as soon as possible and within 15 working days of the application being made;
  // in a disproportionate number of such applications or another exceptional situation, up to 10
  // days later (fifth subparagraph). ----
  Status Representative() {
    if (!c_.applicant.unaccompanied_minor) return Status::OK();
    const auto& r = c_.representative;
    const std::string note = "a representative for the unaccompanied minor; until then a person designated to act "
                             "provisionally as representative (Art. 27(1)(a))";
    OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "representative", "rcd.representative", c_.application.made_on,
                                          r.appointed_on, note));
    if (r.exceptional_situation) {
      OP_ASSIGN_OR_RETURN(Deadline later, Limit(kRule, "representative", "rcd.representative_exceptional_delay", d.date,
                                                r.appointed_on, note + "; delayed in an exceptional situation"));
      later.from = d.from;
      later.period = d.period + " and " + later.period;
      later.legal_basis = Rcd("27(1), first subparagraph, point (b), and fifth subparagraph") + "; computed under " +
                          ComputationRuleCitation(kRule);
      AddGround("RCD-27(1)", Rcd("27(1), fifth subparagraph"),
                "A disproportionate number of applications by unaccompanied minors, or another exceptional "
                "situation: the appointment may be delayed by 10 days, to " + later.date.ToString() + ".",
                "representative_delayed", {"representative.exceptional_situation"});
      d = std::move(later);
    }
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // ---- Art. 16(2): minors' access to the education system, as soon as possible and not later
  // than two months from the lodging of the application, school holidays taken into account. ----
  bool Minor() const {
    if (c_.applicant.unaccompanied_minor || c_.applicant.minor_children) return true;
    if (!c_.applicant.date_of_birth) return false;
    const Date on = c_.application.lodged_on.value_or(c_.application.made_on);
    return on < c_.applicant.date_of_birth->AddYears(18);
  }
  Status Education() {
    if (!Minor()) return Status::OK();
    if (!c_.application.lodged_on) {
      out_.not_assessed.push_back(Rcd("16(2)") + ": minors' access to the education system, at the latest two months "
                                  "from the lodging of the application (give application.lodged_on)");
      return Status::OK();
    }
    OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "education_access", "rcd.education_access", *c_.application.lodged_on,
                                          c_.education_access_on,
                                          "access to the education system for the minor applicant or the "
                                          "applicant's minor children, taking school holidays into account; "
                                          "education outside the ordinary system for at most one month"));
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // ---- Art. 17(1): access to the labour market within six months of the registration, where the
  // determining authority has not decided and the delay is not the applicant's doing; none (or
  // withdrawn) when the examination is accelerated under APR Art. 42(1)(a)-(f). ----
  Status LabourMarket() {
    const auto& a = c_.application;
    if (!a.accelerated_ground.empty() && ExcludesLabourMarket(a.accelerated_ground)) {
      out_.labour_market_access = "excluded_accelerated";
      AddGround("RCD-17(1)", Rcd("17(1), second subparagraph"),
                "The examination is accelerated under Regulation (EU) 2024/1348, Art. " + a.accelerated_ground +
                    ": access to the labour market is not granted" +
                    (c_.labour_market_access_on ? ", and the access granted on " + c_.labour_market_access_on->ToString() +
                                                      " is withdrawn."
                                                : "."),
                "labour_market_excluded", {"application.accelerated_ground"});
      return Status::OK();
    }
    if (!a.registered_on) {
      out_.labour_market_access = "not_yet_registered";
      out_.not_assessed.push_back(Rcd("17(1)") + ": access to the labour market within six months of the "
                                  "registration of the application (give application.registered_on)");
      return Status::OK();
    }
    OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "labour_market_access", "rcd.labour_market_access", *a.registered_on,
                                          c_.labour_market_access_on,
                                          "effective access to the labour market under national law (Art. 17(2))"));
    if (!c_.labour_market_access_on && a.decided_on && *a.decided_on <= d.date) {
      out_.labour_market_access = "not_due_decision_taken";
      AddGround("RCD-17(1)", Rcd("17(1)"),
                "The determining authority decided on the application on " + a.decided_on->ToString() +
                    ", within the six months from its registration (" + d.date.ToString() +
                    "): the Directive does not require access to the labour market.",
                "labour_market_not_due", {"application.decided_on", "application.registered_on"});
      return Status::OK();
    }
    if (!c_.labour_market_access_on && a.delay_attributable_to_applicant) {
      out_.labour_market_access = "not_due_applicant_delay";
      AddGround("RCD-17(1)", Rcd("17(1)"),
                "The delay in deciding on the application is attributable to the applicant: the six months from its "
                "registration (" + d.date.ToString() + ") do not oblige the Member State to grant access.",
                "labour_market_not_due", {"application.delay_attributable_to_applicant"});
      return Status::OK();
    }
    out_.labour_market_access = c_.labour_market_access_on ? "granted" : "due";
    out_.deadlines.push_back(std::move(d));
    LabourMarketDuringAppeal();
    return Status::OK();
  }

  // ---- Art. 17(9): access to the labour market is not withdrawn during an appeal in which the
  // applicant has the right to remain, until the negative decision on it is notified. ----
  void LabourMarketDuringAppeal() {
    const auto& a = c_.application;
    if (!a.appealed_with_right_to_remain || !c_.labour_market_access_on) return;
    const std::string granted = "access to the labour market granted on " + c_.labour_market_access_on->ToString();
    if (!a.appeal_decision_notified_on) {
      AddGround("RCD-17(9)", Rcd("17(9)"),
                "The applicant appealed the decision of " + a.decided_on->ToString() +
                    " with a right to remain: the " + granted +
                    " is not withdrawn during the appeal, until the negative decision on it is notified.",
                "labour_market_kept_during_appeal",
                {"application.appealed_with_right_to_remain", "labour_market_access_on"});
      return;
    }
    AddGround("RCD-17(9)", Rcd("17(9)"),
              "The negative decision on the appeal was notified on " + a.appeal_decision_notified_on->ToString() +
                  ": from then the " + granted + " may be withdrawn.",
              "labour_market_may_end", {"application.appeal_decision_notified_on", "labour_market_access_on"});
  }

  // ---- Art. 9: a restriction of the freedom of movement. Residence in a specific place, where
  // necessary, for reasons of public order or to prevent absconding (9(1)), the material reception
  // conditions then subject to actual residence there; reporting duties to ensure compliance with
  // such a decision or to prevent absconding (9(2)). Proportionate to the individual situation
  // (9(4), an individual assessment: not assessed); the decision states its reasons and the
  // applicant is informed in writing, with how to appeal (Art. 29) and what non-compliance entails
  // (9(5)); a judicial authority reviews it ex officio once it has applied for more than two
  // months, or it can be appealed on request under Art. 29 (9(5), last sentence: the Member
  // State's choice). ----
  Status MovementRestriction() {
    const auto& x = c_.movement_restriction;
    if (!x.present) {
      out_.movement_restriction = "none";
      return Status::OK();
    }
    const Date from = x.applied_from;
    const bool ended = x.ended_on && *x.ended_on <= at_;
    out_.movement_restriction = ended ? "ended" : "in_force";
    const bool place = x.type == "specific_place";
    static const std::map<std::string, std::string> kWhy = {
        {"public_order", "for reasons of public order"},
        {"risk_of_absconding", "to prevent the applicant from absconding, where there is a risk of absconding"},
        {"compliance_with_specific_place", "to ensure compliance with a decision to reside in a specific place"}};
    AddGround(place ? "RCD-9(1)" : "RCD-9(2)", Rcd(place ? "9(1)" : "9(2)"),
              std::string(place ? "The applicant may reside only in a specific place suitable for accommodating "
                                  "applicants, "
                                : "The applicant reports to the competent authorities at set times, ") +
                  kWhy.at(x.ground) + ", decided on " + x.decided_on.ToString() + "." +
                  (place ? " The material reception conditions are subject to actual residence in that place (Art. "
                           "9(1), second subparagraph)."
                         : ""),
              "movement_restricted", {"movement_restriction.type", "movement_restriction.ground"});
    out_.not_assessed.push_back(Rcd("9(4)") + ": the restriction is proportionate and takes account of the "
                                "applicant's individual situation, special reception needs included");
    if (!x.reasons_stated) {
      AddFlag("restriction_reasons_not_recorded",
              "the decision states its reasons of fact and, where relevant, of law (Art. 9(5)); the case does not "
              "record that it does");
    }
    if (!x.informed_in_writing_on) {
      AddFlag("restriction_information_not_recorded",
              "the applicant is informed in writing of the decision, of how to appeal it (Art. 29) and of the "
              "consequences of not complying, in a language understood (Art. 9(5)); no such information is recorded");
    }
    if (x.review == "on_request") {
      AddFlag("restriction_appealable",
              "the Member State reviews restrictions on the applicant's request: the decision can be appealed under Art. "
              "29, with a judicial review at least at the last instance (Art. 9(5), last sentence)");
      return Status::OK();
    }
    OP_ASSIGN_OR_RETURN(Deadline review,
                        Limit(kRule, "restriction_ex_officio_review", "rcd.restriction_ex_officio_review", from,
                              std::nullopt,
                              "a judicial authority reviews the restriction ex officio once it has applied for more "
                              "than this period, counted from its application"));
    if (x.ended_on && *x.ended_on <= review.date) {
      // Ended before it had applied for two months: no ex officio review falls due.
      return Status::OK();
    }
    const Date due_from = review.date;
    // The date is when the review falls due, not a last day: one held after it meets it.
    const bool reviewed = x.judicially_reviewed_on && *x.judicially_reviewed_on >= due_from;
    if (reviewed) review.state = "met";
    out_.deadlines.push_back(std::move(review));
    if (reviewed) {
      AddGround("RCD-9(5)", Rcd("9(5)"),
                "A judicial authority reviewed the restriction ex officio on " + x.judicially_reviewed_on->ToString() +
                    ", after it had applied for more than two months.",
                "restriction_reviewed", {"movement_restriction.judicially_reviewed_on"});
    } else if (at_ > due_from) {
      AddFlag("restriction_review_due",
              "the restriction has applied since " + from.ToString() + ", for more than two months (" +
                  due_from.ToString() + "): a judicial authority reviews it ex officio (Art. 9(5)); no such review is "
                  "recorded since");
    }
    return Status::OK();
  }

  // ---- Art. 11(3): detention ordered by an administrative authority is reviewed speedily by a
  // court, ex officio within 15 days of the start of detention (21 in exceptional situations), or
  // on request within 15 (21) days of the start of the proceedings; a review not concluded within
  // 21 days means immediate release. ----
  Status DetentionReview() {
    const auto& x = c_.detention;
    if (!x.present) {
      out_.detention_review = "not_applicable";
      return Status::OK();
    }
    out_.not_assessed.push_back(Rcd("10(2)-(4)") + ": whether detention is necessary on the basis of an individual "
                                "assessment, proportionate, and rests on a ground of Art. 10(4), where less coercive "
                                "alternatives cannot be applied effectively");
    if (x.ordered_by == "judicial") {
      out_.detention_review = "judicial_order";
      AddGround("RCD-11(5)", Rcd("11(5)"),
                "Detention was ordered by a judicial authority: the speedy review of Art. 11(3) concerns orders of an "
                "administrative authority; the order is reviewed by a judicial authority at reasonable intervals.",
                "periodic_review", {"detention.ordered_by"});
      return Status::OK();
    }
    const bool on_request = x.review == "on_request";
    const Date from = on_request ? *x.review_requested_on : x.started_on;
    const std::string start = on_request ? "the start of the proceedings on request" : "the start of detention";
    OP_ASSIGN_OR_RETURN(Deadline review,
                        Limit(kRule, "detention_review",
                              x.exceptional_situation ? "rcd.detention_review_exceptional" : "rcd.detention_review", from,
                              x.reviewed_on,
                              std::string("the judicial review of the administrative detention order (") +
                                  (on_request ? "on the applicant's request" : "ex officio") + "), from " + start +
                                  (x.exceptional_situation ? ", in an exceptional situation" : "")));
    // The 21 days are kept when, by their end, the review concluded or the person was released,
    // whichever came first.
    std::optional<Date> freed = x.reviewed_on;
    if (x.released_on && (!freed || *x.released_on < *freed)) freed = x.released_on;
    OP_ASSIGN_OR_RETURN(Deadline release, Limit(kRule, "detention_release", "rcd.detention_release", from, freed,
                                                 "a review not concluded by this day means the applicant is "
                                                 "released immediately"));
    if (x.reviewed_on) {
      out_.detention_review = "concluded";
      if (release.state == "missed") {
        AddFlag("release_was_required",
                "the review concluded on " + x.reviewed_on->ToString() + ", after the 21 days from " + start + " (" +
                    release.date.ToString() + "): the applicant was to be released immediately then (Art. 11(3), "
                    "second subparagraph)");
      }
    } else if (x.released_on && *x.released_on <= release.date) {
      // Released before any review: what the Directive's time limits protect is the release.
      out_.detention_review = "released";
      out_.deadlines.push_back(std::move(release));
      return Status::OK();
    } else if (release.state == "expired" || release.state == "missed") {
      out_.detention_review = "release_required";
      AddFlag("release_required",
              "no review concluded within the 21 days from " + start + " (" + release.date.ToString() +
                  "): the applicant is released immediately (Art. 11(3), second subparagraph)" +
                  (x.released_on ? "; released only on " + x.released_on->ToString() : ""));
    } else {
      out_.detention_review = "pending";
    }
    out_.deadlines.push_back(std::move(review));
    out_.deadlines.push_back(std::move(release));
    return Status::OK();
  }

  // ---- Material reception conditions. Art. 21: from the notification of a transfer decision to
  // the Member State responsible, none of the conditions of Arts. 17-20 in a Member State other
  // than the one where the applicant is required to be present. Art. 23: a decision reducing or
  // withdrawing them rests on a ground of 23(2); it reaches the daily expenses allowance (23(1),
  // first subparagraph), other conditions only where duly justified and proportionate, reduced
  // (23(1)(a)) or, for 23(2)(e) alone, withdrawn (23(1)(b)); none is applied before the decision
  // (23(5)); for grounds (a), (b) and (f), restoring them is considered once the circumstances
  // cease (23(3)). Health care (Art. 22) and a dignified standard of living remain (21, 23(4)). ----
  static const char* MeasureGround(char g) {
    switch (g) {
      case 'a': return "left the geographical area or the place of residence assigned without permission, or absconded";
      case 'b': return "did not cooperate with the competent authorities or comply with the procedural requirements they set";
      case 'c': return "lodged a subsequent application (Regulation (EU) 2024/1348, Art. 3, point (19))";
      case 'd': return "concealed financial resources and so benefited unduly from material reception conditions";
      case 'e': return "seriously or repeatedly breached the rules of the accommodation centre, or behaved violently or "
                       "threateningly there";
      default: return "did not take part in compulsory integration measures made available or promoted by the Member "
                      "State, without circumstances beyond the applicant's control";
    }
  }
  void StandardOfLiving() {
    AddFlag("health_care_and_standard_of_living",
            "whatever the measure, the applicant receives the necessary health care (Art. 22) and a standard of living "
            "in accordance with Union law, including the Charter, and international obligations (Arts. 21, 23(4))");
  }
  void MaterialConditions() {
    const auto& m = c_.material_conditions;
    const auto& x = m.measure;
    const std::string& elsewhere = m.required_to_be_present_in;
    if (m.transfer_decision_notified_on) {
      out_.material_reception_conditions = "not_entitled_here";
      AddGround("RCD-21", Rcd("21"),
                "A transfer decision to " + Name(elsewhere) + " was notified on " +
                    m.transfer_decision_notified_on->ToString() +
                    ": from then the applicant has no right to the reception conditions of Arts. 17-20 in a Member "
                    "State other than " + Name(elsewhere) + ", where the applicant is required to be present; the "
                    "transfer decision (or a separate one) says so.",
                "reception_conditions_not_due",
                {"material_conditions.transfer_decision_notified_on", "material_conditions.required_to_be_present_in"});
      if (x.present) {
        AddFlag("measure_superseded", "Art. 21 already removes the reception conditions of Arts. 17-20 here: the "
                                      "measure under Art. 23 is not assessed");
      }
      StandardOfLiving();
      return;
    }
    if (!x.present) {
      out_.material_reception_conditions = "entitled";
      if (!elsewhere.empty()) {
        AddFlag("required_to_be_present_elsewhere",
                "the applicant is required to be present in " + Name(elsewhere) + " (Regulation (EU) 2024/1351, Art. "
                "17(4)); Art. 21 removes the reception conditions of Arts. 17-20 here once a transfer decision is "
                "notified");
      }
      return;
    }
    if (!elsewhere.empty()) {
      out_.material_reception_conditions = "measure_not_permitted";
      AddGround("RCD-23(1)", Rcd("23(1)"),
                "Art. 23 concerns applicants required to be present on the deciding Member State's territory "
                "(Regulation (EU) 2024/1351, Art. 17(4)); this applicant is required to be present in " +
                    Name(elsewhere) + ": the measure has no basis in Art. 23 (Art. 21 applies once a transfer "
                    "decision is notified).",
                "measure_not_permitted", {"material_conditions.required_to_be_present_in"});
      return;
    }
    const std::string point = std::string("23(2)(") + x.ground + ")";
    if (x.type == "withdraw_other" && x.ground != 'e') {
      out_.material_reception_conditions = "measure_not_permitted";
      AddGround("RCD-23(1)(b)", Rcd("23(1), second subparagraph, point (b)"),
                "Material reception conditions other than the daily expenses allowance may be withdrawn only where "
                "Art. 23(2)(e) applies (a serious or repeated breach of the accommodation centre's rules, or violent "
                "or threatening behaviour there); on the ground of Art. " + point + " they may at most be reduced "
                "(point (a)).",
                "measure_not_permitted", {"material_conditions.measure.type", "material_conditions.measure.ground"});
      return;
    }
    const bool withdraw = x.type.rfind("withdraw", 0) == 0;
    const bool daily = x.type.find("daily_allowance") != std::string::npos;
    out_.material_reception_conditions = withdraw ? "withdrawn" : "reduced";
    const std::string what = daily ? "the daily expenses allowance" : "material reception conditions other than the "
                                                                      "daily expenses allowance";
    const std::string paragraph = daily ? "23(1), first subparagraph"
                                        : std::string("23(1), second subparagraph, point (") + (withdraw ? "b" : "a") + ")";
    AddGround("RCD-" + point, Rcd(paragraph + "; " + point),
              std::string("The applicant ") + MeasureGround(x.ground) + ": the Member State may " +
                  (withdraw ? "withdraw " : "reduce ") + what + (daily ? "." : ", where duly justified and proportionate."),
              withdraw ? "reception_conditions_withdrawn" : "reception_conditions_reduced",
              {"material_conditions.measure.ground", "material_conditions.measure.type"});
    if (!daily) {
      out_.not_assessed.push_back(Rcd("23(1), second subparagraph") + ": whether reducing or withdrawing material "
                                  "reception conditions other than the daily expenses allowance is duly justified and "
                                  "proportionate");
    }
    out_.not_assessed.push_back(Rcd("23(4)") + ": an objective, impartial and reasoned decision on the individual "
                                "case, based on the applicant's particular situation (special reception needs "
                                "especially) and proportionate");
    if (!x.decided_on) {
      if (x.applied_on) {
        AddFlag("applied_without_decision",
                "applied on " + x.applied_on->ToString() + " with no decision recorded: conditions are not reduced or "
                "withdrawn before a decision is taken (Art. 23(5))");
      } else {
        AddFlag("decision_required", "the conditions may be reduced or withdrawn only once a decision is taken "
                                     "(Art. 23(5)); none is recorded");
      }
    } else if (x.applied_on && *x.applied_on < *x.decided_on) {
      AddFlag("applied_before_decision",
              "applied on " + x.applied_on->ToString() + ", before the decision of " + x.decided_on->ToString() +
                  ": conditions are not reduced or withdrawn before a decision is taken (Art. 23(5))");
    }
    if (x.circumstances_ceased_on) {
      if (x.restoration_assessed_on) {
        AddGround("RCD-23(3)", Rcd("23(3)"),
                  "The circumstances of the decision ceased on " + x.circumstances_ceased_on->ToString() +
                      " and restoring the conditions was considered on " + x.restoration_assessed_on->ToString() +
                      "; conditions not all restored need a reasoned decision notified to the applicant.",
                  "restoration_assessed",
                  {"material_conditions.measure.circumstances_ceased_on", "material_conditions.measure.restoration_assessed_on"});
      } else {
        AddFlag("restoration_assessment_due",
                "the circumstances of the decision ceased on " + x.circumstances_ceased_on->ToString() +
                    ": the Member State considers restoring all or part of the conditions (Art. 23(3)); no assessment "
                    "is recorded (the Directive sets no time limit)");
      }
    }
    StandardOfLiving();
  }

  const ReceptionCase& c_;
};

}  // namespace

Result<ReceptionDecision> DecideReception(const ReceptionCase& c, const RulesData& data, std::optional<Date> at) {
  return ReceptionDecider(c, data, at.value_or(c.decision_date)).Run();
}

std::string ReceptionDecisionToJson(const ReceptionDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("labour_market_access", d.labour_market_access)
      .Field("detention_review", d.detention_review)
      .Field("material_reception_conditions", d.material_reception_conditions)
      .Field("movement_restriction", d.movement_restriction);
  WriteDecisionRecord(w, d);
  w.EndObject();
  return w.str();
}

}  // namespace openpact::rules
