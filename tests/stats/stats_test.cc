// Expected values computed by hand from data/reference/frontex_ibc_by_route_monthly.csv and the
// policy data, not by the code under test.
#include "stats/stats.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <set>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "test_util.h"

namespace openpact::stats {
namespace {

using json = nlohmann::json;

const rules::RulesData& Rules() { return testing::SharedRules(); }
const solidarity::ReferenceData& Ref() {
  static const solidarity::ReferenceData* r =
      new solidarity::ReferenceData(std::move(*solidarity::ReferenceData::Load(testing::DataDir(), Rules().countries)));
  return *r;
}

TEST(Month, ParseAndFormat) {
  EXPECT_EQ(Month::Parse("2025-04", "m")->ToString(), "2025-04");
  EXPECT_EQ(Month::Parse("2025-13", "--to").status().field(), "--to");
  EXPECT_FALSE(Month::Parse("2025-4", "m").ok());
}

TEST(Trend, SlopeAndChangePoint) {
  EXPECT_DOUBLE_EQ(LeastSquaresSlope({1, 2, 3, 4}), 1.0);
  EXPECT_DOUBLE_EQ(LeastSquaresSlope({5, 5, 5}), 0.0);
  auto cp = FindChangePoint({10, 12, 9, 11, 10, 50, 52, 49, 51, 50});
  ASSERT_TRUE(cp.has_value());
  EXPECT_EQ(cp->index, 5u);
  EXPECT_NEAR(cp->mean_before, 10.4, 1e-9);
  EXPECT_NEAR(cp->mean_after, 50.4, 1e-9);
  EXPECT_GT(cp->statistic, 3.0);
  auto flat = FindChangePoint({10, 12, 9, 11, 10, 12, 9, 11, 10, 12});
  ASSERT_TRUE(flat.has_value());
  EXPECT_LT(flat->statistic, 3.0);
  EXPECT_FALSE(FindChangePoint({1, 2, 3}).has_value());
}

TEST(Routes, PeriodTotalsSharesAndChanges) {
  // Central Mediterranean: Jan-Apr 2025 = 15,820; Jan-Apr 2024 = 16,205; Sep-Dec 2024 = 24,752.
  // All routes: Jan-Apr 2025 = 50,226; Jan-Apr 2024 = 63,900.
  auto r = ComputeRoutes(testing::DataDir(), *Month::Parse("2025-01", ""), *Month::Parse("2025-04", ""));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->months.size(), 4u);
  EXPECT_EQ(r->total.total, 50226);
  EXPECT_NEAR(*r->total.year_on_year_pct, 100.0 * (50226 - 63900) / 63900, 1e-9);
  const RouteStats* cm = nullptr;
  for (const auto& s : r->routes) {
    if (s.route == "central_mediterranean_route") cm = &s;
  }
  ASSERT_NE(cm, nullptr);
  EXPECT_EQ(cm->total, 15820);
  EXPECT_NEAR(cm->share_pct, 100.0 * 15820 / 50226, 1e-9);
  EXPECT_EQ(*cm->same_period_last_year, 16205);
  EXPECT_NEAR(*cm->year_on_year_pct, 100.0 * (15820 - 16205) / 16205, 1e-9);
  EXPECT_EQ(*cm->previous_period, 24752);
  EXPECT_EQ(r->routes.front().route, "central_mediterranean_route");  // largest first
  double shares = 0;
  for (const auto& s : r->routes) shares += s.share_pct;
  EXPECT_NEAR(shares, 100.0, 1e-9);
}

TEST(Routes, MissingComparisonsAreReportedNotFilled) {
  // The data start in January 2023: no year-on-year comparison for 2023.
  auto r = ComputeRoutes(testing::DataDir(), *Month::Parse("2023-01", ""), *Month::Parse("2023-06", ""));
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->total.year_on_year_pct.has_value());
  EXPECT_EQ(r->missing_inputs.size(), 2u);
  auto outside = ComputeRoutes(testing::DataDir(), *Month::Parse("2025-01", ""), *Month::Parse("2025-12", ""));
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.status().field(), "--to");
  EXPECT_FALSE(ComputeRoutes(testing::DataDir(), *Month::Parse("2025-04", ""), *Month::Parse("2025-01", "")).ok());
}

