"""The private-address guard at the socket: every connection, for pages, redirects and
robots.txt alike, goes to an address that was resolved once and checked.

Checking a name and then letting the HTTP client resolve it again leaves a gap (DNS
rebinding: the second answer can be 127.0.0.1). Here the transport's network backend resolves
the name itself, refuses non-public addresses, and connects to the checked address; TLS still
verifies the certificate against the name.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import httpcore
import httpx

__all__ = [
    "PrivateAddressError",
    "Resolver",
    "guarded_transport",
    "is_forbidden",
    "public_addresses",
    "resolve",
]

# host, port -> the addresses to try, in order
Resolver = Callable[[str, int], Awaitable[list[str]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class PrivateAddressError(Exception):
    """A connection to a loopback, private, link-local or reserved address was refused."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(f"refused: {host} resolves to a non-public address ({address})")
        self.host = host
        self.address = address


def is_forbidden(host: str, address: IPAddress) -> bool:
    """True for addresses a service must not be made to reach on someone's behalf."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_multicast
        or address.is_unspecified
    )


async def resolve(host: str, port: int) -> list[str]:
    """The system resolver's addresses for ``host``, in its order, without duplicates."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def public_addresses(host: str, port: int, resolver: Resolver) -> list[str]:
    """The addresses of ``host`` (an IP literal stands for itself), all of them public, else
    PrivateAddressError; OSError when the name does not resolve."""
    try:
        addresses = [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        addresses = await resolver(host, port)
    if not addresses:
        raise OSError(f"no addresses for {host}")
    for address in addresses:  # all of them: the client must not pick another later
        if is_forbidden(host, ipaddress.ip_address(address)):
            raise PrivateAddressError(host, address)
    return addresses


class _CheckedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks every address, then connects to a checked one."""

    def __init__(self, resolver: Resolver) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._resolver = resolver

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await public_addresses(host, port, self._resolver)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(resolver: Resolver = resolve, **pool: Any) -> httpx.AsyncHTTPTransport:
    """httpx's transport with the checked backend under its connection pool.

    httpx does not take a network backend; httpcore's pool does, and the transport's pool gets
    ours: the one place this module reaches into httpx (checked by the fetch tests).
    """
    transport = httpx.AsyncHTTPTransport(**pool)
    transport._pool._network_backend = _CheckedBackend(resolver)
    return transport
