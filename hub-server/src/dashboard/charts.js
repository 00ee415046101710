// Charts through ECharts (served by the hub from node_modules): a container with an accessible
// label, created once it is in the page and resized with it; and the option builders each page uses.
import * as echarts from '/vendor/echarts.js';
import { h } from './dom.js';

/** A chart container; call `set(option)` once it is attached to the document. */
export function chart(label, className = 'chart') {
  const el = h('div', { className, role: 'img', 'aria-label': label });
  let instance;
  const observer = new ResizeObserver(() => instance?.resize());
  return {
    el,
    set(option) {
      if (!instance) {
        instance = echarts.init(el, null, { renderer: 'canvas' });
        observer.observe(el);
      }
      instance.setOption({ aria: { enabled: true }, animation: false, ...option }, true);
    },
    dispose() {
      observer.disconnect();
      instance?.dispose();
      instance = undefined;
    },
  };
}

const IN = '#2563eb';
const OUT = '#f97316';

export function countsOption(series, labelOf) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['In', 'Out'], top: 0 },
    grid: { left: 44, right: 16, top: 32, bottom: 28 },
    xAxis: { type: 'category', data: series.map((p) => labelOf(p.start)) },
    yAxis: { type: 'value', name: 'people', minInterval: 1 },
    series: [
      { name: 'In', type: 'bar', data: series.map((p) => p.in), itemStyle: { color: IN } },
      { name: 'Out', type: 'line', data: series.map((p) => p.out), itemStyle: { color: OUT }, symbolSize: 6 },
    ],
  };
}

export function chordOption(links, nameOf) {
  const names = [...new Set(links.flatMap((l) => [l.from, l.to]))];
  return {
    tooltip: {},
    series: [
      {
        type: 'chord',
        radius: ['62%', '72%'],
        label: { show: true, fontSize: 11 },
        lineStyle: { opacity: 0.45, color: 'source' },
        data: names.map((id) => ({ name: nameOf(id) })),
        links: links
          .filter((l) => l.from !== l.to && l.count > 0)
          .map((l) => ({ source: nameOf(l.from), target: nameOf(l.to), value: l.count })),
      },
    ],
  };
}

/** Estimates with their confidence intervals, one row per metric, against a zero line. */
export function intervalsOption(rows) {
  const names = rows.map((r) => r.label);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const r = rows[p.dataIndex];
        return `${r.label}: ${r.estimate.toFixed(3)} [${r.ciLow.toFixed(3)}, ${r.ciHigh.toFixed(3)}]`;
      },
    },
    grid: { left: 180, right: 24, top: 16, bottom: 28 },
    xAxis: { type: 'value', scale: true },
    yAxis: { type: 'category', data: names },
    series: [
      {
        type: 'custom',
        name: 'confidence interval',
        renderItem: (_params, api) => {
          const lo = api.coord([api.value(1), api.value(0)]);
          const hi = api.coord([api.value(2), api.value(0)]);
          const cap = 6;
          const style = { stroke: '#334155', lineWidth: 2 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
              { type: 'line', shape: { x1: lo[0], y1: lo[1] - cap, x2: lo[0], y2: lo[1] + cap }, style },
              { type: 'line', shape: { x1: hi[0], y1: hi[1] - cap, x2: hi[0], y2: hi[1] + cap }, style },
            ],
          };
        },
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => [i, r.ciLow, r.ciHigh]),
      },
      {
        type: 'scatter',
        name: 'estimate',
        symbolSize: 12,
        itemStyle: { color: IN },
        data: rows.map((r, i) => [r.estimate, i]),
        markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed' }, data: [{ xAxis: 0 }] },
      },
    ],
  };
}

export function exposureOption(items) {
  const top = items.slice(0, 15).reverse();
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${v.toFixed(1)} pp` },
    grid: { left: 160, right: 24, top: 16, bottom: 28 },
    xAxis: { type: 'value', name: 'pp' },
    yAxis: { type: 'category', data: top.map((i) => i.label ?? i.item) },
    series: [
      {
        type: 'bar',
        name: 'exposure change',
        data: top.map((i) => ({
          value: i.change * 100,
          itemStyle: { color: i.change >= 0 ? '#16a34a' : '#dc2626' },
        })),
      },
    ],
  };
}
