#include "api/server.h"

#include <gtest/gtest.h>

#include <fstream>

#include <atomic>
#include <chrono>
#include <map>
#include <filesystem>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>
#include <sstream>
#include <thread>
#include <tuple>

#include "api/openapi.h"
#include "auth/auth.h"
#include "cases/screening_store.h"
#include "core/crypto.h"
#include "core/version.h"
#include "registry/registry.h"
#include "rules/procedure.h"
#include "store/store.h"
#include "test_util.h"

namespace openpact::api {
namespace {

using json = nlohmann::json;

// A successful answer of a route whose OpenAPI document names its schema follows that schema;
// `described`: the route must name one.
void ExpectAnswerFollowsItsSchema(const RouteInfo& r, const httplib::Response& res, bool described = false) {
  const json& doc = testing::ApiDocument();
  std::string method = r.method;
  for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const json& responses = doc["paths"][r.path][method]["responses"];
  const std::string status = std::to_string(res.status);
  const bool named = responses.contains(status) && responses[status]["content"].contains("application/json") &&
                     responses[status]["content"]["application/json"]["schema"].contains("$ref");
  EXPECT_TRUE(named || !described) << r.method << " " << r.path << " " << status << ": no schema named";
  if (!named) return;
  const json& schema = responses[status]["content"]["application/json"]["schema"];
  for (const std::string& v : testing::OpenApiViolations(doc, schema, json::parse(res.body))) {
    ADD_FAILURE() << r.method << " " << r.path << " answer departs from " << schema["$ref"] << ": " << v;
  }
}

// The contract's responsibility example, with a Eurodac hit (shared/spec/case-documents.md).
// examples/return-border-case.json: rejected as unfounded in Italy's border procedure on 1 October.
constexpr const char* kReturnBorderCase = R"JSON({"decision_date": "2026-11-30", "member_state": "ITA",
    "person": {"nationality": "TUN", "date_of_birth": "1998-04-02"},
    "rejection": {"decided_on": "2026-10-01", "notified_on": "2026-10-02", "procedure": "border", "ground": "unfounded"},
    "appeal": {"lodged_on": "2026-10-06",
               "leave_to_remain": {"requested_on": "2026-10-06", "decided_on": "2026-10-14", "granted": false}},
    "detained_during_border_procedure": true, "detained_on": "2026-10-01", "voluntary_departure_requested": true})JSON";
// Detained on Monday 28 September 2026 by an administrative order, not yet reviewed.
constexpr const char* kReceptionCase = R"JSON({"decision_date": "2026-10-05", "member_state": "ITA",
    "applicant": {"nationality": "AFG", "date_of_birth": "1995-03-02"},
    "application": {"made_on": "2026-09-07", "registered_on": "2026-09-10", "lodged_on": "2026-09-24"},
    "detention": {"started_on": "2026-09-28", "ordered_by": "administrative"}})JSON";
// A refugee in Germany: granted Tuesday 1 September 2026, notified Thursday 3 September, nothing issued yet.
constexpr const char* kProtectionDocumentsCase = R"JSON({"decision_date": "2026-09-10", "member_state": "DEU",
    "nationality": "SYR", "protection": {"status": "refugee", "granted_on": "2026-09-01", "notified_on": "2026-09-03"}})JSON";
// A relocation (AMMR Art. 67): Germany received Italy's information on Thu 1 Oct 2026 and
// confirmed on Tue 6 Oct.
constexpr const char* kRelocationCase = R"({"decision_date": "2026-10-20", "member_state": "ITA",
    "relocation_member_state": "DEU", "person": "applicant", "information_received_on": "2026-10-01",
    "reply": {"on": "2026-10-06", "outcome": "confirmed"}})";
// A Ukrainian child who left Ukraine on 2 March 2022 (examples/temporary-protection-case.json).
constexpr const char* kTemporaryProtectionCase = R"({"decision_date": "2026-11-30", "member_state": "POL",
    "person": {"nationality": "UKR", "date_of_birth": "2012-05-14", "displaced_on": "2022-03-02",
               "resided_in_ukraine": true}})";
// Staying illegally in Germany; the return decision notified on 20 October 2026 granted 30 days
// (examples/return-case.json).
constexpr const char* kReturnCase = R"({"decision_date": "2026-11-10", "member_state": "DEU",
    "person": {"nationality": "GEO", "date_of_birth": "1991-04-12"}, "illegal_stay_since": "2026-10-12",
    "return_decision_notified_on": "2026-10-20", "voluntary_departure": {"granted_days": 30}})";
// Registered for resettlement to the Netherlands on Monday 16 March 2026, no conclusion yet.
constexpr const char* kAdmissionCase = R"JSON({"decision_date": "2026-06-01", "member_state": "NLD",
    "nationality": "SDN", "admission": "resettlement", "registered_on": "2026-03-16"})JSON";
constexpr const char* kResponsibilityCase = R"({"decision_date": "2026-09-01", "member_state": "DEU",
    "registered_on": "2026-08-20", "applicant": {"nationality": "AFG", "date_of_birth": "1990-01-01"},
    "family": [{"relation": "spouse", "member_state": "FRA", "status": "beneficiary",
                "family_existed_in_country_of_origin": true, "wish_in_writing": true}],
    "eurodac_hits": [{"category": "irregular_crosser", "member_state": "ITA", "date": "2026-07-01"}]})";

constexpr const char* kCase = R"({"decision_date": "2026-07-15", "member_state": "ITA",
  "applicant": {"nationality": "MAR"},
  "application": {"made_on": "2026-07-10", "registered_on": "2026-07-11", "lodged_on": "2026-07-14",
                  "context": "in_territory"}})";

// A case the procedure decision routes to the border procedure (Art. 42(1)(j), mandatory under
// Art. 45(1)): what POST /v1/border-procedures opens a file for.
constexpr const char* kBorderCase = R"({"decision_date": "2026-07-15", "member_state": "ITA",
  "applicant": {"nationality": "PAK", "date_of_birth": "1995-03-02"},
  "application": {"made_on": "2026-07-10", "registered_on": "2026-07-11", "lodged_on": "2026-07-14",
                  "context": "border_crossing_point", "after_screening": true}})";

// Starts a server on a free port with one token per role.
class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::Init().ok());
    {
      auto s = store::Store::Open(dir_.File("api.db"));
      ASSERT_TRUE(s.ok());
      ASSERT_TRUE((*s)->Migrate().ok());
      auth::TokenStore tokens(s->get());
      for (auth::Role r : auth::AllRoles()) {
        auto t = tokens.Create(std::string(auth::RoleName(r)) + "-token", r, "test");
        ASSERT_TRUE(t.ok());
        tokens_[r] = t->first;
      }
    }
    auto server = Server::Create(Options("api.db", 0));
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    ASSERT_TRUE(server_->Bind().ok());
    thread_ = std::thread([this] { (void)server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  }
  // The options of a server on the store `db` in the test's folder (port 0: any free port).
  ServerOptions Options(const std::string& db, int port) {
    ServerOptions o;
    o.port = port;
    o.db_url = dir_.File(db);
    o.audit_key_path = dir_.File("audit.key");
    o.data_dir = testing::DataDir();
    return o;
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
  }

  // POSTs `body` as JSON with headers `h`; an answer is expected (a refusal included).
  httplib::Result PostJson(const std::string& path, const std::string& body, const httplib::Headers& h) {
    auto res = client_->Post(path.c_str(), h, body, "application/json");
    EXPECT_TRUE(res) << path;
    return res;
  }

  httplib::Result Call(const RouteInfo& r, const std::string& token) {
    httplib::Headers h;
    if (!token.empty()) h.emplace("Authorization", "Bearer " + token);
    std::string path = r.path;
    if (const size_t at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, "edc-0000000000000000");
    if (r.method == "DELETE") return client_->Delete(path.c_str(), h);
    if (r.method == "POST" && path != r.path) return client_->Post(path.c_str(), h, "{}", "application/json");
    // Each decision route with a case it decides.
    static const std::map<std::string, const char*> kCases = {
        {"/v1/decisions/procedure", kCase},
        {"/v1/decisions/responsibility", kResponsibilityCase},
        {"/v1/decisions/return-border", kReturnBorderCase},
        {"/v1/decisions/reception", kReceptionCase},
        {"/v1/decisions/admission", kAdmissionCase},
        {"/v1/decisions/relocation", kRelocationCase},
        {"/v1/decisions/temporary-protection", kTemporaryProtectionCase},
        {"/v1/decisions/return", kReturnCase},
        {"/v1/decisions/protection-documents", kProtectionDocumentsCase},
        {"/v1/border-procedures", kBorderCase},
        {"/v1/responsibility-files", kResponsibilityCase}};
    if (auto kase = kCases.find(r.path); r.method == "POST" && kase != kCases.end()) {
      return client_->Post(r.path.c_str(), h, kase->second, "application/json");
    }
    if (r.method == "POST" && r.path == "/v1/decisions/responsibility/family") {
      const std::string family = std::string(R"({"members": [)") + kResponsibilityCase + "," + kResponsibilityCase + "]}";
      return client_->Post(r.path.c_str(), h, family, "application/json");
    }
    if (r.method == "POST" && r.path == "/v1/screenings") {
      return client_->Post(r.path.c_str(), h, R"({"member_state":"ITA","location":"in_territory","event_date":"2026-07-01"})",
                           "application/json");
    }
    if (r.method == "POST" && r.path == "/v1/planning/solidarity") {
      return client_->Post(r.path.c_str(), h, R"({"pledges":{"DEU":{"relocations":10}}})", "application/json");
    }
    if (r.method == "POST" && r.path == "/v1/planning/offset-request") {
      return client_->Post(r.path.c_str(), h, R"({"requesting":"ITA","requested":"DEU","applications":100})",
                           "application/json");
    }
    if (r.method == "POST" && r.path == "/v1/planning/crisis-offsets") {
      return client_->Post(r.path.c_str(), h, R"({"member_state":"GRC","relocation_needs":100,"relocations_committed":10})",
                           "application/json");
    }
    // A place designated, then its notification (the routes come in that order).
    if (r.method == "POST" && r.path == "/v1/border-places") {
      return client_->Post(r.path.c_str(), h,
                           R"({"member_state":"ITA","place":"Pozzallo","change":"designated","effective_on":"2026-06-12","capacity":5})",
                           "application/json");
    }
    if (r.method == "POST" && r.path == "/v1/border-places/notified") {
      return client_->Post(r.path.c_str(), h,
                           R"({"member_state":"ITA","place":"Pozzallo","effective_on":"2026-06-12","notified_on":"2026-04-01"})",
                           "application/json");
    }
    if (r.method == "POST") {
      return client_->Post(r.path.c_str(), h, R"({"name":"x","role":"analyst"})", "application/json");
    }
    // The planning routes that require their period.
    if (path == "/v1/planning/routes") path += "?from=2024-01&to=2024-12";
    if (path == "/v1/planning/low-recognition") path += "?year=2024";
    if (path == "/v1/planning/indicators") path += "?year=2024";
    if (path == "/v1/monitoring/screening" || path == "/v1/screenings" || path == "/v1/monitoring/border-procedure" ||
        path == "/v1/border-procedures" || path == "/v1/planning/border-procedure" || path == "/v1/border-places" ||
        path == "/v1/responsibility-files" || path == "/v1/planning/responsibility-files") {
      path += "?member_state=ITA";
    }
    return client_->Get(path.c_str(), h);
  }

  // How many audit entries there are of each "action outcome" (the first 1,000 entries).
  std::map<std::string, int> AuditOutcomes() {
    std::map<std::string, int> seen;
    auto res = client_->Get("/v1/audit/entries?limit=1000",
                            httplib::Headers{{"Authorization", "Bearer " + tokens_[auth::Role::kAuditor]}});
    EXPECT_TRUE(res && res->status == 200);
    if (!res || res->status != 200) return seen;
    const json log = json::parse(res->body);  // kept: a range-for over a temporary's member would dangle
    for (const auto& e : log["entries"]) seen[e["action"].get<std::string>() + " " + e["outcome"].get<std::string>()]++;
    return seen;
  }

  // What every decision endpoint does: `body` is answered (200) for the `allowed` role, and again
  // as of `at` (`?at=`); `bad` is refused with 422 naming `field`; the `denied` role gets 403; the
  // two answers and the refusal are audited under `action`. Returns the two answers.
  std::pair<json, json> ExpectDecisionEndpoint(const std::string& path, const std::string& body, const std::string& at,
                                               auth::Role allowed, const std::string& bad, const std::string& field,
                                               auth::Role denied, const std::string& action) {
    const httplib::Headers ok_token = {{"Authorization", "Bearer " + tokens_[allowed]}};
    auto answer = [&](const std::string& target) {
      auto res = client_->Post(target.c_str(), ok_token, body, "application/json");
      EXPECT_TRUE(res && res->status == 200) << target << ": " << (res ? res->body : "no answer");
      return res && res->status == 200 ? json::parse(res->body) : json();
    };
    json now = answer(path);
    json later = answer(path + "?at=" + at);
    auto refused = client_->Post(path.c_str(), ok_token, bad, "application/json");
    EXPECT_TRUE(refused && refused->status == 422) << path;
    if (refused) {
      EXPECT_EQ(json::parse(refused->body)["field"], field);
    }
    auto forbidden = client_->Post(path.c_str(), {{"Authorization", "Bearer " + tokens_[denied]}}, body,
                                   "application/json");
    EXPECT_TRUE(forbidden && forbidden->status == 403) << path;
    const auto outcomes = AuditOutcomes();
    auto count = [&](const std::string& key) { return outcomes.count(key) ? outcomes.at(key) : 0; };
    EXPECT_EQ(count(action + " ok"), 2);
    EXPECT_EQ(count(action + " invalid_argument"), 1);
    return {now, later};
  }

  // A decision's deadlines by name: their dates.
  static std::map<std::string, std::string> DeadlineDates(const json& decision) {
    std::map<std::string, std::string> dates;
    for (const json& t : decision["deadlines"]) dates[t["name"].get<std::string>()] = t["date"].get<std::string>();
    return dates;
  }

  testing::TempDir dir_;
  std::map<auth::Role, std::string> tokens_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, HealthzIsOpen) {
  auto res = client_->Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["status"], "ok");
}

TEST_F(ServerTest, TheOpenApiDocumentIsServedWithoutAToken) {
  auto res = client_->Get("/v1/openapi.json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json");
  EXPECT_EQ(res->body, OpenApiDocument(Version()));
}

