// Solidarity (Regulation (EU) 2024/1351, Part IV) and border-procedure capacity (Regulation (EU)
// 2024/1348, Arts. 46-47) on published figures.
//
// Fair share (Art. 66, Annex I): share = 50 % population share + 50 % GDP share, over the Member
// States taking part in the solidarity mechanism (policy data: member_state_settings.csv). Every
// report names its input series, shows every input, and lists the inputs it lacked: a missing
// figure is never filled in.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "rules/procedure.h"
#include "solidarity/reference.h"

namespace openpact::solidarity {

struct Pledge {
  double relocations = 0;
  double financial_eur = 0;
  double alternative_eur = 0;
};

struct SolidarityOptions {
  int year = 2026;
  double eur_per_relocation = 20000;  // AMMR Art. 12(2)-(3): EUR 600 m / 30 000 (configurable)
  std::map<std::string, Pledge> pledges;  // alpha-3 -> pledge, from --pledges (empty = missing)
};

struct MemberStateShare {
  std::string code, name;
  bool takes_part = true;
  std::string participation_status;  // in_force | uncertain (policy data)
  std::optional<double> population, gdp;
  double population_share = 0, gdp_share = 0, share = 0;  // fractions of the participants' totals
  double fair_share_relocations = 0, fair_share_eur = 0;
  std::string role;        // beneficiary | may_request_deduction | contributor | not_taking_part
  std::string pressure;    // under_migratory_pressure | significant_migratory_situation | at_risk | ""
  std::optional<Pledge> pledge;
  std::optional<double> pledge_pct_of_fair_share;
};

struct SolidarityReport {
  int year = 0;
  PoolFigures pool;
  double eur_per_relocation = 0;
  std::string population_series, gdp_series, pressure_act;
  std::vector<MemberStateShare> member_states;
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
  // Art. 63: offsets, when pledges are given.
  std::optional<double> pledged_relocations_total;
  std::string offsets;  // one sentence: triggered or not, and why
};

Result<SolidarityReport> ComputeSolidarity(const ReferenceData& ref, const rules::RulesData& rules,
                                           const SolidarityOptions& options);
std::string SolidarityToJson(const SolidarityReport& r);
std::string SolidarityToCsv(const SolidarityReport& r);
std::string SolidarityToText(const SolidarityReport& r);

// ---- Adequate capacity (APR Arts. 46-47) ----

struct CapacityRow {
  std::string code, name;
  std::optional<double> published_capacity;  // Implementing Decision (EU) 2024/2150
  std::optional<double> published_annual_maximum;
  std::optional<double> annual_maximum_at_date;  // multiplier(at) x published capacity
  std::optional<double> computed_capacity;       // Art. 47(4), when every input exists
  std::optional<double> difference;              // computed - published
  std::optional<double> refusals_2021_2023;
  std::string source;
  std::vector<std::string> missing_inputs;
  std::string check;  // consistency of the published maximum with Art. 47(1)
};

struct CapacityReport {
  Date at;
  int multiplier = 0;  // 2, 3 or 4 (Art. 47(1))
  std::string multiplier_basis;
  double union_capacity = 30000;  // Art. 46
  std::vector<CapacityRow> member_states;
  std::vector<std::string> missing_inputs;
  std::vector<std::string> notes;
};

Result<CapacityReport> ComputeCapacity(const ReferenceData& ref, const rules::RulesData& rules, Date at);
// `member_state`'s row of the report (alpha-3); nullptr when it has none.
const CapacityRow* FindCapacity(const CapacityReport& r, const std::string& member_state);
std::string CapacityToJson(const CapacityReport& r);
std::string CapacityToCsv(const CapacityReport& r);
std::string CapacityToText(const CapacityReport& r);

// Reads a pledges CSV: member_state,relocations,financial_eur,alternative_eur.
Result<std::map<std::string, Pledge>> LoadPledges(const std::string& path, const CountryRegistry& countries);

}  // namespace openpact::solidarity
