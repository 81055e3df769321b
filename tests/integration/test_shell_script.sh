#!/usr/bin/env bash
# test_shell_script.sh PMIP4CT — one grammar everywhere (DESIGN.md §3): the same script
# run as `pmip4ct FILE.pct` and as `pmip4ct -c "$(cat FILE.pct)"` prints the same bytes;
# a script is checked whole before it runs (a typo on its last line runs nothing, exit
# 2); an error while running names file:line:col and exits 1 (gen and report merge as
# commands too, after their own message); an unreadable script exits 2; `quit N` exits
# N; stdout and stderr stay in order in one file; lines piped into `pmip4ct shell` run
# as typed.
set -uo pipefail
pmip4ct=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rc=0

fail() { echo "FAIL $*"; rc=1; }
ok() { echo "ok   $*"; }

# A script that touches every core command whose output is deterministic.
cat >"$tmp/demo.pct" <<'PCT'
# demo.pct DIR — variables, repeat, comments, continuation, craft and decode
set dir $1          # the first argument after the script
set n 3
echo "three times, $n:"; repeat $n echo "  iteration $i of ${n}"; echo "  --"
repeat 2 repeat 2 echo nested $i
set lt 300
craft -w $dir/demo.pcap --time 1700000000 rrq lifetime $lt nai mn1@example.net \
      ext pmip.devid mac 02:00:00:00:00:01 auth fa-ha spi 256 key hex:00112233
decode $dir/demo.pcap --sa spi=256,key=hex:00112233,kind=fa-ha
debug ha on; debug
echo "cost: $$5; unset next:"; unset lt; vars
help echo
PCT

"$pmip4ct" "$tmp/demo.pct" "$tmp" >"$tmp/file.out" 2>"$tmp/file.err"
st_file=$?
"$pmip4ct" -c "$(cat "$tmp/demo.pct")" "$tmp" >"$tmp/c.out" 2>"$tmp/c.err"
st_c=$?
if [ "$st_file" -ne 0 ] || [ "$st_c" -ne 0 ]; then
	fail "demo script: exit $st_file (FILE) and $st_c (-c)"
	cat "$tmp/file.err" "$tmp/c.err"
elif ! cmp -s "$tmp/file.out" "$tmp/c.out"; then
	fail "demo script: FILE and -c outputs differ"
	diff "$tmp/file.out" "$tmp/c.out" | head -n 20
elif [ -s "$tmp/file.err" ] || [ -s "$tmp/c.err" ]; then
	fail "demo script: errors printed"
	cat "$tmp/file.err" "$tmp/c.err"
else
	ok "demo script: $(wc -l <"$tmp/file.out") identical lines from FILE and -c"
fi
for want in '  iteration 3 of 3' 'nested 2' 'wrote 1 message to' 'RRQ' \
	'fa-ha spi 256: valid' 'debug ha    on' 'cost: \$5; unset next:' 'usage: echo'; do
	grep -q -- "$want" "$tmp/file.out" || fail "demo script: no '$want' in the output"
done

# expect NAME WANT_STATUS STDERR_PATTERN -- CMD...: exit status and an error line
expect() {
	local name=$1 want=$2 pat=$3 out st
	shift 4
	out=$("$@" 2>&1 >/dev/null)
	st=$?
	if [ "$st" -ne "$want" ]; then
		fail "$name: exit $st, want $want"; printf '%s\n' "$out" | tail -n 3
	elif ! printf '%s\n' "$out" | grep -qE -- "$pat"; then
		fail "$name: stderr does not match /$pat/"; printf '%s\n' "$out" | tail -n 3
	else
		ok "$name: $(printf '%s\n' "$out" | grep -E -- "$pat" | head -n 1)"
	fi
}

# checked whole before it runs: a typo on the last line (9) runs nothing, exit 2
cat >"$tmp/bad.pct" <<'PCT'
echo one
# two
set x 1
repeat 2 echo $i
debug io on
start ha
capture start bad.pcap
verdict
    eho three
PCT
expect "typo on line 9 (FILE)" 2 "^$tmp/bad.pct:9:5: unknown command 'eho' \(did you mean 'echo'\?\)$" \
	-- "$pmip4ct" "$tmp/bad.pct"
expect "typo on line 9 (-c)" 2 "^-c:9:5: unknown command 'eho' \(did you mean 'echo'\?\)$" \
	-- "$pmip4ct" -c "$(cat "$tmp/bad.pct")"
out=$(cd "$tmp" && "$pmip4ct" "$tmp/bad.pct" 2>/dev/null)
[ -z "$out" ] && [ ! -e "$tmp/bad.pcap" ] ||
	fail "typo on line 9: commands ran before the check (output '$out')"
# an error while running still ends the script at that line, exit 1
printf 'echo one\nquit 256\necho never\n' >"$tmp/run.pct"
expect "error while running" 1 "^$tmp/run.pct:2:6: expected a number 0-255, got '256'$" \
	-- "$pmip4ct" "$tmp/run.pct"