// Every case schema the API's description links to is served, without a token, as the file in
// docs/schemas/ is; an unknown name is a 404 naming the field and listing the schemas.
TEST_F(ServerTest, TheCaseSchemasTheDescriptionLinksToAreServedWithoutAToken) {
  const json doc = json::parse(OpenApiDocument(Version()));
  size_t linked = 0;
  for (auto it = doc["components"]["schemas"].begin(); it != doc["components"]["schemas"].end(); ++it) {
    if (!it.value().contains("externalDocs")) continue;
    const std::string url = it.value()["externalDocs"]["url"];
    ++linked;
    auto res = client_->Get(url.c_str());
    ASSERT_TRUE(res) << url;
    ASSERT_EQ(res->status, 200) << url;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/schema+json") << url;
    std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/docs/schemas/" + url.substr(std::string("/v1/schemas/").size()));
    ASSERT_TRUE(in) << url;
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(res->body, file) << url;
    EXPECT_EQ(json::parse(res->body)["$schema"], "https://json-schema.org/draft/2020-12/schema") << url;
  }
  EXPECT_EQ(linked, 9u);
  auto missing = client_->Get("/v1/schemas/no-such.schema.json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  const json problem = json::parse(missing->body);
  EXPECT_EQ(problem["field"], "name");
  EXPECT_NE(problem["detail"].get<std::string>().find("procedure-case.schema.json"), std::string::npos);
}

// Sends `request` as raw bytes (what a conforming client never writes) and returns the server's
// answer, or "" if it could not connect.
std::string RawExchange(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return "";
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    // Until the answer is whole (headers, then Content-Length bytes): the server may keep the
    // connection open.
    auto whole = [&answer] {
      const size_t end = answer.find("\r\n\r\n");
      const size_t length = answer.find("Content-Length: ");
      return end != std::string::npos && length != std::string::npos && length < end &&
             answer.size() >= end + 4 + std::stoul(answer.substr(length + 16));
    };
    for (ssize_t n; !whole() && (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) {
      answer.append(buffer, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return answer;
}

// What the HTTP layer refuses before any route runs is a problem document that says what to fix
// (it said "request failed"): a body over the limit is a 413 that says the limit; a request line
// that is not HTTP is a 400 saying so.
TEST_F(ServerTest, RequestsRefusedBeforeRoutingSayWhy) {
  std::string body(64u << 20, ' ');
  body.front() = '{';
  body.back() = '}';
  body.push_back(' ');  // one byte over: a valid document, refused for its size alone
  auto too_big = client_->Post("/v1/decisions/procedure", {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}},
                               body, "application/json");
  ASSERT_TRUE(too_big);
  EXPECT_EQ(too_big->status, 413);
  EXPECT_EQ(too_big->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(json::parse(too_big->body)["detail"], "the body is larger than the 64 MiB the server accepts");
  const std::string garbage = RawExchange(server_->port(), "NOT-HTTP\r\n\r\n");
  EXPECT_EQ(garbage.rfind("HTTP/1.1 400", 0), 0u) << garbage;
  EXPECT_NE(garbage.find("could not be read"), std::string::npos) << garbage;
  auto unknown = client_->Get("/v1/no-such-route");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(json::parse(unknown->body)["detail"], "no such route: GET /v1/no-such-route");
}

TEST_F(ServerTest, TheDashboardIsServedWithAStrictContentSecurityPolicy) {
  for (const auto& [path, type] : std::vector<std::pair<std::string, std::string>>{
           {"/", "text/html"}, {"/app.js", "text/javascript"}, {"/style.css", "text/css"}}) {
    auto res = client_->Get(path.c_str());
    ASSERT_TRUE(res) << path;
    ASSERT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->get_header_value("Content-Type").rfind(type, 0), 0u) << path;
    const std::string csp = res->get_header_value("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << path;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe"), std::string::npos) << path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
  }
  auto res = client_->Get("/app.jsx");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);  // "." is not a wildcard
  res = client_->Get("/appXjs");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
}

TEST_F(ServerTest, EveryProtectedRouteRefusesMissingAndWrongTokensAsProblemJson) {
  for (const RouteInfo& r : Server::Routes()) {
    if (!r.needs_token) continue;
    SCOPED_TRACE(r.method + " " + r.path);
    for (const std::string& token : {std::string(), std::string("opk_") + std::string(64, 'a')}) {
      auto res = Call(r, token);
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 401);
      EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
      json p = json::parse(res->body);
      EXPECT_EQ(p["status"], 401);
      EXPECT_EQ(p["title"], "Unauthorized");
      EXPECT_EQ(p["instance"].get<std::string>().substr(0, r.path.find('{')), r.path.substr(0, r.path.find('{')));
    }
    int allowed = 0, denied = 0;
    for (auth::Role role : auth::AllRoles()) {
      auto res = Call(r, tokens_[role]);
      ASSERT_TRUE(res);
      if (auth::Allowed(role, r.action)) {
        ++allowed;
        if (r.path.rfind("/v1/registry/", 0) == 0 || r.path.rfind("/v1/law-enforcement/", 0) == 0 ||
            r.path.find("{id}") != std::string::npos) {
          // These requests name no record (or one that does not exist) and carry no record
          // document: refused, but past the token and the role.
          EXPECT_NE(res->status, 401) << auth::RoleName(role) << ": " << res->body;
          EXPECT_NE(res->status, 403) << auth::RoleName(role) << ": " << res->body;
        } else {
          EXPECT_LT(res->status, 400) << auth::RoleName(role) << ": " << res->body;
          ExpectAnswerFollowsItsSchema(r, *res);
        }
      } else {
        ++denied;
        EXPECT_EQ(res->status, 403) << auth::RoleName(role);
        EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
        EXPECT_NE(json::parse(res->body)["detail"].get<std::string>().find(auth::RoleName(role)),
                  std::string::npos);
      }
    }
    EXPECT_GT(allowed, 0);
    if (r.path != "/v1/version") {
      EXPECT_GT(denied, 0);  // every role may read the version
    }
  }
}

// The independent monitoring mechanism (Screening Reg. Art. 10(2)) reads its report over HTTP:
// typed as the OpenAPI document says, a seed drawing the same files, bad parameters named, a token
// bound to a Member State held to it, and every read audited.
TEST_F(ServerTest, MonitoringReportForTheRightsMonitor) {
  {
    // Screening files written beside the running server, as border guards' CLI sessions would.
    auto s = store::Store::Open(dir_.File("api.db"));
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    cases::ScreeningStore screenings(s->get(), &testing::SharedRules());
    for (const char* event : {"2026-07-01", "2026-07-02", "2026-07-20"}) {
      rules::ScreeningStart start;
      start.member_state = "ITA";
      start.location = "external_border";
      start.event_date = *Date::Parse(event);
      ASSERT_TRUE(screenings.Start(start, "test").ok());
    }
  }
  const httplib::Headers monitor = {{"Authorization", "Bearer " + tokens_[auth::Role::kRightsMonitor]}};
  const std::string path = "/v1/monitoring/screening?member_state=ITA&at=2026-07-25&sample=2&seed=9";
  auto res = client_->Get(path.c_str(), monitor);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const RouteInfo route = {"GET", "/v1/monitoring/screening", auth::Action::kScreeningMonitor, true};
  ExpectAnswerFollowsItsSchema(route, *res, true);
  const json report = json::parse(res->body);
  EXPECT_EQ(report["screenings"], 3);
  EXPECT_EQ(report["time_limit"]["open_overdue"].size(), 2u);  // 8 and 9 July have passed; 27 July has not
  EXPECT_EQ(report["sample"]["seed"], "9");
  ASSERT_EQ(report["sample"]["screenings"].size(), 2u);
  auto again = client_->Get(path.c_str(), monitor);
  ASSERT_TRUE(again);
  EXPECT_EQ(json::parse(again->body)["sample"], report["sample"]);

  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"", "member_state"}, {"?member_state=XYZ", "member_state"}, {"?member_state=ITA&at=25/07/2026", "at"},
           {"?member_state=ITA&sample=51", "sample"}, {"?member_state=ITA&seed=-1", "seed"},
           {"?member_state=ITA&from=2026-08-01&to=2026-07-01", "from"}}) {
    auto bad = client_->Get(("/v1/monitoring/screening" + query).c_str(), monitor);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 422) << query << ": " << bad->body;
    EXPECT_EQ(json::parse(bad->body)["field"], field) << query;
  }

  // A monitor of France reads France's files only.
  const httplib::Headers admin = {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}};
  auto created = client_->Post("/v1/tokens", admin, R"({"name": "fra-monitor", "role": "rights_monitor", "member_state": "FRA"})",
                               "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  const httplib::Headers france = {{"Authorization", "Bearer " + json::parse(created->body)["token"].get<std::string>()}};
  auto other = client_->Get("/v1/monitoring/screening?member_state=ITA", france);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403);
  auto own = client_->Get("/v1/monitoring/screening?member_state=FRA", france);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
  EXPECT_EQ(json::parse(own->body)["screenings"], 0);

  const auto outcomes = AuditOutcomes();
  EXPECT_EQ(outcomes.at("screening.monitor report"), 3);  // the two reads of Italy's files and France's
}

// Screening over HTTP as on the CLI: open, record, list, show, close; bad bodies named; a token
// bound to a Member State held to it; the monitor reading under its own right; all audited.
TEST_F(ServerTest, ScreeningOverHttp) {
  const httplib::Headers guard = {{"Authorization", "Bearer " + tokens_[auth::Role::kBorderGuard]}};
  auto opened = PostJson("/v1/screenings", R"({"member_state": "ITA", "location": "external_border", "event_date": "2026-07-01"})",
                     guard);
  ASSERT_EQ(opened->status, 201) << opened->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/screenings", auth::Action::kScreening, true}, *opened, true);
  const json file = json::parse(opened->body);
  EXPECT_EQ(file["must_end_on"], "2026-07-08");
  const std::string id = file["id"];

  auto checked = PostJson("/v1/screenings/" + id + "/record",
                      R"({"check": "identity", "outcome": "SYNTHETIC: declared", "on": "2026-07-02"})", guard);
  ASSERT_EQ(checked->status, 200) << checked->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/screenings/{id}/record", auth::Action::kScreening, true}, *checked, true);
  auto listed = client_->Get("/v1/screenings?member_state=ITA&at=2026-07-06", guard);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200) << listed->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/screenings", auth::Action::kScreening, true}, *listed, true);
  const json list = json::parse(listed->body);
  ASSERT_EQ(list["count"], 1);
  EXPECT_EQ(list["screenings"][0]["days_left"], 2);
  EXPECT_EQ(list["screenings"][0]["checks_missing"], json::array({"security", "health", "vulnerability", "eurodac"}));
  auto shown = client_->Get(("/v1/screenings/" + id).c_str(), guard);
  ASSERT_TRUE(shown);
  ASSERT_EQ(shown->status, 200);
  ExpectAnswerFollowsItsSchema({"GET", "/v1/screenings/{id}", auth::Action::kScreening, true}, *shown, true);

  // Bad bodies, each field named.
  for (const auto& [path, body, field] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"/v1/screenings", R"({"member_state": "ITA", "location": "external_border", "event_date": "1/7/2026"})", "event_date"},
           {"/v1/screenings", R"({"member_state": "ITA", "location": "airport", "event_date": "2026-07-01"})", "location"},
           {"/v1/screenings", R"({"member_state": "ITA", "location": "in_territory", "event_date": "2026-07-01", "x": 1})", "x"},
           {"/v1/screenings", R"({"location": "in_territory", "event_date": "2026-07-01"})", "member_state"},
           {"/v1/screenings/" + id + "/record", R"({"check": "teleport", "outcome": "x"})", "check"},
           {"/v1/screenings/" + id + "/record", R"({"check": "health"})", "outcome"},
           {"/v1/screenings/" + id + "/record", R"({"form": {"bogus": 1}})", "form.bogus"},
           {"/v1/screenings/" + id + "/record", R"({"check": "health", "outcome": "x", "on": "2025-01-01"})", "on"},
           {"/v1/screenings/" + id + "/close", R"({"referral": "teleport"})", "referral"},
           {"/v1/screenings/" + id + "/close", R"({})", "referral"}}) {
    auto bad = PostJson(path, body, guard);
    EXPECT_EQ(bad->status, 422) << body << ": " << bad->body;
    EXPECT_EQ(json::parse(bad->body)["field"], field) << body;
  }

  // Closed with the form incomplete after the limit (Art. 18(5)): then nothing more is recorded.
  auto closed = PostJson("/v1/screenings/" + id + "/close", R"({"referral": "return", "on": "2026-07-09"})", guard);
  ASSERT_EQ(closed->status, 200) << closed->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/screenings/{id}/close", auth::Action::kScreening, true}, *closed, true);
  EXPECT_EQ(json::parse(closed->body)["flags"][0]["code"], "form_incomplete_at_time_limit");
  auto after = PostJson("/v1/screenings/" + id + "/record", R"({"check": "health", "outcome": "x"})", guard);
  EXPECT_EQ(after->status, 409) << after->body;

  // A border guard of France neither opens Italy's screenings nor finds its files.
  const httplib::Headers admin = {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}};
  auto created = PostJson("/v1/tokens", R"({"name": "fra-guard", "role": "border_guard", "member_state": "FRA"})", admin);
  ASSERT_EQ(created->status, 201) << created->body;
  const httplib::Headers france = {{"Authorization", "Bearer " + json::parse(created->body)["token"].get<std::string>()}};
  EXPECT_EQ(PostJson("/v1/screenings", R"({"member_state": "ITA", "location": "in_territory", "event_date": "2026-07-01"})",
                 france)->status, 403);
  auto hidden = client_->Get(("/v1/screenings/" + id).c_str(), france);
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 404);

  // The monitor reads the file under its own right; a border guard may not use the monitor's route.
  const httplib::Headers monitor = {{"Authorization", "Bearer " + tokens_[auth::Role::kRightsMonitor]}};
  auto read = client_->Get(("/v1/monitoring/screening/" + id).c_str(), monitor);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->status, 200) << read->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/monitoring/screening/{id}", auth::Action::kScreeningMonitor, true}, *read, true);
  EXPECT_EQ(json::parse(read->body)["referral"], "return");
  auto refused = client_->Get(("/v1/monitoring/screening/" + id).c_str(), guard);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 403);

  const auto outcomes = AuditOutcomes();
  EXPECT_EQ(outcomes.at("screening start"), 1);
  EXPECT_EQ(outcomes.at("screening record"), 1);
  EXPECT_EQ(outcomes.at("screening close"), 1);
  EXPECT_EQ(outcomes.at("screening list"), 1);
  EXPECT_EQ(outcomes.at("screening show"), 1);
  EXPECT_EQ(outcomes.at("screening.monitor show"), 1);
}

