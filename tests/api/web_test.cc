#include "api/web.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "api/server.h"
#include "test_util.h"

namespace openpact::api {
namespace {

std::string Asset(const std::string& path) {
  for (const WebAsset& a : WebAssets()) {
    if (path == a.path) return std::string(a.body);
  }
  ADD_FAILURE() << "no asset " << path;
  return {};
}

std::string SourceFile(const std::string& name) {
  std::ifstream in(testing::DataDir() + "/../web/" + name);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The binary serves the files of web/ as they are.
TEST(Dashboard, TheBinaryHoldsTheFilesOfWeb) {
  EXPECT_EQ(Asset("/"), SourceFile("index.html"));
  EXPECT_EQ(Asset("/app.js"), SourceFile("app.js"));
  EXPECT_EQ(Asset("/style.css"), SourceFile("style.css"));
  EXPECT_FALSE(Asset("/app.js").empty());
}

// Every API path the dashboard calls is a route of the server: a literal "/v1/..." ending in "/"
// is followed by an id, so a route continuing it with {id} must exist.
TEST(Dashboard, CallsOnlyRoutesTheServerHas) {
  std::set<std::string> routes;
  for (const RouteInfo& r : Server::Routes()) routes.insert(r.path);
  const std::string code = Asset("/app.js") + Asset("/");
  const std::regex literal(R"(['"](/v1/[A-Za-z0-9_./-]*|/healthz)['"?])");
  int calls = 0;
  for (auto it = std::sregex_iterator(code.begin(), code.end(), literal); it != std::sregex_iterator(); ++it) {
    const std::string path = (*it)[1];
    ++calls;
    if (path.back() == '/') {
      bool continued = false;
      for (const std::string& r : routes) continued |= r.rfind(path + "{id}", 0) == 0;
      EXPECT_TRUE(continued) << path;
    } else {
      EXPECT_TRUE(routes.count(path)) << path;
    }
  }
  EXPECT_GE(calls, 12);  // the regex found the calls
}

// Every element the script looks up by id is in the page.
TEST(Dashboard, EveryElementTheScriptUsesIsInThePage) {
  const std::string js = Asset("/app.js"), html = Asset("/");
  const std::regex lookup(R"(\$\('([A-Za-z0-9_-]+)'\))");
  const std::regex form(R"(onSubmit\('([A-Za-z0-9_-]+)', '([A-Za-z0-9_-]+)')");
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(js.begin(), js.end(), lookup); it != std::sregex_iterator(); ++it) ids.insert((*it)[1]);
  for (auto it = std::sregex_iterator(js.begin(), js.end(), form); it != std::sregex_iterator(); ++it) {
    ids.insert((*it)[1]);
    ids.insert((*it)[2]);
  }
  EXPECT_GE(ids.size(), 20u);
  for (const std::string& id : ids) EXPECT_NE(html.find("id=\"" + id + "\""), std::string::npos) << id;
}

// Data reach the page as text, never as markup, and nothing runs inline: what the
// Content-Security-Policy the server sends relies on.
TEST(Dashboard, NoMarkupFromDataAndNoInlineScript) {
  const std::string js = Asset("/app.js"), html = Asset("/");
  for (const char* unsafe : {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"}) {
    EXPECT_EQ(js.find(unsafe), std::string::npos) << unsafe;
  }
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(std::regex_search(html, std::regex(R"(\son[a-z]+=)")), false);  // onclick= and the like
  EXPECT_EQ(html.find("style=\""), std::string::npos);
  EXPECT_EQ(js.find("localStorage"), std::string::npos);  // the token lives in the tab's session only
}

}  // namespace
}  // namespace openpact::api
