"""The talk: the deck (python-pptx), its speaker notes and its script."""
