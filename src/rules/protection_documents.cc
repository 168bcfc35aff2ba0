// A beneficiary's documents under the Qualification Regulation (Regulation (EU) 2024/1347), read
// against shared/spec/law-it/reg-2024-1347.txt: scope (recitals 77-78, Art. 42), the residence
// permit (Arts. 20(3), 24), travel documents (Art. 25) and family members' permits (Art. 23).
//
// Validity is counted from the day a document takes effect, that day included: a permit issued
// on 1 September 2026 and valid until 31 August 2029 is valid for three years. (A time limit
// counts from the day after its event, Reg. 1182/71 Art. 3(1); a document's validity is not a
// time limit, and counting it that way would call such a permit a day short.)
#include "rules/protection_documents.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/json_writer.h"
#include "core/time_limits.h"

namespace openpact::rules {
namespace {

std::string Qr(const std::string& article) { return "Regulation (EU) 2024/1347, Art. " + article; }

constexpr ComputationRule kRule = ComputationRule::kReg1182_71;

// The last day of a validity of `p` that starts on `start`, `start` included.
Result<Date> LastDayOfValidity(Date start, const Period& p) {
  OP_ASSIGN_OR_RETURN(Date end, AddCalendarPeriod(start, p));
  return end.AddDays(-1);
}

class ProtectionDocumentsDecider : RecordDecider<ProtectionDocumentsDecision> {
 public:
  ProtectionDocumentsDecider(const ProtectionDocumentsCase& c, const RulesData& data, Date at)
      : RecordDecider(data, c.member_state, at), c_(c), refugee_(c.protection.status == "refugee") {}

  Result<ProtectionDocumentsDecision> Run() {
    OP_RETURN_IF_ERROR(CheckScope());
    OP_RETURN_IF_ERROR(ResidencePermit());
    OP_RETURN_IF_ERROR(Renewals());
    OP_RETURN_IF_ERROR(TravelDocument());
    FamilyPermits();
    Revocation();
    return std::move(out_);
  }

 private:
  const char* StatusName() const { return refugee_ ? "refugee status" : "subsidiary protection status"; }

  // ---- Scope: who is bound (recitals 77-78), from when (Art. 42) ----
  Status CheckScope() {
    OP_ASSIGN_OR_RETURN(Date applies_from,
                        CheckBoundAndApplying("bound_by_qr", "Regulation (EU) 2024/1347", "qr.application_date",
                                              "it applies from 1 July 2026, Art. 42"));
    if (c_.protection.granted_on < applies_from) {
      return Status::InvalidArgument("granted before " + applies_from.ToString() +
                                         ", when the Regulation did not apply yet (Art. 42): the permit followed the "
                                         "national law transposing Directive 2011/95/EU, which OpenPact does not encode",
                                     "protection.granted_on");
    }
    return Status::OK();
  }

  // ---- Art. 24(2): the permit at the latest 90 days after the decision is notified; Art. 20(3):
  // without a permit within 15 days of the grant, provisional measures (a registration or a
  // document) give effective access to the rights of Chapter VII until it is issued. ----
  Status ResidencePermit() {
    const auto& p = c_.protection;
    std::optional<Date> issued, covered;  // covered: the permit, or provisional measures, whichever came first
    if (c_.residence_permit) issued = covered = c_.residence_permit->issued_on;
    if (c_.provisional_measures_on && (!covered || *c_.provisional_measures_on < *covered)) {
      covered = c_.provisional_measures_on;
    }
    OP_ASSIGN_OR_RETURN(Deadline interim,
                        Limit(kRule, "residence_permit_or_provisional_measures", "qr.provisional_measures", p.granted_on,
                              covered,
                              "a residence permit within 15 days of the grant, or else provisional measures (a "
                              "registration or a document) giving effective access to the rights of Chapter VII, "
                              "except Arts. 25 and 27, until the permit is issued"));
    if (!covered && interim.state == "expired") {
      AddFlag("provisional_measures_required",
              "no residence permit within 15 days of the grant (" + interim.date.ToString() +
                  "): provisional measures are owed until it is issued (Art. 20(3))");
    }
    out_.deadlines.push_back(std::move(interim));

    out_.residence_permit = issued ? "issued" : "due";
    if (!p.notified_on) {
      out_.not_assessed.push_back(Qr("24(2)") + ": the residence permit at the latest 90 days after the decision "
                                  "granting protection was notified (give protection.notified_on)");
    } else {
      OP_ASSIGN_OR_RETURN(Deadline d, Limit(kRule, "residence_permit", "qr.residence_permit", *p.notified_on, issued,
                                            "the residence permit, in the uniform format of Regulation (EC) No "
                                            "1030/2002, free of charge or for no more than a national identity card"));
      if (!issued && d.state == "expired") out_.residence_permit = "overdue";
      out_.deadlines.push_back(std::move(d));
    }
    if (!c_.residence_permit) return Status::OK();
    return CheckValidity("QR-24(4)", Qr("24(4), first subparagraph"), "the residence permit", *c_.residence_permit,
                         c_.residence_permit->issued_on,
                         refugee_ ? "qr.permit_validity_refugee" : "qr.permit_validity_subsidiary",
                         "permit_validity_below_minimum", "residence_permit.valid_until");
  }

