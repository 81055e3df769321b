/* test_cases.c — the case registry is sound, and every case passes (or is none by PICS)
 * against the built-in reference with no fault (DESIGN.md §4).  The kill matrix, which
 * shows each case can fail, is `pmip4ct run --kill-matrix` (meson tests kill_ha, kill_pma). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "case.h"
#include "ha.h"
#include "params.h"
#include "profile.h"
#include "runner.h"

static bool id_ok(const char *id)
{
	/* ROLE-AREA-NN: HA-REG-01, PMA-ROB-12 */
	const char *a = strchr(id, '-'), *b = a ? strchr(a + 1, '-') : NULL;

	if (!a || !b || (strncmp(id, "HA-", 3) && strncmp(id, "PMA-", 4)))
		return false;
	for (const char *p = a + 1; p < b; p++)
		if (*p < 'A' || *p > 'Z')
			return false;
	return strlen(b + 1) == 2 && b[1] >= '0' && b[1] <= '9' && b[2] >= '0' && b[2] <= '9';
}

static void test_registry(void **state)
{
	size_t n;
	const struct case_def *const *all = case_all(&n);
	static const char *const suites[] = { "ha-core", "ha-robustness", "pma-core",
					      "pma-robustness" };

	(void)state;
	assert_true(n > 0);
	for (size_t i = 0; i < n; i++) {
		const struct case_def *c = all[i];
		bool suite_ok = false;
		char buf[256], *save = NULL;

		if (!id_ok(c->id))
			fail_msg("%s: not an ID of the form ROLE-AREA-NN", c->id);
		if (i && !strcmp(all[i - 1]->id, c->id))
			fail_msg("%s: defined twice", c->id);
		assert_ptr_equal(case_find(c->id), c);
		assert_true(c->run && c->title && c->ref && c->procedure && c->pass);
		assert_true(strstr(c->ref, "RFC ") == c->ref);
		assert_int_equal(c->role, !strncmp(c->id, "PMA-", 4) ? CASE_ROLE_PMA : CASE_ROLE_HA);
		for (size_t s = 0; s < 4; s++)
			suite_ok |= !strcmp(c->suite, suites[s]);
		if (!suite_ok || strncmp(c->suite, case_role_name(c->role), 2))
			fail_msg("%s: suite '%s' is not one of its role's", c->id, c->suite);
		snprintf(buf, sizeof buf, "%s", c->pics ? c->pics : "");
		for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save))
			if (!param_find(PARAM_PICS, w + (*w == '!')))
				fail_msg("%s: PICS item '%s' is not defined", c->id, w);
	}
	assert_true(case_match(all[0], "*"));
	assert_false(case_match(all[0], "XX-*"));
}

/* A MAY case's behaviour is claimed only by a yes the PICS sets, unless the defaults
 * claim (the built-in references). */
