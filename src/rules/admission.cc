// The admission procedure of Regulation (EU) 2024/1350, read against
// shared/spec/law-it/reg-2024-1350.txt: scope (recitals 50-51, Art. 16), the conclusion (Art.
// 9(9)-(11), (13)), entry (9(20)) and the keeping of personal data (9(12)).
#include "rules/admission.h"

#include <string>
#include <vector>

#include "core/json_writer.h"

namespace openpact::rules {
namespace {

std::string Urf(const std::string& article) { return "Regulation (EU) 2024/1350, Art. " + article; }

constexpr ComputationRule kRule = ComputationRule::kReg1182_71;

class AdmissionDecider : RecordDecider<AdmissionDecision> {
 public:
  AdmissionDecider(const AdmissionCase& c, const RulesData& data, Date at)
      : RecordDecider(data, c.member_state, at), c_(c) {}

  Result<AdmissionDecision> Run() {
    OP_ASSIGN_OR_RETURN(Date applies_from,
                        CheckBoundAndApplying("bound_by_urf", "Regulation (EU) 2024/1350", "urf.application_date",
                                              "it applies from 11 June 2024, Art. 16(1)"));
    if (c_.registered_on < applies_from) {
      return Status::InvalidArgument("registered before " + applies_from.ToString() +
                                         ", when Regulation (EU) 2024/1350 did not apply",
                                     "registered_on");
    }
    out_.procedure = c_.discontinued.present ? "discontinued"
                     : !c_.conclusion.present ? "running"
                     : c_.conclusion.outcome == "positive" ? "concluded_positive"
                                                           : "concluded_negative";
    if (c_.discontinued.present) {
      Discontinued();
    } else {
      OP_RETURN_IF_ERROR(Conclusion());
    }
    if (c_.conclusion.present) OP_RETURN_IF_ERROR(AfterConclusion());
    OP_RETURN_IF_ERROR(Retention());
    return std::move(out_);
  }

