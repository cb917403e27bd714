"""The content: the model of an edition, reading and validating its files, sign-off, translations, and the
texts derived from the authors' (key points, options, glossary, grades)."""
