// html-validate with its recommended rules, for the page tests and the browser crawl.
import { HtmlValidate } from 'html-validate';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

/** The messages html-validate (recommended rules) has on `markup`, as "line:column rule: message"; empty when valid. */
export async function htmlProblems(markup: string, name = 'page.html'): Promise<string[]> {
  const report = await validator.validateString(markup, name);
  return report.results.flatMap((result) => result.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}: ${message.message}`));
}
