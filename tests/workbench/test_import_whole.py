"""HTML pages and pasted text read as a reader would: what is hidden or around the article
left out, words kept apart, text after a heading kept, the headline as the title; a
pasted article's title, byline and date found."""

from __future__ import annotations

from workbench.importers import article_from_text
from workbench.importers.html import parse_html, without_link_tail
from workbench.importers.webpage import headline, page_tree, with_kicker
from workbench.text.blocks import BlockSpec

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


STORY = "".join(f"<p class='paywall'>Paragraph {n} of the story: the delegation kept its "
                "position on the corridor and the inspection of every grain ship.</p>"
                for n in range(6))


def _page(body: str, head: str = "<title>Ports reopen | Harbour Wire</title>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_the_story_is_kept_whatever_its_boxes_are_called() -> None:
    """Paragraphs marked "paywall" and a story wrapped in an "advert-content" box are the
    article; comments, link lists, sidebars and donation boxes around it are not."""
    page = _page(f"""<div class="advert-content-wrap"><article><h1>Ports reopen</h1>{STORY}
    <aside><p>Fact box: the corridor carried 33 million tonnes in its first year.</p></aside>
    <div class="support-pay"><p>Donate to keep this site free.</p></div>
    </article></div>
    <div class="inline-article-recirc"><h3>More Must-Reads</h3><p>Read these next.</p></div>
    <ul><li><a href="/1">The struggle inside hospitals</a></li>
        <li><a href="/2">A fight to keep the front</a> (1 Nov)</li>
        <li><a href="/3">The future of democracy</a></li></ul>
    <aside class="block"><h2>Latest</h2><p>Another story entirely.</p></aside>
    <div class="box sf_comment_list"><p>Hace 28 minutos</p><p>{"A reader's long opinion. " * 8}
    </p></div>""")
    text = parse_html(page, "fallback").text
    assert text.count("Paragraph ") == 6
    assert "Fact box" in text  # a box inside the article is part of it
    for gone in ("Donate", "More Must-Reads", "Read these next", "struggle inside",
                 "Another story", "Hace 28", "long opinion"):
        assert gone not in text


def test_link_paragraphs_and_house_notices_are_left_out() -> None:
    """A "related stories" paragraph (a label, then a headline per line), a "follow us"
    box of addresses, and the notice above the comments that points to the site's
    rules: none is the article.  A paragraph that merely links inside its sentence,
    even to a page named "terms", stays."""
    page = _page(f"""<div class="story"><h1>Ports reopen</h1>{STORY}
    <p>Under the <a href="/news/ceasefire-terms">agreed terms</a>, ships sail on Monday.</p>
    <p><strong>Related stories</strong><br><a href="/a">Grain deal signed in July</a><br>
       <a href="/b">Inspectors wait at the port</a></p>
    <div>Follow us:<br>Facebook https://fb.me/harbourwire<br>X @harbourwire<br></div>
    <p>That decision was…</p>
    <div style="padding:10px"><p>We welcome debate. Read our <a
       href="/community_guidelines.html">rules</a> and <a href="/privacy.html">privacy
       policy</a> before you comment.</p><p>Opinions below are the readers' own.</p></div>
    <div class="fb-comments"></div></div>""")
    text = parse_html(page, "fallback").text
    assert "Under the agreed terms, ships sail on Monday." in text
    assert text.rstrip().endswith("That decision was…")
    for gone in ("Related stories", "Grain deal signed", "fb.me", "@harbourwire",
                 "We welcome debate", "readers' own"):
        assert gone not in text


def test_the_site_menu_after_a_paywalled_story_is_left_out() -> None:
    """A paywalled story is short, and the extractor may run on into the site's menu
    entries after it; entries that are, on the page, nothing but links are taken off
    the end (a linked phrase inside the story is not)."""
    root = page_tree(_page("""<p>That decision was… <a href="/x">Subscribe</a></p>
        <p class="box"><a href="/">Front page</a></p>
        <p><a href="/weather">Weather</a> <a href="/press">Press releases</a></p>"""))
    specs = [BlockSpec("paragraph", "Ports reopened on Monday."),
             BlockSpec("paragraph", "That decision was… Subscribe"),
             BlockSpec("paragraph", "Front page"), BlockSpec("paragraph", "Weather Press releases")]
    assert [s.text for s in without_link_tail(specs, root)] == [
        "Ports reopened on Monday.", "That decision was… Subscribe"]


def test_the_authors_are_people_and_the_outlet_is_not_the_headline() -> None:
    story = f"<article><h1>Ports reopen</h1>{STORY}</article>"
    publisher = parse_html(_page(story, '<title>Ports reopen</title>'
                                 '<meta name="author" content="Conde Nast; Tom Bennett">'
                                 '<meta name="copyright" content="(c) Conde Nast 2023">'
                                 '<meta property="og:site_name" content="WIRED">'), "x")
    assert publisher.meta["author"] == "Tom Bennett"
    assert publisher.meta["source"] == "WIRED"
    blog = parse_html(_page(story, '<title>Ports reopen</title>'
                            '<meta name="author" content="Jane Moss">'
                            '<meta name="copyright" content="2023 Jane Moss">'), "x")
    assert blog.meta["author"] == "Jane Moss"  # a blogger holds her own copyright
    drupal = parse_html(_page(
        '<article><h1>Ports reopen</h1><span class="submitted-by">Submitted on Mon, '
        f'2019-01-21 13:49</span>{STORY}</article>',
        '<title>Ports reopen</title><meta property="og:title" content="Ports reopen">'
        '<link rel="canonical" href="https://www.harbourwire.org/journal/80642">'), "x")
    assert drupal.meta.get("author", "") == ""
    assert drupal.meta["source"] == "harbourwire.org"


def test_the_lead_above_the_article_body_is_kept() -> None:
    """The extractor takes the box named as the article's body; the lead above it, often
    the key sentence, is put back before the body's first paragraph, once."""
    lead = "Rescuers found a fifth victim four days after the landslide buried homes."
    page = _page(f"""<article><h1>Landslide toll rises</h1><div class="article__info">
    <span>3 January 2021</span></div><div class="article__lead">{lead}</div>
    <div class="article__body">{STORY}</div></article>""")
    text = parse_html(page, "fallback").text
    assert text.count(lead) == 1
    assert text.index(lead) < text.index("Paragraph 0 of the story")
    assert "3 January 2021" not in text  # a date line is not a lead


def test_an_invisible_byte_order_mark_and_an_xml_declaration() -> None:
    page = ('<?xml version="1.0" encoding="utf-8"?>' + _page(
        f"<h1>Ports reopen</h1>\ufeff{STORY}<p>Cl\ufeffosing words of the article.</p>"
        "<div hidden><p>Hidden teaser text.</p></div>"))
    article = parse_html(page, "fallback")
    assert "\ufeff" not in article.text
    assert "Closing words" in article.text  # no invisible character splits the word
    assert "Hidden teaser" not in article.text  # cleaned although declared as XML
    assert article.title == "Ports reopen"


def test_the_headline_not_the_site_name() -> None:
    assert headline("Kyiv rejects terms | Harbour Wire", "Harbour Wire",
                    ["Kyiv rejects terms"]) == "Kyiv rejects terms"
    # Quotes curled in the heading, straight in the page's title: the same headline.
    assert headline("Gates on Russia: 'Being friendly' | CNN Politics", "CNN",
                    ["Harbour Wire", "Gates on Russia: \u2018Being friendly\u2019"]) == \
        "Gates on Russia: \u2018Being friendly\u2019"
    assert headline("Talks stall again | CNN Politics", "CNN", []) == "Talks stall again"
    assert headline("Talks stall -- Sott.net", "Sott.net", []) == "Talks stall"
    assert headline("Inspectors wait at the port » World » Harbour Wire", "",
                    ["Inspectors wait at the portHarbour Wire"]) == \
        "Inspectors wait at the port"
    assert headline("Harbour Wire - Talks stall again", "Harbour Wire", []) == \
        "Talks stall again"
    assert headline("Talks stall again", "", []) == "Talks stall again"


def test_the_headline_keeps_the_kicker_the_page_title_puts_before_it() -> None:
    page = _page(f"<article><h1>The nonstop sparring match at the court</h1>{STORY}</article>",
                 "<title>Alito and Prelogar: The nonstop sparring match at the court | CNN"
                 "</title><meta property='og:site_name' content='CNN'>")
    assert parse_html(page, "x").title == \
        "Alito and Prelogar: The nonstop sparring match at the court"
    # A site's tagline before a colon is not a kicker; nor is a sentence.
    assert with_kicker("Kate Henshaw stuns", "Nigeria's news platform: Kate Henshaw stuns",
                       "LinkNaija | Nigeria's news platform") == "Kate Henshaw stuns"
    assert with_kicker("Talks stall", "What the minister told the assembly on Friday "
                       "evening: Talks stall", "") == "Talks stall"


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
