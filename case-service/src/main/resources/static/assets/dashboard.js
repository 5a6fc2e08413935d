// The operations dashboard: figures from GET /api/v1/operations/summary, drawn as plain SVG and
// tables (each chart has its numbers beside it, so nothing depends on seeing colour).
import { api } from './api.js';
import { app } from './app.js';
import { t, label, locale } from './i18n.js';
import { h, formatDuration, table } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = { WHATSAPP: '#25795f', EMAIL: '#2f5d9e', FACEBOOK: '#4a62b3', INSTAGRAM: '#a3407a', LAPOR: '#b5651d', FRONT_DESK: '#6b5b95', WEB: '#3c7a89' };
const PALETTE = ['#0b5cad', '#b5651d', '#25795f', '#a3407a', '#6b5b95', '#8a6d00', '#2f5d9e'];
const colourOf = (series, s) => COLOURS[s] || PALETTE[series.indexOf(s) % PALETTE.length];

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs).forEach(([k, v]) => el.setAttribute(k, String(v)));
  children.flat().forEach((c) => c && el.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return el;
}

/** Stacked columns per day, one colour per series, with a legend. */
function stackedColumns(title, days, series, valueOf, nameOf = (s) => s) {
  const totals = days.map((d) => series.reduce((sum, s) => sum + valueOf(d, s), 0));
  const max = Math.max(1, ...totals);
  const width = Math.max(640, days.length * 28 + 40);
  const height = 180;
  const bar = Math.max(8, Math.floor((width - 40) / Math.max(1, days.length)) - 6);
  const bars = [];
  days.forEach((d, i) => {
    let y = height - 20;
    series.forEach((s) => {
      const v = valueOf(d, s);
      if (!v) return;
      const hgt = Math.round(((height - 40) * v) / max);
      y -= hgt;
      bars.push(svg('rect', { x: 30 + i * (bar + 6), y, width: bar, height: hgt, fill: colourOf(series, s) }, svg('title', {}, `${d} ${nameOf(s)}: ${v}`)));
    });
    if (days.length <= 16 || i % 2 === 0) bars.push(svg('text', { x: 30 + i * (bar + 6) + bar / 2, y: height - 6, 'text-anchor': 'middle', 'font-size': 9 }, d.slice(5)));
  });
  bars.push(svg('text', { x: 2, y: 16, 'font-size': 10 }, String(max)));
  bars.push(svg('line', { x1: 28, x2: width, y1: height - 20, y2: height - 20, stroke: '#999' }));
  return h('figure', { class: 'chart' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, preserveAspectRatio: 'xMinYMin meet' }, bars),
    h('figcaption', {}, series.map((s) => h('span', { class: 'legend' }, h('span', { class: 'swatch', style: `background:${colourOf(series, s)}` }), nameOf(s)))));
}

function horizontalBars(id, entries) {
  const max = Math.max(1, ...entries.map(([, v]) => v));
  return h('ul', { class: 'hbars', id }, entries.map(([name, v]) =>
    h('li', {}, h('span', { class: 'name' }, name), h('span', { class: 'bar', style: `--w:${(100 * v) / max}%` }), h('span', { class: 'value' }, String(v)))));
}

const kpi = (id, title, value, hint) => h('div', { class: 'kpi', id }, h('div', { class: 'kpi-value' }, value), h('div', { class: 'kpi-title' }, title), hint ? h('small', {}, hint) : null);

