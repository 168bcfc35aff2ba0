// The procedure decision, organised by article of Regulation (EU) 2024/1348 (APR):
//   Art. 38  admissibility     (DecideAdmissibility)
//   Art. 42  acceleration      (DecideAcceleration)
//   Arts. 43-45, 48, 50, 53 border procedure (DecideBorder)
//   Arts. 27, 28, 35, 51, 67, 68 time limits (ComputeDeadlines), counted under Art. 73.
// Each general rule and each exception that overrode it is recorded as a Ground, in the order
// evaluated, so the answer explains itself.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_writer.h"
#include "rules/procedure.h"

namespace openpact::rules {
namespace {

using json = nlohmann::json;

std::string Apr(const std::string& article) { return "Regulation (EU) 2024/1348, Art. " + article; }

bool ContainsIgnoreCase(const std::vector<std::string>& list, const std::string& value) {
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return s;
  };
  const std::string v = lower(value);
  for (const std::string& item : list) {
    if (lower(item) == v) return true;
  }
  return false;
}

std::string FormatPct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// One established Art. 42 circumstance and what it means for the border procedure.
struct Circumstance {
  char letter;             // the Art. 42(1) letter it corresponds to ('e', 'f', 'j', ...)
  std::string basis;       // 42(1)(x) or, for unaccompanied minors, 42(3)(y)
  bool border_ground;      // Art. 44(1)(b)
  bool mandatory;          // Art. 45(1); for unaccompanied minors 42(3)(b) only
  size_t ground_index;     // the Ground that records it
};

class Decider {
 public:
  Decider(const ProcedureCase& c, const RulesData& data, Date at)
      : c_(c), data_(data), policy_(data.policy), at_(at), uam_(c.applicant.unaccompanied_minor) {}

  Result<ProcedureDecision> Run() {
    out_.decision_date = at_;
    out_.member_state = c_.member_state;
    out_.policy_version = policy_.version();
    OP_RETURN_IF_ERROR(CheckScope());
    OP_RETURN_IF_ERROR(ResolveCrisisRecommendation());
    ResolveOrigin();
    OP_RETURN_IF_ERROR(DecideAdmissibility());
    AdmissibilityInterview();
    OP_RETURN_IF_ERROR(DecideAcceleration());
    OP_RETURN_IF_ERROR(DecideBorder());
    DecideProcedure();
    BorderPriorities();
    OP_RETURN_IF_ERROR(ComputeDeadlines());
    ImplicitWithdrawal();
    ExplicitWithdrawal();
    out_.withdrawal = c_.facts.explicit_withdrawal_on              ? "explicit"
                      : !c_.facts.implicit_withdrawal_ground.empty() ? "implicit"
                                                                     : "none";
    MeritsInterview();
    RightToRemain();
    FlagUncertainGrounds();
    return std::move(out_);
  }

 private:
  size_t AddGround(std::string rule, std::string basis, std::string explanation, PolicyStatus status,
                   std::string effect, std::vector<std::string> evidence = {}) {
    out_.grounds.push_back(Ground{std::move(rule), std::move(basis), std::move(explanation),
                                  PolicyStatusName(status), std::move(effect), std::move(evidence)});
    return out_.grounds.size() - 1;
  }
  void AddFlag(std::string code, std::string message) {
    for (const Flag& f : out_.flags) {
      if (f.code == code && f.message == message) return;
    }
    out_.flags.push_back(Flag{std::move(code), std::move(message)});
  }
  std::string Name(const std::string& code) const { return data_.countries.NameOf(code); }

  // ---- Regulation (EU) 2024/1359 (crisis and force majeure): a derogation applies only where a
  // Council implementing decision authorises the Member State to apply it (its Arts. 1(3), 4(3)):
  // one member_state_settings row per decision and article, for the period it sets; none shipped.
  // The row in force on `on`, flagged once per article, or nullptr. ----
  const MemberStateSetting* CrisisDerogation(const std::string& setting, const std::string& article, Date on) {
    const MemberStateSetting* row = nullptr;
    if (!policy_.SettingAt(c_.member_state, setting, on, false, &row)) return nullptr;
    AddFlag("crisis_derogation", Name(c_.member_state) + " applies Regulation (EU) 2024/1359, Art. " + article + " (" +
                                     row->legal_basis + ")");
    return row;
  }
  // "a minor" on the decision date (or an unaccompanied minor), "a family member of a minor" (the
  // case records one of a child under 12), else "": whom the Crisis Regulation (Arts. 10(2),
  // 11(5)) and APR Art. 44(3) put first.
  std::string MinorOrFamilyOfMinor() const {
    const auto& a = c_.applicant;
    if (a.unaccompanied_minor || (a.date_of_birth && at_ < a.date_of_birth->AddYears(18))) return "a minor";
    if (a.family_member_of_child_under_12) return "a family member of a minor";
    return "";
  }
  // Who the Crisis Regulation puts first (Arts. 10(2), 11(5)): a minor or a family member of one,
  // a person with special reception needs, and for 11(5) (`procedural_needs`) special procedural
  // ones too. "" when none; else what says so.
  std::string CrisisPriorityPerson(bool procedural_needs) const {
    const auto& a = c_.applicant;
    if (std::string who = MinorOrFamilyOfMinor(); !who.empty()) return who;
    if (a.special_reception_needs) return "a person with special reception needs";
    if (procedural_needs && a.special_procedural_guarantees) return "a person with special procedural needs";
    return "";
  }
  // Crisis Regulation Art. 11(5): applying 11(3) or 11(4), the examination of these persons'
  // applications comes first.
  void CrisisExaminationPriority() {
    const std::string who = CrisisPriorityPerson(true);
    if (who.empty()) return;
    AddFlag("crisis_examination_priority",
            "the applicant is " + who + ": applying Art. 11(3) or (4) of Regulation (EU) 2024/1359, the Member State "
            "examines such applications first (Art. 11(5))");
  }

  // The latest rate of Art. 42(1)(j) for the applicant's country is at or below `pct` (a reported
  // rate, else an upper bound at or below it).
  bool OriginRateAtOrBelow(double pct) const {
    const RecognitionRate* r = policy_.LatestRecognitionRate(origin_, at_);
    return r != nullptr && r->AtOrBelow(pct);
  }
  // Crisis Regulation Art. 11(2)-(3): a 42(1)(j) case the border procedure need not take, the
  // derogation's row in force; nullptr when the procedure stays mandatory.
  Result<const MemberStateSetting*> CrisisReliefOfMandatoryBorder(std::string* why, std::string* article) {
    if (const MemberStateSetting* row = CrisisDerogation("crisis_derogation_art_11_2", "11(2)", at_)) {
      *article = "11(2)";
      *why = "the measures of the Member State's contingency plan (Directive (EU) 2024/1346, Art. 32) do not "
             "suffice, and the Member State is not required to examine 42(1)(j) cases in the border procedure";
      return row;
    }
    if (const MemberStateSetting* row = CrisisDerogation("crisis_derogation_art_11_3", "11(3)", at_)) {
      const Parameter* p = nullptr;
      OP_ASSIGN_OR_RETURN(double lowered, policy_.NumberAt("crisis.mandatory_border_threshold_pct", at_, &p));
      if (OriginRateAtOrBelow(lowered)) return nullptr;
      *article = "11(3)";
      *why = "the threshold of Art. 45(1) for 42(1)(j) cases is lowered to " + FormatPct(lowered) +
             " %, which the recognition rate of " + Name(origin_) + " is not at or below";
      return row;
    }
    return nullptr;
  }
  static std::string Crisis(const std::string& article) { return "Regulation (EU) 2024/1359, Art. " + article; }

  // Crisis Regulation Art. 14(1): the Commission recommendation the case cites must be one the
  // policy data knows, adopted by the decision date.
  Status ResolveCrisisRecommendation() {
    const std::string& ref = c_.application.crisis_recommendation;
    if (ref.empty()) return Status::OK();
    recommendation_ = policy_.CrisisRecommendationAt(ref, at_);
    if (recommendation_ == nullptr) {
      return Status::InvalidArgument("no Commission recommendation '" + ref +
                                         "' under Regulation (EU) 2024/1359, Art. 14(1), is in force on " +
                                         at_.ToString() + " in the policy data (crisis_recommendations.csv)",
                                     "application.crisis_recommendation");
    }
    return Status::OK();
  }

  // ---- Scope: who is bound, from when (Art. 79(2); recitals 106-107) ----
  Status CheckScope() {
    OP_ASSIGN_OR_RETURN(auto participation,
                        CheckBoundByAct(data_, c_.member_state, "bound_by_apr", "Regulation (EU) 2024/1348", at_));
    if (participation) AddFlag(std::move(participation->code), std::move(participation->message));
    auto applies_from = policy_.DateAt("apr.application_date", at_);
    if (!applies_from.ok()) {
      return Status::InvalidArgument("the APR does not apply on " + at_.ToString() +
                                         " (it applies from 12 June 2026, Art. 79(2))",
                                     "decision_date");
    }
    if (c_.application.lodged_on && *c_.application.lodged_on < *applies_from) {
      return Status::InvalidArgument("lodged before " + applies_from->ToString() +
                                         ": Directive 2013/32/EU applies, not the APR (Art. 79(2)-(3))",
                                     "application.lodged_on");
    }
    return Status::OK();
  }

  // The country whose designation and recognition rate count: nationality, or for a stateless
  // person the former habitual residence (Arts. 42(1)(j), 61(5)(a)).
  void ResolveOrigin() {
    origin_ = c_.applicant.nationality;
    if (origin_ == "XXA") {
      origin_ = c_.applicant.former_habitual_residence;
      if (origin_.empty()) {
        AddFlag("stateless_without_former_habitual_residence",
                "stateless applicant without a former habitual residence: the safe-country-of-origin and "
                "recognition-rate grounds cannot be assessed");
      }
    }
    if (c_.applicant.date_of_birth) {
      const Date dob = *c_.applicant.date_of_birth;
      const bool adult = dob.AddYears(18) <= at_;
      if (uam_ && adult) {
        AddFlag("age_inconsistent",
                "declared an unaccompanied minor but 18 or older on " + at_.ToString() +
                    " by the date of birth given: assess the age (Art. 25)");
      }
    }
  }

  // ---- Art. 38: admissibility ----
  bool Provides(char letter) {
    const std::string setting = std::string("provides_ground_38_1_") + letter;
    const MemberStateSetting* row = nullptr;
    const bool provided = policy_.SettingAt(c_.member_state, setting, at_, true, &row);
    if (!provided) {
      AddGround("APR-I00", Apr(std::string("38(1)(") + letter + ")"),
                Name(c_.member_state) + " has not provided for this optional ground of inadmissibility in "
                                        "national law, so it is not applied.",
                row->status, "not_applied", {row->legal_basis, row->where});
    }
    return provided;
  }

