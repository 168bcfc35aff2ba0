#!/usr/bin/env python3
# A harness printing figures: how fast a server stores records that several clients transmit at
# once. Each client enrols its own share of the record documents in a folder (POST
# /v1/registry/records) until they run out or the time is up; prints enrolments per second, their
# latency, and how the searches run ahead were brought up to date (GET /metrics:
# openpact_registry_searches_ahead_total, caught up with the records stored meanwhile or searched
# again in full under the index's exclusive lock).
#
#   build/release/bench/openpact_registry_bench --records 5000 --fingers 10 --probes 2 --db /tmp/enr.db
#   build/release/src/cli/openpact --db /tmp/enr.db --audit-key /tmp/enr.key init
#   T=$(build/release/src/cli/openpact --db /tmp/enr.db --audit-key /tmp/enr.key token create \
#         --role registry_operator --name enr)
#   A=$(build/release/src/cli/openpact --db /tmp/enr.db --audit-key /tmp/enr.key token create \
#         --role admin --name metrics)
#   build/release/src/cli/openpact synth records --persons 200 --captures 1 --seed 77 --out /tmp/enr-records
#   build/release/src/cli/openpact --db /tmp/enr.db --audit-key /tmp/enr.key serve --port 18112 &
#   python3 bench/registry_enrol_concurrency.py 18112 "$T" "$A" /tmp/enr-records 2 60
#
# Usage: registry_enrol_concurrency.py PORT TOKEN ADMIN_TOKEN FOLDER [CLIENTS] [SECONDS]
import http.client, os, sys, threading, time
port, token, admin, folder = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
clients = int(sys.argv[5]) if len(sys.argv) > 5 else 2
seconds = float(sys.argv[6]) if len(sys.argv) > 6 else 60
files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".json"))
latencies, lock = [], threading.Lock()
stop = time.time() + seconds
def client(k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    for path in files[k::clients]:
        if time.time() >= stop:
            return
        body = open(path).read()
        t = time.time()
        c.request("POST", "/v1/registry/records", body, {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        r = c.getresponse(); d = r.read()
        assert r.status in (200, 201), (path, r.status, d)
        with lock:
            latencies.append(time.time() - t)
def searches_ahead():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    c.request("GET", "/metrics", headers={"Authorization": "Bearer " + admin})
    r = c.getresponse(); text = r.read().decode()
    out = {}
    for line in text.splitlines():
        if line.startswith("openpact_registry_searches_ahead_total{"):
            out[line.split('"')[1]] = int(line.split()[-1])
    return out
before = searches_ahead()
start = time.time()
threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.time() - start
after = searches_ahead()
def q(v, p):
    v = sorted(v); return v[min(len(v) - 1, int(p * len(v)))]
print(f"enrolments: {len(latencies)} by {clients} clients in {elapsed:.1f} s, {len(latencies)/elapsed:.2f}/s, "
      f"latency mean {sum(latencies)/len(latencies):.3f} s, p50 {q(latencies,.5):.3f} s, max {max(latencies):.3f} s")
print("searches ahead: " + ", ".join(f"{k} {after.get(k, 0) - before.get(k, 0)}" for k in sorted(after)) if after else
      "searches ahead: not reported by this server")
