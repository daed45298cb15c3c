#!/usr/bin/env python3
"""Render cvw's HTML reports in headless Chromium and fail on anything wrong.

    python3 Tests/browser/check_report.py [REPORT.html ...] [-o DIR]
    python3 Tests/browser/check_report.py --self-test

Each report (default reports/demo.html) is opened from disk in Debian's
`chromium` (installed with apt-get when missing), driven over the Chrome
DevTools Protocol through the small WebSocket client below: Python's standard
library only, so that a machine with nothing but python3 can run it.

A report fails (exit status 1) on
  - a console error or warning, an uncaught JavaScript exception, a browser
    log entry at level warning or error (e.g. an SVG attribute Chromium cannot
    parse, such as a path through NaN);
  - any request but the report itself and data: URLs: http(s), other files,
    fonts, images; requests are answered with an error before they reach the
    network, so nothing leaves the machine. The report is loaded twice: from
    disk, and served by a local HTTP server, where Chromium also asks for
    /favicon.ico unless the page names its icon (a report silences it with
    <link rel="icon" href="data:,">);
  - no chart, or an empty chart: every <svg class="cvw-chart" data-chart>
    must have a box, a title, at least one <g class="series">, each series an
    element with a non-zero bounding box, x and y axes with at least two
    labelled ticks and an axis title, a legend when it has several series,
    no text cut off at the chart's edge, no overlapping tick labels and no
    text smaller than --min-font px (8) on a 1280 px wide page; and
    hiding its series must change at least --min-ink of the plot area's
    pixels in a screenshot (a chart drawn without its data fails, whatever
    its geometry says);
  - a page wider than the window at 1280 px (desktop) or 390 px (phone).

It saves PNG screenshots into -o DIR (default reports/screenshots): the page
at 1280 px wide (NAME-page.png, its top --page-height px), the page on a
phone (NAME-phone.png) and each chart alone (NAME-chart-CHART.png), where
NAME is the report's file name without .html. Older NAME-page, NAME-phone
and NAME-chart-* PNGs there are removed first, so that a renamed chart
leaves no stale picture behind.

Exit status: 0 all well, 1 a check failed, 2 bad usage or no browser.
`--self-test` checks the WebSocket framing and the PNG decoder on made-up
data and runs the checks on the fixtures in Tests/browser/fixtures/, each of which declares the
problems it must be caught with (<meta name="expect-problems">).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.server
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
DESKTOP_WIDTH = 1280
DESKTOP_HEIGHT = 800
PHONE_WIDTH = 390
PHONE_HEIGHT = 844


class CheckError(Exception):
    """The browser could not be started or driven (not a finding about the page)."""


# ---------------------------------------------------------------------------
# A minimal WebSocket client (RFC 6455), enough for the DevTools protocol.


class WebSocket:
    """Client side of RFC 6455 over a plain TCP socket: text frames out
    (masked, as clients must), text/binary messages in, reassembled from
    continuation frames; pings answered. Every read has a deadline."""

    GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    def __init__(self, url: str, timeout: float):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme != "ws" or not parts.hostname or not parts.port:
            raise CheckError(f"unexpected DevTools address {url!r}")
        self.timeout = timeout
        self.sock = socket.create_connection((parts.hostname, parts.port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray()
        self.fragments: list[bytes] = []
        key = base64.b64encode(os.urandom(16)).decode()
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buffer:
            self._fill(deadline)
        head, _, rest = bytes(self.buffer).partition(b"\r\n\r\n")
        self.buffer = bytearray(rest)
        lines = head.decode("latin-1").split("\r\n")
        if not lines[0].startswith("HTTP/1.1 101"):
            raise CheckError(f"WebSocket handshake refused: {lines[0]}")
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        accept = base64.b64encode(hashlib.sha1((key + self.GUID).encode()).digest()).decode()
        if headers.get("sec-websocket-accept") != accept:
            raise CheckError("WebSocket handshake: wrong Sec-WebSocket-Accept")

    def _fill(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no answer from the browser in time")
        self.sock.settimeout(remaining)
        try:
            chunk = self.sock.recv(1 << 20)
        except socket.timeout:
            raise TimeoutError("no answer from the browser in time") from None
        if not chunk:
            raise CheckError("the browser closed the DevTools connection")
        self.buffer += chunk

    @staticmethod
    def frame(opcode: int, payload: bytes, mask: bytes | None, fin: bool = True) -> bytes:
        """One frame, masked as a client's must be (None: unmasked, as a server's),
        its length in 7, 16 or 64 bits (RFC 6455 §5.2)."""
        n, first = len(payload), (0x80 if fin else 0) | opcode
        flag = 0x80 if mask else 0
        if n < 126:
            header = struct.pack("!BB", first, flag | n)
        elif n < 1 << 16:
            header = struct.pack("!BBH", first, flag | 126, n)
        else:
            header = struct.pack("!BBQ", first, flag | 127, n)
        return header + mask + WebSocket.apply_mask(payload, mask) if mask else header + payload

    @staticmethod
    def apply_mask(payload: bytes, mask: bytes) -> bytes:
        """payload XOR the 4-byte mask repeated (RFC 6455 §5.3), as one big-integer XOR."""
        if not payload:
            return b""
        n = len(payload)
        key = (mask * (n // 4 + 1))[:n]
        return (int.from_bytes(payload, "little") ^ int.from_bytes(key, "little")).to_bytes(n, "little")

    def _send(self, opcode: int, payload: bytes) -> None:
        self.sock.settimeout(self.timeout)
        self.sock.sendall(self.frame(opcode, payload, os.urandom(4)))

    def send_text(self, text: str) -> None:
        self._send(0x1, text.encode())

    def _next_frame(self) -> tuple[int, int, bytes] | None:
        """(fin, opcode, unmasked payload) of the first whole frame in the buffer,
        consumed; None, consuming nothing, while the frame is incomplete (so a
        timeout never leaves half a frame read)."""
        buf = self.buffer
        if len(buf) < 2:
            return None
        b0, b1 = buf[0], buf[1]
        n, pos = b1 & 0x7F, 2
        if n == 126:
            if len(buf) < 4:
                return None
            (n,), pos = struct.unpack_from("!H", buf, 2), 4
        elif n == 127:
            if len(buf) < 10:
                return None
            (n,), pos = struct.unpack_from("!Q", buf, 2), 10
        mask = None
        if b1 & 0x80:
            if len(buf) < pos + 4:
                return None
            mask, pos = bytes(buf[pos:pos + 4]), pos + 4
        if len(buf) < pos + n:
            return None
        payload = bytes(buf[pos:pos + n])
        del buf[:pos + n]
        return b0 & 0x80, b0 & 0x0F, self.apply_mask(payload, mask) if mask else payload

    def receive(self, deadline: float) -> str | None:
        """The next whole text message, reassembled from its fragments (RFC 6455
        §5.4); None when the server closed the connection."""
        while True:
            frame = self._next_frame()
            if frame is None:
                self._fill(deadline)
                continue
            fin, opcode, payload = frame
            if opcode == 0x8:  # close
                return None
            if opcode == 0x9:  # ping: answer with the same payload
                self._send(0xA, payload)
                continue
            if opcode == 0xA:  # pong
                continue
            self.fragments.append(payload)  # 0x1 text, 0x2 binary, 0x0 continuation
            if fin:
                message, self.fragments = b"".join(self.fragments), []
                return message.decode("utf-8")

    def close(self) -> None:
        try:
            self._send(0x8, struct.pack("!H", 1000))
        except OSError:
            pass
        self.sock.close()


# ---------------------------------------------------------------------------
# The DevTools protocol over that socket, one page session at a time.


class DevTools:
    """Commands and events of the Chrome DevTools Protocol in flat-session
    mode: every event is kept in `events` (method, params, sessionId) for the
    checks to read; `handlers` answer events that need an answer (paused
    requests) as soon as they arrive."""

    def __init__(self, url: str, timeout: float):
        self.ws = WebSocket(url, timeout)
        self.timeout = timeout
        self.next_id = 0
        self.events: list[dict] = []
        self.handlers: dict[str, Callable[[dict], None]] = {}

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> int:
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.ws.send_text(json.dumps(message))
        return self.next_id

    def _dispatch(self, deadline: float) -> dict:
        text = self.ws.receive(deadline)
        if text is None:
            raise CheckError("the browser closed the DevTools connection")
        message = json.loads(text)
        if "method" in message:
            self.events.append(message)
            handler = self.handlers.get(message["method"])
            if handler:
                handler(message)
        return message

    def call(self, method: str, params: dict | None = None, session: str | None = None, timeout: float | None = None) -> dict:
        """Sends a command and waits for its answer, keeping the events that arrive meanwhile."""
        request = self.send(method, params, session)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            try:
                message = self._dispatch(deadline)
            except TimeoutError:
                raise TimeoutError(f"{method}: no answer from the browser in {timeout or self.timeout:.0f} s") from None
            if message.get("id") == request:
                if "error" in message:
                    raise CheckError(f"{method}: {message['error'].get('message')}")
                return message.get("result", {})

    def wait_for(self, method: str, session: str, timeout: float, since: int = 0) -> dict:
        """The first event `method` of `session` at or after index `since` of `events`."""
        deadline = time.monotonic() + timeout
        index = since
        while True:
            while index < len(self.events):
                event = self.events[index]
                index += 1
                if event["method"] == method and event.get("sessionId") == session:
                    return event
            try:
                self._dispatch(deadline)
            except TimeoutError:
                raise TimeoutError(f"no {method} within {timeout:.0f} s") from None

    def drain(self, seconds: float) -> None:
        """Collects whatever events arrive within `seconds`."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self._dispatch(deadline)
        except TimeoutError:
            pass

    def close(self) -> None:
        self.ws.close()


