// The page that renders one revision's state diagram offline (Mermaid bundle copied into site/assets/).
import { TRANSITION_TABLE } from '../../generated/transitions.ts';
import type { DocRevision } from '../../generated/transitions.ts';
import { escapeCode, escapeHtml } from './escapeHtml.ts';
import { listTransitions } from './listTransitions.ts';
import { renderPage } from './renderPage.ts';

export const MERMAID_ASSET = 'assets/mermaid.min.js';

/** site/state-diagram.<revision>.html: the diagram, a legend and the same outcomes as a table. */
export function renderDiagramPage(revision: DocRevision, mermaidSource: string): string {
  const meta = TRANSITION_TABLE.revisions[revision];
  const rows = listTransitions(revision)
    .map((t) => {
      const effect = TRANSITION_TABLE.effects[t.effect];
      const cvm = t.dependsOnCvm ? t.cvmPhases.join(', ') : 'any';
      const responseClass = t.response === 'Success' ? 'ok' : 'error';
      return (
        `<tr><td>${t.env}</td><td><code>${t.from}</code></td><td>${escapeHtml(cvm)}</td>` +
        `<td class="${responseClass}"><code>${escapeCode(t.response)}</code></td>` +
        `<td><code>${t.effect}</code><br><span class="muted">${escapeHtml(effect.description)}</span></td>` +
        `<td><code>${t.to}</code>${t.to === t.from ? ' <span class="muted">(unchanged)</span>' : ''}</td>` +
        `<td class="id"><code>${escapeHtml(t.rule)}</code></td></tr>`
      );
    })
    .join('\n');
  const body = `<nav><a href="index.html">tbc docs</a> › state diagram, revision ${revision}</nav>
<h1>TerminateTaskInstance: what a call does, revision <code>${revision}</code></h1>
<p>${escapeHtml(meta.title)}. Source: ${escapeHtml(meta.source)}.</p>
<p>Generated from <code>generated/transitions.ts</code> (itself generated from <code>spec/transitions.yaml</code>).
Each arrow is one TerminateTaskInstance call on an instance in the state it leaves: the response, the effect and
the rule that decides it; it ends in the state the instance reaches once the effect has played out. A state has
more than one arrow only where the CVM phase matters. Mermaid source:
<a href="state-diagram.${revision}.mmd">state-diagram.${revision}.mmd</a>.</p>
<p class="legend"><span class="swatch rejected"></span> call rejected (error response, nothing changes)
<span class="swatch unchanged"></span> call accepted, nothing changes
<span class="swatch changed"></span> call accepted, the instance moves to the state the arrow points at</p>
<div class="diagram" id="diagram"><pre class="mermaid">${escapeHtml(mermaidSource)}</pre></div>
<h2>Outcomes</h2>
<table>
<thead><tr><th>Env</th><th>State</th><th>CVM phase</th><th>Response</th><th>Effect</th><th>Resulting state</th><th>Rule</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  // Why startOnLoad false and run(): the page marks itself rendered (or failed) so screenshots wait for the SVG.
  const scripts = `<script src="${MERMAID_ASSET}"></script>
<script>
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', state: { useMaxWidth: false } });
mermaid.run().then(
  function () { document.body.dataset.diagram = 'rendered'; },
  function (error) { document.body.dataset.diagram = 'failed'; console.error(error); }
);
</script>
`;
  return renderPage({ title: `TerminateTaskInstance state diagram (${revision})`, body, scripts });
}
