"""Jekyll's rules, as plain Python: front matter, file names and dates,
permalinks, Liquid, kramdown, the site's settings and files.

Nothing here imports Sphinx or docutils (a test checks it): every module
takes text and settings and gives text, values and located
:class:`~.problems.Problem` values, and is tested with plain fixtures.
"""
