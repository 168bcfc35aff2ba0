#include "solidarity/solidarity.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/json_writer.h"

#include "core/csv.h"

namespace openpact::solidarity {
namespace {

using json = nlohmann::ordered_json;

std::string Fixed(double v, int decimals) { return FormatFixed(v, decimals); }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

Result<double> Param(const rules::Policy& p, const char* id, Date d) { return p.NumberAt(id, d); }

json OptionalNumber(const std::optional<double>& v) { return v ? json(*v) : json(); }

}  // namespace

namespace {

// Why `v` is not a pledge's amount, "" when it is: negative or not finite (strtod also reads "nan",
// "inf" and overflowing exponents), or, for relocations (`people`), part of a person. One rule for
// pledges read from a file (LoadPledges) and given another way (ComputeSolidarity).
std::string AmountProblem(double v, bool people) {
  if (!std::isfinite(v) || v < 0) return "want a number >= 0";
  if (people && v != std::floor(v)) return "relocations are people: want a whole number";
  return "";
}

}  // namespace

Result<std::map<std::string, Pledge>> LoadPledges(const std::string& path, const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(path));
  OP_ASSIGN_OR_RETURN(size_t c_ms, t.Column("member_state"));
  const Result<size_t> c_rel = t.Column("relocations");
  if (!c_rel.ok()) return c_rel.status();
  // The financial columns may be left out: a file of relocations only (commitments in a crisis).
  const Result<size_t> c_fin = t.Column("financial_eur");
  const Result<size_t> c_alt = t.Column("alternative_eur");
  const Result<size_t> c_acc = t.Column("relocations_accepted");
  const Result<size_t> c_red = t.Column("relocations_reduced");
  std::map<std::string, Pledge> out;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string& ms = t.row(i)[c_ms];
    Status s = countries.ValidateMemberState(ms, t.Where(i, "member_state"));
    if (!s.ok()) return s;
    // A cell's amount: none when the cell is empty or its column absent; refused, naming the line
    // and the column, when it is not one.
    auto amount = [&](const Result<size_t>& column, const char* name, bool people) -> Result<std::optional<double>> {
      if (!column.ok() || t.row(i)[*column].empty()) return std::optional<double>();
      const std::string& v = t.row(i)[*column];
      char* end = nullptr;
      const double x = std::strtod(v.c_str(), &end);
      const std::string problem = *end != '\0' ? "want a number >= 0" : AmountProblem(x, people);
      if (!problem.empty()) return Status::InvalidArgument(problem + ", got '" + v + "'", t.Where(i, name));
      return std::optional<double>(x);
    };
    Pledge p;
    OP_ASSIGN_OR_RETURN(const std::optional<double> relocations, amount(c_rel, "relocations", true));
    OP_ASSIGN_OR_RETURN(const std::optional<double> financial, amount(c_fin, "financial_eur", false));
    OP_ASSIGN_OR_RETURN(const std::optional<double> alternative, amount(c_alt, "alternative_eur", false));
    OP_ASSIGN_OR_RETURN(p.relocations_accepted, amount(c_acc, "relocations_accepted", true));
    OP_ASSIGN_OR_RETURN(p.relocations_reduced, amount(c_red, "relocations_reduced", true));
    if (p.relocations_reduced && *p.relocations_reduced > relocations.value_or(0)) {
      return Status::InvalidArgument("a reduction of more relocations than pledged", t.Where(i, "relocations_reduced"));
    }
    p.relocations = relocations.value_or(0);
    p.financial_eur = financial.value_or(0);
    p.alternative_eur = alternative.value_or(0);
    if (out.count(ms) > 0) return Status::InvalidArgument("second pledge for " + ms, t.Where(i, "member_state"));
    out[ms] = p;
  }
  return out;
}

namespace {

// Why a deduction of Crisis Reg. Art. 9(4)(a) is not one, "" when it is: a whole number of
// applications, at least one; the act authorising it named on one line (Art. 9(5)).
std::string DeductionProblem(const CrisisDeduction& d, std::string* field) {
  if (!std::isfinite(d.applications) || d.applications < 1 || d.applications != std::floor(d.applications) ||
      d.applications > 1e9) {
    *field = "applications";
    return "want a whole number of applications, at least 1";
  }
  const bool one_line = std::none_of(d.authorised_by.begin(), d.authorised_by.end(),
                                     [](unsigned char c) { return c < 0x20 || c == 0x7f; });
  if (d.authorised_by.empty() || d.authorised_by.size() > 300 || !one_line) {
    *field = "authorised_by";
    return "name the Commission implementing act authorising the deduction (Regulation (EU) 2024/1359, Art. 9(5)): "
           "one line, at most 300 bytes";
  }
  return "";
}

}  // namespace

Result<std::map<std::string, CrisisDeduction>> LoadCrisisDeductions(const std::string& path,
                                                                    const CountryRegistry& countries) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(path));
  OP_ASSIGN_OR_RETURN(size_t c_ms, t.Column("member_state"));
  OP_ASSIGN_OR_RETURN(size_t c_apps, t.Column("applications"));
  OP_ASSIGN_OR_RETURN(size_t c_act, t.Column("authorised_by"));
  std::map<std::string, CrisisDeduction> out;
  for (size_t i = 0; i < t.size(); ++i) {
    const std::string& ms = t.row(i)[c_ms];
    OP_RETURN_IF_ERROR(countries.ValidateMemberState(ms, t.Where(i, "member_state")));
    CrisisDeduction d;
    const std::string& v = t.row(i)[c_apps];
    char* end = nullptr;
    d.applications = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0') d.applications = -1;
    d.authorised_by = t.row(i)[c_act];
    std::string field;
    if (const std::string problem = DeductionProblem(d, &field); !problem.empty()) {
      return Status::InvalidArgument(problem + (field == "applications" ? ", got '" + v + "'" : ""), t.Where(i, field));
    }
    if (out.count(ms) > 0) return Status::InvalidArgument("second deduction for " + ms, t.Where(i, "member_state"));
    out[ms] = d;
  }
  return out;
}

