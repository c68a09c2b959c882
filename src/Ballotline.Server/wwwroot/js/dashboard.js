// Polls the dashboard figures every 10 s and renders them as plain, accessible HTML.
(function () {
  'use strict';
  const pct = (v) => (v === null || v === undefined) ? '—' : (v * 100).toFixed(1) + '%';
  const num = (v, unit) => (v === null || v === undefined) ? '—' : (Math.round(v * 10) / 10).toLocaleString('en') + (unit || '');
  function text(tag, value, cls) { const e = document.createElement(tag); e.textContent = value; if (cls) { e.className = cls; } return e; }
  const chosen = new URLSearchParams(location.search).get('election') || '';
  function renderElection(d) {
    const picker = document.getElementById('dashboard-election');
    if (picker.options.length !== d.elections.length + 1) {
      picker.replaceChildren(text('option', 'The latest'));
      picker.options[0].value = '';
      for (const e of d.elections) {
        const option = text('option', e.title + ' (' + e.state + ')');
        option.value = e.id;
        option.selected = e.id === chosen;
        picker.append(option);
      }
    }
    document.getElementById('dashboard-election-title').textContent = d.election ? ': ' + d.election.title + ' (' + d.election.state + ')' : ': no election has left its draft yet';
  }
  function render(d) {
    renderElection(d);
    const alerts = document.getElementById('alerts');
    alerts.replaceChildren();
    if (d.firingAlerts.length === 0) {
      alerts.append(text('p', 'No alert is firing.', 'success'));
    } else {
      for (const a of d.firingAlerts) {
        const box = text('div', '', a.severity === 'Critical' ? 'error' : 'warning');
        box.append(text('p', a.severity.toUpperCase() + ' — ' + a.summary));
        box.append(text('p', 'First thing to do: ' + a.firstAction, 'hint'));
        alerts.append(box);
      }
    }
    const figures = document.getElementById('figures');
    figures.replaceChildren();
    const rows = [
      ['Chain', d.chainConnected ? 'connected' : 'UNREACHABLE'],
      ['Ballots waiting for the chain', num(d.anchoringBacklog)],
      ['Transaction success rate', pct(d.transactionSuccessRate)],
      ['Average time from cast to chain', num(d.averageTransactionSeconds, ' s')],
      ['Gas per ballot (latest anchor)', num(d.gasPerBallot)],
      ['API latency p50 / p95', num(d.latencyP50Milliseconds, ' ms') + ' / ' + num(d.latencyP95Milliseconds, ' ms')],
      ['Server error rate', pct(d.errorRate)],
      ['Open support tickets', Object.keys(d.openTicketsBySeverity).length === 0 ? 'none' : Object.entries(d.openTicketsBySeverity).map(([k, v]) => k + ': ' + v).join(', ')],
    ];
    for (const [k, v] of rows) { figures.append(text('dt', k)); figures.append(text('dd', v)); }
    const votes = document.getElementById('votes');
    votes.replaceChildren();
    const max = Math.max(1, ...d.votesPerHour.map(h => h.votes));
    for (const h of d.votesPerHour) {
      const bar = text('span', '', 'bar-v');
      bar.style.height = (4 + 96 * h.votes / max) + 'px';
      bar.title = new Date(h.hour).toISOString().substring(11, 16) + ' UTC: ' + h.votes + ' votes';
      votes.append(bar);
    }
    votes.setAttribute('aria-label', 'Votes per hour, last 24 hours: ' + d.votesPerHour.map(h => h.votes).join(', '));
    const funnel = document.getElementById('funnel');
    funnel.replaceChildren();
    const invited = Math.max(1, d.funnel[0].count);
    for (const step of d.funnel) {
      const tr = document.createElement('tr');
      tr.append(text('td', step.step), text('td', String(step.count)), text('td', pct(step.count / invited)));
      funnel.append(tr);
    }
  }
  async function refresh() {
    try {
      const r = await fetch('/admin/dashboard/data' + (chosen ? '?electionId=' + encodeURIComponent(chosen) : ''), { credentials: 'same-origin' });
      if (r.ok) { render(await r.json()); }
    } catch (e) { /* keep the last figures; the next poll retries */ }
  }
  refresh();
  setInterval(refresh, 10000);
})();