  Status DecideAdmissibility() {
    const auto& app = c_.application;
    const auto& f = c_.facts;
    // Art. 38(2): a subsequent application without new elements is inadmissible (mandatory).
    if (app.subsequent && !app.new_elements) {
      AddGround("APR-I06", Apr("38(2)"),
                "A subsequent application without relevant new elements must be rejected as inadmissible.",
                PolicyStatus::kInForce, "inadmissible", {"application.subsequent", "application.new_elements"});
      // Art. 55(5): elements that could have been presented before count as new only exceptionally,
      // but always where the previous application was rejected as implicitly withdrawn (Art. 41)
      // without an examination on the merits.
      if (app.previous_implicitly_withdrawn) {
        AddFlag("previous_implicit_withdrawal_elements",
                "the previous application was rejected as implicitly withdrawn (Art. 41) without an examination on "
                "the merits: elements the applicant could have presented in it are nonetheless taken into account "
                "(Art. 55(5)); confirm that new_elements (false) was assessed on that footing before rejecting the "
                "application under Art. 38(2)");
      }
    }
    // Art. 38(1)(a): first country of asylum (Art. 58).
    if (!f.first_country_of_asylum.empty() && Provides('a')) {
      const std::string country = Name(f.first_country_of_asylum);
      if (f.third_country_will_not_readmit) {
        AddGround("APR-I01", Apr("38(1)(a)"),
                  "It is clear that " + country + " will not admit or readmit the applicant, so it is not "
                  "treated as a first country of asylum.", PolicyStatus::kInForce, "not_applied",
                  {"facts.third_country_will_not_readmit"});
      } else if (uam_ && !f.unaccompanied_minor_assurance) {
        AddGround("APR-I15", Apr("58(3)"),
                  "For an unaccompanied minor the first-country-of-asylum concept needs the third country's "
                  "prior assurance to take charge of the minor; none is recorded.", PolicyStatus::kInForce,
                  "not_applied", {"applicant.unaccompanied_minor", "facts.unaccompanied_minor_assurance"});
      } else {
        AddGround("APR-I01", Apr("38(1)(a)"),
                  country + " is a first country of asylum for the applicant (Art. 58).",
                  PolicyStatus::kInForce, "inadmissible", {"facts.first_country_of_asylum"});
      }
    }
    // Art. 38(1)(b): safe third country (Art. 59), on the link rules in force on the decision date.
    if (f.safe_third_country && Provides('b')) DecideSafeThirdCountry(*f.safe_third_country);
    // Art. 38(1)(c): protection granted by another Member State.
    if (!app.protection_granted_by.empty() && Provides('c')) {
      AddGround("APR-I03", Apr("38(1)(c)"),
                Name(app.protection_granted_by) + " has already granted the applicant international protection.",
                PolicyStatus::kInForce, "inadmissible", {"application.protection_granted_by"});
    }
    // Art. 38(1)(d): safe relocation by an international criminal court or tribunal.
    if (f.relocated_by_international_court && Provides('d')) {
      AddGround("APR-I04", Apr("38(1)(d)"),
                "An international criminal court or tribunal has provided for the applicant's safe relocation.",
                PolicyStatus::kInForce, "inadmissible", {"facts.relocated_by_international_court"});
    }
    // Art. 38(1)(e): application made more than 7 working days after receiving a return decision.
    if (app.return_decision_notified_on && Provides('e')) {
      const Parameter* p = nullptr;
      OP_ASSIGN_OR_RETURN(Period window, policy_.PeriodAt("apr.return_decision_window", at_, &p));
      OP_ASSIGN_OR_RETURN(TimeLimit end, ComputeTimeLimit(*app.return_decision_notified_on, window,
                                                          c_.member_state, data_.calendar,
                                                          ComputationRule::kApr73));
      const std::string evidence = "return decision received " + app.return_decision_notified_on->ToString() +
                                   "; " + window.ToString() + " ended " + end.end.ToString() +
                                   "; application made " + app.made_on.ToString();
      if (app.made_on <= end.end) {
        AddGround("APR-I05", Apr("38(1)(e)"),
                  "The application was made within " + window.ToString() + " of receiving the return decision.",
                  p->status, "not_applied", {evidence});
      } else if (app.return_consequences_not_explained) {
        AddGround("APR-I05", Apr("38(1)(e)"),
                  "The applicant was not informed of the consequences of not applying within " +
                      window.ToString() + ", so the ground cannot be used.",
                  p->status, "not_applied", {evidence, "application.return_consequences_not_explained"});
      } else if (app.new_elements) {
        AddGround("APR-I05", Apr("38(1)(e)"),
                  "Relevant new elements arose after the period ended, so the ground cannot be used.", p->status,
                  "not_applied", {evidence, "application.new_elements"});
      } else {
        inadmissible_return_ = true;
        AddGround("APR-I05", Apr("38(1)(e)"),
                  "The application was made more than " + window.ToString() +
                      " after the applicant received a return decision.",
                  p->status, "inadmissible", {evidence});
      }
    }
    for (const Ground& g : out_.grounds) {
      if (g.effect == "inadmissible") inadmissible_ = true;
      // Arts. 58(4)-(5), 59(8)-(9): a rejection on a third-country concept comes with a document
      // for that country, and access to the procedure if it does not take the applicant.
      const bool first_country = g.rule == "APR-I01", safe_third = g.rule == "APR-I02";
      if (g.effect == "inadmissible" && (first_country || safe_third)) {
        const std::string concept_name = first_country ? "first country of asylum" : "safe third country";
        const std::string country = Name(first_country ? f.first_country_of_asylum : f.safe_third_country->country);
        AddFlag("third_country_document",
                "with the decision rejecting the application as inadmissible on the " + concept_name +
                    " concept, the applicant is informed under Art. 36 and given a document telling the authorities "
                    "of " + country + ", in their language, that the application was not examined on the merits (Art. " +
                    (first_country ? "58(4)" : "59(8)") + "); if " + country + " does not " +
                    (first_country ? "readmit the applicant or answer within the time the competent authority set"
                                   : "admit or readmit the applicant") +
                    ", the applicant has access to the procedure (Art. " + (first_country ? "58(5)" : "59(9)") + ")");
      }
    }
    out_.admissibility = inadmissible_ ? "inadmissible" : "admissible";
    return Status::OK();
  }

  // ---- Arts. 11, 13(11), 55(4): the admissibility interview. Before an application is rejected as
  // inadmissible the applicant is given the opportunity of an interview to say why the ground does
  // not apply (11(1)); for a subsequent application the preliminary examination involves a written
  // statement or an interview (55(4)). Art. 13(11) names when it may be omitted; (a) concerns a
  // positive decision and (b) an application found not inadmissible, so neither serves a
  // rejection. The case cannot show the interview's quality: what it records is checked. ----
  void AdmissibilityInterview() {
    if (!inadmissible_) return;
    const auto& app = c_.application;
    const std::string& omitted = app.admissibility_interview_omitted;
    if (app.admissibility_interview_on) {
      InterviewAfterDecision(*app.admissibility_interview_on, "admissibility_interview_after_decision",
                             "the admissibility interview", "the authority decides on admissibility (Art. 11(1))");
      return;
    }
    if (omitted.empty()) {
      if (app.subsequent) {
        AddFlag("preliminary_examination_not_recorded",
                "the preliminary examination of a subsequent application involves a written statement or a personal "
                "interview (Art. 55(4)); the case records neither (application.admissibility_interview_on, or "
                "application.admissibility_interview_omitted: written_statement, Art. 13(11)(d))");
      } else {
        AddFlag("admissibility_interview_not_recorded",
                "before the application is rejected as inadmissible the applicant is given the opportunity of an "
                "admissibility interview to explain why the ground does not apply (Art. 11); the case records neither "
                "the interview (application.admissibility_interview_on) nor an omission under Art. 13(11)(c)-(e) "
                "(application.admissibility_interview_omitted)");
      }
      return;
    }
    bool ground_38_1_c = false;
    for (const Ground& g : out_.grounds) ground_38_1_c |= g.rule == "APR-I03" && g.effect == "inadmissible";
    std::string why_not;
    if (omitted == "not_inadmissible") {
      why_not = "Art. 13(11)(b) omits the interview where the authority considers the application not inadmissible, "
                "and this one is rejected as inadmissible";
    } else if (omitted == "written_statement" && !app.subsequent) {
      why_not = "Art. 13(11)(d) omits the interview for the preliminary examination of a subsequent application "
                "made in writing (Art. 55(4)), and this application is not a subsequent one";
    } else if (omitted == "protection_in_other_member_state" && !ground_38_1_c) {
      why_not = "Art. 13(11)(e) omits the interview where the application is inadmissible under Art. 38(1)(c) "
                "(protection granted by another Member State), and that ground is not applied here";
    }
    if (!why_not.empty()) {
      AddFlag("interview_omission_ground_not_applicable",
              why_not + ": the admissibility interview is required (Art. 11(1))");
    } else if (omitted == "unfit") {
      InterviewOmittedUnfit();
    }
  }

  // An interview held after the decision it should inform was notified (Arts. 11(1), 12(1)).
  void InterviewAfterDecision(Date held, const char* code, const std::string& interview, const std::string& before) {
    const auto& notified = c_.application.decision_notified_on;
    if (!notified || held <= *notified) return;
    AddFlag(code, interview + " (" + held.ToString() + ") comes after the decision notified on " + notified->ToString() +
                      ": it is held before " + before);
  }

  // Art. 13(11)(c) and its second and third subparagraphs, for either interview.
  void InterviewOmittedUnfit() {
    AddFlag("further_information_in_writing",
            "the interview is omitted because the applicant is unfit or unable to be interviewed owing to enduring "
            "circumstances beyond their control (Art. 13(11)(c)): the omission does not adversely affect the "
            "decision, the applicant is given an effective opportunity to submit further information in writing, "
            "and in case of doubt a medical professional is consulted; a temporary inability postpones the "
            "interview (Art. 13(11), second and third subparagraphs)");
  }

  // ---- Art. 12(1), 13(11)(a), (c): the interview on the merits. Before the determining authority
  // decides on the merits the applicant is given the opportunity of a personal interview on the
  // substance; it may be omitted where a positive decision can be taken on the evidence (a) or the
  // applicant is unfit or unable for enduring reasons (c). Checked once a decision on an
  // admissible application is notified (not after a withdrawal, which is not decided on the
  // merits). ----
  void MeritsInterview() {
    const auto& app = c_.application;
    if (inadmissible_ || !app.decision_notified_on || *app.decision_notified_on > at_ ||
        c_.facts.explicit_withdrawal_on || !c_.facts.implicit_withdrawal_ground.empty()) {
      return;
    }
    if (app.merits_interview_on) {
      InterviewAfterDecision(*app.merits_interview_on, "merits_interview_after_decision", "the interview on the merits",
                             "the determining authority decides on the merits (Art. 12(1))");
      return;
    }
    if (app.interview_omitted || app.merits_interview_omitted == "positive_decision") return;  // 13(11)(a)
    if (app.merits_interview_omitted == "unfit") {
      InterviewOmittedUnfit();
      return;
    }
    AddFlag("merits_interview_not_recorded",
            "before the determining authority decides on the merits the applicant is given the opportunity of a "
            "personal interview on the merits (Art. 12(1)); with the decision notified on " +
                app.decision_notified_on->ToString() + " the case records neither the interview "
                "(application.merits_interview_on) nor an omission under Art. 13(11)(a) or (c) "
                "(application.merits_interview_omitted, or interview_omitted for (a))");
  }

  void DecideSafeThirdCountry(const SafeThirdCountryFact& stc) {
    const auto& f = c_.facts;
    const std::string country = Name(stc.country);
    const StcLinkRule* link = policy_.StcLinkAt(stc.link, at_);
    if (link == nullptr) {
      AddGround("APR-I11", Apr("59(5)(b)"),
                "On " + at_.ToString() + " a '" + stc.link + "' link with " + country +
                    " does not ground the safe-third-country concept.",
                PolicyStatus::kInForce, "not_applied", {"facts.safe_third_country.link"});
      return;
    }
    if (uam_ && !link->allowed_for_unaccompanied_minors) {
      AddGround("SC-11", link->legal_basis,
                "For an unaccompanied minor an agreement or arrangement with " + country +
                    " cannot ground the safe-third-country concept.",
                link->status, "not_applied", {"applicant.unaccompanied_minor", link->where});
      return;
    }
    std::vector<std::string> evidence = {"link: " + stc.link + " (" + link->where + ")"};
    PolicyStatus status = link->status;
    if (stc.link == "agreement") {
      auto agreements = policy_.StcAgreementsAt(stc.country, c_.member_state, at_);
      if (agreements.empty()) {
        AddGround("SC-12", link->legal_basis,
                  "No agreement or arrangement with " + country + " covering " + Name(c_.member_state) +
                      " is registered in the policy data on " + at_.ToString() + ".",
                  link->status, "not_applied", {"facts.safe_third_country.link"});
        return;
      }
      evidence.push_back("agreement: " + agreements[0]->legal_basis + " (" + agreements[0]->where + ")");
    }
    const Designation* designation = nullptr;
    for (const Designation* d : policy_.SafeThirdCountryDesignations(stc.country, c_.member_state, at_)) {
      bool excepted = false;
      for (const std::string& cat : c_.applicant.categories) excepted |= ContainsIgnoreCase(d->excluded_categories, cat);
      if (!excepted) designation = d;
    }
    if (designation != nullptr) {
      evidence.push_back("designation: " + designation->legal_basis + " (" + designation->where + ")");
      if (designation->status != PolicyStatus::kInForce) status = designation->status;
    } else if (stc.case_by_case) {
      evidence.push_back("case-by-case assessment (Art. 59(4))");
    } else {
      AddGround("APR-I11", Apr("59(4)"),
                country + " is not designated as a safe third country for " + Name(c_.member_state) +
                    " on " + at_.ToString() + " (EU or national list), and no case-by-case assessment is recorded.",
                PolicyStatus::kInForce, "not_applied", {"facts.safe_third_country.country"});
      return;
    }
    if (f.third_country_will_not_readmit) {
      AddGround("APR-I02", Apr("38(1)(b)"),
                "It is clear that " + country + " will not admit or readmit the applicant.",
                PolicyStatus::kInForce, "not_applied", {"facts.third_country_will_not_readmit"});
      return;
    }
    if (uam_ && !f.unaccompanied_minor_assurance) {
      AddGround("APR-I15", Apr("59(6)"),
                "For an unaccompanied minor the safe-third-country concept needs the third country's prior "
                "assurance to take charge of the minor; none is recorded.",
                PolicyStatus::kInForce, "not_applied", {"facts.unaccompanied_minor_assurance"});
      return;
    }
    AddGround("APR-I02", Apr("38(1)(b)"),
              country + " is a safe third country for the applicant, through a '" + stc.link + "' link.",
              status, "inadmissible", evidence);
  }

