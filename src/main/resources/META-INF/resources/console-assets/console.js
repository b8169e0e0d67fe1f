/*
 * Vitrine console: optional interactivity over the server-rendered pages. Without this script every page reads the
 * same (tables and SVG plots). With it, the daily trend of an experiment also gets an interactive uPlot chart (hover
 * for values, drag to zoom), drawn from the numbers the server put in the element's data-trend attribute.
 */
(function () {
  "use strict";

  function percent(v) {
    return v == null ? "\u2014" : (100 * v).toFixed(2) + "%";
  }

  function trendChart(el) {
    if (typeof uPlot === "undefined") {
      return;
    }
    var trend = JSON.parse(el.getAttribute("data-trend"));
    if (!trend.days || trend.days.length === 0) {
      return;
    }
    // x is the day's index: one tick per day, labelled with the day (the data are daily, not hourly).
    var xs = trend.days.map(function (d, i) { return i; });
    var data = [xs];
    var series = [{ label: "day", value: function (u, i) { return i == null ? "\u2014" : trend.days[i]; } }];
    trend.series.forEach(function (s) {
      data.push(s.ctr);
      series.push({ label: s.name + " CTR", stroke: s.color, width: 2, value: function (u, v) { return percent(v); } });
    });
    trend.series.forEach(function (s) {
      data.push(s.cumulativeCvr);
      series.push({ label: s.name + " CVR to date", stroke: s.color, width: 2, dash: [6, 4],
        value: function (u, v) { return percent(v); } });
    });
    el.hidden = false;
    var width = Math.min(el.parentElement.clientWidth || 900, 1100);
    // uPlot draws on a canvas; the SVG plots above stay for printing and for readers without scripts.
    new uPlot({
      title: "Daily CTR and CVR to date (interactive)",
      width: width,
      height: 280,
      series: series,
      axes: [
        { space: 60, incrs: [1], values: function (u, vals) {
          return vals.map(function (i) { return trend.days[i] === undefined ? "" : trend.days[i].slice(5); });
        } },
        { size: 70, values: function (u, vals) { return vals.map(percent); } }
      ],
      scales: { x: { time: false } },
      spanGaps: true
    }, data, el);
    el.setAttribute("data-rendered", "uplot");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-trend]").forEach(trendChart);
  });
})();
