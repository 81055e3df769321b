#!/usr/bin/env bash
# bundle_merge.sh PMIP4CT BUNDLE_SEAL SHARDS_PY SAMPLE — `pmip4ct report merge DIR...
# --out DIR` (issue #17): three shard bundles made from the sample report
# (bundle_shards.py, sealed by bundle_seal.c) merge into one whose cases, verdicts,
# summary and requirement coverage are the sample's, in campaign order; the new bundle
# verifies (and its signature with --sign); each shard's signature is checked with
# --pubkey.  A missing or duplicated shard, another build, other PICS, another schema, a
# case in two shards, a tampered pcap (resealed or not) are refused with exit 1 naming the
# problem; bad JSON, a non-empty --out and a mix of bundles and files exit 2.  Nothing is
# left at --out (nor OUT.tmp-*) when a merge does not succeed.
set -u
pmip4ct=$(realpath "$1") seal=$(realpath "$2") shards=$(realpath "$3") sample=$(realpath "$4")
. "$(dirname "$0")/checks.sh"
cd "$tmp" || exit 1

# fresh DIR [--partial]: shard bundles DIR/s1..s3 sealed with lab.key
fresh() {
	d=$1
	shift
	rm -rf "$d"
	mkdir "$d"
	python3 "$shards" "$sample" "$d" 3 "$@" || exit 1
	for s in s1 s2 s3; do
		"$seal" "$d/$s" lab.key || fail "bundle_seal $d/$s"
	done
}

# expect STATUS PATTERN ARGS...: merge into o, exit STATUS, stdout+stderr match PATTERN
expect() {
	want=$1 pat=$2
	shift 2
	rm -rf o
	"$pmip4ct" report merge "$@" --out o >out 2>err
	got=$?
	[ "$got" -eq "$want" ] || fail "merge $*: exit $got, not $want: $(cat out err)"
	grep -qE -- "$pat" out err || fail "merge $*: output lacks /$pat/: $(cat out err)"
	if [ "$want" -ne 0 ]; then
		[ -e o ] && fail "merge $*: refused, but wrote o"
		ls -d o.tmp-* >/dev/null 2>&1 && fail "merge $*: left a temporary directory"
	fi
}

# json EXPR: jq -S of the merged report (o/report.json)
json() { jq -S "$1" o/report.json; }
want() { jq -S "$1" a/want.json; }

"$pmip4ct" keygen lab >/dev/null 2>&1 || fail "keygen lab"
"$pmip4ct" keygen other >/dev/null 2>&1 || fail "keygen other"
fresh a

# a merge in shard order or not gives the sample's cases, in campaign order
expect 0 '^merged 6 cases of 6 into o: 1 pass, 1 fail, 1 warn, 1 inconc, 1 none, 1 error; complete$' \
	a/s3 a/s1 a/s2/
grep -qx 'shard 3/3 a/s3/: 2 cases' out || fail "no line for shard 3: $(cat out)"
grep -qx 'shard 2/3 a/s2/: 2 cases' out || fail "no line for shard 2: $(cat out)"
[ "$(json '[.cases[].id]')" = "$(want '[.cases[].id]')" ] ||
	fail "merged case order: $(jq -c '[.cases[].id]' o/report.json)"
[ "$(json .cases)" = "$(want .cases)" ] || fail "merged cases differ from the sample's"
[ "$(json '.summary | del(.planned, .interrupted, .finished, .wall_ms)')" = \
  "$(want '.summary | del(.planned, .interrupted, .finished, .wall_ms)')" ] ||
	fail "summary: $(jq -c .summary o/report.json)"
[ "$(json .requirements)" = "$(want .requirements)" ] ||
	fail "requirement verdicts: $(jq -c '[.requirements[].cases[]]' o/report.json)"
jq -e '.run.shard == {"index": 1, "total": 1, "merged": [1, 2, 3]} and .run.complete and
	.run.host == "tester-01.lab.example, tester-02.lab.example" and
	.run.start_utc == "2026-12-04T09:07:00Z" and .run.end_utc == "2026-12-04T10:03:00Z" and
	.run.planned == 6 and .summary.planned == 6 and .summary.finished and
	.summary.wall_ms == 3000 and (.summary.interrupted | not) and
	(.observations.notes | length) == 4 and .load != null and
	.run.campaign.ids == [.cases[].id]' o/report.json >/dev/null ||
	fail "merged run: $(jq -c '.run | del(.command)' o/report.json)"
src=$(dirname "$(dirname "$(dirname "$sample")")")
python3 "$src/tests/integration/report_schema.py" "$src/docs/report-schema.json" \
	o/report.json >vout 2>&1
st=$?
[ $st -eq 0 ] || [ $st -eq 77 ] || fail "merged report.json against the schema: $(cat vout)"
"$pmip4ct" verify o >vout 2>&1 || fail "verify of the merged bundle: $(cat vout)"
grep -q '^bundle o: 8 files, all hashes match' vout || fail "verify: $(cat vout)"
for id in HA-AUTH-08 HA-PMIP-03 HA-REG-04 HA-GRE-04 HA-EXT-05; do
	cmp -s "o/pcaps/$id.pcap" "a/s$(( $(jq "[.cases[].id] | index(\"$id\")" a/want.json) % 3 + 1))/pcaps/$id.pcap" ||
		fail "o/pcaps/$id.pcap is not the shard's"
