// Temporary protection for persons displaced from Ukraine (temporary_protection.h), organised as
// the acts are: scope (the Member State bound by Directive 2001/55/EC; the Decision applying and
// not yet ended), exclusion (Directive Art. 28), the categories of Implementing Decision (EU)
// 2022/382 Art. 2 in their order, the duration (Directive Art. 4 and the Council's extensions), the
// rights that follow (Directive Arts. 8, 12-14, 17, 19) and Eurodac (Regulation (EU) 2024/1358,
// Art. 63(3)).
#include "rules/temporary_protection.h"

#include <string>

#include "core/json_writer.h"

namespace openpact::rules {
namespace {

constexpr const char* kDecision = "Council Implementing Decision (EU) 2022/382";
constexpr const char* kDirective = "Directive 2001/55/EC";

std::string Cid(const std::string& article) { return std::string(kDecision) + ", Art. " + article; }
std::string Tpd(const std::string& article) { return std::string(kDirective) + ", Art. " + article; }

class TemporaryProtectionDecider : RecordDecider<TemporaryProtectionDecision> {
 public:
  TemporaryProtectionDecider(const TemporaryProtectionCase& c, const RulesData& data, Date at)
      : RecordDecider(data, c.member_state, at), c_(c) {}

  Result<TemporaryProtectionDecision> Run() {
    OP_RETURN_IF_ERROR(CheckScope());
    AddFlag("text_not_in_law_it",
            "Directive 2001/55/EC and the Council's implementing decisions are not among the official texts in "
            "shared/spec/law-it: these rules follow shared/spec/rules.md §6 and archived copies (docs/rules.md); "
            "check them against the Official Journal before relying on the answer");
    out_.not_assessed = {
        Tpd("11") + ": a person staying in, or seeking to enter, another Member State without authorisation during "
                    "the protection (taken back by the Member State that granted it)",
        Tpd("15") + ": family reunification of families separated by the mass influx",
        Tpd("16") + ": the representation of unaccompanied minors",
        std::string(kDirective) + ", Arts. 20-23: what follows the end of the protection (the general law on protection and on aliens, "
                       "voluntary and enforced return)"};
    OP_RETURN_IF_ERROR(Duration());
    if (Excluded()) return std::move(out_);
    OP_RETURN_IF_ERROR(Coverage());
    if (out_.coverage == "covered" || out_.coverage == "member_state_choice" ||
        out_.coverage == "member_state_option") {
      if (ended_) {
        AddGround("TPD-20", Tpd("20"),
                  "The temporary protection ended on " + out_.protection_ends_on->ToString() +
                      " (the last extension in the policy data): the general laws on protection and on aliens of " +
                      Name(c_.member_state) + " apply.",
                  "ended");
        out_.coverage = "ended";
      } else {
        Rights();
        Eurodac();
      }
    }
    return std::move(out_);
  }

 private:
  // ---- Scope: Denmark is not bound by the Directive (Protocol No 22); the Decision applies from
  // its entry into force. ----
  Status CheckScope() {
    OP_ASSIGN_OR_RETURN(auto participation,
                        CheckBoundByAct(data_, c_.member_state, "bound_by_tpd", "Directive 2001/55/EC", at_));
    if (participation) AddFlag(std::move(participation->code), std::move(participation->message));
    auto from = policy_.DateAt("tp.2022_382.application_date", at_);
    if (!from.ok()) {
      return Status::InvalidArgument(std::string(kDecision) + " applies from 4 March 2022: there is no temporary "
                                                              "protection to decide on " + at_.ToString(),
                                     "decision_date");
    }
    applies_from_ = *from;
    OP_ASSIGN_OR_RETURN(displaced_from_, policy_.DateAt("tp.2022_382.displacement_date", at_));
    return Status::OK();
  }

