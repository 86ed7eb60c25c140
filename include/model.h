/*
 * model: the validated, typed dataset.
 *
 * Built only by data_load() (data.h), which has checked every field and
 * resolved every reference, so nothing downstream re-checks input.  The
 * model owns all its strings; references between records are borrowed
 * pointers into the model's own arrays, which never move after loading.
 * Free it with model_free().
 */
#ifndef MODEL_H
#define MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "regen.h"

enum unit_kind { UNIT_MASS, UNIT_PERCENT, UNIT_COUNT, UNIT_OTHER };
enum source_kind { SOURCE_PRIMARY, SOURCE_SECONDARY, SOURCE_PRESS };
enum entity_kind { ENTITY_COUNTRY, ENTITY_OTHER };
enum total_qual { TOTAL_EXACT, TOTAL_ROUNDED, TOTAL_MORE_THAN };
enum control_status { CONTROL_IN_FORCE, CONTROL_SUSPENDED, CONTROL_LIFTED };
enum verdict {
	VERDICT_AGREES,
	VERDICT_OUTDATED,
	VERDICT_DIFFERENT_BASIS,
	VERDICT_DISAGREES,
	VERDICT_UNVERIFIED
};

/*
 * A larger scale of a unit ("Mt" of "t"), as the dataset states it: a
 * value reaching `from` is shown divided by the factor of the report's
 * language, with that language's symbol and name.  A scale without
 * `from` (HUGE_VAL) is used only where a template names it.
 */
struct unit_scale {
	char		*id;		/* names it in <value scale="…"> */
	double		 from;
	double		 factor;
	double		 factor_zh;
	char		*symbol;	/* "Mt" */
	char		*symbol_zh;	/* "万吨" */
	char		*words;		/* "million tonnes", in running text;
					   NULL: the symbol */
	char		*words_zh;
	char		*name;		/* "million tonnes of …" */
	char		*name_zh;
};

struct unit {
	char		*id;
	char		*name;
	char		*name_zh;
	char		*symbol;
	char		*symbol_zh;	/* the symbol in Chinese text */
	char		*words;		/* "tonnes"; NULL: the symbol */
	char		*words_zh;
	enum unit_kind	 kind;
	struct unit_scale *scales;	/* by from, smallest first */
	size_t		 nscales;
};

/* How a quantity is written in one language: value / div, symbol. */
struct unit_disp {
	double		 div;
	const char	*id;		/* the scale's id, or the unit's */
	const char	*symbol;	/* "" for a count */
	const char	*words;		/* NULL: none given */
	const char	*name;
};

/* The largest scale whose `from` vmax reaches (the unit itself below
 * them all), in lang. */
void	unit_display(const struct unit *, enum lang, double vmax,
	    struct unit_disp *);
/* What follows a number written with name (a symbol or words) in lang:
 * " Mt" in English, "万吨" in Chinese, "%" and "" as they are. */
void	unit_suffix(const char *name, enum lang, char *out, size_t sz);
/* The scale named id (a scale id, or the unit's id or symbol for the
 * unit itself); -1 if the unit has none of that name. */
int	unit_display_id(const struct unit *, enum lang, const char *id,
	    struct unit_disp *);

struct source {
	char		*id;
	enum source_kind kind;
	char		*title;
	char		*publisher;
	char		*date;		/* YYYY, YYYY-MM or YYYY-MM-DD */
	char		*url;		/* NULL if none */
	char		*lang;		/* "en" or "zh" */
	char		*note;		/* NULL if none */
};

struct entity {
	char		*id;
	char		*name;
	char		*name_zh;
	enum entity_kind kind;
};

struct element {
	char		*symbol;
	char		*name;
	char		*name_zh;
	int		 medium_heavy;	/* 1 if in China's medium/heavy group */
};

struct observation {
	const struct entity *entity;
	int		 year;
	double		 value;		/* in the series unit; 0 when na */
	int		 na;		/* 1: not available (USGS "NA") */
	int		 estimated;
	const struct source *source;	/* the series source unless overridden */
	char		*note;
};

