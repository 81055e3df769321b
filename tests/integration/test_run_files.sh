#!/bin/sh
# test_run_files.sh PMIP4CT SOURCE-ROOT — the input of `pmip4ct run` (DESIGN.md §3, §4,
# §8): suite, PICS and PIXIT files in the one grammar with FILE:LINE:COL errors and "did
# you mean", exit 2 on bad usage and bad files, never a crash; bare suite names; the
# selection rule; the precedence defaults < suite < --pics/--pixit < --dut-*.
set -u
pmip4ct=$(realpath "$1") src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# the cases of a --list: after its two header lines, the lines that start with an ID
ncases() { awk 'NR > 2 && /^[^ ]/' | wc -l; }

# expect_err EXPECTED-SUBSTRING ARGS...: exit 2 and the message on stderr
expect_err() {
	want=$1
	shift
	"$pmip4ct" run "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || fail "run $*: exit $rc, expected 2 ($(cat "$tmp/err"))"
	grep -qF -- "$want" "$tmp/err" || fail "run $*: expected '$want', got: $(cat "$tmp/err")"
}

f=$tmp/s.suite
printf 'suite mine\nfrobnicate 1\n' >"$f"
expect_err "$f:2:1: unknown statement 'frobnicate'" "$f" --list
printf 'pics ha.gre-kye no\n' >"$f"
expect_err "$f:1:6: unknown PICS item 'ha.gre-kye' (did you mean 'ha.gre-key'?)" "$f" --list
printf '# comment\n  pics ha.gre-key maybe\n' >"$f"
expect_err "$f:2:19: PICS item ha.gre-key:" "$f" --list
printf 'pixit reply-ms\n' >"$f"
expect_err "$f:1:15: expected a value" "$f" --list
printf 'pixit ha 1.2.3.4 extra\n' >"$f"
expect_err "$f:1:18: unexpected 'extra'" "$f" --list
printf 'suite a\nsuite b\n' >"$f"
expect_err "$f:2:1: a second 'suite' statement" "$f" --list
printf 'case HA-*\n' >"$tmp/p.pics"
expect_err "$tmp/p.pics:1:1: 'case' belongs in a suite file" --pics "$tmp/p.pics" --list
printf 'pixit "ha" 1.2.3.4\n' >"$tmp/p.pixit"
expect_err "$tmp/p.pixit:1:7: expected PIXIT item" --pixit "$tmp/p.pixit" --list
printf 'pixit nai-realm "a\\x00b"\n' >"$tmp/p.pixit"
expect_err "$tmp/p.pixit:1:17: a value holds a NUL byte" --pixit "$tmp/p.pixit" --list
printf 'pixit nai-realm "unterminated\n' >"$tmp/p.pixit"
expect_err "$tmp/p.pixit:1:" --pixit "$tmp/p.pixit" --list
expect_err "$tmp/none.suite: No such file" "$tmp/none.suite" --list
expect_err "--fault 'accept-bad-aut': unknown fault (did you mean 'accept-bad-auth'?)" \
	--fault accept-bad-aut --list
expect_err "--fault 'accept-bad-auth': unknown fault" --fault pma:accept-bad-auth --list
"$pmip4ct" run --fault ha:accept-bad-auth --dut-pma 127.0.0.1 --list >/dev/null ||
	fail "--fault ha:NAME with a remote PMA"
expect_err "--dut-ha 'not-an-address'" --dut-ha not-an-address --list
expect_err "drop --dut-ha" --dut-ha 127.0.0.1 --kill-matrix
expect_err "--fault breaks the built-in reference HA" --dut-ha 127.0.0.1 --fault no-dereg
expect_err "usage:" --no-such-option
# issue 14: a --case that matches nothing, and a report path that cannot be written, are
# refused before the first case, with the areas there are / the path
expect_err "--case 'HA-FOO-*' matches no case" --case 'HA-FOO-*'
grep -qF "HA-AUTH-* " "$tmp/err" || fail "--case matching nothing: no list of areas"
expect_err "cannot write $tmp/no/such/dir/r.json" --case HA-REG-01 --json "$tmp/no/such/dir/r.json"
grep -q "HA-REG-01" "$tmp/out" && fail "a case ran before the bad --json path was reported"
expect_err "cannot write $tmp/no/such/dir/r.xml" --case HA-REG-01 --junit "$tmp/no/such/dir/r.xml"
# and a misspelt command gets a suggestion, a capture the decode command (exit 2)
"$pmip4ct" decod >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -qF "unknown command 'decod' (did you mean 'decode'?)" "$tmp/err" ||
	fail "pmip4ct decod: exit $rc: $(cat "$tmp/err")"
