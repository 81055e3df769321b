#!/bin/sh
# test_run_json.sh PMIP4CT SUITE-FILE — `pmip4ct run --json` (DESIGN.md §8): one entry per
# case with its pcap; and a run stopped by SIGINT (a remote DUT that never answers, so
# each case waits) exits 130 and leaves valid JSON holding exactly the finished cases.
# Needs jq.
set -u
pmip4ct=$1 suite=$2
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v jq >/dev/null || { echo "SKIP: jq not installed (tools/setup)"; exit 77; }

"$pmip4ct" run "$suite" --list >"$tmp/list" || fail "run $suite --list failed"
n=$(awk 'NR > 2 && /^[^ ]/' "$tmp/list" | wc -l) # after the header, a line per ID
[ "$n" -gt 0 ] || { echo "SKIP: $suite has no cases yet"; exit 77; }
role=$(awk 'NR == 3 { print $2 }' "$tmp/list")

"$pmip4ct" run "$suite" -q --json "$tmp/r.json" --pcap-dir "$tmp/pcaps" >/dev/null
rc=$?
[ $rc -le 1 ] || fail "exit $rc"
jq -e . "$tmp/r.json" >/dev/null || fail "invalid JSON"
[ "$(jq '.cases | length' "$tmp/r.json")" = "$n" ] || fail "expected $n cases"
[ "$(jq '.summary.total' "$tmp/r.json")" = "$n" ] || fail "summary.total"
[ "$(jq '[.summary.pass, .summary.fail, .summary.inconc, .summary.none, .summary.error] | add' \
	"$tmp/r.json")" = "$n" ] || fail "verdict counts do not add up"
[ "$(jq '[.cases[] | select(.id and .verdict and has("reason") and .title and .ref)] | length' \
	"$tmp/r.json")" = "$n" ] || fail "a case without id, verdict, reason, title or ref"
[ "$(jq '[.cases[].id] | unique | length' "$tmp/r.json")" = "$n" ] || fail "duplicate IDs"
for p in $(jq -r '.cases[].pcap' "$tmp/r.json"); do
	[ -s "$p" ] || fail "pcap $p missing"
done

# interrupted: one finished case at least, then SIGINT
[ "$n" -ge 2 ] || { echo "ok (too few cases to interrupt)"; exit 0; }
printf 'pixit reply-ms 700ms\npixit silence-ms 700ms\npixit pma-port 20436\n' >"$tmp/px"
[ "$role" = ha ] && dut=--dut-ha || dut=--dut-pma
"$pmip4ct" run "$suite" -q "$dut" 127.0.0.1:9 --pixit "$tmp/px" --json "$tmp/i.json" \
	>"$tmp/out" 2>&1 &
pid=$!
# SIGINT while the first case waits (700 ms, then the positive control's 700 ms): the
# run ends that case and stops.  Against this dead DUT the cases after the first are
# not run but inconc at once, so waiting for a finished case would be too late.
sleep 0.3
kill -INT $pid
wait $pid
rc=$?
pid=
[ $rc -eq 130 ] || fail "interrupted run: exit $rc, expected 130: $(cat "$tmp/out")"
jq -e . "$tmp/i.json" >/dev/null || fail "interrupted run: invalid JSON"
got=$(jq '.cases | length' "$tmp/i.json")
[ "$got" -ge 1 ] && [ "$got" -lt "$n" ] || fail "interrupted run kept $got of $n cases"
[ "$(jq .summary.total "$tmp/i.json")" = "$got" ] || fail "interrupted: summary.total"
[ "$(jq .summary.interrupted "$tmp/i.json")" = true ] || fail "interrupted: not marked"
[ ! -e "$tmp/i.json.tmp" ] || fail "FILE.tmp left behind"
echo "ok: $n cases; the interrupted run kept $got"
