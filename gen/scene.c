/*
 * scene: building, dumping and checking display lists.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "scene.h"
#include "util.h"

static const char *const role_names[ROLE__MAX] = {
	"background", "title", "subtitle", "bar", "baseline", "grid",
	"tick-label", "category-label", "value-label", "legend-swatch",
	"legend-label", "note", "source", "heading", "paragraph",
	"table-cell", "table-rule", "key-figure", "page-header",
	"page-footer"
};

const char *
scene_role_name(enum scene_role r)
{
	return r < ROLE__MAX ? role_names[r] : "?";
}

struct scene *
scene_new(const char *id, double w, double h, enum lang lang)
{
	struct scene *s = xcalloc(1, sizeof(*s));

	s->id = xstrdup(id);
	s->w = w;
	s->h = h;
	s->lang = lang;
	return s;
}

void
scene_free(struct scene *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++) {
		free(s->items[i].text);
		free(s->items[i].key);
		text_spans_free(s->items[i].spans, s->items[i].nspans);
	}
	free(s->items);
	free(s->id);
	free(s->title);
	free(s->desc);
	free(s);
}

static struct scene_item *
add(struct scene *s, enum scene_kind kind, enum scene_role role)
{
	struct scene_item *it;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->items = xreallocarray(s->items, s->cap, sizeof(*s->items));
	}
	it = &s->items[s->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->role = role;
	return it;
}

struct scene_item *
scene_rect(struct scene *s, enum scene_role role, double x, double y,
    double w, double h, uint32_t rgb)
{
	struct scene_item *it = add(s, SCENE_RECT, role);

	it->x = x;
	it->y = y;
	it->w = w;
	it->h = h;
	it->rgb = rgb;
	return it;
}

struct scene_item *
scene_line(struct scene *s, enum scene_role role, double x1, double y1,
    double x2, double y2, double width, uint32_t rgb)
{
	struct scene_item *it = add(s, SCENE_LINE, role);

	it->x = x1;
	it->y = y1;
	it->x2 = x2;
	it->y2 = y2;
	it->line_width = width;
	it->rgb = rgb;
	return it;
}

struct scene_item *
scene_text_spans(struct scene *s, struct text_ctx *tc, enum scene_role role,
    double x, double y, const char *text, const struct text_span *spans,
    size_t nspans, const struct text_style *st, double wrap, uint32_t rgb)
{
	struct text_extent e = text_measure_spans(tc, text, spans, nspans, st,
	    wrap);
	struct scene_item *it = add(s, SCENE_TEXT, role);

	it->x = x;
	it->y = y;
	it->w = e.w;
	it->h = e.h;
	it->text = xstrdup(text);
	it->style = *st;
	it->wrap = wrap;
	it->rgb = rgb;
	it->spans = text_spans_dup(spans, nspans);
	it->nspans = nspans;
	return it;
}

struct scene_item *
scene_text(struct scene *s, struct text_ctx *tc, enum scene_role role,
    double x, double y, const char *text, const struct text_style *st,
    double wrap, uint32_t rgb)
{
	return scene_text_spans(s, tc, role, x, y, text, NULL, 0, st, wrap,
	    rgb);
}

void
scene_tag(struct scene *s, int begin, const char *name, const char *alt)
{
	struct scene_item *it = add(s, begin ? SCENE_TAG_BEGIN :
	    SCENE_TAG_END, ROLE_BACKGROUND);

	it->text = xstrdup(name);
	it->key = xstrdup(alt);
}

void
scene_append(struct scene *dst, const struct scene *src, double dx,
    double dy)
{
	const struct scene_item *from;
	struct scene_item *to;
	size_t i;

	for (i = 0; i < src->n; i++) {
		from = &src->items[i];
		if (from->role == ROLE_BACKGROUND)
			continue;
		to = add(dst, from->kind, from->role);
		*to = *from;
		to->x += dx;
		to->y += dy;
		to->x2 += dx;
		to->y2 += dy;
		to->text = xstrdup(from->text);
		to->key = xstrdup(from->key);
		to->spans = text_spans_dup(from->spans, from->nspans);
	}
}

int
scene_items_overlap(const struct scene_item *a, const struct scene_item *b,
    double eps)
{
	return a->x + a->w > b->x + eps && b->x + b->w > a->x + eps &&
	    a->y + a->h > b->y + eps && b->y + b->h > a->y + eps;
}

static void
num(struct buf *b, double v)
{
	char s[FMT_MAX];

	buf_printf(b, " %s", fmt_number(s, sizeof(s), v, 2, NULL));
}

void
scene_dump(const struct scene *s, struct buf *b)
{
	const struct scene_item *it;
	size_t i;

	buf_printf(b, "scene %s", s->id);
	num(b, s->w);
	num(b, s->h);
	buf_adds(b, "\n");
	if (s->desc != NULL)
		buf_printf(b, "desc \"%s\"\n", s->desc);
	for (i = 0; i < s->n; i++) {
		it = &s->items[i];
		if (it->kind == SCENE_TAG_BEGIN || it->kind == SCENE_TAG_END) {
			buf_printf(b, "%s %s\n", it->kind == SCENE_TAG_BEGIN ?
			    "begin" : "end", it->text);
			continue;
		}
		buf_printf(b, "%s %s", it->kind == SCENE_RECT ? "rect" :
		    it->kind == SCENE_LINE ? "line" : "text",
		    scene_role_name(it->role));
		num(b, it->x);
		num(b, it->y);
		if (it->kind == SCENE_LINE) {
			num(b, it->x2);
			num(b, it->y2);
		} else {
			num(b, it->w);
			num(b, it->h);
		}
		buf_printf(b, " #%06X", (unsigned)it->rgb);
		if (it->kind == SCENE_RECT && it->role == ROLE_BAR) {
			buf_printf(b, " value=");
			num(b, it->value);
		}
		if (it->key != NULL)
			buf_printf(b, " key=%s", it->key);
		if (it->text != NULL)
			buf_printf(b, " \"%s\"", it->text);
		buf_adds(b, "\n");
	}
}

/* ---- lines cut around texts ---- */

