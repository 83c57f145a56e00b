import { describe, expect, it } from 'vitest';
import { findRemoteReferences } from './findRemoteReferences.ts';

describe('findRemoteReferences', () => {
  it('reports scripts, stylesheets, preloads and images loaded from another host', () => {
    const html = `<script src="https://cdn.example/redoc.js"></script>
<link rel="modulepreload" href="https://cdn.redocly.com/redoc.standalone.js" crossorigin>
<link rel=stylesheet href=//fonts.example/css>
<img alt="logo" src='http://img.example/logo.svg'>`;
    expect(findRemoteReferences(html)).toEqual([
      'https://cdn.example/redoc.js',
      'https://cdn.redocly.com/redoc.standalone.js',
      '//fonts.example/css',
      'http://img.example/logo.svg',
    ]);
  });

  it('reports CSS imports and url() of another host', () => {
    expect(
      findRemoteReferences('@import url("https://fonts.example/a.css"); a{background:url(https://x.example/b.png)}'),
    ).toEqual(['https://fonts.example/a.css', 'https://x.example/b.png']);
  });

  it('accepts local and data: resources and plain links the reader may follow', () => {
    const html = `<script src="assets/mermaid.min.js"></script><link rel="stylesheet" href="../assets/docs.css">
<a href="https://redocly.com/redoc/">API docs by Redocly</a><img src="data:image/svg+xml,%3Csvg%3E">
<style>a{background:url("data:image/svg+xml,x")}</style>`;
    expect(findRemoteReferences(html)).toEqual([]);
  });
});
