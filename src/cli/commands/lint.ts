import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatIssue, lintFlopackText } from '../../workflows/lint.ts';
import { UsageError, type Command } from '../command.ts';

export const lintCommand: Command = {
  usage: [
    'Usage: oig lint <file>… [--json]',
    '',
    'Checks each Workflows export file: envelope, folders, flows, card addresses, wires, card order,',
    'Call Flow targets and field names, delegated form fields. Each message says whether the rule is',
    'observed in real exports, documented by Okta, or inferred.',
    '',
    'Exit codes: 0 no errors (warnings may be printed), 1 errors found, 2 usage or unreadable file.',
  ].join('\n'),
  async run(args) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
    if (!positionals.length) throw new UsageError('name the file to check, e.g. oig lint connector/templates/label-resources/label-resources.folder');
    let failed = false;
    const reports = [];
    for (const file of positionals) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        process.stderr.write(`oig lint: can't read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        return 2;
      }
      const report = lintFlopackText(text);
      failed ||= report.errors > 0;
      reports.push({ file, ...report });
      if (!values.json) {
        for (const issue of report.issues) process.stdout.write(`${file}: ${formatIssue(issue)}\n`);
        process.stderr.write(`oig lint: ${file}: ${report.flows} flows, ${report.cards} cards, ${report.errors} errors, ${report.warnings} warnings\n`);
      }
    }
    if (values.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
    return failed ? 1 : 0;
  },
};
