"""The indsatskort as a picture (SVG and PNG), drawn on the server so it can be downloaded and
printed; the page shows the same picture with the table behind it. Input is the analysis'
result for one chart (a dict, each item with its short name `kort` and `usikker`), never the
ORM. The pictures are drawn when the analysis is computed (services.undersoegelse), not per
request.

Each item is labelled with its short name, never its code; the labels are placed so that no two
overlap (`placer_etiketter`), and an item whose 95 % interval includes 0 is drawn hollow and
lighter, as the legend says."""

import io

import matplotlib

matplotlib.use("Agg")  # no screen on a server
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from jobcenter.sprog import antal  # noqa: E402

from .analysis import BARRIERE, DRIVKRAFT, INDSATSOMRAADE  # noqa: E402

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG: searchable, accessible
matplotlib.rcParams["svg.hashsalt"] = "indsatskort"  # the same chart gives the same file

# The axes in words a reader without statistics understands; the page says the same.
AKSER = {
    BARRIERE: (
        "Hvor meget barrieren betyder for tilfredsheden → (jo længere til højre, jo mere skader "
        "den)",
        "Hvor meget barrieren opleves i dag (gennemsnit 1–5)",
    ),
    DRIVKRAFT: (
        "Hvor meget drivkraften betyder for tilfredsheden →",
        "Hvor godt det går i dag: hvor stærk drivkraften er (gennemsnit 1–5)",
    ),
}
SIKKER = "#0059b3"
USIKKER = "#8fb3dc"
ETIKET = 8  # points
AFSTAND = 5  # points between an item and its label


def tegn(kort: dict, *, titel: str, forrige: dict | None = None) -> Figure:
    figur = Figure(figsize=(9, 6.5), dpi=100)
    FigureCanvasAgg(figur)  # a renderer, to measure the labels
    akse = figur.add_subplot()
    x_tekst, y_tekst = AKSER[kort["type"]]
    akse.set_xlabel(x_tekst)
    akse.set_ylabel(y_tekst)
    metode = "multipel" if kort["metode"] == "multipel" else "bivariat"
    akse.set_title(
        f"{titel}\n{metode} regression på standardiserede svar, "
        f"{antal(kort['n'], 'besvarelse', 'besvarelser')}",
        fontsize=11,
    )
    punkter = [f for f in kort["faktorer"] if f["x"] is not None and f["y"] is not None]
    if not kort.get("tegnes") or not punkter:
        akse.text(
            0.5,
            0.5,
            "Indsatskortet kan ikke tegnes:\n" + "\n".join(kort["advarsler"][-3:]),
            ha="center",
            va="center",
            wrap=True,
            transform=akse.transAxes,
            fontsize=10,
        )
        akse.set_xticks([])
        akse.set_yticks([])
        return figur
    xs = [f["x"] for f in punkter]
    ys = [f["y"] for f in punkter]
    foer = {
        f["kode"]: f
        for f in (forrige or {}).get("faktorer", [])
        if f["x"] is not None and f["y"] is not None
    }
    # The axes hold this round's points, the previous round's and the split lines.
    alle_x = xs + [f["x"] for f in foer.values()] + [kort["x_skille"]]
    alle_y = ys + [f["y"] for f in foer.values()] + [kort["y_skille"]]
    x_min, x_max, y_min, y_max = min(alle_x), max(alle_x), min(alle_y), max(alle_y)
    luft_x, luft_y = (x_max - x_min) * 0.15 or 0.1, (y_max - y_min) * 0.15 or 0.2
    akse.set_xlim(x_min - luft_x, x_max + luft_x)
    akse.set_ylim(y_min - luft_y, y_max + luft_y)
    # The indsatsområde: the upper-right quadrant, shaded and named.
    akse.fill_between(
        [kort["x_skille"], x_max + luft_x],
        kort["y_skille"],
        y_max + luft_y,
        color="#fbe3d6",
        zorder=0,
        gid="indsatsomraade",
    )
    navn = akse.text(
        x_max + luft_x * 0.9,
        y_max + luft_y * 0.9,
        INDSATSOMRAADE,
        ha="right",
        va="top",
        fontsize=12,
        fontweight="bold",
        color="#a0330f",
    )
    akse.axvline(
        kort["x_skille"], color="#555555", linestyle="--", linewidth=1, gid="skillelinje-x"
    )
    akse.axhline(
        kort["y_skille"], color="#555555", linestyle="--", linewidth=1, gid="skillelinje-y"
    )
    sikre = [f for f in punkter if not f.get("usikker")]
    usikre = [f for f in punkter if f.get("usikker")]
    if sikre:
        akse.scatter([f["x"] for f in sikre], [f["y"] for f in sikre], color=SIKKER, zorder=3)
    if usikre:
        akse.scatter(
            [f["x"] for f in usikre],
            [f["y"] for f in usikre],
            facecolors="white",
            edgecolors=USIKKER,
            linewidths=1.5,
            zorder=3,
            gid="usikre",
        )
    pile = False
    for f in punkter:
        if (gammel := foer.get(f["kode"])) is not None:
            pile = True
            pil = akse.annotate(
                "",
                xy=(f["x"], f["y"]),
                xytext=(gammel["x"], gammel["y"]),
                arrowprops={"arrowstyle": "->", "color": "#888888"},
            )
            pil.arrow_patch.set_gid(f"pil-{f['kode']}")  # the empty text writes no id
    forklaring = [
        Line2D([], [], marker="o", linestyle="", color=SIKKER, label="Betydningen er sikker"),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="white",
            markeredgecolor=USIKKER,
            markeredgewidth=1.5,
            label="Usikker: 95 %-intervallet rummer 0",
        ),
    ]
    if pile:
        forklaring.append(
            Line2D([], [], color="#888888", marker=">", label="Bevægelse siden forrige runde")
        )
    figur.legend(
        handles=forklaring, loc="lower center", ncol=len(forklaring), frameon=False, fontsize=9
    )
    figur.tight_layout(rect=(0, 0.05, 1, 1))
    placer_etiketter(figur, akse, punkter, hindringer=[navn])
    return figur