  // A document valid from `start` until `doc.valid_until` against the minimum `param`.
  Status CheckValidity(const std::string& rule, const std::string& basis, const std::string& what,
                       const ProtectionDocumentsCase::Permit& doc, Date start, std::string_view param,
                       const std::string& flag, const std::string& field) {
    const Parameter* row = nullptr;
    OP_ASSIGN_OR_RETURN(Period minimum, policy_.PeriodAt(param, at_, &row));
    OP_ASSIGN_OR_RETURN(const Date last, LastDayOfValidity(start, minimum));
    const std::string period = minimum.ToString();
    if (doc.valid_until < last) {
      AddGround(rule, basis,
                "For " + std::string(StatusName()) + ", " + what + " is valid for at least " + period +
                    ": from " + start.ToString() + " until " + last.ToString() + " at least; it ends on " +
                    doc.valid_until.ToString() + ".",
                "validity_below_minimum", {field});
      AddFlag(flag, what + " valid until " + doc.valid_until.ToString() + " is shorter than the " + period +
                        " of " + basis + " (until " + last.ToString() + ")");
    } else {
      AddGround(rule, basis,
                "For " + std::string(StatusName()) + ", " + what + " is valid for at least " + period + " from " +
                    start.ToString() + ": it ends on " + doc.valid_until.ToString() + ".",
                "validity_meets_minimum", {field});
    }
    return Status::OK();
  }

  // ---- Art. 24(4), second and third subparagraphs: renewed for at least three years (refugees)
  // or two (subsidiary protection), without a gap between expiry and renewal where the beneficiary
  // followed the national formalities for renewal. ----
  Status Renewals() {
    if (!c_.residence_permit) return Status::OK();
    Date expiry = c_.residence_permit->valid_until;
    for (size_t i = 0; i < c_.renewals.size(); ++i) {
      const auto& r = c_.renewals[i];
      const std::string field = "renewals[" + std::to_string(i) + "]";
      if (r.issued_on > expiry.AddDays(1)) {
        AddFlag("renewal_gap", "the permit expired on " + expiry.ToString() + " and was renewed on " +
                                   r.issued_on.ToString() + ": Art. 24(4) requires the renewal without a gap, where "
                                   "the beneficiary followed the national formalities for renewal (" + field + ")");
      }
      // The renewed permit takes over from the expiry, or from its issue if that came later.
      const Date start = std::max(r.issued_on, expiry.AddDays(1));
      OP_RETURN_IF_ERROR(CheckValidity("QR-24(4)", Qr("24(4), second subparagraph"), "the renewed permit", r, start,
                                       refugee_ ? "qr.renewal_validity_refugee" : "qr.renewal_validity_subsidiary",
                                       "renewal_validity_below_minimum", field + ".valid_until"));
      expiry = r.valid_until;
    }
    Deadline d;
    d.name = "residence_permit_expiry";
    d.date = expiry;
    d.legal_basis = Qr("24(4), third subparagraph");
    d.from = c_.renewals.empty() ? c_.residence_permit->issued_on : c_.renewals.back().issued_on;
    d.period = "the permit's validity";
    d.note = "the renewal is organised so that the authorised stay continues without a gap after this day, where "
             "the beneficiary follows the national formalities for renewal";
    d.state = at_ <= d.date ? "running" : "expired";
    out_.deadlines.push_back(std::move(d));
    return Status::OK();
  }