namespace {

// What LoadPledges checks of a file's cells, for pledges that come another way (a request body).
Status CheckPledges(const std::map<std::string, Pledge>& pledges, const CountryRegistry& countries) {
  using Amount = std::tuple<const char*, std::optional<double>, bool>;
  for (const auto& [code, p] : pledges) {
    OP_RETURN_IF_ERROR(countries.ValidateMemberState(code, "pledges"));
    for (const auto& [name, v, people] : {Amount{"relocations", p.relocations, true},
                                          Amount{"financial_eur", p.financial_eur, false},
                                          Amount{"alternative_eur", p.alternative_eur, false},
                                          Amount{"relocations_accepted", p.relocations_accepted, true},
                                          Amount{"relocations_reduced", p.relocations_reduced, true}}) {
      if (!v) continue;
      if (const std::string problem = AmountProblem(*v, people); !problem.empty()) {
        return Status::InvalidArgument(problem, "pledges." + code + "." + name);
      }
    }
    if (p.relocations_reduced && *p.relocations_reduced > p.relocations) {
      return Status::InvalidArgument("a reduction of more relocations than pledged",
                                     "pledges." + code + ".relocations_reduced");
    }
  }
  return Status::OK();
}

}  // namespace

Status CheckCrisisDeductions(const std::map<std::string, CrisisDeduction>& deductions, const CountryRegistry& countries) {
  for (const auto& [code, d] : deductions) {
    OP_RETURN_IF_ERROR(countries.ValidateMemberState(code, "crisis_deductions"));
    std::string field;
    if (const std::string problem = DeductionProblem(d, &field); !problem.empty()) {
      return Status::InvalidArgument(problem, "crisis_deductions." + code + "." + field);
    }
  }
  return Status::OK();
}

DeductedShare DeductFromFairShare(double fair_relocations, double fair_eur, double applications) {
  DeductedShare d;
  d.relocations = std::max(0.0, fair_relocations - applications);
  d.eur = fair_relocations > 0 ? fair_eur * d.relocations / fair_relocations : 0.0;
  d.left = std::max(0.0, applications - fair_relocations);
  return d;
}

