#!/bin/sh
# install.sh MESON BUILD-DIR — `meson install --destdir` (issue #14): the installed
# binary finds the shipped suites and example files by bare name from any directory
# (PREFIX/share/pmip4ct/testsuites, found beside the binary), a name found nowhere names
# every path searched, the profiles of testsuites/gen and the man pages of sections 1, 5
# and 7 are installed.
set -u
meson=$1 build=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

"$meson" install -C "$build" --no-rebuild --destdir "$tmp/d" >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log" >&2; echo "FAIL: meson install" >&2; exit 1; }
bin=$(find "$tmp/d" -type f -path '*/bin/pmip4ct')
[ -x "$bin" ] || { echo "FAIL: no bin/pmip4ct under the destdir" >&2; exit 1; }
share=$(find "$tmp/d" -type d -path '*/share/pmip4ct')

for f in ha-core.suite ha-robustness.suite pma-core.suite pma-robustness.suite \
	example.pics example.pixit gen/ha-10k.gen; do
	[ -f "$share/testsuites/$f" ] || fail "share/pmip4ct/testsuites/$f not installed"
done

# from another directory, with no clone in sight
cd /
"$bin" run --list ha-core >"$tmp/list" 2>"$tmp/err" || fail "run --list ha-core: $(cat "$tmp/err")"
grep -q '^HA-REG-01 ' "$tmp/list" || fail "run --list ha-core lists no HA-REG-01"
"$bin" run --list ha-core.suite --pics example.pics --pixit example.pixit >/dev/null \
	2>"$tmp/err" || fail "run --list ha-core.suite --pics/--pixit example.*: $(cat "$tmp/err")"
"$bin" run --list ha-corx >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] || fail "run --list ha-corx: exit $rc, expected 2"
grep -qF "$share/testsuites/ha-corx.suite" "$tmp/err" ||
	fail "the error names no searched path under $share: $(cat "$tmp/err")"
grep -qF "No such file or directory" "$tmp/err" || fail "the error says no cause: $(cat "$tmp/err")"

for sec in 1 5 7; do
	ls "$tmp"/d/*/share/man/man$sec/pmip4ct*.$sec >/dev/null 2>&1 ||
		find "$tmp/d" -path "*/man$sec/pmip4ct*.$sec" | grep -q . ||
		fail "no man page of section $sec installed"
done
[ $failed -eq 0 ] && echo "ok: installed tree runs from /, man 1 5 7"
exit $failed