  // ---- Art. 42: accelerated examination (42(3) for unaccompanied minors) ----
  void Establish(char letter, const std::string& explanation, PolicyStatus status,
                 std::vector<std::string> evidence) {
    // Art. 42(3) lists the only grounds for unaccompanied minors: (a) SCO = 42(1)(e),
    // (b) security = (f), (c) subsequent = (g), (d) misled = (c), (e) 20 % = (j).
    static constexpr std::pair<char, char> kUamMap[] = {{'e', 'a'}, {'f', 'b'}, {'g', 'c'}, {'c', 'd'}, {'j', 'e'}};
    std::string basis = Apr(std::string("42(1)(") + letter + ")");
    if (uam_) {
      char uam_letter = 0;
      for (auto [l1, l3] : kUamMap) {
        if (l1 == letter) uam_letter = l3;
      }
      if (uam_letter == 0) {
        AddGround("APR-X02", Apr("42(3)"),
                  "Not an acceleration ground for an unaccompanied minor (Art. 42(3) lists the only ones): " +
                      explanation,
                  status, "not_applied", evidence);
        return;
      }
      basis = Apr(std::string("42(3)(") + uam_letter + ")");
    }
    const size_t g = AddGround(uam_ ? "APR-X02" : "APR-X01", basis, explanation, status, "accelerated",
                               std::move(evidence));
    // Art. 44(1)(b): merits decisions in the border procedure for 42(1)(a)-(g), (j) and 42(3)(b);
    // Art. 45(1): mandatory for (c), (f), (j); Art. 53(1): unaccompanied minors only for 42(3)(b).
    // (Art. 53(1) then keeps an unaccompanied minor out unless the ground is 42(3)(b).)
    const bool border = letter <= 'g' || letter == 'j';
    const bool mandatory = uam_ ? letter == 'f' : (letter == 'c' || letter == 'f' || letter == 'j');
    circumstances_.push_back(Circumstance{letter, basis, border, mandatory, g});
  }

  Status DecideAcceleration() {
    const auto& f = c_.facts;
    const auto& app = c_.application;
    if (f.only_irrelevant_issues) {
      Establish('a', "The applicant raised only issues not relevant to qualifying for international protection.",
                PolicyStatus::kInForce, {"facts.only_irrelevant_issues"});
    }
    if (f.clearly_unconvincing_claim) {
      Establish('b', "The applicant's representations make the claim clearly unconvincing.",
                PolicyStatus::kInForce, {"facts.clearly_unconvincing_claim"});
    }
    if (f.misled_authorities || f.destroyed_documents) {
      Establish('c',
                f.misled_authorities
                    ? "The applicant intentionally misled the authorities with false information or documents."
                    : "There are clear reasons to consider that the applicant destroyed an identity or travel "
                      "document in bad faith.",
                PolicyStatus::kInForce,
                {f.misled_authorities ? "facts.misled_authorities" : "facts.destroyed_documents"});
    }
    if (f.delay_removal_only) {
      Establish('d', "The application was made merely to delay or frustrate the enforcement of a removal decision.",
                PolicyStatus::kInForce, {"facts.delay_removal_only"});
    }
    if (!origin_.empty()) DecideSafeCountryOfOrigin();
    if (f.danger_security_public_order) {
      Establish('f', "There are serious reasons to consider the applicant a danger to national security or "
                     "public order.",
                PolicyStatus::kInForce, {"facts.danger_security_public_order"});
    }
    if (app.subsequent && app.new_elements) {
      Establish('g', "The application is a subsequent application that is not inadmissible.",
                PolicyStatus::kInForce, {"application.subsequent", "application.new_elements"});
    }
    if (f.late_application_without_good_reason) {
      if (app.entered_lawfully) {
        Establish('i', "The applicant entered lawfully and, without good reason, did not apply as soon as possible.",
                  PolicyStatus::kInForce, {"facts.late_application_without_good_reason", "application.entered_lawfully"});
      } else {
        Establish('h', "The applicant entered or stayed unlawfully and, without good reason, did not present "
                       "to the authorities or apply as soon as possible.",
                  PolicyStatus::kInForce, {"facts.late_application_without_good_reason"});
      }
    }
    if (!origin_.empty()) OP_RETURN_IF_ERROR(DecideRecognitionRate());
    if (f.refuses_biometrics) {
      AddFlag("refuses_biometrics",
              "refusal to give biometric data is not an acceleration ground: after national measures "
              "(Reg. (EU) 2024/1358, Art. 13) it leads to implicit withdrawal, Regulation (EU) 2024/1348, "
              "Art. 41(1)(b)");
    }
    return Status::OK();
  }

  void DecideSafeCountryOfOrigin() {
    const auto& a = c_.applicant;
    const std::string country = Name(origin_);
    // A designation covers the applicant unless he or she comes from an excluded region or belongs
    // to an excluded category (Art. 61(2), 61(5)(b)).
    const Designation* covering = nullptr;
    const Designation* excepting = nullptr;
    for (const Designation* d : policy_.SafeCountryOfOriginDesignations(origin_, c_.member_state, at_)) {
      bool excepted = (!a.region_of_origin.empty() && ContainsIgnoreCase(d->excluded_regions, a.region_of_origin));
      for (const std::string& cat : a.categories) excepted |= ContainsIgnoreCase(d->excluded_categories, cat);
      if (excepted) {
        excepting = d;
      } else if (covering == nullptr || d->level == "EU") {
        covering = d;
      }
    }
    std::string explanation;
    std::vector<std::string> evidence;
    PolicyStatus status = PolicyStatus::kInForce;
    if (covering != nullptr) {
      explanation = covering->level == "EU"
                        ? country + " is on the EU list of safe countries of origin."
                        : country + " is designated a safe country of origin by " + Name(covering->member_state) + ".";
      evidence = {covering->legal_basis, covering->where};
      status = covering->status;
    } else if (excepting != nullptr) {
      AddGround("APR-S02", Apr("61(5)(b)"),
                "The designation of " + country + " as a safe country of origin excludes the applicant's region or "
                "category.",
                excepting->status, "not_applied", {excepting->legal_basis, excepting->where});
      return;
    } else if (const CandidateCountry* cand = policy_.CandidateAt(origin_, at_)) {
      // Art. 62 as amended by Reg. (EU) 2026/464: candidate countries are safe unless an exception applies.
      for (const CandidateException* e : policy_.CandidateExceptionsAt(origin_, at_)) {
        AddGround("SC-02", cand->legal_basis,
                  country + " is an EU candidate country, but the exception for " +
                      (e->exception == "armed_conflict" ? std::string("indiscriminate violence in an armed conflict")
                                                        : std::string("EU restrictive measures")) +
                      " applies, so it is not a safe country of origin.",
                  e->status, "not_applied", {e->legal_basis, e->where});
        return;
      }
      const RecognitionRate* rate = policy_.LatestRecognitionRate(origin_, at_);
      if (rate == nullptr || (!rate->rate_pct && rate->upper_bound_pct && *rate->upper_bound_pct > 20)) {
        AddFlag("candidate_rate_unknown",
                country + " is an EU candidate country, but no recognition rate in the policy data shows whether "
                          "the 20 % exception applies: it is not treated as a safe country of origin");
        return;
      }
      if (rate->rate_pct && *rate->rate_pct > 20) {
        AddGround("SC-02", cand->legal_basis,
                  country + " is an EU candidate country, but its Union-wide recognition rate (" +
                      FormatPct(*rate->rate_pct) + " % in " + std::to_string(rate->year) +
                      ") is above 20 %, so it is not a safe country of origin.",
                  cand->status, "not_applied", {rate->source, rate->where});
        return;
      }
      explanation = country + " is an EU candidate country with none of the exceptions, so it is a safe "
                              "country of origin at Union level.";
      evidence = {cand->legal_basis, cand->where, "recognition rate: " + rate->source + " (" + rate->where + ")"};
      status = cand->status;
    } else {
      return;
    }
    if (c_.facts.rebuts_safe_country_of_origin) {
      AddGround("APR-S03", Apr("61(5)(c)"),
                "The applicant showed, in an individual assessment, why " + country +
                    " is not a safe country of origin for him or her.",
                status, "not_applied", {"facts.rebuts_safe_country_of_origin"});
      return;
    }
    Establish('e', explanation, status, evidence);
  }

  Status DecideRecognitionRate() {
    const Parameter* p = nullptr;
    OP_ASSIGN_OR_RETURN(double threshold, policy_.NumberAt("apr.recognition_rate_threshold_pct", at_, &p));
    const std::string country = Name(origin_);
    const RecognitionRate* rate = policy_.LatestRecognitionRate(origin_, at_);
    if (rate == nullptr) {
      AddFlag("recognition_rate_unknown",
              "no yearly Union-wide recognition rate for " + country +
                  " in the policy data: the ground of Art. 42(1)(j) is not established");
      return Status::OK();
    }
    const bool at_or_below = rate->AtOrBelow(threshold);
    const std::string value = rate->rate_pct ? FormatPct(*rate->rate_pct) + " %"
                                             : "at most " + FormatPct(*rate->upper_bound_pct) + " %";
    const std::string described = value + " in " + std::to_string(rate->year) + " (" + rate->scope + ", " +
                                  rate->source + ")";
    if (rate->year < at_.year() - 1) {
      AddFlag("recognition_rate_dated", "the latest rate for " + country + " in the policy data is from " +
                                            std::to_string(rate->year) + "; a later yearly figure may exist");
    }
    if (!at_or_below) {
      if (!rate->rate_pct) {
        AddFlag("recognition_rate_unknown",
                "only an upper bound above " + FormatPct(threshold) + " % is known for " + country +
                    ": the ground of Art. 42(1)(j) is not established");
      }
      return Status::OK();
    }
    if (rate->scope != "EU27") {
      AddFlag("recognition_rate_scope",
              "the rate for " + country + " is EUAA's EU+ figure, not the Eurostat Union-wide (EU27) average "
                                          "that Art. 42(1)(j) names");
    }
    if (c_.facts.recognition_rate_not_representative) {
      AddGround("APR-X03", Apr(uam_ ? "42(3)(e)" : "42(1)(j)"),
                "The authority found that the recognition rate of " + country +
                    " is not representative for the applicant (significant change or category).",
                p->status, "not_applied", {described, "facts.recognition_rate_not_representative"});
      return Status::OK();
    }
    Establish('j', "The Union-wide recognition rate for nationals of " + country + " is " + described +
                       ", at or below " + FormatPct(threshold) + " %.",
              p->status, {described, rate->where});
    return Status::OK();
  }