done
python3 - o/junit.xml <<'EOF' || fail "junit.xml"
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
ids = [t.get("name") for t in r.iter("testcase")]
assert ids == ["HA-AUTH-08", "HA-PMIP-03", "HA-REG-04", "HA-GRE-04", "HA-REV-01", "HA-EXT-05"], ids
assert r.get("tests") == "6" and r.get("failures") == "1" and r.get("errors") == "2", r.attrib
assert r.get("timestamp") == "2026-12-04T09:07:00", r.attrib
EOF
grep -q 'id="case-HA-EXT-05"' o/report.html || fail "report.html lacks the cases"

# signed, and each shard's signature checked
expect 0 'complete$' a/s1 a/s2 a/s3 --sign lab.key --pubkey lab.pub
"$pmip4ct" verify o --pubkey lab.pub >vout 2>&1 || fail "signed merge: $(cat vout)"
grep -q 'signature good' vout || fail "signed merge: $(cat vout)"
"$pmip4ct" verify o --pubkey other.pub >/dev/null 2>&1 && fail "merged bundle verifies with other.pub"
expect 1 '^pmip4ct report merge: shard a/s1/ does not verify: signature: BAD' \
	a/s1 a/s2 a/s3 --pubkey other.pub

# an empty --out is used; a non-empty one never
rm -rf o && mkdir o
"$pmip4ct" report merge a/s1 a/s2 a/s3 --out o >out 2>err || fail "into an empty o: $(cat err)"
"$pmip4ct" report merge a/s1 a/s2 a/s3 --out o >out 2>err
[ $? -eq 2 ] && grep -q -- '--out o: not empty' err || fail "into a full o: $(cat err)"
[ "$(cat o/report.json | jq .schema)" = '"pmip4ct-report/1"' ] || fail "full o was changed"

"$pmip4ct" report merge a/s1 a/s2 a/s3 --out a/s2/merged >out 2>err
[ $? -eq 2 ] && grep -q -- '--out a/s2/merged: inside the shard a/s2' err ||
	fail "into a shard: $(cat err)"
[ -e a/s2/merged ] && fail "merged into a shard"

# refusals
expect 1 'shard 2/3 missing' a/s1 a/s3
cp -r a/s2 a/s2bis
expect 1 'shard 2/3 given twice: a/s2/ and a/s2bis/' a/s1 a/s2 a/s2bis a/s3
fresh b
jq '.tool.build = "0000111122223333"' b/s2/report.json >x && mv x b/s2/report.json
"$seal" b/s2 lab.key
expect 1 "shard b/s2/: tool.build 0000111122223333 differs from b/s1/'s 3f9c2a7d41e0b5c8" \
	b/s1 b/s2 b/s3
fresh b
jq '.pics.sha256 = ("0" * 64)' b/s3/report.json >x && mv x b/s3/report.json
"$seal" b/s3 lab.key
expect 1 'shard b/s3/: PICS differ: pics.sha256 0{64} differs from b/s1/' b/s1 b/s2 b/s3
fresh b
jq '.schema = "pmip4ct-report/2"' b/s1/report.json >x && mv x b/s1/report.json
"$seal" b/s1 lab.key
expect 1 'shard b/s1/: schema "pmip4ct-report/2" is not "pmip4ct-report/1"' b/s1 b/s2 b/s3
fresh b
jq --slurpfile c b/s1/report.json '.cases += [$c[0].cases[0]]' b/s2/report.json >x &&
	mv x b/s2/report.json
"$seal" b/s2 lab.key
expect 1 'case HA-AUTH-08 is in two shards: b/s1/ and b/s2/' b/s1 b/s2 b/s3
fresh b
printf 'X' | dd of=b/s3/pcaps/HA-EXT-05.pcap bs=1 seek=40 conv=notrunc 2>/dev/null
expect 1 'shard b/s3/ does not verify: changed: pcaps/HA-EXT-05.pcap' b/s1 b/s2 b/s3
"$seal" b/s3 lab.key # the tampered pcap sealed anew: its case's hash still catches it
expect 1 'shard b/s3/: case HA-EXT-05: pcaps/HA-EXT-05.pcap has SHA-256 [0-9a-f]{64}, not its pcap_sha256' \
	b/s1 b/s2 b/s3

# bad input
fresh b
printf '{"schema": "pmip4ct-report/1",\n  "tool": }\n' >b/s2/report.json
expect 2 'b/s2/report.json:2:11: ' b/s1 b/s2 b/s3
fresh b
jq 'del(.run.shard.total)' b/s2/report.json >x && mv x b/s2/report.json
expect 2 'b/s2/report.json: run.shard.total: missing or not an integer' b/s1 b/s2 b/s3
expect 2 'nokey: No such file' a/s1 a/s2 a/s3 --sign nokey
expect 2 'paths are bundles' a/s1 a/s2 a/want.json
expect 2 'not --json or --html' a/s1 a/s2 a/s3 --json x.json
"$pmip4ct" report merge a/s1 a/s2 a/s3 >out 2>err
[ $? -eq 2 ] && grep -q 'no --out DIR' err || fail "bundles without --out: $(cat err)"

# a campaign that did not run through: merged, but not complete
fresh p --partial
expect 0 '^merged 6 cases of 8 into o: .*; not complete$' p/s1 p/s2 p/s3
jq -e '(.run.complete | not) and .run.interrupted and .run.end_utc == "" and
	(.summary.finished | not) and .run.planned == 8' o/report.json >/dev/null ||
	fail "partial merge: $(jq -c '.run | del(.command, .campaign)' o/report.json)"
checks_end
