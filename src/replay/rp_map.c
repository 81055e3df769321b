/* rp_map.c — the address map of a replay: the recorded HA becomes the DUT; each
 * recorded PMA a tester address (itself when it is a loopback address, else 127.0.0.3,
 * .4, ... skipping the DUT's and those taken); `--map OLD=NEW` adds more (given ones
 * win); home addresses and GRE keys the DUT gives are learnt from its replies (recorded
 * X, DUT Y: X becomes Y in later messages and comparisons).  Only loopback or namespace
 * addresses are ever targets: the tester binds what the map gives and nothing else.
 */
#include <stdio.h>

#include "rp_priv.h"
#include "txt.h"

static int map_find(const struct rp_map *mp, uint32_t old)
{
	for (unsigned i = 0; i < mp->n; i++)
		if (mp->e[i].old == old)
			return (int)i;
	return -1;
}

static bool map_put(struct rp_map *mp, uint32_t old, uint32_t new_, bool learned)
{
	if (map_find(mp, old) >= 0)
		return true;
	if (mp->n == RP_MAP_MAX)
		return false;
	mp->e[mp->n++] = (struct rp_map_ent){ old, new_, learned };
	return true;
}

static bool taken(const struct rp_map *mp, uint32_t a)
{
	for (unsigned i = 0; i < mp->n; i++)
		if (mp->e[i].new_ == a)
			return true;
	return false;
}

static bool is_loopback(uint32_t a)
{
	return (a >> 24) == 127;
}

int rp_map_init(struct rp_map *mp, const struct rp_cap *c, const struct rp_opts *o,
		char *err, size_t errlen)
{
	uint32_t next = 0x7f000003; /* 127.0.0.3 */

	*mp = (struct rp_map){ .n = 0 };
	for (unsigned i = 0; i < o->n_map; i++)
		map_put(mp, o->map[i].old, o->map[i].new_, false);
	if (!map_put(mp, c->dut_rec, o->dut, false))
		goto full;
	for (size_t i = 0; i < c->n; i++) {
		uint32_t a = c->msg[i].tester ? c->msg[i].ends.src : c->msg[i].ends.dst;

		if (map_find(mp, a) >= 0)
			continue;
		if (!is_loopback(a) || a == o->dut || taken(mp, a)) {
			while (next == o->dut || taken(mp, next))
				next++;
			if (!map_put(mp, a, next++, false))
				goto full;
		} else if (!map_put(mp, a, a, false)) {
			goto full;
		}
	}
	return 0;
full:
	snprintf(err, errlen, "more than %d addresses to map", RP_MAP_MAX);
	return -1;
}

uint32_t rp_map_addr(const struct rp_map *mp, uint32_t a)
{
	int i = map_find(mp, a);

	return i < 0 ? a : mp->e[i].new_;
}

bool rp_map_learn(struct rp_map *mp, uint32_t old, uint32_t new_)
{
	int i = map_find(mp, old);

	if (i >= 0)
		return mp->e[i].new_ == new_;
	return map_put(mp, old, new_, true);
}

bool rp_map_key(struct rp_map *mp, uint32_t old, uint32_t new_)
{
	for (unsigned i = 0; i < mp->n_keys; i++)
		if (mp->keys_old[i] == old)
			return mp->keys_new[i] == new_;
	if (mp->n_keys < sizeof mp->keys_old / sizeof mp->keys_old[0]) {
		mp->keys_old[mp->n_keys] = old;
		mp->keys_new[mp->n_keys++] = new_;
	}
	return true;
}
