"""Access and exposure: who may change the graph, what leaves the server, what a name can do.

- Without the admin token no route changes the graph: every path of the OpenAPI schema,
  every page route and /api/v1/sources, under POST, PUT, PATCH and DELETE, answers 404 or
  405 in the error shape, and the graph (and its snapshot file) stays byte for byte.
- With the token set, only POST /api/v1/sources writes: no token 401, a wrong one 403.
- CORS is closed by default: no Access-Control-Allow-Origin on any cross-origin answer.
- No stack trace or internal path in any error that can be provoked (in process and over
  real HTTP, with raw malformed requests).
- `innograph serve` listens on 127.0.0.1 only: tests/api/test_api_server.py
  (test_bound_to_loopback_only) connects to the machine's outward address; here the
  listening socket itself is read from /proc/net/tcp, which needs no outward address.
- Markup in node names stays inert in the pages, the exports (GraphML, GEXF, SVG, JSON,
  HTML brief) and the Word brief: each output's element structure is the same as with
  harmless names of the same shape. The browser half (tooltips, panel, search box run in
  Chromium) is tests/browser/test_browser_pages.py::test_markup_in_names_stays_text.
"""

from __future__ import annotations

import io
import socket
import sys
import tempfile
import zipfile
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from api.app import create_app
from api.deps import get_store
from graph.errors import StoreUnavailable
from graph.memory import MemoryStore
from graph.model import Document, Edge, Evidence, Node
from graph.store import Batch
from loaders.sources import load_sources
from tests.api.api_support import SlowStore, make_settings
from tests.support.servers import serve_cli

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
API = "/api/v1"
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
TOKEN = "s3cret-admin-token"
UPLOAD = b"nodes:\n  - {type: Zone, name_zh: \xe6\x96\xb0\xe5\x9b\xad\xe5\x8c\xba, name_en: New Zone}\n"


def snapshot(store: MemoryStore) -> tuple:
    return (sorted(n.model_dump_json() for n in store.iter_nodes()),
            sorted(e.model_dump_json() for e in store.iter_edges()),
            [d.model_dump_json() for d in store.documents()],
            store.path.read_bytes())


@pytest.fixture
def mini_store(tmp_path) -> MemoryStore:
    store = MemoryStore(tmp_path / "data" / "graph.json")
    load_sources(store, [MINI])
    return store


def concrete(path: str) -> str:
    return path.replace("{ref}", quote("怀柔科学城")).replace("{ref:path}", quote("怀柔科学城"))


def every_path(app) -> list[str]:
    """The OpenAPI paths, the routes outside the schema (pages, docs) and /api/v1/sources."""
    paths = set(app.openapi()["paths"])
    paths |= {getattr(route, "path", "") for route in app.routes}
    paths |= {f"{API}/sources", f"{API}/sources/x", f"{API}/nodes", f"{API}/admin", "/admin"}
    return sorted(concrete(p) for p in paths if p)


def assert_error_body(response, statuses) -> None:
    assert response.status_code in statuses, f"{response.request.method} {response.request.url}: " \
                                             f"{response.status_code} {response.text[:200]}"
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == response.status_code


# ---- writes -------------------------------------------------------------------------------

def test_no_route_writes_without_the_admin_token(mini_store, tmp_path):
    before = snapshot(mini_store)
    app = create_app(make_settings(tmp_path), store=mini_store)
    schema = app.openapi()
    operations = {(m.upper(), p) for p, item in schema["paths"].items() for m in item}
    assert {m for m, _ in operations} == {"GET"}, operations
    tried = 0
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in every_path(app):
            for method in WRITE_METHODS:
                response = client.request(method, path, files={"file": ("x.yaml", UPLOAD)})
                assert_error_body(response, (404, 405))
                tried += 1
    assert tried >= 4 * 20
    assert snapshot(mini_store) == before


