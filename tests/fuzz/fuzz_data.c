/*
 * libFuzzer target: the dataset loader, and the charts of every dataset
 * it accepts.  Built and run by `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "data.h"
#include "scene.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct text_ctx *tc;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct model *m;
	struct diags d;
	char *text;
	int k;

	if (tc == NULL)
		tc = text_ctx_new();
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	diags_init(&d);
	m = data_parse("fuzz.json", text, size, &d);
	for (k = 0; m != NULL && k < CHART__MAX; k++) {
		struct chart_spec spec;

		chart_spec_defaults(&spec, (enum chart_kind)k);
		scene_free(chart_build(&spec, m, tc, &d, NULL));
	}
	model_free(m);
	diags_free(&d);
	free(text);
	return 0;
}
