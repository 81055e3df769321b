#!/usr/bin/env python3
"""test_run_kill9.py PMIP4CT SOURCE-ROOT — the JSON and JUnit reports of `pmip4ct run`
survive SIGKILL (issue #14): both are written before the first case, rewritten after
every case before its console line, and left valid with no FILE.tmp beside them.

1. Killed during the first case (a remote HA that never answers): both files are
   there, valid, with no case, the number of cases planned, and finished false.
2. Killed after N cases: the console goes to a pipe of one page that nobody reads, so
   the run blocks writing the line of case N+1; the kill then finds both reports holding
   the same N+1 cases, the first N of them those the console printed.
3. Killed at random moments: each report valid, JUnit never more than one case behind
   JSON (the two renames are one after the other), and the next run removes any
   FILE.tmp a kill left between naming and renaming.
4. A run that ends says so: finished true in both.
"""
import fcntl
import json
import os
import random
import struct
import subprocess
import sys
import termios
import tempfile
import time
import xml.etree.ElementTree as ET

F_SETPIPE_SZ = 1031  # fcntl.F_SETPIPE_SZ, named from Python 3.10 on


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def read_reports(d):
    """(JSON ids, JUnit ids, JSON summary, JUnit properties of the first suite)."""
    try:
        with open(os.path.join(d, "r.json")) as f:
            j = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"r.json: {e}")
    try:
        x = ET.parse(os.path.join(d, "r.xml")).getroot()
    except (OSError, ET.ParseError) as e:
        fail(f"r.xml: {e}")
    jids = [c["id"] for c in j["cases"]]
    xids = [t.get("name").split()[0] for t in x.iter("testcase")]
    if int(x.get("tests")) != len(xids):
        fail(f"JUnit tests={x.get('tests')} but {len(xids)} testcase elements")
    if j["summary"]["total"] != len(jids):
        fail(f"JSON summary.total {j['summary']['total']} but {len(jids)} cases")
    props = {p.get("name"): p.get("value") for p in x.find("testsuite").iter("property")}
    return jids, xids, j["summary"], props


def no_tmp(d, what):
    left = [f for f in os.listdir(d) if f.endswith(".tmp")]
    if left:
        fail(f"{what}: left {left}")


def pipe_bytes(fd):
    """Bytes waiting in the pipe whose read end is fd."""
    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]


def wait_for(pred, secs, what):
    end = time.monotonic() + secs
    while time.monotonic() < end:
        if pred():
            return
        time.sleep(0.01)
    fail(f"timed out waiting for {what}")