TEST(LowRecognition, ListForAYearWithItsSources) {
  LowRecognitionReport r = ComputeLowRecognition(Rules(), 2024);
  std::set<std::string> below, above;
  for (const auto& e : r.at_or_below) below.insert(e.nationality);
  for (const auto& e : r.above) above.insert(e.nationality);
  // 2024 figures: BGD 3.9 %, VEN 4 % (EUAA), MAR <= 7.4 %, COL <= 7 % (Eurostat bounds);
  // AFG 63 %, SYR 90 %, UKR 80 % above; IRQ (<= 35 %) and RUS (<= 24.4 %) undecided.
  EXPECT_EQ(below, (std::set<std::string>{"BGD", "COL", "MAR", "VEN"}));
  EXPECT_EQ(above, (std::set<std::string>{"AFG", "SYR", "UKR"}));
  bool iraq = false;
  for (const auto& m : r.missing_inputs) iraq |= m.rfind("Iraq", 0) == 0;
  EXPECT_TRUE(iraq);
  EXPECT_EQ(r.threshold_pct, 20);
  for (const auto& e : r.at_or_below) EXPECT_FALSE(e.source.empty());
}

TEST(LowRecognition, ThePolicyFileIsExactlyWhatTheDerivationWrites) {
  auto rows = DeriveRecognitionRates(testing::DataDir() + "/reference/recognition_rates_by_citizenship.csv");
  ASSERT_TRUE(rows.ok());
  std::ifstream in(testing::DataDir() + "/policy/recognition_rates.csv");
  std::string shipped((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(shipped, RecognitionRatesPolicyCsv(*rows))
      << "regenerate with: openpact stats low-recognition --year 2024 --write-policy data/policy/recognition_rates.csv";
  // Never a rate that includes national humanitarian status (Eurostat's headline 89 % for Venezuela).
  for (const RateRow& r : *rows) EXPECT_NE(r.rate_pct, "89") << r.nationality;
}

class Simulation : public ::testing::Test {
 protected:
  Result<SimulationReport> Run(const std::string& csv, uint64_t seed = 1, int year = 2026) {
    std::ofstream(dir_.File("a.csv")) << csv;
    SimulationOptions o;
    o.seed = seed;
    o.year = year;
    return Simulate(dir_.File("a.csv"), Rules(), Ref(), o);
  }
  static const MemberStateSimulation& Ms(const SimulationReport& r, const std::string& code) {
    for (const auto& m : r.member_states) {
      if (m.code == code) return m;
    }
    static MemberStateSimulation none;
    return none;
  }
  testing::TempDir dir_;
};

TEST_F(Simulation, RoutesEachApplicantThroughTheEngine) {
  auto r = Run("month,member_state,nationality,arrivals,context\n"
               "2026-07,ITA,MAR,10,sar_disembarkation\n"        // 42(1)(j): mandatory border procedure
               "2026-07,ITA,SYR,5,sar_disembarkation\n"         // no ground: regular
               "2026-08,GRC,PAK,4,in_territory\n"               // 42(1)(j) in the territory: accelerated
               "2026-08,ITA,TUN,3,\n");                         // default context (apprehension), SCO: optional
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->applicants, 22);
  const auto& ita = Ms(*r, "ITA");
  EXPECT_EQ(ita.applicants, 18);
  EXPECT_EQ(ita.border, 13);
  EXPECT_EQ(ita.border_mandatory, 10);
  EXPECT_EQ(ita.border_optional, 3);
  EXPECT_EQ(ita.regular, 5);
  EXPECT_EQ(*ita.adequate_capacity, 8016);
  EXPECT_EQ(*ita.annual_maximum, 16032);
  EXPECT_EQ(ita.peak_in_border_procedure, 13);
  EXPECT_EQ(ita.solidarity_role, "beneficiary");
  const auto& grc = Ms(*r, "GRC");
  EXPECT_EQ(grc.accelerated, 4);
  EXPECT_EQ(grc.border, 0);
}

TEST_F(Simulation, AdequateCapacityRelievesThe20PercentCasesOnceReached) {
  // Spain: 3,301 places (Implementing Decision (EU) 2024/2150). 4,000 Pakistani applicants (12 %,
  // 42(1)(j) only) apprehended in July: no place frees up within July (12 weeks), so the first
  // 3,301 enter the border procedure and the other 699 are relieved by Art. 48 (accelerated).
  auto r = Run("month,member_state,nationality,arrivals,context\n2026-07,ESP,PAK,4000,apprehended_irregular_crossing\n");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& esp = Ms(*r, "ESP");
  EXPECT_EQ(esp.border, 3301);
  EXPECT_EQ(esp.accelerated, 699);
  EXPECT_EQ(esp.relieved_by_capacity, 699);
  EXPECT_EQ(esp.peak_in_border_procedure, 3301);
  EXPECT_FALSE(esp.first_day_at_capacity.empty());
}

TEST_F(Simulation, DeterministicForASeed) {
  const std::string csv = "month,member_state,nationality,arrivals\n2026-09,ESP,MAR,5000\n2026-10,ESP,PAK,3000\n";
  auto a = Run(csv, 42), b = Run(csv, 42);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(SimulationToJson(*a), SimulationToJson(*b));
}

// APR Art. 47(5): a scenario reaching past 15 October 2027 keeps the first act's capacities and says
// that the act due then is missing; one before it says nothing of the kind.
TEST_F(Simulation, ALaterImplementingActIsAMissingInput) {
  auto missing = [](const SimulationReport& r) {
    for (const auto& m : r.missing_inputs) {
      if (m.find("APR Art. 47(5)") != std::string::npos) return m;
    }
    return std::string();
  };
  auto early = Run("month,member_state,nationality,arrivals\n2027-09,ITA,MAR,3\n", 1, 2027);
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_TRUE(missing(*early).empty());
  auto late = Run("month,member_state,nationality,arrivals\n2027-09,ITA,MAR,3\n2027-11,ITA,MAR,3\n", 1, 2027);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_NE(missing(*late).find("due on 2027-10-15"), std::string::npos) << missing(*late);
  EXPECT_EQ(*Ms(*late, "ITA").adequate_capacity, 8016);
}

TEST_F(Simulation, ArrivalsBeforeTheAprAreNotRouted) {
  auto r = Run("month,member_state,nationality,arrivals\n2026-05,ITA,MAR,7\n2026-07,ITA,MAR,2\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ms(*r, "ITA").applicants, 2);
  EXPECT_NE(r->notes[0].find("7 applicants arrived before"), std::string::npos) << r->notes[0];
}

TEST_F(Simulation, BadScenarioRowsNameFileLineAndColumn) {
  struct {
    const char* row;
    const char* column;
  } cases[] = {{"2027-01,ITA,MAR,5", "month"},     {"2026-07,NOR,MAR,5", "member_state"},
               {"2026-07,ITA,XYZ,5", "nationality"}, {"2026-07,ITA,FRA,5", "nationality"},
               {"2026-07,ITA,MAR,-3", "arrivals"},   {"2026-07,ITA,MAR,lots", "arrivals"}};
  for (const auto& c : cases) {
    auto r = Run(std::string("month,member_state,nationality,arrivals\n") + c.row + "\n");
    ASSERT_FALSE(r.ok()) << c.row;
    EXPECT_NE(r.status().field().find(std::string(":2: column '") + c.column + "'"), std::string::npos)
        << r.status().ToString();
  }
}

// The situation picture (AMMR Art. 9(3)(a)). Expected values read by hand from
// data/reference/asylum_applicants_by_member_state.csv (Greece 2024: 73,655; 2023: 64,185; the 27
// rows sum to 996,875 in 2024, the published EU27 total is 997,785), population.csv (Greece on
// 1 January 2024: 10,397,200), asylum_applicants_by_citizenship_eu27.csv and the others named.
const MemberStateIndicators* StateIn(const IndicatorsReport& r, const std::string& code) {
  for (const auto& m : r.member_states) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

TEST(Indicators, ApplicantsPerMemberStateAgainstPopulationAndTheKey) {
  auto r = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2024, 10);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r->applicants_published, 997785);
  EXPECT_EQ(r->applicants_member_states, 996875);
  EXPECT_EQ(*r->irregular_crossings, 240021);  // frontex_ibc_by_route_annual.csv, TOTAL 2024
  ASSERT_FALSE(r->member_states.empty());
  EXPECT_EQ(r->member_states.front().code, "DEU");  // most applicants first
  const auto* grc = StateIn(*r, "GRC");
  ASSERT_NE(grc, nullptr);
  EXPECT_TRUE(grc->member_state);
  EXPECT_EQ(*grc->applicants, 73655);
  EXPECT_EQ(*grc->applicants_previous_year, 64185);
  EXPECT_NEAR(*grc->change_pct, 100.0 * (73655 - 64185) / 64185, 1e-9);
  EXPECT_NEAR(*grc->per_1000_inhabitants, 1000.0 * 73655 / 10397200, 1e-9);
  EXPECT_NEAR(*grc->share_pct, 100.0 * 73655 / 996875, 1e-9);
  EXPECT_EQ(grc->pressure, "under_migratory_pressure");  // migratory_pressure_2025.csv
  // The key's share is the solidarity report's, and the ratio is applicants over the key's part.
  auto key = solidarity::ComputeSolidarity(Ref(), Rules(), {});
  ASSERT_TRUE(key.ok());
  double participants = 0, key_sum = 0, share_sum = 0;
  for (const auto& m : r->member_states) {
    if (m.share_pct) share_sum += *m.share_pct;
    if (m.key_share_pct) {
      key_sum += *m.key_share_pct;
      participants += *m.applicants;
    }
  }
  EXPECT_NEAR(share_sum, 100, 1e-9);
  EXPECT_NEAR(key_sum, 100, 1e-9);
  for (const auto& s : key->member_states) {
    if (s.code != "GRC") continue;
    EXPECT_NEAR(*grc->key_share_pct, 100 * s.share, 1e-12);
    EXPECT_NEAR(*grc->relative_to_key, 73655 / (s.share * participants), 1e-9);
  }
  // Denmark takes no part in the solidarity mechanism: no key share, but its applicants count.
  const auto* dnk = StateIn(*r, "DNK");
  ASSERT_NE(dnk, nullptr);
  EXPECT_FALSE(dnk->key_share_pct.has_value());
  EXPECT_EQ(*dnk->applicants, 2270);
  // Associated States are listed apart from the Member States' shares; Montenegro is left out.
  const auto* che = StateIn(*r, "CHE");
  ASSERT_NE(che, nullptr);
  EXPECT_FALSE(che->member_state);
  EXPECT_EQ(*che->applicants, 27650);
  EXPECT_FALSE(che->share_pct.has_value());
  EXPECT_EQ(StateIn(*r, "MNE"), nullptr);
  bool noted = false;
  for (const auto& n : r->notes) noted = noted || n.find("MNE") != std::string::npos;
  EXPECT_TRUE(noted);
  // Temporary protection: the latest published figure (temporary_protection.csv, 31 January 2026).
  const auto* deu = StateIn(*r, "DEU");
  ASSERT_TRUE(deu->temporary_protection.has_value());
  EXPECT_EQ(deu->temporary_protection->period, "2026-01-31");
  EXPECT_EQ(*deu->temporary_protection->value, 1260000);
  EXPECT_FALSE(deu->refusals_of_entry.has_value());  // migr_eirfs rows end in 2023
}

TEST(Indicators, CitizenshipsWithTheYearsRecognitionRate) {
  auto r = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2024, 3);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->citizenships.size(), 3u);
  EXPECT_EQ(r->citizenships[0].code, "SYR");
  EXPECT_EQ(r->citizenships[0].applicants, 153405);
  EXPECT_NEAR(r->citizenships[0].share_pct, 100.0 * 153405 / 997785, 1e-9);  // the rows sum to 997,785
  EXPECT_NEAR(*r->citizenships[0].change_pct, 100.0 * (153405 - 186390) / 186390, 1e-9);
  EXPECT_EQ(r->citizenships[1].code, "AFG");
  EXPECT_EQ(r->citizenships[2].code, "VEN");
  // Venezuela 2024: 4 % (EUAA, refugee + subsidiary protection), at or below the 20 % of Art. 42(1)(j).
  EXPECT_EQ(*r->citizenships[2].recognition_rate_pct, 4);
  EXPECT_TRUE(*r->citizenships[2].at_or_below_threshold);
  EXPECT_FALSE(*r->citizenships[0].at_or_below_threshold);
}