out=$("$pmip4ct" "$tmp/run.pct" 2>/dev/null)
[ "$out" = one ] || fail "error while running: output '$out', want 'one'"
printf 'echo fine\necho "open\n' >"$tmp/syntax.pct"
expect "syntax error" 2 "^$tmp/syntax.pct:2:6: unterminated string" -- "$pmip4ct" "$tmp/syntax.pct"
out=$("$pmip4ct" "$tmp/syntax.pct" 2>/dev/null)
[ -z "$out" ] || fail "syntax error: commands ran before it (output '$out')"
expect "undefined variable" 1 "^-c:2:9: undefined variable 'x'$" \
	-- "$pmip4ct" -c $'echo\necho "\\t$x" $nope'
expect "missing script" 2 'nosuch.pct: No such file or directory' -- "$pmip4ct" "$tmp/nosuch.pct"
mkdir "$tmp/dir.pct"
expect "directory as script" 2 "^$tmp/dir.pct: Is a directory$" -- "$pmip4ct" "$tmp/dir.pct"
expect "directory sourced" 1 "^-c:1:8: cannot read '$tmp/dir.pct': Is a directory$" \
	-- "$pmip4ct" -c "source $tmp/dir.pct"
expect "directory as standard input" 2 "^pmip4ct shell: standard input: Is a directory$" \
	-- sh -c '"$1" shell <"$2"' sh "$pmip4ct" "$tmp/dir.pct"
expect "quit status" 3 '^$' -- "$pmip4ct" -c 'echo a; quit 3; echo b'
expect "craft error" 1 "^-c:1:1: craft failed" -- "$pmip4ct" -c "craft -w $tmp/x.pcap rrq bogus 1"
# gen and report merge as commands: pmip4ct gen's and report's own errors, then the
# command fails with their exit status; help shows their usage
expect "gen: no such profile" 1 "^-c:1:1: gen failed \(exit status 2\)$" \
	-- "$pmip4ct" -c "gen $tmp/nosuch.gen; echo never"
out=$("$pmip4ct" -c "gen $tmp/nosuch.gen" 2>&1)
grep -q "^pmip4ct gen: $tmp/nosuch.gen: No such file or directory$" <<<"$out" ||
	fail "gen: no such profile: pmip4ct gen's message missing: $out"
expect "report merge: no such file" 1 "^-c:1:1: report failed \(exit status 2\)$" \
	-- "$pmip4ct" -c "report merge $tmp/nosuch.json"
out=$("$pmip4ct" -c 'help gen; help report')
grep -q '^usage: gen PROFILE \[--dut-ha ADDR\[:PORT\] | --dut-pma ADDR\[:PORT\]\] \[OPTION\]\.\.\.$' \
	<<<"$out" && grep -q '^usage: report merge FILE|DIR\.\.\. \[--json OUT\] \[--html OUT\]$' <<<"$out" &&
	ok "help gen, help report: their usage" || fail "help gen, help report: $out"

# stdout and stderr stay in order in one file
printf 'echo one\nsource %s\n' "$tmp/nosuch.pct" >"$tmp/order.pct"
"$pmip4ct" "$tmp/order.pct" >"$tmp/order.out" 2>&1
want="one
$tmp/order.pct:2:8: cannot read '$tmp/nosuch.pct': No such file or directory"
[ "$(cat "$tmp/order.out")" = "$want" ] && ok "script: stdout and stderr in order in one file" ||
	fail "script: out of order: $(cat "$tmp/order.out")"
printf 'echo one\nbogus\necho two\nquit 256\necho three\n' |
	"$pmip4ct" shell >"$tmp/order.out" 2>&1
want="one
shell:2:1: unknown command 'bogus' (try 'help')
two
shell:4:6: expected a number 0-255, got '256'
three"
[ "$(cat "$tmp/order.out")" = "$want" ] && ok "shell: stdout and stderr in order in one file" ||
	fail "shell: out of order: $(cat "$tmp/order.out")"

# Ctrl-C in an expect (a DUT on the real clock that never answers): the script ends with
# 130 after it, the expect is not judged but inconc, the capture so far is kept
"$pmip4ct" -c "pixit pma-port 0; dut ha 127.0.0.2:9; capture start $tmp/int.pcap
expect rrp within 30s
echo never" >"$tmp/int.out" 2>"$tmp/int.err" &
pid=$!
for _ in $(seq 50); do grep -q 'real clock' "$tmp/int.out" && break; sleep 0.1; done
sleep 0.3
kill -INT $pid
wait $pid
st=$?
if [ $st -eq 130 ] && grep -q "^-c:2:1: interrupted: not judged (the session verdict is at least inconc)$" \
	"$tmp/int.err" && ! grep -q never "$tmp/int.out" && [ -s "$tmp/int.pcap" ]; then
	ok "Ctrl-C in expect: exit 130, not judged (inconc), the capture kept"
else
	fail "Ctrl-C in expect: exit $st: $(cat "$tmp/int.out" "$tmp/int.err")"
fi

# piped into the shell: each line runs as typed, an error does not stop the rest
out=$(printf 'set x 7\necho $x\nbogus\necho after\n' | "$pmip4ct" shell 2>"$tmp/pipe.err")
st=$?
if [ "$out" != $'7\nafter' ] || [ "$st" -ne 1 ] ||
	! grep -q "^shell:3:1: unknown command 'bogus'" "$tmp/pipe.err"; then
	fail "pipe: output '$out', exit $st, errors $(cat "$tmp/pipe.err")"
else
	ok "pipe: lines after an error still run; exit 1"
fi
exit $rc
