/* run_meta.c — the run's own description in its reports (run_meta.h; the members are
 * documented in docs/report-schema.json). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "junit.h"
#include "run_meta.h"
#include "txt.h"

/* The whole file into f->text.  0, or -1 with err. */
static int meta_read(struct run_meta_file *f, const char *path, char *err, size_t errlen)
{
	FILE *in = fopen(path, "rb");
	size_t cap = 4096;

	f->path = strdup(path);
	f->text = malloc(cap);
	if (!in || !f->path || !f->text)
		goto fail;
	for (size_t r; (r = fread(f->text + f->len, 1, cap - f->len - 1, in)) > 0;) {
		f->len += r;
		if (f->len + 1 == cap) {
			char *t = realloc(f->text, cap *= 2);

			if (!t)
				goto fail;
			f->text = t;
		}
	}
	if (ferror(in))
		goto fail;
	fclose(in);
	f->text[f->len] = '\0';
	digest_sha256_hex(f->text, f->len, f->sha256);
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", path, strerror(errno ? errno : ENOMEM));
	if (in)
		fclose(in);
	return -1;
}

static int meta_files(struct run_meta_files *fs, const char *const *paths, size_t n, char *err,
		      size_t errlen)
{
	char *all = NULL;
	size_t len = 0;

	fs->v = calloc(n ? n : 1, sizeof *fs->v);
	if (!fs->v)
		return snprintf(err, errlen, "%s", strerror(ENOMEM)), -1;
	for (size_t i = 0; i < n; i++, fs->n++)
		if (meta_read(&fs->v[i], paths[i], err, errlen) < 0) {
			fs->n++;
			return -1;
		}
	/* the hash of the files' contents one after the other, as given */
	for (size_t i = 0; i < fs->n; i++)
		len += fs->v[i].len;
	all = malloc(len ? len : 1);
	if (!all)
		return snprintf(err, errlen, "%s", strerror(ENOMEM)), -1;
	len = 0;
	for (size_t i = 0; i < fs->n; i++) {
		memcpy(all + len, fs->v[i].text, fs->v[i].len);
		len += fs->v[i].len;
	}
	digest_sha256_hex(all, len, fs->sha256);
	free(all);
	return 0;
}

/* The campaign's identity: its case IDs in order, one per line. */
static void meta_campaign_hash(struct run_meta *m)
{
	size_t len = 0;
	char *s, *at;

	for (size_t i = 0; i < m->n_campaign; i++)
		len += strlen(m->campaign[i]->id) + 1;
	s = malloc(len + 1);
	if (!s)
		return;
	at = s;
	for (size_t i = 0; i < m->n_campaign; i++)
		at += sprintf(at, "%s\n", m->campaign[i]->id);
	digest_sha256_hex(s, (size_t)(at - s), m->campaign_sha256);
	free(s);
}

int run_meta_init(struct run_meta *m, const char *const *pics, size_t n_pics,
		  const char *const *pixit, size_t n_pixit, char *err, size_t errlen)
{
	if (gethostname(m->host, sizeof m->host) < 0)
		snprintf(m->host, sizeof m->host, "unknown");
	m->host[sizeof m->host - 1] = '\0';
	digest_build_id(m->build, sizeof m->build);
	m->start_ns = clk_now_ns(&clk_real);
	if (!m->shard_total)
		m->shard_index = m->shard_total = 1;
	meta_campaign_hash(m);
	if (meta_files(&m->pics, pics, n_pics, err, errlen) < 0 ||
	    meta_files(&m->pixit, pixit, n_pixit, err, errlen) < 0)
		return -1;
	return 0;
}

static void meta_files_finish(struct run_meta_files *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].path);
		free(fs->v[i].text);
	}
	free(fs->v);
	memset(fs, 0, sizeof *fs);
}

void run_meta_finish(struct run_meta *m)
{
	meta_files_finish(&m->pics);
	meta_files_finish(&m->pixit);
}

static const char *meta_pixit(const struct run_meta *m, const char *name)
{
	const char *v = m->params ? params_text(m->params, PARAM_PIXIT, name) : NULL;

	return v ? v : "";
}

static const char *const meta_role_key[CASE_ROLE_COUNT] = { "ha", "pma" };

/* A role's address as the reports give it. */
static const char *meta_address(const struct run_meta *m, int r)
{
	return m->remote[r] ? meta_pixit(m, meta_role_key[r]) : "built-in reference";
}

void run_meta_dut_text(const struct run_meta *m, char *buf, size_t len)
{
	const char *ident[3] = { meta_pixit(m, "dut.vendor"), meta_pixit(m, "dut.model"),
				 meta_pixit(m, "dut.software") };
	const char *roles[CASE_ROLE_COUNT], *addr[CASE_ROLE_COUNT];
	size_t n = 0;

	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		if (m->roles[r]) {
			roles[n] = meta_role_key[r];
			addr[n++] = meta_address(m, r);
		}
	junit_dut_text(buf, len, ident, roles, addr, n);
}

/* ---- JSON ---- */

