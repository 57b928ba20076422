"""Plain text: a title line, then paragraphs (blank-line separated, or one a
line), with the tables printed as text lifted out, page furniture (image
credits, share and tag labels, a font-size widget) left out, and HTML that
was stored escaped (`\\u003cp\\u003e…`) read as text."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from extractors.base import Document, ParseError
from extractors.formats.dates import byline_date, metadata_date, publication_date, strip_metadata
from extractors.formats.model import Text
from extractors.formats.normal import normalized
from extractors.formats.tabular import lift_tables

# Characters of text a document may show: a results announcement of a hundred pages shows about half a million;
# every reader scans the text several times, at about a second per million characters each time.
TEXT_CAP = 2_000_000
_ESCAPED_HTML = re.compile(r"\\u003c/?[a-z!]|&lt;/?(?:p|div|br|span)\b", re.I)
_JSON_ESCAPES = {'\\"': '"', "\\/": "/", "\\n": "\n", "\\t": " "}
_SENTENCE_END = re.compile(r"[.。!?！？]['\"’”)）]*$")
_BULLET = re.compile(r"^[•·\-–*]\s*")
# Page furniture, never a title or a paragraph: an image's credit ("Image: Onvo", "图片来源:乘联分会", "(相关资料图)") or
# caption ("A worker at an assembly line …, April 9, 2025. (Photo: Xinhua)"), a line of credits ("每经记者:某某 每经编辑:某某"),
# a label of nothing ("标签:", "分享到 :", "Don’t miss:"), a font-size widget ("+ ↺ − 16 px"), a logo's alt text, a
# filing's exhibit number ("Exhibit 99.1").
_FURNITURE = re.compile(
    r"[▲△]?\s*(?:(?:Image|Photo|Picture|Credit|图片来源|图源|圖片來源)\s*[:：][^\n.。]{0,50}"
    r"|[^\n]{0,400}\((?:Photo|Image|Picture)\s*[:/][^)\n]{0,40}\)"
    r"|[(（【]?(?:相关|相關)?(?:资料图|資料圖)片?[)）】]?"
    r"|(?:(?:每经|每經)?(?:记者|記者|编辑|編輯|责编|責編|责任编辑|責任編輯|作者)\s*[:：]\s*[^\s\d]{1,12}\s*){1,4}"
    r"|(?:字体|字體|标签|標籤|分享到|相关文章|相關文章|Don[’']t miss|Related|Tags|Share|最新影片|Published on)\s*[:：]?"
    r"|[+\-−↺↻⟲⟳A\s]*\d+\s?px|LOGO|More|Menu|Exhibit\s+\d{1,3}(?:\.\d{1,2})?)\s*",
    re.I,
)


def unescaped(text: str) -> str:
    """Text whose HTML was stored escaped, as the text that HTML shows; other text unchanged."""
    if not _ESCAPED_HTML.search(text):
        return text
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    for escape, char in _JSON_ESCAPES.items():
        text = text.replace(escape, char)
    soup = BeautifulSoup(html.unescape(text), "lxml")
    for block in soup.find_all(["p", "div", "br", "li", "tr", "h1", "h2", "h3"]):
        block.insert_after("\n")
    return soup.get_text()


_CHUNK = re.compile(r"^\s*(\d{1,3})、")


def _rejoined_chunks(lines: list[str]) -> list[str]:
    """A preview that printed its text in numbered chunks cut mid-word ("1、…over the same period of 2", "2、023Quarterly
    gross margin …") as the one text it was: three or more lines numbered 1, 2, 3 … of which all but the last are long
    and most end mid-sentence. A list numbered so ("1、…。") is left as it is."""
    numbered = [(i, int(m[1])) for i, line in enumerate(lines) if (m := _CHUNK.match(line))]
    if len(numbered) < 3 or [n for _, n in numbered] != list(range(1, len(numbered) + 1)):
        return lines
    at = [i for i, _ in numbered]
    if any(lines[j].strip() for a, b in zip(at, at[1:]) for j in range(a + 1, b)):
        return lines
    chunks = [_CHUNK.sub("", lines[i], count=1).strip() for i in at]
    cut = sum(1 for chunk in chunks[:-1] if not re.search(r"[.。!?！？:：;；]['\"’”)）]*$", chunk))
    if any(len(chunk) < 150 for chunk in chunks[:-1]) or cut * 2 <= len(chunks) - 1:
        return lines
    return [*lines[: at[0]], "".join(chunks), *lines[at[-1] + 1:]]


_MID_SENTENCE = re.compile(r"[\u4e00-\u9fff][,，、]$|，$")  # a Chinese paragraph never ends on a comma


def _blocks(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    if len(blocks) <= 2:
        blocks = [line.strip() for line in lines if line.strip()]
    joined: list[str] = []
    for block in blocks:  # a Chinese sentence the copy broke after a comma is one paragraph again
        if joined and _MID_SENTENCE.search(joined[-1]) and re.match(r"[\u4e00-\u9fff]", block):
            joined[-1] += block
        else:
            joined.append(block)
    return joined


def _headline(line: str) -> bool:
    return len(line) <= 160 and not _SENTENCE_END.search(line)


# A credit, never a headline: "作者|某某", "文 | 来源:某网 编辑: 某某", "撰文：某组"; a breadcrumb ("首页 > 国内新闻 > 正文");
# a wire's or a site's name alone ("GlobeNewswire (Europe)", "大公网").
_CREDIT = re.compile(
    r"(?:作者|文|来源|來源|编辑|編輯|记者|記者|撰文|编译|編譯|头图|頭圖|题图|題圖|图|圖|摄影|攝影|By)\s*[|｜丨:：]"
    r"|(?:首页|首頁|Home)\s*[>›»]"
    r"|(?:GlobeNewswire|PR\s?Newswire|Business Wire|Reuters|Xinhua|新华社)(?:\s*\([^)]{1,20}\))?\s*$"
    r"|[\u4e00-\u9fff]{1,6}[网網]\s*$",
    re.I,
)
_HEADLINE_WITHIN = 3  # blocks a headline may follow its page's credits and masthead in


def _site_name(line: str, url: str) -> bool:
    """A line that is the site's own name: its letters are the URL's host name ("Republic World", republicworld.com)."""
    host = re.sub(r"^www\d?\.", "", urlsplit(url).netloc.lower()).split(":")[0]
    name = re.sub(r"[^a-z0-9]", "", line.lower())
    return len(name) >= 4 and len(line.split()) <= 4 and bool(host) and name in host.replace(".", "").replace("-", "")


def _credit(line: str, url: str = "") -> bool:
    """A byline, credit or masthead line rather than a headline: one that prints a date and little else
    ("巨亨网编译某某 2025-11-14 04:00", "Updated 4 November 2025 at 19:31 IST"), a credit, or the site's name."""
    return bool(_CREDIT.match(line) or (len(line) <= 60 and byline_date(line)) or _site_name(line, url))


def _title(blocks: list[str], url: str = "") -> str:
    """The headline: the first block when it is one line that ends no sentence; a page's credits and masthead
    before it (a byline, "作者|某某", the site's name) are passed over, never taken for it."""
    for i, block in enumerate(blocks[:_HEADLINE_WITHIN]):
        first = _BULLET.sub("", block)
        if "\n" not in first and _credit(first.strip(), url):
            continue
        return first if len(blocks) > i + 1 and _headline(first) and "\n" not in first else ""
    return ""


def _masthead(blocks: list[str]) -> list[str]:
    """A first block of a few short lines none of which ends a sentence (a headline, its byline, date and source
    lines, the headline printed again) as the headline's block, then the rest's; the repeats of the headline dropped."""
    lines = [line.strip() for line in blocks[0].splitlines() if line.strip()] if blocks else []
    if not 2 <= len(lines) <= 6 or len(blocks) < 2 or not all(_headline(line) for line in lines):
        return blocks
    head = _BULLET.sub("", lines[0])
    rest = [line for line in lines[1:] if line.replace(head, "").strip()]
    return [lines[0], *(["\n".join(rest)] if rest else []), *blocks[1:]]


def text_of(doc: Document, shown: str, title: str = "", tables: tuple = (), published_on=None, original: str = "",
            created_on=None) -> Text:
    """The Text of plain text, or of the text a page of `doc` shows: `title`, `tables` ((rows, caption) pairs) and
    `published_on` when the page's markup gave them, `original` the document's own words; `created_on`
    (a file's creation date) dates it only when its text does not. A text over TEXT_CAP characters is a ParseError."""
    if len(shown) > TEXT_CAP:
        raise ParseError(doc, f"expected at most {TEXT_CAP:,} characters of text (TEXT_CAP); found {len(shown):,}")
    url = doc.url
    lines = unescaped(shown).splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip()), 0)
    metadata = metadata_date(lines[start]) if lines else None
    if metadata:
        lines[start] = strip_metadata(lines[start])
    lines, lifted = lift_tables(_rejoined_chunks(lines))
    lines = [line for line in lines if not _FURNITURE.fullmatch(line.strip())]
    blocks = _blocks(lines)
    if not title:
        blocks = _masthead(blocks)
        title = _title(blocks, url)
    paragraphs = [b for b in blocks if _BULLET.sub("", b) != title] if title else blocks
    opening = [line.strip() for line in lines if line.strip()]
    published_on = publication_date(opening, url, "\n".join(paragraphs), created_on, stated=metadata or published_on, title=title)
    found = [*tables, *lifted]
    return normalized(title, paragraphs, original or shown, published_on, [t for t, _ in found], [c for _, c in found])


def read(doc: Document) -> Text:
    return text_of(doc, doc.text)
