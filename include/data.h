/*
 * data: the dataset stage.  Reads a dataset (JSON) with cJSON, checks every
 * field against the format documented in data/README.md, and builds the
 * typed model (model.h).  Every problem is reported with file:line:col
 * and the JSON path; all problems are listed, up to DIAG_MAX.
 */
#ifndef DATA_H
#define DATA_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

#define DATA_MAX_BYTES	(16u << 20)	/* largest dataset file read */
#define DATA_MAX_DEPTH	32		/* deepest nesting of [ and { */
#define DATA_MAX_STRING	4096		/* longest string, in bytes */
#define DATA_MAX_ITEMS	100000		/* longest array */

/*
 * Load and validate the dataset at path.  Returns the model (caller frees
 * with model_free) or NULL, with the problems added to d and *code set to
 * EXIT_NOINPUT (missing or unreadable) or EXIT_DATAERR (invalid).
 */
struct model	*data_load(const char *path, struct diags *d, int *code);

/*
 * The same for text already in memory; name is used in messages.  text
 * must be NUL-terminated at text[len].  Returns NULL on any error.
 */
struct model	*data_parse(const char *name, const char *text, size_t len,
		    struct diags *d);

/*
 * Warnings about time, for `regen check`: every export control whose
 * status ends before the dataset's as_of with nothing recorded after it,
 * and an as_of more than a year before today (YYYY-MM-DD).  Adds them to
 * w as "FILE:LINE:COL: warning: …" and returns how many.  They never
 * change an output: today comes from the clock or --today.
 */
size_t		 data_warn_dates(const struct model *, const char *today,
		    struct diags *w);

#endif
