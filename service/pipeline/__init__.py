"""The brief pipeline, importable without Flask."""

# Bump when cleaning, segmentation, selection or assembly change what a brief contains: it is part
# of every cache key, so old cached briefs are not served after such a change.
PIPELINE_VERSION = "5"  # 2: learned selection ranker, automatic bullet count; 3: long articles weighted apart;
# 4: quotes between run-together sentences, appeal essays, news labels, guard reads (cleaning and checks changed);
# 5: stories told in lines (points, bulleted statements, the deck), media player messages
