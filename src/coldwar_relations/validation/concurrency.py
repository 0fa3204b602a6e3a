"""Run one function in a forked process while the caller goes on (two cores, two stages)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager


@contextmanager
def background(fn, *args):
    """Yield a Future of ``fn(*args)``, run in a forked child where the platform can fork
    (the child inherits what is already imported), else run here, before the block."""
    if "fork" not in multiprocessing.get_all_start_methods():
        done: Future = Future()
        done.set_result(fn(*args))
        yield done
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        yield pool.submit(fn, *args)