struct total {
	int		 year;
	double		 value;
	enum total_qual	 qual;
	double		 rounding;	/* rounding unit of a rounded total */
	const struct source *source;
	char		*note;
};

struct series {
	char		*id;
	char		*measure;	/* "reserves", "mine_production", … */
	char		*title;		/* "Lithium reserves by country" */
	char		*title_zh;
	char		*label;		/* "Reserves": table headings; NULL:
					   the title */
	char		*label_zh;
	char		*totals_title;	/* "World lithium mine production";
					   NULL: none given */
	char		*totals_title_zh;
	char		*chart_note;	/* under charts of its countries */
	char		*chart_note_zh;
	char		*totals_note;	/* under charts of its totals */
	char		*totals_note_zh;
	const struct unit *unit;
	const struct source *source;
	char		*note;
	struct observation *obs;
	size_t		 nobs;
	struct total	*totals;
	size_t		 ntotals;
	struct series	*previous;	/* the rows as the previous edition
					   published them (its own source
					   and note; id, measure and unit
					   as here); NULL: none kept */
};

struct stage_share {
	char		*id;
	char		*stage;		/* "mining", …: an id; stages are
					   drawn in the dataset's order */
	char		*name;
	char		*name_zh;
	const struct entity *entity;
	double		 share;		/* percent, 0-100 */
	const struct unit *unit;
	int		 year;
	const struct source *source;
	char		*note;
};

/* What a control's status became when its `until` passed. */
struct status_change {
	enum control_status status;
	char		*from;		/* YYYY-MM-DD */
	char		*until;		/* NULL: open-ended */
	const struct source *source;
	char		*note;		/* NULL if none */
};

struct control {
	char		*id;
	char		*date;
	char		*authority;
	char		*authority_zh;
	char		*reference;
	char		*title;
	char		*title_zh;
	char		*measure;
	char		*measure_zh;
	const struct element **elements;
	size_t		 nelements;
	enum control_status status;
	char		*status_note;
	char		*effective;
	char		*until;
	const struct source *source;
	struct status_change *then;	/* NULL: not recorded */
};

/*
 * A control's status on a date (YYYY-MM-DD; the dataset's as_of):
 * the one recorded, or `then` once `until` has passed and `then` has
 * begun.  *lapsed is 1 when the status in force has an `until` before
 * date and nothing recorded follows it: the reader must be told that
 * what came next is not in the dataset.  Sets *until to the date it
 * ends (NULL: open-ended) and returns the status.
 */
enum control_status control_status_at(const struct control *,
	    const char *date, const char **until, int *lapsed);

struct claim {
	char		*id;
	const struct source *source;
	char		*quote;
	char		*lang;
	char		*subject;
	char		*subject_zh;
	double		 value;
	const struct unit *unit;
	int		 year;		/* 0 if none */
	char		*measure;	/* what it measures; NULL: as the
					   primary does */
	const struct observation *primary_obs;	  /* or NULL */
	const struct series *primary_series;	  /* primary_obs's */
	int		 primary_as_share;	/* compare with primary_obs as
						   a share of the world, % */
	const struct stage_share *primary_share; /* or NULL */
	const struct figure *primary_fig;	  /* or NULL */
	const struct figure **earlier;	/* earlier editions' values of the
					   primary, besides the series' */
	size_t		 nearlier;
	enum verdict	 verdict;	/* as the rule decides when there is
					   a primary (claim_verdict) */
	char		*note;
};

/*
 * The verdict data/README.md's rule gives a claim with a primary figure:
 * different_basis when its unit or measure is not the primary's, agrees
 * when the primary rounds to the claim's last significant digit,
 * outdated when an earlier edition's value does, else disagrees.
 * Returns -1 for a claim without a primary (its own verdict stands).
 */
int	claim_verdict(const struct claim *);

