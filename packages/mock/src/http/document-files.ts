import type { HttpHandler } from 'msw';
import { http } from 'msw/core/http';
import type { MockCore } from '../core/mock-core.js';
import { servesFile } from '../services/files.js';

/** A 1×1 transparent PNG: the stand-in for every uploaded image. */
const PNG = Uint8Array.from(
  atob(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  ),
  (c) => c.charCodeAt(0),
);

/** A one-page blank PDF: the stand-in for every uploaded PDF. */
const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

const notFound = () =>
  new Response('No file here, or the access token is not its own.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });

/**
 * The files that documents and transactions link to
 * (`/__mock/files/<owner-id>/<name>?access_token=…`). The token in the URL is
 * the access, as on Persona's file links, so no API key is needed. The mock
 * keeps no uploaded content: a PDF name serves a blank PDF, anything else a
 * 1×1 PNG. A redacted owner's files are gone (404).
 */
export function documentFileHandlers(core: MockCore): HttpHandler[] {
  return [
    http.get('*/__mock/files/:owner/:name', ({ request, params }) => {
      const token = new URL(request.url).searchParams.get('access_token');
      const ownerId = String(params.owner);
      const name = String(params.name);
      if (!token) return notFound();
      for (const org of core.organizations()) {
        const owner = org.findById(ownerId);
        if (!owner || !servesFile(owner, name, token)) continue;
        const pdf = /\.pdf$/i.test(name);
        return new Response(pdf ? PDF : PNG, {
          status: 200,
          headers: {
            'Content-Type': pdf ? 'application/pdf' : 'image/png',
            'Cache-Control': 'no-store',
          },
        });
      }
      return notFound();
    }),
  ];
}
