"""The HTTP layer's plumbing: problem responses, request logging, metrics, the generation gate,
the brief service the views call, readiness and async jobs. Views live in ``service.api``."""
