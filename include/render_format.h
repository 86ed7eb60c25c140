/*
 * render_format: the formats a scene can be rendered into, as a run
 * names them.  Apart from render.h, so that the stages before the
 * backends do not pull in cairo.h.
 */
#ifndef RENDER_FORMAT_H
#define RENDER_FORMAT_H

enum render_format {
	RENDER_SVG,
	RENDER_PDF,
	RENDER_PNG,
	RENDER_SCENE,
	RENDER_HTML,	/* a briefing's, not a scene's (html.h) */
	RENDER__MAX
};

#endif
