/*
 * render: drawing scenes with Cairo and Pango, and the backend table.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "regen.h"
#include "render.h"
#include "util.h"

static cairo_status_t
to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0,
	    ((rgb >> 8) & 0xFF) / 255.0, (rgb & 0xFF) / 255.0);
}

/* A value inside Cairo's single-quoted tag attribute: ' and \ escaped
 * (an unescaped quote makes Cairo 1.16 abort). */
static void
quote_attr(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'' || *s == '\\')
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
}

/*
 * Clickable areas for the links of a text drawn at (x, y): one rectangle
 * per line the link spans, from Pango's x ranges.  Only the PDF surface
 * uses tags; the others ignore them.
 */
static void
tag_links(cairo_t *cr, PangoLayout *l, const struct scene_item *it)
{
	PangoLayoutIter *iter;
	PangoRectangle r;
	struct buf attr;
	size_t i;
	int *ranges, nr, k, any;

	for (i = 0; i < it->nspans; i++) {
		const struct text_span *sp = &it->spans[i];

		if (!(sp->flags & (SPAN_LINK | SPAN_XREF)) || sp->href == NULL)
			continue;
		buf_init(&attr);
		buf_adds(&attr, sp->href[0] == '#' ? "dest='" : "uri='");
		quote_attr(&attr, sp->href[0] == '#' ? sp->href + 1 :
		    sp->href);
		buf_adds(&attr, "' rect=[");
		any = 0;
		iter = pango_layout_get_iter(l);
		do {
			PangoLayoutLine *line = pango_layout_iter_get_line(iter);

			/* only lines that hold part of the link */
			if ((size_t)line->start_index >= sp->end ||
			    (size_t)(line->start_index + line->length) <=
			    sp->start)
				continue;
			pango_layout_iter_get_line_extents(iter, NULL, &r);
			pango_layout_line_get_x_ranges(line, (int)sp->start,
			    (int)sp->end, &ranges, &nr);
			for (k = 0; k < nr; k++) {
				double x0 = ranges[2 * k] / (double)PANGO_SCALE;
				double x1 = ranges[2 * k + 1] /
				    (double)PANGO_SCALE;

				if (x1 - x0 < 0.5)
					continue;
				buf_printf(&attr, "%s%.2f %.2f %.2f %.2f",
				    any ? " " : "", it->x + x0,
				    it->y + r.y / (double)PANGO_SCALE, x1 - x0,
				    r.height / (double)PANGO_SCALE);
				any = 1;
			}
			g_free(ranges);
		} while (pango_layout_iter_next_line(iter));
		pango_layout_iter_free(iter);
		buf_adds(&attr, "]");
		if (any) {
			cairo_tag_begin(cr, CAIRO_TAG_LINK, attr.data);
			cairo_tag_end(cr, CAIRO_TAG_LINK);
		}
		buf_free(&attr);
	}
}

static int
has_links(const struct scene_item *it)
{
	size_t i;

	for (i = 0; i < it->nspans; i++)
		if (it->spans[i].flags & (SPAN_LINK | SPAN_XREF))
			return 1;
	return 0;
}

static void
draw_item(cairo_t *cr, const struct scene_item *it, struct text_ctx *tc,
    struct render_fonts *fs, int *depth)
{
	PangoLayout *l;
	int wrap;

	set_rgb(cr, it->rgb);
	switch (it->kind) {
	case SCENE_RECT:
		cairo_rectangle(cr, it->x, it->y, it->w, it->h);
		cairo_fill(cr);
		break;
	case SCENE_LINE:
		cairo_set_line_width(cr, it->line_width);
		cairo_move_to(cr, it->x, it->y);
		cairo_line_to(cr, it->x2, it->y2);
		cairo_stroke(cr);
		break;
	case SCENE_TEXT:
		l = text_layout_spans(tc, it->text, it->spans, it->nspans,
		    &it->style, it->wrap);
		/* Cairo 1.16 writes a broken cross-reference table for a
		 * link outside any structure element: a text with links
		 * outside one becomes a paragraph element */
		wrap = has_links(it) && *depth == 0;
		if (wrap)
			cairo_tag_begin(cr, "P", NULL);
		render_text(cr, l, it->x, it->y, fs);
		if (has_links(it))
			tag_links(cr, l, it);
		if (wrap)
			cairo_tag_end(cr, "P");
		g_object_unref(l);
		break;
	case SCENE_TAG_BEGIN:
		/* a destination's key holds its attributes; a structure
		 * element's key is alt text, added later (render_pdf.c) */
		if (strcmp(it->text, CAIRO_TAG_DEST) == 0) {
			cairo_tag_begin(cr, it->text, it->key);
			break;
		}
		cairo_tag_begin(cr, it->text, NULL);
		(*depth)++;
		break;
	case SCENE_TAG_END:
		cairo_tag_end(cr, it->text);
		if (strcmp(it->text, CAIRO_TAG_DEST) != 0)
			(*depth)--;
		break;
	}
}

