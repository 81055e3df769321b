#!/bin/sh
# bundle_run.sh PMIP4CT SOURCE_ROOT — `pmip4ct run --report` and `report merge` (issue
# #17) against the built-in references:
#   1. one run of ha-core and ha-robustness into a bundle: it verifies, its report.json
#      validates against docs/report-schema.json (as a plain --json report does), and its
#      report.html renders in headless chromium with a link to every case's pcap
#      (report_chromium.sh --bundle);
#   2. the same campaign split with --shard 1/3, 2/3, 3/3 and merged gives the same cases,
#      verdicts, reasons, summary and requirement coverage as the one run, and a bundle
#      that verifies and validates;
#   3. merge refuses a missing shard, a shard given twice, and a shard run with another
#      PIXIT (exit 1, naming it);
#   4. usage: --report into a non-empty directory, or with --json, --sign without
#      --report, and a --sign key that cannot sign are refused before any case (exit 2).
set -u
pmip4ct=$1 root=$2
here=$root/tests/integration
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v jq >/dev/null || { echo "SKIP: jq not installed (tools/setup)"; exit 77; }
suites="$root/testsuites/ha-core.suite $root/testsuites/ha-robustness.suite"
schema() { python3 "$here/report_schema.py" "$root/docs/report-schema.json" "$1"; rc=$?
	[ $rc = 0 ] || [ $rc = 77 ] || fail "$1 does not validate against the schema"; }
