#!/usr/bin/env bash
# test_shell_show.sh PMIP4CT SRCDIR — `show` and `run` in scripts (pmip4ct-shell(7)): the
# same script as FILE and as -c prints the same bytes (the references run on a virtual
# clock); `run case` gives the verdict and reason `pmip4ct run` gives; `run suite` runs
# the suite's cases; a case that fails stops the script with exit status 1; `show`
# prints the references' bindings, sessions and counters and the session's config.
set -uo pipefail
pmip4ct=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$2" || exit 1 # testsuites/ is relative to the source root
tmp=$(mktemp -d)
ha_pid=
trap '[ -n "$ha_pid" ] && kill "$ha_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
rc=0

fail() { echo "FAIL $*"; rc=1; }
ok() { echo "ok   $*"; }

cat >"$tmp/show.pct" <<'PCT'
# show.pct — inspect the references, run catalogue cases; the last case fails
pixit pma2 127.0.0.14
start ha
show bindings
run case HA-REG-01
run suite testsuites/ha-robustness.suite
show counters          # the cases had their own references: this one saw nothing
show config
stop ha; start pma; start mn
show sessions
run case HA-REG-05 --fault no-nai-echo
echo not reached
PCT

# As FILE and as -c: the same output, and exit 1 at the failing case (line 11).
for mode in file c; do
	if [ "$mode" = file ]; then
		where=$tmp/show.pct
		"$pmip4ct" "$tmp/show.pct"
	else
		where=-c
		"$pmip4ct" -c "$(cat "$tmp/show.pct")"
	fi >"$tmp/$mode.out" 2>"$tmp/$mode.err"
	st=$?
	want="$where:11:1: 1 of 1 case ended fail or error"
	if [ "$st" -ne 1 ] || [ "$(cat "$tmp/$mode.err")" != "$want" ]; then
		fail "script as $mode: exit $st, errors '$(cat "$tmp/$mode.err")'"
	else
		ok "script as $mode: exit 1, $want"
	fi
done
if cmp -s "$tmp/file.out" "$tmp/c.out"; then
	ok "script: $(wc -l <"$tmp/file.out") identical lines from FILE and -c"
else
	fail "script: FILE and -c outputs differ"
	diff "$tmp/file.out" "$tmp/c.out" | head -n 20
fi
out=$tmp/file.out

# The verdict and reason of a case line (ID, verdict, the text after the time and its
# clock).
case_line() {
	grep -E "^$1 " | head -n 1 | sed -E 's/^([^ ]+) +([a-z]+) +[0-9.]+ m?s( virtual)? */\1 \2 | /'
}
for c in "HA-REG-01" "HA-REG-05 --fault ha:no-nai-echo"; do
	id=${c%% *}
	args=(--case "$id")
	[ "$id" != "$c" ] && args+=(--fault "${c#* --fault }")
	want=$("$pmip4ct" run "${args[@]}" | case_line "$id")
	got=$(case_line "$id" <"$out")
	if [ -z "$want" ] || [ "$got" != "$want" ]; then
		fail "run case $c: '$got', pmip4ct run says '$want'"
	else
		ok "run case $c: $got"
	fi
done
grep -q "^HA-REG-05 fail .*RRP NAI (131): expected present, got absent" "$out" ||
	fail "run case --fault: no fail for HA-REG-05"
grep -q "^not reached" "$out" && fail "the script went on after the failing case"

# run suite: the counts of pmip4ct run on the same suite (the time differs)
counts() { grep -E '^[0-9]+ cases?: ' | sed -n "${1}p" | cut -d';' -f1; }
want=$("$pmip4ct" run testsuites/ha-robustness.suite | counts 1)
got=$(counts 2 <"$out")
if [ -z "$want" ] || [ "$got" != "$want" ]; then
	fail "run suite: '$got', pmip4ct run says '$want'"
else
	ok "run suite: $got"
fi
grep -q "^[0-9]\+ cases: .* on the virtual clock$" "$out" || fail "run suite: no virtual-clock summary"

