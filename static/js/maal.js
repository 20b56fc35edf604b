// The campaign dashboard's trend charts. Data come from <script type="application/json">
// (json_script), so the page needs no inline script; the same numbers stand in a table beside
// each chart.
(function () {
  if (!window.Chart) {
    return;
  }
  document.querySelectorAll("canvas[data-graf]").forEach(function (canvas) {
    var punkter = JSON.parse(document.getElementById(canvas.dataset.graf).textContent);
    var andel = canvas.dataset.andel === "1";
    var egen = canvas.dataset.egen;
    var tal = function (v) {
      return v === null || v === undefined ? null : parseFloat(v) * (andel ? 100 : 1);
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
        maintainAspectRatio: false,
        scales: {
          y: {
            beginAtZero: true,
            ticks: { callback: function (v) { return andel ? v + " %" : v.toLocaleString("da-DK"); } },
          },
        },
      },
    });
  });
})();
