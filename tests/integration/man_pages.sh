#!/bin/sh
# man_pages.sh PMIP4CT SOURCE-ROOT — the man pages (issue #14): every page in man/ is
# installed by man/meson.build; no page names a repository file that is not there, nor a
# document outside the repository; pmip4ct(1)'s SYNOPSIS has every command; the
# configuration pages list exactly the daemons' settings; groff renders every page with
# no warning (when groff is installed).
set -u
pmip4ct=$(realpath "$1") src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
cd "$src" || exit 1

# plain text of a page: groff escapes for dashes, fonts, quotes and spaces removed
plain() { sed -e 's/\\-/-/g; s/\\f[BIRP]//g; s/\\(aq/'"'"'/g; s/\\&//g; s/\\e/\\/g' "$1"; }

pages=$(ls man/*.[157])
for p in $pages; do
	grep -q "'$(basename "$p")'" man/meson.build || fail "$p is not installed by man/meson.build"
done

# repository paths named by the pages: testsuites/..., tools/..., tests/... exist
for p in $pages; do
	plain "$p" | grep -oE '(^|[^A-Za-z0-9_./~$-])\.?(testsuites|tools|tests|src|man|docs|captures|\.ci)/[A-Za-z0-9_./-]*' |
		sed -E 's/^[^A-Za-z.]//; s/[.]$//' | sort -u >"$tmp/paths"
	while read -r path; do
		case $path in
		*NAME*) continue ;; # a placeholder: testsuites/NAME.suite
		esac
		[ -e "$path" ] || fail "$p names $path, which is not in the repository"
	done <"$tmp/paths"
	# documents named by file name: *.md must be in the repository too
	plain "$p" | grep -oE '[A-Za-z0-9_-]+\.md\b' | sort -u | while read -r md; do
		[ -n "$(find . -name "$md" -not -path './build*' | head -1)" ] ||
			echo "$md" >>"$tmp/md"
	done
	[ -s "$tmp/md" ] && fail "$p names $(tr '\n' ' ' <"$tmp/md")which are not in the repository"
	rm -f "$tmp/md"
	grep -n 'DESIGN' "$p" >"$tmp/design" &&
		fail "$p cites DESIGN, which is not in the repository: $(head -1 "$tmp/design")"
done

# pmip4ct(1): every command of `pmip4ct --help` in the SYNOPSIS
"$pmip4ct" --help | sed -n '/^commands:/,/^$/p' | awk 'NF > 1 { print $1 }' >"$tmp/cmds"
[ -s "$tmp/cmds" ] || fail "pmip4ct --help lists no command"
plain man/pmip4ct.1 | sed -n '/^\.SH SYNOPSIS/,/^\.SH/p' >"$tmp/synopsis"
while read -r c; do
	grep -qE "pmip4ct\"? $c( |\$)|pmip4ct $c\"" "$tmp/synopsis" ||
		fail "pmip4ct(1) SYNOPSIS lacks 'pmip4ct $c'"
done <"$tmp/cmds"

# pmip4ct-ROLE.conf(5): one statement per setting of `pmip4ct ROLE --help`, and no other
for role in ha pma; do
	page=man/pmip4ct-$role.conf.5
	"$pmip4ct" $role --help | sed -n 's/^  --\([a-z0-9-]*\) .*/\1/p' | sort >"$tmp/opts"
	plain "$page" | sed -n '/^\.SH STATEMENTS/,/^\.SH/p' |
		awk 'prev == ".TP" { print $2 } { prev = $1 }' | sort >"$tmp/stmts"
	[ -s "$tmp/opts" ] || fail "pmip4ct $role --help lists no setting"
	comm -23 "$tmp/opts" "$tmp/stmts" | grep -v '^help$' | sed "s|^|$page lacks the statement |" >"$tmp/d"
	comm -13 "$tmp/opts" "$tmp/stmts" | sed "s|^|$page documents a statement pmip4ct $role has not: |" >>"$tmp/d"
	while read -r line; do fail "$line"; done <"$tmp/d"
done

# groff: no warning
if command -v groff >/dev/null; then
	for p in $pages; do
		LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$p" >"$tmp/groff" 2>&1
		[ -s "$tmp/groff" ] && fail "groff warns on $p: $(head -3 "$tmp/groff")"
	done
else
	echo "note: no groff, pages not rendered"
fi
[ $failed -eq 0 ] && echo "ok: $(echo $pages | wc -w) man pages"
exit $failed