struct span {
	double	 a, b;
};

static int
span_cmp(const void *x, const void *y)
{
	const struct span *p = x, *q = y;

	return p->a < q->a ? -1 : p->a > q->a;
}

/* The parts of [a, b] along a line at `at` (a horizontal line's y when
 * horiz, else a vertical line's x) that no text of role texts covers.
 * Returns how many, into out (caller frees). */
static size_t
uncovered(const struct scene *s, int horiz, double at, double a, double b,
    enum scene_role texts, double m, struct span **out)
{
	struct span *cut = xcalloc(s->n + 1, sizeof(*cut));
	size_t i, n = 0, k = 0;
	double from = a;

	for (i = 0; i < s->n; i++) {
		const struct scene_item *t = &s->items[i];
		double lo = horiz ? t->y : t->x, hi = lo + (horiz ? t->h : t->w);

		if (t->kind != SCENE_TEXT || t->role != texts ||
		    at < lo - m || at > hi + m)
			continue;
		cut[n].a = (horiz ? t->x : t->y) - m;
		cut[n++].b = (horiz ? t->x + t->w : t->y + t->h) + m;
	}
	qsort(cut, n, sizeof(*cut), span_cmp);
	*out = xcalloc(n + 1, sizeof(**out));
	for (i = 0; i < n && from < b; i++) {
		if (cut[i].a > from)
			(*out)[k++] = (struct span){ from,
			    cut[i].a < b ? cut[i].a : b };
		if (cut[i].b > from)
			from = cut[i].b;
	}
	if (from < b)
		(*out)[k++] = (struct span){ from, b };
	free(cut);
	return k;
}

void
scene_cut_lines(struct scene *s, enum scene_role lines,
    enum scene_role texts, double margin)
{
	struct scene_item *old = s->items, *it;
	struct span *part;
	size_t n = s->n, i, j, k;

	s->items = NULL;
	s->n = s->cap = 0;
	for (i = 0; i < n; i++) {
		const struct scene_item *l = &old[i];
		int horiz = l->y == l->y2;

		if (l->kind != SCENE_LINE || l->role != lines ||
		    (!horiz && l->x != l->x2)) {
			*add(s, l->kind, l->role) = *l;	/* moves its strings */
			continue;
		}
		/* look up the texts in the items not yet moved: all of
		 * old, since none is freed before the end */
		k = uncovered(&(struct scene){ .items = old, .n = n }, horiz,
		    horiz ? l->y : l->x, horiz ? fmin(l->x, l->x2) :
		    fmin(l->y, l->y2), horiz ? fmax(l->x, l->x2) :
		    fmax(l->y, l->y2), texts, margin, &part);
		for (j = 0; j < k; j++) {
			it = add(s, SCENE_LINE, l->role);
			*it = *l;
			if (horiz) {
				it->x = part[j].a;
				it->x2 = part[j].b;
			} else {
				it->y = part[j].a;
				it->y2 = part[j].b;
			}
		}
		free(part);
	}
	free(old);
}
