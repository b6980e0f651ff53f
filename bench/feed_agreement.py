"""Compares Tocsin's parse of each feed fixture with Debian's python3-feedparser, field by field.

Usage: feed_agreement.py CORPORA OURS.jsonl [--list]
OURS.jsonl is FirstItemDump's output (one line per file, paths relative to CORPORA). Each file is
parsed here with feedparser from its bytes alone (as Debian's baseline in the corpora was made); the
Java side is told a document URI, and feedparser's relative links are resolved against that URI. Fields compared on the first item, for feeds feedparser reads cleanly
(bozo == 0) with at least one entry: title, link, id, date, author and content. Both sides are put
in the same shape first: feedparser keeps markup in titles and content, Tocsin gives clean text, so
tags are stripped, entities decoded and whitespace collapsed; relative URIs resolve against the
document URI; dates compare as UTC instants; content compares as word sets (Jaccard >= 0.9).
With --list, every disagreement is printed, one tab-separated line each.
"""
import calendar
import html
import json
import re
import sys
import urllib.parse

import feedparser

FIELDS = ("title", "link", "id", "date", "author", "content")
TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
WORD = re.compile(r"\w+")
EMAIL_SUFFIX = re.compile(r"\s*\([^()]*@[^()]*\)$")


def document_uri(name):
    """The URI both sides parse a fixture as fetched from (feedparser's harness URI for its own)."""
    prefix = "feeds/feedparser/"
    path = name[len(prefix):] if name.startswith(prefix) else name
    return "http://127.0.0.1:8097/" + urllib.parse.quote(path)


def collapse(text):
    return SPACE.sub(" ", text or "").strip()


def clean(text):
    return collapse(html.unescape(TAG.sub(" ", text or "")))


def escape(link):
    """Percent-encodes what RFC 3986 does not allow in a link, as browsers (and Tocsin) do."""
    scheme, colon, rest = link.partition(":")
    link = scheme.lower() + colon + rest if colon and scheme.isalpha() else link
    return urllib.parse.quote(link, safe="%:/?#@!$&'()*+,;=~-._")


def words(text):
    return set(w.lower() for w in WORD.findall(text or ""))


def theirs(corpora, name):
    with open(corpora + "/" + name, "rb") as f:
        body = f.read()
    try:
        d = feedparser.parse(body)
    except Exception as e:  # noqa: BLE001 - a crash is reported as such
        return {"crash": repr(e)}
    out = {"bozo": bool(d.bozo), "n_entries": len(d.entries)}
    if d.entries:
        e = d.entries[0]
        parsed = e.get("published_parsed") or e.get("updated_parsed") or e.get("created_parsed")
        content = e.get("content")
        out.update(
            title=e.get("title"),
            link=e.get("link"),
            id=e.get("id"),
            date=calendar.timegm(parsed) if parsed else None,
            author=e.get("author"),
            content=content[0].get("value") if content else e.get("summary"),
        )
    return out


def agree(field, ours, their, base):
    o, t = ours.get(field), their.get(field)
    if field == "date":
        o = calendar.timegm(__import__("time").strptime(o[:19], "%Y-%m-%dT%H:%M:%S")) if o else None
        return o == t
    if field == "title":
        return collapse(o) == clean(t) or collapse(o) == collapse(t)
    if field == "link":
        if not t:
            return not o
        return escape(o or "") == escape(urllib.parse.urljoin(base, t.strip()))
    if field == "id":
        return collapse(o) == collapse(t)
    if field == "author":
        # feedparser writes "Name (email)"; Tocsin gives the name, and joins several with ", "
        name = EMAIL_SUFFIX.sub("", clean(t))
        return clean(o) == clean(t) or (bool(name) and name in clean(o).split(", "))
    if field == "content":
        a, b = words(o), words(clean(t))
        if not a and not b:
            return True
        return len(a & b) / max(1, len(a | b)) >= 0.9
    raise ValueError(field)


def main():
    corpora, ours_path = sys.argv[1], sys.argv[2]
    listing = "--list" in sys.argv[3:]
    counts = {f: [0, 0] for f in FIELDS}
    clean_feeds = 0
    derived = 0
    for line in open(ours_path, encoding="utf-8"):
        ours = json.loads(line)
        name = ours["file"]
        their = theirs(corpora, name)
        if their.get("crash") or their["bozo"] or not their["n_entries"]:
            continue
        clean_feeds += 1
        for field in FIELDS:
            if field == "title" and not their.get("title"):
                derived += bool(ours.get("title"))
                continue  # an item without a title gets one derived from its text, by design
            if field in ("author", "content", "id", "date") and not their.get(field) and not ours.get(field):
                continue
            counts[field][1] += 1
            if "error" not in ours and agree(field, ours, their, document_uri(name)):
                counts[field][0] += 1
            elif listing:
                got = ours.get("error") if "error" in ours else ours.get(field)
                print("\t".join([field, name, repr(their.get(field))[:160], repr(got)[:160]]))
    print("feeds feedparser reads cleanly (bozo == 0) with an entry: %d" % clean_feeds)
    print("  first items without a title (compared: no; Tocsin derives one from the text): %d" % derived)
    for field in FIELDS:
        ok, n = counts[field]
        print("  first item %-8s %5d / %5d agree  %6.2f%%" % (field, ok, n, 100.0 * ok / max(1, n)))


if __name__ == "__main__":
    main()
