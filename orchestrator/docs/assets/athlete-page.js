/* Charts of one athlete page, drawn with Chart.js from the JSON block the page carries. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('athlete-data').textContent);
  var daily = data.daily;
  var css = getComputedStyle(document.documentElement);
  var color = function (name) { return css.getPropertyValue(name).trim(); };
  var canvas = function (id) { return document.getElementById(id); };

  Chart.defaults.animation = false;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.maintainAspectRatio = false;

  function hms(seconds) {
    var s = Math.round(seconds);
    var pad = function (n) { return String(n).padStart(2, '0'); };
    return Math.floor(s / 3600) + ':' + pad(Math.floor((s % 3600) / 60)) + ':' + pad(s % 60);
  }
  var dayAxis = { ticks: { maxTicksLimit: 12, maxRotation: 0, autoSkip: true } };
  var charts = {};

  // Performance Management Chart: CTL and ATL on the left axis, TSB on the right, races and the warm-up marked.
  var races = new Map(data.races.map(function (r) { return [r.index, r]; }));
  var racePoints = daily.dates.map(function (_d, i) { return races.has(i) ? daily.ctl[i] : null; });
  charts.pmc = new Chart(canvas('pmc-chart'), {
    type: 'line',
    data: {
      labels: daily.dates,
      datasets: [
        { label: 'Fitness (CTL)', data: daily.ctl, borderColor: color('--ctl'), backgroundColor: color('--ctl'), borderWidth: 2, pointRadius: 0, yAxisID: 'y' },
        { label: 'Fatigue (ATL)', data: daily.atl, borderColor: color('--atl'), backgroundColor: color('--atl'), borderWidth: 1.5, pointRadius: 0, yAxisID: 'y' },
        {
          label: 'Form (TSB)', data: daily.tsb, borderColor: color('--tsb'), backgroundColor: color('--tsb'), borderWidth: 1.2, pointRadius: 0, yAxisID: 'yTsb',
          fill: { target: 'origin', above: 'rgba(217, 119, 6, 0.10)', below: 'rgba(217, 119, 6, 0.22)' },
        },
        // order -1: drawn above the lines, which would otherwise hide the markers.
        { label: 'Race', data: racePoints, order: -1, showLine: false, pointStyle: 'triangle', pointRadius: 8, pointHoverRadius: 10, borderWidth: 1.5, borderColor: color('--race'), backgroundColor: '#facc15', yAxisID: 'y' },
        {
          label: 'Warm-up (first 84 days)', data: daily.warmup.map(function (w) { return w ? 1 : null; }), yAxisID: 'yShade', stepped: true,
          borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: 'origin', backgroundColor: color('--warmup'), borderColor: color('--warmup'),
        },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: dayAxis,
        y: { beginAtZero: true, title: { display: true, text: 'CTL / ATL (TSS per day)' } },
        yTsb: { position: 'right', grid: { drawOnChartArea: false }, title: { display: true, text: 'TSB' } },
        yShade: { display: false, min: 0, max: 1 },
      },
      plugins: {
        legend: { labels: { sort: function (a, b) { return a.datasetIndex - b.datasetIndex; } } },
        tooltip: {
          filter: function (item) { return item.dataset.yAxisID !== 'yShade'; },
          callbacks: {
            label: function (item) {
              if (item.dataset.label === 'Race') {
                var r = races.get(item.dataIndex);
                return 'Race: ' + r.distanceKm.toFixed(2) + ' km in ' + hms(r.movingTimeSec) + ' (' + r.sportType + ')';
              }
              return item.dataset.label + ': ' + item.formattedValue;
            },
            footer: function (items) {
              var i = items.length ? items[0].dataIndex : -1;
              var notes = [];
              if (i >= 0 && daily.warmup[i]) notes.push('warm-up period');
              if (i >= 0 && daily.tss[i] !== null) notes.push('TSS that day: ' + daily.tss[i]);
              return notes.join(' · ');
            },
          },
        },
      },
    },
  });

  // ACWR with the 0.8-1.3 band and the risk days (the rule acwr > 1.5) in red.
  var n = daily.dates.length;
  charts.acwr = new Chart(canvas('acwr-chart'), {
    type: 'line',
    data: {
      labels: daily.dates,
      datasets: [
        { label: 'Band low (0.8)', data: new Array(n).fill(0.8), borderColor: 'rgba(22, 163, 74, 0.5)', borderWidth: 1, borderDash: [4, 4], pointRadius: 0, fill: false },
        { label: 'Band 0.8-1.3', data: new Array(n).fill(1.3), borderColor: 'rgba(22, 163, 74, 0.5)', borderWidth: 1, borderDash: [4, 4], pointRadius: 0, fill: '-1', backgroundColor: color('--band') },
        { label: 'ACWR', data: daily.acwr, borderColor: '#0f172a', backgroundColor: '#0f172a', borderWidth: 1.5, pointRadius: 0 },
        {
          label: 'Risk day (ACWR > 1.5)', data: daily.acwr.map(function (v, i) { return daily.risk[i] ? v : null; }),
          showLine: false, pointRadius: 4, pointHoverRadius: 6, borderColor: color('--risk'), backgroundColor: color('--risk'),
        },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: { x: dayAxis, y: { suggestedMin: 0, suggestedMax: 2, title: { display: true, text: 'ATL / CTL' } } },
      plugins: {
        legend: { labels: { filter: function (item) { return item.text !== 'Band low (0.8)'; } } },
        tooltip: { filter: function (item) { return item.datasetIndex >= 2; } },
      },
    },
  });

  // Weekly volume: distance split into runs and other sports, TSS on the right axis.
  var weeks = data.weeks;
  var weekLabels = weeks.map(function (w) { return w.weekStart; });
  charts.volume = new Chart(canvas('volume-chart'), {
    type: 'bar',
    data: {
      labels: weekLabels,
      datasets: [
        { label: 'Run km', data: weeks.map(function (w) { return w.runDistanceKm; }), backgroundColor: '#2563eb', stack: 'km', yAxisID: 'y' },
        { label: 'Other km', data: weeks.map(function (w) { return Math.max(0, Math.round((w.distanceKm - w.runDistanceKm) * 10) / 10); }), backgroundColor: '#93c5fd', stack: 'km', yAxisID: 'y' },
        { label: 'Weekly TSS', type: 'line', data: weeks.map(function (w) { return w.tss; }), borderColor: color('--tsb'), backgroundColor: color('--tsb'), borderWidth: 1.5, pointRadius: 0, yAxisID: 'yTss' },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, ticks: { maxTicksLimit: 8, maxRotation: 0 } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: 'km' } },
        yTss: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'TSS' } },
      },
    },
  });

  // Weekly intensity distribution of the minutes with heart rate.
  charts.intensity = new Chart(canvas('intensity-chart'), {
    type: 'bar',
    data: {
      labels: weekLabels,
      datasets: [
        { label: 'Z1-Z2 easy', data: weeks.map(function (w) { return w.lowPct; }), backgroundColor: '#86efac' },
        { label: 'Z3 moderate', data: weeks.map(function (w) { return w.moderatePct; }), backgroundColor: '#fcd34d' },
        { label: 'Z4-Z5 hard', data: weeks.map(function (w) { return w.highPct; }), backgroundColor: '#f87171' },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: { x: { stacked: true, ticks: { maxTicksLimit: 8, maxRotation: 0 } }, y: { stacked: true, min: 0, max: 100, title: { display: true, text: '% of time with HR' } } },
    },
  });

  // Heart-rate zones: share of the time in each zone, all history and the last 28 days.
  var share = function (minutes) {
    var total = minutes.reduce(function (a, b) { return a + b; }, 0);
    return minutes.map(function (m) { return total > 0 ? Math.round((m / total) * 1000) / 10 : 0; });
  };
  var zones = data.zones;
  charts.zones = new Chart(canvas('zones-chart'), {
    type: 'bar',
    data: {
      labels: ['Z1 (< 60 %)', 'Z2 (60-70 %)', 'Z3 (70-80 %)', 'Z4 (80-90 %)', 'Z5 (>= 90 %)'],
      datasets: [
        { label: 'All history', data: share(zones.allMinutes), backgroundColor: '#94a3b8' },
        { label: 'Last 28 days', data: share(zones.last28Minutes), backgroundColor: '#2563eb' },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, title: { display: true, text: '% of time with heart rate' } } },
      plugins: {
        tooltip: {
          callbacks: {
            label: function (item) {
              var minutes = (item.datasetIndex === 0 ? zones.allMinutes : zones.last28Minutes)[item.dataIndex];
              return item.dataset.label + ': ' + item.formattedValue + ' % (' + (minutes / 60).toFixed(1) + ' h)';
            },
          },
        },
      },
    },
  });

  // For the browser tests and anyone scripting the page.
  window.strideCharts = charts;
})();