// The places of the border procedure (APR Art. 54(3)) over HTTP: changes by the determining
// authority, typed answers, bad bodies named, conflicts 409, the register read as planning data
// and set against the files by the occupancy report; a token bound to another State held off.
TEST_F(ServerTest, BorderPlacesOverHttp) {
  const httplib::Headers caseworker = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  const httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  auto designated = PostJson("/v1/border-places",
                             R"({"member_state": "ITA", "place": "Lampedusa hotspot", "change": "designated",
                                 "effective_on": "2026-07-01", "capacity": 400.0})",
                             caseworker);
  ASSERT_EQ(designated->status, 201) << designated->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-places", auth::Action::kBorderProcedure, true}, *designated, true);
  json place = json::parse(designated->body);
  EXPECT_EQ(place["capacity"], 400);
  EXPECT_EQ(place["changes"][0]["notification"]["due_by"], "2026-09-01");
  EXPECT_EQ(place["changes"][0]["notification"]["state"], "due");
  auto notified = PostJson("/v1/border-places/notified",
                           R"({"member_state": "ITA", "place": "Lampedusa hotspot", "effective_on": "2026-07-01",
                               "notified_on": "2026-07-20"})",
                           caseworker);
  ASSERT_EQ(notified->status, 200) << notified->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-places/notified", auth::Action::kBorderProcedure, true}, *notified,
                               true);
  EXPECT_EQ(json::parse(notified->body)["changes"][0]["notification"]["state"], "notified");

  for (const auto& [path, body, status, field] : std::vector<std::tuple<std::string, std::string, int, std::string>>{
           {"/v1/border-places", R"({"member_state": "ITA", "place": "X", "change": "designated", "effective_on": "2026-07-01", "capacity": "400"})", 422, "capacity"},
           {"/v1/border-places", R"({"member_state": "ITA", "place": "X", "change": "designated", "effective_on": "2026-07-01", "capacity": 2.5})", 422, "capacity"},
           {"/v1/border-places", R"({"member_state": "ITA", "place": "X", "change": "designated", "capacity": 4})", 422, "effective_on"},
           {"/v1/border-places", R"({"member_state": "ITA", "place": "X", "change": "designated", "effective_on": "1/7/2026", "capacity": 4})", 422, "effective_on"},
           {"/v1/border-places", R"({"member_state": "ITA", "place": "X", "change": "opened", "effective_on": "2026-07-01", "capacity": 4})", 422, "change"},
           {"/v1/border-places", R"({"member_state": "ITA", "place": "X", "change": "designated", "effective_on": "2026-07-01", "capacity": 4, "why": 1})", 422, "why"},
           {"/v1/border-places", R"({"member_state": "XYZ", "place": "X", "change": "designated", "effective_on": "2026-07-01", "capacity": 4})", 422, "member_state"},
           {"/v1/border-places", R"({"member_state": "ITA", "place": "Lampedusa hotspot", "change": "designated", "effective_on": "2026-08-01", "capacity": 4})", 409, ""},
           {"/v1/border-places/notified", R"({"member_state": "ITA", "place": "Lampedusa hotspot", "effective_on": "2026-07-01", "notified_on": "2026-07-21"})", 409, ""},
           {"/v1/border-places/notified", R"({"member_state": "ITA", "place": "Lampedusa hotspot", "effective_on": "2026-07-02", "notified_on": "2026-07-21"})", 404, ""},
           {"/v1/border-places/notified", R"({"member_state": "ITA", "place": "Lampedusa hotspot", "effective_on": "2026-07-01"})", 422, "notified_on"}}) {
    auto bad = PostJson(path, body, caseworker);
    EXPECT_EQ(bad->status, status) << body << ": " << bad->body;
    if (!field.empty()) {
      EXPECT_EQ(json::parse(bad->body)["field"], field) << body;
    }
  }
  EXPECT_EQ(PostJson("/v1/border-places", R"({"member_state": "ITA", "place": "Lampedusa hotspot", "change": "withdrawn", "effective_on": "2026-09-01"})", analyst)->status, 403);

  auto listed = client_->Get("/v1/border-places?member_state=ITA&at=2026-08-01", analyst);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200) << listed->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/border-places", auth::Action::kPlanningRead, true}, *listed, true);
  const json l = json::parse(listed->body);
  EXPECT_EQ(l["designated"], 1);
  EXPECT_EQ(l["capacity_total"], 400);
  ASSERT_EQ(l["places"].size(), 1u);  // the refused changes stored nothing
  EXPECT_EQ(l["places"][0]["changes"].size(), 1u);
  auto bad_day = client_->Get("/v1/border-places?member_state=ITA&at=tomorrow", analyst);
  ASSERT_TRUE(bad_day);
  EXPECT_EQ(json::parse(bad_day->body)["field"], "at");

  auto occupancy = client_->Get("/v1/planning/border-procedure?member_state=ITA&at=2026-08-01", analyst);
  ASSERT_TRUE(occupancy);
  ASSERT_EQ(occupancy->status, 200) << occupancy->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/planning/border-procedure", auth::Action::kPlanningRead, true}, *occupancy,
                               true);
  const json places = json::parse(occupancy->body)["places"];
  EXPECT_EQ(places["register_kept"], true);
  EXPECT_EQ(places["capacity_total"], 400);
  EXPECT_EQ(places["capacity_total_below_adequate"], true);  // Italy's adequate capacity is 8,016

  // A token bound to Greece neither reads nor changes Italy's register.
  httplib::Headers admin = {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}};
  auto token = client_->Post("/v1/tokens", admin, R"({"name": "gr-cw", "role": "asylum_caseworker", "member_state": "GRC"})",
                             "application/json");
  ASSERT_TRUE(token);
  ASSERT_EQ(token->status, 201) << token->body;
  const httplib::Headers greek = {{"Authorization", "Bearer " + json::parse(token->body)["token"].get<std::string>()}};
  auto other = client_->Get("/v1/border-places?member_state=ITA", greek);
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 403) << other->body;
  EXPECT_EQ(PostJson("/v1/border-places", R"({"member_state": "ITA", "place": "Pozzallo", "change": "designated", "effective_on": "2026-07-01", "capacity": 4})", greek)->status, 403);
  // Audited: the changes and the refusals past the body's parsing, the reads, the bound token's.
  const auto outcomes = AuditOutcomes();
  EXPECT_EQ(outcomes.at("border_procedure record"), 1);
  EXPECT_EQ(outcomes.at("border_procedure notified"), 1);
  EXPECT_EQ(outcomes.at("border_procedure failed_precondition"), 2);
  EXPECT_EQ(outcomes.at("border_procedure not_found"), 1);
  EXPECT_EQ(outcomes.at("border_procedure permission_denied"), 2);  // the analyst's change and the Greek token's
  EXPECT_EQ(outcomes.at("planning.read list"), 1);
  EXPECT_EQ(outcomes.at("planning.read permission_denied"), 1);
}

// Border procedure files over HTTP as on the CLI: opened from a case the decision routes to the
// border procedure, events recorded, closed, read and reported on by the monitoring mechanism
// (APR Art. 43(4)); bad bodies named; a token bound to a Member State held to it; all audited.
// Responsibility files over HTTP: opened with a case, a new version recorded, the first still
// readable, the work list, the closing and the erasure, each typed as the OpenAPI document says and
// audited; bad input named by field, nothing changed by a refused request.
TEST_F(ServerTest, ResponsibilityFilesOverHttp) {
  const httplib::Headers caseworker = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  auto opened = PostJson("/v1/responsibility-files", kResponsibilityCase, caseworker);
  ASSERT_EQ(opened->status, 201) << opened->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/responsibility-files", auth::Action::kResponsibilityFile, true}, *opened,
                               true);
  const std::string id = json::parse(opened->body)["id"];
  EXPECT_EQ(json::parse(opened->body)["responsible_member_state"], "FRA");
  json later = json::parse(kResponsibilityCase);
  later["decision_date"] = "2026-09-10";
  later["take_charge_request_sent_on"] = "2026-09-05";
  auto updated = PostJson("/v1/responsibility-files/" + id + "/case", later.dump(), caseworker);
  ASSERT_EQ(updated->status, 200) << updated->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/responsibility-files/{id}/case", auth::Action::kResponsibilityFile, true},
                               *updated, true);
  EXPECT_EQ(json::parse(updated->body)["version"], 2);
  auto first = client_->Get(("/v1/responsibility-files/" + id + "?version=1").c_str(), caseworker);
  ASSERT_EQ(first->status, 200) << first->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/responsibility-files/{id}", auth::Action::kResponsibilityFile, true}, *first,
                               true);
  EXPECT_EQ(json::parse(first->body)["case"], json::parse(kResponsibilityCase));
  auto listed = client_->Get("/v1/responsibility-files?member_state=DEU&at=2026-09-12", caseworker);
  ASSERT_EQ(listed->status, 200) << listed->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/responsibility-files", auth::Action::kResponsibilityFile, true}, *listed,
                               true);
  const json list = json::parse(listed->body);
  ASSERT_EQ(list["files"].size(), 1u);
  EXPECT_EQ(list["files"][0]["time_limits"][0]["name"], "take_charge_reply");
  // The counts (AMMR Arts. 9(3)(a)(x)-(xi), 80) are planning data: the analyst reads them.
  const httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  auto counted = client_->Get("/v1/planning/responsibility-files?member_state=DEU&from=2026-09-01&to=2026-09-30", analyst);
  ASSERT_EQ(counted->status, 200) << counted->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/planning/responsibility-files", auth::Action::kPlanningRead, true}, *counted,
                               true);
  EXPECT_EQ(json::parse(counted->body)["take_charge_requests"]["by_member_state"]["FRA"], 1);
  // By the end of October France's reply (due 5 October) has passed without one: counted on France.
  auto passed = client_->Get("/v1/planning/responsibility-files?member_state=DEU&from=2026-09-01&to=2026-10-31", analyst);
  ASSERT_EQ(passed->status, 200) << passed->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/planning/responsibility-files", auth::Action::kPlanningRead, true}, *passed,
                               true);
  EXPECT_EQ(json::parse(passed->body)["time_limits_passed"]["by_limit"]["take_charge_reply"]["by_member_state"]["FRA"], 1)
      << passed->body;
  auto backwards = client_->Get("/v1/planning/responsibility-files?member_state=DEU&from=2026-10-01&to=2026-09-01", analyst);
  EXPECT_EQ(backwards->status, 422);
  EXPECT_EQ(json::parse(backwards->body)["field"], "from");
  EXPECT_EQ(client_->Get("/v1/responsibility-files?member_state=DEU", analyst)->status, 403);  // not the files

  for (const auto& [path, body, field] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"/v1/responsibility-files", R"({"decision_date": "2026-09-01"})", "member_state"},
           {"/v1/responsibility-files/" + id + "/case", R"({"decision_date": "2026-09-01", "member_state": "AUT", )"
                                                         R"("registered_on": "2026-08-20", "applicant": {"nationality": )"
                                                         R"("AFG", "date_of_birth": "1990-01-01"}})",
            "member_state"},
           {"/v1/responsibility-files/" + id + "/close", R"({"outcome": "vanished"})", "outcome"},
           {"/v1/responsibility-files/" + id + "/close", R"({"outcome": "transferred", "on": "2026-08-01"})", "on"},
           {"/v1/responsibility-files/" + id + "/erase", R"({"reason": "tidy"})", "reason"}}) {
    auto res = PostJson(path, body, caseworker);
    EXPECT_EQ(res->status, 422) << path << " " << body << ": " << res->body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << path << " " << body;
  }
  EXPECT_EQ(json::parse(client_->Get(("/v1/responsibility-files/" + id).c_str(), caseworker)->body)["version"], 2);
  auto bad_version = client_->Get(("/v1/responsibility-files/" + id + "?version=9").c_str(), caseworker);
  EXPECT_EQ(bad_version->status, 422);
  EXPECT_EQ(json::parse(bad_version->body)["field"], "version");

  auto closed = PostJson("/v1/responsibility-files/" + id + "/close", R"({"outcome": "examined_here", "on": "2026-09-12"})",
                         caseworker);
  ASSERT_EQ(closed->status, 200) << closed->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/responsibility-files/{id}/close", auth::Action::kResponsibilityFile, true},
                               *closed, true);
  EXPECT_EQ(json::parse(closed->body)["flags"][0]["code"], "decision_designates_another_state");
  EXPECT_EQ(PostJson("/v1/responsibility-files/" + id + "/case", later.dump(), caseworker)->status, 409);
  auto erased = PostJson("/v1/responsibility-files/" + id + "/erase", R"({"reason": "no_longer_needed"})", caseworker);
  ASSERT_EQ(erased->status, 200) << erased->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/responsibility-files/{id}/erase", auth::Action::kResponsibilityFile, true},
                               *erased, true);
  EXPECT_EQ(client_->Get(("/v1/responsibility-files/" + id).c_str(), caseworker)->status, 404);
  // Each step is in the audit log under the right of its role; the refusals too, by their code.
  const std::map<std::string, int> seen = AuditOutcomes();
  auto count = [&](const std::string& key) { return seen.count(key) ? seen.at(key) : 0; };
  EXPECT_EQ(count("responsibility_file open"), 1);
  EXPECT_EQ(count("responsibility_file update"), 1);
  EXPECT_EQ(count("responsibility_file show"), 2);  // the first version, and the file after the refusals
  EXPECT_EQ(count("responsibility_file list"), 1);
  EXPECT_EQ(count("responsibility_file close"), 1);
  EXPECT_EQ(count("responsibility_file erase"), 1);
  EXPECT_GE(count("responsibility_file invalid_argument"), 3);
  EXPECT_EQ(count("responsibility_file not_found"), 1);  // read after the erasure
  EXPECT_EQ(count("responsibility_file failed_precondition"), 1);
}

// A request received (AMMR Arts. 40-41) over HTTP: kept as the receiving State's file, listed apart,
// typed as the OpenAPI document says; bad parameters named.
TEST_F(ServerTest, ResponsibilityRequestReceivedOverHttp) {
  const httplib::Headers caseworker = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  json request = json::parse(kResponsibilityCase);
  request["decision_date"] = "2026-09-10";
  request["take_charge_request_sent_on"] = "2026-09-05";
  auto opened = PostJson("/v1/responsibility-files?received_by=FRA", request.dump(), caseworker);
  ASSERT_EQ(opened->status, 201) << opened->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/responsibility-files", auth::Action::kResponsibilityFile, true}, *opened,
                               true);
  EXPECT_EQ(json::parse(opened->body)["received"]["request_designates"], "FRA");
  auto listed = client_->Get("/v1/responsibility-files?member_state=FRA&received=true&at=2026-09-12", caseworker);
  ASSERT_EQ(listed->status, 200) << listed->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/responsibility-files", auth::Action::kResponsibilityFile, true}, *listed,
                               true);
  EXPECT_EQ(json::parse(listed->body)["files"].size(), 1u);
  EXPECT_TRUE(json::parse(client_->Get("/v1/responsibility-files?member_state=FRA&at=2026-09-12", caseworker)->body)
                  ["files"].empty());
  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/responsibility-files?member_state=FRA&received=maybe", "received"}}) {
    auto res = client_->Get(path.c_str(), caseworker);
    EXPECT_EQ(res->status, 422) << path << ": " << res->body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << path;
  }
  for (const std::string query : {"?received_by=", "?received_by=DEU", "?received_by=XYZ"}) {
    auto res = PostJson("/v1/responsibility-files" + query, request.dump(), caseworker);
    EXPECT_EQ(res->status, 422) << query << ": " << res->body;
    EXPECT_EQ(json::parse(res->body)["field"], "received_by") << query;
  }
}

// The family procedure (AMMR Art. 28) over HTTP: a file joins another's family, both decided
// together, and leaves it; typed as the OpenAPI document says, bad bodies named, all audited.
TEST_F(ServerTest, ResponsibilityFamilyOverHttp) {
  const httplib::Headers caseworker = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  std::ifstream in(std::string(OPENPACT_SOURCE_DIR) + "/tests/scenarios/responsibility/fam_01_most_members.json");
  const json members = json::parse(in)["family"]["members"];
  std::vector<std::string> ids;
  for (size_t i = 0; i < 3; ++i) {
    auto opened = PostJson("/v1/responsibility-files", members[i].dump(), caseworker);
    ASSERT_EQ(opened->status, 201) << opened->body;
    ids.push_back(json::parse(opened->body)["id"]);
  }
  for (size_t i = 1; i < 3; ++i) {
    auto joined = PostJson("/v1/responsibility-files/" + ids[i] + "/family", json{{"with", ids[0]}}.dump(), caseworker);
    ASSERT_EQ(joined->status, 200) << joined->body;
    ExpectAnswerFollowsItsSchema({"POST", "/v1/responsibility-files/{id}/family", auth::Action::kResponsibilityFile, true},
                                 *joined, true);
  }
  auto father = client_->Get(("/v1/responsibility-files/" + ids[0]).c_str(), caseworker);
  ASSERT_EQ(father->status, 200) << father->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/responsibility-files/{id}", auth::Action::kResponsibilityFile, true},
                               *father, true);
  EXPECT_EQ(json::parse(father->body)["decision"]["legal_basis"], "Regulation (EU) 2024/1351, Art. 28(a)");
  EXPECT_EQ(json::parse(father->body)["family"]["files"].size(), 3u);
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"with": 5})", "with"}, {R"({})", "with"}, {R"({"with": ")" + ids[0] + R"(", "and": 1})", "and"},
           {R"({"with": ")" + ids[1] + R"("})", "with"}}) {
    auto res = PostJson("/v1/responsibility-files/" + ids[1] + "/family", body, caseworker);
    EXPECT_EQ(res->status, 422) << body << ": " << res->body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << body << ": " << res->body;
  }
  auto left = client_->Delete(("/v1/responsibility-files/" + ids[2] + "/family").c_str(), caseworker);
  ASSERT_EQ(left->status, 200) << left->body;
  ExpectAnswerFollowsItsSchema({"DELETE", "/v1/responsibility-files/{id}/family", auth::Action::kResponsibilityFile, true},
                               *left, true);
  EXPECT_EQ(json::parse(left->body)["left_family"], ids[0]);
  EXPECT_EQ(client_->Delete(("/v1/responsibility-files/" + ids[2] + "/family").c_str(), caseworker)->status, 409);
  auto after = json::parse(client_->Get(("/v1/responsibility-files/" + ids[0]).c_str(), caseworker)->body);
  EXPECT_EQ(after["family"]["legal_basis"], "Regulation (EU) 2024/1351, Art. 28(b)");  // two left: the eldest's
  EXPECT_EQ(after["decision"]["responsible_member_state"], "FRA");
  const std::map<std::string, int> seen = AuditOutcomes();
  EXPECT_EQ(seen.count("responsibility_file join family") ? seen.at("responsibility_file join family") : 0, 2);
  EXPECT_EQ(seen.count("responsibility_file leave family") ? seen.at("responsibility_file leave family") : 0, 1);
}

