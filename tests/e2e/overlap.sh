#!/usr/bin/env bash
# overlap.sh PMIP4CT TESTBED — two devices with the same home address, on two GRE keys,
# each gets its own traffic (RFC 5563 §4.2; RFC 6245 §5: the keys demultiplex the
# tunnels).  Two reference HAs (ns ha and ha2) hand out the same pool, each with a home
# address of its own on its TUN; one reference PMA in pma1 serves mn and mn2 on one
# bridged access link, each device registered at its own HA (--device MAC,NAI,,HA).
# Both busybox udhcpc clients get the same address; each reaches only its own HA's home
# network.  Root only (namespaces); exits 77 otherwise.
set -uo pipefail

export TESTBED_PREFIX=pctovl TESTBED_TWO=1
. "$(dirname "$0")/lib.sh"
HOME1=10.10.0.254 # HA1's own home address, on its TUN
HOME2=10.10.0.253 # HA2's
start_ha() { # start_ha NS LISTEN TUN HOME: an HA with the common pool, HOME on its TUN
	start "$1" "$1" ha --listen "$2" --sa "$SA" --pool 10.10.0.0/24 --reserve 10.10.0.1 \
		--gre on --tun "$3" --log debug
	wait_for "$tmp/$1.log" "listening on"
	in_ns "$1" ip addr add "$4/24" dev "$3"
	in_ns "$1" ip link set "$3" up
}
reach() { # reach NS DST: answered
	in_ns "$1" busybox ping -c 2 -W 2 "$2" >>"$tmp/ping-$1.log" 2>&1 ||
		fail "$1 got no answer from $2"
	echo "ok   $1 reaches $2"
}
unreach() { # unreach NS DST: no answer
	! in_ns "$1" busybox ping -c 2 -W 1 "$2" >>"$tmp/ping-$1.log" 2>&1 ||
		fail "$1 got an answer from $2, which is in the other device's home network"
	echo "ok   $1 does not reach $2"
}

"$testbed" up >/dev/null || fail "testbed"
start_ha ha 10.251.1.2 pctovlt1 "$HOME1"
start_ha ha2 10.251.5.2 pctovlt2 "$HOME2"
start pma1 pma1 pma --address 10.251.1.1 --ha 10.251.1.2 --sa "$SA" --access accbr \
	--gre on --gateway 10.10.0.1 --lease 120 --log debug \
	--device 02:00:00:00:00:01,mn1@pmip4ct.example,,10.251.1.2 \
	--device 02:00:00:00:00:02,mn2@pmip4ct.example,,10.251.5.2
wait_for "$tmp/pma1.log" "ready on"

# 1. RFC 5563 §4.1.1 for both, each at its own HA: the same home address
dhcp mn
dhcp mn2
hoa1=$(cat "$tmp/mn.lease") hoa2=$(cat "$tmp/mn2.lease")
[ "$hoa1" = 10.10.0.2 ] || fail "mn got '$hoa1', not 10.10.0.2"
[ "$hoa2" = "$hoa1" ] || fail "mn2 got '$hoa2', not mn's $hoa1"
echo "ok   mn and mn2 both got $hoa1, from two HAs"

# 2. §4.2, RFC 6245 §5: each device's traffic stays in its own tunnel
reach mn "$HOME1"
reach mn2 "$HOME2"
unreach mn2 "$HOME1"
unreach mn "$HOME2"

# 3. two sessions with the same home address and different GRE keys (PMA's dump:
# MAC NAI STATE HOA HA LEFT KEYS, keys as pma/ha)
kill -USR1 "${pids[2]}" # pma1
for _ in $(seq 30); do grep -q 'sessions: ' "$tmp/pma1.log" && break; sleep 0.1; done
sleep 0.2
row() { grep -E "^ *$1 +mn" "$tmp/pma1.log" | tail -n 1; }
r1=$(row 02:00:00:00:00:01) r2=$(row 02:00:00:00:00:02)
[ -n "$r1" ] && [ -n "$r2" ] || fail "no session rows in pma1's dump"
k1=$(awk '{print $NF}' <<<"$r1") k2=$(awk '{print $NF}' <<<"$r2")
grep -Eqx '[0-9a-f]+/[0-9a-f]+' <<<"$k1" && grep -Eqx '[0-9a-f]+/[0-9a-f]+' <<<"$k2" ||
	fail "no GRE keys: '$r1' '$r2'"
[ "${k1%/*}" != "${k2%/*}" ] || fail "the same PMA key for both sessions: $k1 $k2"
awk '{print $4, $5}' <<<"$r1" | grep -qx "$hoa1 10.251.1.2" || fail "mn's session: '$r1'"
awk '{print $4, $5}' <<<"$r2" | grep -qx "$hoa1 10.251.5.2" || fail "mn2's session: '$r2'"
echo "ok   two sessions for $hoa1: keys $k1 at HA1, $k2 at HA2"
exit 0
