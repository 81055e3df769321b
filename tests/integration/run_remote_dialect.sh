#!/usr/bin/env bash
# run_remote_dialect.sh — issue 12: the tester speaks a remote HA's dialect (the request
# profile, PIXIT nai) and checks a baseline registration before the first case.  Against
# `pmip4ct ha --fault reject-nai` (134 to any request with an NAI):
#   1. the default profile: the run stops at the baseline, every case inconc, and the
#      summary names the 134 and the hint `pixit nai off` (exit 3);
#   2. with `pixit nai off`: the run goes past the baseline, and HA-REG-05 (a request
#      with an NAI) fails naming the 134.
# Needs root (remote_ha_lib.sh): skips (77) without it.
set -uo pipefail
pmip4ct=${1:?usage: run_remote_dialect.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: run_remote_dialect.sh PMIP4CT SOURCE_ROOT}
. "$(dirname "$0")/remote_ha_lib.sh"

start_ha "$tmp/ha.log" --fault reject-nai
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
