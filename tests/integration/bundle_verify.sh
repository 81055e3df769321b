#!/bin/sh
# bundle_verify.sh PMIP4CT BUNDLE_SEAL — evidence bundles (issue #17): `pmip4ct keygen`,
# a bundle sealed by bundle_seal (bundle_seal.c), then `pmip4ct verify` accepts it, and
# tools we did not write agree: `sha256sum -c` in the bundle, `openssl pkeyutl -verify`
# on the signature; one byte changed, a file added or removed, another key, a damaged
# signature are each reported with exit 1; a key made by `openssl genpkey` works; keygen
# never overwrites; bad input exits 2.
set -u
pmip4ct=$(realpath "$1") seal=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }
cd "$tmp" || exit 1

# verify_expect STATUS PATTERN ARGS...: verify exits STATUS, its output matches PATTERN
verify_expect() {
	want=$1 pat=$2
	shift 2
	"$pmip4ct" verify "$@" >out 2>err
	got=$?
	[ "$got" -eq "$want" ] || fail "verify $*: exit $got, not $want: $(cat out err)"
	grep -qE "$pat" out err || fail "verify $*: output lacks /$pat/: $(cat out err)"
}

# a fresh bundle in b/
make_bundle() {
	rm -rf b
	mkdir -p b/pcaps/case\ 1
	echo '<html>report</html>' >b/report.html
	echo '{"format":1}' >b/report.json
	echo '<testsuites/>' >b/junit.xml
	head -c 3000 /dev/urandom >b/pcaps/HA-REG-01.pcap
	head -c 100 /dev/urandom >"b/pcaps/case 1/x.pcap"
	"$seal" b "$@" || fail "bundle_seal b $*: exit $?"
}

"$pmip4ct" keygen lab >out 2>err || fail "keygen: exit $?: $(cat err)"
[ "$(stat -c %a lab.key)" = 600 ] || fail "lab.key has mode $(stat -c %a lab.key), not 600"
grep -q 'BEGIN PRIVATE KEY' lab.key || fail "lab.key is not a PKCS#8 PEM key"
grep -q 'BEGIN PUBLIC KEY' lab.pub || fail "lab.pub is not a PEM public key"
cp lab.key lab.key.orig
"$pmip4ct" keygen lab >out 2>err
[ $? -eq 2 ] && grep -q 'lab.key: exists already' err || fail "keygen over lab.key: $(cat err)"
cmp -s lab.key lab.key.orig || fail "keygen overwrote lab.key"
"$pmip4ct" keygen other >/dev/null 2>&1 || fail "keygen other"

make_bundle lab.key
verify_expect 0 '^bundle b: 5 files, all hashes match; signature good$' b --pubkey lab.pub
fp=$(openssl pkey -pubin -in lab.pub -outform DER | tail -c 32 | sha256sum | cut -d' ' -f1)
grep -qx "signature: good (key $fp)" out || fail "the fingerprint is not SHA-256 of the raw key $fp: $(cat out)"
verify_expect 0 '^unsigned: hashes only|^signature: present, not checked' b
verify_expect 0 'signature not checked$' b
(cd b && sha256sum --quiet -c MANIFEST.sha256) || fail "sha256sum -c rejects the manifest"
cut -c67- b/MANIFEST.sha256 >paths
LC_ALL=C sort paths | cmp -s paths - || fail "manifest not sorted by path: $(cat paths)"

# the signature as the openssl CLI sees it
sed -n 's/^ed25519 //p' b/MANIFEST.sig | openssl base64 -d -A >sig.bin
[ "$(wc -c <sig.bin)" -eq 64 ] || fail "the signature is not 64 bytes"
openssl pkeyutl -verify -pubin -inkey lab.pub -rawin -in b/MANIFEST.sha256 \
	-sigfile sig.bin >out 2>&1 || fail "openssl rejects the signature: $(cat out)"
openssl pkeyutl -verify -pubin -inkey other.pub -rawin -in b/MANIFEST.sha256 \
	-sigfile sig.bin >/dev/null 2>&1 && fail "openssl accepts the signature with another key"

# tampering
printf 'X' | dd of=b/pcaps/HA-REG-01.pcap bs=1 seek=100 conv=notrunc 2>/dev/null
verify_expect 1 '^changed: pcaps/HA-REG-01.pcap$' b --pubkey lab.pub
grep -q '^bundle b: FAILED: 1 changed, 0 added, 0 removed; signature good$' out ||
	fail "changed byte: summary: $(tail -1 out)"
