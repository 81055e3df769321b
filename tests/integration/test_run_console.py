#!/usr/bin/env python3
"""test_run_console.py PMIP4CT SOURCE-ROOT — what `pmip4ct run` prints for people
(issue #14, "Output people read"):

- progress: with stderr on a terminal, a live line with cases done/total, the time
  elapsed and the time left; off a terminal no live line, and one line per finished
  case (ID, verdict, time) then the summary;
- every line within 100 columns (a run with long reasons on a terminal, wrapped under
  their column, though a line per case in a file or a pipe; --list, --kill-matrix,
  --fault list, --variant list), and --list and both matrices of --kill-matrix have
  column headers;
- one clock: the shell's times on a reference's virtual clock say "virtual"; JSON
  time_ms is real milliseconds with a fraction (not 0 for a fast case), and dut_clock
  names the clock of dut_ms.
"""
import json
import tempfile
import os
import pty
import re
import subprocess
import sys


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def on_pty(argv):
    """Run argv with stdout and stderr on a terminal: (exit status, what it wrote)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(), out.decode(errors="replace")


def main():
    pmip4ct, root = sys.argv[1], sys.argv[2]
    suite = os.path.join(root, "testsuites", "ha-core.suite")
    ids = ["HA-REG-01", "HA-REG-02", "HA-REG-03"]
    sel = []
    for i in ids:
        sel += ["--case", i]

    # progress on a terminal
    rc, out = on_pty([pmip4ct, "run", suite, *sel])
    if rc != 0:
        fail(f"run on a terminal: exit {rc}: {out}")
    for k in range(len(ids)):
        if not re.search(rf"\[{k}/{len(ids)}\] \d+:\d\d elapsed", out):
            fail(f"no live line [{k}/{len(ids)}] ... elapsed: {out!r}")
    if not re.search(r"\[\d/\d\] \d+:\d\d elapsed, about \d+:\d\d left  HA-REG-0", out):
        fail(f"no time left in the live line: {out!r}")

    # off a terminal: no live line, one line per case, then the summary
    p = subprocess.run([pmip4ct, "run", suite, *sel], capture_output=True, text=True)
    if p.returncode != 0 or p.stderr:
        fail(f"run off a terminal: exit {p.returncode}, stderr {p.stderr!r}")
    lines = p.stdout.splitlines()
    if "\r" in p.stdout or "\033" in p.stdout or len(lines) < len(ids) + 1:
        fail(f"off a terminal: {p.stdout!r}")
    for i, line in zip(ids, lines):
        if not re.match(rf"{i} +pass +\d+\.\d+ ms", line):
            fail(f"the line of {i}: {line!r}")
    if not lines[len(ids)].startswith(f"{len(ids)} cases: "):
        fail(f"no summary after the cases: {lines[len(ids)]!r}")
    print("ok: progress on a terminal, a line per case off one")

    # 100 columns, headers
    all_suites = [os.path.join(root, "testsuites", x + ".suite")
                  for x in ("ha-core", "ha-robustness", "pma-core", "pma-robustness")]
    faulty = [*all_suites, "--fault", "no-nai-echo", "--fault", "accept-bad-auth",
              "--fault", "wrong-ident-copy"]
    rc, out = on_pty([pmip4ct, "run", *faulty])
    screen = re.sub(r"\r\x1b\[K[^\r\n]*(?=\r\x1b\[K)", "", out)  # live lines erased
    screen = screen.replace("\r\x1b[K", "").replace("\r\n", "\n")
    for line in screen.splitlines():
        if len(line) > 100:
            fail(f"run on a terminal: {len(line)} columns: {line!r}")
    if not re.search(r"^HA-REG-05 +fail +\d+\.\d+ ms  .*\n {20,}\S", screen, re.M):
        fail(f"a long reason is not wrapped under its column: {screen[:3000]!r}")
    p = subprocess.run([pmip4ct, "run", *faulty], capture_output=True, text=True)
    if not re.search(r"^HA-REG-05 +fail +\d+\.\d+ ms  RRP NAI .{80,}$", p.stdout, re.M):
        fail("off a terminal, a long reason is not kept on its line")
    outs = {}
    for name, args in (("list", [*all_suites, "--list"]),
                       ("kill", [suite, "--case", "HA-REG-0*", "--kill-matrix"]),
                       ("faults", ["--fault", "list"]),
                       ("variants", ["--variant", "list"])):
        p = subprocess.run([pmip4ct, "run", *args], capture_output=True, text=True)
        outs[name] = p.stdout
        for line in p.stdout.splitlines():
            if len(line) > 100:
                fail(f"run {' '.join(args[-2:])}: {len(line)} columns: {line!r}")
    head = outs["list"].splitlines()[0].split()
    if head[:4] != ["ID", "ROLE", "LEVEL", "TITLE"]:
        fail(f"--list header: {head}")
    kill = outs["kill"]
    for what in ("fault", "variant"):
        if not re.search(rf"^  col  role {what}$", kill, re.M):
            fail(f"--kill-matrix: no header over the {what}s")
    # the fault matrix in blocks of columns, each with its header, then the variants'
    blocks = re.findall(r"^case +\d+ +\d+ .*$", kill, re.M)
    if len(blocks) < 3 or not blocks[0].split()[1] == "1" or \
            not any(b.endswith("killed by") for b in blocks) or \
            not blocks[-1].endswith("blamed"):
        fail(f"--kill-matrix: column headers {blocks}")
    if outs["faults"].split()[:3] != ["ROLE", "FAULT", "WHAT"]:
        fail("--fault list: no header")
    print("ok: 100 columns; --list, --kill-matrix, --fault list headers")

    # one clock: virtual labelled in the shell; JSON time_ms with a fraction
    p = subprocess.run([pmip4ct, "-c", "run case HA-REG-01 HA-DEREG-02"],
                       capture_output=True, text=True)
    if not re.search(r"^HA-DEREG-02 pass +1\.000 s virtual$", p.stdout, re.M) or \
            not re.search(r"; 1\.000 s on the virtual clock$", p.stdout, re.M):
        fail(f"shell: the virtual clock is not said: {p.stdout!r}")
    with tempfile.TemporaryDirectory() as d:
        j = os.path.join(d, "r.json")
        subprocess.run([pmip4ct, "run", suite, "-q", "--json", j], check=True,
                       stdout=subprocess.DEVNULL)
        raw = open(j).read()
        cases = json.loads(raw)["cases"]
    if not all(isinstance(c["time_ms"], float) and c["time_ms"] > 0 for c in cases):
        fail("JSON time_ms: not a fraction above 0 in every case")
    if not re.search(r'"time_ms":\d+\.\d{3},', raw):
        fail("JSON time_ms is not written to the microsecond")
    if {c["dut_clock"] for c in cases} != {"virtual"}:
        fail("JSON dut_clock of the references is not virtual")
    print("ok: virtual clock labelled; time_ms fractional")


main()