for want in \
	'^NAI +HOA +COA +PMA +LEFT +FLAGS +GRE FA/HA +RFC 5563 IDS$' \
	'^ha: rx 0 rrq, tx 0 rrp; codes none; drops 0; bindings 0$' \
	'^ha: data plane: to-mn 0 ok' \
	'^pixit pma2 127\.0\.0\.14$' \
	'^# pixit pma1 127\.0\.0\.3 +\(default\)$' \
	'^#   start ha$' \
	'^  MAC +NAI +STATE +HOA +HA +LEFT +GRE PMA/HA$' \
	'^  02:00:00:00:01:01  020000000101@example\.net +REGISTERING'; do
	if grep -qE -- "$want" "$out"; then
		ok "show: /$want/"
	else
		fail "show: no line matches /$want/"
	fi
done

# show config is a PIXIT file that pmip4ct run reads
sed -n '/^# PICS/,/^# DUTs/p' "$out" >"$tmp/config.pixit"
if "$pmip4ct" run --pixit "$tmp/config.pixit" --case HA-REG-01 >/dev/null; then
	ok "show config: read back by pmip4ct run --pixit"
else
	fail "show config: pmip4ct run --pixit refuses it"
fi

# A DUT named with `dut` is where run case goes: a `pmip4ct ha` process with a fault the
# reference has not (the tester's PMAs on a port of their own: no root needed).
port=$((20000 + $$ % 20000))
fa=spi=256,key=hex:000102030405060708090a0b0c0d0e0f,kind=fa-ha
mn=spi=257,key=hex:101112131415161718191a1b1c1d1e1f,kind=mn-ha
"$pmip4ct" ha --listen "127.0.0.2:$port" --sa "$fa" --sa "$mn" --pool 10.10.0.0/24 \
	--fault no-nai-echo --log warn 2>"$tmp/ha.log" &
ha_pid=$!
sleep 0.3
"$pmip4ct" -c "pixit pma-port $((port + 1)); pixit time-scale 0.05; pixit silence-ms 300ms
dut ha 127.0.0.2:$port
run case HA-REG-01 --fault no-nai-echo" >"$tmp/remote.out" 2>"$tmp/remote.err"
grep -q -- "--fault breaks the built-in reference HA, but the HA is a DUT named with dut" \
	"$tmp/remote.err" || fail "dut ha: --fault accepted: $(cat "$tmp/remote.err")"
"$pmip4ct" -c "pixit pma-port $((port + 1)); pixit time-scale 0.05; pixit silence-ms 300ms
dut ha 127.0.0.2:$port
run case HA-REG-01 HA-REG-05; echo not reached" >"$tmp/remote.out" 2>"$tmp/remote.err"
st=$?
kill "$ha_pid"
wait "$ha_pid" 2>/dev/null
ha_pid=
if [ "$st" -ne 1 ] || ! grep -q '^HA-REG-01 pass' "$tmp/remote.out" ||
	! grep -q '^HA-REG-05 fail .*RRP NAI (131): expected present' "$tmp/remote.out" ||
	grep -q 'not reached' "$tmp/remote.out"; then
	fail "dut ha: run case did not test the HA process (exit $st)"
	cat "$tmp/remote.out" "$tmp/remote.err"
else
	ok "dut ha: run case tested the HA process (HA-REG-05 fails under its fault)"
fi

# usage errors stop a script too
err=$("$pmip4ct" -c 'run case HA-REG-1; echo no' 2>&1)
[ $? -eq 1 ] && [ "$err" = "-c:1:10: no case matches 'HA-REG-1' (did you mean 'HA-REG-01'?)" ] ||
	fail "run case typo: '$err'"
err=$("$pmip4ct" -c 'show bindings' 2>&1)
[ $? -eq 1 ] && [ "$err" = "-c:1:6: no HA is up (start ha, or dut ha ADDR[:PORT])" ] ||
	fail "show bindings with no HA: '$err'"
exit $rc
