// Citations of the Pact acts ("Regulation (EU) 2024/1348, Art. 42(1)(e)") checked against their
// official text (shared/spec/law-it/, Italian version): the article cited exists, and so do the
// paragraph and the point. A definitions article's numbered points ("9)") stand for paragraphs,
// as "Art. 3(9)" cites them. Only the first reference after "Art." or "Arts." is checked.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace openpact::testing {

class LawTexts {
 public:
  // The texts of the acts in `dir` (files reg-YYYY-NNNN.txt); none when the folder is absent.
  explicit LawTexts(const std::string& dir);
  // The project's copy beside the checkout (../shared/spec/law-it), read once.
  static const LawTexts& Shared();
  bool available() const { return !acts_.empty(); }
  // One message per citation in `text` of an act held here that its text does not have; `checked`
  // (if given) is increased by the number of citations checked.
  std::vector<std::string> Problems(const std::string& text, size_t* checked = nullptr) const;
  // The text of Art. `article` of act "YYYY/NNNN", only paragraph (or numbered point) `paragraph`
  // when it is above 0; "" when the text does not have it.
  std::string Text(const std::string& act, int article, int paragraph = 0) const;
  // Whether `text` states a period of `amount` `unit` ("days", "working_days", "weeks", "months",
  // "years", "hours"), as the Italian text writes one: the number in figures or words ("cinque",
  // "dodici", ...) shortly before the unit ("giorni", "giorni lavorativi", "settimane", "mesi",
  // "anni", "ore") in one sentence.
  static bool StatesPeriod(const std::string& text, int amount, const std::string& unit);
  // Whether `text` states the number `value` as a policy parameter `id` holds it: a share
  // ("..._pct") as "20 %", a multiplier ("..._multiplier") in words before "volte" ("due volte"),
  // any other number in figures grouped by thousands ("30 000") or in millions ("600 milioni").
  static bool StatesNumber(const std::string& text, long long value, const std::string& id);

 private:
  std::map<std::string, std::map<int, std::string>> acts_;  // "2024/1348" -> article -> its text
};

}  // namespace openpact::testing
