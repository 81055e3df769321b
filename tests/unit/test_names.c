/* test_names.c — the name tables: every reply code of PROTOCOL.md §3 (RFC 5944 §3.4 and
 * the RFCs listed there) and every extension type of §2.2 named; tables sorted with
 * unique values and names; name_value() inverts name_of(); RFC 5944 §6.4 code ranges.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "names.h"

static const struct {
	const char *what;
	const struct name_table *t;
} tables[] = {
	{ "msg_type", &names_msg_type }, { "code", &names_code },
	{ "ext", &names_ext },           { "tech", &names_tech },
	{ "devid_type", &names_devid_type }, { "subid_type", &names_subid_type },
	{ "pernode", &names_pernode },   { "nexthdr", &names_nexthdr },
	{ "dynha", &names_dynha },       { "msgstr", &names_msgstr },
	{ "genauth", &names_genauth },   { "pmip_sk", &names_pmip_sk },
	{ "pmip_ns", &names_pmip_ns },
};
#define N_TABLES (sizeof(tables) / sizeof(tables[0]))

/* PROTOCOL.md §3, one entry per code listed there. */
static const unsigned codes[] = {
	0, 1,
	64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 88, 90,
	96, 97, 98, 99, 100, 101, 104, 105, 106, 107, 108, 109, 194,
	128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144,
	149, 150,
};

static void test_all_codes_named(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		const char *n = name_of(&names_code, codes[i]);
		const char *t = title_of(&names_code, codes[i]);

		if (!n || !t)
			fail_msg("reply code %u has no name or title", codes[i]);
		assert_true(strlen(n) > 0 && strlen(t) > 0);
	}
	/* Nothing beyond the list. */
	assert_int_equal(names_code.n, sizeof(codes) / sizeof(codes[0]));
}

static void test_code_names(void **state)
{
	(void)state;
	assert_string_equal(name_of(&names_code, 0), "accepted");
	assert_string_equal(name_of(&names_code, 1), "accepted-no-simultaneous");
	assert_string_equal(name_of(&names_code, 133), "ident-mismatch");
	/* one style (issue #14): the RFC's symbolic names in lower case with hyphens */
	assert_string_equal(name_of(&names_code, 90), "nonzero-ha-reqd");
	assert_string_equal(name_of(&names_code, 96), "nonzero-homeaddr-reqd");
	assert_string_equal(name_of(&names_code, 97), "missing-nai");
	assert_string_equal(name_of(&names_code, 98), "missing-home-agent");
	assert_string_equal(name_of(&names_code, 99), "missing-homeaddr");
	assert_string_equal(name_of(&names_code, 104), "unknown-challenge");
	assert_string_equal(name_of(&names_code, 144), "ha-bad-aaa-auth");
	assert_string_equal(name_of(&names_code, 142), "error-ha-udp-encap-unavail");
	assert_string_equal(name_of(&names_code, 143), "redirect-ha-req");
	assert_string_equal(name_of(&names_code, 149), "pmip-unsupported");
	assert_string_equal(name_of(&names_code, 150), "pmip-disallowed");
	for (unsigned i = 0; i < names_code.n; i++)
		for (const char *p = names_code.rows[i].name; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
				    *p == '-');
	/* and the RFC's spelling is still understood */
	assert_int_equal(name_value(&names_code, "PMIP_UNSUPPORTED"), 149);
	assert_int_equal(name_value(&names_code, "pmip-unsupported"), 149);
	assert_int_equal(name_value(&names_code, "REDIRECT-HA-REQ"), 143);
	assert_int_equal(name_value(&names_code, "ha_bad_aaa_auth"), 144);
	assert_int_equal(name_value(&names_code, "pmip-unsupporte"), -1);
	assert_string_equal(title_of(&names_code, 129), "administratively prohibited");
	assert_string_equal(title_of(&names_code, 65), "administratively prohibited");
	assert_string_equal(title_of(&names_code, 133), "registration Identification mismatch");
	assert_string_equal(title_of(&names_code, 149),
			    "Proxy Registration not supported by the HA");
	assert_string_equal(title_of(&names_code, 150),
			    "Proxy Registrations from this PMA are not allowed");
	/* Unassigned or unverified codes stay unnamed. */
	assert_null(name_of(&names_code, 2));
	assert_null(name_of(&names_code, 83));
	assert_null(name_of(&names_code, 145));
	assert_null(title_of(&names_code, 255));
	assert_null(name_find(&names_code, 63));
	assert_int_equal(name_find(&names_code, 150)->value, 150);
}