TEST_F(ServerTest, BorderProcedureOverHttp) {
  const httplib::Headers caseworker = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  const httplib::Headers monitor = {{"Authorization", "Bearer " + tokens_[auth::Role::kRightsMonitor]}};
  auto opened = PostJson("/v1/border-procedures", kBorderCase, caseworker);
  ASSERT_EQ(opened->status, 201) << opened->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures", auth::Action::kBorderProcedure, true}, *opened, true);
  const json file = json::parse(opened->body);
  EXPECT_EQ(file["must_end_on"], "2026-10-05");  // 12 weeks from 11 July, a Saturday moved to Monday
  const std::string id = file["id"];
  EXPECT_EQ(PostJson("/v1/border-procedures", kCase, caseworker)->status, 409);  // the accelerated procedure

  auto detained = PostJson("/v1/border-procedures/" + id + "/record", R"({"event": "detained", "on": "2026-07-12"})",
                       caseworker);
  ASSERT_EQ(detained->status, 200) << detained->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures/{id}/record", auth::Action::kBorderProcedure, true},
                               *detained, true);
  auto placed = PostJson("/v1/border-procedures/" + id + "/record",
                         R"({"event": "placed", "place": "Lampedusa hotspot", "on": "2026-07-12"})", caseworker);
  ASSERT_EQ(placed->status, 200) << placed->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures/{id}/record", auth::Action::kBorderProcedure, true},
                               *placed, true);
  auto listed = client_->Get("/v1/border-procedures?member_state=ITA&at=2026-10-01", caseworker);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->status, 200) << listed->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/border-procedures", auth::Action::kBorderProcedure, true}, *listed, true);
  const json list = json::parse(listed->body);
  ASSERT_EQ(list["count"], 1);
  EXPECT_EQ(list["border_procedures"][0]["days_left"], 4);
  EXPECT_EQ(list["border_procedures"][0]["detained_since"], "2026-07-12");
  EXPECT_EQ(list["border_procedures"][0]["must_leave"], false);
  auto bad_limit = client_->Get("/v1/border-procedures?member_state=ITA&limit=0", caseworker);
  ASSERT_TRUE(bad_limit);
  EXPECT_EQ(json::parse(bad_limit->body)["field"], "limit");
  auto exception = PostJson("/v1/border-procedures/" + id + "/record",
                        R"({"event": "exception", "point": "d", "on": "2026-07-20"})", caseworker);
  ASSERT_EQ(exception->status, 200) << exception->body;
  EXPECT_EQ(json::parse(exception->body)["flags"][0]["code"], "border_procedure_ends");

  for (const auto& [path, body, field] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"/v1/border-procedures", R"({"decision_date": "2026-07-15"})", "member_state"},
           {"/v1/border-procedures", "not json", ""},
           {"/v1/border-procedures/" + id + "/record", R"({"event": "teleported"})", "event"},
           {"/v1/border-procedures/" + id + "/record", R"({"event": "exception", "point": "z"})", "point"},
           {"/v1/border-procedures/" + id + "/record", R"({"event": "released", "on": "12/07/2026"})", "on"},
           {"/v1/border-procedures/" + id + "/record", R"({"event": "released", "why": "x"})", "why"},
           {"/v1/border-procedures/" + id + "/record", R"({})", "event"},
           {"/v1/border-procedures/" + id + "/record", R"({"event": "placed"})", "place"},
           {"/v1/border-procedures/" + id + "/record", R"({"event": "placed", "place": 7})", "place"},
           {"/v1/border-procedures/" + id + "/record", R"({"event": "released", "place": "Lampedusa"})", "place"},
           {"/v1/border-procedures/" + id + "/close", R"({"outcome": "vanished"})", "outcome"},
           {"/v1/border-procedures/" + id + "/close", R"({"outcome": "withdrawn", "on": "2026-07-01"})", "on"}}) {
    auto bad = PostJson(path, body, caseworker);
    EXPECT_EQ(bad->status, 422) << body << ": " << bad->body;
    if (!field.empty()) {
      EXPECT_EQ(json::parse(bad->body)["field"], field) << body;
    }
  }

  auto closed = PostJson("/v1/border-procedures/" + id + "/close",
                     R"({"outcome": "entry_authorised_exception", "on": "2026-07-21"})", caseworker);
  ASSERT_EQ(closed->status, 200) << closed->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures/{id}/close", auth::Action::kBorderProcedure, true},
                               *closed, true);
  const json c = json::parse(closed->body);
  EXPECT_EQ(c["outcome"], "entry_authorised_exception");
  ASSERT_EQ(c["flags"].size(), 1u);
  EXPECT_EQ(c["flags"][0]["code"], "still_detained");  // no release was recorded
  EXPECT_EQ(PostJson("/v1/border-procedures/" + id + "/close", R"({"outcome": "withdrawn"})", caseworker)->status, 409);
  auto shown = client_->Get(("/v1/border-procedures/" + id).c_str(), caseworker);
  ASSERT_TRUE(shown);
  ASSERT_EQ(shown->status, 200);
  ExpectAnswerFollowsItsSchema({"GET", "/v1/border-procedures/{id}", auth::Action::kBorderProcedure, true}, *shown,
                               true);

  // How full the border procedure is: the file left on 21 July; typed, capacity from the reference data.
  auto occupancy = client_->Get("/v1/planning/border-procedure?member_state=ITA&at=2026-07-20&return_border=2",
                                caseworker);
  ASSERT_TRUE(occupancy);
  ASSERT_EQ(occupancy->status, 200) << occupancy->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/planning/border-procedure", auth::Action::kPlanningRead, true}, *occupancy,
                               true);
  const json occ = json::parse(occupancy->body);
  EXPECT_EQ(occ["in_border_procedure"], 1);
  ASSERT_EQ(occ["places"]["places"].size(), 1u) << occ["places"];
  EXPECT_EQ(occ["places"]["places"][0]["place"], "Lampedusa hotspot");
  EXPECT_EQ(occ["places"]["places"][0]["in_border_procedure"], 1);
  EXPECT_EQ(occ["notification"]["counted"], 3);
  EXPECT_EQ(occ["adequate_capacity"], 8016);  // Commission Implementing Decision (EU) 2024/2150, Italy
  EXPECT_EQ(occ["annual_maximum"]["maximum"], 16032);
  auto bad_return = client_->Get("/v1/planning/border-procedure?member_state=ITA&return_border=-1", caseworker);
  ASSERT_TRUE(bad_return);
  EXPECT_EQ(json::parse(bad_return->body)["field"], "return_border");

  // The monitoring mechanism: its report, typed; the file under its own right; a caseworker may not
  // use its routes, nor it the caseworker's.
  auto report = client_->Get("/v1/monitoring/border-procedure?member_state=ITA&at=2026-08-01&sample=1&seed=5",
                             monitor);
  ASSERT_TRUE(report);
  ASSERT_EQ(report->status, 200) << report->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/monitoring/border-procedure", auth::Action::kBorderProcedureMonitor, true},
                               *report, true);
  const json r = json::parse(report->body);
  EXPECT_EQ(r["border_procedures"], 1);
  EXPECT_EQ(r["outcomes"]["entry_authorised_exception"], 1);
  EXPECT_EQ(r["exceptions"]["files"][0]["followed"], true);
  EXPECT_EQ(r["sample"]["size"], 1);
  auto bad = client_->Get("/v1/monitoring/border-procedure?member_state=ITA&sample=99", monitor);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(json::parse(bad->body)["field"], "sample");
  auto read = client_->Get(("/v1/monitoring/border-procedure/" + id).c_str(), monitor);
  ASSERT_TRUE(read);
  ASSERT_EQ(read->status, 200) << read->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/monitoring/border-procedure/{id}", auth::Action::kBorderProcedureMonitor,
                                true},
                               *read, true);
  EXPECT_EQ(client_->Get(("/v1/monitoring/border-procedure/" + id).c_str(), caseworker)->status, 403);
  EXPECT_EQ(client_->Get(("/v1/border-procedures/" + id).c_str(), monitor)->status, 403);

  // After a rejection, the return border procedure (RBPR Art. 4) from a return border case.
  auto rejected = PostJson("/v1/border-procedures", kBorderCase, caseworker);
  ASSERT_EQ(rejected->status, 201) << rejected->body;
  const std::string second = json::parse(rejected->body)["id"];
  const std::string return_path = "/v1/border-procedures/" + second + "/return";
  EXPECT_EQ(PostJson(return_path, kReturnBorderCase, caseworker)->status, 409);  // still open
  ASSERT_EQ(PostJson("/v1/border-procedures/" + second + "/close", R"({"outcome": "no_right_to_remain", "on": "2026-10-01"})",
                 caseworker)->status, 200);
  auto returning = PostJson(return_path, kReturnBorderCase, caseworker);
  ASSERT_EQ(returning->status, 200) << returning->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures/{id}/return", auth::Action::kBorderProcedure, true},
                               *returning, true);
  EXPECT_EQ(json::parse(returning->body)["return_border"]["from"], "2026-10-01");
  // An appeal stage recorded in it; the work list says what it bars (APR Art. 68(5)(d)(ii)).
  auto asked = PostJson("/v1/border-procedures/" + second + "/record",
                        R"({"event": "leave_to_remain_requested", "on": "2026-10-16"})", caseworker);
  ASSERT_EQ(asked->status, 200) << asked->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures/{id}/record", auth::Action::kBorderProcedure, true},
                               *asked, true);
  auto work = client_->Get("/v1/border-procedures?member_state=ITA&at=2026-10-17", caseworker);
  ASSERT_EQ(work->status, 200) << work->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/border-procedures", auth::Action::kBorderProcedure, true}, *work, true);
  const json in_return = json::parse(work->body)["return_border_procedures"]["files"];
  ASSERT_EQ(in_return.size(), 1u) << work->body;
  EXPECT_EQ(in_return[0]["removal_barred"]["reason"], "leave_to_remain_pending");
  auto bad_end = PostJson(return_path + "/close", R"({"outcome": "vanished"})", caseworker);
  EXPECT_EQ(bad_end->status, 422);
  EXPECT_EQ(json::parse(bad_end->body)["field"], "outcome");
  auto ended = PostJson(return_path + "/close", R"({"outcome": "departed", "on": "2026-10-20"})", caseworker);
  ASSERT_EQ(ended->status, 200) << ended->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures/{id}/return/close", auth::Action::kBorderProcedure,
                                true},
                               *ended, true);
  EXPECT_EQ(json::parse(ended->body)["return_border"]["status"], "closed");

  // A caseworker of France neither opens Italy's files nor finds them.
  const httplib::Headers admin = {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}};
  auto created = PostJson("/v1/tokens", R"({"name": "fra-caseworker", "role": "asylum_caseworker", "member_state": "FRA"})",
                      admin);
  ASSERT_EQ(created->status, 201) << created->body;
  const httplib::Headers france = {{"Authorization", "Bearer " + json::parse(created->body)["token"].get<std::string>()}};
  EXPECT_EQ(PostJson("/v1/border-procedures", kBorderCase, france)->status, 403);
  EXPECT_EQ(client_->Get(("/v1/border-procedures/" + id).c_str(), france)->status, 404);

  // APR Art. 72(1): erased as soon as the person is known to have become a citizen; not by France.
  const std::string erase_path = "/v1/border-procedures/" + second + "/erase";
  EXPECT_EQ(PostJson(erase_path, R"({"reason": "citizenship_acquired"})", france)->status, 404);
  auto wrong = PostJson(erase_path, R"({"reason": "tidy_up"})", caseworker);
  EXPECT_EQ(wrong->status, 422);
  EXPECT_EQ(json::parse(wrong->body)["field"], "reason");
  auto erased = PostJson(erase_path, R"({"reason": "citizenship_acquired"})", caseworker);
  ASSERT_EQ(erased->status, 200) << erased->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/border-procedures/{id}/erase", auth::Action::kBorderProcedure, true},
                               *erased, true);
  EXPECT_EQ(json::parse(erased->body)["legal_basis"], "Regulation (EU) 2024/1348, Art. 72(1)");
  EXPECT_EQ(client_->Get(("/v1/border-procedures/" + second).c_str(), caseworker)->status, 404);
  EXPECT_EQ(PostJson(erase_path, R"({"reason": "citizenship_acquired"})", caseworker)->status, 404);  // gone

  const auto outcomes = AuditOutcomes();
  EXPECT_EQ(outcomes.at("border_procedure erase"), 1);
  EXPECT_EQ(outcomes.at("border_procedure open"), 2);
  EXPECT_EQ(outcomes.at("border_procedure return"), 1);
  EXPECT_EQ(outcomes.at("border_procedure return_close"), 1);
  EXPECT_EQ(outcomes.at("border_procedure list"), 2);
  EXPECT_EQ(outcomes.at("planning.read occupancy"), 1);
  EXPECT_EQ(outcomes.at("border_procedure record"), 4);  // one more: placed
  EXPECT_EQ(outcomes.at("border_procedure close"), 2);
  EXPECT_EQ(outcomes.at("border_procedure.monitor report"), 1);
  EXPECT_EQ(outcomes.at("border_procedure.monitor show"), 1);
}

// The stated purpose (X-Purpose) is what the audit entry records, on each kind of route that takes
// it; one that is too long or spans lines is refused naming the header, before anything is done.
TEST_F(ServerTest, StatedPurposeIsAuditedOrRefused) {
  struct Call {
    std::string method, path, body;
    auth::Role role;
    std::string action;
  };
  const std::vector<Call> calls = {
      {"POST", "/v1/decisions/procedure", kCase, auth::Role::kAsylumCaseworker, "decide.procedure"},
      {"GET", "/v1/registry/stats", "", auth::Role::kRegistryOperator, "registry.stats"},
      {"GET", "/v1/monitoring/screening?member_state=ITA", "", auth::Role::kRightsMonitor, "screening.monitor"}};
  for (const Call& call : calls) {
    SCOPED_TRACE(call.path);
    auto send = [&](const std::string& purpose) {
      httplib::Headers h = {{"Authorization", "Bearer " + tokens_[call.role]}, {"X-Purpose", purpose}};
      return call.method == "GET" ? client_->Get(call.path.c_str(), h)
                                  : client_->Post(call.path.c_str(), h, call.body, "application/json");
    };
    auto too_long = send(std::string(501, 'x'));
    ASSERT_TRUE(too_long);
    EXPECT_EQ(too_long->status, 422);
    EXPECT_EQ(json::parse(too_long->body)["field"], "X-Purpose");
    auto ok = send("case 4711: " + call.action);
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 200) << ok->body;
  }
  auto res = client_->Get("/v1/audit/entries?limit=1000",
                          httplib::Headers{{"Authorization", "Bearer " + tokens_[auth::Role::kAuditor]}});
  ASSERT_TRUE(res);
  const json log = json::parse(res->body);
  for (const Call& call : calls) {
    int stated = 0;
    for (const json& e : log["entries"]) {
      if (e["action"] == call.action) {
        EXPECT_EQ(e["purpose"], "case 4711: " + call.action) << "only the valid purpose is recorded";
        ++stated;
      }
    }
    EXPECT_EQ(stated, 1) << call.action;
  }
}