@pytest.mark.parametrize("headers, status", [
    ({}, 401),
    ({"Authorization": "Bearer"}, 401),
    ({"Authorization": f"Basic {TOKEN}"}, 401),
    ({"Authorization": "Bearer wrong-token"}, 403),
    ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403),
    ({"Authorization": f"Bearer {TOKEN}x"}, 403),
    ({"Authorization": f"Bearer {TOKEN.upper()}"}, 403),
    ({"Authorization": f"Bearer {TOKEN} {TOKEN}"}, 403),
    ({"X-Admin-Token": TOKEN}, 401),
    ({"Cookie": f"token={TOKEN}"}, 401),
])
def test_a_missing_or_wrong_token_changes_nothing(mini_store, tmp_path, headers, status):
    before = snapshot(mini_store)
    app = create_app(make_settings(tmp_path, admin_token=TOKEN), store=mini_store)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post(f"{API}/sources", headers=headers, files={"file": ("x.yaml", UPLOAD)},
                               params={"token": TOKEN})
        assert_error_body(response, (status,))
        preview = client.post(f"{API}/sources/preview", headers=headers, files={"file": ("x.txt", b"x")})
        assert_error_body(preview, (status,))  # the preview writes nothing, and still asks for the token first
        for path in every_path(app):  # with a token configured, still only /sources takes a write
            if path not in (f"{API}/sources", f"{API}/sources/preview"):
                for method in WRITE_METHODS:
                    assert_error_body(client.request(method, path, headers=headers), (404, 405))
    assert snapshot(mini_store) == before


def test_the_right_token_does_write(mini_store, tmp_path):
    """The checks above are live: the same upload with the token goes in."""
    app = create_app(make_settings(tmp_path, admin_token=TOKEN), store=mini_store)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post(f"{API}/sources", headers={"Authorization": f"Bearer {TOKEN}"},
                               files={"file": ("x.yaml", UPLOAD)})
    assert response.status_code == 200, response.text
    assert mini_store.lookup("新园区")


# ---- CORS -----------------------------------------------------------------------------------

