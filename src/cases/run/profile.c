/* profile.c — the grammar of PIXIT flags and pmip-ext (profile.h). */
#include "profile.h"

#include <stdio.h>
#include <string.h>

#include "mip.h"

/* RFC 5944 §3.3 flag letters (r and x are reserved: never set). */
static const struct {
	char letter;
	uint8_t bit;
} flag_letters[] = {
	{ 'S', MIP_F_S }, { 'B', MIP_F_B }, { 'D', MIP_F_D },
	{ 'M', MIP_F_M }, { 'G', MIP_F_G }, { 'T', MIP_F_T },
};

int profile_flags(const char *v, uint8_t *flags, char *err, size_t errlen)
{
	*flags = 0;
	if (!strcmp(v, "none"))
		return 0;
	for (const char *s = v; *s; s++) {
		size_t i = 0;

		if (*s == ' ' || *s == ',')
			continue;
		while (i < sizeof flag_letters / sizeof flag_letters[0] &&
		       flag_letters[i].letter != (*s & ~0x20))
			i++;
		if (i == sizeof flag_letters / sizeof flag_letters[0]) {
			snprintf(err, errlen, "'%c' is none of S B D M G T, or none", *s);
			return -1;
		}
		*flags |= flag_letters[i].bit;
	}
	return 0;
}

static const struct {
	const char *name;
	uint8_t subtype;
} pmip_names[] = {
	{ "ifid", MIP_PMIP_IFID },
	{ "devid", MIP_PMIP_DEVID },
	{ "subid", MIP_PMIP_SUBID },
	{ "acctech", MIP_PMIP_ACCTECH },
};

int profile_147(const char *v, uint8_t sub[PROFILE_147_MAX], size_t *n, char *err,
		size_t errlen)
{
	*n = 0;
	if (!strcmp(v, "none"))
		return 0;
	for (const char *s = v; *s;) {
		size_t len = strcspn(s, ", "), i = 0;

		while (len && i < sizeof pmip_names / sizeof pmip_names[0] &&
		       (strlen(pmip_names[i].name) != len || strncmp(s, pmip_names[i].name, len)))
			i++;
		if (len && i == sizeof pmip_names / sizeof pmip_names[0]) {
			snprintf(err, errlen, "'%.*s' is none of ifid, devid, subid, acctech, or none",
				 (int)len, s);
			return -1;
		}
		if (len && *n == PROFILE_147_MAX) {
			snprintf(err, errlen, "more than %d sub-types", PROFILE_147_MAX);
			return -1;
		}
		if (len)
			sub[(*n)++] = pmip_names[i].subtype;
		s += len;
		s += strspn(s, ", ");
	}
	return 0;
}

static int check_flags(const char *v, char *err, size_t errlen)
{
	uint8_t f;

	return profile_flags(v, &f, err, errlen);
}

static int check_147(const char *v, char *err, size_t errlen)
{
	uint8_t sub[PROFILE_147_MAX];
	size_t n;

	return profile_147(v, sub, &n, err, errlen);
}

profile_check_fn profile_check(const char *name)
{
	if (!strcmp(name, "flags"))
		return check_flags;
	if (!strcmp(name, "pmip-ext"))
		return check_147;
	return NULL;
}
