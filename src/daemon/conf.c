/* conf.c — what the daemons' settings share: an agent's table read through settings.c, the
 * fault, variant and log statements, the setters of plain fields.
 */
#include "conf.h"

#include <string.h>

void conf_init(struct conf *c, size_t size, const struct conf_agent *agent)
{
	memset(c, 0, size);
	c->agent = agent;
	c->log = CONF_LOG_INFO;
}

void conf_finish(struct conf *c)
{
	if (c->agent->finish)
		c->agent->finish(c);
}

int conf_set(struct conf *c, const char *name, const char *value, char *err, size_t errlen)
{
	return settings_set(&c->agent->table, c, name, value, err, errlen);
}

int conf_text(struct conf *c, const char *file, const char *buf, size_t len, char *err,
	      size_t errlen)
{
	return settings_text(&c->agent->table, c, file, buf, len, err, errlen);
}

int conf_file(struct conf *c, const char *path, char *err, size_t errlen)
{
	return settings_file(&c->agent->table, c, path, err, errlen);
}

int conf_args(struct conf *c, int argc, char **argv, char *err, size_t errlen)
{
	return settings_args(&c->agent->table, c, argc, argv, &c->help, err, errlen);
}

int conf_resolve(struct conf *c, char *err, size_t errlen)
{
	return c->agent->resolve(c, err, errlen);
}

const char *conf_suggest(const struct conf *c, const char *name)
{
	return settings_suggest(&c->agent->table, name);
}

void conf_usage(const struct conf *c, FILE *f)
{
	settings_usage(&c->agent->table, f);
}

void conf_fault_list(const struct conf *c, FILE *f)
{
	settings_member_list(c->agent->faults.names, f);
}

void conf_variant_list(const struct conf *c, FILE *f)
{
	settings_member_list(c->agent->variants.names, f);
}

/* ---- the statements every agent has ---- */

struct bitset *conf_faults_of(struct conf *c)
{
	return (struct bitset *)((char *)c + c->agent->faults.offset);
}

int conf_set_fault(void *obj, const char *v, char *err, size_t errlen)
{
	struct conf *c = obj;
	const struct conf_faults *k = &c->agent->faults;

	return settings_member(k->names, "fault", v, conf_faults_of(c), &c->fault_list, err,
			       errlen);
}

struct bitset *conf_variants_of(struct conf *c)
{
	return (struct bitset *)((char *)c + c->agent->variants.offset);
}

int conf_set_variant(void *obj, const char *v, char *err, size_t errlen)
{
	struct conf *c = obj;

	return settings_member(c->agent->variants.names, "variant", v, conf_variants_of(c),
			       &c->variant_list, err, errlen);
}

int conf_set_log(void *obj, const char *v, char *err, size_t errlen)
{
	struct conf *c = obj;
	int level;

	if (settings_level(v, &level, err, errlen) < 0)
		return -1;
	c->log = (enum conf_log)level;
	return 0;
}

int conf_set_user(void *obj, const char *v, char *err, size_t errlen)
{
	struct conf *c = obj;

	return priv_lookup(&c->user, v, err, errlen);
}

/* ---- setters of plain fields ---- */

int conf_add_addr(uint32_t *list, unsigned *n, unsigned max, const char *what, const char *v,
		  char *err, size_t errlen)
{
	if (*n == max)
		return settings_fail(err, errlen, "at most %u %s", max, what);
	if (settings_addr(v, &list[*n]) < 0)
		return settings_fail(err, errlen, "expected an IPv4 address");
	(*n)++;
	return 0;
}