: >"$tmp/x.pcap"
"$pmip4ct" "$tmp/x.pcap" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -qF "is a capture: use pmip4ct decode" "$tmp/err" ||
	fail "pmip4ct FILE.pcap: exit $rc: $(cat "$tmp/err")"

# garbage never crashes: binary files as suite, PICS and PIXIT
head -c 4096 /dev/urandom >"$tmp/junk"
printf 'pics \377\001 yes\npixit "\\xff" "\\x01"\ncase "\\x01*"\n\\\n' >>"$tmp/junk"
for opt in "" --pics --pixit; do
	"$pmip4ct" run $opt "$tmp/junk" --list >/dev/null 2>&1
	rc=$?
	[ $rc -le 2 ] || fail "run $opt junk: exit $rc (a crash?)"
done

# a bare name finds testsuites/NAME.suite; the same selection as the path
cd "$src" || fail "cd $src"
"$pmip4ct" run ha-core --list >"$tmp/bare" || fail "run ha-core --list"
"$pmip4ct" run testsuites/ha-core.suite --list >"$tmp/path" || fail "run testsuites/ha-core.suite"
cmp -s "$tmp/bare" "$tmp/path" || fail "ha-core and testsuites/ha-core.suite differ"

# the shipped examples parse
"$pmip4ct" run --pics testsuites/example.pics --pixit testsuites/example.pixit --list \
	>/dev/null || fail "testsuites/example.pics or example.pixit does not parse"

# each built-in suite file selects exactly the cases of its catalogue suite
for s in ha-core ha-robustness pma-core pma-robustness; do
	"$pmip4ct" run "testsuites/$s.suite" --json "$tmp/$s.json" -q >/dev/null 2>&1
	got=$(grep -o '"suite":"[^"]*"' "$tmp/$s.json" | sort -u | tr '\n' ' ')
	[ -z "$got" ] || [ "$got" = "\"suite\":\"$s\" " ] || fail "$s.suite selects $got"
done
all=$("$pmip4ct" run --list | ncases)
sum=0
for s in ha-core ha-robustness pma-core pma-robustness; do
	sum=$((sum + $("$pmip4ct" run "testsuites/$s.suite" --list | ncases)))
done
[ "$sum" -eq "$all" ] || fail "the four suites select $sum cases of $all"

# --case narrows; excludes apply; two suites give each case once
first=$("$pmip4ct" run --list | awk 'NR == 3 { print $1 }')
if [ -n "$first" ]; then
	[ "$("$pmip4ct" run --case "$first" --list | ncases)" -eq 1 ] || fail "--case $first"
	printf 'suite mine\ncase *\nexclude %s\n' "$first" >"$tmp/x.suite"
	[ "$("$pmip4ct" run "$tmp/x.suite" --list | ncases)" -eq $((all - 1)) ] || fail "exclude"
	[ "$("$pmip4ct" run "$tmp/x.suite" "$tmp/x.suite" --list | ncases)" -eq $((all - 1)) ] ||
		fail "a case selected twice"
fi

# precedence: a suite says the DUT lacks PMIPv4 (every case none), --pics says it has it
if [ -n "$first" ]; then
	printf 'suite mine\ncase %s\npics pmip no\n' "$first" >"$tmp/p.suite"
	"$pmip4ct" run "$tmp/p.suite" --json "$tmp/p1.json" -q >/dev/null
	grep -q '"verdict":"none"' "$tmp/p1.json" || fail "suite pics pmip no: not none"
	printf 'pics pmip yes\n' >"$tmp/yes.pics"
	"$pmip4ct" run "$tmp/p.suite" --pics "$tmp/yes.pics" --json "$tmp/p2.json" -q >/dev/null
	grep -q '"verdict":"none"' "$tmp/p2.json" && fail "--pics does not override the suite"
	# --dut-ha wins over a PIXIT file
	printf 'pixit ha 127.0.0.1:7\npixit reply-ms 10ms\npixit silence-ms 10ms\npixit pma-port 20437\n' \
		>"$tmp/d.pixit"
	"$pmip4ct" run --case "$first" --pixit "$tmp/d.pixit" --dut-ha 127.0.0.1:9 \
		--dut-pma 127.0.0.1:9 --json "$tmp/d.json" -q >/dev/null
	grep -q '127.0.0.1:9' "$tmp/d.json" || fail "--dut-ha does not override the PIXIT file"
fi
echo ok
