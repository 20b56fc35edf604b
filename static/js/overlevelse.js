// Time to self-support: Kaplan–Meier step curves with their 95 % bands. Data come from
// <script type="application/json"> (json_script); each group's points are
// [day, share not yet self-supporting, lower, upper, at risk] at the days someone became
// self-supporting, and `laengste` the longest follow-up. The same figures stand in the tables under the chart.
(function () {
  if (!window.Chart) {
    return;
  }
  var farver = ["#0059b3", "#b51d09", "#008139", "#6a6a6a", "#7a3e9d", "#a56a00", "#005f6b", "#3b3b3b"];
  var procent = new Intl.NumberFormat("da-DK", { style: "percent", maximumFractionDigits: 1 });
  document.querySelectorAll("canvas[data-overlevelse]").forEach(function (canvas) {
    var grupper = JSON.parse(document.getElementById(canvas.dataset.overlevelse).textContent);
    var serier = [];
    grupper.forEach(function (g, i) {
      var farve = farver[i % farver.length];
      // A curve starts at 1 on day 0.
      var kurve = [{ x: 0, y: 1 }];
      var nedre = [{ x: 0, y: 1 }];
      var oevre = [{ x: 0, y: 1 }];
      g.punkter.forEach(function (p) {
        kurve.push({ x: p[0], y: p[1] });
        nedre.push({ x: p[0], y: p[2] === null ? p[1] : p[2] });
        oevre.push({ x: p[0], y: p[3] === null ? p[1] : p[3] });
      });
      // Flat from the last step to the longest follow-up.
      var sidste = kurve.length - 1;
      if (g.laengste > kurve[sidste].x) {
        kurve.push({ x: g.laengste, y: kurve[sidste].y });
        nedre.push({ x: g.laengste, y: nedre[sidste].y });
        oevre.push({ x: g.laengste, y: oevre[sidste].y });
      }
      serier.push({ label: g.gruppe + " (n = " + g.n + ")", data: kurve, borderColor: farve, backgroundColor: farve, stepped: "before", pointRadius: 0, borderWidth: 2 });
      serier.push({ label: g.gruppe + ": bånd", data: oevre, borderColor: "transparent", backgroundColor: "transparent", stepped: "before", pointRadius: 0, baand: true });
      serier.push({ label: g.gruppe + ": bånd", data: nedre, borderColor: "transparent", backgroundColor: farve + "33", fill: "-1", stepped: "before", pointRadius: 0, baand: true });
    });
    canvas.chart = new window.Chart(canvas, {
      type: "line",
      data: { datasets: serier },
      options: {
        animation: false,
        locale: "da-DK",
        maintainAspectRatio: false,
        parsing: false,
        scales: {
          x: { type: "linear", min: 0, title: { display: true, text: "Dage fra start" } },
          y: { min: 0, max: 1, ticks: { callback: function (v) { return procent.format(v); } }, title: { display: true, text: "Endnu ikke selvforsørgende" } },
        },
        plugins: {
          legend: { labels: { filter: function (item, data) { return !data.datasets[item.datasetIndex].baand; } } },
          tooltip: {
            filter: function (item) { return !item.dataset.baand; },
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + procent.format(context.parsed.y) + " efter " + context.parsed.x + " dage";
              },
            },
          },
        },
      },
    });
  });
})();
