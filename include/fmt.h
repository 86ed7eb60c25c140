/*
 * fmt: locale-independent number formatting and nice tick values.
 *
 * Nothing here calls printf's %f on a value shown to users: separators
 * and decimals are explicit, so output does not depend on LC_NUMERIC.
 */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>

#define FMT_MAX 64	/* a buffer this size holds any formatted number */

/*
 * Write v rounded to decimals places (half away from zero), with sep
 * between groups of three digits (NULL or "" for none).  "-0" is never
 * written.  Returns out.
 */
char	*fmt_number(char *out, size_t sz, double v, int decimals,
	    const char *sep);

/* Decimals that show v (already scaled) to about 2-3 significant digits:
 * 0 from 100, 1 from 1, else 2. */
int	 fmt_auto_decimals(double v);

/*
 * Nice tick values from 0 up to at most max: steps of 1, 2 or 5 times a
 * power of ten, at most max_count intervals.  Writes up to cap values
 * into ticks and returns how many; sets *step.
 */
size_t	 fmt_ticks(double max, int max_count, double *ticks, size_t cap,
	    double *step);

/* v / div with decimals (-1: fmt_auto_decimals) and thousands separated
 * by ",", then suffix: "44.0 Mt".  Caller frees. */
char	*fmt_quantity(double v, double div, const char *suffix, int decimals);

/* v with decimals places and "%": "69.2%".  Caller frees. */
char	*fmt_percent(double v, int decimals);

/* The same with a sign for changes: "+5.9%", "-27.9%".  Caller frees. */
char	*fmt_signed_percent(double v, int decimals);

/* Decimals needed to print every multiple of step exactly (0 to 6). */
int	 fmt_step_decimals(double step);

#endif
