#!/usr/bin/env bash
# handover.sh PMIP4CT TESTBED — end to end with an unmodified host (RFC 5563 §4.1.1,
# §4.1.3, §4.1.4, §6.3): the reference HA in ns ha (home network on a TUN, tunnels in user
# space), the reference PMA in pma1; busybox udhcpc in ns mn gets its home address from
# pma1 and pings the CN through the tunnel.  Then the mobile node's link moves to pma2:
# the client keeps its address, the pings go on, and the HA has revoked pma1, which has
# no state left for the device.  Root only (namespaces); exits 77 otherwise.
set -uo pipefail

export TESTBED_PREFIX=pcte2e
. "$(dirname "$0")/lib.sh"

"$testbed" up >/dev/null || fail "testbed"
in_ns ha sysctl -qw net.ipv4.ip_forward=1
in_ns cn ip route add 10.10.0.0/24 via 10.251.3.1

start ha ha ha --listen 10.251.1.2 --listen 10.251.2.2 --sa "$SA" --pool 10.10.0.0/24 \
	--reserve 10.10.0.1 --tun pcte2etun --log debug
wait_for "$tmp/ha.log" "listening on"
in_ns ha ip link set pcte2etun up
in_ns ha ip route add 10.10.0.0/24 dev pcte2etun
start pma1 pma1 pma --address 10.251.1.1 --ha 10.251.1.2 --sa "$SA" --access acc \
	--gateway 10.10.0.1 --dns 10.251.3.2 --lease 120 --log debug
wait_for "$tmp/pma1.log" "ready on"

# 1. RFC 5563 §4.1.1: DHCP through the proxy registration; §4.2: the tunnel
dhcp mn
hoa=$(cat "$tmp/mn.lease")
case "$hoa" in 10.10.0.*) ;; *) fail "home address '$hoa' is not from the HA's pool" ;; esac
[ "$hoa" != 10.10.0.1 ] || fail "got the gateway's address"
echo "ok   udhcpc got $hoa from pma1"
in_ns mn busybox ping -c 3 -W 2 10.251.3.2 >"$tmp/ping1.log" 2>&1 ||
	fail "no ping to the CN through pma1"
echo "ok   ping mn -> cn through pma1 and the HA"

# 2. §4.1.3: handover to pma2 while pinging
in_ns mn busybox ping -i 0.2 -c 50 -W 1 10.251.3.2 >"$tmp/ping2.log" 2>&1 &
pinger=$!
sleep 1
"$testbed" move pma2 >/dev/null || fail "testbed move"
start pma2 pma2 pma --address 10.251.2.1 --ha 10.251.2.2 --sa "$SA" --access acc \
	--gateway 10.10.0.1 --dns 10.251.3.2 --lease 120 --log debug
wait_for "$tmp/pma2.log" "ready on"
dhcp mn
hoa2=$(cat "$tmp/mn.lease")
[ "$hoa2" = "$hoa" ] || fail "the address changed on handover: $hoa -> $hoa2"
echo "ok   after the move to pma2 the client keeps $hoa2"
wait "$pinger"
last=$(grep -o 'seq=[0-9]*' "$tmp/ping2.log" | tail -n 1 | cut -d= -f2)
got=$(grep -c 'bytes from' "$tmp/ping2.log")
[ "${last:-0}" -ge 45 ] || fail "pings stopped after the handover (last seq ${last:-none})"
echo "ok   pings go on after the handover ($got of 50 answered, last seq $last)"

# 3. §4.1.4: the HA revoked pma1, which dropped the device
for _ in $(seq 30); do grep -q -- "--REVOKED-->" "$tmp/pma1.log" && break; sleep 0.1; done
grep -q -- "--REVOKED-->" "$tmp/pma1.log" || fail "pma1 was not revoked"
kill -USR1 "${pids[1]}" # pma1: dump its sessions and counters
sleep 0.3
n=$(grep -o 'sessions [0-9]*;' "$tmp/pma1.log" | tail -n 1 | grep -o '[0-9]*')
[ "${n:-x}" = 0 ] || fail "pma1 still has ${n:-unknown} sessions"
echo "ok   the HA revoked pma1, which has no state left for the device"
exit 0
