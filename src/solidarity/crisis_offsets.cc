// Responsibility offsets in a crisis: Regulation (EU) 2024/1359, Art. 9, checked against the
// Italian text in law-it/. Organised as the article is: the trigger (para. 1, first
// subparagraph), its two exclusions (para. 1, second subparagraph), the offsets and their cap
// (para. 1(a)-(c)), the forum when they do not suffice (para. 2), and the deductions for
// responsibility taken above the fair share (paras. 4-5).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <numeric>

#include "core/json_writer.h"
#include "solidarity/solidarity.h"

namespace openpact::solidarity {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kCrisis = "Regulation (EU) 2024/1359, ";
constexpr const char* kAmmr = "Regulation (EU) 2024/1351, ";

std::string Basis(const char* act, const std::string& article) { return std::string(act) + article; }

std::string Count(long long n) { return std::to_string(n); }

// More people than a crisis decision could concern: well above the Union's population share any
// Member State could be asked for, and far from overflowing a sum of 27 of them.
constexpr long long kMaxCount = 100'000'000;

// A count of people or applications: a whole number from 0 to kMaxCount.
Status CheckCount(const std::optional<long long>& v, const std::string& option, const std::string& what = "") {
  if (v && (*v < 0 || *v > kMaxCount)) {
    return Status::InvalidArgument(what + "want a whole number from 0 to " + Count(kMaxCount) + ", got " + Count(*v),
                                   option);
  }
  return Status::OK();
}

// Splits `total` (whole) in proportion to `weights`, rounding by largest remainder so the parts
// add up to `total` exactly; ties go to the earlier row (rows are in code order).
std::vector<long long> Apportion(long long total, const std::vector<double>& weights) {
  std::vector<long long> parts(weights.size(), 0);
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (total <= 0 || !(sum > 0)) return parts;
  std::vector<std::pair<double, size_t>> remainders;
  long long given = 0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const double exact = static_cast<double>(total) * weights[i] / sum;
    parts[i] = static_cast<long long>(std::floor(exact));
    given += parts[i];
    remainders.emplace_back(exact - static_cast<double>(parts[i]), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (size_t k = 0; given < total && k < remainders.size(); ++k, ++given) ++parts[remainders[k].second];
  return parts;
}

json OptionalCount(const std::optional<long long>& v) { return v ? json(*v) : json(); }

}  // namespace

Result<CrisisOffsetReport> ComputeCrisisOffsets(const ReferenceData& ref, const rules::RulesData& rules,
                                                const CrisisOffsetOptions& o) {
  const CountryRegistry& countries = rules.countries;
  if (o.member_state.empty()) return Status::InvalidArgument("required: the Member State facing the crisis (alpha-3)", "--member-state");
  OP_RETURN_IF_ERROR(countries.ValidateMemberState(o.member_state, "--member-state"));
  OP_RETURN_IF_ERROR(CheckCount(o.relocation_needs, "--relocation-needs"));
  OP_RETURN_IF_ERROR(CheckCount(o.relocations_committed, "--relocations-committed"));
  OP_RETURN_IF_ERROR(CheckCount(o.eligible_applications, "--eligible-applications"));
  OP_RETURN_IF_ERROR(CheckCount(o.other_beneficiaries_uncovered, "--other-beneficiaries-uncovered"));
  // Well above the Union's whole annual pool floor (EUR 600 million) many times over.
  constexpr double kMaxEur = 1e13;
  if (o.financial_needs_eur && !(*o.financial_needs_eur >= 0 && *o.financial_needs_eur <= kMaxEur)) {
    return Status::InvalidArgument("want an amount in euro from 0 to 10000000000000", "--financial-needs-eur");
  }
  // A Council decision under this Regulation cannot have ceased before the Regulation applied.
  if (o.decision_ends && *o.decision_ends < *Date::Parse("2026-07-01")) {
    return Status::InvalidArgument("the Regulation applies from 2026-07-01 (Art. 20): a decision under it cannot "
                                   "have ceased to be in force on " + o.decision_ends->ToString(), "--decision-ends");
  }
  if (o.relocations_committed && !o.commitments.empty()) {
    return Status::InvalidArgument("give either the total or the commitments per Member State, not both",
                                   "--relocations-committed");
  }
  OP_RETURN_IF_ERROR(CheckCrisisDeductions(o.crisis_deductions, countries));
  for (const std::string& code : o.not_contributing) {
    OP_RETURN_IF_ERROR(countries.ValidateMemberState(code, "--not-contributing"));
    if (code == o.member_state) {
      return Status::InvalidArgument(code + " is the Member State in crisis, not a contributor", "--not-contributing");
    }
  }
  for (const auto& [code, n] : o.commitments) {
    OP_RETURN_IF_ERROR(countries.ValidateMemberState(code, "--commitments"));
    OP_RETURN_IF_ERROR(CheckCount(n, "--commitments", code + ": "));
    if (code == o.member_state) {
      return Status::InvalidArgument(code + " is the Member State in crisis: it commits no relocations to itself",
                                     "--commitments");
    }
    if (std::count(o.not_contributing.begin(), o.not_contributing.end(), code) > 0) {
      return Status::InvalidArgument(code + " is listed as not contributing", "--commitments");
    }
  }

  // The reference key (Art. 4(5)(b)(v): the fair share by AMMR Art. 66) from the annual report.
  SolidarityOptions key_options;
  key_options.year = o.year;
  OP_ASSIGN_OR_RETURN(SolidarityReport key, ComputeSolidarity(ref, rules, key_options));
  // The parameters of the year, and never earlier than 1 July 2026, when the Regulation applies
  // (Art. 20): a 2026 crisis reads them as they stood then.
  const Date at = std::max(*Date::FromYmd(o.year, 1, 1), *Date::Parse("2026-07-01"));
  const rules::Parameter* share_param = nullptr;
  OP_ASSIGN_OR_RETURN(double share_of_needs_pct,
                      rules.policy.NumberAt("crisis.offsets_share_of_needs_pct", at, &share_param));
  OP_ASSIGN_OR_RETURN(Period window, rules.policy.PeriodAt("crisis.offset_reduction_window", at));

  CrisisOffsetReport r;
  r.year = o.year;
  r.member_state = o.member_state;
  r.relocation_needs = o.relocation_needs;
  r.financial_needs_eur = o.financial_needs_eur;
  r.eligible_applications = o.eligible_applications;
  // Art. 9(6): whatever the offsets, the State in crisis drawing on the annual pool may leave the
  // other benefitting Member States' needs unmet; the forum is then reconvened. Art. 9(7): a State
  // strained by the support given may ask for solidarity or deductions in turn.
  r.other_beneficiaries_uncovered = o.other_beneficiaries_uncovered;
  if (!o.other_beneficiaries_uncovered) {
    r.forum_reconvened = "undetermined";
    r.notes.push_back("whether the other benefitting Member States' solidarity needs (" + Basis(kAmmr, "Arts. 58-59") +
                      ") can still be met from the annual pool once " + countries.NameOf(o.member_state) +
                      " draws on it is not given (--other-beneficiaries-uncovered): where they cannot, the High-Level "
                      "Forum is reconvened urgently (" + Basis(kCrisis, "Art. 9(6)") + ")");
  } else if (*o.other_beneficiaries_uncovered > 0) {
    r.forum_reconvened = "required";
    r.findings.push_back({Basis(kCrisis, "Art. 9(6)"),
                          Count(*o.other_beneficiaries_uncovered) + " of the other benefitting Member States' "
                          "solidarity needs cannot be met because the annual pool's commitments go to " +
                          countries.NameOf(o.member_state) + ": the EU High-Level Forum is reconvened urgently (" +
                          Basis(kAmmr, "Arts. 13 and 57") + ")"});
  } else {
    r.forum_reconvened = "not_required";
  }
  r.notes.push_back("a Member State that considers itself under migratory pressure, in a significant migratory "
                    "situation or in a crisis as a result of the support measures may request solidarity measures or "
                    "a total or partial deduction of its contributions (" + Basis(kCrisis, "Art. 9(7)") + ")");
  bool crisis_state_takes_part = false;
  for (const MemberStateShare& m : key.member_states) {
    if (m.code == o.member_state) {
      r.member_state_name = m.name;
      crisis_state_takes_part = m.takes_part;
      if (m.takes_part && m.participation_status != "in_force") {
        r.notes.push_back(m.name + "'s participation in the solidarity mechanism is '" + m.participation_status +
                          "' in the policy data");
      }
    }
  }
  if (!crisis_state_takes_part) {
    return Status::InvalidArgument(o.member_state + " takes no part in the solidarity mechanism (policy data): the "
                                   "Regulation's solidarity response does not apply to it", "--member-state");
  }
  r.missing_inputs = key.key_missing_inputs;

  // Contributors: every participant but the State in crisis and those the decision exempts.
  for (const MemberStateShare& m : key.member_states) {
    if (!m.takes_part && o.commitments.count(m.code) > 0) {
      return Status::InvalidArgument(m.code + " takes no part in the solidarity mechanism (policy data): it has no "
                                     "commitments to count", "--commitments");
    }
    if (!m.takes_part || m.code == o.member_state) continue;
    if (std::count(o.not_contributing.begin(), o.not_contributing.end(), m.code) > 0) continue;
    if (m.participation_status != "in_force") {
      r.notes.push_back(m.name + "'s participation in the solidarity mechanism is '" + m.participation_status +
                        "' in the policy data: it is counted as a contributor here");
    }
    CrisisOffsetRow row;
    row.code = m.code;
    row.name = m.name;
    row.key_share = m.share;
    if (o.relocation_needs) row.fair_share = m.share * static_cast<double>(*o.relocation_needs);
    if (o.financial_needs_eur) row.fair_share_eur = m.share * *o.financial_needs_eur;
    // Art. 9(4)(b): applications taken above the fair share under an earlier decision come off this
    // one's, as the Commission authorised (Art. 9(5)); the offsets are split against what is left.
    if (auto d = o.crisis_deductions.find(m.code); d != o.crisis_deductions.end() && o.relocation_needs) {
      const DeductedShare deducted = DeductFromFairShare(row.fair_share, row.fair_share_eur.value_or(0), d->second.applications);
      row.crisis_deduction = d->second;
      row.fair_share_before_deduction = row.fair_share;
      row.fair_share = deducted.relocations;
      if (row.fair_share_eur) row.fair_share_eur = deducted.eur;
      row.deduction_left = deducted.left;
      r.notes.push_back(m.name + "'s fair share of this decision is reduced by " + FormatFixed(d->second.applications, 0) +
                        " applications taken above its fair share under an earlier one (" +
                        Basis(kCrisis, "Art. 9(4)(b)") + ", authorised by " + d->second.authorised_by + ", Art. 9(5)): " +
                        "from " + FormatFixed(*row.fair_share_before_deduction, 1) + " to " +
                        FormatFixed(row.fair_share, 1) + ", its financial part in the same proportion (a reading); "
                        "whether the reduction was asked within " + window.ToString() + " of that decision ceasing "
                        "to be in force is the Commission's check (Art. 9(5))");
    }
    if (!o.commitments.empty()) {
      auto c = o.commitments.find(m.code);
      row.committed = c == o.commitments.end() ? 0 : c->second;
    }
    r.contributors.push_back(row);
  }
  for (const std::string& code : o.not_contributing) {
    const Country* c = countries.Find(code);
    r.notes.push_back((c != nullptr ? c->name : code) + " is left out of the contributors, as given (--not-contributing)");
  }
  for (const auto& entry : o.crisis_deductions) {
    const std::string& code = entry.first;
    const bool applied = std::any_of(r.contributors.begin(), r.contributors.end(),
                                     [&](const CrisisOffsetRow& row) { return row.code == code && row.crisis_deduction; });
    if (applied) continue;
    r.notes.push_back("the deduction given for " + countries.NameOf(code) + " (" + Basis(kCrisis, "Art. 9(4)(b)") +
                      ") is not applied: " +
                      (!o.relocation_needs ? std::string("the relocation needs, its fair share's base, are not given")
                                           : "it is not a contributor here"));
  }
  if (!o.commitments.empty()) {
    long long total = 0;
    for (const auto& [_, n] : o.commitments) total += n;
    r.relocations_committed = total;
  } else {
    r.relocations_committed = o.relocations_committed;
  }

  if (!o.relocation_needs) {
    r.missing_inputs.push_back("relocation needs identified by the Council implementing decision (" +
                               Basis(kCrisis, "Art. 4(5)(b)(i)") + ")");
  }
  if (!r.relocations_committed) {
    r.missing_inputs.push_back("relocation commitments: those drawn from the annual solidarity pool and the additional "
                               "ones of the Council implementing decision (" + Basis(kCrisis, "Art. 4(5)(b)(iii)-(iv)") + ")");
  }
  if (!o.eligible_applications) {
    r.missing_inputs.push_back("applications for which " + r.member_state_name + " is responsible and which meet " +
                               Basis(kAmmr, "Art. 63(8)") + " (applied by " + Basis(kCrisis, "Art. 9(1)(c)") + ")");
  }

  r.notes.push_back("besides the mandatory offsets, " + r.member_state_name + " may ask other Member States to take "
                    "responsibility for applications instead of relocations (" + Basis(kCrisis, "Art. 9(3)") +
                    ", by the procedure of " + Basis(kAmmr, "Art. 69") + ")");
  // Para. 1, first subparagraph: the trigger.
  if (!o.relocation_needs || !r.relocations_committed) {
    r.status = "not_computable";
    r.forum = "undetermined";
    r.allocation = "none: the trigger cannot be tested without the needs and the commitments";
    return r;
  }
  const long long needs = *o.relocation_needs;
  // "Fino al 100 %" of the needs: relocations and offsets together reach that share of them.
  const long long target = static_cast<long long>(std::floor(static_cast<double>(needs) * share_of_needs_pct / 100.0));
  r.shortfall = std::max(0LL, target - *r.relocations_committed);
  if (*r.relocations_committed >= needs) {
    r.status = "not_triggered";
    r.forum = "not_required";
    r.allocation = "none: no offsets are due";
    r.findings.push_back({Basis(kCrisis, "Art. 9(1), first subparagraph"),
                          "relocation commitments of " + Count(*r.relocations_committed) + " reach the needs of " +
                              Count(needs) + ": mandatory offsets are not triggered"});
    return r;
  }
  r.findings.push_back({Basis(kCrisis, "Art. 9(1), first subparagraph"),
                        "relocation commitments of " + Count(*r.relocations_committed) + " are below the needs of " +
                            Count(needs) + " (shortfall " + Count(*r.shortfall) + ")"});

  // Para. 1, second subparagraph: two situations in which the mandatory offsets do not apply.
  if (o.temporary_protection_article_11_disapplied || o.article_13_authorised) {
    r.status = o.article_13_authorised ? "not_applicable_article_13" : "not_applicable_temporary_protection";
    if (o.temporary_protection_article_11_disapplied) {
      r.findings.push_back({Basis(kCrisis, "Art. 9(1), second subparagraph"),
                            "Directive 2001/55/EC is activated for the same situation and the Member States agreed "
                            "at activation not to apply its Art. 11: the mandatory offsets do not apply"});
    }
    if (o.article_13_authorised) {
      r.findings.push_back({Basis(kCrisis, "Art. 9(1), second subparagraph"),
                            "the Council implementing decision authorises " + r.member_state_name + " to apply " +
                                Basis(kCrisis, "Art. 13") + ": the mandatory offsets do not apply"});
      // Art. 9(4) names Art. 13 beside para. 1(b): responsibility moved by the take-back
      // derogation counts toward the deductions too.
      r.findings.push_back({Basis(kCrisis, "Art. 9(4)-(5)"),
                            "a Member State that becomes responsible under Art. 13 (the State of the second "
                            "application, 13(2)-(3)) beyond its fair share may have its fair share reduced, on "
                            "notifying the Commission: over " + window.ToString() + " of later annual cycles (Art. "
                            "9(4)(a)), or in later Council implementing decisions if requested within " +
                            window.ToString() + " of this decision ceasing to be in force (Art. 9(4)(b))"});
    }
    r.forum = "undetermined";
    r.notes.push_back("whether the High-Level Forum is convened under Art. 9(2) when the offsets of para. 1 do not "
                      "apply at all is not stated by the text");
    r.allocation = "none: no mandatory offsets";
    return r;
  }

  // Para. 1(a)-(b): the offsets, capped by the applications that can move (AMMR Art. 63(8)).
  r.status = "triggered";
  r.offsets = o.eligible_applications ? std::min(*r.shortfall, *o.eligible_applications) : *r.shortfall;
  r.findings.push_back({Basis(kCrisis, "Art. 9(1)(a)"),
                        "contributing Member States take responsibility for " + Count(*r.offsets) +
                            " applications for which " + r.member_state_name + " is responsible, so that relocations "
                            "and offsets reach " + FormatFixed(share_of_needs_pct, 0) + " % of the needs" +
                            (o.eligible_applications ? "" : " (an upper figure: the eligible applications are not given)")});
  r.findings.push_back({Basis(kCrisis, "Art. 9(1)(b)"),
                        "where necessary a contributor takes responsibility above its fair share, in derogation from " +
                            Basis(kAmmr, "Art. 63(7)")});
  r.findings.push_back({Basis(kCrisis, "Art. 9(1)(c)"),
                        "each contributor identifies the applications and becomes responsible for them (" +
                            Basis(kAmmr, "Art. 63(6)") + "); only applications meeting Art. 63(8) move (no "
                            "unaccompanied minor; responsibility under Arts. 29-33; the time limit of Art. 39(1) not "
                            "expired; not absconded from the contributor; not a beneficiary of international protection "
                            "or an admitted person); finally rejected applicants may be included (Art. 63(9))"});
  // Para. 2: the forum, when the offsets cannot cover the needs.
  r.uncovered = *r.shortfall - *r.offsets;
  if (!o.eligible_applications) {
    r.forum = "undetermined";
    r.uncovered.reset();
  } else if (*r.uncovered > 0) {
    r.forum = "required";
    r.findings.push_back({Basis(kCrisis, "Art. 9(2)"),
                          Count(*r.uncovered) + " of the needs stay uncovered: the EU High-Level Solidarity Forum is "
                          "convened urgently (" + Basis(kAmmr, "Arts. 13(4) and 57") + ")"});
  } else {
    r.forum = "not_required";
  }

  // The indicative split: first within each contributor's remaining fair share, then (para.
  // 1(b)) above it by the reference key. Not set by the Regulation.
  if (!key.key_complete()) {
    r.allocation = "none: the reference key is incomplete (see missing_inputs)";
  } else if (r.contributors.empty()) {
    r.allocation = "none: no Member State is left to contribute";
  } else if (o.commitments.empty()) {
    r.allocation = "none: the commitments per Member State are not given (--commitments)";
    r.missing_inputs.push_back("relocation commitments per contributing Member State (Council implementing decision, " +
                               Basis(kCrisis, "Art. 4(5)(b)(v)") + "), for the indicative split");
  } else {
    std::vector<double> room, keys;
    for (const CrisisOffsetRow& row : r.contributors) {
      room.push_back(std::max(0.0, row.fair_share - static_cast<double>(*row.committed)));
      keys.push_back(row.key_share);
    }
    const double room_total = std::accumulate(room.begin(), room.end(), 0.0);
    std::vector<long long> parts;
    if (static_cast<double>(*r.offsets) <= room_total) {
      parts = Apportion(*r.offsets, room);
      r.allocation = "indicative: in proportion to each contributor's fair share not yet met by its commitments; the "
                     "Council implementing decision sets each Member State's contribution (" +
                     Basis(kCrisis, "Art. 4(5)(b)(v)") + ")";
    } else {
      // Everyone's remaining fair share is filled (whole applications, rounded down), the rest
      // goes above the fair shares by the reference key.
      long long within = 0;
      parts.resize(room.size());
      for (size_t i = 0; i < room.size(); ++i) within += parts[i] = static_cast<long long>(std::floor(room[i]));
      const std::vector<long long> above = Apportion(*r.offsets - within, keys);
      for (size_t i = 0; i < parts.size(); ++i) parts[i] += above[i];
      r.allocation = "indicative: each contributor's fair share not yet met by its commitments first, the rest above "
                     "the fair shares by the reference key (" + Basis(kCrisis, "Art. 9(1)(b)") + "); the Council "
                     "implementing decision sets each Member State's contribution (" + Basis(kCrisis, "Art. 4(5)(b)(v)") + ")";
    }
    bool any_above = false;
    for (size_t i = 0; i < parts.size(); ++i) {
      CrisisOffsetRow& row = r.contributors[i];
      row.offsets = parts[i];
      // Art. 9(4) deducts the applications a State became responsible for above its fair share
      // under para. 1(b): its offsets beyond what its fair share left after its relocations.
      // A fractional fair share is not an application: only whole ones above it count.
      const auto above = static_cast<long long>(std::floor(std::min(
          static_cast<double>(parts[i]), static_cast<double>(*row.committed + parts[i]) - row.fair_share)));
      if (above >= 1) {
        row.above_fair_share = above;
        any_above = true;
      }
    }
    if (any_above) {
      std::string right = "a contributor that becomes responsible above its fair share may have it reduced, on "
                          "notifying the Commission (Art. 9(5)): over " + window.ToString() + " of later annual cycles "
                          "(Art. 9(4)(a)), or in later Council implementing "
                          "decisions if requested within " + window.ToString() + " of this decision ceasing to be in "
                          "force (Art. 9(4)(b))";
      if (o.decision_ends && window.unit == PeriodUnit::kYears) {
        r.reduction_request_until = o.decision_ends->AddYears(window.amount);
        right += ": by " + r.reduction_request_until->ToString();
      } else if (!o.decision_ends) {
        r.missing_inputs.push_back("the date the Council implementing decision ceases to be in force (--decision-ends), "
                                   "for the time limit of Art. 9(4)(b)");
      }
      r.findings.push_back({Basis(kCrisis, "Art. 9(4)-(5)"), right});
    }
  }
  r.notes.push_back("the fair shares use the reference key of the annual report (population and the GDP proxy named "
                    "there, " + std::to_string(o.year) + "); the Regulation's key is Art. 66 of " +
                    std::string(kAmmr).substr(0, std::string(kAmmr).size() - 2));
  if (share_param != nullptr && share_param->status != rules::PolicyStatus::kInForce) {
    r.notes.push_back("crisis.offsets_share_of_needs_pct is '" + std::string(rules::PolicyStatusName(share_param->status)) +
                      "' in the policy data");
  }
  return r;
}

std::string CrisisOffsetsToJson(const CrisisOffsetReport& r) {
  json out;
  out["year"] = r.year;
  out["member_state"] = r.member_state;
  out["member_state_name"] = r.member_state_name;
  out["legal_basis"] = Basis(kCrisis, "Art. 9");
  out["status"] = r.status;
  out["relocation_needs"] = OptionalCount(r.relocation_needs);
  out["financial_needs_eur"] = r.financial_needs_eur ? json(*r.financial_needs_eur) : json();
  out["relocations_committed"] = OptionalCount(r.relocations_committed);
  out["shortfall"] = OptionalCount(r.shortfall);
  out["eligible_applications"] = OptionalCount(r.eligible_applications);
  out["offsets"] = OptionalCount(r.offsets);
  out["uncovered"] = OptionalCount(r.uncovered);
  out["forum"] = r.forum;
  out["other_beneficiaries_uncovered"] = OptionalCount(r.other_beneficiaries_uncovered);
  out["forum_reconvened"] = r.forum_reconvened;
  out["reduction_request_until"] = r.reduction_request_until ? json(r.reduction_request_until->ToString()) : json();
  out["allocation"] = r.allocation;
  json rows = json::array();
  for (const CrisisOffsetRow& row : r.contributors) {
    rows.push_back({{"code", row.code},
                    {"name", row.name},
                    {"fair_share_pct", 100 * row.key_share},
                    {"fair_share", row.fair_share},
                    {"fair_share_eur", row.fair_share_eur ? json(*row.fair_share_eur) : json()},
                    {"committed", OptionalCount(row.committed)},
                    {"offsets", OptionalCount(row.offsets)},
                    {"above_fair_share", OptionalCount(row.above_fair_share)}});
    if (row.crisis_deduction) {
      rows.back()["crisis_deduction"] = {{"applications", row.crisis_deduction->applications},
                                         {"authorised_by", row.crisis_deduction->authorised_by},
                                         {"legal_basis", Basis(kCrisis, "Art. 9(4)(b), 9(5)")},
                                         {"fair_share_before", *row.fair_share_before_deduction},
                                         {"left", *row.deduction_left}};
    }
  }
  out["contributors"] = rows;
  json findings = json::array();
  for (const CrisisOffsetFinding& f : r.findings) findings.push_back({{"legal_basis", f.legal_basis}, {"finding", f.finding}});
  out["findings"] = findings;
  out["missing_inputs"] = r.missing_inputs;
  out["notes"] = r.notes;
  return out.dump(2);
}

std::string CrisisOffsetsToCsv(const CrisisOffsetReport& r) {
  std::string out =
      "code,name,fair_share_pct,fair_share,fair_share_eur,committed,offsets,above_fair_share,crisis_deduction\n";
  auto opt = [](const std::optional<long long>& v) { return v ? Count(*v) : std::string(); };
  for (const CrisisOffsetRow& row : r.contributors) {
    out += row.code + ",\"" + row.name + "\"," + FormatFixed(100 * row.key_share, 4) + "," +
           FormatFixed(row.fair_share, 1) + "," + (row.fair_share_eur ? FormatFixed(*row.fair_share_eur, 0) : "") + "," +
           opt(row.committed) + "," + opt(row.offsets) + "," +
           opt(row.above_fair_share) + "," +
           (row.crisis_deduction ? FormatFixed(row.crisis_deduction->applications, 0) : "") + "\n";
  }
  return out;
}

std::string CrisisOffsetsToText(const CrisisOffsetReport& r) {
  auto opt = [](const std::optional<long long>& v) { return v ? Count(*v) : std::string("?"); };
  std::string out = "Responsibility offsets in a crisis (" + Basis(kCrisis, "Art. 9") + ")\n";
  out += "Member State in crisis: " + r.member_state_name + " (" + r.member_state + ")\n";
  out += "Relocation needs " + opt(r.relocation_needs) + ", committed " + opt(r.relocations_committed) +
         ", shortfall " + opt(r.shortfall) + "\n";
  if (r.financial_needs_eur) {
    out += "Financial needs EUR " + FormatFixed(*r.financial_needs_eur, 0) + " (Art. 4(5)(b)(ii)): each contributor's "
           "fair share of them in the CSV and JSON (fair_share_eur)\n";
  }
  out += "Status: " + r.status;
  if (r.offsets) out += "; offsets " + Count(*r.offsets);
  if (r.uncovered) out += "; uncovered " + Count(*r.uncovered);
  out += "; High-Level Forum (Art. 9(2)): " + r.forum + "; reconvened for the other beneficiaries (Art. 9(6)): " +
         r.forum_reconvened + "\n\n";
  for (const CrisisOffsetFinding& f : r.findings) out += "- " + f.finding + " [" + f.legal_basis + "]\n";
  out += "\nSplit: " + r.allocation + "\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-4s %-12s %8s %11s %10s %9s %12s\n", "MS", "name", "key %", "fair share",
                "committed", "offsets", "above share");
  out += line;
  for (const CrisisOffsetRow& row : r.contributors) {
    std::snprintf(line, sizeof line, "%-4s %-12.12s %8.3f %11.1f %10s %9s %12s\n", row.code.c_str(), row.name.c_str(),
                  100 * row.key_share, row.fair_share, row.committed ? Count(*row.committed).c_str() : "-",
                  row.offsets ? Count(*row.offsets).c_str() : "-",
                  row.above_fair_share ? Count(*row.above_fair_share).c_str() : "");
    out += line;
  }
  for (const std::string& m : r.missing_inputs) out += "Missing input: " + m + "\n";
  for (const std::string& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

}  // namespace openpact::solidarity