  // ---- Art. 25: travel documents, valid for more than one year. ----
  Status TravelDocument() {
    if (c_.compelling_reasons_against_travel_document) {
      out_.travel_document = "withheld_compelling_reasons";
      AddGround("QR-25", Qr(refugee_ ? "25(1)" : "25(2)"),
                "Compelling reasons of national security or public order concerning the beneficiary require otherwise: "
                "no travel document is issued.",
                "travel_document_withheld", {"compelling_reasons_against_travel_document"});
      return Status::OK();
    }
    if (!refugee_ && c_.national_passport_obtainable) {
      out_.travel_document = "not_due_passport_obtainable";
      AddGround("QR-25", Qr("25(2)"),
                "A beneficiary of subsidiary protection who can obtain or renew a national passport is not issued a "
                "travel document.",
                "travel_document_not_due", {"national_passport_obtainable"});
      return Status::OK();
    }
    const std::string what = refugee_ ? "in the form of the Annex to the Geneva Convention" : "";
    if (!c_.travel_document) {
      out_.travel_document = "due";
      AddGround("QR-25", Qr(refugee_ ? "25(1)" : "25(2)"),
                std::string(refugee_ ? "A beneficiary of refugee status is issued travel documents " + what
                                     : "A beneficiary of subsidiary protection unable to obtain or renew a national "
                                       "passport is issued travel documents") +
                    ", valid for more than one year; the Regulation sets no time limit for issuing them.",
                "travel_document_due");
      return Status::OK();
    }
    out_.travel_document = "issued";
    const Parameter* row = nullptr;
    OP_ASSIGN_OR_RETURN(Period more_than, policy_.PeriodAt("qr.travel_document_validity", at_, &row));
    // "More than one year": valid beyond the last day of one year from issue.
    OP_ASSIGN_OR_RETURN(const Date last, LastDayOfValidity(c_.travel_document->issued_on, more_than));
    if (c_.travel_document->valid_until <= last) {
      AddFlag("travel_document_validity_too_short",
              "the travel document issued on " + c_.travel_document->issued_on.ToString() + " is valid until " +
                  c_.travel_document->valid_until.ToString() + ", not more than " + more_than.ToString() + " (" +
                  Qr(refugee_ ? "25(1)" : "25(2)") + ")");
    }
    return Status::OK();
  }

  // ---- Art. 23: residence permits for the beneficiary's family members (Art. 3(9): the family
  // existed before the applicant arrived; a spouse, a partner where national law or practice
  // treats unmarried couples like married ones, unmarried children who are minors or dependent
  // adults, and the parents or a responsible adult of a minor, unmarried beneficiary; 23(7) lets a
  // Member State extend it to other dependent relatives who lived in the household, and to a
  // married minor in the child's best interests). A family member not individually entitled to
  // protection who asks for a permit gets one (23(1)), unless excluded under Chapters III and V
  // (23(3)), a marriage or partnership of convenience (23(4)), or national security or public
  // order (23(5), which also revokes or does not renew a permit). The permit has the beneficiary's
  // expiry and never goes beyond it (23(2)). Minority is judged on the decision date. ----
  // Why `f` is not a family member under Art. 3(9) ("" if it is); `option` is set where 23(7) lets
  // the Member State apply Art. 23 anyway.
  std::string NotAFamilyMember(const ProtectionDocumentsCase::FamilyMember& f, bool* option) const {
    *option = false;
    if (!f.family_existed_before_arrival) return "the family did not exist before the applicant arrived (Art. 3(9))";
    if (!f.present_in_member_state) {
      return "a family member counts while present in the same Member State in connection with the application "
             "(Art. 3(9)); one abroad is a matter of family reunification";
    }
    const auto minor = [this](const std::optional<Date>& born) { return born && at_ < born->AddYears(18); };
    if (f.relation == "partner" && !f.partnership_recognised) {
      return "an unmarried partner counts only where the law or practice of the Member State treats unmarried couples "
             "like married ones (Art. 3(9)(a))";
    }
    if (f.relation == "child") {
      if (f.married) {
        *option = minor(f.date_of_birth);
        return "a child counts while unmarried (Art. 3(9)(b))";
      }
      if (!minor(f.date_of_birth) && !f.dependent) return "an adult child counts only if dependent (Art. 3(9)(b))";
    }
    if (f.relation == "parent" || f.relation == "responsible_adult") {
      if (!minor(c_.date_of_birth)) return "a parent or responsible adult counts only for a minor beneficiary (Art. 3(9)(c))";
      if (c_.married) return "a parent or responsible adult counts only for an unmarried beneficiary (Art. 3(9)(c))";
    }
    if (f.relation == "other_relative") {
      *option = f.dependent && f.lived_in_household;
      return "another relative is not a family member (Art. 3(9))";
    }
    return "";
  }

