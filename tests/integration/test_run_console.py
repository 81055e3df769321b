#!/usr/bin/env python3
"""test_run_console.py PMIP4CT SOURCE-ROOT — what `pmip4ct run` prints for people
(issue #14, "Output people read"):

- progress: with stderr on a terminal, a live line with cases done/total, the time
  elapsed and the time left; off a terminal no live line, and one line per finished
  case (ID, verdict, time) then the summary;
"""
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


main()
