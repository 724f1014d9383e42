"""Running the app: a free port on loopback, a fresh token, the browser opened on it."""

from __future__ import annotations

import ipaddress
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from generator.errors import Diagnostic, KeHoachError

LOOPBACK = "127.0.0.1"


def missing_extra() -> KeHoachError | None:
    """Why ``serve`` cannot run when its packages are not installed: how to install them."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        return KeHoachError([Diagnostic(
            f"'kehoach serve' cần thêm gói chưa cài ({exc.name}).", "",
            hint="Cài bằng: pip install \"kehoach[serve]\" (hoặc pipx inject kehoach "
                 "starlette uvicorn python-multipart), rồi chạy lại.")])
    return None


def host_warning(host: str) -> str | None:
    """What the clerk must know when the server listens beyond this machine (``--host``):
    nothing for loopback; for an address of the network, that others can reach it; for
    every address (0.0.0.0, ::), that it still answers only 127.0.0.1 (the guard trusts
    the names it knows, so a page cannot rebind a name to it)."""
    if host.lower() == "localhost":
        return None
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is not None and address.is_loopback:
        return None
    if address is not None and address.is_unspecified:
        return (f"Cảnh báo: máy chủ lắng nghe trên mọi địa chỉ ({host}) nhưng chỉ trả lời "
                "127.0.0.1 và localhost. Để máy khác trong mạng vào, chạy với --host là "
                "địa chỉ IP của máy này (ví dụ --host 192.168.1.10).")
    return (f"Cảnh báo: máy chủ lắng nghe trên {host}: máy khác trong mạng vào được nếu "
            "biết địa chỉ và mã in dưới đây. Chỉ dùng trong mạng tin cậy; mặc định "
            "(không có --host) chỉ máy này vào được.")


def free_port(host: str) -> int:
    """A port nothing listens on now (the system picks it)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
        return port


def hosts_for(host: str, port: int) -> list[str]:
    """The ``Host`` values this server answers to: its own address, and localhost's."""
    names = {f"{LOOPBACK}:{port}", f"localhost:{port}"}
    names.add(f"[{host}]:{port}" if ":" in host else f"{host}:{port}")
    return sorted(names)


def serve(folder: Path, host: str, port: int, open_browser: bool,
          say: Callable[[str], None]) -> None:
    """Serve ``folder`` until interrupted; print the address (with its token) first."""
    problem = missing_extra()
    if problem is not None:
        raise problem
    import uvicorn

    from generator.web.app import create_app

    if not folder.is_dir():
        raise KeHoachError([Diagnostic("Không có thư mục này.", str(folder),
                                       hint="Ghi thư mục chứa các tệp kế hoạch .yaml.")])
    port = port or free_port(host)
    token = secrets.token_urlsafe(24)
    app = create_app(folder, token, hosts_for(host, port))
    shown_host = LOOPBACK if host in ("0.0.0.0", "::") else host
    address = f"http://{shown_host}:{port}/?token={token}"
    say(f"kehoach đang phục vụ thư mục {folder.resolve()}")
    say(f"Mở trình duyệt tại: {address}")
    say("Nhấn Ctrl+C để dừng.")
    if open_browser:
        threading.Timer(0.8, webbrowser.open, (address,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
