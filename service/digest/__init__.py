"""The nightly digest: a day's Hindi articles become one English digest, grouped by story.

Modules, one job each: ``articles`` (read a folder or JSONL), ``dates``, ``specificity``, ``lead``,
``places``, ``features`` and ``similarity`` (grouping evidence), ``candidates`` (which pairs of a large
night to compare), ``linkage`` (average-linkage clustering), ``attach`` (short reports joined to their event), ``grouping`` (story clusters),
``history`` and ``history_index`` (earlier digests, indexed in SQLite), ``grouping_eval`` and
``eval_command`` (grouping figures on a labelled set), ``store`` (per-article results in the cache), ``runner``
(batched briefing with progress), ``stories`` (merge a group into one story), ``render`` (Markdown,
HTML, JSON, atomic writes), ``slack`` (post once), ``command`` (the ``nightly`` CLI command).
"""
