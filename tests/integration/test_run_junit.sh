#!/bin/sh
# test_run_junit.sh PMIP4CT SUITE-FILE — `pmip4ct run --junit` (DESIGN.md §8): under a
# fault that makes some case fail, the JUnit file is well-formed XML whose testsuite
# counts agree with its testcase elements and with the JSON report of the same run; and
# DUT-controlled text (markup, control bytes, invalid UTF-8) stays well-formed.
# Needs xmllint (libxml2-utils) and jq.
set -u
pmip4ct=$1 suite=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in xmllint jq; do
	command -v $tool >/dev/null || { echo "SKIP: $tool not installed (tools/setup)"; exit 77; }
done

"$pmip4ct" run "$suite" --list >"$tmp/list" || fail "run $suite --list failed"
n=$(awk 'NR > 2 && /^[^ ]/' "$tmp/list" | wc -l) # after the header, a line per ID
[ "$n" -gt 0 ] || { echo "SKIP: $suite has no cases yet"; exit 77; }
role=$(awk 'NR == 3 { print $2 }' "$tmp/list")

# the first fault of the suite's role that makes some case fail
fault=
for f in $("$pmip4ct" run --fault list | awk -v r="$role" '/^[a-z]/ && $1 == r { print $2 }'); do
	"$pmip4ct" run "$suite" -q --fault "$f" --junit "$tmp/r.xml" --json "$tmp/r.json" \
		>"$tmp/out" 2>&1
	rc=$?
	[ $rc -eq 1 ] && { fault=$f; break; }
	[ $rc -eq 0 ] || fail "--fault $f: exit $rc: $(cat "$tmp/out")"
done
[ -n "$fault" ] || fail "no $role fault makes a case of $suite fail (see --kill-matrix)"
echo "fault $fault"

# check FILE: well-formed, counts consistent, and equal to the JSON summary
check() {
	xml=$1 json=$2
	xmllint --noout "$xml" || fail "$xml is not well-formed"
	x() { xmllint --xpath "$1" "$xml" 2>/dev/null; }
	tests=$(x 'string(/testsuites/testsuite/@tests)')
	[ "$tests" = "$(x 'count(//testsuite/testcase)')" ] || fail "tests=$tests"
	[ "$tests" = "$n" ] || fail "tests=$tests, expected $n cases"
	[ "$(x 'string(/testsuites/testsuite/@failures)')" = "$(x 'count(//testcase/failure[@type="fail"])')" ] ||
		fail "failures attribute disagrees with the failure elements"
	[ "$(x 'string(/testsuites/testsuite/@errors)')" = "$(x 'count(//testcase/error)')" ] ||
		fail "errors attribute disagrees with the error elements"
	[ "$(x 'string(/testsuites/testsuite/@skipped)')" = "$(x 'count(//testcase/skipped)')" ] ||
		fail "skipped attribute disagrees with the skipped elements"
	[ "$(x 'count(//testcase/system-out)')" = "$n" ] || fail "a testcase without system-out"
	[ "$(x 'string(/testsuites/testsuite/@failures)')" = "$(jq .summary.fail "$json")" ] ||
		fail "failures differ from the JSON summary"
	# inconc is an error, never a pass or a skip (pmip4ct-cases(7), JUNIT)
	[ "$(x 'string(/testsuites/testsuite/@errors)')" = \
	  "$(jq '.summary.error + .summary.inconc' "$json")" ] ||
		fail "errors differ from the JSON summary (error + inconc)"
	[ "$(x 'string(/testsuites/testsuite/@skipped)')" = "$(jq '.summary.none' "$json")" ] ||
		fail "skipped differ from JSON (none)"
	[ "$(x 'count(//skipped[starts-with(@message, "none: ")])')" = \
	  "$(x 'count(//skipped)')" ] || fail "a skipped message is not 'none: '"
	[ "$(x 'count(//error[starts-with(@message, "inconc: ") or starts-with(@message, "error: ")])')" = \
	  "$(x 'count(//error)')" ] || fail "an error message is not 'inconc: ' or 'error: '"
	[ "$(x 'count(//testcase/properties/property[@name="verdict"])')" = "$n" ] ||
		fail "a testcase without its verdict property"
}
check "$tmp/r.xml" "$tmp/r.json"
failures=$(xmllint --xpath 'string(/testsuites/testsuite/@failures)' "$tmp/r.xml")
[ "$failures" -ge 1 ] || fail "--fault $fault: exit 1 but no failure element"
[ "$(xmllint --xpath "string(//testsuite/@name)" "$tmp/r.xml")" != "" ] || fail "no suite name"

# hostile text: a NAI realm with markup, a control byte and invalid UTF-8 reaches the
# reasons of a remote run that gets no answer (port 9, unprivileged tester ports)
printf 'pixit nai-realm "a<b&c\\"d\\x01\\xff]]>"\npixit reply-ms 20ms\npixit silence-ms 20ms\npixit pma-port 20435\n' >"$tmp/px"
[ "$role" = ha ] && dut=--dut-ha || dut=--dut-pma
"$pmip4ct" run "$suite" -q "$dut" 127.0.0.1:9 --pixit "$tmp/px" --junit "$tmp/h.xml" \
	--json "$tmp/h.json" >/dev/null 2>&1
rc=$?
[ $rc -le 1 ] || [ $rc -eq 3 ] || fail "remote run: exit $rc"
check "$tmp/h.xml" "$tmp/h.json"
[ "$(jq '.summary.fail' "$tmp/h.json")" -gt 0 ] || [ $rc -eq 3 ] ||
	fail "remote run with no DUT: exit $rc, expected 3 (inconc/error without fail)"
echo "ok: $n cases, $failures failure(s) under $fault"