  // ---- Directive Art. 4: one year, extended automatically by six-month periods up to one more
  // year, then by the Council year by year (each extension a dated policy row). ----
  Status Duration() {
    const Parameter* ends = policy_.ParameterAt("tp.2022_382.end_date", at_);
    if (ends == nullptr) {
      return Status::FailedPrecondition("policy gap: no end date of the temporary protection on " + at_.ToString() +
                                        " (tp.2022_382.end_date)");
    }
    OP_ASSIGN_OR_RETURN(Date last_day, Date::Parse(ends->value, ends->where));
    out_.protection_ends_on = last_day;
    ended_ = last_day < at_;
    if (ends->status != PolicyStatus::kInForce) {
      AddFlag("extension_" + std::string(PolicyStatusName(ends->status)),
              "the extension to " + last_day.ToString() + " is '" + PolicyStatusName(ends->status) +
                  "' in the policy data: " + ends->note);
    }
    // The row's own status: an extension not verified is said to be so.
    out_.grounds.push_back(Ground{"TPD-4", ends->legal_basis,
                                  "The temporary protection runs until " + last_day.ToString() +
                                      " as extended so far (" + ends->note + ").",
                                  PolicyStatusName(ends->status), "protection_until", {}});
    Deadline d;
    d.name = "temporary_protection_ends";
    d.date = last_day;
    d.legal_basis = ends->legal_basis;
    d.from = displaced_from_;
    d.period = "as extended by the Council";
    d.note = "the last day of the temporary protection unless the Council extends it again or ends it earlier "
             "(Directive 2001/55/EC, Arts. 4 and 6)";
    d.state = DeadlineState(last_day, std::nullopt, at_);
    out_.deadlines.push_back(std::move(d));
    // Directive Art. 4: one year, up to one more automatically, up to one more by the Council.
    OP_ASSIGN_OR_RETURN(Period maximum, policy_.PeriodAt("tp.directive_maximum_duration", at_));
    OP_ASSIGN_OR_RETURN(Date maximum_end, AddCalendarPeriod(applies_from_, maximum));
    if (maximum_end < last_day) {
      AddFlag("beyond_directive_maximum",
              "read literally, Directive 2001/55/EC Art. 4 allows at most three years (one, one more automatically, "
              "one more by the Council: to " + maximum_end.ToString() + "); the Council has extended the protection "
              "year by year beyond that: a legal risk to note, not a change to the answer");
    }
    if (!ended_) {
      OP_ASSIGN_OR_RETURN(Period warning, policy_.PeriodAt("tp.transition_warning", at_));
      OP_ASSIGN_OR_RETURN(Date warn_from, AddCalendarPeriod(at_, warning));
      if (last_day < warn_from) {
        AddFlag("protection_ends_soon",
                "the protection ends on " + last_day.ToString() + " and the policy data hold no later extension: "
                "prepare the person's next status (international protection, a national residence permit, return) "
                "before that day");
      }
    }
    return Status::OK();
  }

  // ---- Directive Art. 28(1): exclusion. ----
  bool Excluded() {
    if (c_.exclusion_ground.empty()) return false;
    const bool security = c_.exclusion_ground == "danger_to_security" || c_.exclusion_ground == "danger_to_community";
    out_.coverage = "excluded";
    out_.legal_basis = Tpd(security ? "28(1)(b)" : "28(1)(a)");
    AddGround("TPD-28", out_.legal_basis,
              "The Member State found " + std::string(security ? "reasonable grounds" : "serious reasons") + " (" +
                  c_.exclusion_ground + "): the person is excluded from temporary protection; the decision is "
                  "based solely on the person's own conduct, respects proportionality and may be challenged (Art. "
                  "29).",
              "excluded", {"exclusion_ground"});
    return true;
  }

