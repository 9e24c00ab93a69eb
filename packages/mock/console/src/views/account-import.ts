// A CSV of accounts through the API's importer (POST /importer/accounts): the
// bar follows the upload's bytes, then the importer's status until it is done;
// the rows it refused come from the mock-only state of the importer.
import { describe, failure, type Resource } from '../connection.js';
import { fill, h } from '../dom.js';
import type { Context } from '../view.js';

const MODES = ['create', 'update', 'upsert'] as const;
const POLL_MS = 400;

/** Sends the form with XMLHttpRequest: fetch reports no upload progress. */
function upload(
  context: Context,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<Resource> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/importer/accounts');
    for (const [name, value] of Object.entries(context.connection.headers())) {
      request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new Error('the upload did not reach the mock'));
    request.onload = async () => {
      const response = new Response(request.responseText, {
        status: request.status,
        headers: { 'www-authenticate': request.getResponseHeader('www-authenticate') ?? '' },
      });
      if (!response.ok) reject(await failure(response));
      else resolve(((await response.json()) as { data: Resource }).data);
    };
    request.send(form);
  });
}

export function accountImport(context: Context) {
  const file = h('input', {
    id: 'import-file',
    type: 'file',
    accept: '.csv,text/csv',
    required: true,
    'data-testid': 'import-file',
  });
  const mode = h(
    'select',
    { id: 'import-mode' },
    MODES.map((m) => h('option', { value: m }, m)),
  );
  const bar = h('progress', {
    id: 'import-progress',
    max: 100,
    value: 0,
    'aria-labelledby': 'import-progress-label',
    'data-testid': 'import-progress',
  });
  const outcome = h('div', { role: 'status', 'data-testid': 'import-outcome' });
  const submit = h('button', { type: 'submit', 'data-testid': 'import-start' }, 'Import');

  const poll = async (id: string): Promise<Resource> => {
    for (;;) {
      const { data } = await context.connection.api<{ data: Resource }>(
        `/importers/${encodeURIComponent(id)}`,
      );
      if (data.attributes.status !== 'pending') return data;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };

  const rowErrors = async (id: string) => {
    const response = await fetch(`/__mock/objects/${encodeURIComponent(id)}`, {
      headers: context.connection.headers(),
    });
    if (!response.ok) return [];
    const answer = (await response.json()) as {
      state: { rowErrors?: { row: number; errors: string[] }[] };
    };
    return answer.state.rowErrors ?? [];
  };

  const run = async () => {
    const chosen = file.files?.[0];
    if (!chosen) {
      fill(outcome, h('p', { class: 'error' }, 'Choose a CSV file of accounts first.'));
      file.focus();
      return;
    }
    const form = new FormData();
    form.set('data[attributes][file]', chosen, chosen.name);
    form.set('data[attributes][mode]', mode.value);
    submit.disabled = true;
    bar.value = 0;
    fill(outcome, h('p', null, `Uploading ${chosen.name}…`));
    try {
      // The upload is the first half of the bar, the importer's work the second.
      const created = await upload(context, form, (f) => {
        bar.value = Math.round(f * 50);
      });
      bar.value = 50;
      fill(outcome, h('p', null, `Importer ${created.id} is processing the file…`));
      const done = await poll(created.id);
      bar.value = 100;
      const a = done.attributes;
      const refused = await rowErrors(created.id);
      fill(
        outcome,
        h(
          'p',
          { 'data-testid': 'import-summary' },
          `Importer ${done.id} is ${String(a.status)}: ${String(a['successful-count'])} applied, ${String(a['error-count'])} refused, ${String(a['duplicate-count'])} duplicates.`,
        ),
        refused.length === 0
          ? null
          : h(
              'ul',
              null,
              refused.map((r) => h('li', null, `Row ${r.row}: ${r.errors.join('; ')}`)),
            ),
      );
    } catch (error) {
      fill(outcome, h('p', { class: 'error' }, `The import failed: ${describe(error)}`));
    } finally {
      submit.disabled = false;
    }
  };

  return h(
    'form',
    {
      class: 'card',
      'aria-label': 'Import accounts',
      onsubmit: (event: Event) => {
        event.preventDefault();
        void run();
      },
    },
    h('h2', null, 'Import accounts'),
    h(
      'p',
      { class: 'muted' },
      'A CSV whose header names its columns (reference_id, name_first, name_last, birthdate…), sent to the API’s importer.',
    ),
    h('div', { class: 'field' }, h('label', { for: 'import-file' }, 'CSV file'), file),
    h('div', { class: 'field' }, h('label', { for: 'import-mode' }, 'Mode'), mode),
    submit,
    h('div', { class: 'field' }, h('span', { id: 'import-progress-label' }, 'Progress'), bar),
    outcome,
  );
}
