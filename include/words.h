/*
 * words: the fixed words regen writes itself (chart text, table headings,
 * statuses, verdicts), in each language, in one table (gen/words.c), so a third language is a column there and not an
 * edit in every stage.  Words that say something about a commodity never
 * live here: they come from the dataset or a template.
 *
 * A word may hold placeholders "{name}", filled by words_expand().
 */
#ifndef WORDS_H
#define WORDS_H

#include <stddef.h>

#include "regen.h"

enum word {
	W_REST,			/* "Rest of world" */
	W_NA,			/* "n/a" */
	W_LIST_SEP,		/* ", " */
	W_NOTE_SEP,		/* between two notes in one paragraph */
	W_MORE_THAN,		/* "more than {v}" */
	W_TITLE_RANKED,
	W_TITLE_RANKED_SHARE,
	W_SUB_RANKED,
	W_TITLE_COLUMNS,
	W_TITLE_COLUMNS_ONE,
	W_TOTALS_DEFAULT,	/* "World total: {series}" */
	W_SUB_COLUMNS_ROSE,
	W_SUB_COLUMNS_FELL,
	W_TITLE_GROUPED,
	W_SUB_GROUPED,
	W_SUB_GROUPED_NONE,
	W_NOTE_GROUPED,
	W_TITLE_STACKED_ONE,
	W_TITLE_STACKED,
	W_SUB_STACKED_RISING,
	W_SUB_STACKED_ONE,
	W_SUB_STACKED,
	W_NOTE_STACKED_SOURCES,
	W_LEGEND_NAMED,
	W_STAGE_ROW,
	W_STAGE_ROW_ENTITY,
	W_NOTE_MORE_THAN,
	W_NOTE_ROUNDED,
	W_NOTE_NA,
	W_NOTE_NO_HIGHLIGHT,
	/* tables (doc.c) */
	W_HEAD_UNIT,		/* "{label} ({symbol})" */
	W_COUNTRY,
	W_SHARE_OF_WORLD,
	W_WORLD,
	W_CHANGE,
	W_STAGE,
	W_ENTITY_SHARE,		/* "{entity}'s share" */
	W_HELD_BY,
	W_SHARE,
	W_YEAR,
	W_DATE,
	W_MEASURE,
	W_ELEMENTS,
	W_STATUS,
	W_STATUS_ON,		/* "Status on {date}" */
	W_PREVIOUS_EDITION,
	W_THIS_EDITION,
	W_CLAIM,
	W_PRESS_FIGURE,
	W_PRIMARY_FIGURE,
	W_VERDICT,
	W_NUMBER_SIGN,
	W_SOURCE,
	/* statuses and verdicts, in the order of their enums (model.h) */
	W_IN_FORCE,
	W_SUSPENDED,
	W_LIFTED,
	W_IN_FORCE_UNTIL,	/* "in force until {date}" */
	W_SUSPENDED_UNTIL,
	/* a status whose end has passed, nothing recorded after it */
	W_IN_FORCE_LAPSED,	/* "in force until {date}; lapsed, …" */
	W_SUSPENDED_LAPSED,
	W_STATUS_SINCE,		/* "{status} since {date}" */
	W_AGREES,
	W_OUTDATED,
	W_DIFFERENT_BASIS,
	W_DISAGREES,
	W_UNVERIFIED,
	/* dates: "{day} {month} {year}", months 1 to 12 */
	W_DATE_FORMAT,
	W_MONTH_1, W_MONTH_2, W_MONTH_3, W_MONTH_4, W_MONTH_5, W_MONTH_6,
	W_MONTH_7, W_MONTH_8, W_MONTH_9, W_MONTH_10, W_MONTH_11, W_MONTH_12,
	W__MAX
};

const char	*word(enum lang, enum word);

/* A name and the text that "{name}" stands for. */
struct word_arg {
	const char	*name;
	const char	*value;
};

/*
 * fmt with each "{name}" replaced by its value in args ("{{" is a
 * brace); a name args lacks is left as it is.  Caller frees.
 */
char		*words_expand(const char *fmt, const struct word_arg *args,
		    size_t nargs);

#endif
