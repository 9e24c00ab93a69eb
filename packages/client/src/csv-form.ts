// The file part of Persona's CSV imports: a multipart form whose
// `data[attributes][file]` holds the CSV, named as Persona reads it.

/** A form holding the CSV (its text, or a Blob or File) as `data[attributes][file]`. */
export function csvForm(file: string | Blob, fileName: string | undefined, fallback: string) {
  const form = new FormData();
  const blob = typeof file === 'string' ? new Blob([file], { type: 'text/csv' }) : file;
  const name = fileName ?? (blob instanceof File ? blob.name : fallback);
  form.set('data[attributes][file]', blob, name);
  return form;
}
