#!/usr/bin/env bash
# test_shell_msg.sh PMIP4CT — send and expect (pmip4ct-shell(7), SENDING AND EXPECTING):
#  (a) a script registers a device with the built-in HA by hand, sees the decoded reply,
#      deregisters with the home address it got, and the session verdict is pass; the
#      same script from FILE and from -c prints the same bytes;
#  (b) scripts that reproduce catalogue cases by hand reach the verdict (and the reason)
#      of the case, clean and under the fault that kills it;
#  (c) a bad send names file:line:col, expect with no DUT up is an error, a failed
#      expectation is a verdict and the script goes on.
set -uo pipefail
pmip4ct=${1:?usage: test_shell_msg.sh PMIP4CT}
. "$(dirname "$0")/checks.sh"

# ---- (a) register, read the reply, deregister ----
cat >"$tmp/reg.pct" <<'PCT'
# reg.pct — a proxy registration by hand (PIXIT defaults: pma1 127.0.0.3, the HA
# 127.0.0.2, the FA-HA SA spi 256)
start ha
send rrq flags T+G lifetime 300 nai mn1@example.net \
     ext pmip.devid mac 02:00:00:00:00:01 ext pmip.acctech 802.16e \
     ext pmip.pernode fa-ha ext rev-support ts now auth fa-ha spi 256
expect rrp code 0 hoa != 0.0.0.0 ident $tx_ident nai mn1@example.net \
       ext rev-support auth fa-ha valid within 2s
echo "granted $rx_hoa for $rx_lifetime s, ident $rx_ident from $rx_from"
send rrq flags T+G hoa $rx_hoa lifetime 0 nai mn1@example.net \
     ext pmip.pernode fa-ha auth fa-ha spi 256
expect rrp code accepted lifetime 0 hoa $rx_hoa
expect none for 1s
verdict
PCT

both_ways reg "$tmp/reg.pct"
for want in '^sent RRQ 127\.0\.0\.3:434 -> 127\.0\.0\.2:434, [0-9]+ bytes, ident 0x[0-9a-f]{16}$' \
	'^received RRP 127\.0\.0\.2:434 -> 127\.0\.0\.3:434 at \+[0-9]+\.[0-9]{3} s$' \
	'^    code: 0 \(registration accepted\)$' '^        nai: mn1@example\.net$' \
	'^granted [0-9.]+ for 300 s, ident 0x[0-9a-f]{16} from 127\.0\.0\.2:434$' \
	'^    lifetime: 0$' '^verdict: pass$'; do
	grep -qE -- "$want" "$tmp/reg.out" || fail "register: no /$want/ in the output"
done
hoa=$(sed -n 's/^granted \([0-9.]*\) .*/\1/p' "$tmp/reg.out")
if [ -z "$hoa" ] || [ "$hoa" = 0.0.0.0 ]; then
	fail "register: home address '$hoa'"
elif [ "$(grep -c "^    hoa: $hoa\$" "$tmp/reg.out")" -ne 2 ]; then
	fail "register: the reply and the deregistration's reply do not both show hoa $hoa"
else
	ok "register: home address $hoa granted, then deregistered"
fi
n=$(grep -c '^expect: pass$' "$tmp/reg.out")
[ "$n" -eq 3 ] || fail "register: $n expectations passed, want 3"
# the ident the reply echoes is the one sent
sent=$(sed -n 's/^sent RRQ .*, ident \(0x[0-9a-f]*\)$/\1/p' "$tmp/reg.out" | head -n 1)
grep -q "^    ident: $sent\$" "$tmp/reg.out" || fail "register: the reply's ident is not $sent"

# ---- (b) catalogue cases by hand: same verdict as `pmip4ct run --case` ----
# case_line ID [FAULT]: "VERDICT: REASON" of the case (the Identification left out)
case_line() {
	"$pmip4ct" run --case "$1" ${2:+--fault "ha:$2"} 2>/dev/null |
		sed -nE "s/^$1 +([a-z]+) +[0-9.]+ ms *(.*)\$/\1: \2/p" | sed -E 's/ id 0x[0-9a-f]+//; s/: $//'
}
# script_line SCRIPT [FAULT]: the same from the script's `verdict`
script_line() {
	local start="start ha${2:+ --fault $2}"
	sed "s/^START\$/$start/" "$1" >"$tmp/run.pct"
	"$pmip4ct" "$tmp/run.pct" 2>"$tmp/run.err" | tee "$tmp/run.out" |
		sed -nE 's/^verdict: (.*)$/\1/p' | sed -E 's/ id 0x[0-9a-f]+//'
}
# compare NAME SCRIPT CASE FAULT: clean pass, fail under the fault, as the case
compare() {
	local name=$1 script=$2 id=$3 fault=$4 f want got
	for f in "" "$fault"; do
		want=$(case_line "$id" "$f")
		got=$(script_line "$script" "$f")
		if [ -z "$want" ]; then
			fail "$name: no verdict from pmip4ct run --case $id ${f:+--fault ha:$f}"
		elif [ "$got" != "$want" ]; then
			fail "$name${f:+ under $f}: script says '$got', $id says '$want'"
			cat "$tmp/run.err"; tail -n 5 "$tmp/run.out"
		elif [ -s "$tmp/run.err" ]; then
			fail "$name${f:+ under $f}: errors"; cat "$tmp/run.err"
		else
			ok "$name${f:+ under $f}: $got, as $id"
		fi
	done
	case $(case_line "$id" "$fault") in
	fail*) ;;
	*) fail "$name: $id does not fail under $fault" ;;
	esac
}