Result<SolidarityReport> ComputeSolidarity(const ReferenceData& ref, const rules::RulesData& rules,
                                           const SolidarityOptions& options) {
  OP_RETURN_IF_ERROR(CheckPledges(options.pledges, rules.countries));
  OP_RETURN_IF_ERROR(CheckCrisisDeductions(options.crisis_deductions, rules.countries));
  SolidarityReport r;
  r.year = options.year;
  auto pool = ref.pools.find(options.year);
  if (pool == ref.pools.end()) {
    std::string known;
    for (const auto& [y, _] : ref.pools) known += (known.empty() ? "" : ", ") + std::to_string(y);
    return Status::InvalidArgument("no Council implementing act establishing a solidarity pool for " +
                                       std::to_string(options.year) + " in the reference data (known: " + known + ")",
                                   "--year");
  }
  r.pool = pool->second;
  r.eur_per_relocation = options.eur_per_relocation;
  r.population_series = ref.population_series;
  r.gdp_series = ref.gdp_series;
  r.pressure_act = ref.pressure_act;
  // Membership is read as of 1 January of the pool's year.
  const Date at = *Date::FromYmd(options.year, 1, 1);
  if (!r.pool.relocations.value) r.missing_inputs.push_back("reference number of relocations for " + std::to_string(r.year));
  if (!r.pool.financial_eur.value) r.missing_inputs.push_back("reference number of financial contributions for " + std::to_string(r.year));

  double pop_total = 0, gdp_total = 0;
  for (const Country* c : rules.countries.MemberStates()) {
    MemberStateShare m;
    m.code = c->alpha3;
    m.name = c->name;
    const rules::MemberStateSetting* row = nullptr;
    m.takes_part = rules.policy.SettingAt(c->alpha3, "takes_part_in_solidarity", at, true, &row);
    m.participation_status = row != nullptr ? rules::PolicyStatusName(row->status) : "in_force";
    if (row != nullptr && row->status != rules::PolicyStatus::kInForce) {
      r.notes.push_back(m.name + "'s participation is '" + m.participation_status + "' in the policy data (" +
                        row->legal_basis + "): it is " + (m.takes_part ? "included" : "excluded") + " here");
    }
    auto pop = ref.population.find(c->alpha3);
    auto gdp = ref.gdp.find(c->alpha3);
    if (pop != ref.population.end()) m.population = pop->second.value;
    if (gdp != ref.gdp.end()) m.gdp = gdp->second.value;
    if (m.takes_part) {
      if (!m.population) r.key_missing_inputs.push_back("population of " + m.name);
      if (!m.gdp) r.key_missing_inputs.push_back("GDP of " + m.name);
      if (m.population) pop_total += *m.population;
      if (m.gdp) gdp_total += *m.gdp;
    }
    auto pressure = ref.pressure.find(c->alpha3);
    if (pressure != ref.pressure.end()) {
      m.pressure = pressure->second.under_pressure          ? "under_migratory_pressure"
                   : pressure->second.significant_situation ? "significant_migratory_situation"
                   : pressure->second.at_risk               ? "at_risk_of_migratory_pressure"
                                                            : "";
    }
    const bool beneficiary = std::count(r.pool.beneficiaries.begin(), r.pool.beneficiaries.end(), m.code) > 0;
    const bool deduction = std::count(r.pool.deduction_candidates.begin(), r.pool.deduction_candidates.end(), m.code) > 0;
    m.role = !m.takes_part ? "not_taking_part" : beneficiary ? "beneficiary" : deduction ? "may_request_deduction" : "contributor";
    r.member_states.push_back(m);
  }
  r.missing_inputs.insert(r.missing_inputs.end(), r.key_missing_inputs.begin(), r.key_missing_inputs.end());
  if (!r.key_complete()) r.notes.push_back("the reference key is incomplete: shares are not computed (see missing_inputs)");
  for (MemberStateShare& m : r.member_states) {
    if (!m.takes_part || !r.key_complete()) continue;
    m.population_share = *m.population / pop_total;
    m.gdp_share = *m.gdp / gdp_total;
    m.share = 0.5 * m.population_share + 0.5 * m.gdp_share;
    if (r.pool.relocations.value) m.fair_share_relocations = m.share * *r.pool.relocations.value;
    if (r.pool.financial_eur.value) m.fair_share_eur = m.share * *r.pool.financial_eur.value;
  }
  // Crisis Reg. Art. 9(4)(a): "ridurre proporzionalmente la sua quota equa ... deducendo il
  // corrispondente numero di domande": the applications come off the fair share in relocations,
  // and its financial part falls in the same proportion (a reading: the text names one number).
  for (MemberStateShare& m : r.member_states) {
    auto d = options.crisis_deductions.find(m.code);
    if (d == options.crisis_deductions.end()) continue;
    m.crisis_deduction = d->second;
    if (!m.takes_part) {
      r.notes.push_back(m.name + " takes no part in the solidarity mechanism: its deduction under Regulation (EU) "
                        "2024/1359, Art. 9(4)(a) has no fair share to reduce");
      continue;
    }
    if (!r.key_complete() || !r.pool.relocations.value) {
      r.missing_inputs.push_back("the fair share of " + m.name + " to deduct " + Fixed(d->second.applications, 0) +
                                 " applications from (Regulation (EU) 2024/1359, Art. 9(4)(a))");
      continue;
    }
    const DeductedShare deducted = DeductFromFairShare(m.fair_share_relocations, m.fair_share_eur, d->second.applications);
    const double after = deducted.relocations;
    m.fair_share_relocations_after_deduction = after;
    m.fair_share_eur_after_deduction = deducted.eur;
    m.deduction_left_for_later_cycles = deducted.left;
    r.notes.push_back(m.name + "'s fair share is reduced by " + Fixed(d->second.applications, 0) +
                      " applications taken above its fair share in a crisis (Regulation (EU) 2024/1359, Art. 9(4)(a), "
                      "authorised by " + d->second.authorised_by + ", Art. 9(5)): to " + Fixed(after, 1) +
                      " relocations, its financial part in the same proportion (a reading: the text names the "
                      "applications only); the pledge's percentage and the offset caps of Regulation (EU) 2024/1351, "
                      "Art. 63(7) are taken against it. Whether the deductions authorised stay within the applications "
                      "taken above the fair share, over five years, is not checked here" +
                      (*m.deduction_left_for_later_cycles > 0
                           ? "; " + Fixed(*m.deduction_left_for_later_cycles, 0) +
                                 " applications exceed this cycle's fair share and are left for later cycles"
                           : std::string()));
  }
  // Pledges (the annex of the Council act is missing from the reference data; a user may supply them).
  if (options.pledges.empty()) {
    r.missing_inputs.push_back("per-Member-State pledges (annex of Council Implementing Decision (EU) " + r.pool.act +
                               "): give --pledges FILE");
    r.offsets = "not computable: pledges are missing";
    r.voluntary_offsets = "not computable: pledges are missing";
  } else {
    double relocations = 0;
    for (MemberStateShare& m : r.member_states) {
      auto p = options.pledges.find(m.code);
      if (p == options.pledges.end()) continue;
      m.pledge = p->second;
      relocations += p->second.relocations;
      const double value = p->second.relocations * r.eur_per_relocation + p->second.financial_eur + p->second.alternative_eur;
      const double fair_value = m.ContributionFairShare() * r.eur_per_relocation;
      if (fair_value > 0) m.pledge_pct_of_fair_share = 100.0 * value / fair_value;
    }
    r.pledged_relocations_total = relocations;
    // Art. 63(5): at the year's end, a contributor that has not carried out or accepted (Art.
    // 67(9)) as many relocations as it pledged (Art. 57(3)) takes responsibility, on a
    // beneficiary's request, "fino al numero di ricollocazioni per le quali si è impegnato": read
    // as the pledged relocations it did not carry out or accept.
    std::string owed;
    bool any_accepted = false;
    for (MemberStateShare& m : r.member_states) {
      if (!m.pledge || !m.pledge->relocations_accepted) continue;
      any_accepted = true;
      m.unexecuted_relocations = std::max(0.0, m.pledge->relocations - *m.pledge->relocations_accepted);
      if (*m.unexecuted_relocations > 0) {
        owed += (owed.empty() ? "" : ", ") + m.name + " " + Fixed(*m.unexecuted_relocations, 0) + " (pledged " +
                Fixed(m.pledge->relocations, 0) + ")";
      }
    }
    if (!any_accepted) {
      r.year_end_offsets = "not computable: the relocations carried out or accepted are not given (relocations_accepted)";
    } else if (owed.empty()) {
      r.year_end_offsets = "every contributor with relocations_accepted given carried out or accepted its pledged "
                           "relocations: no offsets under Regulation (EU) 2024/1351, Art. 63(5)";
    } else {
      r.year_end_offsets = "on a beneficiary's request after the end of " + std::to_string(r.year) +
                           ", these contributors take responsibility for applications up to their pledged relocations "
                           "not carried out or accepted (Regulation (EU) 2024/1351, Art. 63(5)): " + owed;
      r.notes.push_back("Art. 63(5) caps the year-end offsets 'fino al numero di ricollocazioni per le quali si è "
                        "impegnato' (up to the number of relocations pledged); read literally the cap is the whole "
                        "pledge (in brackets above), OpenPact reads it as the part not carried out or accepted: the "
                        "text is unclear");
    }
    // Art. 63(1): pledges of relocations at or above half the relocations of the Commission's
    // proposal (Art. 12) let a beneficiary ask for offsets instead of relocations (Art. 69); 63(2):
    // a contributor may offer them then (a), or when it pledged at least half its fair share as
    // relocations (b).
    OP_ASSIGN_OR_RETURN(double voluntary_pct, Param(rules.policy, "ammr.voluntary_offsets_share_pct", at));
    if (r.pool.proposal_relocations.value) {
      const double threshold = *r.pool.proposal_relocations.value * voluntary_pct / 100.0;
      r.voluntary_offsets_threshold_reached = relocations >= threshold;
      r.voluntary_offsets =
          "relocation pledges of " + Fixed(relocations, 0) + (*r.voluntary_offsets_threshold_reached ? " reach " : " are below ") +
          Fixed(voluntary_pct, 0) + " % of the " + Fixed(*r.pool.proposal_relocations.value, 0) +
          " relocations of the Commission's proposal (" + Fixed(threshold, 0) + "; the proposal's figure as reported, " +
          r.pool.proposal_relocations.source + ")" +
          (*r.voluntary_offsets_threshold_reached
               ? ": a beneficiary may ask other Member States to take responsibility for applications it is "
                 "responsible for instead of relocations (Regulation (EU) 2024/1351, Art. 63(1), procedure of Art. "
                 "69), and any contributor may offer to (Art. 63(2)(a))"
               : ": no beneficiary may ask for offsets instead of relocations (Regulation (EU) 2024/1351, Art. "
                 "63(1)); a contributor may offer them if it pledged at least " + Fixed(voluntary_pct, 0) +
                     " % of its fair share as relocations (Art. 63(2)(b))");
    } else {
      r.voluntary_offsets = "not computable: the relocations of the Commission's proposal (Art. 12) are not in the "
                            "reference data";
      r.missing_inputs.push_back("relocations in the Commission's proposal for " + std::to_string(r.year) +
                                 " (Regulation (EU) 2024/1351, Art. 12), for Art. 63(1)");
    }
    for (MemberStateShare& m : r.member_states) {
      if (!m.pledge || (m.role != "contributor" && m.role != "may_request_deduction")) continue;
      const bool half_pledged = r.key_complete() && r.pool.relocations.value &&
                                m.pledge->relocations >= m.ContributionFairShare() * voluntary_pct / 100.0;
      if (half_pledged || r.voluntary_offsets_threshold_reached.value_or(false)) {
        m.may_offer_offsets = true;
      } else if (r.voluntary_offsets_threshold_reached && r.key_complete() && r.pool.relocations.value) {
        m.may_offer_offsets = false;
      }
    }
    OP_ASSIGN_OR_RETURN(double floor, Param(rules.policy, "ammr.pool_floor_relocations_count", at));
    OP_ASSIGN_OR_RETURN(double share_pct, Param(rules.policy, "ammr.mandatory_offsets_share_pct", at));
    const double reference = r.pool.relocations.value.value_or(0);
    const double sixty = reference * share_pct / 100.0;
    const bool below_floor = relocations < floor;
    const bool below_share = relocations < sixty;
    // Art. 63(4): paragraph 3 applies too when the commitments to implement fall below the higher
    // number because the beneficiaries (Arts. 58(1), 59(4)) need not implement theirs (Art. 60(3),
    // third subparagraph), or reductions were granted (Arts. 61-62: relocations_reduced).
    double beneficiaries_pledged = 0, reduced = 0;
    bool any_reduction_given = false;
    for (const MemberStateShare& m : r.member_states) {
      if (!m.pledge) continue;
      if (m.role == "beneficiary") {
        beneficiaries_pledged += m.pledge->relocations;
      } else if (m.pledge->relocations_reduced) {
        any_reduction_given = true;
        reduced += *m.pledge->relocations_reduced;
      }
    }
    const double to_implement = relocations - beneficiaries_pledged - reduced;
    const double higher = std::max(floor, sixty);
    const bool by_paragraph_4 = !below_floor && !below_share && to_implement < higher;
    if (beneficiaries_pledged > 0) {
      r.notes.push_back("the beneficiaries' pledged relocations (" + Fixed(beneficiaries_pledged, 0) +
                        ") need not be implemented (Regulation (EU) 2024/1351, Art. 60(3): beneficiaries under Arts. "
                        "58(1) and 59(4), taken here as the States the pressure decision found under migratory "
                        "pressure): the relocations to implement are " + Fixed(to_implement, 0) + ", which Art. 63(4) sets against the higher number");
    }
    if (reduced > 0) {
      r.notes.push_back("reductions granted under Arts. 61-62 (" + Fixed(reduced, 0) + " pledged relocations, "
                        "relocations_reduced) lower the relocations to implement (Art. 63(4))");
    }
    if (!any_reduction_given) {
      r.notes.push_back("reductions granted under Arts. 61-62 also lower the relocations to implement (Art. 63(4)); "
                        "none is given (relocations_reduced), so none is counted");
    }
    if (below_floor || below_share || by_paragraph_4) {
      // Art. 63(3): up to the higher of the two numbers, read as relocations and offsets together
      // reaching it (the relocations to implement, 63(4)); Art. 63(7): no contributor above its
      // fair share.
      r.offsets_due = higher - to_implement;
      double cap_relocations = 0, cap_value = 0;
      for (MemberStateShare& m : r.member_states) {
        if (!m.pledge || (m.role != "contributor" && m.role != "may_request_deduction")) continue;
        m.offset_cap_relocations_only = std::max(0.0, m.ContributionFairShare() - m.pledge->relocations);
        const double pledged_value =
            m.pledge->relocations * r.eur_per_relocation + m.pledge->financial_eur + m.pledge->alternative_eur;
        m.offset_cap_all_pledges = std::max(0.0, m.ContributionFairShare() - pledged_value / r.eur_per_relocation);
        cap_relocations += *m.offset_cap_relocations_only;
        cap_value += *m.offset_cap_all_pledges;
      }
      r.notes.push_back("Art. 63(3)-(7): offsets due " + Fixed(*r.offsets_due, 0) + " (the higher number less the "
                        "relocations to implement); the contributors with a pledge given can be held to at most " +
                        Fixed(cap_relocations, 0) + " if a fair share is met by relocations only, or " +
                        Fixed(cap_value, 0) + " if every pledge counts by value: the text leaves open which, and "
                        "whether 'fino al più elevato' counts the pledged relocations (read here as it does)");
      r.offsets =
          by_paragraph_4
              ? "mandatory offsets (Regulation (EU) 2024/1351, Art. 63(3)) are triggered by Art. 63(4): relocation "
                "pledges of " + Fixed(relocations, 0) + " reach both numbers, but the relocations to implement, " +
                    Fixed(to_implement, 0) + " without the beneficiaries' pledges and the reductions granted, are "
                    "below the higher (" +
                    Fixed(higher, 0) + "); contributors take responsibility up to it, each within its fair share "
                    "(Art. 63(7))"
              : "mandatory offsets (Regulation (EU) 2024/1351, Art. 63(3)) are triggered: relocation pledges of " +
                    Fixed(relocations, 0) + " are below " + (below_floor ? Fixed(floor, 0) : "") +
                    (below_floor && below_share ? " and below " : "") +
                    (below_share ? Fixed(share_pct, 0) + " % of the reference number (" + Fixed(sixty, 0) + ")" : "") +
                    "; contributors take responsibility up to the higher of the two, each within its fair share "
                    "(Art. 63(7)). Which threshold governs a pool set below the 30 000 floor is uncertain.";
    } else {
      r.offsets = "mandatory offsets are not triggered: relocation pledges of " + Fixed(relocations, 0) +
                  " reach both 30 000 and " + Fixed(share_pct, 0) + " % of the reference number";
    }
  }
  if (r.pool.relocations.value) {
    auto floor = Param(rules.policy, "ammr.pool_floor_relocations_count", at);
    if (floor.ok() && *r.pool.relocations.value < *floor) {
      r.notes.push_back("the " + std::to_string(r.year) + " pool (" + Fixed(*r.pool.relocations.value, 0) +
                        " relocations) is below the floor of " + Fixed(*floor, 0) +
                        " that Art. 12(2) sets for the Commission's proposal: the Council act fixes the pool (Art. 57)");
    }
  }
  r.notes.push_back("fair shares use the GDP proxy named in gdp_series; they are OpenPact's computation, not the "
                    "Commission's published key");
  return r;
}

