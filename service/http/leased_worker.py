"""An RQ ``SimpleWorker`` whose running job holds a short lease, so a killed worker's job is retried soon.

``SimpleWorker`` runs each job in its own process (the model stays loaded; no fork per job) but,
unlike the forking ``Worker``, sends no heartbeat while a job runs: RQ registers the job as started
for ``job_timeout + 60`` seconds, so a worker killed by SIGKILL or the OOM killer leaves its job
looking alive for up to 11 minutes with the nightly's 600 s timeout. Here a thread renews the job's
entry in ``StartedJobRegistry`` (and the worker's key) every third of ``lease_s`` while the job runs;
once a dead worker's lease lapses, ``StartedJobRegistry.cleanup`` (the nightly calls it at every poll,
workers in their maintenance) finds the job abandoned and re-enqueues it while its ``Retry`` allows.
"""
from __future__ import annotations

import logging
import threading

from rq import SimpleWorker
from rq.executions import Execution
from rq.job import Job
from rq.queue import Queue
from rq.worker import WorkerStatus

log = logging.getLogger(__name__)


class _Renewal:
    """The thread renewing one running job's lease until ``stop``."""

    def __init__(self, worker: "LeasedWorker", job: Job, execution: Execution):
        self.worker, self.job, self.execution = worker, job, execution
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{job.id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Stop renewing, and wait for a renewal in flight (RQ is about to delete the execution)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        from redis.exceptions import RedisError

        lease = self.worker.lease_s
        while not self._stop.wait(lease / 3):
            try:
                with self.worker.connection.pipeline() as pipe:
                    self.worker.heartbeat(lease, pipeline=pipe)
                    self.execution.heartbeat(self.job.started_job_registry, lease, pipeline=pipe)
                    pipe.execute()
            except RedisError as exc:  # Redis away for a moment: the next renewal may still be in time
                log.warning("could not renew the lease of job %s: %s", self.job.id, type(exc).__name__)


class LeasedWorker(SimpleWorker):
    def __init__(self, *args, lease_s: float = 30.0, **kwargs):
        super().__init__(*args, **kwargs)
        self.lease_s = max(1, int(round(lease_s)))
        self._renewal: _Renewal | None = None

    def get_heartbeat_ttl(self, job: Job) -> int:
        """How long the job's registration (and this worker's key) lives without a renewal."""
        return self.lease_s

    def execute_job(self, job: Job, queue: Queue) -> None:
        execution = self.prepare_execution(job)
        self._renewal = _Renewal(self, job, execution)
        self._renewal.start()
        try:
            self.perform_job(job, queue)
        finally:
            self._renewal.stop()
            self._renewal = None
        self.set_state(WorkerStatus.IDLE)

    def handle_execution_ended(self, job: Job, queue: Queue, heartbeat_ttl: int) -> None:
        if self._renewal is not None:
            self._renewal.stop()  # before RQ removes the execution: no renewal may bring it back
        super().handle_execution_ended(job, queue, heartbeat_ttl)
