"""The cross-origin guard around the whole app: a local server trusts only its own page.

Any web page the clerk visits can make the browser send requests to 127.0.0.1. So every
request must name this server in ``Host`` (a DNS-rebinding page names its own), any
``Origin`` must be this server's (a cross-site form or fetch names its own), and the
browser must hold this run's token, given once in the address the command prints and
then kept in a cookie no other site can read or send. Bodies are bounded before they are
read.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.inputs import size_text

COOKIE = "kehoach_token"
MAX_BODY = 8_000_000
"""A request body's limit: a plan's YAML (5 MB at most) or a Word file to check, with room
for the form's encoding."""

SAFE_METHODS = {"GET", "HEAD"}


class Guard:
    """ASGI middleware refusing what did not come from this server's own page."""

    def __init__(self, app: ASGIApp, token: str, hosts: Iterable[str],
                 max_body: int = MAX_BODY) -> None:
        self.app = app
        self.token = token
        self.hosts = {h.lower() for h in hosts}
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer only a request from this server's own page, with the token's cookie."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope["headers"]}
        host = headers.get("host", "").lower()
        if host not in self.hosts:
            await _refuse(send, 421, "Địa chỉ máy chủ không đúng",
                          "Máy chủ kehoach chỉ trả lời địa chỉ nó in ra khi chạy "
                          "'kehoach serve' (127.0.0.1 hoặc localhost với đúng cổng).")
            return
        origin = headers.get("origin")
        if origin is not None and origin.lower() not in {f"http://{h}" for h in self.hosts}:
            await _refuse(send, 403, "Yêu cầu từ trang khác bị từ chối",
                          "Chỉ trang của chính kehoach được gửi yêu cầu đến máy chủ này.")
            return
        if scope["method"] not in SAFE_METHODS and origin is None and \
                headers.get("sec-fetch-site", "same-origin") != "same-origin":
            await _refuse(send, 403, "Yêu cầu từ trang khác bị từ chối",
                          "Chỉ trang của chính kehoach được gửi yêu cầu đến máy chủ này.")
            return
        if not self._has_cookie(headers.get("cookie", "")):
            await self._token_or_refuse(scope, send)
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _refuse(send, 413, "Dữ liệu gửi lên quá lớn",
                          f"Tối đa {size_text(self.max_body)} mỗi lần gửi.")
            return
        if length is None and scope["method"] not in SAFE_METHODS:
            body = await self._read_bounded(receive)
            if body is None:
                await _refuse(send, 413, "Dữ liệu gửi lên quá lớn",
                              f"Tối đa {size_text(self.max_body)} mỗi lần gửi.")
                return
            receive = _replay(body)
        await self.app(scope, receive, send)

    def _has_cookie(self, header: str) -> bool:
        cookie: SimpleCookie = SimpleCookie()
        try:
            cookie.load(header)
        except ValueError:  # http.cookies.CookieError
            return False
        morsel = cookie.get(COOKIE)
        return morsel is not None and _same(morsel.value, self.token)

    async def _token_or_refuse(self, scope: Scope, send: Send) -> None:
        """The first visit: the token in the address becomes a cookie and the address is
        cleaned of it (so it does not stay in the history); without it, refused."""
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"))
        given = [v for k, v in query if k == "token"]
        if scope["method"] not in SAFE_METHODS or not given or \
                not _same(given[0], self.token):
            await _refuse(send, 403, "Cần mở đúng địa chỉ kehoach in ra",
                          "Mở địa chỉ có '?token=…' mà lệnh 'kehoach serve' in ra trong cửa "
                          "sổ dòng lệnh (hoặc chạy lại lệnh).")
            return
        rest = urlencode([(k, v) for k, v in query if k != "token"])
        location = scope.get("root_path", "") + scope["path"] + (f"?{rest}" if rest else "")
        cookie = f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict"
        await send({"type": "http.response.start", "status": 303,
                    "headers": [(b"location", location.encode("latin-1")),
                                (b"set-cookie", cookie.encode("latin-1")),
                                (b"content-length", b"0")]})
        await send({"type": "http.response.body", "body": b""})

    async def _read_bounded(self, receive: Receive) -> bytes | None:
        """A body sent without a length (chunked), read up to the limit; ``None`` past it."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _same(given: str, token: str) -> bool:
    """Whether a token given matches, in constant time (any characters, even not ASCII)."""
    return hmac.compare_digest(given.encode("utf-8", "surrogateescape"), token.encode("utf-8"))


def _replay(body: bytes) -> Receive:
    """``receive`` giving a body already read, then waiting as a finished request does."""
    sent = False

    async def inner() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}
    return inner


async def _refuse(send: Send, status: int, title: str, hint: str) -> None:
    body = (f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>{title}</title>'
            f"<h1>{title}</h1><p>{hint}</p></html>").encode()
    headers: list[Any] = [(b"content-type", b"text/html; charset=utf-8"),
                          (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