def test_cors_is_closed_by_default(mini_store, tmp_path):
    app = create_app(make_settings(tmp_path, admin_token=TOKEN), store=mini_store)
    origin = {"Origin": "https://evil.example"}
    preflight = {**origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization"}
    with TestClient(app, raise_server_exceptions=False) as client:
        answers = [client.get(f"{API}/zones", headers=origin),
                   client.get(f"{API}/nodes/nope", headers=origin),
                   client.get("/", headers=origin),
                   client.post(f"{API}/sources", headers=origin),
                   client.options(f"{API}/sources", headers=preflight),
                   client.options(f"{API}/zones", headers=preflight)]
    assert answers[0].status_code == 200
    for response in answers:
        leaked = {k for k in response.headers if k.lower().startswith("access-control-")}
        assert not leaked, f"{response.request.method} {response.request.url}: {leaked}"
    assert answers[4].status_code >= 400  # no preflight is granted


# ---- no internal detail -----------------------------------------------------------------------

def leaks(text: str, *private: str) -> list[str]:
    markers = ["Traceback", 'File "', "site-packages", str(ROOT), sys.prefix, tempfile.gettempdir() + "/",
               str(Path.home()) + "/", *private]
    return [m for m in markers if m and m in text]


class FailingStore:
    """A store whose every call raises an unexpected error naming internal paths."""

    backend = "memory"

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise RuntimeError(f'Traceback: File "{ROOT}/graph/memory.py", line 1 in {sys.prefix}/lib/site-packages')
        return fail


class DownStore(FailingStore):
    def __getattr__(self, name):
        def down(*args, **kwargs):
            raise StoreUnavailable(f"Neo4j at bolt://10.1.2.3:7687 is not reachable: {ROOT}/.env.neo4j")
        return down


def provide(store):
    return lambda: store


def zipped(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


#: (method, path, params, upload) -- each should end in an error (4xx or 5xx).
PROVOKED = [
    ("GET", "/nope", {}, None),
    ("GET", f"{API}/nope", {}, None),
    ("DELETE", f"{API}/zones", {}, None),
    ("GET", f"{API}/nodes/{quote('没有这个')}", {}, None),
    ("GET", f"{API}/nodes/%00", {}, None),
    ("GET", f"{API}/nodes/{quote('x' * 300)}", {}, None),
    ("GET", f"{API}/search", {}, None),
    ("GET", f"{API}/search", {"q": "科", "limit": "many"}, None),
    ("GET", f"{API}/search", {"q": "科", "type": "Planet"}, None),
    ("GET", f"{API}/subgraph", {"center": "怀柔科学城", "depth": 9}, None),
    ("GET", f"{API}/paths", {"source": "a"}, None),
    ("GET", f"{API}/export", {"center": "怀柔科学城", "format": "exe"}, None),
    ("GET", f"{API}/ask", {"q": "问" * 600}, None),
    ("GET", "/nodes/nope", {}, None),
    ("GET", "/view", {"center": "nope"}, None),
    ("GET", "/view", {"center": "怀柔科学城", "depth": "deep"}, None),
    ("GET", "/brief/nope", {}, None),
    ("GET", "/brief/怀柔科学城", {"format": "pdf"}, None),
    ("GET", "/brief/怀柔科学城", {"lang": "fr"}, None),
    ("GET", "/docs-assets/../../pyproject.toml", {}, None),
    ("POST", f"{API}/sources", {}, ("bad.zip", b"PK\x03\x04 not a zip")),
    ("POST", f"{API}/sources", {}, ("x.exe", b"MZ")),
    ("POST", f"{API}/sources", {}, ("x.yaml", b"nodes: [{type: Planet, name_zh: X}]\n")),
    ("POST", f"{API}/sources", {}, ("x.yaml", b"\xff\xfe\x00garbage: [")),
    ("POST", f"{API}/sources", {}, ("x.yaml", b"documents: [{id: d, title: t, path: /etc/passwd}]\n")),
    ("POST", f"{API}/sources", {}, ("x.zip", zipped({"../../evil.yaml": b"nodes: []\n"}))),
    ("POST", f"{API}/sources", {}, ("x.zip", zipped({"nodes.csv": b"id,type\n1,Planet\n",
                                                     "edges.csv": b"source,type,target\n1,X,2\n"}))),
    ("POST", f"{API}/sources", {}, ("r.txt", b"\x00\x01\x02" * 100)),
    ("POST", f"{API}/sources", {}, ("x.yaml", b"x" * (70 * 1024))),
]


def test_no_error_carries_a_trace_or_a_path(mini_store, tmp_path):
    settings = make_settings(tmp_path, admin_token=TOKEN, max_upload_bytes=64 * 1024, query_timeout=1.0)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    seen: Counter = Counter()
    with TestClient(create_app(settings, store=mini_store), raise_server_exceptions=False) as client:
        for method, path, params, upload in PROVOKED:
            files = {"file": upload} if upload else None
            response = client.request(method, path, params=params, files=files, headers=auth)
            assert response.status_code >= 400, f"{method} {path} {params}: {response.status_code}"
            assert not leaks(response.text, str(tmp_path)), f"{method} {path}: {response.text[:300]}"
            seen[response.status_code] += 1
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            response = client.post(f"{API}/sources", headers=headers, files={"file": ("x.yaml", UPLOAD)})
            assert not leaks(response.text, str(tmp_path)), response.text
            seen[response.status_code] += 1
    # the server's own failures: an unexpected exception (500), a store that is down (503), a slow one (504)
    named = (f"{API}/nodes/HSC", f"{API}/paths?source=HSC&target=BINN", "/nodes/HSC", "/view?center=HSC")
    for store, status, paths in ((FailingStore(), 500, (*named, f"{API}/search?q=HSC", "/")),
                                 (DownStore(), 503, (*named, f"{API}/search?q=HSC", "/")),
                                 (SlowStore(mini_store, delay=5), 504, named)):
        app = create_app(make_settings(tmp_path, query_timeout=0.5))
        app.dependency_overrides[get_store] = provide(store)
        with TestClient(app, raise_server_exceptions=False) as client:
            for path in paths:
                response = client.get(path)
                assert response.status_code == status, f"{path}: {response.status_code} {response.text[:200]}"
                assert not leaks(response.text, "10.1.2.3", ".env.neo4j"), f"{path}: {response.text[:300]}"
                seen[status] += 1
        if isinstance(store, SlowStore):
            store.release()
    assert {400, 401, 403, 404, 405, 413, 422, 500, 503, 504} - {400} <= set(seen), seen


RAW_REQUESTS = [
    b"GET /api/v1/nodes/%ff HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/nodes/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/search?q=%ed%a0%80 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /view?center=%ff%00 HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /brief/%ff?format=docx HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /docs-assets/%2e%2e/%2e%2e/pyproject.toml HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    b"POST /api/v1/sources HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
    b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n",
    b"BREW /api/v1/health HTCPCP/1.0\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,  # a TLS hello on the plain port
]


def raw_exchange(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        s.shutdown(socket.SHUT_WR)
        data = b""
        try:
            while chunk := s.recv(65536):
                data += chunk
        except (socket.timeout, ConnectionResetError):
            pass
    return data


def listening_addresses(port: int) -> set[str]:
    """Local addresses of the LISTEN sockets on `port`, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                if len(address) == 8:
                    found.add(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    words = bytes.fromhex(address)
                    found.add(socket.inet_ntop(socket.AF_INET6, b"".join(
                        words[i:i + 4][::-1] for i in range(0, 16, 4))))
    return found


def test_served_over_http_on_loopback_only_and_without_traces(tmp_path):
    """`innograph serve` with no --host: listens on 127.0.0.1 only; raw malformed requests get
    plain 4xx answers with nothing from the server's inside."""
    with serve_cli(tmp_path) as (base, log):
        port = int(base.rsplit(":", 1)[1])
        assert listening_addresses(port) == {"127.0.0.1"}
        for request in RAW_REQUESTS:
            answer = raw_exchange(port, request)
            head = answer.split(b"\r\n", 1)[0]
            assert not head or not head.startswith(b"HTTP/1.1 5"), f"{request[:60]!r} -> {head!r}"
            text = answer.decode("utf-8", "replace")
            assert not leaks(text, str(tmp_path)), f"{request[:60]!r} -> {text[:300]}"
        assert httpx.get(base + f"{API}/health", timeout=10).status_code == 200  # still serving


# ---- markup in names --------------------------------------------------------------------------

HOSTILE = ["<img src=x onerror=alert(1)>", '"]]></x><script>', "</script><script>alert(2)</script><!--"]
HARMLESS = ["<img src=x onerror=alert(1)>".replace("<", "(").replace(">", ")"), "-]]-/x--script-",
            "-/script--script-alert(2)-/script--!--"]


def markup_store(names: list[str]) -> MemoryStore:
    """A zone named names[0], an institution named names[1] in it, supported by a program named
    names[2]; the markup also in aliases, attributes, evidence and the document title."""
    zone, inst, prog = names
    text = f"{inst}位于{zone}，{prog}支持{inst}。"
    store = MemoryStore()
    store.write(Batch(
        nodes=[Node(id="zone-m", type="Zone", name_zh=zone, name_en=zone, aliases=[f"{zone}别名"]),
               Node(id="zone-other", type="Zone", name_zh="另一园区", name_en="Other Zone"),
               Node(id="inst-m", type="Institution", name_zh=inst, name_en=inst, attrs={"kind": inst}),
               Node(id="prog-m", type="Program", name_zh=prog, name_en=prog, attrs={"note": zone})],
        edges=[Edge(source="inst-m", type="LOCATED_IN", target="zone-m",
                    evidence=[Evidence(doc="doc-m", quote=text, start=0, end=len(text))]),
               Edge(source="inst-m", type="LOCATED_IN", target="zone-other"),
               Edge(source="prog-m", type="SUPPORTS", target="inst-m",
                    evidence=[Evidence(doc="doc-m", quote=prog, start=0, end=len(prog))])],
        documents=[Document(id="doc-m", title=zone, title_en=inst, publisher=prog)]))
    return store


class Tags(HTMLParser):
    """The element structure of an HTML page: each start tag with its attribute names."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()

    def handle_starttag(self, tag, attrs):
        self.tags[(tag, tuple(sorted(name for name, _ in attrs)))] += 1


def html_structure(text: str) -> Counter:
    parser = Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def xml_structure(data: bytes) -> Counter:
    """Every element and attribute name; fails if the document is not well-formed XML."""
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, recover=False))
    return Counter((el.tag, tuple(sorted(el.attrib))) for el in root.iter() if isinstance(el.tag, str))


def docx_structure(data: bytes) -> tuple[Counter, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    root = etree.fromstring(xml)
    text = "".join(root.itertext())
    return Counter(el.tag for el in root.iter() if isinstance(el.tag, str)), text


OUTPUTS = [
    ("page /", "/", {}, "html"),
    ("page /nodes/{zone}", "/nodes/zone-m", {}, "html"),
    ("page /nodes/{inst}", "/nodes/inst-m", {}, "html"),
    ("page /view", "/view", {"center": "zone-m", "depth": "2"}, "html"),
    ("page /ask, answered", "/ask", {"q": "谁支持另一园区？"}, "html"),  # lists the other names
    ("page /ask, echoed", "/ask", {"q": "{zone}"}, "html-echo"),  # read differently: compare tags only
    ("html brief", "/brief/zone-m", {}, "html"),
    ("html brief en", "/brief/inst-m", {"lang": "en"}, "html"),
    ("docx brief", "/brief/inst-m", {"format": "docx"}, "docx"),
    ("graphml", f"{API}/export", {"center": "zone-m", "format": "graphml"}, "xml"),
    ("gexf", f"{API}/export", {"center": "zone-m", "format": "gexf"}, "xml"),
    ("svg", f"{API}/export", {"center": "zone-m", "format": "svg"}, "xml"),
    ("json", f"{API}/export", {"center": "zone-m", "format": "json"}, "json"),
    ("md brief", "/brief/zone-m", {"format": "md"}, "md"),
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every output, for the hostile names and for harmless ones of the same shape."""
    out = {}
    for label, names in (("hostile", HOSTILE), ("harmless", HARMLESS)):
        app = create_app(make_settings(tmp_path_factory.mktemp(label)), store=markup_store(names))
        with TestClient(app, raise_server_exceptions=False) as client:
            for name, path, params, _ in OUTPUTS:
                params = {k: v.replace("{zone}", names[0]) for k, v in params.items()}
                response = client.get(path, params=params)
                assert response.status_code == 200, f"{label} {name}: {response.status_code} {response.text[:300]}"
                out[label, name] = response.content
    return out


@pytest.mark.parametrize("name, kind", [(o[0], o[3]) for o in OUTPUTS], ids=[o[0] for o in OUTPUTS])
def test_markup_in_names_stays_inert(rendered, name, kind):
    hostile, harmless = rendered["hostile", name], rendered["harmless", name]
    if kind == "html":
        text = hostile.decode("utf-8")
        assert html_structure(text) == html_structure(harmless.decode("utf-8")), \
            "a name added or changed elements of the page"
        assert "<img src=x" not in text and "</x>" not in text and "<script>alert" not in text
    elif kind == "html-echo":
        text = hostile.decode("utf-8")
        risky = {"script", "img", "x", "iframe", "object", "embed", "svg", "style", "link", "meta", "base"}

        def risky_tags(page: str) -> Counter:
            return Counter(t for (t, _), n in html_structure(page).items() for _ in range(n) if t in risky)

        extra = risky_tags(text) - risky_tags(harmless.decode("utf-8"))
        assert not extra, f"the question added elements: {extra}"
        assert not [a for (_, attrs) in html_structure(text) for a in attrs if a.startswith("on")]
        assert "<img src=x" not in text and "</x>" not in text and "<script>alert" not in text
    elif kind == "xml":
        assert xml_structure(hostile) == xml_structure(harmless), "a name added or changed elements"
        texts = " ".join(etree.fromstring(hostile).itertext()) + " ".join(
            v for el in etree.fromstring(hostile).iter() for v in el.attrib.values())
        assert any(h in texts for h in HOSTILE), "the names should be kept, as text"
    elif kind == "docx":
        (tags, text), (harmless_tags, _) = docx_structure(hostile), docx_structure(harmless)
        assert tags == harmless_tags
        assert all(h in text for h in HOSTILE[1:2]), "the names should be kept, as text"
    elif kind == "json":
        import json
        data = json.loads(hostile)
        assert {n["name_zh"] for n in data["nodes"]} >= set(HOSTILE[:2])
    elif kind == "md":
        text = hostile.decode("utf-8")
        for raw in ("<img", "<script", "</x>", "</script"):
            assert raw not in text, f"raw {raw!r} in the Markdown briefing (a Markdown viewer renders it)"