verify_expect 1 '^changed: pcaps/HA-REG-01.pcap$' b
make_bundle lab.key
echo extra >b/pcaps/extra.txt
rm b/junit.xml
verify_expect 1 '^added: pcaps/extra.txt$' b --pubkey lab.pub
grep -qx 'removed: junit.xml' out || fail "removed junit.xml not reported: $(cat out)"
grep -q 'FAILED: 0 changed, 1 added, 1 removed' out || fail "add+remove summary: $(tail -1 out)"
make_bundle lab.key
ln -s report.html b/link.html
verify_expect 1 '^refused: link.html: a symbolic link$' b
"$seal" b >out 2>&1 && fail "bundle_seal accepted a symbolic link"
grep -q 'link.html: a symbolic link' out || fail "seal of a symbolic link: $(cat out)"
rm b/link.html

# the signature: another key, missing, damaged, the manifest edited consistently
verify_expect 1 '^signature: BAD: made by key [0-9a-f]{64}, not by the --pubkey key' b --pubkey other.pub
verify_expect 1 'FAILED: 0 changed, 0 added, 0 removed; signature BAD$' b --pubkey other.pub
cp b/MANIFEST.sig sig.keep
rm b/MANIFEST.sig
verify_expect 1 '^signature: BAD: no MANIFEST.sig$' b --pubkey lab.pub
verify_expect 0 '^unsigned: hashes only$' b
sed 's/^ed25519 ./ed25519 A/' sig.keep >b/MANIFEST.sig
cmp -s sig.keep b/MANIFEST.sig && sed 's/^ed25519 ./ed25519 B/' sig.keep >b/MANIFEST.sig
verify_expect 1 '^signature: BAD: MANIFEST.sig does not match MANIFEST.sha256' b --pubkey lab.pub
echo garbage >b/MANIFEST.sig
verify_expect 1 '^signature: BAD: MANIFEST.sig:1: ' b --pubkey lab.pub
cp sig.keep b/MANIFEST.sig
echo new >b/report.html
(cd b && sha256sum report.html >new && grep -v ' report.html$' MANIFEST.sha256 >>new &&
	LC_ALL=C sort -k2 new >MANIFEST.sha256 && rm new)
verify_expect 1 '^signature: BAD: MANIFEST.sig does not match' b --pubkey lab.pub

# a key made by openssl signs, and its public key verifies
openssl genpkey -algorithm ed25519 -out ossl.key 2>/dev/null || fail "openssl genpkey"
openssl pkey -in ossl.key -pubout -out ossl.pub 2>/dev/null || fail "openssl pkey -pubout"
make_bundle ossl.key
verify_expect 0 'signature good$' b --pubkey ossl.pub

# bad input: exit 2
"$pmip4ct" keygen >out 2>err
[ $? -eq 2 ] && grep -q '^usage: pmip4ct keygen PREFIX' err || fail "keygen with no PREFIX: $(cat err)"
verify_expect 2 '^usage: pmip4ct verify DIR'
verify_expect 2 "no DIR"
verify_expect 2 'unknown option' b --bogus
verify_expect 2 "cannot verify: .*MANIFEST.sha256: No such file" .
verify_expect 2 'cannot verify: lab.key: a private key' b --pubkey lab.key
openssl genpkey -algorithm rsa -pkeyopt rsa_keygen_bits:1024 2>/dev/null |
	openssl pkey -pubout -out rsa.pub 2>/dev/null
verify_expect 2 'cannot verify: rsa.pub: not an Ed25519 key \(RSA\)' b --pubkey rsa.pub
echo 'not a key' >junk.pub
verify_expect 2 'cannot verify: junk.pub: not a PEM file' b --pubkey junk.pub
printf '%s  report.html\nnot a line\n' "$(printf '%064d' 0)" >b/MANIFEST.sha256
verify_expect 2 'cannot verify: MANIFEST.sha256:2: too short' b
printf '%s  ../etc/passwd\n' "$(printf '%064d' 0)" >b/MANIFEST.sha256
verify_expect 2 'cannot verify: MANIFEST.sha256:1: an empty, . or .. path component' b
"$seal" b rsa.pub >out 2>&1 && fail "bundle_seal signed with a public key"
grep -q 'rsa.pub: ' out || fail "seal with a public key: $(cat out)"

[ $failed -eq 0 ] && echo "ok: bundle_verify"
exit $failed
