/*
 * tmpl: the template stage.  Parses a briefing template (XML, with
 * libxml2, from memory, no network, no DTD, no entities) and binds it to
 * the model in one walk, producing a doc (doc.h).  The language is
 * documented in templates/README.md.  Errors name file:line (and the
 * column for XML syntax errors) and what was expected.
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "chart.h"
#include "diag.h"
#include "doc.h"
#include "model.h"
#include "text.h"

#define TMPL_MAX_BYTES	(4u << 20)	/* largest template read */
#define TMPL_MAX_DEPTH	32		/* deepest element nesting */
#define TMPL_MAX_NODES	100000		/* elements and text nodes */
#define TMPL_MAX_PARA	32768		/* bytes of text in one block */

/* Once per run, before any template: refuse every external entity. */
void		 tmpl_init(void);
/* Once at exit: libxml2's global state. */
void		 tmpl_cleanup(void);

/* Chart specs read from a file <charts><chart …/>…</charts>: the presets
 * of templates/charts.xml, or `regen charts --spec FILE`. */
struct chart_specs {
	char		*path;		/* the file they came from; owned */
	uint64_t	 hash;		/* util_hash of its bytes, for
					   up-to-date keys */
	struct chart_spec *v;		/* owned */
	size_t		 n;
};

/*
 * Load the chart specs at path into *out (free with chart_specs_free).
 * Returns EXIT_OK, or EXIT_NOINPUT / EXIT_DATAERR with errors in d.
 * m, when given, checks the series and entities the specs name.
 */
int		 tmpl_load_specs(const char *path, const struct model *m,
		    struct chart_specs *out, struct diags *d);
int		 tmpl_parse_specs(const char *name, const char *text,
		    size_t len, const struct model *m,
		    struct chart_specs *out, struct diags *d);
void		 chart_specs_free(struct chart_specs *);
const struct chart_spec *chart_specs_find(const struct chart_specs *,
		    const char *id);

/*
 * Load, check and bind the template at path.  Returns the doc (caller
 * frees with doc_free) or NULL with errors in d and *code set to
 * EXIT_NOINPUT or EXIT_DATAERR.  presets are the charts that
 * <chart type="ID"> names; tc measures chart text.
 */
struct doc	*tmpl_load(const char *path, const struct model *,
		    const struct chart_specs *presets, struct text_ctx *,
		    struct diags *d, int *code);

/* The same for text in memory; name is used in messages. */
struct doc	*tmpl_parse(const char *name, const char *text, size_t len,
		    const struct model *, const struct chart_specs *presets,
		    struct text_ctx *, struct diags *d);

#endif