export async function dashboardView(params) {
  const days = Number(params.get('days') || 14);
  const { cases, adapters } = await api.operations(days);
  const pct = cases.sla.compliance === null ? t('case.none') : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(cases.sla.compliance);

  const dayList = [];
  for (let d = new Date(cases.from); d <= new Date(cases.to); d.setUTCDate(d.getUTCDate() + 1)) dayList.push(d.toISOString().slice(0, 10));
  const perDayChannel = {};
  const perDayAgency = {};
  const perChannel = {};
  const perAgency = {};
  cases.volumes.forEach((v) => {
    perDayChannel[`${v.day}|${v.channel}`] = (perDayChannel[`${v.day}|${v.channel}`] || 0) + v.count;
    perDayAgency[`${v.day}|${v.agency}`] = (perDayAgency[`${v.day}|${v.agency}`] || 0) + v.count;
    perChannel[v.channel] = (perChannel[v.channel] || 0) + v.count;
    perAgency[v.agency] = (perAgency[v.agency] || 0) + v.count;
  });
  const days2 = [...new Set([...dayList, ...cases.volumes.map((v) => v.day)])].sort();
  const channels = Object.keys(perChannel).sort();

  const states = [...new Set(cases.backlog.map((b) => b.status))];
  const divisions = [...new Set(cases.backlog.map((b) => `${b.agency}|${b.division}`))].sort();
  const backlogRows = divisions.map((key) => {
    const [agency, division] = key.split('|');
    const cells = states.map((s) => cases.backlog.filter((b) => b.agency === agency && b.division === division && b.status === s).reduce((n, b) => n + b.count, 0));
    return h('tr', {}, h('th', { scope: 'row' }, `${agency} · ${division === '-' ? t('dash.unrouted') : division}`), cells.map((n) => h('td', { class: 'num' }, n || '')), h('td', { class: 'num' }, cells.reduce((a, b) => a + b, 0)));
  });

  const windowForm = h('form', { class: 'filters inline', id: 'dash-window' },
    h('label', { for: 'dash-days' }, t('dash.window')),
    h('select', { id: 'dash-days', name: 'days' }, [7, 14, 30, 90].map((n) => { const o = h('option', { value: n }, t('dash.days', { n })); if (n === days) o.selected = true; return o; })),
    h('button', { type: 'submit' }, t('filter.apply')));
  windowForm.addEventListener('submit', (e) => { e.preventDefault(); app.go(`#/dashboard?days=${windowForm.elements.days.value}`); });

  return h('section', { class: 'dashboard', 'aria-labelledby': 'dash-title', id: 'dashboard' },
    h('h1', { id: 'dash-title' }, t('dash.title'), ' ', h('small', { class: 'scope' }, cases.agencies.join(', '))),
    windowForm,
    h('div', { class: 'kpis' },
      kpi('kpi-received', t('dash.received'), String(cases.received)),
      kpi('kpi-compliance', t('dash.compliance'), pct, `${t('dash.met')} ${cases.sla.met} · ${t('dash.late')} ${cases.sla.late}`),
      kpi('kpi-breaches', t('dash.breaches'), String(cases.sla.late)),
      kpi('kpi-first-response', t('dash.firstResponse'), formatDuration(cases.medians.firstResponseSeconds), `n = ${cases.medians.firstResponseSamples}`),
      kpi('kpi-resolution', t('dash.resolution'), formatDuration(cases.medians.resolutionSeconds), `n = ${cases.medians.resolutionSamples}`)),
    h('div', { class: 'grid dash-grid' },
      h('section', { class: 'card wide', id: 'dash-volumes' }, h('h2', {}, t('dash.volumes')),
        cases.volumes.length ? [
          h('h3', {}, t('dash.byChannel')),
          stackedColumns(`${t('dash.volumes')}: ${t('dash.byChannel')}`, days2, channels, (d, s) => perDayChannel[`${d}|${s}`] || 0, (s) => label('channel', s)),
          h('h3', {}, t('dash.byAgency')),
          stackedColumns(`${t('dash.volumes')}: ${t('dash.byAgency')}`, days2, Object.keys(perAgency).sort(), (d, a) => perDayAgency[`${d}|${a}`] || 0),
        ] : h('p', {}, t('dash.nodata'))),
      h('section', { class: 'card' }, h('h2', {}, t('dash.byChannel')), horizontalBars('dash-by-channel', channels.map((c) => [label('channel', c), perChannel[c]]))),
      h('section', { class: 'card' }, h('h2', {}, t('dash.byAgency')), horizontalBars('dash-by-agency', Object.keys(perAgency).sort().map((a) => [a, perAgency[a]]))),
      h('section', { class: 'card wide', id: 'dash-backlog' }, h('h2', {}, t('dash.backlog')),
        backlogRows.length ? table([t('col.division'), ...states.map((s) => t(`status.${s}`)), t('dash.total')], backlogRows) : h('p', {}, t('dash.nodata'))),
      h('section', { class: 'card', id: 'dash-sla' }, h('h2', {}, t('dash.sla')),
        horizontalBars('dash-sla-states', [[t('dash.running'), cases.sla.running], [t('dash.warning'), cases.sla.warning], [t('dash.paused'), cases.sla.paused], [t('dash.met'), cases.sla.met], [t('dash.late'), cases.sla.late]]),
        h('h3', {}, t('dash.breachesPerDay')),
        cases.sla.breachesPerDay.length ? horizontalBars('dash-breaches', cases.sla.breachesPerDay.map((b) => [b.day, b.count])) : h('p', {}, t('dash.nodata'))),
      h('section', { class: 'card wide', id: 'dash-adapters' }, h('h2', {}, t('dash.adapters')),
        table([t('dash.service'), t('dash.up'), t('dash.lag'), t('dash.deadLetters'), t('dash.providerErrors'), t('dash.publishFailures'), t('dash.deliveryFailures')],
          adapters.map((a) => h('tr', { 'data-service': a.service, class: a.up ? '' : 'down' },
            h('th', { scope: 'row' }, a.service),
            h('td', {}, h('span', { class: `badge ${a.up ? 'sla-met' : 'sla-overdue'}` }, a.up ? t('dash.upYes') : `${t('dash.upNo')} (${a.error})`)),
            h('td', { class: 'num' }, a.consumerLag === null ? t('case.none') : String(a.consumerLag)),
            h('td', { class: `num ${a.deadLetters > 0 ? 'alert' : ''}` }, String(a.deadLetters)),
            h('td', { class: `num ${a.providerErrors > 0 ? 'alert' : ''}` }, String(a.providerErrors)),
            h('td', { class: 'num' }, String(a.publishFailures)),
            h('td', { class: 'num' }, String(a.deliveryFailures))))))));
}
