#include "rules/screening.h"

namespace openpact::rules {
namespace {
const std::string kScreening = "Regulation (EU) 2024/1356, Art. ";
}

Status ValidateScreeningStart(const ScreeningStart& s, const CountryRegistry& countries) {
  OP_RETURN_IF_ERROR(countries.ValidateMemberState(s.member_state, "member_state"));
  if (s.location != "external_border" && s.location != "in_territory") {
    return Status::InvalidArgument("'" + s.location + "' is not one of: external_border, in_territory", "location");
  }
  if (s.held_over_72h && s.location != "external_border") {
    return Status::InvalidArgument("the 4-day rule of Art. 8(3) concerns screening at the external border",
                                   "held_over_72h");
  }
  if (s.held_until && *s.held_until < s.event_date) {
    return Status::InvalidArgument("the stay at the border cannot end before the event", "held_until");
  }
  return Status::OK();
}

Result<ScreeningLimit> ComputeScreeningLimit(const ScreeningStart& s, const RulesData& data) {
  // Before the Regulation applies there is no screening under it (a policy gap would say less).
  OP_ASSIGN_OR_RETURN(Date applies_from, data.policy.DateAt("screening.application_date", s.event_date));
  if (s.event_date < applies_from) {
    return Status::InvalidArgument("the Screening Regulation applies from " + applies_from.ToString() +
                                       " (Regulation (EU) 2024/1356, Art. 25): no screening under it for an event on " +
                                       s.event_date.ToString(),
                                   "event_date");
  }
  std::string param = s.location == "in_territory" ? "screening.in_territory" : "screening.external_border";
  Date from = s.event_date;
  std::string note;
  if (s.held_over_72h) {
    // Art. 8(3), 2nd sentence (corrected reference: Eurodac Art. 22(1) and (4)): the screening is
    // carried out after the > 72 h stay and lasts at most 4 days. When the 4 days start is not
    // settled; counted from the end of the stay when given, else from the event.
    param = "screening.external_border_after_72h";
    if (s.held_until) from = *s.held_until;
    note = "start of the 4 days is uncertain (Art. 8(3)): counted from " + from.ToString();
  }
  const Parameter* p = nullptr;
  OP_ASSIGN_OR_RETURN(Period period, data.policy.PeriodAt(param, from, &p));
  // The Screening Regulation has no rule of its own: Regulation 1182/71 Art. 3 applies.
  OP_ASSIGN_OR_RETURN(TimeLimit t, ComputeTimeLimit(from, period, s.member_state, data.calendar,
                                                    ComputationRule::kReg1182_71));
  ScreeningLimit out;
  out.must_end_on = t.end;
  out.from = from;
  out.period = period.ToString();
  out.legal_basis = p->legal_basis;
  out.status = PolicyStatusName(p->status);
  out.note = note;
  if (!t.note.empty()) out.note += (out.note.empty() ? "" : "; ") + t.note;
  return out;
}

const std::vector<std::string>& ScreeningChecks() {
  static const std::vector<std::string> kChecks = {"identity", "security", "health", "vulnerability", "eurodac"};
  return kChecks;
}

const std::vector<FormItem>& ScreeningFormItems() {
  static const std::vector<FormItem> kItems = {
      {"name", "17(1)(a)", true},
      {"date_of_birth", "17(1)(a)", true},
      {"place_of_birth", "17(1)(a)", true},
      {"gender", "17(1)(a)", true},
      {"nationalities", "17(1)(b)", true},
      {"countries_of_residence", "17(1)(b)", true},
      {"languages", "17(1)(b)", true},
      {"reason_for_screening", "17(1)(c)", true},
      {"health_check", "17(1)(d)", true},
      {"vulnerability_check", "17(1)(e)", true},
      {"application_made", "17(1)(f)", true},
      {"family_members_in_member_states", "17(1)(g)", true},
      {"database_hits", "17(1)(h)", true},
      {"cooperated", "17(1)(i)", true},
      {"identity_verified", "17(3)", true},
      {"reason_for_irregular_arrival", "17(2)(a)", false},
      {"route", "17(2)(b)", false},
      {"documents", "17(2)(c)", false},
      {"observations", "17(2)(d)", false},
      // OpenPact's own, kept with the form (17(2)(d): other relevant information): the safeguards
      // for minors that the monitoring mechanism checks (Art. 10(2)(a), 13).
      {"unaccompanied_minor", "13(3)", false},
      {"representative_assigned_on", "13(3)", false},
      {"representative_minors_assigned", "13(5)", false},
  };
  return kItems;
}

const std::vector<Referral>& ScreeningReferrals() {
  static const std::vector<Referral> kReferrals = {
      {"asylum", kScreening + "18(2)", "referred to the authorities that register applications for international protection"},
      {"relocation", kScreening + "18(3)", "referred for relocation under Regulation (EU) 2024/1351, Art. 67"},
      {"return", kScreening + "18(1)", "referred to the authorities applying Directive 2008/115/EC (return)"},
      {"return_continues", kScreening + "18(4)", "the return procedure continues (screening within the territory)"},
      {"entry_conditions_met", kScreening + "5(3)", "screening ended: the person meets the entry conditions"},
      {"discontinued_departure", kScreening + "5(3)", "screening discontinued: the person left for a third country"},
      {"criminal_proceedings", kScreening + "18(6)", "screening stopped: national criminal proceedings or extradition"},
  };
  return kReferrals;
}

}  // namespace openpact::rules
