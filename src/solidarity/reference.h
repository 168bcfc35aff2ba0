// The published figures the planning tools read (data/reference/*.csv), keyed by ISO alpha-3.
// A value that is missing in the source stays missing (std::nullopt), and the loader keeps the
// source ID of each value so reports can cite it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/countries.h"
#include "core/status.h"

namespace openpact::solidarity {

struct Sourced {
  std::optional<double> value;
  std::string source;  // source ID (data/reference/SOURCES.md)
  std::string note;
};

struct PoolFigures {
  int year = 0;
  std::string act;             // "2025/2642"
  Sourced relocations;         // reference number of relocations
  Sourced financial_eur;       // reference number of financial contributions
  Sourced eur_per_relocation;  // as reported
  Sourced proposal_relocations;  // relocations in the Commission's proposal (AMMR Art. 12), as reported
  std::vector<std::string> beneficiaries;             // alpha-3, under migratory pressure
  std::vector<std::string> deduction_candidates;      // alpha-3, significant migratory situation
  std::vector<std::string> missing;                   // items the source marks missing
};

struct PressureStatus {
  bool under_pressure = false;
  bool at_risk = false;
  bool significant_situation = false;
  std::string reference_period;
  std::string source;
};

struct PublishedCapacity {
  std::optional<double> adequate_capacity;
  std::optional<double> max_year1;
  std::optional<double> max_year2;
  std::string status;
  std::string source;
  std::string note;
};

struct ReferenceData {
  std::map<std::string, Sourced> population;       // 1 Jan 2024, Eurostat
  std::string population_series;
  std::map<std::string, Sourced> gdp;              // World Bank current US$ 2023 (proxy)
  std::string gdp_series;
  std::map<int, PoolFigures> pools;                // by year
  std::map<std::string, PressureStatus> pressure;  // Implementing Decision (EU) 2025/2323
  std::string pressure_act;
  std::map<std::string, PublishedCapacity> capacity;  // Implementing Decision (EU) 2024/2150
  std::map<std::string, Sourced> refusals_2021_2023;  // Eurostat migr_eirfs, summed

  // Loads data_dir/reference/.
  static Result<ReferenceData> Load(const std::string& data_dir, const CountryRegistry& countries);
};

// Eurostat's two-letter geo code ("EL" for Greece) as ISO alpha-3, or "" if unknown.
std::string GeoToAlpha3(const std::string& geo, const CountryRegistry& countries);

}  // namespace openpact::solidarity
