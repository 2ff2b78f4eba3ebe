"""How often Python's cycle collector runs, in both programs (``popup-pos`` and ``popup-hub``).

Both parse and build records by the thousand: a pulled page is 1,000 feed
entries, a pushed batch 500 records, each a handful of dicts, models and
tuples that live until their page or batch is written. With Python's default
threshold (a young collection every 700 new container objects) the collector
ran many times per page, and every hundredth run went through everything the
program held, the pages waiting to be written included: a quarter of the
till's CPU in a first pull of 100,000 products, a fifth of a push's time on the
hub (docs/pull.md, "The cycle collector"; docs/push_throughput.md). These
programs seldom make reference cycles (a page's objects are freed by reference
counting once it is written), so collecting less often holds no more memory
than a few thousand objects waiting for the next run.
"""

from __future__ import annotations

import gc

# New container objects between two young collections (Python's default: 700). The older
# generations keep Python's ratios. A first pull of 100,000 products took the same CPU with
# 10,000 and with 20,000, and 10 % more with 5,000.
YOUNG_THRESHOLD = 20_000


def tune_collector() -> None:
    """Set at each program's start; the benchmarks set it too, for the product and its floor alike."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def freeze_startup_objects() -> None:
    """For a server, once it has built its app: what exists now lives as long as the process, so it is
    kept out of the collector's sight and full collections walk only what requests make
    (docs/push_throughput.md)."""
    gc.collect()
    gc.freeze()