# HA-AUTH-04: a per-node PRRQ whose FA-HA authenticator is wrong MUST be rejected (its
# SHOULD, code 132, is a warn the shell does not grade) (tc_prrq with the default PICS:
# T+G, PIXIT lifetime, NAI, 147/4, 47/1, 137, 48, FA-HA).
cat >"$tmp/auth04.pct" <<'PCT'
START
send rrq flags T+G lifetime 300 nai ha-auth-04-1@example.net ext pmip.acctech 802.16e \
     ext pmip.pernode fa-ha ext rev-support ts now ext gre-key 0x5c000000 \
     auth fa-ha spi 256 corrupt
expect rrp at pma1 code >= 64
verdict
PCT
compare "HA-AUTH-04 by hand" "$tmp/auth04.pct" HA-AUTH-04 accept-bad-auth

# HA-AUTH-07: FA-HA without 47/1 (and no MN-HA) authorizes nothing: silently discarded.
cat >"$tmp/auth07.pct" <<'PCT'
START
send rrq flags T+G lifetime 300 nai ha-auth-07-1@example.net ext pmip.acctech 802.16e \
     ext rev-support ts now ext gre-key 0x5c000000 auth fa-ha spi 256
expect none rrp at pma1
verdict
PCT
compare "HA-AUTH-07 by hand" "$tmp/auth07.pct" HA-AUTH-07 accept-unauthenticated

# ---- (c) errors, and a failed expectation is a verdict ----
# errs NAME LINE CMD...: the command exits 1 and its first error is LINE, exactly
errs() {
	local name=$1 want=$2 st got
	shift 2
	"$@" >/dev/null 2>"$tmp/errs"
	st=$?
	got=$(head -n 1 "$tmp/errs")
	if [ "$st" -eq 1 ] && [ "$got" = "$want" ]; then
		ok "$name: $got"
	else
		fail "$name: exit $st and '$got'; want 1 and '$want'"
	fi
}

nodut='no DUT is up (start ha, start pma, or dut ha|pma ADDR[:PORT])'
printf 'start ha\nsend rrq nai a@b \\\n     lifetime 70000\necho never\n' >"$tmp/badsend.pct"
errs "bad send in FILE" "$tmp/badsend.pct:3:15: 70000 is out of range for 'lifetime' (0-65535)" \
	"$pmip4ct" "$tmp/badsend.pct"
errs "bad send in -c" "-c:3:15: 70000 is out of range for 'lifetime' (0-65535)" \
	"$pmip4ct" -c "$(cat "$tmp/badsend.pct")"
errs "send with no DUT" "-c:1:6: $nodut" "$pmip4ct" -c 'send rrq nai a@b'
errs "expect with no DUT" "-c:2:1: $nodut" "$pmip4ct" -c $'echo\nexpect rrp code 0'
errs "bad condition" "-c:1:22: expected a condition, at, from or within, got 'cod' (did you mean 'code'?)" \
	"$pmip4ct" -c 'start ha; expect rrp cod 0'
errs "field of another type" "-c:1:22: 'code' does not apply to rrq messages (only to rrp)" \
	"$pmip4ct" -c 'start ha; expect rrq code 0'
out=$("$pmip4ct" "$tmp/badsend.pct" 2>/dev/null)
[ "$out" = "ha: the reference HA at 127.0.0.2:434 (virtual clock)" ] ||
	fail "bad send: the script went on after the error (output '$out')"

out=$("$pmip4ct" -c 'start ha; expect rrp code 0 within 300ms; echo after; verdict' 2>&1)
if printf '%s\n' "$out" | grep -qx 'expect: fail: RRP: expected within 300 ms, got nothing' &&
	printf '%s\n' "$out" | grep -qx 'after' &&
	printf '%s\n' "$out" | grep -qx 'verdict: fail: RRP: expected within 300 ms, got nothing'; then
	ok "failed expectation: a verdict, and the script goes on"
else
	fail "failed expectation: output '$out'"
fi
checks_end