static void
draw_scene(cairo_t *cr, const struct scene *s, struct text_ctx *tc,
    struct render_fonts *fs)
{
	size_t i;
	int depth = 0;

	for (i = 0; i < s->n; i++)
		draw_item(cr, &s->items[i], tc, fs, &depth);
}

/* The stand-in fonts for the texts of pages (render_font.c). */
static struct render_fonts *
pdf_fonts(const struct scene *const *pages, size_t n, struct text_ctx *tc)
{
	struct render_fonts *fs = render_fonts_new();
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < pages[i]->n; j++) {
			const struct scene_item *it = &pages[i]->items[j];
			PangoLayout *l;

			if (it->kind != SCENE_TEXT)
				continue;
			l = text_layout_spans(tc, it->text, it->spans,
			    it->nspans, &it->style, it->wrap);
			render_fonts_collect(fs, l);
			g_object_unref(l);
		}
	render_fonts_build(fs);
	return fs;
}

/* Finish a surface and report what went wrong, if anything. */
static int
finish(cairo_surface_t *sf, cairo_t *cr, char **err)
{
	cairo_status_t st;

	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		*err = xasprintf("cairo: %s", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

static void
set_pdf_metadata(cairo_surface_t *sf, const struct render_meta *meta)
{
	static const struct { size_t off; cairo_pdf_metadata_t key; } keys[] = {
		{ offsetof(struct render_meta, title), CAIRO_PDF_METADATA_TITLE },
		{ offsetof(struct render_meta, author),
		    CAIRO_PDF_METADATA_AUTHOR },
		{ offsetof(struct render_meta, subject),
		    CAIRO_PDF_METADATA_SUBJECT },
		{ offsetof(struct render_meta, keywords),
		    CAIRO_PDF_METADATA_KEYWORDS },
		{ offsetof(struct render_meta, date),
		    CAIRO_PDF_METADATA_CREATE_DATE },
		{ offsetof(struct render_meta, date),
		    CAIRO_PDF_METADATA_MOD_DATE },
	};
	size_t i;

	if (meta == NULL)
		return;
	/* Cairo 1.16 stamps the clock time unless told a date; the date
	 * comes from SOURCE_DATE_EPOCH or the dataset, never the clock. */
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = *(const char *const *)(const void *)
		    ((const char *)meta + keys[i].off);

		if (v != NULL)
			cairo_pdf_surface_set_metadata(sf, keys[i].key, v);
	}
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    "regen " REGEN_VERSION);
}

/* The alternative texts of the Figures, in drawing order. */
static size_t
figure_alts(const struct scene *const *pages, size_t n, const char **alts,
    size_t cap)
{
	size_t i, j, k = 0;

	for (i = 0; i < n; i++)
		for (j = 0; j < pages[i]->n; j++) {
			const struct scene_item *it = &pages[i]->items[j];

			if (it->kind == SCENE_TAG_BEGIN &&
			    strcmp(it->text, "Figure") == 0) {
				if (k < cap)
					alts[k] = it->key;
				k++;
			}
		}
	return k;
}

/* Whether the pages have structure elements (any tag but a destination),
 * so that Cairo writes a structure tree. */
static int
tagged(const struct scene *const *pages, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < pages[i]->n; j++)
			if (pages[i]->items[j].kind == SCENE_TAG_BEGIN &&
			    strcmp(pages[i]->items[j].text,
			    CAIRO_TAG_DEST) != 0)
				return 1;
	return 0;
}

/* The incremental update of render_pdf.c, applied to the PDF that
 * starts at start in out (render_pdf_patch works on a whole file).
 * Returns 0, or -1 with *err (caller frees) and out as it was. */
static int
patch(struct buf *out, size_t start, const struct scene *const *pages, size_t n,
    const struct render_meta *meta, char **err)
{
	size_t cap = figure_alts(pages, n, NULL, 0);
	const char **alts = xcalloc(cap, sizeof(*alts));
	struct buf one;
	size_t nalts = figure_alts(pages, n, alts, cap);
	int rc;

	buf_init(&one);
	buf_add(&one, out->data + start, out->len - start);
	rc = render_pdf_patch(&one, meta && meta->lang ? meta->lang : "en",
	    tagged(pages, n), alts, nalts, err);
	if (rc == 0) {
		out->len = start;
		buf_add(out, one.data, one.len);
	}
	buf_free(&one);
	free(alts);
	return rc;
}

