import type { UploadOutcome } from '../../epaper/index.ts';
import { AdminPage, CsrfField, type PageContext } from './layout.tsx';

export interface EpaperUploadForm {
  editions: { slug: string; name: string }[];
  maxPages: number;
  maxBytes: number;
}

/** The print-edition upload: a plain multipart form (the console runs no script) and the outcome of the last upload. */
export function EpaperUploadView(props: {
  page: PageContext;
  form: EpaperUploadForm;
  values: { edition: string; date: string };
  outcome: UploadOutcome | null;
}) {
  const { page, form, values, outcome } = props;
  return (
    <AdminPage page={page} title="E-paper: upload a print edition">
      {outcome?.ok === true ? (
        <p class="notice" role="status">
          {outcome.message} <a href={outcome.path}>Open page 1 of {outcome.pages}</a>
        </p>
      ) : null}
      {outcome?.ok === false ? (
        <p class="error" role="alert">
          {outcome.message.endsWith('.') ? outcome.message : `${outcome.message}.`} Nothing was stored; an edition already there for that
          day is unchanged.
        </p>
      ) : null}
      <p class="muted">
        The PDF replaces any edition already there for the same edition and date, all at once. Every page is rendered on upload, so a long
        paper takes a while.
      </p>
      <form method="post" action="/admin/epaper" enctype="multipart/form-data">
        <CsrfField csrf={page.csrf} />
        <label for="ep-edition">Edition</label>
        <select id="ep-edition" name="edition" required>
          {form.editions.map((edition) => (
            <option value={edition.slug} selected={edition.slug === values.edition}>
              {edition.name}
            </option>
          ))}
        </select>
        <label for="ep-date">Date of the paper</label>
        <input id="ep-date" type="date" name="date" value={values.date} required />
        <label for="ep-file">
          PDF file{' '}
          <span class="hint">
            at most {form.maxPages} pages and {megabytes(form.maxBytes)} MB, not encrypted
          </span>
        </label>
        <input id="ep-file" type="file" name="pdf" accept="application/pdf,.pdf" required />
        <p>
          <button type="submit">Upload</button>
        </p>
      </form>
    </AdminPage>
  );
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 });
}
