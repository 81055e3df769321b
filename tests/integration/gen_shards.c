/* gen_shards.c DIR ONE N — N synthetic shard summaries of one `pmip4ct gen` run for
 * tests/integration/gen_merge.sh: DIR/shard-I.json (I = 1..N, figures from seed I, as
 * gen_out_json writes them), and ONE, the summary of the same figures recorded as one
 * run (not added by the code under test).
 */
#include <stdio.h>
#include <stdlib.h>

#include "gen.h"
#include "gen_test_util.h"

static int write_json(const char *path, const struct gen_meta *m, const struct gen_stats *s)
{
	FILE *f = fopen(path, "w");

	if (!f || gen_out_json(f, m, s) < 0 || fclose(f) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct gen_stats s, sum;
	struct gen_meta m;
	char path[4096];
	unsigned n;

	if (argc != 4 || (n = (unsigned)atoi(argv[3])) < 1 || n > 64) {
		fprintf(stderr, "usage: gen_shards DIR ONE N\n");
		return 2;
	}
	if (gen_stats_init(&sum) < 0)
		return 1;
	for (unsigned i = 1; i <= n; i++) {
		if (gen_stats_init(&s) < 0)
			return 1;
		gen_test_fill(&s, i, 2000 + 100 * i);
		gen_test_fill(&sum, i, 2000 + 100 * i); /* the same values, as one run */
		gen_test_meta(&m, i, n);
		snprintf(path, sizeof path, "%s/shard-%u.json", argv[1], i);
		int bad = write_json(path, &m, &s) < 0;

		gen_stats_free(&s);
		if (bad)
			return 1;
	}
	gen_test_meta(&m, 1, 1);
	m.dev_hi = 1000 * n;
	int rc = write_json(argv[2], &m, &sum) < 0;

	gen_stats_free(&sum);
	return rc;
}
