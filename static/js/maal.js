// The campaign dashboard's trend charts. Data come from <script type="application/json">
// (json_script), so the page needs no inline script; the same numbers stand in a table beside
// each chart. The points come rounded as the table shows them (Maaltavle.graf: a share in percent
// with one place, half up), so here they are only written the Danish way: 93,8 %, 9.000.
(function () {
  if (!window.Chart) {
    return;
  }
  document.querySelectorAll("canvas[data-graf]").forEach(function (canvas) {
    var punkter = JSON.parse(document.getElementById(canvas.dataset.graf).textContent);
    var andel = canvas.dataset.andel === "1";
    var egen = canvas.dataset.egen;
    var tal = function (v) {
      return v === null || v === undefined ? null : parseFloat(v);
    };
    // Intl rounds half away from zero (»halfExpand«), as the server does; it only meets a half
    // on an axis step Chart.js picked, never on a figure, which comes rounded.
    var talformat = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 1 });
    var tekst = function (v) {
      return talformat.format(v) + (andel ? " %" : "");
    };
    var serier = [];
    if (egen) {
      serier.push({ label: egen, data: punkter.map(function (p) { return tal(p.egen); }), borderColor: "#0059b3", backgroundColor: "#0059b3" });
    }
    if (!egen || andel) {
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