 private:
  // ---- Art. 9(9): a conclusion within seven months of the registration, three more for a case
  // with complex issues of fact or law (one time limit of ten months); 9(10): for emergency
  // admission as soon as possible, the Member State endeavouring to conclude within a month. ----
  Status Conclusion() {
    std::optional<Date> concluded;
    if (c_.conclusion.present) concluded = c_.conclusion.on;
    if (c_.emergency) {
      OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "emergency_admission_conclusion", "urf.emergency_conclusion",
                                            c_.registered_on, concluded,
                                            "emergency admission: a conclusion as soon as possible; the Member State "
                                            "endeavours to reach it within this time (best efforts)"));
      out_.deadlines.push_back(std::move(d));
    }
    const std::string note = "the conclusion on the admission, on the assessment of Art. 9(6)";
    if (!c_.complex_case) {
      OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "admission_conclusion", "urf.conclusion", c_.registered_on,
                                            concluded, note));
      out_.deadlines.push_back(std::move(d));
      return Status::OK();
    }
    // "extend that time limit by three months": one time limit of seven and three months.
    OP_ASSIGN_OR_RETURN(Period extended, ExtendedPeriod(policy_, "urf.conclusion", "urf.conclusion_extension", at_));
    OP_ASSIGN_OR_RETURN(Deadline d,
                        DeadlineForPeriod(data_, kRule, "admission_conclusion", extended,
                                          Urf("9(9), first and second sentences") + "; computed under " +
                                              ComputationRuleCitation(kRule),
                                          c_.registered_on, c_.member_state, at_, concluded, note));
    AddGround("URF-9(9)", Urf("9(9)"),
              "The case involves complex issues of fact or law: the time limit is extended by three months, to " +
                  d.date.ToString() + ".",
              "conclusion_extended", {"complex_case"});
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // ---- Art. 9(11): the procedure is discontinued where consent is withdrawn (first
  // subparagraph), and may be for the reasons of the second subparagraph. ----
  void Discontinued() {
    const auto& x = c_.discontinued;
    if (x.reason == "consent_withdrawn") {
      AddGround("URF-9(11)", Urf("9(11), first subparagraph"),
                "The person withdrew consent to be admitted (Art. 7): the procedure was discontinued on " +
                    x.on.ToString() + ".",
                "discontinued", {"discontinued.reason"});
      return;
    }
    static const char* kWhy[] = {
        "the number of persons admitted exceeds the contribution set in the Union plan",
        "preference is to be given to the persons of Art. 9(2), point (c)",
        "the Member State cannot meet the time limits of Art. 9(9) for reasons beyond its control"};
    const char letter = x.reason[x.reason.size() - 2];  // "9(11)(a)" .. "9(11)(c)", as the parser admits
    AddGround("URF-9(11)", Urf("9(11), second subparagraph, point (" + std::string(1, letter) + ")"),
              "The Member State discontinued the procedure on " + x.on.ToString() + ": " + kWhy[letter - 'a'] + ".",
              "discontinued", {"discontinued.reason"});
  }

  // ---- After the conclusion: not admitted (9(13)), or entry within twelve months (9(20)). ----
  Status AfterConclusion() {
    const auto& k = c_.conclusion;
    if (k.outcome == "negative") {
      const bool mandatory = k.refusal_ground.rfind("6(1)", 0) == 0;
      AddGround("URF-9(13)", Urf("9(13)") + "; " + Urf(k.refusal_ground),
                std::string("The conclusion of ") + k.on.ToString() + " is negative on the ground of Art. " +
                    k.refusal_ground + (mandatory ? " (admission is refused)" : " (admission may be refused)") +
                    ": the person is not admitted to " + Name(c_.member_state) + ".",
                "not_admitted", {"conclusion.outcome", "conclusion.refusal_ground"});
      return Status::OK();
    }
    OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "entry", "urf.entry", k.on, c_.entered_on,
                                          c_.emergency ? "emergency admission: a rapid transfer after the positive "
                                                         "conclusion; every effort to ensure entry within this time"
                                                       : "every effort to ensure entry as soon as possible and "
                                                         "within this time (best efforts)"));
    d.legal_basis = Urf(c_.emergency ? "9(20), first and second subparagraphs" : "9(20), first subparagraph") +
                    "; computed under " + ComputationRuleCitation(kRule);
    out_.deadlines.push_back(std::move(d));
    if (c_.status_granted.empty()) {
      out_.not_assessed.push_back(Urf("9(15)-(17)") + ": the decision granting international protection or a "
                                  "humanitarian status after the positive conclusion (give status_granted when taken)");
    }
    return Status::OK();
  }

  // ---- Art. 9(12): how long the personal data are kept. ----
  Status Retention() {
    std::optional<Date> until;
    Date from = c_.registered_on;
    std::string basis, why;
    const auto& k = c_.conclusion;
    const auto& x = c_.discontinued;
    auto years = [&](std::string_view param, Date from) -> Result<Date> {
      const Parameter* row = nullptr;
      OP_ASSIGN_OR_RETURN(Period p, policy_.PeriodAt(param, at_, &row));
      if (p.unit != PeriodUnit::kYears) {
        return Status::FailedPrecondition("policy: " + std::string(param) + " (" + row->where + ") must be in years");
      }
      return from.AddYears(p.amount);
    };
    if (!c_.status_granted.empty()) {
      OP_ASSIGN_OR_RETURN(Date d, years("urf.retention_admitted", c_.registered_on));
      until = d;
      basis = Urf("9(12), first subparagraph, first sentence");
      why = "protection or a humanitarian status was granted: the data are kept for five years from the registration (" +
            c_.registered_on.ToString() + ")";
    } else if (k.present && k.outcome == "negative" &&
               (k.refusal_ground == "6(1)(c)" || k.refusal_ground == "6(1)(d)")) {
      OP_ASSIGN_OR_RETURN(Date d, years("urf.retention_refused", k.on));
      until = d;
      from = k.on;
      basis = Urf("9(12), first subparagraph, second sentence");
      why = "admission was refused on a ground Art. 6(1)(f) refers to (" + k.refusal_ground +
            "): the data are kept for three years from the negative conclusion (" + k.on.ToString() + ")";
    } else if (x.present && x.reason == "consent_withdrawn") {
      OP_ASSIGN_OR_RETURN(Date d, years("urf.retention_discontinued", x.on));
      until = d;
      from = x.on;
      basis = Urf("9(12), third subparagraph, first sentence");
      why = "the procedure was discontinued because consent was withdrawn: the data are kept for three years from "
            "the discontinuation (" + x.on.ToString() + ")";
    } else if (x.present) {
      until = from = x.on;
      basis = Urf("9(12), third subparagraph, second sentence");
      why = "the procedure was discontinued under Art. 9(11), second subparagraph: the data are erased on the day of "
            "the discontinuation (" + x.on.ToString() + ")";
    } else if (k.present && k.outcome == "negative") {
      out_.not_assessed.push_back(Urf("9(12)") + ": the Regulation sets no period for keeping the data of a person "
                                  "refused on the ground of Art. " + k.refusal_ground +
                                  " (Regulation (EU) 2016/679 and national law apply)");
    }
    if (c_.citizenship_acquired_on && (!until || *c_.citizenship_acquired_on < *until)) {
      AddFlag("erase_citizen_data",
              "the person acquired the citizenship of a Member State on " + c_.citizenship_acquired_on->ToString() +
                  ": the data are erased as soon as the Member State becomes aware of it (Art. 9(12), second "
                  "subparagraph)");
      until = from = *c_.citizenship_acquired_on;
      basis = Urf("9(12), second subparagraph");
      why = "the person became a citizen of a Member State: the data are erased as soon as that is known";
    }
    if (!until) return Status::OK();
    out_.data_kept_until = until;
    AddGround("URF-9(12)", basis, "Personal data: " + why + ", until " + until->ToString() + ".", "data_retention");
    Deadline d;
    d.name = "data_retention";
    d.date = *until;
    d.legal_basis = basis;
    d.from = from;
    d.period = "until erased";
    d.note = "the last day the personal data of the admission procedure may be kept; erased at the end of it";
    d.state = at_ <= d.date ? "running" : "expired";
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  const AdmissionCase& c_;
};

}  // namespace

Result<AdmissionDecision> DecideAdmission(const AdmissionCase& c, const RulesData& data, std::optional<Date> at) {
  return AdmissionDecider(c, data, at.value_or(c.decision_date)).Run();
}

std::string AdmissionDecisionToJson(const AdmissionDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("procedure", d.procedure);
  WriteDateOrNull(w, "data_kept_until", d.data_kept_until);
  WriteDecisionRecord(w, d);
  w.EndObject();
  return w.Take();
}

}  // namespace openpact::rules