int
render_pdf_pages(const struct scene *const *pages, size_t n,
    const struct render_outline *outline, size_t noutline,
    struct text_ctx *tc, const struct render_meta *meta, struct buf *out,
    char **err)
{
	struct render_fonts *fs;
	cairo_surface_t *sf;
	cairo_t *cr;
	size_t i, start;
	char *dest;
	int rc;

	*err = NULL;
	if (n == 0) {
		*err = xstrdup("no pages to render");
		return -1;
	}
	/* before drawing: the patch must be able to tag what is drawn */
	if (render_pdf_cairo_check(CAIRO_VERSION, cairo_version(), err) == -1)
		return -1;
	start = out->len;	/* Cairo writes as it goes */
	sf = cairo_pdf_surface_create_for_stream(to_buf, out, pages[0]->w,
	    pages[0]->h);
	cairo_pdf_surface_restrict_to_version(sf, CAIRO_PDF_VERSION_1_5);
	set_pdf_metadata(sf, meta);
	fs = pdf_fonts(pages, n, tc);
	cr = cairo_create(sf);
	for (i = 0; i < n; i++) {
		if (i > 0 && (pages[i]->w != pages[i - 1]->w ||
		    pages[i]->h != pages[i - 1]->h))
			cairo_pdf_surface_set_size(sf, pages[i]->w,
			    pages[i]->h);
		draw_scene(cr, pages[i], tc, fs);
		cairo_show_page(cr);
	}
	for (i = 0; i < noutline; i++) {
		dest = xasprintf("page=%d pos=[0 %.2f]", outline[i].page,
		    outline[i].y);
		cairo_pdf_surface_add_outline(sf, CAIRO_PDF_OUTLINE_ROOT,
		    outline[i].title, dest, 0);
		free(dest);
	}
	rc = finish(sf, cr, err);
	render_fonts_free(fs);	/* after Cairo wrote the fonts */
	if (rc == -1)
		return -1;
	return patch(out, start, pages, n, meta, err);
}

static int
render_pdf(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	const struct scene *one = s;

	(void)scale;
	return render_pdf_pages(&one, 1, NULL, 0, tc, meta, out, err);
}

/* The ids seen so far in one file; an id's number is its place + 1.  A
 * list: only --svg-text outline files have ids, a few hundred each. */
struct idlist {
	struct { const char *s; size_t len; } *id;	/* into the SVG */
	size_t		 n;
};

/* The number of id s (1, 2, ... in order of first sight). */
static size_t
id_number(struct idlist *l, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->id[i].len == len && memcmp(l->id[i].s, s, len) == 0)
			return i + 1;
	l->id = xreallocarray(l->id, l->n + 1, sizeof(*l->id));
	l->id[l->n].s = s;
	l->id[l->n].len = len;
	return ++l->n;
}

/* The kind of Cairo id that starts at p (before end), or -1. */
static int
id_kind(const char *p, const char *end, const char *const *kinds)
{
	size_t kl;
	int k;

	for (k = 0; kinds[k] != NULL; k++) {
		kl = strlen(kinds[k]);
		if ((size_t)(end - p) > kl && memcmp(p, kinds[k], kl) == 0 &&
		    p[kl] >= '0' && p[kl] <= '9')
			return k;
	}
	return -1;
}

/*
 * Cairo names SVG ids from process-wide counters ("surface37",
 * "glyph2-5"), so the same page gets other ids in another process (a
 * build with -j) and two charts inlined in one page share ids.  Rename
 * every id, and every reference to one, to prefix-KIND-N numbered in
 * order of first appearance in this file.  An id starts after id=" or
 * after #; the text between ids is copied in whole runs.
 */
static void
normalize_ids(struct buf *b, size_t start, const char *prefix)
{
	static const char *const kinds[] = { "surface", "glyph", "clip",
	    "mask", "pattern", "image", "linear", "radial", "source", NULL };
	const char *text = b->data, *end = b->data + b->len, *p, *run, *q;
	struct idlist ids = { NULL, 0 };
	struct buf out;
	int k;

	buf_init(&out);
	run = text;
	for (p = text + start; p < end; p++) {
		if (!(*p == '#' || (*p == '"' && p - text >= 3 &&
		    memcmp(p - 3, "id=", 3) == 0)))
			continue;
		if ((k = id_kind(p + 1, end, kinds)) < 0)
			continue;
		/* the whole token: letters, digits and '-' */
		for (q = p + 1; q < end && ((*q >= '0' && *q <= '9') ||
		    *q == '-' || (*q >= 'a' && *q <= 'z')); q++)
			;
		buf_add(&out, run, (size_t)(p + 1 - run));
		buf_printf(&out, "%s-%s%zu", prefix, kinds[k],
		    id_number(&ids, p + 1, (size_t)(q - p - 1)));
		run = q;
		p = q - 1;
	}
	buf_add(&out, run, (size_t)(end - run));
	free(ids.id);
	buf_free(b);
	*b = out;
}

