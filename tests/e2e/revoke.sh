#!/usr/bin/env bash
# revoke.sh PMIP4CT TESTBED — a PMA that revokes (RFC 3543 §4.2.3.1, pmip4ct pma
# --revoke-on-detach): busybox udhcpc in ns mn gets its home address from pma1 and
# releases it on exit (RFC 2131 §4.4.6); pma1 revokes the binding at the reference HA
# instead of deregistering, the HA acknowledges (§3.4, §4.2.3.2) and drops the binding,
# and pma1 has no state left.  Root only (namespaces); exits 77 otherwise.
set -uo pipefail

export TESTBED_PREFIX=pctrev
. "$(dirname "$0")/lib.sh"

"$testbed" up >/dev/null || fail "testbed"
start ha ha ha --listen 10.251.1.2 --sa "$SA" --pool 10.10.0.0/24 --reserve 10.10.0.1 \
	--log debug
wait_for "$tmp/ha.log" "listening on"
start pma1 pma1 pma --address 10.251.1.1 --ha 10.251.1.2 --sa "$SA" --access acc \
	--gateway 10.10.0.1 --revoke-on-detach on --log debug
wait_for "$tmp/pma1.log" "ready on"

# the lease; then SIGUSR2 makes udhcpc unicast a DHCPRELEASE from its kernel socket (so
# with the checksum left to veth offload, which the PMA's access link completes)
rm -f "$tmp/mn.lease"
(exec ip netns exec "$TESTBED_PREFIX-mn" env UDHCPC_LEASE_FILE="$tmp/mn.lease" busybox \
	udhcpc -f -i mn0 -n -t 5 -T 1 -s "$here/udhcpc.script" >>"$tmp/udhcpc-mn.log" 2>&1) &
pids+=($!)
for _ in $(seq 50); do [ -s "$tmp/mn.lease" ] && break; sleep 0.1; done
[ -s "$tmp/mn.lease" ] || fail "udhcpc got no lease"
kill -USR2 "${pids[2]}"
echo "ok   udhcpc got $(cat "$tmp/mn.lease") from pma1 and released it"

for _ in $(seq 30); do grep -q -- "--REVACK-->" "$tmp/pma1.log" && break; sleep 0.1; done
grep -q -- "--DETACH--> REVOKING" "$tmp/pma1.log" || fail "pma1 did not revoke on the release"
grep -q -- "REVOKING --REVACK--> IDLE" "$tmp/pma1.log" || fail "the HA did not acknowledge"
echo "ok   pma1 revoked the binding and the HA acknowledged"
kill -USR1 "${pids[0]}" "${pids[1]}" # both: dump bindings, sessions and counters
sleep 0.3
n=$(grep -o 'sessions [0-9]*;' "$tmp/pma1.log" | tail -n 1 | grep -o '[0-9]*')
[ "${n:-x}" = 0 ] || fail "pma1 still has ${n:-unknown} sessions"
grep -q "own revocations 1 (retransmits 0, acked 1, abandoned 0)" "$tmp/pma1.log" ||
	fail "pma1's counters do not show one acknowledged revocation"
echo "ok   pma1 has no state left for the device"
n=$(grep -o 'bindings [0-9]*$' "$tmp/ha.log" | tail -n 1 | grep -o '[0-9]*')
[ "${n:-x}" = 0 ] || fail "the HA still has ${n:-unknown} bindings"
echo "ok   the HA released the binding"
exit 0
