# remote_ha_lib.sh — sourced by the tests that run suites against `pmip4ct ha` started as
# its own process over UDP on 127.0.0.0/8 (DESIGN.md §5, §8).  Sets tmp (removed on exit),
# port, port2, fa, mn and pids; writes $tmp/dut.pixit; gives start_ha, restart_ha,
# start_ha2 and write_pixit.  A lane L (variable lane, default 0) puts the HA at
# 127.0.L.2 and the tester's PMAs at 127.0.L.3/4, so several runs go side by side.
# The tester's PMAs listen on port 434, where the HA sends revocations (RFC 3543 §3.3):
# that needs root, so without it the caller skips (77).
# shellcheck shell=bash
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
	"$pmip4ct" ha --listen "127.0.${lane:-0}.2:$port" --sa "$fa" --sa "$mn" \
		--pool 10.10.0.0/24 --max-lifetime 1800 --disallow "127.0.${lane:-0}.6" \
		--log warn "$@" 2>"$log" &
	pids+=($!)
}

restart_ha() { # LOG EXTRA-ARGS...: stop the last HA started, start another
	kill "${pids[-1]}"
	wait "${pids[-1]}" 2>/dev/null
	unset 'pids[-1]'
	start_ha "$@"
}

# The HA with PMIPv4 off (RFC 5563 §8.1: 149) at ha.pmip-off.
start_ha2() {
	"$pmip4ct" ha --listen "127.0.0.7:$port2" --sa "$fa" --pmip off --log warn \
		2>"$tmp/ha2.log" &
	pids+=($!)
}

write_pixit() { # FILE: the PIXIT of lane ${lane:-0}
	local l=${lane:-0}
	cat >"$1" <<PIXIT
# PIXIT for a reference HA run as its own process (pmip4ct-cases(7))
pixit ha 127.0.$l.2:$port
pixit pma1 127.0.$l.3
pixit pma2 127.0.$l.4
pixit ha.pmip-off 127.0.0.7:$port2
pixit ha.pma-denied 127.0.$l.6
pixit sa $fa
pixit mn-sa $mn
pixit ha.pool 10.10.0.0/24
pixit ha.max-lifetime 1800
pixit reply-ms 1s
pixit silence-ms 300ms
pixit time-scale ${TIME_SCALE:-0.05}
PIXIT
}
write_pixit "$tmp/dut.pixit"
