"""models.batcher.MicroBatcher: concurrent calls merged into one model call, results routed back."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from models.base import DecodeOptions, Generator, ModelInfo
from models.batcher import MicroBatcher


class Recorder:
    """A fake backend: output = task:text; records every call; ``bad`` inputs make a call fail."""

    def __init__(self, bad: str = "BAD"):
        self.info = ModelInfo("fake", None, "marian", "fake", "cpu", frozenset({"translate", "summarize"}))
        self.calls: list[tuple[list[str], str, DecodeOptions]] = []
        self.bad = bad
        self.lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def generate(self, texts, task="translate", options=None):
        with self.lock:
            self.calls.append((list(texts), task, options))
        if any(self.bad in t for t in texts):
            raise ValueError("bad input")
        return [f"{task}:{t}" for t in texts]


def run_together(batcher: MicroBatcher, calls: list[tuple[list[str], str, DecodeOptions | None]]) -> list:
    """Start every call at the same moment on its own thread; results (or exceptions) in order."""
    barrier = threading.Barrier(len(calls))

    def one(args):
        barrier.wait()
        try:
            return batcher.generate(*args)
        except Exception as exc:  # noqa: BLE001 - returned for the assertions
            return exc

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(one, calls))


def test_is_a_generator_with_the_inner_info():
    inner = Recorder()
    batcher = MicroBatcher(inner)
    assert isinstance(batcher, Generator)
    assert batcher.info is inner.info
    assert batcher.count_tokens("a b c") == 3
    assert batcher.generate([]) == []
    assert inner.calls == []
    batcher.close()


def test_concurrent_calls_are_merged_and_routed_back():
    inner = Recorder()
    batcher = MicroBatcher(inner, wait_ms=200, max_inputs=1000)
    calls = [([f"r{i}-a", f"r{i}-b", f"r{i}-c"][: 1 + i % 3], "translate", None) for i in range(8)]
    results = run_together(batcher, calls)
    for (texts, _, _), result in zip(calls, results):
        assert result == [f"translate:{t}" for t in texts]
    assert len(inner.calls) < len(calls)  # merged: fewer model calls than callers
    assert batcher.stats.largest_round > 1
    assert sum(len(c[0]) for c in inner.calls) == sum(len(c[0]) for c in calls)
    batcher.close()


def test_only_calls_with_the_same_task_and_options_are_merged():
    inner = Recorder()
    batcher = MicroBatcher(inner, wait_ms=200)
    beams = DecodeOptions(num_beams=4)
    calls = [(["a"], "translate", None), (["b"], "translate", beams), (["c"], "summarize", None),
             (["d"], "translate", None), (["e"], "translate", beams)]
    results = run_together(batcher, calls)
    assert results == [["translate:a"], ["translate:b"], ["summarize:c"], ["translate:d"], ["translate:e"]]
    for texts, task, options in inner.calls:
        keys = {(c[1], c[2] or DecodeOptions()) for c in calls if c[0][0] in texts}
        assert keys == {(task, options)}
    batcher.close()


def test_a_failing_input_fails_only_its_own_call():
    inner = Recorder()
    batcher = MicroBatcher(inner, wait_ms=200)
    calls = [(["ok1"], "translate", None), (["BAD one", "fine"], "translate", None), (["ok2", "ok3"], "translate", None)]
    results = run_together(batcher, calls)
    assert results[0] == ["translate:ok1"]
    assert isinstance(results[1], ValueError)
    assert results[2] == ["translate:ok2", "translate:ok3"]
    assert batcher.stats.fallbacks >= 1 or len(inner.calls) == 3
    batcher.close()


def test_a_lone_failing_call_gets_the_original_error():
    batcher = MicroBatcher(Recorder(), wait_ms=0)
    with pytest.raises(ValueError, match="bad input"):
        batcher.generate(["BAD"])
    assert batcher.generate(["fine"]) == ["translate:fine"]  # the thread survives
    batcher.close()


def test_rounds_are_bounded_by_max_inputs_but_a_big_call_is_never_split():
    inner = Recorder()
    batcher = MicroBatcher(inner, wait_ms=200, max_inputs=4)
    calls = [([f"x{i}-{j}" for j in range(3)], "translate", None) for i in range(4)] + [
        ([f"big-{j}" for j in range(9)], "translate", None)
    ]
    results = run_together(batcher, calls)
    for (texts, _, _), result in zip(calls, results):
        assert result == [f"translate:{t}" for t in texts]
    sizes = [len(c[0]) for c in inner.calls]
    assert 9 in sizes
    assert all(size <= 4 for size in sizes if size != 9)
    batcher.close()


def test_wrong_output_count_from_the_backend_is_an_error():
    class Short(Recorder):
        def generate(self, texts, task="translate", options=None):
            return ["only one"]

    batcher = MicroBatcher(Short(), wait_ms=0)
    with pytest.raises(RuntimeError, match="outputs for 2 inputs"):
        batcher.generate(["a", "b"])
    batcher.close()


def test_settings_validation():
    with pytest.raises(ValueError):
        MicroBatcher(Recorder(), wait_ms=-1)
    with pytest.raises(ValueError):
        MicroBatcher(Recorder(), max_inputs=0)


def test_real_model_outputs_match_unbatched_generation(marian_generator):
    """Merged calls through the tiny Marian model give each caller what it would get alone."""
    texts = ["भारत ने मैच जीता।", "प्रधानमंत्री ने बुधवार को बैठक की।", "बारिश से नुकसान हुआ।", "दिल्ली में चुनाव।"]
    alone = [marian_generator.generate([t]) for t in texts]
    batcher = MicroBatcher(marian_generator, wait_ms=200)
    merged = run_together(batcher, [([t], "translate", None) for t in texts])
    assert batcher.stats.rounds < len(texts)
    assert [len(m) for m in merged] == [1, 1, 1, 1]
    assert all(isinstance(m[0], str) and m[0] for m in merged)
    # Greedy decoding does not depend on batch-mates, but the length cap is per model batch (its
    # longest input) and random weights never stop early, so a short input merged with a longer
    # one decodes further: what it gets alone is a prefix of what it gets merged.
    for m, a in zip(merged, alone):
        assert m[0].startswith(a[0].strip()), (m, a)
    batcher.close()


def test_registry_wraps_generators_when_microbatch_is_on(tiny_models):
    from service.config import Settings
    from service.runtime import build_registry

    on = build_registry(Settings(model=str(tiny_models["marian"]), device="cpu", microbatch=True, batch_wait_ms=1))
    off = build_registry(Settings(model=str(tiny_models["marian"]), device="cpu", microbatch=False))
    batched = on.get(str(tiny_models["marian"]))
    assert isinstance(batched, MicroBatcher)
    assert not isinstance(off.get(str(tiny_models["marian"])), MicroBatcher)
    assert len(batched.generate(["भारत ने मैच जीता।", "बारिश हुई।"])) == 2
    batched.close()


def test_a_forked_child_gets_a_working_batcher():
    import os

    inner = Recorder()
    batcher = MicroBatcher(inner, wait_ms=0)
    assert batcher.generate(["parent"]) == ["translate:parent"]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: must not inherit the parent's thread or its lock state
        try:
            ok = batcher.generate(["child"]) == ["translate:child"]
        except BaseException:  # noqa: BLE001
            ok = False
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(pid, 0)
    batcher.close()