# ---------------------------------------------------------------------------
# Finding, installing, starting and always stopping Chromium.


def find_chromium(explicit: str | None) -> str | None:
    """The Chromium binary: --chromium, $CHROMIUM, Debian's binary itself
    (skipping the /usr/bin/chromium wrapper script and its default flags), or
    a chromium / chrome on PATH."""
    for candidate in (explicit, os.environ.get("CHROMIUM")):
        if candidate:
            return candidate if shutil.which(candidate) else None
    if os.access("/usr/lib/chromium/chromium", os.X_OK):
        return "/usr/lib/chromium/chromium"
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def install_chromium() -> None:
    """apt-get install chromium (Debian's package), as root or through sudo."""
    if not shutil.which("apt-get"):
        raise CheckError("chromium is not installed and there is no apt-get to install it; install Chromium and pass --chromium PATH")
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            raise CheckError("chromium is not installed; installing it needs root or sudo (apt-get install chromium)")
        prefix = ["sudo", "-n"]
    print("check_report: chromium not found; installing it: apt-get update && apt-get install -y chromium", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        try:
            result = subprocess.run(prefix + command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900, text=True)
        except subprocess.TimeoutExpired:
            raise CheckError(f"{' '.join(command)} took more than 15 minutes") from None
        if result.returncode != 0:
            raise CheckError(f"{' '.join(prefix + command)} failed:\n{result.stderr.strip()[-2000:]}")


class ReportServer:
    """A local HTTP server for the reports only (anything else: 404), so that
    a report is also checked as a web server would serve it: there Chromium
    asks for /favicon.ico unless the page names its icon."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        files = self.files

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = files.get(urllib.parse.urlsplit(self.path).path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> "ReportServer":
        self.thread.start()
        return self

    def url_for(self, path: Path) -> str:
        """Serves `path` under a fresh directory and returns its URL."""
        route = f"/{len(self.files) + 1}/{urllib.parse.quote(path.name)}"
        self.files[route] = path.read_bytes()
        return f"http://127.0.0.1:{self.server.server_address[1]}{route}"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def die_with_parent() -> None:
    """In the child before exec: ask Linux to SIGKILL it when this script dies,
    even by SIGKILL, which no `finally` survives (prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


class Chromium:
    """Headless Chromium with a throw-away profile, its DevTools address read
    from its stderr. Used as a context manager: the whole process group is
    killed and the profile removed on the way out, whatever happened."""

    def __init__(self, binary: str, timeout: float):
        self.binary = binary
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="cvw-chromium-")
        self.log_path = os.path.join(self.profile, "stderr.log")

    def __enter__(self) -> "Chromium":
        flags = [
            "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
            "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-default-apps", "--disable-breakpad", "--mute-audio",
            "--hide-scrollbars", "--force-color-profile=srgb", "--font-render-hinting=none",
            "--disable-features=Translate,MediaRouter,OptimizationHints",
            # Chromium's sandbox will not start as root, nor in many containers (no user
            # namespaces); the page is a local file whose every request is refused anyway.
            "--no-sandbox",
        ]
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(
            [self.binary, *flags, "about:blank"], stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            start_new_session=True, preexec_fn=die_with_parent)
        log.close()
        return self

    def devtools_url(self) -> str:
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            text = Path(self.log_path).read_text(errors="replace")
            found = re.search(r"DevTools listening on (ws://\S+)", text)
            if found:
                return found.group(1)
            if self.process.poll() is not None:
                raise CheckError(f"chromium exited with status {self.process.returncode} at start:\n{self.log_tail()}")
            time.sleep(0.05)
        raise CheckError(f"chromium printed no DevTools address within {self.timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 15) -> str:
        try:
            text = Path(self.log_path).read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __exit__(self, *exc) -> None:
        # The browser's process group (browser, zygotes, renderers): asked to stop, then
        # killed, so that no helper outlives the check.
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)


# ---------------------------------------------------------------------------
# PNG: decoding Chromium's screenshots (and encoding test images).

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass
class Image:
    width: int
    height: int
    channels: int  # 3 RGB or 4 RGBA, 8 bits each
    rows: list[bytes]


def _swar_masks(n: int) -> tuple[int, int]:
    return int.from_bytes(b"\x7f" * n, "little"), int.from_bytes(b"\x80" * n, "little")


def _add_bytes(a: int, b: int, low: int, high: int) -> int:
    """Bytewise (a + b) mod 256 of two n-byte strings held as integers, carries
    kept within each byte: add the low 7 bits, then xor in the top bits. The
    masks are n bytes wide, so anything shifted past byte n falls away."""
    return ((a & low) + (b & low)) ^ ((a ^ b) & high)


def decode_png(data: bytes) -> Image:
    """Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes):
    the IDAT stream inflated, then each scanline's filter reversed (PNG spec
    §9: None, Sub, Up, Average, Paeth). Sub and Up run as whole-row integer
    arithmetic; Average and Paeth, byte by byte."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack("!I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack("!IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    if len(raw) != height * (stride + 1):
        raise ValueError("PNG image data has the wrong length")
    low, high = _swar_masks(stride)
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1:start + 1 + stride]
        if kind == 0:
            row = line
        elif kind == 1:  # Sub: a prefix sum with stride bpp, by doubling
            value, shift = int.from_bytes(line, "little"), bpp
            while shift < stride:
                value = _add_bytes(value, value << (8 * shift), low, high)
                shift *= 2
            row = value.to_bytes(stride, "little")
        elif kind == 2:  # Up
            row = _add_bytes(int.from_bytes(line, "little"), int.from_bytes(previous, "little"), low, high).to_bytes(stride, "little")
        elif kind == 3:  # Average
            out = bytearray(line)
            for i in range(stride):
                left = out[i - bpp] if i >= bpp else 0
                out[i] = (out[i] + ((left + previous[i]) >> 1)) & 0xFF
            row = bytes(out)
        elif kind == 4:  # Paeth
            out = bytearray(line)
            for i in range(stride):
                if i >= bpp:
                    a, b, c = out[i - bpp], previous[i], previous[i - bpp]
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                else:
                    predictor = previous[i]
                out[i] = (out[i] + predictor) & 0xFF
            row = bytes(out)
        else:
            raise ValueError(f"PNG filter type {kind} on row {y}")
        rows.append(row)
        previous = row
    return Image(width, height, bpp, rows)


def encode_png(image: Image, filters: list[int]) -> bytes:
    """A PNG of `image` whose row y uses filter filters[y % len(filters)]
    (for testing the decoder on every filter type)."""
    bpp, stride = image.channels, image.width * image.channels
    previous = bytes(stride)
    raw = bytearray()
    for y, row in enumerate(image.rows):
        kind = filters[y % len(filters)]
        out = bytearray([kind])
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 0:
                predictor = 0
            elif kind == 1:
                predictor = a
            elif kind == 2:
                predictor = b
            elif kind == 3:
                predictor = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            out.append((row[i] - predictor) & 0xFF)
        raw += out
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack("!I", len(body)) + kind + body + struct.pack("!I", zlib.crc32(kind + body))

    colour = 2 if bpp == 3 else 6
    return (PNG_SIGNATURE + chunk(b"IHDR", struct.pack("!IIBBBBB", image.width, image.height, 8, colour, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b""))


def changed_pixels(a: Image, b: Image, box: tuple[int, int, int, int], threshold: int = 24) -> int:
    """Pixels inside box = (x0, y0, x1, y1) whose colour differs between a and
    b by more than `threshold` (sum of absolute channel differences)."""
    x0, y0, x1, y1 = box
    ch = a.channels
    count = 0
    for y in range(y0, y1):
        ra, rb = a.rows[y], b.rows[y]
        if ra[x0 * ch:x1 * ch] == rb[x0 * ch:x1 * ch]:
            continue
        for x in range(x0 * ch, x1 * ch, ch):
            if ra[x:x + ch] != rb[x:x + ch]:
                if abs(ra[x] - rb[x]) + abs(ra[x + 1] - rb[x + 1]) + abs(ra[x + 2] - rb[x + 2]) > threshold:
                    count += 1
    return count


# ---------------------------------------------------------------------------
# The checks run inside the page (the report itself has no script).

CHART_PROBE = r"""
((MIN_FONT) => {
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none' && +s.opacity > 0;
  };
  const box = (r) => ({left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY,
                       width: r.width, height: r.height});
  const drawn = 'path,line,polyline,polygon,rect,circle,ellipse,use,image';
  return Array.from(document.querySelectorAll('svg.cvw-chart')).map((svg, index) => {
    const name = svg.getAttribute('data-chart') || `#${index + 1}`;
    const rect = svg.getBoundingClientRect();
    const problems = [];
    const title = svg.querySelector('text.title');
    if (!title || !title.textContent.trim() || !visible(title)) problems.push('no visible title (text.title)');
    const series = Array.from(svg.querySelectorAll('g.series'));
    if (series.length === 0) problems.push('no series (g.series)');
    const seriesInfo = series.map((g, i) => {
      const sname = g.getAttribute('data-series') || `#${i + 1}`;
      let marks = 0;
      for (const el of g.querySelectorAll(drawn)) {
        const b = el.getBBox();
        if ((b.width > 0 || b.height > 0) && getComputedStyle(el).display !== 'none') marks++;
      }
      if (marks === 0) problems.push(`series '${sname}' draws nothing (no element with a non-zero box)`);
      return {name: sname, marks};
    });
    if (series.length > 1) {
      const legend = svg.querySelector('g.legend');
      if (!legend || !visible(legend) || !legend.textContent.trim()) problems.push(`${series.length} series but no visible legend (g.legend)`);
    }
    const axes = {};
    const tickRects = {};
    for (const which of ['x', 'y']) {
      const axis = svg.querySelector(`g.axis.${which}`);
      if (!axis) { problems.push(`no ${which} axis (g.axis.${which})`); continue; }
      const labels = Array.from(axis.querySelectorAll('g.tick text')).filter((t) => t.textContent.trim() && visible(t));
      if (labels.length < 2) problems.push(`${which} axis has ${labels.length} labelled tick(s), fewer than 2`);
      const label = axis.querySelector('text.label');
      if (!label || !label.textContent.trim() || !visible(label)) problems.push(`${which} axis has no title (text.label)`);
      axes[which] = labels.length;
      tickRects[which] = labels.map((t) => [t.textContent.trim(), t.getBoundingClientRect()]);
    }
    // Tick labels of one axis must not overlap one another.
    for (const [which, rects] of Object.entries(tickRects)) {
      for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
        const [ta, a] = rects[i], [tb, b] = rects[j];
        const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (dx > 0.5 && dy > 0.5) problems.push(`${which} tick labels '${ta}' and '${tb}' overlap`);
      }
    }
    // Text must lie within the chart, not be cut off by its edge; note the smallest
    // rendered font size (CSS font size times the chart's scale on the page).
    let minFont = Infinity;
    for (const t of svg.querySelectorAll('text')) {
      if (!t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      const m = t.getScreenCTM();
      if (m) minFont = Math.min(minFont, parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b));
      if (r.left < rect.left - 1 || r.right > rect.right + 1 || r.top < rect.top - 1 || r.bottom > rect.bottom + 1)
        problems.push(`text '${t.textContent.trim().slice(0, 40)}' is cut off at the chart's edge`);
    }
    // The plot area: where the x and y axis lines (line.domain) meet, else the series' extent.
    const xDomain = svg.querySelector('g.axis.x line.domain'), yDomain = svg.querySelector('g.axis.y line.domain');
    let plot = null;
    if (xDomain && yDomain) {
      const xr = xDomain.getBoundingClientRect(), yr = yDomain.getBoundingClientRect();
      plot = {left: yr.left, top: yr.top, right: xr.right, bottom: xr.bottom};
    } else if (series.length) {
      const rs = series.map((g) => g.getBoundingClientRect());
      plot = {left: Math.min(...rs.map((r) => r.left)), top: Math.min(...rs.map((r) => r.top)),
              right: Math.max(...rs.map((r) => r.right)), bottom: Math.max(...rs.map((r) => r.bottom))};
    }
    if (rect.width <= 0 || rect.height <= 0) problems.push('the chart has no size on the page');
    if (minFont < MIN_FONT) problems.push(`its smallest text is ${minFont.toFixed(1)} px high on a ${innerWidth} px wide page, under ${MIN_FONT} px`);
    return {index, name, problems, series: seriesInfo, axes, box: box(rect), minFont: isFinite(minFont) ? minFont : null,
            plot: plot && box({left: plot.left, top: plot.top, right: plot.right, bottom: plot.bottom,
                               width: plot.right - plot.left, height: plot.bottom - plot.top})};
  });
})(%s)
"""

# Hides (or shows again) the series of chart `index`, then waits two frames so
# that the next screenshot shows the change.
SERIES_VISIBILITY = r"""
((index, hidden) => {
  const svg = document.querySelectorAll('svg.cvw-chart')[index];
  for (const g of svg.querySelectorAll('g.series')) g.style.visibility = hidden ? 'hidden' : '';
  return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
})(%d, %s)
"""

# The elements sticking out past the right edge of the window, furthest first.
OVERFLOW_PROBE = r"""
(() => {
  const width = document.documentElement.clientWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > width + 1 && r.width > 0) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '') +
        (el.getAttribute('data-chart') ? `[data-chart=${el.getAttribute('data-chart')}]` : '');
      culprits.push([Math.round(r.right), name]);
    }
  }
  culprits.sort((a, b) => b[0] - a[0]);
  return {scrollWidth: document.documentElement.scrollWidth, clientWidth: width,
          culprits: culprits.slice(0, 3).map(([right, name]) => `${name} (right edge ${right} px)`)};
})()
"""

SETTLE = "new Promise((done) => document.fonts.ready.then(() => requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))"


# ---------------------------------------------------------------------------
# Checking one report.


@dataclass
class Problem:
    kind: str  # console, exception, network, load, chart, ink, layout, crash
    message: str


@dataclass
class Result:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # besides the report itself and data: URLs
    messages: list[str] = field(default_factory=list)
    screenshots: list[tuple[Path, int, int, int]] = field(default_factory=list)
    seconds: float = 0.0


class Page:
    """One tab in a browser context of its own (no cache or remembered favicon
    failure carried over from the report before), attached in flat mode,
    with every domain the checks listen to enabled."""

    def __init__(self, devtools: DevTools):
        self.devtools = devtools
        self.context = devtools.call("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
        self.target = devtools.call("Target.createTarget", {"url": "about:blank", "browserContextId": self.context})["targetId"]
        self.session = devtools.call("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network", "Inspector"):
            self.call(f"{domain}.enable")

    def call(self, method: str, params: dict | None = None) -> dict:
        return self.devtools.call(method, params, self.session)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CheckError(f"the checker's own script failed: {details.get('exception', {}).get('description') or details.get('text')}")
        return result["result"].get("value")

    def viewport(self, width: int, height: int, mobile: bool) -> None:
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        self.evaluate(SETTLE)

    def screenshot(self, left: float, top: float, width: float, height: float, fast: bool = False) -> bytes:
        """A PNG of the page's box (CSS px); `fast`: quickly encoded (larger; only the Up
        filter in Chromium 156, which the decoder undoes in milliseconds), for measuring."""
        clip = {"x": left, "y": top, "width": width, "height": height, "scale": 1}
        result = self.call("Page.captureScreenshot",
                           {"format": "png", "clip": clip, "captureBeyondViewport": True, "optimizeForSpeed": fast})
        return base64.b64decode(result["data"])

    def close(self) -> None:
        try:
            self.devtools.call("Target.disposeBrowserContext", {"browserContextId": self.context}, timeout=5)
        except (CheckError, TimeoutError, OSError):
            pass


def allowed_request(url: str, documents: set[str]) -> bool:
    """The report itself (as a file or served; any #fragment) and data: URLs; nothing else."""
    return url.startswith("data:") or urllib.parse.urldefrag(url)[0] in documents


def console_text(params: dict) -> str:
    words = []
    for arg in params.get("args", []):
        words.append(str(arg["value"]) if "value" in arg else arg.get("description", arg.get("type", "?")))
    frames = (params.get("stackTrace") or {}).get("callFrames") or []
    where = f" ({Path(urllib.parse.urlsplit(frames[0]['url']).path).name}:{frames[0]['lineNumber'] + 1})" if frames else ""
    return " ".join(words) + where


class PageDidNotLoad(Exception):
    """Navigation failed (the message is Chromium's errorText)."""


def load(page: Page, url: str, timeout: float) -> int:
    """Navigates to `url` and waits for its load event; returns the index in
    `events` where this load's events begin."""
    since = len(page.devtools.events)
    navigation = page.call("Page.navigate", {"url": url})
    if navigation.get("errorText"):
        raise PageDidNotLoad(navigation["errorText"])
    page.devtools.wait_for("Page.loadEventFired", page.session, timeout, since=since)
    return since


class Screenshots:
    """Writes NAME-WHAT.png into the output directory (or nothing without
    one), after removing the PNGs an earlier run wrote for this report."""

    def __init__(self, out_dir: Path | None, report: Path, result: Result):
        self.out_dir, self.result = out_dir, result
        self.stem = report.name[:-5] if report.name.endswith(".html") else report.name
        self.used: set[str] = set()
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            for pattern in (f"{self.stem}-page.png", f"{self.stem}-phone.png", f"{self.stem}-chart-*.png"):
                for old in out_dir.glob(pattern):
                    old.unlink()

    def chart_name(self, chart: dict) -> str:
        """chart-NAME from data-chart, made safe for a file name and unique."""
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", chart["name"]).strip("-") or str(chart["index"] + 1)
        while slug in self.used:
            slug += "-"
        self.used.add(slug)
        return f"chart-{slug}"

    def save(self, what: str, png: bytes) -> None:
        if self.out_dir is None:
            return
        target = self.out_dir / f"{self.stem}-{what}.png"
        target.write_bytes(png)
        width, height = struct.unpack("!II", png[16:24])
        self.result.screenshots.append((target, width, height, len(png)))


def check_charts(page: Page, shots: Screenshots, result: Result, options: argparse.Namespace) -> None:
    """CHART_PROBE's structural checks, a screenshot of each chart, and its
    ink: the plot-area pixels that change when its series are hidden."""
    result.charts = page.evaluate(CHART_PROBE % options.min_font)
    if not result.charts:
        result.problems.append(Problem("chart", "no chart (svg.cvw-chart) on the page"))
    for chart in result.charts:
        problems = [Problem("chart", f"chart '{chart['name']}': {message}") for message in chart["problems"]]
        chart["ink"] = None
        b, plot = chart["box"], chart["plot"]
        if b["width"] > 0 and b["height"] > 0:
            x0, y0 = math.floor(b["left"]), math.floor(b["top"])
            clip = (x0, y0, math.ceil(b["right"]) - x0, math.ceil(b["bottom"]) - y0)
            shots.save(shots.chart_name(chart), page.screenshot(*clip))
            if chart["series"] and plot and plot["width"] > 2 and plot["height"] > 2:
                with_data = decode_png(page.screenshot(*clip, fast=True))
                page.evaluate(SERIES_VISIBILITY % (chart["index"], "true"))
                without = decode_png(page.screenshot(*clip, fast=True))
                page.evaluate(SERIES_VISIBILITY % (chart["index"], "false"))
                box = (max(0, math.floor(plot["left"]) - x0), max(0, math.floor(plot["top"]) - y0),
                       min(with_data.width, math.ceil(plot["right"]) - x0), min(with_data.height, math.ceil(plot["bottom"]) - y0))
                area = max(1, (box[2] - box[0]) * (box[3] - box[1]))
                chart["ink"] = changed_pixels(with_data, without, box) / area
                if chart["ink"] < options.min_ink:
                    problems.append(Problem(
                        "ink", f"chart '{chart['name']}': its series cover {100 * chart['ink']:.2g}% of the plot area, "
                               f"less than {100 * options.min_ink:.2g}%: drawn without its data?"))
            elif chart["series"]:
                problems.append(Problem("chart", f"chart '{chart['name']}': no plot area to measure"))
        chart["status"] = "FAIL" if problems else "ok"
        result.problems += problems


def check_layout(page: Page, shots: Screenshots, result: Result, options: argparse.Namespace) -> None:
    """No sideways scrolling at laptop width, then on a phone; a screenshot of
    the top of the page at each."""
    for label, width, height, mobile, cap in (
            ("page", DESKTOP_WIDTH, DESKTOP_HEIGHT, False, options.page_height),
            ("phone", PHONE_WIDTH, PHONE_HEIGHT, True, options.phone_height)):
        page.viewport(width, height, mobile)
        layout = page.evaluate(OVERFLOW_PROBE)
        if layout["scrollWidth"] > layout["clientWidth"]:
            result.problems.append(Problem(
                "layout", f"at {width} px ({'phone' if mobile else 'laptop'}) the page is {layout['scrollWidth']} px wide "
                          "and scrolls sideways: " + ", ".join(layout["culprits"] or ["?"])))
        metrics = page.call("Page.getLayoutMetrics")
        content_height = metrics.get("cssContentSize", metrics.get("contentSize"))["height"]
        shot_height = min(content_height, cap) if cap > 0 else content_height
        shots.save(label, page.screenshot(0, 0, width, max(1, math.ceil(shot_height))))


def read_events(events: list[dict], session: str, documents: set[str], served_from: int | None, result: Result) -> None:
    """What the page said and asked for: console calls, exceptions, log
    entries and requests of `session`, into `result`."""
    for index, event in events:
        if event.get("sessionId") != session:
            continue
        how = " (served over HTTP)" if served_from is not None and index >= served_from else ""
        method, params = event["method"], event["params"]
        if method == "Runtime.consoleAPICalled":
            text = f"console.{params['type']}: {console_text(params)}{how}"
            result.messages.append(text)
            if params["type"] in ("error", "warning", "assert"):
                result.problems.append(Problem("console", text))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = (details.get("exception") or {}).get("description") or details.get("text", "exception")
            result.messages.append(f"exception: {text}{how}")
            result.problems.append(Problem(
                "exception", f"uncaught exception: {text.splitlines()[0]} (line {details.get('lineNumber', -1) + 1}){how}"))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            text = f"{entry['level']} ({entry['source']}): {entry['text']}{how}"
            result.messages.append(text)
            if entry["level"] in ("error", "warning") and not blocked_request_log(entry, documents):
                result.problems.append(Problem("console", text))
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not allowed_request(url, documents):
                result.requests.append(url + how)
                hint = (" — name the icon in the page: <link rel=\"icon\" href=\"data:,\">"
                        if urllib.parse.urlsplit(url).path == "/favicon.ico" else "")
                result.problems.append(Problem("network", f"{params.get('type', 'Other')} request for {url[:200]}{how}{hint}"))
        elif method == "Inspector.targetCrashed":
            result.problems.append(Problem("crash", f"the page crashed{how}"))


def check_report(devtools: DevTools, server: ReportServer, path: Path, out_dir: Path | None,
                 options: argparse.Namespace) -> Result:
    """Loads `path` from disk, checks its charts and layout and saves the
    screenshots, then loads it once more from `server`; the findings in
    `Result.problems`."""
    started = time.monotonic()
    result = Result(path)
    document, served = path.resolve().as_uri(), server.url_for(path)
    documents = {document, served}
    first_event, served_from = len(devtools.events), None
    page = Page(devtools)

    def answer_paused_request(event: dict) -> None:
        if event.get("sessionId") != page.session:
            return
        params = event["params"]
        if allowed_request(params["request"]["url"], documents):
            devtools.send("Fetch.continueRequest", {"requestId": params["requestId"]}, page.session)
        else:
            devtools.send("Fetch.failRequest", {"requestId": params["requestId"], "errorReason": "BlockedByClient"}, page.session)

    devtools.handlers["Fetch.requestPaused"] = answer_paused_request
    try:
        # Every request stops at Fetch first: the report itself goes on, anything else is refused
        # (and reported from Network.requestWillBeSent), so no check ever waits on the network.
        page.call("Fetch.enable", {"patterns": [{"urlPattern": "*", "requestStage": "Request"}]})
        page.viewport(DESKTOP_WIDTH, DESKTOP_HEIGHT, mobile=False)
        load(page, document, options.timeout)
        page.evaluate(SETTLE)
        shots = Screenshots(out_dir, path, result)
        check_charts(page, shots, result, options)
        check_layout(page, shots, result, options)
        devtools.drain(0.1)  # late messages (e.g. from the phone layout)
        # Served over HTTP, where Chromium asks for /favicon.ico (it does not for a file).
        served_from = load(page, served, options.timeout)
        devtools.drain(0.3)  # the favicon request comes after the load event (about 15 ms here)
    except PageDidNotLoad as error:
        how = " served over HTTP" if served_from is not None else ""
        result.problems.append(Problem("load", f"the page did not load{how}: {error}"))
    except TimeoutError as error:
        result.problems.append(Problem("load", f"timed out: {error}"))
    finally:
        devtools.handlers.pop("Fetch.requestPaused", None)
        page.close()
    read_events(list(enumerate(devtools.events))[first_event:], page.session, documents, served_from, result)
    result.seconds = time.monotonic() - started
    return result


def blocked_request_log(entry: dict, documents: set[str]) -> bool:
    """Chromium's own 'Failed to load resource: net::ERR_BLOCKED_BY_CLIENT' for
    a request this checker refused (already reported as a network problem)."""
    return (entry.get("source") == "network" and "ERR_BLOCKED_BY_CLIENT" in entry.get("text", "")
            and not allowed_request(entry.get("url", ""), documents))


# ---------------------------------------------------------------------------
# Reporting and the command line.


def print_result(result: Result, quiet: bool = False) -> None:
    status = "ok" if not result.problems else "FAILED"
    print(f"{result.path}: {status} — {len(result.charts)} chart(s), {len(result.requests)} request(s) besides the report "
          f"itself, {len(result.messages)} console/log message(s), {result.seconds:.1f} s")
    if quiet:
        return
    for chart in result.charts:
        ink = f"ink {100 * chart['ink']:.2g}%" if chart.get("ink") is not None else "ink -"
        series = "; ".join(f"'{s['name']}' {s['marks']} mark(s)" for s in chart["series"]) or "no series"
        b = chart["box"]
        font = f"text ≥ {chart['minFont']:.1f} px" if chart.get("minFont") else "no text"
        print(f"  {chart.get('status', '?'):4}  {chart['name']:<28} {b['width']:.0f}×{b['height']:.0f} px, "
              f"ticks x {chart['axes'].get('x', 0)} y {chart['axes'].get('y', 0)}, {font}, {ink}, series: {series}")
    for url in result.requests:
        print(f"  request: {url[:160]}")
    for message in result.messages:
        print(f"  message: {message[:300]}")
    for target, width, height, size in result.screenshots:
        print(f"  screenshot: {target} ({width}×{height}, {size / 1024:.0f} KB)")
    for problem in result.problems:
        print(f"  problem [{problem.kind}]: {problem.message}")


def run_checks(paths: list[Path], out_dir: Path | None, options: argparse.Namespace) -> list[Result]:
    binary = find_chromium(options.chromium)
    if binary is None:
        if options.chromium or os.environ.get("CHROMIUM"):
            raise CheckError(f"no browser at {options.chromium or os.environ.get('CHROMIUM')}")
        if options.no_install:
            raise CheckError("chromium is not installed (and --no-install was given)")
        install_chromium()
        binary = find_chromium(None)
        if binary is None:
            raise CheckError("apt-get installed chromium, yet no chromium binary was found")
    results = []
    # Chromium starts before the server's thread: Popen's preexec_fn wants no other threads.
    with Chromium(binary, options.timeout) as browser, ReportServer() as server:
        try:
            devtools = DevTools(browser.devtools_url(), options.timeout)
        except (OSError, TimeoutError) as error:
            raise CheckError(f"could not connect to chromium: {error}\n{browser.log_tail()}") from None
        try:
            for path in paths:
                results.append(check_report(devtools, server, path, out_dir, options))
        except (OSError, TimeoutError) as error:
            raise CheckError(f"lost the browser: {error}\n{browser.log_tail()}") from None
        finally:
            devtools.close()
    return results


def websocket_self_test() -> int:
    """Frames of every length form, masked and not, and a message in three
    fragments with a ping between them, read back through `receive`."""
    failures = 0
    reader = WebSocket.__new__(WebSocket)
    reader.buffer, reader.fragments, reader.timeout = bytearray(), [], 1.0
    sent: list[bytes] = []
    reader.sock = type("Sink", (), {"sendall": lambda self, data: sent.append(data), "settimeout": lambda self, t: None})()
    for size in (0, 5, 125, 126, 300, 65535, 65536, 200_000):
        text = ("é" * size)[:size] if size < 1000 else "x" * size
        for mask in (os.urandom(4), None):
            frame = WebSocket.frame(0x1, text.encode(), mask)
            length_bytes = 0 if len(text.encode()) < 126 else 2 if len(text.encode()) < 65536 else 8
            if len(frame) != 2 + length_bytes + (4 if mask else 0) + len(text.encode()):
                print(f"self-test FAILED: WebSocket header of a {len(text.encode())}-byte frame is not the shortest form")
                failures += 1
            reader.buffer += frame
            if reader.receive(time.monotonic() + 1) != text:
                print(f"self-test FAILED: WebSocket frame of {size} characters, {'masked' if mask else 'unmasked'}")
                failures += 1
    reader.buffer += (WebSocket.frame(0x1, b'{"id": 1, ', None, fin=False) + WebSocket.frame(0x9, b"hi", None)
                      + WebSocket.frame(0x0, b'"result": ', None, fin=False) + WebSocket.frame(0x0, b"{}}", None))
    if reader.receive(time.monotonic() + 1) != '{"id": 1, "result": {}}' or len(sent) != 1 or sent[0][0] != 0x8A:
        print("self-test FAILED: WebSocket fragmented message with a ping between the fragments")
        failures += 1
    reader.buffer += WebSocket.frame(0x1, b"abc", None)[:3]  # half a frame: nothing consumed
    try:
        reader.receive(time.monotonic())
        print("self-test FAILED: WebSocket returned a message from half a frame")
        failures += 1
    except TimeoutError:
        pass
    if len(reader.buffer) != 3:
        print("self-test FAILED: WebSocket half frame was consumed")
        failures += 1
    print(f"self-test: WebSocket framing {'ok' if not failures else 'FAILED'} (7-, 16-, 64-bit lengths, masks, fragments, ping)")
    return failures


def png_self_test() -> int:
    """Images encoded with each PNG filter, and all five in turn, decoded back."""
    failures = 0
    noise = random.Random(6)
    for channels in (3, 4):
        # Smooth gradients (small residuals), flat runs and noise (every Paeth tie).
        width, height = 37, 24
        rows = [bytes((x * 7 + y * 13 + c * 50) & 0xFF for x in range(width) for c in range(channels)) for y in range(8)]
        rows += [bytes([200] * width * channels) for _ in range(4)]
        rows += [noise.randbytes(width * channels) for _ in range(height - len(rows))]
        image = Image(width, height, channels, rows)
        for filters in ([0], [1], [2], [3], [4], [0, 1, 2, 3, 4]):
            decoded = decode_png(encode_png(image, filters))
            if decoded.rows != rows:
                print(f"self-test FAILED: PNG decoder, {channels} channels, filters {filters}")
                failures += 1
    print(f"self-test: PNG decoder {'ok' if not failures else 'FAILED'} on RGB and RGBA with filters None, Sub, Up, Average, Paeth")
    return failures


def self_test(options: argparse.Namespace) -> int:
    """The WebSocket framing and the PNG decoder on made-up data, then each
    fixture must show exactly the kinds of problem its <meta
    name="expect-problems"> names."""
    failures = websocket_self_test() + png_self_test()

    fixtures = sorted((HERE / "fixtures").glob("*.html"))
    expected = {}
    for fixture in fixtures:
        found = re.search(r'<meta name="expect-problems" content="([^"]*)"', fixture.read_text())
        if not found:
            print(f"self-test FAILED: {fixture} has no <meta name=\"expect-problems\">")
            failures += 1
            continue
        expected[fixture] = set(found.group(1).split())
    with tempfile.TemporaryDirectory(prefix="cvw-selftest-") as out:
        results = run_checks(list(expected), Path(out), options)
    for result in results:
        kinds = {p.kind for p in result.problems}
        want = expected[result.path]
        verdict = "ok" if kinds == want else "FAILED"
        if kinds != want:
            failures += 1
        print(f"self-test {verdict}: {result.path.name}: expected {sorted(want) or 'no problem'}, got {sorted(kinds) or 'no problem'}")
        for problem in result.problems:
            print(f"    [{problem.kind}] {problem.message[:200]}")
    print(f"self-test: {'all ' + str(len(results)) + ' fixtures as expected' if not failures else str(failures) + ' failure(s)'}")
    return 0 if failures == 0 else 1


def interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], epilog="See the module docstring for what is checked.")
    parser.add_argument("reports", nargs="*", type=Path, help="HTML reports to check (default reports/demo.html)")
    parser.add_argument("-o", "--output", type=Path, default=Path("reports/screenshots"),
                        help="directory for the PNG screenshots (default reports/screenshots)")
    parser.add_argument("--no-screenshots", action="store_true", help="check only; write no PNG")
    parser.add_argument("--chromium", help="the Chromium binary (default: $CHROMIUM, Debian's chromium, or one on PATH)")
    parser.add_argument("--no-install", action="store_true", help="fail instead of installing chromium with apt-get")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds allowed for each browser step (default 30)")
    parser.add_argument("--min-ink", type=float, default=0.0005,
                        help="least share of the plot area a chart's series must cover (default 0.0005 = 0.05%%, "
                             "about 80 px of a 560×280 px plot: a few markers pass, a curve collapsed to a dot fails)")
    parser.add_argument("--min-font", type=float, default=8.0,
                        help="least rendered text size in a chart at 1280 px, in px (default 8)")
    parser.add_argument("--page-height", type=int, default=2400,
                        help="height in px of the desktop page screenshot, its top part (0 = whole page; default 2400)")
    parser.add_argument("--phone-height", type=int, default=1600,
                        help="height in px of the phone page screenshot (0 = whole page; default 1600)")
    parser.add_argument("-q", "--quiet", action="store_true", help="one line per report unless it fails")
    parser.add_argument("--self-test", action="store_true", help="test the checker itself on Tests/browser/fixtures")
    options = parser.parse_args(argv)

    # SIGTERM (a CI timeout, `timeout`) unwinds like Ctrl-C, so the browser is always killed.
    signal.signal(signal.SIGTERM, interrupt)
    try:
        if options.self_test:
            return self_test(options)
        paths = options.reports or [Path("reports/demo.html")]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            print(f"check_report: no such file: {', '.join(missing)}", file=sys.stderr)
            return 2
        results = run_checks(paths, None if options.no_screenshots else options.output, options)
    except CheckError as error:
        print(f"check_report: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("check_report: interrupted", file=sys.stderr)
        return 130
    for result in results:
        print_result(result, quiet=options.quiet and not result.problems)
    failed = [r for r in results if r.problems]
    if failed:
        print(f"FAILED: {sum(len(r.problems) for r in failed)} problem(s) in {len(failed)} of {len(results)} report(s)")
        return 1
    print(f"all {len(results)} report(s) passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
