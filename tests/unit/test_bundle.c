/* test_bundle.c — evidence bundles (src/bundle, bundle.h): the manifest's exact text
 * and order, refused entries, verification of an intact bundle and of one with a byte
 * changed, a file added or removed, long and odd names, a malformed manifest line, the
 * signature with the right key, another key, none; keygen never overwrites.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "bundle.h"

/* sha256sum of "hello\n" and of "" */
#define SHA_HELLO "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
#define SHA_EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

struct tb {
	char root[64]; /* the test's temporary directory */
	char dir[96];  /* the bundle: root/b */
	char out[4096];
	char err[512];
};

static char *tb_path(const struct tb *t, const char *rel)
{
	static char p[512];

	snprintf(p, sizeof p, "%s/%s", t->root, rel);
	return p;
}

static void tb_write(const struct tb *t, const char *rel, const char *text)
{
	FILE *f = fopen(tb_path(t, rel), "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static int tb_setup(void **state)
{
	struct tb *t = calloc(1, sizeof *t);

	assert_non_null(t);
	strcpy(t->root, "/tmp/test_bundle.XXXXXX");
	assert_non_null(mkdtemp(t->root));
	snprintf(t->dir, sizeof t->dir, "%s/b", t->root);
	assert_int_equal(mkdir(t->dir, 0755), 0);
	assert_int_equal(mkdir(tb_path(t, "b/pcaps"), 0755), 0);
	tb_write(t, "b/report.html", "hello\n");
	tb_write(t, "b/pcaps/a.pcap", "");
	tb_write(t, "b/pcaps-x", "hello\n");
	tb_write(t, "b/pcaps.txt", "hello\n");
	*state = t;
	return 0;
}

static int tb_teardown(void **state)
{
	struct tb *t = *state;
	char cmd[160];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->root);
	assert_int_equal(system(cmd), 0);
	free(t);
	return 0;
}

/* bundle_verify's status; its report in t->out. */
static int tb_verify(struct tb *t, const char *pubkey)
{
	FILE *f = fmemopen(t->out, sizeof t->out, "w");
	int rc;

	assert_non_null(f);
	rc = bundle_verify(t->dir, pubkey ? tb_path(t, pubkey) : NULL, f);
	fclose(f);
	return rc;
}

static void tb_seal(struct tb *t, const char *key)
{
	if (bundle_seal(t->dir, key ? tb_path(t, key) : NULL, t->err, sizeof t->err) < 0)
		fail_msg("bundle_seal: %s", t->err);
}

static void tb_keygen(struct tb *t, const char *prefix)
{
	if (bundle_keygen(tb_path(t, prefix), t->err, sizeof t->err) < 0)
		fail_msg("bundle_keygen: %s", t->err);
}

#define assert_has(hay, needle)                                                           \
	do {                                                                              \
		if (!strstr((hay), (needle)))                                             \
			fail_msg("'%s' not in:\n%s", (needle), (hay));                    \
	} while (0)

static char *tb_read(struct tb *t, const char *rel)
{
	static char buf[4096];
	FILE *f = fopen(tb_path(t, rel), "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* sha256sum's format, strcmp order ('-' < '.' < '/'), the manifest not listed. */
static void test_manifest_text(void **state)
{
	struct tb *t = *state;

	assert_int_equal(bundle_manifest_write(t->dir, t->err, sizeof t->err), 0);
	assert_string_equal(tb_read(t, "b/MANIFEST.sha256"), SHA_HELLO "  pcaps-x\n"
			    SHA_HELLO "  pcaps.txt\n"
			    SHA_EMPTY "  pcaps/a.pcap\n"
			    SHA_HELLO "  report.html\n");
	assert_int_equal(access(tb_path(t, "b/MANIFEST.sha256.tmp"), F_OK), -1);
	/* written again: the manifest itself still unlisted */
	assert_int_equal(bundle_manifest_write(t->dir, t->err, sizeof t->err), 0);
	assert_int_equal(tb_verify(t, NULL), 0);
	assert_has(t->out, "unsigned: hashes only\nbundle ");
	assert_has(t->out, "/b: 4 files, all hashes match; unsigned\n");
}

static void test_manifest_refuses(void **state)
{
	struct tb *t = *state;

	assert_int_equal(symlink("report.html", tb_path(t, "b/pcaps/link")), 0);
	assert_int_equal(bundle_manifest_write(t->dir, t->err, sizeof t->err), -1);
	assert_string_equal(t->err, "pcaps/link: a symbolic link");
	assert_int_equal(access(tb_path(t, "b/MANIFEST.sha256"), F_OK), -1);
	unlink(tb_path(t, "b/pcaps/link"));
	tb_write(t, "b/a\\b", "x");
	assert_int_equal(bundle_manifest_write(t->dir, t->err, sizeof t->err), -1);
	assert_string_equal(t->err, "a\\\\b: a name with a newline or a backslash");
	unlink(tb_path(t, "b/a\\b"));
	assert_int_equal(mkfifo(tb_path(t, "b/fifo"), 0600), 0);
	assert_int_equal(bundle_manifest_write(t->dir, t->err, sizeof t->err), -1);
	assert_string_equal(t->err, "fifo: not a regular file");
}

static void test_verify_changed(void **state)
{
	struct tb *t = *state;

	tb_seal(t, NULL);
	tb_write(t, "b/pcaps/a.pcap", "x");
	assert_int_equal(tb_verify(t, NULL), 1);
	assert_has(t->out, "changed: pcaps/a.pcap\n");
	assert_has(t->out, ": FAILED: 1 changed, 0 added, 0 removed; unsigned\n");
}

static void test_verify_added_removed(void **state)
{
	struct tb *t = *state;

	tb_seal(t, NULL);
	tb_write(t, "b/pcaps/new.pcap", "");
	assert_int_equal(unlink(tb_path(t, "b/pcaps.txt")), 0);
	assert_int_equal(tb_verify(t, NULL), 1);
	/* in path order: pcaps.txt < pcaps/new.pcap */
	assert_has(t->out, "removed: pcaps.txt\nadded: pcaps/new.pcap\n");
	assert_has(t->out, ": FAILED: 0 changed, 1 added, 1 removed; unsigned\n");
}

/* A path longer than any fixed buffer of the report is printed whole; a control
 * character in a name is escaped, UTF-8 kept. */
static void test_verify_names(void **state)
{
	struct tb *t = *state;
	char rel[400] = "b", line[420];

	for (int i = 0; i < 9; i++) {
		strcat(rel, "/directory-with-a-long-name-number-");
		rel[strlen(rel) - 1] = (char)('0' + i);
		assert_int_equal(mkdir(tb_path(t, rel), 0755), 0);
	}
	strcat(rel, "/r\xc3\xa9sum\xc3\xa9\x1b[0m.pcap");
	tb_write(t, rel, "x");
	tb_seal(t, NULL);
	tb_write(t, rel, "y");
	assert_int_equal(tb_verify(t, NULL), 1);
	*strrchr(rel, '\x1b') = '\0';
	snprintf(line, sizeof line, "changed: %s\\x1b[0m.pcap\n", rel + 2);
	assert_true(strlen(line) > 300);
	assert_has(t->out, line);
}

static void test_verify_malformed(void **state)
{
	static const char *const bad[][2] = {
		{ SHA_HELLO "  report.html\nxyz\n", "MANIFEST.sha256:2: too short" },
		{ SHA_HELLO " *report.html\n", "MANIFEST.sha256:1: expected two spaces" },
		{ SHA_HELLO "  /etc/passwd\n", "MANIFEST.sha256:1: an absolute path" },
		{ SHA_HELLO "  a/../../x\n", "MANIFEST.sha256:1: an empty, . or .." },
		{ SHA_HELLO "  report.html", "MANIFEST.sha256:1: no newline at the end" },
		{ SHA_HELLO "  MANIFEST.sig\n", "MANIFEST.sha256:1: the manifest lists itself" },
		{ SHA_HELLO "  x\n" SHA_EMPTY "  y\n" SHA_HELLO "  x\n",
		  "MANIFEST.sha256:3: x is listed twice (also on line 1)" },
		{ "g" SHA_HELLO "  x\n", "MANIFEST.sha256:1: expected 64 hex digits" },
	};
	struct tb *t = *state;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		tb_write(t, "b/MANIFEST.sha256", bad[i][0]);
		assert_int_equal(tb_verify(t, NULL), 2);
		assert_has(t->out, "/b: cannot verify: ");
		assert_has(t->out, bad[i][1]);
	}
}

static void test_signature(void **state)
{
	struct tb *t = *state;

	tb_keygen(t, "k");
	tb_keygen(t, "other");
	tb_seal(t, "k.key");
	assert_int_equal(tb_verify(t, "k.pub"), 0);
	assert_has(t->out, "signature: good (key ");
	assert_has(t->out, ": 4 files, all hashes match; signature good\n");
	assert_int_equal(tb_verify(t, NULL), 0);
	assert_has(t->out, "signature: present, not checked: give --pubkey\n");
	assert_int_equal(tb_verify(t, "other.pub"), 1);
	assert_has(t->out, "signature: BAD: made by key ");
	assert_has(t->out, ": FAILED: 0 changed, 0 added, 0 removed; signature BAD\n");
	/* sealed again without a key: the old signature goes */
	tb_seal(t, NULL);
	assert_int_equal(access(tb_path(t, "b/MANIFEST.sig"), F_OK), -1);
	assert_int_equal(tb_verify(t, "k.pub"), 1);
	assert_has(t->out, "signature: BAD: no MANIFEST.sig\n");
}

static void test_signature_keys(void **state)
{
	struct tb *t = *state;

	tb_keygen(t, "k");
	assert_int_equal(bundle_manifest_write(t->dir, t->err, sizeof t->err), 0);
	assert_int_equal(bundle_sign(t->dir, tb_path(t, "k.pub"), t->err, sizeof t->err), -1);
	assert_has(t->err, "k.pub: no private key in it");
	assert_int_equal(tb_verify(t, "k.key"), 2);
	assert_has(t->out, "k.key: a private key: give the public key");
	assert_int_equal(tb_verify(t, "missing.pub"), 2);
	assert_has(t->out, "missing.pub: No such file or directory");
	/* a seal with a bad key changes nothing */
	tb_write(t, "b/new", "");
	assert_int_equal(bundle_seal(t->dir, tb_path(t, "k.pub"), t->err, sizeof t->err), -1);
	assert_has(t->err, "k.pub: no private key in it");
	assert_int_equal(tb_verify(t, NULL), 1);
	assert_has(t->out, "added: new\n");
}

static void test_keygen_no_overwrite(void **state)
{
	struct tb *t = *state;
	struct stat st;
	char key[512];

	tb_keygen(t, "k");
	assert_int_equal(stat(tb_path(t, "k.key"), &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	strcpy(key, tb_read(t, "k.key"));
	assert_has(key, "-----BEGIN PRIVATE KEY-----\n");
	assert_has(tb_read(t, "k.pub"), "-----BEGIN PUBLIC KEY-----\n");
	assert_int_equal(bundle_keygen(tb_path(t, "k"), t->err, sizeof t->err), -1);
	assert_has(t->err, "k.key: exists already: not overwritten");
	assert_string_equal(tb_read(t, "k.key"), key);
	/* a lone PREFIX.pub is not replaced either, and no PREFIX.key is left */
	tb_write(t, "p.pub", "mine\n");
	assert_int_equal(bundle_keygen(tb_path(t, "p"), t->err, sizeof t->err), -1);
	assert_has(t->err, "p.pub: exists already");
	assert_string_equal(tb_read(t, "p.pub"), "mine\n");
	assert_int_equal(access(tb_path(t, "p.key"), F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_manifest_text, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_manifest_refuses, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_verify_changed, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_verify_added_removed, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_verify_names, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_verify_malformed, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_signature, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_signature_keys, tb_setup, tb_teardown),
		cmocka_unit_test_setup_teardown(test_keygen_no_overwrite, tb_setup, tb_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