// The registry contract over HTTP: 201 for a stored record, 200 for a search, problem details
// naming the field for bad input, 409 for what the stored state forbids, 404 for no record.
// ?record=ID: the responsibility case takes the Eurodac hits of the applicant's stored record; the
// read is audited as a registry read of that record.
TEST_F(ServerTest, ResponsibilityDecisionReadsTheApplicantsRecord) {
  httplib::Headers op = {{"Authorization", "Bearer " + tokens_[auth::Role::kRegistryOperator]}};
  registry::SyntheticRecordSpec spec;
  spec.category = "irregular_crosser";
  spec.member_state = "GRC";
  spec.person = 7;
  spec.capture = 1;
  // Crossed yesterday: the criterion of irregular entry lapses 20 months after the crossing (AMMR
  // Art. 33(1)), and the decision below is made on the day the test runs.
  spec.event_date = Date::Today().AddDays(-1).ToString();
  auto res = client_->Post("/v1/registry/records", op, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json crossed = json::parse(res->body);
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.capture = 2;
  res = client_->Post("/v1/registry/records", op, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const json applied = json::parse(res->body);
  ASSERT_EQ(applied["hits"].size(), 1u) << applied.dump(2);
  const std::string received = applied["transmitted_on"];
  httplib::Headers h = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  const std::string kase = R"({"decision_date": ")" + received + R"(", "member_state": "ITA", "registered_on": ")" +
                           received + R"(", "applicant": {"nationality": "AFG"}})";
  const std::string path = "/v1/decisions/responsibility?record=" + applied["id"].get<std::string>();
  auto decided = client_->Post(path.c_str(), h, kase, "application/json");
  ASSERT_TRUE(decided);
  ASSERT_EQ(decided->status, 200) << decided->body;
  const json d = json::parse(decided->body);
  const RouteInfo decide = {"POST", "/v1/decisions/responsibility", auth::Action::kDecideResponsibility, true};
  ExpectAnswerFollowsItsSchema(decide, *decided, true);
  EXPECT_EQ(d["responsible_member_state"], "GRC");
  EXPECT_EQ(d["criterion"], "irregular_entry");
  EXPECT_EQ(d["deadlines"][0]["from"], received);  // one month from the hit (Art. 39(1), second subparagraph)
  EXPECT_EQ(d["deadlines"][0]["period"], "1 month");
  // Eurodac Art. 16(1): not determined while Greece has not accepted; once it has, the patch for
  // the record, which a registry operator applies.
  EXPECT_EQ(d["eurodac_update"]["record_id"], applied["id"]);
  EXPECT_FALSE(d["eurodac_update"].contains("status"));
  EXPECT_NE(d["eurodac_update"]["note"].get<std::string>().find("awaits"), std::string::npos);
  std::string accepted_case = kase;
  accepted_case.insert(accepted_case.size() - 1, R"(, "take_charge_request_sent_on": ")" + received +
                                                     R"(", "accepted_on": ")" + received + R"(")");
  auto accepted = client_->Post(path.c_str(), h, accepted_case, "application/json");
  ASSERT_TRUE(accepted);
  ASSERT_EQ(accepted->status, 200) << accepted->body;
  ExpectAnswerFollowsItsSchema(decide, *accepted, true);
  const json update = json::parse(accepted->body)["eurodac_update"];
  EXPECT_EQ(update["status"], json({{"ms_responsible", "GRC"}}));
  EXPECT_EQ(update["legal_basis"], "Regulation (EU) 2024/1358, Art. 16(1)");
  auto recorded = client_->Post(("/v1/registry/records/" + applied["id"].get<std::string>() + "/status").c_str(), op,
                                update["status"].dump(), "application/json");
  ASSERT_TRUE(recorded);
  ASSERT_EQ(recorded->status, 200) << recorded->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records/{id}/status", auth::Action::kRegistryEnrol, true},
                               *recorded, true);
  EXPECT_EQ(json::parse(recorded->body)["notified"], json::array({"GRC"}));
  // Another State's case, an unknown record, a record that is not an applicant's: refused.
  std::string other = kase;
  other.replace(other.find("\"ITA\""), 5, "\"FRA\"");
  auto refused = client_->Post(path.c_str(), h, other, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(json::parse(refused->body)["field"], "record");
  auto missing = client_->Post("/v1/decisions/responsibility?record=edc-0000000000000000", h, kase, "application/json");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto crosser = client_->Post(("/v1/decisions/responsibility?record=" + crossed["id"].get<std::string>()).c_str(), h,
                               kase, "application/json");
  ASSERT_TRUE(crosser);
  EXPECT_EQ(crosser->status, 422);
  const auto outcomes = AuditOutcomes();
  // The two decisions that read the record, each audited as a registry read.
  EXPECT_EQ(outcomes.count("registry.read responsibility case") ? outcomes.at("registry.read responsibility case") : 0, 2)
      << json(outcomes).dump();
}

TEST_F(ServerTest, RegistryOverHttp) {
  httplib::Headers op = {{"Authorization", "Bearer " + tokens_[auth::Role::kRegistryOperator]}};
  registry::SyntheticRecordSpec spec;
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.person = 3;
  auto res = client_->Post("/v1/registry/records", op, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records", auth::Action::kRegistryEnrol, true}, *res, true);
  const std::string id = json::parse(res->body)["id"];
  spec.category = "irregular_crosser";
  spec.member_state = "GRC";
  spec.capture = 2;
  res = client_->Post("/v1/registry/search", op, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/search", auth::Action::kRegistrySearch, true}, *res, true);
  json found = json::parse(res->body);
  EXPECT_FALSE(found["stored"].get<bool>());
  ASSERT_EQ(found["hits"].size(), 1u);
  EXPECT_EQ(found["hits"][0]["record_id"], id);
  json bad = json::parse(registry::SyntheticRecordJson(spec));
  bad["event_date"] = "01/07/2026";
  res = client_->Post("/v1/registry/records", op, bad.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "event_date");
  // Fingerprints taken again, retransmitted under the same reference (Art. 38(1)): 200, the same
  // dataset, not a new one.
  registry::SyntheticRecordSpec again_spec;
  again_spec.category = "applicant";
  again_spec.member_state = "ITA";
  again_spec.person = 3;
  again_spec.capture = 5;
  json again = json::parse(registry::SyntheticRecordJson(again_spec));
  again["reference"] = "ITA-SYN-3-1";
  again["retransmission"] = true;
  res = client_->Post("/v1/registry/records", op, again.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records", auth::Action::kRegistryEnrol, true}, *res, true);
  EXPECT_EQ(json::parse(res->body)["id"], id);
  EXPECT_EQ(json::parse(res->body)["retransmission"], true);
  // The Member State of origin rectifies the person data (Arts. 40(3), 43(4)).
  res = client_->Post(("/v1/registry/records/" + id + "/rectify").c_str(), op, R"({"forenames": ["ANNA-SYNTHETIC"]})",
                      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records/{id}/rectify", auth::Action::kRegistryEnrol, true}, *res, true);
  EXPECT_EQ(json::parse(res->body)["changed"], json::array({"forenames"}));
  res = client_->Post(("/v1/registry/records/" + id + "/rectify").c_str(), op, R"({"date_of_birth": "2025-01-01"})",
                      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "person.date_of_birth");
  // A report of inaccurate data to the Member State of origin (Art. 40(5)); here by the central
  // operator (eu-LISA).
  res = client_->Post(("/v1/registry/records/" + id + "/report").c_str(), op,
                      R"({"reason": "inaccurate", "note": "synthetic test"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records/{id}/report", auth::Action::kRegistryEnrol, true}, *res, true);
  EXPECT_EQ(json::parse(res->body)["to"], "ITA");
  res = client_->Post(("/v1/registry/records/" + id + "/report").c_str(), op, R"({"reason": "wrong"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "reason");

  res = client_->Get(("/v1/registry/records/" + id).c_str(), op);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  ExpectAnswerFollowsItsSchema({"GET", "/v1/registry/records/{id}", auth::Action::kRegistryRead, true}, *res, true);
  EXPECT_EQ(json::parse(res->body)["member_state"], "ITA");
  res = client_->Get("/v1/registry/records?member_state=ITA&reference=ITA-SYN-3-1", op);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/registry/records", auth::Action::kRegistryRead, true}, *res, true);
  EXPECT_EQ(json::parse(res->body)["id"], id);
  res = client_->Get("/v1/registry/records?member_state=ITA", op);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "reference");
  res = client_->Post(("/v1/registry/records/" + id + "/mark").c_str(), op, R"({"mark": "residence_document"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);  // Art. 31(4) does not mark applicants
  res = client_->Post(("/v1/registry/records/" + id + "/mark").c_str(), op, R"({"mark": "international_protection"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records/{id}/mark", auth::Action::kRegistryMark, true}, *res, true);
  res = client_->Delete(("/v1/registry/records/" + id + "/mark").c_str(), op);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"DELETE", "/v1/registry/records/{id}/mark", auth::Action::kRegistryMark, true}, *res, true);
  res = client_->Delete(("/v1/registry/records/" + id).c_str(), op);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "reason");
  res = client_->Delete(("/v1/registry/records/" + id + "?reason=inaccurate").c_str(), op);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"DELETE", "/v1/registry/records/{id}", auth::Action::kRegistryErase, true}, *res, true);
  res = client_->Get(("/v1/registry/records/" + id).c_str(), op);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  res = client_->Post("/v1/registry/expire?at=2999-01-01", op, "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "at");
  res = client_->Post("/v1/registry/expire", op, "", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/expire", auth::Action::kRegistryErase, true}, *res, true);
  res = client_->Get("/v1/registry/stats", httplib::Headers{{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(json::parse(res->body)["records"], 0);
  res = client_->Get("/v1/registry/stats?year=2026", httplib::Headers{{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}});
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["year"]["year"], "2026");
  ExpectAnswerFollowsItsSchema({"GET", "/v1/registry/stats", auth::Action::kRegistryStats, true}, *res, true);
  res = client_->Get("/v1/registry/stats?year=2026&month=2026-07",
                     httplib::Headers{{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422) << res->body;
  EXPECT_EQ(json::parse(res->body)["field"], "year");

  // A token bound to a Member State (Art. 40(1), (3)): its own records only.
  httplib::Headers admin = {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}};
  res = client_->Post("/v1/tokens", admin, R"({"name": "gr", "role": "registry_operator", "member_state": "USA"})",
                      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "member_state");
  res = client_->Post("/v1/tokens", admin, R"({"name": "gr", "role": "registry_operator", "member_state": "GRC"})",
                      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body)["member_state"], "GRC");
  httplib::Headers greece = {{"Authorization", "Bearer " + json::parse(res->body)["token"].get<std::string>()}};
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.person = 4;
  spec.capture = 1;
  res = client_->Post("/v1/registry/records", op, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string italian = json::parse(res->body)["id"];
  res = client_->Post("/v1/registry/records", greece, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;  // Greece transmits Greece's data
  res = client_->Get(("/v1/registry/records/" + italian).c_str(), greece);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404) << res->body;
  spec.member_state = "GRC";
  spec.category = "irregular_crosser";
  spec.capture = 2;
  res = client_->Post("/v1/registry/records", greece, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body)["hits"][0]["record_id"], italian);  // its comparison's result
  const std::string greek = json::parse(res->body)["id"];
  res = client_->Get(("/v1/registry/records/" + greek).c_str(), greece);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // The final identification of that hit (Art. 38): the body's fields named when wrong.
  const std::string verify = "/v1/registry/records/" + greek + "/verify";
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {"{\"result\": \"confirmed\"}", "hit"}, {"{\"hit\": \"" + italian + "\"}", "result"},
           {"{\"hit\": \"" + italian + "\", \"result\": \"maybe\"}", "result"}, {"[", "body"}}) {
    res = client_->Post(verify.c_str(), greece, body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << body;
  }
  res = client_->Post(verify.c_str(), greece, "{\"hit\": \"" + italian + "\", \"result\": \"confirmed\"}",
                      "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records/{id}/verify", auth::Action::kRegistryEnrol, true}, *res, true);
  EXPECT_EQ(json::parse(res->body)["result"], "confirmed");

  // Italy records the Member State responsible: Greece, whose record hit Italy's, is told (Art.
  // 16(4)) and acknowledges it; it reads only its own notifications.
  res = client_->Post(("/v1/registry/records/" + italian + "/status").c_str(), op, R"({"ms_responsible": "ITA"})",
                      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["notified"], json::array({"GRC"}));
  res = client_->Get("/v1/registry/notifications", greece);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/registry/notifications", auth::Action::kRegistryRead, true}, *res, true);
  json notes = json::parse(res->body);
  ASSERT_EQ(notes["count"], 1);
  EXPECT_EQ(notes["notifications"][0]["your_record"]["id"], greek);
  EXPECT_EQ(notes["notifications"][0]["event"], "ms_responsible_recorded");
  const std::string note = notes["notifications"][0]["id"];
  res = client_->Get("/v1/registry/notifications?member_state=DEU", greece);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403) << res->body;
  res = client_->Get("/v1/registry/notifications?all=maybe", greece);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "all");
  res = client_->Post(("/v1/registry/notifications/" + note + "/acknowledge").c_str(), greece, "", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/notifications/{id}/acknowledge", auth::Action::kRegistryEnrol, true},
                               *res, true);
  EXPECT_EQ(json::parse(res->body)["by"], "gr");
  res = client_->Post(("/v1/registry/notifications/" + note + "/acknowledge").c_str(), greece, "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409) << res->body;
  res = client_->Get("/v1/registry/notifications", greece);
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["count"], 0);
  res = client_->Get("/v1/registry/notifications?all=true&member_state=GRC", op);
  ASSERT_TRUE(res);
  ExpectAnswerFollowsItsSchema({"GET", "/v1/registry/notifications", auth::Action::kRegistryRead, true}, *res, true);
  EXPECT_EQ(json::parse(res->body)["notifications"][0]["acknowledged_by"], "gr");

  // Greece asks Italy to agree to a transfer of the data its hit brought to a third country for
  // return (Eurodac Art. 50); Italy refuses, saying why.
  res = client_->Post(("/v1/registry/records/" + italian + "/return-transfers").c_str(), greece,
                      R"({"third_country": "TUN", "purpose_confirmed": true, "person_informed": true})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/records/{id}/return-transfers", auth::Action::kRegistryEnrol, true},
                               *res, true);
  const std::string transfer = json::parse(res->body)["transfer"];
  res = client_->Post("/v1/tokens", admin, R"({"name": "it", "role": "registry_operator", "member_state": "ITA"})",
                      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  httplib::Headers italy = {{"Authorization", "Bearer " + json::parse(res->body)["token"].get<std::string>()}};
  const std::string decide = "/v1/registry/return-transfers/" + transfer + "/decision";
  res = client_->Post(decide.c_str(), italy, R"({"decision": "maybe"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "decision");
  res = client_->Post(decide.c_str(), greece, R"({"decision": "agreed"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);  // not addressed to Greece
  res = client_->Post(decide.c_str(), italy, R"({"decision": "refused", "reason": "synthetic test"})", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/return-transfers/{id}/decision", auth::Action::kRegistryEnrol, true},
                               *res, true);
  EXPECT_EQ(json::parse(res->body)["status"], "refused");
  res = client_->Get("/v1/registry/notifications", greece);
  ASSERT_TRUE(res);
  EXPECT_EQ(json::parse(res->body)["notifications"][0]["event"], "return_transfer_refused");

  // Every operation left its entry, the refused ones with their error code.
  std::map<std::string, int> seen = AuditOutcomes();
  EXPECT_EQ(seen["registry.enrol enrol"], 3);
  EXPECT_EQ(seen["registry.enrol retransmit"], 1);
  EXPECT_EQ(seen["registry.enrol rectify"], 1);
  EXPECT_EQ(seen["registry.enrol report"], 1);
  EXPECT_EQ(seen["registry.enrol return transfer request"], 1);
  EXPECT_EQ(seen["registry.enrol return transfer decision"], 1);
  EXPECT_EQ(seen["registry.enrol invalid_argument"], 1);  // the child's date of birth
  EXPECT_EQ(seen["registry.enrol permission_denied"], 1);
  EXPECT_EQ(seen["registry.search search"], 1);
  EXPECT_EQ(seen["registry.mark failed_precondition"], 1);
  EXPECT_EQ(seen["registry.mark mark"], 1);
  EXPECT_EQ(seen["registry.mark unmark"], 1);
  EXPECT_EQ(seen["registry.erase erase"], 1);
  EXPECT_EQ(seen["registry.read not_found"], 2);
}

// Searches run beside each other and beside enrolments (each search runs ahead under a shared
// lock of the index, then is taken or done again): every answer is what one request at a time
// would give. A record stored before a search begins is always found.
TEST_F(ServerTest, ConcurrentComparisonsAnswerAsOneAtATime) {
  const httplib::Headers op = {{"Authorization", "Bearer " + tokens_[auth::Role::kRegistryOperator]}};
  auto record = [](const char* category, const char* ms, uint64_t person, uint64_t capture) {
    registry::SyntheticRecordSpec spec;
    spec.category = category;
    spec.member_state = ms;
    spec.person = person;
    spec.capture = capture;
    spec.fingers = 2;
    return registry::SyntheticRecordJson(spec);
  };
  std::map<uint64_t, std::string> stored;  // person -> id of the first capture
  for (uint64_t p = 301; p <= 304; ++p) {
    auto res = client_->Post("/v1/registry/records", op, record("applicant", "ITA", p, 1), "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 201) << res->body;
    stored[p] = json::parse(res->body)["id"];
  }
  std::atomic<int> wrong{0}, failed{0};
  auto searcher = [&](uint64_t first) {
    httplib::Client client("127.0.0.1", server_->port());
    for (int round = 0; round < 3; ++round) {
      for (uint64_t p = first; p < first + 2; ++p) {
        auto res = client.Post("/v1/registry/search", op, record("illegal_stayer", "DEU", p, 2), "application/json");
        if (!res || res->status != 200) {
          ++failed;
          continue;
        }
        const json hits = json::parse(res->body)["hits"];
        if (hits.size() != 1 || hits[0]["record_id"] != stored.at(p)) ++wrong;
      }
    }
  };
  auto enroller = [&](uint64_t first) {
    httplib::Client client("127.0.0.1", server_->port());
    for (uint64_t p = first; p < first + 3; ++p) {
      auto res = client.Post("/v1/registry/records", op, record("applicant", "ESP", p, 1), "application/json");
      if (!res || res->status != 201) {
        ++failed;
        continue;
      }
      const std::string id = json::parse(res->body)["id"];
      res = client.Post("/v1/registry/search", op, record("irregular_crosser", "FRA", p, 2), "application/json");
      if (!res || res->status != 200) {
        ++failed;
        continue;
      }
      const json hits = json::parse(res->body)["hits"];
      if (hits.size() != 1 || hits[0]["record_id"] != id) ++wrong;  // stored before: found
    }
  };
  std::vector<std::thread> threads;
  threads.emplace_back(searcher, 301);
  threads.emplace_back(searcher, 303);
  threads.emplace_back(enroller, 401);
  threads.emplace_back(enroller, 411);
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(wrong.load(), 0);
}

// Art. 43 over HTTP: the registry operator's route; a refused body names the field.
TEST_F(ServerTest, SubjectAccessOverHttp) {
  httplib::Headers op = {{"Authorization", "Bearer " + tokens_[auth::Role::kRegistryOperator]}};
  registry::SyntheticRecordSpec spec;
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.person = 31;
  auto res = client_->Post("/v1/registry/records", op, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  spec.capture = 2;
  json request = {{"member_state", "FRA"},
                  {"received_on", Date::Today().ToString()},
                  {"channel", "in_person"},
                  {"fingerprints", json::parse(registry::SyntheticRecordJson(spec))["fingerprints"]}};
  res = client_->Post("/v1/registry/subject-access", op, request.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/subject-access", auth::Action::kRegistrySubjectAccess, true}, *res,
                               true);
  EXPECT_EQ(json::parse(res->body)["datasets"].size(), 1u);
  request["channel"] = "fax machine";
  res = client_->Post("/v1/registry/subject-access", op, request.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "channel");
  // Art. 29(9) over HTTP: each field of the body named when missing or wrong.
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"protection_until": "2031-03-01", "basis": "S"})", "decision"},
           {R"({"decision": "D", "protection_until": "2031-3-1", "basis": "S"})", "protection_until"},
           {R"({"decision": "D", "protection_until": "2031-03-01"})", "basis"}}) {
    res = client_->Post("/v1/registry/temporary-protection/extend", op, body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << body;
  }
  res = client_->Post("/v1/registry/temporary-protection/extend", op,
                      R"({"decision": "(EU) 2029/123", "protection_until": "2031-03-01", "basis": "SYNTHETIC"})",
                      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/registry/temporary-protection/extend", auth::Action::kRegistryErase, true},
                               *res, true);
  EXPECT_EQ(json::parse(res->body)["records_extended"], 0);

  std::map<std::string, int> seen = AuditOutcomes();
  EXPECT_EQ(seen["registry.subject_access subject_access"], 1);
  EXPECT_EQ(seen["registry.subject_access invalid_argument"], 1);
}

// Chapter XI over HTTP: the designated authority submits, the verifying authority checks, the
// designated authority reads the result; each step audited.
TEST_F(ServerTest, LawEnforcementRequestsOverHttp) {
  httplib::Headers op = {{"Authorization", "Bearer " + tokens_[auth::Role::kRegistryOperator]}};
  httplib::Headers police = {{"Authorization", "Bearer " + tokens_[auth::Role::kLawEnforcement]}};
  httplib::Headers verifier = {{"Authorization", "Bearer " + tokens_[auth::Role::kVerifyingAuthority]}};
  registry::SyntheticRecordSpec spec;
  spec.category = "applicant";
  spec.member_state = "ITA";
  spec.person = 9;
  auto res = client_->Post("/v1/registry/records", op, registry::SyntheticRecordJson(spec), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  const std::string stored = json::parse(res->body)["id"];
  spec.capture = 2;
  json request = {{"member_state", "DEU"},
                  {"reference", "DEU4-SYN-9"},
                  {"authority", "SYNTHETIC designated authority"},
                  {"officer", "SYNTHETIC officer"},
                  {"national_file_number", "SYN/9"},
                  {"purpose", "SYNTHETIC"},
                  {"offence", {{"type", "terrorist_offence"}, {"description", "SYNTHETIC"}}},
                  {"conditions",
                   {{"prior_checks", {{"national_databases", true}, {"prum", "not_technically_available"}}},
                    {"necessity", "SYNTHETIC"},
                    {"specific_case", "SYNTHETIC"},
                    {"substantial_contribution", "SYNTHETIC"}}},
                  {"fingerprints", json::parse(registry::SyntheticRecordJson(spec))["fingerprints"]}};
  json bad = request;
  bad["conditions"].erase("specific_case");
  res = client_->Post("/v1/law-enforcement/requests", police, bad.dump(), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json::parse(res->body)["field"], "conditions.specific_case");
  res = client_->Post("/v1/law-enforcement/requests", police, request.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/law-enforcement/requests", auth::Action::kLawEnforcementSearch, true}, *res,
                               true);
  const std::string id = json::parse(res->body)["id"];
  EXPECT_EQ(json::parse(res->body)["status"], "pending");
  res = client_->Get("/v1/law-enforcement/requests", verifier);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/law-enforcement/requests", auth::Action::kLawEnforcementVerify, true}, *res,
                               true);
  EXPECT_EQ(json::parse(res->body)["count"], 1);
  for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
           {"?limit=0", "limit"}, {"?limit=abc", "limit"}, {"?limit=501", "limit"}, {"?after=ler-none", "after"}}) {
    res = client_->Get(("/v1/law-enforcement/requests" + query).c_str(), verifier);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << query;
    EXPECT_EQ(json::parse(res->body)["field"], field) << query;
  }
  const std::string verify = "/v1/law-enforcement/requests/" + id + "/verify";
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"reasons": "x"})", "conditions_met"}, {R"({"conditions_met": "yes", "reasons": "x"})", "conditions_met"},
           {R"({"conditions_met": true})", "reasons"}, {"[", "body"}}) {
    res = client_->Post(verify.c_str(), verifier, body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << body;
  }
  res = client_->Post(verify.c_str(), verifier, R"({"conditions_met": true, "reasons": "SYNTHETIC: all met"})",
                      "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/law-enforcement/requests/{id}/verify", auth::Action::kLawEnforcementVerify,
                                true},
                               *res, true);
  EXPECT_EQ(json::parse(res->body)["hits"], 1);
  res = client_->Post(verify.c_str(), verifier, R"({"conditions_met": true, "reasons": "again"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);
  res = client_->Get(("/v1/law-enforcement/requests/" + id).c_str(), police);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"GET", "/v1/law-enforcement/requests/{id}", auth::Action::kLawEnforcementSearch, true},
                               *res, true);
  EXPECT_EQ(json::parse(res->body)["result"]["hits"][0]["record_id"], stored);
  // In urgency the verifying authority forwards the request at once (Art. 32(4)).
  request["reference"] = "DEU4-SYN-9-URGENT";
  request["urgent"] = {{"reasons", "SYNTHETIC imminent danger"}};
  res = client_->Post("/v1/law-enforcement/requests", police, request.dump(), "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 201) << res->body;
  EXPECT_EQ(json::parse(res->body)["status"], "pending");
  const std::string urgent = json::parse(res->body)["id"];
  res = client_->Post(("/v1/law-enforcement/requests/" + urgent + "/forward").c_str(), verifier, "", "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema({"POST", "/v1/law-enforcement/requests/{id}/forward", auth::Action::kLawEnforcementVerify,
                                true},
                               *res, true);
  EXPECT_EQ(json::parse(res->body)["status"], "compared_pending_verification");
  res = client_->Post(("/v1/law-enforcement/requests/" + id + "/forward").c_str(), verifier, "", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 409);  // compared already, and never urgent

  std::map<std::string, int> seen = AuditOutcomes();
  EXPECT_EQ(seen["law_enforcement.verify forward"], 1);
  EXPECT_EQ(seen["law_enforcement.search request"], 2);
  EXPECT_EQ(seen["law_enforcement.search invalid_argument"], 1);
  EXPECT_EQ(seen["law_enforcement.verify verify"], 1);
  EXPECT_EQ(seen["law_enforcement.verify failed_precondition"], 2);
  EXPECT_EQ(seen["law_enforcement.search show"], 1);
}

