"""``kehoach serve``: the command prints its address with the token and serves the folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.web.serve import free_port, hosts_for

ROOT = Path(__file__).parents[2]


def test_hosts_are_its_own_address_and_localhost() -> None:
    assert hosts_for("127.0.0.1", 8123) == ["127.0.0.1:8123", "localhost:8123"]
    assert "[::1]:8123" in hosts_for("::1", 8123)


def test_the_command_serves_the_folder_on_loopback(folder: Path) -> None:
    port = free_port("127.0.0.1")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    with subprocess.Popen([sys.executable, "-m", "generator", "serve", str(folder),
                           "--port", str(port), "--khong-mo"], stdout=subprocess.PIPE,
                          stderr=subprocess.DEVNULL, env=env, text=True,
                          encoding="utf-8") as server:
        try:
            _visit(server, port)
        finally:
            server.terminate()
            server.wait(10)


def _visit(server: subprocess.Popen[str], port: int) -> None:
    assert server.stdout is not None
    lines = [server.stdout.readline() for _ in range(2)]
    address = lines[1].split("tại: ")[1].strip()
    assert address.startswith(f"http://127.0.0.1:{port}/?token=")
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    for _ in range(50):
        try:
            with opener.open(address, timeout=5) as answer:
                page = answer.read().decode("utf-8")
            break
        except urllib.error.URLError:
            time.sleep(0.1)
    assert "bac-kan-2022.yaml" in page
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
    assert refused.value.code == 403
    refused.value.close()


@pytest.mark.parametrize(("host", "said"), [
    ("127.0.0.1", None), ("localhost", None), ("::1", None), ("127.0.0.2", None),
    ("192.168.1.10", "máy khác trong mạng vào được"),
    ("0.0.0.0", "chỉ trả lời 127.0.0.1"), ("::", "chỉ trả lời 127.0.0.1"),
])
def test_a_host_beyond_this_machine_is_warned(host: str, said: str | None,
                                              monkeypatch: pytest.MonkeyPatch,
                                              folder: Path) -> None:
    """``--host`` other than loopback is said before serving (to the error stream)."""
    served: list[tuple[object, ...]] = []
    monkeypatch.setattr("generator.web.serve.serve", lambda *given: served.append(given))
    result = CliRunner().invoke(main, ["serve", str(folder), "--host", host, "--khong-mo"])
    assert result.exit_code == 0, result.output
    assert served and served[0][1] == host
    if said is None:
        assert "Cảnh báo" not in result.output
    else:
        assert said in result.output


def test_the_browser_is_opened_with_the_standard_library_on_loopback(
        monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """No fork, no system command: ``webbrowser`` (Edge, Chrome, Safari as the system
    chooses) opens the printed address, uvicorn serves in this process."""
    import threading

    import uvicorn

    from generator.web import serve as module

    opened: list[str] = []
    ran: list[dict[str, object]] = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: ran.append(options))
    monkeypatch.setattr(threading, "Timer",
                        lambda delay, call, args: type("Now", (), {
                            "start": lambda self: call(*args)})())
    said: list[str] = []
    module.serve(folder, "127.0.0.1", 0, True, said.append)
    address = said[1].split("tại: ")[1]
    assert opened == [address] and "?token=" in address
    assert ran[0]["host"] == "127.0.0.1" and address.startswith(f"http://127.0.0.1:{ran[0]['port']}/")
