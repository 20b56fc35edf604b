// The citizen's progression charts (virkning/_progression.html). Data come from
// <script type="application/json"> (json_script), so the page needs no inline script; the same
// numbers stand in the tables under each chart. One line per indicator on a time axis (days as
// numbers: no date adapter is vendored), and the citizen's forløb and courses drawn as bands
// behind the lines by the small plugin below (no annotation plugin is vendored either).
(function () {
  if (!window.Chart) {
    return;
  }
  var DAG = 24 * 60 * 60 * 1000;
  var dag = function (iso) {
    var d = iso.split("-");
    return Date.UTC(+d[0], +d[1] - 1, +d[2]) / DAG;
  };
  var datoformat = new Intl.DateTimeFormat("da-DK", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
  var datotekst = function (d) {
    return datoformat.format(new Date(d * DAG)).replace(/\./g, "-");
  };
  var FARVER = ["#0059b3", "#b51d09", "#008139", "#6a3d9a", "#a35a00", "#00707a"];
  // More indicators than colours (the national template has 9 for the citizen): each round of
  // the colours gets its own dash and point shape, and the legend shows the shapes.
  var STREGER = [[], [8, 4], [2, 3]];
  var PUNKTER = ["circle", "rectRot", "triangle"];
  var BAAND = { "Forløb": "rgba(0, 89, 179, 0.10)", "Kursus": "rgba(0, 129, 57, 0.12)" };

  var baand = {
    id: "progressionBaand",
    beforeDatasetsDraw: function (chart) {
      var x = chart.scales.x;
      var area = chart.chartArea;
      var ctx = chart.ctx;
      ctx.save();
      ctx.font = "12px sans-serif";
      ctx.textBaseline = "top";
      (chart.canvas.perioder || []).forEach(function (p, nummer) {
        var fra = Math.max(area.left, x.getPixelForValue(dag(p.start)));
        var til = p.slut ? Math.min(area.right, x.getPixelForValue(dag(p.slut) + 1)) : area.right;
        if (til <= fra) {
          return;
        }
        ctx.fillStyle = BAAND[p.art] || "rgba(0, 0, 0, 0.08)";
        ctx.fillRect(fra, area.top, til - fra, area.bottom - area.top);
        ctx.fillStyle = "#1a1a1a";
        // The name is cut to the band's width (the table under the chart has it in full); labels
        // step down so that overlapping bands keep their names apart.
        var tekst = p.art + ": " + p.navn;
        var plads = til - fra - 6;
        while (tekst.length > 4 && ctx.measureText(tekst).width > plads) {
          tekst = tekst.slice(0, -2) + "…";
        }
        if (ctx.measureText(tekst).width <= plads) {
          ctx.fillText(tekst, fra + 3, area.top + 3 + (nummer % 4) * 14);
        }
      });
      ctx.restore();
    },
  };

  document.querySelectorAll("canvas[data-progression]").forEach(function (canvas) {
    var data = JSON.parse(document.getElementById(canvas.dataset.progression).textContent);
    var dage = [];
    data.serier.forEach(function (s) {
      s.punkter.forEach(function (p) { dage.push(dag(p.dato)); });
    });
    data.perioder.forEach(function (p) {
      dage.push(dag(p.start));
      if (p.slut) {
        dage.push(dag(p.slut));
      }
    });
    var fra = Math.min.apply(null, dage);
    var til = Math.max.apply(null, dage);
    var luft = Math.max(7, (til - fra) * 0.03);
    // The bands' plugin reads the periods from the canvas (plain data, not Chart.js's resolved
    // options).
    canvas.perioder = data.perioder;
    canvas.chart = new window.Chart(canvas, {
      type: "line",
      data: {
        datasets: data.serier.map(function (s, i) {
          var farve = FARVER[i % FARVER.length];
          var runde = Math.floor(i / FARVER.length) % STREGER.length;
          return {
            label: s.navn,
            data: s.punkter.map(function (p) { return { x: dag(p.dato), y: p.vaerdi }; }),
            borderColor: farve,
            backgroundColor: farve,
            borderDash: STREGER[runde],
            pointStyle: PUNKTER[runde],
            pointRadius: 4,
            spanGaps: true,
          };
        }),
      },
      options: {
        animation: false,
        locale: "da-DK",
        maintainAspectRatio: false,
        scales: {
          x: {
            type: "linear",
            min: fra - luft,
            max: til + luft,
            ticks: { maxTicksLimit: 6, callback: function (v) { return datotekst(v); } },
          },
          y: { min: data.skala[0], max: data.skala[1], ticks: { stepSize: 1 } },
        },
        plugins: {
          legend: { labels: { usePointStyle: true } },
          tooltip: {
            callbacks: {
              title: function (items) { return items.length ? datotekst(items[0].parsed.x) : ""; },
              label: function (context) { return context.dataset.label + ": " + context.parsed.y; },
            },
          },
        },
      },
      plugins: [baand],
    });
  });
})();