std::string SolidarityToJson(const SolidarityReport& r) {
  json out;
  out["year"] = r.year;
  out["pool"] = {{"act", "Council Implementing Decision (EU) " + r.pool.act},
                 {"relocations", OptionalNumber(r.pool.relocations.value)},
                 {"financial_eur", OptionalNumber(r.pool.financial_eur.value)},
                 {"source", r.pool.relocations.source},
                 {"legal_basis", "Regulation (EU) 2024/1351, Arts. 12 and 57"}};
  out["eur_per_relocation"] = r.eur_per_relocation;
  out["reference_key"] = {{"formula", "share = 50 % population share + 50 % GDP share (Regulation (EU) 2024/1351, "
                                      "Art. 66 and Annex I)"},
                          {"population_series", r.population_series},
                          {"gdp_series", r.gdp_series}};
  out["pressure_decision"] = r.pressure_act;
  json rows = json::array();
  for (const MemberStateShare& m : r.member_states) {
    json j = {{"code", m.code},
              {"name", m.name},
              {"takes_part", m.takes_part},
              {"participation_status", m.participation_status},
              {"population", OptionalNumber(m.population)},
              {"gdp", OptionalNumber(m.gdp)},
              {"population_share_pct", 100 * m.population_share},
              {"gdp_share_pct", 100 * m.gdp_share},
              {"fair_share_pct", 100 * m.share},
              {"fair_share_relocations", m.fair_share_relocations},
              {"fair_share_eur", m.fair_share_eur},
              {"role", m.role},
              {"pressure", m.pressure.empty() ? json() : json(m.pressure)}};
    if (m.crisis_deduction) {
      j["crisis_deduction"] = {{"applications", m.crisis_deduction->applications},
                               {"authorised_by", m.crisis_deduction->authorised_by},
                               {"legal_basis", "Regulation (EU) 2024/1359, Art. 9(4)(a), 9(5)"},
                               {"fair_share_relocations_after", OptionalNumber(m.fair_share_relocations_after_deduction)},
                               {"fair_share_eur_after", OptionalNumber(m.fair_share_eur_after_deduction)},
                               {"left_for_later_cycles", OptionalNumber(m.deduction_left_for_later_cycles)}};
    }
    if (m.pledge) {
      j["pledge"] = {{"relocations", m.pledge->relocations},
                     {"financial_eur", m.pledge->financial_eur},
                     {"alternative_eur", m.pledge->alternative_eur},
                     {"pct_of_fair_share", OptionalNumber(m.pledge_pct_of_fair_share)},
                     {"relocations_accepted", OptionalNumber(m.pledge->relocations_accepted)},
                     {"relocations_reduced", OptionalNumber(m.pledge->relocations_reduced)},
                     {"unexecuted_relocations", OptionalNumber(m.unexecuted_relocations)},
                     {"may_offer_offsets", m.may_offer_offsets ? json(*m.may_offer_offsets) : json()},
                     {"offset_cap_relocations_only", OptionalNumber(m.offset_cap_relocations_only)},
                     {"offset_cap_all_pledges", OptionalNumber(m.offset_cap_all_pledges)}};
    }
    rows.push_back(j);
  }
  out["member_states"] = rows;
  out["offsets"] = r.offsets;
  out["voluntary_offsets"] = r.voluntary_offsets;
  if (r.pledged_relocations_total) out["pledged_relocations_total"] = *r.pledged_relocations_total;
  if (!r.year_end_offsets.empty()) out["year_end_offsets"] = r.year_end_offsets;
  if (r.offsets_due) out["offsets_due"] = *r.offsets_due;
  out["missing_inputs"] = r.missing_inputs;
  out["notes"] = r.notes;
  return out.dump(2);
}

