/*
 * render_svg: a native SVG writer for chart scenes, for slides.
 *
 * Cairo 1.16's SVG surface sets every glyph as an outline (<symbol> and
 * <use>), which slide software cannot edit or search.  This writer emits
 * the same scene as editable <text> with a font-family fallback list,
 * plain <rect>/<line> with hex colours as presentation attributes (no CSS,
 * no <symbol>, no foreignObject), <title> and <desc> for screen readers,
 * ids prefixed per chart, and numbers written without the locale.  Text
 * positions come from the same Pango measurement as the PDF, so labels
 * that fit there fit here.
 */
#include <string.h>

#include "fmt.h"
#include "render.h"
#include "util.h"

#define FONTS_EN "Noto Sans, Arial, Liberation Sans, DejaVu Sans, sans-serif"
#define FONTS_ZH "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, " \
	"PingFang SC, sans-serif"

/* A coordinate: two decimals at most, no trailing zeros, never "-0". */
static void
coord(struct buf *b, const char *name, double v)
{
	char s[FMT_MAX];
	size_t n;

	fmt_number(s, sizeof(s), v, 2, NULL);
	n = strlen(s);
	if (strchr(s, '.') != NULL) {
		while (n > 0 && s[n - 1] == '0')
			s[--n] = '\0';
		if (n > 0 && s[n - 1] == '.')
			s[--n] = '\0';
	}
	buf_printf(b, " %s=\"%s\"", name, s);
}

static void
escape(struct buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len && s[i] != '\0'; i++)
		switch (s[i]) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		default:
			/* XML 1.0 has no place for control characters */
			if ((unsigned char)s[i] < 0x20)
				buf_add(b, " ", 1);
			else
				buf_add(b, &s[i], 1);
		}
}

static void
colour(struct buf *b, const char *name, uint32_t rgb)
{
	buf_printf(b, " %s=\"#%06X\"", name, (unsigned)(rgb & 0xFFFFFF));
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

	if (it->wrap <= 0) {
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
	text_lines(tc, it->text, NULL, 0, &it->style, it->wrap, &tl);
	emit_lines(b, it, &tl, zh);
	text_lines_free(&tl);
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
		buf_printf(b, " font-family=\"%s\"", zh ? FONTS_ZH : FONTS_EN);
		coord(b, "font-size", it->style.size);
		if (it->style.bold)
			buf_adds(b, " font-weight=\"bold\"");
		colour(b, "fill", it->rgb);
		if (zh)
			buf_adds(b, " xml:lang=\"zh-CN\"");
		buf_adds(b, ">");
		escape(b, it->text + tl.start[i], end - tl.start[i]);
		buf_adds(b, "</text>\n");
	}
}

int
render_svg_native(const struct scene *s, struct text_ctx *tc,
    const char *idp, struct buf *out)
{
	const struct scene_item *it;
	size_t i;

	buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	buf_adds(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "version=\"1.1\"");
	buf_printf(out, " width=\"%spx\"", fmt_number((char[FMT_MAX]){ 0 },
	    FMT_MAX, s->w, 0, NULL));
	buf_printf(out, " height=\"%spx\"", fmt_number((char[FMT_MAX]){ 0 },
	    FMT_MAX, s->h, 0, NULL));
	buf_printf(out, " viewBox=\"0 0 %s", fmt_number((char[FMT_MAX]){ 0 },
	    FMT_MAX, s->w, 0, NULL));
	buf_printf(out, " %s\"", fmt_number((char[FMT_MAX]){ 0 }, FMT_MAX,
	    s->h, 0, NULL));
	buf_printf(out, " role=\"img\" aria-labelledby=\"%s-title %s-desc\"",
	    idp, idp);
	if (s->lang == LANG_ZH)
		buf_adds(out, " xml:lang=\"zh-CN\"");
	buf_adds(out, ">\n");
	buf_printf(out, "<title id=\"%s-title\">", idp);
	escape(out, s->title ? s->title : s->id, (size_t)-1);
	buf_printf(out, "</title>\n<desc id=\"%s-desc\">", idp);
	escape(out, s->desc ? s->desc : "", (size_t)-1);
	buf_adds(out, "</desc>\n");
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
