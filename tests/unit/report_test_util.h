/* report_test_util.h — the sample report.json (tests/data/report-sample.json, a valid
 * hand-made example of docs/report-schema.json) for the report tests (issue #17).
 */
#ifndef PMIP4CT_REPORT_TEST_UTIL_H
#define PMIP4CT_REPORT_TEST_UTIL_H

#include <jansson.h>

#define REPORT_SAMPLE PMIP4CT_SRCDIR "/tests/data/report-sample.json"

/* A fresh copy of the sample; the test fails when it does not load. */
json_t *report_sample(void);

#endif
