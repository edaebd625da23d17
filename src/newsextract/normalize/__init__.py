"""Small pure functions that turn raw field strings into clean record values, one module a field."""

from .dates import parse_date, to_iso
from .people import split_byline
from .text import clean_text, site_of

__all__ = ["clean_text", "parse_date", "site_of", "split_byline", "to_iso"]
