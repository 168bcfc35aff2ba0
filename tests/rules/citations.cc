#include "rules/citations.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace openpact::testing {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The text of paragraph `p` of an article ("p. ..." up to the next numbered paragraph), or of its
// numbered point "p)" when it has no such paragraph (a definitions article); "" if neither exists.
std::string Paragraph(const std::string& article, int p) {
  static const std::regex kParagraph(R"(^\s*(\d+)\.(\s.*)?)");
  static const std::regex kNumberedPoint(R"(^\s*(\d+)\)(\s.*)?)");
  for (const std::regex* numbering : {&kParagraph, &kNumberedPoint}) {
    std::string out;
    bool inside = false;
    for (const std::string& line : Lines(article)) {
      std::smatch m;
      if (std::regex_match(line, m, *numbering)) {
        if (inside) return out;
        inside = std::stoi(m[1]) == p;
      }
      if (inside) out += line + "\n";
    }
    if (inside) return out;
  }
  return "";
}

}  // namespace

LawTexts::LawTexts(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  static const std::regex kFile(R"(reg-(\d{4})-(\d{4})\.txt)");
  static const std::regex kHeading(R"(^Articolo (\d+)\s*$)");
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::smatch name;
    const std::string file = entry.path().filename().string();
    if (!std::regex_match(file, name, kFile)) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    // Articles come in order (1, 2, ...); a line "Articolo N" out of that order is a
    // cross-reference inside another article.
    std::map<int, std::string>& articles = acts_[name[1].str() + "/" + name[2].str()];
    int expected = 1, current = 0;
    for (const std::string& line : Lines(text.str())) {
      std::smatch m;
      if (std::regex_match(line, m, kHeading) && std::stoi(m[1]) == expected) {
        current = expected++;
        continue;
      }
      if (current != 0) articles[current] += line + "\n";
    }
  }
}

const LawTexts& LawTexts::Shared() {
  static const LawTexts* texts = new LawTexts(std::string(OPENPACT_SOURCE_DIR) + "/../shared/spec/law-it");
  return *texts;
}

std::vector<std::string> LawTexts::Problems(const std::string& text, size_t* checked) const {
  // "Regulation (EU) 2024/1348, Art. 42(1)(e)", or the short names the documentation uses ("APR
  // Art. 43(4)", "Eurodac Art. 40(1)").
  static const std::regex kCitation(
      R"((?:(?:Regulation|Directive|Reg\.|Dir\.) \(EU\) (\d{4}/\d{4})|(APR|AMMR|RCD|QR|RBPR|URF|Screening Regulation|)"
      R"(Screening Reg\.|Eurodac|Crisis Regulation)),? Arts?\. (\d+)(?:\((\d+)\))?(?:\(([a-z])\))?)");
  static const std::map<std::string, std::string> kShortNames = {
      {"APR", "2024/1348"}, {"AMMR", "2024/1351"}, {"RCD", "2024/1346"}, {"QR", "2024/1347"},
      {"RBPR", "2024/1349"}, {"URF", "2024/1350"}, {"Screening Regulation", "2024/1356"},
      {"Screening Reg.", "2024/1356"}, {"Eurodac", "2024/1358"}, {"Crisis Regulation", "2024/1359"}};
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kCitation); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    const std::string act_number = m[1].matched ? m[1].str() : kShortNames.at(m[2].str());
    auto act = acts_.find(act_number);
    if (act == acts_.end()) continue;  // an act whose text is not here (Reg. 1182/71, 2016/679, ...)
    if (checked != nullptr) ++*checked;
    const std::string cited = m[0], number = m[3], paragraph_number = m[4], point = m[5];
    auto article = act->second.find(std::stoi(number));
    if (article == act->second.end()) {
      out.push_back(cited + ": the act has no Art. " + number);
      continue;
    }
    if (paragraph_number.empty()) continue;
    const std::string paragraph = Paragraph(article->second, std::stoi(paragraph_number));
    if (paragraph.empty()) {
      out.push_back(cited + ": Art. " + number + " has no paragraph (" + paragraph_number + ")");
      continue;
    }
    // A point is a line "c)" of its own ("(c)" in a few places of the Italian text, AMMR Art. 36(1)).
    if (!point.empty() && !std::regex_search(paragraph, std::regex("(^|\\n)\\s*\\(?" + point + "\\)\\s*(\\n|$)"))) {
      out.push_back(cited + ": Art. " + number + "(" + paragraph_number + ") has no point (" + point + ")");
    }
  }
  return out;
}

