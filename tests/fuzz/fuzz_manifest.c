/*
 * libFuzzer target: the job list of `regen build`.  Built and run by
 * `make fuzz`.
 */
#include <stdint.h>
#include <stdlib.h>

#include "manifest.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diags d;
	struct job *jobs;
	size_t n;

	diags_init(&d);
	manifest_parse("fuzz.manifest", (const char *)data, size, &jobs, &n,
	    &d);
	manifest_free(jobs, n);
	diags_free(&d);
	return 0;
}
