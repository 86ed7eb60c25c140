/*
 * fmt: number formatting and tick choice.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "util.h"

/* The decimal digits of v, at least width of them (zero-padded), into
 * dst; their count.  No printf: an SVG page formats thousands. */
static size_t
put_digits(char *dst, unsigned long long v, int width)
{
	char rev[24];
	size_t n = 0, i;

	do
		rev[n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0 || (int)n < width);
	for (i = 0; i < n; i++)
		dst[i] = rev[n - 1 - i];
	return n;
}

char *
fmt_number(char *out, size_t sz, double v, int decimals, const char *sep)
{
	char digits[FMT_MAX], tmp[FMT_MAX * 2];
	unsigned long long whole, frac, scale = 1;
	size_t nd, i, o = 0, seplen = sep ? strlen(sep) : 0;
	int neg = v < 0, d;
	double r;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 9)
		decimals = 9;
	for (d = 0; d < decimals; d++)
		scale *= 10;
	if (!isfinite(v) || fabs(v) * (double)scale > 9.0e18) {
		snprintf(out, sz, "%s", isnan(v) ? "n/a" : "overflow");
		return out;
	}
	r = floor(fabs(v) * (double)scale + 0.5);
	if (r == 0)
		neg = 0;	/* never "-0" */
	whole = (unsigned long long)r / scale;
	frac = (unsigned long long)r % scale;
	nd = put_digits(digits, whole, 1);
	if (neg)
		tmp[o++] = '-';
	for (i = 0; i < nd; i++) {
		if (i > 0 && (nd - i) % 3 == 0 && seplen > 0 &&
		    o + seplen < sizeof(tmp)) {
			memcpy(tmp + o, sep, seplen);
			o += seplen;
		}
		tmp[o++] = digits[i];
	}
	if (decimals > 0) {
		tmp[o++] = '.';
		o += put_digits(tmp + o, frac, decimals);
	}
	if (sz == 0)
		return out;
	if (o >= sz)		/* cut to fit, as snprintf would */
		o = sz - 1;
	memcpy(out, tmp, o);
	out[o] = '\0';
	return out;
}

int
fmt_auto_decimals(double v)
{
	v = fabs(v);
	if (v >= 100 || v == 0)
		return 0;
	if (v >= 1)
		return 1;
	return 2;
}

size_t
fmt_ticks(double max, int max_count, double *ticks, size_t cap,
    double *step)
{
	static const double mult[] = { 1, 2, 5, 10 };
	double raw, mag, s = 1;
	size_t n = 0, i;

	if (max_count < 1)
		max_count = 1;
	if (!(max > 0) || !isfinite(max)) {
		if (cap > 0)
			ticks[n++] = 0;
		*step = 1;
		return n;
	}
	raw = max / max_count;
	mag = pow(10, floor(log10(raw)));
	for (i = 0; i < sizeof(mult) / sizeof(mult[0]); i++) {
		s = mult[i] * mag;
		if (s >= raw * (1 - 1e-9))
			break;
	}
	for (i = 0; n < cap; i++) {
		double t = (double)i * s;

		if (t > max * (1 + 1e-9))
			break;
		ticks[n++] = t;
	}
	*step = s;
	return n;
}

int
fmt_step_decimals(double step)
{
	int d;

	for (d = 0; d < 6; d++) {
		double x = step * pow(10, d);

		if (fabs(x - floor(x + 0.5)) < 1e-6)
			return d;
	}
	return 6;
}

char *
fmt_quantity(double v, double div, const char *suffix, int decimals)
{
	char n[FMT_MAX];
	double x = v / div;

	if (decimals < 0)
		decimals = fmt_auto_decimals(x);
	return xasprintf("%s%s", fmt_number(n, sizeof(n), x, decimals, ","),
	    suffix);
}

char *
fmt_percent(double v, int decimals)
{
	char n[FMT_MAX];

	return xasprintf("%s%%", fmt_number(n, sizeof(n), v, decimals, NULL));
}

char *
fmt_signed_percent(double v, int decimals)
{
	char *p = fmt_percent(v, decimals), *q;

	if (p[0] == '-' || strcmp(p, "0%") == 0 || v <= 0)
		return p;
	q = xasprintf("+%s", p);
	free(p);
	return q;
}
