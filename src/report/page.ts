// The report page as a handlebars template (HTML-escaped by default, the reason handlebars is
// used here and only here — never for .j2). Self-contained: no script, no external resource,
// so it opens from a mail attachment or a change ticket.
export const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>runbook — {{playbook}}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222}
h1{font-size:20px;margin:0 0 4px} h2{font-size:16px;margin:24px 0 8px}
.meta{color:#555} code,pre{font:12px/1.35 ui-monospace,monospace}
table{border-collapse:collapse;margin:4px 0} th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4} .num{text-align:right}
.outcome-ok{color:#2e7d32} .outcome-failed{color:#c62828}
.ok{color:#2e7d32} .changed{color:#b26a00} .failed,.unreachable{color:#c62828;font-weight:bold} .skipped{color:#00838f}
.timeline{position:relative;border:1px solid #ccc;background:#fafafa}
.row{position:relative;height:22px;border-bottom:1px solid #eee}
.row .label{position:absolute;left:4px;top:2px;width:110px;font-size:12px}
.row .track{position:absolute;left:120px;right:4px;top:0;bottom:0}
.seg{position:absolute;top:4px;height:14px;opacity:.85}
.window{position:absolute;top:1px;height:20px;border:2px solid #c62828;box-sizing:border-box}
.swatch{display:inline-block;width:10px;height:10px;margin-right:4px}
details{margin:2px 0} summary{cursor:pointer} pre{background:#f7f7f7;padding:6px;overflow:auto;max-height:300px}
</style></head>
<body>
<h1>runbook run report</h1>
<div class="meta"><code>{{command}}</code><br>started {{started}} · took {{took}} · outcome <span id="outcome" class="outcome-{{outcome}}">{{outcome}}</span>{{#if guests}} · guest downtime {{guestsTotal}} s, {{guestsRestarted}} restarted{{/if}}</div>

<h2>Stages</h2>
<table id="stages"><tr><th>stage (play)</th><th class="num">actual</th><th class="num">forecast</th><th class="num">hosts</th><th class="num">changed</th><th class="num">failed</th></tr>
{{#each stages}}<tr><td><span class="swatch" style="background:{{color}}"></span>{{name}}</td><td class="num">{{actual}}</td><td class="num">{{forecast}}</td><td class="num">{{hosts}}</td><td class="num">{{changed}}</td><td class="num">{{failed}}</td></tr>
{{/each}}{{#if forecastTotal}}<tr><th>total</th><th class="num">{{took}}</th><th class="num">{{forecastTotal}}</th><th colspan="3"></th></tr>{{/if}}</table>

<h2>Timeline</h2>
<p class="meta">Each play's span on each host; the red frame is the host's window of change (first changed task → last task) — for the upgrade, its downtime.</p>
<div class="timeline" id="timeline">
{{#each timeline}}<div class="row" data-host="{{host}}"><span class="label">{{host}}</span><div class="track">{{#each segments}}<div class="seg" style="left:{{left}}%;width:{{width}}%;background:{{color}}" title="{{title}}"></div>{{/each}}{{#if window}}<div class="window" style="left:{{window.left}}%;width:{{window.width}}%" title="window of change: {{window.length}}"></div>{{/if}}</div></div>
{{/each}}</div>

{{#if guests}}<h2>Guests</h2>
<p class="meta">The data-plane guardian probed each guest that answered when the run started, every second from this machine.{{#if guestsNotRunning}} Not running at the start (not probed): {{guestsNotRunning}}.{{/if}}</p>
<table id="guests"><tr><th>guest</th><th class="num">probes</th><th class="num">answered</th><th class="num">availability</th><th class="num">downtime</th><th>restarted</th></tr>
{{#each guests}}<tr data-guest="{{name}}" data-downtime="{{downtime}}" data-availability="{{availability}}" data-restarted="{{restarted}}"><td>{{name}}</td><td class="num">{{probes}}</td><td class="num">{{answered}}</td><td class="num">{{availability}} %</td><td class="num">{{downtime}} s</td><td>{{restarted}}</td></tr>
{{/each}}<tr><th>total</th><th colspan="3"></th><th class="num" id="guest-downtime">{{guestsTotal}} s</th><th>{{guestsRestarted}} restarted</th></tr></table>
{{/if}}
<h2>Recap</h2>
<table id="recap"><tr><th>host</th><th class="num">ok</th><th class="num">changed</th><th class="num">unreachable</th><th class="num">failed</th><th class="num">skipped</th><th class="num">rescued</th><th class="num">ignored</th></tr>
{{#each recap}}<tr><td>{{host}}</td><td class="num">{{ok}}</td><td class="num">{{changed}}</td><td class="num">{{unreachable}}</td><td class="num">{{failed}}</td><td class="num">{{skipped}}</td><td class="num">{{rescued}}</td><td class="num">{{ignored}}</td></tr>
{{/each}}</table>

<h2>Tasks</h2>
{{#each plays}}<details class="play"{{#if @first}} open{{/if}}><summary><b>PLAY [{{name}}]</b> — {{tasks.length}} tasks</summary>
{{#each tasks}}<details class="task"><summary>TASK [{{name}}] <span class="meta">{{origin}}</span></summary>
<table>{{#each results}}<tr><td>{{host}}</td><td class="{{css}}">{{status}}</td><td class="num">{{took}}</td><td>{{msg}}{{#if diff}}<pre>{{diff}}</pre>{{/if}}</td></tr>{{/each}}</table>
</details>
{{/each}}</details>
{{/each}}
</body></html>
`;
