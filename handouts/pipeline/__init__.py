"""The pipeline: load, plan, render, commit; the registry of outputs, the cache, the lock, the journal and the
command-line's reports (proof and review sheets, warnings)."""
