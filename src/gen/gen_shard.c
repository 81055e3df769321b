/* gen_shard.c — which slice of the devices a run plays (pmip4ct-gen(5), SHARDS):
 * `--shard i/N`, or `--shard auto/N` with the index from a Kubernetes Indexed Job
 * (JOB_COMPLETION_INDEX, 0-based) or a Slurm job array (SLURM_ARRAY_TASK_ID, counted from
 * SLURM_ARRAY_TASK_MIN, or from 0 when that is not set).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"
#include "txt.h"

#define GEN_SHARDS_MAX 4096u

static int shard_fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int shard_fail(char *err, size_t errlen, const char *fmt, ...)
{
	char raw[256];
	va_list ap;

	if (!err || !errlen)
		return -1;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof raw, fmt, ap);
	va_end(ap);
	/* the text comes from the command line or the environment */
	txt_escape(err, errlen, raw, strlen(raw), TXT_ESC_TEXT);
	return -1;
}

/* An environment variable's value as a number up to GEN_SHARDS_MAX: 1 with *out, 0 when
 * the variable is not set, -1 with the error. */
static int env_num(const char *name, uint64_t *out, char *err, size_t errlen)
{
	const char *v = getenv(name);

	if (!v)
		return 0;
	if (txt_u64(v, strlen(v), UINT32_MAX, out, NULL) < 0)
		return shard_fail(err, errlen, "%s='%s': not a number", name, v);
	return 1;
}

/* The 1-based index of auto/N from the environment, checked against N. */
static int shard_from_env(unsigned total, unsigned *index, char *err, size_t errlen)
{
	uint64_t id, min = 0;
	const char *name = "JOB_COMPLETION_INDEX";
	int rc = env_num(name, &id, err, errlen);

	if (rc == 0) {
		name = "SLURM_ARRAY_TASK_ID";
		rc = env_num(name, &id, err, errlen);
		if (rc > 0 && env_num("SLURM_ARRAY_TASK_MIN", &min, err, errlen) < 0)
			return -1;
		if (rc > 0 && id < min)
			return shard_fail(err, errlen, "SLURM_ARRAY_TASK_ID='%s' is below "
					  "SLURM_ARRAY_TASK_MIN='%s'", getenv(name),
					  getenv("SLURM_ARRAY_TASK_MIN"));
	}
	if (rc < 0)
		return -1;
	if (rc == 0)
		return shard_fail(err, errlen, "shard auto/%u: neither JOB_COMPLETION_INDEX nor "
				  "SLURM_ARRAY_TASK_ID is set", total);
	if (id - min >= total)
		return shard_fail(err, errlen, "%s='%s'%s: shard %llu of auto/%u, past the last",
				  name, getenv(name),
				  min ? " (less SLURM_ARRAY_TASK_MIN)" : "",
				  (unsigned long long)(id - min + 1), total);
	*index = (unsigned)(id - min + 1);
	return 0;
}

int gen_shard_parse(struct gen_shard *s, const char *text, char *err, size_t errlen)
{
	const char *slash = strchr(text, '/');
	size_t head = slash ? (size_t)(slash - text) : 0;
	uint64_t i = 0, n;
	bool from_env;

	if (!slash)
		return shard_fail(err, errlen, "shard '%s': expected i/N, auto/N or env/N", text);
	if (txt_u64(slash + 1, strlen(slash + 1), GEN_SHARDS_MAX, &n, NULL) < 0 || n == 0)
		return shard_fail(err, errlen, "shard '%s': N is a number 1-%u", text,
				  GEN_SHARDS_MAX);
	from_env = (head == 4 && !strncmp(text, "auto", 4)) ||
		   (head == 3 && !strncmp(text, "env", 3));
	if (from_env) {
		unsigned idx = 0;

		if (shard_from_env((unsigned)n, &idx, err, errlen) < 0)
			return -1;
		i = idx;
	} else if (txt_u64(text, head, n, &i, NULL) < 0 || i == 0) {
		return shard_fail(err, errlen, "shard '%s': i is a number 1-%llu (or auto)", text,
				  (unsigned long long)n);
	}
	s->index = (unsigned)i;
	s->total = (unsigned)n;
	return 0;
}

void gen_shard_slice(const struct gen_shard *s, uint32_t devices, uint32_t *lo, uint32_t *hi)
{
	uint64_t n = s->total ? s->total : 1, i = s->index ? s->index : 1;

	if (i > n)
		i = n;

	/* floor(devices * k / n): contiguous, sizes within one of each other, the last
	 * ending at devices, so the slices of 1..n tile 0..devices exactly */
	*lo = (uint32_t)((uint64_t)devices * (i - 1) / n);
	*hi = (uint32_t)((uint64_t)devices * i / n);
}
