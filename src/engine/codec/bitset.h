/* bitset.h — a set of small numbers past any machine word, and the table that names its
 * members.  The reference agents keep their faults (--fault NAME, DESIGN.md §4), and will
 * keep their variants, in one: an enum numbers the members, a table indexed by that enum
 * gives each a name and a help line, and the set travels by value inside the agent's
 * config.  Every caller that handles the sets of both agents (the runner, the shell,
 * `pmip4ct run`) holds one type whatever the role.
 *
 * Header only, no allocation.  Capacity: members 0 .. BITSET_MAX - 1; each enum that
 * numbers members asserts that it fits, so growing past it is a compile error that names
 * this constant.
 */
#ifndef PMIP4CT_BITSET_H
#define PMIP4CT_BITSET_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define BITSET_MAX 256
#define BITSET_WORDS ((BITSET_MAX + 63) / 64)

struct bitset {
	uint64_t w[BITSET_WORDS];
};

/* Members past BITSET_MAX are never added and never present. */
static inline void bitset_add(struct bitset *s, unsigned i)
{
	if (i < BITSET_MAX)
		s->w[i / 64] |= (uint64_t)1 << (i % 64);
}

static inline void bitset_del(struct bitset *s, unsigned i)
{
	if (i < BITSET_MAX)
		s->w[i / 64] &= ~((uint64_t)1 << (i % 64));
}

static inline bool bitset_has(const struct bitset *s, unsigned i)
{
	return i < BITSET_MAX && (s->w[i / 64] >> (i % 64) & 1);
}

static inline bool bitset_empty(const struct bitset *s)
{
	for (unsigned k = 0; k < BITSET_WORDS; k++)
		if (s->w[k])
			return false;
	return true;
}

static inline bool bitset_eq(const struct bitset *a, const struct bitset *b)
{
	return !memcmp(a->w, b->w, sizeof a->w);
}

/* The set of one member (the kill matrix runs one fault at a time). */
static inline struct bitset bitset_of(unsigned i)
{
	struct bitset s = { { 0 } };

	bitset_add(&s, i);
	return s;
}

/* The names of a set's members: v[i] names member i (a table written with designated
 * initializers, [ENUM_VALUE] = { "name", "help" }); a member with no name is a gap. */
struct bitset_name {
	const char *name;
	const char *help;
};

struct bitset_names {
	const struct bitset_name *v;
	unsigned n;
};

static inline const char *bitset_name(const struct bitset_names *t, unsigned i)
{
	return i < t->n ? t->v[i].name : NULL;
}

static inline const char *bitset_help(const struct bitset_names *t, unsigned i)
{
	return i < t->n ? t->v[i].help : NULL;
}

/* The member named name (exactly), or -1. */
static inline int bitset_lookup(const struct bitset_names *t, const char *name)
{
	for (unsigned i = 0; i < t->n; i++)
		if (t->v[i].name && !strcmp(t->v[i].name, name))
			return (int)i;
	return -1;
}

#endif
