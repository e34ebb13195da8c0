#!/usr/bin/env python3
"""Drives a browser VS Code (code-server) through chromedriver (WebDriver):
opens the seed rule file, checks its colouring, hovers on a criterion,
types an error and waits for its diagnostic, saving a screenshot of each.

Usage: drive.py URL RULES_FILE_NAME OUT_DIR   (chromedriver on 127.0.0.1:9515)
Standard library only. Exits non-zero, saying what was missing, on failure.
"""
import base64
import json
import sys
import time
import urllib.request

DRIVER = "http://127.0.0.1:9515"


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(DRIVER + path, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return json.loads(r.read())["value"]


class Browser:
    def __init__(self):
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--window-size=1400,900", "--lang=zh-CN"]}}}}
        self.sid = call("POST", "/session", caps)["sessionId"]

    def s(self, method, path, body=None):
        return call(method, f"/session/{self.sid}{path}", body)

    def js(self, script, *args):
        return self.s("POST", "/execute/sync", {"script": script, "args": list(args)})

    def wait(self, script, what, timeout=90):
        end = time.time() + timeout
        while time.time() < end:
            v = self.js(script)
            if v:
                return v
            time.sleep(0.5)
        self.shot("/tmp/e2e-failed.png")
        sys.exit(f"timed out waiting for {what} (screenshot /tmp/e2e-failed.png)")

    def keys(self, *groups):
        """Each group is a list of keys pressed together (modifiers first)."""
        actions = []
        for group in groups:
            actions += [{"type": "keyDown", "value": k} for k in group]
            actions += [{"type": "keyUp", "value": k} for k in reversed(group)]
        self.s("POST", "/actions", {"actions": [{"type": "key", "id": "kb", "actions": actions}]})
        self.s("DELETE", "/actions")

    def type(self, text):
        self.keys(*[[c] for c in text])

    def move(self, x, y, click=False):
        acts = [{"type": "pointerMove", "duration": 100, "x": int(x), "y": int(y)}]
        if click:
            acts += [{"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}]
        self.s("POST", "/actions", {"actions": [
            {"type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"}, "actions": acts}]})

    def shot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.s("GET", "/screenshot")))


CTRL = "\ue009"
SHIFT = "\ue008"
ENTER = "\ue007"
END = "\ue010"
BACKSPACE = "\ue003"

# The rectangle of the first editor span whose text is `text` on the line holding `line`.
SPAN = """
const [line, text] = arguments;
for (const l of document.querySelectorAll('.monaco-editor .view-line')) {
  const t = (e) => e.textContent.replace(/\u00a0/g, ' ');
  if (!t(l).includes(line)) continue;
  for (const s of l.querySelectorAll('span span')) {
    if (t(s).includes(text)) { const r = s.getBoundingClientRect();
      return {x: r.x, y: r.y, w: r.width, h: r.height, cls: s.className, line: l.textContent}; }
  }
}
return null;
"""


def main():
    url, name, out = sys.argv[1:4]
    b = Browser()
    b.s("POST", "/url", {"url": url})
    b.wait("return document.querySelector('.monaco-workbench') !== null", "the workbench")
    time.sleep(3)
    # Quick open (Ctrl+P), the file's name, Enter.
    b.keys([CTRL, "p"])
    b.wait("return document.querySelector('.quick-input-widget input') !== null", "quick open")
    time.sleep(1)
    b.type(name)
    time.sleep(2)
    b.keys([ENTER])
    b.wait("return [...document.querySelectorAll('.monaco-editor .view-line')].some(l => l.textContent.includes('三级指标'))",
           "the rule file in the editor")
    # Colouring: the TextMate grammar gives keywords and numbers their own token classes.
    kw = b.wait(f"return (function(){{{SPAN}}})('一级指标 产出指标', '一级指标')", "the heading's span")
    name_span = b.wait(f"return (function(){{{SPAN}}})('一级指标 产出指标', '产出指标')", "the name's span")
    if kw["cls"] == name_span["cls"]:
        sys.exit(f"no colouring: keyword and name share the class {kw['cls']}")
    print(f"colouring: 一级指标 is {kw['cls']}, 产出指标 is {name_span['cls']}")
    b.shot(f"{out}/vscode-colouring.png")
    # Hover on the criterion: the language server's reading.
    target = b.wait(f"return (function(){{{SPAN}}})('评分 年办件量低于上期90%', '低于')", "the criterion's 低于")
    b.move(target["x"] + target["w"] / 2, target["y"] + target["h"] / 2)
    hover = b.wait("const h = [...document.querySelectorAll('.monaco-hover')].find(e => e.offsetParent !== null"
                   " && e.textContent.length > 20); return h ? h.textContent : null",
                   "the hover reading (is `scorecard lsp` running?)", timeout=60)
    print("hover:", hover[:300])
    time.sleep(1)
    b.shot(f"{out}/vscode-hover.png")
    b.move(5, 5)
    # Type an error on a short line, so the caret stays in view: a stray word after 总分 100分.
    end = b.wait(f"return (function(){{{SPAN}}})('总分 100分', '100分')", "the 总分 line")
    b.move(end["x"] + end["w"] - 2, end["y"] + end["h"] / 2, click=True)
    b.keys([END])
    b.type("欠")
    b.wait("return document.querySelector('.squiggly-error') !== null", "the diagnostic's squiggle", timeout=60)
    b.keys([CTRL, SHIFT, "m"])
    problem = b.wait("const p = document.querySelector('.markers-panel .monaco-tl-contents');"
                     " return p ? p.textContent : null", "the problems panel")
    print("problem:", problem[:300])
    sq = b.js("const s = document.querySelector('.squiggly-error').getBoundingClientRect(); return {x: s.x, y: s.y, w: s.width, h: s.height}")
    b.move(sq["x"] + sq["w"] / 2 + 2, sq["y"] + sq["h"] / 2)
    time.sleep(3)
    b.shot(f"{out}/vscode-diagnostic.png")
    b.s("DELETE", "")


if __name__ == "__main__":
    main()
