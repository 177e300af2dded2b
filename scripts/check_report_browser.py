#!/usr/bin/env python3
"""Open a run's report.html in headless Chromium and check its layout and safety.

Usage: check_report_browser.py REPORT.html [REPORT.html ...] [--xss REPORT.html] [--shots DIR]

For every report, at 390 px and 1,280 px wide:
  * the page does not scroll horizontally and no element is wider than the viewport
    (tables scroll inside their own box and are measured by that box);
  * the browser console logs no error (a Content-Security-Policy violation is one);
  * the first section (the first <h2>) is "Key findings";
  * every chart (<svg role="img">) has a non-empty <title> and a non-empty text alternative
    (<desc> or aria-label).
For the XSS fixture (--xss): no <script> or element with an on* handler came from article text,
no javascript: link exists, and the hostile strings are visible as text.
Screenshots are saved in --shots (default: a new temporary folder, printed at the end).
Exit status 0 when every check passes, 1 otherwise.
"""
import argparse
import pathlib
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

WIDTHS = (390, 1280)

LAYOUT_JS = """
const vw = document.documentElement.clientWidth;
const problems = [];
if (document.documentElement.scrollWidth > vw + 1) problems.push('page scrolls horizontally: ' + document.documentElement.scrollWidth + ' > ' + vw);
for (const el of document.body.querySelectorAll('*')) {
  // Content of a box that scrolls on its own (a wide table) is not the page's overflow.
  let p = el.parentElement, inScroller = false;
  while (p && p !== document.body) { const s = getComputedStyle(p); if (s.overflowX === 'auto' || s.overflowX === 'scroll') { inScroller = true; break; } p = p.parentElement; }
  if (inScroller) continue;
  const r = el.getBoundingClientRect();
  if (r.width > vw + 1 || r.right > vw + 1) problems.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' is ' + Math.round(r.width) + ' px wide, right edge ' + Math.round(r.right) + ' > ' + vw);
}
return problems.slice(0, 20);
"""

CHARTS_JS = """
const out = [];
document.querySelectorAll('svg[role=img]').forEach((s, i) => {
  const t = s.querySelector('title'), d = s.querySelector('desc');
  const title = t ? t.textContent.trim() : '';
  const alt = (d ? d.textContent.trim() : '') || (s.getAttribute('aria-label') || '').trim();
  out.push({index: i, title: title, alt: alt});
});
return out;
"""

XSS_JS = """
const scripts = document.querySelectorAll('script').length;
let handlers = 0;
for (const el of document.querySelectorAll('*')) for (const a of el.attributes) if (a.name.toLowerCase().startsWith('on')) handlers++;
const js = [...document.querySelectorAll('[href],[src]')].filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || '')).length;
return {scripts: scripts, handlers: handlers, jsLinks: js, imgs: document.querySelectorAll('img').length, text: document.body.innerText};
"""


def driver():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))


def set_width(d, width):
    # The window's outer size includes no chrome in headless mode; check the layout viewport.
    d.set_window_size(width, 900)
    inner = d.execute_script("return document.documentElement.clientWidth")
    if inner != width:
        d.set_window_size(width + (width - inner), 900)


def check(d, report, shots, xss=False):
    failures = []
    url = pathlib.Path(report).resolve().as_uri()
    for width in WIDTHS:
        d.get("about:blank")
        set_width(d, width)
        d.get(url)
        d.get_log("browser")  # the load's messages are read below, after layout
        d.refresh()
        for problem in d.execute_script(LAYOUT_JS):
            failures.append(f"{report} @{width}px: {problem}")
        for entry in d.get_log("browser"):
            if entry.get("level") in ("SEVERE", "ERROR"):
                failures.append(f"{report} @{width}px: console error: {entry.get('message')}")
        first = d.execute_script("const h = document.querySelector('h2'); return h ? h.textContent.trim() : ''")
        if first != "Key findings":
            failures.append(f"{report} @{width}px: first section is {first!r}, not 'Key findings'")
        charts = d.execute_script(CHARTS_JS)
        for c in charts:
            if not c["title"] or not c["alt"]:
                failures.append(f"{report} @{width}px: chart {c['index']} lacks a title or text alternative")
        name = pathlib.Path(report).parent.name or "report"
        height = d.execute_script("return Math.min(document.body.scrollHeight, 16000)")
        d.set_window_size(d.get_window_size()["width"], height)
        shot = pathlib.Path(shots) / f"{name}-{width}.png"
        d.save_screenshot(str(shot))
        print(f"{report} @{width}px: {len(charts)} charts, screenshot {shot}")
        if xss:
            r = d.execute_script(XSS_JS)
            if r["scripts"] or r["handlers"] or r["jsLinks"] or r["imgs"]:
                failures.append(f"{report}: XSS fixture produced live markup: {r['scripts']} scripts, {r['handlers']} handlers, "
                                f"{r['jsLinks']} javascript: links, {r['imgs']} images")
            for needle in ("<script>", "onerror="):
                if needle not in r["text"]:
                    failures.append(f"{report}: hostile text {needle!r} is not shown as text")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", nargs="*")
    parser.add_argument("--xss", action="append", default=[], help="a report of the XSS fixture")
    parser.add_argument("--shots", help="folder for screenshots (default: a new temporary folder)")
    args = parser.parse_args()
    shots = args.shots or tempfile.mkdtemp(prefix="wavelength-report-shots-")
    pathlib.Path(shots).mkdir(parents=True, exist_ok=True)
    d = driver()
    failures = []
    try:
        for report in args.reports:
            failures += check(d, report, shots)
        for report in args.xss:
            failures += check(d, report, shots, xss=True)
    finally:
        d.quit()
    for f in failures:
        print("FAIL", f)
    print(f"screenshots: {shots}")
    print("browser check:", "failed" if failures else "passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
