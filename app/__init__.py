"""Pop-up POS: an offline-first point of sale for pop-up shops, stalls and pickup days."""

__version__ = "0.1.0"
