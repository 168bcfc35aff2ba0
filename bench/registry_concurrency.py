#!/usr/bin/env python3
# A harness printing figures: how a server answers while registry comparisons run. Two clients
# search continuously (POST /v1/registry/search with one record document) while a third asks
# /healthz every 20 ms; prints the searches' latency and /healthz's.
#
#   build/release/bench/openpact_registry_bench --records 5000 --fingers 10 --probes 2 --db /tmp/conc.db
#   build/release/src/cli/openpact --db /tmp/conc.db --audit-key /tmp/conc.key init
#   T=$(build/release/src/cli/openpact --db /tmp/conc.db --audit-key /tmp/conc.key token create \
#         --role registry_operator --name conc)
#   build/release/src/cli/openpact synth records --persons 1 --captures 2 --seed 1 --out /tmp/q
#   build/release/src/cli/openpact --db /tmp/conc.db --audit-key /tmp/conc.key serve --port 18111 &
#   python3 bench/registry_concurrency.py 18111 "$T" /tmp/q/1_2.json 30
#
# With a PATH (e.g. /v1/registry/records/ID, a record shown), the third client asks that path,
# with the token, instead of /healthz.
#
# Usage: registry_concurrency.py PORT TOKEN RECORD.json [SECONDS [PATH]]
import http.client, json, sys, threading, time
port, token, probe_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 20
path = sys.argv[5] if len(sys.argv) > 5 else "/healthz"
body = open(probe_file).read()
stop = time.time() + seconds
search_lat, health_lat = [], []
def searcher():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while time.time() < stop:
        t = time.time()
        c.request("POST", "/v1/registry/search", body, {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = c.getresponse(); d = r.read()
        assert r.status == 200, d
        search_lat.append(time.time() - t)
def health():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    time.sleep(0.5)
    while time.time() < stop:
        t = time.time()
        c.request("GET", path, headers={"Authorization": "Bearer " + token}); r = c.getresponse(); d = r.read()
        assert r.status == 200, d
        health_lat.append(time.time() - t)
        time.sleep(0.02)
ths = [threading.Thread(target=searcher), threading.Thread(target=searcher), threading.Thread(target=health)]
for t in ths: t.start()
for t in ths: t.join()
def q(v, p):
    v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))]
print(f"searches: {len(search_lat)} by 2 clients in {seconds:.0f} s, mean {sum(search_lat)/len(search_lat):.3f} s, p50 {q(search_lat,.5):.3f} s, max {max(search_lat):.3f} s")
print(f"{path}: {len(health_lat)} requests, p50 {q(health_lat,.5)*1000:.1f} ms, p99 {q(health_lat,.99)*1000:.1f} ms, max {max(health_lat)*1000:.1f} ms")