static void test_msg_types(void **state)
{
	(void)state;
	assert_int_equal(names_msg_type.n, 5);
	assert_string_equal(name_of(&names_msg_type, 1), "rrq");
	assert_string_equal(title_of(&names_msg_type, 1), "Registration Request");
	assert_string_equal(name_of(&names_msg_type, 3), "rrp");
	assert_string_equal(name_of(&names_msg_type, 4), "tunnel-data");
	assert_string_equal(name_of(&names_msg_type, 7), "revocation");
	assert_string_equal(name_of(&names_msg_type, 15), "revocation-ack");
	assert_null(name_of(&names_msg_type, 2));
}

/* PROTOCOL.md §2.2. */
static void test_ext_types(void **state)
{
	static const struct { unsigned v; const char *n; } want[] = {
		{ 0, "pad" }, { 32, "mn-ha" }, { 33, "mn-fa" }, { 34, "fa-ha" },
		{ 36, "gen-auth" }, { 37, "cvse-old" }, { 38, "cvse" }, { 44, "udp-tun-rep" },
		{ 47, "pmip" }, { 48, "gre-key" }, { 130, "eds" }, { 131, "nai" },
		{ 132, "challenge" }, { 133, "nvse-old" }, { 134, "nvse" }, { 137, "rev-support" },
		{ 139, "dyn-ha" }, { 144, "udp-tun-req" }, { 145, "msg-string" },
		{ 147, "pmip-skip" },
	};

	(void)state;
	assert_int_equal(names_ext.n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *n = name_of(&names_ext, want[i].v);

		if (!n)
			fail_msg("extension type %u has no name", want[i].v);
		assert_string_equal(n, want[i].n);
	}
	assert_null(name_of(&names_ext, 35));
}

static void test_value_lists(void **state)
{
	static const char *const tech[] = { "reserved", "802.3", "802.11", "802.16e", "802.16m",
					    "lte", "utran", "1xrtt", "umb" };

	(void)state;
	assert_int_equal(names_tech.n, 9);
	for (unsigned i = 0; i < 9; i++)
		assert_string_equal(name_of(&names_tech, i), tech[i]);
	assert_null(name_of(&names_tech, 9));
	assert_string_equal(name_of(&names_devid_type, 1), "mac");
	assert_string_equal(name_of(&names_devid_type, 2), "meid");
	assert_string_equal(name_of(&names_devid_type, 3), "imei");
	assert_string_equal(name_of(&names_devid_type, 4), "esn");
	assert_null(name_of(&names_devid_type, 0));
	assert_string_equal(name_of(&names_subid_type, 1), "imsi");
	assert_string_equal(name_of(&names_pernode, 1), "fa-ha");
	assert_string_equal(name_of(&names_pernode, 2), "ipsec");
	assert_null(name_of(&names_pernode, 0));
	assert_string_equal(name_of(&names_nexthdr, 4), "ip");
	assert_string_equal(name_of(&names_nexthdr, 47), "gre");
	assert_string_equal(name_of(&names_nexthdr, 55), "minimal");
	assert_string_equal(name_of(&names_dynha, 1), "requested");
	assert_string_equal(name_of(&names_dynha, 2), "redirected");
	assert_string_equal(name_of(&names_msgstr, 1), "ha");
	assert_string_equal(name_of(&names_msgstr, 2), "fa");
	assert_string_equal(name_of(&names_genauth, 1), "mn-aaa");
	assert_string_equal(name_of(&names_pmip_sk, 1), "ifid");
	assert_string_equal(name_of(&names_pmip_sk, 2), "devid");
	assert_string_equal(name_of(&names_pmip_sk, 3), "subid");
	assert_string_equal(name_of(&names_pmip_sk, 4), "acctech");
	assert_string_equal(name_of(&names_pmip_ns, 1), "pernode");
}

