"""The exception tree of newsextract.

::

    NewsExtractError                  base; .url and .extractor name the input (set at the boundary)
    ├── FetchError                    no bytes after retries; .status, .attempts; __cause__ is httpx's error
    │   ├── BadStatusError            .status_code (404/410 not retried; 429/5xx retried first)
    │   ├── ContentTypeError          the server sent something that is not HTML
    │   ├── ResponseTooLargeError     body (after decompression) over the size limit
    │   └── BlockedError              refused before sending: robots.txt, scheme, private address
    ├── ParseError(ValueError)        not HTML, undecodable, empty, or an empty tree
    │   └── InputTooLargeError        the input (decompressed) is over the size limit
    └── ExtractionError               expected = False: an exception escaped extractor code (a bug)
        ├── UnsupportedURLError       no site extractor and generic disabled
        ├── NotAnArticleError         index page, tag list, gallery, stub: no article text
        └── MissingFieldError         .field, .tried: a mandatory field could not be found

``expected`` tells a batch runner whether the failure is a property of the input (report it
quietly) or a bug (report it with its traceback).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "BadStatusError",
    "BlockedError",
    "ContentTypeError",
    "ExtractionError",
    "FetchError",
    "InputTooLargeError",
    "MissingFieldError",
    "NewsExtractError",
    "NotAnArticleError",
    "ParseError",
    "ResponseTooLargeError",
    "UnsupportedURLError",
]


class NewsExtractError(Exception):
    """Base of every error newsextract raises on purpose."""

    expected: bool = True

    def __init__(self, message: str, *, url: str | None = None, extractor: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.extractor = extractor

    @property
    def kind(self) -> str:
        """The class name, as written into error records (``{"error": {"kind": ...}}``)."""
        return type(self).__name__

    def __str__(self) -> str:
        where = f" [{self.url}]" if self.url else ""
        return f"{self.message}{where}"


class FetchError(NewsExtractError):
    """The page could not be downloaded."""

    def __init__(
        self,
        message: str,
        *,
        url: str | None = None,
        status: int | None = None,
        attempts: int = 1,
        extractor: str | None = None,
    ) -> None:
        super().__init__(message, url=url, extractor=extractor)
        self.status = status
        self.attempts = attempts


class BadStatusError(FetchError):
    """The server answered with an HTTP error status."""

    @property
    def status_code(self) -> int | None:
        return self.status


class ContentTypeError(FetchError):
    """The response is not an HTML page (image, PDF, JSON, ...)."""


class ResponseTooLargeError(FetchError):
    """The response body is larger than the configured limit."""


class BlockedError(FetchError):
    """The request was refused before it was sent (robots.txt, scheme, private address)."""


class ParseError(NewsExtractError, ValueError):
    """The input is not an HTML page: empty, binary, undecodable or without any markup."""


class InputTooLargeError(ParseError):
    """The page, once decompressed, is larger than the size limit (``max_bytes``)."""


class ExtractionError(NewsExtractError):
    """Extraction failed. Raised bare only for bugs: an exception escaped extractor code."""

    expected = False


class UnsupportedURLError(ExtractionError):
    """No site extractor handles the URL and the generic extractor is disabled."""

    expected = True


class NotAnArticleError(ExtractionError):
    """The page is HTML but holds no article: a home page, tag list, gallery or stub."""

    expected = True


class MissingFieldError(ExtractionError):
    """A field the record cannot do without was not found."""

    expected = True

    def __init__(
        self,
        message: str,
        *,
        field: str,
        tried: Sequence[str] = (),
        url: str | None = None,
        extractor: str | None = None,
    ) -> None:
        super().__init__(message, url=url, extractor=extractor)
        self.field = field
        self.tried = tuple(tried)
