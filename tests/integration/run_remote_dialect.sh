#!/usr/bin/env bash
# run_remote_dialect.sh — issue 12: the tester speaks a remote HA's dialect (the request
# profile, PIXIT nai) and checks a baseline registration before the first case.  Against
# `pmip4ct ha --fault reject-nai` (134 to any request with an NAI):
#   1. the default profile: the run stops at the baseline, every case inconc, and the
#      summary names the 134 and the hint `pixit nai off` (exit 3);
#   2. with `pixit nai off`: the run goes past the baseline, and HA-REG-05 (a request
#      with an NAI) fails naming the 134.
# The tester's PMAs listen on port 434 (RFC 3543 §3.3): needs root, else skip (77).
set -uo pipefail
pmip4ct=${1:?usage: run_remote_dialect.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: run_remote_dialect.sh PMIP4CT SOURCE_ROOT}
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: the tester's PMAs bind UDP port 434 on 127.0.0.3/4 (needs root)"
	exit 77
fi
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

port=$((20000 + $$ % 20000))
fa=spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
mn=spi=257,key=hex:101112131415161718191a1b1c1d1e1f,kind=mn-ha
"$pmip4ct" ha --listen "127.0.0.2:$port" --sa "$fa" --sa "$mn" --pool 10.10.0.0/24 \
	--max-lifetime 1800 --disallow 127.0.0.6 --log warn --fault reject-nai \
	2>"$tmp/ha.log" &
pids+=($!)
cat >"$tmp/dut.pixit" <<PIXIT
pixit ha 127.0.0.2:$port
pixit sa $fa
pixit mn-sa $mn
pixit reply-ms 1s
pixit silence-ms 300ms
pixit time-scale 0.05
PIXIT
sleep 0.5
fail=0

"$pmip4ct" run "$root/testsuites/ha-core.suite" --case 'HA-REG-*' --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --json "$tmp/a.json" >"$tmp/a.out" 2>&1
rc=$?
cat "$tmp/a.out"
[ $rc = 3 ] || { echo "FAIL: a run stopped at the baseline exits $rc, not 3"; fail=1; }
grep -q 'run stopped before the first case: baseline registration refused with 134.*pixit nai off' \
	"$tmp/a.out" || { echo "FAIL: the summary names no 134 and no hint"; fail=1; }
grep -q '"dut_stopped_at":"baseline"' "$tmp/a.json" ||
	{ echo "FAIL: the JSON says no baseline stop"; fail=1; }
if grep -q '"verdict":"\(pass\|fail\)"' "$tmp/a.json"; then
	echo "FAIL: a case was judged after the baseline was refused"
	fail=1
fi

{ cat "$tmp/dut.pixit"; echo "pixit nai off"; } >"$tmp/off.pixit"
"$pmip4ct" run "$root/testsuites/ha-core.suite" --case 'HA-REG-*' --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/off.pixit" --json "$tmp/b.json" >"$tmp/b.out" 2>&1
cat "$tmp/b.out"
grep -q 'run stopped before' "$tmp/b.out" && { echo "FAIL: nai off still stops"; fail=1; }
grep -q '^HA-REG-01 *pass' "$tmp/b.out" ||
	{ echo "FAIL: a plain registration without NAI does not pass"; fail=1; }
grep -q '^HA-REG-05 *fail.*RRP.Code: expected 0, got 134' "$tmp/b.out" ||
	{ echo "FAIL: HA-REG-05 does not report the 134"; fail=1; }
exit $fail