TEST(Indicators, PublishedRowsGoToTheirPointAndGapsAreListed) {
  auto r = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2023, 10);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // Refusals of entry exist for 2023 (Greece: 7,270).
  EXPECT_EQ(*StateIn(*r, "GRC")->refusals_of_entry, 7270);
  // Dublin 2023 (dublin_2023.csv): Germany's outgoing requests (x) and transfers (xi); Italy's
  // decisions on incoming requests are Dublin figures (x), not asylum decisions (iv).
  auto figure = [&](const std::string& code, const std::string& metric) -> const PublishedFigure* {
    for (const auto& f : StateIn(*r, code)->figures) {
      if (f.metric == metric) return &f;
    }
    return nullptr;
  };
  ASSERT_NE(figure("DEU", "outgoing Dublin requests"), nullptr);
  EXPECT_EQ(figure("DEU", "outgoing Dublin requests")->point, "x");
  EXPECT_EQ(*figure("DEU", "outgoing transfers")->value, 5049);
  EXPECT_EQ(figure("DEU", "outgoing transfers")->point, "xi");
  EXPECT_EQ(figure("ITA", "decisions on incoming requests")->point, "x");
  std::map<std::string, std::string> union_points;
  for (const auto& f : r->union_figures) union_points[f.metric] = f.point;
  EXPECT_EQ(union_points["first instance decisions"], "iv");
  EXPECT_EQ(union_points["incoming take-back requests (approx.)"], "x");
  EXPECT_EQ(union_points["resettled persons"], "viii");
  auto listed = [](const IndicatorsReport& rep, const std::string& start) {
    for (const auto& m : rep.missing_inputs) {
      if (m.rfind(start, 0) == 0) return m;
    }
    return std::string();
  };
  EXPECT_NE(listed(*r, "(x)-(xi)").find("main Member States only"), std::string::npos);
  EXPECT_FALSE(listed(*r, "(v) reception capacity").empty());
  EXPECT_TRUE(listed(*r, "(xiv)").empty());
  auto r2022 = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2022, 10);
  ASSERT_TRUE(r2022.ok());
  EXPECT_NE(listed(*r2022, "(x)-(xi)").find("no figures for 2022"), std::string::npos);
  EXPECT_FALSE(StateIn(*r2022, "DEU")->change_pct.has_value());  // no 2021 column
  auto r2024 = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2024, 10);
  ASSERT_TRUE(r2024.ok());
  EXPECT_NE(listed(*r2024, "(xiv)").find("no figures for 2024"), std::string::npos);
}