  // ---- Implementing Decision (EU) 2022/382, Art. 2. ----
  Status Coverage() {
    const auto& p = c_.person;
    if (p.displaced_on < displaced_from_) {
      out_.coverage = "not_covered";
      out_.legal_basis = Cid("2(1)");
      AddGround("CID-2(1)", Cid("2(1)"),
                "The person left Ukraine on " + p.displaced_on.ToString() + ", before " + displaced_from_.ToString() +
                    ": Art. 2 covers persons displaced on or after that day; the Member State may extend temporary "
                    "protection to additional categories displaced for the same reasons (Directive 2001/55/EC, Art. "
                    "7(1)).",
                "not_covered", {"person.displaced_on"});
      return Status::OK();
    }
    const bool ukrainian = p.nationality == "UKR";
    if (ukrainian && p.resided_in_ukraine) {
      return Covered("2(1)(a)", "A Ukrainian national residing in Ukraine before " + displaced_from_.ToString() + ".",
                     {"person.nationality", "person.resided_in_ukraine"});
    }
    if (!ukrainian && p.protection_in_ukraine) {
      return Covered("2(1)(b)", "A stateless person or national of a third country who benefited from international "
                                "protection or equivalent national protection in Ukraine before " +
                                    displaced_from_.ToString() + ".",
                     {"person.protection_in_ukraine"});
    }
    if (c_.family_member_of) {
      std::string why_not = NotAFamilyMember(*c_.family_member_of);
      if (why_not.empty()) {
        return Covered("2(1)(c)", "A family member (" + c_.family_member_of->relation + ") of a person covered by Art. "
                                      "2(1)(" + (c_.family_member_of->category == "ukrainian_national" ? "a" : "b") +
                                      "), the family already present and residing in Ukraine (Art. 2(4)).",
                       {"family_member_of"});
      }
      AddGround("CID-2(4)", Cid("2(4)"), "Not a family member under Art. 2(4): " + why_not + ".", "not_applied",
                {"family_member_of"});
    }
    if (!ukrainian && (p.permanent_residence_permit || p.legally_residing)) {
      const bool permanent = p.permanent_residence_permit;
      const std::string art = permanent ? "2(2)" : "2(3)";
      if (!p.can_return_safely) {
        return Status::InvalidArgument("is required for a person residing in Ukraine on a residence permit (Council "
                                       "Implementing Decision (EU) 2022/382, Art. " + art +
                                       "): whether the person can return in safe and durable conditions to the "
                                       "country or region of origin",
                                       "person.can_return_safely");
      }
      if (!*p.can_return_safely) {
        out_.category = art;
        out_.legal_basis = Cid(art);
        out_.coverage = permanent ? "member_state_choice" : "member_state_option";
        AddGround("CID-" + art, out_.legal_basis,
                  permanent ? "A stateless person or third-country national legally residing in Ukraine on a valid "
                              "permanent residence permit, unable to return in safe and durable conditions: the "
                              "Member State applies either the Decision or adequate protection under its national law."
                            : "A stateless person or third-country national legally residing in Ukraine, unable to "
                              "return in safe and durable conditions: the Member State may apply the Decision.",
                  out_.coverage, {"person.can_return_safely"});
        if (permanent) {
          AddFlag("national_protection_alternative",
                  Name(c_.member_state) + " may give adequate protection under its national law instead of temporary "
                  "protection (Art. 2(2)); the rights listed are the Directive's");
        }
        return Status::OK();
      }
      AddGround("CID-" + art, Cid(art),
                "The person can return in safe and durable conditions to the country or region of origin: Art. " + art +
                    " does not apply.",
                "not_applied", {"person.can_return_safely"});
    }
    out_.coverage = "not_covered";
    out_.legal_basis = Cid("2");
    AddGround("CID-2", Cid("2"),
              "None of the categories of Art. 2 applies (a Ukrainian national residing in Ukraine, a person protected in "
              "Ukraine, a family member of either, a resident of Ukraine unable to return).",
              "not_covered");
    return Status::OK();
  }

  Status Covered(const std::string& category, const std::string& explanation, std::vector<std::string> evidence) {
    out_.coverage = "covered";
    out_.category = category;
    out_.legal_basis = Cid(category);
    AddGround("CID-" + category, out_.legal_basis, explanation + " Covered by temporary protection.", "covered",
              std::move(evidence));
    return Status::OK();
  }

