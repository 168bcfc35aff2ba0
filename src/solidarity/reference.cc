#include "solidarity/reference.h"

#include <charconv>
#include <filesystem>

#include "core/csv.h"

namespace openpact::solidarity {
namespace {

std::optional<double> Number(const std::string& s) {
  if (s.empty()) return std::nullopt;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::vector<std::string> SplitCodes(const std::string& s, const CountryRegistry& countries) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    const std::string code = GeoToAlpha3(s.substr(start, end - start), countries);
    if (!code.empty()) out.push_back(code);
    start = end + 1;
  }
  return out;
}

// Reads a column by name for row i.
struct Table {
  CsvTable t;
  Result<std::string> Get(size_t i, std::string_view column) const {
    OP_ASSIGN_OR_RETURN(size_t c, t.Column(column));
    return t.row(i)[c];
  }
};

Result<Table> Read(const std::string& dir, const char* name) {
  OP_ASSIGN_OR_RETURN(CsvTable t, CsvTable::ReadFile(dir + "/" + name));
  return Table{std::move(t)};
}

}  // namespace

std::string GeoToAlpha3(const std::string& geo, const CountryRegistry& countries) {
  if (geo == "EL") return "GRC";
  if (geo.size() == 3 && countries.Find(geo) != nullptr) return geo;
  for (const Country* c : countries.MemberStates()) {
    if (c->alpha2 == geo) return c->alpha3;
  }
  return "";
}

Result<ReferenceData> ReferenceData::Load(const std::string& data_dir, const CountryRegistry& countries) {
  const std::string dir = data_dir + "/reference";
  ReferenceData r;
  {
    OP_ASSIGN_OR_RETURN(Table t, Read(dir, "population.csv"));
    for (size_t i = 0; i < t.t.size(); ++i) {
      OP_ASSIGN_OR_RETURN(std::string date, t.Get(i, "reference_date"));
      if (date != "2024-01-01") continue;
      OP_ASSIGN_OR_RETURN(std::string geo, t.Get(i, "geo"));
      const std::string code = GeoToAlpha3(geo, countries);
      if (code.empty() || !countries.Find(code)->eu_member_state) continue;
      OP_ASSIGN_OR_RETURN(std::string v, t.Get(i, "population"));
      OP_ASSIGN_OR_RETURN(std::string src, t.Get(i, "source"));
      r.population[code] = Sourced{Number(v), src, ""};
    }
    r.population_series = "Eurostat population on 1 January 2024 (EUROSTAT_POP_2024_RELEASE; rounded to 100)";
  }
  {
    OP_ASSIGN_OR_RETURN(Table t, Read(dir, "gdp.csv"));
    for (size_t i = 0; i < t.t.size(); ++i) {
      OP_ASSIGN_OR_RETURN(std::string code, t.Get(i, "iso3"));
      if (countries.Find(code) == nullptr || !countries.Find(code)->eu_member_state) continue;
      OP_ASSIGN_OR_RETURN(std::string v, t.Get(i, "gdp_usd_2023"));
      OP_ASSIGN_OR_RETURN(std::string src, t.Get(i, "gdp_usd_source"));
      r.gdp[code] = Sourced{Number(v), src, ""};
    }
    r.gdp_series = "World Bank GDP, current US$, 2023 (WORLDBANK_WDI_GDIDATA): a proxy, because Eurostat GDP "
                   "in EUR (nama_10_gdp, which Art. 66 names) is missing from the reference data";
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("solidarity_pool_", 0) != 0 || entry.path().extension() != ".csv") continue;
    PoolFigures pool;
    pool.year = std::atoi(name.substr(16, 4).c_str());
    OP_ASSIGN_OR_RETURN(Table t, Read(dir, name.c_str()));
    for (size_t i = 0; i < t.t.size(); ++i) {
      OP_ASSIGN_OR_RETURN(std::string item, t.Get(i, "item"));
      OP_ASSIGN_OR_RETURN(std::string value, t.Get(i, "value"));
      OP_ASSIGN_OR_RETURN(std::string status, t.Get(i, "status"));
      OP_ASSIGN_OR_RETURN(std::string src, t.Get(i, "source"));
      OP_ASSIGN_OR_RETURN(std::string note, t.Get(i, "note"));
      if (item.rfind("Council Implementing Decision establishing", 0) == 0) pool.act = value;
      if (item.rfind("reference number relocations", 0) == 0) pool.relocations = {Number(value), src, note};
      if (item.rfind("reference number financial contributions", 0) == 0) pool.financial_eur = {Number(value), src, note};
      if (item.rfind("financial contribution per non-relocated person", 0) == 0) {
        pool.eur_per_relocation = {Number(value), src, note};
      }
      if (item.rfind("AMMR minimum relocations per year (Commission proposal level)", 0) == 0) {
        pool.proposal_relocations = {Number(value), src, note};
      }
      if (item.rfind("beneficiaries", 0) == 0) pool.beneficiaries = SplitCodes(value, countries);
      if (item.rfind("may request full/partial deduction", 0) == 0) {
        pool.deduction_candidates = SplitCodes(value, countries);
      }
      if (status == "missing") pool.missing.push_back(item);
    }
    r.pools[pool.year] = pool;
  }
  {
    OP_ASSIGN_OR_RETURN(Table t, Read(dir, "migratory_pressure_2025.csv"));
    for (size_t i = 0; i < t.t.size(); ++i) {
      OP_ASSIGN_OR_RETURN(std::string geo, t.Get(i, "geo"));
      const std::string code = GeoToAlpha3(geo, countries);
      if (code.empty()) continue;
      PressureStatus p;
      p.under_pressure = *t.Get(i, "under_migratory_pressure") == "1";
      p.at_risk = *t.Get(i, "at_risk_of_migratory_pressure") == "1";
      p.significant_situation = *t.Get(i, "significant_migratory_situation") == "1";
      p.reference_period = *t.Get(i, "reference_period");
      p.source = *t.Get(i, "source");
      r.pressure[code] = p;
    }
    r.pressure_act = "Commission Implementing Decision (EU) 2025/2323 (Regulation (EU) 2024/1351, Art. 11)";
  }
  {
    OP_ASSIGN_OR_RETURN(Table t, Read(dir, "border_procedure_adequate_capacity.csv"));
    for (size_t i = 0; i < t.t.size(); ++i) {
      OP_ASSIGN_OR_RETURN(std::string geo, t.Get(i, "geo"));
      const std::string code = geo == "EU" ? "EU" : GeoToAlpha3(geo, countries);
      if (code.empty()) continue;
      PublishedCapacity c;
      c.adequate_capacity = Number(*t.Get(i, "adequate_capacity"));
      c.max_year1 = Number(*t.Get(i, "max_applications_year1"));
      c.max_year2 = Number(*t.Get(i, "max_applications_year2"));
      c.status = *t.Get(i, "status");
      c.source = *t.Get(i, "source");
      c.note = *t.Get(i, "note");
      r.capacity[code] = c;
    }
  }
  {
    OP_ASSIGN_OR_RETURN(Table t, Read(dir, "refusals_of_entry_by_member_state.csv"));
    for (size_t i = 0; i < t.t.size(); ++i) {
      if (*t.Get(i, "period") != "2021-2023") continue;
      const std::string code = GeoToAlpha3(*t.Get(i, "geo"), countries);
      if (code.empty()) continue;
      r.refusals_2021_2023[code] = Sourced{Number(*t.Get(i, "refused_entry_persons")), *t.Get(i, "source"), ""};
    }
  }
  return r;
}

}  // namespace openpact::solidarity
