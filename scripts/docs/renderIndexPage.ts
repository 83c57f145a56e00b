// site/index.html: links to the API reference pages and the diagrams, and every rule with the sentence it implements.
import { TRANSITION_TABLE, DEFAULT_DOC_REVISION } from '../../generated/transitions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { escapeCode, escapeHtml } from './escapeHtml.ts';
import { renderPage } from './renderPage.ts';

export interface ApiPage {
  action: string;
  title: string;
  /** Path relative to site/, e.g. api/TerminateTaskInstance.html. */
  href: string;
}

export function renderIndexPage(apiPages: readonly ApiPage[]): string {
  const revisions = Object.keys(TRANSITION_TABLE.revisions) as DocRevision[];
  const api = apiPages
    .map((p) => `<li><a href="${escapeHtml(p.href)}">${escapeHtml(p.action)}</a> — ${escapeHtml(p.title)}</li>`)
    .join('\n');
  const diagrams = revisions
    .map((revision) => {
      const meta = TRANSITION_TABLE.revisions[revision];
      const isDefault = revision === DEFAULT_DOC_REVISION ? ' (default)' : '';
      return (
        `<li><a href="state-diagram.${revision}.html">revision <code>${revision}</code></a>${isDefault} — ` +
        `${escapeHtml(meta.title)} (<a href="state-diagram.${revision}.mmd">Mermaid source</a>)</li>`
      );
    })
    .join('\n');
  const rules = revisions
    .flatMap((revision) =>
      TRANSITION_TABLE.revisions[revision].rules.map((rule) => {
        const env = 'env' in rule ? rule.env : 'any';
        const cvm = 'cvm' in rule ? rule.cvm.join(', ') : 'any';
        const responseClass = rule.response === 'Success' ? 'ok' : 'error';
        return (
          `<tr id="${escapeHtml(rule.id)}"><td><code>${revision}</code></td><td class="id"><code>${escapeHtml(rule.id)}</code></td>` +
          `<td>${env}</td><td>${rule.states.join(', ')}</td><td>${escapeHtml(cvm)}</td>` +
          `<td class="${responseClass}"><code>${escapeCode(rule.response)}</code></td><td><code>${rule.effect}</code></td>` +
          `<td class="quote"><q>${escapeHtml(rule.quote)}</q></td></tr>`
        );
      }),
    )
    .join('\n');
  const effects = Object.entries(TRANSITION_TABLE.effects)
    .map(
      ([id, e]) =>
        `<tr><td><code>${id}</code></td><td>${escapeHtml(e.description)}</td><td>${e.instance}</td>` +
        `<td>${e.cvm}</td><td>${e.workload}</td></tr>`,
    )
    .join('\n');
  const body = `<h1>tbc — Tencent Cloud Batch <code>${TRANSITION_TABLE.action}</code> reference</h1>
<p>Built by <code>npm run docs</code> from <code>spec/</code> and <code>generated/</code>; works offline.</p>
<h2>API reference</h2>
<ul>
${api}
</ul>
<h2>State diagrams</h2>
<ul>
${diagrams}
</ul>
<h2>Rules</h2>
<p>For a revision, the first rule whose environment kind, states and CVM phase match the instance decides what a call
does (<code>spec/transitions.yaml</code>). Each rule quotes the documentation sentence it implements.</p>
<table>
<thead><tr><th>DocRevision</th><th>Rule</th><th>Env</th><th>States</th><th>CVM phase</th><th>Response</th><th>Effect</th><th>Quoted sentence</th></tr></thead>
<tbody>
${rules}
</tbody>
</table>
<h2>Effects</h2>
<table>
<thead><tr><th>Effect</th><th>What happens</th><th>Instance</th><th>CVM</th><th>Workload</th></tr></thead>
<tbody>
${effects}
</tbody>
</table>`;
  return renderPage({ title: `tbc — ${TRANSITION_TABLE.action} reference`, body });
}