  // Art. 2(4): who counts as a family member, "insofar as the family was already present and
  // residing in Ukraine" before the invasion. A child's minority is judged on the day the person
  // left Ukraine (the Decision does not say which day).
  std::string NotAFamilyMember(const TemporaryProtectionCase::FamilyMemberOf& f) const {
    if (!f.family_resided_in_ukraine) return "the family must already have been present and residing in Ukraine";
    if (f.relation == "partner" && !f.partnership_recognised) {
      return "an unmarried partner counts where the Member State treats unmarried couples like married ones in its "
             "law on aliens (Art. 2(4)(a)); the case does not say so";
    }
    if (f.relation == "child") {
      if (f.child_married) return "a child counts while unmarried (Art. 2(4)(b))";
      if (!c_.person.date_of_birth) return "a child counts while a minor (Art. 2(4)(b)); person.date_of_birth is not given";
      if (!MinorOn(c_.person.date_of_birth, c_.person.displaced_on)) {
        return "the child was not a minor when leaving Ukraine (Art. 2(4)(b))";
      }
    }
    if (f.relation == "dependent_relative" && !f.lived_together_dependent) {
      return "another close relative counts where they lived together as part of the family unit and depended wholly "
             "or mainly on the person covered (Art. 2(4)(c))";
    }
    return "";
  }

  // ---- What the Directive guarantees a person enjoying the protection. ----
  void Rights() {
    AddGround("TPD-8", Tpd("8(1)"),
              "A residence permit for the entire duration of the protection, with the documents it takes.", "right");
    AddGround("TPD-12", Tpd("12"), "Employed or self-employed activity, subject to the rules of the profession.",
              "right");
    AddGround("TPD-13", Tpd("13(1)-(2)"),
              "Suitable accommodation or the means to obtain housing; social welfare, means of subsistence and medical "
              "care where the person lacks sufficient resources.",
              "right");
    if (MinorOn(c_.person.date_of_birth, at_)) {
      AddGround("TPD-14", Tpd("14(1)"), "Access to the education system under the same conditions as nationals (under "
                                        "18).",
                "right", {"person.date_of_birth"});
    }
    AddGround("TPD-17", Tpd("17(1)"), "The right to lodge an application for international protection at any time.",
              "right");
    if (c_.applied_for_international_protection_on) {
      AddFlag("protection_application_pending",
              "an application for international protection was made on " +
                  c_.applied_for_international_protection_on->ToString() + ": " + Name(c_.member_state) +
                  " may provide that temporary protection is not enjoyed at the same time as the status of applicant "
                  "while the application is examined (Directive 2001/55/EC, Art. 19(1)); the Member State responsible "
                  "follows the AMMR's criteria (Directive Art. 18)");
    }
  }

  // ---- Regulation (EU) 2024/1358, Art. 63(3): Eurodac does not apply to persons enjoying
  // protection under Implementing Decision (EU) 2022/382 or its extensions. ----
  void Eurodac() {
    AddGround("EURODAC-63(3)", "Regulation (EU) 2024/1358, Art. 63(3)",
              "Eurodac does not apply to persons enjoying temporary protection under Implementing Decision (EU) "
              "2022/382 or equivalent national protection under it, nor to its extensions: no Eurodac record (the "
              "temporary protection category of its Art. 26 applies from 12 June 2029, to other decisions).",
              "not_registered_in_eurodac");
  }

  const TemporaryProtectionCase& c_;
  Date applies_from_;    // the Decision's application (tp.2022_382.application_date)
  Date displaced_from_;
  bool ended_ = false;
};

}  // namespace

Result<TemporaryProtectionDecision> DecideTemporaryProtection(const TemporaryProtectionCase& c, const RulesData& data,
                                                              std::optional<Date> at) {
  return TemporaryProtectionDecider(c, data, at.value_or(c.decision_date)).Run();
}

std::string TemporaryProtectionDecisionToJson(const TemporaryProtectionDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("coverage", d.coverage);
  if (d.category.empty()) {
    w.Key("category").Null();
  } else {
    w.Field("category", d.category);
  }
  w.Field("legal_basis", d.legal_basis);
  WriteDateOrNull(w, "protection_ends_on", d.protection_ends_on);
  WriteDecisionRecord(w, d);
  w.EndObject();
  return w.str();
}

}  // namespace openpact::rules
