/** An imported SSDA903 return, printed: no child ID, UPN, postcode, URN or date of birth in any PDF or Word file, public or restricted. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src/import/ssda903.js';
import { handWorkedReturn } from '../fixtures/ssda903.js';
import { AUTHORITY_YAML, readPdf, spawnCli, tempProject } from '../helpers.js';

describe('a return imported and printed', () => {
  it('keeps what identifies a child out of the PDFs and Word files', async () => {
    const dir = tempProject({ 'data/example-town/authority.yaml': AUTHORITY_YAML, 'data/example-town/2024-25.yaml': 'year: 2024-25\n' });
    const tables = handWorkedReturn();
    for (const [name, text] of Object.entries(tables)) writeFileSync(join(dir, name), text);
    expect((await spawnCli(['import', 'ssda903', ...Object.keys(tables), '--authority', 'example-town', '--year', '2024-25'], dir)).code).toBe(0);
    const run = await spawnCli(['build', '--audience', 'all', '--only', 'annual-report', 'data/example-town'], dir);
    expect(run.code, run.stderr).toBe(0);
    const secrets = ['LE1 7RH', 'NG7 2QL', 'SC123456'];
    for (const line of tables['header.csv']!.split('\r\n').slice(1).filter(Boolean)) {
      const [id, , dob, , upn] = line.split(',');
      secrets.push(id!, upn!, dob!, isoDate(dob!)!);
    }
    const folder = join(dir, 'out/example-town/2024-25');
    const pdfs = [join(folder, 'annual-report.pdf'), ...readdirSync(join(folder, 'restricted')).filter((f) => f.endsWith('.pdf')).map((f) => join(folder, 'restricted', f))];
    expect(pdfs).toHaveLength(2);
    for (const file of pdfs) {
      const { text } = await readPdf(readFileSync(file));
      expect(text).toContain('Children placed');
      for (const secret of secrets) expect(text.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    for (const file of pdfs.map((f) => f.replace(/\.pdf$/, '.docx'))) {
      const xml = Object.values(unzipSync(readFileSync(file))).map((bytes) => strFromU8(bytes)).join('\n');
      expect(xml).toContain('Children placed');
      for (const secret of secrets) expect(xml.includes(secret), `${secret} in ${file}`).toBe(false);
    }
  });
});
