#!/usr/bin/env bash
# certify_ha.sh — the acceptance check of issue #17 against `pmip4ct ha` started as its
# own process (remote_ha_lib.sh): `pmip4ct certify --dut-ha ... --sign KEY` leaves a
# bundle that
#   1. verifies with the lab's public key (exit 0), and whose report.json validates
#      against docs/report-schema.json, names the DUT from the PIXIT and the PICS as given,
#      and has a pcap with its SHA-256 for every case; junit.xml's testcases are case IDs;
#   2. fails verification, naming the file, when one byte of a pcap or of report.json
#      changes (exit 1), and passes again once restored;
#   3. fails against another lab's public key;
# a certify run stopped by SIGINT leaves a sealed bundle that says it is incomplete, with
# every case that finished; and one that could judge no case exits 3, not 0.  Needs root (remote_ha_lib.sh); skips (77) without it.
set -uo pipefail
pmip4ct=${1:?usage: certify_ha.sh PMIP4CT SOURCE_ROOT}
root=${2:?usage: certify_ha.sh PMIP4CT SOURCE_ROOT}
pmip4ct=$(realpath "$pmip4ct") root=$(realpath "$root") # the test works in $tmp
. "$(dirname "$0")/remote_ha_lib.sh"
for tool in jq xmllint python3; do
	command -v $tool >/dev/null || { echo "SKIP: $tool not installed (tools/setup)"; exit 77; }
done
fail() { echo "FAIL: $*"; exit 1; }

start_ha2
# without RFC 3543 revocation, declared so in the PICS: its cases wait for the HA's
# retransmission timers (minutes), and run_remote_ha covers them
start_ha "$tmp/ha.log" --revocation off
sleep 0.5
cd "$tmp" || exit 1
cat >id.pixit <<'P'
pixit dut.vendor "Example Networks"
pixit dut.model "EX-HA 9000"
pixit dut.software "4.2.1"
pixit lab.name "CI lab"
pixit lab.operator "certify_ha.sh"
P
# what this HA supports (pmip4ct-cases(7), PICS ITEMS)
printf 'pics pmip yes\npics ha.revocation no\n' >dut.pics
"$pmip4ct" keygen lab >/dev/null || fail "keygen lab"
"$pmip4ct" keygen other >/dev/null || fail "keygen other"

# ---- 1. a signed certification that verifies ----
"$pmip4ct" certify --dut-ha "127.0.0.2:$port" --pics dut.pics --pixit dut.pixit \
	--pixit id.pixit --out out --sign lab.key --note 'CI: firmware <as shipped>' -q \
	>certify.out 2>&1
rc=$?
cat certify.out
[ $rc = 0 ] || fail "certify against a correct HA exited $rc"
"$pmip4ct" verify out --pubkey lab.pub >verify.out || fail "verify: $(cat verify.out)"
grep -q 'signature good' verify.out || fail "no good signature: $(cat verify.out)"
python3 "$root/tests/integration/report_schema.py" "$root/docs/report-schema.json" \
	out/report.json || fail "report.json does not validate against the schema"
r=out/report.json
[ "$(jq -r '.dut.vendor + "|" + .dut.model + "|" + .dut.software' $r)" = \
  "Example Networks|EX-HA 9000|4.2.1" ] || fail "DUT identity: $(jq -c .dut $r)"
[ "$(jq -r .dut.addresses.ha $r)" = "127.0.0.2:$port" ] || fail "DUT address"
[ "$(jq -r '.pics.files[0].text' $r)" = "$(cat dut.pics)" ] || fail "PICS not as given"
[ "$(jq -r '.pics.files[0].sha256' $r)" = "$(sha256sum <dut.pics | cut -c1-64)" ] ||
	fail "PICS SHA-256"
[ "$(jq -r '.observations.notes[0]' $r)" = 'CI: firmware <as shipped>' ] || fail "note"
[ "$(jq -r .run.complete $r)" = true ] || fail "run.complete is not true"
n=$(jq '.cases | length' $r)
[ "$n" = "$(jq .run.campaign.cases $r)" ] && [ "$n" -gt 50 ] ||
	fail "$n cases, campaign $(jq .run.campaign.cases $r)"
[ "$(jq '[.cases[] | select(.suite == "ha-robustness")] | length' $r)" -gt 0 ] ||
	fail "certify --dut-ha ran no ha-robustness case"
# every case's pcap is there with the SHA-256 the report gives
jq -r '.cases[] | .pcap + " " + .pcap_sha256' $r | while read -r p h; do
	[ "$(sha256sum <"out/$p" | cut -c1-64)" = "$h" ] || { echo "FAIL: $p hash"; exit 1; }
