#!/usr/bin/env python3
"""gen_live.py PMIP4CT — issue #16: `pmip4ct gen`'s live status and end summary as
pmip4ct(1) documents them, on a terminal and off one.

A small signalling-only profile runs against the reference HA the generator starts
itself (no DUT), in a network namespace of its own (tests/netns.sh: the PMAs it plays
bind port 434 on 127.0.1.x):
  - on a pseudo-terminal: stderr carries a status line rewritten in place ("\\r\\033[K")
    at least twice, each within 100 columns, with the devices up of the total; stdout the
    end summary;
  - off a terminal (pipes) with --every 1: plain lines "t=Ns ..." on stderr, one per
    second, no carriage return and no escape; the same end summary on stdout.
Root only (port 434): exits 77 otherwise.
"""
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time

PROFILE = """# gen_live.py: 400 devices registering over 2 s, then 1 s more
devices 400
pma 127.0.1.1
pma 127.0.1.2
sa spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
register rate 200
duration 3s
"""


def fail(msg, text=""):
    print("FAIL: " + msg)
    if text:
        print(text[-3000:])
    sys.exit(1)


def cmd(pmip4ct, prof, *extra):
    return [pmip4ct, "gen", prof, *extra]


def on_tty(pmip4ct, prof):
    """Run with stderr on a pty; return (stderr bytes, stdout text, status)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(cmd(pmip4ct, prof), stdout=subprocess.PIPE, stderr=slave,
                         stdin=subprocess.DEVNULL)
    os.close(slave)
    err = b""
    deadline = time.time() + 60
    while time.time() < deadline:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
        elif p.poll() is not None:
            break
    out = p.stdout.read().decode()
    p.wait(timeout=30)
    os.close(master)
    return err, out, p.returncode


def check_summary(out, where):
    for label in ("registered", "registration latency", "packets sent", "reply codes"):
        if label not in out:
            fail(f"{where}: the end summary has no '{label}'", out)
    m = re.search(r"^\s*registered\s+(\d+)", out, re.M)
    if not m or int(m.group(1)) != 400:
        fail(f"{where}: not 400 registered", out)
    wide = [ln for ln in out.splitlines() if len(ln) > 100]
    if wide:
        fail(f"{where}: a summary line over 100 columns: {wide[0]!r}")


def main():
    pmip4ct = os.path.abspath(sys.argv[1])
    if os.geteuid() != 0:
        print("SKIP: needs root (the PMAs it plays bind port 434)")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        prof = os.path.join(tmp, "live.gen")
        with open(prof, "w") as f:
            f.write(PROFILE)

        err, out, rc = on_tty(pmip4ct, prof)
        text = err.decode(errors="replace")
        if rc != 0:
            fail(f"on a tty: exit {rc}", text + out)
        updates = [u for u in text.split("\r\x1b[K") if u.strip()]
        lines = [u for u in updates if "devices" in u]
        if len(lines) < 2:
            fail(f"on a tty: {len(lines)} status lines rewritten in place, expected >= 2",
                 repr(text))
        for u in lines:
            if "\n" in u.strip("\r\n") or len(u.rstrip("\r\n")) > 100:
                fail(f"on a tty: a status line is not one line within 100 columns: {u!r}")
        if not re.search(r"devices \d+/400", text):
            fail("on a tty: no 'devices N/400' in the status line", repr(text))
        check_summary(out, "on a tty")

        p = subprocess.run(cmd(pmip4ct, prof, "--every", "1"), capture_output=True,
                           text=True, timeout=60)
        if p.returncode != 0:
            fail(f"off a tty: exit {p.returncode}", p.stderr + p.stdout)
        periodic = [ln for ln in p.stderr.splitlines() if re.match(r"t=\d+s ", ln)]
        if len(periodic) < 2:
            fail(f"off a tty: {len(periodic)} periodic lines, expected >= 2", p.stderr)
        if "\r" in p.stderr or "\x1b" in p.stderr:
            fail("off a tty: a carriage return or an escape on stderr", repr(p.stderr))
        check_summary(p.stdout, "off a tty")
        print(f"ok: on a tty {len(lines)} status lines in place; off a tty "
              f"{len(periodic)} periodic lines; the end summary both times")


if __name__ == "__main__":
    main()
