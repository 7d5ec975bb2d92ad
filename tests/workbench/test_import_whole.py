"""HTML pages and pasted text read as a reader would: what is hidden or around the article
left out, words kept apart, text after a heading kept, the headline as the title; a
pasted article's title, byline and date found."""

from __future__ import annotations

from workbench.importers import article_from_text
from workbench.importers.html import headline, parse_html
from workbench.text import BlockSpec

BODY = "".join(f"<p>Paragraph {n}: the delegation restated its position on the corridor and "
               "the inspections of grain ships, said officials familiar with the talks.</p>"
               for n in range(8))
PAGE = f"""<html><head><title>Kyiv rejects terms | Harbour Wire</title>
<meta property="og:site_name" content="Harbour Wire"></head><body>
<nav><a href="/">Home</a></nav>
<article><h1>Kyiv rejects terms</h1>
<p>The minister spoke on
Friday in
Geneva.</p>{BODY}
<p>Agreed.</p>
<h2>Next steps</h2>
Text right after the heading matters.
<p>One line<br>next line</p>
<p>Agreed.</p>
<div hidden><p>Hidden teaser text.</p></div>
<p style="display: none">Invisible paragraph text.</p>
<div class="video-player"><button>Play</button><span>00:00 / 02:31</span><span>Mute</span></div>
<div class="post-share"><p>Share the post</p><ul><li>Facebook</li><li>X</li></ul></div>
<p>The talks resume in April, officials said, and the grain must move.</p>
</article>
<aside class="more-news"><h3>More news</h3><ul><li><a href="/a">Other story one</a></li>
<li><a href="/b">Other story two</a></li></ul></aside>
</body></html>"""


def test_an_html_page_is_read_as_a_reader_sees_it() -> None:
    article = parse_html(PAGE, "page")
    text = article.text
    assert article.title == "Kyiv rejects terms"
    assert "The minister spoke on Friday in Geneva." in text  # source wraps are spaces
    assert "Text right after the heading matters." in text
    assert "One line next line" in text  # a line break keeps words apart
    assert text.count("Agreed.") == 2  # identical paragraphs both kept
    for gone in ("Hidden teaser", "Invisible paragraph", "02:31", "Share the post",
                 "Other story one"):
        assert gone not in text
    assert text.index("Next steps") < text.index("Text right after") < text.index("One line")


def test_the_headline_not_the_site_name() -> None:
    heading = [BlockSpec("heading", "Kyiv rejects terms")]
    assert headline("Kyiv rejects terms | Harbour Wire", "Harbour Wire", heading) == \
        "Kyiv rejects terms"
    assert headline("Harbour Wire - Talks stall again", "Harbour Wire", []) == \
        "Talks stall again"
    assert headline("Talks stall again", "", []) == "Talks stall again"


def test_a_pasted_article_gets_its_title_byline_and_date() -> None:
    article = article_from_text(
        "Kyiv Rejects Inspection Terms\nBy Jane Smith and Ali Demir, Harbour Wire\n"
        "Friday, 14 March 2026 10:32 GMT\n\nThe minister said on Friday that inspections "
        "by Russia were out of the question.")
    assert article.title == "Kyiv Rejects Inspection Terms"
    assert article.meta == {"author": "Jane Smith and Ali Demir", "source": "Harbour Wire",
                            "published": "2026-03-14"}


def test_a_pasted_paragraph_without_a_title_is_not_all_title() -> None:
    article = article_from_text(
        "The minister said on Friday that inspections by Russia were out of the question, "
        "and that the corridor would stay closed until the talks resume in April. Officials "
        "agreed.\n\nA second paragraph.")
    assert len(article.title) <= 121
    assert article.title.startswith("The minister said on Friday")
    assert article.text.startswith("The minister said on Friday")  # the text is all kept
