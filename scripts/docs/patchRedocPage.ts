// Redoc 3's page still fetches two things at runtime even with --inlineBundle: the "API docs by Redocly" logo from
// cdn.redoc.ly, and usage telemetry (switched off with --openapi.disableTelemetry). This removes the first.

const REDOC_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/**
 * The attribution stays, as a local image reading "Redocly". Why a data: URI: the URL sits inside a JavaScript
 * template literal of the inline bundle, so it must contain no backtick and no `${`, and needs no extra file.
 */
export const LOCAL_REDOC_LOGO =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='64' height='16'%3E%3Ctext x='0' y='12' " +
  "font-family='sans-serif' font-size='12' fill='%23667085'%3ERedocly%3C/text%3E%3C/svg%3E";

/** Returns the Redoc page with its runtime logo fetch pointed at the local image. */
export function patchRedocPage(html: string): string {
  return html.replace(REDOC_LOGO, LOCAL_REDOC_LOGO);
}
