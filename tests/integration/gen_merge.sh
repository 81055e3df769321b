#!/bin/sh
# gen_merge.sh PMIP4CT GEN_SHARDS — `pmip4ct report merge` (issue #16): 4 shard summaries
# merged give the figures of one run (counters added, histograms equal, quantiles the
# same), from files or a directory; a missing or duplicated shard, a shard of another
# profile, a histogram that does not add up or is out of range, and a file that is not
# JSON are refused with the reason; the HTML page has no script and well-formed SVG.
set -u
pmip4ct=$1 shards=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
mkdir "$tmp/s" "$tmp/x"
"$shards" "$tmp/s" "$tmp/one.json" 4 || exit 1

# expect STATUS PATTERN ARGS...: merge, exit STATUS, stderr matching PATTERN (grep -E)
expect() {
	want=$1 pat=$2
	shift 2
	"$pmip4ct" report merge "$@" --json "$tmp/refused.json" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] || fail "merge $*: exit $got, not $want: $(cat "$tmp/err")"
	grep -qE "$pat" "$tmp/err" || fail "merge $*: stderr lacks /$pat/: $(cat "$tmp/err")"
	[ -e "$tmp/refused.json" ] && fail "merge $*: refused, but wrote its --json file"
	rm -f "$tmp/refused.json"
}

# the figures a merge must reproduce, without what names the shard
figures='{devices, registered, packets_sent, packets_received, lost, lost_in_handover,
	latency_us, handover_gap_ms, counters, codes, histograms}'

"$pmip4ct" report merge "$tmp"/s/shard-*.json --json "$tmp/merged.json" \
	--html "$tmp/merged.html" >"$tmp/out" 2>"$tmp/err" ||
	fail "merge of 4 shards: exit $?: $(cat "$tmp/err")"
jq -e . "$tmp/merged.json" >/dev/null || fail "merged.json is not valid JSON"
jq -S "$figures" "$tmp/one.json" >"$tmp/want"
jq -S "$figures" "$tmp/merged.json" >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "merged figures differ from one run's: $(diff "$tmp/want" "$tmp/got" | head -20)"
jq -e '.shard == {"index":0,"total":4,"merged":4,"devices":[0,4000]} and
	.start == "2026-12-03T20:01:00.000Z" and .end == "2026-12-03T21:04:00.000Z" and
	.finished == true and .format == 1 and .profile_hash == ("0" * 61 + "abc") and
	(.latency_us.p99 | type) == "number" and .packets_sent > 0' "$tmp/merged.json" \
	>/dev/null || fail "merged meta wrong: $(jq -c '{shard,start,end,finished}' "$tmp/merged.json")"

# a directory: every shard summary in it, a merge's own output skipped
cp "$tmp/merged.json" "$tmp/s/merged.json"
echo '{"not":"a summary"}' >"$tmp/s/other.json"
"$pmip4ct" report merge "$tmp/s" >"$tmp/dir.json" 2>"$tmp/err" ||
	fail "merge of a directory: exit $?: $(cat "$tmp/err")"
jq -S "$figures" "$tmp/dir.json" | cmp -s "$tmp/want" - || fail "directory merge differs"
rm "$tmp/s/merged.json" "$tmp/s/other.json"

s=$tmp/s
expect 1 'shard 3/4 is missing' "$s/shard-1.json" "$s/shard-2.json" "$s/shard-4.json"
cp "$s/shard-2.json" "$tmp/x/again.json"
expect 1 'shard 2/4 is given twice: .*shard-2.json and .*again.json' "$s" "$tmp/x/again.json"
jq '.profile_hash = "ff"' "$s/shard-3.json" >"$tmp/x/shard-3.json"
expect 1 'not shards of one run: profile_hash' "$s/shard-1.json" "$s/shard-2.json" \
	"$tmp/x/shard-3.json" "$s/shard-4.json"
jq '.build = "other"' "$s/shard-4.json" >"$tmp/x/shard-4.json"
expect 1 'build' "$s/shard-1.json" "$s/shard-2.json" "$s/shard-3.json" "$tmp/x/shard-4.json"
jq '.histograms.lat_up.buckets[3][1] += 1' "$s/shard-2.json" >"$tmp/x/shard-2.json"
expect 1 'shard-2.json: histogram "lat_up": the bucket counts add up to [0-9]+, not n' \
	"$s/shard-1.json" "$tmp/x/shard-2.json" "$s/shard-3.json" "$s/shard-4.json"
jq '.histograms.reg.buckets[-1][0] = 99999' "$s/shard-2.json" >"$tmp/x/shard-2.json"
expect 1 'histogram "reg": bucket [0-9]+: index 99999 is out of range' \
	"$s/shard-1.json" "$tmp/x/shard-2.json" "$s/shard-3.json" "$s/shard-4.json"
jq '.histograms.ho_gap.sub_bits = 7' "$s/shard-2.json" >"$tmp/x/shard-2.json"
expect 1 'histogram "ho_gap": layout sub_bits 7' \
	"$s/shard-1.json" "$tmp/x/shard-2.json" "$s/shard-3.json" "$s/shard-4.json"
jq '.histograms.rev_ack.sum = 1e30' "$s/shard-2.json" >"$tmp/x/shard-2.json"
expect 1 'histogram "rev_ack": sum [0-9]+ is not that of' \
	"$s/shard-1.json" "$tmp/x/shard-2.json" "$s/shard-3.json" "$s/shard-4.json"
jq '.counters.sent.up = -1' "$s/shard-2.json" >"$tmp/x/shard-2.json"
expect 1 'counters "sent" "up" is negative' \
	"$s/shard-1.json" "$tmp/x/shard-2.json" "$s/shard-3.json" "$s/shard-4.json"
head -c 300 "$s/shard-1.json" >"$tmp/x/cut.json"
expect 2 'cut.json:[0-9]+:[0-9]+: ' "$tmp/x/cut.json" "$s/shard-2.json"
expect 2 'no-such.json: No such file' "$tmp/no-such.json"
expect 2 'no FILE or DIR'
expect 2 'unknown option|unrecognized' --bogus "$s"
"$pmip4ct" report frobnicate >/dev/null 2>&1
[ $? -eq 2 ] || fail "report frobnicate: not exit 2"

# the page: no script; every SVG well-formed XML
grep -qi '<script' "$tmp/merged.html" && fail "merged.html has a script"
grep -c '<svg ' "$tmp/merged.html" | grep -qx 3 || fail "merged.html: not 3 plots"
python3 - "$tmp/merged.html" <<'PY' || fail "an SVG of merged.html is not well-formed"
import re, sys, xml.etree.ElementTree as ET
page = open(sys.argv[1], encoding="utf-8").read()
for svg in re.findall(r"<svg .*?</svg>", page, re.S):
    ET.fromstring(svg)
PY

[ $failed -eq 0 ] && echo "ok: report merge"
exit $failed
