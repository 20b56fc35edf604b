"""The indsatskort as a picture (SVG and PNG), drawn on the server so it can be downloaded and
printed; the page shows the same picture with the table behind it. Input is the analysis'
result for one chart (a dict), never the ORM."""

import io

import matplotlib

matplotlib.use("Agg")  # no screen on a server
from matplotlib.figure import Figure  # noqa: E402

from .analysis import BARRIERE, INDSATSOMRAADE  # noqa: E402

matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG: searchable, accessible
matplotlib.rcParams["svg.hashsalt"] = "indsatskort"  # the same chart gives the same file

AKSER = {
    BARRIERE: (
        "Betydning for tilfredsheden (jo længere til højre, jo mere skadelig)",
        "Hvor meget barrieren opleves (1–5)",
    ),
    "drivkraft": (
        "Betydning for tilfredsheden",
        "Hvor vigtigt et incitament drivkraften er (1–5)",
    ),
}


def tegn(kort: dict, *, titel: str, forrige: dict | None = None) -> Figure:
    figur = Figure(figsize=(9, 6.5), dpi=100)
    akse = figur.add_subplot()
    x_tekst, y_tekst = AKSER[kort["type"]]
    akse.set_xlabel(x_tekst)
    akse.set_ylabel(y_tekst)
    metode = "multipel" if kort["metode"] == "multipel" else "bivariat"
    akse.set_title(
        f"{titel}\n{metode} regression på standardiserede svar, n = {kort['n']}", fontsize=11
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
    akse.text(
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
    akse.scatter(xs, ys, color="#0059b3", zorder=3)
    for f in punkter:
        akse.annotate(f["kode"], (f["x"], f["y"]), textcoords="offset points", xytext=(6, 4))
    for f in punkter:
        if (gammel := foer.get(f["kode"])) is not None:
            akse.annotate(
                "",
                xy=(f["x"], f["y"]),
                xytext=(gammel["x"], gammel["y"]),
                arrowprops={"arrowstyle": "->", "color": "#888888"},
            )
    figur.tight_layout()
    return figur


def som_fil(figur: Figure, format_: str) -> bytes:
    buffer = io.BytesIO()
    figur.savefig(buffer, format=format_, metadata={"Date": None} if format_ == "svg" else None)
    return buffer.getvalue()