// The planning routes answer what the CLI prints with --json, from the same shipped figures, and
// name the query parameter at fault.
TEST_F(ServerTest, PlanningRoutesAnswerAsTheCliAndNameBadParameters) {
  httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  auto get = [&](const std::string& path) {
    auto res = client_->Get(path.c_str(), analyst);
    EXPECT_TRUE(res) << path;
    return res;
  };
  auto res = get("/v1/planning/solidarity?year=2026");
  ASSERT_EQ(res->status, 200) << res->body;
  json report = json::parse(res->body);
  EXPECT_EQ(report["year"], 2026);
  double shares = 0;
  for (const json& m : report["member_states"]) {
    if (m["takes_part"].get<bool>()) shares += m["fair_share_pct"].get<double>();
  }
  EXPECT_NEAR(shares, 100.0, 1e-6);  // the fair shares divide the whole pool
  std::string cli;
  ASSERT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + testing::DataDir() +
                                    " --json solidarity report --year 2026",
                                &cli),
            0)
      << cli;
  EXPECT_EQ(json::parse(cli), report);
  const json halved = json::parse(get("/v1/planning/solidarity?year=2026&eur_per_relocation=10000")->body);
  EXPECT_NE(halved, report);
  // Each report typed as the OpenAPI document says, over periods where some figures are missing
  // (the routes before the series' first year, a year whose rates are not all published).
  for (const auto& [route, path] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/planning/solidarity", "/v1/planning/solidarity?year=2026"},
           {"/v1/planning/capacity", "/v1/planning/capacity?at=2028-07-01"},
           {"/v1/planning/routes", "/v1/planning/routes?from=2023-01&to=2023-06"},
           {"/v1/planning/routes", "/v1/planning/routes?from=2024-11&to=2025-04"},
           {"/v1/planning/low-recognition", "/v1/planning/low-recognition?year=2025"},
           {"/v1/planning/indicators", "/v1/planning/indicators?year=2022"},
           {"/v1/planning/indicators", "/v1/planning/indicators?year=2023&top=200"}}) {
    auto typed = get(path);
    ASSERT_EQ(typed->status, 200) << path << ": " << typed->body;
    ExpectAnswerFollowsItsSchema({"GET", route, auth::Action::kPlanningRead, true}, *typed, true);
  }

  for (const auto& [path, field] : std::vector<std::pair<std::string, std::string>>{
           {"/v1/planning/solidarity?year=20x6", "year"},
           {"/v1/planning/solidarity?year=1999", "year"},  // no pool that year
           {"/v1/planning/solidarity?eur_per_relocation=-5", "eur_per_relocation"},
           {"/v1/planning/solidarity?eur_per_relocation=nan", "eur_per_relocation"},
           {"/v1/planning/capacity?at=2026-13-01", "at"},
           {"/v1/planning/routes?from=2024-01", "to"},
           {"/v1/planning/routes?from=2024-1&to=2024-12", "from"},
           {"/v1/planning/low-recognition", "year"},
           {"/v1/planning/indicators", "year"},
           {"/v1/planning/indicators?year=2025", "year"},  // no applicant figures that year
           {"/v1/planning/indicators?year=2024&top=0", "top"}}) {
    res = get(path);
    EXPECT_EQ(res->status, 422) << path << ": " << res->body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << path;
  }
  res = get("/v1/planning/capacity?at=2026-07-01");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_FALSE(json::parse(res->body)["member_states"].empty());
  res = get("/v1/planning/routes?from=2024-01&to=2024-12");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["months"].size(), 12u);
  res = get("/v1/planning/low-recognition?year=2024");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["year"], 2024);
  // The situation picture answers what the CLI prints.
  res = get("/v1/planning/indicators?year=2024&top=5");
  ASSERT_EQ(res->status, 200) << res->body;
  ASSERT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + testing::DataDir() +
                                    " --json stats indicators --year 2024 --top 5",
                                &cli),
            0)
      << cli;
  EXPECT_EQ(json::parse(cli), json::parse(res->body));
  EXPECT_EQ(json::parse(res->body)["citizenships"].size(), 5u);
}

// The solidarity report with pledges in the body answers what the CLI prints with --pledges, and
// names the pledge at fault.
TEST_F(ServerTest, SolidarityWithPledgesAnswersAsTheCli) {
  httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  const RouteInfo route{"POST", "/v1/planning/solidarity", auth::Action::kPlanningRead, true};
  auto res = PostJson(route.path,
                      R"({"year": 2026, "pledges": {"DEU": {"relocations": 1000, "financial_eur": 0,
                          "alternative_eur": 0, "relocations_accepted": 600},
                          "FRA": {"relocations": 200, "relocations_accepted": 250}},
                          "crisis_deductions": {"DEU": {"applications": 590, "authorised_by": "Decision 2027/1 - synthetic"}}})",
                      analyst);
  ASSERT_EQ(res->status, 200) << res->body;
  const json report = json::parse(res->body);
  EXPECT_EQ(report["pledged_relocations_total"], 1200);
  EXPECT_NE(report["year_end_offsets"].get<std::string>().find("Germany 400"), std::string::npos);
  ExpectAnswerFollowsItsSchema(route, *res, true);
  testing::TempDir dir;
  std::ofstream(dir.File("p.csv"))
      << "member_state,relocations,financial_eur,alternative_eur,relocations_accepted\nDEU,1000,0,0,600\nFRA,200,,,250\n";
  std::ofstream(dir.File("d.csv")) << "member_state,applications,authorised_by\nDEU,590,Decision 2027/1 - synthetic\n";
  std::string cli;
  ASSERT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + testing::DataDir() +
                                    " --json solidarity report --year 2026 --pledges " + dir.File("p.csv") +
                                    " --crisis-deductions " + dir.File("d.csv"),
                                &cli),
            0)
      << cli;
  EXPECT_EQ(json::parse(cli), report);
  bool deducted = false;
  for (const json& m : report["member_states"]) {
    if (m["code"] == "DEU") deducted = m["crisis_deduction"]["applications"] == 590;
  }
  EXPECT_TRUE(deducted);
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"pledges": {"XYZ": {"relocations": 1}}})", "pledges"},
           {R"({"pledges": {"DEU": {"relocations": 2.5}}})", "pledges.DEU.relocations"},
           {R"({"pledges": {"DEU": {"relocations": -1}}})", "pledges.DEU.relocations"},
           {R"({"pledges": {"DEU": {"financial_eur": "lots"}}})", "pledges.DEU.financial_eur"},
           {R"({"pledges": {"DEU": {"people": 3}}})", "pledges.DEU.people"},
           {R"({"pledges": {"DEU": 3}})", "pledges.DEU"},
           {R"({"pledges": [1]})", "pledges"},
           {R"({"year": 1999})", "year"},
           {R"({"eur_per_relocation": 0})", "eur_per_relocation"},
           {R"({"offsets": 1})", "offsets"}}) {
    res = PostJson(route.path, body, analyst);
    EXPECT_EQ(res->status, 422) << body << ": " << res->body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << body;
  }
}

