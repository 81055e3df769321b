#!/bin/sh
# test_root_skips.sh ROOT_SKIPS — tests/root_skips.sh on a made-up meson log: a skip
# that "needs root" is named (whether said on stdout or stderr), a skip for another
# reason and a pass that mentions root are not (issue #14).
set -u
check=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/log" <<'LOG'
{"name": "p:integration+root / l2_io", "stdout": "SKIP: needs root (raw sockets)\n", "result": "SKIP", "returncode": 77}
{"name": "p:cases+root / run_remote_variants", "stdout": "SKIP: run without the sanitizers only\n", "result": "SKIP", "returncode": 77}
{"name": "p:integration / decode_captures", "stdout": "SKIP: no captures in x\n", "result": "SKIP", "returncode": 77}
{"name": "p:integration+root / readme_blocks", "stderr": "readme_blocks: needs root (unshare)\n", "result": "SKIP", "returncode": 77}
{"name": "p:integration / shell_msg", "stdout": "ok: this needs root to bind 434\n", "result": "OK", "returncode": 0}
LOG
out=$("$check" "$tmp/log")
st=$?
want='p:integration+root / l2_io
p:integration+root / readme_blocks'
[ $st -eq 1 ] || { echo "FAIL: exit $st, want 1"; exit 1; }
[ "$out" = "$want" ] || { echo "FAIL: named:"; echo "$out"; exit 1; }
grep -v needs "$tmp/log" >"$tmp/clean"
"$check" "$tmp/clean" >/dev/null || { echo "FAIL: a log without root skips: exit $?"; exit 1; }
"$check" "$tmp/nonexistent" >/dev/null 2>&1
[ $? -eq 2 ] || { echo "FAIL: an unreadable log is not exit 2"; exit 1; }
echo "ok: root skips named, other skips not"