/* Strictly increasing values (so sorted and without duplicates), non-empty names and
 * titles, names unique regardless of case. */
static void test_tables_well_formed(void **state)
{
	(void)state;
	for (size_t k = 0; k < N_TABLES; k++) {
		const struct name_table *t = tables[k].t;

		assert_true(t->n > 0);
		for (unsigned i = 0; i < t->n; i++) {
			assert_non_null(t->rows[i].name);
			assert_non_null(t->rows[i].title);
			assert_true(t->rows[i].name[0] && t->rows[i].title[0]);
			if (i > 0 && t->rows[i - 1].value >= t->rows[i].value)
				fail_msg("%s: row %u (%u) not above row %u (%u)", tables[k].what, i,
					 t->rows[i].value, i - 1, t->rows[i - 1].value);
			for (unsigned j = 0; j < i; j++)
				if (strcasecmp(t->rows[i].name, t->rows[j].name) == 0)
					fail_msg("%s: name %s twice", tables[k].what,
						 t->rows[i].name);
		}
	}
}

static void change_case(const char *in, char *out, size_t n, bool upper)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < n; i++)
		out[i] = (char)(upper ? toupper((unsigned char)in[i])
				      : tolower((unsigned char)in[i]));
	out[i] = '\0';
}

static void test_round_trip(void **state)
{
	(void)state;
	for (size_t k = 0; k < N_TABLES; k++) {
		const struct name_table *t = tables[k].t;

		for (unsigned i = 0; i < t->n; i++) {
			char buf[64];

			assert_ptr_equal(name_find(t, t->rows[i].value), &t->rows[i]);
			assert_int_equal(name_value(t, t->rows[i].name), t->rows[i].value);
			change_case(t->rows[i].name, buf, sizeof(buf), true);
			assert_int_equal(name_value(t, buf), t->rows[i].value);
			change_case(t->rows[i].name, buf, sizeof(buf), false);
			assert_int_equal(name_value(t, buf), t->rows[i].value);
		}
		assert_int_equal(name_value(t, "no-such-name"), -1);
		assert_int_equal(name_value(t, ""), -1);
	}
	assert_int_equal(name_value(&names_code, "pmip_unsupported"), 149);
	assert_int_equal(name_value(&names_code, "Ident-Mismatch"), 133);
	assert_int_equal(name_value(&names_ext, "FA-HA"), 34);
}

/* RFC 5944 §6.4, Table 1, at every boundary. */
static void test_code_class(void **state)
{
	(void)state;
	assert_string_equal(code_class(0), "success");
	assert_string_equal(code_class(8), "success");
	assert_string_equal(code_class(9), "unassigned");
	assert_string_equal(code_class(63), "unassigned");
	assert_string_equal(code_class(64), "FA");
	assert_string_equal(code_class(127), "FA");
	assert_string_equal(code_class(128), "HA");
	assert_string_equal(code_class(192), "HA");
	assert_string_equal(code_class(193), "GFA");
	assert_string_equal(code_class(200), "GFA");
	assert_string_equal(code_class(201), "unassigned");
	assert_string_equal(code_class(255), "unassigned");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_codes_named),
		cmocka_unit_test(test_code_names),
		cmocka_unit_test(test_msg_types),
		cmocka_unit_test(test_ext_types),
		cmocka_unit_test(test_value_lists),
		cmocka_unit_test(test_tables_well_formed),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_code_class),
	};

	return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
