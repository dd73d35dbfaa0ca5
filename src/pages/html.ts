// HTML built by a tagged template, `h`, that escapes every interpolated value unless it is already markup (`Html`).
// Text from the data can only reach a page through `h`, so it is escaped wherever it goes (text or attribute).
// (Named `h`, not `html`, so that Prettier leaves the markup of the templates as written.)
import escapeHtml from 'escape-html';

/** Markup that is already safe: made by `h` (or `raw` for constant markup of the code). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return (value as readonly Value[]).map(render).join('');
  return escapeHtml(String(value));
}

/** `h\`<p>${text}</p>\``: the literal parts as written, every value escaped (arrays joined, null/false omitted). */
export function h(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new Html(out);
}

/** Constant markup written in the code (never data). */
export const raw = (markup: string) => new Html(markup);

/** An absolute http(s) URL from the data, or undefined: nothing else becomes an href. */
export function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && /^https?:\/\/[^\s"'<>]+$/.test(url) ? url : undefined;
}
