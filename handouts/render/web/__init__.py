"""Web outputs: the self-contained page and the site index."""