done || exit 1
[ "$(jq '[.cases[].timeline | length] | add' $r)" -gt "$n" ] || fail "no packet timelines"
xmllint --noout out/junit.xml || fail "junit.xml is not well-formed"
[ "$(xmllint --xpath 'string(//testcase[1]/@name)' out/junit.xml)" = \
  "$(jq -r '.cases[0].id' $r)" ] || fail "a JUnit testcase name is not the case ID"
for a in timestamp hostname; do
	[ -n "$(xmllint --xpath "string(/testsuites/@$a)" out/junit.xml)" ] || fail "no $a"
done
[ "$(xmllint --xpath 'string(//testsuite[1]/properties/property[@name="pics_sha256"]/@value)' \
     out/junit.xml)" = "$(jq -r .pics.sha256 $r)" ] || fail "JUnit's PICS hash"
grep -q 'EX-HA 9000' out/report.html || fail "report.html does not name the DUT"
echo "ok: certify: $n cases, $(jq .summary.pass $r) pass, $(jq .summary.none $r) none"

# ---- 2. one changed byte is named ----
tamper() { # FILE: flip the last byte, verify must fail naming FILE, then restore
	cp "out/$1" saved
	printf '%s' "$(tail -c1 "out/$1" | tr '\0-\377' '\1-\377\0')" |
		dd of="out/$1" bs=1 seek=$(($(stat -c %s "out/$1") - 1)) conv=notrunc 2>/dev/null
	cmp -s saved "out/$1" && fail "$1 was not changed"
	"$pmip4ct" verify out --pubkey lab.pub >tamper.out
	rc=$?
	[ $rc = 1 ] || fail "verify of a changed $1 exited $rc: $(cat tamper.out)"
	grep -qx "changed: $1" tamper.out || fail "verify does not name $1: $(cat tamper.out)"
	cp saved "out/$1"
	"$pmip4ct" verify out --pubkey lab.pub >/dev/null || fail "restored $1 does not verify"
}
tamper "$(jq -r '.cases[3].pcap' $r)"
tamper report.json
echo "ok: a changed pcap and a changed report.json are named"

# ---- 3. another lab's key ----
"$pmip4ct" verify out --pubkey other.pub >other.out
rc=$?
[ $rc = 1 ] && grep -q 'signature: BAD' other.out ||
	fail "verify with another key: exit $rc: $(cat other.out)"
echo "ok: another key fails"

# ---- 4. stopped by SIGINT: sealed, incomplete, every finished case kept ----
"$pmip4ct" certify --dut-ha "127.0.0.2:$port" --pics dut.pics --pixit dut.pixit \
	--pixit id.pixit --out stopped --sign lab.key -q >stopped.out 2>&1 &
pid=$!
for _ in $(seq 100); do # until a few cases have finished
	[ "$(jq '.cases | length' stopped/report.json 2>/dev/null || echo 0)" -ge 3 ] && break
	sleep 0.1
done
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || fail "certify stopped by SIGINT exited $rc: $(cat stopped.out)"
"$pmip4ct" verify stopped --pubkey lab.pub >/dev/null || fail "the stopped bundle does not verify"
s=stopped/report.json
[ "$(jq -r '.run.interrupted, .run.complete' $s | tr '\n' ' ')" = "true false " ] ||
	fail "the stopped bundle does not say it is incomplete"
k=$(jq '.cases | length' $s)
[ "$k" -ge 3 ] && [ "$k" -lt "$n" ] || fail "stopped bundle holds $k cases"
[ "$(ls stopped/pcaps | wc -l)" = "$k" ] || fail "stopped bundle: $(ls stopped/pcaps | wc -l) pcaps, $k cases"
grep -q 'INCOMPLETE' stopped/report.html || fail "report.html has no INCOMPLETE banner"
echo "ok: stopped after $k of $n cases: sealed, says incomplete"

# ---- 5. nothing judged is no certification ----
# a PMA the tester has no access link to: every case none (the PIXIT of its own: the HA
# above holds dut.pixit's addresses)
printf 'pixit reply-ms 200ms\n' >pma.pixit
"$pmip4ct" certify --dut-pma 127.0.0.1:9 --pics dut.pics --pixit pma.pixit --out none -q \
	>none.out 2>&1
rc=$?
[ $rc = 3 ] && grep -q 'certifies nothing' none.out ||
	fail "a certification that judged no case: exit $rc: $(cat none.out)"
echo "ok: a certification that judges no case exits 3"
