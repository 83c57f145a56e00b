import { expect, it } from 'vitest';
import { TRANSITION_TABLE } from '../../generated/transitions.ts';
import { escapeHtml } from './escapeHtml.ts';
import { renderIndexPage } from './renderIndexPage.ts';

const PAGES = [
  { action: 'TerminateTaskInstance', title: 'Terminate <one> task', href: 'api/TerminateTaskInstance.html' },
  { action: 'DescribeTask', title: 'Describe a task', href: 'api/DescribeTask.html' },
];

it('links every API page given and both state diagrams with their Mermaid sources', () => {
  const html = renderIndexPage(PAGES);
  for (const page of PAGES) expect(html).toContain(`<a href="${page.href}">${page.action}</a>`);
  expect(html).toContain('Terminate &lt;one&gt; task');
  for (const revision of Object.keys(TRANSITION_TABLE.revisions)) {
    expect(html).toContain(`href="state-diagram.${revision}.html"`);
    expect(html).toContain(`href="state-diagram.${revision}.mmd"`);
  }
});

it('lists every rule of every revision with its quoted sentence', () => {
  const html = renderIndexPage(PAGES);
  for (const revision of Object.values(TRANSITION_TABLE.revisions)) {
    for (const rule of revision.rules) {
      expect(html).toContain(`<tr id="${rule.id}">`);
      expect(html).toContain(`<q>${escapeHtml(rule.quote)}</q>`);
    }
  }
});