// A request for offsets instead of relocations (AMMR Arts. 63(1)-(2), 69) answers what the CLI
// prints, typed, and names the body field at fault.
TEST_F(ServerTest, OffsetRequestAnswersAsTheCliAndNamesBadFields) {
  httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  const RouteInfo route{"POST", "/v1/planning/offset-request", auth::Action::kPlanningRead, true};
  auto res = PostJson(route.path,
                      R"({"requesting": "ITA", "requested": "DEU", "applications": 500, "received_on": "2026-09-01",
                          "offered": true, "pledges": {"DEU": {"relocations": 2300}}})",
                      analyst);
  ASSERT_EQ(res->status, 200) << res->body;
  ExpectAnswerFollowsItsSchema(route, *res, true);
  const json report = json::parse(res->body);
  EXPECT_EQ(report["allowed"], "yes");
  EXPECT_EQ(report["reply_due"], "2026-10-01");
  testing::TempDir dir;
  std::ofstream(dir.File("p.csv")) << "member_state,relocations\nDEU,2300\n";
  std::string cli;
  ASSERT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + testing::DataDir() +
                                    " solidarity offset-request --requesting ITA --requested DEU --applications 500"
                                    " --received-on 2026-09-01 --offered --pledges " + dir.File("p.csv"),
                                &cli),
            0)
      << cli;
  EXPECT_EQ(json::parse(cli), report);
  ASSERT_NE(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + testing::DataDir() +
                                    " solidarity offset-request --requesting ITA --requested DEU --applications 5"
                                    " --received-on 2026-06-30",
                                &cli),
            0);
  EXPECT_NE(cli.find("--received-on"), std::string::npos) << cli;
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"requested": "DEU", "applications": 5})", "requesting"},
           {R"({"requesting": "ITA", "requested": "ZZZ", "applications": 5})", "requested"},
           {R"({"requesting": "ITA", "requested": "DEU", "applications": 0})", "applications"},
           {R"({"requesting": "ITA", "requested": "DEU", "applications": 5, "received_on": "1/9/2026"})", "received_on"},
           {R"({"requesting": "ITA", "requested": "DEU", "applications": 5, "pledges": {"DEU": {"relocations": -1}}})",
            "pledges.DEU.relocations"}}) {
    auto bad = PostJson(route.path, body, analyst);
    EXPECT_EQ(bad->status, 422) << body << ": " << bad->body;
    EXPECT_EQ(json::parse(bad->body)["field"], field) << body;
  }
}

// The crisis offsets (Regulation (EU) 2024/1359, Art. 9) answer what the CLI prints with --json
// and name the body field at fault.
TEST_F(ServerTest, CrisisOffsetsAnswerAsTheCliAndNameBadFields) {
  httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  const RouteInfo route{"POST", "/v1/planning/crisis-offsets", auth::Action::kPlanningRead, true};
  auto res = PostJson(route.path,
                      R"({"member_state": "ITA", "relocation_needs": 20000,
                          "commitments": {"DEU": 3000, "FRA": 2000, "NLD": 1500, "MLT": 100},
                          "eligible_applications": 20000, "decision_ends": "2027-06-30",
                          "financial_needs_eur": 420000000,
                          "crisis_deductions": {"FRA": {"applications": 300, "authorised_by": "Decision 2027/9 - synthetic"}}})",
                      analyst);
  ASSERT_EQ(res->status, 200) << res->body;
  const json report = json::parse(res->body);
  EXPECT_EQ(report["status"], "triggered");
  EXPECT_EQ(report["offsets"], 13400);
  EXPECT_EQ(report["reduction_request_until"], "2032-06-30");
  EXPECT_TRUE(report["contributors"][0]["fair_share_eur"].is_number());
  ExpectAnswerFollowsItsSchema(route, *res, true);
  testing::TempDir dir;
  std::ofstream(dir.File("c.csv")) << "member_state,relocations\nDEU,3000\nFRA,2000\nNLD,1500\nMLT,100\n";
  std::ofstream(dir.File("d.csv")) << "member_state,applications,authorised_by\nFRA,300,Decision 2027/9 - synthetic\n";
  std::string cli;
  ASSERT_EQ(testing::RunCommand(std::string(OPENPACT_BINARY) + " --data-dir " + testing::DataDir() +
                                    " --json solidarity crisis-offsets --member-state ITA --relocation-needs 20000"
                                    " --crisis-deductions " + dir.File("d.csv") +
                                    " --commitments " + dir.File("c.csv") +
                                    " --eligible-applications 20000 --decision-ends 2027-06-30"
                                    " --financial-needs-eur 420000000",
                                &cli),
            0)
      << cli;
  EXPECT_EQ(json::parse(cli), report);
  bool deducted = false;
  for (const json& row : report["contributors"]) {
    if (row["code"] == "FRA") deducted = row["crisis_deduction"]["applications"] == 300;
  }
  EXPECT_TRUE(deducted);
  // Not computable: the nulls are typed too.
  res = PostJson(route.path, R"({"member_state": "GRC"})", analyst);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json::parse(res->body)["status"], "not_computable");
  ExpectAnswerFollowsItsSchema(route, *res, true);
  for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
           {R"({"relocation_needs": 5})", "member_state"},
           {R"({"member_state": "XYZ"})", "member_state"},
           {R"({"member_state": "ITA", "relocation_needs": 2.5})", "relocation_needs"},
           {R"({"member_state": "ITA", "financial_needs_eur": "much"})", "financial_needs_eur"},
           {R"({"member_state": "ITA", "financial_needs_eur": -5})", "financial_needs_eur"},
           {R"({"member_state": "ITA", "relocation_needs": -2})", "relocation_needs"},
           {R"({"member_state": "ITA", "commitments": {"DEU": "many"}})", "commitments.DEU"},
           {R"({"member_state": "ITA", "commitments": {"XYZ": 4}})", "commitments"},
           {R"({"member_state": "ITA", "commitments": [1]})", "commitments"},
           {R"({"member_state": "ITA", "article_13_authorised": "yes"})", "article_13_authorised"},
           {R"({"member_state": "ITA", "not_contributing": "HUN"})", "not_contributing"},
           {R"({"member_state": "ITA", "decision_ends": "30/06/2027"})", "decision_ends"},
           {R"({"member_state": "ITA", "year": 1999})", "year"},
           {R"({"member_state": "ITA", "pledges": {}})", "pledges"},
           {R"({"member_state": )", "body"}}) {
    res = PostJson(route.path, body, analyst);
    EXPECT_EQ(res->status, 422) << body << ": " << res->body;
    EXPECT_EQ(json::parse(res->body)["field"], field) << body;
  }
}

TEST_F(ServerTest, VersionNamesTheStoreAndSchema) {
  auto res = Call({"GET", "/v1/version", auth::Action::kVersionRead, true}, tokens_[auth::Role::kAnalyst]);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  json j = json::parse(res->body);
  EXPECT_EQ(j["name"], "openpact");
  EXPECT_EQ(j["store"], "sqlite");
  EXPECT_EQ(j["schema_version"], store::LatestSchemaVersion());
}

TEST_F(ServerTest, MetricsCountRequestsInPrometheusFormat) {
  client_->Get("/healthz");
  auto res = Call({"GET", "/metrics", auth::Action::kMetricsRead, true}, tokens_[auth::Role::kAdmin]);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(res->body.find("# TYPE openpact_http_requests_total counter"), std::string::npos);
  EXPECT_NE(res->body.find("openpact_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"),
            std::string::npos)
      << res->body;
  EXPECT_NE(res->body.find("openpact_http_request_duration_seconds_bucket"), std::string::npos);
  // The resident registry index's searches ahead: none yet.
  EXPECT_NE(res->body.find("openpact_registry_searches_ahead_total{outcome=\"caught_up\"} 0"), std::string::npos)
      << res->body;
}

TEST_F(ServerTest, TokenCreationValidatesInputAndIsAudited) {
  httplib::Headers h = {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}};
  auto bad = client_->Post("/v1/tokens", h, "{not json", "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  const std::string deep = R"({"name":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  auto too_deep = client_->Post("/v1/tokens", h, deep, "application/json");
  ASSERT_TRUE(too_deep);
  EXPECT_EQ(too_deep->status, 422);
  EXPECT_EQ(json::parse(too_deep->body)["field"], "body");
  auto two_lines = client_->Post("/v1/tokens", h, R"({"name":"a\nb","role":"analyst"})", "application/json");
  ASSERT_TRUE(two_lines);
  EXPECT_EQ(two_lines->status, 422);
  EXPECT_EQ(json::parse(two_lines->body)["field"], "name");
  // A purpose that is no string was a 500 (nlohmann's value() threw); one with a newline would
  // have been written into the audit log as two lines.
  for (const char* body : {R"({"name":"n","role":"analyst","purpose":5})", R"({"name":"n","role":"analyst","purpose":"a\nb"})"}) {
    auto bad_purpose = client_->Post("/v1/tokens", h, body, "application/json");
    ASSERT_TRUE(bad_purpose);
    EXPECT_EQ(bad_purpose->status, 422) << body;
    EXPECT_EQ(json::parse(bad_purpose->body)["field"], "purpose") << body;
  }
  auto unknown_role = client_->Post("/v1/tokens", h, R"({"name":"n","role":"king"})", "application/json");
  ASSERT_TRUE(unknown_role);
  EXPECT_EQ(unknown_role->status, 422);
  EXPECT_EQ(json::parse(unknown_role->body)["field"], "role");
  auto extra = client_->Post("/v1/tokens", h, R"({"name":"n","role":"analyst","x":1})", "application/json");
  ASSERT_TRUE(extra);
  EXPECT_EQ(json::parse(extra->body)["field"], "x");
  auto ok = client_->Post("/v1/tokens", h, R"({"name":"dash","role":"analyst"})", "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 201);
  const std::string secret = json::parse(ok->body)["token"];
  auto with_new = client_->Get("/v1/version", {{"Authorization", "Bearer " + secret}});
  ASSERT_TRUE(with_new);
  EXPECT_EQ(with_new->status, 200);
  auto entries = client_->Get("/v1/audit/entries", h);
  ASSERT_TRUE(entries);
  bool found = false;
  const json body = json::parse(entries->body);
  for (const auto& e : body["entries"]) {
    found |= e["action"] == "token.create" && e["actor"] == "admin-token";
  }
  EXPECT_TRUE(found) << entries->body;
}

// A second server on the port of a live one is refused (httplib's SO_REUSEPORT let it start and
// take half of the requests).
TEST_F(ServerTest, ABusyPortIsRefused) {
  auto second = Server::Create(Options("api.db", server_->port()));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  const Status bound = (*second)->Bind();
  ASSERT_FALSE(bound.ok());
  EXPECT_NE(bound.message().find("in use"), std::string::npos) << bound.ToString();
}

// A stop that comes before the run listens (a signal during start-up) ends the run at once; it was
// lost, and the server then listened for ever.
TEST_F(ServerTest, AStopBeforeTheRunEndsIt) {
  auto server = Server::Create(Options("api.db", 0));
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  ASSERT_TRUE((*server)->Bind().ok());
  (*server)->Stop();
  std::atomic<bool> returned{false};
  std::thread run([&] {
    (void)(*server)->Run();
    returned = true;
  });
  // 60 s: generous for a sanitizer build on a loaded machine; a lost Stop never returns.
  for (int i = 0; i < 6000 && !returned; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(returned) << "Run did not return within 60 s of an earlier Stop";
  if (!returned) (*server)->Stop();  // let the thread end either way
  run.join();
}

// A request cannot forge lines of the request log: a URL-encoded newline in the path was written
// as a line break, after which the rest of the path read as a log line of its own.
TEST_F(ServerTest, TheRequestLogKeepsARequestOnOneLine) {
  // A ring buffer read under its own lock: httplib logs an unrouted request after its response
  // is sent, so the test waits for the line instead of reading the log at once.
  auto sink = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(64);
  auto previous = spdlog::default_logger();
  spdlog::set_default_logger(std::make_shared<spdlog::logger>("capture", sink));
  auto res = client_->Get("/v1/ver%0A2026-01-01T00:00:00.000%20info%20FORGED");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  std::string log;
  for (int i = 0; i < 3000 && log.find("FORGED") == std::string::npos; ++i) {  // up to 30 s
    log.clear();
    for (const std::string& line : sink->last_formatted()) log += line;
    if (log.find("FORGED") == std::string::npos) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  spdlog::set_default_logger(previous);
  EXPECT_NE(log.find("/v1/ver\\x0A2026-01-01T00:00:00.000 info FORGED"), std::string::npos) << log;
  EXPECT_EQ(log.find("\n2026-01-01T00:00:00.000 info FORGED"), std::string::npos) << log;
}

// Eurodac Art. 29(10): at the end of its retention period a record is erased automatically; the
// server does it at start and once a day, and audits it as its own action.
TEST_F(ServerTest, ExpiredRegistryRecordsAreErasedAutomatically) {
  {
    auto s = store::Store::Open(dir_.File("old.db"));
    ASSERT_TRUE(s.ok());
    ASSERT_TRUE((*s)->Migrate().ok());
    auth::TokenStore tokens(s->get());
    auto t = tokens.Create("auditor", auth::Role::kAuditor, "test");
    ASSERT_TRUE(t.ok());
    tokens_[auth::Role::kAuditor] = t->first;
    auto rules = rules::RulesData::Load(testing::DataDir());
    ASSERT_TRUE(rules.ok());
    registry::Registry reg(s->get(), &*rules);
    registry::SyntheticRecordSpec spec;
    // Transmitted yesterday, so kept five years from then (Eurodac Art. 29(6)) whenever the test
    // runs.
    const Date today = Date::Today();
    spec.event_date = today.AddDays(-2).ToString();
    spec.transmitted_on = today.AddDays(-1).ToString();
    for (uint64_t person : {1, 2}) {
      spec.person = person;
      auto record = registry::ParseRecord(registry::SyntheticRecordJson(spec), *rules);
      ASSERT_TRUE(record.ok()) << record.status().ToString();
      auto enrolled = reg.Enrol(*record, true, today, "test");
      ASSERT_TRUE(enrolled.ok()) << enrolled.status().ToString();
    }
    // No period of the recast (in force since 12 June 2026) has ended yet: one record is made to
    // look as if its period ended on the last day of 2025.
    ASSERT_TRUE((*s)->Exec("UPDATE registry_record SET erase_on = '2025-12-31' WHERE reference = 'ITA-SYN-1-1'").ok());
  }
  server_->Stop();
  thread_.join();
  ServerOptions options = Options("old.db", 0);
  options.audit_key_path = dir_.File("old.key");  // one key per store
  auto server = Server::Create(options);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(*server);
  ASSERT_TRUE(server_->Bind().ok());
  thread_ = std::thread([this] { (void)server_->Run(); });
  client_ = std::make_unique<httplib::Client>("127.0.0.1", server_->port());
  httplib::Headers auditor = {{"Authorization", "Bearer " + tokens_[auth::Role::kAuditor]}};
  int64_t records = -1;
  // The expiry runs on the server's own thread; up to 60 s (a sanitizer build on a loaded machine).
  for (int i = 0; i < 1200 && records != 1; ++i) {
    auto res = client_->Get("/v1/registry/stats", auditor);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    records = json::parse(res->body)["records"];
    if (records != 1) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(records, 1);  // the record whose period ended is gone, the other kept
  auto entries = client_->Get("/v1/audit/entries?limit=1000", auditor);
  ASSERT_TRUE(entries);
  bool audited = false, border_files = false;
  const json log = json::parse(entries->body);
  for (const json& e : log["entries"]) {
    audited |= e["action"] == "registry.erase" && e["outcome"] == "expire" && e["role"] == "system";
    // The same daily pass erases the border procedure files whose keeping ended (APR Art. 72(1)).
    border_files |= e["action"] == "border_procedure" && e["outcome"] == "expire" && e["role"] == "system";
  }
  EXPECT_TRUE(audited) << entries->body;
  EXPECT_TRUE(border_files) << entries->body;
}

TEST_F(ServerTest, AStoreThatDoesNotExistIsRefused) {
  auto server = Server::Create(Options("typo.db", 0));
  ASSERT_FALSE(server.ok());
  EXPECT_EQ(server.status().field(), "--db");
  EXPECT_FALSE(std::filesystem::exists(dir_.File("typo.db")));
}

TEST_F(ServerTest, DeniedRequestsAreAuditedAndTheLogVerifies) {
  httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  auto res = client_->Get("/v1/audit/entries", analyst);
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
  httplib::Headers auditor = {{"Authorization", "Bearer " + tokens_[auth::Role::kAuditor]}};
  auto entries = client_->Get("/v1/audit/entries", auditor);
  ASSERT_TRUE(entries);
  json list = json::parse(entries->body)["entries"];
  bool denied = false;  // the server's own daily expiry may come before it
  for (const json& e : list) denied |= e["outcome"] == "permission_denied" && e["role"] == "analyst";
  EXPECT_TRUE(denied) << list.dump();
  auto verify = client_->Get("/v1/audit/verify", auditor);
  ASSERT_TRUE(verify);
  EXPECT_EQ(json::parse(verify->body)["ok"], true) << verify->body;
  // Paging parameters are whole numbers ("1e3" once read as 1, "abc" as 0).
  for (const char* query : {"?limit=1e3", "?limit=0", "?after=abc", "?after=-1", "?limit=5x"}) {
    auto bad = client_->Get(std::string("/v1/audit/entries") + query, auditor);
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 422) << query;
    EXPECT_EQ(json::parse(bad->body)["field"], std::string(query).substr(1, std::string(query).find('=') - 1)) << query;
  }
  auto page = client_->Get("/v1/audit/entries?after=0&limit=1", auditor);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->status, 200);
  json one = json::parse(page->body)["entries"];
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0]["seq"], 1);
}

// A decision processes a person's case: without its audit entry it is not answered (503), and a
// token whose audit entry fails is not created.
TEST_F(ServerTest, NothingIsAnsweredOrCreatedWithoutItsAuditEntry) {
  auto side = store::Store::Open(dir_.File("api.db"));
  ASSERT_TRUE(side.ok());
  ASSERT_TRUE((*side)->Exec("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log "
                            "BEGIN SELECT RAISE(ABORT, 'audit refused'); END").ok());
  httplib::Headers caseworker = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  auto decided = client_->Post("/v1/decisions/procedure", caseworker, kCase, "application/json");
  ASSERT_TRUE(decided);
  EXPECT_EQ(decided->status, 503) << decided->body;
  EXPECT_EQ(decided->body.find("admissibility"), std::string::npos);
  httplib::Headers admin = {{"Authorization", "Bearer " + tokens_[auth::Role::kAdmin]}};
  auto created = client_->Post("/v1/tokens", admin, R"({"name":"unlogged","role":"analyst"})", "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 503) << created->body;
  ASSERT_TRUE((*side)->Exec("DROP TRIGGER refuse_audit").ok());
  auto names = (*side)->Query("SELECT count(*) FROM api_token WHERE name = 'unlogged'");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(names->rows[0].Int(0), 0);
  auto again = client_->Post("/v1/decisions/procedure", caseworker, kCase, "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200);
}

// The responsibility decision (AMMR Part III): the contract's example, a refusal naming the field,
// the caseworker's right only, and an audit entry per decision.
TEST_F(ServerTest, ResponsibilityDecisionAnswersRefusesAndIsAudited) {
  httplib::Headers h = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  auto ok = client_->Post("/v1/decisions/responsibility", h, kResponsibilityCase, "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  const json d = json::parse(ok->body);
  EXPECT_EQ(d["responsible_member_state"], "FRA");
  EXPECT_EQ(d["criterion"], "family_member_beneficiary");
  EXPECT_EQ(d["legal_basis"], "Regulation (EU) 2024/1351, Art. 26(1)");
  EXPECT_EQ(d["deadlines"][0]["date"], "2026-10-20");
  std::string bad = kResponsibilityCase;
  bad.replace(bad.find("\"FRA\""), 5, "\"TUR\"");  // not a State of the Dublin system
  auto refused = client_->Post("/v1/decisions/responsibility", h, bad, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(json::parse(refused->body)["field"], "family[0].member_state");
  // Registered before 1 July 2026: Dublin III's criteria (AMMR Art. 84(2)), judged on the lodging,
  // which must then be given; with it, decided on those criteria.
  const std::string dublin = R"({"decision_date": "2026-09-01", "member_state": "DEU", "registered_on": "2026-06-30",
    "applicant": {"nationality": "AFG"}})";
  auto old = client_->Post("/v1/decisions/responsibility", h, dublin, "application/json");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 422);
  EXPECT_EQ(json::parse(old->body)["field"], "lodged_on");
  json lodged = json::parse(dublin);
  lodged["lodged_on"] = "2026-06-30";
  lodged["entry"] = {{"irregular_entry", {{"member_state", "ITA"}, {"date", "2026-05-02"}}}};
  auto decided = client_->Post("/v1/decisions/responsibility", h, lodged.dump(), "application/json");
  ASSERT_TRUE(decided);
  ASSERT_EQ(decided->status, 200) << decided->body;
  const json d3 = json::parse(decided->body);
  EXPECT_EQ(d3["responsible_member_state"], "ITA");
  EXPECT_EQ(d3["legal_basis"], "Regulation (EU) No 604/2013, Art. 13(1)");
  EXPECT_EQ(d3["regime"].get<std::string>().rfind("Regulation (EU) No 604/2013", 0), 0u) << d3["regime"];
  // The request's time limit under both readings of Art. 84(2): Dublin III's three months from the
  // lodging run (30 September), the AMMR's two months from the registration have passed (Monday 31
  // August): flagged, the designation kept.
  ASSERT_EQ(d3["deadlines"].size(), 2u) << d3.dump();
  EXPECT_EQ(d3["deadlines"][0]["date"], "2026-09-30");
  EXPECT_EQ(d3["deadlines"][1]["date"], "2026-08-31");
  EXPECT_NE(decided->body.find("dublin3_readings_differ"), std::string::npos);
  httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  auto denied = client_->Post("/v1/decisions/responsibility", analyst, kResponsibilityCase, "application/json");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  // The family procedure (Art. 28): the father's French visa against the mother's Italian entry; he
  // is the elder, so both go to France (28(b)).
  const std::string family = R"({"members": [
    {"decision_date": "2026-09-01", "member_state": "DEU", "registered_on": "2026-08-20",
     "applicant": {"nationality": "SYR", "date_of_birth": "1980-01-01"},
     "documents": [{"type": "visa", "issued_by": "FRA", "valid_from": "2026-07-01", "valid_until": "2026-09-30"}]},
    {"decision_date": "2026-09-01", "member_state": "DEU", "registered_on": "2026-08-20",
     "applicant": {"nationality": "SYR", "date_of_birth": "1984-05-05"},
     "eurodac_hits": [{"category": "irregular_crosser", "member_state": "ITA", "date": "2026-08-01"}]}]})";
  auto together = client_->Post("/v1/decisions/responsibility/family", h, family, "application/json");
  ASSERT_TRUE(together);
  ASSERT_EQ(together->status, 200) << together->body;
  const json f = json::parse(together->body);
  EXPECT_EQ(f["responsible_member_state"], "FRA");
  EXPECT_EQ(f["legal_basis"], "Regulation (EU) 2024/1351, Art. 28(b)");
  EXPECT_EQ(f["members"][1]["criterion"], "family_procedure");
  auto one = client_->Post("/v1/decisions/responsibility/family", h, R"({"members": []})", "application/json");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->status, 422);
  EXPECT_EQ(json::parse(one->body)["field"], "members");
  const auto outcomes = AuditOutcomes();
  EXPECT_EQ(outcomes.count("decide.responsibility ok") ? outcomes.at("decide.responsibility ok") : 0, 3);  // the example, the Dublin III case, the family
  EXPECT_EQ(outcomes.count("decide.responsibility invalid_argument") ? outcomes.at("decide.responsibility invalid_argument") : 0, 3);
}

