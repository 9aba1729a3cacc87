"""Alternating, repeated timing: every contender runs once per round, in turn."""

import time

import numpy as np

SETTLE = 0.3  # seconds of rest before each timed call (see ``alternate``)


def alternate(runners, repeats, inner, settle=SETTLE):
    """Time ``runner(inner)`` for each runner in turn, ``repeats`` rounds.

    Each timed call starts after ``settle`` seconds of rest. After a matrix product,
    OpenBLAS's threads keep spinning for about 2^28 cycles (its THREAD_TIMEOUT) and
    PyTorch's OpenMP threads spin as well; without the rest the previous contender's
    spinning threads take the cores from the next one. On 2 cores that slowed both
    contenders: numpy's large step by about 25 %, PyTorch's application step 2x.

    Parameters
    ----------
    runners : dict name -> callable(n) that runs n training steps
    repeats : rounds; each round runs every contender once, in the same process
    inner : steps per timed call (the time is divided by it)
    settle : seconds to rest before each timed call

    Returns
    -------
    dict name -> list of seconds per step, one per round
    """
    for run in runners.values():  # warm-up: first calls allocate and load kernels
        run(1)
    samples = {name: [] for name in runners}
    for _ in range(repeats):
        for name, run in runners.items():
            time.sleep(settle)
            start = time.perf_counter()
            run(inner)
            samples[name].append((time.perf_counter() - start) / inner)
    return samples


def summary(seconds):
    """Median, first and third quartile (in seconds) of a list of samples."""
    q1, median, q3 = np.percentile(seconds, [25, 50, 75])
    return {"median": float(median), "q1": float(q1), "q3": float(q3), "n": len(seconds)}


def median_time(call, repeats):
    """The median time of ``call()`` over ``repeats`` calls, after one warm-up call."""
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def cpu_busy(interval=0.5):
    """The fraction of all cores busy (any process) over ``interval`` s; None off Linux."""

    def ticks():
        fields = [int(x) for x in open("/proc/stat").readline().split()[1:]]
        return sum(fields), fields[3] + fields[4]  # all, idle + iowait

    try:
        total0, idle0 = ticks()
        time.sleep(interval)
        total1, idle1 = ticks()
    except OSError:
        return None
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_until_quiet(max_seconds, busy_below=0.25):
    """Wait (up to ``max_seconds``) until other processes leave the cores mostly idle.

    On a shared machine a test suite in another process halves the cores a benchmark
    gets; waiting for a quiet moment makes runs comparable. Returns the last busy fraction.
    """
    deadline = time.monotonic() + max_seconds
    busy = cpu_busy()
    while busy is not None and busy > busy_below and time.monotonic() < deadline:
        busy = cpu_busy()
    return busy
