"""The store's migrations, frozen: one module a migration (``mNN_name.py``), its SQLite step (``sqlite``) and, from
migration 10 on, its PostgreSQL step (``postgresql``) side by side; ``m09_pg_baseline.py`` is PostgreSQL's schema 9
(migrations 1 to 9 at once). A module named ``mNN_*`` beside a migration's own holds helpers of that migration (and
``pg_catalog.py`` of the PostgreSQL steps): the code it ran when it shipped, copied (the status words, the replay
rules, the counts of that day), never imported from the live modules, which change; a step imports its helpers
inside the function that runs them, so opening a store that needs no migration does not load them.

A shipped migration never changes: a new migration is a new module, appended to store/schema.py's ``MIGRATIONS``
and store/pg_schema.py's ``STEPS``. A module here imports only the standard library, the engine layer
(store/engine.py), errors.py and the modules of this package (tests/test_migrations_frozen.py holds it so, and
holds each module's digest). docs/store.md says how one is written."""