  // ---- Arts. 43-45, 48, 50, 53: border procedure ----
  Status DecideBorder() {
    const auto& app = c_.application;
    const auto& a = c_.applicant;
    if (app.context == "in_territory") {
      out_.border_procedure = "not_applicable";
      return Status::OK();
    }
    if (app.meets_entry_conditions) {
      AddGround("APR-B01", Apr("43(1)"),
                "The applicant meets the entry conditions, so the border procedure cannot be applied.",
                PolicyStatus::kInForce, "not_applied", {"application.meets_entry_conditions"});
      out_.border_procedure = "not_applicable";
      return Status::OK();
    }
    if ((app.context == "apprehended_irregular_crossing" || app.context == "sar_disembarkation") &&
        !app.after_screening) {
      AddFlag("screening_not_completed", "the border procedure follows the screening (Art. 43(1)); the case "
                                         "does not record that screening has ended");
    }
    // Which circumstances can take the case into the border procedure (Art. 44(1)).
    bool any_ground = inadmissible_;
    bool mandatory = false, optional = inadmissible_ && !uam_;
    bool any_relieved = false;
    for (const Circumstance& ci : circumstances_) {
      if (!ci.border_ground) {
        continue;
      }
      any_ground = true;
      // Relief when the Member State's capacity is reached (Art. 48) or its annual maximum (Art. 50);
      // a security case (42(1)(f), 42(3)(b)) stays in the border procedure in both.
      if (ci.letter == 'j' && c_.capacity.adequate_capacity_reached) {
        any_relieved = true;
        AddGround("APR-C05", Apr("48"),
                  "The Member State's adequate capacity is reached: the " + ci.basis.substr(ci.basis.find("Art.")) +
                      " case need not be examined in the border procedure.",
                  PolicyStatus::kInForce, "border_relieved", {"capacity.adequate_capacity_reached"});
        continue;
      }
      if ((ci.letter == 'j' || ci.letter == 'c') && c_.capacity.annual_maximum_reached) {
        any_relieved = true;
        AddGround("APR-C05b", Apr("50"),
                  "The Member State's annual maximum is reached: the " + ci.basis.substr(ci.basis.find("Art.")) +
                      " case need not be examined in the border procedure.",
                  PolicyStatus::kInForce, "border_relieved", {"capacity.annual_maximum_reached"});
        continue;
      }
      if (ci.mandatory && ci.letter == 'j') {
        std::string why, article;
        OP_ASSIGN_OR_RETURN(const MemberStateSetting* relief, CrisisReliefOfMandatoryBorder(&why, &article));
        if (relief != nullptr) {
          optional = true;
          out_.grounds[ci.ground_index].effect += "+border_optional";
          AddGround("CRISIS-" + article, Crisis(article) + "; " + relief->legal_basis,
                    "In the crisis or force majeure situation, " + why + ": the border procedure is optional for "
                    "this case.",
                    relief->status, "border_not_mandatory", {relief->where});
          if (article == "11(3)") CrisisExaminationPriority();
          continue;
        }
      }
      if (ci.mandatory) {
        mandatory = true;
        out_.grounds[ci.ground_index].effect += "+border_mandatory";
      } else {
        optional = true;
        out_.grounds[ci.ground_index].effect += "+border_optional";
      }
    }
    OP_RETURN_IF_ERROR(CrisisMeritsInBorderProcedure(&any_ground, &optional));
    OP_RETURN_IF_ERROR(CrisisInstrumentalisation(&any_ground, &optional));
    if (!any_ground) {
      out_.border_procedure = "not_applicable";
      return Status::OK();
    }
    const std::string start = app.context == "border_crossing_point" ? "43(1)(a)"
                              : app.context == "transit_zone"         ? "43(1)(a)"
                              : app.context == "apprehended_irregular_crossing" ? "43(1)(b)"
                              : app.context == "sar_disembarkation"   ? "43(1)(c)"
                                                                      : "43(1)(d)";
    // Art. 53(1): unaccompanied minors only in security cases.
    if (uam_ && !mandatory) {
      AddGround("APR-B04", Apr("53(1)"),
                "The border procedure applies to an unaccompanied minor only where he or she is a danger to "
                "national security or public order.",
                PolicyStatus::kInForce, "border_excluded", {"applicant.unaccompanied_minor"});
      out_.border_procedure = "excluded";
      return Status::OK();
    }
    // Art. 53(2): it is not applied, or ceases, whatever the ground.
    bool excluded = false;
    auto exclude = [&](const char* point, const std::string& why, const char* evidence) {
      excluded = true;
      AddGround("APR-B04", Apr(std::string("53(2)(") + point + ")"), why, PolicyStatus::kInForce,
                "border_excluded", {evidence});
    };
    if (a.special_reception_needs && !a.support_available_at_border) {
      exclude("b", "The support needed by an applicant with special reception needs cannot be provided at the "
                   "border locations.", "applicant.special_reception_needs");
    }
    if (a.special_procedural_guarantees && !a.support_available_at_border) {
      exclude("c", "The support needed by an applicant in need of special procedural guarantees cannot be "
                   "provided at the border locations.", "applicant.special_procedural_guarantees");
    }
    if (a.medical_reasons) {
      exclude("d", "There are relevant medical reasons, including mental health, for not applying the border "
                   "procedure.", "applicant.medical_reasons");
    }
    if (c_.facts.detention_guarantees_unmet) {
      exclude("e", "The detention guarantees are not met and the border procedure cannot be applied without "
                   "detention.", "facts.detention_guarantees_unmet");
    }
    if (!excluded && (mandatory || optional) && app.context == "relocation") RelocatedBorderProcedure(mandatory);
    if (excluded) {
      out_.border_procedure = "excluded";
    } else if (mandatory) {
      out_.border_procedure = "mandatory";
      AddGround("APR-B03", Apr("45(1)"),
                "The border procedure is mandatory: the application follows " + Describe(start) +
                    " and a circumstance of Art. 42(1)(c), (f) or (j) applies.",
                PolicyStatus::kInForce, "border_mandatory", {"application.context"});
    } else if (optional) {
      out_.border_procedure = "optional";
      AddGround("APR-B01", Apr(start),
                "The border procedure may be applied: the application follows " + Describe(start) +
                    " and an Art. 44(1) ground applies.",
                PolicyStatus::kInForce, "border_optional", {"application.context"});
    } else {
      out_.border_procedure = any_relieved ? "excluded" : "not_applicable";
    }
    return Status::OK();
  }

  // Art. 44(2)-(3): who comes first in the border procedure. Where the applicants exceed the
  // adequate capacity, the choice of whom to examine there on a ground of Art. 42(1)(c), (f) or
  // (j) or 42(3)(b) puts first (a) nationals with better prospects of return, (b) a danger to
  // national security or public order, and (c), subject to (b), persons who are not minors or their
  // family members (44(2)); where minors and their family members are in it, their examination
  // comes first (44(3)). Neither changes the decision: a caseworker's choice, flagged.
  void BorderPriorities() {
    if (out_.procedure != "border") return;  // mandatory, or optional and applied by the Member State
    const std::string who = MinorOrFamilyOfMinor();
    if (!who.empty()) {
      AddFlag("border_examination_priority",
              "the applicant is " + who + ": where the border procedure is applied to minors and their family "
              "members, their examination is prioritised (Art. 44(3))");
    }
    if (c_.capacity.adequate_capacity_reached) {
      bool security = false;
      for (const Circumstance& ci : circumstances_) security = security || ci.letter == 'f';
      AddFlag("border_selection_priorities",
              "the applicants exceed the adequate capacity: whom to examine in the border procedure on a ground of "
              "Art. 42(1)(c), (f) or (j) or 42(3)(b) is chosen first among (a) nationals with better prospects of "
              "return, (b) a danger to national security or public order, (c) subject to (b), persons who are not "
              "minors or their family members (Art. 44(2))" +
                  std::string(security ? "; this applicant is in (b)"
                              : !who.empty() ? "; this applicant, " + who + ", is not in (c)"
                                             : ""));
    }
  }

  // Art. 52(2): the Member State to which the applicant was relocated (AMMR Art. 67(11)) "may"
  // apply the border procedure where its conditions are met in the Member State from which the
  // applicant was transferred. Art. 45(1) makes the procedure mandatory "in the cases referred to
  // in Art. 43(1)", whose point (d) is this relocation, as it overrides 43(1)'s own "may" for
  // points (a)-(c): the answer keeps Art. 45(1) and says that the reading is one.
  void RelocatedBorderProcedure(bool mandatory) {
    AddGround("APR-B06", Apr("52(2)"),
              "The applicant was relocated under Regulation (EU) 2024/1351, Art. 67(11): the Member State of "
              "relocation may apply the border procedure where its conditions are met in the Member State from "
              "which the applicant was transferred; the case's facts are read as they stood there.",
              PolicyStatus::kInForce, "border_after_relocation", {"application.context"});
    if (mandatory) {
      AddFlag("relocated_border_procedure_mandatory_reading",
              "Art. 52(2) says the Member State of relocation may apply the border procedure; Art. 45(1) makes it "
              "mandatory in the cases of Art. 43(1), whose point (d) is a relocation, as it does for 43(1)'s own "
              "'may': read so here (mandatory); the text does not say which prevails");
    }
  }

  // Crisis Regulation Art. 11(4): in a crisis of mass arrivals, merits decisions in the border
  // procedure also for nationalities whose Union-wide recognition rate is at or below 50 %, beyond
  // the 42(1)(j) cases (an unaccompanied minor stays out, Art. 53(1)).
  Status CrisisMeritsInBorderProcedure(bool* any_ground, bool* optional) {
    if (uam_) return Status::OK();
    for (const Circumstance& ci : circumstances_) {
      if (ci.letter == 'j') return Status::OK();  // already a border ground
    }
    const MemberStateSetting* row = CrisisDerogation("crisis_derogation_art_11_4", "11(4)", at_);
    if (row == nullptr) return Status::OK();
    const Parameter* p = nullptr;
    OP_ASSIGN_OR_RETURN(double pct, policy_.NumberAt("crisis.border_merits_threshold_pct", at_, &p));
    if (!OriginRateAtOrBelow(pct)) return Status::OK();
    *any_ground = *optional = true;
    AddGround("CRISIS-11(4)", Crisis("11(4)") + "; " + row->legal_basis,
              "In the crisis of mass arrivals, the Union-wide recognition rate for " + Name(origin_) + " is at or below " +
                  FormatPct(pct) + " %: its nationals' applications may be decided on the merits in the border "
                  "procedure.",
              row->status, "border_optional", {row->where});
    CrisisExaminationPriority();
    AddFlag("crisis_rapidly_evolving_protection_needs",
            "Art. 11(4) of Regulation (EU) 2024/1359 asks to take account of rapidly evolving protection needs in the "
            "country of origin, as the Asylum Agency's quarterly updates show; they are not in the policy data");
    return Status::OK();
  }

  // Crisis Regulation Art. 11(6)-(8): in a situation of instrumentalisation, merits decisions in
  // the border procedure on every application of an instrumentalised person registered while the
  // derogation applies, whatever the Art. 42 circumstances. The Italian text derogates from "Art.
  // 45(1)(b)" and "Art. 54(2)(a)" of the APR, which as adopted have no such points; the Article's
  // own paragraphs 4 and 9 cite the adopted numbering, in which the provisions meant are Arts.
  // 44(1)(b) (the merits scope) and 53(2)(a) (ceasing without an Art. 42 circumstance). The
  // Council decision says which protection of 11(7) applies (11(8)): (a) children under 12, their
  // family members and persons with special reception or procedural needs are excluded, or (b) the
  // procedure ceases for them once an individual assessment finds the application likely
  // well-founded. Either way only this derogation's reach changes: the mandatory cases of Art. 45
  // stay mandatory (11(7), last subparagraph), and Art. 53(1) and 53(2)(b)-(e) still apply (11(9)
  // repeats (b)-(d)).
  Status CrisisInstrumentalisation(bool* any_ground, bool* optional) {
    const auto& a = c_.applicant;
    const auto& app = c_.application;
    if (!a.instrumentalised) return Status::OK();
    if (app.context == "relocation") {
      AddFlag("crisis_instrumentalisation_not_at_border",
              "Regulation (EU) 2024/1359, Art. 1(4), confines the derogations for instrumentalisation to persons "
              "apprehended or found near the external border, disembarked, or presenting themselves at a border "
              "crossing point: not to a relocated applicant");
      return Status::OK();
    }
    if (!app.registered_on) {
      AddFlag("crisis_instrumentalisation_not_registered",
              "Art. 11(6) of Regulation (EU) 2024/1359 reaches applications registered while it applies: the "
              "registration is not recorded yet");
      return Status::OK();
    }
    const Date on = *app.registered_on;
    const MemberStateSetting* exclusion = CrisisDerogation("crisis_derogation_art_11_6_7a", "11(6) and 11(7)(a)", on);
    const MemberStateSetting* cessation = CrisisDerogation("crisis_derogation_art_11_6_7b", "11(6) and 11(7)(b)", on);
    if (exclusion != nullptr && cessation != nullptr) {
      return Status::FailedPrecondition("policy: " + exclusion->where + " and " + cessation->where +
                                            " both apply on " + on.ToString() +
                                            ": the Council decision specifies either Art. 11(7)(a) or (b) (Art. 11(8))");
    }
    const MemberStateSetting* row = exclusion != nullptr ? exclusion : cessation;
    if (row == nullptr) return Status::OK();

    // Who 11(7) protects: a child under 12 on the decision date, a family member of one, a person
    // with special reception or procedural needs.
    std::vector<std::string> protected_by;
    if (a.date_of_birth && at_ < a.date_of_birth->AddYears(12)) protected_by.push_back("applicant.date_of_birth");
    if (a.family_member_of_child_under_12) protected_by.push_back("applicant.family_member_of_child_under_12");
    if (a.special_reception_needs) protected_by.push_back("applicant.special_reception_needs");
    if (a.special_procedural_guarantees) protected_by.push_back("applicant.special_procedural_guarantees");
    if (!a.date_of_birth && protected_by.empty()) {
      AddFlag("crisis_age_unknown", "no date of birth: whether the applicant is a child under 12, whom Art. 11(7) of "
                                    "Regulation (EU) 2024/1359 protects, is not known");
    }
    const std::string who = "a child under 12, a family member of one, or a person with special reception or "
                            "procedural needs";
    if (!protected_by.empty() && exclusion != nullptr) {
      protected_by.push_back(row->where);
      AddGround("CRISIS-11(7)(a)", Crisis("11(7)(a)") + "; " + row->legal_basis,
                "The applicant is " + who + ", whom the derogation for instrumentalisation excludes from the border "
                "procedure; the APR's own border rules still apply (Art. 45's mandatory cases stay mandatory).",
                row->status, "not_applied", std::move(protected_by));
      return Status::OK();
    }
    if (!protected_by.empty() && app.likely_well_founded) {
      protected_by.push_back("application.likely_well_founded");
      protected_by.push_back(row->where);
      AddGround("CRISIS-11(7)(b)", Crisis("11(7)(b)") + "; " + row->legal_basis,
                "The applicant is " + who + " and an individual assessment found the application likely "
                "well-founded: the border procedure under the derogation for instrumentalisation ceases; the APR's "
                "own border rules still apply (Art. 45's mandatory cases stay mandatory).",
                row->status, "not_applied", std::move(protected_by));
      return Status::OK();
    }
    if (!protected_by.empty()) {
      AddFlag("crisis_individual_assessment",
              "the applicant is " + who + ": the border procedure under Art. 11(6) of Regulation (EU) 2024/1359 "
              "ceases if an individual assessment finds the application likely well-founded (Art. 11(7)(b))");
    }
    *any_ground = *optional = true;
    AddGround("CRISIS-11(6)",
              Crisis("11(6)") + " (derogating from Regulation (EU) 2024/1348, Arts. 44(1)(b) and 53(2)(a)); " +
                  row->legal_basis,
              "The applicant is subject to instrumentalisation and the application was registered on " + on.ToString() +
                  ", while the derogation applies: it may be decided on the merits in the border procedure, "
                  "whatever the grounds of Art. 42.",
              row->status, "border_optional", {"applicant.instrumentalised", "application.registered_on", row->where});
    return Status::OK();
  }