  // The expiry of the beneficiary's permit in force: the last renewal's, else the first permit's.
  std::optional<Date> BeneficiaryExpiry() const {
    if (!c_.renewals.empty()) return c_.renewals.back().valid_until;
    if (c_.residence_permit) return c_.residence_permit->valid_until;
    return std::nullopt;
  }

  void FamilyPermits() {
    bool any_due = false;
    for (size_t i = 0; i < c_.family_members.size(); ++i) {
      const auto& f = c_.family_members[i];
      const std::string who = "family_members[" + std::to_string(i) + "]";
      const std::string member = "The " + (f.relation == "other_relative" ? std::string("relative")
                                           : f.relation == "responsible_adult" ? std::string("responsible adult")
                                                                                : f.relation) +
                                 " (" + who + ")";
      auto conclude = [&](const std::string& outcome, const std::string& rule, const std::string& basis,
                          const std::string& why, std::vector<std::string> evidence) {
        out_.family_permits.push_back(outcome);
        AddGround(rule, basis, member + " " + why, "family_permit_" + outcome, std::move(evidence));
      };
      bool option = false;
      const std::string not_member = NotAFamilyMember(f, &option);
      if (!not_member.empty() && !option) {
        conclude("not_a_family_member", "QR-3(9)", Qr("3(9)"), "is not a family member: " + not_member + ".", {who});
        continue;
      }
      // What keeps a family member from a permit under Art. 23, in the Article's order.
      struct Bar {
        bool ProtectionDocumentsCase::FamilyMember::*fact;
        bool when;  // the fact's value that bars
        const char* outcome;
        const char* paragraph;
        const char* why;
        const char* field;
      };
      static const Bar kBars[] = {
          {&ProtectionDocumentsCase::FamilyMember::individually_entitled, true, "individually_entitled", "23(1)",
           "is entitled to international protection in their own right: Art. 23 concerns family members who are not.",
           "individually_entitled"},
          {&ProtectionDocumentsCase::FamilyMember::requested_permit, false, "not_requested", "23(1)",
           "has not asked for a residence permit in this Member State.", "requested_permit"},
          {&ProtectionDocumentsCase::FamilyMember::excluded, true, "refused", "23(3)",
           "is or would be excluded from international protection under Chapters III and V: no permit under the "
           "Regulation.",
           "excluded"},
          {&ProtectionDocumentsCase::FamilyMember::marriage_of_convenience, true, "refused", "23(4)",
           "is refused: there are strong indications that the marriage or partnership was entered into only to let "
           "the person enter or stay in the Member State.",
           "marriage_of_convenience"},
      };
      const Bar* bar = nullptr;
      for (const Bar& b : kBars) {
        if (f.*b.fact == b.when) {
          bar = &b;
          break;
        }
      }
      if (bar != nullptr) {
        conclude(bar->outcome, std::string("QR-") + bar->paragraph, Qr(bar->paragraph), bar->why,
                 {who + "." + bar->field});
        continue;
      }
      if (f.security_or_public_order) {
        conclude(f.permit ? "revoke" : "refused", "QR-23(5)", Qr("23(5)"),
                 std::string("is a matter of national security or public order: ") +
                     (f.permit ? "the permit issued is revoked or not renewed." : "no permit is issued."),
                 {who + ".security_or_public_order"});
        continue;
      }
      if (option) {
        conclude("member_state_option", "QR-23(7)", Qr("23(7)"),
                 "is not a family member (" + not_member + "), but the Member State may apply Art. 23 to " +
                     (f.relation == "child" ? "a married minor, where in the child's best interests."
                                            : "other dependent relatives who lived in the household before the "
                                              "applicant arrived."),
                 {who});
        continue;
      }
      any_due = true;
      conclude(f.permit ? "issued" : "due", "QR-23(1)", Qr("23(1)"),
               std::string("is not individually entitled to protection and asked for a permit: ") +
                   (f.permit ? "issued on " + f.permit->issued_on.ToString() + "." : "the Member State issues one under "
                                                                                    "its national procedures."),
               {who});
      const std::optional<Date> expiry = BeneficiaryExpiry();
      if (!f.permit) continue;
      if (!expiry) {
        AddFlag("beneficiary_permit_unknown", "the beneficiary's residence permit is not given: whether " + who +
                                                  "'s permit has its expiry (Art. 23(2)) cannot be checked");
      } else if (f.permit->valid_until > *expiry) {
        AddFlag("family_permit_beyond_beneficiary_permit",
                who + "'s permit is valid until " + f.permit->valid_until.ToString() + ", beyond the beneficiary's (" +
                    expiry->ToString() + "): Art. 23(2) forbids it");
      } else if (f.permit->valid_until < *expiry) {
        AddFlag("family_permit_expiry_differs",
                who + "'s permit ends on " + f.permit->valid_until.ToString() + ", not with the beneficiary's on " +
                    expiry->ToString() + " (Art. 23(2): the same expiry, renewed as long as it is)");
      }
    }
    if (any_due) {
      out_.not_assessed.push_back(Qr("23(1)") + ": a family member's permit only as far as compatible with the family "
                                  "member's personal legal status; the rights of Arts. 25-32, 34 and 35 follow it "
                                  "(23(6))");
    }
  }