TEST(Indicators, AYearWithoutFiguresOrABadTopIsRefusedNamingTheOption) {
  auto r = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2025, 10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "--year");
  EXPECT_NE(r.status().message().find("2022, 2023, 2024"), std::string::npos) << r.status().message();
  auto top = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2024, 0);
  ASSERT_FALSE(top.ok());
  EXPECT_EQ(top.status().field(), "--top");
}

TEST(Indicators, JsonAndCsvCarryEveryState) {
  auto r = ComputeIndicators(testing::DataDir(), Rules(), Ref(), 2024, 5);
  ASSERT_TRUE(r.ok());
  const json j = json::parse(IndicatorsToJson(*r));
  EXPECT_EQ(j["year"], 2024);
  EXPECT_EQ(j["member_states"].size(), r->member_states.size());
  EXPECT_EQ(j["citizenships"].size(), 5u);
  EXPECT_TRUE(j["member_states"][0]["key_share_pct"].is_number());
  auto csv = CsvTable::Parse(IndicatorsToCsv(*r), "csv");
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_EQ(csv->size(), r->member_states.size());
  EXPECT_EQ(csv->row(0)[0], "DEU");
  EXPECT_EQ(csv->row(0)[3], "250570");
  const std::string text = IndicatorsToText(*r);
  EXPECT_NE(text.find("Missing: (v) reception capacity"), std::string::npos);
}