# what must not change between one run and a merge: per case, then the totals
same() { jq -S -c '[.cases[] | {id, suite, verdict, reason}], (.summary | del(.wall_ms)),
	[.requirements[] | {id, cases}]' "$1"; }

# ---- 1. one run ----
# shellcheck disable=SC2086
"$pmip4ct" run $suites -q --report "$tmp/one" >"$tmp/one.out" 2>&1 ||
	fail "run --report: exit $?: $(cat "$tmp/one.out")"
"$pmip4ct" verify "$tmp/one" >/dev/null || fail "the run's bundle does not verify"
schema "$tmp/one/report.json"
n=$(jq '.cases | length' "$tmp/one/report.json")
# a plain --json report is the same document (docs/report-schema.json)
"$pmip4ct" run "$root/testsuites/ha-core.suite" -q --case 'HA-REG-0*' --json "$tmp/plain.json" \
	--note 'plain' >/dev/null || fail "run --json: exit $?"
schema "$tmp/plain.json"
[ "$(jq -r '.schema + " " + .observations.notes[0]' "$tmp/plain.json")" = "pmip4ct-report/1 plain" ] ||
	fail "run --json carries no run metadata"
sh "$here/report_chromium.sh" --bundle "$tmp/one"
rc=$?
[ $rc = 0 ] || [ $rc = 77 ] || fail "report.html in chromium"
echo "ok: one run: $n cases"

# ---- 2. three shards merged ----
for i in 1 2 3; do
	# shellcheck disable=SC2086
	"$pmip4ct" run $suites -q --shard $i/3 --report "$tmp/s$i" >"$tmp/s$i.out" 2>&1 ||
		fail "--shard $i/3: exit $?: $(cat "$tmp/s$i.out")"
	k=$(jq '.cases | length' "$tmp/s$i/report.json")
	[ "$k" -ge $((n / 3)) ] && [ "$k" -le $((n / 3 + 1)) ] || fail "shard $i/3 ran $k of $n"
	[ "$(jq -r .run.complete "$tmp/s$i/report.json")" = false ] ||
		fail "shard $i/3 says it is the complete campaign"
done
"$pmip4ct" report merge "$tmp/s1" "$tmp/s2" "$tmp/s3" --out "$tmp/m" >"$tmp/m.out" 2>&1 ||
	fail "merge: exit $?: $(cat "$tmp/m.out")"
"$pmip4ct" verify "$tmp/m" >/dev/null || fail "the merged bundle does not verify"
schema "$tmp/m/report.json"
same "$tmp/one/report.json" >"$tmp/one.same"
same "$tmp/m/report.json" >"$tmp/m.same"
cmp -s "$tmp/one.same" "$tmp/m.same" || {
	diff "$tmp/one.same" "$tmp/m.same" | head -5; fail "merged shards differ from one run"; }
[ "$(jq -r .run.complete "$tmp/m/report.json")" = true ] || fail "the merge is not complete"
# junit.xml of the merge: the same suites, planned counts, DUT and testcases as one run's
junit() { for q in 'count(//testcase)' 'string(//testsuite[1]/@name)' \
	'string(//testsuite[1]/properties/property[@name="planned"]/@value)' \
	'string(//testsuite[2]/properties/property[@name="planned"]/@value)' \
	'string(//testsuite[1]/properties/property[@name="dut"]/@value)' \
	'string(//testcase[last()]/@name)'; do xmllint --xpath "$q" "$1"; echo; done; }
if command -v xmllint >/dev/null; then
	[ "$(junit "$tmp/one/junit.xml")" = "$(junit "$tmp/m/junit.xml")" ] ||
		fail "merged junit.xml differs from one run's: $(junit "$tmp/m/junit.xml" | tr '\n' '|')"
fi
[ "$(ls "$tmp/m/pcaps" | wc -l)" = "$n" ] || fail "merged bundle: $(ls "$tmp/m/pcaps" | wc -l) pcaps"
echo "ok: 3 shards merged = one run ($n cases)"

# ---- 3. refusals ----
refuse() { # WHAT PATTERN ARGS...: merge must exit 1 saying PATTERN
	what=$1 pat=$2
	shift 2
	rm -rf "$tmp/bad"
	"$pmip4ct" report merge "$@" --out "$tmp/bad" >"$tmp/bad.out" 2>&1
	rc=$?
	[ $rc = 1 ] || fail "merge with $what: exit $rc: $(cat "$tmp/bad.out")"
	grep -qi -- "$pat" "$tmp/bad.out" || fail "merge with $what does not say '$pat': $(cat "$tmp/bad.out")"
	[ ! -e "$tmp/bad" ] || fail "merge with $what left $tmp/bad"
}
refuse "a missing shard" "3/3" "$tmp/s1" "$tmp/s2"
refuse "a shard twice" "twice\|duplicate" "$tmp/s1" "$tmp/s2" "$tmp/s2" "$tmp/s3"
printf 'pixit reply-ms 2s\n' >"$tmp/other.pixit"
# shellcheck disable=SC2086
"$pmip4ct" run $suites -q --shard 3/3 --pixit "$tmp/other.pixit" --report "$tmp/x3" \
	>/dev/null 2>&1 || fail "--shard 3/3 with another PIXIT: exit $?"
refuse "another PIXIT" "PIXIT" "$tmp/s1" "$tmp/s2" "$tmp/x3"
echo "ok: merge refuses a missing shard, a duplicate, another PIXIT"

# ---- 4. usage ----
"$pmip4ct" run "$root/testsuites/ha-core.suite" -q --report "$tmp/one" >"$tmp/u.out" 2>&1
[ $? = 2 ] && grep -q 'not empty' "$tmp/u.out" || fail "--report into a used directory: $(cat "$tmp/u.out")"
"$pmip4ct" run "$root/testsuites/ha-core.suite" -q --report "$tmp/u" --json "$tmp/u.json" \
	>"$tmp/u.out" 2>&1
[ $? = 2 ] || fail "--report with --json is not refused"
"$pmip4ct" run "$root/testsuites/ha-core.suite" -q --sign "$tmp/none.key" >"$tmp/u.out" 2>&1
[ $? = 2 ] || fail "--sign without --report is not refused"
echo junk >"$tmp/bad.key"
"$pmip4ct" run "$root/testsuites/ha-core.suite" -q --report "$tmp/k" --sign "$tmp/bad.key" \
	>"$tmp/u.out" 2>&1
[ $? = 2 ] && [ ! -e "$tmp/k" ] && grep -q 'bad.key' "$tmp/u.out" ||
	fail "a key that cannot sign is not refused before the run: $(cat "$tmp/u.out")"
echo "ok: usage errors"
