#!/usr/bin/python3
"""The dashboard (web/) in a real browser: headless Chromium driven over the DevTools protocol.

Starts `openpact serve` on a fresh demo store (scripts/demo.sh: SYNTHETIC data and tokens), opens
the dashboard, logs in with each role's token as a user would (the token field and its form), submits
every form of the page with the example cases the page itself fills in (and a few more), and checks
what the page shows: the figures and conclusions the API answered, rendered, with no error element,
no uncaught exception and no Content-Security-Policy violation in the console.

The demo's case files are dated 2026 and the checks read them. From DEMO_FILES_KEPT_UNTIL on, the
daily expiry rightly erases the first of them (a screening file is kept 5 years, Screening Reg.
Art. 18(7)), so from that day the demo and the server run at a faked instant within their keeping,
DEMO_CLOCK (scripts/faked-clock.sh, libfaketime), and the test says so.

Usage: tests/web/dashboard_e2e.py BUILD_DIR/src/cli/openpact [--keep]
Exit status: 0 passed, 1 failed, 77 skipped (no Chromium, no python3-websocket, or from
DEMO_FILES_KEPT_UNTIL no libfaketime: `make test` installs them; ctest reports 77 as skipped).
Runs with Debian's /usr/bin/python3, which finds python3-websocket.
"""
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

