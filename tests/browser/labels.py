"""Measure what a network page draws: every text run on its canvas and every node's shape.

The page is not asked which labels it shows: CanvasRenderingContext2D.fillText is
wrapped, one frame is redrawn, and each text run is boxed from the context's own
transform and TextMetrics (in CSS pixels of the page). Node shapes come from
vis-network's node objects (position, size) mapped to the screen. A label "overlaps"
when its box meets another label's or any node's shape (its own node's too).
"""

from __future__ import annotations

import json

#: Installs the recorder once per page; `__igFrame()` redraws and resolves with the measurements.
MEASURE_JS = r"""
(function () {
  if (!window.__igTexts) {
    window.__igTexts = [];
    var fill = CanvasRenderingContext2D.prototype.fillText;
    CanvasRenderingContext2D.prototype.fillText = function (text, x, y) {
      if (this.canvas && this.canvas.closest && this.canvas.closest("#network")) {
        var m = this.measureText(text), t = this.getTransform(), ratio = this.canvas.width / this.canvas.clientWidth;
        var px = function (cx, cy) { return [(t.a * cx + t.c * cy + t.e) / ratio, (t.b * cx + t.d * cy + t.f) / ratio]; };
        var a = px(x - m.actualBoundingBoxLeft, y - m.actualBoundingBoxAscent);
        var b = px(x + m.actualBoundingBoxRight, y + m.actualBoundingBoxDescent);
        if (String(text).trim()) {
          window.__igTexts.push({text: String(text), box: [a[0], a[1], b[0], b[1]], size: this.font});
        }
      }
      return fill.apply(this, arguments);
    };
    innograph.network.on("beforeDrawing", function () { window.__igTexts = []; });
  }
  return new Promise(function (resolve) {
    innograph.network.redraw();
    requestAnimationFrame(function () { requestAnimationFrame(function () {
      var net = innograph.network, scale = net.getScale(), shapes = [];
      var wrap = document.getElementById("network").getBoundingClientRect();
      Object.keys(net.body.nodes).forEach(function (id) {
        var n = net.body.nodes[id];
        if (n.options.hidden || !innograph.meta.nodes[id]) { return; }
        var d = net.canvasToDOM({x: n.x, y: n.y}), r = (n.options.size || 10) * scale;
        shapes.push({id: id, label: String(n.options.label || ""), box: [d.x - r, d.y - r, d.x + r, d.y + r]});
      });
      resolve({texts: window.__igTexts.slice(), shapes: shapes, width: wrap.width, height: wrap.height,
               scale: scale});
    }); });
  });
})()
"""

#: px added on each side of a text's glyph box: two names closer than 2 px read as one, so they collide
GROW = 1.0


def _meet(a, b) -> bool:
    return a[0] - GROW < b[2] + GROW and b[0] - GROW < a[2] + GROW and \
        a[1] - GROW < b[3] + GROW and b[1] - GROW < a[3] + GROW


def _on_screen(box, width, height) -> bool:
    return box[2] > 0 and box[0] < width and box[3] > 0 and box[1] < height


def measure(page, frame: str | None = None) -> dict:
    """{'labels': n visible text runs, 'overlapping': n of them meeting another label or node, ...};
    `frame`: a JavaScript expression for the window to measure in (an iframe's contentWindow)."""
    data = page.evaluate(f"({frame}).eval({json.dumps(MEASURE_JS)})" if frame else MEASURE_JS)
    texts = [t for t in data["texts"] if _on_screen(t["box"], data["width"], data["height"])]
    bad = []
    for i, t in enumerate(texts):
        hit = next((o["text"] for j, o in enumerate(texts) if j != i and _meet(t["box"], o["box"])
                    and not _same_label(t, o)), None)
        if hit is None:  # any node's shape, its own too (a label is drawn beside its node, never on it)
            hit = next((s["id"] for s in data["shapes"] if _meet(t["box"], s["box"])), None)
        if hit is not None:
            bad.append((t["text"], hit))
    drawn = {s["id"] for s in data["shapes"] if _on_screen(s["box"], data["width"], data["height"])}
    cut = [t["text"] for t in texts if _past_an_edge(t["box"], data["width"], data["height"])]
    return {"labels": len(texts), "overlapping": len(bad), "share": len(bad) / max(len(texts), 1), "cut": cut,
            "pairs": bad[:10], "nodes": len(drawn), "texts": [t["text"] for t in texts],
            "width": data["width"], "height": data["height"]}


def _past_an_edge(box, width, height, slack: float = 1.0) -> bool:
    """A text the canvas shows only in part ("uairou Science City"): it runs past an edge."""
    return box[0] < -slack or box[1] < -slack or box[2] > width + slack or box[3] > height + slack


def _same_label(a, b) -> bool:
    """Two lines of one wrapped label: centred on (about: quotes have side bearings) the same x, one
    right under the other, in the same font."""
    ax, bx = (a["box"][0] + a["box"][2]) / 2, (b["box"][0] + b["box"][2]) / 2
    gap = abs(a["box"][1] - b["box"][1])
    widest = max(a["box"][2] - a["box"][0], b["box"][2] - b["box"][0])
    return abs(ax - bx) < 0.2 * widest + 2 and 4 < gap < 40 and a["size"] == b["size"]


def node_screen_point(page, node_id: str) -> tuple[float, float]:
    """Where a node is drawn, relative to the canvas element (no panning)."""
    return tuple(page.evaluate(
        "(function(id){var n=innograph.network,d=n.canvasToDOM(n.getPositions([id])[id]);"
        f"return [d.x,d.y];}})({json.dumps(node_id)})"))
