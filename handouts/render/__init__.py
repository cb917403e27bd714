"""Rendering: what every renderer shares (templates, typography, fonts, colours, figures) and one package per
medium: pdf, deck, web."""
