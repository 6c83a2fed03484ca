"""``--feeds FILE``: an OPML export (every ``outline`` with an ``xmlUrl``) or one URL a line (lines starting with ``#`` are comments)."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from service.fetch.feeds import xml_parser


def read_feed_list(path: Path) -> list[str]:
    """Feed URLs in file order, without repeats; ``ValueError`` if the file holds none."""
    data = path.read_bytes()
    head = data.lstrip()[:200].lower()
    if head.startswith(b"<?xml") or head.startswith(b"<opml"):
        try:
            root = etree.fromstring(data, parser=xml_parser())
        except etree.XMLSyntaxError as exc:
            raise ValueError(f"{path} looks like OPML but is not well-formed XML: {exc}") from None
        urls = [o.get("xmlUrl", "").strip() for o in root.iter("outline") if o.get("xmlUrl")]
    else:
        lines = (line.strip() for line in data.decode("utf-8-sig", errors="replace").splitlines())
        urls = [line for line in lines if line and not line.startswith("#")]
    urls = list(dict.fromkeys(u for u in urls if u))
    if not urls:
        raise ValueError(f"{path} lists no feeds (give an OPML file or one URL a line)")
    return urls
