/*
 * render_svg: a native SVG writer for scenes: charts and document pages.
 *
 * Cairo 1.16's SVG surface sets every glyph as an outline (<symbol> and
 * <use>), which slide software cannot edit or search, and it is slow: a
 * page of the briefing took 400-800 KB and a third of the default run's
 * instructions, most in printf of outline coordinates.  This writer emits
 * the same scene as editable <text> with a font-family fallback list,
 * rich text (bold, italic, links) as <tspan> and <a>, plain <rect>/<line>
 * with hex colours as presentation attributes (no CSS, no <symbol>, no
 * foreignObject), <title> (and for charts <desc>) for screen readers, ids
 * prefixed per file, and numbers written without the locale.  Line breaks
 * and positions come from the same Pango measurement as the PDF, so a
 * line that fits there fits here.
 */
#include <string.h>

#include "fmt.h"
#include "render.h"
#include "util.h"

#define FONTS_EN "Noto Sans, Arial, Liberation Sans, DejaVu Sans, sans-serif"
#define FONTS_ZH "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, " \
	"PingFang SC, sans-serif"

/* A number: two decimals at most, no trailing zeros, never "-0". */
static const char *
num(char s[FMT_MAX], double v)
{
	size_t n;

	fmt_number(s, FMT_MAX, v, 2, NULL);
	n = strlen(s);
	if (strchr(s, '.') != NULL) {
		while (s[n - 1] == '0')
			s[--n] = '\0';
		if (s[n - 1] == '.')
			s[--n] = '\0';
	}
	return s;
}

/* name="v" (v needs no escaping): pieces added, not printf (a chart
 * has hundreds) */
static void
attr(struct buf *b, const char *name, const char *v, size_t len)
{
	buf_add(b, " ", 1);
	buf_adds(b, name);
	buf_add(b, "=\"", 2);
	buf_add(b, v, len);
	buf_add(b, "\"", 1);
}

static void
coord(struct buf *b, const char *name, double v)
{
	char s[FMT_MAX];

	num(s, v);
	attr(b, name, s, strlen(s));
}

static void
colour(struct buf *b, const char *name, uint32_t rgb)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[8];
	int i;

	s[0] = '#';
	for (i = 0; i < 6; i++)
		s[1 + i] = hex[(rgb >> (20 - 4 * i)) & 0xF];
	attr(b, name, s, 7);
}

static void emit_lines(struct buf *, const struct scene_item *,
    const struct text_lines *, int);

/* One <text> per line of a (possibly wrapped) text item. */
static void
text_item(struct buf *b, const struct scene_item *it, struct text_ctx *tc)
{
	struct text_lines tl;
	size_t zero = 0;
	int zh = it->style.lang == LANG_ZH;

	if (it->wrap <= 0 && it->nspans == 0) {
		/* one line: its baseline is part of the (memoised) measure */
		struct text_extent e = text_measure(tc, it->text, &it->style,
		    0);

		tl.n = 1;
		tl.start = &zero;
		tl.baseline = &e.baseline;
		tl.bottom = NULL;
		emit_lines(b, it, &tl, zh);
		return;
	}
	text_lines(tc, it->text, it->spans, it->nspans, &it->style, it->wrap,
	    &tl);
	emit_lines(b, it, &tl, zh);
	text_lines_free(&tl);
}

/* The flags of the spans covering byte i, and the link there. */
static unsigned
flags_at(const struct scene_item *it, size_t i, const char **href)
{
	unsigned f = 0;
	size_t k;

	*href = NULL;
	for (k = 0; k < it->nspans; k++)
		if (it->spans[k].start <= i && i < it->spans[k].end) {
			f |= it->spans[k].flags;
			if ((it->spans[k].flags & SPAN_LINK) &&
			    it->spans[k].href != NULL)
				*href = it->spans[k].href;
		}
	return f;
}

/* The end of the run of equal styling that starts at i (before end). */
static size_t
run_end(const struct scene_item *it, size_t i, size_t end)
{
	size_t k, e = end;

	for (k = 0; k < it->nspans; k++) {
		if (it->spans[k].start > i && it->spans[k].start < e)
			e = it->spans[k].start;
		if (it->spans[k].end > i && it->spans[k].end < e)
			e = it->spans[k].end;
	}
	return e;
}

/*
 * The text of bytes [i, end) of a rich text: plain runs as they are,
 * styled runs as <tspan>, links as <a> around one (internal links to the
 * sources point into the PDF's pages and stay plain text, as drawn).
 */
static void
rich_runs(struct buf *b, const struct scene_item *it, size_t i, size_t end)
{
	const char *href;
	unsigned f;
	size_t e;

	for (; i < end; i = e) {
		e = run_end(it, i, end);
		f = flags_at(it, i, &href);
		if (href != NULL) {
			buf_adds(b, "<a xlink:href=\"");
			buf_add_xml(b, href, (size_t)-1);
			buf_adds(b, "\">");
		}
		if (f & (SPAN_BOLD | SPAN_ITALIC | SPAN_LINK)) {
			buf_adds(b, "<tspan");
			if (f & SPAN_BOLD)
				buf_adds(b, " font-weight=\"bold\"");
			if (f & SPAN_ITALIC)
				buf_adds(b, " font-style=\"italic\"");
			if (f & SPAN_LINK) {
				colour(b, "fill", TEXT_RGB_LINK);
				buf_adds(b, " text-decoration=\"underline\"");
			}
			buf_adds(b, ">");
		}
		buf_add_xml(b, it->text + i, e - i);
		if (f & (SPAN_BOLD | SPAN_ITALIC | SPAN_LINK))
			buf_adds(b, "</tspan>");
		if (href != NULL)
			buf_adds(b, "</a>");
	}
}