std::string SolidarityToCsv(const SolidarityReport& r) {
  std::string out =
      "code,name,takes_part,participation_status,population,gdp,population_share_pct,gdp_share_pct,fair_share_pct,"
      "fair_share_relocations,fair_share_eur,role,pressure,pledged_relocations,pledged_financial_eur,"
      "pledged_alternative_eur,relocations_accepted,unexecuted_relocations,offset_cap_relocations_only,"
      "offset_cap_all_pledges,crisis_deduction_applications,fair_share_relocations_after_deduction\n";
  for (const MemberStateShare& m : r.member_states) {
    out += m.code + ",\"" + m.name + "\"," + (m.takes_part ? "1" : "0") + "," + m.participation_status + "," +
           (m.population ? Fixed(*m.population, 0) : "") + "," + (m.gdp ? Fixed(*m.gdp, 0) : "") + "," +
           Fixed(100 * m.population_share, 4) + "," + Fixed(100 * m.gdp_share, 4) + "," + Fixed(100 * m.share, 4) +
           "," + Fixed(m.fair_share_relocations, 1) + "," + Fixed(m.fair_share_eur, 0) + "," + m.role + "," +
           m.pressure + "," + (m.pledge ? Fixed(m.pledge->relocations, 0) : "") + "," +
           (m.pledge ? Fixed(m.pledge->financial_eur, 0) : "") + "," +
           (m.pledge ? Fixed(m.pledge->alternative_eur, 0) : "") + "," +
           (m.pledge && m.pledge->relocations_accepted ? Fixed(*m.pledge->relocations_accepted, 0) : "") + "," +
           (m.unexecuted_relocations ? Fixed(*m.unexecuted_relocations, 0) : "") + "," +
           (m.offset_cap_relocations_only ? Fixed(*m.offset_cap_relocations_only, 1) : "") + "," +
           (m.offset_cap_all_pledges ? Fixed(*m.offset_cap_all_pledges, 1) : "") + "," +
           (m.crisis_deduction ? Fixed(m.crisis_deduction->applications, 0) : "") + "," +
           (m.fair_share_relocations_after_deduction ? Fixed(*m.fair_share_relocations_after_deduction, 1) : "") + "\n";
  }
  return out;
}

