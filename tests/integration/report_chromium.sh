#!/bin/sh
# report_chromium.sh PCTR_RENDER REPORT.json | --bundle DIR — report.html as a browser
# sees it (issue #17): the sample rendered into a bundle directory with one case's
# pcaps/ID.pcap beside it, or a real run's bundle as written; loaded by Debian's
# chromium, headless: no console error and no failed load, every section, at least 3
# charts and the pcap links in the DOM (of a real bundle: one per case, each a file of the
# bundle); a screenshot that is a page (png_check.py: not one colour); a PDF of more than
# one page.  Skips (77) without chromium (tools/setup installs it).  Set
# REPORT_CHROMIUM_KEEP=DIR to keep the page, the screenshot and the PDF there.
set -eu
render=$1 json=$2 bundle=
[ "$render" = --bundle ] && bundle=$(cd "$json" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "report_chromium: skipped: no chromium (apt-get install chromium)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "report_chromium: FAIL: $*"; exit 1; }

if [ -z "$bundle" ]; then
	bundle=$tmp/bundle
	mkdir -p "$bundle/pcaps"
	"$render" "$json" "$bundle/report.html"
	# the global header of an empty pcap (microseconds, Ethernet)
	printf '\324\303\262\241\002\000\004\000\000\000\000\000\000\000\000\000\377\377\000\000\001\000\000\000' \
		>"$bundle/pcaps/HA-AUTH-08.pcap"
fi
url="file://$bundle/report.html"

# chromium ARGS...: headless with a private profile, its log on stderr in $tmp/log
chromium() {
	timeout 60 "$browser" --headless=new --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 "$@" "$url" \
		2>>"$tmp/log" || fail "chromium $1 exited $?"
}
chromium --dump-dom >"$tmp/dom.html"
chromium --screenshot="$tmp/shot.png" --window-size=1280,2400
chromium --print-to-pdf="$tmp/report.pdf" --no-pdf-header-footer

# The page's own messages: any console message (the page has no script, so one is an
# error: a refused or failed load, an exception), a failed load.  The rest of the log is
# the browser's: D-Bus and GPU complaints of a headless host.
# The browser's own pages (chrome://, its UI under load: "Slow network is detected") log
# too; only what is not theirs counts.
if grep -E ':CONSOLE|Failed to load|net::ERR_|Uncaught|Not allowed to load' "$tmp/log" |
	grep -v 'chrome://'; then
	fail "the page logged errors (above)"
fi
# Nothing to fetch: no src, no url(), no stylesheet link, no @import.
if grep -Ei ' src=|url\(|<link|@import' "$tmp/dom.html"; then
	fail "the page fetches something (above)"
fi
for id in identification pics-pixit summary coverage cases observations; do
	grep -q "id=\"$id\"" "$tmp/dom.html" || fail "section $id missing from the DOM"
done
# the verdicts and the case durations; the sample's load phase adds its latency histogram
want=3
[ "$render" = --bundle ] && want=2
svgs=$(grep -o '<svg' "$tmp/dom.html" | wc -l)
[ "$svgs" -ge $want ] || fail "$svgs <svg> elements, want $want or more"
if grep -qi '<script' "$tmp/dom.html"; then fail "a <script> in the DOM"; fi
if [ "$render" = --bundle ]; then # every case's capture linked, every link a file
	links=$(grep -o 'href="pcaps/[^"]*"' "$tmp/dom.html" | sort -u | sed 's/^href="//; s/"$//')
	[ "$(echo "$links" | wc -l)" = "$(ls "$bundle/pcaps" | wc -l)" ] ||
		fail "$(echo "$links" | wc -l) pcap links, $(ls "$bundle/pcaps" | wc -l) pcaps"
	for l in $links; do [ -f "$bundle/$l" ] || fail "link $l: no such file"; done
else
	grep -q 'href="pcaps/HA-AUTH-08.pcap"' "$tmp/dom.html" || fail "no pcap link"
	grep -q 'INCOMPLETE: 6 of 8 cases ran' "$tmp/dom.html" || fail "no INCOMPLETE banner"
fi

python3 "$here/png_check.py" "$tmp/shot.png" 30 || fail "the screenshot is no page"

[ -s "$tmp/report.pdf" ] || fail "no PDF"
pages=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page(?![s\w])", open(sys.argv[1], "rb").read())))' \
	"$tmp/report.pdf")
[ "$pages" -gt 1 ] || fail "the PDF has $pages page(s), want more than 1"
echo "report_chromium: DOM ok ($svgs charts), screenshot ok, PDF of $pages pages"
if [ -n "${REPORT_CHROMIUM_KEEP:-}" ]; then
	mkdir -p "$REPORT_CHROMIUM_KEEP"
	cp "$bundle/report.html" "$tmp/shot.png" "$tmp/report.pdf" "$tmp/log" "$REPORT_CHROMIUM_KEEP/"
fi