/*
 * The figure a claim is measured against: its value (a share of the
 * world in percent, for a primary taken as a share), unit (NULL for a
 * share: any percent unit), measure (NULL: not stated) and source.
 * -1 when the claim has no primary.
 */
int	claim_primary(const struct claim *, double *v, const struct unit **u,
	    const char **measure, const struct source **src);

/* 1 when v, rounded to the last significant digit of claim, is claim. */
int	claim_matches(double claim, double v);

/* A figure kept in notes: a sourced number that is neither an
 * observation, a total, a share nor a claim, for templates to print
 * (<value of="figure">) instead of typing it. */
struct figure {
	char		*id;
	double		 value;		/* in unit; negative only in a
					   percent unit (a change) */
	char		*measure;	/* NULL: not stated */
	const struct unit *unit;
	int		 year;		/* 0 if none */
	const struct entity *entity;	/* or NULL */
	const struct source *source;
	char		*subject;	/* what it is */
	char		*subject_zh;
	char		*note;		/* NULL if none */
};

struct model {
	char		*path;		/* file it was loaded from */
	uint64_t	 hash;		/* util_hash of its bytes (data_load),
					   for up-to-date keys */
	char		*title;
	char		*title_zh;
	char		*as_of;		/* YYYY-MM-DD */
	const struct entity *highlight;
	struct unit	*units;		size_t nunits;
	struct source	*sources;	size_t nsources;
	struct entity	*entities;	size_t nentities;
	struct element	*elements;	size_t nelements;
	struct series	*series;	size_t nseries;
	struct stage_share *shares;	size_t nshares;
	struct control	*controls;	size_t ncontrols;
	struct claim	*claims;	size_t nclaims;
	struct figure	*figures;	size_t nfigures; /* may be none */
	const struct entity **by_id;	/* entities sorted by id, for lookup */
};

void	model_free(struct model *);	/* accepts NULL */
void	model_index(struct model *);	/* (re)build by_id after loading */

const struct entity *model_entity(const struct model *, const char *id);
const struct source *model_source(const struct model *, const char *id);
const struct unit *model_unit(const struct model *, const char *id);
const struct series *model_series(const struct model *, const char *id);
/* The first series of a measure, or NULL. */
const struct series *model_series_by_measure(const struct model *,
	    const char *measure);
/* Records by id, or NULL. */
const struct claim *model_claim(const struct model *, const char *id);
const struct control *model_control(const struct model *, const char *id);
const struct figure *model_figure(const struct model *, const char *id);
const struct total *series_total(const struct series *, int year);
const struct observation *series_obs(const struct series *,
	    const char *entity_id, int year);

/* 1 when both editions of a series hold one year each: a snapshot such
 * as reserves, whose editions are compared entity by entity. */
int	series_is_snapshot(const struct series *old,
	    const struct series *new);
/* The row of old that an edition new compares with entity's row of
 * year: the same year, or for a snapshot the one year of old.  NULL if
 * none. */
const struct observation *series_counterpart(const struct series *old,
	    const struct series *new, const char *entity_id, int year);

/*
 * The countries' observations of a year, largest first (ties by id);
 * n/a values and "other" rows are left out.  Sets *out to an array the
 * caller frees and returns its length.
 */
size_t	series_ranked(const struct series *, int year,
	    const struct observation ***out);

/* The entity every value-chain stage names; NULL when they differ or
 * there are none. */
const struct entity *model_chain_holder(const struct model *);

/* Name of an entity in the given language. */
const char *entity_name(const struct entity *, enum lang);

/*
 * The world figure against which parts are compared for a year: the sum of
 * the listed parts when it is larger than the stated total (a "more than"
 * total, or a rounded one), else the stated total.  Sets *parts_sum.
 */
double	series_effective_total(const struct series *, int year,
	    double *parts_sum);

/* The denominator for world shares: the stated total unless it is only
 * a lower bound, then the effective total. */
double	series_share_base(const struct series *, int year);

#endif
