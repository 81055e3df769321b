#!/bin/sh
# test_run_levels.sh PMIP4CT SOURCE_ROOT — verdicts at the level of the cited sentence
# (DESIGN.md §4) and the exit statuses of `pmip4ct run`:
#   - a SHOULD not met is warn: exit 0, JUnit a passed test case whose verdict property
#     says warn; with --strict it is a failure (type warn) and exit 1;
#   - a MUST not met is fail: exit 1;
#   - a case that cannot be judged (the preamble gets no reply) is inconc: exit 3, and
#     JUnit reports it as an error, never a pass or a skip.
# Unprivileged: the remote run uses tester ports above 1024 and a DUT that is not there.
set -u
pmip4ct=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
for tool in xmllint jq; do
	command -v $tool >/dev/null || { echo "SKIP: $tool not installed (tools/setup)"; exit 77; }
done
x() { xmllint --xpath "$2" "$1" 2>/dev/null; }
suites=$root/testsuites

# SHOULD (RFC 5563 §8.1: no retry after 149) broken by a fault of the reference PMA
"$pmip4ct" run "$suites/pma-core.suite" --case PMA-FSM-09 --fault pma:retry-after-149 \
	--json "$tmp/w.json" --junit "$tmp/w.xml" >"$tmp/w.out" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "a warn: exit $rc, expected 0: $(cat "$tmp/w.out")"
[ "$(jq -r '.cases[0].verdict' "$tmp/w.json")" = warn ] || fail "PMA-FSM-09 is not warn"
jq -r '.cases[0].reason' "$tmp/w.json" | grep -q '^SHOULD not met: ' ||
	fail "the warn's reason does not say SHOULD not met"
[ "$(jq '.summary.levels.SHOULD.warn' "$tmp/w.json")" = 1 ] || fail "levels.SHOULD.warn"
[ "$(x "$tmp/w.xml" 'count(//failure)')" = 0 ] || fail "a warn is a JUnit failure without --strict"
[ "$(x "$tmp/w.xml" 'string(//property[@name="verdict"]/@value)')" = warn ] ||
	fail "JUnit does not say warn"
grep -q '^by level: SHOULD 1 warn$' "$tmp/w.out" || fail "no per-level summary line"
"$pmip4ct" run "$suites/pma-core.suite" --case PMA-FSM-09 --fault pma:retry-after-149 \
	--strict --junit "$tmp/s.xml" >"$tmp/s.out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "a warn under --strict: exit $rc, expected 1"
[ "$(x "$tmp/s.xml" 'count(//failure[@type="warn"])')" = 1 ] || fail "--strict: no warn failure"
[ "$(x "$tmp/s.xml" 'string(//testsuite/@failures)')" = 1 ] || fail "--strict: failures"

# MUST broken: fail, exit 1
"$pmip4ct" run "$suites/ha-core.suite" --case HA-AUTH-04 --fault ha:accept-bad-auth \
	>"$tmp/f.out" 2>&1
rc=$?
[ $rc -eq 1 ] || fail "a fail: exit $rc, expected 1"

# inconc: exit 3, a JUnit error
printf 'pixit reply-ms 20ms\npixit silence-ms 20ms\npixit pma-port %s\n' \
	$((20000 + $$ % 20000)) >"$tmp/px"
"$pmip4ct" run "$suites/ha-core.suite" --case HA-DEREG-01 --dut-ha 127.0.0.1:9 \
	--pixit "$tmp/px" --junit "$tmp/i.xml" --json "$tmp/i.json" >"$tmp/i.out" 2>&1
rc=$?
[ $rc -eq 3 ] || fail "an inconc: exit $rc, expected 3: $(cat "$tmp/i.out")"
[ "$(x "$tmp/i.xml" 'count(//error[@type="inconc"])')" = 1 ] || fail "inconc is not a JUnit error"
[ "$(x "$tmp/i.xml" 'count(//skipped)')" = 0 ] || fail "inconc is a JUnit skip"
echo "ok: warn exit 0 (strict 1), fail exit 1, inconc exit 3 and a JUnit error"
