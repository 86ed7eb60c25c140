/*
 * words: the fixed words of each language (words.h).
 */
#include <string.h>

#include "util.h"
#include "words.h"

static const struct {
	const char	*en;
	const char	*zh;
} words[W__MAX] = {
	[W_REST] = { "Rest of world", "世界其他地区" },
	[W_NA] = { "n/a", "无数据" },
	[W_LIST_SEP] = { ", ", "、" },
	[W_NOTE_SEP] = { " ", "" },
	[W_MORE_THAN] = { "more than {v}", "超过{v}" },
	[W_TITLE_RANKED] = { "{series}, {year} ({unit})",
	    "{year}年{series}（{unit}）" },
	[W_TITLE_RANKED_SHARE] = { "{series}, {year} ({unit}) and share of "
	    "world total", "{year}年{series}（{unit}）及全球份额" },
	[W_SUB_RANKED] = { "{highlight}: {share} of {base}",
	    "{highlight}占{base}的{share}" },
	[W_TITLE_COLUMNS] = { "{totals}, {first}–{last} ({unit})",
	    "{first}—{last}年{totals}（{unit}）" },
	[W_TITLE_COLUMNS_ONE] = { "{totals}, {last} ({unit})",
	    "{last}年{totals}（{unit}）" },
	[W_TOTALS_DEFAULT] = { "World total: {series}", "全球合计：{series}" },
	[W_SUB_COLUMNS_ROSE] = { "{label} rose about {change} from {first} to "
	    "{last}",
	    "{first}年至{last}年增长约{change}" },
	[W_SUB_COLUMNS_FELL] = { "{label} fell about {change} from {first} to "
	    "{last}",
	    "{first}年至{last}年下降约{change}" },
	[W_TITLE_GROUPED] = { "{series}, {from} and {year} ({unit})",
	    "{from}年与{year}年{series}（{unit}）" },
	[W_SUB_GROUPED] = { "{lead}: {lead_from} to {lead_year} "
	    "({lead_change}); ranked by {year} values",
	    "{lead}：{lead_from}→{lead_year}（{lead_change}）；按{year}年{label}排序" },
	[W_SUB_GROUPED_NONE] = { "{lead}: {lead_year} in {year}, no figure "
	    "for {from}", "{lead}：{year}年{lead_year}；{from}年无数据" },
	[W_NOTE_GROUPED] = { "A missing bar means no figure for that year.",
	    "缺少的柱表示该年无数据。" },
	[W_TITLE_STACKED_ONE] = { "{entity}'s share of each stage of the "
	    "value chain (% of world)", "{entity}在产业链各环节的全球份额（%）" },
	[W_TITLE_STACKED] = { "Share of world output or capacity at each "
	    "stage of the value chain (%)", "产业链各环节的全球份额（%）" },
	[W_SUB_STACKED_RISING] = { "{entity}'s share rises along the chain, "
	    "from {first_share} of the first stage to {last_share} of the "
	    "last", "{entity}份额逐环节上升：从第一环节的{first_share}到最后环节的"
	    "{last_share}" },
	[W_SUB_STACKED_ONE] = { "{entity}'s share of world output or "
	    "capacity at each stage", "{entity}在各环节全球产出或产能中的份额" },
	[W_SUB_STACKED] = { "The share of the country named at each stage",
	    "各环节所列国家的份额" },
	[W_NOTE_STACKED_SOURCES] = { "Stages use different sources and "
	    "measures, so they are not one consistent series.",
	    "各环节数据来源与口径不同，并非同一序列。" },
	[W_LEGEND_NAMED] = { "Country named", "所列国家" },
	[W_STAGE_ROW] = { "{stage} ({year})", "{stage} ({year})" },
	[W_STAGE_ROW_ENTITY] = { "{stage}: {entity} ({year})",
	    "{stage}：{entity} ({year})" },
	[W_NOTE_MORE_THAN] = { "The world total is given only as more than "
	    "{total}; shares are of the sum of the countries listed.",
	    "全球总量超过{total}；份额按所列各国之和计算。" },
	[W_NOTE_ROUNDED] = { "Shares are of the rounded world total, "
	    "{total}; the countries listed sum to {sum}, so shares may not "
	    "add to 100%.", "份额按全球总量{total}计算（各国之和{sum}，因四舍五入可能"
	    "不等）。" },
	[W_NOTE_NA] = { "n/a (not available, not drawn as zero): {list}.",
	    "无数据：{list}。" },
	[W_NOTE_NO_HIGHLIGHT] = { "{missing} (highlighted) has no figure "
	    "for {year}.", "{missing}（突出显示）{year}年无数据。" },
	[W_HEAD_UNIT] = { "{label} ({symbol})", "{label}（{symbol}）" },
	[W_COUNTRY] = { "Country", "国家" },
	[W_SHARE_OF_WORLD] = { "Share of world", "全球占比" },
	[W_WORLD] = { "World", "全球" },
	[W_CHANGE] = { "Change", "变化" },
	[W_STAGE] = { "Stage", "环节" },
	[W_ENTITY_SHARE] = { "{entity}'s share", "{entity}份额" },
	[W_HELD_BY] = { "Held by", "所属" },
	[W_SHARE] = { "Share", "份额" },
	[W_YEAR] = { "Year", "年份" },
	[W_DATE] = { "Date", "日期" },
	[W_MEASURE] = { "Measure", "措施" },
	[W_ELEMENTS] = { "Elements", "元素" },
	[W_STATUS] = { "Status", "状态" },
	[W_STATUS_ON] = { "Status on {date}", "{date}状态" },
	[W_PREVIOUS_EDITION] = { "Previous edition", "上一版" },
	[W_THIS_EDITION] = { "This edition", "本版" },
	[W_CLAIM] = { "Claim in the press", "媒体说法" },
	[W_PRESS_FIGURE] = { "Press figure", "媒体数字" },
	[W_PRIMARY_FIGURE] = { "Primary figure", "权威数字" },
	[W_VERDICT] = { "Verdict", "核查结论" },
	[W_NUMBER_SIGN] = { "#", "#" },
	[W_SOURCE] = { "Source", "来源" },
	[W_IN_FORCE] = { "in force", "有效" },
	[W_SUSPENDED] = { "suspended", "暂停" },
	[W_LIFTED] = { "lifted", "已取消" },
	[W_IN_FORCE_UNTIL] = { "in force until {date}", "有效至{date}" },
	[W_SUSPENDED_UNTIL] = { "suspended until {date}", "暂停至{date}" },
	[W_IN_FORCE_LAPSED] = { "was in force until {date}; what followed "
	    "is not in this dataset", "有效期至{date}已届满；此后状态未收录" },
	[W_SUSPENDED_LAPSED] = { "was suspended until {date}; what followed "
	    "is not in this dataset", "暂停期至{date}已届满；此后状态未收录" },
	[W_STATUS_SINCE] = { "{status} since {date}", "自{date}起{status}" },
	[W_AGREES] = { "agrees", "一致" },
	[W_OUTDATED] = { "outdated", "已过时" },
	[W_DIFFERENT_BASIS] = { "different basis", "口径不同" },
	[W_DISAGREES] = { "disagrees", "不一致" },
	[W_UNVERIFIED] = { "unverified", "未核实" },
	[W_DATE_FORMAT] = { "{day} {month} {year}", "{year}年{month}{day}日" },
	[W_MONTH_1] = { "January", "1月" },
	[W_MONTH_2] = { "February", "2月" },
	[W_MONTH_3] = { "March", "3月" },
	[W_MONTH_4] = { "April", "4月" },
	[W_MONTH_5] = { "May", "5月" },
	[W_MONTH_6] = { "June", "6月" },
	[W_MONTH_7] = { "July", "7月" },
	[W_MONTH_8] = { "August", "8月" },
	[W_MONTH_9] = { "September", "9月" },
	[W_MONTH_10] = { "October", "10月" },
	[W_MONTH_11] = { "November", "11月" },
	[W_MONTH_12] = { "December", "12月" },
};

const char *
word(enum lang lang, enum word w)
{
	return lang == LANG_ZH ? words[w].zh : words[w].en;
}

char *
words_expand(const char *fmt, const struct word_arg *args, size_t nargs)
{
	struct buf b;
	const char *p = fmt, *close;
	size_t i;

	buf_init(&b);
	while (*p != '\0') {
		if (p[0] == '{' && p[1] == '{') {
			buf_add(&b, "{", 1);
			p += 2;
			continue;
		}
		if (p[0] != '{' || (close = strchr(p, '}')) == NULL) {
			size_t n = strcspn(p + 1, "{") + 1;

			buf_add(&b, p, n);
			p += n;
			continue;
		}
		for (i = 0; i < nargs; i++)
			if (strlen(args[i].name) == (size_t)(close - p - 1) &&
			    memcmp(args[i].name, p + 1, (size_t)(close - p - 1))
			    == 0)
				break;
		if (i < nargs && args[i].value != NULL)
			buf_adds(&b, args[i].value);
		else
			buf_add(&b, p, (size_t)(close - p + 1));
		p = close + 1;
	}
	return buf_release(&b);
}