  static std::string Describe(const std::string& start) {
    if (start == "43(1)(a)") return "an application at an external border crossing point or in a transit zone";
    if (start == "43(1)(b)") return "an apprehension in connection with an irregular crossing of the external border";
    if (start == "43(1)(c)") return "a disembarkation after a search and rescue operation";
    return "a relocation under Regulation (EU) 2024/1351, Art. 67(11)";
  }

  void DecideProcedure() {
    bool border = out_.border_procedure == "mandatory";
    if (out_.border_procedure == "optional") {
      const MemberStateSetting* row = nullptr;
      border = policy_.SettingAt(c_.member_state, "apply_optional_border_procedure", at_, true, &row);
      if (!border) {
        AddGround("APR-B01", Apr("43(1)"),
                  Name(c_.member_state) + " does not apply the border procedure where it is optional.",
                  row->status, "not_applied", {row->legal_basis, row->where});
      }
    }
    bool accelerated = false;
    for (const Ground& g : out_.grounds) accelerated |= g.effect.rfind("accelerated", 0) == 0;
    out_.procedure = border ? "border" : (!inadmissible_ && accelerated ? "accelerated" : "regular");
    SupportNotAvailableInAcceleratedExamination();
    if (c_.application.too_complex_for_acceleration) ContinueInRegularProcedure();
  }

  // Art. 41: the application is declared implicitly withdrawn on a ground of 41(1), by the
  // determining authority (41(2)), which may first suspend the procedure so that the applicant can
  // justify or rectify (41(4)), or reject the application as unfounded or manifestly unfounded
  // where it has already established that the applicant does not qualify (41(5)). The routing above
  // stands beside it; the appeal's time limits are those of a withdrawal (Arts. 67(7)(a), 68(3)(c)).
  void ImplicitWithdrawal() {
    const std::string& ground = c_.facts.implicit_withdrawal_ground;
    if (ground.empty()) return;
    static const char* const kWhy[] = {
        "without good reason the applicant did not lodge the application despite an effective opportunity (Art. 28)",
        "the applicant refuses to cooperate by not providing the details of Art. 27(1)(a)-(b) or biometric data",
        "the applicant refuses to provide an address, having one, where the authorities do not provide "
        "accommodation",
        "without good reason the applicant did not appear for the personal interview required by Art. 13, or "
        "refused to answer in a way that leaves its result insufficient to decide",
        "the applicant repeatedly failed the reporting duties of Art. 9(4) or did not remain available to the "
        "authorities, without showing circumstances beyond the applicant's control",
        "the applicant lodged in a Member State other than the one of Regulation (EU) 2024/1351, Art. 17(1)-(2), "
        "and did not remain there pending the determination or the transfer"};
    const auto& grounds = ImplicitWithdrawalGrounds();
    const size_t i = static_cast<size_t>(std::find(grounds.begin(), grounds.end(), ground) - grounds.begin());
    const std::string point = std::string("41(1)(") + static_cast<char>('a' + i) + ")";
    AddGround("APR-W01", Apr(point),
              "The application is declared implicitly withdrawn: " + std::string(kWhy[i]) +
                  ". The determining authority adopts the decision (Art. 41(2)) and may first suspend the procedure "
                  "so that the applicant can justify or rectify the omission (Art. 41(4)).",
              PolicyStatus::kInForce, "implicitly_withdrawn", {"facts.implicit_withdrawal_ground"});
    AddFlag("implicit_withdrawal_or_rejection",
            "where the determining authority has already established that the applicant does not qualify for "
            "international protection, it may reject the application as unfounded or manifestly unfounded instead "
            "(Art. 41(5))");
    if (ground == "not_lodged") {
      for (const Deadline& d : out_.deadlines) {
        if (d.name == "lodging" && d.state == "running") {
          AddFlag("implicit_withdrawal_premature",
                  "the time limit for lodging runs until " + d.date.ToString() +
                      ": an application is withdrawn under Art. 41(1)(a) only once the applicant did not lodge despite "
                      "an effective opportunity");
        }
      }
    }
  }

  // Art. 40: the applicant withdrew the application in writing (40(1)); the determining authority
  // declares it explicitly withdrawn by a decision that is final and not subject to appeal under
  // Chapter V (40(3)), so no appeal time limit is computed (ComputeDeadlines); the application is
  // not examined on the merits (Art. 39(1)(c)). It may instead reject the application as unfounded
  // or manifestly unfounded where it has already established that the applicant does not qualify
  // (40(4)), and the applicant is told of the withdrawal's consequences (40(2)).
  void ExplicitWithdrawal() {
    const auto& on = c_.facts.explicit_withdrawal_on;
    if (!on) return;
    AddGround("APR-W02", Apr("40(3)"),
              "The applicant withdrew the application in writing on " + on->ToString() +
                  " (Art. 40(1)): the determining authority declares it explicitly withdrawn; the decision is final "
                  "and not subject to appeal (Art. 40(3)), and the application is not examined on the merits (Art. "
                  "39(1)(c)). The routing above is what applied until then.",
              PolicyStatus::kInForce, "explicitly_withdrawn", {"facts.explicit_withdrawal_on"});
    AddFlag("explicit_withdrawal_or_rejection",
            "where the determining authority has already established that the applicant does not qualify for "
            "international protection, it may reject the application as unfounded or manifestly unfounded instead "
            "(Art. 40(4)); such a rejection is appealable (Art. 67)");
    AddFlag("withdrawal_consequences_to_explain",
            "on the withdrawal the competent authorities inform the applicant of all its procedural consequences, in "
            "a language the applicant understands (Art. 40(2), Art. 8(2)(c)); a later application is a subsequent "
            "application (Art. 55(2))");
  }

  // Art. 10: the right to remain during the administrative procedure, until the determining
  // authority decides (10(1)); none for a person surrendered to another Member State under a
  // European arrest warrant (10(3)); national law may except a subsequent application meeting Art.
  // 56 (10(4)(a)), a person extradited, surrendered or transferred for prosecution or a custodial
  // sentence (10(4)(b), within 10(5)), or a danger to public order or national security (10(4)(c),
  // short of refoulement). Once the decision is notified, Art. 68 governs (the appeal's flags).
  void RightToRemain() {
    const auto& f = c_.facts;
    const auto& app = c_.application;
    const std::optional<Article56Case> article_56 = Article56Applies();
    if (app.decision_notified_on && *app.decision_notified_on <= at_) {
      out_.right_to_remain = "ended";
      if (article_56) Article56AtTheAppeal(*article_56);
      return;
    }
    if (f.european_arrest_warrant) {
      out_.right_to_remain = "no";
      AddGround("APR-10(3)", Apr("10(3)"),
                "The applicant is subject to a surrender to another Member State under a European arrest warrant: no "
                "right to remain during the administrative procedure.",
                PolicyStatus::kInForce, "no_right_to_remain", {"facts.european_arrest_warrant"});
      return;
    }
    out_.right_to_remain = "yes";
    const std::string may = ": national law may provide an exception to the right to remain during the administrative "
                            "procedure";
    auto exception = [&](const std::string& point, const std::string& why, std::vector<std::string> evidence) {
      out_.right_to_remain = "exception_possible";
      AddGround("APR-10(4)", Apr(point), why + may + ".", PolicyStatus::kInForce, "right_to_remain_exception_possible",
                std::move(evidence));
    };
    if (article_56) {
      exception(std::string("10(4)(a) and Art. 56(") + article_56->point + ")", article_56->what, article_56->evidence);
    }
    if (article_56 && article_56->point == 'a' && !f.removal_imminent) {
      AddFlag("imminent_removal_to_confirm",
              "Art. 56(a) concerns a decision that would lead to the applicant's imminent removal: "
              "facts.delay_removal_only (Art. 42(1)(d)) does not say that the removal is imminent; confirm it "
              "(facts.removal_imminent) before applying the exception");
    }
    if (f.extradition_or_surrender) {
      exception("10(4)(b)",
                "The applicant is or will be extradited, surrendered or transferred to another Member State, a third "
                "country, the International Criminal Court or another international court, for criminal prosecution "
                "or to serve a custodial sentence or detention order; to a third country or an international court "
                "only where the competent authority is satisfied that this does not result in direct or indirect "
                "refoulement (Art. 10(5))",
                {"facts.extradition_or_surrender"});
    }
    if (f.danger_security_public_order) {
      exception("10(4)(c)",
                "The applicant is a danger to public order or national security, without prejudice to Arts. 12 and 17 "
                "of Regulation (EU) 2024/1347, provided the exception does not lead to removal to a third country in "
                "breach of the principle of non-refoulement",
                {"facts.danger_security_public_order"});
    }
  }

  // Art. 56: (a) a first subsequent application made merely to delay or frustrate the enforcement
  // of a decision leading to imminent removal and not further examined under Art. 55(7) (no new
  // elements); (b) a second or further one after a final rejection of the previous one. The point,
  // what it is and the evidence, for Art. 10(4)(a) and for the appeal stage alike.
  struct Article56Case {
    char point;
    std::string what;
    std::vector<std::string> evidence;
  };
  std::optional<Article56Case> Article56Applies() const {
    const auto& app = c_.application;
    if (!app.subsequent) return std::nullopt;
    if (app.previous_subsequent_rejected) {
      return Article56Case{'b',
                           "A second or further subsequent application, made after a final decision rejected the "
                           "previous subsequent application as inadmissible, unfounded or manifestly unfounded",
                           {"application.subsequent", "application.previous_subsequent_rejected"}};
    }
    // 56(a) needs the removal to be imminent: said false, it does not apply; not said, it is
    // applied and flagged for confirmation (RightToRemain).
    if (!app.new_elements && c_.facts.delay_removal_only && c_.facts.removal_imminent != false) {
      std::vector<std::string> evidence = {"application.subsequent", "application.new_elements",
                                           "facts.delay_removal_only"};
      if (c_.facts.removal_imminent) evidence.emplace_back("facts.removal_imminent");
      return Article56Case{'a',
                           "A first subsequent application made merely to delay or frustrate the enforcement of a "
                           "decision leading to the applicant's imminent removal, not further examined (Art. 55(7))",
                           std::move(evidence)};
    }
    return std::nullopt;
  }

  // Art. 56 derogates from Art. 68(5)(d) as well: where the right to remain pending the appeal is
  // withheld (the request to remain computed), national law may let the applicant be removed
  // before the time limit to ask to remain has passed or the court has decided on the request,
  // the principle of non-refoulement respected.
  void Article56AtTheAppeal(const Article56Case& article_56) {
    const bool leave_request = std::any_of(out_.deadlines.begin(), out_.deadlines.end(),
                                           [](const Deadline& d) { return d.name == "leave_to_remain_request"; });
    if (!leave_request) return;
    AddGround("APR-56", Apr(std::string("56(") + article_56.point + ")"),
              article_56.what +
                  ": national law may derogate from Art. 68(5)(d), so that the applicant may be removed before the "
                  "time limit to ask to remain has passed or the court has decided on the request, without prejudice "
                  "to the principle of non-refoulement.",
              PolicyStatus::kInForce, "removal_pending_leave_request_possible", article_56.evidence);
  }

