# lib.sh — what every end-to-end test shares, sourced after TESTBED_PREFIX is exported:
# the arguments (PMIP4CT TESTBED), the root and busybox checks (exit 77 to skip), the SA,
# daemons started in namespaces with their logs, clean-up that always tears the testbed
# down, and the unmodified host's DHCP.
pmip4ct=$(readlink -f "$1") testbed=$(readlink -f "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root (network namespaces)"; exit 77; }
command -v busybox >/dev/null || { echo "SKIP: busybox (udhcpc) not installed"; exit 77; }

K=hex:000102030405060708090a0b0c0d0e0f
SA="spi=256,key=$K,kind=fa-ha"
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	"$testbed" down >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*"
	for f in "$tmp"/*.log; do echo "---- $(basename "$f")"; tail -n 25 "$f"; done
	exit 1
}
in_ns() { local n=$1; shift; ip netns exec "$TESTBED_PREFIX-$n" "$@"; }
# wait_for FILE PATTERN: a daemon's start-up line, 5 s at most
wait_for() {
	for _ in $(seq 50); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
	fail "no '$2' in $(basename "$1")"
}
start() { # start NAME NS ARGS...: a daemon in a namespace, stderr to NAME.log
	local name=$1 ns=$2
	shift 2
	(exec ip netns exec "$TESTBED_PREFIX-$ns" "$pmip4ct" "$@" 2>"$tmp/$name.log") &
	pids+=($!)
}
# dhcp NS: the unmodified host in NS (interface mn0) asks for an address; it lands in
# $tmp/NS.lease.  Not run in a subshell, so fail ends the test.
dhcp() {
	rm -f "$tmp/$1.lease"
	in_ns "$1" env UDHCPC_LEASE_FILE="$tmp/$1.lease" busybox udhcpc -i mn0 -n -q -t 5 \
		-T 1 -s "$here/udhcpc.script" >>"$tmp/udhcpc-$1.log" 2>&1 ||
		fail "udhcpc in $1 got no lease"
}
