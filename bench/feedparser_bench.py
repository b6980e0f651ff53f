"""Times Debian's python3-feedparser on a list of feed files (one path per line on stdin).

Prints one line per round: the per-file median and the total, wall and CPU time, in the format parse-vs-feedparser.sh
reads. Each file is read into memory first, so only parsing is timed, as on the Java side.
"""
import statistics
import sys
import time

import feedparser


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    documents = []
    for line in sys.stdin:
        path = line.rstrip("\n")
        if path:
            with open(path, "rb") as f:
                documents.append(f.read())
    for _ in range(rounds):
        times = []
        cpu_times = []
        for body in documents:
            start = time.perf_counter()
            cpu_start = time.thread_time()
            try:
                feedparser.parse(body)
            except Exception:  # noqa: BLE001 - a crash still cost its time
                pass
            cpu_times.append(time.thread_time() - cpu_start)
            times.append(time.perf_counter() - start)
        print(
            "feedparser files=%d median_ms=%.4f total_ms=%.1f cpu_median_ms=%.4f cpu_total_ms=%.1f"
            % (
                len(times),
                statistics.median(times) * 1000,
                sum(times) * 1000,
                statistics.median(cpu_times) * 1000,
                sum(cpu_times) * 1000,
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