// The return border procedure (Regulation (EU) 2024/1349): the example's answer, a refusal naming the
// field, the rights of border guards and caseworkers only, and an audit entry per decision.
TEST_F(ServerTest, ReturnBorderDecisionAnswersRefusesAndIsAudited) {
  httplib::Headers guard = {{"Authorization", "Bearer " + tokens_[auth::Role::kBorderGuard]}};
  auto ok = client_->Post("/v1/decisions/return-border", guard, kReturnBorderCase, "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  const json d = json::parse(ok->body);
  EXPECT_EQ(d["return_border_procedure"], "applies");
  EXPECT_EQ(d["right_to_remain_ended_on"], "2026-10-01");
  EXPECT_EQ(d["deadlines"][0]["name"], "return_border_procedure_maximum");
  EXPECT_EQ(d["deadlines"][0]["date"], "2026-12-24");  // 12 weeks, Thursday to Thursday
  EXPECT_EQ(d["detention"], "may_continue");
  // ?at= decides as of another day: on 10 January 2027 the period has ended.
  auto later = client_->Post("/v1/decisions/return-border?at=2027-01-10", guard, kReturnBorderCase, "application/json");
  ASSERT_TRUE(later);
  ASSERT_EQ(later->status, 200) << later->body;
  EXPECT_EQ(json::parse(later->body)["deadlines"][0]["state"], "expired");
  std::string bad = kReturnBorderCase;
  bad.replace(bad.find("\"unfounded\""), 11, "\"inadmissible\"");  // without its ground of Art. 38
  auto refused = client_->Post("/v1/decisions/return-border", guard, bad, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(json::parse(refused->body)["field"], "rejection.inadmissibility_ground");
  httplib::Headers caseworker = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  auto also = client_->Post("/v1/decisions/return-border", caseworker, kReturnBorderCase, "application/json");
  ASSERT_TRUE(also);
  EXPECT_EQ(also->status, 200);
  httplib::Headers analyst = {{"Authorization", "Bearer " + tokens_[auth::Role::kAnalyst]}};
  auto denied = client_->Post("/v1/decisions/return-border", analyst, kReturnBorderCase, "application/json");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  const auto outcomes = AuditOutcomes();
  EXPECT_EQ(outcomes.count("decide.return_border ok") ? outcomes.at("decide.return_border ok") : 0, 3);
  EXPECT_EQ(outcomes.count("decide.return_border invalid_argument") ? outcomes.at("decide.return_border invalid_argument") : 0, 1);
}

TEST_F(ServerTest, ReceptionDecisionAnswersRefusesAndIsAudited) {
  std::string bad = kReceptionCase;
  bad.replace(bad.find("\"administrative\""), 16, "\"a_court\"");
  const auto [d, later] =
      ExpectDecisionEndpoint("/v1/decisions/reception", kReceptionCase, "2026-10-20", auth::Role::kAsylumCaseworker,
                             bad, "detention.ordered_by", auth::Role::kBorderGuard, "decide.reception");
  EXPECT_EQ(d["detention_review"], "pending");
  EXPECT_EQ(d["labour_market_access"], "due");
  auto dates = DeadlineDates(d);
  EXPECT_EQ(dates["detention_review"], "2026-10-13");   // 15 days from Monday 28 September
  EXPECT_EQ(dates["detention_release"], "2026-10-19");  // 21 days
  EXPECT_EQ(dates["labour_market_access"], "2027-03-10");
  // On 20 October the review is late and the applicant is released.
  EXPECT_EQ(later["detention_review"], "release_required");
}

TEST_F(ServerTest, ProtectionDocumentsDecisionAnswersRefusesAndIsAudited) {
  std::string bad = kProtectionDocumentsCase;
  bad.replace(bad.find("\"refugee\""), 9, "\"asylum\"");
  const auto [d, later] = ExpectDecisionEndpoint("/v1/decisions/protection-documents", kProtectionDocumentsCase,
                                                 "2026-09-20", auth::Role::kAsylumCaseworker, bad, "protection.status",
                                                 auth::Role::kAnalyst, "decide.protection_documents");
  EXPECT_EQ(d["residence_permit"], "due");
  EXPECT_EQ(d["travel_document"], "due");
  auto dates = DeadlineDates(d);
  EXPECT_EQ(dates["residence_permit_or_provisional_measures"], "2026-09-16");  // 15 days from the grant
  EXPECT_EQ(dates["residence_permit"], "2026-12-02");                          // 90 days from the notification
  // On 20 September provisional measures are owed.
  ASSERT_EQ(later["flags"].size(), 1u);
  EXPECT_EQ(later["flags"][0]["code"], "provisional_measures_required");
}

TEST_F(ServerTest, AdmissionDecisionAnswersRefusesAndIsAudited) {
  std::string bad = kAdmissionCase;
  bad.replace(bad.find("\"resettlement\""), 14, "\"relocation\"");
  const auto [d, later] =
      ExpectDecisionEndpoint("/v1/decisions/admission", kAdmissionCase, "2026-10-20", auth::Role::kAsylumCaseworker,
                             bad, "admission", auth::Role::kAuditor, "decide.admission");
  EXPECT_EQ(d["procedure"], "running");
  EXPECT_TRUE(d["data_kept_until"].is_null());
  ASSERT_EQ(d["deadlines"].size(), 1u);
  EXPECT_EQ(d["deadlines"][0]["name"], "admission_conclusion");
  EXPECT_EQ(d["deadlines"][0]["date"], "2026-10-16");  // seven months
  EXPECT_EQ(later["deadlines"][0]["state"], "expired");
}

TEST_F(ServerTest, ProcedureDecisionAnswersAndRefusesBadInputWith422) {
  httplib::Headers h = {{"Authorization", "Bearer " + tokens_[auth::Role::kAsylumCaseworker]}};
  auto ok = client_->Post("/v1/decisions/procedure", h, kCase, "application/json");
  ASSERT_TRUE(ok);
  ASSERT_EQ(ok->status, 200) << ok->body;
  json d = json::parse(ok->body);
  EXPECT_EQ(d["admissibility"], "admissible");
  EXPECT_EQ(d["procedure"], "accelerated");
  EXPECT_EQ(d["border_procedure"], "not_applicable");
  EXPECT_EQ(d["grounds"][0]["legal_basis"], "Regulation (EU) 2024/1348, Art. 42(1)(e)");
  std::string bad = kCase;
  bad.replace(bad.find("MAR"), 3, "XYZ");
  auto refused = client_->Post("/v1/decisions/procedure", h, bad, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422);
  EXPECT_EQ(refused->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(json::parse(refused->body)["field"], "applicant.nationality");
  auto malformed = client_->Post("/v1/decisions/procedure", h, "{", "application/json");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->status, 422);
  EXPECT_EQ(json::parse(malformed->body)["field"], "body");
  EXPECT_NE(json::parse(malformed->body)["detail"].get<std::string>().find("at column 2:"), std::string::npos)
      << malformed->body;
  auto bad_at = client_->Post("/v1/decisions/procedure?at=2026-99-01", h, kCase, "application/json");
  ASSERT_TRUE(bad_at);
  EXPECT_EQ(json::parse(bad_at->body)["field"], "at");
  // Each decision is audited by a hash of the case, not its content.
  httplib::Headers auditor = {{"Authorization", "Bearer " + tokens_[auth::Role::kAuditor]}};
  auto entries = client_->Get("/v1/audit/entries", auditor);
  const json log = json::parse(entries->body);
  int decisions = 0;
  for (const auto& e : log["entries"]) {
    if (e["action"] == "decide.procedure") {
      ++decisions;
      EXPECT_EQ(e["object"].get<std::string>().rfind("case:b2:", 0), 0u);
      EXPECT_EQ(e["object"].get<std::string>().find("MAR"), std::string::npos);
    }
  }
  EXPECT_EQ(decisions, 3);  // the request with a bad ?at= was refused before deciding
}

TEST_F(ServerTest, UnknownRouteIsProblemJson) {
  auto res = client_->Get("/v1/nothing-here");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/problem+json");
  EXPECT_EQ(json::parse(res->body)["status"], 404);
}

}  // namespace
}  // namespace openpact::api
