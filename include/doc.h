/*
 * doc: a briefing as a list of blocks, every figure already bound to the
 * dataset and formatted.  Built by the template stage (tmpl.h), laid out
 * into pages by layout.h.  The doc owns everything it points to except
 * the model's records (sources), which it borrows.
 */
#ifndef DOC_H
#define DOC_H

#include <stddef.h>

#include "chart.h"
#include "model.h"
#include "scene.h"
#include "text.h"
#include "util.h"

/* Text with styled byte ranges.  Built with rich_set and rich_add only:
 * len and cap (the bytes allocated) keep appending linear. */
struct rich {
	char		*text;
	size_t		 len;
	size_t		 cap;
	struct text_span *spans;
	size_t		 nspans;
};

enum block_kind {
	BLOCK_TITLE,		/* the report title, first page */
	BLOCK_SUBTITLE,
	BLOCK_HEADING,		/* a section: heading + bookmark */
	BLOCK_SUBHEADING,
	BLOCK_PARA,
	BLOCK_KEYFIGS,
	BLOCK_CHART,
	BLOCK_TABLE
};

struct keyfig {
	struct rich	 value;
	char		*label;
};

#define CELL_NUMERIC	0x01	/* right-aligned */
#define CELL_WIDE	0x02	/* takes the spare width */

struct table {
	size_t		 ncols;
	size_t		 nrows;
	char		**head;		/* ncols headings */
	unsigned	*colflags;	/* ncols CELL_* */
	struct rich	*cells;		/* nrows * ncols, row by row */
	int		 last_is_total;	/* last row drawn bold, ruled */
	int		 is_sources;	/* row n is the target of "[n]" */
};

struct block {
	enum block_kind	 kind;
	int		 line;		/* template line, for messages */
	struct rich	 rich;		/* title, headings, paragraphs */
	char		*anchor;	/* section id */
	struct scene	*chart;		/* BLOCK_CHART; owned */
	struct table	*table;		/* BLOCK_TABLE; owned, NULL until
					   the sources list is filled */
	int		 is_sources;	/* the numbered list of sources */
	struct keyfig	*figs;
	size_t		 nfigs;
};

struct doc {
	enum lang	 lang;
	double		 page_w, page_h;	/* points */
	double		 margin;		/* points */
	char		*title;
	char		*author;
	char		*subject;
	char		*keywords;
	struct rich	 header;		/* text may be empty */
	struct rich	 footer;
	struct block	*blocks;
	size_t		 nblocks;
	const struct source **cited;	/* in order of first citation */
	size_t		 ncited;
};

/* A new empty doc; free with doc_free(). */
struct doc	*doc_new(enum lang);
void		 doc_free(struct doc *);	/* accepts NULL */
struct block	*doc_add_block(struct doc *, enum block_kind, int line);

/* The citation number of a source (from 1), citing it if it is new. */
size_t		 doc_cite(struct doc *, const struct source *);

/* Building rich text: append plain or styled text. */
void		 rich_add(struct rich *, const char *s, size_t len,
		    unsigned flags, const char *href);
void		 rich_free(struct rich *);
void		 rich_set(struct rich *, const char *);	/* plain text */

/*
 * Tables from the dataset.  Each returns a table (freed by doc_free
 * with its block) or NULL with the reason in *why (a static string).
 */
struct table	*doc_table_ranked(struct doc *, const struct series *,
		    int year, int top, const char **why);
struct table	*doc_table_change(struct doc *, const struct series *,
		    int from, int to, int top, const char **why);
struct table	*doc_table_value_chain(struct doc *, const struct model *,
		    const char **why);
/* Each figure of the series' previous edition that this one revised,
 * both values and the change, and the world total of the latest such
 * year when it changed too. */
struct table	*doc_table_revisions(struct doc *, const struct series *,
		    const char **why);
struct table	*doc_table_timeline(struct doc *, const struct model *,
		    const char **why);
struct table	*doc_table_claims(struct doc *, const struct model *,
		    const char **why);
/* Fill every sources block from doc->cited; call after binding. */
void		 doc_fill_sources(struct doc *);

/* How a quantity names its unit: its symbol ("44.0 Mt", "4,400万吨"),
 * in words ("85 million tonnes", as the dataset's `words` say), or not
 * at all (the template writes it). */
enum qty_unit { QTY_SYMBOL, QTY_WORDS, QTY_NONE };

/* A quantity of unit u in the document's language.  scale: the id of
 * one of the unit's scales (or the unit's own id or symbol), NULL for
 * the largest scale v reaches; decimals: a count, -1 for about three
 * significant figures (none for whole units), or DOC_DEC_EXACT for the
 * fewest (at most 2) that show the value exactly ("1.15 Mt").  Caller
 * frees. */
#define DOC_DEC_EXACT (-2)
char		*doc_quantity(const struct doc *, const struct unit *u,
		    double v, const char *scale, int decimals);
char		*doc_quantity_as(const struct doc *, const struct unit *u,
		    double v, const char *scale, int decimals, enum qty_unit);

/* "more than 90 Mt", "超过9,000万吨": q said as a lower bound; and an
 * ISO date "2026-01-31" as "31 January 2026", "2026年1月31日" (any other
 * text as it is).  Caller frees. */
char		*doc_more_than(const struct doc *, const char *q);
char		*doc_date(const struct doc *, const char *iso);

/* A claim's verdict and a control's status in the document's language,
 * as the claims table and the timeline write them.  Static strings. */
const char	*doc_verdict(const struct doc *, enum verdict);
const char	*doc_status(const struct doc *, enum control_status);
/* A control's status on the date as_of (the dataset's), with its end:
 * "suspended until 10 November 2026", or when that end has passed with
 * nothing recorded after it, that it lapsed and what followed is not in
 * the dataset; or the status recorded in `then`.  Caller frees. */
char		*doc_control_status(const struct doc *, const struct control *,
		    const char *as_of);

#endif