/* The <text> elements of the lines of a text item. */
static void
emit_lines(struct buf *b, const struct scene_item *it,
    const struct text_lines *tl_, int zh)
{
	const struct text_lines tl = *tl_;
	size_t i, end;

	for (i = 0; i < tl.n; i++) {
		end = i + 1 < tl.n ? tl.start[i + 1] : strlen(it->text);
		while (end > tl.start[i] && (it->text[end - 1] == ' ' ||
		    it->text[end - 1] == '\n'))
			end--;
		buf_adds(b, "<text");
		if (it->style.align_right) {
			coord(b, "x", it->x + it->w);
			buf_adds(b, " text-anchor=\"end\"");
		} else
			coord(b, "x", it->x);
		coord(b, "y", it->y + tl.baseline[i]);
		buf_adds(b, zh ? " font-family=\"" FONTS_ZH "\"" :
		    " font-family=\"" FONTS_EN "\"");
		coord(b, "font-size", it->style.size);
		if (it->style.bold)
			buf_adds(b, " font-weight=\"bold\"");
		colour(b, "fill", it->rgb);
		if (zh)
			buf_adds(b, " xml:lang=\"zh-CN\"");
		buf_adds(b, ">");
		rich_runs(b, it, tl.start[i], end);
		buf_adds(b, "</text>\n");
	}
}

/* 1 if a text of s links to a web address (<a> needs xlink). */
static int
has_links(const struct scene *s)
{
	size_t i, k;

	for (i = 0; i < s->n; i++)
		for (k = 0; k < s->items[i].nspans; k++)
			if (s->items[i].spans[k].flags & SPAN_LINK)
				return 1;
	return 0;
}

int
render_svg_native(const struct scene *s, struct text_ctx *tc,
    const struct render_meta *meta, struct buf *out)
{
	const struct scene_item *it;
	char w[FMT_MAX], h[FMT_MAX];
	const char *idp = meta != NULL && meta->id_prefix != NULL ?
	    meta->id_prefix : s->id;
	const char *title = meta != NULL && meta->title != NULL ?
	    meta->title : s->title != NULL ? s->title : s->id;
	int inl = meta != NULL && meta->svg_inline;
	size_t i;

	if (!inl)
		buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	if (has_links(s))
		buf_adds(out, " xmlns:xlink=\"http://www.w3.org/1999/xlink\"");
	num(w, s->w);
	num(h, s->h);
	/* inline, the page's style sheet sizes it; the viewBox keeps its
	 * proportions */
	if (!inl)
		buf_printf(out, " version=\"1.1\" width=\"%spx\" "
		    "height=\"%spx\"", w, h);
	buf_printf(out, " viewBox=\"0 0 %s %s\"", w, h);
	/* a chart is one image with a summary; a page is text to read */
	if (s->desc != NULL)
		buf_printf(out, " role=\"img\" aria-labelledby=\"%s-title "
		    "%s-desc\"", idp, idp);
	if (s->lang == LANG_ZH && !inl)
		buf_adds(out, " xml:lang=\"zh-CN\"");
	buf_adds(out, ">\n");
	buf_printf(out, "<title id=\"%s-title\">", idp);
	buf_add_xml(out, title, (size_t)-1);
	buf_adds(out, "</title>\n");
	if (s->desc != NULL) {
		buf_printf(out, "<desc id=\"%s-desc\">", idp);
		buf_add_xml(out, s->desc, (size_t)-1);
		buf_adds(out, "</desc>\n");
	}
	for (i = 0; i < s->n; i++) {
		it = &s->items[i];
		switch (it->kind) {
		case SCENE_RECT:
			buf_adds(out, "<rect");
			coord(out, "x", it->x);
			coord(out, "y", it->y);
			coord(out, "width", it->w);
			coord(out, "height", it->h);
			colour(out, "fill", it->rgb);
			buf_adds(out, "/>\n");
			break;
		case SCENE_LINE:
			buf_adds(out, "<line");
			coord(out, "x1", it->x);
			coord(out, "y1", it->y);
			coord(out, "x2", it->x2);
			coord(out, "y2", it->y2);
			colour(out, "stroke", it->rgb);
			coord(out, "stroke-width", it->line_width);
			buf_adds(out, "/>\n");
			break;
		case SCENE_TEXT:
			text_item(out, it, tc);
			break;
		case SCENE_TAG_BEGIN:
		case SCENE_TAG_END:
			break;	/* structure is for tagged PDF */
		}
	}
	buf_adds(out, "</svg>\n");
	return 0;
}
