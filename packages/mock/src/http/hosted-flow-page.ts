/** The hosted-flow stand-in's HTML: server-rendered forms, no script, no outside resources. */

export interface FlowStep {
  id: string;
  name: string;
}

export interface FlowView {
  templateName: string;
  inquiryId: string;
  steps: FlowStep[];
  /** Proves on submit that this browser opened the link. */
  token: string;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}
fieldset{margin:0 0 1rem;border:1px solid #999;border-radius:6px}label{margin-right:1.5rem}
button{font:inherit;padding:.4rem 1.2rem}:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}
.note{color:#555;font-size:.9rem}`;

/** Headers of every page: nothing may load from elsewhere, and no page may frame it. */
export const PAGE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · persona-mock</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** One fieldset per verification: the person picks how it comes out. */
export function flowPage(view: FlowView): string {
  const steps = view.steps
    .map(
      (step, i) => `<fieldset>
<legend>Step ${i + 1}: ${escapeHtml(step.name)}</legend>
<label><input type="radio" name="step:${escapeHtml(step.id)}" value="passed" required> Pass</label>
<label><input type="radio" name="step:${escapeHtml(step.id)}" value="failed"> Fail</label>
</fieldset>`,
    )
    .join('\n');
  return page(
    view.templateName,
    `<h1>${escapeHtml(view.templateName)}</h1>
<p class="note">Hosted flow stand-in for inquiry <code>${escapeHtml(view.inquiryId)}</code>. Choose how each verification comes out, then submit.</p>
<form method="post">
<input type="hidden" name="token" value="${escapeHtml(view.token)}">
${steps || '<p>This flow runs no verification.</p>'}
<button type="submit">Submit</button>
</form>`,
  );
}

/** What the person sees when they are done and the inquiry names no redirect URI. */
export function donePage(inquiryId: string, status: string): string {
  return page(
    'Done',
    `<h1 role="status">Done</h1><p>Inquiry <code>${escapeHtml(inquiryId)}</code> is now <strong>${escapeHtml(status)}</strong>. You can close this page.</p>`,
  );
}

/** A link that cannot be used, or a submission that was refused, and why. */
export function problemPage(title: string, details: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(details)}</p>`);
}