  // Art. 68(3)(b): a rejection as inadmissible takes away the right to remain pending the appeal
  // (68(2)) only on the grounds it names, 38(1)(a), (d), (e) and 38(2), and 38(1)(b) as amended by
  // Regulation (EU) 2026/463 (policy row apr.no_right_to_remain_added_ground, read in secondary
  // sources only: flagged), except for an unaccompanied minor in the border procedure. Where no
  // ground that fired is named, the applicant remains without asking: flagged instead.
  bool InadmissibilityWithholdsRightToRemain() {
    std::string fired, withholding;
    const Parameter* added = nullptr;
    for (const Ground& g : out_.grounds) {
      if (g.effect != "inadmissible") continue;
      const std::string article = g.legal_basis.substr(g.legal_basis.rfind("Art. ") + 5);
      if (fired.empty()) fired = article;
      if (withholding.empty() && NamedByArticle68_3b(policy_, article, at_, &added)) withholding = article;
    }
    if (withholding.empty() || (uam_ && out_.procedure == "border")) {
      AddFlag("automatic_right_to_remain",
              "a rejection as inadmissible under Art. " + (withholding.empty() ? fired : withholding) +
                  (withholding.empty() ? " is not among those of Art. 68(3)(b)"
                                       : " of an unaccompanied minor in the border procedure is excepted from Art. "
                                         "68(3)(b)") +
                  ": the applicant may remain until the time limit for the appeal has run and, if one is lodged, "
                  "pending its outcome (Art. 68(2)), without asking");
      return false;
    }
    if (added != nullptr) AddFlag("amended_article_68_3_b", AmendedArticle68_3bMessage(withholding, *added));
    return true;
  }

  // Art. 21(2): where the support a person needing special procedural guarantees needs cannot be
  // provided in the accelerated examination, the determining authority does not apply it or
  // ceases to (the border procedure's counterpart is Art. 53(2)(c), support_available_at_border).
  // The examination continues on the merits in the regular procedure; the Art. 42 circumstance
  // stays, as after Art. 42(2), for the appeal's range (Art. 67(7)(a)).
  void SupportNotAvailableInAcceleratedExamination() {
    const auto& a = c_.applicant;
    if (out_.procedure != "accelerated" || !a.special_procedural_guarantees ||
        a.support_available_in_accelerated_examination) {
      return;
    }
    LeaveAcceleratedExamination("APR-21(2)", "21(2)",
                                "The applicant needs special procedural guarantees and the necessary support cannot "
                                "be provided in the accelerated examination: the determining authority does not apply "
                                "it, or ceases to apply it.",
                                {"applicant.special_procedural_guarantees",
                                 "applicant.support_available_in_accelerated_examination"});
  }

  // The accelerated examination left for the regular one (Arts. 21(2), 42(2)): six months (Art.
  // 35(4)); the Art. 42 circumstance that accelerated it still counts for the appeal's range.
  void LeaveAcceleratedExamination(std::string rule, const std::string& article, std::string why,
                                   std::vector<std::string> evidence) {
    out_.procedure = "regular";
    continued_in_regular_ = true;
    AddGround(std::move(rule), Apr(article), std::move(why), PolicyStatus::kInForce, "regular_procedure",
              std::move(evidence));
  }

  // Art. 42(2): the determining authority may continue the examination on the merits under Arts.
  // 35(4) and 39 where the case is too complex for the accelerated procedure, informing the
  // applicant. It concerns the accelerated examination only: the border procedure goes on or ends
  // under Arts. 51(2) and 53(2), and there is nothing to continue after an inadmissibility or in a
  // regular procedure.
  void ContinueInRegularProcedure() {
    if (out_.procedure != "accelerated") {
      AddFlag("regular_continuation_not_applicable",
              "Art. 42(2) lets the determining authority continue an accelerated examination under Arts. 35(4) and "
              "39; this case is " + (inadmissible_ ? std::string("inadmissible") : "in the " + out_.procedure +
                                                                                       " procedure") +
                  ", so application.too_complex_for_acceleration changes nothing");
      return;
    }
    LeaveAcceleratedExamination("APR-X02b", "42(2)",
                                "The determining authority found the issues of fact or law too complex for the "
                                "accelerated examination: the examination on the merits continues under Arts. 35(4) "
                                "and 39.",
                                {"application.too_complex_for_acceleration"});
    AddFlag("applicant_informed_of_change", "the applicant is informed of the change of procedure (Art. 42(2))");
  }

