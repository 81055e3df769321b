/* fuzz_conf.c — libFuzzer target for the configuration files of `pmip4ct ha` and
 * `pmip4ct pma` (ha_conf.h, pma_conf.h, conf.h): the first byte of the input picks the
 * agent, the rest is the file's text.  The text is applied as the daemon does (conf_text,
 * then conf_resolve, then conf_finish), and a configuration that resolves also makes its
 * engine object (an HA takes the pool over), as the daemon would next.
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "conf.h"
#include "fuzz_util.h"
#include "ha.h"
#include "ha_conf.h"
#include "io_mem.h"
#include "pma.h"
#include "pma_conf.h"

static struct ha_conf hc;  /* large: not on the stack */
static struct pma_conf pc;

static void run_ha(const char *text, size_t len, const struct clk *clk)
{
	char err[CONF_ERR];

	ha_conf_init(&hc);
	if (conf_text(&hc.base, "ha.conf", text, len, err, sizeof err) == 0 &&
	    conf_resolve(&hc.base, err, sizeof err) == 0) {
		struct ha *ha = ha_create(&hc.cfg, clk);

		if (ha)
			ha_conf_take_pool(&hc); /* the HA owns it now, as in the daemon */
		ha_destroy(ha);
	}
	conf_finish(&hc.base);
}

static void run_pma(const char *text, size_t len, const struct clk *clk)
{
	char err[CONF_ERR];
	struct io_mem *m;

	pma_conf_init(&pc);
	if (conf_text(&pc.base, "pma.conf", text, len, err, sizeof err) == 0 &&
	    conf_resolve(&pc.base, err, sizeof err) == 0) {
		m = io_mem_create();
		pma_destroy(pma_create(&pc.cfg, clk, io_mem_io(m)));
		io_mem_destroy(m);
	}
	conf_finish(&pc.base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct clk_virtual vc = { .now_ns = 1700000000ull * 1000000000ull, .seed = 7 };
	struct clk clk = clk_virtual(&vc);

	if (!size)
		return 0;
	if (data[0] & 1)
		run_pma((const char *)data + 1, size - 1, &clk);
	else
		run_ha((const char *)data + 1, size - 1, &clk);
	return 0;
}
