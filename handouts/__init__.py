"""Patient-education handouts: one structured source, rendered to leaflet, card and deck."""
__version__ = "0.1.0"