  // ---- Arts. 14 and 19: the determining authority revokes the status where the beneficiary has
  // ceased to be a refugee (Art. 11) or to need subsidiary protection (Art. 16), should have been
  // or is excluded (Arts. 12, 17), or obtained it by a decisive misrepresentation; refugee status
  // also for a danger to the security of the Member State or a final conviction of a particularly
  // serious crime with a danger to the community (14(1)(d)-(e), which keep the Geneva Convention
  // rights of 14(3)). Cessation for changed circumstances needs a significant, non-temporary
  // change (11(2)(b), 16(2)(b)) and gives way to compelling reasons arising out of previous
  // persecution or serious harm (11(1), second subparagraph; 16(3)). The authority demonstrates
  // the ground individually (14(4), 19(2)), under the guarantees of APR Art. 66. ----
  static const char* CessationText(char point) {
    switch (point) {
      case 'a': return "voluntarily re-availed themselves of the protection of the country of nationality";
      case 'b': return "voluntarily re-acquired the nationality lost";
      case 'd': return "voluntarily re-established themselves in the country left or stayed away from for fear of "
                       "persecution";
      case 'e': return "can no longer refuse the protection of the country of nationality, the circumstances of the "
                       "recognition having ceased to exist";
      case 'f': return "being stateless, can return to the country of former habitual residence, the circumstances of "
                       "the recognition having ceased to exist";
      default: return "acquired a new nationality and enjoys the protection of that country";
    }
  }
  void Revocation() {
    const auto& v = c_.revocation;
    if (!v.present) {
      out_.status_revocation = "not_examined";
      return;
    }
    const std::string art = refugee_ ? "14(1)" : "19(1)";
    const char* status = refugee_ ? "refugee status" : "subsidiary protection status";
    bool revoke = false;
    auto ground = [&](const std::string& point, const std::string& why, std::vector<std::string> evidence) {
      revoke = true;
      AddGround("QR-" + art + "(" + point + ")", Qr(art + "(" + point + ")"),
                "The beneficiary " + why + ": the determining authority revokes " + status + ".", "status_revoked",
                std::move(evidence));
    };
    // Cessation (14(1)(a), 19(1)(a)).
    if (v.cessation != 0) {
      const bool changed_circumstances = !refugee_ || v.cessation == 'e' || v.cessation == 'f';
      const std::string cessation = refugee_ ? "11(1)(" + std::string(1, v.cessation) + ")" : "16(1)";
      if (changed_circumstances && !v.change_significant_and_lasting) {
        AddGround("QR-" + cessation, Qr(refugee_ ? "11(2)(b)" : "16(2)(b)"),
                  "Cessation for changed circumstances needs a change so significant and non-temporary that the "
                  "well-founded fear (or the real risk of serious harm) is gone; the case does not record one.",
                  "not_applied", {"revocation.cessation", "revocation.change_significant_and_lasting"});
      } else if (changed_circumstances && v.compelling_reasons) {
        AddGround("QR-" + cessation, Qr(refugee_ ? "11(1), second subparagraph" : "16(3)"),
                  std::string("The beneficiary can invoke compelling reasons arising out of previous ") +
                      (refugee_ ? "persecution" : "serious harm") +
                      " for refusing the protection of the country of nationality (or of former habitual residence): "
                      "the changed circumstances do not end the status.",
                  "not_applied", {"revocation.cessation", "revocation.compelling_reasons"});
      } else {
        ground("a", refugee_ ? "has ceased to be a refugee (Art. " + cessation + "): " + CessationText(v.cessation)
                             : std::string("no longer needs subsidiary protection (Art. 16(1)): the circumstances of "
                                           "the grant have ceased or changed so far that protection is no longer "
                                           "required"),
               {"revocation.cessation"});
      }
    }
    if (v.excluded) {
      ground("b", std::string("should have been or is excluded (Art. ") + (refugee_ ? "12" : "17") + ")",
             {"revocation.excluded"});
    }
    if (v.misrepresentation_decisive) {
      ground("c", "misrepresented or omitted facts, false documents included, decisively for the grant",
             {"revocation.misrepresentation_decisive"});
    }
    if (v.danger_to_security) {
      ground("d", "is, on reasonable grounds, a danger to the security of the Member State", {"revocation.danger_to_security"});
    }
    if (v.serious_crime_and_danger) {
      ground("e", "has been convicted by a final judgment of a particularly serious crime and is a danger to the "
                  "community of the Member State",
             {"revocation.serious_crime_and_danger"});
    }
    if (v.danger_to_security || v.serious_crime_and_danger) {
      AddFlag("geneva_convention_rights_retained",
              "revoked under Art. 14(1)(d) or (e), the person keeps, while in the Member State, the rights of Arts. 3, "
              "4, 16, 22, 31, 32 and 33 of the Geneva Convention or similar rights (Art. 14(3))");
    }
    out_.status_revocation = revoke ? "revoke" : "no_ground";
    // The procedure (APR Art. 66(1)): informed in writing of the review and its reasons, of the duty
    // to cooperate and of the consequences of not doing so; a written statement within a reasonable
    // time, and a personal interview or hearing.
    if (!v.informed_in_writing_on) {
      AddFlag("revocation_not_informed",
              "the person is informed in writing that the status is being reviewed and why, of the duty to cooperate "
              "and of what not cooperating means (Regulation (EU) 2024/1348, Art. 66(1)(a)-(c)); no such information "
              "is recorded");
    }
    if (!v.statement_time_limit) {
      AddFlag("revocation_no_statement_time",
              "the person may give reasons against the revocation in a written statement within a reasonable time "
              "from the information (Art. 66(1)(d)); no time is recorded");
    }
    if (!v.interview_on) {
      AddFlag("revocation_no_interview",
              "the person may give those reasons in a personal interview or a hearing on a date the determining "
              "authority sets (Art. 66(1)(d)); none is recorded");
    }
    if (revoke && !v.established_individually) {
      AddFlag("individual_demonstration_required",
              std::string("the determining authority demonstrates the ground on an individual basis (Art. ") +
                  (refugee_ ? "14(4)" : "19(2)") + "); the case does not record that it did");
    }
    if (revoke) {
      AddFlag("eurodac_mark_removed",
              "the Member State of origin removes the mark of international protection from the person's Eurodac data "
              "(Regulation (EU) 2024/1358, Art. 31(3))");
      AddFlag("residence_permit_follows_status",
              "the residence permit is owed as long as the status lasts (Art. 24(1))");
    }
    out_.not_assessed.push_back(Qr(refugee_ ? "14(4)" : "19(2)") + " and Regulation (EU) 2024/1348, Art. 66(2): whether "
                                "the ground is demonstrated individually, on precise and up-to-date information, "
                                "without alerting the alleged actors of persecution or serious harm");
  }

  const ProtectionDocumentsCase& c_;
  const bool refugee_;
};

}  // namespace

Result<ProtectionDocumentsDecision> DecideProtectionDocuments(const ProtectionDocumentsCase& c, const RulesData& data,
                                                              std::optional<Date> at) {
  return ProtectionDocumentsDecider(c, data, at.value_or(c.decision_date)).Run();
}

std::string ProtectionDocumentsDecisionToJson(const ProtectionDocumentsDecision& d, int indent) {
  JsonWriter w(indent);
  w.BeginObject();
  w.Field("residence_permit", d.residence_permit).Field("travel_document", d.travel_document);
  w.Field("status_revocation", d.status_revocation);
  w.Key("family_permits").BeginArray();
  for (const std::string& outcome : d.family_permits) w.String(outcome);
  w.EndArray();
  WriteDecisionRecord(w, d);
  w.EndObject();
  return w.str();
}

}  // namespace openpact::rules