def placer_etiketter(figur: Figure, akse, punkter: list[dict], *, hindringer=()) -> None:
    """Label each item with its short name beside it; a label that would cover another (or an
    obstacle, such as the quadrant's name) is nudged up or down, or moved to the item's left,
    to the nearest free place inside the axes, and a thin line then ties it to its item. Labels
    are placed from the lowest item up, so a cluster's labels stack in order."""
    renderer = figur.canvas.get_renderer()
    ramme = akse.get_window_extent(renderer)
    px = figur.dpi / 72  # pixels per point
    optaget = [h.get_window_extent(renderer) for h in hindringer]
    for f in sorted(punkter, key=lambda f: (f["y"], f["x"])):
        tekst = f.get("kort") or f["tekst"]
        farve = "#555555" if f.get("usikker") else "#1a1a1a"
        maal = akse.text(0, 0, tekst, fontsize=ETIKET)
        boks = maal.get_window_extent(renderer)
        maal.remove()
        bredde, hoejde = boks.width, boks.height
        x_px, y_px = akse.transData.transform((f["x"], f["y"]))
        bedst, mindst = None, None
        for trin in _trin(40):
            for side in (1, -1):
                dy = trin * (hoejde + 2)
                x0 = x_px + AFSTAND * px if side == 1 else x_px - AFSTAND * px - bredde
                y0 = y_px + dy - hoejde / 2
                kandidat = Bbox.from_bounds(x0, y0, bredde, hoejde)
                overlap = sum(_overlap(kandidat, o) for o in optaget) + _udenfor(kandidat, ramme)
                if mindst is None or overlap < mindst:
                    bedst, mindst = (side, dy, kandidat), overlap
                if overlap == 0:
                    break
            if mindst == 0:
                break
        side, dy, kandidat = bedst
        optaget.append(kandidat.expanded(1.0, 1.0))
        flyttet = abs(dy) > hoejde / 2
        akse.annotate(
            tekst,
            (f["x"], f["y"]),
            xytext=(side * AFSTAND, dy / px),
            textcoords="offset points",
            ha="left" if side == 1 else "right",
            va="center",
            fontsize=ETIKET,
            color=farve,
            gid=f"etiket-{f['kode']}",
            annotation_clip=False,
            arrowprops={"arrowstyle": "-", "color": "#777777", "linewidth": 0.8, "shrinkB": 3}
            if flyttet
            else None,
        )


def _trin(antal_trin: int):
    """0, 1, −1, 2, −2, …: the nearest places first."""
    yield 0
    for n in range(1, antal_trin + 1):
        yield n
        yield -n


def _overlap(a: Bbox, b: Bbox) -> float:
    bredde = min(a.x1, b.x1) - max(a.x0, b.x0)
    hoejde = min(a.y1, b.y1) - max(a.y0, b.y0)
    return bredde * hoejde if bredde > 0 and hoejde > 0 else 0.0


def _udenfor(a: Bbox, ramme: Bbox) -> float:
    """How much of the label lies outside the axes, weighted so that inside always wins."""
    inde = _overlap(a, ramme)
    return (a.width * a.height - inde) * 10


def som_fil(figur: Figure, format_: str) -> bytes:
    buffer = io.BytesIO()
    figur.savefig(buffer, format=format_, metadata={"Date": None} if format_ == "svg" else None)
    return buffer.getvalue()