std::string SolidarityToText(const SolidarityReport& r) {
  std::string out = "Solidarity pool " + std::to_string(r.year) + " (Council Implementing Decision (EU) " + r.pool.act +
                    "): " + (r.pool.relocations.value ? Fixed(*r.pool.relocations.value, 0) : "?") + " relocations, EUR " +
                    (r.pool.financial_eur.value ? Fixed(*r.pool.financial_eur.value, 0) : "?") + "\n";
  out += "Reference key: 50 % population + 50 % GDP (AMMR Art. 66, Annex I)\n  population: " + r.population_series +
         "\n  GDP: " + r.gdp_series + "\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-4s %-12s %8s %8s %8s %12s %15s  %s\n", "MS", "name", "pop %", "GDP %", "share %",
                "relocations", "EUR", "role");
  out += line;
  for (const MemberStateShare& m : r.member_states) {
    std::snprintf(line, sizeof line, "%-4s %-12.12s %8.3f %8.3f %8.3f %12.1f %15.0f  %s\n", m.code.c_str(), m.name.c_str(),
                  100 * m.population_share, 100 * m.gdp_share, 100 * m.share, m.fair_share_relocations,
                  m.fair_share_eur, m.role.c_str());
    out += line;
  }
  out += "\nOffsets: " + r.offsets + "\n";
  out += "Offsets instead of relocations: " + r.voluntary_offsets + "\n";
  if (!r.year_end_offsets.empty()) out += "Year-end offsets: " + r.year_end_offsets + "\n";
  if (!r.missing_inputs.empty()) out += "Missing inputs: " + Join(r.missing_inputs) + "\n";
  for (const std::string& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

// ---- Capacity ----

const CapacityRow* FindCapacity(const CapacityReport& r, const std::string& member_state) {
  for (const CapacityRow& row : r.member_states) {
    if (row.code == member_state) return &row;
  }
  return nullptr;
}

CapacityInForce CapacityCountedOn(const CapacityReport& r, const std::string& member_state) {
  const CapacityRow* row = FindCapacity(r, member_state);
  if (row == nullptr) return {};
  if (!r.act_due_is_first) {
    return {std::nullopt, "not known: the implementing act due on " + r.act_due.adopted_on.ToString() + " (" +
                              r.acts_basis + ") is not in the reference data"};
  }
  return {row->published_capacity, row->source};
}

std::optional<double> PublishedCapacity(const ReferenceData& ref, const rules::RulesData& rules,
                                        const std::string& member_state, Date on) {
  auto report = ComputeCapacity(ref, rules, on);
  if (!report.ok()) return std::nullopt;
  return CapacityCountedOn(*report, member_state).capacity;
}

namespace {

// APR Art. 47(5) (read in the Italian text): "Il primo di tali atti di esecuzione ... è adottato
// dalla Commissione il 12 agosto 2024 e successivamente il 15 ottobre ogni tre anni", and each
// Member State has the adequate capacity in place within six months of the second and every later
// act, the first's before 12 June 2026.
Status ImplementingActs(const rules::RulesData& rules, Date at, CapacityReport* r) {
  OP_ASSIGN_OR_RETURN(Date first, rules.policy.DateAt("apr.adequate_capacity_first_act_date", at));
  const rules::Parameter* interval_row = nullptr;
  OP_ASSIGN_OR_RETURN(Period interval, rules.policy.PeriodAt("apr.adequate_capacity_act_interval", at, &interval_row));
  OP_ASSIGN_OR_RETURN(Date first_in_place, rules.policy.DateAt("apr.adequate_capacity_first_in_place_date", at));
  OP_ASSIGN_OR_RETURN(Period in_place, rules.policy.PeriodAt("apr.adequate_capacity_in_place", at));
  if (interval.unit != PeriodUnit::kYears || interval.amount < 1) {
    return Status::FailedPrecondition("policy: apr.adequate_capacity_act_interval must be in years (" + interval_row->where + ")");
  }
  // The k-th later act (k >= 1): 15 October of the first act's year + k x the interval.
  auto later = [&](int k) { return *Date::FromYmd(first.year() + k * interval.amount, 10, 15); };
  auto with_capacity = [&](Date adopted) -> Result<CapacityReport::ImplementingAct> {
    OP_ASSIGN_OR_RETURN(Date by, AddCalendarPeriod(adopted, in_place));
    return CapacityReport::ImplementingAct{adopted, by};
  };
  int k = 0;
  while (later(k + 1) <= at) ++k;
  if (k == 0) {
    r->act_due = {first, first_in_place.AddDays(-1)};
  } else {
    OP_ASSIGN_OR_RETURN(r->act_due, with_capacity(later(k)));
  }
  r->act_due_is_first = k == 0;
  OP_ASSIGN_OR_RETURN(r->next_act_due, with_capacity(later(k + 1)));
  r->acts_basis = "Regulation (EU) 2024/1348, Art. 47(5)";
  if (k > 0) {
    r->missing_inputs.push_back("the implementing act due on " + r->act_due.adopted_on.ToString() +
                                " (Art. 47(5)) is not in the reference data: the capacities shown are those of "
                                "Implementing Decision (EU) 2024/2150 and may have been replaced");
  }
  return Status::OK();
}

}  // namespace

Result<CapacityReport> ComputeCapacity(const ReferenceData& ref, const rules::RulesData& rules, Date at) {
  CapacityReport r;
  r.at = at;
  const rules::Parameter* mult = nullptr;
  OP_ASSIGN_OR_RETURN(double m, rules.policy.NumberAt("apr.annual_maximum_multiplier", at, &mult));
  r.multiplier = static_cast<int>(m);
  r.multiplier_basis = mult->legal_basis;
  OP_ASSIGN_OR_RETURN(r.union_capacity, rules.policy.NumberAt("apr.union_adequate_capacity", at));
  r.missing_inputs = {
      "irregular crossings of the external border by Member State, 2021-2023 (Frontex; not in the reference data)",
      "arrivals after search and rescue operations by Member State, 2021-2023 (not in the reference data)"};
  r.notes.push_back("Art. 47(4): capacity = 30 000 x the Member State's share of (irregular crossings + SAR arrivals "
                    "+ refusals of entry) over 3 years; only refusals of entry are in the reference data, so no "
                    "Member State's capacity can be recomputed and no difference is shown");
  OP_RETURN_IF_ERROR(ImplementingActs(rules, at, &r));
  double published_total = 0;
  for (const Country* c : rules.countries.MemberStates()) {
    CapacityRow row;
    row.code = c->alpha3;
    row.name = c->name;
    auto pub = ref.capacity.find(c->alpha3);
    if (pub != ref.capacity.end()) {
      row.published_capacity = pub->second.adequate_capacity;
      row.published_annual_maximum = pub->second.max_year1;
      row.source = pub->second.source;
      if (!pub->second.note.empty()) row.check = pub->second.note;
    }
    if (row.published_capacity) {
      row.annual_maximum_at_date = r.multiplier * *row.published_capacity;
      published_total += *row.published_capacity;
      if (row.published_annual_maximum) {
        row.check = std::fabs(*row.published_annual_maximum - 2 * *row.published_capacity) < 0.5
                        ? "published first-year maximum = 2 x capacity, as Art. 47(1) requires"
                        : "published first-year maximum differs from 2 x capacity";
      }
    } else {
      row.missing_inputs.push_back("published adequate capacity (annex of Implementing Decision (EU) 2024/2150)");
    }
    auto refusals = ref.refusals_2021_2023.find(c->alpha3);
    if (refusals != ref.refusals_2021_2023.end()) row.refusals_2021_2023 = refusals->second.value;
    row.missing_inputs.push_back("irregular crossings 2021-2023");
    row.missing_inputs.push_back("SAR arrivals 2021-2023");
    r.member_states.push_back(row);
  }
  r.notes.push_back("published capacities found for " +
                    std::to_string(std::count_if(r.member_states.begin(), r.member_states.end(),
                                                 [](const CapacityRow& x) { return x.published_capacity.has_value(); })) +
                    " Member States, " + Fixed(published_total, 0) + " of the Union's " + Fixed(r.union_capacity, 0) +
                    " places");
  return r;
}

std::string CapacityToJson(const CapacityReport& r) {
  json out = {{"at", r.at.ToString()},
              {"union_adequate_capacity", r.union_capacity},
              {"annual_maximum_multiplier", r.multiplier},
              {"legal_basis", r.multiplier_basis}};
  json rows = json::array();
  for (const CapacityRow& x : r.member_states) {
    rows.push_back({{"code", x.code},
                    {"name", x.name},
                    {"published_adequate_capacity", OptionalNumber(x.published_capacity)},
                    {"published_first_year_maximum", OptionalNumber(x.published_annual_maximum)},
                    {"annual_maximum_at_date", OptionalNumber(x.annual_maximum_at_date)},
                    {"computed_adequate_capacity", OptionalNumber(x.computed_capacity)},
                    {"difference", OptionalNumber(x.difference)},
                    {"refusals_of_entry_2021_2023", OptionalNumber(x.refusals_2021_2023)},
                    {"check", x.check},
                    {"source", x.source},
                    {"missing_inputs", x.missing_inputs}});
  }
  out["member_states"] = rows;
  auto act = [](const CapacityReport::ImplementingAct& a) {
    return json{{"adopted_on", a.adopted_on.ToString()}, {"capacity_in_place_by", a.capacity_in_place_by.ToString()}};
  };
  json due = act(r.act_due);
  due["first"] = r.act_due_is_first;
  out["implementing_acts"] = {{"legal_basis", r.acts_basis}, {"act_due", due}, {"next_act_due", act(r.next_act_due)}};
  out["missing_inputs"] = r.missing_inputs;
  out["notes"] = r.notes;
  return out.dump(2);
}

std::string CapacityToCsv(const CapacityReport& r) {
  std::string out = "code,name,published_adequate_capacity,published_first_year_maximum,annual_maximum_at_date,"
                    "computed_adequate_capacity,difference,refusals_of_entry_2021_2023\n";
  auto opt = [](const std::optional<double>& v) { return v ? Fixed(*v, 0) : std::string(); };
  for (const CapacityRow& x : r.member_states) {
    out += x.code + ",\"" + x.name + "\"," + opt(x.published_capacity) + "," + opt(x.published_annual_maximum) + "," +
           opt(x.annual_maximum_at_date) + "," + opt(x.computed_capacity) + "," + opt(x.difference) + "," +
           opt(x.refusals_2021_2023) + "\n";
  }
  return out;
}

std::string CapacityToText(const CapacityReport& r) {
  std::string out = "Border-procedure capacity on " + r.at.ToString() + " (Union: " + Fixed(r.union_capacity, 0) +
                    " places; annual maximum = " + std::to_string(r.multiplier) + " x capacity, " + r.multiplier_basis +
                    ")\n\n";
  char line[200];
  std::snprintf(line, sizeof line, "%-4s %-14s %10s %12s %12s %14s\n", "MS", "name", "capacity", "annual max",
                "computed", "refusals 21-23");
  out += line;
  auto opt = [](const std::optional<double>& v) { return v ? Fixed(*v, 0) : std::string("-"); };
  for (const CapacityRow& x : r.member_states) {
    std::snprintf(line, sizeof line, "%-4s %-14.14s %10s %12s %12s %14s\n", x.code.c_str(), x.name.c_str(),
                  opt(x.published_capacity).c_str(), opt(x.annual_maximum_at_date).c_str(),
                  opt(x.computed_capacity).c_str(), opt(x.refusals_2021_2023).c_str());
    out += line;
  }
  out += "\nImplementing acts (" + r.acts_basis + "): " +
         (r.act_due_is_first ? "the first, adopted " : "one due ") + r.act_due.adopted_on.ToString() +
         ", its capacity in place by " + r.act_due.capacity_in_place_by.ToString() + "; the next due " +
         r.next_act_due.adopted_on.ToString() + ", its capacity in place by " +
         r.next_act_due.capacity_in_place_by.ToString() + "\n";
  out += "\nMissing inputs: " + Join(r.missing_inputs) + "\n";
  for (const std::string& n : r.notes) out += "Note: " + n + "\n";
  return out;
}

}  // namespace openpact::solidarity