/* The request profile's grammar (profile.h), and params refusing bad text on set. */
static void test_profile(void **state)
{
	struct params *p = params_create();
	uint8_t flags, sub[PROFILE_147_MAX];
	size_t n;
	char err[128];

	(void)state;
	assert_int_equal(profile_flags("dT, g", &flags, err, sizeof err), 0);
	assert_int_equal(flags, MIP_F_D | MIP_F_T | MIP_F_G);
	assert_int_equal(profile_flags("none", &flags, err, sizeof err), 0);
	assert_int_equal(flags, 0);
	assert_int_equal(profile_flags("TX", &flags, err, sizeof err), -1);
	assert_non_null(strstr(err, "'X' is none of S B D M G T"));
	assert_int_equal(profile_147("devid,acctech", sub, &n, err, sizeof err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(sub[0], MIP_PMIP_DEVID);
	assert_int_equal(sub[1], MIP_PMIP_ACCTECH);
	assert_int_equal(profile_147("none", sub, &n, err, sizeof err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(profile_147("acctech,imsi", sub, &n, err, sizeof err), -1);
	assert_non_null(strstr(err, "'imsi'"));
	assert_int_equal(profile_147("ifid,ifid,ifid,ifid,ifid", sub, &n, err, sizeof err), -1);
	assert_non_null(p);
	assert_int_equal(params_set(p, PARAM_PIXIT, "flags", "SQ", err, sizeof err), -1);
	assert_int_equal(params_set(p, PARAM_PIXIT, "pmip-ext", "subid", err, sizeof err), 0);
	assert_string_equal(params_str(p, "pmip-ext"), "subid");
	params_destroy(p);
}

static void test_pics_claimed(void **state)
{
	struct params *p = params_create();
	char err[128];

	(void)state;
	assert_non_null(p);
	assert_true(params_pics_claimed(p, "pmip ha.gre-key", true));   /* defaults yes */
	assert_false(params_pics_claimed(p, "pmip ha.gre-key", false)); /* not set */
	assert_int_equal(params_set(p, PARAM_PICS, "pmip", "yes", err, sizeof err), 0);
	assert_int_equal(params_set(p, PARAM_PICS, "ha.gre-key", "yes", err, sizeof err), 0);
	assert_true(params_pics_claimed(p, "pmip ha.gre-key !ha.seq-ext", false));
	assert_int_equal(params_set(p, PARAM_PICS, "ha.gre-key", "no", err, sizeof err), 0);
	assert_false(params_pics_claimed(p, "pmip ha.gre-key", true));
	assert_true(params_pics_claimed(p, NULL, false));
	params_destroy(p);
}

static void test_params(void **state)
{
	struct params *p = params_create();
	char err[128];

	(void)state;
	assert_non_null(p);
	assert_int_equal(params_set(p, PARAM_PICS, "ha.gre-key", "no", err, sizeof err), 0);
	assert_false(params_pics(p, "ha.gre-key"));
	assert_false(params_pics_all(p, "pmip ha.gre-key", err, sizeof err));
	assert_string_equal(err, "needs PICS ha.gre-key = yes (the PICS says no)");
	assert_true(params_pics_all(p, "pmip !ha.gre-key", err, sizeof err));
	assert_int_equal(params_set(p, PARAM_PICS, "gre-key", "no", err, sizeof err), -2);
	assert_string_equal(param_suggest(PARAM_PICS, "gre-key"), "ha.gre-key");
	assert_int_equal(params_set(p, PARAM_PIXIT, "reply-ms", "1.5s", err, sizeof err), 0);
	assert_int_equal(params_ms(p, "reply-ms"), 1500);
	assert_int_equal(params_set(p, PARAM_PIXIT, "reply-ms", "soon", err, sizeof err), -1);
	assert_string_equal(err, "expected duration, got 'soon'");
	assert_int_equal(params_set(p, PARAM_PIXIT, "ha", "192.0.2.1:4434", err, sizeof err), 0);
	{
		uint32_t a;
		uint16_t port;

		params_endpoint(p, "ha", &a, &port);
		assert_int_equal(a, 0xc0000201);
		assert_int_equal(port, 4434);
	}
	assert_int_equal(params_set(p, PARAM_PIXIT, "ha", "192.0.2.1:0", err, sizeof err), -1);
	assert_int_equal(params_set(p, PARAM_PIXIT, "sa", "spi=1", err, sizeof err), -1);
	params_destroy(p);
}

static void test_reference_clean(void **state)
{
	size_t n, counts[CASE_VERDICT_COUNT];
	const struct case_def *const *all = case_all(&n);
	struct params *p = params_create();
	struct run_plan plan = { .cases = all, .n = n, .params = p };
	struct run_result r;
	unsigned bad = 0;

	(void)state;
	(void)counts;
	for (size_t i = 0; i < n; i++) {
		run_case(&plan, all[i], NULL, i, n, &r);
		if (r.verdict != CASE_PASS && r.verdict != CASE_NONE) {
			printf("%s: %s: %s\n%s", all[i]->id, case_verdict_name(r.verdict), r.reason,
			       r.log);
			bad++;
		}
	}
	params_destroy(p);
	assert_int_equal(bad, 0);
}

/* A fault makes the case that checks its behaviour fail, with the one reason shape. */
static void test_fault_fails(void **state)
{
	struct params *p = params_create();
	const struct case_def *c = case_find("HA-REG-03");
	struct run_plan plan = { .cases = &c, .n = 1, .params = p };
	struct run_result r;

	(void)state;
	assert_non_null(c);
	plan.faults[CASE_ROLE_HA] = bitset_of(HA_FAULT_WRONG_IDENT_COPY);
	run_case(&plan, c, NULL, 0, 1, &r);
	assert_int_equal(r.verdict, CASE_FAIL);
	assert_non_null(strstr(r.reason, "RRP.Identification low 32 bits: expected 0x"));
	assert_non_null(strstr(r.reason, ", got 0x"));
	assert_true(r.packets >= 2);
	params_destroy(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_pics_claimed),
		cmocka_unit_test(test_reference_clean),
		cmocka_unit_test(test_fault_fails),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