static int
render_svg(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	cairo_surface_t *sf;
	cairo_t *cr;
	size_t start = out->len;

	(void)scale;
	if (meta == NULL || !meta->svg_outline)
		return render_svg_native(s, tc, meta, out);
	(void)err;
	sf = cairo_svg_surface_create_for_stream(to_buf, out, s->w, s->h);
	cairo_svg_surface_restrict_to_version(sf, CAIRO_SVG_VERSION_1_1);
	cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PX);
	cr = cairo_create(sf);
	draw_scene(cr, s, tc, NULL);
	if (finish(sf, cr, err) == -1)
		return -1;
	normalize_ids(out, start, meta && meta->id_prefix ? meta->id_prefix :
	    s->id);
	return 0;
}

/*
 * Rows drawn at a time: a @2x chart (1600 x 1000) is a 6.4 MB image; a
 * band is 800 KB.  Each band draws the whole scene, clipped to it; the
 * pixels are the same, as the bands move by whole pixels.  It pays, by
 * more than the 10% of a make bench case that hand-written code must
 * gain: one chart's PNGs (1x and @2x) drawn whole took 102 ms and 22.0
 * MB at peak, in bands 77 ms and 16.5 MB (medians of 40 interleaved
 * runs, with libpng), and the default run's peak is 47.8 MB, not 53.2.
 */
#define PNG_BAND	128

static int
render_png(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	int w = (int)(s->w * scale + 0.5), h = (int)(s->h * scale + 0.5);
	int band = h < PNG_BAND ? h : PNG_BAND, y;
	struct png_writer *pw;
	cairo_surface_t *sf;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	cairo_t *cr;

	(void)meta;
	if ((pw = render_png_begin(w, h, scale, err)) == NULL)
		return -1;
	sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, band);
	for (y = 0; y < h; y += band) {
		cr = cairo_create(sf);
		/* black, as a new image is: the band before is still there */
		cairo_set_operator(cr, CAIRO_OPERATOR_CLEAR);
		cairo_paint(cr);
		cairo_set_operator(cr, CAIRO_OPERATOR_OVER);
		cairo_translate(cr, 0, -y);
		cairo_scale(cr, scale, scale);
		draw_scene(cr, s, tc, NULL);
		st = cairo_status(cr);
		cairo_destroy(cr);
		if (st != CAIRO_STATUS_SUCCESS)
			break;
		cairo_surface_flush(sf);
		render_png_rows(pw, cairo_image_surface_get_data(sf),
		    h - y < band ? h - y : band,
		    cairo_image_surface_get_stride(sf));
	}
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		render_png_abandon(pw);
		*err = xasprintf("cairo: %s", cairo_status_to_string(st));
		return -1;
	}
	return render_png_end(pw, out, err);
}

static int
render_dump(const struct scene *s, double scale, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out, char **err)
{
	(void)scale;
	(void)tc;
	(void)meta;
	(void)err;
	scene_dump(s, out);
	return 0;
}

static const struct {
	const char	*name;
	int		(*render)(const struct scene *, double,
			    struct text_ctx *, const struct render_meta *,
			    struct buf *, char **);
} backends[RENDER__MAX] = {
	{ "svg", render_svg },
	{ "pdf", render_pdf },
	{ "png", render_png },
	{ "scene", render_dump },
	{ "html", NULL },	/* briefings only: html.h */
};

int
render_format_from_name(const char *s)
{
	int f;

	for (f = 0; f < RENDER__MAX; f++)
		if (strcmp(backends[f].name, s) == 0)
			return f;
	return -1;
}

int
render_scene(const struct scene *s, enum render_format f, double scale,
    struct text_ctx *tc, const struct render_meta *meta, struct buf *out,
    char **err)
{
	*err = NULL;
	if (backends[f].render == NULL) {
		*err = xasprintf("a scene has no %s form", backends[f].name);
		return -1;
	}
	return backends[f].render(s, scale, tc, meta, out, err);
}
