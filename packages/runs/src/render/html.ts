import type { ReportSection, RunRecord } from '@ferry/types';
import { formatDuration, formatTime } from '../format.ts';
import { ganttBars, type GanttBar } from './gantt.ts';
import { failures, STEP_ALIGN, STEP_HEADER, stepRow, summaryPairs } from './sections.ts';

/** report.html: one self-contained page (inline CSS and SVG, no scripts, no network) that opens from a plain folder. */
export function renderReportHtml(record: RunRecord): string {
  const title = `ferry ${record.pipeline} run ${record.run_id}`;
  const sections = [
    `<h1>${escapeHtml(title)}</h1>`,
    `<table class="summary">${summaryPairs(record)
      .map(
        ([name, value]) =>
          `<tr><th>${escapeHtml(name)}</th><td class="${name === 'status' ? `status-${record.status}` : ''}">${escapeHtml(value)}</td></tr>`,
      )
      .join('')}</table>`,
  ];
  if (record.steps.length) sections.push(`<h2>Timeline</h2>\n${ganttSvg(record)}`);
  sections.push(
    '<h2>Steps</h2>',
    record.steps.length ? htmlTable(STEP_HEADER, record.steps.map(stepRow), STEP_ALIGN) : '<p>No steps were recorded.</p>',
  );
  for (const section of record.sections ?? []) sections.push(...sectionHtml(section));
  const failedLines = failures(record);
  if (failedLines.length) sections.push('<h2>Failures</h2>', listHtml(failedLines));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1040px; padding: 0 1em; color: #1d2330; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { padding: .25em .7em; border-bottom: 1px solid #dde2ea; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.summary th { color: #5a6475; font-weight: normal; }
.status-succeeded { color: #2e7d4f; } .status-failed { color: #c0392b; font-weight: bold; } .status-partial { color: #b9770e; font-weight: bold; } .status-noop { color: #5a6475; }
svg { max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
svg .axis { stroke: #c5ccd8; } svg .tick { fill: #5a6475; } svg .label { fill: #1d2330; }
rect.bar { fill: #5b8def; } rect.succeeded { fill: #4c9f70; } rect.failed { fill: #d9534f; } rect.running { fill: #5b8def; } rect.skipped { fill: #b0b7c3; }
</style>
</head>
<body>
${sections.join('\n')}
</body>
</html>
`;
}

const LABEL_WIDTH = 280;
const CHART_WIDTH = 700;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;
const AXIS_HEIGHT = 28;
const LEGEND_HEIGHT = 26;

/** Gantt chart: one row per step, one <rect> per attempt (data-step, data-attempt), failed attempts in red. */
function ganttSvg(record: RunRecord): string {
  const bars = ganttBars(record);
  const start = Math.min(Date.parse(record.started_at), ...bars.map((bar) => bar.start));
  const end = Math.max(Date.parse(record.finished_at ?? record.started_at), ...bars.map((bar) => bar.end), start + 1);
  const x = (time: number) => LABEL_WIDTH + ((time - start) / (end - start)) * CHART_WIDTH;
  const width = LABEL_WIDTH + CHART_WIDTH + 20;
  const height = AXIS_HEIGHT + record.steps.length * ROW_HEIGHT + LEGEND_HEIGHT + 8;
  const parts: string[] = [];

  const tick = tickStep(end - start);
  for (let offset = 0; offset <= end - start; offset += tick) {
    const tx = x(start + offset).toFixed(1);
    parts.push(`<line class="axis" x1="${tx}" y1="${AXIS_HEIGHT - 6}" x2="${tx}" y2="${AXIS_HEIGHT + record.steps.length * ROW_HEIGHT}"/>`);
    parts.push(`<text class="tick" x="${tx}" y="${AXIS_HEIGHT - 10}" text-anchor="middle">+${escapeHtml(formatDuration(offset))}</text>`);
  }
  parts.push(`<text class="tick" x="0" y="${AXIS_HEIGHT - 10}">start ${escapeHtml(formatTime(new Date(start).toISOString()))} UTC</text>`);

  const barsByStep = new Map<string, GanttBar[]>();
  for (const bar of bars) barsByStep.set(bar.step, [...(barsByStep.get(bar.step) ?? []), bar]);
  const drawn = new Set<string>();
  record.steps.forEach((step, row) => {
    const y = AXIS_HEIGHT + row * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2;
    // Two steps with the same name share their bars; draw them once, on the first row.
    const stepBars = drawn.has(step.name) ? [] : (barsByStep.get(step.name) ?? []);
    drawn.add(step.name);
    const attempts = stepBars.length > 1 ? ` (${stepBars.length} attempts)` : '';
    parts.push(
      `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 3}" text-anchor="end">${escapeHtml(truncate(step.name + attempts, 40))}</text>`,
    );
    for (const bar of stepBars) {
      // A pixel of air between back-to-back attempts keeps them apart.
      const left = x(bar.start) + 0.5;
      const barWidth = Math.max(x(bar.end) - left - 0.5, 2);
      const tooltip = `${bar.label}: ${formatDuration(bar.end - bar.start)}${bar.error ? ` — ${bar.error}` : ''}`;
      parts.push(
        `<rect class="${bar.status}" data-step="${escapeHtml(bar.step)}" data-attempt="${bar.attempt}" data-status="${bar.status}" x="${left.toFixed(1)}" y="${y}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT}" rx="2"><title>${escapeHtml(tooltip)}</title></rect>`,
      );
    }
  });

  const legendY = AXIS_HEIGHT + record.steps.length * ROW_HEIGHT + 16;
  (['succeeded', 'failed', 'running'] as const).forEach((status, i) => {
    const lx = LABEL_WIDTH + i * 110;
    parts.push(
      `<rect class="${status}" x="${lx}" y="${legendY - 10}" width="12" height="12"/><text class="tick" x="${lx + 16}" y="${legendY}">${status === 'failed' ? 'failed attempt' : status}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Gantt chart of the run's steps">\n${parts.join('\n')}\n</svg>`;
}

function sectionHtml(section: ReportSection): string[] {
  const parts = [`<h2>${escapeHtml(section.title)}</h2>`];
  if (section.text !== undefined) parts.push(`<p>${escapeHtml(section.text)}</p>`);
  if (section.chart && section.chart.bars.length) parts.push(barChartSvg(section.chart));
  if (section.table) parts.push(htmlTable(section.table.header, section.table.rows, section.table.align));
  if (section.items) parts.push(listHtml(section.items));
  return parts;
}

const BAR_AREA_HEIGHT = 120;

/** A section's bar chart: one column per bar (value above it, label below), inline SVG like the Gantt chart. */
export function barChartSvg(chart: NonNullable<ReportSection['chart']>): string {
  const max = Math.max(...chart.bars.map((bar) => bar.value), 1);
  const step = Math.max(14, Math.min(60, Math.floor(CHART_WIDTH / chart.bars.length)));
  const width = chart.bars.length * step + 20;
  const height = BAR_AREA_HEIGHT + 70;
  const parts = chart.bars.map((bar, i) => {
    const barHeight = Math.max((bar.value / max) * BAR_AREA_HEIGHT, bar.value > 0 ? 1 : 0);
    const x = 10 + i * step;
    const y = 20 + BAR_AREA_HEIGHT - barHeight;
    const label = `<text class="tick" transform="translate(${x + step / 2},${BAR_AREA_HEIGHT + 30}) rotate(45)">${escapeHtml(truncate(bar.label, 16))}</text>`;
    return (
      `<rect class="bar" data-label="${escapeHtml(bar.label)}" data-value="${bar.value}" x="${x + 2}" y="${y.toFixed(1)}" width="${step - 4}" height="${barHeight.toFixed(1)}"><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title></rect>` +
      `<text class="tick" x="${x + step / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${bar.value}</text>${label}`
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(chart.title)}">\n<text class="label" x="10" y="12">${escapeHtml(chart.title)}</text>\n${parts.join('\n')}\n</svg>`;
}

/** 1, 2 or 5 × a power of ten milliseconds, giving at most 8 ticks. */
function tickStep(span: number): number {
  for (let power = 1; ; power *= 10) {
    for (const factor of [1, 2, 5]) if (span / (factor * power) <= 8) return factor * power;
  }
}

function htmlTable(header: string[], rows: string[][], align: ('left' | 'right')[]): string {
  const head = header.map((cell) => `<th>${escapeHtml(cell)}</th>`).join('');
  const body = rows
    .map((row) => `<tr>${row.map((cell, i) => `<td${align[i] === 'right' ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function listHtml(lines: string[]): string {
  return lines.length ? `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : '';
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