SKIP = 77
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The day before which every demo case file is still kept (the first screening file's event,
# 2026-09-01, and its 5 years), and the instant (UTC) at which the demo runs from that day on: one
# at which `make clock-sweep` has seen this test pass on the real clock.
DEMO_FILES_KEPT_UNTIL = datetime.date(2031, 9, 1)
DEMO_CLOCK = "2028-01-07 12:00:00"


def wait_http(url, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.read()
        except Exception:
            time.sleep(0.2)
    raise RuntimeError("no answer from " + url + " within " + str(seconds) + " s")


def wait_port(process, path, pattern, seconds, who):
    """The port that `process`, started on port 0, names in the file `path`: the first group of
    `pattern`. Raised with what the file holds if the process ends first."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with open(path) as f:
                text = f.read()
        except FileNotFoundError:  # not written yet
            text = ""
        found = re.search(pattern, text)
        if found:
            return int(found.group(1))
        if process.poll() is not None:
            raise RuntimeError("%s ended (%d) before naming its port: %s" % (who, process.returncode, text))
        time.sleep(0.1)
    raise RuntimeError("%s named no port within %d s" % (who, seconds))


class Page:
    """One tab of Chromium, driven over its DevTools websocket."""

    def __init__(self, ws_url, websocket):
        self.ws = websocket.create_connection(ws_url, timeout=60)
        self.next_id = 0
        self.console_errors = []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(method + ": " + json.dumps(msg["error"]))
                return msg.get("result", {})
            self.observe(msg)

    def observe(self, msg):
        method = msg.get("method")
        if method == "Runtime.exceptionThrown":
            self.console_errors.append(json.dumps(msg["params"]["exceptionDetails"])[:400])
        elif method == "Log.entryAdded":
            entry = msg["params"]["entry"]
            if entry.get("level") == "error":
                self.console_errors.append(entry.get("text", "")[:400])
        elif method == "Runtime.consoleAPICalled" and msg["params"].get("type") == "error":
            self.console_errors.append(json.dumps(msg["params"].get("args"))[:400])

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError("page script failed: " + json.dumps(result["exceptionDetails"])[:600])
        return result["result"].get("value")


# Helpers defined in the page: log in through the token form, submit a form and wait for its
# output to settle (anything but the "loading…" placeholder), and read an output as text with
# whether it holds an error element.
HELPERS = r"""
window.__e2e = {
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  async login(token) {
    document.getElementById('token').value = token;
    document.getElementById('login').requestSubmit();
    for (let i = 0; i < 600; ++i) {  // up to 30 s: a loaded machine
      await this.sleep(50);
      if (sessionStorage.getItem('openpact.token') === token) return true;
    }
    return false;
  },
  async submit(form, out, fill) {
    // A checkbox is filled with true or false, any other field with its text.
    if (fill) {
      for (const [id, value] of Object.entries(fill)) {
        const field = document.getElementById(id);
        if (typeof value === 'boolean') field.checked = value; else field.value = value;
      }
    }
    const target = document.getElementById(out);
    target.replaceChildren();
    document.getElementById(form).requestSubmit();
    for (let i = 0; i < 800; ++i) {  // up to 40 s, inside the DevTools socket's 60 s
      await this.sleep(50);
      const text = target.textContent;
      if (text && text !== 'loading…') {
        return {text, error: target.querySelector('.error') !== null};
      }
    }
    return {text: 'TIMEOUT', error: true};
  },
};
true
"""


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    binary = os.path.abspath(sys.argv[1])
    keep = "--keep" in sys.argv
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        import websocket  # python3-websocket
    except ImportError:
        print("SKIP: python3-websocket is not installed (Debian package python3-websocket)")
        return SKIP
    if chromium is None:
        print("SKIP: no chromium on PATH (Debian package chromium)")
        return SKIP

    faked_clock = os.path.join(ROOT, "scripts", "faked-clock.sh")
    fake_the_clock = datetime.date.today() >= DEMO_FILES_KEPT_UNTIL
    if fake_the_clock and subprocess.run([faked_clock, "--available"]).returncode != 0:
        print("SKIP: from %s the demo's 2026 case files are past their retention, and running the demo at %s "
              "needs libfaketime (Debian package libfaketime)" % (DEMO_FILES_KEPT_UNTIL, DEMO_CLOCK))
        return SKIP

    work = tempfile.mkdtemp(prefix="openpact-e2e-")
    procs = []
    failures = []
    try:
        if fake_the_clock:
            print("the demo's case files are dated 2026 and past their retention from %s: the demo and the server "
                  "run at %s UTC (scripts/faked-clock.sh)" % (DEMO_FILES_KEPT_UNTIL, DEMO_CLOCK))
            wrapper = os.path.join(work, "openpact")
            with open(wrapper, "w") as f:
                f.write('#!/bin/sh\nexec "%s" "%s" "%s" "$@"\n' % (faked_clock, DEMO_CLOCK, binary))
            os.chmod(wrapper, 0o755)
            binary = wrapper
        db = os.path.join(work, "demo.db")
        # The demo store of `make run` (scripts/demo.sh), built by the binary under test.
        env = dict(os.environ, OPENPACT_BIN=binary)
        demo = subprocess.run(["bash", os.path.join(ROOT, "scripts", "demo.sh"), db, db + ".audit.key"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        if demo.returncode != 0:
            print(demo.stdout, demo.stderr)
            return 1
        tokens = {}
        for line in open(db + ".demo-tokens.txt"):
            if line.startswith("#") or not line.strip():
                continue
            role, token = line.split()
            tokens[role] = token

        # Port 0: the server takes a free port and its start-up line names it (no window in which
        # another process could take a port chosen here first).
        server_log = os.path.join(work, "server.log")
        server = subprocess.Popen([binary, "--db", db, "--audit-key", db + ".audit.key", "serve", "--port", "0"],
                                  stdout=open(server_log, "w"), stderr=subprocess.STDOUT)
        procs.append(server)
        base = "http://127.0.0.1:%d" % wait_port(server, server_log, r"serving on http://127\.0\.0\.1:(\d+)", 120,
                                                  "the server")
        wait_http(base + "/healthz", 60)

        # Its DevTools port chosen the same way: 0, and Chromium names the port it took.
        profile = os.path.join(work, "chromium")
        browser = subprocess.Popen([chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                    "--disable-dev-shm-usage", "--remote-debugging-port=0",
                                    "--user-data-dir=" + profile, "about:blank"],
                                   stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "chromium.log"), "w"))
        procs.append(browser)
        # (DevToolsActivePort: the port on its first line, the browser's path on the next.)
        devtools = wait_port(browser, os.path.join(profile, "DevToolsActivePort"), r"\A(\d+)\n", 60, "Chromium")
        wait_http("http://127.0.0.1:%d/json/version" % devtools, 60)
        targets = json.loads(wait_http("http://127.0.0.1:%d/json/list" % devtools, 10))
        page_target = next(t for t in targets if t.get("type") == "page")
        page = Page(page_target["webSocketDebuggerUrl"], websocket)
        page.call("Runtime.enable")
        page.call("Log.enable")
        page.call("Page.enable")
        page.call("Page.navigate", url=base + "/")
        for _ in range(1200):  # up to 60 s: a loaded machine
            if page.evaluate("document.readyState") == "complete" and page.evaluate(
                    "document.getElementById('service').textContent") != "checking the service…":
                break
            time.sleep(0.05)
        page.evaluate(HELPERS)

        def check(name, ok, detail):
            print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail[:500]))
            if not ok:
                failures.append(name)

        service = page.evaluate("document.getElementById('service').textContent")
        check("service line before logging in", service == "service up", service)

        def login(role):
            check("log in as " + role, page.evaluate("__e2e.login(%s)" % json.dumps(tokens[role])) is True, role)

        def form(name, role, form_id, out_id, expect, fill=None, expect_error=False):
            login(role)
            res = page.evaluate("__e2e.submit(%s, %s, %s)" % (json.dumps(form_id), json.dumps(out_id), json.dumps(fill)))
            text = res["text"]
            missing = [e for e in expect if e not in text]
            ok = not missing and res["error"] == expect_error
            check(name, ok, ("missing %s; " % missing if missing else "") + ("an error shown; " if res["error"] else "")
                  + "page showed: " + text)

        login("auditor")
        for _ in range(600):  # up to 30 s
            service = page.evaluate("document.getElementById('service').textContent")
            if service != "service up":
                break
            time.sleep(0.05)
        check("service line once logged in: the version and the store", service.startswith("service up · openpact ")
              and "store sqlite" in service, service)
        # The registry, the planning reports, the audit chain: what each role sees.
        form("registry statistics", "registry_operator", "stats-form", "stats-out", ["records", "fingerprints"])
        form("the year's registry statistics (Eurodac Art. 12(2))", "registry_operator", "stats-form", "stats-out",
             ["Year 2026", "datasets_by_year_of_birth_and_sex"], fill={"stats-month": "2026"})
        form("unknown record: the API's 404, shown as an error", "registry_operator", "record-form", "record-out",
             ["404"], fill={"record-id": "edc-does-not-exist"}, expect_error=True)
        form("solidarity pool", "analyst", "solidarity-form", "solidarity-out", ["Italy", "Germany", "21.86 %"])
        form("solidarity pool with pledges (AMMR Art. 63(5))", "analyst", "solidarity-form", "solidarity-out",
             ["Year-end offsets", "Germany 400", "mandatory offsets",
              "Offsets instead of relocations (Art. 63(1)-(2)): relocation pledges of 1200 are below 50 % of the 30000"],
             fill={"solidarity-pledges": "DEU=1000/600 FRA=200/250"})
        form("solidarity pledges: a bad figure is the API's 422", "analyst", "solidarity-form", "solidarity-out",
             ["422", "pledges.DEU.relocations"], fill={"solidarity-pledges": "DEU=2.5"}, expect_error=True)
        form("crisis offsets (Crisis Reg. Art. 9)", "analyst", "offsets-form", "offsets-out",
             ["Italy: triggered", "offsets 9,000", "uncovered 3,000", "High-Level Forum required", "Art. 9(2)"])
        form("crisis offsets split by State", "analyst", "offsets-form", "offsets-out",
             ["Germany", "1,892", "indicative", "91,801,13"],
             fill={"offsets-commitments": "DEU=3000 FRA=2000 NLD=1500 MLT=100", "offsets-eligible": "20000",
                   "offsets-money": "420000000"})
        form("crisis offsets with the other beneficiaries' needs unmet (Art. 9(6))", "analyst", "offsets-form",
             "offsets-out", ["reconvened for the other beneficiaries (Art. 9(6)) required", "1200 of the other"],
             fill={"offsets-others": "1200"})
        form("crisis offsets with a State exempted", "analyst", "offsets-form", "offsets-out",
             ["Hungary is left out"], fill={"offsets-exempted": "hun"})
        form("crisis offsets excluded by an Art. 13 authorisation (Art. 9(1))", "analyst", "offsets-form", "offsets-out",
             ["not applicable article 13", "second subparagraph"], fill={"offsets-art13": True})
        form("crisis offsets: a bad code is the API's 422", "analyst", "offsets-form", "offsets-out", ["422", "member_state"],
             fill={"offsets-ms": "XYZ"}, expect_error=True)
        form("a request for offsets instead of relocations (AMMR Art. 69)", "analyst", "offset-request-form",
             "offset-request-out", ["Italy asks Germany for 500 application(s): may be asked",
                                    "answer due by 2026-10-01 (Art. 69(2))", "Art. 63(2)(b)"],
             fill={"oreq-received": "2026-09-01", "oreq-pledges": "DEU=2300", "oreq-offered": True})
        form("an offset request without the pool's pledges is undetermined", "analyst", "offset-request-form",
             "offset-request-out", ["undetermined", "the pool's pledges are not given"],
             fill={"oreq-received": "", "oreq-pledges": "", "oreq-offered": False})
        form("an offset request received before Art. 69 applied: the API's 422", "analyst", "offset-request-form",
             "offset-request-out", ["422", "received_on"], fill={"oreq-received": "2026-06-30"}, expect_error=True)
        form("border-procedure capacity", "analyst", "capacity-form", "capacity-out", ["8,016"])
        form("routes", "analyst", "routes-form", "routes-out", ["central_mediterranean_route", "66,855"])
        form("recognition rates at or below 20 %", "analyst", "lowrec-form", "lowrec-out", ["BGD"])
        form("the annual report's situation picture (AMMR Art. 9(3)(a))", "analyst", "indicators-form", "indicators-out",
             ["997,785 applicants in the EU27 in 2024", "Greece", "4.02", "(ix) applicants in the border procedure"])
        form("the outgoing responsibility procedures counted (the demo's request)", "analyst", "rf-report-form",
             "rf-report-out", ["take charge requests", "FRA 1", "Regulation (EU) 2024/1351, Art. 39",
                               "Requests received (Arts. 40-41): 0 file(s)"],
             fill={"rf-report-from": "2026-09-01", "rf-report-to": "2026-09-30"})
        form("the time limits that passed by the end of November, by the State on whom each ran", "analyst",
             "rf-report-form", "rf-report-out",
             ["Time limits passed on this State's own files (decided on 2026-11-30): 6", "transfer_decision",
              "not met", "Time limits passed on the requests received (decided on 2026-11-30): 0"],
             fill={"rf-report-from": "2026-09-01", "rf-report-to": "2026-11-30"})
        form("the requests France received, counted by the State that sent them", "analyst", "rf-report-form",
             "rf-report-out", ["Requests received (Arts. 40-41): 1 file(s)", "take charge requests received", "DEU 1"],
             fill={"rf-report-ms": "FRA", "rf-report-from": "2026-09-01", "rf-report-to": "2026-09-30"})
        form("a period that ends before it starts: the API's 422", "analyst", "rf-report-form", "rf-report-out",
             ["422", "from"], fill={"rf-report-from": "2026-10-01", "rf-report-to": "2026-09-01"}, expect_error=True)
        form("a year without applicant figures: the API's 422", "analyst", "indicators-form", "indicators-out",
             ["422", "year"], fill={"indicators-year": "2025"}, expect_error=True)
        form("audit chain", "auditor", "verify-form", "verify-out", ["intact:"])
        form("audit entries", "auditor", "entries-form", "entries-out", ["seq", "token.create", "installation initialised"])
        form("Eurodac notifications (the demo's hits)", "registry_operator", "notes-form", "notes-out",
             ["notification(s)"])
        form("law-enforcement queue", "verifying_authority", "le-queue-form", "le-queue-out", ["request(s)"])
        form("fundamental-rights monitoring (the demo's screening files)", "rights_monitor", "monitor-form", "monitor-out",
             ["3 screening file(s) of ITA", "1 closed after the time limit", "1 open past it", "Drawn at random: 1 file(s)"])
        form("monitoring is the monitor's alone: 403", "analyst", "monitor-form", "monitor-out", ["403"], expect_error=True)
        form("border procedure monitoring (the demo's files)", "rights_monitor", "bp-monitor-form", "bp-monitor-out",
             ["3 border procedure file(s) of ITA", "1 open", "no_right_to_remain", "Detained on", "(d, followed)",
              "Detention not reviewed in time",
              "4(2), 4(4)): 1 in it,",
              "Appeals (Regulation (EU) 2024/1348, Arts. 51(2), 67, 68)", "appeal_lodged 1", "leave_to_remain_refused 1",
              "appeal completed after the time limit (Art. 51(2))", "undecided, ",
              "Staying outside the register of places (Regulation (EU) 2024/1348, Art. 54(1), 54(3); "
              "Regulation (EU) 2024/1349, Art. 4(2)): none",
              "Drawn at random: 1 file(s)"])
        form("border procedure monitoring is the monitor's alone: 403", "asylum_caseworker", "bp-monitor-form",
             "bp-monitor-out", ["403"], expect_error=True)
        form("the border guards' work list (the demo's open screening)", "border_guard", "screening-list-form",
             "screening-list-out", ["1 open screening(s) of ITA", "overdue", "security, health, vulnerability, eurodac"])
        form("an unknown screening: the API's 404", "border_guard", "screening-show-form", "screening-show-out", ["404"],
             fill={"screening-id": "scr-does-not-exist"}, expect_error=True)
        form("the border procedure work list (the demo's open file)", "asylum_caseworker", "bp-list-form", "bp-list-out",
             ["1 open border procedure(s) of ITA", "since 2026-10-13", "(12 weeks)",
              "1 in the return border procedure (Regulation (EU) 2024/1349, Art. 4(2))", "2026-10-02",
              "not barred by an appeal stage"])
        form("the responsibility files' work list (the demo's two)", "asylum_caseworker", "rf-list-form", "rf-list-out",
             ["5 open responsibility file(s) of DEU", "take_charge_reply", "take_charge_request", "FRA", "v2",
              "ITA", "days, by FRA)"])
        form("an unknown responsibility file: the API's 404", "asylum_caseworker", "rf-show-form", "rf-show-out",
             ["404"], fill={"rf-id": "rsp-does-not-exist"}, expect_error=True)
        form("a responsibility file opened from the dashboard", "asylum_caseworker", "rf-case-form", "rf-case-out",
             ["opened rsp-", "version 1", "responsible: FRA", "family_member_beneficiary"])
        form("a new version of an unknown file: the API's 404", "asylum_caseworker", "rf-case-form", "rf-case-out",
             ["404"], fill={"rf-case-id": "rsp-does-not-exist"}, expect_error=True)
        form("the requests France received (the demo's one)", "asylum_caseworker", "rf-list-form", "rf-list-out",
             ["1 open request(s) received by FRA", "take_charge_reply"], fill={"rf-ms": "FRA", "rf-received": True})
        # The dashboard's example responsibility case as France receives it: Germany's take charge request,
        # sent (and so received) on 25 August, from which the reply's time limits run (AMMR Art. 40(1)).
        request_received = json.loads(page.evaluate("document.getElementById('responsibility-case').value"))
        request_received["take_charge_request_sent_on"] = "2026-08-25"
        form("a request received, opened as the receiving State's file", "asylum_caseworker", "rf-case-form",
             "rf-case-out", ["opened rsp-", "received by FRA from DEU", "the case requests FRA", "the reply owes",
                             "Regulation (EU) 2024/1351, Art. 40(1), (6), (8)"],
             fill={"rf-case-id": "", "rf-case-received": "FRA", "rf-case": json.dumps(request_received)})
        form("a request 'received' by the State that sent it: the API's 422", "asylum_caseworker", "rf-case-form",
             "rf-case-out", ["422", "received_by"], fill={"rf-case-id": "", "rf-case-received": "DEU"}, expect_error=True)
        form("joining an unknown file's family: the API's 404", "asylum_caseworker", "rf-family-form", "rf-family-out",
             ["404", "rsp-does-not-exist"], fill={"rf-family-id": "rsp-does-not-exist", "rf-family-with": "rsp-other"},
             expect_error=True)
        form("leaving the family of an unknown file: the API's 404", "asylum_caseworker", "rf-family-form",
             "rf-family-out", ["404"], fill={"rf-family-id": "rsp-does-not-exist"}, expect_error=True)
        form("responsibility files are the caseworkers' alone: 403", "analyst", "rf-list-form", "rf-list-out",
             ["403"], expect_error=True)
        form("border procedure occupancy against Italy's capacity", "asylum_caseworker", "bp-occupancy-form",
             "bp-occupancy-out", ["8,016", "16,032", "with the 1 in the return border procedure (Art. 48(1))",
                                   "concluded there in a decision", "Pozzallo hotspot (demo)",
                                   "Where they stay (Regulation (EU) 2024/1348, Art. 54(1), 54(3))",
                                   "Porto Empedocle centre (demo)", "designated", "250",
                                   "The designated places hold 370 together: below the adequate capacity."],
             fill={"bp-occ-at": "2026-11-30"})
        form("the register of the places (Art. 54(3)), read as planning data", "analyst", "bp-places-form",
             "bp-places-out", ["2 place(s) designated, holding 370 together", "Pozzallo hotspot (demo)",
                               "designated from 2026-06-12", "notified (due by 2026-04-11), notified on 2026-04-08",
                               "designated from 2026-11-02", "due by 2027-01-04"],
             fill={"bp-places-at": "2026-11-30"})
        form("the register once the second place's notification is overdue", "analyst", "bp-places-form",
             "bp-places-out", ["notifications overdue: 1"], fill={"bp-places-at": "2027-01-05"})
        form("occupancy with persons in the return border procedure given", "analyst", "bp-occupancy-form",
             "bp-occupancy-out", ["and 5 given (Art. 48(1))7"], fill={"bp-occ-return": "5", "bp-occ-at": "2026-11-30"})
        form("an unknown border procedure file: the API's 404", "asylum_caseworker", "bp-show-form", "bp-show-out",
             ["404"], fill={"bp-id": "bp-does-not-exist"}, expect_error=True)
        form("the work list is the caseworkers': 403", "border_guard", "bp-list-form", "bp-list-out", ["403"],
             expect_error=True)
        # A comparison with alphanumeric data (Art. 33(3)) made through the API, verified, then
        # read on the page by the designated authority.
        def api(method, path, role, body=None):
            req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": "Bearer " + tokens[role],
                                                  "Content-Type": "application/json", "X-Purpose": "e2e test"})
            with urllib.request.urlopen(req, timeout=30) as r:
                return json.loads(r.read())
        request = json.load(open(os.path.join(ROOT, "fuzz", "corpus", "law_enforcement_fuzz", "alphanumeric_request.json")))
        request["urgent"] = None
        submitted = api("POST", "/v1/law-enforcement/requests", "law_enforcement", request)
        api("POST", "/v1/law-enforcement/requests/%s/verify" % submitted["id"], "verifying_authority",
            {"conditions_met": True, "reasons": "every condition of Art. 33(1) is stated (e2e test)"})
        form("a law-enforcement result compared with alphanumeric data", "law_enforcement", "le-show-form",
             "le-show-out", ["compared", "compared with alphanumeric data"], fill={"le-show-id": submitted["id"]})
        # The decisions, each with the example case the page fills in.
        form("procedure decision (Morocco: accelerated)", "asylum_caseworker", "decide-form", "decide-out",
             ["accelerated", "42(1)(j)"])
        form("responsibility decision (spouse in France)", "asylum_caseworker", "responsibility-form",
             "responsibility-out", ["FRA", "on whom"])
        form("return border procedure", "asylum_caseworker", "return-border-form", "return-border-out",
             ["2024/1349"])
        form("reception conditions", "asylum_caseworker", "reception-form", "reception-out",
             ["Labour market:", "material reception conditions: entitled"])
        form("protection documents", "asylum_caseworker", "documents-form", "documents-out",
             ["Residence permit: issued"])
        form("admission procedure", "asylum_caseworker", "admission-form", "admission-out", ["2024/1350"])
        form("relocation (AMMR Art. 67)", "asylum_caseworker", "relocation-form", "relocation-out",
             ["Relocation: confirmed · confirmed on 2026-10-06", "relocation_transfer", "2026-11-03"])
        form("temporary protection (Directive 2001/55/EC)", "asylum_caseworker", "temporary-protection-form",
             "temporary-protection-out",
             ["Temporary protection: covered (Art. 2(1)(a)) · until 2027-03-04", "temporary_protection_ends",
              "Directive 2001/55/EC, Art. 14(1)", "Regulation (EU) 2024/1358, Art. 63(3)", "text_not_in_law_it"])
        form("return (Directive 2008/115/EC)", "border_guard", "return-form", "return-out",
             ["Return decision: required · voluntary departure: granted · entry ban: optional · removal: not_yet",
              "voluntary_departure", "2026-11-19", "Directive 2008/115/EC, Art. 7(1)"])
        # This session's additions, through the same forms.
        family_case = json.dumps({
            "decision_date": "2026-11-30", "member_state": "DEU", "nationality": "SYR",
            "protection": {"status": "refugee", "granted_on": "2026-09-01", "notified_on": "2026-09-03"},
            "residence_permit": {"issued_on": "2026-11-20", "valid_until": "2029-11-19"},
            "family_members": [{"relation": "spouse", "family_existed_before_arrival": True},
                               {"relation": "spouse", "family_existed_before_arrival": False}]})
        form("family members' permits (QR Art. 23)", "asylum_caseworker", "documents-form", "documents-out",
             ["family permits: due, not_a_family_member", "23(1)", "3(9)"], fill={"documents-case": family_case})
        revocation_case = json.dumps({
            "decision_date": "2027-03-01", "member_state": "DEU", "nationality": "SYR",
            "protection": {"status": "refugee", "granted_on": "2026-09-01", "notified_on": "2026-09-03"},
            "residence_permit": {"issued_on": "2026-09-15", "valid_until": "2029-09-14"},
            "revocation": {"examination_started_on": "2027-01-10", "danger_to_security": True}})
        form("revocation of the status (QR Art. 14)", "asylum_caseworker", "documents-form", "documents-out",
             ["status revocation: revoke", "14(1)(d)", "geneva_convention_rights_retained", "revocation_not_informed"],
             fill={"documents-case": revocation_case})
        reduced_case = json.dumps({
            "decision_date": "2026-09-30", "member_state": "ITA",
            "applicant": {"nationality": "AFG", "date_of_birth": "1995-03-02"},
            "application": {"made_on": "2026-09-07", "registered_on": "2026-09-10"},
            "material_conditions": {"measure": {"type": "withdraw_other", "ground": "b", "decided_on": "2026-09-20"}}})
        form("material reception conditions (RCD Art. 23)", "asylum_caseworker", "reception-form", "reception-out",
             ["material reception conditions: measure_not_permitted", "23(1), second subparagraph, point (b)"],
             fill={"reception-case": reduced_case})
        form("a malformed case: the field named", "asylum_caseworker", "documents-form", "documents-out",
             ["422", "family_members[0].family_existed_before_arrival"],
             fill={"documents-case": json.dumps({"decision_date": "2026-11-30", "member_state": "DEU",
                                                 "nationality": "SYR",
                                                 "protection": {"status": "refugee", "granted_on": "2026-09-01"},
                                                 "family_members": [{"relation": "spouse"}]})},
             expect_error=True)
        form("a role without the right: 403", "analyst", "decide-form", "decide-out", ["403"], expect_error=True)
        form("the audit chain after the decisions", "auditor", "verify-form", "verify-out", ["intact:"])

        # Drain the events that arrived after the last call, then judge the console.
        page.ws.settimeout(0.5)
        try:
            while True:
                page.observe(json.loads(page.ws.recv()))
        except Exception:
            pass
        # The two refusals above are answered 403 and 422 on purpose; the browser logs each failed
        # request as a console error of its own, which is not the page's fault.
        unexpected = [e for e in page.console_errors
                      if "status of 403" not in e and "status of 422" not in e and "status of 404" not in e]
        check("no uncaught exception, CSP violation or other console error", not unexpected, "; ".join(unexpected))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=10)
            except Exception:
                p.kill()
        if keep:
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("%d failed" % len(failures) if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
