"""Parses every feed file named on the command line with Debian's python3-feedparser, in one process.

The counterpart of `tocsin feeds parse FILE...` for the whole-process comparison in
parse-vs-feedparser.sh: start-up, reading and parsing all count. Prints how many files it read and how
many feedparser flagged (bozo) or could not parse.
"""
import sys

import feedparser


def main():
    bozo = 0
    for path in sys.argv[1:]:
        try:
            with open(path, "rb") as f:
                if feedparser.parse(f.read()).bozo:
                    bozo += 1
        except Exception:  # noqa: BLE001 - a crash on one file is that file's result
            bozo += 1
    print("feedparser files=%d bozo=%d" % (len(sys.argv) - 1, bozo))


if __name__ == "__main__":
    main()
