# checks.sh — sourced by the integration scripts: a scratch directory ($tmp), background
# processes to stop on exit (add their PIDs to pids), and one line per check:
# `ok TEXT` or `fail TEXT`; checks_end exits 1 when any check failed.
tmp=$(mktemp -d)
pids=()
failed=0
checks_cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	rm -rf "$tmp"
}
trap checks_cleanup EXIT
report() { # ok|FAIL TEXT
	printf '%-4s %s\n' "$1" "$2"
	[ "$1" = ok ] || failed=$((failed + 1))
}
fail() { report FAIL "$*"; }
ok() { report ok "$*"; }
# both_ways NAME SCRIPT [ARG...]: run SCRIPT as `pmip4ct SCRIPT ARG...` and as
# `pmip4ct -c "$(cat SCRIPT)" ARG...` ($pmip4ct); both must exit 0 with nothing on stderr
# and print the same bytes, kept in $tmp/NAME.out.
both_ways() {
	local name=$1 script=$2 st_file st_c
	shift 2
	"$pmip4ct" "$script" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	st_file=$?
	"$pmip4ct" -c "$(cat "$script")" "$@" >"$tmp/$name-c.out" 2>"$tmp/$name-c.err"
	st_c=$?
	if [ $st_file -ne 0 ] || [ $st_c -ne 0 ] || [ -s "$tmp/$name.err" ] ||
		[ -s "$tmp/$name-c.err" ]; then
		fail "$name: exit $st_file (FILE) and $st_c (-c)"
		cat "$tmp/$name.err" "$tmp/$name-c.err"
	elif ! cmp -s "$tmp/$name.out" "$tmp/$name-c.out"; then
		fail "$name: FILE and -c outputs differ"
		diff "$tmp/$name.out" "$tmp/$name-c.out" | head -n 20
	else
		ok "$name: $(wc -l <"$tmp/$name.out") identical lines from FILE and -c"
	fi
}
checks_end() {
	[ "$failed" = 0 ] || { echo "$failed check(s) failed"; exit 1; }
	exit 0
}
