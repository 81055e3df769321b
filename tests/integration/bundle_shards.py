#!/usr/bin/env python3
"""bundle_shards.py SAMPLE OUT N [--partial] — the shard bundles bundle_merge.sh merges
(issue #17): the cases of SAMPLE (tests/data/report-sample.json) split round-robin into
OUT/s1 .. OUT/sN as `pmip4ct run --report DIR --shard I/N` writes them, each with its
run.shard and run.campaign (IDs, count, SHA-256 of the IDs one per line, as
src/report/run_meta.c computes it), a tiny valid pcap per case that has one and its
pcap_sha256, and placeholders for report.html and junit.xml.  Not sealed: the caller seals
each with bundle_seal.

The campaign is the sample's cases in order; with --partial it also has the two cases the
sample did not run (so the merge is not complete).  Also writes OUT/want.json: the sample
with the cases' and requirements' verdicts as the merge must give them.
"""
import copy
import hashlib
import json
import os
import struct
import sys

NOT_RUN = ["HA-PMIP-02", "HA-LIFE-04"]


def pcap_bytes(case_id):
    """A pcap (LINKTYPE_RAW) with one IPv4/UDP packet carrying the case ID."""
    payload = case_id.encode()
    udp = struct.pack("!HHHH", 434, 434, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
    pkt = ip + udp
    head = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 101)
    rec = struct.pack("<IIII", 1796374800, 0, len(pkt), len(pkt))
    return head + rec + pkt


def main():
    sample, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    partial = "--partial" in sys.argv[4:]
    with open(sample, encoding="utf-8") as f:
        base = json.load(f)
    cases = base["cases"]
    ids = [c["id"] for c in cases] + (NOT_RUN if partial else [])
    campaign = {"cases": len(ids),
                "sha256": hashlib.sha256("".join(i + "\n" for i in ids).encode()).hexdigest(),
                "ids": ids}
    for k in range(1, n + 1):
        mine = [c for c in cases if ids.index(c["id"]) % n == k - 1]
        planned = len([i for p, i in enumerate(ids) if p % n == k - 1])
        r = copy.deepcopy(base)
        run = r["run"]
        run["host"] = "tester-%02d.lab.example" % (1 + (k - 1) % 2)
        run["start_utc"] = "2026-12-04T09:%02d:00Z" % (10 - k)
        run["end_utc"] = "" if partial and k == n else "2026-12-04T10:%02d:00Z" % k
        run["interrupted"] = partial and k == n
        run["complete"] = False
        run["planned"] = planned
        run["shard"] = {"index": k, "total": n}
        run["campaign"] = campaign
        r["observations"]["notes"] = base["observations"]["notes"] + ["shard %d" % k]
        r["observations"]["deviations"] = [] if k != n else base["observations"]["deviations"]
        r["summary"]["finished"] = not run["interrupted"]
        r["summary"]["wall_ms"] = 1000 * k
        r["cases"] = mine
        for req in r["requirements"]:
            for rc in req["cases"]:
                if rc["id"] not in [c["id"] for c in mine]:
                    rc["verdict"] = "not run"
        d = os.path.join(out, "s%d" % k)
        os.makedirs(os.path.join(d, "pcaps"))
        for c in mine:
            if c["pcap"]:
                data = pcap_bytes(c["id"])
                with open(os.path.join(d, c["pcap"]), "wb") as f:
                    f.write(data)
                c["pcap_sha256"] = hashlib.sha256(data).hexdigest()
        with open(os.path.join(d, "report.json"), "w", encoding="utf-8") as f:
            json.dump(r, f, indent=1, ensure_ascii=False)
        for name in ("report.html", "junit.xml"):
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write("shard %d\n" % k)
    want = copy.deepcopy(base)
    for c in want["cases"]:
        if c["pcap"]:
            c["pcap_sha256"] = hashlib.sha256(pcap_bytes(c["id"])).hexdigest()
    with open(os.path.join(out, "want.json"), "w", encoding="utf-8") as f:
        json.dump(want, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
