"""The live preview behind ``make livehtml``: one process that keeps the
site's Sphinx application between edits and serves the pages with live
reload.

sphinx-autobuild, which this replaces as the builder, starts a new Sphinx
process for every change: at a thousand posts, loading the saved environment
and the search index costs more than reading and writing the edited post.
Here the application stays (:mod:`.session`), a document edit is built in
the same process, and the page open in the browser reloads as soon as it is
written (:mod:`.server`), before Sphinx has finished the search index and
the feeds.  Anything else that changes (configuration, templates, Jekyll's
``_config.yml``) gets a fresh application, as a ``sphinx-build`` run would;
a change to Python code restarts the process.

It is not part of the extension: the extension never imports it.
"""
