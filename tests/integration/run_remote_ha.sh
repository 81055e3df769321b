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
# The tester's PMAs listen on port 434, where the HA sends revocations (RFC 3543 §3.3):
# that needs root, so without it the test skips (77).
set -uo pipefail
pmip4ct=${1:?usage: run_remote_ha.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: run_remote_ha.sh PMIP4CT SOURCE_ROOT}
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

# two free-ish ports from the PID, so parallel runs do not collide
port=$((20000 + $$ % 20000))
port2=$((port + 1))
fa=spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
mn=spi=257,key=hex:101112131415161718191a1b1c1d1e1f,kind=mn-ha

start_ha() { # LOG EXTRA-ARGS...
	local log=$1
	shift
	"$pmip4ct" ha --listen "127.0.0.2:$port" --sa "$fa" --sa "$mn" --pool 10.10.0.0/24 \
		--max-lifetime 1800 --disallow 127.0.0.6 --log warn "$@" 2>"$log" &
	pids+=($!)
}

restart_ha() { # LOG EXTRA-ARGS...: stop the last HA started, start another
	kill "${pids[-1]}"
	wait "${pids[-1]}" 2>/dev/null
	unset 'pids[-1]'
	start_ha "$@"
}

cat >"$tmp/dut.pixit" <<PIXIT
# PIXIT for a reference HA run as its own process (pmip4ct-cases(7))
pixit ha 127.0.0.2:$port
pixit ha.pmip-off 127.0.0.7:$port2
pixit ha.pma-denied 127.0.0.6
pixit sa $fa
pixit mn-sa $mn
pixit ha.pool 10.10.0.0/24
pixit ha.max-lifetime 1800
pixit reply-ms 1s
pixit silence-ms 300ms
pixit time-scale 0.05
PIXIT

"$pmip4ct" ha --listen "127.0.0.7:$port2" --sa "$fa" --pmip off --log warn 2>"$tmp/ha2.log" &
pids+=($!)
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

# stopped_ok NAME JSON RC: exit 3, the summary names the case, nothing after it passes
stopped_ok() {
	local at
	at=$(jq -r '.summary.dut_stopped_at' "$2")
	if [ "$3" != 3 ] || [ -z "$at" ] || [ "$(jq --arg at "$at" \
		'[.cases[] | select(.id > $at) | select(.verdict == "pass" or .verdict == "fail")]
		 | length' "$2")" != 0 ]; then
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
