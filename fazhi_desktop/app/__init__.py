"""Use cases: what a clerk (or the bureau) does, put together from the domain packages.

The command line (`cli/`) and the window (`ui/`) both call these and do nothing but collect input and
show results. Each module is one group of use cases: `unit` (set up the unit and its signing key),
`export` (the signed summary package), `plans` (plan import), `review_open` (a package file opened in
the bureau's reviewer mode is imported).
Long jobs take a `progress.Progress` so the window can run them off the UI thread with a cancel button.
"""