def main():
    pmip4ct, root = sys.argv[1], sys.argv[2]
    suites = [os.path.join(root, "testsuites", s + ".suite")
              for s in ("ha-core", "ha-robustness", "pma-core", "pma-robustness")]
    d = tempfile.mkdtemp()
    out = ["--json", os.path.join(d, "r.json"), "--junit", os.path.join(d, "r.xml")]
    listing = subprocess.run([pmip4ct, "run", *suites, "--list"], capture_output=True,
                             text=True, check=True).stdout
    plan = [line.split()[0] for line in listing.splitlines()[2:]
            if line and not line.startswith(" ")]
    n = len(plan)
    if n < 10:
        print(f"SKIP: only {n} cases")
        sys.exit(77)

    # 1. during the first case: a remote HA that never answers (the discard port)
    px = os.path.join(d, "px")
    with open(px, "w") as f:
        f.write("pixit reply-ms 5s\npixit silence-ms 5s\npixit pma-port 20437\n")
    p = subprocess.Popen([pmip4ct, "run", suites[0], "-q", "--dut-ha", "127.0.0.1:9",
                          "--pixit", px, *out], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    wait_for(lambda: all(os.path.exists(os.path.join(d, f)) for f in ("r.json", "r.xml")),
             5, "the reports before the first case")
    time.sleep(0.2)
    p.kill()
    p.wait()
    jids, xids, summary, props = read_reports(d)
    if jids or xids:
        fail(f"killed in the first case, yet cases reported: {jids} {xids}")
    if summary.get("finished") is not False or props.get("finished") != "no":
        fail("a killed run's reports say it finished")
    if not summary["planned"] or props.get("planned") != str(summary["planned"]):
        fail(f"planned: JSON {summary['planned']}, JUnit {props.get('planned')}")
    no_tmp(d, "killed in the first case")

    # 2. after N cases: the run blocks on a full one-page pipe, in the line of a case
    # whose reports are written
    r, w = os.pipe()
    fcntl.fcntl(w, F_SETPIPE_SZ, 4096)
    p = subprocess.Popen([pmip4ct, "run", *suites, *out], stdout=w,
                         stderr=subprocess.DEVNULL)
    os.close(w)
    last = None
    stable = 0
    # blocked: the pipe too full for another line, the reports unchanged for 0.3 s
    while stable < 30 or pipe_bytes(r) < 4096 - 200:
        time.sleep(0.01)
        if p.poll() is not None:
            fail(f"the run ended ({p.returncode}) before filling a 4096-byte pipe")
        try:
            st = os.stat(os.path.join(d, "r.json"))
            now = (st.st_mtime_ns, st.st_size, st.st_ino)
        except OSError:
            now = None
        stable = stable + 1 if now is not None and now == last else 0
        last = now
    p.kill()
    p.wait()
    os.set_blocking(r, False)
    printed = b""
    while True:
        try:
            chunk = os.read(r, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        printed += chunk
    os.close(r)
    lines = [ln.split()[0] for ln in printed.decode(errors="replace").split("\n")[:-1]]
    jids, xids, summary, props = read_reports(d)
    if jids != xids:
        fail(f"after {len(lines)} printed cases: JSON holds {len(jids)}, JUnit {len(xids)}")
    if jids != plan[:len(jids)] or lines != jids[:len(lines)] or len(jids) != len(lines) + 1:
        fail(f"{len(lines)} cases printed, {len(jids)} reported: {lines[-2:]} {jids[-2:]}")
    if summary.get("finished") is not False or props.get("finished") != "no":
        fail("a killed run's reports say it finished")
    no_tmp(d, f"killed after {len(lines)} cases")
    print(f"ok: killed after {len(lines)} printed cases, both reports hold {len(jids)}")

    # 3. random moments (a kill between the two renames leaves JUnit one behind)
    random.seed(os.getpid())
    worst = 0
    for _ in range(20):
        for f in os.listdir(d):
            os.unlink(os.path.join(d, f))
        p = subprocess.Popen([pmip4ct, "run", *suites, "-q", *out],
                             stdout=subprocess.DEVNULL)
        wait_for(lambda: os.path.exists(os.path.join(d, "r.xml")) or p.poll() is not None,
                 5, "the reports")
        time.sleep(random.uniform(0, 0.3))
        p.kill()
        p.wait()
        jids, xids, _, _ = read_reports(d)
        if xids != jids[:len(xids)] or len(jids) - len(xids) > 1:
            fail(f"killed at random: JSON holds {len(jids)} cases, JUnit {len(xids)}")
        worst = max(worst, len(jids) - len(xids))
    with open(os.path.join(d, "r.json.tmp"), "w") as f:
        f.write("{")
    with open(os.path.join(d, "r.xml.tmp"), "w") as f:
        f.write("<")
    # 4. a run to its end removes what a kill left, and says it finished
    subprocess.run([pmip4ct, "run", suites[0], "-q", *out], stdout=subprocess.DEVNULL,
                   check=True)
    no_tmp(d, "a run after a killed one")
    jids, xids, summary, props = read_reports(d)
    if jids != xids or summary.get("finished") is not True or props.get("finished") != "yes":
        fail("a finished run: reports differ or do not say finished")
    print(f"ok: {n} cases; 20 random kills, JUnit at most {worst} case behind")
    for f in os.listdir(d):
        os.unlink(os.path.join(d, f))
    os.rmdir(d)


main()