std::string LawTexts::Text(const std::string& act, int article, int paragraph) const {
  auto a = acts_.find(act);
  if (a == acts_.end()) return "";
  auto art = a->second.find(article);
  if (art == a->second.end()) return "";
  return paragraph > 0 ? Paragraph(art->second, paragraph) : art->second;
}

namespace {

// Italian number words, as the texts write the small numbers of time limits and multipliers.
const std::map<int, std::vector<std::string>>& NumberWords() {
  static const std::map<int, std::vector<std::string>> kWords = {
      {1, {"un", "uno", "una"}}, {2, {"due"}},       {3, {"tre"}},          {4, {"quattro"}},
      {5, {"cinque"}},           {6, {"sei"}},       {7, {"sette"}},        {8, {"otto"}},
      {9, {"nove"}},             {10, {"dieci"}},    {11, {"undici"}},      {12, {"dodici"}},
      {14, {"quattordici"}},     {15, {"quindici"}}, {18, {"diciotto"}},    {20, {"venti"}},
      {21, {"ventuno", "ventun"}}, {30, {"trenta"}}, {48, {"quarantotto"}}, {72, {"settantadue"}},
      {90, {"novanta"}}};
  return kWords;
}

}  // namespace

bool LawTexts::StatesNumber(const std::string& text, long long value, const std::string& id) {
  auto ends_with = [&](const char* suffix) {
    const std::string s = suffix;
    return id.size() >= s.size() && id.compare(id.size() - s.size(), s.size(), s) == 0;
  };
  std::vector<std::string> forms;  // regular expressions, one of which the text must hold
  if (ends_with("_pct")) {
    forms.push_back(std::to_string(value) + "\\s?%");
  } else if (ends_with("_multiplier")) {
    auto words = NumberWords().find(static_cast<int>(value));
    if (words != NumberWords().end()) {
      for (const std::string& w : words->second) forms.push_back("(^|[^a-z])" + w + " volte");
    }
  } else {
    std::string grouped = std::to_string(value);
    for (int at = static_cast<int>(grouped.size()) - 3; at > 0; at -= 3) grouped.insert(static_cast<size_t>(at), " ");
    forms.push_back("(^|[^0-9])" + grouped + "($|[^0-9])");
    if (value % 1000000 == 0) forms.push_back("(^|[^0-9])" + std::to_string(value / 1000000) + " milioni");
    // A count may be written out ("non più di trenta minori", Screening Art. 13(5)).
    auto words = NumberWords().find(static_cast<int>(value));
    if (ends_with("_count") && words != NumberWords().end()) {
      for (const std::string& w : words->second) forms.push_back("(^|[^a-z])" + w + "($|[^a-z])");
    }
  }
  for (const std::string& form : forms) {
    if (std::regex_search(text, std::regex(form))) return true;
  }
  return false;
}

bool LawTexts::StatesPeriod(const std::string& text, int amount, const std::string& unit) {
  const auto& kWords = NumberWords();
  static const std::map<std::string, std::vector<std::string>> kUnits = {
      {"days", {"giorn"}},   {"working_days", {"giorni lavorativi", "giorni feriali"}},
      {"weeks", {"settiman"}}, {"months", {"mes"}}, {"years", {"ann"}}, {"hours", {"ore"}}};
  auto unit_stems = kUnits.find(unit);
  if (unit_stems == kUnits.end()) return false;
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  std::vector<std::string> spellings = {std::to_string(amount)};
  if (auto w = kWords.find(amount); w != kWords.end()) spellings.insert(spellings.end(), w->second.begin(), w->second.end());
  for (const std::string& number : spellings) {
    for (const std::string& stem : unit_stems->second) {
      // The number as a word of its own, then the unit within 25 characters of the same sentence.
      const std::regex said("(^|[^a-z0-9])" + number + "[^a-z0-9][^.;]{0,25}?" + stem);
      if (std::regex_search(lower, said)) return true;
    }
  }
  return false;
}

}  // namespace openpact::testing
