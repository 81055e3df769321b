#!/usr/bin/env bash
# run_remote_ha.sh — the acceptance check of issue 5 for a DUT started on its own:
# `pmip4ct run testsuites/ha-core.suite --dut-ha 127.0.0.2:PORT --pixit FILE` against
# `pmip4ct ha` processes over UDP on 127.0.0.0/8 (DESIGN.md §5, §8).
#   1. a clean HA: no case fails (data-plane cases give none: signalling only);
#   2. the same HA with --fault accept-bad-auth: the run fails, naming the auth cases;
#   3. two runs started at once on the same tester addresses: the second fails at once
#      (exit 2), naming the address and the PIXIT item that moves it (no SO_REUSEADDR);
#   4. an HA that stops answering in the middle (killed; or wedged by a malformed
#      datagram): the run ends "DUT stopped answering at case X", exit 3, no case after X
#      passes, and the silence before it is not taken for a pass.
# Needs root (remote_ha_lib.sh): skips (77) without it.
set -uo pipefail
pmip4ct=${1:?usage: run_remote_ha.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: run_remote_ha.sh PMIP4CT SOURCE_ROOT}
. "$(dirname "$0")/remote_ha_lib.sh"

start_ha2
start_ha "$tmp/ha.log"
sleep 0.5

fail=0
"$pmip4ct" run "$root/testsuites/ha-core.suite" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --json "$tmp/clean.json" >"$tmp/clean.out" 2>&1
rc=$?
cat "$tmp/clean.out"
if [ $rc != 0 ]; then
	echo "FAIL: the clean remote HA run exited $rc"
	fail=1
fi
if ! grep -q '"verdict":"pass"' "$tmp/clean.json"; then
	echo "FAIL: no case passed against the remote HA"
	fail=1
fi

restart_ha "$tmp/ha-faulty.log" --fault accept-bad-auth
sleep 0.5
"$pmip4ct" run "$root/testsuites/ha-core.suite" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --case 'HA-AUTH-*' --json "$tmp/faulty.json" \
	>"$tmp/faulty.out" 2>&1
rc=$?
if [ $rc != 1 ] || ! grep -q '"verdict":"fail"' "$tmp/faulty.json"; then
	cat "$tmp/faulty.out"
	echo "FAIL: an HA that accepts bad authenticators was not caught (exit $rc)"
	fail=1
fi

"$pmip4ct" run "$root/testsuites/ha-core.suite" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --case 'HA-REG-0[1-4]' >"$tmp/first.out" 2>&1 &
first=$!
sleep 0.3
t0=$(date +%s%N)
"$pmip4ct" run "$root/testsuites/ha-core.suite" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --case 'HA-REG-0[1-4]' >"$tmp/second.out" 2>&1
rc=$?
ms=$((($(date +%s%N) - t0) / 1000000))
wait "$first"
rc1=$?
if [ $rc != 2 ] || ! grep -q 'is in use .*move the tester with PIXIT pma1 or pma-port' \
	"$tmp/second.out" || [ "$ms" -gt 2000 ] || [ $rc1 != 0 ]; then
	cat "$tmp/first.out" "$tmp/second.out"
	echo "FAIL: two runs at once: second exit $rc after $ms ms, first exit $rc1"
	fail=1
else
	echo "ok: a second run at once fails in $ms ms: $(cat "$tmp/second.out")"
fi

# stopped_ok NAME JSON RC: exit 3, the summary names the case, nothing after it passes,
# and the report says the campaign is not complete, and why (issue #17)
stopped_ok() {
	local at
	at=$(jq -r '.summary.dut_stopped_at' "$2")
	if [ "$3" != 3 ] || [ -z "$at" ] || [ "$(jq --arg at "$at" \
		'[.cases[] | select(.id > $at) | select(.verdict == "pass" or .verdict == "fail")]
		 | length' "$2")" != 0 ] || [ "$(jq .run.complete "$2")" != false ] ||
		! jq -r '.observations.deviations[]' "$2" | grep -q "at case $at: the cases after"; then
		echo "FAIL: $1: exit $3, stopped at '$at'"
		jq -c '.cases[] | [.id, .verdict, .reason]' "$2"
		fail=1
	else
		echo "ok: $1: exit 3, DUT stopped answering at case $at"
	fi
}
restart_ha "$tmp/ha-wedge.log" --fault wedge-on-malformed
sleep 0.5
"$pmip4ct" run "$root/testsuites/ha-robustness.suite" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --case 'HA-ROB-0[1-6]' --json "$tmp/wedge.json" \
	>"$tmp/wedge.out" 2>&1
stopped_ok "an HA wedged by a malformed request" "$tmp/wedge.json" $?
restart_ha "$tmp/ha-killed.log"
ha_pid=${pids[-1]}
sleep 0.5
"$pmip4ct" run "$root/testsuites/ha-core.suite" --dut-ha "127.0.0.2:$port" \
	--pixit "$tmp/dut.pixit" --case 'HA-AUTH-0[4-9]' --json "$tmp/killed.json" \
	>"$tmp/killed.out" 2>&1 &
run_pid=$!
for _ in $(seq 100); do # kill the HA once the first case has ended
	[ -s "$tmp/killed.json" ] && break
	sleep 0.05
done
kill "$ha_pid"
wait "$run_pid"
stopped_ok "an HA killed in the middle" "$tmp/killed.json" $?
exit $fail