  // ---- Time limits (Arts. 27, 28, 35, 51, 67, 68), counted under Art. 73 ----
  Status AddDeadline(const std::string& name, const std::string& param, Date from,
                     std::optional<Date> done_on, const std::string& note = {}) {
    OP_ASSIGN_OR_RETURN(Deadline d, ComputeDeadline(data_, ComputationRule::kApr73, name, param, from, c_.member_state,
                                                    at_, done_on, note));
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // ---- Art. 35: how long the examination may take, and its extensions ----
  // The point of Art. 35(2) or 35(5) a reason of the case names.
  static char ExtensionPoint(const std::string& reason) {
    return reason == "disproportionate_number" ? 'a' : reason == "complex_case" ? 'b' : 'c';
  }
  static const char* ExtensionReason(char point) {
    return point == 'a' ? "a disproportionate number of applications makes the time limit unworkable"
           : point == 'b' ? "the case involves complex issues of fact or law"
                          : "the delay is clearly and solely due to the applicant's failure to comply with Art. 9";
  }
  // `base` extended by `extension` as one time limit from the lodging (Art. 35(2) or (5)).
  Status ExtendedDeadline(const std::string& name, std::string_view base, std::string_view extension,
                          const std::string& paragraph, const std::string& reason, const char* field) {
    const Date lodged = *c_.application.lodged_on;
    const Parameter* base_row = nullptr;
    const Parameter* extension_row = nullptr;
    OP_ASSIGN_OR_RETURN(Period period, ExtendedPeriod(policy_, base, extension, at_, &base_row, &extension_row));
    const char point = ExtensionPoint(reason);
    const std::string article = paragraph + "(" + point + ")";
    OP_ASSIGN_OR_RETURN(Deadline d, DeadlineForPeriod(data_, ComputationRule::kApr73, name, period,
                                                      base_row->legal_basis + "; " + Apr(article), lodged,
                                                      c_.member_state, at_, std::nullopt));
    const Date end = d.date;
    out_.deadlines.push_back(std::move(d));
    AddGround(name == "admissibility" ? "APR-T01" : "APR-T02", Apr(article),
              std::string("The determining authority extended the time limit by up to ") +
                  extension_row->period->ToString() + ", because " + ExtensionReason(point) + ": until " +
                  end.ToString() + ".",
              PolicyStatus::kInForce, "time_limit_extended", {field});
    return Status::OK();
  }

  // Art. 35(1), third subparagraph: an application is not admissible merely because no decision on
  // admissibility was taken within the time limit, so a ground found late still applies; said
  // where the time limit passed before the decision was notified (or, none notified, by the
  // decision date).
  void AdmissibilityTimeLimitPassed() {
    const auto& app = c_.application;
    if (!inadmissible_ || app.remitted_on) return;  // after a remittal, Art. 35(8) (AfterRemittal)
    for (const Deadline& d : out_.deadlines) {
      if (d.name != "admissibility") continue;
      const Date by = app.decision_notified_on ? *app.decision_notified_on : at_;
      if (by <= d.date) return;
      AddFlag("admissibility_time_limit_passed",
              "the time limit for the admissibility examination ended " + d.date.ToString() +
                  (app.decision_notified_on ? ", before the decision was notified on " + by.ToString()
                                            : ", and no decision is recorded by " + by.ToString()) +
                  ": the application is not considered admissible solely because no decision on admissibility was "
                  "taken within it (Art. 35(1), third subparagraph), so the ground of inadmissibility still applies");
      return;
    }
  }

  // Art. 35(8): after a court annuls the decision and sends the case back, national law sets the
  // time limit for concluding the examination, shorter than the article's own. The national limits
  // are not in the data, so the article's limit for the route decided, counted from the remittal
  // (a reading: the text does not say from when), is given as the outer bound: the national one
  // ends before it. Not for the border procedure, whose 12 weeks hold the appeal as well (51(2)).
  Status AfterRemittal(bool border) {
    const auto& app = c_.application;
    if (!app.remitted_on) return Status::OK();
    const std::string remitted = "the court annulled the decision and sent the case back on " +
                                 app.remitted_on->ToString() + ": national law sets a shorter time limit for "
                                 "concluding the examination than Art. 35's (Art. 35(8)); the time limits above "
                                 "counted from the lodging concerned the annulled decision";
    if (border) {
      AddFlag("remittal_time_limit_national", remitted + "; in the border procedure the national limit must fit the "
                                              "12 weeks of Art. 51(2), which are not counted again");
      return Status::OK();
    }
    AddFlag("remittal_time_limit_national", remitted);
    const std::string param = inadmissible_return_             ? "apr.admissibility_return_decision"
                              : inadmissible_                  ? "apr.admissibility"
                              : out_.procedure == "accelerated" ? "apr.accelerated_examination"
                                                                : "apr.regular_examination";
    const Parameter* p = nullptr;
    OP_ASSIGN_OR_RETURN(Period period, policy_.PeriodAt(param, at_, &p));
    OP_ASSIGN_OR_RETURN(Deadline d,
                        DeadlineForPeriod(data_, ComputationRule::kApr73, "after_remittal_longest", period,
                                          Apr("35(8)") + "; " + p->legal_basis, *app.remitted_on, c_.member_state,
                                          at_, app.decision_notified_on,
                                          "the national time limit after the remittal (Art. 35(8)) ends before this "
                                          "day: Art. 35's own limit for this route, counted from the remittal (a "
                                          "reading)"));
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // Art. 35(1): two months (ten working days for Art. 38(1)(e)); 35(2): two more, except for 38(1)(e).
  Status AdmissibilityDeadline() {
    const auto& app = c_.application;
    if (inadmissible_return_ || app.admissibility_extended.empty()) {
      if (inadmissible_return_ && !app.admissibility_extended.empty()) {
        AddFlag("extension_not_applicable", "Art. 35(2) extends the two months of Art. 35(1), first subparagraph, not "
                                            "the ten working days for Art. 38(1)(e)");
      }
      return AddDeadline("admissibility",
                         inadmissible_return_ ? "apr.admissibility_return_decision" : "apr.admissibility",
                         *app.lodged_on, std::nullopt);
    }
    return ExtendedDeadline("admissibility", "apr.admissibility", "apr.admissibility_extension", "35(2)",
                            app.admissibility_extended, "application.admissibility_extended");
  }

  // Art. 35(3): three months for the accelerated examination; 35(4): six for the others, which
  // 35(5) may extend by six and 35(7) may postpone, to 21 months at the latest.
  Status ExaminationDeadline() {
    const auto& app = c_.application;
    const bool extended = !app.examination_extended.empty() || app.examination_postponed;
    if (recommendation_ != nullptr && (inadmissible_ || out_.procedure != "regular")) {
      AddFlag("crisis_expedited_procedure_not_applicable",
              "Art. 14(2) of Regulation (EU) 2024/1359 shortens the regular examination of Art. 35(4), not an "
              "admissibility decision, an accelerated examination or the border procedure");
    }
    if (inadmissible_ || (out_.procedure != "accelerated" && out_.procedure != "regular")) {
      if (extended && !inadmissible_) {
        AddFlag("extension_not_applicable", "Art. 35(5) and (7) concern the examination of Art. 35(4), not the "
                                            "border procedure (Art. 51(2))");
      }
      return Status::OK();
    }
    if (out_.procedure == "accelerated") {
      if (extended) {
        AddFlag("extension_not_applicable", "Art. 35(5) and (7) concern the examination of Art. 35(4), not the "
                                            "accelerated examination (Art. 35(3))");
      }
      return AddDeadline("examination", "apr.accelerated_examination", *app.lodged_on, std::nullopt);
    }
    if (recommendation_ != nullptr) {
      if (app.interview_omitted && app.likely_well_founded) return ExpeditedExamination(extended);
      AddFlag("crisis_expedited_procedure_not_applied",
              "the Commission recommendation " + recommendation_->reference + " (Regulation (EU) 2024/1359, Art. "
              "14(1)) shortens the examination to four weeks only where the personal interview is omitted (Art. "
              "13(11)(a)) and the examination is prioritised as likely well-founded (Art. 34(5)(a)): give "
              "application.interview_omitted and application.likely_well_founded");
    }
    if (app.examination_postponed) {
      OP_RETURN_IF_ERROR(AddDeadline("examination", "apr.examination_postponement_max", *app.lodged_on, std::nullopt,
                                     "postponed for an uncertain situation in the country of origin: the situation "
                                     "is reviewed at least every four months and the applicant told why (Art. "
                                     "35(7)(a)-(c))"));
      AddGround("APR-T03", Apr("35(7)"),
                "The determining authority postponed the conclusion because of an uncertain, presumably temporary "
                "situation in the country of origin: the examination ends at the latest 21 months from the lodging.",
                PolicyStatus::kInForce, "examination_postponed", {"application.examination_postponed"});
      return Status::OK();
    }
    if (!app.examination_extended.empty()) {
      return ExtendedDeadline("examination", "apr.regular_examination", "apr.examination_extension", "35(5)",
                              app.examination_extended, "application.examination_extended");
    }
    return AddDeadline("examination", "apr.regular_examination", *app.lodged_on, std::nullopt);
  }

  // Crisis Regulation Art. 14(2): after a Commission recommendation, an application whose personal
  // interview is omitted (Art. 13(11)(a)) and whose examination is prioritised as likely
  // well-founded (Art. 34(5)(a)) is examined on the merits within four weeks of the lodging, by
  // derogation from Art. 35(4), so neither 35(5) nor 35(7) lengthens it. The Italian text counts
  // from the "presentazione", a word the Crisis Regulation uses without defining; the English
  // text says lodging, the start of the six months of 35(4) it replaces.
  Status ExpeditedExamination(bool extended) {
    const auto& app = c_.application;
    if (extended) {
      AddFlag("extension_not_applicable", "Art. 14(2) of Regulation (EU) 2024/1359 replaces the six months of Art. "
                                          "35(4), which Art. 35(5) and (7) would extend: the four weeks stand");
    }
    OP_RETURN_IF_ERROR(AddDeadline("examination", "crisis.expedited_examination", *app.lodged_on, std::nullopt,
                                   "the expedited procedure after the Commission recommendation " +
                                       recommendation_->reference));
    AddGround("CRISIS-14(2)", Crisis("14(2)") + "; " + recommendation_->legal_basis,
              "After the Commission recommendation " + recommendation_->reference + " (" + recommendation_->scope +
                  "), the personal interview is omitted and the examination prioritised as likely well-founded: it "
                  "ends within four weeks of the lodging, by " + out_.deadlines.back().date.ToString() + ".",
              recommendation_->status, "examination_expedited",
              {"application.crisis_recommendation", "application.interview_omitted", "application.likely_well_founded",
               recommendation_->where});
    return Status::OK();
  }

  // Art. 52(1): the Member State responsible is determined within the border procedure's time
  // limit, at its locations.
  static constexpr const char* kDeterminationAtTheBorder =
      "the Member State responsible (Regulation (EU) 2024/1351) is determined within this time limit, at the border "
      "procedure's locations (Art. 52(1))";

  // Art. 51(2): twelve weeks from the registration; sixteen where the Member State to which the
  // applicant was relocated under AMMR Art. 67(11) extends them (third subparagraph); Crisis
  // Regulation Art. 11(1): up to six weeks more for applications made while the derogation
  // applies, one time limit of eighteen weeks, but "not used in addition to" the sixteen.
  Status BorderProcedureDeadline() {
    const auto& app = c_.application;
    if (app.border_procedure_extended && app.context != "relocation") {
      AddFlag("extension_not_applicable", "Art. 51(2), third subparagraph, extends the border procedure to 16 weeks "
                                          "only for an applicant relocated under Regulation (EU) 2024/1351, Art. "
                                          "67(11) (application.context relocation)");
    }
    if (app.border_procedure_extended && app.context == "relocation") return RelocatedBorderProcedureDeadline();
    const MemberStateSetting* row = CrisisDerogation("crisis_derogation_art_11_1", "11(1)", app.made_on);
    if (row == nullptr) {
      return AddDeadline("border_procedure", "apr.border_procedure", *app.registered_on, std::nullopt,
                         kDeterminationAtTheBorder);
    }
    const Parameter* base = nullptr;
    OP_ASSIGN_OR_RETURN(Period period,
                        ExtendedPeriod(policy_, "apr.border_procedure", "crisis.border_procedure_extension", at_, &base));
    OP_ASSIGN_OR_RETURN(Deadline d, DeadlineForPeriod(data_, ComputationRule::kApr73, "border_procedure", period,
                                                      base->legal_basis + "; " + Crisis("11(1)"), *app.registered_on,
                                                      c_.member_state, at_, std::nullopt,
                                                      std::string(kDeterminationAtTheBorder) +
                                                          "; where the determination takes longer, it and the rest of "
                                                          "the procedure are completed in the territory (Regulation "
                                                          "(EU) 2024/1359, Art. 11(11))"));
    const Date end = d.date;
    out_.deadlines.push_back(std::move(d));
    AddGround("CRISIS-11(1)", Crisis("11(1)") + "; " + row->legal_basis,
              "The application was made while the derogation applies: the border procedure may last up to six weeks "
              "longer, until " + end.ToString() + ".",
              row->status, "border_procedure_extended", {row->where});
    return Status::OK();
  }

  // Art. 51(2), third subparagraph: sixteen weeks from the registration. The six weeks of Crisis
  // Regulation Art. 11(1) "are not used in addition to" this period: with the extension chosen,
  // a crisis derogation in force adds nothing, and the flag says what it would have given.
  Status RelocatedBorderProcedureDeadline() {
    const auto& app = c_.application;
    OP_RETURN_IF_ERROR(AddDeadline("border_procedure", "apr.border_procedure_after_relocation", *app.registered_on,
                                   std::nullopt, kDeterminationAtTheBorder));
    AddGround("APR-T04", Apr("51(2)"),
              "The applicant was relocated under Regulation (EU) 2024/1351, Art. 67(11), and the Member State of "
              "relocation extended the border procedure from 12 to 16 weeks (third subparagraph), until " +
                  out_.deadlines.back().date.ToString() + ".",
              PolicyStatus::kInForce, "border_procedure_extended",
              {"application.context", "application.border_procedure_extended"});
    if (const MemberStateSetting* row = CrisisDerogation("crisis_derogation_art_11_1", "11(1)", app.made_on)) {
      AddFlag("crisis_extension_not_cumulated",
              "Regulation (EU) 2024/1359, Art. 11(1) (" + row->where + ") would extend the 12 weeks by up to six, but "
              "that period is not used in addition to the 16 weeks of Art. 51(2), third subparagraph: the border "
              "procedure ends at the 16 weeks chosen");
    }
    return Status::OK();
  }

  // Art. 27(3): an application made to an authority that receives applications but does not
  // register them: that authority informs the registering one within three working days of the
  // making, which registers within five days of the information; with a disproportionate number
  // of applications, within 15 days of the making (27(5), which names paragraph 3 too).
  Status RegistrationAfterReferral() {
    const auto& app = c_.application;
    OP_RETURN_IF_ERROR(AddDeadline("registering_authority_informed", "apr.registration_referral", app.made_on,
                                   app.registering_authority_informed_on,
                                   "the authority that received the application informs the authority that registers "
                                   "it"));
    if (app.disproportionate_number) {
      return AddDeadline("registration", "apr.registration_disproportionate", app.made_on, app.registered_on);
    }
    if (app.registering_authority_informed_on) {
      return AddDeadline("registration", "apr.registration_after_referral", *app.registering_authority_informed_on,
                         app.registered_on, "from the registering authority's receipt of the information");
    }
    AddFlag("registration_after_information",
            "the application was made to an authority that does not register applications: the registration is due "
            "within five days of the registering authority being informed (Art. 27(3)), which is not recorded");
    return Status::OK();
  }

  // Art. 20(2)-(3): the assessment of the need for special procedural guarantees, started as soon
  // as possible after the application is made, concluded within 30 days; the Article does not say
  // from when, so they are counted from the making (the earliest reading). Listed after the
  // procedure's own time limits.
  Status GuaranteesAssessmentDeadline() {
    return AddDeadline("special_procedural_guarantees_assessment", "apr.special_procedural_guarantees_assessment",
                       c_.application.made_on, c_.application.guarantees_assessed_on,
                       "Art. 20(3) gives 30 days without saying from when: counted from the making of the "
                       "application, when Art. 20(2) starts the assessment");
  }

  // Art. 23(2)(b) and (3): for an unaccompanied minor, a representative as soon as possible and no
  // later than 15 working days from the making of the application; ten working days more for a
  // disproportionate number of applications by unaccompanied minors or other exceptional
  // situations. (The AMMR's Art. 23(2) says the same; the reception Directive's Art. 27(1) adds ten
  // days, not working days.)
  Status RepresentativeDeadline() {
    const auto& app = c_.application;
    if (!c_.applicant.unaccompanied_minor) {
      if (app.representative_appointed_on || app.representative_exceptional_situation) {
        AddFlag("representative_not_required",
                "the applicant is not an unaccompanied minor: Art. 23(2) does not apply, and a representative's "
                "tasks end once the applicant is no longer one (its fourth subparagraph)");
      }
      return Status::OK();
    }
    const bool extended = app.representative_exceptional_situation;
    OP_ASSIGN_OR_RETURN(
        Deadline d,
        ComputeExtendableDeadline(data_, ComputationRule::kApr73, "representative", "apr.representative",
                                  "apr.representative_extension", extended,
                                  Apr("23(2), first subparagraph, point (b), and 23(3)"), app.made_on,
                                  c_.member_state, at_, app.representative_appointed_on,
                                  std::string("a representative for the unaccompanied minor; until then a person "
                                              "designated to assist provisionally (Art. 23(2), first subparagraph, "
                                              "point (a))") +
                                      (extended ? "; ten working days more in an exceptional situation" : "")));
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  Status ComputeDeadlines() {
    const auto& app = c_.application;
    const bool border = out_.procedure == "border";
    // Crisis Regulation Art. 10(1): applications made while the derogation applies may be
    // registered within four weeks (10(7): Eurodac's time limits are not extended).
    if (const MemberStateSetting* row = CrisisDerogation("crisis_derogation_art_10", "10(1)", app.made_on)) {
      OP_RETURN_IF_ERROR(AddDeadline("registration", "crisis.registration", app.made_on, app.registered_on,
                                     "the transmission to Eurodac keeps its own time limits (Regulation (EU) "
                                     "2024/1359, Art. 10(7))"));
      AddGround("CRISIS-10(1)", Crisis("10(1)") + "; " + row->legal_basis,
                "The application was made on " + app.made_on.ToString() +
                    ", while the derogation applies: it may be registered within four weeks, those with special "
                    "reception needs, minors and their families first (Art. 10(2)).",
                row->status, "registration_extended", {row->where});
      if (const std::string who = CrisisPriorityPerson(false); !who.empty()) {
        AddFlag("crisis_registration_priority",
                "the applicant is " + who + ": Art. 10(2) of Regulation (EU) 2024/1359 puts the registration of "
                "applications of persons with special reception needs, minors and their family members first");
      }
    } else if (app.made_to_non_registering_authority) {
      OP_RETURN_IF_ERROR(RegistrationAfterReferral());
    } else {
      OP_RETURN_IF_ERROR(AddDeadline("registration",
                                     app.disproportionate_number ? "apr.registration_disproportionate"
                                                                 : "apr.registration",
                                     app.made_on, app.registered_on));
    }
    OP_RETURN_IF_ERROR(RepresentativeDeadline());
    if (app.context == "apprehended_irregular_crossing" || app.context == "sar_disembarkation") {
      AddFlag("registration_after_screening",
              "for a person in screening the registration time limit applies only once screening has ended "
              "(Art. 27(7)); it is counted here from the making of the application");
    }
    if (!app.registered_on) {
      OP_RETURN_IF_ERROR(GuaranteesAssessmentDeadline());
      AddFlag("not_registered", "later time limits run from registration and lodging, which are not recorded yet");
      return Status::OK();
    }
    if (app.reported_after_transfer_on && !border) {
      // Art. 28(2): after a transfer, 21 days from presenting to the authorities of the Member
      // State responsible; the examination then runs from that lodging (Art. 35(6)).
      OP_RETURN_IF_ERROR(AddDeadline("lodging", "apr.lodging_after_transfer", *app.reported_after_transfer_on,
                                     app.lodged_on,
                                     "after the transfer (Regulation (EU) 2024/1351, Art. 46), in the Member State "
                                     "responsible; the examination's time limit runs from this lodging (Art. 35(6))"));
    } else if (border && app.context == "relocation") {
      // Art. 51(1): after a relocation transfer the five days run from the arrival in the Member
      // State of relocation, not from the first registration (in the benefitting Member State).
      if (app.arrived_after_relocation_on) {
        OP_RETURN_IF_ERROR(AddDeadline("lodging", "apr.lodging_border", *app.arrived_after_relocation_on,
                                       app.lodged_on,
                                       "from the arrival in the Member State of relocation after the transfer of "
                                       "Regulation (EU) 2024/1351, Art. 67(11); missing it does not end the border "
                                       "procedure"));
      } else {
        AddFlag("relocation_arrival_not_recorded",
                "after a relocation the five days for lodging in the border procedure run from the arrival in the "
                "Member State of relocation (Art. 51(1)): give application.arrived_after_relocation_on");
      }
    } else {
      const std::string lodging_param = border ? "apr.lodging_border"
                                        : app.disproportionate_number ? "apr.lodging_disproportionate"
                                                                      : "apr.lodging";
      OP_RETURN_IF_ERROR(AddDeadline("lodging", lodging_param, *app.registered_on, app.lodged_on,
                                     border ? "missing it does not end the border procedure" : ""));
    }
    if (border) {
      OP_RETURN_IF_ERROR(BorderProcedureDeadline());
    } else if (c_.application.border_procedure_extended) {
      AddFlag("extension_not_applicable", "the border procedure does not apply: its extension to 16 weeks (Art. "
                                          "51(2), third subparagraph) has nothing to extend");
    }
    if (!app.lodged_on) {
      AddFlag("not_lodged", "the admissibility and examination time limits run from lodging, which is not recorded yet");
    } else {
      OP_RETURN_IF_ERROR(AdmissibilityDeadline());
      AdmissibilityTimeLimitPassed();
      OP_RETURN_IF_ERROR(ExaminationDeadline());
      OP_RETURN_IF_ERROR(AfterRemittal(border));
    }
    if (c_.facts.explicit_withdrawal_on) {
      // Art. 40(3): the declaration of an explicit withdrawal is final and not appealable.
      if (app.decision_notified_on) {
        AddFlag("no_appeal_explicit_withdrawal",
                "the decision declaring the application explicitly withdrawn is final and not subject to appeal (Art. "
                "40(3)): no appeal time limit runs");
      }
    } else if (app.decision_notified_on) {
      // Art. 67(7): 5-10 days for inadmissibility and for decisions where an Art. 42 circumstance
      // applied; 2 weeks to 1 month otherwise. National law fixes the limit within the range.
      // An examination continued under Art. 42(2) keeps its Art. 42 circumstance: 67(7)(a) turns
      // on the circumstance at the time of the decision, not on the procedure followed.
      const bool withdrawn = !c_.facts.implicit_withdrawal_ground.empty();  // 67(7)(a), 68(3)(c)
      const bool short_range = inadmissible_ || out_.procedure != "regular" || continued_in_regular_ || withdrawn;
      const std::string note = "national law sets the limit within this range, counted from notification";
      OP_RETURN_IF_ERROR(AddDeadline("appeal_minimum", short_range ? "apr.appeal_short_min" : "apr.appeal_long_min",
                                     *app.decision_notified_on, std::nullopt, note));
      OP_RETURN_IF_ERROR(AddDeadline("appeal_maximum", short_range ? "apr.appeal_short_max" : "apr.appeal_long_max",
                                     *app.decision_notified_on, std::nullopt, note));
      // Art. 68(3)(a)(i) withholds the right to remain from an applicant "subject to" the
      // accelerated examination when rejected: not one whose examination continued under 42(2).
      // 68(3)(d) withholds it after any rejection of a subsequent application as unfounded,
      // whatever the procedure (one continued under 42(2) included).
      const bool merits_withhold = out_.procedure != "regular" || app.subsequent;
      if (withdrawn || (inadmissible_ ? InadmissibilityWithholdsRightToRemain() : merits_withhold)) {
        if (uam_ && out_.procedure == "border" && !inadmissible_ && !withdrawn) {
          AddFlag("unaccompanied_minor_right_to_remain_reading",
                  "Art. 68(3)(a)(ii) keeps the right to remain of an unaccompanied minor in the border procedure, "
                  "while 68(3)(a)(i) withholds it from an applicant subject to an accelerated examination under Art. "
                  "42(3), the ground that brings an unaccompanied minor into the border procedure: the text does not "
                  "say which prevails, so the time limit to ask to remain is given");
        }
        OP_RETURN_IF_ERROR(AddDeadline(
            "leave_to_remain_request", "apr.leave_to_remain_request", *app.decision_notified_on, std::nullopt,
            "where the appeal has no automatic suspensive effect (Art. 68(3)), a request to remain may be made "
            "within at least this period"));
      }
    } else {
      AddFlag("appeal_from_notification",
              "appeal time limits run from notification of the decision (Art. 67(7)): give "
              "application.decision_notified_on to compute them");
    }
    OP_RETURN_IF_ERROR(GuaranteesAssessmentDeadline());
    AddFlag("national_holidays_only",
            "time limits count the national public holidays of " + c_.member_state +
                "; regional holidays are not considered");
    return Status::OK();
  }

  void FlagUncertainGrounds() {
    for (const Ground& g : out_.grounds) {
      if (g.status != "in_force" && g.effect != "not_applied") {
        AddFlag("provision_" + g.status,
                g.rule + " (" + g.legal_basis + ") rests on a provision whose status is '" + g.status +
                    "' in the policy data: check it before relying on the decision");
      }
    }
  }

  const ProcedureCase& c_;
  const RulesData& data_;
  const Policy& policy_;
  const Date at_;
  const bool uam_;
  std::string origin_;
  const CrisisRecommendation* recommendation_ = nullptr;
  bool inadmissible_ = false;
  bool inadmissible_return_ = false;
  bool continued_in_regular_ = false;  // Art. 42(2)
  std::vector<Circumstance> circumstances_;
  ProcedureDecision out_;
};

}  // namespace

bool NamedByArticle68_3b(const Policy& policy, const std::string& ground, Date decided_on,
                         const Parameter** amended_by) {
  *amended_by = nullptr;
  if (ground == "38(1)(a)" || ground == "38(1)(d)" || ground == "38(1)(e)" || ground == "38(2)") return true;
  const Parameter* added = policy.ParameterAt("apr.no_right_to_remain_added_ground", decided_on);
  if (added == nullptr || added->value != ground) return false;
  *amended_by = added;
  return true;
}

std::string AmendedArticle68_3bMessage(const std::string& ground, const Parameter& amended_by) {
  return "inadmissibility on Art. " + ground + " counts under " + amended_by.legal_basis + " (" + amended_by.where +
         ", status " + PolicyStatusName(amended_by.status) + "): " + amended_by.note;
}

Result<Deadline> ComputeDeadline(const RulesData& data, ComputationRule rule, const std::string& name,
                                 std::string_view param, Date from, std::string_view member_state, Date at,
                                 std::optional<Date> done_on, const std::string& note) {
  const Parameter* p = nullptr;
  OP_ASSIGN_OR_RETURN(Period period, data.policy.PeriodAt(param, at, &p));
  return DeadlineForPeriod(data, rule, name, period, p->legal_basis, from, member_state, at, done_on, note);
}

Result<Deadline> DeadlineForPeriod(const RulesData& data, ComputationRule rule, const std::string& name,
                                   const Period& period, std::string legal_basis, Date from,
                                   std::string_view member_state, Date at, std::optional<Date> done_on,
                                   const std::string& note) {
  OP_ASSIGN_OR_RETURN(TimeLimit t, ComputeTimeLimit(from, period, member_state, data.calendar, rule));
  Deadline d;
  d.name = name;
  d.date = t.end;
  d.legal_basis = std::move(legal_basis);
  d.from = from;
  d.period = period.ToString();
  d.note = note;
  if (!t.note.empty()) d.note = d.note.empty() ? t.note : d.note + "; " + t.note;
  d.state = DeadlineState(t.end, done_on, at);
  return d;
}

const char* DeadlineState(Date end, std::optional<Date> done_on, Date at) {
  if (done_on) return *done_on <= end ? "met" : "missed";
  return at <= end ? "running" : "expired";
}

Result<Deadline> ComputeExtendableDeadline(const RulesData& data, ComputationRule rule, const std::string& name,
                                           std::string_view base, std::string_view extension, bool extended,
                                           const std::string& extended_basis, Date from,
                                           std::string_view member_state, Date at, std::optional<Date> done_on,
                                           const std::string& note) {
  if (!extended) return ComputeDeadline(data, rule, name, base, from, member_state, at, done_on, note);
  OP_ASSIGN_OR_RETURN(Period period, ExtendedPeriod(data.policy, base, extension, at));
  return DeadlineForPeriod(data, rule, name, period, extended_basis, from, member_state, at, done_on, note);
}

Result<Period> ExtendedPeriod(const Policy& policy, std::string_view base, std::string_view extension, Date at,
                              const Parameter** base_row, const Parameter** extension_row) {
  const Parameter* b = nullptr;
  const Parameter* e = nullptr;
  OP_ASSIGN_OR_RETURN(Period period, policy.PeriodAt(base, at, &b));
  OP_ASSIGN_OR_RETURN(Period more, policy.PeriodAt(extension, at, &e));
  if (more.unit != period.unit) {
    return Status::FailedPrecondition("policy: " + std::string(extension) + " (" + e->where +
                                      ") must be counted in the unit of " + std::string(base) + " (" + b->where + ")");
  }
  period.amount += more.amount;
  if (base_row) *base_row = b;
  if (extension_row) *extension_row = e;
  return period;
}

Result<std::optional<Flag>> CheckBoundByAct(const RulesData& data, const std::string& member_state,
                                            std::string_view setting, const std::string& act, Date at,
                                            const std::string& field) {
  const MemberStateSetting* row = nullptr;
  const bool bound = data.policy.SettingAt(member_state, setting, at, true, &row);
  if (row == nullptr) return std::optional<Flag>();
  const std::string name = data.countries.NameOf(member_state);
  const bool settled = row->status == PolicyStatus::kInForce;
  const std::string status = PolicyStatusName(row->status);
  if (!bound) {
    std::string why = row->legal_basis + "; policy " + row->where;
    if (!settled) why += "; " + status + ": " + row->note;
    return Status::InvalidArgument(name + " is not bound by " + act + " (" + why + ")", field);
  }
  if (settled) return std::optional<Flag>();
  return std::optional<Flag>(Flag{"member_state_participation_" + status,
                                  "whether " + name + " is bound by " + act + " is '" + status +
                                      "' in the policy data (" + row->legal_basis + "): " + row->note});
}

Result<RulesData> RulesData::Load(const std::string& data_dir, const std::string& policy_dir) {
  OP_ASSIGN_OR_RETURN(CountryRegistry countries, CountryRegistry::Load(data_dir + "/countries.csv"));
  OP_ASSIGN_OR_RETURN(HolidayCalendar calendar,
                      HolidayCalendar::Load(data_dir + "/holidays/public_holidays.csv"));
  OP_ASSIGN_OR_RETURN(Policy policy,
                      Policy::Load(policy_dir.empty() ? data_dir + "/policy" : policy_dir, countries));
  return RulesData{std::move(countries), std::move(calendar), std::move(policy)};
}

Result<ProcedureDecision> DecideProcedure(const ProcedureCase& c, const RulesData& data,
                                          std::optional<Date> at) {
  Decider d(c, data, at.value_or(c.decision_date));
  return d.Run();
}

void WriteDeadlines(JsonWriter& w, const std::vector<Deadline>& deadlines) {
  w.Key("deadlines").BeginArray();
  for (const Deadline& x : deadlines) {
    w.BeginObject().Field("name", x.name).Field("date", x.date.ToString()).Field("legal_basis", x.legal_basis);
    w.Field("from", x.from.ToString()).Field("period", x.period).Field("state", x.state);
    if (!x.note.empty()) w.Field("note", x.note);
    if (!x.by.empty()) w.Field("by", x.by).Field("actor", x.actor);
    w.EndObject();
  }
  w.EndArray();
}

void WriteGrounds(JsonWriter& w, const std::vector<Ground>& grounds) {
  w.Key("grounds").BeginArray();
  for (const Ground& g : grounds) {
    w.BeginObject().Field("rule", g.rule).Field("legal_basis", g.legal_basis).Field("explanation", g.explanation);
    w.Field("status", g.status).Field("effect", g.effect).Key("evidence").BeginArray();
    for (const std::string& e : g.evidence) w.String(e);
    w.EndArray().EndObject();
  }
  w.EndArray();
}

void WriteFlags(JsonWriter& w, const std::vector<Flag>& flags) {
  w.Key("flags").BeginArray();
  for (const Flag& f : flags) w.BeginObject().Field("code", f.code).Field("message", f.message).EndObject();
  w.EndArray();
}

std::string ProcedureDecisionToJson(const ProcedureDecision& d, int indent) {
  // Written directly (no JSON tree): this runs once per case in batch mode.
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("admissibility", d.admissibility).Field("procedure", d.procedure).Field("border_procedure", d.border_procedure);
  w.Field("right_to_remain", d.right_to_remain).Field("withdrawal", d.withdrawal);
  WriteGrounds(w, d.grounds);
  WriteDeadlines(w, d.deadlines);
  WriteFlags(w, d.flags);
  w.Field("policy_version", d.policy_version).Field("decision_date", d.decision_date.ToString());
  w.Field("member_state", d.member_state);
  w.EndObject();
  return w.Take();
}

}  // namespace openpact::rules
