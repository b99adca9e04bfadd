// Draws the page's charts (Chart.js, served by this application) and keeps the page live: the server
// sends the fingerprint of the page's data every few seconds; when it changes, the content is fetched
// again and swapped in place.
(function () {
  'use strict';
  const charts = [];

  function drawCharts() {
    while (charts.length) charts.pop().destroy();
    const data = document.getElementById('chart-data');
    if (!data || typeof Chart === 'undefined') return;
    for (const c of JSON.parse(data.textContent || '[]')) {
      let canvas = document.getElementById('chart-' + c.id);
      if (!canvas) {
        const box = document.querySelector('[data-charts]');
        if (!box) continue;
        const wrap = document.createElement('div');
        wrap.className = 'chart';
        canvas = document.createElement('canvas');
        canvas.id = 'chart-' + c.id;
        wrap.appendChild(canvas);
        box.appendChild(wrap);
      }
      canvas.setAttribute('aria-label', c.title);
      charts.push(new Chart(canvas, {
        data: {
          labels: c.labels,
          datasets: c.series.map(s => ({
            type: s.type,
            label: s.label,
            data: s.values,
            borderColor: s.color,
            backgroundColor: s.type === 'bar' ? s.color + '99' : s.color,
            borderDash: s.dashed ? [6, 4] : [],
            borderWidth: 2,
            spanGaps: false,
            pointRadius: s.marked.length ? s.marked.map(m => (m ? 4 : 0)) : 0,
            pointBackgroundColor: s.marked.length ? s.marked.map(m => (m ? '#d1242f' : s.color)) : s.color,
            segment: s.marked.length ? {
              borderColor: ctx => (s.marked[ctx.p1DataIndex] ? '#d1242f' : s.color)
            } : undefined
          }))
        },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: 'index', intersect: false },
          plugins: { title: { display: true, text: c.title } },
          scales: {
            x: { ticks: { maxTicksLimit: 13 } },
            y: { title: { display: true, text: c.yLabel } }
          }
        }
      }));
    }
  }

  function live() {
    const main = document.getElementById('content');
    const status = document.getElementById('live-status');
    if (!main || !main.dataset.live || !window.EventSource) return;
    const source = new EventSource(main.dataset.live);
    source.onopen = () => { status.textContent = '● live'; status.className = 'live on'; };
    source.onerror = () => { status.textContent = '○ live (reconnecting)'; status.className = 'live off'; };
    source.onmessage = async (event) => {
      const msg = JSON.parse(event.data);
      const current = document.getElementById('content');
      status.textContent = '● live · ' + new Date(msg.at).toLocaleTimeString();
      if (msg.fingerprint === current.dataset.fingerprint) return;
      const response = await fetch(location.href, { credentials: 'same-origin' });
      if (!response.ok) return;
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = doc.getElementById('content');
      if (!fresh) return;
      current.replaceWith(fresh);
      drawCharts();
      status.textContent = '● live · updated ' + new Date().toLocaleTimeString();
    };
  }

  document.addEventListener('DOMContentLoaded', () => { drawCharts(); live(); });
})();
