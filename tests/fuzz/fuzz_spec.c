/*
 * libFuzzer target: chart spec files (templates/charts.xml, `regen
 * charts --spec FILE`), and the chart of every spec it accepts, against
 * the bundled dataset.  Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "chart.h"
#include "data.h"
#include "tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct model *m;
static struct text_ctx *tc;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chart_specs specs;
	struct diags d;
	size_t k;
	int code;

	diags_init(&d);
	if (m == NULL) {
		m = data_load("data/rare_earths.json", &d, &code);
		if (m == NULL)
			abort();	/* run from the repository root */
		tc = text_ctx_new();
		tmpl_init();
	}
	if (tmpl_parse_specs("fuzz.xml", (const char *)data, size, m, &specs,
	    &d) == 0) {
		for (k = 0; k < specs.n && k < 4; k++)
			scene_free(chart_build(&specs.v[k], m, tc, NULL, &d,
			    NULL));
		chart_specs_free(&specs);
	}
	diags_free(&d);
	return 0;
}
