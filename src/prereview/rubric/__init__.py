"""A rubric's data (:mod:`.model`), where rubric files are found (:mod:`.search`)
and how a file and what it extends compose into one rubric (:mod:`.compose`).
Below the checks: nothing here imports them. Loading (compose, validate, bind,
version, cache) is :mod:`prereview.rubrics`, above both."""
