"""Draw the app's PNG icons from static/attunement/icon.svg (run by hand; the PNGs are committed).

    python scripts/make_icons.py

Chromium (through Playwright) renders the SVG: icon-192.png and icon-512.png show the rings on
the app's warm background; icon-maskable-512.png keeps them inside the central safe zone (a
circle of 80% of the width), so a launcher's round or squircle mask never cuts them.
"""

from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parents[1] / "attunement" / "static" / "attunement"
BACKGROUND = "#fbf8f4"
# (file, size, share of the width the rings take, rounded corners)
ICONS = [
    ("icon-192.png", 192, 0.84, True),
    ("icon-512.png", 512, 0.84, True),
    ("icon-maskable-512.png", 512, 0.62, False),
    ("apple-touch-icon.png", 180, 0.72, False),
]


def page_for(size: int, share: float, rounded: bool, svg: str) -> str:
    radius = f"{size * 0.22:.0f}px" if rounded else "0"
    inner = size * share
    return (
        "<html><body style='margin:0;background:transparent'>"
        f"<div style='width:{size}px;height:{size}px;background:{BACKGROUND};"
        f"border-radius:{radius};display:flex;align-items:center;justify-content:center'>"
        f"<div style='width:{inner}px;height:{inner}px'>{svg}</div></div></body></html>"
    )


def main() -> None:
    svg = (STATIC / "icon.svg").read_text().replace("<svg ", "<svg width='100%' height='100%' ", 1)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        for name, size, share, rounded in ICONS:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(page_for(size, share, rounded, svg))
            page.screenshot(path=str(STATIC / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
