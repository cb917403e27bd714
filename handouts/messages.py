"""A message written in code but translated where it is shown, marked for the catalogs of templates/locales:
`N_("...")`, which pybabel extracts like `_` (see README: strings that are not content). Here, below every
package, so that the content's importer marks its notes to the editor as the renderers mark theirs."""
from __future__ import annotations


def N_(message: str) -> str:
    """A message id marked for the catalogs (N_ is one of pybabel's keywords), translated where it is shown."""
    return message
