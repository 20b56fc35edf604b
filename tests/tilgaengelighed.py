"""Accessibility checks for the browser journeys (issue 8, item 10; WCAG 2.1 AA, which the
webtilgængelighedslov requires): axe-core, vendored from npm (tests/vendor/axe-core, version in
its first line; update with `npm pack axe-core@VERSION`), and our own rule that every chart has
its data table beside it.

Every journey records the pages it visited; before it logs in as someone else, and when it
ends, each of those pages is opened again as the user who visited it and checked."""

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# A chart is a canvas (Chart.js) or a server-drawn diagram; the section around it must hold a
# table with the same numbers.
DIAGRAMMER_UDEN_TABEL = """() => [...document.querySelectorAll("canvas, img.indsatskort")]
    .filter((diagram) => !(diagram.closest("section") || document).querySelector("table"))
    .map((diagram) => diagram.outerHTML.slice(0, 120))"""


def brud(page) -> list[str]:
    """What is wrong with the page as it is now, one line per rule and element."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, so the page's CSP does not stop it.
        page.evaluate(f"() => {{ {AXE}\n}}")
    resultat = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_21_AA,
    )
    linjer = [
        f"{regel['id']} ({regel['impact']}): {regel['help']} – {node['target']}"
        for regel in resultat["violations"]
        for node in regel["nodes"]
    ]
    linjer += [f"diagram uden tabel: {d}" for d in page.evaluate(DIAGRAMMER_UDEN_TABEL)]
    return linjer


class Besoeg:
    """The HTML pages a journey has seen (GET, 200), in order, each once."""

    def __init__(self, page):
        self.page = page
        self.sider: list[str] = []
        self.fund: dict[str, list[str]] = {}
        page.on("response", self.noter)

    def noter(self, response) -> None:
        request = response.request
        if (
            request.method == "GET"
            and request.is_navigation_request()
            and response.status == 200
            and response.headers.get("content-type", "").startswith("text/html")
        ):
            url = response.url.split("#")[0]
            if url not in self.sider and url not in self.fund:
                self.sider.append(url)

    def tjek(self) -> None:
        """Open every page seen since the last check again and run the checks on it."""
        sider, self.sider = self.sider, []
        for url in sider:
            self.page.goto(url)
            self.fund[url] = brud(self.page)
        self.sider = []  # the visits above are not new pages

    @property
    def fejl(self) -> dict[str, list[str]]:
        return {url: linjer for url, linjer in self.fund.items() if linjer}


# The three screens of issue 14 at 150 % zoom, as CSS viewports (width, height): a window W px
# wide lays the page out in W / 1.5 CSS px (tests/test_journey_skaermbredder.py explains it).
ZOOM = 1.5
VINDUER = {"telefon": 390, "tablet": 768, "laptop": 1366}
SKAERME = {navn: (round(b / ZOOM), round(800 / ZOOM)) for navn, b in VINDUER.items()}
