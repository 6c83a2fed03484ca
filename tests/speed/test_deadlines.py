"""Cost bounds inside a worker: admission slots, deadlines that stop work, and the model's priority.

Deterministic: fake backends block on events, so every assertion is about order and state, never
about how fast this machine is.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from models import deadline
from models.base import ModelInfo
from models.batcher import MicroBatcher
from models.deadline import AllOf, Deadline
from models.priority import lower_model_threads
from service.errors import DeadlineExceeded
from service.http.admission import AdaptiveLimit
from service.http.gate import GenerationGate
from service.http.problems import Overloaded, RequestTimedOut


class Blocking:
    """A fake backend: each call waits for ``release``, then answers; it records what reached it."""

    def __init__(self):
        self.info = ModelInfo("fake", None, "marian", "fake", "cpu", frozenset({"translate"}))
        self.started = threading.Event()
        self.release = threading.Event()
        self.seen: list[list[str]] = []

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def generate(self, texts, task="translate", options=None):
        self.seen.append(list(texts))
        self.started.set()
        assert self.release.wait(30)
        return [t.upper() for t in texts]


class Batches:
    """A fake backend that, like TransformersGenerator, checks the deadline before each batch."""

    def __init__(self, batches: int):
        self.info = ModelInfo("fake", None, "marian", "fake", "cpu", frozenset({"translate"}))
        self.batches = batches
        self.done = 0
        self.first = threading.Event()
        self.go_on = threading.Event()

    def count_tokens(self, text: str) -> int:
        return 1

    def generate(self, texts, task="translate", options=None):
        for number in range(self.batches):
            deadline.check()
            self.done += 1
            if number == 0:
                self.first.set()
                assert self.go_on.wait(30)
        return list(texts)


def test_deadline_check_raises_only_once_expired_or_cancelled():
    deadline.check()  # nothing bound: never raises
    later = Deadline(3600)
    with deadline.bound(later):
        deadline.check()
        later.cancel()
        with pytest.raises(DeadlineExceeded):
            deadline.check()
    with deadline.bound(Deadline(0)), pytest.raises(DeadlineExceeded):
        deadline.check()
    assert deadline.current() is None
    assert Deadline(None).remaining() is None and not Deadline(None).expired()


def test_a_round_stops_only_when_every_caller_gave_up():
    one, two = Deadline(3600), Deadline(None)
    assert not AllOf([one, two]).expired()
    one.cancel()
    assert not AllOf([one, two]).expired()  # a caller without a deadline keeps the round alive
    other = Deadline(3600)
    other.cancel()
    assert AllOf([one, other]).expired()


def test_a_queued_call_whose_request_gave_up_is_dropped_and_never_generated():
    inner = Blocking()
    batcher = MicroBatcher(inner, wait_ms=0)
    with ThreadPoolExecutor(2) as pool:
        busy = pool.submit(batcher.generate, ["first"])
        assert inner.started.wait(10)  # the model is busy with the first call
        gave_up = Deadline(3600)

        def queued():
            with deadline.bound(gave_up):
                return batcher.generate(["second"])

        waiting = pool.submit(queued)
        gave_up.cancel()  # the client left (504) while its call waited behind the first one
        with pytest.raises(DeadlineExceeded):
            waiting.result(timeout=10)  # woken while the model is still busy: it never waited for it
        assert not busy.done()
        inner.release.set()
        assert busy.result(timeout=10) == ["FIRST"]
    assert inner.seen == [["first"]]
    assert batcher.stats.dropped == 1
    batcher.close()


def test_a_running_round_stops_between_batches_once_its_caller_gave_up():
    inner = Batches(batches=50)
    batcher = MicroBatcher(inner, wait_ms=0)
    gave_up = Deadline(3600)

    def call():
        with deadline.bound(gave_up):
            return batcher.generate(["x"])

    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(call)
        assert inner.first.wait(10)
        gave_up.cancel()
        inner.go_on.set()
        with pytest.raises(DeadlineExceeded):
            running.result(timeout=10)
    assert inner.done == 1  # the other 49 batches were never run
    assert batcher.generate(["next"]) == ["next"]  # the model is free for the next request
    batcher.close()


def test_generation_slots_answer_503_at_once_and_leave_threads_free():
    gate = GenerationGate(max_waiting=64, timeout_s=30, retry_after_s=3, serialize=False, slots=2)
    release, inside = threading.Event(), threading.Semaphore(0)

    def blocked():
        inside.release()
        assert release.wait(10)
        return "done"

    with ThreadPoolExecutor(2) as pool:
        running = [pool.submit(gate.run, blocked) for _ in range(2)]
        assert inside.acquire(timeout=10) and inside.acquire(timeout=10)
        with pytest.raises(Overloaded) as refused:
            gate.run(lambda: "never run")  # the waiting room (64) is empty, but both slots are taken
        assert refused.value.retry_after == 3
        assert gate.run_background(lambda: "a job is never refused") == "a job is never refused"
        release.set()
        assert [f.result(timeout=10) for f in running] == ["done", "done"]
    assert gate.run(lambda: "after") == "after"
    gate.shutdown()


def test_a_504_cancels_the_deadline_its_generation_runs_under():
    gate = GenerationGate(max_waiting=4, timeout_s=0.05, serialize=False, slots=1)
    seen: list[deadline.Expiring | None] = []
    finish = threading.Event()

    def slow():
        seen.append(deadline.current())
        assert finish.wait(10)
        deadline.check()  # what the pipeline does between stages
        return "too late"

    with pytest.raises(RequestTimedOut):
        gate.run(slow)
    assert seen and seen[0] is not None and seen[0].expired()
    finish.set()
    gate.shutdown()


def test_background_runs_get_a_budget_of_their_own():
    gate = GenerationGate(max_waiting=4, timeout_s=60, serialize=False, background_budget_s=1234)
    remaining = gate.run_background(lambda: deadline.current().remaining())
    assert 1200 < remaining <= 1234
    gate.shutdown()


def test_model_threads_are_lowered_and_request_threads_are_not():
    results: dict[str, int] = {}

    def model_thread():
        results["lowered"] = lower_model_threads(7)
        results["mine"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    thread = threading.Thread(target=model_thread)
    thread.start()
    thread.join()
    assert results["lowered"] >= 1 and results["mine"] >= 7
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before  # this (request) thread
    assert lower_model_threads(0) == 0


def test_the_admission_limit_follows_generation_latency():
    limit = AdaptiveLimit(ceiling=8, target_s=30)
    assert limit.current == 8
    limit.observe(45, timed_out=False)  # slower than half the deadline: admit fewer
    assert limit.current == 6
    limit.observe(60, timed_out=True)  # a 504: halve
    assert limit.current == 3
    for _ in range(20):
        limit.observe(60, timed_out=True)
    assert limit.current == 1  # never below one: the worker keeps admitting, and learning
    for _ in range(200):
        limit.observe(2, timed_out=False)  # fast again: back up to the ceiling, never above
    assert limit.current == 8


def test_the_gate_admits_fewer_after_timeouts():
    gate = GenerationGate(max_waiting=64, timeout_s=30, serialize=False, slots=4)
    for _ in range(3):
        gate.limit.observe(30, timed_out=True)
    assert gate.limit.current == 1
    release, inside = threading.Event(), threading.Event()

    def blocked():
        inside.set()
        assert release.wait(10)
        return "done"

    with ThreadPoolExecutor(1) as pool:
        running = pool.submit(gate.run, blocked)
        assert inside.wait(10)
        with pytest.raises(Overloaded):
            gate.run(lambda: "never run")  # 4 slots, but one admitted is all this worker can serve now
        release.set()
        assert running.result(timeout=10) == "done"
    gate.shutdown()
