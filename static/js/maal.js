// The campaign dashboard's trend charts. Data come from <script type="application/json">
// (json_script), so the page needs no inline script; the same numbers stand in a table beside
// each chart. The points come rounded as the table shows them (Maaltavle.graf, by the goal's kind),
// so here they are only written the Danish way with the kind's unit from data-enhed: 93,8 %, 9.000.
// Whether the country's line belongs beside one jobcentre's is the kind's too (data-landet).
(function () {
  if (!window.Chart) {
    return;
  }
  document.querySelectorAll("canvas[data-graf]").forEach(function (canvas) {
    var punkter = JSON.parse(document.getElementById(canvas.dataset.graf).textContent);
    // The unit after a number, joined by a no-break space as on the page; none for a count.
    var enhed = canvas.dataset.enhed ? "\u00a0" + canvas.dataset.enhed : "";
    var egen = canvas.dataset.egen;
    var tal = function (v) {
      return v === null || v === undefined ? null : parseFloat(v);
    };
    // Intl rounds half away from zero (»halfExpand«), as the server does; it only meets a half
    // on an axis step Chart.js picked, never on a figure, which comes rounded.
    var talformat = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 1 });
    var tekst = function (v) {
      return talformat.format(v) + enhed;
    };
    var serier = [];
    if (egen) {
      serier.push({ label: egen, data: punkter.map(function (p) { return tal(p.egen); }), borderColor: "#0059b3", backgroundColor: "#0059b3" });
    }
    if (!egen || canvas.dataset.landet === "1") {
      serier.push({ label: "Hele landet", data: punkter.map(function (p) { return tal(p.landet); }), borderColor: "#6a6a6a", backgroundColor: "#6a6a6a" });
    }
    serier.push({
      label: "Måltal",
      data: punkter.map(function (p) { return tal(p.maaltal); }),
      borderColor: "#b51d09",
      backgroundColor: "#b51d09",
      borderDash: [6, 4],
      pointRadius: 0,
    });
    canvas.chart = new window.Chart(canvas, {
      type: "line",
      data: { labels: punkter.map(function (p) { return p.dato; }), datasets: serier },
      options: {
        animation: false,
        locale: "da-DK",
        maintainAspectRatio: false,
        scales: {
          y: {
            beginAtZero: true,
            ticks: { callback: function (v) { return tekst(v); } },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + tekst(context.parsed.y);
              },
            },
          },
        },
      },
    });
  });
})();
