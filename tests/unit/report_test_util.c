/* report_test_util.c — the sample report.json for the report tests (report_test_util.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "report_test_util.h"

json_t *report_sample(void)
{
	json_error_t e;
	json_t *r = json_load_file(REPORT_SAMPLE, 0, &e);

	if (!r)
		fail_msg("%s:%d: %s", REPORT_SAMPLE, e.line, e.text);
	return r;
}