static void meta_json_run(struct json *j, const struct run_meta *m, size_t planned,
			  bool all_ran, uint64_t end_ns, bool interrupted)
{
	json_obj_begin(j, "run");
	json_arr_begin(j, "command");
	for (int i = 0; i < m->argc; i++)
		json_str(j, NULL, m->argv[i]);
	json_arr_end(j);
	json_str(j, "host", m->host);
	json_str(j, "lab", meta_pixit(m, "lab.name"));
	json_str(j, "operator", meta_pixit(m, "lab.operator"));
	json_str(j, "start_utc", txt_utc(m->start_ns, 0).s);
	json_str(j, "end_utc", end_ns ? txt_utc(end_ns, 0).s : "");
	/* complete: the run ended by itself and every case of the campaign ran in it (a
	 * shard alone is never the whole campaign, unless it is 1/1; the cases after a DUT
	 * stopped answering did not run) */
	json_bool(j, "complete", end_ns && !interrupted && all_ran && planned == m->n_campaign);
	json_bool(j, "interrupted", interrupted);
	json_u64(j, "planned", planned);
	json_obj_begin(j, "shard");
	json_u64(j, "index", m->shard_index);
	json_u64(j, "total", m->shard_total);
	json_obj_end(j);
	json_obj_begin(j, "campaign");
	json_u64(j, "cases", m->n_campaign);
	json_str(j, "sha256", m->campaign_sha256);
	json_arr_begin(j, "ids");
	for (size_t i = 0; i < m->n_campaign; i++)
		json_str(j, NULL, m->campaign[i]->id);
	json_arr_end(j);
	if (m->campaign_suites) {
		json_arr_begin(j, "suites");
		for (size_t i = 0; i < m->n_campaign; i++)
			json_str(j, NULL, m->campaign_suites[i]);
		json_arr_end(j);
	}
	json_obj_end(j);
	json_obj_end(j);
}

static void meta_json_dut(struct json *j, const struct run_meta *m)
{
	const char *const *key = meta_role_key;
	bool reference = false;

	json_obj_begin(j, "dut");
	json_arr_begin(j, "roles");
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		if (m->roles[r])
			json_str(j, NULL, key[r]);
	json_arr_end(j);
	json_str(j, "vendor", meta_pixit(m, "dut.vendor"));
	json_str(j, "model", meta_pixit(m, "dut.model"));
	json_str(j, "software", meta_pixit(m, "dut.software"));
	json_obj_begin(j, "addresses");
	for (int r = 0; r < CASE_ROLE_COUNT; r++)
		if (m->roles[r]) {
			json_str(j, key[r], meta_address(m, r));
			reference |= !m->remote[r];
		}
	json_obj_end(j);
	json_bool(j, "reference", reference);
	json_obj_end(j);
}

/* Every item of kind k set explicitly, "name": "value". */
static void meta_json_items(struct json *j, const struct run_meta *m, enum param_kind k)
{
	size_t nt;
	const struct param_table *const *t = param_tables(&nt);

	json_obj_begin(j, "items");
	for (size_t i = 0; m->params && i < nt; i++)
		for (size_t d = 0; t[i]->kind == k && d < t[i]->n; d++) {
			const char *name = t[i]->defs[d].name;

			if (params_isset(m->params, k, name))
				json_str(j, name, params_text(m->params, k, name));
		}
	json_obj_end(j);
}

static void meta_json_params(struct json *j, const char *key, const struct run_meta *m,
			     const struct run_meta_files *fs, enum param_kind k)
{
	json_obj_begin(j, key);
	json_str(j, "sha256", fs->sha256);
	json_arr_begin(j, "files");
	for (size_t i = 0; i < fs->n; i++) {
		json_obj_begin(j, NULL);
		json_str(j, "path", fs->v[i].path);
		json_str(j, "sha256", fs->v[i].sha256);
		json_strn(j, "text", (const uint8_t *)fs->v[i].text, fs->v[i].len);
		json_obj_end(j);
	}
	json_arr_end(j);
	meta_json_items(j, m, k);
	json_obj_end(j);
}

/* The request profile: the PIXIT items that make the tester speak a device's dialect
 * (params_common.c), as set for this DUT. */
static const char *const meta_dialect[] = {
	"nai", "hoa-base", "flags", "pmip-ext", "ident-zero-bits", "time-scale",
};

static void meta_json_list(struct json *j, const char *key, char *const *v, size_t n)
{
	json_arr_begin(j, key);
	for (size_t i = 0; i < n; i++)
		json_str(j, NULL, v[i]);
	json_arr_end(j);
}

static void meta_json_obs(struct json *j, const struct run_meta *m,
			  const char *const *deviations)
{
	json_obj_begin(j, "observations");
	json_obj_begin(j, "dialect");
	for (size_t i = 0; m->params && i < sizeof meta_dialect / sizeof *meta_dialect; i++)
		if (params_isset(m->params, PARAM_PIXIT, meta_dialect[i]))
			json_str(j, meta_dialect[i],
				 params_text(m->params, PARAM_PIXIT, meta_dialect[i]));
	json_obj_end(j);
	meta_json_list(j, "variants", m->variants, m->n_variants);
	meta_json_list(j, "faults", m->faults, m->n_faults);
	json_bool(j, "strict", m->strict);
	meta_json_list(j, "notes", m->notes, m->n_notes);
	json_arr_begin(j, "deviations");
	for (size_t i = 0; deviations && deviations[i]; i++)
		json_str(j, NULL, deviations[i]);
	json_arr_end(j);
	json_obj_end(j);
}

void run_meta_json(struct json *j, const struct run_meta *m, size_t planned, bool all_ran,
		   uint64_t end_ns, bool interrupted, const char *const *deviations)
{
	json_str(j, "schema", "pmip4ct-report/1");
	json_obj_begin(j, "tool");
	json_str(j, "name", "pmip4ct");
	json_str(j, "version", PMIP4CT_VERSION);
	json_str(j, "build", m->build);
	json_obj_end(j);
	meta_json_run(j, m, planned, all_ran, end_ns, interrupted);
	meta_json_dut(j, m);
	meta_json_params(j, "pics", m, &m->pics, PARAM_PICS);
	meta_json_params(j, "pixit", m, &m->pixit, PARAM_PIXIT);
	meta_json_obs(j, m, deviations);
}