// Every published figure carries its source: each `source` (or `*_source`) value of each file in
// data/reference/ is an ID that SOURCES.md explains, and a row without one says it is missing.
TEST(ReferenceData, EveryFigureNamesADocumentedSource) {
  const std::filesystem::path dir = std::filesystem::path(testing::DataDir()) / "reference";
  auto sources = ReadFileToString((dir / "SOURCES.md").string());
  ASSERT_TRUE(sources.ok());
  std::set<std::string> ids;
  std::istringstream lines(*sources);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("| ", 0) != 0) continue;
    const size_t end = line.find(" |", 2);
    if (end != std::string::npos) ids.insert(line.substr(2, end - 2));
  }
  ASSERT_GT(ids.size(), 50u);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".csv") continue;
    ++files;
    auto t = CsvTable::ReadFile(entry.path().string());
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    std::vector<size_t> source_columns;
    for (size_t c = 0; c < t->header().size(); ++c) {
      const std::string& h = t->header()[c];
      if (h == "source" || (h.size() > 7 && h.compare(h.size() - 7, 7, "_source") == 0)) source_columns.push_back(c);
    }
    ASSERT_FALSE(source_columns.empty()) << entry.path() << " has no source column";
    const auto status = t->Column("status");
    for (size_t i = 0; i < t->size(); ++i) {
      for (size_t c : source_columns) {
        const std::string& id = t->row(i)[c];
        if (id.empty()) {
          ASSERT_TRUE(status.ok()) << t->Where(i, t->header()[c]) << ": no source and no status";
          EXPECT_EQ(t->row(i)[*status].rfind("missing", 0), 0u) << t->Where(i, t->header()[c]) << ": a figure without a source";
        } else {
          EXPECT_TRUE(ids.count(id)) << t->Where(i, t->header()[c]) << ": source '" << id << "' not in SOURCES.md";
        }
      }
    }
  }
  EXPECT_GE(files, 16);
}

TEST(Svg, ChartsAreWellFormedAndEscaped) {
  const std::string bar = BarChartSvg("A & B", {"x<y", "z"}, {1, 2}, "%", "src \"q\"");
  EXPECT_EQ(bar.rfind("<svg", 0), 0u);
  EXPECT_NE(bar.find("A &amp; B"), std::string::npos);
  EXPECT_NE(bar.find("x&lt;y"), std::string::npos);
  EXPECT_EQ(bar.find("x<y"), std::string::npos);
  EXPECT_NE(bar.find("</svg>"), std::string::npos);
  const std::string line = LineChartSvg("t", {"2025-01", "2025-02"}, {{"route", {1, 3}}}, "n", "s");
  EXPECT_NE(line.find("<polyline"), std::string::npos);
  EXPECT_NE(line.find(">route<"), std::string::npos);
}

}  // namespace
}  // namespace openpact::stats
