"""Made before? The same recommendation across reviews: ``scrtool similar``, ``repeats``, ``same`` and ``different``.

text.py turns a recommendation into weighted terms (its opener stripped, one concept for the phrases that name one
thing, words every recommendation uses left out: vocabulary.json); index.py scores every pair of recommendations by
the cosine of those terms, weighted by how rare each is, and lower when they are addressed to different kinds of
body; groups.py gathers the repeats, with a person's judgements (judgements.py) winning over the score. Imported only
by those commands and by ``trace`` and ``report`` when the store holds several reports.
"""
